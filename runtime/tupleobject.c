/* tupleobject.c: the tuple type and its iterator, mirroring CPython 3.11's
 * Objects/tupleobject.c: the empty-tuple singleton, the xxHash-based hash, lexicographic
 * comparison, slicing, and the C-API (PyTuple_*). Also the argument and repr helpers shared
 * by the container files (pyrs/containers.h). */
#include "Python.h"
#include "pyrs/containers.h"
#include "pyrs/lifecycle.h"

/* The one empty tuple; created by pyrs_tuple_init and never freed. */
static PyTupleObject *empty_tuple;

int
pyrs_tuple_check_nargs(const char *name, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max)
{
    if (nargs < min) {
        PyErr_Format(PyExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name,
                     min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > max) {
        PyErr_Format(PyExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name,
                     min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

int
pyrs_tuple_check_no_kwargs(const char *name, PyObject *kwds)
{
    if (kwds == NULL || (PyDict_Check(kwds) && PyDict_GET_SIZE(kwds) == 0)) {
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "%.200s() takes no keyword arguments", name);
    return -1;
}

PyObject *
pyrs_tuple_repr_items(PyObject *const *items, Py_ssize_t n, const char *open, const char *close)
{
    PyObject *parts = PyList_New(0), *sep = NULL, *body = NULL, *res = NULL;
    if (parts == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *r = PyObject_Repr(items[i]);
        if (r == NULL || PyList_Append(parts, r) < 0) {
            Py_XDECREF(r);
            goto done;
        }
        Py_DECREF(r);
    }
    sep = PyUnicode_FromString(", ");
    if (sep == NULL) {
        goto done;
    }
    body = PyUnicode_Join(sep, parts);
    if (body != NULL) {
        res = PyUnicode_FromFormat("%s%U%s", open, body, close);
    }
done:
    Py_XDECREF(body);
    Py_XDECREF(sep);
    Py_DECREF(parts);
    return res;
}

#define TRASH_DEPTH_LIMIT 50

static int trash_depth;           /* container deallocs currently on the C stack */
static PyObject **trash_pending;  /* parked objects (refcount 0), freed by the outermost */
static Py_ssize_t trash_count;    /* parked objects */
static Py_ssize_t trash_capacity; /* slots in trash_pending */
static int trash_draining;        /* the outermost level is freeing parked objects */

int
pyrs_trash_begin(PyObject *op, destructor own_dealloc)
{
    if (trash_depth < TRASH_DEPTH_LIMIT || Py_TYPE(op)->tp_dealloc != own_dealloc) {
        trash_depth++;
        return 0;
    }
    if (trash_count == trash_capacity) {
        Py_ssize_t cap = trash_capacity ? trash_capacity * 2 : 64;
        PyObject **grown = PyMem_RawRealloc(trash_pending, (size_t)cap * sizeof(PyObject *));
        if (grown == NULL) {
            /* Out of memory: deallocate in place rather than leak. */
            trash_depth++;
            return 0;
        }
        trash_pending = grown;
        trash_capacity = cap;
    }
    trash_pending[trash_count++] = op;
    return 1;
}

void
pyrs_trash_end(void)
{
    if (--trash_depth > 0 || trash_draining) {
        return;
    }
    /* Outermost level: free what was parked (which may park more) in this loop rather than
     * by recursing, so the C stack stays bounded. */
    trash_draining = 1;
    while (trash_count > 0) {
        PyObject *op = trash_pending[--trash_count];
        Py_TYPE(op)->tp_dealloc(op);
    }
    trash_draining = 0;
}

PyObject *
pyrs_tuple_class_getitem(PyObject *cls, PyObject *args)
{
    if (Py_GenericAlias == NULL) {
        PyErr_SetString(PyExc_TypeError, "types.GenericAlias is not available yet");
        return NULL;
    }
    return Py_GenericAlias(cls, args);
}

PyObject *
pyrs_tuple_from_iterable(PyObject *iterable)
{
    if (PyTuple_CheckExact(iterable)) {
        return Py_NewRef(iterable);
    }
    if (PyList_CheckExact(iterable)) {
        return PyList_AsTuple(iterable);
    }
    PyObject *list = pyrs_list_from_iterable(iterable);
    if (list == NULL) {
        return NULL;
    }
    PyObject *res = PyList_AsTuple(list);
    Py_DECREF(list);
    return res;
}

/* Freed exact tuples of 1..FREE_SIZES items, one chain per size linked through ob_item[0],
 * as CPython keeps them: reuse skips the allocator, the zeroing of the GC head and the
 * collector's allocation count (a dealloc into the list skips the matching decrement).
 * Protected by the GIL. */
#define FREE_SIZES 20
#define FREE_MAX   2000
static PyTupleObject *free_tuples[FREE_SIZES + 1];
static int free_count[FREE_SIZES + 1];

/* A tuple of SIZE (1..FREE_SIZES) items from the free list, untracked, items not cleared; or
 * NULL when the list is empty (no exception). */
static inline PyTupleObject *
tuple_from_free(Py_ssize_t size)
{
    PyTupleObject *op = free_tuples[size];
    if (op == NULL) {
        return NULL;
    }
    free_tuples[size] = (PyTupleObject *)op->ob_item[0];
    free_count[size]--;
    PyGC_Head *g = _Py_AS_GC((PyObject *)op);
    g->_gc_next = 0;
    g->_gc_prev = 0;
    Py_SET_REFCNT(op, 1);
    return op;
}

/* Keeps the dead exact tuple OP (items released, untracked) for reuse: 1, or 0 when it must
 * be freed. */
static inline int
tuple_to_free(PyTupleObject *op)
{
    Py_ssize_t size = Py_SIZE(op);
    if (size < 1 || size > FREE_SIZES || free_count[size] >= FREE_MAX ||
        !Py_IS_TYPE(op, &PyTuple_Type)) {
        return 0;
    }
    op->ob_item[0] = (PyObject *)free_tuples[size];
    free_tuples[size] = op;
    free_count[size]++;
    return 1;
}

/* A new untracked tuple of SIZE items. The items are NULL when it comes from the allocator
 * (zeroed memory) but stale when it comes from the free list: callers fill every item before
 * anything can look at the tuple, or use PyTuple_New, which clears them. */
static PyTupleObject *
tuple_alloc(Py_ssize_t size)
{
    if (size < 0) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (size <= FREE_SIZES && size > 0) {
        PyTupleObject *op = tuple_from_free(size);
        if (op != NULL) {
            return op;
        }
    }
    if ((size_t)size > ((size_t)PY_SSIZE_T_MAX - sizeof(PyTupleObject)) / sizeof(PyObject *)) {
        return (PyTupleObject *)PyErr_NoMemory();
    }
    /* pyrs_gc_alloc zeroes the whole block, items included */
    return PyObject_GC_NewVar(PyTupleObject, &PyTuple_Type, size);
}

PyObject *
PyTuple_New(Py_ssize_t size)
{
    if (size == 0 && empty_tuple != NULL) {
        return Py_NewRef(empty_tuple);
    }
    PyTupleObject *op = tuple_alloc(size);
    if (op == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < size; i++) {
        op->ob_item[i] = NULL;
    }
    PyObject_GC_Track(op);
    return (PyObject *)op;
}

Py_ssize_t
PyTuple_Size(PyObject *op)
{
    if (!PyTuple_Check(op)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return Py_SIZE(op);
}

PyObject *
PyTuple_GetItem(PyObject *op, Py_ssize_t i)
{
    if (!PyTuple_Check(op)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (i < 0 || i >= Py_SIZE(op)) {
        PyErr_SetString(PyExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return PyTuple_GET_ITEM(op, i);
}

int
PyTuple_SetItem(PyObject *op, Py_ssize_t i, PyObject *v)
{
    if (!PyTuple_Check(op) || Py_REFCNT(op) != 1) {
        Py_XDECREF(v);
        PyErr_BadInternalCall();
        return -1;
    }
    if (i < 0 || i >= Py_SIZE(op)) {
        Py_XDECREF(v);
        PyErr_SetString(PyExc_IndexError, "tuple assignment index out of range");
        return -1;
    }
    Py_XSETREF(PyTuple_GET_ITEM(op, i), v);
    return 0;
}

PyObject *
_PyTuple_FromArray(PyObject *const *src, Py_ssize_t n)
{
    if (n == 0) {
        return PyTuple_New(0);
    }
    PyTupleObject *op = tuple_alloc(n);
    if (op == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        op->ob_item[i] = Py_NewRef(src[i]);
    }
    PyObject_GC_Track(op);
    return (PyObject *)op;
}

PyObject *
_PyTuple_FromArraySteal(PyObject *const *src, Py_ssize_t n)
{
    if (n == 0) {
        return PyTuple_New(0);
    }
    PyTupleObject *op = tuple_alloc(n);
    if (op == NULL) {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_DECREF(src[i]);
        }
        return NULL;
    }
    memcpy(op->ob_item, src, (size_t)n * sizeof(PyObject *));
    PyObject_GC_Track(op);
    return (PyObject *)op;
}

PyObject *
PyTuple_Pack(Py_ssize_t n, ...)
{
    va_list ap;
    if (n == 0) {
        return PyTuple_New(0);
    }
    PyTupleObject *op = tuple_alloc(n);
    if (op == NULL) {
        return NULL;
    }
    va_start(ap, n);
    for (Py_ssize_t i = 0; i < n; i++) {
        op->ob_item[i] = Py_NewRef(va_arg(ap, PyObject *));
    }
    va_end(ap);
    PyObject_GC_Track(op);
    return (PyObject *)op;
}

PyObject *
PyTuple_GetSlice(PyObject *op, Py_ssize_t low, Py_ssize_t high)
{
    if (op == NULL || !PyTuple_Check(op)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    Py_ssize_t n = Py_SIZE(op);
    if (low < 0) {
        low = 0;
    }
    if (high > n) {
        high = n;
    }
    if (high < low) {
        high = low;
    }
    if (low == 0 && high == n && PyTuple_CheckExact(op)) {
        return Py_NewRef(op);
    }
    return _PyTuple_FromArray(((PyTupleObject *)op)->ob_item + low, high - low);
}

int
_PyTuple_Resize(PyObject **pv, Py_ssize_t newsize)
{
    PyObject *v = *pv;
    if (v == NULL || !Py_IS_TYPE(v, &PyTuple_Type) || (Py_SIZE(v) != 0 && Py_REFCNT(v) != 1) ||
        newsize < 0) {
        *pv = NULL;
        Py_XDECREF(v);
        PyErr_BadInternalCall();
        return -1;
    }
    Py_ssize_t oldsize = Py_SIZE(v);
    if (oldsize == newsize) {
        return 0;
    }
    if (oldsize == 0 || newsize == 0) {
        /* The empty singleton is never resized in place. */
        Py_DECREF(v);
        *pv = PyTuple_New(newsize);
        return *pv == NULL ? -1 : 0;
    }
    PyObject_GC_UnTrack(v);
    for (Py_ssize_t i = newsize; i < oldsize; i++) {
        Py_CLEAR(((PyTupleObject *)v)->ob_item[i]);
    }
    PyTupleObject *sv = PyObject_GC_Resize(PyTupleObject, v, newsize);
    if (sv == NULL) {
        *pv = NULL;
        PyObject_GC_Del(v);
        return -1;
    }
    if (newsize > oldsize) {
        memset(&sv->ob_item[oldsize], 0, sizeof(PyObject *) * (size_t)(newsize - oldsize));
    }
    *pv = (PyObject *)sv;
    PyObject_GC_Track(sv);
    return 0;
}

void
_PyTuple_MaybeUntrack(PyObject *op)
{
    (void)op; /* pyrs keeps every non-empty tuple tracked */
}

/* ---- type slots ---- */

static void
tuple_dealloc(PyObject *op)
{
    PyTupleObject *self = (PyTupleObject *)op;
    if (self == empty_tuple) {
        return; /* immortal in practice: refcount drift must not free it */
    }
    PyObject_GC_UnTrack(op);
    if (pyrs_trash_begin(op, tuple_dealloc)) {
        return;
    }
    for (Py_ssize_t i = Py_SIZE(op); --i >= 0;) {
        Py_XDECREF(self->ob_item[i]);
    }
    if (!tuple_to_free(self)) {
        Py_TYPE(op)->tp_free(op);
    }
    pyrs_trash_end();
}

static int
tuple_traverse(PyObject *op, visitproc visit, void *arg)
{
    for (Py_ssize_t i = Py_SIZE(op); --i >= 0;) {
        Py_VISIT(((PyTupleObject *)op)->ob_item[i]);
    }
    return 0;
}

static PyObject *
tuple_repr(PyObject *op)
{
    Py_ssize_t n = Py_SIZE(op);
    if (n == 0) {
        return PyUnicode_FromString("()");
    }
    int rc = Py_ReprEnter(op);
    if (rc != 0) {
        return rc > 0 ? PyUnicode_FromString("(...)") : NULL;
    }
    PyObject *res =
        pyrs_tuple_repr_items(((PyTupleObject *)op)->ob_item, n, "(", n == 1 ? ",)" : ")");
    Py_ReprLeave(op);
    return res;
}

/* The xxHash-derived tuple hash of CPython 3.8+ (64-bit constants). */
#define XXPRIME_1   ((Py_uhash_t)11400714785074694791ULL)
#define XXPRIME_2   ((Py_uhash_t)14029467366897019727ULL)
#define XXPRIME_5   ((Py_uhash_t)2870177450012600261ULL)
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

static Py_hash_t
tuple_hash(PyObject *op)
{
    Py_ssize_t n = Py_SIZE(op);
    Py_uhash_t acc = XXPRIME_5;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_uhash_t lane = (Py_uhash_t)PyObject_Hash(((PyTupleObject *)op)->ob_item[i]);
        if (lane == (Py_uhash_t)-1) {
            return -1;
        }
        acc += lane * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    acc += (Py_uhash_t)n ^ (XXPRIME_5 ^ 3527539UL);
    if (acc == (Py_uhash_t)-1) {
        return 1546275796;
    }
    return (Py_hash_t)acc;
}

static Py_ssize_t
tuple_length(PyObject *op)
{
    return Py_SIZE(op);
}

static int
tuple_contains(PyObject *op, PyObject *el)
{
    int cmp = 0;
    for (Py_ssize_t i = 0; cmp == 0 && i < Py_SIZE(op); i++) {
        cmp = PyObject_RichCompareBool(PyTuple_GET_ITEM(op, i), el, Py_EQ);
    }
    return cmp;
}

static PyObject *
tuple_item(PyObject *op, Py_ssize_t i)
{
    if (i < 0 || i >= Py_SIZE(op)) {
        PyErr_SetString(PyExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return Py_NewRef(PyTuple_GET_ITEM(op, i));
}

static PyObject *
tuple_concat(PyObject *a, PyObject *b)
{
    if (!PyTuple_Check(b)) {
        PyErr_Format(PyExc_TypeError, "can only concatenate tuple (not \"%.200s\") to tuple",
                     Py_TYPE(b)->tp_name);
        return NULL;
    }
    if (Py_SIZE(b) == 0 && PyTuple_CheckExact(a)) {
        return Py_NewRef(a);
    }
    if (Py_SIZE(a) == 0 && PyTuple_CheckExact(b)) {
        return Py_NewRef(b);
    }
    Py_ssize_t na = Py_SIZE(a), nb = Py_SIZE(b);
    if (na > PY_SSIZE_T_MAX - nb) {
        return PyErr_NoMemory();
    }
    PyTupleObject *np = tuple_alloc(na + nb);
    if (np == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < na; i++) {
        np->ob_item[i] = Py_NewRef(PyTuple_GET_ITEM(a, i));
    }
    for (Py_ssize_t i = 0; i < nb; i++) {
        np->ob_item[na + i] = Py_NewRef(PyTuple_GET_ITEM(b, i));
    }
    PyObject_GC_Track(np);
    return (PyObject *)np;
}

static PyObject *
tuple_repeat(PyObject *a, Py_ssize_t n)
{
    Py_ssize_t size = Py_SIZE(a);
    if (size == 0 || n == 1) {
        if (PyTuple_CheckExact(a)) {
            return Py_NewRef(a);
        }
    }
    if (size == 0 || n <= 0) {
        return PyTuple_New(0);
    }
    if (size > PY_SSIZE_T_MAX / n) {
        return PyErr_NoMemory();
    }
    PyTupleObject *np = tuple_alloc(size * n);
    if (np == NULL) {
        return NULL;
    }
    PyObject **dst = np->ob_item;
    for (Py_ssize_t k = 0; k < n; k++) {
        for (Py_ssize_t i = 0; i < size; i++) {
            *dst++ = Py_NewRef(PyTuple_GET_ITEM(a, i));
        }
    }
    PyObject_GC_Track(np);
    return (PyObject *)np;
}

static PyObject *
tuple_subscript(PyObject *self, PyObject *item)
{
    if (PyIndex_Check(item)) {
        Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) {
            return NULL;
        }
        if (i < 0) {
            i += Py_SIZE(self);
        }
        return tuple_item(self, i);
    }
    if (!PySlice_Check(item)) {
        PyErr_Format(PyExc_TypeError, "tuple indices must be integers or slices, not %.200s",
                     Py_TYPE(item)->tp_name);
        return NULL;
    }
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(item, &start, &stop, &step) < 0) {
        return NULL;
    }
    Py_ssize_t len = PySlice_AdjustIndices(Py_SIZE(self), &start, &stop, step);
    if (len <= 0) {
        return PyTuple_New(0);
    }
    if (start == 0 && step == 1 && len == Py_SIZE(self) && PyTuple_CheckExact(self)) {
        return Py_NewRef(self);
    }
    PyTupleObject *res = tuple_alloc(len);
    if (res == NULL) {
        return NULL;
    }
    for (Py_ssize_t cur = start, i = 0; i < len;
         cur = (Py_ssize_t)((size_t)cur + (size_t)step), i++) {
        res->ob_item[i] = Py_NewRef(PyTuple_GET_ITEM(self, cur));
    }
    PyObject_GC_Track(res);
    return (PyObject *)res;
}

static PyObject *
tuple_richcompare(PyObject *v, PyObject *w, int op)
{
    if (!PyTuple_Check(v) || !PyTuple_Check(w)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    Py_ssize_t vlen = Py_SIZE(v), wlen = Py_SIZE(w), i;
    for (i = 0; i < vlen && i < wlen; i++) {
        int k = PyObject_RichCompareBool(PyTuple_GET_ITEM(v, i), PyTuple_GET_ITEM(w, i), Py_EQ);
        if (k < 0) {
            return NULL;
        }
        if (!k) {
            break;
        }
    }
    if (i >= vlen || i >= wlen) {
        Py_RETURN_RICHCOMPARE(vlen, wlen, op);
    }
    if (op == Py_EQ) {
        Py_RETURN_FALSE;
    }
    if (op == Py_NE) {
        Py_RETURN_TRUE;
    }
    return PyObject_RichCompare(PyTuple_GET_ITEM(v, i), PyTuple_GET_ITEM(w, i), op);
}

static PyObject *tuple_iter(PyObject *seq);

static PyObject *
tuple_subtype_new(PyTypeObject *type, PyObject *iterable)
{
    PyObject *tmp = iterable == NULL ? PyTuple_New(0) : pyrs_tuple_from_iterable(iterable);
    if (tmp == NULL) {
        return NULL;
    }
    Py_ssize_t n = Py_SIZE(tmp);
    PyObject *newobj = type->tp_alloc(type, n);
    if (newobj != NULL) {
        for (Py_ssize_t i = 0; i < n; i++) {
            PyTuple_SET_ITEM(newobj, i, Py_NewRef(PyTuple_GET_ITEM(tmp, i)));
        }
    }
    Py_DECREF(tmp);
    return newobj;
}

static PyObject *
tuple_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    /* Like CPython, subclasses that keep tuple's __init__ reject keywords too. */
    if ((type == &PyTuple_Type || type->tp_init == PyTuple_Type.tp_init) &&
        pyrs_tuple_check_no_kwargs("tuple", kwds) < 0) {
        return NULL;
    }
    if (pyrs_tuple_check_nargs("tuple", PyTuple_GET_SIZE(args), 0, 1) < 0) {
        return NULL;
    }
    PyObject *iterable = PyTuple_GET_SIZE(args) ? PyTuple_GET_ITEM(args, 0) : NULL;
    if (type != &PyTuple_Type) {
        return tuple_subtype_new(type, iterable);
    }
    return iterable == NULL ? PyTuple_New(0) : pyrs_tuple_from_iterable(iterable);
}

/* ---- methods ---- */

static PyObject *
tuple_index(PyObject *self, PyObject *args)
{
    Py_ssize_t start = 0, stop = PY_SSIZE_T_MAX, n = PyTuple_GET_SIZE(args);
    if (pyrs_tuple_check_nargs("index", n, 1, 3) < 0) {
        return NULL;
    }
    if (n > 1 && pyrs_slice_index_not_none(PyTuple_GET_ITEM(args, 1), &start) < 0) {
        return NULL;
    }
    if (n > 2 && pyrs_slice_index_not_none(PyTuple_GET_ITEM(args, 2), &stop) < 0) {
        return NULL;
    }
    PyObject *value = PyTuple_GET_ITEM(args, 0);
    Py_ssize_t size = Py_SIZE(self);
    if (start < 0) {
        start = start + size < 0 ? 0 : start + size;
    }
    if (stop < 0) {
        stop += size;
    } else if (stop > size) {
        stop = size;
    }
    for (Py_ssize_t i = start; i < stop; i++) {
        int cmp = PyObject_RichCompareBool(PyTuple_GET_ITEM(self, i), value, Py_EQ);
        if (cmp > 0) {
            return PyLong_FromSsize_t(i);
        }
        if (cmp < 0) {
            return NULL;
        }
    }
    PyErr_SetString(PyExc_ValueError, "tuple.index(x): x not in tuple");
    return NULL;
}

static PyObject *
tuple_count(PyObject *self, PyObject *value)
{
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
        int cmp = PyObject_RichCompareBool(PyTuple_GET_ITEM(self, i), value, Py_EQ);
        if (cmp < 0) {
            return NULL;
        }
        count += cmp;
    }
    return PyLong_FromSsize_t(count);
}

static PyObject *
tuple_getnewargs(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *copy = _PyTuple_FromArray(((PyTupleObject *)self)->ob_item, Py_SIZE(self));
    if (copy == NULL) {
        return NULL;
    }
    PyObject *res = PyTuple_Pack(1, copy);
    Py_DECREF(copy);
    return res;
}

static PyMethodDef tuple_methods[] = {
    {"__getnewargs__", tuple_getnewargs, METH_NOARGS, NULL},
    {"index", tuple_index, METH_VARARGS,
     "index($self, value, start=0, stop=sys.maxsize, /)\n--\n\nReturn first index of value.\n\n"
     "Raises ValueError if the value is not present."},
    {"count", tuple_count, METH_O,
     "count($self, value, /)\n--\n\nReturn number of occurrences of value."},
    {"__class_getitem__", pyrs_tuple_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods tuple_as_sequence = {
    .sq_length = tuple_length,
    .sq_concat = tuple_concat,
    .sq_repeat = tuple_repeat,
    .sq_item = tuple_item,
    .sq_contains = tuple_contains,
};

static PyMappingMethods tuple_as_mapping = {
    .mp_length = tuple_length,
    .mp_subscript = tuple_subscript,
};

PyTypeObject PyTuple_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "tuple",
    .tp_basicsize = sizeof(PyTupleObject) - sizeof(PyObject *),
    .tp_itemsize = sizeof(PyObject *),
    .tp_dealloc = tuple_dealloc,
    .tp_repr = tuple_repr,
    .tp_as_sequence = &tuple_as_sequence,
    .tp_as_mapping = &tuple_as_mapping,
    .tp_hash = tuple_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_TUPLE_SUBCLASS | _Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_SEQUENCE,
    .tp_doc = "tuple(iterable=(), /)\n--\n\n"
              "Built-in immutable sequence.\n\n"
              "If no argument is given, the constructor returns an empty tuple.\n"
              "If iterable is specified the tuple is initialized from iterable's items.\n\n"
              "If the argument is a tuple, the return value is the same object.",
    .tp_traverse = tuple_traverse,
    .tp_richcompare = tuple_richcompare,
    .tp_iter = tuple_iter,
    .tp_methods = tuple_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = tuple_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- the iterator ---- */

typedef struct {
    PyObject_HEAD
    Py_ssize_t it_index;   /* next position */
    PyTupleObject *it_seq; /* owned; NULL once exhausted */
} tupleiterobject;

static PyObject *
tuple_iter(PyObject *seq)
{
    tupleiterobject *it = PyObject_GC_New(tupleiterobject, &PyTupleIter_Type);
    if (it == NULL) {
        return NULL;
    }
    it->it_index = 0;
    it->it_seq = (PyTupleObject *)Py_NewRef(seq);
    PyObject_GC_Track(it);
    return (PyObject *)it;
}

static void
tupleiter_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    Py_XDECREF(((tupleiterobject *)op)->it_seq);
    PyObject_GC_Del(op);
}

static int
tupleiter_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((tupleiterobject *)op)->it_seq);
    return 0;
}

static PyObject *
tupleiter_next(PyObject *op)
{
    tupleiterobject *it = (tupleiterobject *)op;
    PyTupleObject *seq = it->it_seq;
    if (seq == NULL) {
        return NULL;
    }
    if (it->it_index < Py_SIZE(seq)) {
        return Py_NewRef(seq->ob_item[it->it_index++]);
    }
    it->it_seq = NULL;
    Py_DECREF(seq);
    return NULL;
}

static PyObject *
tupleiter_len(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    tupleiterobject *it = (tupleiterobject *)op;
    Py_ssize_t len = it->it_seq ? Py_SIZE(it->it_seq) - it->it_index : 0;
    return PyLong_FromSsize_t(len < 0 ? 0 : len);
}

static PyObject *
tupleiter_setstate(PyObject *op, PyObject *state)
{
    tupleiterobject *it = (tupleiterobject *)op;
    Py_ssize_t index = PyLong_AsSsize_t(state);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (it->it_seq != NULL) {
        if (index < 0) {
            index = 0;
        } else if (index > Py_SIZE(it->it_seq)) {
            index = Py_SIZE(it->it_seq);
        }
        it->it_index = index;
    }
    Py_RETURN_NONE;
}

static PyObject *
tupleiter_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    tupleiterobject *it = (tupleiterobject *)op;
    PyObject *empty = PyTuple_New(0), *index = PyLong_FromSsize_t(it->it_index), *res = NULL;
    if (empty != NULL && index != NULL) {
        res = pyrs_iter_reduce((PyObject *)it->it_seq, index, empty);
    }
    Py_XDECREF(empty);
    Py_XDECREF(index);
    return res;
}

static PyMethodDef tupleiter_methods[] = {
    {"__reduce__", tupleiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__length_hint__", tupleiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__setstate__", tupleiter_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyTupleIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "tuple_iterator",
    .tp_basicsize = sizeof(tupleiterobject),
    .tp_dealloc = tupleiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = tupleiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = tupleiter_next,
    .tp_methods = tupleiter_methods,
};

int
pyrs_tuple_init(void)
{
    if (PyType_Ready(&PyTuple_Type) < 0 || PyType_Ready(&PyTupleIter_Type) < 0) {
        return -1;
    }
    if (empty_tuple == NULL) {
        empty_tuple = tuple_alloc(0);
        if (empty_tuple == NULL) {
            return -1;
        }
    }
    return 0;
}
