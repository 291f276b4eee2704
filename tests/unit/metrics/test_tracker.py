"""The practice metrics, with exact numbers at month and quarter edges in a local zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tending.domain.commitments import Commitment
from tending.domain.moments import BidAnswer, Discloser, Moment, MomentKind, Valence
from tending.domain.people import Person, Tie
from tending.domain.reassessment import Foundation, Reassessment
from tending.metrics.periods import quarter_of
from tending.metrics.targets import Targets
from tending.metrics.tracker import (
    Record,
    Standing,
    practice_stats,
    stats_report,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 4, 10, 12, 0, tzinfo=BERLIN)
ANA = Person("Ana", Tie.PARTNER, datetime(2025, 1, 1, tzinfo=UTC), id=1)
BO = Person("Bo", Tie.FRIEND, datetime(2025, 1, 1, tzinfo=UTC), checks_per_month=1, id=2)


def chat(at: datetime, person: int = 1, minutes: int = 30) -> Moment:
    return Moment(MomentKind.CHAT, at, person_id=person, minutes=minutes)


def disclosure(at: datetime, who: Discloser, person: int = 1) -> Moment:
    return Moment(MomentKind.DISCLOSURE, at, person_id=person, discloser=who)


def interaction(at: datetime, valence: Valence, person: int = 1) -> Moment:
    return Moment(MomentKind.INTERACTION, at, person_id=person, valence=valence)


def bid(at: datetime, answer: BidAnswer, person: int = 1) -> Moment:
    return Moment(MomentKind.BID, at, person_id=person, bid_answer=answer)


def test_chats_count_in_the_local_month_not_in_utc() -> None:
    # 00:30 on 1 April in Berlin is still 31 March in UTC: it is an April chat.
    early_april = datetime(2026, 3, 31, 22, 30, tzinfo=UTC)
    # 23:30 on 31 March in Berlin is 21:30 UTC: a March chat.
    late_march = datetime(2026, 3, 31, 21, 30, tzinfo=UTC)
    record = Record((ANA,), (chat(early_april), chat(late_march)))
    stats = practice_stats(record, NOW, ANA)
    assert stats.chats.count == 1
    assert stats.chats.standing is Standing.BELOW
    assert stats.month.start == date(2026, 4, 1)


@pytest.mark.parametrize(("count", "expected"), [(3, "below"), (4, "within"), (6, "within"),
                                                  (7, "above")])
def test_chat_standing_against_the_band(count: int, expected: str) -> None:
    moments = tuple(chat(NOW - timedelta(days=day)) for day in range(count))
    stats = practice_stats(Record((ANA,), moments), NOW, ANA)
    assert stats.chats.count == count
    assert stats.chats.standing == expected


def test_quarter_edges() -> None:
    assert quarter_of(date(2026, 3, 31)).start == date(2026, 1, 1)
    assert quarter_of(date(2026, 4, 1)).start == date(2026, 4, 1)
    assert quarter_of(date(2026, 12, 31)).end == date(2027, 1, 1)


def test_mutual_disclosures_follow_the_rule() -> None:
    day1 = datetime(2026, 4, 2, 20, 0, tzinfo=BERLIN)
    day2 = datetime(2026, 4, 3, 20, 0, tzinfo=BERLIN)
    last_quarter = datetime(2026, 3, 31, 23, 0, tzinfo=BERLIN)
    moments = (
        disclosure(day1, Discloser.ME),
        disclosure(day1, Discloser.THEM),
        disclosure(day1, Discloser.ME),  # an unpaired `me`: not mutual
        disclosure(day2, Discloser.BOTH),
        disclosure(day2, Discloser.THEM),  # alone that day
        disclosure(day2, Discloser.ME, person=2),  # another person: pairs with nothing of Ana's
        disclosure(last_quarter, Discloser.BOTH),
    )
    stats = practice_stats(Record((ANA, BO), moments), NOW, ANA)
    assert (stats.disclosures.me, stats.disclosures.them, stats.disclosures.both) == (2, 2, 1)
    assert stats.disclosures.mutual == 2
    overall = practice_stats(Record((ANA, BO), moments), NOW)
    assert overall.disclosures.mutual == 2
    assert overall.disclosures.me == 3


def test_follow_ups_count_rate_and_overdue() -> None:
    made = datetime(2026, 4, 1, 9, 0, tzinfo=BERLIN)
    commitments = (
        Commitment(1, "on time", made, date(2026, 4, 8), done_at=made + timedelta(days=2)),
        Commitment(1, "late", made, date(2026, 4, 3), done_at=made + timedelta(days=5)),
        Commitment(1, "overdue", made, date(2026, 4, 9)),
        Commitment(1, "not yet due", made, date(2026, 4, 12)),
        # made last quarter and still open: counts as overdue, not in the quarter's rate
        Commitment(1, "old", datetime(2026, 3, 1, tzinfo=BERLIN), date(2026, 3, 8)),
    )
    stats = practice_stats(Record((ANA,), (), commitments), NOW, ANA)
    follow = stats.follow_ups
    assert (follow.made, follow.done, follow.on_time, follow.overdue) == (4, 2, 1, 2)
    assert follow.rate == pytest.approx(2 / 3)


def test_follow_up_rate_is_none_when_nothing_is_decided() -> None:
    made = datetime(2026, 4, 9, 9, 0, tzinfo=BERLIN)
    commitments = (Commitment(1, "soon", made, date(2026, 4, 16)),)
    assert practice_stats(Record((ANA,), (), commitments), NOW, ANA).follow_ups.rate is None


def test_ratio_with_and_without_corrective() -> None:
    at = datetime(2026, 4, 5, tzinfo=BERLIN)
    positives = tuple(interaction(at, Valence.POSITIVE) for _ in range(9))
    two = practice_stats(
        Record((ANA,), positives + (interaction(at, Valence.CORRECTIVE),) * 2), NOW, ANA
    ).ratio
    assert (two.positive, two.corrective, two.value, two.meets) == (9, 2, 4.5, False)
    none = practice_stats(Record((ANA,), positives), NOW, ANA).ratio
    assert (none.value, none.meets) == (None, True)
    empty = practice_stats(Record((ANA,)), NOW, ANA).ratio
    assert (empty.positive, empty.corrective, empty.meets) == (0, 0, None)


def test_share_of_bids_turned_toward() -> None:
    at = datetime(2026, 4, 5, tzinfo=BERLIN)
    moments = (
        bid(at, BidAnswer.TOWARD), bid(at, BidAnswer.TOWARD), bid(at, BidAnswer.TOWARD),
        bid(at, BidAnswer.AWAY), bid(at, BidAnswer.AGAINST),
        bid(datetime(2026, 3, 5, tzinfo=BERLIN), BidAnswer.AWAY),  # last quarter
    )
    bids = practice_stats(Record((ANA,), moments), NOW, ANA).bids
    assert (bids.toward, bids.away, bids.against) == (3, 1, 1)
    assert bids.toward_share == pytest.approx(0.6)
    assert practice_stats(Record((ANA,)), NOW, ANA).bids.toward_share is None


def test_days_since_last_chat_counts_local_days() -> None:
    # 23:50 Berlin on 7 April is 21:50 UTC: three local days before 10 April.
    moments = (
        chat(datetime(2026, 4, 7, 21, 50, tzinfo=UTC)),
        chat(datetime(2026, 2, 1, tzinfo=UTC)),
    )
    assert practice_stats(Record((ANA,), moments), NOW, ANA).days_since_chat == 3
    assert practice_stats(Record((ANA,)), NOW, ANA).days_since_chat is None


def test_connection_check_follows_the_cadence() -> None:
    never = practice_stats(Record((ANA,)), NOW, ANA).connection_check
    assert never is not None and never.due and never.last_on is None
    recent = (chat(datetime(2026, 4, 1, 19, 0, tzinfo=BERLIN)),)
    check = practice_stats(Record((ANA,), recent), NOW, ANA).connection_check
    assert check is not None
    assert (check.done_this_month, check.next_on, check.due) == (1, date(2026, 4, 16), False)
    later = practice_stats(Record((ANA,), recent), NOW + timedelta(days=6), ANA).connection_check
    assert later is not None and later.due
    # a short chat is not a Connection Check
    short = (chat(datetime(2026, 4, 9, tzinfo=BERLIN), minutes=10),)
    assert practice_stats(Record((ANA,), short), NOW, ANA).connection_check.due  # type: ignore[union-attr]


def test_connection_check_is_not_due_once_the_cadence_is_met() -> None:
    done = (chat(datetime(2026, 4, 1, tzinfo=BERLIN), person=2),)
    check = practice_stats(Record((BO,), done), NOW + timedelta(days=19), BO).connection_check
    assert check is not None
    assert check.done_this_month == 1 and not check.due


def test_reassessment_due_after_twelve_weeks() -> None:
    scores = {foundation: 5 for foundation in Foundation}
    last = Reassessment(datetime(2026, 1, 16, 10, 0, tzinfo=BERLIN), scores)
    record = Record((ANA,), reassessments=(last,))
    on_the_day = practice_stats(record, datetime(2026, 4, 10, 0, 5, tzinfo=BERLIN), ANA)
    assert on_the_day.reassessment.next_on == date(2026, 4, 10)
    assert on_the_day.reassessment.due
    day_before = practice_stats(record, datetime(2026, 4, 9, 23, 55, tzinfo=BERLIN), ANA)
    assert not day_before.reassessment.due
    assert practice_stats(Record((ANA,)), NOW).reassessment.due
    assert practice_stats(record, NOW, targets=Targets(reassess_weeks=20)).reassessment.due is False


def test_report_skips_archived_people() -> None:
    gone = Person("Cy", Tie.OTHER, datetime(2025, 1, 1, tzinfo=UTC), archived=True, id=3)
    report = stats_report(Record((ANA, gone, BO)), NOW)
    assert [s.person.name for s in report.people if s.person] == ["Ana", "Bo"]
    assert report.overall.person is None and report.overall.connection_check is None


def test_quarter_edge_west_of_greenwich() -> None:
    angeles = ZoneInfo("America/Los_Angeles")
    now = datetime(2026, 3, 31, 23, 45, tzinfo=angeles)  # already 1 April 06:45 in UTC
    late_q1 = datetime(2026, 4, 1, 6, 30, tzinfo=UTC)  # 23:30 on 31 March in Los Angeles
    moments = (
        disclosure(late_q1, Discloser.BOTH),
        chat(late_q1),
        bid(late_q1, BidAnswer.AWAY),
    )
    stats = practice_stats(Record((ANA,), moments), now, ANA)
    assert stats.quarter.start == date(2026, 1, 1) and stats.month.start == date(2026, 3, 1)
    assert stats.disclosures.mutual == 1 and stats.chats.count == 1
    assert stats.bids.toward_share == 0.0
    assert stats.days_since_chat == 0
    april = practice_stats(Record((ANA,), moments), now + timedelta(minutes=30), ANA)
    assert april.quarter.start == date(2026, 4, 1)
    assert (april.disclosures.mutual, april.chats.count, april.bids.toward_share) == (0, 0, None)


def test_a_cadence_of_zero_is_never_due() -> None:
    resting = Person("Di", Tie.OTHER, datetime(2025, 1, 1, tzinfo=UTC), checks_per_month=0, id=4)
    check = practice_stats(Record((resting,)), NOW, resting).connection_check
    assert check is not None and not check.due
