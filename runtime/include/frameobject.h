/* frameobject.h: frame objects (PyFrameObject with CPython 3.11's layout, pyrs/frameobject.h)
 * and CPython 3.11's public C-API on them. */
#ifndef PYRS_PUBLIC_FRAMEOBJECT_H
#define PYRS_PUBLIC_FRAMEOBJECT_H

#include "Python.h"
#include "pyrs/frameobject.h"

#define PyFrame_Check(op) Py_IS_TYPE((op), &PyFrame_Type)

PyAPI_FUNC(int) PyFrame_GetLineNumber(PyFrameObject *frame);
/* (CPython returns PyCodeObject *; pyrs code objects are not that struct yet) */
PyAPI_FUNC(PyObject *) PyFrame_GetCode(PyFrameObject *frame);      /* new reference */
PyAPI_FUNC(PyFrameObject *) PyFrame_GetBack(PyFrameObject *frame); /* new reference or NULL */
PyAPI_FUNC(PyObject *) PyFrame_GetLocals(PyFrameObject *frame);    /* new reference */
PyAPI_FUNC(PyObject *) PyFrame_GetGlobals(PyFrameObject *frame);   /* new reference */
PyAPI_FUNC(PyObject *) PyFrame_GetBuiltins(PyFrameObject *frame);  /* new reference */
PyAPI_FUNC(PyObject *) PyFrame_GetGenerator(PyFrameObject *frame); /* new reference or NULL */
PyAPI_FUNC(int) PyFrame_GetLasti(PyFrameObject *frame);
/* f_locals is computed when read in pyrs, so there is nothing to copy either way. */
PyAPI_FUNC(int) PyFrame_FastToLocalsWithError(PyFrameObject *frame);
PyAPI_FUNC(void) PyFrame_FastToLocals(PyFrameObject *frame);
PyAPI_FUNC(void) PyFrame_LocalsToFast(PyFrameObject *frame, int clear);

#endif /* PYRS_PUBLIC_FRAMEOBJECT_H */
