"""Data lint: every shipped data file loads, and holds what PRODUCT.md and the issues promise."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tending.catalogue import IntimacyKind, Unit, load_catalogue
from tending.catalogue.tsv import PROVENANCE
from tending.catalogue.vocabulary import FILES, load_vocabulary

from .conftest import DATA

# Every practice of PRODUCT.md, by the name the catalogue gives it.
PRODUCT_PRACTICES = [
    "daily-honest-statement", "truth-with-care", "feeling-need-statement", "share-experience",
    "remaining-open", "active-listening", "listening-with-presence", "reflective-listening",
    "bids-for-connection", "weekly-check-in", "nightly-gratitude",
    "monthly-state-of-the-relationship", "conflict-rules", "time-out", "tension-script",
    "vulnerability-exercise", "emotional-vocabulary", "boundaries", "individual-growth",
    "curiosity", "couples-therapy", "urgent-help", "connection-check", "personal-story",
    "permission-and-pass", "privacy-agreement", "micro-commitment", "closing-appreciation",
    "follow-up-message", "five-to-one", "connection-metrics",
]  # fmt: skip

# The numbers of the practice (issue 2, item 3; issue 3), where they live and their defaults.
PRODUCT_NUMBERS = [
    ("connection-check", "duration", 30, Unit.MINUTES),
    ("connection-check", "phone_free", 10, Unit.MINUTES),
    ("connection-check", "questions", 3, Unit.QUESTIONS),
    ("connection-check", "pause", 3, Unit.SECONDS),
    ("connection-check", "per_month", 2, Unit.PER_MONTH),
    ("personal-story", "length", 90, Unit.SECONDS),
    ("micro-commitment", "due_in", 7, Unit.DAYS),
    ("closing-appreciation", "max_words", 15, Unit.WORDS),
    ("follow-up-message", "max_words", 60, Unit.WORDS),
    ("five-to-one", "positive_per_corrective", 5, Unit.RATIO),
    ("connection-metrics", "chats_per_month_min", 4, Unit.PER_MONTH),
    ("connection-metrics", "chats_per_month_max", 6, Unit.PER_MONTH),
    ("connection-metrics", "reassess_after", 12, Unit.WEEKS),
    ("time-out", "duration", 20, Unit.MINUTES),
    ("vulnerability-exercise", "minutes_each", 5, Unit.MINUTES),
]

# Prompt sets the guided sessions (services/guided_steps.py) read: renaming one breaks them.
GUIDED_PROMPT_SETS = [
    ("connection-check", "questions"), ("connection-check", "presence"),
    ("connection-check", "pause"), ("personal-story", "template"),
    ("permission-and-pass", "permission"), ("permission-and-pass", "pass"),
    ("privacy-agreement", "ask"), ("reflective-listening", "summary"),
    ("reflective-listening", "check"), ("micro-commitment", "ask"),
    ("closing-appreciation", "ask"), ("follow-up-message", "highlight"),
    ("follow-up-message", "action"), ("follow-up-message", "question"),
    ("daily-honest-statement", "worry"), ("daily-honest-statement", "regret"),
    ("daily-honest-statement", "appreciation"), ("nightly-gratitude", "prompts"),
    ("monthly-state-of-the-relationship", "questions"), ("time-out", "call"),
    ("time-out", "during"), ("time-out", "return"), ("tension-script", "script"),
    ("tension-script", "next_step"), ("vulnerability-exercise", "speaker"),
    ("vulnerability-exercise", "listener"), ("vulnerability-exercise", "no_debate"),
    ("vulnerability-exercise", "swap"), ("vulnerability-exercise", "close"),
    ("vulnerability-exercise", "mirror"), ("vulnerability-exercise", "validate"),
]  # fmt: skip


def test_every_practice_of_the_product_is_in_the_catalogue() -> None:
    names = load_catalogue().names()
    assert sorted(names) == sorted(PRODUCT_PRACTICES)


@pytest.mark.parametrize(("practice", "key", "value", "unit"), PRODUCT_NUMBERS)
def test_product_numbers_are_parameters_with_their_defaults(
    practice: str, key: str, value: int, unit: Unit
) -> None:
    parameter = load_catalogue().get(practice).parameter(key)
    assert (parameter.value, parameter.unit) == (value, unit)
    assert not parameter.overridden


@pytest.mark.parametrize(("practice", "prompt_set"), GUIDED_PROMPT_SETS)
def test_guided_sessions_find_their_prompts(practice: str, prompt_set: str) -> None:
    assert load_catalogue().get(practice).prompts_in(prompt_set)


def test_prompt_sets_that_rotate_have_enough_lines() -> None:
    catalogue = load_catalogue()
    assert len(catalogue.get("connection-check").prompts_in("questions")) >= 12
    assert len(catalogue.get("connection-check").prompts_in("presence")) >= 3
    assert len(catalogue.get("nightly-gratitude").prompts_in("prompts")) >= 5
    assert len(catalogue.get("monthly-state-of-the-relationship").prompts_in("questions")) >= 3
    for kind in ("worry", "regret", "appreciation"):
        assert len(catalogue.get("daily-honest-statement").prompts_in(kind)) >= 3


def test_the_story_and_tension_templates_have_their_blanks() -> None:
    catalogue = load_catalogue()
    (story,) = catalogue.get("personal-story").prompts_in("template")
    assert re.findall(r"\{(\w+)\}", story.text) == ["emotion", "event", "takeaway"]
    (script,) = catalogue.get("tension-script").prompts_in("script")
    assert re.findall(r"\{(\w+)\}", script.text) == ["feeling", "behaviour"]


def test_every_practice_is_complete_and_every_kind_is_served() -> None:
    catalogue = load_catalogue()
    for practice in catalogue.all():
        assert practice.title and practice.summary and practice.steps and practice.prompts
        assert practice.kinds and practice.essays
        assert set(practice.essays) <= {essay for essay, _ in catalogue.essays}
    for kind in IntimacyKind:
        assert catalogue.with_kind(kind), f"no practice serves {kind}"


def test_numbers_are_not_negative_and_carry_units() -> None:
    for practice in load_catalogue().all():
        for parameter in practice.parameters:
            if not isinstance(parameter.value, str):
                assert parameter.value >= 0, (practice.name, parameter.key)
            assert parameter.about


def test_vocabulary_files_have_provenance_and_the_promised_sizes() -> None:
    for name in FILES:
        first = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
        assert PROVENANCE.match(first), name
    vocabulary = load_vocabulary()
    assert len(vocabulary.feelings) >= 150
    assert len(vocabulary.needs) >= 60
    assert len(vocabulary.faux_feelings) >= 20
    for family in ("joy", "peace", "affection", "gratitude", "interest", "sadness", "fear",
                   "anger", "shame", "tiredness", "confusion"):  # fmt: skip
        assert len(vocabulary.feelings_in(family)) >= 5, family


def test_vocabulary_has_no_duplicates_and_every_family_is_used() -> None:
    vocabulary = load_vocabulary()
    words = [f.word for f in vocabulary.feelings] + [n.word for n in vocabulary.needs]
    assert not [word for word, count in Counter(words).items() if count > 1]
    assert {f.family for f in vocabulary.feelings} == set(vocabulary.feeling_families)
    assert {n.family for n in vocabulary.needs} == set(vocabulary.need_families)
    assert {f.valence for f in vocabulary.feelings} == {"pleasant", "unpleasant"}
    assert {f.intensity for f in vocabulary.feelings} == {1, 2, 3}


def test_the_catalogue_file_states_its_provenance() -> None:
    assert load_catalogue().provenance.startswith("written for Tending, ")
    text = Path(DATA / "practices.toml").read_text(encoding="utf-8")
    assert 'provenance = "written for Tending, ' in text
