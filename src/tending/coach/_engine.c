/* The rule engine's inner loops in C, the same answers as their Python twins in
 * `tending.coach.searching` (which run when this module is not built):
 *
 * - `search_planned`: for each message the engine gathers about twenty candidate alternatives
 *   from its word index, checks their words, sorts those that pass (about seven) and searches
 *   about four. Here the same steps run without the interpreter (the searches are still
 *   Python's `re`): the message's words are looked up once for their numbers
 *   (`word_ids.WordIds`) and set in a bitmap, and each index entry holds its records' word
 *   checks in one table of numbers (`WordIds.table`), so a candidate's checks are a few bit
 *   tests in memory read in a row, and only those that pass are read as records.
 *   An alternative with a lead (`alternatives.lead`: `\b` and plain characters every match
 *   starts with) is searched from where the lead first stands (`lead_at`), not at all where
 *   it stands nowhere, and one that is its lead alone is matched there without `re`.
 * - `run_planned`: the same search, then each pattern's match checked (`requires`, the
 *   alternatives of its `unless` whose words the message holds, searched in the match's
 *   sentence, negation) and made a hit, the implied hits (`[[imply]]`) added: the rule
 *   engine's whole common path in one call (in Python it cost about 4 us a message after the
 *   search).
 * - `triggered_pending`: the patterns not planned yet that the message's words trigger;
 *   `run_planned` first tells in a few bit tests whether a message may trigger any
 *   (`pending_met`: most trigger none) and returns None when it may.
 * - `WordNumbers`: the message's words with their stems (`stems.stems_reference`'s set), their
 *   numbers noted in the same pass from one record kept a word, so `run_planned` reads them
 *   instead of looking each word and stem up again (`RuleEngine.stems`).
 * - `grow_table`: a word's check table grown by the records a planning files under it (its
 *   Python twin `word_ids.grow_table`; `test_tables.py` holds the two to the same bytes).
 *
 * An index entry is (alone, by_second or None, seconds or None, table, records) and a record
 * a tuple (rank, pattern, need, rest, trigger, alternative, rank and word checks as one bytes
 * object, trigger as bitmaps or None, head: None or what a text needs for its alternative to
 * match, `heads.passes`): see `searching.py`. The table is read only while gathering, when no
 * Python runs (so no thread replaces an entry meanwhile); a candidate's record is borrowed
 * from the entry's tuple of records, which a replacing entry holds too (entries only grow).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    long long rank;
    PyObject *record; /* borrowed: held by the index for the call */
    int head_checked; /* its head gate checked in its slot (not read again from the record) */
} Candidate;

/* The candidates gathered: in `stack` while they fit (about twenty a message), where their
 * array from the heap cost a `malloc` and a `free` of the C library each message (past
 * Python's small-object allocator's 512 bytes). */
typedef struct {
    Candidate *items;
    Py_ssize_t used, room;
    Candidate stack[64];
} Gathered;

/* The place of one more candidate, the array grown (NULL on error: out of memory). */
static Py_NO_INLINE Candidate *grown_candidate(Gathered *out) {
    Py_ssize_t grown = out->room * 2;
    Candidate *bigger = out->items == out->stack
                            ? PyMem_Malloc(grown * sizeof(Candidate))
                            : PyMem_Realloc(out->items, grown * sizeof(Candidate));
    if (bigger == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    if (out->items == out->stack) memcpy(bigger, out->stack, sizeof out->stack);
    out->items = bigger;
    out->room = grown;
    return &out->items[out->used++];
}

/* The place of one more candidate (NULL on error: out of memory). */
static inline Candidate *next_candidate(Gathered *out) {
    if (out->used == out->room) return grown_candidate(out);
    return &out->items[out->used++];
}

static PyObject *str_regex, *str_search, *str_span, *str_imply, *str_lead, *str_bare;

/* Sort the candidates by rank: insertion sort, as there are about twenty (qsort's merge
 * sort allocated and cost more). */
static void sort_by_rank(Candidate *found, Py_ssize_t used) {
    for (Py_ssize_t i = 1; i < used; i++) {
        Candidate moving = found[i];
        Py_ssize_t j = i;
        while (j > 0 && found[j - 1].rank > moving.rank) {
            found[j] = found[j - 1];
            j--;
        }
        found[j] = moving;
    }
}

/* A message's word that has a number (a word without one is in no set a record checks). */
typedef struct {
    PyObject *word; /* borrowed from the list of the message's words */
    long id;
} Word;

/* Is word number `id` in bitmap `bits`? (A bitmap made before the word was numbered is
 * shorter: the word is not in it.) */
static inline int has_bit(PyObject *bits, long id) {
    if ((id >> 3) >= PyBytes_GET_SIZE(bits)) return 0;
    return (((const unsigned char *)PyBytes_AS_STRING(bits))[id >> 3] >> (id & 7)) & 1;
}

/* Does the set `bits` hold a word of the message? */
static int bits_meet(PyObject *bits, const Word *words, Py_ssize_t count) {
    for (Py_ssize_t i = 0; i < count; i++) {
        if (has_bit(bits, words[i].id)) return 1;
    }
    return 0;
}

/* The message's words as a bitmap of their numbers (made once a message: a record's checks
 * are then one bit test a word they name, in memory the message owns). */
typedef struct {
    unsigned char *bits;
    long size;  /* in bytes: a number past it is no word of the message */
    long first; /* the number of the text's first word (`heads.first_word`), -1: none */
    uint32_t limit; /* size * 8: a number (as unsigned: a negative one past it too) below it
                     * may be in the bitmap, one test where two were */
    int count;      /* the message's numbers, sorted (`any_of` walks them for a long set) */
    const int *sorted;
} Seen;

static inline int seen(const Seen *message, int id) {
    return (uint32_t)id < message->limit && (message->bits[(uint32_t)id >> 3] >> (id & 7)) & 1;
}

/* A set of words one of which is needed (`word_ids.word_set`): its count, its numbers
 * (sorted), and when it has `LONG_SET` or more a filter of `FILTER_WORDS` 32-bit words (bit
 * n % 1,024 set for each number n). */
#define LONG_SET 16
#define FILTER_WORDS 32

/* The size of a set of `n` words, in 32-bit numbers after its count. */
static inline long set_size(long n) { return n + (n >= LONG_SET ? FILTER_WORDS : 0); }

/* Do the `n` sorted `numbers` (a long set, its filter after them) hold a word of the
 * message, walked the other way (`any_of`): each of the message's numbers (sorted) looked up
 * in the filter, and only if there (about one in eight) looked for by a binary search in
 * what is left of the set? (Out of line: the loop of a short set stays small.) */
static Py_NO_INLINE int any_of_long(const int *numbers, long n, const Seen *message) {
    const uint32_t *filter = (const uint32_t *)(numbers + n);
    long low = 0;
    for (int j = 0; j < message->count; j++) {
        int id = message->sorted[j];
        if (!((filter[(id >> 5) & (FILTER_WORDS - 1)] >> (id & 31)) & 1)) continue;
        long count = n - low;
        while (count > 1) { /* (the last number <= id, without branches) */
            long half = count / 2;
            low = numbers[low + half] <= id ? low + half : low;
            count -= half;
        }
        if (numbers[low] == id) return 1;
    }
    return 0;
}

/* Do the `n` sorted `numbers` hold a word of the message? A short set (or a long one, for a
 * message of more words than it) is read number by number in the message's bitmap; a long
 * one by `any_of_long`. */
static inline Py_ALWAYS_INLINE int any_of(const int *numbers, long n, const Seen *message) {
    if (n >= LONG_SET && message->count <= n) return any_of_long(numbers, n, message);
    for (long i = 0; i < n; i++) {
        if (seen(message, numbers[i])) return 1;
    }
    return 0;
}

/* A record's word checks as `WordIds.blob` lays them out (32-bit numbers): the rank (two),
 * the counts of needed words and of clauses, the needed words' numbers, then each clause as
 * a set of words (`word_set`: its count, its numbers, a long one's filter). `checks` points
 * at the counts. */
static inline Py_ALWAYS_INLINE int checks_met(const int *checks, const Seen *message) {
    int needed = checks[0], clauses = checks[1];
    const int *at = checks + 2;
    for (int i = 0; i < needed; i++) {
        if (!seen(message, at[i])) return 0;
    }
    at += needed;
    for (int c = 0; c < clauses; c++) {
        int n = *at++;
        if (!any_of(at, n, message)) return 0;
        at += set_size(n);
    }
    return 1;
}

static int blob_met(PyObject *blob, const Seen *message) {
    return checks_met((const int *)(PyBytes_AS_STRING(blob) + 8), message);
}

/* Is `blob` bytes laid out as `WordIds.blob` writes a record's checks, all within it? */
static int clauses_blob(PyObject *blob) {
    if (!PyBytes_Check(blob) || PyBytes_GET_SIZE(blob) % 4 || PyBytes_GET_SIZE(blob) < 16) {
        return 0;
    }
    const int *numbers = (const int *)(PyBytes_AS_STRING(blob) + 8);
    Py_ssize_t size = (PyBytes_GET_SIZE(blob) - 8) / 4, at = 2;
    if (numbers[0] < 0 || numbers[1] < 0 || numbers[0] > size - at) return 0;
    at += numbers[0];
    for (int c = 0; c < numbers[1]; c++) {
        if (at >= size || numbers[at] < 0 || set_size(numbers[at]) > size - at - 1) return 0;
        at += 1 + set_size(numbers[at]); /* (a long set's filter after its numbers) */
    }
    return at == size;
}

/* Does word set `numbers` (its count, then its words' numbers) hold a word of the message?
 * `*at` is moved past it. */
static int any_seen(const int *numbers, long *at, const Seen *message) {
    long n = numbers[*at], first = *at + 1;
    *at = first + set_size(n);
    return any_of(numbers + first, n, message);
}

/* `searching.trigger_met` over the trigger in numbers (`WordIds.trigger`): a word alone, or
 * an entry's key word with a word of each of its other parts. */
static int trigger_met(PyObject *trigger, const Seen *message) {
    const int *numbers = (const int *)PyBytes_AS_STRING(trigger);
    long at = 0;
    if (any_seen(numbers, &at, message)) return 1;
    long entries = numbers[at++];
    for (long e = 0; e < entries; e++) {
        int met = seen(message, numbers[at]);
        long parts = numbers[at + 1];
        at += 2;
        for (long p = 0; p < parts; p++) {
            if (!met) {
                at += 1 + set_size(numbers[at]); /* (a part past: its count and set) */
            } else if (!any_seen(numbers, &at, message)) {
                met = 0;
            }
        }
        if (met) return 1;
    }
    return 0;
}

/* The count of bits set in `word` (in a few shifts and masks: `__builtin_popcount`, built
 * without a POPCNT instruction, was a call into libgcc). */
static inline int bit_count(uint32_t word) {
    word = word - ((word >> 1) & 0x55555555u);
    word = (word & 0x33333333u) + ((word >> 2) & 0x33333333u);
    word = (word + (word >> 4)) & 0x0F0F0F0Fu;
    return (int)((word * 0x01010101u) >> 24);
}

/* Is `id` one of the `count` sorted `numbers`? */
static int among(const int *numbers, long count, long id) {
    if (count == 0 || id < 0) return 0;
    long low = 0;
    while (count > 1) { /* (a binary search without branches) */
        long half = count / 2;
        low = numbers[low + half] <= id ? low + half : low;
        count -= half;
    }
    return numbers[low] == id;
}

/* Where an entry's records are: its tuple, or (the C path by word number) a list of the
 * tuples by number and the entry's number, the tuple read only once a slot passes. */
typedef struct {
    PyObject *records; /* NULL until read */
    PyObject *by_id;
    long id;
} Records;

/* Append to the candidates the `count` slots of the entry's `table` from place `at` (in
 * 32-bit numbers) whose checks the message meets, with their records (from the entry's tuple
 * of records: `WordIds.table`). */
static inline Py_ALWAYS_INLINE int add_slots(PyObject *table, Records *from, long at,
                                             long count, const Seen *message, Gathered *out) {
    const int *data = (const int *)PyBytes_AS_STRING(table);
    long end = PyBytes_GET_SIZE(table) / 4;
    for (long k = 0; k < count; k++) {
        if (at < 0 || at + 7 > end || data[at] < 7 || at + data[at] > end ||
            data[at + 2] > data[at] - 7) {
            PyErr_SetString(PyExc_ValueError, "search_planned: a table slot out of place");
            return -1;
        }
        const int *slot = data + at;
        at += slot[0];
        if (slot[2] >= 0 && !among(slot + slot[0] - slot[2], slot[2], message->first)) continue;
        if (!checks_met(slot + 5, message)) continue;
        if (from->records == NULL) {
            if (from->id >= PyList_GET_SIZE(from->by_id) ||
                !PyTuple_Check(from->records = PyList_GET_ITEM(from->by_id, from->id))) {
                PyErr_SetString(PyExc_TypeError, "run_planned: an entry without its records");
                return -1;
            }
        }
        if (slot[1] < 0 || slot[1] >= PyTuple_GET_SIZE(from->records)) {
            PyErr_SetString(PyExc_ValueError, "search_planned: a slot's record out of place");
            return -1;
        }
        Candidate *candidate = next_candidate(out);
        if (candidate == NULL) return -1;
        memcpy(&candidate->rank, slot + 3, sizeof candidate->rank);
        candidate->record = PyTuple_GET_ITEM(from->records, slot[1]);
        candidate->head_checked = slot[2] >= 0;
    }
    return 0;
}

/* The records filed under the message's words whose word checks the message meets: under a
 * word alone, and under a word and a second word of the message (found in the entry's table).
 * `index`: the index (a dict by word), or its entries by
 * word number (a list of their tables, None where a number has no entry, with
 * `records_by_id` the list of their records; NULL with the dict). Nothing here runs Python, so no
 * entry changes meanwhile. */
static int gather(PyObject *index, PyObject *records_by_id, const Word *words,
                  Py_ssize_t count, const Seen *message, Gathered *out) {
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *table;
        Records from = {NULL, records_by_id, words[i].id};
        if (records_by_id != NULL) { /* the tables by word number: no look-up by word */
            if (words[i].id >= PyList_GET_SIZE(index)) continue;
            table = PyList_GET_ITEM(index, words[i].id);
            if (table == Py_None) continue;
        } else {
            PyObject *entry = PyDict_GetItemWithError(index, words[i].word);
            if (entry == NULL) {
                if (PyErr_Occurred()) return -1;
                continue;
            }
            if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) != 5 ||
                !PyTuple_Check(PyTuple_GET_ITEM(entry, 4))) {
                PyErr_SetString(PyExc_TypeError, "search_planned: an index entry is a 5-tuple");
                return -1;
            }
            table = PyTuple_GET_ITEM(entry, 3);
            from.records = PyTuple_GET_ITEM(entry, 4);
        }
        if (!PyBytes_Check(table) || PyBytes_GET_SIZE(table) < 12) {
            PyErr_SetString(PyExc_TypeError, "search_planned: a table is bytes");
            return -1;
        }
        const int *head = (const int *)PyBytes_AS_STRING(table);
        long seconds = head[0], marked = head[2]; /* (the bitmap's size, in 32-bit words) */
        long at = 3 + 2 * marked + 3 * seconds;      /* the first slot's place */
        if (seconds < 0 || marked < 0 || at > PyBytes_GET_SIZE(table) / 4) {
            PyErr_SetString(PyExc_ValueError, "search_planned: a table too short");
            return -1;
        }
        if (add_slots(table, &from, at, head[1], message, out) < 0) return -1;
        /* the second words' numbers (sorted), then each one's count of slots and first place */
        const uint32_t *bits = (const uint32_t *)(head + 3);
        const int *ranks = head + 3 + marked, *numbers = head + 3 + 2 * marked;
        const int *counts = numbers + seconds, *places = counts + seconds;
        if (marked == 0) { /* few: each tested in the message's bitmap */
            for (long k = 0; k < seconds; k++) {
                if (seen(message, numbers[k]) &&
                    add_slots(table, &from, places[k], counts[k], message, out) < 0) {
                    return -1;
                }
            }
            continue;
        }
        /* many: the message's numbers (sorted: those past the bitmap end the walk) in their
         * bitmap */
        for (int j = 0; j < message->count; j++) {
            int id = message->sorted[j];
            if ((id >> 5) >= marked) break;
            uint32_t word = bits[id >> 5], below = word & ((1u << (id & 31)) - 1);
            if (!((word >> (id & 31)) & 1)) continue;
            long k = ranks[id >> 5] + bit_count(below); /* its place among the numbers */
            if (k >= seconds || numbers[k] != id) {
                PyErr_SetString(PyExc_ValueError, "search_planned: a bitmap out of step");
                return -1;
            }
            if (add_slots(table, &from, places[k], counts[k], message, out) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

/* Does the record pass its trigger (its words' checks passed when gathered)? `fired` caches
 * the pattern's trigger answer (-2: not worked out yet). */
static int passes(PyObject *record, const Seen *message, int *fired) {
    PyObject *trigger = PyTuple_GET_ITEM(record, 7);
    if (trigger == Py_None) return 1;
    if (*fired == -2) *fired = trigger_met(trigger, message);
    return *fired;
}
/* A pattern's leftmost match so far, in search order (the patterns' order). */
typedef struct {
    PyObject *key;   /* the pattern's number (borrowed from its record) */
    PyObject *match; /* owned */
    Py_ssize_t start, end;
} Kept;

/* The type of match objects and its `span` (owned; found on first need, under the GIL). */
static PyTypeObject *match_type;
static PyObject *match_span;

/* The span of match `match` (-1 on error), through the method found once for match objects
 * (no look-up of `span` by name each time). */
static int span_of(PyObject *match, Py_ssize_t *start, Py_ssize_t *end) {
    if (Py_TYPE(match) != match_type) {
        PyObject *method = PyObject_GetAttr((PyObject *)Py_TYPE(match), str_span);
        if (method == NULL) return -1;
        if (Py_IS_TYPE(method, &PyMethodDescr_Type)) {
            Py_INCREF(Py_TYPE(match));
            Py_XSETREF(match_type, Py_TYPE(match));
            Py_XSETREF(match_span, method);
        } else {
            Py_DECREF(method);
        }
    }
    PyObject *span = Py_TYPE(match) == match_type
                         ? PyObject_Vectorcall(match_span, &match, 1, NULL)
                         : PyObject_CallMethodNoArgs(match, str_span);
    if (span == NULL) return -1;
    if (!PyTuple_Check(span) || PyTuple_GET_SIZE(span) != 2) {
        Py_DECREF(span);
        PyErr_SetString(PyExc_TypeError, "search_planned: a span is a pair");
        return -1;
    }
    *start = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 0));
    *end = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 1));
    Py_DECREF(span);
    return PyErr_Occurred() ? -1 : 0;
}

/* What the searches reuse, found once: the type whose `regex` is a slot (`Alternative`) and
 * the slot's place in its objects, and the type of compiled expressions with its `search`
 * (owned; set under the GIL). */
static PyTypeObject *slot_type, *pattern_type;
static Py_ssize_t slot_offset, lead_offset = -1, bare_offset = -1; /* (-1: no such slot) */
static PyObject *pattern_search;

/* The offset of the object slot `name` of `type` (-1: none such). */
static Py_ssize_t member_offset(PyTypeObject *type, PyObject *name) {
    PyObject *found = PyObject_GetAttr((PyObject *)type, name);
    Py_ssize_t offset = -1;
    if (found == NULL) {
        PyErr_Clear();
    } else if (Py_IS_TYPE(found, &PyMemberDescr_Type) &&
               ((PyMemberDescrObject *)found)->d_member->type == T_OBJECT_EX) {
        offset = ((PyMemberDescrObject *)found)->d_member->offset;
    }
    Py_XDECREF(found);
    return offset;
}

/* `holder.regex` (a new reference; NULL on error): read from its slot, where `GetAttr` looked
 * the name up in the type each time (about 40 ns a search). */
static PyObject *regex_slot(PyObject *holder) {
    PyTypeObject *type = Py_TYPE(holder);
    if (type != slot_type) {
        Py_ssize_t offset = member_offset(type, str_regex);
        if (offset >= 0) {
            slot_offset = offset;
            lead_offset = member_offset(type, str_lead);
            bare_offset = member_offset(type, str_bare);
            Py_INCREF(type);
            Py_XSETREF(slot_type, type);
        }
        if (type != slot_type) return PyObject_GetAttr(holder, str_regex);
    }
    PyObject *regex = *(PyObject **)((char *)holder + slot_offset);
    if (regex == NULL) return PyObject_GetAttr(holder, str_regex); /* (unset: it raises) */
    Py_INCREF(regex);
    return regex;
}

/* `holder.regex`, or `compile(holder)` where it is None (a new reference; NULL on error). */
static PyObject *regex_of(PyObject *holder, PyObject *compile) {
    PyObject *regex = regex_slot(holder);
    if (regex == Py_None) {
        Py_DECREF(regex);
        regex = PyObject_CallOneArg(compile, holder);
    }
    return regex;
}

/* `args[0].search(*args[1:nargs])`, through the method found once for compiled expressions
 * (no look-up of `search` by name each time); a new reference, NULL on error. */
static PyObject *search_with(PyObject *const *args, size_t nargs) {
    if (Py_TYPE(args[0]) != pattern_type) {
        PyObject *method = PyObject_GetAttr((PyObject *)Py_TYPE(args[0]), str_search);
        if (method == NULL) return NULL;
        if (!Py_IS_TYPE(method, &PyMethodDescr_Type)) {
            Py_DECREF(method);
            return PyObject_VectorcallMethod(str_search, args, nargs, NULL);
        }
        Py_INCREF(Py_TYPE(args[0]));
        Py_XSETREF(pattern_type, Py_TYPE(args[0]));
        Py_XSETREF(pattern_search, method);
    }
    return PyObject_Vectorcall(pattern_search, args, nargs, NULL);
}

/* `holder.lead` (`alternatives.lead`), borrowed, read from its slot once `regex_slot` has
 * read the type's: NULL where there is none to read (then searched whole: the same answer). */
static PyObject *lead_slot(PyObject *holder) {
    if (Py_TYPE(holder) != slot_type || lead_offset < 0) return NULL;
    PyObject *lead = *(PyObject **)((char *)holder + lead_offset);
    return lead == Py_None ? NULL : lead;
}

/* `holder.bare` (`Alternative.bare`), borrowed, as `lead_slot` reads the lead. */
static PyObject *bare_slot(PyObject *holder) {
    if (Py_TYPE(holder) != slot_type || bare_offset < 0) return NULL;
    PyObject *bare = *(PyObject **)((char *)holder + bare_offset);
    return bare == Py_None ? NULL : bare;
}

/* Is `c` a word character to `re`'s `\b` (a str pattern's: `Py_UNICODE_ISALNUM` or `_`)? */
static inline int word_char(Py_UCS4 c) {
    if (c < 128) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    }
    return Py_UNICODE_ISALNUM(c);
}

/* Does `\b` hold at `at` in the text (`searching.edge_at`)? */
static inline int edge_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t at) {
    if (n == 0) return 0;
    int before = at > 0 && word_char(PyUnicode_READ(kind, data, at - 1));
    return before != (at < n && word_char(PyUnicode_READ(kind, data, at)));
}

/* `searching.lead_at`: the first place in `text` where the characters of `lead` (chars,
 * whole) stand with a word edge before them (and after, for whole 2), -1 if none; -2 on
 * error. `*whole` and `*length` are set from the lead. */
static Py_ssize_t lead_at(PyObject *lead, PyObject *text, int *whole, Py_ssize_t *length) {
    if (!PyTuple_Check(lead) || PyTuple_GET_SIZE(lead) != 2 ||
        !PyUnicode_Check(PyTuple_GET_ITEM(lead, 0)) || !PyLong_Check(PyTuple_GET_ITEM(lead, 1))) {
        PyErr_SetString(PyExc_TypeError, "search_planned: a lead is (chars: str, whole: int)");
        return -2;
    }
    PyObject *chars = PyTuple_GET_ITEM(lead, 0);
    long kind_of = PyLong_AsLong(PyTuple_GET_ITEM(lead, 1));
    Py_ssize_t k = PyUnicode_GET_LENGTH(chars), n = PyUnicode_GET_LENGTH(text);
    if (kind_of < 0 || kind_of > 2 || k == 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "search_planned: a bad lead");
        return -2;
    }
    *whole = (int)kind_of;
    *length = k;
    int tkind = PyUnicode_KIND(text), ckind = PyUnicode_KIND(chars);
    const void *tdata = PyUnicode_DATA(text), *cdata = PyUnicode_DATA(chars);
    Py_UCS4 first = PyUnicode_READ(ckind, cdata, 0);
    for (Py_ssize_t at = 0; at + k <= n; at++) {
        if (tkind == PyUnicode_1BYTE_KIND) { /* (most texts: the first character by memchr) */
            if (first > 255) return -1;
            const Py_UCS1 *base = tdata;
            const Py_UCS1 *hit = memchr(base + at, (int)first, (size_t)(n - k - at + 1));
            if (hit == NULL) return -1;
            at = hit - base;
        } else if (PyUnicode_READ(tkind, tdata, at) != first) {
            continue;
        }
        int same = 1;
        if (tkind == ckind) {
            same = memcmp((const char *)tdata + at * tkind, cdata, (size_t)(k * tkind)) == 0;
        } else {
            for (Py_ssize_t i = 1; i < k && same; i++) {
                same = PyUnicode_READ(tkind, tdata, at + i) == PyUnicode_READ(ckind, cdata, i);
            }
        }
        if (same && edge_at(tkind, tdata, n, at) &&
            (kind_of != 2 || edge_at(tkind, tdata, n, at + k))) {
            return at;
        }
    }
    return -1;
}

/* `_engine.lead_at(lead, text)`: `lead_at` for the tests. */
static PyObject *lead_at_function(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 2 || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "lead_at(lead, text: str)");
        return NULL;
    }
    int whole;
    Py_ssize_t length, at = lead_at(args[0], args[1], &whole, &length);
    return at == -2 ? NULL : PyLong_FromSsize_t(at);
}

static inline int is_token(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || c == '_'; }

/* What the gates read of a message's text, worked out when a gate first needs it: its first
 * word, and which ASCII characters it holds (a bit each), so a gate asking for characters the
 * text lacks is answered without reading the text. */
typedef struct {
    PyObject *text;
    PyObject *first;     /* the text's first word (`heads.first_word`), NULL until made */
    uint64_t present[2]; /* the ASCII characters the text holds */
    int read;            /* `present` made */
} Shape;

static void shape_init(Shape *shape, PyObject *text) {
    shape->text = text;
    shape->first = NULL;
    shape->read = 0;
}

static inline int has_char(const uint64_t *set, Py_UCS4 c) {
    return c < 128 && (set[c >> 6] >> (c & 63)) & 1;
}

/* The ASCII characters of the text, as bits (read once a message). */
static const uint64_t *present(Shape *shape) {
    if (!shape->read) {
        PyObject *text = shape->text;
        Py_ssize_t n = PyUnicode_GET_LENGTH(text);
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        uint64_t held[4] = {0, 0, 0, 0}; /* (bits for all 256 bytes: none tested) */
        if (kind == PyUnicode_1BYTE_KIND) { /* (most texts: a plain loop over the bytes) */
            const Py_UCS1 *bytes = data;
            Py_ssize_t at = 0;
            for (; at + 4 <= n; at += 4) { /* (four a turn: a loop's test a quarter as often) */
                held[bytes[at] >> 6] |= (uint64_t)1 << (bytes[at] & 63);
                held[bytes[at + 1] >> 6] |= (uint64_t)1 << (bytes[at + 1] & 63);
                held[bytes[at + 2] >> 6] |= (uint64_t)1 << (bytes[at + 2] & 63);
                held[bytes[at + 3] >> 6] |= (uint64_t)1 << (bytes[at + 3] & 63);
            }
            for (; at < n; at++) held[bytes[at] >> 6] |= (uint64_t)1 << (bytes[at] & 63);
        } else {
            for (Py_ssize_t at = 0; at < n; at++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, at);
                if (c < 128) held[c >> 6] |= (uint64_t)1 << (c & 63);
            }
        }
        shape->present[0] = held[0];
        shape->present[1] = held[1];
        shape->read = 1;
    }
    return shape->present;
}

/* The characters of the str `chars` as bits into `set`: 0, or -1 when one is not ASCII (the
 * set then stands for no test). */
static int char_set(PyObject *chars, uint64_t *set) {
    Py_ssize_t count = PyUnicode_GET_LENGTH(chars);
    int kind = PyUnicode_KIND(chars);
    const void *data = PyUnicode_DATA(chars);
    set[0] = set[1] = 0;
    for (Py_ssize_t m = 0; m < count; m++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, m);
        if (c >= 128) return -1;
        set[c >> 6] |= (uint64_t)1 << (c & 63);
    }
    return 0;
}

/* Is `c` one of the characters of `chars` (its bits in `set`, or -1 `ascii`: read it)? */
static inline int among_chars(Py_UCS4 c, const uint64_t *set, int ascii, PyObject *chars) {
    if (ascii == 0) return has_char(set, c);
    Py_ssize_t count = PyUnicode_GET_LENGTH(chars);
    int kind = PyUnicode_KIND(chars);
    const void *data = PyUnicode_DATA(chars);
    for (Py_ssize_t m = 0; m < count; m++) {
        if (PyUnicode_READ(kind, data, m) == c) return 1;
    }
    return 0;
}

/* Does the text hold none of the characters in `set`? */
static inline int none_present(Shape *shape, const uint64_t *set) {
    const uint64_t *held = present(shape);
    return !(held[0] & set[0]) && !(held[1] & set[1]);
}

/* Is a word of `words` (a frozenset) the whole word right after one of `marks` (a str) and its
 * spaces in the text (`heads.follows`)? -1 on error. */
static int follows(Shape *shape, PyObject *marks, PyObject *words) {
    if (!PyUnicode_Check(marks)) {
        PyErr_SetString(PyExc_TypeError, "search_planned: a gate's marks are a str");
        return -1;
    }
    uint64_t set[2];
    int ascii = char_set(marks, set);
    if (ascii == 0 && none_present(shape, set)) return 0;
    PyObject *text = shape->text;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    /* (most texts and marks: one byte a character, ASCII marks, each byte tested in their
     * bits without the character's kind read again or its range tested) */
    int plain = kind == PyUnicode_1BYTE_KIND && ascii == 0;
    const uint64_t bytes_set[4] = {set[0], set[1], 0, 0};
    const Py_UCS1 *bytes = data;
    for (Py_ssize_t at = 0; at < n; at++) {
        if (plain) {
            while (at < n && !((bytes_set[bytes[at] >> 6] >> (bytes[at] & 63)) & 1)) at++;
            if (at == n) break;
        } else if (!among_chars(PyUnicode_READ(kind, data, at), set, ascii, marks)) {
            continue;
        }
        Py_ssize_t start = at + 1;
        while (start < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start))) start++;
        Py_ssize_t stop = start;
        while (stop < n && is_token(PyUnicode_READ(kind, data, stop))) stop++;
        if (stop == start) continue;
        PyObject *word = PyUnicode_Substring(text, start, stop);
        if (word == NULL) return -1;
        int found = PySet_Contains(words, word);
        Py_DECREF(word);
        if (found != 0) return found; /* 1, or -1 on error */
    }
    return 0;
}

/* Does the text hold a character of each of the strs of the tuple `needed`, in that order
 * (`shapes.in_order`)? -1 on error. */
static int in_order(Shape *shape, PyObject *needed) {
    if (!PyTuple_Check(needed) || PyTuple_GET_SIZE(needed) > 8) {
        PyErr_SetString(PyExc_TypeError, "search_planned: a gate's marks are a short tuple");
        return -1;
    }
    Py_ssize_t classes = PyTuple_GET_SIZE(needed);
    uint64_t sets[8][2];
    int ascii[8];
    for (Py_ssize_t c = 0; c < classes; c++) {
        PyObject *chars = PyTuple_GET_ITEM(needed, c);
        if (!PyUnicode_Check(chars)) {
            PyErr_SetString(PyExc_TypeError, "search_planned: a gate's marks are strs");
            return -1;
        }
        ascii[c] = char_set(chars, sets[c]);
        if (ascii[c] == 0 && none_present(shape, sets[c])) return 0; /* (one is missing) */
    }
    PyObject *text = shape->text;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), at = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t c = 0; c < classes; c++, at++) {
        PyObject *chars = PyTuple_GET_ITEM(needed, c);
        while (at < n && !among_chars(PyUnicode_READ(kind, data, at), sets[c], ascii[c], chars)) {
            at++;
        }
        if (at == n) return 0;
    }
    return 1;
}

/* Does the text hold none of the characters of the str `barred` (`shapes.holds_none`)? */
static int holds_none(Shape *shape, PyObject *barred) {
    if (!PyUnicode_Check(barred)) {
        PyErr_SetString(PyExc_TypeError, "search_planned: a gate's barred marks are a str");
        return -1;
    }
    uint64_t set[2];
    if (char_set(barred, set) == 0) return none_present(shape, set);
    PyObject *text = shape->text;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t at = 0; at < n; at++) {
        if (among_chars(PyUnicode_READ(kind, data, at), set, -1, barred)) return 0;
    }
    return 1;
}

/* Does the text hold the str `run` (`heads.HOLDS`)? Not where it lacks one of its ASCII
 * characters (told from the bits); else found. -1 on error. */
static int holds(Shape *shape, PyObject *run) {
    if (!PyUnicode_Check(run)) {
        PyErr_SetString(PyExc_TypeError, "search_planned: a gate's run is a str");
        return -1;
    }
    Py_ssize_t count = PyUnicode_GET_LENGTH(run);
    int kind = PyUnicode_KIND(run);
    const void *data = PyUnicode_DATA(run);
    if (count == 0) return 1;
    const uint64_t *held = present(shape);
    for (Py_ssize_t m = 0; m < count; m++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, m);
        if (c < 128 && !has_char(held, c)) return 0;
    }
    PyObject *text = shape->text;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (kind == PyUnicode_1BYTE_KIND && PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND) {
        /* (most texts and runs: the run's first byte found, then the rest compared) */
        const Py_UCS1 *bytes = PyUnicode_DATA(text), *wanted = data;
        for (Py_ssize_t at = 0; at + count <= n;) {
            const Py_UCS1 *hit = memchr(bytes + at, wanted[0], (size_t)(n - count - at + 1));
            if (hit == NULL) return 0;
            if (memcmp(hit, wanted, (size_t)count) == 0) return 1;
            at = hit - bytes + 1;
        }
        return 0;
    }
    Py_ssize_t at = PyUnicode_Find(text, run, 0, n, 1);
    return at == -2 ? -1 : at >= 0;
}

/* The text's first word (`heads.first_word`), made once a message; NULL on error. */
static PyObject *first_word(Shape *shape) {
    if (shape->first == NULL) {
        PyObject *text = shape->text;
        Py_ssize_t n = PyUnicode_GET_LENGTH(text), end = 0;
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        while (end < n && is_token(PyUnicode_READ(kind, data, end))) end++;
        shape->first = PyUnicode_Substring(text, 0, end);
    }
    return shape->first;
}

/* Is the text's first word in the frozenset `words` (-1 on error)? */
static int first_in(PyObject *words, Shape *shape) {
    PyObject *word = first_word(shape);
    return word == NULL ? -1 : PySet_Contains(words, word);
}

/* The gate kinds of `heads.py` (a tuple's first item, when an int). */
enum { NEEDS = 1, BARS = 2, ALL = 3, ANY = 4, OPEN = 5, HOLDS = 6 };
static PyObject *kinds[HOLDS + 1]; /* each kind's int object (held from the module's start) */

/* Does the text pass the gate `head` (`heads.passes`): None, nothing; a frozenset, the first
 * words the text may start with; a tuple (marks, words), a word of them right after a mark;
 * a tuple of a kind and its parts (NEEDS, BARS, ALL, ANY, OPEN, HOLDS)? -1 on error. */
static int gate_met(PyObject *head, Shape *shape) {
    if (head == Py_None) return 1;
    if (PyFrozenSet_CheckExact(head)) return first_in(head, shape);
    if (!PyTuple_Check(head) || PyTuple_GET_SIZE(head) < 2) {
        PyErr_SetString(PyExc_TypeError, "search_planned: a gate is a tuple");
        return -1;
    }
    PyObject *kind_object = PyTuple_GET_ITEM(head, 0);
    if (PyUnicode_Check(kind_object)) return follows(shape, kind_object, PyTuple_GET_ITEM(head, 1));
    long kind = 0; /* (the kinds' int objects are the interpreter's own small ints, met by
                    * identity: a call to `PyLong_AsLong` a gate saved; else read) */
    while (kind < HOLDS && kind_object != kinds[kind + 1]) kind++;
    if (kind++ == HOLDS) {
        kind = PyLong_AsLong(kind_object);
        if (kind == -1 && PyErr_Occurred()) return -1;
    }
    Py_ssize_t size = PyTuple_GET_SIZE(head);
    switch (kind) {
    case NEEDS:
        return in_order(shape, PyTuple_GET_ITEM(head, 1));
    case BARS:
        return holds_none(shape, PyTuple_GET_ITEM(head, 1));
    case HOLDS:
        return holds(shape, PyTuple_GET_ITEM(head, 1));
    case ALL:
    case ANY:
        for (Py_ssize_t i = 1; i < size; i++) {
            int met = gate_met(PyTuple_GET_ITEM(head, i), shape);
            if (met < 0) return -1;
            if (met != (kind == ALL)) return met; /* a gate failed (ALL), or passed (ANY) */
        }
        return kind == ALL;
    case OPEN: {
        if (size != 4) break;
        int met = first_in(PyTuple_GET_ITEM(head, 1), shape);
        if (met != 0) return met;
        Py_ssize_t length = PyLong_AsSsize_t(PyTuple_GET_ITEM(head, 2));
        if (length < 0) {
            if (!PyErr_Occurred()) break;
            return -1;
        }
        PyObject *prefix = PyUnicode_Substring(shape->first, 0, length); /* (clipped) */
        if (prefix == NULL) return -1;
        met = PySet_Contains(PyTuple_GET_ITEM(head, 3), prefix);
        Py_DECREF(prefix);
        return met;
    }
    }
    PyErr_SetString(PyExc_ValueError, "search_planned: a gate of no known kind");
    return -1;
}

/* Does the text pass the record's gate `head`, whose first words (a frozenset, alone or first
 * of ALL: `word_ids.WordIds._slots`) were checked in its slot when `checked`? -1 on error. */
static int head_met(PyObject *head, int checked, Shape *shape) {
    if (head == Py_None || (checked && PyFrozenSet_CheckExact(head))) return 1;
    if (!checked) return gate_met(head, shape);
    for (Py_ssize_t i = 2; i < PyTuple_GET_SIZE(head); i++) { /* ALL: the gates after them */
        int met = gate_met(PyTuple_GET_ITEM(head, i), shape);
        if (met <= 0) return met;
    }
    return 1;
}

/* Search the record's alternative (a new reference to the match or to None; NULL on error):
 * from the first place its lead stands (`lead_at`), None without a search where it stands
 * nowhere. `spanned`: NULL, or where an alternative that is its lead alone (whole) gives its
 * span with no search and no match object (None is answered, and `*spanned` set to 1).
 * An alternative with a bare form (`Alternative.bare`: `^R` of `^(?:(?:G)[ ,]+)*R`) is
 * searched in it where the text's first word is none of G's (`shape`'s first word). */
static PyObject *search_record(PyObject *record, Shape *shape, PyObject *compile,
                               int *spanned, Py_ssize_t *start, Py_ssize_t *end) {
    PyObject *alternative = PyTuple_GET_ITEM(record, 5), *text = shape->text;
    PyObject *regex = regex_of(alternative, compile);
    if (regex == NULL) return NULL;
    PyObject *bare = bare_slot(alternative);
    if (bare != NULL) { /* `^(?:(?:G)[ ,]+)*R`: `^R` where the text's first word opens no G */
        if (!PyTuple_Check(bare) || PyTuple_GET_SIZE(bare) != 2 ||
            !PyAnySet_Check(PyTuple_GET_ITEM(bare, 0))) {
            Py_DECREF(regex);
            PyErr_SetString(PyExc_TypeError, "search_planned: a bare form is (words, regex)");
            return NULL;
        }
        PyObject *first = first_word(shape);
        int opens = first == NULL ? -1 : PySet_Contains(PyTuple_GET_ITEM(bare, 0), first);
        if (opens < 0) {
            Py_DECREF(regex);
            return NULL;
        }
        if (!opens) Py_SETREF(regex, Py_NewRef(PyTuple_GET_ITEM(bare, 1)));
    }
    PyObject *lead = lead_slot(alternative), *match = NULL;
    if (lead == NULL) {
        PyObject *args[2] = {regex, text};
        match = search_with(args, 2);
    } else {
        int whole;
        Py_ssize_t length, at = lead_at(lead, text, &whole, &length);
        if (at == -1) {
            match = Py_NewRef(Py_None);
        } else if (at >= 0 && whole && spanned != NULL) {
            *spanned = 1;
            *start = at;
            *end = at + length;
            match = Py_NewRef(Py_None);
        } else if (at >= 0) {
            PyObject *pos = PyLong_FromSsize_t(at);
            if (pos != NULL) {
                PyObject *args[3] = {regex, text, pos};
                match = search_with(args, 3);
                Py_DECREF(pos);
            }
        }
    }
    Py_DECREF(regex);
    return match;
}

/* Search the sorted candidates in order, as the Python twin does, keeping each pattern's
 * leftmost match in `kept` (room for one a candidate; `*kept_count` of them). `best`: NULL, or
 * a dict of matches found before (a pattern searched whole), each kept only if a planned
 * alternative does not match further left. */
static int search_all(Candidate *found, Py_ssize_t used, PyObject *text, const Seen *message,
                      PyObject *best, PyObject *compile, Kept *kept,
                      Py_ssize_t *kept_count) {
    long long number = -1, last_rank = -1;
    int fired = -2, status = -1;
    Py_ssize_t before = -1; /* the start of the pattern's leftmost match so far, -1: none */
    Kept *current = NULL;   /* the pattern's entry in `kept`, once it has one */
    Shape shape; /* what the gates read of the text, made when one first needs it */
    shape_init(&shape, text);
    for (Py_ssize_t i = 0; i < used; i++) {
        if (found[i].rank == last_rank) continue; /* the same record, filed under two words */
        last_rank = found[i].rank;
        PyObject *record = found[i].record;
        long long pattern = found[i].rank / 1000000;
        if (pattern != number) {
            number = pattern;
            fired = -2;
            current = NULL;
            before = -1;
            if (best != NULL && PyDict_GET_SIZE(best) > 0) {
                PyObject *prior = PyDict_GetItemWithError(best, PyTuple_GET_ITEM(record, 1));
                Py_ssize_t end;
                if (prior != NULL) {
                    if (span_of(prior, &before, &end) < 0) goto done;
                } else if (PyErr_Occurred()) {
                    goto done;
                }
            }
        } else if (before == 0) {
            continue; /* a later alternative cannot match left of position 0 */
        }
        int ok = passes(record, message, &fired);
        if (ok > 0) ok = head_met(PyTuple_GET_ITEM(record, 8), found[i].head_checked, &shape);
        if (ok < 0) goto done;
        if (!ok) continue;
        Py_ssize_t start, end;
        int spanned = 0; /* (a whole lead's span, no match object: only where none is kept) */
        PyObject *match =
            search_record(record, &shape, compile, best == NULL ? &spanned : NULL, &start, &end);
        if (match == NULL) goto done;
        if (match == Py_None && !spanned) {
            Py_DECREF(match);
            continue;
        }
        if (!spanned && span_of(match, &start, &end) < 0) {
            Py_DECREF(match);
            goto done;
        }
        if (before >= 0 && start >= before) {
            Py_DECREF(match);
            continue;
        }
        if (current == NULL) {
            current = &kept[(*kept_count)++];
            current->key = PyTuple_GET_ITEM(record, 1);
        } else {
            Py_DECREF(current->match);
        }
        current->match = match;
        current->start = before = start;
        current->end = end;
    }
    status = 0;
done:
    Py_XDECREF(shape.first);
    return status;
}

/* The message's words that have a number, with it (into `out`, room for all); -1 on error.
 * The words are borrowed from the frozenset, which the caller holds for the call. */
static Py_ssize_t numbered(PyObject *words_set, PyObject *ids, Word *out) {
    Py_ssize_t count = 0;
    PyObject *word;
#if PY_VERSION_HEX < 0x030D0000 /* (private before 3.13, and gone from the headers since) */
    Py_ssize_t pos = 0;
    Py_hash_t hash;
    while (_PySet_NextEntry(words_set, &pos, &word, &hash)) {
#else
    PyObject *iterator = PyObject_GetIter(words_set);
    if (iterator == NULL) return -1;
    while ((word = PyIter_Next(iterator)) != NULL) {
        Py_DECREF(word); /* (the set holds it) */
#endif
        PyObject *id = PyDict_GetItemWithError(ids, word);
        if (id == NULL) {
            if (PyErr_Occurred()) break;
            continue;
        }
        long value = PyLong_AsLong(id);
        if (value == -1 && PyErr_Occurred()) break;
        out[count].word = word;
        out[count].id = value;
        count++;
    }
#if PY_VERSION_HEX >= 0x030D0000
    Py_DECREF(iterator);
#endif
    return PyErr_Occurred() ? -1 : count;
}

/* -- WordNumbers: the message's words with their stems and numbers in one pass ------------
 *
 * `WordNumbers(kept, ids)`: `stems(words)` is `stems.stems_reference(words)` (the words with
 * the stem of each, as `kept[word]` gives it: `stems._STEM_OF`), and notes in the same pass
 * the numbers (`ids`: `WordIds.ids`) of the set's words, read from one record a word kept
 * here (its stem and the two numbers), where `numbered` looked each word and stem up in
 * `ids` again. `run_planned` given this object for `ids` takes those numbers when its set is
 * the last one made and `ids` has grown by no word since (numbers, once given, never change:
 * `ids` only grows), else looks the words up as before. A record without a number is looked
 * up again once `ids` has grown (a word is numbered when a pattern that needs it is planned,
 * which can be after the word was first met). */
#define RECORDS_KEPT 50000 /* (as `stems.STEMS_KEPT`) */

/* What `stems` reads of a word, kept in a table found by the word's hash (which its set
 * holds): its stem and the numbers of the two. (A dict of tuples cost a look-up of about 120
 * instructions and five `PyLong_AsLong` a word.) */
typedef struct {
    PyObject *word;  /* the word (a str), NULL for an empty slot */
    Py_hash_t hash;  /* its hash */
    PyObject *stem;  /* its stem, NULL when the stem is the word itself */
    long word_id;    /* its number, -1 for none */
    long stem_id;    /* its stem's number, -1 for none (or no stem) */
    Py_ssize_t size; /* the size of `ids` when the two were looked up */
} Record;

typedef struct {
    PyObject_HEAD
    PyObject *kept;    /* word -> its stem (`stems._STEM_OF`: `__missing__` works one out) */
    PyObject *ids;     /* word -> its number (`WordIds.ids`: only grows) */
    Record *records;   /* the words' records (open addressing, a power of two slots) */
    Py_ssize_t records_mask, records_used;
    PyObject *last;    /* the set `stems` made last (held), NULL for none */
    Py_ssize_t last_size; /* the size of `ids` when its numbers were read */
    Word *words;       /* its words with a number (borrowed from `last`) */
    Py_ssize_t count, room;
} WordNumbers;

static PyTypeObject WordNumbersType;

/* `ids[word]`, -1 for none, -2 on error. */
static long number_of(PyObject *ids, PyObject *word) {
    PyObject *id = PyDict_GetItemWithError(ids, word);
    if (id == NULL) return PyErr_Occurred() ? -2 : -1;
    long value = PyLong_AsLong(id);
    return value == -1 && PyErr_Occurred() ? -2 : value;
}

/* Are two str (exact) the same text? */
static int same_text(PyObject *one, PyObject *other) {
    return one == other ||
           (PyUnicode_GET_LENGTH(one) == PyUnicode_GET_LENGTH(other) &&
            PyUnicode_KIND(one) == PyUnicode_KIND(other) &&
            memcmp(PyUnicode_DATA(one), PyUnicode_DATA(other),
                   PyUnicode_GET_LENGTH(one) * PyUnicode_KIND(one)) == 0);
}

/* The slot of `word` (a str of hash `hash`): its record, or the empty slot where it would
 * go; NULL while none is kept. */
static inline Record *record_find(WordNumbers *self, PyObject *word, Py_hash_t hash) {
    if (self->records == NULL) return NULL;
    size_t at = (size_t)hash & (size_t)self->records_mask;
    for (;;) {
        Record *slot = &self->records[at];
        if (slot->word == NULL || (slot->hash == hash && same_text(slot->word, word))) return slot;
        at = (at + 1) & (size_t)self->records_mask;
    }
}

/* The table of records twice the size (or made). -1 on a memory error. */
static int records_grow(WordNumbers *self) {
    Py_ssize_t size = self->records == NULL ? 1024 : (self->records_mask + 1) * 2;
    Record *table = PyMem_Calloc(size, sizeof(Record));
    if (table == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; self->records != NULL && i <= self->records_mask; i++) {
        if (self->records[i].word == NULL) continue;
        size_t at = (size_t)self->records[i].hash & (size_t)(size - 1);
        while (table[at].word != NULL) at = (at + 1) & (size_t)(size - 1);
        table[at] = self->records[i];
    }
    PyMem_Free(self->records);
    self->records = table;
    self->records_mask = size - 1;
    return 0;
}

/* Let go of every record. */
static void records_clear(WordNumbers *self) {
    Record *records = self->records;
    Py_ssize_t mask = self->records_mask;
    self->records = NULL; /* (emptied first: a str let go of runs no Python, but to be sure) */
    self->records_mask = -1;
    self->records_used = 0;
    for (Py_ssize_t i = 0; records != NULL && i <= mask; i++) {
        Py_XDECREF(records[i].word);
        Py_XDECREF(records[i].stem);
    }
    PyMem_Free(records);
}

/* Work out the record of `word` into `*out` (its stem a new reference, or NULL). -1 on
 * error. (Runs Python: `kept.__missing__`.) */
static int record_read(WordNumbers *self, PyObject *word, Py_ssize_t size, Record *out) {
    PyObject *stem = PyDict_GetItemWithError(self->kept, word);
    if (stem != NULL) Py_INCREF(stem);
    else if (!PyErr_Occurred()) stem = PyObject_GetItem(self->kept, word); /* `__missing__` */
    if (stem == NULL) return -1;
    int same = PyUnicode_Check(stem) ? PyUnicode_Compare(stem, word) == 0 : -1;
    if (same < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "a stem must be a str");
        Py_DECREF(stem);
        return -1;
    }
    long word_id = number_of(self->ids, word);
    long stem_id = same || word_id == -2 ? -1 : number_of(self->ids, stem);
    if (word_id == -2 || stem_id == -2) {
        Py_DECREF(stem);
        return -1;
    }
    if (same) Py_CLEAR(stem);
    *out = (Record){word, -1, stem, word_id, stem_id, size};
    return 0;
}

/* Keep `record` (of `word`, a str of hash `hash`) while there is room, in place of the one
 * kept before. -1 on a memory error. */
static int record_keep(WordNumbers *self, PyObject *word, Py_hash_t hash, const Record *record) {
    Record *slot = record_find(self, word, hash);
    if (slot == NULL || slot->word == NULL) {
        if (self->records_used >= RECORDS_KEPT) return 0;
        if ((self->records_used + 1) * 2 > self->records_mask + 1) {
            if (records_grow(self) < 0) return -1;
        }
        slot = record_find(self, word, hash);
        slot->word = Py_NewRef(word);
        slot->hash = hash;
        self->records_used++;
    } else {
        Py_CLEAR(slot->stem);
    }
    slot->stem = Py_XNewRef(record->stem);
    slot->word_id = record->word_id;
    slot->stem_id = record->stem_id;
    slot->size = record->size;
    return 0;
}

/* The words with a number `stems` notes for one set (in `stack` while they fit), published
 * to the `WordNumbers` only when all are noted: `__missing__` runs Python, so another thread
 * can make a set with the same object meanwhile. */
typedef struct {
    Word *words;
    Py_ssize_t count, room;
    Word stack[64];
} Noting;

/* Note `word` (held by the set being made) with number `id` (none when negative). */
static inline int note_word(Noting *noting, PyObject *word, long id) {
    if (id < 0) return 0;
    if (noting->count == noting->room) {
        Py_ssize_t room = noting->room * 2;
        Word *grown = PyMem_Malloc(room * sizeof(Word));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(grown, noting->words, noting->count * sizeof(Word));
        if (noting->words != noting->stack) PyMem_Free(noting->words);
        noting->words = grown;
        noting->room = room;
    }
    noting->words[noting->count].word = word;
    noting->words[noting->count++].id = id;
    return 0;
}

/* Add `word`'s stem to `found` and note the numbers of the two (the word is in `found`, of
 * hash `hash`). */
static int add_word(WordNumbers *self, PyObject *found, PyObject *word, Py_hash_t hash,
                    Py_ssize_t size, Noting *noting) {
    int text = PyUnicode_CheckExact(word); /* (only a str is kept: its equality is its text) */
    const Record *slot = text ? record_find(self, word, hash) : NULL;
    Record made = {NULL, 0, NULL, -1, -1, 0};
    const Record *record = slot;
    if (slot == NULL || slot->word == NULL ||
        ((slot->word_id < 0 || (slot->stem != NULL && slot->stem_id < 0)) &&
         slot->size != size)) { /* new, or not all numbered and `ids` has grown since */
        if (record_read(self, word, size, &made) < 0) return -1;
        if (text && record_keep(self, word, hash, &made) < 0) {
            Py_XDECREF(made.stem);
            return -1;
        }
        record = &made;
    }
    /* (from here no Python runs: a kept record's stem stays held) */
    int status = note_word(noting, word, record->word_id);
    if (status == 0 && record->stem != NULL) {
        Py_ssize_t before = PySet_GET_SIZE(found);
        status = PySet_Add(found, record->stem);
        /* (a stem two words share is noted once: the engine reads each number once) */
        if (status == 0 && PySet_GET_SIZE(found) > before) {
            status = note_word(noting, record->stem, record->stem_id);
        }
    }
    Py_XDECREF(made.stem);
    return status;
}

/* Make `found` the last set, with the words `noting` holds (no Python runs here). */
static int publish(WordNumbers *self, PyObject *found, Py_ssize_t size, Noting *noting) {
    if (noting->count > self->room) {
        Word *grown = PyMem_Realloc(self->words, noting->count * sizeof(Word));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        self->words = grown;
        self->room = noting->count;
    }
    memcpy(self->words, noting->words, noting->count * sizeof(Word));
    self->count = noting->count;
    self->last_size = size;
    Py_XSETREF(self->last, Py_NewRef(found)); /* (the old set holds only str: no Python) */
    return 0;
}

/* stems(words): see the type's comment. */
static PyObject *WordNumbers_stems(WordNumbers *self, PyObject *words) {
    if (self->ids == NULL || !PyFrozenSet_CheckExact(words)) {
        PyErr_SetString(PyExc_TypeError, "WordNumbers.stems(words: frozenset)");
        return NULL;
    }
    Py_ssize_t size = PyDict_GET_SIZE(self->ids);
    PyObject *found = PyFrozenSet_New(words);
    if (found == NULL) return NULL;
    Noting noting;
    noting.words = noting.stack;
    noting.count = 0;
    noting.room = sizeof noting.stack / sizeof(Word);
    int status = 0;
    /* the words in the set's order, read from its table (a frozenset has no deleted entries;
     * `words` is held by the caller, and no Python runs but where a stem is worked out, which
     * cannot change a frozenset) */
    const setentry *table = ((PySetObject *)words)->table;
    for (Py_ssize_t i = 0; status == 0 && i <= ((PySetObject *)words)->mask; i++) {
        if (table[i].key != NULL) {
            status = add_word(self, found, table[i].key, table[i].hash, size, &noting);
        }
    }
    if (status == 0) status = publish(self, found, size, &noting);
    if (noting.words != noting.stack) PyMem_Free(noting.words);
    if (status < 0) Py_CLEAR(found);
    return found;
}

/* The message's words with their numbers into `out` (room for the set's size) as the last
 * `stems` noted them, when that was of this set and `ids` has not grown since: their count,
 * else -1 (look them up). */
static Py_ssize_t noted(WordNumbers *self, PyObject *words_set, Word *out) {
    if (self->last != words_set || PyDict_GET_SIZE(self->ids) != self->last_size ||
        self->count > PySet_GET_SIZE(words_set)) {
        return -1;
    }
    memcpy(out, self->words, self->count * sizeof(Word)); /* (copied: Python runs later) */
    return self->count;
}

/* noted(): the last set's words with a number, as `stems` noted them (a dict; for tests). */
static PyObject *WordNumbers_noted(WordNumbers *self, PyObject *unused) {
    PyObject *found = PyDict_New();
    for (Py_ssize_t i = 0; found != NULL && i < self->count; i++) {
        PyObject *id = PyLong_FromLong(self->words[i].id);
        if (id == NULL || PyDict_SetItem(found, self->words[i].word, id) < 0) Py_CLEAR(found);
        Py_XDECREF(id);
    }
    return found;
}

static int WordNumbers_init(WordNumbers *self, PyObject *args, PyObject *kwargs) {
    PyObject *kept, *ids;
    static char *keywords[] = {"kept", "ids", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!O!:WordNumbers", keywords, &PyDict_Type,
                                     &kept, &PyDict_Type, &ids)) {
        return -1;
    }
    records_clear(self);
    Py_XSETREF(self->kept, Py_NewRef(kept));
    Py_XSETREF(self->ids, Py_NewRef(ids));
    Py_CLEAR(self->last);
    self->count = 0;
    return 0;
}

static int WordNumbers_traverse(WordNumbers *self, visitproc visit, void *arg) {
    Py_VISIT(self->kept);
    Py_VISIT(self->ids);
    Py_VISIT(self->last); /* (the records hold str only) */
    return 0;
}

static int WordNumbers_clear(WordNumbers *self) {
    Py_CLEAR(self->kept);
    Py_CLEAR(self->ids);
    records_clear(self);
    Py_CLEAR(self->last);
    self->count = 0;
    return 0;
}

static void WordNumbers_dealloc(WordNumbers *self) {
    PyObject_GC_UnTrack(self);
    WordNumbers_clear(self);
    PyMem_Free(self->words);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef WordNumbers_methods[] = {
    {"stems", (PyCFunction)WordNumbers_stems, METH_O,
     "stems(words): the words with their stems (stems.stems), their numbers noted."},
    {"noted", (PyCFunction)WordNumbers_noted, METH_NOARGS,
     "noted(): the last set's words with a number, as stems noted them (a dict)."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef WordNumbers_members[] = {
    {"ids", T_OBJECT, offsetof(WordNumbers, ids), READONLY, "the words' numbers (a dict)"},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject WordNumbersType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tending.coach._engine.WordNumbers",
    .tp_basicsize = sizeof(WordNumbers),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "WordNumbers(kept, ids): a message's words with stems, their numbers noted.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)WordNumbers_init,
    .tp_traverse = (traverseproc)WordNumbers_traverse,
    .tp_clear = (inquiry)WordNumbers_clear,
    .tp_dealloc = (destructor)WordNumbers_dealloc,
    .tp_methods = WordNumbers_methods,
    .tp_members = WordNumbers_members,
};

/* One message's search: its words numbered, the candidates gathered, sorted and searched.
 * Its arrays are in the struct (on the caller's stack) while they fit: most messages
 * allocate nothing. */
typedef struct {
    Word *words; /* borrowed from the frozenset of the message's words */
    Py_ssize_t count;
    Seen seen; /* the words' numbers as a bitmap */
    Kept *kept;
    Py_ssize_t kept_count;
    unsigned char room[1024]; /* the bitmap where its numbers are below 8,192 */
    int *sorted;              /* the words' numbers, sorted (`Seen.sorted`) */
    int sorted_room[64];
    Word words_room[64];
    Kept kept_room[64];
    Gathered found;
} Search;

static void search_free(Search *search) {
    for (Py_ssize_t i = 0; i < search->kept_count; i++) Py_DECREF(search->kept[i].match);
    if (search->kept != search->kept_room) PyMem_Free(search->kept);
    if (search->found.items != search->found.stack) PyMem_Free(search->found.items);
    if (search->words != search->words_room) PyMem_Free(search->words);
    if (search->sorted != search->sorted_room) PyMem_Free(search->sorted);
    if (search->seen.bits != search->room) PyMem_Free(search->seen.bits);
}

/* Room for `count` items of `size` bytes: `stack` (room for `fits`) or the heap. */
static void *room_for(Py_ssize_t count, size_t size, void *stack, Py_ssize_t fits) {
    if (count <= fits) return stack;
    void *found = PyMem_Malloc((size_t)count * size);
    if (found == NULL) PyErr_NoMemory();
    return found;
}

/* The message's words' numbers as a bitmap, and sorted (-1 on error). */
static int mark_seen(Search *search) {
    Py_ssize_t count = search->count;
    const Word *words = search->words;
    int *sorted = search->sorted = room_for(count, sizeof(int), search->sorted_room,
                                            sizeof search->sorted_room / sizeof(int));
    if (sorted == NULL) return -1;
    for (Py_ssize_t i = 0; i < count; i++) { /* (in locals: the bitmap's bytes alias all) */
        long id = words[i].id;
        if ((unsigned long)id > INT32_MAX - 64) {
            PyErr_SetString(PyExc_ValueError, "run_planned: a word's number out of range");
            return -1;
        }
        Py_ssize_t j = i; /* (sorted as read: about eight numbers) */
        while (j > 0 && sorted[j - 1] > id) {
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = (int)id;
    }
    long size = (count ? sorted[count - 1] : -1) / 8 + 1;
    unsigned char *bits = search->room;
    if (size > (long)sizeof search->room) {
        bits = search->seen.bits = PyMem_Calloc(size, 1);
        if (bits == NULL) {
            PyErr_NoMemory();
            return -1;
        }
    } else {
        memset(bits, 0, size);
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        int id = sorted[i];
        bits[id >> 3] |= (unsigned char)(1 << (id & 7));
    }
    search->seen.size = size;
    search->seen.limit = (uint32_t)(size * 8);
    search->seen.sorted = sorted;
    search->seen.count = (int)count;
    return 0;
}

/* The number of the text's first word (its leading run of [a-z_], `heads.first_word`): of the
 * message's word it is, else looked up; -1 if it has none, -2 on error. */
static long first_id(PyObject *text, const Word *words, Py_ssize_t count, PyObject *ids) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), end = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    while (end < n && is_token(PyUnicode_READ(kind, data, end))) end++;
    for (Py_ssize_t i = 0; i < count; i++) {
        /* (the first word is ASCII: only a word of one-byte characters of its length can be
         * it, compared here character by character, where `PyUnicode_Tailmatch` cost a call
         * of about 35 instructions a word) */
        PyObject *word = words[i].word;
        if (PyUnicode_GET_LENGTH(word) != end || PyUnicode_KIND(word) != PyUnicode_1BYTE_KIND) {
            continue;
        }
        const Py_UCS1 *chars = PyUnicode_1BYTE_DATA(word);
        Py_ssize_t at = 0;
        while (at < end && chars[at] == PyUnicode_READ(kind, data, at)) at++;
        if (at == end) return words[i].id;
    }
    PyObject *first = PyUnicode_Substring(text, 0, end);
    if (first == NULL) return -2;
    PyObject *id = PyDict_GetItemWithError(ids, first);
    Py_DECREF(first);
    if (id == NULL) return PyErr_Occurred() ? -2 : -1;
    long value = PyLong_AsLong(id);
    return value == -1 && PyErr_Occurred() ? -2 : value;
}

/* Might the message trigger a pattern not planned yet (`searching.pending_met`)? `gate`: by
 * word number, None (no pending pattern is filed under the word) or the numbers (32-bit,
 * sorted) of the second words one of which its pending entries need (empty: one needs none,
 * or they are not worked out yet), or for many -1 and their bitmap (`triggers.gate_of`). A
 * message that meets none (nearly all, once the patterns it triggers alone are planned) is
 * told in a few bit tests, where the look-up of its words in the pending entries cost about
 * 1.5 us (`triggered_pending`, which a yes then calls). */
static int pending_met(PyObject *gate, const Word *words, Py_ssize_t count,
                       const Seen *message) {
    Py_ssize_t size = PyList_GET_SIZE(gate);
    for (Py_ssize_t i = 0; i < count; i++) {
        if (words[i].id >= size) continue;
        PyObject *seconds = PyList_GET_ITEM(gate, words[i].id);
        if (seconds == Py_None) continue;
        if (!PyBytes_Check(seconds)) {
            PyErr_SetString(PyExc_TypeError, "run_planned: a pending gate is bytes or None");
            return -1;
        }
        Py_ssize_t n = PyBytes_GET_SIZE(seconds) / 4;
        if (n == 0) return 1;
        const int *numbers = (const int *)PyBytes_AS_STRING(seconds);
        if (numbers[0] < 0) { /* many (`BITMAP_MARK`): the message's words in their bitmap */
            const unsigned char *bits = (const unsigned char *)(numbers + 1);
            Py_ssize_t bytes = PyBytes_GET_SIZE(seconds) - 4;
            for (Py_ssize_t j = 0; j < count; j++) {
                long id = words[j].id;
                if ((id >> 3) < bytes && (bits[id >> 3] >> (id & 7)) & 1) return 1;
            }
            continue;
        }
        for (Py_ssize_t k = 0; k < n; k++) {
            if (seen(message, numbers[k])) return 1;
        }
    }
    return 0;
}

/* Run the search (`search_free` after, whatever it answers); -1 on error. With a pending
 * `gate` (else NULL), 1 without searching when the message may trigger a pattern not planned
 * yet (`pending_met`). */
static int search_run(Search *search, PyObject *words_set, PyObject *text, PyObject *index,
                      PyObject *records_by_id, PyObject *best, PyObject *compile,
                      PyObject *ids, PyObject *gate) {
    memset(search, 0, offsetof(Search, room));
    search->kept = search->kept_room;
    search->seen.bits = search->room;
    search->sorted = search->sorted_room;
    search->found.items = search->found.stack;
    search->found.used = 0;
    search->found.room = sizeof search->found.stack / sizeof(Candidate);
    search->words = room_for(PySet_GET_SIZE(words_set) + 1, sizeof(Word), search->words_room,
                             sizeof search->words_room / sizeof(Word));
    if (search->words == NULL) return -1;
    search->count = -1;
    if (PyObject_TypeCheck(ids, &WordNumbersType)) { /* the numbers `stems` noted, if still true */
        search->count = noted((WordNumbers *)ids, words_set, search->words);
        ids = ((WordNumbers *)ids)->ids;
    }
    if (search->count < 0 && (search->count = numbered(words_set, ids, search->words)) < 0) {
        return -1;
    }
    if (mark_seen(search) < 0) return -1;
    if (gate != NULL) {
        int met = pending_met(gate, search->words, search->count, &search->seen);
        if (met != 0) return met;
    }
    if ((search->seen.first = first_id(text, search->words, search->count, ids)) == -2) {
        return -1;
    }
    if (gather(index, records_by_id, search->words, search->count, &search->seen,
               &search->found) < 0) {
        return -1;
    }
    Py_ssize_t used = search->found.used;
    if (used == 0) return 0;
    search->kept = room_for(used, sizeof(Kept), search->kept_room,
                            sizeof search->kept_room / sizeof(Kept));
    if (search->kept == NULL) return -1;
    sort_by_rank(search->found.items, used);
    return search_all(search->found.items, used, text, &search->seen, best, compile,
                      search->kept, &search->kept_count);
}

static PyObject *search_planned(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 6 || !PyFrozenSet_CheckExact(args[0]) || !PyUnicode_Check(args[1]) ||
        !PyDict_Check(args[2]) || !PyDict_Check(args[3]) || !PyDict_Check(args[5])) {
        PyErr_SetString(PyExc_TypeError,
                        "search_planned(words: frozenset, text: str, index: dict, best: dict, "
                        "compile, ids: dict)");
        return NULL;
    }
    PyObject *best = args[3];
    Search search;
    int status =
        search_run(&search, args[0], args[1], args[2], NULL, best, args[4], args[5], NULL);
    for (Py_ssize_t i = 0; status == 0 && i < search.kept_count; i++) {
        status = PyDict_SetItem(best, search.kept[i].key, search.kept[i].match);
    }
    search_free(&search);
    if (status < 0) return NULL;
    Py_RETURN_NONE;
}

static inline int is_mark(Py_UCS4 c) {
    return c == '.' || c == '!' || c == '?' || c == ';' || c == '\n';
}

/* `searching.sentence_around`: from after the last mark before `start` to the first mark at
 * or after `end`, included. */
static PyObject *sentence_around(PyObject *text, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), left = start < n ? start : n, right = end;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    while (left > 0 && !is_mark(PyUnicode_READ(kind, data, left - 1))) left--;
    while (right < n && !is_mark(PyUnicode_READ(kind, data, right))) right++;
    if (right < n) right++;
    if (right < left) right = left;
    return PyUnicode_Substring(text, left, right);
}

/* Is `regex.search(...)` (the arguments after the regex) a match? -1 on error. */
static int found_by(PyObject *const *args, size_t nargs) {
    PyObject *match = search_with(args, nargs);
    if (match == NULL) return -1;
    int found = match != Py_None;
    Py_DECREF(match);
    return found;
}

/* Does an alternative of `records` (a tuple of `searching.UnlessRecord`s) whose words the
 * message holds match in the sentence around [start, end) (made into `*sentence` on first
 * need; an alternative with a lead searched from where it stands, `searching.found_in`)?
 * -1 on error. */
static int unless_met(PyObject *records, PyObject *text, const Seen *message,
                      Py_ssize_t start, Py_ssize_t end, PyObject *compile, PyObject **sentence) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(records); i++) {
        PyObject *record = PyTuple_GET_ITEM(records, i);
        if (!blob_met(PyTuple_GET_ITEM(record, 2), message)) continue;
        if (*sentence == NULL && (*sentence = sentence_around(text, start, end)) == NULL) {
            return -1;
        }
        PyObject *alternative = PyTuple_GET_ITEM(record, 3);
        PyObject *regex = regex_of(alternative, compile);
        if (regex == NULL) return -1;
        PyObject *lead = lead_slot(alternative);
        int found = -1, whole;
        Py_ssize_t length, at = lead == NULL ? 0 : lead_at(lead, *sentence, &whole, &length);
        if (lead == NULL) {
            PyObject *args[3] = {NULL, regex, *sentence};
            found = found_by(args + 1, 2);
        } else if (at >= 0 && !whole) { /* (searched from where its lead stands) */
            PyObject *pos = PyLong_FromSsize_t(at);
            if (pos != NULL) {
                PyObject *args[4] = {NULL, regex, *sentence, pos};
                found = found_by(args + 1, 3);
                Py_DECREF(pos);
            }
        } else if (at >= -1) {
            found = at >= 0; /* (nowhere: no match; its lead alone: a match there) */
        }
        Py_DECREF(regex);
        if (found != 0) return found;
    }
    return 0;
}

/* `searching.proven` without its search: 1 if a lead of `proofs` (None, or (leads, complete))
 * stands in `text`, 0 if none does and they are complete, 2 if they cannot tell; -1 on error. */
static int proven(PyObject *proofs, PyObject *text) {
    if (proofs == Py_None) return 2;
    if (!PyTuple_Check(proofs) || PyTuple_GET_SIZE(proofs) != 2 ||
        !PyTuple_Check(PyTuple_GET_ITEM(proofs, 0))) {
        PyErr_SetString(PyExc_TypeError, "run_planned: proofs are (leads: tuple, complete)");
        return -1;
    }
    PyObject *leads = PyTuple_GET_ITEM(proofs, 0);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(leads); i++) {
        int whole;
        Py_ssize_t length, at = lead_at(PyTuple_GET_ITEM(leads, i), text, &whole, &length);
        if (at == -2) return -1;
        if (at >= 0) return 1;
    }
    int complete = PyObject_IsTrue(PyTuple_GET_ITEM(proofs, 1));
    return complete < 0 ? -1 : complete ? 0 : 2;
}

/* `searching.passes_guard`: 1 if the match at [start, end) passes the guard (requires,
 * unless alternatives, negatable, the unless's gate as a set and as a bitmap: no word of it,
 * no alternative searched), 0 if not, -1 on error. The unless's alternatives are those with
 * no words to check and, by word, those filed under the words of their best clause: only
 * those filed under a word of the message are checked (of about 58 a message, 1 or 2). */
static int passes_guard(PyObject *guard, PyObject *text, const Word *words, Py_ssize_t count,
                        const Seen *message, Py_ssize_t start, Py_ssize_t end,
                        PyObject *compile, PyObject *negation) {
    if (!PyTuple_Check(guard) || PyTuple_GET_SIZE(guard) != 6) {
        PyErr_SetString(PyExc_TypeError, "run_planned: a guard is a 6-tuple");
        return -1;
    }
    PyObject *requires = PyTuple_GET_ITEM(guard, 0), *unless = PyTuple_GET_ITEM(guard, 1);
    PyObject *gate = PyTuple_GET_ITEM(guard, 4), *told = PyTuple_GET_ITEM(guard, 5);
    if (gate != Py_None && !bits_meet(gate, words, count)) unless = Py_None;
    if (requires != Py_None) {
        int search = 1;
        if (told != Py_None) { /* (`searching.RequiresGate`: its clauses' blobs, or None) */
            if (!PyTuple_Check(told) || PyTuple_GET_SIZE(told) != 5) {
                PyErr_SetString(PyExc_TypeError, "run_planned: a requires gate is a 5-tuple");
                return -1;
            }
            PyObject *fails = PyTuple_GET_ITEM(told, 2), *holds = PyTuple_GET_ITEM(told, 3);
            if ((fails != Py_None && !clauses_blob(fails)) ||
                (holds != Py_None && !clauses_blob(holds))) {
                PyErr_SetString(PyExc_TypeError, "run_planned: a requires gate's clauses");
                return -1;
            }
            if (fails != Py_None && !blob_met(fails, message)) return 0; /* a word it needs */
            if (holds != Py_None && !blob_met(holds, message)) search = 0; /* X cannot match */
        }
        if (search) {
            int found = told == Py_None ? 2 : proven(PyTuple_GET_ITEM(told, 4), text);
            if (found == 2) { /* (not told by its leads: searched) */
                PyObject *args[3] = {NULL, requires, text};
                found = found_by(args + 1, 2);
            }
            if (found <= 0) return found;
        }
    }
    if (unless != Py_None) {
        if (!PyTuple_Check(unless) || PyTuple_GET_SIZE(unless) != 2 ||
            !PyDict_Check(PyTuple_GET_ITEM(unless, 1))) {
            PyErr_SetString(PyExc_TypeError, "run_planned: an unless is (records, by word)");
            return -1;
        }
        PyObject *sentence = NULL, *by_word = PyTuple_GET_ITEM(unless, 1);
        int found = unless_met(PyTuple_GET_ITEM(unless, 0), text, message, start, end,
                               compile, &sentence);
        for (Py_ssize_t i = 0; found == 0 && i < count; i++) {
            /* (the gate is the words alternatives are filed under: a word not in it has none) */
            if (gate != Py_None && !has_bit(gate, words[i].id)) continue;
            PyObject *records = PyDict_GetItemWithError(by_word, words[i].word);
            if (records == NULL) {
                if (PyErr_Occurred()) found = -1;
                continue;
            }
            found = unless_met(records, text, message, start, end, compile, &sentence);
        }
        Py_XDECREF(sentence);
        if (found != 0) return found < 0 ? -1 : 0;
    }
    int negatable = PyObject_IsTrue(PyTuple_GET_ITEM(guard, 2));
    if (negatable <= 0) return negatable < 0 ? -1 : 1;
    PyObject *from = PyLong_FromSsize_t(start > 24 ? start - 24 : 0);
    PyObject *to = PyLong_FromSsize_t(start);
    int found = -1;
    if (from != NULL && to != NULL) {
        PyObject *args[5] = {NULL, negation, text, from, to};
        found = found_by(args + 1, 4);
    }
    Py_XDECREF(from);
    Py_XDECREF(to);
    return found < 0 ? -1 : !found;
}

/* A hit: `tuple.__new__(hit_type, (flag, start, end, why, rule))`. */
static PyObject *new_hit(PyTypeObject *hit_type, PyObject *flag, Py_ssize_t start,
                         Py_ssize_t end, PyObject *why, PyObject *rule) {
    PyObject *from = PyLong_FromSsize_t(start), *to = PyLong_FromSsize_t(end);
    if (from == NULL || to == NULL) {
        Py_XDECREF(from);
        Py_XDECREF(to);
        return NULL;
    }
    PyObject *hit = hit_type->tp_alloc(hit_type, 5);
    if (hit == NULL) {
        Py_DECREF(from);
        Py_DECREF(to);
        return NULL;
    }
    Py_INCREF(flag);
    Py_INCREF(why);
    Py_INCREF(rule);
    PyTuple_SET_ITEM(hit, 0, flag);
    PyTuple_SET_ITEM(hit, 1, from);
    PyTuple_SET_ITEM(hit, 2, to);
    PyTuple_SET_ITEM(hit, 3, why);
    PyTuple_SET_ITEM(hit, 4, rule);
    return hit;
}

/* `searching.implied_hits`: for each `[[imply]]` rule (a `searching.GatedRule`) whose `when`
 * gate the message meets, the first of `hits` of its source flag whose sentence `when`
 * matches and `unless` does not (searched only where its gate is met) gives an implied hit.
 * A new list; NULL on error. */
static PyObject *implied_hits(PyObject *rules, PyObject *text, const Word *words,
                              Py_ssize_t count, PyObject *hits, PyTypeObject *hit_type) {
    PyObject *implied = PyList_New(0);
    if (implied == NULL) return NULL;
    for (Py_ssize_t r = 0; r < PyList_GET_SIZE(rules); r++) {
        PyObject *rule = PyList_GET_ITEM(rules, r);
        if (!PyTuple_Check(rule) || PyTuple_GET_SIZE(rule) != 9) {
            PyErr_SetString(PyExc_TypeError, "run_planned: an implication is a 9-tuple");
            goto error;
        }
        PyObject *when_bits = PyTuple_GET_ITEM(rule, 2), *unless_bits = PyTuple_GET_ITEM(rule, 5);
        if (when_bits != Py_None && !bits_meet(when_bits, words, count)) continue;
        PyObject *source = PyTuple_GET_ITEM(rule, 0), *unless = PyTuple_GET_ITEM(rule, 6);
        if (unless_bits != Py_None && !bits_meet(unless_bits, words, count)) unless = Py_None;
        for (Py_ssize_t h = 0; h < PyList_GET_SIZE(hits); h++) {
            PyObject *hit = PyList_GET_ITEM(hits, h);
            int same = PyObject_RichCompareBool(PyTuple_GET_ITEM(hit, 0), source, Py_EQ);
            if (same < 0) goto error;
            if (!same) continue;
            Py_ssize_t start = PyLong_AsSsize_t(PyTuple_GET_ITEM(hit, 1));
            Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(hit, 2));
            if (PyErr_Occurred()) goto error;
            PyObject *sentence = sentence_around(text, start, end);
            if (sentence == NULL) goto error;
            PyObject *args[3] = {NULL, PyTuple_GET_ITEM(rule, 3), sentence};
            int found = found_by(args + 1, 2);
            if (found == 1 && unless != Py_None) {
                args[1] = unless;
                found = found_by(args + 1, 2);
                found = found < 0 ? -1 : !found;
            }
            Py_DECREF(sentence);
            if (found < 0) goto error;
            if (!found) continue;
            PyObject *made = new_hit(hit_type, PyTuple_GET_ITEM(rule, 7), start, end,
                                     PyTuple_GET_ITEM(rule, 8), str_imply);
            if (made == NULL) goto error;
            int status = PyList_Append(implied, made);
            Py_DECREF(made);
            if (status < 0) goto error;
            break;
        }
    }
    return implied;
error:
    Py_DECREF(implied);
    return NULL;
}

/* The hits of the kept matches that pass their guards, then the implied ones. */
static PyObject *finish_hits(Search *search, PyObject *text, PyObject *words_set,
                             PyObject *finish) {
    PyObject *outcomes = PyTuple_GET_ITEM(finish, 0), *guards = PyTuple_GET_ITEM(finish, 1);
    PyObject *hit_type = PyTuple_GET_ITEM(finish, 2), *negation = PyTuple_GET_ITEM(finish, 3);
    PyObject *implying = PyTuple_GET_ITEM(finish, 4), *implied = PyTuple_GET_ITEM(finish, 5);
    PyObject *compile = PyTuple_GET_ITEM(finish, 6);
    if (!PyTuple_Check(outcomes) || !PyList_Check(guards) || !PyType_Check(hit_type) ||
        !PyType_IsSubtype((PyTypeObject *)hit_type, &PyTuple_Type) || !PyAnySet_Check(implying) ||
        !PyList_Check(implied)) {
        PyErr_SetString(PyExc_TypeError, "run_planned: finish is (outcomes: tuple, guards: "
                                         "list, hit type, negation, implying: set, rules: "
                                         "list, compile, tables: list, records: list, "
                                         "pending gate: list)");
        return NULL;
    }
    PyObject *hits = PyList_New(0);
    if (hits == NULL) return NULL;
    int implies = 0;
    for (Py_ssize_t i = 0; i < search->kept_count; i++) {
        Kept *kept = &search->kept[i];
        Py_ssize_t number = PyLong_AsSsize_t(kept->key);
        if (number == -1 && PyErr_Occurred()) goto error;
        if (number < 0 || number >= PyTuple_GET_SIZE(outcomes) ||
            number >= PyList_GET_SIZE(guards)) {
            PyErr_SetString(PyExc_IndexError, "run_planned: a pattern without its outcome");
            goto error;
        }
        PyObject *outcome = PyTuple_GET_ITEM(outcomes, number);
        if (!PyTuple_Check(outcome) || PyTuple_GET_SIZE(outcome) < 4) {
            PyErr_SetString(PyExc_TypeError, "run_planned: an outcome is a tuple");
            goto error;
        }
        int checked = PyObject_IsTrue(PyTuple_GET_ITEM(outcome, 3));
        if (checked < 0) goto error;
        if (checked) {
            int ok = passes_guard(PyList_GET_ITEM(guards, number), text, search->words,
                                  search->count, &search->seen, kept->start, kept->end,
                                  compile, negation);
            if (ok < 0) goto error;
            if (!ok) continue;
        }
        PyObject *flag = PyTuple_GET_ITEM(outcome, 0);
        PyObject *hit = new_hit((PyTypeObject *)hit_type, flag, kept->start, kept->end,
                                PyTuple_GET_ITEM(outcome, 1), PyTuple_GET_ITEM(outcome, 2));
        if (hit == NULL) goto error;
        int status = PyList_Append(hits, hit);
        Py_DECREF(hit);
        if (status < 0) goto error;
        if (!implies) {
            implies = PySet_Contains(implying, flag);
            if (implies < 0) goto error;
        }
    }
    if (implies) {
        PyObject *more = implied_hits(implied, text, search->words, search->count, hits,
                                      (PyTypeObject *)hit_type);
        if (more == NULL) goto error;
        PyObject *joined = PySequence_InPlaceConcat(hits, more);
        Py_DECREF(more);
        if (joined == NULL) goto error;
        Py_DECREF(joined);
    }
    return hits;
error:
    Py_DECREF(hits);
    return NULL;
}

static PyObject *run_planned(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 6 || !PyFrozenSet_CheckExact(args[0]) || !PyUnicode_Check(args[1]) ||
        !PyDict_Check(args[2]) ||
        !(PyDict_Check(args[4]) || PyObject_TypeCheck(args[4], &WordNumbersType)) ||
        !PyTuple_Check(args[5]) ||
        PyTuple_GET_SIZE(args[5]) != 10 || !PyList_Check(PyTuple_GET_ITEM(args[5], 7)) ||
        !PyList_Check(PyTuple_GET_ITEM(args[5], 8)) ||
        !PyList_Check(PyTuple_GET_ITEM(args[5], 9))) {
        PyErr_SetString(PyExc_TypeError,
                        "run_planned(words: frozenset, text: str, index: dict, compile, "
                        "ids: dict or WordNumbers, finish: 10-tuple)");
        return NULL;
    }
    Search search;
    PyObject *hits = NULL;
    /* the index's tables and records by word number, and the pending gate */
    PyObject *tables = PyTuple_GET_ITEM(args[5], 7), *records = PyTuple_GET_ITEM(args[5], 8);
    PyObject *gate = PyTuple_GET_ITEM(args[5], 9);
    int status =
        search_run(&search, args[0], args[1], tables, records, NULL, args[3], args[4], gate);
    if (status == 0) {
        hits = search.kept_count ? finish_hits(&search, args[1], args[0], args[5]) : PyList_New(0);
    } else if (status == 1) {
        hits = Py_NewRef(Py_None); /* a pattern not planned yet may be triggered */
    }
    search_free(&search);
    return hits;
}

/* Does the frozenset `clause` hold a word of the message? The smaller of the two is walked
 * and looked up in the other, as `frozenset.isdisjoint` does. */
static int meets(PyObject *clause, PyObject *words_set, PyObject **words, Py_ssize_t count) {
    if (PySet_GET_SIZE(clause) + 4 < count) { /* (+4: making the iterator costs) */
        PyObject *iterator = PyObject_GetIter(clause);
        if (iterator == NULL) return -1;
        PyObject *item;
        int found = 0;
        while (found == 0 && (item = PyIter_Next(iterator)) != NULL) {
            found = PySet_Contains(words_set, item);
            Py_DECREF(item);
        }
        Py_DECREF(iterator);
        if (found == 0 && PyErr_Occurred()) return -1;
        return found;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        int found = PySet_Contains(clause, words[i]);
        if (found) return found; /* 1, or -1 on error */
    }
    return 0;
}

/* Does every part (a tuple of frozensets) have a word of the message? */
static int parts_met(PyObject *parts, PyObject *words_set, PyObject **words, Py_ssize_t count) {
    Py_ssize_t n = PyTuple_GET_SIZE(parts);
    for (Py_ssize_t i = 0; i < n; i++) {
        int found = meets(PyTuple_GET_ITEM(parts, i), words_set, words, count);
        if (found != 1) return found;
    }
    return 1;
}

/* Append `number` (a Python int) to the growing array of pattern numbers. */
static int add_number(PyObject *number, long **out, Py_ssize_t *used, Py_ssize_t *room) {
    if (*used == *room) {
        Py_ssize_t grown = *room * 2;
        long *bigger = PyMem_Realloc(*out, grown * sizeof(long));
        if (bigger == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        *out = bigger;
        *room = grown;
    }
    long value = PyLong_AsLong(number);
    if (value == -1 && PyErr_Occurred()) return -1;
    (*out)[(*used)++] = value;
    return 0;
}

/* The patterns one pending entry (alone, seconds, by_second) triggers for the message. */
static int pending_entry(PyObject *entry, PyObject *words_set, PyObject **words,
                         Py_ssize_t count, long **out, Py_ssize_t *used, Py_ssize_t *room) {
    PyObject *alone = PyTuple_GET_ITEM(entry, 0);
    PyObject *seconds = PyTuple_GET_ITEM(entry, 1);
    PyObject *by_second = PyTuple_GET_ITEM(entry, 2);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(alone); i++) {
        if (add_number(PyTuple_GET_ITEM(alone, i), out, used, room) < 0) return -1;
    }
    if (PySet_GET_SIZE(seconds) == 0) return 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        int found = PySet_Contains(seconds, words[i]);
        if (found < 0) return -1;
        if (!found) continue;
        PyObject *entries = PyDict_GetItemWithError(by_second, words[i]);
        if (entries == NULL) {
            if (PyErr_Occurred()) return -1;
            continue;
        }
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(entries); j++) {
            PyObject *pair = PyTuple_GET_ITEM(entries, j);
            int met = parts_met(PyTuple_GET_ITEM(pair, 1), words_set, words, count);
            if (met < 0) return -1;
            if (met && add_number(PyTuple_GET_ITEM(pair, 0), out, used, room) < 0) return -1;
        }
    }
    return 0;
}

/* The sorted numbers, each once, as a list of ints. */
static PyObject *numbers_list(long *numbers, Py_ssize_t used) {
    for (Py_ssize_t i = 1; i < used; i++) { /* insertion sort: a handful */
        long moving = numbers[i];
        Py_ssize_t j = i;
        while (j > 0 && numbers[j - 1] > moving) {
            numbers[j] = numbers[j - 1];
            j--;
        }
        numbers[j] = moving;
    }
    PyObject *result = PyList_New(0);
    if (result == NULL) return NULL;
    for (Py_ssize_t i = 0; i < used; i++) {
        if (i > 0 && numbers[i] == numbers[i - 1]) continue;
        PyObject *number = PyLong_FromLong(numbers[i]);
        if (number == NULL || PyList_Append(result, number) < 0) {
            Py_XDECREF(number);
            Py_DECREF(result);
            return NULL;
        }
        Py_DECREF(number);
    }
    return result;
}

static PyObject *triggered_pending(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 4 || !PyFrozenSet_CheckExact(args[0]) || !PyAnySet_Check(args[1]) ||
        !PyDict_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError,
                        "triggered_pending(words, pending_set, split, missing)");
        return NULL;
    }
    PyObject *words_set = args[0], *pending_set = args[1], *split = args[2], *missing = args[3];
    PyObject *listed = PySequence_List(words_set);
    if (listed == NULL) return NULL;
    PyObject **words = ((PyListObject *)listed)->ob_item;
    Py_ssize_t count = PyList_GET_SIZE(listed), used = 0, room = 32;
    long *numbers = PyMem_Malloc(room * sizeof(long));
    PyObject *result = NULL;
    if (numbers == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        int found = PySet_Contains(pending_set, words[i]);
        if (found < 0) goto done;
        if (!found) continue;
        /* a new reference: `missing` runs Python, which may change `split` meanwhile */
        PyObject *entry = PyDict_GetItemWithError(split, words[i]);
        if (entry != NULL) {
            Py_INCREF(entry);
        } else if (PyErr_Occurred()) {
            goto done;
        } else if ((entry = PyObject_CallOneArg(missing, words[i])) == NULL) {
            goto done;
        }
        int status = 0;
        if (entry != Py_None && (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) != 3)) {
            PyErr_SetString(PyExc_TypeError, "triggered_pending: an entry is a 3-tuple");
            status = -1;
        } else if (entry != Py_None) {
            status = pending_entry(entry, words_set, words, count, &numbers, &used, &room);
        }
        Py_DECREF(entry);
        if (status < 0) goto done;
    }
    result = numbers_list(numbers, used);
done:
    PyMem_Free(numbers);
    Py_DECREF(listed);
    return result;
}

/* ---- Building an index entry's table (`word_ids.grow_table`, its Python twin) ---- */

/* One second word of a table being grown: its number, count of records, and its slots: those
 * of the last table (`at`, `size`: in numbers from that table's start) then those added. */
typedef struct {
    int number, count;
    long at, size;
    const char *added;
    Py_ssize_t added_size; /* (in bytes) */
} Second;

/* Read `added` (a list of (number, count, slots) sorted by number) into `out` (room for
 * its length). */
static int read_added(PyObject *added, Second *out) {
    Py_ssize_t count = PyList_GET_SIZE(added);
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *item = PyList_GET_ITEM(added, k);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 3 ||
            !PyBytes_Check(PyTuple_GET_ITEM(item, 2))) {
            PyErr_SetString(PyExc_TypeError, "grow_table: added is (number, count, slots)");
            return -1;
        }
        long number = PyLong_AsLong(PyTuple_GET_ITEM(item, 0));
        long records = PyLong_AsLong(PyTuple_GET_ITEM(item, 1));
        if (PyErr_Occurred()) return -1;
        PyObject *slots = PyTuple_GET_ITEM(item, 2);
        if (number < 0 || number > INT32_MAX || records < 0 || records > INT32_MAX ||
            PyBytes_GET_SIZE(slots) % 4 || (k && number <= out[k - 1].number)) {
            PyErr_SetString(PyExc_ValueError, "grow_table: added out of order or size");
            return -1;
        }
        out[k] = (Second){(int)number, (int)records, 0, 0, PyBytes_AS_STRING(slots),
                          PyBytes_GET_SIZE(slots)};
    }
    return 0;
}

/* The last table's second words merged with those added (both sorted by number) into
 * `out`; returns their count. */
static Py_ssize_t merge_seconds(const int *old, long count, long first, long end,
                                const Second *added, Py_ssize_t adding, Second *out) {
    const int *numbers = old + first, *counts = numbers + count, *places = counts + count;
    Py_ssize_t used = 0, k = 0;
    for (long i = 0; i < count || k < adding; used++) {
        if (k < adding && (i == count || added[k].number < numbers[i])) {
            out[used] = added[k++];
            continue;
        }
        long size = (i + 1 < count ? places[i + 1] : end) - places[i];
        out[used] = (Second){numbers[i], counts[i], places[i], size, NULL, 0};
        if (k < adding && added[k].number == numbers[i]) {
            out[used].count += added[k].count;
            out[used].added = added[k].added;
            out[used].added_size = added[k++].added_size;
        }
        i++;
    }
    return used;
}

/* The table with its second words (`seconds`) and its records alone (the last table's
 * slots `alone_at`..`alone_end`, then `alone`): see `WordIds.table`. */
static PyObject *write_table(const int *old, long alone_at, long alone_end, PyObject *alone,
                             long alone_count, const Second *seconds, Py_ssize_t count,
                             long many) {
    long words = 0;
    if (count > many) words = seconds[count - 1].number / 32 + 1;
    long heads = 3 + 2 * words + 3 * count;
    long alone_size = alone_end - alone_at + (long)(PyBytes_GET_SIZE(alone) / 4);
    long total = heads + alone_size;
    for (Py_ssize_t k = 0; k < count; k++) total += seconds[k].size + seconds[k].added_size / 4;
    PyObject *table = PyBytes_FromStringAndSize(NULL, total * 4);
    if (table == NULL) return NULL;
    int *out = (int *)PyBytes_AS_STRING(table);
    memset(out, 0, (size_t)(heads * 4));
    out[0] = (int)count;
    out[1] = (int)alone_count;
    out[2] = (int)words;
    uint32_t *bits = (uint32_t *)(out + 3);
    for (Py_ssize_t k = 0; k < count && words; k++) {
        bits[seconds[k].number / 32] |= (uint32_t)1 << (seconds[k].number % 32);
    }
    int *ranks = out + 3 + words; /* (each bitmap word's count of numbers before it) */
    for (long w = 1; w < words; w++) ranks[w] = ranks[w - 1] + bit_count(bits[w - 1]);
    int *numbers = out + 3 + 2 * words, *counts = numbers + count, *places = counts + count;
    int *at = out + heads;
    memcpy(at, old + alone_at, (size_t)(alone_end - alone_at) * 4);
    at += alone_end - alone_at;
    memcpy(at, PyBytes_AS_STRING(alone), (size_t)PyBytes_GET_SIZE(alone));
    at += PyBytes_GET_SIZE(alone) / 4;
    for (Py_ssize_t k = 0; k < count; k++) {
        numbers[k] = seconds[k].number;
        counts[k] = seconds[k].count;
        places[k] = (int)(at - out);
        memcpy(at, old + seconds[k].at, (size_t)seconds[k].size * 4);
        at += seconds[k].size;
        memcpy(at, seconds[k].added, (size_t)seconds[k].added_size);
        at += seconds[k].added_size / 4;
    }
    return table;
}

/* grow_table(old, alone, alone_count, added, many): `word_ids.grow_table` (its twin). */
static PyObject *grow_table(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5 || !PyBytes_Check(args[0]) || !PyBytes_Check(args[1]) ||
        !PyList_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "grow_table(old, alone, alone_count, added, many)");
        return NULL;
    }
    long alone_added = PyLong_AsLong(args[2]), many = PyLong_AsLong(args[4]);
    if (PyErr_Occurred()) return NULL;
    const int *old = (const int *)PyBytes_AS_STRING(args[0]);
    long end = (long)(PyBytes_GET_SIZE(args[0]) / 4), count = 0, alone_count = 0, first = 0;
    long alone_at = 0, alone_end = 0;
    if (end) { /* (the last table's parts, checked: `WordIds.table`) */
        count = old[0];
        alone_count = old[1];
        first = 3 + 2L * old[2];
        alone_at = first + 3 * count;
        alone_end = count ? old[first + 2 * count] : end;
        int bad = PyBytes_GET_SIZE(args[0]) % 4 || count < 0 || old[2] < 0 || alone_at > end ||
                  alone_end < alone_at || alone_end > end;
        for (long i = 0; !bad && i < count; i++) {
            long next = i + 1 < count ? old[first + 2 * count + i + 1] : end;
            bad = old[first + 2 * count + i] > next || next > end;
        }
        if (bad) {
            PyErr_SetString(PyExc_ValueError, "grow_table: the last table out of shape");
            return NULL;
        }
    }
    if (PyBytes_GET_SIZE(args[1]) % 4) {
        PyErr_SetString(PyExc_ValueError, "grow_table: alone's slots out of size");
        return NULL;
    }
    Py_ssize_t adding = PyList_GET_SIZE(args[3]);
    Second *added = PyMem_Malloc((size_t)(adding + 1) * sizeof(Second));
    Second *seconds = PyMem_Malloc((size_t)(adding + count + 1) * sizeof(Second));
    PyObject *table = NULL;
    if (added == NULL || seconds == NULL) {
        PyErr_NoMemory();
    } else if (read_added(args[3], added) == 0) {
        Py_ssize_t merged = merge_seconds(old, count, first, end, added, adding, seconds);
        table = write_table(old, alone_at, alone_end, args[1], alone_count + alone_added,
                            seconds, merged, many);
    }
    PyMem_Free(added);
    PyMem_Free(seconds);
    return table;
}

/* `passes(head, text)`: does `text` pass the gate `head` (`heads.passes`)? The check
 * `search_planned` makes before a search, for the tests to hold it to its twin. */
static PyObject *gate_passes(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "passes(head, text): text is a str");
        return NULL;
    }
    Shape shape;
    shape_init(&shape, args[1]);
    int met = gate_met(args[0], &shape);
    Py_XDECREF(shape.first);
    return met < 0 ? NULL : PyBool_FromLong(met);
}

/* -- replies_match: the gates of the patterns that read replies (`replies.ReplyGates`) --- */

#define REPLIES_BLOOM_BITS 1024 /* `replies.BLOOM_BITS` */

/* The next entry of a set (`set_next`: its table walked, empty and deleted slots skipped, as
 * `_PySet_NextEntry` does, which is private and leaves the headers in 3.13): 1 with the key
 * (borrowed) and its hash, 0 at the end. */
static inline int replies_next(PyObject *set, Py_ssize_t *pos, PyObject **key, Py_hash_t *hash) {
    PySetObject *so = (PySetObject *)set;
    Py_ssize_t i = *pos;
    const setentry *table = so->table;
    while (i <= so->mask && (table[i].key == NULL || table[i].hash == -1)) i++;  /* (dummy: -1) */
    *pos = i + 1;
    if (i > so->mask) return 0;
    *key = table[i].key;
    *hash = table[i].hash;
    return 1;
}

/* Does a word of `a` lie in `b` (two sets; the smaller one walked)? 1, 0, -1 on error. */
static int replies_meet(PyObject *a, PyObject *b) {
    if (PySet_GET_SIZE(a) > PySet_GET_SIZE(b)) {
        PyObject *swap = a;
        a = b;
        b = swap;
    }
    Py_ssize_t pos = 0;
    PyObject *key;
    Py_hash_t hash;
    while (replies_next(a, &pos, &key, &hash)) {
        int found = PySet_Contains(b, key);
        if (found != 0) return found;
    }
    return 0;
}

/* Do `words` (a set) pass an alternative's checks (`replies._filed_match`: each needed word,
 * a word of each clause, the trigger met)? 1, 0, -1 on error (or a gate not as written). */
static int replies_passes(PyObject *gated, PyObject *words) {
    PyObject *need = PyTuple_GET_ITEM(gated, 0), *several = PyTuple_GET_ITEM(gated, 1);
    PyObject *trigger = PyTuple_GET_ITEM(gated, 2);
    if (need != Py_None) {
        if (!PyAnySet_Check(need)) goto bad;
        if (PySet_GET_SIZE(need) > PySet_GET_SIZE(words)) return 0;
        Py_ssize_t pos = 0;
        PyObject *key;
        Py_hash_t hash;
        while (replies_next(need, &pos, &key, &hash)) {
            int found = PySet_Contains(words, key);
            if (found <= 0) return found;
        }
    }
    if (several != Py_None) {
        if (!PyTuple_Check(several)) goto bad;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(several); i++) {
            PyObject *clause = PyTuple_GET_ITEM(several, i);
            if (!PyAnySet_Check(clause)) goto bad;
            int met = replies_meet(clause, words);
            if (met <= 0) return met;
        }
    }
    if (trigger == Py_None) return 1;
    if (!PyTuple_Check(trigger)) goto bad;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(trigger); i++) {
        PyObject *entry = PyTuple_GET_ITEM(trigger, i);
        if (!PyTuple_Check(entry)) goto bad;
        int met = 1;
        for (Py_ssize_t j = 0; met == 1 && j < PyTuple_GET_SIZE(entry); j++) {
            PyObject *part = PyTuple_GET_ITEM(entry, j);
            if (!PyAnySet_Check(part)) goto bad;
            met = replies_meet(part, words);
        }
        if (met != 0) return met;
    }
    return 0;
bad:
    PyErr_SetString(PyExc_TypeError, "replies_match: a gate is not as `replies._gated` makes it");
    return -1;
}

/* Does `text` end as `ending` (`replies.Ending`: the characters stripped from its end, then
 * by their last letter the phrases one of which it must end with) says? 1, 0, -1 on error. */
static int replies_ends(PyObject *ending, PyObject *text) {
    if (!PyTuple_Check(ending) || PyTuple_GET_SIZE(ending) != 2 ||
        !PyUnicode_Check(PyTuple_GET_ITEM(ending, 0)) || !PyDict_Check(PyTuple_GET_ITEM(ending, 1))) {
        PyErr_SetString(PyExc_TypeError, "replies_match: an ending is (str, dict)");
        return -1;
    }
    PyObject *strip = PyTuple_GET_ITEM(ending, 0);
    int kind = PyUnicode_KIND(text), strip_kind = PyUnicode_KIND(strip);
    const void *data = PyUnicode_DATA(text), *strip_data = PyUnicode_DATA(strip);
    Py_ssize_t end = PyUnicode_GET_LENGTH(text), strips = PyUnicode_GET_LENGTH(strip);
    while (end > 0) {  /* text.rstrip(strip) */
        Py_UCS4 c = PyUnicode_READ(kind, data, end - 1);
        Py_ssize_t i = 0;
        while (i < strips && PyUnicode_READ(strip_kind, strip_data, i) != c) i++;
        if (i == strips) break;
        end--;
    }
    if (end == 0) return 0;  /* (`by_last.get("", ())`: none) */
    PyObject *last = PyUnicode_FromOrdinal(PyUnicode_READ(kind, data, end - 1));
    if (last == NULL) return -1;
    PyObject *phrases = PyDict_GetItemWithError(PyTuple_GET_ITEM(ending, 1), last);
    Py_DECREF(last);
    if (phrases == NULL) return PyErr_Occurred() ? -1 : 0;
    if (!PyTuple_Check(phrases)) {
        PyErr_SetString(PyExc_TypeError, "replies_match: an ending's phrases are a tuple");
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(phrases); i++) {
        PyObject *phrase = PyTuple_GET_ITEM(phrases, i);
        if (!PyUnicode_Check(phrase)) {
            PyErr_SetString(PyExc_TypeError, "replies_match: a phrase is a str");
            return -1;
        }
        Py_ssize_t met = PyUnicode_Tailmatch(text, phrase, 0, end, 1);
        if (met != 0) return (int)met;
    }
    return 0;
}

/* Is one of the alternatives `found` (those filed under a word: a tuple) found in `text`?
 * 1, 0, -1 on error. */
static int replies_filed_word(PyObject *found, PyObject *text, PyObject *words) {
    if (!PyTuple_Check(found)) goto bad;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(found); i++) {
        PyObject *gated = PyTuple_GET_ITEM(found, i);
        if (!PyTuple_Check(gated) || PyTuple_GET_SIZE(gated) != 5) goto bad;
        int passes = replies_passes(gated, words);
        if (passes > 0 && PyTuple_GET_ITEM(gated, 3) != Py_None) {
            passes = replies_ends(PyTuple_GET_ITEM(gated, 3), text);
        }
        if (passes <= 0) {
            if (passes < 0) return -1;
            continue;
        }
        PyObject *expression = PyTuple_GET_ITEM(gated, 4);
        PyObject *regex = PyObject_GetAttr(expression, str_regex);
        if (regex == Py_None) {
            Py_DECREF(regex);
            regex = PyObject_CallMethod(expression, "compile", NULL);
        }
        if (regex == NULL) return -1;
        PyObject *match = PyObject_CallMethodOneArg(regex, str_search, text);
        Py_DECREF(regex);
        if (match == NULL) return -1;
        int matched = match != Py_None;
        Py_DECREF(match);
        if (matched) return 1;
    }
    return 0;
bad:
    PyErr_SetString(PyExc_TypeError, "replies_match: an index is not as `replies._filed` makes it");
    return -1;
}

/* `replies._filed_match(filed, text, words)`: the index walked by the smaller of its words and
 * the message's (the same alternatives as `words & keys`, maybe in another order). */
static int replies_filed(PyObject *filed, PyObject *text, PyObject *words) {
    if (!PyTuple_Check(filed) || PyTuple_GET_SIZE(filed) != 3 ||
        !PyDict_Check(PyTuple_GET_ITEM(filed, 1)) || !PyBytes_Check(PyTuple_GET_ITEM(filed, 2)) ||
        PyBytes_GET_SIZE(PyTuple_GET_ITEM(filed, 2)) != REPLIES_BLOOM_BITS / 8) {
        PyErr_SetString(PyExc_TypeError,
                        "replies_match: filed is (keys, index: dict, bloom: bytes of 128)");
        return -1;
    }
    PyObject *index = PyTuple_GET_ITEM(filed, 1);
    const unsigned char *bloom = (const unsigned char *)PyBytes_AS_STRING(PyTuple_GET_ITEM(filed, 2));
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    if (PyDict_GET_SIZE(index) < PySet_GET_SIZE(words) / 4) {
        while (PyDict_Next(index, &pos, &key, &value)) {
            int present = PySet_Contains(words, key);
            if (present < 0) return -1;
            if (present) {
                int found = replies_filed_word(value, text, words);
                if (found != 0) return found;
            }
        }
        return 0;
    }
    Py_hash_t hash;
    while (replies_next(words, &pos, &key, &hash)) {
        size_t bit = (size_t)hash & (REPLIES_BLOOM_BITS - 1);
        if (!(bloom[bit >> 3] & (1u << (bit & 7)))) continue;  /* (not filed) */
        value = PyDict_GetItemWithError(index, key);
        if (value == NULL) {
            if (PyErr_Occurred()) return -1;
            continue;
        }
        int found = replies_filed_word(value, text, words);
        if (found != 0) return found;
    }
    return 0;
}

/* `replies_match(held, text, words)`: `replies.held_match`, `held` being the list
 * [gates or None, what answers until they are built], the gates
 * (by_first: dict, length: int, by_prefix: dict, others: filed). */
static PyObject *replies_match(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyList_Check(args[0]) || PyList_GET_SIZE(args[0]) != 2 ||
        !PyUnicode_Check(args[1]) || !PyAnySet_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError,
                        "replies_match(held: [gates, unbuilt], text: str, words: frozenset)");
        return NULL;
    }
    PyObject *gates = PyList_GET_ITEM(args[0], 0), *text = args[1], *words = args[2];
    if (gates == Py_None) {  /* (not built: what answers until then) */
        PyObject *unbuilt = PyList_GET_ITEM(args[0], 1);
        Py_INCREF(unbuilt);
        PyObject *answer = PyObject_Vectorcall(unbuilt, args + 1, 2, NULL);
        Py_DECREF(unbuilt);
        return answer;
    }
    if (!PyTuple_Check(gates) || PyTuple_GET_SIZE(gates) != 4 ||
        !PyDict_Check(PyTuple_GET_ITEM(gates, 0)) || !PyDict_Check(PyTuple_GET_ITEM(gates, 2))) {
        PyErr_SetString(PyExc_TypeError, "replies_match: gates are (dict, int, dict, filed)");
        return NULL;
    }
    Py_ssize_t length = PyLong_AsSsize_t(PyTuple_GET_ITEM(gates, 1));
    if (length < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "replies_match: length < 0");
        return NULL;
    }
    Py_INCREF(gates);  /* (a search runs Python: hold them) */
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), end = 0;
    while (end < n) {  /* the first word, as `replies.FIRST_WORD` reads it */
        Py_UCS4 c = PyUnicode_READ(kind, data, end);
        if (!((c >= 'a' && c <= 'z') || c == '_')) break;
        end++;
    }
    int found = -1;
    PyObject *first = PyUnicode_Substring(text, 0, end);
    if (first == NULL) goto done;
    PyObject *filed = PyDict_GetItemWithError(PyTuple_GET_ITEM(gates, 0), first);
    if (filed == NULL && !PyErr_Occurred()) {
        if (end > length) Py_SETREF(first, PyUnicode_Substring(text, 0, length));
        filed = first == NULL ? NULL : PyDict_GetItemWithError(PyTuple_GET_ITEM(gates, 2), first);
        if (filed == NULL && !PyErr_Occurred()) filed = PyTuple_GET_ITEM(gates, 3);
    }
    Py_XDECREF(first);
    if (filed != NULL) found = replies_filed(filed, text, words);
done:
    Py_DECREF(gates);
    return found < 0 ? NULL : PyBool_FromLong(found);
}

static PyMethodDef methods[] = {
    {"passes", (PyCFunction)(void (*)(void))gate_passes, METH_FASTCALL,
     "passes(head, text): see tending.coach.heads.passes."},
    {"search_planned", (PyCFunction)(void (*)(void))search_planned, METH_FASTCALL,
     "search_planned(words, text, index, best, compile, ids): see tending.coach.searching."},
    {"run_planned", (PyCFunction)(void (*)(void))run_planned, METH_FASTCALL,
     "run_planned(words, text, index, compile, ids, finish): see tending.coach.searching."},
    {"triggered_pending", (PyCFunction)(void (*)(void))triggered_pending, METH_FASTCALL,
     "triggered_pending(words, pending_set, split, missing): see tending.coach.searching."},
    {"grow_table", (PyCFunction)(void (*)(void))grow_table, METH_FASTCALL,
     "grow_table(old, alone, alone_count, added, many): see tending.coach.word_ids."},
    {"lead_at", (PyCFunction)(void (*)(void))lead_at_function, METH_FASTCALL,
     "lead_at(lead, text): see tending.coach.searching.lead_at."},
    {"replies_match", (PyCFunction)(void (*)(void))replies_match, METH_FASTCALL,
     "replies_match(held, text, words): see tending.coach.replies.held_match."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_engine", "The rule engine's inner loops in C (see searching.py).",
    -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__engine(void) {
    str_regex = PyUnicode_InternFromString("regex");
    str_search = PyUnicode_InternFromString("search");
    str_span = PyUnicode_InternFromString("span");
    str_imply = PyUnicode_InternFromString("imply");
    str_lead = PyUnicode_InternFromString("lead");
    str_bare = PyUnicode_InternFromString("bare");
    if (str_regex == NULL || str_search == NULL || str_span == NULL || str_imply == NULL ||
        str_lead == NULL || str_bare == NULL) {
        return NULL;
    }
    for (long kind = 0; kind <= HOLDS; kind++) {
        if ((kinds[kind] = PyLong_FromLong(kind)) == NULL) return NULL;
    }
    if (PyType_Ready(&WordNumbersType) < 0) return NULL;
    PyObject *made = PyModule_Create(&module);
    if (made != NULL && PyModule_AddObjectRef(made, "WordNumbers", (PyObject *)&WordNumbersType) < 0) {
        Py_CLEAR(made);
    }
    return made;
}
