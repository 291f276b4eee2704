"""`tend ritual` and `tend calendar export` through the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar
from typer.testing import CliRunner

from tending.cli.app import app
from tending.cli.state import CliState
from tending.domain.clock import FixedClock
from tending.services.people import add_person
from tending.services.workspace import open_workspace


def tend(state: CliState, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), obj=state)


def test_export_with_no_rituals_writes_nothing(tmp_path: Path) -> None:
    state = CliState(home=tmp_path / "home", clock=FixedClock())
    target = tmp_path / "out.ics"
    result = tend(state, "calendar", "export", str(target))
    assert result.exit_code == 2 and "no rituals" in result.output
    assert not target.exists()


def test_rituals_add_list_export_remove(tmp_path: Path) -> None:
    clock = FixedClock()
    with open_workspace(tmp_path / "home", None, clock) as workspace:
        add_person(workspace, "Jo")
    state = CliState(home=tmp_path / "home", clock=clock)
    added = tend(
        state,
        "ritual",
        "add",
        "weekly-check-in",
        "--with",
        "Jo",
        "--tz",
        "Europe/London",
        "--at",
        "20:00",
        "--json",
    )
    assert added.exit_code == 0, added.output
    assert json.loads(added.output)["rrule"] == "FREQ=WEEKLY;BYDAY=TH"
    monthly = tend(
        state,
        "ritual",
        "add",
        "state-of-us",
        "--with",
        "Jo",
        "--tz",
        "UTC",
        "--rrule",
        "FREQ=MONTHLY;BYDAY=-1SU",
    )
    assert monthly.exit_code == 0, monthly.output
    listed = json.loads(tend(state, "ritual", "list", "--json").output)
    assert [r["kind"] for r in listed] == ["weekly-check-in", "state-of-us"]
    target = tmp_path / "rituals.ics"
    exported = tend(state, "calendar", "export", str(target), "--alarm", "10")
    assert exported.exit_code == 0 and "2 recurring events" in exported.output
    events = recurring_ical_events.of(Calendar.from_ical(target.read_bytes())).between(
        (2026, 1, 1), (2026, 2, 1)
    )
    titles = sorted(str(e["SUMMARY"]) for e in events)
    assert titles.count("Weekly check-in with Jo") == 3 and "State of us with Jo" in titles
    assert tend(state, "ritual", "remove", "1").exit_code == 0
    assert tend(state, "ritual", "remove", "1").exit_code == 3
    bad = tend(state, "ritual", "add", "nightly-gratitude", "--tz", "Nowhere/Land")
    assert bad.exit_code == 2 and "'Nowhere/Land' does not exist" in bad.output


def test_a_ritual_is_in_the_machines_zone_when_no_zone_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Most desktops keep their zone in /etc/localtime and set no TZ: a 19:30 ritual went into
    the calendar at 19:30 UTC (20:30 in a Berlin winter)."""
    from tending.domain import clock

    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/Europe/Berlin")  # only the link's name is read
    monkeypatch.setattr(clock, "LOCALTIME", str(link))
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.delenv("TENDING_TZ", raising=False)
    assert clock.system_zone_name() == "Europe/Berlin"
    state = CliState(home=tmp_path / "home", clock=FixedClock())
    with open_workspace(tmp_path / "home", None, state.clock) as workspace:
        add_person(workspace, "Jo")
    added = tend(state, "ritual", "add", "weekly-check-in", "--with", "Jo", "--at", "19:30",
                 "--json")
    assert added.exit_code == 0, added.output
    assert json.loads(added.output)["tzid"] == "Europe/Berlin"
    link.unlink()
    link.symlink_to("/usr/share/zoneinfo/Etc/UTC")
    assert clock.system_zone_name() == "UTC"
    (tmp_path / "plain").write_text("not a link")
    monkeypatch.setattr(clock, "LOCALTIME", str(tmp_path / "plain"))
    assert clock.system_zone_name() is None
