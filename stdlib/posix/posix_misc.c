/* stdlib/posix/posix_misc.c: posix functions about the environment and the system: environ
 * (a dict of bytes as CPython's), putenv/unsetenv, urandom, cpu_count, uname and
 * os.uname_result, strerror, umask, fspath, getloadavg. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "posix.h"

extern char **environ;

static PyTypeObject *uname_result_type;

/* posix.environ: bytes keys and values, the first occurrence of a name winning. */
static PyObject *
environ_dict(void)
{
    PyObject *d = PyDict_New();
    for (char **e = environ; d != NULL && e != NULL && *e != NULL; e++) {
        const char *eq = strchr(*e, '=');
        if (eq == NULL) {
            continue;
        }
        PyObject *k = PyBytes_FromStringAndSize(*e, eq - *e);
        PyObject *v = PyBytes_FromString(eq + 1);
        if (k == NULL || v == NULL || PyDict_SetDefault(d, k, v) == NULL) {
            Py_CLEAR(d);
        }
        Py_XDECREF(k);
        Py_XDECREF(v);
    }
    return d;
}

static PyObject *
posix_putenv(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *name = NULL, *value = NULL, *res = NULL;
    if (!_PyArg_CheckPositional("putenv", nargs, 2, 2) || !pyrs_osutil_fsconvert(args[0], &name) ||
        !pyrs_osutil_fsconvert(args[1], &value)) {
        goto done;
    }
    if (strchr(PyBytes_AS_STRING(name), '=') != NULL) {
        PyErr_SetString(PyExc_ValueError, "illegal environment variable name");
        goto done;
    }
    if (setenv(PyBytes_AS_STRING(name), PyBytes_AS_STRING(value), 1) != 0) {
        pyrs_osutil_errno();
        goto done;
    }
    res = Py_NewRef(Py_None);
done:
    Py_XDECREF(name);
    Py_XDECREF(value);
    return res;
}

static PyObject *
posix_unsetenv(PyObject *Py_UNUSED(m), PyObject *arg)
{
    PyObject *name = NULL;
    if (!pyrs_osutil_fsconvert(arg, &name)) {
        return NULL;
    }
    int r = unsetenv(PyBytes_AS_STRING(name));
    Py_DECREF(name);
    if (r != 0) {
        return pyrs_osutil_errno();
    }
    Py_RETURN_NONE;
}

static PyObject *
posix_urandom(PyObject *Py_UNUSED(m), PyObject *arg)
{
    Py_ssize_t size = PyNumber_AsSsize_t(arg, PyExc_OverflowError);
    if (size == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (size < 0) {
        PyErr_SetString(PyExc_ValueError, "negative argument not allowed");
        return NULL;
    }
    PyObject *buf = PyBytes_FromStringAndSize(NULL, size);
    if (buf == NULL) {
        return NULL;
    }
    char *p = PyBytes_AS_STRING(buf);
    Py_ssize_t done = 0;
    while (done < size) {
        ssize_t n = getrandom(p + done, (size_t)(size - done), 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            Py_DECREF(buf);
            return pyrs_osutil_errno();
        }
        done += n;
    }
    return buf;
}

static PyObject *
posix_cpu_count(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) {
        Py_RETURN_NONE;
    }
    return PyLong_FromLong(n);
}

static PyObject *
posix_uname(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    struct utsname u;
    if (uname(&u) != 0) {
        return pyrs_osutil_errno();
    }
    const char *parts[5] = {u.sysname, u.nodename, u.release, u.version, u.machine};
    PyObject *res = PyStructSequence_New(uname_result_type);
    for (int i = 0; res != NULL && i < 5; i++) {
        PyObject *s = PyUnicode_DecodeFSDefault(parts[i]);
        if (s == NULL) {
            Py_CLEAR(res);
            break;
        }
        PyStructSequence_SET_ITEM(res, i, s);
    }
    return res;
}

static PyObject *
posix_strerror(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int code = _PyLong_AsInt(arg);
    if (code == -1 && PyErr_Occurred()) {
        return NULL;
    }
    const char *msg = strerror(code);
    if (msg == NULL) {
        PyErr_SetString(PyExc_ValueError, "strerror() argument out of range");
        return NULL;
    }
    return PyUnicode_DecodeLocale(msg, "surrogateescape");
}

static PyObject *
posix_umask(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int mask = _PyLong_AsInt(arg);
    if (mask == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromLong((long)umask((mode_t)mask));
}

static PyObject *
posix_fspath(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", NULL};
    static const PyrsArgSpec spec = {"fspath", names, 1, 1};
    PyObject *a[1];
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    return PyOS_FSPath(a[0]);
}

static PyObject *
posix_getloadavg(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    double avg[3];
    if (getloadavg(avg, 3) != 3) {
        PyErr_SetString(PyExc_OSError, "Load averages are unobtainable");
        return NULL;
    }
    return Py_BuildValue("(ddd)", avg[0], avg[1], avg[2]);
}

static PyObject *
posix_sched_yield(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    (void)sched_yield();
    Py_RETURN_NONE;
}

/* posix._path_normpath, the core of posixpath.normpath: collapses slashes (two leading ones
 * are kept), drops "." components, resolves ".." against the previous component (dropped
 * at the root); "" for an empty result, except that "." stays ".". */
static PyObject *
normpath(PyObject *path)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(path);
    Py_UCS4 *src = PyUnicode_AsUCS4Copy(path);
    Py_UCS4 *out = src != NULL ? PyMem_Malloc(sizeof(Py_UCS4) * ((size_t)n + 1)) : NULL;
    Py_ssize_t *starts = out != NULL ? PyMem_Malloc(sizeof(Py_ssize_t) * ((size_t)n + 1)) : NULL;
    PyObject *res = NULL;
    if (starts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t lead = 0, len = 0, ncomp = 0, i = 0;
    while (lead < n && src[lead] == '/') {
        lead++;
    }
    lead = lead == 2 ? 2 : (lead > 0 ? 1 : 0);
    for (Py_ssize_t k = 0; k < lead; k++) {
        out[len++] = '/';
    }
    while (i < n) {
        while (i < n && src[i] == '/') {
            i++;
        }
        Py_ssize_t b = i;
        while (i < n && src[i] != '/') {
            i++;
        }
        Py_ssize_t clen = i - b;
        if (clen == 0 || (clen == 1 && src[b] == '.')) {
            continue;
        }
        int dotdot = clen == 2 && src[b] == '.' && src[b + 1] == '.';
        if (dotdot && ncomp > 0) {
            Py_ssize_t last = starts[ncomp - 1];
            int last_dotdot = len - last == 2 && out[last] == '.' && out[last + 1] == '.';
            if (!last_dotdot) {
                len = last > lead ? last - 1 : last; /* drop the component and its slash */
                ncomp--;
                continue;
            }
        } else if (dotdot && lead > 0) {
            continue; /* ".." at the root stays at the root */
        }
        if (len > lead) {
            out[len++] = '/';
        }
        starts[ncomp++] = len;
        memcpy(out + len, src + b, sizeof(Py_UCS4) * (size_t)clen);
        len += clen;
    }
    if (len == 0 && n == 1 && src[0] == '.') {
        out[len++] = '.';
    }
    res = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, len);
done:
    PyMem_Free(src);
    PyMem_Free(out);
    PyMem_Free(starts);
    return res;
}

static PyObject *
posix__path_normpath(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                     PyObject *kwnames)
{
    static const char *const names[] = {"path", NULL};
    static const PyrsArgSpec spec = {"_path_normpath", names, 1, 1};
    PyObject *a[1];
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    if (!PyUnicode_Check(a[0])) {
        PyErr_Format(PyExc_TypeError, "expected 'str', not '%.200s'", Py_TYPE(a[0])->tp_name);
        return NULL;
    }
    return normpath(a[0]);
}

#define KW (METH_FASTCALL | METH_KEYWORDS)

PyMethodDef pyrs_posix_misc_methods[] = {
    {"putenv", PYRS_FASTCALL(posix_putenv), METH_FASTCALL, "Set an environment variable."},
    {"unsetenv", posix_unsetenv, METH_O, "Delete an environment variable."},
    {"urandom", posix_urandom, METH_O, "size random bytes suitable for cryptographic use."},
    {"cpu_count", posix_cpu_count, METH_NOARGS, "The number of CPUs, or None."},
    {"uname", posix_uname, METH_NOARGS, "System identification as os.uname_result."},
    {"strerror", posix_strerror, METH_O, "The message of an error number."},
    {"umask", posix_umask, METH_O, "Set the umask; returns the previous one."},
    {"fspath", PYRS_FASTCALL(posix_fspath), KW, "The file system representation of a path."},
    {"getloadavg", posix_getloadavg, METH_NOARGS, "The 1, 5 and 15 minute load averages."},
    {"sched_yield", posix_sched_yield, METH_NOARGS, "Voluntarily give up the CPU."},
    {"_path_normpath", PYRS_FASTCALL(posix__path_normpath), KW, "Normalize a path (posixpath)."},
    {NULL, NULL, 0, NULL},
};

static PyStructSequence_Field uname_result_fields[] = {
    {"sysname", "operating system name"},
    {"nodename", "name of machine on network (implementation-defined)"},
    {"release", "operating system release"},
    {"version", "operating system version"},
    {"machine", "hardware identifier"},
    {NULL, NULL},
};

static PyStructSequence_Desc uname_result_desc = {
    "posix.uname_result",
    "uname_result: Result from os.uname().",
    uname_result_fields,
    5,
};

int
pyrs_posix_misc_init(PyObject *m)
{
    if (uname_result_type == NULL) {
        uname_result_type = PyStructSequence_NewType(&uname_result_desc);
        if (uname_result_type == NULL) {
            return -1;
        }
    }
    if (PyModule_AddObjectRef(m, "uname_result", (PyObject *)uname_result_type) < 0 ||
        PyModule_AddObjectRef(m, "error", PyExc_OSError) < 0) {
        return -1;
    }
    PyObject *env = environ_dict();
    if (env == NULL) {
        return -1;
    }
    int rc = PyModule_AddObjectRef(m, "environ", env);
    Py_DECREF(env);
    return rc;
}
