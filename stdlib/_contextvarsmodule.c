/* _contextvars: the module face of runtime/context.c (Context, ContextVar, Token and
 * copy_context), as CPython 3.11's Modules/_contextvarsmodule.c. */
#include "Python.h"
#include "context.h"
#include "pyrs/rtmods.h"

static PyObject *
contextvars_copy_context(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(args))
{
    return PyContext_CopyCurrent();
}

static PyMethodDef contextvars_methods[] = {
    {"copy_context", contextvars_copy_context, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef contextvars_module = {
    PyModuleDef_HEAD_INIT,
    "_contextvars",
    "Context Variables",
    0,
    contextvars_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PyInit__contextvars(void);

PyMODINIT_FUNC
PyInit__contextvars(void)
{
    if (pyrs_context_init_types() < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&contextvars_module);
    if (m == NULL || PyModule_AddType(m, &PyContext_Type) < 0 ||
        PyModule_AddType(m, &PyContextVar_Type) < 0 ||
        PyModule_AddType(m, &PyContextToken_Type) < 0) {
        Py_XDECREF(m);
        return NULL;
    }
    return m;
}
