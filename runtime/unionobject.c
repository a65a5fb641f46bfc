/* unionobject.c: types.UnionType, the value of `int | str` (PEP 604). Mirrors CPython 3.11's
 * Objects/unionobject.c: flattening and de-duplication of the members, None as NoneType,
 * order-insensitive equality and hash, the "int | str" repr and TypeVar substitution. */
#include "Python.h"
#include "pyrs/object.h"

#define ID(s) pyrs_object_id(s)

typedef struct {
    PyObject_HEAD
    PyObject *args;       /* tuple of the distinct members, in order */
    PyObject *parameters; /* tuple of type variables, computed on first use, or NULL */
} unionobject;

#define UNION(op) ((unionobject *)(op))

PyObject *
_Py_union_args(PyObject *self)
{
    return UNION(self)->args;
}

/* Types, None, GenericAlias and unions can be members. */
static int
is_unionable(PyObject *obj)
{
    return obj == Py_None || PyType_Check(obj) || PyObject_TypeCheck(obj, &Py_GenericAliasType) ||
           _PyUnion_Check(obj);
}

/* ARGS with nested unions spliced in and None replaced by NoneType, then duplicates removed
 * (identity; equality for GenericAlias pairs). New tuple or NULL. */
static PyObject *
dedup_and_flatten_args(PyObject *args)
{
    PyObject *res = PyList_New(0);
    if (res == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *arg = PyTuple_GET_ITEM(args, i);
        PyObject *flat = _PyUnion_Check(arg) ? UNION(arg)->args : NULL;
        Py_ssize_t n = flat != NULL ? PyTuple_GET_SIZE(flat) : 1;
        for (Py_ssize_t k = 0; k < n; k++) {
            PyObject *item = flat != NULL ? PyTuple_GET_ITEM(flat, k) : arg;
            if (item == Py_None) {
                item = (PyObject *)&_PyNone_Type;
            }
            int dup = 0;
            for (Py_ssize_t j = 0; j < PyList_GET_SIZE(res) && !dup; j++) {
                PyObject *other = PyList_GET_ITEM(res, j);
                if (PyObject_TypeCheck(item, &Py_GenericAliasType) &&
                    PyObject_TypeCheck(other, &Py_GenericAliasType)) {
                    dup = PyObject_RichCompareBool(item, other, Py_EQ);
                } else {
                    dup = item == other;
                }
            }
            if (dup < 0 || (!dup && PyList_Append(res, item) < 0)) {
                Py_DECREF(res);
                return NULL;
            }
        }
    }
    PyObject *t = PyList_AsTuple(res);
    Py_DECREF(res);
    return t;
}

/* The union of ARGS: the single member itself when only one remains. New reference. */
static PyObject *
make_union(PyObject *args)
{
    PyObject *flat = dedup_and_flatten_args(args);
    if (flat == NULL) {
        return NULL;
    }
    if (PyTuple_GET_SIZE(flat) == 1) {
        PyObject *only = Py_NewRef(PyTuple_GET_ITEM(flat, 0));
        Py_DECREF(flat);
        return only;
    }
    if (!(_PyUnion_Type.tp_flags & Py_TPFLAGS_READY) && PyType_Ready(&_PyUnion_Type) < 0) {
        Py_DECREF(flat);
        return NULL;
    }
    unionobject *u = PyObject_GC_New(unionobject, &_PyUnion_Type);
    if (u == NULL) {
        Py_DECREF(flat);
        return NULL;
    }
    u->args = flat;
    u->parameters = NULL;
    PyObject_GC_Track(u);
    return (PyObject *)u;
}

PyObject *
_Py_union_type_or(PyObject *self, PyObject *other)
{
    if (!is_unionable(self) || !is_unionable(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *tuple = PyTuple_Pack(2, self, other);
    if (tuple == NULL) {
        return NULL;
    }
    PyObject *res = make_union(tuple);
    Py_DECREF(tuple);
    return res;
}

/* One member as the repr shows it: None, an alias's repr, or module.qualname (builtins
 * without the module). */
static PyObject *
union_repr_item(PyObject *p)
{
    PyObject *qualname = NULL, *module = NULL, *tmp, *r = NULL;
    if (p == (PyObject *)&_PyNone_Type) {
        return PyUnicode_FromString("None");
    }
    if (_PyObject_LookupAttr(p, ID("__origin__"), &tmp) < 0) {
        return NULL;
    }
    if (tmp != NULL) {
        Py_DECREF(tmp);
        if (_PyObject_LookupAttr(p, ID("__args__"), &tmp) < 0) {
            return NULL;
        }
        if (tmp != NULL) {
            Py_DECREF(tmp);
            return PyObject_Repr(p);
        }
    }
    if (_PyObject_LookupAttr(p, ID("__qualname__"), &qualname) < 0) {
        return NULL;
    }
    if (qualname == NULL) {
        return PyObject_Repr(p);
    }
    if (_PyObject_LookupAttr(p, ID("__module__"), &module) < 0) {
        goto done;
    }
    if (module == NULL || module == Py_None) {
        r = PyObject_Repr(p);
    } else if (PyUnicode_Check(module) && _PyUnicode_EqualToASCIIString(module, "builtins")) {
        r = PyObject_Str(qualname);
    } else {
        r = PyUnicode_FromFormat("%S.%S", module, qualname);
    }
done:
    Py_XDECREF(qualname);
    Py_XDECREF(module);
    return r;
}

static PyObject *
union_repr(PyObject *self)
{
    PyObject *args = UNION(self)->args;
    PyObject *parts = PyList_New(0);
    if (parts == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *s = union_repr_item(PyTuple_GET_ITEM(args, i));
        if (s == NULL || PyList_Append(parts, s) < 0) {
            Py_XDECREF(s);
            Py_DECREF(parts);
            return NULL;
        }
        Py_DECREF(s);
    }
    PyObject *sep = PyUnicode_FromString(" | ");
    PyObject *res = sep != NULL ? PyUnicode_Join(sep, parts) : NULL;
    Py_XDECREF(sep);
    Py_DECREF(parts);
    return res;
}

static Py_hash_t
union_hash(PyObject *self)
{
    PyObject *set = PyFrozenSet_New(UNION(self)->args);
    if (set == NULL) {
        return -1;
    }
    Py_hash_t h = PyObject_Hash(set);
    Py_DECREF(set);
    return h;
}

/* Equal when the member sets are equal (order does not matter). */
static PyObject *
union_richcompare(PyObject *a, PyObject *b, int op)
{
    if (!_PyUnion_Check(b) || (op != Py_EQ && op != Py_NE)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *sa = PyFrozenSet_New(UNION(a)->args);
    PyObject *sb = sa != NULL ? PyFrozenSet_New(UNION(b)->args) : NULL;
    PyObject *res = sb != NULL ? PyObject_RichCompare(sa, sb, op) : NULL;
    Py_XDECREF(sa);
    Py_XDECREF(sb);
    return res;
}

static PyObject *
union_parameters(PyObject *self, void *Py_UNUSED(closure))
{
    unionobject *u = UNION(self);
    if (u->parameters == NULL) {
        u->parameters = _Py_make_parameters(u->args);
        if (u->parameters == NULL) {
            return NULL;
        }
    }
    return Py_NewRef(u->parameters);
}

/* (int | T)[str]: substitute, then rebuild with | so the result may collapse to one type. */
static PyObject *
union_getitem(PyObject *self, PyObject *item)
{
    PyObject *params = union_parameters(self, NULL);
    if (params == NULL) {
        return NULL;
    }
    PyObject *newargs = _Py_subs_parameters(self, UNION(self)->args, params, item);
    Py_DECREF(params);
    if (newargs == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(newargs);
    if (n == 0) {
        PyObject *res = make_union(newargs);
        Py_DECREF(newargs);
        return res;
    }
    PyObject *res = Py_NewRef(PyTuple_GET_ITEM(newargs, 0));
    for (Py_ssize_t i = 1; res != NULL && i < n; i++) {
        PyObject *next = PyNumber_Or(res, PyTuple_GET_ITEM(newargs, i));
        Py_DECREF(res);
        res = next;
    }
    Py_DECREF(newargs);
    return res;
}

/* __module__ comes from the type ('types'); everything else is the generic lookup. */
static PyObject *
union_getattro(PyObject *self, PyObject *name)
{
    if (PyUnicode_Check(name) && _PyUnicode_EqualToASCIIString(name, "__module__")) {
        return PyObject_GetAttr((PyObject *)Py_TYPE(self), name);
    }
    return PyObject_GenericGetAttr(self, name);
}

/* isinstance/issubclass against each member. CPython 3.11 does this inside
 * PyObject_IsInstance/IsSubclass (runtime/abstract.c here); until abstract.c treats a union
 * like a tuple, these hooks give the same results and messages. */
static PyObject *
union_check(PyObject *self, PyObject *obj, int subclass)
{
    PyObject *args = UNION(self)->args;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *arg = PyTuple_GET_ITEM(args, i);
        int r = subclass ? PyObject_IsSubclass(obj, arg) : PyObject_IsInstance(obj, arg);
        if (r != 0) {
            return r < 0 ? NULL : Py_NewRef(Py_True);
        }
    }
    Py_RETURN_FALSE;
}

static PyObject *
union_instancecheck(PyObject *self, PyObject *obj)
{
    return union_check(self, obj, 0);
}

static PyObject *
union_subclasscheck(PyObject *self, PyObject *obj)
{
    return union_check(self, obj, 1);
}

static PyMethodDef union_methods[] = {
    {"__instancecheck__", union_instancecheck, METH_O, NULL},
    {"__subclasscheck__", union_subclasscheck, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef union_members[] = {
    {"__args__", T_OBJECT, offsetof(unionobject, args), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef union_properties[] = {
    {"__parameters__", union_parameters, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static int
union_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(UNION(self)->args);
    Py_VISIT(UNION(self)->parameters);
    return 0;
}

static void
union_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_XDECREF(UNION(self)->args);
    Py_XDECREF(UNION(self)->parameters);
    PyObject_GC_Del(self);
}

static PyNumberMethods union_as_number = {
    .nb_or = _Py_union_type_or,
};

static PyMappingMethods union_as_mapping = {
    .mp_subscript = union_getitem,
};

PyTypeObject _PyUnion_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "types.UnionType",
    .tp_basicsize = sizeof(unionobject),
    .tp_dealloc = union_dealloc,
    .tp_repr = union_repr,
    .tp_as_number = &union_as_number,
    .tp_as_mapping = &union_as_mapping,
    .tp_hash = union_hash,
    .tp_getattro = union_getattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_traverse = union_traverse,
    .tp_richcompare = union_richcompare,
    .tp_methods = union_methods,
    .tp_members = union_members,
    .tp_getset = union_properties,
};
