/* _iomodule.c: the _io module object (named "io" as in CPython), io.open with every
 * mode/buffering/encoding rule and message of CPython 3.11, open_code, text_encoding,
 * UnsupportedOperation, and the argument and state checks the classes share. */
#include "_iomodule.h"
#include "pyrs/sys.h"
#include "pyrs/config.h"

PyObject *pyrs_io_unsupported_operation;
struct pyrs_io_strings pyrs_io_str;

/* ---- argument parsing ---- */

static Py_ssize_t
kwlist_len(const char *const *kwlist)
{
    Py_ssize_t n = 0;
    while (kwlist[n] != NULL) {
        n++;
    }
    return n;
}

static int
store_keyword(const char *fname, const char *const *kwlist, Py_ssize_t n, PyObject *key,
              PyObject *value, PyObject **out)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyUnicode_Check(key) && PyUnicode_CompareWithASCIIString(key, kwlist[i]) == 0) {
            if (out[i] != NULL) {
                PyErr_Format(PyExc_TypeError,
                             "argument for %s() given by name ('%s') and "
                             "position (%zd)",
                             fname, kwlist[i], i + 1);
                return -1;
            }
            out[i] = value;
            return 0;
        }
    }
    PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for %s()", key, fname);
    return -1;
}

static int
check_counts(const char *fname, Py_ssize_t n, Py_ssize_t maxpos, Py_ssize_t nargs, Py_ssize_t nkw)
{
    if (nargs > maxpos) {
        if (maxpos == 0) {
            PyErr_Format(PyExc_TypeError, "%s() takes no positional arguments", fname);
        } else if (maxpos == n) {
            PyErr_Format(PyExc_TypeError, "%s() takes at most %zd argument%s (%zd given)", fname, n,
                         n == 1 ? "" : "s", nargs + nkw);
        } else {
            PyErr_Format(PyExc_TypeError,
                         "%s() takes at most %zd positional argument%s (%zd given)", fname, maxpos,
                         maxpos == 1 ? "" : "s", nargs);
        }
        return -1;
    }
    if (nargs + nkw > n) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %zd argument%s (%zd given)", fname, n,
                     n == 1 ? "" : "s", nargs + nkw);
        return -1;
    }
    return 0;
}

static int
check_required(const char *fname, const char *const *kwlist, Py_ssize_t nreq, PyObject **out)
{
    for (Py_ssize_t i = 0; i < nreq; i++) {
        if (out[i] == NULL) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %zd)", fname,
                         kwlist[i], i + 1);
            return -1;
        }
    }
    return 0;
}

int
pyrs_io_parse_args(const char *fname, PyObject *args, PyObject *kwds, const char *const *kwlist,
                   Py_ssize_t maxpos, Py_ssize_t nreq, PyObject **out)
{
    Py_ssize_t n = kwlist_len(kwlist), nargs = args ? PyTuple_GET_SIZE(args) : 0;
    Py_ssize_t nkw = kwds ? PyDict_GET_SIZE(kwds) : 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        out[i] = NULL;
    }
    if (check_counts(fname, n, maxpos, nargs, nkw) < 0) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        out[i] = PyTuple_GET_ITEM(args, i);
    }
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (kwds != NULL && PyDict_Next(kwds, &pos, &k, &v)) {
        if (store_keyword(fname, kwlist, n, k, v, out) < 0) {
            return -1;
        }
    }
    return check_required(fname, kwlist, nreq, out);
}

int
pyrs_io_parse_fast(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                   const char *const *kwlist, Py_ssize_t maxpos, Py_ssize_t nreq, PyObject **out)
{
    Py_ssize_t n = kwlist_len(kwlist), nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        out[i] = NULL;
    }
    if (check_counts(fname, n, maxpos, nargs, nkw) < 0) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        out[i] = args[i];
    }
    for (Py_ssize_t i = 0; i < nkw; i++) {
        if (store_keyword(fname, kwlist, n, PyTuple_GET_ITEM(kwnames, i), args[nargs + i], out) <
            0) {
            return -1;
        }
    }
    return check_required(fname, kwlist, nreq, out);
}

int
pyrs_io_ssize_or_none(PyObject *arg, Py_ssize_t *out)
{
    if (arg == NULL || arg == Py_None) {
        return 0;
    }
    if (!PyIndex_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "argument should be integer or None, not '%.200s'",
                     Py_TYPE(arg)->tp_name);
        return -1;
    }
    Py_ssize_t v = PyNumber_AsSsize_t(arg, PyExc_OverflowError);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = v;
    return 0;
}

int
pyrs_io_ssize_index(PyObject *arg, Py_ssize_t *out)
{
    if (arg == NULL) {
        return 0;
    }
    Py_ssize_t v = PyNumber_AsSsize_t(arg, PyExc_OverflowError);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = v;
    return 0;
}

int
pyrs_io_int_flag(PyObject *arg, int *out)
{
    if (arg == NULL) {
        return 0;
    }
    PyObject *v = PyNumber_Index(arg);
    if (v == NULL) {
        return -1;
    }
    int r = PyObject_IsTrue(v);
    Py_DECREF(v);
    if (r < 0) {
        return -1;
    }
    *out = r;
    return 0;
}

int
pyrs_io_get_writable(const char *fname, PyObject *arg, Py_buffer *view)
{
    if (PyObject_GetBuffer(arg, view, PyBUF_WRITABLE) == 0) {
        return 0;
    }
    if (PyErr_ExceptionMatches(PyExc_TypeError) || PyErr_ExceptionMatches(PyExc_BufferError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError,
                     "%s() argument must be read-write bytes-like object, not %.50s", fname,
                     Py_TYPE(arg)->tp_name);
    }
    return -1;
}

Py_off_t
pyrs_io_as_off_t(PyObject *arg)
{
    PyObject *v = PyNumber_Index(arg);
    if (v == NULL) {
        return -1;
    }
    int overflow = 0;
    long long r = PyLong_AsLongLongAndOverflow(v, &overflow);
    Py_DECREF(v);
    if (overflow) {
        PyErr_Format(PyExc_OverflowError, "cannot fit '%.200s' into an offset-sized integer",
                     Py_TYPE(arg)->tp_name);
        return -1;
    }
    return (Py_off_t)r;
}

int
pyrs_io_str_or_none(const char *fname, const char *argname, PyObject *arg, PyObject **out)
{
    if (arg == NULL || arg == Py_None) {
        *out = NULL;
        return 0;
    }
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be str or None, not %.50s", fname,
                     argname, Py_TYPE(arg)->tp_name);
        return -1;
    }
    *out = arg;
    return 0;
}

/* ---- shared checks ---- */

PyObject *
pyrs_io_unsupported(const char *msg)
{
    PyErr_SetString(pyrs_io_unsupported_operation, msg);
    return NULL;
}

PyObject *
pyrs_io_closed_error(void)
{
    PyErr_SetString(PyExc_ValueError, "I/O operation on closed file.");
    return NULL;
}

int
pyrs_io_is_closed(PyObject *obj)
{
    PyObject *res = PyObject_GetAttr(obj, pyrs_io_str.closed);
    if (res == NULL) {
        return -1;
    }
    int r = PyObject_IsTrue(res);
    Py_DECREF(res);
    return r;
}

int
pyrs_io_check_closed(PyObject *obj)
{
    int r = pyrs_io_is_closed(obj);
    if (r > 0) {
        pyrs_io_closed_error();
        return -1;
    }
    return r;
}

static int
check_capability(PyObject *obj, PyObject *method, const char *msg)
{
    PyObject *res = PyObject_CallMethodNoArgs(obj, method);
    if (res == NULL) {
        return -1;
    }
    int ok = res == Py_True;
    Py_DECREF(res);
    if (!ok) {
        pyrs_io_unsupported(msg);
        return -1;
    }
    return 0;
}

int
pyrs_io_check_readable(PyObject *obj)
{
    return check_capability(obj, pyrs_io_str.readable, "File or stream is not readable.");
}

int
pyrs_io_check_writable(PyObject *obj)
{
    return check_capability(obj, pyrs_io_str.writable, "File or stream is not writable.");
}

int
pyrs_io_check_seekable(PyObject *obj)
{
    return check_capability(obj, pyrs_io_str.seekable, "File or stream is not seekable.");
}

PyObject *
pyrs_io_fspath(PyObject *obj)
{
    if (PyUnicode_Check(obj) || PyBytes_Check(obj)) {
        return Py_NewRef(obj);
    }
    PyObject *func = _PyType_Lookup(Py_TYPE(obj), pyrs_io_str.__fspath__);
    if (func == NULL) {
        PyErr_Format(PyExc_TypeError, "expected str, bytes or os.PathLike object, not %.200s",
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    PyObject *res = PyObject_CallOneArg(func, obj);
    if (res != NULL && !PyUnicode_Check(res) && !PyBytes_Check(res)) {
        PyErr_Format(PyExc_TypeError,
                     "expected %.200s.__fspath__() to return str or bytes, not %.200s",
                     Py_TYPE(obj)->tp_name, Py_TYPE(res)->tp_name);
        Py_CLEAR(res);
    }
    return res;
}

PyObject *
pyrs_io_import(const char *name)
{
    PyObject *modules = PyImport_GetModuleDict();
    PyObject *mod = modules ? PyDict_GetItemString(modules, name) : NULL;
    if (mod != NULL) {
        return Py_NewRef(mod);
    }
    PyObject *bltins = modules ? PyDict_GetItemString(modules, "builtins") : NULL;
    if (bltins == NULL) {
        PyErr_Format(PyExc_ImportError, "cannot import %s: no builtins module", name);
        return NULL;
    }
    PyObject *imp = PyObject_GetAttrString(bltins, "__import__");
    if (imp == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_CallFunction(imp, "s", name);
    Py_DECREF(imp);
    return res;
}

/* ---- open ---- */

typedef struct {
    int creating, reading, writing, appending, updating, text, binary;
} OpenMode;

static int
parse_mode(PyObject *modeobj, OpenMode *m)
{
    memset(m, 0, sizeof *m);
    Py_ssize_t n = PyUnicode_GET_LENGTH(modeobj);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(modeobj, i);
        int *flag = NULL;
        switch (c) {
        case 'x':
            flag = &m->creating;
            break;
        case 'r':
            flag = &m->reading;
            break;
        case 'w':
            flag = &m->writing;
            break;
        case 'a':
            flag = &m->appending;
            break;
        case '+':
            flag = &m->updating;
            break;
        case 't':
            flag = &m->text;
            break;
        case 'b':
            flag = &m->binary;
            break;
        default:
            break;
        }
        if (flag == NULL || *flag) {
            PyErr_Format(PyExc_ValueError, "invalid mode: '%U'", modeobj);
            return -1;
        }
        *flag = 1;
    }
    if (m->text && m->binary) {
        PyErr_SetString(PyExc_ValueError, "can't have text and binary mode at once");
        return -1;
    }
    if (m->creating + m->reading + m->writing + m->appending > 1) {
        PyErr_SetString(PyExc_ValueError, "must have exactly one of create/read/write/append mode");
        return -1;
    }
    return 0;
}

static int
check_binary_args(const OpenMode *m, PyObject *encoding, PyObject *errors, PyObject *newline)
{
    if (!m->binary) {
        return 0;
    }
    const char *what = encoding ? "an encoding" : errors ? "an errors" : newline ? "a newline" : 0;
    if (what != NULL) {
        PyErr_Format(PyExc_ValueError, "binary mode doesn't take %s argument", what);
        return -1;
    }
    return 0;
}

static PyObject *
raw_mode_string(const OpenMode *m)
{
    char buf[4];
    int i = 0;
    if (m->creating || m->reading || m->writing || m->appending) {
        buf[i++] = m->creating ? 'x' : m->reading ? 'r' : m->writing ? 'w' : 'a';
    }
    if (m->updating) {
        buf[i++] = '+';
    }
    buf[i] = 0;
    return PyUnicode_FromString(buf);
}

static int
int_arg(PyObject *arg, int dflt, int *out)
{
    if (arg == NULL) {
        *out = dflt;
        return 0;
    }
    if (PyFloat_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return -1;
    }
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (v > INT_MAX || v < INT_MIN) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* Picks the buffer size: raw._blksize when buffering < 0, and whether to line-buffer. */
static int
choose_buffering(PyObject *raw, int *buffering, int *line_buffering)
{
    *line_buffering = 0;
    int tty = 0;
    if (*buffering == 1 || *buffering < 0) {
        PyObject *res = PyObject_CallMethodNoArgs(raw, pyrs_io_str.isatty);
        if (res == NULL) {
            return -1;
        }
        tty = PyObject_IsTrue(res);
        Py_DECREF(res);
        if (tty < 0) {
            return -1;
        }
    }
    if (*buffering == 1 || (*buffering < 0 && tty)) {
        *buffering = -1;
        *line_buffering = 1;
    }
    if (*buffering < 0) {
        PyObject *bs = PyObject_GetAttr(raw, pyrs_io_str._blksize);
        if (bs == NULL) {
            return -1;
        }
        long v = PyLong_AsLong(bs);
        Py_DECREF(bs);
        if (v == -1 && PyErr_Occurred()) {
            return -1;
        }
        *buffering = v > 1 && v <= INT_MAX ? (int)v : PYRS_IO_DEFAULT_BUFFER_SIZE;
    }
    return 0;
}

static PyObject *
open_layers(PyObject *path_or_fd, PyObject *modeobj, const OpenMode *m, int buffering,
            PyObject *encoding, PyObject *errors, PyObject *newline, int closefd, PyObject *opener)
{
    PyObject *result = NULL, *rawmode = raw_mode_string(m);
    if (rawmode == NULL) {
        return NULL;
    }
    result = PyObject_CallFunction((PyObject *)&pyrs_io_fileio_type, "OOiO", path_or_fd, rawmode,
                                   closefd, opener);
    Py_DECREF(rawmode);
    if (result == NULL) {
        return NULL;
    }
    int line_buffering;
    if (choose_buffering(result, &buffering, &line_buffering) < 0) {
        goto error;
    }
    if (buffering == 0) {
        if (m->binary) {
            return result;
        }
        PyErr_SetString(PyExc_ValueError, "can't have unbuffered text I/O");
        goto error;
    }
    PyTypeObject *tp = m->updating                                   ? &pyrs_io_bufferedrandom_type
                       : (m->creating || m->writing || m->appending) ? &pyrs_io_bufferedwriter_type
                                                                     : &pyrs_io_bufferedreader_type;
    PyObject *buffer = PyObject_CallFunction((PyObject *)tp, "Oi", result, buffering);
    if (buffer == NULL) {
        goto error;
    }
    Py_SETREF(result, buffer);
    if (m->binary) {
        return result;
    }
    PyObject *wrapper = PyObject_CallFunction(
        (PyObject *)&pyrs_io_textiowrapper_type, "OOOOi", buffer, encoding ? encoding : Py_None,
        errors ? errors : Py_None, newline ? newline : Py_None, line_buffering);
    if (wrapper == NULL) {
        goto error;
    }
    Py_SETREF(result, wrapper);
    if (PyObject_SetAttr(wrapper, pyrs_io_str.mode, modeobj) < 0) {
        goto error;
    }
    return result;
error : {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyObject *r = PyObject_CallMethodNoArgs(result, pyrs_io_str.close);
    if (r == NULL) {
        _PyErr_ChainExceptions(t, v, tb);
    } else {
        Py_DECREF(r);
        PyErr_Restore(t, v, tb);
    }
    Py_DECREF(result);
    return NULL;
}
}

static PyObject *
io_open(PyObject *Py_UNUSED(module), PyObject *args, PyObject *kwds)
{
    static const char *const kwlist[] = {"file",    "mode",    "buffering", "encoding", "errors",
                                         "newline", "closefd", "opener",    NULL};
    PyObject *a[8];
    if (pyrs_io_parse_args("open", args, kwds, kwlist, 8, 1, a) < 0) {
        return NULL;
    }
    PyObject *file = a[0], *modeobj = a[1], *encoding, *errors, *newline;
    if (modeobj != NULL && !PyUnicode_Check(modeobj)) {
        PyErr_Format(PyExc_TypeError, "open() argument 'mode' must be str, not %.50s",
                     Py_TYPE(modeobj)->tp_name);
        return NULL;
    }
    int buffering, closefd;
    if (int_arg(a[2], -1, &buffering) < 0 ||
        pyrs_io_str_or_none("open", "encoding", a[3], &encoding) < 0 ||
        pyrs_io_str_or_none("open", "errors", a[4], &errors) < 0 ||
        pyrs_io_str_or_none("open", "newline", a[5], &newline) < 0 ||
        int_arg(a[6], 1, &closefd) < 0) {
        return NULL;
    }
    PyObject *opener = a[7] ? a[7] : Py_None;
    PyObject *path_or_fd = PyLong_Check(file) ? Py_NewRef(file) : pyrs_io_fspath(file);
    if (path_or_fd == NULL) {
        return NULL;
    }
    PyObject *res = NULL;
    OpenMode m;
    if (modeobj == NULL) {
        modeobj = PyUnicode_FromString("r");
    } else {
        Py_INCREF(modeobj);
    }
    if (modeobj == NULL || parse_mode(modeobj, &m) < 0 ||
        check_binary_args(&m, encoding, errors, newline) < 0) {
        goto done;
    }
    if (m.binary && buffering == 1 &&
        PyErr_WarnEx(PyExc_RuntimeWarning,
                     "line buffering (buffering=1) isn't supported in binary mode, the default "
                     "buffer size will be used",
                     1) < 0) {
        goto done;
    }
    res =
        open_layers(path_or_fd, modeobj, &m, buffering, encoding, errors, newline, closefd, opener);
done:
    Py_XDECREF(modeobj);
    Py_DECREF(path_or_fd);
    return res;
}

static PyObject *
io_open_code(PyObject *module, PyObject *args, PyObject *kwds)
{
    static const char *const kwlist[] = {"path", NULL};
    PyObject *a[1];
    if (pyrs_io_parse_args("open_code", args, kwds, kwlist, 1, 1, a) < 0) {
        return NULL;
    }
    if (!PyUnicode_Check(a[0])) {
        PyErr_Format(PyExc_TypeError, "open_code() argument 'path' must be str, not %.50s",
                     Py_TYPE(a[0])->tp_name);
        return NULL;
    }
    PyObject *rb = PyUnicode_FromString("rb");
    PyObject *oargs = rb ? PyTuple_Pack(2, a[0], rb) : NULL;
    Py_XDECREF(rb);
    if (oargs == NULL) {
        return NULL;
    }
    PyObject *res = io_open(module, oargs, NULL);
    Py_DECREF(oargs);
    return res;
}

static PyObject *
io_text_encoding(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("text_encoding", nargs, 1, 2)) {
        return NULL;
    }
    if (nargs > 1 && PyFloat_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "integer argument expected, got float");
        return NULL;
    }
    long stacklevel = nargs > 1 ? PyLong_AsLong(args[1]) : 2;
    if (stacklevel == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (args[0] != Py_None) {
        return Py_NewRef(args[0]);
    }
    if (pyrs_config.warn_default_encoding &&
        PyErr_WarnEx(PyExc_EncodingWarning, "'encoding' argument not specified",
                     (Py_ssize_t)stacklevel) < 0) {
        return NULL;
    }
    return PyUnicode_FromString(pyrs_config.utf8_mode ? "utf-8" : "locale");
}

static PyMethodDef io_methods[] = {
    {"open", (PyCFunction)(void (*)(void))io_open, METH_VARARGS | METH_KEYWORDS,
     "Open file and return a stream.  Raise OSError upon failure."},
    {"open_code", (PyCFunction)(void (*)(void))io_open_code, METH_VARARGS | METH_KEYWORDS,
     "Opens the provided file with the intent to import the contents."},
    {"text_encoding", (PyCFunction)(void (*)(void))io_text_encoding, METH_FASTCALL,
     "A helper function to choose the text encoding."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef io_module = {
    PyModuleDef_HEAD_INIT,
    "io",
    "The io module provides the Python interfaces to stream handling.",
    -1,
    io_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

/* ---- readiness ---- */

static int
make_unsupported(void)
{
    PyObject *bases = PyTuple_Pack(2, PyExc_OSError, PyExc_ValueError);
    PyObject *dict = PyDict_New();
    PyObject *modname = PyUnicode_FromString("io");
    if (dict != NULL &&
        (modname == NULL || PyDict_SetItemString(dict, "__module__", modname) < 0)) {
        Py_CLEAR(dict);
    }
    Py_XDECREF(modname);
    PyObject *cls = NULL;
    if (bases != NULL && dict != NULL) {
        cls = PyObject_CallFunction((PyObject *)&PyType_Type, "sOO", "UnsupportedOperation", bases,
                                    dict);
    }
    Py_XDECREF(bases);
    Py_XDECREF(dict);
    pyrs_io_unsupported_operation = cls;
    return cls == NULL ? -1 : 0;
}

static int
make_strings(void)
{
#define PYRS_IO_INTERN(n)                                                                          \
    if ((pyrs_io_str.n = PyUnicode_InternFromString(#n)) == NULL) {                                \
        return -1;                                                                                 \
    }
    PYRS_IO_STRINGS(PYRS_IO_INTERN)
#undef PYRS_IO_INTERN
    pyrs_io_str.empty_str = PyUnicode_FromStringAndSize(NULL, 0);
    pyrs_io_str.empty_bytes = PyBytes_FromStringAndSize(NULL, 0);
    pyrs_io_str.nl = PyUnicode_InternFromString("\n");
    pyrs_io_str.zero = PyLong_FromLong(0);
    return pyrs_io_str.nl == NULL || pyrs_io_str.zero == NULL || pyrs_io_str.empty_bytes == NULL
               ? -1
               : 0;
}

static PyTypeObject *const io_types[] = {
    &pyrs_io_iobase_type,         &pyrs_io_rawiobase_type,      &pyrs_io_bufferediobase_type,
    &pyrs_io_textiobase_type,     &pyrs_io_fileio_type,         &pyrs_io_bytesio_type,
    &pyrs_io_stringio_type,       &pyrs_io_bufferedreader_type, &pyrs_io_bufferedwriter_type,
    &pyrs_io_bufferedrandom_type, &pyrs_io_bufferedrwpair_type, &pyrs_io_textiowrapper_type,
    &pyrs_io_nldecoder_type,      &pyrs_io_bytesiobuffer_type,
};

int
pyrs_io_ready(void)
{
    static int ready;
    if (ready) {
        return 0;
    }
    if (make_strings() < 0 || make_unsupported() < 0 || PyType_Ready(&pyrs_io_nativedec_type) < 0) {
        return -1;
    }
    for (size_t i = 0; i < Py_ARRAY_LENGTH(io_types); i++) {
        if (PyType_Ready(io_types[i]) < 0) {
            return -1;
        }
    }
    ready = 1;
    return 0;
}

static int
add_type(PyObject *m, PyTypeObject *tp)
{
    const char *dot = strrchr(tp->tp_name, '.');
    return PyModule_AddObjectRef(m, dot ? dot + 1 : tp->tp_name, (PyObject *)tp);
}

PyMODINIT_FUNC PyInit__io(void);

PyMODINIT_FUNC
PyInit__io(void)
{
    if (pyrs_io_ready() < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&io_module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "DEFAULT_BUFFER_SIZE", PYRS_IO_DEFAULT_BUFFER_SIZE) < 0 ||
        PyModule_AddObjectRef(m, "UnsupportedOperation", pyrs_io_unsupported_operation) < 0 ||
        PyModule_AddObjectRef(m, "BlockingIOError", PyExc_BlockingIOError) < 0) {
        goto error;
    }
    /* the last entry, the getbuffer() view type, is private */
    for (size_t i = 0; i + 1 < Py_ARRAY_LENGTH(io_types); i++) {
        if (add_type(m, io_types[i]) < 0) {
            goto error;
        }
    }
    return m;
error:
    Py_DECREF(m);
    return NULL;
}
