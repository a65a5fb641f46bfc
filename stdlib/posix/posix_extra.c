/* stdlib/posix/posix_extra.c: the less common posix functions: device numbers, lchown/fchown,
 * fchdir, statvfs/fstatvfs (os.statvfs_result), readv/writev, sendfile, ttyname/openpty/
 * ctermid, priorities, sync, wait3/wait4 (resource.struct_rusage) and waitid
 * (posix.waitid_result), real/effective/saved ids, groups, chroot, mknod, posix_fallocate/
 * posix_fadvise, memfd_create, eventfd. Behaviour and messages follow CPython 3.11. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pty.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ossignal.h"
#include "posix.h"

static PyTypeObject *statvfs_result_type;
static PyTypeObject *waitid_result_type;

static int
int_arg(PyObject *obj, int *out)
{
    *out = pyrs_osutil_as_int(obj);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

static int
long_arg(PyObject *obj, long *out)
{
    *out = PyLong_AsLong(obj);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

static int
should_retry(void)
{
    return errno == EINTR && pyrs_signal_run_handlers() == 0;
}

/* ---- device numbers ---- */

static int
dev_arg(PyObject *obj, dev_t *out)
{
    unsigned long long v = PyLong_AsUnsignedLongLong(obj);
    if (v == (unsigned long long)-1 && PyErr_Occurred()) {
        return -1;
    }
    *out = (dev_t)v;
    return 0;
}

static PyObject *
posix_major(PyObject *Py_UNUSED(m), PyObject *arg)
{
    dev_t d;
    return dev_arg(arg, &d) < 0 ? NULL : PyLong_FromUnsignedLong(major(d));
}

static PyObject *
posix_minor(PyObject *Py_UNUSED(m), PyObject *arg)
{
    dev_t d;
    return dev_arg(arg, &d) < 0 ? NULL : PyLong_FromUnsignedLong(minor(d));
}

static PyObject *
posix_makedev(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int ma, mi;
    if (!_PyArg_CheckPositional("makedev", nargs, 2, 2) || int_arg(args[0], &ma) < 0 ||
        int_arg(args[1], &mi) < 0) {
        return NULL;
    }
    return PyLong_FromUnsignedLongLong((unsigned long long)makedev(ma, mi));
}

/* ---- ownership, directories ---- */

static PyObject *
posix_lchown(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "uid", "gid", NULL};
    static const PyrsArgSpec spec = {"lchown", names, 3, 3};
    PyObject *a[3], *res = NULL;
    PyrsPath p = {.function_name = "lchown"};
    unsigned int uid, gid;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 || pyrs_osutil_id(a[1], "uid", &uid) < 0 ||
        pyrs_osutil_id(a[2], "gid", &gid) < 0) {
        goto done;
    }
    res = lchown(p.narrow, uid, gid) != 0 ? pyrs_osutil_path_error(&p) : Py_NewRef(Py_None);
done:
    pyrs_osutil_path_clear(&p);
    return res;
}

static PyObject *
posix_fchown(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"fd", "uid", "gid", NULL};
    static const PyrsArgSpec spec = {"fchown", names, 3, 3};
    PyObject *a[3];
    int fd;
    unsigned int uid, gid;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 || int_arg(a[0], &fd) < 0 ||
        pyrs_osutil_id(a[1], "uid", &uid) < 0 || pyrs_osutil_id(a[2], "gid", &gid) < 0) {
        return NULL;
    }
    if (fchown(fd, uid, gid) != 0) {
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_fchdir(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int fd = pyrs_osutil_fileno(arg);
    if (fd < 0) {
        return NULL;
    }
    if (fchdir(fd) != 0) {
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_chroot(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", NULL};
    static const PyrsArgSpec spec = {"chroot", names, 1, 1};
    PyObject *a[1], *res = NULL;
    PyrsPath p = {.function_name = "chroot"};
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) == 0 &&
        pyrs_osutil_path_init(&p, a[0]) == 0) {
        res = chroot(p.narrow) != 0 ? pyrs_osutil_path_error(&p) : Py_NewRef(Py_None);
    }
    pyrs_osutil_path_clear(&p);
    return res;
}

static PyObject *
posix_mknod(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "mode", "device", "dir_fd", NULL};
    static const PyrsArgSpec spec = {"mknod", names, 3, 1};
    PyObject *a[4], *res = NULL;
    PyrsPath p = {.function_name = "mknod"};
    int mode = 0600, dir_fd;
    dev_t dev = 0;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 || (a[1] != NULL && int_arg(a[1], &mode) < 0) ||
        (a[2] != NULL && dev_arg(a[2], &dev) < 0) || pyrs_osutil_dir_fd(a[3], &dir_fd) < 0) {
        goto done;
    }
    res = mknodat(dir_fd, p.narrow, (mode_t)mode, dev) != 0 ? pyrs_osutil_path_error(&p)
                                                            : Py_NewRef(Py_None);
done:
    pyrs_osutil_path_clear(&p);
    return res;
}

/* ---- statvfs ---- */

static PyObject *
statvfs_result(const struct statvfs *st)
{
    PyObject *res = PyStructSequence_New(statvfs_result_type);
    if (res == NULL) {
        return NULL;
    }
    unsigned long long v[11] = {st->f_bsize,  st->f_frsize,  st->f_blocks, st->f_bfree,
                                st->f_bavail, st->f_files,   st->f_ffree,  st->f_favail,
                                st->f_flag,   st->f_namemax, st->f_fsid};
    int failed = 0;
    for (int i = 0; i < 11; i++) {
        PyObject *o = PyLong_FromUnsignedLongLong(v[i]);
        failed |= o == NULL;
        PyStructSequence_SET_ITEM(res, i, o != NULL ? o : Py_NewRef(Py_None));
    }
    if (failed) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

static PyObject *
posix_statvfs(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", NULL};
    static const PyrsArgSpec spec = {"statvfs", names, 1, 1};
    PyObject *a[1], *res = NULL;
    PyrsPath p = {.function_name = "statvfs", .allow_fd = 1};
    struct statvfs st;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) == 0 &&
        pyrs_osutil_path_init(&p, a[0]) == 0) {
        int r = p.narrow != NULL ? statvfs(p.narrow, &st) : fstatvfs(p.fd, &st);
        res = r != 0 ? pyrs_osutil_path_error(&p) : statvfs_result(&st);
    }
    pyrs_osutil_path_clear(&p);
    return res;
}

static PyObject *
posix_fstatvfs(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int fd;
    struct statvfs st;
    if (int_arg(arg, &fd) < 0) {
        return NULL;
    }
    if (fstatvfs(fd, &st) != 0) {
        return pyrs_osutil_errno();
    }
    return statvfs_result(&st);
}

/* ---- vectored and zero-copy I/O ---- */

/* Fills IOV from the sequence of buffers SEQ; VIEWS must be released by the caller. The count,
 * or -1. */
static Py_ssize_t
iov_from(PyObject *seq, struct iovec **iov, Py_buffer **views, int writable)
{
    PyObject *fast = PySequence_Fast(seq, "readv() arg 2 must be a sequence");
    if (fast == NULL) {
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast), i;
    *iov = PyMem_Calloc((size_t)n + 1, sizeof(struct iovec));
    *views = PyMem_Calloc((size_t)n + 1, sizeof(Py_buffer));
    if (*iov == NULL || *views == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    for (i = 0; i < n; i++) {
        if (PyObject_GetBuffer(PySequence_Fast_GET_ITEM(fast, i), &(*views)[i],
                               writable ? PyBUF_WRITABLE : PyBUF_SIMPLE) < 0) {
            break;
        }
        (*iov)[i].iov_base = (*views)[i].buf;
        (*iov)[i].iov_len = (size_t)(*views)[i].len;
    }
    Py_DECREF(fast);
    if (i < n) {
        while (i-- > 0) {
            PyBuffer_Release(&(*views)[i]);
        }
        return -1;
    }
    return n;
}

static void
iov_release(struct iovec *iov, Py_buffer *views, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        PyBuffer_Release(&views[i]);
    }
    PyMem_Free(iov);
    PyMem_Free(views);
}

static PyObject *
vector_io(PyObject *const *args, Py_ssize_t nargs, const char *name, int reading)
{
    int fd;
    if (!_PyArg_CheckPositional(name, nargs, 2, 2) || int_arg(args[0], &fd) < 0) {
        return NULL;
    }
    struct iovec *iov = NULL;
    Py_buffer *views = NULL;
    Py_ssize_t n = iov_from(args[1], &iov, &views, reading);
    if (n < 0) {
        PyMem_Free(iov);
        PyMem_Free(views);
        return NULL;
    }
    ssize_t r;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = reading ? readv(fd, iov, (int)n) : writev(fd, iov, (int)n);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && should_retry());
    iov_release(iov, views, n);
    if (r < 0) {
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    return PyLong_FromSsize_t(r);
}

static PyObject *
posix_readv(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return vector_io(args, nargs, "readv", 1);
}

static PyObject *
posix_writev(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return vector_io(args, nargs, "writev", 0);
}

static PyObject *
posix_sendfile(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"out_fd", "in_fd", "offset", "count", NULL};
    static const PyrsArgSpec spec = {"sendfile", names, 4, 4};
    PyObject *a[4];
    int out_fd, in_fd;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 || int_arg(a[0], &out_fd) < 0 ||
        int_arg(a[1], &in_fd) < 0) {
        return NULL;
    }
    Py_ssize_t count = PyNumber_AsSsize_t(a[3], PyExc_OverflowError);
    if (count == -1 && PyErr_Occurred()) {
        return NULL;
    }
    off_t off = 0, *offp = NULL;
    if (a[2] != Py_None) {
        long long v = PyLong_AsLongLong(a[2]);
        if (v == -1 && PyErr_Occurred()) {
            return NULL;
        }
        off = (off_t)v;
        offp = &off;
    }
    ssize_t r;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = sendfile(out_fd, in_fd, offp, (size_t)count);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && should_retry());
    if (r < 0) {
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    return PyLong_FromSsize_t(r);
}

/* ---- terminals ---- */

static PyObject *
posix_ttyname(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int fd;
    char buf[256];
    if (int_arg(arg, &fd) < 0) {
        return NULL;
    }
    int err = ttyname_r(fd, buf, sizeof buf);
    if (err != 0) {
        errno = err;
        return pyrs_osutil_errno();
    }
    return PyUnicode_DecodeFSDefault(buf);
}

static PyObject *
posix_openpty(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    int master, slave;
    if (openpty(&master, &slave, NULL, NULL, NULL) != 0) {
        return pyrs_osutil_errno();
    }
    (void)fcntl(master, F_SETFD, FD_CLOEXEC);
    (void)fcntl(slave, F_SETFD, FD_CLOEXEC);
    return Py_BuildValue("(ii)", master, slave);
}

static PyObject *
posix_ctermid(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    char buf[L_ctermid];
    const char *s = ctermid(buf);
    if (s == NULL) {
        return pyrs_osutil_errno();
    }
    return PyUnicode_DecodeFSDefault(buf);
}

/* ---- priorities, sync ---- */

static PyObject *
posix_getpriority(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int which, who;
    if (!_PyArg_CheckPositional("getpriority", nargs, 2, 2) || int_arg(args[0], &which) < 0 ||
        int_arg(args[1], &who) < 0) {
        return NULL;
    }
    errno = 0;
    int r = getpriority((__priority_which_t)which, (id_t)who);
    if (r == -1 && errno != 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLong(r);
}

static PyObject *
posix_setpriority(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int which, who, prio;
    if (!_PyArg_CheckPositional("setpriority", nargs, 3, 3) || int_arg(args[0], &which) < 0 ||
        int_arg(args[1], &who) < 0 || int_arg(args[2], &prio) < 0) {
        return NULL;
    }
    if (setpriority((__priority_which_t)which, (id_t)who, prio) != 0) {
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_sync(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    sync();
    Py_RETURN_NONE;
}

/* ---- wait3/wait4/waitid ---- */

static PyObject *
rusage_object(const struct rusage *ru)
{
    PyObject *mod = PyImport_ImportModule("resource");
    PyObject *type = mod != NULL ? PyObject_GetAttrString(mod, "struct_rusage") : NULL;
    Py_XDECREF(mod);
    if (type == NULL) {
        return NULL;
    }
    PyObject *tuple = Py_BuildValue(
        "((ddllllllllllllll))", (double)ru->ru_utime.tv_sec + ru->ru_utime.tv_usec * 1e-6,
        (double)ru->ru_stime.tv_sec + ru->ru_stime.tv_usec * 1e-6, ru->ru_maxrss, ru->ru_ixrss,
        ru->ru_idrss, ru->ru_isrss, ru->ru_minflt, ru->ru_majflt, ru->ru_nswap, ru->ru_inblock,
        ru->ru_oublock, ru->ru_msgsnd, ru->ru_msgrcv, ru->ru_nsignals, ru->ru_nvcsw, ru->ru_nivcsw);
    PyObject *res = tuple != NULL ? PyObject_Call(type, tuple, NULL) : NULL;
    Py_XDECREF(tuple);
    Py_DECREF(type);
    return res;
}

static PyObject *
wait_rusage(pid_t pid, int options)
{
    int status = 0;
    struct rusage ru;
    pid_t r;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = wait4(pid, &status, options, &ru);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && should_retry());
    if (r < 0) {
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    PyObject *rus = rusage_object(&ru);
    if (rus == NULL) {
        return NULL;
    }
    PyObject *res = Py_BuildValue("(iiN)", (int)r, status, rus);
    return res;
}

static PyObject *
posix_wait3(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"options", NULL};
    static const PyrsArgSpec spec = {"wait3", names, 1, 1};
    PyObject *a[1];
    int options;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 || int_arg(a[0], &options) < 0) {
        return NULL;
    }
    return wait_rusage(-1, options);
}

static PyObject *
posix_wait4(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"pid", "options", NULL};
    static const PyrsArgSpec spec = {"wait4", names, 2, 2};
    PyObject *a[2];
    long pid;
    int options;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 || long_arg(a[0], &pid) < 0 ||
        int_arg(a[1], &options) < 0) {
        return NULL;
    }
    return wait_rusage((pid_t)pid, options);
}

static PyObject *
posix_waitid(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int idtype, options;
    long id;
    if (!_PyArg_CheckPositional("waitid", nargs, 3, 3) || int_arg(args[0], &idtype) < 0 ||
        long_arg(args[1], &id) < 0 || int_arg(args[2], &options) < 0) {
        return NULL;
    }
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int r;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = waitid((idtype_t)idtype, (id_t)id, &si, options);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && should_retry());
    if (r < 0) {
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    if (si.si_pid == 0) {
        Py_RETURN_NONE;
    }
    PyObject *res = PyStructSequence_New(waitid_result_type);
    if (res == NULL) {
        return NULL;
    }
    long v[5] = {si.si_pid, (long)si.si_uid, si.si_signo, si.si_status, si.si_code};
    int failed = 0;
    for (int i = 0; i < 5; i++) {
        PyObject *o = PyLong_FromLong(v[i]);
        failed |= o == NULL;
        PyStructSequence_SET_ITEM(res, i, o != NULL ? o : Py_NewRef(Py_None));
    }
    if (failed) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

/* ---- ids and groups ---- */

static PyObject *
triple(unsigned int a, unsigned int b, unsigned int c)
{
    return Py_BuildValue("(kkk)", (unsigned long)a, (unsigned long)b, (unsigned long)c);
}

static PyObject *
posix_getresuid(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) != 0) {
        return pyrs_osutil_errno();
    }
    return triple(r, e, s);
}

static PyObject *
posix_getresgid(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    gid_t r, e, s;
    if (getresgid(&r, &e, &s) != 0) {
        return pyrs_osutil_errno();
    }
    return triple(r, e, s);
}

static PyObject *
set_ids(PyObject *const *args, Py_ssize_t nargs, const char *name, int n, int group)
{
    unsigned int v[3];
    if (!_PyArg_CheckPositional(name, nargs, n, n)) {
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        if (pyrs_osutil_id(args[i], group ? "gid" : "uid", &v[i]) < 0) {
            return NULL;
        }
    }
    int r;
    if (n == 2) {
        r = group ? setregid(v[0], v[1]) : setreuid(v[0], v[1]);
    } else {
        r = group ? setresgid(v[0], v[1], v[2]) : setresuid(v[0], v[1], v[2]);
    }
    if (r != 0) {
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_setreuid(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return set_ids(args, nargs, "setreuid", 2, 0);
}

static PyObject *
posix_setregid(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return set_ids(args, nargs, "setregid", 2, 1);
}

static PyObject *
posix_setresuid(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return set_ids(args, nargs, "setresuid", 3, 0);
}

static PyObject *
posix_setresgid(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return set_ids(args, nargs, "setresgid", 3, 1);
}

static PyObject *
posix_setgroups(PyObject *Py_UNUSED(m), PyObject *arg)
{
    PyObject *fast = PySequence_Fast(arg, "setgroups argument must be a sequence");
    if (fast == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    gid_t *groups = PyMem_Calloc((size_t)n + 1, sizeof(gid_t));
    PyObject *res = NULL;
    if (groups == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned int g;
        PyObject *item = PySequence_Fast_GET_ITEM(fast, i);
        if (!PyLong_Check(item)) {
            PyErr_SetString(PyExc_TypeError, "groups must be integers");
            goto done;
        }
        if (pyrs_osutil_id(item, "gid", &g) < 0) {
            goto done;
        }
        groups[i] = (gid_t)g;
    }
    res = setgroups((size_t)n, groups) != 0 ? pyrs_osutil_errno() : Py_NewRef(Py_None);
done:
    PyMem_Free(groups);
    Py_DECREF(fast);
    return res;
}

static PyObject *
posix_getgrouplist(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    unsigned int base;
    if (!_PyArg_CheckPositional("getgrouplist", nargs, 2, 2)) {
        return NULL;
    }
    if (!PyUnicode_Check(args[0])) {
        PyErr_Format(PyExc_TypeError, "getgrouplist() argument 1 must be str, not %.50s",
                     Py_TYPE(args[0])->tp_name);
        return NULL;
    }
    const char *user = PyUnicode_AsUTF8(args[0]);
    if (user == NULL || pyrs_osutil_id(args[1], "gid", &base) < 0) {
        return NULL;
    }
    int n = 64;
    for (;;) {
        gid_t *groups = PyMem_Calloc((size_t)n, sizeof(gid_t));
        if (groups == NULL) {
            return PyErr_NoMemory();
        }
        int got = n;
        if (getgrouplist(user, (gid_t)base, groups, &got) >= 0) {
            PyObject *list = PyList_New(got);
            for (int i = 0; list != NULL && i < got; i++) {
                PyObject *g = PyLong_FromUnsignedLong(groups[i]);
                if (g == NULL) {
                    Py_CLEAR(list);
                    break;
                }
                PyList_SET_ITEM(list, i, g);
            }
            PyMem_Free(groups);
            return list;
        }
        PyMem_Free(groups);
        n = got > n ? got : n * 2;
    }
}

static PyObject *
posix_initgroups(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    unsigned int gid;
    PyObject *name = NULL;
    if (!_PyArg_CheckPositional("initgroups", nargs, 2, 2) ||
        !pyrs_osutil_fsconvert(args[0], &name)) {
        return NULL;
    }
    if (pyrs_osutil_id(args[1], "gid", &gid) < 0) {
        Py_DECREF(name);
        return NULL;
    }
    int r = initgroups(PyBytes_AS_STRING(name), (gid_t)gid);
    Py_DECREF(name);
    if (r != 0) {
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

/* ---- allocation hints, memfd, eventfd ---- */

static PyObject *
fd_range_call(PyObject *const *args, Py_ssize_t nargs, const char *name, int advise)
{
    int fd, advice = 0;
    long long off, len;
    if (!_PyArg_CheckPositional(name, nargs, advise ? 4 : 3, advise ? 4 : 3) ||
        int_arg(args[0], &fd) < 0) {
        return NULL;
    }
    off = PyLong_AsLongLong(args[1]);
    len = off == -1 && PyErr_Occurred() ? -1 : PyLong_AsLongLong(args[2]);
    if (PyErr_Occurred() || (advise && int_arg(args[3], &advice) < 0)) {
        return NULL;
    }
    int err;
    do {
        Py_BEGIN_ALLOW_THREADS;
        err = advise ? posix_fadvise(fd, (off_t)off, (off_t)len, advice)
                     : posix_fallocate(fd, (off_t)off, (off_t)len);
        Py_END_ALLOW_THREADS;
    } while (err == EINTR && pyrs_signal_run_handlers() == 0);
    if (err != 0) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        errno = err;
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_posix_fallocate(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return fd_range_call(args, nargs, "posix_fallocate", 0);
}

static PyObject *
posix_posix_fadvise(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return fd_range_call(args, nargs, "posix_fadvise", 1);
}

static PyObject *
posix_memfd_create(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames)
{
    static const char *const names[] = {"name", "flags", NULL};
    static const PyrsArgSpec spec = {"memfd_create", names, 2, 1};
    PyObject *a[2], *name = NULL;
    int flags = MFD_CLOEXEC;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        (a[1] != NULL && int_arg(a[1], &flags) < 0) || !pyrs_osutil_fsconvert(a[0], &name)) {
        return NULL;
    }
    int fd = memfd_create(PyBytes_AS_STRING(name), (unsigned int)flags);
    Py_DECREF(name);
    if (fd < 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLong(fd);
}

static PyObject *
posix_eventfd(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"initval", "flags", NULL};
    static const PyrsArgSpec spec = {"eventfd", names, 2, 1};
    PyObject *a[2];
    int flags = EFD_CLOEXEC;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    unsigned long v = PyLong_AsUnsignedLong(a[0]);
    if ((v == (unsigned long)-1 && PyErr_Occurred()) ||
        (a[1] != NULL && int_arg(a[1], &flags) < 0)) {
        return NULL;
    }
    int fd = eventfd((unsigned int)v, flags);
    if (fd < 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLong(fd);
}

#define KW (METH_FASTCALL | METH_KEYWORDS)

PyMethodDef pyrs_posix_extra_methods[] = {
    {"major", posix_major, METH_O, "The major number of a device."},
    {"minor", posix_minor, METH_O, "The minor number of a device."},
    {"makedev", PYRS_FASTCALL(posix_makedev), METH_FASTCALL, "A device number from parts."},
    {"lchown", PYRS_FASTCALL(posix_lchown), KW, "chown without following symlinks."},
    {"fchown", PYRS_FASTCALL(posix_fchown), KW, "chown of an open file."},
    {"fchdir", posix_fchdir, METH_O, "Change to the directory of an open descriptor."},
    {"chroot", PYRS_FASTCALL(posix_chroot), KW, "Change the root directory."},
    {"mknod", PYRS_FASTCALL(posix_mknod), KW, "Create a file system node."},
    {"statvfs", PYRS_FASTCALL(posix_statvfs), KW, "File system statistics of a path."},
    {"fstatvfs", posix_fstatvfs, METH_O, "File system statistics of an open file."},
    {"readv", PYRS_FASTCALL(posix_readv), METH_FASTCALL, "Read into several buffers."},
    {"writev", PYRS_FASTCALL(posix_writev), METH_FASTCALL, "Write several buffers."},
    {"sendfile", PYRS_FASTCALL(posix_sendfile), KW, "Copy between descriptors in the kernel."},
    {"ttyname", posix_ttyname, METH_O, "The terminal device of a descriptor."},
    {"openpty", posix_openpty, METH_NOARGS, "A new pseudo-terminal: (master, slave)."},
    {"ctermid", posix_ctermid, METH_NOARGS, "The controlling terminal's file name."},
    {"getpriority", PYRS_FASTCALL(posix_getpriority), METH_FASTCALL, "A scheduling priority."},
    {"setpriority", PYRS_FASTCALL(posix_setpriority), METH_FASTCALL, "Set a priority."},
    {"sync", posix_sync, METH_NOARGS, "Flush file system buffers."},
    {"wait3", PYRS_FASTCALL(posix_wait3), KW, "Wait for a child: (pid, status, rusage)."},
    {"wait4", PYRS_FASTCALL(posix_wait4), KW, "Wait for a given child with its rusage."},
    {"waitid", PYRS_FASTCALL(posix_waitid), METH_FASTCALL, "Wait for a child: waitid_result."},
    {"getresuid", posix_getresuid, METH_NOARGS, "(ruid, euid, suid)."},
    {"getresgid", posix_getresgid, METH_NOARGS, "(rgid, egid, sgid)."},
    {"setreuid", PYRS_FASTCALL(posix_setreuid), METH_FASTCALL, "Set real and effective uids."},
    {"setregid", PYRS_FASTCALL(posix_setregid), METH_FASTCALL, "Set real and effective gids."},
    {"setresuid", PYRS_FASTCALL(posix_setresuid), METH_FASTCALL, "Set real/effective/saved uid."},
    {"setresgid", PYRS_FASTCALL(posix_setresgid), METH_FASTCALL, "Set real/effective/saved gid."},
    {"setgroups", posix_setgroups, METH_O, "Set the supplemental groups."},
    {"getgrouplist", PYRS_FASTCALL(posix_getgrouplist), METH_FASTCALL, "A user's groups."},
    {"initgroups", PYRS_FASTCALL(posix_initgroups), METH_FASTCALL, "Initialise the groups."},
    {"posix_fallocate", PYRS_FASTCALL(posix_posix_fallocate), METH_FASTCALL,
     "Reserve disk space for a file."},
    {"posix_fadvise", PYRS_FASTCALL(posix_posix_fadvise), METH_FASTCALL,
     "Announce an access pattern."},
    {"memfd_create", PYRS_FASTCALL(posix_memfd_create), KW, "An anonymous memory file."},
    {"eventfd", PYRS_FASTCALL(posix_eventfd), KW, "An event notification descriptor."},
    {NULL, NULL, 0, NULL},
};

static PyStructSequence_Field statvfs_fields[] = {
    {"f_bsize", NULL},  {"f_frsize", NULL},  {"f_blocks", NULL}, {"f_bfree", NULL},
    {"f_bavail", NULL}, {"f_files", NULL},   {"f_ffree", NULL},  {"f_favail", NULL},
    {"f_flag", NULL},   {"f_namemax", NULL}, {"f_fsid", NULL},   {NULL, NULL},
};

static PyStructSequence_Desc statvfs_desc = {
    "os.statvfs_result",
    "statvfs_result: Result from statvfs or fstatvfs.",
    statvfs_fields,
    10,
};

static PyStructSequence_Field waitid_fields[] = {
    {"si_pid", NULL},    {"si_uid", NULL},  {"si_signo", NULL},
    {"si_status", NULL}, {"si_code", NULL}, {NULL, NULL},
};

static PyStructSequence_Desc waitid_desc = {
    "posix.waitid_result",
    "waitid_result: Result from waitid.",
    waitid_fields,
    5,
};

int
pyrs_posix_extra_init(PyObject *m)
{
    if (statvfs_result_type == NULL) {
        statvfs_result_type = PyStructSequence_NewType(&statvfs_desc);
        waitid_result_type = PyStructSequence_NewType(&waitid_desc);
        if (statvfs_result_type == NULL || waitid_result_type == NULL) {
            return -1;
        }
    }
    if (PyModule_AddObjectRef(m, "statvfs_result", (PyObject *)statvfs_result_type) < 0 ||
        PyModule_AddObjectRef(m, "waitid_result", (PyObject *)waitid_result_type) < 0) {
        return -1;
    }
    static const PyrsIntConst waitid_consts[] = {
        {"P_PID", P_PID}, {"P_PGID", P_PGID}, {"P_ALL", P_ALL}, {"P_PIDFD", 3}, {NULL, 0},
    };
    return pyrs_osutil_add_ints(m, waitid_consts);
}
