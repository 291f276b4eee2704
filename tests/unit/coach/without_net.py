"""The coach with the shipped weights but no safety net, for the safety tests."""

from __future__ import annotations

from tending.coach.analyzer import Coach
from tending.coach.data_files import read_data_text
from tending.coach.learned import LearnedModel
from tending.coach.learned_features import class_map
from tending.coach.learned_file import NAME, parse_learned
from tending.coach.rules import load_engine


def coach_without_net() -> Coach:
    """The coach with the same weights but no safety net (no `safety_window`): what the rules
    (and the rest of the second opinion) say alone."""
    coach = Coach(load_engine())
    header, rows = parse_learned(read_data_text(NAME))
    del header["safety_window"]
    coach.learned = LearnedModel(header, rows, class_map(coach.lexicon))
    return coach
