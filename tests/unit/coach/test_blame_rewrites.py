"""Blame whose moment is not a plain "you did X" (causes.py, causes.toml): the rewrite keeps the
person's own moment, told in the past as "When ..., I felt ...; I need .... Would you be willing
to ...?", and never their insult, their mockery or their sweeping word.

The messages are our own, written for these tests (none is from a labelled set).
"""

from __future__ import annotations

import re

import pytest

from tending.coach import analyze
from tending.coach.causes import load_causes
from tending.coach.suggestions import load_templates

BLAME = "Say what happened"
GENERIC = load_templates().topics["*"].moment


def _quote(suggestion: str) -> str:
    """The rewrite inside a suggestion: its longest quoted part."""
    return max(re.findall(r'"([^"]*)"', suggestion), key=len, default="")


def _rewrite(text: str) -> str:
    """The quoted rewrite of the blame suggestion for `text`."""
    found = [s for s in analyze(text).suggestions if s.startswith(BLAME)]
    assert found, (text, analyze(text).flags, analyze(text).suggestions)
    return _quote(found[0])


def _has_every_part(rewrite: str) -> None:
    assert GENERIC not in rewrite, rewrite
    assert ", I felt " in rewrite and "; I need " in rewrite, rewrite
    assert "Would you be willing to " in rewrite and rewrite.endswith("?"), rewrite


@pytest.mark.parametrize(
    ("text", "moment", "left_out"),
    [("Because of you we're stuck in traffic again.", "When we were stuck in traffic,", "again"),
     ("The kids are crying because of you.", "When the kids were crying,", "because"),
     ("Thanks to you we have to cancel the barbecue.", "When we had to cancel the barbecue,",
      "thanks"),
     ("It's your fault that we lost the booking.", "When we lost the booking,", "fault"),
     ("You're the reason I missed my appointment.", "When I missed my appointment,", "reason"),
     ("thanks to your detour we're an hour late", "When we were an hour late,", "detour"),
     ("ur the reason we're always broke", "When we were broke,", "always")],
)
def test_an_event_blamed_on_the_other_is_told_as_the_event(
    text: str, moment: str, left_out: str
) -> None:
    rewrite = _rewrite(text)
    _has_every_part(rewrite)
    assert rewrite.startswith(moment) and left_out not in rewrite.lower(), rewrite


@pytest.mark.parametrize(
    ("text", "moment", "ask"),
    [("You should have texted me.", "When you didn't text me,", "text me"),
     ("You should've picked up the kids.", "When you didn't pick up the kids,", "pick up the kids"),
     ("You could have told me about the party.", "When you didn't tell me about the party,",
      "tell me about the party"),
     ("You should have been there for me at the hospital.",
      "When you weren't there for me at the hospital,",
      "be there for me at the hospital"),
     ("If you'd checked the map we wouldn't be lost.", "When you didn't check the map,",
      "check the map")],
)
def test_what_should_have_been_done_is_told_as_not_done_and_asked_for(
    text: str, moment: str, ask: str
) -> None:
    rewrite = _rewrite(text)
    _has_every_part(rewrite)
    assert rewrite.startswith(moment) and f"Would you be willing to {ask}?" in rewrite, rewrite
    assert "should" not in rewrite and "could" not in rewrite


def test_what_should_not_have_been_done_is_told_as_done() -> None:
    rewrite = _rewrite("You shouldn't have shouted at my mum.")
    _has_every_part(rewrite)
    assert rewrite.startswith("When you shouted at my mum,"), rewrite


@pytest.mark.parametrize(
    ("text", "moment", "left_out"),
    [("Why can't you ever hang your coat up?", "When you didn't hang your coat up,", "ever"),
     ("Why didn't you pick up milk?", "When you didn't pick up milk,", "why"),
     ("Why do you always have to slam the door?", "When you slammed the door,", "always"),
     ("Why can't you just help for once?", "When you didn't help,", "for once"),
     ("Not once have you offered to cook.", "When you didn't offer to cook,", "once"),
     ("In ten years you have never once said thank you.", "When you didn't say thank you,",
      "never"),
     ("You keep cutting me off every time I speak.", "When you kept cutting me off,",
      "every time"),
     ("Every time I call you, you hang up.", "When I called you and you hung up,", "every")],
)
def test_a_question_of_blame_or_a_rule_is_told_as_one_moment(
    text: str, moment: str, left_out: str
) -> None:
    rewrite = _rewrite(text)
    _has_every_part(rewrite)
    assert rewrite.startswith(moment), rewrite
    assert not re.search(rf"\b{left_out}\b", rewrite.lower()), rewrite


@pytest.mark.parametrize(
    ("text", "moment"),
    [("We missed the bus because you took ages in the shower.",
      "When you took ages in the shower and we missed the bus,"),
     ("You've lost my keys again.", "When you lost my keys,"),
     ("Don't forget you booked the wrong hotel.", "When you booked the wrong hotel,"),
     ("I can't believe you forgot my mum's birthday.", "When you forgot my mum's birthday,"),
     ("I'm sick of you reading my messages.", "When you read my messages,"),
     ("You don't get to hang up on me and then act hurt.", "When you hung up on me,"),
     ("I haven't forgotten what you said at my birthday.",
      "When you said [the words, as you remember them] at my birthday,")],
)
def test_the_moment_inside_a_longer_shape_is_kept(text: str, moment: str) -> None:
    rewrite = _rewrite(text)
    _has_every_part(rewrite)
    assert rewrite.startswith(moment), rewrite


@pytest.mark.parametrize(
    ("text", "left_out"),
    [("Thanks to your big mouth my brother knows about the job.", "big mouth"),
     ("This happened because you couldn't keep your mouth shut.", "mouth shut"),
     ("Because of you I have to redo everything.", "everything"),
     ("It's your fault we never go out anymore.", "never"),
     ("Why can't you ever say sorry like a normal person?", "normal person"),
     ("Everything I say, you twist.", "When you twisted,")],
)
def test_an_insult_mockery_or_sweeping_word_never_comes_back(text: str, left_out: str) -> None:
    told = [_quote(s) for s in analyze(text).suggestions]
    told = [quote for quote in told if quote.startswith(("When", "[Yesterday"))]
    assert told and not any(left_out.lower() in quote.lower() for quote in told), told


@pytest.mark.parametrize(
    ("text", "feeling", "need"),
    [("You should have called me.", "worried", "reassurance"),
     ("Because of you we were late for the wedding.", "anxious", "reliability"),
     ("You made us miss the ferry.", "disappointed", "count on our plans"),
     ("Thanks to you we can't afford a holiday.", "anxious", "security")],
)
def test_the_feeling_and_the_need_come_from_the_words(text: str, feeling: str, need: str) -> None:
    rewrite = _rewrite(text)
    assert feeling in rewrite and need in rewrite, rewrite


def test_the_phrases_load_and_are_checked() -> None:
    causes = load_causes()
    assert causes.participles["forgotten"] == "forget"
    assert causes.present_past["are"] == "were"
    assert "because of you" in causes.cause_first.regex.pattern.replace("\\", "")


@pytest.mark.parametrize(
    ("text", "ask"),
    [("Why can't you just help for once?", "take over [one task] this week"),
     ("If you'd listened for once, we wouldn't have got lost.", "listen to me for ten minutes")],
)
def test_a_bare_one_word_ask_gives_way_to_the_topics(text: str, ask: str) -> None:
    rewrite = _rewrite(text)
    assert f"Would you be willing to {ask}" in rewrite, rewrite


def test_mockery_is_cut_from_the_moment_not_told() -> None:
    rewrite = _rewrite("You've gone and upset my sister again with your big mouth.")
    assert rewrite.startswith("When you upset my sister,"), rewrite
    assert "mouth" not in rewrite and "again" not in rewrite, rewrite


@pytest.mark.parametrize(
    ("text", "need", "left_out"),
    [("Nothing I bake is ever good enough for you.", "I need appreciation", "good enough"),
     ("Every single weekend it's golf with you.", "I need time together", "every"),
     ("You always have to have the last word.", "let me finish before you answer", "last word"),
     ("You always make everything about you.", "to matter in our choices", "about you"),
     ("ur always late lol", "I need reliability", "always")],
)
def test_a_sweeping_complaint_asks_for_the_kind_of_moment_it_means(
    text: str, need: str, left_out: str
) -> None:
    rewrite = _rewrite(text)
    _has_every_part(rewrite)
    assert rewrite.startswith("When ") and need in rewrite, rewrite
    assert left_out not in rewrite.lower(), rewrite
