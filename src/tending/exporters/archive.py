"""The export file: everything Tending stores as one versioned, checksummed JSON document.

`write_export` turns domain values into the file's text; `read_export` turns a file's text back
into domain values, refusing anything that is not exactly a file this version wrote: a foreign
or newer format, broken JSON (with line and column), a value out of place (with its JSON path)
or a file changed after it was written (the checksum). The format is described in
docs/EXPORT_FORMAT.md. People get the file's own ids 1, 2, 3... in the order given; the
domain values read back carry those file ids, and the importing service maps them to new ones.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from tending.domain.agreements import Agreement, AgreementVersion
from tending.domain.chat_analysis import ChatCounts, ChatMonthlyAggregate
from tending.domain.commitments import Commitment
from tending.domain.errors import FormatProblem
from tending.domain.moments import Moment
from tending.domain.people import Person
from tending.domain.reassessment import Reassessment
from tending.domain.rituals import Ritual
from tending.domain.sessions import (
    CheckQuestion,
    Entry,
    GuidedSession,
    SessionKind,
    SessionStatus,
    Step,
)
from tending.domain.unsaid import Unsaid
from tending.exporters.archive_checks import check_contents, describe, refuse_nul
from tending.exporters.archive_schema import (
    ADDED_IN,
    COUNT_NAMES,
    FORMAT_NAME,
    FORMAT_VERSION,
    AgreementEntry,
    AgreementVersionEntry,
    ChatMonthEntry,
    CommitmentEntry,
    ExportFile,
    MomentEntry,
    PersonEntry,
    QuestionEntry,
    ReassessmentEntry,
    RitualEntry,
    SessionAnswer,
    SessionEntry,
    StepEntry,
    UnsaidEntry,
)


@dataclass(frozen=True)
class Archive:
    """Everything an export holds, as domain values."""

    people: tuple[Person, ...] = ()
    moments: tuple[Moment, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    unsaid: tuple[Unsaid, ...] = ()
    reassessments: tuple[Reassessment, ...] = ()
    sessions: tuple[GuidedSession, ...] = ()
    check_questions: tuple[CheckQuestion, ...] = ()
    rituals: tuple[Ritual, ...] = ()
    chat_months: tuple[ChatMonthlyAggregate, ...] = ()

    def shareable(self) -> Archive:
        """What a shareable export holds: no unsaid things, no private moments, no guided
        sessions (what was typed in them is one's own, like a journal), and not the commitment
        of a Connection Check or tension script agreed private (typed in that conversation)."""
        hidden = self._private_check_commitments()
        return Archive(
            people=self.people,
            moments=tuple(m for m in self.moments if not m.private),
            commitments=tuple(
                c for c in self.commitments if (c.person_id, c.created_at, c.text) not in hidden
            ),
            agreements=self.agreements,
            reassessments=self.reassessments,
            check_questions=self.check_questions,
            rituals=self.rituals,
            chat_months=self.chat_months,
        )

    def _private_check_commitments(self) -> set[tuple[int | None, datetime | None, str]]:
        """(person, time, text) of each commitment a finished private check or tension script
        logged: it writes its commitment at its end, for its person, with the text of its step."""
        steps = {SessionKind.CHECK: "commitment", SessionKind.TENSION: "next_step"}
        return {
            (s.person_id, s.ended_at, s.answer(steps[s.kind]))
            for s in self.sessions
            if s.kind in steps and s.status is SessionStatus.FINISHED
            and s.answer("private") == "yes"
        }


def checksum(document: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON of everything but the checksum itself."""
    payload = {key: value for key, value in document.items() if key != "checksum"}
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _dump(model: BaseModel, compact: bool = False) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_defaults=compact)


def write_export(archive: Archive, exported_at: datetime, shareable: bool = False) -> str:
    """The export file's text. `shareable` leaves out unsaid things, private moments and guided
    sessions (see `Archive.shareable`)."""
    if shareable:
        archive = archive.shareable()
    file_ids = {person.id: number for number, person in enumerate(archive.people, start=1)}

    def ref(person_id: int | None) -> int | None:
        if person_id is None:
            return None
        if person_id not in file_ids:
            raise ValueError(f"person {person_id} is referenced but not exported")
        return file_ids[person_id]

    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": exported_at.isoformat(),
        "shareable": shareable,
        "people": [_dump(_person_entry(p, file_ids[p.id])) for p in archive.people],
        "moments": [
            _dump(_moment_entry(m, ref(m.person_id)), compact=True) for m in archive.moments
        ],
        "commitments": [_dump(_commitment_entry(c, ref(c.person_id))) for c in archive.commitments],
        "agreements": [_dump(_agreement_entry(a, ref(a.person_id))) for a in archive.agreements],
        "unsaid": [_dump(_unsaid_entry(u, ref(u.person_id))) for u in archive.unsaid],
        "reassessments": [
            _dump(_reassessment_entry(r, ref(r.person_id))) for r in archive.reassessments
        ],
        "sessions": [_dump(_session_entry(g, ref(g.person_id))) for g in archive.sessions],
        "check_questions": [
            _dump(_question_entry(q, ref(q.person_id))) for q in archive.check_questions
        ],
        "rituals": [_dump(_ritual_entry(r, ref(r.person_id))) for r in archive.rituals],
        "chat_months": [
            _dump(_chat_month_entry(c, ref(c.person_id))) for c in archive.chat_months
        ],
    }
    document["checksum"] = checksum(document)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _person_entry(person: Person, file_id: int) -> PersonEntry:
    return PersonEntry(
        id=file_id, name=person.name, tie=person.tie, created_at=person.created_at,
        checks_per_month=person.checks_per_month, last_surprised=person.last_surprised,
        archived=person.archived,
    )


def _moment_entry(moment: Moment, person: int | None) -> MomentEntry:
    return MomentEntry(
        kind=moment.kind, at=moment.at, person=person, note=moment.note,
        discloser=moment.discloser, closing=moment.closing, bid_answer=moment.bid_answer,
        minutes=moment.minutes, valence=moment.valence, feelings=moment.feelings,
        needs=moment.needs, honest_kind=moment.honest_kind, strategy=moment.strategy,
        private=moment.private,
    )


def _commitment_entry(item: Commitment, person: int | None) -> CommitmentEntry:
    assert person is not None
    return CommitmentEntry(
        person=person, text=item.text, created_at=item.created_at, due=item.due,
        done_at=item.done_at,
    )


def _agreement_entry(item: Agreement, person: int | None) -> AgreementEntry:
    assert person is not None
    versions = tuple(
        AgreementVersionEntry(text=v.text, room=v.room, review_on=v.review_on, made_at=v.made_at)
        for v in item.versions
    )
    return AgreementEntry(
        person=person, kind=item.kind, retired_at=item.retired_at, versions=versions
    )


def _unsaid_entry(item: Unsaid, person: int | None) -> UnsaidEntry:
    assert person is not None
    return UnsaidEntry(
        person=person, text=item.text, weight=item.weight, created_at=item.created_at,
        said_at=item.said_at, how_it_went=item.how_it_went,
    )


def _reassessment_entry(item: Reassessment, person: int | None) -> ReassessmentEntry:
    return ReassessmentEntry(at=item.at, person=person, note=item.note, scores=item.scores)


def _session_entry(item: GuidedSession, person: int | None) -> SessionEntry:
    return SessionEntry(
        kind=item.kind, person=person, status=item.status, started_at=item.started_at,
        paused_at=item.paused_at, paused_seconds=item.paused_seconds,
        step_progress=item.step_progress, ended_at=item.ended_at,
        steps=tuple(StepEntry(**asdict(step)) for step in item.steps),
        entries=tuple(
            SessionAnswer(step=e.step_key, text=e.text, at=e.at, passed=e.passed)
            for e in item.entries
        ),
    )


def _question_entry(item: CheckQuestion, person: int | None) -> QuestionEntry:
    assert person is not None
    return QuestionEntry(person=person, text=item.text, created_at=item.created_at)


def _ritual_entry(item: Ritual, person: int | None) -> RitualEntry:
    return RitualEntry(
        uid=item.uid, kind=item.kind, person=person, starts=item.starts, tzid=item.tzid,
        rrule=item.rrule, minutes=item.minutes, alarm_minutes=item.alarm_minutes,
        created_at=item.created_at,
    )


def _chat_month_entry(item: ChatMonthlyAggregate, person: int | None) -> ChatMonthEntry:
    assert person is not None
    return ChatMonthEntry(
        person=person, source=item.source, month=item.month, sender=item.sender,
        stored_at=item.stored_at.astimezone(UTC),
        counts={name: getattr(item.counts, name) for name in COUNT_NAMES},
    )


def read_export(text: str, source: str) -> Archive:
    """The domain values in an export file's `text`; `source` names the file in messages.

    People come back with their file ids, and every reference points at those.
    """
    document = _parse_json(text, source)
    _check_header(document, source)
    refuse_nul(document, source)
    try:
        parsed = ExportFile.model_validate(document)
    except ValidationError as error:
        raise FormatProblem(f"{source}: {describe(error)}") from None
    if checksum(document) != parsed.checksum:
        raise FormatProblem(
            f"{source}: the file was changed after it was exported (its checksum does not "
            "match its content); nothing was imported. Export again from the original."
        )
    check_contents(parsed, source)
    return _archive(parsed)


def _parse_json(text: str, source: str) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatProblem(
            f"{source}: not valid JSON at line {error.lineno}, column {error.colno} "
            f"({error.msg}); the file may be cut short or edited"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise FormatProblem(
            f'{source}: not a Tending export (it lacks "format": "{FORMAT_NAME}" at the top)'
        )
    return document


def _check_header(document: Mapping[str, Any], source: str) -> None:
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FormatProblem(f"{source}: version: {version!r} is not a format version")
    if version > FORMAT_VERSION:
        raise FormatProblem(
            f"{source}: made by a newer Tending (version {version}); "
            f"this one reads up to {FORMAT_VERSION}"
        )
    for key, added in ADDED_IN.items():
        if key in document and version < added:
            raise FormatProblem(
                f"{source}: {key}: not part of version {version} (it came with version {added})"
            )
    # Every export writes all the sections of its version: one missing was cut out or lost,
    # and reading it as empty would restore less than was exported, without a word.
    for key in ("shareable", *(f.name for f in fields(Archive))):
        if key not in document and version >= ADDED_IN.get(key, 1):
            raise FormatProblem(
                f"{source}: {key}: missing (every version {version} export has it); "
                "the file may be cut short or edited"
            )


def _archive(parsed: ExportFile) -> Archive:
    return Archive(
        people=tuple(
            Person(p.name, p.tie, p.created_at, p.checks_per_month, p.last_surprised,
                   p.archived, id=p.id)
            for p in parsed.people
        ),
        moments=tuple(
            Moment(m.kind, m.at, m.person, m.note, m.discloser, m.closing, m.bid_answer,
                   m.minutes, m.valence, m.feelings, m.needs, m.honest_kind, m.strategy,
                   m.private)
            for m in parsed.moments
        ),
        commitments=tuple(
            Commitment(c.person, c.text, c.created_at, c.due, c.done_at)
            for c in parsed.commitments
        ),
        agreements=tuple(
            Agreement(
                a.person, a.kind,
                tuple(AgreementVersion(v.text, v.room, v.review_on, v.made_at)
                      for v in a.versions),
                a.retired_at,
            )
            for a in parsed.agreements
        ),
        unsaid=tuple(
            Unsaid(u.person, u.text, u.weight, u.created_at, u.said_at, u.how_it_went)
            for u in parsed.unsaid
        ),
        reassessments=tuple(
            Reassessment(r.at, dict(r.scores), r.person, r.note) for r in parsed.reassessments
        ),
        sessions=tuple(_session(g) for g in parsed.sessions),
        check_questions=tuple(
            CheckQuestion(q.person, q.text, q.created_at) for q in parsed.check_questions
        ),
        rituals=tuple(
            Ritual(kind=r.kind, starts=r.starts, tzid=r.tzid, rrule=r.rrule, uid=r.uid,
                   created_at=r.created_at, person_id=r.person, minutes=r.minutes,
                   alarm_minutes=r.alarm_minutes)
            for r in parsed.rituals
        ),
        chat_months=tuple(
            ChatMonthlyAggregate(c.person, c.source, c.month, c.sender,
                                 ChatCounts(**c.counts), c.stored_at)
            for c in parsed.chat_months
        ),
    )


def _session(entry: SessionEntry) -> GuidedSession:
    return GuidedSession(
        kind=entry.kind,
        steps=tuple(Step(**step.model_dump()) for step in entry.steps),
        started_at=entry.started_at,
        person_id=entry.person,
        entries=tuple(Entry(e.step, e.text, e.at, e.passed) for e in entry.entries),
        status=entry.status,
        paused_at=entry.paused_at,
        paused_seconds=entry.paused_seconds,
        step_progress=entry.step_progress,
        ended_at=entry.ended_at,
    )
