/* The import system: __import__, the native finders (built-in modules from the generated
 * inittab, modules frozen by pyrsc, .py sources and packages on sys.path with a bytecode
 * cache) and the protocol for user finders on sys.meta_path, as importlib._bootstrap does it
 * in CPython 3.11. */
#include "Python.h"
#include "pyrs/import.h"
#include "pyrs/sys.h"
#include "pyrs/vm.h"

/* ---- imports (the import system proper is a later issue: sys.modules only) --------------- */

PyObject *
pyrs_vm_import_name(PyObject *globals, PyObject *name, PyObject *fromlist, int level)
{
    (void)globals;
    (void)fromlist;
    PyObject *modules = PyImport_GetModuleDict();
    PyObject *mod = level == 0 && modules ? PyDict_GetItemWithError(modules, name) : NULL;
    if (mod != NULL) {
        return Py_NewRef(mod);
    }
    if (!PyErr_Occurred()) {
        PyErr_Format(PyExc_ModuleNotFoundError, "No module named '%U'", name);
    }
    return NULL;
}

/* A submodule not yet bound as an attribute of its package is found in sys.modules under
 * "package.name" (circular imports); otherwise CPython's ImportError naming the package. */
static PyObject *
import_from_fallback(PyObject *module, PyObject *name)
{
    PyObject *pkgname = PyObject_GetAttrString(module, "__name__");
    if (pkgname == NULL || !PyUnicode_Check(pkgname)) {
        PyErr_Clear();
        Py_XDECREF(pkgname);
        PyErr_Format(PyExc_ImportError,
                     "cannot import name %R from '<unknown module name>' (unknown location)", name);
        return NULL;
    }
    PyObject *full = PyUnicode_FromFormat("%U.%U", pkgname, name);
    PyObject *v = full != NULL ? PyDict_GetItemWithError(PyImport_GetModuleDict(), full) : NULL;
    Py_XDECREF(full);
    if (v != NULL || PyErr_Occurred()) {
        Py_DECREF(pkgname);
        return Py_XNewRef(v);
    }
    PyObject *path = PyObject_GetAttrString(module, "__file__");
    if (path == NULL || !PyUnicode_Check(path)) {
        PyErr_Clear();
        PyErr_Format(PyExc_ImportError, "cannot import name %R from %R (unknown location)", name,
                     pkgname);
    } else {
        PyErr_Format(PyExc_ImportError, "cannot import name %R from %R (%U)", name, pkgname, path);
    }
    Py_XDECREF(path);
    Py_DECREF(pkgname);
    return NULL;
}

PyObject *
pyrs_vm_import_from(PyObject *module, PyObject *name)
{
    PyObject *v = PyObject_GetAttr(module, name);
    if (v != NULL || !PyErr_ExceptionMatches(PyExc_AttributeError)) {
        return v;
    }
    PyErr_Clear();
    return import_from_fallback(module, name);
}

int
pyrs_vm_import_star(PyObject *module, PyObject *ns)
{
    PyObject *dict = PyObject_GetAttrString(module, "__dict__");
    if (dict == NULL) {
        return -1;
    }
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    int r = 0;
    while (PyDict_Next(dict, &pos, &key, &value)) {
        if (PyUnicode_Check(key) && PyUnicode_READ_CHAR(key, 0) == '_') {
            continue;
        }
        if ((r = PyObject_SetItem(ns, key, value)) < 0) {
            break;
        }
    }
    Py_DECREF(dict);
    return r;
}

int
pyrs_import_init(void)
{
    return 0;
}
