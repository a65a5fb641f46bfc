/* pyrs/bytes.h: internal interface shared by bytes, bytearray and their common methods
 * (bytesobject.c, bytearrayobject.c, bytes_methods.c). Internal header. */
#ifndef PYRS_BYTES_H
#define PYRS_BYTES_H

#include "Python.h"

/* A growable byte buffer (PyMem); pyrs_bytesbuf_put appends, 0 or -1 with MemoryError. */
typedef struct {
    char *buf;      /* contents, NULL until the first append */
    Py_ssize_t len; /* bytes used */
    Py_ssize_t cap; /* bytes allocated */
} PyrsBytesBuf;
PYRS_MUST_CHECK int pyrs_bytesbuf_put(PyrsBytesBuf *b, const void *p, Py_ssize_t n);

/* An uninitialised bytes of SIZE bytes; new reference or NULL. */
PyObject *pyrs_bytes_alloc(Py_ssize_t size);
/* repr of the N bytes at S: PREFIX b'...' SUFFIX, quotes chosen as CPython when SMARTQUOTES. */
PyObject *pyrs_bytes_repr_data(const char *s, Py_ssize_t n, int smartquotes, const char *prefix,
                               const char *suffix);
/* memcmp-then-length ordering: -1, 0 or 1. */
int pyrs_bytes_compare(const char *a, Py_ssize_t la, const char *b, Py_ssize_t lb);
/* A + B for any two bytes-like objects: a new bytes, NULL with TypeError. */
PyObject *pyrs_bytes_concat(PyObject *a, PyObject *b);
/* `ARG in S[0:N]` for an int or bytes-like ARG: 1/0, or -1 with an exception. */
int pyrs_bytes_contains(const char *s, Py_ssize_t n, PyObject *arg);
/* bytes % ARGS over the format FMT[0:N]; new bytes or NULL. */
PyObject *pyrs_bytes_format(const char *fmt, Py_ssize_t n, PyObject *args);
/* A new bytearray holding the bytes of X (int count, buffer, or iterable of ints); NULL with
 * CPython's TypeError/ValueError, worded for bytes() when FOR_BYTES else for bytearray(). */
PyObject *pyrs_bytes_from_object(PyObject *x, int for_bytes);
/* NAME(str, encoding, errors) argument checks then encoding; new bytes or NULL. */
PyObject *pyrs_bytes_from_str_args(const char *name, PyObject *s, PyObject *encoding,
                                   PyObject *errors);
/* Splits tp_new ARGS/KWDS of NAME into OUT[3] (source, encoding, errors); 0 or -1. */
PYRS_MUST_CHECK int pyrs_bytes_parse_new(const char *name, PyObject *args, PyObject *kwds,
                                         const char *const *kwlist, PyObject **out);
/* The method tables (bytes_methods.c). */
extern PyMethodDef pyrs_bytes_methods[];

#endif /* PYRS_BYTES_H */
