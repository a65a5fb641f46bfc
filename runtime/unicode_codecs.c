/* unicode_codecs.c: the built-in str<->bytes codecs (utf-8, utf-16, utf-32, latin-1, ascii,
 * unicode_escape, raw_unicode_escape) with CPython 3.11's error handlers (strict, ignore,
 * replace, surrogateescape, surrogatepass, backslashreplace, xmlcharrefreplace, namereplace),
 * error ranges and UnicodeEncodeError/UnicodeDecodeError reasons; any other handler name is
 * looked up in the codec registry (codecs.c) when an error occurs and called with the exception
 * object, and encoding names that are not built in go through the registry too. */
#include "Python.h"
#include "codecs.h"
#include "pyrs/config.h"
#include "pyrs/unicode.h"
#include "pyrs/unidata.h"

/* ---- a growable byte buffer ------------------------------------------------------------ */

typedef struct {
    char *buf;      /* PyMem */
    Py_ssize_t len; /* bytes used */
    Py_ssize_t cap; /* bytes allocated */
} ByteBuf;

static int
bb_reserve(ByteBuf *b, Py_ssize_t extra)
{
    if (extra <= b->cap - b->len) {
        return 0;
    }
    if (extra > PY_SSIZE_T_MAX / 4 - b->len) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t cap = Py_MAX(b->cap * 2, b->len + extra);
    cap = Py_MAX(cap, 32);
    char *nb = PyMem_Realloc(b->buf, (size_t)cap);
    if (nb == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    b->buf = nb;
    b->cap = cap;
    return 0;
}

static int
bb_put(ByteBuf *b, const void *p, Py_ssize_t n)
{
    if (bb_reserve(b, n) < 0) {
        return -1;
    }
    memcpy(b->buf + b->len, p, (size_t)n);
    b->len += n;
    return 0;
}

static int
bb_byte(ByteBuf *b, unsigned char c)
{
    return bb_put(b, &c, 1);
}

static PyObject *
bb_finish(ByteBuf *b)
{
    PyObject *res = PyBytes_FromStringAndSize(b->buf ? b->buf : "", b->len);
    PyMem_Free(b->buf);
    b->buf = NULL;
    return res;
}

/* ---- error handler names ---------------------------------------------------------------- */

enum {
    ERR_STRICT,
    ERR_IGNORE,
    ERR_REPLACE,
    ERR_SURROGATEESCAPE,
    ERR_SURROGATEPASS,
    ERR_BACKSLASHREPLACE,
    ERR_XMLCHARREFREPLACE,
    ERR_NAMEREPLACE,
    ERR_CUSTOM, /* looked up in the registry when an error occurs */
};

/* The handler named ERRORS (NULL = strict); names other than the built-in ones are ERR_CUSTOM
 * (CPython looks a handler up only when an error occurs). Never fails. */
static int
error_handler(const char *errors)
{
    static const char *const names[] = {
        "strict",        "ignore",           "replace",           "surrogateescape",
        "surrogatepass", "backslashreplace", "xmlcharrefreplace", "namereplace"};
    if (errors == NULL) {
        return ERR_STRICT;
    }
    for (size_t i = 0; i < Py_ARRAY_LENGTH(names); i++) {
        if (strcmp(errors, names[i]) == 0) {
            return (int)i;
        }
    }
    return ERR_CUSTOM;
}

int
pyrs_unicode_normalize_encoding(const char *encoding, char *buf, size_t size)
{
    size_t i = 0;
    for (; encoding[i]; i++) {
        if (i + 1 >= size) {
            return 0;
        }
        char c = encoding[i];
        buf[i] = (c == '_' || c == ' ') ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    buf[i] = '\0';
    return 1;
}

/* ---- exceptions ------------------------------------------------------------------------- */

static void
raise_encode_error(const char *encoding, PyObject *s, Py_ssize_t start, Py_ssize_t end,
                   const char *reason)
{
    PyObject *enc = PyUnicode_FromString(encoding), *st = PyLong_FromSsize_t(start);
    PyObject *en = PyLong_FromSsize_t(end), *why = PyUnicode_FromString(reason);
    PyObject *args = NULL, *exc = NULL;
    if (enc && st && en && why) {
        args = PyTuple_Pack(5, enc, s, st, en, why);
    }
    if (args != NULL) {
        exc = PyObject_Call(PyExc_UnicodeEncodeError, args, NULL);
    }
    if (exc != NULL) {
        PyErr_SetObject(PyExc_UnicodeEncodeError, exc);
    }
    Py_XDECREF(exc);
    Py_XDECREF(args);
    Py_XDECREF(enc);
    Py_XDECREF(st);
    Py_XDECREF(en);
    Py_XDECREF(why);
}

static void
raise_decode_error(const char *encoding, const char *data, Py_ssize_t len, Py_ssize_t start,
                   Py_ssize_t end, const char *reason)
{
    PyObject *exc = PyUnicodeDecodeError_Create(encoding, data, len, start, end, reason);
    if (exc != NULL) {
        PyErr_SetObject(PyExc_UnicodeDecodeError, exc);
        Py_DECREF(exc);
    }
}

/* Calls the registered handler ERRORS with EXC (stolen) and checks its (replacement, newpos)
 * answer: *REPL gets a new reference to the str (or, for ENCODING, bytes) replacement and *POS
 * the position to resume at, normalised against LEN. 0, or -1 with CPython's errors. */
static int
call_custom_handler(const char *errors, PyObject *exc, int encoding, Py_ssize_t len,
                    PyObject **repl, Py_ssize_t *pos)
{
    PyObject *handler = exc != NULL ? PyCodec_LookupError(errors) : NULL;
    PyObject *res = handler != NULL ? PyObject_CallOneArg(handler, exc) : NULL;
    Py_XDECREF(handler);
    Py_XDECREF(exc);
    if (res == NULL) {
        return -1;
    }
    PyObject *r0 =
        PyTuple_Check(res) && PyTuple_GET_SIZE(res) == 2 ? PyTuple_GET_ITEM(res, 0) : NULL;
    if (r0 == NULL || !(PyUnicode_Check(r0) || (encoding && PyBytes_Check(r0))) ||
        !PyLong_Check(PyTuple_GET_ITEM(res, 1))) {
        PyErr_SetString(PyExc_TypeError, encoding
                                             ? "encoding error handler must return (str/bytes, "
                                               "int) tuple"
                                             : "decoding error handler must return (str, int) "
                                               "tuple");
        Py_DECREF(res);
        return -1;
    }
    Py_ssize_t p = PyLong_AsSsize_t(PyTuple_GET_ITEM(res, 1));
    if (p == -1 && PyErr_Occurred()) {
        Py_DECREF(res);
        return -1;
    }
    if (p < 0) {
        p += len;
    }
    if (p < 0 || p > len) {
        PyErr_Format(PyExc_IndexError, "position %zd from error handler out of bounds", p);
        Py_DECREF(res);
        return -1;
    }
    *repl = Py_NewRef(r0);
    *pos = p;
    Py_DECREF(res);
    return 0;
}

/* A new UnicodeEncodeError(ENCODING, S, START, END, REASON), or NULL. */
static PyObject *
new_encode_error(const char *encoding, PyObject *s, Py_ssize_t start, Py_ssize_t end,
                 const char *reason)
{
    return PyObject_CallFunction(PyExc_UnicodeEncodeError, "sOnns", encoding, s, start, end,
                                 reason);
}

/* Appends the ASCII text of "\xNN" / "\uNNNN" / "\UNNNNNNNN" for CH. */
static int
put_backslash_escape(PyrsUniWriter *w, Py_UCS4 ch)
{
    char buf[16];
    if (ch < 0x100) {
        snprintf(buf, sizeof buf, "\\x%02x", (unsigned)ch);
    } else if (ch < 0x10000) {
        snprintf(buf, sizeof buf, "\\u%04x", (unsigned)ch);
    } else {
        snprintf(buf, sizeof buf, "\\U%08x", (unsigned)ch);
    }
    return pyrs_uniwriter_ascii(w, buf, (Py_ssize_t)strlen(buf));
}

/* ---- generic encoder -------------------------------------------------------------------- */

typedef struct {
    const char *name;   /* codec name in messages */
    Py_UCS4 limit;      /* characters >= limit cannot be encoded */
    int utf;            /* surrogates cannot be encoded (and surrogatepass applies) */
    const char *reason; /* UnicodeEncodeError reason */
    int (*put)(ByteBuf *b, Py_UCS4 ch, int byteorder);
    int byteorder; /* -1 little, 1 big */
} Encoder;

static int
put_utf8(ByteBuf *b, Py_UCS4 ch, int Py_UNUSED(bo))
{
    unsigned char buf[4];
    int n;
    if (ch < 0x80) {
        buf[0] = (unsigned char)ch;
        n = 1;
    } else if (ch < 0x800) {
        buf[0] = (unsigned char)(0xc0 | (ch >> 6));
        buf[1] = (unsigned char)(0x80 | (ch & 0x3f));
        n = 2;
    } else if (ch < 0x10000) {
        buf[0] = (unsigned char)(0xe0 | (ch >> 12));
        buf[1] = (unsigned char)(0x80 | ((ch >> 6) & 0x3f));
        buf[2] = (unsigned char)(0x80 | (ch & 0x3f));
        n = 3;
    } else {
        buf[0] = (unsigned char)(0xf0 | (ch >> 18));
        buf[1] = (unsigned char)(0x80 | ((ch >> 12) & 0x3f));
        buf[2] = (unsigned char)(0x80 | ((ch >> 6) & 0x3f));
        buf[3] = (unsigned char)(0x80 | (ch & 0x3f));
        n = 4;
    }
    return bb_put(b, buf, n);
}

static int
put_byte(ByteBuf *b, Py_UCS4 ch, int Py_UNUSED(bo))
{
    return bb_byte(b, (unsigned char)ch);
}

static int
put_unit16(ByteBuf *b, Py_UCS4 u, int bo)
{
    unsigned char buf[2];
    buf[bo < 0 ? 0 : 1] = (unsigned char)(u & 0xff);
    buf[bo < 0 ? 1 : 0] = (unsigned char)(u >> 8);
    return bb_put(b, buf, 2);
}

static int
put_utf16(ByteBuf *b, Py_UCS4 ch, int bo)
{
    if (ch >= 0x10000) {
        return put_unit16(b, Py_UNICODE_HIGH_SURROGATE(ch), bo) < 0
                   ? -1
                   : put_unit16(b, Py_UNICODE_LOW_SURROGATE(ch), bo);
    }
    return put_unit16(b, ch, bo);
}

static int
put_utf32(ByteBuf *b, Py_UCS4 ch, int bo)
{
    unsigned char buf[4];
    for (int i = 0; i < 4; i++) {
        buf[bo < 0 ? i : 3 - i] = (unsigned char)(ch >> (8 * i));
    }
    return bb_put(b, buf, 4);
}

static int
enc_bad(const Encoder *e, Py_UCS4 ch)
{
    return ch >= e->limit || (e->utf && Py_UNICODE_IS_SURROGATE(ch));
}

/* Writes the replacement text for the bad characters S[start:end). */
static int
enc_replacement(const Encoder *e, ByteBuf *b, PyObject *s, Py_ssize_t start, Py_ssize_t end,
                int handler)
{
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(s, i);
        char buf[32];
        int r = 0;
        switch (handler) {
        case ERR_REPLACE:
            r = pyrs_uniwriter_putc(&w, '?');
            break;
        case ERR_BACKSLASHREPLACE:
            r = put_backslash_escape(&w, ch);
            break;
        case ERR_XMLCHARREFREPLACE:
            snprintf(buf, sizeof buf, "&#%u;", (unsigned)ch);
            r = pyrs_uniwriter_ascii(&w, buf, (Py_ssize_t)strlen(buf));
            break;
        case ERR_NAMEREPLACE: {
            char name[256];
            if (pyrs_unidata_name(ch, name, sizeof name)) {
                r = pyrs_uniwriter_ascii(&w, "\\N{", 3) < 0 ||
                            pyrs_uniwriter_ascii(&w, name, (Py_ssize_t)strlen(name)) < 0 ||
                            pyrs_uniwriter_putc(&w, '}') < 0
                        ? -1
                        : 0;
            } else {
                r = put_backslash_escape(&w, ch);
            }
            break;
        }
        default:
            break;
        }
        if (r < 0) {
            pyrs_uniwriter_dealloc(&w);
            return -1;
        }
    }
    for (Py_ssize_t i = 0; i < w.len; i++) {
        if (e->put(b, w.buf[i], e->byteorder) < 0) {
            pyrs_uniwriter_dealloc(&w);
            return -1;
        }
    }
    pyrs_uniwriter_dealloc(&w);
    return 0;
}

/* Calls the registered handler ERRORS for the bad run S[start:end) and writes its replacement:
 * bytes as they are, str character by character (each must be ASCII for the UTF codecs, below
 * the codec's limit otherwise, else the original error is raised). *NEXT gets the position to
 * resume at. 0 or -1. */
static int
enc_custom(const Encoder *e, ByteBuf *b, PyObject *s, Py_ssize_t start, Py_ssize_t end,
           const char *errors, Py_ssize_t *next)
{
    PyObject *repl;
    PyObject *exc = new_encode_error(e->name, s, start, end, e->reason);
    if (call_custom_handler(errors, exc, 1, PyUnicode_GET_LENGTH(s), &repl, next) < 0) {
        return -1;
    }
    int r = 0;
    if (PyBytes_Check(repl)) {
        r = bb_put(b, PyBytes_AS_STRING(repl), PyBytes_GET_SIZE(repl));
    } else {
        Py_ssize_t n = PyUnicode_GET_LENGTH(repl);
        Py_UCS4 limit = e->utf ? 0x80 : e->limit;
        for (Py_ssize_t i = 0; r == 0 && i < n; i++) {
            Py_UCS4 ch = PyUnicode_READ_CHAR(repl, i);
            if (ch >= limit) {
                raise_encode_error(e->name, s, start, end, e->reason);
                r = -1;
            } else {
                r = e->put(b, ch, e->byteorder);
            }
        }
    }
    Py_DECREF(repl);
    return r;
}

/* Applies HANDLER to the bad run S[start:end); 0, or -1 with the exception set. *NEXT is set
 * to END, or where a registered handler asked to resume. */
static int
enc_error(const Encoder *e, ByteBuf *b, PyObject *s, Py_ssize_t start, Py_ssize_t end, int handler,
          const char *errors, Py_ssize_t *next)
{
    *next = end;
    switch (handler) {
    case ERR_CUSTOM:
        return enc_custom(e, b, s, start, end, errors, next);
    case ERR_IGNORE:
        return 0;
    case ERR_SURROGATEESCAPE: {
        /* Byte codecs write the escaped prefix and report the rest of the run (CPython's
         * fast path); the UTF-16/32 encoders refuse outright. */
        Py_ssize_t i = start;
        while (i < end && (e->put == put_utf8 || e->put == put_byte)) {
            Py_UCS4 ch = PyUnicode_READ_CHAR(s, i);
            if (ch < 0xdc80 || ch > 0xdcff) {
                break;
            }
            if (bb_byte(b, (unsigned char)(ch - 0xdc00)) < 0) {
                return -1;
            }
            i++;
        }
        if (i < end) {
            raise_encode_error(e->name, s, i, end, e->reason);
            return -1;
        }
        return 0;
    }
    case ERR_SURROGATEPASS:
        for (Py_ssize_t i = start; i < end; i++) {
            Py_UCS4 ch = PyUnicode_READ_CHAR(s, i);
            if (!e->utf || !Py_UNICODE_IS_SURROGATE(ch)) {
                raise_encode_error(e->name, s, start, end, e->reason);
                return -1;
            }
            int r =
                e->put == put_utf16 ? put_unit16(b, ch, e->byteorder) : e->put(b, ch, e->byteorder);
            if (r < 0) {
                return -1;
            }
        }
        return 0;
    case ERR_STRICT:
        raise_encode_error(e->name, s, start, end, e->reason);
        return -1;
    default:
        return enc_replacement(e, b, s, start, end, handler);
    }
}

static PyObject *
encode_with(const Encoder *e, PyObject *s, const char *errors, const char *bom, int bomlen)
{
    int handler = error_handler(errors);
    ByteBuf b = {NULL, 0, 0};
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    if (bb_reserve(&b, n + bomlen) < 0 || (bomlen && bb_put(&b, bom, bomlen) < 0)) {
        goto error;
    }
    for (Py_ssize_t i = 0; i < n;) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (!enc_bad(e, ch)) {
            if (e->put(&b, ch, e->byteorder) < 0) {
                goto error;
            }
            i++;
            continue;
        }
        /* The byte codecs report a whole run of bad characters, UTF-16/32 one at a time. */
        Py_ssize_t j = i + 1;
        while (j < n && e->put != put_utf16 && e->put != put_utf32 &&
               enc_bad(e, PyUnicode_READ(kind, data, j))) {
            j++;
        }
        if (enc_error(e, &b, s, i, j, handler, errors, &i) < 0) {
            goto error;
        }
    }
    return bb_finish(&b);
error:
    PyMem_Free(b.buf);
    return NULL;
}

static int
check_str(PyObject *s)
{
    if (s == NULL || !PyUnicode_Check(s)) {
        PyErr_BadArgument();
        return -1;
    }
    return 0;
}

PyObject *
pyrs_unicode_encode_utf8(PyObject *s, const char *errors)
{
    static const Encoder e = {"utf-8", 0x110000, 1, "surrogates not allowed", put_utf8, 0};
    if (PyUnicode_IS_ASCII(s)) {
        return PyBytes_FromStringAndSize(PyUnicode_DATA(s), PyUnicode_GET_LENGTH(s));
    }
    return encode_with(&e, s, errors, NULL, 0);
}

PyObject *
_PyUnicode_AsUTF8String(PyObject *unicode, const char *errors)
{
    return check_str(unicode) < 0 ? NULL : pyrs_unicode_encode_utf8(unicode, errors);
}

PyObject *
PyUnicode_AsUTF8String(PyObject *unicode)
{
    return _PyUnicode_AsUTF8String(unicode, NULL);
}

PyObject *
_PyUnicode_AsLatin1String(PyObject *unicode, const char *errors)
{
    static const Encoder e = {"latin-1", 0x100, 0, "ordinal not in range(256)", put_byte, 0};
    return check_str(unicode) < 0 ? NULL : encode_with(&e, unicode, errors, NULL, 0);
}

PyObject *
PyUnicode_AsLatin1String(PyObject *unicode)
{
    return _PyUnicode_AsLatin1String(unicode, NULL);
}

PyObject *
_PyUnicode_AsASCIIString(PyObject *unicode, const char *errors)
{
    static const Encoder e = {"ascii", 0x80, 0, "ordinal not in range(128)", put_byte, 0};
    return check_str(unicode) < 0 ? NULL : encode_with(&e, unicode, errors, NULL, 0);
}

PyObject *
PyUnicode_AsASCIIString(PyObject *unicode)
{
    return _PyUnicode_AsASCIIString(unicode, NULL);
}

/* UTF-16: BYTEORDER 0 writes a BOM and native (little) order, -1 LE, 1 BE. */
PyObject *
_PyUnicode_EncodeUTF16(PyObject *unicode, const char *errors, int byteorder)
{
    Encoder e = {byteorder == 0  ? "utf-16"
                 : byteorder < 0 ? "utf-16-le"
                                 : "utf-16-be",
                 0x110000,
                 1,
                 "surrogates not allowed",
                 put_utf16,
                 byteorder > 0 ? 1 : -1};
    if (check_str(unicode) < 0) {
        return NULL;
    }
    return encode_with(&e, unicode, errors, "\xff\xfe", byteorder == 0 ? 2 : 0);
}

PyObject *
PyUnicode_AsUTF16String(PyObject *unicode)
{
    return _PyUnicode_EncodeUTF16(unicode, NULL, 0);
}

PyObject *
_PyUnicode_EncodeUTF32(PyObject *unicode, const char *errors, int byteorder)
{
    Encoder e = {byteorder == 0  ? "utf-32"
                 : byteorder < 0 ? "utf-32-le"
                                 : "utf-32-be",
                 0x110000,
                 1,
                 "surrogates not allowed",
                 put_utf32,
                 byteorder > 0 ? 1 : -1};
    if (check_str(unicode) < 0) {
        return NULL;
    }
    return encode_with(&e, unicode, errors, "\xff\xfe\x00\x00", byteorder == 0 ? 4 : 0);
}

PyObject *
PyUnicode_AsUTF32String(PyObject *unicode)
{
    return _PyUnicode_EncodeUTF32(unicode, NULL, 0);
}

/* unicode_escape (RAW 0) and raw_unicode_escape (RAW 1) encoders. */
static PyObject *
encode_escape(PyObject *s, int raw)
{
    ByteBuf b = {NULL, 0, 0};
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(s, i);
        char buf[16];
        int r;
        if (raw ? ch < 0x100 : (ch >= 0x20 && ch < 0x7f && ch != '\\')) {
            r = bb_byte(&b, (unsigned char)ch);
        } else if (!raw && (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r')) {
            const char *esc = ch == '\\' ? "\\\\" : ch == '\t' ? "\\t" : ch == '\n' ? "\\n" : "\\r";
            r = bb_put(&b, esc, 2);
        } else {
            if (ch < 0x100) {
                snprintf(buf, sizeof buf, "\\x%02x", (unsigned)ch);
            } else if (ch < 0x10000) {
                snprintf(buf, sizeof buf, "\\u%04x", (unsigned)ch);
            } else {
                snprintf(buf, sizeof buf, "\\U%08x", (unsigned)ch);
            }
            r = bb_put(&b, buf, (Py_ssize_t)strlen(buf));
        }
        if (r < 0) {
            PyMem_Free(b.buf);
            return NULL;
        }
    }
    return bb_finish(&b);
}

PyObject *
PyUnicode_AsUnicodeEscapeString(PyObject *unicode)
{
    return check_str(unicode) < 0 ? NULL : encode_escape(unicode, 0);
}

PyObject *
PyUnicode_AsRawUnicodeEscapeString(PyObject *unicode)
{
    return check_str(unicode) < 0 ? NULL : encode_escape(unicode, 1);
}

/* ---- decoding --------------------------------------------------------------------------- */

typedef struct {
    const char *name;          /* codec name in messages */
    const char *errors;        /* handler name, for ERR_CUSTOM */
    const unsigned char *s;    /* input */
    Py_ssize_t len;            /* input length */
    int handler;               /* ERR_* */
    PyrsUniWriter w;           /* output */
    Py_ssize_t resume;         /* where decoding continues after the last dec_error */
    const char *first_invalid; /* unicode_escape: first unrecognised escape, or NULL */
} Decoder;

/* Calls the registered handler for bad input bytes [start, end) and appends its str. */
static int
dec_custom(Decoder *d, Py_ssize_t start, Py_ssize_t end, const char *reason)
{
    PyObject *repl;
    PyObject *exc =
        PyUnicodeDecodeError_Create(d->name, (const char *)d->s, d->len, start, end, reason);
    if (call_custom_handler(d->errors, exc, 0, d->len, &repl, &d->resume) < 0) {
        return -1;
    }
    int r = pyrs_uniwriter_str(&d->w, repl);
    Py_DECREF(repl);
    return r < 0 ? -1 : pyrs_uniwriter_reserve(&d->w, d->len - d->resume);
}

/* Applies the handler to bad input bytes [start, end); 0, or -1 with the exception set.
 * surrogatepass is handled by each codec before calling this. */
static int
dec_error(Decoder *d, Py_ssize_t start, Py_ssize_t end, const char *reason)
{
    d->resume = end;
    switch (d->handler) {
    case ERR_IGNORE:
        return 0;
    case ERR_REPLACE:
        return pyrs_uniwriter_putc(&d->w, 0xfffd);
    case ERR_BACKSLASHREPLACE:
        for (Py_ssize_t i = start; i < end; i++) {
            if (put_backslash_escape(&d->w, d->s[i]) < 0) {
                return -1;
            }
        }
        return 0;
    case ERR_SURROGATEESCAPE: {
        /* Escapes the leading bytes >= 128 (at most 4, as CPython) and resumes after them. */
        Py_ssize_t i = start;
        while (i < end && i < start + 4 && d->s[i] >= 128) {
            if (pyrs_uniwriter_putc(&d->w, 0xdc00 + d->s[i]) < 0) {
                return -1;
            }
            i++;
        }
        if (i == start) {
            raise_decode_error(d->name, (const char *)d->s, d->len, start, end, reason);
            return -1;
        }
        d->resume = i;
        return 0;
    }
    case ERR_XMLCHARREFREPLACE:
    case ERR_NAMEREPLACE:
        PyErr_Format(PyExc_TypeError, "don't know how to handle UnicodeDecodeError in error "
                                      "callback");
        return -1;
    case ERR_CUSTOM:
        return dec_custom(d, start, end, reason);
    default:
        raise_decode_error(d->name, (const char *)d->s, d->len, start, end, reason);
        return -1;
    }
}

/* dec_error, then *PI = where decoding resumes. */
static int
dec_error_at(Decoder *d, Py_ssize_t start, Py_ssize_t end, const char *reason, Py_ssize_t *pi)
{
    int r = dec_error(d, start, end, reason);
    *pi = d->resume;
    return r;
}

static int
dec_init(Decoder *d, const char *name, const char *s, Py_ssize_t len, const char *errors)
{
    d->name = name;
    d->s = (const unsigned char *)s;
    d->len = len;
    d->errors = errors;
    d->handler = error_handler(errors);
    d->first_invalid = NULL;
    pyrs_uniwriter_init(&d->w);
    return pyrs_uniwriter_reserve(&d->w, len);
}

static PyObject *
dec_finish(Decoder *d, int failed)
{
    if (failed) {
        pyrs_uniwriter_dealloc(&d->w);
        return NULL;
    }
    return pyrs_uniwriter_finish(&d->w);
}

/* Length of a valid UTF-8 sequence starting at S[i] (1..4), or 0 with *BAD set to the number
 * of bytes belonging to the invalid sequence and *REASON. *BAD < 0 means truncated input. */
static int
utf8_seq(const unsigned char *s, Py_ssize_t i, Py_ssize_t len, Py_ssize_t *bad, const char **reason)
{
    unsigned char c = s[i];
    int need;
    unsigned char lo = 0x80, hi = 0xbf;
    if (c < 0x80) {
        return 1;
    } else if (c < 0xc2) {
        *bad = 1;
        *reason = "invalid start byte";
        return 0;
    } else if (c < 0xe0) {
        need = 1;
    } else if (c < 0xf0) {
        need = 2;
        lo = c == 0xe0 ? 0xa0 : 0x80;
        hi = c == 0xed ? 0x9f : 0xbf;
    } else if (c < 0xf5) {
        need = 3;
        lo = c == 0xf0 ? 0x90 : 0x80;
        hi = c == 0xf4 ? 0x8f : 0xbf;
    } else {
        *bad = 1;
        *reason = "invalid start byte";
        return 0;
    }
    for (int k = 1; k <= need; k++) {
        if (i + k >= len) {
            *bad = -(len - i);
            *reason = "unexpected end of data";
            return 0;
        }
        unsigned char cc = s[i + k];
        if (cc < (k == 1 ? lo : 0x80) || cc > (k == 1 ? hi : 0xbf)) {
            *bad = k;
            *reason = "invalid continuation byte";
            return 0;
        }
    }
    return need + 1;
}

static Py_UCS4
utf8_char(const unsigned char *s, int n)
{
    switch (n) {
    case 1:
        return s[0];
    case 2:
        return ((Py_UCS4)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
    case 3:
        return ((Py_UCS4)(s[0] & 0x0f) << 12) | ((Py_UCS4)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
    default:
        return ((Py_UCS4)(s[0] & 0x07) << 18) | ((Py_UCS4)(s[1] & 0x3f) << 12) |
               ((Py_UCS4)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
    }
}

/* An encoded surrogate ED A0..BF 80..BF at S[i] (for surrogatepass). */
static int
utf8_surrogate_at(const unsigned char *s, Py_ssize_t i, Py_ssize_t len)
{
    return i + 2 < len && s[i] == 0xed && s[i + 1] >= 0xa0 && s[i + 1] <= 0xbf &&
           s[i + 2] >= 0x80 && s[i + 2] <= 0xbf;
}

PyObject *
pyrs_unicode_decode_utf8(const char *str, Py_ssize_t n, const char *errors, Py_ssize_t *consumed)
{
    Decoder d;
    const unsigned char *s = (const unsigned char *)str;
    Py_ssize_t i = 0;
    while (i < n && s[i] < 0x80) {
        i++;
    }
    if (i == n) {
        if (consumed) {
            *consumed = n;
        }
        return _PyUnicode_FromASCII(str, n);
    }
    if (dec_init(&d, "utf-8", str, n, errors) < 0) {
        return dec_finish(&d, 1);
    }
    for (i = 0; i < n;) {
        Py_ssize_t bad = 0;
        const char *reason = NULL;
        int k = utf8_seq(s, i, n, &bad, &reason);
        if (k > 0) {
            d.w.buf[d.w.len++] = utf8_char(s + i, k);
            if (d.w.buf[d.w.len - 1] > d.w.maxchar) {
                d.w.maxchar = d.w.buf[d.w.len - 1];
            }
            i += k;
            continue;
        }
        if (bad < 0 && consumed) {
            break;
        }
        if (d.handler == ERR_SURROGATEPASS && utf8_surrogate_at(s, i, n)) {
            if (pyrs_uniwriter_putc(&d.w, utf8_char(s + i, 3)) < 0) {
                return dec_finish(&d, 1);
            }
            i += 3;
            continue;
        }
        Py_ssize_t end = bad < 0 ? n : i + bad;
        if (dec_error(&d, i, end, reason) < 0) {
            return dec_finish(&d, 1);
        }
        i = d.resume;
        if (pyrs_uniwriter_reserve(&d.w, n - i) < 0) {
            return dec_finish(&d, 1);
        }
    }
    if (consumed) {
        *consumed = i;
    }
    return dec_finish(&d, 0);
}

PyObject *
PyUnicode_DecodeUTF8Stateful(const char *s, Py_ssize_t size, const char *errors,
                             Py_ssize_t *consumed)
{
    return pyrs_unicode_decode_utf8(s, size, errors, consumed);
}

PyObject *
PyUnicode_DecodeUTF8(const char *s, Py_ssize_t size, const char *errors)
{
    return pyrs_unicode_decode_utf8(s, size, errors, NULL);
}

PyObject *
PyUnicode_DecodeLatin1(const char *s, Py_ssize_t size, const char *Py_UNUSED(errors))
{
    return pyrs_unicode_from_ucs1((const Py_UCS1 *)s, size);
}

PyObject *
PyUnicode_DecodeASCII(const char *s, Py_ssize_t size, const char *errors)
{
    Decoder d;
    if (dec_init(&d, "ascii", s, size, errors) < 0) {
        return dec_finish(&d, 1);
    }
    for (Py_ssize_t i = 0; i < size;) {
        unsigned char c = d.s[i];
        d.resume = i + 1;
        int r = c < 128 ? pyrs_uniwriter_putc(&d.w, c)
                        : dec_error(&d, i, i + 1, "ordinal not in range(128)");
        if (r < 0) {
            return dec_finish(&d, 1);
        }
        i = d.resume;
    }
    return dec_finish(&d, 0);
}

/* UTF-16 and UTF-32. *BYTEORDER: 0 detect a BOM (default little), -1 LE, 1 BE; updated. */
static PyObject *
decode_utf16(const char *s, Py_ssize_t size, const char *errors, int *byteorder,
             Py_ssize_t *consumed)
{
    Decoder d;
    int bo = byteorder ? *byteorder : 0;
    const char *name = bo == 0 ? "utf-16" : bo < 0 ? "utf-16-le" : "utf-16-be";
    if (dec_init(&d, name, s, size, errors) < 0) {
        return dec_finish(&d, 1);
    }
    Py_ssize_t i = 0;
    if (bo == 0 && size >= 2) {
        if (d.s[0] == 0xff && d.s[1] == 0xfe) {
            bo = -1;
            i = 2;
        } else if (d.s[0] == 0xfe && d.s[1] == 0xff) {
            bo = 1;
            i = 2;
        }
    }
    int little = bo <= 0;
    d.name = little ? "utf-16-le" : "utf-16-be";
    for (; i < size;) {
        if (size - i < 2) {
            if (consumed) {
                break;
            }
            if (dec_error(&d, i, size, "truncated data") < 0) {
                return dec_finish(&d, 1);
            }
            i = d.resume;
            continue;
        }
        Py_UCS4 u =
            little ? (Py_UCS4)(d.s[i] | (d.s[i + 1] << 8)) : (Py_UCS4)((d.s[i] << 8) | d.s[i + 1]);
        int r;
        if (!Py_UNICODE_IS_SURROGATE(u)) {
            r = pyrs_uniwriter_putc(&d.w, u);
            i += 2;
        } else if (Py_UNICODE_IS_HIGH_SURROGATE(u) && size - i >= 4) {
            Py_UCS4 u2 = little ? (Py_UCS4)(d.s[i + 2] | (d.s[i + 3] << 8))
                                : (Py_UCS4)((d.s[i + 2] << 8) | d.s[i + 3]);
            if (Py_UNICODE_IS_LOW_SURROGATE(u2)) {
                r = pyrs_uniwriter_putc(&d.w, Py_UNICODE_JOIN_SURROGATES(u, u2));
                i += 4;
            } else if (d.handler == ERR_SURROGATEPASS) {
                r = pyrs_uniwriter_putc(&d.w, u);
                i += 2;
            } else {
                r = dec_error(&d, i, i + 2, "illegal UTF-16 surrogate");
                i = d.resume;
            }
        } else if (Py_UNICODE_IS_HIGH_SURROGATE(u) && consumed) {
            break;
        } else if (d.handler == ERR_SURROGATEPASS) {
            r = pyrs_uniwriter_putc(&d.w, u);
            i += 2;
        } else if (Py_UNICODE_IS_HIGH_SURROGATE(u)) {
            r = dec_error(&d, i, size, "unexpected end of data");
            i = d.resume;
        } else {
            r = dec_error(&d, i, i + 2, "illegal encoding");
            i = d.resume;
        }
        if (r < 0) {
            return dec_finish(&d, 1);
        }
    }
    if (consumed) {
        *consumed = i;
    }
    if (byteorder) {
        *byteorder = bo;
    }
    return dec_finish(&d, 0);
}

PyObject *
PyUnicode_DecodeUTF16Stateful(const char *s, Py_ssize_t size, const char *errors, int *byteorder,
                              Py_ssize_t *consumed)
{
    return decode_utf16(s, size, errors, byteorder, consumed);
}

PyObject *
PyUnicode_DecodeUTF16(const char *s, Py_ssize_t size, const char *errors, int *byteorder)
{
    return decode_utf16(s, size, errors, byteorder, NULL);
}

static PyObject *
decode_utf32(const char *s, Py_ssize_t size, const char *errors, int *byteorder,
             Py_ssize_t *consumed)
{
    Decoder d;
    int bo = byteorder ? *byteorder : 0;
    const char *name = bo == 0 ? "utf-32" : bo < 0 ? "utf-32-le" : "utf-32-be";
    if (dec_init(&d, name, s, size, errors) < 0) {
        return dec_finish(&d, 1);
    }
    Py_ssize_t i = 0;
    if (bo == 0 && size >= 4) {
        if (memcmp(s, "\xff\xfe\x00\x00", 4) == 0) {
            bo = -1;
            i = 4;
        } else if (memcmp(s, "\x00\x00\xfe\xff", 4) == 0) {
            bo = 1;
            i = 4;
        }
    }
    d.name = bo <= 0 ? "utf-32-le" : "utf-32-be";
    for (; i < size;) {
        if (size - i < 4) {
            if (consumed) {
                break;
            }
            if (dec_error(&d, i, size, "truncated data") < 0) {
                return dec_finish(&d, 1);
            }
            i = d.resume;
            continue;
        }
        Py_UCS4 u = 0;
        for (int k = 0; k < 4; k++) {
            u |= (Py_UCS4)d.s[i + k] << (8 * (bo <= 0 ? k : 3 - k));
        }
        int r;
        d.resume = i + 4;
        if (u > 0x10ffff) {
            r = dec_error(&d, i, i + 4, "code point not in range(0x110000)");
        } else if (Py_UNICODE_IS_SURROGATE(u) && d.handler != ERR_SURROGATEPASS) {
            r = dec_error(&d, i, i + 4, "code point in surrogate code point range(0xd800, 0xe000)");
        } else {
            r = pyrs_uniwriter_putc(&d.w, u);
        }
        if (r < 0) {
            return dec_finish(&d, 1);
        }
        i = d.resume;
    }
    if (consumed) {
        *consumed = i;
    }
    if (byteorder) {
        *byteorder = bo;
    }
    return dec_finish(&d, 0);
}

PyObject *
PyUnicode_DecodeUTF32Stateful(const char *s, Py_ssize_t size, const char *errors, int *byteorder,
                              Py_ssize_t *consumed)
{
    return decode_utf32(s, size, errors, byteorder, consumed);
}

PyObject *
PyUnicode_DecodeUTF32(const char *s, Py_ssize_t size, const char *errors, int *byteorder)
{
    return decode_utf32(s, size, errors, byteorder, NULL);
}

static int
hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* \x, \u, \U escapes: DIGITS hex digits at S[*pi]; 0, or -1 after the error handler. */
static int
dec_hex_escape(Decoder *d, Py_ssize_t start, Py_ssize_t *pi, int digits, const char *reason)
{
    Py_ssize_t i = *pi;
    Py_UCS4 ch = 0;
    int k;
    for (k = 0; k < digits && i + k < d->len; k++) {
        int v = hexval(d->s[i + k]);
        if (v < 0) {
            break;
        }
        ch = ch * 16 + (Py_UCS4)v;
    }
    if (k < digits) {
        return dec_error_at(d, start, i + k, reason, pi);
    }
    *pi = i + digits;
    if (ch > 0x10ffff) {
        return dec_error_at(d, start, i + digits, "illegal Unicode character", pi);
    }
    return pyrs_uniwriter_putc(&d->w, ch);
}

static int
dec_named_escape(Decoder *d, Py_ssize_t start, Py_ssize_t *pi)
{
    Py_ssize_t i = *pi;
    if (i < d->len && d->s[i] == '{') {
        Py_ssize_t j = i + 1;
        while (j < d->len && d->s[j] != '}') {
            j++;
        }
        if (j < d->len && j > i + 1) {
            uint32_t ch;
            *pi = j + 1;
            if (pyrs_unidata_lookup((const char *)d->s + i + 1, (size_t)(j - i - 1), &ch)) {
                return pyrs_uniwriter_putc(&d->w, ch);
            }
            return dec_error_at(d, start, j + 1, "unknown Unicode character name", pi);
        }
    }
    return dec_error_at(d, start, d->len, "malformed \\N character escape", pi);
}

static int
dec_escape_one(Decoder *d, Py_ssize_t *pi)
{
    Py_ssize_t start = *pi, i = start + 1;
    if (i >= d->len) {
        return dec_error_at(d, start, d->len, "\\ at end of string", pi);
    }
    unsigned char c = d->s[i++];
    *pi = i;
    static const char simple_from[] = "\n\\'\"abfnrtv";
    static const char simple_to[] = "\0\\'\"\a\b\f\n\r\t\v";
    const char *p = memchr(simple_from, c, sizeof simple_from - 1);
    if (p != NULL) {
        Py_UCS4 ch = (Py_UCS1)simple_to[p - simple_from];
        return c == '\n' ? 0 : pyrs_uniwriter_putc(&d->w, ch);
    }
    if (c >= '0' && c <= '7') {
        Py_UCS4 ch = c - '0';
        for (int k = 0; k < 2 && i < d->len && d->s[i] >= '0' && d->s[i] <= '7'; k++) {
            ch = ch * 8 + (d->s[i++] - '0');
        }
        *pi = i;
        return pyrs_uniwriter_putc(&d->w, ch);
    }
    switch (c) {
    case 'x':
        return dec_hex_escape(d, start, pi, 2, "truncated \\xXX escape");
    case 'u':
        return dec_hex_escape(d, start, pi, 4, "truncated \\uXXXX escape");
    case 'U':
        return dec_hex_escape(d, start, pi, 8, "truncated \\UXXXXXXXX escape");
    case 'N':
        return dec_named_escape(d, start, pi);
    default:
        if (d->first_invalid == NULL) {
            d->first_invalid = (const char *)d->s + start + 1;
        }
        return pyrs_uniwriter_putc(&d->w, '\\') < 0 ? -1 : pyrs_uniwriter_putc(&d->w, c);
    }
}

/* unicode_escape decoding that also reports, through *FIRST_INVALID_ESCAPE (may be NULL), a
 * pointer to the character after the first unrecognised backslash (NULL when none), for the
 * compiler's "invalid escape sequence" warning. CONSUMED (may be NULL) gets SIZE. */
PyObject *
_PyUnicode_DecodeUnicodeEscapeInternal(const char *s, Py_ssize_t size, const char *errors,
                                       Py_ssize_t *consumed, const char **first_invalid_escape)
{
    Decoder d;
    if (first_invalid_escape != NULL) {
        *first_invalid_escape = NULL;
    }
    if (dec_init(&d, "unicodeescape", s, size, errors) < 0) {
        return dec_finish(&d, 1);
    }
    for (Py_ssize_t i = 0; i < size;) {
        int r = d.s[i] != '\\' ? pyrs_uniwriter_putc(&d.w, d.s[i++]) : dec_escape_one(&d, &i);
        if (r < 0) {
            return dec_finish(&d, 1);
        }
    }
    if (consumed != NULL) {
        *consumed = size;
    }
    if (first_invalid_escape != NULL) {
        *first_invalid_escape = d.first_invalid;
    }
    return dec_finish(&d, 0);
}

PyObject *
PyUnicode_DecodeUnicodeEscape(const char *s, Py_ssize_t size, const char *errors)
{
    return _PyUnicode_DecodeUnicodeEscapeInternal(s, size, errors, NULL, NULL);
}

PyObject *
PyUnicode_DecodeRawUnicodeEscape(const char *s, Py_ssize_t size, const char *errors)
{
    Decoder d;
    if (dec_init(&d, "rawunicodeescape", s, size, errors) < 0) {
        return dec_finish(&d, 1);
    }
    for (Py_ssize_t i = 0; i < size;) {
        int r;
        if (d.s[i] == '\\' && i + 1 < size && (d.s[i + 1] == 'u' || d.s[i + 1] == 'U')) {
            /* Only an odd run of backslashes escapes. */
            Py_ssize_t bs = 0;
            for (Py_ssize_t k = i; k >= 0 && d.s[k] == '\\'; k--) {
                bs++;
            }
            if (bs % 2 == 1) {
                Py_ssize_t j = i + 2;
                int digits = d.s[i + 1] == 'u' ? 4 : 8;
                r = dec_hex_escape(&d, i, &j, digits,
                                   digits == 4 ? "truncated \\uXXXX escape"
                                               : "truncated \\UXXXXXXXX escape");
                if (r == 0 && d.w.len > 0 && digits == 8 && d.w.buf[d.w.len - 1] > 0x10ffff) {
                    r = -1;
                }
                i = j;
                if (r < 0) {
                    return dec_finish(&d, 1);
                }
                continue;
            }
        }
        r = pyrs_uniwriter_putc(&d.w, d.s[i++]);
        if (r < 0) {
            return dec_finish(&d, 1);
        }
    }
    return dec_finish(&d, 0);
}

/* ---- charmap ---------------------------------------------------------------------------- */

/* The mapping of byte B: its str/int target (new reference), Py_None for undefined, or NULL
 * with an exception. A str MAPPING is indexed directly (U+FFFE means undefined). */
static PyObject *
charmap_lookup(PyObject *mapping, unsigned char b)
{
    if (PyUnicode_Check(mapping)) {
        if (b >= PyUnicode_GET_LENGTH(mapping) || PyUnicode_READ_CHAR(mapping, b) == 0xfffe) {
            return Py_NewRef(Py_None);
        }
        return PyUnicode_Substring(mapping, b, b + 1);
    }
    PyObject *key = PyLong_FromLong(b);
    PyObject *v = key ? PyObject_GetItem(mapping, key) : NULL;
    Py_XDECREF(key);
    if (v == NULL && PyErr_ExceptionMatches(PyExc_LookupError)) {
        PyErr_Clear();
        return Py_NewRef(Py_None);
    }
    return v;
}

/* Decodes SIZE bytes through MAPPING (a 256-char str, or a mapping of ints to str/int/None);
 * MAPPING NULL means latin-1. */
PyObject *
PyUnicode_DecodeCharmap(const char *s, Py_ssize_t size, PyObject *mapping, const char *errors)
{
    Decoder d;
    if (mapping == NULL) {
        return PyUnicode_DecodeLatin1(s, size, errors);
    }
    if (dec_init(&d, "charmap", s, size, errors) < 0) {
        return dec_finish(&d, 1);
    }
    for (Py_ssize_t i = 0; i < size;) {
        PyObject *v = charmap_lookup(mapping, d.s[i]);
        int r;
        if (v == NULL) {
            return dec_finish(&d, 1);
        }
        if (v == Py_None || (PyUnicode_Check(v) && PyUnicode_GET_LENGTH(v) == 1 &&
                             PyUnicode_READ_CHAR(v, 0) == 0xfffe)) {
            r = dec_error(&d, i, i + 1, "character maps to <undefined>");
            i = r < 0 ? i : d.resume;
        } else if (PyLong_Check(v)) {
            long ch = PyLong_AsLong(v);
            if (ch < 0 || ch > 0x10ffff) {
                if (!PyErr_Occurred()) {
                    PyErr_SetString(PyExc_TypeError,
                                    "character mapping must be in range(0x110000)");
                }
                r = -1;
            } else {
                r = pyrs_uniwriter_putc(&d.w, (Py_UCS4)ch);
            }
            i++;
        } else if (PyUnicode_Check(v)) {
            r = pyrs_uniwriter_str(&d.w, v);
            i++;
        } else {
            PyErr_SetString(PyExc_TypeError, "character mapping must return integer, None or str");
            r = -1;
        }
        Py_DECREF(v);
        if (r < 0) {
            return dec_finish(&d, 1);
        }
    }
    return dec_finish(&d, 0);
}

/* The encoding map for the 256-character decoding table STRING: a dict from code point to
 * byte value (pyrs's stand-in for CPython's EncodingMap object; the charmap encoder accepts
 * any mapping). */
PyObject *
PyUnicode_BuildEncodingMap(PyObject *string)
{
    if (!PyUnicode_Check(string) || PyUnicode_GET_LENGTH(string) != 256) {
        PyErr_BadArgument();
        return NULL;
    }
    PyObject *d = PyDict_New();
    for (int i = 0; d && i < 256; i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(string, i);
        if (ch == 0xfffe) {
            continue;
        }
        PyObject *k = PyLong_FromLong((long)ch), *v = PyLong_FromLong(i);
        if (k == NULL || v == NULL || PyDict_SetItem(d, k, v) < 0) {
            Py_CLEAR(d);
        }
        Py_XDECREF(k);
        Py_XDECREF(v);
    }
    return d;
}

/* Bytes for CH through MAPPING: 1 written, 0 undefined, -1 error. */
static int
charmap_encode_one(ByteBuf *b, PyObject *mapping, Py_UCS4 ch)
{
    PyObject *key = PyLong_FromLong((long)ch);
    PyObject *v = key ? PyObject_GetItem(mapping, key) : NULL;
    Py_XDECREF(key);
    if (v == NULL) {
        if (PyErr_ExceptionMatches(PyExc_LookupError)) {
            PyErr_Clear();
            return 0;
        }
        return -1;
    }
    int r = 1;
    if (v == Py_None) {
        r = 0;
    } else if (PyLong_Check(v)) {
        long x = PyLong_AsLong(v);
        if (x < 0 || x > 255) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_TypeError, "character mapping must be in range(256)");
            }
            r = -1;
        } else if (bb_byte(b, (unsigned char)x) < 0) {
            r = -1;
        }
    } else if (PyBytes_Check(v)) {
        r = bb_put(b, PyBytes_AS_STRING(v), PyBytes_GET_SIZE(v)) < 0 ? -1 : 1;
    } else {
        PyErr_SetString(PyExc_TypeError, "character mapping must return integer, bytes or None, "
                                         "not str");
        r = -1;
    }
    Py_DECREF(v);
    return r;
}

/* 1 if CH has a mapping, 0 if not, -1 on error (the probe's bytes are discarded). */
static int
charmap_probe(PyObject *mapping, Py_UCS4 ch)
{
    ByteBuf scratch = {NULL, 0, 0};
    int r = charmap_encode_one(&scratch, mapping, ch);
    PyMem_Free(scratch.buf);
    return r;
}

/* Writes REPL (bytes as they are, str through the map) for the unmappable run
 * UNICODE[start:end); an unmappable replacement character raises the run's error. */
static int
charmap_put_replacement(ByteBuf *b, PyObject *mapping, PyObject *unicode, Py_ssize_t start,
                        Py_ssize_t end, PyObject *repl)
{
    if (PyBytes_Check(repl)) {
        return bb_put(b, PyBytes_AS_STRING(repl), PyBytes_GET_SIZE(repl));
    }
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(repl); k++) {
        int e = charmap_encode_one(b, mapping, PyUnicode_READ_CHAR(repl, k));
        if (e <= 0) {
            if (e == 0) {
                raise_encode_error("charmap", unicode, start, end, "character maps to <undefined>");
            }
            return -1;
        }
    }
    return 0;
}

/* The text the built-in replacing handlers produce for the run UNICODE[start:end). */
static PyObject *
charmap_builtin_replacement(PyObject *unicode, Py_ssize_t start, Py_ssize_t end, int handler)
{
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(unicode, i);
        char buf[300];
        int r;
        if (handler == ERR_REPLACE) {
            r = pyrs_uniwriter_putc(&w, '?');
        } else if (handler == ERR_BACKSLASHREPLACE ||
                   (handler == ERR_NAMEREPLACE && !pyrs_unidata_name(ch, buf + 3, 256))) {
            r = put_backslash_escape(&w, ch);
        } else if (handler == ERR_NAMEREPLACE) {
            r = pyrs_uniwriter_ascii(&w, "\\N{", 3) < 0 ||
                        pyrs_uniwriter_ascii(&w, buf + 3, (Py_ssize_t)strlen(buf + 3)) < 0
                    ? -1
                    : pyrs_uniwriter_putc(&w, '}');
        } else {
            snprintf(buf, sizeof buf, "&#%u;", (unsigned)ch);
            r = pyrs_uniwriter_ascii(&w, buf, (Py_ssize_t)strlen(buf));
        }
        if (r < 0) {
            pyrs_uniwriter_dealloc(&w);
            return NULL;
        }
    }
    return pyrs_uniwriter_finish(&w);
}

/* Handles the unmappable run UNICODE[start:end) with HANDLER (ERRORS names it); *NEXT gets the
 * resume position. Handlers without a fast path (surrogateescape, surrogatepass, registered
 * ones) are called through the registry with the run's UnicodeEncodeError. 0 or -1. */
static int
charmap_error(ByteBuf *b, PyObject *mapping, PyObject *unicode, Py_ssize_t start, Py_ssize_t end,
              int handler, const char *errors, Py_ssize_t *next)
{
    const char *reason = "character maps to <undefined>";
    PyObject *repl;
    *next = end;
    switch (handler) {
    case ERR_STRICT:
        raise_encode_error("charmap", unicode, start, end, reason);
        return -1;
    case ERR_IGNORE:
        return 0;
    case ERR_REPLACE:
    case ERR_BACKSLASHREPLACE:
    case ERR_XMLCHARREFREPLACE:
    case ERR_NAMEREPLACE:
        repl = charmap_builtin_replacement(unicode, start, end, handler);
        break;
    default: {
        PyObject *exc = new_encode_error("charmap", unicode, start, end, reason);
        if (call_custom_handler(errors != NULL ? errors : "strict", exc, 1,
                                PyUnicode_GET_LENGTH(unicode), &repl, next) < 0) {
            return -1;
        }
        break;
    }
    }
    if (repl == NULL) {
        return -1;
    }
    int r = charmap_put_replacement(b, mapping, unicode, start, end, repl);
    Py_DECREF(repl);
    return r;
}

/* Encodes UNICODE through MAPPING (NULL means latin-1). Unmappable characters are handled a
 * run at a time, as CPython reports them. */
PyObject *
_PyUnicode_EncodeCharmap(PyObject *unicode, PyObject *mapping, const char *errors)
{
    if (mapping == NULL) {
        return _PyUnicode_AsLatin1String(unicode, errors);
    }
    int handler = error_handler(errors);
    ByteBuf b = {NULL, 0, 0};
    Py_ssize_t n = PyUnicode_GET_LENGTH(unicode);
    for (Py_ssize_t i = 0; i < n;) {
        int r = charmap_encode_one(&b, mapping, PyUnicode_READ_CHAR(unicode, i));
        if (r < 0) {
            goto error;
        }
        if (r == 1) {
            i++;
            continue;
        }
        Py_ssize_t j = i + 1;
        while (j < n && (r = charmap_probe(mapping, PyUnicode_READ_CHAR(unicode, j))) == 0) {
            j++;
        }
        if (r < 0 || charmap_error(&b, mapping, unicode, i, j, handler, errors, &i) < 0) {
            goto error;
        }
    }
    return bb_finish(&b);
error:
    PyMem_Free(b.buf);
    return NULL;
}

PyObject *
PyUnicode_AsCharmapString(PyObject *unicode, PyObject *mapping)
{
    if (check_str(unicode) < 0) {
        return NULL;
    }
    return _PyUnicode_EncodeCharmap(unicode, mapping, NULL);
}

/* ---- UTF-7 (RFC 2152, as CPython 3.11) ----------------------------------------------------- */

/* 0: set D, always direct; 1: set O (direct unless asked otherwise); 2: whitespace (likewise);
 * 3: must be base64-encoded. */
static int
utf7_category(Py_UCS4 c)
{
    if (c >= 128 || c == 0) {
        return 3;
    }
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        strchr("'(),-./:?", (int)c) != NULL) {
        return 0;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        return 2;
    }
    if (strchr("!\"#$%&*;<=>@[]^_`{|}", (int)c) != NULL) {
        return 1;
    }
    return 3;
}

static int
utf7_is_base64(Py_UCS4 c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

static int
utf7_from_base64(Py_UCS4 c)
{
    return c >= 'A' && c <= 'Z'   ? (int)(c - 'A')
           : c >= 'a' && c <= 'z' ? (int)(c - 'a' + 26)
           : c >= '0' && c <= '9' ? (int)(c - '0' + 52)
           : c == '+'             ? 62
                                  : 63;
}

static const char utf7_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Appends the complete sextets of the bit buffer. */
static int
utf7_flush_bits(ByteBuf *b, unsigned long *buffer, int *bits)
{
    while (*bits >= 6) {
        *bits -= 6;
        if (bb_byte(b, (unsigned char)utf7_b64[(*buffer >> *bits) & 0x3f]) < 0) {
            return -1;
        }
    }
    *buffer &= (1ul << *bits) - 1;
    return 0;
}

/* UTF-7 never fails on str input (lone surrogates included); ERRORS is unused. BASE64SETO and
 * BASE64WHITESPACE ask for set O and whitespace to be base64-encoded too. */
PyObject *
_PyUnicode_EncodeUTF7(PyObject *str, int base64SetO, int base64WhiteSpace,
                      const char *Py_UNUSED(errors))
{
    ByteBuf b = {NULL, 0, 0};
    int in_shift = 0, bits = 0;
    unsigned long buffer = 0;
    if (check_str(str) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(str);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(str, i);
        int cat = utf7_category(ch);
        int direct = cat == 0 || (cat == 1 && !base64SetO) || (cat == 2 && !base64WhiteSpace);
        int r = 0;
        if (direct || (!in_shift && ch == '+')) {
            if (in_shift) {
                if (bits > 0) {
                    r = bb_byte(&b, (unsigned char)utf7_b64[(buffer << (6 - bits)) & 0x3f]);
                }
                buffer = 0;
                bits = 0;
                in_shift = 0;
                /* A base64 character or '-' would be read as part of the run. */
                if (r == 0 && (utf7_is_base64(ch) || ch == '-')) {
                    r = bb_byte(&b, '-');
                }
                r = r < 0 ? -1 : bb_byte(&b, (unsigned char)ch);
            } else {
                r = ch == '+' ? bb_put(&b, "+-", 2) : bb_byte(&b, (unsigned char)ch);
            }
        } else {
            if (!in_shift) {
                r = bb_byte(&b, '+');
                in_shift = 1;
            }
            if (r == 0 && ch >= 0x10000) {
                buffer = (buffer << 16) | Py_UNICODE_HIGH_SURROGATE(ch);
                bits += 16;
                r = utf7_flush_bits(&b, &buffer, &bits);
                ch = Py_UNICODE_LOW_SURROGATE(ch);
            }
            if (r == 0) {
                buffer = (buffer << 16) | ch;
                bits += 16;
                r = utf7_flush_bits(&b, &buffer, &bits);
            }
        }
        if (r < 0) {
            PyMem_Free(b.buf);
            return NULL;
        }
    }
    if ((bits > 0 && bb_byte(&b, (unsigned char)utf7_b64[(buffer << (6 - bits)) & 0x3f]) < 0) ||
        (in_shift && bb_byte(&b, '-') < 0)) {
        PyMem_Free(b.buf);
        return NULL;
    }
    return bb_finish(&b);
}

/* Decoder state between characters of a base64 run. */
typedef struct {
    int in_shift;         /* inside a '+' run */
    int bits;             /* bits in buffer */
    unsigned long buffer; /* pending bits */
    Py_UCS4 surrogate;    /* a high surrogate waiting for its low half, or 0 */
    Py_ssize_t start;     /* offset of the '+' opening the run */
    Py_ssize_t out_start; /* output length when the run opened */
} Utf7State;

/* One base64 character of a run; 0 or -1. */
static int
utf7_take_sextet(Decoder *d, Utf7State *st, Py_UCS4 c)
{
    st->buffer = (st->buffer << 6) | (unsigned long)utf7_from_base64(c);
    st->bits += 6;
    if (st->bits < 16) {
        return 0;
    }
    Py_UCS4 out = (Py_UCS4)((st->buffer >> (st->bits - 16)) & 0xffff);
    st->bits -= 16;
    st->buffer &= (1ul << st->bits) - 1;
    if (st->surrogate) {
        Py_UCS4 high = st->surrogate;
        st->surrogate = 0;
        if (Py_UNICODE_IS_LOW_SURROGATE(out)) {
            return pyrs_uniwriter_putc(&d->w, Py_UNICODE_JOIN_SURROGATES(high, out));
        }
        if (pyrs_uniwriter_putc(&d->w, high) < 0) {
            return -1;
        }
    }
    if (Py_UNICODE_IS_HIGH_SURROGATE(out)) {
        st->surrogate = out;
        return 0;
    }
    return pyrs_uniwriter_putc(&d->w, out);
}

/* Leaves a base64 run at the terminator S[*pi]; 0 or -1 (after the error handler). */
static int
utf7_end_shift(Decoder *d, Utf7State *st, Py_ssize_t *pi)
{
    Py_UCS4 c = d->s[*pi];
    st->in_shift = 0;
    /* A bad run's error range includes its terminator. */
    if (st->bits > 6) {
        return dec_error_at(d, st->start, *pi + 1, "partial character in shift sequence", pi);
    }
    if (st->bits > 0 && st->buffer != 0) {
        return dec_error_at(d, st->start, *pi + 1, "non-zero padding bits in shift sequence", pi);
    }
    if (st->surrogate && c < 128 && c != '+' && pyrs_uniwriter_putc(&d->w, st->surrogate) < 0) {
        return -1;
    }
    st->surrogate = 0;
    if (c == '-') {
        (*pi)++;
    }
    return 0;
}

/* One step of the decoder at S[*pi] outside a run or at its end; 0 or -1. */
static int
utf7_step(Decoder *d, Utf7State *st, Py_ssize_t *pi)
{
    Py_UCS4 c = d->s[*pi];
    if (st->in_shift) {
        if (utf7_is_base64(c)) {
            (*pi)++;
            return utf7_take_sextet(d, st, c);
        }
        return utf7_end_shift(d, st, pi);
    }
    if (c == '+') {
        Py_ssize_t start = (*pi)++;
        if (*pi < d->len && d->s[*pi] == '-') {
            (*pi)++;
            return pyrs_uniwriter_putc(&d->w, '+');
        }
        if (*pi < d->len && !utf7_is_base64(d->s[*pi])) {
            (*pi)++;
            return dec_error_at(d, start, *pi, "ill-formed sequence", pi);
        }
        st->in_shift = 1;
        st->surrogate = 0;
        st->bits = 0;
        st->buffer = 0;
        st->start = start;
        st->out_start = d->w.len;
        return 0;
    }
    if (c < 128) {
        (*pi)++;
        return pyrs_uniwriter_putc(&d->w, c);
    }
    Py_ssize_t start = (*pi)++;
    return dec_error_at(d, start, *pi, "unexpected special character", pi);
}

/* UTF-7 decoding; with CONSUMED, an unfinished base64 run at the end is left undecoded and
 * *CONSUMED stops at its '+'. */
PyObject *
PyUnicode_DecodeUTF7Stateful(const char *s, Py_ssize_t size, const char *errors,
                             Py_ssize_t *consumed)
{
    Decoder d;
    Utf7State st = {0, 0, 0, 0, 0, 0};
    Py_ssize_t i = 0;
    if (dec_init(&d, "utf7", s, size, errors) < 0) {
        return dec_finish(&d, 1);
    }
    for (;;) {
        while (i < size) {
            if (utf7_step(&d, &st, &i) < 0) {
                return dec_finish(&d, 1);
            }
        }
        if (!st.in_shift || consumed != NULL) {
            break;
        }
        st.in_shift = 0;
        if (st.surrogate || st.bits >= 6 || (st.bits > 0 && st.buffer != 0)) {
            if (dec_error_at(&d, st.start, size, "unterminated shift sequence", &i) < 0) {
                return dec_finish(&d, 1);
            }
            if (i < size) {
                continue;
            }
        }
        break;
    }
    if (consumed != NULL) {
        if (st.in_shift) {
            *consumed = st.start;
            d.w.len = st.out_start;
            d.w.maxchar = 0;
            for (Py_ssize_t k = 0; k < d.w.len; k++) {
                d.w.maxchar = Py_MAX(d.w.maxchar, d.w.buf[k]);
            }
        } else {
            *consumed = i;
        }
    }
    return dec_finish(&d, 0);
}

PyObject *
PyUnicode_DecodeUTF7(const char *s, Py_ssize_t size, const char *errors)
{
    return PyUnicode_DecodeUTF7Stateful(s, size, errors, NULL);
}

/* ---- by name ---------------------------------------------------------------------------- */

const char *
PyUnicode_GetDefaultEncoding(void)
{
    return "utf-8";
}

/* bytes.decode with a codec that is not built in: the registry's text codec, whose result must
 * be a str (CPython's PyUnicode_Decode passes a memoryview; a bytes copy behaves the same for
 * every codec of the stdlib). */
static PyObject *
decode_by_registry(const char *s, Py_ssize_t size, const char *encoding, const char *errors)
{
    PyObject *data = PyBytes_FromStringAndSize(s, size);
    PyObject *res = data != NULL ? _PyCodec_DecodeText(data, encoding, errors) : NULL;
    Py_XDECREF(data);
    if (res != NULL && !PyUnicode_Check(res)) {
        PyErr_Format(PyExc_TypeError,
                     "'%.400s' decoder returned '%.400s' instead of 'str'; use codecs.decode() to "
                     "decode to arbitrary types",
                     encoding, Py_TYPE(res)->tp_name);
        Py_CLEAR(res);
    }
    return res;
}

/* str.encode with a registry codec; a bytearray result is copied to bytes after a
 * RuntimeWarning, anything else but bytes is a TypeError (as CPython). */
static PyObject *
encode_by_registry(PyObject *unicode, const char *encoding, const char *errors)
{
    PyObject *res = _PyCodec_EncodeText(unicode, encoding, errors);
    if (res == NULL || PyBytes_Check(res)) {
        return res;
    }
    if (PyByteArray_Check(res)) {
        if (PyErr_WarnFormat(PyExc_RuntimeWarning, 1,
                             "encoder %s returned bytearray instead of bytes; use codecs.encode() "
                             "to encode to arbitrary types",
                             encoding) < 0) {
            Py_DECREF(res);
            return NULL;
        }
        PyObject *b =
            PyBytes_FromStringAndSize(PyByteArray_AS_STRING(res), PyByteArray_GET_SIZE(res));
        Py_DECREF(res);
        return b;
    }
    PyErr_Format(PyExc_TypeError,
                 "'%.400s' encoder returned '%.400s' instead of 'bytes'; use codecs.encode() to "
                 "encode to arbitrary types",
                 encoding, Py_TYPE(res)->tp_name);
    Py_DECREF(res);
    return NULL;
}

/* Decodes SIZE bytes with the built-in codec ENCODING (NULL = utf-8). */
/* In development mode (-X dev) CPython checks the error handler name even when no error
 * happens; an unknown encoding fails the lookup anyway. 0, or -1 with LookupError. */
static int
check_errors_name(const char *errors)
{
    if (errors == NULL || !pyrs_config.dev_mode) {
        return 0;
    }
    PyObject *handler = PyCodec_LookupError(errors);
    if (handler == NULL) {
        return -1;
    }
    Py_DECREF(handler);
    return 0;
}

PyObject *
PyUnicode_Decode(const char *s, Py_ssize_t size, const char *encoding, const char *errors)
{
    char e[32];
    if (check_errors_name(errors) < 0) {
        return NULL;
    }
    if (encoding == NULL) {
        encoding = "utf-8";
    }
    if (!pyrs_unicode_normalize_encoding(encoding, e, sizeof e)) {
        e[0] = '\0';
    }
    int bo;
    if (!strcmp(e, "utf-8") || !strcmp(e, "utf8") || !strcmp(e, "u8")) {
        return PyUnicode_DecodeUTF8(s, size, errors);
    }
    if (!strcmp(e, "latin-1") || !strcmp(e, "latin1") || !strcmp(e, "iso-8859-1") ||
        !strcmp(e, "iso8859-1") || !strcmp(e, "l1")) {
        return PyUnicode_DecodeLatin1(s, size, errors);
    }
    if (!strcmp(e, "ascii") || !strcmp(e, "us-ascii")) {
        return PyUnicode_DecodeASCII(s, size, errors);
    }
    if (!strcmp(e, "utf-16") || !strcmp(e, "utf16") || !strcmp(e, "utf-16-le") ||
        !strcmp(e, "utf-16le") || !strcmp(e, "utf-16-be") || !strcmp(e, "utf-16be")) {
        bo = strstr(e, "le") ? -1 : strstr(e, "be") ? 1 : 0;
        return PyUnicode_DecodeUTF16(s, size, errors, &bo);
    }
    if (!strcmp(e, "utf-32") || !strcmp(e, "utf32") || !strcmp(e, "utf-32-le") ||
        !strcmp(e, "utf-32le") || !strcmp(e, "utf-32-be") || !strcmp(e, "utf-32be")) {
        bo = strstr(e, "le") ? -1 : strstr(e, "be") ? 1 : 0;
        return PyUnicode_DecodeUTF32(s, size, errors, &bo);
    }
    if (!strcmp(e, "unicode-escape")) {
        return PyUnicode_DecodeUnicodeEscape(s, size, errors);
    }
    if (!strcmp(e, "raw-unicode-escape")) {
        return PyUnicode_DecodeRawUnicodeEscape(s, size, errors);
    }
    if (!strcmp(e, "utf-7") || !strcmp(e, "utf7")) {
        return PyUnicode_DecodeUTF7Stateful(s, size, errors, NULL);
    }
    return decode_by_registry(s, size, encoding, errors);
}

/* Encodes with the built-in codec ENCODING (NULL = utf-8); bytes or NULL. */
PyObject *
PyUnicode_AsEncodedString(PyObject *unicode, const char *encoding, const char *errors)
{
    char e[32];
    if (check_str(unicode) < 0 || check_errors_name(errors) < 0) {
        return NULL;
    }
    if (encoding == NULL) {
        encoding = "utf-8";
    }
    if (!pyrs_unicode_normalize_encoding(encoding, e, sizeof e)) {
        e[0] = '\0';
    }
    if (!strcmp(e, "utf-8") || !strcmp(e, "utf8") || !strcmp(e, "u8")) {
        return pyrs_unicode_encode_utf8(unicode, errors);
    }
    if (!strcmp(e, "latin-1") || !strcmp(e, "latin1") || !strcmp(e, "iso-8859-1") ||
        !strcmp(e, "iso8859-1") || !strcmp(e, "l1")) {
        return _PyUnicode_AsLatin1String(unicode, errors);
    }
    if (!strcmp(e, "ascii") || !strcmp(e, "us-ascii")) {
        return _PyUnicode_AsASCIIString(unicode, errors);
    }
    if (!strncmp(e, "utf-16", 6) || !strncmp(e, "utf16", 5)) {
        return _PyUnicode_EncodeUTF16(unicode, errors,
                                      strstr(e, "le")   ? -1
                                      : strstr(e, "be") ? 1
                                                        : 0);
    }
    if (!strncmp(e, "utf-32", 6) || !strncmp(e, "utf32", 5)) {
        return _PyUnicode_EncodeUTF32(unicode, errors,
                                      strstr(e, "le")   ? -1
                                      : strstr(e, "be") ? 1
                                                        : 0);
    }
    if (!strcmp(e, "unicode-escape")) {
        return encode_escape(unicode, 0);
    }
    if (!strcmp(e, "raw-unicode-escape")) {
        return encode_escape(unicode, 1);
    }
    if (!strcmp(e, "utf-7") || !strcmp(e, "utf7")) {
        return _PyUnicode_EncodeUTF7(unicode, 0, 0, errors);
    }
    return encode_by_registry(unicode, encoding, errors);
}

/* str(OBJ, encoding, errors) for objects exposing a buffer. */
PyObject *
PyUnicode_FromEncodedObject(PyObject *obj, const char *encoding, const char *errors)
{
    Py_buffer view;
    if (obj == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (PyUnicode_Check(obj)) {
        PyErr_SetString(PyExc_TypeError, "decoding str is not supported");
        return NULL;
    }
    if (PyBytes_Check(obj)) {
        return PyUnicode_Decode(PyBytes_AS_STRING(obj), PyBytes_GET_SIZE(obj), encoding, errors);
    }
    if (PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE) < 0) {
        PyErr_Format(PyExc_TypeError, "decoding to str: need a bytes-like object, %.80s found",
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    PyObject *res = PyUnicode_Decode(view.buf, view.len, encoding, errors);
    PyBuffer_Release(&view);
    return res;
}

/* File-system and locale encodings: UTF-8 with surrogateescape (CPython's default on Linux
 * under a UTF-8 locale). */
PyObject *
PyUnicode_DecodeFSDefaultAndSize(const char *s, Py_ssize_t size)
{
    return pyrs_unicode_decode_utf8(s, size, "surrogateescape", NULL);
}

PyObject *
PyUnicode_DecodeFSDefault(const char *s)
{
    return PyUnicode_DecodeFSDefaultAndSize(s, (Py_ssize_t)strlen(s));
}

PyObject *
PyUnicode_EncodeFSDefault(PyObject *unicode)
{
    return check_str(unicode) < 0 ? NULL : pyrs_unicode_encode_utf8(unicode, "surrogateescape");
}

PyObject *
PyUnicode_DecodeLocale(const char *str, const char *errors)
{
    return pyrs_unicode_decode_utf8(str, (Py_ssize_t)strlen(str), errors ? errors : "strict", NULL);
}

PyObject *
PyUnicode_EncodeLocale(PyObject *unicode, const char *errors)
{
    return check_str(unicode) < 0 ? NULL : pyrs_unicode_encode_utf8(unicode, errors);
}

PyObject *
PyOS_FSPath(PyObject *path)
{
    if (PyUnicode_Check(path) || PyBytes_Check(path)) {
        return Py_NewRef(path);
    }
    PyObject *func = PyObject_GetAttrString((PyObject *)Py_TYPE(path), "__fspath__");
    if (func == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
            return NULL;
        }
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "expected str, bytes or os.PathLike object, not %.200s",
                     Py_TYPE(path)->tp_name);
        return NULL;
    }
    PyObject *res = PyObject_CallOneArg(func, path);
    Py_DECREF(func);
    if (res != NULL && !PyUnicode_Check(res) && !PyBytes_Check(res)) {
        PyErr_Format(PyExc_TypeError,
                     "expected %.200s.__fspath__() to return str or bytes, not %.200s",
                     Py_TYPE(path)->tp_name, Py_TYPE(res)->tp_name);
        Py_CLEAR(res);
    }
    return res;
}

/* PyArg "O&" converter to bytes: *(PyObject **)result gets a new bytes reference; 1 on
 * success (Py_CLEANUP_SUPPORTED), 0 on error; ARG NULL releases. */
int
PyUnicode_FSConverter(PyObject *arg, void *addr)
{
    PyObject **out = addr, *output = NULL;
    if (arg == NULL) {
        Py_CLEAR(*out);
        return 1;
    }
    PyObject *path = PyOS_FSPath(arg);
    if (path == NULL) {
        return 0;
    }
    output = PyBytes_Check(path) ? Py_NewRef(path) : PyUnicode_EncodeFSDefault(path);
    Py_DECREF(path);
    if (output == NULL) {
        return 0;
    }
    if ((Py_ssize_t)strlen(PyBytes_AS_STRING(output)) != PyBytes_GET_SIZE(output)) {
        PyErr_SetString(PyExc_ValueError, "embedded null byte");
        Py_DECREF(output);
        return 0;
    }
    *out = output;
    return Py_CLEANUP_SUPPORTED;
}

/* PyArg "O&" converter to str (decoding bytes with the FS encoding). */
int
PyUnicode_FSDecoder(PyObject *arg, void *addr)
{
    PyObject **out = addr, *output = NULL;
    if (arg == NULL) {
        Py_CLEAR(*out);
        return 1;
    }
    PyObject *path = PyOS_FSPath(arg);
    if (path == NULL) {
        return 0;
    }
    output = PyUnicode_Check(path) ? Py_NewRef(path)
                                   : PyUnicode_DecodeFSDefaultAndSize(PyBytes_AS_STRING(path),
                                                                      PyBytes_GET_SIZE(path));
    Py_DECREF(path);
    if (output == NULL) {
        return 0;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(output);
    if (PyUnicode_FindChar(output, 0, 0, n, 1) >= 0) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        Py_DECREF(output);
        return 0;
    }
    *out = output;
    return Py_CLEANUP_SUPPORTED;
}

/* wchar_t is UCS-4 on Linux. */
PyObject *
PyUnicode_FromWideChar(const wchar_t *w, Py_ssize_t size)
{
    if (w == NULL && size != 0) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (size == -1) {
        size = (Py_ssize_t)wcslen(w);
    }
    return pyrs_unicode_from_ucs4((const Py_UCS4 *)w, size);
}

Py_ssize_t
PyUnicode_AsWideChar(PyObject *unicode, wchar_t *w, Py_ssize_t size)
{
    if (check_str(unicode) < 0) {
        return -1;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(unicode);
    if (w == NULL) {
        return n + 1;
    }
    Py_ssize_t k = Py_MIN(n, size);
    for (Py_ssize_t i = 0; i < k; i++) {
        w[i] = (wchar_t)PyUnicode_READ_CHAR(unicode, i);
    }
    if (k < size) {
        w[k] = 0;
    }
    return k;
}

wchar_t *
PyUnicode_AsWideCharString(PyObject *unicode, Py_ssize_t *size)
{
    if (check_str(unicode) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(unicode);
    wchar_t *buf = PyMem_New(wchar_t, n + 1);
    if (buf == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    PyUnicode_AsWideChar(unicode, buf, n + 1);
    if (size != NULL) {
        *size = n;
    } else if ((Py_ssize_t)wcslen(buf) != n) {
        PyMem_Free(buf);
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        return NULL;
    }
    return buf;
}
