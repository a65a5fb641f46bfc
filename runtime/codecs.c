/* codecs.c: the codec registry (search functions, lookup cache, PyCodec_Encode/Decode and the
 * codec-info accessors) and the error-handler registry with the built-in handlers as callable
 * functions, mirroring CPython 3.11's Python/codecs.c. The built-in codecs themselves live in
 * unicode_codecs.c; the `encodings` package registers its search function through _codecs. */
#include "Python.h"
#include "codecs.h"
#include "pyrs/unicode.h"
#include "pyrs/unidata.h"

const char *Py_hexdigits = "0123456789abcdef";

static PyObject *search_path;    /* list of search functions */
static PyObject *search_cache;   /* normalized name -> CodecInfo */
static PyObject *error_registry; /* handler name -> callable */
static int encodings_state;      /* 0 not imported, 1 importing, 2 done */

static int install_builtin_handlers(void);

/* Declared by import.h once the import system lands; weak so that the registry works (with the
 * built-in codecs only) in a runtime without it. */
PyAPI_FUNC(PyObject *) PyImport_ImportModule(const char *name) __attribute__((weak));

/* Creates the registry containers once; 0 or -1. */
static int
registry_ready(void)
{
    if (search_path == NULL) {
        search_path = PyList_New(0);
        search_cache = PyDict_New();
        error_registry = PyDict_New();
        if (search_path == NULL || search_cache == NULL || error_registry == NULL) {
            Py_CLEAR(search_path);
            Py_CLEAR(search_cache);
            Py_CLEAR(error_registry);
            return -1;
        }
        if (install_builtin_handlers() < 0) {
            return -1;
        }
    }
    return 0;
}

/* CPython imports `encodings` at start-up, which registers its search function. We do it at
 * the first lookup; while the import system cannot load it yet, only the built-in codecs
 * (unicode_codecs.c) are reachable by name and a failed import is retried later. */
static int
import_encodings(void)
{
    if (encodings_state != 0) {
        return 0;
    }
    if (PyImport_ImportModule == NULL) {
        return 0;
    }
    encodings_state = 1;
    PyObject *mod = PyImport_ImportModule("encodings");
    if (mod == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_ImportError)) {
            encodings_state = 0;
            return -1;
        }
        PyErr_Clear();
        encodings_state = 0;
        return 0;
    }
    Py_DECREF(mod);
    encodings_state = 2;
    return 0;
}

int
PyCodec_Register(PyObject *search_function)
{
    if (registry_ready() < 0) {
        return -1;
    }
    if (search_function == NULL) {
        PyErr_BadArgument();
        return -1;
    }
    if (!PyCallable_Check(search_function)) {
        PyErr_SetString(PyExc_TypeError, "argument must be callable");
        return -1;
    }
    return PyList_Append(search_path, search_function);
}

int
PyCodec_Unregister(PyObject *search_function)
{
    if (registry_ready() < 0) {
        return -1;
    }
    Py_ssize_t n = PyList_GET_SIZE(search_path);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyList_GET_ITEM(search_path, i) == search_function) {
            PyDict_Clear(search_cache);
            return PyList_SetSlice(search_path, i, i + 1, NULL);
        }
    }
    return 0;
}

/* ENCODING as the search functions see it (CPython's _Py_normalize_encoding): ASCII letters
 * lower-cased, digits and '.' kept, every run of other bytes turned into one '_' between kept
 * characters. A new str or NULL. */
static PyObject *
normalize_name(const char *encoding)
{
    size_t len = strlen(encoding), n = 0;
    char *buf = PyMem_Malloc(len + 1);
    int punct = 0;
    if (buf == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (const char *p = encoding; *p; p++) {
        char c = *p;
        int keep =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.';
        if (!keep) {
            punct = 1;
            continue;
        }
        if (punct && n > 0) {
            buf[n++] = '_';
        }
        punct = 0;
        buf[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    PyObject *res = PyUnicode_FromStringAndSize(buf, (Py_ssize_t)n);
    PyMem_Free(buf);
    return res;
}

/* The CodecInfo of ENCODING (new reference), calling the search functions with its normalized
 * name and caching the answer; NULL with LookupError "unknown encoding: X". Runs Python. */
PyObject *
_PyCodec_Lookup(const char *encoding)
{
    if (encoding == NULL) {
        PyErr_BadArgument();
        return NULL;
    }
    if (registry_ready() < 0 || import_encodings() < 0) {
        return NULL;
    }
    PyObject *name = normalize_name(encoding);
    if (name == NULL) {
        return NULL;
    }
    PyObject *res = PyDict_GetItemWithError(search_cache, name);
    if (res != NULL || PyErr_Occurred()) {
        Py_DECREF(name);
        return Py_XNewRef(res);
    }
    PyObject *path = PyList_GetSlice(search_path, 0, PyList_GET_SIZE(search_path));
    if (path == NULL) {
        Py_DECREF(name);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(path); i++) {
        res = PyObject_CallOneArg(PyList_GET_ITEM(path, i), name);
        if (res == NULL) {
            break;
        }
        if (res == Py_None) {
            Py_CLEAR(res);
            continue;
        }
        if (!PyTuple_Check(res) || PyTuple_GET_SIZE(res) != 4) {
            PyErr_SetString(PyExc_TypeError, "codec search functions must return 4-tuples");
            Py_CLEAR(res);
        }
        break;
    }
    Py_DECREF(path);
    if (res == NULL && !PyErr_Occurred()) {
        PyErr_Format(PyExc_LookupError, "unknown encoding: %s", encoding);
    }
    if (res != NULL && PyDict_SetItem(search_cache, name, res) < 0) {
        Py_CLEAR(res);
    }
    Py_DECREF(name);
    return res;
}

/* Drops ENCODING from the lookup cache: 0, or -1 with KeyError when it was not cached. */
int
_PyCodec_Forget(const char *encoding)
{
    if (registry_ready() < 0) {
        return -1;
    }
    PyObject *name = normalize_name(encoding);
    if (name == NULL) {
        return -1;
    }
    int r = PyDict_DelItem(search_cache, name);
    Py_DECREF(name);
    return r;
}

/* 1 if ENCODING is found by the registry, else 0 (errors cleared). */
int
PyCodec_KnownEncoding(const char *encoding)
{
    PyObject *codec = _PyCodec_Lookup(encoding);
    if (codec == NULL) {
        PyErr_Clear();
        return 0;
    }
    Py_DECREF(codec);
    return 1;
}

/* Item I of the CodecInfo of ENCODING (new reference) or NULL. */
static PyObject *
codec_item(const char *encoding, Py_ssize_t i)
{
    PyObject *codec = _PyCodec_Lookup(encoding);
    if (codec == NULL) {
        return NULL;
    }
    PyObject *v = Py_NewRef(PyTuple_GET_ITEM(codec, i));
    Py_DECREF(codec);
    return v;
}

PyObject *
PyCodec_Encoder(const char *encoding)
{
    return codec_item(encoding, 0);
}

PyObject *
PyCodec_Decoder(const char *encoding)
{
    return codec_item(encoding, 1);
}

/* Calls FACTORY(errors) or FACTORY() when ERRORS is NULL. */
static PyObject *
call_with_errors(PyObject *factory, PyObject *first, const char *errors)
{
    PyObject *args[2], *err = NULL;
    Py_ssize_t n = 0;
    if (first != NULL) {
        args[n++] = first;
    }
    if (errors != NULL) {
        err = PyUnicode_FromString(errors);
        if (err == NULL) {
            return NULL;
        }
        args[n++] = err;
    }
    PyObject *res = PyObject_Vectorcall(factory, args, (size_t)n, NULL);
    Py_XDECREF(err);
    return res;
}

static PyObject *
codec_info_factory(PyObject *codec_info, const char *attr, const char *errors)
{
    PyObject *factory = PyObject_GetAttrString(codec_info, attr);
    if (factory == NULL) {
        return NULL;
    }
    PyObject *res = call_with_errors(factory, NULL, errors);
    Py_DECREF(factory);
    return res;
}

PyObject *
_PyCodecInfo_GetIncrementalEncoder(PyObject *codec_info, const char *errors)
{
    return codec_info_factory(codec_info, "incrementalencoder", errors);
}

PyObject *
_PyCodecInfo_GetIncrementalDecoder(PyObject *codec_info, const char *errors)
{
    return codec_info_factory(codec_info, "incrementaldecoder", errors);
}

static PyObject *
incremental(const char *encoding, const char *attr, const char *errors)
{
    PyObject *codec = _PyCodec_Lookup(encoding);
    if (codec == NULL) {
        return NULL;
    }
    PyObject *res = codec_info_factory(codec, attr, errors);
    Py_DECREF(codec);
    return res;
}

PyObject *
PyCodec_IncrementalEncoder(const char *encoding, const char *errors)
{
    return incremental(encoding, "incrementalencoder", errors);
}

PyObject *
PyCodec_IncrementalDecoder(const char *encoding, const char *errors)
{
    return incremental(encoding, "incrementaldecoder", errors);
}

static PyObject *
stream_codec(const char *encoding, Py_ssize_t i, PyObject *stream, const char *errors)
{
    PyObject *factory = codec_item(encoding, i);
    if (factory == NULL) {
        return NULL;
    }
    PyObject *res = call_with_errors(factory, stream, errors);
    Py_DECREF(factory);
    return res;
}

PyObject *
PyCodec_StreamReader(const char *encoding, PyObject *stream, const char *errors)
{
    return stream_codec(encoding, 2, stream, errors);
}

PyObject *
PyCodec_StreamWriter(const char *encoding, PyObject *stream, const char *errors)
{
    return stream_codec(encoding, 3, stream, errors);
}

/* 1 if TP's NAME ("__init__" or "__new__") comes from a static type whose C slot is
 * BaseException's (no Python or C override anywhere in the MRO). */
static int
same_slot(PyTypeObject *tp, PyTypeObject *base, const char *name)
{
    int is_init = name[2] == 'i';
    PyObject *mro = tp->tp_mro;
    for (Py_ssize_t i = 0; mro != NULL && i < PyTuple_GET_SIZE(mro); i++) {
        PyTypeObject *t = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
        if (t->tp_dict == NULL || PyDict_GetItemString(t->tp_dict, name) == NULL) {
            continue;
        }
        if (t->tp_flags & Py_TPFLAGS_HEAPTYPE) {
            return 0;
        }
        return is_init ? t->tp_init == base->tp_init : t->tp_new == base->tp_new;
    }
    return 0;
}

/* CPython rewraps an exception raised inside a codec as "OPERATION with 'ENC' codec failed
 * (Type: message)" when its type is a plain exception whose state is just its args, so the
 * new instance can be made by calling the type with one message. */
static void
wrap_codec_error(const char *operation, const char *encoding)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyTypeObject *tp = (PyTypeObject *)type;
    PyTypeObject *base = (PyTypeObject *)PyExc_BaseException;
    int plain = value != NULL && PyType_Check(type) && same_slot(tp, base, "__init__") &&
                same_slot(tp, base, "__new__") &&
                (tp->tp_basicsize == base->tp_basicsize ||
                 (tp->tp_weaklistoffset != 0 &&
                  tp->tp_basicsize == base->tp_basicsize + (Py_ssize_t)sizeof(PyObject *)));
    if (plain && tp->tp_dictoffset != 0) {
        PyObject **dictptr = _PyObject_GetDictPtr(value);
        plain = dictptr == NULL || *dictptr == NULL || PyDict_GET_SIZE(*dictptr) == 0;
    }
    if (!plain) {
        PyErr_Restore(type, value, tb);
        return;
    }
    if (tb != NULL) {
        PyException_SetTraceback(value, tb);
    }
    PyObject *msg = PyUnicode_FromFormat("%s with '%s' codec failed (%s: %S)", operation, encoding,
                                         _PyType_Name(tp), value);
    PyObject *exc = msg != NULL ? PyObject_CallOneArg(type, msg) : NULL;
    Py_XDECREF(msg);
    if (exc == NULL) {
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        return;
    }
    PyException_SetCause(exc, Py_NewRef(value));
    PyException_SetContext(exc, value);
    Py_XDECREF(tb);
    PyErr_SetObject(type, exc);
    Py_DECREF(exc);
    Py_DECREF(type);
}

/* Calls CODER(object[, errors]) and returns item 0 of the 2-tuple it must give. */
static PyObject *
run_coder(PyObject *coder, PyObject *object, const char *encoding, const char *errors, int encode)
{
    PyObject *res = call_with_errors(coder, object, errors);
    if (res == NULL) {
        wrap_codec_error(encode ? "encoding" : "decoding", encoding);
        return NULL;
    }
    if (!PyTuple_Check(res) || PyTuple_GET_SIZE(res) != 2) {
        PyErr_SetString(PyExc_TypeError, encode ? "encoder must return a tuple (object, integer)"
                                                : "decoder must return a tuple (object, integer)");
        Py_DECREF(res);
        return NULL;
    }
    PyObject *v = Py_NewRef(PyTuple_GET_ITEM(res, 0));
    Py_DECREF(res);
    return v;
}

static PyObject *
codec_run(PyObject *object, const char *encoding, const char *errors, int encode)
{
    PyObject *coder = codec_item(encoding, encode ? 0 : 1);
    if (coder == NULL) {
        return NULL;
    }
    PyObject *res = run_coder(coder, object, encoding, errors, encode);
    Py_DECREF(coder);
    return res;
}

/* codecs.encode(OBJECT, ENCODING, ERRORS): any codec, any result type. New reference or NULL. */
PyObject *
PyCodec_Encode(PyObject *object, const char *encoding, const char *errors)
{
    return codec_run(object, encoding, errors, 1);
}

PyObject *
PyCodec_Decode(PyObject *object, const char *encoding, const char *errors)
{
    return codec_run(object, encoding, errors, 0);
}

/* The CodecInfo of ENCODING, refusing (LookupError) codecs marked _is_text_encoding = False;
 * ALTERNATE_COMMAND names what to use instead. New reference or NULL. */
PyObject *
_PyCodec_LookupTextEncoding(const char *encoding, const char *alternate_command)
{
    PyObject *codec = _PyCodec_Lookup(encoding);
    if (codec == NULL) {
        return NULL;
    }
    if (!PyTuple_CheckExact(codec)) {
        PyObject *flag = PyObject_GetAttrString(codec, "_is_text_encoding");
        if (flag == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
                Py_DECREF(codec);
                return NULL;
            }
            PyErr_Clear();
        }
        if (flag != NULL) {
            int truth = PyObject_IsTrue(flag);
            Py_DECREF(flag);
            if (truth <= 0) {
                if (truth == 0) {
                    PyErr_Format(PyExc_LookupError,
                                 "'%.400s' is not a text encoding; use %s to handle arbitrary "
                                 "codecs",
                                 encoding, alternate_command);
                }
                Py_DECREF(codec);
                return NULL;
            }
        }
    }
    return codec;
}

static PyObject *
text_run(PyObject *object, const char *encoding, const char *errors, int encode)
{
    PyObject *codec =
        _PyCodec_LookupTextEncoding(encoding, encode ? "codecs.encode()" : "codecs.decode()");
    if (codec == NULL) {
        return NULL;
    }
    PyObject *res =
        run_coder(PyTuple_GET_ITEM(codec, encode ? 0 : 1), object, encoding, errors, encode);
    Py_DECREF(codec);
    return res;
}

/* str.encode / bytes.decode through the registry (text encodings only). */
PyObject *
_PyCodec_EncodeText(PyObject *object, const char *encoding, const char *errors)
{
    return text_run(object, encoding, errors, 1);
}

PyObject *
_PyCodec_DecodeText(PyObject *object, const char *encoding, const char *errors)
{
    return text_run(object, encoding, errors, 0);
}

/* ---- error handlers ------------------------------------------------------------------------ */

int
PyCodec_RegisterError(const char *name, PyObject *error)
{
    if (registry_ready() < 0) {
        return -1;
    }
    if (!PyCallable_Check(error)) {
        PyErr_SetString(PyExc_TypeError, "handler must be callable");
        return -1;
    }
    return PyDict_SetItemString(error_registry, name, error);
}

/* The handler registered as NAME (NULL = "strict"), new reference; NULL with LookupError
 * "unknown error handler name 'X'". */
PyObject *
PyCodec_LookupError(const char *name)
{
    if (registry_ready() < 0) {
        return NULL;
    }
    if (name == NULL) {
        name = "strict";
    }
    PyObject *handler = PyDict_GetItemString(error_registry, name);
    if (handler == NULL) {
        PyErr_Format(PyExc_LookupError, "unknown error handler name '%.400s'", name);
        return NULL;
    }
    return Py_NewRef(handler);
}

static int
is_encode_error(PyObject *exc)
{
    return PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_UnicodeEncodeError);
}

static int
is_decode_error(PyObject *exc)
{
    return PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_UnicodeDecodeError);
}

static int
is_translate_error(PyObject *exc)
{
    return PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_UnicodeTranslateError);
}

static PyObject *
wrong_exception_type(PyObject *exc)
{
    PyErr_Format(PyExc_TypeError, "don't know how to handle %.200s in error callback",
                 Py_TYPE(exc)->tp_name);
    return NULL;
}

/* The str object and [start, end) of an encode or translate error; 0 or -1. */
static int
text_range(PyObject *exc, PyObject **obj, Py_ssize_t *start, Py_ssize_t *end)
{
    if (is_encode_error(exc)) {
        if (PyUnicodeEncodeError_GetStart(exc, start) < 0 ||
            PyUnicodeEncodeError_GetEnd(exc, end) < 0) {
            return -1;
        }
        *obj = PyUnicodeEncodeError_GetObject(exc);
    } else {
        if (PyUnicodeTranslateError_GetStart(exc, start) < 0 ||
            PyUnicodeTranslateError_GetEnd(exc, end) < 0) {
            return -1;
        }
        *obj = PyUnicodeTranslateError_GetObject(exc);
    }
    if (*obj == NULL) {
        return -1;
    }
    if (*end < *start) {
        *end = *start;
    }
    return 0;
}

/* (REPLACEMENT, POS) with REPLACEMENT stolen. */
static PyObject *
handler_result(PyObject *replacement, Py_ssize_t pos)
{
    if (replacement == NULL) {
        return NULL;
    }
    PyObject *p = PyLong_FromSsize_t(pos);
    PyObject *res = p != NULL ? PyTuple_Pack(2, replacement, p) : NULL;
    Py_XDECREF(p);
    Py_DECREF(replacement);
    return res;
}

PyObject *
PyCodec_StrictErrors(PyObject *exc)
{
    if (PyExceptionInstance_Check(exc)) {
        PyErr_SetObject(PyExceptionInstance_Class(exc), exc);
    } else {
        PyErr_SetString(PyExc_TypeError, "codec must pass exception instance");
    }
    return NULL;
}

static int
exc_end(PyObject *exc, Py_ssize_t *end)
{
    if (is_encode_error(exc)) {
        return PyUnicodeEncodeError_GetEnd(exc, end);
    }
    if (is_decode_error(exc)) {
        return PyUnicodeDecodeError_GetEnd(exc, end);
    }
    return PyUnicodeTranslateError_GetEnd(exc, end);
}

PyObject *
PyCodec_IgnoreErrors(PyObject *exc)
{
    Py_ssize_t end;
    if (!is_encode_error(exc) && !is_decode_error(exc) && !is_translate_error(exc)) {
        return wrong_exception_type(exc);
    }
    if (exc_end(exc, &end) < 0) {
        return NULL;
    }
    return handler_result(PyUnicode_New(0, 0), end);
}

/* A str of N copies of CH. */
static PyObject *
repeat_char(Py_UCS4 ch, Py_ssize_t n)
{
    PyObject *res = PyUnicode_New(n, ch);
    if (res == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyUnicode_WRITE(PyUnicode_KIND(res), PyUnicode_DATA(res), i, ch);
    }
    return res;
}

PyObject *
PyCodec_ReplaceErrors(PyObject *exc)
{
    PyObject *obj;
    Py_ssize_t start, end;
    if (is_decode_error(exc)) {
        if (PyUnicodeDecodeError_GetEnd(exc, &end) < 0) {
            return NULL;
        }
        return handler_result(repeat_char(0xfffd, 1), end);
    }
    if (!is_encode_error(exc) && !is_translate_error(exc)) {
        return wrong_exception_type(exc);
    }
    if (text_range(exc, &obj, &start, &end) < 0) {
        return NULL;
    }
    Py_DECREF(obj);
    return handler_result(repeat_char(is_encode_error(exc) ? '?' : 0xfffd, end - start), end);
}

/* Builds the replacement for OBJ[start:end) with one formatter per character. */
static PyObject *
escape_range(PyObject *obj, Py_ssize_t start, Py_ssize_t end, int (*fmt)(Py_UCS4, char *, size_t))
{
    PyObject *parts = PyList_New(0);
    for (Py_ssize_t i = start; parts != NULL && i < end; i++) {
        char buf[300];
        int n = fmt(PyUnicode_READ_CHAR(obj, i), buf, sizeof buf);
        PyObject *s = PyUnicode_FromStringAndSize(buf, n);
        if (s == NULL || PyList_Append(parts, s) < 0) {
            Py_CLEAR(parts);
        }
        Py_XDECREF(s);
    }
    if (parts == NULL) {
        return NULL;
    }
    PyObject *empty = PyUnicode_New(0, 0);
    PyObject *res = empty != NULL ? PyUnicode_Join(empty, parts) : NULL;
    Py_XDECREF(empty);
    Py_DECREF(parts);
    return res;
}

static int
fmt_xmlcharref(Py_UCS4 ch, char *buf, size_t size)
{
    return snprintf(buf, size, "&#%u;", (unsigned)ch);
}

static int
fmt_backslash(Py_UCS4 ch, char *buf, size_t size)
{
    if (ch < 0x100) {
        return snprintf(buf, size, "\\x%02x", (unsigned)ch);
    }
    if (ch < 0x10000) {
        return snprintf(buf, size, "\\u%04x", (unsigned)ch);
    }
    return snprintf(buf, size, "\\U%08x", (unsigned)ch);
}

static int
fmt_name(Py_UCS4 ch, char *buf, size_t size)
{
    char name[256];
    if (pyrs_unidata_name(ch, name, sizeof name)) {
        return snprintf(buf, size, "\\N{%s}", name);
    }
    return fmt_backslash(ch, buf, size);
}

static PyObject *
encode_escape_handler(PyObject *exc, int (*fmt)(Py_UCS4, char *, size_t), int translate_ok)
{
    PyObject *obj;
    Py_ssize_t start, end;
    if (!is_encode_error(exc) && !(translate_ok && is_translate_error(exc))) {
        return wrong_exception_type(exc);
    }
    if (text_range(exc, &obj, &start, &end) < 0) {
        return NULL;
    }
    PyObject *res = escape_range(obj, start, end, fmt);
    Py_DECREF(obj);
    return handler_result(res, end);
}

PyObject *
PyCodec_XMLCharRefReplaceErrors(PyObject *exc)
{
    return encode_escape_handler(exc, fmt_xmlcharref, 0);
}

PyObject *
PyCodec_NameReplaceErrors(PyObject *exc)
{
    return encode_escape_handler(exc, fmt_name, 0);
}

PyObject *
PyCodec_BackslashReplaceErrors(PyObject *exc)
{
    if (!is_decode_error(exc)) {
        return encode_escape_handler(exc, fmt_backslash, 1);
    }
    Py_ssize_t start, end;
    PyObject *obj = PyUnicodeDecodeError_GetObject(exc);
    if (obj == NULL || PyUnicodeDecodeError_GetStart(exc, &start) < 0 ||
        PyUnicodeDecodeError_GetEnd(exc, &end) < 0) {
        Py_XDECREF(obj);
        return NULL;
    }
    PyObject *text = PyUnicode_FromStringAndSize("", 0), *res = NULL;
    const unsigned char *p = (const unsigned char *)PyBytes_AS_STRING(obj);
    PyObject *parts = PyList_New(0);
    for (Py_ssize_t i = start; parts != NULL && i < end; i++) {
        PyObject *s = PyUnicode_FromFormat("\\x%02x", (unsigned)p[i]);
        if (s == NULL || PyList_Append(parts, s) < 0) {
            Py_CLEAR(parts);
        }
        Py_XDECREF(s);
    }
    if (parts != NULL && text != NULL) {
        res = PyUnicode_Join(text, parts);
    }
    Py_XDECREF(parts);
    Py_XDECREF(text);
    Py_DECREF(obj);
    return handler_result(res, end);
}

/* The UTF flavour named by an exception's encoding: 8, 16 or 32 with *LITTLE set, or 0. */
static int
standard_encoding(PyObject *exc, int *little)
{
    PyObject *enc = is_encode_error(exc) ? PyUnicodeEncodeError_GetEncoding(exc)
                                         : PyUnicodeDecodeError_GetEncoding(exc);
    if (enc == NULL) {
        return -1;
    }
    char buf[32];
    const char *s = PyUnicode_AsUTF8(enc);
    int kind = 0;
    if (s != NULL && pyrs_unicode_normalize_encoding(s, buf, sizeof buf)) {
        const char *p = buf;
        if (strncmp(p, "utf", 3) == 0) {
            p += 3;
            p += *p == '-';
            *little = 1;
            if (strcmp(p, "8") == 0) {
                kind = 8;
            } else if (strncmp(p, "16", 2) == 0 || strncmp(p, "32", 2) == 0) {
                kind = p[0] == '1' ? 16 : 32;
                p += 2;
                p += *p == '-';
                if (strcmp(p, "be") == 0) {
                    *little = 0;
                } else if (*p != '\0' && strcmp(p, "le") != 0) {
                    kind = 0;
                }
            }
        }
    }
    Py_DECREF(enc);
    return s == NULL ? -1 : kind;
}

static void
put_units(unsigned char *out, Py_UCS4 ch, int kind, int little)
{
    if (kind == 8) {
        out[0] = (unsigned char)(0xe0 | (ch >> 12));
        out[1] = (unsigned char)(0x80 | ((ch >> 6) & 0x3f));
        out[2] = (unsigned char)(0x80 | (ch & 0x3f));
        return;
    }
    int n = kind / 8;
    for (int k = 0; k < n; k++) {
        out[little ? k : n - 1 - k] = (unsigned char)(ch >> (8 * k));
    }
}

static PyObject *
surrogatepass_encode(PyObject *exc, int kind, int little)
{
    PyObject *obj;
    Py_ssize_t start, end;
    if (text_range(exc, &obj, &start, &end) < 0) {
        return NULL;
    }
    int width = kind == 8 ? 3 : kind / 8;
    PyObject *res = PyBytes_FromStringAndSize(NULL, (end - start) * width);
    for (Py_ssize_t i = start; res != NULL && i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(obj, i);
        if (!Py_UNICODE_IS_SURROGATE(ch)) {
            Py_CLEAR(res);
            PyErr_SetObject(PyExceptionInstance_Class(exc), exc);
            break;
        }
        put_units((unsigned char *)PyBytes_AS_STRING(res) + (i - start) * width, ch, kind, little);
    }
    Py_DECREF(obj);
    return handler_result(res, end);
}

static PyObject *
surrogatepass_decode(PyObject *exc, int kind, int little)
{
    Py_ssize_t start;
    PyObject *obj = PyUnicodeDecodeError_GetObject(exc);
    if (obj == NULL || PyUnicodeDecodeError_GetStart(exc, &start) < 0) {
        Py_XDECREF(obj);
        return NULL;
    }
    const unsigned char *p = (const unsigned char *)PyBytes_AS_STRING(obj) + start;
    Py_ssize_t avail = PyBytes_GET_SIZE(obj) - start;
    int width = kind == 8 ? 3 : kind / 8;
    Py_UCS4 ch = 0;
    if (avail >= width) {
        if (kind == 8) {
            if ((p[0] & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
                ch = ((Py_UCS4)(p[0] & 0x0f) << 12) | ((Py_UCS4)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
            }
        } else {
            for (int k = 0; k < width; k++) {
                ch |= (Py_UCS4)p[little ? k : width - 1 - k] << (8 * k);
            }
        }
    }
    Py_DECREF(obj);
    if (!Py_UNICODE_IS_SURROGATE(ch)) {
        PyErr_SetObject(PyExceptionInstance_Class(exc), exc);
        return NULL;
    }
    return handler_result(repeat_char(ch, 1), start + width);
}

static PyObject *
surrogatepass_errors(PyObject *Py_UNUSED(module), PyObject *exc)
{
    int little = 1, kind;
    if (!is_encode_error(exc) && !is_decode_error(exc)) {
        return wrong_exception_type(exc);
    }
    kind = standard_encoding(exc, &little);
    if (kind < 0) {
        return NULL;
    }
    if (kind == 0) {
        PyErr_SetObject(PyExceptionInstance_Class(exc), exc);
        return NULL;
    }
    return is_encode_error(exc) ? surrogatepass_encode(exc, kind, little)
                                : surrogatepass_decode(exc, kind, little);
}

static PyObject *
surrogateescape_encode(PyObject *exc)
{
    PyObject *obj;
    Py_ssize_t start, end;
    if (text_range(exc, &obj, &start, &end) < 0) {
        return NULL;
    }
    PyObject *res = PyBytes_FromStringAndSize(NULL, end - start);
    for (Py_ssize_t i = start; res != NULL && i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(obj, i);
        if (ch < 0xdc80 || ch > 0xdcff) {
            Py_CLEAR(res);
            PyErr_SetObject(PyExceptionInstance_Class(exc), exc);
            break;
        }
        PyBytes_AS_STRING(res)[i - start] = (char)(ch - 0xdc00);
    }
    Py_DECREF(obj);
    return handler_result(res, end);
}

static PyObject *
surrogateescape_errors(PyObject *Py_UNUSED(module), PyObject *exc)
{
    if (is_encode_error(exc)) {
        return surrogateescape_encode(exc);
    }
    if (!is_decode_error(exc)) {
        return wrong_exception_type(exc);
    }
    Py_ssize_t start, end;
    PyObject *obj = PyUnicodeDecodeError_GetObject(exc);
    if (obj == NULL || PyUnicodeDecodeError_GetStart(exc, &start) < 0 ||
        PyUnicodeDecodeError_GetEnd(exc, &end) < 0) {
        Py_XDECREF(obj);
        return NULL;
    }
    const unsigned char *p = (const unsigned char *)PyBytes_AS_STRING(obj);
    Py_UCS4 chars[4];
    int n = 0;
    while (n < 4 && start + n < end && p[start + n] >= 128) {
        chars[n] = 0xdc00 + p[start + n];
        n++;
    }
    Py_DECREF(obj);
    if (n == 0) {
        PyErr_SetObject(PyExceptionInstance_Class(exc), exc);
        return NULL;
    }
    return handler_result(PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars, n), start + n);
}

static PyObject *
strict_errors(PyObject *Py_UNUSED(module), PyObject *exc)
{
    return PyCodec_StrictErrors(exc);
}

static PyObject *
ignore_errors(PyObject *Py_UNUSED(module), PyObject *exc)
{
    return PyCodec_IgnoreErrors(exc);
}

static PyObject *
replace_errors(PyObject *Py_UNUSED(module), PyObject *exc)
{
    return PyCodec_ReplaceErrors(exc);
}

static PyObject *
xmlcharrefreplace_errors(PyObject *Py_UNUSED(module), PyObject *exc)
{
    return PyCodec_XMLCharRefReplaceErrors(exc);
}

static PyObject *
backslashreplace_errors(PyObject *Py_UNUSED(module), PyObject *exc)
{
    return PyCodec_BackslashReplaceErrors(exc);
}

static PyObject *
namereplace_errors(PyObject *Py_UNUSED(module), PyObject *exc)
{
    return PyCodec_NameReplaceErrors(exc);
}

static PyMethodDef builtin_handlers[] = {
    {"strict_errors", strict_errors, METH_O, NULL},
    {"ignore_errors", ignore_errors, METH_O, NULL},
    {"replace_errors", replace_errors, METH_O, NULL},
    {"xmlcharrefreplace_errors", xmlcharrefreplace_errors, METH_O, NULL},
    {"backslashreplace_errors", backslashreplace_errors, METH_O, NULL},
    {"namereplace_errors", namereplace_errors, METH_O, NULL},
    {"surrogatepass", surrogatepass_errors, METH_O, NULL},
    {"surrogateescape", surrogateescape_errors, METH_O, NULL},
};

static int
install_builtin_handlers(void)
{
    static const char *const names[] = {
        "strict",           "ignore",      "replace",       "xmlcharrefreplace",
        "backslashreplace", "namereplace", "surrogatepass", "surrogateescape"};
    for (size_t i = 0; i < Py_ARRAY_LENGTH(names); i++) {
        PyObject *f = PyCFunction_NewEx(&builtin_handlers[i], NULL, NULL);
        if (f == NULL || PyDict_SetItemString(error_registry, names[i], f) < 0) {
            Py_XDECREF(f);
            return -1;
        }
        Py_DECREF(f);
    }
    return 0;
}
