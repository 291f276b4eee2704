"""Play: teasing between people who are close is not contempt (the play veto of the name-calling
patterns, `{tease_name}`, `{warmth}`, `{laughter}` and `{put_down}` in lexicon.tsv; see "Play" in
patterns.toml). A mild name said with a mark of warmth in the same sentence and no real put-down
is teasing, and the affection said with it stands; the same name with an eye-roll, a real
insult, "what is wrong with you" or sarcastic love stays contempt. Wordings written for this
test, none of them a labelled line."""

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

# a mild name with laughter only: the rules raise no contempt (and no affection is claimed).
# The second opinion may still add it ("haha you're such a dork": `such a` + a name weighs
# toward contempt in every other set), so only the rules are held to it here.
LAUGHING = (
    "lol you clown",
    "you dork 😂",
    "haha you're such a goofball",
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


@pytest.mark.parametrize("text", LAUGHING)
def test_the_rules_read_teasing_with_laughter_as_no_contempt(text: str) -> None:
    assert {"contempt", "blame"}.isdisjoint(rule_flags(text))


@pytest.mark.parametrize("text", CONTEMPT)
def test_warm_words_with_real_scorn_stay_contempt(text: str) -> None:
    assert "contempt" in COACH.analyze(text).flags
    assert "contempt" in COACH.read(text).flags
    assert "contempt" in rule_flags(text)
    assert COACH.analyze(text).tone == "corrective"
