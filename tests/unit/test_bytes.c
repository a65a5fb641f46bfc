/* test_bytes.c: bytes and bytearray against the oracle: the shared methods over a corpus,
 * decoding with every error handler, hex/fromhex, slicing, operators and bytes % args (table
 * from gen_text_expect.py), plus C-API contracts: singletons, cached hash, resizing, and
 * bytearray's export lock. */
#include "harness.h"
#include "Python.h"
#include "pyrs/lifecycle.h"
#include "text_cases.h"

#include <stdlib.h>

/* Compares the repr of a PyBytes_FromFormat result (or its exception) with the oracle's. */
#define CHECK_BYTES_FORMAT(call, expected)                                                         \
    do {                                                                                           \
        PyObject *_r = (call);                                                                     \
        PyObject *_t = _r ? tv_repr(_r) : tv_exception_text();                                     \
        CHECK_EQ_STR(_t ? PyUnicode_AsUTF8(_t) : NULL, (expected));                                \
        Py_XDECREF(_t);                                                                            \
        Py_XDECREF(_r);                                                                            \
        PyErr_Clear();                                                                             \
    } while (0)

#include "bytes_expect.h"

static void
test_capi(void)
{
    PyObject *a = PyBytes_FromString("abc"), *e1 = PyBytes_FromStringAndSize("", 0);
    PyObject *e2 = PyBytes_FromStringAndSize(NULL, 0);
    CHECK(e1 == e2);
    CHECK_EQ_INT(PyBytes_Size(a), 3);
    CHECK_EQ_STR(PyBytes_AsString(a), "abc");
    CHECK_EQ_INT(((PyBytesObject *)a)->ob_shash, -1);
    Py_hash_t h = PyObject_Hash(a);
    CHECK(h != -1 && ((PyBytesObject *)a)->ob_shash == h);
    char *s;
    Py_ssize_t n;
    CHECK(PyBytes_AsStringAndSize(a, &s, &n) == 0 && n == 3 && s[3] == '\0');
    PyObject *nul = PyBytes_FromStringAndSize("a\0b", 3);
    CHECK(PyBytes_AsStringAndSize(nul, &s, NULL) == -1 && PyErr_ExceptionMatches(PyExc_ValueError));
    PyErr_Clear();
    PyBytes_Concat(&a, nul);
    CHECK(a && PyBytes_GET_SIZE(a) == 6 && memcmp(PyBytes_AS_STRING(a), "abca\0b", 6) == 0);
    PyObject *f = PyBytes_FromFormat("%d-%s-%c", 42, "xy", 'z');
    CHECK_EQ_STR(PyBytes_AS_STRING(f), "42-xy-z");
    PyObject *r = PyBytes_FromStringAndSize(NULL, 10);
    memcpy(PyBytes_AS_STRING(r), "0123456789", 10);
    CHECK(_PyBytes_Resize(&r, 4) == 0 && PyBytes_GET_SIZE(r) == 4 && PyBytes_AS_STRING(r)[4] == 0);

    PyObject *ba = PyByteArray_FromStringAndSize("hello", 5);
    Py_buffer view;
    CHECK(PyObject_GetBuffer(ba, &view, PyBUF_SIMPLE) == 0);
    CHECK_EQ_INT(((PyByteArrayObject *)ba)->ob_exports, 1);
    CHECK(PyByteArray_Resize(ba, 10) == -1 && PyErr_ExceptionMatches(PyExc_BufferError));
    PyErr_Clear();
    PyBuffer_Release(&view);
    CHECK(PyByteArray_Resize(ba, 10) == 0 && PyByteArray_GET_SIZE(ba) == 10);
    CHECK(memcmp(PyByteArray_AS_STRING(ba), "hello", 5) == 0);
    CHECK(PyObject_Hash(ba) == -1 && PyErr_ExceptionMatches(PyExc_TypeError));
    PyErr_Clear();
    Py_DECREF(ba);
    Py_DECREF(r);
    Py_DECREF(f);
    Py_DECREF(nul);
    Py_DECREF(a);
    Py_DECREF(e1);
    Py_DECREF(e2);
}

static void
run_tests(void)
{
    setenv("PYTHONHASHSEED", "0", 1);
    if (pyrs_runtime_init() < 0) {
        CHECK(!"pyrs_runtime_init failed");
        return;
    }
    test_capi();
    bytes_fromformat_cases();
    tv_run_cases(cases, sizeof cases / sizeof cases[0]);
}
