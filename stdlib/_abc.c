/* _abc: the C helpers of abc.ABCMeta (CPython 3.11's Modules/_abc.c), behaving as _py_abc:
 * per-class registry, positive and negative caches held as sets of weak references, a global
 * invalidation counter, and __abstractmethods__ computation. */
#include "Python.h"
#include "pyrs/call.h"

/* The _abc_impl object stored on every ABC. */
typedef struct {
    PyObject_HEAD
    PyObject *registry;             /* set of weakrefs to registered subclasses, or NULL */
    PyObject *cache;                /* set of weakrefs: known subclasses */
    PyObject *negative_cache;       /* set of weakrefs: known non-subclasses */
    unsigned long long neg_version; /* invalidation counter when negative_cache was made */
} AbcData;

static unsigned long long invalidation_counter;

#define COLLECTION_FLAGS (Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING)

/* Attribute names looked up on every ABC creation and isinstance check, interned once. */
enum { S_ABC_IMPL, S_ISABSTRACT, S_ABSTRACTMETHODS, S_DICT, S_BASES, S_CLASS, S_COUNT };
static PyObject *attr_names[S_COUNT];
static const char *const attr_text[S_COUNT] = {"_abc_impl",           "__isabstractmethod__",
                                               "__abstractmethods__", "__dict__",
                                               "__bases__",           "__class__"};

/* The interned name WHICH (borrowed), or NULL with MemoryError. */
static PyObject *
attr_name(int which)
{
    if (attr_names[which] == NULL) {
        attr_names[which] = PyUnicode_InternFromString(attr_text[which]);
    }
    return attr_names[which];
}

/* OBJ.<name WHICH> as a new reference, or NULL with the exception set. */
static PyObject *
get_attr(PyObject *obj, int which)
{
    PyObject *name = attr_name(which);
    return name ? PyObject_GetAttr(obj, name) : NULL;
}

/* _PyObject_LookupAttr with the name WHICH: 1 found, 0 missing (no error), -1 error. */
static int
lookup_attr(PyObject *obj, int which, PyObject **res)
{
    PyObject *name = attr_name(which);
    if (name == NULL) {
        *res = NULL;
        return -1;
    }
    return _PyObject_LookupAttr(obj, name, res);
}

static int
abcdata_traverse(PyObject *op, visitproc visit, void *arg)
{
    AbcData *self = (AbcData *)op;
    Py_VISIT(self->registry);
    Py_VISIT(self->cache);
    Py_VISIT(self->negative_cache);
    return 0;
}

static int
abcdata_clear(PyObject *op)
{
    AbcData *self = (AbcData *)op;
    Py_CLEAR(self->registry);
    Py_CLEAR(self->cache);
    Py_CLEAR(self->negative_cache);
    return 0;
}

static void
abcdata_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    abcdata_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static PyObject *
abcdata_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    AbcData *self = (AbcData *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->neg_version = invalidation_counter;
    }
    return (PyObject *)self;
}

static PyTypeObject AbcData_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_abc._abc_data",
    .tp_basicsize = sizeof(AbcData),
    .tp_dealloc = abcdata_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Internal state held by ABC machinery.",
    .tp_traverse = abcdata_traverse,
    .tp_clear = abcdata_clear,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = abcdata_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- weak sets ------------------------------------------------------------------------------ */

/* Weakref callback: SELF is a weak reference to the set holding REF. */
static PyObject *
weakset_remove(PyObject *self, PyObject *ref)
{
    PyObject *set = PyWeakref_GET_OBJECT(self);
    if (set != Py_None) {
        Py_INCREF(set);
        int r = PySet_Discard(set, ref);
        Py_DECREF(set);
        if (r < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

static PyMethodDef weakset_remove_def = {"_destroy", weakset_remove, METH_O, NULL};

/* 1 if OBJ is in the weak set *PSET, 0 if not (or not weakly referenceable), -1 on error. */
static int
in_weak_set(PyObject *set, PyObject *obj)
{
    if (set == NULL || PySet_GET_SIZE(set) == 0) {
        return 0;
    }
    PyObject *ref = PyWeakref_NewRef(obj, NULL);
    if (ref == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            return 0;
        }
        return -1;
    }
    int r = PySet_Contains(set, ref);
    Py_DECREF(ref);
    return r;
}

/* Adds a weak reference to OBJ to the weak set *PSET (created on demand). 0 or -1. */
static int
add_to_weak_set(PyObject **pset, PyObject *obj)
{
    if (*pset == NULL && (*pset = PySet_New(NULL)) == NULL) {
        return -1;
    }
    PyObject *wr = PyWeakref_NewRef(*pset, NULL);
    PyObject *destroy = wr != NULL ? PyCFunction_NewEx(&weakset_remove_def, wr, NULL) : NULL;
    PyObject *ref = destroy != NULL ? PyWeakref_NewRef(obj, destroy) : NULL;
    int r = ref != NULL ? PySet_Add(*pset, ref) : -1;
    Py_XDECREF(wr);
    Py_XDECREF(destroy);
    Py_XDECREF(ref);
    return r;
}

/* ---- the helpers ---------------------------------------------------------------------------- */

/* SELF._abc_impl, new reference, or NULL with TypeError. */
static AbcData *
get_impl(PyObject *self)
{
    PyObject *impl = get_attr(self, S_ABC_IMPL);
    if (impl == NULL) {
        return NULL;
    }
    if (!Py_IS_TYPE(impl, &AbcData_Type)) {
        PyErr_SetString(PyExc_TypeError, "_abc_impl is set to a wrong type");
        Py_DECREF(impl);
        return NULL;
    }
    return (AbcData *)impl;
}

/* 1 if VALUE has a true __isabstractmethod__, 0 if not, -1 on error. */
static int
is_abstract(PyObject *value)
{
    PyObject *flag;
    int found = lookup_attr(value, S_ISABSTRACT, &flag);
    if (found <= 0) {
        return found;
    }
    int r = PyObject_IsTrue(flag);
    Py_DECREF(flag);
    return r;
}

/* Adds to ABSTRACTS the names inherited from BASES whose value on SELF is still abstract. */
static int
inherited_abstracts(PyObject *self, PyObject *bases, PyObject *abstracts)
{
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
        PyObject *names;
        int found = lookup_attr(PyTuple_GET_ITEM(bases, i), S_ABSTRACTMETHODS, &names);
        if (found <= 0) {
            if (found < 0) {
                return -1;
            }
            continue;
        }
        PyObject *it = PyObject_GetIter(names), *name;
        Py_DECREF(names);
        if (it == NULL) {
            return -1;
        }
        while ((name = PyIter_Next(it)) != NULL) {
            PyObject *value;
            int r = _PyObject_LookupAttr(self, name, &value);
            if (r > 0) {
                r = is_abstract(value);
                if (r > 0) {
                    r = PySet_Add(abstracts, name);
                }
                Py_DECREF(value);
            }
            Py_DECREF(name);
            if (r < 0) {
                Py_DECREF(it);
                return -1;
            }
        }
        Py_DECREF(it);
        if (PyErr_Occurred()) {
            return -1;
        }
    }
    return 0;
}

/* SELF.__abstractmethods__ = VALUE. When SELF's metaclass keeps type's own __setattr__, this
 * does what that does (generic set through type's __abstractmethods__ descriptor, then
 * PyType_Modified) without the slot refresh pyrs's type_setattro runs for every dunder name:
 * no slot is named __abstractmethods__, so it would change nothing (CPython skips it too),
 * and it costs a walk of every slot over the MRO per ABC. 0, or -1 with an exception. */
static int
set_abstractmethods(PyObject *self, PyObject *value)
{
    PyObject *name = attr_name(S_ABSTRACTMETHODS);
    if (name == NULL) {
        return -1;
    }
    if (!PyType_Check(self) || Py_TYPE(self)->tp_setattro != PyType_Type.tp_setattro ||
        PyType_HasFeature((PyTypeObject *)self, Py_TPFLAGS_IMMUTABLETYPE)) {
        return PyObject_SetAttr(self, name, value);
    }
    if (PyObject_GenericSetAttr(self, name, value) < 0) {
        return -1;
    }
    PyType_Modified((PyTypeObject *)self);
    return 0;
}

/* Sets SELF.__abstractmethods__ from its namespace and its bases. */
static int
compute_abstract_methods(PyObject *self)
{
    PyObject *ns = NULL, *items = NULL, *bases = NULL, *abstracts = PySet_New(NULL);
    int res = -1;
    if (abstracts == NULL || (ns = get_attr(self, S_DICT)) == NULL ||
        (items = PyMapping_Items(ns)) == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++) {
        PyObject *kv = PyList_GET_ITEM(items, i);
        if (!PyTuple_Check(kv) || PyTuple_GET_SIZE(kv) != 2) {
            PyErr_SetString(PyExc_TypeError, "items() returned item which is not a 2-tuple");
            goto done;
        }
        int r = is_abstract(PyTuple_GET_ITEM(kv, 1));
        if (r < 0 || (r > 0 && PySet_Add(abstracts, PyTuple_GET_ITEM(kv, 0)) < 0)) {
            goto done;
        }
    }
    if ((bases = get_attr(self, S_BASES)) == NULL) {
        goto done;
    }
    if (!PyTuple_Check(bases)) {
        PyErr_SetString(PyExc_TypeError, "__bases__ is not tuple");
        goto done;
    }
    if (inherited_abstracts(self, bases, abstracts) < 0) {
        goto done;
    }
    PyObject *frozen = PyFrozenSet_New(abstracts);
    if (frozen != NULL) {
        res = set_abstractmethods(self, frozen);
        Py_DECREF(frozen);
    }
done:
    Py_XDECREF(abstracts);
    Py_XDECREF(ns);
    Py_XDECREF(items);
    Py_XDECREF(bases);
    return res;
}

/* collections.abc marks Sequence/Mapping with __abc_tpflags__; apply and drop it. */
static int
apply_abc_tpflags(PyObject *self)
{
    if (!PyType_Check(self)) {
        return 0;
    }
    PyTypeObject *tp = (PyTypeObject *)self;
    PyObject *flags = PyDict_GetItemString(tp->tp_dict, "__abc_tpflags__");
    if (flags == NULL) {
        return 0;
    }
    if (PyLong_Check(flags)) {
        unsigned long val = PyLong_AsUnsignedLongMask(flags);
        if (val == (unsigned long)-1 && PyErr_Occurred()) {
            return -1;
        }
        if ((val & COLLECTION_FLAGS) == COLLECTION_FLAGS) {
            PyErr_SetString(PyExc_TypeError, "__abc_tpflags__ cannot be both "
                                             "Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING");
            return -1;
        }
        tp->tp_flags |= (val & COLLECTION_FLAGS);
    }
    return PyDict_DelItemString(tp->tp_dict, "__abc_tpflags__");
}

static PyObject *
abc_init(PyObject *Py_UNUSED(module), PyObject *self)
{
    if (compute_abstract_methods(self) < 0) {
        return NULL;
    }
    PyObject *data = abcdata_new(&AbcData_Type, NULL, NULL);
    if (data == NULL) {
        return NULL;
    }
    PyObject *name = attr_name(S_ABC_IMPL);
    int r = name ? PyObject_SetAttr(self, name, data) : -1;
    Py_DECREF(data);
    if (r < 0 || apply_abc_tpflags(self) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Gives CHILD and its subclasses the Sequence/Mapping flag FLAG unless they have one. */
static void
set_collection_flag_recursive(PyTypeObject *child, unsigned long flag)
{
    if (PyType_HasFeature(child, Py_TPFLAGS_IMMUTABLETYPE) ||
        (child->tp_flags & COLLECTION_FLAGS) == flag) {
        return;
    }
    child->tp_flags &= ~COLLECTION_FLAGS;
    child->tp_flags |= flag;
    PyObject *grandchildren = PyObject_CallMethod((PyObject *)child, "__subclasses__", NULL);
    if (grandchildren == NULL) {
        PyErr_Clear();
        return;
    }
    for (Py_ssize_t i = 0; PyList_Check(grandchildren) && i < PyList_GET_SIZE(grandchildren); i++) {
        PyObject *g = PyList_GET_ITEM(grandchildren, i);
        if (PyType_Check(g)) {
            set_collection_flag_recursive((PyTypeObject *)g, flag);
        }
    }
    Py_DECREF(grandchildren);
}

static PyObject *
abc_register(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("_abc_register", nargs, 2, 2)) {
        return NULL;
    }
    PyObject *self = args[0], *subclass = args[1];
    if (!PyType_Check(subclass)) {
        PyErr_SetString(PyExc_TypeError, "Can only register classes");
        return NULL;
    }
    int r = PyObject_IsSubclass(subclass, self);
    if (r != 0) {
        return r > 0 ? Py_NewRef(subclass) : NULL;
    }
    r = PyObject_IsSubclass(self, subclass);
    if (r != 0) {
        if (r > 0) {
            PyErr_SetString(PyExc_RuntimeError, "Refusing to create an inheritance cycle");
        }
        return NULL;
    }
    AbcData *impl = get_impl(self);
    if (impl == NULL) {
        return NULL;
    }
    r = add_to_weak_set(&impl->registry, subclass);
    Py_DECREF(impl);
    if (r < 0) {
        return NULL;
    }
    invalidation_counter++;
    if (PyType_Check(self)) {
        unsigned long flags = ((PyTypeObject *)self)->tp_flags & COLLECTION_FLAGS;
        if (flags) {
            set_collection_flag_recursive((PyTypeObject *)subclass, flags);
        }
    }
    return Py_NewRef(subclass);
}

/* Calls SELF.__subclasscheck__(CLS) and returns its truth, or -1. */
static int
call_subclasscheck(PyObject *self, PyObject *cls)
{
    PyObject *res = PyObject_CallMethod(self, "__subclasscheck__", "O", cls);
    if (res == NULL) {
        return -1;
    }
    int r = PyObject_IsTrue(res);
    Py_DECREF(res);
    return r;
}

static PyObject *
abc_instancecheck(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("_abc_instancecheck", nargs, 2, 2)) {
        return NULL;
    }
    PyObject *self = args[0], *instance = args[1];
    AbcData *impl = get_impl(self);
    if (impl == NULL) {
        return NULL;
    }
    PyObject *subclass = get_attr(instance, S_CLASS);
    int r = -1;
    if (subclass == NULL) {
        goto done;
    }
    r = in_weak_set(impl->cache, subclass);
    if (r != 0) {
        goto done;
    }
    PyObject *subtype = (PyObject *)Py_TYPE(instance);
    if (subtype == subclass) {
        if (impl->neg_version == invalidation_counter) {
            r = in_weak_set(impl->negative_cache, subclass);
            if (r != 0) {
                r = r > 0 ? 0 : -1;
                goto done;
            }
        }
        r = call_subclasscheck(self, subclass);
        goto done;
    }
    r = call_subclasscheck(self, subclass);
    if (r == 0) {
        r = call_subclasscheck(self, subtype);
    }
done:
    Py_DECREF(impl);
    Py_XDECREF(subclass);
    return r < 0 ? NULL : PyBool_FromLong(r);
}

/* 1 if SUBCLASS is a subclass of some class in the registry or __subclasses__ list ITEMS. */
static int
any_subclass_of(PyObject *subclass, PyObject *items)
{
    PyObject *it = PyObject_GetIter(items), *x;
    if (it == NULL) {
        return -1;
    }
    int r = 0;
    while (r == 0 && (x = PyIter_Next(it)) != NULL) {
        PyObject *cls = PyWeakref_Check(x) ? PyWeakref_GET_OBJECT(x) : x;
        if (cls != Py_None) {
            Py_INCREF(cls);
            r = PyObject_IsSubclass(subclass, cls);
            Py_DECREF(cls);
        }
        Py_DECREF(x);
    }
    Py_DECREF(it);
    return r == 0 && PyErr_Occurred() ? -1 : r;
}

/* The slow part of _abc_subclasscheck after the caches missed. */
static int
subclasscheck_uncached(PyObject *self, AbcData *impl, PyObject *subclass)
{
    PyObject *ok = PyObject_CallMethod(self, "__subclasshook__", "O", subclass);
    if (ok == NULL) {
        return -1;
    }
    if (ok != Py_NotImplemented) {
        int r = ok == Py_True ? 1 : ok == Py_False ? 0 : -2;
        Py_DECREF(ok);
        if (r == -2) {
            PyErr_SetString(PyExc_AssertionError,
                            "__subclasshook__ must return either False, True, or NotImplemented");
            return -1;
        }
        if (add_to_weak_set(r ? &impl->cache : &impl->negative_cache, subclass) < 0) {
            return -1;
        }
        return r;
    }
    Py_DECREF(ok);
    PyObject *mro = ((PyTypeObject *)subclass)->tp_mro;
    for (Py_ssize_t i = 0; mro != NULL && i < PyTuple_GET_SIZE(mro); i++) {
        if (PyTuple_GET_ITEM(mro, i) == self) {
            return add_to_weak_set(&impl->cache, subclass) < 0 ? -1 : 1;
        }
    }
    /* A class registered directly answers True without entering the cache. */
    int r = in_weak_set(impl->registry, subclass);
    if (r != 0) {
        return r;
    }
    if (impl->registry != NULL) {
        PyObject *copy = PySet_New(impl->registry);
        r = copy == NULL ? -1 : any_subclass_of(subclass, copy);
        Py_XDECREF(copy);
    }
    if (r == 0) {
        PyObject *subs = PyObject_CallMethod(self, "__subclasses__", NULL);
        if (subs != NULL && !PyList_Check(subs)) {
            PyErr_SetString(PyExc_TypeError, "__subclasses__() must return a list");
            Py_CLEAR(subs);
        }
        r = subs == NULL ? -1 : any_subclass_of(subclass, subs);
        Py_XDECREF(subs);
    }
    if (r < 0) {
        return -1;
    }
    return add_to_weak_set(r ? &impl->cache : &impl->negative_cache, subclass) < 0 ? -1 : r;
}

static PyObject *
abc_subclasscheck(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("_abc_subclasscheck", nargs, 2, 2)) {
        return NULL;
    }
    PyObject *self = args[0], *subclass = args[1];
    if (!PyType_Check(subclass)) {
        PyErr_SetString(PyExc_TypeError, "issubclass() arg 1 must be a class");
        return NULL;
    }
    AbcData *impl = get_impl(self);
    if (impl == NULL) {
        return NULL;
    }
    int r = in_weak_set(impl->cache, subclass);
    if (r == 0) {
        if (impl->neg_version < invalidation_counter) {
            if (impl->negative_cache != NULL) {
                r = PySet_Clear(impl->negative_cache);
            }
            impl->neg_version = invalidation_counter;
        } else {
            r = in_weak_set(impl->negative_cache, subclass);
            r = r > 0 ? 2 : r;
        }
        if (r == 0) {
            r = subclasscheck_uncached(self, impl, subclass);
        } else if (r == 2) {
            r = 0;
        }
    }
    Py_DECREF(impl);
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyObject *
set_copy(PyObject *set)
{
    return set == NULL ? PySet_New(NULL) : PySet_New(set);
}

static PyObject *
abc_get_dump(PyObject *Py_UNUSED(module), PyObject *self)
{
    AbcData *impl = get_impl(self);
    if (impl == NULL) {
        return NULL;
    }
    PyObject *res = Py_BuildValue("NNNK", set_copy(impl->registry), set_copy(impl->cache),
                                  set_copy(impl->negative_cache), impl->neg_version);
    Py_DECREF(impl);
    return res;
}

static PyObject *
abc_reset_registry(PyObject *Py_UNUSED(module), PyObject *self)
{
    AbcData *impl = get_impl(self);
    if (impl == NULL) {
        return NULL;
    }
    int r = impl->registry != NULL ? PySet_Clear(impl->registry) : 0;
    Py_DECREF(impl);
    if (r < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
abc_reset_caches(PyObject *Py_UNUSED(module), PyObject *self)
{
    AbcData *impl = get_impl(self);
    if (impl == NULL) {
        return NULL;
    }
    int r = impl->cache != NULL ? PySet_Clear(impl->cache) : 0;
    if (r == 0 && impl->negative_cache != NULL) {
        r = PySet_Clear(impl->negative_cache);
    }
    Py_DECREF(impl);
    if (r < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
abc_get_cache_token(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    return PyLong_FromUnsignedLongLong(invalidation_counter);
}

static PyMethodDef abc_methods[] = {
    {"get_cache_token", abc_get_cache_token, METH_NOARGS, NULL},
    {"_abc_init", abc_init, METH_O, NULL},
    {"_reset_registry", abc_reset_registry, METH_O, NULL},
    {"_reset_caches", abc_reset_caches, METH_O, NULL},
    {"_get_dump", abc_get_dump, METH_O, NULL},
    {"_abc_register", (PyCFunction)(void (*)(void))abc_register, METH_FASTCALL, NULL},
    {"_abc_instancecheck", (PyCFunction)(void (*)(void))abc_instancecheck, METH_FASTCALL, NULL},
    {"_abc_subclasscheck", (PyCFunction)(void (*)(void))abc_subclasscheck, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef abc_module = {
    PyModuleDef_HEAD_INIT, "_abc", NULL, 0, abc_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__abc(void);

PyMODINIT_FUNC
PyInit__abc(void)
{
    if (PyType_Ready(&AbcData_Type) < 0) {
        return NULL;
    }
    return PyModule_Create(&abc_module);
}
