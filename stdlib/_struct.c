/* The _struct module: Struct objects compiled from format strings, pack/unpack and friends,
 * struct.error and the format cache, as CPython 3.11's Modules/_struct.c behaves on x86-64
 * Linux: native ('@') sizes and alignment, standard sizes for '<' '=' '>' '!', and the native
 * packers used for the little-endian standard codes whose sizes agree (hence their messages). */
#include "Python.h"
#include "pyrs/call.h"

#include <float.h>
#include <math.h>

enum { ORDER_NATIVE, ORDER_LITTLE, ORDER_BIG };

/* One packed item: a code, its byte offset and size (for 's'/'p' the whole field). */
typedef struct {
    char code;         /* format character */
    Py_ssize_t offset; /* byte offset in the packed data */
    Py_ssize_t size;   /* bytes of this item */
} StructCode;

typedef struct {
    PyObject_HEAD
    Py_ssize_t s_size;     /* bytes of packed data */
    Py_ssize_t s_len;      /* number of items */
    int s_order;           /* ORDER_* */
    StructCode *s_codes;   /* s_len items (x pads excluded) */
    PyObject *s_format;    /* the format as str */
    PyObject *weakreflist; /* weak references */
} PyStructObject;

static PyObject *StructError;  /* struct.error */
static PyObject *struct_cache; /* format -> Struct, at most MAXCACHE entries */
#define MAXCACHE 100

static PyTypeObject PyStructType;
static PyTypeObject unpackiter_type;

/* ---- format compilation --------------------------------------------------------------------- */

/* Size and alignment of CODE in ORDER; 0 size for an unknown code. */
static Py_ssize_t
code_size(char c, int order, Py_ssize_t *align)
{
    Py_ssize_t s = 0;
    int native = order == ORDER_NATIVE;
    switch (c) {
    case 'x':
    case 'c':
    case 'b':
    case 'B':
    case '?':
    case 's':
    case 'p':
        s = 1;
        break;
    case 'h':
    case 'H':
    case 'e':
        s = 2;
        break;
    case 'i':
    case 'I':
    case 'f':
        s = 4;
        break;
    case 'l':
    case 'L':
        s = native ? (Py_ssize_t)sizeof(long) : 4;
        break;
    case 'q':
    case 'Q':
    case 'd':
        s = 8;
        break;
    case 'n':
    case 'N':
    case 'P':
        s = native ? 8 : 0;
        break;
    default:
        break;
    }
    *align = native ? s : 0;
    return s;
}

/* Compiles FMT (bytes) into SELF's code list; 0, or -1 with struct.error. */
static int
struct_compile(PyStructObject *self, const char *fmt)
{
    const char *s = fmt;
    int order = ORDER_NATIVE;
    switch (*s) {
    case '<':
    case '=':
        order = ORDER_LITTLE;
        s++;
        break;
    case '>':
    case '!':
        order = ORDER_BIG;
        s++;
        break;
    case '@':
        s++;
        break;
    default:
        break;
    }
    const char *start = s;
    Py_ssize_t size = 0, len = 0;
    /* two passes: count, then fill */
    for (int pass = 0; pass < 2; pass++) {
        size = 0;
        Py_ssize_t k = 0;
        s = start;
        char c;
        while ((c = *s++) != '\0') {
            if (c == ' ' || (c >= 9 && c <= 13)) {
                continue;
            }
            Py_ssize_t num = 1;
            if (c >= '0' && c <= '9') {
                num = c - '0';
                while ((c = *s++) >= '0' && c <= '9') {
                    if (num > (PY_SSIZE_T_MAX - (c - '0')) / 10) {
                        goto overflow;
                    }
                    num = num * 10 + (c - '0');
                }
                if (c == '\0') {
                    PyErr_SetString(StructError, "repeat count given without format specifier");
                    return -1;
                }
            }
            Py_ssize_t align, itemsize = code_size(c, order, &align);
            if (itemsize == 0) {
                PyErr_SetString(StructError, "bad char in struct format");
                return -1;
            }
            if (align > 1 && size > 0) {
                Py_ssize_t extra = (align - 1) - (size - 1) % align;
                if (extra > PY_SSIZE_T_MAX - size) {
                    goto overflow;
                }
                size += extra;
            }
            if (num > (PY_SSIZE_T_MAX - size) / itemsize) {
                goto overflow;
            }
            if (c == 's' || c == 'p') {
                if (pass == 1) {
                    self->s_codes[k] = (StructCode){c, size, num};
                }
                k++;
            } else if (c != 'x') {
                if (pass == 1) {
                    for (Py_ssize_t i = 0; i < num; i++) {
                        self->s_codes[k + i] = (StructCode){c, size + i * itemsize, itemsize};
                    }
                }
                k += num;
            }
            size += num * itemsize;
        }
        if (pass == 0) {
            len = k;
            self->s_codes = PyMem_Malloc(sizeof(StructCode) * (size_t)(len + 1));
            if (self->s_codes == NULL) {
                PyErr_NoMemory();
                return -1;
            }
        }
    }
    self->s_size = size;
    self->s_len = len;
    self->s_order = order;
    return 0;
overflow:
    PyErr_SetString(StructError, "total struct size too long");
    return -1;
}

/* ---- packing one item ----------------------------------------------------------------------- */

/* v as an int (through __index__): new reference, or NULL with struct.error. */
static PyObject *
get_pylong(PyObject *v)
{
    if (PyLong_Check(v)) {
        return Py_NewRef(v);
    }
    if (Py_TYPE(v)->tp_as_number != NULL && Py_TYPE(v)->tp_as_number->nb_index != NULL) {
        return PyNumber_Index(v);
    }
    PyErr_SetString(StructError, "required argument is not an integer");
    return NULL;
}

static int
out_of_range(void)
{
    if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
        PyErr_SetString(StructError, "argument out of range");
    }
    return -1;
}

static int
get_long(PyObject *v, long long *out)
{
    PyObject *l = get_pylong(v);
    if (l == NULL) {
        return -1;
    }
    long long x = PyLong_AsLongLong(l);
    Py_DECREF(l);
    if (x == -1 && PyErr_Occurred()) {
        return out_of_range();
    }
    *out = x;
    return 0;
}

static int
get_ulong(PyObject *v, unsigned long long *out)
{
    PyObject *l = get_pylong(v);
    if (l == NULL) {
        return -1;
    }
    unsigned long long x = PyLong_AsUnsignedLongLong(l);
    Py_DECREF(l);
    if (x == (unsigned long long)-1 && PyErr_Occurred()) {
        return out_of_range();
    }
    *out = x;
    return 0;
}

static int
range_error(char c, Py_ssize_t size, int is_unsigned)
{
    unsigned long long ulargest = ~0ULL >> ((8 - size) * 8);
    if (is_unsigned) {
        PyErr_Format(StructError, "'%c' format requires 0 <= number <= %llu", c, ulargest);
    } else {
        long long largest = (long long)(ulargest >> 1);
        PyErr_Format(StructError, "'%c' format requires %lld <= number <= %lld", c, ~largest,
                     largest);
    }
    return -1;
}

static void
put_bytes(char *p, unsigned long long x, Py_ssize_t size, int big)
{
    for (Py_ssize_t i = 0; i < size; i++) {
        p[big ? size - 1 - i : i] = (char)(x & 0xff);
        x >>= 8;
    }
}

/* Integer codes with the native packers' checks and messages. */
static int
pack_int_native(char c, Py_ssize_t size, PyObject *v, unsigned long long *out)
{
    long long x;
    unsigned long long ux;
    static const struct {
        char c;
        long long lo, hi;
        const char *msg;
    } small[] = {
        {'b', -128, 127, "byte format requires -128 <= number <= 127"},
        {'B', 0, 255, "ubyte format requires 0 <= number <= 255"},
        {'h', -32768, 32767, "short format requires -32768 <= number <= 32767"},
        {'H', 0, 65535, "ushort format requires 0 <= number <= 65535"},
    };
    for (size_t i = 0; i < Py_ARRAY_LENGTH(small); i++) {
        if (small[i].c == c) {
            if (get_long(v, &x) < 0) {
                return -1;
            }
            if (x < small[i].lo || x > small[i].hi) {
                PyErr_SetString(StructError, small[i].msg);
                return -1;
            }
            *out = (unsigned long long)x;
            return 0;
        }
    }
    switch (c) {
    case 'i':
    case 'l':
    case 'q':
    case 'n':
        if (get_long(v, &x) < 0) {
            return -1;
        }
        if (size == 4 && (x < INT_MIN || x > INT_MAX)) {
            return range_error(c, size, 0);
        }
        *out = (unsigned long long)x;
        return 0;
    default:
        if (get_ulong(v, &ux) < 0) {
            return -1;
        }
        if (size == 4 && ux > UINT_MAX) {
            return range_error(c, size, 1);
        }
        *out = ux;
        return 0;
    }
}

/* Integer codes with the standard-size packers' checks ('>' and the '<' l/L). */
static int
pack_int_std(char c, Py_ssize_t size, PyObject *v, unsigned long long *out)
{
    if (c == 'b' || c == 'B') {
        return pack_int_native(c, size, v, out);
    }
    if (c == 'q' || c == 'Q') {
        PyObject *l = get_pylong(v);
        if (l == NULL) {
            return -1;
        }
        int overflow = 0;
        if (c == 'q') {
            long long x = PyLong_AsLongLongAndOverflow(l, &overflow);
            *out = (unsigned long long)x;
        } else if (_PyLong_Sign(l) < 0) {
            overflow = 1;
        } else {
            *out = PyLong_AsUnsignedLongLong(l);
            if (*out == (unsigned long long)-1 && PyErr_Occurred()) {
                PyErr_Clear();
                overflow = 1;
            }
        }
        Py_DECREF(l);
        if (overflow) {
            PyErr_SetString(StructError, "int too large to convert");
            return -1;
        }
        return PyErr_Occurred() ? -1 : 0;
    }
    if (c == 'h' || c == 'i' || c == 'l') {
        long long x;
        if (get_long(v, &x) < 0) {
            return -1;
        }
        long long hi = size == 2 ? 32767 : 2147483647LL;
        if (x < -hi - 1 || x > hi) {
            return range_error(c, size, 0);
        }
        *out = (unsigned long long)x;
        return 0;
    }
    unsigned long long ux;
    if (get_ulong(v, &ux) < 0) {
        return -1;
    }
    if (ux > (~0ULL >> ((8 - size) * 8))) {
        return range_error(c, size, 1);
    }
    *out = ux;
    return 0;
}

static int
get_double(PyObject *v, double *out)
{
    double x = PyFloat_AsDouble(v);
    if (x == -1.0 && PyErr_Occurred()) {
        PyErr_SetString(StructError, "required argument is not a float");
        return -1;
    }
    *out = x;
    return 0;
}

static int
pack_bytes_field(const StructCode *code, char *p, PyObject *v)
{
    const char *data;
    Py_ssize_t n;
    if (PyBytes_Check(v)) {
        data = PyBytes_AS_STRING(v);
        n = PyBytes_GET_SIZE(v);
    } else if (PyByteArray_Check(v)) {
        data = PyByteArray_AS_STRING(v);
        n = PyByteArray_GET_SIZE(v);
    } else {
        PyErr_Format(StructError, "argument for '%c' must be a bytes object", code->code);
        return -1;
    }
    if (code->code == 's') {
        if (n > code->size) {
            n = code->size;
        }
        memcpy(p, data, (size_t)n);
        return 0;
    }
    if (n > code->size - 1) {
        n = code->size - 1;
    }
    if (n > 0) {
        memcpy(p + 1, data, (size_t)n);
    }
    if (n > 255) {
        n = 255;
    }
    if (code->size > 0) {
        *p = (char)n;
    }
    return 0;
}

/* Packs V as CODE at P (zeroed beforehand); 0 or -1 with an exception. */
static int
pack_one(const StructCode *code, int order, char *p, PyObject *v)
{
    char c = code->code;
    int big = order == ORDER_BIG;
    double d;
    unsigned long long u;
    switch (c) {
    case 's':
    case 'p':
        return pack_bytes_field(code, p, v);
    case 'c':
        if (PyBytes_Check(v) && PyBytes_GET_SIZE(v) == 1) {
            *p = PyBytes_AS_STRING(v)[0];
            return 0;
        }
        PyErr_SetString(StructError, "char format requires a bytes object of length 1");
        return -1;
    case '?': {
        int t = PyObject_IsTrue(v);
        if (t < 0) {
            return -1;
        }
        *p = (char)t;
        return 0;
    }
    case 'e':
        if (get_double(v, &d) < 0) {
            return -1;
        }
        return PyFloat_Pack2(d, p, !big);
    case 'f':
        if (get_double(v, &d) < 0) {
            return -1;
        }
        if (order == ORDER_NATIVE) {
            float f = (float)d;
            memcpy(p, &f, 4);
            return 0;
        }
        return PyFloat_Pack4(d, p, !big);
    case 'd':
        if (get_double(v, &d) < 0) {
            return -1;
        }
        return PyFloat_Pack8(d, p, !big);
    case 'P': {
        PyObject *l = get_pylong(v);
        if (l == NULL) {
            return -1;
        }
        int overflow = 0;
        if (_PyLong_Sign(l) < 0) {
            u = (unsigned long long)PyLong_AsLongLongAndOverflow(l, &overflow);
        } else {
            u = PyLong_AsUnsignedLongLong(l);
            if (u == (unsigned long long)-1 && PyErr_Occurred()) {
                PyErr_Clear();
                overflow = 1;
            }
        }
        Py_DECREF(l);
        if (overflow) {
            PyErr_SetString(StructError, "int too large to convert");
            return -1;
        }
        put_bytes(p, u, 8, 0);
        return 0;
    }
    default:
        break;
    }
    int native_checks = order == ORDER_NATIVE || (order == ORDER_LITTLE && c != 'l' && c != 'L');
    int rc =
        native_checks ? pack_int_native(c, code->size, v, &u) : pack_int_std(c, code->size, v, &u);
    if (rc < 0) {
        return -1;
    }
    put_bytes(p, u, code->size, big);
    return 0;
}

/* ---- unpacking one item --------------------------------------------------------------------- */

static PyObject *
unpack_one(const StructCode *code, int order, const char *p)
{
    char c = code->code;
    int big = order == ORDER_BIG;
    switch (c) {
    case 's':
        return PyBytes_FromStringAndSize(p, code->size);
    case 'p': {
        if (code->size == 0) {
            /* CPython 3.11 computes a length of -1 for '0p' and fails this way */
            PyErr_SetString(PyExc_SystemError, "Negative size passed to PyBytes_FromStringAndSize");
            return NULL;
        }
        Py_ssize_t n = (unsigned char)p[0];
        if (n >= code->size) {
            n = code->size - 1;
        }
        return PyBytes_FromStringAndSize(p + 1, n < 0 ? 0 : n);
    }
    case 'c':
        return PyBytes_FromStringAndSize(p, 1);
    case '?':
        return PyBool_FromLong(*p != 0);
    case 'e':
        return PyFloat_FromDouble(PyFloat_Unpack2(p, !big));
    case 'f':
        return PyFloat_FromDouble(PyFloat_Unpack4(p, !big));
    case 'd':
        return PyFloat_FromDouble(PyFloat_Unpack8(p, !big));
    default:
        break;
    }
    Py_ssize_t size = code->size;
    unsigned long long x = 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        unsigned char b = (unsigned char)p[big ? i : size - 1 - i];
        x = (x << 8) | b;
    }
    if (c == 'b' || c == 'h' || c == 'i' || c == 'l' || c == 'q' || c == 'n') {
        if (size < 8 && (x >> (size * 8 - 1)) & 1) {
            x |= ~0ULL << (size * 8);
        }
        return PyLong_FromLongLong((long long)x);
    }
    return PyLong_FromUnsignedLongLong(x);
}

/* ---- Struct objects ------------------------------------------------------------------------- */

/* FORMAT as a NUL-free byte string: new bytes reference or NULL with TypeError. */
static PyObject *
format_bytes(PyObject *format)
{
    if (PyUnicode_Check(format)) {
        return PyUnicode_AsASCIIString(format);
    }
    if (PyBytes_Check(format)) {
        return Py_NewRef(format);
    }
    PyErr_Format(PyExc_TypeError, "Struct() argument 1 must be a str or bytes object, not %.200s",
                 Py_TYPE(format)->tp_name);
    return NULL;
}

static int
struct_setformat(PyStructObject *self, PyObject *format)
{
    PyObject *b = format_bytes(format);
    if (b == NULL) {
        return -1;
    }
    if (strlen(PyBytes_AS_STRING(b)) != (size_t)PyBytes_GET_SIZE(b)) {
        Py_DECREF(b);
        PyErr_SetString(StructError, "embedded null character");
        return -1;
    }
    PyMem_Free(self->s_codes);
    self->s_codes = NULL;
    int rc = struct_compile(self, PyBytes_AS_STRING(b));
    if (rc == 0) {
        PyObject *s = PyUnicode_DecodeASCII(PyBytes_AS_STRING(b), PyBytes_GET_SIZE(b), NULL);
        if (s == NULL) {
            rc = -1;
        } else {
            Py_XSETREF(self->s_format, s);
        }
    }
    Py_DECREF(b);
    return rc;
}

static PyObject *
struct_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyStructObject *self = (PyStructObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->s_format = Py_NewRef(Py_None);
    (void)args;
    (void)kwds;
    return (PyObject *)self;
}

static int
struct_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args), nkw = kwds != NULL ? PyDict_GET_SIZE(kwds) : 0;
    if (n + nkw > 1) {
        PyErr_Format(PyExc_TypeError, "Struct() takes at most 1 %sargument (%zd given)",
                     n == 0 ? "keyword " : "", n + nkw);
        return -1;
    }
    PyObject *format = n == 1 ? PyTuple_GET_ITEM(args, 0) : NULL;
    if (nkw == 1) {
        /* an unknown keyword reads as the missing format, as clinic reports it */
        format = PyDict_GetItemString(kwds, "format");
    }
    if (format == NULL) {
        PyErr_SetString(PyExc_TypeError, "Struct() missing required argument 'format' (pos 1)");
        return -1;
    }
    return struct_setformat((PyStructObject *)op, format);
}

static void
struct_dealloc(PyObject *op)
{
    PyStructObject *self = (PyStructObject *)op;
    if (self->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    PyMem_Free(self->s_codes);
    Py_XDECREF(self->s_format);
    Py_TYPE(op)->tp_free(op);
}

/* Packs ARGS into BUF (s_size bytes, zeroed here). */
static int
struct_pack_to(PyStructObject *self, char *buf, PyObject *const *args)
{
    memset(buf, 0, (size_t)self->s_size);
    for (Py_ssize_t i = 0; i < self->s_len; i++) {
        const StructCode *code = &self->s_codes[i];
        if (pack_one(code, self->s_order, buf + code->offset, args[i]) < 0) {
            /* any overflow while packing an int is reported as struct.error */
            if (PyLong_Check(args[i]) && PyErr_ExceptionMatches(PyExc_OverflowError)) {
                PyErr_SetString(StructError, "int too large to convert");
            }
            return -1;
        }
    }
    return 0;
}

static PyObject *
struct_unpack_at(PyStructObject *self, const char *buf)
{
    PyObject *t = PyTuple_New(self->s_len);
    if (t == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < self->s_len; i++) {
        const StructCode *code = &self->s_codes[i];
        PyObject *v = unpack_one(code, self->s_order, buf + code->offset);
        if (v == NULL) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, v);
    }
    return t;
}

static PyObject *
s_pack(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    PyStructObject *self = (PyStructObject *)op;
    if (nargs != self->s_len) {
        PyErr_Format(StructError, "pack expected %zd items for packing (got %zd)", self->s_len,
                     nargs);
        return NULL;
    }
    PyObject *res = PyBytes_FromStringAndSize(NULL, self->s_size);
    if (res == NULL) {
        return NULL;
    }
    if (struct_pack_to(self, PyBytes_AS_STRING(res), args) < 0) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

static PyObject *
s_pack_into(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    PyStructObject *self = (PyStructObject *)op;
    if (nargs != self->s_len + 2) {
        if (nargs == 0) {
            PyErr_SetString(StructError, "pack_into expected buffer argument");
        } else if (nargs == 1) {
            PyErr_SetString(StructError, "pack_into expected offset argument");
        } else {
            PyErr_Format(StructError, "pack_into expected %zd items for packing (got %zd)",
                         self->s_len, nargs - 2);
        }
        return NULL;
    }
    Py_buffer buf;
    if (PyObject_GetBuffer(args[0], &buf, PyBUF_WRITABLE) < 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "argument must be read-write bytes-like object, not %.100s",
                     Py_TYPE(args[0])->tp_name);
        return NULL;
    }
    Py_ssize_t offset = PyNumber_AsSsize_t(args[1], PyExc_IndexError);
    if (offset == -1 && PyErr_Occurred()) {
        PyBuffer_Release(&buf);
        return NULL;
    }
    if (offset < 0) {
        if (offset + self->s_size > 0) {
            PyErr_Format(StructError, "no space to pack %zd bytes at offset %zd", self->s_size,
                         offset);
            goto error;
        }
        if (offset + buf.len < 0) {
            PyErr_Format(StructError, "offset %zd out of range for %zd-byte buffer", offset,
                         buf.len);
            goto error;
        }
        offset += buf.len;
    }
    if (buf.len - offset < self->s_size) {
        PyErr_Format(StructError,
                     "pack_into requires a buffer of at least %zu bytes for packing %zd bytes at "
                     "offset %zd (actual buffer size is %zd)",
                     (size_t)self->s_size + (size_t)offset, self->s_size, offset, buf.len);
        goto error;
    }
    if (struct_pack_to(self, (char *)buf.buf + offset, args + 2) < 0) {
        goto error;
    }
    PyBuffer_Release(&buf);
    Py_RETURN_NONE;
error:
    PyBuffer_Release(&buf);
    return NULL;
}

static PyObject *
s_unpack(PyObject *op, PyObject *arg)
{
    PyStructObject *self = (PyStructObject *)op;
    Py_buffer buf;
    if (PyObject_GetBuffer(arg, &buf, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    PyObject *res = NULL;
    if (buf.len != self->s_size) {
        PyErr_Format(StructError, "unpack requires a buffer of %zd bytes", self->s_size);
    } else {
        res = struct_unpack_at(self, buf.buf);
    }
    PyBuffer_Release(&buf);
    return res;
}

static PyObject *
unpack_from_impl(PyStructObject *self, PyObject *buffer, PyObject *offset_obj)
{
    Py_buffer buf;
    Py_ssize_t offset = 0;
    if (offset_obj != NULL) {
        offset = PyNumber_AsSsize_t(offset_obj, PyExc_OverflowError);
        if (offset == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    if (PyObject_GetBuffer(buffer, &buf, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    PyObject *res = NULL;
    if (offset < 0) {
        if (offset + self->s_size > 0) {
            PyErr_Format(StructError, "not enough data to unpack %zd bytes at offset %zd",
                         self->s_size, offset);
            goto done;
        }
        if (offset + buf.len < 0) {
            PyErr_Format(StructError, "offset %zd out of range for %zd-byte buffer", offset,
                         buf.len);
            goto done;
        }
        offset += buf.len;
    }
    if (buf.len - offset < self->s_size) {
        PyErr_Format(StructError,
                     "unpack_from requires a buffer of at least %zu bytes for unpacking %zd "
                     "bytes at offset %zd (actual buffer size is %zd)",
                     (size_t)self->s_size + (size_t)offset, self->s_size, offset, buf.len);
        goto done;
    }
    res = struct_unpack_at(self, (const char *)buf.buf + offset);
done:
    PyBuffer_Release(&buf);
    return res;
}

/* Argument matching for (buffer, offset=0) given positionally or by keyword. */
static int
buffer_offset_args(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                   PyObject **buffer, PyObject **offset)
{
    *buffer = nargs > 0 ? args[0] : NULL;
    *offset = nargs > 1 ? args[1] : NULL;
    if (nargs > 2) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most 2 arguments (%zd given)", fname, nargs);
        return -1;
    }
    Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t i = 0; i < nkw; i++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, i);
        PyObject **slot = NULL;
        if (PyUnicode_CompareWithASCIIString(key, "buffer") == 0) {
            slot = buffer;
        } else if (PyUnicode_CompareWithASCIIString(key, "offset") == 0) {
            slot = offset;
        } else {
            PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for %s()", key,
                         fname);
            return -1;
        }
        if (*slot != NULL) {
            PyErr_Format(PyExc_TypeError, "argument for %s() given by name ('%U') and position",
                         fname, key);
            return -1;
        }
        *slot = args[nargs + i];
    }
    if (*buffer == NULL) {
        PyErr_Format(PyExc_TypeError, "%s() missing required argument 'buffer' (pos 1)", fname);
        return -1;
    }
    return 0;
}

static PyObject *
s_unpack_from(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *buffer, *offset;
    if (buffer_offset_args("unpack_from", args, nargs, kwnames, &buffer, &offset) < 0) {
        return NULL;
    }
    return unpack_from_impl((PyStructObject *)op, buffer, offset);
}

/* ---- unpack iterators ----------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyStructObject *so; /* the Struct, owned */
    Py_buffer buf;      /* the data, held for the iterator's life */
    Py_ssize_t index;   /* byte offset of the next record */
} unpackiterobject;

static void
unpackiter_dealloc(PyObject *op)
{
    unpackiterobject *self = (unpackiterobject *)op;
    Py_XDECREF(self->so);
    if (self->buf.obj != NULL) {
        PyBuffer_Release(&self->buf);
    }
    PyObject_Free(op);
}

static PyObject *
unpackiter_iternext(PyObject *op)
{
    unpackiterobject *self = (unpackiterobject *)op;
    if (self->so == NULL) {
        return NULL;
    }
    if (self->index >= self->buf.len) {
        Py_CLEAR(self->so);
        PyBuffer_Release(&self->buf);
        return NULL;
    }
    PyObject *res = struct_unpack_at(self->so, (const char *)self->buf.buf + self->index);
    self->index += self->so->s_size;
    return res;
}

static PyObject *
unpackiter_len(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    unpackiterobject *self = (unpackiterobject *)op;
    Py_ssize_t len = 0;
    if (self->so != NULL) {
        len = (self->buf.len - self->index) / self->so->s_size;
    }
    return PyLong_FromSsize_t(len);
}

static PyMethodDef unpackiter_methods[] = {
    {"__length_hint__", unpackiter_len, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyObject *
unpackiter_new_refused(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    (void)args;
    (void)kwds;
    PyErr_Format(PyExc_TypeError, "cannot create '%s' instances", type->tp_name);
    return NULL;
}

static PyTypeObject unpackiter_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_struct.unpack_iterator",
    .tp_basicsize = sizeof(unpackiterobject),
    .tp_dealloc = unpackiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = unpackiter_iternext,
    .tp_methods = unpackiter_methods,
    .tp_new = unpackiter_new_refused,
};

static PyObject *
s_iter_unpack(PyObject *op, PyObject *buffer)
{
    PyStructObject *self = (PyStructObject *)op;
    if (self->s_size == 0) {
        PyErr_SetString(StructError, "cannot iteratively unpack with a struct of length 0");
        return NULL;
    }
    unpackiterobject *it = PyObject_New(unpackiterobject, &unpackiter_type);
    if (it == NULL) {
        return NULL;
    }
    it->so = NULL;
    it->buf.obj = NULL;
    it->index = 0;
    if (PyObject_GetBuffer(buffer, &it->buf, PyBUF_SIMPLE) < 0) {
        it->buf.obj = NULL;
        Py_DECREF(it);
        return NULL;
    }
    if (it->buf.len % self->s_size != 0) {
        PyErr_Format(StructError,
                     "iterative unpacking requires a buffer of a multiple of %zd bytes",
                     self->s_size);
        Py_DECREF(it);
        return NULL;
    }
    it->so = (PyStructObject *)Py_NewRef(op);
    return (PyObject *)it;
}

static PyObject *
s_sizeof(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PyStructObject *self = (PyStructObject *)op;
    size_t n = (size_t)Py_TYPE(op)->tp_basicsize + sizeof(StructCode) * (size_t)(self->s_len + 1);
    return PyLong_FromSize_t(n);
}

static PyObject *
s_get_format(PyObject *op, void *Py_UNUSED(closure))
{
    return Py_NewRef(((PyStructObject *)op)->s_format);
}

static PyObject *
s_get_size(PyObject *op, void *Py_UNUSED(closure))
{
    return PyLong_FromSsize_t(((PyStructObject *)op)->s_size);
}

static PyMethodDef struct_methods[] = {
    {"iter_unpack", s_iter_unpack, METH_O, NULL},
    {"pack", (PyCFunction)(void (*)(void))s_pack, METH_FASTCALL, NULL},
    {"pack_into", (PyCFunction)(void (*)(void))s_pack_into, METH_FASTCALL, NULL},
    {"unpack", s_unpack, METH_O, NULL},
    {"unpack_from", (PyCFunction)(void (*)(void))s_unpack_from, METH_FASTCALL | METH_KEYWORDS,
     NULL},
    {"__sizeof__", s_sizeof, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef struct_getset[] = {
    {"format", s_get_format, NULL, "struct format string", NULL},
    {"size", s_get_size, NULL, "struct size in bytes", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject PyStructType = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_struct.Struct",
    .tp_basicsize = sizeof(PyStructObject),
    .tp_dealloc = struct_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Struct(format)\n--\n\nCreate a compiled struct object.",
    .tp_weaklistoffset = offsetof(PyStructObject, weakreflist),
    .tp_methods = struct_methods,
    .tp_getset = struct_getset,
    .tp_init = struct_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = struct_new,
    .tp_free = PyObject_Free,
};

/* ---- module functions and the cache --------------------------------------------------------- */

/* The cached Struct for FORMAT: new reference or NULL. */
static PyObject *
cache_struct(PyObject *format)
{
    PyObject *s = PyDict_GetItemWithError(struct_cache, format);
    if (s != NULL) {
        return Py_NewRef(s);
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    s = PyObject_CallOneArg((PyObject *)&PyStructType, format);
    if (s == NULL) {
        return NULL;
    }
    if (PyDict_GET_SIZE(struct_cache) >= MAXCACHE) {
        PyDict_Clear(struct_cache);
    }
    if (PyDict_SetItem(struct_cache, format, s) < 0) {
        Py_DECREF(s);
        return NULL;
    }
    return s;
}

static PyObject *
struct_clearcache(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    PyDict_Clear(struct_cache);
    Py_RETURN_NONE;
}

static PyObject *
struct_calcsize(PyObject *Py_UNUSED(module), PyObject *format)
{
    PyObject *s = cache_struct(format);
    if (s == NULL) {
        return NULL;
    }
    PyObject *res = PyLong_FromSsize_t(((PyStructObject *)s)->s_size);
    Py_DECREF(s);
    return res;
}

static PyObject *
struct_pack(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs == 0) {
        PyErr_SetString(PyExc_TypeError, "missing format argument");
        return NULL;
    }
    PyObject *s = cache_struct(args[0]);
    if (s == NULL) {
        return NULL;
    }
    PyObject *res = s_pack(s, args + 1, nargs - 1);
    Py_DECREF(s);
    return res;
}

static PyObject *
struct_pack_into(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs == 0) {
        PyErr_SetString(PyExc_TypeError, "missing format argument");
        return NULL;
    }
    PyObject *s = cache_struct(args[0]);
    if (s == NULL) {
        return NULL;
    }
    PyObject *res = s_pack_into(s, args + 1, nargs - 1);
    Py_DECREF(s);
    return res;
}

static PyObject *
struct_unpack(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("unpack", nargs, 2, 2)) {
        return NULL;
    }
    PyObject *s = cache_struct(args[0]);
    if (s == NULL) {
        return NULL;
    }
    PyObject *res = s_unpack(s, args[1]);
    Py_DECREF(s);
    return res;
}

static PyObject *
struct_unpack_from(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames)
{
    if (nargs < 1) {
        PyErr_SetString(PyExc_TypeError,
                        "unpack_from() takes at least 1 positional argument (0 given)");
        return NULL;
    }
    PyObject *buffer, *offset;
    if (buffer_offset_args("unpack_from", args + 1, nargs - 1, kwnames, &buffer, &offset) < 0) {
        return NULL;
    }
    PyObject *s = cache_struct(args[0]);
    if (s == NULL) {
        return NULL;
    }
    PyObject *res = unpack_from_impl((PyStructObject *)s, buffer, offset);
    Py_DECREF(s);
    return res;
}

static PyObject *
struct_iter_unpack(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("iter_unpack", nargs, 2, 2)) {
        return NULL;
    }
    PyObject *s = cache_struct(args[0]);
    if (s == NULL) {
        return NULL;
    }
    PyObject *res = s_iter_unpack(s, args[1]);
    Py_DECREF(s);
    return res;
}

static PyMethodDef module_functions[] = {
    {"_clearcache", struct_clearcache, METH_NOARGS, NULL},
    {"calcsize", struct_calcsize, METH_O, NULL},
    {"iter_unpack", (PyCFunction)(void (*)(void))struct_iter_unpack, METH_FASTCALL, NULL},
    {"pack", (PyCFunction)(void (*)(void))struct_pack, METH_FASTCALL, NULL},
    {"pack_into", (PyCFunction)(void (*)(void))struct_pack_into, METH_FASTCALL, NULL},
    {"unpack", (PyCFunction)(void (*)(void))struct_unpack, METH_FASTCALL, NULL},
    {"unpack_from", (PyCFunction)(void (*)(void))struct_unpack_from, METH_FASTCALL | METH_KEYWORDS,
     NULL},
    {NULL, NULL, 0, NULL},
};

static int
struct_exec(PyObject *m)
{
    if (PyType_Ready(&PyStructType) < 0 || PyType_Ready(&unpackiter_type) < 0) {
        return -1;
    }
    if (StructError == NULL) {
        StructError = PyErr_NewException("struct.error", NULL, NULL);
        if (StructError == NULL) {
            return -1;
        }
    }
    if (struct_cache == NULL && (struct_cache = PyDict_New()) == NULL) {
        return -1;
    }
    if (PyModule_AddObjectRef(m, "error", StructError) < 0 ||
        PyModule_AddObjectRef(m, "Struct", (PyObject *)&PyStructType) < 0) {
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot struct_slots[] = {
    {Py_mod_exec, (void *)struct_exec},
    {0, NULL},
};

static PyModuleDef struct_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_struct",
    .m_doc = "Functions to convert between Python values and C structs.",
    .m_size = 0,
    .m_methods = module_functions,
    .m_slots = struct_slots,
};

PyMODINIT_FUNC PyInit__struct(void);

/* The _struct module definition (multi-phase); a borrowed reference to the def. */
PyMODINIT_FUNC
PyInit__struct(void)
{
    return PyModuleDef_Init(&struct_module);
}
