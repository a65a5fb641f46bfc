/* enumobject.c: enumerate (with arbitrary-size start and counts past PY_SSIZE_T_MAX) and
 * reversed (via __reversed__ or the sequence protocol), mirroring CPython 3.11's
 * Objects/enumobject.c, including __length_hint__, __reduce__ and __setstate__. */
#include "Python.h"
#include "pyrs/containers.h"

typedef struct {
    PyObject_HEAD
    Py_ssize_t en_index;    /* next count while it fits */
    PyObject *en_sit;       /* owned iterator over the argument */
    PyObject *en_longindex; /* owned next count once past PY_SSIZE_T_MAX, else NULL */
} enumobject;

static PyObject *str_reversed; /* "__reversed__", interned */

/* Splits enumerate's (iterable, start=0) arguments given positionally or by keyword. */
static int
enum_parse_args(PyObject *args, PyObject *kwds, PyObject **iterable, PyObject **start)
{
    Py_ssize_t nargs = PyTuple_GET_SIZE(args), nkw = kwds ? PyDict_GET_SIZE(kwds) : 0;
    *iterable = nargs > 0 ? PyTuple_GET_ITEM(args, 0) : NULL;
    *start = nargs > 1 ? PyTuple_GET_ITEM(args, 1) : NULL;
    if (nargs + nkw > 2) {
        PyErr_Format(PyExc_TypeError, "enumerate() takes at most 2 arguments (%zd given)",
                     nargs + nkw);
        return -1;
    }
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (kwds != NULL && PyDict_Next(kwds, &pos, &k, &v)) {
        PyObject **slot = NULL;
        if (PyUnicode_Check(k) && PyUnicode_CompareWithASCIIString(k, "iterable") == 0) {
            slot = iterable;
        } else if (PyUnicode_Check(k) && PyUnicode_CompareWithASCIIString(k, "start") == 0) {
            slot = start;
        }
        if (slot == NULL) {
            PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for enumerate()", k);
            return -1;
        }
        if (*slot != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "argument for enumerate() given by name ('%S') and position (%d)", k,
                         slot == iterable ? 1 : 2);
            return -1;
        }
        *slot = v;
    }
    if (*iterable == NULL) {
        PyErr_SetString(PyExc_TypeError, "enumerate() missing required argument 'iterable'");
        return -1;
    }
    return 0;
}

static PyObject *
enum_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *iterable, *start;
    if (enum_parse_args(args, kwds, &iterable, &start) < 0) {
        return NULL;
    }
    enumobject *en = (enumobject *)type->tp_alloc(type, 0);
    if (en == NULL) {
        return NULL;
    }
    en->en_index = 0;
    en->en_longindex = NULL;
    en->en_sit = NULL;
    if (start != NULL) {
        start = PyNumber_Index(start);
        if (start == NULL) {
            Py_DECREF(en);
            return NULL;
        }
        en->en_index = PyLong_AsSsize_t(start);
        if (en->en_index == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            en->en_index = PY_SSIZE_T_MAX;
            en->en_longindex = start;
        } else {
            Py_DECREF(start);
        }
    }
    en->en_sit = PyObject_GetIter(iterable);
    if (en->en_sit == NULL) {
        Py_DECREF(en);
        return NULL;
    }
    return (PyObject *)en;
}

static void
enum_dealloc(PyObject *op)
{
    enumobject *en = (enumobject *)op;
    PyObject_GC_UnTrack(op);
    Py_XDECREF(en->en_sit);
    Py_XDECREF(en->en_longindex);
    Py_TYPE(op)->tp_free(op);
}

static int
enum_traverse(PyObject *op, visitproc visit, void *arg)
{
    enumobject *en = (enumobject *)op;
    Py_VISIT(en->en_sit);
    Py_VISIT(en->en_longindex);
    return 0;
}

/* The next count as a new int once it no longer fits a Py_ssize_t; NULL on error. */
static PyObject *
enum_next_long_index(enumobject *en)
{
    if (en->en_longindex == NULL) {
        en->en_longindex = PyLong_FromSsize_t(PY_SSIZE_T_MAX);
        if (en->en_longindex == NULL) {
            return NULL;
        }
    }
    PyObject *one = PyLong_FromLong(1);
    PyObject *next = one ? PyNumber_Add(en->en_longindex, one) : NULL;
    Py_XDECREF(one);
    if (next == NULL) {
        return NULL;
    }
    PyObject *index = en->en_longindex;
    en->en_longindex = next;
    return index;
}

/* The next count and item of EN as new references: 1; 0 when exhausted or with the
 * exception set. */
static int
enum_advance(enumobject *en, PyObject **pindex, PyObject **pitem)
{
    PyObject *item = (*Py_TYPE(en->en_sit)->tp_iternext)(en->en_sit);
    if (item == NULL) {
        return 0;
    }
    PyObject *index;
    if (en->en_index == PY_SSIZE_T_MAX) {
        index = enum_next_long_index(en);
    } else {
        index = PyLong_FromSsize_t(en->en_index);
        en->en_index += index != NULL;
    }
    if (index == NULL) {
        Py_DECREF(item);
        return 0;
    }
    *pindex = index;
    *pitem = item;
    return 1;
}

static PyObject *
enum_next(PyObject *op)
{
    PyObject *index, *item;
    if (!enum_advance((enumobject *)op, &index, &item)) {
        return NULL;
    }
    PyObject *res = PyTuple_New(2);
    if (res == NULL) {
        Py_DECREF(index);
        Py_DECREF(item);
        return NULL;
    }
    PyTuple_SET_ITEM(res, 0, index);
    PyTuple_SET_ITEM(res, 1, item);
    return res;
}

/* See pyrs/containers.h. */
int
pyrs_enum_next_pair(PyObject *it, PyObject **out)
{
    PyObject *index, *item;
    if (!enum_advance((enumobject *)it, &index, &item)) {
        return 0;
    }
    pyrs_containers_store_pair(out, index, item);
    return 1;
}

static PyObject *
enum_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    enumobject *en = (enumobject *)op;
    PyObject *index =
        en->en_longindex ? Py_NewRef(en->en_longindex) : PyLong_FromSsize_t(en->en_index);
    if (index == NULL) {
        return NULL;
    }
    PyObject *args = PyTuple_Pack(2, en->en_sit, index), *res = NULL;
    Py_DECREF(index);
    if (args != NULL) {
        res = PyTuple_Pack(2, (PyObject *)Py_TYPE(op), args);
        Py_DECREF(args);
    }
    return res;
}

static PyMethodDef enum_methods[] = {
    {"__reduce__", enum_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__class_getitem__", pyrs_tuple_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyEnum_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "enumerate",
    .tp_basicsize = sizeof(enumobject),
    .tp_dealloc = enum_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "enumerate(iterable, start=0)\n--\n\n"
              "Return an enumerate object.\n\n"
              "  iterable\n    an object supporting iteration\n\n"
              "The enumerate object yields pairs containing a count (from start, which\n"
              "defaults to zero) and a value yielded by the iterable argument.\n\n"
              "enumerate is useful for obtaining an indexed list:\n"
              "    (0, seq[0]), (1, seq[1]), (2, seq[2]), ...",
    .tp_traverse = enum_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = enum_next,
    .tp_methods = enum_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = enum_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- reversed ---- */

typedef struct {
    PyObject_HEAD
    Py_ssize_t index; /* next index to fetch, -1 when done */
    PyObject *seq;    /* owned; NULL once exhausted */
} reversedobject;

static PyObject *
reversed_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if ((type == &PyReversed_Type || type->tp_init == PyReversed_Type.tp_init) &&
        pyrs_tuple_check_no_kwargs("reversed", kwds) < 0) {
        return NULL;
    }
    if (pyrs_tuple_check_nargs("reversed", PyTuple_GET_SIZE(args), 1, 1) < 0) {
        return NULL;
    }
    PyObject *seq = PyTuple_GET_ITEM(args, 0);
    PyObject *meth = _PyObject_LookupSpecial(seq, str_reversed);
    if (meth == Py_None) {
        Py_DECREF(meth);
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not reversible", Py_TYPE(seq)->tp_name);
        return NULL;
    }
    if (meth != NULL) {
        PyObject *res = PyObject_CallNoArgs(meth);
        Py_DECREF(meth);
        return res;
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (!PySequence_Check(seq)) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not reversible", Py_TYPE(seq)->tp_name);
        return NULL;
    }
    Py_ssize_t n = PySequence_Size(seq);
    if (n == -1) {
        return NULL;
    }
    reversedobject *ro = (reversedobject *)type->tp_alloc(type, 0);
    if (ro == NULL) {
        return NULL;
    }
    ro->index = n - 1;
    ro->seq = Py_NewRef(seq);
    return (PyObject *)ro;
}

static void
reversed_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    Py_XDECREF(((reversedobject *)op)->seq);
    Py_TYPE(op)->tp_free(op);
}

static int
reversed_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((reversedobject *)op)->seq);
    return 0;
}

static PyObject *
reversed_next(PyObject *op)
{
    reversedobject *ro = (reversedobject *)op;
    Py_ssize_t index = ro->index;
    if (index >= 0) {
        PyObject *item = PySequence_GetItem(ro->seq, index);
        if (item != NULL) {
            ro->index--;
            return item;
        }
        if (PyErr_ExceptionMatches(PyExc_IndexError) ||
            PyErr_ExceptionMatches(PyExc_StopIteration)) {
            PyErr_Clear();
        }
    }
    ro->index = -1;
    Py_CLEAR(ro->seq);
    return NULL;
}

static PyObject *
reversed_len(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    reversedobject *ro = (reversedobject *)op;
    if (ro->seq == NULL) {
        return PyLong_FromLong(0);
    }
    Py_ssize_t seqsize = PySequence_Size(ro->seq);
    if (seqsize == -1) {
        return NULL;
    }
    Py_ssize_t position = ro->index + 1;
    return PyLong_FromSsize_t(seqsize < position ? 0 : position);
}

static PyObject *
reversed_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    reversedobject *ro = (reversedobject *)op;
    PyObject *args = ro->seq ? PyTuple_Pack(1, ro->seq) : PyTuple_New(0), *res = NULL;
    if (args == NULL) {
        return NULL;
    }
    if (ro->seq == NULL) {
        PyObject *wrapped = PyTuple_Pack(1, args);
        Py_SETREF(args, wrapped);
        if (args == NULL) {
            return NULL;
        }
        res = PyTuple_Pack(2, (PyObject *)Py_TYPE(op), args);
    } else {
        PyObject *index = PyLong_FromSsize_t(ro->index);
        if (index != NULL) {
            res = PyTuple_Pack(3, (PyObject *)Py_TYPE(op), args, index);
            Py_DECREF(index);
        }
    }
    Py_DECREF(args);
    return res;
}

static PyObject *
reversed_setstate(PyObject *op, PyObject *state)
{
    reversedobject *ro = (reversedobject *)op;
    Py_ssize_t index = PyLong_AsSsize_t(state);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (ro->seq != NULL) {
        Py_ssize_t n = PySequence_Size(ro->seq);
        if (n < 0) {
            return NULL;
        }
        if (index < -1) {
            index = -1;
        } else if (index > n - 1) {
            index = n - 1;
        }
        ro->index = index;
    }
    Py_RETURN_NONE;
}

static PyMethodDef reversed_methods[] = {
    {"__length_hint__", reversed_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", reversed_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", reversed_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyReversed_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "reversed",
    .tp_basicsize = sizeof(reversedobject),
    .tp_dealloc = reversed_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "reversed(sequence, /)\n--\n\n"
              "Return a reverse iterator over the values of the given sequence.",
    .tp_traverse = reversed_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = reversed_next,
    .tp_methods = reversed_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = reversed_new,
    .tp_free = PyObject_GC_Del,
};

int
pyrs_enum_init(void)
{
    if (PyType_Ready(&PyEnum_Type) < 0 || PyType_Ready(&PyReversed_Type) < 0) {
        return -1;
    }
    if (str_reversed == NULL) {
        str_reversed = PyUnicode_InternFromString("__reversed__");
        if (str_reversed == NULL) {
            return -1;
        }
    }
    return 0;
}
