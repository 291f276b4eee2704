"""The real `tend` program in a pseudo-terminal: a Connection Check, Ctrl-C, resume, and the
live word count of the closing appreciation read off an emulated screen (pyte)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pexpect
import pyte
import pytest

from tending.domain.clock import SystemClock
from tending.services.people import add_person
from tending.services.workspace import open_workspace

TEND = Path(sys.executable).with_name("tend")
ROWS, COLUMNS = 40, 100
pytestmark = pytest.mark.e2e


def _default_sigint() -> None:
    # A runner started in the background may ignore SIGINT, and a child inherits that: Ctrl-C
    # would then do nothing. The child gets the default, which Python turns into KeyboardInterrupt.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def spawn(home: Path, *args: str, speed: str = "600") -> pexpect.spawn:
    env = {**os.environ, "TENDING_HOME": str(home), "TENDING_SPEED": speed, "COLUMNS": "100"}
    env.pop("TENDING_DATABASE_URL", None)
    env.pop("PROMPT_TOOLKIT_NO_CPR", None)
    env["TERM"] = "xterm"
    return pexpect.spawn(
        str(TEND),
        list(args),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(ROWS, COLUMNS),
        preexec_fn=_default_sigint,
    )


class Screen:
    """What a person would see: everything the child prints, fed to a terminal emulator that
    also answers the child's cursor position requests, as a real terminal does."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.screen.write_process_input = child.send  # the answers to "where is the cursor?"
        self.stream = pyte.Stream(self.screen)
        child.logfile_read = self  # every byte pexpect reads passes through `write`

    def write(self, data: str) -> None:
        self.stream.feed(data)

    def flush(self) -> None:
        pass

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def bottom(self) -> str:
        return self.screen.display[-1].strip()

    def wait_for(self, wanted: str) -> str:
        """Read until `wanted` is on the screen (the child's timeout bounds the wait)."""
        while wanted not in self.text():
            try:
                self.child.read_nonblocking(65536, timeout=self.child.timeout)
            except pexpect.TIMEOUT:
                raise AssertionError(f"never saw {wanted!r} on:\n{self.text()}") from None
        return self.text()

    def wait_for_bottom(self, wanted: str) -> None:
        """Read until the last row (where the live count is) says exactly `wanted`."""
        while self.bottom() != wanted:
            try:
                self.child.read_nonblocking(65536, timeout=self.child.timeout)
            except pexpect.TIMEOUT:
                raise AssertionError(f"last row never said {wanted!r}:\n{self.text()}") from None

    def type(self, text: str) -> None:
        self.child.send(text)


def answer(child: pexpect.spawn, expected: str, line: str) -> None:
    child.expect(expected)
    child.sendline(line)


def test_check_in_a_terminal_survives_ctrl_c_and_resumes(tmp_path: Path) -> None:
    with open_workspace(tmp_path, None, SystemClock()) as workspace:
        add_person(workspace, "Sam")
    child = spawn(tmp_path, "check", "start", "Sam")
    answer(child, r"\[yes/no\]", "yes")
    answer(child, "Enter to go on", "")
    child.expect("phone-free|Phone-free")
    answer(child, "or 'pass'", "Work has been rough")  # after the presence timer ran out
    child.expect("or 'pass'")
    child.sendintr()  # Ctrl-C in the middle of the second question
    child.expect(r"Paused session 1 at step 5 of 12")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    child = spawn(tmp_path, "check", "resume")
    screen = Screen(child)
    child.expect("Resuming session 1")
    answer(child, "or 'pass'", "pass")
    answer(child, "or 'pass'", "Proud of the garden")
    answer(child, "Enter to start the story timer", "")
    answer(child, "optional", "")
    answer(child, "In one sentence", "Work is heavy and the garden helps")
    answer(child, r"\[yes/partly/no\]", "yes")
    answer(child, "due in 7 days", "Send the seed catalogue")
    child.expect("15 words or fewer")
    screen.wait_for_bottom("0 / 15 words")
    screen.type("You " + "really " * 14 + "listened\r")
    screen.wait_for("16 words")
    screen.wait_for_bottom("16 / 15 words: 1 over the limit")  # the draft is back, to edit
    screen.type("\x15Thank you for the garden tour\r")  # Ctrl-U empties the line first
    screen.wait_for_bottom("0 / 59 words")
    screen.type("Loved the garden. I will send seeds.\r")
    screen.wait_for("it needs one question for the other")
    screen.wait_for_bottom("7 / 59 words")
    screen.type(" What will you plant?\r")
    screen.wait_for("Logged a meaningful chat")
    screen.wait_for("3 disclosures (1 passed)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_the_closing_appreciation_shows_its_word_count_while_it_is_typed(tmp_path: Path) -> None:
    with open_workspace(tmp_path, None, SystemClock()) as workspace:
        add_person(workspace, "Sam")
    # --speed beats TENDING_SPEED: at speed 1 the 10-minute presence timer would time this out
    child = spawn(tmp_path, "--speed", "6000", "check", "start", "Sam", speed="1")
    screen = Screen(child)
    answer(child, r"\[yes/no\]", "no")
    answer(child, "Enter to go on", "")
    for reply in ("Work has been rough", "pass", "Proud of the garden"):
        answer(child, "or 'pass'", reply)
    answer(child, "Enter to start the story timer", "")
    answer(child, "optional", "")
    answer(child, "In one sentence", "Work is heavy and the garden helps")
    answer(child, r"\[yes/partly/no\]", "yes")
    answer(child, "due in 7 days", "Send the seed catalogue")
    child.expect("15 words or fewer")

    screen.wait_for_bottom("0 / 15 words")  # the live count, on the last row
    for typed, count in (("Thank", 1), (" you", 2), (" for", 3)):
        screen.type(typed)  # one word at a time, as a person types
        screen.wait_for_bottom(f"{count} / 15 words")
    assert "> Thank you for" in screen.text()
    screen.type(" the soup and the walk and the way you listened to me")
    screen.wait_for_bottom("15 / 15 words")
    screen.type(" tonight")
    screen.wait_for_bottom("16 / 15 words: 1 over the limit")

    screen.type("\r")  # the check after Enter still refuses, and gives the draft back to edit
    shown = screen.wait_for("Edit it below and try again.")
    assert "16 words; it needs fewer words: 16 now, 15 or fewer." in " ".join(shown.split())
    screen.wait_for_bottom("16 / 15 words: 1 over the limit")
    assert "> Thank you for the soup and the walk and the way you listened to me tonight" in (
        screen.text()
    )
    screen.type("\x15")  # Ctrl-U empties the line
    screen.wait_for_bottom("0 / 15 words")
    screen.type("Thank you for the soup\r")

    screen.wait_for_bottom("0 / 59 words")  # the follow-up: under 60 words
    screen.type("Loved the garden.")
    screen.wait_for_bottom("3 / 59 words")
    screen.type("\x03")  # Ctrl-C while the count is showing: a pause, as anywhere else
    screen.wait_for("Paused session 1 at step 12 of 12")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    child = spawn(tmp_path, "--speed", "6000", "check", "resume", speed="1")
    screen = Screen(child)
    screen.wait_for_bottom("0 / 59 words")
    screen.type("Loved the garden. I will send seeds. What will you plant?")
    screen.wait_for_bottom("11 / 59 words")
    screen.type("\r")
    screen.wait_for("Logged a meaningful chat")
    screen.wait_for("Closing appreciation: Thank you for the soup")  # kept through the pause
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
