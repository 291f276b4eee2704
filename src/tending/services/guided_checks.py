"""Checking an answer before it is saved: word limits, the follow-up's three parts, a time.

The text rules are the coach's composers; this module turns their verdicts into one sentence
for the person and, for a time such as "19:30", the full date and time it means.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from tending.coach.composers import (
    CompositionCheck,
    check_appreciation,
    check_followup,
    check_story,
    check_tension,
)
from tending.domain.sessions import GuidedSession, Step, StepKind
from tending.exporters.wording import counted

COMPOSERS: dict[str, Callable[[str], CompositionCheck]] = {
    "appreciation": check_appreciation,
    "followup": check_followup,
}
TIME = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*$")


@dataclass(frozen=True)
class Checked:
    """The answer to save (maybe normalised), what is wrong with it, and a note to show."""

    text: str
    problem: str | None = None
    note: str | None = None


def _missing(parts: tuple[str, ...]) -> str:
    return "; ".join(parts)


def check_answer(step: Step, text: str, session: GuidedSession, now: datetime) -> Checked:
    """The verdict on `text` as the answer to `step` (rules: appreciation, followup, ...)."""
    composer = COMPOSERS.get(step.rule or "")
    if composer is not None:
        result = composer(text)
        missing = _with_limit(result, step.max_words)
        note = counted(result.words, "word")
        if not missing:
            return Checked(text, note=note)
        return Checked(text, f"{note}; it needs {_missing(missing)}.", note)
    if step.rule == "tension":
        # The whole script sentence is checked, as it will be said (the step's cue is its template).
        sentence = _fill(step.cue, session.answer("feeling"), text.strip())
        result_t = check_tension(sentence)
        if result_t.ok:
            return Checked(text, note=sentence)
        return Checked(text, f"'{sentence}' still needs {_missing(result_t.missing)}.")
    if step.rule == "time":
        return check_time(text, now, calm_until(session, step))
    return Checked(text)


def calm_until(session: GuidedSession, step: Step) -> datetime | None:
    """When the countdown before `step` is over: it began when the step before it was done
    (or when the session started) and lasts its seconds, whatever speed it was shown at."""
    index = session.steps.index(step)
    timers = [n for n in range(index) if session.steps[n].kind is StepKind.TIMER]
    if not timers:
        return None
    timer = timers[-1]
    began = session.entries[timer - 1].at if 0 < timer <= len(session.entries) else None
    start = began if began is not None else session.started_at
    return start + timedelta(seconds=session.steps[timer].seconds)


def _with_limit(result: CompositionCheck, limit: int | None) -> tuple[str, ...]:
    """The composer's verdict with the step's own word limit (a person may change the number)
    in place of the composer's built-in one, which it reports first when exceeded."""
    missing = list(result.missing)
    if limit is None or result.limit is None or limit == result.limit:
        return tuple(missing)
    if result.words > result.limit and missing:
        missing.pop(0)
    if result.words > limit:
        missing.insert(0, f"fewer words: {result.words} now, {limit} or fewer")
    return tuple(missing)


def story_hint(text: str) -> str | None:
    """A gentle note on a story's one-line summary (never blocks: the story was already told)."""
    if not text.strip():
        return None
    result = check_story(text)
    return None if result.ok else f"Next time the story could also give {_missing(result.missing)}."


def _fill(template: str, feeling: str, behaviour: str) -> str:
    if "{feeling}" in template and "{behaviour}" in template:
        return template.replace("{feeling}", feeling).replace("{behaviour}", behaviour)
    return f"I felt {feeling} when {behaviour}."


def check_time(text: str, now: datetime, earliest: datetime | None = None) -> Checked:
    """'19:30' as the next such time from `now` (today, or tomorrow once it has passed); one
    before `earliest` (the end of a time-out's calm-down) is refused, naming the earliest."""
    match = TIME.match(text)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        return Checked(text, f"'{text.strip()}' is not a time; write it like 19:30.")
    wanted = datetime.combine(now.date(), time(int(match[1]), int(match[2])), now.tzinfo)
    if wanted <= now:
        wanted += timedelta(days=1)
    if earliest is not None and wanted < earliest:
        local = earliest.astimezone(now.tzinfo)
        if local.second or local.microsecond:  # the next whole minute
            local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
        day = "" if local.date() == now.date() else f"{local:%A} "
        return Checked(
            text,
            f"{wanted:%H:%M} is still inside the time-out; the calm-down is over at "
            f"{day}{local:%H:%M}, so come back then or later.",
        )
    return Checked(wanted.isoformat(timespec="minutes"), note=f"{wanted:%A %H:%M}")
