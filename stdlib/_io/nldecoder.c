/* nldecoder.c: io.IncrementalNewlineDecoder (universal newlines: \r and \r\n translated or
 * just recorded, a trailing \r held back until the next chunk), the line-ending search shared
 * by TextIOWrapper and StringIO, and the native UTF-8/Latin-1/ASCII incremental decoder that
 * stands in for the codec registry for those encodings. Mirrors CPython 3.11's textio.c. */
#include "_iomodule.h"

/* ---- line endings (shared with StringIO) ---- */

Py_ssize_t
pyrs_io_find_line_end(int kind, const void *data, Py_ssize_t start, Py_ssize_t end, int translated,
                      int universal, PyObject *readnl, Py_ssize_t *consumed)
{
    if (translated && kind == PyUnicode_1BYTE_KIND) {
        const char *base = data;
        const char *nl = start < end ? memchr(base + start, '\n', (size_t)(end - start)) : NULL;
        if (nl != NULL) {
            return nl - base + 1;
        }
        *consumed = end;
        return -1;
    }
    if (translated) {
        for (Py_ssize_t i = start; i < end; i++) {
            if (PyUnicode_READ(kind, data, i) == '\n') {
                return i + 1;
            }
        }
        *consumed = end;
        return -1;
    }
    if (universal) {
        for (Py_ssize_t i = start; i < end; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < end && PyUnicode_READ(kind, data, i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        *consumed = end;
        return -1;
    }
    Py_ssize_t nlen = PyUnicode_GET_LENGTH(readnl);
    Py_UCS4 first = PyUnicode_READ_CHAR(readnl, 0);
    for (Py_ssize_t i = start; i + nlen <= end; i++) {
        if (PyUnicode_READ(kind, data, i) != first) {
            continue;
        }
        Py_ssize_t k = 1;
        while (k < nlen && PyUnicode_READ(kind, data, i + k) == PyUnicode_READ_CHAR(readnl, k)) {
            k++;
        }
        if (k == nlen) {
            return i + nlen;
        }
    }
    /* keep back a possible partial terminator at the end, from its first character */
    Py_ssize_t tail = end - (nlen - 1) > start ? end - (nlen - 1) : start;
    *consumed = end;
    for (Py_ssize_t i = tail; i < end; i++) {
        if (PyUnicode_READ(kind, data, i) == first) {
            *consumed = i;
            break;
        }
    }
    return -1;
}

PyObject *
pyrs_io_newlines_value(int seen)
{
    switch (seen) {
    case PYRS_IO_SEEN_CR:
        return PyUnicode_FromString("\r");
    case PYRS_IO_SEEN_LF:
        return PyUnicode_FromString("\n");
    case PYRS_IO_SEEN_CRLF:
        return PyUnicode_FromString("\r\n");
    case 0:
        Py_RETURN_NONE;
    default:
        break;
    }
    static const char *const names[] = {"\r", "\n", "\r\n"};
    PyObject *res = PyTuple_New((seen & 1) + ((seen >> 1) & 1) + ((seen >> 2) & 1));
    for (Py_ssize_t bit = 0, i = 0; res != NULL && bit < 3; bit++) {
        if (seen & (1 << bit)) {
            PyObject *s = PyUnicode_FromString(names[bit]);
            if (s == NULL) {
                Py_CLEAR(res);
                break;
            }
            PyTuple_SET_ITEM(res, i++, s);
        }
    }
    return res;
}

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

PyObject *
pyrs_io_translate_newlines(PyObject *s, int translate, int *seen)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), crs = 0;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    if (n == 0) {
        return Py_NewRef(s);
    }
    if (find_char(s, '\r') == -1) {
        /* the common case: only "\n" endings, nothing to translate */
        if (find_char(s, '\n') >= 0) {
            *seen |= PYRS_IO_SEEN_LF;
        }
        return Py_NewRef(s);
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == '\n') {
            *seen |= PYRS_IO_SEEN_LF;
        } else if (c == '\r') {
            crs++;
            if (i + 1 < n && PyUnicode_READ(kind, data, i + 1) == '\n') {
                *seen |= PYRS_IO_SEEN_CRLF;
                i++;
            } else {
                *seen |= PYRS_IO_SEEN_CR;
            }
        }
    }
    if (!translate || crs == 0) {
        return Py_NewRef(s);
    }
    Py_UCS4 *out = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_UCS4));
    if (out == NULL) {
        return PyErr_NoMemory();
    }
    Py_ssize_t j = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == '\r') {
            if (i + 1 < n && PyUnicode_READ(kind, data, i + 1) == '\n') {
                i++;
            }
            c = '\n';
        }
        out[j++] = c;
    }
    PyObject *res = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, j);
    PyMem_Free(out);
    return res;
}

/* ---- the native incremental decoder ---- */

typedef struct {
    PyObject_HEAD
    int codec;           /* CODEC_UTF8 / CODEC_LATIN1 / CODEC_ASCII */
    PyObject *errors;    /* error handler name, owned */
    char pending[4];     /* an incomplete UTF-8 sequence */
    Py_ssize_t npending; /* bytes in pending */
} nativedec;

int
pyrs_io_native_codec(PyObject *encoding)
{
    const char *s = PyUnicode_AsUTF8(encoding);
    char norm[32];
    size_t j = 0;
    if (s == NULL) {
        PyErr_Clear();
        return CODEC_OTHER;
    }
    for (; *s && j + 1 < sizeof norm; s++) {
        if (*s == '-' || *s == '_' || *s == ' ') {
            continue;
        }
        norm[j++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
    }
    if (*s) {
        return CODEC_OTHER;
    }
    norm[j] = 0;
    static const char *const utf8[] = {"utf8", "u8", "utf", "cp65001", NULL};
    static const char *const latin1[] = {"latin1", "latin", "l1",     "iso88591", "iso885911987",
                                         "cp819",  "8859",  "ibm819", NULL};
    static const char *const ascii[] = {"ascii", "usascii", "646", "us", "ansix3.41968", NULL};
    const char *const *tables[] = {utf8, latin1, ascii};
    for (int t = 0; t < 3; t++) {
        for (const char *const *p = tables[t]; *p; p++) {
            if (strcmp(norm, *p) == 0) {
                return CODEC_UTF8 + t;
            }
        }
    }
    return CODEC_OTHER;
}

PyObject *
pyrs_io_nativedec_new(int codec, PyObject *errors)
{
    nativedec *d = PyObject_New(nativedec, &pyrs_io_nativedec_type);
    if (d != NULL) {
        d->codec = codec;
        d->errors = Py_NewRef(errors);
        d->npending = 0;
    }
    return (PyObject *)d;
}

static PyObject *
native_decode(nativedec *d, const char *data, Py_ssize_t len, int final)
{
    const char *errors = PyUnicode_AsUTF8(d->errors);
    if (errors == NULL) {
        return NULL;
    }
    if (d->codec == CODEC_LATIN1) {
        return PyUnicode_DecodeLatin1(data, len, errors);
    }
    if (d->codec == CODEC_ASCII) {
        return PyUnicode_DecodeASCII(data, len, errors);
    }
    char *joined = NULL;
    if (d->npending > 0) {
        joined = PyMem_Malloc((size_t)(len + d->npending));
        if (joined == NULL) {
            return PyErr_NoMemory();
        }
        memcpy(joined, d->pending, (size_t)d->npending);
        memcpy(joined + d->npending, data, (size_t)len);
        data = joined;
        len += d->npending;
    }
    Py_ssize_t consumed = len;
    PyObject *res = PyUnicode_DecodeUTF8Stateful(data, len, errors, final ? NULL : &consumed);
    if (res != NULL) {
        d->npending = len - consumed;
        if (d->npending > 4) {
            d->npending = 4;
        }
        memcpy(d->pending, data + consumed, (size_t)d->npending);
    }
    PyMem_Free(joined);
    return res;
}

static PyObject *
nativedec_decode(PyObject *op, PyObject *args, PyObject *kwds)
{
    static const char *const kwlist[] = {"input", "final", NULL};
    PyObject *a[2];
    if (pyrs_io_parse_args("decode", args, kwds, kwlist, 2, 1, a) < 0) {
        return NULL;
    }
    int final = a[1] ? PyObject_IsTrue(a[1]) : 0;
    Py_buffer view;
    if (final < 0 || PyObject_GetBuffer(a[0], &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    PyObject *res = native_decode((nativedec *)op, view.buf, view.len, final);
    PyBuffer_Release(&view);
    return res;
}

static PyObject *
nativedec_getstate(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    nativedec *d = (nativedec *)op;
    return pair_steal(PyBytes_FromStringAndSize(d->pending, d->npending), PyLong_FromLong(0));
}

static PyObject *
nativedec_setstate(PyObject *op, PyObject *state)
{
    nativedec *d = (nativedec *)op;
    if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) != 2 ||
        !PyBytes_Check(PyTuple_GET_ITEM(state, 0))) {
        PyErr_SetString(PyExc_TypeError, "state argument must be a (bytes, int) tuple");
        return NULL;
    }
    PyObject *buf = PyTuple_GET_ITEM(state, 0);
    Py_ssize_t n = PyBytes_GET_SIZE(buf);
    d->npending = n > 4 ? 4 : n;
    memcpy(d->pending, PyBytes_AS_STRING(buf), (size_t)d->npending);
    Py_RETURN_NONE;
}

static PyObject *
nativedec_reset(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    ((nativedec *)op)->npending = 0;
    Py_RETURN_NONE;
}

static void
nativedec_dealloc(PyObject *op)
{
    Py_CLEAR(((nativedec *)op)->errors);
    PyObject_Free(op);
}

static PyMethodDef nativedec_methods[] = {
    {"decode", (PyCFunction)(void (*)(void))nativedec_decode, METH_VARARGS | METH_KEYWORDS, NULL},
    {"getstate", nativedec_getstate, METH_NOARGS, NULL},
    {"setstate", nativedec_setstate, METH_O, NULL},
    {"reset", nativedec_reset, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

PyTypeObject pyrs_io_nativedec_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_io._NativeIncrementalDecoder",
    .tp_basicsize = sizeof(nativedec),
    .tp_dealloc = nativedec_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = nativedec_methods,
};

/* ---- IncrementalNewlineDecoder ---- */

typedef struct {
    PyObject_HEAD
    PyObject *decoder; /* wrapped decoder or None, owned */
    PyObject *errors;  /* owned */
    int translate;     /* turn \r and \r\n into \n */
    int pendingcr;     /* a '\r' was held back */
    int seennl;        /* PYRS_IO_SEEN_* */
    int ok;            /* initialised */
} nldecoder;

static int
nldecoder_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    static const char *const kwlist[] = {"decoder", "translate", "errors", NULL};
    nldecoder *self = (nldecoder *)op;
    PyObject *a[3];
    if (pyrs_io_parse_args("IncrementalNewlineDecoder", args, kwds, kwlist, 3, 2, a) < 0) {
        return -1;
    }
    int translate = PyObject_IsTrue(a[1]);
    if (translate < 0) {
        return -1;
    }
    Py_XSETREF(self->decoder, Py_NewRef(a[0]));
    PyObject *errors = a[2];
    if (errors == NULL) {
        errors = PyUnicode_FromString("strict");
        if (errors == NULL) {
            return -1;
        }
    } else {
        Py_INCREF(errors);
    }
    Py_XSETREF(self->errors, errors);
    self->translate = translate;
    self->seennl = self->pendingcr = 0;
    self->ok = 1;
    return 0;
}

static int
nldecoder_check(nldecoder *self)
{
    if (!self->ok) {
        PyErr_SetString(PyExc_ValueError, "IncrementalNewlineDecoder.__init__() not called");
        return -1;
    }
    return 0;
}

PyObject *
pyrs_io_nldecoder_decode(PyObject *op, PyObject *input, int final)
{
    nldecoder *self = (nldecoder *)op;
    PyObject *output;
    if (nldecoder_check(self) < 0) {
        return NULL;
    }
    if (self->decoder == Py_None) {
        output = Py_NewRef(input);
    } else if (Py_TYPE(self->decoder) == &pyrs_io_nativedec_type && PyBytes_Check(input)) {
        output = native_decode((nativedec *)self->decoder, PyBytes_AS_STRING(input),
                               PyBytes_GET_SIZE(input), final);
    } else {
        output = PyObject_CallMethod(self->decoder, "decode", "Oi", input, final);
    }
    if (output == NULL) {
        return NULL;
    }
    if (!PyUnicode_Check(output)) {
        PyErr_Format(PyExc_TypeError, "decoder should return a string result, not '%.200s'",
                     Py_TYPE(output)->tp_name);
        Py_DECREF(output);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(output);
    if (self->pendingcr && (final || n > 0)) {
        PyObject *cr = PyUnicode_FromString("\r");
        Py_SETREF(output, cr ? PyUnicode_Concat(cr, output) : NULL);
        Py_XDECREF(cr);
        if (output == NULL) {
            return NULL;
        }
        self->pendingcr = 0;
        n++;
    }
    if (!final && n > 0 && PyUnicode_READ_CHAR(output, n - 1) == '\r') {
        Py_SETREF(output, PyUnicode_Substring(output, 0, n - 1));
        if (output == NULL) {
            return NULL;
        }
        self->pendingcr = 1;
    }
    Py_SETREF(output, pyrs_io_translate_newlines(output, self->translate, &self->seennl));
    return output;
}

static PyObject *
nldecoder_decode(PyObject *op, PyObject *args, PyObject *kwds)
{
    static const char *const kwlist[] = {"input", "final", NULL};
    PyObject *a[2];
    if (pyrs_io_parse_args("decode", args, kwds, kwlist, 2, 1, a) < 0) {
        return NULL;
    }
    int final = a[1] ? PyObject_IsTrue(a[1]) : 0;
    return final < 0 ? NULL : pyrs_io_nldecoder_decode(op, a[0], final);
}

static PyObject *
nldecoder_getstate(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    nldecoder *self = (nldecoder *)op;
    PyObject *buffer;
    unsigned long long flag = 0;
    if (nldecoder_check(self) < 0) {
        return NULL;
    }
    if (self->decoder != Py_None) {
        PyObject *state = PyObject_CallMethodNoArgs(self->decoder, pyrs_io_str.getstate);
        if (state == NULL) {
            return NULL;
        }
        if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) != 2) {
            PyErr_SetString(PyExc_TypeError, "illegal decoder state");
            Py_DECREF(state);
            return NULL;
        }
        buffer = Py_NewRef(PyTuple_GET_ITEM(state, 0));
        flag = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(state, 1));
        Py_DECREF(state);
        if (flag == (unsigned long long)-1 && PyErr_Occurred()) {
            Py_DECREF(buffer);
            return NULL;
        }
    } else {
        buffer = PyBytes_FromString("");
        if (buffer == NULL) {
            return NULL;
        }
    }
    flag = (flag << 1) | (unsigned long long)self->pendingcr;
    return pair_steal(buffer, PyLong_FromUnsignedLongLong(flag));
}

static PyObject *
nldecoder_setstate(PyObject *op, PyObject *state)
{
    nldecoder *self = (nldecoder *)op;
    if (nldecoder_check(self) < 0) {
        return NULL;
    }
    if (!PyTuple_Check(state)) {
        PyErr_SetString(PyExc_TypeError, "state argument must be a tuple");
        return NULL;
    }
    if (PyTuple_GET_SIZE(state) != 2) {
        PyErr_Format(PyExc_TypeError, "state argument must be a 2-tuple");
        return NULL;
    }
    unsigned long long flag = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(state, 1));
    if (flag == (unsigned long long)-1 && PyErr_Occurred()) {
        return NULL;
    }
    self->pendingcr = (int)(flag & 1);
    if (self->decoder != Py_None) {
        return PyObject_CallMethod(self->decoder, "setstate", "((OK))", PyTuple_GET_ITEM(state, 0),
                                   flag >> 1);
    }
    Py_RETURN_NONE;
}

static PyObject *
nldecoder_reset(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    nldecoder *self = (nldecoder *)op;
    if (nldecoder_check(self) < 0) {
        return NULL;
    }
    self->seennl = 0;
    self->pendingcr = 0;
    if (self->decoder != Py_None) {
        return PyObject_CallMethodNoArgs(self->decoder, pyrs_io_str.reset);
    }
    Py_RETURN_NONE;
}

static PyObject *
nldecoder_newlines_get(PyObject *op, void *Py_UNUSED(closure))
{
    nldecoder *self = (nldecoder *)op;
    if (nldecoder_check(self) < 0) {
        return NULL;
    }
    return pyrs_io_newlines_value(self->seennl);
}

static int
nldecoder_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((nldecoder *)op)->decoder);
    return 0;
}

static int
nldecoder_clear(PyObject *op)
{
    Py_CLEAR(((nldecoder *)op)->decoder);
    return 0;
}

static void
nldecoder_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    Py_CLEAR(((nldecoder *)op)->decoder);
    Py_CLEAR(((nldecoder *)op)->errors);
    Py_TYPE(op)->tp_free(op);
}

static PyMethodDef nldecoder_methods[] = {
    {"decode", (PyCFunction)(void (*)(void))nldecoder_decode, METH_VARARGS | METH_KEYWORDS, NULL},
    {"getstate", nldecoder_getstate, METH_NOARGS, NULL},
    {"setstate", nldecoder_setstate, METH_O, NULL},
    {"reset", nldecoder_reset, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef nldecoder_getset[] = {
    {"newlines", nldecoder_newlines_get, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject pyrs_io_nldecoder_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_io.IncrementalNewlineDecoder",
    .tp_basicsize = sizeof(nldecoder),
    .tp_dealloc = nldecoder_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Codec used when reading a file in universal newlines mode.",
    .tp_traverse = nldecoder_traverse,
    .tp_clear = nldecoder_clear,
    .tp_methods = nldecoder_methods,
    .tp_getset = nldecoder_getset,
    .tp_init = nldecoder_init,
    .tp_new = PyType_GenericNew,
};

PyObject *
pyrs_io_native_decode(PyObject *dec, PyObject *input, int final)
{
    return native_decode((nativedec *)dec, PyBytes_AS_STRING(input), PyBytes_GET_SIZE(input),
                         final);
}
