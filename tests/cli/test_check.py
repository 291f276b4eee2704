"""`tend check`: whole Connection Checks through the real CLI runner with a fixed clock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tending.cli.app import app
from tending.cli.state import CliState
from tending.domain.clock import FixedClock
from tending.services.people import add_person
from tending.services.workspace import open_workspace

ANSWERS = [
    "n",  # a unique start of "no" is enough
    "",
    "Work has been rough lately",
    "pass",
    "Proud of the garden",
    "",
    "I felt lost when we moved; it showed me to ask for help",
    "You have been carrying work alone and the garden keeps you steady",
    "yes",
    "Send the seed catalogue",
    "Thank you for trusting me with the hard week",
    "Loved hearing about your garden. I will send the seed catalogue. What will you plant first?",
]


@pytest.fixture
def state(tmp_path: Path) -> CliState:
    clock = FixedClock()
    with open_workspace(tmp_path, None, clock) as workspace:
        add_person(workspace, "Sam")
    return CliState(home=tmp_path, clock=clock)


def tend(state: CliState, *args: str, answers: list[str] | None = None):  # type: ignore[no-untyped-def]
    text = "".join(f"{line}\n" for line in answers) if answers is not None else None
    return CliRunner().invoke(app, list(args), obj=state, input=text)


def test_a_whole_check_through_the_cli(state: CliState) -> None:
    result = tend(state, "check", "start", "Sam", answers=ANSWERS)
    assert result.exit_code == 0, result.output
    assert "Logged a meaningful chat of 12 min with 3 disclosures (1 passed)." in result.output
    assert "due Thursday 22 January" in result.output
    listed = json.loads(tend(state, "check", "list", "--json").output)
    assert [(s["kind"], s["status"], s["done"]) for s in listed] == [("check", "finished", 12)]
    again = tend(state, "check", "resume", "1")
    assert again.exit_code == 7 and "already finished" in again.output


def test_running_out_of_input_pauses_and_resume_continues(state: CliState) -> None:
    first = tend(state, "check", "start", "Sam", answers=ANSWERS[:4])
    assert first.exit_code == 130
    assert "Paused session 1 at step 6 of 12" in first.output
    shown = json.loads(tend(state, "check", "show", "1", "--json").output)
    assert shown["status"] == "paused" and shown["person"] == "Sam"
    assert [e["step"] for e in shown["entries"]] == [
        "private",
        "permission",
        "presence",
        "q1",
        "q2",
    ]
    rest = tend(state, "check", "resume", answers=ANSWERS[4:])
    assert rest.exit_code == 0, rest.output
    assert "Resuming session 1 (check) at step 6 of 12" in rest.output
    nothing = tend(state, "check", "resume")
    assert nothing.exit_code == 3 and "no paused guided session" in nothing.output


def test_abandon_keeps_answers(state: CliState) -> None:
    tend(state, "check", "start", "Sam", answers=ANSWERS[:3])
    second = tend(state, "check", "start", "Sam", answers=ANSWERS)
    assert second.exit_code == 7
    assert "still open at step 5 of 12; continue it with `tend check resume 1`" in second.output
    result = tend(state, "check", "abandon")
    assert result.exit_code == 0 and "its 4 answers are kept" in result.output
    shown = json.loads(tend(state, "check", "show", "1", "--json").output)
    assert shown["status"] == "abandoned"


def test_unknown_person_is_a_clear_error(state: CliState) -> None:
    result = tend(state, "check", "start", "Robin")
    assert result.exit_code == 3
    assert "no person called 'Robin'" in result.output
    assert "Traceback" not in result.output


def test_own_questions_and_plan(state: CliState) -> None:
    added = tend(state, "check", "questions", "Sam", "add", "What made you laugh this week?")
    assert added.exit_code == 0, added.output
    listed = json.loads(tend(state, "check", "questions", "Sam", "list", "--json").output)
    assert [q["text"] for q in listed] == ["What made you laugh this week?"]
    assert tend(state, "check", "questions", "Sam", "remove", "9").exit_code == 3
    assert tend(state, "check", "questions", "Sam", "remove", str(listed[0]["id"])).exit_code == 0
    planned = tend(state, "check", "plan", "Sam", "--tz", "Europe/Paris", "--at", "18:30", "--json")
    assert planned.exit_code == 0, planned.output
    data = json.loads(planned.output)
    assert data["rrule"] == "FREQ=MONTHLY;BYDAY=+1TH,+3TH" and data["tzid"] == "Europe/Paris"
    assert data["next"][0] == "2026-01-15T18:30+01:00"
    bad = tend(state, "check", "plan", "Sam", "--tz", "Mars/Base")
    assert bad.exit_code == 2 and "'Mars/Base' does not exist" in bad.output


def test_abandon_counts_one_answer_and_prints_json(state: CliState) -> None:
    assert tend(state, "check", "start", "Sam", answers=ANSWERS[:1]).exit_code == 130
    result = tend(state, "check", "abandon")
    assert result.exit_code == 0 and "its 1 answer is kept" in result.output  # not '1 answers'
    assert tend(state, "check", "start", "Sam", answers=ANSWERS[:1]).exit_code == 130
    record = json.loads(tend(state, "check", "abandon", "--json").output)
    assert record["status"] == "abandoned" and record["done"] == 1
