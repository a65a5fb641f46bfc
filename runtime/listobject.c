/* listobject.c: the list type and its forward and reverse iterators, mirroring CPython 3.11's
 * Objects/listobject.c: over-allocation policy (so __sizeof__ matches), slice and
 * extended-slice assignment with CPython's errors, comparisons, repr, and the C-API
 * (PyList_*). list.sort lives in listsort.c. */
#include "Python.h"
#include "pyrs/mem.h"
#include "pyrs/containers.h"
#include "pyrs/lifecycle.h"
#include "pyrs/list.h"

/* Resizes the item array for NEWSIZE items with CPython's growth pattern (0, 4, 8, 16, 24,
 * 32, 40, 52, ...); ob_size becomes NEWSIZE. New slots are not initialised. */
static int
list_resize(PyListObject *self, Py_ssize_t newsize)
{
    Py_ssize_t allocated = self->allocated;
    if (allocated >= newsize && newsize >= (allocated >> 1)) {
        Py_SET_SIZE(self, newsize);
        return 0;
    }
    size_t new_allocated = ((size_t)newsize + ((size_t)newsize >> 3) + 6) & ~(size_t)3;
    /* A big jump (not a one-at-a-time append) gets no extra headroom. Signed: shrinking
     * never takes this branch. */
    if (newsize - Py_SIZE(self) > (Py_ssize_t)(new_allocated - (size_t)newsize)) {
        new_allocated = ((size_t)newsize + 3) & ~(size_t)3;
    }
    if (newsize == 0) {
        new_allocated = 0;
    }
    PyObject **items = NULL;
    if (new_allocated <= (size_t)PY_SSIZE_T_MAX / sizeof(PyObject *)) {
        items = PyMem_Realloc(self->ob_item, new_allocated * sizeof(PyObject *));
    }
    if (items == NULL && new_allocated != 0) {
        PyErr_NoMemory();
        return -1;
    }
    self->ob_item = items;
    Py_SET_SIZE(self, newsize);
    self->allocated = (Py_ssize_t)new_allocated;
    return 0;
}

/* Freed exact list objects (untracked, no items), kept for reuse by PyList_New as CPython
 * keeps them; protected by the GIL. */
#define FREE_LISTS_MAX 80
static PyListObject *free_lists[FREE_LISTS_MAX];
static int free_lists_count;

/* Allocation for SIZE items of an empty list (list(sized_iterable)), rounded up to an even
 * count as CPython does (its allocator's granularity is 16 bytes). */
static int
list_preallocate_exact(PyListObject *self, Py_ssize_t size)
{
    size = (size + 1) & ~(Py_ssize_t)1;
    PyObject **items = PyMem_New(PyObject *, (size_t)size);
    if (items == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->ob_item = items;
    self->allocated = size;
    return 0;
}

/* A new untracked exact list shell (from the free list when possible); its fields other than
 * the header are stale. NULL with MemoryError. */
static PyListObject *
list_alloc_untracked(void)
{
    PyListObject *op;
    if (free_lists_count > 0) {
        op = free_lists[--free_lists_count];
        PyGC_Head *g = _Py_AS_GC((PyObject *)op);
        g->_gc_next = 0;
        g->_gc_prev = 0;
        Py_SET_REFCNT(op, 1);
        return op;
    }
    return PyObject_GC_New(PyListObject, &PyList_Type);
}

PyObject *
PyList_New(Py_ssize_t size)
{
    if (size < 0) {
        PyErr_BadInternalCall();
        return NULL;
    }
    PyListObject *op = list_alloc_untracked();
    if (op == NULL) {
        return NULL;
    }
    op->ob_item = NULL;
    if (size > 0) {
        op->ob_item = PyMem_Calloc((size_t)size, sizeof(PyObject *));
        if (op->ob_item == NULL) {
            Py_SET_SIZE(op, 0);
            op->allocated = 0;
            Py_DECREF(op);
            return PyErr_NoMemory();
        }
    }
    Py_SET_SIZE(op, size);
    op->allocated = size;
    PyObject_GC_Track(op);
    return (PyObject *)op;
}

Py_ssize_t
PyList_Size(PyObject *op)
{
    if (!PyList_Check(op)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return Py_SIZE(op);
}

static inline int
valid_index(Py_ssize_t i, Py_ssize_t limit)
{
    return (size_t)i < (size_t)limit;
}

PyObject *
PyList_GetItem(PyObject *op, Py_ssize_t i)
{
    if (!PyList_Check(op)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (!valid_index(i, Py_SIZE(op))) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return NULL;
    }
    return PyList_GET_ITEM(op, i);
}

int
PyList_SetItem(PyObject *op, Py_ssize_t i, PyObject *newitem)
{
    if (!PyList_Check(op)) {
        Py_XDECREF(newitem);
        PyErr_BadInternalCall();
        return -1;
    }
    if (!valid_index(i, Py_SIZE(op))) {
        Py_XDECREF(newitem);
        PyErr_SetString(PyExc_IndexError, "list assignment index out of range");
        return -1;
    }
    Py_XSETREF(((PyListObject *)op)->ob_item[i], newitem);
    return 0;
}

static int
ins1(PyListObject *self, Py_ssize_t where, PyObject *v)
{
    Py_ssize_t n = Py_SIZE(self);
    if (v == NULL) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (list_resize(self, n + 1) < 0) {
        return -1;
    }
    if (where < 0) {
        where += n;
        if (where < 0) {
            where = 0;
        }
    }
    if (where > n) {
        where = n;
    }
    PyObject **items = self->ob_item;
    memmove(&items[where + 1], &items[where], (size_t)(n - where) * sizeof(PyObject *));
    items[where] = Py_NewRef(v);
    return 0;
}

int
PyList_Insert(PyObject *op, Py_ssize_t where, PyObject *newitem)
{
    if (!PyList_Check(op)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return ins1((PyListObject *)op, where, newitem);
}

/* Appends a new reference to V (borrowed). */
static int
app1(PyListObject *self, PyObject *v)
{
    Py_ssize_t n = Py_SIZE(self);
    if (n < self->allocated) {
        self->ob_item[n] = Py_NewRef(v);
        Py_SET_SIZE(self, n + 1);
        return 0;
    }
    if (list_resize(self, n + 1) < 0) {
        return -1;
    }
    self->ob_item[n] = Py_NewRef(v);
    return 0;
}

int
PyList_Append(PyObject *op, PyObject *newitem)
{
    if (PyList_Check(op) && newitem != NULL) {
        return app1((PyListObject *)op, newitem);
    }
    PyErr_BadInternalCall();
    return -1;
}

/* A new list of LEN (> 0) items taken from SRC[0], SRC[STEP], ...: the items array is not
 * zeroed first and the list is tracked only once it is full. */
static PyObject *
list_from_strided(PyObject *const *src, Py_ssize_t len, Py_ssize_t step)
{
    PyListObject *np = list_alloc_untracked();
    if (np == NULL) {
        return NULL;
    }
    Py_SET_SIZE(np, 0);
    np->allocated = 0;
    np->ob_item = PyMem_Malloc((size_t)len * sizeof(PyObject *));
    if (np->ob_item == NULL) {
        Py_DECREF(np);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        np->ob_item[i] = Py_NewRef(src[i * step]);
    }
    Py_SET_SIZE(np, len);
    np->allocated = len;
    PyObject_GC_Track(np);
    return (PyObject *)np;
}

static PyObject *
list_slice(PyListObject *a, Py_ssize_t ilow, Py_ssize_t ihigh)
{
    Py_ssize_t len = ihigh - ilow;
    if (len <= 0) {
        return PyList_New(0);
    }
    return list_from_strided(a->ob_item + ilow, len, 1);
}

/* PySlice_Unpack with a fast path for the usual fields (None or a one-digit int). */
static int
unpack_slice(PyObject *item, Py_ssize_t *start, Py_ssize_t *stop, Py_ssize_t *step)
{
    PySliceObject *sl = (PySliceObject *)item;
    PyObject *f[3] = {sl->start, sl->stop, sl->step};
    Py_ssize_t v[3];
    for (int k = 0; k < 3; k++) {
        if (f[k] == Py_None) {
            v[k] = PY_SSIZE_T_MIN; /* marks None */
        } else if (PyLong_CheckExact(f[k]) && Py_ABS(Py_SIZE(f[k])) <= 1) {
            v[k] = Py_SIZE(f[k]) * (Py_ssize_t)((PyLongObject *)f[k])->ob_digit[0];
        } else {
            return PySlice_Unpack(item, start, stop, step);
        }
    }
    if (v[2] == 0) {
        return PySlice_Unpack(item, start, stop, step); /* raises */
    }
    *step = v[2] == PY_SSIZE_T_MIN ? 1 : v[2];
    *start = v[0] != PY_SSIZE_T_MIN ? v[0] : *step < 0 ? PY_SSIZE_T_MAX : 0;
    *stop = v[1] != PY_SSIZE_T_MIN ? v[1] : *step < 0 ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
    return 0;
}

PyObject *
PyList_GetSlice(PyObject *a, Py_ssize_t ilow, Py_ssize_t ihigh)
{
    if (!PyList_Check(a)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (ilow < 0) {
        ilow = 0;
    } else if (ilow > Py_SIZE(a)) {
        ilow = Py_SIZE(a);
    }
    if (ihigh < ilow) {
        ihigh = ilow;
    } else if (ihigh > Py_SIZE(a)) {
        ihigh = Py_SIZE(a);
    }
    return list_slice((PyListObject *)a, ilow, ihigh);
}

/* Drops every item; the list is emptied before any decref so re-entrant code sees it empty. */
static void
list_clear_items(PyListObject *a)
{
    PyObject **items = a->ob_item;
    if (items == NULL) {
        return;
    }
    Py_ssize_t i = Py_SIZE(a);
    Py_SET_SIZE(a, 0);
    a->ob_item = NULL;
    a->allocated = 0;
    while (--i >= 0) {
        Py_XDECREF(items[i]);
    }
    PyMem_Free(items);
}

/* a[ilow:ihigh] = v, where v NULL deletes. V may be A itself. */
/* a[ilow:ihigh] = v for another list V of the slice's own (small) length: the items are
 * swapped in place. 1 done, 0 when the general path is needed. */
static int
replace_same_size(PyListObject *a, Py_ssize_t ilow, Py_ssize_t ihigh, PyListObject *v)
{
    PyObject *old[16];
    Py_ssize_t n = Py_SIZE(v), size = Py_SIZE(a);
    ilow = ilow < 0 ? 0 : ilow > size ? size : ilow;
    ihigh = ihigh < ilow ? ilow : ihigh > size ? size : ihigh;
    if (ihigh - ilow != n || n > 16 || n == 0) { /* n == 0: ob_item may be NULL */
        return 0;
    }
    PyObject **dst = a->ob_item + ilow;
    for (Py_ssize_t k = 0; k < n; k++) {
        old[k] = dst[k];
        dst[k] = Py_NewRef(v->ob_item[k]);
    }
    /* released last (in CPython's order): a destructor may look at or change both lists */
    for (Py_ssize_t k = n - 1; k >= 0; k--) {
        Py_DECREF(old[k]);
    }
    return 1;
}

static int
list_ass_slice(PyListObject *a, Py_ssize_t ilow, Py_ssize_t ihigh, PyObject *v)
{
    PyObject *v_as_SF = NULL, **vitem = NULL, *recycle_on_stack[8], **recycle = recycle_on_stack;
    Py_ssize_t n = 0, norig, d, k;
    int result = -1;
    if (v != NULL && PyList_CheckExact(v) && v != (PyObject *)a &&
        replace_same_size(a, ilow, ihigh, (PyListObject *)v)) {
        return 0;
    }
    if (v != NULL) {
        if (a == (PyListObject *)v) {
            v = list_slice((PyListObject *)v, 0, Py_SIZE(v));
            if (v == NULL) {
                return -1;
            }
            result = list_ass_slice(a, ilow, ihigh, v);
            Py_DECREF(v);
            return result;
        }
        v_as_SF = PySequence_Fast(v, "can only assign an iterable");
        if (v_as_SF == NULL) {
            return -1;
        }
        n = PySequence_Fast_GET_SIZE(v_as_SF);
        vitem = PySequence_Fast_ITEMS(v_as_SF);
    }
    if (ilow < 0) {
        ilow = 0;
    } else if (ilow > Py_SIZE(a)) {
        ilow = Py_SIZE(a);
    }
    if (ihigh < ilow) {
        ihigh = ilow;
    } else if (ihigh > Py_SIZE(a)) {
        ihigh = Py_SIZE(a);
    }
    norig = ihigh - ilow;
    d = n - norig;
    if (Py_SIZE(a) + d == 0) {
        Py_XDECREF(v_as_SF);
        list_clear_items(a);
        return 0;
    }
    PyObject **item = a->ob_item;
    size_t s = (size_t)norig * sizeof(PyObject *);
    if (s) {
        if (s > sizeof(recycle_on_stack)) {
            recycle = PyMem_Malloc(s);
            if (recycle == NULL) {
                PyErr_NoMemory();
                goto done;
            }
        }
        memcpy(recycle, &item[ilow], s);
    }
    if (d < 0) {
        memmove(&item[ihigh + d], &item[ihigh], (size_t)(Py_SIZE(a) - ihigh) * sizeof(PyObject *));
        (void)list_resize(a, Py_SIZE(a) + d); /* shrinking cannot fail */
        item = a->ob_item;
    } else if (d > 0) {
        k = Py_SIZE(a);
        if (list_resize(a, k + d) < 0) {
            goto done;
        }
        item = a->ob_item;
        memmove(&item[ihigh + d], &item[ihigh], (size_t)(k - ihigh) * sizeof(PyObject *));
    }
    for (k = 0; k < n; k++, ilow++) {
        item[ilow] = Py_NewRef(vitem[k]);
    }
    for (k = norig - 1; k >= 0; --k) {
        Py_XDECREF(recycle[k]);
    }
    result = 0;
done:
    if (recycle != recycle_on_stack) {
        PyMem_Free(recycle);
    }
    Py_XDECREF(v_as_SF);
    return result;
}

int
PyList_SetSlice(PyObject *a, Py_ssize_t ilow, Py_ssize_t ihigh, PyObject *v)
{
    if (!PyList_Check(a)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return list_ass_slice((PyListObject *)a, ilow, ihigh, v);
}

static void
reverse_slice(PyObject **lo, PyObject **hi)
{
    --hi;
    while (lo < hi) {
        PyObject *t = *lo;
        *lo = *hi;
        *hi = t;
        ++lo;
        --hi;
    }
}

void
pyrs_list_reverse_slice(PyObject **lo, PyObject **hi)
{
    reverse_slice(lo, hi);
}

int
PyList_Reverse(PyObject *v)
{
    if (v == NULL || !PyList_Check(v)) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (Py_SIZE(v) > 1) {
        PyListObject *self = (PyListObject *)v;
        reverse_slice(self->ob_item, self->ob_item + Py_SIZE(self));
    }
    return 0;
}

PyObject *
PyList_AsTuple(PyObject *v)
{
    if (v == NULL || !PyList_Check(v)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return _PyTuple_FromArray(((PyListObject *)v)->ob_item, Py_SIZE(v));
}

int
PyList_Sort(PyObject *v)
{
    if (v == NULL || !PyList_Check(v)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return pyrs_list_sort((PyListObject *)v, Py_None, 0);
}

/* list.extend: fast paths for lists and tuples, else iteration with a length-hint guess. */
static int
list_extend_impl(PyListObject *self, PyObject *iterable)
{
    if (PyList_CheckExact(iterable) || PyTuple_CheckExact(iterable) ||
        (PyObject *)self == iterable) {
        PyObject *seq = PySequence_Fast(iterable, "argument must be iterable");
        if (seq == NULL) {
            return -1;
        }
        Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), m = Py_SIZE(self);
        if (n == 0) {
            Py_DECREF(seq);
            return 0;
        }
        if (self->ob_item == NULL) {
            if (list_preallocate_exact(self, n) < 0) {
                Py_DECREF(seq);
                return -1;
            }
            Py_SET_SIZE(self, n);
        } else if (list_resize(self, m + n) < 0) {
            Py_DECREF(seq);
            return -1;
        }
        PyObject **src = PySequence_Fast_ITEMS(seq), **dest = self->ob_item + m;
        for (Py_ssize_t i = 0; i < n; i++) {
            dest[i] = Py_NewRef(src[i]);
        }
        Py_DECREF(seq);
        return 0;
    }
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL) {
        return -1;
    }
    iternextfunc iternext = Py_TYPE(it)->tp_iternext;
    Py_ssize_t n = PyObject_LengthHint(iterable, 8), m = Py_SIZE(self);
    if (n < 0) {
        Py_DECREF(it);
        return -1;
    }
    if (m > PY_SSIZE_T_MAX - n) {
        /* The hint is only a guess; let appends grow the list. */
    } else if (self->ob_item == NULL) {
        if (n && list_preallocate_exact(self, n) < 0) {
            goto error;
        }
    } else {
        /* Room for the guess (this may also shrink an oversized array, as in CPython). */
        if (list_resize(self, m + n) < 0) {
            goto error;
        }
        Py_SET_SIZE(self, m);
    }
    for (;;) {
        PyObject *item = iternext(it);
        if (item == NULL) {
            if (PyErr_Occurred()) {
                if (!PyErr_ExceptionMatches(PyExc_StopIteration)) {
                    goto error;
                }
                PyErr_Clear();
            }
            break;
        }
        if (Py_SIZE(self) < self->allocated) {
            PyList_SET_ITEM(self, Py_SIZE(self), item);
            Py_SET_SIZE(self, Py_SIZE(self) + 1);
        } else {
            int rc = app1(self, item);
            Py_DECREF(item);
            if (rc < 0) {
                goto error;
            }
        }
    }
    if (Py_SIZE(self) < self->allocated && list_resize(self, Py_SIZE(self)) < 0) {
        goto error;
    }
    Py_DECREF(it);
    return 0;
error:
    Py_DECREF(it);
    return -1;
}

PyObject *
_PyList_Extend(PyListObject *self, PyObject *iterable)
{
    if (list_extend_impl(self, iterable) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

PyObject *
pyrs_list_from_iterable(PyObject *iterable)
{
    PyObject *list = PyList_New(0);
    if (list != NULL && list_extend_impl((PyListObject *)list, iterable) < 0) {
        Py_CLEAR(list);
    }
    return list;
}

/* ---- type slots ---- */

static void
list_dealloc(PyObject *op)
{
    PyListObject *self = (PyListObject *)op;
    PyObject_GC_UnTrack(op);
    if (pyrs_trash_begin(op, list_dealloc)) {
        return;
    }
    if (self->ob_item != NULL) {
        for (Py_ssize_t i = Py_SIZE(op); --i >= 0;) {
            Py_XDECREF(self->ob_item[i]);
        }
        PyMem_Free(self->ob_item);
    }
    if (PYRS_FREE_LISTS && Py_IS_TYPE(op, &PyList_Type) && free_lists_count < FREE_LISTS_MAX) {
        free_lists[free_lists_count++] = self;
    } else {
        Py_TYPE(op)->tp_free(op);
    }
    pyrs_trash_end();
}

static int
list_traverse(PyObject *op, visitproc visit, void *arg)
{
    for (Py_ssize_t i = Py_SIZE(op); --i >= 0;) {
        Py_VISIT(((PyListObject *)op)->ob_item[i]);
    }
    return 0;
}

static int
list_clear_slot(PyObject *op)
{
    list_clear_items((PyListObject *)op);
    return 0;
}

static PyObject *
list_repr(PyObject *op)
{
    if (Py_SIZE(op) == 0) {
        return PyUnicode_FromString("[]");
    }
    int rc = Py_ReprEnter(op);
    if (rc != 0) {
        return rc > 0 ? PyUnicode_FromString("[...]") : NULL;
    }
    /* Items may change while their reprs run, so work on a snapshot. */
    PyObject *snap = list_slice((PyListObject *)op, 0, Py_SIZE(op));
    PyObject *res = NULL;
    if (snap != NULL) {
        res = pyrs_tuple_repr_items(((PyListObject *)snap)->ob_item, Py_SIZE(snap), "[", "]");
        Py_DECREF(snap);
    }
    Py_ReprLeave(op);
    return res;
}

static Py_ssize_t
list_length(PyObject *op)
{
    return Py_SIZE(op);
}

static int
list_contains(PyObject *op, PyObject *el)
{
    int cmp = 0;
    for (Py_ssize_t i = 0; cmp == 0 && i < Py_SIZE(op); ++i) {
        PyObject *item = Py_NewRef(PyList_GET_ITEM(op, i));
        cmp = PyObject_RichCompareBool(item, el, Py_EQ);
        Py_DECREF(item);
    }
    return cmp;
}

static PyObject *
list_item(PyObject *op, Py_ssize_t i)
{
    if (!valid_index(i, Py_SIZE(op))) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return NULL;
    }
    return Py_NewRef(PyList_GET_ITEM(op, i));
}

static PyObject *
list_concat(PyObject *a, PyObject *bb)
{
    if (!PyList_Check(bb)) {
        PyErr_Format(PyExc_TypeError, "can only concatenate list (not \"%.200s\") to list",
                     Py_TYPE(bb)->tp_name);
        return NULL;
    }
    Py_ssize_t na = Py_SIZE(a), nb = Py_SIZE(bb);
    if (na > PY_SSIZE_T_MAX - nb) {
        return PyErr_NoMemory();
    }
    PyListObject *np = (PyListObject *)PyList_New(na + nb);
    if (np == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < na; i++) {
        np->ob_item[i] = Py_NewRef(PyList_GET_ITEM(a, i));
    }
    for (Py_ssize_t i = 0; i < nb; i++) {
        np->ob_item[na + i] = Py_NewRef(PyList_GET_ITEM(bb, i));
    }
    return (PyObject *)np;
}

static PyObject *
list_repeat(PyObject *a, Py_ssize_t n)
{
    Py_ssize_t size = Py_SIZE(a);
    if (n <= 0 || size == 0) {
        return PyList_New(0);
    }
    if (size > PY_SSIZE_T_MAX / n) {
        return PyErr_NoMemory();
    }
    PyListObject *np = (PyListObject *)PyList_New(size * n);
    if (np == NULL) {
        return NULL;
    }
    PyObject **dst = np->ob_item;
    for (Py_ssize_t k = 0; k < n; k++) {
        for (Py_ssize_t i = 0; i < size; i++) {
            *dst++ = Py_NewRef(PyList_GET_ITEM(a, i));
        }
    }
    return (PyObject *)np;
}

static int
list_ass_item(PyObject *op, Py_ssize_t i, PyObject *v)
{
    if (!valid_index(i, Py_SIZE(op))) {
        PyErr_SetString(PyExc_IndexError, "list assignment index out of range");
        return -1;
    }
    if (v == NULL) {
        return list_ass_slice((PyListObject *)op, i, i + 1, v);
    }
    Py_SETREF(((PyListObject *)op)->ob_item[i], Py_NewRef(v));
    return 0;
}

static PyObject *
list_inplace_concat(PyObject *self, PyObject *other)
{
    if (list_extend_impl((PyListObject *)self, other) < 0) {
        return NULL;
    }
    return Py_NewRef(self);
}

static PyObject *
list_inplace_repeat(PyObject *op, Py_ssize_t n)
{
    PyListObject *self = (PyListObject *)op;
    Py_ssize_t size = Py_SIZE(self);
    if (size == 0 || n == 1) {
        return Py_NewRef(op);
    }
    if (n < 1) {
        list_clear_items(self);
        return Py_NewRef(op);
    }
    if (size > PY_SSIZE_T_MAX / n) {
        return PyErr_NoMemory();
    }
    if (list_resize(self, size * n) < 0) {
        return NULL;
    }
    PyObject **items = self->ob_item;
    for (Py_ssize_t k = 1; k < n; k++) {
        for (Py_ssize_t i = 0; i < size; i++) {
            items[k * size + i] = Py_NewRef(items[i]);
        }
    }
    return Py_NewRef(op);
}

static PyObject *
list_subscript(PyObject *op, PyObject *item)
{
    PyListObject *self = (PyListObject *)op;
    if (PyIndex_Check(item)) {
        Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) {
            return NULL;
        }
        if (i < 0) {
            i += Py_SIZE(self);
        }
        return list_item(op, i);
    }
    if (!PySlice_Check(item)) {
        PyErr_Format(PyExc_TypeError, "list indices must be integers or slices, not %.200s",
                     Py_TYPE(item)->tp_name);
        return NULL;
    }
    Py_ssize_t start, stop, step;
    if (unpack_slice(item, &start, &stop, &step) < 0) {
        return NULL;
    }
    Py_ssize_t len = PySlice_AdjustIndices(Py_SIZE(self), &start, &stop, step);
    if (len <= 0) {
        return PyList_New(0);
    }
    return list_from_strided(self->ob_item + start, len, step);
}

/* del self[start:stop:step] for step != 1, compacting in one pass. */
static int
list_del_extended(PyListObject *self, Py_ssize_t start, Py_ssize_t step, Py_ssize_t len)
{
    if (step < 0) {
        /* Walk forwards: turn the slice into an equivalent positive-step one. */
        start = start + step * (len - 1);
        step = -step;
    }
    PyObject **garbage = PyMem_New(PyObject *, (size_t)len);
    if (garbage == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t cur = start, i;
    /* (cur advances in size_t: after the last item a huge step would overflow) */
    for (i = 0; i < len; cur = (Py_ssize_t)((size_t)cur + (size_t)step), i++) {
        Py_ssize_t lim = step - 1;
        garbage[i] = self->ob_item[cur];
        /* size_t: a huge step (del a[9::1<<333]) must not overflow */
        if ((size_t)cur + (size_t)step >= (size_t)Py_SIZE(self)) {
            lim = Py_SIZE(self) - cur - 1;
        }
        memmove(self->ob_item + cur - i, self->ob_item + cur + 1, (size_t)lim * sizeof(PyObject *));
    }
    size_t end = (size_t)start + (size_t)len * (size_t)step;
    if (end < (size_t)Py_SIZE(self)) {
        cur = (Py_ssize_t)end;
        memmove(self->ob_item + cur - len, self->ob_item + cur,
                (size_t)(Py_SIZE(self) - cur) * sizeof(PyObject *));
    }
    Py_SET_SIZE(self, Py_SIZE(self) - len);
    int res = list_resize(self, Py_SIZE(self));
    for (i = 0; i < len; i++) {
        Py_DECREF(garbage[i]);
    }
    PyMem_Free(garbage);
    return res;
}

static int
list_ass_extended(PyListObject *self, Py_ssize_t start, Py_ssize_t step, Py_ssize_t len,
                  PyObject *value)
{
    PyObject *seq;
    if (self == (PyListObject *)value) {
        seq = list_slice((PyListObject *)value, 0, PyList_GET_SIZE(value));
    } else {
        seq = PySequence_Fast(value, "must assign iterable to extended slice");
    }
    if (seq == NULL) {
        return -1;
    }
    if (PySequence_Fast_GET_SIZE(seq) != len) {
        PyErr_Format(PyExc_ValueError,
                     "attempt to assign sequence of size %zd to extended slice of size %zd",
                     PySequence_Fast_GET_SIZE(seq), len);
        Py_DECREF(seq);
        return -1;
    }
    if (len == 0) {
        Py_DECREF(seq);
        return 0;
    }
    PyObject **garbage = PyMem_New(PyObject *, (size_t)len);
    if (garbage == NULL) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    PyObject **seqitems = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t cur = start, i = 0; i < len;
         cur = (Py_ssize_t)((size_t)cur + (size_t)step), i++) {
        garbage[i] = self->ob_item[cur];
        self->ob_item[cur] = Py_NewRef(seqitems[i]);
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        Py_DECREF(garbage[i]);
    }
    PyMem_Free(garbage);
    Py_DECREF(seq);
    return 0;
}

static int
list_ass_subscript(PyObject *op, PyObject *item, PyObject *value)
{
    PyListObject *self = (PyListObject *)op;
    if (PyIndex_Check(item)) {
        Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (i < 0) {
            i += PyList_GET_SIZE(self);
        }
        return list_ass_item(op, i, value);
    }
    if (!PySlice_Check(item)) {
        PyErr_Format(PyExc_TypeError, "list indices must be integers or slices, not %.200s",
                     Py_TYPE(item)->tp_name);
        return -1;
    }
    Py_ssize_t start, stop, step;
    if (unpack_slice(item, &start, &stop, &step) < 0) {
        return -1;
    }
    Py_ssize_t len = PySlice_AdjustIndices(Py_SIZE(self), &start, &stop, step);
    if (step == 1) {
        return list_ass_slice(self, start, stop, value);
    }
    /* An empty extended slice of a negative step still needs an ordinary stop. */
    if ((step < 0 && start < stop) || (step > 0 && start > stop)) {
        stop = start;
    }
    if (value == NULL) {
        return len <= 0 ? 0 : list_del_extended(self, start, step, len);
    }
    return list_ass_extended(self, start, step, len, value);
}

static PyObject *
list_richcompare(PyObject *v, PyObject *w, int op)
{
    if (!PyList_Check(v) || !PyList_Check(w)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (Py_SIZE(v) != Py_SIZE(w) && (op == Py_EQ || op == Py_NE)) {
        if (op == Py_EQ) {
            Py_RETURN_FALSE;
        }
        Py_RETURN_TRUE;
    }
    Py_ssize_t i;
    for (i = 0; i < Py_SIZE(v) && i < Py_SIZE(w); i++) {
        PyObject *vitem = PyList_GET_ITEM(v, i), *witem = PyList_GET_ITEM(w, i);
        if (vitem == witem) {
            continue;
        }
        Py_INCREF(vitem);
        Py_INCREF(witem);
        int k = PyObject_RichCompareBool(vitem, witem, Py_EQ);
        Py_DECREF(vitem);
        Py_DECREF(witem);
        if (k < 0) {
            return NULL;
        }
        if (!k) {
            break;
        }
    }
    if (i >= Py_SIZE(v) || i >= Py_SIZE(w)) {
        Py_RETURN_RICHCOMPARE(Py_SIZE(v), Py_SIZE(w), op);
    }
    if (op == Py_EQ) {
        Py_RETURN_FALSE;
    }
    if (op == Py_NE) {
        Py_RETURN_TRUE;
    }
    PyObject *vitem = Py_NewRef(PyList_GET_ITEM(v, i)), *witem = Py_NewRef(PyList_GET_ITEM(w, i));
    PyObject *res = PyObject_RichCompare(vitem, witem, op);
    Py_DECREF(vitem);
    Py_DECREF(witem);
    return res;
}

static int
list_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    /* Like CPython, subclasses that keep list's __new__ reject keywords too. */
    if ((Py_IS_TYPE(op, &PyList_Type) || Py_TYPE(op)->tp_new == PyList_Type.tp_new) &&
        pyrs_tuple_check_no_kwargs("list", kwds) < 0) {
        return -1;
    }
    if (pyrs_tuple_check_nargs("list", PyTuple_GET_SIZE(args), 0, 1) < 0) {
        return -1;
    }
    PyListObject *self = (PyListObject *)op;
    list_clear_items(self);
    if (PyTuple_GET_SIZE(args) == 0) {
        return 0;
    }
    PyObject *iterable = PyTuple_GET_ITEM(args, 0);
    if (_PyObject_HasLen(iterable)) {
        Py_ssize_t n = PyObject_Size(iterable);
        if (n < 0) {
            if (!PyErr_ExceptionMatches(PyExc_TypeError)) {
                return -1;
            }
            PyErr_Clear();
        } else if (n > 0 && self->ob_item == NULL && list_preallocate_exact(self, n) < 0) {
            return -1;
        }
    }
    return list_extend_impl(self, iterable);
}

/* ---- methods ---- */

static PyObject *
list_append(PyObject *self, PyObject *object)
{
    if (app1((PyListObject *)self, object) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
list_extend(PyObject *self, PyObject *iterable)
{
    return _PyList_Extend((PyListObject *)self, iterable);
}

static PyObject *
list_insert(PyObject *self, PyObject *args)
{
    Py_ssize_t index;
    if (pyrs_tuple_check_nargs("insert", PyTuple_GET_SIZE(args), 2, 2) < 0) {
        return NULL;
    }
    PyObject *iobj = PyTuple_GET_ITEM(args, 0);
    PyObject *ival = PyNumber_Index(iobj);
    if (ival == NULL) {
        return NULL;
    }
    index = PyLong_AsSsize_t(ival);
    Py_DECREF(ival);
    if (index == -1 && PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_OverflowError)) {
            return NULL;
        }
        PyErr_Clear();
        index = _PyLong_Sign(iobj) < 0 ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
    }
    if (ins1((PyListObject *)self, index, PyTuple_GET_ITEM(args, 1)) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
list_clear(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    list_clear_items((PyListObject *)self);
    Py_RETURN_NONE;
}

static PyObject *
list_copy(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return list_slice((PyListObject *)self, 0, Py_SIZE(self));
}

static PyObject *
list_pop(PyObject *op, PyObject *args)
{
    PyListObject *self = (PyListObject *)op;
    Py_ssize_t index = -1;
    if (pyrs_tuple_check_nargs("pop", PyTuple_GET_SIZE(args), 0, 1) < 0) {
        return NULL;
    }
    if (PyTuple_GET_SIZE(args) == 1) {
        PyObject *ival = PyNumber_Index(PyTuple_GET_ITEM(args, 0));
        if (ival == NULL) {
            return NULL;
        }
        index = PyLong_AsSsize_t(ival);
        Py_DECREF(ival);
        if (index == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    if (Py_SIZE(self) == 0) {
        PyErr_SetString(PyExc_IndexError, "pop from empty list");
        return NULL;
    }
    if (index < 0) {
        index += Py_SIZE(self);
    }
    if (!valid_index(index, Py_SIZE(self))) {
        PyErr_SetString(PyExc_IndexError, "pop index out of range");
        return NULL;
    }
    PyObject *v = self->ob_item[index];
    Py_ssize_t size_after = Py_SIZE(self) - 1;
    if (index < size_after) {
        memmove(&self->ob_item[index], &self->ob_item[index + 1],
                (size_t)(size_after - index) * sizeof(PyObject *));
    }
    if (list_resize(self, size_after) < 0) {
        /* Cannot happen when shrinking; keep the list consistent anyway. */
        Py_SET_SIZE(self, size_after);
        PyErr_Clear();
    }
    return v;
}

static PyObject *
list_index(PyObject *op, PyObject *args)
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
    if (start < 0) {
        start += Py_SIZE(op);
        if (start < 0) {
            start = 0;
        }
    }
    if (stop < 0) {
        stop += Py_SIZE(op);
        if (stop < 0) {
            stop = 0;
        }
    }
    for (Py_ssize_t i = start; i < stop && i < Py_SIZE(op); i++) {
        PyObject *obj = Py_NewRef(PyList_GET_ITEM(op, i));
        int cmp = PyObject_RichCompareBool(obj, value, Py_EQ);
        Py_DECREF(obj);
        if (cmp > 0) {
            return PyLong_FromSsize_t(i);
        }
        if (cmp < 0) {
            return NULL;
        }
    }
    PyErr_Format(PyExc_ValueError, "%R is not in list", value);
    return NULL;
}

static PyObject *
list_count(PyObject *op, PyObject *value)
{
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) {
        PyObject *obj = PyList_GET_ITEM(op, i);
        if (obj == value) {
            count++;
            continue;
        }
        Py_INCREF(obj);
        int cmp = PyObject_RichCompareBool(obj, value, Py_EQ);
        Py_DECREF(obj);
        if (cmp < 0) {
            return NULL;
        }
        count += cmp;
    }
    return PyLong_FromSsize_t(count);
}

static PyObject *
list_remove(PyObject *op, PyObject *value)
{
    for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) {
        PyObject *obj = Py_NewRef(PyList_GET_ITEM(op, i));
        int cmp = PyObject_RichCompareBool(obj, value, Py_EQ);
        Py_DECREF(obj);
        if (cmp > 0) {
            if (list_ass_slice((PyListObject *)op, i, i + 1, NULL) < 0) {
                return NULL;
            }
            Py_RETURN_NONE;
        }
        if (cmp < 0) {
            return NULL;
        }
    }
    PyErr_SetString(PyExc_ValueError, "list.remove(x): x not in list");
    return NULL;
}

static PyObject *
list_reverse(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    if (PyList_Reverse(self) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
list_sizeof(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    size_t res = sizeof(PyListObject) + (size_t)((PyListObject *)self)->allocated * sizeof(void *);
    return PyLong_FromSize_t(res);
}

/* list.sort(*, key=None, reverse=False) */
static PyObject *
list_sort(PyObject *self, PyObject *args, PyObject *kwds)
{
    PyObject *keyfunc = Py_None;
    int reverse = 0;
    if (PyTuple_GET_SIZE(args) != 0) {
        PyErr_Format(PyExc_TypeError, "sort() takes no positional arguments");
        return NULL;
    }
    if (kwds != NULL) {
        Py_ssize_t pos = 0, seen = 0;
        PyObject *k, *v;
        while (PyDict_Next(kwds, &pos, &k, &v)) {
            if (PyUnicode_Check(k) && PyUnicode_CompareWithASCIIString(k, "key") == 0) {
                keyfunc = v;
                seen++;
            } else if (PyUnicode_Check(k) && PyUnicode_CompareWithASCIIString(k, "reverse") == 0) {
                reverse = PyObject_IsTrue(v);
                if (reverse < 0) {
                    return NULL;
                }
                seen++;
            } else {
                PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for sort()", k);
                return NULL;
            }
        }
        (void)seen;
    }
    if (pyrs_list_sort((PyListObject *)self, keyfunc, reverse) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *list_iter(PyObject *seq);
static PyObject *list_reversed(PyObject *self, PyObject *Py_UNUSED(ignored));

static PyMethodDef list_methods[] = {
    {"__getitem__", list_subscript, METH_O | METH_COEXIST, "x.__getitem__(y) <==> x[y]"},
    {"__reversed__", list_reversed, METH_NOARGS,
     "__reversed__($self, /)\n--\n\nReturn a reverse iterator over the list."},
    {"__sizeof__", list_sizeof, METH_NOARGS,
     "__sizeof__($self, /)\n--\n\nReturn the size of the list in memory, in bytes."},
    {"clear", list_clear, METH_NOARGS, "clear($self, /)\n--\n\nRemove all items from list."},
    {"copy", list_copy, METH_NOARGS, "copy($self, /)\n--\n\nReturn a shallow copy of the list."},
    {"append", list_append, METH_O,
     "append($self, object, /)\n--\n\nAppend object to the end of the list."},
    {"insert", list_insert, METH_VARARGS,
     "insert($self, index, object, /)\n--\n\nInsert object before index."},
    {"extend", list_extend, METH_O,
     "extend($self, iterable, /)\n--\n\nExtend list by appending elements from the iterable."},
    {"pop", list_pop, METH_VARARGS,
     "pop($self, index=-1, /)\n--\n\nRemove and return item at index (default last).\n\n"
     "Raises IndexError if list is empty or index is out of range."},
    {"remove", list_remove, METH_O,
     "remove($self, value, /)\n--\n\nRemove first occurrence of value.\n\n"
     "Raises ValueError if the value is not present."},
    {"index", list_index, METH_VARARGS,
     "index($self, value, start=0, stop=sys.maxsize, /)\n--\n\nReturn first index of value.\n\n"
     "Raises ValueError if the value is not present."},
    {"count", list_count, METH_O,
     "count($self, value, /)\n--\n\nReturn number of occurrences of value."},
    {"reverse", list_reverse, METH_NOARGS, "reverse($self, /)\n--\n\nReverse *IN PLACE*."},
    {"sort", (PyCFunction)(void (*)(void))list_sort, METH_VARARGS | METH_KEYWORDS,
     "sort($self, /, *, key=None, reverse=False)\n--\n\n"
     "Sort the list in ascending order and return None."},
    {"__class_getitem__", pyrs_tuple_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods list_as_sequence = {
    .sq_length = list_length,
    .sq_concat = list_concat,
    .sq_repeat = list_repeat,
    .sq_item = list_item,
    .sq_ass_item = list_ass_item,
    .sq_contains = list_contains,
    .sq_inplace_concat = list_inplace_concat,
    .sq_inplace_repeat = list_inplace_repeat,
};

static PyMappingMethods list_as_mapping = {
    .mp_length = list_length,
    .mp_subscript = list_subscript,
    .mp_ass_subscript = list_ass_subscript,
};

PyTypeObject PyList_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "list",
    .tp_basicsize = sizeof(PyListObject),
    .tp_dealloc = list_dealloc,
    .tp_repr = list_repr,
    .tp_as_sequence = &list_as_sequence,
    .tp_as_mapping = &list_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_LIST_SUBCLASS | _Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_SEQUENCE,
    .tp_doc = "list(iterable=(), /)\n--\n\n"
              "Built-in mutable sequence.\n\n"
              "If no argument is given, the constructor creates a new empty list.\n"
              "The argument must be an iterable if specified.",
    .tp_traverse = list_traverse,
    .tp_clear = list_clear_slot,
    .tp_richcompare = list_richcompare,
    .tp_iter = list_iter,
    .tp_methods = list_methods,
    .tp_init = list_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

/* ---- iterators ---- */

typedef struct {
    PyObject_HEAD
    Py_ssize_t it_index;  /* next position (reverse: current position) */
    PyListObject *it_seq; /* owned; NULL once exhausted */
} listiterobject;

static PyObject *
listiter_new(PyTypeObject *tp, PyObject *seq, Py_ssize_t index)
{
    listiterobject *it = PyObject_GC_New(listiterobject, tp);
    if (it == NULL) {
        return NULL;
    }
    it->it_index = index;
    it->it_seq = (PyListObject *)Py_NewRef(seq);
    PyObject_GC_Track(it);
    return (PyObject *)it;
}

static PyObject *
list_iter(PyObject *seq)
{
    return listiter_new(&PyListIter_Type, seq, 0);
}

static PyObject *
list_reversed(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return listiter_new(&PyListRevIter_Type, self, Py_SIZE(self) - 1);
}

static void
listiter_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    Py_XDECREF(((listiterobject *)op)->it_seq);
    PyObject_GC_Del(op);
}

static int
listiter_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((listiterobject *)op)->it_seq);
    return 0;
}

static PyObject *
listiter_next(PyObject *op)
{
    listiterobject *it = (listiterobject *)op;
    PyListObject *seq = it->it_seq;
    if (seq == NULL) {
        return NULL;
    }
    if (it->it_index < PyList_GET_SIZE(seq)) {
        return Py_NewRef(PyList_GET_ITEM(seq, it->it_index++));
    }
    it->it_seq = NULL;
    Py_DECREF(seq);
    return NULL;
}

static PyObject *
listreviter_next(PyObject *op)
{
    listiterobject *it = (listiterobject *)op;
    PyListObject *seq = it->it_seq;
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t index = it->it_index;
    if (index >= 0 && index < PyList_GET_SIZE(seq)) {
        it->it_index--;
        return Py_NewRef(PyList_GET_ITEM(seq, index));
    }
    it->it_index = -1;
    it->it_seq = NULL;
    Py_DECREF(seq);
    return NULL;
}

static PyObject *
listiter_len(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    listiterobject *it = (listiterobject *)op;
    Py_ssize_t len = 0;
    if (it->it_seq != NULL) {
        len = PyList_GET_SIZE(it->it_seq) - it->it_index;
    }
    return PyLong_FromSsize_t(len < 0 ? 0 : len);
}

static PyObject *
listreviter_len(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    listiterobject *it = (listiterobject *)op;
    Py_ssize_t len = it->it_index + 1;
    if (it->it_seq == NULL || PyList_GET_SIZE(it->it_seq) < len) {
        len = 0;
    }
    return PyLong_FromSsize_t(len);
}

static PyObject *
listiter_setstate_impl(PyObject *op, PyObject *state, Py_ssize_t lowest)
{
    listiterobject *it = (listiterobject *)op;
    Py_ssize_t index = PyLong_AsSsize_t(state);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (it->it_seq != NULL) {
        if (index < lowest) {
            index = lowest;
        } else if (index > PyList_GET_SIZE(it->it_seq)) {
            index = PyList_GET_SIZE(it->it_seq);
        }
        it->it_index = index;
    }
    Py_RETURN_NONE;
}

static PyObject *
listiter_setstate(PyObject *op, PyObject *state)
{
    return listiter_setstate_impl(op, state, 0);
}

static PyObject *
listreviter_setstate(PyObject *op, PyObject *state)
{
    listiterobject *it = (listiterobject *)op;
    Py_ssize_t index = PyLong_AsSsize_t(state);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (it->it_seq != NULL) {
        if (index < -1) {
            index = -1;
        } else if (index > PyList_GET_SIZE(it->it_seq) - 1) {
            index = PyList_GET_SIZE(it->it_seq) - 1;
        }
        it->it_index = index;
    }
    Py_RETURN_NONE;
}

/* (iter, (list,), index), (reversed, (list,), index), or (iter, ([],)) once exhausted. */
static PyObject *
listiter_reduce_general(PyObject *op, int forward)
{
    listiterobject *it = (listiterobject *)op;
    PyObject *empty = PyList_New(0), *index = PyLong_FromSsize_t(it->it_index), *res = NULL;
    if (empty == NULL || index == NULL) {
        goto done;
    }
    if (forward || it->it_seq == NULL) {
        res = pyrs_iter_reduce((PyObject *)it->it_seq, index, empty);
    } else {
        PyObject *args = PyTuple_Pack(1, it->it_seq);
        if (args != NULL) {
            res = PyTuple_Pack(3, (PyObject *)&PyReversed_Type, args, index);
            Py_DECREF(args);
        }
    }
done:
    Py_XDECREF(empty);
    Py_XDECREF(index);
    return res;
}

static PyObject *
listiter_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return listiter_reduce_general(op, 1);
}

static PyObject *
listreviter_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return listiter_reduce_general(op, 0);
}

static PyMethodDef listiter_methods[] = {
    {"__reduce__", listiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__length_hint__", listiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__setstate__", listiter_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef listreviter_methods[] = {
    {"__reduce__", listreviter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__length_hint__", listreviter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__setstate__", listreviter_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyListIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "list_iterator",
    .tp_basicsize = sizeof(listiterobject),
    .tp_dealloc = listiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = listiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = listiter_next,
    .tp_methods = listiter_methods,
};

PyTypeObject PyListRevIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "list_reverseiterator",
    .tp_basicsize = sizeof(listiterobject),
    .tp_dealloc = listiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = listiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = listreviter_next,
    .tp_methods = listreviter_methods,
};

int
pyrs_list_init(void)
{
    if (PyType_Ready(&PyList_Type) < 0 || PyType_Ready(&PyListIter_Type) < 0 ||
        PyType_Ready(&PyListRevIter_Type) < 0) {
        return -1;
    }
    return 0;
}
