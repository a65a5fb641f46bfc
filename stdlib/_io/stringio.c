/* stringio.c: io.StringIO, an in-memory text stream over a UCS-4 buffer, with CPython 3.11's
 * newline modes (None translates on write, '' only records, '\n'/'\r'/'\r\n' translate '\n' on
 * write), seek/tell by character index, pickling state and error messages. */
#include "_iomodule.h"

typedef struct {
    PYRS_IO_HEAD
    Py_UCS4 *buf;           /* PyMem-owned characters, capacity of them */
    Py_ssize_t capacity;    /* allocated characters */
    Py_ssize_t string_size; /* characters of data */
    Py_ssize_t pos;         /* current position (may be past string_size) */
    PyObject *newline_arg;  /* the newline argument as given (None or str), owned */
    PyObject *readnl;       /* readline terminator when not universal, owned, or NULL */
    PyObject *writenl;      /* what "\n" becomes on write, owned, or NULL (no change) */
    int readuniversal;      /* newline is None or '' */
    int readtranslate;      /* newline is None */
    int seennl;             /* PYRS_IO_SEEN_* bits (universal modes) */
    int closed;             /* close() was called */
    int ok;                 /* __init__ completed */
} stringio;

static int
check_ready(stringio *self)
{
    if (!self->ok) {
        PyErr_SetString(PyExc_ValueError, "I/O operation on uninitialized object");
        return -1;
    }
    if (self->closed) {
        PyErr_SetString(PyExc_ValueError, "I/O operation on closed file");
        return -1;
    }
    return 0;
}

static int
reserve(stringio *self, Py_ssize_t size)
{
    if (size <= self->capacity) {
        return 0;
    }
    Py_ssize_t cap = self->capacity + (self->capacity >> 1);
    if (cap < size) {
        cap = size;
    }
    if ((size_t)cap > PY_SSIZE_T_MAX / sizeof(Py_UCS4)) {
        PyErr_NoMemory();
        return -1;
    }
    Py_UCS4 *nb = PyMem_Realloc(self->buf, (size_t)cap * sizeof(Py_UCS4));
    if (nb == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->buf = nb;
    self->capacity = cap;
    return 0;
}

/* Applies the write-side newline rules to S (new reference). */
static PyObject *
translate_for_write(stringio *self, PyObject *s)
{
    PyObject *res;
    if (self->readuniversal) {
        res = pyrs_io_translate_newlines(s, self->readtranslate, &self->seennl);
    } else {
        res = Py_NewRef(s);
    }
    if (res != NULL && self->writenl != NULL) {
        Py_SETREF(res, PyUnicode_Replace(res, pyrs_io_str.nl, self->writenl, -1));
    }
    return res;
}

static int
write_str(stringio *self, PyObject *s)
{
    PyObject *t = translate_for_write(self, s);
    if (t == NULL) {
        return -1;
    }
    Py_ssize_t len = PyUnicode_GET_LENGTH(t);
    if (len > 0) {
        if (reserve(self, self->pos + len) < 0) {
            Py_DECREF(t);
            return -1;
        }
        if (self->pos > self->string_size) {
            memset(self->buf + self->string_size, 0,
                   (size_t)(self->pos - self->string_size) * sizeof(Py_UCS4));
        }
        if (PyUnicode_AsUCS4(t, self->buf + self->pos, len, 0) == NULL) {
            Py_DECREF(t);
            return -1;
        }
        self->pos += len;
        if (self->pos > self->string_size) {
            self->string_size = self->pos;
        }
    }
    Py_DECREF(t);
    return 0;
}

static int
set_newline(stringio *self, PyObject *newline)
{
    if (newline != Py_None && !PyUnicode_Check(newline)) {
        PyErr_Format(PyExc_TypeError, "newline must be str or None, not %.200s",
                     Py_TYPE(newline)->tp_name);
        return -1;
    }
    if (newline != Py_None) {
        const char *nl = PyUnicode_AsUTF8(newline);
        if (nl == NULL) {
            return -1;
        }
        if (strcmp(nl, "") != 0 && strcmp(nl, "\n") != 0 && strcmp(nl, "\r") != 0 &&
            strcmp(nl, "\r\n") != 0) {
            PyErr_Format(PyExc_ValueError, "illegal newline value: %R", newline);
            return -1;
        }
    }
    Py_XSETREF(self->newline_arg, Py_NewRef(newline));
    Py_CLEAR(self->readnl);
    Py_CLEAR(self->writenl);
    self->readuniversal = newline == Py_None || PyUnicode_GET_LENGTH(newline) == 0;
    self->readtranslate = newline == Py_None;
    if (newline != Py_None && PyUnicode_GET_LENGTH(newline) > 0) {
        self->readnl = Py_NewRef(newline);
        if (PyUnicode_CompareWithASCIIString(newline, "\n") != 0) {
            self->writenl = Py_NewRef(newline);
        }
    }
    self->seennl = 0;
    return 0;
}

static PyObject *
stringio_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    stringio *self = (stringio *)type->tp_alloc(type, 0);
    /* the storage always exists while open, so positions never offset a NULL pointer */
    if (self != NULL && reserve(self, 1) < 0) {
        Py_CLEAR(self);
    }
    return (PyObject *)self;
}

static int
stringio_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    static const char *const kwlist[] = {"initial_value", "newline", NULL};
    stringio *self = (stringio *)op;
    PyObject *a[2];
    if (pyrs_io_parse_args("StringIO", args, kwds, kwlist, 2, 0, a) < 0) {
        return -1;
    }
    PyObject *value = a[0], *newline = a[1] ? a[1] : pyrs_io_str.nl;
    if (set_newline(self, newline) < 0) {
        return -1;
    }
    if (value != NULL && value != Py_None && !PyUnicode_Check(value)) {
        PyErr_Format(PyExc_TypeError, "initial_value must be str or None, not %.200s",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    self->ok = 0;
    self->closed = 0;
    self->string_size = self->pos = 0;
    if (reserve(self, 1) < 0) {
        return -1;
    }
    if (value != NULL && value != Py_None && write_str(self, value) < 0) {
        return -1;
    }
    self->pos = 0;
    self->ok = 1;
    return 0;
}

static PyObject *
stringio_getvalue(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    stringio *self = (stringio *)op;
    if (check_ready(self) < 0) {
        return NULL;
    }
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, self->buf, self->string_size);
}

static PyObject *
take(stringio *self, Py_ssize_t n)
{
    PyObject *res = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, self->buf + self->pos, n);
    if (res != NULL) {
        self->pos += n;
    }
    return res;
}

static Py_ssize_t
available(stringio *self)
{
    return self->string_size > self->pos ? self->string_size - self->pos : 0;
}

static PyObject *
stringio_read(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    stringio *self = (stringio *)op;
    Py_ssize_t size = -1;
    if (!_PyArg_CheckPositional("read", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_or_none(args[0], &size) < 0) || check_ready(self) < 0) {
        return NULL;
    }
    Py_ssize_t avail = available(self);
    return take(self, size < 0 || size > avail ? avail : size);
}

static Py_ssize_t
line_length(stringio *self, Py_ssize_t limit)
{
    Py_ssize_t avail = available(self), consumed;
    if (limit < 0 || limit > avail) {
        limit = avail;
    }
    if (limit == 0) {
        return 0;
    }
    Py_ssize_t end =
        pyrs_io_find_line_end(PyUnicode_4BYTE_KIND, self->buf, self->pos, self->pos + limit,
                              self->readtranslate, self->readuniversal, self->readnl, &consumed);
    return end < 0 ? limit : end - self->pos;
}

static PyObject *
stringio_readline(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    stringio *self = (stringio *)op;
    Py_ssize_t size = -1;
    if (!_PyArg_CheckPositional("readline", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_or_none(args[0], &size) < 0) || check_ready(self) < 0) {
        return NULL;
    }
    return take(self, line_length(self, size));
}

static PyObject *
stringio_iternext(PyObject *op)
{
    stringio *self = (stringio *)op;
    if (check_ready(self) < 0) {
        return NULL;
    }
    if (Py_TYPE(op) != &pyrs_io_stringio_type) {
        /* a subclass may override readline */
        return pyrs_io_iobase_iternext(op);
    }
    Py_ssize_t n = line_length(self, -1);
    return n == 0 ? NULL : take(self, n);
}

static PyObject *
stringio_write(PyObject *op, PyObject *arg)
{
    stringio *self = (stringio *)op;
    if (check_ready(self) < 0) {
        return NULL;
    }
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "string argument expected, got '%s'", Py_TYPE(arg)->tp_name);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    if (n > 0 && write_str(self, arg) < 0) {
        return NULL;
    }
    return PyLong_FromSsize_t(n);
}

static PyObject *
stringio_tell(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    stringio *self = (stringio *)op;
    if (check_ready(self) < 0) {
        return NULL;
    }
    return PyLong_FromSsize_t(self->pos);
}

static PyObject *
stringio_seek(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    stringio *self = (stringio *)op;
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
    if (check_ready(self) < 0) {
        return NULL;
    }
    if (whence != 0 && whence != 1 && whence != 2) {
        PyErr_Format(PyExc_ValueError, "Invalid whence (%i, should be 0, 1 or 2)", whence);
        return NULL;
    }
    if (pos < 0 && whence == 0) {
        PyErr_Format(PyExc_ValueError, "Negative seek position %zd", pos);
        return NULL;
    }
    if (whence != 0 && pos != 0) {
        PyErr_SetString(PyExc_OSError, "Can't do nonzero cur-relative seeks");
        return NULL;
    }
    if (whence == 1) {
        pos = self->pos;
    } else if (whence == 2) {
        pos = self->string_size;
    }
    self->pos = pos;
    return PyLong_FromSsize_t(pos);
}

static PyObject *
stringio_truncate(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    stringio *self = (stringio *)op;
    if (!_PyArg_CheckPositional("truncate", nargs, 0, 1) || check_ready(self) < 0) {
        return NULL;
    }
    Py_ssize_t size = self->pos;
    if (nargs > 0 && pyrs_io_ssize_or_none(args[0], &size) < 0) {
        return NULL;
    }
    if (size < 0) {
        PyErr_Format(PyExc_ValueError, "Negative size value %zd", size);
        return NULL;
    }
    if (size < self->string_size) {
        self->string_size = size;
    }
    return PyLong_FromSsize_t(size);
}

static PyObject *
stringio_true(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    if (check_ready((stringio *)op) < 0) {
        return NULL;
    }
    Py_RETURN_TRUE;
}

static PyObject *
stringio_close(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    stringio *self = (stringio *)op;
    self->closed = 1;
    PyMem_Free(self->buf);
    self->buf = NULL;
    self->capacity = self->string_size = 0;
    Py_RETURN_NONE;
}

static PyObject *
stringio_getstate(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    stringio *self = (stringio *)op;
    PyObject *value = stringio_getvalue(op, NULL);
    if (value == NULL) {
        return NULL;
    }
    PyObject *dict = self->dict ? PyDict_Copy(self->dict) : Py_NewRef(Py_None);
    PyObject *pos = PyLong_FromSsize_t(self->pos);
    PyObject *res = NULL;
    if (dict != NULL && pos != NULL) {
        res = PyTuple_Pack(4, value, self->newline_arg, pos, dict);
    }
    Py_XDECREF(dict);
    Py_XDECREF(pos);
    Py_DECREF(value);
    return res;
}

static PyObject *
stringio_setstate(PyObject *op, PyObject *state)
{
    stringio *self = (stringio *)op;
    if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) < 4) {
        PyErr_Format(PyExc_TypeError, "%.200s.__setstate__ argument should be 4-tuple, got %.200s",
                     Py_TYPE(op)->tp_name, Py_TYPE(state)->tp_name);
        return NULL;
    }
    if (self->closed) {
        PyErr_SetString(PyExc_ValueError, "I/O operation on closed file");
        return NULL;
    }
    PyObject *value = PyTuple_GET_ITEM(state, 0), *pos = PyTuple_GET_ITEM(state, 2);
    PyObject *dict = PyTuple_GET_ITEM(state, 3);
    if (set_newline(self, PyTuple_GET_ITEM(state, 1)) < 0) {
        return NULL;
    }
    if (!PyUnicode_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "initial_value must be str");
        return NULL;
    }
    /* the saved value is already translated: store it verbatim */
    Py_ssize_t len = PyUnicode_GET_LENGTH(value);
    if (reserve(self, len > 0 ? len : 1) < 0 ||
        (len > 0 && PyUnicode_AsUCS4(value, self->buf, len, 0) == NULL)) {
        return NULL;
    }
    self->string_size = len;
    if (!PyLong_Check(pos)) {
        PyErr_Format(PyExc_TypeError, "third item of state must be an integer, got %.200s",
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
    self->ok = 1;
    self->closed = 0;
    if (dict != Py_None) {
        if (!PyDict_Check(dict)) {
            PyErr_Format(PyExc_TypeError, "fourth item of state should be a dict, got a %.200s",
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
stringio_closed_get(PyObject *op, void *Py_UNUSED(closure))
{
    stringio *self = (stringio *)op;
    if (!self->ok) {
        PyErr_SetString(PyExc_ValueError, "I/O operation on uninitialized object");
        return NULL;
    }
    return PyBool_FromLong(self->closed);
}

static PyObject *
stringio_line_buffering_get(PyObject *op, void *Py_UNUSED(closure))
{
    if (check_ready((stringio *)op) < 0) {
        return NULL;
    }
    Py_RETURN_FALSE;
}

static PyObject *
stringio_newlines_get(PyObject *op, void *Py_UNUSED(closure))
{
    stringio *self = (stringio *)op;
    if (check_ready(self) < 0) {
        return NULL;
    }
    if (!self->readuniversal) {
        Py_RETURN_NONE;
    }
    return pyrs_io_newlines_value(self->seennl);
}

static int
stringio_traverse(PyObject *op, visitproc visit, void *arg)
{
    return pyrs_io_base_traverse(op, visit, arg);
}

static int
stringio_clear(PyObject *op)
{
    pyrs_io_base_clear(op);
    return 0;
}

static void
stringio_dealloc(PyObject *op)
{
    stringio *self = (stringio *)op;
    PyObject_GC_UnTrack(op);
    if (self->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    PyMem_Free(self->buf);
    Py_CLEAR(self->newline_arg);
    Py_CLEAR(self->readnl);
    Py_CLEAR(self->writenl);
    pyrs_io_base_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static PyMethodDef stringio_methods[] = {
    {"close", stringio_close, METH_NOARGS, NULL},
    {"getvalue", stringio_getvalue, METH_NOARGS, NULL},
    {"read", (PyCFunction)(void (*)(void))stringio_read, METH_FASTCALL, NULL},
    {"readline", (PyCFunction)(void (*)(void))stringio_readline, METH_FASTCALL, NULL},
    {"tell", stringio_tell, METH_NOARGS, NULL},
    {"truncate", (PyCFunction)(void (*)(void))stringio_truncate, METH_FASTCALL, NULL},
    {"seek", (PyCFunction)(void (*)(void))stringio_seek, METH_FASTCALL, NULL},
    {"write", stringio_write, METH_O, NULL},
    {"seekable", stringio_true, METH_NOARGS, NULL},
    {"readable", stringio_true, METH_NOARGS, NULL},
    {"writable", stringio_true, METH_NOARGS, NULL},
    {"__getstate__", stringio_getstate, METH_NOARGS, NULL},
    {"__setstate__", stringio_setstate, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef stringio_getset[] = {
    {"closed", stringio_closed_get, NULL, NULL, NULL},
    {"newlines", stringio_newlines_get, NULL, NULL, NULL},
    {"line_buffering", stringio_line_buffering_get, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject pyrs_io_stringio_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_io.StringIO",
    .tp_basicsize = sizeof(stringio),
    .tp_dealloc = stringio_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Text I/O implementation using an in-memory buffer.",
    .tp_traverse = stringio_traverse,
    .tp_clear = stringio_clear,
    .tp_weaklistoffset = offsetof(stringio, weakreflist),
    .tp_iternext = stringio_iternext,
    .tp_methods = stringio_methods,
    .tp_getset = stringio_getset,
    .tp_base = &pyrs_io_textiobase_type,
    .tp_dictoffset = offsetof(stringio, dict),
    .tp_init = stringio_init,
    .tp_new = stringio_new,
};
