/* test_float.c: float against results recorded from CPython 3.11 (float_expect.h, written by
 * gen_numbers_expect.py): shortest repr, arithmetic, rounding, parsing, hex and format, plus
 * the C-API helpers (PyOS_double_to_string, PyOS_string_to_double, pack/unpack). */
#include "harness.h"
#include "Python.h"
#include "pyrs/lifecycle.h"

#include "numbers_testlib.h"
#include "float_expect.h"

static void
test_c_api(void)
{
    CHECK_EQ_INT(sizeof(PyFloatObject), 24);
    CHECK_EQ_INT(offsetof(PyFloatObject, ob_fval), 16);
    char *s = PyOS_double_to_string(0.1, 'r', 0, Py_DTSF_ADD_DOT_0, NULL);
    CHECK_EQ_STR(s, "0.1");
    PyMem_Free(s);
    s = PyOS_double_to_string(-1234.5678, 'f', 2, Py_DTSF_SIGN, NULL);
    CHECK_EQ_STR(s, "-1234.57");
    PyMem_Free(s);
    s = PyOS_double_to_string(1e300, 'g', 3, 0, NULL);
    CHECK_EQ_STR(s, "1e+300");
    PyMem_Free(s);
    char *end;
    CHECK(PyOS_string_to_double("1.5abc", &end, NULL) == 1.5 && strcmp(end, "abc") == 0);
    CHECK(PyOS_string_to_double("1e999", NULL, PyExc_OverflowError) == -1.0 &&
          PyErr_ExceptionMatches(PyExc_OverflowError));
    PyErr_Clear();
    CHECK(PyOS_string_to_double("x", NULL, NULL) == -1.0 &&
          PyErr_ExceptionMatches(PyExc_ValueError));
    PyErr_Clear();
    char buf[8];
    CHECK(PyFloat_Pack2(1.5, buf, 1) == 0 && PyFloat_Unpack2(buf, 1) == 1.5);
    CHECK(PyFloat_Pack2(65520.0, buf, 1) == -1);
    PyErr_Clear();
    CHECK(PyFloat_Pack2(65504.0, buf, 0) == 0 && PyFloat_Unpack2(buf, 0) == 65504.0);
    CHECK(PyFloat_Pack2(5.960464477539063e-08, buf, 1) == 0 &&
          PyFloat_Unpack2(buf, 1) == 5.960464477539063e-08);
    CHECK(PyFloat_Pack4(0.1, buf, 0) == 0 && PyFloat_Unpack4(buf, 0) == (double)0.1f);
    CHECK(PyFloat_Pack4(1e300, buf, 0) == -1);
    PyErr_Clear();
    CHECK(PyFloat_Pack8(-2.5, buf, 0) == 0 && (unsigned char)buf[0] == 0xc0 &&
          PyFloat_Unpack8(buf, 0) == -2.5);
    PyObject *text = PyUnicode_FromString(" 2.5 ");
    PyObject *vc = PyFloat_Type.tp_vectorcall((PyObject *)&PyFloat_Type, &text, 1, NULL);
    CHECK(vc != NULL && PyFloat_CheckExact(vc) && PyFloat_AS_DOUBLE(vc) == 2.5);
    Py_XDECREF(vc);
    Py_DECREF(text);
    vc = PyFloat_Type.tp_vectorcall((PyObject *)&PyFloat_Type, NULL, 0, NULL);
    CHECK(vc != NULL && PyFloat_AS_DOUBLE(vc) == 0.0);
    Py_XDECREF(vc);
    PyObject *f = PyFloat_FromDouble(3.25);
    CHECK(PyFloat_AsDouble(f) == 3.25);
    Py_DECREF(f);
    PyObject *i = PyLong_FromLong(7);
    CHECK(PyFloat_AsDouble(i) == 7.0);
    Py_DECREF(i);
}

static void
run_tests(void)
{
    if (pyrs_runtime_init() < 0) {
        CHECK(!"pyrs_runtime_init failed");
        return;
    }
    test_c_api();
    run_cases(float_cases, Py_ARRAY_LENGTH(float_cases), 60);
}
