"""Split the coach's labelled set into a development part and a held-out part.

Run from anywhere:  python tests/data/coach/split.py [--source ALL.jsonl]

Without --source it reads the two committed files (dev.jsonl and heldout.jsonl beside this
script), pools their lines and splits them again, so running it twice changes nothing. The split
is stratified by flag: each line is put in the stratum of its rarest flag (lines without flags
form one stratum), each stratum is shuffled with a fixed seed and about 30 % of it goes to the
held-out part. Every flag must end up with positives in both parts, or the script stops.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

SEED = 20261122
HELDOUT_SHARE = 0.30
HERE = Path(__file__).resolve().parent
DEV = HERE / "dev.jsonl"
HELDOUT = HERE / "heldout.jsonl"


def read_lines(paths: list[Path]) -> list[dict[str, object]]:
    """Every labelled line of the given files, sorted by id."""
    lines: list[dict[str, object]] = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            lines.extend(json.loads(raw) for raw in handle if raw.strip())
    return sorted(lines, key=lambda line: str(line["id"]))


def stratum(line: dict[str, object], counts: Counter[str]) -> str:
    """The rarest flag of the line (ties by name), or "(none)"."""
    flags = [str(flag) for flag in line["flags"]]  # type: ignore[attr-defined]
    if not flags:
        return "(none)"
    return min(flags, key=lambda flag: (counts[flag], flag))


Lines = list[dict[str, object]]


def split(lines: Lines) -> tuple[Lines, Lines]:
    """(dev, heldout), both in id order; deterministic for a given set of lines."""
    counts = Counter(str(f) for line in lines for f in line["flags"])  # type: ignore[attr-defined]
    strata: dict[str, list[dict[str, object]]] = defaultdict(list)
    for line in lines:
        strata[stratum(line, counts)].append(line)
    rng = random.Random(SEED)
    dev: list[dict[str, object]] = []
    heldout: list[dict[str, object]] = []
    for name in sorted(strata):
        members = strata[name]
        rng.shuffle(members)
        cut = round(len(members) * HELDOUT_SHARE)
        heldout.extend(members[:cut])
        dev.extend(members[cut:])
    order = lambda line: str(line["id"])  # noqa: E731
    return sorted(dev, key=order), sorted(heldout, key=order)


def check_both_parts(dev: list[dict[str, object]], heldout: list[dict[str, object]]) -> None:
    """Stop when a flag has positives in only one part."""
    for part_name, part, other in (("dev", dev, heldout), ("heldout", heldout, dev)):
        have = {str(f) for line in part for f in line["flags"]}  # type: ignore[attr-defined]
        want = {str(f) for line in other for f in line["flags"]}  # type: ignore[attr-defined]
        if want - have:
            sys.exit(f"{part_name} has no positives for: {', '.join(sorted(want - have))}")


def write(path: Path, lines: list[dict[str, object]]) -> None:
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="one JSONL file holding every line")
    args = parser.parse_args()
    sources = [args.source] if args.source else [DEV, HELDOUT]
    dev, heldout = split(read_lines(sources))
    check_both_parts(dev, heldout)
    write(DEV, dev)
    write(HELDOUT, heldout)
    print(f"dev {len(dev)} lines, heldout {len(heldout)} lines (seed {SEED})")


if __name__ == "__main__":
    main()
