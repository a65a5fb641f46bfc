/* itertools/basic.c: the single-input iterators of itertools (chain, islice, accumulate,
 * compress, count, cycle, dropwhile, takewhile, filterfalse, starmap, repeat, pairwise,
 * zip_longest), mirroring CPython 3.11's Modules/itertoolsmodule.c: same argument errors,
 * reprs, and __reduce__/__setstate__ pickling state. */
#include "itertools.h"
#include "pyrs/call.h"
#include "pyrs/containers.h"

#define GCTYPE_FLAGS (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE)


int
pyrs_itertools_check_state(PyObject *state)
{
    if (!PyTuple_Check(state)) {
        PyErr_SetString(PyExc_TypeError, "state is not a tuple");
        return -1;
    }
    return 0;
}

/* Frees an iterator whose owned fields were cleared by CLEAR. */
static void
generic_dealloc(PyObject *self, inquiry clear)
{
    PyObject_GC_UnTrack(self);
    clear(self);
    Py_TYPE(self)->tp_free(self);
}

/* ---- chain ------------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *source; /* iterator over the iterables, NULL when exhausted */
    PyObject *active; /* iterator over the current iterable, or NULL */
} chainobject;

#define chain_type pyrs_itertools_chain_type

static PyObject *
chain_new_internal(PyTypeObject *type, PyObject *source)
{
    chainobject *lz = (chainobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        Py_DECREF(source);
        return NULL;
    }
    lz->source = source;
    lz->active = NULL;
    return (PyObject *)lz;
}

static PyObject *
chain_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if ((type == &chain_type || type->tp_init == chain_type.tp_init) &&
        !_PyArg_NoKeywords("chain", kwds)) {
        return NULL;
    }
    PyObject *source = PyObject_GetIter(args);
    return source == NULL ? NULL : chain_new_internal(type, source);
}

static PyObject *
chain_new_from_iterable(PyObject *type, PyObject *arg)
{
    PyObject *source = PyObject_GetIter(arg);
    return source == NULL ? NULL : chain_new_internal((PyTypeObject *)type, source);
}

static int
chain_clear(chainobject *lz)
{
    Py_CLEAR(lz->source);
    Py_CLEAR(lz->active);
    return 0;
}

static void
chain_dealloc(chainobject *lz)
{
    generic_dealloc((PyObject *)lz, (inquiry)chain_clear);
}

static int
chain_traverse(chainobject *lz, visitproc visit, void *arg)
{
    Py_VISIT(lz->source);
    Py_VISIT(lz->active);
    return 0;
}

static PyObject *
chain_next(chainobject *lz)
{
    while (lz->source != NULL) {
        if (lz->active == NULL) {
            PyObject *iterable = PyIter_Next(lz->source);
            if (iterable == NULL) {
                Py_CLEAR(lz->source);
                return NULL;
            }
            lz->active = PyObject_GetIter(iterable);
            Py_DECREF(iterable);
            if (lz->active == NULL) {
                Py_CLEAR(lz->source);
                return NULL;
            }
        }
        PyObject *item = PyIter_Next(lz->active);
        if (item != NULL) {
            return item;
        }
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_CLEAR(lz->active);
    }
    return NULL;
}

static PyObject *
chain_reduce(chainobject *lz, PyObject *Py_UNUSED(ignored))
{
    if (lz->source) {
        if (lz->active) {
            return Py_BuildValue("O()(OO)", Py_TYPE(lz), lz->source, lz->active);
        }
        return Py_BuildValue("O()(O)", Py_TYPE(lz), lz->source);
    }
    return Py_BuildValue("O()", Py_TYPE(lz));
}

static PyObject *
chain_setstate(chainobject *lz, PyObject *state)
{
    PyObject *source, *active = NULL;
    if (pyrs_itertools_check_state(state) < 0 ||
        !PyArg_ParseTuple(state, "O|O", &source, &active)) {
        return NULL;
    }
    if (!PyIter_Check(source) || (active != NULL && !PyIter_Check(active))) {
        PyErr_SetString(PyExc_TypeError, "Arguments must be iterators.");
        return NULL;
    }
    Py_XSETREF(lz->source, Py_NewRef(source));
    Py_XSETREF(lz->active, Py_XNewRef(active));
    Py_RETURN_NONE;
}

static PyMethodDef chain_methods[] = {
    {"from_iterable", chain_new_from_iterable, METH_O | METH_CLASS,
     "from_iterable($type, iterable, /)\n--\n\nAlternative chain() constructor taking a single "
     "iterable argument that evaluates "
     "lazily."},
    {"__reduce__", (PyCFunction)chain_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", (PyCFunction)chain_setstate, METH_O, "Set state information for unpickling."},
    {"__class_getitem__", pyrs_tuple_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

PyTypeObject chain_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools.chain",
    .tp_basicsize = sizeof(chainobject),
    .tp_dealloc = (destructor)chain_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = GCTYPE_FLAGS,
    .tp_doc = "chain(*iterables) --> chain object\n\nReturn a chain object whose .__next__() "
              "method returns elements from the\nfirst iterable until it is exhausted, then "
              "elements from the next\niterable, until all of the iterables are exhausted.",
    .tp_traverse = (traverseproc)chain_traverse,
    .tp_clear = (inquiry)chain_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)chain_next,
    .tp_methods = chain_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = chain_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- islice ------------------------------------------------------------------------------ */

typedef struct {
    PyObject_HEAD
    PyObject *it;    /* source iterator, NULL once exhausted */
    Py_ssize_t next; /* position of the next item to return */
    Py_ssize_t stop; /* -1 for None */
    Py_ssize_t step;
    Py_ssize_t cnt; /* items consumed from it so far */
} isliceobject;

#define islice_type pyrs_itertools_islice_type

/* A bound given to islice: -1 (with no error) when it is not a usable index. */
static Py_ssize_t
islice_index(PyObject *v)
{
    Py_ssize_t x = PyNumber_AsSsize_t(v, PyExc_OverflowError);
    if (x == -1 && PyErr_Occurred()) {
        PyErr_Clear();
    }
    return x;
}

static PyObject *
islice_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *seq, *a1 = NULL, *a2 = NULL, *a3 = NULL;
    Py_ssize_t start = 0, stop = -1, step = 1;
    if ((type == &islice_type || type->tp_init == islice_type.tp_init) &&
        !_PyArg_NoKeywords("islice", kwds)) {
        return NULL;
    }
    Py_ssize_t numargs = PyTuple_GET_SIZE(args);
    if (!PyArg_UnpackTuple(args, "islice", 2, 4, &seq, &a1, &a2, &a3)) {
        return NULL;
    }
    const char *stopmsg =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    if (numargs == 2) {
        if (a1 != Py_None && (stop = islice_index(a1)) == -1) {
            PyErr_SetString(PyExc_ValueError, stopmsg);
            return NULL;
        }
    } else {
        if (a1 != Py_None) {
            start = islice_index(a1);
        }
        if (a2 != Py_None && (stop = islice_index(a2)) == -1) {
            PyErr_SetString(PyExc_ValueError, stopmsg);
            return NULL;
        }
    }
    if (start < 0 || stop < -1) {
        PyErr_SetString(PyExc_ValueError, "Indices for islice() must be None or an integer: "
                                          "0 <= x <= sys.maxsize.");
        return NULL;
    }
    if (a3 != NULL && a3 != Py_None) {
        step = islice_index(a3);
    }
    if (step < 1) {
        PyErr_SetString(PyExc_ValueError, "Step for islice() must be a positive integer or None.");
        return NULL;
    }
    PyObject *it = PyObject_GetIter(seq);
    if (it == NULL) {
        return NULL;
    }
    isliceobject *lz = (isliceobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        Py_DECREF(it);
        return NULL;
    }
    lz->it = it;
    lz->next = start;
    lz->stop = stop;
    lz->step = step;
    lz->cnt = 0;
    return (PyObject *)lz;
}

static int
islice_clear(isliceobject *lz)
{
    Py_CLEAR(lz->it);
    return 0;
}

static void
islice_dealloc(isliceobject *lz)
{
    generic_dealloc((PyObject *)lz, (inquiry)islice_clear);
}

static int
islice_traverse(isliceobject *lz, visitproc visit, void *arg)
{
    Py_VISIT(lz->it);
    return 0;
}

static PyObject *
islice_next(isliceobject *lz)
{
    PyObject *it = lz->it, *item;
    Py_ssize_t stop = lz->stop;
    if (it == NULL) {
        return NULL;
    }
    while (lz->cnt < lz->next) {
        item = PyIter_Next(it);
        if (item == NULL) {
            goto empty;
        }
        Py_DECREF(item);
        lz->cnt++;
    }
    if (stop != -1 && lz->cnt >= stop) {
        goto empty;
    }
    item = PyIter_Next(it);
    if (item == NULL) {
        goto empty;
    }
    lz->cnt++;
    Py_ssize_t oldnext = lz->next;
    /* Unsigned arithmetic: an overflow wraps instead of being undefined. */
    lz->next = (Py_ssize_t)((size_t)lz->next + (size_t)lz->step);
    if (lz->next < oldnext || (stop != -1 && lz->next > stop)) {
        lz->next = stop;
    }
    return item;
empty:
    Py_CLEAR(lz->it);
    return NULL;
}

static PyObject *
islice_reduce(isliceobject *lz, PyObject *Py_UNUSED(ignored))
{
    if (lz->it == NULL) {
        PyObject *empty = PyList_New(0), *it;
        if (empty == NULL) {
            return NULL;
        }
        it = PyObject_GetIter(empty);
        Py_DECREF(empty);
        if (it == NULL) {
            return NULL;
        }
        return Py_BuildValue("O(Nn)n", Py_TYPE(lz), it, (Py_ssize_t)0, (Py_ssize_t)0);
    }
    PyObject *stop = lz->stop == -1 ? Py_NewRef(Py_None) : PyLong_FromSsize_t(lz->stop);
    if (stop == NULL) {
        return NULL;
    }
    return Py_BuildValue("O(OnNn)n", Py_TYPE(lz), lz->it, lz->next, stop, lz->step, lz->cnt);
}

static PyObject *
islice_setstate(isliceobject *lz, PyObject *state)
{
    Py_ssize_t cnt = PyLong_AsSsize_t(state);
    if (cnt == -1 && PyErr_Occurred()) {
        return NULL;
    }
    lz->cnt = cnt;
    Py_RETURN_NONE;
}

static PyMethodDef islice_methods[] = {
    {"__reduce__", (PyCFunction)islice_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", (PyCFunction)islice_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject islice_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools.islice",
    .tp_basicsize = sizeof(isliceobject),
    .tp_dealloc = (destructor)islice_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = GCTYPE_FLAGS,
    .tp_doc = "islice(iterable, stop) --> islice object\nislice(iterable, start, stop[, step]) "
              "--> islice object\n\nReturn an iterator whose next() method returns selected "
              "values from an\niterable.  If start is specified, will skip all preceding "
              "elements;\notherwise, start defaults to zero.  Step defaults to one.  If\n"
              "specified as another value, step determines how many values are\nskipped between "
              "successive calls.  Works like a slice() on a list\nbut returns an iterator.",
    .tp_traverse = (traverseproc)islice_traverse,
    .tp_clear = (inquiry)islice_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)islice_next,
    .tp_methods = islice_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = islice_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- accumulate -------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *total;   /* running total, NULL before the first item */
    PyObject *it;      /* source iterator */
    PyObject *binop;   /* the function, or NULL for + */
    PyObject *initial; /* value to yield first, or None */
} accumulateobject;

#define accumulate_type pyrs_itertools_accumulate_type

static PyObject *
accumulate_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"iterable", "func", "initial", NULL};
    PyObject *iterable, *binop = Py_None, *initial = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O$O:accumulate", (char **)kwlist, &iterable,
                                     &binop, &initial)) {
        return NULL;
    }
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL) {
        return NULL;
    }
    accumulateobject *lz = (accumulateobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        Py_DECREF(it);
        return NULL;
    }
    lz->binop = binop != Py_None ? Py_NewRef(binop) : NULL;
    lz->total = NULL;
    lz->it = it;
    lz->initial = Py_NewRef(initial);
    return (PyObject *)lz;
}

static int
accumulate_clear(accumulateobject *lz)
{
    Py_CLEAR(lz->binop);
    Py_CLEAR(lz->it);
    Py_CLEAR(lz->total);
    Py_CLEAR(lz->initial);
    return 0;
}

static void
accumulate_dealloc(accumulateobject *lz)
{
    generic_dealloc((PyObject *)lz, (inquiry)accumulate_clear);
}

static int
accumulate_traverse(accumulateobject *lz, visitproc visit, void *arg)
{
    Py_VISIT(lz->binop);
    Py_VISIT(lz->it);
    Py_VISIT(lz->total);
    Py_VISIT(lz->initial);
    return 0;
}

static PyObject *
accumulate_next(accumulateobject *lz)
{
    if (lz->initial != Py_None) {
        Py_XSETREF(lz->total, lz->initial);
        lz->initial = Py_NewRef(Py_None);
        return Py_NewRef(lz->total);
    }
    PyObject *val = PyIter_Next(lz->it), *newtotal;
    if (val == NULL) {
        return NULL;
    }
    if (lz->total == NULL) {
        lz->total = Py_NewRef(val);
        return val;
    }
    if (lz->binop == NULL) {
        newtotal = PyNumber_Add(lz->total, val);
    } else {
        PyObject *stack[2] = {lz->total, val};
        newtotal = PyObject_Vectorcall(lz->binop, stack, 2, NULL);
    }
    Py_DECREF(val);
    if (newtotal == NULL) {
        return NULL;
    }
    Py_SETREF(lz->total, Py_NewRef(newtotal));
    return newtotal;
}

static PyObject *
accumulate_reduce(accumulateobject *lz, PyObject *Py_UNUSED(ignored))
{
    PyObject *binop = lz->binop ? lz->binop : Py_None;
    if (lz->initial != Py_None) {
        PyObject *it = PyObject_CallFunction((PyObject *)&chain_type, "(O)O", lz->initial, lz->it);
        if (it == NULL) {
            return NULL;
        }
        return Py_BuildValue("O(NO)O", Py_TYPE(lz), it, binop, Py_None);
    }
    if (lz->total == Py_None) {
        /* A total of None reads as "no total yet" after __setstate__: pickle instead
         * islice(accumulate(chain((None,), it), func), 1, None). */
        PyObject *it = PyObject_CallFunction((PyObject *)&chain_type, "(O)O", lz->total, lz->it);
        if (it == NULL) {
            return NULL;
        }
        it = PyObject_CallFunction((PyObject *)Py_TYPE(lz), "NO", it, binop);
        if (it == NULL) {
            return NULL;
        }
        return Py_BuildValue("O(NiO)", &islice_type, it, 1, Py_None);
    }
    return Py_BuildValue("O(OO)O", Py_TYPE(lz), lz->it, binop, lz->total ? lz->total : Py_None);
}

static PyObject *
accumulate_setstate(accumulateobject *lz, PyObject *state)
{
    Py_XSETREF(lz->total, Py_NewRef(state));
    Py_RETURN_NONE;
}

static PyMethodDef accumulate_methods[] = {
    {"__reduce__", (PyCFunction)accumulate_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", (PyCFunction)accumulate_setstate, METH_O,
     "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject accumulate_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools.accumulate",
    .tp_basicsize = sizeof(accumulateobject),
    .tp_dealloc = (destructor)accumulate_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = GCTYPE_FLAGS,
    .tp_doc = "accumulate(iterable, func=None, *, initial=None)\n--\n\nReturn series of "
              "accumulated sums (or other binary function results).",
    .tp_traverse = (traverseproc)accumulate_traverse,
    .tp_clear = (inquiry)accumulate_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)accumulate_next,
    .tp_methods = accumulate_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = accumulate_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- compress ---------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *data;      /* iterator over the data */
    PyObject *selectors; /* iterator over the selectors */
} compressobject;

#define compress_type pyrs_itertools_compress_type

static PyObject *
compress_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"data", "selectors", NULL};
    PyObject *seq1, *seq2;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO:compress", (char **)kwlist, &seq1, &seq2)) {
        return NULL;
    }
    PyObject *data = PyObject_GetIter(seq1), *selectors = NULL;
    if (data == NULL || (selectors = PyObject_GetIter(seq2)) == NULL) {
        Py_XDECREF(data);
        return NULL;
    }
    compressobject *lz = (compressobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        Py_DECREF(data);
        Py_DECREF(selectors);
        return NULL;
    }
    lz->data = data;
    lz->selectors = selectors;
    return (PyObject *)lz;
}

static int
compress_clear(compressobject *lz)
{
    Py_CLEAR(lz->data);
    Py_CLEAR(lz->selectors);
    return 0;
}

static void
compress_dealloc(compressobject *lz)
{
    generic_dealloc((PyObject *)lz, (inquiry)compress_clear);
}

static int
compress_traverse(compressobject *lz, visitproc visit, void *arg)
{
    Py_VISIT(lz->data);
    Py_VISIT(lz->selectors);
    return 0;
}

static PyObject *
compress_next(compressobject *lz)
{
    for (;;) {
        PyObject *datum = PyIter_Next(lz->data);
        if (datum == NULL) {
            return NULL;
        }
        PyObject *selector = PyIter_Next(lz->selectors);
        if (selector == NULL) {
            Py_DECREF(datum);
            return NULL;
        }
        int ok = PyObject_IsTrue(selector);
        Py_DECREF(selector);
        if (ok > 0) {
            return datum;
        }
        Py_DECREF(datum);
        if (ok < 0) {
            return NULL;
        }
    }
}

static PyObject *
compress_reduce(compressobject *lz, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("O(OO)", Py_TYPE(lz), lz->data, lz->selectors);
}

static PyMethodDef compress_methods[] = {
    {"__reduce__", (PyCFunction)compress_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject compress_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools.compress",
    .tp_basicsize = sizeof(compressobject),
    .tp_dealloc = (destructor)compress_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = GCTYPE_FLAGS,
    .tp_doc = "compress(data, selectors)\n--\n\nReturn data elements corresponding to true "
              "selector elements.\n\nForms a shorter "
              "iterator from selected data elements using the selectors to\nchoose the data "
              "elements.",
    .tp_traverse = (traverseproc)compress_traverse,
    .tp_clear = (inquiry)compress_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)compress_next,
    .tp_methods = compress_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = compress_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- count ------------------------------------------------------------------------------- */

/* Fast mode counts in cnt while it fits and the step is the int 1; slow mode (cnt set to
 * PY_SSIZE_T_MAX) adds long_step to the object long_cnt. */
typedef struct {
    PyObject_HEAD
    Py_ssize_t cnt;      /* fast-mode counter, PY_SSIZE_T_MAX in slow mode */
    PyObject *long_cnt;  /* slow-mode counter (any number), else NULL */
    PyObject *long_step; /* the step (any number) */
} countobject;

#define count_type pyrs_itertools_count_type

static PyObject *
count_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"start", "step", NULL};
    PyObject *long_cnt = NULL, *long_step = NULL;
    Py_ssize_t cnt = 0;
    int fast_mode;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OO:count", (char **)kwlist, &long_cnt,
                                     &long_step)) {
        return NULL;
    }
    if ((long_cnt != NULL && !PyNumber_Check(long_cnt)) ||
        (long_step != NULL && !PyNumber_Check(long_step))) {
        PyErr_SetString(PyExc_TypeError, "a number is required");
        return NULL;
    }
    fast_mode = (long_cnt == NULL || PyLong_Check(long_cnt)) &&
                (long_step == NULL || (PyLong_Check(long_step) && PyLong_AsLong(long_step) == 1));
    if (PyErr_Occurred()) {
        PyErr_Clear();
        fast_mode = 0;
    }
    if (fast_mode && long_cnt != NULL) {
        cnt = PyLong_AsSsize_t(long_cnt);
        if (cnt == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            fast_mode = 0;
        }
    }
    if (fast_mode) {
        long_cnt = NULL;
    } else {
        cnt = PY_SSIZE_T_MAX;
        long_cnt = long_cnt != NULL ? Py_NewRef(long_cnt) : PyLong_FromLong(0);
        if (long_cnt == NULL) {
            return NULL;
        }
    }
    long_step = long_step != NULL ? Py_NewRef(long_step) : PyLong_FromLong(1);
    if (long_step == NULL) {
        Py_XDECREF(long_cnt);
        return NULL;
    }
    countobject *lz = (countobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        Py_XDECREF(long_cnt);
        Py_DECREF(long_step);
        return NULL;
    }
    lz->cnt = cnt;
    lz->long_cnt = long_cnt;
    lz->long_step = long_step;
    return (PyObject *)lz;
}

static int
count_clear(countobject *lz)
{
    Py_CLEAR(lz->long_cnt);
    Py_CLEAR(lz->long_step);
    return 0;
}

static void
count_dealloc(countobject *lz)
{
    generic_dealloc((PyObject *)lz, (inquiry)count_clear);
}

static int
count_traverse(countobject *lz, visitproc visit, void *arg)
{
    Py_VISIT(lz->long_cnt);
    Py_VISIT(lz->long_step);
    return 0;
}

static PyObject *
count_next(countobject *lz)
{
    if (lz->cnt == PY_SSIZE_T_MAX) {
        if (lz->long_cnt == NULL) {
            lz->long_cnt = PyLong_FromSsize_t(PY_SSIZE_T_MAX);
            if (lz->long_cnt == NULL) {
                return NULL;
            }
        }
        PyObject *stepped_up = PyNumber_Add(lz->long_cnt, lz->long_step);
        if (stepped_up == NULL) {
            return NULL;
        }
        PyObject *returned = lz->long_cnt;
        lz->long_cnt = stepped_up;
        return returned;
    }
    return PyLong_FromSsize_t(lz->cnt++);
}

static PyObject *
count_repr(countobject *lz)
{
    const char *name = _PyType_Name(Py_TYPE(lz));
    if (lz->cnt != PY_SSIZE_T_MAX) {
        return PyUnicode_FromFormat("%s(%zd)", name, lz->cnt);
    }
    if (PyLong_Check(lz->long_step)) {
        long step = PyLong_AsLong(lz->long_step);
        if (step == -1 && PyErr_Occurred()) {
            PyErr_Clear();
        }
        if (step == 1) {
            return PyUnicode_FromFormat("%s(%R)", name, lz->long_cnt);
        }
    }
    return PyUnicode_FromFormat("%s(%R, %R)", name, lz->long_cnt, lz->long_step);
}

static PyObject *
count_reduce(countobject *lz, PyObject *Py_UNUSED(ignored))
{
    if (lz->cnt == PY_SSIZE_T_MAX) {
        return Py_BuildValue("O(OO)", Py_TYPE(lz), lz->long_cnt, lz->long_step);
    }
    return Py_BuildValue("O(n)", Py_TYPE(lz), lz->cnt);
}

static PyMethodDef count_methods[] = {
    {"__reduce__", (PyCFunction)count_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject count_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools.count",
    .tp_basicsize = sizeof(countobject),
    .tp_dealloc = (destructor)count_dealloc,
    .tp_repr = (reprfunc)count_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = GCTYPE_FLAGS,
    .tp_doc = "count(start=0, step=1)\n--\n\nReturn a count object whose .__next__() method "
              "returns consecutive values.\n\n"
              "Equivalent to:\n    def count(firstval=0, step=1):\n        x = firstval\n        "
              "while 1:\n            yield x\n            x += step",
    .tp_traverse = (traverseproc)count_traverse,
    .tp_clear = (inquiry)count_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)count_next,
    .tp_methods = count_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = count_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- cycle ------------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *it;     /* source iterator, NULL once exhausted */
    PyObject *saved;  /* list of the items seen on the first pass */
    Py_ssize_t index; /* next position in saved once it is exhausted */
    int firstpass;    /* set by __setstate__: items are already saved */
} cycleobject;

#define cycle_type pyrs_itertools_cycle_type

static PyObject *
cycle_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if ((type == &cycle_type || type->tp_init == cycle_type.tp_init) &&
        !_PyArg_NoKeywords("cycle", kwds)) {
        return NULL;
    }
    if (!_PyArg_CheckPositional("cycle", PyTuple_GET_SIZE(args), 1, 1)) {
        return NULL;
    }
    PyObject *it = PyObject_GetIter(PyTuple_GET_ITEM(args, 0)), *saved;
    if (it == NULL) {
        return NULL;
    }
    saved = PyList_New(0);
    if (saved == NULL) {
        Py_DECREF(it);
        return NULL;
    }
    cycleobject *lz = (cycleobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        Py_DECREF(it);
        Py_DECREF(saved);
        return NULL;
    }
    lz->it = it;
    lz->saved = saved;
    lz->index = 0;
    lz->firstpass = 0;
    return (PyObject *)lz;
}

static int
cycle_clear(cycleobject *lz)
{
    Py_CLEAR(lz->it);
    Py_CLEAR(lz->saved);
    return 0;
}

static void
cycle_dealloc(cycleobject *lz)
{
    generic_dealloc((PyObject *)lz, (inquiry)cycle_clear);
}

static int
cycle_traverse(cycleobject *lz, visitproc visit, void *arg)
{
    Py_VISIT(lz->it);
    Py_VISIT(lz->saved);
    return 0;
}

static PyObject *
cycle_next(cycleobject *lz)
{
    if (lz->it != NULL) {
        PyObject *item = PyIter_Next(lz->it);
        if (item != NULL) {
            if (lz->firstpass) {
                return item;
            }
            if (PyList_Append(lz->saved, item) < 0) {
                Py_DECREF(item);
                return NULL;
            }
            return item;
        }
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_CLEAR(lz->it);
    }
    if (PyList_GET_SIZE(lz->saved) == 0) {
        return NULL;
    }
    PyObject *item = PyList_GET_ITEM(lz->saved, lz->index);
    lz->index++;
    if (lz->index >= PyList_GET_SIZE(lz->saved)) {
        lz->index = 0;
    }
    return Py_NewRef(item);
}

static PyObject *
cycle_reduce(cycleobject *lz, PyObject *Py_UNUSED(ignored))
{
    if (lz->it == NULL) {
        PyObject *it = PyObject_GetIter(lz->saved);
        if (it == NULL) {
            return NULL;
        }
        if (lz->index != 0) {
            PyObject *res = PyObject_CallMethod(it, "__setstate__", "n", lz->index);
            if (res == NULL) {
                Py_DECREF(it);
                return NULL;
            }
            Py_DECREF(res);
        }
        return Py_BuildValue("O(N)(OO)", Py_TYPE(lz), it, lz->saved, Py_True);
    }
    return Py_BuildValue("O(O)(OO)", Py_TYPE(lz), lz->it, lz->saved,
                         lz->firstpass ? Py_True : Py_False);
}

static PyObject *
cycle_setstate(cycleobject *lz, PyObject *state)
{
    PyObject *saved;
    int firstpass;
    if (pyrs_itertools_check_state(state) < 0 ||
        !PyArg_ParseTuple(state, "O!i", &PyList_Type, &saved, &firstpass)) {
        return NULL;
    }
    Py_XSETREF(lz->saved, Py_NewRef(saved));
    lz->firstpass = firstpass != 0;
    lz->index = 0;
    Py_RETURN_NONE;
}

static PyMethodDef cycle_methods[] = {
    {"__reduce__", (PyCFunction)cycle_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", (PyCFunction)cycle_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject cycle_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools.cycle",
    .tp_basicsize = sizeof(cycleobject),
    .tp_dealloc = (destructor)cycle_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = GCTYPE_FLAGS,
    .tp_doc = "cycle(iterable, /)\n--\n\nReturn elements from the iterable until it is exhausted. "
              "Then repeat the "
              "sequence indefinitely.",
    .tp_traverse = (traverseproc)cycle_traverse,
    .tp_clear = (inquiry)cycle_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)cycle_next,
    .tp_methods = cycle_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = cycle_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- dropwhile, takewhile, filterfalse, starmap: (function, iterable) -------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *func; /* the predicate or function (None allowed for filterfalse) */
    PyObject *it;   /* source iterator */
    long flag;      /* dropwhile: started yielding; takewhile: stopped */
} funcitobject;

/* Shared constructor: positional (function, iterable), no keywords for the base type. */
static PyObject *
funcit_new(PyTypeObject *type, PyObject *args, PyObject *kwds, PyTypeObject *base, const char *name)
{
    if ((type == base || type->tp_init == base->tp_init) && !_PyArg_NoKeywords(name, kwds)) {
        return NULL;
    }
    if (!_PyArg_CheckPositional(name, PyTuple_GET_SIZE(args), 2, 2)) {
        return NULL;
    }
    PyObject *it = PyObject_GetIter(PyTuple_GET_ITEM(args, 1));
    if (it == NULL) {
        return NULL;
    }
    funcitobject *lz = (funcitobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        Py_DECREF(it);
        return NULL;
    }
    lz->func = Py_NewRef(PyTuple_GET_ITEM(args, 0));
    lz->it = it;
    lz->flag = 0;
    return (PyObject *)lz;
}

static int
funcit_clear(funcitobject *lz)
{
    Py_CLEAR(lz->func);
    Py_CLEAR(lz->it);
    return 0;
}

static void
funcit_dealloc(funcitobject *lz)
{
    generic_dealloc((PyObject *)lz, (inquiry)funcit_clear);
}

static int
funcit_traverse(funcitobject *lz, visitproc visit, void *arg)
{
    Py_VISIT(lz->func);
    Py_VISIT(lz->it);
    return 0;
}

/* PREDICATE(item) as a truth value: 1/0/-1. */
static int
call_truth(PyObject *predicate, PyObject *item)
{
    PyObject *good = PyObject_CallOneArg(predicate, item);
    if (good == NULL) {
        return -1;
    }
    int ok = PyObject_IsTrue(good);
    Py_DECREF(good);
    return ok;
}

static PyObject *
funcit_reduce_flag(funcitobject *lz, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("O(OO)l", Py_TYPE(lz), lz->func, lz->it, lz->flag);
}

static PyObject *
funcit_reduce(funcitobject *lz, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("O(OO)", Py_TYPE(lz), lz->func, lz->it);
}

static PyObject *
funcit_setstate(funcitobject *lz, PyObject *state)
{
    int flag = PyObject_IsTrue(state);
    if (flag < 0) {
        return NULL;
    }
    lz->flag = flag;
    Py_RETURN_NONE;
}

static PyMethodDef flag_methods[] = {
    {"__reduce__", (PyCFunction)funcit_reduce_flag, METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", (PyCFunction)funcit_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef funcit_methods[] = {
    {"__reduce__", (PyCFunction)funcit_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

static PyObject *
dropwhile_next(funcitobject *lz)
{
    for (;;) {
        PyObject *item = PyIter_Next(lz->it);
        if (item == NULL) {
            return NULL;
        }
        if (lz->flag == 1) {
            return item;
        }
        int ok = call_truth(lz->func, item);
        if (ok == 0) {
            lz->flag = 1;
            return item;
        }
        Py_DECREF(item);
        if (ok < 0) {
            return NULL;
        }
    }
}

static PyObject *
takewhile_next(funcitobject *lz)
{
    if (lz->flag == 1) {
        return NULL;
    }
    PyObject *item = PyIter_Next(lz->it);
    if (item == NULL) {
        return NULL;
    }
    int ok = call_truth(lz->func, item);
    if (ok > 0) {
        return item;
    }
    Py_DECREF(item);
    if (ok == 0) {
        lz->flag = 1;
    }
    return NULL;
}

static PyObject *
filterfalse_next(funcitobject *lz)
{
    for (;;) {
        PyObject *item = PyIter_Next(lz->it);
        if (item == NULL) {
            return NULL;
        }
        int ok = lz->func == Py_None ? PyObject_IsTrue(item) : call_truth(lz->func, item);
        if (ok == 0) {
            return item;
        }
        Py_DECREF(item);
        if (ok < 0) {
            return NULL;
        }
    }
}

static PyObject *
starmap_next(funcitobject *lz)
{
    PyObject *args = PyIter_Next(lz->it);
    if (args == NULL) {
        return NULL;
    }
    if (!PyTuple_CheckExact(args)) {
        Py_SETREF(args, PySequence_Tuple(args));
        if (args == NULL) {
            return NULL;
        }
    }
    PyObject *res = PyObject_Call(lz->func, args, NULL);
    Py_DECREF(args);
    return res;
}

#define dropwhile_type   pyrs_itertools_dropwhile_type
#define takewhile_type   pyrs_itertools_takewhile_type
#define filterfalse_type pyrs_itertools_filterfalse_type
#define starmap_type     pyrs_itertools_starmap_type

static PyObject *
dropwhile_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    return funcit_new(type, args, kwds, &dropwhile_type, "dropwhile");
}

static PyObject *
takewhile_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    return funcit_new(type, args, kwds, &takewhile_type, "takewhile");
}

static PyObject *
filterfalse_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    return funcit_new(type, args, kwds, &filterfalse_type, "filterfalse");
}

static PyObject *
starmap_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    return funcit_new(type, args, kwds, &starmap_type, "starmap");
}

#define FUNCIT_TYPE(cname, pyname, nextf, newf, methods, doc)                                      \
    PyTypeObject cname = {                                                                         \
        PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools." pyname,                      \
        .tp_basicsize = sizeof(funcitobject),                                                      \
        .tp_dealloc = (destructor)funcit_dealloc,                                                  \
        .tp_getattro = PyObject_GenericGetAttr,                                                    \
        .tp_flags = GCTYPE_FLAGS,                                                                  \
        .tp_doc = doc,                                                                             \
        .tp_traverse = (traverseproc)funcit_traverse,                                              \
        .tp_clear = (inquiry)funcit_clear,                                                         \
        .tp_iter = PyObject_SelfIter,                                                              \
        .tp_iternext = (iternextfunc)nextf,                                                        \
        .tp_methods = methods,                                                                     \
        .tp_alloc = PyType_GenericAlloc,                                                           \
        .tp_new = newf,                                                                            \
        .tp_free = PyObject_GC_Del,                                                                \
    }

FUNCIT_TYPE(dropwhile_type, "dropwhile", dropwhile_next, dropwhile_new, flag_methods,
            "dropwhile(predicate, iterable, /)\n--\n\nDrop items from the iterable while "
            "predicate(item) is true.\n\nAfterwards, return "
            "every element until the iterable is exhausted.");
FUNCIT_TYPE(takewhile_type, "takewhile", takewhile_next, takewhile_new, flag_methods,
            "takewhile(predicate, iterable, /)\n--\n\nReturn successive entries from an iterable "
            "as long as the predicate evaluates to "
            "true for each entry.");
FUNCIT_TYPE(filterfalse_type, "filterfalse", filterfalse_next, filterfalse_new, funcit_methods,
            "filterfalse(function, iterable, /)\n--\n\nReturn those items of iterable for which "
            "function(item) is false.\n\nIf function "
            "is None, return the items that are false.");
FUNCIT_TYPE(starmap_type, "starmap", starmap_next, starmap_new, funcit_methods,
            "starmap(function, iterable, /)\n--\n\nReturn an iterator whose values are returned "
            "from the function evaluated with an "
            "argument tuple taken from the given sequence.");

/* ---- repeat ------------------------------------------------------------------------------ */

typedef struct {
    PyObject_HEAD
    PyObject *element; /* the repeated object */
    Py_ssize_t cnt;    /* repetitions left, -1 for forever */
} repeatobject;

#define repeat_type pyrs_itertools_repeat_type

static PyObject *
repeat_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"object", "times", NULL};
    PyObject *element;
    Py_ssize_t cnt = -1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|n:repeat", (char **)kwlist, &element, &cnt)) {
        return NULL;
    }
    Py_ssize_t n_kwds = kwds != NULL ? PyDict_GET_SIZE(kwds) : 0;
    /* An explicit negative count means zero repetitions, not forever. */
    if (PyTuple_GET_SIZE(args) + n_kwds == 2 && cnt < 0) {
        cnt = 0;
    }
    repeatobject *ro = (repeatobject *)type->tp_alloc(type, 0);
    if (ro == NULL) {
        return NULL;
    }
    ro->element = Py_NewRef(element);
    ro->cnt = cnt;
    return (PyObject *)ro;
}

static int
repeat_clear(repeatobject *ro)
{
    Py_CLEAR(ro->element);
    return 0;
}

static void
repeat_dealloc(repeatobject *ro)
{
    generic_dealloc((PyObject *)ro, (inquiry)repeat_clear);
}

static int
repeat_traverse(repeatobject *ro, visitproc visit, void *arg)
{
    Py_VISIT(ro->element);
    return 0;
}

static PyObject *
repeat_next(repeatobject *ro)
{
    if (ro->cnt == 0) {
        return NULL;
    }
    if (ro->cnt > 0) {
        ro->cnt--;
    }
    return Py_NewRef(ro->element);
}

static PyObject *
repeat_repr(repeatobject *ro)
{
    const char *name = _PyType_Name(Py_TYPE(ro));
    if (ro->cnt == -1) {
        return PyUnicode_FromFormat("%s(%R)", name, ro->element);
    }
    return PyUnicode_FromFormat("%s(%R, %zd)", name, ro->element, ro->cnt);
}

static PyObject *
repeat_len(repeatobject *ro, PyObject *Py_UNUSED(ignored))
{
    if (ro->cnt == -1) {
        PyErr_SetString(PyExc_TypeError, "len() of unsized object");
        return NULL;
    }
    return PyLong_FromSsize_t(ro->cnt);
}

static PyObject *
repeat_reduce(repeatobject *ro, PyObject *Py_UNUSED(ignored))
{
    if (ro->cnt >= 0) {
        return Py_BuildValue("O(On)", Py_TYPE(ro), ro->element, ro->cnt);
    }
    return Py_BuildValue("O(O)", Py_TYPE(ro), ro->element);
}

static PyMethodDef repeat_methods[] = {
    {"__length_hint__", (PyCFunction)repeat_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", (PyCFunction)repeat_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject repeat_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools.repeat",
    .tp_basicsize = sizeof(repeatobject),
    .tp_dealloc = (destructor)repeat_dealloc,
    .tp_repr = (reprfunc)repeat_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = GCTYPE_FLAGS,
    .tp_doc = "repeat(object [,times]) -> create an iterator which returns the object\nfor the "
              "specified number of times.  If not specified, returns the object\nendlessly.",
    .tp_traverse = (traverseproc)repeat_traverse,
    .tp_clear = (inquiry)repeat_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)repeat_next,
    .tp_methods = repeat_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = repeat_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- pairwise ---------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *it;  /* source iterator, NULL once exhausted */
    PyObject *old; /* the previous item, or NULL */
} pairwiseobject;

#define pairwise_type pyrs_itertools_pairwise_type

static PyObject *
pairwise_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if ((type == &pairwise_type || type->tp_init == pairwise_type.tp_init) &&
        !_PyArg_NoKeywords("pairwise", kwds)) {
        return NULL;
    }
    if (!_PyArg_CheckPositional("pairwise", PyTuple_GET_SIZE(args), 1, 1)) {
        return NULL;
    }
    PyObject *it = PyObject_GetIter(PyTuple_GET_ITEM(args, 0));
    if (it == NULL) {
        return NULL;
    }
    pairwiseobject *po = (pairwiseobject *)type->tp_alloc(type, 0);
    if (po == NULL) {
        Py_DECREF(it);
        return NULL;
    }
    po->it = it;
    po->old = NULL;
    return (PyObject *)po;
}

static int
pairwise_clear(pairwiseobject *po)
{
    Py_CLEAR(po->it);
    Py_CLEAR(po->old);
    return 0;
}

static void
pairwise_dealloc(pairwiseobject *po)
{
    generic_dealloc((PyObject *)po, (inquiry)pairwise_clear);
}

static int
pairwise_traverse(pairwiseobject *po, visitproc visit, void *arg)
{
    Py_VISIT(po->it);
    Py_VISIT(po->old);
    return 0;
}

static PyObject *
pairwise_next(pairwiseobject *po)
{
    PyObject *it = po->it;
    if (it == NULL) {
        return NULL;
    }
    if (po->old == NULL) {
        po->old = PyIter_Next(it);
        if (po->old == NULL) {
            Py_CLEAR(po->it);
            return NULL;
        }
    }
    PyObject *new = PyIter_Next(it);
    if (new == NULL) {
        Py_CLEAR(po->it);
        Py_CLEAR(po->old);
        return NULL;
    }
    PyObject *result = PyTuple_Pack(2, po->old, new);
    Py_XSETREF(po->old, new);
    return result;
}

PyTypeObject pairwise_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools.pairwise",
    .tp_basicsize = sizeof(pairwiseobject),
    .tp_dealloc = (destructor)pairwise_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = GCTYPE_FLAGS,
    .tp_doc = "pairwise(iterable, /)\n--\n\nReturn an iterator of overlapping pairs taken from the "
              "input iterator.\n\n    "
              "s -> (s0,s1), (s1,s2), (s2, s3), ...",
    .tp_traverse = (traverseproc)pairwise_traverse,
    .tp_clear = (inquiry)pairwise_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)pairwise_next,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = pairwise_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- zip_longest ------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    Py_ssize_t numactive; /* iterators not yet exhausted */
    PyObject *ittuple;    /* list of iterators; an exhausted one is replaced by None */
    PyObject *fillvalue;  /* stands in for exhausted iterators */
} ziplongestobject;

#define ziplongest_type pyrs_itertools_ziplongest_type

static PyObject *
zip_longest_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *fillvalue = Py_None;
    if (kwds != NULL && PyDict_CheckExact(kwds) && PyDict_GET_SIZE(kwds) > 0) {
        fillvalue = NULL;
        if (PyDict_GET_SIZE(kwds) == 1) {
            fillvalue = PyDict_GetItemString(kwds, "fillvalue");
        }
        if (fillvalue == NULL) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_TypeError,
                                "zip_longest() got an unexpected keyword argument");
            }
            return NULL;
        }
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *ittuple = PyList_New(n);
    if (ittuple == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *it = PyObject_GetIter(PyTuple_GET_ITEM(args, i));
        if (it == NULL) {
            Py_DECREF(ittuple);
            return NULL;
        }
        PyList_SET_ITEM(ittuple, i, it);
    }
    ziplongestobject *lz = (ziplongestobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        Py_DECREF(ittuple);
        return NULL;
    }
    lz->ittuple = ittuple;
    lz->numactive = n;
    lz->fillvalue = Py_NewRef(fillvalue);
    return (PyObject *)lz;
}

static int
zip_longest_clear(ziplongestobject *lz)
{
    Py_CLEAR(lz->ittuple);
    Py_CLEAR(lz->fillvalue);
    return 0;
}

static void
zip_longest_dealloc(ziplongestobject *lz)
{
    generic_dealloc((PyObject *)lz, (inquiry)zip_longest_clear);
}

static int
zip_longest_traverse(ziplongestobject *lz, visitproc visit, void *arg)
{
    Py_VISIT(lz->ittuple);
    Py_VISIT(lz->fillvalue);
    return 0;
}

static PyObject *
zip_longest_next(ziplongestobject *lz)
{
    Py_ssize_t tuplesize = PyList_GET_SIZE(lz->ittuple);
    if (tuplesize == 0 || lz->numactive == 0) {
        return NULL;
    }
    PyObject *result = PyTuple_New(tuplesize);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < tuplesize; i++) {
        PyObject *it = PyList_GET_ITEM(lz->ittuple, i), *item;
        if (it == Py_None) {
            item = Py_NewRef(lz->fillvalue);
        } else {
            item = PyIter_Next(it);
            if (item == NULL) {
                lz->numactive -= 1;
                if (lz->numactive == 0 || PyErr_Occurred()) {
                    lz->numactive = 0;
                    Py_DECREF(result);
                    return NULL;
                }
                item = Py_NewRef(lz->fillvalue);
                PyList_SET_ITEM(lz->ittuple, i, Py_NewRef(Py_None));
                Py_DECREF(it);
            }
        }
        PyTuple_SET_ITEM(result, i, item);
    }
    return result;
}

static PyObject *
zip_longest_reduce(ziplongestobject *lz, PyObject *Py_UNUSED(ignored))
{
    /* Exhausted iterators pickle as empty tuples; __setstate__ restores the fillvalue. */
    Py_ssize_t n = PyList_GET_SIZE(lz->ittuple);
    PyObject *args = PyTuple_New(n);
    if (args == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *elem = PyList_GET_ITEM(lz->ittuple, i);
        elem = elem == Py_None ? PyTuple_New(0) : Py_NewRef(elem);
        if (elem == NULL) {
            Py_DECREF(args);
            return NULL;
        }
        PyTuple_SET_ITEM(args, i, elem);
    }
    return Py_BuildValue("ONO", Py_TYPE(lz), args, lz->fillvalue);
}

static PyObject *
zip_longest_setstate(ziplongestobject *lz, PyObject *state)
{
    Py_XSETREF(lz->fillvalue, Py_NewRef(state));
    Py_RETURN_NONE;
}

static PyMethodDef zip_longest_methods[] = {
    {"__reduce__", (PyCFunction)zip_longest_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", (PyCFunction)zip_longest_setstate, METH_O,
     "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject ziplongest_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools.zip_longest",
    .tp_basicsize = sizeof(ziplongestobject),
    .tp_dealloc = (destructor)zip_longest_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = GCTYPE_FLAGS,
    .tp_doc = "zip_longest(iter1 [,iter2 [...]], [fillvalue=None]) --> zip_longest object\n\n"
              "Return a zip_longest object whose .__next__() method returns a tuple where\nthe "
              "i-th element comes from the i-th iterable argument.  The .__next__()\nmethod "
              "continues until the longest iterable in the argument sequence\nis exhausted and "
              "then it raises StopIteration.  When the shorter iterables\nare exhausted, the "
              "fillvalue is substituted in their place.  The fillvalue\ndefaults to None or can "
              "be specified by a keyword argument.\n",
    .tp_traverse = (traverseproc)zip_longest_traverse,
    .tp_clear = (inquiry)zip_longest_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)zip_longest_next,
    .tp_methods = zip_longest_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = zip_longest_new,
    .tp_free = PyObject_GC_Del,
};
