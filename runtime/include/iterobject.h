/* iterobject.h: the sequence iterator (iter() of objects with __getitem__) and the callable
 * iterator (iter(callable, sentinel)), as Objects/iterobject.c. */
#ifndef PYRS_ITEROBJECT_H
#define PYRS_ITEROBJECT_H

#include "object.h"

PyAPI_DATA(PyTypeObject) PySeqIter_Type;
PyAPI_DATA(PyTypeObject) PyCallIter_Type;

#define PySeqIter_Check(op)  Py_IS_TYPE((op), &PySeqIter_Type)
#define PyCallIter_Check(op) Py_IS_TYPE((op), &PyCallIter_Type)

/* New iterator calling SEQ[0], SEQ[1], ... until IndexError/StopIteration; NULL on error. */
PyAPI_FUNC(PyObject *) PySeqIter_New(PyObject *seq);
/* New iterator calling CALLABLE() until it returns an object equal to SENTINEL. */
PyAPI_FUNC(PyObject *) PyCallIter_New(PyObject *callable, PyObject *sentinel);

#endif /* PYRS_ITEROBJECT_H */
