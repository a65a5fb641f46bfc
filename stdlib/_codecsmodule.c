/* _codecs: the native half of the codecs module, as CPython 3.11's Modules/_codecsmodule.c:
 * the registry entry points (register, lookup, encode, decode, register_error, ...) over
 * runtime/codecs.c and one function per built-in codec returning (result, length consumed). */
#include "Python.h"
#include "codecs.h"
#include "pyrs/call.h"
#include "pyrs/rtmods.h"
#include "pyrs/unicode.h"

/* The optional errors argument: str or None. *OUT NULL means the default; 0 or -1. */
static int
errors_arg(const char *fname, int argnum, PyObject *arg, const char **out)
{
    *out = NULL;
    if (arg == NULL || arg == Py_None) {
        return 0;
    }
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "%s() argument %d must be str or None, not %.50s", fname,
                     argnum, Py_TYPE(arg)->tp_name);
        return -1;
    }
    *out = pyrs_rtmods_str(fname, "", arg);
    return *out == NULL ? -1 : 0;
}

/* (OBJ, N) with OBJ stolen. */
static PyObject *
codec_tuple(PyObject *obj, Py_ssize_t n)
{
    if (obj == NULL) {
        return NULL;
    }
    PyObject *len = PyLong_FromSsize_t(n);
    PyObject *res = len != NULL ? PyTuple_Pack(2, obj, len) : NULL;
    Py_XDECREF(len);
    Py_DECREF(obj);
    return res;
}

/* ---- registry ------------------------------------------------------------------------------ */

static PyObject *
codecs_register(PyObject *Py_UNUSED(module), PyObject *search_function)
{
    if (PyCodec_Register(search_function) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
codecs_unregister(PyObject *Py_UNUSED(module), PyObject *search_function)
{
    if (PyCodec_Unregister(search_function) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
codecs_lookup(PyObject *Py_UNUSED(module), PyObject *encoding)
{
    const char *enc = pyrs_rtmods_str("lookup", "", encoding);
    return enc == NULL ? NULL : _PyCodec_Lookup(enc);
}

/* encode/decode(obj, encoding='utf-8', errors='strict') */
static PyObject *
encode_decode(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
              int encode)
{
    static const char *const names[] = {"obj", "encoding", "errors", NULL};
    PyObject *a[3];
    const char *encoding = "utf-8", *errors = NULL;
    if (pyrs_rtmods_bind(fname, args, nargs, kwnames, names, 1, a) < 0) {
        return NULL;
    }
    if (a[1] != NULL && (encoding = pyrs_rtmods_str(fname, "'encoding'", a[1])) == NULL) {
        return NULL;
    }
    if (a[2] != NULL && (errors = pyrs_rtmods_str(fname, "'errors'", a[2])) == NULL) {
        return NULL;
    }
    return encode ? PyCodec_Encode(a[0], encoding, errors) : PyCodec_Decode(a[0], encoding, errors);
}

static PyObject *
codecs_encode(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs,
              PyObject *kwnames)
{
    return encode_decode("encode", args, nargs, kwnames, 1);
}

static PyObject *
codecs_decode(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs,
              PyObject *kwnames)
{
    return encode_decode("decode", args, nargs, kwnames, 0);
}

static PyObject *
codecs_register_error(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("register_error", nargs, 2, 2)) {
        return NULL;
    }
    const char *name = pyrs_rtmods_str("register_error", "1", args[0]);
    if (name == NULL || PyCodec_RegisterError(name, args[1]) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
codecs_lookup_error(PyObject *Py_UNUSED(module), PyObject *name)
{
    const char *s = pyrs_rtmods_str("lookup_error", "", name);
    return s == NULL ? NULL : PyCodec_LookupError(s);
}

/* ---- encoders: f(str, errors=None[, byteorder]) -> (bytes, len(str)) ----------------------- */

enum {
    C_UTF8,
    C_UTF7,
    C_UTF16,
    C_UTF16LE,
    C_UTF16BE,
    C_UTF32,
    C_UTF32LE,
    C_UTF32BE,
    C_LATIN1,
    C_ASCII,
    C_UNICODE_ESCAPE,
    C_RAW_UNICODE_ESCAPE,
};

static PyObject *
encode_str(int codec, PyObject *s, const char *errors, int byteorder)
{
    switch (codec) {
    case C_UTF8:
        return pyrs_unicode_encode_utf8(s, errors);
    case C_UTF7:
        return _PyUnicode_EncodeUTF7(s, 0, 0, errors);
    case C_UTF16:
    case C_UTF16LE:
    case C_UTF16BE:
        return _PyUnicode_EncodeUTF16(s, errors,
                                      codec == C_UTF16     ? byteorder
                                      : codec == C_UTF16LE ? -1
                                                           : 1);
    case C_UTF32:
    case C_UTF32LE:
    case C_UTF32BE:
        return _PyUnicode_EncodeUTF32(s, errors,
                                      codec == C_UTF32     ? byteorder
                                      : codec == C_UTF32LE ? -1
                                                           : 1);
    case C_LATIN1:
        return _PyUnicode_AsLatin1String(s, errors);
    case C_ASCII:
        return _PyUnicode_AsASCIIString(s, errors);
    case C_UNICODE_ESCAPE:
        return PyUnicode_AsUnicodeEscapeString(s);
    default:
        return PyUnicode_AsRawUnicodeEscapeString(s);
    }
}

static PyObject *
encoder(const char *fname, int codec, PyObject *const *args, Py_ssize_t nargs)
{
    int has_bo = codec == C_UTF16 || codec == C_UTF32;
    const char *errors;
    int byteorder = 0;
    if (!_PyArg_CheckPositional(fname, nargs, 1, has_bo ? 3 : 2)) {
        return NULL;
    }
    if (!PyUnicode_Check(args[0])) {
        PyErr_Format(PyExc_TypeError, "%s() argument 1 must be str, not %.50s", fname,
                     Py_TYPE(args[0])->tp_name);
        return NULL;
    }
    if (errors_arg(fname, 2, nargs > 1 ? args[1] : NULL, &errors) < 0) {
        return NULL;
    }
    if (nargs > 2) {
        byteorder = _PyLong_AsInt(args[2]);
        if (byteorder == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    return codec_tuple(encode_str(codec, args[0], errors, byteorder),
                       PyUnicode_GET_LENGTH(args[0]));
}

#define ENCODER(name, codec)                                                                       \
    static PyObject *codecs_##name(PyObject *Py_UNUSED(module), PyObject *const *args,             \
                                   Py_ssize_t nargs)                                               \
    {                                                                                              \
        return encoder(#name, codec, args, nargs);                                                 \
    }
ENCODER(utf_8_encode, C_UTF8)
ENCODER(utf_7_encode, C_UTF7)
ENCODER(utf_16_encode, C_UTF16)
ENCODER(utf_16_le_encode, C_UTF16LE)
ENCODER(utf_16_be_encode, C_UTF16BE)
ENCODER(utf_32_encode, C_UTF32)
ENCODER(utf_32_le_encode, C_UTF32LE)
ENCODER(utf_32_be_encode, C_UTF32BE)
ENCODER(latin_1_encode, C_LATIN1)
ENCODER(ascii_encode, C_ASCII)
ENCODER(unicode_escape_encode, C_UNICODE_ESCAPE)
ENCODER(raw_unicode_escape_encode, C_RAW_UNICODE_ESCAPE)

/* ---- decoders: f(data, errors=None, final=False) -> (str, consumed) ------------------------ */

/* Fills VIEW from a bytes-like object, or (ACCEPT_STR) from a str's UTF-8. 0 or -1. */
static int
data_arg(PyObject *arg, Py_buffer *view, int accept_str)
{
    if (accept_str && PyUnicode_Check(arg)) {
        Py_ssize_t len;
        const char *s = PyUnicode_AsUTF8AndSize(arg, &len);
        if (s == NULL) {
            return -1;
        }
        return PyBuffer_FillInfo(view, arg, (void *)s, len, 1, PyBUF_SIMPLE);
    }
    return PyObject_GetBuffer(arg, view, PyBUF_SIMPLE);
}

static int
is_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The length of the prefix of S[0:n) that ends before an escape the input cut short (what a
 * stateful unicode_escape / raw_unicode_escape decoder leaves for the next call). */
static Py_ssize_t
escape_prefix(const unsigned char *s, Py_ssize_t n, int raw)
{
    Py_ssize_t i = 0;
    while (i < n) {
        if (s[i] != '\\') {
            i++;
            continue;
        }
        Py_ssize_t start = i, j = i;
        if (raw) {
            while (j < n && s[j] == '\\') {
                j++;
            }
            if ((j - i) % 2 == 0 || (j < n && s[j] != 'u' && s[j] != 'U')) {
                i = j;
                continue;
            }
            if (j == n) {
                return j - 1;
            }
            start = j - 1;
            j++;
        } else {
            if (i + 1 >= n) {
                return start;
            }
            j = i + 2;
            if (s[i + 1] == 'N') {
                while (j < n && s[j] != '}') {
                    j++;
                }
                if (j >= n) {
                    return start;
                }
                i = j + 1;
                continue;
            }
            if (s[i + 1] != 'x' && s[i + 1] != 'u' && s[i + 1] != 'U') {
                i = j;
                continue;
            }
        }
        unsigned char kind = s[j - 1];
        Py_ssize_t digits = kind == 'x' ? 2 : kind == 'u' ? 4 : 8, k = j;
        while (k < n && k < j + digits && is_hex(s[k])) {
            k++;
        }
        if (k == n && k < j + digits) {
            return start;
        }
        i = k;
    }
    return n;
}

static PyObject *
decode_data(int codec, const char *s, Py_ssize_t n, const char *errors, int final, int *byteorder,
            Py_ssize_t *consumed)
{
    Py_ssize_t *cons = final ? NULL : consumed;
    int bo;
    *consumed = n;
    switch (codec) {
    case C_UTF8:
        return PyUnicode_DecodeUTF8Stateful(s, n, errors, cons);
    case C_UTF7:
        return PyUnicode_DecodeUTF7Stateful(s, n, errors, cons);
    case C_UTF16:
    case C_UTF16LE:
    case C_UTF16BE:
        bo = codec == C_UTF16 ? *byteorder : codec == C_UTF16LE ? -1 : 1;
        if (codec == C_UTF16) {
            return PyUnicode_DecodeUTF16Stateful(s, n, errors, byteorder, cons);
        }
        return PyUnicode_DecodeUTF16Stateful(s, n, errors, &bo, cons);
    case C_UTF32:
    case C_UTF32LE:
    case C_UTF32BE:
        bo = codec == C_UTF32 ? *byteorder : codec == C_UTF32LE ? -1 : 1;
        if (codec == C_UTF32) {
            return PyUnicode_DecodeUTF32Stateful(s, n, errors, byteorder, cons);
        }
        return PyUnicode_DecodeUTF32Stateful(s, n, errors, &bo, cons);
    case C_LATIN1:
        return PyUnicode_DecodeLatin1(s, n, errors);
    case C_ASCII:
        return PyUnicode_DecodeASCII(s, n, errors);
    case C_UNICODE_ESCAPE:
    default:
        if (!final) {
            *consumed = n = escape_prefix((const unsigned char *)s, n, codec != C_UNICODE_ESCAPE);
        }
        return codec == C_UNICODE_ESCAPE ? PyUnicode_DecodeUnicodeEscape(s, n, errors)
                                         : PyUnicode_DecodeRawUnicodeEscape(s, n, errors);
    }
}

/* MAXARGS 2: (data, errors); 3: (data, errors, final). FINAL_DEFAULT as CPython's clinic. */
static PyObject *
decoder(const char *fname, int codec, PyObject *const *args, Py_ssize_t nargs, int maxargs,
        int final_default, int accept_str)
{
    Py_buffer view;
    const char *errors;
    int final = final_default, byteorder = 0;
    if (!_PyArg_CheckPositional(fname, nargs, 1, maxargs)) {
        return NULL;
    }
    if (errors_arg(fname, 2, nargs > 1 ? args[1] : NULL, &errors) < 0) {
        return NULL;
    }
    if (nargs > 2 && (final = PyObject_IsTrue(args[2])) < 0) {
        return NULL;
    }
    if (data_arg(args[0], &view, accept_str) < 0) {
        return NULL;
    }
    Py_ssize_t consumed;
    PyObject *res = decode_data(codec, view.buf, view.len, errors, final, &byteorder, &consumed);
    PyBuffer_Release(&view);
    return codec_tuple(res, consumed);
}

#define DECODER(name, codec, maxargs, final_default, accept_str)                                   \
    static PyObject *codecs_##name(PyObject *Py_UNUSED(module), PyObject *const *args,             \
                                   Py_ssize_t nargs)                                               \
    {                                                                                              \
        return decoder(#name, codec, args, nargs, maxargs, final_default, accept_str);             \
    }
DECODER(utf_8_decode, C_UTF8, 3, 0, 0)
DECODER(utf_7_decode, C_UTF7, 3, 0, 0)
DECODER(utf_16_decode, C_UTF16, 3, 0, 0)
DECODER(utf_16_le_decode, C_UTF16LE, 3, 0, 0)
DECODER(utf_16_be_decode, C_UTF16BE, 3, 0, 0)
DECODER(utf_32_decode, C_UTF32, 3, 0, 0)
DECODER(utf_32_le_decode, C_UTF32LE, 3, 0, 0)
DECODER(utf_32_be_decode, C_UTF32BE, 3, 0, 0)
DECODER(latin_1_decode, C_LATIN1, 2, 1, 0)
DECODER(ascii_decode, C_ASCII, 2, 1, 0)
DECODER(unicode_escape_decode, C_UNICODE_ESCAPE, 3, 1, 1)
DECODER(raw_unicode_escape_decode, C_RAW_UNICODE_ESCAPE, 3, 1, 1)

/* utf_16_ex_decode / utf_32_ex_decode(data, errors=None, byteorder=0, final=False)
 * -> (str, consumed, byteorder) */
static PyObject *
ex_decoder(const char *fname, int codec, PyObject *const *args, Py_ssize_t nargs)
{
    Py_buffer view;
    const char *errors;
    int final = 0, byteorder = 0;
    if (!_PyArg_CheckPositional(fname, nargs, 1, 4) ||
        errors_arg(fname, 2, nargs > 1 ? args[1] : NULL, &errors) < 0) {
        return NULL;
    }
    if (nargs > 2 && (byteorder = _PyLong_AsInt(args[2])) == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (nargs > 3 && (final = PyObject_IsTrue(args[3])) < 0) {
        return NULL;
    }
    if (data_arg(args[0], &view, 0) < 0) {
        return NULL;
    }
    Py_ssize_t consumed;
    PyObject *res = decode_data(codec, view.buf, view.len, errors, final, &byteorder, &consumed);
    PyBuffer_Release(&view);
    if (res == NULL) {
        return NULL;
    }
    PyObject *c = PyLong_FromSsize_t(consumed), *b = PyLong_FromLong(byteorder), *t = NULL;
    if (c != NULL && b != NULL) {
        t = PyTuple_Pack(3, res, c, b);
    }
    Py_XDECREF(c);
    Py_XDECREF(b);
    Py_DECREF(res);
    return t;
}

static PyObject *
codecs_utf_16_ex_decode(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    return ex_decoder("utf_16_ex_decode", C_UTF16, args, nargs);
}

static PyObject *
codecs_utf_32_ex_decode(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    return ex_decoder("utf_32_ex_decode", C_UTF32, args, nargs);
}

/* ---- charmap, escape, readbuffer --------------------------------------------------------- */

static PyObject *
codecs_charmap_decode(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    Py_buffer view;
    const char *errors;
    if (!_PyArg_CheckPositional("charmap_decode", nargs, 1, 3) ||
        errors_arg("charmap_decode", 2, nargs > 1 ? args[1] : NULL, &errors) < 0) {
        return NULL;
    }
    PyObject *mapping = nargs > 2 && args[2] != Py_None ? args[2] : NULL;
    if (data_arg(args[0], &view, 0) < 0) {
        return NULL;
    }
    PyObject *res = PyUnicode_DecodeCharmap(view.buf, view.len, mapping, errors);
    Py_ssize_t n = view.len;
    PyBuffer_Release(&view);
    return codec_tuple(res, n);
}

static PyObject *
codecs_charmap_encode(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    const char *errors;
    if (!_PyArg_CheckPositional("charmap_encode", nargs, 1, 3)) {
        return NULL;
    }
    if (!PyUnicode_Check(args[0])) {
        PyErr_Format(PyExc_TypeError, "charmap_encode() argument 1 must be str, not %.50s",
                     Py_TYPE(args[0])->tp_name);
        return NULL;
    }
    if (errors_arg("charmap_encode", 2, nargs > 1 ? args[1] : NULL, &errors) < 0) {
        return NULL;
    }
    PyObject *mapping = nargs > 2 && args[2] != Py_None ? args[2] : NULL;
    return codec_tuple(_PyUnicode_EncodeCharmap(args[0], mapping, errors),
                       PyUnicode_GET_LENGTH(args[0]));
}

static PyObject *
codecs_charmap_build(PyObject *Py_UNUSED(module), PyObject *map)
{
    if (!PyUnicode_Check(map)) {
        PyErr_Format(PyExc_TypeError, "charmap_build() argument must be str, not %.50s",
                     Py_TYPE(map)->tp_name);
        return NULL;
    }
    return PyUnicode_BuildEncodingMap(map);
}

/* escape_encode(data: bytes, errors=None): bytes with repr()'s escapes, quotes excepted. */
static PyObject *
codecs_escape_encode(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    const char *errors;
    if (!_PyArg_CheckPositional("escape_encode", nargs, 1, 2)) {
        return NULL;
    }
    if (!PyBytes_Check(args[0])) {
        PyErr_Format(PyExc_TypeError, "escape_encode() argument 1 must be bytes, not %.50s",
                     Py_TYPE(args[0])->tp_name);
        return NULL;
    }
    if (errors_arg("escape_encode", 2, nargs > 1 ? args[1] : NULL, &errors) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyBytes_GET_SIZE(args[0]);
    const unsigned char *s = (const unsigned char *)PyBytes_AS_STRING(args[0]);
    if (n > PY_SSIZE_T_MAX / 4) {
        PyErr_SetString(PyExc_OverflowError, "string is too large to encode");
        return NULL;
    }
    char *buf = PyMem_Malloc((size_t)n * 4 + 1), *p = buf;
    if (buf == NULL) {
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == '\'' || c == '\\') {
            *p++ = '\\';
            *p++ = (char)c;
        } else if (c == '\t' || c == '\n' || c == '\r') {
            *p++ = '\\';
            *p++ = c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
        } else if (c < ' ' || c >= 0x7f) {
            *p++ = '\\';
            *p++ = 'x';
            *p++ = Py_hexdigits[c >> 4];
            *p++ = Py_hexdigits[c & 15];
        } else {
            *p++ = (char)c;
        }
    }
    PyObject *res = PyBytes_FromStringAndSize(buf, p - buf);
    PyMem_Free(buf);
    return codec_tuple(res, n);
}

static PyObject *
codecs_escape_decode(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    Py_buffer view;
    const char *errors;
    if (!_PyArg_CheckPositional("escape_decode", nargs, 1, 2) ||
        errors_arg("escape_decode", 2, nargs > 1 ? args[1] : NULL, &errors) < 0 ||
        data_arg(args[0], &view, 1) < 0) {
        return NULL;
    }
    PyObject *res = PyBytes_DecodeEscape(view.buf, view.len, errors, 0, NULL);
    Py_ssize_t n = view.len;
    PyBuffer_Release(&view);
    return codec_tuple(res, n);
}

static PyObject *
codecs_readbuffer_encode(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    Py_buffer view;
    const char *errors;
    if (!_PyArg_CheckPositional("readbuffer_encode", nargs, 1, 2) ||
        errors_arg("readbuffer_encode", 2, nargs > 1 ? args[1] : NULL, &errors) < 0 ||
        data_arg(args[0], &view, 1) < 0) {
        return NULL;
    }
    PyObject *res = PyBytes_FromStringAndSize(view.buf, view.len);
    Py_ssize_t n = view.len;
    PyBuffer_Release(&view);
    return codec_tuple(res, n);
}

#define FAST(name)                                                                                 \
    {                                                                                              \
#name, (PyCFunction)(void (*)(void))codecs_##name, METH_FASTCALL, NULL                     \
    }

static PyMethodDef codecs_methods[] = {
    {"register", codecs_register, METH_O, NULL},
    {"unregister", codecs_unregister, METH_O, NULL},
    {"lookup", codecs_lookup, METH_O, NULL},
    {"encode", (PyCFunction)(void (*)(void))codecs_encode, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"decode", (PyCFunction)(void (*)(void))codecs_decode, METH_FASTCALL | METH_KEYWORDS, NULL},
    FAST(escape_encode),
    FAST(escape_decode),
    FAST(utf_8_encode),
    FAST(utf_8_decode),
    FAST(utf_7_encode),
    FAST(utf_7_decode),
    FAST(utf_16_encode),
    FAST(utf_16_decode),
    FAST(utf_16_le_encode),
    FAST(utf_16_le_decode),
    FAST(utf_16_be_encode),
    FAST(utf_16_be_decode),
    FAST(utf_16_ex_decode),
    FAST(utf_32_encode),
    FAST(utf_32_decode),
    FAST(utf_32_le_encode),
    FAST(utf_32_le_decode),
    FAST(utf_32_be_encode),
    FAST(utf_32_be_decode),
    FAST(utf_32_ex_decode),
    FAST(unicode_escape_encode),
    FAST(unicode_escape_decode),
    FAST(raw_unicode_escape_encode),
    FAST(raw_unicode_escape_decode),
    FAST(latin_1_encode),
    FAST(latin_1_decode),
    FAST(ascii_encode),
    FAST(ascii_decode),
    FAST(charmap_encode),
    FAST(charmap_decode),
    {"charmap_build", codecs_charmap_build, METH_O, NULL},
    FAST(readbuffer_encode),
    FAST(register_error),
    {"lookup_error", codecs_lookup_error, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef codecs_module = {
    PyModuleDef_HEAD_INIT, "_codecs", NULL, 0, codecs_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__codecs(void);

PyMODINIT_FUNC
PyInit__codecs(void)
{
    return PyModule_Create(&codecs_module);
}
