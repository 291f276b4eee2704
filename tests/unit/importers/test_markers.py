"""The WhatsApp marker data file: it loads, it is checked, and each kind of entry is honoured."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from tending.importers.markers import load_markers, normalise, parse_markers


def _data() -> dict[str, Any]:
    text = (
        resources.files("tending.importers")
        .joinpath("data/whatsapp_markers.json")
        .read_text(encoding="utf-8")
    )
    return dict(json.loads(text))


def test_packaged_markers_load_and_have_no_duplicates() -> None:
    data = _data()
    for key in (
        "media", "deleted", "media_prefixes", "media_suffixes", "system_phrases", "calls",
        "call_details",
    ):  # fmt: skip
        keys = [normalise(item) for item in data[key]]
        assert len(keys) == len(set(keys)), key
    assert load_markers().media


@pytest.mark.parametrize(
    ("text", "media"),
    [
        ("<Media omitted>", True),
        ("\u200e<attached: 00000007-PHOTO-2024-01-01-10-00-00.jpg>", True),
        ("<Anhang: 00000007-PHOTO.jpg>", True),
        ("IMG-20240101-WA0003.jpg (file attached)", True),
        ("Reise.pdf • 3 Seiten Dokument weggelassen", True),
        ("<attached: but no closing", False),
        ("I attached the file (file attached) yesterday", False),
        ("omitted", False),
    ],
)
def test_media_markers(text: str, media: bool) -> None:
    assert load_markers().is_media(normalise(text)) is media


@pytest.mark.parametrize(
    ("text", "call"),
    [
        ("Missed voice call", True),
        ("\u200eMissed group video call", True),
        ("Voice call, \u200e12 min", True),
        ("Video call, 1:02:03", True),
        ("Video call, no answer.", True),
        ("Video call?", False),
        ("voice call me later", False),
        ("Missed voice call lol", False),
        ("Voice call, 12 apples", False),
    ],
)
def test_call_notices(text: str, call: bool) -> None:
    assert load_markers().is_call(text) is call


def test_edited_marker_is_removed() -> None:
    markers = load_markers()
    assert markers.strip_edited("ok \u200e<This message was edited>") == ("ok", True)
    assert markers.strip_edited("<b>") == ("<b>", False)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"media": []}, "'media' must be a non-empty list"),
        ({"deleted": ["ok", " "]}, "'deleted' holds an empty or non-text entry"),
        ({"edited": "not a list"}, "'edited' must be a non-empty list"),
        ({"colour": ["red"]}, "unknown keys ['colour']"),
        ({"calls": []}, "'calls' must be a non-empty list"),
        ({"call_details": [""]}, "'call_details' holds an empty or non-text entry"),
    ],
)
def test_malformed_data_is_refused(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_markers({**_data(), **change})
