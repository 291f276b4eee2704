/* The rule engine's inner loop in C: `search_planned`, the same answers as its Python twin
 * `tending.coach.searching.search_planned` (which runs when this module is not built).
 *
 * Why C: for each message the engine gathers about twelve candidate alternatives from its word
 * index, sorts them, checks their words and searches about eight of them. The searches are
 * about 7 us of a message; the Python around them cost about 12 us more. Here the same steps
 * run without the interpreter; the regular-expression searches are still Python's `re`.
 *
 * An index entry is (alone, by_second or None, seconds or None) and a record a tuple (rank,
 * pattern, need, rest, trigger, alternative): see `searching.py`.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

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

/* Does `clause` hold a word of the message? A clause is a tuple of a few words (each looked
 * up among the message's) or a frozenset of more: the smaller of it and the message is
 * walked and looked up in the other, as `frozenset.isdisjoint` does. */
static int meets(PyObject *clause, PyObject *words_set, PyObject **words, Py_ssize_t count) {
    if (PyTuple_CheckExact(clause)) {
        Py_ssize_t n = PyTuple_GET_SIZE(clause);
        for (Py_ssize_t i = 0; i < n; i++) {
            int found = PySet_Contains(words_set, PyTuple_GET_ITEM(clause, i));
            if (found) return found; /* 1, or -1 on error */
        }
        return 0;
    }
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
        if (found) return found;
    }
    return 0;
}

/* Is every word of `need` (a tuple) among the message's words? */
static int all_in(PyObject *need, PyObject *words_set) {
    Py_ssize_t n = PyTuple_GET_SIZE(need);
    for (Py_ssize_t i = 0; i < n; i++) {
        int found = PySet_Contains(words_set, PyTuple_GET_ITEM(need, i));
        if (found != 1) return found;
    }
    return 1;
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

/* `planning.trigger_met` over a trigger tuple (alone, keys, rest). */
static int trigger_met(PyObject *trigger, PyObject *words_set, PyObject **words, Py_ssize_t count) {
    PyObject *alone = PyTuple_GET_ITEM(trigger, 0);
    PyObject *keys = PyTuple_GET_ITEM(trigger, 1);
    PyObject *rest = PyTuple_GET_ITEM(trigger, 2);
    int found = meets(alone, words_set, words, count);
    if (found != 0) return found;
    if (PySet_GET_SIZE(keys) == 0) return 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        found = PySet_Contains(keys, words[i]);
        if (found < 0) return -1;
        if (!found) continue;
        PyObject *entries = PyDict_GetItemWithError(rest, words[i]);
        if (entries == NULL) {
            if (PyErr_Occurred()) return -1;
            continue;
        }
        Py_ssize_t n = PyTuple_GET_SIZE(entries);
        for (Py_ssize_t j = 0; j < n; j++) {
            found = parts_met(PyTuple_GET_ITEM(entries, j), words_set, words, count);
            if (found != 0) return found;
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
        long long rank = PyLong_AsLongLong(PyTuple_GET_ITEM(record, 0));
        if (rank == -1 && PyErr_Occurred()) return -1;
        (*out)[*used].rank = rank;
        (*out)[*used].record = record;
        (*used)++;
    }
    return 0;
}

/* The records filed under the message's words: under a word alone, and under a word and a
 * second word of the message. */
static int gather(PyObject *index, PyObject *words_set, PyObject **words, Py_ssize_t count,
                  Candidate **out, Py_ssize_t *used, Py_ssize_t *room) {
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *entry = PyDict_GetItemWithError(index, words[i]);
        if (entry == NULL) {
            if (PyErr_Occurred()) return -1;
            continue;
        }
        PyObject *alone = PyTuple_GET_ITEM(entry, 0);
        PyObject *seconds = PyTuple_GET_ITEM(entry, 1);
        if (add_records(alone, out, used, room) < 0) return -1;
        if (seconds == Py_None) continue;
        if (PyDict_GET_SIZE(seconds) < count) {
            Py_ssize_t position = 0;
            PyObject *second, *records;
            while (PyDict_Next(seconds, &position, &second, &records)) {
                int found = PySet_Contains(words_set, second);
                if (found < 0) return -1;
                if (found && add_records(records, out, used, room) < 0) return -1;
            }
        } else {
            for (Py_ssize_t j = 0; j < count; j++) {
                PyObject *records = PyDict_GetItemWithError(seconds, words[j]);
                if (records == NULL) {
                    if (PyErr_Occurred()) return -1;
                    continue;
                }
                if (add_records(records, out, used, room) < 0) return -1;
            }
        }
    }
    return 0;
}

/* Does the record pass its word checks (need, rest, trigger)? `fired` caches the pattern's
 * trigger answer (-2: not worked out yet). */
static int passes(PyObject *record, PyObject *words_set, PyObject **words, Py_ssize_t count,
                  int *fired) {
    int found = all_in(PyTuple_GET_ITEM(record, 2), words_set);
    if (found != 1) return found;
    PyObject *rest = PyTuple_GET_ITEM(record, 3);
    Py_ssize_t n = PyTuple_GET_SIZE(rest);
    for (Py_ssize_t i = 0; i < n; i++) {
        found = meets(PyTuple_GET_ITEM(rest, i), words_set, words, count);
        if (found != 1) return found;
    }
    PyObject *trigger = PyTuple_GET_ITEM(record, 4);
    if (trigger == Py_None) return 1;
    if (*fired == -2) *fired = trigger_met(trigger, words_set, words, count);
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

/* Search the sorted candidates in order, as the Python twin does. */
static int search_all(Candidate *found, Py_ssize_t used, PyObject *text, PyObject *words_set,
                      PyObject **words, Py_ssize_t count, PyObject *best, PyObject *compile) {
    long long number = -1, last_rank = -1;
    int fired = -2;
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
                if (start < 0) return -1;
                if (start == 0) continue;
            } else if (PyErr_Occurred()) {
                return -1;
            }
        }
        int ok = passes(record, words_set, words, count, &fired);
        if (ok < 0) return -1;
        if (ok && search_one(record, text, best, compile) < 0) return -1;
    }
    return 0;
}

static PyObject *search_planned(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "search_planned(words, text, index, best, compile)");
        return NULL;
    }
    PyObject *words_set = args[0], *text = args[1], *index = args[2], *best = args[3];
    PyObject *compile = args[4];
    if (!PyFrozenSet_CheckExact(words_set) || !PyUnicode_Check(text) || !PyDict_Check(index) ||
        !PyDict_Check(best)) {
        PyErr_SetString(PyExc_TypeError, "search_planned: frozenset, str, dict, dict, callable");
        return NULL;
    }
    PyObject *listed = PySequence_List(words_set); /* the message's words, iterated often */
    if (listed == NULL) return NULL;
    PyObject **words = ((PyListObject *)listed)->ob_item;
    Py_ssize_t count = PyList_GET_SIZE(listed);
    Py_ssize_t used = 0, room = 64;
    Candidate *found = PyMem_Malloc(room * sizeof(Candidate));
    int status = -1;
    if (found == NULL) {
        PyErr_NoMemory();
    } else if (gather(index, words_set, words, count, &found, &used, &room) == 0) {
        sort_by_rank(found, used);
        status = search_all(found, used, text, words_set, words, count, best, compile);
    }
    PyMem_Free(found);
    Py_DECREF(listed);
    if (status < 0) return NULL;
    Py_RETURN_NONE;
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
        int status = entry == Py_None ? 0
            : pending_entry(entry, words_set, words, count, &numbers, &used, &room);
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
     "search_planned(words, text, index, best, compile): see tending.coach.searching."},
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
