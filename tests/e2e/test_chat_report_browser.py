"""The chat report page in a real browser (Debian's chromium driven by Playwright), as the real
`tend chat report --html` writes it: nothing fetched, every part shown, nothing wider than a
phone's screen, chart labels big enough to read there, and no message text."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
TEND = Path(sys.executable).with_name("tend")
CHAT = Path(__file__).parents[1] / "data" / "chats" / "report" / "whatsapp_couple.txt"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SMALLEST_LABEL_PX = 9.0  # chart labels drawn smaller than this cannot be read on a phone
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: `make browser` installs Debian's chromium")
        pytest.skip("no /usr/bin/chromium here (`make browser` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of a two-person WhatsApp export, written by the real program."""
    folder = tmp_path_factory.mktemp("report")
    out = folder / "report.html"
    done = subprocess.run(
        [str(TEND), "--home", str(folder / "home"), "chat", "report", str(CHAT), "--html",
         str(out)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def _open(browser: Any, page_file: Path, viewport: dict[str, int]) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport=viewport)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())
    return page, requests


def test_the_page_fetches_nothing_and_shows_every_part(browser: Any, page_file: Path) -> None:
    page, requests = _open(browser, page_file, DESKTOP)
    assert requests == [page_file.as_uri()]  # no font, script, image or stylesheet from elsewhere
    assert page.locator("h1").inner_text() == "How this chat talks"
    charts = page.locator("svg.chart")
    assert charts.count() == 5
    for index in range(5):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
    text = page.locator("body").inner_text()
    assert "Idris" in text and "Noor" in text and "1.2 : 1" in text
    for line in CHAT.read_text(encoding="utf-8").splitlines():
        sender, _, words = line.partition(" - ")[2].partition(": ")
        if sender and words and words != "<Media omitted>":
            assert words not in text  # counts only: no message appears without --examples
    page.close()


def test_on_a_phone_nothing_overflows_and_chart_labels_can_be_read(
    browser: Any, page_file: Path
) -> None:
    page, _ = _open(browser, page_file, PHONE)
    width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner  # the page never scrolls sideways; only a wide table does, in its box
    sizes = page.eval_on_selector_all(
        "svg.chart text",
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a)",
    )
    assert sizes and min(sizes) >= SMALLEST_LABEL_PX, f"labels drawn at {min(sizes):.1f} px"
    for box in page.eval_on_selector_all(
        "svg.chart", "els => els.map(e => e.getBoundingClientRect().right)"
    ):
        assert box <= inner
    page.close()


def test_a_wide_table_keeps_the_name_in_sight_while_it_scrolls(
    browser: Any, page_file: Path
) -> None:
    page, _ = _open(browser, page_file, PHONE)
    table = page.locator(".scroll").first
    assert table.evaluate("e => e.scrollWidth > e.clientWidth")  # wider than the phone
    table.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    name = page.get_by_role("cell", name="Idris").first
    box, frame = name.bounding_box(), table.bounding_box()
    assert box is not None and frame is not None
    assert box["x"] >= frame["x"] - 1 and box["x"] + box["width"] <= frame["x"] + frame["width"]
    page.close()
