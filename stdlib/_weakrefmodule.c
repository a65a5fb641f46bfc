/* _weakref: the native half of the weakref module (CPython 3.11's Modules/_weakref.c): the
 * reference and proxy types of runtime/weakrefobject.c, the per-object counts and lists, and
 * the dead-entry removal WeakValueDictionary uses. */
#include "Python.h"
#include "pyrs/call.h"
#include "pyrs/weakref.h"

static PyObject *
weakref_getweakrefcount(PyObject *Py_UNUSED(module), PyObject *object)
{
    return PyLong_FromSsize_t(pyrs_weakref_count(object));
}

static PyObject *
weakref_getweakrefs(PyObject *Py_UNUSED(module), PyObject *object)
{
    return pyrs_weakref_list(object);
}

static PyObject *
weakref_proxy(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("proxy", nargs, 1, 2)) {
        return NULL;
    }
    PyObject *callback = nargs > 1 && args[1] != Py_None ? args[1] : NULL;
    return PyWeakref_NewProxy(args[0], callback);
}

/* Deletes DCT[KEY] when it is a dead weak reference; a missing key is not an error. */
static PyObject *
weakref_remove_dead_weakref(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("_remove_dead_weakref", nargs, 2, 2)) {
        return NULL;
    }
    if (!PyDict_Check(args[0])) {
        PyErr_Format(PyExc_TypeError, "_remove_dead_weakref() argument 1 must be dict, not %.50s",
                     Py_TYPE(args[0])->tp_name);
        return NULL;
    }
    PyObject *value = PyDict_GetItemWithError(args[0], args[1]);
    if (value == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    if (!PyWeakref_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "not a weakref");
        return NULL;
    }
    if (PyWeakref_GET_OBJECT(value) == Py_None && PyDict_DelItem(args[0], args[1]) < 0) {
        if (!PyErr_ExceptionMatches(PyExc_KeyError)) {
            return NULL;
        }
        PyErr_Clear();
    }
    Py_RETURN_NONE;
}

static PyMethodDef weakref_methods[] = {
    {"getweakrefcount", weakref_getweakrefcount, METH_O, NULL},
    {"getweakrefs", weakref_getweakrefs, METH_O, NULL},
    {"proxy", (PyCFunction)(void (*)(void))weakref_proxy, METH_FASTCALL, NULL},
    {"_remove_dead_weakref", (PyCFunction)(void (*)(void))weakref_remove_dead_weakref,
     METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};

static int
weakref_exec(PyObject *module)
{
    if (PyModule_AddObjectRef(module, "ref", (PyObject *)&_PyWeakref_RefType) < 0 ||
        PyModule_AddObjectRef(module, "ReferenceType", (PyObject *)&_PyWeakref_RefType) < 0 ||
        PyModule_AddObjectRef(module, "ProxyType", (PyObject *)&_PyWeakref_ProxyType) < 0 ||
        PyModule_AddObjectRef(module, "CallableProxyType",
                              (PyObject *)&_PyWeakref_CallableProxyType) < 0) {
        return -1;
    }
    return 0;
}

static struct PyModuleDef weakref_module = {
    PyModuleDef_HEAD_INIT, "_weakref", NULL, 0, weakref_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__weakref(void);

PyMODINIT_FUNC
PyInit__weakref(void)
{
    PyObject *m = PyModule_Create(&weakref_module);
    if (m != NULL && weakref_exec(m) < 0) {
        Py_CLEAR(m);
    }
    return m;
}
