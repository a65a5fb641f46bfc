/* stdlib/posix/posix_fs.c: posix functions on paths: stat/lstat/fstat and os.stat_result,
 * directories (getcwd, chdir, mkdir, rmdir, listdir), names (unlink, rename, link, symlink,
 * readlink), metadata (chmod, chown, utime, access, truncate). Arguments, dir_fd and
 * follow_symlinks rules, results and errors follow CPython 3.11's posixmodule.c. */
#define _GNU_SOURCE 1
#include "posix.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>

static PyTypeObject *stat_result_type;
static newfunc structseq_new; /* the generic tp_new our stat_result_new extends */

static PyStructSequence_Field stat_result_fields[] = {
    {"st_mode", "protection bits"},
    {"st_ino", "inode"},
    {"st_dev", "device"},
    {"st_nlink", "number of hard links"},
    {"st_uid", "user ID of owner"},
    {"st_gid", "group ID of owner"},
    {"st_size", "total size, in bytes"},
    {NULL, "integer time of last access"},
    {NULL, "integer time of last modification"},
    {NULL, "integer time of last change"},
    {"st_atime", "time of last access"},
    {"st_mtime", "time of last modification"},
    {"st_ctime", "time of last change"},
    {"st_atime_ns", "time of last access in nanoseconds"},
    {"st_mtime_ns", "time of last modification in nanoseconds"},
    {"st_ctime_ns", "time of last change in nanoseconds"},
    {"st_blksize", "blocksize for filesystem I/O"},
    {"st_blocks", "number of blocks allocated"},
    {"st_rdev", "device type (if inode device)"},
    {NULL, NULL},
};

static PyStructSequence_Desc stat_result_desc = {
    "os.stat_result",
    "stat_result: Result from stat, fstat, or lstat.\n\n"
    "Fields are accessible as a 10-tuple (mode, ino, dev, nlink, uid, gid, size,\n"
    "atime, mtime, ctime) or as attributes st_mode, st_ino, ...",
    stat_result_fields,
    10,
};

/* The float time fields default to the integer ones when constructed from a 10-tuple. */
static PyObject *
stat_result_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *res = structseq_new(type, args, kwds);
    if (res == NULL) {
        return NULL;
    }
    for (int i = 7; i <= 9; i++) {
        if (PyStructSequence_GET_ITEM(res, i + 3) == Py_None) {
            PyObject *v = PyStructSequence_GET_ITEM(res, i);
            Py_INCREF(v);
            Py_SETREF(((PyTupleObject *)res)->ob_item[i + 3], v);
        }
    }
    return res;
}

static void
put(PyObject *res, int i, PyObject *v, int *failed)
{
    if (v == NULL) {
        *failed = 1;
        v = Py_NewRef(Py_None);
    }
    PyStructSequence_SET_ITEM(res, i, v);
}

static void
put_time(PyObject *res, int i, time_t sec, long nsec, int *failed)
{
    put(res, 7 + i, PyLong_FromLongLong((long long)sec), failed);
    put(res, 10 + i, PyFloat_FromDouble((double)sec + (double)nsec * 1e-9), failed);
    PyObject *ns = NULL, *big = PyLong_FromLongLong((long long)sec);
    PyObject *billion = PyLong_FromLong(1000000000L), *frac = PyLong_FromLong(nsec);
    if (big != NULL && billion != NULL && frac != NULL) {
        PyObject *prod = PyNumber_Multiply(big, billion);
        ns = prod != NULL ? PyNumber_Add(prod, frac) : NULL;
        Py_XDECREF(prod);
    }
    Py_XDECREF(big);
    Py_XDECREF(billion);
    Py_XDECREF(frac);
    put(res, 13 + i, ns, failed);
}

PyObject *
pyrs_posix_stat_result(const struct stat *st)
{
    PyObject *res = PyStructSequence_New(stat_result_type);
    if (res == NULL) {
        return NULL;
    }
    int failed = 0;
    put(res, 0, PyLong_FromLong((long)st->st_mode), &failed);
    put(res, 1, PyLong_FromUnsignedLongLong((unsigned long long)st->st_ino), &failed);
    put(res, 2, PyLong_FromUnsignedLongLong((unsigned long long)st->st_dev), &failed);
    put(res, 3, PyLong_FromLong((long)st->st_nlink), &failed);
    put(res, 4, PyLong_FromUnsignedLong((unsigned long)st->st_uid), &failed);
    put(res, 5, PyLong_FromUnsignedLong((unsigned long)st->st_gid), &failed);
    put(res, 6, PyLong_FromLongLong((long long)st->st_size), &failed);
    put_time(res, 0, st->st_atim.tv_sec, st->st_atim.tv_nsec, &failed);
    put_time(res, 1, st->st_mtim.tv_sec, st->st_mtim.tv_nsec, &failed);
    put_time(res, 2, st->st_ctim.tv_sec, st->st_ctim.tv_nsec, &failed);
    put(res, 16, PyLong_FromLong((long)st->st_blksize), &failed);
    put(res, 17, PyLong_FromLong((long)st->st_blocks), &failed);
    put(res, 18, PyLong_FromUnsignedLongLong((unsigned long long)st->st_rdev), &failed);
    if (failed) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

int
pyrs_posix_check_fd_combo(const char *func, const PyrsPath *p, int dir_fd, int follow_symlinks)
{
    if (p->narrow == NULL && dir_fd != AT_FDCWD) {
        PyErr_Format(PyExc_ValueError, "%s: can't specify dir_fd without matching path", func);
        return -1;
    }
    if (p->fd > 0 && dir_fd != AT_FDCWD) {
        PyErr_Format(PyExc_ValueError, "%s: can't specify both dir_fd and fd", func);
        return -1;
    }
    if (p->fd > 0 && !follow_symlinks) {
        PyErr_Format(PyExc_ValueError, "%s: cannot use fd and follow_symlinks together", func);
        return -1;
    }
    return 0;
}

/* stat/lstat/fstat core: P converted, DIR_FD and FOLLOW decided. */
static PyObject *
do_stat(const char *func, PyrsPath *p, int dir_fd, int follow)
{
    if (pyrs_posix_check_fd_combo(func, p, dir_fd, follow) < 0) {
        return NULL;
    }
    struct stat st;
    int r;
    Py_BEGIN_ALLOW_THREADS;
    if (p->narrow == NULL && p->fd >= 0) {
        r = fstat(p->fd, &st);
    } else if (p->narrow == NULL) {
        /* fd -1 means "no descriptor" to CPython, which then stats a NULL path. */
        errno = EFAULT;
        r = -1;
    } else {
        r = fstatat(dir_fd, p->narrow, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    }
    Py_END_ALLOW_THREADS;
    if (r != 0) {
        return pyrs_osutil_path_error(p);
    }
    return pyrs_posix_stat_result(&st);
}

static PyObject *
posix_stat(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "dir_fd", "follow_symlinks", NULL};
    static const PyrsArgSpec spec = {"stat", names, 1, 1};
    PyObject *a[3];
    PyrsPath p = {.function_name = "stat", .allow_fd = 1};
    int dir_fd, follow;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 || pyrs_osutil_dir_fd(a[1], &dir_fd) < 0 ||
        (follow = pyrs_osutil_flag(a[2], 1)) < 0) {
        pyrs_osutil_path_clear(&p);
        return NULL;
    }
    PyObject *res = do_stat("stat", &p, dir_fd, follow);
    pyrs_osutil_path_clear(&p);
    return res;
}

static PyObject *
posix_lstat(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "dir_fd", NULL};
    static const PyrsArgSpec spec = {"lstat", names, 1, 1};
    PyObject *a[2];
    PyrsPath p = {.function_name = "lstat"};
    int dir_fd;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 || pyrs_osutil_dir_fd(a[1], &dir_fd) < 0) {
        pyrs_osutil_path_clear(&p);
        return NULL;
    }
    PyObject *res = do_stat("lstat", &p, dir_fd, 0);
    pyrs_osutil_path_clear(&p);
    return res;
}

static PyObject *
posix_fstat(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"fd", NULL};
    static const PyrsArgSpec spec = {"fstat", names, 1, 1};
    PyObject *a[1];
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    int fd = pyrs_osutil_as_int(a[0]);
    if (fd == -1 && PyErr_Occurred()) {
        return NULL;
    }
    struct stat st;
    int r;
    Py_BEGIN_ALLOW_THREADS;
    r = fstat(fd, &st);
    Py_END_ALLOW_THREADS;
    if (r != 0) {
        return pyrs_osutil_errno();
    }
    return pyrs_posix_stat_result(&st);
}

static PyObject *
getcwd_impl(int as_bytes)
{
    char buf[PATH_MAX + 1];
    if (getcwd(buf, sizeof buf) == NULL) {
        return pyrs_osutil_errno();
    }
    return pyrs_osutil_path_result(buf, (Py_ssize_t)strlen(buf), as_bytes);
}

static PyObject *
posix_getcwd(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    return getcwd_impl(0);
}

static PyObject *
posix_getcwdb(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    return getcwd_impl(1);
}

/* The common shape "f(path, *, dir_fd=None)": converts and calls OP(dir_fd, path). */
typedef int (*path_op)(int dir_fd, const char *path, long extra);

static PyObject *
path_call(const char *func, const char *const *names, PyObject *const *args, Py_ssize_t nargs,
          PyObject *kwnames, path_op op)
{
    const PyrsArgSpec spec = {func, names, 1, 1};
    PyObject *a[2];
    PyrsPath p = {.function_name = func};
    int dir_fd, r;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 || pyrs_osutil_dir_fd(a[1], &dir_fd) < 0) {
        pyrs_osutil_path_clear(&p);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS;
    r = op(dir_fd, p.narrow, 0);
    Py_END_ALLOW_THREADS;
    PyObject *res = r != 0 ? pyrs_osutil_path_error(&p) : Py_NewRef(Py_None);
    pyrs_osutil_path_clear(&p);
    return res;
}

static int
op_rmdir(int dir_fd, const char *path, long Py_UNUSED(extra))
{
    return unlinkat(dir_fd, path, AT_REMOVEDIR);
}

static int
op_unlink(int dir_fd, const char *path, long Py_UNUSED(extra))
{
    return unlinkat(dir_fd, path, 0);
}

static const char *const path_dirfd_names[] = {"path", "dir_fd", NULL};

static PyObject *
posix_rmdir(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return path_call("rmdir", path_dirfd_names, args, nargs, kwnames, op_rmdir);
}

static PyObject *
posix_unlink(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return path_call("unlink", path_dirfd_names, args, nargs, kwnames, op_unlink);
}

static PyObject *
posix_remove(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return path_call("remove", path_dirfd_names, args, nargs, kwnames, op_unlink);
}

/* "f(path, mode=DEFAULT, *, dir_fd=None)" (mkdir, mkfifo). */
static PyObject *
path_mode_call(const char *func, long dflt, PyObject *const *args, Py_ssize_t nargs,
               PyObject *kwnames, int fifo)
{
    static const char *const names[] = {"path", "mode", "dir_fd", NULL};
    const PyrsArgSpec spec = {func, names, 2, 1};
    PyObject *a[3];
    PyrsPath p = {.function_name = func};
    int dir_fd, r, mode = (int)dflt;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 ||
        (a[1] != NULL && (mode = pyrs_osutil_as_int(a[1])) == -1 && PyErr_Occurred()) ||
        pyrs_osutil_dir_fd(a[2], &dir_fd) < 0) {
        pyrs_osutil_path_clear(&p);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS;
    r = fifo ? mkfifoat(dir_fd, p.narrow, (mode_t)mode) : mkdirat(dir_fd, p.narrow, (mode_t)mode);
    Py_END_ALLOW_THREADS;
    PyObject *res = r != 0 ? pyrs_osutil_path_error(&p) : Py_NewRef(Py_None);
    pyrs_osutil_path_clear(&p);
    return res;
}

static PyObject *
posix_mkdir(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return path_mode_call("mkdir", 0777, args, nargs, kwnames, 0);
}

static PyObject *
posix_mkfifo(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return path_mode_call("mkfifo", 0666, args, nargs, kwnames, 1);
}

static PyObject *
posix_chdir(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", NULL};
    static const PyrsArgSpec spec = {"chdir", names, 1, 1};
    PyObject *a[1];
    PyrsPath p = {.function_name = "chdir", .allow_fd = 1};
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0) {
        pyrs_osutil_path_clear(&p);
        return NULL;
    }
    int r = p.narrow != NULL ? chdir(p.narrow) : fchdir(p.fd);
    PyObject *res = r != 0 ? pyrs_osutil_path_error(&p) : Py_NewRef(Py_None);
    pyrs_osutil_path_clear(&p);
    return res;
}

/* Two-path functions: rename, replace, link. */
static PyObject *
two_path_call(const char *func, int kind, PyObject *const *args, Py_ssize_t nargs,
              PyObject *kwnames)
{
    static const char *const names[] = {"src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks",
                                        NULL};
    static const char *const names3[] = {"src", "dst", "src_dir_fd", "dst_dir_fd", NULL};
    const PyrsArgSpec spec = {func, kind == 2 ? names : names3, 2, 2};
    PyObject *a[5] = {NULL, NULL, NULL, NULL, NULL};
    PyrsPath src = {.function_name = func, .argument_name = "src"};
    PyrsPath dst = {.function_name = func, .argument_name = "dst"};
    int sfd, dfd, follow = 1, r;
    PyObject *res = NULL;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&src, a[0]) < 0 || pyrs_osutil_path_init(&dst, a[1]) < 0 ||
        pyrs_osutil_dir_fd(a[2], &sfd) < 0 || pyrs_osutil_dir_fd(a[3], &dfd) < 0 ||
        (follow = pyrs_osutil_flag(a[4], 1)) < 0) {
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS;
    if (kind == 2) {
        r = linkat(sfd, src.narrow, dfd, dst.narrow, follow ? AT_SYMLINK_FOLLOW : 0);
    } else {
        r = renameat(sfd, src.narrow, dfd, dst.narrow);
    }
    Py_END_ALLOW_THREADS;
    res = r != 0 ? pyrs_osutil_path_error2(&src, &dst) : Py_NewRef(Py_None);
done:
    pyrs_osutil_path_clear(&src);
    pyrs_osutil_path_clear(&dst);
    return res;
}

static PyObject *
posix_rename(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return two_path_call("rename", 1, args, nargs, kwnames);
}

static PyObject *
posix_replace(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return two_path_call("replace", 1, args, nargs, kwnames);
}

static PyObject *
posix_link(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return two_path_call("link", 2, args, nargs, kwnames);
}

static PyObject *
posix_symlink(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"src", "dst", "target_is_directory", "dir_fd", NULL};
    static const PyrsArgSpec spec = {"symlink", names, 3, 2};
    PyObject *a[4];
    PyrsPath src = {.function_name = "symlink", .argument_name = "src"};
    PyrsPath dst = {.function_name = "symlink", .argument_name = "dst"};
    int dir_fd, r;
    PyObject *res = NULL;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&src, a[0]) < 0 || pyrs_osutil_path_init(&dst, a[1]) < 0 ||
        pyrs_osutil_flag(a[2], 0) < 0 || pyrs_osutil_dir_fd(a[3], &dir_fd) < 0) {
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS;
    r = symlinkat(src.narrow, dir_fd, dst.narrow);
    Py_END_ALLOW_THREADS;
    res = r != 0 ? pyrs_osutil_path_error2(&src, &dst) : Py_NewRef(Py_None);
done:
    pyrs_osutil_path_clear(&src);
    pyrs_osutil_path_clear(&dst);
    return res;
}

static PyObject *
posix_readlink(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "dir_fd", NULL};
    static const PyrsArgSpec spec = {"readlink", names, 1, 1};
    PyObject *a[2];
    PyrsPath p = {.function_name = "readlink"};
    int dir_fd;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 || pyrs_osutil_dir_fd(a[1], &dir_fd) < 0) {
        pyrs_osutil_path_clear(&p);
        return NULL;
    }
    char buf[PATH_MAX + 1];
    ssize_t n;
    Py_BEGIN_ALLOW_THREADS;
    n = readlinkat(dir_fd, p.narrow, buf, sizeof buf);
    Py_END_ALLOW_THREADS;
    PyObject *res =
        n < 0 ? pyrs_osutil_path_error(&p) : pyrs_osutil_path_result(buf, n, p.is_bytes);
    pyrs_osutil_path_clear(&p);
    return res;
}

static PyObject *
posix_chmod(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "mode", "dir_fd", "follow_symlinks", NULL};
    static const PyrsArgSpec spec = {"chmod", names, 2, 2};
    PyObject *a[4];
    PyrsPath p = {.function_name = "chmod", .allow_fd = 1};
    int dir_fd, follow = 1, mode = 0, r;
    PyObject *res = NULL;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 ||
        ((mode = pyrs_osutil_as_int(a[1])) == -1 && PyErr_Occurred()) ||
        pyrs_osutil_dir_fd(a[2], &dir_fd) < 0 || (follow = pyrs_osutil_flag(a[3], 1)) < 0) {
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS;
    if (p.narrow == NULL) {
        r = fchmod(p.fd, (mode_t)mode);
    } else {
        r = fchmodat(dir_fd, p.narrow, (mode_t)mode, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    }
    Py_END_ALLOW_THREADS;
    if (r != 0 && !follow && (errno == ENOTSUP || errno == EOPNOTSUPP)) {
        PyErr_SetString(PyExc_NotImplementedError,
                        "chmod: follow_symlinks unavailable on this platform");
        goto done;
    }
    res = r != 0 ? pyrs_osutil_path_error(&p) : Py_NewRef(Py_None);
done:
    pyrs_osutil_path_clear(&p);
    return res;
}

static PyObject *
posix_fchmod(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"fd", "mode", NULL};
    static const PyrsArgSpec spec = {"fchmod", names, 2, 2};
    PyObject *a[2];
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    int fd = pyrs_osutil_as_int(a[0]);
    int mode = fd == -1 && PyErr_Occurred() ? -1 : pyrs_osutil_as_int(a[1]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (fchmod(fd, (mode_t)mode) != 0) {
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_chown(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "uid", "gid", "dir_fd", "follow_symlinks", NULL};
    static const PyrsArgSpec spec = {"chown", names, 3, 3};
    PyObject *a[5];
    PyrsPath p = {.function_name = "chown", .allow_fd = 1};
    int dir_fd, follow = 1, r;
    unsigned int uid, gid;
    PyObject *res = NULL;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 || pyrs_osutil_id(a[1], "uid", &uid) < 0 ||
        pyrs_osutil_id(a[2], "gid", &gid) < 0 || pyrs_osutil_dir_fd(a[3], &dir_fd) < 0 ||
        (follow = pyrs_osutil_flag(a[4], 1)) < 0 ||
        pyrs_posix_check_fd_combo("chown", &p, dir_fd, follow) < 0) {
        goto done;
    }
    if (p.narrow == NULL) {
        r = fchown(p.fd, (uid_t)uid, (gid_t)gid);
    } else {
        r = fchownat(dir_fd, p.narrow, (uid_t)uid, (gid_t)gid, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    }
    res = r != 0 ? pyrs_osutil_path_error(&p) : Py_NewRef(Py_None);
done:
    pyrs_osutil_path_clear(&p);
    return res;
}

/* utime's times=(atime, mtime) in seconds (int or float) into a timespec. */
static int
timespec_from_seconds(PyObject *obj, struct timespec *ts)
{
    if (PyFloat_Check(obj)) {
        double d = PyFloat_AS_DOUBLE(obj);
        double whole = (double)(long long)d;
        if (whole > d) {
            whole -= 1.0;
        }
        ts->tv_sec = (time_t)whole;
        ts->tv_nsec = (long)((d - whole) * 1e9);
        return 0;
    }
    long long v = PyLong_AsLongLong(obj);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    ts->tv_sec = (time_t)v;
    ts->tv_nsec = 0;
    return 0;
}

static int
timespec_from_ns(PyObject *obj, struct timespec *ts)
{
    PyObject *billion = PyLong_FromLong(1000000000L);
    PyObject *qr = billion != NULL ? PyNumber_Divmod(obj, billion) : NULL;
    Py_XDECREF(billion);
    if (qr == NULL) {
        return -1;
    }
    ts->tv_sec = (time_t)PyLong_AsLongLong(PyTuple_GET_ITEM(qr, 0));
    ts->tv_nsec = PyLong_AsLong(PyTuple_GET_ITEM(qr, 1));
    Py_DECREF(qr);
    return PyErr_Occurred() ? -1 : 0;
}

static int
utime_times(PyObject *times, PyObject *ns, struct timespec ts[2], int *now)
{
    *now = 0;
    if (times != NULL && times != Py_None && ns != NULL) {
        PyErr_SetString(PyExc_ValueError,
                        "utime: you may specify either 'times' or 'ns' but not both");
        return -1;
    }
    if (times != NULL && times != Py_None) {
        if (!PyTuple_CheckExact(times) || PyTuple_GET_SIZE(times) != 2) {
            PyErr_SetString(PyExc_TypeError,
                            "utime: 'times' must be either a tuple of two ints or None");
            return -1;
        }
        return timespec_from_seconds(PyTuple_GET_ITEM(times, 0), &ts[0]) < 0 ||
                       timespec_from_seconds(PyTuple_GET_ITEM(times, 1), &ts[1]) < 0
                   ? -1
                   : 0;
    }
    if (ns != NULL) {
        if (!PyTuple_CheckExact(ns) || PyTuple_GET_SIZE(ns) != 2) {
            PyErr_SetString(PyExc_TypeError, "utime: 'ns' must be a tuple of two ints");
            return -1;
        }
        return timespec_from_ns(PyTuple_GET_ITEM(ns, 0), &ts[0]) < 0 ||
                       timespec_from_ns(PyTuple_GET_ITEM(ns, 1), &ts[1]) < 0
                   ? -1
                   : 0;
    }
    *now = 1;
    return 0;
}

static PyObject *
posix_utime(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "times", "ns", "dir_fd", "follow_symlinks", NULL};
    static const PyrsArgSpec spec = {"utime", names, 2, 1};
    PyObject *a[5];
    PyrsPath p = {.function_name = "utime", .allow_fd = 1};
    struct timespec ts[2];
    int dir_fd, follow = 1, now, r;
    PyObject *res = NULL;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 || utime_times(a[1], a[2], ts, &now) < 0 ||
        pyrs_osutil_dir_fd(a[3], &dir_fd) < 0 || (follow = pyrs_osutil_flag(a[4], 1)) < 0 ||
        pyrs_posix_check_fd_combo("utime", &p, dir_fd, follow) < 0) {
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS;
    if (p.narrow == NULL) {
        r = futimens(p.fd, now ? NULL : ts);
    } else {
        r = utimensat(dir_fd, p.narrow, now ? NULL : ts, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    }
    Py_END_ALLOW_THREADS;
    res = r != 0 ? pyrs_osutil_path_error(&p) : Py_NewRef(Py_None);
done:
    pyrs_osutil_path_clear(&p);
    return res;
}

static PyObject *
posix_access(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {
        "path", "mode", "dir_fd", "effective_ids", "follow_symlinks", NULL};
    static const PyrsArgSpec spec = {"access", names, 2, 2};
    PyObject *a[5];
    PyrsPath p = {.function_name = "access"};
    int dir_fd, eff = 0, follow = 1, mode = 0, r;
    PyObject *res = NULL;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 ||
        ((mode = pyrs_osutil_as_int(a[1])) == -1 && PyErr_Occurred()) ||
        pyrs_osutil_dir_fd(a[2], &dir_fd) < 0 || (eff = pyrs_osutil_flag(a[3], 0)) < 0 ||
        (follow = pyrs_osutil_flag(a[4], 1)) < 0) {
        goto done;
    }
    int flags = (follow ? 0 : AT_SYMLINK_NOFOLLOW) | (eff ? AT_EACCESS : 0);
    Py_BEGIN_ALLOW_THREADS;
    r = flags == 0 && dir_fd == AT_FDCWD ? access(p.narrow, mode)
                                         : faccessat(dir_fd, p.narrow, mode, flags);
    Py_END_ALLOW_THREADS;
    res = PyBool_FromLong(r == 0);
done:
    pyrs_osutil_path_clear(&p);
    return res;
}

static PyObject *
posix_truncate(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "length", NULL};
    static const PyrsArgSpec spec = {"truncate", names, 2, 2};
    PyObject *a[2];
    PyrsPath p = {.function_name = "truncate", .allow_fd = 1};
    PyObject *res = NULL;
    long long length;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 ||
        ((length = PyLong_AsLongLong(a[1])) == -1 && PyErr_Occurred())) {
        goto done;
    }
    int r = p.narrow != NULL ? truncate(p.narrow, (off_t)length) : ftruncate(p.fd, (off_t)length);
    res = r != 0 ? pyrs_osutil_path_error(&p) : Py_NewRef(Py_None);
done:
    pyrs_osutil_path_clear(&p);
    return res;
}

/* Appends every entry name of DIRP except . and .. to LIST. 0, or -1 (errno set or exception). */
static int
read_names(DIR *dirp, PyObject *list, int as_bytes)
{
    for (;;) {
        errno = 0;
        struct dirent *ent = readdir(dirp);
        if (ent == NULL) {
            return errno != 0 ? -1 : 0;
        }
        const char *n = ent->d_name;
        if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'))) {
            continue;
        }
        PyObject *name = pyrs_osutil_path_result(n, (Py_ssize_t)strlen(n), as_bytes);
        if (name == NULL || PyList_Append(list, name) < 0) {
            Py_XDECREF(name);
            errno = 0;
            return -1;
        }
        Py_DECREF(name);
    }
}

static PyObject *
posix_listdir(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", NULL};
    static const PyrsArgSpec spec = {"listdir", names, 1, 0};
    PyObject *a[1];
    PyrsPath p = {.function_name = "listdir", .nullable = 1, .allow_fd = 1};
    PyObject *list = NULL;
    DIR *dirp = NULL;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0) {
        goto done;
    }
    if (p.fd >= 0) {
        int fd = dup(p.fd);
        dirp = fd >= 0 ? fdopendir(fd) : NULL;
        if (dirp == NULL && fd >= 0) {
            close(fd);
        }
    } else {
        dirp = opendir(p.narrow != NULL ? p.narrow : ".");
    }
    if (dirp == NULL) {
        pyrs_osutil_path_error(&p);
        goto done;
    }
    list = PyList_New(0);
    if (list != NULL && read_names(dirp, list, p.is_bytes) < 0) {
        if (errno != 0) {
            pyrs_osutil_path_error(&p);
        }
        Py_CLEAR(list);
    }
    if (p.fd >= 0) {
        rewinddir(dirp);
    }
    closedir(dirp);
done:
    pyrs_osutil_path_clear(&p);
    return list;
}

#define KW (METH_FASTCALL | METH_KEYWORDS)

PyMethodDef pyrs_posix_fs_methods[] = {
    {"stat", PYRS_FASTCALL(posix_stat), KW, "Perform a stat system call on the given path."},
    {"lstat", PYRS_FASTCALL(posix_lstat), KW, "stat without following symbolic links."},
    {"fstat", PYRS_FASTCALL(posix_fstat), KW, "stat of an open file descriptor."},
    {"getcwd", posix_getcwd, METH_NOARGS, "The current working directory (str)."},
    {"getcwdb", posix_getcwdb, METH_NOARGS, "The current working directory (bytes)."},
    {"chdir", PYRS_FASTCALL(posix_chdir), KW, "Change the current working directory."},
    {"mkdir", PYRS_FASTCALL(posix_mkdir), KW, "Create a directory."},
    {"mkfifo", PYRS_FASTCALL(posix_mkfifo), KW, "Create a FIFO."},
    {"rmdir", PYRS_FASTCALL(posix_rmdir), KW, "Remove an empty directory."},
    {"unlink", PYRS_FASTCALL(posix_unlink), KW, "Remove a file."},
    {"remove", PYRS_FASTCALL(posix_remove), KW, "Remove a file."},
    {"rename", PYRS_FASTCALL(posix_rename), KW, "Rename a file or directory."},
    {"replace", PYRS_FASTCALL(posix_replace), KW, "Rename, replacing the destination."},
    {"link", PYRS_FASTCALL(posix_link), KW, "Create a hard link."},
    {"symlink", PYRS_FASTCALL(posix_symlink), KW, "Create a symbolic link."},
    {"readlink", PYRS_FASTCALL(posix_readlink), KW, "The target of a symbolic link."},
    {"chmod", PYRS_FASTCALL(posix_chmod), KW, "Change the mode of a path."},
    {"fchmod", PYRS_FASTCALL(posix_fchmod), KW, "Change the mode of an open file."},
    {"chown", PYRS_FASTCALL(posix_chown), KW, "Change the owner and group of a path."},
    {"utime", PYRS_FASTCALL(posix_utime), KW, "Set the access and modified times of a path."},
    {"access", PYRS_FASTCALL(posix_access), KW, "Test the real uid/gid access to a path."},
    {"truncate", PYRS_FASTCALL(posix_truncate), KW, "Truncate a file to a length."},
    {"listdir", PYRS_FASTCALL(posix_listdir), KW, "The names of the entries of a directory."},
    {NULL, NULL, 0, NULL},
};

int
pyrs_posix_fs_init(PyObject *m)
{
    if (stat_result_type == NULL) {
        /* The integer times are tuple-only: PyStructSequence_UnnamedField is not a constant. */
        for (int i = 7; i <= 9; i++) {
            stat_result_fields[i].name = PyStructSequence_UnnamedField;
        }
        stat_result_type = PyStructSequence_NewType(&stat_result_desc);
        if (stat_result_type == NULL) {
            return -1;
        }
        structseq_new = stat_result_type->tp_new;
        stat_result_type->tp_new = stat_result_new;
    }
    return PyModule_AddObjectRef(m, "stat_result", (PyObject *)stat_result_type);
}
