"""Every repository round-trips its domain values, on every configured database."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from tending.domain.agreements import Agreement, AgreementKind, AgreementVersion
from tending.domain.commitments import Commitment
from tending.domain.errors import NotFound
from tending.domain.moments import (
    BidAnswer,
    Discloser,
    HonestKind,
    Moment,
    MomentKind,
    SurvivalStrategy,
    Valence,
)
from tending.domain.people import Person, Tie
from tending.domain.reassessment import Foundation, Reassessment
from tending.domain.unsaid import Unsaid
from tending.storage.unit_of_work import Storage

T0 = datetime(2026, 1, 10, 18, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))


def _person(storage: Storage, name: str = "Sam", **fields: object) -> Person:
    with storage.unit_of_work() as uow:
        person = uow.people.add(Person(name=name, tie=Tie.FRIEND, created_at=T0, **fields))  # type: ignore[arg-type]
        uow.commit()
    return person


def test_people_round_trip_and_update(storage: Storage) -> None:
    stored = _person(storage, checks_per_month=3, last_surprised=date(2026, 1, 2))
    assert stored.id is not None
    with storage.unit_of_work() as uow:
        loaded = uow.people.get(stored.id)
        assert loaded == stored
        assert loaded.created_at == T0 and loaded.created_at.utcoffset() == timedelta(0)
        changed = uow.people.update(
            Person(name="Samira", tie=Tie.PARTNER, created_at=T0, archived=True, id=stored.id)
        )
        uow.commit()
    assert changed.name == "Samira" and changed.archived and changed.last_surprised is None
    with storage.unit_of_work() as uow:
        assert uow.people.list() == []
        assert uow.people.list(include_archived=True) == [changed]


def test_find_by_name_prefers_exact_then_prefix_ignoring_case(storage: Storage) -> None:
    for name in ("Sam", "Samira", "Ana", "Émile"):
        _person(storage, name)
    with storage.unit_of_work() as uow:
        assert [p.name for p in uow.people.find_by_name("sam")] == ["Sam"]
        assert [p.name for p in uow.people.find_by_name("SA")] == ["Sam", "Samira"]
        assert [p.name for p in uow.people.find_by_name("émi")] == ["Émile"]
        assert uow.people.find_by_name("zed") == []
        assert uow.people.find_by_name("  ") == []


def test_unknown_ids_raise_not_found(storage: Storage) -> None:
    with storage.unit_of_work() as uow:
        with pytest.raises(NotFound, match="no person with id 99"):
            uow.people.get(99)
        with pytest.raises(NotFound):
            uow.moments.get(99)
        with pytest.raises(NotFound):
            uow.commitments.get(99)
        with pytest.raises(NotFound):
            uow.agreements.get(99)
        with pytest.raises(NotFound):
            uow.unsaid.get(99)
        with pytest.raises(NotFound):
            uow.reassessments.get(99)


def _every_kind(person_id: int) -> list[Moment]:
    at = T0
    step = timedelta(hours=1)
    return [
        Moment(MomentKind.DISCLOSURE, at, person_id, "told", discloser=Discloser.BOTH),
        Moment(MomentKind.APPRECIATION, at + step, person_id, "thanks", closing=True),
        Moment(MomentKind.BID, at + 2 * step, person_id, bid_answer=BidAnswer.AGAINST),
        Moment(MomentKind.CHAT, at + 3 * step, person_id, minutes=35),
        Moment(MomentKind.INTERACTION, at + 4 * step, person_id, valence=Valence.CORRECTIVE),
        Moment(
            MomentKind.JOURNAL,
            at + 5 * step,
            None,
            "late night",
            feelings=("tender", "uneasy"),
            needs=("rest",),
            private=True,
        ),
        Moment(MomentKind.HONEST, at + 6 * step, None, honest_kind=HonestKind.REGRET),
        Moment(MomentKind.STRATEGY, at + 7 * step, None, strategy=SurvivalStrategy.PEOPLE_PLEASING),
    ]


def test_moments_of_every_kind_round_trip_and_filter(storage: Storage) -> None:
    person = _person(storage)
    assert person.id is not None
    originals = _every_kind(person.id)
    with storage.unit_of_work() as uow:
        stored = [uow.moments.add(moment) for moment in originals]
        uow.commit()
    with storage.unit_of_work() as uow:
        loaded = uow.moments.list()
        assert [replace_id(m) for m in loaded] == originals
        assert loaded == stored
        assert len(uow.moments.list(person_id=person.id)) == 5
        kinds = [MomentKind.CHAT, MomentKind.BID]
        assert [m.kind for m in uow.moments.list(kinds=kinds)] == [MomentKind.BID, MomentKind.CHAT]
        window = uow.moments.list(since=T0 + timedelta(hours=1), until=T0 + timedelta(hours=3))
        assert [m.kind for m in window] == [MomentKind.APPRECIATION, MomentKind.BID]
        assert stored[0].id is not None
        uow.moments.delete(stored[0].id)
        uow.commit()
    with storage.unit_of_work() as uow:
        assert len(uow.moments.list()) == len(originals) - 1


def replace_id(moment: Moment) -> Moment:
    from dataclasses import replace

    return replace(moment, id=None)


def test_commitments_round_trip_open_only(storage: Storage) -> None:
    person = _person(storage)
    assert person.id is not None
    with storage.unit_of_work() as uow:
        first = uow.commitments.add(Commitment(person.id, "call back", T0, date(2026, 1, 17)))
        second = uow.commitments.add(Commitment(person.id, "book the walk", T0, date(2026, 1, 12)))
        done = uow.commitments.update(
            Commitment(person.id, "call back", T0, date(2026, 1, 17), T0, first.id)
        )
        uow.commit()
    with storage.unit_of_work() as uow:
        assert uow.commitments.list() == [second, done]
        assert uow.commitments.list(open_only=True) == [second]
        assert uow.commitments.list(person_id=person.id + 1) == []
        assert uow.commitments.get(second.id or 0).due == date(2026, 1, 12)


def test_agreements_keep_every_version(storage: Storage) -> None:
    person = _person(storage)
    assert person.id is not None
    first = AgreementVersion("walk on Sundays", "either may cancel", date(2026, 3, 1), T0)
    second = AgreementVersion("walk every other Sunday", None, None, T0 + timedelta(days=30))
    with storage.unit_of_work() as uow:
        made = uow.agreements.add(Agreement(person.id, AgreementKind.AGREEMENT, (first,)))
        assert made.id is not None
        boundary = uow.agreements.add(
            Agreement(
                person.id, AgreementKind.BOUNDARY, (AgreementVersion("no calls", None, None, T0),)
            )
        )
        renegotiated = uow.agreements.add_version(made.id, second)
        retired = uow.agreements.set_retired(boundary.id or 0, T0 + timedelta(days=1))
        uow.commit()
    assert renegotiated.versions == (first, second) and renegotiated.current == second
    with storage.unit_of_work() as uow:
        assert uow.agreements.list() == [renegotiated]
        assert uow.agreements.list(include_retired=True) == [renegotiated, retired]
        assert uow.agreements.get(made.id) == renegotiated
        with pytest.raises(NotFound):
            uow.agreements.add_version(999, second)


def test_unsaid_round_trip(storage: Storage) -> None:
    person = _person(storage)
    assert person.id is not None
    with storage.unit_of_work() as uow:
        heavy = uow.unsaid.add(Unsaid(person.id, "the move", 5, T0))
        light = uow.unsaid.add(Unsaid(person.id, "the plant", 1, T0 + timedelta(days=1)))
        said = uow.unsaid.update(
            Unsaid(
                person.id,
                "the plant",
                1,
                light.created_at,
                T0 + timedelta(days=2),
                "well",
                light.id,
            )
        )
        uow.commit()
    with storage.unit_of_work() as uow:
        assert uow.unsaid.list() == [heavy]
        assert uow.unsaid.list(include_said=True) == [heavy, said]
        assert said.how_it_went == "well"


def test_reassessments_round_trip(storage: Storage) -> None:
    person = _person(storage)
    scores = {foundation: index + 3 for index, foundation in enumerate(Foundation)}
    with storage.unit_of_work() as uow:
        overall = uow.reassessments.add(Reassessment(T0, scores, None, "first"))
        about = uow.reassessments.add(Reassessment(T0 + timedelta(days=1), scores, person.id))
        uow.commit()
    with storage.unit_of_work() as uow:
        assert uow.reassessments.list() == [overall, about]
        assert uow.reassessments.list(None) == [overall]
        assert uow.reassessments.latest(person.id) == about
        assert uow.reassessments.latest(None) == overall
        assert uow.reassessments.get(overall.id or 0).scores == scores


def test_nothing_stays_without_commit(storage: Storage) -> None:
    with storage.unit_of_work() as uow:
        uow.people.add(Person(name="Ghost", tie=Tie.OTHER, created_at=T0))
    with pytest.raises(RuntimeError), storage.unit_of_work() as uow:
        uow.people.add(Person(name="Ghost", tie=Tie.OTHER, created_at=T0))
        raise RuntimeError("boom")
    with storage.unit_of_work() as uow:
        assert uow.people.list() == []


def test_naive_datetimes_are_refused(storage: Storage) -> None:
    with storage.unit_of_work() as uow, pytest.raises(Exception, match="aware datetime"):
        uow.people.add(Person(name="Naive", tie=Tie.OTHER, created_at=datetime(2026, 1, 1)))
