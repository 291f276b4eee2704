"""Logging moments: each kind of moment of the practice, with its own checks.

Every function takes the person's name (or '#ID'), an optional time (default: now) and an optional
note, stores one Moment and returns it. A closing appreciation over the catalogue's word limit is
refused with the count and the limit; a time in the future is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from tending.domain.errors import InvalidInput
from tending.domain.moments import (
    BidAnswer,
    Discloser,
    HonestKind,
    Moment,
    MomentKind,
    SurvivalStrategy,
    Valence,
    count_words,
)
from tending.services.defaults import limits_for, load_vocabulary
from tending.services.people import resolve_person
from tending.services.workspace import Workspace

MAX_CHAT_MINUTES = 24 * 60
FUTURE_TOLERANCE = timedelta(minutes=5)  # clocks of two devices may differ a little


@dataclass(frozen=True)
class JournalEntry:
    """A stored journal moment and, for each word outside the vocabulary, nearby words."""

    moment: Moment
    unknown_feelings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unknown_needs: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _when(workspace: Workspace, at: datetime | None) -> datetime:
    now = workspace.now()
    if at is None:
        return now
    if at.tzinfo is None:
        at = at.replace(tzinfo=now.tzinfo)
    if at > now + FUTURE_TOLERANCE:
        raise InvalidInput(f"the time {at.isoformat(timespec='minutes')} is in the future")
    return at


def _note(note: str | None) -> str | None:
    if note is None:
        return None
    stripped = note.strip()
    return stripped or None


def _store(workspace: Workspace, moment: Moment, person: str | None) -> Moment:
    """Resolve the person, then store the moment, in one unit of work."""
    with workspace.unit_of_work() as uow:
        person_id = None
        if person is not None:
            person_id = resolve_person(uow, person).id
        stored = uow.moments.add(
            replace(
                moment,
                person_id=person_id,
                at=_when(workspace, moment.at),
                note=_note(moment.note),
            )
        )
        uow.commit()
    return stored


def _now_placeholder(at: datetime | None, workspace: Workspace) -> datetime:
    return at if at is not None else workspace.now()


def log_disclosure(
    workspace: Workspace,
    person: str,
    discloser: Discloser,
    at: datetime | None = None,
    note: str | None = None,
) -> Moment:
    """Someone opened up: me, them, or both of us (both counts as a mutual disclosure)."""
    moment = Moment(MomentKind.DISCLOSURE, _now_placeholder(at, workspace), note=note)
    return _store(workspace, replace(moment, discloser=discloser), person)


def log_appreciation(
    workspace: Workspace,
    person: str,
    text: str,
    closing: bool = False,
    at: datetime | None = None,
) -> Moment:
    """An appreciation said out loud; a closing one must fit the catalogue's word limit."""
    if not text.strip():
        raise InvalidInput("an appreciation needs its words (it was empty)")
    if closing:
        limit = limits_for(workspace.home).closing_appreciation_words
        words = count_words(text)
        if words > limit:
            raise InvalidInput(
                f"a closing appreciation has at most {limit} words; this one has {words}"
            )
    moment = Moment(MomentKind.APPRECIATION, _now_placeholder(at, workspace), note=text)
    return _store(workspace, replace(moment, closing=closing), person)


def log_bid(
    workspace: Workspace,
    person: str,
    answer: BidAnswer,
    at: datetime | None = None,
    note: str | None = None,
) -> Moment:
    """A bid for connection and how it was answered: toward, away or against."""
    moment = Moment(MomentKind.BID, _now_placeholder(at, workspace), note=note)
    return _store(workspace, replace(moment, bid_answer=answer), person)


def log_chat(
    workspace: Workspace,
    person: str,
    minutes: int,
    at: datetime | None = None,
    note: str | None = None,
) -> Moment:
    """A meaningful chat and how many minutes it lasted."""
    if not 1 <= minutes <= MAX_CHAT_MINUTES:
        raise InvalidInput(f"a chat lasts 1 to {MAX_CHAT_MINUTES} minutes, not {minutes}")
    moment = Moment(MomentKind.CHAT, _now_placeholder(at, workspace), note=note)
    return _store(workspace, replace(moment, minutes=minutes), person)


def log_interaction(
    workspace: Workspace,
    person: str,
    valence: Valence,
    at: datetime | None = None,
    note: str | None = None,
) -> Moment:
    """One entry of the five-to-one ledger: a positive or a corrective interaction."""
    moment = Moment(MomentKind.INTERACTION, _now_placeholder(at, workspace), note=note)
    return _store(workspace, replace(moment, valence=valence), person)


def log_honest(
    workspace: Workspace,
    kind: HonestKind,
    text: str | None = None,
    person: str | None = None,
    at: datetime | None = None,
) -> Moment:
    """The daily honest statement: a worry, a small regret or an appreciation; private to its
    author, as when it is written in the guided prompt (`tend honest`)."""
    moment = Moment(MomentKind.HONEST, _now_placeholder(at, workspace), note=text, private=True)
    return _store(workspace, replace(moment, honest_kind=kind), person)


def log_strategy(
    workspace: Workspace,
    strategy: SurvivalStrategy,
    person: str | None = None,
    at: datetime | None = None,
    note: str | None = None,
) -> Moment:
    """A survival strategy noticed in oneself (private to its author)."""
    moment = Moment(MomentKind.STRATEGY, _now_placeholder(at, workspace), note=note)
    return _store(workspace, replace(moment, strategy=strategy, private=True), person)


def _words(raw: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for word in raw:
        cleaned = " ".join(word.strip().lower().split())
        if cleaned:
            seen.setdefault(cleaned, None)
    return tuple(seen)


def log_journal(
    workspace: Workspace,
    feelings: Iterable[str],
    needs: Iterable[str],
    person: str | None = None,
    at: datetime | None = None,
    note: str | None = None,
) -> JournalEntry:
    """A private journal entry naming feelings and needs; words outside the vocabulary are kept,
    and come back with nearby words from the vocabulary to choose from next time."""
    named_feelings, named_needs = _words(feelings), _words(needs)
    if not named_feelings and not named_needs:
        raise InvalidInput("a journal entry names at least one feeling or need")
    moment = Moment(MomentKind.JOURNAL, _now_placeholder(at, workspace), note=note, private=True)
    stored = _store(workspace, replace(moment, feelings=named_feelings, needs=named_needs), person)
    vocabulary = load_vocabulary()
    return JournalEntry(
        stored,
        unknown_feelings={
            word: tuple(vocabulary.suggest_feelings(word, limit=5))
            for word in named_feelings
            if not vocabulary.is_feeling(word)
        },
        unknown_needs={
            word: tuple(vocabulary.suggest_needs(word, limit=5))
            for word in named_needs
            if not vocabulary.is_need(word)
        },
    )


def list_moments(
    workspace: Workspace,
    person: str | None = None,
    kinds: Iterable[MomentKind] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[Moment]:
    """Moments oldest first, filtered by person, kinds and time window."""
    with workspace.unit_of_work(read_only=True) as uow:
        person_id = None if person is None else resolve_person(uow, person, True).id
        return uow.moments.list(person_id=person_id, kinds=kinds, since=since, until=until)


def delete_moment(workspace: Workspace, moment_id: int) -> Moment:
    """Remove a moment logged by mistake; returns what was removed."""
    with workspace.unit_of_work() as uow:
        moment = uow.moments.get(moment_id)
        uow.moments.delete(moment_id)
        uow.commit()
    return moment
