"""A judgement with no moment ("you're so lazy") or a jab on its own is rewritten toward the kind
of moment it points to, as a prompt the writer fills (`judgements.tsv`), never with the insult
repeated and never with a made-up fact; an order of any common shape becomes an ask in the
writer's own words (`asks.py`). The messages here are our own.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import analyze
from tending.coach.judgements import _says, load_judgements
from tending.coach.suggestions import load_templates

GENERIC = load_templates().topics["*"].moment


def _quote(suggestion: str) -> str:
    return max(re.findall(r'"([^"]*)"', suggestion), key=len, default="")


def _rewrites(text: str, start: str) -> list[str]:
    found = [_quote(s) for s in analyze(text).suggestions if s.startswith(start)]
    assert found, analyze(text).suggestions
    return found


@pytest.mark.parametrize(
    ("text", "insult", "moment"),
    [("you're so lazy", "lazy", "[the chore or task that was left, and when]"),
     ("You're such a slob.", "slob", "[what you found left out, and where]"),
     ("ur such a liar", "liar", "[what you found out, and how]"),
     ("You are so selfish.", "selfish", "[what was decided or done without you, and when]"),
     ("You're pathetic.", "pathetic", "[what you hoped for, and what happened instead]"),
     ("God you're thick.", "thick", "[the mistake you mean: what happened, and when]"),
     ("Why are you always so negative?", "negative", "[what was said, and when]")],
)
def test_a_judgement_names_the_kind_of_moment_not_the_insult(
    text: str, insult: str, moment: str
) -> None:
    (rewrite,) = _rewrites(text, "Say what happened")
    assert rewrite.startswith(f"When {moment},"), rewrite
    assert GENERIC not in rewrite and insult not in rewrite.lower()


def test_a_keyword_topic_still_comes_before_the_judgement() -> None:
    (rewrite,) = _rewrites("you are useless with money", "Say what happened")
    assert "[the purchase or the bill]" in rewrite and "useless" not in rewrite


@pytest.mark.parametrize(
    "text",
    ["Wow, you finally emptied the bin. Should I throw you a parade?", "Real mature.",
     "Mm. Whatever lets you sleep at night."],
)
def test_a_jab_on_its_own_asks_for_the_moment_behind_it(text: str) -> None:
    (rewrite,) = _rewrites(text, "Put the insult")
    assert rewrite.startswith("When [") and GENERIC not in rewrite, rewrite


@pytest.mark.parametrize("text", ["Oh great, you're finally home.", "What's wrong with you today?"])
def test_a_verdict_that_is_a_jab_asks_for_the_moment_behind_it(text: str) -> None:
    (rewrite,) = _rewrites(text, "Say what happened")
    assert rewrite.startswith("When [") and GENERIC not in rewrite, rewrite


def test_no_row_repeats_an_insult_or_states_a_fact() -> None:
    insults = set(load_judgements().by_word) - {"*"}
    for topic in set(load_judgements().by_word.values()):
        assert topic.moment.startswith("[") and topic.moment.endswith("]"), topic
        for insult in insults:
            assert not re.search(rf"(?<![\w'-]){re.escape(insult)}(?![\w'-])", topic.moment), (
                insult, topic
            )


DEMAND = "Turn the order"


@pytest.mark.parametrize(
    ("text", "ask"),
    [("stop texting her", "Would you be willing to stop texting her?"),
     ("Clean this up now", "Would you be willing to clean this up?"),
     ("If you don't call me back I'm done.", "Would you be willing to call me back?"),
     ("Don't you dare walk away while I'm talking.",
      "Would you be willing not to walk away while I'm talking?"),
     ("You'd better not be late again.", "Would you be willing not to be late?"),
     ("if u go to that party we're done", "Would you be willing not to go to that party?"),
     ("You're not going out dressed like that.",
      "Would you be willing not to go out dressed like that?"),
     ("I expect the dishes done before I get back.",
      "Would you be willing to get the dishes done before I get back?"),
     ("I want the car back by five, no excuses.",
      "Would you be willing to give the car back by five?"),
     ("I'm telling you for the last time, put the phone away.",
      "Would you be willing to put the phone away?"),
     ("You need to grow up and start paying your share.",
      "Would you be willing to start paying your share?"),
     ("stop reading my diary you creep", "Would you be willing to stop reading my diary?"),
     ("u need 2 answer ur phone when i call, simple as",
      "Would you be willing to answer your phone?"),
     ("From now on you clean the kitchen every night, no arguments.",
      "Would you be willing to clean the kitchen every night?"),
     ("I want my money back now.", "Would you be willing to give me my money back?"),
     ("You'd better not be lying to me.", "Would you be willing not to lie to me?")],
)
def test_more_orders_become_asks_in_their_own_words(text: str, ask: str) -> None:
    (suggestion,) = [s for s in analyze(text).suggestions if s.startswith(DEMAND)]
    assert ask in suggestion, suggestion


@pytest.mark.parametrize(
    ("text", "never"),
    [("Stop being such a baby about it.", "baby"), ("Grow up and get a grip.", "grow up"),
     ("You will not speak to me like that ever again.", "willing to speak"),
     ("stop reading my diary you creep", "creep")],
)
def test_an_ask_still_never_repeats_a_name_or_turns_round(text: str, never: str) -> None:
    (suggestion,) = [s for s in analyze(text).suggestions if s.startswith(DEMAND)]
    assert never not in suggestion.lower(), suggestion


@pytest.mark.parametrize(
    ("text", "told"),
    [("Don't blame me, you were the one who booked it", "When you booked it,"),
     ("You're the one who forgot to pay the rent in May, remember?",
      "When you forgot to pay the rent in May,")],
)
def test_the_one_who_did_it_is_told_as_the_moment(text: str, told: str) -> None:
    assert _rewrites(text, "Say what happened")[0].startswith(told)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="ab -'_.,é1", min_size=1, max_size=4),
    st.text(alphabet="ab -'_.,é1", max_size=14),
)
def test_a_row_repeating_its_word_is_found_as_the_expression_finds_it(word: str, text: str) -> None:
    """The load check finds a word held whole in a row's text exactly where the expression
    `(?<![\\w'-])word(?![\\w'-])` does (plain finds instead of one compile a word)."""
    expected = re.search(rf"(?<![\w'-]){re.escape(word)}(?![\w'-])", text) is not None
    assert _says(word, text) is expected
