/* bytesobject.c: the bytes type, mirroring CPython 3.11's Objects/bytesobject.c: allocation
 * with inline NUL-terminated data and cached hash (SipHash like str), the empty and one-byte
 * singletons, PyBytes_* API incl. FromFormat, repr with CPython's quote choice, comparison,
 * the buffer protocol, the constructor and the iterator. Methods: bytes_methods.c. */
#include "Python.h"
#include "pyrs/bytes.h"
#include "pyrs/containers.h"
#include "pyrs/lifecycle.h"
#include "pyrs/unicode.h"

static PyObject *characters[256];

int
pyrs_bytesbuf_put(PyrsBytesBuf *b, const void *p, Py_ssize_t n)
{
    if (n > b->cap - b->len) {
        Py_ssize_t cap = Py_MAX(b->cap * 2, b->len + n);
        cap = Py_MAX(cap, 64);
        char *nb = PyMem_Realloc(b->buf, (size_t)cap);
        if (nb == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, p, (size_t)n);
    b->len += n;
    return 0;
}
static PyObject *empty_bytes;

/* An uninitialised bytes of SIZE bytes (NUL-terminated); new reference or NULL. */
PyObject *
pyrs_bytes_alloc(Py_ssize_t size)
{
    if (size < 0) {
        PyErr_SetString(PyExc_SystemError, "Negative size passed to PyBytes_FromStringAndSize");
        return NULL;
    }
    if ((size_t)size > (size_t)PY_SSIZE_T_MAX - offsetof(PyBytesObject, ob_sval) - 1) {
        PyErr_SetString(PyExc_OverflowError, "byte string is too large");
        return NULL;
    }
    PyBytesObject *op = PyObject_Malloc(offsetof(PyBytesObject, ob_sval) + (size_t)size + 1);
    if (op == NULL) {
        return PyErr_NoMemory();
    }
    PyObject_InitVar((PyVarObject *)op, &PyBytes_Type, size);
    op->ob_shash = -1;
    op->ob_sval[size] = '\0';
    return (PyObject *)op;
}

PyObject *
PyBytes_FromStringAndSize(const char *str, Py_ssize_t size)
{
    if (size == 0 && empty_bytes != NULL) {
        return Py_NewRef(empty_bytes);
    }
    if (size == 1 && str != NULL && characters[(unsigned char)*str] != NULL) {
        return Py_NewRef(characters[(unsigned char)*str]);
    }
    PyObject *op = pyrs_bytes_alloc(size);
    if (op == NULL) {
        return NULL;
    }
    if (str != NULL) {
        memcpy(PyBytes_AS_STRING(op), str, (size_t)size);
        if (size == 1) {
            characters[(unsigned char)*str] = Py_NewRef(op);
        } else if (size == 0) {
            empty_bytes = Py_NewRef(op);
        }
    }
    return op;
}

PyObject *
PyBytes_FromString(const char *str)
{
    size_t n = strlen(str);
    if (n > (size_t)PY_SSIZE_T_MAX - sizeof(PyBytesObject)) {
        PyErr_SetString(PyExc_OverflowError, "byte string is too long");
        return NULL;
    }
    return PyBytes_FromStringAndSize(str, (Py_ssize_t)n);
}

Py_ssize_t
PyBytes_Size(PyObject *op)
{
    if (!PyBytes_Check(op)) {
        PyErr_Format(PyExc_TypeError, "expected bytes, %.200s found", Py_TYPE(op)->tp_name);
        return -1;
    }
    return Py_SIZE(op);
}

char *
PyBytes_AsString(PyObject *op)
{
    if (!PyBytes_Check(op)) {
        PyErr_Format(PyExc_TypeError, "expected bytes, %.200s found", Py_TYPE(op)->tp_name);
        return NULL;
    }
    return PyBytes_AS_STRING(op);
}

int
PyBytes_AsStringAndSize(PyObject *obj, char **s, Py_ssize_t *len)
{
    if (s == NULL) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (!PyBytes_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "expected bytes, %.200s found", Py_TYPE(obj)->tp_name);
        return -1;
    }
    *s = PyBytes_AS_STRING(obj);
    if (len != NULL) {
        *len = PyBytes_GET_SIZE(obj);
    } else if (strlen(*s) != (size_t)PyBytes_GET_SIZE(obj)) {
        PyErr_SetString(PyExc_ValueError, "embedded null byte");
        return -1;
    }
    return 0;
}

/* Resizes a fresh bytes (refcount 1) in place; on failure *PV is released and set to NULL. */
int
_PyBytes_Resize(PyObject **pv, Py_ssize_t newsize)
{
    PyObject *v = *pv;
    if (v == NULL || !PyBytes_Check(v) || newsize < 0) {
        *pv = NULL;
        Py_XDECREF(v);
        PyErr_BadInternalCall();
        return -1;
    }
    if (Py_SIZE(v) == newsize) {
        return 0;
    }
    if (Py_SIZE(v) == 0 || newsize == 0 || Py_REFCNT(v) != 1) {
        *pv = PyBytes_FromStringAndSize(NULL, newsize);
        if (*pv != NULL) {
            memcpy(PyBytes_AS_STRING(*pv), PyBytes_AS_STRING(v),
                   (size_t)Py_MIN(newsize, Py_SIZE(v)));
        }
        Py_DECREF(v);
        return *pv ? 0 : -1;
    }
    PyBytesObject *nv = PyObject_Realloc(v, offsetof(PyBytesObject, ob_sval) + (size_t)newsize + 1);
    if (nv == NULL) {
        *pv = NULL;
        PyObject_Free(v);
        PyErr_NoMemory();
        return -1;
    }
    Py_SET_SIZE(nv, newsize);
    nv->ob_sval[newsize] = '\0';
    nv->ob_shash = -1;
    *pv = (PyObject *)nv;
    return 0;
}

void
PyBytes_Concat(PyObject **pv, PyObject *w)
{
    if (*pv == NULL) {
        return;
    }
    if (w == NULL) {
        Py_CLEAR(*pv);
        return;
    }
    PyObject *res = pyrs_bytes_concat(*pv, w);
    Py_SETREF(*pv, res);
}

void
PyBytes_ConcatAndDel(PyObject **pv, PyObject *w)
{
    PyBytes_Concat(pv, w);
    Py_XDECREF(w);
}

/* ---- PyBytes_FromFormat ----------------------------------------------------------------- */

/* Appends the text of one directive at *PF (just past '%') to BB; advances *PF. Like
 * CPython 3.11: widths and flags are skipped, only %s uses the precision, and only %ld %lu
 * %zd %zu take size modifiers. 0 done, 1 unknown directive (the caller copies the rest of
 * the format verbatim), -1 error. */
static int
bytes_fmt_one(PyrsBytesBuf *bb, const char **pf, va_list *vargs)
{
    const char *f = *pf;
    char tmp[64];
    size_t prec = 0;
    while (*f >= '0' && *f <= '9') {
        f++;
    }
    if (*f == '.') {
        for (f++; *f >= '0' && *f <= '9'; f++) {
            prec = prec * 10 + (size_t)(*f - '0');
        }
    }
    while (*f && *f != '%' && !((*f >= 'a' && *f <= 'z') || (*f >= 'A' && *f <= 'Z'))) {
        f++;
    }
    int size = 0;
    if ((*f == 'l' || *f == 'z') && (f[1] == 'd' || f[1] == 'u')) {
        size = *f++;
    }
    char conv = *f;
    *pf = conv ? f + 1 : f;
    int n;
    switch (conv) {
    case '%':
        return pyrs_bytesbuf_put(bb, "%", 1);
    case 'c': {
        int c = va_arg(*vargs, int);
        if (c < 0 || c > 255) {
            PyErr_SetString(PyExc_OverflowError, "PyBytes_FromFormatV(): %c format expects an "
                                                 "integer in range [0; 255]");
            return -1;
        }
        char ch = (char)c;
        return pyrs_bytesbuf_put(bb, &ch, 1);
    }
    case 'd':
        n = size == 'l'   ? snprintf(tmp, sizeof tmp, "%ld", va_arg(*vargs, long))
            : size == 'z' ? snprintf(tmp, sizeof tmp, "%zd", va_arg(*vargs, Py_ssize_t))
                          : snprintf(tmp, sizeof tmp, "%d", va_arg(*vargs, int));
        return pyrs_bytesbuf_put(bb, tmp, n);
    case 'u':
        n = size == 'l'   ? snprintf(tmp, sizeof tmp, "%lu", va_arg(*vargs, unsigned long))
            : size == 'z' ? snprintf(tmp, sizeof tmp, "%zu", va_arg(*vargs, size_t))
                          : snprintf(tmp, sizeof tmp, "%u", va_arg(*vargs, unsigned int));
        return pyrs_bytesbuf_put(bb, tmp, n);
    case 'i':
        n = snprintf(tmp, sizeof tmp, "%i", va_arg(*vargs, int));
        return pyrs_bytesbuf_put(bb, tmp, n);
    case 'x':
        n = snprintf(tmp, sizeof tmp, "%x", va_arg(*vargs, int));
        return pyrs_bytesbuf_put(bb, tmp, n);
    case 'p':
        n = snprintf(tmp, sizeof tmp, "%p", va_arg(*vargs, void *));
        if (tmp[1] != 'x' && pyrs_bytesbuf_put(bb, "0x", 2) < 0) {
            return -1;
        }
        return pyrs_bytesbuf_put(bb, tmp, n);
    case 's': {
        const char *s = va_arg(*vargs, const char *);
        size_t len = strlen(s);
        if (prec > 0 && len > prec) {
            len = prec;
        }
        return pyrs_bytesbuf_put(bb, s, (Py_ssize_t)len);
    }
    default:
        return 1;
    }
}

/* printf-like with CPython 3.11's bytes subset (%c %d %i %u %x, %ld %lu %zd %zu, %s with a
 * precision, %p, %%); %s text is kept byte for byte. New bytes or NULL. */
PyObject *
PyBytes_FromFormatV(const char *format, va_list vargs)
{
    PyrsBytesBuf bb = {NULL, 0, 0};
    va_list ap;
    va_copy(ap, vargs);
    for (const char *f = format; *f;) {
        if (*f != '%') {
            const char *start = f;
            while (*f && *f != '%') {
                f++;
            }
            if (pyrs_bytesbuf_put(&bb, start, f - start) < 0) {
                goto error;
            }
            continue;
        }
        const char *percent = f++;
        int r = bytes_fmt_one(&bb, &f, &ap);
        if (r < 0) {
            goto error;
        }
        if (r > 0) {
            if (pyrs_bytesbuf_put(&bb, percent, (Py_ssize_t)strlen(percent)) < 0) {
                goto error;
            }
            break;
        }
    }
    va_end(ap);
    PyObject *res = PyBytes_FromStringAndSize(bb.buf ? bb.buf : "", bb.len);
    PyMem_Free(bb.buf);
    return res;
error:
    va_end(ap);
    PyMem_Free(bb.buf);
    return NULL;
}

PyObject *
PyBytes_FromFormat(const char *format, ...)
{
    va_list vargs;
    va_start(vargs, format);
    PyObject *res = PyBytes_FromFormatV(format, vargs);
    va_end(vargs);
    return res;
}

/* ---- repr, hash, compare ---------------------------------------------------------------- */

/* repr of N bytes at S with the b'' prefix (PREFIX "bytearray(" wraps it; with a prefix, a
 * single quote is escaped even inside double quotes, as bytearray's repr does); new
 * reference. */
PyObject *
pyrs_bytes_repr_data(const char *s, Py_ssize_t n, int smartquotes, const char *prefix,
                     const char *suffix)
{
    int quote = '\'';
    if (smartquotes && memchr(s, '\'', (size_t)n) && !memchr(s, '"', (size_t)n)) {
        quote = '"';
    }
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    if (pyrs_uniwriter_ascii(&w, prefix, (Py_ssize_t)strlen(prefix)) < 0 ||
        pyrs_uniwriter_putc(&w, 'b') < 0 || pyrs_uniwriter_putc(&w, (Py_UCS4)quote) < 0) {
        goto error;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char buf[8];
        int r;
        if (c == quote || c == '\\' || (c == '\'' && prefix[0] != '\0')) {
            buf[0] = '\\';
            buf[1] = (char)c;
            r = pyrs_uniwriter_ascii(&w, buf, 2);
        } else if (c == '\t' || c == '\n' || c == '\r') {
            r = pyrs_uniwriter_ascii(&w, c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r", 2);
        } else if (c < ' ' || c >= 0x7f) {
            snprintf(buf, sizeof buf, "\\x%02x", c);
            r = pyrs_uniwriter_ascii(&w, buf, 4);
        } else {
            r = pyrs_uniwriter_putc(&w, c);
        }
        if (r < 0) {
            goto error;
        }
    }
    if (pyrs_uniwriter_putc(&w, (Py_UCS4)quote) < 0 ||
        pyrs_uniwriter_ascii(&w, suffix, (Py_ssize_t)strlen(suffix)) < 0) {
        goto error;
    }
    return pyrs_uniwriter_finish(&w);
error:
    pyrs_uniwriter_dealloc(&w);
    return NULL;
}

PyObject *
PyBytes_Repr(PyObject *op, int smartquotes)
{
    return pyrs_bytes_repr_data(PyBytes_AS_STRING(op), Py_SIZE(op), smartquotes, "", "");
}

static PyObject *
bytes_repr(PyObject *op)
{
    return PyBytes_Repr(op, 1);
}

static PyObject *
bytes_str(PyObject *op)
{
    /* python -b warnings are not implemented; str(b) is repr(b). */
    return bytes_repr(op);
}

static Py_hash_t
bytes_hash(PyObject *op)
{
    PyBytesObject *b = (PyBytesObject *)op;
    if (b->ob_shash == -1) {
        b->ob_shash = _Py_HashBytes(b->ob_sval, Py_SIZE(b));
    }
    return b->ob_shash;
}

int
pyrs_bytes_compare(const char *a, Py_ssize_t la, const char *b, Py_ssize_t lb)
{
    int c = memcmp(a, b, (size_t)Py_MIN(la, lb));
    if (c != 0) {
        return c < 0 ? -1 : 1;
    }
    return la < lb ? -1 : la > lb ? 1 : 0;
}

static PyObject *
bytes_richcompare(PyObject *a, PyObject *b, int op)
{
    if (!PyBytes_Check(a) || !PyBytes_Check(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if ((op == Py_EQ || op == Py_NE) && Py_SIZE(a) != Py_SIZE(b)) {
        return PyBool_FromLong(op == Py_NE);
    }
    int c = pyrs_bytes_compare(PyBytes_AS_STRING(a), Py_SIZE(a), PyBytes_AS_STRING(b), Py_SIZE(b));
    Py_RETURN_RICHCOMPARE(c, 0, op);
}

/* ---- sequence protocol ------------------------------------------------------------------ */

static Py_ssize_t
bytes_length(PyObject *op)
{
    return Py_SIZE(op);
}

/* A + B for bytes-like A and B: bytes; NULL with TypeError. */
PyObject *
pyrs_bytes_concat(PyObject *a, PyObject *b)
{
    Py_buffer va, vb;
    PyObject *res = NULL;
    if (PyObject_GetBuffer(a, &va, PyBUF_SIMPLE) < 0 ||
        (PyObject_GetBuffer(b, &vb, PyBUF_SIMPLE) < 0 && (PyBuffer_Release(&va), 1))) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(b)->tp_name,
                     Py_TYPE(a)->tp_name);
        return NULL;
    }
    if (va.len > PY_SSIZE_T_MAX - vb.len) {
        PyErr_NoMemory();
    } else {
        res = PyBytes_FromStringAndSize(NULL, va.len + vb.len);
        if (res != NULL) {
            memcpy(PyBytes_AS_STRING(res), va.buf, (size_t)va.len);
            memcpy(PyBytes_AS_STRING(res) + va.len, vb.buf, (size_t)vb.len);
        }
    }
    PyBuffer_Release(&va);
    PyBuffer_Release(&vb);
    return res;
}

static PyObject *
bytes_repeat(PyObject *a, Py_ssize_t n)
{
    Py_ssize_t size = Py_SIZE(a);
    if (n < 0) {
        n = 0;
    }
    if (n == 1 && PyBytes_CheckExact(a)) {
        return Py_NewRef(a);
    }
    if (size > 0 && n > PY_SSIZE_T_MAX / size) {
        PyErr_SetString(PyExc_OverflowError, "repeated bytes are too long");
        return NULL;
    }
    PyObject *res = PyBytes_FromStringAndSize(NULL, size * n);
    if (res == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        memcpy(PyBytes_AS_STRING(res) + i * size, PyBytes_AS_STRING(a), (size_t)size);
    }
    return res;
}

static PyObject *
bytes_item(PyObject *a, Py_ssize_t i)
{
    if (i < 0 || i >= Py_SIZE(a)) {
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return NULL;
    }
    return PyLong_FromLong((unsigned char)PyBytes_AS_STRING(a)[i]);
}

static int
bytes_contains(PyObject *self, PyObject *arg)
{
    return pyrs_bytes_contains(PyBytes_AS_STRING(self), Py_SIZE(self), arg);
}

static PyObject *
bytes_subscript(PyObject *self, PyObject *item)
{
    if (PyIndex_Check(item)) {
        Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) {
            return NULL;
        }
        return bytes_item(self, i < 0 ? i + Py_SIZE(self) : i);
    }
    if (!PySlice_Check(item)) {
        PyErr_Format(PyExc_TypeError, "byte indices must be integers or slices, not %.200s",
                     Py_TYPE(item)->tp_name);
        return NULL;
    }
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(item, &start, &stop, &step) < 0) {
        return NULL;
    }
    Py_ssize_t n = PySlice_AdjustIndices(Py_SIZE(self), &start, &stop, step);
    if (n <= 0) {
        return PyBytes_FromStringAndSize("", 0);
    }
    if (step == 1) {
        if (n == Py_SIZE(self) && PyBytes_CheckExact(self)) {
            return Py_NewRef(self);
        }
        return PyBytes_FromStringAndSize(PyBytes_AS_STRING(self) + start, n);
    }
    PyObject *res = PyBytes_FromStringAndSize(NULL, n);
    if (res != NULL) {
        for (Py_ssize_t k = 0, i = start; k < n; k++, i = (Py_ssize_t)((size_t)i + (size_t)step)) {
            PyBytes_AS_STRING(res)[k] = PyBytes_AS_STRING(self)[i];
        }
    }
    return res;
}

static int
bytes_getbuffer(PyObject *self, Py_buffer *view, int flags)
{
    return PyBuffer_FillInfo(view, self, PyBytes_AS_STRING(self), Py_SIZE(self), 1, flags);
}

static PyObject *
bytes_mod(PyObject *self, PyObject *args)
{
    if (!PyBytes_Check(self)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return pyrs_bytes_format(PyBytes_AS_STRING(self), Py_SIZE(self), args);
}

static PyNumberMethods bytes_as_number = {
    .nb_remainder = bytes_mod,
};

static PySequenceMethods bytes_as_sequence = {
    .sq_length = bytes_length,
    .sq_concat = pyrs_bytes_concat,
    .sq_repeat = bytes_repeat,
    .sq_item = bytes_item,
    .sq_contains = bytes_contains,
};

static PyMappingMethods bytes_as_mapping = {
    .mp_length = bytes_length,
    .mp_subscript = bytes_subscript,
};

static PyBufferProcs bytes_as_buffer = {
    .bf_getbuffer = bytes_getbuffer,
};

/* bytes.__bytes__: SELF for an exact bytes, else an exact copy. */
static PyObject *
bytes_dunder_bytes(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    if (PyBytes_CheckExact(self)) {
        return Py_NewRef(self);
    }
    return PyBytes_FromStringAndSize(PyBytes_AS_STRING(self), Py_SIZE(self));
}

static PyMethodDef bytes_own_methods[] = {
    {"__bytes__", bytes_dunder_bytes, METH_NOARGS,
     "__bytes__($self, /)\n--\n\nConvert this value to exact type bytes."},
    {NULL, NULL, 0, NULL},
};

/* ---- construction ----------------------------------------------------------------------- */

/* bytes(X) for one non-str argument without __bytes__: a count, buffer or iterable. */
static PyObject *
bytes_from_source(PyObject *x)
{
    if (PyBytes_CheckExact(x)) {
        return Py_NewRef(x);
    }
    PyObject *ba = pyrs_bytes_from_object(x, 1);
    if (ba == NULL) {
        return NULL;
    }
    PyObject *res = PyBytes_FromStringAndSize(PyByteArray_AS_STRING(ba), Py_SIZE(ba));
    Py_DECREF(ba);
    return res;
}

/* bytes(x) for x a buffer or an iterable of ints (not str, not a count); new reference. */
PyObject *
PyBytes_FromObject(PyObject *x)
{
    /* Unlike bytes(), no count and no str: only buffers and iterables of ints. */
    if (PyUnicode_Check(x) || (PyIndex_Check(x) && !PyObject_CheckBuffer(x) &&
                               Py_TYPE(x)->tp_iter == NULL && !PySequence_Check(x))) {
        PyErr_Format(PyExc_TypeError, "cannot convert '%.200s' object to bytes",
                     Py_TYPE(x)->tp_name);
        return NULL;
    }
    return bytes_from_source(x);
}

static PyObject *
bytes_subtype_copy(PyTypeObject *type, PyObject *exact)
{
    if (type == &PyBytes_Type) {
        return exact;
    }
    PyObject *sub = type->tp_alloc(type, Py_SIZE(exact));
    if (sub != NULL) {
        ((PyBytesObject *)sub)->ob_shash = -1;
        memcpy(PyBytes_AS_STRING(sub), PyBytes_AS_STRING(exact), (size_t)Py_SIZE(exact) + 1);
    }
    Py_DECREF(exact);
    return sub;
}

static PyObject *
bytes_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *const kwlist[] = {"source", "encoding", "errors", NULL};
    PyObject *a[3] = {NULL, NULL, NULL};
    if (pyrs_bytes_parse_new("bytes", args, kwds, kwlist, a) < 0) {
        return NULL;
    }
    PyObject *res;
    if (a[0] == NULL) {
        if (a[1] || a[2]) {
            PyErr_SetString(PyExc_TypeError, a[1] ? "encoding without a string argument"
                                                  : "errors without a string argument");
            return NULL;
        }
        res = PyBytes_FromStringAndSize("", 0);
    } else if (a[1] || a[2]) {
        res = pyrs_bytes_from_str_args("bytes", a[0], a[1], a[2]);
    } else {
        /* __bytes__ first, even on a str subclass; a plain str then fails for lack of an
         * encoding, as in CPython */
        static PyObject *name;
        PyObject *method = NULL;
        if (name == NULL && (name = PyUnicode_InternFromString("__bytes__")) == NULL) {
            return NULL;
        }
        if (!PyBytes_CheckExact(a[0]) && (method = _PyObject_LookupSpecial(a[0], name)) != NULL) {
            res = PyObject_CallNoArgs(method);
            Py_DECREF(method);
            if (res != NULL && !PyBytes_Check(res)) {
                PyErr_Format(PyExc_TypeError, "__bytes__ returned non-bytes (type %.200s)",
                             Py_TYPE(res)->tp_name);
                Py_CLEAR(res);
            }
        } else if (PyErr_Occurred()) {
            return NULL;
        } else if (PyUnicode_Check(a[0])) {
            res = pyrs_bytes_from_str_args("bytes", a[0], NULL, NULL);
        } else {
            res = bytes_from_source(a[0]);
        }
    }
    return res ? bytes_subtype_copy(type, res) : NULL;
}

/* ---- iterator --------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    Py_ssize_t index; /* next position */
    PyObject *seq;    /* the bytes, NULL when exhausted */
} BytesIter;

static void
bytesiter_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_XDECREF(((BytesIter *)self)->seq);
    PyObject_GC_Del(self);
}

static int
bytesiter_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((BytesIter *)self)->seq);
    return 0;
}

static PyObject *
bytesiter_next(PyObject *self)
{
    BytesIter *it = (BytesIter *)self;
    if (it->seq == NULL) {
        return NULL;
    }
    if (it->index < Py_SIZE(it->seq)) {
        return PyLong_FromLong((unsigned char)PyBytes_AS_STRING(it->seq)[it->index++]);
    }
    Py_CLEAR(it->seq);
    return NULL;
}

static PyObject *
bytesiter_len(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    BytesIter *it = (BytesIter *)self;
    return PyLong_FromSsize_t(it->seq ? Py_SIZE(it->seq) - it->index : 0);
}

/* (iter, (bytes,), index), or (iter, ((),)) once exhausted, as CPython pickles it. */
static PyObject *
bytesiter_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    BytesIter *it = (BytesIter *)self;
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
bytesiter_setstate(PyObject *self, PyObject *state)
{
    BytesIter *it = (BytesIter *)self;
    Py_ssize_t index = PyLong_AsSsize_t(state);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (it->seq != NULL) {
        it->index = index < 0 ? 0 : (index > Py_SIZE(it->seq) ? Py_SIZE(it->seq) : index);
    }
    Py_RETURN_NONE;
}

static PyMethodDef bytesiter_methods[] = {
    {"__reduce__", bytesiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", bytesiter_setstate, METH_O, "Set state information for unpickling."},
    {"__length_hint__", bytesiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyBytesIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "bytes_iterator",
    .tp_basicsize = sizeof(BytesIter),
    .tp_dealloc = bytesiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = bytesiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = bytesiter_next,
    .tp_methods = bytesiter_methods,
};

static PyObject *
bytes_iter(PyObject *seq)
{
    BytesIter *it = PyObject_GC_New(BytesIter, &PyBytesIter_Type);
    if (it == NULL) {
        return NULL;
    }
    it->index = 0;
    it->seq = Py_NewRef(seq);
    PyObject_GC_Track(it);
    return (PyObject *)it;
}

static void
bytes_dealloc(PyObject *self)
{
    Py_TYPE(self)->tp_free(self);
}

PyTypeObject PyBytes_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "bytes",
    .tp_basicsize = offsetof(PyBytesObject, ob_sval) + 1,
    .tp_itemsize = 1,
    .tp_dealloc = bytes_dealloc,
    .tp_repr = bytes_repr,
    .tp_as_number = &bytes_as_number,
    .tp_as_sequence = &bytes_as_sequence,
    .tp_as_mapping = &bytes_as_mapping,
    .tp_hash = bytes_hash,
    .tp_str = bytes_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_as_buffer = &bytes_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BYTES_SUBCLASS |
                _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = "bytes(iterable_of_ints) -> bytes\n"
              "bytes(string, encoding[, errors]) -> bytes\n"
              "bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\n"
              "bytes(int) -> bytes object of size given by the parameter initialized with null "
              "bytes\n"
              "bytes() -> empty bytes object",
    .tp_richcompare = bytes_richcompare,
    .tp_iter = bytes_iter,
    .tp_base = &PyBaseObject_Type,
    .tp_new = bytes_new,
    .tp_free = PyObject_Free,
};

/* Readies bytes and its iterator; 0 or -1. */
int
pyrs_bytes_init(void)
{
    /* bytes' table: the methods shared with bytearray plus its own. */
    size_t nshared = 0;
    while (pyrs_bytes_methods[nshared].ml_name != NULL) {
        nshared++;
    }
    PyMethodDef *table =
        PyMem_RawCalloc(nshared + Py_ARRAY_LENGTH(bytes_own_methods), sizeof(PyMethodDef));
    if (table == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(table, pyrs_bytes_methods, nshared * sizeof(PyMethodDef));
    memcpy(table + nshared, bytes_own_methods, sizeof bytes_own_methods);
    PyBytes_Type.tp_methods = table;
    if (PyType_Ready(&PyBytes_Type) < 0 || PyType_Ready(&PyBytesIter_Type) < 0) {
        return -1;
    }
    return 0;
}
