"""Suggestions: concrete rewrites that reuse the person's own words, from templates in data."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from tending.coach.data_files import read_data_text, toml_document, tsv_rows
from tending.coach.lazy import LazyRegex
from tending.coach.lexicon import Lexicon
from tending.coach.rewording import in_base, in_past, said_back
from tending.domain.errors import FormatProblem

ORDER = (
    "blame", "absolute", "contempt", "demand", "faux_feeling", "defensiveness",
    "stonewalling", "past_grievance", "people_pleasing", "minimizing", "fixing",
)
TEMPLATE_KEYS = frozenset(ORDER) | {"faux_feeling_clause"}
COMPLAINT = LazyRegex(
    r"\byou (?:(?:just|really|literally|even|ever|seriously) )*"
    r"(?P<how>never|always|constantly|keep|do not|did not|can not|will not|would not|are always|"
    r"are never|refuse to)? ?(?:(?:even|ever|once|bother to|seem to) )*(?P<rest>[a-z' ]{2,60})"
)
DEMAND = LazyRegex(
    r"\byou (?:(?:just|really) )*(?:have to|need to|must|had better|would better|better|"
    r"have got to|got to) (?P<rest>[a-z' ]{2,60})"
)
CONTEXT_WORDS = LazyRegex(r"[A-Za-z']+")
ABSOLUTE_WORD = LazyRegex(r"\b(?:always|never|every time|constantly|nothing|everything)\b")
WORD = LazyRegex(r"[A-Za-z][A-Za-z']*")
SENTENCE_START = LazyRegex(r"(?:^|[.!?\n]\s*)$")
# words a clipped phrase may not end on ("what you did at Christmas in" -> "... at Christmas")
DANGLING = frozenset({"in", "at", "on", "the", "a", "an", "to", "for", "of", "with", "and", "my",
                      "your", "our", "from", "by", "about", "like", "than"})
# a "you" after these is inside a clause about something ("what you did"), not the complaint
CLAUSE_BEFORE = ("what ", "which ", "whatever ")
STOP_AT = LazyRegex(
    r"\b(?:and|but|because|so|or|when|if|then|end|again|anymore|any more|at all|whatsoever)\b"
)


class Topic(NamedTuple):
    """What a complaint about one kind of act is usually about."""

    moment: str
    feelings: str
    need: str
    request: str


class Templates(NamedTuple):
    """Every template and topic of the suggestions."""

    rewrite: dict[str, str]
    unsupported: str
    topics: dict[str, Topic]


@cache
def load_templates() -> Templates:
    """Templates and topics from data (checked once)."""
    name = "suggestions.toml"
    document = toml_document(name, read_data_text(name))
    rewrite = document.get("rewrite", {})
    unsupported = document.get("unsupported_language")
    missing = TEMPLATE_KEYS - set(rewrite)
    if missing or not isinstance(unsupported, str):
        raise FormatProblem(f"{name}: missing templates {', '.join(sorted(missing)) or 'language'}")
    topics: dict[str, Topic] = {}
    for number, row in tsv_rows("topics.tsv", read_data_text("topics.tsv"), 5):
        if row[0] in topics:
            raise FormatProblem(f"topics.tsv line {number}: {row[0]!r} is listed twice")
        topics[row[0]] = Topic(*row[1:])
    if "*" not in topics:
        raise FormatProblem("topics.tsv: the default row '*' is missing")
    return Templates(rewrite, unsupported, topics)


def _clip(words: str) -> str:
    words = words.strip(" '")
    stop = STOP_AT.search(words)
    if stop and stop.start() > 0:
        words = words[: stop.start()]
    kept = words.split()[:8]
    while kept and kept[-1] in DANGLING:
        kept.pop()
    return " ".join(kept)


def _topic(words: str, templates: Templates) -> Topic:
    for word in words.split():
        for key, topic in templates.topics.items():
            if key != "*" and word.startswith(key):
                return topic
    return templates.topics["*"]


def writers_capitals(original: str) -> dict[str, str]:
    """The words `original` writes with a capital where no sentence begins (names such as
    'Sam'), by their lower-case form; shouted words (all capitals) are left out."""
    cased: dict[str, str] = {}
    for found in WORD.regex.finditer(original):
        word = found.group()
        if word[0].isupper() and not word.isupper() and not SENTENCE_START.search(
            original, 0, found.start()
        ):
            cased.setdefault(word.lower(), word)
    return cased


def restore_case(words: str, cased: dict[str, str]) -> str:
    """`words` (lower-cased when the message was normalized) with the pronoun 'I' and the
    writer's own capitals (`writers_capitals`) given back."""
    if not words:
        return words

    def back(found: re.Match[str]) -> str:
        word = found.group()
        if word == "i" or word.startswith("i'"):
            return "I" + word[1:]
        return cased.get(word, word)

    return WORD.regex.sub(back, words)


def reflect(context: str | None) -> str:
    """The other's message said back from the listener's side ('my' -> 'your'), or ''."""
    if not context:
        return ""
    words = CONTEXT_WORDS.findall(context.split(".")[0].lower())[:14]
    if not words:
        return ""
    return f"So {restore_case(said_back(words), writers_capitals(context))}. "


def _blame_parts(sentence: str, templates: Templates) -> dict[str, str]:
    found = COMPLAINT.search(sentence)
    if found and sentence[: found.start()].endswith(CLAUSE_BEFORE):
        found = None
    rest = _clip(found.group("rest")) if found else ""
    how = found.group("how") if found else None
    topic = _topic(rest, templates)
    if rest.split()[:1] in (["are"], ["were"], ["is"], ["have"], ["had"], ["being"], ["so"],
                            ["too"], ["such"]):
        # a judgement of who they are ("you are so selfish", "why are you so upset") is not
        # an observation
        rest = ""
    if rest and how in ("are always", "are never"):
        verb = "were" if how == "are always" else "weren't"
        action, request = f" and you {verb} {rest}", topic.request
    elif rest and how in {"never", "do not", "did not", "can not", "will not", "would not",
                          "refuse to"}:
        rest = in_base(rest)  # "you never told me" -> "you didn't tell me"
        action, request = f" and you didn't {rest}", rest
    elif rest and how == "keep":
        action, request = f" and you kept {rest}", topic.request
    elif rest:  # the moment is told in the past: "you leave your socks" -> "you left ..."
        action, request = f" and you {in_past(rest)}", topic.request
    else:
        action, request = "", topic.request
    return {"moment": topic.moment, "action": action, "feelings": topic.feelings,
            "need": topic.need, "request": request}


def complaint_suggestions(
    flags: set[str], sentences: dict[str, str], context: str | None, lexicon: Lexicon,
    faux_word: str | None, original: str = "",
) -> list[str]:
    """Suggestions for each corrective flag, reusing the words of the sentence that raised it
    (`original`, the message as written, gives back the capitals normalizing took away)."""
    templates = load_templates()
    cased = writers_capitals(original)
    out: list[str] = []
    for flag in ORDER:
        if flag not in flags:
            continue
        sentence = sentences.get(flag, "")
        values = _blame_parts(sentence, templates)
        values["reflect"] = reflect(context)
        values["word"] = _absolute_word(sentence)
        template = templates.rewrite[flag]
        if flag == "demand":
            found = DEMAND.search(sentence)
            if found:
                values["request"] = _clip(found.group("rest"))
        values["action"] = restore_case(values["action"], cased)
        values["request"] = restore_case(values["request"], cased)
        if flag == "faux_feeling":
            faux = lexicon.faux.get(faux_word or "")
            if faux is None:
                template = templates.rewrite["faux_feeling_clause"]
            else:
                values.update(word=faux.word, under=", ".join(faux.feelings),
                              first=faux.feelings[0], need=faux.need)
        out.append(template.format(**values))
    return out


def _absolute_word(sentence: str) -> str:
    found = ABSOLUTE_WORD.search(sentence)
    return found.group() if found else "always/never"


def unsupported_language() -> str:
    """The one suggestion for a message in a language the coach cannot read yet."""
    return load_templates().unsupported
