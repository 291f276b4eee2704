"""The chat report use case: read an export, let the coach read each text, count, store months.

    report = build_chat_report(Path("chat.zip"), ChatReportOptions(), progress=bar.update)
    stored = store_chat_months(workspace, "Sam", Path("chat.zip"), report)

Reading streams: one message at a time through the importer, the coach and the accumulator,
so memory does not grow with the file. Message text is handed to the accumulator only when the
person asked for examples; what is stored for a person is the monthly counts, never text.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from tending.coach import prepare_all, read
from tending.domain.chat import ChatMessage, MessageKind
from tending.domain.chat_analysis import ChatOptions, ChatReport
from tending.domain.errors import FormatProblem
from tending.importers import ParseProblem, detect_format, open_chat
from tending.importers.sources import chat_member
from tending.metrics.chat import ChatAccumulator
from tending.services.chat_readings import Reading, ReadingMemory
from tending.services.people import resolve_person
from tending.services.workspace import Workspace
from tending.storage.chat_repository import ChatAggregatesRepository

ProgressCallback = Callable[[int, int], None]  # (bytes read so far, file size), both estimates
# ChatAccumulator.count: the fields of an AnalyzedMessage as arguments (time, sender, kind, and
# for a text its flags, tone, depth and, with examples, the text)
Counter = Callable[..., None]
PROGRESS_EVERY = 2000  # messages between two progress calls
# From about this many messages on, the coach prepares every pattern before the first one
# (`tending.coach.prepare_all`): cheaper than preparing each as it earns it (break-even ~50,000)
PREPARE_ALL_FROM = 100_000
TYPICAL_TEXT = 40  # characters: to guess how many messages a file of a given size holds
# Per format: how many times a message's text is written, and the bytes around it (measured on
# the test fixtures: Telegram repeats the text in its entities and wraps it in ~250 bytes of JSON).
BYTES_PER_MESSAGE: dict[str, tuple[int, int]] = {
    "whatsapp": (1, 22),
    "telegram": (2, 250),
    "csv": (1, 30),
    "jsonl": (1, 60),
}


@dataclass(frozen=True)
class ChatReportOptions:
    """How to read the export (format, date order, strictness) and how to count (`chat`)."""

    format: str | None = None
    date_order: str | None = None
    strict: bool = False
    chat: ChatOptions = field(default_factory=ChatOptions)
    on_problem: Callable[[ParseProblem], None] | None = None


def problem_line(problem: ParseProblem) -> str:
    """The first line of a problem: where and what. Later lines can quote the file (a JSON
    parser shows the text around the error), and a report never holds message text."""
    return str(problem).split("\n", 1)[0].rstrip()


def count_readings(
    messages: Iterable[ChatMessage],
    count: Counter,
    keep_text: bool,
    memory: ReadingMemory | None = None,
) -> None:
    """Hand each message to `count` with what the coach read in it (text messages only, with
    the previous text as context): the fields of an `AnalyzedMessage`, in order, as arguments.

    `count` is `ChatAccumulator.count`; no `AnalyzedMessage` is made (this runs once per message).
    Readings of short texts come from `memory` when the same text was read before (see
    `tending.services.chat_readings`); a new memory is used when none is given.
    """
    reading_of = (memory or ReadingMemory(coach_reading)).reading
    context: str | None = None
    text_kind = MessageKind.TEXT
    for message in messages:
        time, sender, text, kind = message[0], message[1], message[2], message[3]
        if kind is not text_kind:
            count(time, sender, kind)
            continue
        flags, tone, depth = reading_of(text, context)
        context = text
        count(time, sender, text_kind, flags, tone, depth, text if keep_text else None)


def coach_reading(text: str, context: str | None) -> tuple[Reading, bool]:
    """What the report needs of the coach: flags, tone and depth (`tending.coach.read`, which
    gives exactly `analyze`'s three values without locating evidence or writing suggestions),
    and whether they hold whatever the message answered (so may be remembered by text)."""
    found = read(text, context)
    return (frozenset(found.flags), found.tone, found.depth), not found.context_matters


def build_chat_report(
    path: Path,
    options: ChatReportOptions,
    progress: ProgressCallback | None = None,
    memory: ReadingMemory | None = None,
) -> ChatReport:
    """The report of the export at `path`; FormatProblem when no message could be read.

    `memory` holds the coach's readings of short texts (a new one when not given); pass one to
    see its hit rate afterwards (`memory.stats`).
    """
    problems: list[str] = []
    cut_short = False

    def note(problem: ParseProblem) -> None:
        nonlocal cut_short
        cut_short = cut_short or problem.ends_reading
        problems.append(problem_line(problem))
        if options.on_problem is not None:
            options.on_problem(problem)

    messages = open_chat(
        path,
        format=options.format,
        date_order=options.date_order,
        strict=options.strict,
        on_problem=note,
    )
    shape = BYTES_PER_MESSAGE.get(options.format or detect_format(path), (1, 22))
    size = readable_size(path)
    if likely_messages(size, shape) >= PREPARE_ALL_FROM:
        prepare_all()
    if progress is not None:
        messages = _reporting(messages, size, shape, progress)
    accumulator = ChatAccumulator(options.chat)
    count_readings(messages, accumulator.count, options.chat.examples, memory)
    report = accumulator.finish()
    if not report.months:
        raise FormatProblem(f"{path.name}: no messages could be read")
    return replace(report, problems=tuple(problems), cut_short=cut_short)


def store_chat_months(workspace: Workspace, person: str, path: Path, report: ChatReport) -> int:
    """Store the report's monthly counts for `person` in one transaction; rows written.

    Storing the same file again for the same person replaces its months. The source is the file
    name only, never its folder. An export that breaks off is refused (FormatProblem): its
    counts would be stored as if they were whole.
    """
    if report.cut_short:
        raise FormatProblem(
            f"{path.name}: the export breaks off part-way, so its counts are incomplete; "
            f"nothing was stored for {person} (export the chat again, or leave out --person "
            "to see the report of what could be read)"
        )
    with workspace.unit_of_work() as uow:
        someone = resolve_person(uow, person)
        assert someone.id is not None  # stored people always have an id
        written = ChatAggregatesRepository(uow.connection).replace(
            someone.id, path.name, report.months, workspace.now()
        )
        uow.commit()
    return written


def likely_messages(size: int, shape: tuple[int, int]) -> int:
    """About how many messages a file of `size` bytes holds, in a format of `shape` (how often
    a text is written, and the bytes around it; see BYTES_PER_MESSAGE)."""
    times, overhead = shape
    return size // (times * TYPICAL_TEXT + overhead)


def readable_size(path: Path) -> int:
    """The bytes the importer will read: the file, or the chat inside a WhatsApp zip."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            member = chat_member(archive)
            if member is not None:
                return archive.getinfo(member).file_size
    return path.stat().st_size


def _reporting(
    messages: Iterator[ChatMessage],
    size: int,
    shape: tuple[int, int],
    progress: ProgressCallback,
) -> Iterator[ChatMessage]:
    """Pass the messages on and call `progress` now and then with an estimate of bytes read.

    The importers do not expose their position in the file, so bytes are estimated from the
    text and sender lengths and the format's usual overhead (`shape`: how often the text is
    written, and the bytes around it); the last call always reports the whole file.
    """
    times, overhead = shape
    done = 0
    for count, message in enumerate(messages, 1):
        done += times * len(message.text) + len(message.sender or "") + overhead
        if count % PROGRESS_EVERY == 0:
            progress(min(done, size), size)
        yield message
    progress(size, size)
