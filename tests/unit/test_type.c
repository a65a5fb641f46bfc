/* test_type.c: object, type and the descriptor machinery through the C-API: heap types built
 * with type(name, bases, dict) whose dunders are builtin method descriptors, C3 MRO and its
 * errors, __slots__, slot wrappers both ways, descriptor precedence, property, super, and
 * error messages. Expected strings come from gen_type_expect.py (the oracle). */
#include "Python.h"
#include "harness.h"
#include "pyrs/lifecycle.h"
#include "type_expect.h"

static char outbuf[8192];

/* repr(RES), or "ExcType: message" when RES is NULL; consumes RES and clears the error. */
static const char *
outcome(PyObject *res)
{
    if (res == NULL) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        if (t == NULL) {
            snprintf(outbuf, sizeof(outbuf), "<NULL without exception>");
            return outbuf;
        }
        PyErr_NormalizeException(&t, &v, &tb);
        PyObject *msg = v != NULL ? PyObject_Str(v) : NULL;
        const char *m = msg != NULL ? PyUnicode_AsUTF8(msg) : "<unprintable>";
        snprintf(outbuf, sizeof(outbuf), "%s: %s", ((PyTypeObject *)t)->tp_name, m);
        Py_XDECREF(msg);
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
        PyErr_Clear();
        return outbuf;
    }
    PyObject *r = PyObject_Repr(res);
    Py_DECREF(res);
    if (r == NULL) {
        PyErr_Clear();
        return "<repr failed>";
    }
    snprintf(outbuf, sizeof(outbuf), "%s", PyUnicode_AsUTF8(r));
    Py_DECREF(r);
    return outbuf;
}

/* None for 0, NULL for -1 (so int-returning calls go through outcome()). */
static PyObject *
status(int rc)
{
    if (rc < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
str(const char *s)
{
    return PyUnicode_FromString(s);
}

/* ---- the C functions standing in for the oracle script's Python functions ---- */

#define MARKER(fname, text)                                                                        \
    static PyObject *fname(PyObject *self, PyObject *args)                                         \
    {                                                                                              \
        (void)self;                                                                                \
        (void)args;                                                                                \
        return PyUnicode_FromString(text);                                                         \
    }                                                                                              \
    static PyMethodDef fname##_def = {#fname, fname, METH_VARARGS, NULL};

MARKER(L_add, "L.add")
MARKER(L_radd, "L.radd")
MARKER(R_radd, "R.radd")
MARKER(L_neg, "L.neg")
MARKER(L_getitem, "L.getitem")
MARKER(L_call, "L.call")
MARKER(L_repr, "L.repr")
MARKER(H_eq, "H.eq")
MARKER(A3_who, "A3.who")
MARKER(B3_who, "B3.who")
MARKER(Q_neg, "Q.neg")
MARKER(R_reduce, "R.reduce")

#define RETURNS(fname, expr)                                                                       \
    static PyObject *fname(PyObject *self, PyObject *args)                                         \
    {                                                                                              \
        (void)self;                                                                                \
        (void)args;                                                                                \
        return expr;                                                                               \
    }                                                                                              \
    static PyMethodDef fname##_def = {#fname, fname, METH_VARARGS, NULL};

RETURNS(not_implemented, Py_NewRef(Py_NotImplemented))
RETURNS(ret_3, PyLong_FromLong(3))
RETURNS(ret_m1, PyLong_FromLong(-1))
RETURNS(ret_0, PyLong_FromLong(0))
RETURNS(ret_1, PyLong_FromLong(1))
RETURNS(ret_5, PyLong_FromLong(5))
RETURNS(ret_x, PyUnicode_FromString("x"))
RETURNS(ret_true, Py_NewRef(Py_True))

static PyObject *
getter_42(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(obj))
{
    return PyLong_FromLong(42);
}
static PyMethodDef getter_42_def = {"getter_42", getter_42, METH_O, NULL};

/* A method descriptor (binds like a Python function) for DEF. */
static PyObject *
meth(PyMethodDef *def)
{
    return PyDescr_NewMethod(&PyBaseObject_Type, def);
}

/* type(NAME, BASES, {'__module__': 'm', key: value, ...}); the variadic list is
 * NULL-terminated key/value pairs whose values are stolen. BASES is stolen (NULL: ()). */
static PyObject *
make_class_in(PyObject *metatype, const char *name, PyObject *bases, va_list va)
{
    PyObject *dict = PyDict_New();
    PyObject *mod = str("m");
    PyDict_SetItemString(dict, "__module__", mod);
    Py_DECREF(mod);
    const char *key;
    while ((key = va_arg(va, const char *)) != NULL) {
        PyObject *value = va_arg(va, PyObject *);
        if (value == NULL) {
            Py_DECREF(dict);
            Py_XDECREF(bases);
            return NULL;
        }
        PyDict_SetItemString(dict, key, value);
        Py_DECREF(value);
    }
    if (bases == NULL) {
        bases = PyTuple_New(0);
    }
    PyObject *pname = str(name);
    PyObject *res = PyObject_CallFunctionObjArgs(metatype, pname, bases, dict, NULL);
    Py_DECREF(pname);
    Py_DECREF(bases);
    Py_DECREF(dict);
    return res;
}

static PyObject *
make_class(const char *name, PyObject *bases, ...)
{
    va_list va;
    va_start(va, bases);
    PyObject *res = make_class_in((PyObject *)&PyType_Type, name, bases, va);
    va_end(va);
    return res;
}

static PyObject *
make_class_meta(PyObject *meta, const char *name, PyObject *bases, ...)
{
    va_list va;
    va_start(va, bases);
    PyObject *res = make_class_in(meta, name, bases, va);
    va_end(va);
    return res;
}

static PyObject *
tuple1(PyObject *a)
{
    return PyTuple_Pack(1, a);
}

static PyObject *
tuple2(PyObject *a, PyObject *b)
{
    return PyTuple_Pack(2, a, b);
}

static PyObject *
call0(PyObject *c)
{
    return c == NULL ? NULL : PyObject_CallNoArgs(c);
}

static PyObject *
slots(const char *a, const char *b)
{
    PyObject *sa = str(a);
    PyObject *res = b == NULL ? PyTuple_Pack(1, sa) : NULL;
    if (b != NULL) {
        PyObject *sb = str(b);
        res = PyTuple_Pack(2, sa, sb);
        Py_DECREF(sb);
    }
    Py_DECREF(sa);
    return res;
}

/* [k.__name__ for k in SEQ] */
static PyObject *
names_of(PyObject *seq)
{
    if (seq == NULL) {
        return NULL;
    }
    PyObject *list = PyList_New(0);
    PyObject *it = PyObject_GetIter(seq);
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {
        PyObject *n = PyObject_GetAttrString(item, "__name__");
        PyList_Append(list, n);
        Py_DECREF(n);
        Py_DECREF(item);
    }
    Py_DECREF(it);
    Py_DECREF(seq);
    return list;
}

static PyObject *O, *A, *B, *C;
static PyObject *name_subclasses;

static void
test_singletons(void)
{
    CHECK_EQ_STR(outcome(PyObject_Repr(Py_None)), TX_REPR_NONE);
    CHECK_EQ_STR(outcome(PyObject_Repr(Py_NotImplemented)), TX_REPR_NOTIMPL);
    CHECK_EQ_STR(outcome(PyObject_Repr(Py_Ellipsis)), TX_REPR_ELLIPSIS);
    CHECK_EQ_STR(outcome(PyBool_FromLong(PyObject_IsTrue(Py_None))), TX_NONE_BOOL);
    PyObject *one = PyLong_FromLong(1);
    CHECK_EQ_STR(outcome(PyObject_CallOneArg((PyObject *)Py_TYPE(Py_None), one)),
                 TX_NONETYPE_CALL_ARGS);
    CHECK(PyObject_CallNoArgs((PyObject *)Py_TYPE(Py_None)) == Py_None);
    Py_DECREF(one);
    CHECK(PyObject_Hash(Py_None) != -1);
}

static void
test_mro(void)
{
    CHECK_EQ_STR(outcome(PyObject_Repr(A)), TX_REPR_CLASS_A);
    CHECK_EQ_STR(outcome(PyObject_Repr((PyObject *)&PyType_Type)), TX_REPR_TYPE);
    CHECK_EQ_STR(outcome(names_of(PyObject_GetAttrString(C, "__mro__"))), TX_MRO_C);
    PyObject *X = make_class("X", tuple2(A, B), NULL);
    PyObject *Y = make_class("Y", tuple2(B, A), NULL);
    CHECK_EQ_STR(outcome(make_class("Z", tuple2(X, Y), NULL)), TX_MRO_CONFLICT);
    CHECK_EQ_STR(outcome(make_class("D", tuple2(A, A), NULL)), TX_DUP_BASE);
    CHECK_EQ_STR(outcome(make_class(
                     "E", tuple2((PyObject *)&PyLong_Type, (PyObject *)&PyUnicode_Type), NULL)),
                 TX_LAYOUT_CONFLICT);
    CHECK_EQ_STR(outcome(make_class("F", tuple1((PyObject *)&PyBool_Type), NULL)), TX_BAD_BASE);
    PyObject *M1 = make_class("M1", tuple1((PyObject *)&PyType_Type), NULL);
    PyObject *M2 = make_class("M2", tuple1((PyObject *)&PyType_Type), NULL);
    PyObject *X1 = make_class_meta(M1, "X1", NULL, NULL);
    PyObject *X2 = make_class_meta(M2, "X2", NULL, NULL);
    CHECK(X1 != NULL && Py_TYPE(X1) == (PyTypeObject *)M1);
    CHECK_EQ_STR(outcome(make_class("G", tuple2(X1, X2), NULL)), TX_META_CONFLICT);
    CHECK_EQ_STR(outcome(names_of(PyObject_CallMethodNoArgs(O, name_subclasses))), TX_SUBCLASSES);
    Py_XDECREF(X);
    Py_XDECREF(Y);
    Py_XDECREF(X1);
    Py_XDECREF(X2);
    Py_XDECREF(M1);
    Py_XDECREF(M2);
}

static void
test_type_call_errors(void)
{
    PyObject *tp = (PyObject *)&PyType_Type;
    PyObject *a = str("a"), *one = PyLong_FromLong(1), *empty = PyTuple_New(0), *d = PyDict_New();
    CHECK_EQ_STR(outcome(PyObject_CallFunctionObjArgs(tp, a, empty, NULL)), TX_TYPE_ARGS);
    CHECK_EQ_STR(outcome(PyObject_CallFunctionObjArgs(tp, one, empty, d, NULL)), TX_TYPE_ARG1);
    CHECK_EQ_STR(outcome(PyObject_CallFunctionObjArgs(tp, a, one, d, NULL)), TX_TYPE_ARG2);
    CHECK_EQ_STR(outcome(PyObject_CallFunctionObjArgs(tp, a, empty, one, NULL)), TX_TYPE_ARG3);
    CHECK(PyObject_CallOneArg(tp, one) == (PyObject *)&PyLong_Type);
    Py_DECREF(&PyLong_Type);
    CHECK_EQ_STR(outcome(PyObject_CallOneArg((PyObject *)&PyBaseObject_Type, one)), TX_OBJECT_ARGS);
    PyObject *K = make_class("K", NULL, NULL);
    CHECK_EQ_STR(outcome(K == NULL ? NULL : PyObject_CallOneArg(K, one)), TX_CLASS_NO_ARGS);
    /* type('Q', (), {'__module__': 'm'}, x=1) */
    PyObject *q = str("Q"), *kw = PyDict_New(), *md = PyDict_New(), *m = str("m");
    PyDict_SetItemString(kw, "x", one);
    PyDict_SetItemString(md, "__module__", m);
    PyObject *args = PyTuple_Pack(3, q, empty, md);
    CHECK_EQ_STR(outcome(PyObject_Call(tp, args, kw)), TX_INIT_SUBCLASS_KW);
    Py_DECREF(args);
    Py_DECREF(q);
    Py_DECREF(kw);
    Py_DECREF(md);
    Py_DECREF(m);
    Py_XDECREF(K);
    Py_DECREF(a);
    Py_DECREF(one);
    Py_DECREF(empty);
    Py_DECREF(d);
}

static void
test_slots(void)
{
    PyObject *S = make_class("S", NULL, "__slots__", slots("a", "b"), NULL);
    CHECK(S != NULL);
    PyObject *s = call0(S);
    PyObject *one = PyLong_FromLong(1), *five = PyLong_FromLong(5);
    CHECK_EQ_STR(outcome(status(PyObject_SetAttrString(s, "c", one))), TX_SLOTS_NEW_ATTR);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(s, "a")), TX_SLOTS_UNSET);
    CHECK(PyObject_SetAttrString(s, "b", five) == 0);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(s, "b")), TX_SLOTS_SET_GET);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(S, "a")), TX_SLOTS_MEMBER_REPR);
    CHECK(PyObject_GetAttrString(s, "__dict__") == NULL);
    PyErr_Clear();
    Py_XDECREF(s);
    Py_XDECREF(S);
    CHECK_EQ_STR(outcome(make_class("S", NULL, "__slots__", tuple1(one), NULL)), TX_SLOTS_NOT_STR);
    CHECK_EQ_STR(outcome(make_class("S", NULL, "__slots__", slots("__dict__", "__dict__"), NULL)),
                 TX_SLOTS_DICT_TWICE);
    CHECK_EQ_STR(outcome(make_class("S", NULL, "__slots__", slots("x", NULL), "x",
                                    PyLong_FromLong(1), NULL)),
                 TX_SLOTS_CONFLICT);
    CHECK_EQ_STR(outcome(make_class("T", tuple1((PyObject *)&PyLong_Type), "__slots__",
                                    slots("a", NULL), NULL)),
                 TX_SLOTS_INT_BASE);
    CHECK_EQ_STR(outcome(make_class("S", NULL, "__slots__", slots("a b", NULL), NULL)),
                 TX_SLOTS_NOT_IDENT);
    PyObject *S2 = make_class("_S", NULL, "__slots__", slots("__x", NULL), NULL);
    PyObject *found = PyList_New(0);
    PyObject *d = S2 == NULL ? NULL : PyObject_GetAttrString(S2, "__dict__");
    PyObject *keys = d == NULL ? NULL : PyMapping_Keys(d);
    for (Py_ssize_t i = 0; keys != NULL && i < PyList_GET_SIZE(keys); i++) {
        PyObject *k = PyList_GET_ITEM(keys, i);
        if (PyUnicode_FindChar(k, 'x', 0, PyUnicode_GetLength(k), 1) >= 0) {
            PyList_Append(found, k);
        }
    }
    CHECK_EQ_STR(outcome(found), TX_SLOTS_MANGLED);
    Py_XDECREF(keys);
    Py_XDECREF(d);
    Py_XDECREF(S2);
    Py_DECREF(one);
    Py_DECREF(five);
}

static void
test_binary_dispatch(void)
{
    PyObject *one = PyLong_FromLong(1);
    PyObject *L =
        make_class("L", NULL, "__add__", meth(&L_add_def), "__radd__", meth(&L_radd_def), NULL);
    PyObject *R = make_class("R", tuple1(L), "__radd__", meth(&R_radd_def), NULL);
    PyObject *R2 = make_class("R2", tuple1(L), NULL);
    PyObject *l = call0(L), *r = call0(R), *r2 = call0(R2);
    CHECK_EQ_STR(outcome(PyNumber_Add(l, one)), TX_ADD_SELF);
    CHECK_EQ_STR(outcome(PyNumber_Add(one, l)), TX_RADD_INT);
    CHECK_EQ_STR(outcome(PyNumber_Add(l, r)), TX_ADD_SUBCLASS_REFLECTED);
    CHECK_EQ_STR(outcome(PyNumber_Add(l, r2)), TX_ADD_SUBCLASS_NOT_OVERRIDDEN);
    /* The C slot of the class calls back into the dunder. */
    CHECK(Py_TYPE(l)->tp_as_number->nb_add != NULL);
    PyObject *N = make_class("N", NULL, "__add__", meth(&not_implemented_def), NULL);
    PyObject *n = call0(N);
    CHECK_EQ_STR(outcome(PyNumber_Add(n, one)), TX_ADD_NOTIMPL);
    PyObject *Ln = make_class("L", NULL, "__neg__", meth(&L_neg_def), NULL);
    PyObject *ln = call0(Ln);
    CHECK_EQ_STR(outcome(PyNumber_Negative(ln)), TX_NEG);
    PyObject *Le = make_class("L", NULL, NULL);
    PyObject *le = call0(Le);
    CHECK_EQ_STR(outcome(PyNumber_Negative(le)), TX_NEG_MISSING);
    CHECK_EQ_STR(outcome(PyObject_RichCompare(le, one, Py_LT)), TX_LT_UNSUPPORTED);
    CHECK_EQ_STR(outcome(PyObject_GetIter(le)), TX_NOT_ITERABLE);
    CHECK_EQ_STR(outcome(PyObject_CallNoArgs(le)), TX_NOT_CALLABLE);
    PyObject *objs[] = {l, r, r2, n, ln, le, L, R, R2, N, Ln, Le, one};
    for (size_t i = 0; i < Py_ARRAY_LENGTH(objs); i++) {
        Py_XDECREF(objs[i]);
    }
}

/* Instance of a fresh class "L" with one dunder KEY bound to DEF. */
static PyObject *
instance_with(const char *cname, const char *key, PyMethodDef *def)
{
    PyObject *K = make_class(cname, NULL, key, meth(def), NULL);
    PyObject *inst = call0(K);
    Py_XDECREF(K);
    return inst;
}

static PyObject *
bool_of(PyObject *o)
{
    int r = PyObject_IsTrue(o);
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyObject *
len_of(PyObject *o)
{
    Py_ssize_t n = PyObject_Size(o);
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

static void
test_slot_functions(void)
{
    PyObject *one = PyLong_FromLong(1), *two = PyLong_FromLong(2), *five = PyLong_FromLong(5);
    PyObject *o = instance_with("L", "__len__", &ret_3_def);
    CHECK_EQ_STR(outcome(len_of(o)), TX_LEN);
    Py_XDECREF(o);
    o = instance_with("L", "__len__", &ret_m1_def);
    CHECK_EQ_STR(outcome(len_of(o)), TX_LEN_NEGATIVE);
    Py_XDECREF(o);
    o = instance_with("L", "__len__", &ret_x_def);
    CHECK_EQ_STR(outcome(len_of(o)), TX_LEN_STR);
    Py_XDECREF(o);
    o = instance_with("L", "__len__", &ret_0_def);
    CHECK_EQ_STR(outcome(bool_of(o)), TX_BOOL_FROM_LEN);
    Py_XDECREF(o);
    o = instance_with("L", "__bool__", &ret_1_def);
    CHECK_EQ_STR(outcome(bool_of(o)), TX_BOOL_BAD);
    Py_XDECREF(o);
    o = instance_with("L", "__getitem__", &L_getitem_def);
    CHECK_EQ_STR(outcome(PyObject_GetItem(o, five)), TX_GETITEM);
    Py_XDECREF(o);
    o = instance_with("L", "__call__", &L_call_def);
    CHECK_EQ_STR(outcome(PyObject_CallFunctionObjArgs(o, one, two, NULL)), TX_CALL);
    Py_XDECREF(o);
    o = instance_with("L", "__repr__", &L_repr_def);
    CHECK_EQ_STR(outcome(PyObject_Repr(o)), TX_REPR_DUNDER);
    CHECK_EQ_STR(outcome(PyObject_Str(o)), TX_STR_FALLBACK_REPR);
    Py_XDECREF(o);
    o = instance_with("L", "__repr__", &ret_5_def);
    CHECK_EQ_STR(outcome(PyObject_Repr(o)), TX_REPR_NONSTR);
    Py_XDECREF(o);
    PyObject *H = make_class("H", NULL, "__eq__", meth(&H_eq_def), NULL);
    o = call0(H);
    Py_hash_t h = PyObject_Hash(o);
    CHECK_EQ_STR(outcome(h == -1 ? NULL : PyLong_FromSsize_t(h)), TX_EQ_NO_HASH);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(H, "__hash__")), TX_EQ_NO_HASH_ATTR);
    CHECK_EQ_STR(outcome(PyObject_RichCompare(o, one, Py_EQ)), TX_EQ_DUNDER);
    Py_XDECREF(o);
    Py_XDECREF(H);
    o = instance_with("H", "__eq__", &ret_true_def);
    CHECK_EQ_STR(outcome(PyObject_RichCompare(o, one, Py_NE)), TX_NE_FROM_EQ);
    Py_XDECREF(o);
    PyObject *H2 = make_class("H", NULL, "__hash__", Py_NewRef(Py_None), NULL);
    o = call0(H2);
    h = PyObject_Hash(o);
    CHECK_EQ_STR(outcome(h == -1 ? NULL : PyLong_FromSsize_t(h)), TX_HASH_NONE_EXPLICIT);
    Py_XDECREF(o);
    Py_XDECREF(H2);
    PyObject *I = make_class("L", NULL, "__iter__", Py_NewRef(Py_None), NULL);
    o = call0(I);
    CHECK_EQ_STR(outcome(PyObject_GetIter(o)), TX_ITER_NONE);
    Py_XDECREF(o);
    Py_XDECREF(I);
    Py_DECREF(one);
    Py_DECREF(two);
    Py_DECREF(five);
}

static PyObject *
make_property(int with_getter)
{
    PyObject *getter = with_getter ? PyCFunction_New(&getter_42_def, NULL) : NULL;
    PyObject *res = getter == NULL ? PyObject_CallNoArgs((PyObject *)&PyProperty_Type)
                                   : PyObject_CallOneArg((PyObject *)&PyProperty_Type, getter);
    Py_XDECREF(getter);
    return res;
}

static void
test_descriptors(void)
{
    PyObject *one = PyLong_FromLong(1), *five = PyLong_FromLong(5);
    PyObject *P = make_class("P", NULL, "x", make_property(1), NULL);
    PyObject *p = call0(P);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(p, "x")), TX_PROP_GET);
    CHECK_EQ_STR(outcome(status(PyObject_SetAttrString(p, "x", one))), TX_PROP_NO_SETTER);
    CHECK_EQ_STR(outcome(status(PyObject_DelAttrString(p, "x"))), TX_PROP_NO_DELETER);
    PyObject *d = PyObject_GetAttrString(p, "__dict__");
    PyDict_SetItemString(d, "x", five);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(p, "x")), TX_DATA_DESCR_WINS);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(p, "zz")), TX_NO_ATTR);
    Py_XDECREF(d);
    Py_XDECREF(p);
    Py_XDECREF(P);
    P = make_class("P", NULL, "y", make_property(0), NULL);
    p = call0(P);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(p, "y")), TX_PROP_NO_GETTER);
    Py_XDECREF(p);
    Py_XDECREF(P);
    PyObject *prop = make_property(0);
    CHECK_EQ_STR(outcome(Py_TYPE(prop)->tp_descr_get(prop, one, NULL)), TX_PROP_UNNAMED);
    Py_XDECREF(prop);
    P = make_class("P", NULL, "y", PyLong_FromLong(7), NULL);
    p = call0(P);
    d = PyObject_GetAttrString(p, "__dict__");
    PyDict_SetItemString(d, "y", five);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(p, "y")), TX_INSTANCE_DICT_WINS);
    Py_XDECREF(d);
    Py_XDECREF(p);
    Py_XDECREF(P);
    PyObject *two = PyLong_FromLong(2);
    CHECK_EQ_STR(outcome(status(PyObject_SetAttrString(one, "real", two))), TX_READONLY_ATTR);
    CHECK_EQ_STR(outcome(status(PyObject_SetAttrString(one, "foo", two))), TX_SET_ATTR_INT);
    CHECK_EQ_STR(outcome(status(PyObject_SetAttrString((PyObject *)&PyLong_Type, "foo", one))),
                 TX_SET_BUILTIN_TYPE_ATTR);
    PyObject *x = str("x");
    CHECK_EQ_STR(outcome(status(PyObject_SetAttrString((PyObject *)&PyLong_Type, "__name__", x))),
                 TX_SET_BUILTIN_TYPE_NAME);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(A, "zz")), TX_TYPE_NO_ATTR);
    Py_DECREF(x);
    Py_DECREF(two);
    Py_DECREF(one);
    Py_DECREF(five);
}

static void
test_type_attributes(void)
{
    PyObject *A2 = make_class("A2", NULL, NULL);
    PyObject *renamed = str("Renamed");
    CHECK(PyObject_SetAttrString(A2, "__name__", renamed) == 0);
    PyObject *n = PyObject_GetAttrString(A2, "__name__");
    PyObject *q = PyObject_GetAttrString(A2, "__qualname__");
    PyObject *r = PyObject_Repr(A2);
    CHECK_EQ_STR(outcome(n && q && r ? PyTuple_Pack(3, n, q, r) : NULL), TX_SET_NAME);
    Py_XDECREF(n);
    Py_XDECREF(q);
    Py_XDECREF(r);
    PyObject *five = PyLong_FromLong(5);
    Py_DECREF(renamed);
    Py_XDECREF(A2);
    A2 = make_class("A2", NULL, NULL);
    CHECK_EQ_STR(outcome(status(PyObject_SetAttrString(A2, "__name__", five))), TX_SET_NAME_BAD);
    CHECK_EQ_STR(outcome(status(PyObject_DelAttrString(A2, "__name__"))), TX_DEL_NAME);
    Py_XDECREF(A2);
    PyObject *Q = make_class("Q", NULL, "__qualname__", str("Outer.Q"), NULL);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(Q, "__qualname__")), TX_QUALNAME_DICT);
    Py_XDECREF(Q);
    CHECK_EQ_STR(outcome(make_class("Q", NULL, "__qualname__", PyLong_FromLong(5), NULL)),
                 TX_QUALNAME_BAD);
    Q = make_class("Q", NULL, "__doc__", str("hello"), NULL);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(Q, "__doc__")), TX_DOC_DICT);
    Py_XDECREF(Q);
    Q = make_class("Q", NULL, NULL);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(Q, "__doc__")), TX_DOC_NONE);
    PyObject *proxy = PyObject_GetAttrString(Q, "__dict__");
    CHECK_EQ_STR(outcome(PyObject_Repr(proxy)), TX_DICT_PROXY_REPR);
    PyObject *one = PyLong_FromLong(1), *a = str("a");
    CHECK_EQ_STR(outcome(status(PyObject_SetItem(proxy, a, one))), TX_DICT_PROXY_SET);
    Py_XDECREF(proxy);
    PyObject *empty = PyTuple_New(0);
    CHECK_EQ_STR(outcome(status(PyObject_SetAttrString(Q, "__bases__", empty))),
                 TX_BASES_ASSIGN_EMPTY);
    Py_XDECREF(Q);
    PyObject *P1 = make_class("P1", NULL, NULL), *P2 = make_class("P2", NULL, NULL);
    Q = make_class("Q", tuple1(P1), NULL);
    PyObject *nb = tuple1(P2);
    CHECK(PyObject_SetAttrString(Q, "__bases__", nb) == 0);
    CHECK_EQ_STR(outcome(names_of(PyObject_GetAttrString(Q, "__mro__"))), TX_BASES_ASSIGN);
    Py_DECREF(nb);
    Py_XDECREF(Q);
    Q = make_class("Q", tuple1(P1), NULL);
    nb = tuple1(Q);
    CHECK_EQ_STR(outcome(status(PyObject_SetAttrString(P1, "__bases__", nb))),
                 TX_BASES_ASSIGN_CYCLE);
    Py_DECREF(nb);
    Py_XDECREF(Q);
    Py_XDECREF(P1);
    Py_XDECREF(P2);
    Py_DECREF(empty);
    Py_DECREF(one);
    Py_DECREF(a);
    Py_DECREF(five);
}

static void
test_slot_wrappers(void)
{
    PyObject *three = PyLong_FromLong(3), *four = PyLong_FromLong(4), *a = str("a");
    PyObject *add = PyObject_GetAttrString((PyObject *)&PyLong_Type, "__add__");
    CHECK_EQ_STR(outcome(PyObject_Repr(add)), TX_SLOT_WRAPPER_REPR);
    CHECK_EQ_STR(outcome(PyObject_CallFunctionObjArgs(add, three, four, NULL)),
                 TX_SLOT_WRAPPER_CALL);
    CHECK_EQ_STR(outcome(PyObject_CallFunctionObjArgs(add, a, four, NULL)),
                 TX_SLOT_WRAPPER_BAD_SELF);
    CHECK_EQ_STR(outcome(PyObject_CallNoArgs(add)), TX_SLOT_WRAPPER_NOARGS);
    PyObject *neg = PyObject_GetAttrString((PyObject *)&PyLong_Type, "__neg__");
    CHECK_EQ_STR(outcome(PyObject_CallFunctionObjArgs(neg, three, four, NULL)),
                 TX_SLOT_WRAPPER_ARGCOUNT);
    PyObject *bound = PyObject_GetAttrString(three, "__add__");
    PyObject *r = PyObject_Repr(bound);
    PyObject *at = str(" at ");
    PyObject *parts = r == NULL ? NULL : PyUnicode_Split(r, at, 1);
    CHECK_EQ_STR(outcome(parts == NULL ? NULL : Py_NewRef(PyList_GET_ITEM(parts, 0))),
                 TX_METHOD_WRAPPER_PREFIX);
    Py_XDECREF(parts);
    Py_XDECREF(r);
    Py_DECREF(at);
    PyObject *lst = PyList_New(0);
    PyList_Append(lst, three);
    PyList_Append(lst, four);
    PyObject *len = PyObject_GetAttrString((PyObject *)&PyList_Type, "__len__");
    CHECK_EQ_STR(outcome(PyObject_CallOneArg(len, lst)), TX_LIST_LEN_WRAPPER);
    Py_XDECREF(len);
    Py_DECREF(lst);
    Py_XDECREF(bound);
    Py_XDECREF(add);
    Py_XDECREF(neg);
    Py_DECREF(three);
    Py_DECREF(four);
    Py_DECREF(a);
}

static void
test_class_assignment_and_super(void)
{
    PyObject *a = call0(A);
    CHECK(PyObject_SetAttrString(a, "__class__", B) == 0);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString((PyObject *)Py_TYPE(a), "__name__")),
                 TX_CLASS_SET_OK);
    Py_XDECREF(a);
    a = call0(A);
    CHECK_EQ_STR(outcome(status(PyObject_SetAttrString(a, "__class__", (PyObject *)&PyLong_Type))),
                 TX_CLASS_SET_BUILTIN);
    PyObject *one = PyLong_FromLong(1);
    CHECK_EQ_STR(outcome(status(PyObject_SetAttrString(a, "__class__", one))),
                 TX_CLASS_SET_NONTYPE);
    PyObject *S = make_class("S", NULL, "__slots__", slots("q", NULL), NULL);
    CHECK_EQ_STR(outcome(status(PyObject_SetAttrString(a, "__class__", S))), TX_CLASS_SET_LAYOUT);
    Py_XDECREF(S);
    Py_XDECREF(a);
    PyObject *sup = (PyObject *)&PySuper_Type;
    PyObject *c = call0(C);
    CHECK_EQ_STR(outcome(PyObject_Repr(PyObject_CallFunctionObjArgs(sup, A, c, NULL))),
                 TX_SUPER_REPR);
    Py_XDECREF(c);
    PyObject *x = str("x"), *two = PyLong_FromLong(2);
    CHECK_EQ_STR(outcome(PyObject_CallFunctionObjArgs(sup, (PyObject *)&PyLong_Type, x, NULL)),
                 TX_SUPER_BAD_OBJ);
    CHECK_EQ_STR(outcome(PyObject_CallFunctionObjArgs(sup, one, two, NULL)), TX_SUPER_BAD_TYPE);
    CHECK_EQ_STR(outcome(PyObject_Repr(PyObject_CallOneArg(sup, A))), TX_SUPER_UNBOUND_REPR);
    /* Zero-argument super() outside any frame: a RuntimeError (message from the VM). */
    CHECK(PyObject_CallNoArgs(sup) == NULL && PyErr_ExceptionMatches(PyExc_RuntimeError));
    PyErr_Clear();
    PyObject *A3 = make_class("A3", NULL, "who", meth(&A3_who_def), NULL);
    PyObject *B3 = make_class("B3", tuple1(A3), "who", meth(&B3_who_def), NULL);
    PyObject *b3 = call0(B3);
    PyObject *s = PyObject_CallFunctionObjArgs(sup, B3, b3, NULL);
    PyObject *who = s == NULL ? NULL : PyObject_GetAttrString(s, "who");
    CHECK_EQ_STR(outcome(call0(who)), TX_SUPER_LOOKUP);
    Py_XDECREF(who);
    Py_XDECREF(s);
    Py_XDECREF(b3);
    Py_XDECREF(A3);
    Py_XDECREF(B3);
    Py_DECREF(x);
    Py_DECREF(two);
    Py_DECREF(one);
}

static void
test_misc(void)
{
    PyObject *c = call0(C), *a = call0(A), *r[4];
    r[0] = PyBool_FromLong(PyObject_IsInstance(c, A));
    r[1] = PyBool_FromLong(PyObject_IsInstance(a, B));
    r[2] = PyBool_FromLong(PyObject_IsSubclass(C, O));
    r[3] = PyBool_FromLong(PyObject_IsSubclass(O, C));
    CHECK_EQ_STR(outcome(PyTuple_Pack(4, r[0], r[1], r[2], r[3])), TX_ISINSTANCE_HEAP);
    for (int i = 0; i < 4; i++) {
        Py_DECREF(r[i]);
    }
    Py_XDECREF(c);
    Py_XDECREF(a);
    PyObject *obj = PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type);
    PyObject *spec = str("x");
    CHECK_EQ_STR(outcome(PyObject_Format(obj, spec)), TX_OBJECT_FORMAT_BAD);
    PyObject *sizeof_name = str("__sizeof__");
    CHECK_EQ_STR(outcome(PyObject_CallMethodNoArgs(obj, sizeof_name)), TX_OBJECT_SIZEOF);
    Py_DECREF(sizeof_name);
    Py_DECREF(spec);
    Py_DECREF(obj);
    /* Method cache invalidation and slot updates after class creation. */
    PyObject *Q = make_class("Q", NULL, "v", PyLong_FromLong(1), NULL);
    PyObject *q = call0(Q);
    PyObject *first = PyObject_GetAttrString(q, "v");
    PyObject *two = PyLong_FromLong(2);
    CHECK(PyObject_SetAttrString(Q, "v", two) == 0);
    PyObject *second = PyObject_GetAttrString(q, "v");
    CHECK_EQ_STR(outcome(first && second ? PyTuple_Pack(2, first, second) : NULL),
                 TX_MCACHE_UPDATE);
    Py_XDECREF(first);
    Py_XDECREF(second);
    Py_XDECREF(q);
    Py_XDECREF(Q);
    Q = make_class("Q", NULL, NULL);
    PyObject *negd = meth(&Q_neg_def);
    CHECK(PyObject_SetAttrString(Q, "__neg__", negd) == 0);
    q = call0(Q);
    CHECK_EQ_STR(outcome(PyNumber_Negative(q)), TX_DUNDER_SET_LATER);
    CHECK(PyObject_DelAttrString(Q, "__neg__") == 0);
    CHECK_EQ_STR(outcome(PyNumber_Negative(q)), TX_DUNDER_DEL_LATER);
    Py_XDECREF(q);
    Py_XDECREF(Q);
    Py_DECREF(negd);
    Py_DECREF(two);
}

static PyObject *
spec_add(PyObject *a, PyObject *b)
{
    (void)a;
    (void)b;
    return PyUnicode_FromString("spec.add");
}

static void
test_from_spec(void)
{
    PyType_Slot spec_slots[] = {
        {Py_nb_add, (void *)spec_add},
        {Py_tp_doc, (void *)"Spec(x)\n--\n\nA spec type."},
        {0, NULL},
    };
    PyType_Spec spec = {"mymod.Spec", (int)sizeof(PyObject), 0,
                        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, spec_slots};
    PyObject *tp = PyType_FromSpec(&spec);
    CHECK(tp != NULL);
    if (tp == NULL) {
        PyErr_Clear();
        return;
    }
    CHECK_EQ_STR(outcome(PyObject_Repr(tp)), TX_FROMSPEC_REPR);
    CHECK(PyType_GetSlot((PyTypeObject *)tp, Py_nb_add) == (void *)spec_add);
    CHECK(PyType_GetSlot((PyTypeObject *)tp, Py_tp_new) != NULL);
    PyObject *inst = PyObject_CallNoArgs(tp);
    CHECK(inst != NULL && Py_TYPE(inst) == (PyTypeObject *)tp);
    PyObject *one = PyLong_FromLong(1);
    PyObject *res = inst == NULL ? NULL : PyNumber_Add(inst, one);
    CHECK(res != NULL && PyUnicode_CompareWithASCIIString(res, "spec.add") == 0);
    Py_XDECREF(res);
    /* The C slot shows up as a Python-level slot wrapper. */
    PyObject *w = PyObject_GetAttrString(tp, "__add__");
    CHECK(w != NULL && Py_IS_TYPE(w, &PyWrapperDescr_Type));
    res = w == NULL ? NULL : PyObject_CallFunctionObjArgs(w, inst, one, NULL);
    CHECK(res != NULL && PyUnicode_CompareWithASCIIString(res, "spec.add") == 0);
    PyErr_Clear();
    Py_XDECREF(res);
    PyObject *doc = PyObject_GetAttrString(tp, "__doc__");
    CHECK(doc != NULL && PyUnicode_CompareWithASCIIString(doc, "A spec type.") == 0);
    PyErr_Clear();
    Py_XDECREF(doc);
    Py_XDECREF(w);
    Py_DECREF(one);
    Py_XDECREF(inst);
    Py_DECREF(tp);
}

static PyObject *rec; /* what the hooks below record */

static PyObject *
init_subclass_hook(PyObject *Py_UNUSED(self), PyObject *args, PyObject *kwargs)
{
    PyObject *klass = PyTuple_GET_ITEM(args, 0);
    PyObject *name = PyObject_GetAttrString(klass, "__name__");
    PyObject *rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
    PyObject *kw = kwargs != NULL ? PyDict_Copy(kwargs) : PyDict_New();
    PyObject *entry = PyTuple_Pack(3, name, rest, kw);
    PyList_Append(rec, entry);
    Py_DECREF(entry);
    Py_DECREF(name);
    Py_DECREF(rest);
    Py_DECREF(kw);
    Py_RETURN_NONE;
}
static PyMethodDef init_subclass_hook_def = {
    "hook", (PyCFunction)(void (*)(void))init_subclass_hook, METH_VARARGS | METH_KEYWORDS, NULL};

static PyObject *
set_name_hook(PyObject *self, PyObject *args)
{
    PyObject *tname = PyObject_GetAttrString((PyObject *)Py_TYPE(self), "__name__");
    PyObject *owner = PyObject_GetAttrString(PyTuple_GET_ITEM(args, 0), "__name__");
    PyObject *entry = PyTuple_Pack(3, tname, owner, PyTuple_GET_ITEM(args, 1));
    PyList_Append(rec, entry);
    Py_DECREF(entry);
    Py_DECREF(tname);
    Py_DECREF(owner);
    Py_RETURN_NONE;
}
static PyMethodDef set_name_hook_def = {"set_name", set_name_hook, METH_VARARGS, NULL};

static PyObject *
set_name_boom(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    PyErr_SetString(PyExc_ValueError, "boom");
    return NULL;
}
static PyMethodDef set_name_boom_def = {"set_name", set_name_boom, METH_VARARGS, NULL};

static PyObject *
frozen_of(const char *a, const char *b)
{
    PyObject *list = PyList_New(0);
    const char *names[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        if (names[i] != NULL) {
            PyObject *n = str(names[i]);
            PyList_Append(list, n);
            Py_DECREF(n);
        }
    }
    PyObject *fs = PyFrozenSet_New(list);
    Py_DECREF(list);
    return fs;
}

static void
test_hooks(void)
{
    PyObject *Ab = make_class("Ab", NULL, NULL);
    PyObject *fs = frozen_of("f", "g");
    CHECK(PyObject_SetAttrString(Ab, "__abstractmethods__", fs) == 0);
    CHECK_EQ_STR(outcome(call0(Ab)), TX_ABSTRACT_TWO);
    Py_DECREF(fs);
    Py_XDECREF(Ab);
    Ab = make_class("Ab", NULL, NULL);
    fs = frozen_of("f", NULL);
    CHECK(PyObject_SetAttrString(Ab, "__abstractmethods__", fs) == 0);
    CHECK_EQ_STR(outcome(call0(Ab)), TX_ABSTRACT_ONE);
    Py_DECREF(fs);
    fs = frozen_of(NULL, NULL);
    CHECK(PyObject_SetAttrString(Ab, "__abstractmethods__", fs) == 0);
    PyObject *inst = call0(Ab);
    CHECK_EQ_STR(outcome(inst == NULL
                             ? NULL
                             : PyObject_GetAttrString((PyObject *)Py_TYPE(inst), "__name__")),
                 TX_ABSTRACT_CLEARED);
    Py_XDECREF(inst);
    Py_DECREF(fs);
    Py_XDECREF(Ab);

    rec = PyList_New(0);
    PyObject *hook = PyCFunction_New(&init_subclass_hook_def, NULL);
    PyObject *Base = make_class("Base", NULL, "__init_subclass__", PyClassMethod_New(hook), NULL);
    Py_DECREF(hook);
    PyObject *name = str("Sub"), *md = PyDict_New(), *m = str("m"), *kw = PyDict_New();
    PyObject *one = PyLong_FromLong(1);
    PyDict_SetItemString(md, "__module__", m);
    PyDict_SetItemString(kw, "flag", one);
    PyObject *args = Base == NULL ? NULL : PyTuple_Pack(3, name, tuple1(Base), md);
    PyObject *Sub = args == NULL ? NULL : PyObject_Call((PyObject *)&PyType_Type, args, kw);
    CHECK(Sub != NULL);
    PyErr_Clear();
    CHECK_EQ_STR(outcome(Py_NewRef(rec)), TX_INIT_SUBCLASS_HOOK);
    Py_XDECREF(Sub);
    Py_XDECREF(args);
    Py_XDECREF(Base);
    Py_DECREF(name);
    Py_DECREF(md);
    Py_DECREF(m);
    Py_DECREF(kw);
    Py_DECREF(one);
    Py_CLEAR(rec);

    rec = PyList_New(0);
    PyObject *D = make_class("D", NULL, "__set_name__", meth(&set_name_hook_def), NULL);
    PyObject *Own = make_class("Own", NULL, "attr", call0(D), NULL);
    CHECK_EQ_STR(outcome(Py_NewRef(rec)), TX_SET_NAME_HOOK);
    Py_XDECREF(Own);
    Py_XDECREF(D);
    Py_CLEAR(rec);
    D = make_class("D", NULL, "__set_name__", meth(&set_name_boom_def), NULL);
    Own = make_class("Own", NULL, "a", call0(D), NULL);
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    PyObject *cause = v == NULL ? NULL : PyException_GetCause(v);
    PyErr_Restore(t, v, tb);
    CHECK_EQ_STR(outcome(Own), TX_SET_NAME_ERROR);
    CHECK_EQ_STR(outcome(cause), TX_SET_NAME_ERROR_CAUSE);
    Py_XDECREF(D);

    PyObject *Q =
        make_class("Q", NULL, "__slots__", PyTuple_New(0), "zeta", PyLong_FromLong(1), NULL);
    PyObject *q = call0(Q);
    PyObject *names = q == NULL ? NULL : PyObject_Dir(q);
    PyObject *filtered = PyList_New(0);
    for (Py_ssize_t i = 0; names != NULL && i < PyList_GET_SIZE(names); i++) {
        PyObject *n = PyList_GET_ITEM(names, i);
        if (PyUnicode_ReadChar(n, 0) != '_' || PyUnicode_ReadChar(n, 1) != '_') {
            PyList_Append(filtered, n);
        }
    }
    CHECK_EQ_STR(outcome(names == NULL ? NULL : filtered), TX_DIR_INSTANCE);
    Py_XDECREF(names);
    Py_XDECREF(q);
    Py_XDECREF(Q);
    Q = make_class("Q", NULL, NULL);
    q = call0(Q);
    PyObject *q2 = call0(Q);
    PyObject *d = PyObject_GetAttrString(q, "__dict__");
    PyObject *onev = PyLong_FromLong(1);
    PyDict_SetItemString(d, "a", onev);
    PyObject *gs = str("__getstate__");
    PyObject *s1 = PyObject_CallMethodNoArgs(q2, gs), *s2 = PyObject_CallMethodNoArgs(q, gs);
    CHECK_EQ_STR(outcome(s1 && s2 ? PyTuple_Pack(2, s1, s2) : NULL), TX_GETSTATE);
    Py_XDECREF(s1);
    Py_XDECREF(s2);
    Py_DECREF(gs);
    Py_DECREF(onev);
    Py_XDECREF(d);
    Py_XDECREF(q);
    Py_XDECREF(q2);
    Py_XDECREF(Q);
}

static void
test_new_wrapper(void)
{
    PyObject *M = make_class("M", tuple1((PyObject *)&PyType_Type), NULL);
    PyObject *x = str("x"), *one = PyLong_FromLong(1);
    CHECK_EQ_STR(outcome(M == NULL ? NULL : PyObject_CallOneArg(M, x)), TX_META_ONE_ARG);
    PyObject *onew = PyObject_GetAttrString((PyObject *)&PyBaseObject_Type, "__new__");
    PyObject *inew = PyObject_GetAttrString((PyObject *)&PyLong_Type, "__new__");
    CHECK_EQ_STR(outcome(PyObject_CallOneArg(onew, one)), TX_NEW_NOT_TYPE);
    CHECK_EQ_STR(outcome(PyObject_CallOneArg(onew, (PyObject *)&PyLong_Type)), TX_NEW_NOT_SAFE);
    CHECK_EQ_STR(outcome(PyObject_CallOneArg(inew, (PyObject *)&PyUnicode_Type)),
                 TX_NEW_NOT_SUBTYPE);
    PyObject *a = PyObject_CallOneArg(onew, A);
    CHECK_EQ_STR(
        outcome(a == NULL ? NULL : PyObject_GetAttrString((PyObject *)Py_TYPE(a), "__name__")),
        TX_NEW_HEAP_OK);
    Py_XDECREF(a);
    Py_XDECREF(onew);
    Py_XDECREF(inew);
    Py_XDECREF(M);
    Py_DECREF(x);
    Py_DECREF(one);
}

static void
test_builtin_subclasses(void)
{
    PyObject *IL = make_class("IL", tuple1((PyObject *)&PyLong_Type), NULL);
    PyObject *five = PyLong_FromLong(5), *one = PyLong_FromLong(1);
    PyObject *i = IL == NULL ? NULL : PyObject_CallOneArg(IL, five);
    CHECK(i != NULL);
    if (i != NULL) {
        PyObject *d = PyObject_GetAttrString(i, "__dict__");
        PyDict_SetItemString(d, "tag", one);
        Py_XDECREF(d);
        PyObject *sum = PyNumber_Add(i, one);
        PyObject *tn = PyObject_GetAttrString((PyObject *)Py_TYPE(i), "__name__");
        PyObject *tag = PyObject_GetAttrString(i, "tag");
        PyObject *isint = PyBool_FromLong(PyObject_IsInstance(i, (PyObject *)&PyLong_Type));
        CHECK_EQ_STR(outcome(sum && tn && tag ? PyTuple_Pack(4, sum, tn, tag, isint) : NULL),
                     TX_INT_SUBCLASS);
        Py_XDECREF(sum);
        Py_XDECREF(tn);
        Py_XDECREF(tag);
        Py_DECREF(isint);
        Py_DECREF(i);
    }
    Py_XDECREF(IL);
    PyObject *LL = make_class("LL", tuple1((PyObject *)&PyList_Type), NULL);
    PyObject *x = call0(LL);
    CHECK(x != NULL);
    if (x != NULL) {
        PyObject *three = PyLong_FromLong(3), *four = PyLong_FromLong(4);
        PyObject *app = str("append");
        Py_XDECREF(PyObject_CallMethodObjArgs(x, app, three, NULL));
        Py_XDECREF(PyObject_CallMethodObjArgs(x, app, four, NULL));
        PyObject *n = PyLong_FromSsize_t(PyObject_Size(x));
        PyObject *item = PySequence_GetItem(x, 1);
        PyObject *tn = PyObject_GetAttrString((PyObject *)Py_TYPE(x), "__name__");
        PyObject *r = PyObject_Repr(x);
        CHECK_EQ_STR(outcome(n && item && tn && r ? PyTuple_Pack(4, n, item, tn, r) : NULL),
                     TX_LIST_SUBCLASS);
        Py_XDECREF(n);
        Py_XDECREF(item);
        Py_XDECREF(tn);
        Py_XDECREF(r);
        Py_DECREF(app);
        Py_DECREF(three);
        Py_DECREF(four);
        Py_DECREF(x);
    }
    Py_XDECREF(LL);
    Py_DECREF(five);
    Py_DECREF(one);
    /* Py_ReprEnter detects recursion and Py_ReprLeave undoes it. */
    PyObject *o = PyList_New(0);
    CHECK(Py_ReprEnter(o) == 0);
    CHECK(Py_ReprEnter(o) == 1);
    Py_ReprLeave(o);
    CHECK(Py_ReprEnter(o) == 0);
    Py_ReprLeave(o);
    Py_DECREF(o);
}

MARKER(Q_getattribute, "Q.getattribute")
MARKER(Q_getattr, "Q.getattr")
MARKER(It_next, "It.next")
MARKER(D_get_plain, "D.get")

static PyObject *
rec_args(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyList_Append(rec, args);
    Py_RETURN_NONE;
}
static PyMethodDef rec_args_def = {"rec_args", rec_args, METH_VARARGS, NULL};

static PyObject *
rec_nargs(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *n = PyLong_FromSsize_t(PyTuple_GET_SIZE(args));
    PyList_Append(rec, n);
    Py_DECREF(n);
    Py_RETURN_NONE;
}
static PyMethodDef rec_nargs_def = {"rec_nargs", rec_nargs, METH_VARARGS, NULL};

static PyObject *
d_get(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *names = PyList_New(0);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *n =
            PyObject_GetAttrString((PyObject *)Py_TYPE(PyTuple_GET_ITEM(args, i)), "__name__");
        PyList_Append(names, n);
        Py_DECREF(n);
    }
    PyObject *tag = PyUnicode_FromString("D.get");
    PyObject *res = PyTuple_Pack(2, tag, names);
    Py_DECREF(tag);
    Py_DECREF(names);
    return res;
}
static PyMethodDef d_get_def = {"d_get", d_get, METH_VARARGS, NULL};

static PyObject *
ret_self(PyObject *self, PyObject *Py_UNUSED(args))
{
    return Py_NewRef(self);
}
static PyMethodDef ret_self_def = {"ret_self", ret_self, METH_VARARGS, NULL};

static PyObject *
getitem10(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *i = PyTuple_GET_ITEM(args, 0);
    if (PyLong_AsLong(i) >= 3) {
        PyErr_SetObject(PyExc_IndexError, i);
        return NULL;
    }
    return PyLong_FromLong(PyLong_AsLong(i) * 10);
}
static PyMethodDef getitem10_def = {"getitem10", getitem10, METH_VARARGS, NULL};

static void
test_attribute_dunders(void)
{
    PyObject *Q = make_class("Q", NULL, "__getattribute__", meth(&Q_getattribute_def), NULL);
    PyObject *q = call0(Q);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(q, "anything")), TX_GETATTRIBUTE);
    Py_XDECREF(q);
    Py_XDECREF(Q);
    Q = make_class("Q", NULL, "__getattr__", meth(&Q_getattr_def), "present", PyLong_FromLong(5),
                   NULL);
    q = call0(Q);
    PyObject *a1 = PyObject_GetAttrString(q, "missing"), *a2 = PyObject_GetAttrString(q, "present");
    CHECK_EQ_STR(outcome(a1 && a2 ? PyTuple_Pack(2, a1, a2) : NULL), TX_GETATTR_FALLBACK);
    Py_XDECREF(a1);
    Py_XDECREF(a2);
    Py_XDECREF(q);
    Py_XDECREF(Q);
    rec = PyList_New(0);
    Q = make_class("Q", NULL, "__setattr__", meth(&rec_args_def), "__delattr__",
                   meth(&rec_args_def), NULL);
    q = call0(Q);
    PyObject *one = PyLong_FromLong(1);
    CHECK(PyObject_SetAttrString(q, "a", one) == 0);
    CHECK(PyObject_DelAttrString(q, "b") == 0);
    CHECK_EQ_STR(outcome(Py_NewRef(rec)), TX_SETATTR_OVERRIDE);
    Py_CLEAR(rec);
    Py_XDECREF(q);
    Py_XDECREF(Q);
    PyObject *D = make_class("D", NULL, "__get__", meth(&d_get_def), NULL);
    PyObject *Own = make_class("Own", NULL, "attr", call0(D), NULL);
    PyObject *o = call0(Own);
    a1 = PyObject_GetAttrString(o, "attr");
    a2 = PyObject_GetAttrString(Own, "attr");
    CHECK_EQ_STR(outcome(a1 && a2 ? PyTuple_Pack(2, a1, a2) : NULL), TX_DESCR_GET_DUNDER);
    Py_XDECREF(a1);
    Py_XDECREF(a2);
    Py_XDECREF(o);
    Py_XDECREF(Own);
    Py_XDECREF(D);
    rec = PyList_New(0);
    D = make_class("D", NULL, "__get__", meth(&D_get_plain_def), "__set__", meth(&rec_nargs_def),
                   NULL);
    Own = make_class("Own", NULL, "attr", call0(D), NULL);
    o = call0(Own);
    PyObject *d = PyObject_GetAttrString(o, "__dict__");
    PyObject *inst = str("inst");
    PyDict_SetItemString(d, "attr", inst);
    CHECK(PyObject_SetAttrString(o, "attr", one) == 0);
    a1 = PyObject_GetAttrString(o, "attr");
    CHECK_EQ_STR(outcome(a1 ? PyTuple_Pack(2, a1, rec) : NULL), TX_DESCR_SET_DUNDER);
    Py_CLEAR(rec);
    Py_XDECREF(a1);
    Py_DECREF(inst);
    Py_XDECREF(d);
    Py_XDECREF(o);
    Py_XDECREF(Own);
    Py_XDECREF(D);
    PyObject *It = make_class("It", NULL, "__iter__", meth(&ret_self_def), "__next__",
                              meth(&It_next_def), NULL);
    PyObject *itobj = call0(It);
    PyObject *it = itobj == NULL ? NULL : PyObject_GetIter(itobj);
    PyObject *tn = it == NULL ? NULL : PyObject_GetAttrString((PyObject *)Py_TYPE(it), "__name__");
    PyObject *nx = it == NULL ? NULL : PyIter_Next(it);
    CHECK_EQ_STR(outcome(tn && nx ? PyTuple_Pack(2, tn, nx) : NULL), TX_ITER_NEXT_DUNDER);
    Py_XDECREF(tn);
    Py_XDECREF(nx);
    Py_XDECREF(it);
    Py_XDECREF(itobj);
    Py_XDECREF(It);
    PyObject *five = PyLong_FromLong(5);
    Q = make_class("Q", NULL, "__contains__", meth(&ret_1_def), NULL);
    q = call0(Q);
    int c = PySequence_Contains(q, five);
    CHECK_EQ_STR(outcome(c < 0 ? NULL : PyBool_FromLong(c)), TX_CONTAINS_DUNDER);
    Py_XDECREF(q);
    Py_XDECREF(Q);
    Q = make_class("Q", NULL, "__getitem__", meth(&getitem10_def), NULL);
    q = call0(Q);
    PyObject *v20 = PyLong_FromLong(20), *v25 = PyLong_FromLong(25);
    int c1 = PySequence_Contains(q, v20), c2 = PySequence_Contains(q, v25);
    PyObject *b1 = c1 < 0 ? NULL : PyBool_FromLong(c1), *b2 = c2 < 0 ? NULL : PyBool_FromLong(c2);
    CHECK_EQ_STR(outcome(b1 && b2 ? PyTuple_Pack(2, b1, b2) : NULL), TX_CONTAINS_VIA_GETITEM);
    Py_XDECREF(b1);
    Py_XDECREF(b2);
    Py_DECREF(v20);
    Py_DECREF(v25);
    Py_XDECREF(q);
    Py_XDECREF(Q);
    Py_DECREF(five);
    Py_DECREF(one);
}

static void
test_reduce(void)
{
    PyObject *R = make_class("R", NULL, "__reduce__", meth(&R_reduce_def), NULL);
    PyObject *r = call0(R);
    PyObject *name = str("__reduce_ex__"), *two = PyLong_FromLong(2), *x = str("x");
    CHECK_EQ_STR(outcome(r == NULL ? NULL : PyObject_CallMethodOneArg(r, name, two)),
                 TX_REDUCE_EX_OVERRIDE);
    PyObject *obj = PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type);
    CHECK_EQ_STR(outcome(PyObject_CallMethodOneArg(obj, name, x)), TX_REDUCE_EX_BAD_PROTO);
    Py_DECREF(obj);
    Py_XDECREF(r);
    Py_XDECREF(R);
    Py_DECREF(name);
    Py_DECREF(two);
    Py_DECREF(x);
}

static PyObject *
repr_recurse(PyObject *self, PyObject *Py_UNUSED(args))
{
    return PyObject_Repr(self);
}
static PyMethodDef repr_recurse_def = {"repr_recurse", repr_recurse, METH_VARARGS, NULL};

static void
test_recursion_guard(void)
{
    /* Runaway recursion through a slot ends in RecursionError, not a C stack overflow. */
    PyObject *L = make_class("L", NULL, "__repr__", meth(&repr_recurse_def), NULL);
    PyObject *l = call0(L);
    PyObject *r = l == NULL ? NULL : PyObject_Repr(l);
    CHECK(r == NULL && PyErr_ExceptionMatches(PyExc_RecursionError));
    PyErr_Clear();
    Py_XDECREF(r);
    Py_XDECREF(l);
    Py_XDECREF(L);
}

static void
test_annotations(void)
{
    PyObject *Q = make_class("Q", NULL, NULL);
    PyObject *first = PyObject_GetAttrString(Q, "__annotations__");
    PyObject *d = PyObject_GetAttrString(Q, "__dict__");
    PyObject *key = str("__annotations__");
    PyObject *stored = PyBool_FromLong(d != NULL && PySequence_Contains(d, key) == 1);
    CHECK(PyObject_DelAttrString(Q, "__annotations__") == 0);
    CHECK(PyObject_DelAttrString(Q, "__annotations__") < 0);
    PyObject *err = str(outcome(NULL));
    CHECK_EQ_STR(outcome(first ? PyTuple_Pack(3, first, stored, err) : NULL), TX_ANNOTATIONS);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString((PyObject *)&PyLong_Type, "__annotations__")),
                 TX_ANNOTATIONS_STATIC);
    CHECK_EQ_STR(outcome(make_class("A", NULL, "__classcell__", PyLong_FromLong(1), NULL)),
                 TX_CLASSCELL_BAD);
    Py_XDECREF(first);
    Py_XDECREF(d);
    Py_DECREF(key);
    Py_DECREF(stored);
    Py_DECREF(err);
    Py_XDECREF(Q);
}

static void
test_gc_cycles(void)
{
    /* Class <-> instance cycles and a metaclass chain must be collectable without crashing. */
    for (int i = 0; i < 20; i++) {
        PyObject *K = make_class("K", NULL, "__slots__", slots("ref", "__dict__"), NULL);
        PyObject *k = call0(K);
        if (K == NULL || k == NULL) {
            PyErr_Clear();
            Py_XDECREF(K);
            Py_XDECREF(k);
            CHECK(!"cycle class creation failed");
            return;
        }
        CHECK(PyObject_SetAttrString(K, "inst", k) == 0);
        CHECK(PyObject_SetAttrString(k, "ref", K) == 0);
        CHECK(PyObject_SetAttrString(k, "self", k) == 0);
        Py_DECREF(k);
        Py_DECREF(K);
    }
    Py_ssize_t found = PyGC_Collect();
    CHECK(found > 0);
    CHECK(!PyErr_Occurred());
}

static void
test_mcache_base_update(void)
{
    /* A lookup cached on a subclass must see later assignments on its base. */
    PyObject *Base = make_class("Base", NULL, NULL);
    PyObject *Sub = make_class("Sub", tuple1(Base), NULL);
    PyObject *sub = call0(Sub);
    PyObject *first = PyBool_FromLong(sub != NULL && PyObject_HasAttrString(sub, "late"));
    PyObject *three = PyLong_FromLong(3);
    CHECK(PyObject_SetAttrString(Base, "late", three) == 0);
    PyObject *late = sub == NULL ? NULL : PyObject_GetAttrString(sub, "late");
    CHECK_EQ_STR(outcome(late ? PyTuple_Pack(2, first, late) : NULL), TX_MCACHE_BASE_UPDATE);
    Py_XDECREF(late);
    Py_DECREF(first);
    Py_DECREF(three);
    Py_XDECREF(sub);
    Py_XDECREF(Sub);
    Py_XDECREF(Base);
}

static void
test_type_methods(void)
{
    PyObject *prep = PyObject_GetAttrString((PyObject *)&PyType_Type, "__prepare__");
    PyObject *x = str("x"), *empty = PyTuple_New(0), *kw = PyDict_New(), *one = PyLong_FromLong(1);
    PyDict_SetItemString(kw, "flag", one);
    PyObject *args = PyTuple_Pack(2, x, empty);
    CHECK_EQ_STR(outcome(prep == NULL ? NULL : PyObject_Call(prep, args, kw)), TX_PREPARE);
    PyObject *mro = str("mro");
    CHECK_EQ_STR(outcome(names_of(PyObject_CallMethodNoArgs(C, mro))), TX_MRO_METHOD);
    PyObject *bs = PyObject_GetAttrString((PyObject *)Py_TYPE(C), "__basicsize__");
    CHECK_EQ_STR(outcome(bs), TX_TYPE_SIZEOF_HEAP);
    Py_XDECREF(prep);
    Py_DECREF(x);
    Py_DECREF(empty);
    Py_DECREF(kw);
    Py_DECREF(one);
    Py_DECREF(args);
    Py_DECREF(mro);
}

static void
run_tests(void)
{
    if (pyrs_runtime_init() < 0) {
        CHECK(!"pyrs_runtime_init failed");
        return;
    }
    name_subclasses = str("__subclasses__");
    O = make_class("O", NULL, NULL);
    A = make_class("A", tuple1(O), NULL);
    B = make_class("B", tuple1(O), NULL);
    C = make_class("C", tuple2(A, B), NULL);
    CHECK(O != NULL && A != NULL && B != NULL && C != NULL);
    if (C == NULL) {
        return;
    }
    test_singletons();
    test_mro();
    test_type_call_errors();
    test_slots();
    test_binary_dispatch();
    test_slot_functions();
    test_descriptors();
    test_type_attributes();
    test_slot_wrappers();
    test_class_assignment_and_super();
    test_misc();
    test_from_spec();
    test_hooks();
    test_new_wrapper();
    test_builtin_subclasses();
    test_attribute_dunders();
    test_reduce();
    test_recursion_guard();
    test_annotations();
    test_gc_cycles();
    test_mcache_base_update();
    test_type_methods();
}
