/* stdlib/posix/posix_proc.c: posix process functions: ids, fork with register_at_fork hooks,
 * execv/execve, wait/waitpid and the W* status macros, kill, system, _exit, times and
 * os.times_result, sessions and process groups. Messages follow CPython 3.11. */
#define _GNU_SOURCE 1
#include "posix.h"

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ossignal.h"
#include "pyrs/gil.h"

static PyTypeObject *times_result_type;
static PyObject *fork_before; /* list of callables, run newest first before fork */
static PyObject *fork_child;  /* run oldest first in the child */
static PyObject *fork_parent; /* run oldest first in the parent */

static PyObject *
id_result(long v)
{
    return PyLong_FromLong(v);
}

static PyObject *
posix_getpid(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    return id_result((long)getpid());
}

static PyObject *
posix_getppid(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    return id_result((long)getppid());
}

static PyObject *
posix_getuid(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    return PyLong_FromUnsignedLong((unsigned long)getuid());
}

static PyObject *
posix_geteuid(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    return PyLong_FromUnsignedLong((unsigned long)geteuid());
}

static PyObject *
posix_getgid(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    return PyLong_FromUnsignedLong((unsigned long)getgid());
}

static PyObject *
posix_getegid(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    return PyLong_FromUnsignedLong((unsigned long)getegid());
}

static PyObject *
posix_getpgrp(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    return id_result((long)getpgrp());
}

static PyObject *
posix_setsid(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    if (setsid() < 0) {
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_getgroups(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    int n = getgroups(0, NULL);
    if (n < 0) {
        return pyrs_osutil_errno();
    }
    gid_t *groups = PyMem_Malloc(sizeof(gid_t) * (size_t)(n + 1));
    if (groups == NULL) {
        return PyErr_NoMemory();
    }
    n = getgroups(n, groups);
    PyObject *list = n < 0 ? pyrs_osutil_errno() : PyList_New(n);
    for (int i = 0; list != NULL && i < n; i++) {
        PyObject *g = PyLong_FromUnsignedLong((unsigned long)groups[i]);
        if (g == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, g);
    }
    PyMem_Free(groups);
    return list;
}

static PyObject *
posix_getlogin(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    errno = 0;
    const char *name = getlogin();
    if (name == NULL) {
        if (errno == 0) {
            errno = ENOTTY;
        }
        return pyrs_osutil_errno();
    }
    return PyUnicode_DecodeFSDefault(name);
}

static int
long_arg(PyObject *obj, long *out)
{
    *out = PyLong_AsLong(obj);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

static PyObject *
signal_call(const char *name, PyObject *const *args, Py_ssize_t nargs, int group)
{
    long pid, sig;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "%s() takes exactly 2 arguments (%zd given)", name, nargs);
        return NULL;
    }
    if (long_arg(args[0], &pid) < 0 || long_arg(args[1], &sig) < 0) {
        return NULL;
    }
    int r = group ? killpg((pid_t)pid, (int)sig) : kill((pid_t)pid, (int)sig);
    if (r < 0) {
        return pyrs_osutil_errno();
    }
    /* A signal sent to ourselves runs its handler before the next bytecode. */
    if (pyrs_signal_run_handlers() < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_kill(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return signal_call("kill", args, nargs, 0);
}

static PyObject *
posix_killpg(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return signal_call("killpg", args, nargs, 1);
}

/* Runs the hooks of LIST, newest first when REVERSE; errors are reported as unraisable. */
static void
run_hooks(PyObject *list, int reverse)
{
    if (list == NULL) {
        return;
    }
    Py_ssize_t n = PyList_GET_SIZE(list);
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t i = reverse ? n - 1 - k : k;
        if (i >= PyList_GET_SIZE(list)) {
            continue;
        }
        PyObject *func = PyList_GET_ITEM(list, i);
        Py_INCREF(func);
        PyObject *res = PyObject_CallNoArgs(func);
        if (res == NULL) {
            PyErr_WriteUnraisable(func);
        }
        Py_XDECREF(res);
        Py_DECREF(func);
    }
}

static int
add_hook(PyObject **list, const char *name, PyObject *func)
{
    if (func == NULL || func == Py_None) {
        return 0;
    }
    if (!PyCallable_Check(func)) {
        PyErr_Format(PyExc_TypeError, "'%s' must be callable, not %s", name,
                     Py_TYPE(func)->tp_name);
        return -1;
    }
    if (*list == NULL && (*list = PyList_New(0)) == NULL) {
        return -1;
    }
    return PyList_Append(*list, func);
}

static PyObject *
posix_register_at_fork(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames)
{
    static const char *const names[] = {"before", "after_in_child", "after_in_parent", NULL};
    static const PyrsArgSpec spec = {"register_at_fork", names, 0, 0};
    PyObject *a[3];
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    int given = 0;
    for (int i = 0; i < 3; i++) {
        given |= a[i] != NULL;
    }
    if (!given) {
        PyErr_SetString(PyExc_TypeError, "At least one argument is required.");
        return NULL;
    }
    for (int i = 0; i < 3; i++) {
        if (a[i] != NULL && !PyCallable_Check(a[i])) {
            PyErr_Format(PyExc_TypeError, "'%s' must be callable, not %s", names[i],
                         Py_TYPE(a[i])->tp_name);
            return NULL;
        }
    }
    if (add_hook(&fork_before, names[0], a[0]) < 0 || add_hook(&fork_child, names[1], a[1]) < 0 ||
        add_hook(&fork_parent, names[2], a[2]) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

void
PyOS_BeforeFork(void)
{
    run_hooks(fork_before, 1);
}

void
PyOS_AfterFork_Parent(void)
{
    run_hooks(fork_parent, 0);
}

void
PyOS_AfterFork_Child(void)
{
    pyrs_gil_after_fork_child(); /* the forking thread alone exists in the child */
    pyrs_signal_after_fork_child();
    run_hooks(fork_child, 0);
}

void
PyOS_AfterFork(void)
{
    PyOS_AfterFork_Child();
}

static PyObject *
posix_fork(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    PyOS_BeforeFork();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        PyOS_AfterFork_Parent();
        errno = saved;
        return pyrs_osutil_errno();
    }
    if (pid == 0) {
        PyOS_AfterFork_Child();
    } else {
        PyOS_AfterFork_Parent();
    }
    return PyLong_FromLong((long)pid);
}

char **
pyrs_posix_argv_new(PyObject *seq, PyObject **keep)
{
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    char **argv = PyMem_Calloc((size_t)n + 1, sizeof(char *));
    *keep = PyList_New(0);
    if (argv == NULL || *keep == NULL) {
        if (argv == NULL) {
            PyErr_NoMemory();
        }
        PyMem_Free(argv);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *b = NULL;
        if (!pyrs_osutil_fsconvert(PySequence_Fast_GET_ITEM(seq, i), &b)) {
            PyMem_Free(argv);
            return NULL;
        }
        int rc = PyList_Append(*keep, b);
        argv[i] = PyBytes_AS_STRING(b);
        Py_DECREF(b);
        if (rc < 0) {
            PyMem_Free(argv);
            return NULL;
        }
    }
    return argv;
}

char **
pyrs_posix_envp_new(PyObject *env, PyObject *keep)
{
    PyObject *items = PyMapping_Items(env);
    if (items == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(items);
    char **envp = PyMem_Calloc((size_t)n + 1, sizeof(char *));
    for (Py_ssize_t i = 0; envp != NULL && i < n; i++) {
        PyObject *item = PyList_GET_ITEM(items, i), *k = NULL, *v = NULL, *kv = NULL;
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2 ||
            !pyrs_osutil_fsconvert(PyTuple_GET_ITEM(item, 0), &k)) {
            goto fail;
        }
        if (PyBytes_GET_SIZE(k) == 0 || strchr(PyBytes_AS_STRING(k) + 1, '=') != NULL) {
            PyErr_SetString(PyExc_ValueError, "illegal environment variable name");
            Py_DECREF(k);
            goto fail;
        }
        if (!pyrs_osutil_fsconvert(PyTuple_GET_ITEM(item, 1), &v)) {
            Py_DECREF(k);
            goto fail;
        }
        kv = PyBytes_FromFormat("%s=%s", PyBytes_AS_STRING(k), PyBytes_AS_STRING(v));
        Py_DECREF(k);
        Py_DECREF(v);
        if (kv == NULL || PyList_Append(keep, kv) < 0) {
            Py_XDECREF(kv);
            goto fail;
        }
        envp[i] = PyBytes_AS_STRING(kv);
        Py_DECREF(kv);
        continue;
    fail:
        PyMem_Free(envp);
        envp = NULL;
    }
    Py_DECREF(items);
    return envp;
}

static PyObject *
exec_impl(const char *func, PyObject *const *a, int with_env)
{
    PyrsPath p = {.function_name = func, .allow_fd = with_env};
    PyObject *keep = NULL, *seq = NULL;
    char **argv = NULL, **envp = NULL;
    if (pyrs_osutil_path_init(&p, a[0]) < 0) {
        goto done;
    }
    if (!PyList_Check(a[1]) && !PyTuple_Check(a[1])) {
        PyErr_Format(PyExc_TypeError,
                     with_env ? "%s: argv must be a tuple or list"
                              : "%s() arg 2 must be a tuple or list",
                     func);
        goto done;
    }
    seq = PySequence_Fast(a[1], "");
    if (seq == NULL) {
        goto done;
    }
    if (PySequence_Fast_GET_SIZE(seq) == 0) {
        PyErr_Format(PyExc_ValueError,
                     with_env ? "%s: argv must not be empty" : "%s() arg 2 must not be empty",
                     func);
        goto done;
    }
    if (with_env && !PyMapping_Check(a[2])) {
        PyErr_Format(PyExc_TypeError, "%s: environment must be a mapping object", func);
        goto done;
    }
    argv = pyrs_posix_argv_new(seq, &keep);
    if (argv == NULL) {
        goto done;
    }
    if (argv[0][0] == '\0') {
        PyErr_Format(PyExc_ValueError,
                     with_env ? "%s: argv first element cannot be empty"
                              : "%s() arg 2 first element cannot be empty",
                     func);
        goto done;
    }
    if (with_env && (envp = pyrs_posix_envp_new(a[2], keep)) == NULL) {
        goto done;
    }
    if (with_env && p.narrow == NULL) {
        fexecve(p.fd, argv, envp);
    } else if (with_env) {
        execve(p.narrow, argv, envp);
    } else {
        execv(p.narrow, argv);
    }
    pyrs_osutil_errno();
done:
    PyMem_Free(argv);
    PyMem_Free(envp);
    Py_XDECREF(seq);
    Py_XDECREF(keep);
    pyrs_osutil_path_clear(&p);
    return NULL;
}

static PyObject *
posix_execv(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("execv", nargs, 2, 2)) {
        return NULL;
    }
    return exec_impl("execv", args, 0);
}

static PyObject *
posix_execve(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "argv", "env", NULL};
    static const PyrsArgSpec spec = {"execve", names, 3, 3};
    PyObject *a[3];
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    return exec_impl("execve", a, 1);
}

static PyObject *
wait_result(pid_t pid, int status)
{
    return Py_BuildValue("(ii)", (int)pid, status);
}

static PyObject *
posix_waitpid(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    long pid, options;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "waitpid() takes exactly 2 arguments (%zd given)", nargs);
        return NULL;
    }
    if (long_arg(args[0], &pid) < 0 || long_arg(args[1], &options) < 0) {
        return NULL;
    }
    int status = 0;
    pid_t r;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = waitpid((pid_t)pid, &status, (int)options);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && errno == EINTR && pyrs_signal_run_handlers() == 0);
    if (r < 0) {
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    return wait_result(r, status);
}

static PyObject *
posix_wait(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    int status = 0;
    pid_t r;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = wait(&status);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && errno == EINTR && pyrs_signal_run_handlers() == 0);
    if (r < 0) {
        return PyErr_Occurred() ? NULL : pyrs_osutil_errno();
    }
    return wait_result(r, status);
}

/* The "status" argument of the W* functions and waitstatus_to_exitcode. */
static int
status_arg(const char *func, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
           int *status)
{
    static const char *const names[] = {"status", NULL};
    const PyrsArgSpec spec = {func, names, 1, 1};
    PyObject *a[1];
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return -1;
    }
    *status = pyrs_osutil_as_int(a[0]);
    return *status == -1 && PyErr_Occurred() ? -1 : 0;
}

#define W_FUNC(NAME, EXPR, MAKE)                                                                   \
    static PyObject *posix_##NAME(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, \
                                  PyObject *kwnames)                                               \
    {                                                                                              \
        int status;                                                                                \
        if (status_arg(#NAME, args, nargs, kwnames, &status) < 0) {                                \
            return NULL;                                                                           \
        }                                                                                          \
        return MAKE(EXPR);                                                                         \
    }

W_FUNC(WIFEXITED, WIFEXITED(status), PyBool_FromLong)
W_FUNC(WEXITSTATUS, WEXITSTATUS(status), PyLong_FromLong)
W_FUNC(WIFSIGNALED, WIFSIGNALED(status), PyBool_FromLong)
W_FUNC(WTERMSIG, WTERMSIG(status), PyLong_FromLong)
W_FUNC(WIFSTOPPED, WIFSTOPPED(status), PyBool_FromLong)
W_FUNC(WSTOPSIG, WSTOPSIG(status), PyLong_FromLong)
W_FUNC(WCOREDUMP, WCOREDUMP(status), PyBool_FromLong)
W_FUNC(WIFCONTINUED, WIFCONTINUED(status), PyBool_FromLong)

static PyObject *
posix_waitstatus_to_exitcode(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames)
{
    int status;
    if (status_arg("waitstatus_to_exitcode", args, nargs, kwnames, &status) < 0) {
        return NULL;
    }
    if (WIFEXITED(status)) {
        return PyLong_FromLong(WEXITSTATUS(status));
    }
    if (WIFSIGNALED(status)) {
        return PyLong_FromLong(-WTERMSIG(status));
    }
    if (WIFSTOPPED(status)) {
        PyErr_Format(PyExc_ValueError, "process stopped by delivery of signal %i",
                     WSTOPSIG(status));
        return NULL;
    }
    PyErr_Format(PyExc_ValueError, "invalid wait status: %i", status);
    return NULL;
}

static PyObject *
posix__exit(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    int status;
    if (status_arg("_exit", args, nargs, kwnames, &status) < 0) {
        return NULL;
    }
    _exit(status);
}

static PyObject *
posix_system(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"command", NULL};
    static const PyrsArgSpec spec = {"system", names, 1, 1};
    PyObject *a[1], *cmd = NULL;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        !pyrs_osutil_fsconvert(a[0], &cmd)) {
        return NULL;
    }
    fflush(NULL);
    int r;
    Py_BEGIN_ALLOW_THREADS;
    r = system(PyBytes_AS_STRING(cmd));
    Py_END_ALLOW_THREADS;
    Py_DECREF(cmd);
    return PyLong_FromLong(r);
}

static PyObject *
posix_times(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    struct tms t;
    clock_t c = times(&t);
    if (c == (clock_t)-1) {
        return pyrs_osutil_errno();
    }
    double ticks = (double)sysconf(_SC_CLK_TCK);
    double v[5] = {(double)t.tms_utime / ticks, (double)t.tms_stime / ticks,
                   (double)t.tms_cutime / ticks, (double)t.tms_cstime / ticks, (double)c / ticks};
    PyObject *res = PyStructSequence_New(times_result_type);
    for (int i = 0; res != NULL && i < 5; i++) {
        PyObject *f = PyFloat_FromDouble(v[i]);
        if (f == NULL) {
            Py_CLEAR(res);
            break;
        }
        PyStructSequence_SET_ITEM(res, i, f);
    }
    return res;
}

static PyObject *
posix_setpgid(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    long pid, pgrp;
    if (!_PyArg_CheckPositional("setpgid", nargs, 2, 2) || long_arg(args[0], &pid) < 0 ||
        long_arg(args[1], &pgrp) < 0) {
        return NULL;
    }
    if (setpgid((pid_t)pid, (pid_t)pgrp) < 0) {
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
pid_query(PyObject *arg, pid_t (*op)(pid_t))
{
    long pid;
    if (long_arg(arg, &pid) < 0) {
        return NULL;
    }
    pid_t r = op((pid_t)pid);
    if (r < 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLong((long)r);
}

static PyObject *
posix_getpgid(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return pid_query(arg, getpgid);
}

static PyObject *
posix_getsid(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return pid_query(arg, getsid);
}

static PyObject *
id_set(PyObject *arg, const char *kind, int (*op)(unsigned int))
{
    unsigned int v;
    if (pyrs_osutil_id(arg, kind, &v) < 0) {
        return NULL;
    }
    if (op(v) < 0) {
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static int
do_setuid(unsigned int v)
{
    return setuid((uid_t)v);
}

static int
do_setgid(unsigned int v)
{
    return setgid((gid_t)v);
}

static int
do_seteuid(unsigned int v)
{
    return seteuid((uid_t)v);
}

static int
do_setegid(unsigned int v)
{
    return setegid((gid_t)v);
}

static PyObject *
posix_setuid(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return id_set(arg, "uid", do_setuid);
}

static PyObject *
posix_setgid(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return id_set(arg, "gid", do_setgid);
}

static PyObject *
posix_seteuid(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return id_set(arg, "uid", do_seteuid);
}

static PyObject *
posix_setegid(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return id_set(arg, "gid", do_setegid);
}

static PyObject *
posix_nice(PyObject *Py_UNUSED(m), PyObject *arg)
{
    long inc;
    if (long_arg(arg, &inc) < 0) {
        return NULL;
    }
    errno = 0;
    int r = nice((int)inc);
    if (r == -1 && errno != 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLong(r);
}

static PyObject *
posix_abort(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    abort();
}

#define KW (METH_FASTCALL | METH_KEYWORDS)

PyMethodDef pyrs_posix_proc_methods[] = {
    {"getpid", posix_getpid, METH_NOARGS, "The current process id."},
    {"getppid", posix_getppid, METH_NOARGS, "The parent's process id."},
    {"getuid", posix_getuid, METH_NOARGS, "The current process's user id."},
    {"geteuid", posix_geteuid, METH_NOARGS, "The current process's effective user id."},
    {"getgid", posix_getgid, METH_NOARGS, "The current process's group id."},
    {"getegid", posix_getegid, METH_NOARGS, "The current process's effective group id."},
    {"getgroups", posix_getgroups, METH_NOARGS, "The supplemental group ids."},
    {"getlogin", posix_getlogin, METH_NOARGS, "The name of the user logged in on the terminal."},
    {"getpgrp", posix_getpgrp, METH_NOARGS, "The current process group id."},
    {"setsid", posix_setsid, METH_NOARGS, "Start a new session."},
    {"setpgid", PYRS_FASTCALL(posix_setpgid), METH_FASTCALL, "Set a process group id."},
    {"getpgid", posix_getpgid, METH_O, "The process group id of a process."},
    {"getsid", posix_getsid, METH_O, "The session id of a process."},
    {"setuid", posix_setuid, METH_O, "Set the user id."},
    {"setgid", posix_setgid, METH_O, "Set the group id."},
    {"seteuid", posix_seteuid, METH_O, "Set the effective user id."},
    {"setegid", posix_setegid, METH_O, "Set the effective group id."},
    {"nice", posix_nice, METH_O, "Add to the process's niceness; returns the new value."},
    {"kill", PYRS_FASTCALL(posix_kill), METH_FASTCALL, "Send a signal to a process."},
    {"killpg", PYRS_FASTCALL(posix_killpg), METH_FASTCALL, "Send a signal to a process group."},
    {"register_at_fork", PYRS_FASTCALL(posix_register_at_fork), KW,
     "Register callables to run around fork()."},
    {"fork", posix_fork, METH_NOARGS, "Fork a child process; 0 in the child."},
    {"execv", PYRS_FASTCALL(posix_execv), METH_FASTCALL, "Replace the process image."},
    {"execve", PYRS_FASTCALL(posix_execve), KW, "Replace the process image with an env."},
    {"waitpid", PYRS_FASTCALL(posix_waitpid), METH_FASTCALL, "Wait for a child: (pid, status)."},
    {"wait", posix_wait, METH_NOARGS, "Wait for any child: (pid, status)."},
    {"waitstatus_to_exitcode", PYRS_FASTCALL(posix_waitstatus_to_exitcode), KW,
     "Convert a wait status to an exit code (negative signal number if killed)."},
    {"WIFEXITED", PYRS_FASTCALL(posix_WIFEXITED), KW, "The process exited normally."},
    {"WEXITSTATUS", PYRS_FASTCALL(posix_WEXITSTATUS), KW, "The exit code."},
    {"WIFSIGNALED", PYRS_FASTCALL(posix_WIFSIGNALED), KW, "The process was killed."},
    {"WTERMSIG", PYRS_FASTCALL(posix_WTERMSIG), KW, "The signal that killed the process."},
    {"WIFSTOPPED", PYRS_FASTCALL(posix_WIFSTOPPED), KW, "The process is stopped."},
    {"WSTOPSIG", PYRS_FASTCALL(posix_WSTOPSIG), KW, "The signal that stopped the process."},
    {"WCOREDUMP", PYRS_FASTCALL(posix_WCOREDUMP), KW, "A core dump was produced."},
    {"WIFCONTINUED", PYRS_FASTCALL(posix_WIFCONTINUED), KW, "The process was continued."},
    {"_exit", PYRS_FASTCALL(posix__exit), KW, "Exit at once, without cleanup."},
    {"system", PYRS_FASTCALL(posix_system), KW, "Run a shell command; returns the status."},
    {"times", posix_times, METH_NOARGS, "Process times as os.times_result."},
    {"abort", posix_abort, METH_NOARGS, "Abort the process with SIGABRT."},
    {NULL, NULL, 0, NULL},
};

static PyStructSequence_Field times_result_fields[] = {
    {"user", "user time"},
    {"system", "system time"},
    {"children_user", "user time of children"},
    {"children_system", "system time of children"},
    {"elapsed", "elapsed time since an arbitrary point in the past"},
    {NULL, NULL},
};

static PyStructSequence_Desc times_result_desc = {
    "posix.times_result",
    "times_result: Result from os.times().",
    times_result_fields,
    5,
};

int
pyrs_posix_proc_init(PyObject *m)
{
    if (times_result_type == NULL) {
        times_result_type = PyStructSequence_NewType(&times_result_desc);
        if (times_result_type == NULL) {
            return -1;
        }
    }
    return PyModule_AddObjectRef(m, "times_result", (PyObject *)times_result_type);
}
