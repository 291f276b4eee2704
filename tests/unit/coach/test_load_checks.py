"""The cheaper ways of loading hold to the plain ones they replaced.

`data_files.lines_of` gives the lines of `str.splitlines` one at a time; `learned.ROWS`
(possessive) accepts exactly the files the plain expression did; the rows of `learned.tsv` read
with one split are the rows read line by line.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tending.coach import learned_file as learned
from tending.coach.data_files import lines_of, read_data_text

PLAIN_ROWS = re.compile(rf"(?:{learned.ROW}\n)*")  # the expression before it was possessive
LINE_ENDS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028"]


@settings(max_examples=2000)
@given(
    st.lists(st.sampled_from(["a", "#", " ", "provenance:", "xyz" * 7, *LINE_ENDS])).map("".join),
    st.integers(1, 12),
)
@example("a\r\nb", 2)
@example("ab\r\ncd\r\n", 3)
def test_lines_of_gives_the_lines_of_splitlines(text: str, chunk: int) -> None:
    assert list(lines_of(text, chunk)) == text.splitlines()


def test_lines_of_on_the_packaged_files() -> None:
    for name in ("learned.tsv", "patterns.toml", "lexicon.tsv"):
        text = read_data_text(name)
        assert list(lines_of(text)) == text.splitlines()


PAIRS = st.sampled_from(["0:1", "23:-1.5", "24:1", "9:12345", "1:2.", "05:1", "1:-0.125",
                         "2:1.2345", "1:٣", "19:9999.999", ":1", "1:", "1:1 ", "", "1:-",
                         "1:.5", "1:--1", "-1:2", "1:1.2.3", "22:-٣.٥", "3:1234.5678",
                         "20:0", "2:00001", "1:-12.3-4", "12:1:2", "1:1\t2"])  # fmt: skip
ROW_TEXT = st.builds(
    lambda name, pairs, end: name + "\t" + " ".join(pairs) + end,
    st.sampled_from(["you", "a b", "", "x\ty", "#c", "<s> i"]),
    st.lists(PAIRS, min_size=0, max_size=4),
    st.sampled_from(["\n", "\n", "", " \n", "\n\n"]),
)


@settings(max_examples=5000)
@given(st.lists(ROW_TEXT, max_size=5).map("".join))
def test_possessive_rows_accept_what_the_plain_expression_accepts(body: str) -> None:
    assert (learned.ROWS.fullmatch(body) is None) == (PLAIN_ROWS.fullmatch(body) is None), body


def test_rows_of_the_packaged_weights_are_the_rows_read_line_by_line() -> None:
    text = read_data_text(learned.NAME)
    header, rows = learned.parse_learned(text)
    body = text[text.index("\n" + learned.BIAS + "\t") + 1 :]
    by_line = dict(line.split("\t", 1) for line in body.splitlines())
    assert list(rows.items()) == list(by_line.items())
    assert header == learned.read_header(text) and header["fingerprint"]
    assert PLAIN_ROWS.fullmatch(body) and learned.ROWS.fullmatch(body)


_scoring = pytest.importorskip("tending.coach._scoring")


@settings(max_examples=5000)
@given(st.lists(ROW_TEXT, max_size=5).map("".join))
def test_the_c_pass_over_the_rows_says_yes_only_where_the_expression_does(body: str) -> None:
    plain = PLAIN_ROWS.fullmatch(body) is not None
    if _scoring.rows_ok(body):
        assert plain, body
    elif body.isascii():  # with ASCII digits only, the C pass decides exactly as ROWS
        assert not plain, body


@given(st.text(alphabet="01239:-. \t\né٣x", max_size=40))
@example("a\t1:2\n")
@example("é\t23:-1234.567 0:1\n")
@example("a\t\ud800\n")
def test_the_c_pass_on_any_text(body: str) -> None:
    if _scoring.rows_ok(body):
        assert PLAIN_ROWS.fullmatch(body), body
    elif body.isascii():
        assert not PLAIN_ROWS.fullmatch(body), body


def test_the_c_pass_reads_the_packaged_rows() -> None:
    text = read_data_text(learned.NAME)
    assert _scoring.rows_ok(text[text.index("\n" + learned.BIAS + "\t") + 1 :])
