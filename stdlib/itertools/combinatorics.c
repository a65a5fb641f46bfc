/* itertools/combinatorics.c: product, combinations, combinations_with_replacement and
 * permutations, mirroring CPython 3.11's Modules/itertoolsmodule.c: the same index
 * algorithms (so the same output order), the result tuple reused when nobody else holds it,
 * and 3.11's __reduce__/__setstate__ pickling state. */
#include "itertools.h"

#define GCTYPE_FLAGS (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE)

/* The fields every combinatoric iterator has; product keeps its pools in pool. */
typedef struct {
    PyObject_HEAD
    PyObject *pool;      /* tuple of the input items (product: tuple of pool tuples) */
    Py_ssize_t *indices; /* one index per output position (permutations: per pool item) */
    Py_ssize_t *cycles;  /* permutations only, else NULL */
    PyObject *result;    /* the last tuple returned, or NULL before the first */
    Py_ssize_t r;        /* output length */
    int stopped;         /* exhausted */
} combiobject;

#define product_type      pyrs_itertools_product_type
#define combinations_type pyrs_itertools_combinations_type
#define cwr_type          pyrs_itertools_cwr_type
#define permutations_type pyrs_itertools_permutations_type

static combiobject *
combi_alloc(PyTypeObject *type, PyObject *pool, Py_ssize_t nindices, Py_ssize_t r, int cycles)
{
    Py_ssize_t *indices = PyMem_New(Py_ssize_t, nindices > 0 ? nindices : 1);
    Py_ssize_t *cyc = cycles ? PyMem_New(Py_ssize_t, r > 0 ? r : 1) : NULL;
    if (indices == NULL || (cycles && cyc == NULL)) {
        PyMem_Free(indices);
        PyMem_Free(cyc);
        Py_DECREF(pool);
        PyErr_NoMemory();
        return NULL;
    }
    combiobject *co = (combiobject *)type->tp_alloc(type, 0);
    if (co == NULL) {
        PyMem_Free(indices);
        PyMem_Free(cyc);
        Py_DECREF(pool);
        return NULL;
    }
    co->pool = pool;
    co->indices = indices;
    co->cycles = cyc;
    co->result = NULL;
    co->r = r;
    co->stopped = 0;
    return co;
}

static int
combi_clear(combiobject *co)
{
    Py_CLEAR(co->pool);
    Py_CLEAR(co->result);
    return 0;
}

static void
combi_dealloc(combiobject *co)
{
    PyObject_GC_UnTrack(co);
    combi_clear(co);
    PyMem_Free(co->indices);
    PyMem_Free(co->cycles);
    Py_TYPE(co)->tp_free(co);
}

static int
combi_traverse(combiobject *co, visitproc visit, void *arg)
{
    Py_VISIT(co->pool);
    Py_VISIT(co->result);
    return 0;
}

/* The result tuple to update in place: the last one if nobody else holds it, else a copy
 * (stored as the new last result). Borrowed; NULL on error. */
static PyObject *
combi_writable_result(combiobject *co)
{
    PyObject *result = co->result;
    if (Py_REFCNT(result) > 1) {
        Py_ssize_t n = PyTuple_GET_SIZE(result);
        PyObject *copy = PyTuple_New(n);
        if (copy == NULL) {
            return NULL;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            PyTuple_SET_ITEM(copy, i, Py_NewRef(PyTuple_GET_ITEM(result, i)));
        }
        Py_SETREF(co->result, copy);
    }
    return co->result;
}

static void
set_result_item(PyObject *result, Py_ssize_t i, PyObject *elem)
{
    PyObject *old = PyTuple_GET_ITEM(result, i);
    PyTuple_SET_ITEM(result, i, Py_NewRef(elem));
    Py_XDECREF(old);
}

/* A tuple of the N indices (new). */
static PyObject *
index_tuple(const Py_ssize_t *indices, Py_ssize_t n)
{
    PyObject *t = PyTuple_New(n);
    for (Py_ssize_t i = 0; t != NULL && i < n; i++) {
        PyObject *v = PyLong_FromSsize_t(indices[i]);
        if (v == NULL) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, i, v);
    }
    return t;
}

/* Rebuilds the result tuple from pool[indices[i]] for i < r (for __setstate__). */
static PyObject *
combi_set_result(combiobject *co)
{
    PyObject *result = PyTuple_New(co->r);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < co->r; i++) {
        PyTuple_SET_ITEM(result, i, Py_NewRef(PyTuple_GET_ITEM(co->pool, co->indices[i])));
    }
    Py_XSETREF(co->result, result);
    Py_RETURN_NONE;
}

static PyObject *
combi_sizeof(combiobject *co, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t n = co->r;
    if (Py_IS_TYPE(co, &permutations_type) || PyObject_TypeCheck(co, &permutations_type)) {
        n = PyTuple_GET_SIZE(co->pool) + co->r;
    } else if (PyObject_TypeCheck(co, &product_type)) {
        n = PyTuple_GET_SIZE(co->pool);
    }
    return PyLong_FromSsize_t(Py_TYPE(co)->tp_basicsize + n * (Py_ssize_t)sizeof(Py_ssize_t));
}

/* r converted as the clinic's Py_ssize_t converter does, with "r must be non-negative". */
static int
parse_r(PyObject *obj, Py_ssize_t *r)
{
    PyObject *idx = PyNumber_Index(obj);
    if (idx == NULL) {
        return -1;
    }
    *r = PyLong_AsSsize_t(idx);
    Py_DECREF(idx);
    if (*r == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (*r < 0) {
        PyErr_SetString(PyExc_ValueError, "r must be non-negative");
        return -1;
    }
    return 0;
}

/* ---- product ----------------------------------------------------------------------------- */

static PyObject *
product_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    Py_ssize_t repeat = 1;
    if (kwds != NULL) {
        static const char *kwlist[] = {"repeat", NULL};
        PyObject *tmpargs = PyTuple_New(0);
        if (tmpargs == NULL) {
            return NULL;
        }
        int ok = PyArg_ParseTupleAndKeywords(tmpargs, kwds, "|n:product", (char **)kwlist, &repeat);
        Py_DECREF(tmpargs);
        if (!ok) {
            return NULL;
        }
        if (repeat < 0) {
            PyErr_SetString(PyExc_ValueError, "repeat argument cannot be negative");
            return NULL;
        }
    }
    Py_ssize_t nargs = repeat == 0 ? 0 : PyTuple_GET_SIZE(args);
    if (repeat != 0 && (size_t)nargs > PY_SSIZE_T_MAX / sizeof(Py_ssize_t) / (size_t)repeat) {
        PyErr_SetString(PyExc_OverflowError, "repeat argument too large");
        return NULL;
    }
    Py_ssize_t npools = nargs * repeat;
    PyObject *pools = PyTuple_New(npools);
    if (pools == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        PyObject *pool = PySequence_Tuple(PyTuple_GET_ITEM(args, i));
        if (pool == NULL) {
            Py_DECREF(pools);
            return NULL;
        }
        PyTuple_SET_ITEM(pools, i, pool);
    }
    for (Py_ssize_t i = nargs; i < npools; i++) {
        PyTuple_SET_ITEM(pools, i, Py_NewRef(PyTuple_GET_ITEM(pools, i - nargs)));
    }
    combiobject *lz = combi_alloc(type, pools, npools, npools, 0);
    if (lz == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < npools; i++) {
        lz->indices[i] = 0;
    }
    return (PyObject *)lz;
}

static PyObject *
product_next(combiobject *lz)
{
    PyObject *pools = lz->pool, *result = lz->result;
    Py_ssize_t npools = PyTuple_GET_SIZE(pools);
    if (lz->stopped) {
        return NULL;
    }
    if (result == NULL) {
        /* The first result takes the first element of every pool. */
        result = PyTuple_New(npools);
        if (result == NULL) {
            goto empty;
        }
        lz->result = result;
        for (Py_ssize_t i = 0; i < npools; i++) {
            PyObject *pool = PyTuple_GET_ITEM(pools, i);
            if (PyTuple_GET_SIZE(pool) == 0) {
                goto empty;
            }
            PyTuple_SET_ITEM(result, i, Py_NewRef(PyTuple_GET_ITEM(pool, 0)));
        }
    } else {
        result = combi_writable_result(lz);
        if (result == NULL || npools == 0) {
            goto empty;
        }
        /* Advance the indices right to left, carrying into the next pool on roll-over. */
        Py_ssize_t i;
        for (i = npools - 1; i >= 0; i--) {
            PyObject *pool = PyTuple_GET_ITEM(pools, i);
            lz->indices[i]++;
            if (lz->indices[i] == PyTuple_GET_SIZE(pool)) {
                lz->indices[i] = 0;
                set_result_item(result, i, PyTuple_GET_ITEM(pool, 0));
            } else {
                set_result_item(result, i, PyTuple_GET_ITEM(pool, lz->indices[i]));
                break;
            }
        }
        if (i < 0) {
            goto empty;
        }
    }
    return Py_NewRef(result);
empty:
    lz->stopped = 1;
    return NULL;
}

static PyObject *
product_reduce(combiobject *lz, PyObject *Py_UNUSED(ignored))
{
    if (lz->stopped) {
        return Py_BuildValue("O(())", Py_TYPE(lz));
    }
    if (lz->result == NULL) {
        return Py_BuildValue("OO", Py_TYPE(lz), lz->pool);
    }
    PyObject *indices = index_tuple(lz->indices, PyTuple_GET_SIZE(lz->pool));
    if (indices == NULL) {
        return NULL;
    }
    return Py_BuildValue("OON", Py_TYPE(lz), lz->pool, indices);
}

static PyObject *
product_setstate(combiobject *lz, PyObject *state)
{
    Py_ssize_t n = PyTuple_GET_SIZE(lz->pool);
    if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) != n) {
        PyErr_SetString(PyExc_ValueError, "invalid arguments");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(state, i));
        if (index < 0 && PyErr_Occurred()) {
            return NULL;
        }
        Py_ssize_t poolsize = PyTuple_GET_SIZE(PyTuple_GET_ITEM(lz->pool, i));
        if (poolsize == 0) {
            lz->stopped = 1;
            Py_RETURN_NONE;
        }
        if (index < 0) {
            index = 0;
        } else if (index > poolsize - 1) {
            index = poolsize - 1;
        }
        lz->indices[i] = index;
    }
    PyObject *result = PyTuple_New(n);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *pool = PyTuple_GET_ITEM(lz->pool, i);
        PyTuple_SET_ITEM(result, i, Py_NewRef(PyTuple_GET_ITEM(pool, lz->indices[i])));
    }
    Py_XSETREF(lz->result, result);
    Py_RETURN_NONE;
}

static PyMethodDef product_methods[] = {
    {"__reduce__", (PyCFunction)product_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", (PyCFunction)product_setstate, METH_O,
     "Set state information for unpickling."},
    {"__sizeof__", (PyCFunction)combi_sizeof, METH_NOARGS, "Returns size in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};

/* ---- combinations ------------------------------------------------------------------------ */

static PyObject *
combinations_new_common(PyTypeObject *type, PyObject *args, PyObject *kwds, const char *fmt,
                        int replace)
{
    static const char *kwlist[] = {"iterable", "r", NULL};
    PyObject *iterable, *robj;
    Py_ssize_t r;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, fmt, (char **)kwlist, &iterable, &robj) ||
        parse_r(robj, &r) < 0) {
        return NULL;
    }
    PyObject *pool = PySequence_Tuple(iterable);
    if (pool == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(pool);
    combiobject *co = combi_alloc(type, pool, r, r, 0);
    if (co == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < r; i++) {
        co->indices[i] = replace ? 0 : i;
    }
    co->stopped = replace ? (n == 0 && r > 0) : (r > n);
    return (PyObject *)co;
}

static PyObject *
combinations_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    return combinations_new_common(type, args, kwds, "OO:combinations", 0);
}

static PyObject *
combinations_next(combiobject *co)
{
    PyObject *pool = co->pool, *result = co->result;
    Py_ssize_t *indices = co->indices, n = PyTuple_GET_SIZE(pool), r = co->r, i;
    if (co->stopped) {
        return NULL;
    }
    if (result == NULL) {
        result = PyTuple_New(r);
        if (result == NULL) {
            goto empty;
        }
        co->result = result;
        for (i = 0; i < r; i++) {
            PyTuple_SET_ITEM(result, i, Py_NewRef(PyTuple_GET_ITEM(pool, indices[i])));
        }
    } else {
        result = combi_writable_result(co);
        if (result == NULL) {
            goto empty;
        }
        /* Find the rightmost index below its maximum i + n - r. */
        for (i = r - 1; i >= 0 && indices[i] == i + n - r; i--) {
        }
        if (i < 0) {
            goto empty;
        }
        /* Bump it and reset everything to its right to the smallest sorted values. */
        indices[i]++;
        for (Py_ssize_t j = i + 1; j < r; j++) {
            indices[j] = indices[j - 1] + 1;
        }
        for (; i < r; i++) {
            set_result_item(result, i, PyTuple_GET_ITEM(pool, indices[i]));
        }
    }
    return Py_NewRef(result);
empty:
    co->stopped = 1;
    return NULL;
}

static PyObject *
combi_reduce(combiobject *lz, PyObject *Py_UNUSED(ignored))
{
    if (lz->result == NULL) {
        return Py_BuildValue("O(On)", Py_TYPE(lz), lz->pool, lz->r);
    }
    if (lz->stopped) {
        return Py_BuildValue("O(()n)", Py_TYPE(lz), lz->r);
    }
    PyObject *indices = index_tuple(lz->indices, lz->r);
    if (indices == NULL) {
        return NULL;
    }
    return Py_BuildValue("O(On)N", Py_TYPE(lz), lz->pool, lz->r, indices);
}

static PyObject *
combinations_setstate(combiobject *lz, PyObject *state)
{
    Py_ssize_t n = PyTuple_GET_SIZE(lz->pool);
    if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) != lz->r) {
        PyErr_SetString(PyExc_ValueError, "invalid arguments");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < lz->r; i++) {
        Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(state, i));
        if (index == -1 && PyErr_Occurred()) {
            return NULL;
        }
        Py_ssize_t max = i + n - lz->r;
        if (index > max) {
            index = max;
        }
        if (index < 0) {
            index = 0;
        }
        lz->indices[i] = index;
    }
    return combi_set_result(lz);
}

static PyMethodDef combinations_methods[] = {
    {"__reduce__", (PyCFunction)combi_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", (PyCFunction)combinations_setstate, METH_O,
     "Set state information for unpickling."},
    {"__sizeof__", (PyCFunction)combi_sizeof, METH_NOARGS, "Returns size in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};

/* ---- combinations_with_replacement ------------------------------------------------------- */

static PyObject *
cwr_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    return combinations_new_common(type, args, kwds, "OO:combinations_with_replacement", 1);
}

static PyObject *
cwr_next(combiobject *co)
{
    PyObject *pool = co->pool, *result = co->result, *elem;
    Py_ssize_t *indices = co->indices, n = PyTuple_GET_SIZE(pool), r = co->r, i;
    if (co->stopped) {
        return NULL;
    }
    if (result == NULL) {
        result = PyTuple_New(r);
        if (result == NULL) {
            goto empty;
        }
        co->result = result;
        if (n > 0) {
            elem = PyTuple_GET_ITEM(pool, 0);
            for (i = 0; i < r; i++) {
                PyTuple_SET_ITEM(result, i, Py_NewRef(elem));
            }
        }
    } else {
        result = combi_writable_result(co);
        if (result == NULL) {
            goto empty;
        }
        /* Find the rightmost index below n - 1; it and all to its right take its next value. */
        for (i = r - 1; i >= 0 && indices[i] == n - 1; i--) {
        }
        if (i < 0) {
            goto empty;
        }
        Py_ssize_t index = indices[i] + 1;
        elem = PyTuple_GET_ITEM(pool, index);
        for (; i < r; i++) {
            indices[i] = index;
            set_result_item(result, i, elem);
        }
    }
    return Py_NewRef(result);
empty:
    co->stopped = 1;
    return NULL;
}

static PyObject *
cwr_setstate(combiobject *lz, PyObject *state)
{
    Py_ssize_t n = PyTuple_GET_SIZE(lz->pool);
    if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) != lz->r) {
        PyErr_SetString(PyExc_ValueError, "invalid arguments");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < lz->r; i++) {
        Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(state, i));
        if (index < 0 && PyErr_Occurred()) {
            return NULL;
        }
        if (index < 0) {
            index = 0;
        } else if (index > n - 1) {
            index = n - 1;
        }
        lz->indices[i] = index;
    }
    return combi_set_result(lz);
}

static PyMethodDef cwr_methods[] = {
    {"__reduce__", (PyCFunction)combi_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", (PyCFunction)cwr_setstate, METH_O, "Set state information for unpickling."},
    {"__sizeof__", (PyCFunction)combi_sizeof, METH_NOARGS, "Returns size in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};

/* ---- permutations ------------------------------------------------------------------------ */

static PyObject *
permutations_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"iterable", "r", NULL};
    PyObject *iterable, *robj = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:permutations", (char **)kwlist, &iterable,
                                     &robj)) {
        return NULL;
    }
    PyObject *pool = PySequence_Tuple(iterable);
    if (pool == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(pool), r = n;
    if (robj != Py_None) {
        if (!PyLong_Check(robj)) {
            PyErr_SetString(PyExc_TypeError, "Expected int as r");
            Py_DECREF(pool);
            return NULL;
        }
        r = PyLong_AsSsize_t(robj);
        if (r == -1 && PyErr_Occurred()) {
            Py_DECREF(pool);
            return NULL;
        }
    }
    if (r < 0) {
        PyErr_SetString(PyExc_ValueError, "r must be non-negative");
        Py_DECREF(pool);
        return NULL;
    }
    combiobject *po = combi_alloc(type, pool, n, r, 1);
    if (po == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        po->indices[i] = i;
    }
    for (Py_ssize_t i = 0; i < r; i++) {
        po->cycles[i] = n - i;
    }
    po->stopped = r > n;
    return (PyObject *)po;
}

static PyObject *
permutations_next(combiobject *po)
{
    PyObject *pool = po->pool, *result = po->result;
    Py_ssize_t *indices = po->indices, *cycles = po->cycles;
    Py_ssize_t n = PyTuple_GET_SIZE(pool), r = po->r, i;
    if (po->stopped) {
        return NULL;
    }
    if (result == NULL) {
        result = PyTuple_New(r);
        if (result == NULL) {
            goto empty;
        }
        po->result = result;
        for (i = 0; i < r; i++) {
            PyTuple_SET_ITEM(result, i, Py_NewRef(PyTuple_GET_ITEM(pool, indices[i])));
        }
    } else {
        if (n == 0) {
            goto empty;
        }
        result = combi_writable_result(po);
        if (result == NULL) {
            goto empty;
        }
        /* Count down the rightmost cycle, moving left when one rolls over. */
        for (i = r - 1; i >= 0; i--) {
            cycles[i] -= 1;
            if (cycles[i] == 0) {
                /* indices[i:] = indices[i+1:] + indices[i:i+1] */
                Py_ssize_t index = indices[i];
                for (Py_ssize_t j = i; j < n - 1; j++) {
                    indices[j] = indices[j + 1];
                }
                indices[n - 1] = index;
                cycles[i] = n - i;
            } else {
                Py_ssize_t j = cycles[i], index = indices[i];
                indices[i] = indices[n - j];
                indices[n - j] = index;
                for (Py_ssize_t k = i; k < r; k++) {
                    set_result_item(result, k, PyTuple_GET_ITEM(pool, indices[k]));
                }
                break;
            }
        }
        if (i < 0) {
            goto empty;
        }
    }
    return Py_NewRef(result);
empty:
    po->stopped = 1;
    return NULL;
}

static PyObject *
permutations_reduce(combiobject *po, PyObject *Py_UNUSED(ignored))
{
    if (po->result == NULL) {
        return Py_BuildValue("O(On)", Py_TYPE(po), po->pool, po->r);
    }
    if (po->stopped) {
        return Py_BuildValue("O(()n)", Py_TYPE(po), po->r);
    }
    PyObject *indices = index_tuple(po->indices, PyTuple_GET_SIZE(po->pool));
    PyObject *cycles = indices ? index_tuple(po->cycles, po->r) : NULL;
    if (cycles == NULL) {
        Py_XDECREF(indices);
        return NULL;
    }
    return Py_BuildValue("O(On)(NN)", Py_TYPE(po), po->pool, po->r, indices, cycles);
}

static PyObject *
permutations_setstate(combiobject *po, PyObject *state)
{
    PyObject *indices, *cycles;
    if (pyrs_itertools_check_state(state) < 0 ||
        !PyArg_ParseTuple(state, "O!O!", &PyTuple_Type, &indices, &PyTuple_Type, &cycles)) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(po->pool);
    if (PyTuple_GET_SIZE(indices) != n || PyTuple_GET_SIZE(cycles) != po->r) {
        PyErr_SetString(PyExc_ValueError, "invalid arguments");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(indices, i));
        if (index < 0 && PyErr_Occurred()) {
            return NULL;
        }
        po->indices[i] = index < 0 ? 0 : (index > n - 1 ? n - 1 : index);
    }
    for (Py_ssize_t i = 0; i < po->r; i++) {
        Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(cycles, i));
        if (index < 0 && PyErr_Occurred()) {
            return NULL;
        }
        po->cycles[i] = index < 1 ? 1 : (index > n - i ? n - i : index);
    }
    return combi_set_result(po);
}

static PyMethodDef permutations_methods[] = {
    {"__reduce__", (PyCFunction)permutations_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", (PyCFunction)permutations_setstate, METH_O,
     "Set state information for unpickling."},
    {"__sizeof__", (PyCFunction)combi_sizeof, METH_NOARGS, "Returns size in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};

#define COMBI_TYPE(cname, pyname, nextf, newf, methods, doc)                                       \
    PyTypeObject cname = {                                                                         \
        PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools." pyname,                      \
        .tp_basicsize = sizeof(combiobject),                                                       \
        .tp_dealloc = (destructor)combi_dealloc,                                                   \
        .tp_getattro = PyObject_GenericGetAttr,                                                    \
        .tp_flags = GCTYPE_FLAGS,                                                                  \
        .tp_doc = doc,                                                                             \
        .tp_traverse = (traverseproc)combi_traverse,                                               \
        .tp_clear = (inquiry)combi_clear,                                                          \
        .tp_iter = PyObject_SelfIter,                                                              \
        .tp_iternext = (iternextfunc)nextf,                                                        \
        .tp_methods = methods,                                                                     \
        .tp_alloc = PyType_GenericAlloc,                                                           \
        .tp_new = newf,                                                                            \
        .tp_free = PyObject_GC_Del,                                                                \
    }

COMBI_TYPE(product_type, "product", product_next, product_new, product_methods,
           "product(*iterables, repeat=1) --> product object\n\nCartesian product of input "
           "iterables.  Equivalent to nested for-loops.");
COMBI_TYPE(
    combinations_type, "combinations", combinations_next, combinations_new, combinations_methods,
    "combinations(iterable, r)\n--\n\nReturn successive r-length combinations of elements in the "
    "iterable.\n\ncombinations(range(4), 3) --> (0,1,2), (0,1,3), "
    "(0,2,3), (1,2,3)");
COMBI_TYPE(cwr_type, "combinations_with_replacement", cwr_next, cwr_new, cwr_methods,
           "combinations_with_replacement(iterable, r)\n--\n\nReturn successive r-length "
           "combinations of elements in the iterable allowing "
           "individual elements to have successive repeats.\n\n"
           "combinations_with_replacement('ABC', 2) --> ('A','A'), ('A','B'), ('A','C'), "
           "('B','B'), ('B','C'), ('C','C')");
COMBI_TYPE(permutations_type, "permutations", permutations_next, permutations_new,
           permutations_methods,
           "permutations(iterable, r=None)\n--\n\nReturn successive r-length permutations of "
           "elements in the "
           "iterable.\n\npermutations(range(3), 2) --> (0,1), (0,2), "
           "(1,0), (1,2), (2,0), (2,1)");
