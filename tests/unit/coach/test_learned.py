"""The second opinion (coach/learned.py, fitted by coach/training.py): fitted on the current
labelled sets and never on the held-out one (its safety net on those and dev13), its features and
their spans in step, safety never taken back, broken weights refused, and a real gain on dev6
and dev8, sets it was never fitted on (their lint is with the other sets' in test_dev2.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tending.coach.analyzer import Coach, load_coach
from tending.coach.data_files import read_data_text
from tending.coach.evaluation import LabelledLine, evaluate, read_labelled
from tending.coach.learned import NO_CHANGE, LearnedModel
from tending.coach.learned_features import (
    CONTEXT_FLAGS,
    context_features,
    feature_keys,
    feature_spans,
    features,
    key,
)
from tending.coach.learned_file import NAME, parse_learned
from tending.coach.model import FLAGS
from tending.coach.rules import load_engine
from tending.coach.training import fingerprint, fit, shipped
from tending.domain.errors import FormatProblem

DATA = Path(__file__).parents[2] / "data" / "coach"
DEV6 = DATA / "dev6.jsonl"
DEV8 = DATA / "dev8.jsonl"
# never fitted on: dev16 (danger-heavy) is an unseen yardstick of safety, kept apart from both
# the rules and the model (and its safety net)
UNSEEN = ("heldout.jsonl", "dev6.jsonl", "dev8.jsonl", "dev10.jsonl", "dev16.jsonl")
# not fitted on either but by the safety net: dev13, dev17, dev18 and dev20 (danger in many
# wordings) pull the other flags away from the conformance corpus
NOT_FITTED = (*UNSEEN, "dev13.jsonl", "dev17.jsonl", "dev18.jsonl", "dev20.jsonl")
SPEC_EXAMPLES = Path(__file__).resolve().parents[4] / "shared" / "coach" / "examples.jsonl"
CLASSES = {"lonely": "#feeling", "sad": "#feeling", "always": "#absolute"}


def test_the_shipped_weights_are_fitted_on_the_current_labelled_sets() -> None:
    header = shipped()
    assert not set(UNSEEN) & set(header["fitted_on"].split())
    labelled = {path.name for path in DATA.glob("*.jsonl")} - set(NOT_FITTED)
    assert set(header["fitted_on"].split()) == labelled, (
        "the weights were not fitted on every labelled set but those left out on purpose: "
        "run `make coach-model` (and keep NOT_FITTED here and the Makefile's COACH_SETS in step)"
    )
    net = set(header["safety_fitted_on"].split())
    assert net == {path.name for path in DATA.glob("*.jsonl")} - set(UNSEEN), (
        "the safety net was not fitted on every labelled set but the unseen ones: run "
        "`make coach-model` (and keep UNSEEN here and the Makefile's SAFETY_SETS in step)"
    )
    files = [DATA / name for name in header["fitted_on"].split()]
    safety_files = [DATA / name for name in sorted(net)]
    assert fingerprint(files, safety_files) == header["fingerprint"], (
        "a labelled set or a coach data file changed since the weights were fitted: "
        "run `make coach-model` and commit coach/data/learned.tsv"
    )
    parse_learned(read_data_text(NAME))  # every row well formed


@given(st.text(alphabet="abc lonely sad always!? 🙂'", max_size=60))
def test_features_and_their_spans_agree(text: str) -> None:
    spans = feature_spans(text, CLASSES)
    assert set(spans) == features(text, CLASSES)
    assert {key(name) for name in spans} == feature_keys(text, CLASSES)
    for feature, (start, end) in spans.items():
        assert 0 <= start < end <= len(text)
        if not feature.startswith(("#", "<s>")) and " " not in feature:
            assert text[start:end] == feature


HEADER = (
    "# provenance: test\n# fitted_on: x\n# lines: 1\n# fingerprint: x\n# features_version: 2\n"
    "# settings: {}\n# flags: " + " ".join(FLAGS) + "\n# add_above: 0.7\n"
    "# take_back_below: 0.05\n"
)


def _text(rows: dict[str, str], bias: float = -6.0) -> str:
    first = " ".join(f"{flag}:{bias}" for flag in range(len(FLAGS)))
    return HEADER + f"<bias>\t{first}\n" + "".join(f"{k}\t{v}\n" for k, v in rows.items())


def _model(rows: dict[str, str], bias: float = -6.0) -> LearnedModel:
    header, parsed = parse_learned(_text(rows, bias))
    return LearnedModel(header, parsed, CLASSES)


def test_a_sure_model_adds_a_flag_with_the_words_that_weighed_most() -> None:
    bid, safety = FLAGS.index("bid"), FLAGS.index("safety")
    model = _model({"zorp": f"{bid}:9 {safety}:9", "now": f"{bid}:1.0"})
    opinion = model.opinion("look zorp now", {})
    assert opinion.added == ("bid",)  # never safety, however sure, in a file without the net
    assert model.evidence("look zorp now", "bid") == (5, 9)
    assert model.evidence("now look zorp", "bid") == (9, 13)  # rows read once, same answers
    assert model.evidence("now look", "bid") == (0, 3)
    assert model.opinion("nothing here", {}) is NO_CHANGE
    assert model.row("zorp") == ((FLAGS.index("bid"), 9.0), (FLAGS.index("safety"), 9.0))
    assert model.row("unknown") == () and "unknown" not in model._parsed  # kept: known only


def test_a_flag_can_have_a_line_of_its_own() -> None:
    bid = FLAGS.index("bid")
    text = _text({"zorp": f"{bid}:9"}).replace("# take", "# add_above_for: bid:0.99\n# take")
    header, parsed = parse_learned(text)
    assert LearnedModel(header, parsed, CLASSES).opinion("zorp", {}) is NO_CHANGE  # p 0.95
    assert _model({"zorp": f"{bid}:9"}).opinion("zorp", {}).added == ("bid",)  # above 0.7


def test_a_sure_model_takes_back_a_flag_but_never_safety() -> None:
    blame, safety = FLAGS.index("blame"), FLAGS.index("safety")
    model = _model({"kidding": f"{blame}:-9 {safety}:-9.0"}, bias=0.0)
    opinion = model.opinion("only kidding", {"blame": [(0, 4)], "safety": [(5, 12)]})
    assert opinion.taken_back == {"blame"}


def test_a_flag_is_kept_where_the_words_around_its_span_still_say_it() -> None:
    blame = FLAGS.index("blame")
    model = _model({"kidding": f"{blame}:-9", "idiot": f"{blame}:3"}, bias=0.0)
    far = "you idiot a b c d e f g h only kidding"  # the whole says no, its span's words yes
    assert model.scores(far)[blame] < 0
    assert model.opinion(far, {"blame": [(4, 9)]}).taken_back == set()
    near = "idiot, only kidding"
    assert model.opinion(near, {"blame": [(0, 5)]}).taken_back == {"blame"}


def test_the_message_answered_can_decide_a_listening_flag() -> None:
    validation = FLAGS.index("validation")
    model = _model({"sure": f"{validation}:4", "ctx:#feeling": f"{validation}:3"})
    alone = model.opinion("sure", {})  # -2 against the line of 0.85: not added...
    assert alone.added == () and alone.context_matters  # ...but a message answered could
    assert model.opinion("sure", {}, "i am so sad").added == ("validation",)  # -2 + 3
    assert model.opinion("sure", {}, lambda: "i am so sad").added == ("validation",)
    assert model.opinion("sure", {}, "what time?").added == ()
    assert model.opinion("sure", {"validation": [(0, 4)]}, "i am so sad") is NO_CHANGE
    assert model.opinion("nothing", {}, "i am sad") is NO_CHANGE  # too far for any context
    never = lambda: pytest.fail("the message answered was read where it cannot matter")  # noqa: E731
    assert model.opinion("nothing", {}, never) is NO_CHANGE


def test_marks_of_the_message_answered() -> None:
    assert context_features("", CLASSES) == set()
    assert context_features("so lonely?", CLASSES) == {"ctx:", "ctx:?", "ctx:#feeling"}
    assert context_features("always sad", CLASSES) == {"ctx:", "ctx:#feeling"}
    assert context_features("dinner at 8", CLASSES) == {"ctx:"}
    assert context_features("can we talk?", CLASSES) == {"ctx:", "ctx:?", "ctx:talk"}
    grim = {**CLASSES, "awful": "#unpleasant_feeling"}
    assert context_features("awful day", grim) == {"ctx:", "ctx:#feeling"}


def test_the_marks_of_the_message_answered_weigh_for_listening_flags_only() -> None:
    lines = [
        LabelledLine(f"t{i}", text, context, frozenset(flags), frozenset(), None, None, i)
        for i, (text, context, flags) in enumerate(
            [("ok", "so sad", {"validation", "affection"}), ("ok", "what time?", set()),
             ("sure", "so sad", {"validation", "affection"}), ("sure", "when?", set())] * 3
        )
    ]  # fmt: skip
    fitted = fit(lines, {"l2": 1e-4, "steps": 200, "step_size": 5.0, "min_count": 2,
                         "prune": 0.0})  # fmt: skip
    marks = {name: dict(pairs) for name, pairs in fitted["weights"].items()
             if name.startswith("ctx:")}  # fmt: skip
    assert marks["ctx:#feeling"][FLAGS.index("validation")] > 0.5
    assert {FLAGS[flag] for row in marks.values() for flag, weight in row.items() if weight} \
        <= CONTEXT_FLAGS  # fmt: skip


def test_you_never_listen_stays_blame_beside_a_feeling() -> None:
    analysis = load_coach().analyze("You never listen to me and I feel so lonely sooo often")
    assert {"absolute", "blame", "feeling"} <= set(analysis.flags)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (_text({}).replace("# lines: 1\n", ""), "the header lacks lines"),
        (_text({}).replace("# flags: feeling", "# flags: joy"), "flags: not the coach's flags"),
        (_text({}).replace("features_version: 2", "features_version: 9"), "fit the weights again"),
        (_text({}).replace("add_above: 0.7", "add_above: 1.5"), "add_above: expected a"),
        (_text({"bad": "99:1.0"}), f"{NAME} line 11: expected 'feature<TAB>flag:weight"),
        (_text({"bad": "1:x"}), f"{NAME} line 11"),
        (_text({"same": "1:1"}) + "same\t2:1\n", "a feature is listed twice"),
        (_text({}).replace("<bias>\t0:-6.0 ", "<bias>\t"), "the <bias> row must give all 24"),
        (_text({"last": "1:1"}).rstrip("\n"), "must end with a newline"),
        ("bias\t1:1\n", "provenance"),
        (_text({}).replace("# take", "# add_above_for: joy:0.8\n# take"), "add_above_for: exp"),
        (_text({}).replace("# take", "# add_above_for: bid:1.5\n# take"), "add_above_for: exp"),
    ],
)
def test_broken_weights_are_refused_with_what_is_wrong(text: str, said: str) -> None:
    with pytest.raises(FormatProblem, match=re.escape(said)):
        parse_learned(text)


def test_fitting_learns_a_word_that_always_comes_with_a_flag() -> None:
    lines = [
        LabelledLine(f"t{i}", text, None, frozenset(flags), frozenset(), None, None, i)
        for i, (text, flags) in enumerate(
            [("zorp with me", {"bid"}), ("a zorp later", {"bid"}), ("zorp?", {"bid"}),
             ("plain words", set()), ("more plain words", set()), ("words again", set())] * 3
        )
    ]  # fmt: skip
    fitted = fit(lines, {"l2": 1e-4, "steps": 200, "step_size": 5.0, "min_count": 2,
                         "prune": 0.1})  # fmt: skip
    bid = FLAGS.index("bid")
    zorp = dict(fitted["weights"]["zorp"])
    assert zorp[bid] > 1.0
    assert all(weight < 0 for flag, weight in fitted["weights"].get("plain", []) if flag == bid)


def test_weighing_the_lines_that_carry_a_flag_more_makes_the_model_surer_of_it() -> None:
    lines = [
        LabelledLine(f"t{i}", text, None, frozenset(flags), frozenset(), None, None, i)
        for i, (text, flags) in enumerate(
            [("zorp with me", {"bid"}), ("zorp alone", set()), ("plain words", set()),
             ("more plain words", set())] * 3
        )
    ]  # fmt: skip
    settings = {"l2": 1e-4, "steps": 200, "step_size": 5.0, "min_count": 2, "prune": 0.0}
    bid = FLAGS.index("bid")

    def zorp(weight: float) -> float:
        fitted = fit(lines, {**settings, "positive_weight": weight})
        return dict(fitted["weights"]["zorp"])[bid] + fitted["bias"][bid]

    assert zorp(1.0) == pytest.approx(dict(fit(lines, settings)["weights"]["zorp"])[bid]
                                      + fit(lines, settings)["bias"][bid])  # fmt: skip
    assert zorp(2.0) > zorp(1.0) + 0.1  # (half the "zorp" lines carry bid: odds 1:1, then 2:1)


def _without_second_opinion() -> Coach:
    coach = Coach(load_engine())
    coach.learned.opinion = lambda text, flags, context=None: NO_CHANGE  # type: ignore[method-assign]
    return coach


@pytest.mark.parametrize("path", [DEV6, DEV8], ids=lambda path: path.name)
def test_the_second_opinion_helps_on_a_set_it_was_never_fitted_on(path: Path) -> None:
    lines = read_labelled(path)
    rules = evaluate(lines, _without_second_opinion().analyze)
    both = evaluate(lines, load_coach().analyze)
    assert both.macro_f1 is not None and rules.macro_f1 is not None
    assert both.macro_f1 >= rules.macro_f1 + 0.01
    assert both.tone_accuracy is not None and rules.tone_accuracy is not None
    assert both.tone_accuracy >= rules.tone_accuracy


def test_an_added_flag_carries_evidence_in_the_text() -> None:
    coach = load_coach()
    for line in read_labelled(DEV6):
        analysis = coach.analyze(line.text, line.context)
        for item in analysis.evidence:
            assert 0 <= item.start < item.end <= len(line.text), line.id
        assert {item.flag for item in analysis.evidence} == set(analysis.flags), line.id
