"""Export, import into a fresh database, export again: the two files are identical.

The test makes two new databases of the kind the `database_url` fixture names (SQLite files, or
PostgreSQL schemas when TENDING_TEST_DATABASE_URL is set), migrates them once, and empties them
before every hypothesis example, so each example starts from empty databases.
"""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from tending.domain.agreements import Agreement, AgreementKind, AgreementVersion
from tending.domain.chat_analysis import ChatCounts, ChatMonthlyAggregate
from tending.domain.clock import FixedClock
from tending.domain.commitments import Commitment
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
from tending.domain.reassessment import SCORE_MAX, SCORE_MIN, Foundation, Reassessment
from tending.domain.rituals import Ritual, RitualKind
from tending.domain.sessions import (
    CheckQuestion,
    Entry,
    GuidedSession,
    SessionKind,
    SessionStatus,
    Step,
    StepKind,
)
from tending.domain.unsaid import Unsaid
from tending.exporters.archive import Archive
from tending.services.archive import export_archive, import_archive, load_archive
from tending.services.rituals import first_occurrence
from tending.services.workspace import Workspace, open_workspace
from tending.storage.chat_repository import ChatAggregatesRepository
from tending.storage.session_repository import (
    QuestionRepository,
    RitualRepository,
    SessionRepository,
)
from tests.conftest import POSTGRES_URL, postgres_schema_url

CLOCK = FixedClock(datetime(2026, 5, 1, 8, 0, tzinfo=UTC))

# PostgreSQL text cannot hold NUL, and JSON cannot hold lone surrogates.
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
NAMES = TEXT.filter(lambda s: s.strip() != "").map(lambda s: s[:60])
TIMES = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
)
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
WALL_TIMES = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31))
SECONDS = st.floats(0, 1e6, allow_nan=False, allow_infinity=False).map(abs)
KEYS = st.text("abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=60)


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:  # type: ignore[type-arg]
    return st.none() | strategy


# Only what the app can hold (import refuses the rest, docs/EXPORT_FORMAT.md): names that
# differ as `tend person add` compares them, each moment with the field of its kind, ...
PEOPLE = st.lists(
    st.builds(Person, NAMES, st.sampled_from(Tie), TIMES, st.integers(0, 31), maybe(DATES),
              st.booleans()),
    min_size=1, max_size=4, unique_by=lambda p: " ".join(p.name.split()).casefold(),
)
KIND_FIELDS: dict[MomentKind, tuple[str, st.SearchStrategy]] = {  # type: ignore[type-arg]
    MomentKind.DISCLOSURE: ("discloser", st.sampled_from(Discloser)),
    MomentKind.BID: ("bid_answer", st.sampled_from(BidAnswer)),
    MomentKind.CHAT: ("minutes", st.integers(1, 600)),
    MomentKind.INTERACTION: ("valence", st.sampled_from(Valence)),
    MomentKind.HONEST: ("honest_kind", st.sampled_from(HonestKind)),
    MomentKind.STRATEGY: ("strategy", st.sampled_from(SurvivalStrategy)),
    MomentKind.JOURNAL: ("feelings", st.lists(NAMES, min_size=1, max_size=3).map(tuple)),
}


# the kinds `tend log` stores without a person
WITHOUT_PERSON = {MomentKind.JOURNAL, MomentKind.HONEST, MomentKind.STRATEGY}


@st.composite
def with_its_field(
    draw: st.DrawFn, moment: Moment, person: st.SearchStrategy  # type: ignore[type-arg]
) -> Moment:
    """`moment` as `tend log` makes it: the field its kind is logged with (a bid's answer, a
    chat's minutes...), no field of another kind, and a person unless its kind goes without."""
    own = {
        "discloser": None, "closing": False, "bid_answer": None, "minutes": None,
        "valence": None, "feelings": (), "needs": (), "honest_kind": None, "strategy": None,
    }  # fmt: skip
    if moment.kind is MomentKind.APPRECIATION:
        own["closing"] = moment.closing
    if moment.kind is MomentKind.JOURNAL:
        own["needs"] = moment.needs
    if moment.kind in KIND_FIELDS:
        name, values = KIND_FIELDS[moment.kind]
        own[name] = draw(values)
    if moment.person_id is None and moment.kind not in WITHOUT_PERSON:
        own["person_id"] = draw(person)
    return replace(moment, **own)


@st.composite
def records(draw: st.DrawFn) -> dict[str, list[object]]:
    people = draw(PEOPLE)
    ref = st.integers(0, len(people) - 1)
    moments = draw(st.lists(st.builds(
        Moment, st.sampled_from(MomentKind), TIMES, maybe(ref), maybe(TEXT),
        maybe(st.sampled_from(Discloser)), st.booleans(), maybe(st.sampled_from(BidAnswer)),
        maybe(st.integers(0, 600)), maybe(st.sampled_from(Valence)),
        st.lists(NAMES, max_size=3).map(tuple), st.lists(NAMES, max_size=3).map(tuple),
        maybe(st.sampled_from(HonestKind)), maybe(st.sampled_from(SurvivalStrategy)),
        st.booleans(),
    ).flatmap(lambda moment: with_its_field(moment, ref)), max_size=12))
    commitments = draw(st.lists(
        st.builds(Commitment, ref, NAMES, TIMES, DATES, maybe(TIMES)), max_size=4
    ))
    versions = st.lists(
        st.builds(AgreementVersion, TEXT, maybe(TEXT), maybe(DATES), TIMES), min_size=1, max_size=3
    )
    agreements = draw(st.lists(
        st.builds(Agreement, ref, st.sampled_from(AgreementKind), versions.map(tuple),
                  maybe(TIMES)),
        max_size=3,
    ))
    unsaid = draw(st.lists(
        st.builds(Unsaid, ref, TEXT, st.integers(1, 5), TIMES, maybe(TIMES), maybe(TEXT)),
        max_size=3,
    ))
    scores = st.dictionaries(st.sampled_from(Foundation), st.integers(SCORE_MIN, SCORE_MAX))
    reassessments = draw(st.lists(
        st.builds(Reassessment, TIMES, scores, maybe(ref), maybe(TEXT)), max_size=3
    ))
    return {
        "people": people, "moments": moments, "commitments": commitments,
        "agreements": agreements, "unsaid": unsaid, "reassessments": reassessments,
        **draw(guided_and_chat(len(people))),
    }


@st.composite
def sessions(draw: st.DrawFn, people: int) -> GuidedSession:
    """A guided session in any state: its steps, and answers to the first few of them."""
    keys = draw(st.lists(KEYS, min_size=1, max_size=4, unique=True))
    steps = tuple(
        draw(st.builds(
            Step, st.just(key), st.sampled_from(StepKind), TEXT, SECONDS, TEXT,
            st.lists(TEXT, max_size=3).map(tuple), maybe(TEXT), st.booleans(),
            maybe(st.integers(0, 500)),
        ))
        for key in keys
    )
    answered = draw(st.integers(0, len(steps)))
    entries = tuple(
        draw(st.builds(Entry, st.just(step.key), TEXT, TIMES, st.booleans()))
        for step in steps[:answered]
    )
    # finished exactly when every step is answered
    unfinished = [s for s in SessionStatus if s is not SessionStatus.FINISHED]
    status = st.just(SessionStatus.FINISHED) if answered == len(steps) \
        else st.sampled_from(unfinished)
    return draw(st.builds(
        GuidedSession, st.sampled_from(SessionKind), st.just(steps), TIMES,
        maybe(st.integers(0, people - 1)), st.just(entries), status,
        maybe(TIMES), SECONDS, SECONDS, maybe(TIMES),
    ))


@st.composite
def guided_and_chat(draw: st.DrawFn, people: int) -> dict[str, list[object]]:
    """Guided sessions (paused ones too), check questions, rituals and stored chat months."""
    ref = st.integers(0, people - 1)
    uids = st.text("abcdef0123456789-", min_size=1, max_size=64)
    rituals = draw(st.lists(
        st.builds(
            Ritual, kind=st.sampled_from(RitualKind), starts=WALL_TIMES,
            tzid=st.sampled_from(["UTC", "Europe/Berlin", "America/Sao_Paulo", "Asia/Kolkata"]),
            rrule=st.sampled_from(["FREQ=WEEKLY;BYDAY=SU", "FREQ=DAILY",
                                   "FREQ=MONTHLY;BYDAY=+1SA,+3SA"]),
            uid=uids, created_at=TIMES, person_id=maybe(ref), minutes=st.integers(1, 1440),
            alarm_minutes=st.integers(0, 10_080),
        ).map(lambda r: replace(r, starts=first_occurrence(r.rrule, r.starts))),
        max_size=3, unique_by=lambda r: r.uid,
    ))
    counts = st.builds(ChatCounts, *(st.integers(0, 10**6) for _ in fields(ChatCounts)))
    months = st.dates(date(2015, 1, 1), date(2030, 12, 1)).map(lambda d: f"{d:%Y-%m}")
    chat_months = draw(st.lists(
        st.builds(ChatMonthlyAggregate, ref, NAMES, months, NAMES, counts, TIMES),
        max_size=4, unique_by=lambda c: (c.person_id, c.source, c.month, c.sender),
    ))
    return {
        "sessions": draw(st.lists(sessions(people), max_size=3)),
        "check_questions": draw(st.lists(
            st.builds(CheckQuestion, ref, TEXT, TIMES), max_size=3
        )),
        "rituals": rituals,
        "chat_months": chat_months,
    }


TABLES = (
    "guided_entries", "guided_sessions", "check_questions", "rituals", "chat_monthly",
    "agreement_versions", "agreements", "unsaid", "commitments", "reassessment_scores",
    "reassessments", "moments", "people",
)


@contextmanager
def database_workspaces(kind: str) -> Iterator[tuple[Workspace, Workspace]]:
    """Two workspaces on two new databases of `kind` (files or schemas), removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        if kind == "sqlite":
            urls = [f"sqlite+pysqlite:///{Path(folder) / name}" for name in ("a.db", "b.db")]
            with open_workspace(Path(folder), urls[0], CLOCK) as one, \
                    open_workspace(Path(folder), urls[1], CLOCK) as two:
                yield one, two
            return
        schemas = [f"t_{secrets.token_hex(6)}" for _ in range(2)]
        admin = create_engine(POSTGRES_URL)
        with admin.begin() as connection:
            for schema in schemas:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            urls = [postgres_schema_url(POSTGRES_URL, schema) for schema in schemas]
            with open_workspace(Path(folder), urls[0], CLOCK) as one, \
                    open_workspace(Path(folder), urls[1], CLOCK) as two:
                yield one, two
        finally:
            with admin.begin() as connection:
                for schema in schemas:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


def wipe(workspace: Workspace) -> None:
    """Empty every table the tracker writes, so each example starts from an empty database.

    Sequences are not reset: stored ids differ from example to example, which the file's own
    ids must not notice.
    """
    with workspace.unit_of_work() as uow:
        for table in TABLES:
            uow.connection.execute(text(f"DELETE FROM {table}"))
        uow.commit()


def store(workspace: Workspace, data: dict[str, list[object]]) -> None:
    """Store generated values; person references are indexes into data['people']."""
    with workspace.unit_of_work() as uow:
        ids = [uow.people.add(p).id for p in data["people"]]  # type: ignore[arg-type]

        def pid(index: int | None) -> int | None:
            return None if index is None else ids[index]

        for m in data["moments"]:
            uow.moments.add(replace(m, person_id=pid(m.person_id)))  # type: ignore[type-var,attr-defined]
        for c in data["commitments"]:
            uow.commitments.add(replace(c, person_id=pid(c.person_id)))  # type: ignore[type-var,attr-defined]
        for a in data["agreements"]:
            uow.agreements.add(replace(a, person_id=pid(a.person_id)))  # type: ignore[type-var,attr-defined]
        for u in data["unsaid"]:
            uow.unsaid.add(replace(u, person_id=pid(u.person_id)))  # type: ignore[type-var,attr-defined]
        for r in data["reassessments"]:
            uow.reassessments.add(replace(r, person_id=pid(r.person_id)))  # type: ignore[type-var,attr-defined]
        sessions = SessionRepository(uow.connection)
        for g in data["sessions"]:
            sessions.add(replace(g, person_id=pid(g.person_id)))  # type: ignore[type-var,attr-defined]
        questions = QuestionRepository(uow.connection)
        for q in data["check_questions"]:
            questions.add(pid(q.person_id), q.text, q.created_at)  # type: ignore[arg-type,attr-defined]
        rituals = RitualRepository(uow.connection)
        for t in data["rituals"]:
            rituals.add(replace(t, person_id=pid(t.person_id)))  # type: ignore[type-var,attr-defined]
        months = ChatAggregatesRepository(uow.connection)
        for c in data["chat_months"]:
            months.add(replace(c, person_id=pid(c.person_id)))  # type: ignore[type-var,attr-defined]
        uow.commit()


@pytest.fixture
def databases(database_url: str) -> Iterator[tuple[Workspace, Workspace]]:
    """Two databases of the kind `database_url` names; migrated once, wiped per example."""
    with database_workspaces("sqlite" if database_url.startswith("sqlite") else "postgresql") \
            as pair:
        yield pair


@settings(
    max_examples=50, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=records())
def test_export_import_export_is_lossless(
    databases: tuple[Workspace, Workspace], data: dict[str, list[object]]
) -> None:
    original, restored = databases
    wipe(original)
    wipe(restored)
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "first.json", Path(folder) / "second.json"
        store(original, data)
        exported = export_archive(original, first)
        imported = import_archive(restored, first)
        export_archive(restored, second)
        with restored.unit_of_work() as uow:
            back = as_generated(load_archive(uow))
        assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    assert imported.people == exported.people == len(data["people"])
    # every value came back as generated, not only the same file twice
    assert back == data


def as_generated(archive: Archive) -> dict[str, list[object]]:
    """Stored values with ids dropped and person ids turned back into indexes."""
    index = {person.id: number for number, person in enumerate(archive.people)}

    def plain(items: tuple[object, ...], **also: object) -> list[object]:
        return [
            replace(item, person_id=index.get(item.person_id), **also)  # type: ignore[type-var,attr-defined]
            for item in items
        ]

    return {
        "people": [replace(p, id=None) for p in archive.people],
        "moments": plain(archive.moments, id=None),
        "commitments": plain(archive.commitments, id=None),
        "agreements": plain(archive.agreements, id=None),
        "unsaid": plain(archive.unsaid, id=None),
        "reassessments": plain(archive.reassessments, id=None),
        "sessions": plain(archive.sessions, id=None),
        "check_questions": plain(archive.check_questions, id=None),
        "rituals": plain(archive.rituals, id=None, person_name=None),
        "chat_months": plain(archive.chat_months),
    }
