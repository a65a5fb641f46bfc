/* cpyext/load.c: loading CPython 3.11 extension modules: dlopen() of the .so, its
 * PyInit_<name> (PyInitU_ for non-ASCII names), single-phase init with the extension cache
 * that makes a re-import copy the first module's dict, and PEP 489 multi-phase init, all as
 * CPython's Python/importdl.c and import.c (_imp.create_dynamic / exec_dynamic) behave. */
#include <dlfcn.h>
#include <string.h>

#include "Python.h"
#include "pyrs/cpyext.h"

/* (filename, name) -> capsule of the PyModuleDef of every single-phase module loaded. */
static PyObject *extensions;

/* lib-dynload modules that would load but cannot work on pyrs yet; importing one raises
 * ImportError so the stdlib's pure-Python fallback (if any) is used. */
static const char *const denied[] = {
    NULL,
};

static int
set_import_error(PyObject *msg, PyObject *name, PyObject *path)
{
    if (msg != NULL) {
        PyErr_SetImportError(msg, name, path);
        Py_DECREF(msg);
    }
    return -1;
}

static int
check_denied(PyObject *name, PyObject *path)
{
    const char *s = PyUnicode_AsUTF8(name);
    if (s == NULL) {
        return -1;
    }
    for (int i = 0; denied[i] != NULL; i++) {
        if (strcmp(s, denied[i]) == 0) {
            PyObject *msg = PyUnicode_FromFormat(
                "extension module %U is not supported by pyrs yet (cpyext)", name);
            return set_import_error(msg, name, path);
        }
    }
    return 0;
}

/* The last component of NAME, encoded as the export function's suffix: ASCII names as they
 * are with prefix "PyInit", others punycode with '-' turned into '_' and prefix "PyInitU".
 * A new bytes object, or NULL. */
static PyObject *
export_suffix(PyObject *name, const char **prefix)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(name);
    Py_ssize_t dot = PyUnicode_FindChar(name, '.', 0, n, -1);
    if (dot == -2) {
        return NULL;
    }
    PyObject *tail = PyUnicode_Substring(name, dot + 1, n);
    if (tail == NULL) {
        return NULL;
    }
    PyObject *enc = PyUnicode_AsEncodedString(tail, "ascii", NULL);
    if (enc != NULL) {
        Py_DECREF(tail);
        *prefix = "PyInit";
        return enc;
    }
    if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
        Py_DECREF(tail);
        return NULL;
    }
    PyErr_Clear();
    enc = PyUnicode_AsEncodedString(tail, "punycode", NULL);
    Py_DECREF(tail);
    if (enc == NULL) {
        return NULL;
    }
    PyObject *fixed =
        PyObject_CallMethod(enc, "replace", "y#y#", "-", (Py_ssize_t)1, "_", (Py_ssize_t)1);
    Py_DECREF(enc);
    *prefix = "PyInitU";
    return fixed;
}

static int
dlopen_flags(void)
{
    PyObject *sys = PyImport_ImportModule("sys");
    PyObject *v = sys ? PyObject_CallMethod(sys, "getdlopenflags", NULL) : NULL;
    Py_XDECREF(sys);
    long flags = v ? PyLong_AsLong(v) : -1;
    Py_XDECREF(v);
    if (flags == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        flags = RTLD_NOW;
    }
    return (int)flags;
}

/* dlopen()s PATH and finds PREFIX_SUFFIX in it. The function, or NULL with ImportError
 * (name= the short name, path= PATH, as CPython's _PyImport_FindSharedFuncptr). */
static void *
find_export(PyObject *pathbytes, PyObject *path, PyObject *name, const char *prefix,
            const char *suffix)
{
    const char *pathname = PyBytes_AS_STRING(pathbytes);
    void *handle = dlopen(pathname, dlopen_flags());
    if (handle == NULL) {
        const char *err = dlerror();
        PyObject *msg =
            PyUnicode_DecodeLocale(err ? err : "unknown dlopen() error", "surrogateescape");
        PyObject *shortname = msg ? PyUnicode_FromString(suffix) : NULL;
        PyObject *p = shortname ? PyUnicode_DecodeFSDefault(pathname) : NULL;
        if (p != NULL) {
            set_import_error(Py_NewRef(msg), shortname, p);
        }
        Py_XDECREF(msg);
        Py_XDECREF(shortname);
        Py_XDECREF(p);
        return NULL;
    }
    char symbol[300];
    snprintf(symbol, sizeof symbol, "%s_%s", prefix, suffix);
    void *fn = dlsym(handle, symbol);
    if (fn == NULL) {
        PyObject *msg = PyUnicode_FromFormat(
            "dynamic module does not define module export function (%s)", symbol);
        set_import_error(msg, name, path);
    }
    return fn; /* the handle stays open for the life of the process, as in CPython */
}

/* Runs the init function with the package context set. Its result: a new reference or
 * NULL with an exception (SystemError when it returned NULL without one or returned a
 * value with one pending). */
static PyObject *
call_init(PyObject *(*init)(void), PyObject *name, const char *suffix)
{
    const char *saved = _Py_PackageContext;
    _Py_PackageContext = PyUnicode_AsUTF8(name);
    if (_Py_PackageContext == NULL) {
        _Py_PackageContext = saved;
        return NULL;
    }
    PyObject *m = init();
    _Py_PackageContext = saved;
    if (m == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_SystemError,
                         "initialization of %s failed without raising an exception", suffix);
        }
        return NULL;
    }
    if (PyErr_Occurred()) {
        _PyErr_FormatFromCause(PyExc_SystemError,
                               "initialization of %s raised unreported exception", suffix);
        return NULL; /* the reference is leaked as CPython does: it may be half-made */
    }
    if (Py_TYPE(m) == NULL) {
        PyErr_Format(PyExc_SystemError, "init function of %s returned uninitialized object",
                     suffix);
        return NULL;
    }
    return m;
}

static PyObject *
cache_key(PyObject *path, PyObject *name)
{
    return PyTuple_Pack(2, path, name);
}

/* Stores a single-phase module: sys.modules[name], PyState, and the cache with a copy of
 * the dict when it cannot be initialised twice (m_size == -1). 0 or -1. */
static int
fixup_single_phase(PyObject *m, PyModuleDef *def, PyObject *name, PyObject *path)
{
    PyObject *modules = PyImport_GetModuleDict();
    if (PyObject_SetItem(modules, name, m) < 0) {
        return -1;
    }
    if (pyrs_cpyext_state_add(m, def) < 0) {
        goto undo;
    }
    if (def->m_size == -1) {
        Py_CLEAR(def->m_base.m_copy);
        def->m_base.m_copy = PyDict_Copy(PyModule_GetDict(m));
        if (def->m_base.m_copy == NULL) {
            goto undo;
        }
    }
    if (extensions == NULL && (extensions = PyDict_New()) == NULL) {
        goto undo;
    }
    PyObject *key = cache_key(path, name);
    PyObject *cap = key ? PyCapsule_New(def, NULL, NULL) : NULL;
    int r = cap ? PyDict_SetItem(extensions, key, cap) : -1;
    Py_XDECREF(key);
    Py_XDECREF(cap);
    if (r == 0) {
        return 0;
    }
undo:;
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb);
    if (PyObject_DelItem(modules, name) < 0) {
        PyErr_Clear();
    }
    PyErr_Restore(et, ev, tb);
    return -1;
}

/* A module imported before from the same file under the same name (CPython's
 * import_find_extension): a new module with the cached dict copied in, or the init function
 * run again. A new reference, NULL with an exception, or NULL without one if not cached. */
static PyObject *
find_cached(PyObject *name, PyObject *path)
{
    if (extensions == NULL) {
        return NULL;
    }
    PyObject *key = cache_key(path, name);
    if (key == NULL) {
        return NULL;
    }
    PyObject *cap = PyDict_GetItemWithError(extensions, key);
    Py_DECREF(key);
    if (cap == NULL) {
        return NULL;
    }
    PyModuleDef *def = PyCapsule_GetPointer(cap, NULL);
    PyObject *modules = PyImport_GetModuleDict();
    PyObject *m;
    if (def->m_size == -1) {
        if (def->m_base.m_copy == NULL) {
            return NULL;
        }
        m = PyImport_AddModuleObject(name);
        if (m == NULL) {
            return NULL;
        }
        Py_INCREF(m);
        if (PyDict_Update(PyModule_GetDict(m), def->m_base.m_copy) < 0) {
            Py_DECREF(m);
            return NULL;
        }
    } else {
        if (def->m_base.m_init == NULL) {
            return NULL;
        }
        m = def->m_base.m_init();
        if (m == NULL) {
            return NULL;
        }
        if (PyObject_SetItem(modules, name, m) < 0) {
            Py_DECREF(m);
            return NULL;
        }
    }
    if (pyrs_cpyext_state_add(m, def) < 0) {
        if (PyObject_DelItem(modules, name) < 0) {
            PyErr_Clear();
        }
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

/* The module returned by a single-phase PyInit_: remembers the init function, sets __file__
 * and caches it. M is consumed; the module (new reference) or NULL. */
static PyObject *
finish_single_phase(PyObject *m, PyObject *(*init)(void), PyObject *name, PyObject *path,
                    const char *prefix, const char *suffix)
{
    if (strcmp(prefix, "PyInitU") == 0) {
        PyErr_Format(PyExc_SystemError, "initialization of %s did not return PyModuleDef", suffix);
        goto error;
    }
    PyModuleDef *def = PyModule_Check(m) ? PyModule_GetDef(m) : NULL;
    if (def == NULL) {
        PyErr_Clear();
        PyErr_Format(PyExc_SystemError, "initialization of %s did not return an extension module",
                     suffix);
        goto error;
    }
    def->m_base.m_init = init;
    if (PyModule_AddObjectRef(m, "__file__", path) < 0) {
        PyErr_Clear(); /* CPython ignores this failure too */
    }
    if (fixup_single_phase(m, def, name, path) < 0) {
        goto error;
    }
    return m;
error:
    Py_DECREF(m);
    return NULL;
}

static PyObject *
load_with_spec(PyObject *spec, PyObject *name, PyObject *path)
{
    const char *prefix = NULL;
    PyObject *pathbytes = NULL, *res = NULL;
    PyObject *suffix = export_suffix(name, &prefix);
    if (suffix == NULL || (pathbytes = PyUnicode_EncodeFSDefault(path)) == NULL) {
        goto done;
    }
    const char *sfx = PyBytes_AS_STRING(suffix);
    PyObject *(*init)(void) =
        (PyObject * (*)(void)) find_export(pathbytes, path, name, prefix, sfx);
    if (init == NULL) {
        goto done;
    }
    PyObject *m = call_init(init, name, sfx);
    if (m == NULL) {
        goto done;
    }
    if (PyObject_TypeCheck(m, &PyModuleDef_Type)) {
        /* multi-phase: the definition is static data; its reference is not ours */
        res = PyModule_FromDefAndSpec((PyModuleDef *)m, spec);
        goto done;
    }
    res = finish_single_phase(m, init, name, path, prefix, sfx);
done:
    Py_XDECREF(suffix);
    Py_XDECREF(pathbytes);
    return res;
}

PyObject *
pyrs_cpyext_create_dynamic(PyObject *spec)
{
    PyObject *res = NULL;
    PyObject *name = PyObject_GetAttrString(spec, "name");
    PyObject *path = name ? PyObject_GetAttrString(spec, "origin") : NULL;
    if (path == NULL) {
        goto done;
    }
    if (!PyUnicode_Check(name) || !PyUnicode_Check(path)) {
        PyErr_SetString(PyExc_TypeError, "spec.name and spec.origin must be str");
        goto done;
    }
    pyrs_cpyext_init_runtime_ints();
    pyrs_cpyext_init_flags();
    res = find_cached(name, path);
    if (res != NULL || PyErr_Occurred() || check_denied(name, path) < 0) {
        goto done;
    }
    res = load_with_spec(spec, name, path);
done:
    Py_XDECREF(name);
    Py_XDECREF(path);
    return res;
}

int
pyrs_cpyext_exec_dynamic(PyObject *module)
{
    if (!PyModule_Check(module)) {
        return 0;
    }
    PyModuleDef *def = PyModule_GetDef(module);
    if (def == NULL || PyModule_GetState(module) != NULL) {
        return 0; /* not an extension, or already executed (reload is a no-op) */
    }
    return PyModule_ExecDef(module, def);
}
