/* The binascii module: hex (with separators), base64 (strict mode), uuencode, quoted-printable,
 * crc32 (zlib's) and crc_hqx, with binascii.Error/Incomplete, as CPython 3.11's
 * Modules/binascii.c behaves: a2b_* also take ASCII str, b2a_* take bytes-like objects. */
#include "Python.h"
#include "pyrs/call.h"

#include <zlib.h>

static PyObject *BinasciiError;      /* binascii.Error (a ValueError) */
static PyObject *BinasciiIncomplete; /* binascii.Incomplete */

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

/* A truth-valued option (NULL means DEFAULT): 0/1, or -1 with an exception. */
static int
flag(PyObject *o, int dflt)
{
    return o == NULL ? dflt : PyObject_IsTrue(o);
}

/* The data of an a2b_* argument: a bytes-like object, or an ASCII-only str. Fills VIEW (release
 * with PyBuffer_Release); 0, or -1 with TypeError/ValueError. */
static int
ascii_buffer(PyObject *arg, Py_buffer *view)
{
    if (PyUnicode_Check(arg)) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
        if (s == NULL) {
            return -1;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            if ((unsigned char)s[i] > 127) {
                PyErr_SetString(PyExc_ValueError,
                                "string argument should contain only ASCII characters");
                return -1;
            }
        }
        return PyBuffer_FillInfo(view, arg, (void *)s, n, 1, PyBUF_SIMPLE);
    }
    if (!PyObject_CheckBuffer(arg)) {
        PyErr_Format(PyExc_TypeError,
                     "argument should be bytes, buffer or ASCII string, not '%.100s'",
                     Py_TYPE(arg)->tp_name);
        return -1;
    }
    return PyObject_GetBuffer(arg, view, PyBUF_SIMPLE);
}

static int
binary_buffer(PyObject *arg, Py_buffer *view)
{
    return PyObject_GetBuffer(arg, view, PyBUF_SIMPLE);
}

static const char hexdigits_lower[] = "0123456789abcdef";
static const char hexdigits_upper[] = "0123456789ABCDEF";

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

/* ---- hex ------------------------------------------------------------------------------------ */

/* Hex of DATA with SEP (may be NULL) between groups of BYTES_PER_SEP (negative: counted from the
 * left). New bytes object or NULL. */
static PyObject *
strhex(const unsigned char *data, Py_ssize_t n, PyObject *sep, int bytes_per_sep)
{
    char sep_char = 0;
    if (sep != NULL) {
        Py_ssize_t seplen = PyObject_Length(sep);
        if (seplen < 0) {
            return NULL;
        }
        if (seplen != 1) {
            PyErr_SetString(PyExc_ValueError, "sep must be length 1.");
            return NULL;
        }
        if (PyUnicode_Check(sep)) {
            Py_UCS4 c = PyUnicode_ReadChar(sep, 0);
            if (c > 255) {
                PyErr_SetString(PyExc_ValueError, "sep must be ASCII.");
                return NULL;
            }
            sep_char = (char)c;
        } else if (PyBytes_Check(sep)) {
            sep_char = PyBytes_AS_STRING(sep)[0];
        } else {
            PyErr_SetString(PyExc_TypeError, "sep must be str or bytes.");
            return NULL;
        }
    } else {
        bytes_per_sep = 0;
    }
    Py_ssize_t group = bytes_per_sep < 0 ? -(Py_ssize_t)bytes_per_sep : bytes_per_sep;
    if (group == 0 || group >= n) {
        group = 0;
    }
    Py_ssize_t nsep = group && n > 0 ? (n - 1) / group : 0;
    PyObject *res = PyBytes_FromStringAndSize(NULL, n * 2 + nsep);
    if (res == NULL) {
        return NULL;
    }
    char *out = PyBytes_AS_STRING(res);
    /* with a positive group, the leftmost group is the short one */
    Py_ssize_t first = group == 0 ? 0 : (bytes_per_sep > 0 ? n % group : 0);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (group && i > 0 && (i - first) % group == 0) {
            *out++ = sep_char;
        }
        *out++ = hexdigits_lower[data[i] >> 4];
        *out++ = hexdigits_lower[data[i] & 15];
    }
    return res;
}

static PyObject *
hex_common(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"data", "sep", "bytes_per_sep", NULL};
    PyObject *o[3];
    if (parse_kw(fname, args, nargs, kwnames, names, 0, 3, 1, o) < 0) {
        return NULL;
    }
    int bps = 1;
    if (o[2] != NULL) {
        bps = _PyLong_AsInt(o[2]);
        if (bps == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    Py_buffer b;
    if (binary_buffer(o[0], &b) < 0) {
        return NULL;
    }
    PyObject *res = strhex(b.buf, b.len, o[1], bps);
    PyBuffer_Release(&b);
    return res;
}

static PyObject *
binascii_b2a_hex(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return hex_common("b2a_hex", args, nargs, kwnames);
}

static PyObject *
binascii_hexlify(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return hex_common("hexlify", args, nargs, kwnames);
}

static PyObject *
binascii_a2b_hex(PyObject *Py_UNUSED(m), PyObject *arg)
{
    Py_buffer b;
    if (ascii_buffer(arg, &b) < 0) {
        return NULL;
    }
    PyObject *res = NULL;
    const unsigned char *s = b.buf;
    if (b.len % 2 != 0) {
        PyErr_SetString(BinasciiError, "Odd-length string");
        goto done;
    }
    res = PyBytes_FromStringAndSize(NULL, b.len / 2);
    if (res == NULL) {
        goto done;
    }
    char *out = PyBytes_AS_STRING(res);
    for (Py_ssize_t i = 0; i < b.len; i += 2) {
        int hi = hexval(s[i]), lo = hexval(s[i + 1]);
        if (hi < 0 || lo < 0) {
            PyErr_SetString(BinasciiError, "Non-hexadecimal digit found");
            Py_CLEAR(res);
            goto done;
        }
        *out++ = (char)(hi * 16 + lo);
    }
done:
    PyBuffer_Release(&b);
    return res;
}

/* ---- base64 --------------------------------------------------------------------------------- */

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int
b64val(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    if (c == '/') {
        return 63;
    }
    return -1;
}

static PyObject *
binascii_b2a_base64(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                    PyObject *kwnames)
{
    static const char *const names[] = {"", "newline", NULL};
    PyObject *o[2];
    if (parse_kw("b2a_base64", args, nargs, kwnames, names, 1, 1, 1, o) < 0) {
        return NULL;
    }
    int newline = flag(o[1], 1);
    if (newline < 0) {
        return NULL;
    }
    Py_buffer b;
    if (binary_buffer(o[0], &b) < 0) {
        return NULL;
    }
    const unsigned char *s = b.buf;
    Py_ssize_t n = b.len;
    PyObject *res = PyBytes_FromStringAndSize(NULL, (n + 2) / 3 * 4 + newline);
    if (res != NULL) {
        char *out = PyBytes_AS_STRING(res);
        Py_ssize_t i = 0;
        for (; i + 2 < n; i += 3) {
            unsigned v = ((unsigned)s[i] << 16) | ((unsigned)s[i + 1] << 8) | s[i + 2];
            *out++ = b64chars[v >> 18];
            *out++ = b64chars[(v >> 12) & 63];
            *out++ = b64chars[(v >> 6) & 63];
            *out++ = b64chars[v & 63];
        }
        if (n - i == 1) {
            unsigned v = (unsigned)s[i] << 16;
            *out++ = b64chars[v >> 18];
            *out++ = b64chars[(v >> 12) & 63];
            *out++ = '=';
            *out++ = '=';
        } else if (n - i == 2) {
            unsigned v = ((unsigned)s[i] << 16) | ((unsigned)s[i + 1] << 8);
            *out++ = b64chars[v >> 18];
            *out++ = b64chars[(v >> 12) & 63];
            *out++ = b64chars[(v >> 6) & 63];
            *out++ = '=';
        }
        if (newline) {
            *out++ = '\n';
        }
    }
    PyBuffer_Release(&b);
    return res;
}

static PyObject *
a2b_base64(const unsigned char *s, Py_ssize_t n, int strict)
{
    PyObject *res = PyBytes_FromStringAndSize(NULL, (n / 4) * 3 + 3);
    if (res == NULL) {
        return NULL;
    }
    unsigned char *out = (unsigned char *)PyBytes_AS_STRING(res), *start = out;
    int quad_pos = 0, pads = 0, padding_started = 0;
    unsigned leftchar = 0;
    const char *msg = NULL;
    if (strict && n > 0 && s[0] == '=') {
        msg = "Leading padding not allowed";
        goto error;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == '=') {
            padding_started = 1;
            if (quad_pos >= 2 && quad_pos + ++pads >= 4) {
                if (strict && i + 1 < n) {
                    msg = "Excess data after padding";
                    goto error;
                }
                goto done;
            }
            continue;
        }
        int v = b64val(c);
        if (v < 0) {
            if (strict) {
                msg = "Only base64 data is allowed";
                goto error;
            }
            continue;
        }
        if (strict && padding_started) {
            msg = "Discontinuous padding not allowed";
            goto error;
        }
        pads = 0;
        switch (quad_pos) {
        case 0:
            quad_pos = 1;
            leftchar = (unsigned)v;
            break;
        case 1:
            quad_pos = 2;
            *out++ = (unsigned char)((leftchar << 2) | ((unsigned)v >> 4));
            leftchar = (unsigned)v & 0x0f;
            break;
        case 2:
            quad_pos = 3;
            *out++ = (unsigned char)((leftchar << 4) | ((unsigned)v >> 2));
            leftchar = (unsigned)v & 0x03;
            break;
        default:
            quad_pos = 0;
            *out++ = (unsigned char)((leftchar << 6) | (unsigned)v);
            leftchar = 0;
            break;
        }
    }
    if (quad_pos == 1) {
        PyErr_Format(BinasciiError,
                     "Invalid base64-encoded string: number of data characters (%zd) cannot be "
                     "1 more than a multiple of 4",
                     (out - start) / 3 * 4 + 1);
        Py_DECREF(res);
        return NULL;
    }
    if (quad_pos != 0) {
        msg = "Incorrect padding";
        goto error;
    }
done:
    if (_PyBytes_Resize(&res, out - start) < 0) {
        return NULL;
    }
    return res;
error:
    PyErr_SetString(BinasciiError, msg);
    Py_DECREF(res);
    return NULL;
}

static PyObject *
binascii_a2b_base64(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                    PyObject *kwnames)
{
    static const char *const names[] = {"", "strict_mode", NULL};
    PyObject *o[2];
    if (parse_kw("a2b_base64", args, nargs, kwnames, names, 1, 1, 1, o) < 0) {
        return NULL;
    }
    int strict = flag(o[1], 0);
    if (strict < 0) {
        return NULL;
    }
    Py_buffer b;
    if (ascii_buffer(o[0], &b) < 0) {
        return NULL;
    }
    PyObject *res = a2b_base64(b.buf, b.len, strict);
    PyBuffer_Release(&b);
    return res;
}

/* ---- uuencode ------------------------------------------------------------------------------- */

static PyObject *
binascii_b2a_uu(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"", "backtick", NULL};
    PyObject *o[2];
    if (parse_kw("b2a_uu", args, nargs, kwnames, names, 1, 1, 1, o) < 0) {
        return NULL;
    }
    int backtick = flag(o[1], 0);
    if (backtick < 0) {
        return NULL;
    }
    Py_buffer b;
    if (binary_buffer(o[0], &b) < 0) {
        return NULL;
    }
    PyObject *res = NULL;
    const unsigned char *s = b.buf;
    Py_ssize_t n = b.len;
    if (n > 45) {
        PyErr_SetString(BinasciiError, "At most 45 bytes at once");
        goto done;
    }
    res = PyBytes_FromStringAndSize(NULL, 2 + (n + 2) / 3 * 4);
    if (res == NULL) {
        goto done;
    }
    char *out = PyBytes_AS_STRING(res);
    *out++ = (backtick && n == 0) ? '`' : (char)(' ' + n);
    for (Py_ssize_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16;
        if (i + 1 < n) {
            v |= (unsigned)s[i + 1] << 8;
        }
        if (i + 2 < n) {
            v |= s[i + 2];
        }
        for (int k = 18; k >= 0; k -= 6) {
            unsigned c = (v >> k) & 63;
            *out++ = (backtick && c == 0) ? '`' : (char)(' ' + c);
        }
    }
    *out++ = '\n';
done:
    PyBuffer_Release(&b);
    return res;
}

static PyObject *
binascii_a2b_uu(PyObject *Py_UNUSED(m), PyObject *arg)
{
    Py_buffer b;
    if (ascii_buffer(arg, &b) < 0) {
        return NULL;
    }
    const unsigned char *s = b.buf;
    Py_ssize_t n = b.len;
    /* the first character gives the decoded length */
    Py_ssize_t bin_len = ((n > 0 ? s[0] : 0) - ' ') & 077;
    s++;
    n--;
    PyObject *res = PyBytes_FromStringAndSize(NULL, bin_len);
    if (res == NULL) {
        PyBuffer_Release(&b);
        return NULL;
    }
    unsigned char *out = (unsigned char *)PyBytes_AS_STRING(res);
    unsigned leftchar = 0;
    int leftbits = 0;
    for (; bin_len > 0; n--, s++) {
        unsigned c = n > 0 ? *s : 0;
        if (c == '\n' || c == '\r' || n <= 0) {
            c = 0; /* trailing spaces eaten by a mailer */
        } else {
            if (c < ' ' || c > ' ' + 64) {
                PyErr_SetString(BinasciiError, "Illegal char");
                goto error;
            }
            c = (c - ' ') & 077;
        }
        leftchar = (leftchar << 6) | c;
        leftbits += 6;
        if (leftbits >= 8) {
            leftbits -= 8;
            *out++ = (unsigned char)((leftchar >> leftbits) & 0xff);
            leftchar &= (1u << leftbits) - 1;
            bin_len--;
        }
    }
    while (n-- > 0) {
        unsigned c = *s++;
        if (c != ' ' && c != ' ' + 64 && c != '\n' && c != '\r') {
            PyErr_SetString(BinasciiError, "Trailing garbage");
            goto error;
        }
    }
    PyBuffer_Release(&b);
    return res;
error:
    PyBuffer_Release(&b);
    Py_DECREF(res);
    return NULL;
}

/* ---- quoted-printable ----------------------------------------------------------------------- */

static PyObject *
binascii_a2b_qp(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"data", "header", NULL};
    PyObject *o[2];
    if (parse_kw("a2b_qp", args, nargs, kwnames, names, 0, 2, 1, o) < 0) {
        return NULL;
    }
    int header = flag(o[1], 0);
    if (header < 0) {
        return NULL;
    }
    Py_buffer b;
    if (ascii_buffer(o[0], &b) < 0) {
        return NULL;
    }
    const unsigned char *s = b.buf;
    Py_ssize_t n = b.len, in = 0, outn = 0;
    PyObject *res = PyBytes_FromStringAndSize(NULL, n);
    if (res == NULL) {
        PyBuffer_Release(&b);
        return NULL;
    }
    unsigned char *out = (unsigned char *)PyBytes_AS_STRING(res);
    while (in < n) {
        if (s[in] == '=') {
            in++;
            if (in >= n) {
                break;
            }
            if (s[in] == '\n' || s[in] == '\r') {
                /* soft line break */
                if (s[in] != '\n') {
                    while (in < n && s[in] != '\n') {
                        in++;
                    }
                }
                if (in < n) {
                    in++;
                }
            } else if (s[in] == '=') {
                out[outn++] = '=';
                in++;
            } else if (in + 1 < n && hexval(s[in]) >= 0 && hexval(s[in + 1]) >= 0) {
                out[outn++] = (unsigned char)(hexval(s[in]) * 16 + hexval(s[in + 1]));
                in += 2;
            } else {
                out[outn++] = '=';
            }
        } else if (header && s[in] == '_') {
            out[outn++] = ' ';
            in++;
        } else {
            out[outn++] = s[in++];
        }
    }
    PyBuffer_Release(&b);
    if (_PyBytes_Resize(&res, outn) < 0) {
        return NULL;
    }
    return res;
}

#define MAXLINESIZE 76

static PyObject *
binascii_b2a_qp(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"data", "quotetabs", "istext", "header", NULL};
    PyObject *o[4];
    if (parse_kw("b2a_qp", args, nargs, kwnames, names, 0, 4, 1, o) < 0) {
        return NULL;
    }
    int quotetabs = flag(o[1], 0), istext = flag(o[2], 1), header = flag(o[3], 0);
    if (quotetabs < 0 || istext < 0 || header < 0) {
        return NULL;
    }
    Py_buffer b;
    if (binary_buffer(o[0], &b) < 0) {
        return NULL;
    }
    const unsigned char *s = b.buf;
    Py_ssize_t n = b.len, in = 0, outn = 0, linelen = 0;
    const unsigned char *nl = memchr(s, '\n', (size_t)n);
    int crlf = nl != NULL && nl > s && nl[-1] == '\r';
    PyObject *res = PyBytes_FromStringAndSize(NULL, n * 6 + 8);
    if (res == NULL) {
        PyBuffer_Release(&b);
        return NULL;
    }
    unsigned char *out = (unsigned char *)PyBytes_AS_STRING(res);
    while (in < n) {
        unsigned char c = s[in];
        int needs_quote =
            c > 126 || c == '=' || (header && c == '_') ||
            (c == '.' && linelen == 0 &&
             (in + 1 == n || s[in + 1] == '\n' || s[in + 1] == '\r' || s[in + 1] == 0)) ||
            (!istext && (c == '\r' || c == '\n')) || ((c == '\t' || c == ' ') && in + 1 == n) ||
            (c < 33 && c != '\r' && c != '\n' && (quotetabs || (c != '\t' && c != ' ')));
        if (needs_quote) {
            if (linelen + 3 >= MAXLINESIZE) {
                out[outn++] = '=';
                if (crlf) {
                    out[outn++] = '\r';
                }
                out[outn++] = '\n';
                linelen = 0;
            }
            out[outn++] = '=';
            out[outn++] = (unsigned char)hexdigits_upper[c >> 4];
            out[outn++] = (unsigned char)hexdigits_upper[c & 15];
            in++;
            linelen += 3;
        } else if (istext && (c == '\n' || (in + 1 < n && c == '\r' && s[in + 1] == '\n'))) {
            linelen = 0;
            /* whitespace at the end of a line is quoted */
            if (outn && (out[outn - 1] == ' ' || out[outn - 1] == '\t')) {
                unsigned char w = out[outn - 1];
                out[outn - 1] = '=';
                out[outn++] = (unsigned char)hexdigits_upper[w >> 4];
                out[outn++] = (unsigned char)hexdigits_upper[w & 15];
            }
            if (crlf) {
                out[outn++] = '\r';
            }
            out[outn++] = '\n';
            in += c == '\r' ? 2 : 1;
        } else {
            if (in + 1 != n && s[in + 1] != '\n' && linelen + 1 >= MAXLINESIZE) {
                out[outn++] = '=';
                if (crlf) {
                    out[outn++] = '\r';
                }
                out[outn++] = '\n';
                linelen = 0;
            }
            linelen++;
            if (header && c == ' ') {
                out[outn++] = '_';
            } else {
                out[outn++] = c;
            }
            in++;
        }
    }
    PyBuffer_Release(&b);
    if (_PyBytes_Resize(&res, outn) < 0) {
        return NULL;
    }
    return res;
}

/* ---- checksums ------------------------------------------------------------------------------ */

/* An unsigned int argument taken modulo 2**32 (clinic's bitwise unsigned_int). */
static int
bitwise_uint(PyObject *o, unsigned int *out)
{
    if (PyFloat_Check(o)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return -1;
    }
    unsigned long v = PyLong_AsUnsignedLongMask(o);
    if (v == (unsigned long)-1 && PyErr_Occurred()) {
        return -1;
    }
    *out = (unsigned int)v;
    return 0;
}

static PyObject *
binascii_crc32(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    unsigned int crc = 0;
    if (!_PyArg_CheckPositional("crc32", nargs, 1, 2)) {
        return NULL;
    }
    if (nargs == 2 && bitwise_uint(args[1], &crc) < 0) {
        return NULL;
    }
    Py_buffer b;
    if (binary_buffer(args[0], &b) < 0) {
        return NULL;
    }
    uLong v = crc;
    const Bytef *p = b.buf;
    Py_ssize_t n = b.len;
    while (n > 0) {
        uInt chunk = n > (Py_ssize_t)0x40000000 ? 0x40000000u : (uInt)n;
        v = crc32(v, p, chunk);
        p += chunk;
        n -= chunk;
    }
    PyBuffer_Release(&b);
    return PyLong_FromUnsignedLong(v & 0xffffffffUL);
}

static unsigned short crctab_hqx[256];

static void
init_crc_hqx(void)
{
    for (unsigned i = 0; i < 256; i++) {
        unsigned c = i << 8;
        for (int k = 0; k < 8; k++) {
            c = (c & 0x8000) ? ((c << 1) ^ 0x1021) : (c << 1);
        }
        crctab_hqx[i] = (unsigned short)(c & 0xffff);
    }
}

static PyObject *
binascii_crc_hqx(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    unsigned int crc;
    if (!_PyArg_CheckPositional("crc_hqx", nargs, 2, 2) || bitwise_uint(args[1], &crc) < 0) {
        return NULL;
    }
    Py_buffer b;
    if (binary_buffer(args[0], &b) < 0) {
        return NULL;
    }
    crc &= 0xffff;
    const unsigned char *p = b.buf;
    for (Py_ssize_t i = 0; i < b.len; i++) {
        crc = ((crc << 8) & 0xff00) ^ crctab_hqx[((crc >> 8) & 0xff) ^ p[i]];
    }
    PyBuffer_Release(&b);
    return PyLong_FromUnsignedLong(crc);
}

/* ---- the module ----------------------------------------------------------------------------- */

#define KW(name)                                                                                   \
    {                                                                                              \
#name, (PyCFunction)(void (*)(void))binascii_##name, METH_FASTCALL | METH_KEYWORDS, NULL   \
    }
#define FC(name)                                                                                   \
    {                                                                                              \
#name, (PyCFunction)(void (*)(void))binascii_##name, METH_FASTCALL, NULL                   \
    }

static PyMethodDef binascii_methods[] = {
    KW(a2b_base64),
    {"a2b_hex", binascii_a2b_hex, METH_O, NULL},
    KW(a2b_qp),
    {"a2b_uu", binascii_a2b_uu, METH_O, NULL},
    KW(b2a_base64),
    KW(b2a_hex),
    KW(b2a_qp),
    KW(b2a_uu),
    FC(crc32),
    FC(crc_hqx),
    KW(hexlify),
    {"unhexlify", binascii_a2b_hex, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static int
binascii_exec(PyObject *m)
{
    if (BinasciiError == NULL) {
        BinasciiError = PyErr_NewException("binascii.Error", PyExc_ValueError, NULL);
        BinasciiIncomplete = PyErr_NewException("binascii.Incomplete", NULL, NULL);
        if (BinasciiError == NULL || BinasciiIncomplete == NULL) {
            return -1;
        }
        init_crc_hqx();
    }
    if (PyModule_AddObjectRef(m, "Error", BinasciiError) < 0 ||
        PyModule_AddObjectRef(m, "Incomplete", BinasciiIncomplete) < 0) {
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot binascii_slots[] = {
    {Py_mod_exec, (void *)binascii_exec},
    {0, NULL},
};

static PyModuleDef binascii_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "binascii",
    .m_doc = "Conversion between binary data and ASCII",
    .m_size = 0,
    .m_methods = binascii_methods,
    .m_slots = binascii_slots,
};

PyMODINIT_FUNC PyInit_binascii(void);

/* The binascii module definition (multi-phase); a borrowed reference to the def. */
PyMODINIT_FUNC
PyInit_binascii(void)
{
    return PyModuleDef_Init(&binascii_module);
}
