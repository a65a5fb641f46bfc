/* test_memory.c: memoryview against the oracle (attributes, tobytes/tolist/hex, indexing,
 * slicing, item assignment, comparison, hashing, released views; table from
 * gen_text_expect.py) plus the buffer-export contracts with bytearray. */
#include "harness.h"
#include "Python.h"
#include "pyrs/lifecycle.h"
#include "text_cases.h"

#include <stdlib.h>

#include "memory_expect.h"

static void
test_exports(void)
{
    PyObject *ba = PyByteArray_FromStringAndSize("abc", 3);
    PyObject *mv = PyMemoryView_FromObject(ba);
    CHECK(mv != NULL);
    CHECK_EQ_INT(((PyByteArrayObject *)ba)->ob_exports, 1);
    CHECK(PyByteArray_Resize(ba, 8) == -1 && PyErr_ExceptionMatches(PyExc_BufferError));
    PyErr_Clear();
    PyObject *mv2 = PyMemoryView_FromObject(mv);
    CHECK(mv2 != NULL && PyMemoryView_GET_BASE(mv2) == ba);
    CHECK_EQ_INT(((PyByteArrayObject *)ba)->ob_exports, 1);
    Py_DECREF(mv);
    CHECK_EQ_INT(((PyByteArrayObject *)ba)->ob_exports, 1);
    Py_DECREF(mv2);
    CHECK_EQ_INT(((PyByteArrayObject *)ba)->ob_exports, 0);
    CHECK(PyByteArray_Resize(ba, 8) == 0);
    char mem[4] = {1, 2, 3, 4};
    PyObject *m = PyMemoryView_FromMemory(mem, 4, PyBUF_WRITE);
    CHECK(m != NULL && !PyMemoryView_GET_BUFFER(m)->readonly &&
          PyMemoryView_GET_BUFFER(m)->len == 4);
    Py_XDECREF(m);
    CHECK(PyMemoryView_FromObject(Py_None) == NULL && PyErr_ExceptionMatches(PyExc_TypeError));
    PyErr_Clear();
    Py_DECREF(ba);
}

static void
run_tests(void)
{
    setenv("PYTHONHASHSEED", "0", 1);
    if (pyrs_runtime_init() < 0) {
        CHECK(!"pyrs_runtime_init failed");
        return;
    }
    test_exports();
    tv_run_cases(cases, sizeof cases / sizeof cases[0]);
}
