"""Loading the coach: what importing it pulls in, and the load-time fast paths held to the plain
ways of building the same tables (same values, same order)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tending.coach
from tending.coach.data_files import read_data_text, toml_document
from tending.coach.lexicon import Lexicon, load_lexicon
from tending.coach.patterns import _class_heads, _triggers, load_patterns
from tending.coach.planning import PatternIndex
from tending.domain.errors import FormatProblem

NOT_LOADED = (
    "tomllib", "json", "tending.coach.composers", "tending.domain.moments",
    "tending.coach.resources",  # (read when a message first needs the help pointers)
    "dataclasses", "inspect",  # (the coach's records are written out: test_records.py)
)  # fmt: skip


def test_loading_the_coach_leaves_out_what_it_does_not_need() -> None:
    probe = (
        "import sys; from tending.coach import load_coach; load_coach(); "
        f"print([name for name in {NOT_LOADED!r} if name in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("first", ["analyze", "read"])
def test_the_first_analyze_or_read_loads_the_coach_and_calls_it_directly(first: str) -> None:
    """The module's `analyze` and `read` load the coach on the first call of either, and call
    its glue's steps directly from then on (`analyzer._publish`)."""
    probe = (
        "from tending.coach import analyze, read, analyzer as a; "
        f"first = {first}('You never help with the dishes.'); c = a.load_coach(); "
        "print(first.flags, analyze('You never help').flags, read('ok').flags, "
        "a._whole == c._glue.whole, a._read_whole == c._glue.read_whole)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["('absolute',", "'blame')", "('absolute',", "'blame')", "()",
                                  "True", "True"]  # fmt: skip


def test_the_module_follows_the_coach_glue_made_anew() -> None:
    """Setting the process coach's second opinion makes its glue anew: the module's `analyze`
    and `read` call the new one's steps."""
    from tending.coach import analyze, analyzer, read

    coach = analyzer.load_coach()
    before = coach._glue
    coach.learned = coach.learned
    assert coach._glue is not before
    assert analyzer._whole == coach._glue.whole
    assert analyzer._read_whole == coach._glue.read_whole
    text = "I feel lonely when you're on your phone."
    assert analyze(text) == coach.analyze(text) and read(text) == coach.read(text)


def test_every_public_name_resolves() -> None:
    from tending.coach import composers

    for name in tending.coach.__all__:
        assert getattr(tending.coach, name) is not None
    assert tending.coach.check_story is composers.check_story
    with pytest.raises(AttributeError):
        _ = tending.coach.no_such_name  # type: ignore[attr-defined]


def plain_triggers(raw: list[str], lexicon: Lexicon) -> tuple[tuple[frozenset[str], ...], ...]:
    """Each entry split at `+`, a part a word or a class's first words (no shortcut)."""
    entries = []
    for entry in raw:
        sets = []
        for part in entry.split("+"):
            if part.startswith("@"):
                if part[1:] not in lexicon.classes:
                    raise FormatProblem(f"unknown trigger class {part}")
                sets.append(_class_heads(lexicon.classes[part[1:]]))
            else:
                sets.append(frozenset((part,)))
        entries.append(tuple(sets))
    return tuple(dict.fromkeys(entries))


def test_triggers_read_as_the_plain_way_on_every_pattern() -> None:
    lexicon = load_lexicon()
    rows = toml_document("patterns.toml", read_data_text("patterns.toml"))["pattern"]
    for row in rows:
        assert _triggers(row["trigger"], lexicon, "x") == plain_triggers(row["trigger"], lexicon)


PART = st.sampled_from(["i", "feel", "you", "a@b", "@feeling", "@insult", "@lead", "@nope", ""])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(PART, min_size=1, max_size=3).map("+".join), min_size=1, max_size=6))
def test_triggers_read_as_the_plain_way_on_made_up_entries(raw: list[str]) -> None:
    lexicon = load_lexicon()
    try:
        expected = plain_triggers(raw, lexicon)
    except FormatProblem:
        with pytest.raises(FormatProblem, match="unknown trigger class"):
            _triggers(raw, lexicon, "x")
        return
    assert _triggers(raw, lexicon, "x") == expected


def test_trigger_index_is_filed_as_the_plain_way() -> None:
    lexicon = load_lexicon()
    patterns = tuple(load_patterns(lexicon))
    built = PatternIndex(lexicon, patterns)
    index: dict[str, list[tuple[int, tuple[frozenset[str], ...]]]] = {}
    keys = []
    for number, pattern in enumerate(patterns):
        words: set[str] = set()
        for entry in pattern.trigger_parts:
            smallest = min(range(len(entry)), key=lambda i: len(entry[i]))
            others = entry[:smallest] + entry[smallest + 1 :]
            words.update(entry[smallest])
            for word in entry[smallest]:
                index.setdefault(word, []).append((number, others))
        keys.append(frozenset(words))
    needs = [pattern.context is not None for pattern in patterns]
    replies = {word: [e for e in entries if needs[e[0]]] for word, entries in index.items()}
    pending = {word: [e for e in entries if not needs[e[0]]] for word, entries in index.items()}
    assert list(built._index.items()) == list(index.items())
    assert built._trigger_keys == keys
    assert list(built._replies.items()) == [(w, e) for w, e in replies.items() if e]
    assert list(built._pending.items()) == [(w, e) for w, e in pending.items() if e]
    assert all(built._pending[word] is not built._index[word] for word in built._pending)
