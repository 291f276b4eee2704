"""The real `tend` program in a pseudo-terminal: a Connection Check, Ctrl-C, resume."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from tending.domain.clock import SystemClock
from tending.services.people import add_person
from tending.services.workspace import open_workspace

TEND = Path(sys.executable).with_name("tend")
pytestmark = pytest.mark.e2e


def spawn(home: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "TENDING_HOME": str(home), "TENDING_SPEED": "600", "COLUMNS": "100"}
    env.pop("TENDING_DATABASE_URL", None)
    return pexpect.spawn(
        str(TEND), list(args), env=env, encoding="utf-8", timeout=20, dimensions=(40, 100)
    )


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
    child.expect("Resuming session 1")
    answer(child, "or 'pass'", "pass")
    answer(child, "or 'pass'", "Proud of the garden")
    answer(child, "Enter to start the story timer", "")
    answer(child, "optional", "")
    answer(child, "In one sentence", "Work is heavy and the garden helps")
    answer(child, r"\[yes/partly/no\]", "yes")
    answer(child, "due in 7 days", "Send the seed catalogue")
    answer(child, "15 words or fewer", "You " + "really " * 14 + "listened")
    child.expect("16 words")
    answer(child, "15 words or fewer", "Thank you for the garden tour")
    answer(child, "under 60 words", "Loved the garden. I will send seeds.")
    child.expect("question")
    answer(child, "under 60 words", "Loved the garden. I will send seeds. What will you plant?")
    child.expect("Logged a meaningful chat")
    child.expect("3 disclosures \\(1 passed\\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
