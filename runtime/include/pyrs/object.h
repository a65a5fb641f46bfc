/* pyrs/object.h: internal helpers of object.c shared by the type system files. */
#ifndef PYRS_INTERNAL_OBJECT_H
#define PYRS_INTERNAL_OBJECT_H

#include "Python.h"

/* The interned str for the C string literal S (keyed by the literal's address, so pass
 * literals only). Borrowed, lives forever; NULL with MemoryError. */
PYRS_MUST_CHECK PyObject *pyrs_object_id(const char *s);

/* Raises "'T' object has no attribute 'NAME'" as AttributeError; always returns NULL. */
PyObject *pyrs_object_no_attribute(PyObject *obj, PyObject *name);

/* Calls SELF's special method NAME looked up on its type (no instance dict), with ARGS.
 * New reference; NULL with an exception. *FOUND (if not NULL) is set to 0 when the method
 * does not exist, in which case AttributeError is NOT set and NULL is returned. */
PYRS_MUST_CHECK PyObject *pyrs_object_call_special(PyObject *self, const char *name,
                                                   PyObject *const *args, Py_ssize_t nargs,
                                                   int *found);

#endif /* PYRS_INTERNAL_OBJECT_H */
