"""Where does the coach's time per message go? CPU µs of each stage, with VADER in the same run.

    .venv/bin/python benchmarks/coach_stages.py [--messages 20000] [--seed 7] [--rounds 5]

`coach_speed.py` says how fast the coach is; this says what a faster coach would have to change.
Every pattern is prepared first (`prepare_all`), so the figures are the steady state, with no
planning rent. Each stage runs alone over the same messages, best of `--rounds`, in CPU time:

- normalize: chat spelling, the `Normalized` text and words (`_normalize.c`);
- language: the language guess from the function words;
- stems: the message's words and their stems, as the rule engine looks them up (the engine's
  `stems`: with the C build, the words' numbers are noted in the same pass, `WordNumbers`);
- rule search: the engine's planned alternatives searched (`_engine.c` with `re`), alone;
- rules: the whole rule engine (search, unless checks, hits, implications), given words made
  before (their numbers looked up again, as they were before `WordNumbers`);
- stems+rules: the two as `analyze` runs them, one message after the other (the numbers the
  stems noted read by the engine);
- opinion, complex, depth: the second opinion on the rules' flags, the mixed-feelings check
  and the depth reading, each given what the rules found;
- read / analyze: the public calls, everything included.

The rule search is part of the rules; the other stages add up to `analyze` less "the rest":
evidence, suppression, building the result and the Python between stages. The internals named
here may change; this benchmark is the place to follow them.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterable

from coach_speed import make_messages


def drain(results: Iterable[object]) -> None:
    """Run through `results` keeping none: a stage's answers are dropped as they come, as in a
    batch that reads them one by one (kept in a list, the 20,000 results made the collector
    walk every loaded table over and over, about 10 µs a message of `analyze` that no real
    caller pays)."""
    for _ in results:
        pass


def best_cpu_us(work: Callable[[], object], count: int, rounds: int) -> float:
    """The fastest of `rounds` runs of `work`, in CPU µs per message."""
    fastest = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        work()
        fastest = min(fastest, time.process_time() - started)
    return fastest / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    messages = make_messages(args.messages, args.seed)

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from tending.coach import analyze, load_coach, prepare_all, read
    from tending.coach.stems import stems

    coach = load_coach()
    engine = coach.engine
    prepare_all()
    for message in messages:  # every expression compiled, every table warm
        analyze(message)
    normalized = [coach._normalize(message) for message in messages]
    words = [stems(item.words) for item in normalized]
    pairs = list(zip(normalized, words, strict=True))
    found: list[dict[str, list[tuple[int, int]]]] = []  # each message's flags with their spans
    for item, stemmed in pairs:
        spans: dict[str, list[tuple[int, int]]] = {}
        for hit in engine.run(item, stemmed):
            spans.setdefault(hit.flag, []).append((hit.start, hit.end))
        found.append(spans)
    rows = list(zip(messages, normalized, words, found, strict=True))

    def rule_search() -> None:
        for item, stemmed in pairs:
            engine.search_planned(stemmed, item.text, engine._records, {}, engine._regex,
                                  engine._ids.ids)  # fmt: skip

    vader = SentimentIntensityAnalyzer().polarity_scores
    count, rounds = len(messages), args.rounds
    stages: list[tuple[str, Callable[[], object]]] = [
        ("normalize", lambda: drain(coach._normalize(message) for message in messages)),
        ("language", lambda: drain(coach.language.guess(message, item.words)
                              for message, item in zip(messages, normalized, strict=True))),
        ("stems", lambda: drain(engine.stems(item.words) for item in normalized)),
        ("rule search", rule_search),
        ("rules", lambda: drain(engine.run(item, stemmed) for item, stemmed in pairs)),
        ("stems+rules", lambda: drain(engine.run(item, engine.stems(item.words))
                                      for item in normalized)),
        ("opinion", lambda: drain(coach.learned.opinion(item.text, spans)
                             for _, item, _, spans in rows)),
        ("complex", lambda: drain(coach.depth.complex_span(item.text,
                                                           sorted(spans.get("feeling", [])),
                                                           stemmed)
                                  for _, item, stemmed, spans in rows)),
        ("depth", lambda: drain(coach.depth.depth(set(spans), item.text, message, stemmed)
                           for message, item, stemmed, spans in rows)),
        ("read", lambda: drain(read(message) for message in messages)),
        ("analyze", lambda: drain(analyze(message) for message in messages)),
        ("VADER", lambda: drain(vader(message) for message in messages)),
    ]  # fmt: skip
    figures = {name: best_cpu_us(work, count, rounds) for name, work in stages}
    print(f"{count:,} messages (seed {args.seed}), CPU µs a message, best of {rounds}, "
          "every pattern prepared")  # fmt: skip
    for name, micros in figures.items():
        print(f"{name:>12}  {micros:6.2f}")
    parts = ("normalize", "language", "stems+rules", "opinion", "complex", "depth")
    rest = figures["analyze"] - sum(figures[name] for name in parts)
    print(
        f"{'the rest':>12}  {rest:6.2f}  (analyze less the stages above but the overlapping "
        "stems, rule search and rules: evidence, suppression, results and the Python between "
        "stages)"
    )
    print(f"2x VADER needs analyze at {figures['VADER'] / 2:.2f} µs a message")


if __name__ == "__main__":
    main()
