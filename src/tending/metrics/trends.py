"""Monthly trend series for plotting: one point per local calendar month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tending.domain.moments import MomentKind
from tending.metrics.periods import add_months, local_day, month_of, month_start
from tending.metrics.targets import Targets
from tending.metrics.tracker import Record, bids, count_disclosures, ratio


@dataclass(frozen=True)
class MonthPoint:
    """The practice in one month (`month` is its first day)."""

    month: date
    chats: int
    mutual_disclosures: int
    positive: int
    corrective: int
    ratio: float | None
    toward_share: float | None
    commitments_done: int


def monthly_trends(
    record: Record,
    now: datetime,
    months: int = 6,
    person_id: int | None = None,
    targets: Targets | None = None,
) -> tuple[MonthPoint, ...]:
    """The last `months` months up to and including the current one, oldest first.

    `person_id` narrows everything to one person; None takes all of them.
    """
    targets = targets or Targets()
    zone = now.tzinfo
    current = month_start(local_day(now, zone))
    moments = [m for m in record.moments if person_id is None or m.person_id == person_id]
    commitments = [c for c in record.commitments if person_id is None or c.person_id == person_id]
    points = []
    for back in range(months - 1, -1, -1):
        period = month_of(add_months(current, -back))
        inside = [m for m in moments if period.holds(local_day(m.at, zone))]
        ledger = ratio(inside, targets.ratio)
        done = sum(
            1
            for c in commitments
            if c.done_at is not None and period.holds(local_day(c.done_at, zone))
        )
        points.append(
            MonthPoint(
                month=period.start,
                chats=sum(1 for m in inside if m.kind is MomentKind.CHAT),
                mutual_disclosures=count_disclosures(inside, now).mutual,
                positive=ledger.positive,
                corrective=ledger.corrective,
                ratio=ledger.value,
                toward_share=bids(inside).toward_share,
                commitments_done=done,
            )
        )
    return tuple(points)
