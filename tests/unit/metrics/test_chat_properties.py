"""Invariants of the chat accumulator on arbitrary histories (hypothesis)."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tending.domain.chat import MessageKind
from tending.domain.chat_analysis import AnalyzedMessage, ChatCounts
from tending.metrics.chat import ChatAccumulator

START = datetime(2023, 12, 30, 22, 0)
FLAGS = ["bid", "blame", "contempt", "defensiveness", "stonewalling", "appreciation", "affection"]

messages = st.lists(
    st.builds(
        lambda minutes, sender, kind, flags, tone, depth: AnalyzedMessage(
            START + timedelta(minutes=minutes), sender, kind, frozenset(flags), tone, depth
        ),
        st.integers(min_value=0, max_value=60 * 24 * 70),
        st.sampled_from(["Ana", "Ben", "Cy", None]),
        st.sampled_from(list(MessageKind)),
        st.sets(st.sampled_from(FLAGS), max_size=3),
        st.sampled_from(["positive", "corrective", "neutral"]),
        st.sampled_from(["experience", "event", "others", "none"]),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(messages)
def test_every_bid_gets_exactly_one_answer_and_the_parts_add_up(
    history: list[AnalyzedMessage],
) -> None:
    accumulator = ChatAccumulator()
    for message in history:
        accumulator.add(message)
    report = accumulator.finish()
    total = report.total
    assert total.bids == total.bids_toward + total.bids_away + total.bids_against
    assert total.disclosures_met <= total.disclosures
    assert total.texts == total.positive + total.corrective + total.neutral
    assert total.messages == total.texts + total.media + total.deleted
    by_month = ChatCounts()
    for month in report.months:
        by_month = by_month.plus(month.total)
    assert by_month == total
    people = sum(1 for m in history if m.sender is not None and m.kind is not MessageKind.SYSTEM)
    assert total.messages == people
    assert report.system_messages == len(history) - people
    assert sum(p.replies for p in report.pairs) == total.replies
    assert sum(p.bids_toward for p in report.pairs) == total.bids_toward
    assert sum(p.bids_against for p in report.pairs) == total.bids_against
