"""The dialogue coach: explainable, offline, fast analysis of what a message does.

Layer: sits beside importers, metrics, exporters and catalogue; imports only `tending.domain`.
The composers (`check_*`, `CompositionCheck`) and the urgent-help pointers (`HelpResource`,
`load_resources`) are imported the first time one is asked for, so a process that only analyses
messages does not compile them (nor `tending.domain.moments`); the coach reads the pointers
itself the first time a message needs them.
"""

from typing import TYPE_CHECKING

from tending.coach.analyzer import analyze, load_coach, prepare_all, read
from tending.coach.model import DEPTHS, FLAGS, TONES, Analysis, Evidence, Reading

if TYPE_CHECKING:
    from tending.coach.composers import (
        CompositionCheck,
        check_appreciation,
        check_followup,
        check_story,
        check_tension,
    )
    from tending.coach.resources import HelpResource, load_resources

COMPOSERS = frozenset(
    {"CompositionCheck", "check_appreciation", "check_followup", "check_story", "check_tension"}
)
RESOURCES = frozenset({"HelpResource", "load_resources"})


def __getattr__(name: str) -> object:
    """The composers' and the help pointers' names, from `tending.coach.composers` and
    `tending.coach.resources` on first use (PEP 562)."""
    if name in COMPOSERS:
        from tending.coach import composers

        return getattr(composers, name)
    if name in RESOURCES:
        from tending.coach import resources

        return getattr(resources, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEPTHS",
    "FLAGS",
    "TONES",
    "Analysis",
    "CompositionCheck",
    "Evidence",
    "HelpResource",
    "Reading",
    "analyze",
    "check_appreciation",
    "check_followup",
    "check_story",
    "check_tension",
    "load_coach",
    "load_resources",
    "prepare_all",
    "read",
]
