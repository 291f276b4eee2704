"""The targets the metrics are measured against; the catalogue supplies them, these are defaults."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Targets:
    """Numbers of the practice. Every one can be changed by the catalogue.

    - `chats_low`..`chats_high`: meaningful chats per calendar month;
    - `ratio`: positive interactions for each corrective one;
    - `reassess_weeks`: how often the four foundations are reassessed;
    - `check_minutes`: a meaningful chat at least this long counts as a Connection Check;
    - `disclosures_per_quarter`: mutual disclosures to aim for each calendar quarter;
    - `follow_up_rate`: the share of follow-ups to complete (0..1).
    """

    chats_low: int = 4
    chats_high: int = 6
    ratio: float = 5.0
    reassess_weeks: int = 12
    check_minutes: int = 30
    disclosures_per_quarter: int = 6
    follow_up_rate: float = 0.8
