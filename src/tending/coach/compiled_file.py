"""The compiled code of the expressions the coach compiles, read from `data/compiled.bin`.

Python's `re.compile` parses and compiles an expression in pure Python (`re._parser`,
`re._compiler`): about 1 ms for a planned alternative, several for a whole pattern, so the
first messages of a batch paid for it. What it hands the C engine (`_sre.compile`) is a list
of numbers that depends only on the expression's text and flags and on this Python's engine,
so `make coach-model` writes it once (`python -m tending.coach.compiled_file`) for every
expression the rule engine compiles (`RuleEngine.compiled_sources`: each pattern whole and
each of its planned alternatives, each alternative of its `unless`, its `unless`, `requires`
and `context`), and `compile_shipped` builds the regex from it (about 10 µs).

The file is gated by the format, Python's major.minor, `_sre.MAGIC`, `_sre.CODESIZE` and the
byte order: where any differs, or an expression is not in it (a pattern edited since), the
expression is compiled by `re.compile` as before, so a stale or foreign file is slower, never
wrong (and a bad expression raises `re.error` from there, as before); the test
`test_compiled_file.py` fails until the file is written again.

Layout: a line of JSON (the stamp, the places of what follows), then the index in 256 parts
by the keys' first byte (each zlib; a lookup reads one): each entry's key (8 bytes of blake2b
of flags and text, sorted) and its (chunk, start, length, flags, groups) as 32-bit numbers,
column by column; then the chunks, each a group's codes end to end (zlib; an expression
shared by several is kept once): for each pattern, what is compiled when it is first triggered
or planned (whole, `unless`, `requires`, `context`: a few KB), then its alternatives. A lookup
decompresses only its chunk (under 1 ms for the largest; the last one is kept, since a
pattern's alternatives are compiled one after another). Nothing is read before the first
lookup, and only the parts a lookup needs are read then (the file is not held in memory).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import re
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache
from typing import Any

NAME = "compiled.bin"
FORMAT = 1  # raise when what is written, or how it is read, changes
PROVENANCE = (
    "Written by `python -m tending.coach.compiled_file` (`make coach-model`) from patterns.toml "
    "and lexicon.tsv: the sre code `re.compile` would make of each expression the coach compiles."
)
FIELDS = 5  # per entry: chunk, start, length (in code words), flags, groups
BUCKET_SHIFT = 56  # the index is cut by the keys' first byte (a lookup reads one part)
BUCKETS = 256


def stamp() -> str:
    """What the code depends on besides the expressions: this Python's regular expression
    engine (the file is read only where it matches)."""
    major, minor = sys.version_info[:2]
    return f"{FORMAT}:{major}.{minor}:{_sre.MAGIC}:{_sre.CODESIZE}:{sys.byteorder}"


def key(source: str, flags: int = 0) -> int:
    """An expression's entry key: 64 bits of a digest of its flags and text."""
    try:  # (here, and the module itself: `hashlib` imports OpenSSL's, about 2 ms)
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b

    digest = blake2b(f"{flags}:{source}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


class CompiledFile:
    """The shipped code, read on first lookup; `compile` answers None for an expression the
    file does not hold (or for every one when the file was written by another engine)."""

    def __init__(self, data: bytes | None = None) -> None:
        self._data = data  # (None: the packaged file, each part read from it when needed)
        self._header: dict[str, Any] | None = None  # ({}: no file, or another engine's)
        self._buckets: list[tuple[array[int], array[int]] | None] = [None] * BUCKETS
        self._chunk: tuple[int, array[int]] = (-1, array("I"))  # the last decompressed

    def _read(self) -> dict[str, Any]:
        """The header (the file's first line): the stamp, the places of buckets and chunks."""
        if self._header is None:
            import json

            try:
                if self._data is None:
                    with _open_packaged() as file:
                        line = file.readline()
                else:
                    line = self._data[: self._data.index(b"\n") + 1]
                header = json.loads(line)
                header["start"] = len(line)
            except Exception:  # noqa: BLE001 - no file, or a broken one: compile everything
                header = {}
            self._header = header if header.get("stamp") == stamp() else {}
        return self._header

    def _slice(self, start: int, end: int) -> bytes:
        """Bytes `start` to `end` of the file (read from it: the file is not held, 2 MB)."""
        if self._data is not None:
            return self._data[start:end]
        with _open_packaged() as file:
            file.seek(start)
            return file.read(end - start)  # type: ignore[no-any-return]

    def compile(self, source: str, flags: int = 0) -> re.Pattern[str] | None:
        """`source` compiled from the shipped code (what `re.compile(source, flags)` makes);
        None when the file does not hold it."""
        if not self._read():
            return None
        wanted = key(source, flags)
        try:
            keys, fields = self._bucket(wanted >> BUCKET_SHIFT)
            at = bisect_left(keys, wanted)
            if at == len(keys) or keys[at] != wanted:
                return None
            chunk, start, length, all_flags, groups = fields[at :: len(keys)]
            code = self._code(chunk)[start : start + length].tolist()
            return _sre.compile(source, all_flags, code, groups - 1, {}, (None,) * groups)  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001 - a damaged file (bad zlib, code `_sre` refuses): `re`
            return None

    def _bucket(self, number: int) -> tuple[array[int], array[int]]:
        """The keys of bucket `number` (sorted) and their fields, column by column."""
        found = self._buckets[number]
        if found is None:
            header = self._read()
            start, places = header["start"], header["buckets"]
            raw = zlib.decompress(self._slice(start + places[number], start + places[number + 1]))
            keys, fields = array("Q"), array("I")
            count = len(raw) // (8 + 4 * FIELDS)
            keys.frombytes(raw[: 8 * count])
            fields.frombytes(raw[8 * count :])
            found = self._buckets[number] = (keys, fields)
        return found

    def _code(self, chunk: int) -> array[int]:
        """The code words of `chunk` (decompressed; the last one kept)."""
        number, words = self._chunk
        if number != chunk:
            header = self._read()
            starts = header["chunks"]
            first = header["start"] + header["buckets"][-1]
            words = array("I")
            packed = self._slice(first + starts[chunk], first + starts[chunk + 1])
            words.frombytes(zlib.decompress(packed))
            self._chunk = (chunk, words)
        return words


_SHIPPED = CompiledFile()


def compile_shipped(source: str) -> re.Pattern[str]:
    """`re.compile(source)`, from the shipped code where the file holds it (the same regex,
    without parsing and compiling it in Python)."""
    return _SHIPPED.compile(source) or re.compile(source)


def _packaged() -> bytes:
    from importlib import resources

    return (resources.files("tending.coach") / "data" / NAME).read_bytes()


@cache
def _packaged_path() -> Any:
    from importlib import resources

    return resources.files("tending.coach") / "data" / NAME


def _open_packaged() -> Any:
    """The packaged file, open for reading (through `importlib.resources`, as the other data;
    its path found once)."""
    return _packaged_path().open("rb")


def code_of(source: str, flags: int = 0) -> tuple[list[int], int, int] | None:
    """What `re.compile` hands `_sre.compile` for `source`: (code, flags, groups); None for
    an expression that does not compile or has named groups (left to `re.compile`)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    try:
        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
    except re.error:
        return None
    if parsed.state.groupdict:
        return None
    return [int(word) for word in code], flags | parsed.state.flags, parsed.state.groups


def build(chunks: Iterable[Iterable[str]]) -> bytes:
    """The file for the expressions `chunks` (lists compressed together: `RuleEngine.
    compiled_sources`), flags 0, each kept once."""
    import json

    entries: dict[int, list[int]] = {}
    packed: list[bytes] = []
    starts = [0]
    for sources in chunks:
        words: array[int] = array("I")
        for source in sorted(set(sources)):  # (the same bytes whatever the sets' order)
            wanted = key(source)
            found = None if wanted in entries else code_of(source)
            if found is not None:
                code, flags, groups = found
                entries[wanted] = [len(packed), len(words), len(code), flags, groups]
                words.extend(code)
        if words:
            packed.append(zlib.compress(words.tobytes(), 9))
            starts.append(starts[-1] + len(packed[-1]))
    buckets: list[list[int]] = [[] for _ in range(BUCKETS)]
    for wanted in sorted(entries):
        buckets[wanted >> BUCKET_SHIFT].append(wanted)
    index, places = [], [0]
    for ordered in buckets:  # (column by column: each column alike compresses well)
        fields = array("I", [entries[wanted][column] for column in range(FIELDS)
                             for wanted in ordered])  # fmt: skip
        index.append(zlib.compress(array("Q", ordered).tobytes() + fields.tobytes(), 9))
        places.append(places[-1] + len(index[-1]))
    header = {"provenance": PROVENANCE, "stamp": stamp(), "entries": len(entries),
              "buckets": places, "chunks": starts}  # fmt: skip
    head = json.dumps(header, separators=(",", ":")).encode() + b"\n"
    return head + b"".join(index) + b"".join(packed)


def written() -> bytes:
    """The file for the expressions of the packaged patterns."""
    from tending.coach.lexicon import load_lexicon
    from tending.coach.patterns import load_patterns
    from tending.coach.rules import RuleEngine

    global _SHIPPED  # noqa: PLW0603 - compile with `re` as if there were no file (not read back)
    shipped, _SHIPPED = _SHIPPED, CompiledFile(b"")
    try:
        lexicon = load_lexicon()
        return build(RuleEngine(lexicon, load_patterns(lexicon)).compiled_sources())
    finally:
        _SHIPPED = shipped


def main(argv: list[str]) -> int:
    """Write `data/compiled.bin` (or, with --check, say whether it is current)."""
    from pathlib import Path

    path = Path(__file__).parent / "data" / NAME
    data = written()
    if argv[1:] == ["--check"]:
        current = path.exists() and path.read_bytes() == data
        print(f"{NAME} is {'current' if current else 'stale: run make coach-model'}")
        return 0 if current else 1
    path.write_bytes(data)
    print(f"wrote {path} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":  # (run through the module's import: the engine reads that one)
    from tending.coach.compiled_file import main as imported_main

    sys.exit(imported_main(sys.argv))
