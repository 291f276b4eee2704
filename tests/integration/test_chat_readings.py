"""The memory of coach readings behind the chat report: what it keeps, for how long, its counts."""

from __future__ import annotations

from pathlib import Path

from tending.services.chat_readings import Reading, ReadingMemory
from tending.services.chat_report import ChatReportOptions, build_chat_report

COUPLE = Path(__file__).resolve().parents[1] / "data" / "chats" / "report" / "whatsapp_couple.txt"


class CountingCoach:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []

    def __call__(self, text: str, context: str | None) -> Reading:
        self.calls.append((text, context))
        return frozenset({"bid"} if "?" in text else set()), "neutral", "none"


def test_short_texts_are_read_once_long_ones_every_time() -> None:
    coach = CountingCoach()
    memory = ReadingMemory(coach, limit=100, longest=10)
    long_text = "a text longer than ten characters?"
    for _ in range(3):
        assert memory.reading("ok?", "before") == (frozenset({"bid"}), "neutral", "none")
        assert memory.reading(long_text, None)[0] == frozenset({"bid"})
    assert coach.calls == [("ok?", "before"), *[(long_text, None)] * 3]
    stats = memory.stats
    assert (stats.hits, stats.misses, stats.long, stats.texts) == (2, 1, 3, 6)
    assert stats.hit_rate == 2 / 6


def test_texts_with_the_same_reading_share_one_reading() -> None:
    memory = ReadingMemory(lambda text, context: (frozenset({"bid"}), "neutral", "none"))
    assert memory.reading("ok?", None) is memory.reading("sure?", None)


def test_memory_is_bounded_and_keeps_what_comes_back() -> None:
    coach = CountingCoach()
    memory = ReadingMemory(coach, limit=4)
    for number in range(1000):
        memory.reading("ok", None)  # frequent: must never be read again
        memory.reading(f"note {number}", None)
        assert len(memory.recent) < 4 and len(memory.older) <= 4
    assert [text for text, _ in coach.calls].count("ok") == 1
    assert memory.stats.hits == 999 and memory.stats.misses == 1001


def test_a_report_counts_its_hits() -> None:
    memory = ReadingMemory(lambda text, context: (frozenset(), "neutral", "none"))
    report = build_chat_report(COUPLE, ChatReportOptions(), memory=memory)
    assert memory.stats.texts == report.total.texts == 14
    assert memory.stats.hit_rate is not None
