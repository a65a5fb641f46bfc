/* longobject.h: int objects, CPython 3.11's layout exactly: a PyVarObject whose ob_size holds the
 * signed digit count, followed by 30-bit digits in uint32_t, least significant first. Zero has
 * ob_size 0. Cython and numpy read ob_digit directly, so the layout is ABI. */
#ifndef PYRS_LONGOBJECT_H
#define PYRS_LONGOBJECT_H

#include <time.h>

#include "object.h"

typedef uint32_t digit;     /* one 30-bit digit */
typedef int32_t sdigit;     /* signed digit */
typedef uint64_t twodigits; /* product of two digits */
typedef int64_t stwodigits; /* signed twodigits */

#define PyLong_SHIFT          30
#define PyLong_BASE           ((digit)1 << PyLong_SHIFT)
#define PyLong_MASK           ((digit)(PyLong_BASE - 1))
#define _PyLong_DECIMAL_SHIFT 9
#define _PyLong_DECIMAL_BASE  ((digit)1000000000)

struct _longobject {
    PyObject_VAR_HEAD
    digit ob_digit[1]; /* |ob_size| digits, least significant first */
};
typedef struct _longobject PyLongObject;

PyAPI_DATA(PyTypeObject) PyLong_Type;

#define PyLong_Check(op)      PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_LONG_SUBCLASS)
#define PyLong_CheckExact(op) Py_IS_TYPE((op), &PyLong_Type)

/* Constructors: new references, NULL with MemoryError (or ValueError/OverflowError as noted). */
PyAPI_FUNC(PyObject *) PyLong_FromLong(long v);
PyAPI_FUNC(PyObject *) PyLong_FromUnsignedLong(unsigned long v);
PyAPI_FUNC(PyObject *) PyLong_FromSsize_t(Py_ssize_t v);
PyAPI_FUNC(PyObject *) PyLong_FromSize_t(size_t v);
PyAPI_FUNC(PyObject *) PyLong_FromLongLong(long long v);
PyAPI_FUNC(PyObject *) PyLong_FromUnsignedLongLong(unsigned long long v);
PyAPI_FUNC(PyObject *) PyLong_FromDouble(double v);
PyAPI_FUNC(PyObject *) PyLong_FromVoidPtr(void *p);
PyAPI_FUNC(PyObject *) PyLong_FromString(const char *str, char **pend, int base);
PyAPI_FUNC(PyObject *) PyLong_FromUnicodeObject(PyObject *u, int base);
PyAPI_FUNC(PyLongObject *) _PyLong_New(Py_ssize_t size);
PyAPI_FUNC(PyObject *) _PyLong_Copy(PyLongObject *src);
PyAPI_FUNC(PyObject *) _PyLong_FromByteArray(const unsigned char *bytes, size_t n,
                                             int little_endian, int is_signed);
PyAPI_FUNC(PyObject *) _PyLong_FromTime_t(time_t t);

/* Conversions: -1 (or (unsigned)-1, -1.0) with an exception set on failure. Objects that
 * are not ints go through __index__ where CPython does so (may run Python code). */
PyAPI_FUNC(long) PyLong_AsLong(PyObject *obj);
PyAPI_FUNC(long) PyLong_AsLongAndOverflow(PyObject *obj, int *overflow);
PyAPI_FUNC(long long) PyLong_AsLongLong(PyObject *obj);
PyAPI_FUNC(long long) PyLong_AsLongLongAndOverflow(PyObject *obj, int *overflow);
PyAPI_FUNC(Py_ssize_t) PyLong_AsSsize_t(PyObject *obj);
PyAPI_FUNC(size_t) PyLong_AsSize_t(PyObject *obj);
PyAPI_FUNC(unsigned long) PyLong_AsUnsignedLong(PyObject *obj);
PyAPI_FUNC(unsigned long long) PyLong_AsUnsignedLongLong(PyObject *obj);
PyAPI_FUNC(unsigned long) PyLong_AsUnsignedLongMask(PyObject *obj);
PyAPI_FUNC(unsigned long long) PyLong_AsUnsignedLongLongMask(PyObject *obj);
PyAPI_FUNC(double) PyLong_AsDouble(PyObject *obj);
PyAPI_FUNC(void *) PyLong_AsVoidPtr(PyObject *obj);
PyAPI_FUNC(int) _PyLong_AsInt(PyObject *obj);
PyAPI_FUNC(int) _PyLong_Sign(PyObject *v);
PyAPI_FUNC(size_t) _PyLong_NumBits(PyObject *v);
PyAPI_FUNC(double) _PyLong_Frexp(PyLongObject *a, Py_ssize_t *e);
PyAPI_FUNC(int) _PyLong_AsByteArray(PyLongObject *v, unsigned char *bytes, size_t n,
                                    int little_endian, int is_signed);
PyAPI_FUNC(PyObject *) _PyLong_Format(PyObject *obj, int base);
PyAPI_FUNC(PyObject *) _PyLong_GCD(PyObject *a, PyObject *b);
PyAPI_FUNC(PyObject *) PyLong_GetInfo(void);

/* Argument-clinic converters: 1 on success, 0 with an exception set. */
PyAPI_FUNC(int) _PyLong_UnsignedShort_Converter(PyObject *obj, void *ptr);
PyAPI_FUNC(int) _PyLong_UnsignedInt_Converter(PyObject *obj, void *ptr);
PyAPI_FUNC(int) _PyLong_UnsignedLong_Converter(PyObject *obj, void *ptr);
PyAPI_FUNC(int) _PyLong_UnsignedLongLong_Converter(PyObject *obj, void *ptr);
PyAPI_FUNC(int) _PyLong_Size_t_Converter(PyObject *obj, void *ptr);
PyAPI_FUNC(int) _PyLong_FileDescriptor_Converter(PyObject *obj, void *ptr);

#endif /* PYRS_LONGOBJECT_H */
