"""Fill a fresh home with a few months of invented practice, so every command has something to show.

Three invented people (a partner, a friend, a sibling), their chats, disclosures, bids, the 5:1
ledger, journal entries, honest statements, commitments done, open and overdue, agreements with a
renegotiation, unsaid things and two reassessments. The randomness is passed in (a seeded
`random.Random`), so the same seed and clock give the same demo. The words live in demo.toml.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from tending.domain.agreements import Agreement, AgreementVersion
from tending.domain.commitments import Commitment
from tending.domain.errors import InvalidInput
from tending.domain.moments import (
    BidAnswer,
    Discloser,
    HonestKind,
    Moment,
    MomentKind,
    SurvivalStrategy,
    Valence,
)
from tending.domain.people import Person
from tending.domain.reassessment import SCORE_MAX, SCORE_MIN, Foundation, Reassessment
from tending.domain.unsaid import Unsaid
from tending.metrics.periods import local_day
from tending.services.demo_data import DemoData, DemoNotes, DemoPerson, load_demo_data
from tending.services.workspace import Workspace
from tending.storage.unit_of_work import UnitOfWork

DEMO_WEEKS = 24
DEFAULT_SEED = 7
LATE_AFTER_DAYS = 20  # older forgotten commitments were done in the end, a little late

At = Callable[[date, int, int], datetime]


@dataclass(frozen=True)
class DemoSummary:
    """What the demo wrote, and the days it covers."""

    people: tuple[str, ...]
    moments: int
    commitments: int
    agreements: int
    unsaid: int
    reassessments: int
    first_day: date
    last_day: date


@dataclass
class Generated:
    moments: list[Moment]
    commitments: list[Commitment]


def _clock_at(zone: tzinfo | None) -> At:
    def at(day: date, hour: int, minute: int) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=zone)

    return at


def _times(rng: random.Random, per_week: float) -> int:
    """How many times something with `per_week` happens on one day (the fraction by chance)."""
    per_day = per_week / 7
    return int(per_day) + (1 if rng.random() < per_day - int(per_day) else 0)


def _chat(rng: random.Random, notes: DemoNotes, pid: int, start: datetime, out: Generated) -> None:
    minutes = rng.choice([20, 30, 35, 45, 60, 75])
    out.moments.append(Moment(MomentKind.CHAT, start, pid, rng.choice(notes.chat), minutes=minutes))
    end = start + timedelta(minutes=minutes)
    if rng.random() < 0.75:
        who = rng.choices([Discloser.BOTH, Discloser.ME, Discloser.THEM], [4, 3, 3])[0]
        out.moments.append(Moment(MomentKind.DISCLOSURE, start + timedelta(minutes=10), pid,
                                  rng.choice(notes.disclosure), discloser=who))
    if rng.random() < 0.5:
        out.moments.append(Moment(MomentKind.APPRECIATION, end, pid,
                                  rng.choice(notes.appreciation), closing=True))
    if rng.random() < 0.6:
        made = end + timedelta(minutes=5)
        done = made + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 5))
        out.commitments.append(Commitment(
            pid, rng.choice(notes.commitments), made, made.date() + timedelta(days=7),
            done_at=done if rng.random() < 0.9 else None,
        ))


def _person_day(
    rng: random.Random, data: DemoData, spec: DemoPerson, pid: int, day: date, at: At,
    out: Generated,
) -> None:
    notes = data.notes
    for _ in range(_times(rng, spec.chats_per_week)):
        _chat(rng, notes, pid, at(day, rng.randint(18, 20), rng.choice([0, 15, 30, 45])), out)
    for _ in range(_times(rng, spec.bids_per_week)):
        answer = rng.choices([BidAnswer.TOWARD, BidAnswer.AWAY, BidAnswer.AGAINST], [7, 2, 1])[0]
        out.moments.append(Moment(MomentKind.BID, at(day, rng.randint(8, 21), rng.randint(0, 59)),
                                  pid, rng.choice(notes.bid), bid_answer=answer))
    for valence, rate, lines in (
        (Valence.POSITIVE, spec.positives_per_week, notes.positive),
        (Valence.CORRECTIVE, spec.correctives_per_week, notes.corrective),
    ):
        for _ in range(_times(rng, rate)):
            out.moments.append(Moment(MomentKind.INTERACTION,
                                      at(day, rng.randint(7, 22), rng.randint(0, 59)), pid,
                                      rng.choice(lines), valence=valence))


def _own_day(rng: random.Random, notes: DemoNotes, partner: int, day: date, at: At,
             out: Generated) -> None:
    if rng.random() < 0.3:
        out.moments.append(Moment(
            MomentKind.JOURNAL, at(day, 22, rng.randint(0, 40)),
            partner if rng.random() < 0.5 else None, rng.choice(notes.journal),
            feelings=tuple(rng.sample(notes.feelings, rng.randint(1, 3))),
            needs=tuple(rng.sample(notes.needs, rng.randint(1, 2))),
            private=rng.random() < 0.5,
        ))
    if rng.random() < 0.6:
        kind = rng.choice(list(HonestKind))
        lines = {HonestKind.WORRY: notes.worry, HonestKind.REGRET: notes.regret,
                 HonestKind.APPRECIATION: notes.honest_appreciation}[kind]
        out.moments.append(Moment(MomentKind.HONEST, at(day, 7, rng.randint(30, 59)),
                                  partner if rng.random() < 0.4 else None,
                                  rng.choice(lines), honest_kind=kind))
    if rng.random() < 0.07:
        out.moments.append(Moment(MomentKind.STRATEGY, at(day, 21, 0), None,
                                  rng.choice(notes.strategy_note),
                                  strategy=rng.choice(list(SurvivalStrategy)), private=True))


def _refuse_filled(uow: UnitOfWork, where: str) -> None:
    if uow.people.list(include_archived=True) or uow.moments.list():
        raise InvalidInput(
            f"the database {where} already holds data; the demo fills only an empty home "
            "(try: tend --home SOME/NEW/FOLDER demo)"
        )


def fill_demo(workspace: Workspace, rng: random.Random, weeks: int = DEMO_WEEKS) -> DemoSummary:
    """Fill the (empty) workspace with `weeks` of invented practice up to now."""
    data = load_demo_data()
    now = workspace.now()
    at = _clock_at(now.tzinfo)
    today = local_day(now, now.tzinfo)
    first = today - timedelta(weeks=weeks)
    with workspace.unit_of_work() as uow:
        _refuse_filled(uow, workspace.storage.where)
        ids = _add_people(uow, data, at(first - timedelta(days=3), 10, 0), today)
        out = Generated([], [])
        for offset in range((today - first).days + 1):
            day = first + timedelta(days=offset)
            for spec in data.people:
                _person_day(rng, data, spec, ids[spec.name], day, at, out)
            _own_day(rng, data.notes, ids[data.people[0].name], day, at, out)
        _add_loose_ends(data, ids, now, today, out)
        moments = sorted((m for m in out.moments if m.at <= now), key=lambda m: m.at)
        for moment in moments:
            uow.moments.add(moment)
        commitments = [c for c in out.commitments if c.created_at <= now]
        for item in sorted(commitments, key=lambda c: c.created_at):
            done_at = item.done_at if item.done_at is not None and item.done_at <= now else None
            if done_at is None and item.created_at < now - timedelta(days=LATE_AFTER_DAYS):
                done_at = item.created_at + timedelta(days=LATE_AFTER_DAYS // 2)  # done, late
            uow.commitments.add(Commitment(item.person_id, item.text, item.created_at, item.due,
                                           done_at))
        agreements = _add_agreements(uow, data, ids, at, first)
        unsaid = _add_unsaid(uow, data, ids, now)
        reassessments = _add_reassessments(uow, rng, at, first, today)
        uow.commit()
    return DemoSummary(tuple(ids), len(moments), len(commitments), agreements, unsaid,
                       reassessments, first, today)


def _add_people(uow: UnitOfWork, data: DemoData, created: datetime, today: date) -> dict[str, int]:
    ids: dict[str, int] = {}
    for number, spec in enumerate(data.people):
        surprised = today - timedelta(days=9 + 17 * number)
        person = uow.people.add(Person(spec.name, spec.tie, created, spec.checks_per_month,
                                       last_surprised=surprised))
        assert person.id is not None
        ids[spec.name] = person.id
    return ids


def _add_loose_ends(
    data: DemoData, ids: dict[str, int], now: datetime, today: date, out: Generated
) -> None:
    """One commitment surely overdue and one surely still open, whatever the dice said."""
    last, partner = ids[data.people[-1].name], ids[data.people[0].name]
    notes = data.notes.commitments
    out.commitments.append(Commitment(last, notes[0], now - timedelta(days=12),
                                      today - timedelta(days=5)))
    out.commitments.append(Commitment(partner, notes[-1], now - timedelta(days=1),
                                      today + timedelta(days=6)))


def _add_agreements(
    uow: UnitOfWork, data: DemoData, ids: dict[str, int], at: At, first: date
) -> int:
    for number, spec in enumerate(data.agreements):
        versions = []
        for index, version in enumerate(spec.versions):
            day = first + timedelta(days=2 + number + 8 * 7 * index)
            versions.append(AgreementVersion(
                version.text, version.room, day + timedelta(weeks=version.review_weeks),
                at(day, 20, 30),
            ))
        uow.agreements.add(Agreement(ids[spec.person], spec.kind, tuple(versions)))
    return len(data.agreements)


def _add_unsaid(uow: UnitOfWork, data: DemoData, ids: dict[str, int], now: datetime) -> int:
    for spec in data.unsaid:
        said = None if spec.said_days_ago is None else now - timedelta(days=spec.said_days_ago)
        uow.unsaid.add(Unsaid(ids[spec.person], spec.text, spec.weight,
                              now - timedelta(days=spec.days_ago), said, spec.how_it_went))
    return len(data.unsaid)


def _add_reassessments(
    uow: UnitOfWork, rng: random.Random, at: At, first: date, today: date
) -> int:
    before = {foundation: rng.randint(4, 7) for foundation in Foundation}
    after = {
        foundation: min(SCORE_MAX, max(SCORE_MIN, score + rng.choice([-1, 0, 1, 1, 2])))
        for foundation, score in before.items()
    }
    uow.reassessments.add(Reassessment(at(first + timedelta(days=1), 21, 0), before,
                                       note="Where we stand as I start the practice."))
    uow.reassessments.add(Reassessment(at(today - timedelta(days=20), 21, 0), after,
                                       note="The walks help; money is still hard to bring up."))
    return 2
