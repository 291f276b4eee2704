/* The steps between the coach's stages in one call: the rules' hits in, the Analysis or
 * Reading out (see glue.py, whose GlueReference is the Python twin, step for step).
 *
 * `whole` and `read_whole` take the text instead, and run the steps before the rules as well
 * (normalizing, the language check, the stems, the rules): `Coach.analyze` is one call, and
 * `Coach.read` too for a message that answers none.
 *
 * The stages themselves (the mixed-feelings check, the second opinion, the depth, the
 * evidence, the records) are called as the parts given (`GlueParts`, in its order); what this
 * saves is the Python between them: the frames, the bytecode and some of the objects. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum {
    IN_SENTENCE_KEYS, IN_SENTENCE, KEPT_IN_SENTENCE, COMPLEX_SPAN, HIT_TYPE, COMPLEX_WHY, LEARNED,
    NO_CHANGE, REVISED, REVISED_PLAIN, SUPPRESS, SUPPRESSING, CONTEXT_DROPPED,
    DROPPED_BY_CONTEXT, READ_DROPPED, DEPTH, EVIDENCE, CORRECTIVE, POSITIVE, TONES, SUGGESTED,
    SETTLED, DEFERRED, LATER, SUGGEST, ANALYSIS, NOTHING, READINGS, READING, REPLIES_MATCH,
    NORMALIZE, FOREIGN, GUESS, TELLING, NOT_ENGLISH, STEMS, RUN_PLANNED, PLANNED, RUN_PENDING,
    READS_REPLIES, NOT_ENGLISH_READING, READ_ANSWERING,
    PARTS /* how many */
};

/* A filter of a set's hashes: two bits a member, so a word whose hash finds either bit clear
 * is not in the set, read without a look-up in it (2 KB: the 220 words of other languages set
 * about one bit in 37, so nearly every English word is told by its first bit). */
enum { FILTER_BITS = 14 };
#define FILTER_MASK ((1u << FILTER_BITS) - 1)
typedef struct {
    uint64_t bits[(1u << FILTER_BITS) / 64];
} HashFilter;

/* What the glue reads of the normalizer's C reader (`_reader_api.h`). */
#include "_reader_api.h"

typedef uint64_t Flags; /* flags by their numbers in the glue's tables: bit n, flag n */

/* The number of the lowest bit set of `bits` (not 0). */
static inline int lowest_bit(Flags bits)
{
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_ctzll(bits);
#else
    int n = 0;
    while (!(bits & 1)) {
        bits >>= 1;
        n++;
    }
    return n;
#endif
}
enum { NUMBERED = 64 }; /* at most this many flags numbered (else the Python twin is used) */

/* A flag's number found by the flag object itself (the rules hand out the same few str
 * objects, mostly): `flag` held, NULL for an empty slot; `number` -1 where it has none. One
 * slot an object (by its address), the last met there kept: a flag made anew for a message
 * takes a slot, and is let go of when another comes. */
typedef struct {
    PyObject *flag;
    int number;
} Seen;
enum { SEEN = 512 }; /* the slots */

/* The set of the flags of `bits` (a frozenset) and those flags in order (a tuple), made once
 * for each set of flags met (a value of the flags, as the readings kept per value: there are
 * few), where every flag is numbered: NULL `flags` for an empty slot. */
enum { DEPTHS = 4 }; /* the depths told apart by their objects (`depth_number`) */
typedef struct {
    Flags bits;
    PyObject *flags, *ordered;
    /* the readings `read` gave these flags (held: the one `Coach._reading` kept for them, or
     * made), by depth number and whether the context matters (2 * depth + matters) */
    PyObject *readings[2 * DEPTHS];
} FlagSet;
enum { FLAG_SETS = 1024, FLAG_SETS_MOST = 512 }; /* the slots, and the most sets kept */

typedef struct {
    PyObject_HEAD
    PyObject *part[PARTS];
    PyObject *no_flags; /* frozenset(): the flags of a text with no hit */
    int reads_replies;  /* does a pattern read replies (the part READS_REPLIES, true)? */
    int guess_reads_tokens; /* is the part GUESS a `_normalize.Guess`? */
    /* The C reader whose `normalize` is the part NORMALIZE, where it marks the words of the
     * part FOREIGN as it reads (else NULL), and what the glue reads of it. */
    PyObject *reader;
    const ReaderApi *reader_api;
    HashFilter foreign; /* the hashes of the words of other languages (the part FOREIGN) */
    /* the flags of the sets the steps test, numbered (flag -> its number), and those sets as
     * bits of those numbers: a set of flags is read once for its bits, and each test is then
     * a bit test, not a look-up of each flag in each set (a flag not numbered is in none) */
    PyObject *numbers;
    Flags in_sentence, context_dropped, corrective, positive, suggested, safety, complex;
    Flags feeling;
    Flags drops[NUMBERED]; /* by number: the flags that flag takes away (`[suppress]`) */
    Flags drops_in_sentence[NUMBERED]; /* ... in its sentence (`[suppress_in_sentence]`) */
    /* The flags met that are in none of those sets are numbered too, as they are met (up to
     * NUMBERED in all): then the flags of a message are their bits, and the set of them is
     * the one kept for those bits (`flag_set`). */
    PyObject *flag_of[NUMBERED]; /* by number: the flag (the key of `numbers`, borrowed) */
    Seen seen[SEEN];             /* flag object -> its number (`flag_number`) */
    FlagSet *sets; /* (FLAG_SETS slots, by the bits' hash) */
    int sets_used;
    PyObject *depths[DEPTHS]; /* the depth objects met (held), numbered in that order */
} Glue;

enum { PLANNED_ARGUMENTS = 4 }; /* run_planned's arguments after the words and text */

static PyObject *str_feeling, *str_complex, *str_safety, *str_en, *str_context_matters,
    *str_opinion, *empty_tuple;

/* -- small helpers --------------------------------------------------------------------- */

/* Is every key of `keys` (a set or a dict) outside the set `set`? 1, 0, or -1. */
static int disjoint(PyObject *set, PyObject *keys)
{
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    if (PyDict_Check(keys)) {
        while (PyDict_Next(keys, &pos, &key, &value)) {
            int in = PySet_Contains(set, key);
            if (in) return in < 0 ? -1 : 0;
        }
        return 1;
    }
#if PY_VERSION_HEX < 0x030D0000
    Py_hash_t hash;
    while (_PySet_NextEntry(keys, &pos, &key, &hash)) {
        int in = PySet_Contains(set, key);
        if (in) return in < 0 ? -1 : 0;
    }
    return 1;
#else
    PyObject *iterator = PyObject_GetIter(keys);
    if (iterator == NULL) return -1;
    int result = 1;
    while (result == 1 && (key = PyIter_Next(iterator)) != NULL) {
        int in = PySet_Contains(set, key);
        Py_DECREF(key);
        if (in) result = in < 0 ? -1 : 0;
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : result;
#endif
}

/* Might a key of this hash be in the set `filter` was filled from? (0: surely not) */
static inline int may_hold(const HashFilter *filter, Py_hash_t hash)
{
    size_t first = (size_t)hash & FILTER_MASK;
    size_t second = ((size_t)hash >> FILTER_BITS) & FILTER_MASK;
    return (filter->bits[first / 64] >> (first % 64)) &
           (filter->bits[second / 64] >> (second % 64)) & 1;
}

/* Fill `filter` with the hashes of the members of `set` (-1 on error). */
static int fill_filter(HashFilter *filter, PyObject *set)
{
    memset(filter->bits, 0, sizeof filter->bits);
    PyObject *iterator = PyObject_GetIter(set), *key;
    if (iterator == NULL) return -1;
    while ((key = PyIter_Next(iterator)) != NULL) {
        Py_hash_t hash = PyObject_Hash(key);
        Py_DECREF(key);
        if (hash == -1) break;
        size_t first = (size_t)hash & FILTER_MASK;
        size_t second = ((size_t)hash >> FILTER_BITS) & FILTER_MASK;
        filter->bits[first / 64] |= (uint64_t)1 << (first % 64);
        filter->bits[second / 64] |= (uint64_t)1 << (second % 64);
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : 0;
}

/* `disjoint(set, keys)` for a set `keys`, each key looked up in `set` only when its hash may
 * be there (`filter`, filled from `set`). 1, 0, or -1. */
static int disjoint_filtered(PyObject *set, const HashFilter *filter, PyObject *keys)
{
#if PY_VERSION_HEX < 0x030E0000
    if (PyAnySet_Check(keys)) { /* (its table read in place: a call a key less) */
        const setentry *table = ((PySetObject *)keys)->table;
        Py_ssize_t mask = ((PySetObject *)keys)->mask;
        for (Py_ssize_t i = 0; i <= mask; i++) {
            /* (an empty slot has no key; a deleted one the hash -1, which no key has) */
            if (table[i].key == NULL || table[i].hash == -1 || !may_hold(filter, table[i].hash))
                continue;
            int in = PySet_Contains(set, table[i].key);
            if (in) return in < 0 ? -1 : 0;
        }
        return 1;
    }
#endif
    return disjoint(set, keys);
}

/* The number of `flag` in the glue's tables: -1 for none (it is in none of their sets), -2
 * on error. */
static int number_of(Glue *g, PyObject *flag)
{
    PyObject *number = PyDict_GetItemWithError(g->numbers, flag);
    if (number == NULL) return PyErr_Occurred() ? -2 : -1;
    return (int)PyLong_AsLong(number);
}

/* Give `flag` the next number if it has none (-1 on error; OverflowError past NUMBERED). */
static int add_number(Glue *g, PyObject *flag)
{
    PyObject *numbers = g->numbers;
    int in = PyDict_Contains(numbers, flag);
    if (in) return in < 0 ? -1 : 0;
    Py_ssize_t count = PyDict_GET_SIZE(numbers);
    if (count >= NUMBERED) {
        PyErr_Format(PyExc_OverflowError, "Glue numbers at most %d flags", NUMBERED);
        return -1;
    }
    PyObject *number = PyLong_FromSsize_t(count);
    if (number == NULL) return -1;
    int failed = PyDict_SetItem(numbers, flag, number);
    Py_DECREF(number);
    if (!failed) g->flag_of[count] = flag; /* (held by `numbers`, which only grows) */
    return failed;
}

/* The number of `flag` (a flag of a hit): its own, found by the object where it was met
 * before, else given the next one (a flag in none of the tables' sets, met for the first
 * time); -1 once NUMBERED flags are numbered (the flags of a message that holds it are then
 * not told by their bits), -2 on error. */
static int flag_number(Glue *g, PyObject *flag)
{
    uintptr_t address = (uintptr_t)flag;
    Seen *slot = &g->seen[((address >> 4) ^ (address >> 13)) % SEEN];
    if (slot->flag == flag) return slot->number;
    int number = number_of(g, flag);
    if (number == -1 && PyDict_GET_SIZE(g->numbers) < NUMBERED) {
        number = (int)PyDict_GET_SIZE(g->numbers);
        if (add_number(g, flag) < 0) return -2;
    }
    if (number == -2) return -2;
    if (PyUnicode_CheckExact(flag)) { /* (an immutable key) */
        Py_XSETREF(slot->flag, Py_NewRef(flag));
        slot->number = number;
    }
    return number;
}

/* Forget the flag objects met and the sets of flags kept (the tables are made anew). */
static void forget_flags(Glue *g)
{
    for (int i = 0; i < SEEN; i++) Py_CLEAR(g->seen[i].flag);
    for (int i = 0; g->sets != NULL && i < FLAG_SETS; i++) {
        Py_CLEAR(g->sets[i].flags);
        Py_CLEAR(g->sets[i].ordered);
        for (int r = 0; r < 2 * DEPTHS; r++) Py_CLEAR(g->sets[i].readings[r]);
    }
    g->sets_used = 0;
    for (int i = 0; i < DEPTHS; i++) Py_CLEAR(g->depths[i]);
    memset(g->flag_of, 0, sizeof g->flag_of);
}

/* The flags of `keys` (a set, or a dict's keys) as bits (`*bits`); `*complete` 0 where one
 * has no number (else 1, if given); -1 on error. */
static int bits_of(Glue *g, PyObject *keys, Flags *bits, int *complete)
{
    PyObject *key, *value, *iterator = NULL;
    Py_ssize_t pos = 0;
    int from_dict = PyDict_Check(keys), number = 0;
    *bits = 0;
    if (complete != NULL) *complete = 1;
#if PY_VERSION_HEX < 0x030D0000
    Py_hash_t hash;
    int from_set = !from_dict && PyAnySet_Check(keys);
#else
    int from_set = 0;
#endif
    if (!from_dict && !from_set && (iterator = PyObject_GetIter(keys)) == NULL) return -1;
    for (;;) {
        if (from_dict) {
            if (!PyDict_Next(keys, &pos, &key, &value)) break;
            number = flag_number(g, key);
#if PY_VERSION_HEX < 0x030D0000
        } else if (from_set) {
            if (!_PySet_NextEntry(keys, &pos, &key, &hash)) break;
            number = flag_number(g, key);
#endif
        } else {
            if ((key = PyIter_Next(iterator)) == NULL) break;
            number = flag_number(g, key);
            Py_DECREF(key);
        }
        if (number == -2) break;
        if (number >= 0) *bits |= (Flags)1 << number;
        else if (complete != NULL) *complete = 0;
    }
    Py_XDECREF(iterator);
    return number == -2 || PyErr_Occurred() ? -1 : 0;
}

/* The set of the flags `bits` (all numbered; a frozenset) and the flags in order (a tuple):
 * new references to those kept for these bits, made and kept the first time (while there is
 * room). -1 on error. */
static int flag_set_made(Glue *g, Flags bits, PyObject **flags, PyObject **ordered,
                         FlagSet **kept, FlagSet *slot);

static inline int flag_set(Glue *g, Flags bits, PyObject **flags, PyObject **ordered,
                           FlagSet **kept)
{
    FlagSet *slot = NULL;
    size_t at = (size_t)((bits * 0x9E3779B97F4A7C15ull) >> 40) % FLAG_SETS;
    while (g->sets != NULL && (slot = &g->sets[at])->flags != NULL) {
        if (slot->bits == bits) {
            *flags = Py_NewRef(slot->flags);
            *ordered = Py_NewRef(slot->ordered);
            *kept = slot;
            return 0;
        }
        at = (at + 1) % FLAG_SETS;
    }
    return flag_set_made(g, bits, flags, ordered, kept, slot);
}

/* `flag_set` of bits not kept yet: made, and kept in the empty `slot` (NULL: none) while
 * there is room. */
static int flag_set_made(Glue *g, Flags bits, PyObject **flags, PyObject **ordered,
                         FlagSet **kept, FlagSet *slot)
{
    *kept = NULL;
    PyObject *made = PyFrozenSet_New(NULL), *listed = PyList_New(0), *in_order = NULL;
    for (Flags left = bits; made != NULL && listed != NULL && left; left &= left - 1) {
        PyObject *flag = g->flag_of[lowest_bit(left)];
        if (PySet_Add(made, flag) < 0 || PyList_Append(listed, flag) < 0) Py_CLEAR(made);
    }
    if (made != NULL && listed != NULL && PyList_Sort(listed) == 0)
        in_order = PyList_AsTuple(listed);
    Py_XDECREF(listed);
    if (in_order == NULL) {
        Py_XDECREF(made);
        return -1;
    }
    if (slot != NULL && g->sets_used < FLAG_SETS_MOST) {
        *slot = (FlagSet){bits, Py_NewRef(made), Py_NewRef(in_order), {NULL}};
        g->sets_used++;
        *kept = slot;
    }
    *flags = made;
    *ordered = in_order;
    return 0;
}

/* Append `span` to `found[flag]`, making the list on the flag's first span: a borrowed
 * reference to the list, NULL on error. */
static PyObject *add_span(PyObject *found, PyObject *flag, PyObject *span)
{
    PyObject *spans = PyDict_GetItemWithError(found, flag);
    if (spans != NULL) return PyList_Append(spans, span) < 0 ? NULL : spans;
    if (PyErr_Occurred()) return NULL;
    spans = PyList_New(1);
    if (spans == NULL) return NULL;
    PyList_SET_ITEM(spans, 0, Py_NewRef(span));
    int failed = PyDict_SetItem(found, flag, spans);
    Py_DECREF(spans); /* (held by `found`) */
    return failed ? NULL : spans;
}

/* Each flag of `hits` (Hit tuples) with the spans of its hits, in order: a new dict; the
 * flags as bits (`*bits`), `*complete` 0 where one has no number. (A flag's list is found by
 * its number once it has one: one look-up in the dict a flag, not a hit.) */
static PyObject *spans_by_flag(Glue *g, PyObject *hits, Flags *bits, int *complete)
{
    PyObject *found = PyDict_New(), *lists[NUMBERED];
    *bits = 0;
    *complete = 1;
    if (found == NULL) return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(hits); i++) {
        PyObject *hit = PyList_GET_ITEM(hits, i);
        if (!PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) != 5) {
            PyErr_SetString(PyExc_TypeError, "a hit is a tuple of five");
            goto fail;
        }
        PyObject *flag = PyTuple_GET_ITEM(hit, 0);
        int number = flag_number(g, flag);
        if (number == -2) goto fail;
        PyObject *span = PyTuple_Pack(2, PyTuple_GET_ITEM(hit, 1), PyTuple_GET_ITEM(hit, 2));
        if (span == NULL) goto fail;
        int failed;
        if (number < 0) {
            *complete = 0;
            failed = add_span(found, flag, span) == NULL;
        } else if ((*bits >> number) & 1) {
            failed = PyList_Append(lists[number], span) < 0;
        } else { /* (the flag's first hit: no key of `found` is equal to it) */
            PyObject *spans = PyList_New(1);
            failed = spans == NULL;
            if (!failed) {
                PyList_SET_ITEM(spans, 0, Py_NewRef(span));
                failed = PyDict_SetItem(found, flag, spans) < 0;
                Py_DECREF(spans); /* (held by `found`) */
                lists[number] = spans;
                *bits |= (Flags)1 << number;
            }
        }
        Py_DECREF(span);
        if (failed) goto fail;
    }
    return found;
fail:
    Py_DECREF(found);
    return NULL;
}

/* {hit.flag for hit in hits} */
static PyObject *flags_of(PyObject *hits)
{
    PyObject *flags = PySet_New(NULL);
    if (flags == NULL) return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(hits); i++) {
        PyObject *hit = PyList_GET_ITEM(hits, i);
        if (!PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) < 1) {
            PyErr_SetString(PyExc_TypeError, "a hit is a tuple of five");
            goto fail;
        }
        if (PySet_Add(flags, PyTuple_GET_ITEM(hit, 0)) < 0) goto fail;
    }
    return flags;
fail:
    Py_DECREF(flags);
    return NULL;
}

static PyObject *call(PyObject *function, PyObject **args, Py_ssize_t count)
{
    return PyObject_Vectorcall(function, args, count, NULL);
}

/* A Hit of the mixed feelings at `span` (start, end), appended to `hits` and `found`. */
static int add_complex(Glue *g, PyObject *hits, PyObject *found, PyObject *span)
{
    PyObject *pair = PySequence_Tuple(span);
    if (pair == NULL) return -1;
    if (PyTuple_GET_SIZE(pair) != 2) {
        Py_DECREF(pair);
        PyErr_SetString(PyExc_ValueError, "a span is (start, end)");
        return -1;
    }
    PyTypeObject *kind = (PyTypeObject *)g->part[HIT_TYPE];
    PyObject *hit = kind->tp_alloc(kind, 5);
    if (hit == NULL) {
        Py_DECREF(pair);
        return -1;
    }
    PyObject *values[5] = {str_complex, PyTuple_GET_ITEM(pair, 0), PyTuple_GET_ITEM(pair, 1),
                           g->part[COMPLEX_WHY], str_complex};
    for (int i = 0; i < 5; i++) PyTuple_SET_ITEM(hit, i, Py_NewRef(values[i]));
    int failed = PyList_Append(hits, hit);
    Py_DECREF(hit);
    if (!failed) failed = add_span(found, str_complex, pair) == NULL;
    Py_DECREF(pair);
    return failed;
}

/* The feelings' spans, sorted, for the mixed-feelings check (a new list). */
static PyObject *feeling_spans(Glue *g, PyObject *found, Flags bits)
{
    if (!(bits & g->feeling)) return PyList_New(0); /* ("feeling" is numbered: not raised) */
    PyObject *feelings = PyDict_GetItemWithError(found, str_feeling);
    if (feelings == NULL) return PyErr_Occurred() ? NULL : PyList_New(0);
    PyObject *sorted = PySequence_List(feelings);
    if (sorted != NULL && PyList_Sort(sorted) < 0) Py_CLEAR(sorted);
    return sorted;
}

/* The flags settled on: `flags` a set of them (a new reference), `ordered` NULL or those in
 * order (new), `bits` those numbered, and `complete` whether all are (then `flags` and
 * `ordered` are those `flag_set` keeps for `bits`). */
typedef struct {
    PyObject *flags, *ordered;
    Flags bits;
    int complete;
    FlagSet *kept; /* where those `flag_set` keeps are (NULL: none) */
} Settled;

/* Set `*settled` to the flags of `bits`, or where one of them has no number to `flags` (a new
 * reference, taken) with `bits` those numbered. -1 on error (`flags` let go of). */
static int settle_flags(Glue *g, Settled *settled, Flags bits, int complete, PyObject *flags)
{
    Py_CLEAR(settled->flags);
    Py_CLEAR(settled->ordered);
    settled->bits = bits;
    settled->complete = complete;
    settled->kept = NULL;
    if (!complete) {
        settled->flags = flags;
        return flags == NULL ? -1 : 0;
    }
    Py_XDECREF(flags);
    return flag_set(g, bits, &settled->flags, &settled->ordered, &settled->kept);
}

/* glue.py's `_hits`: the hits after the drops in their sentence, the mixed-feelings check and
 * the second opinion (`*hits`, a new reference; `hits_in` edited in place as there), their
 * flags (`*settled`, whose references the caller lets go of, also on error) and whether the
 * message answered matters (`*matters`). */
static int settle(Glue *g, PyObject *text, PyObject *hits_in, PyObject *words, int spans,
                  PyObject *context, PyObject **hits_out, Settled *settled, int *matters)
{
    PyObject *hits = Py_NewRef(hits_in), *found = NULL, *feelings = NULL, *span = NULL;
    PyObject *opinion = NULL;
    Flags bits;
    int complete;
    *settled = (Settled){NULL, NULL, 0, 1, NULL};
    found = spans_by_flag(g, hits, &bits, &complete);
    if (found == NULL) goto fail;
    if (PyList_GET_SIZE(hits)) {
        Flags dropping = 0; /* (the flags raised that a flag raised drops in its sentence) */
        for (Flags keys = bits & g->in_sentence; keys; keys &= keys - 1)
            dropping |= g->drops_in_sentence[lowest_bit(keys)];
        if (dropping & bits) {
            PyObject *args[3] = {hits, text, found};
            PyObject *kept = call(g->part[KEPT_IN_SENTENCE], args, 3);
            if (kept == NULL) goto fail;
            if (kept == hits) {
                Py_DECREF(kept);
            } else {
                if (!PyList_Check(kept)) {
                    Py_DECREF(kept);
                    PyErr_SetString(PyExc_TypeError, "the hits kept are a list");
                    goto fail;
                }
                Py_SETREF(hits, kept);
                Py_SETREF(found, spans_by_flag(g, hits, &bits, &complete));
                if (found == NULL) goto fail;
            }
        }
        feelings = feeling_spans(g, found, bits);
    } else {
        feelings = PyList_New(0);
    }
    if (feelings == NULL) goto fail;
    PyObject *span_args[3] = {text, feelings, words};
    span = call(g->part[COMPLEX_SPAN], span_args, 3);
    if (span == NULL) goto fail;
    int mixed = PyObject_IsTrue(span);
    if (mixed < 0 || (mixed && add_complex(g, hits, found, span) < 0)) goto fail;
    if (mixed) bits |= g->complex;
    /* (`learned.opinion` looked up each time, as the Python steps did: a test may replace it) */
    PyObject *opinion_args[4] = {g->part[LEARNED], text, found, context};
    opinion = PyObject_VectorcallMethod(str_opinion, opinion_args, 4, NULL);
    if (opinion == NULL) goto fail;
    *matters = 0;
    if (opinion == g->part[NO_CHANGE]) {
        /* (the hits' flags: each hit's is a key of `found`) */
        if (settle_flags(g, settled, bits, complete, complete ? NULL : PySet_New(found)) < 0)
            goto fail;
    } else {
        PyObject *revise_args[3] = {hits, text, opinion};
        PyObject *revised = call(g->part[spans ? REVISED : REVISED_PLAIN], revise_args, 3);
        if (revised == NULL) goto fail;
        Py_SETREF(hits, revised);
        if (!PyList_Check(hits)) {
            PyErr_SetString(PyExc_TypeError, "the hits revised are a list");
            goto fail;
        }
        PyObject *flags = flags_of(hits);
        if (flags == NULL || bits_of(g, flags, &bits, &complete) < 0 ||
            settle_flags(g, settled, bits, complete, complete ? NULL : Py_NewRef(flags)) < 0) {
            Py_XDECREF(flags);
            goto fail;
        }
        Py_DECREF(flags);
        PyObject *said = PyObject_GetAttr(opinion, str_context_matters);
        if (said == NULL) goto fail;
        *matters = PyObject_IsTrue(said);
        Py_DECREF(said);
        if (*matters < 0) goto fail;
    }
    Py_DECREF(found);
    Py_DECREF(feelings);
    Py_DECREF(span);
    Py_DECREF(opinion);
    *hits_out = hits;
    return 0;
fail:
    Py_XDECREF(hits);
    Py_XDECREF(found);
    Py_XDECREF(feelings);
    Py_XDECREF(span);
    Py_XDECREF(opinion);
    return -1;
}

/* The flags settled on less those the message answered takes away: `dropped` (a new
 * reference, taken), the set `drop` gave for them. -1 on error. */
static int drop_flags(Glue *g, Settled *settled, PyObject *dropped)
{
    if (dropped == NULL) return -1;
    Flags bits;
    int complete;
    if (settled->complete) { /* (`dropped` holds flags of `flags`: each numbered) */
        Flags taken;
        int failed = bits_of(g, dropped, &taken, NULL);
        Py_DECREF(dropped);
        return failed ? -1 : settle_flags(g, settled, settled->bits & ~taken, 1, NULL);
    }
    PyObject *left = PyNumber_Subtract(settled->flags, dropped);
    Py_DECREF(dropped);
    if (left == NULL || bits_of(g, left, &bits, &complete) < 0) {
        Py_XDECREF(left);
        return -1;
    }
    return settle_flags(g, settled, bits, complete, left);
}

/* The flags settled on less those another of them takes away (`[suppress]`,
 * GlueReference._suppress); 1 when one is, 0 when none is, -1 on error. */
static int suppressed(Glue *g, Settled *settled)
{
    Flags dropped = 0, bits = settled->bits;
    for (Flags left = bits; left; left &= left - 1) dropped |= g->drops[lowest_bit(left)];
    if (!(dropped & bits)) return 0;
    if (settled->complete) return settle_flags(g, settled, bits & ~dropped, 1, NULL) < 0 ? -1 : 1;
    PyObject *kept = PySet_New(NULL), *iterator = PyObject_GetIter(settled->flags), *flag;
    if (kept == NULL || iterator == NULL) goto fail;
    while ((flag = PyIter_Next(iterator)) != NULL) {
        int number = number_of(g, flag);
        int failed = number == -2 ||
                     ((number < 0 || !((dropped >> number) & 1)) && PySet_Add(kept, flag) < 0);
        Py_DECREF(flag);
        if (failed) goto fail;
    }
    if (PyErr_Occurred()) goto fail;
    Py_DECREF(iterator);
    return settle_flags(g, settled, bits & ~dropped, 0, kept) < 0 ? -1 : 1;
fail:
    Py_XDECREF(kept);
    Py_XDECREF(iterator);
    return -1;
}

/* The flags in order: tuple(flags) for one, else tuple(sorted(flags)). */
static PyObject *in_order(PyObject *flags)
{
    if (PyObject_Length(flags) < 2) return PySequence_Tuple(flags);
    PyObject *listed = PySequence_List(flags);
    if (listed == NULL || PyList_Sort(listed) < 0) {
        Py_XDECREF(listed);
        return NULL;
    }
    PyObject *ordered = PyList_AsTuple(listed);
    Py_DECREF(listed);
    return ordered;
}

/* The flags settled on in order (a new reference). */
static PyObject *ordered_of(Settled *settled)
{
    return settled->ordered != NULL ? Py_NewRef(settled->ordered) : in_order(settled->flags);
}

/* model.tone_of(flags) of the flags `bits`, as a borrowed reference to one of the tones. */
static PyObject *tone_of(Glue *g, Flags bits)
{
    PyObject *tones = g->part[TONES];
    if (bits & g->corrective) return PyTuple_GET_ITEM(tones, 0);
    return PyTuple_GET_ITEM(tones, (bits & g->positive) ? 1 : 2);
}

/* The hits whose flag is still raised: [hit for hit in hits if hit.flag in flags]. */
static PyObject *kept_hits(PyObject *hits, PyObject *flags)
{
    PyObject *kept = PyList_New(0);
    if (kept == NULL) return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(hits); i++) {
        PyObject *hit = PyList_GET_ITEM(hits, i);
        int in = PySet_Contains(flags, PyTuple_GET_ITEM(hit, 0));
        if (in < 0 || (in && PyList_Append(kept, hit) < 0)) {
            Py_DECREF(kept);
            return NULL;
        }
    }
    return kept;
}

/* -- later: the rewrites worked out when first read -------------------------------------- */

enum { LATER_ARGUMENTS = 6 }; /* flags, kept, norm_text, context, resources, text */

/* `function(*arguments)` when called (with nothing): what `functools.partial` gives the
 * Python twin, in one object, where a partial makes its arguments' tuple and a keywords' dict
 * too (an analysis with rewrites holds one: made, and let go, with every such message). */
typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyObject *function;
    PyObject *arguments[LATER_ARGUMENTS];
} Later;

static PyObject *Later_vectorcall(Later *later, PyObject *const *args, size_t nargsf,
                                  PyObject *kwnames)
{
    if (PyVectorcall_NARGS(nargsf) != 0 || (kwnames != NULL && PyTuple_GET_SIZE(kwnames))) {
        PyErr_SetString(PyExc_TypeError, "the rewrites later take no arguments");
        return NULL;
    }
    return call(later->function, later->arguments, LATER_ARGUMENTS);
}

static int Later_traverse(Later *later, visitproc visit, void *arg)
{
    Py_VISIT(later->function);
    for (int i = 0; i < LATER_ARGUMENTS; i++) Py_VISIT(later->arguments[i]);
    return 0;
}

static int Later_clear(Later *later)
{
    Py_CLEAR(later->function);
    for (int i = 0; i < LATER_ARGUMENTS; i++) Py_CLEAR(later->arguments[i]);
    return 0;
}

static void Later_dealloc(Later *later)
{
    PyObject_GC_UnTrack(later);
    Later_clear(later);
    PyObject_GC_Del(later);
}

static PyTypeObject LaterType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tending.coach._glue.Later",
    .tp_basicsize = sizeof(Later),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "function(*arguments) when called: an analysis's rewrites, worked out later",
    .tp_vectorcall_offset = offsetof(Later, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_dealloc = (destructor)Later_dealloc,
    .tp_traverse = (traverseproc)Later_traverse,
    .tp_clear = (inquiry)Later_clear,
};

/* A new Later of `function` and its LATER_ARGUMENTS `arguments`. */
static PyObject *later_of(PyObject *function, PyObject *const *arguments)
{
    Later *later = PyObject_GC_New(Later, &LaterType);
    if (later == NULL) return NULL;
    later->vectorcall = (vectorcallfunc)Later_vectorcall;
    later->function = Py_NewRef(function);
    for (int i = 0; i < LATER_ARGUMENTS; i++) later->arguments[i] = Py_NewRef(arguments[i]);
    PyObject_GC_Track(later);
    return (PyObject *)later;
}

/* -- analyze --------------------------------------------------------------------------- */

/* The analysis of a text with no hit at this depth: one kept per depth. */
static PyObject *nothing(Glue *g, PyObject *norm_text, PyObject *text, PyObject *words)
{
    PyObject *depth_args[4] = {g->no_flags, norm_text, text, words};
    PyObject *depth = call(g->part[DEPTH], depth_args, 4);
    if (depth == NULL) return NULL;
    PyObject *made = PyDict_GetItemWithError(g->part[NOTHING], depth);
    if (made != NULL || PyErr_Occurred()) {
        Py_DECREF(depth);
        return Py_XNewRef(made);
    }
    PyObject *args[4] = {empty_tuple, PyTuple_GET_ITEM(g->part[TONES], 2), depth, empty_tuple};
    made = call(g->part[SETTLED], args, 4);
    if (made != NULL && PyDict_SetItem(g->part[NOTHING], depth, made) < 0) Py_CLEAR(made);
    Py_DECREF(depth);
    return made;
}

/* The analysis of the flags settled on, their hits kept and depth found. */
static PyObject *analysis(Glue *g, Settled *settled, PyObject *kept, PyObject *depth,
                          PyObject *evidence, PyObject *const *args)
{
    PyObject *norm_text = args[2], *text = args[3], *context = args[5], *resources = args[7];
    PyObject *flags = settled->flags, *ordered = ordered_of(settled), *made = NULL;
    if (ordered == NULL) return NULL;
    Flags bits = settled->bits;
    PyObject *tone = tone_of(g, bits);
    if (bits & g->safety) {
        PyObject *suggest_args[5] = {flags, kept, norm_text, context, resources};
        PyObject *suggestions = call(g->part[SUGGEST], suggest_args, 5);
        if (suggestions == NULL) goto done;
        PyObject *made_args[6] = {ordered, tone, depth, evidence, suggestions, str_en};
        made = call(g->part[ANALYSIS], made_args, 6);
        Py_DECREF(suggestions);
    } else if (!(bits & g->suggested)) {
        PyObject *made_args[4] = {ordered, tone, depth, evidence};
        made = call(g->part[SETTLED], made_args, 4);
    } else { /* rewrites are worked out when first read */
        PyObject *later_args[LATER_ARGUMENTS] = {flags, kept, norm_text, context, resources,
                                                 text};
        PyObject *later = later_of(g->part[SUGGEST], later_args); /* (the part LATER's) */
        if (later == NULL) goto done;
        PyObject *made_args[5] = {ordered, tone, depth, evidence, later};
        made = call(g->part[DEFERRED], made_args, 5);
        Py_DECREF(later);
    }
done:
    Py_DECREF(ordered);
    return made;
}

/* analyze(hits, normalized, norm_text, text, words, context, answered, resources) */
static PyObject *Glue_analyze(Glue *g, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 8 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "analyze(hits: list, normalized, norm_text, text, "
                                         "words, context, answered, resources)");
        return NULL;
    }
    PyObject *normalized = args[1], *norm_text = args[2], *text = args[3], *words = args[4];
    PyObject *answered = args[6];
    PyObject *hits, *kept = NULL, *evidence = NULL, *depth = NULL, *made = NULL;
    Settled settled;
    int matters;
    if (settle(g, norm_text, args[0], words, 1, answered, &hits, &settled, &matters) < 0) {
        Py_XDECREF(settled.flags);
        Py_XDECREF(settled.ordered);
        return NULL;
    }
    if (PyList_GET_SIZE(hits) == 0) {
        made = nothing(g, norm_text, text, words);
        goto done;
    }
    int changed = 0;
    int answers = (settled.bits & g->context_dropped) && answered != Py_None
                      ? PyObject_IsTrue(answered)
                      : 0;
    if (answers < 0) goto done;
    if (answers) {
        PyObject *drop_args[2] = {settled.flags, answered};
        if (drop_flags(g, &settled, call(g->part[DROPPED_BY_CONTEXT], drop_args, 2)) < 0)
            goto done;
        changed = 1;
    }
    int dropped = suppressed(g, &settled);
    if (dropped < 0) goto done;
    kept = changed || dropped ? kept_hits(hits, settled.flags) : Py_NewRef(hits);
    if (kept == NULL) goto done;
    PyObject *evidence_args[3] = {kept, normalized, text};
    evidence = call(g->part[EVIDENCE], evidence_args, 3);
    if (evidence == NULL) goto done;
    PyObject *depth_args[4] = {settled.flags, norm_text, text, words};
    depth = call(g->part[DEPTH], depth_args, 4);
    if (depth != NULL) made = analysis(g, &settled, kept, depth, evidence, args);
done:
    Py_DECREF(hits);
    Py_XDECREF(settled.flags);
    Py_XDECREF(settled.ordered);
    Py_XDECREF(kept);
    Py_XDECREF(evidence);
    Py_XDECREF(depth);
    return made;
}

/* -- read ------------------------------------------------------------------------------ */

/* The number of `depth` among the depth objects met (the first DEPTHS met numbered), -1 for
 * none. */
static int depth_number(Glue *g, PyObject *depth)
{
    for (int i = 0; i < DEPTHS; i++) {
        if (g->depths[i] == depth) return i;
        if (g->depths[i] == NULL) {
            if (!PyUnicode_CheckExact(depth)) return -1;
            g->depths[i] = Py_NewRef(depth);
            return i;
        }
    }
    return -1;
}

/* The Reading of these values: the one kept (`Coach._reading`), else made there. */
static PyObject *reading(Glue *g, PyObject *flags, PyObject *ordered, PyObject *depth,
                         int matters)
{
    PyObject *key = PyTuple_Pack(3, ordered, depth, matters ? Py_True : Py_False);
    if (key == NULL) return NULL;
    PyObject *kept = PyDict_GetItemWithError(g->part[READINGS], key);
    Py_DECREF(key);
    if (kept != NULL || PyErr_Occurred()) return Py_XNewRef(kept);
    PyObject *args[3] = {flags, depth, matters ? Py_True : Py_False};
    return call(g->part[READING], args, 3);
}

/* `reading`, the answer kept with the flags' set (`kept`, where there is one) by the depth
 * object and `matters`: looked up there, not made into a key and looked up in the readings'
 * dict again (a frozen value, the same whichever equal object holds it). */
static PyObject *kept_reading(Glue *g, FlagSet *kept, PyObject *flags, PyObject *ordered,
                              PyObject *depth, int matters)
{
    int number = kept == NULL ? -1 : depth_number(g, depth);
    if (number < 0) return reading(g, flags, ordered, depth, matters);
    PyObject **at = &kept->readings[2 * number + (matters != 0)];
    if (*at == NULL && (*at = reading(g, flags, ordered, depth, matters)) == NULL) return NULL;
    return Py_NewRef(*at);
}

/* Does the context matter: said so, or (asked only now, when nothing else says it does) a
 * pattern that reads replies matches? 1, 0 or -1. */
static int matters_with(Glue *g, int said, PyObject *replies, PyObject *norm_text,
                        PyObject *words)
{
    if (said) return 1;
    if (replies != Py_None) return PyObject_IsTrue(replies);
    PyObject *args[2] = {norm_text, words};
    PyObject *found = call(g->part[REPLIES_MATCH], args, 2);
    if (found == NULL) return -1;
    int matches = PyObject_IsTrue(found);
    Py_DECREF(found);
    return matches;
}

/* read(hits, norm_text, text, words, context, heard, answered, replies) */
static PyObject *Glue_read(Glue *g, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 8 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "read(hits: list, norm_text, text, words, context, "
                                         "heard, answered, replies)");
        return NULL;
    }
    PyObject *norm_text = args[1], *text = args[2], *words = args[3], *context = args[4];
    PyObject *answered = args[6], *replies = args[7];
    PyObject *hits, *depth = NULL, *ordered = NULL, *made = NULL;
    Settled settled;
    int matters;
    if (settle(g, norm_text, args[0], words, 0, args[5], &hits, &settled, &matters) < 0) {
        Py_XDECREF(settled.flags);
        Py_XDECREF(settled.ordered);
        return NULL;
    }
    if (PyList_GET_SIZE(hits) == 0) {
        PyObject *depth_args[4] = {g->no_flags, norm_text, text, words};
        depth = call(g->part[DEPTH], depth_args, 4);
        int said = depth == NULL ? -1 : matters_with(g, matters, replies, norm_text, words);
        PyObject *none, *ordered_none;
        FlagSet *kept;
        if (said >= 0 && flag_set(g, 0, &none, &ordered_none, &kept) == 0) {
            made = kept_reading(g, kept, empty_tuple, empty_tuple, depth, said);
            Py_DECREF(none);
            Py_DECREF(ordered_none);
        }
        goto done;
    }
    int droppable = (settled.bits & g->context_dropped) != 0;
    int answers = droppable ? PyObject_IsTrue(context) : 0;
    if (answers < 0) goto done;
    if (answers) {
        PyObject *drop_args[3] = {settled.flags, context, answered};
        PyObject *left = call(g->part[READ_DROPPED], drop_args, 3);
        Flags bits;
        int complete;
        if (left == NULL || bits_of(g, left, &bits, &complete) < 0 ||
            settle_flags(g, &settled, bits, complete, Py_NewRef(left)) < 0) {
            Py_XDECREF(left);
            goto done;
        }
        Py_DECREF(left);
    }
    if (suppressed(g, &settled) < 0) goto done;
    PyObject *depth_args[4] = {settled.flags, norm_text, text, words};
    depth = call(g->part[DEPTH], depth_args, 4);
    if (depth == NULL) goto done;
    int said = matters_with(g, droppable || matters, replies, norm_text, words);
    if (said >= 0 && (ordered = ordered_of(&settled)) != NULL)
        made = kept_reading(g, settled.kept, settled.flags, ordered, depth, said);
done:
    Py_DECREF(hits);
    Py_XDECREF(settled.flags);
    Py_XDECREF(settled.ordered);
    Py_XDECREF(ordered);
    Py_XDECREF(depth);
    return made;
}

/* -- whole: the steps before the rules too ---------------------------------------------- */

/* The normalized text's `text` (0) or `words` (1): a borrowed reference, NULL on error. */
static PyObject *normalized_item(PyObject *normalized, Py_ssize_t at)
{
    if (!PyTuple_Check(normalized) || PyTuple_GET_SIZE(normalized) < 2) {
        PyErr_SetString(PyExc_TypeError, "normalize gives a Normalized (text, words, ...)");
        return NULL;
    }
    return PyTuple_GET_ITEM(normalized, at);
}

/* The guess's second test, for a text with a character outside ASCII: does no token of it
 * (split on white space) tell the guess anything, by what the guess noted of each token it
 * met (the part TELLING: token -> whether it holds a letter of another script or a word of
 * another language)? 1: none does (English, as the guess answers then); 0: one does, or one
 * is not noted yet (the guess is asked); -1 on error. */
static int told_nothing(Glue *g, PyObject *text)
{
    PyObject *tokens = PyUnicode_Split(text, NULL, -1);
    if (tokens == NULL) return -1;
    int nothing = 1;
    for (Py_ssize_t i = 0; nothing == 1 && i < PyList_GET_SIZE(tokens); i++) {
        PyObject *told = PyDict_GetItemWithError(g->part[TELLING], PyList_GET_ITEM(tokens, i));
        nothing = told == Py_False ? 1 : PyErr_Occurred() ? -1 : 0;
    }
    Py_DECREF(tokens);
    return nothing;
}

/* Is the text English by the first test of the language guess (all ASCII and none of the
 * words of another language), else by the guess itself? 1, 0 (with `*language` the guess, a
 * new reference) or -1. */
static int english(Glue *g, PyObject *text, PyObject *normalized, PyObject **language)
{
    PyObject *words = PyTuple_GET_ITEM(normalized, 1);
    *language = NULL;
    if (PyUnicode_Check(text) && PyUnicode_IS_ASCII(text)) {
        /* (as the reader marked the words it read, else by the words themselves) */
        int apart = g->reader == NULL ? -1 : g->reader_api->words_apart(g->reader, normalized);
        if (apart < 0) apart = disjoint_filtered(g->part[FOREIGN], &g->foreign, words);
        if (apart != 0) return apart;
    } else if (PyUnicode_Check(text) && !g->guess_reads_tokens) {
        int told = told_nothing(g, text);
        if (told != 0) return told;
    } /* (else the guess, `_normalize.Guess`, makes that test first itself, reading the tokens
       * it noted by their characters, where this one splits the text) */
    PyObject *args[2] = {text, words};
    *language = call(g->part[GUESS], args, 2);
    if (*language == NULL) return -1;
    int same = PyObject_RichCompareBool(*language, str_en, Py_EQ);
    if (same != 0) Py_CLEAR(*language);
    return same;
}

/* The normalized message answered: None without one (a new reference; NULL on error). */
static PyObject *answered_of(Glue *g, PyObject *context)
{
    int some = context == Py_None ? 0 : PyObject_IsTrue(context);
    if (some <= 0) return some < 0 ? NULL : Py_NewRef(Py_None);
    PyObject *normalized = call(g->part[NORMALIZE], &context, 1);
    if (normalized == NULL) return NULL;
    PyObject *text = normalized_item(normalized, 0);
    Py_XINCREF(text);
    Py_DECREF(normalized);
    return text;
}

/* The steps before the rules that `whole` and `read_whole` share: `text` normalized
 * (`*normalized`, a new reference) and its language checked. 1: English; 0: not (`*language`
 * the guess, a new reference); -1 on error (nothing held). */
static int front(Glue *g, PyObject *text, PyObject **normalized, PyObject **language)
{
    *language = NULL;
    *normalized = call(g->part[NORMALIZE], &text, 1);
    if (*normalized == NULL) return -1;
    int is_english = normalized_item(*normalized, 0) == NULL
                         ? -1
                         : english(g, text, *normalized, language);
    if (is_english < 0) Py_CLEAR(*normalized);
    return is_english;
}

/* The rules' hits: `RuleEngine.run(normalized, words, answered)` without its Python frame
 * (GlueReference._run). The engine's `run_planned` is called here with its arguments; only
 * for a message it answers None for (a pattern not planned yet may be triggered), or one whose
 * message answered a pattern reads, is `run_pending` called, in Python. A new list. */
static PyObject *run_rules(Glue *g, PyObject *normalized, PyObject *words, PyObject *answered)
{
    if (answered == Py_None || !g->reads_replies) {
        PyObject *planned = g->part[PLANNED];
        PyObject *args[2 + PLANNED_ARGUMENTS] = {words, PyTuple_GET_ITEM(normalized, 0)};
        for (int i = 0; i < PLANNED_ARGUMENTS; i++) args[2 + i] = PyTuple_GET_ITEM(planned, i);
        PyObject *hits = call(g->part[RUN_PLANNED], args, 2 + PLANNED_ARGUMENTS);
        if (hits != Py_None) return hits;
        Py_DECREF(hits);
    }
    PyObject *args[3] = {normalized, words, answered};
    return call(g->part[RUN_PENDING], args, 3);
}

/* whole(text, context, resources): `Coach.analyze` from the text (GlueReference.whole). */
static PyObject *Glue_whole(Glue *g, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "whole(text, context, resources)");
        return NULL;
    }
    PyObject *text = args[0], *context = args[1], *normalized, *language, *made = NULL;
    PyObject *answered = NULL, *stemmed = NULL, *hits = NULL;
    int is_english = front(g, text, &normalized, &language);
    if (is_english < 0) return NULL;
    if (is_english == 0) {
        made = call(g->part[NOT_ENGLISH], &language, 1);
        Py_DECREF(language);
        goto done;
    }
    PyObject *norm_text = PyTuple_GET_ITEM(normalized, 0), *words = PyTuple_GET_ITEM(normalized, 1);
    if ((answered = answered_of(g, context)) == NULL) goto done;
    if ((stemmed = call(g->part[STEMS], &words, 1)) == NULL) goto done;
    if ((hits = run_rules(g, normalized, stemmed, answered)) == NULL) goto done;
    PyObject *glue_args[8] = {hits, normalized, norm_text, text, stemmed, context, answered,
                              args[2]};
    made = Glue_analyze(g, glue_args, 8);
done:
    Py_DECREF(normalized);
    Py_XDECREF(answered);
    Py_XDECREF(stemmed);
    Py_XDECREF(hits);
    return made;
}

/* read_whole(text, context): `Coach.read` from the text (GlueReference.read_whole). */
static PyObject *Glue_read_whole(Glue *g, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "read_whole(text, context)");
        return NULL;
    }
    PyObject *text = args[0], *context = args[1], *normalized, *language, *made = NULL;
    PyObject *stemmed = NULL, *hits = NULL;
    int is_english = front(g, text, &normalized, &language);
    if (is_english < 0) return NULL;
    if (is_english == 0) {
        made = Py_NewRef(g->part[NOT_ENGLISH_READING]);
        Py_DECREF(language);
        goto done;
    }
    PyObject *norm_text = PyTuple_GET_ITEM(normalized, 0), *words = PyTuple_GET_ITEM(normalized, 1);
    if ((stemmed = call(g->part[STEMS], &words, 1)) == NULL) goto done;
    int answers = context == Py_None ? 0 : PyObject_IsTrue(context);
    if (answers < 0) goto done;
    if (answers) { /* (the message answered read only where it can matter: in Python) */
        PyObject *answer_args[4] = {normalized, stemmed, text, context};
        made = call(g->part[READ_ANSWERING], answer_args, 4);
        goto done;
    }
    if ((hits = run_rules(g, normalized, stemmed, Py_None)) == NULL) goto done;
    PyObject *glue_args[8] = {hits, norm_text, text, stemmed, context, Py_None, Py_None,
                              Py_None};
    made = Glue_read(g, glue_args, 8);
done:
    Py_DECREF(normalized);
    Py_XDECREF(stemmed);
    Py_XDECREF(hits);
    return made;
}

/* -- the type and the module ----------------------------------------------------------- */

/* Give each flag of `flags` (any iterable) a number (-1 on error). */
static int add_numbers(Glue *g, PyObject *flags)
{
    PyObject *iterator = PyObject_GetIter(flags), *flag;
    if (iterator == NULL) return -1;
    while ((flag = PyIter_Next(iterator)) != NULL) {
        int failed = add_number(g, flag);
        Py_DECREF(flag);
        if (failed) break;
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : 0;
}

/* Number the flags of the sets the steps test and of `[suppress]` and
 * `[suppress_in_sentence]`, and write those sets as
 * bits (-1 on error: an OverflowError past NUMBERED flags, where `make_glue` takes the
 * Python twin instead). */
static int number_flags(Glue *g, PyObject *const *at)
{
    int parts[] = {IN_SENTENCE_KEYS, CONTEXT_DROPPED, CORRECTIVE, POSITIVE, SUGGESTED};
    Flags *bits[] = {&g->in_sentence, &g->context_dropped, &g->corrective, &g->positive,
                     &g->suggested};
    PyObject *numbers = PyDict_New(), *flag, *drops;
    if (numbers == NULL) return -1;
    forget_flags(g); /* (the flags of the numbers let go of here) */
    Py_XSETREF(g->numbers, numbers);
    if (g->sets == NULL && (g->sets = PyMem_Calloc(FLAG_SETS, sizeof(FlagSet))) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t pos = 0;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        if (add_numbers(g, at[parts[i]]) < 0) return -1;
    for (int table = SUPPRESS; table; table = table == SUPPRESS ? IN_SENTENCE : 0) {
        pos = 0;
        while (PyDict_Next(at[table], &pos, &flag, &drops))
            if (add_number(g, flag) < 0 || add_numbers(g, drops) < 0) return -1;
    }
    if (add_number(g, str_safety) < 0 || add_number(g, str_complex) < 0 ||
        add_number(g, str_feeling) < 0)
        return -1;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        if (bits_of(g, at[parts[i]], bits[i], NULL) < 0) return -1;
    g->safety = (Flags)1 << number_of(g, str_safety);
    g->complex = (Flags)1 << number_of(g, str_complex);
    g->feeling = (Flags)1 << number_of(g, str_feeling);
    memset(g->drops, 0, sizeof g->drops);
    memset(g->drops_in_sentence, 0, sizeof g->drops_in_sentence);
    for (int table = SUPPRESS; table; table = table == SUPPRESS ? IN_SENTENCE : 0) {
        Flags *dropped_by = table == SUPPRESS ? g->drops : g->drops_in_sentence;
        pos = 0;
        while (PyDict_Next(at[table], &pos, &flag, &drops)) {
            Flags dropped;
            if (bits_of(g, drops, &dropped, NULL) < 0) return -1;
            dropped_by[number_of(g, flag)] |= dropped;
        }
    }
    return 0;
}

/* Is `guess` a `_normalize.Guess` (the language guess in C, whose first test for a text with
 * characters outside ASCII is `told_nothing`'s)? 1, 0 (also where that module is not built),
 * or -1. */
static int is_compiled_guess(PyObject *guess)
{
    PyObject *module = PyImport_ImportModule("tending.coach._normalize");
    if (module == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_ImportError)) return -1;
        PyErr_Clear();
        return 0;
    }
    PyObject *kind = PyObject_GetAttrString(module, "Guess");
    Py_DECREF(module);
    if (kind == NULL) return -1;
    int is = Py_IS_TYPE(guess, (PyTypeObject *)kind);
    Py_DECREF(kind);
    return is;
}

/* Take the C reader whose `normalize` is `normalize` (the part NORMALIZE) when it marks the
 * words of `foreign` (an equal set) as it reads (`g->reader`, `g->reader_api`); else none.
 * -1 on error. */
static int marking_reader(Glue *g, PyObject *normalize, PyObject *foreign)
{
    if (!PyCFunction_Check(normalize) || PyCFunction_GET_SELF(normalize) == NULL) return 0;
    const ReaderApi *api = PyCapsule_Import("tending.coach._normalize._reader_api", 0);
    if (api == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_ImportError) &&
            !PyErr_ExceptionMatches(PyExc_AttributeError))
            return -1;
        PyErr_Clear(); /* (the module not built, or without it: the words are read here) */
        return 0;
    }
    PyObject *reader = PyCFunction_GET_SELF(normalize);
    if (api->version != READER_API_VERSION || !Py_IS_TYPE(reader, api->reader_type) ||
        PyCFunction_GET_FUNCTION(normalize) != api->normalize || api->foreign(reader) == NULL)
        return 0;
    int same = PyObject_RichCompareBool(api->foreign(reader), foreign, Py_EQ);
    if (same <= 0) return same;
    g->reader = Py_NewRef(reader);
    g->reader_api = api;
    return 0;
}

static int Glue_init(Glue *g, PyObject *args, PyObject *kwargs)
{
    PyObject *parts;
    static char *keywords[] = {"parts", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!:Glue", keywords, &PyTuple_Type, &parts))
        return -1;
    if (PyTuple_GET_SIZE(parts) != PARTS) {
        PyErr_Format(PyExc_TypeError, "Glue takes %d parts", PARTS);
        return -1;
    }
    PyObject *at[PARTS];
    for (int i = 0; i < PARTS; i++) at[i] = PyTuple_GET_ITEM(parts, i);
    int sets[] = {IN_SENTENCE_KEYS, SUPPRESSING, CONTEXT_DROPPED, CORRECTIVE, POSITIVE,
                  SUGGESTED, FOREIGN};
    for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) {
        if (!PyAnySet_Check(at[sets[i]])) {
            PyErr_Format(PyExc_TypeError, "Glue part %d is a set", sets[i]);
            return -1;
        }
    }
    if (!PyType_Check(at[HIT_TYPE]) ||
        !PyType_IsSubtype((PyTypeObject *)at[HIT_TYPE], &PyTuple_Type) ||
        !PyDict_Check(at[SUPPRESS]) || !PyDict_Check(at[IN_SENTENCE]) ||
        !PyDict_Check(at[TELLING]) ||
        !PyDict_Check(at[NOTHING]) ||
        !PyDict_Check(at[READINGS]) || !PyTuple_Check(at[TONES]) ||
        PyTuple_GET_SIZE(at[TONES]) != 3 || !PyTuple_Check(at[PLANNED]) ||
        PyTuple_GET_SIZE(at[PLANNED]) != PLANNED_ARGUMENTS) {
        PyErr_SetString(PyExc_TypeError, "Glue: the hit type is a tuple's, the tables dicts, "
                                         "the tones three and run_planned's arguments four");
        return -1;
    }
    int reads_replies = PyObject_IsTrue(at[READS_REPLIES]);
    int guess_reads_tokens = reads_replies < 0 ? -1 : is_compiled_guess(at[GUESS]);
    Py_CLEAR(g->reader);
    g->reader_api = NULL;
    if (guess_reads_tokens < 0 || fill_filter(&g->foreign, at[FOREIGN]) < 0 ||
        number_flags(g, at) < 0 || marking_reader(g, at[NORMALIZE], at[FOREIGN]) < 0) {
        Py_CLEAR(g->no_flags); /* (half made: refused until made again) */
        return -1;
    }
    g->reads_replies = reads_replies;
    g->guess_reads_tokens = guess_reads_tokens;
    PyObject *no_flags = PyFrozenSet_New(NULL);
    if (no_flags == NULL) return -1;
    Py_XSETREF(g->no_flags, no_flags);
    for (int i = 0; i < PARTS; i++) Py_XSETREF(g->part[i], Py_NewRef(at[i]));
    return 0;
}

static int Glue_traverse(Glue *g, visitproc visit, void *arg)
{
    for (int i = 0; i < PARTS; i++) Py_VISIT(g->part[i]);
    Py_VISIT(g->no_flags);
    Py_VISIT(g->numbers);
    Py_VISIT(g->reader);
    for (int i = 0; i < SEEN; i++) Py_VISIT(g->seen[i].flag);
    for (int i = 0; g->sets != NULL && i < FLAG_SETS; i++) {
        Py_VISIT(g->sets[i].flags);
        Py_VISIT(g->sets[i].ordered);
        for (int r = 0; r < 2 * DEPTHS; r++) Py_VISIT(g->sets[i].readings[r]);
    }
    for (int i = 0; i < DEPTHS; i++) Py_VISIT(g->depths[i]);
    return 0;
}

static int Glue_clear(Glue *g)
{
    for (int i = 0; i < PARTS; i++) Py_CLEAR(g->part[i]);
    Py_CLEAR(g->no_flags);
    Py_CLEAR(g->reader);
    forget_flags(g);
    Py_CLEAR(g->numbers);
    return 0;
}

static void Glue_dealloc(Glue *g)
{
    PyObject_GC_UnTrack(g);
    Glue_clear(g);
    PyMem_Free(g->sets);
    Py_TYPE(g)->tp_free((PyObject *)g);
}

static PyObject *ready(Glue *g, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *(*step)(Glue *, PyObject *const *, Py_ssize_t))
{
    if (g->no_flags == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Glue not initialised");
        return NULL;
    }
    return step(g, args, nargs);
}

static PyObject *Glue_analyze_checked(Glue *g, PyObject *const *args, Py_ssize_t nargs)
{
    return ready(g, args, nargs, Glue_analyze);
}

static PyObject *Glue_read_checked(Glue *g, PyObject *const *args, Py_ssize_t nargs)
{
    return ready(g, args, nargs, Glue_read);
}

static PyObject *Glue_whole_checked(Glue *g, PyObject *const *args, Py_ssize_t nargs)
{
    return ready(g, args, nargs, Glue_whole);
}

static PyObject *Glue_read_whole_checked(Glue *g, PyObject *const *args, Py_ssize_t nargs)
{
    return ready(g, args, nargs, Glue_read_whole);
}

static PyMethodDef Glue_methods[] = {
    {"read_whole", (PyCFunction)(void (*)(void))Glue_read_whole_checked, METH_FASTCALL,
     "read_whole(text, context): GlueReference.read_whole"},
    {"whole", (PyCFunction)(void (*)(void))Glue_whole_checked, METH_FASTCALL,
     "whole(text, context, resources): GlueReference.whole"},
    {"analyze", (PyCFunction)(void (*)(void))Glue_analyze_checked, METH_FASTCALL,
     "analyze(hits, normalized, norm_text, text, words, context, answered, resources): "
     "GlueReference.analyze"},
    {"read", (PyCFunction)(void (*)(void))Glue_read_checked, METH_FASTCALL,
     "read(hits, norm_text, text, words, context, heard, answered, replies): "
     "GlueReference.read"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject GlueType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "tending.coach._glue.Glue",
    .tp_basicsize = sizeof(Glue),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Glue(parts): the steps between the coach's stages (glue.py's GlueReference)",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Glue_init,
    .tp_dealloc = (destructor)Glue_dealloc,
    .tp_traverse = (traverseproc)Glue_traverse,
    .tp_clear = (inquiry)Glue_clear,
    .tp_methods = Glue_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_glue",
    "The steps between the coach's stages in C (see glue.py).", -1, NULL,
};

PyMODINIT_FUNC PyInit__glue(void)
{
    str_feeling = PyUnicode_InternFromString("feeling");
    str_complex = PyUnicode_InternFromString("complex");
    str_safety = PyUnicode_InternFromString("safety");
    str_en = PyUnicode_InternFromString("en");
    str_context_matters = PyUnicode_InternFromString("context_matters");
    str_opinion = PyUnicode_InternFromString("opinion");
    empty_tuple = PyTuple_New(0);
    if (str_feeling == NULL || str_complex == NULL || str_safety == NULL || str_en == NULL ||
        str_context_matters == NULL || str_opinion == NULL || empty_tuple == NULL)
        return NULL;
    if (PyType_Ready(&GlueType) < 0 || PyType_Ready(&LaterType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    if (PyModule_AddObjectRef(m, "Glue", (PyObject *)&GlueType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
