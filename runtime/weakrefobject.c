/* weakrefobject.c: weak references as CPython 3.11's Objects/weakrefobject.c: weakref.ref
 * (shared callback-less refs, callbacks, cached hash, equality by referent, __callback__),
 * proxy and callable proxy forwarding every protocol to the live referent, and
 * PyObject_ClearWeakRefs which runs callbacks when a referent dies. */
#include "pyrs/weakref.h"

#include "pyrs/lifecycle.h"

#define WR(op) ((PyWeakReference *)(op))

static int
supports_weakrefs(PyObject *ob)
{
    return Py_TYPE(ob)->tp_weaklistoffset > 0;
}

static PyWeakReference **
weaklist(PyObject *ob)
{
    return (PyWeakReference **)_PyObject_GET_WEAKREFS_LISTPTR(ob);
}

/* Unlink SELF from its referent's list and forget the referent and callback. */
static void
clear_weakref(PyWeakReference *self)
{
    PyObject *callback = self->wr_callback;
    if (self->wr_object != Py_None) {
        PyWeakReference **list = weaklist(self->wr_object);
        if (*list == self) {
            *list = self->wr_next;
        }
        self->wr_object = Py_None;
        if (self->wr_prev != NULL) {
            self->wr_prev->wr_next = self->wr_next;
        }
        if (self->wr_next != NULL) {
            self->wr_next->wr_prev = self->wr_prev;
        }
        self->wr_prev = NULL;
        self->wr_next = NULL;
    }
    if (callback != NULL) {
        self->wr_callback = NULL;
        Py_DECREF(callback);
    }
}

void
_PyWeakref_ClearRef(PyWeakReference *self)
{
    /* The collector calls the callback itself later, so keep it. */
    PyObject *callback = self->wr_callback;
    self->wr_callback = NULL;
    clear_weakref(self);
    self->wr_callback = callback;
}

Py_ssize_t
_PyWeakref_GetWeakrefCount(PyWeakReference *head)
{
    Py_ssize_t n = 0;
    for (; head != NULL; head = head->wr_next) {
        n++;
    }
    return n;
}

static void
insert_head(PyWeakReference *wr, PyWeakReference **list)
{
    PyWeakReference *next = *list;
    wr->wr_prev = NULL;
    wr->wr_next = next;
    if (next != NULL) {
        next->wr_prev = wr;
    }
    *list = wr;
}

static void
insert_after(PyWeakReference *wr, PyWeakReference *prev)
{
    wr->wr_prev = prev;
    wr->wr_next = prev->wr_next;
    if (prev->wr_next != NULL) {
        prev->wr_next->wr_prev = wr;
    }
    prev->wr_next = wr;
}

/* The shared callback-less ref and proxy sit at the head of the list (ref first). */
static void
get_basic_refs(PyWeakReference *head, PyWeakReference **refp, PyWeakReference **proxyp)
{
    *refp = *proxyp = NULL;
    if (head != NULL && head->wr_callback == NULL && Py_IS_TYPE(head, &_PyWeakref_RefType)) {
        *refp = head;
        head = head->wr_next;
    }
    if (head != NULL && head->wr_callback == NULL &&
        (Py_IS_TYPE(head, &_PyWeakref_ProxyType) ||
         Py_IS_TYPE(head, &_PyWeakref_CallableProxyType))) {
        *proxyp = head;
    }
}

static PyObject *weakref_vectorcall(PyObject *self, PyObject *const *args, size_t nargsf,
                                    PyObject *kwnames);

/* A fresh, unlinked weak reference of TYPE to OB (GC-tracked); NULL with MemoryError. */
static PyWeakReference *
new_weakref(PyTypeObject *type, PyObject *ob, PyObject *callback)
{
    PyWeakReference *self = (PyWeakReference *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->hash = -1;
    self->wr_object = ob;
    self->wr_prev = self->wr_next = NULL;
    self->wr_callback = Py_XNewRef(callback);
    self->vectorcall = weakref_vectorcall;
    if (!PyObject_GC_IsTracked((PyObject *)self)) {
        PyObject_GC_Track(self);
    }
    return self;
}

static int
check_referent(PyObject *ob)
{
    if (!supports_weakrefs(ob)) {
        PyErr_Format(PyExc_TypeError, "cannot create weak reference to '%s' object",
                     Py_TYPE(ob)->tp_name);
        return -1;
    }
    return 0;
}

/* Link a new ref: the shared basic ref goes first, others after the basic ref/proxy. */
static void
link_ref(PyWeakReference *wr, PyWeakReference **list, int basic)
{
    PyWeakReference *ref, *proxy;
    get_basic_refs(*list, &ref, &proxy);
    if (basic) {
        insert_head(wr, list);
        return;
    }
    PyWeakReference *prev = proxy != NULL ? proxy : ref;
    if (prev == NULL) {
        insert_head(wr, list);
    } else {
        insert_after(wr, prev);
    }
}

PyObject *
PyWeakref_NewRef(PyObject *ob, PyObject *callback)
{
    if (check_referent(ob) < 0) {
        return NULL;
    }
    PyWeakReference **list = weaklist(ob);
    if (callback == Py_None) {
        callback = NULL;
    }
    PyWeakReference *ref, *proxy;
    get_basic_refs(*list, &ref, &proxy);
    if (callback == NULL && ref != NULL) {
        return Py_NewRef((PyObject *)ref);
    }
    PyWeakReference *wr = new_weakref(&_PyWeakref_RefType, ob, callback);
    if (wr == NULL) {
        return NULL;
    }
    /* Allocation may have run the GC and created a basic ref meanwhile: re-check. */
    get_basic_refs(*list, &ref, &proxy);
    if (callback == NULL && ref != NULL) {
        Py_DECREF(wr);
        return Py_NewRef((PyObject *)ref);
    }
    link_ref(wr, list, callback == NULL);
    return (PyObject *)wr;
}

PyObject *
PyWeakref_NewProxy(PyObject *ob, PyObject *callback)
{
    if (check_referent(ob) < 0) {
        return NULL;
    }
    PyWeakReference **list = weaklist(ob);
    if (callback == Py_None) {
        callback = NULL;
    }
    PyWeakReference *ref, *proxy;
    get_basic_refs(*list, &ref, &proxy);
    if (callback == NULL && proxy != NULL) {
        return Py_NewRef((PyObject *)proxy);
    }
    PyTypeObject *type =
        PyCallable_Check(ob) ? &_PyWeakref_CallableProxyType : &_PyWeakref_ProxyType;
    PyWeakReference *wr = new_weakref(type, ob, callback);
    if (wr == NULL) {
        return NULL;
    }
    wr->vectorcall = NULL;
    get_basic_refs(*list, &ref, &proxy);
    if (callback == NULL && proxy != NULL) {
        Py_DECREF(wr);
        return Py_NewRef((PyObject *)proxy);
    }
    if (callback == NULL) {
        /* The basic proxy goes right after the basic ref. */
        if (ref != NULL) {
            insert_after(wr, ref);
        } else {
            insert_head(wr, list);
        }
    } else {
        link_ref(wr, list, 0);
    }
    return (PyObject *)wr;
}

PyObject *
PyWeakref_GetObject(PyObject *ref)
{
    if (ref == NULL || !PyWeakref_Check(ref)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return WR(ref)->wr_object;
}

/* Call CALLBACK(REF), reporting errors as unraisable. */
static void
handle_callback(PyWeakReference *ref, PyObject *callback)
{
    PyObject *res = PyObject_CallOneArg(callback, (PyObject *)ref);
    if (res == NULL) {
        PyErr_WriteUnraisable(callback);
    } else {
        Py_DECREF(res);
    }
}

void
PyObject_ClearWeakRefs(PyObject *object)
{
    if (object == NULL || !supports_weakrefs(object) || Py_REFCNT(object) != 0) {
        PyErr_BadInternalCall();
        return;
    }
    PyWeakReference **list = weaklist(object);
    Py_ssize_t n = _PyWeakref_GetWeakrefCount(*list);
    if (n == 0) {
        return;
    }
    /* Detach every reference first, then run the callbacks: a callback sees all weak
     * references to the object already dead. */
    PyObject *stack[16];
    PyObject **pairs = n <= 8 ? stack : PyMem_RawMalloc(2 * (size_t)n * sizeof(PyObject *));
    if (pairs == NULL) {
        while (*list != NULL) {
            clear_weakref(*list); /* no memory: the callbacks are lost */
        }
        return;
    }
    Py_ssize_t k = 0;
    while (*list != NULL) {
        PyWeakReference *wr = *list;
        PyObject *callback = Py_XNewRef(wr->wr_callback);
        clear_weakref(wr);
        if (callback != NULL && Py_REFCNT(wr) > 0) {
            pairs[2 * k] = Py_NewRef((PyObject *)wr);
            pairs[2 * k + 1] = callback;
            k++;
        } else {
            Py_XDECREF(callback);
        }
    }
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    for (Py_ssize_t i = 0; i < k; i++) {
        handle_callback(WR(pairs[2 * i]), pairs[2 * i + 1]);
        Py_DECREF(pairs[2 * i]);
        Py_DECREF(pairs[2 * i + 1]);
    }
    PyErr_Restore(et, ev, etb);
    if (pairs != stack) {
        PyMem_RawFree(pairs);
    }
}

Py_ssize_t
pyrs_weakref_count(PyObject *obj)
{
    if (!supports_weakrefs(obj)) {
        return 0;
    }
    return _PyWeakref_GetWeakrefCount(*weaklist(obj));
}

PyObject *
pyrs_weakref_list(PyObject *obj)
{
    Py_ssize_t n = pyrs_weakref_count(obj);
    PyObject *result = PyList_New(n);
    if (result == NULL || n == 0) {
        return result;
    }
    PyWeakReference *wr = *weaklist(obj);
    for (Py_ssize_t i = 0; i < n; i++, wr = wr->wr_next) {
        PyList_SET_ITEM(result, i, Py_NewRef((PyObject *)wr));
    }
    return result;
}

/* ---- weakref.ref ------------------------------------------------------------------------- */

/* (ob[, callback]) as weakref.__new__ / __init__ accept them. */
static int
parse_ref_args(PyObject *args, PyObject *kwds, PyObject **ob, PyObject **callback)
{
    if (kwds != NULL && PyDict_Size(kwds) > 0) {
        PyErr_SetString(PyExc_TypeError, "ref() takes no keyword arguments");
        return -1;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < 1 || n > 2) {
        PyErr_Format(PyExc_TypeError, "__new__ expected %s %d argument%s, got %zd",
                     n < 1 ? "at least" : "at most", n < 1 ? 1 : 2, n < 1 ? "" : "s", n);
        return -1;
    }
    *ob = PyTuple_GET_ITEM(args, 0);
    *callback = n == 2 ? PyTuple_GET_ITEM(args, 1) : NULL;
    return 0;
}

static PyObject *
weakref___new__(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *ob, *callback;
    /* __new__ ignores keywords (a subclass's __init__ may take some); __init__ rejects them */
    (void)kwds;
    if (parse_ref_args(args, NULL, &ob, &callback) < 0 || check_referent(ob) < 0) {
        return NULL;
    }
    if (callback == Py_None) {
        callback = NULL;
    }
    if (type == &_PyWeakref_RefType) {
        return PyWeakref_NewRef(ob, callback);
    }
    /* Subclass instances are never shared. */
    PyWeakReference *wr = new_weakref(type, ob, callback);
    if (wr != NULL) {
        link_ref(wr, weaklist(ob), 0);
    }
    return (PyObject *)wr;
}

static int
weakref___init__(PyObject *Py_UNUSED(self), PyObject *args, PyObject *kwds)
{
    PyObject *ob, *callback;
    return parse_ref_args(args, kwds, &ob, &callback);
}

static PyObject *
weakref_vectorcall(PyObject *self, PyObject *const *Py_UNUSED(args), size_t nargsf,
                   PyObject *kwnames)
{
    size_t nargs = nargsf & ~((size_t)1 << (8 * sizeof(size_t) - 1));
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) > 0) {
        PyErr_SetString(PyExc_TypeError, "weakref() takes no keyword arguments");
        return NULL;
    }
    if (nargs != 0) {
        PyErr_Format(PyExc_TypeError, "weakref expected 0 arguments, got %zd", (Py_ssize_t)nargs);
        return NULL;
    }
    return Py_NewRef(WR(self)->wr_object);
}

static PyObject *
weakref_call(PyObject *self, PyObject *args, PyObject *kwds)
{
    if (kwds != NULL && PyDict_Size(kwds) > 0) {
        PyErr_SetString(PyExc_TypeError, "weakref() takes no keyword arguments");
        return NULL;
    }
    if (PyTuple_GET_SIZE(args) != 0) {
        return PyErr_Format(PyExc_TypeError, "weakref expected 0 arguments, got %zd",
                            PyTuple_GET_SIZE(args));
    }
    return Py_NewRef(WR(self)->wr_object);
}

static Py_hash_t
weakref_hash(PyObject *op)
{
    PyWeakReference *self = WR(op);
    if (self->hash != -1) {
        return self->hash;
    }
    if (self->wr_object == Py_None) {
        PyErr_SetString(PyExc_TypeError, "weak object has gone away");
        return -1;
    }
    PyObject *obj = Py_NewRef(self->wr_object);
    self->hash = PyObject_Hash(obj);
    Py_DECREF(obj);
    return self->hash;
}

static PyObject *
weakref_repr(PyObject *op)
{
    PyObject *obj = WR(op)->wr_object;
    if (obj == Py_None) {
        return PyUnicode_FromFormat("<weakref at %p; dead>", op);
    }
    Py_INCREF(obj);
    PyObject *name;
    if (_PyObject_LookupAttr(obj, PyUnicode_InternFromString("__name__"), &name) < 0) {
        Py_DECREF(obj);
        return NULL;
    }
    PyObject *res;
    if (name != NULL && PyUnicode_Check(name)) {
        res = PyUnicode_FromFormat("<weakref at %p; to '%s' at %p (%U)>", op,
                                   _PyType_Name(Py_TYPE(obj)), obj, name);
    } else {
        res = PyUnicode_FromFormat("<weakref at %p; to '%s' at %p>", op, _PyType_Name(Py_TYPE(obj)),
                                   obj);
    }
    Py_XDECREF(name);
    Py_DECREF(obj);
    return res;
}

/* Equality compares referents while both live, identity once either died. */
static PyObject *
weakref_richcompare(PyObject *self, PyObject *other, int op)
{
    if ((op != Py_EQ && op != Py_NE) || !PyWeakref_CheckRef(self) || !PyWeakref_CheckRef(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *a = WR(self)->wr_object, *b = WR(other)->wr_object;
    if (a == Py_None || b == Py_None) {
        int same = (self == other) == (op == Py_EQ);
        return Py_NewRef(same ? Py_True : Py_False);
    }
    Py_INCREF(a);
    Py_INCREF(b);
    PyObject *res = PyObject_RichCompare(a, b, op);
    Py_DECREF(a);
    Py_DECREF(b);
    return res;
}

static int
weakref_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(WR(self)->wr_callback);
    return 0;
}

static int
weakref_tp_clear(PyObject *self)
{
    clear_weakref(WR(self));
    return 0;
}

static void
weakref_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    clear_weakref(WR(self));
    Py_TYPE(self)->tp_free(self);
}

static PyMemberDef weakref_members[] = {
    {"__callback__", T_OBJECT, offsetof(PyWeakReference, wr_callback), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyMethodDef weakref_methods[] = {
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

PyTypeObject _PyWeakref_RefType = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "weakref.ReferenceType",
    .tp_basicsize = sizeof(PyWeakReference),
    .tp_dealloc = weakref_dealloc,
    .tp_vectorcall_offset = offsetof(PyWeakReference, vectorcall),
    .tp_repr = weakref_repr,
    .tp_hash = weakref_hash,
    .tp_call = weakref_call,
    .tp_flags =
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_BASETYPE,
    .tp_traverse = weakref_traverse,
    .tp_clear = weakref_tp_clear,
    .tp_richcompare = weakref_richcompare,
    .tp_methods = weakref_methods,
    .tp_members = weakref_members,
    .tp_init = weakref___init__,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = weakref___new__,
    .tp_free = PyObject_GC_Del,
};

/* ---- proxies ----------------------------------------------------------------------------- */

/* The live referent of proxy P as a new reference, or NULL with ReferenceError. */
static PyObject *
proxy_referent(PyObject *p)
{
    PyObject *obj = WR(p)->wr_object;
    if (obj == Py_None || Py_REFCNT(obj) <= 0) {
        PyErr_SetString(PyExc_ReferenceError, "weakly-referenced object no longer exists");
        return NULL;
    }
    return Py_NewRef(obj);
}

/* Replace a proxy operand by its referent (new reference either way). */
static PyObject *
unwrap(PyObject *o)
{
    return PyWeakref_CheckProxy(o) ? proxy_referent(o) : Py_NewRef(o);
}

#define PROXY_UNARY(fname, call)                                                                   \
    static PyObject *fname(PyObject *proxy)                                                        \
    {                                                                                              \
        PyObject *o = unwrap(proxy);                                                               \
        if (o == NULL) {                                                                           \
            return NULL;                                                                           \
        }                                                                                          \
        PyObject *res = call(o);                                                                   \
        Py_DECREF(o);                                                                              \
        return res;                                                                                \
    }

#define PROXY_BINARY(fname, call)                                                                  \
    static PyObject *fname(PyObject *x, PyObject *y)                                               \
    {                                                                                              \
        PyObject *a = unwrap(x);                                                                   \
        if (a == NULL) {                                                                           \
            return NULL;                                                                           \
        }                                                                                          \
        PyObject *b = unwrap(y);                                                                   \
        if (b == NULL) {                                                                           \
            Py_DECREF(a);                                                                          \
            return NULL;                                                                           \
        }                                                                                          \
        PyObject *res = call(a, b);                                                                \
        Py_DECREF(a);                                                                              \
        Py_DECREF(b);                                                                              \
        return res;                                                                                \
    }

#define PROXY_TERNARY(fname, call)                                                                 \
    static PyObject *fname(PyObject *x, PyObject *y, PyObject *z)                                  \
    {                                                                                              \
        PyObject *a = unwrap(x), *b = a ? unwrap(y) : NULL, *c = b ? unwrap(z) : NULL;             \
        PyObject *res = c ? call(a, b, c) : NULL;                                                  \
        Py_XDECREF(a);                                                                             \
        Py_XDECREF(b);                                                                             \
        Py_XDECREF(c);                                                                             \
        return res;                                                                                \
    }

PROXY_UNARY(proxy_str, PyObject_Str)
PROXY_UNARY(proxy_neg, PyNumber_Negative)
PROXY_UNARY(proxy_pos, PyNumber_Positive)
PROXY_UNARY(proxy_abs, PyNumber_Absolute)
PROXY_UNARY(proxy_invert, PyNumber_Invert)
PROXY_UNARY(proxy_int, PyNumber_Long)
PROXY_UNARY(proxy_float, PyNumber_Float)
PROXY_UNARY(proxy_index, PyNumber_Index)
PROXY_UNARY(proxy_iter, PyObject_GetIter)
PROXY_UNARY(proxy_bytes_impl, PyObject_Bytes)
PROXY_BINARY(proxy_getattr, PyObject_GetAttr)
PROXY_BINARY(proxy_add, PyNumber_Add)
PROXY_BINARY(proxy_sub, PyNumber_Subtract)
PROXY_BINARY(proxy_mul, PyNumber_Multiply)
PROXY_BINARY(proxy_mod, PyNumber_Remainder)
PROXY_BINARY(proxy_divmod, PyNumber_Divmod)
PROXY_BINARY(proxy_lshift, PyNumber_Lshift)
PROXY_BINARY(proxy_rshift, PyNumber_Rshift)
PROXY_BINARY(proxy_and, PyNumber_And)
PROXY_BINARY(proxy_xor, PyNumber_Xor)
PROXY_BINARY(proxy_or, PyNumber_Or)
PROXY_BINARY(proxy_floor_div, PyNumber_FloorDivide)
PROXY_BINARY(proxy_true_div, PyNumber_TrueDivide)
PROXY_BINARY(proxy_matmul, PyNumber_MatrixMultiply)
PROXY_BINARY(proxy_iadd, PyNumber_InPlaceAdd)
PROXY_BINARY(proxy_isub, PyNumber_InPlaceSubtract)
PROXY_BINARY(proxy_imul, PyNumber_InPlaceMultiply)
PROXY_BINARY(proxy_imod, PyNumber_InPlaceRemainder)
PROXY_BINARY(proxy_ilshift, PyNumber_InPlaceLshift)
PROXY_BINARY(proxy_irshift, PyNumber_InPlaceRshift)
PROXY_BINARY(proxy_iand, PyNumber_InPlaceAnd)
PROXY_BINARY(proxy_ixor, PyNumber_InPlaceXor)
PROXY_BINARY(proxy_ior, PyNumber_InPlaceOr)
PROXY_BINARY(proxy_ifloor_div, PyNumber_InPlaceFloorDivide)
PROXY_BINARY(proxy_itrue_div, PyNumber_InPlaceTrueDivide)
PROXY_BINARY(proxy_imatmul, PyNumber_InPlaceMatrixMultiply)
PROXY_BINARY(proxy_getitem, PyObject_GetItem)
PROXY_TERNARY(proxy_pow, PyNumber_Power)
PROXY_TERNARY(proxy_ipow, PyNumber_InPlacePower)

static PyObject *
proxy_repr(PyObject *proxy)
{
    PyObject *obj = WR(proxy)->wr_object;
    return PyUnicode_FromFormat("<weakproxy at %p to %s at %p>", proxy, Py_TYPE(obj)->tp_name, obj);
}

static int
proxy_setattr(PyObject *proxy, PyObject *name, PyObject *value)
{
    PyObject *o = proxy_referent(proxy);
    if (o == NULL) {
        return -1;
    }
    int res = PyObject_SetAttr(o, name, value);
    Py_DECREF(o);
    return res;
}

static PyObject *
proxy_richcompare(PyObject *proxy, PyObject *v, int op)
{
    PyObject *a = unwrap(proxy);
    if (a == NULL) {
        return NULL;
    }
    PyObject *b = unwrap(v);
    if (b == NULL) {
        Py_DECREF(a);
        return NULL;
    }
    PyObject *res = PyObject_RichCompare(a, b, op);
    Py_DECREF(a);
    Py_DECREF(b);
    return res;
}

static int
proxy_bool(PyObject *proxy)
{
    PyObject *o = proxy_referent(proxy);
    if (o == NULL) {
        return -1;
    }
    int res = PyObject_IsTrue(o);
    Py_DECREF(o);
    return res;
}

static Py_ssize_t
proxy_length(PyObject *proxy)
{
    PyObject *o = proxy_referent(proxy);
    if (o == NULL) {
        return -1;
    }
    Py_ssize_t res = PyObject_Length(o);
    Py_DECREF(o);
    return res;
}

static int
proxy_contains(PyObject *proxy, PyObject *value)
{
    PyObject *o = proxy_referent(proxy);
    if (o == NULL) {
        return -1;
    }
    int res = PySequence_Contains(o, value);
    Py_DECREF(o);
    return res;
}

static int
proxy_setitem(PyObject *proxy, PyObject *key, PyObject *value)
{
    PyObject *o = proxy_referent(proxy);
    if (o == NULL) {
        return -1;
    }
    int res = value == NULL ? PyObject_DelItem(o, key) : PyObject_SetItem(o, key, value);
    Py_DECREF(o);
    return res;
}

static PyObject *
proxy_iternext(PyObject *proxy)
{
    PyObject *o = proxy_referent(proxy);
    if (o == NULL) {
        return NULL;
    }
    if (!PyIter_Check(o)) {
        PyErr_Format(PyExc_TypeError, "Weakref proxy referenced a non-iterator '%.200s' object",
                     Py_TYPE(o)->tp_name);
        Py_DECREF(o);
        return NULL;
    }
    PyObject *res = PyIter_Next(o);
    Py_DECREF(o);
    return res;
}

static PyObject *
proxy_call(PyObject *proxy, PyObject *args, PyObject *kw)
{
    PyObject *o = proxy_referent(proxy);
    if (o == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_Call(o, args, kw);
    Py_DECREF(o);
    return res;
}

static PyObject *
proxy_bytes(PyObject *proxy, PyObject *Py_UNUSED(ignored))
{
    return proxy_bytes_impl(proxy);
}

static PyObject *
proxy_reversed(PyObject *proxy, PyObject *Py_UNUSED(ignored))
{
    PyObject *o = proxy_referent(proxy);
    if (o == NULL) {
        return NULL;
    }
    PyObject *meth = PyObject_GetAttrString(o, "__reversed__");
    Py_DECREF(o);
    if (meth == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_CallNoArgs(meth);
    Py_DECREF(meth);
    return res;
}

static Py_hash_t
proxy_hash(PyObject *proxy)
{
    PyErr_Format(PyExc_TypeError, "unhashable type: '%s'", Py_TYPE(proxy)->tp_name);
    return -1;
}

static PyMethodDef proxy_methods[] = {
    {"__bytes__", proxy_bytes, METH_NOARGS, NULL},
    {"__reversed__", proxy_reversed, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyNumberMethods proxy_as_number = {
    .nb_add = proxy_add,
    .nb_subtract = proxy_sub,
    .nb_multiply = proxy_mul,
    .nb_remainder = proxy_mod,
    .nb_divmod = proxy_divmod,
    .nb_power = proxy_pow,
    .nb_negative = proxy_neg,
    .nb_positive = proxy_pos,
    .nb_absolute = proxy_abs,
    .nb_bool = proxy_bool,
    .nb_invert = proxy_invert,
    .nb_lshift = proxy_lshift,
    .nb_rshift = proxy_rshift,
    .nb_and = proxy_and,
    .nb_xor = proxy_xor,
    .nb_or = proxy_or,
    .nb_int = proxy_int,
    .nb_float = proxy_float,
    .nb_inplace_add = proxy_iadd,
    .nb_inplace_subtract = proxy_isub,
    .nb_inplace_multiply = proxy_imul,
    .nb_inplace_remainder = proxy_imod,
    .nb_inplace_power = proxy_ipow,
    .nb_inplace_lshift = proxy_ilshift,
    .nb_inplace_rshift = proxy_irshift,
    .nb_inplace_and = proxy_iand,
    .nb_inplace_xor = proxy_ixor,
    .nb_inplace_or = proxy_ior,
    .nb_floor_divide = proxy_floor_div,
    .nb_true_divide = proxy_true_div,
    .nb_inplace_floor_divide = proxy_ifloor_div,
    .nb_inplace_true_divide = proxy_itrue_div,
    .nb_index = proxy_index,
    .nb_matrix_multiply = proxy_matmul,
    .nb_inplace_matrix_multiply = proxy_imatmul,
};

static PySequenceMethods proxy_as_sequence = {
    .sq_contains = proxy_contains,
};

static PyMappingMethods proxy_as_mapping = {
    .mp_length = proxy_length,
    .mp_subscript = proxy_getitem,
    .mp_ass_subscript = proxy_setitem,
};

#define PROXY_TYPE(cname, pyname, call, methods)                                                   \
    PyTypeObject cname = {                                                                         \
        PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = pyname,                                   \
        .tp_basicsize = sizeof(PyWeakReference),                                                   \
        .tp_dealloc = weakref_dealloc,                                                             \
        .tp_repr = proxy_repr,                                                                     \
        .tp_as_number = &proxy_as_number,                                                          \
        .tp_as_sequence = &proxy_as_sequence,                                                      \
        .tp_as_mapping = &proxy_as_mapping,                                                        \
        .tp_hash = proxy_hash,                                                                     \
        .tp_call = call,                                                                           \
        .tp_str = proxy_str,                                                                       \
        .tp_getattro = proxy_getattr,                                                              \
        .tp_setattro = proxy_setattr,                                                              \
        .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,                                       \
        .tp_traverse = weakref_traverse,                                                           \
        .tp_clear = weakref_tp_clear,                                                              \
        .tp_richcompare = proxy_richcompare,                                                       \
        .tp_iter = proxy_iter,                                                                     \
        .tp_iternext = proxy_iternext,                                                             \
        .tp_methods = methods,                                                                     \
        .tp_free = PyObject_GC_Del,                                                                \
    }

/* as CPython, only the non-callable proxy has __bytes__ and __reversed__ */
PROXY_TYPE(_PyWeakref_ProxyType, "weakref.ProxyType", NULL, proxy_methods);
PROXY_TYPE(_PyWeakref_CallableProxyType, "weakref.CallableProxyType", proxy_call, NULL);

int
pyrs_weakref_init(void)
{
    if (PyType_Ready(&_PyWeakref_RefType) < 0 || PyType_Ready(&_PyWeakref_ProxyType) < 0 ||
        PyType_Ready(&_PyWeakref_CallableProxyType) < 0) {
        return -1;
    }
    return 0;
}
