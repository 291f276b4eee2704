"""Play: teasing between people who are close is not contempt (the play veto of the name-calling
patterns, `{tease_name}`, `{warmth}`, `{laughter}` and `{put_down}` in lexicon.tsv; see "Play" in
patterns.toml). A mild name said with a mark of warmth in the same sentence, or anywhere in a
short message (up to three sentences and 25 words: "you muppet! 😘"), and no real put-down
anywhere is teasing, and the affection said with it stands; the same name with an eye-roll, a
real insult, "what is wrong with you" or sarcastic love stays contempt. The second opinion
reads the mildest names as `{fond_name}` (not as `{insult}`), so it adds no contempt to
teasing with laughter, and it keeps the rules' contempt for sarcastic love on a short line.
Wordings written for this test, none of them a labelled line."""

from __future__ import annotations

import pytest

from tending.coach.analyzer import load_coach
from tending.coach.rules import load_engine

COACH = load_coach()
ENGINE = load_engine()

# a mild name with love, a kiss or a heart: no contempt, affection stands
TEASING = (
    "you're such a clown 😂 love u",
    "you absolute goof, I adore you",
    "dork 😘",
    "ur such a muppet lol love you loads",
    "you big nerd, love ya 😘",
    "omg you're such an idiot 😂 i love you so much",
    "goodnight you weirdo ❤️",
    "you doofus, i adore you xx",
    "such a numpty haha, love u",
    "you plonker, love you 😍",
    "my favourite dork 🥰",
    "you fool, miss you 😘",
)

# the warmth in the next sentence of a short message: no contempt, affection stands
WARMTH_NEXT = (
    "you muppet! 😘",
    "Such a nerd. Love u lots",
    "you absolute doofus. ily",
    "goodnight, weirdo. love you x",
    "Love you. You goof.",
)

# a mild name with laughter only: no contempt from the rules nor from the second opinion (and
# no affection is claimed)
LAUGHING = (
    "lol you clown",
    "you dork 😂",
    "haha you're such a goofball",
    "haha you're such a dork",
    "lol ur such a weirdo",
)

# warm words next to real scorn: contempt stays
CONTEMPT = (
    "you're such a clown 🙄",
    "love u, you pathetic idiot",
    "oh I just love how you never help",
    "you dork, what is wrong with you",
    "love you too, loser 🙄",
    "lol you're so stupid",
    "you're disgusting, love u",
    "you idiot 🙄 love you",
    "haha you worthless muppet",
    "love how you always make everything about you",
    "you disgust me, you dork",
    "grow up you idiot lol",
    "xx to my useless lump of a boyfriend",
    "did someone get his little feelings hurt 😂",
    # the warmth in another sentence does not save a put-down anywhere in the message
    "you dork. what is wrong with you. love you",
    "love u. you idiot 🙄",
)

# warmth in another sentence of a longer message (four sentences, or more than 25 words): the
# rules read the name as they did (the second opinion may weigh it as it likes: a mild name is
# not an {insult} to it, so it can take contempt back from a long message)
LONGER = (
    "You clown. We went out. It rained. Love you",
    "you dork, we walked all the way to the station in the rain and the train had already gone "
    "so we had to wait another hour for the next one. love you",
)

# sarcastic love on a short line: the rules' contempt stands (the second opinion once took it
# back: "i" and a love word weigh against contempt)
SARCASM = (
    "i adore being left on read",
    "i love being ignored",
    "i enjoy being ghosted",
)


def rule_flags(text: str) -> set[str]:
    """The flags the rules alone raise (before the second opinion)."""
    return {hit.flag for hit in ENGINE.run_reference(ENGINE.normalizer.normalize(text))}


@pytest.mark.parametrize("text", TEASING)
def test_teasing_with_warmth_is_affection_not_contempt(text: str) -> None:
    for flags in (COACH.analyze(text).flags, COACH.read(text).flags):
        assert "contempt" not in flags
        assert "blame" not in flags
        assert "affection" in flags
    assert COACH.analyze(text).tone == "positive"
    assert "contempt" not in rule_flags(text)


@pytest.mark.parametrize("text", WARMTH_NEXT)
def test_warmth_in_the_next_sentence_of_a_short_message_is_play(text: str) -> None:
    for flags in (COACH.analyze(text).flags, COACH.read(text).flags):
        assert {"contempt", "blame"}.isdisjoint(flags)
        assert "affection" in flags
    assert "contempt" not in rule_flags(text)


@pytest.mark.parametrize("text", LAUGHING)
def test_teasing_with_laughter_is_no_contempt(text: str) -> None:
    assert {"contempt", "blame"}.isdisjoint(rule_flags(text))
    for flags in (COACH.analyze(text).flags, COACH.read(text).flags):
        assert {"contempt", "blame"}.isdisjoint(flags)


@pytest.mark.parametrize("text", SARCASM)
def test_sarcastic_love_on_a_short_line_stays_contempt(text: str) -> None:
    assert "contempt" in rule_flags(text)
    assert "contempt" in COACH.analyze(text).flags
    assert "contempt" in COACH.read(text).flags


@pytest.mark.parametrize("text", CONTEMPT)
def test_warm_words_with_real_scorn_stay_contempt(text: str) -> None:
    assert "contempt" in COACH.analyze(text).flags
    assert "contempt" in COACH.read(text).flags
    assert "contempt" in rule_flags(text)
    assert COACH.analyze(text).tone == "corrective"


@pytest.mark.parametrize("text", LONGER)
def test_warmth_elsewhere_in_a_longer_message_is_no_veto(text: str) -> None:
    assert "contempt" in rule_flags(text)


# love of being together, said for its own sake: affection (and no correction)
LOVE_OF_US = (
    "i love being your wife",
    "I really love being your husband",
    "i adore being married to you",
    "being with you is the best part of my week",
    "you make me so happy",
    "you're the best thing that ever happened to me",
)


@pytest.mark.parametrize("text", LOVE_OF_US)
def test_love_of_being_together_is_affection(text: str) -> None:
    for flags in (COACH.analyze(text).flags, COACH.read(text).flags):
        assert "affection" in flags
        assert {"contempt", "blame"}.isdisjoint(flags)
    assert COACH.analyze(text).tone == "positive"
    assert "affection" in rule_flags(text)


def test_love_of_being_a_servant_is_no_affection() -> None:
    assert "affection" not in COACH.analyze("I love being your maid apparently").flags
