"""Suggestions: concrete rewrites that reuse the person's own words, from templates in data."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from tending.coach.data_files import read_data_text, toml_document, tsv_rows
from tending.coach.lazy import LazyRegex
from tending.coach.lexicon import Lexicon
from tending.coach.rewording import in_base, in_past, is_verb, said_back_words, verb_forms
from tending.domain.errors import FormatProblem

ORDER = (
    "blame", "absolute", "contempt", "demand", "faux_feeling", "defensiveness",
    "stonewalling", "past_grievance", "people_pleasing", "minimizing", "fixing",
)
TEMPLATE_KEYS = frozenset(ORDER) | {
    "faux_feeling_clause", "absolute_moment", "contempt_after_blame",
}
COMPLAINT = LazyRegex(
    r"\byou (?:(?:just|really|literally|even|ever|seriously|still|actually|honestly|also) )*"
    r"(?P<how>never|always|constantly|keep|do not|did not|can not|will not|would not|have not|"
    r"has not|are always|are constantly|are forever|are never|refuse to)? ?(?:(?:even|ever|once|"
    r"bother to|seem to|just|really|still|actually) )*(?P<rest>[a-z' ]{2,60})"
)
NOT_DONE = frozenset({"never", "do not", "did not", "can not", "will not", "would not", "have not",
                      "has not", "refuse to"})
# an order whose verb follows a modal ("you need to call me"): any word there is a verb
DEMAND = LazyRegex(
    r"\b(?:you (?:(?:just|really) )*(?:have to|need to|must|had better|would better|better|"
    r"have got to|got to|will|are going to|are gonna)|either you|i (?:just |really )?"
    r"(?:need|want) you to) (?P<rest>[a-z' ]{2,60})"
)
# an order told as already settled ("you are coming to the dinner"): a listed verb only
SETTLED = LazyRegex(r"\byou are (?P<rest>[a-z]+ing\b[a-z' ]{0,60})")
# an order said as a plain verb at the start of a sentence ("clean this mess up"): listed only
ORDER_OPENING = LazyRegex(r"^(?:(?:oh|now|just|so|well|ok|okay|please|honestly|seriously),? )*"
                          r"(?P<rest>[a-z][a-z' ]{1,60})")
# the contractions of a message as written, opened as the coach's normalizing opens them
CONTRACTION = LazyRegex(r"(?:n't|'re|'ll|'m|'d)\b")
OPENED = {"n't": " not", "'re": " are", "'ll": " will", "'m": " am", "'d": " had"}
SENTENCES = LazyRegex(r"[^.!?\n]+")
# what presses an order ("right now", "for once"): left out of the ask that replaces it
PRESSURE = LazyRegex(
    r"\b(?:right now|right away|this (?:instant|minute|second)|immediately|now|asap|for once|"
    r"sharp|already|no excuses|no arguments|period|or else|i mean it)\b"
)
# a generalization that has no place in a single moment ("you forgot everything")
SWEEPING = LazyRegex(
    r"\b(?:always|never|ever|constantly|everything|anything|nothing|every ?(?:single )?time|"
    r"all the time|whatever|every single)\b"
)
CONTEXT_WORDS = LazyRegex(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*|,")
ABSOLUTE_WORD = LazyRegex(
    r"\b(?:every single time|every time|all the time|not (?:even )?once|always|never|"
    r"constantly|forever|nothing|everything|nobody|no one|everyone|anything|anyone|ever|"
    r"all you (?:ever )?do|every(?: single)? [a-z]+)\b",
    re.IGNORECASE,
)
WORD = LazyRegex(r"[A-Za-z][A-Za-z']*")
SENTENCE_START = LazyRegex(r"(?:^|[.!?\n]\s*)$")
FIRST_SENTENCE = LazyRegex(r"^.*?(?:[.!?](?=\s|$)|$)", re.DOTALL)
# words a clipped phrase may not end on ("what you did at Christmas in" -> "... at Christmas")
DANGLING = frozenset({"in", "at", "on", "the", "a", "an", "to", "for", "of", "with", "and", "my",
                      "your", "our", "from", "by", "about", "like", "than", "his", "her", "their",
                      "so", "very", "into", "before", "after", "without", "any", "some"})
# words no phrase ends on, even where the sentence ends ("you never listen to my" is cut short)
OPEN_ENDED = frozenset({"the", "a", "an", "my", "your", "our", "their", "so", "very", "and",
                        "than", "any", "some"})
# what "going to" may lead to that is no verb ("you are going to that dinner")
NO_VERB = OPEN_ENDED | {"that", "this", "his", "her", "to", "be"} - {"and"}
# a "you" after these is inside a clause about something ("what you did"), not the complaint
CLAUSE_BEFORE = ("what ", "which ", "whatever ", "how ")
# a negation before "you" turns what follows round ("not once have you thanked me")
NEGATED_BEFORE = LazyRegex(r"\b(?:not|never|no|nobody|nothing)\b[^,;]*$")
# a "you" after these is the object ("because of you", "look at you"), not the one acting
OBJECT_BEFORE = frozenset({"of", "to", "at", "with", "for", "about", "like", "than", "are", "were",
                           "remind", "trust", "thanks"})
STOP_AT = LazyRegex(
    r"\b(?:and|but|because|so|or|when|if|then|end|again|anymore|any more|at all|whatsoever|"
    r"whether|unless)\b"
)
NEGATIONS = LazyRegex(
    r"\b(do|does|did|is|are|was|were|have|has|had|could|would|should|can|will) not\b"
)
SHORT_NOT = {"can": "can't", "will": "won't"}
FEEL_WORD = LazyRegex(
    r"\b(?P<feel>feel|feels|felt|feeling) (?:(?:so|really|very|quite|totally|completely|pretty|"
    r"just|kind of|kinda|a bit|a little) )*(?P<word>[a-z]+)(?P<after>(?: [a-z']+){0,12})"
)
FEEL_LIKE = LazyRegex(r"\b(?:feel|feels|felt|feeling) (?:like|that|as if|as though)\b")
# a feeling said with the person's own "when ..." keeps their words after it
FEELING_AFTER = ("when", "whenever", "that", "around", "at", "in", "after")
MAX_WORDS = 12


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
    return Templates(rewrite, unsupported, topics, tuple(put_downs))


def _clip(words: str, whole: bool = False) -> str:
    """The person's words up to where the complaint turns ('and', 'because', 'again'), at most
    MAX_WORDS of them, ending on a whole phrase rather than a dangling word. `whole` says the
    words ran to the end of their sentence: a last 'about' there ends the phrase ('moan about')
    and stays, unless the words were cut."""
    words = words.strip(" '")
    stop = STOP_AT.search(words)
    if stop and stop.start() > 0:
        words, whole = words[: stop.start()], False
    split = words.split()
    kept = split[:MAX_WORDS]
    if len(split) > MAX_WORDS:  # cut short: end before the last phrase, which may be half told
        last = max((n for n, word in enumerate(kept) if word in DANGLING and n > 1), default=0)
        kept, whole = kept[:last] if last else kept, False
    while kept and kept[-1] in (OPEN_ENDED if whole else DANGLING):
        kept.pop()
    return " ".join(kept)


def _topic(words: str, templates: Templates) -> Topic:
    words = SWEEPING.regex.sub(" ", words.partition(" without ")[0])
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

    return WORD.regex.sub(back, NEGATIONS.regex.sub(short, words))


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


class Moment(NamedTuple):
    """One complaint retold as a moment, in the person's own words."""

    past: str  # "left your socks on the floor", "didn't tell me" ('' when none is reusable)
    ask: str  # what to ask for instead: "tell me" ('' when the topic's request fits better)
    how: str | None  # the word that made it a rule or a refusal: "never", "will not", ...
    topic: Topic


def _rejected(rest: str, lexicon: Lexicon) -> bool:
    """Whether the words after 'you' cannot be told as a moment: a judgement of who the other
    is ('are so selfish'), an insult, or a rule ('forgot everything')."""
    first = rest.split()[:1]
    if not first or first[0] in ("are", "were", "is", "have", "had", "being", "so", "too", "such"):
        return True
    if rest in ("know", "know that", "know it"):
        return True  # the tag of "..., you know that?"
    traits = set(lexicon.classes.get("trait", ()))
    return bool(set(rest.split()) & traits) or _insulting(rest, lexicon) or (
        SWEEPING.search(rest) is not None
    )


def _object_before(last: list[str]) -> bool:
    """Whether 'you' after these words is the object ('because of you'); after 'feel like'
    it is the one acting ('I feel like you never hear me')."""
    if last[-1] == "like" and last[:-1] and last[0] in ("feel", "feels", "felt", "seems"):
        return False
    return last[-1] in OBJECT_BEFORE


def own_moment(sentence: str, templates: Templates, lexicon: Lexicon) -> Moment:
    """The complaint of `sentence` told as one moment: 'you always leave your socks out' ->
    past 'left your socks out'; empty where the words say who the other is, not what they did."""
    found = COMPLAINT.search(sentence)
    if found:
        before = sentence[: found.start()]
        last = before.split()[-2:]
        if before.endswith(CLAUSE_BEFORE) or (last and _object_before(last)) or (
            NEGATED_BEFORE.search(before)
        ):
            found = None
    whole = found is not None and sentence[found.end() : found.end() + 1] in ("", ".", ",", "!",
                                                                              "?", ";", ":")
    rest = _clip(found.group("rest"), whole) if found else ""
    how = found.group("how") if found else None
    topic = _topic(rest, templates)
    only, rest = ("only ", rest[5:]) if rest.startswith("only ") else ("", rest)
    rest = rest[5:] if only and rest.startswith("ever ") else rest  # "you only ever text me"
    if not rest or _rejected(rest, lexicon):
        return Moment("", "", how, topic)
    if how in ("are always", "are constantly", "are forever", "are never"):
        verb = "weren't" if how == "are never" else "were"
        return Moment(f"{verb} {rest}", "", how, topic)
    if how in NOT_DONE:
        base = in_base(rest)  # "you never told me" -> "you didn't tell me"
        return Moment(f"didn't {base}", base, how, topic) if is_verb(base.split()[0]) else Moment(
            "", "", how, topic
        )
    if how == "keep":
        return Moment(f"kept {rest}", "", how, topic) if rest.split()[0].endswith("ing") else (
            Moment("", "", how, topic)
        )
    past = in_past(rest)  # the moment is told in the past: "you leave" -> "you left"
    if not past or not is_verb(past.split()[0]):
        return Moment("", "", how, topic)
    return Moment(only + past, "", how, topic)


def _ing_to_base(word: str) -> str | None:
    """'coming' -> 'come', 'going' -> 'go', 'stopping' -> 'stop', for listed verbs only."""
    if not word.endswith("ing"):
        return None
    stem = word[:-3]
    listed = verb_forms().past
    for guess in (stem, stem + "e", stem[:-1]):
        if guess in listed:
            return guess
    return None


def demanded(sentence: str, lexicon: Lexicon) -> str:
    """What an order asks for, in its own words ('you need to call me back right now' ->
    'call me back'; 'clean this mess up' -> 'clean this mess up'), or ''."""
    listed = verb_forms().past
    for form in (DEMAND, SETTLED, ORDER_OPENING):
        found = form.search(sentence.strip(" .!?,"))
        words = found.group("rest").split() if found else []
        if words[:1] == ["to"]:  # "you must to call me"
            words = words[1:]
        if words and (base := _ing_to_base(words[0])):  # "you are coming" -> "come"
            words[0] = base
        if not words or words[0] in ("not", "never") or words[1:2] == ["not"]:
            continue  # no order, or one not to do: asked for, it would turn round
        if (form is not DEMAND and words[0] not in listed) or words[0] in NO_VERB - {"be"}:
            continue  # "either she goes", "off that console", "going to that dinner"
        rest = _clip(" ".join(PRESSURE.regex.sub(" ", " ".join(words)).split()))
        if rest and not _rejected_ask(rest, lexicon):
            return rest
    return ""


def _opened(text: str) -> str:
    """`text` lower-cased with its contractions opened ("you're" -> "you are"), as far as
    reading an order in it needs."""
    lower = text.lower().replace("\u2019", "'").replace("won't", "will not")
    lower = lower.replace("can't", "can not")
    return CONTRACTION.regex.sub(lambda found: OPENED[found.group()], lower)


def asked_in(sentence: str, original: str, lexicon: Lexicon) -> str:
    """The ask of the order in `sentence`, else of an order in another sentence of the
    message (`original`): "Be home by ten. I mean it." asks "be home by ten"."""
    ask = demanded(sentence, lexicon)
    for other in SENTENCES.findall(original) if not ask else ():
        ask = demanded(_opened(other), lexicon)
        if ask:
            break
    return ask


def _rejected_ask(rest: str, lexicon: Lexicon) -> bool:
    """Whether an ask would repeat an insult ('stop being such a baby', 'grow up') or a rule."""
    put_downs = load_templates().put_downs
    return _insulting(rest, lexicon) or SWEEPING.search(rest) is not None or any(
        rest == down or rest.startswith(down + " ") for down in put_downs
    )


def _insulting(words: str, lexicon: Lexicon) -> bool:
    padded = f" {words} "
    return any(f" {insult} " in padded for insult in lexicon.classes.get("insult", ()))


def _feeling_parts(sentence: str, lexicon: Lexicon, faux_word: str | None) -> dict[str, str]:
    """The faux feeling of `sentence` ('I feel ignored when ...'), its feelings underneath and
    the person's own 'when ...' after it; {} when it is a thought ('I feel like you ...')."""
    found = FEEL_WORD.search(sentence)
    faux = lexicon.faux.get(found.group("word")) if found else None
    if faux is None and faux_word and not FEEL_LIKE.search(sentence):
        faux = lexicon.faux.get(faux_word)
    if faux is None:
        return {}
    after = ""
    if found and found.group("word") == faux.word:
        words = found.group("after").split()
        if words[:1] and words[0] in FEELING_AFTER and not SWEEPING.search(" ".join(words)):
            after = " " + _clip_after(words)
    under = list(faux.feelings)
    listed = ", ".join(under[:-1]) + f" or {under[-1]}" if len(under) > 1 else under[0]
    felt = "felt" if found and found.group("feel") == "felt" else "feel"  # the writer's tense
    return {"word": faux.word, "under": listed, "first": faux.feelings[0], "need": faux.need,
            "after": after.rstrip(), "feel": felt}


def _clip_after(words: list[str]) -> str:
    kept = words[:MAX_WORDS]
    cut = next((n for n, word in enumerate(kept) if n and word in ("and", "but", "so", "because")),
               len(kept))
    kept = kept[:cut]
    while kept and kept[-1] in DANGLING:
        kept.pop()
    return " ".join(kept) if len(kept) > 1 else ""


def complaint_suggestions(
    flags: set[str], sentences: dict[str, str], context: str | None, lexicon: Lexicon,
    faux_word: str | None, original: str = "",
) -> list[str]:
    """Suggestions for each corrective flag, reusing the words of the sentence that raised it
    (`original`, the message as written, gives back the capitals normalizing took away)."""
    cased = writers_capitals(original)
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
    moment = own_moment(sentence, templates, lexicon)
    topic = moment.topic
    told = restore_case(f"you {moment.past}", cased) if moment.past else ""
    values = {"moment": told or topic.moment, "feelings": topic.feelings, "need": topic.need,
              "request": restore_case(moment.ask, cased) or topic.request,
              "reflect": reflect(context, lexicon), "word": _absolute_word(sentence)}
    key = flag
    if flag == "absolute" and told:
        key, values["moment"] = "absolute_moment", told
    elif flag == "contempt" and "blame" in flags and sentences.get("blame") == sentence:
        key = "contempt_after_blame"
    elif flag == "demand":
        ask = asked_in(sentence, original, lexicon)
        if ask:
            asked = _topic(ask, templates)
            values.update(request=restore_case(ask, cased), need=asked.need)
        else:
            values["request"] = topic.request
    elif flag == "faux_feeling":
        parts = _feeling_parts(sentence, lexicon, faux_word)
        values["feel"] = "feel"
        if not parts:
            key = "faux_feeling_clause"
        else:
            parts["after"] = restore_case(parts["after"], cased)
            values.update(parts)
    return templates.rewrite[key].format(**values)


def _absolute_word(sentence: str) -> str:
    found = ABSOLUTE_WORD.search(sentence)
    return found.group() if found else "always/never"


def unsupported_language() -> str:
    """The one suggestion for a message in a language the coach cannot read yet."""
    return load_templates().unsupported
