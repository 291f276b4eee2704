"""The shipped compiled code (`coach/data/compiled.bin`, `compiled_file.py`) is what `re`
compiles, answers as `re.compile`'s regex does, and is left alone where it does not fit."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from tending.coach import compiled_file
from tending.coach.compiled_file import CompiledFile, build, compile_shipped
from tending.coach.patterns import compile_regex
from tending.coach.rules import load_engine
from tending.domain.errors import FormatProblem

SAMPLES = (
    "you never help with the dishes and you always forget",
    "i feel so tired tonight, but i would love to come. can you call me later?",
    "it's not my fault, sam didn't call. whatever.",
    "i'm proud of you. thank you for doing the laundry, it really helped",
)


@cache
def _sources() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(found) for found in load_engine().compiled_sources())


def test_the_shipped_file_is_current() -> None:
    """Fails when a pattern or word class changed (or this Python compiles differently) and the
    file was not written again: run `make coach-model` (`python -m tending.coach.plan_file`)."""
    stale = "compiled.bin is stale: make coach-model"
    assert compiled_file._packaged() == compiled_file.written(), stale


def test_every_expression_is_shipped_as_re_compiles_it() -> None:
    """Every expression the engine compiles is in the file, and the regex made from it is
    `re.compile`'s: the same flags, groups and code (`Pattern.__eq__` compares the code)."""
    shipped = CompiledFile()
    for sources in _sources():
        for source in sources:
            found = shipped.compile(source)
            assert found is not None, source[:80]
            want = re.compile(source)
            assert found == want, source[:80]
            assert (found.groups, found.groupindex) == (want.groups, want.groupindex)


def test_shipped_regexes_answer_as_re_does() -> None:
    """On each pattern's own example and a few messages, every expression of the pattern
    finds the same spans from the shipped code as from `re.compile`."""
    engine = load_engine()
    shipped = CompiledFile()
    for pattern, sources in zip(engine.patterns, _sources(), strict=False):
        texts = [engine.normalizer.normalize(pattern.example).text, *SAMPLES]
        for source in sources[:40]:
            found, want = shipped.compile(source), re.compile(source)
            assert found is not None
            for text in texts:
                spans = [m.span() for m in found.finditer(text)]
                assert spans == [m.span() for m in want.finditer(text)], (pattern.id, source[:60])


def _with_stamp(data: bytes, stamp: str) -> bytes:
    end = data.index(b"\n")
    header = json.loads(data[:end])
    header["stamp"] = stamp
    return json.dumps(header, separators=(",", ":")).encode() + data[end:]


def test_a_small_file_answers_and_keeps_groups() -> None:
    data = build([[r"\bhelp\w*", r"(x)(y)?"], [r"a{2,}b"]])
    shipped = CompiledFile(data)
    regex = shipped.compile(r"(x)(y)?")
    assert regex == re.compile(r"(x)(y)?") and regex is not None
    match = regex.search("zxy")
    assert match is not None and match.group(2) == "y" and match.span(1) == (1, 2)
    assert shipped.compile(r"a{2,}b") == re.compile(r"a{2,}b")
    assert shipped.compile("not shipped") is None


def test_a_file_of_another_engine_is_not_read() -> None:
    """Another Python (or `_sre` magic, code size, byte order, format): every expression is
    compiled by `re` as before, never from the file."""
    data = build([[r"\bhelp\w*"]])
    assert CompiledFile(data).compile(r"\bhelp\w*") is not None
    foreign = CompiledFile(_with_stamp(data, "1:2.7:0:2:little"))
    assert foreign.compile(r"\bhelp\w*") is None
    assert CompiledFile(b"garbage").compile(r"\bhelp\w*") is None


def test_a_stale_stamp_falls_back_to_re(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled_file, "stamp", lambda: "0:0.0:0:0:none")
    monkeypatch.setattr(compiled_file, "_SHIPPED", CompiledFile())
    source = _sources()[0][0]
    assert compiled_file._SHIPPED.compile(source) is None
    assert compile_shipped(source) == re.compile(source)


def test_a_bad_expression_still_names_its_pattern() -> None:
    with pytest.raises(FormatProblem, match=r"pattern bad-one: bad regular expression"):
        compile_regex("(?:unclosed", "patterns.toml pattern bad-one")


def test_a_damaged_file_falls_back_to_re() -> None:
    """Chunks cut short (a damaged copy with a good stamp): no answer from the file, so
    `re.compile` compiles, never a wrong or broken regex."""
    data = build([[r"\bhelp\w*"]])
    assert CompiledFile(data[:-20]).compile(r"\bhelp\w*") is None
