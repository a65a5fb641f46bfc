/* bltiniter.c: the builtins' lazy iterator types zip (with strict=), map and filter, as in
 * CPython 3.11's Python/bltinmodule.c: same constructors, error messages and laziness. */
#include "pyrs/bltin.h"

/* ---- zip ---------------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *iters; /* tuple of iterators */
    int strict;      /* strict=True: unequal lengths raise ValueError */
} ZipObject;

/* A tuple of iter(x) for each x in ARGS[0..N). */
static PyObject *
iter_tuple(PyObject *const *args, Py_ssize_t n)
{
    PyObject *t = PyTuple_New(n);
    for (Py_ssize_t i = 0; t != NULL && i < n; i++) {
        PyObject *it = PyObject_GetIter(args[i]);
        if (it == NULL) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, i, it);
    }
    return t;
}

static PyObject *
zip_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    int strict = 0;
    if (kwds != NULL && PyDict_GET_SIZE(kwds) > 0) {
        PyObject *s = PyDict_GetItemString(kwds, "strict");
        if (PyDict_GET_SIZE(kwds) > 1) {
            PyErr_Format(PyExc_TypeError, "zip() takes at most 1 keyword argument (%zd given)",
                         PyDict_GET_SIZE(kwds));
            return NULL;
        }
        if (s == NULL) {
            Py_ssize_t pos = 0;
            PyObject *k, *v;
            PyDict_Next(kwds, &pos, &k, &v);
            PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for zip()", k);
            return NULL;
        }
        if ((strict = PyObject_IsTrue(s)) < 0) {
            return NULL;
        }
    }
    PyObject *iters = iter_tuple(&PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args));
    if (iters == NULL) {
        return NULL;
    }
    ZipObject *z = (ZipObject *)type->tp_alloc(type, 0);
    if (z == NULL) {
        Py_DECREF(iters);
        return NULL;
    }
    z->iters = iters;
    z->strict = strict;
    return (PyObject *)z;
}

static void
zip_dealloc(PyObject *self)
{
    Py_XDECREF(((ZipObject *)self)->iters);
    Py_TYPE(self)->tp_free(self);
}

/* strict=True found iterator I exhausted (or, when I == 0, a later one still going). */
static PyObject *
zip_strict_error(ZipObject *z, Py_ssize_t i)
{
    Py_ssize_t n = PyTuple_GET_SIZE(z->iters);
    const char *plural = i == 1 ? " " : "s 1-";
    if (i > 0) {
        return PyErr_Format(PyExc_ValueError, "zip() argument %zd is shorter than argument%s%zd",
                            i + 1, plural, i);
    }
    for (i = 1; i < n; i++) {
        PyObject *it = PyTuple_GET_ITEM(z->iters, i);
        PyObject *v = Py_TYPE(it)->tp_iternext(it);
        if (v != NULL) {
            Py_DECREF(v);
            plural = i == 1 ? " " : "s 1-";
            return PyErr_Format(PyExc_ValueError, "zip() argument %zd is longer than argument%s%zd",
                                i + 1, plural, i);
        }
        if (PyErr_Occurred()) {
            if (!PyErr_ExceptionMatches(PyExc_StopIteration)) {
                return NULL;
            }
            PyErr_Clear();
        }
    }
    return NULL;
}

static PyObject *
zip_next(PyObject *self)
{
    ZipObject *z = (ZipObject *)self;
    Py_ssize_t n = PyTuple_GET_SIZE(z->iters);
    if (n == 0) {
        return NULL;
    }
    PyObject *result = PyTuple_New(n);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *it = PyTuple_GET_ITEM(z->iters, i);
        PyObject *v = Py_TYPE(it)->tp_iternext(it);
        if (v == NULL) {
            Py_DECREF(result);
            if (!z->strict) {
                return NULL;
            }
            if (PyErr_Occurred()) {
                if (!PyErr_ExceptionMatches(PyExc_StopIteration)) {
                    return NULL;
                }
                PyErr_Clear();
            }
            return zip_strict_error(z, i);
        }
        PyTuple_SET_ITEM(result, i, v);
    }
    return result;
}

/* zip.__reduce__: (type, iterators) plus the strict flag as state when set. */
static PyObject *
zip_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    ZipObject *z = (ZipObject *)self;
    if (z->strict) {
        return PyTuple_Pack(3, (PyObject *)Py_TYPE(self), z->iters, Py_True);
    }
    return PyTuple_Pack(2, (PyObject *)Py_TYPE(self), z->iters);
}

static PyObject *
zip_setstate(PyObject *self, PyObject *state)
{
    int strict = PyObject_IsTrue(state);
    if (strict < 0) {
        return NULL;
    }
    ((ZipObject *)self)->strict = strict;
    Py_RETURN_NONE;
}

static PyMethodDef zip_methods[] = {
    {"__reduce__", zip_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", zip_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyZip_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "zip",
    .tp_basicsize = sizeof(ZipObject),
    .tp_dealloc = zip_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = zip_next,
    .tp_methods = zip_methods,
    .tp_new = zip_new,
    .tp_free = PyObject_Free,
};

/* ---- map ---------------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *func;  /* the function */
    PyObject *iters; /* tuple of iterators */
} MapObject;

/* TypeError when a type that takes no keywords got some (NAME: "map()", "filter()"). */
static int
no_keywords(const char *name, PyObject *kwds)
{
    if (kwds != NULL && PyDict_GET_SIZE(kwds) > 0) {
        PyErr_Format(PyExc_TypeError, "%s takes no keyword arguments", name);
        return -1;
    }
    return 0;
}

static PyObject *
map_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if ((type == &PyMap_Type || type->tp_init == PyMap_Type.tp_init) &&
        no_keywords("map()", kwds) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < 2) {
        PyErr_SetString(PyExc_TypeError, "map() must have at least two arguments.");
        return NULL;
    }
    PyObject *iters = iter_tuple(&PyTuple_GET_ITEM(args, 1), n - 1);
    if (iters == NULL) {
        return NULL;
    }
    MapObject *m = (MapObject *)type->tp_alloc(type, 0);
    if (m == NULL) {
        Py_DECREF(iters);
        return NULL;
    }
    m->func = Py_NewRef(PyTuple_GET_ITEM(args, 0));
    m->iters = iters;
    return (PyObject *)m;
}

static void
map_dealloc(PyObject *self)
{
    MapObject *m = (MapObject *)self;
    Py_XDECREF(m->func);
    Py_XDECREF(m->iters);
    Py_TYPE(self)->tp_free(self);
}

static PyObject *
map_next(PyObject *self)
{
    MapObject *m = (MapObject *)self;
    Py_ssize_t n = PyTuple_GET_SIZE(m->iters);
    PyObject *small[8];
    PyObject **argv = n <= 8 ? small : PyMem_Malloc((size_t)n * sizeof(PyObject *));
    if (argv == NULL) {
        return PyErr_NoMemory();
    }
    Py_ssize_t got = 0;
    PyObject *result = NULL;
    for (; got < n; got++) {
        PyObject *it = PyTuple_GET_ITEM(m->iters, got);
        if ((argv[got] = Py_TYPE(it)->tp_iternext(it)) == NULL) {
            break;
        }
    }
    if (got == n) {
        result = PyObject_Vectorcall(m->func, argv, (size_t)n, NULL);
    }
    for (Py_ssize_t i = 0; i < got; i++) {
        Py_DECREF(argv[i]);
    }
    if (argv != small) {
        PyMem_Free(argv);
    }
    return result;
}

/* map.__reduce__: (type, (func, *iterators)). */
static PyObject *
map_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    MapObject *m = (MapObject *)self;
    Py_ssize_t n = PyTuple_GET_SIZE(m->iters);
    PyObject *args = PyTuple_New(n + 1);
    if (args == NULL) {
        return NULL;
    }
    PyTuple_SET_ITEM(args, 0, Py_NewRef(m->func));
    for (Py_ssize_t i = 0; i < n; i++) {
        PyTuple_SET_ITEM(args, i + 1, Py_NewRef(PyTuple_GET_ITEM(m->iters, i)));
    }
    PyObject *r = PyTuple_Pack(2, (PyObject *)Py_TYPE(self), args);
    Py_DECREF(args);
    return r;
}

static PyMethodDef map_methods[] = {
    {"__reduce__", map_reduce, METH_NOARGS, "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyMap_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "map",
    .tp_basicsize = sizeof(MapObject),
    .tp_dealloc = map_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = map_next,
    .tp_methods = map_methods,
    .tp_new = map_new,
    .tp_free = PyObject_Free,
};

/* ---- filter ------------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *func; /* predicate, or None for truth */
    PyObject *it;   /* the iterator */
} FilterObject;

static PyObject *
filter_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if ((type == &PyFilter_Type || type->tp_init == PyFilter_Type.tp_init) &&
        no_keywords("filter()", kwds) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n != 2) {
        PyErr_Format(PyExc_TypeError, "filter expected 2 arguments, got %zd", n);
        return NULL;
    }
    PyObject *it = PyObject_GetIter(PyTuple_GET_ITEM(args, 1));
    if (it == NULL) {
        return NULL;
    }
    FilterObject *f = (FilterObject *)type->tp_alloc(type, 0);
    if (f == NULL) {
        Py_DECREF(it);
        return NULL;
    }
    f->func = Py_NewRef(PyTuple_GET_ITEM(args, 0));
    f->it = it;
    return (PyObject *)f;
}

static void
filter_dealloc(PyObject *self)
{
    FilterObject *f = (FilterObject *)self;
    Py_XDECREF(f->func);
    Py_XDECREF(f->it);
    Py_TYPE(self)->tp_free(self);
}

/* 1 when ITEM passes F's predicate, 0 when not, -1 on error. */
static int
filter_accepts(FilterObject *f, PyObject *item)
{
    if (f->func == Py_None || f->func == (PyObject *)&PyBool_Type) {
        return PyObject_IsTrue(item);
    }
    PyObject *r = PyObject_CallOneArg(f->func, item);
    if (r == NULL) {
        return -1;
    }
    int ok = PyObject_IsTrue(r);
    Py_DECREF(r);
    return ok;
}

static PyObject *
filter_next(PyObject *self)
{
    FilterObject *f = (FilterObject *)self;
    for (;;) {
        PyObject *item = Py_TYPE(f->it)->tp_iternext(f->it);
        if (item == NULL) {
            return NULL;
        }
        int ok = filter_accepts(f, item);
        if (ok > 0) {
            return item;
        }
        Py_DECREF(item);
        if (ok < 0) {
            return NULL;
        }
    }
}

/* filter.__reduce__: (type, (func, iterator)). */
static PyObject *
filter_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    FilterObject *f = (FilterObject *)self;
    PyObject *args = PyTuple_Pack(2, f->func, f->it);
    PyObject *r = args ? PyTuple_Pack(2, (PyObject *)Py_TYPE(self), args) : NULL;
    Py_XDECREF(args);
    return r;
}

static PyMethodDef filter_methods[] = {
    {"__reduce__", filter_reduce, METH_NOARGS, "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyFilter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "filter",
    .tp_basicsize = sizeof(FilterObject),
    .tp_dealloc = filter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = filter_next,
    .tp_methods = filter_methods,
    .tp_new = filter_new,
    .tp_free = PyObject_Free,
};

int
pyrs_bltiniter_init(void)
{
    if (PyType_Ready(&PyZip_Type) < 0 || PyType_Ready(&PyMap_Type) < 0 ||
        PyType_Ready(&PyFilter_Type) < 0) {
        return -1;
    }
    return 0;
}
