"""What a rule is and how the rules are read from `patterns.toml`.

Each pattern is checked when it loads (known flag, known word classes, trigger words, context
and its example together); word classes of `lexicon.tsv` are spliced into its expression as
`{class}`, and its trigger entries are read into parts (a word, or a class's first words), each
of which must have a word in a message before the rule engine (`rules.py`) tries the pattern
(kept as parts, never multiplied out: a class of 240 words makes one part, not 240 sets).
Expressions are compiled later, when first needed (`compile_pattern`, `compile_regex`).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import repeat
from typing import Any, NamedTuple

from tending.coach.data_files import read_data_text, toml_document
from tending.coach.lexicon import Lexicon
from tending.coach.model import FLAGS
from tending.domain.errors import FormatProblem

NAME = "patterns.toml"
MACRO = re.compile(r"\{([a-z_]+)(\*?)\}")
BUILTIN = {"gap": r"[^.!?;\n]{0,80}?"}
REQUIRED = ("id", "flag", "match", "trigger", "why", "example")
CONTEXT_KEYS = ("context", "context_example")


class Pattern(NamedTuple):
    """One compiled rule."""

    id: str
    flag: str
    source: str  # the regular expression with word classes spliced in
    why: str
    trigger_parts: tuple[tuple[frozenset[str], ...], ...]  # one entry as typed each: the
    # pattern is tried when, for some entry, every part (a word, or a class's first words) has
    # a word in the message
    unless: str | None
    requires: str | None
    negatable: bool
    example: str
    context: str | None = None  # a regex the (normalized) message answered must match
    context_example: str | None = None


class Compiled(NamedTuple):
    """A pattern's regular expressions, compiled the first time the pattern is tried."""

    regex: re.Pattern[str]
    unless: re.Pattern[str] | None
    requires: re.Pattern[str] | None


def _expand(source: str, lexicon: Lexicon, where: str) -> str:
    def one(match: re.Match[str]) -> str:
        name, star = match.group(1), match.group(2)
        if name in BUILTIN:
            return BUILTIN[name]
        if name not in lexicon.classes:
            raise FormatProblem(f"{where}: unknown word class {{{name}}}")
        alternation = _alternation(lexicon.classes[name])
        return f"(?:{alternation} )*" if star else alternation

    return MACRO.sub(one, source)


@cache
def _alternation(words: tuple[str, ...]) -> str:
    """A class's words as one regex alternation, longest first (built once per class)."""
    longest_first = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(word) for word in longest_first) + ")"


def compile_regex(source: str, where: str) -> re.Pattern[str]:
    """`source` compiled (from the shipped code where `compiled_file` holds it); a bad
    expression raises FormatProblem naming `where`."""
    from tending.coach.compiled_file import compile_shipped  # (on first need: not at loading)

    try:
        return compile_shipped(source)
    except re.error as error:
        raise FormatProblem(f"{where}: bad regular expression ({error})") from None


def compile_pattern(pattern: Pattern) -> Compiled:
    """Compile one pattern (its match, unless and requires), checking it has no capture groups."""
    where = f"{NAME} pattern {pattern.id}"
    regex = compile_regex(pattern.source, where)
    if regex.groups:
        raise FormatProblem(f"{where}: use (?:...) groups only")
    return Compiled(
        regex,
        compile_regex(pattern.unless, where) if pattern.unless else None,
        compile_regex(pattern.requires, where) if pattern.requires else None,
    )


def _heads(lexicon: Lexicon, name: str) -> frozenset[str]:
    """First words of a class's phrases (one set per class, shared by every trigger)."""
    return _class_heads(lexicon.classes[name])


@cache
def _class_heads(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(phrase.split()[0].split("-")[0] for phrase in phrases)


def _triggers(raw: Any, lexicon: Lexicon, where: str) -> tuple[tuple[frozenset[str], ...], ...]:
    """The trigger's entries, each as its parts (sets of words, one of each part required)."""
    if not isinstance(raw, list) or not raw or not all(map(isinstance, raw, repeat(str))):
        raise FormatProblem(f"{where}: trigger must be a non-empty list of words")
    entries: dict[tuple[frozenset[str], ...], None] = {}  # in file order, each once
    for entry in raw:
        if "+" in entry or entry[:1] == "@":
            entries[tuple([_part(part, lexicon, where) for part in entry.split("+")])] = None
        else:  # one plain word (most entries)
            entries[(frozenset((entry,)),)] = None
    return tuple(entries)


def _part(part: str, lexicon: Lexicon, where: str) -> frozenset[str]:
    """One part of a trigger entry: a word, or `@class` (the first words of a class)."""
    if not part.startswith("@"):
        return frozenset((part,))
    if part[1:] not in lexicon.classes:
        raise FormatProblem(f"{where}: unknown trigger class {part}")
    return _heads(lexicon, part[1:])


def parse_pattern(row: dict[str, Any], lexicon: Lexicon, index: int) -> Pattern:
    where = f"{NAME} pattern {index + 1} ({row.get('id', '?')})"
    missing = [key for key in REQUIRED if not isinstance(row.get(key), (str, list))]
    if missing:
        raise FormatProblem(f"{where}: missing {', '.join(missing)}")
    if row["flag"] not in FLAGS:
        raise FormatProblem(f"{where}: unknown flag {row['flag']!r}")
    optional = {key: row.get(key) for key in CONTEXT_KEYS + ("unless", "requires")}
    if any(value is not None and not isinstance(value, str) for value in optional.values()):
        raise FormatProblem(f"{where}: {', '.join(optional)} must be strings")
    if bool(row.get("context")) != bool(row.get("context_example")):
        raise FormatProblem(f"{where}: context and context_example go together")
    parts = _triggers(row["trigger"], lexicon, where)
    return Pattern(
        id=row["id"],
        flag=row["flag"],
        source=_expand(row["match"], lexicon, where),
        why=row["why"],
        trigger_parts=parts,
        unless=_expand(row["unless"], lexicon, where) if row.get("unless") else None,
        requires=_expand(row["requires"], lexicon, where) if row.get("requires") else None,
        negatable=bool(row.get("negatable", False)),
        example=row["example"],
        context=_expand(row["context"], lexicon, where) if row.get("context") else None,
        context_example=row.get("context_example"),
    )


def load_patterns(lexicon: Lexicon) -> list[Pattern]:
    """Every pattern of patterns.toml, read and checked (its expressions compile when first
    needed; the data-lint test compiles them all and tries each on its own example)."""
    rows = toml_document(NAME, read_data_text(NAME)).get("pattern", [])
    patterns = [parse_pattern(row, lexicon, index) for index, row in enumerate(rows)]
    seen: set[str] = set()
    for pattern in patterns:
        if pattern.id in seen:
            raise FormatProblem(f"{NAME}: pattern id {pattern.id} is used twice")
        seen.add(pattern.id)
    return patterns
