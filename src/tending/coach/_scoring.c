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
 *
 * `configure(...)` then gives it what `LearnedModel.opinion` decides with, and
 * `opinion(text, found, context=None)` decides it whole in one call (the model's `opinion` is
 * this method where the scorer is built): the flags above their lines, settled against what
 * the message answered can lift or drop (`lifts(context)` is asked only when that decides),
 * the safety net's window, and the take-backs (a rule's flag below its line over the whole
 * text and near each of its spans), all on the one tokenization of the text, its slices read
 * again only where a window or a span's surroundings must be scored. The usual answer,
 * NO_CHANGE, costs no Python object; an opinion that changes a flag is made by `make`.
 * `evidence(text, flag, width)` finds the words shown for a flag it added. The tests of
 * tests/unit/coach/test_scoring_opinion.py hold both to their Python twins in learned.py.
 *
 * The layout is for messages in any order, where the cost is cache misses, not arithmetic:
 * a token is found through an int32 slot and one 32-byte entry (a short string's key, its
 * bytes in two words, compared inline) that also holds where its own row is and its class;
 * a pair's slot holds where its row is; a row is read as one cache line (its dense copy, one
 * int16 a flag); the rows of a message are told apart on the stack. The lookups run in
 * passes that ask for the next lines (prefetch) before reading them, so the misses of one
 * message overlap instead of queueing. A word of a one-byte text is read as its key
 * directly (eight bytes at a time, no code point copied nor hashed one by one), and the
 * totals of a message are compared with the lines eight flags at a time.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FLAGS 64
#define STACK_TOKENS 256
#define NONE UINT32_MAX
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch(address)
#else
#define PREFETCH(address) ((void)0)
#endif
#if defined(__GNUC__) || defined(__clang__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif
#define INLINE 12 /* a string of at most this many code points, all below 256, is kept inline */
/* A weight's record: its value in thousandths times 64, plus its flag (MAX_FLAGS is 64). One
 * int32 a weight instead of an int and an int64 in two arrays: a row's weights in a third of
 * the memory, read from one place (the file's weights, at most 9999.999, fit many times). */
#define FLAG_BITS 6
#define FLAG_MASK ((1 << FLAG_BITS) - 1)
#define WEIGHT_LIMIT ((int64_t)1 << (31 - FLAG_BITS)) /* |thousandths| below this fit */
#define DEDUP_ROWS 128 /* a reading of at most this many rows marks them on the stack */
/* A row whose flags' totals each fit an int16 (every row of the file) also has a dense copy:
 * one int16 a flag, 32 or 64 flags wide, one cache line in `dense` (by the row's number),
 * added whole without a branch a weight (one line a row whatever its length; adding the
 * records one by one cost a mispredicted loop exit a row, and a long row two or three lines).
 * The copies lie together, apart from the records: a line fetched beside one (the hardware
 * fetches pairs) is another copy, not records that only `evidence` reads. */
#define SPARSE ((uint32_t)1 << 30) /* in Row.row: the row has no dense copy */
#define UNIQUE_LANE 28 /* (see Scorer.mask_lanes) */
#define PRESENT_LANE 29

/* Where a feature's weights are: its row's number `row` (NONE: the model has none; SPARSE
 * set when it has no dense copy) and its records, weights[start, start + weights[start - 1])
 * (each row's count of records is written before them). Kept where the feature is found, so
 * no table of rows is read between. */
typedef struct {
    uint32_t start, row;
} Row;

static const Row NO_ROW = {0, NONE};

/* A string's key. An inline string (at most INLINE code points, all below 256) is its code
 * points, a byte each: the first eight in `head` (the first in the lowest byte), the next four
 * in `tail`'s low bytes, its length in `tail`'s bits 32 on; two inline strings are the same
 * exactly when their keys are. Another string's key is its length and NOT_INLINE in `tail`
 * (`head` 0), its code points compared in `pool`. */
#define NOT_INLINE ((uint64_t)1 << 63)
typedef struct {
    uint64_t head, tail;
} StrKey;

/* A string the model knows: a feature's name or part, a class, a word of a class. 32 bytes,
 * aligned: finding a token reads its slot and this one entry (a short string's key is
 * compared here, two words, not in `pool`), which also holds the token's own weights and
 * its class. */
typedef struct {
    Row row;          /* its own weights as a feature (a token or class) */
    uint64_t head;    /* its key (StrKey) */
    uint64_t tail;
    int32_t kind;     /* the entry of its class ("#feeling") when it has one, else its own */
    uint32_t offset;  /* a string not inline: its code points in `pool` (else NONE) */
} Entry;

static inline uint32_t entry_length(const Entry *e) { return (uint32_t)(e->tail >> 32) & 0x7FFFFFFF; }

typedef struct {
    uint64_t key; /* the entries of the pair's two parts (`pair_key`); FREE_PAIR: free */
    Row row;
} PairSlot;

#define FREE_PAIR UINT64_MAX /* (no pair's key: entries are numbered below INT32_MAX) */

#define NAME_CACHE 64 /* (a power of two) */
#define MADE_CACHE 16 /* (a power of two) */

typedef struct {
    PyObject_HEAD
    Py_UCS4 *pool;
    Entry *entries;
    Py_ssize_t count, capacity, pool_used, pool_size;
    uint32_t *slots; /* string table: entry + 1, 0 when free; `mask` + 1 slots */
    size_t mask;
    PairSlot *pairs;
    size_t pair_mask;
    int pair_shift; /* 64 less the bits of `pair_mask` (`pair_index`) */
    int32_t *weights; /* every row's count of records and records (FLAG_BITS) */
    int16_t *dense;   /* each row's dense copy, `dense_flags` apart, from a line's start */
    void *dense_block; /* (as allocated) */
    int dense_flags;     /* the width of a dense copy: 32 flags, or 64 when there are more */
    int bound_lane;      /* the lane of a dense copy past the flags that holds the largest
                          * |total| of its row (at most INT16_MAX), or -1 when none is free */
    int max_dense;       /* the largest |total| of every dense copy (at most INT16_MAX) */
    int mask_lanes;      /* whether a dense copy also says which flags its records have (lanes
                          * PRESENT_LANE and the next, a bit a flag) and whether no flag has two
                          * (UNIQUE_LANE): 32 lanes wide, at most 28 flags */
    Py_ssize_t start; /* the entry of "<s>" */
    int64_t lines[MAX_FLAGS];
    int16_t above16[32]; /* each flag's line less one as int16 (INT16_MAX past the flags) */
    int simd_lines;      /* whether `above16` decides (32 flags wide, no line below INT16_MIN+1) */
    uint64_t allowed;
    int flags;
    /* the decision of `opinion` (set by `configure`; see learned.LearnedModel.opinion) */
    PyObject *numbers;        /* flag name -> its number */
    PyObject *no_change, *no_change_here; /* learned.NO_CHANGE and NO_CHANGE_HERE */
    PyObject *make;           /* make(added, taken, matters) -> an Opinion of those masks */
    PyObject *lifts;          /* lifts(context) -> each flag's sum of the marks answered */
    int64_t full_lines[MAX_FLAGS]; /* each flag's own line (`lines` less what context lifts) */
    int64_t drop[MAX_FLAGS];  /* how far the marks answered can lower each flag's sum */
    int64_t take_lines[MAX_FLAGS]; /* a sum below this: the flag may be taken back */
    uint64_t lifted, takeable;
    int safety, window, near;
    /* the numbers of the flag names `opinion` was given, by the name object (a strong
     * reference each: the names of the rules' hits are the same few objects message after
     * message), so that a name is looked up in `numbers` once */
    PyObject *names[NAME_CACHE];
    int numbers_of[NAME_CACHE];
    /* the opinions `make` made, by their masks (a strong reference each; learned._opinion_of
     * keeps the same objects), so that it is called once for each */
    struct {
        uint64_t added, taken;
        int matters;
        PyObject *opinion;
    } made[MADE_CACHE];
} Scorer;

#define HASH_START 1469598103934665603ULL /* FNV-1a over the code points */
#define HASH_STEP(h, point) (((h) ^ (point)) * 1099511628211ULL)

static uint64_t hash_points(const Py_UCS4 *points, Py_ssize_t n)
{
    uint64_t h = HASH_START;
    for (Py_ssize_t i = 0; i < n; i++) h = HASH_STEP(h, points[i]);
    return h;
}

/* The first slot of the pair of key `key` in a pair table of 2**(64 - shift) slots: the
 * top bits of the key times 2**64 over the golden ratio (they depend on all of its bits). */
static inline size_t pair_index(uint64_t key, int shift)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> shift);
}

/* The key of the `n` code points at `points`. */
static StrKey key_of(const Py_UCS4 *points, Py_ssize_t n)
{
    StrKey key = {0, (uint64_t)n << 32};
    if (n > INLINE) {
        key.tail |= NOT_INLINE;
        return key;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (points[i] > 0xFF) {
            key.head = 0;
            key.tail = (uint64_t)n << 32 | NOT_INLINE;
            return key;
        }
        if (i < 8)
            key.head |= (uint64_t)points[i] << (8 * i);
        else
            key.tail |= (uint64_t)points[i] << (8 * (i - 8));
    }
    return key;
}

/* The hash of a string of key `key` (an inline one's from its key alone; another's `head`
 * is then the FNV-1a hash of its code points). */
static inline uint64_t key_hash(uint64_t head, uint64_t tail)
{
    uint64_t h = head * 0x9E3779B97F4A7C15ULL ^ tail;
    h ^= h >> 32;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 29;
    return h;
}

/* The hash of the string of the `n` code points at `points`, of key `key`. */
static uint64_t string_hash(StrKey key, const Py_UCS4 *points, Py_ssize_t n)
{
    return key_hash(key.tail & NOT_INLINE ? hash_points(points, n) : key.head, key.tail);
}

/* Whether entry `e` holds the string of key `key` (and, when it is not inline, of code points
 * `points`). */
static inline int holds(const Scorer *self, const Entry *e, StrKey key, const Py_UCS4 *points)
{
    if (e->head != key.head || e->tail != key.tail) return 0;
    return !(key.tail & NOT_INLINE) ||
           memcmp(self->pool + e->offset, points, entry_length(e) * sizeof(Py_UCS4)) == 0;
}

/* The entry of the string of key `key` (and `points`), probing from slot `at` on; -1 when the
 * model does not know it. */
static Py_ssize_t find_from(const Scorer *self, StrKey key, const Py_UCS4 *points, size_t at)
{
    for (;;) {
        uint32_t slot = self->slots[at];
        if (slot == 0) return -1;
        if (holds(self, &self->entries[slot - 1], key, points)) return slot - 1;
        at = (at + 1) & self->mask;
    }
}

static uint64_t pair_key(Py_ssize_t first, Py_ssize_t second)
{
    return (uint64_t)first << 32 | (uint64_t)second;
}

/* The row of the pair of key `key`, probing the pair table from slot `at` on. */
static inline Row find_pair_from(const Scorer *self, uint64_t key, size_t at)
{
    const PairSlot *table = self->pairs;
    while (table[at].key != key && table[at].key != FREE_PAIR) at = (at + 1) & self->pair_mask;
    return table[at].row; /* (a free slot's row is NO_ROW) */
}

static Row find_pair_key(const Scorer *self, uint64_t key)
{
    return find_pair_from(self, key, pair_index(key, self->pair_shift));
}

static Row find_pair(const Scorer *self, Py_ssize_t first, Py_ssize_t second)
{
    return find_pair_key(self, pair_key(first, second));
}

/* A table's slots for `items`: a power of two, at least `items` * `room` / 2 + 1. */
static size_t table_size(Py_ssize_t items, int room)
{
    size_t size = 16;
    while (size < (size_t)items * room / 2 + 1) size <<= 1;
    return size;
}

/* Put entry `e` (of `key`'s string) in the string table's first free slot after its hash. */
static void slot_in(Scorer *self, Py_ssize_t e, uint64_t hash)
{
    size_t at = hash & self->mask;
    while (self->slots[at]) at = (at + 1) & self->mask;
    self->slots[at] = (uint32_t)(e + 1);
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
    StrKey key = key_of(points, n);
    uint64_t hash = string_hash(key, points, n);
    Py_ssize_t found = find_from(self, key, points, hash & self->mask);
    if (found >= 0) return found;
    Entry *e = &self->entries[self->count];
    e->row = NO_ROW;
    e->kind = (int32_t)self->count;
    e->head = key.head;
    e->tail = key.tail;
    e->offset = NONE;
    if (key.tail & NOT_INLINE) { /* (an inline one's code points in `pool` are written over) */
        e->offset = (uint32_t)self->pool_used;
        self->pool_used += n;
    }
    slot_in(self, self->count, hash);
    return self->count++;
}

/* The string table again, sized for the strings it has (read with room for every name's
 * parts, it is mostly empty: a smaller one is read from the cache more often). */
static int compact_slots(Scorer *self)
{
    size_t size = table_size(self->count, 4);
    uint32_t *slots = PyMem_Calloc(size, sizeof(uint32_t));
    if (slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    PyMem_Free(self->slots);
    self->slots = slots;
    self->mask = size - 1;
    for (Py_ssize_t i = 0; i < self->count; i++) {
        const Entry *e = &self->entries[i];
        StrKey key = {e->head, e->tail};
        slot_in(self, i, e->offset == NONE ? key_hash(e->head, e->tail)
                                           : string_hash(key, self->pool + e->offset,
                                                         entry_length(e)));
    }
    return 0;
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

/* The records a row's text may hold (as many as pairs, counted by their spaces). */
static Py_ssize_t records_in(const char *s, Py_ssize_t n)
{
    Py_ssize_t records = 1;
    for (Py_ssize_t i = 0; i < n; i++) records += s[i] == ' ';
    return records;
}

/* Row `r`'s dense copy from its `count` records at `records`, when each flag's total fits an
 * int16; returns whether it was written. */
static int write_dense(Scorer *self, const int32_t *records, uint32_t count, Py_ssize_t r)
{
    int64_t totals[MAX_FLAGS] = {0};
    for (uint32_t i = 0; i < count; i++) totals[records[i] & FLAG_MASK] += records[i] >> FLAG_BITS;
    for (int f = 0; f < MAX_FLAGS; f++)
        if (totals[f] < INT16_MIN || totals[f] > INT16_MAX) return 0;
    int16_t *dense = self->dense + r * self->dense_flags;
    int64_t largest = 0;
    for (int f = 0; f < self->dense_flags; f++) {
        dense[f] = (int16_t)totals[f];
        int64_t size = totals[f] < 0 ? -totals[f] : totals[f];
        if (size > largest) largest = size < INT16_MAX ? size : INT16_MAX;
    }
    if (self->bound_lane >= 0) dense[self->bound_lane] = (int16_t)largest;
    if (largest > self->max_dense) self->max_dense = (int)largest;
    if (self->mask_lanes) { /* (lanes past the flags: added in add_up, never read there) */
        uint32_t present = 0;
        int unique = 1;
        for (uint32_t i = 0; i < count; i++) {
            uint32_t bit = (uint32_t)1 << (records[i] & FLAG_MASK);
            if (present & bit) unique = 0;
            present |= bit;
        }
        dense[UNIQUE_LANE] = (int16_t)unique;
        dense[PRESENT_LANE] = (int16_t)(uint16_t)(present & 0xFFFF);
        dense[PRESENT_LANE + 1] = (int16_t)(uint16_t)(present >> 16);
    }
    return 1;
}

/* Row `r`'s weights from its text, appended to `weights` at `*next` after their count, and
 * its dense copy, into `row`; -1 with an error set (a weight too heavy for its record is
 * refused like a malformed one). */
static int read_weights(Scorer *self, PyObject *name, PyObject *text, Py_ssize_t r,
                        Py_ssize_t *next, Row *row)
{
    Py_ssize_t n, at = 0;
    const char *s = PyUnicode_AsUTF8AndSize(text, &n);
    if (s == NULL) return -1;
    Py_ssize_t header = (*next)++;
    row->start = (uint32_t)*next;
    while (at < n) {
        int flag;
        int64_t value;
        at = parse_pair(s, at, n, &flag, &value);
        if (at < 0 || flag >= self->flags || (at < n && s[at] != ' ') ||
            value <= -WEIGHT_LIMIT || value >= WEIGHT_LIMIT) {
            PyErr_Format(PyExc_ValueError, "row %R: expected 'flag:weight ...'", name);
            return -1;
        }
        if (at < n) at++;
        self->weights[(*next)++] = (int32_t)(value * (1 << FLAG_BITS) + flag);
    }
    uint32_t count = (uint32_t)(*next - row->start);
    self->weights[header] = (int32_t)count;
    row->row = (uint32_t)r;
    if (!write_dense(self, self->weights + row->start, count, r)) row->row |= SPARSE;
    return 0;
}

/* File feature `name` with its weights `row`: a token or class in its entry, a pair ("first
 * second", split at the first space as learned.key does) in the pair table. */
static int file_name(Scorer *self, PyObject *name, Row row)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(name);
    Py_ssize_t space = PyUnicode_FindChar(name, ' ', 0, length, 1);
    if (space == -2) return -1;
    if (space == -1) {
        Py_ssize_t e = intern_text(self, name, 0, length);
        if (e < 0) return -1;
        self->entries[e].row = row;
        return 0;
    }
    Py_ssize_t first = intern_text(self, name, 0, space);
    if (first < 0) return -1;
    Py_ssize_t second = intern_text(self, name, space + 1, length);
    if (second < 0) return -1;
    uint64_t key = (uint64_t)first << 32 | (uint64_t)second;
    size_t at = pair_index(key, self->pair_shift);
    PairSlot *slots = self->pairs;
    while (slots[at].key != FREE_PAIR && slots[at].key != key) at = (at + 1) & self->pair_mask;
    slots[at].key = key;
    slots[at].row = row;
    return 0;
}

static void release(Scorer *self)
{
    PyMem_Free(self->pool);
    PyMem_Free(self->entries);
    PyMem_Free(self->slots);
    PyMem_Free(self->pairs);
    PyMem_Free(self->weights);
    PyMem_Free(self->dense_block);
    self->weights = NULL;
    self->dense_block = NULL;
    self->pool = NULL;
    self->entries = NULL;
    self->slots = NULL;
    self->pairs = NULL;
    self->weights = NULL;
}

/* Room for every string, pair and weight of `rows` and `classes` (counted generously). */
static int allocate(Scorer *self, PyObject *rows, PyObject *classes)
{
    Py_ssize_t pos = 0, strings = 2, points = 4, weights = 1, pairs = 0;
    PyObject *name, *value;
    while (PyDict_Next(rows, &pos, &name, &value)) {
        Py_ssize_t n;
        if (!PyUnicode_Check(name) || !PyUnicode_Check(value)) {
            PyErr_SetString(PyExc_TypeError, "rows: expected str -> str");
            return -1;
        }
        const char *s = PyUnicode_AsUTF8AndSize(value, &n);
        if (s == NULL) return -1;
        Py_ssize_t records = records_in(s, n);
        weights += records + 1;
        strings += 2;
        Py_ssize_t length = PyUnicode_GET_LENGTH(name);
        Py_ssize_t space = PyUnicode_FindChar(name, ' ', 0, length, 1);
        if (space == -2) return -1;
        pairs += space >= 0;
        points += length;
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
    if (strings >= INT32_MAX || points >= (Py_ssize_t)NONE || weights >= (Py_ssize_t)NONE) {
        PyErr_SetString(PyExc_ValueError, "rows: too many for the scorer's tables");
        return -1;
    }
    self->capacity = strings;
    self->pool_size = points;
    self->mask = table_size(strings, 4) - 1;
    self->pair_mask = table_size(pairs, 3) - 1;
    self->pair_shift = 64;
    for (size_t size = self->pair_mask + 1; size > 1; size >>= 1) self->pair_shift--;
    self->pool = PyMem_Calloc(points, sizeof(Py_UCS4));
    self->entries = PyMem_Calloc(strings, sizeof(Entry));
    self->slots = PyMem_Calloc(self->mask + 1, sizeof(uint32_t));
    self->pairs = PyMem_Malloc((self->pair_mask + 1) * sizeof(PairSlot));
    Py_ssize_t rows_count = PyDict_GET_SIZE(rows), line = 64;
    self->weights = PyMem_Calloc(weights, sizeof(int32_t));
    self->dense_block = PyMem_Calloc(rows_count * self->dense_flags + line, sizeof(int16_t));
    if (!self->pool || !self->entries || !self->slots || !self->pairs || !self->weights ||
        !self->dense_block) {
        PyErr_NoMemory();
        return -1;
    }
    uintptr_t base = (uintptr_t)self->dense_block;
    self->dense = (int16_t *)((base + line - 1) / line * line); /* (a copy: one line) */
    for (size_t i = 0; i <= self->pair_mask; i++) {
        self->pairs[i].key = FREE_PAIR;
        self->pairs[i].row = NO_ROW;
    }
    return 0;
}

static int read_tables(Scorer *self, PyObject *rows, PyObject *classes)
{
    if (allocate(self, rows, classes) < 0) return -1;
    Py_ssize_t pos = 0, next = 0, r = 0;
    PyObject *name, *value;
    while (PyDict_Next(rows, &pos, &name, &value)) {
        Row row;
        if (read_weights(self, name, value, r++, &next, &row) < 0 ||
            file_name(self, name, row) < 0)
            return -1;
    }
    pos = 0;
    while (PyDict_Next(classes, &pos, &name, &value)) {
        Py_ssize_t word = intern_whole(self, name);
        Py_ssize_t cls = word < 0 ? -1 : intern_whole(self, value);
        if (cls < 0) return -1;
        self->entries[word].kind = (int32_t)cls;
    }
    PyObject *start = PyUnicode_FromString("<s>");
    if (start == NULL) return -1;
    self->start = intern_whole(self, start);
    Py_DECREF(start);
    return self->start < 0 ? -1 : compact_slots(self);
}

/* Drop the names and opinions kept (`configure` gives new ones to find them with). */
static void forget(Scorer *self)
{
    for (int i = 0; i < NAME_CACHE; i++) Py_CLEAR(self->names[i]);
    for (int i = 0; i < MADE_CACHE; i++) Py_CLEAR(self->made[i].opinion);
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
    self->dense_flags = flags <= 32 ? 32 : 64;
    self->bound_lane = flags < self->dense_flags ? self->dense_flags - 1 : -1;
    self->max_dense = 0;
    self->mask_lanes = self->dense_flags == 32 && flags <= UNIQUE_LANE;
    for (Py_ssize_t f = 0; f < flags; f++) {
        self->lines[f] = PyLong_AsLongLong(PySequence_Fast_GET_ITEM(line_list, f));
        if (self->lines[f] == -1 && PyErr_Occurred()) {
            Py_DECREF(line_list);
            return -1;
        }
    }
    Py_DECREF(line_list);
    self->simd_lines = self->dense_flags == 32;
    for (int f = 0; f < 32; f++) {
        int64_t line = f < flags ? self->lines[f] : (int64_t)INT16_MAX + 1;
        if (line <= INT16_MIN) self->simd_lines = 0; /* (its line less one is no int16) */
        self->above16[f] = (int16_t)(line > INT16_MAX ? INT16_MAX : line <= INT16_MIN ? INT16_MIN
                                                                               : line - 1);
    }
    self->allowed = (uint64_t)allowed;
    release(self); /* (a second __init__ starts again) */
    forget(self);
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
    Py_CLEAR(self->numbers);
    Py_CLEAR(self->no_change);
    Py_CLEAR(self->no_change_here);
    Py_CLEAR(self->make);
    Py_CLEAR(self->lifts);
    forget(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* The room one reading needs: on the stack for a short text, else on the heap. Each buffer
 * has room for the text's length in tokens (at most one a character) and code points. */
typedef struct {
    Py_ssize_t *ids, *kinds, *starts, *ends;
    Py_ssize_t *offsets; /* a token not inline: its code points from points[offsets[i]] */
    uint64_t *heads, *tails, *hashes; /* each token's key (StrKey) and hash */
    Row *found;
    uint64_t *keys; /* the pairs to look up (features): each one's key and first slot */
    Py_UCS4 *points;
    Py_ssize_t limit; /* the length of the text read (no character past it is read) */
    int heap;
    Py_ssize_t stack_ids[STACK_TOKENS], stack_kinds[STACK_TOKENS];
    Py_ssize_t stack_offsets[STACK_TOKENS];
    uint64_t stack_heads[STACK_TOKENS], stack_tails[STACK_TOKENS], stack_hashes[STACK_TOKENS];
    Row stack_found[4 * STACK_TOKENS + 1];
    uint64_t stack_keys[4 * STACK_TOKENS + 2];
    Py_ssize_t stack_starts[STACK_TOKENS], stack_ends[STACK_TOKENS];
    Py_UCS4 stack_points[STACK_TOKENS];
} Work;

static int work_open(Work *w, Py_ssize_t length)
{
    w->limit = length;
    if (length <= STACK_TOKENS) {
        w->heap = 0;
        w->ids = w->stack_ids;
        w->kinds = w->stack_kinds;
        w->found = w->stack_found;
        w->keys = w->stack_keys;
        w->offsets = w->stack_offsets;
        w->hashes = w->stack_hashes;
        w->heads = w->stack_heads;
        w->tails = w->stack_tails;
        w->starts = w->stack_starts;
        w->ends = w->stack_ends;
        w->points = w->stack_points;
        return 0;
    }
    w->heap = 1;
    w->ids = PyMem_Malloc(length * sizeof(Py_ssize_t));
    w->kinds = PyMem_Malloc(length * sizeof(Py_ssize_t));
    w->found = PyMem_Malloc((4 * length + 1) * sizeof(Row));
    w->keys = PyMem_Malloc((4 * length + 2) * sizeof(uint64_t));
    w->offsets = PyMem_Malloc(length * sizeof(Py_ssize_t));
    w->hashes = PyMem_Malloc(length * sizeof(uint64_t));
    w->heads = PyMem_Malloc(length * sizeof(uint64_t));
    w->tails = PyMem_Malloc(length * sizeof(uint64_t));
    w->starts = PyMem_Malloc(length * sizeof(Py_ssize_t));
    w->ends = PyMem_Malloc(length * sizeof(Py_ssize_t));
    w->points = PyMem_Malloc(length * sizeof(Py_UCS4));
    if (!w->ids || !w->kinds || !w->found || !w->keys || !w->offsets || !w->hashes ||
        !w->heads || !w->tails || !w->starts || !w->ends || !w->points) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static void work_close(Work *w)
{
    if (!w->heap) return;
    PyMem_Free(w->ids);
    PyMem_Free(w->kinds);
    PyMem_Free(w->found);
    PyMem_Free(w->keys);
    PyMem_Free(w->offsets);
    PyMem_Free(w->hashes);
    PyMem_Free(w->heads);
    PyMem_Free(w->tails);
    PyMem_Free(w->starts);
    PyMem_Free(w->ends);
    PyMem_Free(w->points);
}

/* The entries of the `count` tokens read into `w` (`ids`, -1 for a token the model does not
 * know) and their kinds (`kinds`: the entry of the token's class, else its own), found in
 * two passes over them so that the misses of different tokens overlap: each one's first
 * slot read and its entry asked for as the token is read (`note_token`), then the entry
 * compared (probing on, rarely, when it holds another string). */
static void find_tokens(const Scorer *self, Work *w, Py_ssize_t count)
{
    Py_ssize_t *ids = w->ids, *kinds = w->kinds;
    const Entry *entries = self->entries;
    for (Py_ssize_t t = 0; t < count; t++) {
        Py_ssize_t id = ids[t];
        if (id >= 0) {
            StrKey key = {w->heads[t], w->tails[t]};
            const Py_UCS4 *points = w->points + w->offsets[t];
            if (!holds(self, &entries[id], key, points))
                ids[t] = id = find_from(self, key, points, (w->hashes[t] + 1) & self->mask);
        }
        kinds[t] = id >= 0 ? entries[id].kind : -1;
    }
}

/* What a code point below 256 is to the tokenizer (`TOKEN` of learned_features.py): part of a
 * word (`[a-z']`), a space (skipped), or a token of its own. Filled when the module loads. */
enum { CHAR_SPACE, CHAR_WORD, CHAR_OTHER };
static uint8_t char_class[256];

static void fill_char_class(void)
{
    for (int c = 0; c < 256; c++)
        char_class[c] = (c >= 'a' && c <= 'z') || c == '\'' ? CHAR_WORD
                        : Py_UNICODE_ISSPACE((Py_UCS4)c) ? CHAR_SPACE
                                                        : CHAR_OTHER;
}

static inline int is_word_char(Py_UCS4 ch) { return (ch >= 'a' && ch <= 'z') || ch == '\''; }

/* Note token `count` (its key `head`/`tail`, its code points from `offset` when not inline,
 * its span) in `w`, with the entry in its first string slot (`ids`; -1 when none), that
 * entry asked for. */
static ALWAYS_INLINE void note_token(const Scorer *self, Work *w, Py_ssize_t count,
                                     uint64_t head, uint64_t tail, uint64_t hash,
                                     Py_ssize_t offset, Py_ssize_t *starts, Py_ssize_t *ends,
                                     Py_ssize_t start, Py_ssize_t end)
{
    if (starts != NULL) {
        starts[count] = start;
        ends[count] = end;
    }
    uint32_t slot = self->slots[hash & self->mask];
    w->ids[count] = (Py_ssize_t)slot - 1;
    if (slot) PREFETCH(&self->entries[slot - 1]);
    w->heads[count] = head;
    w->tails[count] = tail;
    w->hashes[count] = hash;
    w->offsets[count] = offset;
}

#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LITTLE_ENDIAN_LOADS 1 /* a key's bytes are read from the text eight at a time */
#else
#define LITTLE_ENDIAN_LOADS 0
#endif

/* The tokens of a one-byte text's code points [from, to) (as `read_tokens` reads them; the
 * text has `w->limit` of them): a word's key read from the text whole where it can be. */
static Py_ssize_t read_bytes(const Scorer *self, const Py_UCS1 *s, Py_ssize_t from,
                             Py_ssize_t to, Work *w, Py_ssize_t *starts, Py_ssize_t *ends)
{
    Py_ssize_t i = from, count = 0, used = 0, limit = w->limit;
    (void)limit; /* (read only where a word is read eight bytes at a time) */
    while (i < to) {
        Py_ssize_t start = i;
        int what = char_class[s[i++]];
        if (what == CHAR_SPACE) continue;
        if (what == CHAR_WORD)
            while (i < to && char_class[s[i]] == CHAR_WORD) i++;
        Py_ssize_t n = i - start;
        uint64_t head = 0, tail = (uint64_t)n << 32, hash;
        Py_ssize_t offset = 0;
        if (n <= INLINE) {
#if LITTLE_ENDIAN_LOADS
            /* (eight bytes read from the token's start, those past it masked off, or to its
             * end, those before it shifted off: whichever stays in the text) */
            if (n < 8 && start + 8 <= limit) {
                memcpy(&head, s + start, 8);
                head &= ((uint64_t)1 << (8 * n)) - 1;
            } else if (n < 8 && i >= 8) {
                memcpy(&head, s + i - 8, 8);
                head >>= 8 * (8 - n);
            } else if (n >= 8) {
                memcpy(&head, s + start, 8);
                if (n > 8) {
                    uint64_t last;
                    memcpy(&last, s + i - 8, 8);
                    tail |= last >> (8 * (16 - n));
                }
            } else
#endif
            {
                for (Py_ssize_t k = 0; k < n; k++) {
                    if (k < 8)
                        head |= (uint64_t)s[start + k] << (8 * k);
                    else
                        tail |= (uint64_t)s[start + k] << (8 * (k - 8));
                }
            }
            hash = key_hash(head, tail);
        } else { /* (a long word: its code points kept to compare) */
            uint64_t h = HASH_START;
            for (Py_ssize_t k = 0; k < n; k++) {
                w->points[used + k] = s[start + k];
                h = HASH_STEP(h, s[start + k]);
            }
            tail |= NOT_INLINE;
            hash = key_hash(h, tail);
            offset = used;
            used += n;
        }
        note_token(self, w, count++, head, tail, hash, offset, starts, ends, start, i);
    }
    return count;
}

/* The tokens of the text's code points [from, to) (TOKEN of learned.py: `[a-z']+|[^\sa-z']`,
 * read as that slice of the text would be) into `w` (their keys, hashes and, when not inline,
 * code points); returns how many. Each token's span goes to `starts` and `ends` when they
 * are given. (A text of two or four bytes a character: `read_bytes` reads the others.) */
static Py_ssize_t read_tokens(const Scorer *self, int kind, const void *data, Py_ssize_t from,
                              Py_ssize_t to, Work *w, Py_ssize_t *starts, Py_ssize_t *ends)
{
    Py_ssize_t i = from, count = 0, used = 0;
    Py_UCS4 *points = w->points;
    while (i < to) {
        Py_ssize_t start = i;
        Py_UCS4 ch = PyUnicode_READ(kind, data, i++);
        if (!is_word_char(ch) && Py_UNICODE_ISSPACE(ch)) continue;
        Py_ssize_t length = 1;
        points[used] = ch;
        if (is_word_char(ch)) {
            while (i < to && is_word_char(ch = PyUnicode_READ(kind, data, i))) {
                points[used + length++] = ch;
                i++;
            }
        }
        StrKey key = key_of(points + used, length);
        uint64_t hash = string_hash(key, points + used, length);
        note_token(self, w, count++, key.head, key.tail, hash, used, starts, ends, start, i);
        used += length;
    }
    return count;
}

/* The entries of the tokens of the text's code points [from, to) (`read_tokens`) into
 * `w->ids`, and their kinds into `w->kinds` (-1 for a token the model does not know);
 * returns how many tokens. */
static Py_ssize_t tokenize(const Scorer *self, int kind, const void *data, Py_ssize_t from,
                           Py_ssize_t to, Work *w, Py_ssize_t *starts, Py_ssize_t *ends)
{
    Py_ssize_t count = kind == PyUnicode_1BYTE_KIND /* (most texts) */
        ? read_bytes(self, data, from, to, w, starts, ends)
        : read_tokens(self, kind, data, from, to, w, starts, ends);
    if (self->count) {
        find_tokens(self, w, count);
    } else {
        for (Py_ssize_t t = 0; t < count; t++) w->ids[t] = w->kinds[t] = -1;
    }
    return count;
}

/* Where row `row`'s weights are read (its dense copy when it has one). */
static inline const void *row_data(const Scorer *self, Row row)
{
    if (row.row & SPARSE) return self->weights + row.start - 1;
    return self->dense + (size_t)row.row * self->dense_flags;
}

/* Append row `row` to `found` when it has weights, its line asked for now (add_up reads it
 * after the other lookups, by when it is there: the misses overlap instead of queueing; a
 * row without a dense copy, which none of the file's is, asks for a line it does not read). */
#define ADD(found_row)                                               \
    do {                                                             \
        Row r_ = (found_row);                                        \
        if (r_.row != NONE) {                                        \
            PREFETCH(dense + (size_t)(r_.row & ~SPARSE) * width);    \
            found[count++] = r_;                                     \
        }                                                            \
    } while (0)

/* Note the pair of entries `first` and `second` to look up, its slot asked for now. */
#define PAIR(first, second)                                  \
    do {                                                     \
        uint64_t k_ = pair_key(first, second);               \
        size_t at_ = pair_index(k_, pair_shift);             \
        PREFETCH(&table[at_]);                               \
        keys[2 * pairs] = k_;                                \
        keys[2 * pairs++ + 1] = at_;                         \
    } while (0)

/* The rows of the distinct features of the `n` tokens in `w->ids` (as
 * learned.feature_keys reads them), into `w->found`; returns how many (with repeats). The
 * pairs are looked up after every pair's slot was asked for. */
static Py_ssize_t features(const Scorer *self, Work *w, Py_ssize_t n)
{
    Py_ssize_t count = 0, pairs = 0, *kinds = w->kinds;
    Row *found = w->found;
    uint64_t *keys = w->keys;
    const Py_ssize_t *ids = w->ids;
    const Entry *entries = self->entries;
    const int16_t *dense = self->dense;
    size_t width = (size_t)self->dense_flags, pair_mask = self->pair_mask;
    int pair_shift = self->pair_shift;
    (void)dense, (void)width; /* (read only where PREFETCH asks for lines) */
    const PairSlot *table = self->pairs;
    if (kinds[0] >= 0) PAIR(self->start, kinds[0]);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (ids[i] >= 0) ADD(entries[ids[i]].row);
        if (kinds[i] != ids[i]) ADD(entries[kinds[i]].row);
        if (i + 1 == n) break;
        if (ids[i] >= 0 && ids[i + 1] >= 0) PAIR(ids[i], ids[i + 1]);
        if ((kinds[i] != ids[i] || kinds[i + 1] != ids[i + 1]) && kinds[i] >= 0 &&
            kinds[i + 1] >= 0)
            PAIR(kinds[i], kinds[i + 1]);
    }
    for (Py_ssize_t p = 0; p < pairs; p++) {
        uint64_t key = keys[2 * p];
        size_t at = keys[2 * p + 1];
        while (table[at].key != key && table[at].key != FREE_PAIR) at = (at + 1) & pair_mask;
        ADD(table[at].row); /* (a free slot's row is NO_ROW) */
    }
    return count;
}

static int by_row(const void *a, const void *b)
{
    uint32_t x = ((const Row *)a)->row, y = ((const Row *)b)->row;
    return (x > y) - (x < y);
}

/* Is row `row` among the first `kept` of `found`? */
static int kept_already(const Row *found, Py_ssize_t kept, uint32_t row)
{
    for (Py_ssize_t i = 0; i < kept; i++)
        if (found[i].row == row) return 1;
    return 0;
}

/* The distinct rows of `found` (a row is known by its number), kept in place; returns how
 * many. The few rows of a message are marked by their numbers' low bits in 1,024 bits on the
 * stack (a mark per row of the model, kept between calls, cost a cache miss a row), and only
 * a row whose bit is marked already is looked for among those kept (a repeat, or seldom
 * another row of the same bits); the many of a long text are sorted instead. */
static Py_ssize_t distinct(Row *found, Py_ssize_t count)
{
    Py_ssize_t kept = 0;
    if (count <= DEDUP_ROWS) {
        uint64_t marks[16] = {0};
        for (Py_ssize_t i = 0; i < count; i++) {
            uint32_t row = found[i].row, bit = row & 1023;
            uint64_t mask = (uint64_t)1 << (bit & 63);
            if (marks[bit >> 6] & mask && kept_already(found, kept, row)) continue;
            marks[bit >> 6] |= mask;
            found[kept++] = found[i];
        }
        return kept;
    }
    qsort(found, count, sizeof(Row), by_row);
    for (Py_ssize_t i = 0; i < count; i++)
        if (i == 0 || found[i].row != found[i - 1].row) found[kept++] = found[i];
    return kept;
}

/* Adding a 32-flag dense copy (64 bytes, from a line's start) into the int16 totals: where
 * the compiler has vector types, into four registers of eight lanes (four additions a row,
 * the totals never stored between rows), which `SPILL32` writes to `small`; elsewhere into
 * `small` directly. The lanes are unsigned (wrapping is defined): `add_up` reads them as
 * int16 only when no total could have gone past INT16_MAX on the way. */
#if defined(__GNUC__) || defined(__clang__)
typedef uint16_t Lanes __attribute__((vector_size(16)));
#define LANES_DECLARE Lanes lane0 = {0}, lane1 = {0}, lane2 = {0}, lane3 = {0}
#define ADD32(copy)                                        \
    do {                                                   \
        const Lanes *v_ = (const Lanes *)(const void *)(copy); \
        lane0 += v_[0];                                    \
        lane1 += v_[1];                                    \
        lane2 += v_[2];                                    \
        lane3 += v_[3];                                    \
    } while (0)
#define SPILL32(small)                                     \
    do {                                                   \
        memcpy((small), &lane0, sizeof(Lanes));            \
        memcpy((small) + 8, &lane1, sizeof(Lanes));        \
        memcpy((small) + 16, &lane2, sizeof(Lanes));       \
        memcpy((small) + 24, &lane3, sizeof(Lanes));       \
    } while (0)
#else
#define LANES_DECLARE uint16_t lanes_[32] = {0}
#define ADD32(copy)                                                                   \
    for (int f_ = 0; f_ < 32; f_++)                                                   \
        lanes_[f_] = (uint16_t)(lanes_[f_] + (uint16_t)((const int16_t *)(copy))[f_])
#define SPILL32(small) memcpy((small), lanes_, sizeof(lanes_))
#endif

#if (defined(__GNUC__) || defined(__clang__)) && defined(__SSE2__)
#include <emmintrin.h>
/* The flags (bit f) whose int16 total in `small` is above `above16` (each flag's line less
 * one, as int16): four comparisons of eight lanes, packed to bytes, two masks. */
static inline uint64_t above32(const int16_t *small, const int16_t *above16)
{
    __m128i c0 = _mm_cmpgt_epi16(_mm_loadu_si128((const __m128i *)small),
                                 _mm_loadu_si128((const __m128i *)above16));
    __m128i c1 = _mm_cmpgt_epi16(_mm_loadu_si128((const __m128i *)(small + 8)),
                                 _mm_loadu_si128((const __m128i *)(above16 + 8)));
    __m128i c2 = _mm_cmpgt_epi16(_mm_loadu_si128((const __m128i *)(small + 16)),
                                 _mm_loadu_si128((const __m128i *)(above16 + 16)));
    __m128i c3 = _mm_cmpgt_epi16(_mm_loadu_si128((const __m128i *)(small + 24)),
                                 _mm_loadu_si128((const __m128i *)(above16 + 24)));
    uint32_t low = (uint32_t)_mm_movemask_epi8(_mm_packs_epi16(c0, c1)) & 0xFFFF;
    uint32_t high = (uint32_t)_mm_movemask_epi8(_mm_packs_epi16(c2, c3)) & 0xFFFF;
    return (uint64_t)(low | high << 16);
}
#else
static inline uint64_t above32(const int16_t *small, const int16_t *above16)
{
    uint64_t above = 0;
    for (int f = 0; f < 32; f++) above |= (uint64_t)(small[f] > above16[f]) << f;
    return above;
}
#endif

/* `sums` (int64) of the first `flags` of the 32 int16 totals `small`. */
static inline void widen32(const int16_t *small, int64_t *sums, int flags)
{
#if (defined(__GNUC__) || defined(__clang__)) && defined(__SSE2__)
    for (int f = 0; f < flags; f += 8) { /* (eight lanes at a time, sign-extended twice) */
        __m128i v = _mm_loadu_si128((const __m128i *)(small + f));
        __m128i sign = _mm_srai_epi16(v, 15);
        __m128i low = _mm_unpacklo_epi16(v, sign), high = _mm_unpackhi_epi16(v, sign);
        __m128i low_sign = _mm_srai_epi32(low, 31), high_sign = _mm_srai_epi32(high, 31);
        _mm_storeu_si128((__m128i *)(sums + f), _mm_unpacklo_epi32(low, low_sign));
        _mm_storeu_si128((__m128i *)(sums + f + 2), _mm_unpackhi_epi32(low, low_sign));
        _mm_storeu_si128((__m128i *)(sums + f + 4), _mm_unpacklo_epi32(high, high_sign));
        _mm_storeu_si128((__m128i *)(sums + f + 6), _mm_unpackhi_epi32(high, high_sign));
    }
#else
    for (int f = 0; f < flags; f++) sums[f] = small[f];
#endif
}

/* The totals (`sums`, every flag's, written whole: no need to zero them first) of the rows in
 * `found`, each distinct row counted once (a feature is in the set of a message's features
 * once however often it occurs); returns the mask of the flags above their lines. A 32-flag
 * dense copy is added whole into int16 lanes (eight flags an instruction, no branch a weight)
 * while the rows' bounds (`reach_of`) are summed: when they stay within INT16_MAX (a
 * message's few dozen rows of small weights: nearly always) no lane could have overflowed, and
 * the lanes are the totals, compared with the lines eight at a time. Otherwise (and for
 * 64-flag copies) the dense copies are added again into the int64 sums one by one. A row
 * without a dense copy is added weight by weight. */
static uint64_t add_up(const Scorer *self, Row *found, Py_ssize_t count, int64_t *sums)
{
    int sparse = 0;
    if (self->dense_flags == 32) {
        LANES_DECLARE;
        int64_t reach = 0;
        /* the rows told apart as they are added: a message's few marked by their numbers'
         * low bits in 1,024 bits on the stack, a row whose bit is marked already looked for
         * among those before it (a repeat, or seldom another row of the same bits); the many
         * of a long text sorted first (`distinct`) */
        uint64_t marks[16] = {0};
        int marking = count <= DEDUP_ROWS, lane = self->bound_lane, most = self->max_dense;
        const int16_t *dense = self->dense;
        if (!marking) count = distinct(found, count);
        for (Py_ssize_t i = 0; i < count; i++) {
            uint32_t row = found[i].row, bit = row & 1023;
            uint64_t mask = (uint64_t)1 << (bit & 63);
            if (marking) {
                if (marks[bit >> 6] & mask && kept_already(found, i, row)) continue;
                marks[bit >> 6] |= mask;
            }
            if (row & SPARSE) {
                sparse = 1;
                continue;
            }
            const int16_t *copy = dense + (size_t)row * 32;
            reach += lane >= 0 ? copy[lane] : most;
            ADD32(copy);
        }
        if (reach <= INT16_MAX) {
            int16_t small[32];
            SPILL32(small);
            widen32(small, sums, self->flags); /* (`sums` has MAX_FLAGS: 32 at most written) */
            if (!sparse && self->simd_lines) return above32(small, self->above16) & self->allowed;
            if (marking) count = distinct(found, count);
            goto sparse_rows;
        }
        if (marking) count = distinct(found, count);
    } else {
        count = distinct(found, count);
    }
    memset(sums, 0, sizeof(int64_t) * (size_t)self->dense_flags);
    for (Py_ssize_t i = 0; i < count; i++) {
        if (found[i].row & SPARSE) {
            sparse = 1;
            continue;
        }
        const int16_t *copy = row_data(self, found[i]);
        for (int f = 0; f < self->flags; f++) sums[f] += copy[f];
    }
sparse_rows:
    for (Py_ssize_t i = 0; sparse && i < count; i++) {
        if (!(found[i].row & SPARSE)) continue;
        const int32_t *at = self->weights + found[i].start;
        for (const int32_t *end = at + at[-1]; at < end; at++)
            sums[*at & FLAG_MASK] += *at >> FLAG_BITS; /* (an arithmetic shift: the value) */
    }
    uint64_t above = 0;
    for (int f = self->flags - 1; f >= 0; f--) /* (no branch a flag, nor a shift by f) */
        above = above << 1 | (uint64_t)(sums[f] >= self->lines[f]);
    return above & self->allowed;
}

/* The sums of the slice [from, to) of a text, read as a text of its own; returns the flags
 * above their lines. */
static uint64_t sum_slice(Scorer *self, int kind, const void *data, Py_ssize_t from,
                          Py_ssize_t to, Work *w, int64_t *sums)
{
    Py_ssize_t n = tokenize(self, kind, data, from, to, w, NULL, NULL);
    return add_up(self, w->found, n ? features(self, w, n) : 0, sums);
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

static int ready(const Scorer *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "Scorer: expected a str");
        return 0;
    }
    if (self->slots == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Scorer: not initialised");
        return 0;
    }
    return 1;
}

static PyObject *score(Scorer *self, PyObject *text, int totals)
{
    if (!ready(self, text)) return NULL;
    Work w;
    PyObject *result = NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (work_open(&w, length) == 0) {
        int64_t sums[MAX_FLAGS];
        uint64_t above =
            sum_slice(self, PyUnicode_KIND(text), PyUnicode_DATA(text), 0, length, &w, sums);
        result = answer(self, above, sums, totals);
    }
    work_close(&w);
    return result;
}

static PyObject *Scorer_sums(Scorer *self, PyObject *text) { return score(self, text, 1); }

static PyObject *Scorer_above(Scorer *self, PyObject *text) { return score(self, text, 0); }

/* configure(numbers, lines, drop, lifted, take_lines, takeable, safety, window, near,
 * no_change, no_change_here, make, lifts): what `opinion` decides with (learned.py). */
static int read_ints(PyObject *values, int64_t *into, int flags, const char *what)
{
    PyObject *list = PySequence_Fast(values, what);
    if (list == NULL) return -1;
    if (PySequence_Fast_GET_SIZE(list) != flags) {
        Py_DECREF(list);
        PyErr_Format(PyExc_ValueError, "%s: expected one number a flag", what);
        return -1;
    }
    for (int f = 0; f < flags; f++) {
        into[f] = PyLong_AsLongLong(PySequence_Fast_GET_ITEM(list, f));
        if (into[f] == -1 && PyErr_Occurred()) {
            Py_DECREF(list);
            return -1;
        }
    }
    Py_DECREF(list);
    return 0;
}

static PyObject *Scorer_configure(Scorer *self, PyObject *args)
{
    PyObject *numbers, *lines, *drop, *take_lines, *no_change, *no_change_here, *make, *lifts;
    unsigned long long lifted, takeable;
    int safety, window, near;
    if (!PyArg_ParseTuple(args, "O!OOKOKiiiOOOO", &PyDict_Type, &numbers, &lines, &drop,
                          &lifted, &take_lines, &takeable, &safety, &window, &near,
                          &no_change, &no_change_here, &make, &lifts))
        return NULL;
    if (self->slots == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Scorer: not initialised");
        return NULL;
    }
    if (safety < 0 || safety >= self->flags || window < 0 || near < 0) {
        PyErr_SetString(PyExc_ValueError, "configure: safety, window or near out of range");
        return NULL;
    }
    if (!PyCallable_Check(make) || !PyCallable_Check(lifts)) {
        PyErr_SetString(PyExc_TypeError, "configure: make and lifts must be callable");
        return NULL;
    }
    if (read_ints(lines, self->full_lines, self->flags, "lines") < 0 ||
        read_ints(drop, self->drop, self->flags, "drop") < 0 ||
        read_ints(take_lines, self->take_lines, self->flags, "take_lines") < 0)
        return NULL;
    self->lifted = lifted;
    self->takeable = takeable;
    self->safety = safety;
    self->window = window;
    self->near = near;
    Py_INCREF(numbers);
    Py_XSETREF(self->numbers, numbers);
    Py_INCREF(no_change);
    Py_XSETREF(self->no_change, no_change);
    Py_INCREF(no_change_here);
    Py_XSETREF(self->no_change_here, no_change_here);
    Py_INCREF(make);
    Py_XSETREF(self->make, make);
    Py_INCREF(lifts);
    Py_XSETREF(self->lifts, lifts);
    forget(self);
    Py_RETURN_NONE;
}

/* Whether the two str `a` and `b` hold the same characters. */
static int same_str(PyObject *a, PyObject *b)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(a);
    int kind = PyUnicode_KIND(a);
    return length == PyUnicode_GET_LENGTH(b) && kind == PyUnicode_KIND(b) &&
           memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)length * (size_t)kind) == 0;
}

static int number_in_dict(Scorer *self, PyObject *name);

/* The number of flag `name`, or -1 when it is none of the flags (-2 with an error set). A str
 * is found by its hash among those met before (NAME_CACHE of them, each held). */
static int number_of(Scorer *self, PyObject *name)
{
    if (!PyUnicode_CheckExact(name)) return number_in_dict(self, name);
    Py_hash_t hash = PyObject_Hash(name); /* (a str's is kept in it) */
    if (hash == -1) return -2;
    size_t at = (size_t)hash & (NAME_CACHE - 1);
    PyObject *kept = self->names[at];
    if (kept == name) return self->numbers_of[at];
    if (kept != NULL && PyObject_Hash(kept) == hash && same_str(kept, name))
        return self->numbers_of[at];
    int found = number_in_dict(self, name);
    if (found == -2) return -2;
    Py_INCREF(name); /* (a str: its answer cannot change while it is held) */
    Py_XSETREF(self->names[at], name);
    self->numbers_of[at] = found;
    return found;
}

/* The number of flag `name` in `numbers` (as number_of answers). */
static int number_in_dict(Scorer *self, PyObject *name)
{
    PyObject *number = PyDict_GetItemWithError(self->numbers, name);
    int found = -1;
    if (number != NULL) {
        long value = PyLong_AsLong(number);
        if (value == -1 && PyErr_Occurred()) return -2;
        found = value >= 0 && value < self->flags ? (int)value : -1;
    } else if (PyErr_Occurred()) {
        return -2;
    }
    return found;
}

/* The Opinion of the masks `added` and `taken` (`make`'s, made once for each). */
static PyObject *made(Scorer *self, uint64_t added, uint64_t taken, int matters)
{
    uint64_t mix = (added * 0x9E3779B97F4A7C15ULL) ^ (taken * 0xff51afd7ed558ccdULL) ^ (uint64_t)matters;
    size_t at = (size_t)(mix >> 60) & (MADE_CACHE - 1);
    if (self->made[at].opinion != NULL && self->made[at].added == added &&
        self->made[at].taken == taken && self->made[at].matters == matters)
        return Py_NewRef(self->made[at].opinion);
    PyObject *opinion = PyObject_CallFunction(self->make, "KKO", (unsigned long long)added,
                                              (unsigned long long)taken,
                                              matters ? Py_True : Py_False);
    if (opinion == NULL) return NULL;
    self->made[at].added = added;
    self->made[at].taken = taken;
    self->made[at].matters = matters;
    Py_XSETREF(self->made[at].opinion, Py_NewRef(opinion));
    return opinion;
}

/* learned.LearnedModel._said_within: whether some `window` tokens of the text (whose `n`
 * tokens span `starts`/`ends`) reach the safety net's line on their own. */
static int said_within(Scorer *self, int kind, const void *data, Py_ssize_t n,
                       const Py_ssize_t *starts, const Py_ssize_t *ends, Work *w)
{
    int64_t sums[MAX_FLAGS];
    Py_ssize_t width = self->window;
    if (n <= width) return 1;
    if (width == 0) return 0; /* (no net: `safety` is never above its line to ask) */
    for (Py_ssize_t first = 0; first + width <= n; first++) {
        sum_slice(self, kind, data, starts[first], ends[first + width - 1], w, sums);
        if (sums[self->safety] >= self->full_lines[self->safety]) return 1;
    }
    return 0;
}

/* learned.LearnedModel._absent_near: whether flag `flag` is below its line to take it back
 * around every span in `spans` (NEAR tokens on each side). 1, 0, or -1 with an error set. */
static int absent_near(Scorer *self, int kind, const void *data, Py_ssize_t length,
                       Py_ssize_t n, const Py_ssize_t *starts, const Py_ssize_t *ends,
                       Work *w, int flag, PyObject *spans)
{
    PyObject *list = PySequence_Fast(spans, "spans: expected (start, end) pairs");
    if (list == NULL) return -1;
    int absent = 1;
    for (Py_ssize_t s = 0; s < PySequence_Fast_GET_SIZE(list) && absent; s++) {
        PyObject *pair = PySequence_Fast(PySequence_Fast_GET_ITEM(list, s),
                                         "spans: expected (start, end) pairs");
        if (pair == NULL || PySequence_Fast_GET_SIZE(pair) != 2) {
            if (pair != NULL) PyErr_SetString(PyExc_ValueError, "spans: expected pairs");
            Py_XDECREF(pair);
            absent = -1;
            break;
        }
        Py_ssize_t start = PyNumber_AsSsize_t(PySequence_Fast_GET_ITEM(pair, 0), NULL);
        Py_ssize_t end = PyNumber_AsSsize_t(PySequence_Fast_GET_ITEM(pair, 1), NULL);
        Py_DECREF(pair);
        if (PyErr_Occurred()) {
            absent = -1;
            break;
        }
        Py_ssize_t first = -1, last = -1;
        for (Py_ssize_t i = 0; i < n; i++) {
            if (ends[i] > start && starts[i] < end) {
                if (first < 0) first = i;
                last = i;
            }
        }
        if (first >= 0) {
            start = starts[first > self->near ? first - self->near : 0];
            end = ends[last + self->near < n - 1 ? last + self->near : n - 1];
        } else { /* text[start:end] as Python slices it */
            PySlice_AdjustIndices(length, &start, &end, 1);
            if (end < start) end = start;
        }
        int64_t sums[MAX_FLAGS];
        sum_slice(self, kind, data, start, end, w, sums);
        if (sums[flag] >= self->take_lines[flag]) absent = 0;
    }
    Py_DECREF(list);
    return absent;
}

/* The flags of the rules to take back (bit f for flag f) into `taken`: each flag of
 * `found` in `low` (those that may be taken back whose sum over the whole text is below its
 * line) that is absent near every span of it. 0, or -1 with an error set. */
static int taken_back(Scorer *self, PyObject *found, uint64_t low, int kind, const void *data,
                      Py_ssize_t length, Py_ssize_t n, Work *w, uint64_t *taken)
{
    Py_ssize_t pos = 0;
    PyObject *name, *spans;
    while (PyDict_Next(found, &pos, &name, &spans)) {
        int f = number_of(self, name);
        if (f == -2) return -1;
        if (f < 0 || !(low >> f & 1)) continue;
        Py_INCREF(spans);
        int absent = absent_near(self, kind, data, length, n, w->starts, w->ends, w, f, spans);
        Py_DECREF(spans);
        if (absent < 0) return -1;
        if (absent) *taken |= (uint64_t)1 << f;
    }
    return 0;
}

/* learned.LearnedModel._answered: `near` (the flags above their lines lowered by what the
 * marks of the message answered can lift) settled, and whether that message could change
 * it (`matters`). -1 with an error set (from `lifts`). */
static int settle(Scorer *self, uint64_t *above, const int64_t *sums, uint64_t found,
                  PyObject *context, int *matters)
{
    uint64_t near = *above & self->lifted, settled = *above & ~self->lifted;
    int64_t lifts[MAX_FLAGS];
    int lifted = 0;
    for (int f = 0; f < self->flags; f++) {
        if (!(near >> f & 1)) continue;
        if (sums[f] >= self->full_lines[f] - self->drop[f]) { /* above whatever answered */
            settled |= (uint64_t)1 << f;
            continue;
        }
        if (found >> f & 1) continue; /* (never added) */
        *matters = 1;
        if (!lifted) {
            memset(lifts, 0, sizeof(lifts));
            if (context != Py_None) { /* (none answered: no marks) */
                PyObject *got = PyObject_CallOneArg(self->lifts, context);
                if (got == NULL) return -1;
                int bad = read_ints(got, lifts, self->flags, "lifts");
                Py_DECREF(got);
                if (bad) return -1;
            }
            lifted = 1;
        }
        if (sums[f] + lifts[f] >= self->full_lines[f]) settled |= (uint64_t)1 << f;
    }
    *above = settled;
    return 0;
}

static PyObject *decide(Scorer *self, PyObject *text, PyObject *found, PyObject *context,
                        Work *w)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int64_t sums[MAX_FLAGS]; /* (written whole by add_up) */
    Py_ssize_t n = tokenize(self, kind, data, 0, length, w, w->starts, w->ends);
    uint64_t above = add_up(self, w->found, n ? features(self, w, n) : 0, sums);
    if (above == 0 && PyDict_GET_SIZE(found) == 0) return Py_NewRef(self->no_change);
    /* the flags the rules found, and those of them below their lines to take back */
    uint64_t rules = 0, low = 0;
    Py_ssize_t pos = 0;
    PyObject *name, *spans;
    while (PyDict_Next(found, &pos, &name, &spans)) {
        int f = number_of(self, name);
        if (f == -2) return NULL;
        if (f < 0) continue;
        rules |= (uint64_t)1 << f;
        if (self->takeable >> f & 1 && sums[f] < self->take_lines[f]) low |= (uint64_t)1 << f;
    }
    int matters = 0;
    if (above & self->lifted && settle(self, &above, sums, rules, context, &matters) < 0)
        return NULL;
    uint64_t safety = (uint64_t)1 << self->safety;
    if (above & safety &&
        (rules & safety || !said_within(self, kind, data, n, w->starts, w->ends, w)))
        above &= ~safety;
    uint64_t added = above & ~rules, taken = 0;
    if (low && taken_back(self, found, low, kind, data, length, n, w, &taken) < 0)
        return NULL;
    if (!added && !taken) return Py_NewRef(matters ? self->no_change_here : self->no_change);
    return made(self, added, taken, matters);
}

/* opinion(text, found, context=None): learned.LearnedModel.opinion in one call. */
static PyObject *Scorer_opinion(Scorer *self, PyObject *const *args, Py_ssize_t nargs,
                                PyObject *kwnames)
{
    static const char *const names[] = {"text", "found", "context"};
    PyObject *values[3] = {NULL, NULL, Py_None};
    if (kwnames == NULL && (nargs == 2 || nargs == 3)) { /* (the glue's call) */
        values[0] = args[0];
        values[1] = args[1];
        if (nargs == 3) values[2] = args[2];
        nargs = 0;
    } else if (nargs > 3) {
        PyErr_SetString(PyExc_TypeError, "opinion() takes at most 3 arguments");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) values[i] = args[i];
    Py_ssize_t keywords = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t k = 0; k < keywords; k++) {
        PyObject *keyword = PyTuple_GET_ITEM(kwnames, k);
        int at = -1;
        for (int j = 0; j < 3; j++)
            if (PyUnicode_CompareWithASCIIString(keyword, names[j]) == 0) at = j;
        if (at < 0 || at < nargs) {
            PyErr_Format(PyExc_TypeError, "opinion() got an unexpected or repeated argument %R",
                         keyword);
            return NULL;
        }
        values[at] = args[nargs + k];
    }
    if (values[0] == NULL || values[1] == NULL) {
        PyErr_SetString(PyExc_TypeError, "opinion() needs text and found");
        return NULL;
    }
    PyObject *text = values[0], *found = values[1];
    if (!ready(self, text)) return NULL;
    if (self->numbers == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Scorer: opinion before configure");
        return NULL;
    }
    if (!PyDict_Check(found)) {
        PyErr_SetString(PyExc_TypeError, "opinion: found must be a dict");
        return NULL;
    }
    Work w;
    PyObject *result = NULL;
    if (work_open(&w, PyUnicode_GET_LENGTH(text)) == 0) {
        Py_INCREF(found);
        result = decide(self, text, found, values[2], &w);
        Py_DECREF(found);
    }
    work_close(&w);
    return result;
}

/* The weightiest (first) of the `width` tokens in a row of the text's `n` tokens for flag
 * `flag` (learned.LearnedModel._phrase): its span, or the whole text's when it is shorter. */
static PyObject *phrase(Scorer *self, int kind, const void *data, Py_ssize_t length,
                        Py_ssize_t n, Work *w, int flag, Py_ssize_t width)
{
    if (n <= width)
        return n ? Py_BuildValue("(nn)", w->starts[0], w->ends[n - 1])
                 : Py_BuildValue("(nn)", (Py_ssize_t)0, length);
    int64_t sums[MAX_FLAGS], best = 0;
    Py_ssize_t at = -1;
    for (Py_ssize_t first = 0; first + width <= n; first++) {
        sum_slice(self, kind, data, w->starts[first], w->ends[first + width - 1], w, sums);
        if (at < 0 || sums[flag] > best) {
            best = sums[flag];
            at = first;
        }
    }
    return Py_BuildValue("(nn)", w->starts[at], w->ends[at + width - 1]);
}

/* The heaviest weight of flag `flag` in row `row`; 0 when the row gives the flag none. */
static int row_weight(const Scorer *self, Row row, int flag, int64_t *weight)
{
    int has = 0;
    if (row.row == NONE) return 0;
    if (self->mask_lanes && !(row.row & SPARSE)) { /* (its dense copy says which flags) */
        const int16_t *copy = self->dense + (size_t)row.row * 32;
        uint32_t present = (uint32_t)(uint16_t)copy[PRESENT_LANE] |
                           (uint32_t)(uint16_t)copy[PRESENT_LANE + 1] << 16;
        if (!(present >> flag & 1)) return 0;
        if (copy[UNIQUE_LANE]) { /* (one record of the flag: its weight is the total) */
            *weight = copy[flag];
            return 1;
        }
    }
    for (uint32_t p = row.start; p < row.start + (uint32_t)self->weights[row.start - 1]; p++) {
        int32_t record = self->weights[p];
        int64_t value = record >> FLAG_BITS;
        if ((record & FLAG_MASK) == flag && (!has || value > *weight)) {
            *weight = value;
            has = 1;
        }
    }
    return has;
}

/* evidence(text, flag, width): learned.LearnedModel.evidence of flag number `flag`: with
 * `width` 0 the span of the first feature of the text (in the order of
 * learned_features.feature_spans) whose row weighs most for the flag, else the weightiest
 * `width` tokens in a row (`phrase`). Weights in thousandths order as the file's decimals do. */
static PyObject *Scorer_evidence(Scorer *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "evidence(text, flag, width)");
        return NULL;
    }
    PyObject *text = args[0];
    if (!ready(self, text)) return NULL;
    long flag = PyLong_AsLong(args[1]);
    Py_ssize_t width = PyLong_AsSsize_t(args[2]);
    if ((flag == -1 || width == -1) && PyErr_Occurred()) return NULL;
    if (flag < 0 || flag >= self->flags || width < 0) {
        PyErr_SetString(PyExc_ValueError, "evidence: no such flag, or a negative width");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Work w;
    PyObject *result = NULL;
    if (work_open(&w, length) == 0) {
        Py_ssize_t n = tokenize(self, kind, data, 0, length, &w, w.starts, w.ends);
        if (width) {
            result = phrase(self, kind, data, length, n, &w, (int)flag, width);
        } else {
            const Entry *entries = self->entries;
            Py_ssize_t *ids = w.ids, *kinds = w.kinds, start = 0, end = length;
            int64_t best = 0, weight = 0;
            int has = 0;
/* consider the row `row` of the feature of tokens first..last */
#define CONSIDER(row, first, last)                                                 \
    do {                                                                           \
        if (row_weight(self, (row), (int)flag, &weight) && (!has || weight > best)) { \
            best = weight;                                                         \
            has = 1;                                                               \
            start = w.starts[first];                                               \
            end = w.ends[last];                                                    \
        }                                                                          \
    } while (0)
            if (n && kinds[0] >= 0) CONSIDER(find_pair(self, self->start, kinds[0]), 0, 0);
            for (Py_ssize_t i = 0; i < n; i++) {
                if (ids[i] >= 0) CONSIDER(entries[ids[i]].row, i, i);
                if (kinds[i] >= 0) CONSIDER(entries[kinds[i]].row, i, i);
                if (i && ids[i - 1] >= 0 && ids[i] >= 0)
                    CONSIDER(find_pair(self, ids[i - 1], ids[i]), i - 1, i);
                if (i && kinds[i - 1] >= 0 && kinds[i] >= 0)
                    CONSIDER(find_pair(self, kinds[i - 1], kinds[i]), i - 1, i);
            }
#undef CONSIDER
            result = Py_BuildValue("(nn)", start, end);
        }
    }
    work_close(&w);
    return result;
}

static PyMethodDef Scorer_methods[] = {
    {"sums", (PyCFunction)Scorer_sums, METH_O,
     "sums(text) -> (above, totals): the flags above their lines (bit f for flag f) and the "
     "total weight of each flag, in thousandths, for a normalized text."},
    {"above", (PyCFunction)Scorer_above, METH_O,
     "above(text) -> int: the flags above their lines (bit f for flag f)."},
    {"configure", (PyCFunction)Scorer_configure, METH_VARARGS,
     "configure(numbers, lines, drop, lifted, take_lines, takeable, safety, window, near, "
     "no_change, no_change_here, make, lifts): what `opinion` decides with (learned.py)."},
    {"evidence", (PyCFunction)(void (*)(void))Scorer_evidence, METH_FASTCALL,
     "evidence(text, flag, width) -> (start, end): the span of the feature weighing most for "
     "flag number `flag` (width 0), or of the `width` tokens in a row that weigh most."},
    {"opinion", (PyCFunction)(void (*)(void))Scorer_opinion, METH_FASTCALL | METH_KEYWORDS,
     "opinion(text, found, context=None) -> Opinion: learned.LearnedModel.opinion in one "
     "call."},
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
 * learned_file.ROWS reads it, with ASCII digits: a name of one or more characters other than tab and
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
     "rows_ok(body) -> bool: True when every line is a row learned_file.ROWS accepts, written with "
     "ASCII digits (False decides nothing: ask ROWS)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_scoring", "The coach's second opinion, scored in C.", -1,
    module_methods,
};

PyMODINIT_FUNC PyInit__scoring(void)
{
    fill_char_class();
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
