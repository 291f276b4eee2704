"""The chat report page: well-formed, self-contained, charts as SVG, text only with examples."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from html.parser import HTMLParser

from tending.domain.chat import MessageKind
from tending.domain.chat_analysis import AnalyzedMessage, ChatOptions, ChatReport
from tending.exporters.chat_html import render_chat_html
from tending.exporters.chat_svg import Series, stacked_bars
from tending.metrics.chat import ChatAccumulator

VOID = {"meta", "br", "img", "input", "link", "hr", "col", "source", "wbr", "area", "base"}
START = datetime(2023, 11, 20, 8, 0)


class BalanceChecker(HTMLParser):
    """Fails on a closing tag that does not match the open one (void elements aside)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def history(examples: bool) -> ChatReport:
    accumulator = ChatAccumulator(ChatOptions(examples=examples))
    day = timedelta(days=1)
    for i in range(90):
        time = START + i * day
        accumulator.add(
            AnalyzedMessage(
                time,
                "Ana <&>",
                MessageKind.TEXT,
                frozenset({"bid"}),
                text=f"zebrafinch {i}" if examples else None,
            )
        )
        accumulator.add(
            AnalyzedMessage(
                time + timedelta(minutes=5),
                "Ben",
                MessageKind.TEXT,
                frozenset({"blame"} if i % 7 == 0 else {"appreciation"}),
                "corrective" if i % 7 == 0 else "positive",
                "experience",
                text="quokka" if examples else None,
            )
        )
        accumulator.add(AnalyzedMessage(time + timedelta(minutes=6), "Ben", MessageKind.MEDIA))
    accumulator.add(AnalyzedMessage(START, None, MessageKind.SYSTEM))
    return accumulator.finish()


def test_page_is_well_formed_and_self_contained() -> None:
    page = render_chat_html(history(examples=False))
    checker = BalanceChecker()
    checker.feed(page)
    checker.close()
    assert checker.stack == ["html"] or checker.stack == []
    assert '<meta name="viewport"' in page
    assert "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert "https://" not in page
    assert checker.tags.count("svg") == 5


def test_every_chart_is_well_formed_svg() -> None:
    page = render_chat_html(history(examples=False))
    charts = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(charts) == 5
    for chart in charts:
        root = ET.fromstring(chart)
        assert root.tag.endswith("svg") and root.get("viewBox")
    assert "polyline" in page and "<rect" in page


def test_names_are_escaped_and_numbers_shown() -> None:
    page = render_chat_html(history(examples=False))
    assert "Ana &lt;&amp;&gt;" in page and "Ana <&>" not in page
    assert "2023-11-20" in page and "2024-02-17" in page
    assert "no message text is in it" in page


def test_no_text_without_examples_and_quotes_with_them() -> None:
    plain = render_chat_html(history(examples=False))
    assert "zebrafinch" not in plain and "quokka" not in plain
    quoted = render_chat_html(history(examples=True))
    assert "zebrafinch 0" in quoted and "quokka" in quoted and "<blockquote>" in quoted


def test_empty_history_renders() -> None:
    page = render_chat_html(ChatAccumulator().finish())
    assert "holds no messages" in page and "<svg" not in page


def test_a_big_group_keeps_charts_readable() -> None:
    accumulator = ChatAccumulator()
    names = [f"Person number {i}" for i in range(12)]
    for i in range(240):
        accumulator.add(
            AnalyzedMessage(START + timedelta(hours=i * 7), names[i % 12], MessageKind.TEXT)
        )
    page = render_chat_html(accumulator.finish())
    assert "and 6 more" in page and "everyone else" in page
    for chart in re.findall(r"<svg.*?</svg>", page, flags=re.S):
        root = ET.fromstring(chart)
        height = float((root.get("viewBox") or "").split()[3])
        ys = [float(el.get("y") or 0) for el in root.iter() if el.get("y")]
        assert max(ys) < height  # the wrapped legend stays inside the picture


def test_count_axes_have_whole_ticks() -> None:
    chart = stacked_bars("Messages", ["2024-01", "2024-02"], [Series("Ana", (3.0, 1234567.0))])
    ticks = [el.text for el in ET.fromstring(chart).iter() if el.get("text-anchor") == "end"]
    assert ticks == ["0", "1,000,000", "2,000,000"]
    small = stacked_bars("Disclosures", ["2024-01"], [Series("Ana", (1.0,))])
    ticks = [el.text for el in ET.fromstring(small).iter() if el.get("text-anchor") == "end"]
    assert ticks == ["0", "1", "2"]
