"""How fast is the coach? Against VADER (vaderSentiment) on the same messages, in the same run.

    .venv/bin/python benchmarks/coach_speed.py [--messages 100000] [--seed 7]

Generates realistic short chat messages (seeded: the same run gives the same messages), then
times `tending.coach.analyze` (all flags, tone, depth and evidence; the suggestions are worked
out when `Analysis.suggestions` is first read) and VADER's `polarity_scores` one message at a
time: messages per second, median and p99 latency. The row "coach+sugg" reads the
suggestions of every message too, as `tend coach --jsonl` does; "coach read" times
`tending.coach.read` (flags, tone and depth only, as the chat report reads). Import plus load
time and peak memory are measured in fresh subprocesses, so neither tool benefits from the
other's warm caches. The coach compiles (and, once a pattern is triggered often, cuts into
alternatives) each pattern the first time messages need it; the "warm-up" line says what that
first pass costs. The four timed rows run interleaved, in blocks of 2,000 messages whose
order turns each block, so a slow spell of a shared machine slows every tool alike and the ratios
stay fair.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

NAMES = ["Sam", "Alex", "Mia", "Jo", "Priya", "Tom", "Lena", "Omar", "Kate", "Ben"]
PLACES = ["the office", "the gym", "your mum's", "the station", "school", "the shop", "work"]
THINGS = ["the dishes", "the laundry", "dinner", "the bins", "the kids", "the car", "the rent"]
TIMES = ["tonight", "tomorrow", "at six", "after work", "on Sunday", "later", "this weekend"]
FEELINGS = ["tired", "lonely", "happy", "stressed", "sad", "excited", "nervous", "relieved"]
TEMPLATES = [
    "You never help with {thing}.", "You always forget {thing}!", "I feel {feeling} {time}.",
    "Can you pick up {thing} {time}?", "Would you be willing to do {thing} {time}?",
    "Miss you ❤️", "love you", "On my way home from {place}.", "Running late, sorry!",
    "Thank you for doing {thing}, it really helped.", "What was the best part of your day?",
    "I'm so {feeling} today", "Whatever.", "It's not my fault, {name} didn't call.",
    "At least you still have {thing}.", "You should just talk to {name}.",
    "That makes sense, of course you were upset.", "Is now a good time to talk?",
    "Look at this!", "Want to get food {time}?", "ok", "see you {time}", "Did you eat?",
    "I need some time alone {time}.", "I feel ignored when you're on your phone.",
    "This is just like last Christmas.", "You're so selfish.", "Oh great, {thing} again.",
    "I don't know what I'm doing anymore.", "{name} says hi", "Dinner's ready",
    "I went to {place} and then picked up {thing}.", "It sounds like you felt left out.",
    "Good morning ☀️", "haha yes", "can u call me {time}", "im so {feeling} rn",
    "Where did you put {thing}?", "You need to sort out {thing} {time}.", "Fine.",
    "I'm proud of you.", "I'm {feeling}, but I'd also love to come {time}.",
    "Guess what happened at {place}!", "He said the meeting moved to {time}.",
]  # fmt: skip


def make_messages(count: int, seed: int) -> list[str]:
    """`count` realistic short messages, always the same for the same seed."""
    rng = random.Random(seed)
    messages = []
    for _ in range(count):
        text = rng.choice(TEMPLATES).format(
            name=rng.choice(NAMES), place=rng.choice(PLACES), thing=rng.choice(THINGS),
            time=rng.choice(TIMES), feeling=rng.choice(FEELINGS),
        )  # fmt: skip
        roll = rng.random()
        if roll < 0.25:
            text = text.lower().rstrip(".!")
        elif roll < 0.35:
            text = text.replace("you", "u").replace("I'm", "im").replace("don't", "dont")
        if rng.random() < 0.1:
            text += rng.choice([" 🙂", " 😂", " ❤️", "!!", " lol", " xx"])
        messages.append(text)
    return messages


def time_each(function: Callable[[str], object], messages: list[str]) -> tuple[float, list[int]]:
    """Total seconds and per-message nanoseconds of `function` over `messages`."""
    latencies = []
    clock = time.perf_counter_ns
    started = clock()
    for message in messages:
        before = clock()
        function(message)
        latencies.append(clock() - before)
    return (clock() - started) / 1e9, latencies


def time_interleaved(
    functions: dict[str, Callable[[str], object]], messages: list[str], block: int = 2_000
) -> dict[str, tuple[float, list[int]]]:
    """`time_each` of every function over `messages`, block by block in turn (the first to
    run changes each block), summed per function."""
    names = list(functions)
    results: dict[str, tuple[float, list[int]]] = {name: (0.0, []) for name in names}
    for number, start in enumerate(range(0, len(messages), block)):
        part = messages[start : start + block]
        turn = number % len(names)
        for name in names[turn:] + names[:turn]:
            seconds, latencies = time_each(functions[name], part)
            total, kept = results[name]
            results[name] = (total + seconds, kept + latencies)
    return results


LOAD = {
    "coach": "from tending.coach import load_coach; load_coach()",
    "vader": "from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as S; S()",
}
MEMORY = {
    "coach": "from tending.coach import analyze as f",
    "vader": "from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as S; "
    "f = S().polarity_scores",
}


def fresh_seconds(code: str, runs: int = 5, bytecode: str | None = None) -> float:
    """Median wall time of `code` (imports and loading) in a new interpreter.

    By default the interpreter runs as this shell does (with PYTHONDONTWRITEBYTECODE set, every
    module is compiled from source each time); with `bytecode` (a folder), modules are compiled
    once into it first and then loaded from it, as an installed package is.
    """
    probe = f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
    env = None
    if bytecode is not None:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": bytecode}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.check_output([sys.executable, "-c", probe], text=True, env=env)
    return statistics.median(
        float(subprocess.check_output([sys.executable, "-c", probe], text=True, env=env))
        for _ in range(runs)
    )


def peak_megabytes(setup: str, messages: list[str]) -> float:
    """Peak traced memory while loading and analysing `messages`, in a new interpreter."""
    probe = (
        "import json, sys, tracemalloc; tracemalloc.start(); " + setup + "; "
        "[f(m) for m in json.load(sys.stdin)]; print(tracemalloc.get_traced_memory()[1])"
    )
    out = subprocess.check_output([sys.executable, "-c", probe], input=json.dumps(messages),
                                  text=True)  # fmt: skip
    return int(out) / 1e6


def row(name: str, seconds: float, latencies: list[int], count: int) -> list[str]:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return [name, f"{count / seconds:,.0f}", f"{statistics.median(ordered) / 1000:.1f}",
            f"{p99 / 1000:.1f}"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    messages = make_messages(args.messages, args.seed)

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from tending.coach import analyze, load_coach, read

    load_coach()
    warm_seconds, _ = time_each(analyze, sorted(set(messages)))
    vader = SentimentIntensityAnalyzer()
    timed = time_interleaved({
        "coach": analyze, "coach+sugg": lambda m: analyze(m).suggestions, "read": read,
        "vader": vader.polarity_scores,
    }, messages)  # fmt: skip
    coach_seconds, coach_latency = timed["coach"]
    full_seconds, full_latency = timed["coach+sugg"]
    read_seconds, read_latency = timed["read"]
    vader_seconds, vader_latency = timed["vader"]

    sample = messages[:10_000]
    table = [["tool", "messages/s", "median µs", "p99 µs", "import+load ms", "peak MB"]]
    for name, seconds, latencies in (("coach", coach_seconds, coach_latency),
                                     ("vader", vader_seconds, vader_latency)):  # fmt: skip
        table.append(row(name, seconds, latencies, len(messages)) + [
            f"{fresh_seconds(LOAD[name]) * 1000:.0f}",
            f"{peak_megabytes(MEMORY[name], sample):.1f}",
        ])  # fmt: skip
    table.insert(2, row("coach+sugg", full_seconds, full_latency, len(messages)) + ["", ""])
    table.insert(3, row("coach read", read_seconds, read_latency, len(messages)) + ["", ""])
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    print(f"{len(messages):,} messages (seed {args.seed}, {len(set(messages)):,} distinct)")
    scorer = "C (_scoring.c)" if load_coach().learned.compiled else "pure Python (no C build)"
    print(f"second opinion scored in {scorer}")
    for line in table:
        print("  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True)))
    ratio = (len(messages) / coach_seconds) / (len(messages) / vader_seconds)
    print(f"coach / vader messages per second: {ratio:.2f}x")
    print(f"coach read / vader messages per second: {vader_seconds / read_seconds:.2f}x")
    print(f"coach warm-up (first pass over the distinct messages): {warm_seconds * 1000:.0f} ms")
    print("peak MB: traced Python memory while loading and reading 10,000 of the messages")
    with tempfile.TemporaryDirectory() as cache:
        cached = {name: fresh_seconds(LOAD[name], bytecode=cache) * 1000 for name in LOAD}
    print("import+load with bytecode cached, as an installed package: "
          + ", ".join(f"{name} {ms:.0f} ms" for name, ms in cached.items()))  # fmt: skip


if __name__ == "__main__":
    main()
