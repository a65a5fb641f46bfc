/* bytesobject.h: bytes with CPython 3.11's layout (cached hash, inline NUL-terminated data)
 * and the PyBytes_* C-API. Layout checked by tests/abi against python3.11-dev. */
#ifndef PYRS_BYTESOBJECT_H
#define PYRS_BYTESOBJECT_H

#include <stdarg.h>

#include "object.h"

typedef struct {
    PyObject_VAR_HEAD
    Py_hash_t ob_shash; /* cached hash, -1 until computed */
    char ob_sval[1];    /* ob_size bytes plus a NUL */
} PyBytesObject;

PyAPI_DATA(PyTypeObject) PyBytes_Type;
PyAPI_DATA(PyTypeObject) PyBytesIter_Type;

#define PyBytes_Check(op)      PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_BYTES_SUBCLASS)
#define PyBytes_CheckExact(op) Py_IS_TYPE((op), &PyBytes_Type)

#define _PyBytes_CAST(op)      ((PyBytesObject *)(op))

static inline char *
PyBytes_AS_STRING(PyObject *op)
{
    return _PyBytes_CAST(op)->ob_sval;
}
#define PyBytes_AS_STRING(op) PyBytes_AS_STRING(_PyObject_CAST(op))

static inline Py_ssize_t
PyBytes_GET_SIZE(PyObject *op)
{
    return Py_SIZE(op);
}
#define PyBytes_GET_SIZE(op) PyBytes_GET_SIZE(_PyObject_CAST(op))

/* New references, NULL with an exception on error. */
PyAPI_FUNC(PyObject *) PyBytes_FromStringAndSize(const char *v, Py_ssize_t len);
PyAPI_FUNC(PyObject *) PyBytes_FromString(const char *v);
PyAPI_FUNC(PyObject *) PyBytes_FromObject(PyObject *x);
PyAPI_FUNC(PyObject *) PyBytes_FromFormatV(const char *format, va_list vargs);
PyAPI_FUNC(PyObject *) PyBytes_FromFormat(const char *format, ...);
PyAPI_FUNC(Py_ssize_t) PyBytes_Size(PyObject *op);
PyAPI_FUNC(char *) PyBytes_AsString(PyObject *op);
PyAPI_FUNC(int) PyBytes_AsStringAndSize(PyObject *obj, char **s, Py_ssize_t *len);
PyAPI_FUNC(PyObject *) PyBytes_Repr(PyObject *op, int smartquotes);
PyAPI_FUNC(void) PyBytes_Concat(PyObject **pv, PyObject *w);
PyAPI_FUNC(void) PyBytes_ConcatAndDel(PyObject **pv, PyObject *w);
PyAPI_FUNC(int) _PyBytes_Resize(PyObject **pv, Py_ssize_t newsize);
PyAPI_FUNC(PyObject *) _PyBytes_Join(PyObject *sep, PyObject *iterable);
/* Index of NEEDLE[0:LEN_NEEDLE] in HAYSTACK[0:LEN_HAYSTACK] (first / last), plus OFFSET, or -1. */
PyAPI_FUNC(Py_ssize_t) _PyBytes_Find(const char *haystack, Py_ssize_t len_haystack,
                                     const char *needle, Py_ssize_t len_needle, Py_ssize_t offset);
PyAPI_FUNC(Py_ssize_t) _PyBytes_ReverseFind(const char *haystack, Py_ssize_t len_haystack,
                                            const char *needle, Py_ssize_t len_needle,
                                            Py_ssize_t offset);
PyAPI_FUNC(PyObject *) _PyBytes_DecodeEscape(const char *s, Py_ssize_t len, const char *errors,
                                             const char **first_invalid_escape);
PyAPI_FUNC(PyObject *) PyBytes_DecodeEscape(const char *s, Py_ssize_t len, const char *errors,
                                            Py_ssize_t unicode, const char *recode_encoding);

#endif /* PYRS_BYTESOBJECT_H */
