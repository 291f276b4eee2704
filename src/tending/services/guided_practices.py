"""Starting each guided practice: resolve the person, build the steps, store the session."""

from __future__ import annotations

from dataclasses import replace

from tending.domain.errors import InvalidInput
from tending.domain.sessions import GuidedSession, SessionKind, SessionStateError, Step
from tending.services.guided import begin
from tending.services.guided_steps import (
    DAY,
    HONEST_KINDS,
    catalogue_for,
    check_numbers,
    check_questions,
    check_steps,
    gratitude_steps,
    honest_steps,
    state_of_us_steps,
    tension_steps,
    timeout_minutes,
    timeout_steps,
    vulnerability_steps,
)
from tending.services.people import resolve_person
from tending.services.today import honest_prompt
from tending.services.workspace import Workspace
from tending.storage.session_repository import QuestionRepository, SessionRepository

MAX_TIMEOUT_MINUTES = 240


def _person(workspace: Workspace, name: str | None) -> tuple[int | None, str]:
    if name is None:
        return None, "them"
    with workspace.unit_of_work() as uow:
        person = resolve_person(uow, name)
    assert person.id is not None
    return person.id, person.name


def _with_due(steps: tuple[Step, ...], key: str, days: float) -> tuple[Step, ...]:
    # A commitment step keeps its "due in" as seconds, fixed when the session starts.
    return tuple(replace(step, seconds=days * DAY) if step.key == key else step for step in steps)


def start_check(workspace: Workspace, name: str) -> GuidedSession:
    """A new Connection Check with `name`: their own questions first, then the defaults."""
    person_id, shown = _person(workspace, name)
    assert person_id is not None
    with workspace.unit_of_work() as uow:
        own = [text for _, text in QuestionRepository(uow.connection).list(person_id)]
        unfinished = SessionRepository(uow.connection).latest_open(SessionKind.CHECK, person_id)
    if unfinished is not None:
        raise SessionStateError(
            f"a Connection Check with {shown} (session {unfinished.id}) is still open at step "
            f"{unfinished.position + 1} of {len(unfinished.steps)}; continue it with "
            f"`tend check resume {unfinished.id}` or close it with `tend check abandon "
            f"{unfinished.id}`"
        )
    catalogue = catalogue_for(workspace.home)
    steps = check_steps(catalogue, check_questions(catalogue, own), shown)
    return begin(workspace, SessionKind.CHECK, steps, person_id)


def start_tension(workspace: Workspace, name: str) -> GuidedSession:
    """The tension script with `name`; its next step is due like a micro-commitment."""
    person_id, shown = _person(workspace, name)
    catalogue = catalogue_for(workspace.home)
    steps = _with_due(
        tension_steps(catalogue, shown), "next_step", check_numbers(catalogue).due_days
    )
    return begin(workspace, SessionKind.TENSION, steps, person_id)


def default_timeout_minutes(workspace: Workspace) -> float:
    """The time-out length of the catalogue (after overrides)."""
    return timeout_minutes(catalogue_for(workspace.home))


def start_timeout(workspace: Workspace, minutes: float, name: str | None) -> GuidedSession:
    """A conflict time-out of `minutes`, with someone or alone."""
    if not 0 < minutes <= MAX_TIMEOUT_MINUTES:
        raise InvalidInput(
            f"a time-out lasts between 1 and {MAX_TIMEOUT_MINUTES} minutes (got {minutes:g})"
        )
    person_id, _ = _person(workspace, name)
    steps = timeout_steps(catalogue_for(workspace.home), minutes)
    return begin(workspace, SessionKind.TIMEOUT, steps, person_id)


def start_vulnerability(workspace: Workspace, name: str | None) -> GuidedSession:
    """The timed vulnerability exercise, with someone or not named."""
    person_id, _ = _person(workspace, name)
    steps = vulnerability_steps(catalogue_for(workspace.home))
    return begin(workspace, SessionKind.VULNERABILITY, steps, person_id)


def start_gratitude(workspace: Workspace, name: str | None) -> GuidedSession:
    """Tonight's gratitude prompt."""
    person_id, _ = _person(workspace, name)
    day = workspace.today().toordinal()
    steps = gratitude_steps(catalogue_for(workspace.home), day)
    return begin(workspace, SessionKind.GRATITUDE, steps, person_id)


def start_honest(workspace: Workspace, kind: str | None, name: str | None) -> GuidedSession:
    """Today's honest statement of `kind` (worry, regret or appreciation); with no kind, the
    very prompt `tend today` offers for today."""
    catalogue = catalogue_for(workspace.home)
    prompt: str | None = None
    if kind is None:
        offered = honest_prompt(catalogue, workspace.today())
        kind, prompt = (offered.kind, offered.text) if offered else (HONEST_KINDS[0], None)
    if kind not in HONEST_KINDS:
        known = ", ".join(HONEST_KINDS)
        raise InvalidInput(f"an honest statement is one of {known} (got '{kind}')")
    person_id, _ = _person(workspace, name)
    (step,) = honest_steps(catalogue, kind, workspace.today().toordinal())
    step = replace(step, key=kind, prompt=prompt or step.prompt)
    return begin(workspace, SessionKind.HONEST, (step,), person_id)


def start_state_of_us(workspace: Workspace, name: str) -> GuidedSession:
    """The monthly state of the relationship with `name`."""
    person_id, shown = _person(workspace, name)
    steps = state_of_us_steps(catalogue_for(workspace.home), shown)
    return begin(workspace, SessionKind.STATE_OF_US, steps, person_id)
