"""The word clauses `literals.required_words` reads, and what `choosing.Chooser` checks of them.

A clause is a set of words one of which every text an expression matches holds. These tests
hold the clauses to that on made-up expressions and the texts they match (hypothesis), and
check that the readings which make the engine's checks tight come out: a cheap cover of the
strings an optional part or a branch multiplies out (`covers`), word edges pinned by `^` or
`\\b` inside a branch and by a look-behind at punctuation, the words a look-ahead needs.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach.choosing import Chooser, Ranks
from tending.coach.covers import covers
from tending.coach.literals import Clause, common_cost, required_words
from tending.coach.stems import stems_reference

COMMON = frozenset({"a", "an", "am", "are", "do", "i", "me", "so", "the", "to", "what", "you"})
COST = common_cost(COMMON)


def clauses(source: str) -> list[Clause]:
    found = required_words(source, COST)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("source", "clause"),
    [
        # an optional word and a branch multiplied out: two rare words hold every string
        (r"\byou (?:always )?(?:know how to|know (?:just )?what to (?:say|do)|make me "
         r"(?:laugh|smile|feel (?:loved|safe)))\b", {"know", "make"}),
        # one word of three ("never" holds only some of the strings: left out)
        (r"\b(?:i )?(?:have not|never|will never|did not) forg(?:otten|et|ot) you\b",
         {"forget", "forgot", "forgotten"}),
        # the start of the text inside a branch pins the left edge of the words after it
        (r"(?:^(?:(?:hey|ok)[ ,]+)*|[.!?] )(?:really )*(?:need|could use|am craving) rest\b",
         {"need", "could", "craving"}),
        (r"(?:,|^) ?(?:you )?(?:idiot|a pig)\b", {"idiot", "pig"}),
        # a look-behind at punctuation pins the left edge
        (r"(?<=[.!?,])\s*(?:\w+ ){0,2}(?:pizza|a film) tonight\?", {"pizza", "film"}),
        # a run of letters: its short forms as words, the longer by their stem
        (r"\bxx+\b", {"xx", "xxx", "xxxx", "xxxx*"}),
        (r"^aw+ (?:love|babe)[,.!]", {"aw", "aww", "awww", "awww*"}),
        # a look-ahead's words are needed too
        (r"^(?:what|how) (?:is|was)\b(?=[^.!?]*\b(?:you|your)\b)", {"you", "your"}),
    ],
)  # fmt: skip
def test_the_cheap_clause_is_read(source: str, clause: set[str]) -> None:
    assert frozenset(clause) in clauses(source)


@pytest.mark.parametrize(
    "source",
    [
        r"(?<![a-z])(?:sad|mad)\b",  # the class leaves "_" before: not a word edge
        r"(?:,|x)(?:sad|mad)\b",  # "x" before: "xsad" is one word
        r"\b(?:sad|mad)(?=s|,)",  # the look-ahead lets the word go on: "sads"
        r"(?=\w)(?:sad|mad)\b",  # a look-ahead at a word character pins nothing
        r"(?:^|a)(?:sad|mad)\b",
        r"\bx+(?:sad|mad)\b",  # after a run of letters: "xxsad" is one word
        r"\b(?:sad|mad)o+\b",  # a run of letters after: "sadoo" is one word
        r"(?:,|\s*)(?:sad|mad)\b",  # a branch that may be empty: what is before decides
        r"(?:^|x*)(?:sad|mad)\b",
        r"\b(?:sad|mad)(?:,|(?: x)*)",
    ],
)
def test_an_edge_not_pinned_is_not_read_as_one(source: str) -> None:
    assert frozenset({"sad", "mad"}) not in clauses(source)


def test_a_cover_holds_a_word_of_every_string_and_drops_the_needless() -> None:
    strings = [["always", "know", "how"], ["know", "what"], ["make", "laugh"], ["always", "make"]]
    found = covers(strings, COST)
    assert found[0] == {"know", "make"}
    for clause in found:
        assert all(clause & set(words) for words in strings)
    assert len(found) == len(set(found))


def test_the_chooser_checks_no_clause_another_check_meets() -> None:
    choose = Chooser(((frozenset({"you"}),),), Ranks(COMMON))
    found = [frozenset(words.split()) for words in ("know make", "me", "know make so", "me smile",
             "always never to", "always never so to", "laugh so you")]  # fmt: skip
    key, _, need, several, _ = choose(found)
    assert key == {"know", "make"}
    assert need == {"me", "you"}  # (the trigger: one word)
    # {know make so} holds every key word, {me smile} and {laugh so you} a needed word, and
    # {always never so to} every word of a clause checked before it: met whenever those are
    assert several == (frozenset({"always", "never", "to"}),)


# -- made-up expressions and the texts they match ---------------------------------------------
WORDS = ["you", "know", "make", "me", "so", "sad", "always", "a", "idiot", "need", "to"]


@st.composite
def expression(draw: st.DrawFn, depth: int = 0) -> tuple[str, st.SearchStrategy[str]]:
    """A small expression of words, spaces, optional parts, branches and edges, and a strategy
    for the texts its matches can be."""
    kinds = ["word"] * 4 + ["alt", "alt", "seq", "opt", "rep", "edge", "sep", "run"]
    leaves = ["word", "sep", "run"]
    kind = "seq" if depth == 0 else draw(st.sampled_from(kinds if depth < 3 else leaves))
    if kind == "word":  # (mostly with a space after it, as the patterns write words)
        word = draw(st.sampled_from(WORDS)) + draw(st.sampled_from([" ", " ", " ", ""]))
        return re.escape(word), st.just(word)
    if kind == "run":  # a letter repeated: "so+ ", "x{2,}", "lo+l"
        head, letter, low, tail = draw(st.sampled_from(
            [("s", "o", 1, " "), ("", "x", 2, ""), ("l", "o", 1, "l"), ("aw", "w", 0, " ")]))
        texts = st.integers(low, 7).map(lambda n: head + letter * n + tail)
        return f"{head}{letter}{{{low},}}{re.escape(tail)}", texts
    if kind == "sep":
        sep = draw(st.sampled_from([" ", ",", ". ", "[ ,]+", r"\s*"]))
        texts = {" ": [" "], ",": [","], ". ": [". "], "[ ,]+": [" ", ", ", ","],
                 r"\s*": ["", " "]}[sep]  # fmt: skip
        return sep, st.sampled_from(texts)
    if kind == "edge":
        return r"\b", st.just("")
    parts = [draw(expression(depth + 1)) for _ in range(draw(st.integers(1 + (depth == 0), 3)))]
    if kind == "seq":
        joined = st.tuples(*[texts for _, texts in parts]).map("".join)
        return "".join(source for source, _ in parts), joined
    if kind == "alt":
        return ("(?:" + "|".join(source for source, _ in parts) + ")",
                st.one_of(*[texts for _, texts in parts]))  # fmt: skip
    source, texts = parts[0]
    if kind == "rep":
        return f"(?:{source})*", st.lists(texts, max_size=3).map("".join)
    return f"(?:{source})?", st.one_of(st.just(""), texts)


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_every_text_an_expression_matches_holds_a_word_of_each_clause(data: st.DataObject) -> None:
    source, texts = data.draw(expression())
    source = data.draw(st.sampled_from(["", "^", r"\b", "(?<=[.!?])", "x"])) + source
    before, after = data.draw(st.sampled_from(["", "a ", ". ", "x", "you"])), data.draw(
        st.sampled_from(["", " so", "s", ".", "idiot"]))  # fmt: skip
    text = before + data.draw(texts) + after
    if re.search(source, text) is None:
        return
    words = stems_reference(frozenset(re.findall(r"[a-z_]+", text)))
    for clause in clauses(source):
        assert clause & words, (source, text, clause)
