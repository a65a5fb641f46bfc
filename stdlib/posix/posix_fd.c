/* stdlib/posix/posix_fd.c: posix functions on file descriptors: open/close/read/write/lseek,
 * pipes, dup, sync, inheritance and blocking flags, isatty, device_encoding,
 * get_terminal_size. As in CPython 3.11 new descriptors are non-inheritable (O_CLOEXEC) and
 * calls interrupted by a signal run the Python handlers, then retry (PEP 475). */
#define _GNU_SOURCE 1
#include "posix.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ossignal.h"

static PyTypeObject *terminal_size_type;

/* After a failed call: 1 to retry (EINTR and the handlers did not raise), else 0. */
static int
should_retry(void)
{
    return errno == EINTR && pyrs_signal_run_handlers() == 0;
}

static int
fd_arg(PyObject *obj, int *out)
{
    *out = pyrs_osutil_as_int(obj);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

static PyObject *
posix_open(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "flags", "mode", "dir_fd", NULL};
    static const PyrsArgSpec spec = {"open", names, 3, 2};
    PyObject *a[4];
    PyrsPath p = {.function_name = "open"};
    int flags, mode = 0777, dir_fd, fd;
    PyObject *res = NULL;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 || fd_arg(a[1], &flags) < 0 ||
        (a[2] != NULL && fd_arg(a[2], &mode) < 0) || pyrs_osutil_dir_fd(a[3], &dir_fd) < 0) {
        goto done;
    }
    do {
        Py_BEGIN_ALLOW_THREADS;
        fd = openat(dir_fd, p.narrow, flags | O_CLOEXEC, mode);
        Py_END_ALLOW_THREADS;
    } while (fd < 0 && should_retry());
    if (fd < 0) {
        if (!PyErr_Occurred()) {
            pyrs_osutil_path_error(&p);
        }
        goto done;
    }
    res = PyLong_FromLong(fd);
done:
    pyrs_osutil_path_clear(&p);
    return res;
}

static PyObject *
posix_close(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"fd", NULL};
    static const PyrsArgSpec spec = {"close", names, 1, 1};
    PyObject *a[1];
    int fd;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 || fd_arg(a[0], &fd) < 0) {
        return NULL;
    }
    /* Never retried: on Linux the descriptor is gone even when close reports EINTR. */
    if (close(fd) < 0) {
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_closerange(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int lo, hi;
    if (!_PyArg_CheckPositional("closerange", nargs, 2, 2) || fd_arg(args[0], &lo) < 0 ||
        fd_arg(args[1], &hi) < 0) {
        return NULL;
    }
    for (int fd = lo < 0 ? 0 : lo; fd < hi; fd++) {
        (void)close(fd);
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_read(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int fd;
    if (!_PyArg_CheckPositional("read", nargs, 2, 2) || fd_arg(args[0], &fd) < 0) {
        return NULL;
    }
    Py_ssize_t length = PyNumber_AsSsize_t(args[1], PyExc_OverflowError);
    if (length == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (length < 0) {
        errno = EINVAL;
        return pyrs_osutil_errno();
    }
    PyObject *buf = PyBytes_FromStringAndSize(NULL, length);
    if (buf == NULL) {
        return NULL;
    }
    ssize_t n;
    do {
        Py_BEGIN_ALLOW_THREADS;
        n = read(fd, PyBytes_AS_STRING(buf), (size_t)length);
        Py_END_ALLOW_THREADS;
    } while (n < 0 && should_retry());
    if (n < 0) {
        Py_DECREF(buf);
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    if (n != length && _PyBytes_Resize(&buf, n) < 0) {
        return NULL;
    }
    return buf;
}

static PyObject *
posix_write(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int fd;
    if (!_PyArg_CheckPositional("write", nargs, 2, 2) || fd_arg(args[0], &fd) < 0) {
        return NULL;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(args[1], &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    ssize_t n;
    do {
        Py_BEGIN_ALLOW_THREADS;
        n = write(fd, view.buf, (size_t)view.len);
        Py_END_ALLOW_THREADS;
    } while (n < 0 && should_retry());
    PyBuffer_Release(&view);
    if (n < 0) {
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    return PyLong_FromSsize_t(n);
}

static PyObject *
posix_lseek(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int fd, how;
    if (!_PyArg_CheckPositional("lseek", nargs, 3, 3) || fd_arg(args[0], &fd) < 0) {
        return NULL;
    }
    long long pos = PyLong_AsLongLong(args[1]);
    if ((pos == -1 && PyErr_Occurred()) || fd_arg(args[2], &how) < 0) {
        return NULL;
    }
    off_t r;
    Py_BEGIN_ALLOW_THREADS;
    r = lseek(fd, (off_t)pos, how);
    Py_END_ALLOW_THREADS;
    if (r < 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLongLong((long long)r);
}

static PyObject *
fd_pair(int fds[2])
{
    return Py_BuildValue("(ii)", fds[0], fds[1]);
}

static PyObject *
posix_pipe(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) {
        return pyrs_osutil_errno();
    }
    return fd_pair(fds);
}

static PyObject *
posix_pipe2(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int flags, fds[2];
    if (fd_arg(arg, &flags) < 0) {
        return NULL;
    }
    if (pipe2(fds, flags) < 0) {
        return pyrs_osutil_errno();
    }
    return fd_pair(fds);
}

static PyObject *
posix_dup(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int fd;
    if (fd_arg(arg, &fd) < 0) {
        return NULL;
    }
    int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (r < 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLong(r);
}

static PyObject *
posix_dup2(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"fd", "fd2", "inheritable", NULL};
    static const PyrsArgSpec spec = {"dup2", names, 3, 2};
    PyObject *a[3];
    int fd, fd2, inheritable;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 || fd_arg(a[0], &fd) < 0 ||
        fd_arg(a[1], &fd2) < 0 || (inheritable = pyrs_osutil_flag(a[2], 1)) < 0) {
        return NULL;
    }
    int r;
    if (inheritable || fd == fd2) {
        r = dup2(fd, fd2);
    } else {
        r = dup3(fd, fd2, O_CLOEXEC);
    }
    if (r < 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLong(r);
}

static PyObject *
fd_call(PyObject *arg, int (*op)(int))
{
    int fd = pyrs_osutil_fileno(arg);
    if (fd < 0) {
        return NULL;
    }
    int r;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = op(fd);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && should_retry());
    if (r < 0) {
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_fsync(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return fd_call(arg, fsync);
}

static PyObject *
posix_fdatasync(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return fd_call(arg, fdatasync);
}

static PyObject *
posix_ftruncate(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int fd;
    if (!_PyArg_CheckPositional("ftruncate", nargs, 2, 2) || fd_arg(args[0], &fd) < 0) {
        return NULL;
    }
    long long length = PyLong_AsLongLong(args[1]);
    if (length == -1 && PyErr_Occurred()) {
        return NULL;
    }
    int r;
    do {
        r = ftruncate(fd, (off_t)length);
    } while (r < 0 && should_retry());
    if (r < 0) {
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_isatty(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int fd;
    if (fd_arg(arg, &fd) < 0) {
        return NULL;
    }
    return PyBool_FromLong(isatty(fd));
}

static PyObject *
posix_get_inheritable(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int fd;
    if (fd_arg(arg, &fd) < 0) {
        return NULL;
    }
    int flags = fcntl(fd, F_GETFD);
    if (flags < 0) {
        return pyrs_osutil_errno();
    }
    return PyBool_FromLong(!(flags & FD_CLOEXEC));
}

static PyObject *
posix_set_inheritable(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int fd, inheritable;
    if (!_PyArg_CheckPositional("set_inheritable", nargs, 2, 2) || fd_arg(args[0], &fd) < 0 ||
        fd_arg(args[1], &inheritable) < 0) {
        return NULL;
    }
    int flags = fcntl(fd, F_GETFD);
    if (flags < 0) {
        return pyrs_osutil_errno();
    }
    flags = inheritable ? (flags & ~FD_CLOEXEC) : (flags | FD_CLOEXEC);
    if (fcntl(fd, F_SETFD, flags) < 0) {
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_get_blocking(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int fd;
    if (fd_arg(arg, &fd) < 0) {
        return NULL;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) {
        return pyrs_osutil_errno();
    }
    return PyBool_FromLong(!(flags & O_NONBLOCK));
}

static PyObject *
posix_set_blocking(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int fd, blocking;
    if (!_PyArg_CheckPositional("set_blocking", nargs, 2, 2) || fd_arg(args[0], &fd) < 0 ||
        (blocking = PyObject_IsTrue(args[1])) < 0) {
        return NULL;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) {
        return pyrs_osutil_errno();
    }
    flags = blocking ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK);
    if (fcntl(fd, F_SETFL, flags) < 0) {
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_device_encoding(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames)
{
    static const char *const names[] = {"fd", NULL};
    static const PyrsArgSpec spec = {"device_encoding", names, 1, 1};
    PyObject *a[1];
    int fd;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 || fd_arg(a[0], &fd) < 0) {
        return NULL;
    }
    if (!isatty(fd)) {
        Py_RETURN_NONE;
    }
    /* The environment's LC_CTYPE codeset, as CPython (which calls setlocale at start-up)
     * reports it; the C locale puts CPython in UTF-8 mode, which says "utf-8". */
    locale_t loc = newlocale(LC_CTYPE_MASK, "", (locale_t)0);
    const char *codeset = loc != (locale_t)0 ? nl_langinfo_l(CODESET, loc) : NULL;
    PyObject *res;
    if (codeset == NULL || codeset[0] == '\0' || strcmp(codeset, "ANSI_X3.4-1968") == 0) {
        res = PyUnicode_FromString("utf-8");
    } else {
        res = PyUnicode_FromString(codeset);
    }
    if (loc != (locale_t)0) {
        freelocale(loc);
    }
    return res;
}

static PyObject *
posix_get_terminal_size(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int fd = 1;
    if (!_PyArg_CheckPositional("get_terminal_size", nargs, 0, 1) ||
        (nargs == 1 && fd_arg(args[0], &fd) < 0)) {
        return NULL;
    }
    struct winsize w;
    if (ioctl(fd, TIOCGWINSZ, &w) != 0) {
        return pyrs_osutil_errno();
    }
    PyObject *res = PyStructSequence_New(terminal_size_type);
    if (res == NULL) {
        return NULL;
    }
    PyObject *cols = PyLong_FromLong(w.ws_col), *rows = PyLong_FromLong(w.ws_row);
    PyStructSequence_SET_ITEM(res, 0, cols != NULL ? cols : Py_NewRef(Py_None));
    PyStructSequence_SET_ITEM(res, 1, rows != NULL ? rows : Py_NewRef(Py_None));
    if (cols == NULL || rows == NULL) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

static PyObject *
posix_pread(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int fd;
    if (!_PyArg_CheckPositional("pread", nargs, 3, 3) || fd_arg(args[0], &fd) < 0) {
        return NULL;
    }
    Py_ssize_t length = PyNumber_AsSsize_t(args[1], PyExc_OverflowError);
    long long off = length == -1 && PyErr_Occurred() ? -1 : PyLong_AsLongLong(args[2]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (length < 0) {
        errno = EINVAL;
        return pyrs_osutil_errno();
    }
    PyObject *buf = PyBytes_FromStringAndSize(NULL, length);
    if (buf == NULL) {
        return NULL;
    }
    ssize_t n;
    do {
        Py_BEGIN_ALLOW_THREADS;
        n = pread(fd, PyBytes_AS_STRING(buf), (size_t)length, (off_t)off);
        Py_END_ALLOW_THREADS;
    } while (n < 0 && should_retry());
    if (n < 0) {
        Py_DECREF(buf);
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    if (n != length && _PyBytes_Resize(&buf, n) < 0) {
        return NULL;
    }
    return buf;
}

static PyObject *
posix_pwrite(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int fd;
    if (!_PyArg_CheckPositional("pwrite", nargs, 3, 3) || fd_arg(args[0], &fd) < 0) {
        return NULL;
    }
    long long off = PyLong_AsLongLong(args[2]);
    if (off == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(args[1], &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    ssize_t n;
    do {
        Py_BEGIN_ALLOW_THREADS;
        n = pwrite(fd, view.buf, (size_t)view.len, (off_t)off);
        Py_END_ALLOW_THREADS;
    } while (n < 0 && should_retry());
    PyBuffer_Release(&view);
    if (n < 0) {
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    return PyLong_FromSsize_t(n);
}

#define KW (METH_FASTCALL | METH_KEYWORDS)

PyMethodDef pyrs_posix_fd_methods[] = {
    {"open", PYRS_FASTCALL(posix_open), KW, "Open a file; returns a file descriptor."},
    {"close", PYRS_FASTCALL(posix_close), KW, "Close a file descriptor."},
    {"closerange", PYRS_FASTCALL(posix_closerange), METH_FASTCALL,
     "Close the descriptors from fd_low (inclusive) to fd_high (exclusive), ignoring errors."},
    {"read", PYRS_FASTCALL(posix_read), METH_FASTCALL, "Read at most length bytes."},
    {"write", PYRS_FASTCALL(posix_write), METH_FASTCALL, "Write a bytes-like object."},
    {"pread", PYRS_FASTCALL(posix_pread), METH_FASTCALL, "Read at an offset."},
    {"pwrite", PYRS_FASTCALL(posix_pwrite), METH_FASTCALL, "Write at an offset."},
    {"lseek", PYRS_FASTCALL(posix_lseek), METH_FASTCALL, "Set the position of a descriptor."},
    {"pipe", posix_pipe, METH_NOARGS, "Create a pipe: (read_fd, write_fd)."},
    {"pipe2", posix_pipe2, METH_O, "Create a pipe with O_NONBLOCK/O_CLOEXEC flags."},
    {"dup", posix_dup, METH_O, "Duplicate a file descriptor (non-inheritable)."},
    {"dup2", PYRS_FASTCALL(posix_dup2), KW, "Duplicate fd to fd2."},
    {"fsync", posix_fsync, METH_O, "Force write of a file to disk."},
    {"fdatasync", posix_fdatasync, METH_O, "Force write of a file's data to disk."},
    {"ftruncate", PYRS_FASTCALL(posix_ftruncate), METH_FASTCALL, "Truncate an open file."},
    {"isatty", posix_isatty, METH_O, "Whether fd is a terminal."},
    {"get_inheritable", posix_get_inheritable, METH_O, "The inheritable flag of fd."},
    {"set_inheritable", PYRS_FASTCALL(posix_set_inheritable), METH_FASTCALL,
     "Set the inheritable flag of fd."},
    {"get_blocking", posix_get_blocking, METH_O, "The blocking mode of fd."},
    {"set_blocking", PYRS_FASTCALL(posix_set_blocking), METH_FASTCALL,
     "Set the blocking mode of fd."},
    {"device_encoding", PYRS_FASTCALL(posix_device_encoding), KW,
     "The encoding of a terminal, or None."},
    {"get_terminal_size", PYRS_FASTCALL(posix_get_terminal_size), METH_FASTCALL,
     "The size of the terminal window as (columns, lines)."},
    {NULL, NULL, 0, NULL},
};

static PyStructSequence_Field terminal_size_fields[] = {
    {"columns", "width of the terminal window in characters"},
    {"lines", "height of the terminal window in characters"},
    {NULL, NULL},
};

static PyStructSequence_Desc terminal_size_desc = {
    "os.terminal_size",
    "A tuple of (columns, lines) for holding terminal window size",
    terminal_size_fields,
    2,
};

int
pyrs_posix_fd_init(PyObject *m)
{
    if (terminal_size_type == NULL) {
        terminal_size_type = PyStructSequence_NewType(&terminal_size_desc);
        if (terminal_size_type == NULL) {
            return -1;
        }
    }
    return PyModule_AddObjectRef(m, "terminal_size", (PyObject *)terminal_size_type);
}
