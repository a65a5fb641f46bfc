/* iterobject.c: the generic sequence iterator (iter() over __getitem__) and the callable
 * iterator (iter(callable, sentinel)), mirroring CPython 3.11's Objects/iterobject.c. */
#include "Python.h"
#include "pyrs/containers.h"
#include "pyrs/eval.h"
#include "pyrs/lifecycle.h"

PyObject *
pyrs_iter_builtin(const char *name)
{
    PyObject *builtins = pyrs_eval_builtins(); /* borrowed; NULL before start-up */
    if (builtins == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_RuntimeError, "no builtins module to pickle iterators with");
        }
        return NULL;
    }
    PyObject *res = PyDict_GetItemString(builtins, name);
    if (res == NULL) {
        PyErr_Format(PyExc_RuntimeError, "builtins.%s is missing", name);
        return NULL;
    }
    return Py_NewRef(res);
}

PyObject *
pyrs_iter_reduce(PyObject *seq, PyObject *state, PyObject *empty)
{
    PyObject *iter = pyrs_iter_builtin("iter"), *args = NULL, *res = NULL;
    if (iter == NULL) {
        return NULL;
    }
    args = PyTuple_Pack(1, seq != NULL ? seq : empty);
    if (args != NULL) {
        res = seq != NULL && state != NULL ? PyTuple_Pack(3, iter, args, state)
                                           : PyTuple_Pack(2, iter, args);
    }
    Py_XDECREF(args);
    Py_DECREF(iter);
    return res;
}

typedef struct {
    PyObject_HEAD
    Py_ssize_t it_index; /* next index to fetch */
    PyObject *it_seq;    /* owned; NULL once exhausted */
} seqiterobject;

PyObject *
PySeqIter_New(PyObject *seq)
{
    if (!PySequence_Check(seq)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    seqiterobject *it = PyObject_GC_New(seqiterobject, &PySeqIter_Type);
    if (it == NULL) {
        return NULL;
    }
    it->it_index = 0;
    it->it_seq = Py_NewRef(seq);
    PyObject_GC_Track(it);
    return (PyObject *)it;
}

static void
iter_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    Py_XDECREF(((seqiterobject *)op)->it_seq);
    PyObject_GC_Del(op);
}

static int
iter_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((seqiterobject *)op)->it_seq);
    return 0;
}

static PyObject *
iter_iternext(PyObject *op)
{
    seqiterobject *it = (seqiterobject *)op;
    PyObject *seq = it->it_seq;
    if (seq == NULL) {
        return NULL;
    }
    if (it->it_index == PY_SSIZE_T_MAX) {
        PyErr_SetString(PyExc_OverflowError, "iter index too large");
        return NULL;
    }
    PyObject *result = PySequence_GetItem(seq, it->it_index);
    if (result != NULL) {
        it->it_index++;
        return result;
    }
    if (PyErr_ExceptionMatches(PyExc_IndexError) || PyErr_ExceptionMatches(PyExc_StopIteration)) {
        PyErr_Clear();
        it->it_seq = NULL;
        Py_DECREF(seq);
    }
    return NULL;
}

static PyObject *
iter_len(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    seqiterobject *it = (seqiterobject *)op;
    if (it->it_seq != NULL) {
        if (!_PyObject_HasLen(it->it_seq)) {
            Py_RETURN_NOTIMPLEMENTED;
        }
        Py_ssize_t seqsize = PySequence_Size(it->it_seq);
        if (seqsize == -1) {
            return NULL;
        }
        Py_ssize_t len = seqsize - it->it_index;
        if (len >= 0) {
            return PyLong_FromSsize_t(len);
        }
    }
    return PyLong_FromLong(0);
}

static PyObject *
iter_setstate(PyObject *op, PyObject *state)
{
    seqiterobject *it = (seqiterobject *)op;
    Py_ssize_t index = PyLong_AsSsize_t(state);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (it->it_seq != NULL) {
        it->it_index = index < 0 ? 0 : index;
    }
    Py_RETURN_NONE;
}

static PyObject *
iter_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    seqiterobject *it = (seqiterobject *)op;
    PyObject *empty = PyTuple_New(0), *index = PyLong_FromSsize_t(it->it_index), *res = NULL;
    if (empty != NULL && index != NULL) {
        res = pyrs_iter_reduce(it->it_seq, index, empty);
    }
    Py_XDECREF(empty);
    Py_XDECREF(index);
    return res;
}

static PyMethodDef seqiter_methods[] = {
    {"__reduce__", iter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__length_hint__", iter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__setstate__", iter_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PySeqIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "iterator",
    .tp_basicsize = sizeof(seqiterobject),
    .tp_dealloc = iter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = iter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = iter_iternext,
    .tp_methods = seqiter_methods,
};

/* ---- callable iterator ---- */

typedef struct {
    PyObject_HEAD
    PyObject *it_callable; /* owned; NULL once exhausted */
    PyObject *it_sentinel; /* owned; NULL once exhausted */
} calliterobject;

PyObject *
PyCallIter_New(PyObject *callable, PyObject *sentinel)
{
    calliterobject *it = PyObject_GC_New(calliterobject, &PyCallIter_Type);
    if (it == NULL) {
        return NULL;
    }
    it->it_callable = Py_NewRef(callable);
    it->it_sentinel = Py_NewRef(sentinel);
    PyObject_GC_Track(it);
    return (PyObject *)it;
}

static void
calliter_dealloc(PyObject *op)
{
    calliterobject *it = (calliterobject *)op;
    PyObject_GC_UnTrack(op);
    Py_XDECREF(it->it_callable);
    Py_XDECREF(it->it_sentinel);
    PyObject_GC_Del(op);
}

static int
calliter_traverse(PyObject *op, visitproc visit, void *arg)
{
    calliterobject *it = (calliterobject *)op;
    Py_VISIT(it->it_callable);
    Py_VISIT(it->it_sentinel);
    return 0;
}

static PyObject *
calliter_iternext(PyObject *op)
{
    calliterobject *it = (calliterobject *)op;
    if (it->it_callable == NULL) {
        return NULL;
    }
    PyObject *result = PyObject_CallNoArgs(it->it_callable);
    if (result != NULL && it->it_sentinel != NULL) {
        int ok = PyObject_RichCompareBool(it->it_sentinel, result, Py_EQ);
        if (ok == 0) {
            return result;
        }
        if (ok > 0) {
            Py_CLEAR(it->it_callable);
            Py_CLEAR(it->it_sentinel);
        }
    } else if (PyErr_ExceptionMatches(PyExc_StopIteration)) {
        PyErr_Clear();
        Py_CLEAR(it->it_callable);
        Py_CLEAR(it->it_sentinel);
    }
    Py_XDECREF(result);
    return NULL;
}

static PyObject *
calliter_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    calliterobject *it = (calliterobject *)op;
    PyObject *iter = pyrs_iter_builtin("iter"), *args, *res = NULL;
    if (iter == NULL) {
        return NULL;
    }
    if (it->it_callable != NULL && it->it_sentinel != NULL) {
        args = PyTuple_Pack(2, it->it_callable, it->it_sentinel);
    } else {
        PyObject *empty = PyTuple_New(0);
        args = empty ? PyTuple_Pack(1, empty) : NULL;
        Py_XDECREF(empty);
    }
    if (args != NULL) {
        res = PyTuple_Pack(2, iter, args);
        Py_DECREF(args);
    }
    Py_DECREF(iter);
    return res;
}

static PyMethodDef calliter_methods[] = {
    {"__reduce__", calliter_reduce, METH_NOARGS, "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyCallIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "callable_iterator",
    .tp_basicsize = sizeof(calliterobject),
    .tp_dealloc = calliter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = calliter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = calliter_iternext,
    .tp_methods = calliter_methods,
};

int
pyrs_iter_init(void)
{
    if (PyType_Ready(&PySeqIter_Type) < 0 || PyType_Ready(&PyCallIter_Type) < 0) {
        return -1;
    }
    return pyrs_enum_init();
}
