/* test_range.c: range, enumerate, reversed and the iterators against the oracle
 * (containers_expect.h, recorded by gen_containers_expect.py): len with big ints, indexing,
 * slicing to ranges, membership, index, hash, equality, iteration past the C-long range. */
#include "containers_testutil.h"

#include "containers_expect.h"

static PyObject *
make_range(const char *a, const char *b, const char *c)
{
    PyObject *args = PyTuple_New(3);
    PyTuple_SET_ITEM(args, 0, lit(a));
    PyTuple_SET_ITEM(args, 1, lit(b));
    PyTuple_SET_ITEM(args, 2, lit(c));
    PyObject *r = PyObject_Call((PyObject *)&PyRange_Type, args, NULL);
    Py_DECREF(args);
    return r;
}

/* slice(...) from its repr. */
static PyObject *
slice_from_repr(const char *s)
{
    char buf[200];
    snprintf(buf, sizeof(buf), "(%s", s + strlen("slice("));
    PyObject *t = lit(buf);
    PyObject *sl =
        PySlice_New(PyTuple_GET_ITEM(t, 0), PyTuple_GET_ITEM(t, 1), PyTuple_GET_ITEM(t, 2));
    Py_DECREF(t);
    return sl;
}

static PyObject *
call(PyObject *self, const char *name, PyObject *arg)
{
    PyObject *m = PyObject_GetAttrString(self, name), *res = NULL;
    if (m != NULL) {
        res = arg ? PyObject_CallOneArg(m, arg) : PyObject_CallNoArgs(m);
        Py_DECREF(m);
    }
    return res;
}

static void
test_range_cases(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(range_cases); i++) {
        PyObject *r = make_range(range_cases[i].start, range_cases[i].stop, range_cases[i].step);
        CHECK(r != NULL);
        if (r == NULL) {
            fprintf(stderr, "case %zu: %s\n", i, exc_text());
            continue;
        }
        CHECK_EQ_STR(repr_or_exc(Py_NewRef(r)), range_cases[i].repr);
        Py_ssize_t n = PyObject_Size(r);
        char buf[64];
        snprintf(buf, sizeof(buf), "%zd", n);
        CHECK_EQ_STR(n < 0 ? exc_text() : buf, range_cases[i].len);
        PyObject *probe = lit(range_cases[i].probe);
        CHECK_EQ_STR(repr_or_exc(PyObject_GetItem(r, probe)), range_cases[i].item);
        CHECK_EQ_INT(PySequence_Contains(r, probe), range_cases[i].contains);
        CHECK_EQ_STR(repr_or_exc(call(r, "index", probe)), range_cases[i].index);
        PyObject *sl = slice_from_repr(range_cases[i].slice);
        CHECK_EQ_STR(repr_or_exc(PyObject_GetItem(r, sl)), range_cases[i].sliced);
        if (range_cases[i].has_hash) { /* short ranges hash a None (address-based) */
            CHECK_EQ_INT(PyObject_Hash(r), range_cases[i].hash);
        }
        PyObject *five = PyLong_FromLong(5), *four = PyLong_FromLong(4);
        PyObject *s5 = PySlice_New(NULL, five, NULL), *s4 = PySlice_New(NULL, four, NULL);
        PyObject *head = PyObject_GetItem(r, s5);
        CHECK_EQ_STR(repr_or_exc(head ? PySequence_List(head) : NULL), range_cases[i].head);
        PyObject *h4 = PyObject_GetItem(r, s4);
        PyObject *rev = h4 ? PyObject_CallOneArg((PyObject *)&PyReversed_Type, h4) : NULL;
        CHECK_EQ_STR(repr_or_exc(rev ? PySequence_List(rev) : NULL), range_cases[i].rev_head);
        PyObject *objs[] = {head, h4, rev, s5, s4, five, four, sl, probe, r};
        for (size_t k = 0; k < Py_ARRAY_LENGTH(objs); k++) {
            Py_XDECREF(objs[k]);
        }
    }
}

static void
test_misc(void)
{
    CHECK_EQ_STR(repr_or_exc(make_range("1", "2", "0")), misc("range.zero_step"));
    PyObject *big = make_range("0", "18446744073709551616", "1");
    CHECK(PyObject_Size(big) < 0);
    CHECK_EQ_STR(exc_text(), misc("range.big_len"));
    Py_DECREF(big);
    PyObject *a = make_range("0", "0", "1"), *b = make_range("5", "5", "1");
    CHECK_EQ_STR(repr_or_exc(PyObject_RichCompare(a, b, Py_EQ)), misc("range.eq_empty"));
    CHECK_EQ_STR(repr_or_exc(PyBool_FromLong(PyObject_IsTrue(b))), misc("range.bool"));
    Py_DECREF(a);
    Py_DECREF(b);
    a = make_range("0", "1", "5");
    b = make_range("0", "2", "7");
    CHECK_EQ_STR(repr_or_exc(PyObject_RichCompare(a, b, Py_EQ)), misc("range.eq_one"));
    Py_DECREF(a);
    Py_DECREF(b);
    a = make_range("0", "10", "1");
    PyObject *three = PyLong_FromLong(3), *str = PyUnicode_FromString("a");
    CHECK_EQ_STR(repr_or_exc(call(a, "count", three)), misc("range.count"));
    CHECK_EQ_STR(repr_or_exc(PyObject_GetItem(a, str)), misc("range.str_index"));
    Py_DECREF(a);
    a = make_range("9223372036854775806", "9223372036854775809", "1");
    CHECK_EQ_STR(repr_or_exc(PySequence_List(a)), misc("range.iter_big"));
    Py_DECREF(a);
    a = make_range("18446744073709551616", "18446744073709551619", "1");
    PyObject *rev = PyObject_CallOneArg((PyObject *)&PyReversed_Type, a);
    CHECK_EQ_STR(repr_or_exc(rev ? PySequence_List(rev) : NULL), misc("range.reversed_big"));
    Py_XDECREF(rev);
    Py_DECREF(a);
    /* enumerate and reversed */
    PyObject *ab = lit("[5, 6]"), *m1 = PyLong_FromLong(-1);
    PyObject *args = PyTuple_Pack(2, ab, m1);
    PyObject *en = PyObject_Call((PyObject *)&PyEnum_Type, args, NULL);
    CHECK_EQ_STR(repr_or_exc(en ? PySequence_List(en) : NULL), misc("enumerate.start"));
    Py_XDECREF(en);
    Py_DECREF(args);
    PyObject *cases[][2] = {
        {lit("9223372036854775807"), NULL},
        {lit("18446744073709551616"), NULL},
    };
    const char *names[] = {"enumerate.big_start", "enumerate.huge_start"};
    for (int k = 0; k < 2; k++) {
        PyObject *a2 = PyTuple_Pack(2, ab, cases[k][0]);
        PyObject *e2 = PyObject_Call((PyObject *)&PyEnum_Type, a2, NULL);
        CHECK_EQ_STR(repr_or_exc(e2 ? PySequence_List(e2) : NULL), misc(names[k]));
        Py_XDECREF(e2);
        Py_DECREF(a2);
        Py_DECREF(cases[k][0]);
    }
    PyObject *kw = PyDict_New(), *noargs = PyTuple_New(0), *l5 = lit("[5]"), *i3 = lit("3");
    PyDict_SetItemString(kw, "iterable", l5);
    PyDict_SetItemString(kw, "start", i3);
    en = PyObject_Call((PyObject *)&PyEnum_Type, noargs, kw);
    CHECK_EQ_STR(repr_or_exc(en ? PySequence_List(en) : NULL), misc("enumerate.kw"));
    Py_XDECREF(en);
    CHECK_EQ_STR(repr_or_exc(PyObject_Call((PyObject *)&PyEnum_Type, noargs, NULL)),
                 misc("enumerate.noargs"));
    PyDict_Clear(kw);
    PyDict_SetItemString(kw, "foo", i3);
    PyObject *a1 = PyTuple_Pack(1, l5);
    CHECK_EQ_STR(repr_or_exc(PyObject_Call((PyObject *)&PyEnum_Type, a1, kw)),
                 misc("enumerate.badkw"));
    Py_DECREF(a1);
    Py_DECREF(kw);
    Py_DECREF(noargs);
    Py_DECREF(l5);
    Py_DECREF(i3);
    /* the sequence iterator and the callable iterator */
    PyObject *t78 = lit("(7, 8)"), *si = PySeqIter_New(t78);
    CHECK_EQ_STR(repr_or_exc(si ? PySequence_List(si) : NULL), misc("seqiter.tuple"));
    Py_XDECREF(si);
    Py_DECREF(t78);
    PyObject *stack = lit("[3, 2, 1, 0]"), *pop = PyObject_GetAttrString(stack, "pop");
    PyObject *one = PyLong_FromLong(1);
    PyObject *ci = pop ? PyCallIter_New(pop, one) : NULL;
    CHECK_EQ_STR(repr_or_exc(ci ? PySequence_List(ci) : NULL), misc("iter.callable"));
    Py_XDECREF(ci);
    Py_XDECREF(pop);
    Py_DECREF(one);
    Py_DECREF(stack);
    PyObject *five = PyLong_FromLong(5);
    CHECK_EQ_STR(repr_or_exc(PyObject_CallOneArg((PyObject *)&PyReversed_Type, five)),
                 misc("reversed.not_reversible"));
    PyObject *l3 = lit("[1, 2, 3]");
    rev = PyObject_CallOneArg((PyObject *)&PyReversed_Type, l3);
    PyObject *first = rev ? PyIter_Next(rev) : NULL;
    Py_XDECREF(first);
    CHECK_EQ_STR(repr_or_exc(rev ? call(rev, "__length_hint__", NULL) : NULL),
                 misc("reversed.hint"));
    Py_XDECREF(rev);
    PyObject *objs[] = {three, str, ab, m1, five, l3};
    for (size_t k = 0; k < Py_ARRAY_LENGTH(objs); k++) {
        Py_DECREF(objs[k]);
    }
}

/* it = iter(obj) (or reversed(obj)); it.__setstate__(state); list(it) */
static const char *
setstate_then_list(PyObject *obj, int rev, long state)
{
    PyObject *it =
        rev ? PyObject_CallOneArg((PyObject *)&PyReversed_Type, obj) : PyObject_GetIter(obj);
    PyObject *st = PyLong_FromLong(state), *r = it ? call(it, "__setstate__", st) : NULL;
    Py_XDECREF(r);
    PyObject *list = r ? PySequence_List(it) : NULL;
    Py_XDECREF(it);
    Py_DECREF(st);
    return repr_or_exc(list);
}

static void
test_pickle_support(void)
{
    PyObject *r10 = make_range("0", "10", "1");
    CHECK_EQ_STR(setstate_then_list(r10, 0, 3), misc("rangeiter.setstate"));
    PyObject *big = make_range("18446744073709551616", "18446744073709551621", "1");
    CHECK_EQ_STR(setstate_then_list(big, 0, 2), misc("longrangeiter.setstate"));
    PyObject *l = lit("[1, 2, 3]"), *t = lit("(1, 2, 3)");
    CHECK_EQ_STR(setstate_then_list(l, 0, 1), misc("listiter.setstate"));
    CHECK_EQ_STR(setstate_then_list(l, 1, 1), misc("listreviter.setstate"));
    CHECK_EQ_STR(setstate_then_list(t, 0, 2), misc("tupleiter.setstate"));
    CHECK_EQ_STR(setstate_then_list(t, 1, 1), misc("reversed.setstate"));
    PyObject *t1 = lit("(1,)"), *rev = PyObject_CallOneArg((PyObject *)&PyReversed_Type, t1);
    Py_XDECREF(rev ? PySequence_List(rev) : NULL);
    CHECK_EQ_STR(repr_or_exc(rev ? call(rev, "__reduce__", NULL) : NULL),
                 misc("reversed.reduce_exhausted"));
    Py_XDECREF(rev);
    PyObject *t12 = lit("(1, 2)");
    rev = PyObject_CallOneArg((PyObject *)&PyReversed_Type, t12);
    CHECK_EQ_STR(repr_or_exc(rev ? call(rev, "__reduce__", NULL) : NULL), misc("reversed.reduce"));
    Py_XDECREF(rev);
    /* Iterators pickle as (builtins.iter, (sequence,), position). */
    struct {
        PyObject *obj;
        int advance;
        const char *name;
    } red[] = {
        {lit("[1, 2]"), 1, "listiter.reduce"},
        {lit("[1]"), 5, "listiter.reduce_exhausted"},
        {lit("(1, 2)"), 1, "tupleiter.reduce"},
        {make_range("1", "10", "2"), 1, "rangeiter.reduce"},
        {make_range("18446744073709551616", "18446744073709551619", "1"), 1,
         "longrangeiter.reduce"},
    };
    for (size_t k = 0; k < Py_ARRAY_LENGTH(red); k++) {
        PyObject *it = PyObject_GetIter(red[k].obj);
        for (int n = 0; it != NULL && n < red[k].advance; n++) {
            PyObject *v = PyIter_Next(it);
            Py_XDECREF(v);
        }
        CHECK_EQ_STR(repr_or_exc(it ? call(it, "__reduce__", NULL) : NULL), misc(red[k].name));
        Py_XDECREF(it);
        Py_DECREF(red[k].obj);
    }
    PyObject *pairs = lit("[(1, 2), (3, 4)]"), *dd = PyDict_New(), *s123 = lit("[1, 2, 3]");
    CHECK(PyDict_MergeFromSeq2(dd, pairs, 1) == 0);
    PyObject *sset = PySet_New(s123);
    PyObject *srcs[] = {dd, sset};
    const char *names[] = {"dictiter.reduce", "setiter.reduce"};
    for (int k = 0; k < 2; k++) {
        PyObject *it = PyObject_GetIter(srcs[k]), *first = PyIter_Next(it);
        Py_XDECREF(first);
        PyObject *reduced = call(it, "__reduce__", NULL), *rest = PySequence_List(it);
        PyObject *both = reduced && rest ? PyList_New(0) : NULL;
        if (both != NULL) {
            PyList_Append(both, reduced);
            PyList_Append(both, rest);
        }
        Py_XDECREF(reduced);
        Py_XDECREF(rest);
        CHECK_EQ_STR(repr_or_exc(both), misc(names[k]));
        Py_DECREF(it);
    }
    Py_DECREF(pairs);
    Py_DECREF(dd);
    Py_DECREF(s123);
    Py_DECREF(sset);
    PyObject *r5 = make_range("0", "5", "1");
    CHECK_EQ_STR(repr_or_exc(call(r5, "__reduce__", NULL)), misc("range.reduce"));
    PyObject *i1 = PyLong_FromLong(1), *i2 = PyLong_FromLong(2), *i3 = PyLong_FromLong(3);
    PyObject *sl = PySlice_New(i1, i2, i3);
    CHECK_EQ_STR(repr_or_exc(call(sl, "__reduce__", NULL)), misc("slice.reduce"));
    PyObject *objs[] = {r10, big, l, t, t1, t12, r5, i1, i2, i3, sl};
    for (size_t k = 0; k < Py_ARRAY_LENGTH(objs); k++) {
        Py_DECREF(objs[k]);
    }
}

static void
run_tests(void)
{
    start_runtime();
    test_range_cases();
    test_misc();
    test_pickle_support();
}
