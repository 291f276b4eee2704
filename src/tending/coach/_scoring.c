/* The coach's second opinion, scored in C (see learned.py, which this speeds up).
 *
 * `Scorer(rows, classes, lines, allowed)` holds the fitted weights of `learned.tsv`: `rows`
 * maps a feature's name ("you", "#feeling", "you never", "<s> i") to its pairs as written
 * ("5:1.25 7:-0.3"). `sums(text)` reads the features of a normalized text exactly as
 * `learned.feature_keys` does (tokens `[a-z']+|[^\sa-z']`, each word's class, neighbouring
 * pairs of both, the first token or class after "<s>"), adds the weights of the distinct ones
 * in thousandths, and returns (above, sums): `sums` the 24 totals, `above` a bit mask of the
 * flags in `allowed` whose total reaches its line. The answer is the same integer arithmetic
 * as the pure-Python path (learned.py keeps it and the tests hold the two to each other), so
 * every decision is the same; only the cost differs (about 1 µs instead of 15 to 25).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FLAGS 64
#define STACK_TOKENS 256
#define EMPTY UINT64_MAX

/* A string the model knows: a feature's name or part, a class, a word of a class. */
typedef struct {
    Py_ssize_t offset, length; /* its code points in `pool` */
    Py_ssize_t row;            /* its own row as a feature (a token or class), or -1 */
    Py_ssize_t cls;            /* the string of its class ("#feeling"), or -1 */
} Entry;

typedef struct {
    uint64_t key; /* first << 32 | second, EMPTY when the slot is free */
    Py_ssize_t row;
} PairSlot;

typedef struct {
    PyObject_HEAD
    Py_UCS4 *pool;
    Entry *entries;
    Py_ssize_t count, capacity, pool_used, pool_size;
    Py_ssize_t *slots; /* string table: entry + 1, 0 when free; `mask` + 1 slots */
    size_t mask;
    PairSlot *pairs;
    size_t pair_mask;
    Py_ssize_t *row_start; /* row r's weights are [row_start[r], row_start[r + 1]) */
    int *pair_flag;
    int64_t *pair_value; /* thousandths */
    uint32_t *seen, turn;  /* row r was added in this call when seen[r] == turn */
    Py_ssize_t rows, start; /* the entry of "<s>" */
    int64_t lines[MAX_FLAGS];
    uint64_t allowed;
    int flags;
} Scorer;

static uint64_t hash_points(const Py_UCS4 *points, Py_ssize_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a over the code points */
    for (Py_ssize_t i = 0; i < n; i++) {
        h ^= points[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t hash_pair(uint64_t key)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return key;
}

/* The entry of `points`, or -1 when the model does not know it. */
static Py_ssize_t find(const Scorer *self, const Py_UCS4 *points, Py_ssize_t n)
{
    size_t at = hash_points(points, n) & self->mask;
    for (;;) {
        Py_ssize_t slot = self->slots[at];
        if (slot == 0) return -1;
        const Entry *e = &self->entries[slot - 1];
        if (e->length == n && memcmp(self->pool + e->offset, points, n * sizeof(Py_UCS4)) == 0)
            return slot - 1;
        at = (at + 1) & self->mask;
    }
}

static Py_ssize_t find_pair(const Scorer *self, Py_ssize_t first, Py_ssize_t second)
{
    uint64_t key = (uint64_t)first << 32 | (uint64_t)second;
    size_t at = hash_pair(key) & self->pair_mask;
    for (;;) {
        const PairSlot *slot = &self->pairs[at];
        if (slot->key == key) return slot->row;
        if (slot->key == EMPTY) return -1;
        at = (at + 1) & self->pair_mask;
    }
}

static size_t table_size(Py_ssize_t items)
{
    size_t size = 16;
    while (size < (size_t)items * 2 + 1) size <<= 1;
    return size;
}

/* The entry of the Python string `text[start:end]`, added if new; -1 with an error set. */
static Py_ssize_t intern_text(Scorer *self, PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t n = end - start;
    if (self->pool_used + n > self->pool_size || self->count == self->capacity) {
        PyErr_SetString(PyExc_RuntimeError, "scorer tables too small (a bug)");
        return -1;
    }
    Py_UCS4 *points = self->pool + self->pool_used;
    for (Py_ssize_t i = 0; i < n; i++) points[i] = PyUnicode_READ_CHAR(text, start + i);
    Py_ssize_t found = find(self, points, n);
    if (found >= 0) return found;
    Entry *e = &self->entries[self->count];
    e->offset = self->pool_used;
    e->length = n;
    e->row = e->cls = -1;
    self->pool_used += n;
    size_t at = hash_points(points, n) & self->mask;
    while (self->slots[at]) at = (at + 1) & self->mask;
    self->slots[at] = ++self->count;
    return self->count - 1;
}

static Py_ssize_t intern_whole(Scorer *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "expected str");
        return -1;
    }
    return intern_text(self, text, 0, PyUnicode_GET_LENGTH(text));
}

/* One "flag:weight" pair of a row's text: the flag number and the weight in thousandths
 * (at most three decimals, as the file's check allows). Returns the position after it, or
 * -1 on a malformed pair. */
static Py_ssize_t parse_pair(const char *s, Py_ssize_t at, Py_ssize_t n, int *flag,
                             int64_t *value)
{
    int64_t number = 0, sign = 1, fraction = 0;
    int digits = 0, decimals = 0;
    *flag = 0;
    while (at < n && s[at] >= '0' && s[at] <= '9') {
        *flag = *flag * 10 + (s[at++] - '0');
        if (++digits > 3) return -1;
    }
    if (!digits || at >= n || s[at++] != ':') return -1;
    if (at < n && s[at] == '-') {
        sign = -1;
        at++;
    }
    digits = 0;
    while (at < n && s[at] >= '0' && s[at] <= '9') {
        number = number * 10 + (s[at++] - '0');
        if (++digits > 9) return -1;
    }
    if (!digits) return -1;
    if (at < n && s[at] == '.') {
        at++;
        while (at < n && s[at] >= '0' && s[at] <= '9') {
            if (++decimals > 3) return -1;
            fraction = fraction * 10 + (s[at++] - '0');
        }
        if (!decimals) return -1;
    }
    for (int d = decimals; d < 3; d++) fraction *= 10;
    *value = sign * (number * 1000 + fraction);
    return at;
}

/* Row `r`'s weights from its text; -1 with an error set. */
static int read_weights(Scorer *self, PyObject *name, PyObject *text, Py_ssize_t *next)
{
    Py_ssize_t n, at = 0;
    const char *s = PyUnicode_AsUTF8AndSize(text, &n);
    if (s == NULL) return -1;
    while (at < n) {
        int flag;
        int64_t value;
        at = parse_pair(s, at, n, &flag, &value);
        if (at < 0 || flag >= self->flags || (at < n && s[at] != ' ')) {
            PyErr_Format(PyExc_ValueError, "row %R: expected 'flag:weight ...'", name);
            return -1;
        }
        if (at < n) at++;
        self->pair_flag[*next] = flag;
        self->pair_value[(*next)++] = value;
    }
    return 0;
}

/* File feature `name` under row `r`: a token or class as its entry's row, a pair ("first
 * second", split at the first space as learned.key does) in the pair table. */
static int file_name(Scorer *self, PyObject *name, Py_ssize_t r)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(name);
    Py_ssize_t space = PyUnicode_FindChar(name, ' ', 0, length, 1);
    if (space == -2) return -1;
    if (space == -1) {
        Py_ssize_t e = intern_text(self, name, 0, length);
        if (e < 0) return -1;
        self->entries[e].row = r;
        return 0;
    }
    Py_ssize_t first = intern_text(self, name, 0, space);
    if (first < 0) return -1;
    Py_ssize_t second = intern_text(self, name, space + 1, length);
    if (second < 0) return -1;
    uint64_t key = (uint64_t)first << 32 | (uint64_t)second;
    size_t at = hash_pair(key) & self->pair_mask;
    while (self->pairs[at].key != EMPTY && self->pairs[at].key != key)
        at = (at + 1) & self->pair_mask;
    self->pairs[at].key = key;
    self->pairs[at].row = r;
    return 0;
}

static void release(Scorer *self)
{
    PyMem_Free(self->pool);
    PyMem_Free(self->entries);
    PyMem_Free(self->slots);
    PyMem_Free(self->pairs);
    PyMem_Free(self->row_start);
    PyMem_Free(self->pair_flag);
    PyMem_Free(self->pair_value);
    PyMem_Free(self->seen);
    self->seen = NULL;
    self->pool = NULL;
    self->entries = NULL;
    self->slots = NULL;
    self->pairs = NULL;
    self->row_start = NULL;
    self->pair_flag = NULL;
    self->pair_value = NULL;
}

/* Room for every string, pair and weight of `rows` and `classes` (counted generously). */
static int allocate(Scorer *self, PyObject *rows, PyObject *classes)
{
    Py_ssize_t pos = 0, strings = 2, points = 4, weights = 1, pairs = 1;
    PyObject *name, *value;
    while (PyDict_Next(rows, &pos, &name, &value)) {
        Py_ssize_t n;
        if (!PyUnicode_Check(name) || !PyUnicode_Check(value)) {
            PyErr_SetString(PyExc_TypeError, "rows: expected str -> str");
            return -1;
        }
        const char *s = PyUnicode_AsUTF8AndSize(value, &n);
        if (s == NULL) return -1;
        for (Py_ssize_t i = 0; i < n; i++) weights += s[i] == ' ';
        weights++;
        strings += 2;
        pairs++;
        points += PyUnicode_GET_LENGTH(name);
    }
    pos = 0;
    while (PyDict_Next(classes, &pos, &name, &value)) {
        if (!PyUnicode_Check(name) || !PyUnicode_Check(value)) {
            PyErr_SetString(PyExc_TypeError, "classes: expected str -> str");
            return -1;
        }
        strings += 2;
        points += PyUnicode_GET_LENGTH(name) + PyUnicode_GET_LENGTH(value);
    }
    self->rows = PyDict_GET_SIZE(rows);
    self->capacity = strings;
    self->pool_size = points;
    self->mask = table_size(strings) - 1;
    self->pair_mask = table_size(pairs) - 1;
    self->pool = PyMem_Calloc(points, sizeof(Py_UCS4));
    self->entries = PyMem_Calloc(strings, sizeof(Entry));
    self->slots = PyMem_Calloc(self->mask + 1, sizeof(Py_ssize_t));
    self->pairs = PyMem_Malloc((self->pair_mask + 1) * sizeof(PairSlot));
    self->row_start = PyMem_Calloc(self->rows + 1, sizeof(Py_ssize_t));
    self->pair_flag = PyMem_Calloc(weights, sizeof(int));
    self->pair_value = PyMem_Calloc(weights, sizeof(int64_t));
    self->seen = PyMem_Calloc(self->rows + 1, sizeof(uint32_t));
    self->turn = 0;
    if (!self->pool || !self->entries || !self->slots || !self->pairs || !self->row_start ||
        !self->pair_flag || !self->pair_value || !self->seen) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i <= self->pair_mask; i++) self->pairs[i].key = EMPTY;
    return 0;
}

static int read_tables(Scorer *self, PyObject *rows, PyObject *classes)
{
    if (allocate(self, rows, classes) < 0) return -1;
    Py_ssize_t pos = 0, r = 0, next = 0;
    PyObject *name, *value;
    while (PyDict_Next(rows, &pos, &name, &value)) {
        self->row_start[r] = next;
        if (read_weights(self, name, value, &next) < 0 || file_name(self, name, r) < 0)
            return -1;
        r++;
    }
    self->row_start[r] = next;
    pos = 0;
    while (PyDict_Next(classes, &pos, &name, &value)) {
        Py_ssize_t word = intern_whole(self, name);
        Py_ssize_t cls = word < 0 ? -1 : intern_whole(self, value);
        if (cls < 0) return -1;
        self->entries[word].cls = cls;
    }
    PyObject *start = PyUnicode_FromString("<s>");
    if (start == NULL) return -1;
    self->start = intern_whole(self, start);
    Py_DECREF(start);
    return self->start < 0 ? -1 : 0;
}

static int Scorer_init(Scorer *self, PyObject *args, PyObject *kwargs)
{
    static char *names[] = {"rows", "classes", "lines", "allowed", NULL};
    PyObject *rows, *classes, *lines;
    unsigned long long allowed;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!O!OK", names, &PyDict_Type, &rows,
                                     &PyDict_Type, &classes, &lines, &allowed))
        return -1;
    PyObject *line_list = PySequence_Fast(lines, "lines: expected a sequence of int");
    if (line_list == NULL) return -1;
    Py_ssize_t flags = PySequence_Fast_GET_SIZE(line_list);
    if (flags < 1 || flags > MAX_FLAGS) {
        Py_DECREF(line_list);
        PyErr_SetString(PyExc_ValueError, "lines: between 1 and 64 flags");
        return -1;
    }
    self->flags = (int)flags;
    for (Py_ssize_t f = 0; f < flags; f++) {
        self->lines[f] = PyLong_AsLongLong(PySequence_Fast_GET_ITEM(line_list, f));
        if (self->lines[f] == -1 && PyErr_Occurred()) {
            Py_DECREF(line_list);
            return -1;
        }
    }
    Py_DECREF(line_list);
    self->allowed = (uint64_t)allowed;
    release(self); /* (a second __init__ starts again) */
    self->count = self->pool_used = 0;
    if (read_tables(self, rows, classes) < 0) {
        release(self);
        self->count = 0;
        return -1;
    }
    return 0;
}

static void Scorer_dealloc(Scorer *self)
{
    release(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static inline int is_word_char(Py_UCS4 ch) { return (ch >= 'a' && ch <= 'z') || ch == '\''; }

/* The entries of the tokens of `text` (TOKEN of learned.py: `[a-z']+|[^\sa-z']`), -1 for a
 * token the model does not know; returns how many tokens. `points` has room for the text. */
static Py_ssize_t tokenize(const Scorer *self, PyObject *text, Py_ssize_t *ids,
                           Py_UCS4 *points)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, count = 0;
    while (i < n) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i++);
        Py_ssize_t length = 1;
        points[0] = ch;
        if (is_word_char(ch)) {
            while (i < n && is_word_char(ch = PyUnicode_READ(kind, data, i))) {
                points[length++] = ch;
                i++;
            }
        } else if (Py_UNICODE_ISSPACE(ch)) {
            continue;
        }
        ids[count++] = self->count ? find(self, points, length) : -1;
    }
    return count;
}

/* Append row `row` to `found` when there is one. */
#define ADD(row)                                   \
    do {                                           \
        Py_ssize_t r_ = (row);                     \
        if (r_ >= 0) found[count++] = r_;          \
    } while (0)

/* The rows of the distinct features of the tokens `ids` (as learned.feature_keys reads
 * them), into `found`; returns how many (with repeats). `kinds` has room for n entries. */
static Py_ssize_t features(const Scorer *self, const Py_ssize_t *ids, Py_ssize_t *kinds,
                           Py_ssize_t n, Py_ssize_t *found)
{
    Py_ssize_t count = 0;
    const Entry *entries = self->entries;
    for (Py_ssize_t i = 0; i < n; i++)
        kinds[i] = ids[i] >= 0 && entries[ids[i]].cls >= 0 ? entries[ids[i]].cls : ids[i];
    if (kinds[0] >= 0) ADD(find_pair(self, self->start, kinds[0]));
    for (Py_ssize_t i = 0; i < n; i++) {
        if (ids[i] >= 0) ADD(entries[ids[i]].row);
        if (kinds[i] != ids[i]) ADD(entries[kinds[i]].row);
        if (i + 1 == n) break;
        if (ids[i] >= 0 && ids[i + 1] >= 0) ADD(find_pair(self, ids[i], ids[i + 1]));
        if ((kinds[i] != ids[i] || kinds[i + 1] != ids[i + 1]) && kinds[i] >= 0 &&
            kinds[i + 1] >= 0)
            ADD(find_pair(self, kinds[i], kinds[i + 1]));
    }
    return count;
}

/* The totals of the rows in `found`, each distinct row counted once (a feature is in the
 * set of a message's features once however often it occurs); returns the mask of the flags
 * above their lines. */
static uint64_t add_up(Scorer *self, const Py_ssize_t *found, Py_ssize_t count,
                       int64_t *sums)
{
    if (++self->turn == 0) { /* after 2**32 calls: start the marks again */
        memset(self->seen, 0, (self->rows + 1) * sizeof(uint32_t));
        self->turn = 1;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        Py_ssize_t r = found[i];
        if (self->seen[r] == self->turn) continue;
        self->seen[r] = self->turn;
        for (Py_ssize_t p = self->row_start[r]; p < self->row_start[r + 1]; p++)
            sums[self->pair_flag[p]] += self->pair_value[p];
    }
    uint64_t above = 0;
    for (int f = 0; f < self->flags; f++)
        if (sums[f] >= self->lines[f] && (self->allowed >> f & 1)) above |= (uint64_t)1 << f;
    return above;
}

static PyObject *answer(const Scorer *self, uint64_t above, const int64_t *sums, int totals)
{
    if (!totals) return PyLong_FromUnsignedLongLong(above);
    PyObject *values = PyTuple_New(self->flags);
    if (values == NULL) return NULL;
    for (int f = 0; f < self->flags; f++) {
        PyObject *value = PyLong_FromLongLong(sums[f]);
        if (value == NULL) {
            Py_DECREF(values);
            return NULL;
        }
        PyTuple_SET_ITEM(values, f, value);
    }
    PyObject *result = Py_BuildValue("(KN)", (unsigned long long)above, values);
    return result;
}

static PyObject *score(Scorer *self, PyObject *text, int totals)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "Scorer: expected a str");
        return NULL;
    }
    if (self->slots == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Scorer: not initialised");
        return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Py_ssize_t stack_ids[STACK_TOKENS], stack_kinds[STACK_TOKENS];
    Py_ssize_t stack_found[4 * STACK_TOKENS + 1];
    Py_UCS4 stack_points[STACK_TOKENS];
    Py_ssize_t *ids = stack_ids, *kinds = stack_kinds, *found = stack_found;
    Py_UCS4 *points = stack_points;
    if (length > STACK_TOKENS) { /* at most one token, and one code point, a character */
        ids = PyMem_Malloc(length * sizeof(Py_ssize_t));
        kinds = PyMem_Malloc(length * sizeof(Py_ssize_t));
        found = PyMem_Malloc((4 * length + 1) * sizeof(Py_ssize_t));
        points = PyMem_Malloc(length * sizeof(Py_UCS4));
    }
    PyObject *result = NULL;
    if (!ids || !kinds || !found || !points) {
        PyErr_NoMemory();
    } else {
        int64_t sums[MAX_FLAGS] = {0};
        Py_ssize_t n = tokenize(self, text, ids, points);
        Py_ssize_t count = n ? features(self, ids, kinds, n, found) : 0;
        result = answer(self, add_up(self, found, count, sums), sums, totals);
    }
    if (ids != stack_ids) {
        PyMem_Free(ids);
        PyMem_Free(kinds);
        PyMem_Free(found);
        PyMem_Free(points);
    }
    return result;
}

static PyObject *Scorer_sums(Scorer *self, PyObject *text) { return score(self, text, 1); }

static PyObject *Scorer_above(Scorer *self, PyObject *text) { return score(self, text, 0); }

static PyMethodDef Scorer_methods[] = {
    {"sums", (PyCFunction)Scorer_sums, METH_O,
     "sums(text) -> (above, totals): the flags above their lines (bit f for flag f) and the "
     "total weight of each flag, in thousandths, for a normalized text."},
    {"above", (PyCFunction)Scorer_above, METH_O,
     "above(text) -> int: the flags above their lines (bit f for flag f)."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ScorerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tending.coach._scoring.Scorer",
    .tp_basicsize = sizeof(Scorer),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The second opinion's weights, read in C (see learned.py).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Scorer_init,
    .tp_dealloc = (destructor)Scorer_dealloc,
    .tp_methods = Scorer_methods,
};

static int ascii_digit(char c) { return c >= '0' && c <= '9'; }

/* rows_ok(body) -> bool: True when every line of `body` is `name<TAB>pairs<NEWLINE>` as
 * learned.ROWS reads it, with ASCII digits: a name of one or more characters other than tab and
 * newline, then pairs `flag:weight` (flag 0-23 written as `2[0-3]|1?d`, weight `-?d{1,4}` with
 * `.d{1,3}` optional) parted by single spaces. ROWS also takes other Unicode digits, so a True
 * answer means ROWS matches and a False one decides nothing: learned.py then asks ROWS, which
 * accepts or names the line. One pass over the bytes instead of a regular expression's. */
static PyObject *rows_ok(PyObject *module, PyObject *text)
{
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "rows_ok: expected a str");
        return NULL;
    }
    Py_ssize_t n, i = 0;
    const char *s = PyUnicode_AsUTF8AndSize(text, &n);
    if (s == NULL) { /* (a lone surrogate: not for this pass to say) */
        PyErr_Clear();
        Py_RETURN_FALSE;
    }
    while (i < n) {
        /* the name: bytes other than tab and newline (UTF-8 never uses those inside a
         * character of several bytes) */
        Py_ssize_t start = i;
        while (i < n && s[i] != '\t' && s[i] != '\n') i++;
        if (i == start || i >= n || s[i] != '\t') Py_RETURN_FALSE;
        i++;
        for (;;) {
            int digits = 0;
            if (i >= n || !ascii_digit(s[i])) Py_RETURN_FALSE;
            if (i + 1 < n && ascii_digit(s[i + 1])) { /* two digits: 10-19 or 20-23 */
                if (!(s[i] == '1' || (s[i] == '2' && s[i + 1] <= '3'))) Py_RETURN_FALSE;
                i += 2;
            } else {
                i += 1;
            }
            if (i >= n || s[i] != ':') Py_RETURN_FALSE;
            i++;
            if (i < n && s[i] == '-') i++;
            while (i < n && ascii_digit(s[i]) && digits < 4) i++, digits++;
            if (!digits || (i < n && ascii_digit(s[i]))) Py_RETURN_FALSE;
            if (i < n && s[i] == '.') {
                i++, digits = 0;
                while (i < n && ascii_digit(s[i]) && digits < 3) i++, digits++;
                if (!digits || (i < n && ascii_digit(s[i]))) Py_RETURN_FALSE;
            }
            if (i >= n) Py_RETURN_FALSE;
            if (s[i++] == '\n') break;
            if (s[i - 1] != ' ') Py_RETURN_FALSE;
        }
    }
    Py_RETURN_TRUE;
}

static PyMethodDef module_methods[] = {
    {"rows_ok", (PyCFunction)rows_ok, METH_O,
     "rows_ok(body) -> bool: True when every line is a row learned.ROWS accepts, written with "
     "ASCII digits (False decides nothing: ask ROWS)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_scoring", "The coach's second opinion, scored in C.", -1,
    module_methods,
};

PyMODINIT_FUNC PyInit__scoring(void)
{
    if (PyType_Ready(&ScorerType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    Py_INCREF(&ScorerType);
    if (PyModule_AddObject(m, "Scorer", (PyObject *)&ScorerType) < 0) {
        Py_DECREF(&ScorerType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
