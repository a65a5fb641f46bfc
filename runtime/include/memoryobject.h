/* memoryobject.h: memoryview and the managed buffer it shares with its slices, with CPython
 * 3.11's layouts, plus the PyMemoryView_* and buffer-protocol C-API (PyObject_GetBuffer...). */
#ifndef PYRS_MEMORYOBJECT_H
#define PYRS_MEMORYOBJECT_H

#include "object.h"

PyAPI_DATA(PyTypeObject) _PyManagedBuffer_Type;
PyAPI_DATA(PyTypeObject) PyMemoryView_Type;

#define PyMemoryView_Check(op) Py_IS_TYPE((op), &PyMemoryView_Type)

/* One exporter's buffer, shared by every memoryview derived from it. */
typedef struct {
    PyObject_HEAD
    int flags;          /* _Py_MANAGED_BUFFER_* */
    Py_ssize_t exports; /* memoryviews registered with this buffer */
    Py_buffer master;   /* the view obtained from the exporter */
} _PyManagedBufferObject;

#define _Py_MANAGED_BUFFER_RELEASED    0x001
#define _Py_MANAGED_BUFFER_FREE_FORMAT 0x002

#define _Py_MEMORYVIEW_RELEASED        0x001
#define _Py_MEMORYVIEW_C               0x002
#define _Py_MEMORYVIEW_FORTRAN         0x004
#define _Py_MEMORYVIEW_SCALAR          0x008
#define _Py_MEMORYVIEW_PIL             0x010

typedef struct {
    PyObject_VAR_HEAD
    _PyManagedBufferObject *mbuf; /* the shared exporter buffer */
    Py_hash_t hash;               /* cached hash of read-only views, -1 until computed */
    int flags;                    /* _Py_MEMORYVIEW_* */
    Py_ssize_t exports;           /* buffers exported from this view */
    Py_buffer view;               /* this view's own shape/strides/format */
    PyObject *weakreflist;        /* weak references */
    Py_ssize_t ob_array[1];       /* storage for shape, strides, suboffsets */
} PyMemoryViewObject;

#define PyMemoryView_GET_BUFFER(op) (&((PyMemoryViewObject *)(op))->view)
#define PyMemoryView_GET_BASE(op)   (((PyMemoryViewObject *)(op))->view.obj)

/* memoryview constructors: new references, NULL with an exception on error. */
PyAPI_FUNC(PyObject *) PyMemoryView_FromObject(PyObject *base);
PyAPI_FUNC(PyObject *) PyMemoryView_FromMemory(char *mem, Py_ssize_t size, int flags);
PyAPI_FUNC(PyObject *) PyMemoryView_FromBuffer(const Py_buffer *info);
PyAPI_FUNC(PyObject *) PyMemoryView_GetContiguous(PyObject *base, int buffertype, char order);

#endif /* PYRS_MEMORYOBJECT_H */
