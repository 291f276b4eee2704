"""The depth reader in C (`_depth.c`) answers as its Python twin and as the expressions.

`_depth.tell`, `name_start` and `says_you` write TELLS, SELF_SUBJECT, NAME_START and YOU (of
`depth_expressions.py`) out as word tests; here each is held to `re` on tens of thousands of
sentences made of the very words those expressions name (every word of their sources, so that a
word missing from a C list, or one too many, shows), bent as chat bends them: endings added
("-ed", "-ing", "-ly", "'s"), capitals, digits, letters outside ASCII, commas, marks and spacing
of every kind. Then the Reader's `depth` and `complex_span` are held to `DepthReader`'s Python
twin on the same texts and on the varied texts of `test_fast_paths`, with and without flags and
feeling spans.
"""

from __future__ import annotations

import os
import random
import re
from functools import cache
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import depth_expressions
from tending.coach.depth import CHARGE_FLAGS, EXPERIENCE_FLAGS, DepthReader
from tending.coach.depth_expressions import CONTRAST, EFFECT_WORDS, JOINER, JOINER_WORDS, SOURCES
from tending.coach.stems import stems
from tests.unit.coach.test_depth_gates import FEELING_WORD, GATE_PIECES, GATE_TEXTS
from tests.unit.coach.test_fast_stages import DEPTH_SAMPLE, LEXICON, fresh_normalizer

# the expressions `_depth.c` writes out, and YOU
WRITTEN_OUT = ("SELF_START", "QUESTION_START", "OTHER_START", "THING_PAST", "SELF_SUBJECT")
SEPARATORS = [" "] * 12 + [", ", ",", "  ", "\t", "\n", ". ", "? ", "!", " ?", "\xa0", "-", "'"]
ENDINGS = ["ed", "ing", "ly", "s", "'s", "2", "é", "_", "d", "n"]
LEADS = ["so", "and", "but", "then", "today", "well", "ok", "okay", "hey", "oh", "this morning",
         "last week", "last x", "just", "So", "Apparently", "also", "finally"]  # fmt: skip
# how the branches start, so that the deeper ones are met often too
STARTS = ["the", "our", "my", "i", "we", "you", "he", "she", "they", "me and sam", "sam and i",
          "just", "today was", "because of you", "i always", "we never", "i just", "you just",
          "the car", "our plan", "my day", "Sam", "Sam's", "what", "did", "i am", "i have",
          "Sam said", "Bob's", "Oh, Mia", "Mum", "Sam is"]  # fmt: skip


def _built() -> ModuleType:
    """The C build; skips where it is not built (installed without a C compiler), except
    under CI, which installs with one and must test it."""
    if os.environ.get("CI"):
        from tending.coach import _depth

        return _depth
    return pytest.importorskip("tending.coach._depth")


@cache
def vocabulary() -> list[str]:
    """Every word of the written-out expressions' sources, and a few more."""
    sources = [SOURCES[name] for name in (*WRITTEN_OUT, "NAME_START")]
    words = {word for source in sources for word in re.findall(r"[A-Za-z'-]+", source)}
    words -= {"s"}  # (of `\s`)
    return sorted(words | {"you", "your", "u", "yours", "i", "we", "me", "x", "bob", "Bob",
                           "sam", "Sam", "İ", "ß", "é", "9", "_", "ok,", "so,"})  # fmt: skip


def bent(word: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return word + rng.choice(ENDINGS)
    if roll < 0.2:
        return word.capitalize()
    if roll < 0.23:
        return word.upper()
    if roll < 0.26:
        return word[:-1] if len(word) > 1 else word
    return word


def sentences(count: int, seed: int) -> list[str]:
    """`count` texts of one to eight words of `vocabulary`, bent and joined as chat is."""
    rng = random.Random(seed)
    words = vocabulary()
    texts = []
    for _ in range(count):
        parts = [rng.choice(["", "", "", " ", "\n", ".", "  "])]
        if rng.random() < 0.6:
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
                parts.append(rng.choice(LEADS) + rng.choice([" ", " ", ", ", ",", "  "]))
            parts.append(rng.choice(STARTS) + " ")
        for _ in range(rng.randint(1, 8)):
            parts.append(bent(rng.choice(words), rng))
            parts.append(rng.choice(SEPARATORS))
        if rng.random() < 0.5:
            parts.pop()
        texts.append("".join(parts))
    return texts


@cache
def generated() -> list[str]:
    return sentences(30_000, 5)


def python_tell(text: str) -> tuple[int, int, int]:
    return tuple(DepthReader(LEXICON, built=False)._tell(text))  # type: ignore[return-value]


def test_tell_counts_the_sentences_as_the_expressions_read_them() -> None:
    built = _built()
    twin = DepthReader(LEXICON, built=False)
    kinds = {"self": 0, "question": 0, "others": 0, "thing": 0}
    tells = depth_expressions.tells()
    for text in [*generated(), *DEPTH_SAMPLE, "", ".", "?", " ", "so so so so i went",
                 "i went\x00home. so\x00 i went", "\x00.\x00?", "we\x00 went. \x00i went"]:
        low = text.lower()
        for item in (text, low):
            assert built.tell(item) == tuple(twin._tell(item)), item
        for sentence in depth_expressions.SENTENCES.findall(low):
            told = tells.match(sentence)
            if told is not None:
                kinds[told.lastgroup or ""] += 1
    assert min(kinds.values()) > 300, kinds  # (every branch is met often)


def test_name_start_and_you_are_the_expressions() -> None:
    built = _built()
    named = said_you = 0
    for text in [*generated(), *DEPTH_SAMPLE, "", "Sam's mum", "Apparently Sam said"]:
        expected = depth_expressions.NAME_START.match(text) is not None
        assert built.name_start(text) is expected, text
        named += expected
        low = text.lower()
        expected = depth_expressions.YOU.search(low) is not None
        assert built.says_you(low) is expected, low
        said_you += expected
    assert named > 100 and said_you > 1000, (named, said_you)


# what the Reader's gates read (SPLIT_SELF's, EFFECT's, "proud", the joiners) and feelings
MIXTURE_PIECES = [
    *GATE_PIECES, *sorted(EFFECT_WORDS), *JOINER_WORDS, "although", "at the same time", "butter",
    "band", "proud of you", "i miss you", "i am glad", "sad", "happy", "angry", "i would love to",
    "it hurts", "i have nothing left", "i am not ready", "i love", "i adore",
]  # fmt: skip
NORMALIZER = fresh_normalizer()


def assert_twins(built: DepthReader, twin: DepthReader, text: str) -> None:
    normalized = NORMALIZER.normalize(text)
    low, words = normalized.text, stems(normalized.words)
    for flags in (set(), {"blame"}, {"appreciation", "request"}, {"need"}, frozenset()):
        found = built.depth(flags, low, text, words)  # type: ignore[arg-type]
        assert found == DepthReader.depth(twin, flags, low, text, words), (text, flags)  # type: ignore[arg-type]
    spans = [(0, 4)] if len(low) > 4 else []
    feelings = [match.span() for match in FEELING_WORD.finditer(low)]
    for given_spans in ([], spans, feelings, feelings[::-1], tuple(feelings)):
        found_span = built.complex_span(low, given_spans, words)  # type: ignore[arg-type]
        assert found_span == DepthReader.complex_span(twin, low, given_spans, words), text  # type: ignore[arg-type]


def test_the_reader_answers_as_its_python_twin() -> None:
    _built()
    built, twin = DepthReader(LEXICON), DepthReader(LEXICON, built=False)
    assert built.built and not twin.built
    assert type(built.depth) is not type(twin.depth)  # (the C method, not the Python one)
    for text in [*DEPTH_SAMPLE, *generated()[:4000], "I feel torn between the two", "ok"]:
        assert_twins(built, twin, text)


def test_the_reader_takes_the_plain_path_without_words() -> None:
    _built()
    built = DepthReader(LEXICON)
    text = "i went home and my heart is full"
    assert built.depth(set(), text, text) == DepthReader.depth(built, set(), text, text)
    assert built.depth(set(), text, text) == "experience"
    assert built.depth({"need"}, "ok", "ok", frozenset({"ok"})) == "experience"
    assert built.complex_span("mixed feelings", []) == (0, 14)
    with pytest.raises(TypeError):
        built.depth(set(), text)  # type: ignore[call-arg]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(vocabulary()), min_size=1, max_size=8).map(" ".join))
def test_generated_sentences_are_read_as_the_expressions_read_them(text: str) -> None:
    built = _built()
    assert built.tell(text) == python_tell(text), text
    assert built.name_start(text) is (depth_expressions.NAME_START.match(text) is not None), text


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(MIXTURE_PIECES), min_size=1, max_size=10).map(" ".join))
def test_the_reader_weighs_feelings_as_its_python_twin(text: str) -> None:
    """Texts the gates open for, with and without joiners: every gate of the Reader (its
    words looked up by their hashes) and its joiner check give the Python twin's answers."""
    _built()
    assert_twins(READERS[0], READERS[1], text)


READERS = (DepthReader(LEXICON), DepthReader(LEXICON, built=False))


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([*MIXTURE_PIECES, "a", "t", "b", "s", "w", "y", " "]),
                max_size=8).map("".join))  # fmt: skip
def test_a_text_without_a_joiner_word_has_no_joiner_anywhere(text: str) -> None:
    """What the joiner gate stands on: JOINER matches between no two places of a text that
    writes none of `JOINER_WORDS`."""
    if any(word in text for word in JOINER_WORDS):
        return
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert JOINER.search(text, start, end) is None, (text, start, end)


# the expressions `_depth.scan` reads for: SPLIT_SELF, EFFECT and PROUD_OF may match where it
# says so (a promise), INNER_CUES matches exactly where it says so
SCANNED = ("SPLIT_SELF", "EFFECT", "PROUD_OF", "INNER_CUES")


def assert_scanned(text: str) -> int:
    """`_depth.scan` of `text` keeps its promises; how many of the expressions matched."""
    said = _built().scan(text)
    matched = 0
    for name, says in zip(SCANNED, said, strict=True):
        found = re.search(SOURCES[name], text) is not None
        matched += found
        if name == "INNER_CUES":
            assert says is found, (name, text)
        else:
            assert says or not found, (name, text)
    return matched


@settings(max_examples=800, deadline=None)
@given(GATE_TEXTS | st.lists(st.sampled_from(MIXTURE_PIECES), max_size=8).map(" ".join)
       | st.text(max_size=30))  # fmt: skip
def test_a_text_an_expression_matches_is_scanned_so(text: str) -> None:
    assert_scanned(NORMALIZER.normalize(text).text)
    assert_scanned(text)


def test_a_text_an_expression_matches_is_scanned_so_on_varied_texts() -> None:
    matched = 0
    for text in [*DEPTH_SAMPLE, *GATE_PIECES, *MIXTURE_PIECES, *effect_texts()[:3000],
                 *inner_texts()]:  # fmt: skip
        matched += assert_scanned(NORMALIZER.normalize(text).text) + assert_scanned(text)
    assert matched > 2000, matched


def test_the_scan_turns_away_what_one_word_lets_through() -> None:
    """(Else SPLIT_SELF's search runs in many messages.)"""
    built = _built()
    for text in ("love you", "i miss you", "would you like to", "i really need that",
                 "i am so tired", "i would also love to come", "part of it"):  # fmt: skip
        assert built.scan(text)[0] is False, text
    assert built.scan("i love you and i am so angry")[0] is True
    assert built.scan("i am hurt and i love you")[0] is True


def test_the_reader_searches_where_its_scan_says() -> None:
    """The Reader searches SPLIT_SELF only where `scan` says it may match, tells `_weigh`
    whether EFFECT may (as `scan` says) and reads what `complex_span` scanned for `depth`
    only of the same text."""
    built = _built()
    searched: list[str] = []
    weighed: list[bool] = []
    reader = built.Reader(
        lambda: searched.append, EXPERIENCE_FLAGS, CHARGE_FLAGS, None, None,
        lambda text, spans, effect: weighed.append(effect),
    )  # fmt: skip
    opened = 0
    for text in [*DEPTH_SAMPLE, *sentences(500, 3), *MIXTURE_PIECES, *GATE_PIECES]:
        normalized = NORMALIZER.normalize(text)
        low, words = normalized.text, stems(normalized.words)
        searched.clear()
        weighed.clear()
        reader.complex_span(low, [(0, 1)], words)
        split, effect, _, inner = built.scan(low)
        assert searched == ([low] if split else []), text
        opened += split
        if low:
            assert weighed == [effect] or not may_join(low), text
        cued = re.search(SOURCES["INNER_CUES"], low) is not None
        assert (reader.depth(set(), low, text, words) == "experience") >= cued, text
        other = low + " i hope"  # (another text: read again, whatever was scanned)
        assert reader.depth(set(), other, text, words) == "experience", text
    assert opened > 30


def may_join(text: str) -> bool:
    return any(word in text for word in JOINER_WORDS)


@cache
def effect_texts() -> list[str]:
    """Texts of EFFECT's words and phrases, and of those it must not take ("hurts to sit")."""
    rng = random.Random(12)
    source = SOURCES["EFFECT"]
    words = sorted(set(re.findall(r"[a-z]+", source)) - {"b"} | {"x", "é", "breaks", "wear"})
    phrases = ["breaks my heart", "it hurts", "it really hurts", "this kind of stings",
               "they wear me out", "he wears me down", "she drains me", "which exhausts me",
               "that scares me", "i have nothing left", "i am not there yet", "i am not ready",
               "it hurts to sit", "it hurts to sitting", "it hurts to", "kills me", "break me",
               "they still break me", "it also breaks me", "that kills meat"]  # fmt: skip
    texts = []
    for _ in range(8000):
        parts = []
        for _ in range(rng.randint(1, 5)):
            piece = rng.choice(phrases) if rng.random() < 0.4 else rng.choice(words)
            parts.append(bent(piece, rng))
            parts.append(rng.choice(SEPARATORS))
        texts.append("".join(parts))
    return texts


@cache
def inner_texts() -> list[str]:
    """Texts of INNER_CUES's words: "i", its adverbs (repeated) and ends, "part of me"."""
    rng = random.Random(13)
    words = sorted(set(re.findall(r"[a-z]+", SOURCES["INNER_CUES"])) - {"b"} | {"x", "é"})
    texts = []
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 7)):
            piece = rng.choice(["i", "i", "part of me", "my heart", *words])
            parts.append(bent(piece, rng))
            parts.append(rng.choice([" ", " ", " ", "  ", ", ", "."]))
        texts.append("".join(parts))
    return texts


def test_effects_in_c_are_found_as_finditer_finds_them() -> None:
    built = _built()
    effect = re.compile(SOURCES["EFFECT"])
    found = 0
    for text in [*effect_texts(), *DEPTH_SAMPLE, "", "it hurts"]:
        for item in (text, text.lower()):
            expected = [(m.start(), m.end(), "unpleasant") for m in effect.finditer(item)]
            assert built.effects(item) == expected, item
            found += len(expected)
    assert found > 2000, found


def test_joiners_in_c_are_found_as_search_finds_them_between_two_places() -> None:
    """`_depth.joins(text, pos, endpos, contrast)` is JOINER's (CONTRAST's) search(text, pos,
    endpos): `\b` reads the characters before `pos`, the text ends at `endpos`."""
    built = _built()
    rng = random.Random(14)
    pieces = [*JOINER_WORDS, "although", "even so", "butter", "band", "x", "é", "_", "9", ",",
              "at the same", "so", "stills", "evens"]  # fmt: skip
    joined = 0
    for _ in range(400):
        text = "".join(rng.choice(pieces) + rng.choice([" ", " ", "", ",", ".", "x"])
                       for _ in range(rng.randint(1, 5)))  # fmt: skip
        for pos in range(-1, len(text) + 2):
            for endpos in range(pos - 1, len(text) + 2, 3):
                for contrast, regex in ((False, JOINER), (True, CONTRAST)):
                    expected = regex.search(text, max(pos, 0), max(endpos, 0)) is not None
                    assert built.joins(text, pos, max(endpos, 0), contrast) is expected, (
                        text, pos, endpos, contrast)  # fmt: skip
                    joined += expected
    assert joined > 10_000, joined


@cache
def feeling_texts() -> list[str]:
    """Texts of feeling words (those of several words, with hyphens, and their first words
    alone), bent: glued to letters, digits or "_", cut, doubled, capitalised, spaced."""
    rng = random.Random(9)
    words = sorted(LEXICON.valence)
    pieces = [*words, *{word.split()[0] for word in words}, *{word.split("-")[0] for word in words}]
    texts = []
    for _ in range(6000):
        parts = []
        for _ in range(rng.randint(1, 6)):
            piece = rng.choice(pieces) if rng.random() < 0.7 else rng.choice(vocabulary())
            roll = rng.random()
            if roll < 0.1:
                piece = rng.choice(["x", "_", "9", "é", "un"]) + piece
            elif roll < 0.2:
                piece += rng.choice(["x", "_", "9", "é", "s", "ly"])
            elif roll < 0.25:
                piece = piece[:-1]
            elif roll < 0.3:
                piece = piece.capitalize()
            parts.append(piece)
            parts.append(rng.choice([" ", " ", " ", "  ", ", ", "-", ".", "\n", "'"]))
        texts.append("".join(parts))
    return texts


def test_feeling_words_in_c_are_the_trees_finds() -> None:
    """`Reader.feelings` finds what `feeling_words_expression` finds, from every place."""
    _built()
    reader = DepthReader(LEXICON)
    assert reader._built_feelings is not None
    tree = DepthReader(LEXICON, built=False)._feeling_tree()
    found = 0
    for text in [*feeling_texts(), *DEPTH_SAMPLE, ""]:
        low = text.lower()
        for item in (text, low):
            for start in sorted({0, 1, 3, len(item) // 2, len(item), len(item) + 2}):
                expected = [
                    (w.start(), w.end(), LEXICON.valence[w.group()])
                    for w in tree.finditer(item, start)
                ]
                assert reader._built_feelings(item, start) == expected, (item, start)
                found += len(expected)
    assert found > 5000


def test_feeling_words_of_many_words_are_found_past_each_beginning() -> None:
    """`Reader.feelings` reads on past a word only where a feeling word goes on from the words
    read so far (its beginnings, `openings`): feeling words nested in one another, of words
    joined by spaces, hyphens, apostrophes or letters outside ASCII, are still found as the
    tree finds them, longest first."""
    _built()
    nested = ["a", "a b", "a b c d", "a-b", "b c", "é ü", "é ü ö", "x'y", "x", "a b c d e f"]
    odd = LEXICON.replace(valence={word: "pleasant" for word in nested})
    reader = DepthReader(odd)
    assert reader._built_feelings is not None
    tree = DepthReader(odd, built=False)._feeling_tree()
    rng = random.Random(3)
    pieces = ["a", "b", "c", "d", "e", "f", "é", "ü", "ö", "x", "y", "ab", "z"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) + rng.choice([" ", " ", "-", "'", "  ", ",", ""])
                       for _ in range(rng.randint(1, 9)))  # fmt: skip
        expected = [(w.start(), w.end(), "pleasant") for w in tree.finditer(text)]
        assert reader._built_feelings(text, 0) == expected, text


def test_feeling_words_not_written_as_words_are_left_to_the_tree() -> None:
    _built()
    odd = LEXICON.replace(valence={**LEXICON.valence, "-ish": "pleasant"})
    reader = DepthReader(odd)
    assert reader.built and reader._built_feelings is None
    text = "i am glad, but also sad -ish"
    words = stems(frozenset(text.split()))
    spans = [(5, 9)]
    assert reader.complex_span(text, spans, words) == DepthReader.complex_span(
        DepthReader(odd, built=False), text, spans, words
    )


def test_texts_of_many_gate_words_are_read_as_by_the_twin() -> None:
    """A text of every word the Python twin's gates and `_depth.scan` look for, whole and in
    parts, reads as the twin reads it."""
    _built()
    gate_words = sorted(
        {word for name in ("SPLIT_SELF", "INNER_CUES", "EFFECT")
         for word in re.findall(r"[a-z]+", SOURCES[name]) if len(word) > 1} | EFFECT_WORDS
    )  # fmt: skip
    assert len(gate_words) > 40
    rng = random.Random(4)
    built, twin = READERS
    for size in (5, 20, 33, 40, len(gate_words)):
        for _ in range(20):
            text = " ".join(rng.sample(gate_words, min(size, len(gate_words))))
            assert_twins(built, twin, text)
            assert_twins(built, twin, text + " and i am so angry but i love you")


@cache
def mark_texts() -> list[str]:
    """Texts of the words of the marks' expressions (MARKS), bent and joined as chat is:
    "i" and "proud of" often first, adverbs repeated, words cut or glued to letters."""
    rng = random.Random(11)
    sources = [SOURCES[name] for name in depth_expressions.MARKS]
    words = sorted({word for source in sources for word in re.findall(r"[A-Za-z'-]+", source)}
                   - {"b"} | {"i", "I", "proud", "of", "x", "é", "miss", "missed"})  # fmt: skip
    # each alternative of the marks' ends and adverbs whole ("can not wait", "am going to")
    phrases = [piece.strip() for source in sources
               for piece in re.findall(r"[a-z ]+", source.replace("\\b", "|").replace("(?:", "|"))
               if " " in piece.strip()]  # fmt: skip
    texts = []
    for _ in range(30_000):
        parts = []
        for _ in range(rng.randint(1, 4)):
            parts.append(rng.choice(["i ", "i ", "proud of ", "xi ", "I ", ""]))
            for _ in range(rng.randint(0, 5)):
                piece = rng.choice(phrases) if rng.random() < 0.3 else rng.choice(words)
                parts.append(bent(piece, rng))
                parts.append(rng.choice(SEPARATORS))
        texts.append("".join(parts))
    return texts


def test_marks_in_c_are_found_as_their_expressions_find_them() -> None:
    """`_depth.marks` finds PROUD_OF, WANT, ATTACHED and MISSING where their expressions'
    finditer finds them, as written and as `scanning` writes them, with the label given."""
    built = _built()
    written, scanning = depth_expressions.as_written(), depth_expressions.scanning_marks()
    found = [0] * len(written)
    for text in [*mark_texts(), *DEPTH_SAMPLE, "", "i", "i love", "proud of u"]:
        for which, label in enumerate(depth_expressions.MARK_LABELS):
            expected = depth_expressions.found_with(written[which], label, text)
            assert built.marks(which, label, text) == expected, (which, text)
            assert depth_expressions.found_with(scanning[which], label, text) == expected
            found[which] += len(expected)
    assert min(found) > 300, found  # (every mark is met often)
