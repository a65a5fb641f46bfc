/* moduleobject.c: module objects and extension module definitions: PyModule_New*, the PEP
 * 3121 single-phase (PyModule_Create2) and PEP 489 multi-phase (PyModuleDef_Init,
 * PyModule_FromDefAndSpec2, PyModule_ExecDef) paths, module attribute access with the module
 * __getattr__ hook, reprs and error messages as CPython 3.11's Objects/moduleobject.c. */
#include <string.h>

#include "Python.h"
#include "pyrs/lifecycle.h"
#include "pyrs/object.h"

#define ID(s)   pyrs_object_id(s)
#define MOD(op) ((PyModuleObject *)(op))

static Py_ssize_t max_module_number; /* last m_index handed out */

static int
module_init_dict(PyObject *md_dict, PyObject *name, PyObject *doc)
{
    if (doc == NULL) {
        doc = Py_None;
    }
    if (PyDict_SetItem(md_dict, ID("__name__"), name) < 0 ||
        PyDict_SetItem(md_dict, ID("__doc__"), doc) < 0 ||
        PyDict_SetItem(md_dict, ID("__package__"), Py_None) < 0 ||
        PyDict_SetItem(md_dict, ID("__loader__"), Py_None) < 0 ||
        PyDict_SetItem(md_dict, ID("__spec__"), Py_None) < 0) {
        return -1;
    }
    return 0;
}

static PyModuleObject *
new_module_notrack(PyTypeObject *mt)
{
    PyModuleObject *m = (PyModuleObject *)PyType_GenericAlloc(mt, 0);
    if (m == NULL) {
        return NULL;
    }
    m->md_dict = PyDict_New();
    if (m->md_dict == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

PyObject *
PyModule_NewObject(PyObject *name)
{
    PyModuleObject *m = new_module_notrack(&PyModule_Type);
    if (m == NULL) {
        return NULL;
    }
    if (module_init_dict(m->md_dict, name, NULL) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    m->md_name = Py_NewRef(name);
    return (PyObject *)m;
}

PyObject *
PyModule_New(const char *name)
{
    PyObject *nameobj = PyUnicode_FromString(name);
    if (nameobj == NULL) {
        return NULL;
    }
    PyObject *module = PyModule_NewObject(nameobj);
    Py_DECREF(nameobj);
    return module;
}

static PyObject *
module_tp_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    return (PyObject *)new_module_notrack(type);
}

static int
module_tp_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    static const char *const names[] = {"name", "doc"};
    PyObject *vals[2] = {NULL, NULL};
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs > 2) {
        PyErr_Format(PyExc_TypeError, "module() takes at most 2 arguments (%zd given)", nargs);
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        vals[i] = PyTuple_GET_ITEM(args, i);
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (kwds != NULL && PyDict_Next(kwds, &pos, &key, &value)) {
        int idx = -1;
        for (int i = 0; i < 2; i++) {
            if (PyUnicode_Check(key) && _PyUnicode_EqualToASCIIString(key, names[i])) {
                idx = i;
            }
        }
        if (idx < 0) {
            PyErr_Format(PyExc_TypeError, "module() got an unexpected keyword argument '%S'", key);
            return -1;
        }
        vals[idx] = value;
    }
    if (vals[0] == NULL) {
        PyErr_SetString(PyExc_TypeError, "module() missing required argument 'name' (pos 1)");
        return -1;
    }
    if (!PyUnicode_Check(vals[0])) {
        PyErr_Format(PyExc_TypeError, "module() argument 'name' must be str, not %.200s",
                     Py_TYPE(vals[0])->tp_name);
        return -1;
    }
    PyModuleObject *m = MOD(self);
    if (m->md_dict == NULL && (m->md_dict = PyDict_New()) == NULL) {
        return -1;
    }
    Py_XSETREF(m->md_name, Py_NewRef(vals[0]));
    return module_init_dict(m->md_dict, vals[0], vals[1]);
}

PyObject *
PyModule_GetDict(PyObject *m)
{
    if (!PyModule_Check(m)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return MOD(m)->md_dict;
}

PyObject *
PyModule_GetNameObject(PyObject *m)
{
    if (!PyModule_Check(m)) {
        PyErr_BadArgument();
        return NULL;
    }
    PyObject *d = MOD(m)->md_dict;
    PyObject *name =
        d == NULL || !PyDict_Check(d) ? NULL : PyDict_GetItemWithError(d, ID("__name__"));
    if (name == NULL || !PyUnicode_Check(name)) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_SystemError, "nameless module");
        }
        return NULL;
    }
    return Py_NewRef(name);
}

const char *
PyModule_GetName(PyObject *m)
{
    PyObject *name = PyModule_GetNameObject(m);
    if (name == NULL) {
        return NULL;
    }
    Py_DECREF(name); /* the module dict keeps it alive */
    return PyUnicode_AsUTF8(name);
}

PyObject *
PyModule_GetFilenameObject(PyObject *m)
{
    if (!PyModule_Check(m)) {
        PyErr_BadArgument();
        return NULL;
    }
    PyObject *d = MOD(m)->md_dict;
    PyObject *fileobj = d == NULL ? NULL : PyDict_GetItemWithError(d, ID("__file__"));
    if (fileobj == NULL || !PyUnicode_Check(fileobj)) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_SystemError, "module filename missing");
        }
        return NULL;
    }
    return Py_NewRef(fileobj);
}

PyModuleDef *
PyModule_GetDef(PyObject *m)
{
    if (!PyModule_Check(m)) {
        PyErr_BadArgument();
        return NULL;
    }
    return MOD(m)->md_def;
}

void *
PyModule_GetState(PyObject *m)
{
    if (!PyModule_Check(m)) {
        PyErr_BadArgument();
        return NULL;
    }
    return MOD(m)->md_state;
}

/* ---- definitions ---- */

PyObject *
PyModuleDef_Init(PyModuleDef *def)
{
    if (def->m_base.m_index == 0) {
        max_module_number++;
        Py_SET_REFCNT(def, 1);
        Py_SET_TYPE(def, &PyModuleDef_Type);
        def->m_base.m_index = max_module_number;
    }
    return (PyObject *)def;
}

/* Adds FUNCTIONS to M (a module, or whatever a Py_mod_create slot made) as functions bound to
 * M with __module__ NAME. 0 or -1. */
static int
add_functions(PyObject *m, PyObject *name, PyMethodDef *functions)
{
    for (PyMethodDef *fdef = functions; fdef->ml_name != NULL; fdef++) {
        if ((fdef->ml_flags & METH_CLASS) || (fdef->ml_flags & METH_STATIC)) {
            PyErr_SetString(PyExc_ValueError,
                            "module functions cannot set METH_CLASS or METH_STATIC");
            return -1;
        }
        PyObject *func = PyCFunction_NewEx(fdef, m, name);
        if (func == NULL || PyObject_SetAttrString(m, fdef->ml_name, func) != 0) {
            Py_XDECREF(func);
            return -1;
        }
        Py_DECREF(func);
    }
    return 0;
}

int
PyModule_AddFunctions(PyObject *m, PyMethodDef *functions)
{
    PyObject *name = PyModule_GetNameObject(m);
    if (name == NULL) {
        return -1;
    }
    int r = add_functions(m, name, functions);
    Py_DECREF(name);
    return r;
}

int
PyModule_SetDocString(PyObject *m, const char *doc)
{
    PyObject *v = PyUnicode_FromString(doc);
    if (v == NULL || PyObject_SetAttr(m, ID("__doc__"), v) != 0) {
        Py_XDECREF(v);
        return -1;
    }
    Py_DECREF(v);
    return 0;
}

static int
module_alloc_state(PyModuleObject *m, PyModuleDef *def)
{
    if (def->m_size > 0 && m->md_state == NULL) {
        m->md_state = PyMem_Malloc((size_t)def->m_size);
        if (m->md_state == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memset(m->md_state, 0, (size_t)def->m_size);
    }
    return 0;
}

PyObject *
_PyModule_CreateInitialized(PyModuleDef *module, int Py_UNUSED(module_api_version))
{
    if (!PyModuleDef_Init(module)) {
        return NULL;
    }
    const char *name = module->m_name;
    const char *dot = _Py_PackageContext ? strrchr(_Py_PackageContext, '.') : NULL;
    if (dot != NULL && strcmp(module->m_name, dot + 1) == 0) {
        name = _Py_PackageContext; /* a submodule's extension: its full name, used once */
        _Py_PackageContext = NULL;
    }
    PyObject *m = PyModule_New(name);
    if (m == NULL) {
        return NULL;
    }
    if (module_alloc_state(MOD(m), module) < 0 ||
        (module->m_methods != NULL && PyModule_AddFunctions(m, module->m_methods) != 0) ||
        (module->m_doc != NULL && PyModule_SetDocString(m, module->m_doc) != 0)) {
        Py_DECREF(m);
        return NULL;
    }
    MOD(m)->md_def = module;
    return m;
}

PyObject *
PyModule_Create2(PyModuleDef *module, int module_api_version)
{
    return _PyModule_CreateInitialized(module, module_api_version);
}

static PyObject *
create_from_slots(PyModuleDef *def, PyObject *spec, PyObject *nameobj, const char *name)
{
    PyObject *(*create)(PyObject *, PyModuleDef *) = NULL;
    for (PyModuleDef_Slot *cur = def->m_slots; cur != NULL && cur->slot; cur++) {
        if (cur->slot == Py_mod_create) {
            if (create != NULL) {
                PyErr_Format(PyExc_SystemError, "module %s has multiple create slots", name);
                return NULL;
            }
            create = (PyObject * (*)(PyObject *, PyModuleDef *)) cur->value;
        } else if (cur->slot < 0 || cur->slot > _Py_mod_LAST_SLOT) {
            PyErr_Format(PyExc_SystemError, "module %s uses unknown slot ID %i", name, cur->slot);
            return NULL;
        }
    }
    if (create == NULL) {
        return PyModule_NewObject(nameobj);
    }
    PyObject *m = create(spec, def);
    if (m == NULL && !PyErr_Occurred()) {
        PyErr_Format(PyExc_SystemError,
                     "creation of module %s failed without setting an "
                     "exception",
                     name);
    } else if (m != NULL && PyErr_Occurred()) {
        Py_DECREF(m);
        _PyErr_FormatFromCause(PyExc_SystemError,
                               "creation of module %s raised unreported exception", name);
        return NULL;
    }
    return m;
}

PyObject *
PyModule_FromDefAndSpec2(PyModuleDef *def, PyObject *spec, int Py_UNUSED(module_api_version))
{
    if (!PyModuleDef_Init(def)) {
        return NULL;
    }
    PyObject *nameobj = PyObject_GetAttrString(spec, "name");
    if (nameobj == NULL) {
        return NULL;
    }
    const char *name = PyUnicode_AsUTF8(nameobj);
    if (name != NULL && def->m_size < 0) {
        PyErr_Format(PyExc_SystemError,
                     "module %s: m_size may not be negative for multi-phase initialization", name);
        Py_DECREF(nameobj);
        return NULL;
    }
    PyObject *m = name == NULL ? NULL : create_from_slots(def, spec, nameobj, name);
    if (m == NULL) {
        goto error;
    }
    if (PyModule_Check(m)) {
        MOD(m)->md_def = def; /* state comes with PyModule_ExecDef, as in CPython */
    } else if (def->m_size > 0 || def->m_traverse || def->m_clear || def->m_free) {
        PyErr_Format(PyExc_SystemError,
                     "module %s is not a module object, but requests "
                     "module state",
                     name);
        goto error;
    }
    if ((def->m_methods != NULL && add_functions(m, nameobj, def->m_methods) != 0) ||
        (def->m_doc != NULL && PyModule_SetDocString(m, def->m_doc) != 0)) {
        goto error;
    }
    Py_DECREF(nameobj);
    return m;
error:
    Py_DECREF(nameobj);
    Py_XDECREF(m);
    return NULL;
}

int
PyModule_ExecDef(PyObject *module, PyModuleDef *def)
{
    const char *name = PyModule_GetName(module);
    if (name == NULL) {
        return -1;
    }
    if (module_alloc_state(MOD(module), def) < 0) {
        return -1;
    }
    if (def->m_size == 0 && MOD(module)->md_state == NULL) {
        /* a state pointer marks the module executed (reload skips it), as in CPython */
        if ((MOD(module)->md_state = PyMem_Malloc(1)) == NULL) {
            PyErr_NoMemory();
            return -1;
        }
    }
    for (PyModuleDef_Slot *cur = def->m_slots; cur != NULL && cur->slot; cur++) {
        if (cur->slot != Py_mod_exec) {
            continue;
        }
        int (*func)(PyObject *) = (int (*)(PyObject *))cur->value;
        int ret = func(module);
        if (ret != 0) {
            if (!PyErr_Occurred()) {
                PyErr_Format(PyExc_SystemError,
                             "execution of module %s failed without setting "
                             "an exception",
                             name);
            }
            return -1;
        }
        if (PyErr_Occurred()) {
            _PyErr_FormatFromCause(PyExc_SystemError,
                                   "execution of module %s raised unreported "
                                   "exception",
                                   name);
            return -1;
        }
    }
    return 0;
}

/* ---- adding attributes ---- */

int
PyModule_AddObjectRef(PyObject *mod, const char *name, PyObject *value)
{
    if (!PyModule_Check(mod)) {
        PyErr_SetString(PyExc_TypeError, "PyModule_AddObjectRef() first argument must be a module");
        return -1;
    }
    if (value == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_SystemError, "PyModule_AddObjectRef() must be called with an "
                                               "exception raised if value is NULL");
        }
        return -1;
    }
    PyObject *dict = PyModule_GetDict(mod);
    if (dict == NULL) {
        PyErr_Format(PyExc_SystemError, "module '%s' has no __dict__", PyModule_GetName(mod));
        return -1;
    }
    return PyDict_SetItemString(dict, name, value);
}

int
PyModule_AddObject(PyObject *mod, const char *name, PyObject *value)
{
    int res = PyModule_AddObjectRef(mod, name, value);
    if (res == 0) {
        Py_DECREF(value);
    }
    return res;
}

int
PyModule_AddIntConstant(PyObject *m, const char *name, long value)
{
    PyObject *obj = PyLong_FromLong(value);
    if (obj == NULL) {
        return -1;
    }
    int res = PyModule_AddObjectRef(m, name, obj);
    Py_DECREF(obj);
    return res;
}

int
PyModule_AddStringConstant(PyObject *m, const char *name, const char *value)
{
    PyObject *obj = PyUnicode_FromString(value);
    if (obj == NULL) {
        return -1;
    }
    int res = PyModule_AddObjectRef(m, name, obj);
    Py_DECREF(obj);
    return res;
}

int
PyModule_AddType(PyObject *module, PyTypeObject *type)
{
    if (PyType_Ready(type) < 0) {
        return -1;
    }
    const char *name = _PyType_Name(type);
    return PyModule_AddObjectRef(module, name, (PyObject *)type);
}

/* ---- the module type ---- */

static void
module_dealloc(PyObject *self)
{
    PyModuleObject *m = MOD(self);
    PyObject_GC_UnTrack(self);
    if (m->md_def != NULL && m->md_def->m_free != NULL && m->md_state != NULL) {
        m->md_def->m_free(m);
    }
    Py_XDECREF(m->md_dict);
    Py_XDECREF(m->md_name);
    if (m->md_weaklist != NULL) {
        PyObject_ClearWeakRefs(self);
    }
    if (m->md_state != NULL) {
        PyMem_Free(m->md_state);
    }
    Py_TYPE(self)->tp_free(self);
}

static int
module_traverse(PyObject *self, visitproc visit, void *arg)
{
    PyModuleObject *m = MOD(self);
    if (m->md_def != NULL && m->md_def->m_traverse != NULL &&
        (m->md_def->m_size <= 0 || m->md_state != NULL)) {
        int res = m->md_def->m_traverse(self, visit, arg);
        if (res) {
            return res;
        }
    }
    Py_VISIT(m->md_dict);
    return 0;
}

static int
module_clear(PyObject *self)
{
    PyModuleObject *m = MOD(self);
    if (m->md_def != NULL && m->md_def->m_clear != NULL &&
        (m->md_def->m_size <= 0 || m->md_state != NULL)) {
        int res = m->md_def->m_clear(self);
        if (PyErr_Occurred()) {
            PyErr_WriteUnraisable(NULL);
        }
        if (res) {
            return res;
        }
    }
    Py_CLEAR(m->md_dict);
    return 0;
}

static PyObject *
module_repr(PyObject *self)
{
    PyObject *d = MOD(self)->md_dict;
    PyObject *name = d == NULL ? NULL : PyDict_GetItemWithError(d, ID("__name__"));
    if (name == NULL && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *file = d == NULL ? NULL : PyDict_GetItemWithError(d, ID("__file__"));
    if (file == NULL && PyErr_Occurred()) {
        return NULL;
    }
    if (name == NULL) {
        return PyUnicode_FromString("<module '?'>");
    }
    if (file != NULL) {
        return PyUnicode_FromFormat("<module %R from %R>", name, file);
    }
    return PyUnicode_FromFormat("<module %R>", name);
}

static int
module_spec_initializing(PyObject *spec)
{
    PyObject *value;
    if (spec == NULL || spec == Py_None) {
        return 0;
    }
    if (_PyObject_LookupAttr(spec, ID("_initializing"), &value) <= 0) {
        PyErr_Clear();
        return 0;
    }
    int initializing = PyObject_IsTrue(value);
    Py_DECREF(value);
    if (initializing < 0) {
        PyErr_Clear();
        return 0;
    }
    return initializing;
}

static PyObject *
module_getattro(PyObject *self, PyObject *name)
{
    PyModuleObject *m = MOD(self);
    PyObject *attr = _PyObject_GenericGetAttrWithDict(self, name, NULL, 1);
    if (attr != NULL || PyErr_Occurred()) {
        return attr;
    }
    if (m->md_dict == NULL) {
        PyErr_Format(PyExc_AttributeError, "module has no attribute '%U'", name);
        return NULL;
    }
    PyObject *getattr = PyDict_GetItemWithError(m->md_dict, ID("__getattr__"));
    if (getattr != NULL) {
        return PyObject_CallOneArg(getattr, name);
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    PyObject *mod_name = PyDict_GetItemWithError(m->md_dict, ID("__name__"));
    if (mod_name == NULL || !PyUnicode_Check(mod_name)) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_AttributeError, "module has no attribute '%U'", name);
        }
        return NULL;
    }
    PyObject *spec = PyDict_GetItemWithError(m->md_dict, ID("__spec__"));
    if (module_spec_initializing(spec)) {
        PyErr_Format(PyExc_AttributeError,
                     "partially initialized module '%U' has no attribute '%U' (most likely due "
                     "to a circular import)",
                     mod_name, name);
    } else {
        PyErr_Format(PyExc_AttributeError, "module '%U' has no attribute '%U'", mod_name, name);
    }
    return NULL;
}

static PyObject *
module_dir(PyObject *self, PyObject *Py_UNUSED(args))
{
    PyObject *dict = PyObject_GetAttr(self, ID("__dict__"));
    if (dict == NULL) {
        return NULL;
    }
    PyObject *result = NULL;
    if (!PyDict_Check(dict)) {
        PyErr_Format(PyExc_TypeError, "<module>.__dict__ is not a dictionary");
    } else {
        PyObject *dirfunc = PyDict_GetItemWithError(dict, ID("__dir__"));
        if (dirfunc != NULL) {
            result = PyObject_CallNoArgs(dirfunc);
        } else if (!PyErr_Occurred()) {
            result = PyDict_Keys(dict);
        }
    }
    Py_DECREF(dict);
    return result;
}

static PyMethodDef module_methods[] = {
    {"__dir__", module_dir, METH_NOARGS, "__dir__() -> list\nspecialized dir() implementation"},
    {NULL, NULL, 0, NULL},
};

/* module.__annotations__: the dict's entry, created empty on first access (CPython 3.10+). */
static PyObject *
module_get_annotations(PyObject *self, void *Py_UNUSED(closure))
{
    PyObject *dict = PyObject_GetAttr(self, ID("__dict__"));
    if (dict == NULL) {
        return NULL;
    }
    PyObject *ann = NULL;
    if (!PyDict_Check(dict)) {
        PyErr_Format(PyExc_TypeError, "<module>.__dict__ is not a dictionary");
    } else if ((ann = Py_XNewRef(PyDict_GetItemWithError(dict, ID("__annotations__")))) == NULL &&
               !PyErr_Occurred() && (ann = PyDict_New()) != NULL &&
               PyDict_SetItem(dict, ID("__annotations__"), ann) < 0) {
        Py_CLEAR(ann);
    }
    Py_DECREF(dict);
    return ann;
}

/* Setting stores into the module dict; deleting a missing entry is an AttributeError. */
static int
module_set_annotations(PyObject *self, PyObject *value, void *Py_UNUSED(closure))
{
    PyObject *dict = PyObject_GetAttr(self, ID("__dict__"));
    if (dict == NULL) {
        return -1;
    }
    int r = -1;
    if (!PyDict_Check(dict)) {
        PyErr_Format(PyExc_TypeError, "<module>.__dict__ is not a dictionary");
    } else if (value != NULL) {
        r = PyDict_SetItem(dict, ID("__annotations__"), value);
    } else if ((r = PyDict_Contains(dict, ID("__annotations__"))) == 0) {
        PyErr_SetString(PyExc_AttributeError, "__annotations__");
        r = -1;
    } else if (r > 0) {
        r = PyDict_DelItem(dict, ID("__annotations__"));
    }
    Py_DECREF(dict);
    return r;
}

static PyGetSetDef module_getset[] = {
    {"__annotations__", module_get_annotations, module_set_annotations, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef module_members[] = {
    {"__dict__", T_OBJECT, offsetof(PyModuleObject, md_dict), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject PyModule_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "module",
    .tp_basicsize = sizeof(PyModuleObject),
    .tp_dealloc = module_dealloc,
    .tp_repr = module_repr,
    .tp_getattro = module_getattro,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "module(name, doc=None)\n--\n\nCreate a module object.\n\n"
              "The name must be a string; the optional doc argument can have any type.",
    .tp_traverse = module_traverse,
    .tp_clear = module_clear,
    .tp_weaklistoffset = offsetof(PyModuleObject, md_weaklist),
    .tp_methods = module_methods,
    .tp_members = module_members,
    .tp_getset = module_getset,
    .tp_dictoffset = offsetof(PyModuleObject, md_dict),
    .tp_init = module_tp_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = module_tp_new,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject PyModuleDef_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "moduledef",
    .tp_basicsize = sizeof(PyModuleDef),
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

int
pyrs_module_init(void)
{
    if (PyType_Ready(&PyModule_Type) < 0 || PyType_Ready(&PyModuleDef_Type) < 0) {
        return -1;
    }
    return 0;
}
