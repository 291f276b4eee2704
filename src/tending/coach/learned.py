"""The second opinion: a linear model over the words of a message, learned from the project's
own labelled sets, that adds a flag the rules missed when it is sure of it and takes back a
rule's flag when it is sure the flag is not there.

The rules read meaning from patterns; they miss wordings no pattern foresaw and now and then
fire on a look-alike. The model reads which words, word classes of `lexicon.tsv` and pairs of
them go with each flag across every labelled line (`training.py` fits it; `learned.tsv` holds
its weights, with the fingerprint of what it was fitted on). Its answers are explained like the
rules': a flag it adds comes with the words that weighed most for it. It never takes back
`safety`, and adds it only as the safety net: the `safety` column is fitted apart, on the sets
that include dev13 (danger in many wordings), and adds `safety` when both the whole message and
some `safety_window` tokens of it are above its line (a long text's many weak words cannot add
up to danger that no phrase of it says). A weights file without `safety_window` has no net.

The features it reads (the same in training and here) are `learned_features.py`'s; the marks of
the message a reply answers weigh only for the listening flags and only when the model adds a
flag, so a reply's flags can depend on what was said before while taking a flag back stays a
matter of the text.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from functools import partial

from tending.coach.data_files import read_data_text
from tending.coach.learned_features import (
    CONTEXT,
    TOKEN,
    Key,
    class_map,
    context_features,
    feature_keys,
    feature_spans,
    key,
)
from tending.coach.learned_file import BIAS, NAME, pairs, parse_learned
from tending.coach.lexicon import Lexicon
from tending.coach.model import FLAGS, Record

try:  # the same sums in C (`_scoring.c`, built by setup.py where a C compiler is found)
    from tending.coach._scoring import Scorer
except ImportError:  # pragma: no cover - an install without a compiler: the packed sums below
    Scorer = None  # type: ignore[assignment,misc]

NEVER = frozenset({"safety"})  # flags the model never takes back (nor adds, but as the net)
SAFETY = "safety"
PHRASE = 6  # tokens of the evidence shown for a `safety` the net added
NEAR = 4  # tokens on each side of a rule's span that the model reads before taking it back
WHY = "these words often carry {flag} (learned from the coach's labelled examples)"
SAFETY_WHY = ("these words often come with danger to someone (learned from the coach's labelled "
              "examples of danger)")  # fmt: skip


def why(flag: str) -> str:
    """The reason shown with a flag the model added."""
    return SAFETY_WHY if flag == SAFETY else WHY.format(flag=flag.replace("_", " "))


class Opinion(Record):
    """What the model would change: flags to add and flags of the rules to take back (the
    words behind an added flag are found by `LearnedModel.evidence`, only when shown)."""

    __slots__ = ("added", "taken_back", "context_matters")
    __match_args__ = ("added", "taken_back", "context_matters")
    added: tuple[str, ...]
    taken_back: frozenset[str]
    context_matters: bool  # whether another message answered could change this

    def __init__(
        self, added: tuple[str, ...], taken_back: frozenset[str], context_matters: bool = False
    ) -> None:
        _set(self, "added", added)
        _set(self, "taken_back", taken_back)
        _set(self, "context_matters", context_matters)


_set = object.__setattr__
NO_CHANGE = Opinion((), frozenset())
NO_CHANGE_HERE = Opinion((), frozenset(), True)  # none with this context; another could differ
Answered = str | Callable[[], str] | None  # the normalized message answered, or how to get it


class LearnedModel:
    """The fitted weights: a bias per flag and, per feature, (flag number, weight) pairs.

    A feature's row is read from the file's text the first time a message holds that feature
    (loading stays cheap), and kept packed into one integer: flag f's weight, in thousandths
    and raised by OFFSET so that it is never negative, in bits 64f to 64f+63. A message's
    features then add up with one integer addition each instead of one per flag, and the sums
    of all flags come out of the total together (`_unpack`); the fields cannot overflow into
    each other below 2**23 features.

    Where the C scorer is built (`compiled`, the default when it is), it does the same
    integer sums (every weight read at load, in about 2 ms) and the packed path is not used;
    `opinion` is then the scorer's own, deciding all of the method below in one C call (about
    1 µs a message instead of 3.5; the method stays the pure-Python twin it is held to, and
    `LearnedModel.opinion(model, ...)` runs it over the C sums).
    """

    def __init__(
        self, header: dict[str, str], rows: dict[str, str], classes: dict[str, str],
        *, compiled: bool | None = None,
    ):
        self.fingerprint = header["fingerprint"]
        self.bias: tuple[float, ...] = tuple(_bias(rows.pop(BIAS)))
        self.add_above = _logit(float(header["add_above"]))
        own = _own_lines(header.get("add_above_for", ""))  # flags with a line of their own
        self.take_back_below = _logit(float(header["take_back_below"]))
        self.classes = classes
        # the safety net's window in tokens (0: no net, `safety` is never added)
        self.safety_window = int(header.get("safety_window", "0"))
        # the marks of the message answered: each one's (flag, weight in thousandths) pairs,
        # and how far they can move each flag's sum at most, up (`_lift`) and down (`_drop`)
        self._context = {
            name: tuple((flag, round(weight * 1000)) for flag, weight in pairs(rows.pop(name)))
            for name in [name for name in rows if name.startswith(CONTEXT)]
        }  # fmt: skip
        self._lift, self._drop = _reach(self._context)
        self._rows = rows  # feature -> "flag:weight flag:weight", as in the file
        self._parsed: dict[str, tuple[tuple[int, float], ...]] = {}  # `row`'s answers so far
        if compiled is None:
            compiled = Scorer is not None
        if compiled and Scorer is None:
            raise RuntimeError("the C scorer (tending.coach._scoring) is not built")
        self.compiled = compiled
        # a flag is above the line to add it when its sum, in thousandths, reaches its line
        self._lines = [math.floor((own.get(flag, self.add_above) - bias) * 1000) + 1
                       for flag, bias in zip(FLAGS, self.bias, strict=True)]  # fmt: skip
        # bit f set: flag f may be added (`safety` only by the net)
        addable = sum(1 << f for f, flag in enumerate(FLAGS)
                      if flag not in NEVER or (flag == SAFETY and self.safety_window))  # fmt: skip
        # bit f set: the message answered can move flag f's sum (then its line is lowered by
        # as much as it can lift, and a flag near its line is looked at again, `_answered`)
        self._lifted = sum(1 << f for f, (up, down) in enumerate(zip(self._lift, self._drop,
                                                                      strict=True)) if up or down)
        lines = [line - lift for line, lift in zip(self._lines, self._lift, strict=True)]
        self._scorer = Scorer(rows, classes, lines, addable) if compiled else None
        if self._scorer is not None:  # `opinion` decided whole in C, with the same lines
            takeable = sum(1 << number for number in TAKEABLE.values())
            take_lines = [_take_line(bias, self.take_back_below) for bias in self.bias]
            self._scorer.configure(
                FLAG_NUMBER, self._lines, self._drop, self._lifted, take_lines, takeable,
                SAFETY_NUMBER, self.safety_window, NEAR, NO_CHANGE, NO_CHANGE_HERE, _opinion_of,
                partial(_context_lifts, self._context, self.classes),
            )  # fmt: skip
            self.opinion = self._scorer.opinion  # type: ignore[method-assign]
        # The pure-Python sums (without the C scorer): each row replaced by its packed
        # integer the first time a message holds it. Is any flag above its line? With each
        # field raised by 2**62 less its line, bit 62 of a field is set exactly when its sum
        # reaches the line: one AND over all flags at once.
        self._table: dict[Key, int | str] = (
            {} if compiled else {key(name): row for name, row in rows.items()}
        )
        self._raise = sum(((1 << 62) - line) << (64 * f) for f, line in enumerate(lines))
        self._top_bits = sum(1 << (64 * f + 62) for f in range(len(FLAGS)) if addable >> f & 1)

    def row(self, feature: str) -> tuple[tuple[int, float], ...]:
        """A feature's (flag number, weight) pairs; () for a feature the model does not know.

        Read from the file's text once per feature (the evidence of an added flag asks for
        every feature of its message: about 90 µs a message when each was read every time)."""
        found = self._parsed.get(feature)
        if found is None:
            raw = self._rows.get(feature)
            if not raw:
                return ()  # (not kept: only the model's own features, so the cache is bounded)
            found = self._parsed[feature] = pairs(raw)
        return found

    def _sum(self, text: str) -> tuple[int, int]:
        """The packed sum of the rows of the features of `text`, and how many there were."""
        table = self._table
        rows = [*filter(None, map(table.get, feature_keys(text, self.classes)))]
        try:
            return sum(rows), len(rows)  # type: ignore[arg-type]
        except TypeError:  # a row read for the first time: pack it once, then add again
            for feature in feature_keys(text, self.classes):
                row = table.get(feature)
                if isinstance(row, str):
                    table[feature] = _pack(pairs(row))
            return self._sum(text)

    def scores(self, text: str) -> list[float]:
        """The model's log-odds of every flag (in FLAGS order) for a normalized text."""
        if self._scorer is not None:
            sums = self._scorer.sums(text)[1]
            return [total / 1000 + bias for total, bias in zip(sums, self.bias, strict=True)]
        total, count = self._sum(text)
        return _unpack(total, count, self.bias)

    def opinion(
        self, text: str, found: dict[str, list[tuple[int, int]]], context: Answered = None
    ) -> Opinion:
        """What to add to and take back from the rules' flags for a normalized text.

        `found` holds each flag of the rules with the spans that raised it. A flag is taken
        back only when the model is sure it is absent from the whole text and from the words
        around every span that raised it (a long message drifts low on every flag; "you never
        listen to me, and I feel so lonely" is still blame where the blame was said).
        `context` is the normalized message answered (or a function that gives it, called only
        when it can change the answer); `Opinion.context_matters` says whether another message
        answered (or none) could have changed it.
        """
        if self._scorer is not None:
            if not found and not self._scorer.above(text):  # the usual case: one C call
                return NO_CHANGE
            above, sums = self._scorer.sums(text)  # bit f of `above`: flag f is above its line
        else:
            total, count = self._sum(text)
            packed = (total - count * ALL_OFFSETS + self._raise) & self._top_bits
            if not packed and not found:
                return NO_CHANGE
            above = sum(1 << f for f in range(len(FLAGS)) if packed >> (64 * f + 62) & 1)
            sums = tuple(_totals(total, count))
        matters = False
        if above & self._lifted:  # near its line: what was answered can decide
            above, matters = self._answered(above, sums, found, context)
        if above >> SAFETY_NUMBER & 1 and (SAFETY in found or not self._said_within(text)):
            above &= ~(1 << SAFETY_NUMBER)
        added = tuple(
            flag for f, flag in enumerate(FLAGS) if above >> f & 1 and flag not in found
        ) if above else ()  # fmt: skip
        taken = frozenset(
            flag for flag, spans in found.items()
            if (number := TAKEABLE.get(flag)) is not None
            and sums[number] / 1000 + self.bias[number] < self.take_back_below
            and self._absent_near(text, number, spans)
        )  # fmt: skip
        if not added and not taken:
            return NO_CHANGE_HERE if matters else NO_CHANGE
        return Opinion(added, taken, matters)

    def _answered(
        self, near: int, sums: tuple[int, ...], found: dict[str, list[tuple[int, int]]],
        context: Answered,
    ) -> tuple[int, bool]:
        """The flags above their lines once the marks of the message answered are added
        (`near`: the flags above their lines lowered by what those marks can lift), and
        whether another message answered could change that."""
        above = near & ~self._lifted
        matters = False
        lifts: list[int] | None = None
        for number in range(len(FLAGS)):
            if not (near & self._lifted) >> number & 1:
                continue
            total, line = sums[number], self._lines[number]
            if total >= line - self._drop[number]:  # above whatever was answered
                above |= 1 << number
                continue
            if FLAGS[number] in found:  # (never added)
                continue
            matters = True
            if lifts is None:
                lifts = self._context_sums(context)
            if total + lifts[number] >= line:
                above |= 1 << number
        return above, matters

    def _context_sums(self, context: Answered) -> list[int]:
        """Each flag's sum, in thousandths, of the marks of the message answered."""
        return _context_lifts(self._context, self.classes, context)

    def _said_within(self, text: str) -> bool:
        """Whether some `safety_window` tokens of `text` are above the safety net's line on
        their own (a text no longer than that is its own window; asked only of a text whose
        whole is above the line, which is rare)."""
        tokens = [match.span() for match in TOKEN.finditer(text)]
        width, line = self.safety_window, self._lines[SAFETY_NUMBER]
        if len(tokens) <= width:
            return True
        return any(
            self._total(text[tokens[first][0]:tokens[first + width - 1][1]], SAFETY_NUMBER) >= line
            for first in range(len(tokens) - width + 1)
        )  # fmt: skip

    def _phrase(self, text: str) -> tuple[int, int]:
        """The `PHRASE` tokens of `text` in a row whose features weigh most for safety (the
        first such; the whole text when it is shorter)."""
        tokens = [match.span() for match in TOKEN.finditer(text)]
        if len(tokens) <= PHRASE:
            return (tokens[0][0], tokens[-1][1]) if tokens else (0, len(text))
        spans = [(tokens[first][0], tokens[first + PHRASE - 1][1])
                 for first in range(len(tokens) - PHRASE + 1)]  # fmt: skip
        weights = [self._total(text[start:end], SAFETY_NUMBER) for start, end in spans]
        return spans[weights.index(max(weights))]

    def _total(self, text: str, flag: int) -> int:
        """One flag's sum, in thousandths, of the rows of the features of `text`."""
        if self._scorer is not None:
            return self._scorer.sums(text)[1][flag]
        return _totals(*self._sum(text))[flag]

    def _absent_near(self, text: str, flag: int, spans: list[tuple[int, int]]) -> bool:
        tokens = [match.span() for match in TOKEN.finditer(text)]
        for start, end in spans:
            inside = [i for i, (left, right) in enumerate(tokens) if right > start and left < end]
            if inside:
                start = tokens[max(0, inside[0] - NEAR)][0]
                end = tokens[min(len(tokens) - 1, inside[-1] + NEAR)][1]
            if self._score(text[start:end], flag) >= self.take_back_below:
                return False
        return True

    def _score(self, text: str, flag: int) -> float:
        """The model's log-odds of one flag for a normalized text (`scores`, one flag)."""
        if self._scorer is not None:
            return self._scorer.sums(text)[1][flag] / 1000 + self.bias[flag]
        return self.scores(text)[flag]

    def evidence(self, text: str, flag: str) -> tuple[int, int]:
        """The span of the feature that weighed most for `flag` in `text` (for `safety`, of
        the `PHRASE` tokens in a row that weigh most: its weights are spread over many words,
        and "i" alone would show nothing of the danger). Found by the C scorer where it is
        built (about 1 µs instead of 18), else by `_evidence`, its pure-Python twin."""
        if self._scorer is not None:
            return self._scorer.evidence(text, FLAG_NUMBER[flag], PHRASE if flag == SAFETY else 0)
        return self._evidence(text, flag)

    def _evidence(self, text: str, flag: str) -> tuple[int, int]:
        """`evidence` in Python (the first feature of `feature_spans` with the heaviest
        weight for the flag)."""
        if flag == SAFETY:
            return self._phrase(text)
        number = FLAG_NUMBER[flag]
        best, span = -math.inf, (0, len(text))
        for feature, where in feature_spans(text, self.classes).items():
            for flag_number, weight in self.row(feature):
                if flag_number == number and weight > best and where[1] > where[0]:
                    best, span = weight, where
        return span


FLAG_NUMBER = {flag: number for number, flag in enumerate(FLAGS)}
SAFETY_NUMBER = FLAG_NUMBER[SAFETY]
TAKEABLE = {flag: number for flag, number in FLAG_NUMBER.items() if flag not in NEVER}
OFFSET = 1 << 40  # added to every packed weight (in thousandths), so no field goes negative
KEPT_OPINIONS = 4096  # at most this many `_opinion_of` answers kept
ALL_OFFSETS = sum(OFFSET << (64 * flag) for flag in range(len(FLAGS)))
FIELDS = struct.Struct(f"<{len(FLAGS)}Q")


def _context_lifts(
    rows: dict[str, tuple[tuple[int, int], ...]], classes: dict[str, str], context: Answered
) -> list[int]:
    """Each flag's sum, in thousandths, of the marks (`rows`) of the message answered."""
    lifts = [0] * len(FLAGS)
    answered = context() if callable(context) else context
    if answered:
        for name in context_features(answered, classes):
            for flag, weight in rows.get(name, ()):
                lifts[flag] += weight
    return lifts


def _take_line(bias: float, take_back_below: float) -> int:
    """The least sum, in thousandths, at which `sum / 1000 + bias < take_back_below` (the
    test of `opinion` and `_absent_near`) no longer holds: the same test on integers. (Each
    step of it rounds monotonically, so it holds below one sum and never from there on.)"""
    low, high = -(1 << 60), 1 << 60  # it holds at `low` and not at `high`
    while high - low > 1:
        middle = (low + high) // 2
        if middle / 1000 + bias < take_back_below:
            low = middle
        else:
            high = middle
    return high


_made: dict[tuple[int, int, bool], Opinion] = {}  # the C scorer's opinions that change a flag


def _opinion_of(added: int, taken: int, matters: bool) -> Opinion:
    """The `Opinion` of the masks the C scorer decided (bit f for flag f), one object kept
    for each (few differ: a value object is the same whichever equal object holds it)."""
    made = _made.get((added, taken, matters))
    if made is None:
        made = Opinion(
            tuple(flag for f, flag in enumerate(FLAGS) if added >> f & 1),
            frozenset(flag for f, flag in enumerate(FLAGS) if taken >> f & 1),
            matters,
        )  # fmt: skip
        if len(_made) < KEPT_OPINIONS:
            _made[(added, taken, matters)] = made
    return made


def _pack(row: tuple[tuple[int, float], ...]) -> int:
    # exact: each field stays OFFSET + weight, inside [0, 2**64), whatever the signs
    return ALL_OFFSETS + sum(round(weight * 1000) << (64 * flag) for flag, weight in row)


def _unpack(total: int, count: int, bias: tuple[float, ...]) -> list[float]:
    return [field / 1000 + start for field, start in zip(_totals(total, count), bias, strict=True)]


def _totals(total: int, count: int) -> list[int]:
    """Each flag's sum, in thousandths, out of a packed total of `count` rows."""
    base = count * OFFSET
    return [field - base for field in FIELDS.unpack(total.to_bytes(FIELDS.size, "little"))]


def _reach(rows: dict[str, tuple[tuple[int, int], ...]]) -> tuple[list[int], list[int]]:
    """How far the marks of a message answered can move each flag's sum at most, up and down
    (in thousandths: every mark's weight of that sign, as one message can hold them all)."""
    up, down = [0] * len(FLAGS), [0] * len(FLAGS)
    for row in rows.values():
        for flag, weight in row:
            if weight > 0:
                up[flag] += weight
            else:
                down[flag] += weight
    return up, down


def _bias(raw: str) -> list[float]:
    weights = dict(pairs(raw))
    return [weights[flag] for flag in range(len(FLAGS))]


def _logit(probability: float) -> float:
    return math.log(probability / (1 - probability))


def load_learned(lexicon: Lexicon) -> LearnedModel:
    """The packaged weights, checked whole on load (one regular expression over the rows)."""
    header, rows = parse_learned(read_data_text(NAME))
    return LearnedModel(header, rows, class_map(lexicon))


def _own_lines(raw: str) -> dict[str, float]:
    """`add_above_for` ('feeling:0.8 ...': flags added above a probability of their own) as
    each flag's line in log-odds."""
    return {flag: _logit(float(p)) for flag, _, p in (pair.partition(":") for pair in raw.split())}
