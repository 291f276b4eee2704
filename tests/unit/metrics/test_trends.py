"""Monthly trend series and the change between reassessments."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from tending.domain.commitments import Commitment
from tending.domain.moments import BidAnswer, Discloser, Moment, MomentKind, Valence
from tending.domain.reassessment import Foundation, Reassessment
from tending.metrics.periods import add_months
from tending.metrics.reassessment import reassessment_change
from tending.metrics.tracker import Record
from tending.metrics.trends import monthly_trends

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 3, 5, 12, 0, tzinfo=TOKYO)


def test_add_months_crosses_years() -> None:
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert add_months(date(2025, 12, 1), 1) == date(2026, 1, 1)
    assert add_months(date(2026, 3, 1), -14) == date(2025, 1, 1)


def test_monthly_points_in_the_local_zone() -> None:
    # 20:00 UTC on 31 January is 05:00 on 1 February in Tokyo.
    feb_in_tokyo = datetime(2026, 1, 31, 20, 0, tzinfo=UTC)
    jan = datetime(2026, 1, 10, 9, 0, tzinfo=TOKYO)
    moments = (
        Moment(MomentKind.CHAT, feb_in_tokyo, person_id=1, minutes=40),
        Moment(MomentKind.CHAT, jan, person_id=1, minutes=40),
        Moment(MomentKind.CHAT, jan, person_id=2, minutes=40),
        Moment(MomentKind.DISCLOSURE, jan, person_id=1, discloser=Discloser.BOTH),
        Moment(MomentKind.INTERACTION, jan, person_id=1, valence=Valence.POSITIVE),
        Moment(MomentKind.INTERACTION, jan, person_id=1, valence=Valence.POSITIVE),
        Moment(MomentKind.INTERACTION, jan, person_id=1, valence=Valence.CORRECTIVE),
        Moment(MomentKind.BID, jan, person_id=1, bid_answer=BidAnswer.TOWARD),
        Moment(MomentKind.BID, jan, person_id=1, bid_answer=BidAnswer.AWAY),
    )
    commitments = (
        Commitment(1, "call", jan, date(2026, 1, 17), done_at=feb_in_tokyo),
        Commitment(1, "open", jan, date(2026, 1, 17)),
    )
    points = monthly_trends(Record((), moments, commitments), NOW, months=4)
    assert [p.month for p in points] == [
        date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
    ]
    dec, jan_point, feb, mar = points
    assert (jan_point.chats, feb.chats, mar.chats, dec.chats) == (2, 1, 0, 0)
    assert jan_point.mutual_disclosures == 1
    assert (jan_point.positive, jan_point.corrective, jan_point.ratio) == (2, 1, 2.0)
    assert jan_point.toward_share == 0.5 and feb.toward_share is None
    assert (jan_point.commitments_done, feb.commitments_done) == (0, 1)
    only_two = monthly_trends(Record((), moments, commitments), NOW, months=4, person_id=2)
    assert [p.chats for p in only_two] == [0, 1, 0, 0]
    assert sum(p.commitments_done for p in only_two) == 0


def test_reassessment_change_between_the_last_two() -> None:
    def scored(day: int, value: int, person: int | None = None) -> Reassessment:
        scores = {f: value for f in Foundation}
        scores[Foundation.ACCEPTANCE] = value + 2
        return Reassessment(datetime(2026, 1, day, tzinfo=UTC), scores, person_id=person)

    history = [scored(20, 7), scored(1, 4), scored(10, 5), scored(15, 9, person=1)]
    change = reassessment_change(history)
    assert change is not None
    assert change.previous.at.day == 10 and change.latest.at.day == 20
    assert change.deltas == {f: 2 for f in Foundation}
    assert reassessment_change(history, person_id=1) is None
    assert reassessment_change([]) is None
