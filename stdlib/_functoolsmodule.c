/* _functoolsmodule.c: the _functools accelerator (partial, reduce, cmp_to_key and the
 * _lru_cache_wrapper behind functools.lru_cache), mirroring CPython 3.11's
 * Modules/_functoolsmodule.c: nested partials flatten, reprs and pickling state match, and the
 * cache keys, hit/miss counts and eviction order are CPython's. */
#include "Python.h"
#include "pyrs/call.h"
#include "pyrs/containers.h"
#include "structmember.h"

static PyObject *kwd_mark; /* the unique separator between positional and keyword key parts */

/* ---- partial ----------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *fn;              /* the wrapped callable */
    PyObject *args;            /* tuple of frozen positional arguments */
    PyObject *kw;              /* dict of frozen keyword arguments */
    PyObject *dict;            /* instance __dict__, or NULL */
    PyObject *weakreflist;     /* weak references to this object */
    vectorcallfunc vectorcall; /* partial_vectorcall, or NULL while frozen keywords exist */
} partialobject;

static PyTypeObject partial_type;
static PyObject *partial_call(partialobject *pto, PyObject *args, PyObject *kwargs);
static PyObject *partial_vectorcall(partialobject *pto, PyObject *const *args, size_t nargsf,
                                    PyObject *kwnames);

static void
partial_setvectorcall(partialobject *pto)
{
    /* Frozen keywords need a merged dict on every call: those calls take tp_call. */
    pto->vectorcall = PyDict_GET_SIZE(pto->kw) == 0 ? (vectorcallfunc)partial_vectorcall : NULL;
}

static PyObject *
partial_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    if (PyTuple_GET_SIZE(args) < 1) {
        PyErr_SetString(PyExc_TypeError, "type 'partial' takes at least one argument");
        return NULL;
    }
    PyObject *func = PyTuple_GET_ITEM(args, 0), *pargs = NULL, *pkw = NULL;
    if (Py_TYPE(func)->tp_call == (ternaryfunc)partial_call) {
        /* Flatten partial(partial(f, ...), ...) unless the inner one carries a __dict__. */
        partialobject *part = (partialobject *)func;
        if (part->dict == NULL) {
            pargs = part->args;
            pkw = part->kw;
            func = part->fn;
        }
    }
    if (!PyCallable_Check(func)) {
        PyErr_SetString(PyExc_TypeError, "the first argument must be callable");
        return NULL;
    }
    partialobject *pto = (partialobject *)type->tp_alloc(type, 0);
    if (pto == NULL) {
        return NULL;
    }
    pto->fn = Py_NewRef(func);
    PyObject *nargs = PyTuple_GetSlice(args, 1, PY_SSIZE_T_MAX);
    if (nargs == NULL) {
        goto error;
    }
    if (pargs == NULL) {
        pto->args = nargs;
    } else {
        pto->args = PySequence_Concat(pargs, nargs);
        Py_DECREF(nargs);
        if (pto->args == NULL) {
            goto error;
        }
    }
    if (pkw == NULL || PyDict_GET_SIZE(pkw) == 0) {
        pto->kw = kw != NULL ? PyDict_Copy(kw) : PyDict_New();
    } else {
        pto->kw = PyDict_Copy(pkw);
        if (pto->kw != NULL && kw != NULL && PyDict_Merge(pto->kw, kw, 1) < 0) {
            goto error;
        }
    }
    if (pto->kw == NULL) {
        goto error;
    }
    partial_setvectorcall(pto);
    return (PyObject *)pto;
error:
    Py_DECREF(pto);
    return NULL;
}

static int
partial_clear(partialobject *pto)
{
    Py_CLEAR(pto->fn);
    Py_CLEAR(pto->args);
    Py_CLEAR(pto->kw);
    Py_CLEAR(pto->dict);
    return 0;
}

static int
partial_traverse(partialobject *pto, visitproc visit, void *arg)
{
    Py_VISIT(pto->fn);
    Py_VISIT(pto->args);
    Py_VISIT(pto->kw);
    Py_VISIT(pto->dict);
    return 0;
}

static void
partial_dealloc(partialobject *pto)
{
    PyObject_GC_UnTrack(pto);
    if (pto->weakreflist != NULL) {
        PyObject_ClearWeakRefs((PyObject *)pto);
    }
    partial_clear(pto);
    Py_TYPE(pto)->tp_free(pto);
}

/* The vectorcall of a partial whose keywords dict gained entries after construction (it is
 * mutable): through a tuple and a dict, as tp_call. */
static PyObject *
partial_vectorcall_fallback(partialobject *pto, PyObject *const *args, size_t nargsf,
                            PyObject *kwnames)
{
    PyObject *tuple, *kw;
    if (pyrs_call_unpack_vector(args, PyVectorcall_NARGS(nargsf), kwnames, &tuple, &kw) < 0) {
        return NULL;
    }
    PyObject *res = partial_call(pto, tuple, kw);
    Py_DECREF(tuple);
    Py_XDECREF(kw);
    return res;
}

static PyObject *
partial_vectorcall(partialobject *pto, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (PyDict_GET_SIZE(pto->kw) != 0) {
        return partial_vectorcall_fallback(pto, args, nargsf, kwnames);
    }
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    Py_ssize_t nfrozen = PyTuple_GET_SIZE(pto->args);
    if (nfrozen == 0) {
        return PyObject_Vectorcall(pto->fn, args, (size_t)nargs, kwnames);
    }
    Py_ssize_t total = nfrozen + nargs + nkw;
    PyObject *small[8], **stack = small;
    if (total > (Py_ssize_t)Py_ARRAY_LENGTH(small)) {
        stack = PyMem_Malloc((size_t)total * sizeof(PyObject *));
        if (stack == NULL) {
            return PyErr_NoMemory();
        }
    }
    memcpy(stack, ((PyTupleObject *)pto->args)->ob_item, (size_t)nfrozen * sizeof(PyObject *));
    if (nargs + nkw > 0) { /* ARGS may be NULL when there are none */
        memcpy(stack + nfrozen, args, (size_t)(nargs + nkw) * sizeof(PyObject *));
    }
    PyObject *res = PyObject_Vectorcall(pto->fn, stack, (size_t)(nfrozen + nargs), kwnames);
    if (stack != small) {
        PyMem_Free(stack);
    }
    return res;
}

static PyObject *
partial_call(partialobject *pto, PyObject *args, PyObject *kwargs)
{
    PyObject *kw, *allargs, *res;
    if (PyDict_GET_SIZE(pto->kw) == 0) {
        kw = Py_XNewRef(kwargs);
    } else {
        kw = PyDict_Copy(pto->kw);
        if (kw == NULL) {
            return NULL;
        }
        if (kwargs != NULL && PyDict_Merge(kw, kwargs, 1) < 0) {
            Py_DECREF(kw);
            return NULL;
        }
    }
    if (PyTuple_GET_SIZE(pto->args) == 0) {
        allargs = Py_NewRef(args);
    } else {
        allargs = PySequence_Concat(pto->args, args);
        if (allargs == NULL) {
            Py_XDECREF(kw);
            return NULL;
        }
    }
    res = PyObject_Call(pto->fn, allargs, kw);
    Py_DECREF(allargs);
    Py_XDECREF(kw);
    return res;
}

static PyObject *
partial_repr(partialobject *pto)
{
    PyObject *res = NULL;
    int status = Py_ReprEnter((PyObject *)pto);
    if (status != 0) {
        return status < 0 ? NULL : PyUnicode_FromString("...");
    }
    /* Hold the pieces: a repr may run code that replaces them through __setstate__. */
    PyObject *args = Py_NewRef(pto->args), *kw = Py_NewRef(pto->kw), *fn = Py_NewRef(pto->fn);
    PyObject *arglist = PyUnicode_FromString("");
    for (Py_ssize_t i = 0; arglist != NULL && i < PyTuple_GET_SIZE(args); i++) {
        Py_SETREF(arglist, PyUnicode_FromFormat("%U, %R", arglist, PyTuple_GET_ITEM(args, i)));
    }
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (arglist != NULL && PyDict_Next(kw, &pos, &k, &v)) {
        Py_INCREF(k);
        Py_INCREF(v);
        Py_SETREF(arglist, PyUnicode_FromFormat("%U, %S=%R", arglist, k, v));
        Py_DECREF(k);
        Py_DECREF(v);
    }
    if (arglist != NULL) {
        res = PyUnicode_FromFormat("%s(%R%U)", Py_TYPE(pto)->tp_name, fn, arglist);
    }
    Py_XDECREF(arglist);
    Py_DECREF(args);
    Py_DECREF(kw);
    Py_DECREF(fn);
    Py_ReprLeave((PyObject *)pto);
    return res;
}

static PyObject *
partial_reduce(partialobject *pto, PyObject *Py_UNUSED(unused))
{
    return Py_BuildValue("O(O)(OOOO)", Py_TYPE(pto), pto->fn, pto->fn, pto->args, pto->kw,
                         pto->dict ? pto->dict : Py_None);
}

static PyObject *
partial_setstate(partialobject *pto, PyObject *state)
{
    if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) != 4) {
        PyErr_SetString(PyExc_TypeError, "invalid partial state");
        return NULL;
    }
    PyObject *fn = PyTuple_GET_ITEM(state, 0), *fnargs = PyTuple_GET_ITEM(state, 1);
    PyObject *kw = PyTuple_GET_ITEM(state, 2), *dict = PyTuple_GET_ITEM(state, 3);
    if (!PyCallable_Check(fn) || !PyTuple_Check(fnargs) || (kw != Py_None && !PyDict_Check(kw))) {
        PyErr_SetString(PyExc_TypeError, "invalid partial state");
        return NULL;
    }
    fnargs = PyTuple_CheckExact(fnargs) ? Py_NewRef(fnargs) : PySequence_Tuple(fnargs);
    if (fnargs == NULL) {
        return NULL;
    }
    if (kw == Py_None) {
        kw = PyDict_New();
    } else if (!PyDict_CheckExact(kw)) {
        kw = PyDict_Copy(kw);
    } else {
        Py_INCREF(kw);
    }
    if (kw == NULL) {
        Py_DECREF(fnargs);
        return NULL;
    }
    Py_SETREF(pto->fn, Py_NewRef(fn));
    Py_SETREF(pto->args, fnargs);
    Py_SETREF(pto->kw, kw);
    Py_XSETREF(pto->dict, dict == Py_None ? NULL : Py_NewRef(dict));
    partial_setvectorcall(pto);
    Py_RETURN_NONE;
}

static PyMethodDef partial_methods[] = {
    {"__reduce__", (PyCFunction)partial_reduce, METH_NOARGS, NULL},
    {"__setstate__", (PyCFunction)partial_setstate, METH_O, NULL},
    {"__class_getitem__", pyrs_tuple_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef partial_members[] = {
    {"func", T_OBJECT, offsetof(partialobject, fn), READONLY,
     "function object to use in future partial calls"},
    {"args", T_OBJECT, offsetof(partialobject, args), READONLY,
     "tuple of arguments to future partial calls"},
    {"keywords", T_OBJECT, offsetof(partialobject, kw), READONLY,
     "dictionary of keyword arguments to future partial calls"},
    {"__vectorcalloffset__", T_PYSSIZET, offsetof(partialobject, vectorcall), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef partial_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject partial_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "functools.partial",
    .tp_basicsize = sizeof(partialobject),
    .tp_dealloc = (destructor)partial_dealloc,
    .tp_vectorcall_offset = offsetof(partialobject, vectorcall),
    .tp_repr = (reprfunc)partial_repr,
    .tp_call = (ternaryfunc)partial_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags =
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "partial(func, *args, **keywords) - new function with partial application\n    of "
              "the given arguments and keywords.\n",
    .tp_traverse = (traverseproc)partial_traverse,
    .tp_clear = (inquiry)partial_clear,
    .tp_weaklistoffset = offsetof(partialobject, weakreflist),
    .tp_methods = partial_methods,
    .tp_members = partial_members,
    .tp_getset = partial_getset,
    .tp_dictoffset = offsetof(partialobject, dict),
    .tp_new = partial_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- cmp_to_key -------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *cmp;    /* the old-style comparison function */
    PyObject *object; /* the wrapped value, NULL for the factory cmp_to_key returns */
} keyobject;

static PyTypeObject keyobject_type;

static void
keyobject_dealloc(keyobject *ko)
{
    PyObject_GC_UnTrack(ko);
    Py_XDECREF(ko->cmp);
    Py_XDECREF(ko->object);
    PyObject_GC_Del(ko);
}

static int
keyobject_traverse(keyobject *ko, visitproc visit, void *arg)
{
    Py_VISIT(ko->cmp);
    Py_VISIT(ko->object);
    return 0;
}

static int
keyobject_clear(keyobject *ko)
{
    Py_CLEAR(ko->cmp);
    Py_CLEAR(ko->object);
    return 0;
}

static PyObject *
keyobject_new(PyObject *cmp, PyObject *object)
{
    keyobject *ko = PyObject_GC_New(keyobject, &keyobject_type);
    if (ko == NULL) {
        return NULL;
    }
    ko->cmp = Py_NewRef(cmp);
    ko->object = Py_XNewRef(object);
    PyObject_GC_Track(ko);
    return (PyObject *)ko;
}

static PyObject *
keyobject_call(keyobject *ko, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"obj", NULL};
    PyObject *object;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:K", (char **)kwlist, &object)) {
        return NULL;
    }
    return keyobject_new(ko->cmp, object);
}

static PyObject *
keyobject_richcompare(PyObject *ko, PyObject *other, int op)
{
    if (!Py_IS_TYPE(other, &keyobject_type)) {
        PyErr_Format(PyExc_TypeError, "other argument must be K instance");
        return NULL;
    }
    PyObject *cmp = ((keyobject *)ko)->cmp, *x = ((keyobject *)ko)->object;
    PyObject *y = ((keyobject *)other)->object;
    if (x == NULL || y == NULL) {
        PyErr_Format(PyExc_AttributeError, "object");
        return NULL;
    }
    PyObject *stack[2] = {x, y};
    PyObject *res = PyObject_Vectorcall(cmp, stack, 2, NULL);
    if (res == NULL) {
        return NULL;
    }
    PyObject *zero = PyLong_FromLong(0);
    PyObject *answer = zero == NULL ? NULL : PyObject_RichCompare(res, zero, op);
    Py_XDECREF(zero);
    Py_DECREF(res);
    return answer;
}

static PyMemberDef keyobject_members[] = {
    {"obj", T_OBJECT, offsetof(keyobject, object), 0, "Value wrapped by a key function."},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject keyobject_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "functools.KeyWrapper",
    .tp_basicsize = sizeof(keyobject),
    .tp_dealloc = (destructor)keyobject_dealloc,
    .tp_call = (ternaryfunc)keyobject_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)keyobject_traverse,
    .tp_clear = (inquiry)keyobject_clear,
    .tp_richcompare = keyobject_richcompare,
    .tp_members = keyobject_members,
    .tp_hash = PyObject_HashNotImplemented,
};

static PyObject *
functools_cmp_to_key(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"mycmp", NULL};
    PyObject *cmp;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:cmp_to_key", (char **)kwlist, &cmp)) {
        return NULL;
    }
    return keyobject_new(cmp, NULL);
}

/* ---- reduce ------------------------------------------------------------------------------ */

static PyObject *
functools_reduce(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    PyObject *func, *seq, *result = NULL;
    if (!_PyArg_NoKeywords("reduce", kwds) ||
        !PyArg_UnpackTuple(args, "reduce", 2, 3, &func, &seq, &result)) {
        return NULL;
    }
    PyObject *it = PyObject_GetIter(seq);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_SetString(PyExc_TypeError, "reduce() arg 2 must support iteration");
        }
        return NULL;
    }
    Py_XINCREF(result);
    for (;;) {
        PyObject *item = PyIter_Next(it);
        if (item == NULL) {
            if (PyErr_Occurred()) {
                goto error;
            }
            break;
        }
        if (result == NULL) {
            result = item;
            continue;
        }
        PyObject *stack[2] = {result, item};
        PyObject *next = PyObject_Vectorcall(func, stack, 2, NULL);
        Py_DECREF(item);
        Py_SETREF(result, next);
        if (result == NULL) {
            goto error;
        }
    }
    Py_DECREF(it);
    if (result == NULL) {
        PyErr_SetString(PyExc_TypeError, "reduce() of empty iterable with no initial value");
    }
    return result;
error:
    Py_DECREF(it);
    Py_XDECREF(result);
    return NULL;
}

/* ---- _lru_cache_wrapper ------------------------------------------------------------------ */

/* One cache entry; the bounded cache keeps them in a circular list, most recent last. */
typedef struct lru_list_elem {
    PyObject_HEAD
    struct lru_list_elem *prev, *next; /* neighbours in the recency list (not owned) */
    Py_hash_t hash;                    /* hash of key */
    PyObject *key, *result;            /* owned */
} lru_list_elem;

static void
lru_list_elem_dealloc(lru_list_elem *link)
{
    Py_XDECREF(link->key);
    Py_XDECREF(link->result);
    PyObject_Free(link);
}

static PyTypeObject lru_list_elem_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "functools._lru_list_elem",
    .tp_basicsize = sizeof(lru_list_elem),
    .tp_dealloc = (destructor)lru_list_elem_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

struct lru_cache_object;
typedef PyObject *(*lru_cache_ternaryfunc)(struct lru_cache_object *, PyObject *, PyObject *);

typedef struct lru_cache_object {
    lru_list_elem root;            /* sentinel of the recency list (only prev/next used) */
    lru_cache_ternaryfunc wrapper; /* uncached, infinite or bounded call strategy */
    int typed;                     /* argument types are part of the key */
    PyObject *cache;               /* dict: key -> result (infinite) or -> lru_list_elem */
    Py_ssize_t hits, misses;       /* statistics */
    PyObject *func;                /* the user function */
    Py_ssize_t maxsize;            /* bound (0 for no caching, -1 for none) */
    PyObject *kwd_mark;            /* separator in keys built with keywords */
    PyObject *cache_info_type;     /* the _CacheInfo namedtuple class */
    PyObject *dict;                /* instance __dict__ */
    PyObject *weakreflist;         /* weak references */
} lru_cache_object;

static PyTypeObject lru_cache_type;

/* CPython's _make_key: the call's cache key (a new reference). */
static PyObject *
lru_cache_make_key(PyObject *kwd_mark_obj, PyObject *args, PyObject *kwds, int typed)
{
    Py_ssize_t kwds_size = kwds ? PyDict_GET_SIZE(kwds) : 0;
    if (!typed && kwds_size == 0) {
        if (PyTuple_GET_SIZE(args) == 1) {
            PyObject *key = PyTuple_GET_ITEM(args, 0);
            if (PyUnicode_CheckExact(key) || PyLong_CheckExact(key)) {
                return Py_NewRef(key);
            }
        }
        return Py_NewRef(args);
    }
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    Py_ssize_t size = nargs + (kwds_size ? 2 * kwds_size + 1 : 0);
    if (typed) {
        size += nargs + kwds_size;
    }
    PyObject *key = PyTuple_New(size);
    if (key == NULL) {
        return NULL;
    }
    Py_ssize_t n = 0, pos = 0;
    PyObject *k, *v;
    for (Py_ssize_t i = 0; i < nargs; i++) {
        PyTuple_SET_ITEM(key, n++, Py_NewRef(PyTuple_GET_ITEM(args, i)));
    }
    if (kwds_size) {
        PyTuple_SET_ITEM(key, n++, Py_NewRef(kwd_mark_obj));
        while (PyDict_Next(kwds, &pos, &k, &v)) {
            PyTuple_SET_ITEM(key, n++, Py_NewRef(k));
            PyTuple_SET_ITEM(key, n++, Py_NewRef(v));
        }
    }
    if (typed) {
        for (Py_ssize_t i = 0; i < nargs; i++) {
            PyTuple_SET_ITEM(key, n++, Py_NewRef(Py_TYPE(PyTuple_GET_ITEM(args, i))));
        }
        pos = 0;
        while (kwds_size && PyDict_Next(kwds, &pos, &k, &v)) {
            PyTuple_SET_ITEM(key, n++, Py_NewRef(Py_TYPE(v)));
        }
    }
    return key;
}

static PyObject *
uncached_lru_cache_wrapper(lru_cache_object *self, PyObject *args, PyObject *kwds)
{
    self->misses++;
    return PyObject_Call(self->func, args, kwds);
}

static PyObject *
infinite_lru_cache_wrapper(lru_cache_object *self, PyObject *args, PyObject *kwds)
{
    PyObject *key = lru_cache_make_key(self->kwd_mark, args, kwds, self->typed);
    if (key == NULL) {
        return NULL;
    }
    Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) {
        Py_DECREF(key);
        return NULL;
    }
    PyObject *result = _PyDict_GetItem_KnownHash(self->cache, key, hash);
    if (result != NULL) {
        self->hits++;
        Py_DECREF(key);
        return Py_NewRef(result);
    }
    if (PyErr_Occurred()) {
        Py_DECREF(key);
        return NULL;
    }
    self->misses++;
    result = PyObject_Call(self->func, args, kwds);
    if (result == NULL) {
        Py_DECREF(key);
        return NULL;
    }
    if (_PyDict_SetItem_KnownHash(self->cache, key, result, hash) < 0) {
        Py_DECREF(result);
        Py_DECREF(key);
        return NULL;
    }
    Py_DECREF(key);
    return result;
}

static void
lru_cache_extract_link(lru_list_elem *link)
{
    link->prev->next = link->next;
    link->next->prev = link->prev;
}

static void
lru_cache_append_link(lru_cache_object *self, lru_list_elem *link)
{
    lru_list_elem *root = &self->root, *last = root->prev;
    last->next = root->prev = link;
    link->prev = last;
    link->next = root;
}

/* Inserts a new entry for KEY (both key and result stolen on success). 0 or -1. */
static int
bounded_add(lru_cache_object *self, PyObject *key, Py_hash_t hash, PyObject *result)
{
    lru_list_elem *link = PyObject_New(lru_list_elem, &lru_list_elem_type);
    if (link == NULL) {
        return -1;
    }
    link->hash = hash;
    link->key = key;
    link->result = result;
    if (_PyDict_SetItem_KnownHash(self->cache, key, (PyObject *)link, hash) < 0) {
        link->key = link->result = NULL;
        Py_DECREF(link);
        return -1;
    }
    lru_cache_append_link(self, link);
    Py_DECREF(link); /* the dict holds it */
    return 0;
}

/* Drops the least recently used entry. 0 or -1. */
static int
bounded_evict(lru_cache_object *self)
{
    lru_list_elem *oldest = self->root.next;
    lru_cache_extract_link(oldest);
    Py_INCREF(oldest);
    /* By the stored hash: a key's __hash__ runs once per use as an argument, never here. */
    int r = _PyDict_DelItem_KnownHash(self->cache, oldest->key, oldest->hash);
    Py_DECREF(oldest);
    if (r < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
        /* a re-entrant call already dropped it */
        PyErr_Clear();
        r = 0;
    }
    return r;
}

static PyObject *
bounded_lru_cache_wrapper(lru_cache_object *self, PyObject *args, PyObject *kwds)
{
    PyObject *key = lru_cache_make_key(self->kwd_mark, args, kwds, self->typed);
    if (key == NULL) {
        return NULL;
    }
    Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) {
        Py_DECREF(key);
        return NULL;
    }
    lru_list_elem *link = (lru_list_elem *)_PyDict_GetItem_KnownHash(self->cache, key, hash);
    if (link != NULL) {
        lru_cache_extract_link(link);
        lru_cache_append_link(self, link);
        self->hits++;
        Py_DECREF(key);
        return Py_NewRef(link->result);
    }
    if (PyErr_Occurred()) {
        Py_DECREF(key);
        return NULL;
    }
    self->misses++;
    PyObject *result = PyObject_Call(self->func, args, kwds);
    if (result == NULL) {
        Py_DECREF(key);
        return NULL;
    }
    /* The call may have re-entered and cached this key already. */
    PyObject *again = _PyDict_GetItem_KnownHash(self->cache, key, hash);
    if (again != NULL || PyErr_Occurred()) {
        Py_DECREF(key);
        if (again == NULL) {
            Py_DECREF(result);
            return NULL;
        }
        return result;
    }
    if (PyDict_GET_SIZE(self->cache) >= self->maxsize && self->root.next != &self->root) {
        if (bounded_evict(self) < 0) {
            Py_DECREF(key);
            Py_DECREF(result);
            return NULL;
        }
    }
    Py_INCREF(result);
    if (bounded_add(self, key, hash, result) < 0) {
        Py_DECREF(key);
        Py_DECREF(result);
        Py_DECREF(result);
        return NULL;
    }
    return result;
}

static PyObject *
lru_cache_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static const char *kwlist[] = {"user_function", "maxsize", "typed", "cache_info_type", NULL};
    PyObject *func, *maxsize_O, *cache_info_type;
    int typed;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OOpO:lru_cache", (char **)kwlist, &func, &maxsize_O,
                                     &typed, &cache_info_type)) {
        return NULL;
    }
    if (!PyCallable_Check(func)) {
        PyErr_SetString(PyExc_TypeError, "the first argument must be callable");
        return NULL;
    }
    lru_cache_ternaryfunc wrapper;
    Py_ssize_t maxsize;
    if (maxsize_O == Py_None) {
        wrapper = infinite_lru_cache_wrapper;
        maxsize = -1;
    } else if (PyIndex_Check(maxsize_O)) {
        maxsize = PyNumber_AsSsize_t(maxsize_O, PyExc_OverflowError);
        if (maxsize == -1 && PyErr_Occurred()) {
            return NULL;
        }
        if (maxsize < 0) {
            maxsize = 0;
        }
        wrapper = maxsize == 0 ? uncached_lru_cache_wrapper : bounded_lru_cache_wrapper;
    } else {
        PyErr_SetString(PyExc_TypeError, "maxsize should be integer or None");
        return NULL;
    }
    PyObject *cachedict = PyDict_New();
    if (cachedict == NULL) {
        return NULL;
    }
    lru_cache_object *obj = (lru_cache_object *)type->tp_alloc(type, 0);
    if (obj == NULL) {
        Py_DECREF(cachedict);
        return NULL;
    }
    obj->root.prev = obj->root.next = &obj->root;
    obj->wrapper = wrapper;
    obj->typed = typed;
    obj->cache = cachedict;
    obj->func = Py_NewRef(func);
    obj->misses = obj->hits = 0;
    obj->maxsize = maxsize;
    obj->kwd_mark = Py_NewRef(kwd_mark);
    obj->cache_info_type = Py_NewRef(cache_info_type);
    obj->dict = NULL;
    obj->weakreflist = NULL;
    return (PyObject *)obj;
}

static void
lru_cache_clear_list(lru_cache_object *self)
{
    /* The dict owns the links; only the list pointers need resetting. */
    self->root.prev = self->root.next = &self->root;
}

static int
lru_cache_tp_clear(lru_cache_object *self)
{
    lru_cache_clear_list(self);
    Py_CLEAR(self->cache);
    Py_CLEAR(self->func);
    Py_CLEAR(self->kwd_mark);
    Py_CLEAR(self->cache_info_type);
    Py_CLEAR(self->dict);
    return 0;
}

static void
lru_cache_dealloc(lru_cache_object *obj)
{
    PyObject_GC_UnTrack(obj);
    if (obj->weakreflist != NULL) {
        PyObject_ClearWeakRefs((PyObject *)obj);
    }
    lru_cache_tp_clear(obj);
    Py_TYPE(obj)->tp_free(obj);
}

static int
lru_cache_tp_traverse(lru_cache_object *self, visitproc visit, void *arg)
{
    /* The bounded cache's links are plain (untracked) objects: visit their contents here. */
    for (lru_list_elem *link = self->root.next; link != &self->root; link = link->next) {
        Py_VISIT(link->result);
    }
    Py_VISIT(self->cache);
    Py_VISIT(self->func);
    Py_VISIT(self->kwd_mark);
    Py_VISIT(self->cache_info_type);
    Py_VISIT(self->dict);
    return 0;
}

static PyObject *
lru_cache_call(lru_cache_object *self, PyObject *args, PyObject *kwds)
{
    return self->wrapper(self, args, kwds);
}

static PyObject *
lru_cache_descr_get(PyObject *self, PyObject *obj, PyObject *Py_UNUSED(type))
{
    if (obj == Py_None || obj == NULL) {
        return Py_NewRef(self);
    }
    return PyMethod_New(self, obj);
}

static PyObject *
lru_cache_cache_info(lru_cache_object *self, PyObject *Py_UNUSED(unused))
{
    if (self->maxsize == -1) {
        return PyObject_CallFunction(self->cache_info_type, "nnOn", self->hits, self->misses,
                                     Py_None, PyDict_GET_SIZE(self->cache));
    }
    return PyObject_CallFunction(self->cache_info_type, "nnnn", self->hits, self->misses,
                                 self->maxsize, PyDict_GET_SIZE(self->cache));
}

static PyObject *
lru_cache_cache_clear(lru_cache_object *self, PyObject *Py_UNUSED(unused))
{
    self->hits = self->misses = 0;
    lru_cache_clear_list(self);
    PyDict_Clear(self->cache);
    Py_RETURN_NONE;
}

static PyObject *
lru_cache_reduce(PyObject *self, PyObject *Py_UNUSED(unused))
{
    return PyObject_GetAttrString(self, "__qualname__");
}

static PyObject *
lru_cache_copy(PyObject *self, PyObject *Py_UNUSED(unused))
{
    return Py_NewRef(self);
}

static PyObject *
lru_cache_deepcopy(PyObject *self, PyObject *Py_UNUSED(memo))
{
    return Py_NewRef(self);
}

static PyMethodDef lru_cache_methods[] = {
    {"cache_info", (PyCFunction)lru_cache_cache_info, METH_NOARGS, NULL},
    {"cache_clear", (PyCFunction)lru_cache_cache_clear, METH_NOARGS, NULL},
    {"__reduce__", (PyCFunction)lru_cache_reduce, METH_NOARGS, NULL},
    {"__copy__", (PyCFunction)lru_cache_copy, METH_VARARGS, NULL},
    {"__deepcopy__", (PyCFunction)lru_cache_deepcopy, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};


static PyGetSetDef lru_cache_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject lru_cache_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "functools._lru_cache_wrapper",
    .tp_basicsize = sizeof(lru_cache_object),
    .tp_dealloc = (destructor)lru_cache_dealloc,
    .tp_call = (ternaryfunc)lru_cache_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_doc =
        "Create a cached callable that wraps another function.\n\nuser_function:      the "
        "function being cached\n\nmaxsize:  0         for no caching\n          None      "
        "for unlimited cache size\n          n         for a bounded cache\n\ntyped:    False "
        "    cache f(3) and f(3.0) as identical calls\n          True      cache f(3) and "
        "f(3.0) as distinct calls\n\ncache_info_type:    namedtuple class with the fields:\n"
        "                        hits misses currsize maxsize\n",
    .tp_traverse = (traverseproc)lru_cache_tp_traverse,
    .tp_clear = (inquiry)lru_cache_tp_clear,
    .tp_weaklistoffset = offsetof(lru_cache_object, weakreflist),
    .tp_methods = lru_cache_methods,
    .tp_getset = lru_cache_getset,
    .tp_descr_get = lru_cache_descr_get,
    .tp_dictoffset = offsetof(lru_cache_object, dict),
    .tp_new = lru_cache_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- the module -------------------------------------------------------------------------- */

static PyMethodDef functools_methods[] = {
    {"reduce", (PyCFunction)(void (*)(void))functools_reduce, METH_VARARGS | METH_KEYWORDS,
     "reduce(function, iterable[, initial]) -> value\n\nApply a function of two arguments "
     "cumulatively to the items of a sequence\nor iterable, from left to right, so as to reduce "
     "the iterable to a single\nvalue.  For example, reduce(lambda x, y: x+y, [1, 2, 3, 4, 5]) "
     "calculates\n((((1+2)+3)+4)+5).  If initial is present, it is placed before the items\nof "
     "the iterable in the calculation, and serves as a default when the\niterable is empty."},
    {"cmp_to_key", (PyCFunction)(void (*)(void))functools_cmp_to_key, METH_VARARGS | METH_KEYWORDS,
     "Convert a cmp= function into a key= function."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef functools_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_functools",
    .m_doc = "Tools that operate on functions.",
    .m_size = 0,
    .m_methods = functools_methods,
};

PyMODINIT_FUNC PyInit__functools(void);

/* Module init: a new module with partial, _lru_cache_wrapper, reduce and cmp_to_key, or NULL
 * with an exception. */
PyMODINIT_FUNC
PyInit__functools(void)
{
    if (kwd_mark == NULL) {
        kwd_mark = PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type);
        if (kwd_mark == NULL) {
            return NULL;
        }
    }
    if (PyType_Ready(&keyobject_type) < 0 || PyType_Ready(&lru_list_elem_type) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&functools_module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddType(m, &partial_type) < 0 || PyModule_AddType(m, &lru_cache_type) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
