/* sliceobject.c: the slice type and index adjustment (PySlice_Unpack/AdjustIndices/
 * GetIndicesEx, slice.indices with arbitrary-size ints), mirroring CPython 3.11's
 * Objects/sliceobject.c; slices are unhashable in 3.11. */
#include "Python.h"
#include "structmember.h"
#include "pyrs/containers.h"
#include "pyrs/lifecycle.h"

static int
slice_index_impl(PyObject *v, Py_ssize_t *pi, const char *msg)
{
    if (!PyIndex_Check(v)) {
        PyErr_SetString(PyExc_TypeError, msg);
        return -1;
    }
    Py_ssize_t x = PyNumber_AsSsize_t(v, NULL);
    if (x == -1 && PyErr_Occurred()) {
        return -1;
    }
    *pi = x;
    return 0;
}

int
pyrs_slice_index(PyObject *v, Py_ssize_t *pi)
{
    if (v == Py_None) {
        return 0;
    }
    return slice_index_impl(v, pi,
                            "slice indices must be integers or None or have an __index__ method");
}

int
pyrs_slice_index_not_none(PyObject *v, Py_ssize_t *pi)
{
    return slice_index_impl(v, pi, "slice indices must be integers or have an __index__ method");
}

PyObject *
PySlice_New(PyObject *start, PyObject *stop, PyObject *step)
{
    PySliceObject *obj = PyObject_GC_New(PySliceObject, &PySlice_Type);
    if (obj == NULL) {
        return NULL;
    }
    obj->start = Py_NewRef(start != NULL ? start : Py_None);
    obj->stop = Py_NewRef(stop != NULL ? stop : Py_None);
    obj->step = Py_NewRef(step != NULL ? step : Py_None);
    PyObject_GC_Track(obj);
    return (PyObject *)obj;
}

PyObject *
_PySlice_FromIndices(Py_ssize_t istart, Py_ssize_t istop)
{
    PyObject *start = PyLong_FromSsize_t(istart), *stop = NULL, *res = NULL;
    if (start != NULL && (stop = PyLong_FromSsize_t(istop)) != NULL) {
        res = PySlice_New(start, stop, NULL);
    }
    Py_XDECREF(start);
    Py_XDECREF(stop);
    return res;
}

int
PySlice_Unpack(PyObject *_r, Py_ssize_t *start, Py_ssize_t *stop, Py_ssize_t *step)
{
    PySliceObject *r = (PySliceObject *)_r;
    if (r->step == Py_None) {
        *step = 1;
    } else {
        if (pyrs_slice_index(r->step, step) < 0) {
            return -1;
        }
        if (*step == 0) {
            PyErr_SetString(PyExc_ValueError, "slice step cannot be zero");
            return -1;
        }
        /* Keep -step representable for the reversal arithmetic of callers. */
        if (*step < -PY_SSIZE_T_MAX) {
            *step = -PY_SSIZE_T_MAX;
        }
    }
    *start = *step < 0 ? PY_SSIZE_T_MAX : 0;
    if (pyrs_slice_index(r->start, start) < 0) {
        return -1;
    }
    *stop = *step < 0 ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
    if (pyrs_slice_index(r->stop, stop) < 0) {
        return -1;
    }
    return 0;
}

static void
clip_index(Py_ssize_t *i, Py_ssize_t length, Py_ssize_t step)
{
    if (*i < 0) {
        *i += length;
        if (*i < 0) {
            *i = step < 0 ? -1 : 0;
        }
    } else if (*i >= length) {
        *i = step < 0 ? length - 1 : length;
    }
}

Py_ssize_t
PySlice_AdjustIndices(Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *stop, Py_ssize_t step)
{
    clip_index(start, length, step);
    clip_index(stop, length, step);
    if (step < 0) {
        if (*stop < *start) {
            return (*start - *stop - 1) / (-step) + 1;
        }
    } else if (*start < *stop) {
        return (*stop - *start - 1) / step + 1;
    }
    return 0;
}

int
PySlice_GetIndicesEx(PyObject *slice, Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *stop,
                     Py_ssize_t *step, Py_ssize_t *slicelength)
{
    if (PySlice_Unpack(slice, start, stop, step) < 0) {
        return -1;
    }
    *slicelength = PySlice_AdjustIndices(length, start, stop, *step);
    return 0;
}

static int
old_index(PyObject *v, Py_ssize_t *out, Py_ssize_t length)
{
    if (!PyLong_Check(v)) {
        return -1;
    }
    *out = PyLong_AsSsize_t(v);
    if (*out < 0) {
        *out += length;
    }
    return 0;
}

int
PySlice_GetIndices(PyObject *_r, Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *stop,
                   Py_ssize_t *step)
{
    PySliceObject *r = (PySliceObject *)_r;
    if (r->step == Py_None) {
        *step = 1;
    } else {
        if (!PyLong_Check(r->step)) {
            return -1;
        }
        *step = PyLong_AsSsize_t(r->step);
    }
    if (r->start == Py_None) {
        *start = *step < 0 ? length - 1 : 0;
    } else if (old_index(r->start, start, length) < 0) {
        return -1;
    }
    if (r->stop == Py_None) {
        *stop = *step < 0 ? -1 : length;
    } else if (old_index(r->stop, stop, length) < 0) {
        return -1;
    }
    if (*stop > length || *start >= length || *step == 0) {
        return -1;
    }
    return 0;
}

/* operator.index(v) with the slice wording for non-integers. */
static PyObject *
long_slice_index(PyObject *v)
{
    if (!PyIndex_Check(v)) {
        PyErr_SetString(PyExc_TypeError,
                        "slice indices must be integers or None or have an __index__ method");
        return NULL;
    }
    return PyNumber_Index(v);
}

/* Resolves one bound (start or stop) against [lower, upper] for slice.indices. */
static PyObject *
long_bound(PyObject *v, PyObject *length, PyObject *lower, PyObject *upper, PyObject *dflt)
{
    if (v == Py_None) {
        return Py_NewRef(dflt);
    }
    PyObject *x = long_slice_index(v);
    if (x == NULL) {
        return NULL;
    }
    PyObject *zero = PyLong_FromLong(0);
    if (zero == NULL) {
        Py_DECREF(x);
        return NULL;
    }
    int neg = PyObject_RichCompareBool(x, zero, Py_LT);
    Py_DECREF(zero);
    if (neg < 0) {
        Py_DECREF(x);
        return NULL;
    }
    if (neg) {
        Py_SETREF(x, PyNumber_Add(x, length));
        if (x == NULL) {
            return NULL;
        }
        int below = PyObject_RichCompareBool(x, lower, Py_LT);
        if (below != 0) {
            Py_SETREF(x, below > 0 ? Py_NewRef(lower) : NULL);
        }
        return x;
    }
    int above = PyObject_RichCompareBool(x, upper, Py_GT);
    if (above != 0) {
        Py_SETREF(x, above > 0 ? Py_NewRef(upper) : NULL);
    }
    return x;
}

int
_PySlice_GetLongIndices(PySliceObject *self, PyObject *length, PyObject **start_ptr,
                        PyObject **stop_ptr, PyObject **step_ptr)
{
    PyObject *step = NULL, *lower = NULL, *upper = NULL, *start = NULL, *stop = NULL;
    int neg;
    if (self->step == Py_None) {
        step = PyLong_FromLong(1);
        neg = 0;
    } else {
        step = long_slice_index(self->step);
        if (step == NULL) {
            goto error;
        }
        neg = _PyLong_Sign(step);
        if (neg == 0) {
            PyErr_SetString(PyExc_ValueError, "slice step cannot be zero");
            goto error;
        }
        neg = neg < 0;
    }
    if (step == NULL) {
        goto error;
    }
    lower = PyLong_FromLong(neg ? -1 : 0);
    if (lower == NULL || (upper = PyNumber_Add(lower, length)) == NULL) {
        goto error;
    }
    if (!neg) {
        /* upper = length when stepping forwards */
        Py_SETREF(upper, Py_NewRef(length));
    }
    start = long_bound(self->start, length, lower, upper, neg ? upper : lower);
    if (start == NULL) {
        goto error;
    }
    stop = long_bound(self->stop, length, lower, upper, neg ? lower : upper);
    if (stop == NULL) {
        goto error;
    }
    Py_DECREF(lower);
    Py_DECREF(upper);
    *start_ptr = start;
    *stop_ptr = stop;
    *step_ptr = step;
    return 0;
error:
    Py_XDECREF(step);
    Py_XDECREF(lower);
    Py_XDECREF(upper);
    Py_XDECREF(start);
    return -1;
}

/* ---- type slots ---- */

static void
slice_dealloc(PyObject *op)
{
    PySliceObject *r = (PySliceObject *)op;
    PyObject_GC_UnTrack(op);
    Py_DECREF(r->step);
    Py_DECREF(r->start);
    Py_DECREF(r->stop);
    PyObject_GC_Del(op);
}

static int
slice_traverse(PyObject *op, visitproc visit, void *arg)
{
    PySliceObject *r = (PySliceObject *)op;
    Py_VISIT(r->start);
    Py_VISIT(r->stop);
    Py_VISIT(r->step);
    return 0;
}

static PyObject *
slice_repr(PyObject *op)
{
    PySliceObject *r = (PySliceObject *)op;
    return PyUnicode_FromFormat("slice(%R, %R, %R)", r->start, r->stop, r->step);
}

static PyObject *
slice_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    (void)type;
    if (pyrs_tuple_check_no_kwargs("slice", kw) < 0 ||
        pyrs_tuple_check_nargs("slice", PyTuple_GET_SIZE(args), 1, 3) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n == 1) {
        return PySlice_New(NULL, PyTuple_GET_ITEM(args, 0), NULL);
    }
    return PySlice_New(PyTuple_GET_ITEM(args, 0), PyTuple_GET_ITEM(args, 1),
                       n == 3 ? PyTuple_GET_ITEM(args, 2) : NULL);
}

static PyObject *
slice_richcompare(PyObject *v, PyObject *w, int op)
{
    if (!PySlice_Check(v) || !PySlice_Check(w)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (v == w) {
        if (op == Py_EQ || op == Py_LE || op == Py_GE) {
            Py_RETURN_TRUE;
        }
        Py_RETURN_FALSE;
    }
    PySliceObject *a = (PySliceObject *)v, *b = (PySliceObject *)w;
    PyObject *t1 = PyTuple_Pack(3, a->start, a->stop, a->step), *t2 = NULL, *res = NULL;
    if (t1 != NULL && (t2 = PyTuple_Pack(3, b->start, b->stop, b->step)) != NULL) {
        res = PyObject_RichCompare(t1, t2, op);
    }
    Py_XDECREF(t1);
    Py_XDECREF(t2);
    return res;
}

static PyObject *
slice_indices(PyObject *op, PyObject *len)
{
    PyObject *length = PyNumber_Index(len), *start, *stop, *step;
    if (length == NULL) {
        return NULL;
    }
    if (_PyLong_Sign(length) < 0) {
        PyErr_SetString(PyExc_ValueError, "length should not be negative");
        Py_DECREF(length);
        return NULL;
    }
    int rc = _PySlice_GetLongIndices((PySliceObject *)op, length, &start, &stop, &step);
    Py_DECREF(length);
    if (rc < 0) {
        return NULL;
    }
    PyObject *res = PyTuple_Pack(3, start, stop, step);
    Py_DECREF(start);
    Py_DECREF(stop);
    Py_DECREF(step);
    return res;
}

static PyObject *
slice_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PySliceObject *r = (PySliceObject *)op;
    PyObject *args = PyTuple_Pack(3, r->start, r->stop, r->step);
    if (args == NULL) {
        return NULL;
    }
    PyObject *res = PyTuple_Pack(2, (PyObject *)Py_TYPE(op), args);
    Py_DECREF(args);
    return res;
}

static PyMethodDef slice_methods[] = {
    {"indices", slice_indices, METH_O,
     "S.indices(len) -> (start, stop, stride)\n\n"
     "Assuming a sequence of length len, calculate the start and stop\n"
     "indices, and the stride length of the extended slice described by\n"
     "S. Out of bounds indices are clipped in a manner consistent with the\n"
     "handling of normal slices."},
    {"__reduce__", slice_reduce, METH_NOARGS, "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef slice_members[] = {
    {"start", T_OBJECT, offsetof(PySliceObject, start), READONLY, NULL},
    {"stop", T_OBJECT, offsetof(PySliceObject, stop), READONLY, NULL},
    {"step", T_OBJECT, offsetof(PySliceObject, step), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject PySlice_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "slice",
    .tp_basicsize = sizeof(PySliceObject),
    .tp_dealloc = slice_dealloc,
    .tp_repr = slice_repr,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "slice(stop)\nslice(start, stop[, step])\n\n"
              "Create a slice object.  This is used for extended slicing (e.g. a[0:10:2]).",
    .tp_traverse = slice_traverse,
    .tp_richcompare = slice_richcompare,
    .tp_methods = slice_methods,
    .tp_members = slice_members,
    .tp_new = slice_new,
};

int
pyrs_slice_init(void)
{
    return PyType_Ready(&PySlice_Type);
}
