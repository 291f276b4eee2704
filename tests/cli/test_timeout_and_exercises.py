"""`tend timeout`, `tend tension`, `tend exercise vulnerability`, `tend gratitude`, `tend honest`,
`tend state-of-us`: each walked through the CLI runner on a fixed clock."""

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


@pytest.fixture
def state(tmp_path: Path) -> CliState:
    clock = FixedClock()
    with open_workspace(tmp_path, None, clock) as workspace:
        add_person(workspace, "Ari")
    return CliState(home=tmp_path, clock=clock)


def tend(state: CliState, *args: str, answers: list[str]):  # type: ignore[no-untyped-def]
    text = "".join(f"{line}\n" for line in answers)
    return CliRunner().invoke(app, list(args), obj=state, input=text)


def test_timeout_counts_down_the_default_and_sets_a_time(state: CliState) -> None:
    before = state.clock.now()
    result = tend(state, "timeout", "--with", "Ari", answers=["", "", "10:15", ""])
    assert result.exit_code == 0, result.output
    assert (state.clock.now() - before).total_seconds() == pytest.approx(20 * 60, abs=1)
    assert "I will come back to this with you at 10:15." in result.output
    bad = tend(state, "timeout", "--minutes", "0", answers=[])
    assert bad.exit_code == 2 and "between 1 and 240 minutes" in bad.output


def test_vulnerability_turns_are_timed_and_swapped(state: CliState) -> None:
    before = state.clock.now()
    result = tend(state, "exercise", "vulnerability", "--with", "Ari", answers=["", "", ""])
    assert result.exit_code == 0, result.output
    assert (state.clock.now() - before).total_seconds() == pytest.approx(600, abs=1)
    assert "Now we swap" in result.output


def test_tension_gratitude_honest_and_state_of_us(state: CliState) -> None:
    tension = tend(
        state,
        "tension",
        "Ari",
        answers=[
            "no", "Plans", "uneasy", "plans change on the day", "", "Text by noon if plans change"
        ],
    )
    assert tension.exit_code == 0, tension.output
    assert "Next step kept as a commitment: Text by noon" in tension.output
    assert tend(state, "gratitude", "--with", "Ari", answers=["The soup"]).exit_code == 0
    honest = tend(state, "honest", "--kind", "worry", answers=["Money this month"])
    assert honest.exit_code == 0, honest.output
    wrong = tend(state, "honest", "--kind", "anger", answers=[])
    assert wrong.exit_code == 2 and "worry, regret, appreciation" in wrong.output
    monthly = tend(state, "state-of-us", "Ari", answers=["Walks", "Work", "Rest", "Time"])
    assert monthly.exit_code == 0, monthly.output
    assert "chats this month" in monthly.output and "In your words" in monthly.output
    assert "went well: Walks" in monthly.output
    listed = json.loads(CliRunner().invoke(app, ["check", "list", "--json"], obj=state).output)
    assert [s["kind"] for s in listed] == ["tension", "gratitude", "honest", "state-of-us"]


def test_honest_without_a_kind_asks_what_tend_today_offers(state: CliState) -> None:
    offered = CliRunner().invoke(app, ["today", "--json"], obj=state)
    assert offered.exit_code == 0, offered.output
    prompt = json.loads(offered.output)["honest_prompt"]
    result = tend(state, "honest", answers=["I am tired of pretending the move was easy"])
    assert result.exit_code == 0, result.output
    assert prompt["text"] in result.output.replace("\n", " ")
    shown = json.loads(CliRunner().invoke(app, ["check", "show", "1", "--json"], obj=state).output)
    assert shown["entries"][0]["step"] == prompt["kind"]


def test_a_come_back_time_that_does_not_read_is_asked_again(state: CliState) -> None:
    result = tend(state, "timeout", "--with", "Ari", answers=["", "", "25:99", "10:15", ""])
    assert result.exit_code == 0, result.output
    # one sentence, then the next ('...like 19:30 Try again.' ran them together)
    assert "'25:99' is not a time; write it like 19:30. Try again." in result.output
    assert "I will come back to this with you at 10:15." in result.output


def test_tension_asks_whether_it_stays_private_and_a_private_one_is_not_shared(
    state: CliState, tmp_path: Path
) -> None:
    """The tension script made its commitment without asking, so it went into --shareable."""
    steps = ["Plans", "uneasy", "plans change on the day", ""]
    private = tend(state, "tension", "Ari", answers=["maybe", "yes", *steps, "Text by noon"])
    assert private.exit_code == 0, private.output
    assert "Does what we say today stay between us?" in private.output
    assert "Please answer one of: yes, no." in private.output  # asked again, never assumed
    assert "Next step kept as a commitment, kept private: Text by noon" in private.output
    shared = tend(state, "tension", "Ari", answers=["no", *steps, "Call on Sunday"])
    assert shared.exit_code == 0, shared.output
    path = tmp_path / "shared.json"
    done = CliRunner().invoke(app, ["export", str(path), "--shareable"], obj=state)
    assert done.exit_code == 0, done.output
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [c["text"] for c in document["commitments"]] == ["Call on Sunday"]
    assert "Text by noon" not in path.read_text(encoding="utf-8")
    full = tmp_path / "full.json"
    assert CliRunner().invoke(app, ["export", str(full)], obj=state).exit_code == 0
    texts = [c["text"] for c in json.loads(full.read_text(encoding="utf-8"))["commitments"]]
    assert sorted(texts) == ["Call on Sunday", "Text by noon"]


def test_a_come_back_time_inside_the_countdown_is_refused_and_asked_again(
    state: CliState,
) -> None:
    """At --speed 60 the 20 minutes are counted down in 20 s, and '09:10' was taken: ten
    minutes before the body had the time to calm down."""
    before = state.clock.now()  # 09:00
    result = tend(
        state, "--speed", "60", "timeout", "--with", "Ari",
        answers=["", "", "09:10", "09:25", ""],
    )
    assert result.exit_code == 0, result.output
    assert (state.clock.now() - before).total_seconds() == pytest.approx(20, abs=1)
    assert (
        "09:10 is still inside the time-out; the calm-down is over at 09:20, so come back then "
        "or later. Try again." in " ".join(result.output.split())
    )
    assert "I will come back to this with you at 09:25." in result.output
