"""The practice catalogue's API, its overrides, and its errors on broken files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tending.catalogue import IntimacyKind, load_catalogue, read_catalogue
from tending.domain.errors import FormatProblem, NotFound

from .conftest import replace_in


def test_get_parameter_and_all() -> None:
    catalogue = load_catalogue()
    check = catalogue.get("connection-check")
    assert check.title == "Connection Check"
    assert catalogue.parameter("connection-check", "duration") == 30
    assert catalogue.get("  Connection-Check ") is check
    assert catalogue.all()[0].name == "daily-honest-statement"
    assert [p.name for p in catalogue] == list(catalogue.names())
    assert check.parameter("pause").shown() == "3 seconds"
    weekly = catalogue.get("weekly-check-in")
    assert weekly.parameter("time_of_day").shown() == "19:00"
    assert catalogue.get("vulnerability-exercise").parameter("turns").shown() == "2"


def test_the_catalogue_is_cached() -> None:
    assert load_catalogue() is load_catalogue()


def test_values_are_frozen() -> None:
    practice = load_catalogue().get("time-out")
    with pytest.raises(AttributeError):
        practice.title = "changed"  # type: ignore[misc]


def test_unknown_practice_lists_close_names() -> None:
    with pytest.raises(NotFound, match=r"no practice 'timeout'; did you mean: time-out"):
        load_catalogue().get("timeout")
    with pytest.raises(NotFound, match="known practices: daily-honest-statement"):
        load_catalogue().get("zzzz")


def test_unknown_parameter_and_prompt_set_list_what_exists() -> None:
    check = load_catalogue().get("connection-check")
    with pytest.raises(NotFound, match=r"no parameter 'length' \(it has: per_month, duration"):
        check.parameter("length")
    with pytest.raises(NotFound, match=r"no prompts 'story' \(it has: questions"):
        check.prompts_in("story")


def test_prompts_keep_their_sets_and_order() -> None:
    honest = load_catalogue().get("daily-honest-statement")
    assert honest.prompt_sets() == ("worry", "regret", "appreciation")
    assert [p.index for p in honest.prompts_in("regret")] == [0, 1, 2, 3]


def test_filter_by_kind() -> None:
    physical = load_catalogue().with_kind(IntimacyKind.PHYSICAL)
    assert "time-out" in [p.name for p in physical]
    assert all(p.serves(IntimacyKind.PHYSICAL) for p in physical)


# ------------------------------------------------------------------ overrides


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_overrides_change_values_and_keep_defaults(tmp_path: Path) -> None:
    overrides = write(
        tmp_path / "o.toml",
        "[connection-check]\nduration = 45\n[personal-story]\nlength = 120\n"
        '[weekly-check-in]\ntime_of_day = "08:30"\n[connection-metrics]\nfollow_up_rate = 90\n',
    )
    catalogue = load_catalogue(overrides)
    duration = catalogue.get("connection-check").parameter("duration")
    assert (duration.value, duration.default, duration.overridden) == (45, 30, True)
    assert catalogue.parameter("personal-story", "length") == 120
    assert catalogue.parameter("weekly-check-in", "time_of_day") == "08:30"
    assert catalogue.parameter("connection-metrics", "follow_up_rate") == 90
    assert catalogue.parameter("connection-check", "pause") == 3
    assert load_catalogue().parameter("connection-check", "duration") == 30


def test_an_edited_override_file_is_read_again(tmp_path: Path) -> None:
    overrides = write(tmp_path / "o.toml", "[time-out]\nduration = 25\n")
    assert load_catalogue(overrides).parameter("time-out", "duration") == 25
    write(overrides, "[time-out]\nduration = 30\n")
    stat = overrides.stat()
    os.utime(overrides, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_catalogue(overrides).parameter("time-out", "duration") == 30


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[time-out]\nduration = -5\n", r"practice 'time-out', key 'duration': must not be neg"),
        ("[time-out]\nduration = 2.5\n", r"key 'duration': expected a whole number of minutes"),
        ('[time-out]\nduration = "20"\n', r"key 'duration': expected a whole number"),
        ("[time-out]\nduration = true\n", r"key 'duration': must be a number or text, not True"),
        ("[time-out]\nduration = [20]\n", r"key 'duration': must be a number or text"),
        ("[weekly-check-in]\ntime_of_day = 7\n", r"'time of day' is written as text"),
        ("[time-out]\nlength = 5\n", r"practice 'time-out' has no parameter 'length'"),
        ("[timeout]\nduration = 5\n", r"no practice 'timeout' \(did you mean time-out\?\)"),
        ("duration = 5\n", r"'duration' is not inside a \[practice\] table"),
        ('[weekly-check-in]\ntime_of_day = "25:00"\n', r"time of day is written HH:MM"),
        ('[connection-metrics]\nfollow_up_rate = "high"\n', r"whole number of percent, got 'high'"),
        ("[connection-metrics]\nchats_per_month_min = 8\n", r"chats_per_month_min \(8\) is above"),
        ("[time-out\nduration = 5\n", r"not valid TOML: .*line 1"),
    ],
)
def test_bad_overrides_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    overrides = write(tmp_path / "overrides.toml", text)
    with pytest.raises(FormatProblem, match=message) as caught:
        load_catalogue(overrides)
    assert str(overrides) in caught.value.message


def test_a_missing_override_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FormatProblem, match="no such file"):
        load_catalogue(tmp_path / "absent.toml")


# ------------------------------------------------------------------ broken catalogue files

CHECK = "[practices.connection-check]\n"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '"What I hear you say is {words}.',
            '"What I hear you say is {your words}.',
            r"practice 'vulnerability-exercise': blank \{your words\}",
        ),
        (
            'title = "Connection Check"',
            'title = "Connection Check"\ncolour = "red"',
            r"practice 'connection-check', key 'colour': unknown key",
        ),
        (
            "duration = { value = 30,",
            "duration = { value = -30,",
            r"practice 'connection-check', key 'parameters.duration': .*must not be negative",
        ),
        (
            "duration = { value = 30,",
            'duration = { value = "30",',
            r"practice 'connection-check', key 'parameters.duration': .*must be a number",
        ),
        (
            'questions = { value = 3, unit = "questions"',
            'questions = { value = 3, unit = "qs"',
            r"practice 'connection-check', key 'parameters.questions.unit'",
        ),
        (
            'per_month = { value = 2, unit = "per month", about',
            'per_month = { value = 2, unit = "per month", colour = 1, about',
            r"practice 'connection-check', key 'parameters.per_month.colour': unknown key",
        ),
        (
            'kinds = ["emotional", "intellectual"]\nessays = ["004", "001"]\nsteps = [\n  "Plan',
            'kinds = ["romantic"]\nessays = ["004", "001"]\nsteps = [\n  "Plan',
            r"practice 'connection-check', key 'kinds.0'",
        ),
        (
            'essays = ["004", "001"]\nsteps = [\n  "Plan two',
            'essays = ["009"]\nsteps = [\n  "Plan',
            r"practice 'connection-check' cites unknown essay",
        ),
        (
            'pause = [\n  "Wait a few breaths. There may be more.",\n  "Let the silence sit before '
            'you speak.",\n]',
            "pause = []",
            r"practice 'connection-check'.*prompt set 'pause' is empty",
        ),
        (
            '"Let the silence sit before you speak.",\n]',
            '"Wait a few breaths. There may be more.",\n]',
            r"prompt set 'pause' repeats a prompt",
        ),
        (
            'title = "Connection Check"',
            "title = 5",
            r"practice 'connection-check', key 'title': Input should be a valid string",
        ),
    ],
)
def test_broken_catalogues_name_the_file_and_the_place(
    data_copy: Path, old: str, new: str, message: str
) -> None:
    path = data_copy / "practices.toml"
    replace_in(path, old, new)
    with pytest.raises(FormatProblem, match=message) as caught:
        read_catalogue(path)
    assert caught.value.message.startswith(str(path))


def test_a_practice_without_prompts_is_refused(data_copy: Path) -> None:
    path = data_copy / "practices.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[practices.urgent-help.prompts]")
    path.write_text(text[:start], encoding="utf-8")
    with pytest.raises(FormatProblem, match=r"practice 'urgent-help', key 'prompts': Field req"):
        read_catalogue(path)


def test_a_practice_name_must_be_a_slug(data_copy: Path) -> None:
    path = data_copy / "practices.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("practices.curiosity", "practices.Curious_One"), encoding="utf-8")
    with pytest.raises(FormatProblem, match=r"'Curious_One' must be a lowercase slug"):
        read_catalogue(path)


def test_invalid_toml_names_the_line(data_copy: Path) -> None:
    path = data_copy / "practices.toml"
    replace_in(path, CHECK, "[practices.connection-check\n")
    with pytest.raises(FormatProblem, match=r"practices.toml: not valid TOML: .*line \d+"):
        read_catalogue(path)


def test_an_unbroken_copy_reads_like_the_shipped_file(data_copy: Path) -> None:
    assert read_catalogue(data_copy / "practices.toml") == load_catalogue()
