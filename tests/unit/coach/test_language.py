"""The language guesser: English in its creoles, pidgins and chat spellings is English, and
messages in other languages are still recognised as not English.

A word that several languages share ("mi" is Spanish and Italian "my", and Jamaican "me, my,
I"; "die" is German "the" and English "die") must not decide alone: the English words around
it count as well."""

from __future__ import annotations

import pytest

from tending.coach import analyze

ENGLISH = [
    # Jamaican English (Patwa)
    "mi did tell yuh fi call mi",
    "mi tired bad, di pickney dem keep mi up all night",
    "mi cyaan tek it nuh more, him always a shout pon mi",
    "yuh know seh mi love yuh, come fi dinner tonight",
    "Mi deh a work, mi call yuh later 😊",
    # Nigerian Pidgin, Singapore English
    "abeg make you call me when you reach",
    "I dey miss you well well",
    "can lah, see you at six",
    # English that holds a word another language uses as a function word
    "I could die of embarrassment",
    "the van broke down again",
    "three times per week is too much",
    "I bin waiting all day for you",
]

OTHER = [
    ("Te quiero mucho, mi amor", "es"),
    ("Mi amor, te extraño", "es"),
    ("No me gusta cuando me gritas", "es"),
    ("Por favor llámame cuando llegues a casa", "es"),
    ("gracias", "es"),
    ("te amo", "es"),
    ("Estou com saudades de você", "pt"),
    ("Eu não aguento mais", "pt"),
    ("Tu me manques, mon amour", "fr"),
    ("On se voit demain ?", "fr"),
    ("merci", "fr"),
    ("Ti voglio bene", "it"),
    ("Mi manchi tanto amore mio", "it"),
    ("Kannst du mich bitte anrufen?", "de"),
    ("Die Kinder sind heute so müde", "de"),
    ("Ik hou van je", "nl"),
    ("Jag älskar dig", "sv"),
    ("Aku sayang kamu", "id"),
    ("Mahal kita palagi", "tl"),
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_varieties_are_english(text: str) -> None:
    assert analyze(text).language == "en"


@pytest.mark.parametrize(("text", "code"), OTHER)
def test_other_languages_are_told_apart(text: str, code: str) -> None:
    result = analyze(text)
    assert result.language != "en", code
    assert result.flags == ()


def test_patwa_is_read_for_flags() -> None:
    # the coach reads it as it reads any English: the danger is found
    assert "safety" in analyze("him lock mi inna di house and tek mi phone, mi fraid").flags


def test_patwa_spellings_read_as_their_plain_words() -> None:
    # "yuh", "neva", "pon", "tek": spellings whose plain word is certain
    assert set(analyze("yuh neva listen to mi").flags) >= {"absolute", "blame"}
    assert analyze("yuh always a shout pon mi").tone == "corrective"
    assert "safety" in analyze("him tek mi phone an lock mi inna di room").flags


def test_the_c_guess_is_the_python_guess_and_the_plain_path() -> None:
    """`_normalize.Guess` (the C build's `guess`) answers as the Python `guess` and as
    `guess_reference`, for texts met first and then with their tokens kept (in C by their
    characters: 1-, 2- and 4-byte texts, long tokens never kept); a token whose reading the
    table does not keep is asked for again."""
    from tending.coach.language import Guess, LanguageGuesser
    from tending.coach.lexicon import load_lexicon
    from tending.coach.normalize import Normalizer

    if Guess is None:
        pytest.skip("the C build is not here")
    lexicon = load_lexicon()
    built, python = LanguageGuesser(lexicon), LanguageGuesser(lexicon, compiled=False)
    assert built.compiled and not python.compiled and isinstance(built.guess, Guess)
    normalizer = Normalizer(lexicon, ["so"], compiled=False)
    texts = [text for text, _ in OTHER] + ENGLISH + ["ok 😂", "per favore 🙏", "\u3000mi\xa0amor"]
    texts += ["café ok", "你好 ok", "привет мир", "😂" * 50 + " la", "x\x1cque", "la 😂 " * 3, ""]
    for _ in range(2):
        for text in texts:
            words = normalizer.normalize(text).words
            plain = built.guess_reference(text, words)
            assert built.guess(text, words) == python.guess(text, words) == plain, text
    asked: list[str] = []

    class Telling(dict[str, bool]):
        def __missing__(self, token: str) -> bool:
            asked.append(token)
            return token == "la"

    guess = Guess(Telling(), lambda text, words: "reference")
    assert [guess("a 😂 b", frozenset()) for _ in range(2)] == ["en", "en"]
    assert guess("x la 😂", frozenset()) == "reference" and guess("ok", frozenset()) == "reference"
    assert asked == ["a", "😂", "b", "a", "😂", "b", "x", "la"]
    with pytest.raises(TypeError):
        guess(b"a", frozenset())  # type: ignore[arg-type]
