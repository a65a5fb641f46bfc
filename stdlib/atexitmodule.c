/* atexit: functions run at interpreter shutdown, last registered first, as CPython 3.11's
 * Modules/atexitmodule.c: register/unregister/_run_exitfuncs/_clear/_ncallbacks, exceptions in
 * callbacks reported as unraisable. pyrs_atexit_run (pyrs/rtmods.h) is the shutdown hook. */
#include "Python.h"
#include "pyrs/rtmods.h"

/* One callback per list item: a (func, args tuple, kwargs dict or None) tuple. */
static PyObject *callbacks;

static int
callbacks_ready(void)
{
    if (callbacks == NULL) {
        callbacks = PyList_New(0);
    }
    return callbacks == NULL ? -1 : 0;
}

static PyObject *
atexit_register(PyObject *Py_UNUSED(module), PyObject *args, PyObject *kwargs)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n == 0) {
        PyErr_SetString(PyExc_TypeError, "register() takes at least 1 argument (0 given)");
        return NULL;
    }
    PyObject *func = PyTuple_GET_ITEM(args, 0);
    if (!PyCallable_Check(func)) {
        PyErr_SetString(PyExc_TypeError, "the first argument must be callable");
        return NULL;
    }
    if (callbacks_ready() < 0) {
        return NULL;
    }
    PyObject *rest = PyTuple_GetSlice(args, 1, n);
    PyObject *kw =
        kwargs != NULL && PyDict_GET_SIZE(kwargs) > 0 ? PyDict_Copy(kwargs) : Py_NewRef(Py_None);
    PyObject *entry = rest != NULL && kw != NULL ? PyTuple_Pack(3, func, rest, kw) : NULL;
    Py_XDECREF(rest);
    Py_XDECREF(kw);
    if (entry == NULL || PyList_Append(callbacks, entry) < 0) {
        Py_XDECREF(entry);
        return NULL;
    }
    Py_DECREF(entry);
    return Py_NewRef(func);
}

/* Like CPython 3.11, an unregistered callback leaves an empty slot (None) behind, so
 * _ncallbacks() does not shrink until the list is run or cleared. */
static PyObject *
atexit_unregister(PyObject *Py_UNUSED(module), PyObject *func)
{
    if (callbacks == NULL) {
        Py_RETURN_NONE;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(callbacks); i++) {
        PyObject *entry = PyList_GET_ITEM(callbacks, i);
        if (entry == Py_None) {
            continue;
        }
        Py_INCREF(entry);
        int eq = PyObject_RichCompareBool(PyTuple_GET_ITEM(entry, 0), func, Py_EQ);
        Py_DECREF(entry);
        if (eq < 0) {
            return NULL;
        }
        if (eq && i < PyList_GET_SIZE(callbacks) &&
            PyList_SetItem(callbacks, i, Py_NewRef(Py_None)) < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

/* Calls one entry; an exception is reported as "Exception ignored in atexit callback". */
static void
call_entry(PyObject *entry)
{
    PyObject *func = PyTuple_GET_ITEM(entry, 0), *kw = PyTuple_GET_ITEM(entry, 2);
    PyObject *res = PyObject_Call(func, PyTuple_GET_ITEM(entry, 1), kw == Py_None ? NULL : kw);
    if (res == NULL) {
        _PyErr_WriteUnraisableMsg("in atexit callback", func);
    }
    Py_XDECREF(res);
}

void
pyrs_atexit_run(void)
{
    if (callbacks == NULL) {
        return;
    }
    /* Callbacks may register or unregister others while we run: take the list first. */
    PyObject *todo = callbacks;
    callbacks = NULL;
    for (Py_ssize_t i = PyList_GET_SIZE(todo) - 1; i >= 0; i--) {
        if (PyList_GET_ITEM(todo, i) != Py_None) {
            call_entry(PyList_GET_ITEM(todo, i));
        }
    }
    Py_DECREF(todo);
    if (callbacks != NULL) {
        PyList_SetSlice(callbacks, 0, PyList_GET_SIZE(callbacks), NULL);
    }
}

static PyObject *
atexit_run_exitfuncs(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    pyrs_atexit_run();
    if (PyErr_Occurred()) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
atexit_clear(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    if (callbacks != NULL && PyList_SetSlice(callbacks, 0, PyList_GET_SIZE(callbacks), NULL) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
atexit_ncallbacks(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    return PyLong_FromSsize_t(callbacks == NULL ? 0 : PyList_GET_SIZE(callbacks));
}

static PyMethodDef atexit_methods[] = {
    {"register", (PyCFunction)(void (*)(void))atexit_register, METH_VARARGS | METH_KEYWORDS, NULL},
    {"unregister", atexit_unregister, METH_O, NULL},
    {"_run_exitfuncs", atexit_run_exitfuncs, METH_NOARGS, NULL},
    {"_clear", atexit_clear, METH_NOARGS, NULL},
    {"_ncallbacks", atexit_ncallbacks, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef atexit_module = {
    PyModuleDef_HEAD_INIT, "atexit", NULL, 0, atexit_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_atexit(void);

PyMODINIT_FUNC
PyInit_atexit(void)
{
    return PyModule_Create(&atexit_module);
}
