"""build_chat_report through the real importers and the real coach."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tending.coach import analyze
from tending.domain.chat_analysis import ChatOptions
from tending.domain.errors import FormatProblem
from tending.importers import ParseProblem
from tending.services.chat_report import (
    PREPARE_ALL_FROM,
    ChatReportOptions,
    build_chat_report,
    likely_messages,
    problem_line,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "chats"
COUPLE = DATA / "report" / "whatsapp_couple.txt"


def test_counts_from_a_real_export() -> None:
    calls: list[tuple[int, int]] = []
    report = build_chat_report(
        COUPLE, ChatReportOptions(), progress=lambda d, s: calls.append((d, s))
    )
    size = COUPLE.stat().st_size
    assert calls[-1] == (size, size)
    assert report.total.messages == 17 and report.system_messages == 1
    assert (report.total.media, report.total.deleted, report.total.texts) == (2, 1, 14)
    assert [m.month for m in report.months] == ["2024-01", "2024-02"]
    assert {s.sender for s in report.senders} == {"Noor", "Idris"}
    assert report.total.positive + report.total.corrective + report.total.neutral == 14
    assert report.total.bids >= 2 and report.total.corrective >= 3
    assert report.total.disclosures >= 2 and report.total.affection >= 2
    assert report.examples == ()


def test_examples_carry_text_only_when_asked() -> None:
    report = build_chat_report(COUPLE, ChatReportOptions(chat=ChatOptions(examples=True)))
    assert report.examples and all(example.text for example in report.examples)


def test_problems_are_passed_on_and_kept_without_text(tmp_path: Path) -> None:
    lines = COUPLE.read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "broken.txt"
    broken.write_text("\n".join([*lines[:4], "31/02/24, 09:05 - Noor: zizzlewump", *lines[4:]]))
    seen: list[ParseProblem] = []
    report = build_chat_report(broken, ChatReportOptions(on_problem=seen.append))
    assert len(seen) == 1 and len(report.problems) == 1 and "5" in report.problems[0]
    assert report.total.messages == 17
    with pytest.raises(FormatProblem, match="line 5"):
        build_chat_report(broken, ChatReportOptions(strict=True))


@pytest.mark.parametrize("content", [b"", b"hello there\nthis is not a chat\n"])
def test_nothing_readable_is_a_format_problem(tmp_path: Path, content: bytes) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    with pytest.raises(FormatProblem, match="empty.txt"):
        build_chat_report(empty, ChatReportOptions())


def test_coach_readings_do_not_depend_on_the_context() -> None:
    """The report remembers readings by text alone; this holds only while context shapes just
    the coach's suggestions. If the coach starts reading flags from the context, this fails."""
    texts = ["ok", "You never listen to me", "I feel lonely tonight", "Want to take a walk?"]
    contexts = [None, "Are you coming?", "You always do this", "I miss you"]
    for text in texts:
        readings = {
            (analyze(text, c).flags, analyze(text, c).tone, analyze(text, c).depth)
            for c in contexts
        }
        assert len(readings) == 1, text


TEXT = "Thank you for the lovely dinner, love you"


def test_repeated_texts_count_every_time(tmp_path: Path) -> None:
    lines = [
        f"0{day}/03/24, 10:0{i} - {'Ana' if i % 2 else 'Ben'}: {TEXT}"
        for day in range(1, 4)
        for i in range(4)
    ]
    chat = tmp_path / "repeats.txt"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = build_chat_report(chat, ChatReportOptions(date_order="dmy"))
    assert report.total.texts == 12
    assert report.total.appreciations == 12 and report.total.affection == 12


def test_problems_keep_their_first_line_only() -> None:
    problem = ParseProblem('parse error: premature EOF\n  {"text": "zizzlewump" (right here) --^')
    assert problem_line(problem) == "parse error: premature EOF"
    assert problem_line(ParseProblem("bytes that are not UTF-8", 7)) == (
        "line 7: bytes that are not UTF-8"
    )


def test_progress_of_a_zip_counts_the_chat_inside(tmp_path: Path) -> None:
    archive = tmp_path / "WhatsApp Chat with Noor.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as handle:
        handle.write(COUPLE, "WhatsApp Chat with Noor.txt")
    calls: list[tuple[int, int]] = []
    report = build_chat_report(
        archive, ChatReportOptions(), progress=lambda d, s: calls.append((d, s))
    )
    assert calls == [(COUPLE.stat().st_size, COUPLE.stat().st_size)]
    assert report.total.messages == 17


def test_progress_estimate_stays_within_the_file(tmp_path: Path) -> None:
    lines = [
        f"01/03/24, 10:{i % 60:02d} - {'Ana' if i % 2 else 'Ben'}: note {i}" for i in range(4500)
    ]
    chat = tmp_path / "long.txt"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []
    build_chat_report(
        chat, ChatReportOptions(date_order="dmy"), progress=lambda d, s: calls.append((d, s))
    )
    size = chat.stat().st_size
    assert len(calls) == 3 and calls[-1] == (size, size)
    assert 0 < calls[0][0] < calls[1][0] <= size
    assert abs(calls[1][0] - size * 4000 / 4500) < size * 0.1  # the estimate is close


def test_how_many_messages_a_file_likely_holds() -> None:
    assert likely_messages(6_200_000, (1, 22)) == 100_000  # WhatsApp: 40 + 22 bytes each
    assert likely_messages(33_000_000, (2, 250)) == 100_000  # Telegram writes a text twice
    assert likely_messages(0, (1, 22)) == 0


def _unplanned_after_report(prepare_from: int) -> int:
    """Patterns left unplanned after a report, in a fresh process (the coach is per process)."""
    code = (
        "import sys; from pathlib import Path; import tending.services.chat_report as r; "
        f"r.PREPARE_ALL_FROM = {prepare_from}; "
        "r.build_chat_report(Path(sys.argv[1]), r.ChatReportOptions()); "
        "from tending.coach import load_coach; print(load_coach().engine.unplanned())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(COUPLE)], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def test_a_long_history_has_the_coach_prepare_every_pattern_first() -> None:
    assert _unplanned_after_report(prepare_from=1) == 0  # "long": every pattern
    assert _unplanned_after_report(prepare_from=PREPARE_ALL_FROM) > 100  # short
