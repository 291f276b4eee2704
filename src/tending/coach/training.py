"""Fitting the second opinion (`learned.py`) on the project's labelled sets.

    python -m tending.coach.training tests/data/coach/dev.jsonl ... [--safety FILES...] [--out FILE]
    python -m tending.coach.training --check FILES... [--safety FILES...]  # fitted on these?

`make coach-model` runs it on the development sets and the conformance set; the held-out set
is never among them. The `safety` column (the safety net: it may add `safety`, never take it
back) is fitted on its own, on the `--safety` sets, which include dev13, the set of danger in
many wordings left out of the other flags' fit; without `--safety` there is no safety net.

A logistic regression per flag (gradient descent from zero, a fixed number of steps, so the
same inputs give the same weights), over `learned_features.features` and, for
a line with a `context`, `learned_features.context_features` (fitted for `CONTEXT_FLAGS` only);
a `maybe` label is left out of its flag's loss, a line that carries the flag weighs
`positive_weight` times one that does not, weights smaller than `prune` are dropped. The
fingerprint covers the labelled files, every other coach data file (the normalizer and the word
classes shape the features) and the settings below; a test fails when it no longer matches.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from tending.coach.data_files import DATA_PACKAGE
from tending.coach.evaluation import LabelledLine, read_labelled
from tending.coach.learned_features import (
    CONTEXT,
    CONTEXT_FLAGS,
    FEATURES_VERSION,
    class_map,
    context_features,
    features,
)
from tending.coach.learned_file import BIAS, NAME, read_header
from tending.coach.model import FLAGS

SETTINGS: dict[str, Any] = {
    "l2": 3e-4,  # how strongly weights are pulled toward zero
    "steps": 800,
    "step_size": 5.0,
    "min_count": 2,  # a feature seen on fewer labelled lines is left out
    "prune": 0.1,  # smaller weights are dropped (they change no decision, they cost time)
    "positive_weight": 2.0,  # a line carrying a flag weighs this many lines without it
    "add_above": 0.77,  # the model adds a flag it gives at least this probability
    # ...or, for these flags, this one: "I'm tired of your excuses" (conformance c390) is blame
    # and got a learned `feeling` at 0.775 once dev12 joined (0.8 changed no fold), and at
    # 0.84 once dev14 and dev15 joined, whose "tired of ..." lines are feelings: hence 0.86.
    # A curt reply is stonewalling only when it turns down a talk: with dev14 and dev15 in the
    # fit, "Not tonight." after "Is the match on tonight?" reached 0.78 (test_context.py)
    "add_above_for": {"feeling": 0.86, "stonewalling": 0.85},
    "take_back_below": 0.04,  # and takes back a rule's flag it gives less than this
}
# The safety net's fit: the same sums, its own sets and line. 0.9 and a window of 24 tokens keep
# it silent on every benchmark message, chat fixture and non-safety labelled line (in folds
# unseen by the fit, 3 of about 6,400 outside dev13), see docs/parts/coach.md; the window stops
# the many weak words of a long text ('i', 'my', 'he') from adding up to danger no phrase says
# (no safety line of the labelled sets is longer than 32 tokens).
SAFETY_SETTINGS: dict[str, Any] = {
    **{name: SETTINGS[name] for name in ("l2", "steps", "step_size", "min_count", "prune",
                                         "positive_weight")},
    "add_above": 0.9,  # added when the whole text and some 24 tokens of it give this
    "window": 24,
}  # fmt: skip
PROVENANCE = (
    "Fitted by tending.coach.training on the project's own labelled sets (written and labelled "
    "for Tending; see tests/data/coach/README.md); no outside data or model."
)


def fingerprint(files: Sequence[Path], safety_files: Sequence[Path] = ()) -> str:
    """What the weights depend on: the labelled files (of the other flags, then of safety's),
    the coach's other data, the settings."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.name):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    if safety_files:
        digest.update(b"safety\0" + json.dumps(SAFETY_SETTINGS, sort_keys=True).encode())
        for path in sorted(safety_files, key=lambda p: p.name):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    data = resources.files(DATA_PACKAGE)
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if entry.name != NAME and entry.name.endswith((".tsv", ".toml", ".jsonl")):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    digest.update(json.dumps([FEATURES_VERSION, SETTINGS], sort_keys=True).encode())
    return digest.hexdigest()


def fit(
    lines: Sequence[LabelledLine], settings: dict[str, Any] = SETTINGS,
    flags: Sequence[str] = FLAGS,
) -> dict[str, Any]:
    """The weights for `lines` of each of `flags` (its bias and, per feature, (flag number,
    weight) pairs, numbered as in FLAGS); numpy does the arithmetic: only training needs it."""
    import numpy as np

    from tending.coach.rules import load_engine

    engine = load_engine()  # (not the whole coach: that would need the weights being fitted)
    classes = class_map(engine.lexicon)
    normalize = engine.normalizer.normalize
    rows = [
        features(normalize(line.text).text, classes)
        | (context_features(normalize(line.context).text, classes) if line.context else set())
        for line in lines
    ]
    counts = Counter(feature for row in rows for feature in row)
    names = sorted(f for f, n in counts.items() if n >= settings["min_count"])
    column = {name: number for number, name in enumerate(names)}
    # the lines' features as sparse rows (each line's feature columns, then the bias column):
    # the same sums as a dense 0/1 matrix, in a fraction of the time
    bias = len(names)
    found: list[int] = []
    starts = [0]
    for row in rows:
        found.extend(sorted(column[f] for f in row if f in column))
        found.append(bias)
        starts.append(len(found))
    cols = np.array(found, np.int64)
    row_starts = np.array(starts[:-1], np.int64)
    row_of = np.repeat(np.arange(len(rows)), np.diff(starts))
    by_column = np.argsort(cols, kind="stable")
    col_sorted = cols[by_column]
    col_starts = np.flatnonzero(np.r_[True, col_sorted[1:] != col_sorted[:-1]])
    col_rows, col_numbers = row_of[by_column], col_sorted[col_starts]
    y = np.array([[flag in line.flags for flag in flags] for line in lines], np.float32)
    counted = np.array(
        [[flag in line.flags or flag not in line.maybe for flag in flags] for line in lines],
        np.float32,
    )
    counted *= np.where(y > 0, settings.get("positive_weight", 1.0), 1.0).astype(np.float32)
    w = np.zeros((bias + 1, len(flags)), np.float32)
    gradient = np.zeros_like(w)
    # the marks of the message answered weigh only for the listening flags (kept at zero else)
    others = np.ix_(
        [number for number, name in enumerate(names) if name.startswith(CONTEXT)],
        [number for number, flag in enumerate(flags) if flag not in CONTEXT_FLAGS],
    )
    for _ in range(int(settings["steps"])):
        p = 1.0 / (1.0 + np.exp(-np.add.reduceat(w[cols], row_starts)))  # sigmoid(x @ w)
        gradient[col_numbers] = np.add.reduceat(((p - y) * counted)[col_rows], col_starts)
        w -= settings["step_size"] * (gradient / len(rows) + settings["l2"] * w)
        w[others] = 0.0
    numbers = [FLAGS.index(flag) for flag in flags]
    weights = {}
    for number, name in enumerate(names):
        pairs = [[numbers[column], round(float(value), 3)] for column, value in
                 enumerate(w[number]) if abs(value) >= settings["prune"]]  # fmt: skip
        if pairs:
            weights[name] = pairs
    return {
        "bias": {numbers[column]: round(float(value), 3) for column, value in enumerate(w[-1])},
        "weights": weights,
    }


def document(files: Sequence[Path], safety_files: Sequence[Path] = ()) -> str:
    """The whole `learned.tsv` for the labelled `files` (and `safety_files`, the safety net's):
    a header, then a row per feature."""
    lines = [line for path in files for line in read_labelled(path)]
    fitted = fit(lines, flags=[flag for flag in FLAGS if flag != "safety"])
    own: dict[str, float] = dict(SETTINGS["add_above_for"])
    header = {
        "provenance": PROVENANCE,
        "fitted_on": " ".join(sorted(path.name for path in files)),
        "lines": str(len(lines)),
        "fingerprint": fingerprint(files, safety_files),
        "features_version": str(FEATURES_VERSION),
        "settings": json.dumps(SETTINGS, sort_keys=True),
    }
    bias, weights = dict(fitted["bias"]), fitted["weights"]
    bias.setdefault(FLAGS.index("safety"), -9.0)  # (no net: a column that never adds)
    if safety_files:
        safety_lines = [line for path in safety_files for line in read_labelled(path)]
        net = fit(safety_lines, SAFETY_SETTINGS, flags=["safety"])
        bias.update(net["bias"])
        weights = _merged(weights, net["weights"])
        own["safety"] = SAFETY_SETTINGS["add_above"]
        header |= {
            "safety_fitted_on": " ".join(sorted(path.name for path in safety_files)),
            "safety_lines": str(len(safety_lines)),
            "safety_settings": json.dumps(SAFETY_SETTINGS, sort_keys=True),
            "safety_window": str(SAFETY_SETTINGS["window"]),
        }
    header |= {
        "flags": " ".join(FLAGS),
        "add_above": str(SETTINGS["add_above"]),
        "add_above_for": " ".join(f"{flag}:{p}" for flag, p in own.items()),
        "take_back_below": str(SETTINGS["take_back_below"]),
    }
    rows = [(BIAS, sorted(bias.items())), *sorted(weights.items())]
    return "".join(f"# {key}: {value}\n" for key, value in header.items()) + "".join(
        f"{name}\t{' '.join(f'{flag}:{weight:.3f}' for flag, weight in pairs)}\n"
        for name, pairs in rows
    )


def _merged(
    weights: dict[str, list[list[Any]]], more: dict[str, list[list[Any]]]
) -> dict[str, list[list[Any]]]:
    """Two fits' rows as one (each feature's pairs in flag order)."""
    merged = {name: list(pairs) for name, pairs in weights.items()}
    for name, pairs in more.items():
        merged[name] = sorted([*merged.get(name, []), *pairs])
    return merged


def shipped() -> dict[str, str]:
    """The header of the packaged weights file."""
    return read_header(resources.files(DATA_PACKAGE).joinpath(NAME).read_text(encoding="utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="labelled JSONL sets to fit on")
    parser.add_argument("--safety", nargs="+", type=Path, default=[],
                        help="the sets the safety net is fitted on (none: no safety net)")
    parser.add_argument("--out", type=Path, help="where to write (default: the packaged file)")
    parser.add_argument("--check", action="store_true", help="only say whether it is up to date")
    args = parser.parse_args(argv)
    if args.check:
        current = fingerprint(args.files, args.safety) == shipped()["fingerprint"]
        print("up to date" if current else f"{NAME} is stale: run make coach-model")
        return 0 if current else 1
    out = args.out or Path(str(resources.files(DATA_PACKAGE).joinpath(NAME)))
    out.write_text(document(args.files, args.safety), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
