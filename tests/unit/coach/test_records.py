"""The coach's records (`model.Record`) behave as the frozen dataclasses they replaced.

`Evidence`, `Reading`, `HelpResource`, `Opinion` and `Lexicon` were `@dataclass(frozen=True,
slots=True)`; they are written out so that importing the coach does not import `dataclasses`
(and with it `inspect`, `ast`, `dis`; `test_loading.py` checks it is not). Here each is held
to a dataclass of the same fields: repr, equality, hashing, frozenness, copying, pickling,
pattern matching.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tending.coach.learned import Opinion
from tending.coach.lexicon import load_lexicon
from tending.coach.model import Analysis, Evidence, Reading
from tending.coach.planning import Alternative
from tending.coach.resources import HelpResource


def twin(cls: type) -> type:
    """A frozen, slotted dataclass with the fields of `cls`, under the same name."""
    fields = [(name, Any) for name in cls.__match_args__]
    made = dataclasses.make_dataclass(cls.__name__, fields, frozen=True, slots=True)
    made.__qualname__ = cls.__qualname__
    return made


texts = st.text(max_size=8)
CASES = {
    Evidence: st.tuples(texts, st.integers(), st.integers(), texts),
    Reading: st.tuples(st.tuples(texts), texts, texts, st.booleans()),
    HelpResource: st.tuples(texts, texts, st.none() | texts),
    Opinion: st.tuples(st.tuples(texts), st.frozensets(texts, max_size=3), st.booleans()),
    Analysis: st.tuples(st.tuples(texts), texts, texts, st.just(()), st.tuples(texts), texts),
}


@pytest.mark.parametrize("cls", list(CASES), ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_a_record_is_its_frozen_dataclass(cls: type, data: st.DataObject) -> None:
    values = data.draw(CASES[cls])
    others = data.draw(CASES[cls])
    record, other = cls(*values), cls(*others)
    Twin = twin(cls)
    plain, plain_other = Twin(*values), Twin(*others)
    assert repr(record) == repr(plain)
    assert (record == other) == (plain == plain_other)
    assert record == cls(*values)
    assert hash(record) == hash(plain)
    assert record != values and record.__eq__(values) is NotImplemented
    assert cls.__match_args__ == Twin.__match_args__
    assert not hasattr(record, "__dict__")
    frozen = dataclasses.FrozenInstanceError
    for name in cls.__match_args__:
        with pytest.raises(frozen, match=f"cannot assign to field '{name}'"):
            setattr(record, name, None)
        with pytest.raises(frozen, match=f"cannot delete field '{name}'"):
            delattr(record, name)
    for copied in (copy.copy(record), copy.deepcopy(record), pickle.loads(pickle.dumps(record))):
        assert copied == record and type(copied) is cls
    match record:
        case cls(first):  # type: ignore[misc]
            assert first == values[0]


def test_defaults_are_the_dataclasses() -> None:
    assert Reading((), "neutral", "none") == Reading((), "neutral", "none", False)
    assert HelpResource("emergency", "Call") == HelpResource("emergency", "Call", None)
    assert Opinion((), frozenset()) == Opinion((), frozenset(), False)


def test_lexicon_replace_is_dataclasses_replace() -> None:
    lexicon = load_lexicon()
    altered = lexicon.replace(emoji={":)": "emo_smile"})
    assert altered.emoji == {":)": "emo_smile"}
    assert lexicon.emoji != altered.emoji
    for name in lexicon.__match_args__:
        if name != "emoji":
            assert getattr(altered, name) is getattr(lexicon, name)
    with pytest.raises(TypeError):
        lexicon.replace(nonsense=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        lexicon.emoji = {}  # type: ignore[misc]


def test_alternative_keeps_its_fields_and_compares_by_identity() -> None:
    made = Alternative(3, 1, 3_000_001, "a|b", frozenset({"a"}), (), True)
    assert made.regex is None and made.rank == 3_000_001
    made.regex = None  # set on first search
    assert made != Alternative(3, 1, 3_000_001, "a|b", frozenset({"a"}), (), True)
    assert repr(made).startswith("Alternative(pattern=3, order=1,")

