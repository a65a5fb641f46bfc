/* pyrs/errors.h: internal helpers of errors.c working on an explicit thread state. */
#ifndef PYRS_ERRORS_H
#define PYRS_ERRORS_H

#include "Python.h"

/* Install (type, value, tb) as the pending exception, stealing all three (each may be NULL). */
void pyrs_err_restore(PyThreadState *tstate, PyObject *type, PyObject *value, PyObject *tb);
/* Raise TYPE with VALUE, chaining the handled exception as __context__ (PyErr_SetObject). */
void pyrs_err_set_object(PyThreadState *tstate, PyObject *type, PyObject *value);
/* Instantiate exception class TYPE from VALUE (NULL/None: no args, tuple: *args, else one
 * argument). New reference or NULL with an exception. */
PyObject *pyrs_err_create_exception(PyObject *type, PyObject *value);
/* Print one exception (with its cause/context chain and notes) to F, CPython's format
 * minus tracebacks. Errors while printing are cleared. */
void pyrs_err_display(FILE *f, PyObject *exc);

/* suggestions.c: the name CPython 3.11 suggests for an uncaught NameError or AttributeError
 * EXC ("Did you mean: 'x'?"), as a new reference; NULL (no exception set) when there is none. */
PyObject *pyrs_offer_suggestion(PyObject *exc);

#endif /* PYRS_ERRORS_H */
