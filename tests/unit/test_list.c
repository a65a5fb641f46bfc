/* test_list.c: list against the oracle (containers_expect.h, recorded by
 * gen_containers_expect.py): slicing, slice and extended-slice assignment and deletion with
 * their errors, list.sort results and the exact number of comparisons (stability through a
 * key), over-allocation seen through __sizeof__, comparisons and method errors. */
#include "containers_testutil.h"

#include "containers_expect.h"

/* A sort key that counts the comparisons made on it (twin of the generator's Counted). */
typedef struct {
    PyObject_HEAD
    long v; /* the key value */
} CountedObject;

static long compare_count;

static PyObject *
counted_richcompare(PyObject *a, PyObject *b, int op)
{
    if (op != Py_LT || !Py_IS_TYPE(b, Py_TYPE(a))) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    compare_count++;
    return PyBool_FromLong(((CountedObject *)a)->v < ((CountedObject *)b)->v);
}

static void
counted_dealloc(PyObject *op)
{
    PyObject_Free(op);
}

static PyTypeObject Counted_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "Counted",
    .tp_basicsize = sizeof(CountedObject),
    .tp_dealloc = counted_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_richcompare = counted_richcompare,
};

/* key(x) = Counted(x // div); when target is set, key(x) appends x to it and returns x. */
typedef struct {
    PyObject_HEAD
    long div;         /* divisor */
    PyObject *target; /* borrowed list to mutate, or NULL */
} KeyFuncObject;

static PyObject *
keyfunc_call(PyObject *self, PyObject *args, PyObject *kwargs)
{
    (void)kwargs;
    PyObject *target = ((KeyFuncObject *)self)->target;
    if (target != NULL) {
        if (PyList_Append(target, PyTuple_GET_ITEM(args, 0)) < 0) {
            return NULL;
        }
        return Py_NewRef(PyTuple_GET_ITEM(args, 0));
    }
    CountedObject *c = PyObject_New(CountedObject, &Counted_Type);
    if (c == NULL) {
        return NULL;
    }
    c->v = PyLong_AsLong(PyTuple_GET_ITEM(args, 0)) / ((KeyFuncObject *)self)->div;
    return (PyObject *)c;
}

static PyTypeObject KeyFunc_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "KeyFunc",
    .tp_basicsize = sizeof(KeyFuncObject),
    .tp_dealloc = counted_dealloc,
    .tp_call = keyfunc_call,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

static PyObject *
ints_to_list(const char *s)
{
    PyObject *l = PyList_New(0);
    long v;
    while (next_long(&s, &v)) {
        PyObject *o = PyLong_FromLong(v);
        PyList_Append(l, o);
        Py_DECREF(o);
    }
    return l;
}

static int
list_matches_ints(PyObject *l, const char *s)
{
    long v;
    Py_ssize_t i = 0;
    while (next_long(&s, &v)) {
        if (i >= PyList_GET_SIZE(l) || PyLong_AsLong(PyList_GET_ITEM(l, i)) != v) {
            return 0;
        }
        i++;
    }
    return i == PyList_GET_SIZE(l);
}

static void
test_sort(void)
{
    CHECK(PyType_Ready(&Counted_Type) == 0 && PyType_Ready(&KeyFunc_Type) == 0);
    for (size_t i = 0; i < Py_ARRAY_LENGTH(sort_cases); i++) {
        PyObject *l = ints_to_list(sort_cases[i].vals);
        KeyFuncObject *key = PyObject_New(KeyFuncObject, &KeyFunc_Type);
        key->div = sort_cases[i].div;
        key->target = NULL;
        PyObject *kw = PyDict_New(), *noargs = PyTuple_New(0);
        PyDict_SetItemString(kw, "key", (PyObject *)key);
        PyDict_SetItemString(kw, "reverse", PyBool_FromLong(sort_cases[i].reverse));
        PyObject *sort = PyObject_GetAttrString(l, "sort");
        compare_count = 0;
        PyObject *res = sort ? PyObject_Call(sort, noargs, kw) : NULL;
        if (res == NULL) {
            fprintf(stderr, "sort case %zu: %s\n", i, exc_text());
        }
        CHECK(res == Py_None);
        int same = list_matches_ints(l, sort_cases[i].result);
        if (!same) {
            fprintf(stderr, "sort case %zu: wrong order\n", i);
        }
        CHECK(same);
        CHECK_EQ_INT(compare_count, sort_cases[i].compares);
        Py_XDECREF(res);
        Py_XDECREF(sort);
        Py_DECREF(noargs);
        Py_DECREF(kw);
        Py_DECREF(key);
        Py_DECREF(l);
    }
}

/* "a:b:c" with empty parts meaning None. */
static PyObject *
parse_slice(const char *s)
{
    PyObject *parts[3] = {NULL, NULL, NULL};
    for (int k = 0; k < 3; k++) {
        if (*s != ':' && *s != '\0') {
            parts[k] = parse_int(&s);
        }
        if (*s == ':') {
            s++;
        }
    }
    PyObject *sl = PySlice_New(parts[0], parts[1], parts[2]);
    for (int k = 0; k < 3; k++) {
        Py_XDECREF(parts[k]);
    }
    return sl;
}

static PyObject *
range_list(long lo, long n)
{
    PyObject *l = PyList_New(n);
    for (long i = 0; i < n; i++) {
        PyList_SET_ITEM(l, i, PyLong_FromLong(lo + i));
    }
    return l;
}

static void
test_slices(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(list_slice_cases); i++) {
        PyObject *sl = parse_slice(list_slice_cases[i].slice);
        PyObject *l = range_list(0, list_slice_cases[i].n);
        CHECK_EQ_STR(repr_or_exc(PyObject_GetItem(l, sl)), list_slice_cases[i].get);
        PyObject *v = range_list(100, list_slice_cases[i].m);
        if (PyObject_SetItem(l, sl, v) < 0) {
            CHECK_EQ_STR(exc_text(), list_slice_cases[i].set);
        } else {
            CHECK_EQ_STR(repr_or_exc(Py_NewRef(l)), list_slice_cases[i].set);
        }
        Py_DECREF(v);
        Py_DECREF(l);
        l = range_list(0, list_slice_cases[i].n);
        if (PyObject_DelItem(l, sl) < 0) {
            CHECK_EQ_STR(exc_text(), list_slice_cases[i].del);
        } else {
            CHECK_EQ_STR(repr_or_exc(Py_NewRef(l)), list_slice_cases[i].del);
        }
        Py_DECREF(l);
        Py_DECREF(sl);
    }
}

static PyObject *
call(PyObject *self, const char *name, PyObject *arg1, PyObject *arg2)
{
    PyObject *m = PyObject_GetAttrString(self, name), *res = NULL;
    if (m == NULL) {
        return NULL;
    }
    if (arg1 == NULL) {
        res = PyObject_CallNoArgs(m);
    } else if (arg2 == NULL) {
        res = PyObject_CallOneArg(m, arg1);
    } else {
        res = PyObject_CallFunctionObjArgs(m, arg1, arg2, NULL);
    }
    Py_DECREF(m);
    return res;
}

static void
test_methods(void)
{
    PyObject *empty = PyList_New(0), *one = lit("[1]"), *i1 = PyLong_FromLong(1);
    PyObject *i2 = PyLong_FromLong(2), *i5 = PyLong_FromLong(5), *str = PyUnicode_FromString("a");
    CHECK_EQ_STR(repr_or_exc(call(empty, "pop", NULL, NULL)), misc("list.pop_empty"));
    CHECK_EQ_STR(repr_or_exc(call(one, "pop", i5, NULL)), misc("list.pop_range"));
    CHECK_EQ_STR(repr_or_exc(call(one, "index", i2, NULL)), misc("list.index_missing"));
    CHECK_EQ_STR(repr_or_exc(call(one, "remove", i2, NULL)), misc("list.remove_missing"));
    CHECK_EQ_STR(repr_or_exc(PyObject_GetItem(one, str)), misc("list.getitem_str"));
    PyObject *i3 = PyLong_FromLong(3);
    CHECK_EQ_STR(repr_or_exc(PyObject_GetItem(one, i3)), misc("list.getitem_range"));
    CHECK(PyObject_SetItem(one, i3, i1) < 0);
    CHECK_EQ_STR(exc_text(), misc("list.setitem_range"));
    PyObject *t = lit("(2,)");
    CHECK_EQ_STR(repr_or_exc(PyNumber_Add(one, t)), misc("list.concat_tuple"));
    Py_DECREF(t);
    CHECK_EQ_STR(repr_or_exc(call(empty, "sort", i1, NULL)), misc("list.sort_positional"));
    PyObject *l = lit("[1, 2, 3]"), *m10 = PyLong_FromLong(-10), *p10 = PyLong_FromLong(10);
    PyObject *zero = PyLong_FromLong(0), *nine = PyLong_FromLong(9), *mone = PyLong_FromLong(-1);
    Py_XDECREF(call(l, "insert", m10, zero));
    Py_XDECREF(call(l, "insert", p10, nine));
    Py_XDECREF(call(l, "insert", mone, i5));
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(l)), misc("list.insert"));
    PyObject *l12 = lit("[1, 2]");
    CHECK_EQ_STR(repr_or_exc(PySequence_Repeat(l12, 3)), misc("list.mul"));
    PyObject *l1212 = lit("[1, 2, 1, 2]");
    CHECK_EQ_STR(repr_or_exc(call(l1212, "index", i2, i2)), misc("list.index_start"));
    PyObject *l5 = lit("[1, 2, 1, 2, 1]");
    CHECK_EQ_STR(repr_or_exc(call(l5, "count", i1, NULL)), misc("list.count"));
    PyObject *l123 = lit("[1, 2, 3]");
    PyObject *rev = PyObject_CallOneArg((PyObject *)&PyReversed_Type, l123);
    CHECK_EQ_STR(repr_or_exc(rev ? PySequence_List(rev) : NULL), misc("list.reversed"));
    Py_XDECREF(rev);
    PyObject *n1 = lit("[1, [2, 3]]"), *n2 = lit("[1, [2, 3]]");
    CHECK_EQ_STR(repr_or_exc(PyObject_RichCompare(n1, n2, Py_EQ)), misc("list.eq_nested"));
    /* Self-containing list. */
    PyObject *self = lit("[1]");
    CHECK(PyList_Append(self, self) == 0);
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(self)), misc("list.self_repr"));
    CHECK(PySequence_DelItem(self, 1) == 0);
    Py_DECREF(self);
    PyObject *objs[] = {empty, one,  i1,   i2,  i3,    i5, str,  l,  m10, p10,
                        zero,  nine, mone, l12, l1212, l5, l123, n1, n2};
    for (size_t k = 0; k < Py_ARRAY_LENGTH(objs); k++) {
        Py_DECREF(objs[k]);
    }
}

static void
test_sort_mutation(void)
{
    PyObject *l = lit("[3, 1, 2]");
    KeyFuncObject *key = PyObject_New(KeyFuncObject, &KeyFunc_Type);
    key->div = 1;
    key->target = l;
    PyObject *kw = PyDict_New(), *noargs = PyTuple_New(0);
    PyDict_SetItemString(kw, "key", (PyObject *)key);
    PyObject *sort = PyObject_GetAttrString(l, "sort");
    CHECK_EQ_STR(repr_or_exc(sort ? PyObject_Call(sort, noargs, kw) : NULL),
                 misc("list.sort_mutate"));
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(l)), misc("list.sort_mutate_state"));
    Py_XDECREF(sort);
    Py_DECREF(kw);
    Py_DECREF(noargs);
    Py_DECREF(key);
    Py_DECREF(l);
}

/* Reference cycles through a list, a dict and a tuple are found by the collector. */
static void
test_gc_cycles(void)
{
    (void)PyGC_Collect();
    PyObject *l = PyList_New(0), *d = PyDict_New(), *inner = PyList_New(0);
    PyObject *one = PyLong_FromLong(1);
    CHECK(PyList_Append(l, l) == 0);
    CHECK(PyDict_SetItem(d, one, d) == 0);
    PyObject *t = PyTuple_Pack(1, inner);
    CHECK(PyList_Append(inner, t) == 0);
    Py_DECREF(l);
    Py_DECREF(d);
    Py_DECREF(inner);
    Py_DECREF(t);
    Py_DECREF(one);
    char buf[32];
    snprintf(buf, sizeof(buf), "%zd", PyGC_Collect());
    CHECK_EQ_STR(buf, misc("gc.cycles"));
}

/* Freeing very deep nestings (list/tuple/dict alternating) must not exhaust the C stack. */
static void
test_deep_dealloc(void)
{
    PyObject *top = PyList_New(0), *key = PyLong_FromLong(0);
    long depth = 0;
    for (; depth < 1000000 && top != NULL; depth++) {
        PyObject *next;
        if (depth % 3 == 0) {
            next = PyTuple_Pack(1, top);
        } else if (depth % 3 == 1) {
            next = PyDict_New();
            if (next != NULL && PyDict_SetItem(next, key, top) < 0) {
                Py_CLEAR(next);
            }
        } else {
            next = PyList_New(0);
            if (next != NULL && PyList_Append(next, top) < 0) {
                Py_CLEAR(next);
            }
        }
        Py_DECREF(top);
        top = next;
    }
    CHECK_EQ_INT(depth, 1000000);
    Py_XDECREF(top); /* a crash here fails the test */
    Py_DECREF(key);
    PyObject *after = PyList_New(0);
    CHECK(after != NULL && PyList_Append(after, after) == 0 && PyList_GET_SIZE(after) == 1);
    Py_XDECREF(after);
}

static void
test_more_methods(void)
{
    PyObject *l = lit("[1]"), *t23 = lit("(2, 3)"), *five = PyLong_FromLong(5);
    PyObject *r = PySequence_InPlaceConcat(l, t23);
    Py_XDECREF(r);
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(l)), misc("list.iadd_tuple"));
    CHECK_EQ_STR(repr_or_exc(PySequence_InPlaceConcat(l, five)), misc("list.iadd_int"));
    PyObject *l12 = lit("[1, 2]");
    Py_XDECREF(PySequence_InPlaceRepeat(l12, 2));
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(l12)), misc("list.imul"));
    Py_XDECREF(PySequence_InPlaceRepeat(l12, 0));
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(l12)), misc("list.imul_zero"));
    PyObject *re = lit("[1, 2]"), *t3 = lit("(3,)"), *args = PyTuple_Pack(1, t3);
    CHECK(Py_TYPE(re)->tp_init(re, args, NULL) == 0);
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(re)), misc("list.reinit"));
    PyObject *ex = lit("[1, 2]");
    Py_XDECREF(_PyList_Extend((PyListObject *)ex, ex));
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(ex)), misc("list.extend_self"));
    PyObject *dl = lit("[1, 2, 3]"), *m2 = PyLong_FromLong(-2);
    CHECK(PyObject_DelItem(dl, m2) == 0);
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(dl)), misc("list.del_item"));
    PyObject *c12 = lit("[1, 2]"), *two = PyLong_FromLong(2), *three = PyLong_FromLong(3);
    PyObject *res = PyList_New(0);
    PyList_Append(res, PyBool_FromLong(PySequence_Contains(c12, two)));
    PyList_Append(res, PyBool_FromLong(PySequence_Contains(c12, three)));
    CHECK_EQ_STR(repr_or_exc(res), misc("list.contains"));
    PyObject *nested = lit("[1, [2]]");
    CHECK_EQ_STR(repr_or_exc(call(nested, "copy", NULL, NULL)), misc("list.copy"));
    Py_XDECREF(call(c12, "clear", NULL, NULL));
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(c12)), misc("list.clear"));
    PyObject *a = lit("[1, 2]"), *b = lit("[1, 3]");
    CHECK_EQ_STR(repr_or_exc(PyObject_RichCompare(a, b, Py_LT)), misc("list.lt"));
    PyObject *t5 = lit("(1, 2, 3, 4, 5)"), *a5 = PyTuple_Pack(1, t5);
    PyObject *fromt = PyObject_Call((PyObject *)&PyList_Type, a5, NULL);
    CHECK_EQ_STR(repr_or_exc(fromt ? call(fromt, "__sizeof__", NULL, NULL) : NULL),
                 misc("list.sizeof_from_tuple"));
    /* __sizeof__ after the different extend paths. */
    PyObject *sizes = PyList_New(0), *r5 = lit("[0, 1, 2, 3, 4]"), *lst, *it;
    lst = PyList_New(0);
    it = PyObject_GetIter(r5);
    Py_XDECREF(_PyList_Extend((PyListObject *)lst, it));
    Py_XDECREF(it);
    PyList_Append(sizes, call(lst, "__sizeof__", NULL, NULL));
    Py_DECREF(lst);
    PyObject *a1 = PyTuple_Pack(1, r5);
    lst = PyObject_Call((PyObject *)&PyList_Type, a1, NULL);
    PyList_Append(sizes, lst ? call(lst, "__sizeof__", NULL, NULL) : Py_None);
    Py_XDECREF(lst);
    lst = lit("[1]");
    it = PyObject_GetIter(r5);
    Py_XDECREF(_PyList_Extend((PyListObject *)lst, it));
    Py_XDECREF(it);
    PyList_Append(sizes, call(lst, "__sizeof__", NULL, NULL));
    Py_DECREF(lst);
    PyObject *zero1 = lit("[0]"), *hundred = PySequence_Repeat(zero1, 100);
    CHECK(PyList_SetSlice(hundred, 10, 100, NULL) == 0);
    PyObject *one_l = lit("[1]");
    it = PyObject_GetIter(one_l);
    Py_XDECREF(_PyList_Extend((PyListObject *)hundred, it));
    Py_XDECREF(it);
    PyList_Append(sizes, call(hundred, "__sizeof__", NULL, NULL));
    CHECK_EQ_STR(repr_or_exc(sizes), misc("list.sizeof_extends"));
    PyObject *objs[] = {l,     t23,    five, l12, re, t3, args,  ex, dl, m2,    c12,     two,
                        three, nested, a,    b,   t5, a5, fromt, r5, a1, zero1, hundred, one_l};
    for (size_t k = 0; k < Py_ARRAY_LENGTH(objs); k++) {
        Py_XDECREF(objs[k]);
    }
}

/* Applies one op of list_op_cases ("a", "p", "iK", "eN", "xN", "dA:B") to L. */
static int
apply_list_op(PyObject *l, const char **p)
{
    char op = *(*p)++;
    long a = 0, b = 0;
    if (op != 'a' && op != 'p') {
        next_long(p, &a);
    }
    if (**p == ':') {
        (*p)++;
        next_long(p, &b);
    }
    PyObject *item = PyLong_FromLong(op == 'i' ? 2 : op == 'a' ? 1 : 3), *src = NULL;
    int rc = 0;
    switch (op) {
    case 'a':
        rc = PyList_Append(l, item);
        break;
    case 'p': {
        PyObject *v = call(l, "pop", NULL, NULL);
        rc = v ? 0 : -1;
        Py_XDECREF(v);
        break;
    }
    case 'i':
        rc = PyList_Insert(l, a, item);
        break;
    case 'd':
        rc = PyList_SetSlice(l, a, b, NULL);
        break;
    default: {
        PyObject *one = PyList_New(1);
        PyList_SET_ITEM(one, 0, Py_NewRef(item));
        src = PySequence_Repeat(one, a);
        Py_DECREF(one);
        PyObject *arg = op == 'e' ? Py_NewRef(src) : PyObject_GetIter(src);
        PyObject *r = _PyList_Extend((PyListObject *)l, arg);
        rc = r ? 0 : -1;
        Py_XDECREF(r);
        Py_XDECREF(arg);
        break;
    }
    }
    Py_XDECREF(src);
    Py_DECREF(item);
    return rc;
}

static void
test_list_ops_sizeof(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(list_op_cases); i++) {
        PyObject *l = PyList_New(0);
        const char *p = list_op_cases[i].ops, *sizes = list_op_cases[i].sizes;
        int step = 0, ok = 1;
        while (ok && *p) {
            while (*p == ' ') {
                p++;
            }
            long want = -1;
            next_long(&sizes, &want);
            ok = apply_list_op(l, &p) == 0;
            long got = (long)(sizeof(PyListObject) +
                              sizeof(PyObject *) * (size_t)((PyListObject *)l)->allocated);
            if (got != want) {
                fprintf(stderr, "list op case %zu step %d: sizeof %ld, oracle %ld\n", i, step, got,
                        want);
                ok = 0;
            }
            step++;
        }
        CHECK(ok);
        Py_DECREF(l);
    }
}

static void
test_sizeof(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(list_append_sizeof); i++) {
        PyObject *l = PyList_New(0);
        for (int k = 0; k < list_append_sizeof[i].n; k++) {
            PyObject *o = PyLong_FromLong(k);
            PyList_Append(l, o);
            Py_DECREF(o);
        }
        PyObject *sz = call(l, "__sizeof__", NULL, NULL);
        CHECK_EQ_INT(sz ? PyLong_AsLong(sz) : -1, list_append_sizeof[i].size);
        Py_XDECREF(sz);
        Py_DECREF(l);
    }
}

static void
test_compare(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(seq_cmp_cases); i++) {
        if (seq_cmp_cases[i].a[0] != '[') {
            continue;
        }
        PyObject *a = lit(seq_cmp_cases[i].a), *b = lit(seq_cmp_cases[i].b);
        int bits = 0;
        for (int op = 0; op < 6; op++) {
            static const int order[6] = {Py_LT, Py_LE, Py_EQ, Py_NE, Py_GT, Py_GE};
            bits |= PyObject_RichCompareBool(a, b, order[op]) << op;
        }
        CHECK_EQ_INT(bits, seq_cmp_cases[i].bits);
        Py_DECREF(a);
        Py_DECREF(b);
    }
}

static void
run_tests(void)
{
    start_runtime();
    test_slices();
    test_sort();
    test_sort_mutation();
    test_methods();
    test_sizeof();
    test_gc_cycles();
    test_deep_dealloc();
    test_more_methods();
    test_list_ops_sizeof();
    test_compare();
}
