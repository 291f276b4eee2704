"""Turning the person's words for a rewrite: tense, and the other's message said back."""

from __future__ import annotations

import pytest

from tending.coach import analyze
from tending.coach.rewording import in_base, in_past, said_back, verb_forms


@pytest.mark.parametrize(
    ("words", "past"),
    [("leave your socks on the floor", "left your socks on the floor"), ("check", "checked"),
     ("told me", "told me"), ("late again", "late again")],
)
def test_in_past_turns_only_listed_verbs(words: str, past: str) -> None:
    assert in_past(words) == past


@pytest.mark.parametrize(
    ("words", "base"),
    [("told me", "tell me"), ("asked how I was", "ask how I was"), ("listen", "listen"),
     ("read my texts", "read my texts"), ("phone me", "phone me")],
)
def test_in_base_turns_a_past_verb_back(words: str, base: str) -> None:
    assert in_base(words) == base


@pytest.mark.parametrize(
    ("words", "back"),
    [("you forgot my birthday", "I forgot your birthday"),
     ("i'm so underpaid", "you're so underpaid"),
     ("you are never home", "I am never home"),
     ("my sister told you", "your sister told me"),
     ("i'm upset you told everyone", "you're upset I told everyone"),
     ("i was so sad when i forgot my lines", "you were so sad when you forgot your lines"),
     ("i'll let you know", "you'll let me know"),
     ("do you think i'm a bad mother", "do I think you're a bad mother")],
)
def test_said_back_from_the_listeners_side(words: str, back: str) -> None:
    assert said_back(words.split()) == back


def test_every_listed_verb_is_listed_once_both_ways() -> None:
    forms = verb_forms()
    assert forms.past["tell"] == "told" and forms.base["told"] == "tell"
    assert all(forms.past[base] == past for past, base in forms.base.items())


def test_rewrites_keep_the_grammar_of_the_words_they_reuse() -> None:
    rewrite = analyze("You never told me about the party.").suggestions[0]
    assert "When you didn't tell me about the party," in rewrite
    assert "Would you be willing to tell me about the party?" in rewrite
    rewrite = analyze("You keep interrupting me.").suggestions[0]
    assert "When you kept interrupting me," in rewrite
    rewrite = analyze("You always leave your socks on the floor.").suggestions[0]
    assert "When you left your socks on the floor," in rewrite
    result = analyze("It's not a big deal, everyone forgets.", context="You forgot my birthday.")
    assert any("So I forgot your birthday." in s for s in result.suggestions)


def test_a_clause_about_something_is_not_reused_as_the_complaint() -> None:
    rewrite = analyze("This is just like what you did at Christmas in 2019.").suggestions[0]
    assert "you did" not in rewrite and " in," not in rewrite


def test_contempt_rewrite_names_the_moment_as_a_sentence() -> None:
    result = analyze("Oh wow, you actually remembered to call. Impressive.")
    assert "contempt" in result.flags
    assert any(s.count('"When ') == 1 and "I felt" in s for s in result.suggestions)
