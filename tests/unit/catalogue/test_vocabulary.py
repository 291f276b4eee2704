"""The emotional vocabulary: lookups, suggestions, and errors on broken word lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.catalogue.vocabulary import load_vocabulary, read_vocabulary
from tending.domain.errors import FormatProblem, NotFound

from .conftest import replace_in

VOCABULARY = load_vocabulary()


def test_lookups_ignore_case_and_spacing() -> None:
    assert VOCABULARY.is_feeling("Lonely")
    assert VOCABULARY.is_feeling("  at   ease ")
    assert not VOCABULARY.is_feeling("ignored")
    assert VOCABULARY.is_need("Being Seen")
    assert not VOCABULARY.is_need("lonely")
    assert VOCABULARY.family_of("furious") == "anger"
    assert VOCABULARY.family_of("trust") == "connection"
    assert VOCABULARY.family_of("qwerty") is None


def test_load_is_cached() -> None:
    assert load_vocabulary() is VOCABULARY


@pytest.mark.parametrize(
    ("word", "base", "family"),
    [
        ("lonelier", "lonely", "loneliness"),
        ("anxiously", "anxious", "fear"),
        ("angrily", "angry", "anger"),
        ("sadder", "sad", "sadness"),
        ("happiest", "happy", "joy"),
        ("calmness", "calm", "peace"),
        ("loneliness", "lonely", "loneliness"),
        ("braver", "brave", "confidence"),
    ],
)
def test_inflections_lead_to_their_base_and_family(word: str, base: str, family: str) -> None:
    assert VOCABULARY.family_of(word) == family
    suggestions = VOCABULARY.suggest_feelings(word)
    assert suggestions[0] == base
    assert all(VOCABULARY.family_of(item) == family for item in suggestions)


def test_a_known_feeling_suggests_its_neighbours_nearest_in_strength_first() -> None:
    suggestions = VOCABULARY.suggest_feelings("furious", limit=2)
    assert "furious" not in suggestions
    assert {VOCABULARY.feeling(item).intensity for item in suggestions} == {3}  # type: ignore[union-attr]


def test_misspellings_find_the_word() -> None:
    assert VOCABULARY.suggest_feelings("lonley")[0] == "lonely"
    assert VOCABULARY.suggest_feelings("frustration")[0] == "frustrated"
    assert VOCABULARY.suggest_needs("respekt")[0] == "respect"


def test_a_family_name_suggests_its_members() -> None:
    assert set(VOCABULARY.suggest_feelings("gratitude", limit=10)) == {
        f.word for f in VOCABULARY.feelings_in("gratitude")
    }
    assert set(VOCABULARY.suggest_needs("honesty")) <= {
        n.word for n in VOCABULARY.needs_in("honesty")
    }


def test_faux_feelings_point_to_feelings_and_needs() -> None:
    ignored = VOCABULARY.faux("Ignored")
    assert ignored is not None
    assert ignored.feelings == ("lonely", "hurt", "sad")
    assert ignored.needs == ("being seen", "inclusion")
    assert VOCABULARY.suggest_feelings("ignored") == ignored.feelings
    assert VOCABULARY.suggest_needs("manipulated") == ("autonomy", "honesty")
    assert VOCABULARY.faux("glad") is None


def test_unknown_words_get_no_suggestions_but_are_not_errors() -> None:
    assert VOCABULARY.suggest_feelings("xylophone") == ()
    assert VOCABULARY.suggest_needs("xylophone") == ()


def test_unknown_family_lists_the_families() -> None:
    with pytest.raises(NotFound, match=r"no feeling family 'joyy' \(families: joy, peace"):
        VOCABULARY.feelings_in("joyy")
    with pytest.raises(NotFound, match=r"no need family 'x' \(families: connection"):
        VOCABULARY.needs_in("x")


def test_feelings_in_a_family_go_from_mild_to_strong() -> None:
    intensities = [f.intensity for f in VOCABULARY.feelings_in("anger")]
    assert intensities == sorted(intensities)


@settings(max_examples=150, deadline=None)
@given(word=st.text(min_size=0, max_size=20), limit=st.integers(min_value=1, max_value=8))
def test_suggestions_are_known_words_never_the_word_itself(word: str, limit: int) -> None:
    feelings = VOCABULARY.suggest_feelings(word, limit)
    needs = VOCABULARY.suggest_needs(word, limit)
    assert len(feelings) <= limit and len(needs) <= limit
    assert all(VOCABULARY.is_feeling(item) for item in feelings)
    assert all(VOCABULARY.is_need(item) for item in needs)
    assert word.strip().lower() not in feelings + needs or VOCABULARY.faux(word) is not None


# ------------------------------------------------------------------ broken word lists


def test_an_unbroken_copy_reads_like_the_shipped_files(data_copy: Path) -> None:
    assert read_vocabulary(data_copy) == VOCABULARY


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "feelings.tsv",
            "cheerful\tjoy",
            "glad\tjoy",
            r"feelings.tsv line 5: 'glad' is already on line 3",
        ),
        ("feelings.tsv", "glad\tjoy", "glad\tjoyy", r"feelings.tsv line 3: unknown family 'joyy'"),
        ("feelings.tsv", "glad\tjoy", "glad\t", r"feelings.tsv line 3: the 'family' cell is empty"),
        (
            "feelings.tsv",
            "glad\tjoy\tpleasant\t1",
            "glad\tjoy\tpleasant",
            r"feelings.tsv line 3: expected 4 tab-separated cells",
        ),
        (
            "feelings.tsv",
            "glad\tjoy\tpleasant\t1",
            "glad\tjoy\tpleasant\t4",
            r"feelings.tsv line 3: intensity must be 1, 2 or 3, not '4'",
        ),
        (
            "feelings.tsv",
            "glad\tjoy\tpleasant",
            "glad\tjoy\tnice",
            r"feelings.tsv line 3: valence must be pleasant or unpleasant",
        ),
        (
            "feelings.tsv",
            "# written for Tending",
            "# copied from somewhere",
            r"feelings.tsv line 1: must start with the provenance line",
        ),
        (
            "feelings.tsv",
            "word\tfamily\tvalence\tintensity",
            "word\tfamily",
            r"feelings.tsv line 2: expected the header",
        ),
        (
            "needs.tsv",
            "belonging\tconnection",
            "belonging\tfriendship",
            r"needs.tsv line 3: unknown family 'friendship'",
        ),
        (
            "needs.tsv",
            "belonging\tconnection",
            "lonely\tconnection",
            r"needs.tsv line 3: 'lonely' is already a feeling word",
        ),
        (
            "faux_feelings.tsv",
            "lonely, scared, hurt",
            "lonely, spooked",
            r"faux_feelings.tsv line 3: 'spooked' is not in feelings.tsv",
        ),
        (
            "faux_feelings.tsv",
            "belonging, support",
            "belonging, , support",
            r"faux_feelings.tsv line 3: the 'needs' cell has an empty item",
        ),
        (
            "faux_feelings.tsv",
            "abandoned\t",
            "glad\t",
            r"faux_feelings.tsv line 3: 'glad' is a feeling word",
        ),
        (
            "families.tsv",
            "joy\tfeeling",
            "joy\temotion",
            r"families.tsv line 3: 'of' must be 'feeling' or 'need'",
        ),
    ],
)
def test_broken_word_lists_name_the_file_and_the_line(
    data_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    replace_in(data_copy / file, old, new)
    with pytest.raises(FormatProblem, match=message) as caught:
        read_vocabulary(data_copy)
    assert str(data_copy) in caught.value.message


def test_a_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "needs.tsv").unlink()
    with pytest.raises(FormatProblem, match=r"needs.tsv: cannot be read"):
        read_vocabulary(data_copy)
