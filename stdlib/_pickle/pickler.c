/* _pickle/pickler.c: _pickle.Pickler and its memo proxy: protocols 0-5, the memo, framing,
 * persistent_id, dispatch_table, reducer_override, fast mode and out-of-band PickleBuffers.
 * The bytes written are CPython 3.11's _pickle's for the same input (Modules/_pickle.c). */
#include "pickle.h"

#include <string.h>
#include <sys/resource.h>

#include "structmember.h"

/* ---- the memo: object identity -> memo index ---------------------------------------- */

typedef struct {
    PyObject *key;    /* the memoized object (strong reference) or NULL */
    Py_ssize_t value; /* its memo index */
} MemoEntry;

typedef struct {
    MemoEntry *table; /* open-addressing table, size mask + 1 */
    size_t mask;      /* table size - 1 (a power of two minus one) */
    Py_ssize_t used;  /* entries in use */
} MemoTable;

static int
memo_init(MemoTable *mt)
{
    mt->mask = 63;
    mt->used = 0;
    mt->table = PyMem_Calloc(mt->mask + 1, sizeof(MemoEntry));
    if (mt->table == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static void
memo_clear(MemoTable *mt)
{
    if (mt->table == NULL) {
        return;
    }
    for (size_t i = 0; i <= mt->mask; i++) {
        Py_CLEAR(mt->table[i].key);
    }
    mt->used = 0;
}

static void
memo_fini(MemoTable *mt)
{
    memo_clear(mt);
    PyMem_Free(mt->table);
    mt->table = NULL;
}

static MemoEntry *
memo_slot(const MemoTable *mt, PyObject *key)
{
    size_t i = ((size_t)key >> 4) & mt->mask;
    for (size_t perturb = (size_t)key >> 4;; perturb >>= 5) {
        MemoEntry *e = &mt->table[i];
        if (e->key == NULL || e->key == key) {
            return e;
        }
        i = (i * 5 + perturb + 1) & mt->mask;
    }
}

/* The entry of KEY, or NULL when KEY is not memoized. */
static MemoEntry *
memo_lookup(const MemoTable *mt, PyObject *key)
{
    MemoEntry *e = memo_slot(mt, key);
    return e->key == NULL ? NULL : e;
}

static int
memo_grow(MemoTable *mt)
{
    MemoTable bigger = {NULL, mt->mask * 2 + 1, mt->used};
    bigger.table = PyMem_Calloc(bigger.mask + 1, sizeof(MemoEntry));
    if (bigger.table == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i <= mt->mask; i++) {
        if (mt->table[i].key != NULL) {
            *memo_slot(&bigger, mt->table[i].key) = mt->table[i];
        }
    }
    PyMem_Free(mt->table);
    *mt = bigger;
    return 0;
}

static int
memo_set(MemoTable *mt, PyObject *key, Py_ssize_t value)
{
    MemoEntry *e = memo_slot(mt, key);
    if (e->key != NULL) {
        e->value = value;
        return 0;
    }
    e->key = Py_NewRef(key);
    e->value = value;
    mt->used++;
    if ((size_t)mt->used * 3 >= (mt->mask + 1) * 2) {
        return memo_grow(mt);
    }
    return 0;
}

/* ---- the Pickler object ------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    MemoTable memo;             /* object -> memo index */
    PyObject *pers_func;        /* persistent_id callable or NULL */
    PyObject *pers_func_self;   /* borrowed self when pers_func is our own method */
    PyObject *dispatch_table;   /* private dispatch table or NULL */
    PyObject *reducer_override; /* looked up at each dump, NULL otherwise */
    PyObject *write;            /* file.write, NULL for dumps() */
    char *output;               /* the pending output */
    Py_ssize_t output_len;      /* bytes used in output */
    Py_ssize_t output_cap;      /* bytes allocated for output */
    Py_ssize_t frame_start;     /* offset of the open frame's header, -1 when none */
    int proto;                  /* protocol 0-5 */
    int bin;                    /* proto > 0 */
    int framing;                /* writing frames (protocol 4+ during dump) */
    int fast;                   /* fast mode: no memo */
    int fast_nesting;           /* container nesting in fast mode */
    int fix_imports;            /* map names for Python 2 (protocols < 3) */
    PyObject *fast_memo;        /* id -> None for deep containers in fast mode */
    PyObject *buffer_callback;  /* out-of-band buffer callback or NULL */
    uintptr_t stack_base;       /* C stack address at the start of dump() */
} PicklerObject;

typedef struct {
    PyObject_HEAD
    PicklerObject *pickler; /* the Pickler whose memo this is */
} PicklerMemoProxyObject;

static int save(PicklerObject *self, PyObject *obj, int pers_save);
static int save_reduce(PicklerObject *self, PyObject *args, PyObject *obj);

static PyObject *
pickling_error(const char *msg)
{
    PyErr_SetString(pyrs_pickle_state.PicklingError, msg);
    return NULL;
}

/* ---- output -------------------------------------------------------------------------- */

static int
output_reserve(PicklerObject *self, Py_ssize_t n)
{
    if (n > PY_SSIZE_T_MAX - self->output_len) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t need = self->output_len + n;
    if (need <= self->output_cap) {
        return 0;
    }
    Py_ssize_t cap = self->output_cap < 4096 ? 4096 : self->output_cap;
    while (cap < need) {
        cap = cap > PY_SSIZE_T_MAX / 2 ? need : cap * 2;
    }
    char *buf = PyMem_Realloc(self->output, (size_t)cap);
    if (buf == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->output = buf;
    self->output_cap = cap;
    return 0;
}

/* Appends N bytes, opening a frame first when framing and none is open. */
static int
write_raw(PicklerObject *self, const char *s, Py_ssize_t n)
{
    int new_frame = self->framing && self->frame_start == -1;
    if (output_reserve(self, n + (new_frame ? PYRS_PICKLE_FRAME_HEADER_SIZE : 0)) < 0) {
        return -1;
    }
    if (new_frame) {
        self->frame_start = self->output_len;
        memset(self->output + self->output_len, 0xFE, PYRS_PICKLE_FRAME_HEADER_SIZE);
        self->output_len += PYRS_PICKLE_FRAME_HEADER_SIZE;
    }
    memcpy(self->output + self->output_len, s, (size_t)n);
    self->output_len += n;
    return 0;
}

static int
write_op(PicklerObject *self, int op)
{
    char c = (char)op;
    return write_raw(self, &c, 1);
}

static void
put_le(char *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) {
        p[i] = (char)(v & 0xff);
        v >>= 8;
    }
}

/* Closes the open frame: writes its FRAME header, or removes the header when the frame is
 * too small to be worth one. */
static int
commit_frame(PicklerObject *self)
{
    if (!self->framing || self->frame_start == -1) {
        return 0;
    }
    char *q = self->output + self->frame_start;
    Py_ssize_t len = self->output_len - self->frame_start - PYRS_PICKLE_FRAME_HEADER_SIZE;
    if (len >= PYRS_PICKLE_FRAME_SIZE_MIN) {
        q[0] = (char)OP_FRAME;
        put_le(q + 1, (uint64_t)len, 8);
    } else {
        memmove(q, q + PYRS_PICKLE_FRAME_HEADER_SIZE, (size_t)len);
        self->output_len -= PYRS_PICKLE_FRAME_HEADER_SIZE;
    }
    self->frame_start = -1;
    return 0;
}

PyObject *
pyrs_pickle_pickler_output(PyObject *pickler)
{
    PicklerObject *self = (PicklerObject *)pickler;
    return PyBytes_FromStringAndSize(self->output, self->output_len);
}

int
pyrs_pickle_pickler_flush(PyObject *pickler)
{
    PicklerObject *self = (PicklerObject *)pickler;
    PyObject *data = pyrs_pickle_pickler_output(pickler);
    if (data == NULL) {
        return -1;
    }
    self->output_len = 0;
    PyObject *res = PyObject_CallOneArg(self->write, data);
    Py_DECREF(data);
    if (res == NULL) {
        return -1;
    }
    Py_DECREF(res);
    return 0;
}

/* Called between opcodes: a full frame is committed, and streamed when writing to a file. */
static int
opcode_boundary(PicklerObject *self)
{
    if (!self->framing || self->frame_start == -1) {
        return 0;
    }
    Py_ssize_t len = self->output_len - self->frame_start - PYRS_PICKLE_FRAME_HEADER_SIZE;
    if (len < PYRS_PICKLE_FRAME_SIZE_TARGET) {
        return 0;
    }
    if (commit_frame(self) < 0) {
        return -1;
    }
    if (self->write != NULL) {
        return pyrs_pickle_pickler_flush((PyObject *)self);
    }
    return 0;
}

/* Writes HEADER then a payload; a payload of a frame's size or more goes outside any frame
 * (straight to the file when there is one). */
static int
write_bytes(PicklerObject *self, const char *header, Py_ssize_t hlen, const char *data,
            Py_ssize_t len, PyObject *payload)
{
    int bypass = len >= PYRS_PICKLE_FRAME_SIZE_TARGET;
    int framing = self->framing;
    if (bypass) {
        if (commit_frame(self) < 0) {
            return -1;
        }
        self->framing = 0;
    }
    if (write_raw(self, header, hlen) < 0) {
        return -1;
    }
    if (bypass && self->write != NULL) {
        if (pyrs_pickle_pickler_flush((PyObject *)self) < 0) {
            return -1;
        }
        PyObject *mem = NULL;
        if (payload == NULL) {
            payload = mem = PyBytes_FromStringAndSize(data, len);
            if (payload == NULL) {
                return -1;
            }
        }
        PyObject *res = PyObject_CallOneArg(self->write, payload);
        Py_XDECREF(mem);
        if (res == NULL) {
            return -1;
        }
        Py_DECREF(res);
    } else if (write_raw(self, data, len) < 0) {
        return -1;
    }
    self->framing = framing;
    return 0;
}

/* ---- memo opcodes ---------------------------------------------------------------------- */

static int
memo_put(PicklerObject *self, PyObject *obj)
{
    if (self->fast) {
        return 0;
    }
    Py_ssize_t idx = self->memo.used;
    if (memo_set(&self->memo, obj, idx) < 0) {
        return -1;
    }
    char buf[32];
    Py_ssize_t n;
    if (self->proto >= 4) {
        buf[0] = (char)OP_MEMOIZE;
        n = 1;
    } else if (!self->bin) {
        n = snprintf(buf, sizeof(buf), "%c%zd\n", OP_PUT, idx);
    } else if (idx < 256) {
        buf[0] = (char)OP_BINPUT;
        buf[1] = (char)idx;
        n = 2;
    } else if (idx <= 0xffffffffL) {
        buf[0] = (char)OP_LONG_BINPUT;
        put_le(buf + 1, (uint64_t)idx, 4);
        n = 5;
    } else {
        return pickling_error("memo id too large for LONG_BINPUT") ? 0 : -1;
    }
    return write_raw(self, buf, n);
}

static int
memo_get(PicklerObject *self, PyObject *obj)
{
    MemoEntry *e = memo_lookup(&self->memo, obj);
    if (e == NULL) {
        PyErr_SetObject(PyExc_KeyError, obj);
        return -1;
    }
    Py_ssize_t idx = e->value;
    char buf[32];
    Py_ssize_t n;
    if (!self->bin) {
        n = snprintf(buf, sizeof(buf), "%c%zd\n", OP_GET, idx);
    } else if (idx < 256) {
        buf[0] = (char)OP_BINGET;
        buf[1] = (char)idx;
        n = 2;
    } else if (idx <= 0xffffffffL) {
        buf[0] = (char)OP_LONG_BINGET;
        put_le(buf + 1, (uint64_t)idx, 4);
        n = 5;
    } else {
        return pickling_error("memo id too large for LONG_BINGET") ? 0 : -1;
    }
    return write_raw(self, buf, n);
}

/* ---- fast mode ---------------------------------------------------------------------------- */

static int
fast_save_enter(PicklerObject *self, PyObject *obj)
{
    if (++self->fast_nesting < PYRS_PICKLE_FAST_NESTING_LIMIT) {
        return 1;
    }
    if (self->fast_memo == NULL) {
        self->fast_memo = PyDict_New();
        if (self->fast_memo == NULL) {
            self->fast_nesting = -1;
            return 0;
        }
    }
    PyObject *key = PyLong_FromVoidPtr(obj);
    if (key == NULL) {
        self->fast_nesting = -1;
        return 0;
    }
    int r = PyDict_Contains(self->fast_memo, key);
    if (r > 0) {
        PyErr_Format(PyExc_ValueError,
                     "fast mode: can't pickle cyclic objects including object type %.200s at %p",
                     Py_TYPE(obj)->tp_name, (void *)obj);
    } else if (r == 0) {
        r = PyDict_SetItem(self->fast_memo, key, Py_None);
    }
    Py_DECREF(key);
    if (r != 0) {
        self->fast_nesting = -1;
        return 0;
    }
    return 1;
}

static int
fast_save_leave(PicklerObject *self, PyObject *obj)
{
    if (self->fast_nesting-- < PYRS_PICKLE_FAST_NESTING_LIMIT) {
        return 1;
    }
    PyObject *key = PyLong_FromVoidPtr(obj);
    if (key == NULL) {
        return 0;
    }
    int r = PyDict_DelItem(self->fast_memo, key);
    Py_DECREF(key);
    return r == 0;
}

/* ---- atoms ------------------------------------------------------------------------------ */

static int
save_bool(PicklerObject *self, PyObject *obj)
{
    if (self->proto >= 2) {
        return write_op(self, obj == Py_True ? OP_NEWTRUE : OP_NEWFALSE);
    }
    return write_raw(self, obj == Py_True ? "I01\n" : "I00\n", 4);
}

/* An int too big for 4 bytes: LONG1/LONG4 with minimal two's complement bytes. */
static int
save_big_long(PicklerObject *self, PyObject *obj)
{
    size_t nbits = _PyLong_NumBits(obj);
    if (nbits == (size_t)-1 && PyErr_Occurred()) {
        return -1;
    }
    size_t nbytes = (nbits >> 3) + 1;
    if (nbytes > 0x7fffffffL) {
        PyErr_SetString(PyExc_OverflowError, "int too large to pickle");
        return -1;
    }
    unsigned char *p = PyMem_Malloc(nbytes);
    if (p == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int status = -1;
    if (_PyLong_AsByteArray((PyLongObject *)obj, p, nbytes, 1, 1) < 0) {
        goto done;
    }
    if (_PyLong_Sign(obj) < 0 && nbytes > 1 && p[nbytes - 1] == 0xff &&
        (p[nbytes - 2] & 0x80) != 0) {
        nbytes--;
    }
    char header[5];
    Py_ssize_t hlen;
    if (nbytes < 256) {
        header[0] = (char)OP_LONG1;
        header[1] = (char)nbytes;
        hlen = 2;
    } else {
        header[0] = (char)OP_LONG4;
        put_le(header + 1, nbytes, 4);
        hlen = 5;
    }
    if (write_raw(self, header, hlen) == 0 && write_raw(self, (char *)p, (Py_ssize_t)nbytes) == 0) {
        status = 0;
    }
done:
    PyMem_Free(p);
    return status;
}

static int
save_long(PicklerObject *self, PyObject *obj)
{
    int overflow;
    long val = PyLong_AsLongAndOverflow(obj, &overflow);
    if (val == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (!overflow && val <= 0x7fffffffL && val >= -0x7fffffffL - 1) {
        char buf[32];
        Py_ssize_t n;
        if (self->bin) {
            put_le(buf + 1, (uint64_t)val, 4);
            if (buf[4] != 0 || buf[3] != 0) {
                buf[0] = OP_BININT;
                n = 5;
            } else if (buf[2] != 0) {
                buf[0] = OP_BININT2;
                n = 3;
            } else {
                buf[0] = OP_BININT1;
                n = 2;
            }
        } else {
            n = snprintf(buf, sizeof(buf), "%c%ld\n", OP_INT, val);
        }
        return write_raw(self, buf, n);
    }
    if (self->proto >= 2) {
        return save_big_long(self, obj);
    }
    PyObject *repr = PyObject_Repr(obj);
    if (repr == NULL) {
        return -1;
    }
    Py_ssize_t size;
    const char *s = PyUnicode_AsUTF8AndSize(repr, &size);
    int status = -1;
    if (s != NULL && write_op(self, OP_LONG) == 0 && write_raw(self, s, size) == 0 &&
        write_raw(self, "L\n", 2) == 0) {
        status = 0;
    }
    Py_DECREF(repr);
    return status;
}

static int
save_float(PicklerObject *self, PyObject *obj)
{
    double x = PyFloat_AS_DOUBLE(obj);
    if (self->bin) {
        char buf[9];
        buf[0] = OP_BINFLOAT;
        if (PyFloat_Pack8(x, buf + 1, 0) < 0) {
            return -1;
        }
        return write_raw(self, buf, 9);
    }
    char *s = PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0, NULL);
    if (s == NULL) {
        return -1;
    }
    int status = -1;
    if (write_op(self, OP_FLOAT) == 0 && write_raw(self, s, (Py_ssize_t)strlen(s)) == 0 &&
        write_raw(self, "\n", 1) == 0) {
        status = 0;
    }
    PyMem_Free(s);
    return status;
}

/* Pickles OBJ as the reduce value built from FORMAT (memoized by save_reduce). */
static int
save_reduce_value(PicklerObject *self, PyObject *value, PyObject *obj)
{
    if (value == NULL) {
        return -1;
    }
    int status = save_reduce(self, value, obj);
    Py_DECREF(value);
    return status;
}

static int
save_bytes_data(PicklerObject *self, PyObject *obj, const char *data, Py_ssize_t size)
{
    char header[9];
    Py_ssize_t hlen;
    if (size <= 0xff) {
        header[0] = OP_SHORT_BINBYTES;
        header[1] = (char)size;
        hlen = 2;
    } else if ((size_t)size <= 0xffffffffUL) {
        header[0] = OP_BINBYTES;
        put_le(header + 1, (uint64_t)size, 4);
        hlen = 5;
    } else if (self->proto >= 4) {
        header[0] = (char)OP_BINBYTES8;
        put_le(header + 1, (uint64_t)size, 8);
        hlen = 9;
    } else {
        PyErr_SetString(PyExc_OverflowError, "serializing a bytes object larger than 4 GiB "
                                             "requires pickle protocol 4 or higher");
        return -1;
    }
    if (write_bytes(self, header, hlen, data, size, obj) < 0) {
        return -1;
    }
    return memo_put(self, obj);
}

static int
save_bytes(PicklerObject *self, PyObject *obj)
{
    if (self->proto >= 3) {
        return save_bytes_data(self, obj, PyBytes_AS_STRING(obj), PyBytes_GET_SIZE(obj));
    }
    /* Older protocols have no bytes opcode: pickle codecs.encode(latin-1 text), which also
     * gives a str under Python 2. */
    if (PyBytes_GET_SIZE(obj) == 0) {
        return save_reduce_value(self, Py_BuildValue("(O())", (PyObject *)&PyBytes_Type), obj);
    }
    PyObject *text = PyUnicode_DecodeLatin1(PyBytes_AS_STRING(obj), PyBytes_GET_SIZE(obj), NULL);
    if (text == NULL) {
        return -1;
    }
    /* One shared "latin1" str, as CPython's, so the memo refers back to it. */
    PyObject *value =
        Py_BuildValue("(O(OO))", pyrs_pickle_state.codecs_encode, text, PYRS_PICKLE_ID(latin1));
    Py_DECREF(text);
    return save_reduce_value(self, value, obj);
}

static int
save_bytearray_data(PicklerObject *self, PyObject *obj, const char *data, Py_ssize_t size)
{
    char header[9];
    header[0] = (char)OP_BYTEARRAY8;
    put_le(header + 1, (uint64_t)size, 8);
    if (write_bytes(self, header, 9, data, size, NULL) < 0) {
        return -1;
    }
    return memo_put(self, obj);
}

static int
save_bytearray(PicklerObject *self, PyObject *obj)
{
    if (self->proto >= 5) {
        return save_bytearray_data(self, obj, PyByteArray_AS_STRING(obj),
                                   PyByteArray_GET_SIZE(obj));
    }
    PyObject *value;
    if (PyByteArray_GET_SIZE(obj) == 0) {
        value = Py_BuildValue("(O())", (PyObject *)&PyByteArray_Type);
    } else {
        value = Py_BuildValue("(O(y#))", (PyObject *)&PyByteArray_Type, PyByteArray_AS_STRING(obj),
                              PyByteArray_GET_SIZE(obj));
    }
    return save_reduce_value(self, value, obj);
}

static int
save_picklebuffer(PicklerObject *self, PyObject *obj)
{
    if (self->proto < 5) {
        return pickling_error("PickleBuffer can only pickled with protocol >= 5") ? 0 : -1;
    }
    const Py_buffer *view = pyrs_pickle_buffer_view(obj);
    if (view == NULL) {
        return -1;
    }
    if (view->suboffsets != NULL || !PyBuffer_IsContiguous(view, 'A')) {
        pickling_error("PickleBuffer can not be pickled when pointing to a non-contiguous "
                       "buffer");
        return -1;
    }
    int in_band = 1;
    if (self->buffer_callback != NULL) {
        PyObject *r = PyObject_CallOneArg(self->buffer_callback, obj);
        if (r == NULL) {
            return -1;
        }
        in_band = PyObject_IsTrue(r);
        Py_DECREF(r);
        if (in_band < 0) {
            return -1;
        }
    }
    if (in_band) {
        if (view->readonly) {
            return save_bytes_data(self, obj, view->buf, view->len);
        }
        return save_bytearray_data(self, obj, view->buf, view->len);
    }
    if (write_op(self, OP_NEXT_BUFFER) < 0) {
        return -1;
    }
    if (view->readonly && write_op(self, OP_READONLY_BUFFER) < 0) {
        return -1;
    }
    return 0;
}

/* Protocol 0's UNICODE argument: raw-unicode-escape, also escaping \, NUL, \n, \r, ^Z. */
static PyObject *
raw_unicode_escape(PyObject *obj)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(obj);
    int kind = PyUnicode_KIND(obj);
    const void *data = PyUnicode_DATA(obj);
    if (n > PY_SSIZE_T_MAX / 10) {
        return PyErr_NoMemory();
    }
    char *buf = PyMem_Malloc((size_t)(n * 10 + 1));
    if (buf == NULL) {
        return PyErr_NoMemory();
    }
    static const char hex[] = "0123456789abcdef";
    char *p = buf;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        int digits = 0;
        if (ch >= 0x10000) {
            *p++ = '\\';
            *p++ = 'U';
            digits = 8;
        } else if (ch >= 256 || ch == '\\' || ch == 0 || ch == '\n' || ch == '\r' || ch == 0x1a) {
            *p++ = '\\';
            *p++ = 'u';
            digits = 4;
        } else {
            *p++ = (char)ch;
        }
        for (int d = digits - 1; d >= 0; d--) {
            *p++ = hex[(ch >> (4 * d)) & 0xf];
        }
    }
    PyObject *res = PyBytes_FromStringAndSize(buf, p - buf);
    PyMem_Free(buf);
    return res;
}

static int
save_unicode_binary(PicklerObject *self, PyObject *obj)
{
    PyObject *encoded = NULL;
    Py_ssize_t size;
    const char *data = PyUnicode_AsUTF8AndSize(obj, &size);
    if (data == NULL) {
        /* Lone surrogates: CPython writes them surrogatepass-encoded. */
        PyErr_Clear();
        encoded = PyUnicode_AsEncodedString(obj, "utf-8", "surrogatepass");
        if (encoded == NULL) {
            return -1;
        }
        data = PyBytes_AS_STRING(encoded);
        size = PyBytes_GET_SIZE(encoded);
    }
    char header[9];
    Py_ssize_t hlen;
    if (size <= 0xff && self->proto >= 4) {
        header[0] = (char)OP_SHORT_BINUNICODE;
        header[1] = (char)size;
        hlen = 2;
    } else if ((size_t)size <= 0xffffffffUL) {
        header[0] = OP_BINUNICODE;
        put_le(header + 1, (uint64_t)size, 4);
        hlen = 5;
    } else if (self->proto >= 4) {
        header[0] = (char)OP_BINUNICODE8;
        put_le(header + 1, (uint64_t)size, 8);
        hlen = 9;
    } else {
        PyErr_SetString(PyExc_OverflowError, "serializing a string larger than 4 GiB "
                                             "requires pickle protocol 4 or higher");
        Py_XDECREF(encoded);
        return -1;
    }
    int r = write_bytes(self, header, hlen, data, size, encoded);
    Py_XDECREF(encoded);
    return r;
}

static int
save_unicode(PicklerObject *self, PyObject *obj)
{
    if (self->bin) {
        if (save_unicode_binary(self, obj) < 0) {
            return -1;
        }
    } else {
        PyObject *encoded = raw_unicode_escape(obj);
        if (encoded == NULL) {
            return -1;
        }
        int r = write_op(self, OP_UNICODE);
        if (r == 0) {
            r = write_raw(self, PyBytes_AS_STRING(encoded), PyBytes_GET_SIZE(encoded));
        }
        Py_DECREF(encoded);
        if (r < 0 || write_raw(self, "\n", 1) < 0) {
            return -1;
        }
    }
    return memo_put(self, obj);
}

/* ---- containers ------------------------------------------------------------------------------ */

/* After saving a container's items: when saving them memoized the container itself (a
 * recursive structure), throws away what was pushed (POPS pops, or POP_MARK) and fetches it
 * from the memo instead: 1 when that happened, 0 when not, -1 on error. */
static int
recursive_fixup(PicklerObject *self, PyObject *obj, Py_ssize_t pops, int pop_mark)
{
    if (memo_lookup(&self->memo, obj) == NULL) {
        return 0;
    }
    if (pop_mark) {
        if (write_op(self, OP_POP_MARK) < 0) {
            return -1;
        }
    } else {
        for (Py_ssize_t i = 0; i < pops; i++) {
            if (write_op(self, OP_POP) < 0) {
                return -1;
            }
        }
    }
    return memo_get(self, obj) < 0 ? -1 : 1;
}

static int
save_tuple(PicklerObject *self, PyObject *obj)
{
    Py_ssize_t len = PyTuple_GET_SIZE(obj);
    if (len == 0) {
        return self->proto ? write_op(self, OP_EMPTY_TUPLE) : write_raw(self, "(t", 2);
    }
    int small = len <= 3 && self->proto >= 2;
    if (!small && write_op(self, OP_MARK) < 0) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        if (save(self, PyTuple_GET_ITEM(obj, i), 0) < 0) {
            return -1;
        }
    }
    int r =
        small ? recursive_fixup(self, obj, len, 0) : recursive_fixup(self, obj, len + 1, self->bin);
    if (r != 0) {
        return r < 0 ? -1 : 0;
    }
    if (write_op(self, small ? OP_TUPLE1 + (int)len - 1 : OP_TUPLE) < 0) {
        return -1;
    }
    return memo_put(self, obj);
}

/* Saves the items of ITER: APPEND each under protocol 0, MARK ... APPENDS batches else. */
static int
batch_list(PicklerObject *self, PyObject *iter)
{
    PyObject *item;
    if (self->proto == 0) {
        while ((item = PyIter_Next(iter)) != NULL) {
            int r = save(self, item, 0);
            Py_DECREF(item);
            if (r < 0 || write_op(self, OP_APPEND) < 0) {
                return -1;
            }
        }
        return PyErr_Occurred() ? -1 : 0;
    }
    for (;;) {
        PyObject *first = PyIter_Next(iter);
        if (first == NULL) {
            return PyErr_Occurred() ? -1 : 0;
        }
        item = PyIter_Next(iter);
        if (item == NULL) {
            int r = PyErr_Occurred() ? -1 : save(self, first, 0);
            Py_DECREF(first);
            if (r < 0 || write_op(self, OP_APPEND) < 0) {
                return -1;
            }
            return 0;
        }
        int r = write_op(self, OP_MARK);
        if (r == 0) {
            r = save(self, first, 0);
        }
        Py_DECREF(first);
        Py_ssize_t n = 1;
        while (r == 0 && item != NULL) {
            r = save(self, item, 0);
            Py_CLEAR(item);
            if (r == 0 && ++n < PYRS_PICKLE_BATCHSIZE) {
                item = PyIter_Next(iter);
                if (item == NULL && PyErr_Occurred()) {
                    r = -1;
                }
            }
        }
        Py_XDECREF(item);
        if (r < 0 || write_op(self, OP_APPENDS) < 0) {
            return -1;
        }
        if (n < PYRS_PICKLE_BATCHSIZE) {
            return 0;
        }
    }
}

static int
batch_list_exact(PicklerObject *self, PyObject *obj)
{
    if (PyList_GET_SIZE(obj) == 1) {
        PyObject *item = Py_NewRef(PyList_GET_ITEM(obj, 0));
        int r = save(self, item, 0);
        Py_DECREF(item);
        return r < 0 ? -1 : write_op(self, OP_APPEND);
    }
    Py_ssize_t total = 0;
    do {
        if (write_op(self, OP_MARK) < 0) {
            return -1;
        }
        for (int batch = 0; total < PyList_GET_SIZE(obj) && batch < PYRS_PICKLE_BATCHSIZE;
             batch++) {
            PyObject *item = Py_NewRef(PyList_GET_ITEM(obj, total));
            int r = save(self, item, 0);
            Py_DECREF(item);
            if (r < 0) {
                return -1;
            }
            total++;
        }
        if (write_op(self, OP_APPENDS) < 0) {
            return -1;
        }
    } while (total < PyList_GET_SIZE(obj));
    return 0;
}

static int
save_list(PicklerObject *self, PyObject *obj)
{
    if (self->fast && !fast_save_enter(self, obj)) {
        return -1;
    }
    int status = -1;
    if ((self->bin ? write_op(self, OP_EMPTY_LIST) : write_raw(self, "(l", 2)) < 0 ||
        memo_put(self, obj) < 0) {
        goto done;
    }
    status = 0;
    if (PyList_GET_SIZE(obj) != 0) {
        if (Py_EnterRecursiveCall(" while pickling an object")) {
            status = -1;
            goto done;
        }
        if (PyList_CheckExact(obj) && self->proto > 0) {
            status = batch_list_exact(self, obj);
        } else {
            PyObject *iter = PyObject_GetIter(obj);
            status = iter == NULL ? -1 : batch_list(self, iter);
            Py_XDECREF(iter);
        }
        Py_LeaveRecursiveCall();
    }
done:
    if (self->fast && !fast_save_leave(self, obj)) {
        status = -1;
    }
    return status;
}

/* Saves one (key, value) pair taken from an items iterator. */
static int
save_pair(PicklerObject *self, PyObject *pair)
{
    if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
        PyErr_SetString(PyExc_TypeError, "dict items iterator must return 2-tuples");
        return -1;
    }
    if (save(self, PyTuple_GET_ITEM(pair, 0), 0) < 0) {
        return -1;
    }
    return save(self, PyTuple_GET_ITEM(pair, 1), 0);
}

static int
batch_dict(PicklerObject *self, PyObject *iter)
{
    PyObject *item;
    if (self->proto == 0) {
        while ((item = PyIter_Next(iter)) != NULL) {
            int r = save_pair(self, item);
            Py_DECREF(item);
            if (r < 0 || write_op(self, OP_SETITEM) < 0) {
                return -1;
            }
        }
        return PyErr_Occurred() ? -1 : 0;
    }
    for (;;) {
        PyObject *first = PyIter_Next(iter);
        if (first == NULL) {
            return PyErr_Occurred() ? -1 : 0;
        }
        if (!PyTuple_Check(first) || PyTuple_GET_SIZE(first) != 2) {
            Py_DECREF(first);
            PyErr_SetString(PyExc_TypeError, "dict items iterator must return 2-tuples");
            return -1;
        }
        item = PyIter_Next(iter);
        if (item == NULL) {
            int r = PyErr_Occurred() ? -1 : save_pair(self, first);
            Py_DECREF(first);
            if (r < 0 || write_op(self, OP_SETITEM) < 0) {
                return -1;
            }
            return 0;
        }
        int r = write_op(self, OP_MARK);
        if (r == 0) {
            r = save_pair(self, first);
        }
        Py_DECREF(first);
        Py_ssize_t n = 1;
        while (r == 0 && item != NULL) {
            r = save_pair(self, item);
            Py_CLEAR(item);
            if (r == 0 && ++n < PYRS_PICKLE_BATCHSIZE) {
                item = PyIter_Next(iter);
                if (item == NULL && PyErr_Occurred()) {
                    r = -1;
                }
            }
        }
        Py_XDECREF(item);
        if (r < 0 || write_op(self, OP_SETITEMS) < 0) {
            return -1;
        }
        if (n < PYRS_PICKLE_BATCHSIZE) {
            return 0;
        }
    }
}

/* Saves KEY and VALUE, holding references while user code may mutate the dict. */
static int
save_kv(PicklerObject *self, PyObject *key, PyObject *value)
{
    Py_INCREF(key);
    Py_INCREF(value);
    int r = save(self, key, 0);
    if (r == 0) {
        r = save(self, value, 0);
    }
    Py_DECREF(key);
    Py_DECREF(value);
    return r;
}

static int
batch_dict_exact(PicklerObject *self, PyObject *obj)
{
    Py_ssize_t size = PyDict_GET_SIZE(obj), pos = 0;
    PyObject *key, *value;
    if (size == 1) {
        PyDict_Next(obj, &pos, &key, &value);
        if (save_kv(self, key, value) < 0) {
            return -1;
        }
        return write_op(self, OP_SETITEM);
    }
    int i;
    do {
        if (write_op(self, OP_MARK) < 0) {
            return -1;
        }
        for (i = 0; i < PYRS_PICKLE_BATCHSIZE && PyDict_Next(obj, &pos, &key, &value); i++) {
            if (save_kv(self, key, value) < 0) {
                return -1;
            }
        }
        if (write_op(self, OP_SETITEMS) < 0) {
            return -1;
        }
        if (PyDict_GET_SIZE(obj) != size) {
            PyErr_SetString(PyExc_RuntimeError, "dictionary changed size during iteration");
            return -1;
        }
    } while (i == PYRS_PICKLE_BATCHSIZE);
    return 0;
}

static int
save_dict(PicklerObject *self, PyObject *obj)
{
    if (self->fast && !fast_save_enter(self, obj)) {
        return -1;
    }
    int status = -1;
    if ((self->bin ? write_op(self, OP_EMPTY_DICT) : write_raw(self, "(d", 2)) < 0 ||
        memo_put(self, obj) < 0) {
        goto done;
    }
    status = 0;
    if (PyDict_GET_SIZE(obj) != 0) {
        if (Py_EnterRecursiveCall(" while pickling an object")) {
            status = -1;
            goto done;
        }
        if (PyDict_CheckExact(obj) && self->proto > 0) {
            status = batch_dict_exact(self, obj);
        } else {
            PyObject *items = PyObject_CallMethod(obj, "items", NULL);
            PyObject *iter = items == NULL ? NULL : PyObject_GetIter(items);
            Py_XDECREF(items);
            status = iter == NULL ? -1 : batch_dict(self, iter);
            Py_XDECREF(iter);
        }
        Py_LeaveRecursiveCall();
    }
done:
    if (self->fast && !fast_save_leave(self, obj)) {
        status = -1;
    }
    return status;
}

/* Protocols < 4 pickle sets as TYPE(list(OBJ)). */
static int
save_set_reduce(PicklerObject *self, PyObject *obj, PyTypeObject *tp)
{
    PyObject *items = PySequence_List(obj);
    if (items == NULL) {
        return -1;
    }
    PyObject *value = Py_BuildValue("(O(O))", (PyObject *)tp, items);
    Py_DECREF(items);
    return save_reduce_value(self, value, obj);
}

static int
save_set(PicklerObject *self, PyObject *obj)
{
    if (self->proto < 4) {
        return save_set_reduce(self, obj, &PySet_Type);
    }
    if (write_op(self, OP_EMPTY_SET) < 0 || memo_put(self, obj) < 0) {
        return -1;
    }
    Py_ssize_t size = PySet_GET_SIZE(obj), pos = 0;
    if (size == 0) {
        return 0;
    }
    PyObject *item;
    Py_hash_t hash;
    int i;
    do {
        if (write_op(self, OP_MARK) < 0) {
            return -1;
        }
        for (i = 0; i < PYRS_PICKLE_BATCHSIZE && _PySet_NextEntry(obj, &pos, &item, &hash); i++) {
            Py_INCREF(item);
            int r = save(self, item, 0);
            Py_DECREF(item);
            if (r < 0) {
                return -1;
            }
        }
        if (write_op(self, OP_ADDITEMS) < 0) {
            return -1;
        }
        if (PySet_GET_SIZE(obj) != size) {
            PyErr_SetString(PyExc_RuntimeError, "set changed size during iteration");
            return -1;
        }
    } while (i == PYRS_PICKLE_BATCHSIZE);
    return 0;
}

static int
save_frozenset(PicklerObject *self, PyObject *obj)
{
    if (self->proto < 4) {
        return save_set_reduce(self, obj, &PyFrozenSet_Type);
    }
    if (write_op(self, OP_MARK) < 0) {
        return -1;
    }
    PyObject *iter = PyObject_GetIter(obj);
    if (iter == NULL) {
        return -1;
    }
    PyObject *item;
    while ((item = PyIter_Next(iter)) != NULL) {
        int r = save(self, item, 0);
        Py_DECREF(item);
        if (r < 0) {
            Py_DECREF(iter);
            return -1;
        }
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) {
        return -1;
    }
    int r = recursive_fixup(self, obj, 0, 1);
    if (r != 0) {
        return r < 0 ? -1 : 0;
    }
    if (write_op(self, OP_FROZENSET) < 0) {
        return -1;
    }
    return memo_put(self, obj);
}

/* ---- globals ------------------------------------------------------------------------------- */

/* The module GLOBAL lives in: its __module__, else the first module in sys.modules holding
 * it under PATH, else '__main__'. New reference or NULL. */
static PyObject *
whichmodule(PyObject *global, PyObject *path)
{
    PyObject *name;
    if (_PyObject_LookupAttr(global, PYRS_PICKLE_ID(__module__), &name) < 0) {
        return NULL;
    }
    if (name != NULL) {
        if (name != Py_None) {
            return name;
        }
        Py_DECREF(name);
    }
    PyObject *modules = PySys_GetObject("modules");
    if (modules == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "unable to get sys.modules");
        return NULL;
    }
    if (PyDict_Check(modules)) {
        PyObject *items = PyDict_Items(modules);
        if (items == NULL) {
            return NULL;
        }
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++) {
            PyObject *pair = PyList_GET_ITEM(items, i);
            PyObject *modname = PyTuple_GET_ITEM(pair, 0);
            PyObject *module = PyTuple_GET_ITEM(pair, 1);
            if (!PyUnicode_Check(modname) || _PyUnicode_EqualToASCIIString(modname, "__main__") ||
                module == Py_None) {
                continue;
            }
            PyObject *candidate = pyrs_pickle_deep_attr(module, path, NULL);
            if (candidate == NULL) {
                PyErr_Clear();
                continue;
            }
            Py_DECREF(candidate);
            if (candidate == global) {
                Py_INCREF(modname);
                Py_DECREF(items);
                return modname;
            }
        }
        Py_DECREF(items);
    }
    return PyUnicode_FromString("__main__");
}

/* Protocols < 3 map Python 3 names to Python 2 ones (_compat_pickle's reverse tables). */
static int
fix_imports(PyObject **module_name, PyObject **global_name)
{
    PyrsPickleState *st = &pyrs_pickle_state;
    PyObject *key = PyTuple_Pack(2, *module_name, *global_name);
    if (key == NULL) {
        return -1;
    }
    PyObject *item = PyDict_GetItemWithError(st->name_mapping_3to2, key);
    Py_DECREF(key);
    if (item != NULL) {
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
            PyErr_Format(PyExc_RuntimeError,
                         "_compat_pickle.REVERSE_NAME_MAPPING values should be 2-tuples, "
                         "not %.200s",
                         Py_TYPE(item)->tp_name);
            return -1;
        }
        PyObject *m = PyTuple_GET_ITEM(item, 0), *g = PyTuple_GET_ITEM(item, 1);
        if (!PyUnicode_Check(m) || !PyUnicode_Check(g)) {
            PyErr_Format(PyExc_RuntimeError,
                         "_compat_pickle.REVERSE_NAME_MAPPING values should be pairs of str, "
                         "not (%.200s, %.200s)",
                         Py_TYPE(m)->tp_name, Py_TYPE(g)->tp_name);
            return -1;
        }
        Py_SETREF(*module_name, Py_NewRef(m));
        Py_SETREF(*global_name, Py_NewRef(g));
        return 0;
    }
    if (PyErr_Occurred()) {
        return -1;
    }
    item = PyDict_GetItemWithError(st->import_mapping_3to2, *module_name);
    if (item != NULL) {
        if (!PyUnicode_Check(item)) {
            PyErr_Format(PyExc_RuntimeError,
                         "_compat_pickle.REVERSE_IMPORT_MAPPING values should be strings, "
                         "not %.200s",
                         Py_TYPE(item)->tp_name);
            return -1;
        }
        Py_SETREF(*module_name, Py_NewRef(item));
    }
    return PyErr_Occurred() ? -1 : 0;
}

/* Writes "S\n" for the GLOBAL opcode: UTF-8 under protocol 3, ASCII otherwise. */
static int
write_global_part(PicklerObject *self, PyObject *s, const char *what)
{
    PyObject *enc = self->proto == 3 ? PyUnicode_AsUTF8String(s) : PyUnicode_AsASCIIString(s);
    if (enc == NULL) {
        if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
            PyErr_Format(pyrs_pickle_state.PicklingError,
                         "can't pickle %s identifier '%S' using pickle protocol %i", what, s,
                         self->proto);
        }
        return -1;
    }
    int r = write_raw(self, PyBytes_AS_STRING(enc), PyBytes_GET_SIZE(enc));
    Py_DECREF(enc);
    return r < 0 ? -1 : write_raw(self, "\n", 1);
}

/* EXT1/EXT2/EXT4 for a name in copyreg's extension registry: 1 written, 0 not registered,
 * -1 error. */
static int
save_extension(PicklerObject *self, PyObject *obj, PyObject *module_name, PyObject *name)
{
    PyObject *key = PyTuple_Pack(2, module_name, name);
    if (key == NULL) {
        return -1;
    }
    PyObject *code_obj = PyDict_GetItemWithError(pyrs_pickle_state.extension_registry, key);
    Py_DECREF(key);
    if (code_obj == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    if (!PyLong_Check(code_obj)) {
        PyErr_Format(pyrs_pickle_state.PicklingError,
                     "Can't pickle %R: extension code %R isn't an integer", obj, code_obj);
        return -1;
    }
    long code = PyLong_AsLong(code_obj);
    if (code <= 0 || code > 0x7fffffffL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(pyrs_pickle_state.PicklingError,
                         "Can't pickle %R: extension code %ld is out of range", obj, code);
        }
        return -1;
    }
    char buf[5];
    Py_ssize_t n;
    if (code <= 0xff) {
        buf[0] = (char)OP_EXT1;
        n = 2;
    } else if (code <= 0xffff) {
        buf[0] = (char)OP_EXT2;
        n = 3;
    } else {
        buf[0] = (char)OP_EXT4;
        n = 5;
    }
    put_le(buf + 1, (uint64_t)code, (int)n - 1);
    return write_raw(self, buf, n) < 0 ? -1 : 1;
}

/* Writes the reference to a global (class, function...) OBJ under NAME (or its __qualname__),
 * after checking that importing it gives OBJ back. */
static int
save_global(PicklerObject *self, PyObject *obj, PyObject *name)
{
    PyrsPickleState *st = &pyrs_pickle_state;
    PyObject *global_name = NULL, *path = NULL, *module_name = NULL, *module = NULL;
    PyObject *parent = NULL, *lastname = NULL, *cls = NULL;
    int status = -1;
    if (name != NULL) {
        global_name = Py_NewRef(name);
    } else {
        if (_PyObject_LookupAttr(obj, PYRS_PICKLE_ID(__qualname__), &global_name) < 0) {
            goto done;
        }
        if (global_name == NULL &&
            (global_name = PyObject_GetAttr(obj, PYRS_PICKLE_ID(__name__))) == NULL) {
            goto done;
        }
    }
    path = pyrs_pickle_dotted_path(NULL, global_name);
    if (path == NULL || (module_name = whichmodule(obj, path)) == NULL) {
        goto done;
    }
    module = PyImport_Import(module_name);
    if (module == NULL) {
        PyErr_Format(st->PicklingError, "Can't pickle %R: import of module %R failed", obj,
                     module_name);
        goto done;
    }
    lastname = Py_NewRef(PyList_GET_ITEM(path, PyList_GET_SIZE(path) - 1));
    cls = pyrs_pickle_deep_attr(module, path, &parent);
    if (cls == NULL) {
        PyErr_Format(st->PicklingError, "Can't pickle %R: attribute lookup %S on %S failed", obj,
                     global_name, module_name);
        goto done;
    }
    if (cls != obj) {
        PyErr_Format(st->PicklingError, "Can't pickle %R: it's not the same object as %S.%S", obj,
                     module_name, global_name);
        goto done;
    }
    if (self->proto >= 2) {
        int r = save_extension(self, obj, module_name, global_name);
        if (r != 0) {
            status = r < 0 ? -1 : 0;
            goto done;
        }
    }
    if (parent == module) {
        Py_SETREF(global_name, Py_NewRef(lastname));
    }
    if (self->proto >= 4) {
        if (save(self, module_name, 0) < 0 || save(self, global_name, 0) < 0 ||
            write_op(self, OP_STACK_GLOBAL) < 0) {
            goto done;
        }
    } else if (parent != module) {
        PyObject *value = Py_BuildValue("(O(OO))", st->getattr, parent, lastname);
        if (save_reduce_value(self, value, NULL) < 0) {
            goto done;
        }
    } else {
        if (write_op(self, OP_GLOBAL) < 0) {
            goto done;
        }
        if (self->proto < 3 && self->fix_imports && fix_imports(&module_name, &global_name) < 0) {
            goto done;
        }
        if (write_global_part(self, module_name, "module") < 0 ||
            write_global_part(self, global_name, "global") < 0) {
            goto done;
        }
    }
    status = memo_put(self, obj);
done:
    Py_XDECREF(global_name);
    Py_XDECREF(path);
    Py_XDECREF(module_name);
    Py_XDECREF(module);
    Py_XDECREF(parent);
    Py_XDECREF(lastname);
    Py_XDECREF(cls);
    return status;
}

static int
save_type(PicklerObject *self, PyObject *obj)
{
    PyObject *singleton = NULL;
    if (obj == (PyObject *)&_PyNone_Type) {
        singleton = Py_None;
    } else if (obj == (PyObject *)&PyEllipsis_Type) {
        singleton = Py_Ellipsis;
    } else if (obj == (PyObject *)&_PyNotImplemented_Type) {
        singleton = Py_NotImplemented;
    }
    if (singleton != NULL) {
        return save_reduce_value(self, Py_BuildValue("(O(O))", &PyType_Type, singleton), obj);
    }
    return save_global(self, obj, NULL);
}

static int
save_pers(PicklerObject *self, PyObject *obj)
{
    PyObject *pid = pyrs_pickle_call_method(self->pers_func, self->pers_func_self, obj);
    if (pid == NULL) {
        return -1;
    }
    int status = 0;
    if (pid != Py_None) {
        status = -1;
        if (self->bin) {
            if (save(self, pid, 1) == 0 && write_op(self, OP_BINPERSID) == 0) {
                status = 1;
            }
        } else {
            PyObject *s = PyObject_Str(pid);
            if (s != NULL) {
                if (!PyUnicode_IS_ASCII(s)) {
                    pickling_error("persistent IDs in protocol 0 must be ASCII strings");
                } else if (write_op(self, OP_PERSID) == 0 &&
                           write_raw(self, PyUnicode_AsUTF8(s), PyUnicode_GET_LENGTH(s)) == 0 &&
                           write_raw(self, "\n", 1) == 0) {
                    status = 1;
                }
                Py_DECREF(s);
            }
        }
    }
    Py_DECREF(pid);
    return status;
}

/* ---- reduce ------------------------------------------------------------------------------- */

/* The __name__ of CALLABLE tells whether it is copyreg.__newobj__ (1) or __newobj_ex__ (2). */
static int
newobj_kind(PyObject *callable)
{
    PyObject *name;
    if (_PyObject_LookupAttr(callable, PYRS_PICKLE_ID(__name__), &name) < 0) {
        return -1;
    }
    int kind = 0;
    if (name != NULL && PyUnicode_Check(name)) {
        if (_PyUnicode_EqualToASCIIString(name, "__newobj_ex__")) {
            kind = 2;
        } else if (_PyUnicode_EqualToASCIIString(name, "__newobj__")) {
            kind = 1;
        }
    }
    Py_XDECREF(name);
    return kind;
}

static int
save_newobj_ex(PicklerObject *self, PyObject *argtup)
{
    PyObject *st_err = pyrs_pickle_state.PicklingError;
    if (PyTuple_GET_SIZE(argtup) != 3) {
        PyErr_Format(st_err, "length of the NEWOBJ_EX argument tuple must be exactly 3, not %zd",
                     PyTuple_GET_SIZE(argtup));
        return -1;
    }
    PyObject *cls = PyTuple_GET_ITEM(argtup, 0);
    PyObject *args = PyTuple_GET_ITEM(argtup, 1);
    PyObject *kwargs = PyTuple_GET_ITEM(argtup, 2);
    if (!PyType_Check(cls)) {
        PyErr_Format(st_err, "first item from NEWOBJ_EX argument tuple must be a class, not %.200s",
                     Py_TYPE(cls)->tp_name);
        return -1;
    }
    if (!PyTuple_Check(args)) {
        PyErr_Format(st_err,
                     "second item from NEWOBJ_EX argument tuple must be a tuple, not %.200s",
                     Py_TYPE(args)->tp_name);
        return -1;
    }
    if (!PyDict_Check(kwargs)) {
        PyErr_Format(st_err, "third item from NEWOBJ_EX argument tuple must be a dict, not %.200s",
                     Py_TYPE(kwargs)->tp_name);
        return -1;
    }
    if (self->proto >= 4) {
        if (save(self, cls, 0) < 0 || save(self, args, 0) < 0 || save(self, kwargs, 0) < 0) {
            return -1;
        }
        return write_op(self, OP_NEWOBJ_EX);
    }
    /* Protocols 2-3: REDUCE of partial(cls.__new__, cls, *args, **kwargs) with (). */
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *newargs = PyTuple_New(n + 2);
    if (newargs == NULL) {
        return -1;
    }
    PyObject *cls_new = PyObject_GetAttr(cls, PYRS_PICKLE_ID(__new__));
    if (cls_new == NULL) {
        Py_DECREF(newargs);
        return -1;
    }
    PyTuple_SET_ITEM(newargs, 0, cls_new);
    PyTuple_SET_ITEM(newargs, 1, Py_NewRef(cls));
    for (Py_ssize_t i = 0; i < n; i++) {
        PyTuple_SET_ITEM(newargs, i + 2, Py_NewRef(PyTuple_GET_ITEM(args, i)));
    }
    PyObject *callable = PyObject_Call(pyrs_pickle_state.partial, newargs, kwargs);
    Py_DECREF(newargs);
    if (callable == NULL) {
        return -1;
    }
    PyObject *empty = PyTuple_New(0);
    int r = -1;
    if (empty != NULL && save(self, callable, 0) == 0 && save(self, empty, 0) == 0) {
        r = write_op(self, OP_REDUCE);
    }
    Py_XDECREF(empty);
    Py_DECREF(callable);
    return r;
}

static int
save_newobj(PicklerObject *self, PyObject *argtup, PyObject *obj)
{
    if (PyTuple_GET_SIZE(argtup) < 1) {
        return pickling_error("__newobj__ arglist is empty") ? 0 : -1;
    }
    PyObject *cls = PyTuple_GET_ITEM(argtup, 0);
    if (!PyType_Check(cls)) {
        return pickling_error("args[0] from __newobj__ args is not a type") ? 0 : -1;
    }
    if (obj != NULL) {
        PyObject *obj_class = PyObject_GetAttr(obj, PYRS_PICKLE_ID(__class__));
        if (obj_class == NULL) {
            return -1;
        }
        Py_DECREF(obj_class);
        if (obj_class != cls) {
            return pickling_error("args[0] from __newobj__ args has the wrong class") ? 0 : -1;
        }
    }
    if (save(self, cls, 0) < 0) {
        return -1;
    }
    PyObject *rest = PyTuple_GetSlice(argtup, 1, PyTuple_GET_SIZE(argtup));
    if (rest == NULL) {
        return -1;
    }
    int r = save(self, rest, 0);
    Py_DECREF(rest);
    return r < 0 ? -1 : write_op(self, OP_NEWOBJ);
}

/* Checks that an optional reduce item is an iterator (or None -> *ITEM = NULL). */
static int
check_reduce_iter(PyObject **item, const char *which)
{
    if (*item == Py_None) {
        *item = NULL;
    } else if (!PyIter_Check(*item)) {
        PyErr_Format(pyrs_pickle_state.PicklingError,
                     "%s element of the tuple returned by __reduce__ must be an iterator, not %s",
                     which, Py_TYPE(*item)->tp_name);
        return -1;
    }
    return 0;
}

static int
save_state(PicklerObject *self, PyObject *obj, PyObject *state, PyObject *setter)
{
    if (setter == NULL) {
        return save(self, state, 0) < 0 ? -1 : write_op(self, OP_BUILD);
    }
    /* setter(obj, state) through REDUCE, then POP: the stack is left as it was. */
    if (save(self, setter, 0) < 0 || save(self, obj, 0) < 0 || save(self, state, 0) < 0 ||
        write_op(self, OP_TUPLE2) < 0 || write_op(self, OP_REDUCE) < 0) {
        return -1;
    }
    return write_op(self, OP_POP);
}

/* Pickles the reduce tuple ARGS (callable, args[, state[, listitems[, dictitems[,
 * state_setter]]]]) for OBJ, which is memoized unless NULL. */
static int
save_reduce(PicklerObject *self, PyObject *args, PyObject *obj)
{
    Py_ssize_t size = PyTuple_Size(args);
    if (size < 2 || size > 6) {
        return pickling_error("tuple returned by __reduce__ must contain 2 through 6 elements")
                   ? 0
                   : -1;
    }
    PyObject *callable, *argtup, *state = NULL, *listitems = Py_None, *dictitems = Py_None;
    PyObject *setter = Py_None;
    if (!PyArg_UnpackTuple(args, "save_reduce", 2, 6, &callable, &argtup, &state, &listitems,
                           &dictitems, &setter)) {
        return -1;
    }
    if (!PyCallable_Check(callable)) {
        return pickling_error("first item of the tuple returned by __reduce__ must be callable")
                   ? 0
                   : -1;
    }
    if (!PyTuple_Check(argtup)) {
        return pickling_error("second item of the tuple returned by __reduce__ must be a tuple")
                   ? 0
                   : -1;
    }
    if (state == Py_None) {
        state = NULL;
    }
    if (check_reduce_iter(&listitems, "fourth") < 0 || check_reduce_iter(&dictitems, "fifth") < 0) {
        return -1;
    }
    if (setter == Py_None) {
        setter = NULL;
    } else if (!PyCallable_Check(setter)) {
        PyErr_Format(pyrs_pickle_state.PicklingError,
                     "sixth element of the tuple returned by __reduce__ must be a function, not %s",
                     Py_TYPE(setter)->tp_name);
        return -1;
    }
    int kind = self->proto >= 2 ? newobj_kind(callable) : 0;
    int r;
    if (kind < 0) {
        return -1;
    } else if (kind == 2) {
        r = save_newobj_ex(self, argtup);
    } else if (kind == 1) {
        r = save_newobj(self, argtup, obj);
    } else if (save(self, callable, 0) < 0 || save(self, argtup, 0) < 0) {
        r = -1;
    } else {
        r = write_op(self, OP_REDUCE);
    }
    if (r < 0) {
        return -1;
    }
    if (obj != NULL) {
        r = recursive_fixup(self, obj, 1, 0);
        if (r != 0) {
            return r < 0 ? -1 : 0;
        }
        if (memo_put(self, obj) < 0) {
            return -1;
        }
    }
    if ((listitems != NULL && batch_list(self, listitems) < 0) ||
        (dictitems != NULL && batch_dict(self, dictitems) < 0)) {
        return -1;
    }
    if (state != NULL) {
        return save_state(self, obj, state, setter);
    }
    return 0;
}

/* The reduce value of OBJ from a dispatch table, __reduce_ex__ or __reduce__; sets *GLOBAL
 * instead when OBJ is a class to be saved by name. New reference or NULL. */
static PyObject *
get_reduce_value(PicklerObject *self, PyObject *obj, int *global)
{
    PyTypeObject *tp = Py_TYPE(obj);
    PyObject *func = NULL;
    if (self->dispatch_table == NULL) {
        func = PyDict_GetItemWithError(pyrs_pickle_state.dispatch_table, (PyObject *)tp);
        if (func == NULL && PyErr_Occurred()) {
            return NULL;
        }
        Py_XINCREF(func);
    } else {
        func = PyObject_GetItem(self->dispatch_table, (PyObject *)tp);
        if (func == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_KeyError)) {
                return NULL;
            }
            PyErr_Clear();
        }
    }
    PyObject *res;
    if (func != NULL) {
        res = PyObject_CallOneArg(func, obj);
    } else if (PyType_IsSubtype(tp, &PyType_Type)) {
        *global = 1;
        return NULL;
    } else {
        if (_PyObject_LookupAttr(obj, PYRS_PICKLE_ID(__reduce_ex__), &func) < 0) {
            return NULL;
        }
        if (func != NULL) {
            PyObject *proto = PyLong_FromLong(self->proto);
            res = proto == NULL ? NULL : PyObject_CallOneArg(func, proto);
            Py_XDECREF(proto);
        } else {
            if (_PyObject_LookupAttr(obj, PYRS_PICKLE_ID(__reduce__), &func) < 0) {
                return NULL;
            }
            if (func == NULL) {
                PyErr_Format(pyrs_pickle_state.PicklingError, "can't pickle '%.200s' object: %R",
                             tp->tp_name, obj);
                return NULL;
            }
            res = PyObject_CallNoArgs(func);
        }
    }
    Py_DECREF(func);
    return res;
}

/* Pickles OBJ, which is not an atom nor a built-in container. */
static int
save_other(PicklerObject *self, PyObject *obj)
{
    PyTypeObject *tp = Py_TYPE(obj);
    PyObject *value = NULL;
    if (self->reducer_override != NULL) {
        value = PyObject_CallOneArg(self->reducer_override, obj);
        if (value == NULL) {
            return -1;
        }
        if (value == Py_NotImplemented) {
            Py_CLEAR(value);
        }
    }
    if (value == NULL) {
        if (tp == &PyType_Type) {
            return save_type(self, obj);
        }
        if (tp == &PyFunction_Type) {
            return save_global(self, obj, NULL);
        }
        int global = 0;
        value = get_reduce_value(self, obj, &global);
        if (value == NULL) {
            return global ? save_global(self, obj, NULL) : -1;
        }
    }
    int status;
    if (PyUnicode_Check(value)) {
        status = save_global(self, obj, value);
    } else if (!PyTuple_Check(value)) {
        pickling_error("__reduce__ must return a string or tuple");
        status = -1;
    } else {
        status = save_reduce(self, value, obj);
    }
    Py_DECREF(value);
    return status;
}

/* save() recurses in C for nested containers: with a raised recursion limit, very deep data
 * could overflow the C stack (CPython 3.11 crashes there). Past three quarters of the stack
 * size limit used by one dump(), RecursionError is raised instead. */
static uintptr_t
stack_budget(void)
{
    static uintptr_t budget;
    if (budget == 0) {
        struct rlimit rl;
        uintptr_t size = (uintptr_t)8 << 20;
        if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
            size = (uintptr_t)rl.rlim_cur;
        }
        budget = size / 4 * 3;
    }
    return budget;
}

static int
c_stack_exhausted(PicklerObject *self)
{
    char probe;
    uintptr_t here = (uintptr_t)&probe;
    if (self->stack_base > here && self->stack_base - here > stack_budget()) {
        PyErr_SetString(PyExc_RecursionError,
                        "maximum recursion depth exceeded while pickling an object");
        return 1;
    }
    return 0;
}

/* Pickles OBJ; PERS_SAVE skips persistent_id (for saving a persistent id itself). */
static int
save(PicklerObject *self, PyObject *obj, int pers_save)
{
    if (opcode_boundary(self) < 0) {
        return -1;
    }
    if (!pers_save && self->pers_func != NULL) {
        int r = save_pers(self, obj);
        if (r != 0) {
            return r < 0 ? -1 : 0;
        }
    }
    PyTypeObject *tp = Py_TYPE(obj);
    if (obj == Py_None) {
        return write_op(self, OP_NONE);
    }
    if (obj == Py_True || obj == Py_False) {
        return save_bool(self, obj);
    }
    if (tp == &PyLong_Type) {
        return save_long(self, obj);
    }
    if (tp == &PyFloat_Type) {
        return save_float(self, obj);
    }
    if (memo_lookup(&self->memo, obj) != NULL) {
        return memo_get(self, obj);
    }
    if (tp == &PyBytes_Type) {
        return save_bytes(self, obj);
    }
    if (tp == &PyUnicode_Type) {
        return save_unicode(self, obj);
    }
    if (Py_EnterRecursiveCall(" while pickling an object")) {
        return -1;
    }
    if (c_stack_exhausted(self)) {
        Py_LeaveRecursiveCall();
        return -1;
    }
    int status;
    if (tp == &PyDict_Type) {
        status = save_dict(self, obj);
    } else if (tp == &PySet_Type) {
        status = save_set(self, obj);
    } else if (tp == &PyFrozenSet_Type) {
        status = save_frozenset(self, obj);
    } else if (tp == &PyList_Type) {
        status = save_list(self, obj);
    } else if (tp == &PyTuple_Type) {
        status = save_tuple(self, obj);
    } else if (tp == &PyByteArray_Type) {
        status = save_bytearray(self, obj);
    } else if (tp == &pyrs_pickle_buffer_type) {
        status = save_picklebuffer(self, obj);
    } else {
        status = save_other(self, obj);
    }
    Py_LeaveRecursiveCall();
    return status;
}

int
pyrs_pickle_pickler_dump(PyObject *pickler, PyObject *obj)
{
    PicklerObject *self = (PicklerObject *)pickler;
    PyObject *override;
    if (_PyObject_LookupAttr(pickler, PYRS_PICKLE_ID(reducer_override), &override) < 0) {
        return -1;
    }
    Py_XSETREF(self->reducer_override, override);
    char base;
    self->stack_base = (uintptr_t)&base;
    int status = -1;
    if (self->proto >= 2) {
        char header[2] = {(char)OP_PROTO, (char)self->proto};
        if (write_raw(self, header, 2) < 0) {
            goto done;
        }
        if (self->proto >= 4) {
            self->framing = 1;
        }
    }
    if (save(self, obj, 0) == 0 && write_op(self, OP_STOP) == 0 && commit_frame(self) == 0) {
        status = 0;
    }
done:
    self->framing = 0;
    self->frame_start = -1;
    /* The override is often a method bound to this Pickler: drop the cycle. */
    Py_CLEAR(self->reducer_override);
    return status;
}

/* ---- Pickler type ------------------------------------------------------------------------ */

static int
set_protocol(PicklerObject *self, PyObject *protocol, int fix)
{
    long proto = PYRS_PICKLE_DEFAULT_PROTOCOL;
    if (protocol != NULL && protocol != Py_None) {
        proto = PyLong_AsLong(protocol);
        if (proto == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (proto < 0) {
            proto = PYRS_PICKLE_HIGHEST_PROTOCOL;
        } else if (proto > PYRS_PICKLE_HIGHEST_PROTOCOL) {
            PyErr_Format(PyExc_ValueError, "pickle protocol must be <= %d",
                         PYRS_PICKLE_HIGHEST_PROTOCOL);
            return -1;
        }
    }
    self->proto = (int)proto;
    self->bin = proto > 0;
    self->fix_imports = fix && proto < 3;
    return 0;
}

static int
set_buffer_callback(PicklerObject *self, PyObject *callback)
{
    if (callback == Py_None || callback == NULL) {
        Py_CLEAR(self->buffer_callback);
        return 0;
    }
    if (self->proto < 5) {
        PyErr_SetString(PyExc_ValueError, "buffer_callback needs protocol >= 5");
        return -1;
    }
    Py_XSETREF(self->buffer_callback, Py_NewRef(callback));
    return 0;
}

static PyObject *
pickler_tp_new(PyTypeObject *tp, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    PicklerObject *self = (PicklerObject *)tp->tp_alloc(tp, 0);
    if (self == NULL) {
        return NULL;
    }
    self->frame_start = -1;
    self->proto = PYRS_PICKLE_DEFAULT_PROTOCOL;
    self->bin = 1;
    if (memo_init(&self->memo) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static int
pickler_clear(PicklerObject *self)
{
    Py_CLEAR(self->write);
    Py_CLEAR(self->pers_func);
    self->pers_func_self = NULL;
    Py_CLEAR(self->dispatch_table);
    Py_CLEAR(self->reducer_override);
    Py_CLEAR(self->fast_memo);
    Py_CLEAR(self->buffer_callback);
    memo_clear(&self->memo);
    return 0;
}

static void
pickler_dealloc(PicklerObject *self)
{
    PyObject_GC_UnTrack(self);
    pickler_clear(self);
    memo_fini(&self->memo);
    PyMem_Free(self->output);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
pickler_traverse(PicklerObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->write);
    Py_VISIT(self->pers_func);
    Py_VISIT(self->dispatch_table);
    Py_VISIT(self->reducer_override);
    Py_VISIT(self->fast_memo);
    Py_VISIT(self->buffer_callback);
    if (self->memo.table != NULL) {
        for (size_t i = 0; i <= self->memo.mask; i++) {
            Py_VISIT(self->memo.table[i].key);
        }
    }
    return 0;
}

static int
pickler_init(PicklerObject *self, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"file", "protocol", "fix_imports", "buffer_callback", NULL};
    PyObject *file, *protocol = Py_None, *callback = Py_None;
    int fix = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|OpO:Pickler", (char **)kwlist, &file, &protocol,
                                     &fix, &callback)) {
        return -1;
    }
    if (self->write != NULL) {
        pickler_clear(self);
    }
    if (set_protocol(self, protocol, fix) < 0) {
        return -1;
    }
    if (_PyObject_LookupAttr(file, PYRS_PICKLE_ID(write), &self->write) < 0) {
        return -1;
    }
    if (self->write == NULL) {
        PyErr_SetString(PyExc_TypeError, "file must have a 'write' attribute");
        return -1;
    }
    if (set_buffer_callback(self, callback) < 0) {
        return -1;
    }
    self->output_len = 0;
    self->frame_start = -1;
    self->fast = 0;
    self->fast_nesting = 0;
    if (pyrs_pickle_method_ref((PyObject *)self, "persistent_id", &self->pers_func,
                               &self->pers_func_self) < 0) {
        return -1;
    }
    if (self->dispatch_table == NULL &&
        _PyObject_LookupAttr((PyObject *)self, PYRS_PICKLE_ID(dispatch_table),
                             &self->dispatch_table) < 0) {
        return -1;
    }
    return 0;
}

PyObject *
pyrs_pickle_pickler_new(PyObject *file, PyObject *protocol, int fix_imports,
                        PyObject *buffer_callback)
{
    PicklerObject *self = (PicklerObject *)pickler_tp_new(&pyrs_pickle_pickler_type, NULL, NULL);
    if (self == NULL) {
        return NULL;
    }
    if (set_protocol(self, protocol, fix_imports) < 0) {
        goto error;
    }
    if (file != NULL) {
        if (_PyObject_LookupAttr(file, PYRS_PICKLE_ID(write), &self->write) < 0) {
            goto error;
        }
        if (self->write == NULL) {
            PyErr_SetString(PyExc_TypeError, "file must have a 'write' attribute");
            goto error;
        }
    }
    if (set_buffer_callback(self, buffer_callback) < 0) {
        goto error;
    }
    return (PyObject *)self;
error:
    Py_DECREF(self);
    return NULL;
}

static PyObject *
pickler_dump_meth(PicklerObject *self, PyObject *obj)
{
    if (self->write == NULL) {
        PyErr_Format(pyrs_pickle_state.PicklingError,
                     "Pickler.__init__() was not called by %s.__init__()", Py_TYPE(self)->tp_name);
        return NULL;
    }
    self->output_len = 0;
    if (pyrs_pickle_pickler_dump((PyObject *)self, obj) < 0 ||
        pyrs_pickle_pickler_flush((PyObject *)self) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
pickler_clear_memo(PicklerObject *self, PyObject *Py_UNUSED(ignored))
{
    memo_clear(&self->memo);
    Py_RETURN_NONE;
}

static PyObject *
pickler_sizeof(PicklerObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t size = (Py_ssize_t)sizeof(PicklerObject) +
                      (Py_ssize_t)((self->memo.mask + 1) * sizeof(MemoEntry)) + self->output_cap;
    return PyLong_FromSsize_t(size);
}

static PyMethodDef pickler_methods[] = {
    {"dump", (PyCFunction)pickler_dump_meth, METH_O,
     "dump($self, obj, /)\n--\n\nWrite a pickled representation of the given object to the open "
     "file."},
    {"clear_memo", (PyCFunction)pickler_clear_memo, METH_NOARGS,
     "clear_memo($self, /)\n--\n\nClears the pickler's \"memo\"."},
    {"__sizeof__", (PyCFunction)pickler_sizeof, METH_NOARGS,
     "__sizeof__($self, /)\n--\n\nReturns size in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};

/* memo as a dict {id(obj): (index, obj)}: new reference or NULL. */
static PyObject *
memo_as_dict(PicklerObject *self)
{
    PyObject *d = PyDict_New();
    if (d == NULL) {
        return NULL;
    }
    for (size_t i = 0; self->memo.table != NULL && i <= self->memo.mask; i++) {
        MemoEntry *e = &self->memo.table[i];
        if (e->key == NULL) {
            continue;
        }
        PyObject *key = PyLong_FromVoidPtr(e->key);
        PyObject *value = key == NULL ? NULL : Py_BuildValue("(nO)", e->value, e->key);
        int r = value == NULL ? -1 : PyDict_SetItem(d, key, value);
        Py_XDECREF(key);
        Py_XDECREF(value);
        if (r < 0) {
            Py_DECREF(d);
            return NULL;
        }
    }
    return d;
}

static PyObject *
pickler_get_memo(PicklerObject *self, void *Py_UNUSED(closure))
{
    PicklerMemoProxyObject *proxy =
        PyObject_GC_New(PicklerMemoProxyObject, &pyrs_pickle_pmemoproxy_type);
    if (proxy == NULL) {
        return NULL;
    }
    proxy->pickler = (PicklerObject *)Py_NewRef(self);
    PyObject_GC_Track(proxy);
    return (PyObject *)proxy;
}

/* Fills NEW_MEMO from a dict {id: (index, obj)}. 0 or -1. */
static int
memo_from_dict(MemoTable *new_memo, PyObject *d)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(d, &pos, &key, &value)) {
        if (!PyTuple_Check(value) || PyTuple_GET_SIZE(value) != 2) {
            PyErr_SetString(PyExc_TypeError, "'memo' values must be 2-item tuples");
            return -1;
        }
        Py_ssize_t idx = PyLong_AsSsize_t(PyTuple_GET_ITEM(value, 0));
        if (idx == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (memo_set(new_memo, PyTuple_GET_ITEM(value, 1), idx) < 0) {
            return -1;
        }
    }
    return 0;
}

static int
pickler_set_memo(PicklerObject *self, PyObject *value, void *Py_UNUSED(closure))
{
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "attribute deletion is not supported");
        return -1;
    }
    MemoTable new_memo;
    if (memo_init(&new_memo) < 0) {
        return -1;
    }
    int r;
    if (Py_IS_TYPE(value, &pyrs_pickle_pmemoproxy_type)) {
        PicklerObject *other = ((PicklerMemoProxyObject *)value)->pickler;
        PyObject *d = memo_as_dict(other);
        r = d == NULL ? -1 : memo_from_dict(&new_memo, d);
        Py_XDECREF(d);
    } else if (PyDict_Check(value)) {
        r = memo_from_dict(&new_memo, value);
    } else {
        PyErr_Format(PyExc_TypeError,
                     "'memo' attribute must be a PicklerMemoProxy object or dict, not %.200s",
                     Py_TYPE(value)->tp_name);
        r = -1;
    }
    if (r < 0) {
        memo_fini(&new_memo);
        return -1;
    }
    memo_fini(&self->memo);
    self->memo = new_memo;
    return 0;
}

static PyObject *
pickler_get_persid(PicklerObject *self, void *Py_UNUSED(closure))
{
    if (self->pers_func == NULL) {
        PyErr_SetString(PyExc_AttributeError, "persistent_id");
        return NULL;
    }
    if (self->pers_func_self != NULL) {
        return PyMethod_New(self->pers_func, self->pers_func_self);
    }
    return Py_NewRef(self->pers_func);
}

static int
pickler_set_persid(PicklerObject *self, PyObject *value, void *Py_UNUSED(closure))
{
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "attribute deletion is not supported");
        return -1;
    }
    if (!PyCallable_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "persistent_id must be a callable taking one argument");
        return -1;
    }
    self->pers_func_self = NULL;
    Py_XSETREF(self->pers_func, Py_NewRef(value));
    return 0;
}

static PyGetSetDef pickler_getsets[] = {
    {"memo", (getter)pickler_get_memo, (setter)pickler_set_memo, NULL, NULL},
    {"persistent_id", (getter)pickler_get_persid, (setter)pickler_set_persid, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef pickler_members[] = {
    {"bin", T_INT, offsetof(PicklerObject, bin), 0, NULL},
    {"fast", T_INT, offsetof(PicklerObject, fast), 0, NULL},
    {"dispatch_table", T_OBJECT_EX, offsetof(PicklerObject, dispatch_table), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject pyrs_pickle_pickler_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_pickle.Pickler",
    .tp_doc = "Pickler(file, protocol=None, fix_imports=True, buffer_callback=None)\n--\n\n"
              "This takes a binary file for writing a pickle data stream.",
    .tp_basicsize = sizeof(PicklerObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_new = pickler_tp_new,
    .tp_init = (initproc)pickler_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_dealloc = (destructor)pickler_dealloc,
    .tp_traverse = (traverseproc)pickler_traverse,
    .tp_clear = (inquiry)pickler_clear,
    .tp_methods = pickler_methods,
    .tp_members = pickler_members,
    .tp_getset = pickler_getsets,
    .tp_free = PyObject_GC_Del,
};

/* ---- PicklerMemoProxy ------------------------------------------------------------------ */

static PyObject *
pmemoproxy_copy(PicklerMemoProxyObject *self, PyObject *Py_UNUSED(ignored))
{
    return memo_as_dict(self->pickler);
}

static PyObject *
pmemoproxy_clear(PicklerMemoProxyObject *self, PyObject *Py_UNUSED(ignored))
{
    memo_clear(&self->pickler->memo);
    Py_RETURN_NONE;
}

static PyObject *
pmemoproxy_reduce(PicklerMemoProxyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *contents = memo_as_dict(self->pickler);
    if (contents == NULL) {
        return NULL;
    }
    PyObject *res = Py_BuildValue("(O(N))", (PyObject *)&PyDict_Type, contents);
    return res;
}

static PyMethodDef pmemoproxy_methods[] = {
    {"clear", (PyCFunction)pmemoproxy_clear, METH_NOARGS,
     "clear($self, /)\n--\n\nRemove all items from memo."},
    {"copy", (PyCFunction)pmemoproxy_copy, METH_NOARGS,
     "copy($self, /)\n--\n\nCopy the memo to a new object."},
    {"__reduce__", (PyCFunction)pmemoproxy_reduce, METH_NOARGS,
     "__reduce__($self, /)\n--\n\nImplement pickle support."},
    {NULL, NULL, 0, NULL},
};

static void
pmemoproxy_dealloc(PicklerMemoProxyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_CLEAR(self->pickler);
    PyObject_GC_Del(self);
}

static int
pmemoproxy_traverse(PicklerMemoProxyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->pickler);
    return 0;
}

static int
pmemoproxy_clear_refs(PicklerMemoProxyObject *self)
{
    Py_CLEAR(self->pickler);
    return 0;
}

PyTypeObject pyrs_pickle_pmemoproxy_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_pickle.PicklerMemoProxy",
    .tp_basicsize = sizeof(PicklerMemoProxyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)pmemoproxy_dealloc,
    .tp_traverse = (traverseproc)pmemoproxy_traverse,
    .tp_clear = (inquiry)pmemoproxy_clear_refs,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_methods = pmemoproxy_methods,
    .tp_free = PyObject_GC_Del,
};
