/* classobject.h: bound methods (types.MethodType) and instancemethod, with CPython 3.11's
 * PyMethodObject layout. Implemented in classobject.c. */
#ifndef PYRS_CLASSOBJECT_H
#define PYRS_CLASSOBJECT_H

#include "object.h"

typedef struct {
    PyObject_HEAD
    PyObject *im_func;         /* the callable, never NULL */
    PyObject *im_self;         /* the instance it is bound to, never NULL */
    PyObject *im_weakreflist;  /* weak references to this method */
    vectorcallfunc vectorcall; /* calls im_func with im_self prepended */
} PyMethodObject;

typedef struct {
    PyObject_HEAD
    PyObject *func; /* the wrapped callable */
} PyInstanceMethodObject;

PyAPI_DATA(PyTypeObject) PyMethod_Type;
PyAPI_DATA(PyTypeObject) PyInstanceMethod_Type;

#define PyMethod_Check(op)               Py_IS_TYPE((op), &PyMethod_Type)
#define PyInstanceMethod_Check(op)       Py_IS_TYPE((op), &PyInstanceMethod_Type)
#define PyMethod_GET_FUNCTION(m)         (((PyMethodObject *)(m))->im_func)
#define PyMethod_GET_SELF(m)             (((PyMethodObject *)(m))->im_self)
#define PyInstanceMethod_GET_FUNCTION(m) (((PyInstanceMethodObject *)(m))->func)

/* New bound method of FUNC to SELF (both borrowed); NULL with SystemError if SELF is NULL. */
PyAPI_FUNC(PyObject *) PyMethod_New(PyObject *func, PyObject *self);
/* Borrowed accessors; NULL with SystemError when M is not a bound method. */
PyAPI_FUNC(PyObject *) PyMethod_Function(PyObject *m);
PyAPI_FUNC(PyObject *) PyMethod_Self(PyObject *m);
PyAPI_FUNC(PyObject *) PyInstanceMethod_New(PyObject *func);
PyAPI_FUNC(PyObject *) PyInstanceMethod_Function(PyObject *im);

#endif /* PYRS_CLASSOBJECT_H */
