"""Printing at the edge: Rich for people, JSON for scripts. Message text never goes to logs."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

from tending.exporters.wording import counted

__all__ = ["console", "counted", "err_console", "print_error", "print_json"]

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def print_json(data: Any) -> None:
    """Write `data` as JSON to standard output (dates and enums as strings)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_error(message: str) -> None:
    err_console.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
