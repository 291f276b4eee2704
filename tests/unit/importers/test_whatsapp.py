"""WhatsApp specifics: the zip, the date order, strict mode, caps on size, invalid bytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tending.domain.chat import MessageKind
from tending.domain.errors import FormatProblem
from tending.importers import open_chat
from tending.importers.lines import MAX_LINE_BYTES
from tending.importers.whatsapp import MAX_MESSAGE_CHARS
from tests.unit.importers.conftest import CHATS, read_all, read_all_with_peak


def _zip(tmp_path: Path, members: dict[str, bytes]) -> Path:
    path = tmp_path / "WhatsApp Chat with Mira.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_yields_the_same_messages_as_its_text(tmp_path: Path) -> None:
    text = (CHATS / "whatsapp_android_dmy_24h.txt").read_bytes()
    archive = _zip(tmp_path, {"IMG-0001.jpg": b"\xff\xd8", "WhatsApp Chat with Mira.txt": text})
    from_zip, _ = read_all(archive)
    from_text, _ = read_all(CHATS / "whatsapp_android_dmy_24h.txt")
    assert from_zip == from_text and len(from_zip) == 11


def test_ios_zip_holds_underscore_chat(tmp_path: Path) -> None:
    text = (CHATS / "whatsapp_ios_bracket_12h.txt").read_bytes()
    messages, _ = read_all(_zip(tmp_path, {"_chat.txt": text}))
    assert [m.sender for m in messages][:2] == [None, "Ode"]


def test_zip_without_a_chat_is_refused(tmp_path: Path) -> None:
    archive = _zip(tmp_path, {"IMG-0001.jpg": b"\xff\xd8", "notes.pdf": b"%PDF"})
    with pytest.raises(FormatProblem, match="no WhatsApp chat inside"):
        read_all(archive)
    with pytest.raises(FormatProblem, match="no WhatsApp chat inside"):
        read_all(archive, format="whatsapp")


def test_undecidable_order_is_reported_and_can_be_named() -> None:
    path = CHATS / "whatsapp_ambiguous_order.txt"
    messages, problems = read_all(path)
    assert [str(p) for p in problems] == [
        "date order cannot be told from the file (no day above 12); "
        "assumed dmy (the usual order; the dates fit both); use --date-order dmy|mdy|ymd"
    ]
    assert messages[0].time.month == 4
    messages, problems = read_all(path, date_order="mdy")
    assert problems == [] and messages[0].time.month == 3


@pytest.mark.parametrize(
    ("dates", "order", "why"),
    [
        (["01/02/21", "01/03/21", "02/01/21"], "mdy", "only when read month first"),
        (["02/01/21", "03/01/21", "01/02/21"], "dmy", "only when read day first"),
    ],
)
def test_undecidable_order_follows_the_reading_where_dates_run_forward(
    tmp_path: Path, dates: list[str], order: str, why: str
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text("".join(f"{d}, 10:00 - Ada: hello\n" for d in dates), encoding="utf-8")
    messages, problems = read_all(chat)
    assert [str(p) for p in problems] == [
        f"date order cannot be told from the file (no day above 12); assumed {order} "
        f"(the dates run in order {why}); use --date-order dmy|mdy|ymd"
    ]
    assert [m.time for m in messages] == sorted(m.time for m in messages)


def test_order_is_settled_by_a_late_day_above_twelve(tmp_path: Path) -> None:
    lines = [f"0{d}/01/20, 10:00 - Ada: day {d}" for d in range(1, 10)] + [
        "01/25/20, 10:00 - Ada: the twenty-fifth"
    ]
    chat = tmp_path / "chat.txt"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    messages, problems = read_all(chat)
    assert problems == []
    assert [m.time.day for m in messages] == [1] * 9 + [25]
    assert messages[1].time.month == 2  # 02/01 read month first


def test_broken_line_is_reported_and_the_rest_read() -> None:
    messages, problems = read_all(CHATS / "whatsapp_broken_lines.txt")
    assert [p.line for p in problems] == [1, 3]
    assert [m.sender for m in messages] == ["Pat", "Lou"]
    assert messages[1].line == 5


def test_strict_stops_at_the_first_problem() -> None:
    seen = []
    with pytest.raises(FormatProblem, match="whatsapp_broken_lines.txt: line 1: text before") as e:
        seen.extend(open_chat(CHATS / "whatsapp_broken_lines.txt", strict=True))
    assert seen == []
    assert str(e.value).endswith("; reading stopped (--strict)")
    with pytest.raises(FormatProblem, match="date order cannot be told"):
        list(open_chat(CHATS / "whatsapp_ambiguous_order.txt", strict=True))


def test_invalid_utf8_is_replaced_and_reported_once_per_line(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_bytes(b"13/06/18, 14:05 - Ada: caf\xe9 \xff\n13/06/18, 14:06 - Ben: fine\n")
    messages, problems = read_all(chat)
    assert messages[0].text == "caf\ufffd \ufffd" and messages[1].text == "fine"
    assert [(p.line, "UTF-8" in p.message) for p in problems] == [(1, True)]
    with pytest.raises(FormatProblem, match="line 1: bytes that are not UTF-8"):
        read_all(chat, strict=True)


def test_a_200_mb_line_is_cut_and_reported_in_bounded_memory(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    block = b"z" * (1 << 20)
    with chat.open("wb") as handle:
        handle.write(b"13/06/18, 14:05 - Ada: ")
        for _ in range(200):
            handle.write(block)
        handle.write(b"\n13/06/18, 14:06 - Ben: after the long one\n")
    try:
        messages, problems, peak = read_all_with_peak(chat)
    finally:
        chat.unlink()
    assert len(messages[0].text) < MAX_LINE_BYTES
    assert messages[1].text == "after the long one"
    assert [str(p) for p in problems] == [
        f"line 1: line is {200 * len(block) + 24:,} bytes long; kept the first {MAX_LINE_BYTES:,}"
    ]
    assert peak < 8 * MAX_LINE_BYTES, f"peak {peak:,} bytes"


def test_a_message_of_many_lines_is_capped(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    line = "y" * 1000 + "\n"
    with chat.open("w", encoding="utf-8") as handle:
        handle.write("13/06/18, 14:05 - Ada: start\n")
        handle.write(line * (MAX_MESSAGE_CHARS // 1000 + 50))
        handle.write("13/06/18, 14:06 - Ben: next\n")
    messages, problems = read_all(chat)
    assert len(messages) == 2 and len(messages[0].text) <= MAX_MESSAGE_CHARS
    assert [p.line for p in problems] == [1] and "kept the start" in problems[0].message


def test_kinds_of_the_android_fixture() -> None:
    messages, _ = read_all(CHATS / "whatsapp_android_dmy_24h.txt")
    kinds = [m.kind for m in messages]
    assert kinds.count(MessageKind.SYSTEM) == 5
    assert kinds.count(MessageKind.DELETED) == 2
    assert [m.text for m in messages if m.edited] == ["See you at ten, not nine"]
    assert "\n\n" in messages[4].text  # the blank line inside stays


def test_damaged_zip_is_a_format_problem(tmp_path: Path) -> None:
    text = (CHATS / "whatsapp_android_dmy_24h.txt").read_bytes() * 50
    path = tmp_path / "chat.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", text)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 40] = bytes(40)
    path.write_bytes(bytes(data))
    with pytest.raises(FormatProblem, match="chat.zip could not be read"):
        read_all(path)


@pytest.mark.parametrize(
    "name", ["Chat de WhatsApp con Ana.txt", "Discussion WhatsApp avec Ana.txt", "whatsapp.TXT"]
)
def test_zip_prefers_the_chat_over_an_attached_text_file(tmp_path: Path, name: str) -> None:
    # an attached document "lista.txt" was taken for the chat when the chat's name is not English
    text = (CHATS / "whatsapp_android_dmy_24h.txt").read_bytes()
    archive = _zip(tmp_path, {"lista.txt": b"Shopping list\n- oats\n", name: text})
    messages, problems = read_all(archive)
    assert len(messages) == 11 and problems == []
