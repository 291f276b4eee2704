"""The numbers the tracker's use cases enforce, read from the practice catalogue.

The catalogue (`tending.catalogue`) holds every number of the practice as data, with a person's
overrides from `practice-overrides.toml` in the data directory. The FALLBACK values here are the
same numbers, used only when no catalogue value can be had for a key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tending.catalogue.practices import OVERRIDES_FILENAME, Catalogue, load_catalogue
from tending.catalogue.vocabulary import Vocabulary, load_vocabulary
from tending.domain.errors import NotFound


@dataclass(frozen=True)
class Limits:
    """The practice numbers the tracker enforces or defaults to."""

    closing_appreciation_words: int = 15
    commitment_days: int = 7
    checks_per_month: int = 2
    agreement_review_weeks: int = 12


FALLBACK = Limits()

__all__ = ["CATALOGUE_KEYS", "FALLBACK", "Limits", "Vocabulary", "limits_for", "load_vocabulary"]

# (practice, parameter) in the catalogue for each field of Limits
CATALOGUE_KEYS: dict[str, tuple[str, str]] = {
    "closing_appreciation_words": ("closing-appreciation", "max_words"),
    "commitment_days": ("micro-commitment", "due_in"),
    "checks_per_month": ("connection-check", "per_month"),
    "agreement_review_weeks": ("boundaries", "review_after"),
}


def limits_for(home: Path | None) -> Limits:
    """The limits of the catalogue, with the overrides file in `home` applied when present."""
    overrides = None
    if home is not None and (home / OVERRIDES_FILENAME).is_file():
        overrides = home / OVERRIDES_FILENAME
    catalogue = load_catalogue(overrides)
    values = {
        field: _number(catalogue, *key, getattr(FALLBACK, field))
        for field, key in CATALOGUE_KEYS.items()
    }
    return Limits(**values)


def _number(catalogue: Catalogue, practice: str, key: str, fallback: int) -> int:
    try:
        value = catalogue.parameter(practice, key)
    except NotFound:
        return fallback
    return value if isinstance(value, int) and not isinstance(value, bool) else fallback
