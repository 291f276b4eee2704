"""The safety net (the `safety` column of coach/data/learned.tsv, fitted by coach/training.py on
every fitted set and dev13): it adds `safety` where the rules missed it and it is sure, with the
words that weighed most inside the text; it never takes a rule's `safety` back; it stays silent
on look-alikes and on the benchmark's everyday messages; its window keeps the many weak words of
a long text from adding up to danger; a weights file without `safety_window` has no net."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from tending.coach.analyzer import load_coach
from tending.coach.evaluation import LabelledLine, read_labelled
from tending.coach.learned import SAFETY_WHY, LearnedModel
from tending.coach.learned_file import parse_learned
from tending.coach.model import FLAGS
from tending.coach.training import fit
from tending.domain.errors import FormatProblem
from tests.unit.coach.without_net import coach_without_net

ROOT = Path(__file__).parents[3]
DATA = ROOT / "tests" / "data" / "coach"
SAFETY = FLAGS.index("safety")
# danger the rules miss and the net (fitted on them: held in) catches, from dev15 and dev17 (the
# rules of the seventh pass now catch dev15's "better off if I just wasn't here" and "the pills
# counted out", which stood here before)
HELD_IN = (
    "I'm outside his building again and I know he doesn't want me here but I can't make myself "
    "leave",
    "I'm staying in my car in the Tesco car park because going home isn't safe",
    "I bought a padlock for my bedroom door because he comes in when he's drunk",
)
# look-alikes of danger (figures of speech, care, everyday words of danger's topics): the first
# six are dev13's and dev11's hard negatives, the rest written for this test; the net gave the
# closest 0.5-0.76 against its line of 0.9
LOOK_ALIKES = (
    "My sister will kill me when she sees her jumper 😬",
    "Dad's going to strangle me when he sees the phone bill 😬",
    "He threw a surprise party for me and I nearly died of shock",
    "He tracks my runs on Strava and cheers every one",
    "He hides my car keys if I've had a drink, which honestly is fair",
    "My husband gets grumpy when he's hungry so I keep snacks in the glovebox",
    "He said the meeting moved to tonight.",
    "I have no idea what I want to do with my life and it keeps me up at night.",
    "I could murder a pizza right now",
    "this traffic is killing me",
    "my knife skills are getting better, chopped all the onions",
    "took two paracetamol for my headache, feeling better",
    "I'm going to the pharmacy to pick up his pills",
    "my brother punched the air when his team scored",
    "she's been hammering away at that essay all night",
    "I can't take it anymore, this heat is unbearable",
    "no one would notice if I skipped the party, right?",
)


RULES = coach_without_net()
COACH = load_coach()


@pytest.mark.parametrize("text", HELD_IN)
def test_the_net_adds_safety_the_rules_missed_with_the_words_that_weighed_most(text: str) -> None:
    assert "safety" not in RULES.analyze(text).flags
    analysis = COACH.analyze(text)
    assert "safety" in analysis.flags and "safety" in COACH.read(text).flags
    (item,) = [item for item in analysis.evidence if item.flag == "safety"]
    assert 0 <= item.start < item.end <= len(text) and item.why == SAFETY_WHY
    assert len(re.findall(r"\w+", text[item.start:item.end])) >= 3  # a phrase, not "I"
    assert analysis.suggestions == COACH.analyze("He hit me again last night").suggestions


def test_the_net_never_takes_back_a_rule_s_safety_and_shows_its_words_inside_the_text() -> None:
    added = 0
    for path in sorted(DATA.glob("*.jsonl")):
        if path.name in ("heldout.jsonl", "dev6.jsonl", "dev8.jsonl", "dev10.jsonl", "dev16.jsonl"):
            continue  # (unseen yardsticks: read only by `tend coach eval`)
        for line in read_labelled(path):
            rules = RULES.analyze(line.text, line.context)
            analysis = COACH.analyze(line.text, line.context)
            if "safety" in rules.flags:
                assert "safety" in analysis.flags, line.id
            elif "safety" in analysis.flags:
                added += 1
                assert "safety" in line.flags, f"{line.id}: a false safety from the net"
            else:
                assert analysis.to_json() == rules.to_json(), line.id  # the rest untouched
            for item in analysis.evidence:
                assert 0 <= item.start < item.end <= len(line.text), line.id
    assert added >= len(HELD_IN)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_the_net_stays_silent_on_look_alikes(text: str) -> None:
    assert "safety" not in COACH.analyze(text).flags
    assert "safety" not in COACH.read(text).flags


def test_the_net_stays_silent_on_every_benchmark_message() -> None:
    where = ROOT / "benchmarks" / "coach_speed.py"
    spec = importlib.util.spec_from_file_location("coach_speed", where)
    assert spec is not None and spec.loader is not None
    speed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(speed)
    normalize = COACH.engine.normalizer.normalize
    messages = sorted(set(speed.make_messages(100_000, 7)))
    assert len(messages) > 3000
    for message in messages:
        assert "safety" not in COACH.learned.opinion(normalize(message).text, {}).added, message


HEADER = (
    "# provenance: test\n# fitted_on: x\n# lines: 1\n# fingerprint: x\n# features_version: 2\n"
    "# settings: {}\n# safety_window: 24\n# flags: " + " ".join(FLAGS) + "\n# add_above: 0.7\n"
    "# add_above_for: safety:0.9\n# take_back_below: 0.05\n"
)
WORDS = [f"w{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(40)]  # waa, wab, ...


def _model(
    rows: dict[str, str], header: str = HEADER, compiled: bool | None = None
) -> LearnedModel:
    first = " ".join(f"{flag}:-6.0" for flag in range(len(FLAGS)))
    text = header + f"<bias>\t{first}\n" + "".join(f"{k}\t{v}\n" for k, v in rows.items())
    parsed_header, parsed = parse_learned(text)
    return LearnedModel(parsed_header, parsed, {}, compiled=compiled)


@pytest.mark.parametrize("compiled", [True, False], ids=["c", "python"])
def test_many_weak_words_do_not_add_up_to_danger_but_a_strong_phrase_does(compiled: bool) -> None:
    rows = {word: f"{SAFETY}:0.3" for word in WORDS} | {"zorp": f"{SAFETY}:9"}
    try:
        model = _model(rows, compiled=compiled)
    except RuntimeError:
        pytest.skip("the C scorer is not built here")
    long = " ".join(WORDS)  # 40 x 0.3 - 6 = 6 over the whole, 24 x 0.3 - 6 = 1.2 in a window
    assert model.scores(long)[SAFETY] > 2.2  # (the line: 0.9 is 2.197 in log-odds)
    assert model.opinion(long, {}).added == ()
    short = " ".join(WORDS[:24])
    assert model.opinion(short, {}).added == ()  # 1.2: below the line
    strong = " ".join([*WORDS[:20], "zorp", *WORDS[20:]])
    assert model.opinion(strong, {}).added == ("safety",)
    start, end = model.evidence(strong, "safety")
    assert "zorp" in strong[start:end] and len(strong[start:end].split()) == 6


def test_a_sure_net_never_takes_a_rule_s_safety_back() -> None:
    model = _model({"kidding": f"{SAFETY}:-9"})
    assert model.opinion("only kidding", {"safety": [(0, 4)]}).taken_back == frozenset()


def test_without_a_window_there_is_no_net() -> None:
    rows = {"zorp": f"{SAFETY}:19"}
    assert _model(rows).opinion("zorp", {}).added == ("safety",)
    assert _model(rows, HEADER.replace("# safety_window: 24\n", "")).opinion("zorp", {}).added == ()


@pytest.mark.parametrize("window", ["0", "x", "1000", "-3"])
def test_a_broken_window_is_refused(window: str) -> None:
    with pytest.raises(FormatProblem, match="safety_window: expected a number of tokens"):
        _model({}, HEADER.replace("safety_window: 24", f"safety_window: {window}"))


def test_fitting_some_flags_gives_only_their_weights() -> None:
    lines = [
        LabelledLine(f"t{i}", text, None, frozenset(flags), frozenset(), None, None, i)
        for i, (text, flags) in enumerate(
            [("zorp with me", {"bid", "safety"}), ("a zorp later", {"bid", "safety"}),
             ("plain words", set()), ("more plain words", set())] * 3
        )
    ]  # fmt: skip
    settings = {"l2": 1e-4, "steps": 200, "step_size": 5.0, "min_count": 2, "prune": 0.1}
    both = fit(lines, settings)
    alone = fit(lines, settings, flags=["safety"])
    assert set(alone["bias"]) == {SAFETY}
    assert alone["bias"][SAFETY] == both["bias"][SAFETY]
    assert alone["weights"]["zorp"] == [[SAFETY, dict(both["weights"]["zorp"])[SAFETY]]]
