"""The practice composers say what a draft still lacks, in plain words."""

from __future__ import annotations

import pytest

from tending.coach import check_appreciation, check_followup, check_story, check_tension


def test_specific_short_appreciation_is_ok() -> None:
    result = check_appreciation("Thank you for walking the dog in the rain this morning.")
    assert result.ok and result.words == 11 and result.missing == ()


def test_vague_or_long_appreciation_says_why() -> None:
    vague = check_appreciation("Thanks.")
    assert not vague.ok and "specific" in vague.missing[0]
    long = check_appreciation(
        "Thank you for the way you cooked dinner and cleaned and washed and dried and folded "
        "all of the laundry tonight"
    )
    assert not long.ok and long.missing[0].startswith("fewer words: 21 now")


@pytest.mark.parametrize(
    "text", ["thanks for everything you do", "Thank you so much for all your help babe",
             "you're the best ❤️", "thanks for being you"],
)
def test_praise_that_fits_anyone_is_not_specific(text: str) -> None:
    result = check_appreciation(text)
    assert not result.ok and "specific" in result.missing[0]


def test_one_named_act_makes_thanks_specific() -> None:
    assert check_appreciation("thanks for the soup you left on my doorstep").ok
    assert check_appreciation("I love the way you hum when you cook").ok


def test_followup_needs_highlight_action_question() -> None:
    good = check_followup(
        "I loved our walk by the river. Let's do it again next Sunday. "
        "What was your favourite part?"
    )
    assert good.ok
    bare = check_followup("Ok see you.")
    assert not bare.ok and len(bare.missing) == 3


def test_story_template() -> None:
    good = check_story(
        "That summer at my grandmother's farm, I felt proud when I fixed the fence alone; "
        "it taught me to trust my hands."
    )
    assert good.ok, good.missing
    assert any("insight" in item for item in check_story("I felt sad when it rained.").missing)


def test_tension_talk() -> None:
    good = check_tension(
        "I felt lonely when dinner went by without us talking. Would you be willing to put "
        "the phones away tomorrow?"
    )
    assert good.ok, good.missing
    harsh = check_tension("You never talk to me at dinner and last Christmas you did the same.")
    assert not harsh.ok
    assert any("one issue" in item for item in harsh.missing)
    assert any("gentler tone" in item for item in harsh.missing)


def test_composers_count_words_as_the_tracker_does() -> None:
    # One counter for every limit: a draft the guided check accepts is one `tend log` accepts.
    from tending.domain.moments import count_words

    text = "Thank you for the heart-to-heart — it didn't feel rushed 🙂"
    assert check_appreciation(text).words == count_words(text) == 9
