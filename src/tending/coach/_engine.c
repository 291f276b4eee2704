/* The rule engine's inner loops in C, the same answers as their Python twins in
 * `tending.coach.searching` (which run when this module is not built):
 *
 * - `search_planned`: for each message the engine gathers about twelve candidate alternatives
 *   from its word index, sorts them, checks their words and searches about eight of them. The
 *   searches are about 7 us of a message; the Python around them cost about 12 us more. Here
 *   the same steps run without the interpreter (the searches are still Python's `re`), and
 *   the word checks are bit tests: the message's words are looked up once for their numbers
 *   (`searching.WordIds`), and every set a record checks is a bitmap of numbers.
 * - `triggered_pending`: the patterns not planned yet that the message's words trigger.
 *
 * An index entry is (alone, by_second or None, seconds or None, seconds as a bitmap) and a
 * record a tuple (rank, pattern, need, rest, trigger, alternative, rank and word checks as one
 * bytes object, trigger as bitmaps or None, head: None or what a text needs for its
 * alternative to match, `heads.passes`): see `searching.py`.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

typedef struct {
    long long rank;
    PyObject *record; /* borrowed: held by the index for the call */
} Candidate;

static PyObject *str_regex, *str_search, *str_start;

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

/* Is every word of `need` (`count` numbers, 32-bit) among the message's? */
static int need_met(const int *need, int needed, const Word *words, Py_ssize_t count) {
    for (int i = 0; i < needed; i++) {
        Py_ssize_t j = 0;
        while (j < count && words[j].id != need[i]) j++;
        if (j == count) return 0;
    }
    return 1;
}

/* Does the bitmap of `size` bytes hold a word of the message? */
static int bitmap_meets(const unsigned char *bits, int size, const Word *words, Py_ssize_t count) {
    for (Py_ssize_t i = 0; i < count; i++) {
        long id = words[i].id;
        if ((id >> 3) < size && (bits[id >> 3] >> (id & 7)) & 1) return 1;
    }
    return 0;
}

/* A record's word checks as `WordIds.blob` lays them out: rank, counts, needed numbers, then
 * each clause as its size and bitmap (padded to 4 bytes). */
static int blob_met(PyObject *blob, const Word *words, Py_ssize_t count) {
    const char *data = PyBytes_AS_STRING(blob);
    int counts[2]; /* needed words, clauses */
    memcpy(counts, data + 8, sizeof counts);
    const int *need = (const int *)(data + 16);
    if (!need_met(need, counts[0], words, count)) return 0;
    const char *clause = (const char *)(need + counts[0]);
    for (int i = 0; i < counts[1]; i++) {
        int size;
        memcpy(&size, clause, sizeof size);
        if (!bitmap_meets((const unsigned char *)clause + 4, size, words, count)) return 0;
        clause += 4 + size + (4 - size % 4) % 4;
    }
    return 1;
}

/* `searching.trigger_met` over the bitmaps (alone, keys, rest). */
static int trigger_met(PyObject *trigger, const Word *words, Py_ssize_t count) {
    if (bits_meet(PyTuple_GET_ITEM(trigger, 0), words, count)) return 1;
    PyObject *keys = PyTuple_GET_ITEM(trigger, 1), *rest = PyTuple_GET_ITEM(trigger, 2);
    for (Py_ssize_t i = 0; i < count; i++) {
        if (!has_bit(keys, words[i].id)) continue;
        PyObject *entries = PyDict_GetItemWithError(rest, words[i].word);
        if (entries == NULL) {
            if (PyErr_Occurred()) return -1;
            continue;
        }
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(entries); j++) {
            PyObject *parts = PyTuple_GET_ITEM(entries, j);
            Py_ssize_t k = 0, n = PyTuple_GET_SIZE(parts);
            while (k < n && bits_meet(PyTuple_GET_ITEM(parts, k), words, count)) k++;
            if (k == n) return 1;
        }
    }
    return 0;
}

/* Append the records of tuple `records` to the candidates. */
static int add_records(PyObject *records, Candidate **out, Py_ssize_t *used, Py_ssize_t *room) {
    Py_ssize_t n = PyTuple_GET_SIZE(records);
    if (*used + n > *room) {
        Py_ssize_t grown = (*used + n) * 2;
        Candidate *bigger = PyMem_Realloc(*out, grown * sizeof(Candidate));
        if (bigger == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        *out = bigger;
        *room = grown;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *record = PyTuple_GET_ITEM(records, i);
        long long rank;
        memcpy(&rank, PyBytes_AS_STRING(PyTuple_GET_ITEM(record, 6)), sizeof rank);
        (*out)[*used].rank = rank;
        (*out)[*used].record = record;
        (*used)++;
    }
    return 0;
}

/* The records filed under the message's words: under a word alone, and under a word and a
 * second word of the message (a bit test for each of its words). */
static int gather(PyObject *index, const Word *words, Py_ssize_t count, Candidate **out,
                  Py_ssize_t *used, Py_ssize_t *room) {
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *entry = PyDict_GetItemWithError(index, words[i].word);
        if (entry == NULL) {
            if (PyErr_Occurred()) return -1;
            continue;
        }
        if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) != 4) {
            PyErr_SetString(PyExc_TypeError, "search_planned: an index entry is a 4-tuple");
            return -1;
        }
        if (add_records(PyTuple_GET_ITEM(entry, 0), out, used, room) < 0) return -1;
        PyObject *by_second = PyTuple_GET_ITEM(entry, 1);
        PyObject *seconds = PyTuple_GET_ITEM(entry, 3);
        if (by_second == Py_None) continue;
        for (Py_ssize_t j = 0; j < count; j++) {
            if (!has_bit(seconds, words[j].id)) continue;
            PyObject *records = PyDict_GetItemWithError(by_second, words[j].word);
            if (records == NULL) {
                if (PyErr_Occurred()) return -1;
                continue;
            }
            if (add_records(records, out, used, room) < 0) return -1;
        }
    }
    return 0;
}

/* Does the record pass its word checks (need, rest, trigger)? `fired` caches the pattern's
 * trigger answer (-2: not worked out yet). */
static int passes(PyObject *record, const Word *words, Py_ssize_t count, int *fired) {
    if (!blob_met(PyTuple_GET_ITEM(record, 6), words, count)) return 0;
    PyObject *trigger = PyTuple_GET_ITEM(record, 7);
    if (trigger == Py_None) return 1;
    if (*fired == -2) *fired = trigger_met(trigger, words, count);
    return *fired;
}

/* The start of match `match` (-1 on error). */
static Py_ssize_t start_of(PyObject *match) {
    PyObject *start = PyObject_CallMethodNoArgs(match, str_start);
    if (start == NULL) return -1;
    Py_ssize_t value = PyLong_AsSsize_t(start);
    Py_DECREF(start);
    return value;
}

/* Search the record's alternative; keep the match in `best` if it is the leftmost so far. */
static int search_one(PyObject *record, PyObject *text, PyObject *best, PyObject *compile) {
    PyObject *alternative = PyTuple_GET_ITEM(record, 5);
    PyObject *pattern = PyTuple_GET_ITEM(record, 1);
    PyObject *regex = PyObject_GetAttr(alternative, str_regex);
    if (regex == NULL) return -1;
    if (regex == Py_None) {
        Py_DECREF(regex);
        regex = PyObject_CallOneArg(compile, alternative);
        if (regex == NULL) return -1;
    }
    PyObject *match = PyObject_CallMethodOneArg(regex, str_search, text);
    Py_DECREF(regex);
    if (match == NULL) return -1;
    if (match == Py_None) {
        Py_DECREF(match);
        return 0;
    }
    PyObject *before = PyDict_GetItemWithError(best, pattern);
    int keep = 1;
    if (before != NULL) {
        Py_ssize_t new_start = start_of(match), old_start = start_of(before);
        if ((new_start < 0 || old_start < 0) && PyErr_Occurred()) {
            Py_DECREF(match);
            return -1;
        }
        keep = new_start < old_start;
    } else if (PyErr_Occurred()) {
        Py_DECREF(match);
        return -1;
    }
    int status = keep ? PyDict_SetItem(best, pattern, match) : 0;
    Py_DECREF(match);
    return status;
}

static inline int is_token(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || c == '_'; }

/* Is a word of `words` (a frozenset) the whole word right after one of `marks` (a str) and its
 * spaces in `text` (`heads.follows`)? -1 on error. */
static int follows(PyObject *text, PyObject *marks, PyObject *words) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = PyUnicode_GET_LENGTH(marks);
    int kind = PyUnicode_KIND(text), marks_kind = PyUnicode_KIND(marks);
    const void *data = PyUnicode_DATA(text), *marks_data = PyUnicode_DATA(marks);
    for (Py_ssize_t at = 0; at < n; at++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, at);
        Py_ssize_t m = 0;
        while (m < count && PyUnicode_READ(marks_kind, marks_data, m) != c) m++;
        if (m == count) continue;
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

/* Does the text hold what the record's head asks for (`heads.passes`): None, nothing; a
 * frozenset, the first words the text may start with; a tuple (marks, words), a word of them
 * right after a mark? `first`: the text's first word (its leading run of [a-z_],
 * `heads.first_word`), made on first need; -1 on error. */
static int head_met(PyObject *record, PyObject *text, PyObject **first) {
    PyObject *head = PyTuple_GET_ITEM(record, 8);
    if (head == Py_None) return 1;
    if (PyTuple_Check(head)) {
        return follows(text, PyTuple_GET_ITEM(head, 0), PyTuple_GET_ITEM(head, 1));
    }
    if (*first == NULL) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(text), end = 0;
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        while (end < n) {
            Py_UCS4 c = PyUnicode_READ(kind, data, end);
            if (!is_token(c)) break;
            end++;
        }
        *first = PyUnicode_Substring(text, 0, end);
        if (*first == NULL) return -1;
    }
    return PySet_Contains(head, *first);
}

/* Search the sorted candidates in order, as the Python twin does. */
static int search_all(Candidate *found, Py_ssize_t used, PyObject *text, const Word *words,
                      Py_ssize_t count, PyObject *best, PyObject *compile) {
    long long number = -1, last_rank = -1;
    int fired = -2, status = -1;
    PyObject *first = NULL; /* the text's first word, made when a head is first checked */
    for (Py_ssize_t i = 0; i < used; i++) {
        if (found[i].rank == last_rank) continue; /* the same record, filed under two words */
        last_rank = found[i].rank;
        PyObject *record = found[i].record;
        long long pattern = found[i].rank / 1000000;
        if (pattern != number) {
            number = pattern;
            fired = -2;
        } else {
            /* a later alternative cannot match left of position 0 */
            PyObject *before = PyDict_GetItemWithError(best, PyTuple_GET_ITEM(record, 1));
            if (before != NULL) {
                Py_ssize_t start = start_of(before);
                if (start < 0) goto done;
                if (start == 0) continue;
            } else if (PyErr_Occurred()) {
                goto done;
            }
        }
        int ok = passes(record, words, count, &fired);
        if (ok > 0) ok = head_met(record, text, &first);
        if (ok < 0) goto done;
        if (ok && search_one(record, text, best, compile) < 0) goto done;
    }
    status = 0;
done:
    Py_XDECREF(first);
    return status;
}

/* The message's words that have a number, with it (into `out`, room for all); -1 on error. */
static Py_ssize_t numbered(PyObject *listed, PyObject *ids, Word *out) {
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(listed); i++) {
        PyObject *word = PyList_GET_ITEM(listed, i);
        PyObject *id = PyDict_GetItemWithError(ids, word);
        if (id == NULL) {
            if (PyErr_Occurred()) return -1;
            continue;
        }
        long value = PyLong_AsLong(id);
        if (value == -1 && PyErr_Occurred()) return -1;
        out[count].word = word;
        out[count].id = value;
        count++;
    }
    return count;
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
    PyObject *text = args[1], *index = args[2], *best = args[3], *compile = args[4];
    PyObject *listed = PySequence_List(args[0]); /* holds the words `Word` borrows */
    if (listed == NULL) return NULL;
    Py_ssize_t used = 0, room = 64;
    Word *words = PyMem_Malloc((PyList_GET_SIZE(listed) + 1) * sizeof(Word));
    Candidate *found = PyMem_Malloc(room * sizeof(Candidate));
    int status = -1;
    Py_ssize_t count;
    if (words == NULL || found == NULL) {
        PyErr_NoMemory();
    } else if ((count = numbered(listed, args[5], words)) >= 0 &&
               gather(index, words, count, &found, &used, &room) == 0) {
        sort_by_rank(found, used);
        status = search_all(found, used, text, words, count, best, compile);
    }
    PyMem_Free(found);
    PyMem_Free(words);
    Py_DECREF(listed);
    if (status < 0) return NULL;
    Py_RETURN_NONE;
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

static PyMethodDef methods[] = {
    {"search_planned", (PyCFunction)(void (*)(void))search_planned, METH_FASTCALL,
     "search_planned(words, text, index, best, compile, ids): see tending.coach.searching."},
    {"triggered_pending", (PyCFunction)(void (*)(void))triggered_pending, METH_FASTCALL,
     "triggered_pending(words, pending_set, split, missing): see tending.coach.searching."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_engine", "The rule engine's inner loops in C (see searching.py).",
    -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__engine(void) {
    str_regex = PyUnicode_InternFromString("regex");
    str_search = PyUnicode_InternFromString("search");
    str_start = PyUnicode_InternFromString("start");
    if (str_regex == NULL || str_search == NULL || str_start == NULL) return NULL;
    return PyModule_Create(&module);
}
