/* _collections/deque.c: collections.deque and its two iterators, mirroring CPython 3.11's deque
 * in Modules/_collectionsmodule.c (maxlen trimming, mutation checks, rich comparison, repr,
 * pickling). The storage is a ring buffer rather than CPython's linked blocks; nothing outside
 * this file sees it. */
#include "collections.h"
#include "pyrs/call.h"
#include "pyrs/containers.h"

typedef struct {
    PyObject_VAR_HEAD      /* ob_size: number of items */
    PyObject **items;      /* ring buffer of owned items; capacity a power of two (or 0) */
    Py_ssize_t cap;        /* capacity of items */
    Py_ssize_t head;       /* index in items of the leftmost item */
    Py_ssize_t maxlen;     /* bound, or -1 for an unbounded deque */
    size_t state;          /* changes on every mutation that moves items */
    PyObject *weakreflist; /* weak references to this deque */
} dequeobject;

#define deque_type      pyrs_collections_deque_type
#define dequeiter_type  pyrs_collections_dequeiter_type
#define dequerev_type   pyrs_collections_dequereviter_type
#define DEQUE_CHECK(op) PyObject_TypeCheck((op), &deque_type)
#define AT(d, i)        ((d)->items[((d)->head + (i)) & ((d)->cap - 1)])

/* ---- storage ----------------------------------------------------------------------------- */

/* Makes room for one more item. 0, or -1 with MemoryError. */
static int
deque_reserve(dequeobject *d)
{
    Py_ssize_t n = Py_SIZE(d);
    if (n < d->cap) {
        return 0;
    }
    Py_ssize_t newcap = d->cap ? d->cap * 2 : 8;
    if (newcap > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(PyObject *)) {
        PyErr_NoMemory();
        return -1;
    }
    PyObject **items = PyMem_Malloc((size_t)newcap * sizeof(PyObject *));
    if (items == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        items[i] = AT(d, i);
    }
    PyMem_Free(d->items);
    d->items = items;
    d->cap = newcap;
    d->head = 0;
    return 0;
}

static int
push_right(dequeobject *d, PyObject *item)
{
    if (deque_reserve(d) < 0) {
        return -1;
    }
    AT(d, Py_SIZE(d)) = Py_NewRef(item);
    Py_SET_SIZE(d, Py_SIZE(d) + 1);
    return 0;
}

static int
push_left(dequeobject *d, PyObject *item)
{
    if (deque_reserve(d) < 0) {
        return -1;
    }
    d->head = (d->head - 1) & (d->cap - 1);
    d->items[d->head] = Py_NewRef(item);
    Py_SET_SIZE(d, Py_SIZE(d) + 1);
    return 0;
}

/* Halves a buffer that is at most a quarter full, so a deque that once was large gives the
 * memory back as CPython's block list does. Never fails: without memory it keeps the buffer. */
static void
deque_maybe_shrink(dequeobject *d)
{
    Py_ssize_t n = Py_SIZE(d);
    if (d->cap <= 64 || n >= d->cap / 4) {
        return;
    }
    Py_ssize_t newcap = d->cap / 2;
    PyObject **items = PyMem_Malloc((size_t)newcap * sizeof(PyObject *));
    if (items == NULL) {
        return;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        items[i] = AT(d, i);
    }
    PyMem_Free(d->items);
    d->items = items;
    d->cap = newcap;
    d->head = 0;
}

/* The rightmost / leftmost item, removed (a new reference); the deque must not be empty. */
static PyObject *
take_right(dequeobject *d)
{
    Py_SET_SIZE(d, Py_SIZE(d) - 1);
    d->state++;
    PyObject *item = AT(d, Py_SIZE(d));
    deque_maybe_shrink(d);
    return item;
}

static PyObject *
take_left(dequeobject *d)
{
    PyObject *item = d->items[d->head];
    d->head = (d->head + 1) & (d->cap - 1);
    Py_SET_SIZE(d, Py_SIZE(d) - 1);
    d->state++;
    deque_maybe_shrink(d);
    return item;
}

static int
append_internal(dequeobject *d, PyObject *item)
{
    if (push_right(d, item) < 0) {
        return -1;
    }
    if (d->maxlen >= 0 && Py_SIZE(d) > d->maxlen) {
        Py_DECREF(take_left(d));
    } else {
        d->state++;
    }
    return 0;
}

static int
appendleft_internal(dequeobject *d, PyObject *item)
{
    if (push_left(d, item) < 0) {
        return -1;
    }
    if (d->maxlen >= 0 && Py_SIZE(d) > d->maxlen) {
        Py_DECREF(take_right(d));
    } else {
        d->state++;
    }
    return 0;
}

static void
deque_clear_items(dequeobject *d)
{
    Py_ssize_t n = Py_SIZE(d);
    if (n == 0) {
        return;
    }
    /* Detach first: decrefs may run code that looks at this deque. */
    PyObject **items = d->items;
    Py_ssize_t cap = d->cap, head = d->head;
    d->items = NULL;
    d->cap = 0;
    d->head = 0;
    Py_SET_SIZE(d, 0);
    d->state++;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_DECREF(items[(head + i) & (cap - 1)]);
    }
    PyMem_Free(items);
}

/* Rotates N steps to the right (left when negative). */
static void
deque_rotate_internal(dequeobject *d, Py_ssize_t n)
{
    Py_ssize_t len = Py_SIZE(d), halflen = len >> 1;
    if (len <= 1) {
        return;
    }
    if (n > halflen || n < -halflen) {
        n %= len;
        if (n > halflen) {
            n -= len;
        } else if (n < -halflen) {
            n += len;
        }
    }
    Py_ssize_t mask = d->cap - 1;
    d->state++;
    for (; n > 0; n--) {
        d->head = (d->head - 1) & mask;
        d->items[d->head] = d->items[(d->head + len) & mask];
    }
    for (; n < 0; n++) {
        d->items[(d->head + len) & mask] = d->items[d->head];
        d->head = (d->head + 1) & mask;
    }
}

/* Removes the item at I (0 <= I < len). */
static void
deque_del_at(dequeobject *d, Py_ssize_t i)
{
    PyObject *item = AT(d, i);
    Py_ssize_t n = Py_SIZE(d);
    for (Py_ssize_t j = i; j < n - 1; j++) {
        AT(d, j) = AT(d, j + 1);
    }
    Py_SET_SIZE(d, n - 1);
    d->state++;
    Py_DECREF(item);
}

/* ---- construction ------------------------------------------------------------------------ */

static PyObject *
deque_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    dequeobject *d = (dequeobject *)type->tp_alloc(type, 0);
    if (d == NULL) {
        return NULL;
    }
    d->items = NULL;
    d->cap = 0;
    d->head = 0;
    d->maxlen = -1;
    d->state = 0;
    d->weakreflist = NULL;
    return (PyObject *)d;
}

static PyObject *
consume_iterator(PyObject *it)
{
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {
        Py_DECREF(item);
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
deque_extend_common(dequeobject *d, PyObject *iterable, int left)
{
    if ((PyObject *)d == iterable) {
        PyObject *s = PySequence_List(iterable);
        if (s == NULL) {
            return NULL;
        }
        PyObject *res = deque_extend_common(d, s, left);
        Py_DECREF(s);
        return res;
    }
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL) {
        return NULL;
    }
    if (d->maxlen == 0) {
        return consume_iterator(it);
    }
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {
        int r = left ? appendleft_internal(d, item) : append_internal(d, item);
        Py_DECREF(item);
        if (r < 0) {
            Py_DECREF(it);
            return NULL;
        }
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
deque_extend(dequeobject *d, PyObject *iterable)
{
    return deque_extend_common(d, iterable, 0);
}

static PyObject *
deque_extendleft(dequeobject *d, PyObject *iterable)
{
    return deque_extend_common(d, iterable, 1);
}

static int
deque_init(dequeobject *d, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"iterable", "maxlen", NULL};
    PyObject *iterable = NULL, *maxlenobj = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OO:deque", (char **)kwlist, &iterable,
                                     &maxlenobj)) {
        return -1;
    }
    Py_ssize_t maxlen = -1;
    if (maxlenobj != NULL && maxlenobj != Py_None) {
        if (!PyLong_Check(maxlenobj)) {
            PyErr_SetString(PyExc_TypeError, "an integer is required");
            return -1;
        }
        maxlen = PyLong_AsSsize_t(maxlenobj);
        if (maxlen == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (maxlen < 0) {
            PyErr_SetString(PyExc_ValueError, "maxlen must be non-negative");
            return -1;
        }
    }
    d->maxlen = maxlen;
    deque_clear_items(d);
    if (iterable != NULL) {
        PyObject *r = deque_extend(d, iterable);
        if (r == NULL) {
            return -1;
        }
        Py_DECREF(r);
    }
    return 0;
}

static int
deque_traverse(dequeobject *d, visitproc visit, void *arg)
{
    for (Py_ssize_t i = 0; i < Py_SIZE(d); i++) {
        Py_VISIT(AT(d, i));
    }
    return 0;
}

static int
deque_tp_clear(dequeobject *d)
{
    deque_clear_items(d);
    return 0;
}

static void
deque_dealloc(dequeobject *d)
{
    PyObject_GC_UnTrack(d);
    if (d->weakreflist != NULL) {
        PyObject_ClearWeakRefs((PyObject *)d);
    }
    deque_clear_items(d);
    PyMem_Free(d->items);
    Py_TYPE(d)->tp_free(d);
}

/* ---- methods ----------------------------------------------------------------------------- */

static PyObject *
deque_append(dequeobject *d, PyObject *item)
{
    if (append_internal(d, item) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
deque_appendleft(dequeobject *d, PyObject *item)
{
    if (appendleft_internal(d, item) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
deque_pop(dequeobject *d, PyObject *Py_UNUSED(unused))
{
    if (Py_SIZE(d) == 0) {
        PyErr_SetString(PyExc_IndexError, "pop from an empty deque");
        return NULL;
    }
    return take_right(d);
}

static PyObject *
deque_popleft(dequeobject *d, PyObject *Py_UNUSED(unused))
{
    if (Py_SIZE(d) == 0) {
        PyErr_SetString(PyExc_IndexError, "pop from an empty deque");
        return NULL;
    }
    return take_left(d);
}

static PyObject *
deque_clearmethod(dequeobject *d, PyObject *Py_UNUSED(unused))
{
    deque_clear_items(d);
    Py_RETURN_NONE;
}

/* A shallow copy: a new deque for exact deques, else type(d)(d[, maxlen]). */
static PyObject *
deque_copy(PyObject *self, PyObject *Py_UNUSED(unused))
{
    dequeobject *d = (dequeobject *)self;
    PyObject *res;
    if (Py_IS_TYPE(self, &deque_type)) {
        dequeobject *nd = (dequeobject *)deque_new(&deque_type, NULL, NULL);
        if (nd == NULL) {
            return NULL;
        }
        nd->maxlen = d->maxlen;
        PyObject *r = deque_extend(nd, self);
        if (r == NULL) {
            Py_DECREF(nd);
            return NULL;
        }
        Py_DECREF(r);
        return (PyObject *)nd;
    }
    if (d->maxlen < 0) {
        res = PyObject_CallOneArg((PyObject *)Py_TYPE(self), self);
    } else {
        res = PyObject_CallFunction((PyObject *)Py_TYPE(self), "Oi", self, (int)d->maxlen);
    }
    if (res != NULL && !DEQUE_CHECK(res)) {
        PyErr_Format(PyExc_TypeError, "%.200s() must return a deque, not %.200s",
                     Py_TYPE(self)->tp_name, Py_TYPE(res)->tp_name);
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

static PyObject *
deque_rotate(dequeobject *d, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t n = 1;
    if (!_PyArg_CheckPositional("rotate", nargs, 0, 1)) {
        return NULL;
    }
    if (nargs == 1) {
        PyObject *idx = PyNumber_Index(args[0]);
        if (idx == NULL) {
            return NULL;
        }
        n = PyLong_AsSsize_t(idx);
        Py_DECREF(idx);
        if (n == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    deque_rotate_internal(d, n);
    Py_RETURN_NONE;
}

static PyObject *
deque_reverse(dequeobject *d, PyObject *Py_UNUSED(unused))
{
    for (Py_ssize_t i = 0, j = Py_SIZE(d) - 1; i < j; i++, j--) {
        PyObject *tmp = AT(d, i);
        AT(d, i) = AT(d, j);
        AT(d, j) = tmp;
    }
    Py_RETURN_NONE;
}

/* Compares the item at I with V for equality, guarding against mutation: 1/0/-1. */
static int
item_equals(dequeobject *d, Py_ssize_t i, PyObject *v, size_t state, PyObject *exc)
{
    PyObject *item = Py_NewRef(AT(d, i));
    int cmp = PyObject_RichCompareBool(item, v, Py_EQ);
    Py_DECREF(item);
    if (cmp >= 0 && d->state != state) {
        PyErr_SetString(exc, "deque mutated during iteration");
        return -1;
    }
    return cmp;
}

static PyObject *
deque_count(dequeobject *d, PyObject *v)
{
    Py_ssize_t count = 0;
    size_t state = d->state;
    for (Py_ssize_t i = 0; i < Py_SIZE(d); i++) {
        int cmp = item_equals(d, i, v, state, PyExc_RuntimeError);
        if (cmp < 0) {
            return NULL;
        }
        count += cmp;
    }
    return PyLong_FromSsize_t(count);
}

static int
deque_contains(dequeobject *d, PyObject *v)
{
    size_t state = d->state;
    for (Py_ssize_t i = 0; i < Py_SIZE(d); i++) {
        int cmp = item_equals(d, i, v, state, PyExc_RuntimeError);
        if (cmp != 0) {
            return cmp;
        }
    }
    return 0;
}

/* The converter of index()'s start and stop: any __index__ object, clamped. */
static int
slice_index(PyObject *v, Py_ssize_t *out)
{
    if (!PyIndex_Check(v)) {
        PyErr_SetString(PyExc_TypeError,
                        "slice indices must be integers or have an __index__ method");
        return -1;
    }
    Py_ssize_t x = PyNumber_AsSsize_t(v, NULL);
    if (x == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = x;
    return 0;
}

static PyObject *
deque_index(dequeobject *d, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t start = 0, stop = Py_SIZE(d), n = Py_SIZE(d);
    if (!_PyArg_CheckPositional("index", nargs, 1, 3)) {
        return NULL;
    }
    if ((nargs > 1 && slice_index(args[1], &start) < 0) ||
        (nargs > 2 && slice_index(args[2], &stop) < 0)) {
        return NULL;
    }
    PyObject *v = args[0];
    if (start < 0) {
        start += n;
        if (start < 0) {
            start = 0;
        }
    }
    if (stop < 0) {
        stop += n;
        if (stop < 0) {
            stop = 0;
        }
    }
    if (stop > n) {
        stop = n;
    }
    size_t state = d->state;
    for (Py_ssize_t i = start; i < stop && i < Py_SIZE(d); i++) {
        int cmp = item_equals(d, i, v, state, PyExc_RuntimeError);
        if (cmp < 0) {
            return NULL;
        }
        if (cmp > 0) {
            return PyLong_FromSsize_t(i);
        }
    }
    PyErr_Format(PyExc_ValueError, "%R is not in deque", v);
    return NULL;
}

static PyObject *
deque_insert(dequeobject *d, PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("insert", nargs, 2, 2)) {
        return NULL;
    }
    PyObject *idx = PyNumber_Index(args[0]);
    if (idx == NULL) {
        return NULL;
    }
    Py_ssize_t index = PyLong_AsSsize_t(idx);
    Py_DECREF(idx);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Py_ssize_t n = Py_SIZE(d);
    if (d->maxlen == n) {
        PyErr_SetString(PyExc_IndexError, "deque already at its maximum size");
        return NULL;
    }
    if (index < 0) {
        index += n;
        if (index < 0) {
            index = 0;
        }
    }
    if (index > n) {
        index = n;
    }
    if (push_right(d, args[1]) < 0) {
        return NULL;
    }
    PyObject *item = AT(d, n);
    for (Py_ssize_t j = n; j > index; j--) {
        AT(d, j) = AT(d, j - 1);
    }
    AT(d, index) = item;
    d->state++;
    Py_RETURN_NONE;
}

static PyObject *
deque_remove(dequeobject *d, PyObject *value)
{
    size_t state = d->state;
    for (Py_ssize_t i = 0; i < Py_SIZE(d); i++) {
        int cmp = item_equals(d, i, value, state, PyExc_IndexError);
        if (cmp < 0) {
            return NULL;
        }
        if (cmp > 0) {
            deque_del_at(d, i);
            Py_RETURN_NONE;
        }
    }
    PyErr_Format(PyExc_ValueError, "%R is not in deque", value);
    return NULL;
}

static PyObject *
deque_reduce(dequeobject *d, PyObject *Py_UNUSED(unused))
{
    /* The state is object.__getstate__()'s: None, the __dict__, or (dict, slots). */
    PyObject *dict = PyObject_CallMethod((PyObject *)d, "__getstate__", NULL), *it;
    if (dict == NULL) {
        return NULL;
    }
    it = PyObject_GetIter((PyObject *)d);
    if (it == NULL) {
        Py_DECREF(dict);
        return NULL;
    }
    if (d->maxlen < 0) {
        return Py_BuildValue("O()NN", Py_TYPE(d), dict, it);
    }
    return Py_BuildValue("O(()n)NN", Py_TYPE(d), d->maxlen, dict, it);
}

static PyObject *
deque_sizeof(dequeobject *d, PyObject *Py_UNUSED(unused))
{
    size_t res = (size_t)Py_TYPE(d)->tp_basicsize + (size_t)d->cap * sizeof(PyObject *);
    return PyLong_FromSize_t(res);
}

static PyObject *deque_reversed(dequeobject *d, PyObject *Py_UNUSED(unused));

/* ---- sequence protocol ------------------------------------------------------------------- */

static Py_ssize_t
deque_len(dequeobject *d)
{
    return Py_SIZE(d);
}

static PyObject *
deque_item(dequeobject *d, Py_ssize_t i)
{
    if (i < 0 || i >= Py_SIZE(d)) {
        PyErr_SetString(PyExc_IndexError, "deque index out of range");
        return NULL;
    }
    return Py_NewRef(AT(d, i));
}

static int
deque_ass_item(dequeobject *d, Py_ssize_t i, PyObject *v)
{
    if (i < 0 || i >= Py_SIZE(d)) {
        PyErr_SetString(PyExc_IndexError, "deque index out of range");
        return -1;
    }
    if (v == NULL) {
        deque_del_at(d, i);
        return 0;
    }
    PyObject *old = AT(d, i);
    AT(d, i) = Py_NewRef(v);
    Py_DECREF(old);
    return 0;
}

static PyObject *
deque_inplace_concat(dequeobject *d, PyObject *other)
{
    PyObject *r = deque_extend(d, other);
    if (r == NULL) {
        return NULL;
    }
    Py_DECREF(r);
    return Py_NewRef(d);
}

static PyObject *
deque_concat(dequeobject *d, PyObject *other)
{
    if (!DEQUE_CHECK(other)) {
        PyErr_Format(PyExc_TypeError, "can only concatenate %.200s (not \"%.200s\") to %.200s",
                     "deque", Py_TYPE(other)->tp_name, "deque");
        return NULL;
    }
    PyObject *nd = deque_copy((PyObject *)d, NULL);
    if (nd == NULL) {
        return NULL;
    }
    PyObject *r = deque_extend((dequeobject *)nd, other);
    if (r == NULL) {
        Py_DECREF(nd);
        return NULL;
    }
    Py_DECREF(r);
    return nd;
}

static PyObject *
deque_inplace_repeat(dequeobject *d, Py_ssize_t n)
{
    Py_ssize_t size = Py_SIZE(d);
    if (size == 0 || n == 1) {
        return Py_NewRef(d);
    }
    if (n <= 0) {
        deque_clear_items(d);
        return Py_NewRef(d);
    }
    if (d->maxlen < 0 && size > PY_SSIZE_T_MAX / n) {
        return PyErr_NoMemory();
    }
    Py_ssize_t reps = n - 1;
    if (d->maxlen >= 0 && reps > d->maxlen / size + 1) {
        /* Only the last maxlen items survive the trimming. */
        reps = d->maxlen / size + 1;
    }
    PyObject *copy = PySequence_List((PyObject *)d);
    if (copy == NULL) {
        return NULL;
    }
    for (Py_ssize_t r = 0; r < reps; r++) {
        for (Py_ssize_t i = 0; i < size; i++) {
            if (append_internal(d, PyList_GET_ITEM(copy, i)) < 0) {
                Py_DECREF(copy);
                return NULL;
            }
        }
    }
    Py_DECREF(copy);
    return Py_NewRef(d);
}

static PyObject *
deque_repeat(dequeobject *d, Py_ssize_t n)
{
    PyObject *nd = deque_copy((PyObject *)d, NULL);
    if (nd == NULL) {
        return NULL;
    }
    PyObject *r = deque_inplace_repeat((dequeobject *)nd, n);
    Py_DECREF(nd);
    return r;
}

static PyObject *
deque_repr(PyObject *d)
{
    int status = Py_ReprEnter(d);
    if (status != 0) {
        return status < 0 ? NULL : PyUnicode_FromString("[...]");
    }
    PyObject *aslist = PySequence_List(d);
    if (aslist == NULL) {
        Py_ReprLeave(d);
        return NULL;
    }
    PyObject *res;
    const char *name = _PyType_Name(Py_TYPE(d));
    if (((dequeobject *)d)->maxlen >= 0) {
        res = PyUnicode_FromFormat("%s(%R, maxlen=%zd)", name, aslist, ((dequeobject *)d)->maxlen);
    } else {
        res = PyUnicode_FromFormat("%s(%R)", name, aslist);
    }
    Py_ReprLeave(d);
    Py_DECREF(aslist);
    return res;
}

static PyObject *
deque_richcompare(PyObject *v, PyObject *w, int op)
{
    if (!DEQUE_CHECK(v) || !DEQUE_CHECK(w)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    Py_ssize_t vs = Py_SIZE(v), ws = Py_SIZE(w);
    if (op == Py_EQ || op == Py_NE) {
        if (v == w) {
            return PyBool_FromLong(op == Py_EQ);
        }
        if (vs != ws) {
            return PyBool_FromLong(op == Py_NE);
        }
    }
    PyObject *it1 = PyObject_GetIter(v), *it2 = NULL, *x = NULL, *y = NULL, *res = NULL;
    if (it1 == NULL || (it2 = PyObject_GetIter(w)) == NULL) {
        goto done;
    }
    for (;;) {
        x = PyIter_Next(it1);
        if (x == NULL && PyErr_Occurred()) {
            goto done;
        }
        y = PyIter_Next(it2);
        if (x == NULL || y == NULL) {
            break;
        }
        int b = PyObject_RichCompareBool(x, y, Py_EQ);
        if (b == 0) {
            res = PyObject_RichCompare(x, y, op);
            goto done;
        }
        Py_CLEAR(x);
        Py_CLEAR(y);
        if (b < 0) {
            goto done;
        }
    }
    if (PyErr_Occurred()) {
        goto done;
    }
    int cmp = 0;
    switch (op) {
    case Py_LT:
        cmp = y != NULL;
        break;
    case Py_LE:
        cmp = x == NULL;
        break;
    case Py_EQ:
        cmp = x == y;
        break;
    case Py_NE:
        cmp = x != y;
        break;
    case Py_GT:
        cmp = x != NULL;
        break;
    default:
        cmp = y == NULL;
        break;
    }
    res = PyBool_FromLong(cmp);
done:
    Py_XDECREF(it1);
    Py_XDECREF(it2);
    Py_XDECREF(x);
    Py_XDECREF(y);
    return res;
}

static PyObject *
deque_get_maxlen(dequeobject *d, void *Py_UNUSED(closure))
{
    if (d->maxlen < 0) {
        Py_RETURN_NONE;
    }
    return PyLong_FromSsize_t(d->maxlen);
}

static PyObject *deque_iter(dequeobject *d);

static PySequenceMethods deque_as_sequence = {
    .sq_length = (lenfunc)deque_len,
    .sq_concat = (binaryfunc)deque_concat,
    .sq_repeat = (ssizeargfunc)deque_repeat,
    .sq_item = (ssizeargfunc)deque_item,
    .sq_ass_item = (ssizeobjargproc)deque_ass_item,
    .sq_contains = (objobjproc)deque_contains,
    .sq_inplace_concat = (binaryfunc)deque_inplace_concat,
    .sq_inplace_repeat = (ssizeargfunc)deque_inplace_repeat,
};

#define FAST(f) (PyCFunction)(void (*)(void))(f), METH_FASTCALL

static PyMethodDef deque_methods[] = {
    {"append", (PyCFunction)deque_append, METH_O, "Add an element to the right side of the deque."},
    {"appendleft", (PyCFunction)deque_appendleft, METH_O,
     "Add an element to the left side of the deque."},
    {"clear", (PyCFunction)deque_clearmethod, METH_NOARGS, "Remove all elements from the deque."},
    {"__copy__", deque_copy, METH_NOARGS, "Return a shallow copy of a deque."},
    {"copy", deque_copy, METH_NOARGS, "Return a shallow copy of a deque."},
    {"count", (PyCFunction)deque_count, METH_O,
     "D.count(value) -- return number of occurrences of value"},
    {"extend", (PyCFunction)deque_extend, METH_O,
     "Extend the right side of the deque with elements from the iterable"},
    {"extendleft", (PyCFunction)deque_extendleft, METH_O,
     "Extend the left side of the deque with elements from the iterable"},
    {"index", FAST(deque_index),
     "D.index(value, [start, [stop]]) -- return first index of value.\nRaises ValueError if "
     "the value is not present."},
    {"insert", FAST(deque_insert), "D.insert(index, object) -- insert object before index"},
    {"pop", (PyCFunction)deque_pop, METH_NOARGS, "Remove and return the rightmost element."},
    {"popleft", (PyCFunction)deque_popleft, METH_NOARGS, "Remove and return the leftmost element."},
    {"__reduce__", (PyCFunction)deque_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {"remove", (PyCFunction)deque_remove, METH_O,
     "D.remove(value) -- remove first occurrence of value."},
    {"__reversed__", (PyCFunction)deque_reversed, METH_NOARGS,
     "D.__reversed__() -- return a reverse iterator over the deque"},
    {"reverse", (PyCFunction)deque_reverse, METH_NOARGS, "D.reverse() -- reverse *IN PLACE*"},
    {"rotate", FAST(deque_rotate),
     "Rotate the deque n steps to the right (default n=1).  If n "
     "is negative, rotates left."},
    {"__sizeof__", (PyCFunction)deque_sizeof, METH_NOARGS,
     "D.__sizeof__() -- size of D in memory, in bytes"},
    {"__class_getitem__", pyrs_tuple_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef deque_getset[] = {
    {"maxlen", (getter)deque_get_maxlen, NULL, "maximum size of a deque or None if unbounded",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject deque_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "collections.deque",
    .tp_basicsize = sizeof(dequeobject),
    .tp_dealloc = (destructor)deque_dealloc,
    .tp_repr = deque_repr,
    .tp_as_sequence = &deque_as_sequence,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_SEQUENCE,
    .tp_doc = "deque([iterable[, maxlen]]) --> deque object\n\nA list-like sequence optimized "
              "for data accesses near its endpoints.",
    .tp_traverse = (traverseproc)deque_traverse,
    .tp_clear = (inquiry)deque_tp_clear,
    .tp_richcompare = deque_richcompare,
    .tp_weaklistoffset = offsetof(dequeobject, weakreflist),
    .tp_iter = (getiterfunc)deque_iter,
    .tp_methods = deque_methods,
    .tp_getset = deque_getset,
    .tp_init = (initproc)deque_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = deque_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- iterators --------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    dequeobject *deque; /* owned */
    Py_ssize_t index;   /* position of the next item */
    size_t state;       /* the deque's state when the iterator was made */
    Py_ssize_t counter; /* items left */
} dequeiterobject;

static PyObject *
dequeiter_make(PyTypeObject *type, dequeobject *d)
{
    dequeiterobject *it = PyObject_GC_New(dequeiterobject, type);
    if (it == NULL) {
        return NULL;
    }
    it->deque = (dequeobject *)Py_NewRef(d);
    it->index = type == &dequerev_type ? Py_SIZE(d) - 1 : 0;
    it->state = d->state;
    it->counter = Py_SIZE(d);
    PyObject_GC_Track(it);
    return (PyObject *)it;
}

static PyObject *
deque_iter(dequeobject *d)
{
    return dequeiter_make(&dequeiter_type, d);
}

static PyObject *
deque_reversed(dequeobject *d, PyObject *Py_UNUSED(unused))
{
    return dequeiter_make(&dequerev_type, d);
}

static int
dequeiter_traverse(dequeiterobject *it, visitproc visit, void *arg)
{
    Py_VISIT(it->deque);
    return 0;
}

static void
dequeiter_dealloc(dequeiterobject *it)
{
    PyObject_GC_UnTrack(it);
    Py_XDECREF(it->deque);
    PyObject_GC_Del(it);
}

static PyObject *
dequeiter_next_common(dequeiterobject *it, int step)
{
    if (it->deque->state != it->state) {
        it->counter = 0;
        PyErr_SetString(PyExc_RuntimeError, "deque mutated during iteration");
        return NULL;
    }
    if (it->counter == 0) {
        return NULL;
    }
    PyObject *item = AT(it->deque, it->index);
    it->index += step;
    it->counter--;
    return Py_NewRef(item);
}

static PyObject *
dequeiter_next(dequeiterobject *it)
{
    return dequeiter_next_common(it, 1);
}

static PyObject *
dequereviter_next(dequeiterobject *it)
{
    return dequeiter_next_common(it, -1);
}

static PyObject *
dequeiter_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *d;
    Py_ssize_t index = 0;
    if (!_PyArg_NoKeywords(type->tp_name, kwds) ||
        !PyArg_ParseTuple(args, "O!|n", &deque_type, &d, &index)) {
        return NULL;
    }
    dequeiterobject *it = (dequeiterobject *)dequeiter_make(type, (dequeobject *)d);
    if (it == NULL) {
        return NULL;
    }
    /* Skip INDEX items, as unpickling a partly consumed iterator needs. */
    iternextfunc next = type->tp_iternext;
    for (Py_ssize_t i = 0; i < index && it->counter > 0; i++) {
        PyObject *item = next((PyObject *)it);
        if (item == NULL) {
            Py_DECREF(it);
            return NULL;
        }
        Py_DECREF(item);
    }
    return (PyObject *)it;
}

static PyObject *
dequeiter_len(dequeiterobject *it, PyObject *Py_UNUSED(unused))
{
    return PyLong_FromSsize_t(it->counter);
}

static PyObject *
dequeiter_reduce(dequeiterobject *it, PyObject *Py_UNUSED(unused))
{
    return Py_BuildValue("O(On)", Py_TYPE(it), it->deque, Py_SIZE(it->deque) - it->counter);
}

static PyMethodDef dequeiter_methods[] = {
    {"__length_hint__", (PyCFunction)dequeiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", (PyCFunction)dequeiter_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject dequeiter_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_collections._deque_iterator",
    .tp_basicsize = sizeof(dequeiterobject),
    .tp_dealloc = (destructor)dequeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)dequeiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)dequeiter_next,
    .tp_methods = dequeiter_methods,
    .tp_new = dequeiter_new,
};

PyTypeObject dequerev_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_collections._deque_reverse_iterator",
    .tp_basicsize = sizeof(dequeiterobject),
    .tp_dealloc = (destructor)dequeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)dequeiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)dequereviter_next,
    .tp_methods = dequeiter_methods,
    .tp_new = dequeiter_new,
};
