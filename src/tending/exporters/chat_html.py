"""The chat report as one self-contained HTML page: numbers, tables and inline SVG charts.

No script, no stylesheet or font from elsewhere, nothing fetched: the file can be opened offline
or sent to one's own phone. Message text appears only when the report carries examples (the
person asked for them); names of senders are escaped like every other value.
"""

from __future__ import annotations

from html import escape
from importlib import resources
from string import Template

from tending.domain.chat_analysis import ChatCounts, ChatReport, MonthSummary
from tending.exporters.chat_svg import Series, line_chart, stacked_bars
from tending.exporters.wording import counted, duration, percent

RATIO_CAP = 10.0  # higher monthly ratios are drawn at the cap, so the 5:1 line stays visible
MAX_SERIES = 6  # the most active people get a line each; a chart with more is unreadable
PATTERN_NAMES = {
    "criticism": "Criticism",
    "contempt": "Contempt",
    "defensiveness": "Defensiveness",
    "stonewalling": "Stonewalling",
}


def render_chat_html(report: ChatReport, *, title: str = "How this chat talks") -> str:
    """The whole page for `report` (a string of well-formed HTML5 with inline SVG)."""
    template = Template(
        resources.files("tending.exporters")
        .joinpath("templates/chat_report.html")
        .read_text(encoding="utf-8")
    )
    sections = [
        f"<h1>{escape(title)}</h1>",
        _lead(report),
        _cards(report),
        _senders_table(report),
        _charts(report),
        _pairs_table(report),
        _examples(report),
        _privacy_note(report),
    ]
    return template.substitute(title=escape(title), body="\n".join(s for s in sections if s))


def _lead(report: ChatReport) -> str:
    if report.first is None or report.last is None:
        return '<p class="lead">This history holds no messages.</p>'
    names = ", ".join(escape(item.sender) for item in report.senders[:MAX_SERIES])
    if len(report.senders) > MAX_SERIES:
        names += f" and {len(report.senders) - MAX_SERIES} more"
    return (
        f'<p class="lead">{counted(report.total.messages, "message")} from {names}, '
        f"{report.first.date().isoformat()} to {report.last.date().isoformat()} "
        f"({counted(len(report.months), 'month')}).</p>"
    )


def _cards(report: ChatReport) -> str:
    total = report.total
    ratio = "no corrective messages" if total.ratio is None else f"{total.ratio:.1f} : 1"
    cards = [
        ("Positive to corrective", ratio, f"aim: {report.target_ratio:g} : 1 or more"),
        ("Bids turned toward", percent(total.turning_toward_rate), counted(total.bids, "bid")),
        (
            "Disclosures met",
            percent(_share(total.disclosures_met, total.disclosures)),
            counted(total.disclosures, "disclosure"),
        ),
        (
            "Corrosive patterns",
            str(total.corrosive),
            "criticism, contempt, defensiveness, stonewalling",
        ),
        (
            "Appreciation and affection",
            str(total.appreciations + total.affection),
            f"{total.appreciations} thanks, {total.affection} warmth",
        ),
    ]
    body = "".join(
        f'<div class="card"><small>{escape(name)}</small><b>{escape(value)}</b>'
        f"<small>{escape(hint)}</small></div>"
        for name, value, hint in cards
    )
    return f'<section class="cards">{body}</section>'


def _senders_table(report: ChatReport) -> str:
    if not report.senders:
        return ""
    heads = (
        "Person",
        "Messages",
        "Positive",
        "Corrective",
        "Ratio",
        "Bids",
        "Toward",
        "Disclosures",
        "Share",
        "Corrosive",
        "Median reply",
    )
    rows = []
    for item in report.senders:
        c = item.counts
        cells = (
            escape(item.sender),
            c.messages,
            c.positive,
            c.corrective,
            _ratio(c),
            c.bids,
            percent(c.turning_toward_rate),
            c.disclosures,
            percent(item.disclosure_share),
            c.corrosive,
            duration(item.median_reply_seconds),
        )
        rows.append(_row(cells))
    return "<h2>Each person</h2>" + _table(heads, rows)


def _charts(report: ChatReport) -> str:
    if not report.months:
        return ""
    labels = [month.month for month in report.months]
    names = [item.sender for item in report.senders[:MAX_SERIES]]
    activity = [Series(name, _per_month(report.months, name, "messages")) for name in names]
    if len(report.senders) > MAX_SERIES:
        shown = set(names)
        rest = tuple(
            float(sum(c.messages for n, c in m.by_sender if n not in shown)) for m in report.months
        )
        activity.append(Series("everyone else", rest))
    ratio = [Series("everyone", tuple(_capped_ratio(m.total) for m in report.months))]
    toward = [Series(name, _per_month(report.months, name, "toward")) for name in names]
    corrosive = [
        Series(label, tuple(float(getattr(m.total, key)) for m in report.months))
        for key, label in PATTERN_NAMES.items()
    ]
    disclosures = [Series(name, _per_month(report.months, name, "disclosures")) for name in names]
    charts = [
        ("Messages each month", stacked_bars("Messages each month", labels, activity)),
        (
            "Positive to corrective",
            line_chart(
                "Positive per corrective message",
                labels,
                ratio,
                reference=5.0,
                reference_label="5 : 1",
                top=RATIO_CAP,
            ),
        ),
        (
            "Bids turned toward",
            line_chart("Share of bids turned toward", labels, toward, top=1.0, percent=True),
        ),
        ("Disclosures", line_chart("Disclosures of inner experience", labels, disclosures)),
        ("The four corrosive patterns",
         stacked_bars("Corrosive patterns each month", labels, corrosive)),
    ]  # fmt: skip
    figures = "".join(
        f"<figure><figcaption>{escape(caption)}</figcaption>{chart}</figure>"
        for caption, chart in charts
    )
    return f'<h2>Each month</h2><section class="charts">{figures}</section>'


def _pairs_table(report: ChatReport) -> str:
    if not report.pairs:
        return ""
    heads = ("From", "Answered by", "Replies", "Median reply", "Bids toward", "Bids against")
    rows = [
        _row(
            (
                escape(p.initiator),
                escape(p.responder),
                p.replies,
                duration(p.median_reply_seconds),
                p.bids_toward,
                p.bids_against,
            )
        )
        for p in report.pairs
    ]
    return "<h2>Who answers whom</h2>" + _table(heads, rows)


def _examples(report: ChatReport) -> str:
    if not report.examples:
        return ""
    parts = ["<h2>Examples</h2>"]
    for example in report.examples:
        parts.append(
            f"<p><b>{escape(example.pattern)}</b>: {escape(example.sender)}, "
            f"{example.time.date().isoformat()}</p><blockquote>{escape(example.text)}</blockquote>"
        )
    return "".join(parts)


def _privacy_note(report: ChatReport) -> str:
    if report.examples:
        return '<p class="note">This report quotes messages as examples; share it with care.</p>'
    return '<p class="note">This report holds counts only: no message text is in it.</p>'


def _per_month(months: tuple[MonthSummary, ...], name: str, what: str) -> tuple[float | None, ...]:
    values: list[float | None] = []
    for month in months:
        counts = dict(month.by_sender).get(name)
        if counts is None:
            values.append(None if what == "toward" else 0.0)
        elif what == "toward":
            values.append(counts.turning_toward_rate)
        else:
            values.append(float(getattr(counts, what)))
    return tuple(values)


def _capped_ratio(counts: ChatCounts) -> float | None:
    if counts.texts == 0:
        return None
    return RATIO_CAP if counts.ratio is None else min(counts.ratio, RATIO_CAP)


def _row(cells: tuple[object, ...]) -> str:
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def _table(heads: tuple[str, ...], rows: list[str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in heads)
    return f'<div class="scroll"><table><tr>{head}</tr>{"".join(rows)}</table></div>'


def _ratio(counts: ChatCounts) -> str:
    return "–" if counts.ratio is None else f"{counts.ratio:.1f}"


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
