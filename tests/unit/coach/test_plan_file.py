"""The shipped plans (`coach/data/plans.json.gz`, `plan_file.py`) answer as planning would."""

from __future__ import annotations

from functools import cache

from tending.coach import plan_file
from tending.coach.choosing import Chooser, Ranks, unless_gate
from tending.coach.heads import HOLDS, gate
from tending.coach.lexicon import load_lexicon
from tending.coach.literals import common_cost
from tending.coach.patterns import Pattern, load_patterns
from tending.coach.plan_file import PlanFile, build, gates, spans


@cache
def _patterns() -> tuple[tuple[Pattern, ...], frozenset[str]]:
    lexicon = load_lexicon()
    return tuple(load_patterns(lexicon)), lexicon.stopwords.get("en", frozenset())


def test_the_shipped_file_is_current() -> None:
    """Fails when a pattern, a word class or the stopwords changed and the file was not
    written again: run `make coach-model` (or `python -m tending.coach.plan_file`)."""
    stale = "plans.json.gz is stale: make coach-model"
    assert plan_file._packaged().decode() == plan_file.written(), stale


def test_every_pattern_reads_as_worked_out() -> None:
    """For every pattern and `unless`: the alternatives, their clauses and their head gates
    read from the file are those planning works out."""
    patterns, common = _patterns()
    shipped = PlanFile(common)
    cost = common_cost(common)
    for source, with_heads, _ in plan_file.expressions(patterns):
        found = shipped.lookup(source)
        assert found is not None, source[:80]
        want = gates(source, cost)
        assert found[0] == want, source[:80]
        if want is not None and with_heads:
            assert found[1] == [gate(piece) for piece in want[0]], source[:80]


def test_every_choice_reads_as_worked_out() -> None:
    """For every pattern: what each alternative is filed under and checks (`Chooser`), and
    for every `unless` the words it needs, read from the file are what planning works out;
    the alternatives' text, made from the file's spans when needed, is the cut's."""
    patterns, common = _patterns()
    shipped = PlanFile(common)
    cost, rank = common_cost(common), Ranks(common)
    for pattern in patterns:
        want = gates(pattern.source, cost)
        found = shipped.entry(pattern.source, pattern.trigger_parts)
        assert found is not None, pattern.id
        if want is None:
            assert found == (None, None, None), pattern.id
        else:
            choose = Chooser(pattern.trigger_parts, rank)
            assert found[2] == [choose(clauses) for clauses in want[1]], pattern.id
            assert [pieces[order] for pieces, order in found[0][0]] == want[0], pattern.id
        if pattern.unless:
            unless = gates(pattern.unless, cost)
            expected = None if unless is None else unless_gate(unless[1], rank)
            assert shipped.unless_gate(pattern.unless) == (True, expected), pattern.id


def test_a_choice_for_another_trigger_is_worked_out() -> None:
    common = frozenset({"i", "a"})
    source = r"\bi (?:am|was) (?:sad|low)\b"
    parts = ((frozenset({"sad", "low"}),),)
    shipped = PlanFile(common, build([(source, True, parts)], common))
    found = shipped.entry(source, parts)
    assert found is not None and found[2] is not None
    # filed under "am" and "sad", needing "i" too; "sad" already meets the trigger
    am, sad = frozenset({"am"}), frozenset({"sad"})
    assert found[2][0] == (am, sad, frozenset({"i", "sad"}), (), False)
    other = shipped.entry(source, ((frozenset({"sad"}),),))  # (the pattern's trigger edited)
    assert other is not None and other[2] is None
    assert other[0] == gates(source, common_cost(common))  # (worked out again from these)
    assert shipped.unless_gate(source) == (False, None)  # (written as a pattern's, not an unless)


def test_an_expression_the_file_does_not_hold_is_worked_out() -> None:
    common = frozenset({"i", "a"})
    text = build([(r"\bi (?:am|was) (?:sad|low)\b", True), ("(", True)], common)
    shipped = PlanFile(common, text)
    assert shipped.lookup(r"\bi am sad\b") is None  # not in the file
    found = shipped.lookup(r"\bi (?:am|was) (?:sad|low)\b")
    assert found is not None
    (pieces, clauses), heads = found
    assert pieces == [r"\bi am sad\b", r"\bi am low\b", r"\bi was sad\b", r"\bi was low\b"]
    assert clauses[0] == [frozenset({"am"}), frozenset({"i"}), frozenset({"sad"})]
    assert heads == [(HOLDS, piece[2:-2]) for piece in pieces]  # (the run each reads)
    assert shipped.lookup("(") == (None, None)  # kept whole (it does not parse)
    # a file written for other stopwords (or another format) is not read at all
    other = PlanFile(frozenset({"i"}), text)
    assert other.lookup(r"\bi (?:am|was) (?:sad|low)\b") is None
    assert PlanFile(common, "not json").lookup("(") is None


def test_spans_rebuild_the_piece() -> None:
    source = r"^(?:so |hey )?(?:i|we) (?:feel|felt) (?:sad|low)$"
    for piece in (r"^so i feel low$", r"^hey we felt sad$", "(?:i|we) "):
        found = spans(piece, source)
        assert "".join(source[a:b] for a, b in zip(found[::2], found[1::2], strict=True)) == piece


def test_trigger_digest_with_kept_parts_is_the_same() -> None:
    """A trigger's key written from the parts kept as written (as planning reads the file)
    is the key the file was written with, for every pattern (and again once all are kept)."""
    patterns, _ = _patterns()
    kept: dict[frozenset[str], str] = {}
    for _ in range(2):
        for pattern in patterns:
            want = plan_file.trigger_digest(pattern.trigger_parts)
            assert plan_file.trigger_digest(pattern.trigger_parts, kept) == want, pattern.id
