"""The second opinion scored in C (coach/_scoring.c) held to the pure-Python packed sums of
learned.py: the same opinions and scores on the labelled lines, on random Unicode and on long
texts, and the same answers from the whole coach; malformed weights refused. Under CI the C
scorer must be built and used (a build without a C compiler falls back to the pure path)."""

from __future__ import annotations

import itertools
import json
import os
import random
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import learned
from tending.coach.analyzer import Coach, load_coach
from tending.coach.data_files import read_data_text
from tending.coach.learned import LearnedModel
from tending.coach.learned_features import class_map
from tending.coach.learned_file import NAME, pairs, parse_learned
from tending.coach.model import FLAGS
from tending.coach.rules import load_engine
from tests.unit.coach.test_read import labelled_lines

DATA = Path(__file__).parents[2] / "data" / "coach"
BUILT = learned.Scorer is not None
pytestmark = pytest.mark.skipif(
    not BUILT and not os.environ.get("CI"),
    reason="the C scorer is not built here (installed without a C compiler)",
)


def _models() -> tuple[LearnedModel, LearnedModel]:
    header, rows = parse_learned(read_data_text(NAME))
    classes = class_map(load_coach().lexicon)
    compiled = LearnedModel(header, dict(rows), classes, compiled=True)
    return compiled, LearnedModel(header, dict(rows), classes, compiled=False)


COMPILED, PACKED = _models() if BUILT else (None, None)
SHAPES: tuple[dict[str, list[tuple[int, int]]], ...] = (
    {},
    {"blame": [(0, 8)]},
    {"feeling": [(0, 4), (10, 30)], "request": [(2, 6)], "safety": [(0, 3)]},
)


def _agree(text: str, context: str | None = None) -> None:
    assert COMPILED is not None and PACKED is not None
    assert COMPILED.scores(text) == PACKED.scores(text)
    for found in SHAPES:
        assert COMPILED.opinion(text, found) == PACKED.opinion(text, found), (text, found)
        if context is not None:
            compiled = COMPILED.opinion(text, found, context)
            assert compiled == PACKED.opinion(text, found, context), (text, found, context)


def _labelled_texts() -> list[tuple[str, str | None]]:
    normalize = load_coach().engine.normalizer.normalize
    return [
        (normalize(text).text, normalize(context).text if context else None)
        for name, _, text, context in labelled_lines()
        if name != "heldout.jsonl"
    ]


def test_the_c_scorer_gives_the_packed_sums_on_every_labelled_line() -> None:
    texts = _labelled_texts()
    assert len(texts) > 5000
    assert sum(context is not None for _, context in texts) > 300
    for text, context in texts:
        _agree(text, context)


WORDS = ["you", "never", "always", "i", "feel", "lonely", "sad", "love", "sorry", "please",
         "can", "we", "talk", "don't", "emo_heart", "?", "!", "🙂", "ß", "İ"]  # fmt: skip
SPACES = [" ", "  ", "\n", "\t", "\u2003", "\x1c", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(SPACES), st.text(max_size=4)),
             max_size=40)
)  # fmt: skip
def test_the_c_scorer_reads_any_text_as_the_packed_sums_do(pieces: list[str]) -> None:
    _agree("".join(pieces))


def test_texts_longer_than_the_stack_buffers_are_read_the_same() -> None:
    text = " ".join(["you never listen to me and i feel so lonely"] * 3000)  # 129,000 chars
    _agree(text)
    _agree("a" * 300)  # one token longer than the stack's room for code points
    _agree("")


def test_the_whole_coach_answers_the_same_with_either_scorer() -> None:
    compiled = load_coach()
    assert compiled.learned.compiled
    packed = Coach(load_engine())
    packed.learned = PACKED  # type: ignore[assignment]
    texts = [json.loads(line) for line in (DATA / "dev6.jsonl").read_text().splitlines()]
    for line in texts:
        text, context = line["text"], line.get("context")
        assert compiled.analyze(text, context).to_json() == packed.analyze(text, context).to_json()
        assert compiled.read(text, context) == packed.read(text, context)


def test_malformed_weights_are_refused_with_the_row_named() -> None:
    assert learned.Scorer is not None
    lines, everything = [1] * len(FLAGS), (1 << len(FLAGS)) - 1
    # (a weight is kept in 26 bits of thousandths: the file's at most 9999.999 fit)
    for row in ("5:x", "5:", "30:1.0", "5:1.0  6:2", "5:1.2345", ":3", "5:40000", "5:-33554.432"):
        with pytest.raises(ValueError, match="zorp"):
            learned.Scorer({"zorp": row}, {}, lines, everything)
    with pytest.raises(TypeError):
        learned.Scorer({"zorp": 5}, {}, lines, everything)  # type: ignore[dict-item]
    with pytest.raises(RuntimeError, match="not initialised"):
        learned.Scorer.__new__(learned.Scorer).sums("you")
    scorer = learned.Scorer({"zorp": "0:1.5 0:-0.25", "<s> zorp": "1:-2"}, {}, lines, 1)
    assert scorer.sums("zorp zorp") == (1, (1250, -2000) + (0,) * (len(FLAGS) - 2))
    assert scorer.above("nothing known") == 0


def test_ci_builds_and_uses_the_c_scorer() -> None:
    """CI installs with a C compiler: the coach it tests must be the compiled one, and both
    compiled parts built from the current source (an edited .c file needs `make` again)."""
    if not os.environ.get("CI") and not BUILT:
        pytest.skip("not under CI")
    assert BUILT and load_coach().learned.compiled
    from tending.coach import _engine, _scoring

    for built in (_scoring, _engine):  # both compiled parts of the coach
        source = Path(learned.__file__).with_name(built.__name__.rpartition(".")[2] + ".c")
        if source.exists() and Path(built.__file__).parent == source.parent:
            assert Path(built.__file__).stat().st_mtime >= source.stat().st_mtime, (
                f"{source.name} changed since it was built: run `make test` (or pip install -e .)"
            )


def test_long_rows_add_up_the_same_as_written() -> None:
    """A row is also kept as a dense copy (one int16 a flag): its sums, and the evidence
    read from its weights as written (a repeated flag, a zero weight), stay the same; a row
    whose total for a flag does not fit an int16 is added weight by weight."""
    assert learned.Scorer is not None
    lines = [1] * len(FLAGS)
    dense = " ".join(f"{flag}:{flag / 10 - 1:.3f}" for flag in range(12)) + " 0:2.5 3:0 0:-1"
    heavy = " ".join(["1:9999.999"] * 4 + ["2:-9999.999"] * 4 + ["3:0.001"] * 4)
    scorer = learned.Scorer({"zorp": dense, "blip": heavy, "zorp blip": dense}, {}, lines, 1)
    totals = [0] * len(FLAGS)
    for flag, weight in pairs(dense):
        totals[flag] += 2 * round(weight * 1000)  # "zorp" and "zorp blip"
    for flag, weight in pairs(heavy):
        totals[flag] += round(weight * 1000)
    assert scorer.sums("zorp blip zorp")[1] == tuple(totals)
    assert scorer.sums("blip")[1][1:4] == (39999996, -39999996, 4)
    assert scorer.evidence("blip zorp", 0, 0) == (5, 9)  # 0:2.5, its heaviest weight
    assert scorer.evidence("zorp", 3, 0) == (0, 4)  # 3:-0.7 and 3:0: the zero is heavier


def test_dense_totals_never_overflow_their_int32() -> None:
    """Dense copies are added into int16 totals, passed on to the int64 sums before the
    next could overflow them: 70,000 distinct rows of the heaviest int16 add up exactly."""
    assert learned.Scorer is not None
    words = ["".join(letters) for letters in itertools.islice(
        itertools.product(string.ascii_lowercase, repeat=4), 70_000)]  # fmt: skip
    rows = {word: "0:32.767 1:-32.768" for word in words}
    scorer = learned.Scorer(rows, {}, [1] * len(FLAGS), 1)
    assert scorer.sums(" ".join(words))[1][:2] == (70_000 * 32_767, 70_000 * -32_768)


@pytest.mark.parametrize("flags", [len(FLAGS), 32, 40])
def test_int16_totals_are_widened_before_they_could_overflow(flags: int) -> None:
    """Dense copies are added into int16 totals, widened when the next copy could take one
    past INT16_MAX: by the bound each copy holds in a lane past the flags (fewer than 32
    flags), by the heaviest copy's (exactly 32), or with 64 lanes (more): rows light and
    heavy, of both signs, in any order add up exactly."""
    assert learned.Scorer is not None
    last = flags - 1
    rows = {}
    for number in range(120):
        heavy = (number * 7919) % 32_767 + 1 if number % 3 else (number % 5) + 1
        sign = -1 if number % 4 == 1 else 1
        weight = sign * heavy / 1000
        rows[_name(number)] = f"0:{weight:.3f} {last}:{-weight:.3f} 5:0.001"
    scorer = learned.Scorer(rows, {}, [1] * flags, 1)
    for order in (range(120), reversed(range(120)), range(0, 120, 7)):
        words = [_name(number) for number in order]
        totals = [0] * flags
        for word in words:
            for flag, weight in pairs(rows[word]):
                totals[flag] += round(weight * 1000)
        assert scorer.sums(" ".join(words))[1] == tuple(totals)


def _name(number: int) -> str:
    """A word of letters only for `number` (a token of its own)."""
    return "w" + "".join(string.ascii_lowercase[int(digit)] for digit in str(number))


def test_rows_of_the_same_low_bits_and_repeats_count_once_each() -> None:
    """A message's rows are told apart by their numbers' low bits first (1,024 of them):
    rows 1,024 apart (the same bits) each count, and a repeated feature counts once."""
    assert learned.Scorer is not None
    rows = {_name(number): f"{number % 7}:{number % 13 + 1}.{number % 10}"
            for number in range(3100)}  # fmt: skip
    scorer = learned.Scorer(rows, {}, [1] * len(FLAGS), 1)
    rng = random.Random(4)
    for _ in range(300):
        base = rng.randrange(1024)
        numbers = [base + 1024 * rng.randrange(3) for _ in range(rng.randint(1, 40))]
        words = [_name(number) for number in numbers]
        totals = [0] * len(FLAGS)
        for word in set(words):
            for flag, weight in pairs(rows[word]):
                totals[flag] += round(weight * 1000)
        assert scorer.sums(" ".join(words))[1] == tuple(totals)


def test_words_of_every_length_are_found_wherever_they_lie() -> None:
    """A word's key is read from the text eight bytes at a time where it can be (from the
    word's start, or to its end near the end of a short text), else a byte at a time, and a
    word longer than an entry holds inline is compared whole: every length, at the start and
    end of texts of every length, in texts of one byte a character and of more."""
    assert COMPILED is not None
    known = sorted(name for name in COMPILED._rows if " " not in name and name.isalpha())
    words = [next(word for word in known if len(word) == length) for length in range(1, 15)]
    words += ["a" * 13, "b" * 17]  # (unknown: found in no slot, or compared and refused)
    for word in words:
        for before in range(0, 10):
            for after in ("", " x", "é", " 🙂", "?"):
                text = "i" * before + (" " if before else "") + word + after
                assert COMPILED.scores(text) == PACKED.scores(text), text  # type: ignore[union-attr]
                assert COMPILED.evidence(text, FLAGS[0]) == PACKED._evidence(text, FLAGS[0])  # type: ignore[union-attr]


def test_the_evidence_reads_which_flags_a_row_has_from_its_dense_copy() -> None:
    """A dense copy also says which flags its row has a weight for (and whether each once):
    a weight of zero is still a weight, a flag without one is no evidence."""
    assert learned.Scorer is not None
    rows = {"zorp": "5:0", "blip": "4:1.5", "plop": "5:-0.5 5:0.25"}
    scorer = learned.Scorer(rows, {}, [1] * len(FLAGS), 1)
    assert scorer.evidence("blip zorp", 5, 0) == (5, 9)  # zorp's 0, blip has none
    assert scorer.evidence("blip  ", 5, 0) == (0, 6)  # none: the whole text
    assert scorer.evidence("zorp plop", 5, 0) == (5, 9)  # plop's heaviest, 0.25, beats 0
    assert scorer.evidence("zorp plop blip", 4, 0) == (10, 14)
