"""StringCap: long JSON strings cut, everything else passed on byte for byte, valid JSON always."""

from __future__ import annotations

import json
import random
import re
from typing import Any

import pytest

from tending.importers.json_strings import MIN_LIMIT, StringCap

# quotes, backslashes, escapes, characters of 2 to 4 bytes, and raw newlines between values
_PIECES = ["a", "b", " ", '"', "\\", "\n", "é", "😀", "\u2028", "/", "x" * 10, "\\\\", '\\"']
_STRING = re.compile(rb'"((?:[^"\\]|\\.)*)"', re.DOTALL)


def _value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 2 or roll < 0.4:
        return "".join(rng.choice(_PIECES) for _ in range(rng.choice([0, 1, 3, 10, 30, 60])))
    if roll < 0.6:
        return rng.randint(-5, 10**6)
    if roll < 0.8:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {f"k{n}": _value(rng, depth + 1) for n in range(rng.randint(0, 4))}


def test_long_strings_are_cut_and_told_the_rest_passes_unchanged() -> None:
    rng = random.Random(3)
    for _ in range(1500):
        document = {"messages": [_value(rng) for _ in range(rng.randint(1, 6))]}
        text = json.dumps(document, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1]))
        limit = rng.randint(MIN_LIMIT, 40)
        told: list[tuple[int, int]] = []
        cap = StringCap(limit, lambda length, line, told=told: told.append((length, line)))
        out, at = [], 0
        while at < len(text):  # chunks of whole characters, as the reader hands them on
            size = rng.randint(1, 50)
            out.append(cap.feed(text[at : at + size].encode(), text[:at].count("\n")))
            at += size
        out.append(cap.finish())
        result = b"".join(out)
        json.loads(result)  # still valid JSON
        data = text.encode()
        before, after = _STRING.findall(data), _STRING.findall(result)
        assert len(before) == len(after)
        expected = []
        for match, old, new in zip(_STRING.finditer(data), before, after, strict=True):
            if len(old) > limit:
                assert old.startswith(new) and limit - 12 <= len(new) <= limit
                expected.append((len(old), data.count(b"\n", 0, match.start()) + 1))
            else:
                assert new == old
        assert told == expected


def test_a_cap_too_small_for_an_escape_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        StringCap(MIN_LIMIT - 1, lambda length, line: None)
