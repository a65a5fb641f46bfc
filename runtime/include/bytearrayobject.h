/* bytearrayobject.h: bytearray with CPython 3.11's layout (allocation, logical start for
 * cheap deletion at the front, export count locking resizes) and the PyByteArray_* C-API. */
#ifndef PYRS_BYTEARRAYOBJECT_H
#define PYRS_BYTEARRAYOBJECT_H

#include "object.h"

typedef struct {
    PyObject_VAR_HEAD
    Py_ssize_t ob_alloc;   /* bytes allocated at ob_bytes */
    char *ob_bytes;        /* the allocation (NULL when empty) */
    char *ob_start;        /* first logical byte, inside ob_bytes */
    Py_ssize_t ob_exports; /* buffer exports alive; resizing is refused while > 0 */
} PyByteArrayObject;

PyAPI_DATA(PyTypeObject) PyByteArray_Type;
PyAPI_DATA(PyTypeObject) PyByteArrayIter_Type;
PyAPI_DATA(char) _PyByteArray_empty_string[];

#define PyByteArray_Check(self)      PyObject_TypeCheck((self), &PyByteArray_Type)
#define PyByteArray_CheckExact(self) Py_IS_TYPE((self), &PyByteArray_Type)

#define _PyByteArray_CAST(op)        ((PyByteArrayObject *)(op))

static inline char *
PyByteArray_AS_STRING(PyObject *op)
{
    PyByteArrayObject *self = _PyByteArray_CAST(op);
    if (Py_SIZE(self)) {
        return self->ob_start;
    }
    return _PyByteArray_empty_string;
}
#define PyByteArray_AS_STRING(self) PyByteArray_AS_STRING(_PyObject_CAST(self))

static inline Py_ssize_t
PyByteArray_GET_SIZE(PyObject *op)
{
    return Py_SIZE(op);
}
#define PyByteArray_GET_SIZE(self) PyByteArray_GET_SIZE(_PyObject_CAST(self))

/* New references, NULL / -1 with an exception on error. */
PyAPI_FUNC(PyObject *) PyByteArray_FromObject(PyObject *o);
PyAPI_FUNC(PyObject *) PyByteArray_Concat(PyObject *a, PyObject *b);
PyAPI_FUNC(PyObject *) PyByteArray_FromStringAndSize(const char *string, Py_ssize_t len);
PyAPI_FUNC(Py_ssize_t) PyByteArray_Size(PyObject *bytearray);
PyAPI_FUNC(char *) PyByteArray_AsString(PyObject *bytearray);
PyAPI_FUNC(int) PyByteArray_Resize(PyObject *bytearray, Py_ssize_t len);

#endif /* PYRS_BYTEARRAYOBJECT_H */
