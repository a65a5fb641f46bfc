/* itertools/groupby.c: itertools.groupby and its _grouper sub-iterators, mirroring CPython
 * 3.11's Modules/itertoolsmodule.c: a grouper is live only while it is the groupby's current
 * one, and both pickle as 3.11 does. */
#include "itertools.h"

typedef struct {
    PyObject_HEAD
    PyObject *it;          /* source iterator */
    PyObject *keyfunc;     /* key function, or None */
    PyObject *tgtkey;      /* key of the current group, or NULL */
    PyObject *currkey;     /* key of currvalue, or NULL */
    PyObject *currvalue;   /* the item read ahead, or NULL */
    PyObject *currgrouper; /* the live _grouper (borrowed), or NULL */
} groupbyobject;

typedef struct {
    PyObject_HEAD
    PyObject *parent; /* the groupby (owned) */
    PyObject *tgtkey; /* the key of this group */
} grouperobject;

#define groupby_type pyrs_itertools_groupby_type
#define grouper_type pyrs_itertools_grouper_type

static PyObject *
groupby_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"iterable", "key", NULL};
    PyObject *it, *keyfunc = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:groupby", (char **)kwlist, &it, &keyfunc)) {
        return NULL;
    }
    it = PyObject_GetIter(it);
    if (it == NULL) {
        return NULL;
    }
    groupbyobject *gbo = (groupbyobject *)type->tp_alloc(type, 0);
    if (gbo == NULL) {
        Py_DECREF(it);
        return NULL;
    }
    gbo->tgtkey = gbo->currkey = gbo->currvalue = NULL;
    gbo->currgrouper = NULL;
    gbo->keyfunc = Py_NewRef(keyfunc);
    gbo->it = it;
    return (PyObject *)gbo;
}

static int
groupby_clear(groupbyobject *gbo)
{
    Py_CLEAR(gbo->it);
    Py_CLEAR(gbo->keyfunc);
    Py_CLEAR(gbo->tgtkey);
    Py_CLEAR(gbo->currkey);
    Py_CLEAR(gbo->currvalue);
    return 0;
}

static void
groupby_dealloc(groupbyobject *gbo)
{
    PyObject_GC_UnTrack(gbo);
    groupby_clear(gbo);
    Py_TYPE(gbo)->tp_free(gbo);
}

static int
groupby_traverse(groupbyobject *gbo, visitproc visit, void *arg)
{
    Py_VISIT(gbo->it);
    Py_VISIT(gbo->keyfunc);
    Py_VISIT(gbo->tgtkey);
    Py_VISIT(gbo->currkey);
    Py_VISIT(gbo->currvalue);
    return 0;
}

/* Reads the next item and its key into currvalue/currkey. 0, or -1 (also at the end). */
static int
groupby_step(groupbyobject *gbo)
{
    PyObject *newvalue = PyIter_Next(gbo->it), *newkey;
    if (newvalue == NULL) {
        return -1;
    }
    if (gbo->keyfunc == Py_None) {
        newkey = Py_NewRef(newvalue);
    } else {
        newkey = PyObject_CallOneArg(gbo->keyfunc, newvalue);
        if (newkey == NULL) {
            Py_DECREF(newvalue);
            return -1;
        }
    }
    Py_XSETREF(gbo->currvalue, newvalue);
    Py_XSETREF(gbo->currkey, newkey);
    return 0;
}

static PyObject *
grouper_create(groupbyobject *parent, PyObject *tgtkey)
{
    grouperobject *igo = PyObject_GC_New(grouperobject, &grouper_type);
    if (igo == NULL) {
        return NULL;
    }
    igo->parent = Py_NewRef(parent);
    igo->tgtkey = Py_NewRef(tgtkey);
    parent->currgrouper = (PyObject *)igo;
    PyObject_GC_Track(igo);
    return (PyObject *)igo;
}

static PyObject *
groupby_next(groupbyobject *gbo)
{
    gbo->currgrouper = NULL;
    /* Skip the rest of the current group. */
    for (;;) {
        if (gbo->currkey == NULL) {
            /* nothing read ahead yet */
        } else if (gbo->tgtkey == NULL) {
            break;
        } else {
            int rcmp = PyObject_RichCompareBool(gbo->tgtkey, gbo->currkey, Py_EQ);
            if (rcmp == -1) {
                return NULL;
            }
            if (rcmp == 0) {
                break;
            }
        }
        if (groupby_step(gbo) < 0) {
            return NULL;
        }
    }
    Py_XSETREF(gbo->tgtkey, Py_NewRef(gbo->currkey));
    PyObject *grouper = grouper_create(gbo, gbo->tgtkey);
    if (grouper == NULL) {
        return NULL;
    }
    PyObject *r = PyTuple_Pack(2, gbo->currkey, grouper);
    Py_DECREF(grouper);
    return r;
}

static PyObject *
groupby_reduce(groupbyobject *lz, PyObject *Py_UNUSED(ignored))
{
    if (lz->tgtkey && lz->currkey && lz->currvalue) {
        return Py_BuildValue("O(OO)(OOO)", Py_TYPE(lz), lz->it, lz->keyfunc, lz->currkey,
                             lz->currvalue, lz->tgtkey);
    }
    return Py_BuildValue("O(OO)", Py_TYPE(lz), lz->it, lz->keyfunc);
}

static PyObject *
groupby_setstate(groupbyobject *lz, PyObject *state)
{
    PyObject *currkey, *currvalue, *tgtkey;
    if (pyrs_itertools_check_state(state) < 0 ||
        !PyArg_ParseTuple(state, "OOO", &currkey, &currvalue, &tgtkey)) {
        return NULL;
    }
    Py_XSETREF(lz->currkey, Py_NewRef(currkey));
    Py_XSETREF(lz->currvalue, Py_NewRef(currvalue));
    Py_XSETREF(lz->tgtkey, Py_NewRef(tgtkey));
    Py_RETURN_NONE;
}

static PyMethodDef groupby_methods[] = {
    {"__reduce__", (PyCFunction)groupby_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", (PyCFunction)groupby_setstate, METH_O,
     "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject groupby_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools.groupby",
    .tp_basicsize = sizeof(groupbyobject),
    .tp_dealloc = (destructor)groupby_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "groupby(iterable, key=None)\n--\n\nmake an iterator that returns consecutive keys "
              "and groups from the iterable\n\n  "
              "iterable\n    Elements to divide into groups according to the key function.\n  "
              "key\n    A function for computing the group category for each element.\n    If "
              "the key function is not specified or is None, the element itself\n    is used "
              "for grouping.",
    .tp_traverse = (traverseproc)groupby_traverse,
    .tp_clear = (inquiry)groupby_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)groupby_next,
    .tp_methods = groupby_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = groupby_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- _grouper ---------------------------------------------------------------------------- */

static PyObject *
grouper_new(PyTypeObject *Py_UNUSED(type), PyObject *args, PyObject *Py_UNUSED(kwds))
{
    PyObject *parent, *tgtkey;
    if (!PyArg_ParseTuple(args, "O!O:_grouper", &groupby_type, &parent, &tgtkey)) {
        return NULL;
    }
    return grouper_create((groupbyobject *)parent, tgtkey);
}

static void
grouper_dealloc(grouperobject *igo)
{
    PyObject_GC_UnTrack(igo);
    Py_XDECREF(igo->parent);
    Py_XDECREF(igo->tgtkey);
    PyObject_GC_Del(igo);
}

static int
grouper_traverse(grouperobject *igo, visitproc visit, void *arg)
{
    Py_VISIT(igo->parent);
    Py_VISIT(igo->tgtkey);
    return 0;
}

static PyObject *
grouper_next(grouperobject *igo)
{
    groupbyobject *gbo = (groupbyobject *)igo->parent;
    if (gbo->currgrouper != (PyObject *)igo) {
        return NULL;
    }
    if (gbo->currvalue == NULL && groupby_step(gbo) < 0) {
        return NULL;
    }
    int rcmp = PyObject_RichCompareBool(igo->tgtkey, gbo->currkey, Py_EQ);
    if (rcmp <= 0) {
        /* an error, or the end of this group */
        return NULL;
    }
    PyObject *r = gbo->currvalue;
    gbo->currvalue = NULL;
    Py_CLEAR(gbo->currkey);
    return r;
}

static PyObject *
grouper_reduce(grouperobject *lz, PyObject *Py_UNUSED(ignored))
{
    if (((groupbyobject *)lz->parent)->currgrouper != (PyObject *)lz) {
        /* A dead grouper pickles as an empty iterator: iter(()). */
        PyObject *builtins = PyImport_ImportModule("builtins");
        PyObject *iter = builtins ? PyObject_GetAttrString(builtins, "iter") : NULL;
        Py_XDECREF(builtins);
        if (iter == NULL) {
            return NULL;
        }
        return Py_BuildValue("N(())", iter);
    }
    return Py_BuildValue("O(OO)", Py_TYPE(lz), lz->parent, lz->tgtkey);
}

static PyMethodDef grouper_methods[] = {
    {"__reduce__", (PyCFunction)grouper_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject grouper_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools._grouper",
    .tp_basicsize = sizeof(grouperobject),
    .tp_dealloc = (destructor)grouper_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)grouper_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)grouper_next,
    .tp_methods = grouper_methods,
    .tp_new = grouper_new,
    .tp_free = PyObject_GC_Del,
};
