"""The rule engine: patterns from `patterns.toml`, compiled once, tried only when triggered.

A pattern is tried only if one of its trigger words is in the message, so a short message
touches a handful of regular expressions instead of all of them; that is where the speed comes
from. Word classes of `lexicon.tsv` are spliced in as `{class}`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from tending.coach.data_files import read_data_text, toml_document
from tending.coach.lexicon import Lexicon, load_lexicon
from tending.coach.model import FLAGS
from tending.coach.normalize import Normalized, Normalizer
from tending.domain.errors import FormatProblem

NAME = "patterns.toml"
MACRO = re.compile(r"\{([a-z_]+)(\*?)\}")
BUILTIN = {"gap": r"[^.!?;\n]{0,80}?"}
NEGATION = re.compile(r"\b(?:not|never|no|hardly|nobody)\b(?:\s+\S+){0,2}\s*$")
SENTENCE_END = re.compile(r"[.!?;\n]")
LITERAL_WORDS = re.compile(r"[a-z]{2,}")
REQUIRED = ("id", "flag", "match", "trigger", "why", "example")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One compiled rule."""

    id: str
    flag: str
    source: str  # the regular expression with word classes spliced in
    why: str
    triggers: tuple[frozenset[str], ...]  # alternatives; each a set of words all required
    unless: str | None
    requires: str | None
    negatable: bool
    example: str


@dataclass(frozen=True, slots=True)
class Compiled:
    """A pattern's regular expressions, compiled the first time the pattern is tried."""

    regex: re.Pattern[str]
    unless: re.Pattern[str] | None
    requires: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Hit:
    """A pattern that matched: normalized span, flag, and reason."""

    flag: str
    start: int
    end: int
    why: str
    rule: str


def _expand(source: str, lexicon: Lexicon, where: str) -> str:
    def one(match: re.Match[str]) -> str:
        name, star = match.group(1), match.group(2)
        if name in BUILTIN:
            return BUILTIN[name]
        if name not in lexicon.classes:
            raise FormatProblem(f"{where}: unknown word class {{{name}}}")
        words = sorted(lexicon.classes[name], key=len, reverse=True)
        alternation = "(?:" + "|".join(re.escape(word) for word in words) + ")"
        return f"(?:{alternation} )*" if star else alternation

    return MACRO.sub(one, source)


def _compile(source: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(source)
    except re.error as error:
        raise FormatProblem(f"{where}: bad regular expression ({error})") from None


def compile_pattern(pattern: Pattern) -> Compiled:
    """Compile one pattern (its match, unless and requires), checking it has no capture groups."""
    where = f"{NAME} pattern {pattern.id}"
    regex = _compile(pattern.source, where)
    if regex.groups:
        raise FormatProblem(f"{where}: use (?:...) groups only")
    return Compiled(
        regex,
        _compile(pattern.unless, where) if pattern.unless else None,
        _compile(pattern.requires, where) if pattern.requires else None,
    )


def _triggers(raw: Any, lexicon: Lexicon, where: str) -> tuple[frozenset[str], ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(t, str) for t in raw):
        raise FormatProblem(f"{where}: trigger must be a non-empty list of words")
    alternatives: list[frozenset[str]] = []
    for entry in raw:
        parts = entry.split("+")
        choices: list[list[str]] = [[]]
        for part in parts:
            if part.startswith("@"):
                if part[1:] not in lexicon.classes:
                    raise FormatProblem(f"{where}: unknown trigger class {part}")
                heads = {phrase.split()[0].split("-")[0] for phrase in lexicon.classes[part[1:]]}
                choices = [chosen + [head] for chosen in choices for head in sorted(heads)]
            else:
                choices = [chosen + [part] for chosen in choices]
        alternatives.extend(frozenset(chosen) for chosen in choices)
    return tuple(dict.fromkeys(alternatives))


def _pattern(row: dict[str, Any], lexicon: Lexicon, index: int) -> Pattern:
    where = f"{NAME} pattern {index + 1} ({row.get('id', '?')})"
    missing = [key for key in REQUIRED if not isinstance(row.get(key), (str, list))]
    if missing:
        raise FormatProblem(f"{where}: missing {', '.join(missing)}")
    if row["flag"] not in FLAGS:
        raise FormatProblem(f"{where}: unknown flag {row['flag']!r}")
    optional = {key: row.get(key) for key in ("unless", "requires")}
    if any(value is not None and not isinstance(value, str) for value in optional.values()):
        raise FormatProblem(f"{where}: unless and requires must be strings")
    return Pattern(
        id=row["id"],
        flag=row["flag"],
        source=_expand(row["match"], lexicon, where),
        why=row["why"],
        triggers=_triggers(row["trigger"], lexicon, where),
        unless=_expand(row["unless"], lexicon, where) if row.get("unless") else None,
        requires=_expand(row["requires"], lexicon, where) if row.get("requires") else None,
        negatable=bool(row.get("negatable", False)),
        example=row["example"],
    )


class RuleEngine:
    """All patterns, indexed by the first word of each trigger.

    Each pattern's regular expressions are compiled the first time a message triggers it (once
    per process), so loading stays fast; `compile_all` compiles every one (the data-lint test).
    """

    def __init__(self, lexicon: Lexicon, patterns: Iterable[Pattern]) -> None:
        self.patterns = tuple(patterns)
        self.lexicon = lexicon
        self._compiled: list[Compiled | None] = [None] * len(self.patterns)
        index: dict[str, list[tuple[int, frozenset[str]]]] = {}
        for number, pattern in enumerate(self.patterns):
            for words in pattern.triggers:
                head = min(words)
                index.setdefault(head, []).append((number, words - {head}))
        self._index = index
        vocabulary = {w for ws in lexicon.classes.values() for p in ws for w in p.split()}
        for pattern in self.patterns:
            vocabulary.update(LITERAL_WORDS.findall(pattern.source))
        self.normalizer = Normalizer(lexicon, vocabulary)

    def compiled(self, number: int) -> Compiled:
        """The compiled regular expressions of pattern `number` (compiled on first use)."""
        found = self._compiled[number]
        if found is None:
            found = self._compiled[number] = compile_pattern(self.patterns[number])
        return found

    def compile_all(self) -> None:
        """Compile every pattern now (raises FormatProblem naming the first bad one)."""
        for number in range(len(self.patterns)):
            self.compiled(number)

    def candidates(self, words: frozenset[str]) -> list[int]:
        """Numbers of the patterns whose trigger words are all present, in file order."""
        found: set[int] = set()
        index = self._index
        for word in words:
            entries = index.get(word)
            if entries:
                for number, rest in entries:
                    if number not in found and rest <= words:
                        found.add(number)
        return sorted(found)

    def run(self, normalized: Normalized) -> list[Hit]:
        """Every pattern that matches the message and survives its checks."""
        text = normalized.text
        hits: list[Hit] = []
        for number in self.candidates(normalized.words):
            compiled = self.compiled(number)
            match = compiled.regex.search(text)
            if match is None:
                continue
            pattern = self.patterns[number]
            if not _survives(pattern, compiled, text, match.start(), match.end()):
                continue
            hits.append(Hit(pattern.flag, match.start(), match.end(), pattern.why, pattern.id))
        return hits + self._implied(text, hits)

    def _implied(self, text: str, hits: list[Hit]) -> list[Hit]:
        implied: list[Hit] = []
        for rule in self.lexicon.implications:
            for hit in hits:
                if hit.flag != rule.source:
                    continue
                sentence = sentence_around(text, hit.start, hit.end)
                if not rule.when.search(sentence):
                    continue
                if rule.unless is None or not rule.unless.search(sentence):
                    implied.append(Hit(rule.flag, hit.start, hit.end, rule.why, "imply"))
                    break
        return implied


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence that holds the span [start, end)."""
    left = max(text.rfind(mark, 0, start) for mark in ".!?;\n") + 1
    found = SENTENCE_END.search(text, end)
    right = found.end() if found else len(text)
    return text[left:right]


def _survives(pattern: Pattern, compiled: Compiled, text: str, start: int, end: int) -> bool:
    if compiled.requires is not None and compiled.requires.search(text) is None:
        return False
    if compiled.unless is not None and compiled.unless.search(sentence_around(text, start, end)):
        return False
    return not (pattern.negatable and NEGATION.search(text, max(0, start - 24), start))


def load_patterns(lexicon: Lexicon) -> list[Pattern]:
    """Every pattern of patterns.toml, compiled and checked against its own example."""
    rows = toml_document(NAME, read_data_text(NAME)).get("pattern", [])
    patterns = [_pattern(row, lexicon, index) for index, row in enumerate(rows)]
    seen: set[str] = set()
    for pattern in patterns:
        if pattern.id in seen:
            raise FormatProblem(f"{NAME}: pattern id {pattern.id} is used twice")
        seen.add(pattern.id)
    return patterns


@cache
def load_engine() -> RuleEngine:
    """The rule engine of this process (built once)."""
    lexicon = load_lexicon()
    return RuleEngine(lexicon, load_patterns(lexicon))


def example_failures(engine: RuleEngine) -> list[str]:
    """Patterns whose own example does not trigger them (the data-lint test wants none)."""
    failures = []
    for number, pattern in enumerate(engine.patterns):
        normalized = engine.normalizer.normalize(pattern.example)
        if number not in engine.candidates(normalized.words):
            failures.append(f"{pattern.id}: trigger words are not in its example")
        elif engine.compiled(number).regex.search(normalized.text) is None:
            failures.append(f"{pattern.id}: does not match its example {pattern.example!r}")
    return failures
