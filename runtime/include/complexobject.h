/* complexobject.h: complex objects (two doubles after the object header, CPython 3.11's
 * layout) and the Py_complex arithmetic helpers CPython exports. */
#ifndef PYRS_COMPLEXOBJECT_H
#define PYRS_COMPLEXOBJECT_H

#include "object.h"

typedef struct {
    double real; /* real part */
    double imag; /* imaginary part */
} Py_complex;

typedef struct {
    PyObject_HEAD
    Py_complex cval; /* the value */
} PyComplexObject;

PyAPI_DATA(PyTypeObject) PyComplex_Type;

#define PyComplex_Check(op)      PyObject_TypeCheck((op), &PyComplex_Type)
#define PyComplex_CheckExact(op) Py_IS_TYPE((op), &PyComplex_Type)

/* Arithmetic on Py_complex values; division by zero and overflow set errno (EDOM/ERANGE). */
PyAPI_FUNC(Py_complex) _Py_c_sum(Py_complex a, Py_complex b);
PyAPI_FUNC(Py_complex) _Py_c_diff(Py_complex a, Py_complex b);
PyAPI_FUNC(Py_complex) _Py_c_neg(Py_complex a);
PyAPI_FUNC(Py_complex) _Py_c_prod(Py_complex a, Py_complex b);
PyAPI_FUNC(Py_complex) _Py_c_quot(Py_complex a, Py_complex b);
PyAPI_FUNC(Py_complex) _Py_c_pow(Py_complex a, Py_complex b);
PyAPI_FUNC(double) _Py_c_abs(Py_complex a);

/* New references, NULL on MemoryError. */
PyAPI_FUNC(PyObject *) PyComplex_FromCComplex(Py_complex v);
PyAPI_FUNC(PyObject *) PyComplex_FromDoubles(double real, double imag);
/* Parts of a complex, or of any object through __complex__ / __float__ / __index__;
 * -1.0 (real part -1.0 for AsCComplex) with an exception on failure. */
PyAPI_FUNC(double) PyComplex_RealAsDouble(PyObject *op);
PyAPI_FUNC(double) PyComplex_ImagAsDouble(PyObject *op);
PyAPI_FUNC(Py_complex) PyComplex_AsCComplex(PyObject *op);

#endif /* PYRS_COMPLEXOBJECT_H */
