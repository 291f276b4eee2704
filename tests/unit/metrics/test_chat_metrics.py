"""Exact numbers from small hand-made histories (AnalyzedMessage built directly, no coach)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tending.domain.chat import MessageKind
from tending.domain.chat_analysis import AnalyzedMessage, ChatOptions, ChatReport
from tending.domain.errors import InvalidInput
from tending.metrics.chat import ChatAccumulator, bid_answer, window_of

START = datetime(2024, 3, 1, 9, 0)


def msg(
    minutes: float,
    sender: str | None,
    *flags: str,
    tone: str = "neutral",
    depth: str = "none",
    kind: MessageKind = MessageKind.TEXT,
    text: str | None = None,
) -> AnalyzedMessage:
    return AnalyzedMessage(
        START + timedelta(minutes=minutes), sender, kind, frozenset(flags), tone, depth, text
    )


def report_of(*messages: AnalyzedMessage, options: ChatOptions | None = None) -> ChatReport:
    accumulator = ChatAccumulator(options)
    for message in messages:
        accumulator.add(message)
    return accumulator.finish()


def sender(report: ChatReport, name: str):  # type: ignore[no-untyped-def]
    return next(item for item in report.senders if item.sender == name)


def test_tone_counts_and_ratio_per_sender_and_total() -> None:
    report = report_of(
        msg(0, "Ana", "appreciation", tone="positive"),
        msg(1, "Ben", "affection", tone="positive"),
        msg(2, "Ana", "blame", tone="corrective"),
        msg(3, "Ana", "affection", tone="positive"),
        msg(4, "Ana"),
    )
    ana = sender(report, "Ana").counts
    assert (ana.messages, ana.positive, ana.corrective, ana.neutral) == (4, 2, 1, 1)
    assert ana.ratio == 2.0
    assert sender(report, "Ben").counts.ratio is None  # nothing corrective
    assert report.total.positive == 3 and report.total.ratio == 3.0
    assert (report.total.appreciations, report.total.affection, report.total.criticism) == (1, 2, 1)
    assert [item.sender for item in report.senders] == ["Ana", "Ben"]


def test_bid_turned_toward_against_and_away() -> None:
    report = report_of(
        msg(0, "Ana", "bid"),
        msg(10, "Ben", "curiosity", tone="positive"),  # toward
        msg(60, "Ana", "bid"),
        msg(61, "Ben", "contempt", tone="corrective"),  # against
        msg(120, "Ana", "bid"),
        msg(121, "Ben", "stonewalling", tone="corrective"),  # only stonewalling: away
        msg(300, "Ana", "bid"),
        msg(300 + 181, "Ben"),  # 3 h 1 min later: outside the window, away
        msg(600, "Ana", "bid"),  # never answered: away at the end
    )
    ana = sender(report, "Ana").counts
    assert (ana.bids, ana.bids_toward, ana.bids_against, ana.bids_away) == (5, 1, 1, 3)
    assert ana.turning_toward_rate == pytest.approx(0.2)
    pair = next(p for p in report.pairs if (p.initiator, p.responder) == ("Ana", "Ben"))
    assert (pair.bids_toward, pair.bids_against) == (1, 1)


def test_a_bid_is_answered_only_by_another_person_and_media_engages() -> None:
    report = report_of(
        msg(0, "Ana", "bid"),
        msg(1, "Ana", "bid"),  # her own follow-up answers nothing
        msg(2, "Ben", kind=MessageKind.MEDIA),  # a photo back: toward, answers both
        msg(3, "Ben", "bid"),
        msg(4, "Ana", kind=MessageKind.DELETED),  # deleted: not an answer
        msg(5, "Ana", "defensiveness", tone="corrective"),
    )
    assert sender(report, "Ana").counts.bids_toward == 2
    ben = sender(report, "Ben").counts
    assert (ben.bids, ben.bids_against, ben.media) == (1, 1, 1)
    assert sender(report, "Ana").counts.deleted == 1


def test_window_is_configurable() -> None:
    messages = (msg(0, "Ana", "bid"), msg(30, "Ben"))
    assert report_of(*messages).total.bids_toward == 1
    narrow = report_of(*messages, options=ChatOptions(window=timedelta(minutes=20)))
    assert (narrow.total.bids_toward, narrow.total.bids_away) == (0, 1)
    assert narrow.window_seconds == 1200


def test_disclosures_share_and_reciprocity() -> None:
    report = report_of(
        msg(0, "Ana", depth="experience"),
        msg(5, "Ben", depth="experience"),  # meets Ana's
        msg(10, "Ana", depth="experience"),  # meets Ben's
        msg(20, "Ana", depth="experience"),
        msg(30, "Ben", depth="event"),  # not a disclosure: Ana's two wait on
        msg(500, "Ben", depth="experience"),  # too late for them
    )
    ana, ben = sender(report, "Ana"), sender(report, "Ben")
    assert (ana.counts.disclosures, ana.counts.disclosures_met) == (3, 1)
    assert (ben.counts.disclosures, ben.counts.disclosures_met) == (2, 1)
    assert ana.disclosure_share == pytest.approx(0.6)
    assert ben.disclosure_share == pytest.approx(0.4)


def test_corrosive_patterns_per_month() -> None:
    report = report_of(
        msg(0, "Ana", "blame", "absolute", tone="corrective"),
        msg(1, "Ben", "defensiveness", tone="corrective"),
        msg(60 * 24 * 31, "Ana", "contempt", tone="corrective"),  # April
        msg(60 * 24 * 31 + 1, "Ben", "stonewalling", tone="corrective"),
    )
    march, april = report.months
    assert (march.month, april.month) == ("2024-03", "2024-04")
    assert (march.total.criticism, march.total.defensiveness, march.total.corrosive) == (1, 1, 2)
    assert (april.total.contempt, april.total.stonewalling, april.total.criticism) == (1, 1, 0)
    assert dict(april.by_sender)["Ben"].stonewalling == 1


def test_reply_latency_median_and_pairs_in_a_group() -> None:
    report = report_of(
        msg(0, "Ana"),
        msg(2, "Ben"),  # Ben answers Ana after 120 s
        msg(3, "Ben"),  # same sender: not a reply
        msg(13, "Cy"),  # Cy answers Ben after 600 s
        msg(14, "Ana"),  # Ana answers Cy after 60 s
        msg(20, "Ben"),  # Ben answers Ana after 360 s
        msg(21, "Ben", kind=MessageKind.DELETED),
        msg(22, "Ben"),
        msg(60 * 30, "Cy"),  # 29.6 h later: a new conversation, no latency
    )
    ben = sender(report, "Ben")
    assert ben.counts.replies == 2 and ben.median_reply_seconds == 120
    assert sender(report, "Cy").median_reply_seconds == 600
    assert sender(report, "Cy").counts.replies == 1
    pairs = {(p.initiator, p.responder): p for p in report.pairs}
    assert pairs[("Ana", "Ben")].replies == 2
    assert pairs[("Ana", "Ben")].median_reply_seconds == 120
    assert pairs[("Cy", "Ana")].median_reply_seconds == 60
    assert ("Ben", "Cy") in pairs and ("Cy", "Ben") not in pairs


def test_system_media_and_deleted_count_as_activity_only() -> None:
    report = report_of(
        msg(0, None, kind=MessageKind.SYSTEM),
        msg(1, "Ana", kind=MessageKind.MEDIA),
        msg(2, "Ana", kind=MessageKind.DELETED),
        msg(3, "Ben", "blame", tone="corrective"),
    )
    assert report.system_messages == 1 and report.months[0].system == 1
    ana = sender(report, "Ana").counts
    assert (ana.messages, ana.media, ana.deleted, ana.texts, ana.neutral) == (2, 1, 1, 0, 0)
    assert report.first == START and report.last == START + timedelta(minutes=3)


def test_examples_only_when_asked() -> None:
    messages = (
        msg(0, "Ana", "bid", text="walk later?"),
        msg(1, "Ben", "appreciation", tone="positive", text="thanks for dinner"),
        msg(2, "Ben", "appreciation", tone="positive", text="and the tea"),
    )
    assert report_of(*messages).examples == ()
    asked = report_of(*messages, options=ChatOptions(examples=True, examples_per_pattern=1))
    assert {(e.pattern, e.text) for e in asked.examples} == {
        ("bid", "walk later?"),
        ("appreciation", "thanks for dinner"),
    }


def test_empty_history() -> None:
    report = report_of()
    assert report.senders == () and report.months == () and report.first is None
    assert report.as_dict()["total"]["ratio"] is None


def test_bid_answer_rule() -> None:
    assert bid_answer(msg(0, "B", "validation", tone="positive")) == "toward"
    assert bid_answer(msg(0, "B", "minimizing", tone="corrective")) == "against"
    assert bid_answer(msg(0, "B", "stonewalling", tone="corrective")) == "away"
    assert bid_answer(msg(0, "B", "stonewalling", "blame", tone="corrective")) == "against"


@pytest.mark.parametrize(
    ("text", "seconds"), [("3h", 10800), ("90m", 5400), ("45s", 45), ("1d", 86400), ("2", 7200)]
)
def test_window_of(text: str, seconds: int) -> None:
    assert window_of(text).total_seconds() == seconds


@pytest.mark.parametrize("text", ["soon", "0h", "-1h", ""])
def test_window_of_rejects(text: str) -> None:
    with pytest.raises(InvalidInput, match="window"):
        window_of(text)
