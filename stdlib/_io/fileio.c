/* fileio.c: io.FileIO, raw unbuffered I/O on a POSIX file descriptor (by path, fd or opener),
 * with CPython 3.11's mode rules, closefd, name/mode/closefd attributes, readall sizing,
 * EAGAIN as None, OSErrors from errno and repr. */
#include "_iomodule.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    PYRS_IO_HEAD
    int fd;             /* the descriptor, -1 once closed */
    unsigned created;   /* mode 'x' */
    unsigned readable;  /* opened for reading */
    unsigned writable;  /* opened for writing */
    unsigned appending; /* mode 'a' */
    signed seekable;    /* -1 unknown, 0 no, 1 yes */
    unsigned closefd;   /* close the fd on close() */
    int finalizing;     /* close() is running from the finalizer */
    long blksize;       /* st_blksize, or the default */
} fileio;

#define CLOSED_MSG "I/O operation on closed file"

static int
check_open(fileio *self)
{
    if (self->fd < 0) {
        PyErr_SetString(PyExc_ValueError, CLOSED_MSG);
        return -1;
    }
    return 0;
}

static int
check_mode(fileio *self, int writing)
{
    if (check_open(self) < 0) {
        return -1;
    }
    if (writing ? !self->writable : !self->readable) {
        pyrs_io_unsupported(writing ? "File not open for writing" : "File not open for reading");
        return -1;
    }
    return 0;
}

static PyObject *
fileio_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    fileio *self = (fileio *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->fd = -1;
        self->seekable = -1;
        self->closefd = 1;
        self->blksize = 0;
    }
    return (PyObject *)self;
}

/* Parses MODE into the flags of SELF and the open(2) flags. */
static int
parse_mode(fileio *self, PyObject *modeobj, int *flags)
{
    const char *mode = PyUnicode_AsUTF8(modeobj);
    if (mode == NULL) {
        return -1;
    }
    int rwa = 0, plus = 0;
    *flags = 0;
    for (const char *s = mode; *s; s++) {
        switch (*s) {
        case 'x':
        case 'r':
        case 'w':
        case 'a':
            if (rwa) {
                goto bad_mode;
            }
            rwa = 1;
            if (*s == 'x') {
                self->created = self->writable = 1;
                *flags |= O_EXCL | O_CREAT;
            } else if (*s == 'r') {
                self->readable = 1;
            } else if (*s == 'w') {
                self->writable = 1;
                *flags |= O_CREAT | O_TRUNC;
            } else {
                self->writable = self->appending = 1;
                *flags |= O_APPEND | O_CREAT;
            }
            break;
        case 'b':
            break;
        case '+':
            if (plus) {
                goto bad_mode;
            }
            self->readable = self->writable = 1;
            plus = 1;
            break;
        default:
            PyErr_Format(PyExc_ValueError, "invalid mode: %.200s", mode);
            return -1;
        }
    }
    if (!rwa) {
        goto bad_mode;
    }
    *flags |= self->readable && self->writable ? O_RDWR : self->readable ? O_RDONLY : O_WRONLY;
    *flags |= O_CLOEXEC;
    return 0;
bad_mode:
    PyErr_SetString(PyExc_ValueError, "Must have exactly one of create/read/write/append mode and "
                                      "at most one plus");
    return -1;
}

static int
open_with_opener(PyObject *opener, PyObject *nameobj, int flags)
{
    PyObject *fdobj = PyObject_CallFunction(opener, "Oi", nameobj, flags);
    if (fdobj == NULL) {
        return -1;
    }
    if (!PyLong_Check(fdobj)) {
        Py_DECREF(fdobj);
        PyErr_SetString(PyExc_TypeError, "expected integer from opener");
        return -1;
    }
    long fd = PyLong_AsLong(fdobj);
    Py_DECREF(fdobj);
    if (fd == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (fd < 0) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_ValueError, "opener returned %ld", fd);
        }
        return -1;
    }
    return (int)fd;
}

static int
open_path(PyObject *nameobj, int flags, PyObject *opener)
{
    if (opener != Py_None) {
        return open_with_opener(opener, nameobj, flags);
    }
    PyObject *bytes;
    if (!PyUnicode_FSConverter(nameobj, &bytes)) {
        return -1;
    }
    const char *path = PyBytes_AS_STRING(bytes);
    if (strlen(path) != (size_t)PyBytes_GET_SIZE(bytes)) {
        Py_DECREF(bytes);
        PyErr_SetString(PyExc_ValueError, "embedded null byte");
        return -1;
    }
    int fd;
    do {
        Py_BEGIN_ALLOW_THREADS;
        fd = open(path, flags, 0666);
        Py_END_ALLOW_THREADS;
    } while (fd < 0 && errno == EINTR && !PyErr_CheckSignals());
    Py_DECREF(bytes);
    if (fd < 0 && !PyErr_Occurred()) {
        PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, nameobj);
    }
    return fd;
}

static int
fileio_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    static const char *const kwlist[] = {"file", "mode", "closefd", "opener", NULL};
    fileio *self = (fileio *)op;
    PyObject *a[4], *nameobj = NULL;
    if (pyrs_io_parse_args("FileIO", args, kwds, kwlist, 4, 1, a) < 0) {
        return -1;
    }
    if (a[1] != NULL && !PyUnicode_Check(a[1])) {
        PyErr_Format(PyExc_TypeError, "FileIO() argument 'mode' must be str, not %.50s",
                     Py_TYPE(a[1])->tp_name);
        return -1;
    }
    int closefd = 1;
    if (pyrs_io_int_flag(a[2], &closefd) < 0) {
        return -1;
    }
    PyObject *opener = a[3] ? a[3] : Py_None;
    if (self->fd >= 0 && self->closefd) {
        close(self->fd); /* re-initialised: drop the old descriptor */
    }
    self->fd = -1;
    self->created = self->readable = self->writable = self->appending = 0;
    self->seekable = -1;
    int fd = -1, flags, fd_is_own = 0;
    if (PyLong_Check(a[0])) {
        long v = PyLong_AsLong(a[0]);
        if (v == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (v < 0) {
            PyErr_SetString(PyExc_ValueError, "negative file descriptor");
            return -1;
        }
        fd = (int)v;
        nameobj = Py_NewRef(a[0]);
    } else {
        nameobj = pyrs_io_fspath(a[0]);
        if (nameobj == NULL) {
            return -1;
        }
    }
    PyObject *modeobj = a[1] ? Py_NewRef(a[1]) : PyUnicode_FromString("r");
    if (modeobj == NULL || parse_mode(self, modeobj, &flags) < 0) {
        goto error;
    }
    if (fd >= 0) {
        self->closefd = (unsigned)closefd;
    } else {
        self->closefd = 1;
        if (!closefd) {
            PyErr_SetString(PyExc_ValueError, "Cannot use closefd=False with file name");
            goto error;
        }
        fd = open_path(nameobj, flags, opener);
        if (fd < 0) {
            goto error;
        }
        fd_is_own = 1;
    }
    self->fd = fd;
    struct stat st;
    self->blksize = PYRS_IO_DEFAULT_BUFFER_SIZE;
    if (fstat(fd, &st) < 0) {
        if (errno == EBADF) {
            PyErr_SetFromErrno(PyExc_OSError);
            goto error;
        }
    } else {
        if (S_ISDIR(st.st_mode)) {
            errno = EISDIR;
            PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, nameobj);
            goto error;
        }
        if (st.st_blksize > 1) {
            self->blksize = (long)st.st_blksize;
        }
    }
    if (PyObject_SetAttr(op, pyrs_io_str.name, nameobj) < 0) {
        goto error;
    }
    if (self->appending) {
        lseek(fd, 0, SEEK_END); /* errors ignored, as in CPython */
    }
    Py_DECREF(modeobj);
    Py_DECREF(nameobj);
    return 0;
error:
    /* a descriptor the caller passed stays open, as in CPython */
    if (self->fd >= 0 && fd_is_own) {
        close(self->fd);
    }
    self->fd = -1;
    Py_XDECREF(modeobj);
    Py_XDECREF(nameobj);
    return -1;
}

int
pyrs_io_fileio_fast_closed(PyObject *raw)
{
    if (Py_TYPE(raw) != &pyrs_io_fileio_type) {
        return -2;
    }
    return ((fileio *)raw)->fd < 0;
}

static PyObject *
errno_error(void)
{
    return PyErr_SetFromErrno(PyExc_OSError);
}

static PyObject *
fileio_readinto(PyObject *op, PyObject *arg)
{
    fileio *self = (fileio *)op;
    Py_buffer view;
    if (pyrs_io_get_writable("readinto", arg, &view) < 0) {
        return NULL;
    }
    if (check_mode(self, 0) < 0) {
        PyBuffer_Release(&view);
        return NULL;
    }
    ssize_t n;
    do {
        Py_BEGIN_ALLOW_THREADS;
        n = read(self->fd, view.buf, (size_t)view.len);
        Py_END_ALLOW_THREADS;
    } while (n < 0 && errno == EINTR && !PyErr_CheckSignals());
    int err = errno;
    PyBuffer_Release(&view);
    if (n < 0) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        if (err == EAGAIN) {
            Py_RETURN_NONE;
        }
        errno = err;
        return errno_error();
    }
    return PyLong_FromSsize_t(n);
}

/* A first guess at how much is left: file size minus position, or a chunk. */
static Py_ssize_t
estimate_remaining(fileio *self)
{
    struct stat st;
    off_t pos = lseek(self->fd, 0, SEEK_CUR);
    if (fstat(self->fd, &st) == 0 && st.st_size > 0 && pos >= 0 && st.st_size >= pos &&
        st.st_size - pos < PY_SSIZE_T_MAX) {
        return (Py_ssize_t)(st.st_size - pos) + 1;
    }
    return PYRS_IO_DEFAULT_BUFFER_SIZE;
}

static PyObject *
fileio_readall(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    fileio *self = (fileio *)op;
    if (check_open(self) < 0) {
        return NULL;
    }
    Py_ssize_t cap = estimate_remaining(self), len = 0;
    PyObject *res = PyBytes_FromStringAndSize(NULL, cap);
    if (res == NULL) {
        return NULL;
    }
    for (;;) {
        if (len >= cap) {
            cap = cap + (cap >> 2) + PYRS_IO_DEFAULT_BUFFER_SIZE;
            if (_PyBytes_Resize(&res, cap) < 0) {
                return NULL;
            }
        }
        ssize_t n;
        Py_BEGIN_ALLOW_THREADS;
        n = read(self->fd, PyBytes_AS_STRING(res) + len, (size_t)(cap - len));
        Py_END_ALLOW_THREADS;
        if (n == 0) {
            break;
        }
        if (n < 0) {
            if (errno == EINTR) {
                if (PyErr_CheckSignals() < 0) {
                    Py_DECREF(res);
                    return NULL;
                }
                continue;
            }
            if (errno == EAGAIN && len > 0) {
                break;
            }
            Py_DECREF(res);
            if (errno == EAGAIN) {
                Py_RETURN_NONE;
            }
            return errno_error();
        }
        len += n;
    }
    if (len != cap && _PyBytes_Resize(&res, len) < 0) {
        return NULL;
    }
    return res;
}

static PyObject *
fileio_read(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    fileio *self = (fileio *)op;
    Py_ssize_t size = -1;
    if (!_PyArg_CheckPositional("read", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_or_none(args[0], &size) < 0) || check_mode(self, 0) < 0) {
        return NULL;
    }
    if (size < 0) {
        return fileio_readall(op, NULL);
    }
    PyObject *res = PyBytes_FromStringAndSize(NULL, size);
    if (res == NULL) {
        return NULL;
    }
    ssize_t n;
    do {
        Py_BEGIN_ALLOW_THREADS;
        n = read(self->fd, PyBytes_AS_STRING(res), (size_t)size);
        Py_END_ALLOW_THREADS;
    } while (n < 0 && errno == EINTR && !PyErr_CheckSignals());
    if (n < 0) {
        int err = errno;
        Py_DECREF(res);
        if (PyErr_Occurred()) {
            return NULL;
        }
        if (err == EAGAIN) {
            Py_RETURN_NONE;
        }
        errno = err;
        return errno_error();
    }
    if (n != size && _PyBytes_Resize(&res, n) < 0) {
        return NULL;
    }
    return res;
}

static PyObject *
fileio_write(PyObject *op, PyObject *arg)
{
    fileio *self = (fileio *)op;
    Py_buffer view;
    if (check_mode(self, 1) < 0 || PyObject_GetBuffer(arg, &view, PyBUF_CONTIG_RO) < 0) {
        return NULL;
    }
    ssize_t n;
    do {
        Py_BEGIN_ALLOW_THREADS;
        n = write(self->fd, view.buf, (size_t)view.len);
        Py_END_ALLOW_THREADS;
    } while (n < 0 && errno == EINTR && !PyErr_CheckSignals());
    int err = errno;
    PyBuffer_Release(&view);
    if (n < 0) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        if (err == EAGAIN) {
            Py_RETURN_NONE;
        }
        errno = err;
        return errno_error();
    }
    return PyLong_FromSsize_t(n);
}

static PyObject *
fileio_seek(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    fileio *self = (fileio *)op;
    if (!_PyArg_CheckPositional("seek", nargs, 1, 2)) {
        return NULL;
    }
    if (PyFloat_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return NULL;
    }
    Py_off_t pos = pyrs_io_as_off_t(args[0]);
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
    if (check_open(self) < 0) {
        return NULL;
    }
    off_t res = lseek(self->fd, pos, whence);
    if (self->seekable < 0) {
        self->seekable = res >= 0;
    }
    if (res < 0) {
        return errno_error();
    }
    return PyLong_FromLongLong((long long)res);
}

static PyObject *
fileio_tell(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    fileio *self = (fileio *)op;
    if (check_open(self) < 0) {
        return NULL;
    }
    off_t res = lseek(self->fd, 0, SEEK_CUR);
    if (res < 0) {
        return errno_error();
    }
    return PyLong_FromLongLong((long long)res);
}

static PyObject *
fileio_truncate(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    fileio *self = (fileio *)op;
    if (!_PyArg_CheckPositional("truncate", nargs, 0, 1) || check_mode(self, 1) < 0) {
        return NULL;
    }
    off_t size;
    if (nargs > 0 && args[0] != Py_None) {
        size = pyrs_io_as_off_t(args[0]);
        if (size == -1 && PyErr_Occurred()) {
            return NULL;
        }
    } else {
        size = lseek(self->fd, 0, SEEK_CUR);
        if (size < 0) {
            return errno_error();
        }
    }
    if (ftruncate(self->fd, size) < 0) {
        return errno_error();
    }
    return PyLong_FromLongLong((long long)size);
}

static PyObject *
fileio_readable(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    fileio *self = (fileio *)op;
    return check_open(self) < 0 ? NULL : PyBool_FromLong(self->readable);
}

static PyObject *
fileio_writable(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    fileio *self = (fileio *)op;
    return check_open(self) < 0 ? NULL : PyBool_FromLong(self->writable);
}

static PyObject *
fileio_seekable(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    fileio *self = (fileio *)op;
    if (check_open(self) < 0) {
        return NULL;
    }
    if (self->seekable < 0) {
        self->seekable = lseek(self->fd, 0, SEEK_CUR) >= 0;
    }
    return PyBool_FromLong(self->seekable);
}

static PyObject *
fileio_fileno(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    fileio *self = (fileio *)op;
    return check_open(self) < 0 ? NULL : PyLong_FromLong(self->fd);
}

static PyObject *
fileio_isatty(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    fileio *self = (fileio *)op;
    return check_open(self) < 0 ? NULL : PyBool_FromLong(isatty(self->fd));
}

static PyObject *
fileio_dealloc_warn(PyObject *op, PyObject *source)
{
    fileio *self = (fileio *)op;
    if (self->fd >= 0 && self->closefd) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        if (PyErr_ResourceWarning(source, 1, "unclosed file %R", source) < 0) {
            /* -W error made it an exception (as CPython, other errors are dropped: they
             * happen at shutdown) */
            if (PyErr_ExceptionMatches(PyExc_Warning)) {
                PyErr_WriteUnraisable(op);
            }
            PyErr_Clear();
        }
        PyErr_Restore(t, v, tb);
    }
    Py_RETURN_NONE;
}

static PyObject *
fileio_close(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    fileio *self = (fileio *)op;
    /* the base close flushes and records the closed state */
    PyObject *res =
        PyObject_CallMethodOneArg((PyObject *)&pyrs_io_rawiobase_type, pyrs_io_str.close, op);
    if (!self->closefd) {
        self->fd = -1;
        return res;
    }
    PyObject *t = NULL, *v = NULL, *tb = NULL;
    if (res == NULL) {
        PyErr_Fetch(&t, &v, &tb);
    }
    if (self->finalizing) {
        PyObject *r = fileio_dealloc_warn(op, op);
        Py_XDECREF(r);
    }
    if (self->fd >= 0) {
        int fd = self->fd;
        self->fd = -1;
        if (close(fd) < 0) {
            if (res != NULL) {
                Py_CLEAR(res);
                return errno_error();
            }
        }
    }
    if (res == NULL) {
        PyErr_Restore(t, v, tb);
    }
    return res;
}

static PyObject *
fileio_repr(PyObject *op)
{
    fileio *self = (fileio *)op;
    const char *tname = "_io.FileIO"; /* CPython names the base class even for subclasses */
    if (self->fd < 0) {
        return PyUnicode_FromFormat("<%s [closed]>", tname);
    }
    const char *mode = self->created     ? (self->readable ? "xb+" : "xb")
                       : self->appending ? (self->readable ? "ab+" : "ab")
                       : self->readable  ? (self->writable ? "rb+" : "rb")
                                         : "wb";
    PyObject *name;
    if (_PyObject_LookupAttr(op, pyrs_io_str.name, &name) < 0) {
        if (!PyErr_ExceptionMatches(PyExc_ValueError)) {
            return NULL;
        }
        PyErr_Clear();
        name = NULL;
    }
    PyObject *res;
    if (name == NULL) {
        res = PyUnicode_FromFormat("<%s fd=%d mode='%s' closefd=%s>", tname, self->fd, mode,
                                   self->closefd ? "True" : "False");
    } else {
        if (Py_ReprEnter(op)) {
            Py_DECREF(name);
            PyErr_Format(PyExc_RuntimeError, "reentrant call inside %s.__repr__", tname);
            return NULL;
        }
        res = PyUnicode_FromFormat("<%s name=%R mode='%s' closefd=%s>", tname, name, mode,
                                   self->closefd ? "True" : "False");
        Py_ReprLeave(op);
        Py_DECREF(name);
    }
    return res;
}

static PyObject *
fileio_closed_get(PyObject *op, void *Py_UNUSED(closure))
{
    return PyBool_FromLong(((fileio *)op)->fd < 0);
}

static PyObject *
fileio_closefd_get(PyObject *op, void *Py_UNUSED(closure))
{
    return PyBool_FromLong(((fileio *)op)->closefd);
}

static PyObject *
fileio_mode_get(PyObject *op, void *Py_UNUSED(closure))
{
    fileio *self = (fileio *)op;
    const char *mode = self->created     ? (self->readable ? "xb+" : "xb")
                       : self->appending ? (self->readable ? "ab+" : "ab")
                       : self->readable  ? (self->writable ? "rb+" : "rb")
                                         : "wb";
    return PyUnicode_FromString(mode);
}

static PyObject *
fileio_blksize_get(PyObject *op, void *Py_UNUSED(closure))
{
    return PyLong_FromLong(((fileio *)op)->blksize);
}

static PyObject *
fileio_finalizing_get(PyObject *op, void *Py_UNUSED(closure))
{
    return PyBool_FromLong(((fileio *)op)->finalizing);
}

static int
fileio_finalizing_set(PyObject *op, PyObject *value, void *Py_UNUSED(closure))
{
    int r = value ? PyObject_IsTrue(value) : 0;
    if (r < 0) {
        return -1;
    }
    ((fileio *)op)->finalizing = r;
    return 0;
}

static int
fileio_traverse(PyObject *op, visitproc visit, void *arg)
{
    return pyrs_io_base_traverse(op, visit, arg);
}

static int
fileio_clear(PyObject *op)
{
    pyrs_io_base_clear(op);
    return 0;
}

static void
fileio_dealloc(PyObject *op)
{
    fileio *self = (fileio *)op;
    self->finalizing = 1;
    if (PyObject_CallFinalizerFromDealloc(op) < 0) {
        return;
    }
    PyObject_GC_UnTrack(op);
    if (self->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    pyrs_io_base_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static PyMethodDef fileio_methods[] = {
    {"read", (PyCFunction)(void (*)(void))fileio_read, METH_FASTCALL, NULL},
    {"readall", fileio_readall, METH_NOARGS, NULL},
    {"readinto", fileio_readinto, METH_O, NULL},
    {"write", fileio_write, METH_O, NULL},
    {"seek", (PyCFunction)(void (*)(void))fileio_seek, METH_FASTCALL, NULL},
    {"tell", fileio_tell, METH_NOARGS, NULL},
    {"truncate", (PyCFunction)(void (*)(void))fileio_truncate, METH_FASTCALL, NULL},
    {"close", fileio_close, METH_NOARGS, NULL},
    {"seekable", fileio_seekable, METH_NOARGS, NULL},
    {"readable", fileio_readable, METH_NOARGS, NULL},
    {"writable", fileio_writable, METH_NOARGS, NULL},
    {"fileno", fileio_fileno, METH_NOARGS, NULL},
    {"isatty", fileio_isatty, METH_NOARGS, NULL},
    {"_dealloc_warn", fileio_dealloc_warn, METH_O, NULL},
    {"__reduce__", pyrs_io_cannot_reduce, METH_VARARGS, NULL},
    {"__reduce_ex__", pyrs_io_cannot_reduce_ex, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef fileio_getset[] = {
    {"closed", fileio_closed_get, NULL, "True if the file is closed", NULL},
    {"closefd", fileio_closefd_get, NULL, "True if the file descriptor will be closed", NULL},
    {"mode", fileio_mode_get, NULL, "String giving the file mode", NULL},
    {"_blksize", fileio_blksize_get, NULL, NULL, NULL},
    {"_finalizing", fileio_finalizing_get, fileio_finalizing_set, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject pyrs_io_fileio_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_io.FileIO",
    .tp_basicsize = sizeof(fileio),
    .tp_dealloc = fileio_dealloc,
    .tp_repr = fileio_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Open a file.",
    .tp_traverse = fileio_traverse,
    .tp_clear = fileio_clear,
    .tp_weaklistoffset = offsetof(fileio, weakreflist),
    .tp_methods = fileio_methods,
    .tp_getset = fileio_getset,
    .tp_base = &pyrs_io_rawiobase_type,
    .tp_dictoffset = offsetof(fileio, dict),
    .tp_init = fileio_init,
    .tp_new = fileio_new,
    .tp_finalize = pyrs_io_iobase_finalize,
};
