"""The analyzer's behaviour on chosen messages: evidence offsets after normalization, negation,
suggestions that reuse the person's words, safety, other languages, and the batch object."""

from __future__ import annotations

from pathlib import Path

import pytest

import tending.coach as coach
from tending.coach import analyze, load_resources
from tending.domain.errors import FormatProblem


def spans(text: str, flag: str) -> list[str]:
    return [text[e.start : e.end] for e in analyze(text).evidence if e.flag == flag]


def test_public_names() -> None:
    names = {"analyze", "Analysis", "Evidence", "FLAGS", "TONES", "DEPTHS", "check_appreciation",
             "check_followup", "check_story", "check_tension"}  # fmt: skip
    assert names <= set(coach.__all__)
    assert len(coach.FLAGS) == 24


def test_evidence_points_at_what_was_typed_after_chat_spelling() -> None:
    text = "ok so... u NEVER listen 2 me"
    assert any(span.lower().startswith("u never") for span in spans(text, "blame"))
    text = "im sooo tired of this"
    assert spans(text, "feeling") == ["im sooo tired of"]


def test_emoji_evidence_is_the_emoji() -> None:
    text = "see you soon ❤️"
    assert "❤️" in spans(text, "affection")
    assert spans("you're late 🙄", "contempt") == ["🙄"]


def test_negated_faux_feeling_is_a_feeling() -> None:
    result = analyze("I don't feel ignored, I feel lonely.")
    assert result.flags == ("feeling",)
    assert result.depth == "experience"


def test_i_feel_like_clause_is_not_a_feeling() -> None:
    result = analyze("I feel like you never want to spend time with me.")
    assert "faux_feeling" in result.flags and "feeling" not in result.flags


def test_blame_rewrite_reuses_the_words() -> None:
    result = analyze("You never help with the dishes.")
    assert result.tone == "corrective"
    rewrite = result.suggestions[0]
    assert "help with the dishes" in rewrite
    assert "I felt" in rewrite and "I need" in rewrite and "Would you be willing" in rewrite


def test_rewrite_leaves_out_the_intensifier() -> None:
    rewrite = analyze("You don't listen to me at all.").suggestions[0]
    assert "Would you be willing to listen to me?" in rewrite and "at all" not in rewrite


def test_rewrite_gives_back_the_writers_capitals() -> None:
    """Normalizing lower-cases the words a rewrite reuses: 'I' and names get their capitals
    back, words that begin a sentence or are shouted do not keep theirs."""
    rewrite = analyze("I feel like you don't care about what I want anymore").suggestions[0]
    assert "you didn't care about what I want" in rewrite
    rewrite = analyze("You never call Sam back when I ask.").suggestions[0]
    assert "Would you be willing to call Sam back?" in rewrite
    rewrite = analyze("YOU NEVER HELP").suggestions[0]
    assert "you didn't help," in rewrite
    result = analyze("At least you still have a job.", context="My manager Dave cut my hours. Ugh")
    assert any("So your manager Dave cut your hours." in s for s in result.suggestions)


def test_a_judgement_of_who_they_are_is_not_reused_as_what_happened() -> None:
    rewrite = analyze("Why are you so upset all the time?").suggestions[0]
    assert "you so" not in rewrite


def test_demand_becomes_a_request() -> None:
    result = analyze("You need to call your mother back today, end of discussion.")
    wanted = "Would you be willing to call your mother back today?"
    assert any(wanted in suggestion for suggestion in result.suggestions)


def test_faux_feeling_names_what_lies_underneath() -> None:
    (suggestion,) = analyze("I feel abandoned.").suggestions
    assert "abandoned" in suggestion and "lonely" in suggestion and "reassurance" in suggestion


def test_minimizing_suggests_a_listening_reply_with_the_context() -> None:
    result = analyze("At least you still have a job.", context="I didn't get the promotion.")
    assert "minimizing" in result.flags
    assert any("you didn't get the promotion" in s and "?" in s for s in result.suggestions)


def test_positive_messages_get_no_suggestions() -> None:
    assert analyze("Thank you for the lovely dinner, it made my day.").suggestions == ()


def test_safety_gives_only_urgent_help_and_no_phone_numbers() -> None:
    result = analyze("He hit me again and I'm scared to go home.")
    assert "safety" in result.flags
    joined = " ".join(result.suggestions)
    assert "emergency number" in joined and "trust" in joined and "crisis line" in joined
    assert not any(ch.isdigit() for ch in joined)
    assert "Would you be willing" not in joined


def test_a_host_can_localize_the_help(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    local = tmp_path / "help.toml"
    local.write_text(
        "# provenance: a test host\n"
        '[[resource]]\nkind = "emergency"\ntext = "Call the emergency line"\ncontact = "000"\n'
        '[[resource]]\nkind = "trusted_person"\ntext = "Tell a friend"\n'
        '[[resource]]\nkind = "crisis_line"\ntext = "Call Lifeline"\ncontact = "13 11 14"\n',
        encoding="utf-8",
    )
    by_argument = analyze("I want to kill myself.", resources=local)
    assert "Call the emergency line (000)" in by_argument.suggestions
    monkeypatch.setenv("TENDING_RESOURCES", str(local))
    assert analyze("I want to kill myself.").suggestions == by_argument.suggestions


def test_a_bad_resources_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('# provenance: test\n[[resource]]\nkind = "emergency"\ntext = "x"\n', "utf-8")
    with pytest.raises(FormatProblem, match="no resource of kind crisis_line, trusted_person"):
        load_resources(bad)
    with pytest.raises(FormatProblem, match="cannot read"):
        load_resources(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    "text", ["Tu ne m'écoutes jamais.", "Du hörst mir nie zu.", "Практикуйте активное слушание.",
             "我很想你", "Siempre llegas tarde y nunca me escuchas."],
)  # fmt: skip
def test_other_languages_are_not_judged(text: str) -> None:
    result = analyze(text)
    assert (result.flags, result.tone, result.depth) == ((), "neutral", "none")
    assert len(result.suggestions) == 1 and "English only" in result.suggestions[0]
    assert result.language != "en"


def test_batch_object_has_the_contract_keys() -> None:
    data = analyze("You never listen to me.").to_json("m1")
    assert list(data) == ["id", "flags", "tone", "depth", "evidence", "suggestions"]
    assert data["id"] == "m1" and data["flags"] == ["absolute", "blame"]
    assert set(data["evidence"][0]) == {"flag", "start", "end", "why"}


def test_analysis_is_frozen() -> None:
    result = analyze("Miss you")
    with pytest.raises(AttributeError):
        result.tone = "positive"  # type: ignore[misc]
