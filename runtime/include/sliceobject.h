/* sliceobject.h: slice objects (CPython 3.11 layout) and the index adjustment helpers of
 * Objects/sliceobject.c (Ellipsis lives in object.h / object.c). */
#ifndef PYRS_SLICEOBJECT_H
#define PYRS_SLICEOBJECT_H

#include "object.h"

typedef struct {
    PyObject_HEAD
    PyObject *start; /* owned, never NULL (None when omitted) */
    PyObject *stop;  /* owned, never NULL */
    PyObject *step;  /* owned, never NULL */
} PySliceObject;

PyAPI_DATA(PyTypeObject) PySlice_Type;

#define PySlice_Check(op) Py_IS_TYPE((op), &PySlice_Type)

/* New slice; NULL arguments mean None. NULL on error. */
PyAPI_FUNC(PyObject *) PySlice_New(PyObject *start, PyObject *stop, PyObject *step);
/* Extracts clamped C integers (None -> defaults). -1 with ValueError for a zero step. */
PyAPI_FUNC(int) PySlice_Unpack(PyObject *slice, Py_ssize_t *start, Py_ssize_t *stop,
                               Py_ssize_t *step);
/* Clips start/stop to LENGTH for STEP; returns the slice length. Never fails. */
PyAPI_FUNC(Py_ssize_t) PySlice_AdjustIndices(Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *stop,
                                             Py_ssize_t step);
/* Unpack + AdjustIndices. 0 or -1. */
PyAPI_FUNC(int) PySlice_GetIndicesEx(PyObject *slice, Py_ssize_t length, Py_ssize_t *start,
                                     Py_ssize_t *stop, Py_ssize_t *step, Py_ssize_t *slicelength);
/* Old API: no clamping; -1 on bad values. */
PyAPI_FUNC(int) PySlice_GetIndices(PyObject *slice, Py_ssize_t length, Py_ssize_t *start,
                                   Py_ssize_t *stop, Py_ssize_t *step);
/* New slice from C integers; NULL on error. */
PyAPI_FUNC(PyObject *) _PySlice_FromIndices(Py_ssize_t start, Py_ssize_t stop);
/* slice.indices(length) with arbitrary-size ints: new references in start/stop/step. */
PyAPI_FUNC(int) _PySlice_GetLongIndices(PySliceObject *self, PyObject *length, PyObject **start_ptr,
                                        PyObject **stop_ptr, PyObject **step_ptr);

#endif /* PYRS_SLICEOBJECT_H */
