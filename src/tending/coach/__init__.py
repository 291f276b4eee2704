"""The dialogue coach: explainable, offline, fast analysis of what a message does.

Layer: sits beside importers, metrics, exporters and catalogue; imports only `tending.domain`.
"""

from tending.coach.analyzer import analyze, load_coach, prepare_all, read
from tending.coach.composers import (
    CompositionCheck,
    check_appreciation,
    check_followup,
    check_story,
    check_tension,
)
from tending.coach.model import DEPTHS, FLAGS, TONES, Analysis, Evidence, Reading
from tending.coach.resources import HelpResource, load_resources

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
