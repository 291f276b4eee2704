"""The fast paths of the stages around the rule engine answer exactly as the plain ones.

Normalizing (plain ASCII and emoji-and-spacing texts read without the word-by-word pass), the
language guess (words read token by token, kept) and depth (expressions rewritten to scan
faster): each is held to its plain path on generated texts built from the characters that
send a text one way or the other, and on the varied texts of `test_fast_paths`.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach.depth import DepthReader
from tending.coach.depth_expressions import (
    AS_WRITTEN,
    INNER_CUES,
    OTHER_START,
    QUESTION_START,
    SELF_START,
    SPLIT_SELF,
    THING_PAST,
    feeling_words_expression,
    scanning,
)
from tending.coach.language import LanguageGuesser, script_char
from tending.coach.lexicon import load_lexicon
from tending.coach.normalize import SPACES, SPACES_AS_WRITTEN, TAIL_CHARS, Normalizer
from tending.coach.stems import stems
from tests.unit.coach.test_fast_paths import TEXTS

LEXICON = load_lexicon()
EMOJI = sorted(LEXICON.emoji)
# what decides a normalizer's path: letters of both cases, spacing, apostrophes (straight and
# curly), digits, "<3", emoji of the lexicon and others, their tails, letters and spaces
# outside ASCII, characters that lower-case to two, words that are chat spellings
PIECES = [
    "a", "B", "i", "you", "so", "sooo", " ", "  ", "\t", "\n", "\r", "'", "’", "‘", "2", "<",
    "3", "<3", "_", "😴", "🙈", "👍", "—", "…", "é", "İ", "ß", "K", "Σ", "\xa0", "\u3000",
    "\x1c", "\u0307", "emo_love", "u", "dont", "im", "lol", "never", ".", "?", "!", ",", *EMOJI,
    *TAIL_CHARS,
]  # fmt: skip
TEXT_OF_PIECES = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def fresh_normalizer() -> Normalizer:
    return Normalizer(LEXICON, ["so", "please", "you", "never"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(TEXT_OF_PIECES, st.text(max_size=12)), min_size=1, max_size=4))
def test_normalize_is_the_plain_path(texts: list[str]) -> None:
    """Read once (words and runs met for the first time) and again (kept readings)."""
    normalizer = fresh_normalizer()
    for _ in range(2):
        for text in texts:
            assert normalizer.normalize(text) == normalizer.normalize_reference(text), text


def test_normalize_is_the_plain_path_on_varied_texts() -> None:
    normalizer = fresh_normalizer()
    for text, context in TEXTS * 2:
        for item in (text, context or ""):
            assert normalizer.normalize(item) == normalizer.normalize_reference(item), item


def test_common_texts_take_a_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain, emoji, multi-line and chat-spelled texts are read without the plain path (else a
    fast path has quietly stopped serving them), as the plain path reads them; the others
    (ASCII emoji, letters outside ASCII) are not."""
    normalizer = fresh_normalizer()
    plain = normalizer.normalize_reference
    read_plainly: list[str] = []
    monkeypatch.setattr(
        normalizer, "normalize_reference", lambda text: read_plainly.append(text) or plain(text)
    )
    assert normalizer._emoji_runs  # the packaged emoji can take the fast path
    fast = ["Miss you", "Miss 😂 you music 😴 warm?", "Love you ❤️\n\nsee you  later\tbye", "👍🏽…"]
    fast += ["don't 😂", "I'm here", "2day 😂", "sooo 😂", "ur 😂 rn", "gr8 ❤️\n\nu?", "it’s 😂"]
    for text in fast:
        assert normalizer.normalize(text) == plain(text)
    assert read_plainly == []
    slow = ["i <3 u 😂", "café 😂", "İ 😂", "i <3 u", "it’s <3"]
    for text in slow:
        assert normalizer.normalize(text) == plain(text)
    assert read_plainly == slow


def test_an_emoji_key_that_could_touch_a_word_or_spacing_turns_the_emoji_path_off() -> None:
    assert fresh_normalizer()._emoji_runs
    for key, text in (("😂x", "a 😂xb"), ("😂\u3000", "a\n😂\u3000\u3000b"), ("😂é", "😂éa")):
        altered = Normalizer(LEXICON.replace(emoji={**LEXICON.emoji, key: "emo_x"}), [])
        assert not altered._emoji_runs, key
        assert altered.normalize(text) == altered.normalize_reference(text)
    # ASCII keys are looked for in the text
    altered = Normalizer(LEXICON.replace(emoji={**LEXICON.emoji, ":)": "emo_x"}), [])
    assert altered._emoji_runs and set(altered._ascii_keys) == {":)", "<3"}
    for text in ("a :) 😂", "a :)\nb", "a :-) 😂", "a :)", "a <3 b\nc", "don't :) 😂"):
        assert altered.normalize(text) == altered.normalize_reference(text), text


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000ab", max_size=16))
def test_spaces_sorted_by_first_character_match_as_written(text: str) -> None:
    written = re.compile(SPACES_AS_WRITTEN)
    assert [m.span() for m in SPACES.finditer(text)] == [m.span() for m in written.finditer(text)]


GUESSER = LanguageGuesser(LEXICON)
FOREIGN = sorted(GUESSER._foreign)
WORDS_OF_TEXTS = ["the", "you", "I", "love", "la", "que", "der", "und", "Le", "EST", "l'amour",
                  "c'est", "Straße", "İstanbul", "привет", "你好", "ΣΑΣ", "café", "über", "naïve",
                  "😂", "❤️", "👍🏽", "—", "…", "’", "'", "\xa0", "\u3000", "\x1c", "\u2028", "K",
                  "Ⅰ", "①", "٣", "\u0307", "ǅ", "ﬁ", "x", "a", "2", "_"]  # fmt: skip
GUESS_TEXTS = st.lists(
    st.sampled_from(WORDS_OF_TEXTS + FOREIGN[::7]) | st.text(max_size=4),
    max_size=10,
).map(" ".join)


@settings(max_examples=2000, deadline=None)
@given(st.lists(GUESS_TEXTS | st.text(max_size=20), min_size=1, max_size=3))
def test_guess_is_the_plain_path(texts: list[str]) -> None:
    guesser = LanguageGuesser(LEXICON)
    normalizer = fresh_normalizer()
    for _ in range(2):  # tokens met, then kept
        for text in texts:
            words = normalizer.normalize(text).words
            assert guesser.guess(text, words) == guesser.guess_reference(text, words), text


def test_guess_is_the_plain_path_on_varied_texts() -> None:
    normalizer = fresh_normalizer()
    for text, _ in TEXTS:
        words = normalizer.normalize(text).words
        assert GUESSER.guess(text, words) == GUESSER.guess_reference(text, words), text


def test_no_white_space_is_a_script_character_or_lower_cases_to_another() -> None:
    """What reading a text's tokens apart stands on (`language._Telling`)."""
    for code in range(0x110000):
        char = chr(code)
        if char.isspace():
            assert not script_char(char) or char.isascii(), hex(code)
            assert char.lower() == char, hex(code)
        else:
            assert not any(map(str.isspace, char.lower())), hex(code)


READER = DepthReader(LEXICON)
FEELINGS = sorted(LEXICON.valence)
DEPTH_PIECES = [
    "i", "I", "you", "u", "we", "my", "the", "so", "and", "but", "part of me", "mixed feelings",
    "miss", "proud of you", "want to", "love", "loved", "am", "was", "went", "walked", "sam",
    "Sam", "said", "Sam's", "what", "why", "he", "she", "they", "mum", "today", "heart", "it",
    "hurts", "did", "boss", "can", ".", "?", "!", "...", "\n", ",", " ", "  ", "ed", "-", "x",
    *FEELINGS[::3],
]  # fmt: skip
DEPTH_TEXTS = st.lists(st.sampled_from(DEPTH_PIECES), max_size=14).map(" ".join)
DEPTH_SAMPLE = [text for text, _ in TEXTS]


def normalized_texts() -> list[str]:
    normalizer = fresh_normalizer()
    return [normalizer.normalize(text).text for text in DEPTH_SAMPLE] + ["", ".", "?", "a."]


# sentences two of the patterns `TELLS` joins match: the first as `shape_reference` tries them
OVERLAPS = ["did and i went home", "mum and i went home", "the boss walked in", "so did you go"]

def test_feeling_words_as_a_tree_match_as_the_longest_first_alternation() -> None:
    longest_first = sorted(LEXICON.valence, key=len, reverse=True)
    written = re.compile(r"\b(?:" + "|".join(map(re.escape, longest_first)) + r")\b")
    tree = re.compile(feeling_words_expression(LEXICON.valence))
    texts = normalized_texts() + [" ".join(FEELINGS), "-".join(FEELINGS), "".join(FEELINGS)]
    texts += [word[:cut] + rest for word in FEELINGS for cut in (-1, 3) for rest in (" x", "x")]
    for text in texts:
        assert [m.span() for m in tree.finditer(text)] == [
            m.span() for m in written.finditer(text)
        ], text


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from([*FEELINGS, " ", "-", "x", "out", "of"]), max_size=8).map("".join))
def test_feeling_words_tree_on_run_together_words(text: str) -> None:
    written = READER._feeling_word_written()
    assert [m.span() for m in READER._feeling_tree().finditer(text)] == [
        m.span() for m in written.finditer(text)
    ]


def test_depth_expressions_scanning_find_the_same_spans() -> None:
    texts = normalized_texts() + [" ".join(DEPTH_PIECES), "ai love", "xi miss"]
    for regex in (*AS_WRITTEN, INNER_CUES, SPLIT_SELF):
        fast = scanning(regex)
        assert fast.pattern != regex.pattern  # (else nothing is gained)
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in regex.finditer(text)
            ], (regex.pattern[:40], text)


@settings(max_examples=1500, deadline=None)
@given(DEPTH_TEXTS)
def test_shape_and_depth_are_the_plain_paths(text: str) -> None:
    normalized = fresh_normalizer().normalize(text)
    low = normalized.text
    assert READER.shape(low, text) == READER.shape_reference(low, text)
    words = stems(normalized.words)
    for flags in (set(), {"blame"}):
        assert READER.depth(flags, low, text, words) == READER.depth(flags, low, text)
    spans = [(0, 4)] if len(low) > 4 else []
    assert READER.complex_span(low, spans, words) == READER.complex_span(low, spans)


def test_shape_is_the_plain_path_on_varied_texts() -> None:
    tells = (SELF_START, QUESTION_START, OTHER_START, THING_PAST)
    assert all(pattern.groups == 0 for pattern in tells)  # (`lastgroup` names the branch)
    for low, text in zip(normalized_texts(), DEPTH_SAMPLE + [""] * 4, strict=True):
        assert READER.shape(low, text) == READER.shape_reference(low, text), text
    for text in OVERLAPS:
        assert READER.shape(text, text) == READER.shape_reference(text, text), text
    assert READER.shape(OVERLAPS[0], "").about_self == 1


def test_long_words_runs_and_tokens_are_read_but_not_kept() -> None:
    normalizer, guesser = fresh_normalizer(), LanguageGuesser(LEXICON)
    for text in ("ab" * 30 + " 😂", "你好" * 30 + " ok", "😂" * 50, "-" * 50 + "😂"):
        for _ in range(2):
            found = normalizer.normalize(text)
            assert found == normalizer.normalize_reference(text)
            assert guesser.guess(text, found.words) == guesser.guess_reference(text, found.words)
    assert max(map(len, [*normalizer._plain, *normalizer._runs, *guesser._telling])) <= 40


def test_the_feeling_tree_is_compiled_on_first_need_and_kept() -> None:
    reader = DepthReader(LEXICON)
    assert reader._feeling_word is None  # not at load
    assert reader.complex_span("we ate at six", [], frozenset({"we", "ate", "at", "six"})) is None
    assert reader._feeling_word is None  # nothing to weigh: still not needed
    tree = reader._feeling_tree()
    assert tree.pattern == feeling_words_expression(LEXICON.valence)
    assert reader._feeling_word is tree
    text = "i am glad but also sad"
    spans = [m.span() for m in reader._feeling_word_written().finditer(text)]
    fresh = DepthReader(LEXICON, built=False)  # (built, `_depth` finds the feeling words)
    found = fresh.complex_span(text, spans, frozenset(text.split()))
    assert fresh._feeling_word is not None  # compiled by the first message that needs it
    assert found is not None and found == fresh.complex_span(text, spans)  # the plain path's
