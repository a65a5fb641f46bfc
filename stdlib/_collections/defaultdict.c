/* _collections/defaultdict.c: collections.defaultdict, a dict subclass whose __missing__ calls
 * default_factory, mirroring CPython 3.11's defdict in Modules/_collectionsmodule.c (repr,
 * copy, pickling, | with dicts). */
#include "collections.h"
#include "pyrs/containers.h"
#include "structmember.h"

typedef struct {
    PyDictObject dict;         /* the dict part, laid out as the base type's */
    PyObject *default_factory; /* callable or None (owned) */
} defdictobject;

#define defdict_type pyrs_collections_defdict_type

static PyObject *
defdict_missing(defdictobject *dd, PyObject *key)
{
    PyObject *factory = dd->default_factory;
    if (factory == NULL || factory == Py_None) {
        PyObject *tup = PyTuple_Pack(1, key);
        if (tup == NULL) {
            return NULL;
        }
        PyErr_SetObject(PyExc_KeyError, tup);
        Py_DECREF(tup);
        return NULL;
    }
    PyObject *value = PyObject_CallNoArgs(factory);
    if (value == NULL) {
        return NULL;
    }
    if (PyObject_SetItem((PyObject *)dd, key, value) < 0) {
        Py_DECREF(value);
        return NULL;
    }
    return value;
}

/* type(DD)(factory, ARG): the copy used by copy() and |. */
static PyObject *
new_defdict(defdictobject *dd, PyObject *arg)
{
    return PyObject_CallFunctionObjArgs(
        (PyObject *)Py_TYPE(dd), dd->default_factory ? dd->default_factory : Py_None, arg, NULL);
}

static PyObject *
defdict_copy(defdictobject *dd, PyObject *Py_UNUSED(unused))
{
    return new_defdict(dd, (PyObject *)dd);
}

static PyObject *
defdict_reduce(defdictobject *dd, PyObject *Py_UNUSED(unused))
{
    PyObject *args;
    if (dd->default_factory == NULL || dd->default_factory == Py_None) {
        args = PyTuple_New(0);
    } else {
        args = PyTuple_Pack(1, dd->default_factory);
    }
    if (args == NULL) {
        return NULL;
    }
    PyObject *items = PyObject_CallMethod((PyObject *)dd, "items", NULL);
    if (items == NULL) {
        Py_DECREF(args);
        return NULL;
    }
    PyObject *iter = PyObject_GetIter(items);
    Py_DECREF(items);
    if (iter == NULL) {
        Py_DECREF(args);
        return NULL;
    }
    return Py_BuildValue("ONOON", Py_TYPE(dd), args, Py_None, Py_None, iter);
}

static PyObject *
defdict_repr(defdictobject *dd)
{
    PyObject *baserepr = PyDict_Type.tp_repr((PyObject *)dd), *defrepr, *res;
    if (baserepr == NULL) {
        return NULL;
    }
    if (dd->default_factory == NULL) {
        defrepr = PyUnicode_FromString("None");
    } else {
        int status = Py_ReprEnter(dd->default_factory);
        if (status != 0) {
            if (status < 0) {
                Py_DECREF(baserepr);
                return NULL;
            }
            defrepr = PyUnicode_FromString("...");
        } else {
            defrepr = PyObject_Repr(dd->default_factory);
            Py_ReprLeave(dd->default_factory);
        }
    }
    if (defrepr == NULL) {
        Py_DECREF(baserepr);
        return NULL;
    }
    res = PyUnicode_FromFormat("%s(%U, %U)", _PyType_Name(Py_TYPE(dd)), defrepr, baserepr);
    Py_DECREF(defrepr);
    Py_DECREF(baserepr);
    return res;
}

static PyObject *
defdict_or(PyObject *left, PyObject *right)
{
    PyObject *self, *other;
    if (PyObject_TypeCheck(left, &defdict_type)) {
        self = left;
        other = right;
    } else {
        self = right;
        other = left;
    }
    if (!PyDict_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    /* Like copy(), this calls the object's class. */
    PyObject *res = new_defdict((defdictobject *)self, left);
    if (res == NULL) {
        return NULL;
    }
    if (PyDict_Update(res, right) < 0) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

static void
defdict_dealloc(defdictobject *dd)
{
    /* The dict's own dealloc untracks and frees; drop the factory first. */
    PyObject_GC_UnTrack(dd);
    Py_CLEAR(dd->default_factory);
    PyDict_Type.tp_dealloc((PyObject *)dd);
}

static int
defdict_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((defdictobject *)self)->default_factory);
    return PyDict_Type.tp_traverse(self, visit, arg);
}

static int
defdict_tp_clear(defdictobject *dd)
{
    Py_CLEAR(dd->default_factory);
    return PyDict_Type.tp_clear((PyObject *)dd);
}

static int
defdict_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    defdictobject *dd = (defdictobject *)self;
    PyObject *newdefault = NULL, *newargs;
    if (args == NULL || !PyTuple_Check(args)) {
        newargs = PyTuple_New(0);
    } else {
        Py_ssize_t n = PyTuple_GET_SIZE(args);
        if (n > 0) {
            newdefault = PyTuple_GET_ITEM(args, 0);
            if (!PyCallable_Check(newdefault) && newdefault != Py_None) {
                PyErr_SetString(PyExc_TypeError, "first argument must be callable or None");
                return -1;
            }
        }
        newargs = PySequence_GetSlice(args, 1, n);
    }
    if (newargs == NULL) {
        return -1;
    }
    Py_XSETREF(dd->default_factory, Py_XNewRef(newdefault));
    int r = PyDict_Type.tp_init(self, newargs, kwds);
    Py_DECREF(newargs);
    return r;
}

static PyMethodDef defdict_methods[] = {
    {"__missing__", (PyCFunction)defdict_missing, METH_O,
     "__missing__(key) # Called by __getitem__ for missing key; pseudo-code:\n  if "
     "self.default_factory is None: raise KeyError((key,))\n  self[key] = value = "
     "self.default_factory()\n  return value\n"},
    {"copy", (PyCFunction)defdict_copy, METH_NOARGS, "D.copy() -> a shallow copy of D."},
    {"__copy__", (PyCFunction)defdict_copy, METH_NOARGS, "D.copy() -> a shallow copy of D."},
    {"__reduce__", (PyCFunction)defdict_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {"__class_getitem__", pyrs_tuple_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef defdict_members[] = {
    {"default_factory", T_OBJECT, offsetof(defdictobject, default_factory), 0,
     "Factory for default value called by __missing__()."},
    {NULL, 0, 0, 0, NULL},
};

static PyNumberMethods defdict_as_number = {
    .nb_or = defdict_or,
};

PyTypeObject defdict_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "collections.defaultdict",
    .tp_basicsize = sizeof(defdictobject),
    .tp_dealloc = (destructor)defdict_dealloc,
    .tp_repr = (reprfunc)defdict_repr,
    .tp_as_number = &defdict_as_number,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "defaultdict(default_factory=None, /, [...]) --> dict with default factory\n\nThe "
              "default factory is called without arguments to produce\na new value when a key is "
              "not present, in __getitem__ only.\nA defaultdict compares equal to a dict with the "
              "same items.\nAll remaining arguments are treated the same as if they were\npassed "
              "to the dict constructor, including keyword arguments.\n",
    .tp_traverse = defdict_traverse,
    .tp_clear = (inquiry)defdict_tp_clear,
    .tp_methods = defdict_methods,
    .tp_members = defdict_members,
    .tp_base = &PyDict_Type,
    .tp_init = defdict_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_free = PyObject_GC_Del,
};
