"""Replies read with the message they answer: patterns with a `context` regex fire only after a
matching message, `[[context_drop]]` takes a flag away (advice that was asked for), and the data
for both is validated on load."""

from __future__ import annotations

import pytest

from tending.coach import analyze
from tending.coach.lexicon import load_lexicon, parse_context_drops
from tending.coach.patterns import parse_pattern as _pattern
from tending.domain.errors import FormatProblem


def flags(text: str, context: str | None = None) -> set[str]:
    return set(analyze(text, context).flags)


def test_a_curt_refusal_of_a_talk_is_stonewalling_only_in_context() -> None:
    assert "stonewalling" in flags("Not tonight.", "Could we talk about the money thing?")
    assert "stonewalling" not in flags("Not tonight.")
    assert "stonewalling" not in flags("Not tonight.", "Is the match on tonight?")


def test_advice_after_a_disclosure_is_fixing_unless_advice_was_asked_for() -> None:
    assert "fixing" in flags("block his number", "My ex keeps texting me and I'm so stressed.")
    assert "fixing" not in flags("block his number", "Any advice? My ex keeps texting me.")
    assert "fixing" not in flags("block his number")
    assert "fixing" not in flags("take care, talk tomorrow", "I had an awful day.")


def test_a_shrug_after_a_disclosure_is_minimizing() -> None:
    assert "minimizing" in flags("oh well, it happens", "I failed my driving test again.")
    assert "minimizing" not in flags("oh well, it happens")


def test_denying_a_charge_the_other_just_made_is_defensiveness() -> None:
    assert "defensiveness" in flags("I'm not lazy.", "You're so lazy.")
    assert "defensiveness" not in flags("I'm not lazy.")


def test_a_feeling_said_back_in_a_reflection_is_not_the_writers() -> None:
    result = flags("so it stung when I laughed at your idea?", "You laughed at my idea.")
    assert "reflection" in result and "feeling" not in result


def test_cannot_stop_is_not_a_negation() -> None:
    assert "safety" in flags("I can't stop thinking about killing myself")
    result = flags("I can't stop crying since the call")
    assert "feeling" in result and "minimizing" not in result


def test_pattern_context_needs_its_example_and_a_string() -> None:
    lexicon = load_lexicon()
    row = {"id": "x", "flag": "stonewalling", "match": "^no$", "trigger": ["no"], "why": "w",
           "example": "no", "context": "talk"}  # fmt: skip
    with pytest.raises(FormatProblem, match="context and context_example go together"):
        _pattern(row, lexicon, 0)
    with pytest.raises(FormatProblem, match="must be strings"):
        _pattern({**row, "context": 3, "context_example": "talk"}, lexicon, 0)
    assert _pattern({**row, "context_example": "can we talk"}, lexicon, 0).context == "talk"


def test_context_drop_rows_are_validated() -> None:
    flags_ = frozenset({"fixing"})
    good = {"flag": "fixing", "when": "advice", "why": "asked", "example": "any advice?"}
    assert parse_context_drops([good], flags_)[0].flag == "fixing"
    with pytest.raises(FormatProblem, match=r"\[\[context_drop\]\] 1: 'flag'"):
        parse_context_drops([{**good, "flag": "nope"}], flags_)
    with pytest.raises(FormatProblem, match="keys are"):
        parse_context_drops([{**good, "extra": "x"}], flags_)
    with pytest.raises(FormatProblem, match="bad regular expression"):
        parse_context_drops([{**good, "when": "("}], flags_)


def test_a_reflection_takes_only_the_feelings_of_its_own_sentence() -> None:
    result = flags("I hear that you're worried about the cost. I'm worried too, honestly.")
    assert {"reflection", "feeling"} <= result
