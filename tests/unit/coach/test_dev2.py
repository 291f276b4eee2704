"""The second development set (tests/data/coach/dev2.jsonl): its lint, its independence from every
other labelled set, and a floor under the coach's figures on it, so that a change to the engine
or the data that loses meaning (above all safety) is caught at once."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tending.coach.evaluation import (
    DEPTHS,
    FLAGS,
    TONES,
    LabelledLine,
    evaluate_file,
    read_labelled,
)
from tests.unit.coach.spec_tone import spec_tone

DATA = Path(__file__).resolve().parents[2] / "data" / "coach"
DEV2 = DATA / "dev2.jsonl"
SPEC_EXAMPLES = Path(__file__).resolve().parents[4] / "shared" / "coach" / "examples.jsonl"



def words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@pytest.fixture(scope="module")
def lines() -> tuple[LabelledLine, ...]:
    return read_labelled(DEV2)


def test_dev2_is_large_with_unique_ids_and_texts(lines: tuple[LabelledLine, ...]) -> None:
    assert len(lines) >= 1000
    assert all(re.fullmatch(r"d2-\d{4}", line.id) for line in lines)
    assert len({line.id for line in lines}) == len(lines)
    assert len({line.text for line in lines}) == len(lines)


def test_every_flag_has_positives_and_there_are_hard_negatives(
    lines: tuple[LabelledLine, ...],
) -> None:
    counts = Counter(flag for line in lines for flag in line.flags)
    assert {flag: counts[flag] for flag in FLAGS if counts[flag] < 20} == {}
    assert counts["safety"] >= 80  # the worst miss gets the most examples
    assert sum(1 for line in lines if not line.flags) / len(lines) > 0.15


def test_labels_follow_the_spec_vocabulary_and_tone_rule(lines: tuple[LabelledLine, ...]) -> None:
    assert {line.tone for line in lines} <= set(TONES) | {None}
    assert {line.depth for line in lines} <= set(DEPTHS) | {None}
    assert all(not (line.flags & line.maybe) for line in lines)
    assert sum(bool(line.maybe) for line in lines) / len(lines) < 0.15
    wrong = [
        line.id
        for line in lines
        if line.tone is not None
        and not (line.tone == spec_tone(line.flags) == spec_tone(line.flags | line.maybe))
    ]
    assert wrong == []


def test_no_text_is_shared_with_another_labelled_set(lines: tuple[LabelledLine, ...]) -> None:
    """Written apart from dev, held-out, the conformance corpus and the SPEC's examples: no line
    repeats one of theirs, even up to case and punctuation (only ids are reported)."""
    others: set[str] = set()
    sources = [DATA / name for name in ("dev.jsonl", "heldout.jsonl", "conformance.jsonl")]
    if SPEC_EXAMPLES.exists():
        sources.append(SPEC_EXAMPLES)
    for source in sources:
        for raw in source.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                text = json.loads(raw)["text"]
                others.add(text)
                others.add(words(text))
    assert _shared(lines, others) == []


def _shared(lines: tuple[LabelledLine, ...], others: set[str]) -> list[str]:
    return [
        line.id
        for line in lines
        if line.text in others or (words(line.text) and words(line.text) in others)
    ]


def _texts(path: Path) -> set[str]:
    found: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            text = json.loads(raw)["text"]
            found.add(text)
            found.add(words(text))
    return found


DEV3 = DATA / "dev3.jsonl"


@pytest.fixture(scope="module")
def lines3() -> tuple[LabelledLine, ...]:
    return read_labelled(DEV3)


def test_dev3_has_unique_ids_texts_and_spec_labels(lines3: tuple[LabelledLine, ...]) -> None:
    """The third development set (written after dev2 had been tuned to 0.98): same lint."""
    assert all(re.fullmatch(r"d3-\d{4}", line.id) for line in lines3)
    assert len({line.id for line in lines3}) == len(lines3)
    assert len({line.text for line in lines3}) == len(lines3)
    # hard cases on purpose (replies, sarcasm, look-alikes): more room to go either way than dev2
    assert sum(bool(line.maybe) for line in lines3) / len(lines3) < 0.35
    assert all(not (line.flags & line.maybe) for line in lines3)
    wrong = [
        line.id
        for line in lines3
        if line.tone is not None
        and not (line.tone == spec_tone(line.flags) == spec_tone(line.flags | line.maybe))
    ]
    assert wrong == []


def test_dev3_shares_no_text_with_another_labelled_set(lines3: tuple[LabelledLine, ...]) -> None:
    others: set[str] = set()
    names = ("dev.jsonl", "heldout.jsonl", "conformance.jsonl", "dev2.jsonl")
    for source in [DATA / name for name in names] + [SPEC_EXAMPLES]:
        if source.exists():
            others |= _texts(source)
    assert _shared(lines3, others) == []


def test_the_coach_keeps_its_figures_on_dev2() -> None:
    report = evaluate_file(DEV2)
    scores = {score.flag: score for score in report.flag_scores}
    assert report.macro_f1 >= 0.95
    assert report.tone_accuracy >= 0.95
    assert report.depth_accuracy >= 0.93
    assert scores["safety"].recall >= 0.97
    assert scores["safety"].precision >= 0.95


def test_the_coach_keeps_its_figures_on_dev3() -> None:
    report = evaluate_file(DEV3)
    scores = {score.flag: score for score in report.flag_scores}
    assert report.macro_f1 >= 0.95
    assert report.tone_accuracy >= 0.95
    assert report.depth_accuracy >= 0.95
    assert scores["safety"].recall >= 0.95
    assert scores["safety"].precision >= 0.95


DEV4 = DATA / "dev4.jsonl"


@pytest.fixture(scope="module")
def lines4() -> tuple[LabelledLine, ...]:
    return read_labelled(DEV4)


def test_dev4_has_unique_ids_texts_and_spec_labels(lines4: tuple[LabelledLine, ...]) -> None:
    """The fourth development set (a fresh batch written after dev3 had been tuned): same lint."""
    assert len(lines4) >= 150
    assert all(re.fullmatch(r"d4-\d{4}", line.id) for line in lines4)
    assert len({line.id for line in lines4}) == len(lines4)
    assert len({line.text for line in lines4}) == len(lines4)
    assert sum(bool(line.maybe) for line in lines4) / len(lines4) < 0.35
    assert all(not (line.flags & line.maybe) for line in lines4)
    wrong = [
        line.id
        for line in lines4
        if line.tone is not None
        and not (line.tone == spec_tone(line.flags) == spec_tone(line.flags | line.maybe))
    ]
    assert wrong == []


def test_dev4_shares_no_text_with_another_labelled_set(lines4: tuple[LabelledLine, ...]) -> None:
    others: set[str] = set()
    names = ("dev.jsonl", "heldout.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl")
    for source in [DATA / name for name in names] + [SPEC_EXAMPLES]:
        if source.exists():
            others |= _texts(source)
    assert _shared(lines4, others) == []


def test_the_coach_keeps_its_figures_on_dev4() -> None:
    report = evaluate_file(DEV4)
    scores = {score.flag: score for score in report.flag_scores}
    assert report.macro_f1 >= 0.95
    assert report.tone_accuracy >= 0.95
    assert report.depth_accuracy >= 0.90
    assert scores["safety"].recall >= 0.95
    assert scores["safety"].precision >= 0.95


DEV5 = DATA / "dev5.jsonl"


@pytest.fixture(scope="module")
def lines5() -> tuple[LabelledLine, ...]:
    return read_labelled(DEV5)


def test_dev5_has_unique_ids_texts_and_spec_labels(lines5: tuple[LabelledLine, ...]) -> None:
    """The fifth development set (a fresh batch written after dev4 had been tuned): same lint."""
    assert len(lines5) >= 300
    assert all(re.fullmatch(r"d5-\d{4}", line.id) for line in lines5)
    assert len({line.id for line in lines5}) == len(lines5)
    assert len({line.text for line in lines5}) == len(lines5)
    assert sum(bool(line.maybe) for line in lines5) / len(lines5) < 0.35
    assert all(not (line.flags & line.maybe) for line in lines5)
    counts = Counter(flag for line in lines5 for flag in line.flags)
    assert {flag: counts[flag] for flag in FLAGS if counts[flag] < 10} == {}
    wrong = [
        line.id
        for line in lines5
        if line.tone is not None
        and not (line.tone == spec_tone(line.flags) == spec_tone(line.flags | line.maybe))
    ]
    assert wrong == []


def test_dev5_shares_no_text_with_another_development_set(
    lines5: tuple[LabelledLine, ...],
) -> None:
    """dev5 was written under the rule that the held-out file is read only by `tend coach eval`
    (its two summary lines), so it is compared with every other set except held-out."""
    others: set[str] = set()
    names = ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl")
    for source in [DATA / name for name in names] + [SPEC_EXAMPLES]:
        if source.exists():
            others |= _texts(source)
    assert _shared(lines5, others) == []


def test_the_coach_keeps_its_figures_on_dev5() -> None:
    report = evaluate_file(DEV5)
    scores = {score.flag: score for score in report.flag_scores}
    assert report.macro_f1 >= 0.95
    assert report.tone_accuracy >= 0.95
    assert report.depth_accuracy >= 0.95
    assert scores["safety"].recall >= 0.95
    assert scores["safety"].precision >= 0.95
