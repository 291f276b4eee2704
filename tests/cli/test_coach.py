"""`tend coach`: the bare text and `say` forms, --json, the --jsonl batch contract (error lines,
exit status), the composers, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tending.cli.app import app
from tending.cli.state import CliState
from tending.domain.clock import FixedClock


def tend(tmp_path: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    state = CliState(home=tmp_path / "home", clock=FixedClock())
    result = CliRunner().invoke(app, list(args), obj=state, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_bare_text_and_say_give_the_same_reading(tmp_path: Path) -> None:
    code, bare, _ = tend(tmp_path, "coach", "You never listen to me.")
    assert code == 0
    assert "blame" in bare and "absolute" in bare and "tone corrective" in bare
    assert "Would you be willing" in bare
    code, said, _ = tend(tmp_path, "coach", "say", "You never listen to me.")
    assert code == 0 and said == bare


def test_a_text_that_looks_like_a_subcommand_word_inside_a_sentence(tmp_path: Path) -> None:
    code, out, _ = tend(tmp_path, "coach", "story time tonight?", "--json")
    data = json.loads(out)
    assert code == 0 and "tone" in data and "practice" not in data  # analysed, not composed
    code, out, _ = tend(tmp_path, "coach", "story", "story time tonight?", "--json")
    assert code == 0 and json.loads(out)["practice"] == "story"


def test_json_output(tmp_path: Path) -> None:
    code, out, _ = tend(tmp_path, "coach", "Miss you ❤️", "--json")
    data = json.loads(out)
    assert code == 0 and data["flags"] == ["affection"] and data["tone"] == "positive"
    assert data["evidence"][0]["start"] == 0


def test_context_option(tmp_path: Path) -> None:
    code, out, _ = tend(
        tmp_path, "coach", "At least you still have a job.", "--context",
        "I didn't get the promotion.", "--json",
    )  # fmt: skip
    assert code == 0 and "minimizing" in json.loads(out)["flags"]


def test_jsonl_contract_with_bad_lines(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        '{"id": "m1", "text": "You never listen to me."}\n'
        "this is not json\n"
        '{"id": "m3", "context": "no text here"}\n'
        "\n"
        '{"id": "m5", "text": "What was that like for you?", "context": "Rough day."}\n',
        encoding="utf-8",
    )
    code, out, _ = tend(tmp_path, "coach", "--jsonl", str(batch))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code != 0
    assert [row["id"] for row in rows] == ["m1", None, "m3", "m5"]
    assert rows[0]["flags"] == ["absolute", "blame"]
    assert "line 2" in rows[1]["error"] and "line 3" in rows[2]["error"]
    assert rows[3]["flags"] == ["curiosity"] and rows[3]["tone"] == "positive"


def test_jsonl_from_standard_input_succeeds(tmp_path: Path) -> None:
    code, out, _ = tend(tmp_path, "coach", "--jsonl", "-", stdin='{"id": 7, "text": "ok"}\n')
    assert code == 0 and json.loads(out)["id"] == 7


def test_jsonl_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    code, out, err = tend(tmp_path, "coach", "--jsonl", str(tmp_path / "nope.jsonl"))
    assert code != 0 and out == "" and "no such file" in err and "Traceback" not in err


def test_no_text_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = tend(tmp_path, "coach", "say")
    assert code != 0 and "give the message" in err


def test_safety_prints_help_not_coaching(tmp_path: Path) -> None:
    code, out, _ = tend(tmp_path, "coach", "I don't want to be alive anymore.")
    assert code == 0 and "safety" in out and "emergency number" in out
    assert "Would you be willing" not in out


def test_other_language(tmp_path: Path) -> None:
    code, out, _ = tend(tmp_path, "coach", "Tu ne m'écoutes jamais.", "--json")
    data = json.loads(out)
    assert code == 0 and data["flags"] == [] and data["depth"] == "none"
    assert "English only" in data["suggestions"][0]
    code, out, _ = tend(tmp_path, "coach", "Tu ne m'écoutes jamais.")
    assert code == 0 and "English only" in out
    assert "nothing here needs changing" not in out  # it was not read, so it was not judged


def test_composers(tmp_path: Path) -> None:
    code, out, _ = tend(tmp_path, "coach", "appreciation", "Thank you for fixing my bike.")
    assert code == 0 and "ready to send" in out
    code, out, _ = tend(tmp_path, "coach", "followup", "Nice.", "--json")
    data = json.loads(out)
    assert code == 0 and data["ok"] is False and len(data["missing"]) == 3
    code, out, _ = tend(tmp_path, "coach", "story", "It rained.")
    assert code == 0 and "missing one insight" in out
    code, out, _ = tend(
        tmp_path, "coach", "tension",
        "I felt hurt when you left early. Could we talk about it tonight?",
    )  # fmt: skip
    assert code == 0 and "ready to send" in out


def test_help_lists_every_subcommand(tmp_path: Path) -> None:
    code, out, _ = tend(tmp_path, "coach", "--help")
    assert code == 0
    for name in ("say", "appreciation", "followup", "story", "tension"):
        assert name in out
