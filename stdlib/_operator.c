/* _operator.c: the _operator accelerator behind operator.py (every function of its __all__,
 * the in-place variants, attrgetter/itemgetter/methodcaller and _compare_digest), mirroring
 * CPython 3.11's Modules/_operator.c: same argument checks, reprs and __reduce__ results. */
#include "Python.h"
#include "pyrs/call.h"
#include "structmember.h"

/* ---- plain functions ------------------------------------------------------------------- */

#define UNARY(name, expr, doc)                                                                     \
    static PyObject *op_##name(PyObject *Py_UNUSED(m), PyObject *a)                                \
    {                                                                                              \
        return expr;                                                                               \
    }
#define BINARY(name, expr)                                                                         \
    static PyObject *op_##name(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)    \
    {                                                                                              \
        if (!_PyArg_CheckPositional(#name, nargs, 2, 2)) {                                         \
            return NULL;                                                                           \
        }                                                                                          \
        PyObject *a = args[0], *b = args[1];                                                       \
        return expr;                                                                               \
    }

static PyObject *
bool_result(int r)
{
    if (r < 0) {
        return NULL;
    }
    return Py_NewRef(r ? Py_True : Py_False);
}

static PyObject *
none_result(int r)
{
    if (r < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
ssize_result(Py_ssize_t r)
{
    return r < 0 && PyErr_Occurred() ? NULL : PyLong_FromSsize_t(r);
}

/* Refuses operands that are not sequences, as operator.concat does. */
static int
check_concat(PyObject *a)
{
    if (!PySequence_Check(a)) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object can't be concatenated", Py_TYPE(a)->tp_name);
        return -1;
    }
    return 0;
}

UNARY(truth, bool_result(PyObject_IsTrue(a)), "")
UNARY(not_, bool_result(PyObject_Not(a)), "")
UNARY(abs, PyNumber_Absolute(a), "")
UNARY(index, PyNumber_Index(a), "")
UNARY(inv, PyNumber_Invert(a), "")
UNARY(neg, PyNumber_Negative(a), "")
UNARY(pos, PyNumber_Positive(a), "")
BINARY(add, PyNumber_Add(a, b))
BINARY(sub, PyNumber_Subtract(a, b))
BINARY(mul, PyNumber_Multiply(a, b))
BINARY(matmul, PyNumber_MatrixMultiply(a, b))
BINARY(floordiv, PyNumber_FloorDivide(a, b))
BINARY(truediv, PyNumber_TrueDivide(a, b))
BINARY(mod, PyNumber_Remainder(a, b))
BINARY(lshift, PyNumber_Lshift(a, b))
BINARY(rshift, PyNumber_Rshift(a, b))
BINARY(and_, PyNumber_And(a, b))
BINARY(xor, PyNumber_Xor(a, b))
BINARY(or_, PyNumber_Or(a, b))
BINARY(pow, PyNumber_Power(a, b, Py_None))
BINARY(iadd, PyNumber_InPlaceAdd(a, b))
BINARY(isub, PyNumber_InPlaceSubtract(a, b))
BINARY(imul, PyNumber_InPlaceMultiply(a, b))
BINARY(imatmul, PyNumber_InPlaceMatrixMultiply(a, b))
BINARY(ifloordiv, PyNumber_InPlaceFloorDivide(a, b))
BINARY(itruediv, PyNumber_InPlaceTrueDivide(a, b))
BINARY(imod, PyNumber_InPlaceRemainder(a, b))
BINARY(ilshift, PyNumber_InPlaceLshift(a, b))
BINARY(irshift, PyNumber_InPlaceRshift(a, b))
BINARY(iand, PyNumber_InPlaceAnd(a, b))
BINARY(ixor, PyNumber_InPlaceXor(a, b))
BINARY(ior, PyNumber_InPlaceOr(a, b))
BINARY(ipow, PyNumber_InPlacePower(a, b, Py_None))
BINARY(concat, check_concat(a) < 0 ? NULL : PySequence_Concat(a, b))
BINARY(iconcat, check_concat(a) < 0 ? NULL : PySequence_InPlaceConcat(a, b))
BINARY(contains, bool_result(PySequence_Contains(a, b)))
BINARY(countOf, ssize_result(PySequence_Count(a, b)))
BINARY(indexOf, ssize_result(PySequence_Index(a, b)))
BINARY(getitem, PyObject_GetItem(a, b))
BINARY(delitem, none_result(PyObject_DelItem(a, b)))
BINARY(is_, Py_NewRef(a == b ? Py_True : Py_False))
BINARY(is_not, Py_NewRef(a != b ? Py_True : Py_False))
BINARY(lt, PyObject_RichCompare(a, b, Py_LT))
BINARY(le, PyObject_RichCompare(a, b, Py_LE))
BINARY(eq, PyObject_RichCompare(a, b, Py_EQ))
BINARY(ne, PyObject_RichCompare(a, b, Py_NE))
BINARY(gt, PyObject_RichCompare(a, b, Py_GT))
BINARY(ge, PyObject_RichCompare(a, b, Py_GE))

static PyObject *
op_setitem(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("setitem", nargs, 3, 3)) {
        return NULL;
    }
    return none_result(PyObject_SetItem(args[0], args[1], args[2]));
}

static PyObject *
op_length_hint(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t dflt = 0;
    if (!_PyArg_CheckPositional("length_hint", nargs, 1, 2)) {
        return NULL;
    }
    if (nargs == 2) {
        PyObject *idx = PyNumber_Index(args[1]);
        if (idx == NULL) {
            return NULL;
        }
        dflt = PyLong_AsSsize_t(idx);
        Py_DECREF(idx);
        if (dflt == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    return ssize_result(PyObject_LengthHint(args[0], dflt));
}

static PyObject *
op_call(PyObject *Py_UNUSED(m), PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (!_PyArg_CheckPositional("call", nargs, 1, PY_SSIZE_T_MAX)) {
        return NULL;
    }
    return PyObject_Vectorcall(args[0], args + 1, (size_t)(nargs - 1), kwnames);
}

/* Constant-time equality of two byte strings (time depends on the length of B only). */
static int
tscmp(const unsigned char *a, Py_ssize_t len_a, const unsigned char *b, Py_ssize_t len_b)
{
    volatile const unsigned char *left = len_a == len_b ? a : b;
    volatile const unsigned char *right = b;
    volatile unsigned char result = len_a != len_b;
    for (Py_ssize_t i = 0; i < len_b; i++) {
        result |= left[i] ^ right[i];
    }
    return result == 0;
}

static PyObject *
op_compare_digest(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("_compare_digest", nargs, 2, 2)) {
        return NULL;
    }
    PyObject *a = args[0], *b = args[1];
    if (PyUnicode_Check(a) && PyUnicode_Check(b)) {
        if (!PyUnicode_IS_ASCII(a) || !PyUnicode_IS_ASCII(b)) {
            PyErr_SetString(PyExc_TypeError,
                            "comparing strings with non-ASCII characters is not supported");
            return NULL;
        }
        int r = tscmp((const unsigned char *)PyUnicode_DATA(a), PyUnicode_GET_LENGTH(a),
                      (const unsigned char *)PyUnicode_DATA(b), PyUnicode_GET_LENGTH(b));
        return PyBool_FromLong(r);
    }
    if (!PyObject_CheckBuffer(a) && !PyObject_CheckBuffer(b)) {
        PyErr_Format(PyExc_TypeError,
                     "unsupported operand types(s) or combination of types: '%.100s' and "
                     "'%.100s'",
                     Py_TYPE(a)->tp_name, Py_TYPE(b)->tp_name);
        return NULL;
    }
    Py_buffer va, vb;
    if (PyObject_GetBuffer(a, &va, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    if (PyObject_GetBuffer(b, &vb, PyBUF_SIMPLE) < 0) {
        PyBuffer_Release(&va);
        return NULL;
    }
    int r = tscmp(va.buf, va.len, vb.buf, vb.len);
    PyBuffer_Release(&va);
    PyBuffer_Release(&vb);
    return PyBool_FromLong(r);
}

/* ---- attrgetter -------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    Py_ssize_t nattrs;         /* number of attribute paths */
    PyObject *attr;            /* tuple: per path an interned str, or a tuple of the parts */
    vectorcallfunc vectorcall; /* attrgetter_vectorcall */
} attrgetterobject;

static PyTypeObject attrgetter_type;
static PyObject *attrgetter_vectorcall(attrgetterobject *ag, PyObject *const *args, size_t nargsf,
                                       PyObject *kwnames);

/* NAME split at dots into a tuple of interned parts, or NAME itself interned. */
static PyObject *
split_dotted(PyObject *name)
{
    if (PyUnicode_FindChar(name, '.', 0, PyUnicode_GET_LENGTH(name), 1) < 0) {
        Py_INCREF(name);
        PyUnicode_InternInPlace(&name);
        return name;
    }
    PyObject *dot = PyUnicode_FromString(".");
    if (dot == NULL) {
        return NULL;
    }
    PyObject *parts = PyUnicode_Split(name, dot, -1);
    Py_DECREF(dot);
    if (parts == NULL) {
        return NULL;
    }
    PyObject *res = PyList_AsTuple(parts);
    Py_DECREF(parts);
    if (res == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(res); i++) {
        PyUnicode_InternInPlace(&((PyTupleObject *)res)->ob_item[i]);
    }
    return res;
}

static PyObject *
attrgetter_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if (!_PyArg_NoKeywords("attrgetter", kwds)) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < 1) {
        PyErr_SetString(PyExc_TypeError, "attrgetter expected 1 argument, got 0");
        return NULL;
    }
    PyObject *attr = PyTuple_New(n);
    if (attr == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(args, i);
        if (!PyUnicode_Check(item)) {
            PyErr_SetString(PyExc_TypeError, "attribute name must be a string");
            Py_DECREF(attr);
            return NULL;
        }
        PyObject *parts = split_dotted(item);
        if (parts == NULL) {
            Py_DECREF(attr);
            return NULL;
        }
        PyTuple_SET_ITEM(attr, i, parts);
    }
    attrgetterobject *ag = PyObject_GC_New(attrgetterobject, type);
    if (ag == NULL) {
        Py_DECREF(attr);
        return NULL;
    }
    ag->attr = attr;
    ag->nattrs = n;
    ag->vectorcall = (vectorcallfunc)attrgetter_vectorcall;
    PyObject_GC_Track(ag);
    return (PyObject *)ag;
}

static void
attrgetter_dealloc(attrgetterobject *ag)
{
    PyObject_GC_UnTrack(ag);
    Py_XDECREF(ag->attr);
    PyObject_GC_Del(ag);
}

static int
attrgetter_traverse(attrgetterobject *ag, visitproc visit, void *arg)
{
    Py_VISIT(ag->attr);
    return 0;
}

static PyObject *
dotted_getattr(PyObject *obj, PyObject *attr)
{
    if (PyTuple_CheckExact(attr)) {
        Py_INCREF(obj);
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(attr); i++) {
            PyObject *next = PyObject_GetAttr(obj, PyTuple_GET_ITEM(attr, i));
            Py_DECREF(obj);
            if (next == NULL) {
                return NULL;
            }
            obj = next;
        }
        return obj;
    }
    return PyObject_GetAttr(obj, attr);
}

/* Checks a getter's call: exactly one positional argument, no keywords. */
static PyObject *
single_arg(const char *name, PyObject *args, PyObject *kwds)
{
    if (!_PyArg_NoKeywords(name, kwds)) {
        return NULL;
    }
    if (!_PyArg_CheckPositional(name, PyTuple_GET_SIZE(args), 1, 1)) {
        return NULL;
    }
    return PyTuple_GET_ITEM(args, 0);
}

static PyObject *
attrgetter_apply(attrgetterobject *ag, PyObject *obj)
{
    if (ag->nattrs == 1) {
        return dotted_getattr(obj, PyTuple_GET_ITEM(ag->attr, 0));
    }
    PyObject *res = PyTuple_New(ag->nattrs);
    if (res == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < ag->nattrs; i++) {
        PyObject *v = dotted_getattr(obj, PyTuple_GET_ITEM(ag->attr, i));
        if (v == NULL) {
            Py_DECREF(res);
            return NULL;
        }
        PyTuple_SET_ITEM(res, i, v);
    }
    return res;
}

static PyObject *
attrgetter_call(attrgetterobject *ag, PyObject *args, PyObject *kwds)
{
    PyObject *obj = single_arg("attrgetter", args, kwds);
    return obj == NULL ? NULL : attrgetter_apply(ag, obj);
}

/* Checks a getter's vectorcall: one positional argument and no keywords. */
static int
single_vector_arg(const char *name, size_t nargsf, PyObject *kwnames)
{
    if (!_PyArg_NoKwnames(name, kwnames)) {
        return -1;
    }
    return _PyArg_CheckPositional(name, PyVectorcall_NARGS(nargsf), 1, 1) ? 0 : -1;
}

static PyObject *
attrgetter_vectorcall(attrgetterobject *ag, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    if (single_vector_arg("attrgetter", nargsf, kwnames) < 0) {
        return NULL;
    }
    return attrgetter_apply(ag, args[0]);
}

/* The attribute paths as the dotted strings given to the constructor (a new tuple). */
static PyObject *
attrgetter_args(attrgetterobject *ag)
{
    PyObject *res = PyTuple_New(ag->nattrs);
    if (res == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < ag->nattrs; i++) {
        PyObject *a = PyTuple_GET_ITEM(ag->attr, i), *s;
        if (PyTuple_CheckExact(a)) {
            PyObject *dot = PyUnicode_FromString(".");
            s = dot == NULL ? NULL : PyUnicode_Join(dot, a);
            Py_XDECREF(dot);
        } else {
            s = Py_NewRef(a);
        }
        if (s == NULL) {
            Py_DECREF(res);
            return NULL;
        }
        PyTuple_SET_ITEM(res, i, s);
    }
    return res;
}

/* "operator.NAME(r1, r2, ...)" from the reprs of the items of ARGS (and KW as k=v). */
static PyObject *
call_repr(PyObject *self, const char *name, PyObject *args, PyObject *kw)
{
    int status = Py_ReprEnter(self);
    if (status != 0) {
        return status < 0 ? NULL : PyUnicode_FromFormat("%s(...)", Py_TYPE(self)->tp_name);
    }
    PyObject *parts = PyList_New(0), *res = NULL, *sep = NULL, *joined = NULL;
    if (parts == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *r = PyObject_Repr(PyTuple_GET_ITEM(args, i));
        if (r == NULL || PyList_Append(parts, r) < 0) {
            Py_XDECREF(r);
            goto done;
        }
        Py_DECREF(r);
    }
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (kw != NULL && PyDict_Next(kw, &pos, &k, &v)) {
        PyObject *r = PyUnicode_FromFormat("%U=%R", k, v);
        if (r == NULL || PyList_Append(parts, r) < 0) {
            Py_XDECREF(r);
            goto done;
        }
        Py_DECREF(r);
    }
    sep = PyUnicode_FromString(", ");
    joined = sep == NULL ? NULL : PyUnicode_Join(sep, parts);
    if (joined != NULL) {
        res = PyUnicode_FromFormat("%s(%U)", name, joined);
    }
done:
    Py_XDECREF(parts);
    Py_XDECREF(sep);
    Py_XDECREF(joined);
    Py_ReprLeave(self);
    return res;
}

static PyObject *
attrgetter_repr(attrgetterobject *ag)
{
    PyObject *args = attrgetter_args(ag);
    if (args == NULL) {
        return NULL;
    }
    PyObject *res = call_repr((PyObject *)ag, "operator.attrgetter", args, NULL);
    Py_DECREF(args);
    return res;
}

static PyObject *
attrgetter_reduce(attrgetterobject *ag, PyObject *Py_UNUSED(ignored))
{
    PyObject *args = attrgetter_args(ag);
    if (args == NULL) {
        return NULL;
    }
    return Py_BuildValue("ON", Py_TYPE(ag), args);
}

static PyMethodDef attrgetter_methods[] = {
    {"__reduce__", (PyCFunction)attrgetter_reduce, METH_NOARGS,
     "Return state information for pickling"},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef attrgetter_members[] = {
    {"__vectorcalloffset__", T_PYSSIZET, offsetof(attrgetterobject, vectorcall), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject attrgetter_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "operator.attrgetter",
    .tp_basicsize = sizeof(attrgetterobject),
    .tp_vectorcall_offset = offsetof(attrgetterobject, vectorcall),
    .tp_dealloc = (destructor)attrgetter_dealloc,
    .tp_repr = (reprfunc)attrgetter_repr,
    .tp_call = (ternaryfunc)attrgetter_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "attrgetter(attr, ...) --> attrgetter object\n\nReturn a callable object that "
              "fetches the given attribute(s) from its operand.\nAfter f = attrgetter('name'), "
              "the call f(r) returns r.name.\nAfter g = attrgetter('name', 'date'), the call "
              "g(r) returns (r.name, r.date).\nAfter h = attrgetter('name.first', 'name.last'), "
              "the call h(r) returns\n(r.name.first, r.name.last).",
    .tp_traverse = (traverseproc)attrgetter_traverse,
    .tp_methods = attrgetter_methods,
    .tp_members = attrgetter_members,
    .tp_new = attrgetter_new,
};

/* ---- itemgetter -------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    Py_ssize_t nitems;         /* number of keys */
    PyObject *item;            /* the single key, or the tuple of keys when nitems > 1 */
    vectorcallfunc vectorcall; /* itemgetter_vectorcall */
} itemgetterobject;

static PyObject *itemgetter_vectorcall(itemgetterobject *ig, PyObject *const *args, size_t nargsf,
                                       PyObject *kwnames);

static PyObject *
itemgetter_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if (!_PyArg_NoKeywords("itemgetter", kwds)) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < 1) {
        PyErr_SetString(PyExc_TypeError, "itemgetter expected 1 argument, got 0");
        return NULL;
    }
    itemgetterobject *ig = PyObject_GC_New(itemgetterobject, type);
    if (ig == NULL) {
        return NULL;
    }
    ig->item = Py_NewRef(n == 1 ? PyTuple_GET_ITEM(args, 0) : args);
    ig->nitems = n;
    ig->vectorcall = (vectorcallfunc)itemgetter_vectorcall;
    PyObject_GC_Track(ig);
    return (PyObject *)ig;
}

static void
itemgetter_dealloc(itemgetterobject *ig)
{
    PyObject_GC_UnTrack(ig);
    Py_XDECREF(ig->item);
    PyObject_GC_Del(ig);
}

static int
itemgetter_traverse(itemgetterobject *ig, visitproc visit, void *arg)
{
    Py_VISIT(ig->item);
    return 0;
}

static PyObject *
itemgetter_apply(itemgetterobject *ig, PyObject *obj)
{
    if (ig->nitems == 1) {
        return PyObject_GetItem(obj, ig->item);
    }
    PyObject *res = PyTuple_New(ig->nitems);
    if (res == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < ig->nitems; i++) {
        PyObject *v = PyObject_GetItem(obj, PyTuple_GET_ITEM(ig->item, i));
        if (v == NULL) {
            Py_DECREF(res);
            return NULL;
        }
        PyTuple_SET_ITEM(res, i, v);
    }
    return res;
}

static PyObject *
itemgetter_call(itemgetterobject *ig, PyObject *args, PyObject *kwds)
{
    PyObject *obj = single_arg("itemgetter", args, kwds);
    return obj == NULL ? NULL : itemgetter_apply(ig, obj);
}

static PyObject *
itemgetter_vectorcall(itemgetterobject *ig, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    if (single_vector_arg("itemgetter", nargsf, kwnames) < 0) {
        return NULL;
    }
    return itemgetter_apply(ig, args[0]);
}

static PyObject *
itemgetter_repr(itemgetterobject *ig)
{
    PyObject *args = ig->nitems == 1 ? PyTuple_Pack(1, ig->item) : Py_NewRef(ig->item);
    if (args == NULL) {
        return NULL;
    }
    PyObject *res = call_repr((PyObject *)ig, "operator.itemgetter", args, NULL);
    Py_DECREF(args);
    return res;
}

static PyObject *
itemgetter_reduce(itemgetterobject *ig, PyObject *Py_UNUSED(ignored))
{
    if (ig->nitems == 1) {
        return Py_BuildValue("O(O)", Py_TYPE(ig), ig->item);
    }
    return PyTuple_Pack(2, Py_TYPE(ig), ig->item);
}

static PyMethodDef itemgetter_methods[] = {
    {"__reduce__", (PyCFunction)itemgetter_reduce, METH_NOARGS,
     "Return state information for pickling"},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef itemgetter_members[] = {
    {"__vectorcalloffset__", T_PYSSIZET, offsetof(itemgetterobject, vectorcall), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject itemgetter_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "operator.itemgetter",
    .tp_basicsize = sizeof(itemgetterobject),
    .tp_vectorcall_offset = offsetof(itemgetterobject, vectorcall),
    .tp_dealloc = (destructor)itemgetter_dealloc,
    .tp_repr = (reprfunc)itemgetter_repr,
    .tp_call = (ternaryfunc)itemgetter_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "itemgetter(item, ...) --> itemgetter object\n\nReturn a callable object that "
              "fetches the given item(s) from its operand.\nAfter f = itemgetter(2), the call "
              "f(r) returns r[2].\nAfter g = itemgetter(2, 5, 3), the call g(r) returns (r[2], "
              "r[5], r[3])",
    .tp_traverse = (traverseproc)itemgetter_traverse,
    .tp_methods = itemgetter_methods,
    .tp_members = itemgetter_members,
    .tp_new = itemgetter_new,
};

/* ---- methodcaller ------------------------------------------------------------------------ */

typedef struct {
    PyObject_HEAD
    PyObject *name;   /* interned method name */
    PyObject *args;   /* tuple of positional arguments */
    PyObject *kwargs; /* dict of keyword arguments (possibly empty) */
} methodcallerobject;

static PyObject *
methodcaller_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if (PyTuple_GET_SIZE(args) < 1) {
        PyErr_SetString(PyExc_TypeError,
                        "methodcaller needs at least one argument, the method name");
        return NULL;
    }
    PyObject *name = PyTuple_GET_ITEM(args, 0);
    if (!PyUnicode_Check(name)) {
        PyErr_SetString(PyExc_TypeError, "method name must be a string");
        return NULL;
    }
    methodcallerobject *mc = PyObject_GC_New(methodcallerobject, type);
    if (mc == NULL) {
        return NULL;
    }
    Py_INCREF(name);
    PyUnicode_InternInPlace(&name);
    mc->name = name;
    mc->args = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
    mc->kwargs = kwds != NULL ? PyDict_Copy(kwds) : PyDict_New();
    if (mc->args == NULL || mc->kwargs == NULL) {
        Py_DECREF(mc);
        return NULL;
    }
    PyObject_GC_Track(mc);
    return (PyObject *)mc;
}

static void
methodcaller_dealloc(methodcallerobject *mc)
{
    PyObject_GC_UnTrack(mc);
    Py_XDECREF(mc->name);
    Py_XDECREF(mc->args);
    Py_XDECREF(mc->kwargs);
    PyObject_GC_Del(mc);
}

static int
methodcaller_traverse(methodcallerobject *mc, visitproc visit, void *arg)
{
    Py_VISIT(mc->name);
    Py_VISIT(mc->args);
    Py_VISIT(mc->kwargs);
    return 0;
}

static PyObject *
methodcaller_call(methodcallerobject *mc, PyObject *args, PyObject *kwds)
{
    PyObject *obj = single_arg("methodcaller", args, kwds);
    if (obj == NULL) {
        return NULL;
    }
    PyObject *meth = PyObject_GetAttr(obj, mc->name);
    if (meth == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_Call(meth, mc->args, mc->kwargs);
    Py_DECREF(meth);
    return res;
}

static PyObject *
methodcaller_repr(methodcallerobject *mc)
{
    PyObject *args = PyTuple_New(PyTuple_GET_SIZE(mc->args) + 1);
    if (args == NULL) {
        return NULL;
    }
    PyTuple_SET_ITEM(args, 0, Py_NewRef(mc->name));
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mc->args); i++) {
        PyTuple_SET_ITEM(args, i + 1, Py_NewRef(PyTuple_GET_ITEM(mc->args, i)));
    }
    PyObject *res = call_repr((PyObject *)mc, "operator.methodcaller", args, mc->kwargs);
    Py_DECREF(args);
    return res;
}

static PyObject *
methodcaller_reduce(methodcallerobject *mc, PyObject *Py_UNUSED(ignored))
{
    if (PyDict_GET_SIZE(mc->kwargs) == 0) {
        PyObject *args = PyTuple_New(PyTuple_GET_SIZE(mc->args) + 1);
        if (args == NULL) {
            return NULL;
        }
        PyTuple_SET_ITEM(args, 0, Py_NewRef(mc->name));
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mc->args); i++) {
            PyTuple_SET_ITEM(args, i + 1, Py_NewRef(PyTuple_GET_ITEM(mc->args, i)));
        }
        return Py_BuildValue("ON", Py_TYPE(mc), args);
    }
    /* Keywords go through functools.partial(methodcaller, name, **kwargs). */
    PyObject *functools = PyImport_ImportModule("functools");
    if (functools == NULL) {
        return NULL;
    }
    PyObject *partial = PyObject_GetAttrString(functools, "partial");
    Py_DECREF(functools);
    if (partial == NULL) {
        return NULL;
    }
    PyObject *pargs[2] = {(PyObject *)Py_TYPE(mc), mc->name};
    PyObject *ctor = PyObject_VectorcallDict(partial, pargs, 2, mc->kwargs);
    Py_DECREF(partial);
    if (ctor == NULL) {
        return NULL;
    }
    return Py_BuildValue("NO", ctor, mc->args);
}

static PyMethodDef methodcaller_methods[] = {
    {"__reduce__", (PyCFunction)methodcaller_reduce, METH_NOARGS,
     "Return state information for pickling"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject methodcaller_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "operator.methodcaller",
    .tp_basicsize = sizeof(methodcallerobject),
    .tp_dealloc = (destructor)methodcaller_dealloc,
    .tp_repr = (reprfunc)methodcaller_repr,
    .tp_call = (ternaryfunc)methodcaller_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "methodcaller(name, ...) --> methodcaller object\n\nReturn a callable object "
              "that calls the given method on its operand.\nAfter f = methodcaller('name'), the "
              "call f(r) returns r.name().\nAfter g = methodcaller('name', 'date', foo=1), the "
              "call g(r) returns\nr.name('date', foo=1).",
    .tp_traverse = (traverseproc)methodcaller_traverse,
    .tp_methods = methodcaller_methods,
    .tp_new = methodcaller_new,
};

/* ---- the module -------------------------------------------------------------------------- */

/* Method table entries with CPython's text signatures ($module, a[, b], /). */
#define F1(name, doc)                                                                              \
    {                                                                                              \
#name, op_##name, METH_O, #name "($module, a, /)\n--\n\n" doc                              \
    }
#define F2(name, doc)                                                                              \
    {                                                                                              \
#name, (PyCFunction)(void (*)(void))op_##name, METH_FASTCALL,                              \
            #name "($module, a, b, /)\n--\n\n" doc                                                 \
    }

static PyMethodDef operator_methods[] = {
    F1(truth, "Return True if a is true, False otherwise."),
    F2(contains, "Same as b in a (note reversed operands)."),
    F2(indexOf, "Return the first index of b in a."),
    F2(countOf, "Return the number of items in a which are, or which equal, b."),
    F1(not_, "Same as not a."),
    F2(is_, "Same as a is b."),
    F2(is_not, "Same as a is not b."),
    F1(index, "Same as a.__index__()"),
    F2(add, "Same as a + b."),
    F2(sub, "Same as a - b."),
    F2(mul, "Same as a * b."),
    F2(matmul, "Same as a @ b."),
    F2(floordiv, "Same as a // b."),
    F2(truediv, "Same as a / b."),
    F2(mod, "Same as a % b."),
    F1(neg, "Same as -a."),
    F1(pos, "Same as +a."),
    F1(abs, "Same as abs(a)."),
    F1(inv, "Same as ~a."),
    {"invert", op_inv, METH_O, "invert($module, a, /)\n--\n\nSame as ~a."},
    F2(lshift, "Same as a << b."),
    F2(rshift, "Same as a >> b."),
    F2(and_, "Same as a & b."),
    F2(xor, "Same as a ^ b."),
    F2(or_, "Same as a | b."),
    F2(iadd, "Same as a += b."),
    F2(isub, "Same as a -= b."),
    F2(imul, "Same as a *= b."),
    F2(imatmul, "Same as a @= b."),
    F2(ifloordiv, "Same as a //= b."),
    F2(itruediv, "Same as a /= b."),
    F2(imod, "Same as a %= b."),
    F2(ilshift, "Same as a <<= b."),
    F2(irshift, "Same as a >>= b."),
    F2(iand, "Same as a &= b."),
    F2(ixor, "Same as a ^= b."),
    F2(ior, "Same as a |= b."),
    F2(concat, "Same as a + b, for a and b sequences."),
    F2(iconcat, "Same as a += b, for a and b sequences."),
    F2(getitem, "Same as a[b]."),
    {"setitem", (PyCFunction)(void (*)(void))op_setitem, METH_FASTCALL,
     "setitem($module, a, b, c, /)\n--\n\nSame as a[b] = c."},
    F2(delitem, "Same as del a[b]."),
    F2(pow, "Same as a ** b."),
    F2(ipow, "Same as a **= b."),
    F2(eq, "Same as a == b."),
    F2(ne, "Same as a != b."),
    F2(lt, "Same as a < b."),
    F2(le, "Same as a <= b."),
    F2(gt, "Same as a > b."),
    F2(ge, "Same as a >= b."),
    {"_compare_digest", (PyCFunction)(void (*)(void))op_compare_digest, METH_FASTCALL,
     "_compare_digest($module, a, b, /)\n--\n\nReturn 'a == b'.\n\nThis function uses an approach "
     "designed to prevent\ntiming analysis, "
     "making it appropriate for cryptography.\n\na and b must both be of the same type: either "
     "str (ASCII only),\nor any bytes-like object.\n\nNote: If a and b are of different lengths, "
     "or if an error occurs,\na timing attack could theoretically reveal information about the\n"
     "types and lengths of a and b--but not their values."},
    {"length_hint", (PyCFunction)(void (*)(void))op_length_hint, METH_FASTCALL,
     "length_hint($module, obj, default=0, /)\n--\n\nReturn an estimate of the number of items in "
     "obj.\n\nThis is useful for "
     "presizing containers when building from an iterable.\n\nIf the object "
     "supports len(), the result will be exact.\nOtherwise, it may over- or "
     "under-estimate by an arbitrary amount.\nThe result will be an integer >= 0."},
    {"call", (PyCFunction)(void (*)(void))op_call, METH_FASTCALL | METH_KEYWORDS,
     "call($module, obj, /, *args, **kwargs)\n--\n\nSame as obj(*args, **kwargs)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef operator_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_operator",
    .m_doc = "Operator interface.\n\nThis module exports a set of functions implemented in C "
             "corresponding\nto the intrinsic operators of Python.  For example, "
             "operator.add(x, y)\nis equivalent to the expression x+y.  The function names are "
             "those\nused for special methods; variants without leading and trailing\n'__' are "
             "also provided for convenience.",
    .m_size = 0,
    .m_methods = operator_methods,
};

PyMODINIT_FUNC PyInit__operator(void);

/* Module init: a new module object with the three getter types, or NULL with an exception. */
PyMODINIT_FUNC
PyInit__operator(void)
{
    PyObject *m = PyModule_Create(&operator_module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddType(m, &attrgetter_type) < 0 || PyModule_AddType(m, &itemgetter_type) < 0 ||
        PyModule_AddType(m, &methodcaller_type) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
