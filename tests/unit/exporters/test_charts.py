"""Trend charts are real, valid image files that change when the data change."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import date
from pathlib import Path

import pytest

from tending.domain.errors import InvalidInput
from tending.exporters.charts import Panel, TrendChart, TrendLine, draw_trends

MONTHS = (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1))


def chart(chats: tuple[float | None, ...]) -> TrendChart:
    return TrendChart(
        "Practice",
        MONTHS,
        (
            Panel("Chats", (TrendLine("chats", chats),), target=4, target_label="target"),
            Panel("Ratio", (TrendLine("positive per corrective", (5.0, None, 2.5)),)),
        ),
    )


def test_png_has_the_signature_and_differs_with_the_data(tmp_path: Path) -> None:
    first = draw_trends(chart((1, 4, 6)), tmp_path / "a.png")
    second = draw_trends(chart((2, 2, 2)), tmp_path / "b.png")
    assert first.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert first.read_bytes() != second.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png", "b.png"]


def test_svg_parses_as_xml_and_is_stable(tmp_path: Path) -> None:
    path = draw_trends(chart((1, None, 6)), tmp_path / "trend.SVG")
    root = ElementTree.parse(path).getroot()
    assert root.tag.endswith("svg")
    again = draw_trends(chart((1, None, 6)), tmp_path / "again.svg")
    other = draw_trends(chart((3, None, 6)), tmp_path / "other.svg")
    assert path.read_bytes() == again.read_bytes()
    assert path.read_bytes() != other.read_bytes()


@pytest.mark.parametrize("name", ["trend.jpg", "trend"])
def test_other_suffixes_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(InvalidInput, match=r"\.png or \.svg"):
        draw_trends(chart((1, 2, 3)), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        draw_trends(chart((1, 2, 3)), tmp_path / "nowhere" / "trend.png")


def test_a_folder_is_not_a_chart_file(tmp_path: Path) -> None:
    folder = tmp_path / "trend.png"
    folder.mkdir()
    with pytest.raises(InvalidInput, match="is a folder"):
        draw_trends(chart((1, 2, 3)), folder)


def test_a_chart_without_values_shows_every_month_from_zero_and_says_so() -> None:
    """An empty home drew a ratio axis from 4.8 to 5.2 under a single 'Jan 2026', and counts
    from -0.04; now every month is labelled, scales start at 0, a share ends at 100%, and a
    panel with no value at all says so."""
    from tending.exporters.charts import NO_VALUES, _figure

    empty = TrendChart(
        "Practice",
        MONTHS,
        (
            Panel("Chats", (TrendLine("chats", (0, 0, 0)),), target=4, target_label="target"),
            Panel("Ratio", (TrendLine("ratio", (None, None, None)),), target=5),
            Panel("Toward (%)", (TrendLine("toward", (None, 50.0, None)),), ceiling=100),
        ),
    )
    chats, ratio, toward = _figure(empty).axes
    for ax in (chats, ratio, toward):
        assert [t.get_text() for t in ax.get_xticklabels()] == ["Jan 2026", "Feb 2026", "Mar 2026"]
        assert ax.get_ylim()[0] == 0
    assert chats.get_ylim()[1] > 4 and ratio.get_ylim()[1] > 5 and toward.get_ylim()[1] == 100
    assert [t.get_text() for t in ratio.texts] == [NO_VALUES]
    assert len(chats.texts) == 0 and len(toward.texts) == 0
