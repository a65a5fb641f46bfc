/* textio.c: io.TextIOWrapper (encoding/errors/newline/line_buffering/write_through,
 * reconfigure, universal newlines through IncrementalNewlineDecoder, CPython 3.11's opaque
 * tell/seek cookies, detach, repr). Writes of str are queued as encoded bytes and handed to
 * the buffer in chunks so that print() stays cheap. */
#include "_iomodule.h"
#include "pyrs/config.h"
#include "pyrs_io.h"
#include "structmember.h"

/* (A, B) built from two new references (stolen, may be NULL after an error). */
static PyObject *
pair_steal(PyObject *a, PyObject *b)
{
    PyObject *res = a && b ? PyTuple_Pack(2, a, b) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(b);
    return res;
}

/* Index of the first CH (< 128) in S, or -1; memchr for one-byte strings. */
static Py_ssize_t
find_char(PyObject *s, Py_UCS4 ch)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    if (kind == PyUnicode_1BYTE_KIND) {
        const char *p = n > 0 ? memchr(data, (int)ch, (size_t)n) : NULL;
        return p ? p - (const char *)data : -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyUnicode_READ(kind, data, i) == ch) {
            return i;
        }
    }
    return -1;
}

/* ---- TextIOWrapper ---- */

typedef struct {
    PYRS_IO_HEAD
    int ok;                        /* initialised and attached */
    int detached;                  /* detach() was called */
    Py_ssize_t chunk_size;         /* bytes per read chunk and write flush */
    PyObject *buffer;              /* the binary stream, owned */
    PyObject *encoding;            /* str, owned */
    PyObject *encoder;             /* registry incremental encoder, or NULL */
    PyObject *decoder;             /* decoder (maybe an IncrementalNewlineDecoder) or NULL */
    PyObject *readnl;              /* str or NULL */
    PyObject *errors;              /* str, owned */
    PyObject *writenl;             /* replacement for "\n" on write, or NULL */
    int codec;                     /* CODEC_* of the encoding */
    int readable, writable;        /* a decoder / an encoder exists */
    int line_buffering;            /* flush on newline */
    int write_through;             /* no write buffering */
    int readuniversal;             /* newline is None or '' */
    int readtranslate;             /* newline is None */
    int writetranslate;            /* newline != '' */
    int seekable, telling;         /* the buffer can seek; tell() allowed */
    int has_read1;                 /* the buffer has read1() */
    int finalizing;                /* close() runs from the finalizer */
    int encoding_start_of_stream;  /* the next write may emit a BOM */
    PyObject *decoded_chars;       /* decoded text not yet returned, or NULL */
    Py_ssize_t decoded_chars_used; /* characters of decoded_chars consumed */
    char *pending;                 /* encoded bytes waiting for the buffer (PyMem) */
    Py_ssize_t pending_count;      /* bytes in pending */
    Py_ssize_t pending_cap;        /* allocated size of pending */
    PyObject *snapshot;            /* (dec_flags, next_input) for tell(), or NULL */
    double b2cratio;               /* bytes per character of the last chunk */
} textio;

/* The cookie of tell()/seek(): CPython's little-endian packing of these fields. */
typedef struct {
    long long start_pos;
    int dec_flags;
    int bytes_to_feed;
    int chars_to_skip;
    char need_eof;
} cookie_t;

#define COOKIE_BYTES 21

static PyObject *
cookie_build(const cookie_t *c)
{
    unsigned char buf[COOKIE_BYTES];
    unsigned long long v = (unsigned long long)c->start_pos;
    for (int i = 0; i < 8; i++) {
        buf[i] = (unsigned char)(v >> (8 * i));
    }
    int fields[3] = {c->dec_flags, c->bytes_to_feed, c->chars_to_skip};
    for (int f = 0; f < 3; f++) {
        unsigned u = (unsigned)fields[f];
        for (int i = 0; i < 4; i++) {
            buf[8 + 4 * f + i] = (unsigned char)(u >> (8 * i));
        }
    }
    buf[20] = (unsigned char)c->need_eof;
    return _PyLong_FromByteArray(buf, COOKIE_BYTES, 1, 0);
}

static int
cookie_parse(cookie_t *c, PyObject *obj)
{
    unsigned char buf[COOKIE_BYTES];
    PyObject *v = PyNumber_Long(obj);
    if (v == NULL) {
        return -1;
    }
    int r = _PyLong_AsByteArray((PyLongObject *)v, buf, COOKIE_BYTES, 1, 0);
    Py_DECREF(v);
    if (r < 0) {
        return -1;
    }
    unsigned long long sp = 0;
    for (int i = 0; i < 8; i++) {
        sp |= (unsigned long long)buf[i] << (8 * i);
    }
    c->start_pos = (long long)sp;
    int *fields[3] = {&c->dec_flags, &c->bytes_to_feed, &c->chars_to_skip};
    for (int f = 0; f < 3; f++) {
        unsigned u = 0;
        for (int i = 0; i < 4; i++) {
            u |= (unsigned)buf[8 + 4 * f + i] << (8 * i);
        }
        *fields[f] = (int)u;
    }
    c->need_eof = (char)buf[20];
    return 0;
}

static int
check_attached(textio *self)
{
    if (!self->ok) {
        PyErr_SetString(PyExc_ValueError, self->detached ? "underlying buffer has been detached"
                                                         : "I/O operation on uninitialized object");
        return -1;
    }
    return 0;
}

static int
check_closed(textio *self)
{
    if (check_attached(self) < 0) {
        return -1;
    }
    int closed;
    if (Py_TYPE(self) == &pyrs_io_textiowrapper_type) {
        closed = pyrs_io_buffered_fast_closed(self->buffer);
        if (closed == -2) {
            closed = pyrs_io_is_closed(self->buffer);
        }
    } else {
        closed = pyrs_io_is_closed((PyObject *)self);
    }
    if (closed > 0) {
        pyrs_io_closed_error();
        return -1;
    }
    return closed;
}

static void
set_decoded(textio *self, PyObject *chars)
{
    Py_XSETREF(self->decoded_chars, chars);
    self->decoded_chars_used = 0;
}

/* Takes up to N (< 0: all) unread decoded characters (new reference). */
static PyObject *
take_decoded(textio *self, Py_ssize_t n)
{
    if (self->decoded_chars == NULL) {
        return PyUnicode_FromString("");
    }
    Py_ssize_t avail = PyUnicode_GET_LENGTH(self->decoded_chars) - self->decoded_chars_used;
    if (n < 0 || n > avail) {
        n = avail;
    }
    PyObject *res;
    if (self->decoded_chars_used == 0 && n == PyUnicode_GET_LENGTH(self->decoded_chars)) {
        res = Py_NewRef(self->decoded_chars);
    } else {
        res = PyUnicode_Substring(self->decoded_chars, self->decoded_chars_used,
                                  self->decoded_chars_used + n);
    }
    if (res != NULL) {
        self->decoded_chars_used += n;
    }
    return res;
}

static PyObject *
decoder_decode(textio *self, PyObject *input, int final)
{
    PyObject *res;
    if (Py_TYPE(self->decoder) == &pyrs_io_nldecoder_type) {
        res = pyrs_io_nldecoder_decode(self->decoder, input, final);
    } else if (Py_TYPE(self->decoder) == &pyrs_io_nativedec_type && PyBytes_Check(input)) {
        res = pyrs_io_native_decode(self->decoder, input, final);
    } else {
        res = PyObject_CallMethod(self->decoder, "decode", "Oi", input, final);
    }
    if (res != NULL && !PyUnicode_Check(res)) {
        PyErr_Format(PyExc_TypeError, "decoder should return a string result, not '%.200s'",
                     Py_TYPE(res)->tp_name);
        Py_CLEAR(res);
    }
    return res;
}

/* ---- encoding and decoding set-up ---- */

static PyObject *
lookup_codec(PyObject *encoding, const char *attr, PyObject *errors)
{
    PyObject *codecs = pyrs_io_import("codecs");
    if (codecs == NULL) {
        return NULL;
    }
    PyObject *info = PyObject_CallMethodOneArg(codecs, pyrs_io_str.lookup, encoding);
    Py_DECREF(codecs);
    if (info == NULL) {
        return NULL;
    }
    PyObject *is_text;
    if (_PyObject_LookupAttr(info, pyrs_io_str._is_text_encoding, &is_text) < 0) {
        Py_DECREF(info);
        return NULL;
    }
    int text = is_text == NULL ? 1 : PyObject_IsTrue(is_text);
    Py_XDECREF(is_text);
    if (text <= 0) {
        if (text == 0) {
            PyErr_Format(PyExc_LookupError,
                         "'%U' is not a text encoding; use codecs.open() to handle arbitrary "
                         "codecs",
                         encoding);
        }
        Py_DECREF(info);
        return NULL;
    }
    PyObject *factory = PyObject_GetAttrString(info, attr);
    Py_DECREF(info);
    if (factory == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_CallOneArg(factory, errors);
    Py_DECREF(factory);
    return res;
}

static int
setup_decoder(textio *self)
{
    Py_CLEAR(self->decoder);
    if (!self->readable) {
        return 0;
    }
    PyObject *dec = self->codec != CODEC_OTHER
                        ? pyrs_io_nativedec_new(self->codec, self->errors)
                        : lookup_codec(self->encoding, "incrementaldecoder", self->errors);
    if (dec == NULL) {
        return -1;
    }
    if (self->readuniversal) {
        PyObject *nl = PyObject_CallFunction((PyObject *)&pyrs_io_nldecoder_type, "Oi", dec,
                                             self->readtranslate);
        Py_SETREF(dec, nl);
        if (dec == NULL) {
            return -1;
        }
    }
    self->decoder = dec;
    return 0;
}

static int
setup_encoder(textio *self)
{
    Py_CLEAR(self->encoder);
    if (!self->writable || self->codec != CODEC_OTHER) {
        return 0;
    }
    self->encoder = lookup_codec(self->encoding, "incrementalencoder", self->errors);
    if (self->encoder == NULL) {
        return -1;
    }
    /* no BOM in the middle of a file */
    self->encoding_start_of_stream = 0;
    if (self->seekable) {
        PyObject *pos = PyObject_CallMethodNoArgs(self->buffer, pyrs_io_str.tell);
        if (pos == NULL) {
            return -1;
        }
        int at_start = PyLong_Check(pos) && PyLong_AsLong(pos) == 0;
        Py_DECREF(pos);
        if (!at_start) {
            PyObject *r = PyObject_CallMethod(self->encoder, "setstate", "i", 0);
            if (r == NULL) {
                return -1;
            }
            Py_DECREF(r);
        } else {
            self->encoding_start_of_stream = 1;
        }
    }
    return 0;
}

static int
validate_newline(PyObject *newline)
{
    if (newline == NULL || newline == Py_None) {
        return 0;
    }
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(newline, &n);
    if (s == NULL) {
        return -1;
    }
    if ((size_t)n != strlen(s)) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        return -1;
    }
    if (!(n == 0 || strcmp(s, "\n") == 0 || strcmp(s, "\r") == 0 || strcmp(s, "\r\n") == 0)) {
        PyErr_Format(PyExc_ValueError, "illegal newline value: %s", s);
        return -1;
    }
    return 0;
}

static void
set_newline(textio *self, PyObject *newline)
{
    Py_CLEAR(self->readnl);
    Py_CLEAR(self->writenl);
    int none = newline == NULL || newline == Py_None;
    int empty = !none && PyUnicode_GET_LENGTH(newline) == 0;
    self->readuniversal = none || empty;
    self->readtranslate = none;
    self->writetranslate = !empty;
    if (!none && !empty) {
        self->readnl = Py_NewRef(newline);
        if (PyUnicode_CompareWithASCIIString(newline, "\n") != 0) {
            self->writenl = Py_NewRef(newline);
        }
    }
}

/* In development mode (-X dev) an unknown error handler name fails at construction, as in
 * CPython, instead of at the first encode or decode. 0 or -1 with LookupError. */
static int
check_errors(PyObject *errors)
{
    if (!pyrs_config.dev_mode) {
        return 0;
    }
    const char *name = PyUnicode_AsUTF8(errors);
    PyObject *handler = name != NULL ? PyCodec_LookupError(name) : NULL;
    if (handler == NULL) {
        return -1;
    }
    Py_DECREF(handler);
    return 0;
}

static int
textio_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    static const char *const kwlist[] = {"buffer",         "encoding",      "errors", "newline",
                                         "line_buffering", "write_through", NULL};
    textio *self = (textio *)op;
    PyObject *a[6], *encoding, *errors, *newline;
    self->ok = 0;
    self->detached = 0;
    if (pyrs_io_parse_args("TextIOWrapper", args, kwds, kwlist, 6, 1, a) < 0 ||
        pyrs_io_str_or_none("TextIOWrapper", "encoding", a[1], &encoding) < 0 ||
        pyrs_io_str_or_none("TextIOWrapper", "errors", a[2], &errors) < 0 ||
        pyrs_io_str_or_none("TextIOWrapper", "newline", a[3], &newline) < 0 ||
        validate_newline(newline) < 0) {
        return -1;
    }
    int lb = 0, wt = 0;
    if (pyrs_io_int_flag(a[4], &lb) < 0 || pyrs_io_int_flag(a[5], &wt) < 0) {
        return -1;
    }
    Py_CLEAR(self->buffer);
    Py_CLEAR(self->encoder);
    Py_CLEAR(self->decoder);
    Py_CLEAR(self->snapshot);
    set_decoded(self, NULL);
    self->pending_count = 0;
    if (encoding == NULL && pyrs_config.warn_default_encoding &&
        PyErr_WarnEx(PyExc_EncodingWarning, "'encoding' argument not specified", 1) < 0) {
        return -1;
    }
    if (encoding == NULL && pyrs_config.utf8_mode) {
        Py_XSETREF(self->encoding, PyUnicode_FromString("utf-8"));
    } else if (encoding == NULL || PyUnicode_CompareWithASCIIString(encoding, "locale") == 0) {
        /* locale.getpreferredencoding(False) on the reference system */
        Py_XSETREF(self->encoding, PyUnicode_FromString("UTF-8"));
    } else {
        Py_XSETREF(self->encoding, Py_NewRef(encoding));
    }
    Py_XSETREF(self->errors, errors ? Py_NewRef(errors) : PyUnicode_FromString("strict"));
    if (self->encoding == NULL || self->errors == NULL || check_errors(self->errors) < 0) {
        return -1;
    }
    self->codec = pyrs_io_native_codec(self->encoding);
    self->chunk_size = 8192;
    self->line_buffering = lb;
    self->write_through = wt;
    set_newline(self, newline);
    self->buffer = Py_NewRef(a[0]);
    self->b2cratio = 0.0;
    PyObject *r = PyObject_CallMethodNoArgs(self->buffer, pyrs_io_str.readable);
    if (r == NULL || (self->readable = PyObject_IsTrue(r)) < 0) {
        Py_XDECREF(r);
        return -1;
    }
    Py_SETREF(r, PyObject_CallMethodNoArgs(self->buffer, pyrs_io_str.writable));
    if (r == NULL || (self->writable = PyObject_IsTrue(r)) < 0) {
        Py_XDECREF(r);
        return -1;
    }
    Py_SETREF(r, PyObject_CallMethodNoArgs(self->buffer, pyrs_io_str.seekable));
    if (r == NULL || (self->seekable = PyObject_IsTrue(r)) < 0) {
        Py_XDECREF(r);
        return -1;
    }
    Py_DECREF(r);
    self->telling = self->seekable;
    PyObject *read1;
    if (_PyObject_LookupAttr(self->buffer, pyrs_io_str.read1, &read1) < 0) {
        return -1;
    }
    self->has_read1 = read1 != NULL;
    Py_XDECREF(read1);
    if (setup_decoder(self) < 0 || setup_encoder(self) < 0) {
        return -1;
    }
    self->ok = 1;
    return 0;
}

/* ---- writing ---- */

/* Calls buffer.write(DATA[0:LEN]) as one bytes object, retrying on EINTR. */
static int
buffer_write(textio *self, const char *data, Py_ssize_t len)
{
    PyObject *b = PyBytes_FromStringAndSize(data, len), *r;
    if (b == NULL) {
        return -1;
    }
    do {
        r = PyObject_CallMethodOneArg(self->buffer, pyrs_io_str.write, b);
    } while (r == NULL && PyErr_ExceptionMatches(PyExc_InterruptedError) &&
             (PyErr_Clear(), !PyErr_CheckSignals()));
    Py_DECREF(b);
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    return 0;
}

/* Sends the queued bytes to the buffer. */
static int
flush_pending(textio *self)
{
    Py_ssize_t n = self->pending_count;
    if (n == 0) {
        return 0;
    }
    self->pending_count = 0;
    return buffer_write(self, self->pending, n);
}

/* Queues DATA[0:LEN] (flushing first when it would overflow chunk_size; data larger than a
 * chunk goes straight to the buffer). */
static int
queue_bytes(textio *self, const char *data, Py_ssize_t len)
{
    if (len == 0) {
        return 0; /* nothing to queue (and `pending` may still be NULL) */
    }
    if (self->pending_count + len > self->chunk_size && flush_pending(self) < 0) {
        return -1;
    }
    if (len > self->chunk_size) {
        return buffer_write(self, data, len);
    }
    if (self->pending_count + len > self->pending_cap) {
        Py_ssize_t cap = self->chunk_size > len ? self->chunk_size : len;
        char *nb = PyMem_Realloc(self->pending, (size_t)cap);
        if (nb == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        self->pending = nb;
        self->pending_cap = cap;
    }
    memcpy(self->pending + self->pending_count, data, (size_t)len);
    self->pending_count += len;
    return 0;
}

/* TEXT encoded for the buffer: the str itself when it is ASCII and the codec is
 * ASCII-compatible (its data are the bytes), else bytes. New reference or NULL. */
static PyObject *
encode_text(textio *self, PyObject *text)
{
    const char *errors;
    switch (self->codec) {
    case CODEC_UTF8:
    case CODEC_LATIN1:
    case CODEC_ASCII:
        if (PyUnicode_IS_ASCII(text)) {
            return Py_NewRef(text);
        }
        errors = PyUnicode_AsUTF8(self->errors);
        if (errors == NULL) {
            return NULL;
        }
        return self->codec == CODEC_UTF8     ? _PyUnicode_AsUTF8String(text, errors)
               : self->codec == CODEC_LATIN1 ? _PyUnicode_AsLatin1String(text, errors)
                                             : _PyUnicode_AsASCIIString(text, errors);
    default: {
        PyObject *b = PyObject_CallMethodOneArg(self->encoder, pyrs_io_str.encode, text);
        self->encoding_start_of_stream = 0;
        if (b != NULL && !PyBytes_Check(b)) {
            PyErr_Format(PyExc_TypeError, "encoder should return a bytes object, not '%.200s'",
                         Py_TYPE(b)->tp_name);
            Py_CLEAR(b);
        }
        return b;
    }
    }
}

static PyObject *
textio_write(PyObject *op, PyObject *text)
{
    textio *self = (textio *)op;
    if (check_closed(self) < 0) {
        return NULL;
    }
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "write() argument must be str, not %.100s",
                     Py_TYPE(text)->tp_name);
        return NULL;
    }
    if (!self->writable) {
        return pyrs_io_unsupported("not writable");
    }
    Py_ssize_t textlen = PyUnicode_GET_LENGTH(text);
    int haslf = 0, needflush = 0;
    if ((self->writetranslate && self->writenl != NULL) || self->line_buffering) {
        haslf = find_char(text, '\n') >= 0;
    }
    Py_INCREF(text);
    if (haslf && self->writetranslate && self->writenl != NULL) {
        Py_SETREF(text, PyUnicode_Replace(text, pyrs_io_str.nl, self->writenl, -1));
        if (text == NULL) {
            return NULL;
        }
    }
    if (self->line_buffering && (haslf || find_char(text, '\r') >= 0)) {
        needflush = 1;
    }
    PyObject *b = encode_text(self, text);
    Py_DECREF(text);
    if (b == NULL) {
        return NULL;
    }
    int r = PyBytes_Check(b) ? queue_bytes(self, PyBytes_AS_STRING(b), PyBytes_GET_SIZE(b))
                             : queue_bytes(self, PyUnicode_DATA(b), PyUnicode_GET_LENGTH(b));
    Py_DECREF(b);
    if (r < 0) {
        return NULL;
    }
    if (self->pending_count >= self->chunk_size || needflush || self->write_through) {
        if (flush_pending(self) < 0) {
            return NULL;
        }
    }
    if (needflush) {
        PyObject *f = PyObject_CallMethodNoArgs(self->buffer, pyrs_io_str.flush);
        if (f == NULL) {
            return NULL;
        }
        Py_DECREF(f);
    }
    if (self->decoder != NULL) {
        set_decoded(self, NULL);
        Py_CLEAR(self->snapshot);
        PyObject *res = PyObject_CallMethodNoArgs(self->decoder, pyrs_io_str.reset);
        if (res == NULL) {
            return NULL;
        }
        Py_DECREF(res);
    }
    return PyLong_FromSsize_t(textlen);
}

/* ---- reading ---- */

/* Reads and decodes one chunk: 1 if text may follow, 0 at EOF, -1 on error. */
static int
read_chunk(textio *self, Py_ssize_t size_hint)
{
    if (self->decoder == NULL) {
        pyrs_io_unsupported("not readable");
        return -1;
    }
    PyObject *dec_buffer = NULL, *dec_flags = NULL;
    if (self->telling) {
        PyObject *state = PyObject_CallMethodNoArgs(self->decoder, pyrs_io_str.getstate);
        if (state == NULL) {
            return -1;
        }
        if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) != 2 ||
            !PyBytes_Check(PyTuple_GET_ITEM(state, 0))) {
            PyErr_SetString(PyExc_TypeError, "illegal decoder state");
            Py_DECREF(state);
            return -1;
        }
        dec_buffer = Py_NewRef(PyTuple_GET_ITEM(state, 0));
        dec_flags = Py_NewRef(PyTuple_GET_ITEM(state, 1));
        Py_DECREF(state);
    }
    Py_ssize_t size = self->chunk_size;
    if (size_hint > 0) {
        size_hint = (Py_ssize_t)((self->b2cratio > 1.0 ? self->b2cratio : 1.0) * size_hint);
        if (size_hint > size) {
            size = size_hint;
        }
    }
    PyObject *chunk =
        PyObject_CallMethod(self->buffer, self->has_read1 ? "read1" : "read", "n", size);
    PyObject *decoded = NULL;
    if (chunk == NULL) {
        goto error;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(chunk, &view, PyBUF_SIMPLE) < 0) {
        PyErr_Format(PyExc_TypeError,
                     "underlying %s() should have returned a bytes-like object, not '%.200s'",
                     self->has_read1 ? "read1" : "read", Py_TYPE(chunk)->tp_name);
        goto error;
    }
    Py_ssize_t nbytes = view.len;
    PyBuffer_Release(&view);
    if (!PyBytes_Check(chunk)) {
        Py_SETREF(chunk, PyBytes_FromObject(chunk));
        if (chunk == NULL) {
            goto error;
        }
    }
    int eof = nbytes == 0;
    decoded = decoder_decode(self, chunk, eof);
    if (decoded == NULL) {
        goto error;
    }
    Py_ssize_t nchars = PyUnicode_GET_LENGTH(decoded);
    set_decoded(self, decoded);
    self->b2cratio = nchars > 0 ? (double)nbytes / (double)nchars : 0.0;
    if (nchars > 0) {
        eof = 0;
    }
    if (self->telling) {
        PyObject *next = PyBytes_FromStringAndSize(NULL, PyBytes_GET_SIZE(dec_buffer) + nbytes);
        if (next == NULL) {
            goto error;
        }
        memcpy(PyBytes_AS_STRING(next), PyBytes_AS_STRING(dec_buffer),
               (size_t)PyBytes_GET_SIZE(dec_buffer));
        memcpy(PyBytes_AS_STRING(next) + PyBytes_GET_SIZE(dec_buffer), PyBytes_AS_STRING(chunk),
               (size_t)nbytes);
        Py_XSETREF(self->snapshot, PyTuple_Pack(2, dec_flags, next));
        Py_DECREF(next);
        if (self->snapshot == NULL) {
            goto error;
        }
    }
    Py_XDECREF(dec_buffer);
    Py_XDECREF(dec_flags);
    Py_DECREF(chunk);
    return !eof;
error:
    Py_XDECREF(dec_buffer);
    Py_XDECREF(dec_flags);
    Py_XDECREF(chunk);
    return -1;
}

static PyObject *
read_all(textio *self)
{
    PyObject *bytes = PyObject_CallMethodNoArgs(self->buffer, pyrs_io_str.read);
    if (bytes == NULL) {
        return NULL;
    }
    if (!PyBytes_Check(bytes)) {
        PyErr_Format(PyExc_TypeError,
                     "underlying read() should have returned a bytes object, "
                     "not '%.200s'",
                     Py_TYPE(bytes)->tp_name);
        Py_DECREF(bytes);
        return NULL;
    }
    PyObject *decoded = decoder_decode(self, bytes, 1);
    Py_DECREF(bytes);
    if (decoded == NULL) {
        return NULL;
    }
    PyObject *head = take_decoded(self, -1);
    PyObject *res = head ? PyUnicode_Concat(head, decoded) : NULL;
    Py_XDECREF(head);
    Py_DECREF(decoded);
    set_decoded(self, NULL);
    Py_CLEAR(self->snapshot);
    return res;
}

static PyObject *
textio_read(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    textio *self = (textio *)op;
    Py_ssize_t n = -1;
    if (!_PyArg_CheckPositional("read", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_or_none(args[0], &n) < 0) || check_closed(self) < 0) {
        return NULL;
    }
    if (self->decoder == NULL) {
        return pyrs_io_unsupported("not readable");
    }
    if (flush_pending(self) < 0) {
        return NULL;
    }
    if (n < 0) {
        return read_all(self);
    }
    PyObject *res = take_decoded(self, n);
    if (res == NULL) {
        return NULL;
    }
    Py_ssize_t remaining = n - PyUnicode_GET_LENGTH(res);
    PyObject *chunks = NULL;
    while (remaining > 0) {
        int r = read_chunk(self, remaining);
        if (r < 0) {
            goto error;
        }
        if (chunks == NULL) {
            if ((chunks = PyList_New(0)) == NULL) {
                goto error;
            }
        }
        if (PyUnicode_GET_LENGTH(res) > 0 && PyList_Append(chunks, res) < 0) {
            goto error;
        }
        Py_SETREF(res, take_decoded(self, remaining));
        if (res == NULL) {
            goto error;
        }
        remaining -= PyUnicode_GET_LENGTH(res);
        if (r == 0) {
            break;
        }
    }
    if (chunks != NULL) {
        if (PyList_Append(chunks, res) < 0) {
            goto error;
        }
        Py_SETREF(res, PyUnicode_Join(pyrs_io_str.empty_str, chunks));
        Py_DECREF(chunks);
    }
    return res;
error:
    Py_XDECREF(chunks);
    Py_XDECREF(res);
    return NULL;
}

/* One line, at most LIMIT characters when LIMIT >= 0 (CPython's _textiowrapper_readline). */
static PyObject *
readline_impl(textio *self, Py_ssize_t limit)
{
    if (check_closed(self) < 0 || flush_pending(self) < 0) {
        return NULL;
    }
    PyObject *line = NULL, *remaining = NULL, *chunks = NULL;
    Py_ssize_t start = 0, endpos = 0, offset = 0, chunked = 0;
    for (;;) {
        int r = 1;
        while (self->decoded_chars == NULL || PyUnicode_GET_LENGTH(self->decoded_chars) == 0) {
            r = read_chunk(self, 0);
            if (r < 0) {
                goto error;
            }
            if (r == 0) {
                break;
            }
        }
        if (r == 0) {
            set_decoded(self, NULL);
            Py_CLEAR(self->snapshot);
            start = endpos = offset = 0;
            break;
        }
        if (remaining == NULL) {
            line = Py_NewRef(self->decoded_chars);
            start = self->decoded_chars_used;
            offset = 0;
        } else {
            line = PyUnicode_Concat(remaining, self->decoded_chars);
            start = 0;
            offset = PyUnicode_GET_LENGTH(remaining);
            Py_CLEAR(remaining);
            if (line == NULL) {
                goto error;
            }
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(line), consumed = 0;
        endpos = pyrs_io_find_line_end(PyUnicode_KIND(line), PyUnicode_DATA(line), start, len,
                                       self->readtranslate, self->readuniversal, self->readnl,
                                       &consumed);
        if (endpos >= 0) {
            if (limit >= 0 && (endpos - start) + chunked >= limit) {
                endpos = start + limit - chunked;
            }
            break;
        }
        endpos = consumed;
        if (limit >= 0 && (endpos - start) + chunked >= limit) {
            endpos = start + limit - chunked;
            break;
        }
        if (endpos > start) {
            PyObject *s = PyUnicode_Substring(line, start, endpos);
            if (s == NULL || (chunks == NULL && (chunks = PyList_New(0)) == NULL) ||
                PyList_Append(chunks, s) < 0) {
                Py_XDECREF(s);
                goto error;
            }
            chunked += PyUnicode_GET_LENGTH(s);
            Py_DECREF(s);
        }
        if (endpos < len) {
            remaining = PyUnicode_Substring(line, endpos, len);
            if (remaining == NULL) {
                goto error;
            }
        }
        Py_CLEAR(line);
        set_decoded(self, NULL);
    }
    if (line != NULL) {
        self->decoded_chars_used = endpos - offset;
        if (start > 0 || endpos < PyUnicode_GET_LENGTH(line)) {
            Py_SETREF(line, PyUnicode_Substring(line, start, endpos));
            if (line == NULL) {
                goto error;
            }
        }
    }
    if (remaining != NULL) {
        if ((chunks == NULL && (chunks = PyList_New(0)) == NULL) ||
            PyList_Append(chunks, remaining) < 0) {
            goto error;
        }
        Py_CLEAR(remaining);
    }
    if (chunks != NULL) {
        if (line != NULL && PyList_Append(chunks, line) < 0) {
            goto error;
        }
        Py_XSETREF(line, PyUnicode_Join(pyrs_io_str.empty_str, chunks));
        Py_CLEAR(chunks);
    } else if (line == NULL) {
        line = PyUnicode_FromString("");
    }
    return line;
error:
    Py_XDECREF(line);
    Py_XDECREF(remaining);
    Py_XDECREF(chunks);
    return NULL;
}

static PyObject *
textio_readline(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    textio *self = (textio *)op;
    Py_ssize_t limit = -1;
    if (!_PyArg_CheckPositional("readline", nargs, 0, 1)) {
        return NULL;
    }
    if (nargs > 0) {
        limit = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
        if (limit == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    if (check_attached(self) < 0) {
        return NULL;
    }
    return readline_impl(self, limit);
}

static PyObject *
textio_iternext(PyObject *op)
{
    textio *self = (textio *)op;
    if (check_attached(self) < 0) {
        return NULL;
    }
    self->telling = 0;
    PyObject *line;
    if (Py_TYPE(op) == &pyrs_io_textiowrapper_type) {
        line = readline_impl(self, -1);
    } else {
        line = PyObject_CallMethodNoArgs(op, pyrs_io_str.readline);
        if (line != NULL && !PyUnicode_Check(line)) {
            PyErr_Format(PyExc_OSError,
                         "readline() should have returned a str object, not '%.200s'",
                         Py_TYPE(line)->tp_name);
            Py_CLEAR(line);
        }
    }
    if (line == NULL) {
        return NULL;
    }
    if (PyUnicode_GET_LENGTH(line) == 0) {
        Py_DECREF(line);
        Py_CLEAR(self->snapshot);
        self->telling = self->seekable;
        return NULL;
    }
    return line;
}

/* ---- positioning ---- */

static int
decoder_setstate(textio *self, const cookie_t *c)
{
    PyObject *r;
    if (c->start_pos == 0 && c->dec_flags == 0) {
        r = PyObject_CallMethodNoArgs(self->decoder, pyrs_io_str.reset);
    } else {
        r = PyObject_CallMethod(self->decoder, "setstate", "((yi))", "", c->dec_flags);
    }
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    return 0;
}

static int
encoder_setstate(textio *self, const cookie_t *c)
{
    if (self->encoder == NULL) {
        return 0;
    }
    PyObject *r;
    if (c->start_pos == 0 && c->dec_flags == 0) {
        r = PyObject_CallMethodNoArgs(self->encoder, pyrs_io_str.reset);
        self->encoding_start_of_stream = 1;
    } else {
        r = PyObject_CallMethod(self->encoder, "setstate", "i", 0);
        self->encoding_start_of_stream = 0;
    }
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    return 0;
}

static PyObject *
call_self(textio *self, PyObject *name)
{
    return PyObject_CallMethodNoArgs((PyObject *)self, name);
}

static int
call_self_void(textio *self, PyObject *name)
{
    PyObject *r = call_self(self, name);
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    return 0;
}

/* decoder.getstate() split into its buffered byte count and flags. */
static int
decoder_state(textio *self, Py_ssize_t *buflen, int *flags)
{
    PyObject *state = PyObject_CallMethodNoArgs(self->decoder, pyrs_io_str.getstate);
    if (state == NULL) {
        return -1;
    }
    if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) != 2 ||
        !PyBytes_Check(PyTuple_GET_ITEM(state, 0))) {
        PyErr_SetString(PyExc_TypeError, "illegal decoder state");
        Py_DECREF(state);
        return -1;
    }
    *buflen = PyBytes_GET_SIZE(PyTuple_GET_ITEM(state, 0));
    long f = PyLong_AsLong(PyTuple_GET_ITEM(state, 1));
    Py_DECREF(state);
    if (f == -1 && PyErr_Occurred()) {
        return -1;
    }
    *flags = (int)f;
    return 0;
}

/* Characters produced by decoding DATA[0:LEN] (not final); -1 on error. */
static Py_ssize_t
decode_count(textio *self, const char *data, Py_ssize_t len, int final)
{
    PyObject *b = PyBytes_FromStringAndSize(data, len);
    if (b == NULL) {
        return -1;
    }
    PyObject *s = decoder_decode(self, b, final);
    Py_DECREF(b);
    if (s == NULL) {
        return -1;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    Py_DECREF(s);
    return n;
}

/* The search of tell(): from the snapshot, find the last point where the decoder holds no
 * bytes, then count the bytes and characters still to replay. */
static int
tell_search(textio *self, cookie_t *c, PyObject *next_input, Py_ssize_t chars_to_skip)
{
    const char *input = PyBytes_AS_STRING(next_input);
    Py_ssize_t input_len = PyBytes_GET_SIZE(next_input);
    Py_ssize_t skip_bytes = (Py_ssize_t)(self->b2cratio * (double)chars_to_skip), skip_back = 1;
    Py_ssize_t buflen, n;
    int flags;
    if (skip_bytes > input_len) {
        skip_bytes = input_len;
    }
    while (skip_bytes > 0) {
        if (decoder_setstate(self, c) < 0 || (n = decode_count(self, input, skip_bytes, 0)) < 0) {
            return -1;
        }
        if (n <= chars_to_skip) {
            if (decoder_state(self, &buflen, &flags) < 0) {
                return -1;
            }
            if (buflen == 0) {
                c->dec_flags = flags;
                chars_to_skip -= n;
                break;
            }
            skip_bytes -= buflen;
            skip_back = 1;
        } else {
            skip_bytes -= skip_back;
            skip_back *= 2;
        }
    }
    if (skip_bytes <= 0) {
        skip_bytes = 0;
        if (decoder_setstate(self, c) < 0) {
            return -1;
        }
    }
    c->start_pos += skip_bytes;
    c->chars_to_skip = (int)chars_to_skip;
    if (chars_to_skip == 0) {
        return 0;
    }
    Py_ssize_t chars_decoded = 0, i = skip_bytes;
    for (; i < input_len; i++) {
        if ((n = decode_count(self, input + i, 1, 0)) < 0 ||
            decoder_state(self, &buflen, &flags) < 0) {
            return -1;
        }
        chars_decoded += n;
        c->bytes_to_feed += 1;
        if (buflen == 0 && chars_decoded <= chars_to_skip) {
            c->start_pos += c->bytes_to_feed;
            chars_to_skip -= chars_decoded;
            c->dec_flags = flags;
            c->bytes_to_feed = 0;
            chars_decoded = 0;
        }
        if (chars_decoded >= chars_to_skip) {
            break;
        }
    }
    if (i == input_len) {
        if ((n = decode_count(self, "", 0, 1)) < 0) {
            return -1;
        }
        chars_decoded += n;
        c->need_eof = 1;
        if (chars_decoded < chars_to_skip) {
            PyErr_SetString(PyExc_OSError, "can't reconstruct logical file position");
            return -1;
        }
    }
    c->chars_to_skip = (int)chars_to_skip;
    return 0;
}

static PyObject *
textio_tell(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    textio *self = (textio *)op;
    cookie_t c = {0, 0, 0, 0, 0};
    if (check_closed(self) < 0) {
        return NULL;
    }
    if (!self->seekable) {
        return pyrs_io_unsupported("underlying stream is not seekable");
    }
    if (!self->telling) {
        PyErr_SetString(PyExc_OSError, "telling position disabled by next() call");
        return NULL;
    }
    if (flush_pending(self) < 0 || call_self_void(self, pyrs_io_str.flush) < 0) {
        return NULL;
    }
    PyObject *posobj = PyObject_CallMethodNoArgs(self->buffer, pyrs_io_str.tell);
    if (posobj == NULL || self->decoder == NULL || self->snapshot == NULL) {
        return posobj;
    }
    c.start_pos = PyLong_AsLongLong(posobj);
    Py_DECREF(posobj);
    if (c.start_pos == -1 && PyErr_Occurred()) {
        return NULL;
    }
    long flags = PyLong_AsLong(PyTuple_GET_ITEM(self->snapshot, 0));
    if (flags == -1 && PyErr_Occurred()) {
        return NULL;
    }
    c.dec_flags = (int)flags;
    PyObject *next_input = Py_NewRef(PyTuple_GET_ITEM(self->snapshot, 1));
    c.start_pos -= PyBytes_GET_SIZE(next_input);
    if (self->decoded_chars_used == 0) {
        Py_DECREF(next_input);
        return cookie_build(&c);
    }
    PyObject *saved = PyObject_CallMethodNoArgs(self->decoder, pyrs_io_str.getstate);
    if (saved == NULL) {
        Py_DECREF(next_input);
        return NULL;
    }
    int r = tell_search(self, &c, next_input, self->decoded_chars_used);
    Py_DECREF(next_input);
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyObject *res = PyObject_CallMethodOneArg(self->decoder, pyrs_io_str.setstate, saved);
    Py_DECREF(saved);
    if (res == NULL) {
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
        return NULL;
    }
    Py_DECREF(res);
    PyErr_Restore(t, v, tb);
    return r < 0 ? NULL : cookie_build(&c);
}

static PyObject *
seek_end(textio *self)
{
    if (call_self_void(self, pyrs_io_str.flush) < 0) {
        return NULL;
    }
    set_decoded(self, NULL);
    Py_CLEAR(self->snapshot);
    if (self->decoder != NULL) {
        PyObject *r = PyObject_CallMethodNoArgs(self->decoder, pyrs_io_str.reset);
        if (r == NULL) {
            return NULL;
        }
        Py_DECREF(r);
    }
    PyObject *res = PyObject_CallMethod(self->buffer, "seek", "ii", 0, 2);
    if (res != NULL && self->encoder != NULL) {
        /* at the end of a non-empty file no BOM may be written */
        cookie_t c = {1, 0, 0, 0, 0};
        if (PyLong_Check(res) && PyLong_AsLong(res) == 0) {
            c.start_pos = 0;
        }
        if (encoder_setstate(self, &c) < 0) {
            Py_CLEAR(res);
        }
    }
    return res;
}

static int
seek_replay(textio *self, const cookie_t *c)
{
    PyObject *chunk = PyObject_CallMethod(self->buffer, "read", "i", c->bytes_to_feed);
    if (chunk == NULL) {
        return -1;
    }
    if (!PyBytes_Check(chunk)) {
        PyErr_Format(PyExc_TypeError,
                     "underlying read() should have returned a bytes object, "
                     "not '%.200s'",
                     Py_TYPE(chunk)->tp_name);
        Py_DECREF(chunk);
        return -1;
    }
    Py_XSETREF(self->snapshot, pair_steal(PyLong_FromLong(c->dec_flags), Py_NewRef(chunk)));
    if (self->snapshot == NULL) {
        Py_DECREF(chunk);
        return -1;
    }
    PyObject *decoded = decoder_decode(self, chunk, c->need_eof);
    Py_DECREF(chunk);
    if (decoded == NULL) {
        return -1;
    }
    set_decoded(self, decoded);
    if (PyUnicode_GET_LENGTH(decoded) < c->chars_to_skip) {
        PyErr_SetString(PyExc_OSError, "can't restore logical file position");
        return -1;
    }
    self->decoded_chars_used = c->chars_to_skip;
    return 0;
}

static PyObject *
textio_seek(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    textio *self = (textio *)op;
    if (!_PyArg_CheckPositional("seek", nargs, 1, 2) || check_attached(self) < 0) {
        return NULL;
    }
    int whence = 0;
    if (nargs > 1) {
        long w = PyLong_AsLong(args[1]);
        if (w == -1 && PyErr_Occurred()) {
            return NULL;
        }
        whence = (int)w;
    }
    if (check_closed(self) < 0) {
        return NULL;
    }
    if (!self->seekable) {
        return pyrs_io_unsupported("underlying stream is not seekable");
    }
    PyObject *cookieobj = Py_NewRef(args[0]);
    if (whence == 1 || whence == 2) {
        int zero = PyObject_RichCompareBool(cookieobj, pyrs_io_str.zero, Py_EQ);
        if (zero <= 0) {
            Py_DECREF(cookieobj);
            return zero < 0
                       ? NULL
                       : pyrs_io_unsupported(whence == 1 ? "can't do nonzero cur-relative seeks"
                                                         : "can't do nonzero end-relative seeks");
        }
        if (whence == 2) {
            Py_DECREF(cookieobj);
            return seek_end(self);
        }
        Py_SETREF(cookieobj, call_self(self, pyrs_io_str.tell));
        if (cookieobj == NULL) {
            return NULL;
        }
    } else if (whence != 0) {
        Py_DECREF(cookieobj);
        PyErr_Format(PyExc_ValueError, "invalid whence (%d, should be 0, 1 or 2)", whence);
        return NULL;
    }
    int neg = PyObject_RichCompareBool(cookieobj, pyrs_io_str.zero, Py_LT);
    if (neg != 0) {
        if (neg > 0) {
            PyErr_Format(PyExc_ValueError, "negative seek position %R", cookieobj);
        }
        goto error;
    }
    if (call_self_void(self, pyrs_io_str.flush) < 0) {
        goto error;
    }
    cookie_t c;
    if (cookie_parse(&c, cookieobj) < 0) {
        goto error;
    }
    PyObject *r = PyObject_CallMethod(self->buffer, "seek", "L", c.start_pos);
    if (r == NULL) {
        goto error;
    }
    Py_DECREF(r);
    set_decoded(self, NULL);
    Py_CLEAR(self->snapshot);
    if (self->decoder != NULL && decoder_setstate(self, &c) < 0) {
        goto error;
    }
    if (c.chars_to_skip) {
        if (seek_replay(self, &c) < 0) {
            goto error;
        }
    } else if ((self->snapshot = pair_steal(PyLong_FromLong(c.dec_flags),
                                            PyBytes_FromStringAndSize(NULL, 0))) == NULL) {
        goto error;
    }
    if (encoder_setstate(self, &c) < 0) {
        goto error;
    }
    return cookieobj;
error:
    Py_DECREF(cookieobj);
    return NULL;
}

/* ---- the rest of the interface ---- */

static PyObject *
textio_flush(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    textio *self = (textio *)op;
    if (check_closed(self) < 0) {
        return NULL;
    }
    self->telling = self->seekable;
    if (flush_pending(self) < 0) {
        return NULL;
    }
    return PyObject_CallMethodNoArgs(self->buffer, pyrs_io_str.flush);
}

static PyObject *
textio_close(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    textio *self = (textio *)op;
    if (check_attached(self) < 0) {
        return NULL;
    }
    int closed = pyrs_io_is_closed(self->buffer);
    if (closed < 0) {
        return NULL;
    }
    if (closed) {
        Py_RETURN_NONE;
    }
    if (self->finalizing) {
        PyObject *r = PyObject_CallMethodOneArg(self->buffer, pyrs_io_str._dealloc_warn, op);
        if (r == NULL) {
            PyErr_Clear();
        }
        Py_XDECREF(r);
    }
    PyObject *res = call_self(self, pyrs_io_str.flush);
    PyObject *t = NULL, *v = NULL, *tb = NULL;
    if (res == NULL) {
        PyErr_Fetch(&t, &v, &tb);
    }
    Py_XSETREF(res, PyObject_CallMethodNoArgs(self->buffer, pyrs_io_str.close));
    if (t != NULL) {
        _PyErr_ChainExceptions(t, v, tb);
        Py_CLEAR(res);
    }
    return res;
}

static PyObject *
textio_detach(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    textio *self = (textio *)op;
    if (check_attached(self) < 0 || call_self_void(self, pyrs_io_str.flush) < 0) {
        return NULL;
    }
    PyObject *buffer = self->buffer;
    self->buffer = NULL;
    self->ok = 0;
    self->detached = 1;
    return buffer;
}

static PyObject *
textio_truncate(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    textio *self = (textio *)op;
    if (!_PyArg_CheckPositional("truncate", nargs, 0, 1) || check_attached(self) < 0 ||
        call_self_void(self, pyrs_io_str.flush) < 0) {
        return NULL;
    }
    return PyObject_CallMethodOneArg(self->buffer, pyrs_io_str.truncate,
                                     nargs > 0 ? args[0] : Py_None);
}

#define TEXT_DELEGATE(fname, attr)                                                                 \
    static PyObject *fname(PyObject *op, PyObject *Py_UNUSED(ignored))                             \
    {                                                                                              \
        textio *self = (textio *)op;                                                               \
        if (check_attached(self) < 0) {                                                            \
            return NULL;                                                                           \
        }                                                                                          \
        return PyObject_CallMethodNoArgs(self->buffer, pyrs_io_str.attr);                          \
    }

TEXT_DELEGATE(textio_fileno, fileno)
TEXT_DELEGATE(textio_seekable, seekable)
TEXT_DELEGATE(textio_readable, readable)
TEXT_DELEGATE(textio_writable, writable)
TEXT_DELEGATE(textio_isatty, isatty)

static int
reconfigure_newline(textio *self, PyObject *newline, PyObject *errors, PyObject *encoding)
{
    if (encoding != NULL) {
        Py_XSETREF(self->encoding, Py_NewRef(encoding));
        self->codec = pyrs_io_native_codec(encoding);
    }
    Py_XSETREF(self->errors, Py_NewRef(errors));
    if (newline != NULL) {
        set_newline(self, newline == Py_None ? NULL : newline);
    }
    if (setup_decoder(self) < 0) {
        return -1;
    }
    return setup_encoder(self);
}

static PyObject *
textio_reconfigure(PyObject *op, PyObject *args, PyObject *kwds)
{
    static const char *const kwlist[] = {"encoding",       "errors",        "newline",
                                         "line_buffering", "write_through", NULL};
    textio *self = (textio *)op;
    PyObject *a[5], *encoding, *errors;
    if (pyrs_io_parse_args("reconfigure", args, kwds, kwlist, 0, 0, a) < 0 ||
        check_attached(self) < 0) {
        return NULL;
    }
    encoding = a[0] == Py_None ? NULL : a[0];
    errors = a[1] == Py_None ? NULL : a[1];
    if ((encoding != NULL && !PyUnicode_Check(encoding)) ||
        (errors != NULL && !PyUnicode_Check(errors))) {
        PyErr_SetString(PyExc_TypeError, "bad argument type for built-in operation");
        return NULL;
    }
    PyObject *newline = a[2];
    if (newline != NULL && newline != Py_None && !PyUnicode_Check(newline)) {
        PyErr_Format(PyExc_TypeError,
                     "reconfigure() argument 'newline' must be str or None, not %.50s",
                     Py_TYPE(newline)->tp_name);
        return NULL;
    }
    if (validate_newline(newline) < 0) {
        return NULL;
    }
    if ((encoding != NULL || errors != NULL || newline != NULL) && self->decoded_chars != NULL) {
        return pyrs_io_unsupported("It is not possible to set the encoding or newline of stream "
                                   "after the first read");
    }
    int lb = self->line_buffering, wt = self->write_through;
    if ((a[3] != NULL && a[3] != Py_None && (lb = PyObject_IsTrue(a[3])) < 0) ||
        (a[4] != NULL && a[4] != Py_None && (wt = PyObject_IsTrue(a[4])) < 0)) {
        return NULL;
    }
    if (call_self_void(self, pyrs_io_str.flush) < 0) {
        return NULL;
    }
    if (encoding != NULL || errors != NULL || newline != NULL) {
        PyObject *err;
        if (errors != NULL) {
            err = Py_NewRef(errors);
        } else if (encoding != NULL) {
            err = PyUnicode_FromString("strict");
            if (err == NULL) {
                return NULL;
            }
        } else {
            err = Py_NewRef(self->errors);
        }
        PyObject *enc = encoding;
        if (enc != NULL && PyUnicode_CompareWithASCIIString(enc, "locale") == 0) {
            enc = PyUnicode_FromString("UTF-8");
        } else {
            Py_XINCREF(enc);
        }
        int r = reconfigure_newline(self, newline, err, enc);
        Py_DECREF(err);
        Py_XDECREF(enc);
        if (r < 0) {
            return NULL;
        }
    }
    self->line_buffering = lb;
    self->write_through = wt;
    Py_RETURN_NONE;
}

static PyObject *
textio_repr(PyObject *op)
{
    textio *self = (textio *)op;
    if (self->encoding == NULL) {
        PyErr_SetString(PyExc_ValueError, "I/O operation on uninitialized object");
        return NULL;
    }
    int status = Py_ReprEnter(op);
    if (status != 0) {
        if (status > 0) {
            PyErr_Format(PyExc_RuntimeError, "reentrant call inside %s.__repr__",
                         Py_TYPE(op)->tp_name);
        }
        return NULL;
    }
    PyObject *parts[2] = {NULL, NULL}, *names[2] = {pyrs_io_str.name, pyrs_io_str.mode};
    PyObject *res = NULL;
    for (int i = 0; i < 2; i++) {
        PyObject *v = PyObject_GetAttr(op, names[i]);
        if (v == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_Exception)) {
                goto done;
            }
            PyErr_Clear();
            parts[i] = PyUnicode_FromString("");
        } else {
            parts[i] = PyUnicode_FromFormat(" %U=%R", names[i], v);
            Py_DECREF(v);
        }
        if (parts[i] == NULL) {
            goto done;
        }
    }
    res = PyUnicode_FromFormat("<%s%U%U encoding=%R>", Py_TYPE(op)->tp_name, parts[0], parts[1],
                               self->encoding);
done:
    Py_XDECREF(parts[0]);
    Py_XDECREF(parts[1]);
    Py_ReprLeave(op);
    return res;
}

static PyObject *
textio_name_get(PyObject *op, void *Py_UNUSED(closure))
{
    textio *self = (textio *)op;
    return check_attached(self) < 0 ? NULL : PyObject_GetAttr(self->buffer, pyrs_io_str.name);
}

static PyObject *
textio_closed_get(PyObject *op, void *Py_UNUSED(closure))
{
    textio *self = (textio *)op;
    return check_attached(self) < 0 ? NULL : PyObject_GetAttr(self->buffer, pyrs_io_str.closed);
}

static PyObject *
textio_newlines_get(PyObject *op, void *Py_UNUSED(closure))
{
    textio *self = (textio *)op;
    if (check_attached(self) < 0) {
        return NULL;
    }
    if (self->decoder == NULL) {
        Py_RETURN_NONE;
    }
    PyObject *res;
    if (_PyObject_LookupAttr(self->decoder, pyrs_io_str.newlines, &res) < 0) {
        return NULL;
    }
    return res ? res : Py_NewRef(Py_None);
}

static PyObject *
textio_errors_get(PyObject *op, void *Py_UNUSED(closure))
{
    textio *self = (textio *)op;
    return Py_NewRef(self->errors ? self->errors : Py_None);
}

static PyObject *
textio_encoding_get(PyObject *op, void *Py_UNUSED(closure))
{
    textio *self = (textio *)op;
    return Py_NewRef(self->encoding ? self->encoding : Py_None);
}

static PyObject *
textio_buffer_get(PyObject *op, void *Py_UNUSED(closure))
{
    textio *self = (textio *)op;
    return Py_NewRef(self->buffer ? self->buffer : Py_None);
}

static PyObject *
textio_line_buffering_get(PyObject *op, void *Py_UNUSED(closure))
{
    return PyBool_FromLong(((textio *)op)->line_buffering);
}

static PyObject *
textio_write_through_get(PyObject *op, void *Py_UNUSED(closure))
{
    return PyBool_FromLong(((textio *)op)->write_through);
}

static PyObject *
textio_chunk_size_get(PyObject *op, void *Py_UNUSED(closure))
{
    textio *self = (textio *)op;
    return check_attached(self) < 0 ? NULL : PyLong_FromSsize_t(self->chunk_size);
}

static int
textio_chunk_size_set(PyObject *op, PyObject *value, void *Py_UNUSED(closure))
{
    textio *self = (textio *)op;
    if (check_attached(self) < 0) {
        return -1;
    }
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete attribute");
        return -1;
    }
    Py_ssize_t n = PyNumber_AsSsize_t(value, PyExc_ValueError);
    if (n == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (n <= 0) {
        PyErr_SetString(PyExc_ValueError, "a strictly positive integer is required");
        return -1;
    }
    self->chunk_size = n;
    return 0;
}

static PyObject *
textio_finalizing_get(PyObject *op, void *Py_UNUSED(closure))
{
    return PyBool_FromLong(((textio *)op)->finalizing);
}

static int
textio_finalizing_set(PyObject *op, PyObject *value, void *Py_UNUSED(closure))
{
    int r = value ? PyObject_IsTrue(value) : 0;
    if (r < 0) {
        return -1;
    }
    ((textio *)op)->finalizing = r;
    return 0;
}

static int
textio_traverse(PyObject *op, visitproc visit, void *arg)
{
    textio *self = (textio *)op;
    Py_VISIT(self->buffer);
    Py_VISIT(self->encoder);
    Py_VISIT(self->decoder);
    Py_VISIT(self->snapshot);
    return pyrs_io_base_traverse(op, visit, arg);
}

static int
textio_clear(PyObject *op)
{
    textio *self = (textio *)op;
    self->ok = 0;
    Py_CLEAR(self->buffer);
    Py_CLEAR(self->encoding);
    Py_CLEAR(self->encoder);
    Py_CLEAR(self->decoder);
    Py_CLEAR(self->readnl);
    Py_CLEAR(self->writenl);
    Py_CLEAR(self->errors);
    Py_CLEAR(self->decoded_chars);
    Py_CLEAR(self->snapshot);
    pyrs_io_base_clear(op);
    return 0;
}

static void
textio_dealloc(PyObject *op)
{
    textio *self = (textio *)op;
    self->finalizing = 1;
    if (PyObject_CallFinalizerFromDealloc(op) < 0) {
        return;
    }
    PyObject_GC_UnTrack(op);
    if (self->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    textio_clear(op);
    PyMem_Free(self->pending);
    Py_TYPE(op)->tp_free(op);
}

static PyMethodDef textio_methods[] = {
    {"detach", textio_detach, METH_NOARGS, NULL},
    {"reconfigure", (PyCFunction)(void (*)(void))textio_reconfigure, METH_VARARGS | METH_KEYWORDS,
     NULL},
    {"write", textio_write, METH_O, NULL},
    {"read", (PyCFunction)(void (*)(void))textio_read, METH_FASTCALL, NULL},
    {"readline", (PyCFunction)(void (*)(void))textio_readline, METH_FASTCALL, NULL},
    {"flush", textio_flush, METH_NOARGS, NULL},
    {"close", textio_close, METH_NOARGS, NULL},
    {"fileno", textio_fileno, METH_NOARGS, NULL},
    {"seekable", textio_seekable, METH_NOARGS, NULL},
    {"readable", textio_readable, METH_NOARGS, NULL},
    {"writable", textio_writable, METH_NOARGS, NULL},
    {"isatty", textio_isatty, METH_NOARGS, NULL},
    {"seek", (PyCFunction)(void (*)(void))textio_seek, METH_FASTCALL, NULL},
    {"tell", textio_tell, METH_NOARGS, NULL},
    {"truncate", (PyCFunction)(void (*)(void))textio_truncate, METH_FASTCALL, NULL},
    {"__reduce__", pyrs_io_cannot_reduce, METH_VARARGS, NULL},
    {"__reduce_ex__", pyrs_io_cannot_reduce_ex, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef textio_getset[] = {
    {"name", textio_name_get, NULL, NULL, NULL},
    {"closed", textio_closed_get, NULL, NULL, NULL},
    {"newlines", textio_newlines_get, NULL, NULL, NULL},
    {"errors", textio_errors_get, NULL, NULL, NULL},
    {"encoding", textio_encoding_get, NULL, NULL, NULL},
    {"buffer", textio_buffer_get, NULL, NULL, NULL},
    {"line_buffering", textio_line_buffering_get, NULL, NULL, NULL},
    {"write_through", textio_write_through_get, NULL, NULL, NULL},
    {"_CHUNK_SIZE", textio_chunk_size_get, textio_chunk_size_set, NULL, NULL},
    {"_finalizing", textio_finalizing_get, textio_finalizing_set, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject pyrs_io_textiowrapper_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_io.TextIOWrapper",
    .tp_basicsize = sizeof(textio),
    .tp_dealloc = textio_dealloc,
    .tp_repr = textio_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Character and line based layer over a BufferedIOBase object, buffer.",
    .tp_traverse = textio_traverse,
    .tp_clear = textio_clear,
    .tp_weaklistoffset = offsetof(textio, weakreflist),
    .tp_iternext = textio_iternext,
    .tp_methods = textio_methods,
    .tp_getset = textio_getset,
    .tp_base = &pyrs_io_textiobase_type,
    .tp_dictoffset = offsetof(textio, dict),
    .tp_init = textio_init,
    .tp_new = PyType_GenericNew,
    .tp_finalize = pyrs_io_iobase_finalize,
};

int
pyrs_io_write_str(PyObject *file, PyObject *s)
{
    if (Py_TYPE(file) != &pyrs_io_textiowrapper_type || !PyUnicode_Check(s)) {
        return 0;
    }
    PyObject *r = textio_write(file, s);
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    return 1;
}
