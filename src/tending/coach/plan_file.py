"""What planning a pattern needs that is slow to work out, read from `data/plans.json.gz`.

Planning (`planning.py`) cuts each pattern's expression (and each `unless`) into alternatives
(`alternatives.split_alternatives`), reads the words each alternative needs
(`literals.required_words`) and the first words it can start with (`heads.gate`). That took
about 2.5 s of CPU for all the patterns, the first time each was planned in a process; the
answers depend only on the expression's text and on which words are common (the English
stopwords rank clauses), so `make coach-model` writes them once (`python -m
tending.coach.plan_file`) and planning looks them up.

The file (text, gzipped: 3.2 MB, 0.6 MB packed) is a line of JSON with the tables below, then a
line per expression: a digest of its text and, separated by tabs, its alternatives as spans of
the expression's own text (an alternative of `P(?:A|B)S` is the spans of P, A and S: the file
copies none of the patterns' text), the clauses of each (as numbers in one table of distinct
clauses, whose words are numbers in one table of words), each alternative's head gate (numbers
in a table of gates: `written_head`), and then for a pattern's expression a digest of its
trigger and what
`choosing.Chooser` picks for each alternative (key clause, second key or -1, needed words,
whether the trigger is still checked, clauses of several words: clause numbers), or for an
`unless` "-" and its gate (`choosing.unless_gate`: a clause number, -1 for none). Each field is
parsed only where it is needed: planning a pattern reads its spans (on first search of an
alternative), head gates and choices, never its clauses. The whole file is keyed by `FORMAT`
and a digest of the stopwords. An expression the file does not know (a pattern edited since the
file was written) is worked out as before, and so are the choices of a pattern whose trigger
changed, so a stale file is slower, never wrong; the test `test_plan_file.py` fails until the
file is written again.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from tending.coach.alternatives import split_alternatives
from tending.coach.heads import ALL, ANY, BARS, HOLDS, NEEDS, OPEN, Head, gate
from tending.coach.literals import Clause, common_cost, required_words

if TYPE_CHECKING:
    from tending.coach.choosing import Choice

NAME = "plans.json.gz"  # JSON, gzipped (3.2 MB as text, about 0.6 MB so)
FORMAT = 3  # raise when what is written, or how planning reads it, changes
PROVENANCE = (
    "Written by `python -m tending.coach.plan_file` (`make coach-model`) from patterns.toml, "
    "lexicon.tsv and the stopwords: what planning would work out, kept so it need not."
)

Gates = tuple[list[str], list[list[Clause]]] | None  # `PatternIndex._gates`: None keeps it whole
Parts = tuple[tuple[frozenset[str], ...], ...]  # a pattern's trigger (`Pattern.trigger_parts`)
# `PatternIndex._gates`: the gates, each alternative's head gate, and `choosing.Chooser`'s
# choice for each (None: not shipped, work them out)
NO_SECOND = frozenset({""})  # a second key of none (`choosing.NONE`): filed under its key alone
Shipped = tuple[Any, "list[Head] | None", "list[Choice] | None"]


def gates(source: str, cost: Callable[[str], int]) -> Gates:
    """The alternatives of `source` and the clauses of each (None: keep it whole)."""
    pieces = split_alternatives(source)
    clauses = []
    for piece in pieces:
        found = required_words(piece, cost)
        if found is None:
            return None
        clauses.append(found)
    return pieces, clauses


def digest(text: str) -> str:
    """The key of an expression's entry."""
    import hashlib  # (here: only planning needs it, not loading the coach)

    return hashlib.blake2b(text.encode(), digest_size=9).hexdigest()


def trigger_digest(parts: Parts, kept: dict[frozenset[str], str] | None = None) -> str:
    """The key of a pattern's trigger: what planning chooses for its alternatives depends on
    it as well as on the expression. `kept`: each part as written, by part (the same classes
    come back in pattern after pattern: sorting and writing them was 90 µs a pattern)."""
    if kept is None:
        return digest(repr([[sorted(part) for part in entry] for entry in parts]))
    written = []  # (the same text as the `repr` above, each part's piece written once)
    for entry in parts:
        pieces = []
        for part in entry:
            found = kept.get(part)
            if found is None:
                found = kept[part] = repr(sorted(part))
            pieces.append(found)
        written.append("[" + ", ".join(pieces) + "]")
    return digest("[" + ", ".join(written) + "]")


def stamp(common: frozenset[str]) -> str:
    """What the whole file depends on besides the expressions: the format and the stopwords."""
    return f"{FORMAT}:" + digest("\n".join(sorted(common)))


class PlanFile:
    """The shipped answers, read on first use; `lookup` answers None for an expression the
    file does not hold (or for every one when the file is of another format or stopwords).

    Held as the file's bytes, each entry read only when looked up, each clause and head gate
    made only when an entry needs it (about 3 MB held, where reading everything took 7)."""

    def __init__(self, common: frozenset[str], text: str | None = None) -> None:
        self._common = common
        self._data = text.encode() if text is not None else None  # (None: the packaged file)
        self._entries: dict[str, tuple[int, int]] | None = None  # digest -> its line's span
        self._words: list[str] = []
        self._clauses = _Table(self._clause)  # number -> the clause (made on first need)
        self._heads = _Table(self._head)
        self._written: tuple[list[str], list[list[Any]]] = ([], [])  # clauses, heads as read
        self._parts: dict[frozenset[str], str] = {}  # trigger parts as written (`trigger_digest`)

    def _read(self) -> dict[str, tuple[int, int]]:
        if self._entries is None:
            import json  # (here: loading the coach does not import it)

            entries: dict[str, tuple[int, int]] = {}
            try:
                data = self._data = self._data if self._data is not None else _packaged()
                end = data.index(b"\n")
                document = json.loads(data[:end])
            except Exception:  # noqa: BLE001 - no file, or a broken one: work everything out
                document = {}
            if document.get("stamp") == stamp(self._common):
                self._words = document["words"]
                self._written = (document["clauses"], document["heads"])
                start, size = end + 1, len(data)
                while start < size:
                    end = data.index(b"\n", start)
                    tab = data.index(b"\t", start, end)
                    entries[data[start:tab].decode()] = (tab + 1, end)
                    start = end + 1
            self._entries = entries
        return self._entries

    def lookup(self, source: str) -> tuple[Gates, list[Head] | None] | None:
        """(the gates of `source`, the head gate of each alternative) as shipped; None when
        the file does not hold `source`."""
        found = self.entry(source)
        return None if found is None else found[:2]

    def _fields(self, source: str) -> list[bytes] | None:
        """The fields of the entry of `source` as written (not parsed: each is parsed only
        where it is needed); None when the file does not hold `source`."""
        span = self._read().get(digest(source))
        if span is None or self._data is None:
            return None
        return self._data[span[0] : span[1]].split(b"\t")

    def entry(self, source: str, parts: Parts | None = None, lazy: bool = False) -> Shipped | None:
        """`lookup`, and with `parts` (the pattern's trigger) `choosing.Chooser`'s choice for
        each alternative where the file holds it for that trigger (else None); None when the
        file does not hold `source`. `lazy`: the alternatives as (`Pieces`, place), made when
        first needed (an `unless`'s, most never searched), not their text."""
        fields = self._fields(source)
        if fields is None:
            return None
        if len(fields) < 5:
            return None, None, None  # kept whole
        import json

        written_spans, written_clauses, written_heads, key, extra = fields
        table, gates = self._clauses, self._heads
        head_gates = [gates[i] if i >= 0 else None for i in json.loads(written_heads)]
        if parts is not None and key and key.decode() == trigger_digest(parts, self._parts):
            chosen = [
                (table[key], NO_SECOND if second < 0 else table[second], table[need],
                 tuple([table[i] for i in several]), bool(check))
                for key, second, need, check, *several in json.loads(extra)
            ]  # fmt: skip
            # (the alternatives' text made when first needed: `planning.Alternative.source`;
            # their clauses are not needed)
            pieces = Pieces(source, written_spans)
            return ([(pieces, order) for order in range(len(chosen))], []), head_gates, chosen
        clauses = [[table[i] for i in found] for found in json.loads(written_clauses)]
        if lazy:
            made = Pieces(source, written_spans)
            return ([(made, order) for order in range(len(clauses))], clauses), head_gates, None
        texts = [joined(source, s) for s in json.loads(written_spans)]
        return (texts, clauses), head_gates, None

    def unless_gate(self, source: str) -> tuple[bool, Clause | None]:
        """(True, `choosing.unless_gate` of the `unless` expression `source`) as shipped;
        (False, None) when the file does not hold it."""
        fields = self._fields(source)
        if fields is None:
            return False, None
        if len(fields) < 5:
            return True, None  # kept whole: no words known
        if fields[3] != b"-":
            return False, None  # (written for a pattern's expression)
        found = int(fields[4])
        return True, None if found < 0 else self._clauses[found]

    def _clause(self, number: int) -> Clause:
        """A clause as written: its words' numbers, separated by spaces."""
        return frozenset(map(self._words.__getitem__, map(int, self._written[0][number].split())))

    def _head(self, number: int) -> Head:
        """A head gate as written (`written_head`)."""
        return read_head(self._written[1][number], self._words)


def written_head(head: Head, number: Callable[[Iterable[str]], list[int]]) -> Any:
    """A head gate as JSON: first words as [word numbers], `follows`'s as [marks, [word
    numbers]], and the other kinds (`heads.NEEDS`...) as {"needs": [classes]}, {"bars":
    marks}, {"holds": run}, {"all": [gates]}, {"any": [gates]}, {"open": [[word numbers], length,
    [prefixes]]}."""
    if isinstance(head, frozenset):
        return number(head)
    assert head is not None
    kind = head[0]
    if isinstance(kind, str):
        return [kind, number(head[1])]
    if kind == NEEDS:
        return {"needs": list(head[1])}
    if kind == BARS:
        return {"bars": head[1]}
    if kind == HOLDS:
        return {"holds": head[1]}
    if kind in (ALL, ANY):
        return {"all" if kind == ALL else "any": [written_head(one, number) for one in head[1:]]}
    return {"open": [number(head[1]), head[2], sorted(head[3])]}


def read_head(written: Any, words: list[str]) -> Head:
    """A head gate from its JSON (`written_head`)."""
    if isinstance(written, dict):
        ((key, value),) = written.items()
        if key == "needs":
            return NEEDS, tuple(value)
        if key == "bars":
            return BARS, value
        if key == "holds":
            return HOLDS, value
        if key in ("all", "any"):
            return (ALL if key == "all" else ANY, *[read_head(one, words) for one in value])
        told, length, prefixes = value
        return OPEN, frozenset([words[i] for i in told]), length, frozenset(prefixes)
    if written and isinstance(written[0], str):
        return written[0], frozenset([words[i] for i in written[1]])
    return frozenset([words[i] for i in written])


def joined(source: str, spans: list[int]) -> str:
    """The text of `spans` of `source` (flat: start, end, start, end...)."""
    return "".join([source[a:b] for a, b in zip(spans[::2], spans[1::2], strict=True)])


class Pieces:
    """A pattern's alternatives as shipped, each made from its spans when first needed (most
    alternatives are never searched: `planning.Alternative.source`)."""

    __slots__ = ("source", "written", "spans")

    def __init__(self, source: str, written: bytes) -> None:
        self.source = source
        self.written: bytes = written
        self.spans: list[list[int]] | None = None  # read on first need

    def __getitem__(self, order: int) -> str:
        spans = self.spans
        if spans is None:
            import json

            spans = self.spans = json.loads(self.written)
        return joined(self.source, spans[order])


class _Table(dict[int, Any]):
    """Number -> what `make` makes of it, made when first asked for."""

    def __init__(self, make: Callable[[int], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, number: int) -> Any:
        found = self[number] = self.make(number)
        return found


def _packaged() -> bytes:
    """The packaged file's text, as bytes (read through `importlib.resources`, as the other
    data)."""
    from importlib import resources

    packed = (resources.files("tending.coach") / "data" / NAME).read_bytes()
    return zlib.decompress(packed, wbits=31)  # (31: gzip's header and trailer)


def spans(piece: str, source: str) -> list[int]:
    """`piece` as spans of `source` (flat: start, end, start, end...), longest first: each
    span the longest stretch of what is left of `piece` that `source` holds somewhere."""
    out: list[int] = []
    at = 0
    while at < len(piece):
        low, high = 1, len(piece) - at  # piece[at:at + low] is in source; find the longest
        if piece[at : at + high] not in source:
            while low < high:
                middle = (low + high + 1) // 2
                if piece[at : at + middle] in source:
                    low = middle
                else:
                    high = middle - 1
        start = source.find(piece[at : at + high])
        if start < 0:
            raise ValueError(f"{piece!r} is not made of {source!r}")
        out += [start, start + high]
        at += high
    return out


def build(sources: Iterable[tuple[Any, ...]], common: frozenset[str]) -> str:
    """The file's text for the expressions `sources` ((text, whether its alternatives' head
    gates are needed, and optionally the pattern's trigger, for `choosing.Chooser`'s choices)),
    in the order given, each once."""
    import json

    from tending.coach.choosing import Chooser, Ranks, unless_gate

    cost, rank = common_cost(common), Ranks(common)
    words: dict[str, int] = {}
    clauses: dict[tuple[int, ...], int] = {}
    heads: dict[str, int] = {}
    entries: dict[str, str] = {}

    def number(clause: Iterable[str]) -> list[int]:
        return [words.setdefault(word, len(words)) for word in sorted(clause)]

    def clause_number(clause: Clause) -> int:
        return clauses.setdefault(tuple(number(clause)), len(clauses))

    def head_number(head: Head) -> int:
        if head is None:
            return -1
        return heads.setdefault(json.dumps(written_head(head, number)), len(heads))

    def choice(found: Choice) -> list[int]:
        key, second, need, several, check = found
        return [clause_number(key), -1 if second == NO_SECOND else clause_number(second),
                clause_number(need), int(check), *map(clause_number, several)]  # fmt: skip

    for source, with_heads, *trigger in sources:
        key = digest(source)
        if key in entries:
            continue
        found = gates(source, cost)
        if found is None:
            entries[key] = "null"
            continue
        pieces, clause_lists = found
        fields = [
            [spans(piece, source) for piece in pieces],
            [[clause_number(c) for c in cs] for cs in clause_lists],
            [head_number(gate(piece)) if with_heads else -1 for piece in pieces],
        ]
        if trigger and trigger[0] is not None:  # a pattern's: what `choosing.Chooser` chooses
            choose = Chooser(trigger[0], rank)
            written = [trigger_digest(trigger[0]),
                       _dumps([choice(choose(cs)) for cs in clause_lists])]  # fmt: skip
        else:  # an `unless`'s: the words one of which it needs (`choosing.unless_gate`)
            unless = unless_gate(clause_lists, rank)
            written = ["-", str(-1 if unless is None else clause_number(unless))]
        entries[key] = "\t".join([*map(_dumps, fields), *written])
    document = {
        "provenance": PROVENANCE, "stamp": stamp(common), "words": list(words),
        "clauses": [" ".join(map(str, c)) for c in clauses],
        "heads": [json.loads(h) for h in heads],
    }  # fmt: skip
    lines = [_dumps(document)] + [f"{key}\t{entry}" for key, entry in entries.items()]
    return "\n".join(lines) + "\n"


def _dumps(value: Any) -> str:
    import json

    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def expressions(patterns: Iterable[Any]) -> list[tuple[str, bool, Parts | None]]:
    """What planning looks up, pattern by pattern: the expression (with its trigger), then
    the `unless`."""
    out: list[tuple[str, bool, Parts | None]] = []
    for pattern in patterns:
        out.append((pattern.source, True, pattern.trigger_parts))
        if pattern.unless:
            out.append((pattern.unless, False, None))
    return out


def written() -> str:
    """The file's text for the patterns and stopwords of the packaged data."""
    from tending.coach.lexicon import load_lexicon
    from tending.coach.patterns import load_patterns

    lexicon = load_lexicon()
    common = lexicon.stopwords.get("en", frozenset())
    return build(expressions(load_patterns(lexicon)), common)


def main(argv: list[str]) -> int:
    """Write `data/plans.json.gz`, then `data/compiled.bin` (`compiled_file`), or with
    --check say whether each is current."""
    from pathlib import Path

    from tending.coach import compiled_file

    path = Path(__file__).parent / "data" / NAME
    text = written()
    if argv[1:] == ["--check"]:
        current = path.exists() and _packaged().decode() == text
        print(f"{NAME} is {'current' if current else 'stale: run make coach-model'}")
        return max(0 if current else 1, compiled_file.main(argv))
    import gzip

    packed = gzip.compress(text.encode(), 9, mtime=0)  # (no time in it: the same every run)
    path.write_bytes(packed)
    print(f"wrote {path} ({len(packed):,} bytes; {len(text.encode()):,} as text)")
    return compiled_file.main(argv)  # (after the plans: it plans every pattern)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
