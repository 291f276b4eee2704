"""The metrics use case: load what is stored, measure it against the catalogue's targets.

Targets come from the practice catalogue (with the person's overrides in their data directory),
so changing a number there changes what `tend stats` measures against.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tending.catalogue.practices import OVERRIDES_FILENAME, Catalogue, load_catalogue
from tending.domain.chat_analysis import ChatMonthlyAggregate
from tending.domain.errors import NotFound
from tending.domain.people import Person
from tending.exporters.charts import Panel, TrendChart, TrendLine, chart_format, draw_trends
from tending.metrics.reassessment import ReassessmentChange, reassessment_change
from tending.metrics.targets import Targets
from tending.metrics.tracker import PracticeStats, Record, practice_stats, stats_report
from tending.metrics.trends import MonthPoint, monthly_trends
from tending.services.people import resolve_person
from tending.services.workspace import Workspace
from tending.storage.chat_repository import chat_monthly_aggregates
from tending.storage.unit_of_work import UnitOfWork

TREND_MONTHS = 6

# Targets field -> (practice, parameter, scale) in the catalogue
TARGET_KEYS: dict[str, tuple[str, str, float]] = {
    "chats_low": ("connection-metrics", "chats_per_month_min", 1),
    "chats_high": ("connection-metrics", "chats_per_month_max", 1),
    "ratio": ("five-to-one", "positive_per_corrective", 1),
    "reassess_weeks": ("connection-metrics", "reassess_after", 1),
    "check_minutes": ("connection-check", "duration", 1),
    "disclosures_per_quarter": ("connection-metrics", "mutual_disclosures_per_quarter", 1),
    "follow_up_rate": ("connection-metrics", "follow_up_rate", 0.01),  # percent -> share
}


@dataclass(frozen=True)
class StatsView:
    """What `tend stats` shows: overall (when no one is named), per person, trends, change."""

    overall: PracticeStats | None
    people: tuple[PracticeStats, ...]
    trends: tuple[MonthPoint, ...]
    change: ReassessmentChange | None
    targets: Targets
    # the monthly counts `tend chat report --person` stored for the people shown
    chat_months: tuple[ChatMonthlyAggregate, ...] = ()


def catalogue_for(home: Path | None) -> Catalogue:
    """The catalogue with the overrides file in `home` applied when there is one."""
    overrides = home / OVERRIDES_FILENAME if home is not None else None
    return load_catalogue(overrides if overrides is not None and overrides.is_file() else None)


def targets_for(home: Path | None) -> Targets:
    """The metric targets of the catalogue (defaults where a key is missing)."""
    catalogue = catalogue_for(home)
    defaults = Targets()
    values: dict[str, float | int] = {}
    for field, (practice, key, scale) in TARGET_KEYS.items():
        try:
            value = catalogue.parameter(practice, key)
        except NotFound:
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = value * scale
            default = getattr(defaults, field)
            values[field] = int(number) if isinstance(default, int) else float(number)
    return Targets(**values)  # type: ignore[arg-type]


def load_record(uow: UnitOfWork) -> Record:
    """Everything the metrics read, archived people included (their history still counts)."""
    return Record(
        people=tuple(sorted(uow.people.list(include_archived=True), key=lambda p: p.id or 0)),
        moments=tuple(uow.moments.list()),
        commitments=tuple(uow.commitments.list()),
        reassessments=tuple(uow.reassessments.list()),
    )


def practice_view(
    workspace: Workspace, person: str | None = None, months: int = TREND_MONTHS
) -> StatsView:
    """The metrics overall and for everyone, or for the one person `person` names."""
    targets = targets_for(workspace.home)
    now = workspace.now()
    with workspace.unit_of_work() as uow:
        record = load_record(uow)
        # an archived person's history can still be looked at
        chosen: Person | None = (
            resolve_person(uow, person, include_archived=True) if person is not None else None
        )
        shown = [chosen] if chosen is not None else record.people
        chat_months = tuple(
            month
            for someone in shown
            if someone.id is not None
            for month in chat_monthly_aggregates(uow, someone.id)
        )
    if chosen is None:
        report = stats_report(record, now, targets)
        return StatsView(
            overall=report.overall,
            people=report.people,
            trends=monthly_trends(record, now, months, None, targets),
            change=reassessment_change(record.reassessments, None),
            targets=targets,
            chat_months=chat_months,
        )
    return StatsView(
        overall=None,
        people=(practice_stats(record, now, chosen, targets),),
        trends=monthly_trends(record, now, months, chosen.id, targets),
        # one's own reassessments about them, else the overall ones (they cover everyone)
        change=reassessment_change(record.reassessments, chosen.id)
        or reassessment_change(record.reassessments, None),
        targets=targets,
        chat_months=chat_months,
    )


def trend_chart(view: StatsView, title: str) -> TrendChart:
    """The monthly trends as a chart of four panels."""
    points, targets = view.trends, view.targets

    def line(label: str, values: list[float | None]) -> TrendLine:
        return TrendLine(label, tuple(values))

    share = [None if p.toward_share is None else 100 * p.toward_share for p in points]
    return TrendChart(
        title=title,
        months=tuple(p.month for p in points),
        panels=(
            Panel(
                "Meaningful chats a month",
                (line("chats", [p.chats for p in points]),),
                targets.chats_low,
                f"target {targets.chats_low}–{targets.chats_high}",
            ),
            Panel(
                "Opening up and following through",
                (
                    line("mutual disclosures", [p.mutual_disclosures for p in points]),
                    line("follow-ups done", [p.commitments_done for p in points]),
                ),
            ),
            Panel(
                "Positive for each corrective",
                (line("ratio", [p.ratio for p in points]),),
                targets.ratio,
                f"{targets.ratio:g} to 1",
            ),
            Panel("Bids turned toward (%)", (line("toward", share),), ceiling=100),
        ),
    )


def check_chart_path(path: Path) -> None:
    """Refuse a chart file name that is neither .png nor .svg (InvalidInput)."""
    chart_format(path)


def plot_trends(
    workspace: Workspace, path: Path, person: str | None = None, months: int = TREND_MONTHS
) -> Path:
    """Draw the monthly trends (overall, or for one person) to a PNG or SVG file."""
    view = practice_view(workspace, person, months)
    who = view.people[0].person if view.overall is None and view.people else None
    title = f"Tending: {who.name}" if who is not None else "Tending: everyone"
    return draw_trends(trend_chart(view, title), path)
