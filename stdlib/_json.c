/* stdlib/_json.c: the _json accelerator as CPython 3.11's json package uses it: scanstring,
 * the Scanner (make_scanner: strings, objects, arrays, numbers, constants, with the
 * JSONDecodeError messages and StopIteration(idx) for "no value here"), the Encoder
 * (make_encoder) and encode_basestring(_ascii). Output matches json's pure-Python code. */
#include "Python.h"

#include <math.h>
#include <string.h>

#include "structmember.h"

#define IS_WS(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')

/* Raises json.decoder.JSONDecodeError(MSG, S, POS). */
static void
raise_errmsg(const char *msg, PyObject *s, Py_ssize_t pos)
{
    PyObject *decoder = PyImport_ImportModule("json.decoder");
    if (decoder == NULL) {
        return;
    }
    PyObject *cls = PyObject_GetAttrString(decoder, "JSONDecodeError");
    Py_DECREF(decoder);
    if (cls == NULL) {
        return;
    }
    PyObject *exc = PyObject_CallFunction(cls, "zOn", msg, s, pos);
    if (exc != NULL) {
        PyErr_SetObject(cls, exc);
        Py_DECREF(exc);
    }
    Py_DECREF(cls);
}

static void
raise_stop_iteration(Py_ssize_t idx)
{
    PyObject *v = PyLong_FromSsize_t(idx);
    if (v != NULL) {
        PyErr_SetObject(PyExc_StopIteration, v);
        Py_DECREF(v);
    }
}

/* ---- string escaping (encoder side) ---- */

static const char hexdigits[] = "0123456789abcdef";

/* Characters needed to write C escaped (ASCII: everything outside ' '..'~' is escaped). */
static Py_ssize_t
escaped_len(Py_UCS4 c, int ascii)
{
    if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
        return 2;
    }
    if (c < ' ') {
        return 6;
    }
    if (!ascii || c <= '~') {
        return 1;
    }
    return c >= 0x10000 ? 12 : 6;
}

static Py_ssize_t
put_u(Py_UCS1 *out, Py_UCS4 c)
{
    out[0] = '\\';
    out[1] = 'u';
    out[2] = (Py_UCS1)hexdigits[(c >> 12) & 0xf];
    out[3] = (Py_UCS1)hexdigits[(c >> 8) & 0xf];
    out[4] = (Py_UCS1)hexdigits[(c >> 4) & 0xf];
    out[5] = (Py_UCS1)hexdigits[c & 0xf];
    return 6;
}

/* Writes the escape of C (which needs one) at OUT; the characters written. */
static Py_ssize_t
put_escape(Py_UCS1 *out, Py_UCS4 c)
{
    char e = 0;
    switch (c) {
    case '"':
        e = '"';
        break;
    case '\\':
        e = '\\';
        break;
    case '\n':
        e = 'n';
        break;
    case '\r':
        e = 'r';
        break;
    case '\t':
        e = 't';
        break;
    case '\b':
        e = 'b';
        break;
    case '\f':
        e = 'f';
        break;
    default:
        break;
    }
    if (e != 0) {
        out[0] = '\\';
        out[1] = (Py_UCS1)e;
        return 2;
    }
    if (c >= 0x10000) {
        Py_UCS4 v = c - 0x10000;
        put_u(out, 0xd800 | ((v >> 10) & 0x3ff));
        return 6 + put_u(out + 6, 0xdc00 | (v & 0x3ff));
    }
    return put_u(out, c);
}

/* The JSON string literal of PYSTR (quotes included) as a new str; ASCII escapes every
 * non-ASCII character as json.encoder.py_encode_basestring_ascii does, else only '"', '\\'
 * and control characters are escaped. NULL with MemoryError/OverflowError. */
static PyObject *
escape_unicode(PyObject *pystr, int ascii)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(pystr), outlen = 2;
    int kind = PyUnicode_KIND(pystr);
    const void *data = PyUnicode_DATA(pystr);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t d = escaped_len(PyUnicode_READ(kind, data, i), ascii);
        if (outlen > PY_SSIZE_T_MAX - d) {
            PyErr_SetString(PyExc_OverflowError, "string is too long to escape");
            return NULL;
        }
        outlen += d;
    }
    Py_UCS4 maxchar = ascii ? 127 : PyUnicode_MAX_CHAR_VALUE(pystr);
    PyObject *res = PyUnicode_New(outlen, maxchar);
    if (res == NULL) {
        return NULL;
    }
    int okind = PyUnicode_KIND(res);
    void *odata = PyUnicode_DATA(res);
    Py_ssize_t o = 0;
    PyUnicode_WRITE(okind, odata, o++, '"');
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (escaped_len(c, ascii) == 1) {
            PyUnicode_WRITE(okind, odata, o++, c);
            continue;
        }
        Py_UCS1 buf[12];
        Py_ssize_t k = put_escape(buf, c);
        for (Py_ssize_t j = 0; j < k; j++) {
            PyUnicode_WRITE(okind, odata, o++, buf[j]);
        }
    }
    PyUnicode_WRITE(okind, odata, o++, '"');
    return res;
}

static PyObject *
py_encode_basestring_ascii(PyObject *Py_UNUSED(m), PyObject *pystr)
{
    if (!PyUnicode_Check(pystr)) {
        PyErr_Format(PyExc_TypeError, "first argument must be a string, not %.80s",
                     Py_TYPE(pystr)->tp_name);
        return NULL;
    }
    return escape_unicode(pystr, 1);
}

static PyObject *
py_encode_basestring(PyObject *Py_UNUSED(m), PyObject *pystr)
{
    if (!PyUnicode_Check(pystr)) {
        PyErr_Format(PyExc_TypeError, "first argument must be a string, not %.80s",
                     Py_TYPE(pystr)->tp_name);
        return NULL;
    }
    return escape_unicode(pystr, 0);
}

/* ---- scanstring ---- */

static int
hex4(int kind, const void *buf, Py_ssize_t at, Py_UCS4 *out)
{
    Py_UCS4 c = 0;
    for (Py_ssize_t i = at; i < at + 4; i++) {
        Py_UCS4 d = PyUnicode_READ(kind, buf, i);
        c <<= 4;
        if (d >= '0' && d <= '9') {
            c |= d - '0';
        } else if (d >= 'a' && d <= 'f') {
            c |= d - 'a' + 10;
        } else if (d >= 'A' && d <= 'F') {
            c |= d - 'A' + 10;
        } else {
            return -1;
        }
    }
    *out = c;
    return 0;
}

/* Decodes the escape whose backslash is at NEXT - 1 (NEXT points after it); stores the
 * character in *C and the index after the escape in *END. 0, or -1 with JSONDecodeError. */
static int
scan_escape(PyObject *pystr, int kind, const void *buf, Py_ssize_t len, Py_ssize_t next, Py_UCS4 *c,
            Py_ssize_t *end)
{
    Py_UCS4 ch = PyUnicode_READ(kind, buf, next);
    if (ch != 'u') {
        *end = next + 1;
        switch (ch) {
        case '"':
        case '\\':
        case '/':
            *c = ch;
            return 0;
        case 'b':
            *c = '\b';
            return 0;
        case 'f':
            *c = '\f';
            return 0;
        case 'n':
            *c = '\n';
            return 0;
        case 'r':
            *c = '\r';
            return 0;
        case 't':
            *c = '\t';
            return 0;
        default:
            raise_errmsg("Invalid \\escape", pystr, next - 1);
            return -1;
        }
    }
    next++;
    Py_ssize_t e = next + 4;
    if (e >= len || hex4(kind, buf, next, c) < 0) {
        raise_errmsg("Invalid \\uXXXX escape", pystr, next - 1);
        return -1;
    }
    if (Py_UNICODE_IS_HIGH_SURROGATE(*c) && e + 6 < len && PyUnicode_READ(kind, buf, e) == '\\' &&
        PyUnicode_READ(kind, buf, e + 1) == 'u') {
        Py_UCS4 c2;
        if (hex4(kind, buf, e + 2, &c2) < 0) {
            raise_errmsg("Invalid \\uXXXX escape", pystr, e + 1);
            return -1;
        }
        if (Py_UNICODE_IS_LOW_SURROGATE(c2)) {
            *c = Py_UNICODE_JOIN_SURROGATES(*c, c2);
            e += 6;
        }
    }
    *end = e;
    return 0;
}

/* The index of the first '"', '\\' (or, when STRICT, control character) in BUF[START:LEN],
 * or LEN. One-byte strings, the common case, get a loop of their own. */
static Py_ssize_t
find_special(int kind, const void *buf, Py_ssize_t start, Py_ssize_t len, int strict)
{
    Py_UCS4 lo = strict ? 0x1f : 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *p = buf;
        for (Py_ssize_t i = start; i < len; i++) {
            Py_UCS1 c = p[i];
            if (c == '"' || c == '\\' || (strict && c <= lo)) {
                return i;
            }
        }
        return len;
    }
    for (Py_ssize_t i = start; i < len; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, buf, i);
        if (c == '"' || c == '\\' || (strict && c <= lo)) {
            return i;
        }
    }
    return len;
}

/* Reads the JSON string whose opening quote is at END - 1. The str (new reference) with
 * *NEXT_END after the closing quote, or NULL with JSONDecodeError / ValueError. */
static PyObject *
scanstring_unicode(PyObject *pystr, Py_ssize_t end, int strict, Py_ssize_t *next_end)
{
    Py_ssize_t len = PyUnicode_GET_LENGTH(pystr);
    Py_ssize_t begin = end - 1;
    if (end < 0 || len < end) {
        PyErr_SetString(PyExc_ValueError, "end is out of bounds");
        return NULL;
    }
    int kind = PyUnicode_KIND(pystr);
    const void *buf = PyUnicode_DATA(pystr);
    _PyUnicodeWriter w;
    _PyUnicodeWriter_Init(&w);
    w.overallocate = 1;
    int used = 0;
    for (;;) {
        Py_ssize_t next = find_special(kind, buf, end, len, strict);
        Py_UCS4 c = next < len ? PyUnicode_READ(kind, buf, next) : 0;
        if (next < len && c <= 0x1f) {
            raise_errmsg("Invalid control character at", pystr, next);
            goto bail;
        }
        if (next == len) {
            raise_errmsg("Unterminated string starting at", pystr, begin);
            goto bail;
        }
        if (c == '"' && !used) {
            *next_end = next + 1;
            return PyUnicode_Substring(pystr, end, next);
        }
        used = 1;
        if (next != end && _PyUnicodeWriter_WriteSubstring(&w, pystr, end, next) < 0) {
            goto bail;
        }
        next++;
        if (c == '"') {
            end = next;
            break;
        }
        if (next == len) {
            raise_errmsg("Unterminated string starting at", pystr, begin);
            goto bail;
        }
        if (scan_escape(pystr, kind, buf, len, next, &c, &end) < 0 ||
            _PyUnicodeWriter_WriteChar(&w, c) < 0) {
            goto bail;
        }
    }
    *next_end = end;
    return _PyUnicodeWriter_Finish(&w);
bail:
    _PyUnicodeWriter_Dealloc(&w);
    return NULL;
}

static PyObject *
py_scanstring(PyObject *Py_UNUSED(m), PyObject *args)
{
    PyObject *pystr;
    Py_ssize_t end, next_end = -1;
    int strict = 1;
    if (!PyArg_ParseTuple(args, "On|i:scanstring", &pystr, &end, &strict)) {
        return NULL;
    }
    if (!PyUnicode_Check(pystr)) {
        PyErr_Format(PyExc_TypeError, "first argument must be a string, not %.80s",
                     Py_TYPE(pystr)->tp_name);
        return NULL;
    }
    PyObject *s = scanstring_unicode(pystr, end, strict, &next_end);
    return s == NULL ? NULL : Py_BuildValue("Nn", s, next_end);
}

/* ---- Scanner ---- */

/* Keys of the objects read in one call are remembered by a cheap hash of their text, so a
 * key seen before (every record of an array repeats them) is recognised by comparing its
 * characters, before any str is made or hashed. Each slot holds a strong reference to the
 * memo's str for that key and is emptied with the memo, so keys stay shared as CPython's
 * memo shares them. */
#define KEY_CACHE_SIZE 64

typedef struct {
    PyObject_HEAD
    char strict;                    /* control characters refused in strings */
    PyObject *object_hook;          /* called with each dict, or None */
    PyObject *object_pairs_hook;    /* called with each list of pairs, or None */
    PyObject *parse_float;          /* float constructor (float: built in) */
    PyObject *parse_int;            /* int constructor (int: built in) */
    PyObject *parse_constant;       /* called with "NaN", "Infinity", "-Infinity" */
    PyObject *memo;                 /* key interning during one call */
    PyObject *keys[KEY_CACHE_SIZE]; /* memo strs by a cheap hash of their text (see key_cached) */
} ScannerObject;

static PyObject *scan_once(ScannerObject *s, PyObject *pystr, Py_ssize_t idx, Py_ssize_t *next);

static Py_ssize_t
skip_ws(int kind, const void *str, Py_ssize_t idx, Py_ssize_t end_idx)
{
    while (idx <= end_idx && IS_WS(PyUnicode_READ(kind, str, idx))) {
        idx++;
    }
    return idx;
}

/* Stores KEY -> VAL in RVAL (dict) or appends the pair (list, for object_pairs_hook). */
static int
object_store(PyObject *rval, int pairs, PyObject *key, PyObject *val)
{
    if (!pairs) {
        return PyDict_SetItem(rval, key, val);
    }
    PyObject *item = PyTuple_Pack(2, key, val);
    if (item == NULL) {
        return -1;
    }
    int r = PyList_Append(rval, item);
    Py_DECREF(item);
    return r;
}

/* The key cache slot for the N (> 0) characters at P. */
static PyObject **
key_slot(ScannerObject *s, const Py_UCS1 *p, Py_ssize_t n)
{
    size_t h = (size_t)n * 31 + (size_t)p[0] * 7 + p[n - 1];
    return &s->keys[h % KEY_CACHE_SIZE];
}

/* For a one-byte PYSTR whose key at IDX has no escape: its cache slot in *SLOT and, when
 * the slot holds that very key, the key (new reference) with *NEXT after its closing quote.
 * NULL (no exception) otherwise. */
static PyObject *
key_cached(ScannerObject *s, PyObject *pystr, Py_ssize_t idx, Py_ssize_t *next, PyObject ***slot)
{
    *slot = NULL;
    if (PyUnicode_KIND(pystr) != PyUnicode_1BYTE_KIND) {
        return NULL;
    }
    const Py_UCS1 *buf = PyUnicode_1BYTE_DATA(pystr);
    Py_ssize_t len = PyUnicode_GET_LENGTH(pystr);
    Py_ssize_t end = find_special(PyUnicode_1BYTE_KIND, buf, idx + 1, len, s->strict);
    Py_ssize_t n = end - (idx + 1);
    if (end == len || buf[end] != '"' || n == 0) {
        return NULL;
    }
    *slot = key_slot(s, buf + idx + 1, n);
    PyObject *k = **slot;
    if (k == NULL || PyUnicode_GET_LENGTH(k) != n || PyUnicode_KIND(k) != PyUnicode_1BYTE_KIND ||
        memcmp(PyUnicode_1BYTE_DATA(k), buf + idx + 1, (size_t)n) != 0) {
        return NULL;
    }
    *next = end + 1;
    return Py_NewRef(k);
}

static void
key_cache_clear(ScannerObject *s)
{
    for (int i = 0; i < KEY_CACHE_SIZE; i++) {
        Py_CLEAR(s->keys[i]);
    }
}

/* The key at IDX (a string, interned through the memo). */
static PyObject *
object_key(ScannerObject *s, PyObject *pystr, Py_ssize_t idx, Py_ssize_t *next)
{
    PyObject **slot;
    PyObject *memokey = key_cached(s, pystr, idx, next, &slot);
    if (memokey != NULL) {
        return memokey;
    }
    PyObject *key = scanstring_unicode(pystr, idx + 1, s->strict, next);
    if (key == NULL) {
        return NULL;
    }
    memokey = PyDict_SetDefault(s->memo, key, key);
    Py_XINCREF(memokey);
    Py_DECREF(key);
    if (memokey != NULL && slot != NULL) {
        Py_XSETREF(*slot, Py_NewRef(memokey));
    }
    return memokey;
}

static PyObject *
parse_object(ScannerObject *s, PyObject *pystr, Py_ssize_t idx, Py_ssize_t *next_ptr)
{
    int kind = PyUnicode_KIND(pystr);
    const void *str = PyUnicode_DATA(pystr);
    Py_ssize_t end_idx = PyUnicode_GET_LENGTH(pystr) - 1, next;
    int pairs = s->object_pairs_hook != Py_None;
    PyObject *rval = pairs ? PyList_New(0) : PyDict_New();
    if (rval == NULL) {
        return NULL;
    }
    idx = skip_ws(kind, str, idx, end_idx);
    if (idx > end_idx || PyUnicode_READ(kind, str, idx) != '}') {
        for (;;) {
            if (idx > end_idx || PyUnicode_READ(kind, str, idx) != '"') {
                raise_errmsg("Expecting property name enclosed in double quotes", pystr, idx);
                goto bail;
            }
            PyObject *key = object_key(s, pystr, idx, &next);
            if (key == NULL) {
                goto bail;
            }
            idx = skip_ws(kind, str, next, end_idx);
            if (idx > end_idx || PyUnicode_READ(kind, str, idx) != ':') {
                Py_DECREF(key);
                raise_errmsg("Expecting ':' delimiter", pystr, idx);
                goto bail;
            }
            idx = skip_ws(kind, str, idx + 1, end_idx);
            PyObject *val = scan_once(s, pystr, idx, &next);
            int r = val == NULL ? -1 : object_store(rval, pairs, key, val);
            Py_DECREF(key);
            Py_XDECREF(val);
            if (r < 0) {
                goto bail;
            }
            idx = skip_ws(kind, str, next, end_idx);
            if (idx <= end_idx && PyUnicode_READ(kind, str, idx) == '}') {
                break;
            }
            if (idx > end_idx || PyUnicode_READ(kind, str, idx) != ',') {
                raise_errmsg("Expecting ',' delimiter", pystr, idx);
                goto bail;
            }
            idx = skip_ws(kind, str, idx + 1, end_idx);
        }
    }
    *next_ptr = idx + 1;
    if (pairs) {
        Py_SETREF(rval, PyObject_CallOneArg(s->object_pairs_hook, rval));
    } else if (s->object_hook != Py_None) {
        Py_SETREF(rval, PyObject_CallOneArg(s->object_hook, rval));
    }
    return rval;
bail:
    Py_DECREF(rval);
    return NULL;
}

static PyObject *
parse_array(ScannerObject *s, PyObject *pystr, Py_ssize_t idx, Py_ssize_t *next_ptr)
{
    int kind = PyUnicode_KIND(pystr);
    const void *str = PyUnicode_DATA(pystr);
    Py_ssize_t end_idx = PyUnicode_GET_LENGTH(pystr) - 1, next;
    PyObject *rval = PyList_New(0);
    if (rval == NULL) {
        return NULL;
    }
    idx = skip_ws(kind, str, idx, end_idx);
    if (idx > end_idx || PyUnicode_READ(kind, str, idx) != ']') {
        for (;;) {
            PyObject *val = scan_once(s, pystr, idx, &next);
            if (val == NULL || PyList_Append(rval, val) < 0) {
                Py_XDECREF(val);
                goto bail;
            }
            Py_DECREF(val);
            idx = skip_ws(kind, str, next, end_idx);
            if (idx <= end_idx && PyUnicode_READ(kind, str, idx) == ']') {
                break;
            }
            if (idx > end_idx || PyUnicode_READ(kind, str, idx) != ',') {
                raise_errmsg("Expecting ',' delimiter", pystr, idx);
                goto bail;
            }
            idx = skip_ws(kind, str, idx + 1, end_idx);
        }
    }
    *next_ptr = idx + 1;
    return rval;
bail:
    Py_DECREF(rval);
    return NULL;
}

static PyObject *
parse_constant(ScannerObject *s, const char *name, Py_ssize_t idx, Py_ssize_t *next_ptr)
{
    PyObject *cstr = PyUnicode_InternFromString(name);
    if (cstr == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_CallOneArg(s->parse_constant, cstr);
    *next_ptr = idx + PyUnicode_GET_LENGTH(cstr);
    Py_DECREF(cstr);
    return r;
}

static int
is_digit_at(int kind, const void *str, Py_ssize_t i)
{
    Py_UCS4 c = PyUnicode_READ(kind, str, i);
    return c >= '0' && c <= '9';
}

/* The number at START (int or float, or parse_int / parse_float's result), or NULL with
 * StopIteration(START) when there is none. */
static PyObject *
match_number(ScannerObject *s, PyObject *pystr, Py_ssize_t start, Py_ssize_t *next_ptr)
{
    int kind = PyUnicode_KIND(pystr);
    const void *str = PyUnicode_DATA(pystr);
    Py_ssize_t end_idx = PyUnicode_GET_LENGTH(pystr) - 1, idx = start;
    int is_float = 0;
    if (PyUnicode_READ(kind, str, idx) == '-') {
        if (++idx > end_idx) {
            raise_stop_iteration(start);
            return NULL;
        }
    }
    Py_UCS4 c = PyUnicode_READ(kind, str, idx);
    if (c >= '1' && c <= '9') {
        idx++;
        while (idx <= end_idx && is_digit_at(kind, str, idx)) {
            idx++;
        }
    } else if (c == '0') {
        idx++;
    } else {
        raise_stop_iteration(start);
        return NULL;
    }
    if (idx < end_idx && PyUnicode_READ(kind, str, idx) == '.' && is_digit_at(kind, str, idx + 1)) {
        is_float = 1;
        idx += 2;
        while (idx <= end_idx && is_digit_at(kind, str, idx)) {
            idx++;
        }
    }
    if (idx < end_idx &&
        (PyUnicode_READ(kind, str, idx) == 'e' || PyUnicode_READ(kind, str, idx) == 'E')) {
        Py_ssize_t e_start = idx++;
        if (idx < end_idx &&
            (PyUnicode_READ(kind, str, idx) == '-' || PyUnicode_READ(kind, str, idx) == '+')) {
            idx++;
        }
        while (idx <= end_idx && is_digit_at(kind, str, idx)) {
            idx++;
        }
        if (is_digit_at(kind, str, idx - 1)) {
            is_float = 1;
        } else {
            idx = e_start;
        }
    }
    PyObject *custom = NULL;
    if (is_float && s->parse_float != (PyObject *)&PyFloat_Type) {
        custom = s->parse_float;
    } else if (!is_float && s->parse_int != (PyObject *)&PyLong_Type) {
        custom = s->parse_int;
    }
    *next_ptr = idx;
    Py_ssize_t n = idx - start;
    if (custom != NULL) {
        PyObject *numstr = PyUnicode_Substring(pystr, start, idx);
        if (numstr == NULL) {
            return NULL;
        }
        PyObject *r = PyObject_CallOneArg(custom, numstr);
        Py_DECREF(numstr);
        return r;
    }
    if (!is_float && n <= 18) {
        /* up to 18 digits fit a long long exactly */
        long long v = 0;
        Py_ssize_t i = PyUnicode_READ(kind, str, start) == '-' ? start + 1 : start;
        for (; i < idx; i++) {
            v = v * 10 + (long long)(PyUnicode_READ(kind, str, i) - '0');
        }
        return PyLong_FromLongLong(PyUnicode_READ(kind, str, start) == '-' ? -v : v);
    }
    char small[64];
    char *buf = n < (Py_ssize_t)sizeof(small) ? small : PyMem_Malloc((size_t)n + 1);
    if (buf == NULL) {
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        buf[i] = (char)PyUnicode_READ(kind, str, start + i);
    }
    buf[n] = '\0';
    PyObject *r;
    if (is_float) {
        double d = PyOS_string_to_double(buf, NULL, NULL);
        r = d == -1.0 && PyErr_Occurred() ? NULL : PyFloat_FromDouble(d);
    } else {
        r = PyLong_FromString(buf, NULL, 10);
    }
    if (buf != small) {
        PyMem_Free(buf);
    }
    return r;
}

/* Compares the ASCII text LIT with PYSTR at IDX (the caller checked the length). */
static int
matches(int kind, const void *str, Py_ssize_t idx, const char *lit)
{
    for (Py_ssize_t i = 0; lit[i]; i++) {
        if (PyUnicode_READ(kind, str, idx + i) != (Py_UCS4)(unsigned char)lit[i]) {
            return 0;
        }
    }
    return 1;
}

static PyObject *
scan_nested(ScannerObject *s, PyObject *pystr, Py_ssize_t idx, Py_ssize_t *next_ptr, int obj)
{
    if (Py_EnterRecursiveCall(obj ? " while decoding a JSON object from a unicode string"
                                  : " while decoding a JSON array from a unicode string")) {
        return NULL;
    }
    PyObject *r =
        obj ? parse_object(s, pystr, idx + 1, next_ptr) : parse_array(s, pystr, idx + 1, next_ptr);
    Py_LeaveRecursiveCall();
    return r;
}

/* The JSON value at IDX (new reference) with *NEXT_PTR after it, or NULL with
 * StopIteration(idx) when no value starts there, or JSONDecodeError. */
static PyObject *
scan_once(ScannerObject *s, PyObject *pystr, Py_ssize_t idx, Py_ssize_t *next_ptr)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(pystr);
    if (idx < 0) {
        PyErr_SetString(PyExc_ValueError, "idx cannot be negative");
        return NULL;
    }
    if (idx >= length) {
        raise_stop_iteration(idx);
        return NULL;
    }
    int kind = PyUnicode_KIND(pystr);
    const void *str = PyUnicode_DATA(pystr);
    switch (PyUnicode_READ(kind, str, idx)) {
    case '"':
        return scanstring_unicode(pystr, idx + 1, s->strict, next_ptr);
    case '{':
        return scan_nested(s, pystr, idx, next_ptr, 1);
    case '[':
        return scan_nested(s, pystr, idx, next_ptr, 0);
    case 'n':
        if (idx + 3 < length && matches(kind, str, idx + 1, "ull")) {
            *next_ptr = idx + 4;
            Py_RETURN_NONE;
        }
        break;
    case 't':
        if (idx + 3 < length && matches(kind, str, idx + 1, "rue")) {
            *next_ptr = idx + 4;
            Py_RETURN_TRUE;
        }
        break;
    case 'f':
        if (idx + 4 < length && matches(kind, str, idx + 1, "alse")) {
            *next_ptr = idx + 5;
            Py_RETURN_FALSE;
        }
        break;
    case 'N':
        if (idx + 2 < length && matches(kind, str, idx + 1, "aN")) {
            return parse_constant(s, "NaN", idx, next_ptr);
        }
        break;
    case 'I':
        if (idx + 7 < length && matches(kind, str, idx + 1, "nfinity")) {
            return parse_constant(s, "Infinity", idx, next_ptr);
        }
        break;
    case '-':
        if (idx + 8 < length && matches(kind, str, idx + 1, "Infinity")) {
            return parse_constant(s, "-Infinity", idx, next_ptr);
        }
        break;
    default:
        break;
    }
    return match_number(s, pystr, idx, next_ptr);
}

static PyObject *
scanner_call(PyObject *op, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"string", "idx", NULL};
    ScannerObject *s = (ScannerObject *)op;
    PyObject *pystr;
    Py_ssize_t idx, next = -1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "On:scan_once", (char **)kwlist, &pystr, &idx)) {
        return NULL;
    }
    if (!PyUnicode_Check(pystr)) {
        PyErr_Format(PyExc_TypeError, "first argument must be a string, not %.80s",
                     Py_TYPE(pystr)->tp_name);
        return NULL;
    }
    PyObject *r = scan_once(s, pystr, idx, &next);
    PyDict_Clear(s->memo);
    key_cache_clear(s);
    return r == NULL ? NULL : Py_BuildValue("Nn", r, next);
}

static PyObject *
scanner_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"context", NULL};
    PyObject *ctx;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:make_scanner", (char **)kwlist, &ctx)) {
        return NULL;
    }
    ScannerObject *s = (ScannerObject *)type->tp_alloc(type, 0);
    if (s == NULL) {
        return NULL;
    }
    s->memo = PyDict_New();
    PyObject *strict = s->memo ? PyObject_GetAttrString(ctx, "strict") : NULL;
    int b = strict ? PyObject_IsTrue(strict) : -1;
    Py_XDECREF(strict);
    if (b < 0 || (s->object_hook = PyObject_GetAttrString(ctx, "object_hook")) == NULL ||
        (s->object_pairs_hook = PyObject_GetAttrString(ctx, "object_pairs_hook")) == NULL ||
        (s->parse_float = PyObject_GetAttrString(ctx, "parse_float")) == NULL ||
        (s->parse_int = PyObject_GetAttrString(ctx, "parse_int")) == NULL ||
        (s->parse_constant = PyObject_GetAttrString(ctx, "parse_constant")) == NULL) {
        Py_DECREF(s);
        return NULL;
    }
    s->strict = (char)b;
    return (PyObject *)s;
}

static int
scanner_traverse(PyObject *op, visitproc visit, void *arg)
{
    ScannerObject *s = (ScannerObject *)op;
    Py_VISIT(s->object_hook);
    Py_VISIT(s->object_pairs_hook);
    Py_VISIT(s->parse_float);
    Py_VISIT(s->parse_int);
    Py_VISIT(s->parse_constant);
    Py_VISIT(s->memo);
    return 0;
}

static int
scanner_clear(PyObject *op)
{
    ScannerObject *s = (ScannerObject *)op;
    Py_CLEAR(s->object_hook);
    Py_CLEAR(s->object_pairs_hook);
    Py_CLEAR(s->parse_float);
    Py_CLEAR(s->parse_int);
    Py_CLEAR(s->parse_constant);
    Py_CLEAR(s->memo);
    key_cache_clear(s);
    return 0;
}

static void
scanner_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    scanner_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static PyMemberDef scanner_members[] = {
    {"strict", T_BOOL, offsetof(ScannerObject, strict), READONLY, "strict"},
    {"object_hook", T_OBJECT, offsetof(ScannerObject, object_hook), READONLY, "object_hook"},
    {"object_pairs_hook", T_OBJECT, offsetof(ScannerObject, object_pairs_hook), READONLY, NULL},
    {"parse_float", T_OBJECT, offsetof(ScannerObject, parse_float), READONLY, "parse_float"},
    {"parse_int", T_OBJECT, offsetof(ScannerObject, parse_int), READONLY, "parse_int"},
    {"parse_constant", T_OBJECT, offsetof(ScannerObject, parse_constant), READONLY,
     "parse_constant"},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject Scanner_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_json.Scanner",
    .tp_basicsize = sizeof(ScannerObject),
    .tp_dealloc = scanner_dealloc,
    .tp_call = scanner_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "JSON scanner object",
    .tp_traverse = scanner_traverse,
    .tp_clear = scanner_clear,
    .tp_members = scanner_members,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = scanner_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- Encoder ---- */

typedef struct {
    PyObject_HEAD
    PyObject *markers;        /* id -> object of containers being encoded, or None */
    PyObject *defaultfn;      /* called for unsupported objects */
    PyObject *encoder;        /* string encoder */
    PyObject *indent;         /* kept for the attribute (the C path is never indented) */
    PyObject *key_separator;  /* between key and value */
    PyObject *item_separator; /* between items */
    char sort_keys;           /* dict items sorted */
    char skipkeys;            /* unsupported keys skipped instead of TypeError */
    char allow_nan;           /* NaN / Infinity written instead of ValueError */
    int fast_encode;          /* 0, or 1/2 when encoder is our ASCII / Unicode escaper */
} EncoderObject;

static PyMethodDef json_functions[];

static int encode_obj(EncoderObject *s, _PyUnicodeWriter *w, PyObject *obj, Py_ssize_t level);

static int
write_ascii(_PyUnicodeWriter *w, const char *text)
{
    return _PyUnicodeWriter_WriteASCIIString(w, text, (Py_ssize_t)strlen(text));
}

static int
write_new(_PyUnicodeWriter *w, PyObject *str)
{
    if (str == NULL) {
        return -1;
    }
    int r = _PyUnicodeWriter_WriteStr(w, str);
    Py_DECREF(str);
    return r;
}

/* Whether the str OBJ is written between quotes as it is (no character needs an escape;
 * with ASCII, none is outside ' '..'~'). One-byte strings, the common case, get their own
 * loop. */
static int
needs_no_escape(PyObject *obj, int ascii)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(obj);
    if (PyUnicode_KIND(obj) == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *p = PyUnicode_1BYTE_DATA(obj);
        Py_UCS1 top = ascii ? '~' : 0xff;
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS1 c = p[i];
            if (c < ' ' || c > top || c == '"' || c == '\\') {
                return 0;
            }
        }
        return 1;
    }
    if (ascii) {
        return 0; /* wider kinds hold a non-ASCII character */
    }
    int kind = PyUnicode_KIND(obj);
    const void *data = PyUnicode_DATA(obj);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (escaped_len(PyUnicode_READ(kind, data, i), 0) != 1) {
            return 0;
        }
    }
    return 1;
}

/* Writes "STR" (quotes around the str as it is) with one reservation. */
static int
write_quoted(_PyUnicodeWriter *w, PyObject *str)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(str);
    if (_PyUnicodeWriter_Prepare(w, n + 2, PyUnicode_MAX_CHAR_VALUE(str)) < 0) {
        return -1;
    }
    PyUnicode_WRITE(w->kind, w->data, w->pos, '"');
    _PyUnicode_FastCopyCharacters(w->buffer, w->pos + 1, str, 0, n);
    PyUnicode_WRITE(w->kind, w->data, w->pos + n + 1, '"');
    w->pos += n + 2;
    return 0;
}

/* Writes the JSON literal of the str OBJ through the configured encoder. */
static int
encode_string(EncoderObject *s, _PyUnicodeWriter *w, PyObject *obj)
{
    if (s->fast_encode) {
        if (needs_no_escape(obj, s->fast_encode == 1)) {
            return write_quoted(w, obj);
        }
        return write_new(w, escape_unicode(obj, s->fast_encode == 1));
    }
    PyObject *enc = PyObject_CallOneArg(s->encoder, obj);
    if (enc != NULL && !PyUnicode_Check(enc)) {
        PyErr_Format(PyExc_TypeError, "encoder() must return a string, not %.80s",
                     Py_TYPE(enc)->tp_name);
        Py_CLEAR(enc);
    }
    return write_new(w, enc);
}

/* The JSON text of a float (new reference), or NULL with ValueError for NaN/infinities when
 * allow_nan is off. */
static PyObject *
encode_float(EncoderObject *s, PyObject *obj)
{
    double d = PyFloat_AS_DOUBLE(obj);
    if (!isfinite(d)) {
        if (!s->allow_nan) {
            PyErr_SetString(PyExc_ValueError, "Out of range float values are not JSON compliant");
            return NULL;
        }
        return PyUnicode_FromString(d > 0 ? "Infinity" : (d < 0 ? "-Infinity" : "NaN"));
    }
    return PyFloat_Type.tp_repr(obj);
}

/* Registers OBJ in markers (circular reference check). *IDENT gets the key to remove
 * afterwards, or NULL when markers is None. 0 or -1. */
static int
mark_enter(EncoderObject *s, PyObject *obj, PyObject **ident)
{
    *ident = NULL;
    if (s->markers == Py_None) {
        return 0;
    }
    *ident = PyLong_FromVoidPtr(obj);
    if (*ident == NULL) {
        return -1;
    }
    int has = PyDict_Contains(s->markers, *ident);
    if (has != 0) {
        if (has > 0) {
            PyErr_SetString(PyExc_ValueError, "Circular reference detected");
        }
        Py_CLEAR(*ident);
        return -1;
    }
    if (PyDict_SetItem(s->markers, *ident, obj) < 0) {
        Py_CLEAR(*ident);
        return -1;
    }
    return 0;
}

static int
mark_leave(EncoderObject *s, PyObject *ident)
{
    if (ident == NULL) {
        return 0;
    }
    int r = PyDict_DelItem(s->markers, ident);
    Py_DECREF(ident);
    return r;
}

static int
encode_list(EncoderObject *s, _PyUnicodeWriter *w, PyObject *seq, Py_ssize_t level)
{
    PyObject *fast = PySequence_Fast(seq, "_iterencode_list needs a sequence");
    if (fast == NULL) {
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    if (n == 0) {
        Py_DECREF(fast);
        return write_ascii(w, "[]");
    }
    PyObject *ident;
    if (mark_enter(s, seq, &ident) < 0 || _PyUnicodeWriter_WriteChar(w, '[') < 0) {
        goto bail;
    }
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(fast); i++) {
        if (i > 0 && _PyUnicodeWriter_WriteStr(w, s->item_separator) < 0) {
            goto bail;
        }
        if (encode_obj(s, w, PySequence_Fast_GET_ITEM(fast, i), level) < 0) {
            goto bail;
        }
    }
    Py_DECREF(fast);
    if (mark_leave(s, ident) < 0) {
        return -1;
    }
    return _PyUnicodeWriter_WriteChar(w, ']');
bail:
    Py_XDECREF(ident);
    Py_DECREF(fast);
    return -1;
}

/* The text of a dict key (new reference), NULL with *SKIP set to skip it, or NULL with
 * TypeError. */
static PyObject *
dict_key(EncoderObject *s, PyObject *key, int *skip)
{
    *skip = 0;
    if (PyUnicode_Check(key)) {
        return Py_NewRef(key);
    }
    if (PyFloat_Check(key)) {
        return encode_float(s, key);
    }
    if (key == Py_True || key == Py_False || key == Py_None) {
        return PyUnicode_FromString(key == Py_True ? "true" : (key == Py_False ? "false" : "null"));
    }
    if (PyLong_Check(key)) {
        return PyLong_Type.tp_repr(key);
    }
    if (s->skipkeys) {
        *skip = 1;
        return NULL;
    }
    PyErr_Format(PyExc_TypeError, "keys must be str, int, float, bool or None, not %.100s",
                 Py_TYPE(key)->tp_name);
    return NULL;
}

/* The keys and values to write for DCT, as a snapshot taken before any of them is encoded:
 * two lists for an exact dict (keys sorted when asked; no item tuples are made), else the
 * list of pairs from DCT.items() in *KEYS with *VALUES NULL, sorted when asked. 0 or -1. */
static int
dict_snapshot(EncoderObject *s, PyObject *dct, PyObject **keys, PyObject **values)
{
    *values = NULL;
    if (!PyDict_CheckExact(dct)) {
        *keys = PyMapping_Items(dct);
        if (*keys == NULL || (s->sort_keys && PyList_Sort(*keys) < 0)) {
            Py_CLEAR(*keys);
            return -1;
        }
        return 0;
    }
    *keys = PyDict_Keys(dct);
    if (*keys == NULL) {
        return -1;
    }
    if (!s->sort_keys) {
        *values = PyDict_Values(dct);
    } else if (PyList_Sort(*keys) == 0) {
        /* keys are distinct, so sorting them orders the items as sorting the pairs would */
        Py_ssize_t n = PyList_GET_SIZE(*keys);
        *values = PyList_New(n);
        for (Py_ssize_t i = 0; *values != NULL && i < n; i++) {
            PyObject *v = PyDict_GetItemWithError(dct, PyList_GET_ITEM(*keys, i));
            if (v == NULL) {
                if (!PyErr_Occurred()) {
                    PyErr_SetString(PyExc_RuntimeError, "dictionary changed size during iteration");
                }
                Py_CLEAR(*values);
                break;
            }
            PyList_SET_ITEM(*values, i, Py_NewRef(v));
        }
    }
    if (*values == NULL) {
        Py_CLEAR(*keys);
        return -1;
    }
    return 0;
}

static int
encode_dict(EncoderObject *s, _PyUnicodeWriter *w, PyObject *dct, Py_ssize_t level)
{
    if (PyDict_GET_SIZE(dct) == 0) {
        return write_ascii(w, "{}");
    }
    PyObject *ident, *keys = NULL, *values = NULL;
    if (mark_enter(s, dct, &ident) < 0) {
        return -1;
    }
    if (_PyUnicodeWriter_WriteChar(w, '{') < 0 || dict_snapshot(s, dct, &keys, &values) < 0) {
        goto bail;
    }
    int first = 1;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(keys); i++) {
        PyObject *key = PyList_GET_ITEM(keys, i), *value;
        if (values != NULL) {
            value = PyList_GET_ITEM(values, i);
        } else if (!PyTuple_Check(key) || PyTuple_GET_SIZE(key) != 2) {
            PyErr_SetString(PyExc_ValueError, "items must return 2-tuples");
            goto bail;
        } else {
            value = PyTuple_GET_ITEM(key, 1);
            key = PyTuple_GET_ITEM(key, 0);
        }
        int skip;
        PyObject *kstr = dict_key(s, key, &skip);
        if (kstr == NULL) {
            if (skip) {
                continue;
            }
            goto bail;
        }
        int r = (!first && _PyUnicodeWriter_WriteStr(w, s->item_separator) < 0) ||
                encode_string(s, w, kstr) < 0 || _PyUnicodeWriter_WriteStr(w, s->key_separator) < 0;
        Py_DECREF(kstr);
        if (r || encode_obj(s, w, value, level) < 0) {
            goto bail;
        }
        first = 0;
    }
    Py_DECREF(keys);
    Py_XDECREF(values);
    if (mark_leave(s, ident) < 0) {
        return -1;
    }
    return _PyUnicodeWriter_WriteChar(w, '}');
bail:
    Py_XDECREF(keys);
    Py_XDECREF(values);
    Py_XDECREF(ident);
    return -1;
}

static int
encode_default(EncoderObject *s, _PyUnicodeWriter *w, PyObject *obj, Py_ssize_t level)
{
    PyObject *ident;
    if (mark_enter(s, obj, &ident) < 0) {
        return -1;
    }
    PyObject *newobj = PyObject_CallOneArg(s->defaultfn, obj);
    if (newobj == NULL) {
        Py_XDECREF(ident);
        return -1;
    }
    int r = -1;
    if (Py_EnterRecursiveCall(" while encoding a JSON object") == 0) {
        r = encode_obj(s, w, newobj, level);
        Py_LeaveRecursiveCall();
    }
    Py_DECREF(newobj);
    if (r < 0) {
        Py_XDECREF(ident);
        return -1;
    }
    return mark_leave(s, ident);
}

static int
encode_obj(EncoderObject *s, _PyUnicodeWriter *w, PyObject *obj, Py_ssize_t level)
{
    if (obj == Py_None) {
        return write_ascii(w, "null");
    }
    if (obj == Py_True) {
        return write_ascii(w, "true");
    }
    if (obj == Py_False) {
        return write_ascii(w, "false");
    }
    if (PyUnicode_Check(obj)) {
        return encode_string(s, w, obj);
    }
    if (PyLong_Check(obj)) {
        return write_new(w, PyLong_Type.tp_repr(obj));
    }
    if (PyFloat_Check(obj)) {
        return write_new(w, encode_float(s, obj));
    }
    int is_list = PyList_Check(obj) || PyTuple_Check(obj);
    if (is_list || PyDict_Check(obj)) {
        if (Py_EnterRecursiveCall(" while encoding a JSON object")) {
            return -1;
        }
        int r = is_list ? encode_list(s, w, obj, level) : encode_dict(s, w, obj, level);
        Py_LeaveRecursiveCall();
        return r;
    }
    return encode_default(s, w, obj, level);
}

static PyObject *
encoder_call(PyObject *op, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"obj", "_current_indent_level", NULL};
    PyObject *obj;
    Py_ssize_t level;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "On:_iterencode", (char **)kwlist, &obj, &level)) {
        return NULL;
    }
    _PyUnicodeWriter w;
    _PyUnicodeWriter_Init(&w);
    w.overallocate = 1;
    if (encode_obj((EncoderObject *)op, &w, obj, level) < 0) {
        _PyUnicodeWriter_Dealloc(&w);
        return NULL;
    }
    PyObject *text = _PyUnicodeWriter_Finish(&w);
    if (text == NULL) {
        return NULL;
    }
    PyObject *res = PyList_New(1);
    if (res == NULL) {
        Py_DECREF(text);
        return NULL;
    }
    PyList_SET_ITEM(res, 0, text);
    return res;
}

/* 1 / 2 when ENCODER is this module's encode_basestring_ascii / encode_basestring. */
static int
fast_encoder_kind(PyObject *encoder)
{
    if (!PyCFunction_Check(encoder)) {
        return 0;
    }
    PyCFunction f = PyCFunction_GET_FUNCTION(encoder);
    if (f == (PyCFunction)py_encode_basestring_ascii) {
        return 1;
    }
    return f == (PyCFunction)py_encode_basestring ? 2 : 0;
}

static PyObject *
encoder_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {
        "markers",        "default",   "encoder",  "indent",    "key_separator",
        "item_separator", "sort_keys", "skipkeys", "allow_nan", NULL};
    PyObject *markers, *defaultfn, *encoder, *indent, *key_sep, *item_sep;
    int sort_keys, skipkeys, allow_nan;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OOOOUUppp:make_encoder", (char **)kwlist,
                                     &markers, &defaultfn, &encoder, &indent, &key_sep, &item_sep,
                                     &sort_keys, &skipkeys, &allow_nan)) {
        return NULL;
    }
    if (markers != Py_None && !PyDict_Check(markers)) {
        PyErr_Format(PyExc_TypeError, "make_encoder() argument 1 must be dict or None, not %.200s",
                     Py_TYPE(markers)->tp_name);
        return NULL;
    }
    EncoderObject *s = (EncoderObject *)type->tp_alloc(type, 0);
    if (s == NULL) {
        return NULL;
    }
    s->markers = Py_NewRef(markers);
    s->defaultfn = Py_NewRef(defaultfn);
    s->encoder = Py_NewRef(encoder);
    s->indent = Py_NewRef(indent);
    s->key_separator = Py_NewRef(key_sep);
    s->item_separator = Py_NewRef(item_sep);
    s->sort_keys = (char)sort_keys;
    s->skipkeys = (char)skipkeys;
    s->allow_nan = (char)allow_nan;
    s->fast_encode = fast_encoder_kind(encoder);
    return (PyObject *)s;
}

static int
encoder_traverse(PyObject *op, visitproc visit, void *arg)
{
    EncoderObject *s = (EncoderObject *)op;
    Py_VISIT(s->markers);
    Py_VISIT(s->defaultfn);
    Py_VISIT(s->encoder);
    Py_VISIT(s->indent);
    Py_VISIT(s->key_separator);
    Py_VISIT(s->item_separator);
    return 0;
}

static int
encoder_clear(PyObject *op)
{
    EncoderObject *s = (EncoderObject *)op;
    Py_CLEAR(s->markers);
    Py_CLEAR(s->defaultfn);
    Py_CLEAR(s->encoder);
    Py_CLEAR(s->indent);
    Py_CLEAR(s->key_separator);
    Py_CLEAR(s->item_separator);
    return 0;
}

static void
encoder_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    encoder_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static PyMemberDef encoder_members[] = {
    {"markers", T_OBJECT, offsetof(EncoderObject, markers), READONLY, "markers"},
    {"default", T_OBJECT, offsetof(EncoderObject, defaultfn), READONLY, "default"},
    {"encoder", T_OBJECT, offsetof(EncoderObject, encoder), READONLY, "encoder"},
    {"indent", T_OBJECT, offsetof(EncoderObject, indent), READONLY, "indent"},
    {"key_separator", T_OBJECT, offsetof(EncoderObject, key_separator), READONLY, NULL},
    {"item_separator", T_OBJECT, offsetof(EncoderObject, item_separator), READONLY, NULL},
    {"sort_keys", T_BOOL, offsetof(EncoderObject, sort_keys), READONLY, "sort_keys"},
    {"skipkeys", T_BOOL, offsetof(EncoderObject, skipkeys), READONLY, "skipkeys"},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject Encoder_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_json.Encoder",
    .tp_basicsize = sizeof(EncoderObject),
    .tp_dealloc = encoder_dealloc,
    .tp_call = encoder_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "_iterencode(obj, _current_indent_level) -> iterable",
    .tp_traverse = encoder_traverse,
    .tp_clear = encoder_clear,
    .tp_members = encoder_members,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = encoder_new,
    .tp_free = PyObject_GC_Del,
};

static PyMethodDef json_functions[] = {
    {"encode_basestring_ascii", py_encode_basestring_ascii, METH_O,
     "encode_basestring_ascii(string) -> string\n\nReturn an ASCII-only JSON representation of "
     "a Python string"},
    {"encode_basestring", py_encode_basestring, METH_O,
     "encode_basestring(string) -> string\n\nReturn a JSON representation of a Python string"},
    {"scanstring", py_scanstring, METH_VARARGS,
     "scanstring(string, end, strict=True) -> (string, end)\n\nScan the string s for a JSON "
     "string. End is the index of the\ncharacter in s after the quote that started the JSON "
     "string.\nUnescapes all valid JSON string escape sequences and raises ValueError\non "
     "attempt to decode an invalid string. If strict is False then literal\ncontrol characters "
     "are allowed in the string.\n\nReturns a tuple of the decoded string and the index of "
     "the character in s\nafter the end quote."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef json_module = {
    PyModuleDef_HEAD_INIT, .m_name = "_json",           .m_doc = "json speedups\n",
    .m_size = -1,          .m_methods = json_functions,
};

PyMODINIT_FUNC PyInit__json(void);
PyMODINIT_FUNC
PyInit__json(void)
{
    if (PyType_Ready(&Scanner_Type) < 0 || PyType_Ready(&Encoder_Type) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&json_module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddObjectRef(m, "make_scanner", (PyObject *)&Scanner_Type) < 0 ||
        PyModule_AddObjectRef(m, "make_encoder", (PyObject *)&Encoder_Type) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
