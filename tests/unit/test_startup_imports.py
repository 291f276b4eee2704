"""`tend --help` and everyday commands start without the heavy libraries: matplotlib is loaded
only to draw a chart, icalendar only to export a calendar, Alembic only to make or migrate a
database (about 0.6 s of start-up on a laptop, measured with `python -X importtime`)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("matplotlib", "alembic", "icalendar")


def test_the_command_tree_loads_without_heavy_libraries() -> None:
    code = (
        "import sys, tending.cli.app\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""
