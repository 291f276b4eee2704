/* What the glue (`_glue.c`) reads of the normalizer's C reader (`_normalize.c`), which hands it
 * over as the capsule `tending.coach._normalize._reader_api`. Both files include this one
 * header, so the struct cannot differ between them; READER_API_VERSION says which layout a
 * built `_normalize` hands over (a glue built against another takes none and reads the words
 * itself). */
#ifndef TENDING_READER_API_H
#define TENDING_READER_API_H

#include <Python.h>

#define READER_API_VERSION 1
typedef struct {
    int version;
    PyTypeObject *reader_type;
    PyCFunction normalize; /* `Reader.normalize`'s function */
    /* the reader's set of words of other languages: borrowed, NULL for none */
    PyObject *(*foreign)(PyObject *reader);
    /* Is no word of `normalized` (what the reader's `normalize` answered last) in that set?
     * 1, 0, or -1 where not known (another answer, or words not all read from kept readings) */
    int (*words_apart)(PyObject *reader, PyObject *normalized);
} ReaderApi;

#endif
