"""The coach's value types: what `analyze` returns and the vocabularies it draws from."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar

FLAGS: tuple[str, ...] = (
    "feeling",
    "faux_feeling",
    "need",
    "request",
    "demand",
    "blame",
    "absolute",
    "contempt",
    "defensiveness",
    "stonewalling",
    "past_grievance",
    "people_pleasing",
    "vulnerability",
    "appreciation",
    "affection",
    "complex",
    "reflection",
    "validation",
    "fixing",
    "minimizing",
    "curiosity",
    "permission",
    "bid",
    "safety",
)
TONES: tuple[str, ...] = ("positive", "corrective", "neutral")
DEPTHS: tuple[str, ...] = ("experience", "event", "others", "none")

# The SPEC derives tone from flags: corrective wins over positive.
CORRECTIVE_FLAGS = frozenset(
    {"blame", "contempt", "defensiveness", "stonewalling", "demand", "past_grievance", "minimizing"}
)
POSITIVE_FLAGS = frozenset({"appreciation", "affection", "validation", "reflection", "curiosity"})


def _frozen(name: str, verb: str = "assign to") -> AttributeError:
    # the frozen dataclass's error, imported only when someone tries to change a field
    from dataclasses import FrozenInstanceError

    return FrozenInstanceError(f"cannot {verb} field {name!r}")


_set = object.__setattr__


class Record:
    """What `@dataclass(frozen=True, slots=True)` gives a class, written out: the coach's
    records do not import `dataclasses` (which imports `inspect`, `ast` and `dis`: about a
    tenth of the coach's import). A subclass names its fields in `__slots__` and
    `__match_args__` (the same, in order) and sets them in its `__init__` through
    `object.__setattr__`, as the dataclass's own `__init__` does. Equality (same class, same
    fields), hashing, `repr`, frozenness (`dataclasses.FrozenInstanceError`), copying and
    pickling are the dataclass's; `test_records.py` holds them to it.
    """

    __slots__ = ()
    __match_args__: ClassVar[tuple[str, ...]] = ()
    _fields_of: ClassVar[Any]  # item -> its field values (not bound: called with the item)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = cls.__match_args__
        # the field values as one tuple (attrgetter of one name gives the value, not a tuple)
        one = staticmethod(lambda item: (getattr(item, names[0]),))
        cls._fields_of = attrgetter(*names) if len(names) > 1 else one

    def _values(self) -> tuple[Any, ...]:
        values: tuple[Any, ...] = self._fields_of(self)
        return values

    def __setattr__(self, name: str, value: Any) -> None:
        raise _frozen(name)

    def __delattr__(self, name: str) -> None:
        raise _frozen(name, "delete")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={value!r}"
            for name, value in zip(self.__match_args__, self._values(), strict=True)
        )
        return f"{self.__class__.__qualname__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.__class__, self._values())


class Evidence(Record):
    """Why one flag was raised: the span of `text` that shows it and a reason in plain words."""

    __slots__ = ("flag", "start", "end", "why")
    __match_args__ = ("flag", "start", "end", "why")
    flag: str
    start: int
    end: int
    why: str

    def __init__(self, flag: str, start: int, end: int, why: str) -> None:
        _set(self, "flag", flag)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "why", why)

    def to_json(self) -> dict[str, Any]:
        """The evidence object of the batch contract."""
        return {"flag": self.flag, "start": self.start, "end": self.end, "why": self.why}


class Reading(Record):
    """What `read` returns: the flags, tone and depth of one message, without the evidence and
    suggestions of an `Analysis` (the same three values `analyze` gives for the same text and
    context).

    `context_matters` is False when the message answered cannot change these three for this text
    (no pattern that reads replies matches it, no flag that a message answered can take away
    was raised, and no listening flag of the second opinion is near enough to its line for the
    marks of a message answered to move it across): then the reading holds for any context, and
    a caller may remember it by the text alone.
    """

    __slots__ = ("flags", "tone", "depth", "context_matters")
    __match_args__ = ("flags", "tone", "depth", "context_matters")
    flags: tuple[str, ...]  # sorted, as in `Analysis.flags`
    tone: str
    depth: str
    context_matters: bool

    def __init__(
        self, flags: tuple[str, ...], tone: str, depth: str, context_matters: bool = False
    ) -> None:
        _set(self, "flags", flags)
        _set(self, "tone", tone)
        _set(self, "depth", depth)
        _set(self, "context_matters", context_matters)


class Analysis(Record):
    """What one message does relationally, with the words that show it (immutable).

    Built like a frozen dataclass, `Analysis(flags, tone, depth, evidence, suggestions,
    language)`, on `Record` (equality, hashing, `repr`, frozenness, pickling). The coach may
    hand over the suggestions as a promise, worked out the first time `suggestions` is read
    (most callers of a batch read only flags, tone and depth); the value is the same either
    way, and equality, hashing and `repr` read it.
    """

    __slots__ = ("_pending", "_suggestions", "depth", "evidence", "flags", "language", "tone")
    __match_args__ = ("flags", "tone", "depth", "evidence", "suggestions", "language")

    flags: tuple[str, ...]
    tone: str
    depth: str
    evidence: tuple[Evidence, ...]
    language: str
    _suggestions: tuple[str, ...]
    _pending: Callable[[], tuple[str, ...]] | None

    def __init__(
        self, flags: tuple[str, ...], tone: str, depth: str, evidence: tuple[Evidence, ...],
        suggestions: tuple[str, ...], language: str,
    ) -> None:  # fmt: skip
        _fill(self, flags, tone, depth, evidence, suggestions, None, language)

    @classmethod
    def deferred(
        cls, flags: tuple[str, ...], tone: str, depth: str, evidence: tuple[Evidence, ...],
        suggest: Callable[[], tuple[str, ...]], language: str,
    ) -> Analysis:  # fmt: skip
        """An analysis whose suggestions `suggest()` works out when first read."""
        self = _new(cls)
        _fill(self, flags, tone, depth, evidence, (), suggest, language)
        return self

    @property
    def suggestions(self) -> tuple[str, ...]:
        """What the writer could try instead (empty where nothing needs changing)."""
        pending = self._pending
        if pending is not None:
            _set(self, "_suggestions", pending())
            _set(self, "_pending", None)
        return self._suggestions

    def to_json(self, id: Any = None) -> dict[str, Any]:  # noqa: A002 - the contract's key
        """The object of the SPEC's batch contract for this message."""
        return {
            "id": id,
            "flags": list(self.flags),
            "tone": self.tone,
            "depth": self.depth,
            "evidence": [item.to_json() for item in self.evidence],
            "suggestions": list(self.suggestions),
        }


_new = object.__new__
# the slots' setters (a frozen class's own `__init__` sets them through object.__setattr__)
_EVIDENCE_FIELDS = tuple(
    getattr(Evidence, name).__set__ for name in ("flag", "start", "end", "why")
)
_ANALYSIS_FIELDS = tuple(
    getattr(Analysis, name).__set__
    for name in ("flags", "tone", "depth", "evidence", "_suggestions", "_pending", "language")
)


def new_evidence_reference(flag: str, start: int, end: int, why: str) -> Evidence:
    """`Evidence(flag, start, end, why)`, made by setting its slots directly (the frozen
    dataclass's `__init__` costs about twice as much; the coach makes one per hit)."""
    set_flag, set_start, set_end, set_why = _EVIDENCE_FIELDS
    item = _new(Evidence)
    set_flag(item, flag)
    set_start(item, start)
    set_end(item, end)
    set_why(item, why)
    return item


def _fill(
    item: Analysis, flags: tuple[str, ...], tone: str, depth: str,
    evidence: tuple[Evidence, ...], suggestions: tuple[str, ...],
    pending: Callable[[], tuple[str, ...]] | None, language: str,
) -> None:  # fmt: skip
    """Set every slot of a new `Analysis` (through the slots' own setters: about half the cost
    of one `object.__setattr__` each)."""
    set_flags, set_tone, set_depth, set_evidence, set_suggestions, set_pending, set_language = (
        _ANALYSIS_FIELDS
    )
    set_flags(item, flags)
    set_tone(item, tone)
    set_depth(item, depth)
    set_evidence(item, evidence)
    set_suggestions(item, suggestions)
    set_pending(item, pending)
    set_language(item, language)


def settled_reference(
    flags: tuple[str, ...], tone: str, depth: str, evidence: tuple[Evidence, ...]
) -> Analysis:
    """`Analysis(flags, tone, depth, evidence, (), "en")`: an English message without
    suggestions, made without calling `__init__`."""
    item = _new(Analysis)
    _fill(item, flags, tone, depth, evidence, (), None, "en")
    return item


def deferred_reference(
    flags: tuple[str, ...], tone: str, depth: str, evidence: tuple[Evidence, ...],
    suggest: Callable[[], tuple[str, ...]],
) -> Analysis:  # fmt: skip
    """`Analysis.deferred(flags, tone, depth, evidence, suggest, "en")`."""
    item = _new(Analysis)
    _fill(item, flags, tone, depth, evidence, (), suggest, "en")
    return item


new_evidence: Callable[[str, int, int, str], Evidence] = new_evidence_reference
settled_analysis: Callable[
    [tuple[str, ...], str, str, tuple[Evidence, ...]], Analysis
] = settled_reference
deferred_analysis: Callable[
    [tuple[str, ...], str, str, tuple[Evidence, ...], Callable[[], tuple[str, ...]]], Analysis
] = deferred_reference
try:  # the same records made in C (`_normalize.Maker`, optional): about a third of the time
    from tending.coach._normalize import Maker
except ImportError:  # pragma: no cover - only where the extension could not be built
    pass
else:
    new_evidence = Maker(Evidence, ("flag", "start", "end", "why"))
    # (the slots that take the same value every time first, bound in the Maker: a `partial`
    # copied them into each call)
    settled_analysis = Maker(
        Analysis, ("_suggestions", "_pending", "language", "flags", "tone", "depth", "evidence"),
        ((), None, "en"),
    )  # fmt: skip
    deferred_analysis = Maker(
        Analysis, ("_suggestions", "language", "flags", "tone", "depth", "evidence", "_pending"),
        ((), "en"),
    )  # fmt: skip


def tone_of(flags: frozenset[str] | set[str]) -> str:
    """Tone as the SPEC defines it from the flags."""
    if flags & CORRECTIVE_FLAGS:
        return "corrective"
    if flags & POSITIVE_FLAGS:
        return "positive"
    return "neutral"
