/* pyrs/exceptions.h: internal access to the exception hierarchy (exceptions.c). */
#ifndef PYRS_EXCEPTIONS_H
#define PYRS_EXCEPTIONS_H

#include "Python.h"

/* ExceptionGroup: not exported by CPython 3.11 (it is built at start-up there). */
extern PyObject *pyrs_exc_ExceptionGroup;

/* The interned string "__notes__" (borrowed; valid after pyrs_exc_init). */
PyObject *pyrs_exc_str_notes(void);

/* OSError subclass for an errno value, or NULL when OSError itself applies (borrowed). */
PyObject *pyrs_exc_oserror_for_errno(int err);

/* Add every built-in exception class (and the EnvironmentError/IOError aliases) to DICT,
 * the builtins namespace; 0, or -1 with an exception. */
int pyrs_exc_add_builtins(PyObject *dict);

#endif /* PYRS_EXCEPTIONS_H */
