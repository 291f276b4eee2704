"""The live word count of a limited answer: the pure count, and the prompt that shows it."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from tending.cli.live_input import (
    OVER_STYLE,
    is_interactive,
    live_count,
    read_counted,
    toolbar_fragments,
)
from tending.coach.composers import check_appreciation, check_followup


@pytest.mark.parametrize(
    ("draft", "limit", "shown"),
    [
        ("", 15, "0 / 15 words"),
        ("   \t ", 15, "0 / 15 words"),
        ("Thank you for", 15, "3 / 15 words"),
        ("Thank yo", 15, "2 / 15 words"),  # a word being typed counts already
        ("Thank you for ", 15, "3 / 15 words"),  # a space alone adds nothing
        (" ".join(["word"] * 15), 15, "15 / 15 words"),  # at the limit is not over it
        (" ".join(["word"] * 16), 15, "16 / 15 words: 1 over the limit"),
        (" ".join(["word"] * 20), 15, "20 / 15 words: 5 over the limit"),
        (" ".join(["word"] * 60), 59, "60 / 59 words: 1 over the limit"),  # under 60 words
        # punctuation standing alone is not a word; stuck to a word it changes nothing
        ("Thank you — truly , deeply!", 15, "4 / 15 words"),
        ("... !!! ?", 15, "0 / 15 words"),
        ("Thanks, love. Really.", 15, "3 / 15 words"),
        # emoji alone are not words; stuck to a word they change nothing
        ("Thank you 🙂 ❤️", 15, "2 / 15 words"),
        ("🙂🙂🙂", 15, "0 / 15 words"),
        ("you🙂", 15, "1 / 15 words"),
        # contractions and hyphenated words are one word each, as a person counts them
        ("I'm glad you're here, don't go", 15, "6 / 15 words"),
        ("you’re the best", 15, "3 / 15 words"),  # a typographic apostrophe
        ("our heart-to-heart", 15, "2 / 15 words"),
        ("at 7:30 on 12/3", 15, "4 / 15 words"),
        ("Merci pour la soirée", 15, "4 / 15 words"),
    ],
)
def test_live_count(draft: str, limit: int, shown: str) -> None:
    assert live_count(draft, limit) == shown


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_the_live_count_is_the_count_checked_after_enter(draft: str) -> None:
    # the same counter: what the toolbar says is what the check after Enter will say
    words = int(live_count(draft, 15).split(" / ")[0])
    assert words == check_appreciation(draft).words == check_followup(draft).words
    assert ("over the limit" in live_count(draft, 15)) == (words > 15)


def test_over_the_limit_stands_out() -> None:
    assert toolbar_fragments("Thank you", 15) == [("class:count", " 2 / 15 words ")]
    assert toolbar_fragments("a b c", 2)[0][0] == OVER_STYLE


class Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_only_a_real_terminal_gets_the_live_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    assert is_interactive(Stream(True), Stream(True))
    assert not is_interactive(Stream(False), Stream(True))  # piped input
    assert not is_interactive(Stream(True), Stream(False))  # output to a file
    monkeypatch.setenv("TERM", "dumb")
    assert not is_interactive(Stream(True), Stream(True))
    monkeypatch.setenv("TERM", "xterm")
    closed = io.StringIO()
    closed.close()  # isatty() raises on a closed stream
    assert not is_interactive(closed, Stream(True))


def _output(screen: io.StringIO) -> Vt100_Output:
    return Vt100_Output(screen, lambda: Size(rows=24, columns=80), term="xterm")


def test_the_prompt_counts_as_it_is_typed_and_gives_back_a_draft_to_edit() -> None:
    screen = io.StringIO()
    with create_pipe_input() as keys:
        keys.send_text(" so much\r")
        text = read_counted("> ", 3, "Thank you", input=keys, output=_output(screen))
    assert text == "Thank you so much"
    # this output cannot say where its cursor is, so the count goes above the line
    assert " 2 / 3 words" in screen.getvalue()
    assert " 4 / 3 words: 1 over the limit " in screen.getvalue()


@pytest.mark.parametrize(("key", "error"), [("\x03", KeyboardInterrupt), ("\x04", EOFError)])
def test_ctrl_c_and_ctrl_d_end_the_prompt_as_the_plain_one_does(
    key: str, error: type[BaseException]
) -> None:
    with create_pipe_input() as keys, pytest.raises(error):
        keys.send_text(key)
        read_counted("> ", 15, input=keys, output=_output(io.StringIO()))
