"""Property: any moment and person the domain can hold comes back from the database unchanged."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from tending.storage.unit_of_work import Storage

# PostgreSQL text cannot hold NUL, and surrogates are not UTF-8: the services never pass them on
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80
)
ZONES = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
TIMES = st.builds(
    lambda naive, zone: naive.replace(tzinfo=zone),
    st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1)),
    ZONES,
)
WORDS = st.lists(TEXT.filter(bool), max_size=4).map(tuple)


def _none_or(values: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | values


MOMENTS = st.builds(
    Moment,
    kind=st.sampled_from(MomentKind),
    at=TIMES,
    note=_none_or(TEXT),
    discloser=_none_or(st.sampled_from(Discloser)),
    closing=st.booleans(),
    bid_answer=_none_or(st.sampled_from(BidAnswer)),
    minutes=_none_or(st.integers(min_value=0, max_value=2**31 - 1)),
    valence=_none_or(st.sampled_from(Valence)),
    feelings=WORDS,
    needs=WORDS,
    honest_kind=_none_or(st.sampled_from(HonestKind)),
    strategy=_none_or(st.sampled_from(SurvivalStrategy)),
    private=st.booleans(),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(moment=MOMENTS, name=TEXT.filter(lambda text: 0 < len(text) <= 200), at=TIMES)
def test_moments_and_people_round_trip(
    storage: Storage, moment: Moment, name: str, at: datetime
) -> None:
    with storage.unit_of_work() as uow:
        person = uow.people.add(Person(name=name, tie=Tie.OTHER, created_at=at))
        stored = uow.moments.add(replace(moment, person_id=person.id))
        uow.commit()
    with storage.unit_of_work() as uow:
        assert uow.people.get(person.id or 0) == person
        assert person.created_at == at and person.name == name
        loaded = uow.moments.get(stored.id or 0)
    assert loaded == replace(moment, person_id=person.id, id=stored.id)
    assert loaded.at.tzinfo == UTC
