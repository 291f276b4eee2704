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
from collections.abc import Callable
from functools import cache
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import depth_expressions
from tending.coach.depth import CHARGE_FLAGS, EXPERIENCE_FLAGS, DepthReader, clause_gate
from tending.coach.depth_expressions import EFFECT_WORDS, JOINER, JOINER_WORDS, SOURCES
from tending.coach.stems import stems
from tests.unit.coach.test_depth_gates import COMMON, FEELING_WORD, GATE_PIECES, GATE_TEXTS, GATED
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
    for text in [*generated(), *DEPTH_SAMPLE, "", ".", "?", " ", "so so so so i went"]:
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
    for given_spans in ([], spans, feelings):
        found_span = built.complex_span(low, given_spans, words)
        assert found_span == DepthReader.complex_span(twin, low, given_spans, words), text


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


def passes(alternatives: tuple[tuple[frozenset[str], ...], ...], words: frozenset[str]) -> bool:
    return any(all(not clause.isdisjoint(words) for clause in each) for each in alternatives)


@cache
def clause_gates() -> dict[str, tuple[tuple[frozenset[str], ...], ...]]:
    found = {name: clause_gate(SOURCES[name], COMMON) for name in GATED}
    assert None not in found.values()
    return found  # type: ignore[return-value]


def test_clause_gates_turn_away_what_one_word_lets_through() -> None:
    """(Else the Reader's gates gain nothing on the one-word gates.)"""
    split, inner = clause_gates()["SPLIT_SELF"], clause_gates()["INNER_CUES"]
    for text in ("love you", "i miss you", "would you like to", "i really need that"):
        assert not passes(split, words_of(text)), text
    assert not passes(inner, words_of("my part"))
    assert passes(split, words_of("i love you and i am so angry"))


def words_of(text: str) -> frozenset[str]:
    return stems(frozenset(text.split()))


def may_join(text: str) -> bool:
    return any(word in text for word in JOINER_WORDS)


def test_the_reader_searches_where_its_clause_gates_open() -> None:
    """The Reader's gates (clauses as bits, words looked up by hash) open exactly where
    `passes` says, and tell `_weigh` whether EFFECT may match as EFFECT_WORDS does."""
    built = _built()
    gates = clause_gates()
    searched: list[tuple[str, str]] = []
    weighed: list[bool] = []

    def recording(name: str) -> Callable[[], tuple[object, Callable[[str], None]]]:
        return lambda: (gates[name], lambda text: searched.append((name, text)))

    reader = built.Reader(
        recording("INNER_CUES"), recording("SPLIT_SELF"), EFFECT_WORDS, EXPERIENCE_FLAGS,
        CHARGE_FLAGS, None, None, lambda text, spans, effect: weighed.append(effect),
    )  # fmt: skip
    opened = 0
    for text in [*DEPTH_SAMPLE, *sentences(500, 3), *MIXTURE_PIECES, *GATE_PIECES]:
        normalized = NORMALIZER.normalize(text)
        low, words = normalized.text, stems(normalized.words)
        searched.clear()
        weighed.clear()
        reader.depth(set(), low, text, words)
        reader.complex_span(low, [(0, 1)], words)
        expected = [(name, low) for name in GATED if passes(gates[name], words)]
        assert searched == expected, text
        opened += len(expected)
        if low:
            assert weighed == [not EFFECT_WORDS.isdisjoint(words)] or not may_join(low), text
    assert opened > 100


@settings(max_examples=2000, deadline=None)
@given(GATE_TEXTS | st.text(max_size=30))
def test_a_text_an_expression_matches_passes_its_clause_gate(text: str) -> None:
    normalized = NORMALIZER.normalize(text)
    words = stems(normalized.words)
    for name, gate in clause_gates().items():
        if re.search(SOURCES[name], normalized.text):
            assert passes(gate, words), (name, text)


def test_a_text_an_expression_matches_passes_its_clause_gate_on_varied_texts() -> None:
    compiled = {name: re.compile(SOURCES[name]) for name in GATED}
    matched = 0
    for text in [*DEPTH_SAMPLE, *GATE_PIECES, *MIXTURE_PIECES]:
        normalized = NORMALIZER.normalize(text)
        words = stems(normalized.words)
        for name, gate in clause_gates().items():
            if compiled[name].search(normalized.text):
                matched += 1
                assert passes(gate, words), (name, text)
    assert matched > 50


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
    """More of a message's words than the Reader notes by their hashes (32) are read word
    by word; a text of every gate word, whole and in parts, reads as the twin reads it."""
    _built()
    gate_words = sorted(
        {word.rstrip("*") for gate in clause_gates().values() for each in gate for clause in each
         for word in clause} | EFFECT_WORDS
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
