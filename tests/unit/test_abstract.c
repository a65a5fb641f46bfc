/* test_abstract.c: the abstract object API (number dispatch and conversions, item access,
 * sequences, mappings, iteration, isinstance/issubclass, format), calls with every METH_
 * convention, builtin and descriptor reprs, mappingproxy and modules. Expected strings come
 * from gen_abstract_expect.py (the oracle). */
#include "Python.h"
#include "harness.h"
#include "pyrs/call.h"
#include "pyrs/lifecycle.h"
#include "abstract_expect.h"

static char outbuf[8192];

/* repr(RES), or "ExcType: message" when RES is NULL; consumes RES and clears the error. */
static const char *
outcome(PyObject *res)
{
    if (res == NULL) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        if (t == NULL) {
            return "<NULL without exception>";
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

static PyObject *
status(int rc)
{
    if (rc < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
size_result(Py_ssize_t n)
{
    return n == -1 && PyErr_Occurred() ? NULL : PyLong_FromSsize_t(n);
}

static PyObject *
bool_result(int r)
{
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyObject *
I(long v)
{
    return PyLong_FromLong(v);
}

static PyObject *
S(const char *s)
{
    return PyUnicode_FromString(s);
}

/* [a, b, ...] from NULL-terminated new references. */
static PyObject *
list_of(PyObject *first, ...)
{
    PyObject *list = PyList_New(0);
    va_list va;
    va_start(va, first);
    for (PyObject *o = first; o != NULL; o = va_arg(va, PyObject *)) {
        PyList_Append(list, o);
        Py_DECREF(o);
    }
    va_end(va);
    return list;
}

/* The cases keep their operands alive in this pool until the end. */
static PyObject *pool[512];
static int npool;

static PyObject *
keep(PyObject *o)
{
    if (o != NULL && npool < (int)Py_ARRAY_LENGTH(pool)) {
        pool[npool++] = o;
    }
    return o;
}

static void
test_numbers(void)
{
    PyObject *one = keep(I(1)), *two = keep(I(2)), *three = keep(I(3)), *a = keep(S("a"));
    PyObject *ab = keep(S("ab")), *b = keep(S("b")), *x = keep(S("x"));
    CHECK_EQ_STR(outcome(PyNumber_Add(one, two)), AX_ADD_INTS);
    CHECK_EQ_STR(outcome(PyNumber_Add(one, a)), AX_ADD_INT_STR);
    CHECK_EQ_STR(outcome(PyNumber_Add(keep(list_of(I(1), NULL)), keep(list_of(I(2), NULL)))),
                 AX_ADD_LISTS);
    CHECK_EQ_STR(outcome(PyNumber_Multiply(keep(list_of(I(1), NULL)), three)), AX_MUL_LIST_INT);
    CHECK_EQ_STR(outcome(PyNumber_Multiply(two, keep(list_of(I(1), NULL)))), AX_MUL_INT_LIST);
    CHECK_EQ_STR(outcome(PyNumber_Multiply(ab, keep(PyFloat_FromDouble(2.0)))), AX_MUL_STR_FLOAT);
    CHECK_EQ_STR(outcome(PyNumber_Subtract(a, b)), AX_SUB_STR);
    CHECK_EQ_STR(outcome(PyNumber_Divmod(a, one)), AX_DIVMOD_STR);
    CHECK_EQ_STR(outcome(PyNumber_Power(two, x, Py_None)), AX_POW_INT_STR);
    CHECK_EQ_STR(outcome(PyNumber_Power(two, three, x)), AX_POW3_STR);
    CHECK_EQ_STR(outcome(PyNumber_Power(two, keep(I(10)), keep(I(1000)))), AX_POW3_OK);
    CHECK_EQ_STR(outcome(PyNumber_Negative(a)), AX_NEG_STR);
    CHECK_EQ_STR(outcome(PyNumber_Positive(a)), AX_POS_STR);
    CHECK_EQ_STR(outcome(PyNumber_Invert(a)), AX_INV_STR);
    CHECK_EQ_STR(outcome(PyNumber_Absolute(a)), AX_ABS_STR);
    CHECK_EQ_STR(outcome(PyNumber_MatrixMultiply(one, two)), AX_MATMUL_INTS);
    PyObject *lst = keep(list_of(I(1), NULL));
    PyObject *res = PyNumber_InPlaceAdd(lst, keep(list_of(I(2), NULL)));
    PyObject *same = PyBool_FromLong(res == lst);
    CHECK_EQ_STR(outcome(res == NULL ? NULL : PyTuple_Pack(2, res, same)), AX_IADD_LIST);
    Py_XDECREF(res);
    Py_DECREF(same);
    CHECK_EQ_STR(outcome(PyNumber_InPlaceAdd(one, a)), AX_IADD_INT_STR);
    CHECK_EQ_STR(outcome(PyNumber_InPlaceMultiply(ab, three)), AX_IMUL_STR);
    CHECK_EQ_STR(outcome(PyNumber_Index(a)), AX_INDEX_STR);
    res = PyNumber_Index(Py_True);
    CHECK(res == NULL || PyLong_CheckExact(res));
    CHECK_EQ_STR(outcome(res), AX_INDEX_BOOL);
    PyObject *big = keep(PyNumber_Lshift(one, keep(I(100))));
    CHECK_EQ_STR(outcome(size_result(PyNumber_AsSsize_t(big, PyExc_IndexError))),
                 AX_ASSIZE_OVERFLOW);
    CHECK(PyNumber_AsSsize_t(big, NULL) == PY_SSIZE_T_MAX);
    CHECK_EQ_STR(outcome(PyNumber_Long(keep(S("12")))), AX_LONG_STR);
    CHECK_EQ_STR(outcome(PyNumber_Long(keep(S("1x")))), AX_LONG_BAD_STR);
    CHECK_EQ_STR(outcome(PyNumber_Long(lst)), AX_LONG_LIST);
    CHECK_EQ_STR(outcome(PyNumber_Long(keep(PyFloat_FromDouble(2.75)))), AX_LONG_FLOAT);
    CHECK_EQ_STR(outcome(PyNumber_Float(keep(S("1.5")))), AX_FLOAT_STR);
    CHECK_EQ_STR(outcome(PyNumber_Float(three)), AX_FLOAT_INT);
    CHECK_EQ_STR(outcome(PyNumber_Float(lst)), AX_FLOAT_LIST);
    CHECK_EQ_STR(outcome(PyNumber_ToBase(keep(I(255)), 16)), AX_TOBASE_16);
    CHECK_EQ_STR(outcome(PyNumber_ToBase(keep(I(-5)), 2)), AX_TOBASE_2);
    CHECK(PyNumber_Check(one) && !PyNumber_Check(a) && PyIndex_Check(one));
}

static void
test_items(void)
{
    PyObject *five = keep(I(5)), *zero = keep(I(0)), *one = keep(I(1)), *a = keep(S("a"));
    PyObject *l12 = keep(list_of(I(1), I(2), NULL));
    PyObject *t1 = keep(PyTuple_Pack(1, one));
    CHECK_EQ_STR(outcome(PyObject_GetItem(five, zero)), AX_GETITEM_INT);
    CHECK_EQ_STR(outcome(PyObject_GetItem((PyObject *)&PyLong_Type, zero)), AX_GETITEM_TYPE);
    CHECK_EQ_STR(outcome(PyObject_GetItem(l12, a)), AX_GETITEM_LIST_STR);
    CHECK_EQ_STR(outcome(PyObject_GetItem(l12, keep(I(-1)))), AX_GETITEM_LIST_NEG);
    CHECK_EQ_STR(outcome(PyObject_GetItem(keep(PyDict_New()), keep(S("k")))),
                 AX_GETITEM_DICT_MISSING);
    CHECK_EQ_STR(outcome(status(PyObject_SetItem(t1, zero, one))), AX_SETITEM_TUPLE);
    CHECK_EQ_STR(outcome(status(PyObject_DelItem(t1, zero))), AX_DELITEM_TUPLE);
    CHECK_EQ_STR(outcome(status(PyObject_SetItem(five, zero, one))), AX_SETITEM_INT);
    CHECK_EQ_STR(outcome(status(PyObject_DelItem(five, zero))), AX_DELITEM_INT);
    CHECK_EQ_STR(outcome(size_result(PyObject_Size(five))), AX_LEN_INT);
    CHECK_EQ_STR(outcome(size_result(PyObject_Size(l12))), AX_LEN_LIST);
    CHECK_EQ_STR(outcome(PyObject_GetIter(five)), AX_ITER_INT);
    PyObject *it = PyObject_GetIter(keep(list_of(I(1), I(2), I(3), NULL)));
    long sum = 0;
    PyObject *item;
    while (it != NULL && (item = PyIter_Next(it)) != NULL) {
        sum += PyLong_AsLong(item);
        Py_DECREF(item);
    }
    CHECK(!PyErr_Occurred());
    CHECK(it != NULL && PyIter_Check(it) && !PyIter_Check(l12));
    Py_XDECREF(it);
    CHECK_EQ_STR(outcome(I(sum)), AX_ITER_LIST_SUM);
    CHECK(PyObject_LengthHint(l12, 7) == 2 && PyObject_LengthHint(five, 7) == 7);
}

static void
test_sequences(void)
{
    PyObject *one = keep(I(1)), *two = keep(I(2)), *three = keep(I(3)), *five = keep(I(5));
    PyObject *l12 = keep(list_of(I(1), I(2), NULL));
    PyObject *t12 = keep(PyTuple_Pack(2, one, two));
    CHECK_EQ_STR(outcome(PySequence_Tuple(l12)), AX_SEQ_TUPLE);
    CHECK_EQ_STR(outcome(PySequence_List(t12)), AX_SEQ_LIST);
    PyObject *c1 = bool_result(PySequence_Contains(l12, two));
    PyObject *c2 = bool_result(PySequence_Contains(t12, three));
    CHECK_EQ_STR(outcome(PyTuple_Pack(2, c1, c2)), AX_SEQ_CONTAINS);
    Py_DECREF(c1);
    Py_DECREF(c2);
    CHECK_EQ_STR(outcome(size_result(PySequence_Count(keep(list_of(I(1), I(2), I(1), NULL)), one))),
                 AX_SEQ_COUNT);
    CHECK_EQ_STR(outcome(size_result(PySequence_Index(l12, three))), AX_SEQ_INDEX_MISSING);
    CHECK_EQ_STR(outcome(size_result(PySequence_Index(l12, two))), AX_SEQ_INDEX);
    CHECK_EQ_STR(outcome(bool_result(PySequence_Contains(five, one))), AX_CONTAINS_INT);
    CHECK_EQ_STR(outcome(PySequence_GetSlice(keep(list_of(I(1), I(2), I(3), I(4), NULL)), 1, 3)),
                 AX_SEQ_SLICE);
    CHECK(PySequence_Check(l12) && !PySequence_Check(keep(PyDict_New())));
    PyObject *fast = PySequence_Fast(five, "custom message");
    CHECK(fast == NULL && PyErr_ExceptionMatches(PyExc_TypeError));
    PyErr_Clear();
    PyObject *d = keep(PyDict_New());
    PyDict_SetItemString(d, "a", one);
    PyDict_SetItemString(d, "b", two);
    CHECK_EQ_STR(outcome(PyMapping_Keys(d)), AX_MAPPING_KEYS);
    PyObject *d1 = keep(PyDict_New());
    PyDict_SetItemString(d1, "a", one);
    CHECK_EQ_STR(outcome(PyMapping_Items(d1)), AX_MAPPING_ITEMS);
    CHECK_EQ_STR(outcome(size_result(PyMapping_Size(five))), AX_MAPPING_LEN_INT);
    CHECK(PyMapping_HasKeyString(d, "a") == 1 && PyMapping_HasKeyString(d, "z") == 0);
}

static void
test_isinstance_format(void)
{
    PyObject *one = keep(I(1)), *five = keep(I(5)), *a = keep(S("a"));
    PyObject *intt = (PyObject *)&PyLong_Type, *strt = (PyObject *)&PyUnicode_Type;
    PyObject *boolt = (PyObject *)&PyBool_Type, *floatt = (PyObject *)&PyFloat_Type;
    PyObject *si = keep(PyTuple_Pack(2, strt, intt)), *iff = keep(PyTuple_Pack(2, intt, floatt));
    PyObject *r[4] = {bool_result(PyObject_IsInstance(one, intt)),
                      bool_result(PyObject_IsInstance(Py_True, intt)),
                      bool_result(PyObject_IsInstance(one, si)),
                      bool_result(PyObject_IsInstance(a, iff))};
    CHECK_EQ_STR(outcome(PyTuple_Pack(4, r[0], r[1], r[2], r[3])), AX_ISINSTANCE);
    for (int i = 0; i < 4; i++) {
        Py_DECREF(r[i]);
    }
    CHECK_EQ_STR(outcome(bool_result(PyObject_IsInstance(one, five))), AX_ISINSTANCE_BAD);
    CHECK_EQ_STR(outcome(bool_result(PyObject_IsSubclass(five, intt))), AX_ISSUBCLASS_BAD1);
    CHECK_EQ_STR(outcome(bool_result(PyObject_IsSubclass(intt, five))), AX_ISSUBCLASS_BAD2);
    r[0] = bool_result(PyObject_IsSubclass(boolt, intt));
    r[1] = bool_result(PyObject_IsSubclass(intt, boolt));
    r[2] = bool_result(PyObject_IsSubclass(boolt, si));
    CHECK_EQ_STR(outcome(PyTuple_Pack(3, r[0], r[1], r[2])), AX_ISSUBCLASS);
    for (int i = 0; i < 3; i++) {
        Py_DECREF(r[i]);
    }
    CHECK_EQ_STR(outcome(PyObject_Format(keep(I(3)), keep(S("")))), AX_FORMAT_INT);
    CHECK_EQ_STR(outcome(PyObject_Format(keep(I(255)), keep(S("x")))), AX_FORMAT_INT_SPEC);
    CHECK_EQ_STR(outcome(PyObject_Format(keep(PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type)),
                                         keep(S("x")))),
                 AX_FORMAT_OBJECT);
}

static PyObject *
fake_globals(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(ignored))
{
    return PyDict_New();
}

static PyObject *
fake_len(PyObject *Py_UNUSED(self), PyObject *arg)
{
    Py_ssize_t n = PyObject_Size(arg);
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

static PyMethodDef globals_def = {"globals", fake_globals, METH_NOARGS, NULL};
static PyMethodDef len_def = {"len", fake_len, METH_O, NULL};

static PyObject *
fast_sum(PyObject *Py_UNUSED(self), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    long total = 0;
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t i = 0; i < nargs + nkw; i++) {
        total += PyLong_AsLong(args[i]);
    }
    return PyLong_FromLong(total);
}

static PyObject *
varargs_count(PyObject *Py_UNUSED(self), PyObject *args, PyObject *kwargs)
{
    Py_ssize_t nkw = kwargs == NULL ? 0 : PyDict_GET_SIZE(kwargs);
    return PyLong_FromSsize_t(PyTuple_GET_SIZE(args) * 10 + nkw);
}

static PyMethodDef fast_sum_def = {"fast_sum", (PyCFunction)(void (*)(void))fast_sum,
                                   METH_FASTCALL | METH_KEYWORDS, NULL};
static PyMethodDef varargs_def = {"varargs_count", (PyCFunction)(void (*)(void))varargs_count,
                                  METH_VARARGS | METH_KEYWORDS, NULL};

static void
test_calls(void)
{
    PyObject *one = keep(I(1)), *two = keep(I(2)), *five = keep(I(5));
    PyObject *glob = keep(PyCFunction_New(&globals_def, NULL));
    PyObject *len = keep(PyCFunction_New(&len_def, NULL));
    PyObject *kw = keep(PyDict_New());
    PyDict_SetItemString(kw, "a", one);
    PyObject *empty = keep(PyTuple_New(0)), *t1 = keep(PyTuple_Pack(1, one));
    CHECK_EQ_STR(outcome(PyObject_CallNoArgs(five)), AX_CALL_INT);
    CHECK_EQ_STR(outcome(PyObject_CallOneArg(glob, one)), AX_NOARGS_GIVEN);
    CHECK_EQ_STR(outcome(PyObject_Call(glob, empty, kw)), AX_NOARGS_KW);
    CHECK_EQ_STR(outcome(PyObject_CallFunctionObjArgs(len, one, two, NULL)), AX_O_TWO);
    PyDict_SetItemString(kw, "x", one);
    PyDict_DelItemString(kw, "a");
    CHECK_EQ_STR(outcome(PyObject_Call(len, empty, kw)), AX_O_KW);
    CHECK_EQ_STR(outcome(PyObject_CallOneArg(len, keep(list_of(I(1), I(2), I(3), NULL)))), AX_O_OK);
    CHECK_EQ_STR(outcome(PyObject_Repr(len)), AX_REPR_BUILTIN);
    /* FASTCALL|KEYWORDS and VARARGS|KEYWORDS through every entry point. */
    PyObject *fs = keep(PyCFunction_New(&fast_sum_def, NULL));
    PyObject *args2 = keep(PyTuple_Pack(2, one, two));
    PyObject *r = PyObject_Call(fs, args2, kw);
    CHECK(r != NULL && PyLong_AsLong(r) == 4);
    Py_XDECREF(r);
    PyObject *va = keep(PyCFunction_New(&varargs_def, NULL));
    r = PyObject_Call(va, args2, kw);
    CHECK(r != NULL && PyLong_AsLong(r) == 21);
    Py_XDECREF(r);
    PyObject *stack[3] = {one, two, five};
    PyObject *kwnames = keep(PyTuple_Pack(1, keep(S("k"))));
    r = PyObject_Vectorcall(va, stack, 2, kwnames);
    CHECK(r != NULL && PyLong_AsLong(r) == 21);
    Py_XDECREF(r);
    r = PyObject_VectorcallDict(fs, stack, 3, NULL);
    CHECK(r != NULL && PyLong_AsLong(r) == 8);
    Py_XDECREF(r);
    r = PyObject_CallObject(fs, NULL);
    CHECK(r != NULL && PyLong_AsLong(r) == 0);
    Py_XDECREF(r);
    CHECK(PyCallable_Check(len) && !PyCallable_Check(five));
    /* Bound builtin methods and method descriptors of list. */
    PyObject *lst = keep(PyList_New(0));
    PyObject *app = keep(PyObject_GetAttrString(lst, "append"));
    PyObject *rr = app == NULL ? NULL : PyObject_Repr(app);
    PyObject *at = keep(S(" at "));
    PyObject *parts = rr == NULL ? NULL : PyUnicode_Split(rr, at, 1);
    CHECK_EQ_STR(outcome(parts == NULL ? NULL : Py_NewRef(PyList_GET_ITEM(parts, 0))),
                 AX_REPR_BOUND_BUILTIN);
    Py_XDECREF(parts);
    Py_XDECREF(rr);
    PyObject *q1 = app == NULL ? NULL : PyObject_GetAttrString(app, "__qualname__");
    PyObject *q2 = PyObject_GetAttrString(len, "__qualname__");
    CHECK_EQ_STR(outcome(q1 && q2 ? PyTuple_Pack(2, q1, q2) : NULL), AX_BUILTIN_QUALNAME);
    Py_XDECREF(q1);
    Py_XDECREF(q2);
    PyObject *descr = PyDict_GetItemString(PyList_Type.tp_dict, "append");
    CHECK_EQ_STR(outcome(PyObject_CallNoArgs(descr)), AX_UNBOUND_NEEDS_ARG);
    CHECK_EQ_STR(outcome(PyObject_CallFunctionObjArgs(descr, one, two, NULL)), AX_DESCR_WRONG_SELF);
    CHECK_EQ_STR(outcome(PyObject_Repr(descr)), AX_METHOD_DESCR_REPR);
    r = PyObject_CallFunctionObjArgs(descr, lst, one, NULL);
    CHECK(r == Py_None && PyList_GET_SIZE(lst) == 1);
    Py_XDECREF(r);
    PyObject *fk = PyDict_GetItemString(PyDict_Type.tp_dict, "fromkeys");
    CHECK_EQ_STR(outcome(PyObject_Repr(fk)), AX_CLASSMETHOD_DESCR_REPR);
    CHECK_EQ_STR(outcome(PyObject_CallNoArgs(fk)), AX_CLASSMETHOD_DESCR_NOARG);
    CHECK_EQ_STR(outcome(PyObject_CallOneArg(fk, one)), AX_CLASSMETHOD_DESCR_NOTTYPE);
    CHECK_EQ_STR(outcome(PyObject_CallOneArg(fk, (PyObject *)&PyLong_Type)),
                 AX_CLASSMETHOD_DESCR_NOTSUB);
    CHECK_EQ_STR(outcome(PyObject_Repr(PyDict_GetItemString(PyLong_Type.tp_dict, "real"))),
                 AX_GETSET_REPR);
    CHECK_EQ_STR(outcome(PyObject_Repr(PyDict_GetItemString(PyType_Type.tp_dict, "__basicsize__"))),
                 AX_MEMBER_REPR);
    PyObject *sm = keep(PyStaticMethod_New(len));
    CHECK_EQ_STR(outcome(PyObject_Repr(sm)), AX_STATICMETHOD_REPR_PREFIX);
    CHECK_EQ_STR(outcome(PyObject_Repr(keep(PyClassMethod_New(len)))), AX_CLASSMETHOD_REPR_PREFIX);
    CHECK_EQ_STR(outcome(PyObject_CallOneArg(sm, keep(list_of(I(1), I(2), NULL)))),
                 AX_STATICMETHOD_CALL);
    /* Argument-checking helpers. */
    PyObject *args3 = keep(PyTuple_Pack(3, (PyObject *)&PyLong_Type, one, two));
    CHECK_EQ_STR(outcome(PyObject_Call((PyObject *)&PySuper_Type, args3, NULL)), AX_CHECKPOS_MAX);
    PyObject *pow = keep(PyObject_GetAttrString((PyObject *)&PyLong_Type, "__pow__"));
    CHECK_EQ_STR(outcome(PyObject_CallOneArg(pow, one)), AX_UNPACK_EMPTY_NAME);
    CHECK(_PyArg_NoKeywords("f", NULL) == 1 && _PyArg_NoPositional("f", empty) == 1);
    CHECK(_PyArg_NoPositional("f", t1) == 0);
    PyErr_Clear();
}

static PyObject *
module_hook(PyObject *Py_UNUSED(self), PyObject *name)
{
    return PyUnicode_FromFormat("hook:%U", name);
}

static PyMethodDef hook_def = {"__getattr__", module_hook, METH_O, NULL};

static void
test_modules_and_proxy(void)
{
    PyObject *m = keep(PyModule_New("mymod"));
    CHECK_EQ_STR(outcome(PyObject_Repr(m)), AX_MODULE_REPR);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(m, "zz")), AX_MODULE_NO_ATTR);
    CHECK(PyModule_AddIntConstant(m, "answer", 42) == 0);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(m, "answer")), AX_MODULE_INT_CONST);
    PyObject *keys = PyMapping_Keys(
        keep(PyModule_New("mymod")) == NULL ? NULL : PyModule_GetDict(pool[npool - 1]));
    if (keys != NULL) {
        PyList_Sort(keys);
    }
    CHECK_EQ_STR(outcome(keys), AX_MODULE_DICT_KEYS);
    PyObject *hook = keep(PyCFunction_New(&hook_def, NULL));
    CHECK(PyObject_SetAttrString(m, "__getattr__", hook) == 0);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(m, "zz")), AX_MODULE_GETATTR_HOOK);
    PyObject *mf = keep(PyModule_New("mymod"));
    CHECK(PyModule_AddStringConstant(mf, "__file__", "/x/mymod.py") == 0);
    CHECK_EQ_STR(outcome(PyObject_Repr(mf)), AX_MODULE_FILE_REPR);
    CHECK(PyModule_GetState(m) == NULL && PyModule_GetDef(m) == NULL);
    CHECK(strcmp(PyModule_GetName(m), "mymod") == 0);
    PyObject *d = keep(PyDict_New());
    PyDict_SetItemString(d, "a", keep(I(1)));
    PyObject *proxy = keep(PyDictProxy_New(d));
    CHECK_EQ_STR(outcome(PyObject_Repr(proxy)), AX_PROXY_REPR);
    CHECK_EQ_STR(outcome(PyDictProxy_New(keep(list_of(I(1), NULL)))), AX_PROXY_NOT_MAPPING);
    PyObject *get = keep(S("get"));
    PyObject *g1 = PyObject_CallMethodObjArgs(proxy, get, keep(S("a")), NULL);
    PyObject *g2 = PyObject_CallMethodObjArgs(proxy, get, keep(S("b")), NULL);
    CHECK_EQ_STR(outcome(g1 && g2 ? PyTuple_Pack(2, g1, g2) : NULL), AX_PROXY_GET);
    Py_XDECREF(g1);
    Py_XDECREF(g2);
}

static PyModuleDef test_def = {
    PyModuleDef_HEAD_INIT, "defmod", "A test module.", 0, NULL, NULL, NULL, NULL, NULL,
};

static void
test_module_def(void)
{
    PyObject *m = PyModule_Create(&test_def);
    CHECK(m != NULL && PyModule_GetDef(m) == &test_def);
    PyObject *doc = m == NULL ? NULL : PyObject_GetAttrString(m, "__doc__");
    CHECK(doc != NULL && PyUnicode_CompareWithASCIIString(doc, "A test module.") == 0);
    PyErr_Clear();
    Py_XDECREF(doc);
    Py_XDECREF(m);
    CHECK(Py_IS_TYPE(&test_def, &PyModuleDef_Type));
}

static PyTypeObject *seen_cls;
static PyObject *
meth_method_impl(PyObject *self, PyTypeObject *cls, PyObject *const *args, size_t nargsf,
                 PyObject *kwnames)
{
    (void)self;
    (void)args;
    (void)kwnames;
    seen_cls = cls;
    return PyLong_FromSsize_t(PyVectorcall_NARGS(nargsf));
}

static PyMethodDef spec_methods[] = {
    {"which", (PyCFunction)(void (*)(void))meth_method_impl,
     METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

static int exec_ran;

static int
exec_slot(PyObject *m)
{
    exec_ran++;
    return PyModule_AddIntConstant(m, "from_exec", 7);
}

static PyModuleDef_Slot phase_slots[] = {{Py_mod_exec, (void *)exec_slot}, {0, NULL}};
static PyModuleDef phase_def = {
    PyModuleDef_HEAD_INIT, "phasemod", NULL, 16, NULL, phase_slots, NULL, NULL, NULL,
};

static void
test_extras(void)
{
    CHECK_EQ_STR(outcome(PyObject_ASCII(keep(S("caf\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80")))),
                 AX_ASCII_REPR);
    CHECK_EQ_STR(outcome(PyObject_Bytes(keep(list_of(I(65), I(66), NULL)))), AX_BYTES_OF_LIST);
    PyObject *len = keep(PyCFunction_New(&len_def, NULL));
    PyObject *glob = keep(PyCFunction_New(&globals_def, NULL));
    PyObject *fs = keep(PyCFunction_New(&fast_sum_def, NULL));
    PyObject *p = keep(PyObject_CallOneArg((PyObject *)&PyProperty_Type, len));
    PyObject *setter = keep(S("setter")), *deleter = keep(S("deleter"));
    PyObject *q = keep(PyObject_CallMethodOneArg(p, setter, glob));
    PyObject *r = keep(PyObject_CallMethodOneArg(q, deleter, fs));
    PyObject *f[5] = {PyObject_GetAttrString(p, "fget"), PyObject_GetAttrString(q, "fget"),
                      PyObject_GetAttrString(q, "fset"), PyObject_GetAttrString(r, "fdel"),
                      PyObject_GetAttrString(r, "fset")};
    PyObject *want[5] = {len, len, glob, fs, glob};
    PyObject *b[5];
    for (int i = 0; i < 5; i++) {
        b[i] = PyBool_FromLong(f[i] == want[i]);
        Py_XDECREF(f[i]);
    }
    PyObject *tn = keep(PyObject_GetAttrString((PyObject *)Py_TYPE(r), "__name__"));
    CHECK_EQ_STR(outcome(PyTuple_Pack(6, b[0], b[1], b[2], b[3], b[4], tn)), AX_PROP_COPY);
    for (int i = 0; i < 5; i++) {
        Py_DECREF(b[i]);
    }
    /* Buffers. */
    PyObject *bytes = keep(PyBytes_FromStringAndSize("hello", 5));
    Py_buffer view;
    CHECK(PyObject_CheckBuffer(bytes) && !PyObject_CheckBuffer(len));
    CHECK(PyObject_GetBuffer(bytes, &view, PyBUF_SIMPLE) == 0);
    CHECK(view.len == 5 && memcmp(view.buf, "hello", 5) == 0 && view.obj == bytes);
    CHECK(PyBuffer_IsContiguous(&view, 'C') && PyBuffer_IsContiguous(&view, 'A'));
    char out[5];
    CHECK(PyBuffer_ToContiguous(out, &view, 5, 'C') == 0 && memcmp(out, "hello", 5) == 0);
    PyBuffer_Release(&view);
    CHECK(view.obj == NULL);
    CHECK(PyObject_GetBuffer(len, &view, PyBUF_SIMPLE) == -1);
    PyErr_Clear();
    char raw[4] = "abc";
    CHECK(PyBuffer_FillInfo(&view, NULL, raw, 3, 1, PyBUF_WRITABLE) == -1);
    PyErr_Clear();
    CHECK(PyBuffer_FillInfo(&view, NULL, raw, 3, 0, PyBUF_FULL) == 0);
    CHECK(view.ndim == 1 && view.shape[0] == 3 && view.strides[0] == 1 &&
          strcmp(view.format, "B") == 0);
    Py_ssize_t shape[2] = {2, 3}, strides[2];
    PyBuffer_FillContiguousStrides(2, shape, strides, 4, 'C');
    CHECK(strides[0] == 12 && strides[1] == 4);
    PyBuffer_FillContiguousStrides(2, shape, strides, 4, 'F');
    CHECK(strides[0] == 4 && strides[1] == 8);
    CHECK(PyBuffer_SizeFromFormat("d") == 8);
    /* Multi-phase module initialisation. */
    PyObject *spec = keep(PyModule_New("spec"));
    PyObject *pname = keep(S("phasemod"));
    PyObject_SetAttrString(spec, "name", pname);
    PyObject *mod =
        keep(PyModule_FromDefAndSpec((PyModuleDef *)PyModuleDef_Init(&phase_def), spec));
    /* As in CPython, the state is allocated by PyModule_ExecDef, not at creation. */
    CHECK(mod != NULL && PyModule_GetState(mod) == NULL);
    CHECK(mod != NULL && PyModule_ExecDef(mod, &phase_def) == 0 && exec_ran == 1);
    CHECK(mod != NULL && PyModule_GetState(mod) != NULL);
    PyObject *v = mod == NULL ? NULL : PyObject_GetAttrString(mod, "from_exec");
    CHECK(v != NULL && PyLong_AsLong(v) == 7);
    Py_XDECREF(v);
    PyErr_Clear();
    /* METH_METHOD receives the defining class; PyType_GetModuleByDef finds the module. */
    PyType_Slot slots[] = {{Py_tp_methods, spec_methods}, {0, NULL}};
    PyType_Spec tspec = {"phasemod.T", (int)sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, slots};
    PyObject *T = mod == NULL ? NULL : keep(PyType_FromModuleAndSpec(mod, &tspec, NULL));
    CHECK(T != NULL);
    PyObject *t = T == NULL ? NULL : keep(PyObject_CallNoArgs(T));
    PyObject *which = keep(S("which"));
    PyObject *res = t == NULL ? NULL : PyObject_CallMethodObjArgs(t, which, len, len, NULL);
    CHECK(res != NULL && PyLong_AsLong(res) == 2 && seen_cls == (PyTypeObject *)T);
    Py_XDECREF(res);
    CHECK(T != NULL && PyType_GetModule((PyTypeObject *)T) == mod &&
          PyType_GetModuleByDef((PyTypeObject *)T, &phase_def) == mod);
    PyErr_Clear();
    /* AttributeError carries name and obj (3.11 suggestions). */
    PyObject *five = keep(I(5));
    CHECK(PyObject_GetAttrString(five, "foo") == NULL);
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    PyErr_NormalizeException(&et, &ev, &etb);
    PyObject *en = ev == NULL ? NULL : PyObject_GetAttrString(ev, "name");
    PyObject *eo = ev == NULL ? NULL : PyObject_GetAttrString(ev, "obj");
    CHECK_EQ_STR(outcome(en && eo ? PyTuple_Pack(2, en, eo) : NULL), AX_ATTR_ERROR_CONTEXT);
    Py_XDECREF(en);
    Py_XDECREF(eo);
    Py_XDECREF(et);
    Py_XDECREF(ev);
    Py_XDECREF(etb);
    /* _Py_Identifier forms. */
    _Py_IDENTIFIER(append);
    PyObject *lst = keep(PyList_New(0));
    PyObject *bound = _PyObject_GetAttrId(lst, &PyId_append);
    CHECK(bound != NULL && PyCFunction_Check(bound));
    Py_XDECREF(bound);
    PyObject *r2 = _PyObject_CallMethodIdObjArgs(lst, &PyId_append, five, NULL);
    CHECK(r2 == Py_None && PyList_GET_SIZE(lst) == 1);
    Py_XDECREF(r2);
    CHECK(_PyType_LookupId(&PyList_Type, &PyId_append) != NULL);
    /* Format-string calls. */
    PyObject *fsum = keep(PyCFunction_New(&fast_sum_def, NULL));
    PyObject *vcount = keep(PyCFunction_New(&varargs_def, NULL));
    PyObject *r3 = PyObject_CallFunction(fsum, "iln", 1, 2L, (Py_ssize_t)3);
    CHECK(r3 != NULL && PyLong_AsLong(r3) == 6);
    Py_XDECREF(r3);
    r3 = PyObject_CallFunction(fsum, "(ii)", 4, 5);
    CHECK(r3 != NULL && PyLong_AsLong(r3) == 9);
    Py_XDECREF(r3);
    PyObject *pair = keep(PyTuple_Pack(2, five, five));
    r3 = PyObject_CallFunction(vcount, "O", pair); /* a lone tuple becomes the arguments */
    CHECK(r3 != NULL && PyLong_AsLong(r3) == 20);
    Py_XDECREF(r3);
    r3 = PyObject_CallFunction(vcount, NULL);
    CHECK(r3 != NULL && PyLong_AsLong(r3) == 0);
    Py_XDECREF(r3);
    r3 = PyObject_CallMethod(lst, "append", "s", "txt");
    CHECK(r3 == Py_None && PyList_GET_SIZE(lst) == 2 &&
          PyUnicode_CompareWithASCIIString(PyList_GET_ITEM(lst, 1), "txt") == 0);
    Py_XDECREF(r3);
    r3 = PyObject_CallMethod(lst, "__len__", NULL);
    CHECK(r3 != NULL && PyLong_AsLong(r3) == 2);
    Py_XDECREF(r3);
    CHECK(PyObject_CallMethod(lst, "nope", NULL) == NULL &&
          PyErr_ExceptionMatches(PyExc_AttributeError));
    PyErr_Clear();
    CHECK(PyDescr_IsData(PyDict_GetItemString(PyType_Type.tp_dict, "__name__")) &&
          !PyDescr_IsData(PyDict_GetItemString(PyList_Type.tp_dict, "append")));
}

static void
run_tests(void)
{
    if (pyrs_runtime_init() < 0) {
        CHECK(!"pyrs_runtime_init failed");
        return;
    }
    test_numbers();
    test_items();
    test_sequences();
    test_isinstance_format();
    test_calls();
    test_modules_and_proxy();
    test_module_def();
    test_extras();
    while (npool > 0) {
        Py_DECREF(pool[--npool]);
    }
}
