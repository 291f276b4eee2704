"""Scoring in the SPEC's rules on tiny files whose figures are known, bad lines, and the lint of
the project's labelled set (tests/data/coach)."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from tending.coach.evaluation import (
    DEPTHS,
    FLAGS,
    TONES,
    LabelledLine,
    evaluate,
    evaluate_file,
    parse_labelled,
    read_labelled,
)
from tending.domain.errors import FormatProblem
from tests.unit.coach.spec_tone import spec_tone

DATA = Path(__file__).resolve().parents[2] / "data" / "coach"


@dataclass(frozen=True)
class FakeAnswer:
    flags: tuple[str, ...]
    tone: str
    depth: str


class FakeAnalyzer:
    """Answers from a table by text, and remembers the context it was given."""

    def __init__(self, answers: dict[str, FakeAnswer]) -> None:
        self.answers = answers
        self.contexts: list[str | None] = []

    def __call__(self, text: str, context: str | None = None) -> FakeAnswer:
        self.contexts.append(context)
        return self.answers[text]


def jsonl(*records: dict[str, object]) -> list[str]:
    return [json.dumps(record) for record in records]


FOUR_LINES = jsonl(
    {
        "id": "a",
        "text": "A",
        "flags": ["blame", "absolute"],
        "tone": "corrective",
        "depth": "others",
    },
    {"id": "b", "text": "B", "flags": ["feeling"], "maybe": ["vulnerability"], "tone": "neutral"},
    {"id": "c", "text": "C", "flags": [], "tone": "neutral", "depth": "none"},
    {"id": "d", "text": "D", "flags": ["vulnerability"]},
)
FOUR_ANSWERS = {
    "A": FakeAnswer(("blame",), "corrective", "others"),
    "B": FakeAnswer(("feeling", "vulnerability"), "neutral", "experience"),
    "C": FakeAnswer(("blame",), "corrective", "event"),
    "D": FakeAnswer((), "neutral", "event"),
}


def test_counts_and_figures_per_flag() -> None:
    report = evaluate(parse_labelled(FOUR_LINES), FakeAnalyzer(FOUR_ANSWERS))
    blame = report.score("blame")
    assert (blame.tp, blame.fp, blame.fn) == (1, 1, 0)
    assert blame.precision == pytest.approx(0.5)
    assert blame.recall == pytest.approx(1.0)
    assert blame.f1 == pytest.approx(2 / 3)
    absolute = report.score("absolute")
    assert (absolute.tp, absolute.fp, absolute.fn, absolute.f1) == (0, 0, 1, 0.0)
    assert report.score("feeling").f1 == pytest.approx(1.0)
    # predicted on b where it is only `maybe`: neither TP nor FP; missed on d: one FN
    vulnerability = report.score("vulnerability")
    assert (vulnerability.tp, vulnerability.fp, vulnerability.fn) == (0, 0, 1)


def test_macro_f1_averages_only_flags_with_positives_or_predictions() -> None:
    report = evaluate(parse_labelled(FOUR_LINES), FakeAnalyzer(FOUR_ANSWERS))
    scored = {score.flag for score in report.flag_scores if score.scored}
    assert scored == {"blame", "absolute", "feeling", "vulnerability"}
    assert report.macro_f1 == pytest.approx((2 / 3 + 0 + 1 + 0) / 4)


def test_tone_and_depth_scored_only_where_given() -> None:
    report = evaluate(parse_labelled(FOUR_LINES), FakeAnalyzer(FOUR_ANSWERS))
    assert (report.tone_correct, report.tone_lines) == (2, 3)  # d gives no tone
    assert report.tone_accuracy == pytest.approx(2 / 3)
    assert (report.depth_correct, report.depth_lines) == (1, 2)  # b and d give no depth
    assert report.depth_accuracy == pytest.approx(0.5)


def test_failures_name_missed_and_extra_flags_tone_and_depth() -> None:
    report = evaluate(parse_labelled(FOUR_LINES), FakeAnalyzer(FOUR_ANSWERS))
    by_id = {failure.id: failure for failure in report.failures}
    assert sorted(by_id) == ["a", "c", "d"]
    assert (by_id["a"].missed, by_id["a"].extra, by_id["a"].line_number) == (("absolute",), (), 1)
    assert by_id["c"].extra == ("blame",)
    assert (by_id["c"].tone_expected, by_id["c"].tone_got) == ("neutral", "corrective")
    assert (by_id["c"].depth_expected, by_id["c"].depth_got) == ("none", "event")
    assert by_id["d"].missed == ("vulnerability",)
    assert by_id["d"].tone_expected is None and by_id["d"].depth_expected is None


def test_a_maybe_flag_left_out_is_not_a_false_negative() -> None:
    lines = parse_labelled(jsonl({"id": 1, "text": "x", "flags": ["bid"], "maybe": ["curiosity"]}))
    report = evaluate(lines, FakeAnalyzer({"x": FakeAnswer(("bid",), "neutral", "none")}))
    assert report.score("curiosity").scored is False
    assert report.macro_f1 == pytest.approx(1.0)
    assert report.failures == ()


def test_a_flag_both_labelled_and_maybe_counts_as_labelled() -> None:
    record = {"id": "m", "text": "x", "flags": ["bid"], "maybe": ["bid"]}
    line = parse_labelled(jsonl(record))[0]
    assert line.maybe == frozenset()
    report = evaluate([line], FakeAnalyzer({"x": FakeAnswer((), "neutral", "none")}))
    assert report.score("bid").fn == 1


def test_figures_are_none_when_nothing_can_be_scored() -> None:
    lines = parse_labelled(jsonl({"id": "q", "text": "x", "flags": []}))
    report = evaluate(lines, FakeAnalyzer({"x": FakeAnswer((), "neutral", "none")}))
    assert (report.macro_f1, report.tone_accuracy, report.depth_accuracy) == (None, None, None)
    assert report.lines == 1


def test_a_flag_outside_the_vocabulary_is_reported_as_extra() -> None:
    lines = parse_labelled(jsonl({"id": "q", "text": "x", "flags": ["bid"]}))
    report = evaluate(lines, FakeAnalyzer({"x": FakeAnswer(("bid", "sarcasm"), "neutral", "x")}))
    assert report.failures[0].extra == ("sarcasm",)
    assert report.macro_f1 == pytest.approx(1.0)


def test_the_context_is_passed_to_the_analyzer() -> None:
    record = {"id": "r", "text": "That makes sense.", "context": "I was upset.", "flags": []}
    fake = FakeAnalyzer({"That makes sense.": FakeAnswer((), "neutral", "none")})
    evaluate(parse_labelled(jsonl(record)), fake)
    assert fake.contexts == ["I was upset."]


def test_report_json_holds_every_figure(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(FOUR_LINES) + "\n\n", encoding="utf-8")
    data = evaluate_file(path, FakeAnalyzer(FOUR_ANSWERS)).to_json()
    assert data["lines"] == 4
    assert data["macro_f1"] == pytest.approx(5 / 12)
    assert data["tone_accuracy"] == pytest.approx(2 / 3)
    assert len(data["flags"]) == len(FLAGS)
    assert [failure["id"] for failure in data["failures"]] == ["a", "c", "d"]
    json.dumps(data)


# ---------------------------------------------------------------- bad lines

GOOD = {"id": "g", "text": "hello", "flags": []}


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({"id": "x", "flags": []}), "'text'"),
        (json.dumps({"id": "x", "text": "t"}), "'flags'"),
        (json.dumps({"text": "t", "flags": []}), "'id'"),
        (json.dumps({"id": "x", "text": "t", "flags": ["sulking"]}), "unknown flag(s) sulking"),
        (json.dumps({"id": "x", "text": "t", "flags": [], "maybe": ["x"]}), "'maybe'"),
        (json.dumps({"id": "x", "text": "t", "flags": "blame"}), "list of flag names"),
        (json.dumps({"id": "x", "text": "t", "flags": [], "tone": "warm"}), "'tone' is 'warm'"),
        (json.dumps({"id": "x", "text": "t", "flags": [], "depth": "deep"}), "'depth'"),
        (json.dumps({"id": "x", "text": "t", "flags": [], "flag": []}), "unknown key(s) flag"),
        (json.dumps({"id": "x", "text": 3, "flags": []}), "'text' must be a string"),
    ],
)
def test_a_bad_line_names_the_file_and_the_line(tmp_path: Path, raw: str, words: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOOD) + "\n\n" + raw + "\n", encoding="utf-8")
    with pytest.raises(FormatProblem) as caught:
        read_labelled(path)
    assert f"{path}, line 3" in caught.value.message
    assert words in caught.value.message


def test_a_repeated_id_names_both_lines() -> None:
    with pytest.raises(FormatProblem, match="line 2: id 'g' is already used on line 1"):
        parse_labelled(jsonl(GOOD, GOOD), source="set.jsonl")


def test_an_unreadable_file_is_a_format_problem(tmp_path: Path) -> None:
    with pytest.raises(FormatProblem, match="missing.jsonl"):
        read_labelled(tmp_path / "missing.jsonl")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(FormatProblem, match="binary.jsonl"):
        read_labelled(binary)


# ---------------------------------------------------------------- lint of the labelled set



@pytest.fixture(scope="module")
def parts() -> dict[str, tuple[LabelledLine, ...]]:
    return {name: read_labelled(DATA / f"{name}.jsonl") for name in ("dev", "heldout")}


def all_lines(parts: dict[str, tuple[LabelledLine, ...]]) -> list[LabelledLine]:
    return [line for lines in parts.values() for line in lines]


def test_the_set_is_large_and_split_about_seventy_thirty(parts: dict) -> None:
    total = len(all_lines(parts))
    assert total >= 900
    assert 0.25 <= len(parts["heldout"]) / total <= 0.35


def test_ids_and_texts_are_unique_across_both_parts(parts: dict) -> None:
    lines = all_lines(parts)
    assert len({line.id for line in lines}) == len(lines)
    repeated = [text for text, n in Counter(line.text for line in lines).items() if n > 1]
    assert repeated == []


def test_every_flag_has_25_positives_and_some_in_each_part(parts: dict) -> None:
    overall = Counter(flag for line in all_lines(parts) for flag in line.flags)
    thin = {flag: overall[flag] for flag in FLAGS if overall[flag] < 25}
    assert thin == {}
    for name, lines in parts.items():
        present = {flag for line in lines for flag in line.flags}
        assert set(FLAGS) - present == set(), name


def test_tone_follows_the_spec_rule_whatever_the_maybe_flags(parts: dict) -> None:
    wrong = [
        line.id
        for line in all_lines(parts)
        if line.tone is not None
        and not (line.tone == spec_tone(line.flags) == spec_tone(line.flags | line.maybe))
    ]
    assert wrong == []


def test_tone_and_depth_use_the_spec_vocabulary_and_are_given_on_most_lines(parts: dict) -> None:
    lines = all_lines(parts)
    assert {line.tone for line in lines} <= set(TONES) | {None}
    assert {line.depth for line in lines} <= set(DEPTHS) | {None}
    assert sum(line.tone is not None for line in lines) / len(lines) > 0.9


def test_maybe_stays_rare_and_apart_from_flags(parts: dict) -> None:
    lines = all_lines(parts)
    assert all(not (line.flags & line.maybe) for line in lines)
    assert sum(bool(line.maybe) for line in lines) / len(lines) < 0.15


def is_foreign_script(text: str) -> bool:
    """Letters, none of them Latin ASCII: Cyrillic, Chinese, Arabic and so on."""
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and not any(char.isascii() for char in letters)


def test_hard_negatives_and_other_languages_are_there(parts: dict) -> None:
    lines = all_lines(parts)
    empty = [line for line in lines if not line.flags]
    assert len(empty) / len(lines) > 0.15
    foreign = [line for line in lines if is_foreign_script(line.text)]
    assert len(foreign) >= 10
    for line in foreign:
        assert (line.flags, line.tone, line.depth) == (frozenset(), "neutral", "none"), line.id


def load_split_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("coach_split", DATA / "split.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_split_is_the_seeded_split(parts: dict) -> None:
    split = load_split_script()
    pooled = split.read_lines([DATA / "dev.jsonl", DATA / "heldout.jsonl"])
    dev, heldout = split.split(pooled)
    assert [line["id"] for line in dev] == [line.id for line in parts["dev"]]
    assert [line["id"] for line in heldout] == [line.id for line in parts["heldout"]]


def test_the_yardstick_and_the_coach_share_the_spec_vocabulary() -> None:
    import tending.coach as coach

    assert set(FLAGS) == set(coach.FLAGS)
    assert set(TONES) == set(coach.TONES)
    assert set(DEPTHS) == set(coach.DEPTHS)
