"""`tend today` through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import Result

from tending.domain.clock import FixedClock

Tend = Callable[..., Result]


def test_today_lists_what_is_due(tend: Tend, clock: FixedClock) -> None:
    assert tend("person", "add", "Sam").exit_code == 0
    added = tend("commit", "add", "call the plumber", "--person", "Sam", "--due", "2026-01-17")
    assert added.exit_code == 0, added.output
    clock.advance(7 * 86400)  # now 2026-01-22: five days late
    assert tend("unsaid", "add", "the trip", "--person", "Sam", "--weight", "4").exit_code == 0
    shown = tend("today")
    assert shown.exit_code == 0, shown.output
    assert "call the plumber" in shown.stdout and "5 days late" in shown.stdout
    assert "Sam" in shown.stdout and "the trip" in shown.stdout
    data = json.loads(tend("today", "--json").stdout)
    assert data["day"] == "2026-01-22"
    assert data["overdue"][0]["days_overdue"] == 5
    assert data["checks_due"][0]["person"] == "Sam"
    assert data["unsaid"]["text"] == "the trip"
    assert data["honest_prompt"]["kind"] in {"worry", "regret", "appreciation"}


def test_today_on_an_empty_home(tend: Tend) -> None:
    shown = tend("today")
    assert shown.exit_code == 0, shown.output
    assert "No commitment is overdue." in shown.stdout
    assert "No one to tend yet: " in shown.stdout and "tend person add NAME" in shown.stdout
    assert json.loads(tend("today", "--json").stdout)["people"] == 0
    assert tend("person", "add", "Sam").exit_code == 0
    one = tend("today")
    assert one.exit_code == 0 and "No one to tend yet" not in one.stdout
    assert "Sam: 0 of 2 this month, none yet" in one.stdout


def test_counts_use_the_right_noun_form(tend: Tend, clock: FixedClock) -> None:
    assert tend("person", "add", "Sam").exit_code == 0
    assert tend("unsaid", "add", "the trip", "--person", "Sam").exit_code == 0
    clock.advance(86400)
    shown = " ".join(tend("today").stdout.split())
    assert "waiting 1 day)" in shown and "1 days" not in shown


def test_today_offers_the_honest_statement_and_gratitude(tend: Tend) -> None:
    """Issue 3: the daily honest statement and the nightly gratitude are offered by `today`
    (it showed the honest prompt without the command that takes it, and no gratitude)."""
    shown = " ".join(tend("today").stdout.split())
    assert "Say it, then note it: tend honest" in shown
    assert "tend gratitude" in shown
    assert json.loads(tend("today", "--json").stdout)["honest_done"] is False
    assert tend("honest", input="The move worries me\n").exit_code == 0
    again = " ".join(tend("today").stdout.split())
    assert "Honest statement: noted today." in again and "tend honest" not in again
    assert json.loads(tend("today", "--json").stdout)["honest_done"] is True
