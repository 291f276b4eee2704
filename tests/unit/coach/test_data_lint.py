"""Data-lint: every coach data file has provenance and valid entries, every pattern compiles and
matches its own example, and broken data is reported with the file and line."""

from __future__ import annotations

from importlib import resources

import pytest

from tending.coach import FLAGS
from tending.coach.analyzer import check_data
from tending.coach.data_files import check_provenance, jsonl_rows, toml_document, tsv_rows
from tending.coach.lexicon import load_lexicon
from tending.coach.resources import parse_resources
from tending.coach.rules import load_engine
from tending.coach.suggestions import load_templates
from tending.domain.errors import FormatProblem

DATA = resources.files("tending.coach.data")
DATA_FILES = sorted(
    entry.name for entry in DATA.iterdir() if entry.name.endswith((".tsv", ".toml", ".jsonl"))
)


def test_every_pattern_compiles_and_matches_its_example() -> None:
    assert check_data() == []


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_states_its_provenance(name: str) -> None:
    check_provenance(name, DATA.joinpath(name).read_text(encoding="utf-8"))


def test_every_flag_has_patterns_and_templates_load() -> None:
    engine = load_engine()
    covered = {pattern.flag for pattern in engine.patterns}
    assert covered | {"complex"} == set(FLAGS)
    assert load_templates().topics["*"].need
    lexicon = load_lexicon()
    assert lexicon.faux["ignored"].feelings and lexicon.valence["lonely"] == "unpleasant"
    assert not set(lexicon.valence) & set(lexicon.faux)  # a word is a feeling or a judgement


def test_bad_tsv_line_names_file_and_line() -> None:
    text = "# provenance: test\nsad\tunpleasant\nbroken line\n"
    with pytest.raises(FormatProblem, match=r"feelings.tsv line 3"):
        list(tsv_rows("feelings.tsv", text, 2))


def test_missing_provenance_is_refused() -> None:
    with pytest.raises(FormatProblem, match="provenance"):
        list(tsv_rows("x.tsv", "sad\tunpleasant\n", 2))


def test_bad_jsonl_and_toml_are_named() -> None:
    with pytest.raises(FormatProblem, match=r"x.jsonl line 3: not valid JSON"):
        list(jsonl_rows("x.jsonl", '# provenance: t\n{"a": 1}\n{oops\n'))
    with pytest.raises(FormatProblem, match="x.toml: not valid TOML"):
        toml_document("x.toml", "# provenance: t\n[[a]\n")


def test_resources_need_every_kind_and_text() -> None:
    with pytest.raises(FormatProblem, match="resource 1 needs kind"):
        parse_resources("r.toml", '# provenance: t\n[[resource]]\nkind = "police"\ntext = "x"\n')
