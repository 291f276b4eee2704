"""Suggestions: concrete rewrites that reuse the person's own words, from templates in data."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from tending.coach.asks import NOT, asked_in
from tending.coach.causes import load_causes, retold
from tending.coach.data_files import read_data_text, toml_document, tsv_rows
from tending.coach.judgements import Topic, judged, load_judgements
from tending.coach.lazy import LazyRegex
from tending.coach.lexicon import Lexicon
from tending.coach.longings import check_wishes, longing
from tending.coach.own_words import SWEEPING, Moment, feeling_parts, own_moment
from tending.coach.rewording import said_back_words, verb_forms
from tending.domain.errors import FormatProblem

ORDER = (
    "blame", "absolute", "contempt", "demand", "faux_feeling", "defensiveness",
    "stonewalling", "past_grievance", "people_pleasing", "minimizing", "fixing",
)
TEMPLATE_KEYS = frozenset(ORDER) | {
    "faux_feeling_clause", "faux_feeling_thought", "absolute_moment", "absolute_wish",
    "contempt_after_blame", "demand_not",
}
CONTEXT_WORDS = LazyRegex(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*|,")
ABSOLUTE_WORD = LazyRegex(
    r"\b(?:every single time|every time|all the time|not (?:even )?once|always|never|"
    r"constantly|forever|nothing|everything|nobody|no one|everyone|anything|anyone|ever|"
    r"all you (?:ever )?do|every(?: single)? [a-z]+)\b",
    re.IGNORECASE,
)
# "time" that says when, not time together ("be on time", "last time")
TIME_PHRASE = LazyRegex(
    r"\b(?:on|in|this|last|next|first|any|one|that|the|some|same|waste of|screen) time\b"
)
WORD = LazyRegex(r"[A-Za-z][A-Za-z']*")
# where a thought told as a feeling begins ("I feel like you ...", "it feels as if ...")
FEEL_THOUGHT = LazyRegex(r"\b(?:feel|feels|felt|feeling)(?: like| that| as if| as though)?\b")
SENTENCE_START = LazyRegex(r"(?:^|[.!?\n]\s*)$")
FIRST_SENTENCE = LazyRegex(r"^.*?(?:[.!?](?=\s|$)|$)", re.DOTALL)
NEGATIONS = LazyRegex(
    r"\b(do|does|did|is|are|was|were|have|has|had|could|would|should|can|will) not\b"
)
# a contraction as the writer wrote it: "we're", "I'm", "I've", "it's" (not "n't", handled apart)
OWN_CONTRACTION = LazyRegex(r"\b(i|you|we|they|he|she|it|that|there|who|what)'(m|re|ve|s|ll)\b",
                            re.IGNORECASE)
OPENED_ENDING = {"m": "am", "re": "are", "ve": "have", "s": "is", "ll": "will"}
# "you'd" that normalizing opened into "you would" (it may have been "you had"): given back
WOULD = LazyRegex(r"\b(i|you|he|she|we|they) would\b")
SHORT_NOT = {"can": "can't", "will": "won't"}


class Templates(NamedTuple):
    """Every template and topic of the suggestions."""

    rewrite: dict[str, str]
    unsupported: str
    topics: dict[str, Topic]
    put_downs: tuple[str, ...]  # orders that are put-downs, never asked for ("grow up")


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
    put_downs = document.get("put_downs", [])
    if not isinstance(put_downs, list) or not all(isinstance(down, str) for down in put_downs):
        raise FormatProblem(f"{name}: put_downs must be a list of words")
    load_judgements()  # checked with the templates
    load_causes()
    check_wishes()
    return Templates(rewrite, unsupported, topics, tuple(put_downs))


def _topic(words: str, templates: Templates) -> Topic:
    """The topic of the first keyword in `words` ('*' when none); a keyword inside a sweeping
    or a time phrase ('every time', 'on time'), or after 'without', picks none."""
    words = SWEEPING.regex.sub(" ", words.partition(" without ")[0])
    words = TIME_PHRASE.regex.sub(" ", words)
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


def writers_contractions(original: str) -> dict[str, str]:
    """The contractions `original` writes ("we're", "I'm"), by the opened form normalizing
    gives ("we are"): a rewrite gives back the writer's own, and only those."""
    found: dict[str, str] = {}
    for match in OWN_CONTRACTION.regex.finditer(original.replace("\u2019", "'")):
        word, ending = match.group(1), match.group(2).lower()
        opened = f"{word.lower()} {OPENED_ENDING[ending]}"
        found.setdefault(opened, ("I" if word.lower() == "i" else word.lower()) + "'" + ending)
    return found


def restore_case(words: str, cased: dict[str, str]) -> str:
    """`words` (lower-cased when the message was normalized) with the pronoun 'I', the
    writer's own capitals (`writers_capitals`) and short negations ("didn't") given back."""
    if not words:
        return words

    def back(found: re.Match[str]) -> str:
        word = found.group()
        if word == "i" or word.startswith("i'"):
            return "I" + word[1:]
        return cased.get(word, word)

    def short(found: re.Match[str]) -> str:
        verb = found.group(1)
        return SHORT_NOT.get(verb, verb + "n't")

    words = WOULD.regex.sub(r"\1'd", NEGATIONS.regex.sub(short, words))
    for opened, written in cased.items():
        if " " in opened and opened in words:  # the writer's own contraction ("we're")
            words = re.sub(rf"\b{opened}\b", written, words)
    return WORD.regex.sub(back, words)


def _common_words(lexicon: Lexicon) -> frozenset[str]:
    """Words the coach knows as plain English (function words, its lexicon, listed verbs):
    a capital on one of these at the start of a sentence is no name."""
    known = _COMMON.get(id(lexicon))
    if known is None:
        words = set(lexicon.stopwords.get("en", ())) | set(lexicon.valence) | set(lexicon.faux)
        for entries in lexicon.classes.values():
            words.update(entry for entry in entries if " " not in entry)
        forms = verb_forms()
        known = frozenset(words | set(forms.past) | set(forms.base))
        _COMMON.clear()
        _COMMON[id(lexicon)] = known
    return known


_COMMON: dict[int, frozenset[str]] = {}


def _first_word(word: str, common: frozenset[str]) -> str:
    """The first word of a sentence said back inside another: lower case, unless it reads as a
    name ('Sam broke up with me')."""
    lower = word.lower()
    plain = lower.split("'")[0].split("\u2019")[0]
    adverb = len(plain) > 6 and plain.endswith("ly")  # "Finally ...", but "Lily ..."
    if word[:1].isupper() and word[1:].islower() and plain not in common and not adverb and (
        not plain.endswith(("ing", "ed"))
    ):
        return word
    return lower


def reflect(context: str | None, lexicon: Lexicon | None = None) -> str:
    """The other's message said back from the listener's side ('my' -> 'your'), or '': its
    first sentence, with the writer's numbers, commas and capitals kept."""
    if not context:
        return ""
    first = FIRST_SENTENCE.regex.match(context.strip())
    if first and first.group().endswith("?"):
        return ""  # a question is answered, not said back as if it were news
    tokens = CONTEXT_WORDS.findall(first.group() if first else context)
    while tokens and tokens[0] == ",":
        tokens.pop(0)
    tokens = tokens[:16]
    while tokens and tokens[-1] == ",":
        tokens.pop()
    if not tokens:
        return ""
    lower = [token.lower().replace("\u2019", "'") for token in tokens]
    turned = said_back_words(lower)
    common = _common_words(lexicon) if lexicon is not None else frozenset()
    out = []
    for number, (token, low, new) in enumerate(zip(tokens, lower, turned, strict=True)):
        if new != low:
            out.append(new)
        elif number == 0 and low != "i":
            out.append(_first_word(token, common))
        else:
            out.append("I" if low == "i" else token)
    return "So " + " ".join(out).replace(" ,", ",") + ". "


def complaint_suggestions(
    flags: set[str], sentences: dict[str, str], context: str | None, lexicon: Lexicon,
    faux_word: str | None, original: str = "",
) -> list[str]:
    """Suggestions for each corrective flag, reusing the words of the sentence that raised it
    (`original`, the message as written, gives back the capitals normalizing took away)."""
    cased = writers_capitals(original) | writers_contractions(original)
    out: list[str] = []
    for flag in ORDER:
        if flag in flags:
            out.append(_suggestion(flag, flags, sentences, context, lexicon, faux_word,
                                   (original, cased)))
    return out


def _suggestion(
    flag: str, flags: set[str], sentences: dict[str, str], context: str | None,
    lexicon: Lexicon, faux_word: str | None, written: tuple[str, dict[str, str]],
) -> str:
    original, cased = written
    templates = load_templates()
    sentence = sentences.get(flag, "")
    moment, told, bare = _moment(flag, sentence, lexicon, cased)
    topic = _topic(moment.words, templates)
    if bare and topic is not templates.topics["*"]:
        moment = moment._replace(ask="")  # not "Would you be willing to help?": the topic's ask
    if topic is templates.topics["*"] and (not told or flag == "contempt"):
        # a judgement ("you're so lazy"): the kind of moment it points to; a jab: its moment
        jab = flag == "contempt" or sentences.get("contempt") == sentence
        topic = judged(sentence, jab=jab) or topic
    values = {"moment": told or topic.moment, "feelings": topic.feelings, "need": topic.need,
              "request": restore_case(moment.ask, cased) or topic.request,
              "reflect": reflect(context, lexicon), "word": _absolute_word(sentence)}
    key = flag
    if flag == "absolute" and told:
        key, values["moment"] = "absolute_moment", told
    elif flag == "absolute" and (wish := longing(sentence)):  # "we never go out anymore"
        key, values["missed"], values["request"] = "absolute_wish", wish.missed, wish.ask
    elif flag == "contempt" and "blame" in flags and sentences.get("blame") == sentence:
        key = "contempt_after_blame"
    elif flag == "contempt":  # sarcasm praises what hurt ("you finally did the dishes"):
        values["moment"] = topic.moment  # its words told back would praise it again
    elif flag == "demand":
        ask = asked_in(sentence, original, lexicon, templates.put_downs)
        if ask.startswith(NOT):  # an order not to do something: asked as one
            key, ask = "demand_not", ask[len(NOT):]
        if ask:
            asked = _topic(ask, templates)
            values.update(request=restore_case(ask, cased), need=asked.need)
        else:
            values["request"] = topic.request
    elif flag == "faux_feeling":
        key = _faux_feeling(sentence, (lexicon, faux_word, cased), templates, values)
    return templates.rewrite[key].format(**values)


def _faux_feeling(
    sentence: str, read: tuple[Lexicon, str | None, dict[str, str]], templates: Templates,
    values: dict[str, str],
) -> str:
    """The template of a faux feeling's rewrite, with `values` filled for it: the feelings under
    the word ("I feel ignored"); else the topic of a thought told as a feeling ("I feel like you
    don't respect me"); else the clause with slots to fill."""
    lexicon, faux_word, cased = read
    parts = feeling_parts(sentence, lexicon, faux_word)
    values["feel"] = "feel"
    if parts:
        parts["after"] = restore_case(parts["after"], cased)
        values.update(parts)
        return "faux_feeling"
    said = FEEL_THOUGHT.regex.split(sentence, 1)[-1]
    # "you only text me when you need something" is about why, not about texting: no topic
    thought = _topic(said, templates) if " only " not in f" {said} " else templates.topics["*"]
    if thought is templates.topics["*"]:
        return "faux_feeling_clause"
    values.update(moment=thought.moment, feelings=thought.feelings, need=thought.need,
                  request=thought.request)
    return "faux_feeling_thought"


def _moment(
    flag: str, sentence: str, lexicon: Lexicon, cased: dict[str, str]
) -> tuple[Moment, str, bool]:
    """The moment of `sentence` in the person's words, it told as the rewrite says it ('' when
    none), and whether its ask is one bare word ("help", which a topic's ask replaces): the
    moment of `own_moment`, or of the shapes of `causes.py` ("because of you we're late" ->
    "we were late"); sarcasm's moment (contempt) is never told back."""
    moment = own_moment(sentence, lexicon)
    told = restore_case(f"you {moment.past}", cased) if moment.past else ""
    again = retold(sentence, lexicon, moment) if flag != "contempt" else None
    if again is None:
        return moment, told, False
    moment = moment._replace(ask=again.ask, words=again.words)
    told = restore_case(again.moment, cased) if again.moment else ""
    return moment, told, bool(again.ask) and " " not in again.ask


def _absolute_word(sentence: str) -> str:
    found = ABSOLUTE_WORD.search(sentence)
    return found.group() if found else "always/never"


def unsupported_language() -> str:
    """The one suggestion for a message in a language the coach cannot read yet."""
    return load_templates().unsupported
