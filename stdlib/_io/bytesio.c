/* bytesio.c: io.BytesIO, an in-memory binary stream over a growable byte array, and the
 * private _io._BytesIOBuffer behind getbuffer() whose live exports forbid resizing (CPython
 * 3.11's BufferError), with CPython's seek/truncate/pickling semantics and messages. */
#include "_iomodule.h"

typedef struct {
    PYRS_IO_HEAD
    char *buf;              /* PyMem-owned storage, capacity bytes */
    Py_ssize_t capacity;    /* allocated size of buf */
    Py_ssize_t string_size; /* bytes of data */
    Py_ssize_t pos;         /* current position (may be past string_size) */
    Py_ssize_t exports;     /* live getbuffer() exports */
    int closed;             /* close() was called */
} bytesio;

typedef struct {
    PyObject_HEAD
    bytesio *source; /* owned */
} bytesiobuf;

#define EXPORTS_MSG "Existing exports of data: object cannot be re-sized"

static int
check_closed(bytesio *self)
{
    if (self->closed) {
        pyrs_io_closed_error();
        return -1;
    }
    return 0;
}

static int
check_exports(bytesio *self)
{
    if (self->exports > 0) {
        PyErr_SetString(PyExc_BufferError, EXPORTS_MSG);
        return -1;
    }
    return 0;
}

static int
reserve(bytesio *self, Py_ssize_t size)
{
    if (size <= self->capacity) {
        return 0;
    }
    Py_ssize_t cap = self->capacity + (self->capacity >> 1);
    if (cap < size) {
        cap = size;
    }
    char *nb = PyMem_Realloc(self->buf, (size_t)(cap ? cap : 1));
    if (nb == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->buf = nb;
    self->capacity = cap;
    return 0;
}

/* Writes LEN bytes at the position, zero-filling any gap; returns LEN or -1. */
static Py_ssize_t
write_bytes(bytesio *self, const char *data, Py_ssize_t len)
{
    if (check_exports(self) < 0) {
        return -1;
    }
    if (len == 0) {
        return 0;
    }
    Py_ssize_t end = self->pos + len;
    if (reserve(self, end) < 0) {
        return -1;
    }
    if (self->pos > self->string_size) {
        memset(self->buf + self->string_size, 0, (size_t)(self->pos - self->string_size));
    }
    memcpy(self->buf + self->pos, data, (size_t)len);
    self->pos = end;
    if (end > self->string_size) {
        self->string_size = end;
    }
    return len;
}

static Py_ssize_t
write_object(bytesio *self, PyObject *obj)
{
    Py_buffer view;
    if (PyObject_GetBuffer(obj, &view, PyBUF_CONTIG_RO) < 0) {
        return -1;
    }
    Py_ssize_t n = write_bytes(self, view.buf, view.len);
    PyBuffer_Release(&view);
    return n;
}

static PyObject *
bytesio_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    bytesio *self = (bytesio *)type->tp_alloc(type, 0);
    /* the storage always exists while open, so positions never offset a NULL pointer */
    if (self != NULL && reserve(self, 1) < 0) {
        Py_CLEAR(self);
    }
    return (PyObject *)self;
}

static int
bytesio_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    static const char *const kwlist[] = {"initial_bytes", NULL};
    bytesio *self = (bytesio *)op;
    PyObject *a[1];
    if (pyrs_io_parse_args("BytesIO", args, kwds, kwlist, 1, 0, a) < 0 || check_exports(self) < 0) {
        return -1;
    }
    self->string_size = 0;
    self->pos = 0;
    self->closed = 0;
    if (reserve(self, 1) < 0) {
        return -1;
    }
    if (a[0] != NULL && a[0] != Py_None) {
        if (write_object(self, a[0]) < 0) {
            return -1;
        }
        self->pos = 0;
    }
    return 0;
}

static PyObject *
bytesio_getvalue(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    bytesio *self = (bytesio *)op;
    if (check_closed(self) < 0) {
        return NULL;
    }
    return PyBytes_FromStringAndSize(self->buf, self->string_size);
}

static PyObject *
bytesio_true(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    if (check_closed((bytesio *)op) < 0) {
        return NULL;
    }
    Py_RETURN_TRUE;
}

static PyObject *
bytesio_isatty(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    if (check_closed((bytesio *)op) < 0) {
        return NULL;
    }
    Py_RETURN_FALSE;
}

static PyObject *
bytesio_flush(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    if (check_closed((bytesio *)op) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
bytesio_tell(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    bytesio *self = (bytesio *)op;
    if (check_closed(self) < 0) {
        return NULL;
    }
    return PyLong_FromSsize_t(self->pos);
}

/* The next SIZE (clipped; < 0 means all) bytes from the position, advancing it. */
static PyObject *
read_bytes(bytesio *self, Py_ssize_t size)
{
    Py_ssize_t avail = self->string_size > self->pos ? self->string_size - self->pos : 0;
    if (size < 0 || size > avail) {
        size = avail;
    }
    PyObject *res = PyBytes_FromStringAndSize(self->buf + self->pos, size);
    if (res != NULL) {
        self->pos += size;
    }
    return res;
}

static PyObject *
bytesio_read(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    bytesio *self = (bytesio *)op;
    Py_ssize_t size = -1;
    if (!_PyArg_CheckPositional("read", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_or_none(args[0], &size) < 0) || check_closed(self) < 0) {
        return NULL;
    }
    return read_bytes(self, size);
}

static PyObject *
bytesio_read1(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    bytesio *self = (bytesio *)op;
    Py_ssize_t size = -1;
    if (!_PyArg_CheckPositional("read1", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_or_none(args[0], &size) < 0) || check_closed(self) < 0) {
        return NULL;
    }
    return read_bytes(self, size);
}

/* Length of the next line from the position (through '\n'), at most LIMIT when >= 0. */
static Py_ssize_t
line_length(bytesio *self, Py_ssize_t limit)
{
    if (self->pos >= self->string_size) {
        return 0;
    }
    const char *start = self->buf + self->pos;
    Py_ssize_t avail = self->string_size - self->pos;
    const char *nl = memchr(start, '\n', (size_t)avail);
    Py_ssize_t n = nl ? nl - start + 1 : avail;
    if (limit >= 0 && n > limit) {
        n = limit;
    }
    return n;
}

static PyObject *
bytesio_readline(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    bytesio *self = (bytesio *)op;
    Py_ssize_t size = -1;
    if (!_PyArg_CheckPositional("readline", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_or_none(args[0], &size) < 0) || check_closed(self) < 0) {
        return NULL;
    }
    return read_bytes(self, line_length(self, size));
}

static PyObject *
bytesio_readlines(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    bytesio *self = (bytesio *)op;
    Py_ssize_t hint = -1, total = 0;
    if (!_PyArg_CheckPositional("readlines", nargs, 0, 1)) {
        return NULL;
    }
    if (nargs > 0 && args[0] != Py_None) {
        if (!PyLong_Check(args[0])) {
            PyErr_Format(PyExc_TypeError, "integer argument expected, got '%s'",
                         Py_TYPE(args[0])->tp_name);
            return NULL;
        }
        hint = PyLong_AsSsize_t(args[0]);
        if (hint == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    if (check_closed(self) < 0) {
        return NULL;
    }
    PyObject *res = PyList_New(0);
    Py_ssize_t n;
    while (res != NULL && (n = line_length(self, -1)) > 0) {
        PyObject *line = read_bytes(self, n);
        if (line == NULL || PyList_Append(res, line) < 0) {
            Py_XDECREF(line);
            Py_CLEAR(res);
            break;
        }
        Py_DECREF(line);
        total += n;
        if (hint > 0 && total >= hint) {
            break;
        }
    }
    return res;
}

static PyObject *
bytesio_readinto(PyObject *op, PyObject *arg)
{
    bytesio *self = (bytesio *)op;
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_WRITABLE) < 0) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) || PyErr_ExceptionMatches(PyExc_BufferError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError,
                         "readinto() argument must be read-write bytes-like object, not %.50s",
                         Py_TYPE(arg)->tp_name);
        }
        return NULL;
    }
    if (check_closed(self) < 0) {
        PyBuffer_Release(&view);
        return NULL;
    }
    Py_ssize_t avail = self->string_size > self->pos ? self->string_size - self->pos : 0;
    Py_ssize_t n = view.len < avail ? view.len : avail;
    memcpy(view.buf, self->buf + self->pos, (size_t)n);
    self->pos += n;
    PyBuffer_Release(&view);
    return PyLong_FromSsize_t(n);
}

static PyObject *
bytesio_truncate(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    bytesio *self = (bytesio *)op;
    Py_ssize_t size = self->pos;
    if (!_PyArg_CheckPositional("truncate", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_or_none(args[0], &size) < 0) || check_closed(self) < 0 ||
        check_exports(self) < 0) {
        return NULL;
    }
    if (size < 0) {
        PyErr_Format(PyExc_ValueError, "negative size value %zd", size);
        return NULL;
    }
    if (size < self->string_size) {
        self->string_size = size;
    }
    return PyLong_FromSsize_t(size);
}

static PyObject *
bytesio_seek(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    bytesio *self = (bytesio *)op;
    if (!_PyArg_CheckPositional("seek", nargs, 1, 2)) {
        return NULL;
    }
    Py_ssize_t pos = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
    if (pos == -1 && PyErr_Occurred()) {
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
    if (pos < 0 && whence == 0) {
        PyErr_Format(PyExc_ValueError, "negative seek value %zd", pos);
        return NULL;
    }
    if (whence == 1) {
        pos = pos > PY_SSIZE_T_MAX - self->pos ? PY_SSIZE_T_MAX : pos + self->pos;
    } else if (whence == 2) {
        pos = pos > PY_SSIZE_T_MAX - self->string_size ? PY_SSIZE_T_MAX : pos + self->string_size;
    } else if (whence != 0) {
        PyErr_Format(PyExc_ValueError, "invalid whence (%i, should be 0, 1 or 2)", whence);
        return NULL;
    }
    self->pos = pos < 0 ? 0 : pos;
    return PyLong_FromSsize_t(self->pos);
}

static PyObject *
bytesio_write(PyObject *op, PyObject *arg)
{
    bytesio *self = (bytesio *)op;
    if (check_closed(self) < 0) {
        return NULL;
    }
    Py_ssize_t n = write_object(self, arg);
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

static PyObject *
bytesio_writelines(PyObject *op, PyObject *lines)
{
    bytesio *self = (bytesio *)op;
    if (check_closed(self) < 0) {
        return NULL;
    }
    PyObject *it = PyObject_GetIter(lines), *item;
    if (it == NULL) {
        return NULL;
    }
    while ((item = PyIter_Next(it)) != NULL) {
        Py_ssize_t n = write_object(self, item);
        Py_DECREF(item);
        if (n < 0) {
            Py_DECREF(it);
            return NULL;
        }
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
bytesio_close(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    bytesio *self = (bytesio *)op;
    if (check_exports(self) < 0) {
        return NULL;
    }
    self->closed = 1;
    PyMem_Free(self->buf);
    self->buf = NULL;
    self->capacity = self->string_size = 0;
    Py_RETURN_NONE;
}

static PyObject *
bytesio_getbuffer(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    bytesio *self = (bytesio *)op;
    if (check_closed(self) < 0) {
        return NULL;
    }
    bytesiobuf *b = PyObject_New(bytesiobuf, &pyrs_io_bytesiobuffer_type);
    if (b == NULL) {
        return NULL;
    }
    b->source = (bytesio *)Py_NewRef(op);
    PyObject *view = PyMemoryView_FromObject((PyObject *)b);
    Py_DECREF(b);
    return view;
}

static PyObject *
bytesio_getstate(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    bytesio *self = (bytesio *)op;
    PyObject *value = bytesio_getvalue(op, NULL);
    if (value == NULL) {
        return NULL;
    }
    PyObject *dict = self->dict ? PyDict_Copy(self->dict) : Py_NewRef(Py_None);
    if (dict == NULL) {
        Py_DECREF(value);
        return NULL;
    }
    PyObject *pos = PyLong_FromSsize_t(self->pos);
    PyObject *res = pos ? PyTuple_Pack(3, value, pos, dict) : NULL;
    Py_XDECREF(pos);
    Py_DECREF(value);
    Py_DECREF(dict);
    return res;
}

static PyObject *
bytesio_setstate(PyObject *op, PyObject *state)
{
    bytesio *self = (bytesio *)op;
    if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) < 3) {
        PyErr_Format(PyExc_TypeError, "%.200s.__setstate__ argument should be 3-tuple, got %.200s",
                     Py_TYPE(op)->tp_name, Py_TYPE(state)->tp_name);
        return NULL;
    }
    if (check_exports(self) < 0 || check_closed(self) < 0) {
        return NULL;
    }
    self->string_size = self->pos = 0;
    if (write_object(self, PyTuple_GET_ITEM(state, 0)) < 0) {
        return NULL;
    }
    PyObject *pos = PyTuple_GET_ITEM(state, 1), *dict = PyTuple_GET_ITEM(state, 2);
    if (!PyLong_Check(pos)) {
        PyErr_Format(PyExc_TypeError, "second item of state must be an integer, not %.200s",
                     Py_TYPE(pos)->tp_name);
        return NULL;
    }
    Py_ssize_t p = PyLong_AsSsize_t(pos);
    if (p == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (p < 0) {
        PyErr_SetString(PyExc_ValueError, "position value cannot be negative");
        return NULL;
    }
    self->pos = p;
    if (dict != Py_None) {
        if (!PyDict_Check(dict)) {
            PyErr_Format(PyExc_TypeError, "third item of state should be a dict, got a %.200s",
                         Py_TYPE(dict)->tp_name);
            return NULL;
        }
        if (self->dict == NULL && (self->dict = PyDict_New()) == NULL) {
            return NULL;
        }
        if (PyDict_Update(self->dict, dict) < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

static PyObject *
bytesio_sizeof(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    bytesio *self = (bytesio *)op;
    return PyLong_FromSsize_t((Py_ssize_t)Py_TYPE(op)->tp_basicsize + self->capacity);
}

static PyObject *
bytesio_iternext(PyObject *op)
{
    bytesio *self = (bytesio *)op;
    if (check_closed(self) < 0) {
        return NULL;
    }
    Py_ssize_t n = line_length(self, -1);
    return n == 0 ? NULL : read_bytes(self, n);
}

static PyObject *
bytesio_closed_get(PyObject *op, void *Py_UNUSED(closure))
{
    return PyBool_FromLong(((bytesio *)op)->closed);
}

static int
bytesio_traverse(PyObject *op, visitproc visit, void *arg)
{
    return pyrs_io_base_traverse(op, visit, arg);
}

static int
bytesio_clear(PyObject *op)
{
    pyrs_io_base_clear(op);
    return 0;
}

static void
bytesio_dealloc(PyObject *op)
{
    bytesio *self = (bytesio *)op;
    PyObject_GC_UnTrack(op);
    if (self->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    PyMem_Free(self->buf);
    pyrs_io_base_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static PyMethodDef bytesio_methods[] = {
    {"readable", bytesio_true, METH_NOARGS, NULL},
    {"seekable", bytesio_true, METH_NOARGS, NULL},
    {"writable", bytesio_true, METH_NOARGS, NULL},
    {"close", bytesio_close, METH_NOARGS, NULL},
    {"flush", bytesio_flush, METH_NOARGS, NULL},
    {"isatty", bytesio_isatty, METH_NOARGS, NULL},
    {"tell", bytesio_tell, METH_NOARGS, NULL},
    {"write", bytesio_write, METH_O, NULL},
    {"writelines", bytesio_writelines, METH_O, NULL},
    {"read1", (PyCFunction)(void (*)(void))bytesio_read1, METH_FASTCALL, NULL},
    {"readinto", bytesio_readinto, METH_O, NULL},
    {"readline", (PyCFunction)(void (*)(void))bytesio_readline, METH_FASTCALL, NULL},
    {"readlines", (PyCFunction)(void (*)(void))bytesio_readlines, METH_FASTCALL, NULL},
    {"read", (PyCFunction)(void (*)(void))bytesio_read, METH_FASTCALL, NULL},
    {"getbuffer", bytesio_getbuffer, METH_NOARGS, NULL},
    {"getvalue", bytesio_getvalue, METH_NOARGS, NULL},
    {"seek", (PyCFunction)(void (*)(void))bytesio_seek, METH_FASTCALL, NULL},
    {"truncate", (PyCFunction)(void (*)(void))bytesio_truncate, METH_FASTCALL, NULL},
    {"__getstate__", bytesio_getstate, METH_NOARGS, NULL},
    {"__setstate__", bytesio_setstate, METH_O, NULL},
    {"__sizeof__", bytesio_sizeof, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef bytesio_getset[] = {
    {"closed", bytesio_closed_get, NULL, "True if the file is closed.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject pyrs_io_bytesio_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_io.BytesIO",
    .tp_basicsize = sizeof(bytesio),
    .tp_dealloc = bytesio_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Buffered I/O implementation using an in-memory bytes buffer.",
    .tp_traverse = bytesio_traverse,
    .tp_clear = bytesio_clear,
    .tp_weaklistoffset = offsetof(bytesio, weakreflist),
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = bytesio_iternext,
    .tp_methods = bytesio_methods,
    .tp_getset = bytesio_getset,
    .tp_base = &pyrs_io_bufferediobase_type,
    .tp_dictoffset = offsetof(bytesio, dict),
    .tp_init = bytesio_init,
    .tp_new = bytesio_new,
};

/* ---- the getbuffer() export object ---- */

static int
bytesiobuf_getbuffer(PyObject *op, Py_buffer *view, int flags)
{
    bytesio *b = ((bytesiobuf *)op)->source;
    if (view == NULL) {
        PyErr_SetString(PyExc_BufferError, "bytesiobuf_getbuffer: view==NULL argument is obsolete");
        return -1;
    }
    /* the storage must exist even when empty so the view has a valid pointer */
    if (reserve(b, 1) < 0) {
        return -1;
    }
    if (PyBuffer_FillInfo(view, op, b->buf, b->string_size, 0, flags) < 0) {
        return -1;
    }
    b->exports++;
    return 0;
}

static void
bytesiobuf_releasebuffer(PyObject *op, Py_buffer *Py_UNUSED(view))
{
    ((bytesiobuf *)op)->source->exports--;
}

static void
bytesiobuf_dealloc(PyObject *op)
{
    Py_CLEAR(((bytesiobuf *)op)->source);
    PyObject_Free(op);
}

static PyBufferProcs bytesiobuf_as_buffer = {bytesiobuf_getbuffer, bytesiobuf_releasebuffer};

PyTypeObject pyrs_io_bytesiobuffer_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_io._BytesIOBuffer",
    .tp_basicsize = sizeof(bytesiobuf),
    .tp_dealloc = bytesiobuf_dealloc,
    .tp_as_buffer = &bytesiobuf_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};
