/* floatobject.h: float objects (a C double after the object header), CPython 3.11's layout,
 * and the IEEE pack/unpack helpers the struct and pickle modules use. */
#ifndef PYRS_FLOATOBJECT_H
#define PYRS_FLOATOBJECT_H

#include "object.h"
#include "pystrtod.h"

typedef struct {
    PyObject_HEAD
    double ob_fval; /* the value */
} PyFloatObject;

PyAPI_DATA(PyTypeObject) PyFloat_Type;

#define PyFloat_Check(op)      PyObject_TypeCheck((op), &PyFloat_Type)
#define PyFloat_CheckExact(op) Py_IS_TYPE((op), &PyFloat_Type)
#define PyFloat_AS_DOUBLE(op)  (((PyFloatObject *)(op))->ob_fval)

#define Py_RETURN_NAN          return PyFloat_FromDouble(Py_NAN)
#define Py_RETURN_INF(sign)                                                                        \
    do {                                                                                           \
        if (copysign(1., sign) == 1.) {                                                            \
            return PyFloat_FromDouble(Py_HUGE_VAL);                                                \
        } else {                                                                                   \
            return PyFloat_FromDouble(-Py_HUGE_VAL);                                               \
        }                                                                                          \
    } while (0)

PyAPI_FUNC(double) PyFloat_GetMax(void);
PyAPI_FUNC(double) PyFloat_GetMin(void);
/* sys.float_info as a new reference (a tuple of the DBL_* facts until structseq exists). */
PyAPI_FUNC(PyObject *) PyFloat_GetInfo(void);
/* float(str-or-bytes): new reference, NULL with ValueError/TypeError. */
PyAPI_FUNC(PyObject *) PyFloat_FromString(PyObject *v);
/* New reference, NULL only on MemoryError. */
PyAPI_FUNC(PyObject *) PyFloat_FromDouble(double v);
/* The value of a float, or of any object through __float__ / __index__; -1.0 with an
 * exception on failure (may run Python code). */
PyAPI_FUNC(double) PyFloat_AsDouble(PyObject *op);

/* IEEE 754 half, single and double in little (le != 0) or big endian; 0 or -1 with
 * OverflowError; unpack returns -1.0 with an exception on failure. */
PyAPI_FUNC(int) PyFloat_Pack2(double x, char *p, int le);
PyAPI_FUNC(int) PyFloat_Pack4(double x, char *p, int le);
PyAPI_FUNC(int) PyFloat_Pack8(double x, char *p, int le);
PyAPI_FUNC(double) PyFloat_Unpack2(const char *p, int le);
PyAPI_FUNC(double) PyFloat_Unpack4(const char *p, int le);
PyAPI_FUNC(double) PyFloat_Unpack8(const char *p, int le);

#endif /* PYRS_FLOATOBJECT_H */
