/* stdlib/fcntlmodule.c: the fcntl module: fcntl, ioctl, flock, lockf and the F_, LOCK_ and DN_
 * constants, with CPython 3.11's argument forms (an int, or a buffer of at most 1024 bytes
 * copied in and returned as bytes) and EINTR retries. */
#define _GNU_SOURCE 1
#include "Python.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "posix/osutil.h"
#include "posix/ossignal.h"

#define ARG_BUF 1024

static int
should_retry(void)
{
    return errno == EINTR && pyrs_signal_run_handlers() == 0;
}

static PyObject *
fcntl_error(void)
{
    return PyErr_Occurred() ? NULL : PyErr_SetFromErrno(PyExc_OSError);
}

/* Copies a str/bytes-like ARG into BUF (at most ARG_BUF bytes). Its length, -2 when ARG is not
 * such an object (no exception), or -1 with an exception. */
static Py_ssize_t
buffer_arg(PyObject *arg, char *buf, const char *what)
{
    Py_buffer view;
    if (PyUnicode_Check(arg)) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
        if (s == NULL) {
            return -1;
        }
        if (n > ARG_BUF) {
            PyErr_Format(PyExc_ValueError, "%s string arg too long", what);
            return -1;
        }
        memcpy(buf, s, (size_t)n);
        return n;
    }
    if (!PyObject_CheckBuffer(arg) || PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) {
        PyErr_Clear();
        return -2;
    }
    Py_ssize_t n = view.len;
    if (n > ARG_BUF) {
        PyBuffer_Release(&view);
        PyErr_Format(PyExc_ValueError, "%s string arg too long", what);
        return -1;
    }
    memcpy(buf, view.buf, (size_t)n);
    PyBuffer_Release(&view);
    return n;
}

static PyObject *
fcntl_fcntl(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("fcntl", nargs, 2, 3)) {
        return NULL;
    }
    int fd = pyrs_osutil_fileno(args[0]);
    if (fd < 0) {
        return NULL;
    }
    int code = _PyLong_AsInt(args[1]);
    if (code == -1 && PyErr_Occurred()) {
        return NULL;
    }
    int r;
    if (nargs == 3) {
        char buf[ARG_BUF];
        Py_ssize_t n = buffer_arg(args[2], buf, "fcntl");
        if (n == -1) {
            return NULL;
        }
        if (n >= 0) {
            do {
                r = fcntl(fd, code, buf);
            } while (r < 0 && should_retry());
            return r < 0 ? fcntl_error() : PyBytes_FromStringAndSize(buf, n);
        }
    }
    int iarg = 0;
    if (nargs == 3) {
        iarg = _PyLong_AsInt(args[2]);
        if (iarg == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    do {
        r = fcntl(fd, code, iarg);
    } while (r < 0 && should_retry());
    return r < 0 ? fcntl_error() : PyLong_FromLong(r);
}

static PyObject *
ioctl_buffer(int fd, unsigned long code, PyObject *arg, int mutate)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_WRITABLE) == 0) {
        char buf[ARG_BUF + 1];
        char *target = view.buf;
        if (!mutate || view.len > ARG_BUF) {
            if (view.len > ARG_BUF && !mutate) {
                PyBuffer_Release(&view);
                PyErr_SetString(PyExc_ValueError, "ioctl string arg too long");
                return NULL;
            }
            if (!mutate) {
                memcpy(buf, view.buf, (size_t)view.len);
                target = buf;
            }
        }
        int r = ioctl(fd, code, target);
        PyObject *res = r < 0    ? PyErr_SetFromErrno(PyExc_OSError)
                        : mutate ? PyLong_FromLong(r)
                                 : PyBytes_FromStringAndSize(buf, view.len);
        PyBuffer_Release(&view);
        return res;
    }
    PyErr_Clear();
    char buf[ARG_BUF];
    Py_ssize_t n = buffer_arg(arg, buf, "ioctl");
    if (n == -1) {
        return NULL;
    }
    if (n >= 0) {
        if (ioctl(fd, code, buf) < 0) {
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        return PyBytes_FromStringAndSize(buf, n);
    }
    return NULL;
}

static PyObject *
fcntl_ioctl(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("ioctl", nargs, 2, 4)) {
        return NULL;
    }
    int fd = pyrs_osutil_fileno(args[0]);
    if (fd < 0) {
        return NULL;
    }
    unsigned long code = PyLong_AsUnsignedLongMask(args[1]);
    if (code == (unsigned long)-1 && PyErr_Occurred()) {
        return NULL;
    }
    int mutate = nargs == 4 ? PyObject_IsTrue(args[3]) : 1;
    if (mutate < 0) {
        return NULL;
    }
    if (nargs >= 3 && !PyLong_Check(args[2])) {
        PyObject *res = ioctl_buffer(fd, code, args[2], mutate);
        if (res != NULL || PyErr_Occurred()) {
            return res;
        }
    }
    int iarg = 0;
    if (nargs >= 3) {
        iarg = _PyLong_AsInt(args[2]);
        if (iarg == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    int r = ioctl(fd, code, iarg);
    return r < 0 ? PyErr_SetFromErrno(PyExc_OSError) : PyLong_FromLong(r);
}

static PyObject *
fcntl_flock(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("flock", nargs, 2, 2)) {
        return NULL;
    }
    int fd = pyrs_osutil_fileno(args[0]);
    int code = fd < 0 ? -1 : _PyLong_AsInt(args[1]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    int r;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = flock(fd, code);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && should_retry());
    if (r < 0) {
        return fcntl_error();
    }
    Py_RETURN_NONE;
}

static PyObject *
fcntl_lockf(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("lockf", nargs, 2, 5)) {
        return NULL;
    }
    int fd = pyrs_osutil_fileno(args[0]);
    int code = fd < 0 ? -1 : _PyLong_AsInt(args[1]);
    long long len = 0, start = 0;
    int whence = 0;
    if (PyErr_Occurred() ||
        (nargs > 2 && (len = PyLong_AsLongLong(args[2])) == -1 && PyErr_Occurred()) ||
        (nargs > 3 && (start = PyLong_AsLongLong(args[3])) == -1 && PyErr_Occurred()) ||
        (nargs > 4 && (whence = _PyLong_AsInt(args[4])) == -1 && PyErr_Occurred())) {
        return NULL;
    }
    struct flock l;
    memset(&l, 0, sizeof l);
    if (code == LOCK_UN) {
        l.l_type = F_UNLCK;
    } else if (code & LOCK_SH) {
        l.l_type = F_RDLCK;
    } else if (code & LOCK_EX) {
        l.l_type = F_WRLCK;
    } else {
        PyErr_SetString(PyExc_ValueError, "unrecognized lockf argument");
        return NULL;
    }
    l.l_start = (off_t)start;
    l.l_len = (off_t)len;
    l.l_whence = (short)whence;
    int r;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = fcntl(fd, (code & LOCK_NB) ? F_SETLK : F_SETLKW, &l);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && should_retry());
    if (r < 0) {
        return fcntl_error();
    }
    Py_RETURN_NONE;
}

#define FASTCALL(f) (PyCFunction)(void (*)(void))(f)

static PyMethodDef fcntl_methods[] = {
    {"fcntl", FASTCALL(fcntl_fcntl), METH_FASTCALL, "fcntl(fd, cmd, arg=0): the fcntl call."},
    {"ioctl", FASTCALL(fcntl_ioctl), METH_FASTCALL,
     "ioctl(fd, request, arg=0, mutate_flag=True): the ioctl call."},
    {"flock", FASTCALL(fcntl_flock), METH_FASTCALL, "flock(fd, operation): BSD file locks."},
    {"lockf", FASTCALL(fcntl_lockf), METH_FASTCALL,
     "lockf(fd, cmd, len=0, start=0, whence=0): POSIX record locks."},
    {NULL, NULL, 0, NULL},
};

static const PyrsIntConst fcntl_constants[] = {
    {"LOCK_SH", LOCK_SH},
    {"LOCK_EX", LOCK_EX},
    {"LOCK_NB", LOCK_NB},
    {"LOCK_UN", LOCK_UN},
    {"LOCK_MAND", LOCK_MAND},
    {"LOCK_READ", LOCK_READ},
    {"LOCK_WRITE", LOCK_WRITE},
    {"LOCK_RW", LOCK_RW},
    {"F_DUPFD", F_DUPFD},
    {"F_DUPFD_CLOEXEC", F_DUPFD_CLOEXEC},
    {"F_GETFD", F_GETFD},
    {"F_SETFD", F_SETFD},
    {"F_GETFL", F_GETFL},
    {"F_SETFL", F_SETFL},
    {"F_GETLK", F_GETLK},
    {"F_SETLK", F_SETLK},
    {"F_SETLKW", F_SETLKW},
    {"F_OFD_GETLK", F_OFD_GETLK},
    {"F_OFD_SETLK", F_OFD_SETLK},
    {"F_OFD_SETLKW", F_OFD_SETLKW},
    {"F_GETOWN", F_GETOWN},
    {"F_SETOWN", F_SETOWN},
    {"F_GETSIG", F_GETSIG},
    {"F_SETSIG", F_SETSIG},
    {"F_RDLCK", F_RDLCK},
    {"F_WRLCK", F_WRLCK},
    {"F_UNLCK", F_UNLCK},
    {"F_GETLK64", F_GETLK64},
    {"F_SETLK64", F_SETLK64},
    {"F_SETLKW64", F_SETLKW64},
    {"FASYNC", FASYNC},
    {"F_SETLEASE", F_SETLEASE},
    {"F_GETLEASE", F_GETLEASE},
    {"F_NOTIFY", F_NOTIFY},
    {"F_EXLCK", F_EXLCK},
    {"F_SHLCK", F_SHLCK},
    {"F_SETPIPE_SZ", F_SETPIPE_SZ},
    {"F_GETPIPE_SZ", F_GETPIPE_SZ},
    {"FD_CLOEXEC", FD_CLOEXEC},
    {"DN_ACCESS", DN_ACCESS},
    {"DN_MODIFY", DN_MODIFY},
    {"DN_CREATE", DN_CREATE},
    {"DN_DELETE", DN_DELETE},
    {"DN_RENAME", DN_RENAME},
    {"DN_ATTRIB", DN_ATTRIB},
    {"DN_MULTISHOT", (long)(unsigned int)DN_MULTISHOT},
    {"F_ADD_SEALS", F_ADD_SEALS},
    {"F_GET_SEALS", F_GET_SEALS},
    {"F_SEAL_SEAL", F_SEAL_SEAL},
    {"F_SEAL_SHRINK", F_SEAL_SHRINK},
    {"F_SEAL_GROW", F_SEAL_GROW},
    {"F_SEAL_WRITE", F_SEAL_WRITE},
    {NULL, 0},
};

static int
fcntl_exec(PyObject *m)
{
    return pyrs_osutil_add_ints(m, fcntl_constants);
}

static PyModuleDef_Slot fcntl_slots[] = {
    {Py_mod_exec, (void *)fcntl_exec},
    {0, NULL},
};

static PyModuleDef fcntl_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "fcntl",
    .m_doc = "The fcntl() and ioctl() system calls on file descriptors.",
    .m_size = 0,
    .m_methods = fcntl_methods,
    .m_slots = fcntl_slots,
};

PyMODINIT_FUNC PyInit_fcntl(void);

/* Module init (multi-phase): returns the definition, borrowed. */
PyMODINIT_FUNC
PyInit_fcntl(void)
{
    return PyModuleDef_Init(&fcntl_module);
}
