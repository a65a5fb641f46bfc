/* listobject.h: the list type with CPython 3.11's layout (a separately allocated item
 * array with spare capacity) and its C-API (Objects/listobject.c's surface). */
#ifndef PYRS_LISTOBJECT_H
#define PYRS_LISTOBJECT_H

#include "object.h"

/* A mutable sequence. Invariant: 0 <= ob_size <= allocated; ob_item is NULL when allocated is
 * 0. Cython appends in place (writes ob_item[n] and ob_size when allocated has room). */
typedef struct {
    PyObject_VAR_HEAD
    PyObject **ob_item;   /* ob_size owned references, then spare slots */
    Py_ssize_t allocated; /* capacity of ob_item in slots */
} PyListObject;

PyAPI_DATA(PyTypeObject) PyList_Type;
PyAPI_DATA(PyTypeObject) PyListIter_Type;
PyAPI_DATA(PyTypeObject) PyListRevIter_Type;

#define PyList_Check(op)          PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_LIST_SUBCLASS)
#define PyList_CheckExact(op)     Py_IS_TYPE((op), &PyList_Type)

#define _PyList_CAST(op)          ((PyListObject *)(op))
#define PyList_GET_SIZE(op)       Py_SIZE(_PyList_CAST(op))
#define PyList_GET_ITEM(op, i)    (_PyList_CAST(op)->ob_item[i])
#define PyList_SET_ITEM(op, i, v) ((void)(_PyList_CAST(op)->ob_item[i] = (v)))
#define _PyList_ITEMS(op)         (_PyList_CAST(op)->ob_item)

/* New list of SIZE NULL slots (the caller fills them); NULL on error. */
PyAPI_FUNC(PyObject *) PyList_New(Py_ssize_t size);
/* Length, or -1 with SystemError when OP is not a list. */
PyAPI_FUNC(Py_ssize_t) PyList_Size(PyObject *op);
/* Borrowed item I, or NULL with IndexError "list index out of range". */
PyAPI_FUNC(PyObject *) PyList_GetItem(PyObject *op, Py_ssize_t i);
/* Steals ITEM (even on failure) into slot I, releasing the old one. 0 or -1. */
PyAPI_FUNC(int) PyList_SetItem(PyObject *op, Py_ssize_t i, PyObject *item);
/* list.insert(i, item) (ITEM borrowed). 0 or -1. */
PyAPI_FUNC(int) PyList_Insert(PyObject *op, Py_ssize_t i, PyObject *item);
/* list.append(item) (ITEM borrowed). 0 or -1. */
PyAPI_FUNC(int) PyList_Append(PyObject *op, PyObject *item);
/* New list op[low:high]; NULL on error. */
PyAPI_FUNC(PyObject *) PyList_GetSlice(PyObject *op, Py_ssize_t low, Py_ssize_t high);
/* op[low:high] = v (v NULL deletes). 0 or -1. */
PyAPI_FUNC(int) PyList_SetSlice(PyObject *op, Py_ssize_t low, Py_ssize_t high, PyObject *v);
/* list.sort() in place; may run Python code (comparisons). 0 or -1. */
PyAPI_FUNC(int) PyList_Sort(PyObject *op);
/* list.reverse() in place. 0 or -1. */
PyAPI_FUNC(int) PyList_Reverse(PyObject *op);
/* New tuple with the list's items; NULL on error. */
PyAPI_FUNC(PyObject *) PyList_AsTuple(PyObject *op);
/* list.extend(iterable): returns None (new reference) or NULL. */
PyAPI_FUNC(PyObject *) _PyList_Extend(PyListObject *self, PyObject *iterable);

#endif /* PYRS_LISTOBJECT_H */
