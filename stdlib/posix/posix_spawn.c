/* stdlib/posix/posix_spawn.c: posix.posix_spawn and posix_spawnp with CPython 3.11's keyword
 * options (file_actions of POSIX_SPAWN_OPEN/CLOSE/DUP2 tuples, setpgroup, resetids, setsid,
 * setsigmask, setsigdef, scheduler) and its argument checks and messages. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>

#include "posix.h"

enum { SPAWN_OPEN = 0, SPAWN_CLOSE = 1, SPAWN_DUP2 = 2 };

static int
int_arg(PyObject *obj, int *out)
{
    *out = _PyLong_AsInt(obj);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

/* One (tag, ...) file action added to FA; paths are kept alive by KEEP. */
static int
add_file_action(posix_spawn_file_actions_t *fa, PyObject *item, PyObject *keep)
{
    if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) < 1) {
        PyErr_SetString(PyExc_TypeError, "Each file_actions element must be a non-empty tuple");
        return -1;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(item);
    int tag, fd, fd2, flags, mode, err;
    if (int_arg(PyTuple_GET_ITEM(item, 0), &tag) < 0) {
        return -1;
    }
    switch (tag) {
    case SPAWN_OPEN: {
        PyObject *path = NULL;
        if (n != 5) {
            PyErr_SetString(PyExc_TypeError, "A open file_action tuple must have 5 elements");
            return -1;
        }
        if (int_arg(PyTuple_GET_ITEM(item, 1), &fd) < 0 ||
            !pyrs_osutil_fsconvert(PyTuple_GET_ITEM(item, 2), &path)) {
            return -1;
        }
        int rc = PyList_Append(keep, path);
        Py_DECREF(path);
        if (rc < 0 || int_arg(PyTuple_GET_ITEM(item, 3), &flags) < 0 ||
            int_arg(PyTuple_GET_ITEM(item, 4), &mode) < 0) {
            return -1;
        }
        err =
            posix_spawn_file_actions_addopen(fa, fd, PyBytes_AS_STRING(path), flags, (mode_t)mode);
        break;
    }
    case SPAWN_CLOSE:
        if (n != 2) {
            PyErr_SetString(PyExc_TypeError, "A close file_action tuple must have 2 elements");
            return -1;
        }
        if (int_arg(PyTuple_GET_ITEM(item, 1), &fd) < 0) {
            return -1;
        }
        err = posix_spawn_file_actions_addclose(fa, fd);
        break;
    case SPAWN_DUP2:
        if (n != 3) {
            PyErr_SetString(PyExc_TypeError, "A dup2 file_action tuple must have 3 elements");
            return -1;
        }
        if (int_arg(PyTuple_GET_ITEM(item, 1), &fd) < 0 ||
            int_arg(PyTuple_GET_ITEM(item, 2), &fd2) < 0) {
            return -1;
        }
        err = posix_spawn_file_actions_adddup2(fa, fd, fd2);
        break;
    default:
        PyErr_SetString(PyExc_TypeError, "Unknown file_actions identifier");
        return -1;
    }
    if (err != 0) {
        errno = err;
        pyrs_osutil_errno();
        return -1;
    }
    return 0;
}

static int
file_actions_from(PyObject *obj, posix_spawn_file_actions_t *fa, PyObject *keep)
{
    PyObject *seq = PySequence_Fast(obj, "file_actions must be a sequence or None");
    if (seq == NULL) {
        return -1;
    }
    int rc = 0;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    for (Py_ssize_t i = 0; rc == 0 && i < n; i++) {
        rc = add_file_action(fa, PySequence_Fast_GET_ITEM(seq, i), keep);
    }
    Py_DECREF(seq);
    return rc;
}

/* A sigset_t from an iterable of signal numbers, with _signal's range message. */
static int
sigset_arg(PyObject *obj, sigset_t *set)
{
    PyObject *it = PyObject_GetIter(obj), *item;
    if (it == NULL) {
        return -1;
    }
    sigemptyset(set);
    while ((item = PyIter_Next(it)) != NULL) {
        long n = PyLong_AsLong(item);
        Py_DECREF(item);
        if (n == -1 && PyErr_Occurred()) {
            break;
        }
        if (n <= 0 || n >= 65) {
            PyErr_Format(PyExc_ValueError, "signal number %ld out of range [1; 64]", n);
            break;
        }
        sigaddset(set, (int)n);
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

static int
scheduler_arg(PyObject *obj, posix_spawnattr_t *attr, short *flags)
{
    if (!PyTuple_Check(obj) || PyTuple_GET_SIZE(obj) != 2) {
        PyErr_SetString(PyExc_TypeError, "scheduler must be a tuple (policy, sched_param)");
        return -1;
    }
    int policy = -1; /* None: keep the policy, set only the parameters */
    struct sched_param sp;
    PyObject *pol = PyTuple_GET_ITEM(obj, 0);
    if ((pol != Py_None && int_arg(pol, &policy) < 0) ||
        pyrs_posix_sched_param_from(PyTuple_GET_ITEM(obj, 1), &sp) < 0) {
        return -1;
    }
    if (policy != -1) {
        posix_spawnattr_setschedpolicy(attr, policy);
        *flags |= POSIX_SPAWN_SETSCHEDULER;
    }
    posix_spawnattr_setschedparam(attr, &sp);
    *flags |= POSIX_SPAWN_SETSCHEDPARAM;
    return 0;
}

/* The keyword options: a[0..6] = file_actions, setpgroup, resetids, setsid, setsigmask,
 * setsigdef, scheduler. */
static int
attributes_from(PyObject *const *a, posix_spawnattr_t *attr)
{
    short flags = 0;
    int v;
    sigset_t set;
    if (a[1] != NULL && a[1] != Py_None) {
        if (int_arg(a[1], &v) < 0) {
            return -1;
        }
        posix_spawnattr_setpgroup(attr, (pid_t)v);
        flags |= POSIX_SPAWN_SETPGROUP;
    }
    /* resetids and setsid are ints in CPython's signature: None is a TypeError */
    if (a[2] != NULL && (v = pyrs_osutil_as_int(a[2])) == -1 && PyErr_Occurred()) {
        return -1;
    }
    flags |= a[2] != NULL && v ? POSIX_SPAWN_RESETIDS : 0;
    if (a[3] != NULL && (v = pyrs_osutil_as_int(a[3])) == -1 && PyErr_Occurred()) {
        return -1;
    }
    flags |= a[3] != NULL && v ? POSIX_SPAWN_SETSID : 0;
    if (a[4] != NULL) {
        if (sigset_arg(a[4], &set) < 0) {
            return -1;
        }
        posix_spawnattr_setsigmask(attr, &set);
        flags |= POSIX_SPAWN_SETSIGMASK;
    }
    if (a[5] != NULL) {
        if (sigset_arg(a[5], &set) < 0) {
            return -1;
        }
        posix_spawnattr_setsigdefault(attr, &set);
        flags |= POSIX_SPAWN_SETSIGDEF;
    }
    if (a[6] != NULL && a[6] != Py_None && scheduler_arg(a[6], attr, &flags) < 0) {
        return -1;
    }
    int err = posix_spawnattr_setflags(attr, flags);
    if (err != 0) {
        errno = err;
        pyrs_osutil_errno();
        return -1;
    }
    return 0;
}

static PyObject *
spawn(const char *func, int use_path, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"",          "",          "",       "file_actions",
                                        "setpgroup", "resetids",  "setsid", "setsigmask",
                                        "setsigdef", "scheduler", NULL};
    const PyrsArgSpec spec = {func, names, 3, 3};
    PyObject *a[10], *keep = NULL, *seq = NULL, *res = NULL;
    PyrsPath p = {.function_name = func};
    char **argv = NULL, **envp = NULL;
    posix_spawn_file_actions_t fa, *fap = NULL;
    posix_spawnattr_t attr;
    int have_attr = 0;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0) {
        goto done;
    }
    if (!PyList_Check(a[1]) && !PyTuple_Check(a[1])) {
        PyErr_Format(PyExc_TypeError, "%s: argv must be a tuple or list", func);
        goto done;
    }
    if ((seq = PySequence_Fast(a[1], "")) == NULL) {
        goto done;
    }
    if (PySequence_Fast_GET_SIZE(seq) == 0) {
        PyErr_Format(PyExc_ValueError, "%s: argv must not be empty", func);
        goto done;
    }
    if (!PyMapping_Check(a[2])) {
        PyErr_Format(PyExc_TypeError, "%s: environment must be a mapping object", func);
        goto done;
    }
    if ((argv = pyrs_posix_argv_new(seq, &keep)) == NULL) {
        goto done;
    }
    if (argv[0][0] == '\0') {
        PyErr_Format(PyExc_ValueError, "%s: argv first element cannot be empty", func);
        goto done;
    }
    if ((envp = pyrs_posix_envp_new(a[2], keep)) == NULL) {
        goto done;
    }
    if (a[3] != NULL && a[3] != Py_None) {
        posix_spawn_file_actions_init(&fa);
        fap = &fa;
        if (file_actions_from(a[3], fap, keep) < 0) {
            goto done;
        }
    }
    posix_spawnattr_init(&attr);
    have_attr = 1;
    if (attributes_from(a + 3, &attr) < 0) {
        goto done;
    }
    pid_t pid;
    int err = use_path ? posix_spawnp(&pid, p.narrow, fap, &attr, argv, envp)
                       : posix_spawn(&pid, p.narrow, fap, &attr, argv, envp);
    if (err != 0) {
        errno = err;
        pyrs_osutil_path_error(&p);
        goto done;
    }
    res = PyLong_FromLong((long)pid);
done:
    if (fap != NULL) {
        posix_spawn_file_actions_destroy(fap);
    }
    if (have_attr) {
        posix_spawnattr_destroy(&attr);
    }
    PyMem_Free(argv);
    PyMem_Free(envp);
    Py_XDECREF(seq);
    Py_XDECREF(keep);
    pyrs_osutil_path_clear(&p);
    return res;
}

static PyObject *
posix_posix_spawn(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                  PyObject *kwnames)
{
    return spawn("posix_spawn", 0, args, nargs, kwnames);
}

static PyObject *
posix_posix_spawnp(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames)
{
    return spawn("posix_spawnp", 1, args, nargs, kwnames);
}

PyMethodDef pyrs_posix_spawn_methods[] = {
    {"posix_spawn", PYRS_FASTCALL(posix_posix_spawn), METH_FASTCALL | METH_KEYWORDS,
     "Execute the program at path in a new process; returns its pid."},
    {"posix_spawnp", PYRS_FASTCALL(posix_posix_spawnp), METH_FASTCALL | METH_KEYWORDS,
     "posix_spawn, looking the program up on PATH."},
    {NULL, NULL, 0, NULL},
};

static const PyrsIntConst spawn_constants[] = {
    {"POSIX_SPAWN_OPEN", SPAWN_OPEN},
    {"POSIX_SPAWN_CLOSE", SPAWN_CLOSE},
    {"POSIX_SPAWN_DUP2", SPAWN_DUP2},
    {NULL, 0},
};

int
pyrs_posix_spawn_init(PyObject *m)
{
    return pyrs_osutil_add_ints(m, spawn_constants);
}
