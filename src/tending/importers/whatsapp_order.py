"""Choosing a WhatsApp file's date order when no date proves it (every day is 12 or less).

An export lists messages oldest first, so the reading under which the dates run backwards less
often is the likelier one. Only counts are kept, so the scan needs no memory however long the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tending.importers.whatsapp_syntax import DEFAULT_ORDER, DateOrder


@dataclass
class OrderScan:
    """What the first pass over the headers found out about the date order."""

    proved: DateOrder | None = None
    backwards_dmy: int = 0
    backwards_mdy: int = 0
    _last_dmy: tuple[int, int, int] | None = None
    _last_mdy: tuple[int, int, int] | None = None

    def add(self, header: re.Match[str]) -> None:
        """Count one header whose first two numbers could each be the day or the month."""
        a, b, year = int(header["a"]), int(header["b"]), int(header["c"])
        as_dmy, as_mdy = (year, b, a), (year, a, b)
        if self._last_dmy is not None and as_dmy < self._last_dmy:
            self.backwards_dmy += 1
        if self._last_mdy is not None and as_mdy < self._last_mdy:
            self.backwards_mdy += 1
        self._last_dmy, self._last_mdy = as_dmy, as_mdy

    def likely(self) -> tuple[DateOrder, str]:
        """The order to assume, and why, in words for the warning."""
        if self.backwards_mdy < self.backwards_dmy:
            return DateOrder.MDY, "the dates run in order only when read month first"
        if self.backwards_dmy < self.backwards_mdy:
            return DateOrder.DMY, "the dates run in order only when read day first"
        return DEFAULT_ORDER, "the usual order; the dates fit both"
