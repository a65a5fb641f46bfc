/* pyrs/call.h: argument-checking helpers shared by every builtin implementation (call.c).
 * Names and contracts are CPython 3.11's internal ones, which lib-dynload modules import. */
#ifndef PYRS_CALL_H
#define PYRS_CALL_H

#include "Python.h"

/* 1 if KWARGS is NULL or an empty dict; else 0 with TypeError "FUNCNAME() takes no keyword
 * arguments". */
PyAPI_FUNC(int) _PyArg_NoKeywords(const char *funcname, PyObject *kwargs);
/* Same for a vectorcall KWNAMES tuple. */
PyAPI_FUNC(int) _PyArg_NoKwnames(const char *funcname, PyObject *kwnames);
/* 1 if ARGS is an empty tuple; else 0 with "FUNCNAME() takes no positional arguments". */
PyAPI_FUNC(int) _PyArg_NoPositional(const char *funcname, PyObject *args);
/* 1 if MIN <= NARGS <= MAX; else 0 with CPython's "expected at least/most" TypeErrors.
 * NAME may be NULL ("unpacked tuple should have ..."). */
PyAPI_FUNC(int) _PyArg_CheckPositional(const char *name, Py_ssize_t nargs, Py_ssize_t min,
                                       Py_ssize_t max);
/* Unpacks the tuple ARGS into the MIN..MAX pointers after MAX (borrowed references);
 * 1 on success, 0 with TypeError. */
PyAPI_FUNC(int) PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t max,
                                  ...);
PyAPI_FUNC(int) _PyArg_UnpackStack(PyObject *const *args, Py_ssize_t nargs, const char *name,
                                   Py_ssize_t min, Py_ssize_t max, ...);

/* The tuple of NARGS items at ARGS (new reference). */
PyObject *pyrs_call_tuple_from_array(PyObject *const *args, Py_ssize_t nargs);
/* Converts (ARGS, NARGS, KWNAMES) to a positional tuple and a kwargs dict (both new; *KW may be
 * NULL when there are no keywords). 0, or -1 with an exception. */
PYRS_MUST_CHECK int pyrs_call_unpack_vector(PyObject *const *args, Py_ssize_t nargs,
                                            PyObject *kwnames, PyObject **tuple, PyObject **kw);

#endif /* PYRS_CALL_H */
