/* cpyext/accu.c: _PyAccu, CPython 3.11's string accumulator (Objects/accu.c), which the
 * _json extension builds its output with: pieces collect in a small list that is joined
 * into the large list every 100,000 pieces, to bound the per-object overhead. */
#include "Python.h"
#include "pyrs/cpyext.h"

#define FLUSH_AT 100000

static PyObject *
join_all(PyObject *list)
{
    PyObject *empty = PyUnicode_FromStringAndSize("", 0);
    PyObject *res = empty ? PyUnicode_Join(empty, list) : NULL;
    Py_XDECREF(empty);
    return res;
}

/* Joins the small list into one str appended to the large list. 0 or -1. */
static int
flush(_PyAccu *acc)
{
    Py_ssize_t n = PyList_GET_SIZE(acc->small);
    if (n == 0) {
        return 0;
    }
    if (acc->large == NULL && (acc->large = PyList_New(0)) == NULL) {
        return -1;
    }
    PyObject *joined = join_all(acc->small);
    if (joined == NULL) {
        return -1;
    }
    int r = PyList_SetSlice(acc->small, 0, n, NULL) < 0 ? -1 : PyList_Append(acc->large, joined);
    Py_DECREF(joined);
    return r;
}

int
_PyAccu_Init(_PyAccu *acc)
{
    acc->large = NULL;
    acc->small = PyList_New(0);
    return acc->small == NULL ? -1 : 0;
}

int
_PyAccu_Accumulate(_PyAccu *acc, PyObject *unicode)
{
    if (PyList_Append(acc->small, unicode) < 0) {
        return -1;
    }
    return PyList_GET_SIZE(acc->small) < FLUSH_AT ? 0 : flush(acc);
}

PyObject *
_PyAccu_FinishAsList(_PyAccu *acc)
{
    int r = flush(acc);
    Py_CLEAR(acc->small);
    if (r < 0) {
        Py_CLEAR(acc->large);
        return NULL;
    }
    PyObject *res = acc->large != NULL ? acc->large : PyList_New(0);
    acc->large = NULL;
    return res;
}

PyObject *
_PyAccu_Finish(_PyAccu *acc)
{
    PyObject *list;
    if (acc->large == NULL) {
        list = acc->small;
        acc->small = NULL;
    } else if ((list = _PyAccu_FinishAsList(acc)) == NULL) {
        return NULL;
    }
    PyObject *res = join_all(list);
    Py_DECREF(list);
    return res;
}

void
_PyAccu_Destroy(_PyAccu *acc)
{
    Py_CLEAR(acc->small);
    Py_CLEAR(acc->large);
}
