"""An alternative's lead (`alternatives.lead`: the `\\b` and plain characters every match of it
starts with) and where it stands in a text (`searching.lead_at`, in C `_engine.lead_at`): the
search from there finds what the whole search finds, none where it stands nowhere, and an
alternative that is its lead alone (`\\b...` or `\\b...\\b`) matches exactly there. And an
alternative's bare form (`Alternative.bare`: `^R` of `^(?:(?:G)[ ,]+)*R`) matches as it does
every text whose first word is none of G's."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import searching
from tending.coach.alternatives import lead, opener_loop
from tending.coach.heads import first_word
from tending.coach.literals import common_cost
from tending.coach.rules import load_engine
from tending.coach.told import opener_words


@pytest.mark.parametrize(
    ("source", "found"),
    [
        (r"\bmiss you\b", ("miss you", 2)),
        (r"\bit is not my fault", ("it is not my fault", 1)),
        (r"\bthank you ?\.{3}", ("thank you", 0)),
        (r"\bgo\.\.\b", ("go..", 2)),
        (r"\bab?c", ("a", 0)),
        (r"\bi am (?:x|y)", ("i am ", 0)),
        (r"\b\.x", (".x", 1)),
        (r"\bcafé\b", ("café", 2)),
        (r"\bfoo|bar", None),  # (a top-level `|`: its matches need not start so)
        (r"\bx{2}", None),
        (r"(?:a)", None),
        (r"a\b", None),
        (r"(?i)\bab", None),
        (r"\b(?:ab|cd)", None),
    ],
)
def test_lead(source: str, found: tuple[str, int] | None) -> None:
    assert lead(source) == found


def _sources() -> list[str]:
    """Sources with a lead: written here (edges of every kind, non-ASCII) and a sample of the
    planned alternatives that have one."""
    written = [
        r"\bmiss you\b", r"\bit is\b", r"\bi am (?:so |really )?(?:sad|tired)\b", r"\bgo\.\.\b",
        r"\b\.x", r"\b, so\b", r"\bcafé\b", r"\bé_1\b", r"\bİs", r"\bab?c", r"\b_\b", r"\b7 ",
        r"\bx x\b", r"\bthank you ?\.{3}", r"\bi(?= am)", r"\bok\b(?!$)", r"\bhi(?<=^hi)",
        r"\bno\.\b", r"\b😂\b", r"\b😂 ", r"\bлюб\b",
    ]  # fmt: skip
    engine = load_engine()
    engine.plan_all()
    planned = sorted(
        {alt.source for alts in engine._cut for alt in alts if lead(alt.source) is not None}
    )
    return written + planned[:: max(1, len(planned) // 60)]


SOURCES = [(source, re.compile(source), lead(source)) for source in _sources()]
PIECES = st.sampled_from(
    ["miss", "you", "it", "is", "i", "am", "so", "sad", "go", "ok", "hi", "no", "thank", "x",
     "café", "é", "_", "1", "7", "İs", "😂", "люб", "ab", "ac", "c", " ", " ", ",", ".", "..",
     "!", "?", "'", "\n", "emo_love", "love", "what", "the"]
)  # fmt: skip
TEXTS = st.one_of(
    st.lists(PIECES, max_size=14).map(" ".join),
    st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=14).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_search_from_the_lead_finds_what_the_whole_search_finds(text: str) -> None:
    try:
        from tending.coach import _engine
    except ImportError:  # pragma: no cover - only where the extension could not be built
        _engine = None  # type: ignore[assignment]
    for source, regex, found in SOURCES:
        assert found is not None, source
        at = searching.lead_at(found, text)
        if _engine is not None:
            assert _engine.lead_at(found, text) == at, (source, text)
        want = regex.search(text)
        if at < 0:
            assert want is None, (source, text)
            continue
        got = regex.search(text, at)
        assert (got and got.span()) == (want and want.span()), (source, text)
        if found[1]:  # (the lead alone: the match is where it stands)
            assert want is not None and want.span() == (at, at + len(found[0])), (source, text)


@pytest.mark.parametrize(
    ("source", "found"),
    [
        (r"^(?:(?:hey|so)[ ,]+)*you\b", ("hey|so", r"you\b")),
        (r"^(?:(?:h(?:ey|i)|come on)[ ,]+)*(?:you|u) up", ("h(?:ey|i)|come on", "(?:you|u) up")),
        (r"^(?:(?:hey|so)[ ,]+)+you", None),
        (r"^(?:(?:hey|so) )*you", None),
        (r"^(?:(?:hey|so)[ ,]+)*you|x", None),
        (r"(?:(?:hey|so)[ ,]+)*you", None),
    ],
)
def test_opener_loop(source: str, found: tuple[str, str] | None) -> None:
    assert opener_loop(source) == found


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("babe|come on|hey|o(?:k|kay)", {"babe", "come", "hey", "ok", "okay"}),
        ("a{2}|b", {"aa", "b"}),
        (",|so", {"", "so"}),
        ("a+", None),  # (a run that may grow: not a few strings)
        (r"hey\b", None),
        ("(?i:hey)", None),
        ("[a-z]+", None),
    ],
)
def test_opener_words(source: str, words: set[str] | None) -> None:
    found = opener_words(source, common_cost(frozenset()))
    assert found == (None if words is None else frozenset(words))


def _bare_forms() -> list[tuple[re.Pattern[str], frozenset[str], re.Pattern[str]]]:
    """Every planned alternative with a bare form (the engine's own), with it."""
    engine = load_engine()
    engine.plan_all()
    found = []
    seen = set()
    for alternatives in engine._cut:
        for alternative in alternatives:
            loop = opener_loop(alternative.source)
            if loop is None or alternative.source in seen:
                continue
            seen.add(alternative.source)
            regex = engine._regex(alternative)
            assert alternative.bare is not None, alternative.source
            found.append((regex, *alternative.bare))
    return found


BARE = _bare_forms()
OPENING = st.sampled_from(
    ["hey", "hey,", "so", "so ", "ok", "okay", "babe", "come on", "come", "lol", "you", "u",
     "did", "can", "what", "i", "look", "good", "morning", "hi", "hello", "up", "free", "?",
     ",", " ", "!", "❤️", "sweetheart", "mum", "omg", "guess", "want", "to", "go"]
)  # fmt: skip
OPENED = st.lists(st.one_of(OPENING, st.text(max_size=2)), max_size=10).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(OPENED)
def test_a_bare_form_matches_as_its_alternative_where_no_opener_starts(text: str) -> None:
    assert len(BARE) > 50  # (the openers' loop starts about 190 planned alternatives)
    first = first_word(text)
    for regex, openers, bare in BARE:
        if first in openers:
            continue
        want, got = regex.search(text), bare.search(text)
        assert (got and got.span()) == (want and want.span()), (regex.pattern[:80], text)
