/* marshal.c: CPython 3.11's marshal serialization (format versions 0-4, references from
 * version 3, short ASCII and small tuples from version 4) for None/bool/StopIteration/
 * Ellipsis, int, float, complex, str, bytes and buffers, tuple, list, dict, set, frozenset;
 * and pyrs's register code objects under the 'c' type code, prefixed with the build's
 * bytecode format id (pyrs/marshal.h). Used by the marshal module and the bytecode cache. */
#include "Python.h"
#include "pyrs/code.h"
#include "pyrs/marshal.h"
#include "pyrs/sys.h"
#include "pyrs_code_format.h" /* generated: PYRS_CODE_FORMAT */

#define TYPE_NULL                 '0'
#define TYPE_NONE                 'N'
#define TYPE_FALSE                'F'
#define TYPE_TRUE                 'T'
#define TYPE_STOPITER             'S'
#define TYPE_ELLIPSIS             '.'
#define TYPE_INT                  'i'
#define TYPE_INT64                'I'
#define TYPE_FLOAT                'f'
#define TYPE_BINARY_FLOAT         'g'
#define TYPE_COMPLEX              'x'
#define TYPE_BINARY_COMPLEX       'y'
#define TYPE_LONG                 'l'
#define TYPE_STRING               's'
#define TYPE_INTERNED             't'
#define TYPE_REF                  'r'
#define TYPE_TUPLE                '('
#define TYPE_LIST                 '['
#define TYPE_DICT                 '{'
#define TYPE_CODE                 'c'
#define TYPE_UNICODE              'u'
#define TYPE_SET                  '<'
#define TYPE_FROZENSET            '>'
#define TYPE_ASCII                'a'
#define TYPE_ASCII_INTERNED       'A'
#define TYPE_SMALL_TUPLE          ')'
#define TYPE_SHORT_ASCII          'z'
#define TYPE_SHORT_ASCII_INTERNED 'Z'
#define FLAG_REF                  0x80
/* pyrs's own: a built-in exception class named by the next object (a str), allowed only
 * among the constants of a code object (the compiler keeps e.g. StopAsyncIteration there). */
#define TYPE_PYRS_BUILTIN_EXC 'E'

#define MAX_DEPTH             2000

/* Code arrays are copied as they are in memory (w_code_block, r_code_block). */
_Static_assert(sizeof(PyrsInstr) == 8, "PyrsInstr is one 64-bit word");
_Static_assert(sizeof(PyrsExcEntry) == 16, "PyrsExcEntry is four int32_t");
_Static_assert(sizeof(PyrsPosition) == 24, "PyrsPosition is six int32_t");

uint64_t
pyrs_marshal_code_format(void)
{
    return PYRS_CODE_FORMAT;
}

/* ---- writing ------------------------------------------------------------------------------ */

typedef struct {
    char *buf;
    size_t len, cap;
    int version;
    int depth;
    int in_code;     /* writing the fields of a code object */
    int failed;      /* an exception is set */
    PyObject **keys; /* open-addressed identity table for references */
    Py_ssize_t *vals;
    size_t tcap, tcount;
    size_t nrefs;     /* reference indexes given out (the reader numbers flagged objects alike) */
    PyObject *shared; /* dict: str or tuple in code written once -> its reference index */
} Writer;

static void
w_reserve(Writer *w, size_t n)
{
    if (w->failed || w->len + n <= w->cap) {
        return;
    }
    size_t cap = w->cap ? w->cap : 256;
    while (cap < w->len + n) {
        cap *= 2;
    }
    char *nb = PyMem_Realloc(w->buf, cap);
    if (nb == NULL) {
        PyErr_NoMemory();
        w->failed = 1;
        return;
    }
    w->buf = nb;
    w->cap = cap;
}

static void
w_bytes(Writer *w, const void *p, size_t n)
{
    w_reserve(w, n);
    if (!w->failed && n > 0) { /* an empty code block may come with a NULL pointer */
        memcpy(w->buf + w->len, p, n);
        w->len += n;
    }
}

static void
w_byte(Writer *w, int c)
{
    unsigned char b = (unsigned char)c;
    w_bytes(w, &b, 1);
}

static void
w_u32(Writer *w, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    w_bytes(w, b, 4);
}

static void
w_u64(Writer *w, uint64_t v)
{
    w_u32(w, (uint32_t)v);
    w_u32(w, (uint32_t)(v >> 32));
}

static void
w_size(Writer *w, Py_ssize_t n)
{
    if (n > INT32_MAX) {
        if (!w->failed) {
            PyErr_SetString(PyExc_ValueError, "unmarshallable object");
        }
        w->failed = 1;
        return;
    }
    w_u32(w, (uint32_t)n);
}

static void
w_double(Writer *w, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, 8);
    w_u64(w, bits);
}

static size_t
ptr_hash(PyObject *p, size_t mask)
{
    uintptr_t x = (uintptr_t)p >> 4;
    x ^= x >> 17;
    x *= 0x9E3779B97F4A7C15ull;
    return (size_t)(x >> 20) & mask;
}

static int
table_grow(Writer *w)
{
    size_t ncap = w->tcap ? w->tcap * 2 : 64;
    PyObject **nk = PyMem_Calloc(ncap, sizeof(PyObject *));
    Py_ssize_t *nv = PyMem_Calloc(ncap, sizeof(Py_ssize_t));
    if (nk == NULL || nv == NULL) {
        PyMem_Free(nk);
        PyMem_Free(nv);
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < w->tcap; i++) {
        if (w->keys[i] != NULL) {
            size_t j = ptr_hash(w->keys[i], ncap - 1);
            while (nk[j] != NULL) {
                j = (j + 1) & (ncap - 1);
            }
            nk[j] = w->keys[i];
            nv[j] = w->vals[i];
        }
    }
    PyMem_Free(w->keys);
    PyMem_Free(w->vals);
    w->keys = nk;
    w->vals = nv;
    w->tcap = ncap;
    return 0;
}

/* References as CPython writes them: an object seen before is written as TYPE_REF; one with
 * other owners is flagged so a reader can refer back to it. Returns 1 when written as a ref. */
static int
w_ref(Writer *w, PyObject *v, int *flag)
{
    if (w->version < 3 || Py_REFCNT(v) == 1) {
        return 0;
    }
    if (w->tcount * 2 >= w->tcap && table_grow(w) < 0) {
        w->failed = 1;
        return 1;
    }
    size_t j = ptr_hash(v, w->tcap - 1);
    while (w->keys[j] != NULL) {
        if (w->keys[j] == v) {
            w_byte(w, TYPE_REF);
            w_u32(w, (uint32_t)w->vals[j]);
            return 1;
        }
        j = (j + 1) & (w->tcap - 1);
    }
    w->keys[j] = Py_NewRef(v); /* kept alive so its address is not reused while writing */
    w->vals[j] = (Py_ssize_t)w->nrefs++;
    w->tcount++;
    *flag = FLAG_REF;
    return 0;
}

static void w_object(Writer *w, PyObject *v);
static void w_complex_object(Writer *w, PyObject *v, int flag);

static void
w_type(Writer *w, int type, int flag)
{
    w_byte(w, type | flag);
}

static void
w_long(Writer *w, PyObject *v, int flag)
{
    int overflow;
    long x = PyLong_AsLongAndOverflow(v, &overflow);
    if (!overflow && x >= INT32_MIN && x <= INT32_MAX) {
        w_type(w, TYPE_INT, flag);
        w_u32(w, (uint32_t)(int32_t)x);
        return;
    }
    PyErr_Clear();
    int sign = _PyLong_Sign(v);
    PyObject *a = PyNumber_Absolute(v);
    size_t nbits = a ? _PyLong_NumBits(a) : 0;
    size_t nbytes = nbits / 8 + 1;
    unsigned char *bytes = a ? PyMem_Malloc(nbytes) : NULL;
    if (bytes == NULL || _PyLong_AsByteArray((PyLongObject *)a, bytes, nbytes, 1, 0) < 0) {
        if (!PyErr_Occurred()) {
            PyErr_NoMemory();
        }
        Py_XDECREF(a);
        PyMem_Free(bytes);
        w->failed = 1;
        return;
    }
    Py_ssize_t ndigits = (Py_ssize_t)((nbits + 14) / 15);
    w_type(w, TYPE_LONG, flag);
    w_size(w, sign < 0 ? -ndigits : ndigits);
    for (Py_ssize_t i = 0; i < ndigits; i++) {
        unsigned digit = 0;
        for (int b = 0; b < 15; b++) {
            size_t bit = (size_t)i * 15 + (size_t)b;
            if (bit < nbits && (bytes[bit / 8] >> (bit % 8)) & 1) {
                digit |= 1u << b;
            }
        }
        w_byte(w, (int)(digit & 0xFF));
        w_byte(w, (int)(digit >> 8));
    }
    PyMem_Free(bytes);
    Py_DECREF(a);
}

static void
w_str_as(Writer *w, PyObject *v, int flag, int interned)
{
    if (w->version >= 4 && PyUnicode_IS_ASCII(v)) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(v);
        if (n < 256) {
            w_type(w, interned ? TYPE_SHORT_ASCII_INTERNED : TYPE_SHORT_ASCII, flag);
            w_byte(w, (int)n);
        } else {
            w_type(w, interned ? TYPE_ASCII_INTERNED : TYPE_ASCII, flag);
            w_size(w, n);
        }
        w_bytes(w, PyUnicode_DATA(v), (size_t)n);
        return;
    }
    PyObject *utf8 = PyUnicode_AsEncodedString(v, "utf8", "surrogatepass");
    if (utf8 == NULL) {
        w->failed = 1;
        return;
    }
    w_type(w, interned && w->version >= 3 ? TYPE_INTERNED : TYPE_UNICODE, flag);
    w_size(w, PyBytes_GET_SIZE(utf8));
    w_bytes(w, PyBytes_AS_STRING(utf8), (size_t)PyBytes_GET_SIZE(utf8));
    Py_DECREF(utf8);
}

/* The items of the set V in the order of their own marshal data, as CPython 3.11 writes
 * them, so that the output does not depend on the hash seed. */
static void
w_set_items(Writer *w, PyObject *v)
{
    PyObject *pairs = PyList_New(0), *it = pairs ? PyObject_GetIter(v) : NULL, *item;
    while (it != NULL && (item = PyIter_Next(it)) != NULL) {
        PyObject *dump = PyMarshal_WriteObjectToString(item, w->version);
        PyObject *pair = dump ? PyTuple_Pack(2, dump, item) : NULL;
        int r = pair == NULL ? -1 : PyList_Append(pairs, pair);
        Py_XDECREF(dump);
        Py_XDECREF(pair);
        Py_DECREF(item);
        if (r < 0) {
            break;
        }
    }
    Py_XDECREF(it);
    if (PyErr_Occurred() || pairs == NULL || PyList_Sort(pairs) < 0) {
        w->failed = 1;
        Py_XDECREF(pairs);
        return;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(pairs) && !w->failed; i++) {
        w_object(w, PyTuple_GET_ITEM(PyList_GET_ITEM(pairs, i), 1));
    }
    Py_DECREF(pairs);
}

static void
w_str(Writer *w, PyObject *v, int flag)
{
    w_str_as(w, v, flag, PyUnicode_CHECK_INTERNED(v) != 0);
}

/* 1 if V is made of identifier characters only (ASCII letters, digits, '_'). */
static int
is_name_like(PyObject *v)
{
    if (!PyUnicode_IS_ASCII(v) || PyUnicode_GET_LENGTH(v) == 0) {
        return 0;
    }
    const unsigned char *p = PyUnicode_1BYTE_DATA(v);
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(v); i++) {
        if (!(p[i] == '_' || (p[i] >= '0' && p[i] <= '9') ||
              ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z'))) {
            return 0;
        }
    }
    return 1;
}

/* 1 if V is a non-empty tuple of str, exact int, None or Ellipsis only: equal such tuples are
 * interchangeable (no 1 == True == 1.0 confusion), so one object can serve them all. */
static int
is_shareable_tuple(PyObject *v)
{
    if (!PyTuple_CheckExact(v) || PyTuple_GET_SIZE(v) == 0) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(v); i++) {
        PyObject *item = PyTuple_GET_ITEM(v, i);
        if (!PyUnicode_CheckExact(item) && !PyLong_CheckExact(item) && item != Py_None &&
            item != Py_Ellipsis) {
            return 0;
        }
    }
    return 1;
}

/* Inside a code object, values CPython's compiler would make one object of are written once
 * per equal value, later occurrences referring back to the first: identifier-like strings
 * (written interned, as CPython interns them) and the name and constant tuples many code
 * objects of a module share, such as (None,). Loading a module then makes and interns each
 * name once and builds far fewer tuples. Returns 1 when V was written this way. */
static int
w_code_shared(Writer *w, PyObject *v)
{
    int is_str = PyUnicode_CheckExact(v);
    if (!w->in_code || w->version < 3 ||
        (is_str ? !PyUnicode_CHECK_INTERNED(v) && !is_name_like(v) : !is_shareable_tuple(v))) {
        return 0;
    }
    if (w->shared == NULL && (w->shared = PyDict_New()) == NULL) {
        w->failed = 1;
        return 1;
    }
    PyObject *idx = PyDict_GetItemWithError(w->shared, v);
    if (idx != NULL) {
        w_byte(w, TYPE_REF);
        w_u32(w, (uint32_t)PyLong_AsSize_t(idx));
        return 1;
    }
    PyObject *n = PyErr_Occurred() ? NULL : PyLong_FromSize_t(w->nrefs);
    if (n == NULL || PyDict_SetItem(w->shared, v, n) < 0) {
        Py_XDECREF(n);
        w->failed = 1;
        return 1;
    }
    Py_DECREF(n);
    w->nrefs++; /* the reader numbers it before reading its items, as here */
    if (is_str) {
        w_str_as(w, v, FLAG_REF, 1);
    } else {
        w_complex_object(w, v, FLAG_REF);
    }
    return 1;
}

static void
w_sequence_items(Writer *w, PyObject *seq)
{
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    for (Py_ssize_t i = 0; i < n && !w->failed; i++) {
        w_object(w, PySequence_Fast_GET_ITEM(seq, i));
    }
}

/* Writes N bytes of an array of WIDTH-byte words (int32_t/uint64_t, or structs made only of
 * int32_t) little-endian: on a little-endian host that is the memory as it is. */
static void
w_code_block(Writer *w, const void *p, size_t n, int width)
{
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) &&                                 \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    (void)width;
    w_bytes(w, p, n);
#else
    for (size_t i = 0; i < n; i += (size_t)width) {
        if (width == 8) {
            w_u64(w, ((const uint64_t *)p)[i / 8]);
        } else {
            w_u32(w, ((const uint32_t *)p)[i / 4]);
        }
    }
#endif
}

/* A code object: format id, header, the eight object fields, then the arrays (their lengths
 * come from the header and from co_cellvars). */
static void
w_code(Writer *w, PyrsCodeObject *co, int flag)
{
    w_type(w, TYPE_CODE, flag);
    w_u64(w, PYRS_CODE_FORMAT);
    int32_t head[] = {co->co_argcount,        co->co_posonlyargcount, co->co_kwonlyargcount,
                      co->co_flags,           co->co_firstlineno,     co->co_nregs,
                      (int32_t)co->co_ninstr, (int32_t)co->co_nexc,   co->co_cell2arg != NULL,
                      co->co_posns != NULL};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) {
        w_u32(w, (uint32_t)head[i]);
    }
    PyObject *objs[] = {co->co_consts,   co->co_names,    co->co_varnames, co->co_cellvars,
                        co->co_freevars, co->co_filename, co->co_name,     co->co_qualname};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) {
        w_object(w, objs[i]);
    }
    w_code_block(w, co->co_code, (size_t)co->co_ninstr * 8, 8);
    w_code_block(w, co->co_lines, (size_t)co->co_ninstr * 4, 4);
    w_code_block(w, co->co_exctab, (size_t)co->co_nexc * 16, 4);
    for (int i = 0; co->co_cell2arg != NULL && i < co->co_ncells; i++) {
        w_u32(w, (uint32_t)(int32_t)co->co_cell2arg[i]);
    }
    if (co->co_posns != NULL) {
        w_code_block(w, co->co_posns, (size_t)co->co_ninstr * 24, 4);
    }
}

static void
w_buffer(Writer *w, PyObject *v, int flag)
{
    Py_buffer view;
    if (PyObject_GetBuffer(v, &view, PyBUF_SIMPLE) != 0) {
        w->failed = 1;
        return;
    }
    w_type(w, TYPE_STRING, flag);
    w_size(w, view.len);
    w_bytes(w, view.buf, (size_t)view.len);
    PyBuffer_Release(&view);
}

static void
w_complex_object(Writer *w, PyObject *v, int flag)
{
    if (PyLong_CheckExact(v)) {
        w_long(w, v, flag);
    } else if (PyFloat_CheckExact(v)) {
        if (w->version > 1) {
            w_type(w, TYPE_BINARY_FLOAT, flag);
            w_double(w, PyFloat_AS_DOUBLE(v));
        } else {
            PyObject *r = PyObject_Repr(v);
            const char *s = r ? PyUnicode_AsUTF8(r) : NULL;
            if (s == NULL) {
                w->failed = 1;
            } else {
                w_type(w, TYPE_FLOAT, flag);
                w_byte(w, (int)strlen(s));
                w_bytes(w, s, strlen(s));
            }
            Py_XDECREF(r);
        }
    } else if (PyComplex_CheckExact(v)) {
        w_type(w, TYPE_BINARY_COMPLEX, flag);
        w_double(w, PyComplex_RealAsDouble(v));
        w_double(w, PyComplex_ImagAsDouble(v));
    } else if (PyBytes_CheckExact(v)) {
        w_type(w, TYPE_STRING, flag);
        w_size(w, PyBytes_GET_SIZE(v));
        w_bytes(w, PyBytes_AS_STRING(v), (size_t)PyBytes_GET_SIZE(v));
    } else if (PyUnicode_CheckExact(v)) {
        w_str(w, v, flag);
    } else if (PyTuple_CheckExact(v)) {
        Py_ssize_t n = PyTuple_GET_SIZE(v);
        if (w->version >= 4 && n < 256) {
            w_type(w, TYPE_SMALL_TUPLE, flag);
            w_byte(w, (int)n);
        } else {
            w_type(w, TYPE_TUPLE, flag);
            w_size(w, n);
        }
        w_sequence_items(w, v);
    } else if (PyList_CheckExact(v)) {
        w_type(w, TYPE_LIST, flag);
        w_size(w, PyList_GET_SIZE(v));
        w_sequence_items(w, v);
    } else if (PyDict_CheckExact(v)) {
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        w_type(w, TYPE_DICT, flag);
        while (!w->failed && PyDict_Next(v, &pos, &key, &value)) {
            w_object(w, key);
            w_object(w, value);
        }
        w_byte(w, TYPE_NULL);
    } else if (PyAnySet_CheckExact(v)) {
        w_type(w, PyFrozenSet_CheckExact(v) ? TYPE_FROZENSET : TYPE_SET, flag);
        w_size(w, PySet_GET_SIZE(v));
        w_set_items(w, v);
    } else if (PyrsCode_Check(v)) {
        w->in_code++;
        w_code(w, (PyrsCodeObject *)v, flag);
        w->in_code--;
    } else if (w->in_code && PyExceptionClass_Check(v) &&
               !(((PyTypeObject *)v)->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        PyObject *name = PyUnicode_FromString(((PyTypeObject *)v)->tp_name);
        if (name == NULL) {
            w->failed = 1;
            return;
        }
        w_type(w, TYPE_PYRS_BUILTIN_EXC, flag);
        w_object(w, name);
        Py_DECREF(name);
    } else if (PyObject_CheckBuffer(v)) {
        w_buffer(w, v, flag);
    } else {
        PyErr_SetString(PyExc_ValueError, "unmarshallable object");
        w->failed = 1;
    }
}

static void
w_object(Writer *w, PyObject *v)
{
    if (w->failed) {
        return;
    }
    if (++w->depth > MAX_DEPTH) {
        PyErr_SetString(PyExc_ValueError, "object too deeply nested to marshal");
        w->failed = 1;
    } else if (v == NULL) {
        w_byte(w, TYPE_NULL);
    } else if (v == Py_None) {
        w_byte(w, TYPE_NONE);
    } else if (v == PyExc_StopIteration) {
        w_byte(w, TYPE_STOPITER);
    } else if (v == Py_Ellipsis) {
        w_byte(w, TYPE_ELLIPSIS);
    } else if (v == Py_False) {
        w_byte(w, TYPE_FALSE);
    } else if (v == Py_True) {
        w_byte(w, TYPE_TRUE);
    } else if (!w_code_shared(w, v)) {
        int flag = 0;
        if (!w_ref(w, v, &flag)) {
            w_complex_object(w, v, flag);
        }
    }
    w->depth--;
}

PyObject *
PyMarshal_WriteObjectToString(PyObject *value, int version)
{
    Writer w = {0};
    w.version = version;
    w_object(&w, value);
    for (size_t i = 0; i < w.tcap; i++) {
        Py_XDECREF(w.keys[i]);
    }
    PyMem_Free(w.keys);
    PyMem_Free(w.vals);
    Py_XDECREF(w.shared);
    PyObject *res = w.failed ? NULL : PyBytes_FromStringAndSize(w.buf, (Py_ssize_t)w.len);
    PyMem_Free(w.buf);
    return res;
}

/* ---- reading ------------------------------------------------------------------------------ */

typedef struct {
    const unsigned char *p, *end, *start;
    PyObject **refs; /* objects a TYPE_REF can name (owned), NULL while being read */
    size_t nrefs, refcap;
    int depth;
    PyObject *file;     /* marshal.load's file (borrowed), read as needed; NULL: all in memory */
    unsigned char *buf; /* with FILE: what was read so far (PyMem, grows) */
    size_t cap;         /* its allocated size */
} Reader;

/* Reads the N more bytes the reader needs from its file with file.readinto, exactly as many
 * as CPython's marshal.load asks for, so the file is left just after the object. 0, or -1
 * with EOFError/ValueError or the file's error. */
static int
r_fill(Reader *r, size_t n)
{
    size_t have = r->buf ? (size_t)(r->end - r->start) : 0;
    size_t pos = r->buf ? (size_t)(r->p - r->start) : 0;
    size_t want = n - (size_t)(r->end - r->p);
    if (have + want > r->cap) {
        size_t cap = (have + want) * 2;
        unsigned char *nb = PyMem_Realloc(r->buf, cap);
        if (nb == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        r->buf = nb;
        r->cap = cap;
    }
    r->start = r->buf;
    r->p = r->buf + pos;
    r->end = r->buf + have;
    PyObject *view = PyMemoryView_FromMemory((char *)r->buf + have, (Py_ssize_t)want, PyBUF_WRITE);
    PyObject *res = view ? PyObject_CallMethod(r->file, "readinto", "N", view) : NULL;
    Py_ssize_t got = res ? PyNumber_AsSsize_t(res, PyExc_ValueError) : -1;
    Py_XDECREF(res);
    if (got == -1 && PyErr_Occurred()) {
        return -1;
    }
    if ((size_t)got != want) {
        if (got > (Py_ssize_t)want) {
            PyErr_Format(PyExc_ValueError,
                         "read() returned too much data: %zd bytes requested, %zd returned",
                         (Py_ssize_t)want, got);
        } else {
            PyErr_SetString(PyExc_EOFError, "EOF read where not expected");
        }
        return -1;
    }
    r->end += want;
    return 0;
}

static int
r_need(Reader *r, size_t n)
{
    if ((size_t)(r->end - r->p) < n) {
        if (r->file != NULL) {
            return r_fill(r, n);
        }
        PyErr_SetString(PyExc_EOFError, "marshal data too short");
        return -1;
    }
    return 0;
}

static int
r_u32(Reader *r, uint32_t *out)
{
    if (r_need(r, 4) < 0) {
        return -1;
    }
    *out = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
           (uint32_t)r->p[3] << 24;
    r->p += 4;
    return 0;
}

static int
r_i32(Reader *r, int32_t *out)
{
    uint32_t u;
    if (r_u32(r, &u) < 0) {
        return -1;
    }
    *out = (int32_t)u;
    return 0;
}

static int
r_u64(Reader *r, uint64_t *out)
{
    uint32_t lo, hi;
    if (r_need(r, 8) < 0 || r_u32(r, &lo) < 0 || r_u32(r, &hi) < 0) { /* one read, as CPython */
        return -1;
    }
    *out = (uint64_t)hi << 32 | lo;
    return 0;
}

static int
r_double(Reader *r, double *out)
{
    uint64_t bits;
    if (r_u64(r, &bits) < 0) {
        return -1;
    }
    memcpy(out, &bits, 8);
    return 0;
}

/* A size field: non-negative and not beyond the data left. */
static Py_ssize_t
r_size(Reader *r, const char *what)
{
    int32_t n;
    if (r_i32(r, &n) < 0) {
        return -1;
    }
    if (n < 0 || n > INT32_MAX) {
        PyErr_Format(PyExc_ValueError, "bad marshal data (%s size out of range)", what);
        return -1;
    }
    return n;
}

static PyObject *r_object(Reader *r);

static PyObject *
r_long(Reader *r)
{
    int32_t n;
    if (r_i32(r, &n) < 0) {
        return NULL;
    }
    if (n < -(INT32_MAX / 15) || n > INT32_MAX / 15) {
        PyErr_SetString(PyExc_ValueError, "bad marshal data (long size out of range)");
        return NULL;
    }
    size_t ndigits = (size_t)(n < 0 ? -n : n);
    if (r_need(r, ndigits * 2) < 0) {
        return NULL;
    }
    size_t nbytes = ndigits * 15 / 8 + 2;
    unsigned char *bytes = PyMem_Calloc(nbytes, 1);
    if (bytes == NULL) {
        return PyErr_NoMemory();
    }
    for (size_t i = 0; i < ndigits; i++) {
        unsigned digit = (unsigned)r->p[0] | (unsigned)r->p[1] << 8;
        r->p += 2;
        if (digit >= 1u << 15 || (i == ndigits - 1 && digit == 0)) {
            PyMem_Free(bytes);
            PyErr_SetString(PyExc_ValueError,
                            digit == 0 ? "bad marshal data (unnormalized long data)"
                                       : "bad marshal data (digit out of range in long)");
            return NULL;
        }
        for (int b = 0; b < 15; b++) {
            if (digit >> b & 1) {
                size_t bit = i * 15 + (size_t)b;
                bytes[bit / 8] |= (unsigned char)(1u << (bit % 8));
            }
        }
    }
    PyObject *v = _PyLong_FromByteArray(bytes, nbytes, 1, 0);
    PyMem_Free(bytes);
    if (v != NULL && n < 0) {
        Py_SETREF(v, PyNumber_Negative(v));
    }
    return v;
}

/* N bytes at P as a compact ASCII str when they are all ASCII (the usual case of the ASCII
 * type codes), else NULL without an error; the empty and one-character strings are left to
 * the decoder, which returns the shared ones. */
static PyObject *
r_ascii_str(const unsigned char *p, Py_ssize_t n)
{
    if (n <= 1) {
        return NULL;
    }
    unsigned char high = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        high |= p[i];
    }
    if (high & 0x80) {
        return NULL;
    }
    PyObject *v = PyUnicode_New(n, 127);
    if (v != NULL) {
        memcpy(PyUnicode_DATA(v), p, (size_t)n);
    }
    return v;
}

static PyObject *
r_str(Reader *r, Py_ssize_t n, int ascii, int interned)
{
    if (r_need(r, (size_t)n) < 0) {
        return NULL;
    }
    PyObject *v = ascii ? r_ascii_str(r->p, n) : NULL;
    if (v == NULL && !PyErr_Occurred()) {
        /* the ASCII codes are read as Latin-1, as CPython does */
        v = ascii ? PyUnicode_DecodeLatin1((const char *)r->p, n, NULL)
                  : PyUnicode_DecodeUTF8((const char *)r->p, n, "surrogatepass");
    }
    r->p += n;
    if (v != NULL && interned) {
        PyUnicode_InternInPlace(&v);
    }
    return v;
}

static int
r_fill_sequence(Reader *r, PyObject *seq, Py_ssize_t n, int is_tuple)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = r_object(r);
        if (item == NULL) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_TypeError, "NULL object in marshal data for tuple");
            }
            return -1;
        }
        if (is_tuple) {
            PyTuple_SET_ITEM(seq, i, item);
        } else {
            PyList_SET_ITEM(seq, i, item);
        }
    }
    return 0;
}

static int
r_array_i32(Reader *r, int32_t *out, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        if (r_i32(r, &out[i]) < 0) {
            return -1;
        }
    }
    return 0;
}

static int
r_code_object_fields(Reader *r, PyObject **objs)
{
    for (size_t i = 0; i < 8; i++) {
        objs[i] = r_object(r);
        if (objs[i] == NULL) {
            break;
        }
        /* consts, names, varnames, cellvars, freevars are tuples; the rest str */
        int ok = i < 5 ? PyTuple_CheckExact(objs[i]) : PyUnicode_CheckExact(objs[i]);
        if (!ok) {
            Py_CLEAR(objs[i]);
            PyErr_SetString(PyExc_ValueError, "bad marshal data (code object fields)");
            break;
        }
    }
    if (objs[7] == NULL) {
        for (size_t i = 0; i < 8; i++) {
            Py_XDECREF(objs[i]);
        }
        return -1;
    }
    return 0;
}

/* Copies N bytes of little-endian WIDTH-byte words (the caller checked they are there) into
 * OUT, an array of int32_t/uint64_t or of structs made only of int32_t, so the file layout
 * is the memory layout on a little-endian host: one memcpy instead of a loop per field. */
static void
r_code_block(Reader *r, void *out, size_t n, int width)
{
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) &&                                 \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    (void)width;
    memcpy(out, r->p, n);
    r->p += n;
#else
    for (size_t i = 0; i < n; i += (size_t)width) {
        uint64_t v = 0;
        for (int k = width - 1; k >= 0; k--) {
            v = v << 8 | r->p[i + (size_t)k];
        }
        if (width == 8) {
            ((uint64_t *)out)[i / 8] = v;
        } else {
            ((uint32_t *)out)[i / 4] = (uint32_t)v;
        }
    }
    r->p += n;
#endif
}

/* Reads the arrays of a code object whose header is H into freshly allocated buffers. */
static int
r_code_arrays(Reader *r, const int32_t *h, Py_ssize_t ncells, PyrsInstr **code, int32_t **lines,
              PyrsExcEntry **exc, int16_t **cell2arg, PyrsPosition **posns)
{
    Py_ssize_t ninstr = h[6], nexc = h[7];
    size_t need = (size_t)ninstr * 12 + (size_t)nexc * 16 + (h[8] ? (size_t)ncells * 4 : 0) +
                  (h[9] ? (size_t)ninstr * 24 : 0);
    if (ninstr < 0 || nexc < 0) {
        PyErr_SetString(PyExc_ValueError, "bad marshal data (code size out of range)");
        return -1;
    }
    if (r_need(r, need) < 0) {
        return -1; /* truncated data: EOFError, as for any other object */
    }
    *code = PyMem_Malloc(sizeof(PyrsInstr) * (size_t)(ninstr + 1));
    *lines = PyMem_Malloc(sizeof(int32_t) * (size_t)(ninstr + 1));
    *exc = PyMem_Malloc(sizeof(PyrsExcEntry) * (size_t)(nexc + 1));
    *cell2arg = h[8] ? PyMem_Malloc(sizeof(int16_t) * (size_t)(ncells + 1)) : NULL;
    *posns = h[9] ? PyMem_Malloc(sizeof(PyrsPosition) * (size_t)(ninstr + 1)) : NULL;
    if (*code == NULL || *lines == NULL || *exc == NULL || (h[8] && *cell2arg == NULL) ||
        (h[9] && *posns == NULL)) {
        PyErr_NoMemory();
        return -1;
    }
    r_code_block(r, *code, (size_t)ninstr * 8, 8);
    r_code_block(r, *lines, (size_t)ninstr * 4, 4);
    r_code_block(r, *exc, (size_t)nexc * 16, 4);
    for (Py_ssize_t i = 0; h[8] && i < ncells; i++) {
        int32_t v;
        (void)r_i32(r, &v);
        (*cell2arg)[i] = (int16_t)v;
    }
    if (h[9]) {
        r_code_block(r, *posns, (size_t)ninstr * 24, 4);
    }
    return 0;
}

static PyObject *
r_code(Reader *r)
{
    uint64_t format;
    int32_t h[10];
    if (r_u64(r, &format) < 0) {
        return NULL;
    }
    if (format != PYRS_CODE_FORMAT) {
        PyErr_SetString(PyExc_ValueError,
                        "bad marshal data (code object from a different pyrs build)");
        return NULL;
    }
    PyObject *objs[8] = {0};
    if (r_array_i32(r, h, 10) < 0 || r_code_object_fields(r, objs) < 0) {
        return NULL;
    }
    PyrsInstr *code = NULL;
    int32_t *lines = NULL;
    PyrsExcEntry *exc = NULL;
    int16_t *cell2arg = NULL;
    PyrsPosition *posns = NULL;
    PyObject *co = NULL;
    if (r_code_arrays(r, h, PyTuple_GET_SIZE(objs[3]), &code, &lines, &exc, &cell2arg, &posns) ==
        0) {
        co = pyrs_code_new(code, lines, h[6], exc, h[7], objs[0], objs[1], objs[2], objs[3],
                           objs[4], objs[5], objs[6], objs[7], h[0], h[1], h[2], h[3], h[4], h[5]);
        code = NULL; /* owned (and freed on failure) by pyrs_code_new */
        lines = NULL;
        exc = NULL;
    }
    if (co != NULL) {
        ((PyrsCodeObject *)co)->co_cell2arg = cell2arg;
        ((PyrsCodeObject *)co)->co_posns = posns;
        cell2arg = NULL;
        posns = NULL;
    }
    PyMem_Free(code);
    PyMem_Free(lines);
    PyMem_Free(exc);
    PyMem_Free(cell2arg);
    PyMem_Free(posns);
    for (size_t i = 0; i < 8; i++) {
        Py_DECREF(objs[i]);
    }
    return co;
}

static PyObject *
r_ref_insert(Reader *r, PyObject *v, Py_ssize_t idx)
{
    if (v != NULL && idx >= 0) {
        r->refs[idx] = Py_NewRef(v);
    }
    return v;
}

/* Reserves the next reference slot when FLAG is set: its index, -1 without FLAG, -2 on
 * MemoryError. */
static Py_ssize_t
r_ref_reserve(Reader *r, int flag)
{
    if (!flag) {
        return -1;
    }
    if (r->nrefs == r->refcap) {
        size_t cap = r->refcap ? r->refcap * 2 : 256;
        PyObject **refs = PyMem_Realloc(r->refs, cap * sizeof(PyObject *));
        if (refs == NULL) {
            PyErr_NoMemory();
            return -2;
        }
        r->refs = refs;
        r->refcap = cap;
    }
    r->refs[r->nrefs] = NULL;
    return (Py_ssize_t)r->nrefs++;
}

static PyObject *
r_container(Reader *r, int type, Py_ssize_t idx)
{
    Py_ssize_t n;
    if (type == TYPE_LIST) {
        if ((n = r_size(r, "list")) < 0) {
            return NULL;
        }
        PyObject *v = PyList_New(n);
        if (v == NULL || r_ref_insert(r, v, idx) == NULL) {
            return NULL;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            PyList_SET_ITEM(v, i, Py_NewRef(Py_None));
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *item = r_object(r);
            if (item == NULL) {
                if (!PyErr_Occurred()) {
                    PyErr_SetString(PyExc_TypeError, "NULL object in marshal data for list");
                }
                Py_DECREF(v);
                return NULL;
            }
            Py_SETREF(((PyListObject *)v)->ob_item[i], item);
        }
        return v;
    }
    if (type == TYPE_DICT) {
        PyObject *v = PyDict_New();
        if (v == NULL || r_ref_insert(r, v, idx) == NULL) {
            return NULL;
        }
        for (;;) {
            PyObject *key = r_object(r);
            if (key == NULL) {
                break;
            }
            PyObject *val = r_object(r);
            int rc = val == NULL ? -1 : PyDict_SetItem(v, key, val);
            Py_DECREF(key);
            Py_XDECREF(val);
            if (rc < 0) {
                break;
            }
        }
        if (PyErr_Occurred()) {
            Py_DECREF(v);
            return NULL;
        }
        return v;
    }
    /* set / frozenset */
    if ((n = r_size(r, "set")) < 0) {
        return NULL;
    }
    PyObject *v = type == TYPE_SET ? PySet_New(NULL) : PyFrozenSet_New(NULL);
    if (v == NULL || (type == TYPE_SET && r_ref_insert(r, v, idx) == NULL)) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = r_object(r);
        if (item == NULL) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_TypeError, "NULL object in marshal data for set");
            }
            Py_DECREF(v);
            return NULL;
        }
        int rc = PySet_Add(v, item);
        Py_DECREF(item);
        if (rc < 0) {
            Py_DECREF(v);
            return NULL;
        }
    }
    return type == TYPE_FROZENSET ? r_ref_insert(r, v, idx) : v;
}

static PyObject *
r_simple(Reader *r, int type)
{
    Py_ssize_t n;
    double a, b;
    switch (type) {
    case TYPE_INT: {
        int32_t x;
        return r_i32(r, &x) < 0 ? NULL : PyLong_FromLong(x);
    }
    case TYPE_INT64: {
        uint64_t x;
        return r_u64(r, &x) < 0 ? NULL : PyLong_FromLongLong((long long)x);
    }
    case TYPE_LONG:
        return r_long(r);
    case TYPE_FLOAT:
    case TYPE_COMPLEX: {
        double parts[2];
        for (int k = 0; k < (type == TYPE_COMPLEX ? 2 : 1); k++) {
            char buf[256];
            if (r_need(r, 1) < 0) {
                return NULL;
            }
            n = *r->p++;
            if (r_need(r, (size_t)n) < 0) {
                return NULL;
            }
            memcpy(buf, r->p, (size_t)n);
            buf[n] = '\0';
            r->p += n;
            parts[k] = PyOS_string_to_double(buf, NULL, NULL);
            if (parts[k] == -1.0 && PyErr_Occurred()) {
                return NULL;
            }
        }
        return type == TYPE_FLOAT ? PyFloat_FromDouble(parts[0])
                                  : PyComplex_FromDoubles(parts[0], parts[1]);
    }
    case TYPE_BINARY_FLOAT:
        return r_double(r, &a) < 0 ? NULL : PyFloat_FromDouble(a);
    case TYPE_BINARY_COMPLEX:
        return r_double(r, &a) < 0 || r_double(r, &b) < 0 ? NULL : PyComplex_FromDoubles(a, b);
    case TYPE_STRING:
        if ((n = r_size(r, "bytes object")) < 0 || r_need(r, (size_t)n) < 0) {
            return NULL;
        }
        r->p += n;
        return PyBytes_FromStringAndSize((const char *)r->p - n, n);
    case TYPE_UNICODE:
    case TYPE_INTERNED:
        if ((n = r_size(r, "string")) < 0) {
            return NULL;
        }
        return r_str(r, n, 0, type == TYPE_INTERNED);
    case TYPE_ASCII:
    case TYPE_ASCII_INTERNED:
        if ((n = r_size(r, "string")) < 0) {
            return NULL;
        }
        return r_str(r, n, 1, type == TYPE_ASCII_INTERNED);
    case TYPE_SHORT_ASCII:
    case TYPE_SHORT_ASCII_INTERNED:
        if (r_need(r, 1) < 0) {
            return NULL;
        }
        n = *r->p++;
        return r_str(r, n, 1, type == TYPE_SHORT_ASCII_INTERNED);
    default:
        PyErr_SetString(PyExc_ValueError, "bad marshal data (unknown type code)");
        return NULL;
    }
}

static PyObject *
r_tuple(Reader *r, int type)
{
    Py_ssize_t n;
    if (type == TYPE_SMALL_TUPLE) {
        if (r_need(r, 1) < 0) {
            return NULL;
        }
        n = *r->p++;
    } else if ((n = r_size(r, "tuple")) < 0) {
        return NULL;
    }
    PyObject *v = PyTuple_New(n);
    if (v == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyTuple_SET_ITEM(v, i, NULL);
    }
    if (r_fill_sequence(r, v, n, 1) < 0) {
        Py_DECREF(v);
        return NULL;
    }
    return v;
}

/* A built-in exception class by name (TYPE_PYRS_BUILTIN_EXC). */
static PyObject *
r_builtin_exc(Reader *r)
{
    PyObject *name = r_object(r);
    if (name == NULL || !PyUnicode_Check(name)) {
        Py_XDECREF(name);
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "bad marshal data (exception name)");
        }
        return NULL;
    }
    PyObject *builtins = PyImport_GetModuleDict()
                             ? PyDict_GetItemString(PyImport_GetModuleDict(), "builtins")
                             : NULL;
    PyObject *v = builtins ? PyObject_GetAttr(builtins, name) : NULL;
    Py_DECREF(name);
    if (v != NULL && !PyExceptionClass_Check(v)) {
        Py_CLEAR(v);
    }
    if (v == NULL) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "bad marshal data (unknown exception class)");
    }
    return v;
}

static PyObject *
r_object_inner(Reader *r)
{
    if (r->p >= r->end && (r->file == NULL || r_fill(r, 1) < 0)) {
        if (r->file == NULL || PyErr_ExceptionMatches(PyExc_EOFError)) {
            PyErr_Clear();
            PyErr_SetString(PyExc_EOFError, "EOF read where object expected");
        }
        return NULL;
    }
    int code = *r->p++;
    int flag = code & FLAG_REF;
    int type = code & ~FLAG_REF;
    switch (type) {
    case TYPE_NULL:
        return NULL;
    case TYPE_NONE:
        return Py_NewRef(Py_None);
    case TYPE_STOPITER:
        return Py_NewRef(PyExc_StopIteration);
    case TYPE_ELLIPSIS:
        return Py_NewRef(Py_Ellipsis);
    case TYPE_FALSE:
        return Py_NewRef(Py_False);
    case TYPE_TRUE:
        return Py_NewRef(Py_True);
    case TYPE_REF: {
        uint32_t idx;
        if (r_u32(r, &idx) < 0) {
            return NULL;
        }
        PyObject *v = idx < r->nrefs ? r->refs[idx] : NULL;
        if (v == NULL) {
            PyErr_SetString(PyExc_ValueError, "bad marshal data (invalid reference)");
            return NULL;
        }
        return Py_NewRef(v);
    }
    default:
        break;
    }
    Py_ssize_t idx = r_ref_reserve(r, flag);
    if (idx == -2) {
        return NULL;
    }
    if (type == TYPE_LIST || type == TYPE_DICT || type == TYPE_SET || type == TYPE_FROZENSET) {
        return r_container(r, type, idx);
    }
    if (type == TYPE_PYRS_BUILTIN_EXC) {
        return r_ref_insert(r, r_builtin_exc(r), idx);
    }
    PyObject *v = type == TYPE_TUPLE || type == TYPE_SMALL_TUPLE ? r_tuple(r, type)
                  : type == TYPE_CODE                            ? r_code(r)
                                                                 : r_simple(r, type);
    return r_ref_insert(r, v, idx);
}

static PyObject *
r_object(Reader *r)
{
    if (++r->depth > MAX_DEPTH) {
        r->depth--;
        PyErr_SetString(PyExc_ValueError, "recursion limit exceeded");
        return NULL;
    }
    PyObject *v = r_object_inner(r);
    r->depth--;
    return v;
}

PyObject *
pyrs_marshal_loads(const char *data, Py_ssize_t len, Py_ssize_t *consumed)
{
    Reader r = {(const unsigned char *)data,
                (const unsigned char *)data + len,
                (const unsigned char *)data,
                NULL,
                0,
                0,
                0,
                NULL,
                NULL,
                0};
    PyObject *v = r_object(&r);
    for (size_t i = 0; i < r.nrefs; i++) {
        Py_XDECREF(r.refs[i]);
    }
    PyMem_Free(r.refs);
    if (v == NULL && !PyErr_Occurred()) {
        PyErr_SetString(PyExc_TypeError, "NULL object in marshal data for object");
    }
    if (consumed != NULL) {
        *consumed = (Py_ssize_t)(r.p - r.start);
    }
    return v;
}

PyObject *
pyrs_marshal_load_file(PyObject *file)
{
    Reader r = {NULL, NULL, NULL, NULL, 0, 0, 0, file, NULL, 0};
    PyObject *v = r_object(&r);
    for (size_t i = 0; i < r.nrefs; i++) {
        Py_XDECREF(r.refs[i]);
    }
    PyMem_Free(r.refs);
    PyMem_Free(r.buf);
    if (v == NULL && !PyErr_Occurred()) {
        PyErr_SetString(PyExc_TypeError, "NULL object in marshal data for object");
    }
    return v;
}

PyObject *
PyMarshal_ReadObjectFromString(const char *data, Py_ssize_t len)
{
    return pyrs_marshal_loads(data, len, NULL);
}
