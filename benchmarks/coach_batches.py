"""How fast is a short batch, from a fresh process? And how soon does a long one run at speed?

    .venv/bin/python benchmarks/coach_batches.py [--runs 5] [--sizes 1,10,100,1000] [--long]

Each run is a new interpreter: it imports and loads the coach (not counted), then times
`tending.coach.analyze` over the first N messages of `coach_speed.make_messages` (seed 7):
what a caller with N messages waits for besides loading, compiling and planning included. With
`--long`, also what `coach_speed.py` times: a warm-up pass over the 3,957 distinct messages of
100k, then the first counted pass over the 100k (messages per second), and, in another fresh
process, `prepare_all()`. Prints the median and the range over the runs of each figure.
Times are of CPU (`time.process_time`): on a shared machine wall time moved by 2x between runs,
CPU time by a few per cent.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BATCH = """
import sys, time
sys.path.insert(0, {here!r})
from coach_speed import make_messages
from tending.coach import analyze, load_coach
messages = make_messages({count}, 7)
load_coach()
started = time.process_time()
for message in messages:
    analyze(message)
print((time.process_time() - started) * 1000)
"""
LONG = """
import sys, time
sys.path.insert(0, {here!r})
from coach_speed import make_messages
from tending.coach import analyze, load_coach
messages = make_messages(100_000, 7)
load_coach()
started = time.process_time()
for message in sorted(set(messages)):
    analyze(message)
warm = time.process_time() - started
started = time.process_time()
for message in messages:
    analyze(message)
print(warm * 1000, len(messages) / (time.process_time() - started))
"""
PREPARE = """
import time
from tending.coach import load_coach, prepare_all
load_coach()
started = time.process_time()
prepare_all()
print((time.process_time() - started) * 1000)
"""


def fresh(code: str) -> list[float]:
    """The numbers `code` prints, run in a new interpreter."""
    out = subprocess.check_output([sys.executable, "-c", code], text=True)
    return [float(word) for word in out.split()]


def shown(values: list[float], unit: str) -> str:
    low, high = min(values), max(values)
    return f"{statistics.median(values):,.1f} {unit} ({low:,.1f}-{high:,.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1,10,100,1000")
    parser.add_argument("--long", action="store_true", help="also the coach_speed passes")
    args = parser.parse_args()
    for count in map(int, args.sizes.split(",")):
        times = [fresh(BATCH.format(here=str(HERE), count=count))[0] for _ in range(args.runs)]
        print(f"batch of {count:>5,}: {shown(times, 'ms')}")
    if args.long:
        runs = [fresh(LONG.format(here=str(HERE))) for _ in range(args.runs)]
        print(f"warm-up pass: {shown([run[0] for run in runs], 'ms')}")
        print(f"first counted pass: {shown([run[1] for run in runs], 'msg/s')}")
        prepared = [fresh(PREPARE)[0] for _ in range(args.runs)]
        print(f"prepare_all: {shown(prepared, 'ms')}")


if __name__ == "__main__":
    main()
