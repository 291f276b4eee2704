"""Properties of `analyze` on any text: it never raises, its evidence points inside the text at
flags it reports, and the same input gives the same output."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import DEPTHS, FLAGS, TONES, Analysis, analyze

CHATTY = st.sampled_from(
    ["you", "u", "never", "always", "i", "feel", "ignored", "lonely", "need", "❤️", "🙄", "sooo",
     "dont", "im", "not", "my", "fault", "whatever", "thanks", "a lot", "oh", "great", ",", ".",
     "?", "!", "'", "’", "\n", "  ", "İ", "ß", "ﬁ", "the", "hit", "me", "what", "like", "for"]
)  # fmt: skip
MESSAGES = st.one_of(
    st.text(max_size=300),
    st.lists(CHATTY, max_size=40).map(" ".join),
    st.lists(st.one_of(CHATTY, st.text(max_size=3)), max_size=30).map("".join),
)


def check_shape(text: str, result: Analysis) -> None:
    assert set(result.flags) <= set(FLAGS)
    assert list(result.flags) == sorted(set(result.flags))
    assert result.tone in TONES and result.depth in DEPTHS
    for item in result.evidence:
        assert 0 <= item.start <= item.end <= len(text)
        assert item.flag in result.flags
        assert item.why
    assert {item.flag for item in result.evidence} == set(result.flags)


@settings(max_examples=60, deadline=None)
@given(MESSAGES, st.one_of(st.none(), st.text(max_size=80)))
def test_never_raises_and_evidence_is_inside_the_text(text: str, context: str | None) -> None:
    result = analyze(text, context)
    check_shape(text, result)
    assert analyze(text, context) == result


def test_a_hundred_thousand_characters() -> None:
    text = ("You never listen to me and I feel so lonely sooo often 🙄 " * 2000)[:100_000]
    result = analyze(text)
    check_shape(text, result)
    assert {"absolute", "blame", "feeling", "contempt"} <= set(result.flags)


def test_a_hundred_thousand_characters_without_punctuation() -> None:
    text = "a" * 100_000
    check_shape(text, analyze(text))
