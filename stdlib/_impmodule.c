/* _imp: the import-machinery primitives importlib and pkgutil call (CPython 3.11's _imp),
 * over runtime/import.c, plus the private _pyrs_* entry points of pyrs's own specs, loaders
 * and finders (runtime/import_bootstrap.py). The global import lock lives with the module
 * locks (runtime/ceval_gil.c). */
#include <sys/stat.h>
#include <unistd.h>

#include "Python.h"
#include "pyrs/call.h"
#include "pyrs/code.h"
#include "pyrs/config.h"
#include "pyrs/cpyext.h"
#include "pyrs/gil.h"
#include "pyrs/hash.h"
#include "pyrs/import.h"

static PyObject *
imp_lock_held(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    return PyBool_FromLong(pyrs_gil_global_import_held());
}

static PyObject *
imp_acquire_lock(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    pyrs_gil_global_import_acquire();
    Py_RETURN_NONE;
}

static PyObject *
imp_release_lock(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    if (pyrs_gil_global_import_release() < 0) {
        PyErr_SetString(PyExc_RuntimeError, "not holding the import lock");
        return NULL;
    }
    Py_RETURN_NONE;
}

static int
need_str(PyObject *arg, const char *fname)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "%s() argument must be str, not %.50s", fname,
                     Py_TYPE(arg)->tp_name);
        return -1;
    }
    return 0;
}

static PyObject *
imp_is_builtin(PyObject *Py_UNUSED(m), PyObject *name)
{
    if (need_str(name, "is_builtin") < 0) {
        return NULL;
    }
    return PyLong_FromLong(pyrs_import_is_builtin(name));
}

static PyObject *
imp_create_builtin(PyObject *Py_UNUSED(m), PyObject *spec)
{
    return pyrs_import_create_builtin(spec);
}

static PyObject *
imp_exec_builtin(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(mod))
{
    return PyLong_FromLong(0); /* create_builtin already executed it */
}

static PyObject *
imp_is_frozen(PyObject *Py_UNUSED(m), PyObject *name)
{
    if (need_str(name, "is_frozen") < 0) {
        return NULL;
    }
    return PyBool_FromLong(pyrs_import_frozen_info(name, NULL));
}

static PyObject *
imp_is_frozen_package(PyObject *Py_UNUSED(m), PyObject *name)
{
    int pkg = 0;
    if (need_str(name, "is_frozen_package") < 0) {
        return NULL;
    }
    if (!pyrs_import_frozen_info(name, &pkg)) {
        PyErr_Format(PyExc_ImportError, "No such frozen object named %R", name);
        return NULL;
    }
    return PyBool_FromLong(pkg);
}

static PyObject *
imp_find_frozen(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int pkg = 0;
    if (!_PyArg_CheckPositional("find_frozen", nargs, 1, 1) ||
        need_str(args[0], "find_frozen") < 0) {
        return NULL;
    }
    if (!pyrs_import_frozen_info(args[0], &pkg)) {
        Py_RETURN_NONE;
    }
    return PyTuple_Pack(3, Py_None, pkg ? Py_True : Py_False, args[0]);
}

static PyObject *
imp_get_frozen_object(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("get_frozen_object", nargs, 1, 2)) {
        return NULL;
    }
    return pyrs_import_frozen_code(args[0]);
}

static PyObject *
imp_init_frozen(PyObject *Py_UNUSED(m), PyObject *name)
{
    PyObject *code = pyrs_import_frozen_code(name);
    if (code == NULL) {
        return NULL;
    }
    const char *s = PyUnicode_AsUTF8(name);
    PyObject *mod = s ? PyImport_ExecCodeModule(s, code) : NULL;
    Py_DECREF(code);
    return mod;
}

static PyObject *
imp_create_dynamic(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("create_dynamic", nargs, 1, 2)) {
        return NULL;
    }
    return pyrs_cpyext_create_dynamic(args[0]);
}

static PyObject *
imp_exec_dynamic(PyObject *Py_UNUSED(m), PyObject *mod)
{
    if (pyrs_cpyext_exec_dynamic(mod) < 0) {
        return NULL;
    }
    return PyLong_FromLong(0);
}

static PyObject *
imp_extension_suffixes(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    static const char *const suffixes[] = {".cpython-311-x86_64-linux-gnu.so", ".abi3.so", ".so"};
    PyObject *list = PyList_New(3);
    for (int i = 0; list != NULL && i < 3; i++) {
        PyObject *s = PyUnicode_FromString(suffixes[i]);
        if (s == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, s);
    }
    return list;
}

/* source_hash(key, source): the 8 bytes of a PEP 552 .pyc's source hash, SipHash-1-3 of
 * SOURCE keyed with KEY, in native byte order as CPython stores them. */
static PyObject *
imp_source_hash(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kw)
{
    static const char *kwlist[] = {"key", "source", NULL};
    long key;
    Py_buffer source;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ly*:source_hash", (char **)kwlist, &key, &source)) {
        return NULL;
    }
    uint64_t h = pyrs_hash_keyed((uint64_t)key, source.buf, source.len);
    PyBuffer_Release(&source);
    return PyBytes_FromStringAndSize((const char *)&h, sizeof h);
}

static PyObject *
imp_fix_co_filename(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("_fix_co_filename", nargs, 2, 2)) {
        return NULL;
    }
    if (!PyrsCode_Check(args[0])) {
        PyErr_Format(PyExc_TypeError, "_fix_co_filename() argument 1 must be code, not %.50s",
                     Py_TYPE(args[0])->tp_name);
        return NULL;
    }
    if (!PyUnicode_Check(args[1])) {
        PyErr_Format(PyExc_TypeError, "_fix_co_filename() argument 2 must be str, not %.50s",
                     Py_TYPE(args[1])->tp_name);
        return NULL;
    }
    pyrs_import_fix_co_filename(args[0], args[1]);
    Py_RETURN_NONE;
}

static PyObject *
imp_frozen_module_names(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    return PyTuple_New(0);
}

static PyObject *
imp_override_frozen(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    Py_RETURN_NONE;
}

/* ---- pyrs's own entry points --------------------------------------------------------------- */

static PyObject *
imp_pyrs_cache_from_source(PyObject *Py_UNUSED(m), PyObject *path)
{
    if (need_str(path, "_pyrs_cache_from_source") < 0) {
        return NULL;
    }
    return pyrs_import_cache_from_source(path);
}

static PyObject *
imp_pyrs_source_code(PyObject *Py_UNUSED(m), PyObject *path)
{
    if (need_str(path, "_pyrs_source_code") < 0) {
        return NULL;
    }
    return pyrs_import_source_code(path);
}

static PyObject *
imp_pyrs_stat(PyObject *Py_UNUSED(m), PyObject *path)
{
    struct stat st;
    const char *p = PyUnicode_Check(path) ? PyUnicode_AsUTF8(path) : NULL;
    if (p == NULL) {
        if (!PyErr_Occurred()) {
            (void)need_str(path, "_pyrs_stat");
        }
        return NULL;
    }
    if (stat(p, &st) != 0) {
        return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
    }
    PyObject *mtime = PyLong_FromLongLong((long long)st.st_mtime);
    PyObject *size = PyLong_FromSsize_t((Py_ssize_t)st.st_size);
    PyObject *res = mtime && size ? PyTuple_Pack(2, mtime, size) : NULL;
    Py_XDECREF(mtime);
    Py_XDECREF(size);
    return res;
}

static PyObject *
imp_pyrs_find_in_directory(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("_pyrs_find_in_directory", nargs, 2, 2) ||
        need_str(args[0], "_pyrs_find_in_directory") < 0 ||
        need_str(args[1], "_pyrs_find_in_directory") < 0) {
        return NULL;
    }
    return pyrs_import_find_in_directory(args[0], args[1]);
}

static PyObject *
imp_pyrs_find_on_path(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("_pyrs_find_on_path", nargs, 2, 2) ||
        need_str(args[0], "_pyrs_find_on_path") < 0) {
        return NULL;
    }
    return pyrs_import_find_on_path(args[0], args[1]);
}

static PyObject *
imp_pyrs_invalidate_caches(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    pyrs_import_invalidate_caches();
    Py_RETURN_NONE;
}

static PyObject *
imp_pyrs_isdir(PyObject *Py_UNUSED(m), PyObject *path)
{
    struct stat st;
    const char *p = PyUnicode_Check(path) ? PyUnicode_AsUTF8(path) : NULL;
    if (p == NULL) {
        PyErr_Clear();
        Py_RETURN_FALSE;
    }
    return PyBool_FromLong(stat(p, &st) == 0 && S_ISDIR(st.st_mode));
}

/* _imp._pyrs_load_zipimport(path): pyrs_import_load_zipimport for a str PATH. */
static PyObject *
imp_pyrs_load_zipimport(PyObject *Py_UNUSED(m), PyObject *path)
{
    if (PyUnicode_Check(path) && pyrs_import_load_zipimport(path) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
imp_pyrs_getcwd(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    char buf[4096];
    if (getcwd(buf, sizeof buf) == NULL) {
        return PyErr_SetFromErrno(PyExc_FileNotFoundError);
    }
    return PyUnicode_DecodeFSDefault(buf);
}

static PyObject *
imp_pyrs_frozen_origin(PyObject *Py_UNUSED(m), PyObject *name)
{
    return pyrs_import_frozen_origin(name);
}

#define FAST(f) (PyCFunction)(void (*)(void))(f), METH_FASTCALL

static PyMethodDef imp_methods[] = {
    {"lock_held", imp_lock_held, METH_NOARGS, "Return True if the import lock is held."},
    {"acquire_lock", imp_acquire_lock, METH_NOARGS, "Acquires the interpreter's import lock."},
    {"release_lock", imp_release_lock, METH_NOARGS, "Release the interpreter's import lock."},
    {"is_builtin", imp_is_builtin, METH_O,
     "Returns True if the module name corresponds to a built-in module."},
    {"create_builtin", imp_create_builtin, METH_O, "Create an extension module."},
    {"exec_builtin", imp_exec_builtin, METH_O, "Initialize a built-in module."},
    {"is_frozen", imp_is_frozen, METH_O,
     "Returns True if the module name corresponds to a frozen module."},
    {"is_frozen_package", imp_is_frozen_package, METH_O,
     "Returns True if the module name is of a frozen package."},
    {"find_frozen", FAST(imp_find_frozen),
     "Return info about the corresponding frozen module (if there is one) or None."},
    {"get_frozen_object", FAST(imp_get_frozen_object), "Create a code object for a frozen module."},
    {"init_frozen", imp_init_frozen, METH_O, "Initializes a frozen module."},
    {"create_dynamic", FAST(imp_create_dynamic), "Create an extension module."},
    {"exec_dynamic", imp_exec_dynamic, METH_O, "Initialize an extension module."},
    {"extension_suffixes", imp_extension_suffixes, METH_NOARGS,
     "Returns the list of file suffixes used to identify extension modules."},
    {"source_hash", (PyCFunction)(void (*)(void))imp_source_hash, METH_VARARGS | METH_KEYWORDS,
     NULL},
    {"_fix_co_filename", FAST(imp_fix_co_filename),
     "Changes code.co_filename to specify the passed-in file path."},
    {"_frozen_module_names", imp_frozen_module_names, METH_NOARGS,
     "Returns the list of available frozen modules."},
    {"_override_frozen_modules_for_tests", imp_override_frozen, METH_O, NULL},
    {"_pyrs_cache_from_source", imp_pyrs_cache_from_source, METH_O, NULL},
    {"_pyrs_source_code", imp_pyrs_source_code, METH_O, NULL},
    {"_pyrs_stat", imp_pyrs_stat, METH_O, NULL},
    {"_pyrs_find_in_directory", FAST(imp_pyrs_find_in_directory), NULL},
    {"_pyrs_find_on_path", FAST(imp_pyrs_find_on_path), NULL},
    {"_pyrs_invalidate_caches", imp_pyrs_invalidate_caches, METH_NOARGS, NULL},
    {"_pyrs_isdir", imp_pyrs_isdir, METH_O, NULL},
    {"_pyrs_getcwd", imp_pyrs_getcwd, METH_NOARGS, NULL},
    {"_pyrs_load_zipimport", imp_pyrs_load_zipimport, METH_O, NULL},
    {"_pyrs_frozen_origin", imp_pyrs_frozen_origin, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef imp_module = {
    PyModuleDef_HEAD_INIT,
    "_imp",
    "(Extremely) low-level import machinery bits as used by importlib.",
    -1,
    imp_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PyInit__imp(void);

PyMODINIT_FUNC
PyInit__imp(void)
{
    PyObject *m = PyModule_Create(&imp_module);
    const char *check = pyrs_config.check_hash_pycs;
    PyObject *mode = m ? PyUnicode_FromString(check ? check : "default") : NULL;
    if (mode == NULL || PyModule_AddObject(m, "check_hash_based_pycs", mode) < 0) {
        Py_XDECREF(mode);
        Py_CLEAR(m);
    }
    return m;
}
