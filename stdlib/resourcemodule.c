/* stdlib/resourcemodule.c: the resource module: getrlimit/setrlimit/prlimit (RLIM_INFINITY is
 * -1 as in CPython), getrusage with resource.struct_rusage, getpagesize and the RLIMIT_* /
 * RUSAGE_* constants, with CPython 3.11's ValueError messages. */
#define _GNU_SOURCE 1
#include "Python.h"

#include <errno.h>
#include <sys/resource.h>
#include <unistd.h>

#include "posix/osutil.h"

static PyTypeObject *struct_rusage_type;

static PyStructSequence_Field rusage_fields[] = {
    {"ru_utime", "user time used"},
    {"ru_stime", "system time used"},
    {"ru_maxrss", "max. resident set size"},
    {"ru_ixrss", "shared memory size"},
    {"ru_idrss", "unshared data size"},
    {"ru_isrss", "unshared stack size"},
    {"ru_minflt", "page faults not requiring I/O"},
    {"ru_majflt", "page faults requiring I/O"},
    {"ru_nswap", "number of swap outs"},
    {"ru_inblock", "block input operations"},
    {"ru_oublock", "block output operations"},
    {"ru_msgsnd", "IPC messages sent"},
    {"ru_msgrcv", "IPC messages received"},
    {"ru_nsignals", "signals received"},
    {"ru_nvcsw", "voluntary context switches"},
    {"ru_nivcsw", "involuntary context switches"},
    {NULL, NULL},
};

static PyStructSequence_Desc rusage_desc = {
    "resource.struct_rusage",
    "struct_rusage: Result from getrusage.\n\n"
    "This object may be accessed either as a tuple of\n"
    "    (utime,stime,maxrss,ixrss,idrss,isrss,minflt,majflt,\n"
    "    nswap,inblock,oublock,msgsnd,msgrcv,nsignals,nvcsw,nivcsw)\n"
    "or via the attributes ru_utime, ru_stime, ru_maxrss, and so on.",
    rusage_fields,
    16,
};

static int
resource_arg(PyObject *obj, int *out)
{
    *out = _PyLong_AsInt(obj);
    if (*out == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (*out < 0 || *out >= RLIM_NLIMITS) {
        PyErr_SetString(PyExc_ValueError, "invalid resource specified");
        return -1;
    }
    return 0;
}

static PyObject *
limits_tuple(const struct rlimit *rl)
{
    return Py_BuildValue("(LL)", (long long)rl->rlim_cur, (long long)rl->rlim_max);
}

static int
limits_from(PyObject *obj, struct rlimit *rl)
{
    PyObject *t = PySequence_Tuple(obj);
    if (t == NULL) {
        return -1;
    }
    if (PyTuple_GET_SIZE(t) != 2) {
        PyErr_SetString(PyExc_ValueError, "expected a tuple of 2 integers");
        Py_DECREF(t);
        return -1;
    }
    long long cur = PyLong_AsLongLong(PyTuple_GET_ITEM(t, 0));
    long long max = cur == -1 && PyErr_Occurred() ? -1 : PyLong_AsLongLong(PyTuple_GET_ITEM(t, 1));
    Py_DECREF(t);
    if (PyErr_Occurred()) {
        return -1;
    }
    rl->rlim_cur = (rlim_t)cur;
    rl->rlim_max = (rlim_t)max;
    return 0;
}

static PyObject *
set_error(void)
{
    if (errno == EINVAL) {
        PyErr_SetString(PyExc_ValueError, "current limit exceeds maximum limit");
    } else if (errno == EPERM) {
        PyErr_SetString(PyExc_ValueError, "not allowed to raise maximum limit");
    } else {
        PyErr_SetFromErrno(PyExc_OSError);
    }
    return NULL;
}

static PyObject *
resource_getrlimit(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int which;
    struct rlimit rl;
    if (resource_arg(arg, &which) < 0) {
        return NULL;
    }
    if (getrlimit(which, &rl) < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return limits_tuple(&rl);
}

static PyObject *
resource_setrlimit(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int which;
    struct rlimit rl;
    if (!_PyArg_CheckPositional("setrlimit", nargs, 2, 2) || resource_arg(args[0], &which) < 0 ||
        limits_from(args[1], &rl) < 0) {
        return NULL;
    }
    if (setrlimit(which, &rl) < 0) {
        return set_error();
    }
    Py_RETURN_NONE;
}

static PyObject *
resource_prlimit(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int which;
    struct rlimit nl, old;
    if (!_PyArg_CheckPositional("prlimit", nargs, 2, 3)) {
        return NULL;
    }
    long pid = PyLong_AsLong(args[0]);
    if ((pid == -1 && PyErr_Occurred()) || resource_arg(args[1], &which) < 0 ||
        (nargs == 3 && limits_from(args[2], &nl) < 0)) {
        return NULL;
    }
    if (prlimit((pid_t)pid, (enum __rlimit_resource)which, nargs == 3 ? &nl : NULL, &old) < 0) {
        return set_error();
    }
    return limits_tuple(&old);
}

static PyObject *
resource_getrusage(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int who = _PyLong_AsInt(arg);
    if (who == -1 && PyErr_Occurred()) {
        return NULL;
    }
    struct rusage ru;
    if (getrusage(who, &ru) < 0) {
        if (errno == EINVAL) {
            PyErr_SetString(PyExc_ValueError, "invalid who parameter");
            return NULL;
        }
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    PyObject *res = PyStructSequence_New(struct_rusage_type);
    if (res == NULL) {
        return NULL;
    }
    long v[14] = {ru.ru_maxrss, ru.ru_ixrss,    ru.ru_idrss,   ru.ru_isrss,   ru.ru_minflt,
                  ru.ru_majflt, ru.ru_nswap,    ru.ru_inblock, ru.ru_oublock, ru.ru_msgsnd,
                  ru.ru_msgrcv, ru.ru_nsignals, ru.ru_nvcsw,   ru.ru_nivcsw};
    int failed = 0;
    PyObject *ut = PyFloat_FromDouble((double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6);
    PyObject *st = PyFloat_FromDouble((double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6);
    failed |= ut == NULL || st == NULL;
    PyStructSequence_SET_ITEM(res, 0, ut != NULL ? ut : Py_NewRef(Py_None));
    PyStructSequence_SET_ITEM(res, 1, st != NULL ? st : Py_NewRef(Py_None));
    for (int i = 0; i < 14; i++) {
        PyObject *o = PyLong_FromLong(v[i]);
        failed |= o == NULL;
        PyStructSequence_SET_ITEM(res, i + 2, o != NULL ? o : Py_NewRef(Py_None));
    }
    if (failed) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

static PyObject *
resource_getpagesize(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    return PyLong_FromLong(sysconf(_SC_PAGESIZE));
}

#define FASTCALL(f) (PyCFunction)(void (*)(void))(f)

static PyMethodDef resource_methods[] = {
    {"getrlimit", resource_getrlimit, METH_O, "(soft, hard) limits of a resource."},
    {"setrlimit", FASTCALL(resource_setrlimit), METH_FASTCALL, "Set a resource's limits."},
    {"prlimit", FASTCALL(resource_prlimit), METH_FASTCALL,
     "Get (and optionally set) the limits of a resource of another process."},
    {"getrusage", resource_getrusage, METH_O, "Resource usage as struct_rusage."},
    {"getpagesize", resource_getpagesize, METH_NOARGS, "The system page size in bytes."},
    {NULL, NULL, 0, NULL},
};

static const PyrsIntConst resource_constants[] = {
    {"RLIMIT_CPU", RLIMIT_CPU},
    {"RLIMIT_FSIZE", RLIMIT_FSIZE},
    {"RLIMIT_DATA", RLIMIT_DATA},
    {"RLIMIT_STACK", RLIMIT_STACK},
    {"RLIMIT_CORE", RLIMIT_CORE},
    {"RLIMIT_NOFILE", RLIMIT_NOFILE},
    {"RLIMIT_OFILE", RLIMIT_OFILE},
    {"RLIMIT_AS", RLIMIT_AS},
    {"RLIMIT_RSS", RLIMIT_RSS},
    {"RLIMIT_NPROC", RLIMIT_NPROC},
    {"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK},
    {"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE},
    {"RLIMIT_NICE", RLIMIT_NICE},
    {"RLIMIT_RTPRIO", RLIMIT_RTPRIO},
    {"RLIMIT_RTTIME", RLIMIT_RTTIME},
    {"RLIMIT_SIGPENDING", RLIMIT_SIGPENDING},
    {"RUSAGE_SELF", RUSAGE_SELF},
    {"RUSAGE_CHILDREN", RUSAGE_CHILDREN},
    {"RUSAGE_THREAD", RUSAGE_THREAD},
    {"RLIM_INFINITY", -1},
    {NULL, 0},
};

static int
resource_exec(PyObject *m)
{
    if (struct_rusage_type == NULL) {
        struct_rusage_type = PyStructSequence_NewType(&rusage_desc);
        if (struct_rusage_type == NULL) {
            return -1;
        }
    }
    if (PyModule_AddObjectRef(m, "struct_rusage", (PyObject *)struct_rusage_type) < 0 ||
        PyModule_AddObjectRef(m, "error", PyExc_OSError) < 0) {
        return -1;
    }
    return pyrs_osutil_add_ints(m, resource_constants);
}

static PyModuleDef_Slot resource_slots[] = {
    {Py_mod_exec, (void *)resource_exec},
    {0, NULL},
};

static PyModuleDef resource_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "resource",
    .m_doc = "Process resource limits and usage.",
    .m_size = 0,
    .m_methods = resource_methods,
    .m_slots = resource_slots,
};

PyMODINIT_FUNC PyInit_resource(void);

/* Module init (multi-phase): returns the definition, borrowed. */
PyMODINIT_FUNC
PyInit_resource(void)
{
    return PyModuleDef_Init(&resource_module);
}
