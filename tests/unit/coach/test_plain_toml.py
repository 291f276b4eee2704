"""The plain TOML reader gives tomllib's document wherever it answers, and the data files load
through it: as strict as tomllib (a bad file still fails, naming the line), only faster."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach.data_files import DATA_PACKAGE, read_data_text, toml_document
from tending.coach.plain_toml import read_plain_toml
from tending.domain.errors import FormatProblem

DATA = resources.files(DATA_PACKAGE)
NAMES = sorted(entry.name for entry in DATA.iterdir() if not entry.name.startswith("."))
TOML = [name for name in NAMES if name.endswith(".toml")]
SOURCE = Path(__file__).resolve().parents[3] / "src" / "tending"


def tomllib_or_none(text: str) -> object:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


def assert_same_as_tomllib(text: str) -> None:
    """Where the plain reader answers, tomllib reads the same document (types and order too)."""
    plain = read_plain_toml(text)
    if plain is not None:
        assert repr(plain) == repr(tomllib_or_none(text)), text


@pytest.mark.parametrize("name", TOML)
def test_every_packaged_toml_file_is_in_the_subset_and_reads_as_tomllib(name: str) -> None:
    # a file that fell out of the subset would load through tomllib: right, but slow again
    text = read_data_text(name)
    assert read_plain_toml(text) is not None, f"{name} is not plain TOML any more"
    assert repr(read_plain_toml(text)) == repr(tomllib.loads(text))


def test_a_missing_data_file_is_named() -> None:
    with pytest.raises(FormatProblem, match="nope.toml is missing"):
        read_data_text("nope.toml")


def test_data_files_read_from_inside_a_zip_archive(tmp_path: Path) -> None:
    archive = tmp_path / "tending.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in SOURCE.rglob("*"):
            if path.is_file() and path.suffix in {".py", ".tsv", ".toml"}:
                bundle.write(path, Path("tending") / path.relative_to(SOURCE))
    probe = (
        f"import sys; sys.path.insert(0, {str(archive)!r}); "
        "import tending.coach.data_files as d; "
        "assert d.__file__.startswith(sys.path[0]), d.__file__; "
        "print(len(d.read_data_text('patterns.toml')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert int(out.stdout) == len(read_data_text("patterns.toml"))


KEYS = st.sampled_from(["id", "flag", "match", "a-b", "x_1", "2", "true", "pattern", "k k", "a.b"])
CHARS = st.text(
    st.sampled_from(list("ab '\"\\#[]=,.\t") + ["\n", "\r", "\x00", "\x7f", "\x1f", "é", "\u00a0"]),
    max_size=8,
)
SPACE = st.sampled_from(["", " ", "  ", "\t"])


@st.composite
def values(draw: st.DrawFn) -> str:
    body = draw(CHARS)
    kind = draw(st.sampled_from(["literal", "basic", "bool", "array", "other"]))
    if kind == "literal":
        return f"'{body}'"
    if kind == "basic":
        return f'"{body}"'
    if kind == "bool":
        return draw(st.sampled_from(["true", "false", "True", "1", "1.5", "truex"]))
    if kind == "array":
        items = draw(st.lists(CHARS.map(lambda s: f'"{s}"'), max_size=3))
        gap = draw(SPACE)
        trail = draw(st.sampled_from(["", ",", " ,", ", ", ",,", "]"]))
        return f"[{gap}{(',' + gap).join(items)}{trail}]"
    return body


@st.composite
def lines(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["pair", "pair", "pair", "array", "table", "comment", "blank"]))
    lead, tail = draw(SPACE), draw(SPACE)
    comment = draw(st.sampled_from(["", "# note", "#x\x01", " # 'q' \"q\""]))
    if kind == "pair":
        line = f"{draw(KEYS)}{draw(SPACE)}={draw(SPACE)}{draw(values())}"
    elif kind == "array":
        line = f"[[{draw(st.sampled_from(['pattern', 'imply', 'id', ' pattern ', 'a.b']))}]]"
    elif kind == "table":
        line = f"[{draw(st.sampled_from(['suppress', 'rewrite', 'pattern', 'id', '[a]']))}]"
    elif kind == "comment":
        return f"{lead}#{draw(CHARS)}"
    else:
        return lead
    return f"{lead}{line}{tail}{comment}"


@settings(max_examples=3000, deadline=None)
@given(st.lists(lines(), max_size=12).map("\n".join))
def test_plain_reader_agrees_with_tomllib_on_near_miss_documents(text: str) -> None:
    assert_same_as_tomllib(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=60))
def test_plain_reader_agrees_with_tomllib_on_any_text(text: str) -> None:
    assert_same_as_tomllib(text)


@settings(max_examples=500, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(["", "'", '"', "\\", "\n", "=", "[", "]", "\x00"]))
def test_plain_reader_agrees_with_tomllib_on_bent_data_files(at: int, inserted: str) -> None:
    text = read_data_text("rules.toml") + read_data_text("suggestions.toml").split("\n", 1)[1]
    at %= len(text) + 1
    assert_same_as_tomllib(text[:at] + inserted + text[at:])


DECLINED = [
    'a = "\\n"', "a = 1", "a.b = 'x'", "a = '''x'''", "a = 'x'\r\n", 'a = ["x",\n]', "[ t ]",
    "a = 'x'\na = 'y'", "[t]\n[t]", "[[t]]\n[t]", "t = 'x'\n[t]", "t = 'x'\n[[t]]", "[t]\n[[t]]",
    'a = ["x",,]', "a = []", "[[t]]\na = 'x' b",
]  # fmt: skip


@pytest.mark.parametrize("text", DECLINED)
def test_plain_reader_declines_what_it_does_not_read(text: str) -> None:
    assert read_plain_toml(text) is None


def test_bad_toml_still_fails_naming_the_line() -> None:
    text = '# provenance: t\n[[pattern]]\nid = "a"\nid = "b"\n'
    with pytest.raises(FormatProblem, match=r"x.toml: not valid TOML \(.*line 4"):
        toml_document("x.toml", text)
    with pytest.raises(FormatProblem, match=r"x.toml: not valid TOML \(.*line 3"):
        toml_document("x.toml", '# provenance: t\n[[pattern]]\nwhy = "an \\q escape"\n')


def test_toml_outside_the_subset_is_still_read() -> None:
    text = '# provenance: t\n[[resource]]\nkind = "emergency"\ncount = 3\n'
    assert toml_document("r.toml", text) == {"resource": [{"kind": "emergency", "count": 3}]}
