/* pyrs/weakref.h: internal helpers of weakrefobject.c for the future _weakref module. */
#ifndef PYRS_WEAKREF_H
#define PYRS_WEAKREF_H

#include "Python.h"

/* _weakref.getweakrefcount(obj): number of weak references and proxies (0 if none or not
 * weakly referenceable). Never fails. */
Py_ssize_t pyrs_weakref_count(PyObject *obj);
/* weakref.getweakrefs(obj): new list of the weak references and proxies, or NULL. */
PyObject *pyrs_weakref_list(PyObject *obj);

#endif /* PYRS_WEAKREF_H */
