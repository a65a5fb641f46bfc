/* rangeobject.c: range and its iterators, mirroring CPython 3.11's Objects/rangeobject.c:
 * arbitrary-size bounds (the length is a Python int), O(1) indexing, slicing to ranges,
 * membership and index/count without iteration for ints, equality by the sequence of values,
 * and a C-long iterator with an int-object fallback for huge ranges. */
#include "Python.h"
#include "structmember.h"
#include "pyrs/containers.h"
#include "pyrs/lifecycle.h"

typedef struct {
    PyObject_HEAD
    PyObject *start;  /* owned int */
    PyObject *stop;   /* owned int */
    PyObject *step;   /* owned int, never zero */
    PyObject *length; /* owned int >= 0 */
} rangeobject;

static PyObject *
small_int(long v)
{
    return PyLong_FromLong(v);
}

/* Number of values in range(lo, hi, step) for C longs (step nonzero), in unsigned arithmetic
 * so that no difference overflows. */
static unsigned long
long_range_length(long lo, long hi, long step)
{
    if (step > 0 && lo < hi) {
        return ((unsigned long)hi - 1 - (unsigned long)lo) / (unsigned long)step + 1;
    }
    if (step < 0 && lo > hi) {
        return ((unsigned long)lo - 1 - (unsigned long)hi) / (0UL - (unsigned long)step) + 1;
    }
    return 0;
}

/* Number of values in range(start, stop, step) (ints, step nonzero) as a new int. */
static PyObject *
compute_range_length(PyObject *start, PyObject *stop, PyObject *step)
{
    int o1, o2, o3;
    long lstart = PyLong_AsLongAndOverflow(start, &o1);
    long lstop = PyLong_AsLongAndOverflow(stop, &o2);
    long lstep = PyLong_AsLongAndOverflow(step, &o3);
    if (!(o1 | o2 | o3)) {
        return PyLong_FromUnsignedLong(long_range_length(lstart, lstop, lstep));
    }
    PyObject *lo, *hi, *diff = NULL, *tmp = NULL, *res = NULL, *one = small_int(1);
    if (one == NULL) {
        return NULL;
    }
    int sign = _PyLong_Sign(step);
    PyObject *pstep = Py_NewRef(step);
    if (sign > 0) {
        lo = start;
        hi = stop;
    } else {
        lo = stop;
        hi = start;
        Py_SETREF(pstep, PyNumber_Negative(step));
        if (pstep == NULL) {
            goto done;
        }
    }
    int cmp = PyObject_RichCompareBool(lo, hi, Py_GE);
    if (cmp != 0) {
        res = cmp < 0 ? NULL : small_int(0);
        goto done;
    }
    /* (hi - lo - 1) // step + 1 */
    if ((diff = PyNumber_Subtract(hi, lo)) == NULL ||
        (tmp = PyNumber_Subtract(diff, one)) == NULL) {
        goto done;
    }
    Py_SETREF(diff, PyNumber_FloorDivide(tmp, pstep));
    if (diff != NULL) {
        res = PyNumber_Add(diff, one);
    }
done:
    Py_XDECREF(pstep);
    Py_XDECREF(diff);
    Py_XDECREF(tmp);
    Py_DECREF(one);
    return res;
}

/* Steals START, STOP and STEP. */
static PyObject *
make_range_object(PyTypeObject *type, PyObject *start, PyObject *stop, PyObject *step)
{
    PyObject *length = compute_range_length(start, stop, step);
    if (length == NULL) {
        goto fail;
    }
    rangeobject *obj = PyObject_New(rangeobject, type);
    if (obj == NULL) {
        Py_DECREF(length);
        goto fail;
    }
    obj->start = start;
    obj->stop = stop;
    obj->step = step;
    obj->length = length;
    return (PyObject *)obj;
fail:
    Py_DECREF(start);
    Py_DECREF(stop);
    Py_DECREF(step);
    return NULL;
}

/* range(ARGS[0 .. N)) for 1 <= N <= 3 already checked: the arguments through __index__. */
static PyObject *
range_from_array(PyTypeObject *type, PyObject *const *args, Py_ssize_t n)
{
    PyObject *start = NULL, *stop = NULL, *step = NULL;
    if (n == 1) {
        stop = PyNumber_Index(args[0]);
        if (stop == NULL) {
            return NULL;
        }
        start = small_int(0);
        step = small_int(1);
        if (start == NULL || step == NULL) {
            goto fail;
        }
        return make_range_object(type, start, stop, step);
    }
    if ((start = PyNumber_Index(args[0])) == NULL || (stop = PyNumber_Index(args[1])) == NULL) {
        goto fail;
    }
    step = n == 3 ? PyNumber_Index(args[2]) : small_int(1);
    if (step == NULL) {
        goto fail;
    }
    if (_PyLong_Sign(step) == 0) {
        PyErr_SetString(PyExc_ValueError, "range() arg 3 must not be zero");
        goto fail;
    }
    return make_range_object(type, start, stop, step);
fail:
    Py_XDECREF(start);
    Py_XDECREF(stop);
    Py_XDECREF(step);
    return NULL;
}

static PyObject *
range_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    if (pyrs_tuple_check_no_kwargs("range", kw) < 0 ||
        pyrs_tuple_check_nargs("range", PyTuple_GET_SIZE(args), 1, 3) < 0) {
        return NULL;
    }
    return range_from_array(type, ((PyTupleObject *)args)->ob_item, PyTuple_GET_SIZE(args));
}

/* range(...) called through vectorcall, as CPython 3.11: no argument tuple. */
static PyObject *
range_vectorcall(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t n = PyVectorcall_NARGS(nargsf);
    if (!_PyArg_NoKwnames("range", kwnames) || pyrs_tuple_check_nargs("range", n, 1, 3) < 0) {
        return NULL;
    }
    return range_from_array((PyTypeObject *)type, args, n);
}

static void
range_dealloc(PyObject *op)
{
    rangeobject *r = (rangeobject *)op;
    Py_DECREF(r->start);
    Py_DECREF(r->stop);
    Py_DECREF(r->step);
    Py_DECREF(r->length);
    PyObject_Free(op);
}

static Py_ssize_t
range_length(PyObject *op)
{
    return PyLong_AsSsize_t(((rangeobject *)op)->length);
}

/* start + i * step for an int I known to be in range. */
static PyObject *
compute_item(rangeobject *r, PyObject *i)
{
    PyObject *incr = PyNumber_Multiply(i, r->step);
    if (incr == NULL) {
        return NULL;
    }
    PyObject *res = PyNumber_Add(r->start, incr);
    Py_DECREF(incr);
    return res;
}

/* r[arg] for an int ARG, with negative indices and the range's IndexError. */
static PyObject *
compute_range_item(rangeobject *r, PyObject *arg)
{
    PyObject *i = Py_NewRef(arg), *res = NULL;
    if (_PyLong_Sign(arg) < 0) {
        Py_SETREF(i, PyNumber_Add(r->length, arg));
        if (i == NULL) {
            return NULL;
        }
    }
    int bad = _PyLong_Sign(i) < 0;
    if (!bad) {
        bad = PyObject_RichCompareBool(r->length, i, Py_LE);
    }
    if (bad) {
        if (bad > 0) {
            PyErr_SetString(PyExc_IndexError, "range object index out of range");
        }
    } else {
        res = compute_item(r, i);
    }
    Py_DECREF(i);
    return res;
}

static PyObject *
range_item(PyObject *op, Py_ssize_t i)
{
    PyObject *arg = PyLong_FromSsize_t(i);
    if (arg == NULL) {
        return NULL;
    }
    PyObject *res = NULL;
    if (i < 0) {
        PyErr_SetString(PyExc_IndexError, "range object index out of range");
    } else {
        res = compute_range_item((rangeobject *)op, arg);
    }
    Py_DECREF(arg);
    return res;
}

static PyObject *
compute_slice(rangeobject *r, PyObject *slice)
{
    PyObject *substart, *substop, *substep, *start = NULL, *stop = NULL, *step = NULL;
    if (_PySlice_GetLongIndices((PySliceObject *)slice, r->length, &substart, &substop, &substep) <
        0) {
        return NULL;
    }
    step = PyNumber_Multiply(r->step, substep);
    if (step != NULL && (start = compute_item(r, substart)) != NULL) {
        stop = compute_item(r, substop);
    }
    Py_DECREF(substart);
    Py_DECREF(substop);
    Py_DECREF(substep);
    if (stop == NULL) {
        Py_XDECREF(start);
        Py_XDECREF(step);
        return NULL;
    }
    return make_range_object(Py_TYPE(r), start, stop, step);
}

static PyObject *
range_subscript(PyObject *op, PyObject *item)
{
    rangeobject *r = (rangeobject *)op;
    if (PyLong_Check(item)) {
        return compute_range_item(r, item);
    }
    if (PySlice_Check(item)) {
        return compute_slice(r, item);
    }
    if (PyIndex_Check(item)) {
        PyObject *i = PyNumber_Index(item);
        if (i == NULL) {
            return NULL;
        }
        PyObject *res = compute_range_item(r, i);
        Py_DECREF(i);
        return res;
    }
    PyErr_Format(PyExc_TypeError, "range indices must be integers or slices, not %.200s",
                 Py_TYPE(item)->tp_name);
    return NULL;
}

/* Membership of an int without iterating: 1, 0 or -1. */
static int
range_contains_long(rangeobject *r, PyObject *ob)
{
    int positive = _PyLong_Sign(r->step) > 0;
    int cmp2 = positive ? PyObject_RichCompareBool(r->start, ob, Py_LE)
                        : PyObject_RichCompareBool(ob, r->start, Py_LE);
    if (cmp2 <= 0) {
        return cmp2;
    }
    int cmp3 = positive ? PyObject_RichCompareBool(ob, r->stop, Py_LT)
                        : PyObject_RichCompareBool(r->stop, ob, Py_LT);
    if (cmp3 <= 0) {
        return cmp3;
    }
    PyObject *tmp1 = PyNumber_Subtract(ob, r->start), *tmp2 = NULL;
    int result = -1;
    if (tmp1 != NULL && (tmp2 = PyNumber_Remainder(tmp1, r->step)) != NULL) {
        result = _PyLong_Sign(tmp2) == 0;
    }
    Py_XDECREF(tmp1);
    Py_XDECREF(tmp2);
    return result;
}

static int
range_contains(PyObject *op, PyObject *ob)
{
    if (PyLong_CheckExact(ob) || PyBool_Check(ob)) {
        return range_contains_long((rangeobject *)op, ob);
    }
    return (int)_PySequence_IterSearch(op, ob, PY_ITERSEARCH_CONTAINS);
}

/* 1 if both ranges produce the same values. */
static int
range_equals(rangeobject *r0, rangeobject *r1)
{
    if (r0 == r1) {
        return 1;
    }
    int cmp = PyObject_RichCompareBool(r0->length, r1->length, Py_EQ);
    if (cmp != 1) {
        return cmp;
    }
    if (_PyLong_Sign(r0->length) == 0) {
        return 1;
    }
    cmp = PyObject_RichCompareBool(r0->start, r1->start, Py_EQ);
    if (cmp != 1) {
        return cmp;
    }
    PyObject *one = small_int(1);
    if (one == NULL) {
        return -1;
    }
    cmp = PyObject_RichCompareBool(r0->length, one, Py_EQ);
    Py_DECREF(one);
    if (cmp != 0) {
        return cmp;
    }
    return PyObject_RichCompareBool(r0->step, r1->step, Py_EQ);
}

static PyObject *
range_richcompare(PyObject *self, PyObject *other, int op)
{
    if (!PyRange_Check(other) || (op != Py_EQ && op != Py_NE)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    int result = range_equals((rangeobject *)self, (rangeobject *)other);
    if (result == -1) {
        return NULL;
    }
    if (op == Py_NE) {
        result = !result;
    }
    return PyBool_FromLong(result);
}

/* hash((len, start, step)) with start/step replaced by None where they do not matter. */
static Py_hash_t
range_hash(PyObject *op)
{
    rangeobject *r = (rangeobject *)op;
    PyObject *second = r->start, *third = r->step;
    if (_PyLong_Sign(r->length) == 0) {
        second = Py_None;
        third = Py_None;
    } else {
        PyObject *one = small_int(1);
        if (one == NULL) {
            return -1;
        }
        int is_one = PyObject_RichCompareBool(r->length, one, Py_EQ);
        Py_DECREF(one);
        if (is_one < 0) {
            return -1;
        }
        if (is_one) {
            third = Py_None;
        }
    }
    PyObject *t = PyTuple_Pack(3, r->length, second, third);
    if (t == NULL) {
        return -1;
    }
    Py_hash_t result = PyObject_Hash(t);
    Py_DECREF(t);
    return result;
}

static PyObject *
range_repr(PyObject *op)
{
    rangeobject *r = (rangeobject *)op;
    Py_ssize_t istep = PyNumber_AsSsize_t(r->step, NULL);
    if (istep == -1 && PyErr_Occurred()) {
        PyErr_Clear();
    }
    if (istep == 1) {
        return PyUnicode_FromFormat("range(%R, %R)", r->start, r->stop);
    }
    return PyUnicode_FromFormat("range(%R, %R, %R)", r->start, r->stop, r->step);
}

static int
range_bool(PyObject *op)
{
    return PyObject_IsTrue(((rangeobject *)op)->length);
}

static PyObject *
range_count(PyObject *op, PyObject *ob)
{
    if (PyLong_CheckExact(ob) || PyBool_Check(ob)) {
        int result = range_contains_long((rangeobject *)op, ob);
        return result < 0 ? NULL : PyLong_FromLong(result);
    }
    Py_ssize_t count = _PySequence_IterSearch(op, ob, PY_ITERSEARCH_COUNT);
    return count == -1 ? NULL : PyLong_FromSsize_t(count);
}

static PyObject *
range_index(PyObject *op, PyObject *ob)
{
    rangeobject *r = (rangeobject *)op;
    if (!PyLong_CheckExact(ob) && !PyBool_Check(ob)) {
        Py_ssize_t i = _PySequence_IterSearch(op, ob, PY_ITERSEARCH_INDEX);
        return i == -1 ? NULL : PyLong_FromSsize_t(i);
    }
    int contains = range_contains_long(r, ob);
    if (contains < 0) {
        return NULL;
    }
    if (contains) {
        PyObject *diff = PyNumber_Subtract(ob, r->start);
        if (diff == NULL) {
            return NULL;
        }
        PyObject *idx = PyNumber_FloorDivide(diff, r->step);
        Py_DECREF(diff);
        return idx;
    }
    PyErr_Format(PyExc_ValueError, "%R is not in range", ob);
    return NULL;
}

static PyObject *
range_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    rangeobject *r = (rangeobject *)op;
    PyObject *args = PyTuple_Pack(3, r->start, r->stop, r->step), *res = NULL;
    if (args != NULL) {
        res = PyTuple_Pack(2, (PyObject *)Py_TYPE(op), args);
        Py_DECREF(args);
    }
    return res;
}

/* ---- iterators ---- */

/* Both iterators yield start + index * step for index in [index, len), keeping start fixed so
 * that __reduce__ gives (iter, (range(start, start + len * step, step),), index) as 3.11. */
typedef struct {
    PyObject_HEAD
    long index; /* next position */
    long start; /* first value */
    long step;  /* increment */
    long len;   /* number of values */
} rangeiterobject;

typedef struct {
    PyObject_HEAD
    PyObject *index; /* owned: next position */
    PyObject *start; /* owned: first value */
    PyObject *step;  /* owned */
    PyObject *len;   /* owned: number of values */
} longrangeiterobject;

static PyObject *
fast_range_iter(long start, long step, long len)
{
    rangeiterobject *it = PyObject_New(rangeiterobject, &PyRangeIter_Type);
    if (it == NULL) {
        return NULL;
    }
    it->index = 0;
    it->start = start;
    it->step = step;
    it->len = len;
    return (PyObject *)it;
}

/* Steals the three references. */
static PyObject *
long_range_iter(PyObject *start, PyObject *step, PyObject *len)
{
    longrangeiterobject *it = PyObject_New(longrangeiterobject, &PyLongRangeIter_Type);
    PyObject *zero = it ? small_int(0) : NULL;
    if (zero == NULL) {
        Py_XDECREF(it);
        Py_DECREF(start);
        Py_DECREF(step);
        Py_DECREF(len);
        return NULL;
    }
    it->index = zero;
    it->start = start;
    it->step = step;
    it->len = len;
    return (PyObject *)it;
}

/* Iterator over LEN values from START by STEP; C longs when everything fits. */
static PyObject *
make_range_iter(PyObject *start, PyObject *step, PyObject *len)
{
    int o1, o2, o3;
    long lstart = PyLong_AsLongAndOverflow(start, &o1);
    long lstep = PyLong_AsLongAndOverflow(step, &o2);
    long llen = PyLong_AsLongAndOverflow(len, &o3);
    if (PyErr_Occurred()) {
        return NULL;
    }
    /* The end value (start + len * step) must fit too. */
    if (!o1 && !o2 && !o3) {
        long last;
        if (!__builtin_mul_overflow(llen, lstep, &last) &&
            !__builtin_add_overflow(lstart, last, &last)) {
            return fast_range_iter(lstart, lstep, llen);
        }
    }
    return long_range_iter(Py_NewRef(start), Py_NewRef(step), Py_NewRef(len));
}

static PyObject *
range_iter(PyObject *op)
{
    rangeobject *r = (rangeobject *)op;
    return make_range_iter(r->start, r->step, r->length);
}

static PyObject *
range_reverse(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    rangeobject *r = (rangeobject *)op;
    /* reversed(range(start, stop, step)) runs from start + (len-1)*step by -step. */
    PyObject *one = small_int(1), *lm1 = NULL, *last = NULL, *nstep = NULL, *res = NULL;
    if (one == NULL || (lm1 = PyNumber_Subtract(r->length, one)) == NULL ||
        (last = compute_item(r, lm1)) == NULL || (nstep = PyNumber_Negative(r->step)) == NULL) {
        goto done;
    }
    res = make_range_iter(last, nstep, r->length);
done:
    Py_XDECREF(one);
    Py_XDECREF(lm1);
    Py_XDECREF(last);
    Py_XDECREF(nstep);
    return res;
}

static PyObject *
rangeiter_next(PyObject *op)
{
    rangeiterobject *r = (rangeiterobject *)op;
    if (r->index < r->len) {
        /* Unsigned arithmetic: the product may exceed LONG_MAX before the addition. */
        return PyLong_FromLong((long)(r->start + (unsigned long)(r->index++) * r->step));
    }
    return NULL;
}

static void
rangeiter_dealloc(PyObject *op)
{
    PyObject_Free(op);
}

static PyObject *
rangeiter_len(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    rangeiterobject *r = (rangeiterobject *)op;
    return PyLong_FromLong(r->len - r->index);
}

static PyObject *
longrangeiter_next(PyObject *op)
{
    longrangeiterobject *r = (longrangeiterobject *)op;
    int more = PyObject_RichCompareBool(r->index, r->len, Py_LT);
    if (more != 1) {
        return NULL;
    }
    PyObject *one = small_int(1), *next_index = NULL, *product = NULL, *result = NULL;
    if (one != NULL && (next_index = PyNumber_Add(r->index, one)) != NULL &&
        (product = PyNumber_Multiply(r->index, r->step)) != NULL &&
        (result = PyNumber_Add(r->start, product)) != NULL) {
        Py_SETREF(r->index, next_index);
        next_index = NULL;
    }
    Py_XDECREF(one);
    Py_XDECREF(next_index);
    Py_XDECREF(product);
    return result;
}

static PyObject *
longrangeiter_len(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    longrangeiterobject *r = (longrangeiterobject *)op;
    return PyNumber_Subtract(r->len, r->index);
}

static void
longrangeiter_dealloc(PyObject *op)
{
    longrangeiterobject *r = (longrangeiterobject *)op;
    Py_XDECREF(r->index);
    Py_XDECREF(r->start);
    Py_XDECREF(r->step);
    Py_XDECREF(r->len);
    PyObject_Free(op);
}

/* (iter, (range(start, start + len * step, step),), index). */
static PyObject *
range_iter_reduce(PyObject *start, PyObject *len, PyObject *step, PyObject *index)
{
    PyObject *product = PyNumber_Multiply(len, step), *stop = NULL, *range, *res = NULL;
    if (product == NULL || (stop = PyNumber_Add(start, product)) == NULL) {
        Py_XDECREF(product);
        return NULL;
    }
    Py_DECREF(product);
    range = make_range_object(&PyRange_Type, Py_NewRef(start), stop, Py_NewRef(step));
    if (range == NULL) {
        return NULL;
    }
    PyObject *iter = pyrs_iter_builtin("iter");
    PyObject *args = iter ? PyTuple_Pack(1, range) : NULL;
    if (args != NULL) {
        res = PyTuple_Pack(3, iter, args, index);
    }
    Py_XDECREF(args);
    Py_XDECREF(iter);
    Py_DECREF(range);
    return res;
}

static PyObject *
rangeiter_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    rangeiterobject *r = (rangeiterobject *)op;
    PyObject *start = PyLong_FromLong(r->start), *len = PyLong_FromLong(r->len);
    PyObject *step = PyLong_FromLong(r->step), *index = PyLong_FromLong(r->index);
    PyObject *res = NULL;
    if (start != NULL && len != NULL && step != NULL && index != NULL) {
        res = range_iter_reduce(start, len, step, index);
    }
    Py_XDECREF(start);
    Py_XDECREF(len);
    Py_XDECREF(step);
    Py_XDECREF(index);
    return res;
}

static PyObject *
rangeiter_setstate(PyObject *op, PyObject *state)
{
    rangeiterobject *r = (rangeiterobject *)op;
    long index = PyLong_AsLong(state);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    /* Out-of-range indices are clipped silently, as in CPython. */
    if (index < 0) {
        index = 0;
    } else if (index > r->len) {
        index = r->len;
    }
    r->index = index;
    Py_RETURN_NONE;
}

static PyObject *
longrangeiter_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    longrangeiterobject *r = (longrangeiterobject *)op;
    return range_iter_reduce(r->start, r->len, r->step, r->index);
}

static PyObject *
longrangeiter_setstate(PyObject *op, PyObject *state)
{
    longrangeiterobject *r = (longrangeiterobject *)op;
    PyObject *zero = small_int(0);
    if (zero == NULL) {
        return NULL;
    }
    int below = PyObject_RichCompareBool(state, zero, Py_LT);
    if (below < 0) {
        Py_DECREF(zero);
        return NULL;
    }
    if (below) {
        state = zero;
    } else {
        int above = PyObject_RichCompareBool(r->len, state, Py_LT);
        if (above < 0) {
            Py_DECREF(zero);
            return NULL;
        }
        if (above) {
            state = r->len;
        }
    }
    Py_SETREF(r->index, Py_NewRef(state));
    Py_DECREF(zero);
    Py_RETURN_NONE;
}

static PyMethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", rangeiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", rangeiter_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef longrangeiter_methods[] = {
    {"__length_hint__", longrangeiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", longrangeiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", longrangeiter_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyRangeIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "range_iterator",
    .tp_basicsize = sizeof(rangeiterobject),
    .tp_dealloc = rangeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = rangeiter_next,
    .tp_methods = rangeiter_methods,
};

PyTypeObject PyLongRangeIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "longrange_iterator",
    .tp_basicsize = sizeof(longrangeiterobject),
    .tp_dealloc = longrangeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = longrangeiter_next,
    .tp_methods = longrangeiter_methods,
};

static PyMethodDef range_methods[] = {
    {"__reversed__", range_reverse, METH_NOARGS, "Return a reverse iterator."},
    {"__reduce__", range_reduce, METH_NOARGS, NULL},
    {"count", range_count, METH_O,
     "rangeobject.count(value) -> integer -- return number of occurrences of value"},
    {"index", range_index, METH_O,
     "rangeobject.index(value) -> integer -- return index of value.\n"
     "Raise ValueError if the value is not present."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef range_members[] = {
    {"start", T_OBJECT_EX, offsetof(rangeobject, start), READONLY, NULL},
    {"stop", T_OBJECT_EX, offsetof(rangeobject, stop), READONLY, NULL},
    {"step", T_OBJECT_EX, offsetof(rangeobject, step), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyNumberMethods range_as_number = {
    .nb_bool = range_bool,
};

static PySequenceMethods range_as_sequence = {
    .sq_length = range_length,
    .sq_item = range_item,
    .sq_contains = range_contains,
};

static PyMappingMethods range_as_mapping = {
    .mp_length = range_length,
    .mp_subscript = range_subscript,
};

PyTypeObject PyRange_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "range",
    .tp_basicsize = sizeof(rangeobject),
    .tp_dealloc = range_dealloc,
    .tp_repr = range_repr,
    .tp_as_number = &range_as_number,
    .tp_as_sequence = &range_as_sequence,
    .tp_as_mapping = &range_as_mapping,
    .tp_hash = range_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_SEQUENCE,
    .tp_doc = "range(stop) -> range object\n"
              "range(start, stop[, step]) -> range object\n\n"
              "Return an object that produces a sequence of integers from start (inclusive)\n"
              "to stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\n"
              "start defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\n"
              "These are exactly the valid indices for a list of 4 elements.\n"
              "When step is given, it specifies the increment (or decrement).",
    .tp_richcompare = range_richcompare,
    .tp_iter = range_iter,
    .tp_methods = range_methods,
    .tp_members = range_members,
    .tp_new = range_new,
    .tp_vectorcall = range_vectorcall,
};

int
pyrs_range_init(void)
{
    if (PyType_Ready(&PyRange_Type) < 0 || PyType_Ready(&PyRangeIter_Type) < 0 ||
        PyType_Ready(&PyLongRangeIter_Type) < 0) {
        return -1;
    }
    return 0;
}
