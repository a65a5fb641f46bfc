/* _collections/module.c: the _collections module (deque, defaultdict, _count_elements and the
 * _tuplegetter descriptor namedtuple uses for its fields), mirroring CPython 3.11's
 * Modules/_collectionsmodule.c; OrderedDict (odict.c) as Objects/odictobject.c. */
#include "collections.h"
#include "pyrs/call.h"
#include "structmember.h"

/* ---- _count_elements --------------------------------------------------------------------- */

/* mapping[elem] = mapping.get(elem, 0) + 1 for each element (Counter.update's inner loop). */
static PyObject *
count_elements(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("_count_elements", nargs, 2, 2)) {
        return NULL;
    }
    PyObject *mapping = args[0], *it = PyObject_GetIter(args[1]), *key, *one = NULL;
    PyObject *zero = NULL, *get = NULL;
    if (it == NULL) {
        return NULL;
    }
    one = PyLong_FromLong(1);
    zero = PyLong_FromLong(0);
    int fast = PyDict_CheckExact(mapping);
    if (one == NULL || zero == NULL ||
        (!fast && (get = PyObject_GetAttrString(mapping, "get")) == NULL)) {
        goto error;
    }
    while ((key = PyIter_Next(it)) != NULL) {
        PyObject *old, *newval;
        if (fast) {
            old = PyDict_GetItemWithError(mapping, key);
            if (old == NULL && PyErr_Occurred()) {
                Py_DECREF(key);
                goto error;
            }
            Py_XINCREF(old);
        } else {
            PyObject *stack[2] = {key, zero};
            old = PyObject_Vectorcall(get, stack, 2, NULL);
            if (old == NULL) {
                Py_DECREF(key);
                goto error;
            }
        }
        newval = old == NULL ? Py_NewRef(one) : PyNumber_Add(old, one);
        Py_XDECREF(old);
        int r = newval == NULL ? -1 : PyObject_SetItem(mapping, key, newval);
        Py_XDECREF(newval);
        Py_DECREF(key);
        if (r < 0) {
            goto error;
        }
    }
    if (PyErr_Occurred()) {
        goto error;
    }
    Py_DECREF(it);
    Py_DECREF(one);
    Py_DECREF(zero);
    Py_XDECREF(get);
    Py_RETURN_NONE;
error:
    Py_DECREF(it);
    Py_XDECREF(one);
    Py_XDECREF(zero);
    Py_XDECREF(get);
    return NULL;
}

/* ---- _tuplegetter ------------------------------------------------------------------------ */

typedef struct {
    PyObject_HEAD
    Py_ssize_t index; /* which tuple item this field reads */
    PyObject *doc;    /* __doc__ (owned, may be None) */
} tuplegetterobject;

static PyTypeObject tuplegetter_type;

static PyObject *
tuplegetter_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    Py_ssize_t index;
    PyObject *doc;
    if (!_PyArg_NoKeywords("_tuplegetter", kwds)) {
        return NULL;
    }
    if (!_PyArg_CheckPositional("_tuplegetter", PyTuple_GET_SIZE(args), 2, 2)) {
        return NULL;
    }
    PyObject *idx = PyNumber_Index(PyTuple_GET_ITEM(args, 0));
    if (idx == NULL) {
        return NULL;
    }
    index = PyLong_AsSsize_t(idx);
    Py_DECREF(idx);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    doc = PyTuple_GET_ITEM(args, 1);
    tuplegetterobject *self = (tuplegetterobject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->index = index;
    self->doc = Py_NewRef(doc);
    return (PyObject *)self;
}

static PyObject *
tuplegetter_descr_get(PyObject *self, PyObject *obj, PyObject *Py_UNUSED(type))
{
    Py_ssize_t index = ((tuplegetterobject *)self)->index;
    if (obj == NULL || obj == Py_None) {
        return Py_NewRef(self);
    }
    if (!PyTuple_Check(obj)) {
        PyErr_Format(PyExc_TypeError,
                     "descriptor for index '%zd' for tuple subclasses doesn't apply to '%s' "
                     "object",
                     index, Py_TYPE(obj)->tp_name);
        return NULL;
    }
    if (index < 0 || index >= PyTuple_GET_SIZE(obj)) {
        PyErr_SetString(PyExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return Py_NewRef(PyTuple_GET_ITEM(obj, index));
}

static int
tuplegetter_descr_set(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(obj), PyObject *value)
{
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "can't delete attribute");
    } else {
        PyErr_SetString(PyExc_AttributeError, "can't set attribute");
    }
    return -1;
}

static int
tuplegetter_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((tuplegetterobject *)self)->doc);
    return 0;
}

static int
tuplegetter_clear(PyObject *self)
{
    Py_CLEAR(((tuplegetterobject *)self)->doc);
    return 0;
}

static void
tuplegetter_dealloc(tuplegetterobject *self)
{
    PyObject_GC_UnTrack(self);
    tuplegetter_clear((PyObject *)self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
tuplegetter_reduce(tuplegetterobject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("(O(nO))", (PyObject *)Py_TYPE(self), self->index, self->doc);
}

static PyObject *
tuplegetter_repr(tuplegetterobject *self)
{
    return PyUnicode_FromFormat("%s(%zd, %R)", _PyType_Name(Py_TYPE(self)), self->index, self->doc);
}

static PyMemberDef tuplegetter_members[] = {
    {"__doc__", T_OBJECT, offsetof(tuplegetterobject, doc), 0, 0},
    {NULL, 0, 0, 0, NULL},
};

static PyMethodDef tuplegetter_methods[] = {
    {"__reduce__", (PyCFunction)tuplegetter_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject tuplegetter_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_collections._tuplegetter",
    .tp_basicsize = sizeof(tuplegetterobject),
    .tp_dealloc = (destructor)tuplegetter_dealloc,
    .tp_repr = (reprfunc)tuplegetter_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = tuplegetter_traverse,
    .tp_clear = tuplegetter_clear,
    .tp_methods = tuplegetter_methods,
    .tp_members = tuplegetter_members,
    .tp_descr_get = tuplegetter_descr_get,
    .tp_descr_set = tuplegetter_descr_set,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = tuplegetter_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- the module -------------------------------------------------------------------------- */

static PyMethodDef collections_methods[] = {
    {"_count_elements", (PyCFunction)(void (*)(void))count_elements, METH_FASTCALL,
     "_count_elements($module, mapping, iterable, /)\n--\n\nCount elements in the iterable, "
     "updating the mapping"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef collections_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_collections",
    .m_doc = "High performance data structures.\n- deque:        ordered collection accessible "
             "from endpoints only\n- defaultdict:  dict subclass with a default value factory\n",
    .m_size = 0,
    .m_methods = collections_methods,
};

PyMODINIT_FUNC PyInit__collections(void);

/* Module init: a new module with the container types, or NULL with an exception. */
PyMODINIT_FUNC
PyInit__collections(void)
{
    if (pyrs_collections_odict_ready() < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&collections_module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddType(m, &pyrs_collections_deque_type) < 0 ||
        PyModule_AddType(m, &pyrs_collections_defdict_type) < 0 ||
        PyModule_AddType(m, &pyrs_collections_dequeiter_type) < 0 ||
        PyModule_AddType(m, &pyrs_collections_dequereviter_type) < 0 ||
        PyModule_AddType(m, &tuplegetter_type) < 0 ||
        PyModule_AddType(m, &pyrs_collections_odict_type) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
