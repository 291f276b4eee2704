"""Freezing the running counters of a chat history into the `ChatReport` the outputs show."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from tending.domain.chat_analysis import (
    ChatCounts,
    ChatExample,
    ChatReport,
    MonthSummary,
    PairSummary,
    SenderSummary,
)
from tending.metrics.chat_latency import LatencyHistogram
from tending.metrics.chat_tally import PairTally, Tally


def summarize(
    *,
    tallies: Mapping[tuple[str, str], Tally],
    system: Mapping[str, int],
    latency: Mapping[str, LatencyHistogram],
    pairs: Mapping[tuple[str, str], PairTally],
    span: tuple[datetime | None, datetime | None],
    window: timedelta,
    examples: tuple[ChatExample, ...],
) -> ChatReport:
    """The report of the counters: senders by activity, months in order, pairs by activity."""
    frozen = {key: tally.freeze() for key, tally in tallies.items()}
    per_sender: dict[str, ChatCounts] = {}
    for (_, sender), counts in frozen.items():
        per_sender[sender] = per_sender.get(sender, ChatCounts()).plus(counts)
    order = sorted(per_sender, key=lambda name: (-per_sender[name].messages, name))
    total = ChatCounts()
    for counts in per_sender.values():
        total = total.plus(counts)
    senders = tuple(
        SenderSummary(
            sender=name,
            counts=per_sender[name],
            median_reply_seconds=_median(latency.get(name)),
            disclosure_share=(
                per_sender[name].disclosures / total.disclosures if total.disclosures else None
            ),
        )
        for name in order
    )
    return ChatReport(
        first=span[0],
        last=span[1],
        window_seconds=int(window.total_seconds()),
        total=total,
        system_messages=sum(system.values()),
        senders=senders,
        months=_months(frozen, system, order),
        pairs=_pairs(pairs, order),
        examples=examples,
    )


def _months(
    frozen: Mapping[tuple[str, str], ChatCounts], system: Mapping[str, int], order: list[str]
) -> tuple[MonthSummary, ...]:
    months = sorted({month for month, _ in frozen} | set(system))
    rank = {name: index for index, name in enumerate(order)}
    result: list[MonthSummary] = []
    for month in months:
        by_sender = sorted(
            ((sender, counts) for (key, sender), counts in frozen.items() if key == month),
            key=lambda item: rank[item[0]],
        )
        total = ChatCounts()
        for _, counts in by_sender:
            total = total.plus(counts)
        result.append(MonthSummary(month, tuple(by_sender), total, system.get(month, 0)))
    return tuple(result)


def _pairs(pairs: Mapping[tuple[str, str], PairTally], order: list[str]) -> tuple[PairSummary, ...]:
    rank = {name: index for index, name in enumerate(order)}
    keys = sorted(pairs, key=lambda key: (rank.get(key[0], len(rank)), rank.get(key[1], len(rank))))
    return tuple(
        PairSummary(
            initiator=initiator,
            responder=responder,
            replies=pairs[(initiator, responder)].latency.count,
            median_reply_seconds=_median(pairs[(initiator, responder)].latency),
            bids_toward=pairs[(initiator, responder)].bids_toward,
            bids_against=pairs[(initiator, responder)].bids_against,
        )
        for initiator, responder in keys
    )


def _median(histogram: LatencyHistogram | None) -> int | None:
    return histogram.median() if histogram is not None else None
