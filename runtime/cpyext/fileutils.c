/* cpyext/fileutils.c: the file-descriptor and file-object helpers CPython 3.11 exports from
 * Python/fileutils.c and Objects/fileobject.c that extensions call (mmap, _curses, _ssl,
 * _ctypes, ossaudiodev): descriptors made non-inheritable, EINTR retried after checking
 * signals, the GIL released around blocking calls, OSError from errno as CPython raises it. */
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "Python.h"
#include "pyrs/cpyext.h"

int
PyObject_AsFileDescriptor(PyObject *o)
{
    int fd;
    if (PyLong_Check(o)) {
        fd = _PyLong_AsInt(o);
    } else {
        PyObject *meth = NULL, *name = PyUnicode_InternFromString("fileno");
        int found = name ? _PyObject_LookupAttr(o, name, &meth) : -1;
        Py_XDECREF(name);
        if (found < 0) {
            return -1;
        }
        if (meth == NULL) {
            PyErr_SetString(PyExc_TypeError, "argument must be an int, or have a fileno() method.");
            return -1;
        }
        PyObject *res = PyObject_CallNoArgs(meth);
        Py_DECREF(meth);
        if (res == NULL) {
            return -1;
        }
        if (!PyLong_Check(res)) {
            PyErr_SetString(PyExc_TypeError, "fileno() returned a non-integer");
            Py_DECREF(res);
            return -1;
        }
        fd = _PyLong_AsInt(res);
        Py_DECREF(res);
    }
    if (fd == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (fd < 0) {
        PyErr_Format(PyExc_ValueError, "file descriptor cannot be a negative integer (%i)", fd);
        return -1;
    }
    return fd;
}

int
PyFile_WriteObject(PyObject *v, PyObject *f, int flags)
{
    if (f == NULL) {
        PyErr_SetString(PyExc_TypeError, "writeobject with NULL file");
        return -1;
    }
    PyObject *text = (flags & Py_PRINT_RAW) ? PyObject_Str(v) : PyObject_Repr(v);
    if (text == NULL) {
        return -1;
    }
    PyObject *res = PyObject_CallMethod(f, "write", "O", text);
    Py_DECREF(text);
    Py_XDECREF(res);
    return res == NULL ? -1 : 0;
}

int
PyFile_WriteString(const char *s, PyObject *f)
{
    if (f == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_SystemError, "null file for PyFile_WriteString");
        }
        return -1;
    }
    if (PyErr_Occurred()) {
        return -1;
    }
    PyObject *v = PyUnicode_FromString(s);
    if (v == NULL) {
        return -1;
    }
    int r = PyFile_WriteObject(v, f, Py_PRINT_RAW);
    Py_DECREF(v);
    return r;
}

int
_Py_dup(int fd)
{
    int res;
    Py_BEGIN_ALLOW_THREADS res = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    Py_END_ALLOW_THREADS if (res < 0)
    {
        PyErr_SetFromErrno(PyExc_OSError);
        return -1;
    }
    return res;
}

int
_Py_fstat_noraise(int fd, struct stat *status)
{
    return fstat(fd, status);
}

int
_Py_fstat(int fd, struct stat *status)
{
    int res;
    Py_BEGIN_ALLOW_THREADS res = fstat(fd, status);
    Py_END_ALLOW_THREADS if (res != 0)
    {
        PyErr_SetFromErrno(PyExc_OSError);
        return -1;
    }
    return 0;
}

int
_Py_set_inheritable(int fd, int inheritable, int *atomic_flag_works)
{
    if (atomic_flag_works != NULL && !inheritable && *atomic_flag_works) {
        return 0; /* the descriptor was made with O_CLOEXEC already */
    }
    if (ioctl(fd, inheritable ? FIONCLEX : FIOCLEX, NULL) == 0) {
        return 0;
    }
    int flags = fcntl(fd, F_GETFD);
    if (flags >= 0) {
        int want = inheritable ? (flags & ~FD_CLOEXEC) : (flags | FD_CLOEXEC);
        if (want == flags || fcntl(fd, F_SETFD, want) == 0) {
            return 0;
        }
    }
    PyErr_SetFromErrno(PyExc_OSError);
    return -1;
}

int
_Py_open(const char *pathname, int flags)
{
    int fd, err;
    do {
        Py_BEGIN_ALLOW_THREADS fd = open(pathname, flags | O_CLOEXEC);
        Py_END_ALLOW_THREADS err = errno;
    } while (fd < 0 && err == EINTR && PyErr_CheckSignals() == 0);
    if (fd < 0) {
        if (!PyErr_Occurred()) {
            errno = err;
            PyErr_SetFromErrnoWithFilename(PyExc_OSError, pathname);
        }
        return -1;
    }
    return fd;
}

/* read() or write() of COUNT bytes, retried on EINTR; -1 with OSError or the signal
 * handler's exception. */
static Py_ssize_t
rw_retry(int fd, void *buf, size_t count, int writing)
{
    Py_ssize_t n;
    int err;
    if (count > (size_t)PY_SSIZE_T_MAX) {
        count = (size_t)PY_SSIZE_T_MAX;
    }
    do {
        Py_BEGIN_ALLOW_THREADS errno = 0;
        n = writing ? write(fd, buf, count) : read(fd, buf, count);
        err = errno;
        Py_END_ALLOW_THREADS
    } while (n < 0 && err == EINTR && PyErr_CheckSignals() == 0);
    if (n < 0) {
        if (!PyErr_Occurred()) {
            errno = err;
            PyErr_SetFromErrno(PyExc_OSError);
        }
        return -1;
    }
    return n;
}

Py_ssize_t
_Py_read(int fd, void *buf, size_t count)
{
    return rw_retry(fd, buf, count, 0);
}

Py_ssize_t
_Py_write(int fd, const void *buf, size_t count)
{
    return rw_retry(fd, (void *)buf, count, 1);
}

FILE *
_Py_fopen_obj(PyObject *path, const char *mode)
{
    PyObject *bytes = NULL;
    if (!PyUnicode_FSConverter(path, &bytes)) {
        return NULL;
    }
    if (PySys_Audit("open", "Osi", path, mode, 0) < 0) {
        Py_DECREF(bytes);
        return NULL;
    }
    FILE *f;
    int err;
    do {
        Py_BEGIN_ALLOW_THREADS f = fopen(PyBytes_AS_STRING(bytes), mode);
        err = errno;
        Py_END_ALLOW_THREADS
    } while (f == NULL && err == EINTR && PyErr_CheckSignals() == 0);
    Py_DECREF(bytes);
    if (f == NULL) {
        if (!PyErr_Occurred()) {
            errno = err;
            PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
        }
        return NULL;
    }
    if (_Py_set_inheritable(fileno(f), 0, NULL) < 0) {
        fclose(f);
        return NULL;
    }
    return f;
}
