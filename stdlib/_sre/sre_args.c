/* sre_args.c: argument unpacking for the _sre methods (vectorcall with keywords) giving the
 * TypeError messages of CPython 3.11's Argument Clinic parsers, and the Py_ssize_t converter
 * those methods use for pos/endpos/count/maxsplit. */
#include "sre.h"

int
pyrs_sre_parse_args(const char *fname, const char *const *names, int required,
                    PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, PyObject **out)
{
    int total = 0;
    while (names[total] != NULL) {
        total++;
    }
    if (nargs > total) {
        PyErr_Format(PyExc_TypeError, "%s() takes %s %d argument%s (%zd given)", fname,
                     required < total ? "at most" : "exactly", total, total == 1 ? "" : "s", nargs);
        return -1;
    }
    for (int i = 0; i < total; i++) {
        out[i] = i < nargs ? args[i] : NULL;
    }
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        int i = 0;
        for (; i < total; i++) {
            if (PyUnicode_CompareWithASCIIString(key, names[i]) == 0) {
                break;
            }
        }
        if (i == total) {
            PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for %s()", key,
                         fname);
            return -1;
        }
        if (out[i] != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %s() given by name ('%s') and position (%d)", fname,
                         names[i], i + 1);
            return -1;
        }
        out[i] = args[nargs + k];
    }
    for (int i = 0; i < required; i++) {
        if (out[i] == NULL) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %d)", fname,
                         names[i], i + 1);
            return -1;
        }
    }
    return 0;
}

int
pyrs_sre_ssize_arg(PyObject *obj, Py_ssize_t def, Py_ssize_t *res)
{
    if (obj == NULL) {
        *res = def;
        return 0;
    }
    PyObject *idx = PyNumber_Index(obj);
    if (idx == NULL) {
        return -1;
    }
    *res = PyLong_AsSsize_t(idx);
    Py_DECREF(idx);
    return (*res == -1 && PyErr_Occurred()) ? -1 : 0;
}
