"""The second opinion: a linear model over the words of a message, learned from the project's
own labelled sets, that adds a flag the rules missed when it is sure of it and takes back a
rule's flag when it is sure the flag is not there.

The rules read meaning from patterns; they miss wordings no pattern foresaw and now and then
fire on a look-alike. The model reads which words, word classes of `lexicon.tsv` and pairs of
them go with each flag across every labelled line (`training.py` fits it; `learned.json` holds
its weights, with the fingerprint of what it was fitted on). Its answers are explained like the
rules': a flag it adds comes with the words that weighed most for it. It never adds or takes
back `safety`: urgent help is left to the rules, which say exactly what they saw.

Features (the same in training and here): the tokens of the normalized text (words, and any
other single character such as an emoji or '?'), each word's class ('#feeling'), the pairs of
neighbouring tokens and of neighbouring classes, and the first token or class ('<s> i').
"""

from __future__ import annotations

import json
import math
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tending.coach.data_files import read_data_text
from tending.coach.lexicon import Lexicon
from tending.coach.model import FLAGS
from tending.domain.errors import FormatProblem

NAME = "learned.json"
FEATURES_VERSION = 1  # bump when `features` changes: the shipped weights must be fitted again
TOKEN = re.compile(r"[a-z']+|[^\sa-z']")
NEVER = frozenset({"safety"})  # flags the model neither adds nor takes back
NEAR = 4  # tokens on each side of a rule's span that the model reads before taking it back
WHY = "worded like the {flag} messages of the coach's labelled examples"


def class_map(lexicon: Lexicon) -> dict[str, str]:
    """One-word members of the lexicon's classes -> '#class' (the first class by name)."""
    found: dict[str, str] = {}
    for name in sorted(lexicon.classes):
        for entry in lexicon.classes[name]:
            if " " not in entry:
                found.setdefault(entry, "#" + name)
    return found


def features(text: str, classes: dict[str, str]) -> set[str]:
    """The features of a normalized text (see the module's docstring; `feature_spans` finds
    the same ones with where they are, more slowly)."""
    tokens = TOKEN.findall(text)
    if not tokens:
        return set()
    kinds = [classes.get(token, token) for token in tokens]
    found = set(tokens)
    found.update(kinds)
    found.add("<s> " + kinds[0])
    found.update([a + " " + b for a, b in zip(tokens, tokens[1:], strict=False)])
    found.update([a + " " + b for a, b in zip(kinds, kinds[1:], strict=False)])
    return found


def feature_spans(text: str, classes: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Each feature of `text` with the span of its first occurrence (for the evidence)."""
    found = list(TOKEN.finditer(text))
    spans: dict[str, tuple[int, int]] = {}
    for feature, span in _spans([m.group() for m in found], found, classes):
        spans.setdefault(feature, span)
    return spans


def _spans(
    tokens: list[str], found: list[re.Match[str]] | None, classes: dict[str, str]
) -> Iterable[tuple[str, tuple[int, int]]]:
    if not tokens:
        return
    kinds = [classes.get(token, token) for token in tokens]

    def span(first: int, last: int) -> tuple[int, int]:
        return (found[first].start(), found[last].end()) if found else (0, 0)

    yield "<s> " + kinds[0], span(0, 0)
    for index, token in enumerate(tokens):
        yield token, span(index, index)
        if kinds[index] != token:
            yield kinds[index], span(index, index)
        if index:
            yield tokens[index - 1] + " " + token, span(index - 1, index)
            pair = kinds[index - 1] + " " + kinds[index]
            if pair != tokens[index - 1] + " " + token:
                yield pair, span(index - 1, index)


@dataclass(frozen=True, slots=True)
class Opinion:
    """What the model would change: flags to add and flags of the rules to take back (the
    words behind an added flag are found by `LearnedModel.evidence`, only when shown)."""

    added: tuple[str, ...]
    taken_back: frozenset[str]


NO_CHANGE = Opinion((), frozenset())


class LearnedModel:
    """The fitted weights: a bias per flag and, per feature, (flag number, weight) pairs.

    For speed, each feature's weights are also packed into one integer: flag f's weight, in
    thousandths and raised by OFFSET so that it is never negative, in bits 64f to 64f+63. A
    message's features then add up with one integer addition each instead of one per flag,
    and the sums of all flags come out of the total together (`_unpack`); the fields cannot
    overflow into each other below 2**23 features.
    """

    def __init__(self, document: dict[str, Any], classes: dict[str, str]) -> None:
        self.fingerprint: str = document["fingerprint"]
        self.bias: tuple[float, ...] = tuple(document["bias"])
        self.weights: dict[str, tuple[tuple[int, float], ...]] = {
            feature: tuple((int(flag), float(weight)) for flag, weight in row)
            for feature, row in document["weights"].items()
        }
        self._packed = {feature: _pack(row) for feature, row in self.weights.items()}
        self.add_above = _logit(document["add_above"])
        self.take_back_below = _logit(document["take_back_below"])
        self.classes = classes
        self._guarded = tuple(FLAGS.index(flag) for flag in NEVER)

    def scores(self, text: str) -> list[float]:
        """The model's log-odds of every flag (in FLAGS order) for a normalized text."""
        packed = self._packed
        total = count = 0
        for feature in features(text, self.classes):
            row = packed.get(feature)
            if row is not None:
                total += row
                count += 1
        return _unpack(total, count, self.bias)

    def opinion(self, text: str, found: dict[str, list[tuple[int, int]]]) -> Opinion:
        """What to add to and take back from the rules' flags for a normalized text.

        `found` holds each flag of the rules with the spans that raised it. A flag is taken
        back only when the model is sure it is absent from the whole text and from the words
        around every span that raised it (a long message drifts low on every flag; "you never
        listen to me, and I feel so lonely" is still blame where the blame was said).
        """
        total = self.scores(text)
        for guarded in self._guarded:
            total[guarded] = 0.0  # between the two lines: neither added nor taken back
        added = tuple(
            FLAGS[i] for i, score in enumerate(total)
            if score > self.add_above and FLAGS[i] not in found
        )  # fmt: skip
        taken = frozenset(
            flag for flag, spans in found.items()
            if flag in FLAG_NUMBER and total[FLAG_NUMBER[flag]] < self.take_back_below
            and self._absent_near(text, FLAG_NUMBER[flag], spans)
        )  # fmt: skip
        if not added and not taken:
            return NO_CHANGE
        return Opinion(added, taken)

    def _absent_near(self, text: str, flag: int, spans: list[tuple[int, int]]) -> bool:
        tokens = list(TOKEN.finditer(text))
        for start, end in spans:
            inside = [i for i, m in enumerate(tokens) if m.end() > start and m.start() < end]
            if inside:
                first = tokens[max(0, inside[0] - NEAR)].start()
                last = tokens[min(len(tokens) - 1, inside[-1] + NEAR)].end()
                start, end = first, last
            if self.scores(text[start:end])[flag] >= self.take_back_below:
                return False
        return True

    def evidence(self, text: str, flag: str) -> tuple[int, int]:
        """The span of the feature that weighed most for `flag` in `text`."""
        number = FLAG_NUMBER[flag]
        best, span = -math.inf, (0, len(text))
        for feature, where in feature_spans(text, self.classes).items():
            for flag_number, weight in self.weights.get(feature, ()):
                if flag_number == number and weight > best and where[1] > where[0]:
                    best, span = weight, where
        return span


FLAG_NUMBER = {flag: number for number, flag in enumerate(FLAGS)}
OFFSET = 1 << 40  # added to every packed weight (in thousandths), so no field goes negative
FIELDS = struct.Struct(f"<{len(FLAGS)}Q")


def _pack(row: tuple[tuple[int, float], ...]) -> int:
    weights = dict(row)
    return sum(
        (OFFSET + round(weights.get(flag, 0.0) * 1000)) << (64 * flag) for flag in range(len(FLAGS))
    )


def _unpack(total: int, count: int, bias: tuple[float, ...]) -> list[float]:
    base = count * OFFSET
    fields = FIELDS.unpack(total.to_bytes(FIELDS.size, "little"))
    return [(field - base) / 1000 + start for field, start in zip(fields, bias, strict=True)]


def _logit(probability: float) -> float:
    return math.log(probability / (1 - probability))


def load_learned(lexicon: Lexicon) -> LearnedModel:
    """The packaged weights, checked: every flag number, weight and threshold in range."""
    try:
        document = json.loads(read_data_text(NAME))
    except json.JSONDecodeError as error:
        raise FormatProblem(f"{NAME}: not valid JSON ({error.msg}, line {error.lineno})") from None
    check_document(document)
    return LearnedModel(document, class_map(lexicon))


def check_document(document: Any) -> None:
    """Raise FormatProblem naming the first thing wrong with a weights document."""
    if not isinstance(document, dict):
        raise FormatProblem(f"{NAME}: expected a JSON object")
    missing = {"provenance", "fingerprint", "features_version", "flags", "bias", "weights",
               "add_above", "take_back_below"} - set(document)  # fmt: skip
    if missing:
        raise FormatProblem(f"{NAME}: missing {', '.join(sorted(missing))}")
    if document["flags"] != list(FLAGS):
        raise FormatProblem(f"{NAME}: flags: not the coach's flags in the coach's order")
    if document["features_version"] != FEATURES_VERSION:
        raise FormatProblem(
            f"{NAME}: features_version {document['features_version']!r} is not "
            f"{FEATURES_VERSION}: fit the weights again (python -m tending.coach.training)"
        )
    bias = document["bias"]
    if not (isinstance(bias, list) and len(bias) == len(FLAGS) and all(map(_number, bias))):
        raise FormatProblem(f"{NAME}: bias: expected {len(FLAGS)} numbers")
    for key in ("add_above", "take_back_below"):
        if not (_number(document[key]) and 0 < document[key] < 1):
            raise FormatProblem(f"{NAME}: {key}: expected a probability between 0 and 1")
    if not isinstance(document["weights"], dict):
        raise FormatProblem(f"{NAME}: weights: expected an object of feature -> pairs")
    for feature, row in document["weights"].items():
        if not isinstance(row, list) or not all(_pair(item) for item in row):
            raise FormatProblem(
                f"{NAME}: weights[{feature!r}]: expected [flag number, weight] pairs"
            )


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _pair(item: object) -> bool:
    return (
        isinstance(item, list) and len(item) == 2 and isinstance(item[0], int)
        and 0 <= item[0] < len(FLAGS) and _number(item[1])
    )  # fmt: skip
