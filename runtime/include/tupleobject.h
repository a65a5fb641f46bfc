/* tupleobject.h: the tuple type with CPython 3.11's layout (items inline after the header)
 * and its C-API (Objects/tupleobject.c's surface). */
#ifndef PYRS_TUPLEOBJECT_H
#define PYRS_TUPLEOBJECT_H

#include "object.h"

/* An immutable sequence; ob_size items follow the header. Extensions (Cython) fill ob_item of
 * a fresh tuple from PyTuple_New directly. */
typedef struct {
    PyObject_VAR_HEAD
    PyObject *ob_item[1]; /* ob_size owned references, all non-NULL once built */
} PyTupleObject;

PyAPI_DATA(PyTypeObject) PyTuple_Type;
PyAPI_DATA(PyTypeObject) PyTupleIter_Type;

#define PyTuple_Check(op)          PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TUPLE_SUBCLASS)
#define PyTuple_CheckExact(op)     Py_IS_TYPE((op), &PyTuple_Type)

#define _PyTuple_CAST(op)          ((PyTupleObject *)(op))
#define PyTuple_GET_SIZE(op)       Py_SIZE(_PyTuple_CAST(op))
#define PyTuple_GET_ITEM(op, i)    (_PyTuple_CAST(op)->ob_item[i])
#define PyTuple_SET_ITEM(op, i, v) ((void)(_PyTuple_CAST(op)->ob_item[i] = (v)))
#define _PyTuple_ITEMS(op)         (_PyTuple_CAST(op)->ob_item)

/* New tuple of SIZE NULL slots (the empty tuple is a shared singleton); NULL on error. */
PyAPI_FUNC(PyObject *) PyTuple_New(Py_ssize_t size);
/* Length, or -1 with SystemError when OP is not a tuple. */
PyAPI_FUNC(Py_ssize_t) PyTuple_Size(PyObject *op);
/* Borrowed item I, or NULL with IndexError "tuple index out of range" / SystemError. */
PyAPI_FUNC(PyObject *) PyTuple_GetItem(PyObject *op, Py_ssize_t i);
/* Steals V (even on failure); only for tuples with refcount 1. 0 or -1. */
PyAPI_FUNC(int) PyTuple_SetItem(PyObject *op, Py_ssize_t i, PyObject *v);
/* New tuple op[low:high] (clamped); NULL on error. */
PyAPI_FUNC(PyObject *) PyTuple_GetSlice(PyObject *op, Py_ssize_t low, Py_ssize_t high);
/* New tuple of N borrowed arguments (each increfed); NULL on error. */
PyAPI_FUNC(PyObject *) PyTuple_Pack(Py_ssize_t n, ...);
/* Resizes *P (refcount 1) in place; on failure *P is released, set to NULL, returns -1. */
PyAPI_FUNC(int) _PyTuple_Resize(PyObject **p, Py_ssize_t newsize);
/* Tuple of N items taken from SRC (increfed), NULL on error. */
PyAPI_FUNC(PyObject *) _PyTuple_FromArray(PyObject *const *src, Py_ssize_t n);
/* As _PyTuple_FromArray but steals the N references (also on failure). */
PyAPI_FUNC(PyObject *) _PyTuple_FromArraySteal(PyObject *const *src, Py_ssize_t n);
PyAPI_FUNC(void) _PyTuple_MaybeUntrack(PyObject *op);

#endif /* PYRS_TUPLEOBJECT_H */
