/* test_gc.c: unit tests of the cycle collector (gc.c) and weak references: cycles freed,
 * externally referenced cycles kept, PEP 442 finalizers run once with resurrection, weakref
 * callbacks before tp_clear, legacy tp_del objects in gc.garbage, thresholds, generations,
 * referents/referrers, freeze, callbacks. The expected behaviour is CPython 3.11's gc module. */
#include "Python.h"
#include "harness.h"
#include "pyrs/gc.h"
#include "pyrs/lifecycle.h"
#include "pyrs/weakref.h"

#include "gc_expect.h"

/* A GC container with one reference and an optional weakref list. */
typedef struct {
    PyObject_HEAD
    PyObject *ref;         /* the one owned reference (may be NULL) */
    PyObject *weakreflist; /* weak references to this node */
} Node;

static int dealloc_count;
static int finalize_count;
static PyObject *resurrect_slot; /* a finalizer stores its object here when asked */
static int resurrect_next;

static int
node_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((Node *)op)->ref);
    return 0;
}

static int
node_clear(PyObject *op)
{
    Py_CLEAR(((Node *)op)->ref);
    return 0;
}

static void
node_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    if (((Node *)op)->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    Py_CLEAR(((Node *)op)->ref);
    dealloc_count++;
    PyObject_GC_Del(op);
}

static void
node_finalize(PyObject *op)
{
    finalize_count++;
    if (resurrect_next) {
        resurrect_next = 0;
        Py_XSETREF(resurrect_slot, Py_NewRef(op));
    }
}

static void
node_legacy_del(PyObject *Py_UNUSED(op))
{
}

#define NODE_TYPE(cname, pyname, finalize, del)                                                    \
    static PyTypeObject cname = {                                                                  \
        PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = pyname,                                   \
        .tp_basicsize = sizeof(Node),                                                              \
        .tp_dealloc = node_dealloc,                                                                \
        .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,                                       \
        .tp_traverse = node_traverse,                                                              \
        .tp_clear = node_clear,                                                                    \
        .tp_weaklistoffset = offsetof(Node, weakreflist),                                          \
        .tp_del = del,                                                                             \
        .tp_finalize = finalize,                                                                   \
    }

NODE_TYPE(Node_Type, "test.Node", NULL, NULL);
NODE_TYPE(FinNode_Type, "test.FinNode", node_finalize, NULL);
NODE_TYPE(DelNode_Type, "test.DelNode", NULL, node_legacy_del);

static PyObject *
node_new(PyTypeObject *tp)
{
    Node *n = PyObject_GC_New(Node, tp);
    if (n == NULL) {
        return NULL;
    }
    n->ref = NULL;
    n->weakreflist = NULL;
    PyObject_GC_Track(n);
    return (PyObject *)n;
}

/* A callable recording its calls (a weakref callback / gc callback stand-in). */
typedef struct {
    PyObject_HEAD
    int calls;          /* times called */
    PyObject *last_arg; /* first argument of the last call */
} Recorder;

static PyObject *
recorder_call(PyObject *self, PyObject *args, PyObject *Py_UNUSED(kw))
{
    Recorder *r = (Recorder *)self;
    r->calls++;
    if (PyTuple_GET_SIZE(args) > 0) {
        Py_XSETREF(r->last_arg, Py_NewRef(PyTuple_GET_ITEM(args, 0)));
    }
    Py_RETURN_NONE;
}

static void
recorder_dealloc(PyObject *self)
{
    Py_CLEAR(((Recorder *)self)->last_arg);
    PyObject_Free(self);
}

static PyTypeObject Recorder_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "test.Recorder",
    .tp_basicsize = sizeof(Recorder),
    .tp_dealloc = recorder_dealloc,
    .tp_call = recorder_call,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

static Recorder *
recorder_new(void)
{
    Recorder *r = PyObject_New(Recorder, &Recorder_Type);
    r->calls = 0;
    r->last_arg = NULL;
    return r;
}

static void
link_pair(PyObject *a, PyObject *b)
{
    ((Node *)a)->ref = Py_NewRef(b);
    ((Node *)b)->ref = Py_NewRef(a);
}

static void
test_tracking(void)
{
    PyObject *n = node_new(&Node_Type);
    CHECK_EQ_INT(sizeof(PyGC_Head), 16);
    CHECK(PyObject_IS_GC(n));
    CHECK(PyObject_GC_IsTracked(n));
    CHECK(_PyObject_GC_IS_TRACKED(n));
    PyObject_GC_UnTrack(n);
    CHECK(!PyObject_GC_IsTracked(n));
    PyObject_GC_UnTrack(n); /* twice is harmless */
    PyObject_GC_Track(n);
    CHECK(PyObject_GC_IsTracked(n));
    CHECK(!PyObject_GC_IsFinalized(n));
    CHECK(!PyObject_IS_GC((PyObject *)&Recorder_Type) || PyType_Check(&Recorder_Type));
    dealloc_count = 0;
    Py_DECREF(n);
    CHECK_EQ_INT(dealloc_count, 1);
}

static void
test_simple_cycle(void)
{
    (void)pyrs_gc_collect(2);
    PyObject *a = node_new(&Node_Type), *b = node_new(&Node_Type);
    link_pair(a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    dealloc_count = 0;
    Py_ssize_t found = pyrs_gc_collect(2);
    CHECK_EQ_INT(dealloc_count, 2);
    CHECK(found >= 2);
    CHECK_EQ_INT(pyrs_gc_collect(2), 0);
}

static void
test_reachable_cycle_kept(void)
{
    PyObject *a = node_new(&Node_Type), *b = node_new(&Node_Type);
    link_pair(a, b);
    Py_DECREF(b); /* a is still held by us */
    dealloc_count = 0;
    (void)pyrs_gc_collect(2);
    CHECK_EQ_INT(dealloc_count, 0);
    CHECK(((Node *)a)->ref == b && ((Node *)b)->ref == a);
    Py_DECREF(a);
    (void)pyrs_gc_collect(2);
    CHECK_EQ_INT(dealloc_count, 2);
}

static void
test_finalizers(void)
{
    PyObject *a = node_new(&FinNode_Type), *b = node_new(&FinNode_Type);
    link_pair(a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    finalize_count = 0;
    dealloc_count = 0;
    (void)pyrs_gc_collect(0);
    CHECK_EQ_INT(finalize_count, 2);
    CHECK_EQ_INT(dealloc_count, 2);
}

static void
test_resurrection(void)
{
    PyObject *a = node_new(&FinNode_Type), *b = node_new(&FinNode_Type);
    link_pair(a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    finalize_count = 0;
    dealloc_count = 0;
    resurrect_next = 1;
    (void)pyrs_gc_collect(2);
    CHECK_EQ_INT(finalize_count, 2);
    CHECK_EQ_INT(dealloc_count, 0); /* the whole cycle came back to life */
    CHECK(resurrect_slot != NULL);
    CHECK(PyObject_GC_IsFinalized(resurrect_slot));
    CHECK(PyObject_GC_IsTracked(resurrect_slot));
    Py_CLEAR(resurrect_slot);
    (void)pyrs_gc_collect(2);
    CHECK_EQ_INT(finalize_count, 2); /* tp_finalize runs only once per object */
    CHECK_EQ_INT(dealloc_count, 2);
}

static void
test_weakref_callback_in_cycle(void)
{
    PyObject *a = node_new(&Node_Type), *b = node_new(&Node_Type);
    link_pair(a, b);
    Recorder *cb = recorder_new();
    PyObject *wr = PyWeakref_NewRef(a, (PyObject *)cb);
    PyObject *plain = PyWeakref_NewRef(a, NULL);
    CHECK(wr != NULL && plain != NULL && wr != plain);
    CHECK(PyWeakref_NewRef(a, NULL) == plain); /* callback-less refs are shared */
    Py_DECREF(plain);
    CHECK_EQ_INT(pyrs_weakref_count(a), 2);
    CHECK(PyWeakref_GetObject(wr) == a);
    Py_DECREF(a);
    Py_DECREF(b);
    dealloc_count = 0;
    (void)pyrs_gc_collect(2);
    CHECK_EQ_INT(dealloc_count, 2);
    CHECK_EQ_INT(cb->calls, 1);
    CHECK(cb->last_arg == wr);
    CHECK(PyWeakref_GetObject(wr) == Py_None);
    CHECK(PyWeakref_GetObject(plain) == Py_None);
    Py_DECREF(plain);
    Py_DECREF(wr);
    Py_DECREF(cb);
}

static void
test_weakref_on_refcount_death(void)
{
    PyObject *a = node_new(&Node_Type);
    Recorder *cb = recorder_new();
    PyObject *wr = PyWeakref_NewRef(a, (PyObject *)cb);
    PyObject *proxy = PyWeakref_NewProxy(a, NULL);
    CHECK(proxy != NULL && PyWeakref_CheckProxy(proxy));
    PyObject *list = pyrs_weakref_list(a);
    CHECK(list != NULL && PyList_GET_SIZE(list) == 2);
    Py_XDECREF(list);
    Py_DECREF(a);
    CHECK_EQ_INT(cb->calls, 1);
    CHECK(PyWeakref_GetObject(wr) == Py_None);
    CHECK(PyObject_GetAttrString(proxy, "ref") == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_ReferenceError));
    PyErr_Clear();
    Py_DECREF(proxy);
    /* Dropping a weakref before its referent unlinks it. */
    PyObject *c = node_new(&Node_Type);
    PyObject *wr2 = PyWeakref_NewRef(c, (PyObject *)cb);
    Py_DECREF(wr2);
    CHECK_EQ_INT(pyrs_weakref_count(c), 0);
    Py_DECREF(c);
    CHECK_EQ_INT(cb->calls, 1);
    Py_DECREF(wr);
    Py_DECREF(cb);
    Recorder *r = recorder_new();
    CHECK(PyWeakref_NewRef((PyObject *)r, NULL) == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_TypeError));
    PyErr_Clear();
    Py_DECREF(r);
}

static void
test_legacy_del_goes_to_garbage(void)
{
    PyObject *garbage = pyrs_gc_garbage();
    CHECK(garbage != NULL);
    Py_ssize_t before = PyList_GET_SIZE(garbage);
    PyObject *a = node_new(&DelNode_Type), *b = node_new(&Node_Type);
    link_pair(a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    dealloc_count = 0;
    Py_ssize_t found = pyrs_gc_collect(2);
    CHECK(found >= 2);
    CHECK_EQ_INT(dealloc_count, 0);
    CHECK_EQ_INT(PyList_GET_SIZE(garbage), before + 1);
    CHECK(PyList_GET_ITEM(garbage, before) == a);
    Py_ssize_t collections, collected, uncollectable;
    pyrs_gc_get_stats(2, &collections, &collected, &uncollectable);
    CHECK(uncollectable >= 2);
    /* Break the cycle by hand and empty gc.garbage. */
    node_clear(a);
    PyList_SetSlice(garbage, 0, PyList_GET_SIZE(garbage), NULL);
    CHECK_EQ_INT(dealloc_count, 2);
}

static void
test_thresholds_and_counts(void)
{
    int th[3];
    pyrs_gc_get_threshold(th);
    CHECK_EQ_INT(th[0], 700);
    CHECK_EQ_INT(th[1], 10);
    CHECK_EQ_INT(th[2], 10);
    (void)pyrs_gc_collect(2);
    int count[3];
    pyrs_gc_get_count(count);
    CHECK_EQ_INT(count[0], 0);
    PyObject *keep[10];
    for (int i = 0; i < 10; i++) {
        keep[i] = node_new(&Node_Type);
    }
    pyrs_gc_get_count(count);
    CHECK_EQ_INT(count[0], 10);
    for (int i = 0; i < 10; i++) {
        Py_DECREF(keep[i]);
    }
    pyrs_gc_get_count(count);
    CHECK_EQ_INT(count[0], 0);
    /* Allocating past the threshold collects generation 0 automatically. */
    CHECK(PyGC_IsEnabled());
    PyObject *cycle = NULL;
    for (int i = 0; i < 1000; i++) {
        PyObject *a = node_new(&Node_Type), *b = node_new(&Node_Type);
        link_pair(a, b);
        Py_DECREF(a);
        Py_DECREF(b);
    }
    pyrs_gc_get_count(count);
    CHECK(count[0] <= 700);
    CHECK(count[1] >= 1);
    (void)cycle;
    CHECK_EQ_INT(PyGC_Disable(), 1);
    CHECK(!PyGC_IsEnabled());
    CHECK_EQ_INT(PyGC_Collect(), 0); /* disabled: nothing */
    CHECK_EQ_INT(PyGC_Enable(), 0);
    CHECK(PyGC_Collect() > 0);
    int custom[3] = {5, 2, 2};
    pyrs_gc_set_threshold(custom);
    pyrs_gc_get_threshold(th);
    CHECK_EQ_INT(th[0], 5);
    int defaults[3] = {700, 10, 10};
    pyrs_gc_set_threshold(defaults);
    CHECK_EQ_INT(pyrs_gc_collect(3), -1);
    CHECK(PyErr_ExceptionMatches(PyExc_ValueError));
    PyErr_Clear();
}

static void
test_referents_referrers_objects(void)
{
    PyObject *a = node_new(&Node_Type), *b = node_new(&Node_Type);
    ((Node *)a)->ref = Py_NewRef(b);
    PyObject *args = PyTuple_Pack(1, a);
    PyObject *referents = pyrs_gc_get_referents(args);
    CHECK(referents != NULL && PyList_GET_SIZE(referents) == 1 &&
          PyList_GET_ITEM(referents, 0) == b);
    Py_XDECREF(referents);
    Py_DECREF(args);
    args = PyTuple_Pack(1, b);
    PyObject *referrers = pyrs_gc_get_referrers(args);
    int found = 0;
    for (Py_ssize_t i = 0; referrers != NULL && i < PyList_GET_SIZE(referrers); i++) {
        found |= PyList_GET_ITEM(referrers, i) == a;
    }
    CHECK(found);
    Py_XDECREF(referrers);
    Py_DECREF(args);
    PyObject *all = pyrs_gc_get_objects(-1);
    found = 0;
    for (Py_ssize_t i = 0; all != NULL && i < PyList_GET_SIZE(all); i++) {
        found += PyList_GET_ITEM(all, i) == a || PyList_GET_ITEM(all, i) == b;
    }
    CHECK_EQ_INT(found, 2);
    Py_XDECREF(all);
    CHECK(pyrs_gc_get_objects(3) == NULL);
    PyErr_Clear();
    pyrs_gc_freeze();
    CHECK(pyrs_gc_get_freeze_count() >= 2);
    pyrs_gc_unfreeze();
    CHECK_EQ_INT(pyrs_gc_get_freeze_count(), 0);
    Py_DECREF(a);
    Py_DECREF(b);
}

static void
test_gc_callbacks(void)
{
    PyObject *callbacks = pyrs_gc_callbacks();
    Recorder *cb = recorder_new();
    CHECK(PyList_Append(callbacks, (PyObject *)cb) == 0);
    (void)pyrs_gc_collect(1);
    CHECK_EQ_INT(cb->calls, 2);
    CHECK(cb->last_arg != NULL && PyUnicode_Check(cb->last_arg) &&
          PyUnicode_CompareWithASCIIString(cb->last_arg, "stop") == 0);
    PyList_SetSlice(callbacks, 0, PyList_GET_SIZE(callbacks), NULL);
    Py_DECREF(cb);
}

static void
test_gc_resize(void)
{
    static PyTypeObject Var_Type = {
        PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "test.Var",
        .tp_basicsize = sizeof(PyVarObject),
        .tp_itemsize = sizeof(PyObject *),
        .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    };
    PyVarObject *v = PyObject_GC_NewVar(PyVarObject, &Var_Type, 2);
    CHECK(v != NULL && Py_SIZE(v) == 2);
    PyObject_GC_Track(v);
    v = PyObject_GC_Resize(PyVarObject, v, 1000);
    CHECK(v != NULL && Py_SIZE(v) == 1000);
    CHECK(PyObject_GC_IsTracked((PyObject *)v));
    PyObject_GC_UnTrack(v);
    PyObject_GC_Del(v);
}

/* repr of RESULT, or "!Type: message" of the pending error (cleared); static buffer. */
static const char *
outcome(PyObject *result)
{
    static char buf[512];
    if (result == NULL) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyObject *s = v != NULL ? PyObject_Str(v) : NULL;
        snprintf(buf, sizeof(buf), "!%s: %s", t ? ((PyTypeObject *)t)->tp_name : "?",
                 s ? PyUnicode_AsUTF8(s) : "?");
        Py_XDECREF(s);
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
        PyErr_Clear();
        return buf;
    }
    PyObject *r = PyObject_Repr(result);
    snprintf(buf, sizeof(buf), "%s", r ? PyUnicode_AsUTF8(r) : "<repr failed>");
    Py_XDECREF(r);
    Py_DECREF(result);
    PyErr_Clear();
    return buf;
}

static PyObject *
call_ref_type(PyObject *args, PyObject *kwargs)
{
    return PyObject_Call((PyObject *)&_PyWeakref_RefType, args, kwargs);
}

static PyObject *
hash_as_object(PyObject *o)
{
    Py_hash_t h = PyObject_Hash(o);
    return h == -1 && PyErr_Occurred() ? NULL : PyLong_FromSsize_t(h);
}

static void
test_weakref_protocol(void)
{
    int th[3];
    char buf[64];
    pyrs_gc_get_threshold(th);
    snprintf(buf, sizeof(buf), "(%d, %d, %d)", th[0], th[1], th[2]);
    CHECK_EQ_STR(buf, EXPECT_THRESHOLD);
    PyObject *o = node_new(&Node_Type);
    PyObject *args1 = PyTuple_Pack(1, o);
    PyObject *ref = call_ref_type(args1, NULL);
    PyObject *basic = PyWeakref_NewRef(o, NULL);
    CHECK(ref != NULL && ref == basic);
    PyObject *args3 = PyTuple_Pack(3, o, Py_None, Py_None);
    CHECK_EQ_STR(outcome(call_ref_type(args3, NULL)), EXPECT_REF_TOO_MANY);
    PyObject *args0 = PyTuple_New(0);
    CHECK_EQ_STR(outcome(call_ref_type(args0, NULL)), EXPECT_REF_TOO_FEW);
    PyObject *kw = PyDict_New();
    PyDict_SetItemString(kw, "x", Py_None);
    CHECK_EQ_STR(outcome(call_ref_type(args1, kw)), EXPECT_REF_KWARGS);
    PyObject *got = PyObject_CallNoArgs(ref);
    CHECK(got == o);
    Py_XDECREF(got);
    CHECK_EQ_STR(outcome(PyObject_CallOneArg(ref, Py_None)), EXPECT_REF_CALL_ARGS);
    PyObject *one = PyLong_FromLong(1);
    CHECK_EQ_STR(outcome(PyWeakref_NewRef(one, NULL)), EXPECT_REF_NOT_WEAKREFABLE);
    Py_DECREF(one);
    Recorder *cb = recorder_new();
    PyObject *with_cb = PyWeakref_NewRef(o, (PyObject *)cb);
    CHECK_EQ_STR(outcome(PyObject_RichCompare(ref, with_cb, Py_EQ)), EXPECT_REF_EQ_SAME_REFERENT);
    CHECK_EQ_STR(outcome(PyObject_RichCompare(ref, ref, Py_LT)), EXPECT_REF_LT);
    PyObject *cb_attr = PyObject_GetAttrString(with_cb, "__callback__");
    CHECK(cb_attr == (PyObject *)cb);
    Py_XDECREF(cb_attr);
    Py_DECREF(with_cb);
    PyObject *proxy = PyWeakref_NewProxy(o, NULL);
    CHECK_EQ_STR(outcome(hash_as_object(proxy)), EXPECT_PROXY_HASH);
    CHECK_EQ_STR(_PyType_Name(Py_TYPE(proxy)), EXPECT_PROXY_TYPE);
    PyObject *cproxy = PyWeakref_NewProxy((PyObject *)cb, NULL);
    CHECK(cproxy == NULL); /* Recorder is not weakly referenceable */
    PyErr_Clear();
    PyObject *tproxy = PyWeakref_NewProxy((PyObject *)&Node_Type, NULL);
    CHECK(tproxy != NULL);
    if (tproxy != NULL) {
        CHECK_EQ_STR(_PyType_Name(Py_TYPE(tproxy)), EXPECT_CALLABLE_PROXY_TYPE);
        Py_DECREF(tproxy);
    }
    CHECK_EQ_STR(_PyType_Name(&_PyWeakref_RefType), EXPECT_REF_TYPE_NAME);
    PyObject *h = hash_as_object(ref); /* cached while alive */
    CHECK(h != NULL);
    Py_XDECREF(h);
    Py_CLEAR(args1);
    Py_CLEAR(args3);
    Py_DECREF(o); /* the referent dies */
    got = PyObject_CallNoArgs(ref);
    CHECK(got == Py_None);
    Py_XDECREF(got);
    CHECK_EQ_STR(outcome(PyObject_CallNoArgs(ref)), EXPECT_REF_DEAD_CALL);
    CHECK_EQ_STR(outcome(PyObject_GetAttrString(proxy, "x")), EXPECT_DEAD_PROXY_GETATTR);
    PyObject *dead = node_new(&Node_Type);
    PyObject *dead_ref = PyWeakref_NewRef(dead, NULL);
    Py_DECREF(dead);
    CHECK_EQ_STR(outcome(hash_as_object(dead_ref)), EXPECT_REF_DEAD_HASH);
    const char *r = outcome(Py_NewRef(dead_ref));
    size_t rl = strlen(r), tl = strlen(EXPECT_DEAD_REPR_TAIL);
    CHECK(rl > tl && strcmp(r + rl - tl, EXPECT_DEAD_REPR_TAIL) == 0);
    CHECK(strncmp(r, "<weakref at 0x", 14) == 0);
    Py_DECREF(dead_ref);
    Py_DECREF(proxy);
    Py_DECREF(ref);
    Py_DECREF(basic);
    Py_DECREF(cb);
    Py_DECREF(kw);
    Py_DECREF(args0);
}

/* Exceptions referring to each other (the usual __context__ cycle) are collected, also for a
 * heap subclass made by PyErr_NewException whose instances carry a __dict__. */
static void
test_exception_cycles(void)
{
    PyObject *cls = PyErr_NewException("mod.CycleError", NULL, NULL);
    CHECK(cls != NULL);
    if (cls == NULL) {
        PyErr_Clear();
        return;
    }
    PyObject *a = PyObject_CallNoArgs(cls), *b = PyObject_CallNoArgs(PyExc_ValueError);
    CHECK(a != NULL && b != NULL);
    PyException_SetContext(a, Py_NewRef(b));
    PyException_SetContext(b, Py_NewRef(a));
    CHECK(PyObject_SetAttrString(a, "me", a) == 0); /* a cycle through the instance dict */
    PyObject *wa = PyWeakref_NewRef(a, NULL);       /* heap subclasses are weakly referenceable */
    CHECK(wa != NULL);
    Py_DECREF(a);
    Py_DECREF(b);
    CHECK(PyWeakref_GetObject(wa) != Py_None);
    Py_ssize_t found = pyrs_gc_collect(2);
    CHECK(found >= 2);
    CHECK(PyWeakref_GetObject(wa) == Py_None);
    Py_XDECREF(wa);
    Py_DECREF(cls);
    (void)pyrs_gc_collect(2); /* the class itself (a heap type) may sit in a cycle too */
    PyErr_Clear();
}

static void
run_tests(void)
{
    CHECK_EQ_INT(pyrs_runtime_init(), 0);
    CHECK(PyType_Ready(&Node_Type) == 0 && PyType_Ready(&FinNode_Type) == 0 &&
          PyType_Ready(&DelNode_Type) == 0 && PyType_Ready(&Recorder_Type) == 0);
    test_tracking();
    test_simple_cycle();
    test_reachable_cycle_kept();
    test_finalizers();
    test_resurrection();
    test_weakref_callback_in_cycle();
    test_weakref_on_refcount_death();
    test_legacy_del_goes_to_garbage();
    test_thresholds_and_counts();
    test_referents_referrers_objects();
    test_gc_callbacks();
    test_gc_resize();
    test_weakref_protocol();
    test_exception_cycles();
    CHECK(PyErr_Occurred() == NULL);
}
