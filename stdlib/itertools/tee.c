/* itertools/tee.c: itertools.tee with its _tee iterators and the shared _tee_dataobject
 * buffers (linked blocks of LINKCELLS items), mirroring CPython 3.11's
 * Modules/itertoolsmodule.c: copies share buffers, re-entering the source raises
 * RuntimeError, and both types pickle as 3.11 does. */
#include "itertools.h"
#include "pyrs/call.h"

#define LINKCELLS 57

typedef struct {
    PyObject_HEAD
    PyObject *it;                /* the shared source iterator */
    int numread;                 /* items of values already read */
    int running;                 /* set while the source is being advanced */
    PyObject *nextlink;          /* the next block, or NULL */
    PyObject *values[LINKCELLS]; /* items read by the lead iterator */
} teedataobject;

typedef struct {
    PyObject_HEAD
    teedataobject *dataobj; /* current block */
    int index;              /* position in the block */
    PyObject *weakreflist;  /* weak references */
} teeobject;

#define tee_type           pyrs_itertools_tee_type
#define teedataobject_type pyrs_itertools_teedataobject_type

static PyObject *
teedataobject_newinternal(PyObject *it)
{
    teedataobject *tdo = PyObject_GC_New(teedataobject, &teedataobject_type);
    if (tdo == NULL) {
        return NULL;
    }
    tdo->running = 0;
    tdo->numread = 0;
    tdo->nextlink = NULL;
    tdo->it = Py_NewRef(it);
    PyObject_GC_Track(tdo);
    return (PyObject *)tdo;
}

/* The block after TDO, created on first use (new reference). */
static PyObject *
teedataobject_jumplink(teedataobject *tdo)
{
    if (tdo->nextlink == NULL) {
        tdo->nextlink = teedataobject_newinternal(tdo->it);
    }
    return Py_XNewRef(tdo->nextlink);
}

static PyObject *
teedataobject_getitem(teedataobject *tdo, int i)
{
    PyObject *value;
    if (i < tdo->numread) {
        value = tdo->values[i];
    } else {
        /* The lead iterator reads ahead for everyone. */
        if (tdo->running) {
            PyErr_SetString(PyExc_RuntimeError, "cannot re-enter the tee iterator");
            return NULL;
        }
        tdo->running = 1;
        value = PyIter_Next(tdo->it);
        tdo->running = 0;
        if (value == NULL) {
            return NULL;
        }
        tdo->numread++;
        tdo->values[i] = value;
    }
    return Py_NewRef(value);
}

static int
teedataobject_traverse(teedataobject *tdo, visitproc visit, void *arg)
{
    Py_VISIT(tdo->it);
    for (int i = 0; i < tdo->numread; i++) {
        Py_VISIT(tdo->values[i]);
    }
    Py_VISIT(tdo->nextlink);
    return 0;
}

/* Drops a chain of blocks iteratively, so long chains cannot overflow the C stack. */
static void
teedataobject_safe_decref(PyObject *obj)
{
    while (obj && Py_IS_TYPE(obj, &teedataobject_type) && Py_REFCNT(obj) == 1) {
        PyObject *nextlink = ((teedataobject *)obj)->nextlink;
        ((teedataobject *)obj)->nextlink = NULL;
        Py_DECREF(obj);
        obj = nextlink;
    }
    Py_XDECREF(obj);
}

static int
teedataobject_clear(teedataobject *tdo)
{
    Py_CLEAR(tdo->it);
    for (int i = 0; i < tdo->numread; i++) {
        Py_CLEAR(tdo->values[i]);
    }
    PyObject *tmp = tdo->nextlink;
    tdo->nextlink = NULL;
    teedataobject_safe_decref(tmp);
    return 0;
}

static void
teedataobject_dealloc(teedataobject *tdo)
{
    PyObject_GC_UnTrack(tdo);
    teedataobject_clear(tdo);
    PyObject_GC_Del(tdo);
}

static PyObject *
teedataobject_reduce(teedataobject *tdo, PyObject *Py_UNUSED(ignored))
{
    PyObject *values = PyList_New(tdo->numread);
    if (values == NULL) {
        return NULL;
    }
    for (int i = 0; i < tdo->numread; i++) {
        PyList_SET_ITEM(values, i, Py_NewRef(tdo->values[i]));
    }
    return Py_BuildValue("O(ONO)", Py_TYPE(tdo), tdo->it, values,
                         tdo->nextlink ? tdo->nextlink : Py_None);
}

static PyObject *
teedataobject_new(PyTypeObject *Py_UNUSED(type), PyObject *args, PyObject *kw)
{
    PyObject *it, *values, *next;
    if (!_PyArg_NoKeywords("_tee_dataobject", kw) ||
        !PyArg_ParseTuple(args, "OO!O:_tee_dataobject", &it, &PyList_Type, &values, &next)) {
        return NULL;
    }
    teedataobject *tdo = (teedataobject *)teedataobject_newinternal(it);
    if (tdo == NULL) {
        return NULL;
    }
    Py_ssize_t len = PyList_GET_SIZE(values);
    if (len > LINKCELLS) {
        goto err;
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        tdo->values[i] = Py_NewRef(PyList_GET_ITEM(values, i));
    }
    tdo->numread = (int)len;
    if (len == LINKCELLS) {
        if (next != Py_None) {
            if (!Py_IS_TYPE(next, &teedataobject_type)) {
                goto err;
            }
            tdo->nextlink = Py_NewRef(next);
        }
    } else if (next != Py_None) {
        /* only a full block can have a successor */
        goto err;
    }
    return (PyObject *)tdo;
err:
    Py_DECREF(tdo);
    PyErr_SetString(PyExc_ValueError, "Invalid arguments");
    return NULL;
}

static PyMethodDef teedataobject_methods[] = {
    {"__reduce__", (PyCFunction)teedataobject_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject teedataobject_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools._tee_dataobject",
    .tp_basicsize = sizeof(teedataobject),
    .tp_dealloc = (destructor)teedataobject_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Data container common to multiple tee objects.",
    .tp_traverse = (traverseproc)teedataobject_traverse,
    .tp_clear = (inquiry)teedataobject_clear,
    .tp_methods = teedataobject_methods,
    .tp_new = teedataobject_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- _tee -------------------------------------------------------------------------------- */

static PyObject *
tee_next(teeobject *to)
{
    if (to->index >= LINKCELLS) {
        PyObject *link = teedataobject_jumplink(to->dataobj);
        if (link == NULL) {
            return NULL;
        }
        Py_SETREF(to->dataobj, (teedataobject *)link);
        to->index = 0;
    }
    PyObject *value = teedataobject_getitem(to->dataobj, to->index);
    if (value == NULL) {
        return NULL;
    }
    to->index++;
    return value;
}

static int
tee_traverse(teeobject *to, visitproc visit, void *arg)
{
    Py_VISIT((PyObject *)to->dataobj);
    return 0;
}

static PyObject *
tee_copy(teeobject *to, PyObject *Py_UNUSED(ignored))
{
    teeobject *newto = PyObject_GC_New(teeobject, &tee_type);
    if (newto == NULL) {
        return NULL;
    }
    newto->dataobj = (teedataobject *)Py_NewRef(to->dataobj);
    newto->index = to->index;
    newto->weakreflist = NULL;
    PyObject_GC_Track(newto);
    return (PyObject *)newto;
}

/* A _tee over ITERABLE: a copy when iter(ITERABLE) is already a _tee (new reference). */
static PyObject *
tee_fromiterable(PyObject *iterable)
{
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL) {
        return NULL;
    }
    if (PyObject_TypeCheck(it, &tee_type)) {
        PyObject *copy = tee_copy((teeobject *)it, NULL);
        Py_DECREF(it);
        return copy;
    }
    PyObject *res = NULL;
    teeobject *to = PyObject_GC_New(teeobject, &tee_type);
    if (to != NULL) {
        to->dataobj = (teedataobject *)teedataobject_newinternal(it);
        if (to->dataobj == NULL) {
            PyObject_GC_Del(to);
        } else {
            to->index = 0;
            to->weakreflist = NULL;
            PyObject_GC_Track(to);
            res = (PyObject *)to;
        }
    }
    Py_DECREF(it);
    return res;
}

static PyObject *
tee_new(PyTypeObject *Py_UNUSED(type), PyObject *args, PyObject *kwds)
{
    if (!_PyArg_NoKeywords("_tee", kwds) ||
        !_PyArg_CheckPositional("_tee", PyTuple_GET_SIZE(args), 1, 1)) {
        return NULL;
    }
    return tee_fromiterable(PyTuple_GET_ITEM(args, 0));
}

static int
tee_clear(teeobject *to)
{
    if (to->weakreflist != NULL) {
        PyObject_ClearWeakRefs((PyObject *)to);
    }
    Py_CLEAR(to->dataobj);
    return 0;
}

static void
tee_dealloc(teeobject *to)
{
    PyObject_GC_UnTrack(to);
    tee_clear(to);
    PyObject_GC_Del(to);
}

static PyObject *
tee_reduce(teeobject *to, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("O(())(Oi)", Py_TYPE(to), to->dataobj, to->index);
}

static PyObject *
tee_setstate(teeobject *to, PyObject *state)
{
    teedataobject *tdo;
    int index;
    if (pyrs_itertools_check_state(state) < 0 ||
        !PyArg_ParseTuple(state, "O!i", &teedataobject_type, &tdo, &index)) {
        return NULL;
    }
    if (index < 0 || index > LINKCELLS) {
        PyErr_SetString(PyExc_ValueError, "Index out of range");
        return NULL;
    }
    Py_XSETREF(to->dataobj, (teedataobject *)Py_NewRef(tdo));
    to->index = index;
    Py_RETURN_NONE;
}

static PyMethodDef tee_methods[] = {
    {"__copy__", (PyCFunction)tee_copy, METH_NOARGS, "Returns an independent iterator."},
    {"__reduce__", (PyCFunction)tee_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", (PyCFunction)tee_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject tee_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools._tee",
    .tp_basicsize = sizeof(teeobject),
    .tp_dealloc = (destructor)tee_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "_tee(iterable, /)\n--\n\nIterator wrapped to make it copyable.",
    .tp_traverse = (traverseproc)tee_traverse,
    .tp_clear = (inquiry)tee_clear,
    .tp_weaklistoffset = offsetof(teeobject, weakreflist),
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)tee_next,
    .tp_methods = tee_methods,
    .tp_new = tee_new,
    .tp_free = PyObject_GC_Del,
};

PyObject *
pyrs_itertools_tee(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t n = 2;
    if (!_PyArg_CheckPositional("tee", nargs, 1, 2)) {
        return NULL;
    }
    if (nargs == 2) {
        PyObject *idx = PyNumber_Index(args[1]);
        if (idx == NULL) {
            return NULL;
        }
        n = PyLong_AsSsize_t(idx);
        Py_DECREF(idx);
        if (n == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    if (n < 0) {
        PyErr_SetString(PyExc_ValueError, "n must be >= 0");
        return NULL;
    }
    PyObject *result = PyTuple_New(n), *it, *copyfunc, *copyable;
    if (result == NULL) {
        return NULL;
    }
    if (n == 0) {
        return result;
    }
    it = PyObject_GetIter(args[0]);
    if (it == NULL) {
        Py_DECREF(result);
        return NULL;
    }
    _Py_IDENTIFIER(__copy__);
    if (_PyObject_LookupAttrId(it, &PyId___copy__, &copyfunc) < 0) {
        Py_DECREF(it);
        Py_DECREF(result);
        return NULL;
    }
    if (copyfunc != NULL) {
        copyable = it;
    } else {
        copyable = tee_fromiterable(it);
        Py_DECREF(it);
        if (copyable == NULL) {
            Py_DECREF(result);
            return NULL;
        }
        copyfunc = _PyObject_GetAttrId(copyable, &PyId___copy__);
        if (copyfunc == NULL) {
            Py_DECREF(copyable);
            Py_DECREF(result);
            return NULL;
        }
    }
    PyTuple_SET_ITEM(result, 0, copyable);
    for (Py_ssize_t i = 1; i < n; i++) {
        copyable = PyObject_CallNoArgs(copyfunc);
        if (copyable == NULL) {
            Py_DECREF(copyfunc);
            Py_DECREF(result);
            return NULL;
        }
        PyTuple_SET_ITEM(result, i, copyable);
    }
    Py_DECREF(copyfunc);
    return result;
}
