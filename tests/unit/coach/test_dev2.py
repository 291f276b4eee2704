"""The development sets after dev (dev2 to dev10 in tests/data/coach/): their lint, their
independence from the sets before them, and a floor under the coach's figures on the ones tuned
on, so that a change to the engine or the data that loses meaning (above all safety) is caught
at once."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from tending.coach.evaluation import (
    DEPTHS,
    FLAGS,
    TONES,
    LabelledLine,
    evaluate_file,
    read_labelled,
)
from tests.unit.coach.spec_tone import spec_tone

DATA = Path(__file__).resolve().parents[2] / "data" / "coach"
DEV2 = DATA / "dev2.jsonl"
SPEC_EXAMPLES = Path(__file__).resolve().parents[4] / "shared" / "coach" / "examples.jsonl"



def words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@pytest.fixture(scope="module")
def lines() -> tuple[LabelledLine, ...]:
    return read_labelled(DEV2)


def test_dev2_is_large_with_unique_ids_and_texts(lines: tuple[LabelledLine, ...]) -> None:
    assert len(lines) >= 1000
    assert all(re.fullmatch(r"d2-\d{4}", line.id) for line in lines)
    assert len({line.id for line in lines}) == len(lines)
    assert len({line.text for line in lines}) == len(lines)


def test_every_flag_has_positives_and_there_are_hard_negatives(
    lines: tuple[LabelledLine, ...],
) -> None:
    counts = Counter(flag for line in lines for flag in line.flags)
    assert {flag: counts[flag] for flag in FLAGS if counts[flag] < 20} == {}
    assert counts["safety"] >= 80  # the worst miss gets the most examples
    assert sum(1 for line in lines if not line.flags) / len(lines) > 0.15


def test_labels_follow_the_spec_vocabulary_and_tone_rule(lines: tuple[LabelledLine, ...]) -> None:
    assert {line.tone for line in lines} <= set(TONES) | {None}
    assert {line.depth for line in lines} <= set(DEPTHS) | {None}
    assert all(not (line.flags & line.maybe) for line in lines)
    assert sum(bool(line.maybe) for line in lines) / len(lines) < 0.15
    assert _tone_breaks(lines) == []


def test_no_text_is_shared_with_another_labelled_set(lines: tuple[LabelledLine, ...]) -> None:
    """Written apart from dev, held-out, the conformance corpus and the SPEC's examples: no line
    repeats one of theirs, even up to case and punctuation (only ids are reported)."""
    others: set[str] = set()
    sources = [DATA / name for name in ("dev.jsonl", "heldout.jsonl", "conformance.jsonl")]
    if SPEC_EXAMPLES.exists():
        sources.append(SPEC_EXAMPLES)
    for source in sources:
        for raw in source.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                text = json.loads(raw)["text"]
                others.add(text)
                others.add(words(text))
    assert _shared(lines, others) == []


def _tone_breaks(lines: tuple[LabelledLine, ...]) -> list[str]:
    """Ids of lines whose tone does not follow from their flags by the SPEC's rule, or would
    change with a `maybe` flag (such a line must leave its tone out)."""
    return [
        line.id
        for line in lines
        if line.tone is not None
        and not (line.tone == spec_tone(line.flags) == spec_tone(line.flags | line.maybe))
    ]


def _shared(lines: tuple[LabelledLine, ...], others: set[str]) -> list[str]:
    return [
        line.id
        for line in lines
        if line.text in others or (words(line.text) and words(line.text) in others)
    ]


def _texts(path: Path) -> set[str]:
    found: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            text = json.loads(raw)["text"]
            found.add(text)
            found.add(words(text))
    return found


@dataclass(frozen=True)
class LaterSet:
    """A development set written after the ones before it had been tuned on, with its lint."""

    name: str
    ids: str  # the id pattern
    least: int  # at least this many lines
    positives: int  # every flag has at least this many positives
    against: tuple[str, ...]  # the sets it shares no text with (plus the SPEC's examples)
    floors: tuple[float, float, float] | None  # macro-F1, tone, depth (safety both 0.95)
    maybes: float = 0.35  # the largest share of lines that may carry a `maybe`


EARLIER = ("dev.jsonl", "heldout.jsonl", "conformance.jsonl", "dev2.jsonl")
LATER = (
    LaterSet("dev3.jsonl", r"d3-\d{4}", 300, 0, EARLIER, (0.95, 0.95, 0.95)),
    LaterSet("dev4.jsonl", r"d4-\d{4}", 150, 0, (*EARLIER, "dev3.jsonl"), (0.95, 0.95, 0.90)),
    # dev5 was written under the rule that held-out is read only by `tend coach eval`
    LaterSet("dev5.jsonl", r"d5-\d{4}", 300, 10,
             ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl"),
             (0.95, 0.95, 0.95)),  # fmt: skip
    # dev6 measures the second opinion on unseen text: no floor of its own here (see
    # test_learned.py, which holds the model's gain on it)
    LaterSet("dev6.jsonl", r"d6-\d{4}", 100, 2,
             (*EARLIER, "dev3.jsonl", "dev4.jsonl", "dev5.jsonl"), None, 0.6),  # fmt: skip
    # dev7 was written to fit the second opinion on: no floor of its own here
    LaterSet("dev7.jsonl", r"d7-\d{4}", 200, 8,
             (*EARLIER, "dev3.jsonl", "dev4.jsonl", "dev5.jsonl", "dev6.jsonl"), None),  # fmt: skip
    # dev8 (styles the others lack) is a second unseen yardstick of the second opinion, never
    # fitted on; written under the rule that held-out is read only by `tend coach eval`
    LaterSet("dev8.jsonl", r"d8-\d{4}", 150, 3,
             ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl",
              "dev5.jsonl", "dev6.jsonl", "dev7.jsonl"), None, 0.45),  # fmt: skip
    # dev9 (everyday styles: older adults, non-native English, lists, caps, typos, terse
    # replies), tuned on; written under the rule that held-out is read only by `tend coach eval`
    LaterSet("dev9.jsonl", r"n9-\d{4}", 200, 5,
             ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl",
              "dev5.jsonl", "dev6.jsonl", "dev7.jsonl", "dev8.jsonl"),
             (0.93, 0.95, 0.88)),  # fmt: skip
    # dev10 (styles none of the others hold: hints, deadpan, emoji, chosen family, carers,
    # recovery, shift work, time zones, quoting, five more Englishes) is a third unseen
    # yardstick, never tuned or fitted on; held-out is read only by `tend coach eval`
    LaterSet("dev10.jsonl", r"t10-\d{4}", 220, 6,
             ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl",
              "dev5.jsonl", "dev6.jsonl", "dev7.jsonl", "dev8.jsonl", "dev9.jsonl"),
             None),  # fmt: skip
    # dev11 (heated fights, repair, grief, new parents, dating, money, hedged and indirect
    # asks, bids in many forms), tuned on; held-out is read only by `tend coach eval`
    LaterSet("dev11.jsonl", r"e11-\d{4}", 240, 8,
             ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl",
              "dev5.jsonl", "dev6.jsonl", "dev7.jsonl", "dev8.jsonl", "dev9.jsonl",
              "dev10.jsonl"),
             (0.93, 0.95, 0.88)),  # fmt: skip
    # dev13 (danger in many wordings: self-harm said indirectly, a partner's violence,
    # coercive control, stalking, sexual coercion, children, elders and carers, drink, locks,
    # weapons, in many Englishes, next to figures of speech and told history), tuned on for
    # safety only (its other flags are sparse: a low macro-F1 floor) and not fitted on by the
    # second opinion; held-out is read only by `tend coach eval`
    LaterSet("dev13.jsonl", r"s13-\d{4}", 170, 0,
             ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl",
              "dev5.jsonl", "dev6.jsonl", "dev7.jsonl", "dev8.jsonl", "dev9.jsonl",
              "dev10.jsonl", "dev11.jsonl"),
             (0.55, 0.97, 0.6)),  # fmt: skip
    # dev14 (many kinds of writers: older and young couples, parents and adult children,
    # siblings, flatmates, formal, non-native and regional English, emoji, hedges and jokes),
    # written to fit the second opinion on: no floor of its own; held-out is read only by
    # `tend coach eval`
    LaterSet("dev14.jsonl", r"f14-\d{4}", 300, 6,
             ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl",
              "dev5.jsonl", "dev6.jsonl", "dev7.jsonl", "dev8.jsonl", "dev9.jsonl",
              "dev11.jsonl", "dev13.jsonl"),
             None),  # fmt: skip
    # dev15 (longer messages with several moves: after a fight, late at night, notes to a
    # parent, voice notes, co-workers, co-parenting exes, drifting friends; listening replies
    # with context), written to fit the second opinion on: no floor of its own here
    LaterSet("dev15.jsonl", r"g15-\d{4}", 300, 10,
             ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl",
              "dev5.jsonl", "dev6.jsonl", "dev7.jsonl", "dev8.jsonl", "dev9.jsonl",
              "dev11.jsonl", "dev13.jsonl", "dev14.jsonl"),
             None),  # fmt: skip
    # dev16 (danger-heavy, unseen: self-harm said indirectly, goodbyes, a partner's or family's
    # violence and control, threats, children at risk, friends at risk, chat spelling, danger
    # inside long messages, other Englishes; next to figures of speech, films and games, told
    # history, ordinary medicine and injuries; and everyday flags in less common voices),
    # written without reading dev13, never tuned or fitted on: no floor here; held-out is read
    # only by `tend coach eval`
    LaterSet("dev16.jsonl", r"u16-\d{4}", 300, 2,
             ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl",
              "dev5.jsonl", "dev6.jsonl", "dev7.jsonl", "dev8.jsonl", "dev9.jsonl",
              "dev10.jsonl", "dev11.jsonl", "dev12.jsonl", "dev13.jsonl", "dev14.jsonl",
              "dev15.jsonl"),
             None),  # fmt: skip
    # dev17 (danger in wordings unlike dev13's: self-harm as questions, metaphors, plans and
    # goodbyes, emoji and chat spelling; a partner's or family's violence, control, locking in,
    # strangling, sexual coercion; children, threats to others, friends at risk, danger inside
    # long messages, many Englishes; next to figures of speech, games, films, medicine, sport,
    # carers' work and resolved history), written to train a safety net on: not fitted on by the
    # second opinion, no floor here; held-out is read only by `tend coach eval`
    LaterSet("dev17.jsonl", r"k17-\d{4}", 350, 0,
             ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl",
              "dev5.jsonl", "dev6.jsonl", "dev7.jsonl", "dev8.jsonl", "dev9.jsonl",
              "dev10.jsonl", "dev11.jsonl", "dev12.jsonl", "dev13.jsonl", "dev14.jsonl",
              "dev15.jsonl", "dev16.jsonl"),
             None),  # fmt: skip
    # dev18 (danger in wordings unlike dev13's and dev17's: metaphors of ending, dates and
    # goodbyes, giving things away, joining the dead, self-harm slang and emoji; a partner's
    # threats, stalking, locking in, money, phones and papers taken; children, friends and elders
    # in danger told in the third person; replies with their context; next to dark humour,
    # hyperbole, films and games, medicine, past danger now safe, calm safety planning and the
    # same metaphors and dates said harmlessly), written to train the safety net on: not fitted on
    # by the second opinion, no floor here; held-out is read only by `tend coach eval`
    LaterSet("dev18.jsonl", r"d18-\d{4}", 350, 0,
             ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl",
              "dev5.jsonl", "dev6.jsonl", "dev7.jsonl", "dev8.jsonl", "dev9.jsonl",
              "dev10.jsonl", "dev11.jsonl", "dev12.jsonl", "dev13.jsonl", "dev14.jsonl",
              "dev15.jsonl", "dev16.jsonl", "dev17.jsonl"),
             None),  # fmt: skip
    # dev12 (replies with their context: the listening flags and their look-alikes; contempt,
    # blame, request, need, absolute, bid, vulnerability in everyday styles), written to fit the
    # second opinion on; written under the rule that held-out is read only by `tend coach eval`
    LaterSet("dev12.jsonl", r"m12-\d{4}", 200, 2,
             ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl",
              "dev5.jsonl", "dev6.jsonl", "dev7.jsonl", "dev8.jsonl", "dev9.jsonl",
              "dev10.jsonl", "dev11.jsonl", "dev13.jsonl", "dev14.jsonl", "dev15.jsonl"),
             None),  # fmt: skip
    # dev19 (play: teasing between people who are close, with warmth, next to look-alikes that
    # are contempt or sarcasm: a name with an eye-roll, "love u" said in scorn, a warm word
    # with a real insult), fitted on; held-out is read only by `tend coach eval`
    LaterSet("dev19.jsonl", r"p19-\d{4}", 150, 0,
             ("dev.jsonl", "conformance.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl",
              "dev5.jsonl", "dev6.jsonl", "dev7.jsonl", "dev8.jsonl", "dev9.jsonl",
              "dev10.jsonl", "dev11.jsonl", "dev12.jsonl", "dev13.jsonl", "dev14.jsonl",
              "dev15.jsonl", "dev16.jsonl", "dev17.jsonl"),
             None),  # fmt: skip
)


@pytest.mark.parametrize("spec", LATER, ids=lambda spec: spec.name)
def test_a_later_set_has_unique_ids_texts_and_spec_labels(spec: LaterSet) -> None:
    """Hard cases on purpose (replies, sarcasm, look-alikes): more room to go either way than
    dev2, so up to a third of the lines may carry a `maybe` (dev6, labelled by one person
    without a second pass, marks its doubts more often: up to 60 %)."""
    lines = read_labelled(DATA / spec.name)
    assert len(lines) >= spec.least
    assert all(re.fullmatch(spec.ids, line.id) for line in lines)
    assert len({line.id for line in lines}) == len({line.text for line in lines}) == len(lines)
    assert sum(bool(line.maybe) for line in lines) / len(lines) < spec.maybes
    assert all(not (line.flags & line.maybe) for line in lines)
    counts = Counter(flag for line in lines for flag in line.flags)
    assert {flag: counts[flag] for flag in FLAGS if counts[flag] < spec.positives} == {}
    assert _tone_breaks(lines) == []


@pytest.mark.parametrize("spec", LATER, ids=lambda spec: spec.name)
def test_a_later_set_shares_no_text_with_the_sets_before_it(spec: LaterSet) -> None:
    others: set[str] = set()
    for source in [DATA / name for name in spec.against] + [SPEC_EXAMPLES]:
        if source.exists():
            others |= _texts(source)
    assert _shared(read_labelled(DATA / spec.name), others) == []


def test_the_coach_keeps_its_figures_on_dev2() -> None:
    report = evaluate_file(DEV2)
    scores = {score.flag: score for score in report.flag_scores}
    assert report.macro_f1 >= 0.95
    assert report.tone_accuracy >= 0.95
    assert report.depth_accuracy >= 0.93
    assert scores["safety"].recall >= 0.97
    assert scores["safety"].precision >= 0.95



@pytest.mark.parametrize("spec", [s for s in LATER if s.floors], ids=lambda spec: spec.name)
def test_the_coach_keeps_its_figures_on_a_later_set(spec: LaterSet) -> None:
    report = evaluate_file(DATA / spec.name)
    scores = {score.flag: score for score in report.flag_scores}
    assert spec.floors is not None
    macro_f1, tone, depth = spec.floors
    assert report.macro_f1 is not None and report.macro_f1 >= macro_f1
    assert report.tone_accuracy is not None and report.tone_accuracy >= tone
    assert report.depth_accuracy is not None and report.depth_accuracy >= depth
    assert scores["safety"].recall >= 0.95
    assert scores["safety"].precision >= 0.95
