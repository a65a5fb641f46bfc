/* test_complex.c: complex against results recorded from CPython 3.11 (complex_expect.h,
 * written by gen_numbers_expect.py): repr, arithmetic, powers, hashing, construction from
 * numbers and strings, and format, plus the Py_complex C-API. */
#include "harness.h"
#include "Python.h"
#include "pyrs/lifecycle.h"

#include <errno.h>

#include "numbers_testlib.h"
#include "complex_expect.h"

static void
test_c_api(void)
{
    CHECK_EQ_INT(sizeof(PyComplexObject), 32);
    CHECK_EQ_INT(offsetof(PyComplexObject, cval), 16);
    PyObject *c = PyComplex_FromDoubles(1.5, -2.0);
    CHECK(PyComplex_RealAsDouble(c) == 1.5 && PyComplex_ImagAsDouble(c) == -2.0);
    Py_complex v = PyComplex_AsCComplex(c);
    CHECK(v.real == 1.5 && v.imag == -2.0);
    Py_DECREF(c);
    PyObject *f = PyFloat_FromDouble(4.0);
    v = PyComplex_AsCComplex(f);
    CHECK(v.real == 4.0 && v.imag == 0.0);
    CHECK(PyComplex_ImagAsDouble(f) == 0.0);
    Py_DECREF(f);
    Py_complex q = _Py_c_quot((Py_complex){1, 1}, (Py_complex){0, 0});
    CHECK(errno == EDOM && q.real == 0.0);
    errno = 0;
    CHECK(_Py_c_abs((Py_complex){3, 4}) == 5.0);
}

static void
run_tests(void)
{
    if (pyrs_runtime_init() < 0) {
        CHECK(!"pyrs_runtime_init failed");
        return;
    }
    test_c_api();
    run_cases(complex_cases, Py_ARRAY_LENGTH(complex_cases), 60);
}
