/* genericaliasobject.h: types.GenericAlias (list[int], ...), genericaliasobject.c, CPython
 * 3.11's API. */
#ifndef PYRS_GENERICALIASOBJECT_H
#define PYRS_GENERICALIASOBJECT_H

#include "object.h"

/* ORIGIN[ARGS] as a new types.GenericAlias (ARGS a tuple or a single argument), or NULL. */
PyAPI_FUNC(PyObject *) Py_GenericAlias(PyObject *origin, PyObject *args);
PyAPI_DATA(PyTypeObject) Py_GenericAliasType;

#endif /* PYRS_GENERICALIASOBJECT_H */
