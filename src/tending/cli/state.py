"""What every command shares: where the data lives and what time it is.

The root callback fills a `CliState` into the Click context unless a test already put one
there (`CliRunner().invoke(app, args, obj=CliState(...))`), which is how tests pass a fixed clock.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import typer

from tending.domain.clock import Clock, SystemClock


@dataclass
class CliState:
    home: Path | None = None  # None: TENDING_HOME or the platform's user data dir
    database_url: str | None = None  # None: TENDING_DATABASE_URL or SQLite in home
    clock: Clock = field(default_factory=SystemClock)
    speed: float | None = None  # `tend --speed N`: timers run N× faster (None: TENDING_SPEED)

    def resolved_database_url(self) -> str | None:
        return self.database_url or os.environ.get("TENDING_DATABASE_URL") or None

    def resolved_home(self) -> Path:
        if self.home is not None:
            return self.home
        env = os.environ.get("TENDING_HOME")
        if env:
            return Path(env)
        import platformdirs

        return Path(platformdirs.user_data_dir("tending", appauthor=False))


def get_state(ctx: typer.Context) -> CliState:
    """The shared state of this invocation (set by the root callback)."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


def parse_speed(raw: str) -> float:
    """A speed factor from text: a finite number more than 0 (ValueError says what is wrong)."""
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"must be a number (got '{raw}')") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"must be a number more than 0 (got '{raw}')")
    return value
