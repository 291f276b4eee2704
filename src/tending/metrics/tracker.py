"""The practice metrics per person and overall: pure functions of domain values and a time.

Windows (all in the local zone of `now`, see `periods`):
- meaningful chats: this calendar month, against the chats target band;
- mutual disclosures, follow-ups, the positive:corrective ratio and bids: this calendar quarter
  (a month is too few interactions for a ratio to mean much);
- overdue follow-ups: every commitment still open past its due day, whenever it was made.

A *mutual disclosure* is counted per person and local day: each disclosure marked `both` counts
one, and on a day with `me` and `them` disclosures each pair of one `me` and one `them` counts one
(`min(me, them)`). One-sided days count nothing: mutual means both opened up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from tending.domain.commitments import Commitment
from tending.domain.moments import BidAnswer, Discloser, Moment, MomentKind, Valence
from tending.domain.people import Person
from tending.domain.reassessment import Reassessment
from tending.metrics.periods import Period, local_day, month_of, quarter_of
from tending.metrics.targets import Targets


class Standing(StrEnum):
    BELOW = "below"
    WITHIN = "within"
    ABOVE = "above"


@dataclass(frozen=True)
class Record:
    """Everything the metrics read: what storage holds, as domain values."""

    people: tuple[Person, ...] = ()
    moments: tuple[Moment, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    reassessments: tuple[Reassessment, ...] = ()


@dataclass(frozen=True)
class ChatCount:
    count: int
    low: int
    high: int
    standing: Standing


@dataclass(frozen=True)
class Disclosures:
    me: int
    them: int
    both: int
    mutual: int
    target: int = 0  # mutual disclosures to aim for this quarter

    @property
    def meets(self) -> bool:
        return self.mutual >= self.target


@dataclass(frozen=True)
class FollowUps:
    """Commitments made this quarter; `overdue` counts every open one past due, of any age."""

    made: int
    done: int
    on_time: int
    overdue: int
    rate: float | None  # done / (made minus those still open and not yet due); None when 0/0
    target: float = 0.0

    @property
    def meets(self) -> bool | None:
        return None if self.rate is None else self.rate >= self.target


@dataclass(frozen=True)
class Ratio:
    positive: int
    corrective: int
    value: float | None  # None when nothing corrective was logged
    target: float
    meets: bool | None  # None when nothing at all was logged


@dataclass(frozen=True)
class Bids:
    toward: int
    away: int
    against: int
    toward_share: float | None  # None when no bid was logged


@dataclass(frozen=True)
class ConnectionCheck:
    """A meaningful chat of at least the check length counts as a Connection Check."""

    cadence: int  # checks wanted per month
    done_this_month: int
    last_on: date | None
    next_on: date
    due: bool


@dataclass(frozen=True)
class ReassessmentDue:
    last_at: datetime | None
    next_on: date
    due: bool


@dataclass(frozen=True)
class PracticeStats:
    """The metrics for one person (`person`) or overall (`person` is None)."""

    person: Person | None
    month: Period
    quarter: Period
    chats: ChatCount
    disclosures: Disclosures
    follow_ups: FollowUps
    ratio: Ratio
    bids: Bids
    days_since_chat: int | None
    reassessment: ReassessmentDue
    connection_check: ConnectionCheck | None  # None overall


@dataclass(frozen=True)
class StatsReport:
    overall: PracticeStats
    people: tuple[PracticeStats, ...]


def standing(count: int, low: int, high: int) -> Standing:
    """Where `count` stands against the band `low`..`high` (both included)."""
    if count < low:
        return Standing.BELOW
    return Standing.ABOVE if count > high else Standing.WITHIN


def count_disclosures(moments: Iterable[Moment], now: datetime) -> Disclosures:
    """Disclosures by who opened up, and how many were mutual (see the module rule)."""
    per_day: dict[tuple[int | None, date], Counter[Discloser]] = {}
    for moment in moments:
        if moment.kind is MomentKind.DISCLOSURE and moment.discloser is not None:
            key = (moment.person_id, local_day(moment.at, now.tzinfo))
            per_day.setdefault(key, Counter())[moment.discloser] += 1
    totals: Counter[Discloser] = Counter()
    mutual = 0
    for day in per_day.values():
        totals.update(day)
        mutual += day[Discloser.BOTH] + min(day[Discloser.ME], day[Discloser.THEM])
    return Disclosures(totals[Discloser.ME], totals[Discloser.THEM], totals[Discloser.BOTH], mutual)


def follow_ups(commitments: Iterable[Commitment], now: datetime, period: Period) -> FollowUps:
    """Commitments made in `period`: how many, done, done on time; overdue of any age."""
    today = local_day(now, now.tzinfo)
    made = done = on_time = pending = overdue = 0
    for item in commitments:
        if item.is_overdue(today):
            overdue += 1
        if not period.holds(local_day(item.created_at, now.tzinfo)):
            continue
        made += 1
        if item.done_at is not None:
            done += 1
            on_time += local_day(item.done_at, now.tzinfo) <= item.due
        elif not item.is_overdue(today):
            pending += 1
    decided = made - pending
    return FollowUps(made, done, on_time, overdue, done / decided if decided else None)


def ratio(moments: Iterable[Moment], target: float) -> Ratio:
    """Positive to corrective interactions; with none corrective, any positive meets the target."""
    counts = Counter(m.valence for m in moments if m.kind is MomentKind.INTERACTION)
    positive, corrective = counts[Valence.POSITIVE], counts[Valence.CORRECTIVE]
    if corrective == 0:
        return Ratio(positive, 0, None, target, True if positive else None)
    value = positive / corrective
    return Ratio(positive, corrective, value, target, value >= target)


def bids(moments: Iterable[Moment]) -> Bids:
    """How bids were answered, and the share turned toward."""
    counts = Counter(m.bid_answer for m in moments if m.kind is MomentKind.BID)
    toward, away = counts[BidAnswer.TOWARD], counts[BidAnswer.AWAY]
    against = counts[BidAnswer.AGAINST]
    total = toward + away + against
    return Bids(toward, away, against, toward / total if total else None)


def days_since_chat(moments: Iterable[Moment], now: datetime) -> int | None:
    """Whole local days since the last meaningful chat (0: today); None if there was none."""
    today = local_day(now, now.tzinfo)
    days = [
        local_day(m.at, now.tzinfo)
        for m in moments
        if m.kind is MomentKind.CHAT and local_day(m.at, now.tzinfo) <= today
    ]
    return (today - max(days)).days if days else None


def connection_check(
    person: Person, moments: Iterable[Moment], now: datetime, targets: Targets
) -> ConnectionCheck:
    """Whether a Connection Check with `person` is due.

    The month is split evenly by the cadence (30 days / checks per month, so every 15 days for
    two a month). A check is due when fewer than the cadence happened this calendar month and
    the interval since the last one has passed (or there never was one).
    """
    today = local_day(now, now.tzinfo)
    month = month_of(today)
    days = sorted(
        local_day(m.at, now.tzinfo)
        for m in moments
        if m.kind is MomentKind.CHAT
        and m.person_id == person.id
        and (m.minutes or 0) >= targets.check_minutes
        and local_day(m.at, now.tzinfo) <= today
    )
    cadence = person.checks_per_month
    done = sum(1 for day in days if month.holds(day))
    last = days[-1] if days else None
    if cadence <= 0:
        return ConnectionCheck(cadence, done, last, month.end, False)
    next_on = last + timedelta(days=30 // cadence) if last is not None else today
    return ConnectionCheck(cadence, done, last, next_on, done < cadence and next_on <= today)


def reassessment_due(
    reassessments: Iterable[Reassessment], person_id: int | None, now: datetime, targets: Targets
) -> ReassessmentDue:
    """Whether the 12-week reassessment is due; an overall one (no person) covers everyone."""
    today = local_day(now, now.tzinfo)
    times = [r.at for r in reassessments if person_id is None or r.person_id in (person_id, None)]
    if not times:
        return ReassessmentDue(None, today, True)
    last = max(times)
    next_on = local_day(last, now.tzinfo) + timedelta(weeks=targets.reassess_weeks)
    return ReassessmentDue(last, next_on, today >= next_on)


def practice_stats(
    record: Record, now: datetime, person: Person | None = None, targets: Targets | None = None
) -> PracticeStats:
    """The metrics for `person`, or overall when `person` is None."""
    targets = targets or Targets()
    pid = person.id if person is not None else None
    moments = [m for m in record.moments if person is None or m.person_id == pid]
    commitments = [c for c in record.commitments if person is None or c.person_id == pid]
    today = local_day(now, now.tzinfo)
    month, quarter = month_of(today), quarter_of(today)
    this_month = [m for m in moments if month.holds(local_day(m.at, now.tzinfo))]
    this_quarter = [m for m in moments if quarter.holds(local_day(m.at, now.tzinfo))]
    chats = sum(1 for m in this_month if m.kind is MomentKind.CHAT)
    return PracticeStats(
        person=person,
        month=month,
        quarter=quarter,
        chats=ChatCount(
            chats, targets.chats_low, targets.chats_high,
            standing(chats, targets.chats_low, targets.chats_high),
        ),
        disclosures=replace(
            count_disclosures(this_quarter, now), target=targets.disclosures_per_quarter
        ),
        follow_ups=replace(
            follow_ups(commitments, now, quarter), target=targets.follow_up_rate
        ),
        ratio=ratio(this_quarter, targets.ratio),
        bids=bids(this_quarter),
        days_since_chat=days_since_chat(moments, now),
        reassessment=reassessment_due(record.reassessments, pid, now, targets),
        connection_check=(
            connection_check(person, moments, now, targets) if person is not None else None
        ),
    )


def stats_report(record: Record, now: datetime, targets: Targets | None = None) -> StatsReport:
    """Overall metrics and those of every person not archived, in the order given."""
    people = tuple(
        practice_stats(record, now, person, targets)
        for person in record.people
        if not person.archived
    )
    return StatsReport(practice_stats(record, now, None, targets), people)
