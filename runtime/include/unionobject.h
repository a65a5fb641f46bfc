/* unionobject.h: types.UnionType (int | str), unionobject.c, as CPython 3.11's internal
 * pycore_unionobject.h: runtime-internal names, not exported (hidden), as in CPython. */
#ifndef PYRS_UNIONOBJECT_H
#define PYRS_UNIONOBJECT_H

#include "object.h"

extern PyTypeObject _PyUnion_Type;
#define _PyUnion_Check(op) Py_IS_TYPE((op), &_PyUnion_Type)

/* SELF | OTHER for types, None, GenericAlias and unions: a new types.UnionType, or
 * NotImplemented (new reference) when either side cannot take part, or NULL with an
 * exception. type's nb_or calls this. */
PyObject *_Py_union_type_or(PyObject *self, PyObject *other);
/* The __args__ tuple of a union (borrowed). */
PyObject *_Py_union_args(PyObject *self);
/* The __parameters__ of ARGS: the tuple of type variables found in them (new), or NULL. */
PyObject *_Py_make_parameters(PyObject *args);
/* ARGS with the type variables of PARAMS replaced by ITEM (TypeVar substitution, as
 * list[T][int]); SELF is used in error messages. New tuple, or NULL. */
PyObject *_Py_subs_parameters(PyObject *self, PyObject *args, PyObject *params, PyObject *item);

#endif /* PYRS_UNIONOBJECT_H */
