"""Chat spellings read as what they mean, and only there.

"lets" is "let's" where it starts a suggestion ("lets go", "ok lets talk") but the verb in "he
lets me eat" or "it lets you rest": a context the word alone does not give, so the normalizer
leaves it as typed and the rules read it (a bare verb, "not" or "just" after it: a suggestion).
"txt" and its forms ("txtd", "txting") are "text"."""

from __future__ import annotations

import re

import pytest

from tending.coach import analyze
from tending.coach.analyzer import load_coach
from tending.coach.normalize import Normalizer


def normalized(text: str) -> str:
    return load_coach().engine.normalizer.normalize(text).text


@pytest.mark.parametrize(
    "text", ["he lets me win every time", "it lets you rest", "my mum lets me stay up late"]
)
def test_lets_of_someone_stays_the_verb(text: str) -> None:
    assert "lets" in normalized(text) and "let us" not in normalized(text)


def test_a_control_told_with_lets_is_read() -> None:
    # a threat to food is found whether the typed verb is "allows" or "lets"
    assert "safety" in analyze("I have to beg before he lets me eat").flags


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("lets go for a walk later", "bid"),
        ("ok lets talk about the budget tonight", "request"),
        ("lets try again tomorrow", "request"),
        ("Lets plan the weekend together", "request"),
        ("lets just not.", "stonewalling"),
    ],
)
def test_lets_starting_a_suggestion_is_let_us(text: str, flag: str) -> None:
    assert flag in analyze(text).flags


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("txt me when u get home", "text me when you get home"),
        ("y didnt u txt back", "text back"),
        ("he txtd me at 3am", "he texted me"),
        ("stop txting my sister", "stop texting my sister"),
        ("i sent 5 txts", "5 texts"),
        ("just msg me later", "message me later"),
    ],
)
def test_text_spellings_read_as_text(typed: str, plain: str) -> None:
    assert plain in normalized(typed)


def test_a_demand_spelt_txt_is_read() -> None:
    assert analyze("txt me back right now").flags == analyze("text me back right now").flags


@pytest.mark.parametrize(
    "text",
    ["OK LETS go ❤️", "he lets me, lets go", "Lets\n\nlets not", "so  lets try 2day", "lets",
     "it lets you rest. Lets rest too", "letsss go", "i'm tired, lets go home 😴"],
)  # fmt: skip
def test_every_path_reads_lets_alike(text: str) -> None:
    engine = load_coach().engine
    lexicon, vocabulary = engine.lexicon, engine._vocabulary
    python = Normalizer(lexicon, vocabulary, compiled=False)
    assert python.normalize(text) == engine.normalizer.normalize(text)
    assert python.normalize(text) == python.normalize_reference(text)
    found = python.normalize(text)
    for start in [m.start() for m in re.finditer(r"\blet us\b", found.text)]:
        left, right = found.original_span(start, start + 6)
        assert text[left:right].lower().startswith("lets")


def test_evidence_of_a_suggestion_points_at_what_was_typed() -> None:
    text = "Ok lets go for a walk later"
    (bid,) = [e for e in analyze(text).evidence if e.flag == "bid"]
    assert text[bid.start : bid.end].endswith("lets go")
