"""`tend practices`, `tend practice show` and `tend words`: tables, JSON, overrides, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner, Result

from tending.catalogue import OVERRIDES_FILENAME, load_catalogue
from tending.catalogue.vocabulary import load_vocabulary
from tending.cli.app import app
from tending.cli.state import CliState
from tending.domain.clock import FixedClock


def run(home: Path, *args: str) -> Result:
    return CliRunner().invoke(app, list(args), obj=CliState(home=home, clock=FixedClock()))


def test_practices_table_lists_every_practice(tmp_path: Path) -> None:
    result = run(tmp_path, "practices")
    assert result.exit_code == 0, result.stderr
    for name in load_catalogue().names():
        assert name in result.stdout
    assert not (tmp_path / "tending.db").exists()  # reading the catalogue writes nothing


def test_practices_json_and_kind_filter(tmp_path: Path) -> None:
    everything = json.loads(run(tmp_path, "practices", "--json").stdout)
    assert [p["name"] for p in everything] == list(load_catalogue().names())
    assert set(everything[0]) == {"name", "title", "kinds", "summary"}
    spiritual = json.loads(run(tmp_path, "practices", "--kind", "Spiritual", "--json").stdout)
    assert spiritual and all("spiritual" in p["kinds"] for p in spiritual)
    assert len(spiritual) < len(everything)


def test_unknown_kind_is_refused_with_the_kinds(tmp_path: Path) -> None:
    result = run(tmp_path, "practices", "--kind", "romantic")
    assert result.exit_code != 0
    assert "no kind of intimacy 'romantic'" in result.stderr
    assert "emotional, intellectual, physical, spiritual" in result.stderr


def test_practice_show_explains_parameters_steps_and_prompts(tmp_path: Path) -> None:
    result = run(tmp_path, "practice", "show", "connection-check")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Connection Check" in out and "30 minutes" in out and "3 seconds" in out
    assert "Steps" in out and "1. Plan two a month" in out
    assert "secretly pleased about" in out


def test_practice_show_json(tmp_path: Path) -> None:
    record = json.loads(run(tmp_path, "practice", "show", "time-out", "--json").stdout)
    assert record["name"] == "time-out"
    assert record["parameters"] == [
        {
            "key": "duration",
            "value": 20,
            "unit": "minutes",
            "about": "length of the pause; about the time a body needs to calm down",
            "default": 20,
        }
    ]
    assert set(record["prompts"]) == {"call", "during", "return", "commitment"}
    assert record["essays"][0]["id"] == "004"


def test_practice_show_uses_the_override_file_in_home(tmp_path: Path) -> None:
    (tmp_path / OVERRIDES_FILENAME).write_text("[time-out]\nduration = 25\n", encoding="utf-8")
    record = json.loads(run(tmp_path, "practice", "show", "time-out", "--json").stdout)
    assert (record["parameters"][0]["value"], record["parameters"][0]["default"]) == (25, 20)
    assert "(yours; default 20)" in run(tmp_path, "practice", "show", "time-out").stdout


def test_a_broken_override_file_is_named_and_refused(tmp_path: Path) -> None:
    overrides = tmp_path / OVERRIDES_FILENAME
    overrides.write_text("[time-out]\nduration = -1\n", encoding="utf-8")
    result = run(tmp_path, "practice", "show", "time-out")
    assert result.exit_code != 0
    assert "practice 'time-out', key 'duration': must not be negative" in result.stderr
    assert OVERRIDES_FILENAME in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_unknown_practice_suggests_close_names(tmp_path: Path) -> None:
    result = run(tmp_path, "practice", "show", "gratitude")
    assert result.exit_code != 0
    assert "no practice 'gratitude'" in result.stderr
    assert "nightly-gratitude" in result.stderr


def test_words_feelings_and_needs(tmp_path: Path) -> None:
    feelings = json.loads(run(tmp_path, "words", "feelings", "--json").stdout)
    assert len(feelings) == len(load_vocabulary().feelings) >= 150
    assert set(feelings[0]) == {"word", "family", "valence", "intensity"}
    fear = json.loads(run(tmp_path, "words", "feelings", "--family", "fear", "--json").stdout)
    assert fear and {f["family"] for f in fear} == {"fear"}
    needs = json.loads(run(tmp_path, "words", "needs", "--json").stdout)
    assert len(needs) >= 60
    table = run(tmp_path, "words", "needs", "--family", "honesty").stdout
    assert "authenticity" in table and "belonging" not in table


def test_words_faux(tmp_path: Path) -> None:
    items = json.loads(run(tmp_path, "words", "faux", "--json").stdout)
    assert {"word": "used", "feelings": ["resentful", "angry", "hurt"],
            "needs": ["mutuality", "consideration"]} in items  # fmt: skip
    assert "taken for granted" in run(tmp_path, "words", "faux").stdout


def test_words_unknown_family(tmp_path: Path) -> None:
    result = run(tmp_path, "words", "feelings", "--family", "bliss")
    assert result.exit_code != 0
    assert "no feeling family 'bliss'" in result.stderr


def test_words_suggest(tmp_path: Path) -> None:
    record = json.loads(run(tmp_path, "words", "suggest", "lonelier", "--json").stdout)
    assert record["family"] == "loneliness" and record["feelings"][0] == "lonely"
    assert record["known_as"] is None and record["faux"] is False
    faux = json.loads(run(tmp_path, "words", "suggest", "ignored", "--json").stdout)
    assert faux["known_as"] == "faux feeling"
    assert faux["needs"] == ["being seen", "inclusion"]
    out = run(tmp_path, "words", "suggest", "manipulated").stdout
    assert "judges what someone else did" in out and "autonomy" in out
    unknown = run(tmp_path, "words", "suggest", "xylophone")
    assert unknown.exit_code == 0 and "you can still use it" in unknown.stdout


def test_every_command_has_help(tmp_path: Path) -> None:
    for args in (
        ["practices"],
        ["practice", "show"],
        ["practice", "set"],
        ["practice", "reset"],
        ["words", "feelings"],
        ["words", "needs"],
        ["words", "suggest"],
        ["words", "faux"],
    ):
        result = run(tmp_path, *args, "--help")
        assert result.exit_code == 0 and "--json" in result.stdout, args


def test_practice_set_and_reset_write_the_override_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run(home, "practice", "set", "time-out", "duration", "25")
    assert result.exit_code == 0, result.stderr
    assert "time-out.duration = 25 minutes (yours; default 20)" in result.stdout
    overrides = home / OVERRIDES_FILENAME
    assert "[time-out]\nduration = 25\n" in overrides.read_text(encoding="utf-8")
    run(home, "practice", "set", "weekly-check-in", "time_of_day", "08:15")
    shown = json.loads(run(home, "practice", "show", "weekly-check-in", "--json").stdout)
    assert {p["key"]: p["value"] for p in shown["parameters"]}["time_of_day"] == "08:15"
    record = json.loads(run(home, "practice", "reset", "time-out", "duration", "--json").stdout)
    assert record == [
        {
            "practice": "time-out",
            "key": "duration",
            "value": 20,
            "unit": "minutes",
            "about": "length of the pause; about the time a body needs to calm down",
            "default": 20,
        }
    ]
    assert "[time-out]" not in overrides.read_text(encoding="utf-8")
    run(home, "practice", "reset", "weekly-check-in")
    assert load_catalogue(overrides).parameter("weekly-check-in", "time_of_day") == "19:00"


def test_setting_the_default_value_stores_nothing(tmp_path: Path) -> None:
    run(tmp_path, "practice", "set", "connection-check", "duration", "30")
    assert "[connection-check]" not in (tmp_path / OVERRIDES_FILENAME).read_text(encoding="utf-8")


def test_bad_values_are_refused_and_the_file_is_left_as_it_was(tmp_path: Path) -> None:
    run(tmp_path, "practice", "set", "time-out", "duration", "25")
    overrides = tmp_path / OVERRIDES_FILENAME
    before = overrides.read_text(encoding="utf-8")
    cases = [
        (["time-out", "duration", "soon"], "takes a whole number of minutes, not 'soon'"),
        (["--", "time-out", "duration", "-5"], "time-out.duration: must not be negative (got -5)"),
        (["weekly-check-in", "time_of_day", "7pm"], "a time of day is written HH:MM"),
        (["connection-metrics", "chats_per_month_min", "9"], "chats_per_month_min (9) is above"),
        (["time-out", "length", "5"], "has no parameter 'length'"),
        (["timeout", "duration", "5"], "did you mean: time-out"),
    ]
    for args, message in cases:
        result = run(tmp_path, "practice", "set", *args)
        assert result.exit_code != 0, args
        assert message in result.stderr, (args, result.stderr)
        assert ".overrides-" not in result.stderr  # the draft's name never shows
    assert overrides.read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir()] == [OVERRIDES_FILENAME]  # no drafts left


def test_set_refuses_to_build_on_a_broken_override_file(tmp_path: Path) -> None:
    overrides = tmp_path / OVERRIDES_FILENAME
    overrides.write_text("[time-out\n", encoding="utf-8")
    result = run(tmp_path, "practice", "set", "time-out", "duration", "25")
    assert result.exit_code != 0 and "not valid TOML" in result.stderr
    assert overrides.read_text(encoding="utf-8") == "[time-out\n"


def test_a_limit_of_nothing_is_refused_with_exit_2(tmp_path: Path) -> None:
    """`closing-appreciation.max_words 0` was stored, and then every appreciation was refused."""
    cases = [
        (["closing-appreciation", "max_words", "0"],
         "closing-appreciation.max_words: a word limit is at least 1 word (got 0)"),
        (["follow-up-message", "max_words", "0"], "a word limit is at least 1 word (got 0)"),
        (["time-out", "duration", "0"],
         "time-out.duration: a duration is more than 0 minutes (got 0)"),
        (["personal-story", "length", "0"], "a duration is more than 0 seconds (got 0)"),
        (["--", "micro-commitment", "due_in", "-1"], "must not be negative (got -1)"),
    ]
    for args, message in cases:
        result = run(tmp_path, "practice", "set", *args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr and "error: " in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
    assert not (tmp_path / OVERRIDES_FILENAME).exists()
    # a count may be 0: no Connection Checks planned a month
    assert run(tmp_path, "practice", "set", "connection-check", "per_month", "0").exit_code == 0


def test_reset_repairs_a_file_with_a_limit_of_nothing(tmp_path: Path) -> None:
    """A 0-word limit written by hand (or before it was refused) is named on load, and
    `tend practice reset` takes it away (it read the file through the same refusal before)."""
    overrides = tmp_path / OVERRIDES_FILENAME
    overrides.write_text("[closing-appreciation]\nmax_words = 0\n", encoding="utf-8")
    shown = run(tmp_path, "practice", "show", "closing-appreciation")
    assert shown.exit_code != 0
    assert "key 'max_words': a word limit is at least 1 word (got 0)" in shown.stderr
    assert "(got 0) (got 0)" not in shown.stderr
    done = run(tmp_path, "practice", "reset", "closing-appreciation", "max_words")
    assert done.exit_code == 0, done.output
    assert run(tmp_path, "practice", "show", "closing-appreciation").exit_code == 0
