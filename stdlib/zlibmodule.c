/* The zlib module over Debian's libz: compress/decompress, the Compress and Decompress stream
 * objects (flush, copy, unused_data, unconsumed_tail, eof, zdict), crc32/adler32, constants and
 * zlib.error, with CPython 3.11's Modules/zlibmodule.c messages ("Error -3 while decompressing
 * data: incorrect header check"). */
#include "Python.h"
#include "pyrs/call.h"

#include <zlib.h>

#define DEF_BUF_SIZE  (16 * 1024)
#define DEF_MEM_LEVEL 8

static PyObject *ZlibError; /* zlib.error */

/* ---- argument helpers ----------------------------------------------------------------------- */

/* Matches fast-call arguments against NAMES (NULL-ended; the first NPOSONLY positional-only,
 * up to MAXPOS positional, the rest keyword-only) into OUT; the first NREQ are required. */
static int
parse_kw(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
         const char *const *names, int nposonly, int maxpos, int nreq, PyObject **out)
{
    int nnames = 0;
    while (names[nnames] != NULL) {
        out[nnames++] = NULL;
    }
    Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
    if (nargs + nkw > nnames) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d %sargument%s (%zd given)", fname,
                     nnames, nargs == 0 ? "keyword " : "", nnames == 1 ? "" : "s", nargs + nkw);
        return -1;
    }
    if (nargs > maxpos) {
        PyErr_Format(PyExc_TypeError, "%s() takes %s %d positional argument%s (%zd given)", fname,
                     nreq < maxpos ? "at most" : "exactly", maxpos, maxpos == 1 ? "" : "s", nargs);
        return -1;
    }
    int minposonly = nposonly < nreq ? nposonly : nreq;
    if (nargs < minposonly) {
        PyErr_Format(PyExc_TypeError, "%s() takes %s %d positional argument%s (%zd given)", fname,
                     minposonly < maxpos ? "at least" : "exactly", minposonly,
                     minposonly == 1 ? "" : "s", nargs);
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        out[i] = args[i];
    }
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        int found = -1;
        for (int j = nposonly; j < nnames; j++) {
            if (PyUnicode_CompareWithASCIIString(key, names[j]) == 0) {
                found = j;
                break;
            }
        }
        if (found < 0) {
            PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for %s()", key,
                         fname);
            return -1;
        }
        if (out[found] != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %s() given by name ('%s') and position (%d)", fname,
                         names[found], found + 1);
            return -1;
        }
        out[found] = args[nargs + k];
    }
    for (int j = 0; j < nreq; j++) {
        if (out[j] == NULL) {
            if (j < nposonly) {
                PyErr_Format(PyExc_TypeError, "%s() takes %s %d positional argument%s (%zd given)",
                             fname, nreq < maxpos ? "at least" : "exactly", nreq,
                             nreq == 1 ? "" : "s", nargs);
            } else {
                PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %d)", fname,
                             names[j], j + 1);
            }
            return -1;
        }
    }
    return 0;
}

/* An int option (NULL keeps *OUT); 0 or -1 with an exception. */
static int
int_opt(PyObject *o, int *out)
{
    if (o == NULL) {
        return 0;
    }
    if (PyFloat_Check(o)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return -1;
    }
    int v = _PyLong_AsInt(o);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = v;
    return 0;
}

static int
ssize_opt(PyObject *o, Py_ssize_t *out)
{
    if (o == NULL) {
        return 0;
    }
    PyObject *i = PyNumber_Index(o);
    if (i == NULL) {
        return -1;
    }
    Py_ssize_t v = PyLong_AsSsize_t(i);
    Py_DECREF(i);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = v;
    return 0;
}

static void
zlib_error(z_stream *zst, int err, const char *msg)
{
    const char *zmsg = err == Z_VERSION_ERROR ? "library version mismatch" : zst->msg;
    if (zmsg == NULL) {
        switch (err) {
        case Z_BUF_ERROR:
            zmsg = "incomplete or truncated stream";
            break;
        case Z_STREAM_ERROR:
            zmsg = "inconsistent stream state";
            break;
        case Z_DATA_ERROR:
            zmsg = "invalid input data";
            break;
        default:
            break;
        }
    }
    if (zmsg == NULL) {
        PyErr_Format(ZlibError, "Error %d %s", err, msg);
    } else {
        PyErr_Format(ZlibError, "Error %d %s: %.200s", err, msg, zmsg);
    }
}

/* ---- zlib's memory through the runtime's raw allocator (as CPython's PyZlib_Malloc) ------- */

static voidpf
zlib_alloc(voidpf ctx, uInt items, uInt size)
{
    (void)ctx;
    return PyMem_RawCalloc(items, size);
}

static void
zlib_free(voidpf ctx, voidpf ptr)
{
    (void)ctx;
    PyMem_RawFree(ptr);
}

static void
zst_init(z_stream *zst)
{
    memset(zst, 0, sizeof(*zst));
    zst->zalloc = zlib_alloc;
    zst->zfree = zlib_free;
}

/* ---- growing output buffers ----------------------------------------------------------------- */

typedef struct {
    PyObject *bytes; /* the output so far, NULL until the first arrange */
    Py_ssize_t max;  /* hard limit of the output size */
} OutBuf;

/* Points zst's output at free space, growing the buffer (first INIT bytes). Returns 0, -2 when
 * the limit is reached, or -1 with MemoryError. */
static int
out_arrange(OutBuf *ob, z_stream *zst, Py_ssize_t init)
{
    Py_ssize_t used = 0, size;
    if (ob->bytes == NULL) {
        size = init < 1 ? 1 : init;
        if (size > ob->max) {
            size = ob->max;
        }
        ob->bytes = PyBytes_FromStringAndSize(NULL, size);
        if (ob->bytes == NULL) {
            return -1;
        }
    } else {
        used = (Py_ssize_t)((char *)zst->next_out - PyBytes_AS_STRING(ob->bytes));
        size = PyBytes_GET_SIZE(ob->bytes);
        if (used == size) {
            if (size >= ob->max) {
                return -2;
            }
            Py_ssize_t nsize = size > ob->max / 2 ? ob->max : size * 2;
            if (_PyBytes_Resize(&ob->bytes, nsize) < 0) {
                return -1;
            }
            size = nsize;
        }
    }
    zst->next_out = (Bytef *)PyBytes_AS_STRING(ob->bytes) + used;
    Py_ssize_t avail = size - used;
    zst->avail_out = avail > (Py_ssize_t)UINT_MAX ? UINT_MAX : (uInt)avail;
    return 0;
}

/* Trims the buffer to what zlib wrote: new reference (empty bytes if nothing) or NULL. */
static PyObject *
out_finish(OutBuf *ob, z_stream *zst)
{
    if (ob->bytes == NULL) {
        return PyBytes_FromStringAndSize(NULL, 0);
    }
    Py_ssize_t used = (Py_ssize_t)((char *)zst->next_out - PyBytes_AS_STRING(ob->bytes));
    if (_PyBytes_Resize(&ob->bytes, used) < 0) {
        ob->bytes = NULL;
        return NULL;
    }
    PyObject *r = ob->bytes;
    ob->bytes = NULL;
    return r;
}

/* Feeds at most UINT_MAX bytes of the remaining input; *left counts what is not yet given. */
static void
in_arrange(z_stream *zst, Py_ssize_t *left)
{
    zst->avail_in = *left > (Py_ssize_t)UINT_MAX ? UINT_MAX : (uInt)*left;
    *left -= zst->avail_in;
}

/* ---- one-shot compress / decompress --------------------------------------------------------- */

static PyObject *
zlib_compress(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"", "level", "wbits", NULL};
    PyObject *o[3];
    int level = Z_DEFAULT_COMPRESSION, wbits = MAX_WBITS, err, flush;
    if (parse_kw("compress", args, nargs, kwnames, names, 1, 3, 1, o) < 0 ||
        int_opt(o[1], &level) < 0 || int_opt(o[2], &wbits) < 0) {
        return NULL;
    }
    Py_buffer data;
    if (PyObject_GetBuffer(o[0], &data, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    OutBuf ob = {NULL, PY_SSIZE_T_MAX};
    z_stream zst;
    zst_init(&zst);
    zst.next_in = data.buf;
    Py_ssize_t left = data.len;
    err = deflateInit2(&zst, level, Z_DEFLATED, wbits, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY);
    if (err == Z_MEM_ERROR) {
        PyErr_SetString(PyExc_MemoryError, "Out of memory while compressing data");
        goto error;
    }
    if (err == Z_STREAM_ERROR) {
        PyErr_SetString(ZlibError, "Bad compression level");
        goto error;
    }
    if (err != Z_OK) {
        deflateEnd(&zst);
        zlib_error(&zst, err, "while compressing data");
        goto error;
    }
    do {
        in_arrange(&zst, &left);
        flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        do {
            if (out_arrange(&ob, &zst, DEF_BUF_SIZE) < 0) {
                deflateEnd(&zst);
                goto error;
            }
            err = deflate(&zst, flush);
            if (err == Z_STREAM_ERROR) {
                deflateEnd(&zst);
                zlib_error(&zst, err, "while compressing data");
                goto error;
            }
        } while (zst.avail_out == 0);
    } while (flush != Z_FINISH);
    err = deflateEnd(&zst);
    if (err != Z_OK) {
        zlib_error(&zst, err, "while finishing compression");
        goto error;
    }
    PyBuffer_Release(&data);
    return out_finish(&ob, &zst);
error:
    Py_XDECREF(ob.bytes);
    PyBuffer_Release(&data);
    return NULL;
}

static PyObject *
zlib_decompress(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"", "wbits", "bufsize", NULL};
    PyObject *o[3];
    int wbits = MAX_WBITS, err = Z_OK, flush;
    Py_ssize_t bufsize = DEF_BUF_SIZE;
    if (parse_kw("decompress", args, nargs, kwnames, names, 1, 3, 1, o) < 0 ||
        int_opt(o[1], &wbits) < 0 || ssize_opt(o[2], &bufsize) < 0) {
        return NULL;
    }
    if (bufsize < 0) {
        PyErr_SetString(PyExc_ValueError, "bufsize must be non-negative");
        return NULL;
    }
    Py_buffer data;
    if (PyObject_GetBuffer(o[0], &data, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    OutBuf ob = {NULL, PY_SSIZE_T_MAX};
    z_stream zst;
    zst_init(&zst);
    zst.next_in = data.buf;
    Py_ssize_t left = data.len;
    err = inflateInit2(&zst, wbits);
    if (err == Z_MEM_ERROR) {
        PyErr_SetString(PyExc_MemoryError, "Out of memory while decompressing data");
        goto error;
    }
    if (err != Z_OK) {
        inflateEnd(&zst);
        zlib_error(&zst, err, "while preparing to decompress data");
        goto error;
    }
    do {
        in_arrange(&zst, &left);
        flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        do {
            if (out_arrange(&ob, &zst, bufsize) < 0) {
                inflateEnd(&zst);
                goto error;
            }
            err = inflate(&zst, flush);
            if (err == Z_MEM_ERROR) {
                inflateEnd(&zst);
                PyErr_SetString(PyExc_MemoryError, "Out of memory while decompressing data");
                goto error;
            }
            if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) {
                inflateEnd(&zst);
                zlib_error(&zst, err, "while decompressing data");
                goto error;
            }
        } while (zst.avail_out == 0);
    } while (err != Z_STREAM_END && left != 0);
    if (err != Z_STREAM_END) {
        inflateEnd(&zst);
        zlib_error(&zst, err, "while decompressing data");
        goto error;
    }
    err = inflateEnd(&zst);
    if (err != Z_OK) {
        zlib_error(&zst, err, "while finishing decompression");
        goto error;
    }
    PyBuffer_Release(&data);
    return out_finish(&ob, &zst);
error:
    Py_XDECREF(ob.bytes);
    PyBuffer_Release(&data);
    return NULL;
}

/* ---- stream objects ------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    z_stream zst;              /* the zlib stream */
    PyObject *unused_data;     /* bytes after the end of the stream (Decompress) */
    PyObject *unconsumed_tail; /* input left over by max_length (Decompress) */
    char eof;                  /* end of stream seen (Decompress) */
    int is_initialised;        /* zst needs deflateEnd/inflateEnd */
    PyObject *zdict;           /* the preset dictionary, or NULL */
} compobject;

/* Compress and Decompress: mutable heap types as in CPython 3.11, made by the first exec. */
static PyTypeObject *Comptype;
static PyTypeObject *Decomptype;

static compobject *
comp_new(PyTypeObject *type)
{
    compobject *self = PyObject_New(compobject, type);
    if (self == NULL) {
        return NULL;
    }
    zst_init(&self->zst);
    self->eof = 0;
    self->is_initialised = 0;
    self->zdict = NULL;
    self->unused_data = PyBytes_FromStringAndSize(NULL, 0);
    self->unconsumed_tail = PyBytes_FromStringAndSize(NULL, 0);
    if (self->unused_data == NULL || self->unconsumed_tail == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    return self;
}

static void
comp_dealloc(PyObject *op)
{
    compobject *self = (compobject *)op;
    PyTypeObject *tp = Py_TYPE(op);
    if (self->is_initialised) {
        if (tp == Comptype) {
            deflateEnd(&self->zst);
        } else {
            inflateEnd(&self->zst);
        }
    }
    Py_XDECREF(self->unused_data);
    Py_XDECREF(self->unconsumed_tail);
    Py_XDECREF(self->zdict);
    PyObject_Free(op);
    Py_DECREF(tp);
}

static PyObject *
zlib_compressobj(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"level",    "method", "wbits", "memLevel",
                                        "strategy", "zdict",  NULL};
    PyObject *o[6];
    int level = Z_DEFAULT_COMPRESSION, method = Z_DEFLATED, wbits = MAX_WBITS;
    int memlevel = DEF_MEM_LEVEL, strategy = Z_DEFAULT_STRATEGY;
    if (parse_kw("compressobj", args, nargs, kwnames, names, 0, 6, 0, o) < 0 ||
        int_opt(o[0], &level) < 0 || int_opt(o[1], &method) < 0 || int_opt(o[2], &wbits) < 0 ||
        int_opt(o[3], &memlevel) < 0 || int_opt(o[4], &strategy) < 0) {
        return NULL;
    }
    PyObject *zdict = o[5] == Py_None ? NULL : o[5];
    compobject *self = comp_new(Comptype);
    if (self == NULL) {
        return NULL;
    }
    int err = deflateInit2(&self->zst, level, method, wbits, memlevel, strategy);
    switch (err) {
    case Z_OK:
        self->is_initialised = 1;
        break;
    case Z_MEM_ERROR:
        PyErr_SetString(PyExc_MemoryError, "Can't allocate memory for compression object");
        goto error;
    case Z_STREAM_ERROR:
        PyErr_SetString(PyExc_ValueError, "Invalid initialization option");
        goto error;
    default:
        zlib_error(&self->zst, err, "while creating compression object");
        goto error;
    }
    if (zdict != NULL) {
        Py_buffer zb;
        if (PyObject_GetBuffer(zdict, &zb, PyBUF_SIMPLE) < 0) {
            goto error;
        }
        err = deflateSetDictionary(&self->zst, zb.buf, (uInt)zb.len);
        PyBuffer_Release(&zb);
        if (err != Z_OK) {
            PyErr_SetString(PyExc_ValueError, "Invalid dictionary");
            goto error;
        }
    }
    return (PyObject *)self;
error:
    Py_DECREF(self);
    return NULL;
}

static int
set_inflate_zdict(compobject *self)
{
    Py_buffer zb;
    if (PyObject_GetBuffer(self->zdict, &zb, PyBUF_SIMPLE) < 0) {
        return -1;
    }
    int err = inflateSetDictionary(&self->zst, zb.buf, (uInt)zb.len);
    PyBuffer_Release(&zb);
    if (err != Z_OK) {
        zlib_error(&self->zst, err, "while setting zdict");
        return -1;
    }
    return 0;
}

static PyObject *
zlib_decompressobj(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames)
{
    static const char *const names[] = {"wbits", "zdict", NULL};
    PyObject *o[2];
    int wbits = MAX_WBITS;
    if (parse_kw("decompressobj", args, nargs, kwnames, names, 0, 2, 0, o) < 0 ||
        int_opt(o[0], &wbits) < 0) {
        return NULL;
    }
    if (o[1] != NULL && !PyObject_CheckBuffer(o[1])) {
        PyErr_SetString(PyExc_TypeError, "zdict argument must support the buffer protocol");
        return NULL;
    }
    compobject *self = comp_new(Decomptype);
    if (self == NULL) {
        return NULL;
    }
    self->zdict = o[1] != NULL ? Py_NewRef(o[1]) : NULL;
    int err = inflateInit2(&self->zst, wbits);
    switch (err) {
    case Z_OK:
        self->is_initialised = 1;
        if (self->zdict != NULL && wbits < 0 && set_inflate_zdict(self) < 0) {
            goto error;
        }
        return (PyObject *)self;
    case Z_STREAM_ERROR:
        PyErr_SetString(PyExc_ValueError, "Invalid initialization option");
        goto error;
    case Z_MEM_ERROR:
        PyErr_SetString(PyExc_MemoryError, "Can't allocate memory for decompression object");
        goto error;
    default:
        zlib_error(&self->zst, err, "while creating decompression object");
        goto error;
    }
error:
    Py_DECREF(self);
    return NULL;
}

static PyObject *
comp_compress(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    compobject *self = (compobject *)op;
    static const char *const names[] = {"", NULL};
    PyObject *o[1];
    if (parse_kw("compress", args, nargs, kwnames, names, 1, 1, 1, o) < 0) {
        return NULL;
    }
    Py_buffer data;
    if (PyObject_GetBuffer(o[0], &data, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    OutBuf ob = {NULL, PY_SSIZE_T_MAX};
    Py_ssize_t left = data.len;
    self->zst.next_in = data.buf;
    do {
        in_arrange(&self->zst, &left);
        do {
            if (out_arrange(&ob, &self->zst, DEF_BUF_SIZE) < 0) {
                goto error;
            }
            int err = deflate(&self->zst, Z_NO_FLUSH);
            if (err == Z_STREAM_ERROR) {
                zlib_error(&self->zst, err, "while compressing data");
                goto error;
            }
        } while (self->zst.avail_out == 0);
    } while (left != 0);
    PyBuffer_Release(&data);
    return out_finish(&ob, &self->zst);
error:
    Py_XDECREF(ob.bytes);
    PyBuffer_Release(&data);
    return NULL;
}

static PyObject *
comp_flush(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    compobject *self = (compobject *)op;
    int mode = Z_FINISH, err;
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "flush() takes at most 1 argument (%zd given)", nargs);
        return NULL;
    }
    if (nargs == 1 && int_opt(args[0], &mode) < 0) {
        return NULL;
    }
    if (mode == Z_NO_FLUSH) {
        return PyBytes_FromStringAndSize(NULL, 0);
    }
    OutBuf ob = {NULL, PY_SSIZE_T_MAX};
    self->zst.avail_in = 0;
    do {
        if (out_arrange(&ob, &self->zst, DEF_BUF_SIZE) < 0) {
            goto error;
        }
        err = deflate(&self->zst, mode);
        if (err == Z_STREAM_ERROR) {
            zlib_error(&self->zst, err, "while flushing");
            goto error;
        }
    } while (self->zst.avail_out == 0);
    if (err == Z_STREAM_END && mode == Z_FINISH) {
        err = deflateEnd(&self->zst);
        self->is_initialised = 0;
        if (err != Z_OK) {
            zlib_error(&self->zst, err, "while finishing compression");
            goto error;
        }
    } else if (err != Z_OK && err != Z_BUF_ERROR) {
        zlib_error(&self->zst, err, "while flushing");
        goto error;
    }
    return out_finish(&ob, &self->zst);
error:
    Py_XDECREF(ob.bytes);
    return NULL;
}

static PyObject *
comp_copy(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    compobject *self = (compobject *)op;
    int is_comp = Py_IS_TYPE(op, Comptype);
    if (!self->is_initialised) {
        PyErr_SetString(PyExc_ValueError, "Inconsistent stream state");
        return NULL;
    }
    compobject *copy = comp_new(Py_TYPE(op));
    if (copy == NULL) {
        return NULL;
    }
    int err = is_comp ? deflateCopy(&copy->zst, &self->zst) : inflateCopy(&copy->zst, &self->zst);
    if (err == Z_STREAM_ERROR) {
        PyErr_SetString(PyExc_ValueError, "Inconsistent stream state");
        goto error;
    }
    if (err == Z_MEM_ERROR) {
        PyErr_SetString(PyExc_MemoryError, is_comp ? "Can't allocate memory for compression object"
                                                   : "Can't allocate memory for decompression "
                                                     "object");
        goto error;
    }
    if (err != Z_OK) {
        zlib_error(&self->zst, err,
                   is_comp ? "while copying compression object"
                           : "while copying decompression object");
        goto error;
    }
    copy->is_initialised = 1;
    Py_SETREF(copy->unused_data, Py_NewRef(self->unused_data));
    Py_SETREF(copy->unconsumed_tail, Py_NewRef(self->unconsumed_tail));
    copy->zdict = Py_XNewRef(self->zdict);
    copy->eof = self->eof;
    return (PyObject *)copy;
error:
    Py_DECREF(copy);
    return NULL;
}

static PyObject *
comp_deepcopy(PyObject *op, PyObject *Py_UNUSED(memo))
{
    return comp_copy(op, NULL);
}

/* After inflating from DATA (LEN bytes): leftover input past the end of the stream goes to
 * unused_data, leftover input otherwise to unconsumed_tail. 0 or -1. */
static int
save_unconsumed_input(compobject *self, const char *data, Py_ssize_t len, int err)
{
    Py_ssize_t left = (Py_ssize_t)(data + len - (const char *)self->zst.next_in);
    if (err == Z_STREAM_END) {
        if (left > 0) {
            Py_ssize_t old = PyBytes_GET_SIZE(self->unused_data);
            PyObject *nd = PyBytes_FromStringAndSize(NULL, old + left);
            if (nd == NULL) {
                return -1;
            }
            memcpy(PyBytes_AS_STRING(nd), PyBytes_AS_STRING(self->unused_data), (size_t)old);
            memcpy(PyBytes_AS_STRING(nd) + old, self->zst.next_in, (size_t)left);
            Py_SETREF(self->unused_data, nd);
        }
        left = 0;
        self->zst.avail_in = 0;
    }
    if (left > 0 || PyBytes_GET_SIZE(self->unconsumed_tail) > 0) {
        PyObject *nt = PyBytes_FromStringAndSize((const char *)self->zst.next_in, left);
        if (nt == NULL) {
            return -1;
        }
        Py_SETREF(self->unconsumed_tail, nt);
    }
    return 0;
}

/* The inflate loop shared by decompress() and flush(): feeds DATA, FLUSH_AT_END selects
 * Z_FINISH once all input is given. Returns the last zlib code, or -100 on a Python error. */
static int
inflate_loop(compobject *self, const char *data, Py_ssize_t len, OutBuf *ob, Py_ssize_t init,
             int flush_at_end)
{
    int err = Z_OK;
    Py_ssize_t left = len;
    self->zst.next_in = (Bytef *)data;
    do {
        in_arrange(&self->zst, &left);
        int flush = (flush_at_end && left == 0) ? Z_FINISH : Z_SYNC_FLUSH;
        for (;;) {
            int rc = out_arrange(ob, &self->zst, init);
            if (rc == -1) {
                return -100;
            }
            if (rc == -2) {
                return err; /* the output limit: stop, keeping the rest as the tail */
            }
            err = inflate(&self->zst, flush);
            if (err == Z_NEED_DICT && self->zdict != NULL) {
                if (set_inflate_zdict(self) < 0) {
                    return -100;
                }
                err = Z_OK;
                continue;
            }
            if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) {
                return err;
            }
            if (self->zst.avail_out != 0 || err == Z_STREAM_END) {
                break;
            }
        }
    } while (err != Z_STREAM_END && left != 0);
    return err;
}

static PyObject *
decomp_decompress(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    compobject *self = (compobject *)op;
    static const char *const names[] = {"", "max_length", NULL};
    PyObject *o[2];
    Py_ssize_t max_length = 0;
    if (parse_kw("decompress", args, nargs, kwnames, names, 1, 2, 1, o) < 0 ||
        ssize_opt(o[1], &max_length) < 0) {
        return NULL;
    }
    if (max_length < 0) {
        PyErr_SetString(PyExc_ValueError, "max_length must be non-negative");
        return NULL;
    }
    Py_buffer data;
    if (PyObject_GetBuffer(o[0], &data, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    OutBuf ob = {NULL, max_length == 0 ? PY_SSIZE_T_MAX : max_length};
    Py_ssize_t init = DEF_BUF_SIZE;
    if (max_length && init > max_length) {
        init = max_length;
    }
    int err = inflate_loop(self, data.buf, data.len, &ob, init, 0);
    if (err == -100) {
        goto error;
    }
    if (save_unconsumed_input(self, data.buf, data.len, err) < 0) {
        goto error;
    }
    if (err == Z_STREAM_END) {
        self->eof = 1;
    } else if (err != Z_OK && err != Z_BUF_ERROR) {
        zlib_error(&self->zst, err, "while decompressing data");
        goto error;
    }
    PyBuffer_Release(&data);
    return out_finish(&ob, &self->zst);
error:
    Py_XDECREF(ob.bytes);
    PyBuffer_Release(&data);
    return NULL;
}

static PyObject *
decomp_flush(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    compobject *self = (compobject *)op;
    Py_ssize_t length = DEF_BUF_SIZE;
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "flush() takes at most 1 argument (%zd given)", nargs);
        return NULL;
    }
    if (nargs == 1 && ssize_opt(args[0], &length) < 0) {
        return NULL;
    }
    if (length <= 0) {
        PyErr_SetString(PyExc_ValueError, "length must be greater than zero");
        return NULL;
    }
    PyObject *tail = Py_NewRef(self->unconsumed_tail);
    OutBuf ob = {NULL, PY_SSIZE_T_MAX};
    int err = inflate_loop(self, PyBytes_AS_STRING(tail), PyBytes_GET_SIZE(tail), &ob, length, 1);
    if (err == -100 ||
        save_unconsumed_input(self, PyBytes_AS_STRING(tail), PyBytes_GET_SIZE(tail), err) < 0) {
        goto error;
    }
    if (err == Z_STREAM_END) {
        self->eof = 1;
        self->is_initialised = 0;
        err = inflateEnd(&self->zst);
        if (err != Z_OK) {
            zlib_error(&self->zst, err, "while finishing decompression");
            goto error;
        }
    }
    Py_DECREF(tail);
    return out_finish(&ob, &self->zst);
error:
    Py_DECREF(tail);
    Py_XDECREF(ob.bytes);
    return NULL;
}

static PyObject *
comp_new_refused(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    (void)args;
    (void)kwds;
    PyErr_Format(PyExc_TypeError, "cannot create '%s' instances", type->tp_name);
    return NULL;
}

static PyMethodDef comp_methods[] = {
    {"compress", (PyCFunction)(void (*)(void))comp_compress, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"flush", (PyCFunction)(void (*)(void))comp_flush, METH_FASTCALL, NULL},
    {"copy", comp_copy, METH_NOARGS, NULL},
    {"__copy__", comp_copy, METH_NOARGS, NULL},
    {"__deepcopy__", comp_deepcopy, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef decomp_methods[] = {
    {"decompress", (PyCFunction)(void (*)(void))decomp_decompress, METH_FASTCALL | METH_KEYWORDS,
     NULL},
    {"flush", (PyCFunction)(void (*)(void))decomp_flush, METH_FASTCALL, NULL},
    {"copy", comp_copy, METH_NOARGS, NULL},
    {"__copy__", comp_copy, METH_NOARGS, NULL},
    {"__deepcopy__", comp_deepcopy, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyObject *
decomp_get_unused_data(PyObject *op, void *Py_UNUSED(closure))
{
    return Py_NewRef(((compobject *)op)->unused_data);
}

static PyObject *
decomp_get_unconsumed_tail(PyObject *op, void *Py_UNUSED(closure))
{
    return Py_NewRef(((compobject *)op)->unconsumed_tail);
}

static PyObject *
decomp_get_eof(PyObject *op, void *Py_UNUSED(closure))
{
    return PyBool_FromLong(((compobject *)op)->eof);
}

static PyGetSetDef decomp_getset[] = {
    {"unused_data", decomp_get_unused_data, NULL, NULL, NULL},
    {"unconsumed_tail", decomp_get_unconsumed_tail, NULL, NULL, NULL},
    {"eof", decomp_get_eof, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot comp_type_slots[] = {
    {Py_tp_dealloc, (void *)comp_dealloc},
    {Py_tp_methods, comp_methods},
    {Py_tp_new, (void *)comp_new_refused},
    {0, NULL},
};

static PyType_Slot decomp_type_slots[] = {
    {Py_tp_dealloc, (void *)comp_dealloc},
    {Py_tp_methods, decomp_methods},
    {Py_tp_getset, decomp_getset},
    {Py_tp_new, (void *)comp_new_refused},
    {0, NULL},
};

static PyType_Spec comp_type_spec = {
    .name = "zlib.Compress",
    .basicsize = sizeof(compobject),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = comp_type_slots,
};

static PyType_Spec decomp_type_spec = {
    .name = "zlib.Decompress",
    .basicsize = sizeof(compobject),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = decomp_type_slots,
};

/* ---- checksums ------------------------------------------------------------------------------ */

static PyObject *
checksum(const char *name, PyObject *const *args, Py_ssize_t nargs, unsigned long start,
         uLong (*fn)(uLong, const Bytef *, uInt))
{
    unsigned long value = start;
    if (!_PyArg_CheckPositional(name, nargs, 1, 2)) {
        return NULL;
    }
    if (nargs == 2) {
        if (PyFloat_Check(args[1])) {
            PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
            return NULL;
        }
        value = PyLong_AsUnsignedLongMask(args[1]);
        if (value == (unsigned long)-1 && PyErr_Occurred()) {
            return NULL;
        }
        value &= 0xffffffffUL;
    }
    Py_buffer data;
    if (PyObject_GetBuffer(args[0], &data, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    const Bytef *p = data.buf;
    Py_ssize_t n = data.len;
    while (n > 0) {
        uInt chunk = n > (Py_ssize_t)0x40000000 ? 0x40000000u : (uInt)n;
        value = fn(value, p, chunk);
        p += chunk;
        n -= chunk;
    }
    PyBuffer_Release(&data);
    return PyLong_FromUnsignedLong(value & 0xffffffffUL);
}

static PyObject *
zlib_crc32(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return checksum("crc32", args, nargs, 0, crc32);
}

static PyObject *
zlib_adler32(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return checksum("adler32", args, nargs, 1, adler32);
}

/* ---- the module ----------------------------------------------------------------------------- */

#define KW(name)                                                                                   \
    {                                                                                              \
#name, (PyCFunction)(void (*)(void))zlib_##name, METH_FASTCALL | METH_KEYWORDS, NULL       \
    }

static PyMethodDef zlib_methods[] = {
    {"adler32", (PyCFunction)(void (*)(void))zlib_adler32, METH_FASTCALL, NULL},
    KW(compress),
    KW(compressobj),
    {"crc32", (PyCFunction)(void (*)(void))zlib_crc32, METH_FASTCALL, NULL},
    KW(decompress),
    KW(decompressobj),
    {NULL, NULL, 0, NULL},
};

static int
zlib_exec(PyObject *m)
{
    static const struct {
        const char *name;
        long value;
    } consts[] = {
        {"MAX_WBITS", MAX_WBITS},
        {"DEFLATED", Z_DEFLATED},
        {"DEF_MEM_LEVEL", DEF_MEM_LEVEL},
        {"DEF_BUF_SIZE", DEF_BUF_SIZE},
        {"Z_NO_COMPRESSION", Z_NO_COMPRESSION},
        {"Z_BEST_SPEED", Z_BEST_SPEED},
        {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION},
        {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION},
        {"Z_FILTERED", Z_FILTERED},
        {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY},
        {"Z_RLE", Z_RLE},
        {"Z_FIXED", Z_FIXED},
        {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY},
        {"Z_NO_FLUSH", Z_NO_FLUSH},
        {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH},
        {"Z_SYNC_FLUSH", Z_SYNC_FLUSH},
        {"Z_FULL_FLUSH", Z_FULL_FLUSH},
        {"Z_FINISH", Z_FINISH},
        {"Z_BLOCK", Z_BLOCK},
        {"Z_TREES", Z_TREES},
    };
    if (Comptype == NULL) {
        Comptype = (PyTypeObject *)PyType_FromSpec(&comp_type_spec);
        if (Comptype == NULL) {
            return -1;
        }
    }
    if (Decomptype == NULL) {
        Decomptype = (PyTypeObject *)PyType_FromSpec(&decomp_type_spec);
        if (Decomptype == NULL) {
            return -1;
        }
    }
    if (ZlibError == NULL && (ZlibError = PyErr_NewException("zlib.error", NULL, NULL)) == NULL) {
        return -1;
    }
    if (PyModule_AddObjectRef(m, "error", ZlibError) < 0) {
        return -1;
    }
    for (size_t i = 0; i < Py_ARRAY_LENGTH(consts); i++) {
        if (PyModule_AddIntConstant(m, consts[i].name, consts[i].value) < 0) {
            return -1;
        }
    }
    if (PyModule_AddStringConstant(m, "ZLIB_VERSION", ZLIB_VERSION) < 0 ||
        PyModule_AddStringConstant(m, "ZLIB_RUNTIME_VERSION", zlibVersion()) < 0 ||
        PyModule_AddStringConstant(m, "__version__", "1.0") < 0) {
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot zlib_slots[] = {
    {Py_mod_exec, (void *)zlib_exec},
    {0, NULL},
};

static PyModuleDef zlib_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "zlib",
    .m_doc = "The functions in this module allow compression and decompression using the\n"
             "zlib library, which is based on GNU zip.",
    .m_size = 0,
    .m_methods = zlib_methods,
    .m_slots = zlib_slots,
};

PyMODINIT_FUNC PyInit_zlib(void);

/* The zlib module definition (multi-phase); a borrowed reference to the def. */
PyMODINIT_FUNC
PyInit_zlib(void)
{
    return PyModuleDef_Init(&zlib_module);
}
