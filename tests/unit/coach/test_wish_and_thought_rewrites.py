"""An absolute about the two of them ("we never go out anymore") is said as a wish in the person's
own words (longings.py), and a thought told as a feeling ("I feel like you don't respect me") gets
the moment, feelings and need of its topic (topics.tsv) instead of empty slots.

The messages are our own, written for these tests (none is from a labelled set).
"""

from __future__ import annotations

import re

import pytest

from tending.coach import analyze
from tending.coach.longings import longing


def _suggestion(text: str, start: str) -> str:
    found = [s for s in analyze(text).suggestions if s.startswith(start)]
    assert found, (text, analyze(text).flags, analyze(text).suggestions)
    return found[0]


@pytest.mark.parametrize(
    ("text", "wish"),
    [("We never go dancing anymore.",
      "I miss going dancing with you. Would you be willing to go dancing with me this week?"),
     ("we never cook together anymore",
      "I miss cooking together. Would you be willing to cook with me this week?"),
     ("We never do anything nice anymore.", "I miss doing something nice with you."),
     ("We never call each other anymore.",
      "I miss calling you. Would you be willing to call me this week?")],
)
def test_we_never_anymore_is_said_as_a_wish_in_the_persons_words(text: str, wish: str) -> None:
    suggestion = _suggestion(text, 'Drop "never"')
    assert wish in suggestion, suggestion
    quoted = max(re.findall(r'"([^"]*)"', suggestion), key=len)
    assert not re.search(r"\b(?:never|anything|anymore)\b", quoted), quoted


@pytest.mark.parametrize(
    "sentence",
    ["if it goes badly we never speak of it again", "we never have time for each other",
     "we never seem to talk", "we do not talk"],
)
def test_no_wish_where_the_words_make_none(sentence: str) -> None:
    assert longing(sentence) is None


@pytest.mark.parametrize(
    ("text", "need"),
    [("I feel like you don't respect my opinions.", "I need respect."),
     ("I feel like you're hiding something about the money.", "I need honesty and trust."),
     ("It feels like you're always judging my cooking.", "I need acceptance."),
     ("I feel that you made the decision about the car without me.",
      "I need to be part of the decisions that affect me.")],
)
def test_a_thought_told_as_a_feeling_gets_its_topics_feeling_and_need(text: str, need: str) -> None:
    suggestion = _suggestion(text, '"I feel like/that you')
    assert "When [" in suggestion and ", I felt " in suggestion and need in suggestion, suggestion
    assert "___" not in suggestion, suggestion


def test_a_thought_about_why_keeps_the_slots() -> None:
    suggestion = _suggestion("I feel like you only message me when you want a favour.",
                             '"I feel like/that you')
    assert "I feel ___, and I need ___" in suggestion, suggestion


def test_no_time_for_me_is_said_as_a_wish() -> None:
    suggestion = _suggestion("You never have time for me these days.", 'Drop "never"')
    assert "I miss time with you. Would you be willing to make an evening" in suggestion
