/* The depth reader's fast path in C, the same answers as its Python twin in
 * `tending.coach.depth` (which runs where this module is not built), reading the expressions
 * of `tending.coach.depth_expressions`:
 *
 * - `tell`: the sentences' counts (`DepthReader._tell`): each sentence cut out as
 *   `SENTENCES.findall` cuts it and read as `TELLS` (or, when it asks, SELF_SUBJECT and
 *   SELF_START) read it. Those expressions are anchored at the sentence's start and read its
 *   first few words, so here they are written out as word tests: which of their branches
 *   matches is all `_tell` needs (matching `TELLS` was about 1.2 us of a message in `re`).
 * - `name_start`: does NAME_START match the text (as `re.match`)?
 * - `says_you`: does YOU (`\b(?:you|your|u)\b`) find something in the text?
 * - `marks`: the marks a mixture weighs (PROUD_OF, WANT, ATTACHED, MISSING), found as their
 *   expressions' finditer finds them (the weighing's `re` scans, most of its cost).
 * - `Reader`: `DepthReader.depth` and the front of `complex_span` with those, and with the
 *   `re` searches (INNER_CUES, SPLIT_SELF) it is given, each searched only where the message's
 *   words meet every clause of one of its alternatives (`depth.clause_gate`: the clauses are
 *   bits, a message's words are looked up once by the hashes its set holds); no weighing of
 *   feelings where no joiner is written (`depth_expressions.JOINER_WORDS`). What is left (the
 *   plain paths, the weighing) is handed back to the Python it is given, and the weighing is
 *   given `Reader.feelings`: the feeling words found as
 *   `depth_expressions.feeling_words_expression` finds them (about 2 us of `re` on a ten-word
 *   message), by a look-up at each word start.
 *
 * How the expressions are read as word tests: each of them is an existence question over a
 * prefix of the sentence (`re.match`: is there some way to match?), so every branch, every
 * optional part and every count of lead words ("so", "and then", ...) is tried, and the
 * first group of TELLS that matches in any way is the answer, as `re` tries its groups in
 * order. `\w`, `\s` and `\b` are Unicode's (Py_UNICODE_ISALNUM or "_", Py_UNICODE_ISSPACE),
 * `[a-z]` is ASCII; a sentence's end is the end of the string its expressions see.
 * tests/unit/coach/test_depth_c.py holds every function to its expression on many texts made
 * from the expressions' own words.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* One string read between `start` and `end` (its end is the end of the string). */
typedef struct {
    int kind;
    const void *data;
    Py_ssize_t end;
} Text;

#define NONE_CHAR ((Py_UCS4)0xFFFFFFFF)

static inline Py_UCS4 at(const Text *t, Py_ssize_t i) {
    return i < t->end ? PyUnicode_READ(t->kind, t->data, i) : NONE_CHAR;
}

static inline int is_word(Py_UCS4 c) {
    if (c == NONE_CHAR) return 0;
    if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_';
    return Py_UNICODE_ISALNUM(c) || c == '_';
}

static inline int is_space(Py_UCS4 c) { return c != NONE_CHAR && Py_UNICODE_ISSPACE(c); }

static inline int word_at(const Text *t, Py_ssize_t i) { return is_word(at(t, i)); }

/* The end of the literal `w` at `p`, or -1 (`lit`, past its first character). */
static Py_ssize_t lit_on(const Text *t, Py_ssize_t p, const char *w) {
    if (t->kind == PyUnicode_1BYTE_KIND) { /* (most texts) */
        const Py_UCS1 *data = (const Py_UCS1 *)t->data;
        for (; *w; w++, p++) {
            if (p >= t->end || data[p] != (unsigned char)*w) return -1;
        }
        return p;
    }
    for (; *w; w++, p++) {
        if (at(t, p) != (Py_UCS4)(unsigned char)*w) return -1;
    }
    return p;
}

/* The end of the literal `w` at `p`, or -1: its first character compared where it is called
 * (most literals tried differ there; the words a body may start with are tried in a row). */
static inline Py_ssize_t lit(const Text *t, Py_ssize_t p, const char *w) {
    if (w[0] == '\0') return p;
    if (at(t, p) != (Py_UCS4)(unsigned char)w[0]) return -1;
    return lit_on(t, p, w);
}

/* `w\b` at `p` (every `w` here ends with a letter). */
static inline int lit_b(const Text *t, Py_ssize_t p, const char *w) {
    Py_ssize_t q = lit(t, p, w);
    return q >= 0 && !word_at(t, q);
}

/* A list of words (NULL-terminated), and where those of each first letter are in `by_first`
 * (`index_words`, when the module is loaded). */
typedef struct {
    const char *const *words;
    const char **by_first;
    unsigned char from[128], to[128];
} Words;

static int index_words(Words *list) {
    Py_ssize_t n = 0, used = 0;
    while (list->words[n]) n++;
    list->by_first = PyMem_Malloc(sizeof(const char *) * (size_t)(n ? n : 1));
    if (list->by_first == NULL || n > 255) return -1;
    for (int c = 0; c < 128; c++) {
        list->from[c] = (unsigned char)used;
        for (Py_ssize_t i = 0; i < n; i++) {
            if ((unsigned char)list->words[i][0] == c) list->by_first[used++] = list->words[i];
        }
        list->to[c] = (unsigned char)used;
    }
    return used == n ? 0 : -1; /* (every word starts with an ASCII character) */
}

/* Is one of `list`'s words, followed by `\b`, at `p`? */
static int one_of_b(const Text *t, Py_ssize_t p, const Words *list) {
    Py_UCS4 first = at(t, p);
    if (first >= 128) return 0;
    for (int i = list->from[first]; i < list->to[first]; i++) {
        if (lit_b(t, p, list->by_first[i])) return 1;
    }
    return 0;
}

static Py_ssize_t word_end(const Text *t, Py_ssize_t p) {
    while (word_at(t, p)) p++;
    return p;
}

static Py_ssize_t letters_end(const Text *t, Py_ssize_t p) { /* [a-z]* */
    Py_UCS4 c;
    while ((c = at(t, p)) >= 'a' && c <= 'z') p++;
    return p;
}

static Py_ssize_t spaces_end(const Text *t, Py_ssize_t p) {
    while (is_space(at(t, p))) p++;
    return p;
}

/* Are the characters from `q` to `r` one of `words`? */
static int run_in(const Text *t, Py_ssize_t q, Py_ssize_t r, const char *const *words) {
    for (; *words; words++) {
        if ((Py_ssize_t)strlen(*words) == r - q && lit(t, q, *words) == r) return 1;
    }
    return 0;
}

/* `(?!(?:excluded)\b)[a-z]+<ending>\b` at `q` (`excluded` may be NULL). */
static int ending_word(const Text *t, Py_ssize_t q, const char *ending,
                       const char *const *excluded) {
    Py_ssize_t r = letters_end(t, q), n = (Py_ssize_t)strlen(ending);
    if (r - q < n + 1 || word_at(t, r) || lit(t, r - n, ending) != r) return 0;
    return excluded == NULL || !run_in(t, q, r, excluded);
}

/* ---- the words of depth_expressions.py's expressions ---- */

static const char *const LEAD_WORDS[] = {
    "so", "and", "but", "then", "today", "yesterday", "tonight", "well", "also", "apparently",
    "anyway", "ok", "okay", "earlier", "finally", "just", NULL};
static const char *const QUESTION_LEAD_WORDS[] = {
    "so", "and", "but", "hey", "okay", "ok", "well", "also", "oh", NULL};
static const char *const NAME_LEAD_WORDS[] = {
    "So", "so", "And", "and", "But", "but", "Apparently", "apparently", "Well", "well", "Oh",
    "oh", NULL};
static const char *const PAST_EXCLUDED[] = {
    "need", "feed", "speed", "seed", "bleed", "breed", "proceed", "succeed", "exceed", "indeed",
    "bed", "red", "shed", "wed", NULL};
static const char *const PAST_WORDS[] = {
    "went", "got", "had", "did", "made", "saw", "took", "came", "ran", "bought", "ate", "met",
    "left", "found", "told", "said", "was", "were", "have been", "spent", "drove", "gave",
    "wrote", "read", "fell", "sat", "slept", "woke", "brought", "caught", "began", "won",
    "lost", "paid", "sent", "put", "heard", "kept", "thought", "knew", "forgot", "finished",
    "picked", "broke", "stole", "rang", "flew", "grew", "threw", "wore", "sold", "dropped",
    "landed", "booked", "tried", "cooked", "cleaned", "spoke", "talked", "ended up", "managed",
    NULL};
static const char *const AM_EXCLUDED[] = {"going", "leaving", "coming", "heading", NULL};
static const char *const SELF_ADVERBS[] = {"just ", "finally ", "also ", "then ", NULL};
static const char *const OFTEN[] = {
    "always", "usually", "often", "sometimes", "never", "normally", NULL};
static const char *const MY_THINGS[] = {
    "day", "week", "morning", "shift", "work", "job", "car", "phone", "plan", "train", "flight",
    "meeting", "run", "evening", NULL};
static const char *const SHORT_EXCLUDED[] = {"need", "feed", "speed", NULL};
static const char *const DONE_WORDS[] = {
    "went", "got", "had", "made", "took", "spent", "drove", "finished", NULL};
static const char *const QUESTION_WORDS[] = {
    "what", "how", "why", "when", "where", "who", "which", "do", "does", "did", "can", "could",
    "would", "will", "shall", "should", "is", "are", "was", "were", "may", "might", "have",
    "has", "want", "wanna", "am", NULL};
static const char *const YOU_ADVERBS[] = {"just ", "never ", "always ", NULL};
static const char *const RELATIVES[] = {
    "dad", "mum", "mom", "mother", "father", "grandma", "grandpa", "granny", "nan", "sister",
    "brother", "boss", "friend", "neighbor", "neighbour", "plumber", "doctor", "teacher", "kid",
    "kids", "son", "daughter", "aunt", "uncle", "cousin", "colleague", "coworker", "partner",
    "husband", "wife", "boyfriend", "girlfriend", "ex", "landlord", "mechanic", "nurse", "baby",
    "team", "manager", "parents", "family", "in-laws", "vet", "dentist", "therapist", "coach",
    "roommate", "flatmate", NULL};
static const char *const OWNERS[] = {
    "my ", "your ", "his ", "her ", "our ", "their ", "the ", NULL};
static const char *const PRONOUNS[] = {"he ", "she ", "they ", NULL};
static const char *const THING_OWNERS[] = {"the ", "our ", "my ", NULL};
static const char *const NOT_NAMES[] = {
    "What", "Where", "When", "How", "Who", "Why", "Which", "It", "This", "That", "There",
    "Here", "Today", "Everything", "Nothing", "Someone", "Something", "The", "A", "An", "Last",
    "Just", "So", "And", "But", "Is", "Are", "Was", "Do", "Did", "Can", "Could", "Would",
    "Will", "Should", "May", "Please", "Thanks", "Thank", "Sorry", "Maybe", "Also", "Tomorrow",
    "Tonight", "Yesterday", "Dinner", "Lunch", "Breakfast", "Coffee", "Look", "Guess", "Let",
    "Hey", "Hi", "Hello", "Good", "Happy", "Love", "Miss", "Well", NULL};
static const char *const NAME_VERBS[] = {
    "said", "told", "called", "is", "was", "has", "had", "went", "came", "says", "thinks",
    "wants", "can", "will", "did", "does", "got", "started", "lands", "arrives", "left",
    "asked", "texted", "sent", "flight", "mum", "mom", "dad", NULL};

static Words PAST_WORDS_LIST = {PAST_WORDS, NULL, {0}, {0}};
static Words DONE_WORDS_LIST = {DONE_WORDS, NULL, {0}, {0}};
static Words MY_THINGS_LIST = {MY_THINGS, NULL, {0}, {0}};
static Words QUESTION_WORDS_LIST = {QUESTION_WORDS, NULL, {0}, {0}};
static Words RELATIVES_LIST = {RELATIVES, NULL, {0}, {0}};
static Words NOT_NAMES_LIST = {NOT_NAMES, NULL, {0}, {0}};
static Words NAME_VERBS_LIST = {NAME_VERBS, NULL, {0}, {0}};
static Words *const WORD_LISTS[] = {&PAST_WORDS_LIST, &DONE_WORDS_LIST, &MY_THINGS_LIST, &QUESTION_WORDS_LIST, &RELATIVES_LIST, &NOT_NAMES_LIST, &NAME_VERBS_LIST};

/* ---- the lead words: `^\s*(?:(?:word),?\s+)*` ---- */

/* `,?\s+` at `q`: where it ends (all the spaces: nothing after a lead starts with one), or -1 */
static Py_ssize_t comma_spaces(const Text *t, Py_ssize_t q) {
    if (at(t, q) == ',') q++;
    if (!is_space(at(t, q))) return -1;
    return spaces_end(t, q);
}

enum Lead { LEAD, QUESTION_LEAD, NAME_LEAD };

/* The first characters of each kind's lead words ("this ..." and "last ..." of LEAD too), a
 * bit each of two words (`index_leads`, when the module is loaded). */
static uint64_t LEAD_FIRSTS[3][2];

static void mark_firsts(uint64_t *firsts, const char *const *words) {
    for (; *words; words++) {
        unsigned char c = (unsigned char)(*words)[0];
        firsts[c >> 6 & 1] |= (uint64_t)1 << (c & 63);
    }
}

static void index_leads(void) {
    static const char *const MORE[] = {"this", "last", NULL};
    memset(LEAD_FIRSTS, 0, sizeof LEAD_FIRSTS);
    mark_firsts(LEAD_FIRSTS[LEAD], LEAD_WORDS);
    mark_firsts(LEAD_FIRSTS[LEAD], MORE);
    mark_firsts(LEAD_FIRSTS[QUESTION_LEAD], QUESTION_LEAD_WORDS);
    mark_firsts(LEAD_FIRSTS[NAME_LEAD], NAME_LEAD_WORDS);
}

/* The end of one lead word (with its comma and spaces) at `p`, or -1. At most one lead word
 * fits at a place ("ok" needs a comma or space after it, "okay" an "a"), so the places after
 * 0, 1, 2... lead words are one chain. */
static Py_ssize_t lead_item(const Text *t, Py_ssize_t p, enum Lead kind) {
    const char *const *words =
        kind == LEAD ? LEAD_WORDS : kind == QUESTION_LEAD ? QUESTION_LEAD_WORDS : NAME_LEAD_WORDS;
    Py_UCS4 first = at(t, p);
    if (first >= 128 || !(LEAD_FIRSTS[kind][first >> 6] >> (first & 63) & 1))
        return -1; /* (most words: no lead word starts with their letter) */
    for (; *words; words++) {
        if ((Py_UCS4)(unsigned char)(*words)[0] != first) continue;
        Py_ssize_t q = lit(t, p, *words);
        if (q >= 0) {
            Py_ssize_t r = comma_spaces(t, q);
            if (r >= 0) return r;
        }
    }
    if (kind == LEAD) {
        Py_ssize_t q = lit(t, p, "this ");
        if (q >= 0) {
            Py_ssize_t r = lit(t, q, "morning");
            if (r < 0) r = lit(t, q, "afternoon");
            if (r < 0) r = lit(t, q, "evening");
            return r < 0 ? -1 : comma_spaces(t, r);
        }
        q = lit(t, p, "last ");
        if (q >= 0) { /* night|week|year|\w+: the whole run of word characters */
            Py_ssize_t r = word_end(t, q);
            return r > q ? comma_spaces(t, r) : -1;
        }
    }
    return -1;
}

typedef int (*Body)(const Text *, Py_ssize_t);

/* `^\s*` + the lead words + `body`: does it match at `start`? */
static int led(const Text *t, Py_ssize_t start, enum Lead kind, Body body) {
    Py_ssize_t p = spaces_end(t, start);
    for (;;) {
        if (body(t, p)) return 1;
        p = lead_item(t, p, kind);
        if (p < 0) return 0;
    }
}

/* The places a body is tried at after `^\s*` and 0, 1, 2... lead words (`led`'s), worked out
 * once for the bodies of a sentence tried after the same lead words: at most MAX_LEADS of them
 * (`complete` 0: a longer chain, which `led` walks again for each body). */
#define MAX_LEADS 16
typedef struct {
    int count, complete;
    Py_ssize_t at[MAX_LEADS];
} Chain;

static void lead_chain(const Text *t, Py_ssize_t start, enum Lead kind, Chain *chain) {
    Py_ssize_t p = spaces_end(t, start);
    chain->count = 0;
    for (;;) {
        if (chain->count == MAX_LEADS) {
            chain->complete = 0;
            return;
        }
        chain->at[chain->count++] = p;
        p = lead_item(t, p, kind);
        if (p < 0) {
            chain->complete = 1;
            return;
        }
    }
}

/* `led(t, start, kind, body)` on the places `chain` holds (of `kind`, from `start`). */
static int led_on(const Text *t, const Chain *chain, Py_ssize_t start, enum Lead kind,
                  Body body) {
    if (!chain->complete) return led(t, start, kind, body);
    for (int i = 0; i < chain->count; i++) {
        if (body(t, chain->at[i])) return 1;
    }
    return 0;
}

/* ---- PAST + `\b` ---- */

static int past(const Text *t, Py_ssize_t q) {
    if (ending_word(t, q, "ed", PAST_EXCLUDED)) return 1;
    if (one_of_b(t, q, &PAST_WORDS_LIST)) return 1;
    Py_ssize_t r = lit(t, q, "am ");
    if (r >= 0 && ending_word(t, r, "ing", AM_EXCLUDED)) return 1;
    r = lit(t, q, "have ");
    if (r >= 0 && ending_word(t, r, "ed", NULL)) return 1;
    r = lit(t, q, "just ");
    return r >= 0 && ending_word(t, r, "ed", NULL);
}

/* `(?:\w+ly |<adverbs>)?` + PAST + `\b` at `c`. */
static int adverb_past(const Text *t, Py_ssize_t c, const char *const *adverbs) {
    if (past(t, c)) return 1;
    Py_ssize_t r = word_end(t, c);
    if (r - c >= 3 && at(t, r) == ' ' && lit(t, r - 2, "ly") == r && past(t, r + 1)) return 1;
    for (; *adverbs; adverbs++) {
        Py_ssize_t q = lit(t, c, *adverbs);
        if (q >= 0 && past(t, q)) return 1;
    }
    return 0;
}

/* ---- the branches after the lead words ---- */

/* `(?!need\b|feed\b|speed\b)[a-z]+ed|went|got|had|made|took|spent|drove|finished` + `\b` */
static int done(const Text *t, Py_ssize_t q) {
    return ending_word(t, q, "ed", SHORT_EXCLUDED) || one_of_b(t, q, &DONE_WORDS_LIST);
}

static int self_body(const Text *t, Py_ssize_t p) { /* SELF_START */
    /* (?:i|we|me and \w+|\w+ and i) (?:\w+ly |just |finally |also |then )?PAST\b */
    Py_ssize_t c = lit(t, p, "i ");
    if (c >= 0 && adverb_past(t, c, SELF_ADVERBS)) return 1;
    Py_ssize_t we = lit(t, p, "we ");
    if (we >= 0 && adverb_past(t, we, SELF_ADVERBS)) return 1;
    Py_ssize_t q = lit(t, p, "me and ");
    if (q >= 0) {
        Py_ssize_t r = word_end(t, q);
        if (r > q && at(t, r) == ' ' && adverb_past(t, r + 1, SELF_ADVERBS)) return 1;
    }
    Py_ssize_t r = word_end(t, p);
    if (r > p) {
        q = lit(t, r, " and i ");
        if (q >= 0 && adverb_past(t, q, SELF_ADVERBS)) return 1;
    }
    /* (?:i|we) (?:always|usually|often|sometimes|never|normally) [a-z]+\b */
    Py_ssize_t subjects[2] = {c, we};
    for (int i = 0; i < 2; i++) {
        if (subjects[i] < 0) continue;
        for (const char *const *w = OFTEN; *w; w++) {
            Py_ssize_t o = lit(t, subjects[i], *w);
            if (o >= 0 && at(t, o) == ' ') {
                Py_ssize_t e = letters_end(t, o + 1);
                if (e > o + 1 && !word_at(t, e)) return 1;
            }
        }
    }
    /* my (?:day|...)\b */
    q = lit(t, p, "my ");
    if (q >= 0 && one_of_b(t, q, &MY_THINGS_LIST)) return 1;
    if (lit_b(t, p, "today was")) return 1;
    /* (?:just )?(?:...)\b */
    if (done(t, p)) return 1;
    q = lit(t, p, "just ");
    return q >= 0 && done(t, q);
}

static int question_body(const Text *t, Py_ssize_t p) { /* QUESTION_START */
    return one_of_b(t, p, &QUESTION_WORDS_LIST);
}

static int others_body(const Text *t, Py_ssize_t p) { /* OTHER_START */
    if (lit(t, p, "because of you") >= 0) return 1;
    Py_ssize_t c = lit(t, p, "you ");
    if (c >= 0 && adverb_past(t, c, YOU_ADVERBS)) return 1;
    /* (?:(?:my|your|...|the) )?(?:RELATIVES)(?:'s)?\b: a relative followed by "'s" is
     * followed by `\b` already */
    if (one_of_b(t, p, &RELATIVES_LIST)) return 1;
    for (const char *const *owner = OWNERS; *owner; owner++) {
        Py_ssize_t q = lit(t, p, *owner);
        if (q >= 0 && one_of_b(t, q, &RELATIVES_LIST)) return 1;
    }
    /* (?:he|she|they) (?!are (?:on|in the)\b)\w+ */
    for (const char *const *pronoun = PRONOUNS; *pronoun; pronoun++) {
        Py_ssize_t q = lit(t, p, *pronoun);
        if (q < 0) continue;
        if (lit_b(t, q, "are on") || lit_b(t, q, "are in the")) return 0;
        return word_at(t, q);
    }
    return 0;
}

static int thing_body(const Text *t, Py_ssize_t p) { /* THING_PAST */
    /* (?:the|our|my) [a-z]+ (?:[a-z]+ )?PAST\b */
    for (const char *const *owner = THING_OWNERS; *owner; owner++) {
        Py_ssize_t c = lit(t, p, *owner);
        if (c < 0) continue;
        Py_ssize_t r = letters_end(t, c);
        if (r == c || at(t, r) != ' ') return 0;
        Py_ssize_t q = r + 1;
        if (past(t, q)) return 1;
        Py_ssize_t r2 = letters_end(t, q);
        return r2 > q && at(t, r2) == ' ' && past(t, r2 + 1);
    }
    return 0;
}

static int self_subject_body(const Text *t, Py_ssize_t p) { /* SELF_SUBJECT */
    return lit_b(t, p, "i") || lit_b(t, p, "we");
}

static int name_body(const Text *t, Py_ssize_t p) { /* NAME_START, after its lead words */
    if (one_of_b(t, p, &NOT_NAMES_LIST)) return 0;
    Py_UCS4 c = at(t, p);
    if (c < 'A' || c > 'Z') return 0;
    Py_ssize_t r = letters_end(t, p + 1);
    if (r == p + 1) return 0;
    if (at(t, r) == ' ' && one_of_b(t, r + 1, &NAME_VERBS_LIST)) return 1;
    Py_ssize_t q = lit(t, r, "'s ");
    return q >= 0 && one_of_b(t, q, &NAME_VERBS_LIST);
}

/* ---- the sentences ---- */

static inline int is_mark(Py_UCS4 c) { return c == '.' || c == '!' || c == '?' || c == '\n'; }

typedef struct {
    long questions, about_self, about_others;
} Counts;

/* `_tell`: the text's sentences (`[^.!?\n]+[.!?\n]*`) counted. */
static Counts tell_text(PyObject *text) {
    Counts counts = {0, 0, 0};
    Text whole = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    Py_ssize_t n = whole.end, i = 0;
    while (i < n) {
        if (is_mark(at(&whole, i))) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        while (i < n && !is_mark(at(&whole, i))) i++;
        while (i < n && is_mark(at(&whole, i))) i++;
        Text sentence = {whole.kind, whole.data, i};
        Py_ssize_t last = i;
        while (last > start && is_space(at(&whole, last - 1))) last--;
        Chain leads; /* (the same lead words before every body but QUESTION_START) */
        lead_chain(&sentence, start, LEAD, &leads);
        if (last > start && at(&whole, last - 1) == '?') {
            if (led_on(&sentence, &leads, start, LEAD, self_subject_body) &&
                led_on(&sentence, &leads, start, LEAD, self_body))
                counts.about_self++;
            else
                counts.questions++;
        } else if (led_on(&sentence, &leads, start, LEAD, self_body)) {
            counts.about_self++;
        } else if (led(&sentence, start, QUESTION_LEAD, question_body)) {
            counts.questions++;
        } else if (led_on(&sentence, &leads, start, LEAD, others_body)) {
            counts.about_others++;
        } else if (led_on(&sentence, &leads, start, LEAD, thing_body)) {
            counts.about_self++;
        }
    }
    return counts;
}

static int name_start_text(PyObject *text) {
    Text whole = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    return led(&whole, 0, NAME_LEAD, name_body);
}

/* YOU: a run of word characters that is "you", "your" or "u" */
static int says_you_text(PyObject *text) {
    Text whole = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    static const char *const YOU[] = {"you", "your", "u", NULL};
    Py_ssize_t i = 0;
    while (i < whole.end) {
        if (!word_at(&whole, i)) {
            i++;
            continue;
        }
        Py_ssize_t r = word_end(&whole, i);
        if (at(&whole, i) == 'u' || at(&whole, i) == 'y') {
            if (run_in(&whole, i, r, YOU)) return 1;
        }
        i = r;
    }
    return 0;
}

/* ---- the marks a mixture weighs (`depth_expressions.MARKS`): PROUD_OF, WANT, ATTACHED and
 * MISSING, each `\b<start>(?:<adverb>)*(?:<end>)\b` ---- */

static const char *const PROUD_OF_WHOM[] = {"you", "u", "him", "her", "them", NULL};
static const char *const WANT_ADVERBS[] = {"would ", "also ", "really ", "still ", "do ", NULL};
static const char *const WANTS[] = {
    "love to", "like to", "want to", "would love to", "am looking forward", "can not wait",
    "am excited", "am glad", "am happy", NULL};
static const char *const ATTACHED_ADVERBS[] = {"also ", "still ", "really ", NULL};
static const char *const ATTACHMENTS[] = {"love", "loved", "adore", "enjoyed", NULL};
static const char *const MISSING_ADVERBS[] = {
    "also ", "still ", "really ", "do ", "will ", "would ", "am going to ", NULL};
static const char *const MISSES[] = {"miss", NULL};

/* A mark's expression: its start (a letter first), the adverbs any number of which may
 * follow it (NULL: none), and the words one of which ends it (each ends with a letter). */
typedef struct {
    const char *start;
    const char *const *adverbs;
    const char *const *ends;
} Mark;

static const Mark MARK_SHAPES[] = { /* in the order of `depth_expressions.MARKS` */
    {"proud of ", NULL, PROUD_OF_WHOM},
    {"i ", WANT_ADVERBS, WANTS},
    {"i ", ATTACHED_ADVERBS, ATTACHMENTS},
    {"i ", MISSING_ADVERBS, MISSES},
};

/* The end of `mark` matched at `p`, or -1. As `re` tries it: every adverb in a row (no adverb
 * is the beginning of another, one at a place at most), then the ends in order; fewer adverbs
 * need not be tried, as no end begins with an adverb but WANT's "would love to", which
 * matches after fewer only where "love to" matches after all. */
static Py_ssize_t mark_at(const Text *t, Py_ssize_t p, const Mark *mark) {
    if (p > 0 && word_at(t, p - 1)) return -1; /* (`\b` before a letter) */
    Py_ssize_t q = lit(t, p, mark->start);
    if (q < 0) return -1;
    for (int more = mark->adverbs != NULL; more;) {
        more = 0;
        for (const char *const *adverb = mark->adverbs; *adverb; adverb++) {
            Py_ssize_t r = lit(t, q, *adverb);
            if (r >= 0) {
                q = r;
                more = 1;
                break;
            }
        }
    }
    for (const char *const *end = mark->ends; *end; end++) {
        Py_ssize_t r = lit(t, q, *end);
        if (r >= 0 && !word_at(t, r)) return r;
    }
    return -1;
}

/* marks(which, label, text) -> [(start, end, label)]: the matches of mark number `which` of
 * `depth_expressions.MARKS` in `text`, as its expression's finditer finds them. */
static PyObject *marks(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyUnicode_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "marks() takes which, label, text");
        return NULL;
    }
    long which = PyLong_AsLong(args[0]);
    if (which == -1 && PyErr_Occurred()) return NULL;
    if (which < 0 || which >= (long)(sizeof MARK_SHAPES / sizeof MARK_SHAPES[0])) {
        PyErr_SetString(PyExc_ValueError, "marks(): no such mark");
        return NULL;
    }
    const Mark *mark = &MARK_SHAPES[which];
    PyObject *text = args[2], *label = args[1];
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    Py_UCS4 first = (unsigned char)mark->start[0];
    PyObject *found = PyList_New(0);
    if (found == NULL) return NULL;
    for (Py_ssize_t p = 0; p < t.end;) {
        Py_ssize_t end = at(&t, p) == first ? mark_at(&t, p, mark) : -1;
        if (end < 0) {
            p++;
            continue;
        }
        PyObject *item = Py_BuildValue("(nnO)", p, end, label);
        if (item == NULL || PyList_Append(found, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(found);
            return NULL;
        }
        Py_DECREF(item);
        p = end;
    }
    return found;
}

static PyObject *tell(PyObject *module, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "tell() needs a str");
        return NULL;
    }
    Counts counts = tell_text(text);
    return Py_BuildValue("(lll)", counts.questions, counts.about_self, counts.about_others);
}

static PyObject *name_start(PyObject *module, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "name_start() needs a str");
        return NULL;
    }
    return PyBool_FromLong(name_start_text(text));
}

static PyObject *says_you(PyObject *module, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "says_you() needs a str");
        return NULL;
    }
    return PyBool_FromLong(says_you_text(text));
}

/* ---- Reader: `depth` and the front of `complex_span` ---- */

/* A gated search's gate: the text's words must meet every clause of one of its alternatives
 * (`depth.clause_gate`), each clause a bit of the words a message holds (`Reader.gated`). */
#define MAX_ALTERNATIVES 32
typedef struct {
    int ready;                         /* worked out (on first need) */
    int always;                        /* no promise: searched in every text */
    int count;
    uint64_t any;                      /* every alternative's clauses: none met, none opens */
    uint64_t needs[MAX_ALTERNATIVES];  /* each alternative's clauses */
} Gate;

typedef struct {
    Py_hash_t hash;
    PyObject *word; /* borrowed: held by `Reader.gated` */
    uint64_t bits;
} Slot;

#define MAX_FLAGS 8
#define MAX_CANDIDATES 32

/* The clauses a message's words meet (`met`): first as their hashes say (`maybe`: a word
 * whose hash is no gate word's is none), then, when a gate would open on those, as the words
 * say (`exact`: reading each candidate word, which costs a trip to memory a word). */
typedef struct {
    PyObject *words;                       /* the set (borrowed) */
    uint64_t maybe, exact;
    int confirmed, count, overflow;
    PyObject *candidates[MAX_CANDIDATES];  /* the set's words of a gate word's hash... */
    const void *slots[MAX_CANDIDATES];     /* ...and that gate word's `Slot` */
} Met;

typedef struct {
    uint64_t hash; /* `spelled`'s */
    PyObject *word; /* borrowed: held by `Reader.valence`, as is `valence` */
    PyObject *valence;
} Feeling;

#define SPELLED_START 14695981039346656037ULL

/* FNV-1a over the characters from `p` to `e`, from the hash `h` of those before them */
static uint64_t spelled_on(uint64_t h, const Text *t, Py_ssize_t p, Py_ssize_t e) {
    for (; p < e; p++) {
        h ^= (uint64_t)at(t, p);
        h *= 1099511628211ULL;
    }
    return h;
}

/* FNV-1a over the characters from `p` to `e` */
static uint64_t spelled(const Text *t, Py_ssize_t p, Py_ssize_t e) {
    return spelled_on(SPELLED_START, t, p, e);
}

typedef struct {
    PyObject_HEAD
    PyObject *inner;          /* () -> (INNER_CUES's clause gate, its search): on first need */
    PyObject *inner_search;   /* INNER_CUES's search, as `scanned` writes it */
    PyObject *split;          /* the same for SPLIT_SELF */
    PyObject *split_search;
    PyObject *experience;     /* EXPERIENCE_FLAGS, a tuple */
    PyObject *charge;         /* CHARGE_FLAGS, a tuple */
    PyObject *plain_depth;    /* (flags, normalized, original, words) -> depth: the Python path */
    PyObject *plain_complex;  /* (normalized, feeling_spans, words) -> span: the Python path */
    PyObject *mixture;        /* (normalized, feeling_spans, effect) -> span or None */
    PyObject *gated;          /* a word -> the clauses it meets, a bit each (int) */
    PyObject *clauses;        /* a clause (frozenset) -> its bit */
    int bits_used;            /* bit 0: EFFECT_WORDS (a clause of its own) */
    Gate inner_gate, split_gate;
    Slot *slots;              /* `gated` as a table of its own, read without calls */
    size_t slot_mask;
    Py_hash_t flag_hashes[2][MAX_FLAGS];  /* the hashes of `experience` and of `charge` */
    PyObject *valence;        /* the feeling words -> "pleasant" or "unpleasant" (a dict), or None */
    Feeling *feelings;        /* `valence` as a table of its own (`feelings`) */
    size_t feeling_mask;
    Py_ssize_t longest;       /* the longest feeling word's length */
    uint64_t *openings;       /* the `spelled` hashes (0 written 1; 0: free) of each feeling
                               * word's beginnings that end a run of word characters inside
                               * it ("worn" of "worn out"): a word run that is none of them
                               * starts no feeling word that goes on past it */
    size_t opening_mask;
    PyObject *last_words;     /* the last frozenset `met` read (held), and what it met: */
    Met last;                 /* `analyze` asks `complex_span` and `depth` of the same words */
} Reader;

#define EFFECT_BIT ((uint64_t)1)

static inline int same_word(PyObject *a, PyObject *b) {
    if (a == b) return 1;
    if (!PyUnicode_Check(b)) return PyObject_RichCompareBool(a, b, Py_EQ) == 1;
    Py_ssize_t n = PyUnicode_GET_LENGTH(a);
    int kind = PyUnicode_KIND(a);
    return n == PyUnicode_GET_LENGTH(b) && kind == (int)PyUnicode_KIND(b) &&
           memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)n * (size_t)kind) == 0;
}

/* The clauses the word `word` (of hash `hash`) meets. */
static inline uint64_t word_bits(const Reader *self, Py_hash_t hash, PyObject *word) {
    if (self->slots == NULL) return 0;
    for (size_t i = (size_t)hash & self->slot_mask;; i = (i + 1) & self->slot_mask) {
        const Slot *slot = &self->slots[i];
        if (slot->word == NULL) return 0;
        if (slot->hash == hash && same_word(slot->word, word)) return slot->bits;
    }
}

/* A zeroed table of `item`-sized entries for `used` keys, a quarter full at most; its size (a
 * power of two, so `hash & (size - 1)` finds a key's first place) in `size`. NULL: no memory. */
static void *new_table(Py_ssize_t used, size_t item, size_t *size) {
    *size = 8;
    while (*size < 4 * (size_t)used) *size <<= 1;
    void *table = PyMem_Calloc(*size, item);
    if (table == NULL) PyErr_NoMemory();
    return table;
}

/* `slots` made again from `gated` (after a gate is worked out), a quarter full at most. */
static int fill_slots(Reader *self) {
    size_t size;
    Slot *slots = new_table(PyDict_GET_SIZE(self->gated), sizeof(Slot), &size);
    if (slots == NULL) return -1;
    Py_ssize_t pos = 0;
    PyObject *word, *bits;
    while (PyDict_Next(self->gated, &pos, &word, &bits)) {
        Py_hash_t hash = PyObject_Hash(word);
        if (hash == -1) {
            PyMem_Free(slots);
            return -1;
        }
        size_t i = (size_t)hash & (size - 1);
        while (slots[i].word != NULL) i = (i + 1) & (size - 1);
        slots[i].hash = hash;
        slots[i].word = word; /* (held by `gated`) */
        slots[i].bits = PyLong_AsUnsignedLongLong(bits);
    }
    PyMem_Free(self->slots);
    self->slots = slots;
    self->slot_mask = size - 1;
    Py_CLEAR(self->last_words); /* (what it met was read with fewer clauses) */
    return 0;
}

static PyObject *str_experience, *str_event, *str_others, *str_none, *str_span;

/* Does the set `words` hold one of the words of the tuple `gate`? -1: error */
static int meets(PyObject *gate, PyObject *words) {
    Py_ssize_t n = PyTuple_GET_SIZE(gate);
    for (Py_ssize_t i = 0; i < n; i++) {
        int found = PySet_Contains(words, PyTuple_GET_ITEM(gate, i));
        if (found) return found;
    }
    return 0;
}

/* Mark the words of `clause` (an iterable) as meeting clause number `bit`. */
static int mark_clause(Reader *self, PyObject *clause, int bit) {
    PyObject *iterator = PyObject_GetIter(clause), *word;
    if (iterator == NULL) return -1;
    while ((word = PyIter_Next(iterator)) != NULL) {
        Py_hash_t hash = PyObject_Hash(word);
        PyObject *old = hash == -1 ? NULL : PyDict_GetItemWithError(self->gated, word);
        PyObject *bits = NULL;
        if (!PyErr_Occurred()) {
            uint64_t had = old ? PyLong_AsUnsignedLongLong(old) : 0;
            bits = PyLong_FromUnsignedLongLong(had | ((uint64_t)1 << bit));
        }
        if (bits == NULL || PyDict_SetItem(self->gated, word, bits) < 0) {
            Py_XDECREF(bits);
            Py_DECREF(word);
            Py_DECREF(iterator);
            return -1;
        }
        Py_DECREF(bits);
        Py_DECREF(word);
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : 0;
}

/* The bit of `clause` (a frozenset of words), given it on first sight; -1 when all 64 are
 * given (the clause is then left out: a gate with fewer clauses opens more often, never
 * less); -2: error. */
static int clause_bit(Reader *self, PyObject *clause) {
    PyObject *known = PyDict_GetItemWithError(self->clauses, clause);
    if (known != NULL) return (int)PyLong_AsLong(known);
    if (PyErr_Occurred()) return -2;
    if (self->bits_used >= 64) return -1;
    int bit = self->bits_used++;
    PyObject *number = PyLong_FromLong(bit);
    if (number == NULL || PyDict_SetItem(self->clauses, clause, number) < 0 ||
        mark_clause(self, clause, bit) < 0) {
        Py_XDECREF(number);
        return -2;
    }
    Py_DECREF(number);
    return bit;
}

/* `gate` and its search from `prepare()` -> (alternatives' clauses or None, search), the
 * first time they are needed (working out the clauses and compiling the search cost a few
 * ms: most loads never need them). -1: error. */
static int prepared(Reader *self, PyObject *prepare, Gate *gate, PyObject **search) {
    if (gate->ready) return 0;
    PyObject *parts = PyObject_CallNoArgs(prepare);
    if (parts == NULL) return -1;
    if (!PyTuple_Check(parts) || PyTuple_GET_SIZE(parts) != 2) {
        Py_DECREF(parts);
        PyErr_SetString(PyExc_TypeError, "a gated search's parts are (clauses, search)");
        return -1;
    }
    PyObject *alternatives = PyTuple_GET_ITEM(parts, 0);
    gate->always = 0;
    gate->count = 0;
    gate->any = 0;
    if (alternatives == Py_None) {
        gate->always = 1;
    } else {
        PyObject *each = PySequence_Fast(alternatives, "clauses: a sequence");
        Py_ssize_t count = each ? PySequence_Fast_GET_SIZE(each) : 0;
        if (count > MAX_ALTERNATIVES) gate->always = 1;
        for (Py_ssize_t i = 0; each && !gate->always && i < count; i++) {
            PyObject *clauses = PySequence_Fast(PySequence_Fast_GET_ITEM(each, i), "clauses");
            if (clauses == NULL) {
                Py_CLEAR(each);
                break;
            }
            uint64_t needs = 0;
            for (Py_ssize_t j = 0; j < PySequence_Fast_GET_SIZE(clauses); j++) {
                int bit = clause_bit(self, PySequence_Fast_GET_ITEM(clauses, j));
                if (bit == -2) {
                    Py_CLEAR(each);
                    break;
                }
                if (bit >= 0) needs |= (uint64_t)1 << bit;
            }
            Py_DECREF(clauses);
            if (needs == 0) gate->always = 1; /* (an alternative with no clause kept) */
            gate->any |= needs;
            gate->needs[gate->count++] = needs;
        }
        if (each == NULL) {
            Py_DECREF(parts);
            return -1;
        }
        Py_DECREF(each);
    }
    if (fill_slots(self) < 0) {
        Py_DECREF(parts);
        return -1;
    }
    *search = Py_NewRef(PyTuple_GET_ITEM(parts, 1));
    gate->ready = 1;
    Py_DECREF(parts);
    return 0;
}

static int opens(const Gate *gate, uint64_t have);

/* Read the set `words` by its hashes into `self->last` (no word is read). */
static int read_met(Reader *self, PyObject *words) {
    Met *m = &self->last;
    m->words = words;
    m->maybe = m->exact = 0;
    m->confirmed = m->count = m->overflow = 0;
    if (self->slots == NULL) {
        m->confirmed = 1;
        return 0;
    }
#if PY_VERSION_HEX < 0x030E0000
    /* the set's table read in place: its words' hashes are there (a deleted entry's hash is
     * -1, an empty's key NULL) */
    const setentry *table = ((PySetObject *)words)->table;
    Py_ssize_t mask = ((PySetObject *)words)->mask;
    for (Py_ssize_t i = 0; i <= mask; i++) {
        Py_hash_t hash = table[i].hash;
        if (table[i].key == NULL || hash == -1) continue;
        for (size_t j = (size_t)hash & self->slot_mask;; j = (j + 1) & self->slot_mask) {
            const Slot *slot = &self->slots[j];
            if (slot->word == NULL) break;
            if (slot->hash != hash) continue;
            m->maybe |= slot->bits;
            if (m->count < MAX_CANDIDATES) {
                m->candidates[m->count] = table[i].key;
                m->slots[m->count++] = slot;
            } else {
                m->overflow = 1;
            }
        }
    }
    return 0;
#else
    m->overflow = 1; /* (read word by word in `exact`) */
    m->maybe = ~(uint64_t)0;
    return 0;
#endif
}

/* The clauses `words` meets, read word by word (`same_word`) only when first asked. */
static uint64_t met_for_sure(Reader *self, int *error) {
    Met *m = &self->last;
    if (m->confirmed) return m->exact;
    uint64_t bits = 0;
    if (m->overflow) {
        PyObject *iterator = PyObject_GetIter(m->words), *word;
        if (iterator == NULL) {
            *error = 1;
            return 0;
        }
        while ((word = PyIter_Next(iterator)) != NULL) {
            Py_hash_t hash = PyObject_Hash(word);
            if (hash != -1) bits |= word_bits(self, hash, word);
            Py_DECREF(word);
            if (PyErr_Occurred()) break;
        }
        Py_DECREF(iterator);
    } else {
        for (int i = 0; i < m->count && !PyErr_Occurred(); i++) {
            const Slot *slot = m->slots[i];
            if (same_word(slot->word, m->candidates[i])) bits |= slot->bits;
        }
    }
    if (PyErr_Occurred()) {
        *error = 1;
        return 0;
    }
    m->exact = bits;
    m->confirmed = 1;
    return bits;
}

/* `self->last` made what the set `words` meets (a frozenset is the same words as long as it
 * is held: the last one's reading is kept). -1: error. */
static int met(Reader *self, PyObject *words) {
    if (words == self->last_words && words != NULL) return 0;
    Py_CLEAR(self->last_words);
    if (read_met(self, words) < 0) return -1;
    if (PyFrozenSet_CheckExact(words)) self->last_words = Py_NewRef(words);
    return 0;
}

/* Do the words `self->last` read open `gate`? (Their hashes first.) -1: error. */
static int opened_by(Reader *self, const Gate *gate) {
    if (!opens(gate, self->last.maybe)) return 0;
    int error = 0;
    uint64_t bits = met_for_sure(self, &error);
    return error ? -1 : opens(gate, bits);
}

/* Does the set `flags` hold one of the flags of `which` (0: `experience`, 1: `charge`)? */
static int has_flag(Reader *self, PyObject *flags, int which) {
    PyObject *wanted = which ? self->charge : self->experience;
    Py_ssize_t count = PyTuple_GET_SIZE(wanted);
    if (PySet_GET_SIZE(flags) == 0) return 0;
#if PY_VERSION_HEX < 0x030E0000
    if (count <= MAX_FLAGS) {
        const setentry *table = ((PySetObject *)flags)->table;
        Py_ssize_t mask = ((PySetObject *)flags)->mask;
        const Py_hash_t *hashes = self->flag_hashes[which];
        for (Py_ssize_t i = 0; i <= mask; i++) {
            if (table[i].key == NULL || table[i].hash == -1) continue;
            for (Py_ssize_t j = 0; j < count; j++) {
                if (hashes[j] == table[i].hash &&
                    same_word(PyTuple_GET_ITEM(wanted, j), table[i].key))
                    return 1;
            }
        }
        return 0;
    }
#endif
    return meets(wanted, flags);
}

/* Do the clauses `have` open `gate`: all of one alternative's? */
static int opens(const Gate *gate, uint64_t have) {
    if (gate->always) return 1;
    if (!(have & gate->any)) return 0; /* (most texts: no clause of any alternative met) */
    for (int i = 0; i < gate->count; i++) {
        if ((gate->needs[i] & have) == gate->needs[i]) return 1;
    }
    return 0;
}

/* Is `w` written in `text`? */
static int holds(PyObject *text, const char *w) {
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    Py_UCS4 first = (unsigned char)w[0];
    if (t.kind == PyUnicode_1BYTE_KIND) { /* (most texts: their first letters found by memchr) */
        const Py_UCS1 *data = t.data, *end = data + t.end, *found = data;
        while ((found = memchr(found, (int)first, (size_t)(end - found))) != NULL) {
            if (lit(&t, found - data, w) >= 0) return 1;
            found++;
        }
        return 0;
    }
    for (Py_ssize_t i = 0; i < t.end; i++) {
        if (at(&t, i) == first && lit(&t, i, w) >= 0) return 1;
    }
    return 0;
}

/* Might JOINER (`\b(?:but|and|yet|also|though|although|too|while|at the same time|still)\b|,`)
 * match anywhere in `text`, even between two places of it (where the second is taken as its
 * end)? Not unless one of its words is written in it (`depth_expressions.JOINER_WORDS`). */
static int may_join(PyObject *text) {
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    for (Py_ssize_t i = 0; i < t.end; i++) {
        switch (at(&t, i)) {
        case ',': return 1;
        case 'b': if (lit(&t, i, "but") >= 0) return 1; break;
        case 'a':
            if (lit(&t, i, "and") >= 0 || lit(&t, i, "also") >= 0 ||
                lit(&t, i, "at the same time") >= 0)
                return 1;
            break;
        case 'y': if (lit(&t, i, "yet") >= 0) return 1; break;
        case 't': if (lit(&t, i, "though") >= 0 || lit(&t, i, "too") >= 0) return 1; break;
        case 'w': if (lit(&t, i, "while") >= 0) return 1; break;
        case 's': if (lit(&t, i, "still") >= 0) return 1; break;
        default: break;
        }
    }
    return 0;
}

/* Mark a beginning of a feeling word (of hash `hash`) in `openings` (of `mask` + 1 slots). */
static void open_with(uint64_t *openings, size_t mask, uint64_t hash) {
    if (hash == 0) hash = 1; /* (0 marks a free slot) */
    size_t i = (size_t)hash & mask;
    while (openings[i] != 0 && openings[i] != hash) i = (i + 1) & mask;
    openings[i] = hash;
}

/* Is `hash` (`spelled`'s) one of `openings`? (Another string of the same hash is taken for
 * it: a word run that is no beginning then costs a look further, never a feeling missed.) */
static int opens_feeling(const Reader *self, uint64_t hash) {
    if (hash == 0) hash = 1;
    for (size_t i = (size_t)hash & self->opening_mask;; i = (i + 1) & self->opening_mask) {
        if (self->openings[i] == hash) return 1;
        if (self->openings[i] == 0) return 0;
    }
}

/* `openings` made from `valence`: each word's beginnings that end a run of word characters
 * the word goes on after. */
static int fill_openings(Reader *self) {
    Py_ssize_t count = 0, pos = 0;
    PyObject *word, *valence;
    while (PyDict_Next(self->valence, &pos, &word, &valence)) {
        Text t = {PyUnicode_KIND(word), PyUnicode_DATA(word), PyUnicode_GET_LENGTH(word)};
        for (Py_ssize_t i = 1; i < t.end; i++) count += !word_at(&t, i) && word_at(&t, i - 1);
    }
    size_t size;
    uint64_t *openings = new_table(count, sizeof(uint64_t), &size);
    if (openings == NULL) return -1;
    pos = 0;
    while (PyDict_Next(self->valence, &pos, &word, &valence)) {
        Text t = {PyUnicode_KIND(word), PyUnicode_DATA(word), PyUnicode_GET_LENGTH(word)};
        for (Py_ssize_t i = 1; i < t.end; i++) {
            if (!word_at(&t, i) && word_at(&t, i - 1))
                open_with(openings, size - 1, spelled(&t, 0, i));
        }
    }
    self->openings = openings;
    self->opening_mask = size - 1;
    return 0;
}

/* `feelings` made from `valence` (each word starts and ends with a word character: the
 * Python side passes None otherwise). */
static int fill_feelings(Reader *self) {
    PyMem_Free(self->feelings);
    self->feelings = NULL;
    PyMem_Free(self->openings);
    self->openings = NULL;
    self->longest = 0;
    if (self->valence == Py_None) return 0;
    if (!PyDict_Check(self->valence)) {
        PyErr_SetString(PyExc_TypeError, "valence: a dict");
        return -1;
    }
    size_t size;
    Feeling *table = new_table(PyDict_GET_SIZE(self->valence), sizeof(Feeling), &size);
    if (table == NULL) return -1;
    Py_ssize_t pos = 0;
    PyObject *word, *valence;
    while (PyDict_Next(self->valence, &pos, &word, &valence)) {
        if (!PyUnicode_Check(word)) {
            PyMem_Free(table);
            PyErr_SetString(PyExc_TypeError, "feeling words are str");
            return -1;
        }
        Text t = {PyUnicode_KIND(word), PyUnicode_DATA(word), PyUnicode_GET_LENGTH(word)};
        uint64_t hash = spelled(&t, 0, t.end);
        size_t i = (size_t)hash & (size - 1);
        while (table[i].word != NULL) i = (i + 1) & (size - 1);
        table[i].hash = hash;
        table[i].word = word;
        table[i].valence = valence;
        if (t.end > self->longest) self->longest = t.end;
    }
    self->feelings = table;
    self->feeling_mask = size - 1;
    return fill_openings(self);
}

/* The valence of the feeling word spelled from `p` to `e` of `t` (whose `spelled` hash is
 * `hash`), or NULL. */
static PyObject *feeling_at(const Reader *self, const Text *t, Py_ssize_t p, Py_ssize_t e,
                            uint64_t hash) {
    for (size_t i = (size_t)hash & self->feeling_mask;; i = (i + 1) & self->feeling_mask) {
        const Feeling *slot = &self->feelings[i];
        if (slot->word == NULL) return NULL;
        if (slot->hash != hash || PyUnicode_GET_LENGTH(slot->word) != e - p) continue;
        Text w = {PyUnicode_KIND(slot->word), PyUnicode_DATA(slot->word), e - p};
        Py_ssize_t k = 0;
        while (k < e - p && at(&w, k) == at(t, p + k)) k++;
        if (k == e - p) return slot->valence;
    }
}

/* feelings(text, start): [(start, end, valence)] of the feeling words in `text` from `start`,
 * as `feeling_words_expression`'s finditer(text, start) finds them: at each place where a
 * word starts (`\b`), the longest feeling word written there and followed by `\b`, that is,
 * ending where a run of word characters ends. */
static PyObject *Reader_feelings(Reader *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "feelings() takes text, start");
        return NULL;
    }
    Py_ssize_t start = PyLong_AsSsize_t(args[1]);
    if (start == -1 && PyErr_Occurred()) return NULL;
    if (self->feelings == NULL) {
        PyErr_SetString(PyExc_ValueError, "feelings(): no feeling words given");
        return NULL;
    }
    PyObject *text = args[0];
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    PyObject *found = PyList_New(0);
    if (found == NULL) return NULL;
    Py_ssize_t p = start < 0 ? 0 : start;
    Py_ssize_t ends[64];
    uint64_t hashes[64]; /* (each end's `spelled` hash from `p`) */
    while (p < t.end) {
        if (!word_at(&t, p)) {
            p++;
            continue;
        }
        Py_ssize_t end = word_end(&t, p);
        if (p > 0 && word_at(&t, p - 1)) { /* (inside a word: no `\b`) */
            p = end;
            continue;
        }
        int count = 0;
        uint64_t hash = SPELLED_START;
        for (Py_ssize_t e = end, hashed = p; e - p <= self->longest && count < 64;) {
            hash = spelled_on(hash, &t, hashed, e);
            hashed = e;
            ends[count] = e;
            hashes[count++] = hash;
            if (!opens_feeling(self, hash)) break; /* (no feeling word goes on past it) */
            Py_ssize_t q = e;
            while (q < t.end && !word_at(&t, q)) q++;
            if (q >= t.end) break;
            e = word_end(&t, q);
        }
        PyObject *valence = NULL;
        int k = count - 1;
        for (; k >= 0 && valence == NULL; k--)
            valence = feeling_at(self, &t, p, ends[k], hashes[k]);
        if (valence == NULL) {
            p = end;
            continue;
        }
        Py_ssize_t e = ends[k + 1];
        PyObject *item = Py_BuildValue("(nnO)", p, e, valence);
        if (item == NULL || PyList_Append(found, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(found);
            return NULL;
        }
        Py_DECREF(item);
        p = e;
    }
    return found;
}

static PyObject *Reader_depth(Reader *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs < 3 || nargs > 4) {
        PyErr_SetString(PyExc_TypeError, "depth() takes flags, normalized, original[, words]");
        return NULL;
    }
    PyObject *flags = args[0], *normalized = args[1], *original = args[2];
    PyObject *words = nargs == 4 ? args[3] : Py_None;
    if (words == Py_None || !PyAnySet_Check(flags) || !PyAnySet_Check(words) ||
        !PyUnicode_Check(normalized) || !PyUnicode_Check(original))
        return PyObject_Vectorcall(self->plain_depth, args, nargs, NULL);
    int found = has_flag(self, flags, 0);
    if (found < 0) return NULL;
    if (found) return Py_NewRef(str_experience);
    if (prepared(self, self->inner, &self->inner_gate, &self->inner_search) < 0) return NULL;
    int open = 1;
    if (!self->inner_gate.always) {
        if (met(self, words) < 0) return NULL;
        open = opened_by(self, &self->inner_gate);
        if (open < 0) return NULL;
    }
    if (open) {
        PyObject *match = PyObject_CallOneArg(self->inner_search, normalized);
        if (match == NULL) return NULL;
        int cued = match != Py_None;
        Py_DECREF(match);
        if (cued) return Py_NewRef(str_experience);
    }
    Counts counts = tell_text(normalized);
    if (!counts.questions && name_start_text(original)) counts.about_others++;
    if (!counts.about_self) {
        found = has_flag(self, flags, 1);
        if (found < 0) return NULL;
        if (found && says_you_text(normalized)) return Py_NewRef(str_others);
    }
    if (counts.about_others > counts.about_self) return Py_NewRef(str_others);
    return Py_NewRef(counts.about_self ? str_event : str_none);
}

static PyObject *Reader_complex_span(Reader *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs < 2 || nargs > 3) {
        PyErr_SetString(PyExc_TypeError,
                        "complex_span() takes normalized, feeling_spans[, words]");
        return NULL;
    }
    PyObject *normalized = args[0], *spans = args[1];
    PyObject *words = nargs == 3 ? args[2] : Py_None;
    if (words == Py_None || !PyAnySet_Check(words) || !PyUnicode_Check(normalized))
        return PyObject_Vectorcall(self->plain_complex, args, nargs, NULL);
    if (prepared(self, self->split, &self->split_gate, &self->split_search) < 0) return NULL;
    if (met(self, words) < 0) return NULL;
    int open = opened_by(self, &self->split_gate);
    if (open < 0) return NULL;
    if (open) {
        PyObject *match = PyObject_CallOneArg(self->split_search, normalized);
        if (match == NULL) return NULL;
        if (match != Py_None) {
            PyObject *span = PyObject_CallMethodNoArgs(match, str_span);
            Py_DECREF(match);
            return span;
        }
        Py_DECREF(match);
    }
    int effect = 0;
    if (self->last.maybe & EFFECT_BIT) {
        int error = 0;
        effect = (met_for_sure(self, &error) & EFFECT_BIT) != 0;
        if (error) return NULL;
    }
    int weigh = PyObject_IsTrue(spans);
    if (weigh < 0) return NULL;
    if (!weigh && !effect) {
        if (!holds(normalized, "proud")) Py_RETURN_NONE; /* (most: nothing to weigh) */
    }
    if (!may_join(normalized)) Py_RETURN_NONE; /* (no two things held together) */
    PyObject *call[3] = {normalized, spans, effect ? Py_True : Py_False};
    return PyObject_Vectorcall(self->mixture, call, 3, NULL);
}

static int Reader_init(Reader *self, PyObject *args, PyObject *kwargs) {
    static char *names[] = {"inner", "split", "effect_words", "experience", "charge",
                            "plain_depth", "plain_complex", "mixture", "valence", NULL};
    PyObject *inner, *split, *effect_words, *experience, *charge, *plain_depth, *plain_complex;
    PyObject *mixture, *valence = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOOOOOOO|O", names, &inner, &split,
                                     &effect_words, &experience, &charge, &plain_depth,
                                     &plain_complex, &mixture, &valence))
        return -1;
    PyObject *tuples[2] = {PySequence_Tuple(experience), PySequence_Tuple(charge)};
    PyObject *gated = PyDict_New(), *clauses = PyDict_New();
    if (!tuples[0] || !tuples[1] || !gated || !clauses) goto error;
    Py_XSETREF(self->gated, gated);
    Py_XSETREF(self->clauses, clauses);
    gated = clauses = NULL;
    memset(&self->inner_gate, 0, sizeof self->inner_gate);
    memset(&self->split_gate, 0, sizeof self->split_gate);
    self->bits_used = 1;
    if (mark_clause(self, effect_words, 0) < 0 || fill_slots(self) < 0) goto error;
    for (int which = 0; which < 2; which++) {
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(tuples[which]) && j < MAX_FLAGS; j++) {
            PyObject *flag = PyTuple_GET_ITEM(tuples[which], j);
            if (!PyUnicode_Check(flag)) {
                PyErr_SetString(PyExc_TypeError, "flags are str");
                goto error;
            }
            self->flag_hashes[which][j] = PyObject_Hash(flag);
            if (self->flag_hashes[which][j] == -1) goto error;
        }
    }
    Py_XSETREF(self->experience, tuples[0]);
    Py_XSETREF(self->charge, tuples[1]);
    Py_XSETREF(self->inner, Py_NewRef(inner));
    Py_XSETREF(self->split, Py_NewRef(split));
    Py_CLEAR(self->inner_search);
    Py_CLEAR(self->split_search);
    Py_XSETREF(self->plain_depth, Py_NewRef(plain_depth));
    Py_XSETREF(self->plain_complex, Py_NewRef(plain_complex));
    Py_XSETREF(self->mixture, Py_NewRef(mixture));
    Py_XSETREF(self->valence, Py_NewRef(valence));
    return fill_feelings(self);
error:
    Py_XDECREF(tuples[0]);
    Py_XDECREF(tuples[1]);
    Py_XDECREF(gated);
    Py_XDECREF(clauses);
    return -1;
}

static int Reader_traverse(Reader *self, visitproc visit, void *arg) {
    Py_VISIT(self->inner);
    Py_VISIT(self->split);
    Py_VISIT(self->inner_search);
    Py_VISIT(self->split_search);
    Py_VISIT(self->experience);
    Py_VISIT(self->charge);
    Py_VISIT(self->plain_depth);
    Py_VISIT(self->plain_complex);
    Py_VISIT(self->mixture);
    Py_VISIT(self->gated);
    Py_VISIT(self->clauses);
    Py_VISIT(self->last_words);
    Py_VISIT(self->valence);
    return 0;
}

static int Reader_clear(Reader *self) {
    PyMem_Free(self->slots);
    self->slots = NULL;
    PyMem_Free(self->feelings);
    self->feelings = NULL;
    PyMem_Free(self->openings);
    self->openings = NULL;
    Py_CLEAR(self->valence);
    Py_CLEAR(self->inner);
    Py_CLEAR(self->split);
    Py_CLEAR(self->inner_search);
    Py_CLEAR(self->split_search);
    Py_CLEAR(self->experience);
    Py_CLEAR(self->charge);
    Py_CLEAR(self->plain_depth);
    Py_CLEAR(self->plain_complex);
    Py_CLEAR(self->mixture);
    Py_CLEAR(self->gated);
    Py_CLEAR(self->clauses);
    Py_CLEAR(self->last_words);
    return 0;
}

static void Reader_dealloc(Reader *self) {
    PyObject_GC_UnTrack(self);
    Reader_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef Reader_methods[] = {
    {"depth", (PyCFunction)(void (*)(void))Reader_depth, METH_FASTCALL,
     "depth(flags, normalized, original, words=None): DepthReader.depth"},
    {"complex_span", (PyCFunction)(void (*)(void))Reader_complex_span, METH_FASTCALL,
     "complex_span(normalized, feeling_spans, words=None): DepthReader.complex_span"},
    {"feelings", (PyCFunction)(void (*)(void))Reader_feelings, METH_FASTCALL,
     "feelings(text, start) -> [(start, end, valence)]: the feeling words from start"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ReaderType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tending.coach._depth.Reader",
    .tp_basicsize = sizeof(Reader),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "DepthReader.depth and complex_span's front in C (see depth.py).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Reader_init,
    .tp_dealloc = (destructor)Reader_dealloc,
    .tp_traverse = (traverseproc)Reader_traverse,
    .tp_clear = (inquiry)Reader_clear,
    .tp_methods = Reader_methods,
};

static PyMethodDef module_methods[] = {
    {"tell", (PyCFunction)tell, METH_O,
     "tell(text) -> (questions, about_self, about_others): DepthReader._tell"},
    {"name_start", (PyCFunction)name_start, METH_O,
     "name_start(text) -> bool: does NAME_START match text?"},
    {"says_you", (PyCFunction)says_you, METH_O, "says_you(text) -> bool: does YOU search?"},
    {"marks", (PyCFunction)(void (*)(void))marks, METH_FASTCALL,
     "marks(which, label, text) -> [(start, end, label)]: mark `which` of MARKS, as finditer"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_depth", "The depth reader's fast path in C (see depth.py).", -1,
    module_methods,
};

PyMODINIT_FUNC PyInit__depth(void) {
    str_experience = PyUnicode_InternFromString("experience");
    str_event = PyUnicode_InternFromString("event");
    str_others = PyUnicode_InternFromString("others");
    str_none = PyUnicode_InternFromString("none");
    str_span = PyUnicode_InternFromString("span");
    if (!str_experience || !str_event || !str_others || !str_none || !str_span)
        return NULL;
    index_leads();
    for (size_t i = 0; i < sizeof WORD_LISTS / sizeof WORD_LISTS[0]; i++) {
        if (WORD_LISTS[i]->by_first == NULL && index_words(WORD_LISTS[i]) < 0) {
            PyErr_SetString(PyExc_SystemError, "_depth: a word list could not be indexed");
            return NULL;
        }
    }
    if (PyType_Ready(&ReaderType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    if (PyModule_AddObjectRef(m, "Reader", (PyObject *)&ReaderType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
