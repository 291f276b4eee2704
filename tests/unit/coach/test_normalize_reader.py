"""The normalizer's C reader (coach/_normalize.c) held to its Python twin and to the plain path.

The same `Normalized` (text, words, edits; the text's bytes too) from the C reader, from the
Python path (`compiled=False`) and from `normalize_reference`: on every labelled line, on texts
of the pieces that send a text one way or another, on arbitrary Unicode (emoji, combining
marks, ZWJ sequences, CRLF, white space outside ASCII) and on very long texts, each read twice
(met for the first time, then from the kept readings). The common texts are read in C, not
declined; malformed tables are refused. Under CI the reader must be built and used.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import normalize
from tending.coach.analyzer import load_coach
from tending.coach.lexicon import load_lexicon
from tending.coach.normalize import Normalized, Normalizer
from tests.unit.coach.test_fast_stages import PIECES
from tests.unit.coach.test_read import labelled_lines

READER: Any = getattr(normalize, "Reader", None)  # the C reader's type, where it is built
BUILT = READER is not None
pytestmark = pytest.mark.skipif(
    not BUILT and not os.environ.get("CI"),
    reason="the C reader is not built here (installed without a C compiler)",
)
LEXICON = load_lexicon()
VOCABULARY = ["so", "please", "you", "never", "love"]
# more of what a chat message holds: ZWJ sequences, skin tones, variation selectors,
# combining marks, CRLF and other line breaks, contractions, chat spellings, numbers
MORE_PIECES = [
    "👨‍👩‍👧", "🏳️‍🌈", "👍🏾", "❤️‍🔥", "\u200d", "\ufe0f", "e\u0301", "\u0301", "\r\n", "\x85",
    "\u2028", "\x0b", "\x0c", " \t", "don't", "can't", "I'm", "you're", "gr8", "2day", "ur",
    "pleeease", "ﬁ", "ǅ", "Ⅰ", "٣", "a'b'c", "'s", "__", "x2", "…", "!!", "<3<3", "<",
]  # fmt: skip
PIECE_TEXTS = st.lists(st.sampled_from(PIECES + MORE_PIECES), max_size=24).map("".join)
CHARACTERS = "".join(sorted(set("".join(PIECES + MORE_PIECES))))
TEXTS = st.one_of(
    PIECE_TEXTS,
    st.text(max_size=30),
    st.text(alphabet=CHARACTERS, max_size=30),
    st.text(alphabet=st.characters(min_codepoint=0x1F000, max_codepoint=0x1FAFF) | st.just(" ")),
)


def twins() -> tuple[Normalizer, Normalizer]:
    return (
        Normalizer(LEXICON, VOCABULARY, compiled=True),
        Normalizer(LEXICON, VOCABULARY, compiled=False),
    )


def assert_same(built: Normalized, twin: Normalized, plain: Normalized, text: str) -> None:
    assert type(built) is Normalized
    assert built == twin == plain, text
    # the same string, not only an equal one: the same width of characters
    assert sys.getsizeof(built.text) == sys.getsizeof(plain.text), text
    for start in range(0, len(built.text) + 1, max(1, len(built.text) // 7)):
        assert built.original_span(start, len(built.text)) == plain.original_span(
            start, len(plain.text)
        )


def check(texts: list[str]) -> None:
    built, twin = twins()
    assert built.compiled and not twin.compiled
    for _ in range(2):
        for text in texts:
            assert_same(
                built.normalize(text), twin.normalize(text), twin.normalize_reference(text), text
            )


@settings(max_examples=3000, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_the_c_reader_reads_as_the_python_path_and_the_plain_path(texts: list[str]) -> None:
    check(texts)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES + MORE_PIECES), min_size=300, max_size=1500))
def test_very_long_texts(pieces: list[str]) -> None:
    check(["".join(pieces), " ".join(pieces), "\n".join(pieces).upper()])


def test_every_labelled_line() -> None:
    texts = []
    for _, _, text, context in labelled_lines():
        texts += [text, context or ""]
    check(texts)


def test_common_texts_are_read_in_c(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain, chat-spelled, emoji, multi-line and contracted texts (curly apostrophes too) are
    read by the C reader (else it has quietly stopped serving them); those with an ASCII emoji
    ("<3") or letters outside ASCII are declined, and the Python path reads them plainly."""
    built, _ = twins()
    plain = built.normalize_reference
    read_plainly: list[str] = []

    def reference(text: str) -> Normalized:
        read_plainly.append(text)
        return plain(text)

    monkeypatch.setattr(built, "normalize_reference", reference)
    with monkeypatch.context() as inside:
        inside.setattr(built, "_by_parts", lambda low, changing: pytest.fail(low))
        fast = ["Miss you", "im so tired rn", "Miss 😂 you ❤️\n\nsee you  later\tbye"]
        fast += ["👍🏽…", "don't 😂", "I'm here", "2day", "sooo", "can u call me", "a\r\n\u3000b"]
        fast += ["", "it’s ok", "It‘S ❤️"]
        for text in fast:
            assert built.normalize(text) == plain(text)
    assert read_plainly == []
    slow = ["i <3 u 😂", "café 😂", "İ 😂", "i <3 u", "it’s <3", "CAFÉ’S"]
    for text in slow:
        assert built.normalize(text) == plain(text)
    assert read_plainly == slow


def test_the_coach_reads_in_c_where_built() -> None:
    assert load_coach().engine.normalizer.compiled == BUILT


def reader(
    read_token: Callable[[str], object] = len,
    read_run: Callable[[str], object] = len,
    keys: tuple[object, ...] = (),
    result: type = Normalized,
) -> Any:
    return READER({}, {}, read_token, read_run, keys, result, lambda text, low: "x")


def test_malformed_tables_are_refused() -> None:
    for found in ("x", ((0, 1),), ((0, 1, 2),), (("a", 1, "x"),)):
        with pytest.raises(TypeError):
            reader(read_run=lambda run, found=found: found).read("a 😂")  # type: ignore[misc]
    with pytest.raises(TypeError):
        reader(read_token=lambda token: 3).read("a")
    with pytest.raises(TypeError):
        reader().read(b"a")
    with pytest.raises(TypeError):
        reader(keys=(3,))
    with pytest.raises(TypeError):
        reader(result=dict)
    with pytest.raises(TypeError):  # (the words it marks: a frozenset, or None)
        READER({}, {}, len, len, (), Normalized, print, None, {"de"})
    marking = READER({}, {}, lambda token: None, len, (), Normalized, print, None, frozenset())
    assert marking.normalize("A b") == marking.normalize("A b") == ("a b", {"a", "b"}, (), ())
    with pytest.raises(RuntimeError, match="not initialised"):
        READER.__new__(READER).read("a")
    with pytest.raises(ZeroDivisionError):
        reader(read_token=lambda token: 1 / 0).normalize("a")
    declining = reader(read_token=lambda token: None, read_run=lambda run: None)
    assert declining.read("a 😂 b") is None
    assert declining.normalize("A 😂 b") == "x"  # what `declined` answers
    assert declining.normalize("A b") == ("a b", frozenset({"a", "b"}), (), ())


def test_ci_builds_and_uses_the_c_reader() -> None:
    """CI installs with a C compiler: the coach it tests must read in C, built from the current
    source (an edited _normalize.c or _reader_api.h needs `make` again)."""
    if not os.environ.get("CI") and not BUILT:
        pytest.skip("not under CI")
    assert BUILT and load_coach().engine.normalizer.compiled
    from tending.coach import _normalize

    for name in ("_normalize.c", "_reader_api.h"):  # (the header `_glue.c` includes too)
        source = Path(normalize.__file__).with_name(name)
        if source.exists() and Path(_normalize.__file__).parent == source.parent:
            assert Path(_normalize.__file__).stat().st_mtime >= source.stat().st_mtime, (
                f"{name} changed since it was built: run `make test` (or pip install -e .)"
            )


def test_kept_tokens_are_read_as_the_dict_keeps_them() -> None:
    """The C reader keeps each token's reading by its characters, once `tokens` keeps it: a
    reading `read_token` gives but `tokens` does not keep is asked for again; a kept one is
    not; the words a kept token adds are those of its change (or of the token). Over a
    thousand tokens (the table grows), long tokens (never kept) and texts of wider characters
    (the token compared character by character) read the same each time."""
    tokens: dict[str, object] = {}
    asked: list[str] = []

    def read_token(token: str) -> object:
        asked.append(token)
        found = {"u": "you", "im": "i am", "x2": None}.get(token)
        if not token.startswith("n"):  # (tokens starting with "n" are not kept)
            tokens[token] = found
        return found

    built = READER(tokens, {}, read_token, lambda run: (), (), Normalized, lambda t, low: "x")
    for _ in range(2):
        words = frozenset({"you", "i", "am", "x", "no"})
        edits = ((0, 3, 0, 1), (4, 8, 2, 4))
        assert built.read("u im x2 no") == ("you i am x2 no", words, (0, 4), edits)
    assert asked == ["u", "im", "x2", "no", "no"]
    many = [f"w{number}a" for number in range(3000)] + ["y" * 41, "é u im"]
    for _ in range(2):
        for text in many:
            assert built.read(text) == built.read(text + "") and built.read(text) is not None
    assert asked.count("w2999a") == 1 and asked.count("y" * 41) == 1  # (the dict keeps it)
    assert built.read("é u im").words == frozenset({"you", "i", "am"})


def test_keys_are_found_where_they_start() -> None:
    """A text holding a key is declined wherever the key stands; a key starting outside ASCII
    is searched for, and an empty key is in every text."""

    def keyed(*keys: str) -> Any:
        return READER({}, {}, lambda token: None, lambda run: (), keys, Normalized, print)

    assert keyed("<3").read("a <3") is None and keyed("<3").read("<3") is None
    assert keyed("<3").read("a <4 <") is not None
    assert keyed(":)", "<3").read("x<3") is None and keyed(":)", "<3").read("<:)") is None
    assert keyed("é<").read("a é< b") is None and keyed("é<").read("a é b") is not None
    assert keyed("").read("a") is None
    assert keyed("<3").read("😂 <3") is None and keyed("<3").read("ā <3") is None
    assert keyed("<3").read("😂 <") is not None and keyed("<3").read("ā <4") is not None
    # (a few first characters are each found by `memchr`; more, by a table of them)
    for keys in [("<3", ":)"), ("<3", ":)", "a1", "b2", "c3")]:
        assert keyed(*keys).read("<<<3") is None and keyed(*keys).read("x :<:)") is None
        assert keyed(*keys).read("< <") is not None and keyed(*keys).read("<") is not None
        assert keyed(*keys).read("") is not None and keyed(*keys).read("::(") is not None


def test_ascii_texts_are_lower_cased_as_str_lower() -> None:
    """The reader lower-cases an ASCII text eight characters at a time: every ASCII character
    at every place of a text of up to 20 characters reads as `str.lower` makes it."""
    chars = "".join(map(chr, range(128)))
    texts = [chars, chars[::-1], chars.upper()]
    texts += [chars[start : start + size] for size in range(21) for start in range(0, 108, 5)]
    check(texts)


def test_kept_runs_are_read_as_the_dict_keeps_them() -> None:
    """Runs of non-ASCII characters are kept by their characters as tokens are, once `runs`
    keeps them: their changes and words the same each time, a declined run (None) declined
    again, a run `runs` does not keep asked for again."""
    runs: dict[str, object] = {}
    asked: list[str] = []
    readings = {"😂": ((0, 1, " emo_laugh "),), "❤️": ((0, 2, " a b "),), "é": None}

    def read_run(run: str) -> object:
        asked.append(run)
        found = readings.get(run, ())
        if run != "🙂":
            runs[run] = found
        return found

    built = READER({}, runs, lambda token: None, read_run, (), Normalized, lambda t, low: "x")
    for _ in range(2):
        found = built.read("x 😂 ❤️ 🙂 y")
        assert found == built.read("x 😂 ❤️ 🙂 y")
        assert found.text == "x  emo_laugh   a b  🙂 y"
        assert found.words == frozenset({"x", "emo_laugh", "a", "b", "y"})
        assert built.read("é 😂") is None
    assert asked == ["😂", "❤️", "🙂", "🙂", "é", "🙂", "🙂"]
