"""What an export file must hold besides its shape: references that resolve, and nothing that no
command of Tending can store (a NUL character, two people of one name, a bid without its answer,
a ritual that never happens, ...). `read_export` runs these after the schema has parsed the file;
each refusal names the JSON path of the first offending value.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from tending.domain.errors import FormatProblem
from tending.domain.moments import MomentKind
from tending.domain.sessions import SessionStatus
from tending.exporters.archive_schema import ExportFile, MomentEntry


def json_path(location: tuple[int | str, ...]) -> str:
    """A location as a person reads it: `moments[3].note`."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top)"


def describe(error: ValidationError, shown: int = 3) -> str:
    """The schema's first few complaints, each with its JSON path."""
    problems = error.errors(include_url=False)
    parts = [f"{json_path(tuple(p['loc']))}: {p['msg']}" for p in problems[:shown]]
    more = len(problems) - shown
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def check_contents(parsed: ExportFile, source: str) -> None:
    """Every reference points at a person of the file, and nothing is there that no command
    of Tending can store; FormatProblem with the JSON path of the first that is."""
    ids: set[int] = set()
    for index, person in enumerate(parsed.people):
        if person.id in ids:
            raise FormatProblem(f"{source}: people[{index}].id: {person.id} is used twice")
        ids.add(person.id)
    sections: dict[str, tuple[Any, ...]] = {
        "moments": parsed.moments,
        "commitments": parsed.commitments,
        "agreements": parsed.agreements,
        "unsaid": parsed.unsaid,
        "reassessments": parsed.reassessments,
        "sessions": parsed.sessions,
        "check_questions": parsed.check_questions,
        "rituals": parsed.rituals,
        "chat_months": parsed.chat_months,
    }
    for name, entries in sections.items():
        for index, entry in enumerate(entries):
            if entry.person is not None and entry.person not in ids:
                raise FormatProblem(
                    f"{source}: {name}[{index}].person: no person with id {entry.person} "
                    "in this file"
                )
    _check_what_tend_makes(parsed, source)
    _check_sessions(parsed, source)
    _check_rituals(parsed, source)
    _check_unique(source, "rituals", "uid", [(r.uid,) for r in parsed.rituals])
    _check_unique(
        source, "chat_months", "person, source, month and sender",
        [(c.person, c.source, c.month, c.sender) for c in parsed.chat_months],
    )


def refuse_nul(value: Any, source: str, location: tuple[int | str, ...] = ()) -> None:
    """A NUL character anywhere, refused with its path before anything is stored: PostgreSQL
    text cannot hold one, so the same file would restore on SQLite and fail on PostgreSQL."""
    if isinstance(value, str):
        if "\x00" in value:
            raise FormatProblem(
                f"{source}: {json_path(location)}: holds a NUL character (\\u0000), which no "
                "text in Tending can hold"
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_nul(key, source, location)
            refuse_nul(item, source, (*location, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            refuse_nul(item, source, (*location, index))


# The field each kind of moment is logged with (`tend log KIND` asks for it; see Moment).
MOMENT_NEEDS: dict[MomentKind, str] = {
    MomentKind.DISCLOSURE: "discloser",
    MomentKind.BID: "bid_answer",
    MomentKind.CHAT: "minutes",
    MomentKind.INTERACTION: "valence",
    MomentKind.HONEST: "honest_kind",
    MomentKind.STRATEGY: "strategy",
}
# Every field that belongs to one kind (see Moment): a moment holds none of another kind's.
KIND_FIELDS: dict[str, MomentKind] = {
    **{field: kind for kind, field in MOMENT_NEEDS.items()},
    "closing": MomentKind.APPRECIATION,
    "feelings": MomentKind.JOURNAL,
    "needs": MomentKind.JOURNAL,
}
# The kinds `tend log` stores without a person; every other kind is about someone.
WITHOUT_PERSON = frozenset({MomentKind.JOURNAL, MomentKind.HONEST, MomentKind.STRATEGY})


def _check_what_tend_makes(parsed: ExportFile, source: str) -> None:
    """What no command of Tending can store is refused, so that an edited file cannot give the
    app what it never expects: two people of one name (every name would be ambiguous), an empty
    commitment, a moment without the field of its kind (a bid without its answer skews the
    share turned toward), a journal entry that names nothing."""
    seen: dict[str, int] = {}
    for index, person in enumerate(parsed.people):
        name = " ".join(person.name.split()).casefold()
        if not name:
            raise FormatProblem(f"{source}: people[{index}].name: empty")
        if name in seen:
            raise FormatProblem(
                f"{source}: people[{index}].name: '{person.name}' is the name of "
                f"people[{seen[name]}] too; Tending never stores two people of one name"
            )
        seen[name] = index
    for index, item in enumerate(parsed.commitments):
        if not item.text.strip():
            raise FormatProblem(f"{source}: commitments[{index}].text: empty")
    for index, moment in enumerate(parsed.moments):
        _check_moment_fields(moment, f"{source}: moments[{index}]")
        needed = MOMENT_NEEDS.get(moment.kind)
        if needed is not None and getattr(moment, needed) is None:
            raise FormatProblem(
                f"{source}: moments[{index}].{needed}: missing (every {moment.kind} has one)"
            )
        if moment.kind is MomentKind.JOURNAL and not (moment.feelings or moment.needs):
            raise FormatProblem(
                f"{source}: moments[{index}]: a journal entry names at least one feeling or need"
            )


def _check_moment_fields(moment: MomentEntry, where: str) -> None:
    """A moment carries only its own kind's fields, and a person unless its kind goes without."""
    for field, kind in KIND_FIELDS.items():
        if kind is not moment.kind and getattr(moment, field) not in (None, False, ()):
            raise FormatProblem(
                f"{where}.{field}: only moments of kind '{kind}' have one; this one is "
                f"of kind '{moment.kind}'"
            )
    if moment.person is None and moment.kind not in WITHOUT_PERSON:
        raise FormatProblem(f"{where}.person: missing (every {moment.kind} is about someone)")


def _check_sessions(parsed: ExportFile, source: str) -> None:
    for index, session in enumerate(parsed.sessions):
        keys = [step.key for step in session.steps]
        if len(set(keys)) != len(keys):
            raise FormatProblem(f"{source}: sessions[{index}].steps: a step key is used twice")
        if len(session.entries) > len(keys):
            raise FormatProblem(
                f"{source}: sessions[{index}].entries: more answers than the session has steps"
            )
        for number, (entry, key) in enumerate(zip(session.entries, keys, strict=False)):
            if entry.step != key:
                raise FormatProblem(
                    f"{source}: sessions[{index}].entries[{number}].step: '{entry.step}' is not "
                    f"the session's step {number + 1} ('{key}')"
                )
        # A session finishes with the answer to its last step, and only then.
        finished = session.status is SessionStatus.FINISHED
        if finished != (len(session.entries) == len(keys)):
            raise FormatProblem(
                f"{source}: sessions[{index}].entries: {len(session.entries)} answers to "
                f"{len(keys)} steps, but the session is {session.status} (a session is "
                "finished exactly when every step is answered)"
            )


def _check_rituals(parsed: ExportFile, source: str) -> None:
    """A ritual's zone and recurrence as `tend ritual add` checks them: stored without the
    check, a bad one broke `tend ritual list` and `tend calendar export` later."""
    from dateutil.rrule import rrulestr

    for index, ritual in enumerate(parsed.rituals):
        where = f"{source}: rituals[{index}]"
        try:
            zone = ZoneInfo(ritual.tzid)
        except (ZoneInfoNotFoundError, ValueError):
            raise FormatProblem(
                f"{where}.tzid: the time zone '{ritual.tzid}' does not exist"
            ) from None
        start = ritual.starts.replace(tzinfo=zone)
        try:
            rule = rrulestr(ritual.rrule, dtstart=start)
        except (ValueError, TypeError) as error:
            raise FormatProblem(
                f"{where}.rrule: '{ritual.rrule}' is not a valid RRULE ({error})"
            ) from None
        first = rule.after(start, inc=True)
        if first is None:
            raise FormatProblem(
                f"{where}.rrule: '{ritual.rrule}' never happens from {ritual.starts:%Y-%m-%d}"
            )
        if first != start:  # `tend ritual add` starts a ritual on its first occurrence
            raise FormatProblem(
                f"{where}.starts: {ritual.starts:%Y-%m-%d %H:%M} is not a time '{ritual.rrule}' "
                f"gives (its first is {first:%Y-%m-%d %H:%M}); a ritual starts on an occurrence"
            )


def _check_unique(source: str, section: str, what: str, keys: list[tuple[Any, ...]]) -> None:
    seen: set[tuple[Any, ...]] = set()
    for index, key in enumerate(keys):
        if key in seen:
            raise FormatProblem(f"{source}: {section}[{index}]: the same {what} appears twice")
        seen.add(key)
