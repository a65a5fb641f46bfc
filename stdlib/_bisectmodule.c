/* _bisectmodule.c: the _bisect accelerator (bisect_left/right, insort_left/right with lo, hi and
 * key), mirroring CPython 3.11's Modules/_bisectmodule.c: items are fetched with the sequence
 * protocol, compared with < only, and insort calls a non-list's own insert method. */
#include "Python.h"
#include "pyrs/call.h"

/* hi's converter: None (and -1) mean len(a). */
static int
convert_hi(PyObject *obj, Py_ssize_t *hi)
{
    if (obj == NULL || obj == Py_None) {
        *hi = -1;
        return 0;
    }
    if (!PyLong_Check(obj) && !PyIndex_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "argument should be integer or None, not '%.200s'",
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    Py_ssize_t v = PyNumber_AsSsize_t(obj, PyExc_OverflowError);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *hi = v;
    return 0;
}

static int
convert_lo(PyObject *obj, Py_ssize_t *lo)
{
    if (obj == NULL) {
        *lo = 0;
        return 0;
    }
    PyObject *idx = PyNumber_Index(obj);
    if (idx == NULL) {
        return -1;
    }
    *lo = PyLong_AsSsize_t(idx);
    Py_DECREF(idx);
    return (*lo == -1 && PyErr_Occurred()) ? -1 : 0;
}

/* The insertion point of ITEM in A[lo:hi]; RIGHT picks bisect_right's tie rule. -1 on error. */
static Py_ssize_t
bisect(PyObject *a, PyObject *item, Py_ssize_t lo, Py_ssize_t hi, PyObject *key, int right)
{
    if (lo < 0) {
        PyErr_SetString(PyExc_ValueError, "lo must be non-negative");
        return -1;
    }
    if (hi == -1) {
        hi = PySequence_Size(a);
        if (hi < 0) {
            return -1;
        }
    }
    while (lo < hi) {
        Py_ssize_t mid = (Py_ssize_t)(((size_t)lo + (size_t)hi) / 2);
        PyObject *litem = PySequence_GetItem(a, mid);
        if (litem == NULL) {
            return -1;
        }
        if (key != Py_None) {
            PyObject *k = PyObject_CallOneArg(key, litem);
            Py_DECREF(litem);
            if (k == NULL) {
                return -1;
            }
            litem = k;
        }
        int res = right ? PyObject_RichCompareBool(item, litem, Py_LT)
                        : PyObject_RichCompareBool(litem, item, Py_LT);
        Py_DECREF(litem);
        if (res < 0) {
            return -1;
        }
        if (right ? res : !res) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo;
}

/* Parses (a, x, lo=0, hi=None, *, key=None) as the clinic-generated parsers of 3.11 do. */
static int
parse(const char *fmt, PyObject *args, PyObject *kwds, PyObject **a, PyObject **x, Py_ssize_t *lo,
      Py_ssize_t *hi, PyObject **key)
{
    static const char *kwlist[] = {"a", "x", "lo", "hi", "key", NULL};
    PyObject *loobj = NULL, *hiobj = NULL;
    *key = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, fmt, (char **)kwlist, a, x, &loobj, &hiobj, key)) {
        return -1;
    }
    if (convert_lo(loobj, lo) < 0 || convert_hi(hiobj, hi) < 0) {
        return -1;
    }
    return 0;
}

static PyObject *
bisect_common(const char *fmt, PyObject *args, PyObject *kwds, int right)
{
    PyObject *a, *x, *key;
    Py_ssize_t lo, hi;
    if (parse(fmt, args, kwds, &a, &x, &lo, &hi, &key) < 0) {
        return NULL;
    }
    Py_ssize_t r = bisect(a, x, lo, hi, key, right);
    return r < 0 ? NULL : PyLong_FromSsize_t(r);
}

static PyObject *
bisect_right(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    return bisect_common("OO|OO$O:bisect_right", args, kwds, 1);
}

static PyObject *
bisect_left(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    return bisect_common("OO|OO$O:bisect_left", args, kwds, 0);
}

static PyObject *
insort_common(const char *fmt, PyObject *args, PyObject *kwds, int right)
{
    PyObject *a, *x, *key;
    Py_ssize_t lo, hi, index;
    if (parse(fmt, args, kwds, &a, &x, &lo, &hi, &key) < 0) {
        return NULL;
    }
    if (key == Py_None) {
        index = bisect(a, x, lo, hi, key, right);
    } else {
        PyObject *kx = PyObject_CallOneArg(key, x);
        if (kx == NULL) {
            return NULL;
        }
        index = bisect(a, kx, lo, hi, key, right);
        Py_DECREF(kx);
    }
    if (index < 0) {
        return NULL;
    }
    if (PyList_CheckExact(a)) {
        if (PyList_Insert(a, index, x) < 0) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    PyObject *res = PyObject_CallMethod(a, "insert", "nO", index, x);
    if (res == NULL) {
        return NULL;
    }
    Py_DECREF(res);
    Py_RETURN_NONE;
}

static PyObject *
insort_right(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    return insort_common("OO|OO$O:insort_right", args, kwds, 1);
}

static PyObject *
insort_left(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    return insort_common("OO|OO$O:insort_left", args, kwds, 0);
}

#define KWFUNC(f) (PyCFunction)(void (*)(void))(f), METH_VARARGS | METH_KEYWORDS

static PyMethodDef bisect_methods[] = {
    {"bisect_right", KWFUNC(bisect_right),
     "bisect_right($module, /, a, x, lo=0, hi=None, *, key=None)\n--\n\nReturn the index where to "
     "insert item x in list a, assuming a is sorted."},
    {"insort_right", KWFUNC(insort_right),
     "insort_right($module, /, a, x, lo=0, hi=None, *, key=None)\n--\n\nInsert item x in list a, "
     "and keep it sorted assuming a is sorted."},
    {"bisect_left", KWFUNC(bisect_left),
     "bisect_left($module, /, a, x, lo=0, hi=None, *, key=None)\n--\n\nReturn the index where to "
     "insert item x in list a, assuming a is sorted."},
    {"insort_left", KWFUNC(insort_left),
     "insort_left($module, /, a, x, lo=0, hi=None, *, key=None)\n--\n\nInsert item x in list a, "
     "and keep it sorted assuming a is sorted."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef bisect_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_bisect",
    .m_doc = "Bisection algorithms.\n\nThis module provides support for maintaining a list in "
             "sorted order without\nhaving to sort the list after each insertion. For long lists "
             "of items with\nexpensive comparison operations, this can be an improvement over "
             "the more common\napproach.\n",
    .m_size = 0,
    .m_methods = bisect_methods,
};

PyMODINIT_FUNC PyInit__bisect(void);

/* Module init: a new module object, or NULL with an exception. */
PyMODINIT_FUNC
PyInit__bisect(void)
{
    return PyModule_Create(&bisect_module);
}
