"""The steps of each guided practice, built from the practice catalogue.

The numbers (minutes, seconds, counts) and the prompts come from the catalogue, so a person's
override file changes them; what is fixed here is the order of the protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tending.catalogue import OVERRIDES_FILENAME, Catalogue, load_catalogue
from tending.domain.sessions import Step, StepKind
from tending.exporters.wording import counted

YES_NO = ("yes", "no")
DAY = 86_400.0
HONEST_KINDS = ("worry", "regret", "appreciation")


def catalogue_for(home: Path | None) -> Catalogue:
    """The catalogue with the person's overrides from `home` when that file exists."""
    if home is not None and (home / OVERRIDES_FILENAME).is_file():
        return load_catalogue(home / OVERRIDES_FILENAME)
    return load_catalogue()


def _number(catalogue: Catalogue, practice: str, key: str) -> float:
    value = catalogue.parameter(practice, key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{practice}.{key} is not a number: {value!r}")
    return float(value)


def _lines(catalogue: Catalogue, practice: str, prompt_set: str) -> tuple[str, ...]:
    return tuple(prompt.text for prompt in catalogue.get(practice).prompts_in(prompt_set))


@dataclass(frozen=True)
class CheckNumbers:
    """The numbers of one Connection Check, read once when it starts."""

    questions: int
    phone_free_seconds: float
    pause_seconds: float
    story_seconds: float
    due_days: int
    appreciation_words: int
    followup_words: int


def check_numbers(catalogue: Catalogue) -> CheckNumbers:
    """The Connection Check's numbers from the catalogue (after overrides)."""
    return CheckNumbers(
        questions=int(_number(catalogue, "connection-check", "questions")),
        phone_free_seconds=_number(catalogue, "connection-check", "phone_free") * 60,
        pause_seconds=_number(catalogue, "connection-check", "pause"),
        story_seconds=_number(catalogue, "personal-story", "length"),
        due_days=int(_number(catalogue, "micro-commitment", "due_in")),
        appreciation_words=int(_number(catalogue, "closing-appreciation", "max_words")),
        followup_words=int(_number(catalogue, "follow-up-message", "max_words")),
    )


def check_questions(catalogue: Catalogue, own: list[str]) -> tuple[str, ...]:
    """The person's own questions first, then the catalogue's defaults, up to the count."""
    count = check_numbers(catalogue).questions
    defaults = [q for q in _lines(catalogue, "connection-check", "questions") if q not in own]
    return tuple([*own, *defaults][:count])


def check_steps(catalogue: Catalogue, questions: tuple[str, ...], name: str) -> tuple[Step, ...]:
    """The whole Connection Check with `name`, in the order of the protocol."""
    numbers = check_numbers(catalogue)
    pause_cue = _lines(catalogue, "connection-check", "pause")[0]
    asked = tuple(
        Step(f"q{index}", StepKind.QUESTION, text, seconds=numbers.pause_seconds, cue=pause_cue)
        for index, text in enumerate(questions, start=1)
    )
    return (
        *_opening_steps(catalogue, numbers, name),
        *asked,
        *_listening_steps(catalogue, numbers),
        *_capture_steps(catalogue, numbers, name),
    )


def _privacy_step(catalogue: Catalogue) -> Step:
    """Whether the conversation stays private: asked, never assumed ("yes" or "no")."""
    return Step(
        "private", StepKind.CHOICE, _lines(catalogue, "privacy-agreement", "ask")[0], choices=YES_NO
    )


def _opening_steps(catalogue: Catalogue, numbers: CheckNumbers, name: str) -> tuple[Step, ...]:
    permission = _lines(catalogue, "permission-and-pass", "permission")[0]
    passing = _lines(catalogue, "permission-and-pass", "pass")[0]
    return (
        _privacy_step(catalogue),
        Step(
            "permission",
            StepKind.NOTE,
            f"Before a personal question, ask: '{permission}' {passing}",
        ),
        Step(
            "presence",
            StepKind.TIMER,
            f"Phone-free time with {name}: just be here.",
            seconds=numbers.phone_free_seconds,
            cue="  ".join(_lines(catalogue, "connection-check", "presence")),
        ),
    )


def _listening_steps(catalogue: Catalogue, numbers: CheckNumbers) -> tuple[Step, ...]:
    return (
        Step(
            "story",
            StepKind.STORY,
            "Your story: one scene, one insight.",
            seconds=numbers.story_seconds,
            cue=_lines(catalogue, "personal-story", "template")[0],
            optional=True,
        ),
        Step("reflection", StepKind.TEXT, _lines(catalogue, "reflective-listening", "summary")[0]),
        Step(
            "confirmed",
            StepKind.CHOICE,
            _lines(catalogue, "reflective-listening", "check")[0] + " (their answer)",
            choices=("yes", "partly", "no"),
        ),
    )


def _capture_steps(catalogue: Catalogue, numbers: CheckNumbers, name: str) -> tuple[Step, ...]:
    parts = ("highlight", "action", "question")
    followup = " ".join(_lines(catalogue, "follow-up-message", part)[0] for part in parts)
    return (
        # A commitment step keeps its "due in" as seconds, fixed when the session starts.
        Step(
            "commitment",
            StepKind.TEXT,
            _lines(catalogue, "micro-commitment", "ask")[0]
            + f" (due in {counted(numbers.due_days, 'day')})",
            seconds=numbers.due_days * DAY,
        ),
        Step(
            "appreciation",
            StepKind.TEXT,
            _lines(catalogue, "closing-appreciation", "ask")[0]
            + f" ({counted(numbers.appreciation_words, 'word')} or fewer)",
            rule="appreciation",
            max_words=numbers.appreciation_words,
        ),
        Step(
            "followup",
            StepKind.TEXT,
            f"Follow-up message for {name}, "
            f"under {counted(numbers.followup_words, 'word')}. {followup}",
            rule="followup",
            max_words=numbers.followup_words - 1,
        ),
    )


def vulnerability_steps(catalogue: Catalogue) -> tuple[Step, ...]:
    """Two timed turns with a swap signal between them; no debate."""
    practice = "vulnerability-exercise"
    seconds = _number(catalogue, practice, "minutes_each") * 60
    speaker = "  ".join(_lines(catalogue, practice, "speaker"))
    listener = "  ".join(_lines(catalogue, practice, "listener"))
    turn_cue = f"Speaker: {speaker}\nListener: {listener}"
    return (
        Step("rules", StepKind.NOTE, _lines(catalogue, practice, "no_debate")[0]),
        Step(
            "turn1",
            StepKind.TIMER,
            "First turn: one speaks about a fear, one mirrors.",
            seconds=seconds,
            cue=turn_cue,
        ),
        Step("swap", StepKind.NOTE, _lines(catalogue, practice, "swap")[0]),
        Step(
            "turn2",
            StepKind.TIMER,
            "Second turn: the other speaks, the other mirrors.",
            seconds=seconds,
            cue=turn_cue,
        ),
        Step("close", StepKind.NOTE, _lines(catalogue, practice, "close")[0]),
    )


def timeout_minutes(catalogue: Catalogue) -> float:
    """The default length of a time-out."""
    return _number(catalogue, "time-out", "duration")


def timeout_steps(catalogue: Catalogue, minutes: float) -> tuple[Step, ...]:
    """Call the pause, count it down, then name the time to come back."""
    return (
        Step("call", StepKind.NOTE, _lines(catalogue, "time-out", "call")[0]),
        Step(
            "pause",
            StepKind.TIMER,
            f"Time-out: {minutes:g} {'minute' if minutes == 1 else 'minutes'} to let your body "
            "settle.",
            seconds=minutes * 60,
            cue="  ".join(_lines(catalogue, "time-out", "during")),
        ),
        Step(
            "come_back_at",
            StepKind.TEXT,
            "When will you come back to it together? (a time such as 19:30)",
            cue=_lines(catalogue, "time-out", "commitment")[0],
            rule="time",
        ),
        Step(
            "return",
            StepKind.NOTE,
            f"When you meet again, you could begin: '{_lines(catalogue, 'time-out', 'return')[0]}'",
        ),
    )


def tension_steps(catalogue: Catalogue, name: str) -> tuple[Step, ...]:
    """One issue, the feeling and the behaviour, and one agreed next step."""
    script = _lines(catalogue, "tension-script", "script")[0]
    return (
        # As in the Connection Check: agreed first, since the next step becomes a commitment
        # (a private one stays out of a shareable export).
        _privacy_step(catalogue),
        Step("issue", StepKind.TEXT, f"Which one issue with {name} do you want to bring up?"),
        Step("feeling", StepKind.TEXT, "I felt ... (one feeling word or two)"),
        Step(
            "behaviour",
            StepKind.TEXT,
            "... when ... (what happened, as a camera saw it)",
            cue=script,
            rule="tension",
        ),
        Step("script", StepKind.NOTE, f"Say it like this: {script}"),
        Step(
            "next_step",
            StepKind.TEXT,
            _lines(catalogue, "tension-script", "next_step")[0] + " (this becomes a commitment)",
        ),
    )


def gratitude_steps(catalogue: Catalogue, day: int) -> tuple[Step, ...]:
    """One gratitude prompt, rotating by day."""
    prompts = _lines(catalogue, "nightly-gratitude", "prompts")
    return (Step("thanks", StepKind.TEXT, prompts[day % len(prompts)]),)


def honest_steps(catalogue: Catalogue, kind: str, day: int) -> tuple[Step, ...]:
    """One honest statement of `kind` (worry, regret or appreciation), prompt rotating by day."""
    prompts = _lines(catalogue, "daily-honest-statement", kind)
    return (Step("statement", StepKind.TEXT, prompts[day % len(prompts)]),)


def state_of_us_steps(catalogue: Catalogue, name: str) -> tuple[Step, ...]:
    """What went well, what was hard, what each needs next month."""
    questions = _lines(catalogue, "monthly-state-of-the-relationship", "questions")
    return (
        Step("went_well", StepKind.TEXT, questions[0]),
        Step("hard", StepKind.TEXT, questions[1]),
        Step("my_need", StepKind.TEXT, "What do you need next month? (your answer)"),
        Step("their_need", StepKind.TEXT, f"What does {name} need next month? (their answer)"),
    )
