"""Typing an answer with a word limit while its count is shown live: "3 / 15 words".

`live_count` is the pure part (what the toolbar says for a draft); it counts with the one word
counter of Tending (`domain.moments.count_words`), the one the coach's composers and
`tend log appreciation --closing` use, so the live count and the check after Enter always agree.
`read_counted` is the terminal part (prompt_toolkit, imported only when it is used); it is only
used when stdin and stdout are both a terminal (`is_interactive`), otherwise the guided session
keeps its plain prompt (tests through CliRunner, pipes).
"""

from __future__ import annotations

import os
from typing import Any, TextIO

from tending.domain.moments import count_words

OVER_STYLE = "class:over"
COUNT_STYLE = "class:count"


def live_count(draft: str, limit: int) -> str:
    """What the live count says of `draft` when at most `limit` words are allowed.

    >>> live_count("Thank you for", 15)
    '3 / 15 words'
    >>> live_count("one " * 16, 15)
    '16 / 15 words: 1 over the limit'
    """
    words = count_words(draft)
    shown = f"{words} / {limit} words"
    return f"{shown}: {words - limit} over the limit" if words > limit else shown


def toolbar_fragments(draft: str, limit: int) -> list[tuple[str, str]]:
    """The live count as styled text for the bottom toolbar (over the limit stands out)."""
    style = OVER_STYLE if count_words(draft) > limit else COUNT_STYLE
    return [(style, f" {live_count(draft, limit)} ")]


def is_interactive(stdin: TextIO, stdout: TextIO) -> bool:
    """Whether a person types at a real terminal that can show a live count."""
    try:
        both = stdin.isatty() and stdout.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
    return both and os.environ.get("TERM", "") != "dumb"


def read_counted(
    message: str, limit: int, draft: str = "", *, input: Any = None, output: Any = None
) -> str:
    """Read one line, showing its word count against `limit` below it while it is typed.

    The count is a bottom toolbar; a terminal that does not tell where its cursor is (no answer
    to a cursor position request: prompt_toolkit then never draws a toolbar) gets the count on
    the line above the input instead. `draft` is put back in the line to edit (a refused answer
    is never lost). Ctrl-C raises KeyboardInterrupt and Ctrl-D on an empty line EOFError, as
    the plain prompt does, so the session pauses the same way. `input` / `output` are
    prompt_toolkit's (tests pass pipes).
    """
    from prompt_toolkit import PromptSession
    from prompt_toolkit.application.current import get_app
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.renderer import CPR_Support
    from prompt_toolkit.styles import Style

    def count() -> list[tuple[str, str]]:
        return toolbar_fragments(get_app().current_buffer.text, limit)

    def toolbar() -> FormattedText:
        return FormattedText(count())

    def prompt() -> FormattedText:
        renderer = get_app().renderer
        if renderer.cpr_support is CPR_Support.NOT_SUPPORTED and not renderer.height_is_known:
            return FormattedText([*count(), ("", "\n" + message)])
        return FormattedText([("", message)])

    style = Style.from_dict({"bottom-toolbar": "noreverse", "count": "", "over": "bold ansired"})
    session: PromptSession[str] = PromptSession(
        prompt, bottom_toolbar=toolbar, style=style, input=input, output=output
    )
    return session.prompt(default=draft)
