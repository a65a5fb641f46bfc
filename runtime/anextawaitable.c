/* anextawaitable.c: the awaitable anext(aiterator, default) returns (CPython 3.11's
 * `anext_awaitable`): it awaits what aiterator.__anext__() returned and turns
 * StopAsyncIteration into StopIteration(default), so awaiting it gives the default at the
 * end. As in 3.11, each step asks that awaitable for its iterator again. */
#include "Python.h"

#include "pyrs/bltin.h"

typedef struct {
    PyObject_HEAD
    PyObject *wrapped;       /* what __anext__() returned */
    PyObject *default_value; /* returned once it is exhausted */
} AnextAwaitable;

static PyTypeObject AnextAwaitable_Type;

static void
anext_dealloc(PyObject *self)
{
    AnextAwaitable *a = (AnextAwaitable *)self;
    PyObject_GC_UnTrack(self);
    Py_XDECREF(a->wrapped);
    Py_XDECREF(a->default_value);
    PyObject_GC_Del(self);
}

static int
anext_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((AnextAwaitable *)self)->wrapped);
    Py_VISIT(((AnextAwaitable *)self)->default_value);
    return 0;
}

/* The iterator driving the wrapped awaitable (new reference), or NULL. */
static PyObject *
anext_iter(AnextAwaitable *a)
{
    PyObject *awaitable = a->wrapped;
    if (PyIter_Check(awaitable)) {
        return Py_NewRef(awaitable); /* asend objects and generators iterate themselves */
    }
    PyAsyncMethods *am = Py_TYPE(awaitable)->tp_as_async;
    if (am == NULL || am->am_await == NULL) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not awaitable",
                     Py_TYPE(awaitable)->tp_name);
        return NULL;
    }
    PyObject *it = am->am_await(awaitable);
    if (it != NULL && !PyIter_Check(it)) {
        PyErr_Format(PyExc_TypeError, "__await__() returned non-iterator of type '%.100s'",
                     Py_TYPE(it)->tp_name);
        Py_CLEAR(it);
    }
    return it;
}

/* The result of a step that failed: StopAsyncIteration becomes StopIteration(default). */
static PyObject *
anext_error(AnextAwaitable *a)
{
    if (PyErr_ExceptionMatches(PyExc_StopAsyncIteration)) {
        PyErr_Clear();
        PyObject *e = PyObject_CallOneArg(PyExc_StopIteration, a->default_value);
        if (e != NULL) {
            PyErr_SetObject(PyExc_StopIteration, e);
            Py_DECREF(e);
        }
    }
    return NULL;
}

static PyObject *
anext_iternext(PyObject *self)
{
    AnextAwaitable *a = (AnextAwaitable *)self;
    PyObject *it = anext_iter(a);
    if (it == NULL) {
        return anext_error(a);
    }
    PyObject *r = Py_TYPE(it)->tp_iternext(it);
    Py_DECREF(it);
    return r != NULL ? r : (PyErr_Occurred() ? anext_error(a) : NULL);
}

/* Forwards METH(*ARGS) to the awaitable's iterator. */
static PyObject *
anext_proxy(PyObject *self, const char *meth, PyObject *args)
{
    AnextAwaitable *a = (AnextAwaitable *)self;
    PyObject *it = anext_iter(a);
    if (it == NULL) {
        return anext_error(a);
    }
    PyObject *fn = PyObject_GetAttrString(it, meth);
    Py_DECREF(it);
    PyObject *r = fn != NULL ? PyObject_Call(fn, args, NULL) : NULL;
    Py_XDECREF(fn);
    return r != NULL ? r : anext_error(a);
}

static PyObject *
anext_send(PyObject *self, PyObject *args)
{
    return anext_proxy(self, "send", args);
}

static PyObject *
anext_throw(PyObject *self, PyObject *args)
{
    return anext_proxy(self, "throw", args);
}

static PyObject *
anext_close(PyObject *self, PyObject *args)
{
    return anext_proxy(self, "close", args);
}

static PyMethodDef anext_methods[] = {
    {"send", anext_send, METH_VARARGS, NULL},
    {"throw", anext_throw, METH_VARARGS, NULL},
    {"close", anext_close, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyAsyncMethods anext_as_async = {
    .am_await = PyObject_SelfIter,
};

static PyTypeObject AnextAwaitable_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "anext_awaitable",
    .tp_basicsize = sizeof(AnextAwaitable),
    .tp_dealloc = anext_dealloc,
    .tp_as_async = &anext_as_async,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = anext_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = anext_iternext,
    .tp_methods = anext_methods,
};

PyObject *
pyrs_anext_awaitable_new(PyObject *awaitable, PyObject *default_value)
{
    if (PyType_Ready(&AnextAwaitable_Type) < 0) {
        return NULL;
    }
    AnextAwaitable *a = PyObject_GC_New(AnextAwaitable, &AnextAwaitable_Type);
    if (a == NULL) {
        return NULL;
    }
    a->wrapped = Py_NewRef(awaitable);
    a->default_value = Py_NewRef(default_value);
    PyObject_GC_Track(a);
    return (PyObject *)a;
}
