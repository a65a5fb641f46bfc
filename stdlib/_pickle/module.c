/* _pickle/module.c: the _pickle module as CPython 3.11 exposes it: the exceptions
 * PickleError/PicklingError/UnpicklingError, dump/dumps/load/loads, the Pickler, Unpickler and
 * PickleBuffer types, and the copyreg/_compat_pickle tables the other files read. */
#include "pickle.h"

PyrsPickleState pyrs_pickle_state;

/* ---- helpers shared by the pickler and the unpickler ---------------------------------- */

int
pyrs_pickle_method_ref(PyObject *self, const char *name, PyObject **func, PyObject **fself)
{
    PyObject *attr = NULL;
    PyObject *key = PyUnicode_FromString(name);
    if (key == NULL) {
        return -1;
    }
    int r = _PyObject_LookupAttr(self, key, &attr);
    Py_DECREF(key);
    Py_CLEAR(*func);
    *fself = NULL;
    if (r < 0 || attr == NULL) {
        return r < 0 ? -1 : 0;
    }
    if (PyMethod_Check(attr) && PyMethod_GET_SELF(attr) == self) {
        *func = Py_NewRef(PyMethod_GET_FUNCTION(attr));
        *fself = self;
        Py_DECREF(attr);
    } else {
        *func = attr;
    }
    return 0;
}

PyObject *
pyrs_pickle_call_method(PyObject *func, PyObject *fself, PyObject *arg)
{
    if (fself != NULL) {
        return PyObject_CallFunctionObjArgs(func, fself, arg, NULL);
    }
    return PyObject_CallOneArg(func, arg);
}

PyObject *
pyrs_pickle_dotted_path(PyObject *obj, PyObject *name)
{
    PyObject *dot = PyUnicode_FromString(".");
    if (dot == NULL) {
        return NULL;
    }
    PyObject *path = PyUnicode_Split(name, dot, -1);
    Py_DECREF(dot);
    if (path == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(path); i++) {
        if (_PyUnicode_EqualToASCIIString(PyList_GET_ITEM(path, i), "<locals>")) {
            if (obj == NULL) {
                PyErr_Format(PyExc_AttributeError, "Can't pickle local object %R", name);
            } else {
                PyErr_Format(PyExc_AttributeError, "Can't get local attribute %R on %R", name, obj);
            }
            Py_DECREF(path);
            return NULL;
        }
    }
    return path;
}

PyObject *
pyrs_pickle_deep_attr(PyObject *obj, PyObject *path, PyObject **parent)
{
    PyObject *up = NULL;
    Py_INCREF(obj);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(path); i++) {
        Py_XDECREF(up);
        up = obj;
        if (_PyObject_LookupAttr(up, PyList_GET_ITEM(path, i), &obj) < 0 || obj == NULL) {
            Py_DECREF(up);
            return NULL;
        }
    }
    if (parent != NULL) {
        *parent = up;
    } else {
        Py_XDECREF(up);
    }
    return obj;
}

/* ---- module state -------------------------------------------------------------------- */

/* Stores MOD.NAME in *SLOT, checking that it is a dict when WANT_DICT. 0 or -1. */
static int
state_fetch(PyObject **slot, const char *modname, const char *name, int want_dict)
{
    PyObject *mod = PyImport_ImportModule(modname);
    if (mod == NULL) {
        return -1;
    }
    PyObject *value = PyObject_GetAttrString(mod, name);
    Py_DECREF(mod);
    if (value == NULL) {
        return -1;
    }
    if (want_dict && !PyDict_CheckExact(value)) {
        PyErr_Format(PyExc_RuntimeError, "%s.%s should be a dict, not %.200s", modname, name,
                     Py_TYPE(value)->tp_name);
        Py_DECREF(value);
        return -1;
    }
    Py_XSETREF(*slot, value);
    return 0;
}

static int
state_init(void)
{
    PyrsPickleState *st = &pyrs_pickle_state;
    if (state_fetch(&st->dispatch_table, "copyreg", "dispatch_table", 1) < 0 ||
        state_fetch(&st->extension_registry, "copyreg", "_extension_registry", 1) < 0 ||
        state_fetch(&st->inverted_registry, "copyreg", "_inverted_registry", 1) < 0 ||
        state_fetch(&st->extension_cache, "copyreg", "_extension_cache", 1) < 0 ||
        state_fetch(&st->name_mapping_2to3, "_compat_pickle", "NAME_MAPPING", 1) < 0 ||
        state_fetch(&st->import_mapping_2to3, "_compat_pickle", "IMPORT_MAPPING", 1) < 0 ||
        state_fetch(&st->name_mapping_3to2, "_compat_pickle", "REVERSE_NAME_MAPPING", 1) < 0 ||
        state_fetch(&st->import_mapping_3to2, "_compat_pickle", "REVERSE_IMPORT_MAPPING", 1) < 0 ||
        state_fetch(&st->codecs_encode, "codecs", "encode", 0) < 0 ||
        state_fetch(&st->getattr, "builtins", "getattr", 0) < 0 ||
        state_fetch(&st->partial, "functools", "partial", 0) < 0) {
        return -1;
    }
    static const char *const names[] = {
#define PYRS_PICKLE_ID_STR(name) #name,
        PYRS_PICKLE_IDS(PYRS_PICKLE_ID_STR)
#undef PYRS_PICKLE_ID_STR
    };
    for (int i = 0; i < PYRS_PICKLE_ID_COUNT; i++) {
        if (st->ids[i] == NULL && (st->ids[i] = PyUnicode_InternFromString(names[i])) == NULL) {
            return -1;
        }
    }
    if (st->PickleError == NULL) {
        st->PickleError = PyErr_NewException("_pickle.PickleError", NULL, NULL);
        if (st->PickleError == NULL) {
            return -1;
        }
        st->PicklingError = PyErr_NewException("_pickle.PicklingError", st->PickleError, NULL);
        if (st->PicklingError == NULL) {
            return -1;
        }
        st->UnpicklingError = PyErr_NewException("_pickle.UnpicklingError", st->PickleError, NULL);
        if (st->UnpicklingError == NULL) {
            return -1;
        }
    }
    return 0;
}

/* ---- module functions ------------------------------------------------------------------ */

static PyObject *
pickle_dump(PyObject *Py_UNUSED(module), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"obj", "file", "protocol", "fix_imports", "buffer_callback",
                                   NULL};
    PyObject *obj, *file, *protocol = Py_None, *callback = Py_None;
    int fix_imports = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO|O$pO:dump", (char **)kwlist, &obj, &file,
                                     &protocol, &fix_imports, &callback)) {
        return NULL;
    }
    PyObject *p = pyrs_pickle_pickler_new(file, protocol, fix_imports, callback);
    if (p == NULL) {
        return NULL;
    }
    if (pyrs_pickle_pickler_dump(p, obj) < 0 || pyrs_pickle_pickler_flush(p) < 0) {
        Py_DECREF(p);
        return NULL;
    }
    Py_DECREF(p);
    Py_RETURN_NONE;
}

static PyObject *
pickle_dumps(PyObject *Py_UNUSED(module), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"obj", "protocol", "fix_imports", "buffer_callback", NULL};
    PyObject *obj, *protocol = Py_None, *callback = Py_None;
    int fix_imports = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O$pO:dumps", (char **)kwlist, &obj, &protocol,
                                     &fix_imports, &callback)) {
        return NULL;
    }
    PyObject *p = pyrs_pickle_pickler_new(NULL, protocol, fix_imports, callback);
    if (p == NULL) {
        return NULL;
    }
    PyObject *res = NULL;
    if (pyrs_pickle_pickler_dump(p, obj) == 0) {
        res = pyrs_pickle_pickler_output(p);
    }
    Py_DECREF(p);
    return res;
}

static PyObject *
pickle_load(PyObject *Py_UNUSED(module), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"file", "fix_imports", "encoding", "errors", "buffers", NULL};
    PyObject *file, *buffers = NULL;
    int fix_imports = 1;
    const char *encoding = "ASCII", *errors = "strict";
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$pssO:load", (char **)kwlist, &file,
                                     &fix_imports, &encoding, &errors, &buffers)) {
        return NULL;
    }
    PyObject *u = pyrs_pickle_unpickler_new(file, NULL, fix_imports, encoding, errors, buffers);
    if (u == NULL) {
        return NULL;
    }
    PyObject *res = pyrs_pickle_unpickler_load(u);
    Py_DECREF(u);
    return res;
}

static PyObject *
pickle_loads(PyObject *Py_UNUSED(module), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"", "fix_imports", "encoding", "errors", "buffers", NULL};
    PyObject *data, *buffers = NULL;
    int fix_imports = 1;
    const char *encoding = "ASCII", *errors = "strict";
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$pssO:loads", (char **)kwlist, &data,
                                     &fix_imports, &encoding, &errors, &buffers)) {
        return NULL;
    }
    PyObject *u = pyrs_pickle_unpickler_new(NULL, data, fix_imports, encoding, errors, buffers);
    if (u == NULL) {
        return NULL;
    }
    PyObject *res = pyrs_pickle_unpickler_load(u);
    Py_DECREF(u);
    return res;
}

static PyMethodDef pickle_methods[] = {
    {"dump", (PyCFunction)(void (*)(void))pickle_dump, METH_VARARGS | METH_KEYWORDS,
     "dump($module, /, obj, file, protocol=None, *, fix_imports=True,\n     buffer_callback=None)"
     "\n--\n\nWrite a pickled representation of obj to the open file object file."},
    {"dumps", (PyCFunction)(void (*)(void))pickle_dumps, METH_VARARGS | METH_KEYWORDS,
     "dumps($module, /, obj, protocol=None, *, fix_imports=True,\n      buffer_callback=None)"
     "\n--\n\nReturn the pickled representation of the object as a bytes object."},
    {"load", (PyCFunction)(void (*)(void))pickle_load, METH_VARARGS | METH_KEYWORDS,
     "load($module, /, file, *, fix_imports=True, encoding='ASCII',\n     errors='strict', "
     "buffers=())\n--\n\nRead and return an object from the pickle data stored in a file."},
    {"loads", (PyCFunction)(void (*)(void))pickle_loads, METH_VARARGS | METH_KEYWORDS,
     "loads($module, data, /, *, fix_imports=True, encoding='ASCII',\n      errors='strict', "
     "buffers=())\n--\n\nRead and return an object from the given pickle data."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef pickle_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_pickle",
    .m_doc = "Optimized C implementation for the Python pickle module.",
    .m_size = -1,
    .m_methods = pickle_methods,
};

/* Adds the type TP to M under its short name. 0 or -1. */
static int
add_type(PyObject *m, PyTypeObject *tp, const char *name)
{
    if (PyType_Ready(tp) < 0) {
        return -1;
    }
    return PyModule_AddObjectRef(m, name, (PyObject *)tp);
}

PyMODINIT_FUNC PyInit__pickle(void);

/* Module init: a new _pickle module, or NULL with an exception (copyreg, _compat_pickle,
 * codecs and functools are imported here). */
PyMODINIT_FUNC
PyInit__pickle(void)
{
    if (state_init() < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&pickle_module);
    if (m == NULL) {
        return NULL;
    }
    PyrsPickleState *st = &pyrs_pickle_state;
    if (add_type(m, &pyrs_pickle_pickler_type, "Pickler") < 0 ||
        add_type(m, &pyrs_pickle_unpickler_type, "Unpickler") < 0 ||
        add_type(m, &pyrs_pickle_buffer_type, "PickleBuffer") < 0 ||
        PyType_Ready(&pyrs_pickle_pmemoproxy_type) < 0 ||
        PyType_Ready(&pyrs_pickle_umemoproxy_type) < 0 ||
        PyModule_AddObjectRef(m, "PickleError", st->PickleError) < 0 ||
        PyModule_AddObjectRef(m, "PicklingError", st->PicklingError) < 0 ||
        PyModule_AddObjectRef(m, "UnpicklingError", st->UnpicklingError) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
