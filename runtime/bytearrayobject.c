/* bytearrayobject.c: the bytearray type, mirroring CPython 3.11's Objects/bytearrayobject.c:
 * the (ob_alloc, ob_bytes, ob_start, ob_exports) layout, resizing refused while buffers are
 * exported, construction from int/buffer/iterable/str+encoding, the mutators, repr, comparison
 * and the buffer protocol. Shared read-only methods come from bytes_methods.c. */
#include "Python.h"
#include "pyrs/bytes.h"
#include "pyrs/containers.h"
#include "pyrs/lifecycle.h"
#include "pyrs/unicode.h"

#define FAST(fn) ((PyCFunction)(void (*)(void))(fn))

char _PyByteArray_empty_string[] = "";

#define BA(op) ((PyByteArrayObject *)(op))

/* Resizes to LEN bytes keeping the contents; 0, or -1 with BufferError/MemoryError. */
int
PyByteArray_Resize(PyObject *self, Py_ssize_t len)
{
    PyByteArrayObject *b = BA(self);
    if (len < 0) {
        PyErr_Format(PyExc_ValueError, "Can only resize to positive sizes, got %zd", len);
        return -1;
    }
    if (len == Py_SIZE(self)) {
        return 0;
    }
    if (b->ob_exports > 0) {
        PyErr_SetString(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
        return -1;
    }
    Py_ssize_t offset = b->ob_start - b->ob_bytes;
    if (offset + len + 1 > b->ob_alloc || len + 1 < b->ob_alloc / 2) {
        Py_ssize_t alloc =
            len + 1 > b->ob_alloc ? len + (len >> 3) + (len < 9 ? 3 : 6) + 1 : len + 1;
        char *nb = PyObject_Malloc((size_t)alloc);
        if (nb == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(nb, b->ob_start ? b->ob_start : "", (size_t)Py_MIN(len, Py_SIZE(self)));
        PyObject_Free(b->ob_bytes);
        b->ob_bytes = b->ob_start = nb;
        b->ob_alloc = alloc;
    }
    Py_SET_SIZE(self, len);
    b->ob_start[len] = '\0';
    return 0;
}

PyObject *
PyByteArray_FromStringAndSize(const char *s, Py_ssize_t len)
{
    if (len < 0) {
        PyErr_SetString(PyExc_SystemError, "Negative size passed to PyByteArray_FromStringAndSize");
        return NULL;
    }
    PyByteArrayObject *b = PyObject_New(PyByteArrayObject, &PyByteArray_Type);
    if (b == NULL) {
        return NULL;
    }
    Py_SET_SIZE(b, 0);
    b->ob_alloc = 0;
    b->ob_bytes = b->ob_start = NULL;
    b->ob_exports = 0;
    if (len > 0) {
        if (PyByteArray_Resize((PyObject *)b, len) < 0) {
            Py_DECREF(b);
            return NULL;
        }
        if (s != NULL) {
            memcpy(b->ob_start, s, (size_t)len);
        }
    }
    return (PyObject *)b;
}

Py_ssize_t
PyByteArray_Size(PyObject *self)
{
    return Py_SIZE(self);
}

char *
PyByteArray_AsString(PyObject *self)
{
    return PyByteArray_AS_STRING(self);
}

/* Appends N bytes at S; 0 or -1. */
static int
ba_append_mem(PyObject *self, const char *s, Py_ssize_t n)
{
    Py_ssize_t old = Py_SIZE(self);
    if (n == 0) {
        return 0;
    }
    if (n > PY_SSIZE_T_MAX - old) {
        PyErr_NoMemory();
        return -1;
    }
    if (PyByteArray_Resize(self, old + n) < 0) {
        return -1;
    }
    memmove(BA(self)->ob_start + old, s, (size_t)n);
    return 0;
}

/* A byte value from an int-like V: 0..255 or -1 with CPython's errors (RANGE_MSG for values
 * outside 0..255). */
static int
byte_value_msg(PyObject *v, const char *range_msg)
{
    Py_ssize_t x = PyNumber_AsSsize_t(v, NULL);
    if (x == -1 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                         Py_TYPE(v)->tp_name);
        }
        return -1;
    }
    if (x < 0 || x > 255) {
        PyErr_SetString(PyExc_ValueError, range_msg);
        return -1;
    }
    return (int)x;
}

static int
byte_value(PyObject *v)
{
    return byte_value_msg(v, "byte must be in range(0, 256)");
}

static int
ba_extend_iterable(PyObject *self, PyObject *x, int for_bytes)
{
    PyObject *it = PyObject_GetIter(x), *item;
    if (it == NULL) {
        return -1;
    }
    while ((item = PyIter_Next(it)) != NULL) {
        int v = byte_value_msg(item, for_bytes ? "bytes must be in range(0, 256)"
                                               : "byte must be in range(0, 256)");
        Py_DECREF(item);
        char c = (char)v;
        if (v < 0 || ba_append_mem(self, &c, 1) < 0) {
            Py_DECREF(it);
            return -1;
        }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

/* Fills the empty bytearray SELF from X (int, buffer, iterable); 0 or -1. FOR_BYTES selects
 * bytes()'s error wording. */
static int
ba_fill(PyObject *self, PyObject *x, int for_bytes)
{
    if (PyUnicode_Check(x)) {
        PyErr_SetString(PyExc_TypeError, "string argument without an encoding");
        return -1;
    }
    Py_ssize_t n = -1;
    if (PyIndex_Check(x)) {
        n = PyNumber_AsSsize_t(x, PyExc_OverflowError);
        if (n == -1 && PyErr_Occurred()) {
            /* a TypeError from __index__ falls through to the buffer and iterable paths */
            if (!PyErr_ExceptionMatches(PyExc_TypeError)) {
                return -1;
            }
            PyErr_Clear();
            n = -2;
        }
    }
    if (n != -2 && PyIndex_Check(x)) {
        if (n < 0) {
            PyErr_SetString(PyExc_ValueError, "negative count");
            return -1;
        }
        if (n > 0 && PyByteArray_Resize(self, n) < 0) {
            return -1;
        }
        if (n > 0) {
            memset(BA(self)->ob_start, 0, (size_t)n);
        }
        return 0;
    }
    if (PyObject_CheckBuffer(x)) {
        /* any layout (a strided memoryview too), copied in C order as CPython does */
        Py_buffer v;
        if (PyObject_GetBuffer(x, &v, PyBUF_FULL_RO) < 0) {
            return -1;
        }
        Py_ssize_t at = Py_SIZE(self);
        int r = PyBuffer_IsContiguous(&v, 'C') ? ba_append_mem(self, v.buf, v.len)
                : PyByteArray_Resize(self, at + v.len) < 0
                    ? -1
                    : PyBuffer_ToContiguous(BA(self)->ob_start + at, &v, v.len, 'C');
        PyBuffer_Release(&v);
        return r;
    }
    PyObject *it = PyObject_GetIter(x);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "cannot convert '%.200s' object to %s",
                         Py_TYPE(x)->tp_name, for_bytes ? "bytes" : "bytearray");
        }
        return -1;
    }
    Py_DECREF(it);
    return ba_extend_iterable(self, x, for_bytes);
}

PyObject *
pyrs_bytes_from_object(PyObject *x, int for_bytes)
{
    PyObject *self = PyByteArray_FromStringAndSize(NULL, 0);
    if (self != NULL && ba_fill(self, x, for_bytes) < 0) {
        Py_CLEAR(self);
    }
    return self;
}

PyObject *
PyByteArray_FromObject(PyObject *o)
{
    PyObject *self = PyByteArray_FromStringAndSize(NULL, 0);
    if (self != NULL && ba_fill(self, o, 0) < 0) {
        Py_CLEAR(self);
    }
    return self;
}

PyObject *
PyByteArray_Concat(PyObject *a, PyObject *b)
{
    PyObject *bytes = pyrs_bytes_concat(a, b);
    if (bytes == NULL) {
        return NULL;
    }
    PyObject *res = PyByteArray_FromStringAndSize(PyBytes_AS_STRING(bytes), Py_SIZE(bytes));
    Py_DECREF(bytes);
    return res;
}

/* ---- slots ------------------------------------------------------------------------------ */

static void
bytearray_dealloc(PyObject *self)
{
    if (BA(self)->ob_exports > 0) {
        PyErr_SetString(PyExc_SystemError, "deallocated bytearray object has exported buffers");
        PyErr_Print();
    }
    PyObject_Free(BA(self)->ob_bytes);
    Py_TYPE(self)->tp_free(self);
}

static int
bytearray_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    static const char *const kwlist[] = {"source", "encoding", "errors", NULL};
    PyObject *a[3];
    if (pyrs_bytes_parse_new("bytearray", args, kwds, kwlist, a) < 0) {
        return -1;
    }
    if (Py_SIZE(self) != 0 && PyByteArray_Resize(self, 0) < 0) {
        return -1;
    }
    if (a[0] == NULL) {
        if (a[1] || a[2]) {
            PyErr_SetString(PyExc_TypeError, a[1] ? "encoding without a string argument"
                                                  : "errors without a string argument");
            return -1;
        }
        return 0;
    }
    if (a[1] || a[2]) {
        PyObject *enc = pyrs_bytes_from_str_args("bytearray", a[0], a[1], a[2]);
        if (enc == NULL) {
            return -1;
        }
        int r = ba_append_mem(self, PyBytes_AS_STRING(enc), Py_SIZE(enc));
        Py_DECREF(enc);
        return r;
    }
    return ba_fill(self, a[0], 0);
}

static PyObject *
bytearray_repr(PyObject *self)
{
    const char *name = Py_TYPE(self)->tp_name;
    char prefix[256];
    snprintf(prefix, sizeof prefix, "%s(", name);
    return pyrs_bytes_repr_data(PyByteArray_AS_STRING(self), Py_SIZE(self), 1, prefix, ")");
}

static PyObject *
bytearray_richcompare(PyObject *a, PyObject *b, int op)
{
    Py_buffer va, vb;
    if (!PyObject_CheckBuffer(a) || !PyObject_CheckBuffer(b) || PyUnicode_Check(a) ||
        PyUnicode_Check(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (PyObject_GetBuffer(a, &va, PyBUF_SIMPLE) < 0) {
        PyErr_Clear();
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (PyObject_GetBuffer(b, &vb, PyBUF_SIMPLE) < 0) {
        PyErr_Clear();
        PyBuffer_Release(&va);
        Py_RETURN_NOTIMPLEMENTED;
    }
    int c = pyrs_bytes_compare(va.buf, va.len, vb.buf, vb.len);
    PyBuffer_Release(&va);
    PyBuffer_Release(&vb);
    Py_RETURN_RICHCOMPARE(c, 0, op);
}

static Py_ssize_t
bytearray_length(PyObject *self)
{
    return Py_SIZE(self);
}

static PyObject *
bytearray_item(PyObject *self, Py_ssize_t i)
{
    if (i < 0 || i >= Py_SIZE(self)) {
        PyErr_SetString(PyExc_IndexError, "bytearray index out of range");
        return NULL;
    }
    return PyLong_FromLong((unsigned char)BA(self)->ob_start[i]);
}

static PyObject *
bytearray_subscript(PyObject *self, PyObject *key)
{
    if (PyIndex_Check(key)) {
        Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) {
            return NULL;
        }
        return bytearray_item(self, i < 0 ? i + Py_SIZE(self) : i);
    }
    if (!PySlice_Check(key)) {
        PyErr_Format(PyExc_TypeError, "bytearray indices must be integers or slices, not %.200s",
                     Py_TYPE(key)->tp_name);
        return NULL;
    }
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(key, &start, &stop, &step) < 0) {
        return NULL;
    }
    Py_ssize_t n = PySlice_AdjustIndices(Py_SIZE(self), &start, &stop, step);
    PyObject *res = PyByteArray_FromStringAndSize(NULL, n > 0 ? n : 0);
    for (Py_ssize_t k = 0, i = start; res && k < n;
         k++, i = (Py_ssize_t)((size_t)i + (size_t)step)) {
        BA(res)->ob_start[k] = BA(self)->ob_start[i];
    }
    return res;
}

/* self[lo:hi] = bytes of VALUE (NULL deletes). */
static int
ba_setslice(PyObject *self, Py_ssize_t lo, Py_ssize_t hi, const char *src, Py_ssize_t n)
{
    Py_ssize_t size = Py_SIZE(self), growth = n - (hi - lo);
    char *tail = NULL;
    Py_ssize_t tailn = size - hi;
    if (growth != 0) {
        tail = PyMem_Malloc((size_t)tailn + 1);
        if (tail == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(tail, PyByteArray_AS_STRING(self) + hi, (size_t)tailn);
        if (PyByteArray_Resize(self, size + growth) < 0) {
            PyMem_Free(tail);
            return -1;
        }
        if (tailn > 0) {
            memcpy(BA(self)->ob_start + lo + n, tail, (size_t)tailn);
        }
        PyMem_Free(tail);
    }
    if (n > 0) {
        memmove(BA(self)->ob_start + lo, src, (size_t)n);
    }
    return 0;
}

static int
bytearray_ass_subscript(PyObject *self, PyObject *key, PyObject *value)
{
    if (PyIndex_Check(key)) {
        Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) {
            return -1;
        }
        /* the value first: its __index__ may resize the array (CPython's order) */
        int v = value == NULL ? 0 : byte_value(value);
        if (v < 0) {
            return -1;
        }
        i = i < 0 ? i + Py_SIZE(self) : i;
        if (i < 0 || i >= Py_SIZE(self)) {
            PyErr_SetString(PyExc_IndexError, "bytearray index out of range");
            return -1;
        }
        if (value == NULL) {
            return ba_setslice(self, i, i + 1, NULL, 0);
        }
        BA(self)->ob_start[i] = (char)v;
        return 0;
    }
    if (!PySlice_Check(key)) {
        PyErr_Format(PyExc_TypeError, "bytearray indices must be integers or slices, not %.200s",
                     Py_TYPE(key)->tp_name);
        return -1;
    }
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(key, &start, &stop, &step) < 0) {
        return -1;
    }
    Py_ssize_t n = PySlice_AdjustIndices(Py_SIZE(self), &start, &stop, step);
    PyObject *bytes = NULL;
    if (value != NULL) {
        if (PyIndex_Check(value) || PyUnicode_Check(value)) {
            PyErr_Format(PyExc_TypeError, "can assign only bytes, buffers, or iterables of ints "
                                          "in range(0, 256)");
            return -1;
        }
        bytes = PyBytes_FromObject(value);
        if (bytes == NULL) {
            return -1;
        }
    }
    int r = 0;
    if (step == 1) {
        stop = stop < start ? start : stop;
        r = ba_setslice(self, start, stop, bytes ? PyBytes_AS_STRING(bytes) : NULL,
                        bytes ? Py_SIZE(bytes) : 0);
    } else if (bytes == NULL || Py_SIZE(bytes) == 0) {
        /* Assigning nothing deletes the extended slice (CPython): compact the kept bytes,
         * after checking that no buffer export forbids resizing. */
        if (n > 0 && BA(self)->ob_exports > 0) {
            PyErr_SetString(PyExc_BufferError,
                            "Existing exports of data: object cannot be re-sized");
            Py_XDECREF(bytes);
            return -1;
        }
        char *s = BA(self)->ob_start;
        Py_ssize_t size = Py_SIZE(self), k = 0;
        if (step < 0) {
            start = start + step * (n - 1);
            step = -step;
        }
        for (Py_ssize_t i = 0; i < size; i++) {
            if (n > 0 && i >= start && (i - start) % step == 0 && (i - start) / step < n) {
                continue;
            }
            s[k++] = s[i];
        }
        r = PyByteArray_Resize(self, k);
    } else if (Py_SIZE(bytes) != n) {
        PyErr_Format(PyExc_ValueError,
                     "attempt to assign bytes of size %zd to extended slice of size %zd",
                     Py_SIZE(bytes), n);
        r = -1;
    } else {
        for (Py_ssize_t k = 0, i = start; k < n; k++, i = (Py_ssize_t)((size_t)i + (size_t)step)) {
            BA(self)->ob_start[i] = PyBytes_AS_STRING(bytes)[k];
        }
    }
    Py_XDECREF(bytes);
    return r;
}

static int
bytearray_ass_item(PyObject *self, Py_ssize_t i, PyObject *value)
{
    PyObject *key = PyLong_FromSsize_t(i);
    if (key == NULL) {
        return -1;
    }
    int r = bytearray_ass_subscript(self, key, value);
    Py_DECREF(key);
    return r;
}

static int
bytearray_contains(PyObject *self, PyObject *arg)
{
    return pyrs_bytes_contains(PyByteArray_AS_STRING(self), Py_SIZE(self), arg);
}

static PyObject *
bytearray_concat(PyObject *a, PyObject *b)
{
    return PyByteArray_Concat(a, b);
}

static PyObject *
bytearray_iconcat(PyObject *self, PyObject *other)
{
    Py_buffer v;
    if (PyObject_GetBuffer(other, &v, PyBUF_SIMPLE) < 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(other)->tp_name,
                     Py_TYPE(self)->tp_name);
        return NULL;
    }
    int r = ba_append_mem(self, v.buf, v.len);
    PyBuffer_Release(&v);
    return r < 0 ? NULL : Py_NewRef(self);
}

static PyObject *
bytearray_repeat(PyObject *self, Py_ssize_t n)
{
    Py_ssize_t size = Py_SIZE(self);
    n = n < 0 ? 0 : n;
    if (size > 0 && n > PY_SSIZE_T_MAX / size) {
        return PyErr_NoMemory();
    }
    PyObject *res = PyByteArray_FromStringAndSize(NULL, size * n);
    for (Py_ssize_t i = 0; res && size > 0 && i < n; i++) {
        memcpy(BA(res)->ob_start + i * size, BA(self)->ob_start, (size_t)size);
    }
    return res;
}

static PyObject *
bytearray_irepeat(PyObject *self, Py_ssize_t n)
{
    PyObject *r = bytearray_repeat(self, n);
    if (r == NULL) {
        return NULL;
    }
    int rc = ba_setslice(self, 0, Py_SIZE(self), PyByteArray_AS_STRING(r), Py_SIZE(r));
    Py_DECREF(r);
    return rc < 0 ? NULL : Py_NewRef(self);
}

static int
bytearray_getbuffer(PyObject *self, Py_buffer *view, int flags)
{
    if (view == NULL) {
        PyErr_SetString(PyExc_BufferError, "bytearray_getbuffer: view==NULL argument is obsolete");
        return -1;
    }
    void *ptr = Py_SIZE(self) ? BA(self)->ob_start : _PyByteArray_empty_string;
    if (PyBuffer_FillInfo(view, self, ptr, Py_SIZE(self), 0, flags) < 0) {
        return -1;
    }
    BA(self)->ob_exports++;
    return 0;
}

static void
bytearray_releasebuffer(PyObject *self, Py_buffer *Py_UNUSED(view))
{
    BA(self)->ob_exports--;
}

static PyObject *
bytearray_mod(PyObject *self, PyObject *args)
{
    if (!PyByteArray_Check(self)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *b = pyrs_bytes_format(PyByteArray_AS_STRING(self), Py_SIZE(self), args);
    if (b == NULL) {
        return NULL;
    }
    PyObject *res = PyByteArray_FromStringAndSize(PyBytes_AS_STRING(b), Py_SIZE(b));
    Py_DECREF(b);
    return res;
}

/* ---- mutators --------------------------------------------------------------------------- */

static PyObject *
ba_append(PyObject *self, PyObject *arg)
{
    int v = byte_value(arg);
    char c = (char)v;
    if (v < 0 || ba_append_mem(self, &c, 1) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
ba_extend(PyObject *self, PyObject *arg)
{
    if (arg == self) {
        /* a.extend(a): append a copy, since our own exported buffer forbids resizing */
        PyObject *copy = PyBytes_FromStringAndSize(PyByteArray_AS_STRING(self), Py_SIZE(self));
        if (copy == NULL) {
            return NULL;
        }
        int r = ba_append_mem(self, PyBytes_AS_STRING(copy), Py_SIZE(copy));
        Py_DECREF(copy);
        return r < 0 ? NULL : Py_NewRef(Py_None);
    }
    if (PyObject_CheckBuffer(arg)) {
        Py_buffer v;
        if (PyObject_GetBuffer(arg, &v, PyBUF_SIMPLE) < 0) {
            return NULL;
        }
        int r = ba_append_mem(self, v.buf, v.len);
        PyBuffer_Release(&v);
        return r < 0 ? NULL : Py_NewRef(Py_None);
    }
    PyObject *it = PyObject_GetIter(arg);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "can't extend bytearray with %.100s",
                         Py_TYPE(arg)->tp_name);
        }
        return NULL;
    }
    Py_DECREF(it);
    /* collect into a new array first, so a bad item leaves SELF unchanged (CPython) */
    PyObject *tmp = PyByteArray_FromStringAndSize(NULL, 0);
    if (tmp == NULL || ba_extend_iterable(tmp, arg, 0) < 0 ||
        ba_append_mem(self, PyByteArray_AS_STRING(tmp), Py_SIZE(tmp)) < 0) {
        Py_XDECREF(tmp);
        return NULL;
    }
    Py_DECREF(tmp);
    Py_RETURN_NONE;
}

static PyObject *
ba_insert(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t i, n = Py_SIZE(self);
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "insert expected 2 arguments, got %zd", nargs);
        return NULL;
    }
    i = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
    if (i == -1 && PyErr_Occurred()) {
        return NULL;
    }
    int v = byte_value(args[1]);
    if (v < 0) {
        return NULL;
    }
    i = i < 0 ? Py_MAX(i + n, 0) : Py_MIN(i, n);
    char c = (char)v;
    return ba_setslice(self, i, i, &c, 1) < 0 ? NULL : Py_NewRef(Py_None);
}

static PyObject *
ba_pop(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t i = -1, n = Py_SIZE(self);
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "pop expected at most 1 argument, got %zd", nargs);
        return NULL;
    }
    if (nargs == 1 && (i = PyNumber_AsSsize_t(args[0], PyExc_OverflowError)) == -1 &&
        PyErr_Occurred()) {
        return NULL;
    }
    if (n == 0) {
        PyErr_SetString(PyExc_IndexError, "pop from empty bytearray");
        return NULL;
    }
    i = i < 0 ? i + n : i;
    if (i < 0 || i >= n) {
        PyErr_SetString(PyExc_IndexError, "pop index out of range");
        return NULL;
    }
    unsigned char c = (unsigned char)BA(self)->ob_start[i];
    if (ba_setslice(self, i, i + 1, NULL, 0) < 0) {
        return NULL;
    }
    return PyLong_FromLong(c);
}

static PyObject *
ba_remove(PyObject *self, PyObject *arg)
{
    int v = byte_value(arg);
    if (v < 0) {
        return NULL;
    }
    char *p = memchr(PyByteArray_AS_STRING(self), v, (size_t)Py_SIZE(self));
    if (p == NULL) {
        PyErr_SetString(PyExc_ValueError, "value not found in bytearray");
        return NULL;
    }
    Py_ssize_t i = p - BA(self)->ob_start;
    return ba_setslice(self, i, i + 1, NULL, 0) < 0 ? NULL : Py_NewRef(Py_None);
}

static PyObject *
ba_reverse(PyObject *self, PyObject *Py_UNUSED(a))
{
    char *s = PyByteArray_AS_STRING(self);
    for (Py_ssize_t i = 0, j = Py_SIZE(self) - 1; i < j; i++, j--) {
        char t = s[i];
        s[i] = s[j];
        s[j] = t;
    }
    Py_RETURN_NONE;
}

static PyObject *
ba_clear(PyObject *self, PyObject *Py_UNUSED(a))
{
    return PyByteArray_Resize(self, 0) < 0 ? NULL : Py_NewRef(Py_None);
}

static PyObject *
ba_copy(PyObject *self, PyObject *Py_UNUSED(a))
{
    return PyByteArray_FromStringAndSize(PyByteArray_AS_STRING(self), Py_SIZE(self));
}

static PyObject *
ba_alloc(PyObject *self, PyObject *Py_UNUSED(a))
{
    return PyLong_FromSsize_t(BA(self)->ob_alloc);
}

static PyObject *
latin1_args(PyObject *latin)
{
    PyObject *enc = PyUnicode_FromString("latin-1");
    PyObject *t = enc ? PyTuple_Pack(2, latin, enc) : NULL;
    Py_XDECREF(enc);
    return t;
}

/* Pickling: (type, (latin-1 str, 'latin-1') or (bytes,), __getstate__()). */
static PyObject *
ba_reduce_common(PyObject *self, int proto)
{
    PyObject *dict = NULL, *args = NULL, *res = NULL;
    static PyObject *getstate_name;
    if (getstate_name == NULL &&
        (getstate_name = PyUnicode_InternFromString("__getstate__")) == NULL) {
        return NULL;
    }
    /* the state is __getstate__() (3.11), so __slots__ values are pickled too */
    dict = PyObject_CallMethodNoArgs(self, getstate_name);
    if (dict == NULL) {
        return NULL;
    }
    const char *s = PyByteArray_AS_STRING(self);
    if (proto < 3) {
        PyObject *latin = PyUnicode_DecodeLatin1(s, Py_SIZE(self), NULL);
        args = latin ? latin1_args(latin) : NULL;
        Py_XDECREF(latin);
    } else {
        PyObject *b = PyBytes_FromStringAndSize(s, Py_SIZE(self));
        args = b ? PyTuple_Pack(1, b) : NULL;
        Py_XDECREF(b);
    }
    if (args != NULL) {
        res = PyTuple_Pack(3, (PyObject *)Py_TYPE(self), args, dict);
    }
    Py_XDECREF(args);
    Py_DECREF(dict);
    return res;
}

static PyObject *
ba_reduce(PyObject *self, PyObject *Py_UNUSED(a))
{
    return ba_reduce_common(self, 2);
}

static PyObject *
ba_reduce_ex(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    long proto = 0;
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "__reduce_ex__ expected at most 1 argument, got %zd", nargs);
        return NULL;
    }
    if (nargs == 1 && (proto = PyLong_AsLong(args[0])) == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return ba_reduce_common(self, (int)proto);
}

static PyMethodDef bytearray_own_methods[] = {
    {"__reduce__", ba_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__reduce_ex__", FAST(ba_reduce_ex), METH_FASTCALL, "Return state information for pickling."},
    {"append", ba_append, METH_O, NULL},
    {"extend", ba_extend, METH_O, NULL},
    {"insert", FAST(ba_insert), METH_FASTCALL, NULL},
    {"pop", FAST(ba_pop), METH_FASTCALL, NULL},
    {"remove", ba_remove, METH_O, NULL},
    {"reverse", ba_reverse, METH_NOARGS, NULL},
    {"clear", ba_clear, METH_NOARGS, NULL},
    {"copy", ba_copy, METH_NOARGS, NULL},
    {"__alloc__", ba_alloc, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- iterator --------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    Py_ssize_t index; /* next position */
    PyObject *seq;    /* the bytearray, NULL when exhausted */
} ByteArrayIter;

static void
bytearrayiter_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_XDECREF(((ByteArrayIter *)self)->seq);
    PyObject_GC_Del(self);
}

static int
bytearrayiter_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((ByteArrayIter *)self)->seq);
    return 0;
}

static PyObject *
bytearrayiter_next(PyObject *self)
{
    ByteArrayIter *it = (ByteArrayIter *)self;
    if (it->seq == NULL) {
        return NULL;
    }
    /* The bytearray may shrink while iterated: re-check the size every time. */
    if (it->index < Py_SIZE(it->seq)) {
        return PyLong_FromLong((unsigned char)PyByteArray_AS_STRING(it->seq)[it->index++]);
    }
    Py_CLEAR(it->seq);
    return NULL;
}

static PyObject *
bytearrayiter_len(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    ByteArrayIter *it = (ByteArrayIter *)self;
    Py_ssize_t n = it->seq ? Py_SIZE(it->seq) - it->index : 0;
    return PyLong_FromSsize_t(n < 0 ? 0 : n);
}

/* (iter, (bytearray,), index), or (iter, ((),)) once exhausted, as CPython pickles it. */
static PyObject *
bytearrayiter_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    ByteArrayIter *it = (ByteArrayIter *)self;
    PyObject *empty = PyTuple_New(0), *state = NULL, *res;
    if (empty == NULL) {
        return NULL;
    }
    if (it->seq != NULL && (state = PyLong_FromSsize_t(it->index)) == NULL) {
        Py_DECREF(empty);
        return NULL;
    }
    res = pyrs_iter_reduce(it->seq, state, empty);
    Py_XDECREF(state);
    Py_DECREF(empty);
    return res;
}

static PyObject *
bytearrayiter_setstate(PyObject *self, PyObject *state)
{
    ByteArrayIter *it = (ByteArrayIter *)self;
    Py_ssize_t index = PyLong_AsSsize_t(state);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (it->seq != NULL) {
        it->index = index < 0 ? 0 : (index > Py_SIZE(it->seq) ? Py_SIZE(it->seq) : index);
    }
    Py_RETURN_NONE;
}

static PyMethodDef bytearrayiter_methods[] = {
    {"__length_hint__", bytearrayiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", bytearrayiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", bytearrayiter_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyByteArrayIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "bytearray_iterator",
    .tp_basicsize = sizeof(ByteArrayIter),
    .tp_dealloc = bytearrayiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = bytearrayiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = bytearrayiter_next,
    .tp_methods = bytearrayiter_methods,
};

static PyObject *
bytearray_iter(PyObject *seq)
{
    ByteArrayIter *it = PyObject_GC_New(ByteArrayIter, &PyByteArrayIter_Type);
    if (it == NULL) {
        return NULL;
    }
    it->index = 0;
    it->seq = Py_NewRef(seq);
    PyObject_GC_Track(it);
    return (PyObject *)it;
}

static PyNumberMethods bytearray_as_number = {
    .nb_remainder = bytearray_mod,
};

static PySequenceMethods bytearray_as_sequence = {
    .sq_length = bytearray_length,
    .sq_concat = bytearray_concat,
    .sq_repeat = bytearray_repeat,
    .sq_item = bytearray_item,
    .sq_ass_item = bytearray_ass_item,
    .sq_contains = bytearray_contains,
    .sq_inplace_concat = bytearray_iconcat,
    .sq_inplace_repeat = bytearray_irepeat,
};

static PyMappingMethods bytearray_as_mapping = {
    .mp_length = bytearray_length,
    .mp_subscript = bytearray_subscript,
    .mp_ass_subscript = bytearray_ass_subscript,
};

static PyBufferProcs bytearray_as_buffer = {
    .bf_getbuffer = bytearray_getbuffer,
    .bf_releasebuffer = bytearray_releasebuffer,
};

PyTypeObject PyByteArray_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "bytearray",
    .tp_basicsize = sizeof(PyByteArrayObject),
    .tp_dealloc = bytearray_dealloc,
    .tp_repr = bytearray_repr,
    .tp_as_number = &bytearray_as_number,
    .tp_as_sequence = &bytearray_as_sequence,
    .tp_as_mapping = &bytearray_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_str = bytearray_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_as_buffer = &bytearray_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = "bytearray(iterable_of_ints) -> bytearray\n"
              "bytearray(string, encoding[, errors]) -> bytearray\n"
              "bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\n"
              "bytearray(int) -> bytes array of size given by the parameter initialized with "
              "null bytes\n"
              "bytearray() -> empty bytes array",
    .tp_richcompare = bytearray_richcompare,
    .tp_iter = bytearray_iter,
    .tp_init = bytearray_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_Free,
};

/* Builds bytearray's method table (the shared bytes methods plus the mutators) and readies
 * the type; 0 or -1. */
int
pyrs_bytearray_init(void)
{
    size_t nshared = 0, nown = Py_ARRAY_LENGTH(bytearray_own_methods);
    while (pyrs_bytes_methods[nshared].ml_name != NULL) {
        nshared++;
    }
    PyMethodDef *table = PyMem_RawCalloc(nshared + nown, sizeof(PyMethodDef));
    if (table == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < nshared; i++) {
        if (strcmp(pyrs_bytes_methods[i].ml_name, "__getnewargs__") != 0) {
            table[k++] = pyrs_bytes_methods[i];
        }
    }
    memcpy(table + k, bytearray_own_methods, sizeof bytearray_own_methods);
    PyByteArray_Type.tp_methods = table;
    if (PyType_Ready(&PyByteArrayIter_Type) < 0) {
        return -1;
    }
    return PyType_Ready(&PyByteArray_Type);
}
