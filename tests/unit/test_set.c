/* test_set.c: set/frozenset against the oracle (containers_expect.h, recorded by
 * gen_containers_expect.py): iteration order after adds/discards/pops, frozenset hashes,
 * the order of results of set algebra, comparisons, and error messages. */
#include "containers_testutil.h"

#include "containers_expect.h"

/* Applies the space-separated ops (aN add, dN discard, pN pop expecting N) to S. */
static int
apply_set_ops(PyObject *s, const char *ops)
{
    const char *p = ops;
    while (*p) {
        while (*p == ' ') {
            p++;
        }
        char op = *p++;
        PyObject *k = parse_int(&p);
        if (k == NULL) {
            return -1;
        }
        int rc = 0;
        if (op == 'a') {
            rc = PySet_Add(s, k);
        } else if (op == 'd') {
            rc = PySet_Discard(s, k) < 0 ? -1 : 0;
        } else {
            PyObject *got = PySet_Pop(s);
            rc = got != NULL && PyObject_RichCompareBool(got, k, Py_EQ) == 1 ? 0 : -1;
            if (rc < 0) {
                fprintf(stderr, "  pop gave %s, oracle popped %s\n", repr_or_exc(Py_XNewRef(got)),
                        repr_or_exc(Py_NewRef(k)));
            }
            Py_XDECREF(got);
        }
        Py_DECREF(k);
        if (rc < 0) {
            return -1;
        }
    }
    return 0;
}

static void
test_set_orders(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(set_op_cases); i++) {
        PyObject *s = PySet_New(NULL);
        int ok = apply_set_ops(s, set_op_cases[i].ops) == 0;
        if (!ok) {
            fprintf(stderr, "case %zu: ops failed\n", i);
        }
        CHECK(ok);
        PyObject *fs = PyFrozenSet_New(s);
        Py_hash_t h = PyObject_Hash(fs);
        if (h != set_op_cases[i].frozen_hash) {
            fprintf(stderr, "case %zu\n", i);
        }
        CHECK_EQ_INT(h, set_op_cases[i].frozen_hash);
        Py_DECREF(fs);
        CHECK_EQ_STR(repr_or_exc(s), set_op_cases[i].repr);
    }
}

static PyObject *
call_method(PyObject *self, const char *name, PyObject *arg)
{
    PyObject *m = PyObject_GetAttrString(self, name);
    if (m == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_CallOneArg(m, arg);
    Py_DECREF(m);
    return res;
}

static void
test_set_algebra(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(set_bin_cases); i++) {
        PyObject *la = lit(set_bin_cases[i].a), *lb = lit(set_bin_cases[i].b);
        PyObject *a = PySet_New(la), *b = PySet_New(lb);
        CHECK_EQ_STR(repr_or_exc(PyNumber_Or(a, b)), set_bin_cases[i].or_);
        CHECK_EQ_STR(repr_or_exc(PyNumber_And(a, b)), set_bin_cases[i].and_);
        CHECK_EQ_STR(repr_or_exc(PyNumber_Subtract(a, b)), set_bin_cases[i].sub);
        CHECK_EQ_STR(repr_or_exc(PyNumber_Xor(a, b)), set_bin_cases[i].xor_);
        CHECK_EQ_STR(repr_or_exc(call_method(a, "union", lb)), set_bin_cases[i].union_m);
        CHECK_EQ_STR(repr_or_exc(call_method(a, "intersection", lb)), set_bin_cases[i].inter_m);
        CHECK_EQ_STR(repr_or_exc(call_method(a, "difference", lb)), set_bin_cases[i].diff_m);
        CHECK_EQ_STR(repr_or_exc(call_method(a, "symmetric_difference", lb)),
                     set_bin_cases[i].symdiff_m);
        static const char *const inplace_ops[] = {
            "__ior__",
            "__iand__",
            "__isub__",
            "__ixor__",
            "intersection_update",
            "difference_update",
            "symmetric_difference_update",
            "update",
        };
        const char *const inplace_expect[] = {
            set_bin_cases[i].ior,        set_bin_cases[i].iand,     set_bin_cases[i].isub,
            set_bin_cases[i].ixor,       set_bin_cases[i].inter_up, set_bin_cases[i].diff_up,
            set_bin_cases[i].symdiff_up, set_bin_cases[i].update,
        };
        for (int k = 0; k < 8; k++) {
            PyObject *t = PySet_New(la);
            PyObject *r = call_method(t, inplace_ops[k], k < 4 ? b : lb);
            if (r == NULL) {
                CHECK_EQ_STR(exc_text(), inplace_expect[k]);
            } else {
                Py_DECREF(r);
                CHECK_EQ_STR(repr_or_exc(Py_NewRef(t)), inplace_expect[k]);
            }
            Py_DECREF(t);
        }
        int flags =
            PyObject_RichCompareBool(a, b, Py_LE) | PyObject_RichCompareBool(a, b, Py_LT) << 1 |
            PyObject_RichCompareBool(a, b, Py_GE) << 2 |
            PyObject_RichCompareBool(a, b, Py_GT) << 3 | PyObject_RichCompareBool(a, b, Py_EQ) << 4;
        PyObject *r1 = call_method(a, "isdisjoint", b), *r2 = call_method(a, "issubset", lb),
                 *r3 = call_method(a, "issuperset", lb);
        flags |= (r1 == Py_True) << 5 | (r2 == Py_True) << 6 | (r3 == Py_True) << 7;
        Py_XDECREF(r1);
        Py_XDECREF(r2);
        Py_XDECREF(r3);
        CHECK_EQ_INT(flags, set_bin_cases[i].flags);
        Py_DECREF(a);
        Py_DECREF(b);
        Py_DECREF(la);
        Py_DECREF(lb);
    }
}

static void
test_set_errors(void)
{
    PyObject *s = PySet_New(NULL);
    CHECK_EQ_STR(repr_or_exc(PySet_Pop(s)), misc("set.pop_empty"));
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(s)), misc("set.empty_repr"));
    PyObject *one = PyLong_FromLong(1);
    CHECK_EQ_STR(repr_or_exc(call_method(s, "remove", one)), misc("set.remove_missing"));
    CHECK(PySet_Add(s, one) == 0);
    PyObject *fs = PyFrozenSet_New(s);
    CHECK_EQ_STR(repr_or_exc(fs), misc("set.frozen_repr"));
    /* Growing the set while iterating it. */
    PyObject *it = PyObject_GetIter(s);
    PyObject *first = PyIter_Next(it);
    CHECK(first != NULL);
    Py_XDECREF(first);
    PyObject *two = PyLong_FromLong(2);
    CHECK(PySet_Add(s, two) == 0);
    CHECK_EQ_STR(repr_or_exc(PyIter_Next(it)), misc("set.changed_size"));
    Py_DECREF(it);
    PyObject *lst = PyList_New(0);
    CHECK(PySet_Add(s, lst) < 0);
    CHECK_EQ_STR(exc_text(), misc("set.add_list"));
    CHECK(PyObject_Hash(s) == -1);
    CHECK_EQ_STR(exc_text(), misc("set.hash_set"));
    CHECK_EQ_INT(PySet_Size(s), 2);
    CHECK_EQ_INT(PySet_Contains(s, two), 1);
    CHECK_EQ_INT(PySet_Discard(s, two), 1);
    CHECK_EQ_INT(PySet_Discard(s, two), 0);
    CHECK(PySet_Clear(s) == 0);
    CHECK_EQ_INT(PySet_Size(s), 0);
    Py_DECREF(lst);
    Py_DECREF(two);
    Py_DECREF(one);
    Py_DECREF(s);
}

static void
run_tests(void)
{
    start_runtime();
    test_set_orders();
    test_set_algebra();
    test_set_errors();
}
