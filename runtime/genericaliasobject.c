/* genericaliasobject.c: types.GenericAlias (PEP 585: list[int], dict[str, T], *tuple[int]) and
 * the TypeVar substitution shared with types.UnionType (_Py_make_parameters,
 * _Py_subs_parameters). Mirrors CPython 3.11's Objects/genericaliasobject.c: repr, equality,
 * hashing, attribute delegation to the origin, __mro_entries__, pickling and star-unpacking.
 * typing's TypeVar/ParamSpec/TypeVarTuple are duck-typed through __typing_subst__ & co. */
#include "Python.h"
#include "pyrs/call.h"
#include "pyrs/eval.h"
#include "pyrs/object.h"

#define ID(s) pyrs_object_id(s)

typedef struct {
    PyObject_HEAD
    PyObject *origin;      /* the generic class (list, dict, a user class...) */
    PyObject *args;        /* tuple of arguments */
    PyObject *parameters;  /* tuple of type variables, computed on first use, or NULL */
    PyObject *weakreflist; /* weak references */
    char starred;          /* *tuple[int]: the unpacked form */
    char pad[7];           /* keeps the layout explicit */
} gaobject;

#define GA(op)       ((gaobject *)(op))
#define GA_Check(op) PyObject_TypeCheck((op), &Py_GenericAliasType)

/* Names that GenericAlias answers itself; every other attribute comes from the origin. */
static const char *const attr_exceptions[] = {
    "__class__",       "__origin__",     "__args__",
    "__unpacked__",    "__parameters__", "__typing_unpacked_tuple_args__",
    "__mro_entries__", "__reduce_ex__",  "__reduce__",
    "__copy__",        "__deepcopy__",   NULL,
};

/* ---- repr ----------------------------------------------------------------------------- */

/* How an argument prints inside [...]: "..." for Ellipsis, qualname (with the module unless it
 * is builtins) for classes, repr() for anything that looks like an alias or has no names. */
static PyObject *
repr_item(PyObject *p)
{
    PyObject *qualname = NULL, *module = NULL, *tmp, *r = NULL;
    if (p == Py_Ellipsis) {
        return PyUnicode_FromString("...");
    }
    if (Py_IS_TYPE(p, &Py_GenericAliasType)) {
        return PyObject_Repr(p);
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

/* Appends S (stolen) to LIST; -1 on error. */
static int
append_steal(PyObject *list, PyObject *s)
{
    if (s == NULL) {
        return -1;
    }
    int r = PyList_Append(list, s);
    Py_DECREF(s);
    return r;
}

static PyObject *
ga_repr(PyObject *self)
{
    gaobject *alias = GA(self);
    PyObject *parts = PyList_New(0);
    if (parts == NULL) {
        return NULL;
    }
    if (alias->starred && append_steal(parts, PyUnicode_FromString("*")) < 0) {
        goto error;
    }
    if (append_steal(parts, repr_item(alias->origin)) < 0 ||
        append_steal(parts, PyUnicode_FromString("[")) < 0) {
        goto error;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(alias->args);
    if (n == 0 && append_steal(parts, PyUnicode_FromString("()")) < 0) {
        goto error;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (i > 0 && append_steal(parts, PyUnicode_FromString(", ")) < 0) {
            goto error;
        }
        if (append_steal(parts, repr_item(PyTuple_GET_ITEM(alias->args, i))) < 0) {
            goto error;
        }
    }
    if (append_steal(parts, PyUnicode_FromString("]")) < 0) {
        goto error;
    }
    PyObject *empty = PyUnicode_FromString("");
    PyObject *res = empty != NULL ? PyUnicode_Join(empty, parts) : NULL;
    Py_XDECREF(empty);
    Py_DECREF(parts);
    return res;
error:
    Py_DECREF(parts);
    return NULL;
}

/* ---- __parameters__ and substitution ---------------------------------------------------- */

/* Appends ITEM to the list unless it is already there (identity). -1 on error. */
static int
list_add_unique(PyObject *list, PyObject *item)
{
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        if (PyList_GET_ITEM(list, i) == item) {
            return 0;
        }
    }
    return PyList_Append(list, item);
}

PyObject *
_Py_make_parameters(PyObject *args)
{
    PyObject *params = PyList_New(0);
    if (params == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *t = PyTuple_GET_ITEM(args, i), *subst, *sub;
        if (PyType_Check(t)) {
            continue; /* a bare class's __parameters__ descriptor is not wanted */
        }
        if (_PyObject_LookupAttr(t, ID("__typing_subst__"), &subst) < 0) {
            goto error;
        }
        if (subst != NULL) {
            Py_DECREF(subst);
            if (list_add_unique(params, t) < 0) {
                goto error;
            }
            continue;
        }
        if (_PyObject_LookupAttr(t, ID("__parameters__"), &sub) < 0) {
            goto error;
        }
        if (sub != NULL && PyTuple_Check(sub)) {
            for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(sub); j++) {
                if (list_add_unique(params, PyTuple_GET_ITEM(sub, j)) < 0) {
                    Py_DECREF(sub);
                    goto error;
                }
            }
        }
        Py_XDECREF(sub);
    }
    PyObject *res = PyList_AsTuple(params);
    Py_DECREF(params);
    return res;
error:
    Py_DECREF(params);
    return NULL;
}

static Py_ssize_t
tuple_index(PyObject *tuple, PyObject *item)
{
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(tuple); i++) {
        if (PyTuple_GET_ITEM(tuple, i) == item) {
            return i;
        }
    }
    return -1;
}

/* The args of an unpacked tuple (*tuple[int, str] or typing's Unpack[Tuple[...]]), new
 * reference, or NULL (maybe with an exception) when ARG is not one. */
static PyObject *
unpacked_tuple_args(PyObject *arg)
{
    PyObject *result;
    if (GA_Check(arg) && GA(arg)->starred && GA(arg)->origin == (PyObject *)&PyTuple_Type) {
        return Py_NewRef(GA(arg)->args);
    }
    if (_PyObject_LookupAttr(arg, ID("__typing_unpacked_tuple_args__"), &result) > 0) {
        if (result == Py_None) {
            Py_DECREF(result);
            return NULL;
        }
        return result;
    }
    return NULL;
}

/* ITEM as a tuple with every unpacked fixed-length tuple spliced in. New reference. */
static PyObject *
unpack_args(PyObject *item)
{
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        return NULL;
    }
    int is_tuple = PyTuple_Check(item);
    Py_ssize_t n = is_tuple ? PyTuple_GET_SIZE(item) : 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *it = is_tuple ? PyTuple_GET_ITEM(item, i) : item;
        if (!PyType_Check(it)) {
            PyObject *sub = unpacked_tuple_args(it);
            Py_ssize_t m = sub != NULL && PyTuple_Check(sub) ? PyTuple_GET_SIZE(sub) : 0;
            if (sub != NULL && PyTuple_Check(sub) &&
                !(m > 0 && PyTuple_GET_ITEM(sub, m - 1) == Py_Ellipsis)) {
                int r = PyList_SetSlice(list, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, sub);
                Py_DECREF(sub);
                if (r < 0) {
                    goto error;
                }
                continue;
            }
            Py_XDECREF(sub);
            if (PyErr_Occurred()) {
                goto error;
            }
        }
        if (PyList_Append(list, it) < 0) {
            goto error;
        }
    }
    PyObject *res = PyList_AsTuple(list);
    Py_DECREF(list);
    return res;
error:
    Py_DECREF(list);
    return NULL;
}

/* 1 if ARG is an unpacked TypeVarTuple (*Ts), 0 if not, -1 on error. */
static int
is_unpacked_typevartuple(PyObject *arg)
{
    PyObject *tmp;
    if (PyType_Check(arg)) {
        return 0;
    }
    int res = _PyObject_LookupAttr(arg, ID("__typing_is_unpacked_typevartuple__"), &tmp);
    if (res > 0) {
        res = PyObject_IsTrue(tmp);
        Py_DECREF(tmp);
    }
    return res;
}

/* Lets each parameter's __typing_prepare_subst__ rewrite ITEM (ParamSpec, TypeVarTuple).
 * Steals ITEM; returns the new item or NULL. */
static PyObject *
prepare_subst(PyObject *self, PyObject *params, PyObject *item)
{
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(params); i++) {
        PyObject *prepare, *tmp;
        if (_PyObject_LookupAttr(PyTuple_GET_ITEM(params, i), ID("__typing_prepare_subst__"),
                                 &prepare) < 0) {
            Py_DECREF(item);
            return NULL;
        }
        if (prepare == NULL) {
            continue;
        }
        if (prepare == Py_None) {
            Py_DECREF(prepare);
            continue;
        }
        if (PyTuple_Check(item)) {
            tmp = PyObject_CallFunctionObjArgs(prepare, self, item, NULL);
        } else {
            PyObject *one = PyTuple_Pack(1, item);
            tmp = one != NULL ? PyObject_CallFunctionObjArgs(prepare, self, one, NULL) : NULL;
            Py_XDECREF(one);
        }
        Py_DECREF(prepare);
        Py_DECREF(item);
        item = tmp;
        if (item == NULL) {
            return NULL;
        }
    }
    return item;
}

/* OBJ[...] with its own __parameters__ replaced by the matching ARGITEMS (nested aliases such
 * as list[T] inside dict[str, list[T]]). New reference. */
static PyObject *
subs_tvars(PyObject *obj, PyObject *params, PyObject *const *argitems)
{
    PyObject *subparams;
    if (_PyObject_LookupAttr(obj, ID("__parameters__"), &subparams) < 0) {
        return NULL;
    }
    if (subparams == NULL || !PyTuple_Check(subparams) || PyTuple_GET_SIZE(subparams) == 0) {
        Py_XDECREF(subparams);
        return Py_NewRef(obj);
    }
    PyObject *subargs = PyList_New(0);
    for (Py_ssize_t i = 0; subargs != NULL && i < PyTuple_GET_SIZE(subparams); i++) {
        PyObject *arg = PyTuple_GET_ITEM(subparams, i);
        Py_ssize_t iparam = tuple_index(params, arg);
        if (iparam >= 0) {
            PyObject *param = PyTuple_GET_ITEM(params, iparam);
            arg = argitems[iparam];
            if (Py_TYPE(param)->tp_iter != NULL && PyTuple_Check(arg)) {
                /* a TypeVarTuple takes the whole tuple of types */
                if (PyList_SetSlice(subargs, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, arg) < 0) {
                    Py_CLEAR(subargs);
                }
                continue;
            }
        }
        if (PyList_Append(subargs, arg) < 0) {
            Py_CLEAR(subargs);
        }
    }
    Py_DECREF(subparams);
    if (subargs == NULL) {
        return NULL;
    }
    PyObject *t = PyList_AsTuple(subargs);
    Py_DECREF(subargs);
    if (t == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_GetItem(obj, t);
    Py_DECREF(t);
    return res;
}

/* The substituted value of one argument ARG; appended to NEWARGS (spliced when unpacked). */
static int
subs_one(PyObject *newargs, PyObject *arg, PyObject *params, PyObject *const *argitems)
{
    if (PyType_Check(arg)) {
        return PyList_Append(newargs, arg);
    }
    int unpack = is_unpacked_typevartuple(arg);
    if (unpack < 0) {
        return -1;
    }
    PyObject *subst;
    if (_PyObject_LookupAttr(arg, ID("__typing_subst__"), &subst) < 0) {
        return -1;
    }
    PyObject *v;
    if (subst != NULL) {
        Py_ssize_t iparam = tuple_index(params, arg);
        v = iparam >= 0 ? PyObject_CallOneArg(subst, argitems[iparam]) : Py_NewRef(arg);
        Py_DECREF(subst);
    } else {
        v = subs_tvars(arg, params, argitems);
    }
    if (v == NULL) {
        return -1;
    }
    int r;
    if (unpack && PyTuple_Check(v)) {
        r = PyList_SetSlice(newargs, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, v);
    } else {
        r = PyList_Append(newargs, v);
    }
    Py_DECREF(v);
    return r;
}

PyObject *
_Py_subs_parameters(PyObject *self, PyObject *args, PyObject *params, PyObject *item)
{
    Py_ssize_t nparams = PyTuple_GET_SIZE(params);
    if (nparams == 0) {
        return PyErr_Format(PyExc_TypeError, "%R is not a generic class", self);
    }
    item = unpack_args(item);
    if (item == NULL) {
        return NULL;
    }
    item = prepare_subst(self, params, item);
    if (item == NULL) {
        return NULL;
    }
    int is_tuple = PyTuple_Check(item);
    Py_ssize_t nitems = is_tuple ? PyTuple_GET_SIZE(item) : 1;
    PyObject *const *argitems = is_tuple ? &PyTuple_GET_ITEM(item, 0) : &item;
    if (nitems != nparams) {
        PyErr_Format(PyExc_TypeError, "Too %s arguments for %R; actual %zd, expected %zd",
                     nitems > nparams ? "many" : "few", self, nitems, nparams);
        Py_DECREF(item);
        return NULL;
    }
    PyObject *newargs = PyList_New(0);
    for (Py_ssize_t i = 0; newargs != NULL && i < PyTuple_GET_SIZE(args); i++) {
        if (subs_one(newargs, PyTuple_GET_ITEM(args, i), params, argitems) < 0) {
            Py_CLEAR(newargs);
        }
    }
    Py_DECREF(item);
    if (newargs == NULL) {
        return NULL;
    }
    PyObject *res = PyList_AsTuple(newargs);
    Py_DECREF(newargs);
    return res;
}

static PyObject *
ga_parameters(PyObject *self, void *Py_UNUSED(closure))
{
    gaobject *alias = GA(self);
    if (alias->parameters == NULL) {
        alias->parameters = _Py_make_parameters(alias->args);
        if (alias->parameters == NULL) {
            return NULL;
        }
    }
    return Py_NewRef(alias->parameters);
}

static PyObject *ga_new_alias(PyTypeObject *type, PyObject *origin, PyObject *args, int starred);

static PyObject *
ga_getitem(PyObject *self, PyObject *item)
{
    gaobject *alias = GA(self);
    PyObject *params = ga_parameters(self, NULL);
    if (params == NULL) {
        return NULL;
    }
    Py_DECREF(params);
    PyObject *newargs = _Py_subs_parameters(self, alias->args, alias->parameters, item);
    if (newargs == NULL) {
        return NULL;
    }
    PyObject *res = ga_new_alias(&Py_GenericAliasType, alias->origin, newargs, alias->starred);
    Py_DECREF(newargs);
    return res;
}

/* ---- attributes, methods and slots ------------------------------------------------------- */

static PyObject *
ga_getattro(PyObject *self, PyObject *name)
{
    if (PyUnicode_Check(name)) {
        int own = 0;
        for (const char *const *p = attr_exceptions; *p != NULL && !own; p++) {
            own = _PyUnicode_EqualToASCIIString(name, *p);
        }
        if (!own) {
            return PyObject_GetAttr(GA(self)->origin, name);
        }
    }
    return PyObject_GenericGetAttr(self, name);
}

static PyObject *
ga_unpacked_tuple_args(PyObject *self, void *Py_UNUSED(closure))
{
    gaobject *alias = GA(self);
    if (alias->starred && alias->origin == (PyObject *)&PyTuple_Type) {
        return Py_NewRef(alias->args);
    }
    Py_RETURN_NONE;
}

static PyObject *
ga_mro_entries(PyObject *self, PyObject *Py_UNUSED(bases))
{
    return PyTuple_Pack(1, GA(self)->origin);
}

static PyObject *
ga_instancecheck(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(obj))
{
    PyErr_SetString(PyExc_TypeError, "isinstance() argument 2 cannot be a parameterized generic");
    return NULL;
}

static PyObject *
ga_subclasscheck(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(obj))
{
    PyErr_SetString(PyExc_TypeError, "issubclass() argument 2 cannot be a parameterized generic");
    return NULL;
}

/* (GenericAlias, (origin, args)); the starred form pickles as next(iter(origin[args])). */
static PyObject *
ga_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    gaobject *alias = GA(self);
    if (alias->starred) {
        PyObject *tmp = Py_GenericAlias(alias->origin, alias->args);
        PyObject *it = tmp != NULL ? PyObject_GetIter(tmp) : NULL;
        Py_XDECREF(tmp);
        if (it == NULL) {
            return NULL;
        }
        PyObject *builtins = pyrs_eval_builtins();
        PyObject *next = builtins != NULL ? PyDict_GetItemString(builtins, "next") : NULL;
        if (next == NULL) {
            Py_DECREF(it);
            PyErr_SetString(PyExc_RuntimeError, "builtins.next is missing");
            return NULL;
        }
        return Py_BuildValue("O(N)", next, it);
    }
    return Py_BuildValue("O(OO)", (PyObject *)Py_TYPE(self), alias->origin, alias->args);
}

/* dir(origin) plus the attributes GenericAlias answers itself. */
static PyObject *
ga_dir(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *dir = PyObject_Dir(GA(self)->origin);
    if (dir == NULL) {
        return NULL;
    }
    for (const char *const *p = attr_exceptions; *p != NULL; p++) {
        PyObject *entry = PyUnicode_FromString(*p);
        int contains = entry != NULL ? PySequence_Contains(dir, entry) : -1;
        if (contains < 0 || (!contains && PyList_Append(dir, entry) < 0)) {
            Py_XDECREF(entry);
            Py_DECREF(dir);
            return NULL;
        }
        Py_DECREF(entry);
    }
    return dir;
}

static PyMethodDef ga_methods[] = {
    {"__mro_entries__", ga_mro_entries, METH_O, NULL},
    {"__instancecheck__", ga_instancecheck, METH_O, NULL},
    {"__subclasscheck__", ga_subclasscheck, METH_O, NULL},
    {"__reduce__", ga_reduce, METH_NOARGS, NULL},
    {"__dir__", ga_dir, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef ga_members[] = {
    {"__origin__", T_OBJECT, offsetof(gaobject, origin), READONLY, NULL},
    {"__args__", T_OBJECT, offsetof(gaobject, args), READONLY, NULL},
    {"__unpacked__", T_BOOL, offsetof(gaobject, starred), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef ga_properties[] = {
    {"__parameters__", ga_parameters, NULL, NULL, NULL},
    {"__typing_unpacked_tuple_args__", ga_unpacked_tuple_args, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* Calling the alias creates an origin instance and records the alias on it if it can. */
static PyObject *
ga_call(PyObject *self, PyObject *args, PyObject *kwds)
{
    PyObject *obj = PyObject_Call(GA(self)->origin, args, kwds);
    if (obj != NULL && PyObject_SetAttrString(obj, "__orig_class__", self) < 0) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError) &&
            !PyErr_ExceptionMatches(PyExc_TypeError)) {
            Py_DECREF(obj);
            return NULL;
        }
        PyErr_Clear();
    }
    return obj;
}

static PyObject *
ga_richcompare(PyObject *a, PyObject *b, int op)
{
    if (!GA_Check(b) || (op != Py_EQ && op != Py_NE)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (op == Py_NE) {
        PyObject *eq = ga_richcompare(a, b, Py_EQ);
        if (eq == NULL) {
            return NULL;
        }
        int t = PyObject_IsTrue(eq);
        Py_DECREF(eq);
        return t < 0 ? NULL : PyBool_FromLong(!t);
    }
    if (GA(a)->starred != GA(b)->starred) {
        Py_RETURN_FALSE;
    }
    int eq = PyObject_RichCompareBool(GA(a)->origin, GA(b)->origin, Py_EQ);
    if (eq <= 0) {
        return eq < 0 ? NULL : Py_NewRef(Py_False);
    }
    return PyObject_RichCompare(GA(a)->args, GA(b)->args, Py_EQ);
}

static Py_hash_t
ga_hash(PyObject *self)
{
    Py_hash_t h0 = PyObject_Hash(GA(self)->origin);
    if (h0 == -1) {
        return -1;
    }
    Py_hash_t h1 = PyObject_Hash(GA(self)->args);
    if (h1 == -1) {
        return -1;
    }
    return h0 ^ h1;
}

static int
ga_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(GA(self)->origin);
    Py_VISIT(GA(self)->args);
    Py_VISIT(GA(self)->parameters);
    return 0;
}

static int
ga_clear(PyObject *self)
{
    Py_CLEAR(GA(self)->origin);
    Py_CLEAR(GA(self)->args);
    Py_CLEAR(GA(self)->parameters);
    return 0;
}

static void
ga_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    if (GA(self)->weakreflist != NULL) {
        PyObject_ClearWeakRefs(self);
    }
    (void)ga_clear(self);
    Py_TYPE(self)->tp_free(self);
}

/* ---- iteration: *tuple[int] -------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *obj; /* the alias to star once, or NULL when exhausted */
} gaiterobject;

static PyObject *
ga_iter_next(PyObject *self)
{
    gaiterobject *gi = (gaiterobject *)self;
    if (gi->obj == NULL) {
        PyErr_SetNone(PyExc_StopIteration);
        return NULL;
    }
    PyObject *res = ga_new_alias(&Py_GenericAliasType, GA(gi->obj)->origin, GA(gi->obj)->args, 1);
    Py_CLEAR(gi->obj);
    return res;
}

static void
ga_iter_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_XDECREF(((gaiterobject *)self)->obj);
    PyObject_GC_Del(self);
}

static int
ga_iter_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((gaiterobject *)self)->obj);
    return 0;
}

static int
ga_iter_clear(PyObject *self)
{
    Py_CLEAR(((gaiterobject *)self)->obj);
    return 0;
}

/* iter(()) once exhausted, else iter(alias), which starts a fresh one-item iterator. */
static PyObject *
ga_iter_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    gaiterobject *gi = (gaiterobject *)self;
    PyObject *builtins = pyrs_eval_builtins();
    PyObject *iter = builtins != NULL ? PyDict_GetItemString(builtins, "iter") : NULL;
    if (iter == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "builtins.iter is missing");
        return NULL;
    }
    if (gi->obj != NULL) {
        return Py_BuildValue("O(O)", iter, gi->obj);
    }
    return Py_BuildValue("O(())", iter);
}

static PyMethodDef ga_iter_methods[] = {
    {"__reduce__", ga_iter_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject Py_GenericAliasIterType = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "generic_alias_iterator",
    .tp_basicsize = sizeof(gaiterobject),
    .tp_dealloc = ga_iter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_traverse = ga_iter_traverse,
    .tp_clear = ga_iter_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = ga_iter_next,
    .tp_methods = ga_iter_methods,
};

static PyObject *
ga_iter(PyObject *self)
{
    if (!(Py_GenericAliasIterType.tp_flags & Py_TPFLAGS_READY) &&
        PyType_Ready(&Py_GenericAliasIterType) < 0) {
        return NULL;
    }
    gaiterobject *gi = PyObject_GC_New(gaiterobject, &Py_GenericAliasIterType);
    if (gi == NULL) {
        return NULL;
    }
    gi->obj = Py_NewRef(self);
    PyObject_GC_Track(gi);
    return (PyObject *)gi;
}

/* ---- construction ---------------------------------------------------------------------- */

/* A new alias of TYPE (GenericAlias or a subclass): ARGS is wrapped in a 1-tuple unless it is
 * a tuple already. */
static PyObject *
ga_new_alias(PyTypeObject *type, PyObject *origin, PyObject *args, int starred)
{
    if (!(type->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(type) < 0) {
        return NULL;
    }
    PyObject *targs = PyTuple_Check(args) ? Py_NewRef(args) : PyTuple_Pack(1, args);
    if (targs == NULL) {
        return NULL;
    }
    gaobject *alias = (gaobject *)type->tp_alloc(type, 0);
    if (alias == NULL) {
        Py_DECREF(targs);
        return NULL;
    }
    alias->origin = Py_NewRef(origin);
    alias->args = targs;
    alias->parameters = NULL;
    alias->weakreflist = NULL;
    alias->starred = (char)(starred != 0);
    return (PyObject *)alias;
}

static PyObject *
ga_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if (!_PyArg_NoKeywords("GenericAlias", kwds)) {
        return NULL;
    }
    if (!_PyArg_CheckPositional("GenericAlias", PyTuple_GET_SIZE(args), 2, 2)) {
        return NULL;
    }
    return ga_new_alias(type, PyTuple_GET_ITEM(args, 0), PyTuple_GET_ITEM(args, 1), 0);
}

PyObject *
Py_GenericAlias(PyObject *origin, PyObject *args)
{
    return ga_new_alias(&Py_GenericAliasType, origin, args, 0);
}

static PyNumberMethods ga_as_number = {
    .nb_or = _Py_union_type_or,
};

static PyMappingMethods ga_as_mapping = {
    .mp_subscript = ga_getitem,
};

PyTypeObject Py_GenericAliasType = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "types.GenericAlias",
    .tp_basicsize = sizeof(gaobject),
    .tp_dealloc = ga_dealloc,
    .tp_repr = ga_repr,
    .tp_as_number = &ga_as_number,
    .tp_as_mapping = &ga_as_mapping,
    .tp_hash = ga_hash,
    .tp_call = ga_call,
    .tp_getattro = ga_getattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_traverse = ga_traverse,
    .tp_clear = ga_clear,
    .tp_richcompare = ga_richcompare,
    .tp_weaklistoffset = offsetof(gaobject, weakreflist),
    .tp_iter = ga_iter,
    .tp_methods = ga_methods,
    .tp_members = ga_members,
    .tp_getset = ga_properties,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = ga_new,
    .tp_free = PyObject_GC_Del,
};
