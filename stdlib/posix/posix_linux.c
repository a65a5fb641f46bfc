/* stdlib/posix/posix_linux.c: posix functions CPython 3.11 offers on Linux beyond the common
 * set: lockf, setpgrp, tcgetpgrp/tcsetpgrp, getrandom, sched_* (affinity, priority limits),
 * pidfd_open, eventfd_read/eventfd_write, copy_file_range, splice, preadv/pwritev, extended
 * attributes, forkpty/login_tty, and the MFD_* constants. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <linux/memfd.h>
#include <pty.h>
#include <sched.h>
#include <sys/eventfd.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <utmp.h>

#include "ossignal.h"
#include "posix.h"

static int
int_arg(PyObject *obj, int *out)
{
    *out = pyrs_osutil_as_int(obj);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

static int
should_retry(void)
{
    return errno == EINTR && pyrs_signal_run_handlers() == 0;
}

static PyObject *
none_or_errno(int r)
{
    if (r < 0) {
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_lockf(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int fd, cmd;
    if (!_PyArg_CheckPositional("lockf", nargs, 3, 3) || int_arg(args[0], &fd) < 0 ||
        int_arg(args[1], &cmd) < 0) {
        return NULL;
    }
    long long len = PyLong_AsLongLong(args[2]);
    if (len == -1 && PyErr_Occurred()) {
        return NULL;
    }
    int r;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = lockf(fd, cmd, (off_t)len);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && should_retry());
    return none_or_errno(r);
}

static PyObject *
posix_setpgrp(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    return none_or_errno(setpgid(0, 0));
}

static PyObject *
posix_tcgetpgrp(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int fd;
    if (int_arg(arg, &fd) < 0) {
        return NULL;
    }
    pid_t r = tcgetpgrp(fd);
    if (r < 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLong((long)r);
}

static PyObject *
posix_tcsetpgrp(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int fd, pgid;
    if (!_PyArg_CheckPositional("tcsetpgrp", nargs, 2, 2) || int_arg(args[0], &fd) < 0 ||
        int_arg(args[1], &pgid) < 0) {
        return NULL;
    }
    return none_or_errno(tcsetpgrp(fd, (pid_t)pgid));
}

static PyObject *
posix_getrandom(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"size", "flags", NULL};
    static const PyrsArgSpec spec = {"getrandom", names, 2, 1};
    PyObject *a[2];
    int flags = 0;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    Py_ssize_t size = PyNumber_AsSsize_t(a[0], PyExc_OverflowError);
    if ((size == -1 && PyErr_Occurred()) || (a[1] != NULL && int_arg(a[1], &flags) < 0)) {
        return NULL;
    }
    if (size < 0) {
        errno = EINVAL;
        return pyrs_osutil_errno();
    }
    PyObject *buf = PyBytes_FromStringAndSize(NULL, size);
    if (buf == NULL) {
        return NULL;
    }
    ssize_t n;
    do {
        n = getrandom(PyBytes_AS_STRING(buf), (size_t)size, (unsigned int)flags);
    } while (n < 0 && should_retry());
    if (n < 0) {
        Py_DECREF(buf);
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    if (n != size && _PyBytes_Resize(&buf, n) < 0) {
        return NULL;
    }
    return buf;
}

static PyObject *
posix_sched_getaffinity(PyObject *Py_UNUSED(m), PyObject *arg)
{
    long pid = PyLong_AsLong(arg);
    if (pid == -1 && PyErr_Occurred()) {
        return NULL;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity((pid_t)pid, sizeof set, &set) != 0) {
        return pyrs_osutil_errno();
    }
    PyObject *res = PySet_New(NULL);
    for (int cpu = 0; res != NULL && cpu < CPU_SETSIZE; cpu++) {
        if (!CPU_ISSET(cpu, &set)) {
            continue;
        }
        PyObject *n = PyLong_FromLong(cpu);
        if (n == NULL || PySet_Add(res, n) < 0) {
            Py_CLEAR(res);
        }
        Py_XDECREF(n);
    }
    return res;
}

static PyObject *
posix_sched_setaffinity(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("sched_setaffinity", nargs, 2, 2)) {
        return NULL;
    }
    long pid = PyLong_AsLong(args[0]);
    if (pid == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *it = PyObject_GetIter(args[1]), *item;
    if (it == NULL) {
        return NULL;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    while ((item = PyIter_Next(it)) != NULL) {
        long cpu = PyLong_AsLong(item);
        Py_DECREF(item);
        if (cpu == -1 && PyErr_Occurred()) {
            break;
        }
        if (cpu < 0) {
            PyErr_SetString(PyExc_ValueError, "negative CPU number");
            break;
        }
        if (cpu >= CPU_SETSIZE) {
            PyErr_SetString(PyExc_ValueError, "CPU number too large");
            break;
        }
        CPU_SET((int)cpu, &set);
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        return NULL;
    }
    return none_or_errno(sched_setaffinity((pid_t)pid, sizeof set, &set));
}

static PyObject *
priority_limit(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, const char *name,
               int max)
{
    static const char *const names[] = {"policy", NULL};
    const PyrsArgSpec spec = {name, names, 1, 1};
    PyObject *a[1];
    int policy;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 || int_arg(a[0], &policy) < 0) {
        return NULL;
    }
    int r = max ? sched_get_priority_max(policy) : sched_get_priority_min(policy);
    if (r < 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLong(r);
}

static PyObject *
posix_sched_get_priority_max(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames)
{
    return priority_limit(args, nargs, kwnames, "sched_get_priority_max", 1);
}

static PyObject *
posix_sched_get_priority_min(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames)
{
    return priority_limit(args, nargs, kwnames, "sched_get_priority_min", 0);
}

static PyObject *
posix_sched_getscheduler(PyObject *Py_UNUSED(m), PyObject *arg)
{
    long pid = PyLong_AsLong(arg);
    if (pid == -1 && PyErr_Occurred()) {
        return NULL;
    }
    int r = sched_getscheduler((pid_t)pid);
    if (r < 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLong(r);
}

static PyObject *
posix_pidfd_open(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"pid", "flags", NULL};
    static const PyrsArgSpec spec = {"pidfd_open", names, 2, 1};
    PyObject *a[2];
    unsigned int flags = 0;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    long pid = PyLong_AsLong(a[0]);
    if (pid == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (a[1] != NULL) {
        unsigned long f = PyLong_AsUnsignedLong(a[1]);
        if (f == (unsigned long)-1 && PyErr_Occurred()) {
            return NULL;
        }
        flags = (unsigned int)f;
    }
    long fd = syscall(SYS_pidfd_open, (pid_t)pid, flags);
    if (fd < 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLong(fd);
}

static PyObject *
posix_eventfd_read(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames)
{
    static const char *const names[] = {"fd", NULL};
    static const PyrsArgSpec spec = {"eventfd_read", names, 1, 1};
    PyObject *a[1];
    int fd = -1, r;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        (fd = pyrs_osutil_fileno(a[0])) < 0) {
        return NULL;
    }
    eventfd_t value;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = eventfd_read(fd, &value);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && should_retry());
    if (r < 0) {
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    return PyLong_FromUnsignedLongLong((unsigned long long)value);
}

static PyObject *
posix_eventfd_write(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                    PyObject *kwnames)
{
    static const char *const names[] = {"fd", "value", NULL};
    static const PyrsArgSpec spec = {"eventfd_write", names, 2, 2};
    PyObject *a[2];
    int fd = -1, r;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        (fd = pyrs_osutil_fileno(a[0])) < 0) {
        return NULL;
    }
    unsigned long long value = PyLong_AsUnsignedLongLong(a[1]);
    if (value == (unsigned long long)-1 && PyErr_Occurred()) {
        return NULL;
    }
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = eventfd_write(fd, (eventfd_t)value);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && should_retry());
    return none_or_errno(r);
}

/* Optional offset argument: None means "use and move the file position". */
static int
offset_arg(PyObject *obj, loff_t *out, loff_t **ptr)
{
    *ptr = NULL;
    if (obj == NULL || obj == Py_None) {
        return 0;
    }
    long long v = PyLong_AsLongLong(obj);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = (loff_t)v;
    *ptr = out;
    return 0;
}

static PyObject *
transfer(const char *name, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, int splicing)
{
    static const char *const names_cfr[] = {"src",        "dst",        "count",
                                            "offset_src", "offset_dst", NULL};
    static const char *const names_splice[] = {"src",        "dst",   "count", "offset_src",
                                               "offset_dst", "flags", NULL};
    const PyrsArgSpec spec = {name, splicing ? names_splice : names_cfr, splicing ? 6 : 5, 3};
    PyObject *a[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
    int src, dst, flags = 0;
    loff_t os_, od_, *ps, *pd;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 || int_arg(a[0], &src) < 0 ||
        int_arg(a[1], &dst) < 0 || offset_arg(a[3], &os_, &ps) < 0 ||
        offset_arg(a[4], &od_, &pd) < 0 || (a[5] != NULL && int_arg(a[5], &flags) < 0)) {
        return NULL;
    }
    Py_ssize_t count = PyNumber_AsSsize_t(a[2], PyExc_OverflowError);
    if (count == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (count < 0) {
        PyErr_SetString(PyExc_ValueError, "negative value for 'count' not allowed");
        return NULL;
    }
    ssize_t r;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = splicing ? splice(src, ps, dst, pd, (size_t)count, (unsigned int)flags)
                     : copy_file_range(src, ps, dst, pd, (size_t)count, 0);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && should_retry());
    if (r < 0) {
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    return PyLong_FromSsize_t(r);
}

static PyObject *
posix_copy_file_range(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames)
{
    return transfer("copy_file_range", args, nargs, kwnames, 0);
}

static PyObject *
posix_splice(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return transfer("splice", args, nargs, kwnames, 1);
}

/* preadv/pwritev(fd, buffers, offset, flags=0). */
static PyObject *
positional_vector(PyObject *const *args, Py_ssize_t nargs, const char *name, int reading)
{
    int fd, flags = 0;
    if (!_PyArg_CheckPositional(name, nargs, 3, 4) || int_arg(args[0], &fd) < 0 ||
        (nargs == 4 && int_arg(args[3], &flags) < 0)) {
        return NULL;
    }
    long long off = PyLong_AsLongLong(args[2]);
    if (off == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *fast = PySequence_Fast(args[1], reading ? "preadv2() arg 2 must be a sequence"
                                                      : "pwritev() arg 2 must be a sequence");
    if (fast == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast), done = 0;
    struct iovec *iov = PyMem_Calloc((size_t)n + 1, sizeof(struct iovec));
    Py_buffer *views = PyMem_Calloc((size_t)n + 1, sizeof(Py_buffer));
    PyObject *res = NULL;
    if (iov == NULL || views == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (; done < n; done++) {
        if (PyObject_GetBuffer(PySequence_Fast_GET_ITEM(fast, done), &views[done],
                               reading ? PyBUF_WRITABLE : PyBUF_SIMPLE) < 0) {
            goto done;
        }
        iov[done].iov_base = views[done].buf;
        iov[done].iov_len = (size_t)views[done].len;
    }
    ssize_t r;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = reading ? preadv2(fd, iov, (int)n, (off_t)off, flags)
                    : pwritev2(fd, iov, (int)n, (off_t)off, flags);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && should_retry());
    if (r < 0) {
        if (!PyErr_Occurred()) {
            pyrs_osutil_errno();
        }
    } else {
        res = PyLong_FromSsize_t(r);
    }
done:
    for (Py_ssize_t i = 0; views != NULL && i < done; i++) {
        PyBuffer_Release(&views[i]);
    }
    PyMem_Free(iov);
    PyMem_Free(views);
    Py_DECREF(fast);
    return res;
}

static PyObject *
posix_preadv(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return positional_vector(args, nargs, "preadv", 1);
}

static PyObject *
posix_pwritev(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return positional_vector(args, nargs, "pwritev", 0);
}

/* ---- extended attributes ---- */

typedef struct {
    PyObject *a[4]; /* path, attribute, value/flags..., follow_symlinks */
    PyrsPath path;  /* converted path (or fd) */
    PyObject *attr; /* FS-encoded attribute name (owned) or NULL */
    int follow;     /* follow_symlinks */
} XattrArgs;

static int
xattr_args(XattrArgs *x, const char *func, const char *const *names, int npos, int nreq,
           int attr_index, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    const PyrsArgSpec spec = {func, names, npos, nreq};
    x->attr = NULL;
    x->follow = 1;
    x->path = (PyrsPath){.function_name = func, .allow_fd = 1, .nullable = attr_index < 0};
    for (int i = 0; i < 4; i++) {
        x->a[i] = NULL;
    }
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, x->a) < 0 ||
        pyrs_osutil_path_init(&x->path, x->a[0]) < 0) {
        return -1;
    }
    if (attr_index >= 0 && !pyrs_osutil_fsconvert(x->a[attr_index], &x->attr)) {
        return -1;
    }
    int fi = 0;
    while (names[fi] != NULL) {
        fi++;
    }
    x->follow = pyrs_osutil_flag(x->a[fi - 1], 1);
    if (x->follow < 0) {
        return -1;
    }
    if (x->path.narrow == NULL && x->path.fd >= 0 && !x->follow) {
        PyErr_Format(PyExc_ValueError, "%s: cannot use fd and follow_symlinks together", func);
        return -1;
    }
    return 0;
}

static void
xattr_clear(XattrArgs *x)
{
    pyrs_osutil_path_clear(&x->path);
    Py_CLEAR(x->attr);
}

static PyObject *
posix_getxattr(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "attribute", "follow_symlinks", NULL};
    XattrArgs x;
    PyObject *res = NULL;
    if (xattr_args(&x, "getxattr", names, 2, 2, 1, args, nargs, kwnames) == 0) {
        char buf[65536];
        const char *an = PyBytes_AS_STRING(x.attr);
        ssize_t n = x.path.narrow == NULL ? fgetxattr(x.path.fd, an, buf, sizeof buf)
                    : x.follow            ? getxattr(x.path.narrow, an, buf, sizeof buf)
                                          : lgetxattr(x.path.narrow, an, buf, sizeof buf);
        res = n < 0 ? pyrs_osutil_path_error(&x.path) : PyBytes_FromStringAndSize(buf, n);
    }
    xattr_clear(&x);
    return res;
}

static PyObject *
posix_setxattr(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path",  "attribute",       "value",
                                        "flags", "follow_symlinks", NULL};
    XattrArgs x;
    PyObject *res = NULL, *extra[5] = {NULL, NULL, NULL, NULL, NULL};
    const PyrsArgSpec spec = {"setxattr", names, 4, 3};
    /* value and flags live past the four slots XattrArgs keeps; unpack them here first. */
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, extra) < 0) {
        return NULL;
    }
    x.attr = NULL;
    x.path = (PyrsPath){.function_name = "setxattr", .allow_fd = 1};
    int flags = 0, follow = pyrs_osutil_flag(extra[4], 1);
    Py_buffer view;
    view.obj = NULL;
    if (follow < 0 || pyrs_osutil_path_init(&x.path, extra[0]) < 0 ||
        !pyrs_osutil_fsconvert(extra[1], &x.attr) ||
        PyObject_GetBuffer(extra[2], &view, PyBUF_SIMPLE) < 0 ||
        (extra[3] != NULL && int_arg(extra[3], &flags) < 0)) {
        goto done;
    }
    const char *an = PyBytes_AS_STRING(x.attr);
    int r = x.path.narrow == NULL ? fsetxattr(x.path.fd, an, view.buf, (size_t)view.len, flags)
            : follow              ? setxattr(x.path.narrow, an, view.buf, (size_t)view.len, flags)
                                  : lsetxattr(x.path.narrow, an, view.buf, (size_t)view.len, flags);
    res = r != 0 ? pyrs_osutil_path_error(&x.path) : Py_NewRef(Py_None);
done:
    if (view.obj != NULL) {
        PyBuffer_Release(&view);
    }
    xattr_clear(&x);
    return res;
}

static PyObject *
posix_removexattr(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                  PyObject *kwnames)
{
    static const char *const names[] = {"path", "attribute", "follow_symlinks", NULL};
    XattrArgs x;
    PyObject *res = NULL;
    if (xattr_args(&x, "removexattr", names, 2, 2, 1, args, nargs, kwnames) == 0) {
        const char *an = PyBytes_AS_STRING(x.attr);
        int r = x.path.narrow == NULL ? fremovexattr(x.path.fd, an)
                : x.follow            ? removexattr(x.path.narrow, an)
                                      : lremovexattr(x.path.narrow, an);
        res = r != 0 ? pyrs_osutil_path_error(&x.path) : Py_NewRef(Py_None);
    }
    xattr_clear(&x);
    return res;
}

static PyObject *
posix_listxattr(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "follow_symlinks", NULL};
    XattrArgs x;
    PyObject *res = NULL;
    if (xattr_args(&x, "listxattr", names, 1, 0, -1, args, nargs, kwnames) == 0) {
        char buf[65536];
        const char *path = x.path.narrow != NULL || x.path.fd >= 0 ? x.path.narrow : ".";
        ssize_t n = path == NULL ? flistxattr(x.path.fd, buf, sizeof buf)
                    : x.follow   ? listxattr(path, buf, sizeof buf)
                                 : llistxattr(path, buf, sizeof buf);
        if (n < 0) {
            pyrs_osutil_path_error(&x.path);
        } else {
            res = PyList_New(0);
            for (ssize_t i = 0; res != NULL && i < n;) {
                size_t len = strlen(buf + i);
                PyObject *s = PyUnicode_DecodeFSDefaultAndSize(buf + i, (Py_ssize_t)len);
                if (s == NULL || PyList_Append(res, s) < 0) {
                    Py_CLEAR(res);
                }
                Py_XDECREF(s);
                i += (ssize_t)len + 1;
            }
        }
    }
    xattr_clear(&x);
    return res;
}

/* ---- pseudo-terminals ---- */

static PyObject *
posix_forkpty(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    int master = -1;
    fflush(NULL);
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    if (pid < 0) {
        return pyrs_osutil_errno();
    }
    if (pid == 0) {
        pyrs_signal_after_fork_child();
    }
    return Py_BuildValue("(ii)", (int)pid, master);
}

static PyObject *
posix_login_tty(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int fd = pyrs_osutil_fileno(arg);
    if (fd < 0) {
        return NULL;
    }
    return none_or_errno(login_tty(fd));
}

/* ---- sched_param ---- */

static PyTypeObject *sched_param_type;

static PyStructSequence_Field sched_param_fields[] = {
    {"sched_priority", "the scheduling priority"},
    {NULL, NULL},
};

static PyStructSequence_Desc sched_param_desc = {
    "posix.sched_param",
    "Currently has only one field: sched_priority",
    sched_param_fields,
    1,
};

static PyObject *
sched_param_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *const names[] = {"sched_priority", NULL};
    static const PyrsArgSpec spec = {"sched_param", names, 1, 1};
    PyObject *stack[2], *a[1], *kwnames = NULL;
    Py_ssize_t nargs = PyTuple_GET_SIZE(args), nkw = kwds != NULL ? PyDict_GET_SIZE(kwds) : 0;
    if (nargs + nkw > 1) {
        PyErr_Format(PyExc_TypeError, "sched_param() takes at most 1 argument (%zd given)",
                     nargs + nkw);
        return NULL;
    }
    if (nargs == 1) {
        stack[0] = PyTuple_GET_ITEM(args, 0);
    } else if (nkw == 1) {
        Py_ssize_t pos = 0;
        PyObject *k, *v;
        (void)PyDict_Next(kwds, &pos, &k, &v);
        stack[0] = v;
        kwnames = PyTuple_Pack(1, k);
        if (kwnames == NULL) {
            return NULL;
        }
    }
    int rc = pyrs_osutil_unpack(&spec, stack, nargs, kwnames, a);
    Py_XDECREF(kwnames);
    if (rc < 0) {
        return NULL;
    }
    PyObject *res = PyStructSequence_New(type);
    if (res != NULL) {
        PyStructSequence_SET_ITEM(res, 0, Py_NewRef(a[0]));
    }
    return res;
}

int
pyrs_posix_sched_param_from(PyObject *obj, struct sched_param *sp)
{
    if (!Py_IS_TYPE(obj, sched_param_type)) {
        PyErr_SetString(PyExc_TypeError, "must have a sched_param object");
        return -1;
    }
    int prio = _PyLong_AsInt(PyStructSequence_GET_ITEM(obj, 0));
    if (prio == -1 && PyErr_Occurred()) {
        return -1;
    }
    sp->sched_priority = prio;
    return 0;
}

static PyObject *
posix_sched_getparam(PyObject *Py_UNUSED(m), PyObject *arg)
{
    long pid = PyLong_AsLong(arg);
    if (pid == -1 && PyErr_Occurred()) {
        return NULL;
    }
    struct sched_param sp;
    if (sched_getparam((pid_t)pid, &sp) != 0) {
        return pyrs_osutil_errno();
    }
    PyObject *res = PyStructSequence_New(sched_param_type);
    PyObject *prio = res != NULL ? PyLong_FromLong(sp.sched_priority) : NULL;
    if (prio == NULL) {
        Py_XDECREF(res);
        return NULL;
    }
    PyStructSequence_SET_ITEM(res, 0, prio);
    return res;
}

static PyObject *
posix_sched_setparam(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    struct sched_param sp;
    if (!_PyArg_CheckPositional("sched_setparam", nargs, 2, 2)) {
        return NULL;
    }
    long pid = PyLong_AsLong(args[0]);
    if ((pid == -1 && PyErr_Occurred()) || pyrs_posix_sched_param_from(args[1], &sp) < 0) {
        return NULL;
    }
    return none_or_errno(sched_setparam((pid_t)pid, &sp));
}

static PyObject *
posix_sched_setscheduler(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    struct sched_param sp;
    int policy;
    if (!_PyArg_CheckPositional("sched_setscheduler", nargs, 3, 3)) {
        return NULL;
    }
    long pid = PyLong_AsLong(args[0]);
    if ((pid == -1 && PyErr_Occurred()) || int_arg(args[1], &policy) < 0 ||
        pyrs_posix_sched_param_from(args[2], &sp) < 0) {
        return NULL;
    }
    return none_or_errno(sched_setscheduler((pid_t)pid, policy, &sp) < 0 ? -1 : 0);
}

static PyObject *
posix_sched_rr_get_interval(PyObject *Py_UNUSED(m), PyObject *arg)
{
    long pid = PyLong_AsLong(arg);
    if (pid == -1 && PyErr_Occurred()) {
        return NULL;
    }
    struct timespec ts;
    if (sched_rr_get_interval((pid_t)pid, &ts) != 0) {
        return pyrs_osutil_errno();
    }
    return PyFloat_FromDouble((double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec);
}

#define KW (METH_FASTCALL | METH_KEYWORDS)

PyMethodDef pyrs_posix_linux_methods[] = {
    {"lockf", PYRS_FASTCALL(posix_lockf), METH_FASTCALL, "lockf(fd, command, length)."},
    {"setpgrp", posix_setpgrp, METH_NOARGS, "Make this process a process group leader."},
    {"tcgetpgrp", posix_tcgetpgrp, METH_O, "The foreground process group of a terminal."},
    {"tcsetpgrp", PYRS_FASTCALL(posix_tcsetpgrp), METH_FASTCALL, "Set the foreground group."},
    {"getrandom", PYRS_FASTCALL(posix_getrandom), KW, "Random bytes from the kernel."},
    {"sched_getaffinity", posix_sched_getaffinity, METH_O, "The CPUs a process may run on."},
    {"sched_setaffinity", PYRS_FASTCALL(posix_sched_setaffinity), METH_FASTCALL,
     "Restrict a process to a set of CPUs."},
    {"sched_get_priority_max", PYRS_FASTCALL(posix_sched_get_priority_max), KW,
     "The highest priority of a scheduling policy."},
    {"sched_get_priority_min", PYRS_FASTCALL(posix_sched_get_priority_min), KW,
     "The lowest priority of a scheduling policy."},
    {"sched_getscheduler", posix_sched_getscheduler, METH_O, "The scheduling policy of a pid."},
    {"sched_getparam", posix_sched_getparam, METH_O, "The scheduling parameters of a pid."},
    {"sched_setparam", PYRS_FASTCALL(posix_sched_setparam), METH_FASTCALL,
     "Set the scheduling parameters of a pid."},
    {"sched_setscheduler", PYRS_FASTCALL(posix_sched_setscheduler), METH_FASTCALL,
     "Set the scheduling policy and parameters of a pid."},
    {"sched_rr_get_interval", posix_sched_rr_get_interval, METH_O,
     "The round-robin quantum of a pid, in seconds."},
    {"pidfd_open", PYRS_FASTCALL(posix_pidfd_open), KW, "A file descriptor for a process."},
    {"eventfd_read", PYRS_FASTCALL(posix_eventfd_read), KW, "Read an eventfd counter."},
    {"eventfd_write", PYRS_FASTCALL(posix_eventfd_write), KW, "Add to an eventfd counter."},
    {"copy_file_range", PYRS_FASTCALL(posix_copy_file_range), KW,
     "Copy a range of bytes between descriptors."},
    {"splice", PYRS_FASTCALL(posix_splice), KW, "Move data between a pipe and a descriptor."},
    {"preadv", PYRS_FASTCALL(posix_preadv), METH_FASTCALL, "Read into buffers at an offset."},
    {"pwritev", PYRS_FASTCALL(posix_pwritev), METH_FASTCALL, "Write buffers at an offset."},
    {"getxattr", PYRS_FASTCALL(posix_getxattr), KW, "An extended attribute's value."},
    {"setxattr", PYRS_FASTCALL(posix_setxattr), KW, "Set an extended attribute."},
    {"removexattr", PYRS_FASTCALL(posix_removexattr), KW, "Remove an extended attribute."},
    {"listxattr", PYRS_FASTCALL(posix_listxattr), KW, "The extended attributes of a path."},
    {"forkpty", posix_forkpty, METH_NOARGS, "Fork with a new pseudo-terminal: (pid, fd)."},
    {"login_tty", posix_login_tty, METH_O, "Make fd the controlling terminal and stdio."},
    {NULL, NULL, 0, NULL},
};

static const PyrsIntConst memfd_constants[] = {
    {"MFD_HUGETLB", MFD_HUGETLB},           {"MFD_HUGE_SHIFT", MFD_HUGE_SHIFT},
    {"MFD_HUGE_MASK", MFD_HUGE_MASK},       {"MFD_HUGE_64KB", MFD_HUGE_64KB},
    {"MFD_HUGE_512KB", MFD_HUGE_512KB},     {"MFD_HUGE_1MB", MFD_HUGE_1MB},
    {"MFD_HUGE_2MB", MFD_HUGE_2MB},         {"MFD_HUGE_8MB", MFD_HUGE_8MB},
    {"MFD_HUGE_16MB", MFD_HUGE_16MB},       {"MFD_HUGE_32MB", MFD_HUGE_32MB},
    {"MFD_HUGE_256MB", MFD_HUGE_256MB},     {"MFD_HUGE_512MB", MFD_HUGE_512MB},
    {"MFD_HUGE_1GB", MFD_HUGE_1GB},         {"MFD_HUGE_2GB", MFD_HUGE_2GB},
    {"MFD_HUGE_16GB", (long)MFD_HUGE_16GB}, {NULL, 0},
};

int
pyrs_posix_linux_init(PyObject *m)
{
    if (sched_param_type == NULL) {
        sched_param_type = PyStructSequence_NewType(&sched_param_desc);
        if (sched_param_type == NULL) {
            return -1;
        }
        sched_param_type->tp_new = sched_param_new;
    }
    if (PyModule_AddObjectRef(m, "sched_param", (PyObject *)sched_param_type) < 0) {
        return -1;
    }
    return pyrs_osutil_add_ints(m, memfd_constants);
}
