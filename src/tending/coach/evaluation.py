"""Scoring the coach against a labelled set, in the SPEC's rules.

A labelled line is the SPEC's example format: `{"id", "text", "context"?, "flags", "maybe"?,
"tone"?, "depth"?}`. Per flag, a predicted flag is a true positive when labelled, a false positive
when neither labelled nor in `maybe`, and a labelled flag that was not predicted is a false
negative; a flag in `maybe` is never counted either way. Tone and depth are scored only on lines
that give them.

The module is pure apart from reading the file: the analyzer is a parameter (by default the
coach's public `analyze`, whose word lists load on its first call), so a test can pass a fake
whose outputs it knows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from tending.coach import analyze as coach_analyze
from tending.domain.errors import FormatProblem

# The SPEC's vocabularies. The yardstick keeps its own copy on purpose: it checks the coach, so it
# does not take the coach's word for what the labels may be.
FLAGS: tuple[str, ...] = (
    "feeling", "faux_feeling", "need", "request", "demand", "blame", "absolute", "contempt",
    "defensiveness", "stonewalling", "past_grievance", "people_pleasing", "vulnerability",
    "appreciation", "affection", "complex", "reflection", "validation", "fixing", "minimizing",
    "curiosity", "permission", "bid", "safety",
)  # fmt: skip
TONES: tuple[str, ...] = ("positive", "corrective", "neutral")
DEPTHS: tuple[str, ...] = ("experience", "event", "others", "none")
_KEYS = frozenset({"id", "text", "context", "flags", "maybe", "tone", "depth"})


class Prediction(Protocol):
    """What the evaluation reads from the analyzer's answer (the coach's `Analysis` fits)."""

    @property
    def flags(self) -> Sequence[str]: ...

    @property
    def tone(self) -> str: ...

    @property
    def depth(self) -> str: ...


Analyzer = Callable[[str, str | None], Prediction]


@dataclass(frozen=True, slots=True)
class LabelledLine:
    """One message with what a careful reader expects the coach to say about it."""

    id: str
    text: str
    context: str | None
    flags: frozenset[str]
    maybe: frozenset[str]
    tone: str | None
    depth: str | None
    line_number: int


@dataclass(frozen=True, slots=True)
class FlagScore:
    """Counts and figures of one flag."""

    flag: str
    tp: int
    fp: int
    fn: int

    @property
    def positives(self) -> int:
        """How many lines carry this flag as a label."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        """How many predictions of this flag were counted (those in `maybe` are not)."""
        return self.tp + self.fp

    @property
    def scored(self) -> bool:
        """Whether the flag takes part in the macro-F1 (it has positives or predictions)."""
        return self.tp + self.fp + self.fn > 0

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 0 when nothing was predicted."""
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 0 when nothing was labelled."""
        return self.tp / self.positives if self.positives else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall; 0 when either is 0."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class Failure:
    """A line where the analyzer's answer differs from the label (flags, tone or depth)."""

    id: str
    line_number: int
    missed: tuple[str, ...]
    extra: tuple[str, ...]
    tone_expected: str | None = None
    tone_got: str | None = None
    depth_expected: str | None = None
    depth_got: str | None = None


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    """Per-flag scores, the macro-F1, tone and depth accuracy, and the lines that failed."""

    lines: int
    flag_scores: tuple[FlagScore, ...]
    tone_correct: int
    tone_lines: int
    depth_correct: int
    depth_lines: int
    failures: tuple[Failure, ...]

    @property
    def macro_f1(self) -> float | None:
        """Mean F1 over the flags that have positives or predictions; None when none has."""
        scored = [score.f1 for score in self.flag_scores if score.scored]
        return sum(scored) / len(scored) if scored else None

    @property
    def tone_accuracy(self) -> float | None:
        """Share of the lines giving a tone where the tone matched; None without such lines."""
        return self.tone_correct / self.tone_lines if self.tone_lines else None

    @property
    def depth_accuracy(self) -> float | None:
        """Share of the lines giving a depth where the depth matched; None without such lines."""
        return self.depth_correct / self.depth_lines if self.depth_lines else None

    def score(self, flag: str) -> FlagScore:
        """The score of one flag of the vocabulary."""
        return next(score for score in self.flag_scores if score.flag == flag)

    def to_json(self) -> dict[str, Any]:
        """Every figure and every failure as plain JSON values."""
        return {
            "lines": self.lines,
            "macro_f1": self.macro_f1,
            "tone_accuracy": self.tone_accuracy,
            "tone_lines": self.tone_lines,
            "depth_accuracy": self.depth_accuracy,
            "depth_lines": self.depth_lines,
            "flags": [_score_json(score) for score in self.flag_scores],
            "failures": [_failure_json(failure) for failure in self.failures],
        }


def _score_json(score: FlagScore) -> dict[str, Any]:
    return {
        "flag": score.flag, "tp": score.tp, "fp": score.fp, "fn": score.fn,
        "precision": score.precision, "recall": score.recall, "f1": score.f1,
        "scored": score.scored,
    }  # fmt: skip


def _failure_json(failure: Failure) -> dict[str, Any]:
    return {
        "id": failure.id, "line": failure.line_number,
        "missed": list(failure.missed), "extra": list(failure.extra),
        "tone_expected": failure.tone_expected, "tone_got": failure.tone_got,
        "depth_expected": failure.depth_expected, "depth_got": failure.depth_got,
    }  # fmt: skip


# ---------------------------------------------------------------- reading labelled lines


def read_labelled(path: Path) -> tuple[LabelledLine, ...]:
    """Every labelled line of a JSONL file; a bad line raises `FormatProblem` naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FormatProblem(f"{path}: cannot read the labelled set ({error})") from error
    return parse_labelled(text.splitlines(), source=str(path))


def parse_labelled(
    lines: Iterable[str], source: str = "<labelled set>"
) -> tuple[LabelledLine, ...]:
    """Parse JSONL lines (blank lines skipped); ids must be unique."""
    parsed: list[LabelledLine] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        line = _parse_line(raw, f"{source}, line {number}", number)
        if line.id in seen:
            raise FormatProblem(
                f"{source}, line {number}: id {line.id!r} is already used on line {seen[line.id]}"
            )
        seen[line.id] = number
        parsed.append(line)
    return tuple(parsed)


def _parse_line(raw: str, where: str, number: int) -> LabelledLine:
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as error:
        raise FormatProblem(f"{where}: not valid JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise FormatProblem(f"{where}: expected a JSON object, got {type(record).__name__}")
    unknown = sorted(set(record) - _KEYS)
    if unknown:
        raise FormatProblem(f"{where}: unknown key(s) {', '.join(unknown)}")
    identifier = record.get("id")
    if not isinstance(identifier, str | int) or isinstance(identifier, bool) or identifier == "":
        raise FormatProblem(f"{where}: 'id' must be a non-empty string or a number")
    flags = _flag_set(record, "flags", where, required=True)
    return LabelledLine(
        id=str(identifier),
        text=_string(record, "text", where, required=True) or "",
        context=_string(record, "context", where, required=False),
        flags=flags,
        maybe=_flag_set(record, "maybe", where, required=False) - flags,
        tone=_choice(record, "tone", TONES, where),
        depth=_choice(record, "depth", DEPTHS, where),
        line_number=number,
    )


def _string(record: dict[str, Any], key: str, where: str, *, required: bool) -> str | None:
    value = record.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise FormatProblem(f"{where}: '{key}' must be a string")
    return value


def _flag_set(record: dict[str, Any], key: str, where: str, *, required: bool) -> frozenset[str]:
    value = record.get(key)
    if value is None and not required:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise FormatProblem(f"{where}: '{key}' must be a list of flag names")
    unknown = sorted(set(value) - set(FLAGS))
    if unknown:
        raise FormatProblem(f"{where}: '{key}' holds unknown flag(s) {', '.join(unknown)}")
    return frozenset(value)


def _choice(record: dict[str, Any], key: str, allowed: tuple[str, ...], where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if value not in allowed:
        raise FormatProblem(f"{where}: '{key}' is {value!r}; expected one of {', '.join(allowed)}")
    return str(value)


# ---------------------------------------------------------------- scoring


def evaluate(lines: Sequence[LabelledLine], analyze: Analyzer | None = None) -> EvaluationReport:
    """Run `analyze` (the coach's by default) on every line and score it in the SPEC's rules."""
    run = analyze if analyze is not None else coach_analyze
    counts = {flag: [0, 0, 0] for flag in FLAGS}  # tp, fp, fn
    tone = [0, 0]  # correct, lines
    depth = [0, 0]
    failures: list[Failure] = []
    for line in lines:
        prediction = run(line.text, line.context)
        predicted = frozenset(prediction.flags)
        _count_flags(counts, line, predicted)
        tone_miss = _count_choice(tone, line.tone, prediction.tone)
        depth_miss = _count_choice(depth, line.depth, prediction.depth)
        failure = _failure(line, predicted, prediction, tone_miss, depth_miss)
        if failure is not None:
            failures.append(failure)
    return EvaluationReport(
        lines=len(lines),
        flag_scores=tuple(FlagScore(flag, *counts[flag]) for flag in FLAGS),
        tone_correct=tone[0],
        tone_lines=tone[1],
        depth_correct=depth[0],
        depth_lines=depth[1],
        failures=tuple(failures),
    )


def evaluate_file(path: Path, analyze: Analyzer | None = None) -> EvaluationReport:
    """Read a labelled JSONL file and score the analyzer on it."""
    return evaluate(read_labelled(path), analyze)


def _count_flags(
    counts: dict[str, list[int]], line: LabelledLine, predicted: frozenset[str]
) -> None:
    for flag in predicted & counts.keys():
        if flag in line.flags:
            counts[flag][0] += 1
        elif flag not in line.maybe:
            counts[flag][1] += 1
    for flag in line.flags - predicted:
        counts[flag][2] += 1


def _count_choice(tally: list[int], expected: str | None, got: str) -> bool:
    """Count one tone or depth answer; True when it was expected and missed."""
    if expected is None:
        return False
    tally[1] += 1
    if got == expected:
        tally[0] += 1
        return False
    return True


def _failure(
    line: LabelledLine,
    predicted: frozenset[str],
    prediction: Prediction,
    tone_miss: bool,
    depth_miss: bool,
) -> Failure | None:
    missed = tuple(flag for flag in FLAGS if flag in line.flags - predicted)
    extra = tuple(sorted(predicted - line.flags - line.maybe))
    if not (missed or extra or tone_miss or depth_miss):
        return None
    return Failure(
        id=line.id,
        line_number=line.line_number,
        missed=missed,
        extra=extra,
        tone_expected=line.tone if tone_miss else None,
        tone_got=prediction.tone if tone_miss else None,
        depth_expected=line.depth if depth_miss else None,
        depth_got=prediction.depth if depth_miss else None,
    )
