/* test_dict.c: dict against the oracle (containers_expect.h, recorded by
 * gen_containers_expect.py): insertion order after sets/deletes/pops/popitems/setdefaults,
 * __sizeof__ (so the resize policy matches), constructor errors, fromkeys presizing, iteration
 * errors, version tags, views and their set operations. */
#include "containers_testutil.h"

#include "containers_expect.h"
#include "pyrs/dict.h"

/* Parses "K=V" or "K=V=W" after an op letter. */
static int
parse_kv(const char **p, PyObject **k, long *v, long *w)
{
    char *end;
    *k = parse_int(p);
    *v = 0;
    *w = 0;
    if (**p == '=') {
        *v = strtol(*p + 1, &end, 10);
        *p = end;
    }
    if (**p == '=') {
        *w = strtol(*p + 1, &end, 10);
        *p = end;
    }
    return *k != NULL ? 0 : -1;
}

static PyObject *
call_method0(PyObject *self, const char *name)
{
    PyObject *m = PyObject_GetAttrString(self, name);
    if (m == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_CallNoArgs(m);
    Py_DECREF(m);
    return res;
}

/* One op of a dict case; 0 when the result matched the oracle's. */
static int
apply_dict_op(PyObject *d, char op, PyObject *k, long v, long w)
{
    PyObject *pv = PyLong_FromLong(v), *res = NULL;
    int rc = -1;
    uint64_t before = ((PyDictObject *)d)->ma_version_tag;
    Py_ssize_t used_before = PyDict_GET_SIZE(d);
    switch (op) {
    case 's':
        rc = PyDict_SetItem(d, k, pv);
        break;
    case 'd':
        rc = PyDict_DelItem(d, k);
        break;
    case 'p': {
        PyObject *dflt = PyLong_FromLong(-1);
        res = _PyDict_Pop(d, k, dflt);
        Py_DECREF(dflt);
        rc = res != NULL && PyLong_AsLong(res) == v ? 0 : -1;
        break;
    }
    case 'i':
        res = call_method0(d, "popitem");
        rc = res != NULL && PyObject_RichCompareBool(PyTuple_GET_ITEM(res, 0), k, Py_EQ) == 1 &&
                     PyLong_AsLong(PyTuple_GET_ITEM(res, 1)) == v
                 ? 0
                 : -1;
        break;
    default: {
        PyObject *got = PyDict_SetDefault(d, k, pv);
        rc = got != NULL && PyLong_AsLong(got) == w ? 0 : -1;
        break;
    }
    }
    /* Every mutation renews the version (storing the same value object is none). */
    if (rc == 0 && PyDict_GET_SIZE(d) != used_before &&
        ((PyDictObject *)d)->ma_version_tag == before) {
        fprintf(stderr, "  version tag unchanged by %c\n", op);
        rc = -1;
    }
    Py_XDECREF(res);
    Py_DECREF(pv);
    return rc;
}

static void
test_dict_orders(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(dict_op_cases); i++) {
        PyObject *d = PyDict_New();
        const char *p = dict_op_cases[i].ops;
        int ok = 1;
        while (ok && *p) {
            while (*p == ' ') {
                p++;
            }
            char op = *p++;
            PyObject *k;
            long v, w;
            if (parse_kv(&p, &k, &v, &w) < 0 || apply_dict_op(d, op, k, v, w) < 0) {
                fprintf(stderr, "case %zu op %c failed: %s\n", i, op, exc_text());
                ok = 0;
            }
            Py_XDECREF(k);
        }
        CHECK(ok);
        CHECK(((PyDictObject *)d)->ma_version_tag != 0);
        PyObject *sz = call_method0(d, "__sizeof__");
        CHECK_EQ_INT(sz ? PyLong_AsLong(sz) : -1, dict_op_cases[i].sizeof_);
        Py_XDECREF(sz);
        PyObject *c = PyDict_Copy(d);
        sz = call_method0(c, "__sizeof__");
        CHECK_EQ_INT(sz ? PyLong_AsLong(sz) : -1, dict_op_cases[i].copy_sizeof);
        Py_XDECREF(sz);
        CHECK_EQ_INT(PyObject_RichCompareBool(c, d, Py_EQ), 1);
        Py_DECREF(c);
        CHECK_EQ_STR(repr_or_exc(d), dict_op_cases[i].repr);
    }
}

static void
test_dict_ctor(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(dict_ctor_cases); i++) {
        PyObject *arg = lit(dict_ctor_cases[i].arg);
        PyObject *args = PyTuple_Pack(1, arg);
        PyObject *d = PyObject_Call((PyObject *)&PyDict_Type, args, NULL);
        CHECK_EQ_STR(repr_or_exc(d), dict_ctor_cases[i].result);
        Py_DECREF(args);
        Py_DECREF(arg);
    }
}

static long
sizeof_of(PyObject *o)
{
    PyObject *sz = call_method0(o, "__sizeof__");
    long n = sz ? PyLong_AsLong(sz) : -1;
    Py_XDECREF(sz);
    Py_DECREF(o);
    return n;
}

static PyObject *
fromkeys(PyObject *iterable)
{
    PyObject *m = PyObject_GetAttrString((PyObject *)&PyDict_Type, "fromkeys");
    PyObject *res = m ? PyObject_CallOneArg(m, iterable) : NULL;
    Py_XDECREF(m);
    return res;
}

static PyObject *
int_range_list(long n)
{
    PyObject *l = PyList_New(n);
    for (long i = 0; i < n; i++) {
        PyList_SET_ITEM(l, i, PyLong_FromLong(i));
    }
    return l;
}

static void
test_dict_fromkeys(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(dict_fromkeys_cases); i++) {
        PyObject *l = int_range_list(dict_fromkeys_cases[i].n);
        PyObject *s = PySet_New(l);
        PyObject *d = fromkeys(l);
        CHECK_EQ_INT(sizeof_of(fromkeys(l)), dict_fromkeys_cases[i].from_range);
        CHECK_EQ_INT(sizeof_of(fromkeys(s)), dict_fromkeys_cases[i].from_set);
        CHECK_EQ_INT(sizeof_of(fromkeys(d)), dict_fromkeys_cases[i].from_dict);
        Py_DECREF(d);
        Py_DECREF(s);
        Py_DECREF(l);
    }
}

static void
test_dict_errors(void)
{
    PyObject *d = PyDict_New(), *one = PyLong_FromLong(1), *two = PyLong_FromLong(2);
    CHECK_EQ_STR(repr_or_exc(PyObject_GetItem(d, one)), misc("dict.getitem_missing"));
    CHECK_EQ_STR(repr_or_exc(call_method0(d, "popitem")), misc("dict.popitem_empty"));
    CHECK(PyDict_DelItem(d, one) < 0);
    CHECK_EQ_STR(exc_text(), misc("dict.getitem_missing"));
    PyObject *tup = PyTuple_Pack(1, one);
    CHECK(PyDict_DelItem(d, tup) < 0);
    CHECK_EQ_STR(exc_text(), misc("dict.del_missing_tuple"));
    Py_DECREF(tup);
    CHECK(PyDict_SetItem(d, one, two) == 0);
    CHECK(PyDict_GetItem(d, one) == two);
    CHECK(PyDict_GetItemString(d, "x") == NULL && !PyErr_Occurred());
    /* Adding while iterating. */
    PyObject *it = PyObject_GetIter(d);
    PyObject *k = PyIter_Next(it);
    CHECK(k == one);
    Py_XDECREF(k);
    CHECK(PyDict_SetItem(d, two, two) == 0);
    CHECK_EQ_STR(repr_or_exc(PyIter_Next(it)), misc("dict.changed_size"));
    Py_DECREF(it);
    /* Same size but different keys. */
    it = PyObject_GetIter(d);
    k = PyIter_Next(it);
    Py_XDECREF(k);
    PyObject *three = PyLong_FromLong(3);
    CHECK(PyDict_DelItem(d, one) == 0 && PyDict_SetItem(d, three, three) == 0);
    k = PyIter_Next(it);
    CHECK_EQ_STR(repr_or_exc(k), misc("dict.keys_changed_first"));
    CHECK_EQ_STR(repr_or_exc(PyIter_Next(it)), misc("dict.keys_changed_second"));
    Py_DECREF(it);
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(d)), misc("dict.after_changes"));
    /* Self-reference. */
    CHECK(PyDict_SetItem(d, one, d) == 0);
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(d)), misc("dict.self_repr"));
    CHECK(PyDict_DelItem(d, one) == 0);
    /* Views. */
    PyObject *keys = call_method0(d, "keys"), *items = call_method0(d, "items");
    PyObject *values = call_method0(d, "values");
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(keys)), misc("dict.keys_repr"));
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(items)), misc("dict.items_repr"));
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(values)), misc("dict.values_repr"));
    PyObject *l = lit("[3, 4]");
    CHECK_EQ_STR(repr_or_exc(PyNumber_And(keys, l)), misc("dict.keys_and"));
    CHECK_EQ_STR(repr_or_exc(PyNumber_Or(keys, l)), misc("dict.keys_or"));
    CHECK_EQ_STR(repr_or_exc(PyNumber_Subtract(keys, l)), misc("dict.keys_sub"));
    CHECK_EQ_STR(repr_or_exc(PyNumber_Xor(keys, l)), misc("dict.keys_xor"));
    PyObject *rev = PyObject_CallOneArg((PyObject *)&PyReversed_Type, keys);
    CHECK_EQ_STR(repr_or_exc(PySequence_List(rev)), misc("dict.keys_reversed"));
    Py_XDECREF(rev);
    Py_DECREF(l);
    Py_DECREF(keys);
    Py_DECREF(items);
    Py_DECREF(values);
    CHECK(PyObject_Hash(d) == -1);
    CHECK_EQ_STR(exc_text(), misc("dict.hash"));
    Py_DECREF(three);
    Py_DECREF(one);
    Py_DECREF(two);
    Py_DECREF(d);
}

/* Applies "sK=V", "dK", "pK" ops with one-letter str keys; 0 when all succeeded. */
static int
apply_str_ops(PyObject *d, const char *ops)
{
    const char *p = ops;
    while (*p) {
        while (*p == ' ') {
            p++;
        }
        char op = *p++;
        PyObject *k = PyUnicode_FromStringAndSize(p++, 1);
        int rc;
        if (op == 's') {
            char *end;
            PyObject *v = PyLong_FromLong(strtol(p + 1, &end, 10));
            p = end;
            rc = PyDict_SetItem(d, k, v);
            Py_DECREF(v);
        } else if (op == 'x') {
            PyObject *zero = PyLong_FromLong(0);
            rc = PyDict_SetItem(d, zero, zero);
            Py_DECREF(zero);
            p--; /* 'x' has no key letter */
        } else if (op == 'd') {
            rc = PyDict_DelItem(d, k);
        } else {
            PyObject *v = _PyDict_Pop(d, k, NULL);
            rc = v ? 0 : -1;
            Py_XDECREF(v);
        }
        Py_DECREF(k);
        if (rc < 0) {
            return -1;
        }
    }
    return 0;
}

static void
test_split(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(split_cases); i++) {
        PyDictKeysObject *keys = pyrs_dict_shared_keys_new();
        /* A first instance dict fills the shared keys in the training order. */
        PyObject *first = pyrs_dict_new_split(keys);
        for (const char *t = split_cases[i].train; *t; t++) {
            PyObject *k = PyUnicode_FromStringAndSize(t, 1);
            CHECK(PyDict_SetItem(first, k, Py_None) == 0);
            Py_DECREF(k);
        }
        CHECK(((PyDictObject *)first)->ma_values != NULL);
        PyObject *d = pyrs_dict_new_split(keys);
        int ok = apply_str_ops(d, split_cases[i].ops) == 0;
        if (!ok) {
            fprintf(stderr, "split case %zu: %s\n", i, exc_text());
        }
        CHECK(ok);
        CHECK_EQ_STR(repr_or_exc(PyDict_Copy(d)), split_cases[i].repr);
        CHECK_EQ_STR(repr_or_exc(d), split_cases[i].repr);
        Py_DECREF(first);
        pyrs_dict_keys_decref(keys);
    }
}

static void
test_str_dicts(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(str_dict_cases); i++) {
        PyObject *d = PyDict_New();
        CHECK(apply_str_ops(d, str_dict_cases[i].ops) == 0);
        CHECK_EQ_INT(_PyDict_SizeOf((PyDictObject *)d), str_dict_cases[i].sizeof_);
        PyObject *c = PyDict_Copy(d);
        CHECK_EQ_INT(c ? _PyDict_SizeOf((PyDictObject *)c) : -1, str_dict_cases[i].copy_sizeof);
        Py_XDECREF(c);
        CHECK_EQ_STR(repr_or_exc(d), str_dict_cases[i].repr);
    }
    struct {
        const char *string;
        Py_ssize_t index;
    } id = {"abc", 0};
    PyObject *d = PyDict_New(), *one = PyLong_FromLong(1);
    CHECK(_PyDict_SetItemId(d, (struct _Py_Identifier *)&id, one) == 0);
    CHECK(_PyDict_GetItemIdWithError(d, (struct _Py_Identifier *)&id) == one);
    CHECK_EQ_INT(_PyDict_ContainsId(d, (struct _Py_Identifier *)&id), 1);
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(d)), misc("dict.id_key"));
    CHECK(_PyDict_DelItemId(d, (struct _Py_Identifier *)&id) == 0);
    CHECK_EQ_INT(PyDict_GET_SIZE(d), 0);
    /* Keys versions change with the key set only; str-only detection. */
    CHECK(PyDict_SetItem(d, one, one) == 0);
    uint32_t v1 = pyrs_dict_keys_version((PyDictObject *)d);
    CHECK(v1 != 0 && pyrs_dict_keys_version((PyDictObject *)d) == v1);
    CHECK(PyDict_SetItem(d, one, d) == 0);
    CHECK(pyrs_dict_keys_version((PyDictObject *)d) == v1);
    PyObject *two = PyLong_FromLong(2);
    CHECK(PyDict_SetItem(d, two, two) == 0);
    CHECK(pyrs_dict_keys_version((PyDictObject *)d) != v1);
    CHECK_EQ_INT(_PyDict_HasOnlyStringKeys(d), 0);
    PyObject *sd = PyDict_New();
    CHECK(PyDict_SetItemString(sd, "a", one) == 0);
    CHECK_EQ_INT(_PyDict_HasOnlyStringKeys(sd), 1);
    Py_DECREF(sd);
    Py_DECREF(two);
    Py_DECREF(one);
    Py_DECREF(d);
}

/* Equal by value; comparing it empties a victim container (twin of the generator's Evil). */
typedef struct {
    PyObject_HEAD
    long v;           /* value and hash */
    PyObject *victim; /* borrowed container to clear */
} EvilObject;

static PyTypeObject Evil_Type;

static Py_hash_t
evil_hash(PyObject *self)
{
    return ((EvilObject *)self)->v;
}

static PyObject *
evil_richcompare(PyObject *self, PyObject *other, int op)
{
    if (op != Py_EQ) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *victim = ((EvilObject *)self)->victim;
    if (PyDict_Check(victim)) {
        PyDict_Clear(victim);
    } else if (PyAnySet_Check(victim)) {
        PySet_Clear(victim);
    } else if (PyList_SetSlice(victim, 0, PyList_GET_SIZE(victim), NULL) < 0) {
        return NULL;
    }
    return PyBool_FromLong(Py_IS_TYPE(other, &Evil_Type) &&
                           ((EvilObject *)self)->v == ((EvilObject *)other)->v);
}

static void
evil_dealloc(PyObject *op)
{
    PyObject_Free(op);
}

static PyTypeObject Evil_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "Evil",
    .tp_basicsize = sizeof(EvilObject),
    .tp_dealloc = evil_dealloc,
    .tp_hash = evil_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_richcompare = evil_richcompare,
};

static PyObject *
evil_new(long v, PyObject *victim)
{
    EvilObject *e = PyObject_New(EvilObject, &Evil_Type);
    if (e != NULL) {
        e->v = v;
        e->victim = victim;
    }
    return (PyObject *)e;
}

/* Containers whose keys' __eq__ mutates them: no crash, CPython's results. */
static void
test_mutating_eq(void)
{
    CHECK(PyType_Ready(&Evil_Type) == 0);
    PyObject *res = PyList_New(0), *d = PyDict_New(), *s = PySet_New(NULL), *l = PyList_New(0);
    PyObject *one = PyLong_FromLong(1), *k1 = evil_new(1, d), *k2 = evil_new(1, d);
    CHECK(PyDict_SetItem(d, k1, one) == 0);
    PyObject *got = PyDict_GetItemWithError(d, k2);
    PyList_Append(res, got ? got : Py_None);
    PyObject *n = PyLong_FromSsize_t(PyDict_GET_SIZE(d));
    PyList_Append(res, n);
    Py_DECREF(n);
    PyObject *s1 = evil_new(1, s), *s2 = evil_new(1, s);
    CHECK(PySet_Add(s, s1) == 0);
    PyList_Append(res, PyBool_FromLong(PySet_Contains(s, s2)));
    n = PyLong_FromSsize_t(PySet_GET_SIZE(s));
    PyList_Append(res, n);
    Py_DECREF(n);
    PyObject *l1 = evil_new(1, l), *l2 = evil_new(2, l), *l3 = evil_new(2, l);
    PyList_Append(l, l1);
    PyList_Append(l, l2);
    PyObject *count = PyObject_GetAttrString(l, "count");
    PyObject *c = count ? PyObject_CallOneArg(count, l3) : NULL;
    PyList_Append(res, c ? c : Py_None);
    n = PyLong_FromSsize_t(PyList_GET_SIZE(l));
    PyList_Append(res, n);
    Py_DECREF(n);
    CHECK_EQ_STR(repr_or_exc(res), misc("evil.mutation"));
    PyObject *objs[] = {d, s, l, one, k1, k2, s1, s2, l1, l2, l3, count, c};
    for (size_t k = 0; k < Py_ARRAY_LENGTH(objs); k++) {
        Py_XDECREF(objs[k]);
    }
}

static PyObject *
double_missing(PyObject *self, PyObject *key)
{
    (void)self;
    return PyNumber_Add(key, key);
}

static PyMethodDef missing_methods[] = {
    {"__missing__", double_missing, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* A dict subclass made through PyType_FromSpec, with __missing__. */
static void
test_subclass(void)
{
    PyType_Slot slots[] = {
        {Py_tp_base, &PyDict_Type},
        {Py_tp_methods, missing_methods},
        {0, NULL},
    };
    PyType_Spec spec = {"test.D", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, slots};
    PyObject *type = PyType_FromSpec(&spec);
    CHECK(type != NULL);
    if (type == NULL) {
        fprintf(stderr, "PyType_FromSpec: %s\n", exc_text());
        return;
    }
    PyObject *d = PyObject_CallNoArgs(type), *k = PyLong_FromLong(21);
    CHECK(d != NULL && PyDict_Check(d) && !PyDict_CheckExact(d));
    CHECK_EQ_STR(repr_or_exc(d ? PyObject_GetItem(d, k) : NULL), misc("dict.missing"));
    PyObject *one = PyLong_FromLong(1), *two = PyLong_FromLong(2);
    CHECK(d != NULL && PyObject_SetItem(d, one, two) == 0);
    CHECK_EQ_STR(repr_or_exc(Py_XNewRef(d)), misc("dict.subclass_repr"));
    Py_DECREF(one);
    Py_DECREF(two);
    Py_DECREF(k);
    Py_XDECREF(d);
    Py_DECREF(type);
}

static PyObject *
meth(PyObject *self, const char *name, PyObject *args, PyObject *kw)
{
    PyObject *m = PyObject_GetAttrString(self, name), *res = NULL;
    if (m != NULL) {
        res = PyObject_Call(m, args, kw);
        Py_DECREF(m);
    }
    return res;
}

static void
test_dict_methods(void)
{
    PyObject *a = PyDict_New(), *b = PyDict_New(), *l = NULL, *args = NULL, *kw = NULL;
    PyObject *i[8];
    for (int k = 0; k < 8; k++) {
        i[k] = PyLong_FromLong(k);
    }
    PyDict_SetItem(a, i[1], i[1]);
    PyDict_SetItem(a, i[2], i[2]);
    PyDict_SetItem(b, i[2], i[3]);
    PyDict_SetItem(b, i[4], i[4]);
    CHECK_EQ_STR(repr_or_exc(PyNumber_Or(a, b)), misc("dict.or"));
    PyObject *c = PyDict_New();
    PyDict_SetItem(c, i[1], i[1]);
    l = lit("[(5, 5)]");
    CHECK_EQ_STR(repr_or_exc(PyNumber_InPlaceOr(c, l)), misc("dict.ior_pairs"));
    Py_DECREF(c);
    c = PyDict_New();
    PyDict_SetItem(c, i[1], i[1]);
    CHECK_EQ_STR(repr_or_exc(PyDict_Type.tp_as_number->nb_or(c, l)), misc("dict.or_list"));
    Py_DECREF(l);
    l = lit("[(2, 2)]");
    args = PyTuple_Pack(1, l);
    kw = PyDict_New();
    PyDict_SetItemString(kw, "x", i[3]);
    Py_XDECREF(meth(c, "update", args, kw));
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(c)), misc("dict.update_kw"));
    Py_DECREF(args);
    args = PyTuple_Pack(2, i[1], i[2]);
    CHECK_EQ_STR(repr_or_exc(meth(c, "update", args, NULL)), misc("dict.update_args"));
    Py_DECREF(args);
    args = PyTuple_Pack(2, i[2], i[7]);
    PyObject *one = PyDict_New();
    PyDict_SetItem(one, i[1], i[1]);
    CHECK_EQ_STR(repr_or_exc(meth(one, "get", args, NULL)), misc("dict.get_default"));
    Py_DECREF(args);
    PyObject *e = PyDict_New();
    CHECK(PyDict_SetDefault(e, i[1], i[5]) == i[5] && PyDict_SetDefault(e, i[1], i[6]) == i[5]);
    CHECK_EQ_STR(repr_or_exc(Py_NewRef(e)), misc("dict.setdefault"));
    PyObject *empty = PyDict_New();
    CHECK_EQ_STR(repr_or_exc(_PyDict_Pop(empty, i[1], NULL)), misc("dict.pop_missing"));
    /* views */
    PyObject *d12 = PyDict_New();
    PyDict_SetItem(d12, i[1], i[2]);
    PyObject *items = call_method0(d12, "items");
    PyObject *t12 = lit("(1, 2)"), *t13 = lit("(1, 3)");
    PyObject *res = PyList_New(0);
    PyList_Append(res, PyBool_FromLong(PySequence_Contains(items, t12)));
    PyList_Append(res, PyBool_FromLong(PySequence_Contains(items, t13)));
    PyList_Append(res, PyBool_FromLong(PySequence_Contains(items, i[5])));
    CHECK_EQ_STR(repr_or_exc(res), misc("dict.items_contains"));
    PyObject *d1234 = PyDict_New();
    PyDict_SetItem(d1234, i[1], i[2]);
    PyDict_SetItem(d1234, i[3], i[4]);
    PyObject *items2 = call_method0(d1234, "items");
    PyObject *pairs = lit("[(1, 2), (5, 6)]"), *pairset = PySet_New(pairs);
    CHECK_EQ_STR(repr_or_exc(PyNumber_And(items2, pairset)), misc("dict.items_and"));
    PyObject *values = call_method0(d1234, "values");
    PyObject *rv = PyObject_CallOneArg((PyObject *)&PyReversed_Type, values);
    CHECK_EQ_STR(repr_or_exc(rv ? PySequence_List(rv) : NULL), misc("dict.values_reversed"));
    Py_XDECREF(rv);
    rv = PyObject_CallOneArg((PyObject *)&PyReversed_Type, items2);
    CHECK_EQ_STR(repr_or_exc(rv ? PySequence_List(rv) : NULL), misc("dict.items_reversed"));
    Py_XDECREF(rv);
    PyObject *x1 = PyDict_New(), *x2 = PyDict_New();
    PyObject *p1 = lit("[(1, 2), (3, 4), (5, 6), (7, 8)]"),
             *p2 = lit("[(3, 4), (5, 0), (9, 9), (1, 2)]");
    CHECK(PyDict_MergeFromSeq2(x1, p1, 1) == 0 && PyDict_MergeFromSeq2(x2, p2, 1) == 0);
    PyObject *xi1 = call_method0(x1, "items"), *xi2 = call_method0(x2, "items");
    CHECK_EQ_STR(repr_or_exc(PyNumber_Xor(xi1, xi2)), misc("dict.items_xor"));
    PyObject *xobjs[] = {x1, x2, p1, p2, xi1, xi2};
    for (size_t k = 0; k < Py_ARRAY_LENGTH(xobjs); k++) {
        Py_XDECREF(xobjs[k]);
    }
    PyObject *it = PyObject_GetIter(d1234);
    Py_XDECREF(PyIter_Next(it));
    CHECK_EQ_STR(repr_or_exc(call_method0(it, "__length_hint__")), misc("dict.len_hint"));
    PyObject *objs[] = {a,     b,   l,   kw,    c,      one,   e,       empty,  d12,
                        items, t12, t13, d1234, items2, pairs, pairset, values, it};
    for (size_t k = 0; k < Py_ARRAY_LENGTH(objs); k++) {
        Py_XDECREF(objs[k]);
    }
    for (int k = 0; k < 8; k++) {
        Py_DECREF(i[k]);
    }
}

static void
run_tests(void)
{
    start_runtime();
    test_dict_orders();
    test_dict_ctor();
    test_dict_fromkeys();
    test_dict_errors();
    test_split();
    test_str_dicts();
    test_subclass();
    test_mutating_eq();
    test_dict_methods();
}
