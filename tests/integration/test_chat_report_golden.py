"""The report of a generated chat, number for number, against a recorded answer.

Speed work on the importer, the reading loop and the accumulator must not change one number, so
this test builds a 4,000-message group chat (three people, months, media, deleted, system lines,
multi-line texts, repeated short texts, replies after long gaps, times out of file order) and
compares `ChatReport.as_dict()` with `tests/data/chats/report/golden_report.json`, recorded
before that work. The coach is replaced by a fixed keyword reader, so changes to the coach's own
rules (another part's work) do not move these numbers; the real coach is covered by the other
report tests.

Re-record (only when the report's meaning changes on purpose):
    TENDING_RECORD_GOLDEN=1 .venv/bin/python -m pytest tests/integration/test_chat_report_golden.py
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tending.domain.chat_analysis import ChatOptions
from tending.services import chat_report
from tending.services.chat_report import ChatReportOptions, build_chat_report

EXPECTED = Path(__file__).resolve().parents[1] / "data/chats/report/golden_report.json"
PEOPLE = ("Ana", "Ben", "Cleo")
PHRASES = (
    "ok", "Ok", "ok!", "haha", "😂", "love you", "Love you ❤️", "on my way", "night",
    "Are you coming tonight?", "What do you think?", "Thank you so much for dinner",
    "Thanks, love you", "You never listen to me", "You always forget the keys",
    "How pathetic", "It is not my fault", "whatever", "You must call mum", "I feel lonely today",
    "I feel so happy about the trip", "Work was long today", "The train was late today",
    "Can we talk later?", "Miss you", "sure", "yes", "no", "👍", "fine",
)  # fmt: skip
FLAG_WORDS = {
    "?": "bid",
    "thank": "appreciation",
    "love": "affection",
    "miss": "affection",
    "never": "blame",
    "always": "blame",
    "pathetic": "contempt",
    "not my fault": "defensiveness",
    "whatever": "stonewalling",
    "must": "demand",
}
CORRECTIVE = {"blame", "contempt", "defensiveness", "stonewalling", "demand"}
POSITIVE = {"appreciation", "affection"}


@dataclass(frozen=True)
class Reading:
    flags: tuple[str, ...]
    tone: str
    depth: str
    context_matters: bool = False


def keyword_reader(text: str, context: str | None = None) -> Reading:
    """A stand-in for the coach whose reading depends on the text alone, like the coach's."""
    low = text.lower()
    flags = {flag for word, flag in FLAG_WORDS.items() if word in low}
    tone = "corrective" if flags & CORRECTIVE else "positive" if flags & POSITIVE else "neutral"
    depth = "experience" if "feel" in low else "event" if "today" in low else "none"
    return Reading(tuple(sorted(flags)), tone, depth)


def write_chat(path: Path, count: int = 4000, seed: int = 7) -> None:
    """An iOS-style export (`[DD/MM/YYYY, HH:MM:SS] Name: text`) with every kind of message."""
    rng = random.Random(seed)
    moment = datetime(2023, 11, 20, 8, 0, 0)
    lines = [f"[{moment:%d/%m/%Y, %H:%M:%S}] Ana: Messages are end-to-end encrypted."]
    sender = PEOPLE[0]
    for number in range(count):
        roll = rng.random()
        if roll < 0.01:
            moment += timedelta(days=rng.randint(1, 3), minutes=rng.randint(0, 600))
        elif roll < 0.015:
            moment -= timedelta(minutes=rng.randint(1, 30))  # file order is not time order
        else:
            moment += timedelta(seconds=int(rng.expovariate(1 / 1500)))
        if rng.random() < 0.5:
            sender = rng.choice([p for p in PEOPLE if p != sender])
        stamp = f"[{moment:%d/%m/%Y, %H:%M:%S}] "
        kind = rng.random()
        if kind < 0.005:
            lines.append(f"{stamp}{sender} changed the group description")
            continue
        if kind < 0.05:
            body = "<Media omitted>"
        elif kind < 0.06:
            body = "This message was deleted"
        elif kind < 0.1:
            body = f"{rng.choice(PHRASES)}\nand note {number}\n\n{rng.choice(PHRASES)}"
        elif kind < 0.3:
            body = f"{rng.choice(PHRASES)} {number}"
        else:
            body = rng.choice(PHRASES)
        lines.append(f"{stamp}{sender}: {body}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


OPTIONS = {
    "default": ChatReportOptions(date_order="dmy"),
    "narrow_window_examples": ChatReportOptions(
        date_order="dmy",
        chat=ChatOptions(
            window=timedelta(minutes=20),
            reply_gap=timedelta(hours=2),
            examples=True,
            examples_per_pattern=2,
        ),
    ),
}


def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setattr(chat_report, "read", keyword_reader)
    chat = tmp_path / "golden.txt"
    write_chat(chat)
    return {
        name: json.loads(json.dumps(build_chat_report(chat, options).as_dict()))
        for name, options in OPTIONS.items()
    }


def test_report_numbers_match_the_recorded_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    got = reports(tmp_path, monkeypatch)
    if os.environ.get("TENDING_RECORD_GOLDEN"):
        EXPECTED.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", "utf-8")
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert got["default"]["total"]["messages"] > 3900  # the chat was read whole
    assert got["default"]["total"]["bids_against"] > 0 and len(got["default"]["pairs"]) == 6
    for name in OPTIONS:
        assert got[name] == expected[name], name
