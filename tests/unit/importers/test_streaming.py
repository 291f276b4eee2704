"""Volume: a generated export of 50,000 messages is read whole, in bounded memory."""

from __future__ import annotations

import random
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

from tending.domain.chat import ChatMessage, MessageKind
from tending.importers import open_chat
from tests.unit.importers.whatsapp_render import render

COUNT = 50_000


def _write_export(path: Path, count: int) -> None:
    rng = random.Random(5)
    time = datetime(2020, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8") as handle:
        for index in range(count):
            time += timedelta(minutes=rng.randint(1, 90))
            sender = rng.choice(["Ada", "Ben"])
            text = f"message {index}" + ("\nsecond line\n\nfourth" if index % 7 == 0 else "")
            if index % 11 == 0:
                text = "<Media omitted>"
            handle.write(render(ChatMessage(time, sender, text), "android_dmy"))


def test_fifty_thousand_messages_stream_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    _write_export(path, COUNT)
    count = media = 0
    last: ChatMessage | None = None
    tracemalloc.start()
    try:
        for message in open_chat(path):
            count += 1
            media += message.kind is MessageKind.MEDIA
            last = message
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == COUNT and media == len(range(0, COUNT, 11))
    assert last is not None and last.text == f"message {COUNT - 1}"
    # the file is several MB; reading it must hold only a message or two at a time
    assert path.stat().st_size > 1_500_000
    assert peak < 1_000_000, f"peak {peak:,} bytes"
