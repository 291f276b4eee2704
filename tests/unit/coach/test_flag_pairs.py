"""Flags that are read together where the SPEC gives a message both, not one hiding the other.

- `demand` and `fixing`: advice given as an order ("you need to move on", said to someone in
  pain) is unasked-for advice and leaves no room for no; the order no longer hides the advice.
- `permission` and `bid`: checking the timing and then reaching for the other ("Is now a good
  time? Guess what happened today!") is both; only a bid read in the permission's own sentence
  ("do you want to talk about it?") is the permission itself.
"""

from __future__ import annotations

import pytest

from tending.coach import analyze

PAIN = "I still cry every night since she left"


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("you need to start moving on", PAIN),
        ("You need to drink more water.", "I've had a headache all day"),
        ("you need to see a physio", "my back is killing me"),
        ("you need to stop looking at your phone in bed", "I can't sleep lately"),
    ],
)
def test_advice_given_as_an_order_is_both(text: str, context: str | None) -> None:
    flags = set(analyze(text, context).flags)
    assert "fixing" in flags and "demand" in flags, flags


@pytest.mark.parametrize(
    "text", ["Can you just stop shouting at me right now?", "You need to call me back tonight."]
)
def test_an_order_about_us_is_no_advice(text: str) -> None:
    assert "fixing" not in analyze(text).flags


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Is now a good time? Guess what happened at work today!", "bid"),
        ("Are you free to talk? I have to show you something 😂", "bid"),
        ("No pressure, just say if not. Want to grab lunch on Friday?", "bid"),
        ("Can I ask you something? What was the hardest part of moving for you?", "curiosity"),
    ],
)
def test_asking_leave_then_reaching_out_is_both(text: str, flag: str) -> None:
    flags = analyze(text).flags
    assert "permission" in flags and flag in flags, flags


@pytest.mark.parametrize(
    "text",
    ["Do you want to talk about it?", "Is now a good time to talk?",
     "I'm sorry, that's a lot. Want to talk it through or just vent?"],
)  # fmt: skip
def test_a_permission_is_not_read_twice_in_its_own_sentence(text: str) -> None:
    flags = analyze(text).flags
    assert "permission" in flags and "bid" not in flags and "curiosity" not in flags, flags
