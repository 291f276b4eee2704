"""What is due today: overdue commitments, Connection Checks, the most pressing unsaid thing,
the reassessment, and a prompt for the daily honest statement.

The prompt rotates by date through the catalogue's honest-statement prompts, so the same day
shows the same prompt and consecutive days show different ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tending.catalogue.practices import Catalogue
from tending.domain.commitments import Commitment
from tending.domain.errors import NotFound
from tending.domain.moments import MomentKind
from tending.domain.people import Person
from tending.domain.unsaid import AgedUnsaid, most_pressing_first
from tending.metrics.periods import local_day
from tending.metrics.tracker import ConnectionCheck, ReassessmentDue, connection_check
from tending.metrics.tracker import reassessment_due as reassessment_status
from tending.services.stats import catalogue_for, load_record, targets_for
from tending.services.workspace import Workspace

HONEST_PRACTICE = "daily-honest-statement"


@dataclass(frozen=True)
class OverdueCommitment:
    commitment: Commitment
    person: Person
    days_overdue: int


@dataclass(frozen=True)
class CheckDue:
    person: Person
    check: ConnectionCheck


@dataclass(frozen=True)
class UnsaidToBring:
    """The most pressing unsaid thing, to bring to the next check-in with `person`."""

    unsaid: AgedUnsaid
    person: Person


@dataclass(frozen=True)
class HonestPrompt:
    kind: str  # worry, regret or appreciation: the prompt set it came from
    text: str


@dataclass(frozen=True)
class TodayView:
    day: date
    overdue: tuple[OverdueCommitment, ...]
    checks_due: tuple[CheckDue, ...]
    unsaid: UnsaidToBring | None
    honest_prompt: HonestPrompt | None
    reassessment: ReassessmentDue
    people: int = 0  # how many people (not archived) there are to be close to
    honest_done: bool = False  # an honest statement was already noted today


def honest_prompt(catalogue: Catalogue, day: date) -> HonestPrompt | None:
    """The honest-statement prompt for `day`, rotating through every set by date."""
    try:
        prompts = catalogue.get(HONEST_PRACTICE).prompts
    except NotFound:  # a catalogue without the practice simply offers no prompt
        return None
    if not prompts:
        return None
    chosen = prompts[day.toordinal() % len(prompts)]
    return HonestPrompt(chosen.set, chosen.text)


def today_view(workspace: Workspace) -> TodayView:
    """Everything due today, for the people not archived."""
    now = workspace.now()
    day = local_day(now, now.tzinfo)
    targets = targets_for(workspace.home)
    with workspace.unit_of_work() as uow:
        record = load_record(uow)
        open_unsaid = uow.unsaid.list()
    people = {person.id: person for person in record.people}
    active = [person for person in record.people if not person.archived]
    overdue = tuple(
        OverdueCommitment(item, people[item.person_id], (day - item.due).days)
        for item in sorted(record.commitments, key=lambda c: (c.due, c.id or 0))
        if item.is_overdue(day) and not people[item.person_id].archived
    )
    checks = (CheckDue(p, connection_check(p, record.moments, now, targets)) for p in active)
    pressing = [
        entry
        for entry in most_pressing_first(open_unsaid, now)
        if not people[entry.item.person_id].archived
    ]
    return TodayView(
        day=day,
        overdue=overdue,
        checks_due=tuple(check for check in checks if check.check.due),
        unsaid=UnsaidToBring(pressing[0], people[pressing[0].item.person_id]) if pressing else None,
        honest_prompt=honest_prompt(catalogue_for(workspace.home), day),
        reassessment=reassessment_status(record.reassessments, None, now, targets),
        people=len(active),
        honest_done=any(
            m.kind is MomentKind.HONEST and local_day(m.at, now.tzinfo) == day
            for m in record.moments
        ),
    )
