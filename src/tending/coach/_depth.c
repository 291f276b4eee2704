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
 *   expressions' finditer finds them; `effects`: EFFECT's, the same way; `joins`: JOINER's or
 *   CONTRAST's search between two places.
 * - `scan`: one reading of a text where its words start: does INNER_CUES match (exactly), and
 *   may SPLIT_SELF, EFFECT or PROUD_OF (a promise: never "no" where they match)?
 * - `Reader`: `DepthReader.depth` and `complex_span` with those, reading each text once
 *   (`scan`, in `complex_span`; `depth`, asked next of the same text object by the glue, takes
 *   what it found, else reads the text itself). SPLIT_SELF's search (the `re` search it is
 *   given) runs only where `scan` says it may match; no weighing of feelings where no joiner
 *   is written (`depth_expressions.JOINER_WORDS`); the weighing (`DepthReader._mixture`) is
 *   done here with the marks, EFFECT, the joiners and the feeling words found as
 *   `depth_expressions.feeling_words_expression` finds them (`Reader.feelings`: a look-up at
 *   each word start). What is left (the plain paths; the weighing where the feeling words are
 *   not all written as words) is handed back to the Python it is given.
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

/* `\w` of the first 256 characters (`index_word_chars`, when the module is loaded) */
static unsigned char WORD_CHARS[256];
/* the first letters of the words `scan` reads further (its `word_scan`'s cases) */
static unsigned char SCANNED_FIRSTS[256];

static void index_word_chars(void) {
    for (Py_UCS4 c = 0; c < 256; c++) WORD_CHARS[c] = Py_UNICODE_ISALNUM(c) || c == '_';
    for (const char *c = "ipmtbhskwdenyr"; *c; c++) SCANNED_FIRSTS[(unsigned char)*c] = 1;
}

static inline int is_word(Py_UCS4 c) {
    if (c < 256) return WORD_CHARS[c];
    if (c == NONE_CHAR) return 0;
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
    if (w[1] == '\0') return p + 1;
    if (at(t, p + 1) != (Py_UCS4)(unsigned char)w[1]) return -1; /* (a call saved) */
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
    if (t->kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *data = t->data;
        while (p < t->end && WORD_CHARS[data[p]]) p++;
        return p;
    }
    while (word_at(t, p)) p++;
    return p;
}

/* The first place from `p` that holds a word character, or the text's end. From 0 or a
 * word's end, that is where the next word starts (`\b` before a word character). */
static inline Py_ssize_t next_word(const Text *t, Py_ssize_t p) {
    if (t->kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *data = t->data;
        while (p < t->end && !WORD_CHARS[data[p]]) p++;
        return p;
    }
    while (p < t->end && !word_at(t, p)) p++;
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
static Words LEAD_LISTS[3] = { /* (by `enum Lead`) */
    {LEAD_WORDS, NULL, {0}, {0}},
    {QUESTION_LEAD_WORDS, NULL, {0}, {0}},
    {NAME_LEAD_WORDS, NULL, {0}, {0}},
};
static Words *const WORD_LISTS[] = {
    &PAST_WORDS_LIST, &DONE_WORDS_LIST, &MY_THINGS_LIST, &QUESTION_WORDS_LIST, &RELATIVES_LIST,
    &NOT_NAMES_LIST, &NAME_VERBS_LIST, &LEAD_LISTS[0], &LEAD_LISTS[1], &LEAD_LISTS[2]};

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
static Py_ssize_t lead_word(const Text *t, Py_ssize_t p, enum Lead kind, Py_UCS4 first);

static inline Py_ssize_t lead_item(const Text *t, Py_ssize_t p, enum Lead kind) {
    Py_UCS4 first = at(t, p);
    if (first >= 128 || !(LEAD_FIRSTS[kind][first >> 6] >> (first & 63) & 1))
        return -1; /* (most words: no lead word starts with their letter) */
    return lead_word(t, p, kind, first);
}

/* `lead_item` where a lead word of `kind` starts with `first`, the character at `p` */
static Py_ssize_t lead_word(const Text *t, Py_ssize_t p, enum Lead kind, Py_UCS4 first) {
    const Words *list = &LEAD_LISTS[kind];
    for (int i = list->from[first]; i < list->to[first]; i++) {
        Py_ssize_t q = lit(t, p, list->by_first[i]);
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
    Py_UCS4 first = at(t, p); /* (each literal below is tried only where it may start) */
    Py_ssize_t c = first == 'i' ? lit(t, p, "i ") : -1;
    if (c >= 0 && adverb_past(t, c, SELF_ADVERBS)) return 1;
    Py_ssize_t we = first == 'w' ? lit(t, p, "we ") : -1;
    if (we >= 0 && adverb_past(t, we, SELF_ADVERBS)) return 1;
    Py_ssize_t q = first == 'm' ? lit(t, p, "me and ") : -1;
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
    q = first == 'm' ? lit(t, p, "my ") : -1;
    if (q >= 0 && one_of_b(t, q, &MY_THINGS_LIST)) return 1;
    if (first == 't' && lit_b(t, p, "today was")) return 1;
    /* (?:just )?(?:...)\b */
    if (done(t, p)) return 1;
    q = first == 'j' ? lit(t, p, "just ") : -1;
    return q >= 0 && done(t, q);
}

static int question_body(const Text *t, Py_ssize_t p) { /* QUESTION_START */
    return one_of_b(t, p, &QUESTION_WORDS_LIST);
}

static int others_body(const Text *t, Py_ssize_t p) { /* OTHER_START */
    Py_UCS4 first = at(t, p); /* (the literals below are tried only where they may start) */
    if (first == 'b' && lit(t, p, "because of you") >= 0) return 1;
    Py_ssize_t c = first == 'y' ? lit(t, p, "you ") : -1;
    if (c >= 0 && adverb_past(t, c, YOU_ADVERBS)) return 1;
    /* (?:(?:my|your|...|the) )?(?:RELATIVES)(?:'s)?\b: a relative followed by "'s" is
     * followed by `\b` already */
    if (one_of_b(t, p, &RELATIVES_LIST)) return 1;
    if (first != 'm' && first != 'y' && first != 'h' && first != 'o' && first != 't' &&
        first != 's')
        return 0; /* (no owner or pronoun starts there) */
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
    Py_UCS4 first = at(t, p);
    if (first != 't' && first != 'o' && first != 'm') return 0;
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
    /* (its parts in the order that turns most texts away soonest: all must hold) */
    Py_UCS4 c = at(t, p);
    if (c < 'A' || c > 'Z') return 0;
    Py_ssize_t r = letters_end(t, p + 1);
    if (r == p + 1) return 0;
    Py_ssize_t q = at(t, r) == ' ' ? r + 1 : lit(t, r, "'s ");
    return q >= 0 && one_of_b(t, q, &NAME_VERBS_LIST) && !one_of_b(t, p, &NOT_NAMES_LIST);
}

/* ---- the sentences ---- */

static inline int is_mark(Py_UCS4 c) { return c == '.' || c == '!' || c == '?' || c == '\n'; }

/* The first place from `i` whose character is a mark (`marks` 1) or is not (0), or the end. */
static inline Py_ssize_t run_end(const Text *t, Py_ssize_t i, int marks) {
    if (t->kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *data = t->data;
        if (marks) { /* (a sentence's words: the text's characters are followed by a 0) */
            for (;;) {
                i += (Py_ssize_t)strcspn((const char *)data + i, ".!?\n");
                if (i >= t->end) return t->end;
                if (data[i] != 0) return i;
                i++; /* (a 0 in the text) */
            }
        }
        while (i < t->end && (data[i] == '.' || data[i] == '!' || data[i] == '?' ||
                              data[i] == '\n') != marks)
            i++;
        return i;
    }
    while (i < t->end && is_mark(at(t, i)) != marks) i++;
    return i;
}

typedef struct {
    long questions, about_self, about_others;
} Counts;

/* `_tell`: the text's sentences (`[^.!?\n]+[.!?\n]*`) counted. */
static Counts tell_text(PyObject *text) {
    Counts counts = {0, 0, 0};
    Text whole = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    Py_ssize_t n = whole.end, i = 0;
    while ((i = run_end(&whole, i, 0)) < n) {
        Py_ssize_t start = i;
        i = run_end(&whole, run_end(&whole, i, 1), 0);
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

/* ---- the inner cues (INNER_CUES), as `re.search` finds one: depth's only question of it ---- */

static const char *const INNER_ADVERBS[] = {
    "really ", "still ", "just ", "also ", "so ", "secretly ", "quietly ", NULL};
static const char *const INNER_ENDS[] = {
    "hope", "wish", "long", "fear", "dread", "worry", "am hoping", "am dreading", "am longing",
    "was hoping", "am proud", "was proud", "felt", NULL};

/* `i (?:(?:really|...) )*(?:hope|...|feel (?!like|that))` at `p` (a word's start). The adverbs
 * are walked all in a row: at most one fits at a place, and no end starts with one followed
 * by a space, so fewer of them never let an end match where all of them do not. */
static Words INNER_ADVERBS_LIST = {INNER_ADVERBS, NULL, {0}, {0}};
static Words INNER_ENDS_LIST = {INNER_ENDS, NULL, {0}, {0}};

/* The end of the first of `list`'s words written at `p` (no `\b` after it), or -1. */
static Py_ssize_t one_at(const Text *t, Py_ssize_t p, const Words *list) {
    Py_UCS4 first = at(t, p);
    if (first >= 128) return -1;
    for (int i = list->from[first]; i < list->to[first]; i++) {
        Py_ssize_t q = lit(t, p, list->by_first[i]);
        if (q >= 0) return q;
    }
    return -1;
}

static int inner_at_i(const Text *t, Py_ssize_t p) {
    Py_ssize_t q = lit(t, p, "i ");
    if (q < 0) return 0;
    for (Py_ssize_t r; (r = one_at(t, q, &INNER_ADVERBS_LIST)) >= 0;) q = r;
    if (one_at(t, q, &INNER_ENDS_LIST) >= 0) return 1; /* (no `\b` after them) */
    Py_ssize_t r = lit(t, q, "feel ");
    return r >= 0 && lit(t, r, "like") < 0 && lit(t, r, "that") < 0;
}

/* ---- what a text may hold, read from its words' beginnings ---- */

enum { MAY_SPLIT = 1, MAY_EFFECT = 2, MAY_PROUD = 4, INNER_CUE = 8 };

static const char *const SPLIT_WANTS[] = {
    "would love to ", "want to ", "would like to ", "need to ", "really want to ", NULL};
static const char *const ANGERS[] = {"angry", "mad", "furious", "hurt", "annoyed", NULL};

static int one_of(const Text *t, Py_ssize_t p, const char *const *words) {
    for (; *words; words++) {
        if (lit(t, p, *words) >= 0) return 1;
    }
    return 0;
}

static Words SPLIT_WANTS_LIST = {SPLIT_WANTS, NULL, {0}, {0}};
static Words ANGERS_LIST = {ANGERS, NULL, {0}, {0}};

/* Might SPLIT_SELF's alternatives that start with "i" match at `p`: `i (?:love|miss) you and i
 * am `, `i am (?:so |really )?(?:angry|...)` or `i (?:would love|want|...) to `? */
static int split_at_i(const Text *t, Py_ssize_t p) {
    Py_ssize_t q = lit(t, p, "i ");
    if (q < 0) return 0;
    if (lit(t, q, "love you and i am ") >= 0 || lit(t, q, "miss you and i am ") >= 0) return 1;
    Py_ssize_t r = lit(t, q, "am ");
    if (r >= 0) {
        if (one_at(t, r, &ANGERS_LIST) >= 0) return 1;
        Py_ssize_t s = lit(t, r, "so ");
        if (s < 0) s = lit(t, r, "really ");
        return s >= 0 && one_at(t, s, &ANGERS_LIST) >= 0;
    }
    return one_at(t, q, &SPLIT_WANTS_LIST) >= 0;
}

/* What `text` may hold (bits), from what is written where each of its words starts:
 * - MAY_SPLIT: SPLIT_SELF may match (each of its alternatives starts a word with "part of
 *   me", "mixed feelings", "torn between", "bittersweet", "both at " or what `split_at_i`
 *   reads);
 * - MAY_EFFECT: EFFECT may (each starts a word with "break", "hurts", "stings", "kills",
 *   "wear", "drain", "exhaust", "scares", "nothing", "yet" or "ready");
 * - MAY_PROUD: PROUD_OF may ("proud");
 * - INNER_CUE: INNER_CUES matches (`inner_at_i`, "part of me" or "my heart", each a whole
 *   word: exactly, not a maybe).
 * A MAY_ bit may be set where the expression finds nothing, never the other way round. */
static int word_scan(const Text *s, Py_ssize_t p, Py_UCS4 first);

static int scan(PyObject *text) {
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    int bits = 0;
    if (t.kind == PyUnicode_1BYTE_KIND) { /* (most texts: each character read once here) */
        const Py_UCS1 *data = t.data;
        Py_ssize_t p = 0, n = t.end;
        for (;;) {
            while (p < n && !WORD_CHARS[data[p]]) p++;
            if (p >= n) return bits;
            if (SCANNED_FIRSTS[data[p]]) bits |= word_scan(&t, p, data[p]);
            p++;
            while (WORD_CHARS[data[p]]) p++; /* (the 0 after the text ends the last word) */
        }
    }
    for (Py_ssize_t p = next_word(&t, 0); p < t.end; p = next_word(&t, word_end(&t, p + 1)))
        bits |= word_scan(&t, p, at(&t, p));
    return bits;
}

/* `scan`'s bits of the word that starts at `p` with `first` */
static int word_scan(const Text *s, Py_ssize_t p, Py_UCS4 first) {
    int bits = 0;
    switch (first) {
    case 'i':
        if (split_at_i(s, p)) bits |= MAY_SPLIT;
        if (inner_at_i(s, p)) bits |= INNER_CUE;
        break;
    case 'p':
        if (lit(s, p, "part of me") >= 0) {
            bits |= MAY_SPLIT;
            if (lit_b(s, p, "part of me")) bits |= INNER_CUE;
        }
        if (lit(s, p, "proud") >= 0) bits |= MAY_PROUD;
        break;
    case 'm':
        if (lit(s, p, "mixed feelings") >= 0) bits |= MAY_SPLIT;
        if (lit_b(s, p, "my heart")) bits |= INNER_CUE;
        break;
    case 't': if (lit(s, p, "torn between") >= 0) bits |= MAY_SPLIT; break;
    case 'b':
        if (lit(s, p, "bittersweet") >= 0 || lit(s, p, "both at ") >= 0) bits |= MAY_SPLIT;
        if (lit(s, p, "break") >= 0) bits |= MAY_EFFECT;
        break;
    case 'h': if (lit(s, p, "hurts") >= 0) bits |= MAY_EFFECT; break;
    case 's':
        if (lit(s, p, "stings") >= 0 || lit(s, p, "scares") >= 0) bits |= MAY_EFFECT;
        break;
    case 'k': if (lit(s, p, "kills") >= 0) bits |= MAY_EFFECT; break;
    case 'w': if (lit(s, p, "wear") >= 0) bits |= MAY_EFFECT; break;
    case 'd': if (lit(s, p, "drain") >= 0) bits |= MAY_EFFECT; break;
    case 'e': if (lit(s, p, "exhaust") >= 0) bits |= MAY_EFFECT; break;
    case 'n': if (lit(s, p, "nothing") >= 0) bits |= MAY_EFFECT; break;
    case 'y': if (lit(s, p, "yet") >= 0) bits |= MAY_EFFECT; break;
    case 'r': if (lit(s, p, "ready") >= 0) bits |= MAY_EFFECT; break;
    default: break;
    }
    return bits;
}

/* ---- the marks a mixture weighs (`depth_expressions.MARKS`): PROUD_OF, WANT, ATTACHED and
 * MISSING, each `\b<start>(?:<adverb>)*(?:<end>)\b` ---- */

/* What a mixture weighs: each mark's or feeling word's start, end and valence (borrowed: an
 * interned label or a value of `Reader.valence`), in `inline_items` until more are found. */
typedef struct {
    Py_ssize_t start, end;
    PyObject *label;
} Item;

typedef struct {
    Item *items;
    Py_ssize_t count, size;
    Item inline_items[16];
} Items;

static void items_init(Items *found) {
    found->items = found->inline_items;
    found->count = 0;
    found->size = 16;
}

static void items_free(Items *found) {
    if (found->items != found->inline_items) PyMem_Free(found->items);
}

static int add_item(Items *found, Py_ssize_t start, Py_ssize_t end, PyObject *label) {
    if (found->count == found->size) {
        Py_ssize_t size = found->size * 2;
        Item *items = PyMem_Malloc(sizeof(Item) * (size_t)size);
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(items, found->items, sizeof(Item) * (size_t)found->count);
        items_free(found);
        found->items = items;
        found->size = size;
    }
    found->items[found->count++] = (Item){start, end, label};
    return 0;
}

/* [(start, end, label)] of `found`'s items */
static PyObject *items_list(const Items *found) {
    PyObject *list = PyList_New(found->count);
    if (list == NULL) return NULL;
    for (Py_ssize_t i = 0; i < found->count; i++) {
        const Item *item = &found->items[i];
        PyObject *tuple = Py_BuildValue("(nnO)", item->start, item->end, item->label);
        if (tuple == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, tuple);
    }
    return list;
}

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

enum { PROUD_OF, WANT, ATTACHED, MISSING, MARK_COUNT };

static const Mark MARK_SHAPES[MARK_COUNT] = { /* in the order of `depth_expressions.MARKS` */
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

/* The matches of the marks `wanted` (a bit each, by number) in `t`, each as its expression's
 * finditer finds them, added to `found` with its label of `labels`; how many of PROUD_OF's in
 * `*prouds` and the least start of them in `*least` (untouched when none). One reading of the
 * words' starts for all (a mark starts a word: `\b` and a letter), each mark's next match
 * sought from where its last one ended. -1: error. */
static int marks_into(const Text *t, unsigned wanted, PyObject *const *labels, Items *found,
                      Py_ssize_t *prouds, Py_ssize_t *least) {
    Py_ssize_t free_from[MARK_COUNT] = {0};
    *prouds = 0;
    for (Py_ssize_t p = next_word(t, 0); p < t->end; p = next_word(t, word_end(t, p + 1))) {
        Py_UCS4 c = at(t, p);
        if (c != 'p' && c != 'i') continue;
        for (int m = c == 'p' ? PROUD_OF : WANT; m <= (c == 'p' ? PROUD_OF : MISSING); m++) {
            if (!(wanted >> m & 1) || p < free_from[m]) continue;
            Py_ssize_t end = mark_at(t, p, &MARK_SHAPES[m]);
            if (end < 0) continue;
            if (add_item(found, p, end, labels[m]) < 0) return -1;
            free_from[m] = end;
            if (m == PROUD_OF && (*prouds)++ == 0) *least = p;
        }
    }
    return 0;
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
    if (which < 0 || which >= MARK_COUNT) {
        PyErr_SetString(PyExc_ValueError, "marks(): no such mark");
        return NULL;
    }
    PyObject *text = args[2];
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    PyObject *labels[MARK_COUNT] = {args[1], args[1], args[1], args[1]};
    Items found;
    items_init(&found);
    PyObject *list = NULL;
    Py_ssize_t prouds, least;
    if (marks_into(&t, 1u << which, labels, &found, &prouds, &least) == 0)
        list = items_list(&found);
    items_free(&found);
    return list;
}

/* ---- EFFECT, as its finditer finds it ---- */

static const char *const EFFECT_SUBJECTS[] = {
    "it ", "this ", "that ", "they ", "he ", "she ", "which ", NULL};
static const char *const EFFECT_ADVERBS[] = {"really ", "also ", "kind of ", "still ", NULL};
static const char *const HURTS_BUT[] = {
    "stand", "walk", "move", "sit", "breathe", "eat", "type", "lie", NULL};
static const char *const EFFECT_VERBS[] = { /* (after "hurts", with its lookahead) */
    "stings", "kills me", "break me", "breaks me", "wears me out", "wears me down",
    "wear me out", "wear me down", "drains me", "drain me", "exhausts me", "exhaust me",
    "scares me", NULL};
static const char *const EFFECT_PLAIN[] = {
    "breaks my heart", "break my heart", "i have nothing left", "i am not there yet",
    "i am not ready", NULL};

/* `w\b` of `words` at `p`: the end of the one that fits (at most one: none of them is another
 * followed by more word characters, or a different text), or -1. */
static Py_ssize_t one_of_end_b(const Text *t, Py_ssize_t p, const char *const *words) {
    for (; *words; words++) {
        Py_ssize_t q = lit(t, p, *words);
        if (q >= 0 && !word_at(t, q)) return q;
    }
    return -1;
}

/* The end of EFFECT matched at `p` (a word's start), or -1. Its alternatives, each with a
 * `\b` after it: at most one of them fits a text at a place (the subjects are different
 * words, an adverb is no verb's beginning: the optional adverb is read when it is there). */
static Py_ssize_t effect_at(const Text *t, Py_ssize_t p) {
    Py_ssize_t q = one_of_end_b(t, p, EFFECT_PLAIN);
    if (q >= 0) return q;
    for (const char *const *subject = EFFECT_SUBJECTS; *subject; subject++) {
        q = lit(t, p, *subject);
        if (q < 0) continue;
        for (const char *const *adverb = EFFECT_ADVERBS; *adverb; adverb++) {
            Py_ssize_t r = lit(t, q, *adverb);
            if (r >= 0) {
                q = r;
                break;
            }
        }
        Py_ssize_t r = lit(t, q, "hurts");
        if (r >= 0 && !word_at(t, r)) {
            Py_ssize_t s = lit(t, r, " to ");
            if (s < 0 || !one_of(t, s, HURTS_BUT)) return r;
        }
        return one_of_end_b(t, q, EFFECT_VERBS);
    }
    return -1;
}

/* EFFECT's matches in `t`, added to `found` with `label`. */
static int effects_into(const Text *t, PyObject *label, Items *found) {
    for (Py_ssize_t p = next_word(t, 0); p < t->end;) {
        Py_ssize_t end = effect_at(t, p);
        if (end >= 0 && add_item(found, p, end, label) < 0) return -1;
        /* (on from its end, which ends a word, or from the end of the word at `p`) */
        p = next_word(t, end >= 0 ? end : word_end(t, p));
    }
    return 0;
}

/* ---- JOINER and CONTRAST between two places (`search(text, pos, endpos)`) ---- */

static const char *const JOINERS[] = {
    "but", "and", "yet", "also", "though", "although", "too", "while", "at the same time",
    "still", NULL};
static const char *const CONTRASTS[] = {
    "but", "also", "yet", "though", "still", "at the same time", "even so", NULL};

/* Does `\b(?:<words>)\b` (or a comma, with `comma`) match in `t` between `pos` and `endpos`,
 * as `search(text, pos, endpos)` reads it: the characters before `pos` are seen by `\b`,
 * the text ends at `endpos`. */
static int joined(const Text *t, Py_ssize_t pos, Py_ssize_t endpos, const char *const *words,
                  int comma) {
    if (endpos > t->end) endpos = t->end;
    if (pos < 0) pos = 0;
    Text part = {t->kind, t->data, endpos};
    for (Py_ssize_t p = pos; p < endpos; p++) {
        Py_UCS4 c = at(&part, p);
        if (c == ',' && comma) return 1;
        if (!is_word(c) || (p > 0 && word_at(t, p - 1))) continue;
        if (one_of_end_b(&part, p, words) >= 0) return 1;
    }
    return 0;
}

/* ---- Reader: `depth` and the front of `complex_span` ---- */

#define MAX_FLAGS 8

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
    PyObject *split;          /* () -> SPLIT_SELF's search (as `scanned` writes it): on first need */
    PyObject *split_search;
    PyObject *experience;     /* EXPERIENCE_FLAGS, a tuple */
    PyObject *charge;         /* CHARGE_FLAGS, a tuple */
    PyObject *plain_depth;    /* (flags, normalized, original, words) -> depth: the Python path */
    PyObject *plain_complex;  /* (normalized, feeling_spans, words) -> span: the Python path */
    PyObject *mixture;        /* (normalized, feeling_spans, effect) -> span or None */
    Py_hash_t flag_hashes[2][MAX_FLAGS];  /* the hashes of `experience` and of `charge` */
    uint64_t flag_filter[2];  /* a bit of each of those hashes (its low six bits) */
    PyObject *valence;        /* the feeling words -> "pleasant" or "unpleasant" (a dict), or None */
    Feeling *feelings;        /* `valence` as a table of its own (`feelings`) */
    size_t feeling_mask;
    Py_ssize_t longest;       /* the longest feeling word's length */
    uint64_t *openings;       /* the `spelled` hashes (0 written 1; 0: free) of each feeling
                               * word's beginnings that end a run of word characters inside
                               * it ("worn" of "worn out"): a word run that is none of them
                               * starts no feeling word that goes on past it */
    size_t opening_mask;
    PyObject *scanned;        /* the text `complex_span` read last (held), and what it holds */
    int scanned_bits;         /* (`scan`): `depth`, asked next of the same text, reads it */
} Reader;

static inline int same_word(PyObject *a, PyObject *b) {
    if (a == b) return 1;
    if (!PyUnicode_Check(b)) return PyObject_RichCompareBool(a, b, Py_EQ) == 1;
    Py_ssize_t n = PyUnicode_GET_LENGTH(a);
    int kind = PyUnicode_KIND(a);
    return n == PyUnicode_GET_LENGTH(b) && kind == (int)PyUnicode_KIND(b) &&
           memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)n * (size_t)kind) == 0;
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

static PyObject *str_experience, *str_event, *str_others, *str_none, *str_span;
static PyObject *str_pleasant, *str_unpleasant, *str_longing;

/* Does the set `words` hold one of the words of the tuple `gate`? -1: error */
static int meets(PyObject *gate, PyObject *words) {
    Py_ssize_t n = PyTuple_GET_SIZE(gate);
    for (Py_ssize_t i = 0; i < n; i++) {
        int found = PySet_Contains(words, PyTuple_GET_ITEM(gate, i));
        if (found) return found;
    }
    return 0;
}

/* SPLIT_SELF's search, asked of `split()` the first time it is needed (compiling it costs a
 * few ms: most loads never need it). NULL: error. */
static PyObject *split_search(Reader *self) {
    if (self->split_search == NULL) self->split_search = PyObject_CallNoArgs(self->split);
    return self->split_search;
}

/* Which of `experience` (bit 0) and `charge` (bit 1) the set `flags` holds a flag of, in one
 * reading of its table; -1: error. */
static int flag_kinds(Reader *self, PyObject *flags) {
    if (PySet_GET_SIZE(flags) == 0) return 0;
    PyObject *wanted[2] = {self->experience, self->charge};
    int kinds = 0;
#if PY_VERSION_HEX < 0x030E0000
    if (PyTuple_GET_SIZE(wanted[0]) <= MAX_FLAGS && PyTuple_GET_SIZE(wanted[1]) <= MAX_FLAGS) {
        const setentry *table = ((PySetObject *)flags)->table;
        Py_ssize_t mask = ((PySetObject *)flags)->mask;
        uint64_t filter = self->flag_filter[0] | self->flag_filter[1];
        for (Py_ssize_t i = 0; i <= mask; i++) {
            /* (an empty entry's hash is 0 and a deleted one's -1: their keys are checked) */
            if (!(filter >> ((size_t)table[i].hash & 63) & 1)) continue;
            if (table[i].key == NULL || table[i].hash == -1) continue;
            for (int which = 0; which < 2; which++) {
                const Py_hash_t *hashes = self->flag_hashes[which];
                for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(wanted[which]); j++) {
                    if (hashes[j] == table[i].hash &&
                        same_word(PyTuple_GET_ITEM(wanted[which], j), table[i].key))
                        kinds |= 1 << which;
                }
            }
        }
        return kinds;
    }
#endif
    for (int which = 0; which < 2; which++) {
        int found = meets(wanted[which], flags);
        if (found < 0) return -1;
        if (found) kinds |= 1 << which;
    }
    return kinds;
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
        if (!PyUnicode_Check(word) || !PyUnicode_Check(valence)) {
            PyMem_Free(table);
            PyErr_SetString(PyExc_TypeError, "feeling words and their valences are str");
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

/* The feeling words in `t` from `start` added to `found`, as `feeling_words_expression`'s
 * finditer(text, start) finds them: at each place where a word starts (`\b`), the longest
 * feeling word written there and followed by `\b`, that is, ending where a run of word
 * characters ends. */
static int feelings_into(const Reader *self, const Text *t, Py_ssize_t start, Items *found) {
    Py_ssize_t p = start < 0 ? 0 : start;
    Py_ssize_t ends[64];
    uint64_t hashes[64]; /* (each end's `spelled` hash from `p`) */
    while (p < t->end) {
        if (!word_at(t, p)) {
            p++;
            continue;
        }
        Py_ssize_t end = word_end(t, p);
        if (p > 0 && word_at(t, p - 1)) { /* (inside a word: no `\b`) */
            p = end;
            continue;
        }
        int count = 0;
        uint64_t hash = SPELLED_START;
        for (Py_ssize_t e = end, hashed = p; e - p <= self->longest && count < 64;) {
            hash = spelled_on(hash, t, hashed, e);
            hashed = e;
            ends[count] = e;
            hashes[count++] = hash;
            if (!opens_feeling(self, hash)) break; /* (no feeling word goes on past it) */
            Py_ssize_t q = e;
            while (q < t->end && !word_at(t, q)) q++;
            if (q >= t->end) break;
            e = word_end(t, q);
        }
        PyObject *valence = NULL;
        int k = count - 1;
        for (; k >= 0 && valence == NULL; k--) valence = feeling_at(self, t, p, ends[k], hashes[k]);
        if (valence == NULL) {
            p = end;
            continue;
        }
        Py_ssize_t e = ends[k + 1];
        if (add_item(found, p, e, valence) < 0) return -1;
        p = e;
    }
    return 0;
}

/* feelings(text, start): [(start, end, valence)] of the feeling words in `text` from `start`
 * (`feelings_into`). */
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
    Items found;
    items_init(&found);
    PyObject *list = NULL;
    if (feelings_into(self, &t, start, &found) == 0) list = items_list(&found);
    items_free(&found);
    return list;
}

/* ---- the weighing (`DepthReader._mixture` once SPLIT_SELF found nothing) ---- */

/* The order of `sort()` on (start, end, valence) tuples. */
static int item_before(const Item *a, const Item *b) {
    if (a->start != b->start) return a->start < b->start;
    if (a->end != b->end) return a->end < b->end;
    return PyUnicode_Compare(a->label, b->label) < 0; /* (str: no error) */
}

static void sort_items(Items *found) {
    Item *items = found->items;
    for (Py_ssize_t i = 1; i < found->count; i++) {
        Item item = items[i];
        Py_ssize_t j = i;
        for (; j > 0 && item_before(&item, &items[j - 1]); j--) items[j] = items[j - 1];
        items[j] = item;
    }
}

/* The least start of `spans` (a list of (start, end) tuples) in `*least`: 1; 0 when it is not
 * such a list (the Python twin reads it then); -1: error. */
static int least_start(PyObject *spans, Py_ssize_t *least) {
    if (!PyList_CheckExact(spans)) return 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(spans); i++) {
        PyObject *span = PyList_GET_ITEM(spans, i);
        if (!PyTuple_CheckExact(span) || PyTuple_GET_SIZE(span) != 2 ||
            !PyLong_CheckExact(PyTuple_GET_ITEM(span, 0)))
            return 0;
        int overflow = 0;
        long long start = PyLong_AsLongLongAndOverflow(PyTuple_GET_ITEM(span, 0), &overflow);
        if (start == -1 && PyErr_Occurred()) return -1;
        if (overflow || start < PY_SSIZE_T_MIN || start > PY_SSIZE_T_MAX) return 0;
        if (i == 0 || (Py_ssize_t)start < *least) *least = (Py_ssize_t)start;
    }
    return 1;
}

/* `_mixture(normalized, spans, None, feelings, marks, effect)` with `feelings` and the marks
 * in C: the marks and feeling words found, sorted, and the first two in a row of different
 * valences with a joiner between them (with a contrast, for a glad one and a longing one).
 * `*done` 0: `spans` is not a list of (start, end) tuples, for the Python twin to read. */
static PyObject *weighed(Reader *self, PyObject *text, PyObject *spans, int effect, int *done) {
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    Py_ssize_t first = 0;
    int given = least_start(spans, &first);
    *done = given != 0;
    if (given <= 0) return NULL;
    int weigh = PyList_GET_SIZE(spans) > 0;
    Items found;
    items_init(&found);
    PyObject *answer = NULL;
    PyObject *labels[MARK_COUNT] = {str_pleasant, str_pleasant, str_pleasant, str_longing};
    Py_ssize_t prouds, least = 0;
    if (marks_into(&t, (1u << MARK_COUNT) - 1, labels, &found, &prouds, &least) < 0) goto done;
    Py_ssize_t marked = found.count;
    if (effect && effects_into(&t, str_unpleasant, &found) < 0) goto done;
    if (!weigh && !prouds && found.count == marked) { /* (no feeling, pride or effect) */
        answer = Py_NewRef(Py_None);
        goto done;
    }
    if (weigh || prouds) {
        if (prouds && (!weigh || least < first)) first = least;
        if (feelings_into(self, &t, first, &found) < 0) goto done;
    }
    sort_items(&found);
    for (Py_ssize_t i = 0; i + 1 < found.count; i++) {
        const Item *a = &found.items[i], *b = &found.items[i + 1];
        if (same_word(a->label, b->label) || !joined(&t, a->end, b->start, JOINERS, 1))
            continue;
        int glad_and_missing =
            (same_word(a->label, str_pleasant) && same_word(b->label, str_longing)) ||
            (same_word(a->label, str_longing) && same_word(b->label, str_pleasant));
        if (glad_and_missing && !joined(&t, a->end, b->start, CONTRASTS, 0)) continue;
        answer = Py_BuildValue("(nn)", a->start, b->end);
        goto done;
    }
    answer = Py_NewRef(Py_None);
done:
    items_free(&found);
    return answer;
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
    /* what `complex_span` read of this very text (the glue asks it first, of the same
     * message), taken once: else the text is read here */
    int scanned = normalized == self->scanned ? self->scanned_bits : -1;
    Py_CLEAR(self->scanned);
    int kinds = flag_kinds(self, flags);
    if (kinds < 0) return NULL;
    if ((kinds & 1) || ((scanned < 0 ? scan(normalized) : scanned) & INNER_CUE))
        return Py_NewRef(str_experience);
    Counts counts = tell_text(normalized);
    if (!counts.questions && name_start_text(original)) counts.about_others++;
    if (!counts.about_self && (kinds & 2) && says_you_text(normalized))
        return Py_NewRef(str_others);
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
    int may = scan(normalized);
    Py_XSETREF(self->scanned, Py_NewRef(normalized));
    self->scanned_bits = may;
    if (may & MAY_SPLIT) {
        PyObject *search = split_search(self);
        if (search == NULL) return NULL;
        PyObject *match = PyObject_CallOneArg(search, normalized);
        if (match == NULL) return NULL;
        if (match != Py_None) {
            PyObject *span = PyObject_CallMethodNoArgs(match, str_span);
            Py_DECREF(match);
            return span;
        }
        Py_DECREF(match);
    }
    int effect = (may & MAY_EFFECT) != 0;
    int weigh = PyList_CheckExact(spans) ? PyList_GET_SIZE(spans) > 0 : PyObject_IsTrue(spans);
    if (weigh < 0) return NULL;
    if (!weigh && !effect && !(may & MAY_PROUD)) Py_RETURN_NONE; /* (most: nothing to weigh) */
    if (!may_join(normalized)) Py_RETURN_NONE; /* (no two things held together) */
    if (self->feelings != NULL) {
        int done;
        PyObject *answer = weighed(self, normalized, spans, effect, &done);
        if (done) return answer;
    }
    PyObject *call[3] = {normalized, spans, effect ? Py_True : Py_False};
    return PyObject_Vectorcall(self->mixture, call, 3, NULL);
}

static int Reader_init(Reader *self, PyObject *args, PyObject *kwargs) {
    static char *names[] = {"split", "experience", "charge", "plain_depth", "plain_complex",
                            "mixture", "valence", NULL};
    PyObject *split, *experience, *charge, *plain_depth, *plain_complex, *mixture;
    PyObject *valence = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOOOOO|O", names, &split, &experience,
                                     &charge, &plain_depth, &plain_complex, &mixture, &valence))
        return -1;
    PyObject *tuples[2] = {PySequence_Tuple(experience), PySequence_Tuple(charge)};
    if (!tuples[0] || !tuples[1]) goto error;
    for (int which = 0; which < 2; which++) {
        self->flag_filter[which] = 0;
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(tuples[which]) && j < MAX_FLAGS; j++) {
            PyObject *flag = PyTuple_GET_ITEM(tuples[which], j);
            if (!PyUnicode_Check(flag)) {
                PyErr_SetString(PyExc_TypeError, "flags are str");
                goto error;
            }
            self->flag_hashes[which][j] = PyObject_Hash(flag);
            if (self->flag_hashes[which][j] == -1) goto error;
            self->flag_filter[which] |= (uint64_t)1 << ((size_t)self->flag_hashes[which][j] & 63);
        }
    }
    Py_XSETREF(self->experience, tuples[0]);
    Py_XSETREF(self->charge, tuples[1]);
    Py_XSETREF(self->split, Py_NewRef(split));
    Py_CLEAR(self->split_search);
    Py_XSETREF(self->plain_depth, Py_NewRef(plain_depth));
    Py_XSETREF(self->plain_complex, Py_NewRef(plain_complex));
    Py_XSETREF(self->mixture, Py_NewRef(mixture));
    Py_XSETREF(self->valence, Py_NewRef(valence));
    return fill_feelings(self);
error:
    Py_XDECREF(tuples[0]);
    Py_XDECREF(tuples[1]);
    return -1;
}

static int Reader_traverse(Reader *self, visitproc visit, void *arg) {
    Py_VISIT(self->split);
    Py_VISIT(self->split_search);
    Py_VISIT(self->experience);
    Py_VISIT(self->charge);
    Py_VISIT(self->plain_depth);
    Py_VISIT(self->plain_complex);
    Py_VISIT(self->mixture);
    Py_VISIT(self->valence);
    Py_VISIT(self->scanned);
    return 0;
}

static int Reader_clear(Reader *self) {
    PyMem_Free(self->feelings);
    self->feelings = NULL;
    PyMem_Free(self->openings);
    self->openings = NULL;
    Py_CLEAR(self->valence);
    Py_CLEAR(self->split);
    Py_CLEAR(self->split_search);
    Py_CLEAR(self->experience);
    Py_CLEAR(self->charge);
    Py_CLEAR(self->plain_depth);
    Py_CLEAR(self->plain_complex);
    Py_CLEAR(self->mixture);
    Py_CLEAR(self->scanned);
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
    .tp_doc = "DepthReader.depth and complex_span in C (see depth.py).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Reader_init,
    .tp_dealloc = (destructor)Reader_dealloc,
    .tp_traverse = (traverseproc)Reader_traverse,
    .tp_clear = (inquiry)Reader_clear,
    .tp_methods = Reader_methods,
};

static PyObject *text_arg(PyObject *text, const char *name) {
    if (PyUnicode_Check(text)) return text;
    PyErr_Format(PyExc_TypeError, "%s() needs a str", name);
    return NULL;
}

static PyObject *tell(PyObject *module, PyObject *text) {
    if (text_arg(text, "tell") == NULL) return NULL;
    Counts counts = tell_text(text);
    return Py_BuildValue("(lll)", counts.questions, counts.about_self, counts.about_others);
}

static PyObject *name_start(PyObject *module, PyObject *text) {
    if (text_arg(text, "name_start") == NULL) return NULL;
    return PyBool_FromLong(name_start_text(text));
}

static PyObject *says_you(PyObject *module, PyObject *text) {
    if (text_arg(text, "says_you") == NULL) return NULL;
    return PyBool_FromLong(says_you_text(text));
}

static PyObject *scan_py(PyObject *module, PyObject *text) {
    if (text_arg(text, "scan") == NULL) return NULL;
    int bits = scan(text);
    return Py_BuildValue("(OOOO)", bits & MAY_SPLIT ? Py_True : Py_False,
                         bits & MAY_EFFECT ? Py_True : Py_False,
                         bits & MAY_PROUD ? Py_True : Py_False,
                         bits & INNER_CUE ? Py_True : Py_False);
}

static PyObject *effects(PyObject *module, PyObject *text) {
    if (text_arg(text, "effects") == NULL) return NULL;
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    Items found;
    items_init(&found);
    PyObject *list = NULL;
    if (effects_into(&t, str_unpleasant, &found) == 0) list = items_list(&found);
    items_free(&found);
    return list;
}

static PyObject *joins(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "joins() takes text, pos, endpos, contrast");
        return NULL;
    }
    PyObject *text = args[0];
    Py_ssize_t pos = PyLong_AsSsize_t(args[1]), endpos = PyLong_AsSsize_t(args[2]);
    int contrast = PyObject_IsTrue(args[3]);
    if (PyErr_Occurred() || contrast < 0) return NULL;
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    return PyBool_FromLong(joined(&t, pos, endpos, contrast ? CONTRASTS : JOINERS, !contrast));
}

static PyMethodDef module_methods[] = {
    {"tell", (PyCFunction)tell, METH_O,
     "tell(text) -> (questions, about_self, about_others): DepthReader._tell"},
    {"name_start", (PyCFunction)name_start, METH_O,
     "name_start(text) -> bool: does NAME_START match text?"},
    {"says_you", (PyCFunction)says_you, METH_O, "says_you(text) -> bool: does YOU search?"},
    {"scan", (PyCFunction)scan_py, METH_O,
     "scan(text) -> (split, effect, proud, inner): might SPLIT_SELF, EFFECT, PROUD_OF find "
     "something; does INNER_CUES?"},
    {"effects", (PyCFunction)effects, METH_O,
     "effects(text) -> [(start, end, 'unpleasant')]: EFFECT, as finditer"},
    {"joins", (PyCFunction)(void (*)(void))joins, METH_FASTCALL,
     "joins(text, pos, endpos, contrast) -> bool: does JOINER (CONTRAST) search there?"},
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
    str_pleasant = PyUnicode_InternFromString("pleasant");
    str_unpleasant = PyUnicode_InternFromString("unpleasant");
    str_longing = PyUnicode_InternFromString("longing");
    if (!str_experience || !str_event || !str_others || !str_none || !str_span ||
        !str_pleasant || !str_unpleasant || !str_longing)
        return NULL;
    index_word_chars();
    index_leads();
    Words *const scanned_lists[] = {
        &INNER_ADVERBS_LIST, &INNER_ENDS_LIST, &SPLIT_WANTS_LIST, &ANGERS_LIST};
    for (size_t i = 0; i < sizeof scanned_lists / sizeof scanned_lists[0]; i++) {
        if (scanned_lists[i]->by_first == NULL && index_words(scanned_lists[i]) < 0) {
            PyErr_SetString(PyExc_SystemError, "_depth: a word list could not be indexed");
            return NULL;
        }
    }
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
