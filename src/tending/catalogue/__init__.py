"""The practice catalogue and the emotional vocabulary: pure data, validated on load.

May import only `tending.domain`, the standard library and pydantic (see docs/parts/catalogue.md).
"""

from tending.catalogue.practices import (
    OVERRIDES_FILENAME,
    Catalogue,
    Parameter,
    Practice,
    Prompt,
    load_catalogue,
    read_catalogue,
)
from tending.catalogue.schema import IntimacyKind, Unit

__all__ = [
    "OVERRIDES_FILENAME",
    "Catalogue",
    "IntimacyKind",
    "Parameter",
    "Practice",
    "Prompt",
    "Unit",
    "load_catalogue",
    "read_catalogue",
]
