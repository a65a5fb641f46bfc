/* stdlib/_posixsubprocess.c: _posixsubprocess.fork_exec, the fork+exec step of
 * subprocess.Popen, with subprocess.py 3.11's 23 arguments. The child wires its standard
 * descriptors, applies cwd/umask/signals/session/ids, runs preexec_fn, closes other fds and
 * tries each executable; a failure is reported on errpipe_write as CPython's child does
 * ("OSError:<hex errno>:" plus "noexec" when exec was never reached, or
 * "SubprocessError:0:<message>"). */
#define _GNU_SOURCE 1
#include "Python.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "posix/osutil.h"
#include "posix/ossignal.h"

/* Everything the child needs, prepared before fork so the child does not allocate. */
typedef struct {
    char **argv;           /* NULL-terminated, or NULL when args is None */
    char **exec_list;      /* executables to try, NULL-terminated */
    char **envp;           /* NULL-terminated, or NULL to inherit */
    const char *cwd;       /* or NULL */
    int *keep;             /* sorted fds_to_keep */
    Py_ssize_t nkeep;      /* its length */
    int close_fds;         /* close every other fd >= 3 */
    int fds[8];            /* p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite,
                              errpipe_read, errpipe_write */
    int restore_signals;   /* SIGPIPE/SIGXFSZ back to SIG_DFL */
    int call_setsid;       /* start a new session */
    int pgid_to_set;       /* setpgid(0, pgid) when >= 0 */
    int has_gid, has_uid;  /* gid/uid given */
    unsigned int gid, uid; /* setregid/setreuid targets */
    gid_t *groups;         /* extra_groups, or NULL */
    Py_ssize_t ngroups;    /* its length, -1 when not given */
    int child_umask;       /* umask when >= 0 */
    PyObject *preexec_fn;  /* callable or Py_None */
} ChildSpec;

static void
write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;
        }
        s += w;
        n -= (size_t)w;
    }
}

static void
report_errno(int fd, int err, int noexec)
{
    char hex[2 * sizeof(int) + 1];
    char *cur = hex + sizeof hex;
    while (err != 0 && cur != hex) {
        *--cur = "0123456789abcdef"[err % 16];
        err /= 16;
    }
    write_all(fd, "OSError:", 8);
    write_all(fd, cur, (size_t)(hex + sizeof hex - cur));
    write_all(fd, ":", 1);
    if (noexec) {
        write_all(fd, "noexec", 6);
    }
}

static int
set_inheritable(int fd, int inheritable)
{
    int flags = fcntl(fd, F_GETFD);
    if (flags < 0) {
        return -1;
    }
    flags = inheritable ? (flags & ~FD_CLOEXEC) : (flags | FD_CLOEXEC);
    return fcntl(fd, F_SETFD, flags);
}

/* Closes every fd >= 3 not in keep: close_range over the gaps when the kernel has it. */
static void
close_open_fds(const ChildSpec *c)
{
    long start = 3;
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536) {
        max = 65536;
    }
    for (Py_ssize_t i = 0; i <= c->nkeep; i++) {
        long end = i < c->nkeep ? c->keep[i] : (long)UINT_MAX;
        if (end < start) {
            continue;
        }
#ifdef SYS_close_range
        if (end > start &&
            syscall(SYS_close_range, (unsigned int)start, (unsigned int)(end - 1), 0u) == 0) {
            start = end + 1;
            continue;
        }
#endif
        for (long fd = start; fd < end && fd < max; fd++) {
            (void)close((int)fd);
        }
        start = end + 1;
    }
}

/* Moves FD onto TARGET (0, 1 or 2); an fd already there just becomes inheritable. */
static int
wire(int fd, int target)
{
    if (fd == target) {
        return set_inheritable(fd, 1);
    }
    if (fd != -1 && dup2(fd, target) < 0) {
        return -1;
    }
    return 0;
}

static void
restore_default_signals(void)
{
    signal(SIGPIPE, SIG_DFL);
    signal(SIGXFSZ, SIG_DFL);
}

/* Runs in the child; never returns. */
static void
child_exec(ChildSpec *c)
{
    int *f = c->fds;
    int errpipe = f[7], reached_preexec = 0, err = 0;
    const char *err_msg = NULL;
    /* The parent's ends: p2cwrite, c2pread, errread, errpipe_read. */
    const int parent_ends[4] = {f[1], f[2], f[4], f[6]};
    for (int i = 0; i < 4; i++) {
        if (parent_ends[i] != -1) {
            (void)close(parent_ends[i]);
        }
    }
    for (Py_ssize_t i = 0; i < c->nkeep; i++) {
        if (c->keep[i] != errpipe && set_inheritable(c->keep[i], 1) < 0) {
            goto error;
        }
    }
    /* Keep c2pwrite and errwrite away from the slots dup2 is about to overwrite. */
    if (f[3] == 0 && (f[3] = dup(f[3])) < 0) {
        goto error;
    }
    while (f[5] == 0 || f[5] == 1) {
        if ((f[5] = dup(f[5])) < 0) {
            goto error;
        }
    }
    if (wire(f[0], 0) < 0 || wire(f[3], 1) < 0 || wire(f[5], 2) < 0) {
        goto error;
    }
    if (c->cwd != NULL && chdir(c->cwd) < 0) {
        goto error;
    }
    if (c->child_umask >= 0) {
        umask((mode_t)c->child_umask);
    }
    if (c->restore_signals) {
        restore_default_signals();
    }
    if (c->call_setsid && setsid() < 0) {
        goto error;
    }
    if (c->pgid_to_set >= 0 && setpgid(0, c->pgid_to_set) < 0) {
        goto error;
    }
    if (c->ngroups >= 0 && setgroups((size_t)c->ngroups, c->groups) < 0) {
        goto error;
    }
    if (c->has_gid && setregid(c->gid, c->gid) < 0) {
        goto error;
    }
    if (c->has_uid && setreuid(c->uid, c->uid) < 0) {
        goto error;
    }
    reached_preexec = 1;
    if (c->preexec_fn != Py_None) {
        PyObject *r = PyObject_CallNoArgs(c->preexec_fn);
        if (r == NULL) {
            err_msg = "Exception occurred in preexec_fn.";
            errno = 0;
            goto error;
        }
        Py_DECREF(r);
    }
    if (c->close_fds) {
        close_open_fds(c);
    }
    for (char **exe = c->exec_list; *exe != NULL; exe++) {
        if (c->envp != NULL) {
            execve(*exe, c->argv, c->envp);
        } else {
            execv(*exe, c->argv);
        }
        if (errno != ENOENT && errno != ENOTDIR && err == 0) {
            err = errno;
        }
    }
    if (err != 0) {
        errno = err;
    }
error:
    if (errno != 0) {
        report_errno(errpipe, errno, !reached_preexec);
    } else {
        write_all(errpipe, "SubprocessError:0:", 18);
        if (err_msg != NULL) {
            write_all(errpipe, err_msg, strlen(err_msg));
        }
    }
    _exit(255);
}

/* ---- argument preparation (parent) ---- */

/* NULL-terminated char* array of the FS-encoded items of SEQ; KEEP owns the bytes. */
static char **
cstr_array(PyObject *seq, const char *msg, PyObject *keep)
{
    PyObject *fast = PySequence_Fast(seq, msg);
    if (fast == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    char **out = PyMem_Calloc((size_t)n + 1, sizeof(char *));
    for (Py_ssize_t i = 0; out != NULL && i < n; i++) {
        PyObject *b = NULL;
        if (!pyrs_osutil_fsconvert(PySequence_Fast_GET_ITEM(fast, i), &b) ||
            PyList_Append(keep, b) < 0) {
            Py_XDECREF(b);
            PyMem_Free(out);
            out = NULL;
            break;
        }
        out[i] = PyBytes_AS_STRING(b);
        Py_DECREF(b);
    }
    if (out == NULL && !PyErr_Occurred()) {
        PyErr_NoMemory();
    }
    Py_DECREF(fast);
    return out;
}

static int
keep_fds(PyObject *tuple, ChildSpec *c)
{
    if (!PyTuple_Check(tuple)) {
        PyErr_Format(PyExc_TypeError, "fork_exec() argument 4 must be tuple, not %.50s",
                     Py_TYPE(tuple)->tp_name);
        return -1;
    }
    c->nkeep = PyTuple_GET_SIZE(tuple);
    c->keep = PyMem_Calloc((size_t)c->nkeep + 1, sizeof(int));
    if (c->keep == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    long prev = -1;
    for (Py_ssize_t i = 0; i < c->nkeep; i++) {
        PyObject *o = PyTuple_GET_ITEM(tuple, i);
        long v = PyLong_Check(o) ? PyLong_AsLong(o) : -1;
        if (v < 0 || v <= prev || v > INT_MAX) {
            PyErr_Clear();
            PyErr_SetString(PyExc_ValueError, "bad value(s) in fds_to_keep");
            return -1;
        }
        c->keep[i] = (int)v;
        prev = v;
    }
    return 0;
}

static int
int_arg(PyObject *o, int *out)
{
    *out = _PyLong_AsInt(o);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

static int
ids(PyObject *const *a, ChildSpec *c)
{
    c->ngroups = -1;
    if (a[17] != Py_None) {
        c->has_gid = 1;
        if (pyrs_osutil_id(a[17], "gid", &c->gid) < 0) {
            return -1;
        }
    }
    if (a[19] != Py_None) {
        c->has_uid = 1;
        if (pyrs_osutil_id(a[19], "uid", &c->uid) < 0) {
            return -1;
        }
    }
    if (a[18] != Py_None) {
        if (!PyList_Check(a[18])) {
            PyErr_SetString(PyExc_TypeError, "extra_groups must be a list");
            return -1;
        }
        c->ngroups = PyList_GET_SIZE(a[18]);
        c->groups = PyMem_Calloc((size_t)c->ngroups + 1, sizeof(gid_t));
        if (c->groups == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        for (Py_ssize_t i = 0; i < c->ngroups; i++) {
            unsigned int g;
            if (pyrs_osutil_id(PyList_GET_ITEM(a[18], i), "gid", &g) < 0) {
                PyErr_Clear(); /* CPython reports every bad extra group this way */
                PyErr_SetString(PyExc_ValueError, "invalid group id");
                return -1;
            }
            c->groups[i] = (gid_t)g;
        }
    }
    return 0;
}

static int
prepare(PyObject *const *a, ChildSpec *c, PyObject *keep)
{
    int flag;
    if ((flag = PyObject_IsTrue(a[2])) < 0) {
        return -1;
    }
    c->close_fds = flag;
    if (keep_fds(a[3], c) < 0) {
        return -1;
    }
    for (int i = 0; i < 8; i++) {
        if (int_arg(a[6 + i], &c->fds[i]) < 0) {
            return -1;
        }
    }
    if (c->close_fds && c->fds[7] < 3) {
        PyErr_SetString(PyExc_ValueError, "errpipe_write must be >= 3");
        return -1;
    }
    if ((c->restore_signals = PyObject_IsTrue(a[14])) < 0 ||
        (c->call_setsid = PyObject_IsTrue(a[15])) < 0 || int_arg(a[16], &c->pgid_to_set) < 0 ||
        ids(a, c) < 0 || int_arg(a[20], &c->child_umask) < 0) {
        return -1;
    }
    c->preexec_fn = a[21];
    if (a[0] != Py_None && (c->argv = cstr_array(a[0], "args must be a sequence", keep)) == NULL) {
        return -1;
    }
    if ((c->exec_list = cstr_array(a[1], "executable_list must be a sequence", keep)) == NULL) {
        return -1;
    }
    if (a[4] != Py_None) {
        PyObject *b = NULL;
        if (!pyrs_osutil_fsconvert(a[4], &b) || PyList_Append(keep, b) < 0) {
            Py_XDECREF(b);
            return -1;
        }
        c->cwd = PyBytes_AS_STRING(b);
        Py_DECREF(b);
    }
    if (a[5] != Py_None && (c->envp = cstr_array(a[5], "env must be a sequence", keep)) == NULL) {
        return -1;
    }
    return 0;
}

static PyObject *
subprocess_fork_exec(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 23) {
        PyErr_Format(PyExc_TypeError, "fork_exec() takes exactly 23 arguments (%zd given)", nargs);
        return NULL;
    }
    ChildSpec c;
    memset(&c, 0, sizeof c);
    PyObject *keep = PyList_New(0), *res = NULL;
    if (keep == NULL || prepare(args, &c, keep) < 0) {
        goto done;
    }
    if (c.argv == NULL) {
        c.argv = PyMem_Calloc(1, sizeof(char *));
        if (c.argv == NULL) {
            PyErr_NoMemory();
            goto done;
        }
    }
    /* As CPython: the os.register_at_fork hooks run only when preexec_fn runs Python code in
     * the child. */
    int hooks = c.preexec_fn != Py_None;
    if (hooks) {
        PyOS_BeforeFork();
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        if (hooks) {
            PyOS_AfterFork_Child();
        } else {
            pyrs_signal_after_fork_child();
        }
        child_exec(&c);
    }
    int saved = errno;
    if (hooks) {
        PyOS_AfterFork_Parent();
    }
    if (pid < 0) {
        errno = saved;
        PyErr_SetFromErrno(PyExc_OSError);
        goto done;
    }
    res = PyLong_FromLong((long)pid);
done:
    PyMem_Free(c.argv);
    PyMem_Free(c.exec_list);
    PyMem_Free(c.envp);
    PyMem_Free(c.keep);
    PyMem_Free(c.groups);
    Py_XDECREF(keep);
    return res;
}

static PyMethodDef subprocess_methods[] = {
    {"fork_exec", (PyCFunction)(void (*)(void))subprocess_fork_exec, METH_FASTCALL,
     "Spawn a fresh new child process (subprocess.Popen's fork and exec)."},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef subprocess_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_posixsubprocess",
    .m_doc = "A POSIX helper for the subprocess module.",
    .m_size = 0,
    .m_methods = subprocess_methods,
};

PyMODINIT_FUNC PyInit__posixsubprocess(void);

/* Module init (multi-phase): returns the definition, borrowed. */
PyMODINIT_FUNC
PyInit__posixsubprocess(void)
{
    return PyModuleDef_Init(&subprocess_module);
}
