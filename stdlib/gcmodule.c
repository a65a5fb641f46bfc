/* gc: the Python interface to the cycle collector of runtime/gc.c (pyrs/gc.h), as CPython
 * 3.11's Modules/gcmodule.c: enable/disable, collect, thresholds, counts, statistics, debug
 * flags, object queries, freeze, and the garbage and callbacks lists. */
#include "Python.h"
#include "pyrs/call.h"
#include "pyrs/gc.h"
#include "pyrs/rtmods.h"

static PyObject *
gc_enable(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    PyGC_Enable();
    Py_RETURN_NONE;
}

static PyObject *
gc_disable(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    PyGC_Disable();
    Py_RETURN_NONE;
}

static PyObject *
gc_isenabled(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    return PyBool_FromLong(PyGC_IsEnabled());
}

/* An int argument as a C int; -1 with an exception when it is not one. */
static int
int_arg(PyObject *arg, int *out)
{
    if (PyFloat_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return -1;
    }
    *out = _PyLong_AsInt(arg);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

static PyObject *
gc_collect(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"generation", NULL};
    PyObject *a[1];
    int gen = PYRS_GC_NUM_GENERATIONS - 1;
    if (pyrs_rtmods_bind("collect", args, nargs, kwnames, names, 0, a) < 0 ||
        (a[0] != NULL && int_arg(a[0], &gen) < 0)) {
        return NULL;
    }
    if (gen < 0 || gen >= PYRS_GC_NUM_GENERATIONS) {
        PyErr_SetString(PyExc_ValueError, "invalid generation");
        return NULL;
    }
    Py_ssize_t n = pyrs_gc_collect(gen);
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

static PyObject *
int_triple(const int v[PYRS_GC_NUM_GENERATIONS])
{
    return Py_BuildValue("(iii)", v[0], v[1], v[2]);
}

static PyObject *
gc_get_count(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    int v[PYRS_GC_NUM_GENERATIONS];
    pyrs_gc_get_count(v);
    return int_triple(v);
}

static PyObject *
gc_get_threshold(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    int v[PYRS_GC_NUM_GENERATIONS];
    pyrs_gc_get_threshold(v);
    return int_triple(v);
}

static PyObject *
gc_set_threshold(PyObject *Py_UNUSED(module), PyObject *args)
{
    int v[PYRS_GC_NUM_GENERATIONS];
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < 1 || n > 3) {
        PyErr_Format(PyExc_TypeError, "set_threshold() takes at %s %d argument%s (%zd given)",
                     n < 1 ? "least" : "most", n < 1 ? 1 : 3, n < 1 ? "" : "s", n);
        return NULL;
    }
    pyrs_gc_get_threshold(v);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (int_arg(PyTuple_GET_ITEM(args, i), &v[i]) < 0) {
            return NULL;
        }
    }
    pyrs_gc_set_threshold(v);
    Py_RETURN_NONE;
}

static PyObject *
gc_set_debug(PyObject *Py_UNUSED(module), PyObject *arg)
{
    int flags;
    if (int_arg(arg, &flags) < 0) {
        return NULL;
    }
    pyrs_gc_set_debug(flags);
    Py_RETURN_NONE;
}

static PyObject *
gc_get_debug(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    return PyLong_FromLong(pyrs_gc_get_debug());
}

static PyObject *
gc_get_objects(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs,
               PyObject *kwnames)
{
    static const char *const names[] = {"generation", NULL};
    PyObject *a[1];
    int gen = -1;
    if (pyrs_rtmods_bind("get_objects", args, nargs, kwnames, names, 0, a) < 0) {
        return NULL;
    }
    if (a[0] != NULL && a[0] != Py_None) {
        if (int_arg(a[0], &gen) < 0) {
            return NULL;
        }
        if (gen >= PYRS_GC_NUM_GENERATIONS) {
            PyErr_Format(PyExc_ValueError,
                         "generation parameter must be less than the number of available "
                         "generations (%i)",
                         PYRS_GC_NUM_GENERATIONS);
            return NULL;
        }
        if (gen < -1) {
            PyErr_SetString(PyExc_ValueError, "generation parameter cannot be negative");
            return NULL;
        }
    }
    return pyrs_gc_get_objects(gen);
}

static PyObject *
gc_get_stats(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    PyObject *list = PyList_New(0);
    for (int g = 0; list != NULL && g < PYRS_GC_NUM_GENERATIONS; g++) {
        Py_ssize_t collections, collected, uncollectable;
        pyrs_gc_get_stats(g, &collections, &collected, &uncollectable);
        PyObject *d = Py_BuildValue("{snsnsn}", "collections", collections, "collected", collected,
                                    "uncollectable", uncollectable);
        if (d == NULL || PyList_Append(list, d) < 0) {
            Py_CLEAR(list);
        }
        Py_XDECREF(d);
    }
    return list;
}

static PyObject *
gc_get_referrers(PyObject *Py_UNUSED(module), PyObject *args)
{
    return pyrs_gc_get_referrers(args);
}

static PyObject *
gc_get_referents(PyObject *Py_UNUSED(module), PyObject *args)
{
    return pyrs_gc_get_referents(args);
}

static PyObject *
gc_is_tracked(PyObject *Py_UNUSED(module), PyObject *obj)
{
    return PyBool_FromLong(PyObject_GC_IsTracked(obj));
}

static PyObject *
gc_is_finalized(PyObject *Py_UNUSED(module), PyObject *obj)
{
    return PyBool_FromLong(PyObject_GC_IsFinalized(obj));
}

static PyObject *
gc_freeze(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    pyrs_gc_freeze();
    Py_RETURN_NONE;
}

static PyObject *
gc_unfreeze(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    pyrs_gc_unfreeze();
    Py_RETURN_NONE;
}

static PyObject *
gc_get_freeze_count(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    return PyLong_FromSsize_t(pyrs_gc_get_freeze_count());
}

#define KW(name)                                                                                   \
    {                                                                                              \
#name, (PyCFunction)(void (*)(void))gc_##name, METH_FASTCALL | METH_KEYWORDS, NULL         \
    }

static PyMethodDef gc_methods[] = {
    {"enable", gc_enable, METH_NOARGS, NULL},
    {"disable", gc_disable, METH_NOARGS, NULL},
    {"isenabled", gc_isenabled, METH_NOARGS, NULL},
    {"set_debug", gc_set_debug, METH_O, NULL},
    {"get_debug", gc_get_debug, METH_NOARGS, NULL},
    {"get_count", gc_get_count, METH_NOARGS, NULL},
    {"set_threshold", gc_set_threshold, METH_VARARGS, NULL},
    {"get_threshold", gc_get_threshold, METH_NOARGS, NULL},
    KW(collect),
    KW(get_objects),
    {"get_stats", gc_get_stats, METH_NOARGS, NULL},
    {"is_tracked", gc_is_tracked, METH_O, NULL},
    {"is_finalized", gc_is_finalized, METH_O, NULL},
    {"get_referrers", gc_get_referrers, METH_VARARGS, NULL},
    {"get_referents", gc_get_referents, METH_VARARGS, NULL},
    {"freeze", gc_freeze, METH_NOARGS, NULL},
    {"unfreeze", gc_unfreeze, METH_NOARGS, NULL},
    {"get_freeze_count", gc_get_freeze_count, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int
gc_exec(PyObject *m)
{
    PyObject *garbage = pyrs_gc_garbage(), *cbs = pyrs_gc_callbacks();
    if (garbage == NULL || cbs == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_RuntimeError, "gc lists are not initialised");
        }
        return -1;
    }
    if (PyModule_AddObjectRef(m, "garbage", garbage) < 0 ||
        PyModule_AddObjectRef(m, "callbacks", cbs) < 0 ||
        PyModule_AddIntConstant(m, "DEBUG_STATS", PYRS_GC_DEBUG_STATS) < 0 ||
        PyModule_AddIntConstant(m, "DEBUG_COLLECTABLE", PYRS_GC_DEBUG_COLLECTABLE) < 0 ||
        PyModule_AddIntConstant(m, "DEBUG_UNCOLLECTABLE", PYRS_GC_DEBUG_UNCOLLECTABLE) < 0 ||
        PyModule_AddIntConstant(m, "DEBUG_SAVEALL", PYRS_GC_DEBUG_SAVEALL) < 0 ||
        PyModule_AddIntConstant(m, "DEBUG_LEAK",
                                PYRS_GC_DEBUG_COLLECTABLE | PYRS_GC_DEBUG_UNCOLLECTABLE |
                                    PYRS_GC_DEBUG_SAVEALL) < 0) {
        return -1;
    }
    return 0;
}

static struct PyModuleDef gc_module = {
    PyModuleDef_HEAD_INIT, "gc", NULL, 0, gc_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_gc(void);

PyMODINIT_FUNC
PyInit_gc(void)
{
    PyObject *m = PyModule_Create(&gc_module);
    if (m != NULL && gc_exec(m) < 0) {
        Py_CLEAR(m);
    }
    return m;
}
