"""The stats use case on real storage: metrics, the catalogue's targets, the trend chart."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tending.domain.clock import FixedClock
from tending.domain.commitments import Commitment
from tending.domain.errors import Ambiguous, InvalidInput, NotFound
from tending.domain.moments import Discloser, Moment, MomentKind, Valence
from tending.domain.people import Person, Tie
from tending.domain.reassessment import Foundation, Reassessment
from tending.metrics.tracker import Standing
from tending.services.stats import plot_trends, practice_view, targets_for
from tending.services.workspace import Workspace

# the fixture clock stands at 2026-01-15 09:00 UTC


def fill(workspace: Workspace) -> tuple[int, int]:
    at = datetime(2026, 1, 10, 19, 0, tzinfo=UTC)
    with workspace.unit_of_work() as uow:
        ana = uow.people.add(Person("Ana", Tie.PARTNER, at - timedelta(days=90))).id
        anton = uow.people.add(Person("Anton", Tie.FRIEND, at - timedelta(days=90))).id
        assert ana is not None and anton is not None
        for day in range(4):
            uow.moments.add(Moment(MomentKind.CHAT, at - timedelta(days=day), ana, minutes=40))
        uow.moments.add(Moment(MomentKind.CHAT, datetime(2025, 12, 31, 20, tzinfo=UTC), anton,
                               minutes=15))
        uow.moments.add(Moment(MomentKind.DISCLOSURE, at, ana, discloser=Discloser.BOTH))
        for _ in range(6):
            uow.moments.add(Moment(MomentKind.INTERACTION, at, ana, valence=Valence.POSITIVE))
        uow.moments.add(Moment(MomentKind.INTERACTION, at, ana, valence=Valence.CORRECTIVE))
        uow.commitments.add(Commitment(anton, "call", at, date(2026, 1, 12)))
        uow.reassessments.add(Reassessment(datetime(2025, 10, 1, tzinfo=UTC),
                                           {f: 5 for f in Foundation}))
        uow.reassessments.add(Reassessment(datetime(2025, 12, 1, tzinfo=UTC),
                                           {f: 7 for f in Foundation}))
        uow.commit()
    return ana, anton


def test_everyone_and_one_person(workspace: Workspace) -> None:
    fill(workspace)
    view = practice_view(workspace)
    assert view.overall is not None
    assert view.overall.chats.count == 4
    assert view.overall.chats.standing is Standing.WITHIN
    assert [s.person.name for s in view.people if s.person] == ["Ana", "Anton"]
    ana = view.people[0]
    assert (ana.ratio.positive, ana.ratio.corrective, ana.ratio.value) == (6, 1, 6.0)
    assert ana.disclosures.mutual == 1
    assert view.people[1].follow_ups.overdue == 1
    assert view.people[1].days_since_chat == 15
    assert view.change is not None and set(view.change.deltas.values()) == {2}
    assert view.trends[-1].chats == 4 and view.trends[-2].chats == 1
    one = practice_view(workspace, "anton")
    assert one.overall is None and one.people[0].chats.count == 0
    assert one.people[0].connection_check is not None and one.people[0].connection_check.due


def test_unknown_and_ambiguous_names(workspace: Workspace) -> None:
    fill(workspace)
    with pytest.raises(NotFound, match="no person called 'Bea'"):
        practice_view(workspace, "Bea")
    with pytest.raises(Ambiguous, match="Ana .* Anton"):
        practice_view(workspace, "An")


def test_overridden_target_changes_the_standing(workspace: Workspace) -> None:
    fill(workspace)
    assert workspace.home is not None
    workspace.home.mkdir(parents=True, exist_ok=True)
    (workspace.home / "practice-overrides.toml").write_text(
        "[connection-metrics]\nchats_per_month_min = 5\nchats_per_month_max = 8\n"
        "follow_up_rate = 50\n",
        encoding="utf-8",
    )
    targets = targets_for(workspace.home)
    assert (targets.chats_low, targets.chats_high, targets.follow_up_rate) == (5, 8, 0.5)
    overall = practice_view(workspace).overall
    assert overall is not None and overall.chats.standing is Standing.BELOW


def test_local_month_follows_the_clock_zone(workspace: Workspace, clock: FixedClock) -> None:
    fill(workspace)
    # 20:00 UTC on 31 December is already 1 January in Tokyo: Anton's chat moves into January.
    from zoneinfo import ZoneInfo

    clock.current = clock.current.astimezone(ZoneInfo("Asia/Tokyo"))
    assert practice_view(workspace, "Anton").people[0].chats.count == 1


def test_plot_writes_png_and_svg(workspace: Workspace, tmp_path: Path) -> None:
    fill(workspace)
    png = plot_trends(workspace, tmp_path / "trend.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = plot_trends(workspace, tmp_path / "ana.svg", person="Ana")
    assert b"<svg" in svg.read_bytes()[:2000]
    with pytest.raises(InvalidInput, match=r"\.png or \.svg"):
        plot_trends(workspace, tmp_path / "trend.pdf")


def test_plot_of_an_empty_home_still_draws(workspace: Workspace, tmp_path: Path) -> None:
    path = plot_trends(workspace, tmp_path / "empty.svg")
    assert b"<svg" in path.read_bytes()[:2000]
