/* genobject.h: generator, coroutine and async generator objects with CPython 3.11's
 * PyGenObject / PyCoroObject / PyAsyncGenObject layout (88 bytes). Where CPython embeds the
 * interpreter frame (gi_iframe) pyrs keeps a pointer to its heap VM frame (pyrs/gen.h). */
#ifndef PYRS_PUBLIC_GENOBJECT_H
#define PYRS_PUBLIC_GENOBJECT_H

#include "Python.h"

#include <stdint.h>

#define PYRS_GENOBJECT_HEAD(prefix)                                                                \
    PyObject_HEAD                                                                                  \
    PyObject *prefix##_code;                /* the code object (owned) */                          \
    PyObject *prefix##_weakreflist;         /* weak references */                                  \
    PyObject *prefix##_name;                /* str (owned) */                                      \
    PyObject *prefix##_qualname;            /* str (owned) */                                      \
    _PyErr_StackItem prefix##_exc_state;    /* its handled-exception level (owned value) */        \
    PyObject *prefix##_origin_or_finalizer; /* cr_origin / the async generator's finalizer */      \
    char prefix##_hooks_inited;             /* async generators: hooks looked up */                \
    char prefix##_closed;                   /* async generators: aclose() started or ended */      \
    char prefix##_running_async;            /* async generators: an awaitable drives it */         \
    int8_t prefix##_frame_state;            /* PyrsGenState */                                     \
    PyObject *prefix##_iframe[1];           /* pyrs: the heap VM frame pointer (pyrs/gen.h) */

typedef struct {
    PYRS_GENOBJECT_HEAD(gi)
} PyGenObject;

typedef struct {
    PYRS_GENOBJECT_HEAD(cr)
} PyCoroObject;

typedef struct {
    PYRS_GENOBJECT_HEAD(ag)
} PyAsyncGenObject;

PyAPI_DATA(PyTypeObject) PyGen_Type;
PyAPI_DATA(PyTypeObject) PyCoro_Type;
PyAPI_DATA(PyTypeObject) PyAsyncGen_Type;

#define PyGen_Check(op)           PyObject_TypeCheck((op), &PyGen_Type)
#define PyGen_CheckExact(op)      Py_IS_TYPE((op), &PyGen_Type)
#define PyCoro_CheckExact(op)     Py_IS_TYPE((op), &PyCoro_Type)
#define PyAsyncGen_CheckExact(op) Py_IS_TYPE((op), &PyAsyncGen_Type)

#endif /* PYRS_PUBLIC_GENOBJECT_H */
