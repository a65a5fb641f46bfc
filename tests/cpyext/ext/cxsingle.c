/* cxsingle and the broken test modules, built against python3.11-dev's headers:
 *   CX_KIND 0  cxpkg.cxsingle: single-phase init (PyModule_Create) inside a package, with a
 *              static type and a global init counter, to test the package context, __file__,
 *              and the extension cache that a re-import copies the first module's dict from;
 *   CX_KIND 1  cxraise: PyInit_ raises an exception;
 *   CX_KIND 2  cxnull: PyInit_ returns NULL without an exception;
 *   CX_KIND 3  cxmissing: needs a symbol nothing defines (dlopen must fail cleanly);
 *   CX_KIND 4  cxnoinit: defines no PyInit_ function. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if CX_KIND == 0

static int init_calls;

typedef struct {
    PyObject_HEAD
    long value;
} CounterObject;

static PyObject *
counter_incr(CounterObject *c, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(++c->value);
}

static PyMethodDef counter_methods[] = {
    {"incr", (PyCFunction)counter_incr, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject CounterType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "cxpkg.cxsingle.Counter",
    .tp_basicsize = sizeof(CounterObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_methods = counter_methods,
};

static PyObject *
single_init_calls(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(init_calls);
}

static struct PyModuleDef single_module;

static PyObject *
single_find_self(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    PyObject *found = PyState_FindModule(&single_module);
    if (found == NULL) {
        Py_RETURN_NONE;
    }
    return Py_NewRef(found);
}

static PyMethodDef single_functions[] = {
    {"init_calls", single_init_calls, METH_NOARGS, NULL},
    {"find_self", single_find_self, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef single_module = {
    PyModuleDef_HEAD_INIT,
    "cxsingle",
    "single-phase test module",
    -1,
    single_functions,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit_cxsingle(void)
{
    init_calls++;
    if (PyType_Ready(&CounterType) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&single_module);
    if (m == NULL) {
        return NULL;
    }
    Py_INCREF(&CounterType);
    if (PyModule_AddObject(m, "Counter", (PyObject *)&CounterType) < 0 ||
        PyModule_AddIntConstant(m, "VERSION", 3) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

#elif CX_KIND == 1

PyMODINIT_FUNC
PyInit_cxraise(void)
{
    PyErr_SetString(PyExc_RuntimeError, "cxraise refuses to initialise");
    return NULL;
}

#elif CX_KIND == 2

PyMODINIT_FUNC
PyInit_cxnull(void)
{
    return NULL;
}

#elif CX_KIND == 3

extern int pyrs_cx_nonexistent(void);

PyMODINIT_FUNC
PyInit_cxmissing(void)
{
    return PyLong_FromLong(pyrs_cx_nonexistent());
}

#else

PyMODINIT_FUNC PyInit_somethingelse(void);

PyMODINIT_FUNC
PyInit_somethingelse(void)
{
    return NULL;
}

#endif
