/* The normalizer's fast path in C (see normalize.py, whose `Normalizer._by_parts` this is).
 *
 * `Reader(tokens, runs, read_token, read_run, keys, result)` reads a lower-cased text in one
 * pass over its characters, as `_by_parts` reads it by its parts:
 *   - a token (`\w+(?:'\w+)?` over ASCII word characters) changes as `tokens[token]` says (a
 *     str, or None for no change), worked out by `read_token(token)` the first time (which
 *     keeps it in `tokens`); what `tokens` keeps is kept here too, found by the token's
 *     characters with its words made (`kept_find`: no str made, no SipHash);
 *   - a run of non-ASCII characters changes as `runs[run]` says (a tuple of (start, end, new)
 *     inside the run), worked out by `read_run(run)`; None there means the run holds a word
 *     character or a curly apostrophe, and the text is declined;
 *   - odd spacing (`normalize.SPACES`: a line break with the white space around it becomes
 *     "\n", two or more spaces and tabs, or a tab, one " ").
 * The changes never overlap and come in order; the text with them made, its words
 * (`[a-z_]+`) and the edits that map it back are returned as a `result` (the `Normalized`
 * named tuple). `read(low)` returns None, and the Python path reads the text, when a run is
 * declined or the text holds one of `keys` (the ASCII emoji, "<3", which only the plain path
 * reads). The answers are the Python path's; the tests hold the two to each other.
 * `normalize(text)` lower-cases the text, reads it (or hands it to `declined`) and gives a text
 * whose words hold "lets" to `after` (`Normalizer._suggestions`).
 *
 * Two more twins of the coach's steps between its stages live here: `evidence` (evidence.py's
 * `evidence_reference`: hits' spans mapped back through the edits, trimmed, ordered, without
 * repeats, made into `Evidence` records) and `stems` (stems.py's `stems_reference`);
 * test_evidence.py holds them to their Python twins.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <structmember.h>

#define STACK_CHANGES 32

typedef struct {
    Py_ssize_t start, end;
    PyObject *text; /* a new reference */
} Change;

/* What the words of a text read part by part hold, as the kept readings they came from say
 * (`Kept.marks`): a word of the reader's `foreign` set, the word "lets"; or one of its words
 * came from a reading not kept (then neither is known). */
enum { MARK_FOREIGN = 1, MARK_LETS = 2, MARK_UNKNOWN = 4 };

typedef struct {
    Change *items;
    Py_ssize_t count, capacity;
    int marks; /* of the words read so far (MARK_*) */
    Change stack[STACK_CHANGES];
} Changes;

/* A token's reading kept by its characters (see `kept_find`): an empty slot has no token. */
typedef struct {
    Py_uhash_t hash;  /* of the token's characters (`chars_hash`) */
    PyObject *token;  /* the token (an ASCII str), NULL for an empty slot */
    PyObject *change; /* what it becomes: a str, or None for no change */
    PyObject *words;  /* the words it adds to the text's (of the change, or the token): a tuple */
    int marks;        /* what those words hold (MARK_FOREIGN, MARK_LETS) */
} Kept;

/* Kept readings found by their token's characters (open addressing). */
typedef struct {
    Kept *slots;     /* NULL while none is kept */
    Py_ssize_t mask; /* (the table's size less one: a power of two) */
    Py_ssize_t used; /* slots taken */
} KeptTable;

typedef struct {
    PyObject_HEAD
    PyObject *tokens, *runs, *read_token, *read_run, *keys, *declined, *after;
    PyObject *foreign; /* words of other languages (a set, or NULL): marked where kept */
    PyTypeObject *result;
    /* The answer `normalize` last made by reading the text here (compared by identity, not
     * held; NULL before one) and what its words hold (`Changes.marks`): read by the glue
     * (`reader_words_apart`) and by `normalize` for "lets". */
    PyObject *last;
    int last_marks;
    KeptTable kept;           /* the readings of `tokens`, found without making the token */
    KeptTable kept_runs;      /* those of `runs` (`change`: the changes, a tuple, or None) */
    unsigned char firsts[256]; /* 1 for an ASCII character a key starts with (0 past 127) */
    unsigned char first_chars[4]; /* those characters, where there are at most four */
    int first_count;              /* how many (-1: more than four) */
    int empty_key;            /* a key is "" (found in every text) */
    int find_all;             /* a key starts outside ASCII: each key searched for in turn */
} Reader;

static void changes_init(Changes *changes)
{
    changes->items = changes->stack;
    changes->count = 0;
    changes->marks = 0;
    changes->capacity = STACK_CHANGES;
}

static void changes_clear(Changes *changes)
{
    for (Py_ssize_t i = 0; i < changes->count; i++)
        Py_DECREF(changes->items[i].text);
    if (changes->items != changes->stack)
        PyMem_Free(changes->items);
}

/* Add a change, taking a new reference to `text`. -1 on a memory error. */
static int changes_add(Changes *changes, Py_ssize_t start, Py_ssize_t end, PyObject *text)
{
    if (changes->count == changes->capacity) {
        Py_ssize_t capacity = changes->capacity * 2;
        Change *items = PyMem_Malloc(capacity * sizeof(Change));
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(items, changes->items, changes->count * sizeof(Change));
        if (changes->items != changes->stack)
            PyMem_Free(changes->items);
        changes->items = items;
        changes->capacity = capacity;
    }
    Py_INCREF(text);
    changes->items[changes->count++] = (Change){start, end, text};
    return 0;
}

/* The ASCII `\w` characters, by code: one look-up a character where four ranges were
 * tested (the reader's loop over a token's characters). */
static const unsigned char WORD_CHARS[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['_'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

static inline int is_word(Py_UCS4 ch) /* an ASCII `\w` */
{
    return ch < 128 && WORD_CHARS[ch];
}

static inline int is_letter(Py_UCS4 ch) /* `[a-z_]`, what `normalize.WORDS` reads */
{
    return (ch >= 'a' && ch <= 'z') || ch == '_';
}

/* Add the words (`[a-z_]+`) of `text` to the set `words`: `text` itself when it is one word
 * (a token met: its hash is worked out already). -1 on an error. */
static int add_words(PyObject *words, PyObject *text)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
    while (i < n) {
        if (!is_letter(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t j = i + 1;
        while (j < n && is_letter(PyUnicode_READ(kind, data, j)))
            j++;
        PyObject *word = (i == 0 && j == n) ? Py_NewRef(text) : PyUnicode_Substring(text, i, j);
        if (word == NULL || PySet_Add(words, word) < 0) {
            Py_XDECREF(word);
            return -1;
        }
        Py_DECREF(word);
        i = j;
    }
    return 0;
}

/* A new reference to table[key] when kept there, else to read(key) (which keeps it); NULL on
 * an error. */
static PyObject *kept_or_read(PyObject *table, PyObject *read, PyObject *key)
{
    PyObject *found = PyDict_GetItemWithError(table, key);
    if (found != NULL) {
        Py_INCREF(found);
        return found;
    }
    return PyErr_Occurred() ? NULL : PyObject_CallOneArg(read, key);
}

/* -- the readings of tokens kept by their characters ----------------------------------------
 *
 * Looking a token up in `tokens` (normalize.py's `Normalizer._tokens`) costs the token made
 * as a str and its hash worked out (SipHash): about 500 instructions a token, five or six
 * tokens a message. The same readings are kept here in a table found by the token's
 * characters where they stand in the text (a hash of a few instructions a character and the
 * characters compared), each with the words it adds made once: str objects whose hashes are
 * worked out, so adding them to the text's words hashes nothing. The table holds only what
 * `tokens` holds (a reading is copied in once `tokens` keeps it), so it answers as `tokens`
 * does; a token longer than KEPT_LENGTH is never kept there. */

#define KEPT_LENGTH 40  /* (normalize.KEPT_LENGTH) */
#define KEPT_MOST 50000 /* the most tokens kept (normalize.KEPT) */

/* The hash of a token by its characters (FNV-1a, folded): HASH_STEP each character in turn
 * from HASH_START, then HASH_END (`gather_kind` works it out as it reads the token). */
#define HASH_START 14695981039346656037ULL
#define HASH_STEP(hash, ch) (((hash) ^ (uint64_t)(ch)) * 1099511628211ULL)
#define HASH_END(hash) ((hash) ^ ((hash) >> 31))

/* Is `token` (a str) the characters low[start:start + length] (`data`, of `kind`)? */
static Py_ALWAYS_INLINE int same_chars(PyObject *token, int kind, const void *data,
                                       Py_ssize_t start, Py_ssize_t length)
{
    if (PyUnicode_GET_LENGTH(token) != length)
        return 0;
    int mine_kind = PyUnicode_KIND(token);
    const void *mine = PyUnicode_DATA(token);
    if (mine_kind == kind)
        return memcmp(mine, (const char *)data + start * kind, length * kind) == 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        if (PyUnicode_READ(mine_kind, mine, i) != PyUnicode_READ(kind, data, start + i))
            return 0;
    }
    return 1;
}

/* The slot of the token low[start:start + length] (of hash `hash`): where it is kept, or the
 * empty slot where it would go; NULL while nothing is kept. */
static Py_ALWAYS_INLINE Kept *kept_find(const KeptTable *table, int kind, const void *data,
                                        Py_ssize_t start, Py_ssize_t length, uint64_t hash)
{
    if (table->slots == NULL)
        return NULL;
    size_t at = (size_t)hash & (size_t)table->mask;
    for (;;) {
        Kept *slot = &table->slots[at];
        if (slot->token == NULL ||
            (slot->hash == hash && same_chars(slot->token, kind, data, start, length)))
            return slot;
        at = (at + 1) & (size_t)table->mask;
    }
}

/* The table twice the size (or made), every kept token moved over. -1 on a memory error. */
static int kept_grow(KeptTable *table)
{
    Py_ssize_t size = table->slots == NULL ? 1024 : (table->mask + 1) * 2;
    Kept *slots = PyMem_Calloc(size, sizeof(Kept));
    if (slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; table->slots != NULL && i <= table->mask; i++) {
        if (table->slots[i].token == NULL)
            continue;
        size_t at = (size_t)table->slots[i].hash & (size_t)(size - 1);
        while (slots[at].token != NULL)
            at = (at + 1) & (size_t)(size - 1);
        slots[at] = table->slots[i];
    }
    PyMem_Free(table->slots);
    table->slots = slots;
    table->mask = size - 1;
    return 0;
}

/* Let go of every kept reading. */
static void kept_clear(KeptTable *table)
{
    Kept *slots = table->slots;
    Py_ssize_t mask = table->mask;
    *table = (KeptTable){NULL, -1, 0};
    for (Py_ssize_t i = 0; slots != NULL && i <= mask; i++) {
        Py_XDECREF(slots[i].token);
        Py_XDECREF(slots[i].change);
        Py_XDECREF(slots[i].words);
    }
    PyMem_Free(slots);
}

/* Keep `token` (a str, of hash `hash`: its characters') with `change` and `words` (new
 * references, given to the table, or let go of) while there is room. -1 on an error. */
static int kept_put(KeptTable *table, PyObject *token, uint64_t hash, PyObject *change,
                    PyObject *words, int marks)
{
    if (table->used >= KEPT_MOST ||
        ((table->used + 1) * 2 > table->mask + 1 && kept_grow(table) < 0)) {
        Py_XDECREF(change);
        Py_XDECREF(words);
        return table->used >= KEPT_MOST ? 0 : -1;
    }
    Kept *slot = kept_find(table, PyUnicode_KIND(token), PyUnicode_DATA(token), 0,
                           PyUnicode_GET_LENGTH(token), hash);
    if (slot->token != NULL) { /* (kept already: by a reading made meanwhile) */
        Py_XDECREF(change);
        Py_XDECREF(words);
        return 0;
    }
    *slot = (Kept){hash, Py_NewRef(token), change, words, marks};
    table->used++;
    return 0;
}

/* The words (`[a-z_]+`) of `text` as a tuple, in order, each hashed: `text` itself when it is
 * one word. NULL on an error. */
static PyObject *words_tuple(PyObject *text)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = 0, at = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (is_letter(PyUnicode_READ(kind, data, i)) &&
            (i == 0 || !is_letter(PyUnicode_READ(kind, data, i - 1))))
            count++;
    }
    PyObject *words = PyTuple_New(count);
    for (Py_ssize_t i = 0; words != NULL && i < n;) {
        if (!is_letter(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t j = i + 1;
        while (j < n && is_letter(PyUnicode_READ(kind, data, j)))
            j++;
        PyObject *word = (i == 0 && j == n) ? Py_NewRef(text) : PyUnicode_Substring(text, i, j);
        if (word == NULL || PyObject_Hash(word) == -1) {
            Py_XDECREF(word);
            Py_CLEAR(words);
            break;
        }
        PyTuple_SET_ITEM(words, at++, word);
        i = j;
    }
    return words;
}

/* What the words `words` (a tuple) hold: MARK_FOREIGN, MARK_LETS (-1 on an error). */
static int marks_of(Reader *self, PyObject *words)
{
    int marks = 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(words); i++) {
        PyObject *word = PyTuple_GET_ITEM(words, i);
        int foreign = self->foreign == NULL ? 0 : PySet_Contains(self->foreign, word);
        if (foreign < 0)
            return -1;
        if (foreign)
            marks |= MARK_FOREIGN;
        if (PyUnicode_Check(word) && PyUnicode_CompareWithASCIIString(word, "lets") == 0)
            marks |= MARK_LETS;
    }
    return marks;
}

/* Keep the reading `change` of `token` (of hash `hash`) when `tokens` keeps it (the same
 * object), and there is room. -1 on an error. */
static int kept_add(Reader *self, PyObject *token, PyObject *change, uint64_t hash)
{
    PyObject *held = PyDict_GetItemWithError(self->tokens, token);
    if (held == NULL)
        return PyErr_Occurred() ? -1 : 0;
    if (held != change || self->kept.used >= KEPT_MOST || !PyUnicode_IS_ASCII(token))
        return 0;
    PyObject *words = words_tuple(change == Py_None ? token : change);
    int marks = words == NULL ? -1 : marks_of(self, words);
    if (marks < 0) {
        Py_XDECREF(words);
        return -1;
    }
    return kept_put(&self->kept, token, hash, Py_NewRef(change), words, marks);
}

/* Add the change of a kept token at low[start:end] and its words. -1 on an error. */
static inline int kept_reading(const Kept *slot, Py_ssize_t start, Py_ssize_t end, Changes *changes,
                        PyObject *words)
{
    if (slot->change != Py_None && changes_add(changes, start, end, slot->change) < 0)
        return -1;
    changes->marks |= slot->marks;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(slot->words); i++) {
        if (PySet_Add(words, PyTuple_GET_ITEM(slot->words, i)) < 0)
            return -1;
    }
    return 0;
}

/* `token_change` of a token not kept here: read by `tokens` (or `read_token`), and kept here
 * too when `keepable` and `tokens` keeps it. */
static int token_read(Reader *self, PyObject *low, Py_ssize_t start, Py_ssize_t end,
                      uint64_t hash, int keepable, Changes *changes, PyObject *words)
{
    PyObject *token = PyUnicode_Substring(low, start, end);
    if (token == NULL)
        return -1;
    changes->marks |= MARK_UNKNOWN; /* (its words are not marked) */
    PyObject *found = kept_or_read(self->tokens, self->read_token, token);
    int answer = found == NULL ? -1 : 0;
    if (found == Py_None)
        answer = add_words(words, token);
    else if (found != NULL && !PyUnicode_Check(found)) {
        PyErr_SetString(PyExc_TypeError, "a token's change must be a str or None");
        answer = -1;
    }
    else if (found != NULL)
        answer = changes_add(changes, start, end, found) || add_words(words, found) ? -1 : 0;
    if (answer == 0 && keepable)
        answer = kept_add(self, token, found, hash);
    Py_DECREF(token);
    Py_XDECREF(found);
    return answer;
}

/* Add the change of the token low[start:end] (of hash `hash`; what `tokens`, or else
 * `read_token`, says: a str or None) and its words as they will be read. -1 on an error. */
static Py_ALWAYS_INLINE int token_change(Reader *self, PyObject *low, int kind,
                                         const void *data, Py_ssize_t start, Py_ssize_t end,
                                         uint64_t hash, Changes *changes, PyObject *words)
{
    int keepable = end - start <= KEPT_LENGTH;
    if (keepable) {
        const Kept *slot = kept_find(&self->kept, kind, data, start, end - start, hash);
        if (slot != NULL && slot->token != NULL)
            return kept_reading(slot, start, end, changes, words);
    }
    return token_read(self, low, start, end, hash, keepable, changes, words);
}

/* The words of the changes `found` (a run's, checked) in order, as a tuple. NULL on an
 * error. */
static PyObject *run_words(PyObject *found)
{
    PyObject *all = PyList_New(0);
    for (Py_ssize_t i = 0; all != NULL && i < PyTuple_GET_SIZE(found); i++) {
        PyObject *words = words_tuple(PyTuple_GET_ITEM(PyTuple_GET_ITEM(found, i), 2));
        if (words == NULL || PyList_SetSlice(all, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, words) < 0)
            Py_CLEAR(all);
        Py_XDECREF(words);
    }
    PyObject *words = all == NULL ? NULL : PyList_AsTuple(all);
    Py_XDECREF(all);
    return words;
}

/* Add the changes of a kept run at low[start:] and its words: 1, 0 when the run is
 * declined, -1 on an error. (Its changes were checked when it was kept.) */
static int kept_run(const Kept *slot, Py_ssize_t start, Changes *changes, PyObject *words)
{
    if (slot->change == Py_None)
        return 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(slot->change); i++) {
        PyObject *item = PyTuple_GET_ITEM(slot->change, i);
        Py_ssize_t from = PyLong_AsSsize_t(PyTuple_GET_ITEM(item, 0));
        Py_ssize_t to = PyLong_AsSsize_t(PyTuple_GET_ITEM(item, 1));
        if (changes_add(changes, start + from, start + to, PyTuple_GET_ITEM(item, 2)) < 0)
            return -1;
    }
    changes->marks |= slot->marks;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(slot->words); i++) {
        if (PySet_Add(words, PyTuple_GET_ITEM(slot->words, i)) < 0)
            return -1;
    }
    return 1;
}

/* Keep the reading `found` (checked: None or the changes) of `run` (of hash `hash`) when
 * `runs` keeps it (the same object). -1 on an error. */
static int run_keep(Reader *self, PyObject *run, PyObject *found, uint64_t hash)
{
    PyObject *held = PyDict_GetItemWithError(self->runs, run);
    if (held == NULL)
        return PyErr_Occurred() ? -1 : 0;
    if (held != found || self->kept_runs.used >= KEPT_MOST)
        return 0;
    PyObject *words = found == Py_None ? PyTuple_New(0) : run_words(found);
    int marks = words == NULL ? -1 : marks_of(self, words);
    if (marks < 0) {
        Py_XDECREF(words);
        return -1;
    }
    return kept_put(&self->kept_runs, run, hash, Py_NewRef(found), words, marks);
}

/* Add the changes of the run low[start:end] (`data`, of `kind`): as kept here, else as `runs`
 * (or `read_run`) says. 1 when added, 0 when the run is declined, -1 on an error. */
static int run_changes(Reader *self, PyObject *low, int kind, const void *data,
                       Py_ssize_t start, Py_ssize_t end, Changes *changes, PyObject *words)
{
    int keepable = end - start <= KEPT_LENGTH;
    uint64_t hash = HASH_START;
    for (Py_ssize_t i = start; keepable && i < end; i++)
        hash = HASH_STEP(hash, PyUnicode_READ(kind, data, i));
    hash = HASH_END(hash);
    const Kept *slot = keepable ? kept_find(&self->kept_runs, kind, data, start, end - start, hash)
                                : NULL;
    if (slot != NULL && slot->token != NULL)
        return kept_run(slot, start, changes, words);
    PyObject *run = PyUnicode_Substring(low, start, end);
    if (run == NULL)
        return -1;
    changes->marks |= MARK_UNKNOWN; /* (its words are not marked) */
    PyObject *found = kept_or_read(self->runs, self->read_run, run);
    if (found == NULL) {
        Py_DECREF(run);
        return -1;
    }
    int answer = found == Py_None ? 0 : 1;
    if (answer && !PyTuple_Check(found)) {
        PyErr_SetString(PyExc_TypeError, "a run's changes must be a tuple or None");
        answer = -1;
    }
    for (Py_ssize_t i = 0; answer == 1 && i < PyTuple_GET_SIZE(found); i++) {
        PyObject *item = PyTuple_GET_ITEM(found, i);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 3 ||
            !PyUnicode_Check(PyTuple_GET_ITEM(item, 2))) {
            PyErr_SetString(PyExc_TypeError, "a run's change must be (start, end, str)");
            answer = -1;
            break;
        }
        Py_ssize_t from = PyLong_AsSsize_t(PyTuple_GET_ITEM(item, 0));
        Py_ssize_t to = PyLong_AsSsize_t(PyTuple_GET_ITEM(item, 1));
        if ((from == -1 || to == -1) && PyErr_Occurred())
            answer = -1;
        else if (changes_add(changes, start + from, start + to, PyTuple_GET_ITEM(item, 2)) ||
                 add_words(words, PyTuple_GET_ITEM(item, 2)))
            answer = -1;
    }
    if (answer >= 0 && keepable && run_keep(self, run, found, hash) < 0)
        answer = -1;
    Py_DECREF(run);
    Py_DECREF(found);
    return answer;
}

static inline int is_spacing(Py_UCS4 ch) /* what odd spacing starts with */
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* The end of the odd spacing `normalize.SPACES` matches at `i`, or `i` for none; `*broken`
 * says whether it holds a line break. */
static Py_ssize_t spacing_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t i,
                              int *broken)
{
    Py_ssize_t j = i;
    while (j < n && (PyUnicode_READ(kind, data, j) == ' ' || PyUnicode_READ(kind, data, j) == '\t'))
        j++;
    Py_UCS4 next = j < n ? PyUnicode_READ(kind, data, j) : 0;
    if (next == '\r' || next == '\n') {
        *broken = 1;
        while (j < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)))
            j++;
        return j;
    }
    *broken = 0;
    if (j - i >= 2)
        return j;
    return PyUnicode_READ(kind, data, i) == '\t' ? i + 1 : i;
}

/* Gather the changes of `low` (its characters `data`, of `kind`) in order, and the words of
 * the text they make as far as they can be told part by part (`edited` says when not). 1 when
 * gathered, 0 when declined, -1 on an error. Written once for any kind and made twice by
 * `gather` (inlined): for 1-byte texts, nearly all, each character is read without asking
 * its width. */
static Py_ALWAYS_INLINE int gather_kind(Reader *self, PyObject *low, int kind, const void *data,
                                        Changes *changes, PyObject *words, PyObject *line,
                                        PyObject *space)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(low);
    Py_ssize_t spaced = 0; /* the end of the last odd spacing: no other starts before it */
    Py_ssize_t i = 0;
    while (i < n) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch >= 128) {
            Py_ssize_t j = i + 1;
            while (j < n && PyUnicode_READ(kind, data, j) >= 128)
                j++;
            int answer = run_changes(self, low, kind, data, i, j, changes, words);
            if (answer != 1)
                return answer;
            i = j;
        }
        else if (is_word(ch)) {
            /* the token, its hash (`token_hash`) worked out as it is read */
            uint64_t hash = HASH_START;
            Py_ssize_t j = i;
            while (j < n && is_word(ch = PyUnicode_READ(kind, data, j))) {
                hash = HASH_STEP(hash, ch);
                j++;
            }
            if (j + 1 < n && ch == '\'' && is_word(PyUnicode_READ(kind, data, j + 1))) {
                hash = HASH_STEP(hash, '\'');
                j++;
                while (j < n && is_word(ch = PyUnicode_READ(kind, data, j))) {
                    hash = HASH_STEP(hash, ch);
                    j++;
                }
            }
            if (token_change(self, low, kind, data, i, j, HASH_END(hash), changes, words))
                return -1;
            i = j;
        }
        else if (i >= spaced && (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')) {
            if (ch == ' ' && (i + 1 == n || !is_spacing(PyUnicode_READ(kind, data, i + 1)))) {
                i++; /* a space alone, as between most words: no odd spacing */
                continue;
            }
            int broken = 0;
            Py_ssize_t end = spacing_end(kind, data, n, i, &broken);
            if (end > i) {
                if (changes_add(changes, i, end, broken ? line : space))
                    return -1;
                spaced = end;
            }
            i++; /* (a run of non-ASCII white space inside is read as a run) */
        }
        else
            i++;
    }
    return 1;
}

static int gather(Reader *self, PyObject *low, Changes *changes, PyObject *words,
                  PyObject *line, PyObject *space)
{
    const void *data = PyUnicode_DATA(low);
    if (PyUnicode_KIND(low) == PyUnicode_1BYTE_KIND)
        return gather_kind(self, low, PyUnicode_1BYTE_KIND, data, changes, words, line, space);
    return gather_kind(self, low, PyUnicode_KIND(low), data, changes, words, line, space);
}

/* The largest code point of low[start:end] (0 when empty). */
static Py_UCS4 max_char(PyObject *low, Py_ssize_t start, Py_ssize_t end)
{
    if (PyUnicode_IS_ASCII(low))
        return start < end ? 127 : 0;
    int kind = PyUnicode_KIND(low);
    const void *data = PyUnicode_DATA(low);
    Py_UCS4 most = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch > most)
            most = ch;
    }
    return most;
}

static inline int letter_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    return i >= 0 && i < n && is_letter(PyUnicode_READ(kind, data, i));
}

/* Do the words gathered part by part miss how `text` reads? When a change was dropped, or a
 * letter of a replacement touches a letter next to it (never so for the packaged tables: a
 * token's neighbours are no word characters, an emoji's reading is padded with spaces). */
static int words_joined(PyObject *text, Changes *changes)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), shift = 0;
    for (Py_ssize_t i = 0; i < changes->count; i++) {
        Change *change = &changes->items[i];
        if (change->end < 0)
            return 1;
        Py_ssize_t start = change->start + shift, end = start + PyUnicode_GET_LENGTH(change->text);
        if ((letter_at(kind, data, n, start - 1) && letter_at(kind, data, n, start)) ||
            (letter_at(kind, data, n, end - 1) && letter_at(kind, data, n, end)))
            return 1;
        shift += end - start - (change->end - change->start);
    }
    return 0;
}

/* (norm_start, norm_end, orig_start, orig_end): one edit of `Normalized.edits`. */
static PyObject *edit_record(Py_ssize_t norm_start, Py_ssize_t norm_end, Py_ssize_t orig_start,
                             Py_ssize_t orig_end)
{
    Py_ssize_t values[4] = {norm_start, norm_end, orig_start, orig_end};
    PyObject *record = PyTuple_New(4);
    for (int i = 0; record != NULL && i < 4; i++) {
        PyObject *value = PyLong_FromSsize_t(values[i]);
        if (value == NULL)
            Py_CLEAR(record);
        else
            PyTuple_SET_ITEM(record, i, value);
    }
    return record;
}

/* PyUnicode_CopyCharacters(to, at, from, start, length) of a `to` made for these characters
 * (wide enough): bytes copied where the two are of one width, as most are. -1 on an error. */
static inline int copy_chars(PyObject *to, Py_ssize_t at, PyObject *from, Py_ssize_t start,
                             Py_ssize_t length)
{
    int kind = PyUnicode_KIND(to);
    if (PyUnicode_KIND(from) != kind)
        return PyUnicode_CopyCharacters(to, at, from, start, length) < 0 ? -1 : 0;
    if (length > 0)
        memcpy((char *)PyUnicode_DATA(to) + at * kind,
               (const char *)PyUnicode_DATA(from) + start * kind, length * kind);
    return 0;
}

/* `low` with the changes made and `*edits`, `*starts` set (as `normalize._edited`; an
 * overlapping change is dropped, the earlier one wins: its `end` set to -1). NULL on an error,
 * or None with nothing set when the changes are out of order. */
static PyObject *edited(PyObject *low, Changes *changes, PyObject **edits, PyObject **starts)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(low), length = 0, last = 0, kept = 0;
    Py_UCS4 most = 0;
    for (Py_ssize_t i = 0; i < changes->count; i++) {
        Change *change = &changes->items[i];
        if (i > 0 && change->start < changes->items[i - 1].start)
            return Py_NewRef(Py_None); /* out of order: never met, the Python path reads it */
        if (change->start < last) {
            change->end = -1; /* dropped */
            continue;
        }
        Py_UCS4 piece = max_char(low, last, change->start);
        Py_UCS4 own = PyUnicode_GET_LENGTH(change->text) ? PyUnicode_MAX_CHAR_VALUE(change->text) : 0;
        most = Py_MAX(most, Py_MAX(piece, own));
        length += change->start - last + PyUnicode_GET_LENGTH(change->text);
        last = change->end;
        kept++;
    }
    most = Py_MAX(most, max_char(low, last, n));
    length += n - last;
    PyObject *text = PyUnicode_New(length, most);
    *edits = PyTuple_New(kept);
    *starts = PyTuple_New(kept);
    if (text == NULL || *edits == NULL || *starts == NULL)
        goto error;
    Py_ssize_t at = 0, shift = 0, edit = 0;
    last = 0;
    for (Py_ssize_t i = 0; i < changes->count; i++) {
        Change *change = &changes->items[i];
        if (change->end < 0)
            continue;
        Py_ssize_t size = PyUnicode_GET_LENGTH(change->text);
        if (copy_chars(text, at, low, last, change->start - last) < 0)
            goto error;
        at += change->start - last;
        if (copy_chars(text, at, change->text, 0, size) < 0)
            goto error;
        at += size;
        Py_ssize_t norm_start = change->start + shift;
        PyObject *record = edit_record(norm_start, norm_start + size, change->start, change->end);
        if (record == NULL)
            goto error;
        PyTuple_SET_ITEM(*edits, edit, record);
        PyTuple_SET_ITEM(*starts, edit, Py_NewRef(PyTuple_GET_ITEM(record, 0)));
        edit++;
        shift += size - (change->end - change->start);
        last = change->end;
    }
    if (copy_chars(text, at, low, last, n - last) < 0)
        goto error;
    return text;
error:
    Py_XDECREF(text);
    Py_CLEAR(*edits);
    Py_CLEAR(*starts);
    return NULL;
}

/* The words of `text` (`[a-z_]+`) as a frozenset. */
static PyObject *words_of(PyObject *text)
{
    PyObject *words = PyFrozenSet_New(NULL);
    if (words != NULL && add_words(words, text) < 0)
        Py_CLEAR(words);
    return words;
}

static PyObject *line_text, *space_text, *no_edits, *lower_name, *lets_text;

/* Does `low` hold one of the reader's `keys`? Looked for only where a character a key starts
 * with stands (`firsts`: most texts hold none, and are read once, where a search for each key
 * read them once a key). 1, 0, or -1 on an error. */
static int holds_key(Reader *self, PyObject *low)
{
    if (self->empty_key)
        return 1;
    for (Py_ssize_t k = 0; self->find_all && k < PyTuple_GET_SIZE(self->keys); k++) {
        Py_ssize_t at = PyUnicode_Find(low, PyTuple_GET_ITEM(self->keys, k), 0,
                                       PyUnicode_GET_LENGTH(low), 1);
        if (at != -1)
            return at == -2 ? -1 : 1;
    }
    if (self->find_all)
        return 0;
    int kind = PyUnicode_KIND(low);
    const void *data = PyUnicode_DATA(low);
    Py_ssize_t n = PyUnicode_GET_LENGTH(low);
    const Py_UCS1 *bytes = data;
    if (kind == PyUnicode_1BYTE_KIND && self->first_count >= 0) {
        /* (each of the few characters a key starts with found by `memchr`, which reads many
         * bytes at a time: most texts hold none, "<" of "<3") */
        for (int f = 0; f < self->first_count; f++) {
            const Py_UCS1 *at = bytes;
            while ((at = memchr(at, self->first_chars[f], n - (at - bytes))) != NULL) {
                for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(self->keys); k++) {
                    Py_ssize_t found = PyUnicode_Tailmatch(low, PyTuple_GET_ITEM(self->keys, k),
                                                           at - bytes, n, -1);
                    if (found != 0)
                        return found < 0 ? -1 : 1;
                }
                if (++at == bytes + n)
                    break;
            }
        }
        return 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (kind == PyUnicode_1BYTE_KIND) { /* (a byte at a time: one test in the table) */
            while (i < n && !self->firsts[bytes[i]])
                i++;
            if (i == n)
                break;
        }
        else if (PyUnicode_READ(kind, data, i) >= 128 ||
                 !self->firsts[PyUnicode_READ(kind, data, i)])
            continue;
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(self->keys); k++) {
            Py_ssize_t at = PyUnicode_Tailmatch(low, PyTuple_GET_ITEM(self->keys, k), i, n, -1);
            if (at != 0)
                return at < 0 ? -1 : 1;
        }
    }
    return 0;
}

/* `Reader.read` of a str, once the reader is known to be initialised. */
static PyObject *read_lowered(Reader *self, PyObject *low)
{
    int keyed = holds_key(self, low);
    if (keyed != 0)
        return keyed < 0 ? NULL : Py_NewRef(Py_None);
    PyObject *words = PyFrozenSet_New(NULL);
    if (words == NULL)
        return NULL;
    Changes changes;
    changes_init(&changes);
    int answer = gather(self, low, &changes, words, line_text, space_text);
    PyObject *text = NULL, *edits = NULL, *starts = NULL, *result = NULL;
    if (answer == 1 && changes.count == 0) {
        text = Py_NewRef(low);
        edits = Py_NewRef(no_edits);
        starts = Py_NewRef(no_edits);
    }
    else if (answer == 1) {
        text = edited(low, &changes, &edits, &starts);
        if (text != NULL && text != Py_None && words_joined(text, &changes)) {
            Py_XSETREF(words, words_of(text));
            changes.marks |= MARK_UNKNOWN; /* (its words read again) */
        }
    }
    int marks = changes.marks;
    changes_clear(&changes);
    if (answer == 0 || text == Py_None) {
        Py_XDECREF(text);
        Py_XDECREF(words);
        Py_RETURN_NONE;
    }
    if (text == NULL) {
        Py_XDECREF(words);
        return NULL;
    }
    if (words != NULL)
        result = self->result->tp_alloc(self->result, 4);
    if (result == NULL) {
        Py_DECREF(text);
        Py_DECREF(edits);
        Py_DECREF(starts);
        Py_XDECREF(words);
        return NULL;
    }
    PyTuple_SET_ITEM(result, 0, text);
    PyTuple_SET_ITEM(result, 1, words);
    PyTuple_SET_ITEM(result, 2, starts);
    PyTuple_SET_ITEM(result, 3, edits);
    self->last = result;
    self->last_marks = marks;
    return result;
}

static int ready(Reader *self, PyObject *text)
{
    if (self->result == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Reader not initialised");
        return 0;
    }
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "the text must be a str");
        return 0;
    }
    return 1;
}

static PyObject *Reader_read(Reader *self, PyObject *low)
{
    return ready(self, low) ? read_lowered(self, low) : NULL;
}

#define BYTES_OF(b) ((uint64_t)(b) * 0x0101010101010101ULL) /* the byte b in each of 8 */

/* The bit 7 of each byte of `w` (8 ASCII characters) that is an upper-case letter: each byte
 * plus 0x3F sets its bit 7 from 'A' on, plus 0x25 from past 'Z' (no byte carries over: each
 * is below 0x80). */
static inline uint64_t upper_bits(uint64_t w)
{
    return (w + BYTES_OF(0x3F)) & ~(w + BYTES_OF(0x25)) & BYTES_OF(0x80);
}

static inline int is_upper(Py_UCS1 ch)
{
    return ch >= 'A' && ch <= 'Z';
}

/* `text.lower()` (an ASCII text lower-cased here, eight characters at a time: the same
 * letters). */
static PyObject *lowered(PyObject *text)
{
    if (!PyUnicode_IS_ASCII(text))
        return PyObject_CallMethodNoArgs(text, lower_name);
    const Py_UCS1 *chars = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
    uint64_t w;
    for (; i + 8 <= n; i += 8) { /* (the first eight that hold an upper-case letter) */
        memcpy(&w, chars + i, 8);
        if (upper_bits(w))
            break;
    }
    if (i + 8 > n) {
        Py_ssize_t j = i;
        while (j < n && !is_upper(chars[j]))
            j++;
        if (j == n)
            return Py_NewRef(text);
    }
    PyObject *low = PyUnicode_New(n, 127);
    if (low == NULL)
        return NULL;
    Py_UCS1 *into = PyUnicode_1BYTE_DATA(low);
    memcpy(into, chars, i);
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, chars + i, 8);
        w |= upper_bits(w) >> 2; /* (bit 5, 0x20: the letter's lower case) */
        memcpy(into + i, &w, 8);
    }
    for (; i < n; i++)
        into[i] = is_upper(chars[i]) ? chars[i] + 32 : chars[i];
    return low;
}

static inline int is_curly(Py_UCS4 ch) /* `normalize.CURLY` */
{
    return ch == 0x2019 || ch == 0x2018 || ch == 0x2bc || ch == 0xff07;
}

/* `low.translate(APOSTROPHES)`: its curly apostrophes straight; None when it has none. */
static PyObject *straightened(PyObject *low)
{
    int kind = PyUnicode_KIND(low);
    const void *data = PyUnicode_DATA(low);
    Py_ssize_t n = PyUnicode_GET_LENGTH(low), curly = 0;
    Py_UCS4 most = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (is_curly(ch))
            curly++;
        else if (ch > most)
            most = ch;
    }
    if (curly == 0)
        return Py_NewRef(Py_None);
    PyObject *straight = PyUnicode_New(n, Py_MAX(most, (Py_UCS4)'\''));
    if (straight == NULL)
        return NULL;
    int into = PyUnicode_KIND(straight);
    void *out = PyUnicode_DATA(straight);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        PyUnicode_WRITE(into, out, i, is_curly(ch) ? '\'' : ch);
    }
    return straight;
}

/* What `Normalizer.normalize` gives for `low` read in C: a new reference to the answer, None
 * when declined (also for a text with curly apostrophes declined once they are straight), or
 * NULL on an error. */
static PyObject *read_straight(Reader *self, PyObject *low)
{
    PyObject *found = read_lowered(self, low);
    if (found != Py_None || PyUnicode_IS_ASCII(low))
        return found;
    Py_DECREF(found);
    PyObject *straight = straightened(low);
    if (straight == NULL || straight == Py_None)
        return straight;
    found = read_lowered(self, straight);
    Py_DECREF(straight);
    return found;
}

/* `Normalizer.normalize` of `text` before `after`: read here or by `declined(text, low)`. */
static PyObject *normalized(Reader *self, PyObject *text)
{
    PyObject *low = lowered(text);
    if (low == NULL)
        return NULL;
    PyObject *found = Py_None;
    if (PyUnicode_GET_LENGTH(low) == PyUnicode_GET_LENGTH(text)) {
        found = read_straight(self, low);
        if (found != Py_None) {
            Py_DECREF(low);
            return found;
        }
        Py_DECREF(found);
    }
    found = PyObject_CallFunctionObjArgs(self->declined, text, low, NULL);
    Py_DECREF(low);
    return found;
}

static PyObject *Reader_normalize(Reader *self, PyObject *text)
{
    if (!ready(self, text))
        return NULL;
    self->last = NULL;
    PyObject *found = normalized(self, text);
    if (found == NULL || self->after == Py_None)
        return found;
    /* `after(found)` where its words hold "lets" (`Normalizer._suggestions`) */
    if (!PyTuple_Check(found) || PyTuple_GET_SIZE(found) < 2 ||
        !PyAnySet_Check(PyTuple_GET_ITEM(found, 1))) {
        Py_DECREF(found);
        PyErr_SetString(PyExc_TypeError, "declined must give a Normalized text");
        return NULL;
    }
    int lets = found == self->last && !(self->last_marks & MARK_UNKNOWN)
                   ? (self->last_marks & MARK_LETS) != 0 /* (as its readings said) */
                   : PySet_Contains(PyTuple_GET_ITEM(found, 1), lets_text);
    if (lets == 0)
        return found;
    self->last = NULL; /* (its words are read again) */
    PyObject *after = lets < 0 ? NULL : PyObject_CallOneArg(self->after, found);
    Py_DECREF(found);
    return after;
}

static int Reader_init(Reader *self, PyObject *args, PyObject *kwargs)
{
    PyObject *tokens, *runs, *read_token, *read_run, *keys, *result, *declined, *after = Py_None;
    PyObject *foreign = Py_None;
    static char *names[] = {"tokens",   "runs",  "read_token", "read_run", "keys", "result",
                            "declined", "after", "foreign",    NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!O!OOO!O!O|OO:Reader", names, &PyDict_Type,
                                     &tokens, &PyDict_Type, &runs, &read_token, &read_run,
                                     &PyTuple_Type, &keys, &PyType_Type, &result, &declined,
                                     &after, &foreign))
        return -1;
    if (foreign != Py_None && !PyFrozenSet_CheckExact(foreign)) {
        PyErr_SetString(PyExc_TypeError, "foreign must be a frozenset or None");
        return -1;
    }
    if (!PyType_IsSubtype((PyTypeObject *)result, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "result must be a tuple type");
        return -1;
    }
    unsigned char firsts[256] = {0};
    int empty_key = 0, find_all = 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(keys); i++) {
        PyObject *key = PyTuple_GET_ITEM(keys, i);
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "keys must be strs");
            return -1;
        }
        if (PyUnicode_GET_LENGTH(key) == 0)
            empty_key = 1;
        else if (PyUnicode_READ_CHAR(key, 0) >= 128)
            find_all = 1;
        else
            firsts[PyUnicode_READ_CHAR(key, 0)] = 1;
    }
    memcpy(self->firsts, firsts, sizeof firsts);
    self->first_count = 0;
    for (int ch = 0; ch < 128; ch++) {
        if (!firsts[ch])
            continue;
        if (self->first_count == 4 || self->first_count < 0) {
            self->first_count = -1;
            break;
        }
        self->first_chars[self->first_count++] = (unsigned char)ch;
    }
    self->empty_key = empty_key;
    self->find_all = find_all;
    kept_clear(&self->kept); /* (the readings of another `tokens`, if initialised before) */
    kept_clear(&self->kept_runs);
    self->last = NULL;
    Py_XSETREF(self->foreign, foreign == Py_None ? NULL : Py_NewRef(foreign));
    Py_XSETREF(self->tokens, Py_NewRef(tokens));
    Py_XSETREF(self->runs, Py_NewRef(runs));
    Py_XSETREF(self->read_token, Py_NewRef(read_token));
    Py_XSETREF(self->read_run, Py_NewRef(read_run));
    Py_XSETREF(self->keys, Py_NewRef(keys));
    Py_XSETREF(self->declined, Py_NewRef(declined));
    Py_XSETREF(self->after, Py_NewRef(after));
    Py_XSETREF(self->result, (PyTypeObject *)Py_NewRef(result));
    return 0;
}

static int Reader_traverse(Reader *self, visitproc visit, void *arg)
{
    Py_VISIT(self->tokens);
    Py_VISIT(self->runs);
    Py_VISIT(self->read_token);
    Py_VISIT(self->read_run);
    Py_VISIT(self->keys);
    Py_VISIT(self->declined);
    Py_VISIT(self->after);
    Py_VISIT(self->result);
    Py_VISIT(self->foreign);
    return 0;
}

static int Reader_clear(Reader *self)
{
    Py_CLEAR(self->tokens);
    Py_CLEAR(self->runs);
    Py_CLEAR(self->read_token);
    Py_CLEAR(self->read_run);
    Py_CLEAR(self->keys);
    Py_CLEAR(self->declined);
    Py_CLEAR(self->after);
    Py_CLEAR(self->result);
    Py_CLEAR(self->foreign);
    self->last = NULL;
    kept_clear(&self->kept);
    kept_clear(&self->kept_runs);
    return 0;
}

static void Reader_dealloc(Reader *self)
{
    PyObject_GC_UnTrack(self);
    Reader_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* -- evidence: the hits' spans as the person typed them (see evidence.py, its twin) ------- */

typedef struct {
    Py_ssize_t order, start, end, index; /* the hit's flag's rank, its span, where it was */
} Span;

/* Where a new record of `kind` gets slot `field` (a member descriptor) written directly: its
 * offset in the object, or -1 where the descriptor must set it (a member of another sort).
 * (`member_set` checked the object's type and the member's each time: about 50 instructions
 * a slot, some 5 records' worth of slots a message.) */
static Py_ssize_t direct_offset(PyObject *field, PyObject *kind)
{
    PyMemberDef *member = ((PyMemberDescrObject *)field)->d_member;
    if (member->type != T_OBJECT_EX || (member->flags & READONLY) ||
        !PyType_IsSubtype((PyTypeObject *)kind, PyDescr_TYPE(field)))
        return -1;
    return member->offset;
}

/* Set slot `field` (at `offset`, see direct_offset) of `item`, a record just made, to `value`
 * (not NULL). */
static inline int set_new_slot(PyObject *item, PyObject *field, Py_ssize_t offset,
                               PyObject *value)
{
    if (offset < 0)
        return PyMemberDescr_Type.tp_descr_set(field, item, value);
    PyObject **at = (PyObject **)((char *)item + offset);
    Py_XSETREF(*at, Py_NewRef(value)); /* (empty but where a name is given twice) */
    return 0;
}

static PyObject *evidence_kind, *evidence_fields[4]; /* the record type and its slots, kept */
static Py_ssize_t evidence_offsets[4];                /* the slots' offsets (direct_offset) */

/* The slots `flag`, `start`, `end`, `why` of `kind` (member descriptors), kept once read. */
static int evidence_ready(PyObject *kind)
{
    static const char *names[4] = {"flag", "start", "end", "why"};
    if (kind == evidence_kind)
        return 0;
    if (!PyType_Check(kind)) {
        PyErr_SetString(PyExc_TypeError, "the evidence kind must be a type");
        return -1;
    }
    PyObject *fields[4];
    for (int i = 0; i < 4; i++) {
        fields[i] = PyObject_GetAttrString(kind, names[i]);
        if (fields[i] == NULL || !Py_IS_TYPE(fields[i], &PyMemberDescr_Type)) {
            for (int j = 0; j <= i; j++)
                Py_XDECREF(fields[j]);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "the evidence kind must have slots");
            return -1;
        }
    }
    for (int i = 0; i < 4; i++) {
        Py_XSETREF(evidence_fields[i], fields[i]);
        evidence_offsets[i] = direct_offset(fields[i], kind);
    }
    Py_XSETREF(evidence_kind, Py_NewRef(kind));
    return 0;
}

/* An int of a tuple as a Py_ssize_t; -1 with an error set when it is none. */
static Py_ssize_t int_at(PyObject *tuple, Py_ssize_t i)
{
    PyObject *item = PyTuple_GET_ITEM(tuple, i);
    if (!PyLong_CheckExact(item)) {
        PyErr_SetString(PyExc_TypeError, "an int was expected");
        return -1;
    }
    return PyLong_AsSsize_t(item);
}

/* `Normalized._map`: a position of the normalized text in the original, into `*out`. -1 on
 * an error. */
static int mapped(PyObject *starts, PyObject *edits, Py_ssize_t position, int is_end,
                  Py_ssize_t *out)
{
    Py_ssize_t key = is_end ? position - 1 : position, low = 0, high = PyTuple_GET_SIZE(starts);
    while (low < high) { /* bisect_right */
        Py_ssize_t middle = (low + high) / 2, at = int_at(starts, middle);
        if (at == -1 && PyErr_Occurred())
            return -1;
        if (key < at)
            high = middle;
        else
            low = middle + 1;
    }
    if (low == 0) {
        *out = position;
        return 0;
    }
    PyObject *edit = PyTuple_GET_ITEM(edits, low - 1);
    if (!PyTuple_Check(edit) || PyTuple_GET_SIZE(edit) != 4) {
        PyErr_SetString(PyExc_TypeError, "an edit is four ints");
        return -1;
    }
    Py_ssize_t norm_end = int_at(edit, 1), orig_start = int_at(edit, 2), orig_end = int_at(edit, 3);
    if (PyErr_Occurred())
        return -1;
    if (position < norm_end || (is_end && position == norm_end))
        *out = is_end ? orig_end : orig_start;
    else
        *out = position - norm_end + orig_end;
    return 0;
}

static inline int trimmed_char(Py_UCS4 ch) /* what `_trim` takes off: space, ",", ";" */
{
    return Py_UNICODE_ISSPACE(ch) || ch == ',' || ch == ';';
}

/* A flag's rank in the order of flags, found by the flag object (`flag` held; NULL: empty). */
typedef struct {
    PyObject *flag;
    Py_ssize_t rank;
} Ranked;

#define RANKED 512 /* the slots of an `EvidenceOf`'s ranks found (one an object: the last met) */

/* What the evidence is made with: the order of flags (a dict: flag -> rank), the ranks found
 * in it by flag object (`ranked`, RANKED slots; NULL: each looked up), the record type, its
 * slots `flag`, `start`, `end` and `why` with their offsets (`direct_offset`), and the twin. */
typedef struct {
    PyObject *order, *kind, *twin;
    PyObject *fields[4];
    Py_ssize_t offsets[4];
    Ranked *ranked;
} Recipe;

/* The rank of `flag` in `recipe`'s order (-1 with KeyError where it has none, or another
 * error; else `*rank` set). */
static int rank_of(Recipe *recipe, PyObject *flag, Py_ssize_t *rank)
{
    Ranked *slot = NULL;
    if (recipe->ranked != NULL) {
        uintptr_t address = (uintptr_t)flag;
        slot = &recipe->ranked[((address >> 4) ^ (address >> 13)) % RANKED];
        if (slot->flag == flag) {
            *rank = slot->rank;
            return 0;
        }
    }
    PyObject *found = PyDict_GetItemWithError(recipe->order, flag);
    if (found == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetObject(PyExc_KeyError, flag);
        return -1;
    }
    *rank = PyLong_AsSsize_t(found);
    if (*rank == -1 && PyErr_Occurred())
        return -1;
    if (slot != NULL && PyUnicode_CheckExact(flag)) { /* (a str: its rank stays) */
        Py_XSETREF(slot->flag, Py_NewRef(flag));
        slot->rank = *rank;
    }
    return 0;
}

/* The evidence of `hits` by `recipe` (see evidence.py's `evidence_of`); where a span falls
 * outside the text, what twin(hits, normalized, text, order) answers (the Python twin: an
 * IndexError, or a negative position read from the end as Python reads it). */
static PyObject *evidence_by(Recipe *recipe, PyObject *hits, PyObject *normalized,
                             PyObject *text)
{
    PyObject *order = recipe->order;
    if (!PyList_Check(hits) || !PyTuple_Check(normalized) || PyTuple_GET_SIZE(normalized) < 4 ||
        !PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "evidence of (list, Normalized, str)");
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(hits);
    if (count == 0)
        return PyTuple_New(0);
    PyObject *starts = PyTuple_GET_ITEM(normalized, 2), *edits = PyTuple_GET_ITEM(normalized, 3);
    if (!PyTuple_Check(starts) || !PyTuple_Check(edits) ||
        PyTuple_GET_SIZE(starts) != PyTuple_GET_SIZE(edits)) {
        PyErr_SetString(PyExc_TypeError, "the edits must be tuples of one length");
        return NULL;
    }
    int with_edits = PyTuple_GET_SIZE(edits) > 0;
    Span stack[16], *spans = count <= 16 ? stack : PyMem_Malloc(count * sizeof(Span));
    PyObject *items = NULL, *result = NULL;
    if (spans == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *hit = PyList_GET_ITEM(hits, i);
        if (!PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) < 4) {
            PyErr_SetString(PyExc_TypeError, "a hit is a (flag, start, end, why, ...) tuple");
            goto done;
        }
        Py_ssize_t rank;
        if (rank_of(recipe, PyTuple_GET_ITEM(hit, 0), &rank) < 0)
            goto done;
        Span span = {rank, int_at(hit, 1), int_at(hit, 2), i};
        if (PyErr_Occurred())
            goto done;
        Py_ssize_t j = i; /* insertion sort by (order, start, end): stable, as `sorted` */
        while (j > 0 && (spans[j - 1].order > span.order ||
                         (spans[j - 1].order == span.order &&
                          (spans[j - 1].start > span.start ||
                           (spans[j - 1].start == span.start && spans[j - 1].end > span.end))))) {
            spans[j] = spans[j - 1];
            j--;
        }
        spans[j] = span;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), made = 0;
    items = PyTuple_New(count);
    if (items == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < count; i++) {
        Py_ssize_t start = spans[i].start, end = spans[i].end;
        if (with_edits && (mapped(starts, edits, spans[i].start, 0, &start) < 0 ||
                           mapped(starts, edits, spans[i].end, 1, &end) < 0))
            goto done;
        if (start < 0 || end > length || end < 0 || start > length) {
            PyObject *twin_args[4] = {hits, normalized, text, order};
            result = PyObject_Vectorcall(recipe->twin, twin_args, 4, NULL); /* the twin answers */
            goto done;
        }
        if (!(start < end && Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, start)) &&
              Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, end - 1)))) {
            while (start < end && trimmed_char(PyUnicode_READ(kind, data, start)))
                start++;
            while (end > start && trimmed_char(PyUnicode_READ(kind, data, end - 1)))
                end--;
        }
        PyObject *hit = PyList_GET_ITEM(hits, spans[i].index);
        PyObject *flag = PyTuple_GET_ITEM(hit, 0);
        int seen = 0;
        for (Py_ssize_t k = 0; k < made && !seen; k++) {
            if (spans[k].start != start || spans[k].end != end)
                continue;
            PyObject *other = PyTuple_GET_ITEM(PyList_GET_ITEM(hits, spans[k].index), 0);
            seen = other == flag ? 1
                   : PyUnicode_CheckExact(other) && PyUnicode_CheckExact(flag)
                       ? PyUnicode_GET_LENGTH(other) == PyUnicode_GET_LENGTH(flag) &&
                             PyUnicode_Compare(other, flag) == 0 /* (two flags: two strs) */
                       : PyObject_RichCompareBool(other, flag, Py_EQ);
            if (seen < 0)
                goto done;
        }
        if (seen)
            continue;
        PyTypeObject *type = (PyTypeObject *)recipe->kind;
        PyObject *item = type->tp_alloc(type, 0);
        if (item == NULL)
            goto done;
        PyTuple_SET_ITEM(items, made, item);
        PyObject *values[4] = {flag, PyLong_FromSsize_t(start), PyLong_FromSsize_t(end),
                               PyTuple_GET_ITEM(hit, 3)};
        int failed = values[1] == NULL || values[2] == NULL;
        for (int f = 0; f < 4 && !failed; f++)
            failed = set_new_slot(item, recipe->fields[f], recipe->offsets[f], values[f]) < 0;
        Py_XDECREF(values[1]);
        Py_XDECREF(values[2]);
        made++;
        if (failed)
            goto done;
        /* the kept spans, to dedupe by: the first `made` of `spans` (read ahead of writing) */
        spans[made - 1].start = start;
        spans[made - 1].end = end;
        spans[made - 1].index = spans[i].index;
    }
    if (made < count && _PyTuple_Resize(&items, made) < 0)
        goto done;
    result = items;
    items = NULL;
done:
    if (spans != stack)
        PyMem_Free(spans);
    Py_XDECREF(items);
    return result;
}

/* evidence(order, kind, twin, hits, normalized, text): `evidence_by` of a recipe of these
 * (the record type's slots kept once read; no ranks kept). */
static PyObject *evidence(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError, "evidence takes 6 arguments");
        return NULL;
    }
    if (!PyDict_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "evidence(dict, type, twin, list, Normalized, str)");
        return NULL;
    }
    if (PyList_Check(args[3]) && PyList_GET_SIZE(args[3]) > 0 && evidence_ready(args[1]) < 0)
        return NULL;
    Recipe recipe = {args[0], evidence_kind, args[2], {NULL}, {0}, NULL};
    memcpy(recipe.fields, evidence_fields, sizeof recipe.fields);
    memcpy(recipe.offsets, evidence_offsets, sizeof recipe.offsets);
    return evidence_by(&recipe, args[3], args[4], args[5]);
}

/* -- EvidenceOf: `evidence` with its order, record type and twin bound ---------------------
 *
 * `EvidenceOf(order, kind, twin)`, called with (hits, normalized, text), answers as
 * `evidence(order, kind, twin, hits, normalized, text)` does: one object the glue calls, where
 * a `functools.partial` copied the arguments (and past five of them allocated room for them),
 * with the record type's slots read when made and each flag's rank kept by the flag object
 * (the order is read as it is then: evidence.py's FLAG_ORDER, never changed). */
typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    Recipe recipe;
} EvidenceOf;

static PyObject *EvidenceOf_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf,
                                       PyObject *kwnames)
{
    EvidenceOf *self = (EvidenceOf *)callable;
    if (self->recipe.ranked == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "EvidenceOf not initialised");
        return NULL;
    }
    if (PyVectorcall_NARGS(nargsf) != 3 || (kwnames != NULL && PyTuple_GET_SIZE(kwnames) > 0)) {
        PyErr_SetString(PyExc_TypeError, "evidence_of(hits, normalized, text), by position");
        return NULL;
    }
    return evidence_by(&self->recipe, args[0], args[1], args[2]);
}

static PyObject *EvidenceOf_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    EvidenceOf *self = (EvidenceOf *)PyType_GenericNew(type, args, kwargs);
    if (self != NULL) /* (a call before it is made is refused there) */
        self->vectorcall = EvidenceOf_vectorcall;
    return (PyObject *)self;
}

static void recipe_clear(Recipe *recipe)
{
    Py_CLEAR(recipe->order);
    Py_CLEAR(recipe->kind);
    Py_CLEAR(recipe->twin);
    for (int i = 0; i < 4; i++)
        Py_CLEAR(recipe->fields[i]);
    Ranked *ranked = recipe->ranked;
    recipe->ranked = NULL;
    for (int i = 0; ranked != NULL && i < RANKED; i++)
        Py_XDECREF(ranked[i].flag);
    PyMem_Free(ranked);
}

static int EvidenceOf_init(EvidenceOf *self, PyObject *args, PyObject *kwargs)
{
    static const char *names[4] = {"flag", "start", "end", "why"};
    PyObject *order, *kind, *twin;
    static char *keywords[] = {"order", "kind", "twin", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!O!O:EvidenceOf", keywords, &PyDict_Type,
                                     &order, &PyType_Type, &kind, &twin))
        return -1;
    recipe_clear(&self->recipe);
    Recipe recipe = {order, kind, twin, {NULL}, {0}, NULL};
    for (int i = 0; i < 4; i++) {
        PyObject *field = PyObject_GetAttrString(kind, names[i]);
        recipe.fields[i] = field;
        if (field == NULL || !Py_IS_TYPE(field, &PyMemberDescr_Type)) {
            for (int j = 0; j <= i; j++)
                Py_XDECREF(recipe.fields[j]);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "the evidence kind must have slots");
            return -1;
        }
        recipe.offsets[i] = direct_offset(field, kind);
    }
    recipe.ranked = PyMem_Calloc(RANKED, sizeof(Ranked));
    if (recipe.ranked == NULL) {
        for (int i = 0; i < 4; i++)
            Py_DECREF(recipe.fields[i]);
        PyErr_NoMemory();
        return -1;
    }
    Py_INCREF(order);
    Py_INCREF(kind);
    Py_INCREF(twin);
    self->recipe = recipe;
    self->vectorcall = EvidenceOf_vectorcall;
    return 0;
}

static int EvidenceOf_traverse(EvidenceOf *self, visitproc visit, void *arg)
{
    Py_VISIT(self->recipe.order);
    Py_VISIT(self->recipe.kind);
    Py_VISIT(self->recipe.twin);
    return 0; /* (the slots' descriptors and the flags kept hold nothing back) */
}

static int EvidenceOf_clear(EvidenceOf *self)
{
    recipe_clear(&self->recipe);
    return 0;
}

static void EvidenceOf_dealloc(EvidenceOf *self)
{
    PyObject_GC_UnTrack(self);
    EvidenceOf_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject EvidenceOfType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tending.coach._normalize.EvidenceOf",
    .tp_basicsize = sizeof(EvidenceOf),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "EvidenceOf(order, kind, twin): called with (hits, normalized, text), "
              "evidence(order, kind, twin, hits, normalized, text) (see evidence.py)",
    .tp_new = EvidenceOf_new,
    .tp_init = (initproc)EvidenceOf_init,
    .tp_dealloc = (destructor)EvidenceOf_dealloc,
    .tp_traverse = (traverseproc)EvidenceOf_traverse,
    .tp_clear = (inquiry)EvidenceOf_clear,
    .tp_vectorcall_offset = offsetof(EvidenceOf, vectorcall),
    .tp_call = PyVectorcall_Call,
};

/* stems(kept, words): `stems.stems` (its twin): `words` with the stem of each, as
 * `kept[word]` gives it (a dict whose `__missing__` works a stem out and keeps it). */
static PyObject *stems(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyDict_Check(args[0]) || !PyFrozenSet_CheckExact(args[1])) {
        PyErr_SetString(PyExc_TypeError, "stems(dict, frozenset)");
        return NULL;
    }
    PyObject *kept = args[0], *words = args[1], *word, *found = PyFrozenSet_New(words);
    Py_ssize_t position = 0;
    Py_hash_t hash;
    if (found == NULL)
        return NULL;
    while (_PySet_NextEntry(words, &position, &word, &hash)) {
        PyObject *stem = PyDict_GetItemWithError(kept, word);
        if (stem != NULL)
            Py_INCREF(stem);
        else if (!PyErr_Occurred())
            stem = PyObject_GetItem(kept, word); /* worked out (and kept) by `__missing__` */
        if (stem == NULL || PySet_Add(found, stem) < 0) {
            Py_XDECREF(stem);
            Py_DECREF(found);
            return NULL;
        }
        Py_DECREF(stem);
    }
    return found;
}

/* -- Maker: records made by setting their slots (model.py's `new_evidence` and others) ---- */

#define MAKER_FIELDS 16 /* the most slots a Maker sets */

typedef struct {
    PyObject_HEAD
    PyTypeObject *kind;
    PyObject *fields; /* the member descriptors of the slots set, in the order given */
    PyObject *bound;  /* the values of the first slots, the same each time (a tuple) */
    vectorcallfunc vectorcall;
    Py_ssize_t offsets[MAKER_FIELDS]; /* each one's offset (direct_offset) */
} Maker;

static PyObject *Maker_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf,
                                  PyObject *kwnames)
{
    Maker *self = (Maker *)callable;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf), count;
    if (self->fields == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Maker not initialised");
        return NULL;
    }
    Py_ssize_t bound = PyTuple_GET_SIZE(self->bound);
    count = PyTuple_GET_SIZE(self->fields);
    if (nargs != count - bound || (kwnames != NULL && PyTuple_GET_SIZE(kwnames) > 0)) {
        PyErr_Format(PyExc_TypeError, "a %s is made of %zd values, given by position",
                     self->kind->tp_name, count - bound);
        return NULL;
    }
    PyObject *item = self->kind->tp_alloc(self->kind, 0);
    if (item == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *value = i < bound ? PyTuple_GET_ITEM(self->bound, i) : args[i - bound];
        if (set_new_slot(item, PyTuple_GET_ITEM(self->fields, i), self->offsets[i], value) < 0) {
            Py_DECREF(item);
            return NULL;
        }
    }
    return item;
}

static int Maker_init(Maker *self, PyObject *args, PyObject *kwargs)
{
    PyObject *kind, *names, *bound = NULL;
    static char *keywords[] = {"kind", "names", "bound", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!O!|O!:Maker", keywords, &PyType_Type,
                                     &kind, &PyTuple_Type, &names, &PyTuple_Type, &bound))
        return -1;
    if (bound != NULL && PyTuple_GET_SIZE(bound) > PyTuple_GET_SIZE(names)) {
        PyErr_SetString(PyExc_TypeError, "more values bound than names");
        return -1;
    }
    if (((PyTypeObject *)kind)->tp_alloc == NULL) {
        PyErr_SetString(PyExc_TypeError, "the kind cannot be allocated");
        return -1;
    }
    if (PyTuple_GET_SIZE(names) > MAKER_FIELDS) {
        PyErr_Format(PyExc_TypeError, "a Maker sets at most %d slots", MAKER_FIELDS);
        return -1;
    }
    PyObject *fields = PyTuple_New(PyTuple_GET_SIZE(names));
    if (fields == NULL)
        return -1;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(names); i++) {
        PyObject *field = PyObject_GetAttr(kind, PyTuple_GET_ITEM(names, i));
        if (field == NULL || !Py_IS_TYPE(field, &PyMemberDescr_Type) ||
            !PyType_IsSubtype((PyTypeObject *)kind, PyDescr_TYPE(field))) {
            if (field != NULL)
                PyErr_SetString(PyExc_TypeError, "each name must be a slot of the kind");
            Py_XDECREF(field);
            Py_DECREF(fields);
            return -1;
        }
        PyTuple_SET_ITEM(fields, i, field);
        self->offsets[i] = direct_offset(field, kind);
    }
    Py_XSETREF(self->fields, fields);
    Py_XSETREF(self->kind, (PyTypeObject *)Py_NewRef(kind));
    Py_XSETREF(self->bound, bound != NULL ? Py_NewRef(bound) : PyTuple_New(0));
    if (self->bound == NULL) {
        Py_CLEAR(self->fields); /* (refused until made again) */
        return -1;
    }
    self->vectorcall = Maker_vectorcall;
    return 0;
}

static int Maker_traverse(Maker *self, visitproc visit, void *arg)
{
    Py_VISIT(self->kind);
    Py_VISIT(self->fields);
    Py_VISIT(self->bound);
    return 0;
}

static int Maker_clear(Maker *self)
{
    Py_CLEAR(self->kind);
    Py_CLEAR(self->fields);
    Py_CLEAR(self->bound);
    return 0;
}

static void Maker_dealloc(Maker *self)
{
    PyObject_GC_UnTrack(self);
    Maker_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject MakerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tending.coach._normalize.Maker",
    .tp_basicsize = sizeof(Maker),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "Maker(kind, names, bound=()): calling it with one value a name (after those "
              "`bound`, the values of the first names) makes a `kind` whose slots `names` hold "
              "them, set directly (no __init__; see model.py)",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Maker_init,
    .tp_dealloc = (destructor)Maker_dealloc,
    .tp_traverse = (traverseproc)Maker_traverse,
    .tp_clear = (inquiry)Maker_clear,
    .tp_vectorcall_offset = offsetof(Maker, vectorcall),
    .tp_call = PyVectorcall_Call,
};

/* -- Guess: the language guess's fast path (language.py's `LanguageGuesser.guess`) --------
 *
 * `Guess(telling, reference)`, called with (text, words), answers as `guess`: a text of
 * ASCII characters by `reference(text, words)` (`guess_reference`, whose first test is
 * `guess`'s); another "en" when none of its tokens (split on white space, as `str.split`
 * splits) can tell the guess anything (`telling[token]`: `language._Telling`, whose
 * `__missing__` works it out and keeps it), else `reference(text, words)`. What `telling`
 * keeps is kept here too, found by the token's characters as the reader finds its tokens
 * (no str made, no SipHash): about a tenth of messages hold an emoji, and were read token by
 * token in Python (about 1 us). */
typedef struct {
    PyObject_HEAD
    PyObject *telling, *reference;
    KeptTable kept; /* token -> True or False (in `change`) */
    vectorcallfunc vectorcall;
} Guess;

static PyObject *english_code; /* "en" */

/* `telling[token]` of the token text[start:end] (`data`, of `kind`), as `any` reads it: 1,
 * 0, or -1 on an error. */
static int token_tells(Guess *self, PyObject *text, int kind, const void *data,
                       Py_ssize_t start, Py_ssize_t end)
{
    uint64_t hash = HASH_START;
    for (Py_ssize_t i = start; i < end; i++)
        hash = HASH_STEP(hash, PyUnicode_READ(kind, data, i));
    hash = HASH_END(hash);
    int keepable = end - start <= KEPT_LENGTH;
    const Kept *slot = keepable ? kept_find(&self->kept, kind, data, start, end - start, hash)
                                : NULL;
    if (slot != NULL && slot->token != NULL)
        return slot->change == Py_True;
    PyObject *token = PyUnicode_Substring(text, start, end);
    if (token == NULL)
        return -1;
    PyObject *found = PyDict_GetItemWithError(self->telling, token);
    if (found != NULL)
        Py_INCREF(found);
    else if (!PyErr_Occurred())
        found = PyObject_GetItem(self->telling, token); /* (`__missing__`) */
    int answer = found == NULL ? -1 : PyObject_IsTrue(found);
    if (answer >= 0 && keepable && (found == Py_True || found == Py_False)) {
        PyObject *held = PyDict_GetItemWithError(self->telling, token);
        if (held == found)
            answer = kept_put(&self->kept, token, hash, Py_NewRef(found), NULL, 0) < 0 ? -1 : answer;
        else if (held == NULL && PyErr_Occurred())
            answer = -1;
    }
    Py_DECREF(token);
    Py_XDECREF(found);
    return answer;
}

static PyObject *Guess_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf,
                                  PyObject *kwnames)
{
    Guess *self = (Guess *)callable;
    if (self->telling == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Guess not initialised");
        return NULL;
    }
    if (PyVectorcall_NARGS(nargsf) != 2 || (kwnames != NULL && PyTuple_GET_SIZE(kwnames) > 0) ||
        !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "guess(text: str, words), given by position");
        return NULL;
    }
    PyObject *text = args[0];
    if (PyUnicode_IS_ASCII(text))
        return PyObject_Vectorcall(self->reference, args, 2, NULL);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
    while (i < n) {
        while (i < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            i++;
        if (i == n)
            break;
        Py_ssize_t j = i + 1;
        while (j < n && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)))
            j++;
        int tells = token_tells(self, text, kind, data, i, j);
        if (tells < 0)
            return NULL;
        if (tells)
            return PyObject_Vectorcall(self->reference, args, 2, NULL);
        i = j;
    }
    return Py_NewRef(english_code);
}

static int Guess_init(Guess *self, PyObject *args, PyObject *kwargs)
{
    PyObject *telling, *reference;
    static char *names[] = {"telling", "reference", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!O:Guess", names, &PyDict_Type, &telling,
                                     &reference))
        return -1;
    if (!PyCallable_Check(reference)) {
        PyErr_SetString(PyExc_TypeError, "reference must be callable");
        return -1;
    }
    kept_clear(&self->kept);
    Py_XSETREF(self->telling, Py_NewRef(telling));
    Py_XSETREF(self->reference, Py_NewRef(reference));
    self->vectorcall = Guess_vectorcall;
    return 0;
}

static int Guess_traverse(Guess *self, visitproc visit, void *arg)
{
    Py_VISIT(self->telling);
    Py_VISIT(self->reference); /* (the kept tokens and answers are str and bools) */
    return 0;
}

static int Guess_clear(Guess *self)
{
    Py_CLEAR(self->telling);
    Py_CLEAR(self->reference);
    kept_clear(&self->kept);
    return 0;
}

static void Guess_dealloc(Guess *self)
{
    PyObject_GC_UnTrack(self);
    Guess_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject GuessType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tending.coach._normalize.Guess",
    .tp_basicsize = sizeof(Guess),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "Guess(telling, reference): called with (text, words), the language guess "
              "(see language.py's LanguageGuesser.guess)",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Guess_init,
    .tp_dealloc = (destructor)Guess_dealloc,
    .tp_traverse = (traverseproc)Guess_traverse,
    .tp_clear = (inquiry)Guess_clear,
    .tp_vectorcall_offset = offsetof(Guess, vectorcall),
    .tp_call = PyVectorcall_Call,
};

static PyMethodDef module_methods[] = {
    {"stems", (PyCFunction)(void (*)(void))stems, METH_FASTCALL,
     "stems(kept, words): the words with their stems, kept[word] each (see stems.stems)"},
    {"evidence", (PyCFunction)(void (*)(void))evidence, METH_FASTCALL,
     "evidence(order, kind, twin, hits, normalized, text): the evidence records of the hits "
     "(see evidence.py); twin(hits, normalized, text, order) answers for a span outside the "
     "text"},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef Reader_methods[] = {
    {"read", (PyCFunction)Reader_read, METH_O,
     "read(low): the Normalized text of a lower-cased text, or None (the Python path reads it)"},
    {"normalize", (PyCFunction)Reader_normalize, METH_O,
     "normalize(text): Normalizer.normalize(text), read here or by declined(text, low), then "
     "given to after(found) where its words hold 'lets'"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ReaderType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tending.coach._normalize.Reader",
    .tp_basicsize = sizeof(Reader),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "The normalizer's fast path (see normalize.py).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Reader_init,
    .tp_dealloc = (destructor)Reader_dealloc,
    .tp_traverse = (traverseproc)Reader_traverse,
    .tp_clear = (inquiry)Reader_clear,
    .tp_methods = Reader_methods,
};

/* -- what the glue reads of a reader (`_reader_api`, a capsule; the struct in `_reader_api.h`,
 * which `_glue.c` includes too) ------------------------------------------------------------ */
#include "_reader_api.h"

static PyObject *reader_foreign(PyObject *reader)
{
    return ((Reader *)reader)->foreign;
}

static int reader_words_apart(PyObject *reader, PyObject *normalized)
{
    Reader *self = (Reader *)reader;
    if (self->foreign == NULL || normalized != self->last || (self->last_marks & MARK_UNKNOWN))
        return -1;
    return (self->last_marks & MARK_FOREIGN) ? 0 : 1;
}

static ReaderApi reader_api = {READER_API_VERSION, &ReaderType, (PyCFunction)Reader_normalize,
                               reader_foreign, reader_words_apart};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_normalize", "The normalizer's fast path in C (see normalize.py).",
    -1, module_methods,
};

PyMODINIT_FUNC PyInit__normalize(void)
{
    line_text = PyUnicode_InternFromString("\n");
    space_text = PyUnicode_InternFromString(" ");
    lower_name = PyUnicode_InternFromString("lower");
    lets_text = PyUnicode_InternFromString("lets");
    english_code = PyUnicode_InternFromString("en");
    no_edits = PyTuple_New(0);
    if (line_text == NULL || space_text == NULL || lower_name == NULL || no_edits == NULL ||
        lets_text == NULL || english_code == NULL)
        return NULL;
    if (PyType_Ready(&ReaderType) < 0 || PyType_Ready(&MakerType) < 0 ||
        PyType_Ready(&GuessType) < 0 || PyType_Ready(&EvidenceOfType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddObjectRef(m, "Reader", (PyObject *)&ReaderType) < 0 ||
        PyModule_AddObjectRef(m, "Maker", (PyObject *)&MakerType) < 0 ||
        PyModule_AddObjectRef(m, "Guess", (PyObject *)&GuessType) < 0 ||
        PyModule_AddObjectRef(m, "EvidenceOf", (PyObject *)&EvidenceOfType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    PyObject *api = PyCapsule_New(&reader_api, "tending.coach._normalize._reader_api", NULL);
    if (api == NULL || PyModule_AddObjectRef(m, "_reader_api", api) < 0) {
        Py_XDECREF(api);
        Py_DECREF(m);
        return NULL;
    }
    Py_DECREF(api);
    return m;
}
