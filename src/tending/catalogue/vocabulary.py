"""The emotional vocabulary: feeling words in families, needs, and the 'faux feelings'.

Faux feelings are words that sound like feelings but judge someone else ('ignored',
'manipulated'); the vocabulary says which feelings usually lie under them and which needs they
point to. The word lists live in `data/*.tsv`; loading validates them and raises a FormatProblem
naming the file and the line of the first problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tending.catalogue.inflections import base_forms, normalize
from tending.catalogue.tsv import Row, read_rows, split_list, unique
from tending.domain.errors import FormatProblem, NotFound

FILES = ("families.tsv", "feelings.tsv", "needs.tsv", "faux_feelings.tsv")


_Members = Callable[[str], tuple["Feeling", ...] | tuple["Need", ...]]


class Valence(StrEnum):
    PLEASANT = "pleasant"
    UNPLEASANT = "unpleasant"


@dataclass(frozen=True)
class Feeling:
    word: str
    family: str
    valence: Valence
    intensity: int  # 1 mild, 2 moderate, 3 strong


@dataclass(frozen=True)
class Need:
    word: str
    family: str


@dataclass(frozen=True)
class FauxFeeling:
    """An evaluative word, the feelings usually under it, and the needs it points to."""

    word: str
    feelings: tuple[str, ...]
    needs: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """Every word of the vocabulary, with lookups and suggestions."""

    feelings: tuple[Feeling, ...]
    needs: tuple[Need, ...]
    faux_feelings: tuple[FauxFeeling, ...]
    feeling_families: tuple[str, ...]
    need_families: tuple[str, ...]
    _feeling_index: dict[str, Feeling] = field(init=False, repr=False, compare=False)
    _need_index: dict[str, Need] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Lookups by word happen per keystroke in guided sessions; index once.
        object.__setattr__(self, "_feeling_index", {f.word: f for f in self.feelings})
        object.__setattr__(self, "_need_index", {n.word: n for n in self.needs})

    def feeling(self, word: str) -> Feeling | None:
        """The feeling `word` (any case), or None."""
        return self._feeling_index.get(normalize(word))

    def need(self, word: str) -> Need | None:
        """The need `word` (any case), or None."""
        return self._need_index.get(normalize(word))

    def is_feeling(self, word: str) -> bool:
        """Whether `word` (any case) is one of the feeling words."""
        return self.feeling(word) is not None

    def is_need(self, word: str) -> bool:
        """Whether `word` (any case) is one of the needs."""
        return self.need(word) is not None

    def family_of(self, word: str) -> str | None:
        """The family of a feeling or need, also for inflections ('lonelier'); None if unknown."""
        for form in base_forms(word):
            feeling, need = self.feeling(form), self.need(form)
            if feeling is not None:
                return feeling.family
            if need is not None:
                return need.family
        return None

    def feelings_in(self, family: str) -> tuple[Feeling, ...]:
        """The feelings of one family, mildest first; NotFound listing the families."""
        wanted = normalize(family)
        if wanted not in self.feeling_families:
            known = ", ".join(self.feeling_families)
            raise NotFound(f"no feeling family '{family}' (families: {known})")
        found = [feeling for feeling in self.feelings if feeling.family == wanted]
        return tuple(sorted(found, key=lambda f: (f.intensity, f.word)))

    def needs_in(self, family: str) -> tuple[Need, ...]:
        """The needs of one family; NotFound listing the families."""
        wanted = normalize(family)
        if wanted not in self.need_families:
            known = ", ".join(self.need_families)
            raise NotFound(f"no need family '{family}' (families: {known})")
        return tuple(need for need in self.needs if need.family == wanted)

    def faux(self, word: str) -> FauxFeeling | None:
        """The faux feeling `word` (any case), or None when it is not one."""
        wanted = normalize(word)
        return next((item for item in self.faux_feelings if item.word == wanted), None)

    def suggest_feelings(self, word: str, limit: int = 5) -> tuple[str, ...]:
        """Feeling words near `word`: its base form and family, what lies under a faux
        feeling, or close spellings."""
        faux = self.faux(word)
        if faux is not None:
            return faux.feelings[:limit]
        words = [f.word for f in self.feelings]
        family = self._family_words(word, words, self.feeling_families, self.feelings_in)
        return _suggest(word, words, family, limit)

    def suggest_needs(self, word: str, limit: int = 5) -> tuple[str, ...]:
        """Needs near `word`: its family, the needs a faux feeling points to, or close
        spellings."""
        faux = self.faux(word)
        if faux is not None:
            return faux.needs[:limit]
        words = [n.word for n in self.needs]
        family = self._family_words(word, words, self.need_families, self.needs_in)
        return _suggest(word, words, family, limit)

    def _family_words(
        self, word: str, words: list[str], families: tuple[str, ...], members: _Members
    ) -> list[str]:
        """The base form of `word` followed by its family (or the family named by `word`)."""
        known = set(words)
        base = next((form for form in base_forms(word) if form in known), None)
        if base is None and normalize(word) in families:
            return [member.word for member in members(normalize(word))]
        if base is None:
            close = difflib.get_close_matches(normalize(word), words, n=1, cutoff=0.75)
            base = close[0] if close else None
        if base is None:
            return []
        family = self.family_of(base)
        neighbours = [member.word for member in members(family)] if family else []
        neighbours.sort(key=lambda item: self._intensity_gap(base, item))
        return [base, *(item for item in neighbours if item != base)]

    def _intensity_gap(self, first: str, second: str) -> int:
        # Nearest in strength first: 'furious' suggests 'enraged' before 'annoyed'.
        one, two = self.feeling(first), self.feeling(second)
        return abs(one.intensity - two.intensity) if one and two else 0


def _suggest(word: str, words: list[str], family: list[str], limit: int) -> tuple[str, ...]:
    wanted = normalize(word)
    spelled = difflib.get_close_matches(wanted, words, n=limit, cutoff=0.7)
    ordered = [item for item in [*family, *spelled] if item != wanted]
    return tuple(dict.fromkeys(ordered))[:limit]


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """The vocabulary shipped with Tending (read and validated once, then cached)."""
    data = resources.files("tending.catalogue").joinpath("data")
    texts = {name: data.joinpath(name).read_text(encoding="utf-8") for name in FILES}
    return parse_vocabulary(texts, "tending.catalogue/data")


def read_vocabulary(directory: Path) -> Vocabulary:
    """A vocabulary from the four TSV files in `directory` (not cached): tests, drafts."""
    texts: dict[str, str] = {}
    for name in FILES:
        try:
            texts[name] = (directory / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise FormatProblem(f"{directory / name}: cannot be read ({error})") from None
    return parse_vocabulary(texts, str(directory))


def parse_vocabulary(texts: dict[str, str], where: str) -> Vocabulary:
    """Validate the four files' texts (keyed by file name) into a Vocabulary."""

    def rows(name: str, columns: tuple[str, ...]) -> list[Row]:
        return read_rows(texts[name], f"{where}/{name}", columns)

    families = unique(rows("families.tsv", ("family", "of", "about")), "family")
    feeling_families = _families(families, "feeling")
    need_families = _families(families, "need")
    feelings = _feelings(
        rows("feelings.tsv", ("word", "family", "valence", "intensity")), feeling_families
    )
    needs = _needs(rows("needs.tsv", ("need", "family")), need_families, feelings)
    faux = _faux(rows("faux_feelings.tsv", ("word", "feelings", "needs")), feelings, needs)
    return Vocabulary(
        feelings=tuple(feelings.values()),
        needs=tuple(needs.values()),
        faux_feelings=faux,
        feeling_families=feeling_families,
        need_families=need_families,
    )


def _families(rows: dict[str, Row], of: str) -> tuple[str, ...]:
    for row in rows.values():
        if row["of"] not in ("feeling", "need"):
            raise row.problem(f"'of' must be 'feeling' or 'need', not {row['of']!r}")
    return tuple(name for name, row in rows.items() if row["of"] == of)


def _known_family(row: Row, families: tuple[str, ...]) -> str:
    family = row["family"].lower()
    if family not in families:
        raise row.problem(f"unknown family '{row['family']}' (known: {', '.join(families)})")
    return family


def _feelings(rows: list[Row], families: tuple[str, ...]) -> dict[str, Feeling]:
    result: dict[str, Feeling] = {}
    for word, row in unique(rows, "word").items():
        if row["valence"] not in ("pleasant", "unpleasant"):
            raise row.problem(f"valence must be pleasant or unpleasant, not {row['valence']!r}")
        if row["intensity"] not in ("1", "2", "3"):
            raise row.problem(f"intensity must be 1, 2 or 3, not {row['intensity']!r}")
        family = _known_family(row, families)
        result[word] = Feeling(word, family, Valence(row["valence"]), int(row["intensity"]))
    return result


def _needs(
    rows: list[Row], families: tuple[str, ...], feelings: dict[str, Feeling]
) -> dict[str, Need]:
    result: dict[str, Need] = {}
    for word, row in unique(rows, "need").items():
        if word in feelings:
            raise row.problem(f"'{word}' is already a feeling word; a word is one or the other")
        result[word] = Need(word, _known_family(row, families))
    return result


def _faux(
    rows: list[Row], feelings: dict[str, Feeling], needs: dict[str, Need]
) -> tuple[FauxFeeling, ...]:
    result: list[FauxFeeling] = []
    for word, row in unique(rows, "word").items():
        if word in feelings:
            raise row.problem(f"'{word}' is a feeling word, so it cannot also be a faux feeling")
        under = split_list(row, "feelings")
        points_to = split_list(row, "needs")
        for item in under:
            if item not in feelings:
                raise row.problem(f"'{item}' is not in feelings.tsv")
        for item in points_to:
            if item not in needs:
                raise row.problem(f"'{item}' is not in needs.tsv")
        result.append(FauxFeeling(word, under, points_to))
    return tuple(result)
