"""The memory of coach readings behind the chat report: what it keeps, for how long, its counts."""

from __future__ import annotations

from pathlib import Path

from tending.services.chat_readings import Reading, ReadingMemory
from tending.services.chat_report import ChatReportOptions, build_chat_report

COUPLE = Path(__file__).resolve().parents[1] / "data" / "chats" / "report" / "whatsapp_couple.txt"


class CountingCoach:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []

    def __call__(self, text: str, context: str | None) -> tuple[Reading, bool]:
        self.calls.append((text, context))
        return (frozenset({"bid"} if "?" in text else set()), "neutral", "none"), True


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
    memory = ReadingMemory(lambda text, context: ((frozenset({"bid"}), "neutral", "none"), True))
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
    memory = ReadingMemory(lambda text, context: ((frozenset(), "neutral", "none"), True))
    report = build_chat_report(COUPLE, ChatReportOptions(), memory=memory)
    assert memory.stats.texts == report.total.texts == 14
    assert memory.stats.hit_rate is not None


def test_readings_the_context_can_change_are_not_remembered() -> None:
    calls: list[str] = []

    def coach(text: str, context: str | None) -> tuple[Reading, bool]:
        calls.append(text)
        return (frozenset(), "neutral", "none"), text != "whatever"

    memory = ReadingMemory(coach)
    for _ in range(3):
        memory.reading("whatever", "How was your day?")
        memory.reading("ok", "How was your day?")
    assert calls == ["whatever", "ok", "whatever", "whatever"]
    assert (memory.stats.hits, memory.stats.misses) == (2, 4)


def test_the_report_reads_replies_with_their_context() -> None:
    """A text whose reading the message answered can change is read again each time."""
    from tending.coach import read
    from tending.services.chat_report import coach_reading

    text, context = "whatever, not my problem", "I had an awful day, my boss yelled at me"
    reading, holds = coach_reading(text, context)
    found = read(text, context)
    assert reading == (frozenset(found.flags), found.tone, found.depth)
    assert holds is not found.context_matters
