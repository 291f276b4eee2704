"""The steps between the coach's stages, taken with fewer calls and objects, answer as the plain
steps do: `analyze` and `read` as `_analyze_plain` and `_read_plain` (the reference coach),
`[[imply]]` with word gates as without, the sentence around a span as five `rfind`s found it,
the hits kept in their sentence as `_drop_in_sentence` keeps them, the steps after the rules
(`glue.py`) in C and in Python alike, records made by setting slots
(in C by `_normalize.Maker`, or by their Python twins) equal to those their constructors make,
and the language test and the no-flag analysis kept per depth answering as the plain steps.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import model
from tending.coach.analyzer import Coach
from tending.coach.glue import Glue, GlueReference, make_glue
from tending.coach.lexicon import load_lexicon
from tending.coach.model import (
    FLAGS,
    Analysis,
    Evidence,
    deferred_analysis,
    deferred_reference,
    new_evidence,
    new_evidence_reference,
    settled_analysis,
    settled_reference,
)
from tending.coach.normalize import Normalized
from tending.coach.patterns import load_patterns
from tending.coach.rules import Hit, RuleEngine, load_engine, sentence_around
from tending.coach.stems import stems
from tests.unit.coach.test_fast_paths import TEXTS
from tests.unit.coach.test_properties import MESSAGES


def plain_sentence_around(text: str, start: int, end: int) -> str:
    """The sentence around [start, end) as first written: the last mark before, the first after."""
    left = max(text.rfind(mark, 0, start) for mark in ".!?;\n") + 1
    rights = [found for found in (text.find(mark, end) for mark in ".!?;\n") if found >= 0]
    return text[left : min(rights) + 1 if rights else len(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab .!?;\n,", max_size=40), st.data())
def test_sentence_around_is_the_plain_search(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert sentence_around(text, start, end) == plain_sentence_around(text, start, end)


@pytest.fixture(scope="module", params=["built", "python"])
def coaches(request: pytest.FixtureRequest) -> tuple[Coach, Coach]:
    """The fast coach (with the C glue where it is built, then with its Python twin) and
    the plain one. (The fast coach's `analyze` and `read` are the glue's `whole` and
    `read_whole`: the steps before the rules are held to the plain ones too.)"""
    engine = load_engine()
    fast = Coach(engine)
    if request.param == "python":
        fast.use_glue(GlueReference(fast._glue_parts()))
    elif os.environ.get("CI"):  # (CI installs with a C compiler: the C glue must be there)
        assert not isinstance(fast._glue, GlueReference)
    assert fast._whole == fast._glue.whole and fast._read_whole == fast._glue.read_whole
    return fast, Coach(engine, reference=True)


def _same_reading(fast: Coach, plain: Coach, text: str, context: str | None) -> None:
    assert fast.read(text, context) == plain._read_plain(text, context), (text, context)
    got, want = fast.analyze(text, context), plain.analyze(text, context)
    assert got == want, (text, context)
    assert repr(got) == repr(want)


def test_analyze_and_read_are_their_plain_steps_on_varied_texts(
    coaches: tuple[Coach, Coach],
) -> None:
    fast, plain = coaches
    for text, context in TEXTS:
        _same_reading(fast, plain, text, context)
        _same_reading(fast, plain, text, "what would you do?")
        _same_reading(fast, plain, text, "")  # (an empty message answered: as none)


@settings(max_examples=150, deadline=None)
@given(MESSAGES, st.one_of(st.none(), MESSAGES))
def test_analyze_and_read_are_their_plain_steps(
    coaches: tuple[Coach, Coach], text: str, context: str | None
) -> None:
    fast, plain = coaches
    _same_reading(fast, plain, text, context)


@pytest.mark.parametrize("twin", [False, True], ids=["as-built", "python-twin"])
def test_the_glue_runs_the_rules_as_run_does(twin: bool) -> None:
    """The glue calls the engine's `run_planned` itself, and `run_pending` where `run` would go
    on: on a fresh engine (patterns not planned yet: `run_planned` answers None for a message
    that triggers one) and with a message answered that a pattern reads, as without."""
    lexicon = load_lexicon()
    engine = RuleEngine(lexicon, load_patterns(lexicon))
    engine._plan_cost = [2_000_000 * (n % 3) for n in range(len(engine.patterns))]  # a mix
    pending: list[str | None] = []
    run_pending = engine.run_pending

    def spied(normalized: Normalized, words: frozenset[str], context: str | None) -> list[Hit]:
        pending.append(context)
        return run_pending(normalized, words, context)

    engine.run_pending = spied  # type: ignore[method-assign]
    fast = Coach(engine)
    if twin:
        fast.use_glue(GlueReference(fast._glue_parts()))
    plain = Coach(load_engine(), reference=True)
    for text, context in TEXTS[::4]:
        for answered in (None, context, "so what would you do?"):
            assert fast.analyze(text, answered) == plain.analyze(text, answered), text
            assert fast.read(text, answered) == plain._read_plain(text, answered), text
    assert None in pending  # (a pattern not planned yet triggered)
    assert any(context for context in pending)  # (a message answered read by a pattern)
    engine.plan_all()
    planned = len(pending)
    for text, _ in TEXTS[:50]:
        assert fast.analyze(text) == plain.analyze(text), text
    assert len(pending) == planned  # (all planned: one call, run_planned's)


def test_implications_gated_by_words_are_the_plain_ones() -> None:
    engine = load_engine()
    implied = 0
    for text, _ in TEXTS:
        normalized = engine.normalizer.normalize(text)
        hits = engine.run_reference(normalized)
        found = [hit for hit in hits if hit.rule != "imply"]
        words = stems(normalized.words)
        gated = engine._implied_gated(normalized.text, words, found)
        assert gated == engine._implied(normalized.text, found), text
        implied += len(gated)
    assert implied > 10  # the texts hold implications, so the comparison says something


def test_a_reading_kept_per_value_is_the_value(coaches: tuple[Coach, Coach]) -> None:
    fast, plain = coaches
    for text in ("You never help with the dishes.", "ok", "I feel lonely tonight"):
        first, again = fast.read(text), fast.read(text)
        assert first is again  # kept
        assert first == plain._read_plain(text)


def test_records_made_by_setting_slots_are_those_of_their_constructors() -> None:
    made = new_evidence("blame", 3, 9, "why")
    built = Evidence("blame", 3, 9, "why")
    assert (made, hash(made), repr(made)) == (built, hash(built), repr(built))
    assert pickle.loads(pickle.dumps(made)) == built
    fast = settled_analysis(("blame",), "corrective", "others", (made,))
    slow = Analysis(("blame",), "corrective", "others", (built,), (), "en")
    assert (fast, hash(fast), repr(fast)) == (slow, hash(slow), repr(slow))
    assert pickle.dumps(fast) == pickle.dumps(slow)
    assert fast.to_json(1) == slow.to_json(1)


def test_records_made_in_c_are_those_of_the_python_twins() -> None:
    def suggest() -> tuple[str, ...]:
        return ("try this",)

    made = new_evidence("need", 0, 4, "why")
    assert (made, repr(made)) == (new_evidence_reference("need", 0, 4, "why"), repr(made))
    for flags in ((), ("need",), ("blame", "need")):
        fast = settled_analysis(flags, "neutral", "none", (made,))
        plain = settled_reference(flags, "neutral", "none", (made,))
        assert (fast, hash(fast), repr(fast)) == (plain, hash(plain), repr(plain))
        assert pickle.dumps(fast) == pickle.dumps(plain)
        fast = deferred_analysis(flags, "neutral", "event", (), suggest)
        plain = deferred_reference(flags, "neutral", "event", (), suggest)
        assert fast._pending is suggest and fast == plain and fast.suggestions == ("try this",)
        assert Analysis.deferred(flags, "neutral", "event", (), suggest, "en") == fast
    if getattr(model, "Maker", None) is not None:
        with pytest.raises(TypeError):
            new_evidence("need", 0, 4)  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            model.Maker(Evidence, ("flag", "to_json"))
        with pytest.raises(AttributeError):
            model.Maker(Evidence, ("nothing",))
        with pytest.raises(TypeError):  # (at most 16 slots)
            model.Maker(Evidence, ("flag",) * 17)
        # slots are written directly: a name given twice keeps the last value, and the first
        # is let go (no reference left behind)
        first = object()
        held = sys.getrefcount(first)
        twice = model.Maker(Evidence, ("flag", "flag", "start", "end", "why"))(
            first, "need", 0, 4, "why"
        )
        assert twice == made and sys.getrefcount(first) == held


@pytest.mark.parametrize(
    "text",
    ["ok", "see you later", "Good morning ☀️", "", "   ", "😂", "mi did tell yuh fi call mi",
     "¿Dónde está mi casa? Te quiero mucho", "Ich liebe dich und die Kinder", "Привет, как дела",
     "我很想你", "café au lait with you", "per the plan, we go die hard van", "Je t'aime"],
)  # fmt: skip
def test_english_first_and_no_flag_answers_are_the_plain_ones(
    coaches: tuple[Coach, Coach], text: str
) -> None:
    """The language test made in `analyze` before `guess`, and the no-flag analysis kept per
    depth, answer as the plain steps do (and the kept one is handed out again)."""
    fast, plain = coaches
    _same_reading(fast, plain, text, None)
    _same_reading(fast, plain, text, "Te quiero")
    first = fast.analyze(text)
    if not first.flags and first.language == "en":
        assert fast.analyze(text) is first


def _glue_with_guess_spied(fast: Coach) -> tuple[Glue, list[str]]:
    """A glue like `fast`'s (C or twin) whose language guess notes each text it is asked."""
    parts = fast._glue_parts()
    asked: list[str] = []

    def guess(text: str, words: frozenset[str]) -> str:
        asked.append(text)
        return parts.guess(text, words)

    spied = parts._replace(guess=guess)
    glue = GlueReference(spied) if isinstance(fast._glue, GlueReference) else make_glue(spied)
    return glue, asked


def test_every_word_of_another_language_sends_the_text_to_the_guess(
    coaches: tuple[Coach, Coach],
) -> None:
    """The first language test (all ASCII and no word of another language) tells those words
    by their hashes before looking them up (`_glue.c`'s filter): a text that holds one is
    still guessed, and plain English text is not."""
    fast, _ = coaches
    glue, asked = _glue_with_guess_spied(fast)
    normalize = fast.engine.normalizer.normalize
    texts = [f"ok {word} ok" for word in sorted(fast._foreign) if word.isascii()]
    texts = [text for text in texts if not normalize(text).words.isdisjoint(fast._foreign)]
    assert len(texts) > 100
    for text in texts:
        glue.read_whole(text, None)
        glue.whole(text, None, None)
    assert asked == [text for text in texts for _ in range(2)]
    glue.whole("You never help with the dishes.", None, None)
    assert len(asked) == 2 * len(texts)


@pytest.mark.parametrize("twin", [False, True], ids=["as-built", "python-twin"])
def test_words_of_another_language_are_told_whether_their_readings_are_kept(twin: bool) -> None:
    """The C reader marks the words of other languages in the readings it keeps, and the C
    glue's first language test reads those marks (else the words): a text that holds such a
    word is guessed when first read (its tokens not kept yet) and again (kept); an English
    one, neither time. (A fresh engine: no token read before.)"""
    lexicon = load_lexicon()
    fast = Coach(RuleEngine(lexicon, load_patterns(lexicon)))
    if twin:
        fast.use_glue(GlueReference(fast._glue_parts()))
    glue, asked = _glue_with_guess_spied(fast)
    words = sorted(word for word in fast._foreign if word.isascii() and word.isalpha())[::9]
    texts = [f"ok so {word} then" for word in words] + [f"ok {words[0]}, {words[1]}!"]
    english = ["ok so you never help then", "I feel so tired tonight"]
    for _ in range(2):
        asked.clear()
        for text in texts + english:
            glue.whole(text, None, None)
        assert asked == texts
    assert len(texts) > 10


def test_a_text_whose_tokens_tell_the_guess_nothing_is_english_without_it(
    coaches: tuple[Coach, Coach],
) -> None:
    """A text with characters outside ASCII none of whose tokens the guess noted as telling it
    anything (emoji, marks) is English without asking the guess; one with such a token, or one
    not noted yet, asks it; the answers are the plain ones."""
    fast, plain = coaches
    parts = fast._glue_parts()
    glue, asked = _glue_with_guess_spied(fast)
    normalize = fast.engine.normalizer.normalize
    told = []
    for text in ["Good morning ☀️", "Miss you ❤️ xx", "love you 😂😂", "Привет, как дела",
                 "café au lait with you", "ok 🙂 Je t'aime", "je suis là 🙂", "fine\u3000ok ✨"]:
        asked.clear()
        parts.guess(text, normalize(text).words)  # (the guess notes the tokens it meets)
        assert glue.whole(text, None, None) == plain.analyze(text), text
        assert glue.read_whole(text, None) == plain._read_plain(text), text
        told.append(any(parts.telling.get(token) is not False for token in text.split()))
        assert bool(asked) == told[-1], text
    assert any(told) and not all(told)
    asked.clear()
    unseen = "well ✌🏽 done you"  # (a token the guess has not met: asked)
    assert glue.whole(unseen, None, None) == plain.analyze(unseen) and asked == [unseen]


SENTENCE_HIT = st.tuples(
    st.sampled_from(["reflection", "feeling", "permission", "bid", "curiosity", "blame"]),
    st.integers(0, 16), st.integers(0, 16),
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab .!?;\n", max_size=16), st.lists(SENTENCE_HIT, max_size=8))
def test_hits_kept_in_their_sentence_are_the_plain_ones(
    coaches: tuple[Coach, Coach], text: str, spans: list[tuple[str, int, int]]
) -> None:
    fast, _ = coaches
    hits = [Hit(flag, start, max(start, end), "why", "rule") for flag, start, end in spans]
    found: dict[str, list[tuple[int, int]]] = {}
    for hit in hits:
        found.setdefault(hit.flag, []).append((hit.start, hit.end))
    kept = fast._kept_in_sentence(hits, text, found)
    assert kept == fast._drop_in_sentence(list(hits), text)
    assert (kept is hits) == (len(kept) == len(hits))


FLAG_HITS = st.lists(st.tuples(st.sampled_from(FLAGS), st.integers(0, 30), st.integers(0, 8)),
                     max_size=5)  # fmt: skip


@pytest.fixture(scope="module")
def built_coach() -> Coach:
    """A fast coach with the C glue (CI builds it; elsewhere, without a compiler, the test
    that needs it says so and skips)."""
    fast = Coach(load_engine())
    if isinstance(fast._glue, GlueReference):
        assert not os.environ.get("CI"), "CI installs with a C compiler: the C glue must be there"
        pytest.skip("the C glue is not built here")
    return fast


@settings(max_examples=300, deadline=None)
@given(FLAG_HITS, st.sampled_from([None, "fine", "what would you do?", "so you stopped"]))
def test_the_c_glue_settles_any_flags_as_its_python_twin(
    built_coach: Coach, spans: list[tuple[str, int, int]], context: str | None
) -> None:
    """Whatever flags the rules raise (each test of a set of flags is a bit test in C: the
    flags `[suppress]` takes away, those a message answered can, the tone, the urgent and
    the rewritten ones), the C glue's analysis and reading are its Python twin's."""
    fast = built_coach
    twin = GlueReference(fast._glue_parts())
    text = "I feel you never help, whatever. So what? I'm sorry, I was wrong."
    normalized = fast.engine.normalizer.normalize(text)
    words = fast._stems(normalized.words)
    hits = [Hit(flag, start, start + size, "why", "rule") for flag, start, size in spans]
    answered = fast.engine.normalizer.normalize(context).text if context else None
    arguments = (normalized, normalized.text, text, words, context, answered, None)
    got, want = fast._glue.analyze(list(hits), *arguments), twin.analyze(list(hits), *arguments)
    assert (got, repr(got)) == (want, repr(want))
    got = fast._glue.read(list(hits), normalized.text, text, words, context, answered, answered,
                          None)  # fmt: skip
    want = twin.read(list(hits), normalized.text, text, words, context, answered, answered, None)
    assert got == want


def test_flags_the_c_glue_meets_first_settle_as_in_its_python_twin(built_coach: Coach) -> None:
    """Flags in none of the glue's sets are numbered as they are met, and the set of a
    message's flags is the one kept for its bits; past 64 flags numbered, a message that holds
    another is read as a set of flags. Both answer as the Python twin, before and after."""
    fast = built_coach

    def evidence(hits: list[Hit], normalized: Normalized, text: str) -> tuple[Any, ...]:
        return tuple((hit.flag, hit.start, hit.end) for hit in hits)  # (made-up flags too)

    parts = fast._glue_parts()._replace(evidence=evidence)
    glue, twin = make_glue(parts), GlueReference(parts)
    assert not isinstance(glue, GlueReference)
    text = "I feel you never help, whatever. So what? I'm sorry, I was wrong."
    normalized = fast.engine.normalizer.normalize(text)
    words = fast._stems(normalized.words)
    for n in range(0, 120, 4):
        made_up = [f"made_up_{n + k}" for k in range(4)]
        for flags in (made_up[:1], [*made_up, "blame", "contempt"], ["need", made_up[2]],
                      ["blame", "contempt"], ["defensiveness", "blame", made_up[3]]):  # fmt: skip
            hits = [Hit(flag, 3 * k, 3 * k + 4, "why", "rule") for k, flag in enumerate(flags)]
            for context in (None, "so you stopped"):
                answered = fast.engine.normalizer.normalize(context).text if context else None
                arguments = (normalized, normalized.text, text, words, context, answered, None)
                got = glue.analyze(list(hits), *arguments)
                want = twin.analyze(list(hits), *arguments)
                assert (got, repr(got)) == (want, repr(want)), (flags, context)
                reading = (normalized.text, text, words, context, answered, answered, None)
                assert glue.read(list(hits), *reading) == twin.read(list(hits), *reading)


def test_readings_kept_by_the_c_glue_are_those_of_its_twin(built_coach: Coach) -> None:
    """The C glue keeps the readings it gave with the set of flags they are for, by the depth
    object (the first four met) and whether the context matters: with a depth made anew for
    each message (a str equal to the last, never the same object), the readings are still
    those of the twin, and the same kept one is handed out for the same values."""
    fast = built_coach

    def depth(flags: Any, normalized: str, original: str, words: Any = None) -> str:
        return "".join(["ev", "ent"]) if "you" in normalized else "none"

    parts = fast._glue_parts()._replace(depth=depth)
    glue, twin = make_glue(parts), GlueReference(parts)
    assert not isinstance(glue, GlueReference)
    texts = ["You never help with the dishes.", "ok", "I feel lonely tonight", "thank you so much",
             "you always do this", "fine", "You never help with the dishes."]  # fmt: skip
    for _ in range(3):
        for text in texts:
            for context in (None, "so what would you do?"):
                got = glue.read_whole(text, context)
                assert got == twin.read_whole(text, context), (text, context)
                assert glue.read_whole(text, context) is got


def test_the_c_glue_rewrites_later_as_the_partial_of_its_twin(
    coaches: tuple[Coach, Coach],
) -> None:
    """The C glue holds an analysis's rewrites to work out later in one object of its own
    (`_glue.Later`), where its twin holds a `functools.partial`: called, the same rewrites;
    with arguments, refused."""
    fast, plain = coaches
    text = "You never help with the dishes, you always forget."
    got = fast.analyze(text, "can you do the dishes?")
    later = got._pending
    assert later is not None
    if not isinstance(fast._glue, GlueReference):
        assert type(later).__name__ == "Later"
        with pytest.raises(TypeError):
            later(1)
        with pytest.raises(TypeError):
            later(more=1)
    assert later() == later() == plain.analyze(text, "can you do the dishes?").suggestions
    assert got == plain.analyze(text, "can you do the dishes?")


@pytest.mark.parametrize(
    ("flags", "asked"),
    [(("reflection",), False), (("reflection", "need"), False), (("feeling",), False),
     (("reflection", "feeling"), True), (("permission", "curiosity", "need"), True),
     (("bid", "permission"), True), (("bid", "curiosity"), False)],
)  # fmt: skip
def test_the_hits_are_looked_at_in_their_sentence_only_when_one_may_drop_another(
    coaches: tuple[Coach, Coach], flags: tuple[str, ...], asked: bool
) -> None:
    """`kept_in_sentence` is called only when a flag raised drops another flag raised in its
    sentence (`[suppress_in_sentence]`), and the analysis is the twin's."""
    fast, _ = coaches
    parts = fast._glue_parts()
    calls: list[list[Hit]] = []

    def kept_in_sentence(hits: list[Hit], text: str, found: Any) -> list[Hit]:
        calls.append(hits)
        return parts.kept_in_sentence(hits, text, found)

    spied = parts._replace(kept_in_sentence=kept_in_sentence)
    glue = GlueReference(spied) if isinstance(fast._glue, GlueReference) else make_glue(spied)
    text = "so it hurt when i did not ask? i am sorry. can i ask you something"
    normalized = fast.engine.normalizer.normalize(text)
    words = fast._stems(normalized.words)
    hits = [Hit(flag, 3 * n, 3 * n + 2, "why", "rule") for n, flag in enumerate(flags)]
    got = glue.analyze(list(hits), normalized, normalized.text, text, words, None, None, None)
    assert bool(calls) == asked
    plain = GlueReference(parts)  # (the twin's steps, compared with each other's by the above)
    assert got == plain.analyze(list(hits), normalized, normalized.text, text, words, None,
                                None, None)  # fmt: skip


def test_more_flags_than_the_c_tables_number_take_the_python_twin(
    coaches: tuple[Coach, Coach],
) -> None:
    """The C glue numbers at most 64 flags in its tables; with more, `make_glue` gives the
    Python twin, which answers the same."""
    fast, plain = coaches
    parts = fast._glue_parts()
    many = {**parts.suppress, **{f"made_up_{n}": ("need",) for n in range(70)}}
    glue = make_glue(parts._replace(suppress=many))
    assert isinstance(glue, GlueReference)
    text = "You never help with the dishes, I feel so tired."
    assert glue.whole(text, None, None) == plain.analyze(text)


def test_the_c_glue_checks_its_parts(coaches: tuple[Coach, Coach]) -> None:
    """`_glue.Glue` refuses parts of the wrong number or kind, and a call before it is made."""
    if os.environ.get("CI"):  # (CI installs with a C compiler: the C glue must be there)
        from tending.coach import _glue as compiled
    else:
        compiled = pytest.importorskip("tending.coach._glue")
    fast, _ = coaches
    parts = fast._glue_parts()
    with pytest.raises(TypeError):
        compiled.Glue(tuple(parts)[:-1])
    with pytest.raises(TypeError):
        compiled.Glue(tuple(parts._replace(suppress=[])))
    with pytest.raises(RuntimeError):
        compiled.Glue.__new__(compiled.Glue).read([], "", "", frozenset(), None, None, None, None)
    with pytest.raises(TypeError):
        compiled.Glue(tuple(parts._replace(foreign=[])))
    with pytest.raises(TypeError):  # (run_planned's arguments after the words and text: four)
        compiled.Glue(tuple(parts._replace(planned=parts.planned[:3])))
    half = compiled.Glue(tuple(parts))
    many = {**parts.suppress, **{f"made_up_{n}": ("need",) for n in range(70)}}
    with pytest.raises(OverflowError):  # (at most 64 flags numbered in its tables)
        half.__init__(tuple(parts._replace(suppress=many)))
    with pytest.raises(RuntimeError):  # (half made again: refused)
        half.whole("ok", None, None)
    with pytest.raises(RuntimeError):
        compiled.Glue.__new__(compiled.Glue).whole("ok", None, None)
    glue = compiled.Glue(tuple(parts))
    with pytest.raises(TypeError):
        glue.analyze((), None, "", "", frozenset(), None, None, None)
    with pytest.raises(TypeError):
        glue.whole("ok", None)
    with pytest.raises(TypeError):
        glue.read_whole("ok")
    wrong = compiled.Glue(tuple(parts._replace(normalize=str.lower)))
    with pytest.raises(TypeError):  # (a normalizer must give a Normalized)
        wrong.whole("ok", None, None)
    with pytest.raises(TypeError):
        wrong.read_whole("ok", None)
