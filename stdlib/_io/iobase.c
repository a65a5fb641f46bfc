/* iobase.c: the abstract bases _IOBase, _RawIOBase, _BufferedIOBase and _TextIOBase that
 * io.py's ABCs subclass: closed-state bookkeeping in __IOBase_closed, close-on-finalize,
 * line iteration, readline/readlines/writelines, and the default "unsupported" methods, with
 * CPython 3.11's behaviour and messages. */
#include "_iomodule.h"

/* ---- helpers shared by every _io class ---- */

int
pyrs_io_base_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((PyrsIOBase *)self)->dict);
    return 0;
}

void
pyrs_io_base_clear(PyObject *self)
{
    Py_CLEAR(((PyrsIOBase *)self)->dict);
}

static int
iobase_closed_flag(PyObject *self)
{
    PyObject *res;
    if (_PyObject_LookupAttr(self, pyrs_io_str.__IOBase_closed, &res) < 0) {
        return -1;
    }
    if (res == NULL) {
        return 0;
    }
    int r = PyObject_IsTrue(res);
    Py_DECREF(res);
    return r;
}

PyObject *
pyrs_io_cannot_reduce(PyObject *op, PyObject *Py_UNUSED(args))
{
    const char *name = strrchr(Py_TYPE(op)->tp_name, '.');
    PyErr_Format(PyExc_TypeError, "cannot pickle '%.100s' object",
                 name ? name + 1 : Py_TYPE(op)->tp_name);
    return NULL;
}

PyObject *
pyrs_io_cannot_reduce_ex(PyObject *op, PyObject *Py_UNUSED(args))
{
    PyErr_Format(PyExc_TypeError, "cannot pickle '%.100s' object", Py_TYPE(op)->tp_name);
    return NULL;
}

/* ---- _IOBase ---- */

static PyObject *
iobase_unsupported_seek(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    return pyrs_io_unsupported("seek");
}

static PyObject *
iobase_tell(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyObject_CallMethod(self, "seek", "ii", 0, 1);
}

static PyObject *
iobase_truncate(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    return pyrs_io_unsupported("truncate");
}

static PyObject *
iobase_fileno(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(ignored))
{
    return pyrs_io_unsupported("fileno");
}

static PyObject *
iobase_flush(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    int closed = iobase_closed_flag(self);
    if (closed < 0) {
        return NULL;
    }
    if (closed) {
        return pyrs_io_closed_error();
    }
    Py_RETURN_NONE;
}

static PyObject *
iobase_close(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    int closed = pyrs_io_is_closed(self);
    if (closed < 0) {
        return NULL;
    }
    if (closed) {
        Py_RETURN_NONE;
    }
    PyObject *res = PyObject_CallMethodNoArgs(self, pyrs_io_str.flush);
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    if (PyObject_SetAttr(self, pyrs_io_str.__IOBase_closed, Py_True) < 0) {
        _PyErr_ChainExceptions(t, v, tb);
        Py_XDECREF(res);
        return NULL;
    }
    PyErr_Restore(t, v, tb);
    if (res == NULL) {
        return NULL;
    }
    Py_DECREF(res);
    Py_RETURN_NONE;
}

static PyObject *
iobase_closed_get(PyObject *self, void *Py_UNUSED(closure))
{
    int r = iobase_closed_flag(self);
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyObject *
iobase_false(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(ignored))
{
    Py_RETURN_FALSE;
}

static PyObject *
iobase_check_closed(PyObject *self, PyObject *Py_UNUSED(args))
{
    return pyrs_io_check_closed(self) < 0 ? NULL : Py_NewRef(Py_None);
}

static PyObject *
iobase_check_readable(PyObject *self, PyObject *Py_UNUSED(args))
{
    return pyrs_io_check_readable(self) < 0 ? NULL : Py_NewRef(Py_True);
}

static PyObject *
iobase_check_writable(PyObject *self, PyObject *Py_UNUSED(args))
{
    return pyrs_io_check_writable(self) < 0 ? NULL : Py_NewRef(Py_True);
}

static PyObject *
iobase_check_seekable(PyObject *self, PyObject *Py_UNUSED(args))
{
    return pyrs_io_check_seekable(self) < 0 ? NULL : Py_NewRef(Py_True);
}

static PyObject *
iobase_isatty(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    if (pyrs_io_check_closed(self) < 0) {
        return NULL;
    }
    Py_RETURN_FALSE;
}

static PyObject *
iobase_enter(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    if (pyrs_io_check_closed(self) < 0) {
        return NULL;
    }
    return Py_NewRef(self);
}

static PyObject *
iobase_exit(PyObject *self, PyObject *Py_UNUSED(args))
{
    return PyObject_CallMethodNoArgs(self, pyrs_io_str.close);
}

/* How many bytes the next read of readline() may take: up to the first newline peek() shows. */
static Py_ssize_t
readahead_size(PyObject *self, int has_peek, Py_ssize_t limit)
{
    if (!has_peek) {
        return 1;
    }
    PyObject *ahead = PyObject_CallMethod(self, "peek", "i", 1);
    if (ahead == NULL) {
        return -1;
    }
    if (!PyBytes_Check(ahead)) {
        PyErr_Format(PyExc_OSError, "peek() should have returned a bytes object, not '%.200s'",
                     Py_TYPE(ahead)->tp_name);
        Py_DECREF(ahead);
        return -1;
    }
    Py_ssize_t n = PyBytes_GET_SIZE(ahead);
    const char *nl = n > 0 ? memchr(PyBytes_AS_STRING(ahead), '\n', (size_t)n) : NULL;
    if (nl != NULL) {
        n = nl - PyBytes_AS_STRING(ahead) + 1;
    }
    Py_DECREF(ahead);
    /* CPython bounds the read-ahead by the whole limit, not by what is left of it */
    if (limit >= 0 && n > limit) {
        n = limit;
    }
    return n == 0 ? 1 : n;
}

PyObject *
pyrs_io_iobase_readline(PyObject *self, Py_ssize_t limit)
{
    PyObject *peek;
    if (_PyObject_LookupAttr(self, pyrs_io_str.peek, &peek) < 0) {
        return NULL;
    }
    int has_peek = peek != NULL;
    Py_XDECREF(peek);
    PyObject *buf = PyByteArray_FromStringAndSize(NULL, 0);
    if (buf == NULL) {
        return NULL;
    }
    while (limit < 0 || PyByteArray_GET_SIZE(buf) < limit) {
        Py_ssize_t n = readahead_size(self, has_peek, limit);
        if (n < 0) {
            goto error;
        }
        PyObject *b = PyObject_CallMethod(self, "read", "n", n);
        if (b == NULL) {
            goto error;
        }
        if (b == Py_None) {
            Py_DECREF(b);
            break;
        }
        if (!PyBytes_Check(b)) {
            PyErr_Format(PyExc_OSError, "read() should have returned a bytes object, not '%.200s'",
                         Py_TYPE(b)->tp_name);
            Py_DECREF(b);
            goto error;
        }
        Py_ssize_t blen = PyBytes_GET_SIZE(b), old = PyByteArray_GET_SIZE(buf);
        if (blen == 0) {
            Py_DECREF(b);
            break;
        }
        if (PyByteArray_Resize(buf, old + blen) < 0) {
            Py_DECREF(b);
            goto error;
        }
        memcpy(PyByteArray_AS_STRING(buf) + old, PyBytes_AS_STRING(b), (size_t)blen);
        Py_DECREF(b);
        if (PyByteArray_AS_STRING(buf)[old + blen - 1] == '\n') {
            break;
        }
    }
    PyObject *res =
        PyBytes_FromStringAndSize(PyByteArray_AS_STRING(buf), PyByteArray_GET_SIZE(buf));
    Py_DECREF(buf);
    return res;
error:
    Py_DECREF(buf);
    return NULL;
}

static PyObject *
iobase_readline(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t limit = -1;
    if (!_PyArg_CheckPositional("readline", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_or_none(args[0], &limit) < 0)) {
        return NULL;
    }
    return pyrs_io_iobase_readline(self, limit);
}

static PyObject *
iobase_iter(PyObject *self)
{
    if (pyrs_io_check_closed(self) < 0) {
        return NULL;
    }
    return Py_NewRef(self);
}

PyObject *
pyrs_io_iobase_iternext(PyObject *self)
{
    PyObject *line = PyObject_CallMethodNoArgs(self, pyrs_io_str.readline);
    if (line == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyObject_Size(line);
    if (n <= 0) {
        Py_DECREF(line);
        return NULL;
    }
    return line;
}

static PyObject *
iobase_readlines(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t hint = -1, total = 0;
    if (!_PyArg_CheckPositional("readlines", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_or_none(args[0], &hint) < 0)) {
        return NULL;
    }
    PyObject *res = PyList_New(0), *it = res ? PyObject_GetIter(self) : NULL;
    if (it == NULL) {
        Py_XDECREF(res);
        return NULL;
    }
    PyObject *line;
    while ((line = PyIter_Next(it)) != NULL) {
        Py_ssize_t n = hint > 0 ? PyObject_Size(line) : 0;
        if (n < 0 || PyList_Append(res, line) < 0) {
            Py_DECREF(line);
            goto error;
        }
        Py_DECREF(line);
        /* CPython stops once the total would pass the hint, not when it reaches it */
        if (hint > 0 && n > hint - total) {
            break;
        }
        total += n;
    }
    if (PyErr_Occurred()) {
        goto error;
    }
    Py_DECREF(it);
    return res;
error:
    Py_DECREF(it);
    Py_DECREF(res);
    return NULL;
}

static PyObject *
iobase_writelines(PyObject *self, PyObject *lines)
{
    if (pyrs_io_check_closed(self) < 0) {
        return NULL;
    }
    PyObject *it = PyObject_GetIter(lines), *line;
    if (it == NULL) {
        return NULL;
    }
    while ((line = PyIter_Next(it)) != NULL) {
        PyObject *r = PyObject_CallMethodOneArg(self, pyrs_io_str.write, line);
        Py_DECREF(line);
        if (r == NULL) {
            Py_DECREF(it);
            return NULL;
        }
        Py_DECREF(r);
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        return NULL;
    }
    Py_RETURN_NONE;
}

void
pyrs_io_iobase_finalize(PyObject *self)
{
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    int closed = pyrs_io_is_closed(self);
    if (closed < 0) {
        PyErr_Clear();
    } else if (!closed) {
        if (Py_TYPE(self)->tp_dictoffset != 0 &&
            PyObject_SetAttrString(self, "_finalizing", Py_True) < 0) {
            PyErr_Clear();
        }
        PyObject *res = PyObject_CallMethodNoArgs(self, pyrs_io_str.close);
        if (res == NULL) {
            PyErr_Clear();
        }
        Py_XDECREF(res);
    }
    PyErr_Restore(t, v, tb);
}

static int
iobase_traverse(PyObject *self, visitproc visit, void *arg)
{
    return pyrs_io_base_traverse(self, visit, arg);
}

static int
iobase_clear(PyObject *self)
{
    pyrs_io_base_clear(self);
    return 0;
}

static void
iobase_dealloc(PyObject *self)
{
    if (PyObject_CallFinalizerFromDealloc(self) < 0) {
        return;
    }
    PyObject_GC_UnTrack(self);
    if (((PyrsIOBase *)self)->weakreflist != NULL) {
        PyObject_ClearWeakRefs(self);
    }
    pyrs_io_base_clear(self);
    Py_TYPE(self)->tp_free(self);
}

static PyMethodDef iobase_methods[] = {
    {"seek", iobase_unsupported_seek, METH_VARARGS, NULL},
    {"tell", iobase_tell, METH_NOARGS, NULL},
    {"truncate", iobase_truncate, METH_VARARGS, NULL},
    {"flush", iobase_flush, METH_NOARGS, NULL},
    {"close", iobase_close, METH_NOARGS, NULL},
    {"seekable", iobase_false, METH_NOARGS, NULL},
    {"readable", iobase_false, METH_NOARGS, NULL},
    {"writable", iobase_false, METH_NOARGS, NULL},
    {"_checkClosed", iobase_check_closed, METH_VARARGS, NULL},
    {"_checkSeekable", iobase_check_seekable, METH_VARARGS, NULL},
    {"_checkReadable", iobase_check_readable, METH_VARARGS, NULL},
    {"_checkWritable", iobase_check_writable, METH_VARARGS, NULL},
    {"fileno", iobase_fileno, METH_NOARGS, NULL},
    {"isatty", iobase_isatty, METH_NOARGS, NULL},
    {"__enter__", iobase_enter, METH_NOARGS, NULL},
    {"__exit__", iobase_exit, METH_VARARGS, NULL},
    {"readline", (PyCFunction)(void (*)(void))iobase_readline, METH_FASTCALL, NULL},
    {"readlines", (PyCFunction)(void (*)(void))iobase_readlines, METH_FASTCALL, NULL},
    {"writelines", iobase_writelines, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef iobase_getset[] = {
    {"__dict__", PyObject_GenericGetDict, NULL, NULL, NULL},
    {"closed", iobase_closed_get, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#define PYRS_IO_BASE_FLAGS (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC)

PyTypeObject pyrs_io_iobase_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_io._IOBase",
    .tp_basicsize = sizeof(PyrsIOBase),
    .tp_dealloc = iobase_dealloc,
    .tp_flags = PYRS_IO_BASE_FLAGS,
    .tp_doc = "The abstract base class for all I/O classes.",
    .tp_traverse = iobase_traverse,
    .tp_clear = iobase_clear,
    .tp_weaklistoffset = offsetof(PyrsIOBase, weakreflist),
    .tp_iter = iobase_iter,
    .tp_iternext = pyrs_io_iobase_iternext,
    .tp_methods = iobase_methods,
    .tp_getset = iobase_getset,
    .tp_dictoffset = offsetof(PyrsIOBase, dict),
    .tp_new = PyType_GenericNew,
    .tp_finalize = pyrs_io_iobase_finalize,
};

/* ---- _RawIOBase ---- */

static PyObject *
rawiobase_readall(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *chunks = PyList_New(0);
    if (chunks == NULL) {
        return NULL;
    }
    for (;;) {
        PyObject *data = PyObject_CallMethod(self, "read", "i", PYRS_IO_DEFAULT_BUFFER_SIZE);
        if (data == NULL) {
            goto error;
        }
        if (data == Py_None) {
            if (PyList_GET_SIZE(chunks) == 0) {
                Py_DECREF(chunks);
                return data;
            }
            Py_DECREF(data);
            break;
        }
        if (!PyBytes_Check(data)) {
            Py_DECREF(data);
            PyErr_SetString(PyExc_TypeError, "read() should return bytes");
            goto error;
        }
        if (PyBytes_GET_SIZE(data) == 0) {
            Py_DECREF(data);
            break;
        }
        int r = PyList_Append(chunks, data);
        Py_DECREF(data);
        if (r < 0) {
            goto error;
        }
    }
    PyObject *res = _PyBytes_Join(pyrs_io_str.empty_bytes, chunks);
    Py_DECREF(chunks);
    return res;
error:
    Py_DECREF(chunks);
    return NULL;
}

static PyObject *
rawiobase_read(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t n = -1;
    if (!_PyArg_CheckPositional("read", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_or_none(args[0], &n) < 0)) {
        return NULL;
    }
    if (n < 0) {
        return PyObject_CallMethodNoArgs(self, pyrs_io_str.readall);
    }
    PyObject *b = PyByteArray_FromStringAndSize(NULL, n);
    if (b == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_CallMethodOneArg(self, pyrs_io_str.readinto, b);
    if (res == NULL || res == Py_None) {
        Py_DECREF(b);
        return res;
    }
    Py_ssize_t got = PyNumber_AsSsize_t(res, PyExc_ValueError);
    Py_DECREF(res);
    if (got == -1 && PyErr_Occurred()) {
        Py_DECREF(b);
        return NULL;
    }
    if (got < 0 || got > n) {
        PyErr_Format(PyExc_ValueError, "readinto returned %zd outside buffer size %zd", got, n);
        Py_DECREF(b);
        return NULL;
    }
    res = PyBytes_FromStringAndSize(PyByteArray_AS_STRING(b), got);
    Py_DECREF(b);
    return res;
}

static PyObject *
not_implemented(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    PyErr_SetNone(PyExc_NotImplementedError);
    return NULL;
}

static PyMethodDef rawiobase_methods[] = {
    {"read", (PyCFunction)(void (*)(void))rawiobase_read, METH_FASTCALL, NULL},
    {"readall", rawiobase_readall, METH_NOARGS, NULL},
    {"readinto", not_implemented, METH_VARARGS, NULL},
    {"write", not_implemented, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

PyTypeObject pyrs_io_rawiobase_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_io._RawIOBase",
    .tp_basicsize = sizeof(PyrsIOBase),
    .tp_flags = PYRS_IO_BASE_FLAGS,
    .tp_doc = "Base class for raw binary I/O.",
    .tp_methods = rawiobase_methods,
    .tp_base = &pyrs_io_iobase_type,
    .tp_traverse = iobase_traverse,
    .tp_clear = iobase_clear,
    .tp_finalize = pyrs_io_iobase_finalize,
};

/* ---- _BufferedIOBase ---- */

static PyObject *
bufferediobase_read(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    return pyrs_io_unsupported("read");
}

static PyObject *
bufferediobase_read1(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    return pyrs_io_unsupported("read1");
}

static PyObject *
bufferediobase_write(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    return pyrs_io_unsupported("write");
}

static PyObject *
bufferediobase_detach(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    return pyrs_io_unsupported("detach");
}

/* readinto/readinto1 built on read/read1: copies what the call returned into the buffer. */
static PyObject *
readinto_generic(PyObject *self, PyObject *arg, PyObject *method)
{
    Py_buffer view;
    const char *fname = method == pyrs_io_str.read ? "readinto" : "readinto1";
    if (pyrs_io_get_writable(fname, arg, &view) < 0) {
        return NULL;
    }
    PyObject *data = PyObject_CallMethod(self, PyUnicode_AsUTF8(method), "n", view.len);
    if (data == NULL) {
        goto error;
    }
    if (!PyBytes_Check(data)) {
        Py_DECREF(data);
        PyErr_SetString(PyExc_TypeError, "read() should return bytes");
        goto error;
    }
    Py_ssize_t n = PyBytes_GET_SIZE(data);
    if (n > view.len) {
        PyErr_Format(PyExc_ValueError,
                     "read() returned too much data: %zd bytes requested, %zd "
                     "returned",
                     view.len, n);
        Py_DECREF(data);
        goto error;
    }
    memcpy(view.buf, PyBytes_AS_STRING(data), (size_t)n);
    PyBuffer_Release(&view);
    Py_DECREF(data);
    return PyLong_FromSsize_t(n);
error:
    PyBuffer_Release(&view);
    return NULL;
}

static PyObject *
bufferediobase_readinto(PyObject *self, PyObject *arg)
{
    return readinto_generic(self, arg, pyrs_io_str.read);
}

static PyObject *
bufferediobase_readinto1(PyObject *self, PyObject *arg)
{
    return readinto_generic(self, arg, pyrs_io_str.read1);
}

static PyMethodDef bufferediobase_methods[] = {
    {"detach", bufferediobase_detach, METH_NOARGS, NULL},
    {"read", bufferediobase_read, METH_VARARGS, NULL},
    {"read1", bufferediobase_read1, METH_VARARGS, NULL},
    {"readinto", bufferediobase_readinto, METH_O, NULL},
    {"readinto1", bufferediobase_readinto1, METH_O, NULL},
    {"write", bufferediobase_write, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

PyTypeObject pyrs_io_bufferediobase_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_io._BufferedIOBase",
    .tp_basicsize = sizeof(PyrsIOBase),
    .tp_flags = PYRS_IO_BASE_FLAGS,
    .tp_doc = "Base class for buffered IO objects.",
    .tp_methods = bufferediobase_methods,
    .tp_base = &pyrs_io_iobase_type,
    .tp_traverse = iobase_traverse,
    .tp_clear = iobase_clear,
    .tp_finalize = pyrs_io_iobase_finalize,
};

/* ---- _TextIOBase ---- */

static PyObject *
textiobase_readline(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    return pyrs_io_unsupported("readline");
}

static PyObject *
textiobase_none(PyObject *Py_UNUSED(self), void *Py_UNUSED(closure))
{
    Py_RETURN_NONE;
}

static PyMethodDef textiobase_methods[] = {
    {"detach", bufferediobase_detach, METH_NOARGS, NULL},
    {"read", bufferediobase_read, METH_VARARGS, NULL},
    {"readline", textiobase_readline, METH_VARARGS, NULL},
    {"write", bufferediobase_write, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef textiobase_getset[] = {
    {"encoding", textiobase_none, NULL, NULL, NULL},
    {"newlines", textiobase_none, NULL, NULL, NULL},
    {"errors", textiobase_none, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject pyrs_io_textiobase_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_io._TextIOBase",
    .tp_basicsize = sizeof(PyrsIOBase),
    .tp_flags = PYRS_IO_BASE_FLAGS,
    .tp_doc = "Base class for text I/O.",
    .tp_methods = textiobase_methods,
    .tp_getset = textiobase_getset,
    .tp_base = &pyrs_io_iobase_type,
    .tp_traverse = iobase_traverse,
    .tp_clear = iobase_clear,
    .tp_finalize = pyrs_io_iobase_finalize,
};
