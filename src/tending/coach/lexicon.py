"""The coach's word lists, loaded once from `coach/data/` and validated on load."""

from __future__ import annotations

import re
from functools import cache
from typing import Any, NamedTuple

from tending.coach.data_files import read_data_text, toml_document, tsv_rows
from tending.coach.model import Record
from tending.domain.errors import FormatProblem

EMOJI_TOKENS = frozenset(
    {"emo_love", "emo_hug", "emo_contempt", "emo_sad", "emo_laugh", "emo_smile",
     # the means and places of dying, read by one safety pattern (messages of emoji alone)
     "emo_coffin", "emo_noose", "emo_blood", "emo_knife", "emo_pill", "emo_needle",
     "emo_bridge", "emo_down", "emo_train"}
)
VALENCES = frozenset({"pleasant", "unpleasant"})
DROP_KEYS = frozenset({"flag", "when", "why", "example"})


class FauxFeeling(NamedTuple):
    """A judgement-word with the feelings that often lie under it and the need it points to."""

    word: str
    feelings: tuple[str, ...]
    need: str


class Implication(NamedTuple):
    """One flag implying another when its sentence also matches `when` (and not `unless`)."""

    source: str
    flag: str
    when: re.Pattern[str]
    unless: re.Pattern[str] | None
    why: str


class ContextDrop(NamedTuple):
    """A flag that the message answered takes away ("what would you do?" asks for advice)."""

    flag: str
    when: re.Pattern[str]  # searched in the normalized message answered
    why: str
    example: str  # a message answered that takes the flag away (checked by the data lint)


class Lexicon(Record):
    """Every word list the rules refer to (a frozen record, `model.Record`: tests make altered
    copies with `replace`)."""

    __slots__ = __match_args__ = (
        "classes", "valence", "faux", "spelling", "emoji", "stopwords", "suppress",
        "implications", "context_drops", "suppress_in_sentence",
    )  # fmt: skip
    classes: dict[str, tuple[str, ...]]  # class -> words/phrases (lexicon, feeling, faux)
    valence: dict[str, str]  # feeling word -> pleasant | unpleasant
    faux: dict[str, FauxFeeling]
    spelling: dict[str, str]  # chat form or contraction -> plain form
    emoji: dict[str, str]  # emoji -> emo_* token
    stopwords: dict[str, frozenset[str]]  # language -> function words
    suppress: dict[str, tuple[str, ...]]
    implications: tuple[Implication, ...]
    context_drops: tuple[ContextDrop, ...]
    # flag -> flags whose evidence in the same sentence as the flag's is dropped
    suppress_in_sentence: dict[str, tuple[str, ...]]

    def __init__(
        self, classes: dict[str, tuple[str, ...]], valence: dict[str, str],
        faux: dict[str, FauxFeeling], spelling: dict[str, str], emoji: dict[str, str],
        stopwords: dict[str, frozenset[str]], suppress: dict[str, tuple[str, ...]],
        implications: tuple[Implication, ...], context_drops: tuple[ContextDrop, ...] = (),
        suppress_in_sentence: dict[str, tuple[str, ...]] | None = None,
    ) -> None:  # fmt: skip
        values = (
            classes, valence, faux, spelling, emoji, stopwords, suppress, implications,
            context_drops, {} if suppress_in_sentence is None else suppress_in_sentence,
        )  # fmt: skip
        for name, value in zip(self.__slots__, values, strict=True):
            object.__setattr__(self, name, value)

    def replace(self, **changes: Any) -> Lexicon:
        """A copy with `changes` (what `dataclasses.replace` gives for a dataclass)."""
        return Lexicon(**{name: changes.pop(name, getattr(self, name)) for name in self.__slots__},
                       **changes)  # fmt: skip

    def dropped_by_context(self, flags: set[str], context: str) -> set[str]:
        """The flags among `flags` that the (normalized) message answered takes away."""
        return {
            drop.flag
            for drop in self.context_drops
            if drop.flag in flags and drop.when.search(context)
        }


def _lower_entry(name: str, number: int, value: str) -> str:
    if value != value.lower():
        raise FormatProblem(f"{name} line {number}: entries must be lower case: {value!r}")
    return value


def _classes() -> dict[str, list[str]]:
    name = "lexicon.tsv"
    classes: dict[str, dict[str, None]] = {}  # class -> its phrases in file order
    for number, (cls, phrase) in tsv_rows(name, read_data_text(name), 2):
        if not cls.replace("_", "").isalpha():
            raise FormatProblem(f"{name} line {number}: bad class name {cls!r}")
        words = classes.setdefault(cls, {})
        if phrase in words:
            raise FormatProblem(f"{name} line {number}: {phrase!r} is listed twice in {cls}")
        words[_lower_entry(name, number, phrase)] = None
    return {cls: list(words) for cls, words in classes.items()}


def _feelings() -> dict[str, str]:
    name = "feelings.tsv"
    valence: dict[str, str] = {}
    for number, (word, kind) in tsv_rows(name, read_data_text(name), 2):
        if kind not in VALENCES:
            raise FormatProblem(f"{name} line {number}: valence must be pleasant or unpleasant")
        if word in valence:
            raise FormatProblem(f"{name} line {number}: {word!r} is listed twice")
        valence[_lower_entry(name, number, word)] = kind
    return valence


def _faux() -> dict[str, FauxFeeling]:
    name = "faux_feelings.tsv"
    table: dict[str, FauxFeeling] = {}
    for number, (word, under, need) in tsv_rows(name, read_data_text(name), 3):
        feelings = tuple(part.strip() for part in under.split(",") if part.strip())
        if not feelings or word in table:
            raise FormatProblem(f"{name} line {number}: needs feelings and a unique word")
        table[_lower_entry(name, number, word)] = FauxFeeling(word, feelings, need)
    return table


def _pairs(name: str, allowed: frozenset[str] | None = None) -> dict[str, str]:
    table: dict[str, str] = {}
    for number, (key, value) in tsv_rows(name, read_data_text(name), 2):
        if key in table:
            raise FormatProblem(f"{name} line {number}: {key!r} is listed twice")
        if allowed is not None and value not in allowed:
            raise FormatProblem(f"{name} line {number}: unknown token {value!r}")
        table[key] = value
    return table


def _stopwords() -> dict[str, frozenset[str]]:
    name = "language.tsv"
    words: dict[str, set[str]] = {}
    for number, (code, word) in tsv_rows(name, read_data_text(name), 2):
        if not (code.isalpha() and len(code) == 2):
            raise FormatProblem(f"{name} line {number}: language code must be two letters")
        words.setdefault(code, set()).add(_lower_entry(name, number, word))
    if "en" not in words:
        raise FormatProblem(f"{name}: English function words are missing")
    return {code: frozenset(found) for code, found in words.items()}


RULES = "rules.toml"


def _suppress(
    rules: dict[str, Any], flags: frozenset[str], table_name: str = "suppress"
) -> dict[str, tuple[str, ...]]:
    name = RULES
    table = rules.get(table_name, {})
    result: dict[str, tuple[str, ...]] = {}
    for key, dropped in table.items():
        if key not in flags or not isinstance(dropped, list) or set(dropped) - flags:
            raise FormatProblem(f"{name}: [{table_name}] {key} must map a flag to a list of flags")
        result[key] = tuple(dropped)
    return result


def _implications(rules: dict[str, Any], flags: frozenset[str]) -> tuple[Implication, ...]:
    name = RULES
    rows: list[dict[str, Any]] = rules.get("imply", [])
    found = []
    for number, row in enumerate(rows, start=1):
        where = f"{name} [[imply]] {number}"
        if row.get("from") not in flags or row.get("flag") not in flags:
            raise FormatProblem(f"{where}: 'from' and 'flag' must be flags of the SPEC")
        if not isinstance(row.get("when"), str) or not isinstance(row.get("why"), str):
            raise FormatProblem(f"{where}: needs 'when' (a regex) and 'why'")
        try:
            when = re.compile(row["when"])
            unless = re.compile(row["unless"]) if row.get("unless") else None
        except re.error as error:
            raise FormatProblem(f"{where}: bad regular expression ({error})") from None
        found.append(Implication(row["from"], row["flag"], when, unless, row["why"]))
    return tuple(found)


def parse_context_drops(
    rows: list[dict[str, Any]], flags: frozenset[str]
) -> tuple[ContextDrop, ...]:
    """Check and compile the `[[context_drop]]` rows of rules.toml."""
    name = "rules.toml"
    found = []
    for number, row in enumerate(rows, start=1):
        where = f"{name} [[context_drop]] {number}"
        if row.get("flag") not in flags:
            raise FormatProblem(f"{where}: 'flag' must be a flag of the SPEC")
        if not isinstance(row.get("when"), str) or not isinstance(row.get("why"), str):
            raise FormatProblem(f"{where}: needs 'when' (a regex) and 'why'")
        if set(row) - DROP_KEYS or not isinstance(row.get("example"), str):
            raise FormatProblem(f"{where}: keys are {', '.join(sorted(DROP_KEYS))} (all strings)")
        try:
            when = re.compile(row["when"])
        except re.error as error:
            raise FormatProblem(f"{where}: bad regular expression ({error})") from None
        found.append(ContextDrop(row["flag"], when, row["why"], row["example"]))
    return tuple(found)


@cache
def load_lexicon() -> Lexicon:
    """All word lists of the coach (loaded and checked once per process)."""
    from tending.coach.model import FLAGS

    classes = _classes()
    valence = _feelings()
    faux = _faux()
    classes["feeling"] = list(valence)
    classes["faux"] = list(faux)
    classes["unpleasant_feeling"] = [word for word, kind in valence.items() if kind == "unpleasant"]
    pairs = _pairs("normalize.tsv")
    spelling = {key: _lower_entry("normalize.tsv", 0, value) for key, value in pairs.items()}
    rules = toml_document(RULES, read_data_text(RULES))  # read once for its four tables
    flags = frozenset(FLAGS)
    return Lexicon(
        classes={cls: tuple(words) for cls, words in classes.items()},
        valence=valence,
        faux=faux,
        spelling=spelling,
        emoji=_pairs("emoji.tsv", EMOJI_TOKENS),
        stopwords=_stopwords(),
        suppress=_suppress(rules, flags),
        implications=_implications(rules, flags),
        context_drops=parse_context_drops(rules.get("context_drop", []), flags),
        suppress_in_sentence=_suppress(rules, flags, "suppress_in_sentence"),
    )
