"""The fast paths of the coach answer exactly as the plain ones.

The rule engine cuts patterns into alternatives and searches only those whose words are in the
message (`rules.py`, `literals.py`). These tests hold it to the plain path, which searches every
triggered pattern whole: the same analysis, field by field, on hundreds of varied messages, and
for every alternative, the words it was filed under are in every text it matches.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path
from types import ModuleType

import pytest

from tending.coach import searching
from tending.coach.alternatives import fast_start, split_alternatives
from tending.coach.analyzer import Coach, load_coach
from tending.coach.lexicon import load_lexicon
from tending.coach.rules import (
    NEGATION,
    Hit,
    RuleEngine,
    load_engine,
    load_patterns,
    sentence_around,
)
from tending.coach.stems import stems
from tending.coach.triggers import all_present
from tending.coach.word_ids import BITMAP_MARK, LONG_SET

DATA = Path(__file__).parents[2] / "data" / "coach"
EXTRAS = ["🙄", "❤️", "<3", "  ", "\n", "sooo", "u", "dont", "im", "İ", "ß", "’", "!!",
          "lol", "\t", "😂", "👍🏽", "rn", "ur", "never", "always", "you", "i feel", "not",
          "?"]  # fmt: skip


def corpus_texts() -> list[tuple[str, str | None]]:
    rows = []
    for name in ("conformance.jsonl", "dev.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                row = json.loads(line)
                rows.append((row["text"], row.get("context")))
    return rows


def varied_texts(count: int = 700, seed: int = 11) -> list[tuple[str, str | None]]:
    """Labelled lines as written, and bent: shouted, shuffled, joined, spelled as chat."""
    base = corpus_texts()
    texts = [(pattern.example, None) for pattern in load_engine().patterns]
    rng = random.Random(seed)
    plain = [text for text, _ in base]
    for _ in range(count):
        text, context = rng.choice(base)
        roll = rng.random()
        if roll < 0.2:
            text = text.upper()
        elif roll < 0.4:
            text = f"{text} {rng.choice(EXTRAS)} {rng.choice(plain)}"
        elif roll < 0.6:
            words = text.split()
            rng.shuffle(words)
            text = " ".join(words)
        elif roll < 0.8:
            words = text.split()
            words.insert(rng.randrange(len(words) + 1), rng.choice(EXTRAS))
            text = " ".join(words)
        else:
            text = text.lower().replace(" ", rng.choice(["  ", " ", "\n", ", "]))
        texts.append((text, context))
    return texts


TEXTS = varied_texts()


@pytest.mark.parametrize("twin", [False, True], ids=["as-built", "python-twin"])
def test_analyses_equal_the_plain_path_field_by_field(twin: bool) -> None:
    """On a fresh engine (patterns searched whole until searching them whole has cost what
    planning them would, then planned; here planned at once) and once every pattern is
    planned; with the inner loop as built (C where `_engine` is built) and its Python twin."""
    lexicon = load_lexicon()
    engine = RuleEngine(lexicon, load_patterns(lexicon))
    if twin:
        engine.search_planned = searching.search_planned
        engine.triggered_pending = searching.triggered_pending
        engine.run_planned = searching.run_planned
    engine._plan_cost = [2_000_000 * (n % 3) for n in range(len(engine.patterns))]  # a mix
    fast = Coach(engine)
    plain = Coach(load_engine(), reference=True)
    for planned_all in (False, True):
        if planned_all:
            engine.plan_all()
        for text, context in TEXTS:
            got = fast.analyze(text, context)
            want = plain.analyze(text, context)
            for field in ("flags", "tone", "depth", "evidence", "suggestions", "language"):
                assert getattr(got, field) == getattr(want, field), (field, text, planned_all)
    assert load_coach().analyze(TEXTS[0][0]) == plain.analyze(TEXTS[0][0])


def _engine_built() -> ModuleType:
    """The C build of the engine's loops; skips where it is not built (installed without a C
    compiler), except under CI, which installs with one and must test it."""
    if os.environ.get("CI"):
        from tending.coach import _engine

        return _engine
    return pytest.importorskip("tending.coach._engine")


def test_the_engine_runs_its_c_loops_where_they_are_built() -> None:
    engine_c = _engine_built()
    engine = RuleEngine(load_lexicon(), load_patterns(load_lexicon()))
    assert engine.search_planned is engine_c.search_planned
    assert engine.triggered_pending is engine_c.triggered_pending
    assert engine.run_planned is engine_c.run_planned


def test_search_planned_in_c_finds_what_its_python_twin_finds() -> None:
    """`_engine.search_planned` (C) keeps the same match of the same patterns as the Python
    twin in `searching.py`, on every varied text, with every pattern planned, starting from
    nothing found and from a match a pattern searched whole already gave."""
    engine_c = _engine_built()
    engine = load_engine()
    engine.plan_all()
    for text, _ in TEXTS:
        normalized = engine.normalizer.normalize(text)
        words = stems(normalized.words)
        for start in ({}, {0: re.compile("$").search(normalized.text)}):
            got: dict[int, re.Match[str]] = dict(start)  # type: ignore[arg-type]
            want: dict[int, re.Match[str]] = dict(start)  # type: ignore[arg-type]
            arguments = (normalized.text, engine._records)
            engine_c.search_planned(words, *arguments, got, engine._regex, engine._ids.ids)
            searching.search_planned(words, *arguments, want, engine._regex, engine._ids.ids)
            assert list(got) == list(want), text
            assert [m.span() for m in got.values()] == [m.span() for m in want.values()], text
            assert all(got[n] is want[n] or got[n].re is want[n].re for n in got), text


def test_run_planned_in_c_gives_the_hits_its_python_twin_gives() -> None:
    """`_engine.run_planned` (C: search, checks, hits, implied hits) gives the same hits as
    the Python twin on every varied text and on each text's sentences joined by other marks
    (the sentence an `unless` reads, the negation before a match), with every pattern
    planned; and as the plain path (every triggered pattern searched whole)."""
    engine_c = _engine_built()
    engine = load_engine()
    engine.plan_all()
    ids = engine._ids.ids  # the index's tables and records by word number are its entries'
    assert all(
        engine._by_id[ids[word]] is entry[3] and engine._records_by_id[ids[word]] is entry[4]
        for word, entry in engine._records.items()
    )
    assert sum(entry is not None for entry in engine._by_id) == len(engine._records)
    implied = 0
    for text, _ in TEXTS:
        for bent in (text, text.replace(".", ";").replace(",", "!"), f"no. {text}\nnot {text}"):
            normalized = engine.normalizer.normalize(bent)
            words = stems(normalized.words)
            arguments = (words, normalized.text, engine._records, engine._regex,
                         engine._ids.ids, engine._finish)  # fmt: skip
            got = engine_c.run_planned(*arguments)
            assert got == searching.run_planned(*arguments), bent
            assert all(type(hit) is Hit for hit in got), bent
            assert sorted(got) == sorted(engine.run_reference(normalized)), bent
            implied += sum(hit.rule == "imply" for hit in got)
    assert implied > 10  # the texts hold implications, so the comparison says something


def test_every_unless_alternative_gates_as_the_whole_unless() -> None:
    """An `unless` cut into alternatives, each searched only when the message holds its words
    (and the gate's), answers as the whole `unless` on every varied text's sentences, for
    every pattern with one (but those that read a reply), whatever the pattern matched."""
    engine = load_engine()
    engine.plan_all()
    guarded = [  # (a pattern that reads a reply is searched whole, with its checks whole)
        (n, engine._guards[n]) for n, p in enumerate(engine.patterns)
        if p.unless and p.context is None
    ]  # fmt: skip
    assert guarded and all(guard is not None for _, guard in guarded)
    for _, (_, (always, by_word), _, gate, _, _) in guarded:  # type: ignore[misc]
        # the gate is the words alternatives are filed under (the C build reads it so)
        assert gate is None or (not always and gate == set(by_word))
    for text, _ in TEXTS:
        normalized = engine.normalizer.normalize(text)
        words, bare = stems(normalized.words), normalized.text
        for number, guard in guarded:
            whole = engine.checks(number)[0]
            assert whole is not None
            kept = (None, guard[1], False, *guard[3:])  # the unless alone
            for start, end in ((0, len(bare)), (len(bare) // 2, len(bare) // 2)):
                want = whole.search(sentence_around(bare, start, end)) is None
                got = searching.passes_guard(
                    kept, bare, words, start, end, engine._unless_regex, NEGATION  # type: ignore[arg-type]
                )  # fmt: skip
                assert got == want, (engine.patterns[number].id, text)


def test_a_requires_told_by_the_words_answers_as_its_search() -> None:
    """A `requires` that the message's words answer without a search (`RequiresGate`: a word
    it needs missing, or every word of a clause of the X of a `^(?!X)`), or its alternatives'
    leads (`searching.proven`), answers as searching it does, on every varied text (here
    through the Python twin; C's `run_planned` is held to the twin's hits on the same texts
    above, and both to the plain path)."""
    engine = load_engine()
    engine.plan_all()
    told = [
        (number, guard) for number, guard in enumerate(engine._guards)
        if guard is not None and guard[0] is not None and guard[5] is not None
    ]  # fmt: skip
    assert any(guard[5][1] for _, guard in told)  # (the `^(?!X)` requires is among them)
    assert any(guard[5][4] and guard[5][4][1] for _, guard in told)  # (and some all leads)
    skipped = 0
    for text, _ in TEXTS:
        normalized = engine.normalizer.normalize(text)
        words, bare = stems(normalized.words), normalized.text
        for number, guard in told:
            want = guard[0].search(bare) is not None
            alone = (guard[0], None, False, None, None, guard[5])  # the requires alone
            got = searching.passes_guard(
                alone, bare, words, 0, 0, engine._unless_regex, NEGATION  # type: ignore[arg-type]
            )  # fmt: skip
            assert got == want, (engine.patterns[number].id, text)
            skipped += not all_present(guard[5][1], words) or not all_present(guard[5][0], words)
    assert skipped > 100  # (the words answer most texts)


def test_triggered_pending_in_c_finds_what_its_python_twin_finds() -> None:
    """`_engine.triggered_pending` (C) gives the patterns not planned yet that each varied
    text triggers as the Python twin does, and as `candidates` (the plain trigger check)."""
    engine_c = _engine_built()
    lexicon = load_lexicon()
    engine = RuleEngine(lexicon, load_patterns(lexicon))  # nothing planned yet
    replies = {n for n, pattern in enumerate(engine.patterns) if pattern.context is not None}
    for text, _ in TEXTS:
        words = stems(engine.normalizer.normalize(text).words)
        arguments = (words, engine._pending_set, engine._pending_split, engine._split_pending)
        got = engine_c.triggered_pending(*arguments)
        assert got == searching.triggered_pending(*arguments), text
        assert got == [n for n in engine.candidates(words) if n not in replies], text


def test_the_pending_gate_in_c_answers_as_its_twin_and_never_misses_a_trigger() -> None:
    """`run_planned` (C, and its Python twin alike) answers None, without searching, when the
    message may trigger a pattern not planned yet, as its pending gate tells (a word's gate
    not worked out yet, or one of its second words present). A message that
    `triggered_pending` finds triggers a pattern is always told None: on a fresh engine, with
    the patterns a word triggers alone planned (the others need a second word), before and
    after every pending word's gate is worked out (then many messages holding a pending word
    but none of its second words pass), and with one more planned (its words' gates reset)."""
    engine_c = _engine_built()
    lexicon = load_lexicon()
    engine = RuleEngine(lexicon, load_patterns(lexicon))  # nothing planned yet
    ids = engine._ids.ids
    assert all(ids[word] < len(engine._pending_gate) for word in engine._pending)

    def check() -> int:
        """Compare on every varied text; how many hold a pending word and pass the gate."""
        passed = 0
        for text, _ in TEXTS:
            normalized = engine.normalizer.normalize(text)
            words = engine.stems(normalized.words)
            arguments = (words, engine._pending_set, engine._pending_split, engine._split_pending)
            triggered = searching.triggered_pending(*arguments)
            for numbers in (engine._numbers, ids):
                planned = (words, normalized.text, engine._records, engine._regex, numbers,
                           engine._finish)  # fmt: skip
                got = engine_c.run_planned(*planned)
                assert (got is None) == (searching.run_planned(*planned) is None), text
                assert got is None or not triggered, (text, triggered)
            passed += got is not None and not words.isdisjoint(engine._pending_set)
        return passed

    check()
    alone = [n for n, p in enumerate(engine.patterns) if any(len(e) == 1 for e in p.trigger_parts)]
    engine._plan(alone[0])  # (as `plan_all`: the first alone, the rest in one batch)
    with engine._lock:
        engine._plan_batch(alone[1:])
    assert engine._pending and b"" in engine._pending_gate  # (some gates reset)
    check()
    for word in list(engine._pending):
        engine._split_pending(word)
    gates = [engine._pending_gate[ids[word]] for word in engine._pending]
    assert all(gates)  # (none alone), as numbers and, for many second words, as a bitmap
    assert any(gate.startswith(BITMAP_MARK) for gate in gates)  # type: ignore[union-attr]
    assert any(not gate.startswith(BITMAP_MARK) for gate in gates)  # type: ignore[union-attr]
    assert check() > len(TEXTS) // 10
    engine._plan(next(n for n, plan in enumerate(engine._plans) if plan is None))
    assert b"" in engine._pending_gate  # (its words' gates reset)
    check()


def test_every_alternative_needs_the_words_it_is_filed_under() -> None:
    """The index is sound: wherever an alternative matches a triggered message, its keys and
    the rest of its words are all in the message."""
    engine = load_engine()
    engine.plan_all()
    filed: dict[int, set[str]] = {}
    alternatives = {}
    for word, (alone, by_second, *_) in engine._records.items():
        buckets = {"": alone, **(by_second or {})}
        for second, records in buckets.items():
            for record in records:
                alternative = alternatives[id(record[5])] = record[5]
                filed.setdefault(id(alternative), set()).add(f"{word}+{second}")
    normalized = [engine.normalizer.normalize(text) for text, _ in TEXTS]
    for alternative in alternatives.values():
        for item in normalized:
            if engine._search(alternative, item.text) is None:
                continue
            if alternative.pattern not in engine.candidates(item.words):
                continue  # the trigger is not met: neither path tries the pattern
            words = stems(item.words)
            assert alternative.need <= words, alternative.source
            assert all(not clause.isdisjoint(words) for clause in alternative.rest)
            keys = [key.split("+") for key in filed[id(alternative)]]
            assert any(w in words and (s == "" or s in words) for w, s in keys), alternative.source


@pytest.mark.parametrize(
    ("source", "pieces"),
    [
        (r"\b(?:ab|c(?:d|e)f|g)\b", [r"\bab\b", r"\bcdf\b", r"\bcef\b", r"\bg\b"]),
        (r"^(?:x|y)*z|\bq", [r"^(?:x|y)*z", r"\bq"]),  # a repeated group stays whole
        (r"(?<!you )\b(?:feel|felt) (?:a|b)", [r"(?<!you )\bfeel a", r"(?<!you )\bfeel b",
                                               r"(?<!you )\bfelt a", r"(?<!you )\bfelt b"]),
        (r"(?i)a|b", [r"(?i)a|b"]),  # global flags: left whole
        (r"[|(](?:a|b)", [r"[|(]a", r"[|(]b"]),
    ],
)
def test_split_alternatives(source: str, pieces: list[str]) -> None:
    assert split_alternatives(source) == pieces


def test_suggestions_worked_out_on_first_read_are_the_same_value() -> None:
    import pickle
    from dataclasses import FrozenInstanceError

    from tending.coach import analyze

    text = "You never listen to me, it's always about you."
    lazy = analyze(text)
    eager = Coach(load_engine(), reference=True).analyze(text)
    assert lazy == eager and hash(lazy) == hash(eager) and repr(lazy) == repr(eager)
    assert lazy.suggestions and lazy.suggestions == eager.suggestions
    assert pickle.loads(pickle.dumps(analyze(text))) == eager
    with pytest.raises(FrozenInstanceError):
        lazy.tone = "positive"  # type: ignore[misc]


def test_threads_planning_at_once_give_the_plain_answers() -> None:
    """Patterns get planned while other threads read: no thread sees one half planned."""
    from concurrent.futures import ThreadPoolExecutor

    lexicon = load_lexicon()
    engine = RuleEngine(lexicon, load_patterns(lexicon))
    engine._plan_cost = [0] * len(engine.patterns)  # plan at the first trigger, in any thread
    fast = Coach(engine)
    plain = Coach(load_engine(), reference=True)
    texts = [text for text, _ in TEXTS[:400]] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(fast.analyze, texts))
    assert got == [plain.analyze(text) for text in texts]


@pytest.mark.parametrize(
    ("source", "written"),
    [
        (r"\bxx+\b", r"x(?<=\bx)x+\b"),
        (r"\bi love you\b|^ok|\bmy\b", r"i(?<=\bi) love you\b|^ok|m(?<=\bm)y\b"),
        (r"\bx?y", r"\bx?y"),  # a repeated first letter stays as written
        (r"\b(?:a|b)c", r"(?:a(?<=\ba)|b(?<=\bb))c"),  # a group of plain words: the edge in each
        (r"(?<!you )\b(?:feel|felt) x", r"(?:f(?<=(?<!you )\bf)(?:eel|elt)) x"),
        (r"\b(?:a|b)?c|\b(?:a|b+)c", r"\b(?:a|b)?c|\b(?:a|b+)c"),  # repeated, or not plain
        (r"(?i)\bab", r"(?i)\bab"),  # global flags: left whole
        (r'\b"busy"', r'"(?<=\b")busy"'),  # a quote or a comma as the first character
        (r"\b, remember\?", r",(?<=\b,) remember\?"),
        (r"\b[.!?]\s*so", r"[.!?](?<=\b[.!?])\s*so"),  # a small class
        (r"\b\d+ years", r"\b\d+ years"),  # an escape or a repeated item stays as written
        (r'\b"?x', r'\b"?x'),
        (r"\b[\w]x|\b x", r"\b[\w]x|\b x"),  # an escape in a class, a space
    ],
)
def test_fast_start(source: str, written: str) -> None:
    assert fast_start(source) == written


@pytest.mark.parametrize(
    ("source", "written"),
    [  # alternatives of plain words grouped by first character, each group in its own order
        ("x(?:sad|shy|low|lost|calm|s|cold|sore|sorry|sober)", "x(?:s(?:ad|hy||ore|orry|ober)"
         "|l(?:ow|ost)|c(?:alm|old))"),
        ("(?:sab|sac|sob|soc|sa|x|y|z)", "(?:s(?:a(?:b|c|)|o(?:b|c))|x|y|z)"),  # and again
        (r"(?:\-a|b|c|d|e|f|g|-h)", r"(?:\-(?:a|h)|b|c|d|e|f|g)"),  # `\-` is `-`
        (r"(?:a|b|c|d|e|f|g)", r"(?:a|b|c|d|e|f|g)"),  # fewer than 8: as written
        (r"(?:a|b|c|d|e|f|g|h+)", r"(?:a|b|c|d|e|f|g|h+)"),  # not all plain
        (r"(?i:x)(?:a|b|c|d|e|f|g|h)", r"(?i:x)(?:a|b|c|d|e|f|g|h)"),  # flags: as written
    ],
)
def test_fast_start_groups_plain_alternatives_by_first_character(
    source: str, written: str
) -> None:
    assert fast_start(source, group=True) == written


def test_fast_start_finds_the_same_spans() -> None:
    """Every alternative, and every whole pattern, written by `fast_start` (with its plain
    alternations grouped by first character and without) matches the varied
    texts at exactly the spans of the expression as written."""
    engine = load_engine()
    engine.plan_all()
    sources = [p.source for p in engine.patterns]
    sources += [a.source for cut in engine._cut for a in cut]
    texts = [engine.normalizer.normalize(text).text for text, _ in TEXTS[:150]]
    texts += ["x", "xx", "axx", "xx.", "", "i", "ai love you", 'a "busy" day', '"busy"',
              'so, remember?', ', remember?', "ok. so", ". so", "a. so", "sore", "so sorry",
              "you feel", "he felt sad", "i feel so", "ok so sad", "calm cold low lost"]
    for source in sources:
        plain = re.compile(source)
        fast, grouped = re.compile(fast_start(source)), re.compile(fast_start(source, group=True))
        for text in texts:
            want, got = plain.search(text), fast.search(text)
            assert (want and want.span()) == (got and got.span()), (source, text)
            got = grouped.search(text)
            assert (want and want.span()) == (got and got.span()), (source, text)


def test_emoji_found_where_they_start_as_by_finditer() -> None:
    """`_emoji_changes` tries the emoji pattern only where an emoji can start: the same changes
    as trying it at every position."""
    from tending.coach.normalize import TAIL_CHARS

    normalizer = load_engine().normalizer
    keys = sorted(normalizer._emoji)
    rng = random.Random(5)
    texts = [text.lower() for text, _ in TEXTS]
    for _ in range(500):
        parts = [rng.choice(keys + ["a", " ", "<", "3", "é", "\ufe0f", "🏽", "ß", "x"])
                 for _ in range(rng.randint(0, 12))]  # fmt: skip
        texts.append("".join(parts))
    for low in texts:
        want = []
        for match in normalizer._emoji_pattern.finditer(low):
            found = normalizer._emoji.get(match.group().rstrip(TAIL_CHARS))
            if found:
                want.append((match.start(), match.end(), f" {found} "))
        assert normalizer._emoji_changes(low) == want, low


def _syntax_walk(source: str) -> list[tuple[int, str]]:
    """The plain walk `alternatives._syntax` stands for: each `(`, `)`, `|` outside escapes and
    character classes (a class read as `_class_end` reads it)."""
    from tending.coach.alternatives import _class_end

    found = []
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
        elif char == "[":
            index = _class_end(source, index)
        else:
            if char in "()|":
                found.append((index, char))
            index += 1
    return found


def test_syntax_marks_and_words_read_item_by_item_are_those_of_the_plain_walk() -> None:
    """`_syntax` (one regular expression) finds what a walk over every character finds, and
    `required_words` (items parsed apart and kept) reads what parsing each expression whole
    reads, on every alternative and `unless` of the patterns and on odd expressions."""
    from re import _parser as sre_parse  # type: ignore[attr-defined]

    from tending.coach.alternatives import _syntax
    from tending.coach.literals import CASE_FLAGS, Reader, required_words

    engine = load_engine()
    odd = [r"a\(b|[|(](?:a|b)", r"[a", "x\\", r"(?#c)a|b", r"[]|]a|b", r"[^]|]x|(?:y|z)w",
           r"\ba(b)\1", r"a**", r"\b(?:x|y)(?i:z)\b", r"(?:a|b", r"ab?c{2}d+e*f", "[\\]]|\\\n("]
    sources = odd + [
        piece
        for pattern in engine.patterns
        for whole in (pattern.source, pattern.unless or "")
        for piece in split_alternatives(whole)
    ]
    for source in sources:
        assert list(_syntax(source)) == _syntax_walk(source), source
        try:
            parsed = sre_parse.parse(source)
        except Exception:  # noqa: BLE001
            assert required_words(source, engine._cost) is None, source
            continue
        reader = Reader(engine._cost)
        pieces = None if parsed.state.flags & CASE_FLAGS else reader.pieces(parsed)
        whole = reader.clauses(pieces, False, False) if pieces is not None else []
        assert required_words(source, engine._cost) == whole, source


def test_script_char_is_the_script_expression_on_every_non_ascii_character() -> None:
    from tending.coach.language import (
        ASCII_WORDS,
        NON_ASCII,
        RAW_WORDS,
        SCRIPT_CHARS,
        script_char,
    )

    for code in range(0x80, 0x110000):
        char = chr(code)
        assert script_char(char) == (SCRIPT_CHARS.match(char) is not None), hex(code)
    text = "Don't 😂 STOP, it's fine ❤️ ok?!"  # no script character: ASCII letters only
    assert not any(map(script_char, NON_ASCII.findall(text)))
    assert ASCII_WORDS.findall(text.lower()) == RAW_WORDS.findall(text.lower())


def test_a_pattern_not_planned_yet_is_charged_the_slower_path_it_costs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each message that triggers a pattern not planned yet takes the Python path and pays
    about `SLOW_PATH_NS` more; that rent counts toward planning the pattern, so a pattern whose
    whole searches cost nothing (a clock that stands still) is still planned once that rent
    reaches its planning cost, and not before."""
    from tending.coach import rules

    monkeypatch.setattr(rules.time, "perf_counter_ns", lambda: 0)
    lexicon = load_lexicon()
    engine = RuleEngine(lexicon, load_patterns(lexicon))
    number = next(n for n, p in enumerate(engine.patterns) if p.context is None)
    example = engine.normalizer.normalize(engine.patterns[number].example)
    words = stems(example.words)
    triggered = engine.triggered_pending(
        words, engine._pending_set, engine._pending_split, engine._split_pending
    )
    assert number in triggered
    engine._plan_cost = [10**15] * len(engine.patterns)
    engine._plan_cost[number] = rules.SLOW_PATH_NS // len(triggered) * 3
    for _ in range(3):
        engine.run(example, words)
        assert engine._plans[number] is None
    engine.run(example, words)  # the fourth trigger plans it
    assert engine._plans[number] is not None


def test_run_planned_in_c_checks_long_word_sets_as_its_twin() -> None:
    """A clause of many words (a word class, a trigger's words: up to 140, where a message
    has about 8 with a number) is checked in C by looking each of the message's numbers up in
    its filter and then in it (`_engine.any_of_long`), not each of its numbers in the
    message: texts holding a few words of such clauses (or none) among a labelled text's give
    the twin's hits."""
    engine_c = _engine_built()
    engine = load_engine()
    engine.plan_all()
    long_sets = sorted(sorted(clause) for clause in engine._ids._written if len(clause) >= LONG_SET)
    assert long_sets
    rng = random.Random(7)
    for _ in range(300):
        words = rng.choice(TEXTS)[0].split()[:12]
        for _ in range(rng.randrange(3)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(rng.choice(long_sets)))
        normalized = engine.normalizer.normalize(" ".join(words))
        arguments = (stems(normalized.words), normalized.text, engine._records, engine._regex,
                     engine._ids.ids, engine._finish)  # fmt: skip
        assert engine_c.run_planned(*arguments) == searching.run_planned(*arguments), words


def test_run_planned_in_c_past_its_arrays_on_the_stack() -> None:
    """A long message (many varied texts joined) has more words, candidates and patterns
    matched than `_engine.c` keeps in its arrays on the stack (64 each): past them it takes
    the heap, with the same hits as the Python twin."""
    engine_c = _engine_built()
    engine = load_engine()
    engine.plan_all()
    rng = random.Random(5)
    for _ in range(6):
        text = ". ".join(rng.choice(TEXTS)[0] for _ in range(150))
        normalized = engine.normalizer.normalize(text)
        words = stems(normalized.words)
        assert len(words) > 64
        arguments = (words, normalized.text, engine._records, engine._regex,
                     engine._ids.ids, engine._finish)  # fmt: skip
        got = engine_c.run_planned(*arguments)
        assert got == searching.run_planned(*arguments)
        assert len({hit.rule for hit in got}) > 64  # (more patterns kept than the stack holds)
