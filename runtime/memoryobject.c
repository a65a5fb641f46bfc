/* memoryobject.c: memoryview over the buffer protocol and the managed buffer its views share,
 * mirroring CPython 3.11's Objects/memoryobject.c for one-dimensional views: attributes,
 * tobytes/tolist/hex/release/toreadonly, indexing and slicing, comparison, hashing of
 * read-only byte views, the context manager and "released memoryview" errors. */
#include "Python.h"
#include "pyrs/lifecycle.h"

#define MV(op) ((PyMemoryViewObject *)(op))

/* ---- managed buffer --------------------------------------------------------------------- */

static void
mbuf_release(_PyManagedBufferObject *self)
{
    if (self->flags & _Py_MANAGED_BUFFER_RELEASED) {
        return;
    }
    self->flags |= _Py_MANAGED_BUFFER_RELEASED;
    PyBuffer_Release(&self->master);
}

static void
mbuf_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    mbuf_release((_PyManagedBufferObject *)self);
    PyObject_GC_Del(self);
}

/* The exporter is visited so that a cycle through a view (obj.m = memoryview(obj)) can be
 * collected, as in CPython. */
static int
mbuf_traverse(PyObject *self, visitproc visit, void *arg)
{
    _PyManagedBufferObject *mbuf = (_PyManagedBufferObject *)self;
    if (!(mbuf->flags & _Py_MANAGED_BUFFER_RELEASED)) {
        Py_VISIT(mbuf->master.obj);
    }
    return 0;
}

static int
mbuf_clear(PyObject *self)
{
    mbuf_release((_PyManagedBufferObject *)self);
    return 0;
}

PyTypeObject _PyManagedBuffer_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "managedbuffer",
    .tp_basicsize = sizeof(_PyManagedBufferObject),
    .tp_dealloc = mbuf_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = mbuf_traverse,
    .tp_clear = mbuf_clear,
};

static _PyManagedBufferObject *
mbuf_from_object(PyObject *base)
{
    _PyManagedBufferObject *mbuf = PyObject_GC_New(_PyManagedBufferObject, &_PyManagedBuffer_Type);
    if (mbuf == NULL) {
        return NULL;
    }
    mbuf->flags = 0;
    mbuf->exports = 0;
    mbuf->master.obj = NULL;
    if (PyObject_GetBuffer(base, &mbuf->master, PyBUF_FULL_RO) < 0) {
        mbuf->flags = _Py_MANAGED_BUFFER_RELEASED;
        Py_DECREF(mbuf);
        return NULL;
    }
    for (int i = 0; mbuf->master.suboffsets != NULL && i < mbuf->master.ndim; i++) {
        if (mbuf->master.suboffsets[i] >= 0) {
            /* the views below compute item addresses without following pointers */
            Py_DECREF(mbuf); /* releases the buffer */
            PyErr_SetString(PyExc_NotImplementedError,
                            "pyrs: memoryview of a buffer with suboffsets is not supported");
            return NULL;
        }
    }
    PyObject_GC_Track(mbuf);
    return mbuf;
}

/* ---- memoryview ------------------------------------------------------------------------- */

/* C-contiguity of VIEW (shape/strides filled). */
static int
is_c_contiguous(const Py_buffer *view)
{
    Py_ssize_t stride = view->itemsize;
    for (int i = view->ndim - 1; i >= 0; i--) {
        if (view->shape[i] > 1 && view->strides[i] != stride) {
            return 0;
        }
        stride *= view->shape[i];
    }
    return 1;
}

/* A view registered with MBUF copying SRC's geometry (any ndim); new reference. */
static PyObject *
mview_new(_PyManagedBufferObject *mbuf, const Py_buffer *src)
{
    int ndim = src->ndim, slots = ndim > 0 ? ndim : 1;
    PyMemoryViewObject *mv =
        (PyMemoryViewObject *)_PyObject_GC_NewVar(&PyMemoryView_Type, 2 * slots + 1);
    if (mv == NULL) {
        return NULL;
    }
    mv->mbuf = (_PyManagedBufferObject *)Py_NewRef(mbuf);
    mbuf->exports++;
    mv->hash = -1;
    mv->flags = 0;
    mv->exports = 0;
    mv->weakreflist = NULL;
    mv->view = *src;
    mv->view.obj = src->obj ? Py_NewRef(src->obj) : NULL;
    mv->view.format = src->format ? src->format : (char *)"B";
    mv->view.shape = &mv->ob_array[0];
    mv->view.strides = &mv->ob_array[slots];
    mv->view.suboffsets = NULL;
    for (int i = 0; i < ndim; i++) {
        mv->view.shape[i] =
            src->shape ? src->shape[i] : src->len / (src->itemsize ? src->itemsize : 1);
    }
    Py_ssize_t stride = src->itemsize;
    for (int i = ndim - 1; i >= 0; i--) {
        mv->view.strides[i] = src->strides ? src->strides[i] : stride;
        stride *= mv->view.shape[i];
    }
    if (ndim == 0) {
        mv->flags |= _Py_MEMORYVIEW_SCALAR;
    }
    if (is_c_contiguous(&mv->view)) {
        mv->flags |= _Py_MEMORYVIEW_C;
    }
    PyObject_GC_Track(mv);
    return (PyObject *)mv;
}

static PyObject *
mview_from_mbuf(_PyManagedBufferObject *mbuf)
{
    return mview_new(mbuf, &mbuf->master);
}

/* memoryview(BASE); new reference or NULL with TypeError. */
PyObject *
PyMemoryView_FromObject(PyObject *base)
{
    if (PyMemoryView_Check(base)) {
        if (MV(base)->flags & _Py_MEMORYVIEW_RELEASED) {
            PyErr_SetString(PyExc_ValueError, "operation forbidden on released memoryview object");
            return NULL;
        }
        return mview_new(MV(base)->mbuf, &MV(base)->view);
    }
    if (!PyObject_CheckBuffer(base)) {
        PyErr_Format(PyExc_TypeError, "memoryview: a bytes-like object is required, not '%.200s'",
                     Py_TYPE(base)->tp_name);
        return NULL;
    }
    _PyManagedBufferObject *mbuf = mbuf_from_object(base);
    if (mbuf == NULL) {
        return NULL;
    }
    PyObject *mv = mview_from_mbuf(mbuf);
    Py_DECREF(mbuf);
    return mv;
}

static PyObject *
from_filled_mbuf(_PyManagedBufferObject *mbuf)
{
    PyObject_GC_Track(mbuf);
    PyObject *mv = mview_from_mbuf(mbuf);
    Py_DECREF(mbuf);
    return mv;
}

/* A memoryview of SIZE bytes at MEM (FLAGS PyBUF_READ or PyBUF_WRITE); new reference. */
PyObject *
PyMemoryView_FromMemory(char *mem, Py_ssize_t size, int flags)
{
    _PyManagedBufferObject *mbuf = PyObject_GC_New(_PyManagedBufferObject, &_PyManagedBuffer_Type);
    if (mbuf == NULL) {
        return NULL;
    }
    mbuf->flags = 0;
    mbuf->exports = 0;
    if (PyBuffer_FillInfo(&mbuf->master, NULL, mem, size, flags != PyBUF_WRITE, PyBUF_FULL_RO) <
        0) {
        mbuf->flags = _Py_MANAGED_BUFFER_RELEASED;
        Py_DECREF(mbuf);
        return NULL;
    }
    return from_filled_mbuf(mbuf);
}

static PyObject *memory_tobytes_impl(PyObject *self);

/* A contiguous memoryview of BASE: BASE's own view when it already is C-contiguous, else a
 * view of a contiguous copy (BUFFERTYPE PyBUF_WRITE is then refused, as CPython does). */
PyObject *
PyMemoryView_GetContiguous(PyObject *base, int buffertype, char order)
{
    PyObject *mv = PyMemoryView_FromObject(base);
    if (mv == NULL) {
        return NULL;
    }
    if (is_c_contiguous(&MV(mv)->view) || order == 'F') {
        return mv;
    }
    if (buffertype == PyBUF_WRITE) {
        Py_DECREF(mv);
        PyErr_SetString(PyExc_BufferError, "writable contiguous buffer requested for a "
                                           "non-contiguous object.");
        return NULL;
    }
    PyObject *bytes = memory_tobytes_impl(mv);
    PyObject *res = NULL;
    if (bytes != NULL) {
        _PyManagedBufferObject *mbuf = mbuf_from_object(bytes);
        if (mbuf != NULL) {
            Py_buffer sub = MV(mv)->view;
            Py_ssize_t strides[64], stride = sub.itemsize;
            for (int i = sub.ndim - 1; i >= 0; i--) {
                strides[i] = stride;
                stride *= sub.shape[i];
            }
            sub.buf = mbuf->master.buf;
            sub.obj = bytes;
            sub.readonly = 1;
            sub.strides = strides;
            res = mview_new(mbuf, &sub);
            Py_DECREF(mbuf);
        }
        Py_DECREF(bytes);
    }
    Py_DECREF(mv);
    return res;
}

/* A memoryview over a copy of INFO's geometry (the buffer itself is not owned). */
PyObject *
PyMemoryView_FromBuffer(const Py_buffer *info)
{
    if (info->buf == NULL) {
        PyErr_SetString(PyExc_ValueError, "PyMemoryView_FromBuffer(): info->buf must not be NULL");
        return NULL;
    }
    _PyManagedBufferObject *mbuf = PyObject_GC_New(_PyManagedBufferObject, &_PyManagedBuffer_Type);
    if (mbuf == NULL) {
        return NULL;
    }
    mbuf->flags = 0;
    mbuf->exports = 0;
    mbuf->master = *info;
    mbuf->master.obj = NULL;
    return from_filled_mbuf(mbuf);
}

static int
check_released(PyObject *self)
{
    if (MV(self)->flags & _Py_MEMORYVIEW_RELEASED ||
        MV(self)->mbuf->flags & _Py_MANAGED_BUFFER_RELEASED) {
        PyErr_SetString(PyExc_ValueError, "operation forbidden on released memoryview object");
        return -1;
    }
    return 0;
}

static int
mview_release(PyMemoryViewObject *self)
{
    if (self->flags & _Py_MEMORYVIEW_RELEASED) {
        return 0;
    }
    if (self->exports > 0) {
        PyErr_Format(PyExc_BufferError, "memoryview has %zd exported buffer%s", self->exports,
                     self->exports == 1 ? "" : "s");
        return -1;
    }
    self->flags |= _Py_MEMORYVIEW_RELEASED;
    if (--self->mbuf->exports == 0) {
        mbuf_release(self->mbuf);
    }
    return 0;
}

static void
memory_dealloc(PyObject *self)
{
    PyMemoryViewObject *mv = MV(self);
    PyObject_GC_UnTrack(self);
    if (mv->weakreflist != NULL) {
        PyObject_ClearWeakRefs(self);
    }
    (void)mview_release(mv);
    Py_CLEAR(mv->mbuf);
    Py_CLEAR(mv->view.obj);
    PyObject_GC_Del(self);
}

static int
memory_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(MV(self)->mbuf);
    Py_VISIT(MV(self)->view.obj); /* we hold our own reference to the exporter */
    return 0;
}

static PyObject *
memory_new(PyTypeObject *Py_UNUSED(type), PyObject *args, PyObject *kwds)
{
    PyObject *obj = NULL;
    if (PyTuple_GET_SIZE(args) == 1 && (kwds == NULL || PyDict_Size(kwds) == 0)) {
        obj = PyTuple_GET_ITEM(args, 0);
    } else if (PyTuple_GET_SIZE(args) == 0 && kwds && PyDict_Size(kwds) == 1) {
        obj = PyDict_GetItemString(kwds, "object");
    }
    if (obj == NULL) {
        PyErr_SetString(PyExc_TypeError, "memoryview() missing required argument 'object' "
                                         "(pos 1)");
        return NULL;
    }
    return PyMemoryView_FromObject(obj);
}

/* ---- items ------------------------------------------------------------------------------ */

static const char *
fmt_of(PyObject *self)
{
    const char *f = MV(self)->view.format;
    return f[0] == '@' ? f + 1 : f;
}

/* The Python value of the item at P. */
static PyObject *
unpack_item(PyObject *self, const char *p)
{
    const char *f = fmt_of(self);
    switch (f[0]) {
    case 'B':
        return PyLong_FromLong(*(const unsigned char *)p);
    case 'b':
        return PyLong_FromLong(*(const signed char *)p);
    case 'c':
        return PyBytes_FromStringAndSize(p, 1);
    case 'h': {
        short v;
        memcpy(&v, p, sizeof v);
        return PyLong_FromLong(v);
    }
    case 'H': {
        unsigned short v;
        memcpy(&v, p, sizeof v);
        return PyLong_FromLong(v);
    }
    case 'i': {
        int v;
        memcpy(&v, p, sizeof v);
        return PyLong_FromLong(v);
    }
    case 'I': {
        unsigned int v;
        memcpy(&v, p, sizeof v);
        return PyLong_FromUnsignedLong(v);
    }
    case 'l':
    case 'q':
    case 'n': {
        long long v;
        memcpy(&v, p, sizeof v);
        return PyLong_FromLongLong(v);
    }
    case 'L':
    case 'Q':
    case 'N': {
        unsigned long long v;
        memcpy(&v, p, sizeof v);
        return PyLong_FromUnsignedLongLong(v);
    }
    case 'f': {
        float v;
        memcpy(&v, p, sizeof v);
        return PyFloat_FromDouble(v);
    }
    case 'd': {
        double v;
        memcpy(&v, p, sizeof v);
        return PyFloat_FromDouble(v);
    }
    case '?':
        return PyBool_FromLong(*p != 0);
    default:
        PyErr_Format(PyExc_NotImplementedError, "memoryview: format %s not supported", f);
        return NULL;
    }
}

static char *
item_ptr(PyObject *self, Py_ssize_t i)
{
    return (char *)MV(self)->view.buf + i * MV(self)->view.strides[0];
}

static Py_ssize_t
memory_length(PyObject *self)
{
    if (check_released(self) < 0) {
        return -1;
    }
    return MV(self)->view.ndim == 0 ? 1 : MV(self)->view.shape[0];
}

static PyObject *
memory_item(PyObject *self, Py_ssize_t i)
{
    if (check_released(self) < 0) {
        return NULL;
    }
    if (MV(self)->view.ndim != 1) {
        PyErr_SetString(PyExc_NotImplementedError,
                        "multi-dimensional sub-views are not implemented");
        return NULL;
    }
    Py_ssize_t n = MV(self)->view.shape[0];
    if (i < 0) {
        i += n;
    }
    if (i < 0 || i >= n) {
        PyErr_SetString(PyExc_IndexError, "index out of bounds on dimension 1");
        return NULL;
    }
    return unpack_item(self, item_ptr(self, i));
}

/* m[i, j, ...] with one integer per dimension. */
/* *OUT = the address of the item a tuple of indexes KEY names (as many as the view has
 * dimensions); 0, or -1 with CPython's errors, ValueError when an __index__ released SELF. */
static int
tuple_item_ptr(PyObject *self, PyObject *key, char **out)
{
    Py_buffer *v = &MV(self)->view;
    Py_ssize_t n = PyTuple_GET_SIZE(key);
    if (n < v->ndim) {
        PyErr_SetString(PyExc_NotImplementedError, "sub-views are not implemented");
        return -1;
    }
    if (n > v->ndim) {
        PyErr_Format(PyExc_TypeError, "cannot index %d-dimension view with %zd-element tuple",
                     v->ndim, n);
        return -1;
    }
    char *p = v->buf;
    for (Py_ssize_t d = 0; d < n; d++) {
        PyObject *k = PyTuple_GET_ITEM(key, d);
        if (!PyIndex_Check(k)) {
            PyErr_SetString(PyExc_TypeError, "memoryview: invalid slice key");
            return -1;
        }
        Py_ssize_t i = PyNumber_AsSsize_t(k, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) {
            return -1;
        }
        i = i < 0 ? i + v->shape[d] : i;
        if (i < 0 || i >= v->shape[d]) {
            PyErr_Format(PyExc_IndexError, "index out of bounds on dimension %zd", d + 1);
            return -1;
        }
        p += i * v->strides[d];
    }
    /* an __index__ may have released the view meanwhile (gh-92888) */
    if (check_released(self) < 0) {
        return -1;
    }
    *out = p;
    return 0;
}

static PyObject *
memory_item_multi(PyObject *self, PyObject *key)
{
    char *p;
    if (tuple_item_ptr(self, key, &p) < 0) {
        return NULL;
    }
    return unpack_item(self, p);
}

static PyObject *
memory_subscript(PyObject *self, PyObject *key)
{
    if (check_released(self) < 0) {
        return NULL;
    }
    if (MV(self)->view.ndim == 0) {
        if (key == Py_Ellipsis) {
            return Py_NewRef(self);
        }
        PyErr_SetString(PyExc_TypeError, "invalid indexing of 0-dim memory");
        return NULL;
    }
    if (PyTuple_Check(key)) {
        return memory_item_multi(self, key);
    }
    if (MV(self)->view.ndim > 1 && (PyIndex_Check(key) || PySlice_Check(key))) {
        PyErr_SetString(PyExc_NotImplementedError,
                        "multi-dimensional sub-views are not implemented");
        return NULL;
    }
    if (PyIndex_Check(key)) {
        Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) {
            return NULL;
        }
        if (check_released(self) < 0) {
            return NULL;
        }
        return memory_item(self, i);
    }
    if (!PySlice_Check(key)) {
        PyErr_SetString(PyExc_TypeError, "memoryview: invalid slice key");
        return NULL;
    }
    /* Like CPython, the new view holds the managed buffer before the slice's __index__
     * methods run, so releasing SELF from one of them leaves the slice valid. */
    _PyManagedBufferObject *mbuf = (_PyManagedBufferObject *)Py_NewRef(MV(self)->mbuf);
    mbuf->exports++;
    PyObject *res = NULL;
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(key, &start, &stop, &step) == 0) {
        Py_ssize_t n = PySlice_AdjustIndices(MV(self)->view.shape[0], &start, &stop, step);
        Py_buffer sub = MV(self)->view;
        Py_ssize_t shape = n, strides = MV(self)->view.strides[0] * step;
        sub.buf = item_ptr(self, start);
        sub.shape = &shape;
        sub.strides = &strides;
        sub.len = n * sub.itemsize;
        res = mview_new(mbuf, &sub);
    }
    if (--mbuf->exports == 0) {
        mbuf_release(mbuf);
    }
    Py_DECREF(mbuf);
    return res;
}

static int
pack_error(PyObject *self, int type_error)
{
    PyErr_Format(type_error ? PyExc_TypeError : PyExc_ValueError,
                 "memoryview: invalid %s for format '%s'", type_error ? "type" : "value",
                 MV(self)->view.format);
    return -1;
}

/* Stores VALUE at P converted to the view's item format; 0 or -1. */
/* Stores the int NUM at P as a SIZE-byte integer; 0, or -1 with CPython's errors (also when
 * converting released the view). */
static int
pack_int(PyObject *self, char *p, PyObject *num, int size, int is_signed)
{
    int overflow = 0;
    long long sv = PyLong_AsLongLongAndOverflow(num, &overflow);
    unsigned long long uv = (unsigned long long)sv;
    if (sv == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (!is_signed && (overflow > 0 || sv < 0)) {
        PyErr_Clear();
        uv = PyLong_AsUnsignedLongLong(num);
        if (uv == (unsigned long long)-1 && PyErr_Occurred()) {
            PyErr_Clear();
            return pack_error(self, 0);
        }
    } else if (overflow) {
        return pack_error(self, 0);
    }
    int bits = 8 * size;
    if (is_signed && bits < 64 && (sv < -(1LL << (bits - 1)) || sv >= (1LL << (bits - 1)))) {
        return pack_error(self, 0);
    }
    if (!is_signed && bits < 64 && uv >= (1ULL << bits)) {
        return pack_error(self, 0);
    }
    if (check_released(self) < 0) {
        return -1;
    }
    memcpy(p, &uv, (size_t)size); /* little-endian: low bytes first */
    return 0;
}

static int
pack_item(PyObject *self, char *p, PyObject *value)
{
    const char *f = fmt_of(self);
    static const struct {
        char code;
        int size;
        int is_signed;
    } ints[] = {{'B', 1, 0}, {'b', 1, 1}, {'h', 2, 1}, {'H', 2, 0}, {'i', 4, 1},
                {'I', 4, 0}, {'l', 8, 1}, {'L', 8, 0}, {'q', 8, 1}, {'Q', 8, 0},
                {'n', 8, 1}, {'N', 8, 0}, {'P', 8, 0}};
    for (size_t k = 0; k < Py_ARRAY_LENGTH(ints); k++) {
        if (ints[k].code != f[0]) {
            continue;
        }
        /* any __index__ object, as CPython converts it */
        PyObject *num = PyNumber_Index(value);
        if (num == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_TypeError)) {
                return -1;
            }
            PyErr_Clear();
            return pack_error(self, 1);
        }
        int r = pack_int(self, p, num, ints[k].size, ints[k].is_signed);
        Py_DECREF(num);
        return r;
    }
    if (f[0] == 'c') {
        if (!PyBytes_Check(value)) {
            return pack_error(self, 1);
        }
        if (PyBytes_GET_SIZE(value) != 1) {
            return pack_error(self, 0);
        }
        *p = PyBytes_AS_STRING(value)[0];
        return 0;
    }
    if (f[0] == 'f' || f[0] == 'd') {
        double d = PyFloat_AsDouble(value);
        if (d == -1.0 && PyErr_Occurred()) {
            PyErr_Clear();
            return pack_error(self, 1);
        }
        if (check_released(self) < 0) {
            return -1;
        }
        if (f[0] == 'f') {
            float x = (float)d;
            memcpy(p, &x, sizeof x);
        } else {
            memcpy(p, &d, sizeof d);
        }
        return 0;
    }
    if (f[0] == '?') {
        int t = PyObject_IsTrue(value);
        if (t < 0 || check_released(self) < 0) {
            return -1;
        }
        *p = (char)t;
        return 0;
    }
    PyErr_Format(PyExc_NotImplementedError, "memoryview: format %s not supported", f);
    return -1;
}

/* self[lo:hi:step] = VALUE (a buffer of the same format and length). */
static int
assign_slice(PyObject *self, PyObject *key, PyObject *value)
{
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(key, &start, &stop, &step) < 0) {
        return -1;
    }
    if (check_released(self) < 0) {
        return -1;
    }
    Py_ssize_t len = PySlice_AdjustIndices(MV(self)->view.shape[0], &start, &stop, step);
    PyObject *src = PyMemoryView_FromObject(value);
    if (src == NULL) {
        return -1;
    }
    Py_buffer *sv = &MV(src)->view, *dv = &MV(self)->view;
    int r = 0;
    if (sv->ndim != 1 || sv->shape[0] != len || sv->itemsize != dv->itemsize ||
        strcmp(sv->format[0] == '@' ? sv->format + 1 : sv->format, fmt_of(self)) != 0) {
        PyErr_SetString(PyExc_ValueError,
                        "memoryview assignment: lvalue and rvalue have different structures");
        r = -1;
    } else {
        /* Copy through a temporary: source and destination may overlap. */
        char *tmp = PyMem_Malloc((size_t)(len * dv->itemsize) + 1);
        if (tmp == NULL) {
            PyErr_NoMemory();
            r = -1;
        } else {
            for (Py_ssize_t k = 0; k < len; k++) {
                memcpy(tmp + k * dv->itemsize, (char *)sv->buf + k * sv->strides[0],
                       (size_t)dv->itemsize);
            }
            for (Py_ssize_t k = 0, i = start; k < len;
                 k++, i = (Py_ssize_t)((size_t)i + (size_t)step)) {
                memcpy(item_ptr(self, i), tmp + k * dv->itemsize, (size_t)dv->itemsize);
            }
            PyMem_Free(tmp);
        }
    }
    (void)mview_release(MV(src));
    Py_DECREF(src);
    return r;
}

/* m[key] = value for a tuple KEY, with CPython's errors: as many indexes as dimensions
 * address one item, slices are not implemented, anything else is an invalid key. */
static int
assign_tuple_key(PyObject *self, PyObject *key, PyObject *value)
{
    Py_ssize_t n = PyTuple_GET_SIZE(key);
    int indexes = 1, slices = n > 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        indexes &= PyIndex_Check(PyTuple_GET_ITEM(key, i));
        slices &= PySlice_Check(PyTuple_GET_ITEM(key, i));
    }
    if (indexes) {
        char *p;
        if (tuple_item_ptr(self, key, &p) < 0) {
            return -1;
        }
        return pack_item(self, p, value);
    }
    if (slices) {
        PyErr_SetString(PyExc_NotImplementedError,
                        "memoryview slice assignments are currently restricted to ndim = 1");
        return -1;
    }
    PyErr_SetString(PyExc_TypeError, "memoryview: invalid slice key");
    return -1;
}

static int
memory_ass_sub(PyObject *self, PyObject *key, PyObject *value)
{
    if (check_released(self) < 0) {
        return -1;
    }
    if (MV(self)->view.readonly) {
        PyErr_SetString(PyExc_TypeError, "cannot modify read-only memory");
        return -1;
    }
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "cannot delete memory");
        return -1;
    }
    if (MV(self)->view.ndim == 0) {
        if (key == Py_Ellipsis || (PyTuple_Check(key) && PyTuple_GET_SIZE(key) == 0)) {
            return pack_item(self, MV(self)->view.buf, value);
        }
        PyErr_SetString(PyExc_TypeError, "invalid indexing of 0-dim memory");
        return -1;
    }
    if (PyTuple_Check(key)) {
        return assign_tuple_key(self, key, value);
    }
    if (MV(self)->view.ndim != 1 && PyIndex_Check(key)) {
        PyErr_SetString(PyExc_NotImplementedError, "sub-views are not implemented");
        return -1;
    }
    if (MV(self)->view.ndim != 1 && PySlice_Check(key)) {
        PyErr_SetString(PyExc_NotImplementedError,
                        "memoryview slice assignments are currently restricted to ndim = 1");
        return -1;
    }
    if (PyIndex_Check(key)) {
        Py_ssize_t n = MV(self)->view.shape[0];
        Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (check_released(self) < 0) {
            return -1;
        }
        i = i < 0 ? i + n : i;
        if (i < 0 || i >= n) {
            PyErr_SetString(PyExc_IndexError, "index out of bounds on dimension 1");
            return -1;
        }
        return pack_item(self, item_ptr(self, i), value);
    }
    if (!PySlice_Check(key)) {
        PyErr_SetString(PyExc_TypeError, "memoryview: invalid slice key");
        return -1;
    }
    return assign_slice(self, key, value);
}

static Py_ssize_t
view_nbytes(const Py_buffer *v)
{
    Py_ssize_t n = v->itemsize;
    for (int i = 0; i < v->ndim; i++) {
        n *= v->shape[i];
    }
    return n;
}

/* Copies dimension DIM of the view starting at P into *OUT in C order. */
static void
copy_dim(const Py_buffer *v, int dim, const char *p, char **out)
{
    if (dim == v->ndim) {
        memcpy(*out, p, (size_t)v->itemsize);
        *out += v->itemsize;
        return;
    }
    for (Py_ssize_t i = 0; i < v->shape[dim]; i++) {
        copy_dim(v, dim + 1, p + i * v->strides[dim], out);
    }
}

/* Copies the view's bytes in logical (C) order into a new bytes. */
static PyObject *
memory_tobytes_impl(PyObject *self)
{
    const Py_buffer *v = &MV(self)->view;
    PyObject *res = PyBytes_FromStringAndSize(NULL, view_nbytes(v));
    if (res != NULL) {
        char *out = PyBytes_AS_STRING(res);
        copy_dim(v, 0, v->buf, &out);
    }
    return res;
}

static PyObject *
memory_tobytes(PyObject *self, PyObject *const *Py_UNUSED(args), Py_ssize_t Py_UNUSED(nargs),
               PyObject *Py_UNUSED(kw))
{
    return check_released(self) < 0 ? NULL : memory_tobytes_impl(self);
}

static PyObject *
list_dim(PyObject *self, int dim, const char *p)
{
    const Py_buffer *v = &MV(self)->view;
    if (dim == v->ndim) {
        return unpack_item(self, p);
    }
    PyObject *list = PyList_New(v->shape[dim]);
    for (Py_ssize_t i = 0; list && i < v->shape[dim]; i++) {
        PyObject *x = list_dim(self, dim + 1, p + i * v->strides[dim]);
        if (x == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, x);
    }
    return list;
}

static PyObject *
memory_tolist(PyObject *self, PyObject *Py_UNUSED(a))
{
    if (check_released(self) < 0) {
        return NULL;
    }
    return list_dim(self, 0, MV(self)->view.buf);
}

static PyObject *
memory_hex(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    if (check_released(self) < 0) {
        return NULL;
    }
    PyObject *b = memory_tobytes_impl(self);
    if (b == NULL) {
        return NULL;
    }
    PyObject *meth = PyObject_GetAttrString(b, "hex"), *res = NULL;
    if (meth != NULL) {
        res = PyObject_Vectorcall(meth, args, (size_t)nargs, kwnames);
        Py_DECREF(meth);
    }
    Py_DECREF(b);
    return res;
}

static PyObject *
memory_release(PyObject *self, PyObject *Py_UNUSED(a))
{
    return mview_release(MV(self)) < 0 ? NULL : Py_NewRef(Py_None);
}

static PyObject *
memory_enter(PyObject *self, PyObject *Py_UNUSED(a))
{
    return check_released(self) < 0 ? NULL : Py_NewRef(self);
}

static PyObject *
memory_exit(PyObject *self, PyObject *Py_UNUSED(args))
{
    return memory_release(self, NULL);
}

static PyObject *
memory_toreadonly(PyObject *self, PyObject *Py_UNUSED(a))
{
    if (check_released(self) < 0) {
        return NULL;
    }
    PyObject *res = mview_new(MV(self)->mbuf, &MV(self)->view);
    if (res != NULL) {
        MV(res)->view.readonly = 1;
    }
    return res;
}

/* Item size of a native single-character struct format (optionally '@'-prefixed), or 0. */
static Py_ssize_t
native_itemsize(const char *f)
{
    if (f[0] == '@') {
        f++;
    }
    if (f[0] == '\0' || f[1] != '\0') {
        return 0;
    }
    switch (f[0]) {
    case 'B':
    case 'b':
    case 'c':
    case '?':
        return 1;
    case 'h':
    case 'H':
        return 2;
    case 'i':
    case 'I':
    case 'f':
        return 4;
    case 'l':
    case 'L':
    case 'q':
    case 'Q':
    case 'n':
    case 'N':
    case 'd':
    case 'P':
        return 8;
    default:
        return 0;
    }
}

static int
is_byte_format(const char *f)
{
    f += f[0] == '@';
    return (f[0] == 'B' || f[0] == 'b' || f[0] == 'c') && f[1] == '\0';
}

/* A static copy of the format F (one character, optionally '@'-prefixed): views keep
 * pointers to their format string. */
static char *
static_format(const char *f)
{
    static char storage[][3] = {"B",  "b",  "c",  "h",  "H",  "i",  "I",  "l",  "L",
                                "q",  "Q",  "n",  "N",  "f",  "d",  "P",  "?",  "@B",
                                "@b", "@c", "@h", "@H", "@i", "@I", "@l", "@L", "@q",
                                "@Q", "@n", "@N", "@f", "@d", "@P", "@?"};
    for (size_t i = 0; i < Py_ARRAY_LENGTH(storage); i++) {
        if (strcmp(storage[i], f) == 0) {
            return storage[i];
        }
    }
    return storage[0];
}

static PyObject *
memory_cast(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    if (check_released(self) < 0) {
        return NULL;
    }
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    PyObject *fmtobj = nargs > 0 ? args[0] : NULL, *shape = nargs > 1 ? args[1] : NULL;
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        if (_PyUnicode_EqualToASCIIString(key, "format")) {
            fmtobj = args[nargs + k];
        } else if (_PyUnicode_EqualToASCIIString(key, "shape")) {
            shape = args[nargs + k];
        } else {
            PyErr_Format(PyExc_TypeError, "cast() got an unexpected keyword argument '%U'", key);
            return NULL;
        }
    }
    if (fmtobj == NULL || !PyUnicode_Check(fmtobj)) {
        PyErr_SetString(PyExc_TypeError, fmtobj ? "memoryview: format argument must be a string"
                                                : "cast() missing required argument 'format' "
                                                  "(pos 1)");
        return NULL;
    }
    const char *fmt = PyUnicode_AsUTF8(fmtobj);
    if (fmt == NULL) {
        return NULL;
    }
    Py_buffer *v = &MV(self)->view;
    if (!is_c_contiguous(v)) {
        PyErr_SetString(PyExc_TypeError, "memoryview: casts are restricted to C-contiguous views");
        return NULL;
    }
    Py_ssize_t isz = native_itemsize(fmt);
    if (isz == 0) {
        PyErr_SetString(PyExc_ValueError, "memoryview: destination format must be a native single "
                                          "character format prefixed with an optional '@'");
        return NULL;
    }
    if (!is_byte_format(fmt) && !is_byte_format(v->format)) {
        PyErr_SetString(PyExc_TypeError, "memoryview: cannot cast between two non-byte formats");
        return NULL;
    }
    Py_ssize_t len = view_nbytes(v);
    if (len % isz != 0) {
        PyErr_SetString(PyExc_TypeError, "memoryview: length is not a multiple of itemsize");
        return NULL;
    }
    Py_ssize_t dims[64], strides[64];
    int ndim = 1;
    dims[0] = len / isz;
    if (shape != NULL) {
        if (!PyList_Check(shape) && !PyTuple_Check(shape)) {
            PyErr_SetString(PyExc_TypeError, "shape must be a list or a tuple");
            return NULL;
        }
        Py_ssize_t n = PySequence_Fast_GET_SIZE(shape), prod = isz;
        if (n > 64) {
            PyErr_SetString(PyExc_ValueError,
                            "memoryview: number of dimensions must not exceed 64");
            return NULL;
        }
        if (v->ndim != 1 && n != 1) {
            PyErr_SetString(PyExc_TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D");
            return NULL;
        }
        for (Py_ssize_t k = 0; k < n; k++) {
            PyObject *item = PySequence_Fast_GET_ITEM(shape, k);
            if (!PyLong_Check(item)) {
                PyErr_SetString(PyExc_TypeError,
                                "memoryview.cast(): elements of shape must be integers");
                return NULL;
            }
            dims[k] = PyLong_AsSsize_t(item);
            if (dims[k] <= 0) {
                if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_OverflowError)) {
                    PyErr_Clear();
                    PyErr_SetString(PyExc_ValueError,
                                    "memoryview.cast(): elements of shape must be integers > 0");
                }
                return NULL;
            }
            prod *= dims[k];
        }
        if (prod != len) {
            PyErr_SetString(PyExc_TypeError,
                            "memoryview: product(shape) * itemsize != buffer size");
            return NULL;
        }
        ndim = (int)n;
    }
    Py_ssize_t stride = isz;
    for (int k = ndim - 1; k >= 0; k--) {
        strides[k] = stride;
        stride *= dims[k];
    }
    Py_buffer sub = *v;
    sub.len = len;
    sub.format = static_format(fmt);
    sub.itemsize = isz;
    sub.ndim = ndim;
    sub.shape = dims;
    sub.strides = strides;
    return mview_new(MV(self)->mbuf, &sub);
}

/* ---- attributes, compare, hash ---------------------------------------------------------- */

#define GETTER(name, expr)                                                                         \
    static PyObject *memory_get_##name(PyObject *self, void *Py_UNUSED(closure))                   \
    {                                                                                              \
        if (check_released(self) < 0) {                                                            \
            return NULL;                                                                           \
        }                                                                                          \
        return expr;                                                                               \
    }

static PyObject *
ssize_tuple(const Py_ssize_t *v, int n)
{
    PyObject *t = PyTuple_New(n);
    for (int i = 0; t && i < n; i++) {
        PyObject *x = PyLong_FromSsize_t(v[i]);
        if (x == NULL) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, i, x);
    }
    return t;
}

GETTER(obj, Py_NewRef(MV(self)->view.obj ? MV(self)->view.obj : Py_None))
GETTER(nbytes, PyLong_FromSsize_t(view_nbytes(&MV(self)->view)))
GETTER(readonly, PyBool_FromLong(MV(self)->view.readonly))
GETTER(itemsize, PyLong_FromSsize_t(MV(self)->view.itemsize))
GETTER(format, PyUnicode_FromString(MV(self)->view.format))
GETTER(ndim, PyLong_FromLong(MV(self)->view.ndim))
GETTER(shape, ssize_tuple(MV(self)->view.shape, MV(self)->view.ndim))
GETTER(strides, ssize_tuple(MV(self)->view.strides, MV(self)->view.ndim))
GETTER(suboffsets, PyTuple_New(0))
GETTER(c_contiguous, PyBool_FromLong(is_c_contiguous(&MV(self)->view)))
GETTER(f_contiguous, memory_get_c_contiguous(self, NULL))
GETTER(contiguous, memory_get_c_contiguous(self, NULL))

static PyObject *
memory_richcompare(PyObject *a, PyObject *b, int op)
{
    if (op != Py_EQ && op != Py_NE) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    /* a released view equals only itself (CPython); a live one compares its items, so a
     * view of NaNs is not equal to itself */
    if ((MV(a)->flags & _Py_MEMORYVIEW_RELEASED) ||
        (PyMemoryView_Check(b) && (MV(b)->flags & _Py_MEMORYVIEW_RELEASED))) {
        return PyBool_FromLong((a == b) == (op == Py_EQ));
    }
    PyObject *other = PyMemoryView_Check(b) ? Py_NewRef(b) : NULL;
    if (other == NULL) {
        if (!PyObject_CheckBuffer(b)) {
            Py_RETURN_NOTIMPLEMENTED;
        }
        other = PyMemoryView_FromObject(b);
        if (other == NULL) {
            PyErr_Clear();
            Py_RETURN_NOTIMPLEMENTED;
        }
    }
    PyObject *la = memory_tolist(a, NULL), *lb = memory_tolist(other, NULL);
    PyObject *res = la && lb ? PyObject_RichCompare(la, lb, op) : NULL;
    if (PyMemoryView_Check(other) && other != b) {
        (void)mview_release(MV(other));
    }
    Py_DECREF(other);
    Py_XDECREF(la);
    Py_XDECREF(lb);
    return res;
}

static Py_hash_t
memory_hash(PyObject *self)
{
    PyMemoryViewObject *mv = MV(self);
    if (mv->hash != -1) {
        return mv->hash;
    }
    if (check_released(self) < 0) {
        return -1;
    }
    if (!mv->view.readonly) {
        PyErr_SetString(PyExc_ValueError, "cannot hash writable memoryview object");
        return -1;
    }
    const char *f = fmt_of(self);
    if (strcmp(f, "B") != 0 && strcmp(f, "b") != 0 && strcmp(f, "c") != 0) {
        PyErr_SetString(PyExc_ValueError,
                        "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
        return -1;
    }
    if (mv->view.obj != NULL && PyObject_Hash(mv->view.obj) == -1) {
        return -1;
    }
    PyObject *b = memory_tobytes_impl(self);
    if (b == NULL) {
        return -1;
    }
    mv->hash = PyObject_Hash(b);
    Py_DECREF(b);
    return mv->hash;
}

static int
memory_getbuffer(PyObject *self, Py_buffer *view, int flags)
{
    if (check_released(self) < 0) {
        return -1;
    }
    if ((flags & PyBUF_WRITABLE) && MV(self)->view.readonly) {
        PyErr_SetString(PyExc_BufferError, "memoryview: underlying buffer is not writable");
        return -1;
    }
    /* a consumer that takes no strides must get C-contiguous memory, never strided bytes */
    if ((flags & PyBUF_STRIDES) != PyBUF_STRIDES && !is_c_contiguous(&MV(self)->view)) {
        PyErr_SetString(PyExc_BufferError, "memoryview: underlying buffer is not C-contiguous");
        return -1;
    }
    *view = MV(self)->view;
    view->obj = Py_NewRef(self);
    MV(self)->exports++;
    return 0;
}

static void
memory_releasebuf(PyObject *self, Py_buffer *Py_UNUSED(view))
{
    MV(self)->exports--;
}

static PyObject *
memory_repr(PyObject *self)
{
    if (MV(self)->flags & _Py_MEMORYVIEW_RELEASED) {
        return PyUnicode_FromFormat("<released memory at %p>", self);
    }
    return PyUnicode_FromFormat("<memory at %p>", self);
}

static PyGetSetDef memory_getset[] = {
    {"obj", memory_get_obj, NULL, "The underlying object of the memoryview.", NULL},
    {"nbytes", memory_get_nbytes, NULL,
     "The amount of space in bytes that the array would use "
     "in a contiguous representation.",
     NULL},
    {"readonly", memory_get_readonly, NULL, "A bool indicating whether the memory is read only.",
     NULL},
    {"itemsize", memory_get_itemsize, NULL,
     "The size in bytes of each element of the "
     "memoryview.",
     NULL},
    {"format", memory_get_format, NULL,
     "A string containing the format (in struct module "
     "style) for each element in the view.",
     NULL},
    {"ndim", memory_get_ndim, NULL,
     "An integer indicating how many dimensions of a "
     "multi-dimensional array the memory represents.",
     NULL},
    {"shape", memory_get_shape, NULL,
     "A tuple of ndim integers giving the shape of the memory "
     "as an N-dimensional array.",
     NULL},
    {"strides", memory_get_strides, NULL,
     "A tuple of ndim integers giving the size in bytes to "
     "access each element for each dimension of the "
     "array.",
     NULL},
    {"suboffsets", memory_get_suboffsets, NULL,
     "A tuple of integers used internally for "
     "PIL-style arrays.",
     NULL},
    {"c_contiguous", memory_get_c_contiguous, NULL,
     "A bool indicating whether the memory is C "
     "contiguous.",
     NULL},
    {"f_contiguous", memory_get_f_contiguous, NULL,
     "A bool indicating whether the memory is "
     "Fortran contiguous.",
     NULL},
    {"contiguous", memory_get_contiguous, NULL,
     "A bool indicating whether the memory is "
     "contiguous.",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#define FAST(fn) ((PyCFunction)(void (*)(void))(fn))

static PyMethodDef memory_methods[] = {
    {"release", memory_release, METH_NOARGS,
     "Release the underlying buffer exposed by the "
     "memoryview object."},
    {"tobytes", FAST(memory_tobytes), METH_FASTCALL | METH_KEYWORDS,
     "Return the data in the buffer as a byte string."},
    {"hex", FAST(memory_hex), METH_FASTCALL | METH_KEYWORDS,
     "Return the data in the buffer as a str of hexadecimal numbers."},
    {"tolist", memory_tolist, METH_NOARGS,
     "Return the data in the buffer as a list of "
     "elements."},
    {"toreadonly", memory_toreadonly, METH_NOARGS,
     "Return a readonly version of the "
     "memoryview."},
    {"cast", FAST(memory_cast), METH_FASTCALL | METH_KEYWORDS,
     "Cast a memoryview to a new format or shape."},
    {"__enter__", memory_enter, METH_NOARGS, NULL},
    {"__exit__", memory_exit, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods memory_as_sequence = {
    .sq_length = memory_length,
    .sq_item = memory_item,
};

static PyMappingMethods memory_as_mapping = {
    .mp_length = memory_length,
    .mp_subscript = memory_subscript,
    .mp_ass_subscript = memory_ass_sub,
};

static PyBufferProcs memory_as_buffer = {
    .bf_getbuffer = memory_getbuffer,
    .bf_releasebuffer = memory_releasebuf,
};

/* ---- memory_iterator: iter(memoryview) over a 1-D view, as CPython 3.11 ---- */

typedef struct {
    PyObject_HEAD
    PyObject *view;    /* the memoryview (owned), NULL once exhausted */
    Py_ssize_t index;  /* next item */
    Py_ssize_t length; /* shape[0] when the iterator was made */
} memoryiterobject;

static void
memoryiter_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_XDECREF(((memoryiterobject *)self)->view);
    PyObject_GC_Del(self);
}

static int
memoryiter_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((memoryiterobject *)self)->view);
    return 0;
}

static PyObject *
memoryiter_next(PyObject *self)
{
    memoryiterobject *it = (memoryiterobject *)self;
    if (it->view == NULL) {
        return NULL;
    }
    if (check_released(it->view) < 0) {
        return NULL;
    }
    if (it->index < it->length) {
        return unpack_item(it->view, item_ptr(it->view, it->index++));
    }
    Py_CLEAR(it->view);
    return NULL;
}

static PyTypeObject PyMemoryIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "memory_iterator",
    .tp_basicsize = sizeof(memoryiterobject),
    .tp_dealloc = memoryiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = memoryiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = memoryiter_next,
};

/* iter(m): TypeError for a 0-dim view, NotImplementedError for more than one dimension. */
static PyObject *
memory_iter(PyObject *self)
{
    if (check_released(self) < 0) {
        return NULL;
    }
    int ndim = MV(self)->view.ndim;
    if (ndim == 0) {
        PyErr_SetString(PyExc_TypeError, "invalid indexing of 0-dim memory");
        return NULL;
    }
    if (ndim != 1) {
        PyErr_SetString(PyExc_NotImplementedError,
                        "multi-dimensional sub-views are not implemented");
        return NULL;
    }
    memoryiterobject *it = PyObject_GC_New(memoryiterobject, &PyMemoryIter_Type);
    if (it == NULL) {
        return NULL;
    }
    it->view = Py_NewRef(self);
    it->index = 0;
    it->length = MV(self)->view.shape[0];
    PyObject_GC_Track(it);
    return (PyObject *)it;
}

PyTypeObject PyMemoryView_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "memoryview",
    .tp_basicsize = offsetof(PyMemoryViewObject, ob_array),
    .tp_itemsize = sizeof(Py_ssize_t),
    .tp_dealloc = memory_dealloc,
    .tp_repr = memory_repr,
    .tp_as_sequence = &memory_as_sequence,
    .tp_as_mapping = &memory_as_mapping,
    .tp_hash = memory_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_as_buffer = &memory_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_SEQUENCE,
    .tp_doc = "memoryview(object)\n--\n\n"
              "Create a new memoryview object which references the given object.",
    .tp_traverse = memory_traverse,
    .tp_richcompare = memory_richcompare,
    .tp_weaklistoffset = offsetof(PyMemoryViewObject, weakreflist),
    .tp_iter = memory_iter,
    .tp_methods = memory_methods,
    .tp_getset = memory_getset,
    .tp_new = memory_new,
};

/* Readies memoryview and the managed buffer type; 0 or -1. */
int
pyrs_memory_init(void)
{
    if (PyType_Ready(&_PyManagedBuffer_Type) < 0 || PyType_Ready(&PyMemoryView_Type) < 0 ||
        PyType_Ready(&PyMemoryIter_Type) < 0) {
        return -1;
    }
    return 0;
}
