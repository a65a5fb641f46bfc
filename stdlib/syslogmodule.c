/* syslogmodule.c: the syslog module over the C library's syslog(3), as CPython 3.11's:
 * openlog/syslog/closelog/setlogmask, LOG_MASK/LOG_UPTO and the LOG_* constants. syslog()
 * before openlog() opens the log with the program name (basename of sys.argv[0]). */
#include "Python.h"

#include <string.h>
#include <syslog.h>

static PyObject *ident; /* the str whose UTF-8 buffer openlog() was given (owned) */
static int opened;

/* basename(sys.argv[0]), or NULL (no exception) when there is none. */
static PyObject *
default_ident(void)
{
    PyObject *argv = PySys_GetObject("argv");
    if (argv == NULL || !PyList_Check(argv) || PyList_GET_SIZE(argv) == 0 ||
        !PyUnicode_Check(PyList_GET_ITEM(argv, 0))) {
        return NULL;
    }
    PyObject *arg0 = PyList_GET_ITEM(argv, 0);
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg0);
    Py_ssize_t slash = PyUnicode_FindChar(arg0, '/', 0, n, -1);
    PyObject *r = slash >= 0 ? PyUnicode_Substring(arg0, slash + 1, n) : Py_NewRef(arg0);
    if (r == NULL) {
        PyErr_Clear();
    }
    return r;
}

static PyObject *
syslog_openlog(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"ident", "logoption", "facility", NULL};
    PyObject *new_ident = NULL;
    long logopt = 0, facility = LOG_USER;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|Oll:openlog", (char **)kwlist, &new_ident,
                                     &logopt, &facility)) {
        return NULL;
    }
    if (new_ident != NULL && new_ident != Py_None && !PyUnicode_Check(new_ident)) {
        PyErr_Format(PyExc_TypeError, "openlog() argument 1 must be str, not %.50s",
                     Py_TYPE(new_ident)->tp_name);
        return NULL;
    }
    if (new_ident == NULL || new_ident == Py_None) {
        new_ident = default_ident();
    } else {
        Py_INCREF(new_ident);
    }
    const char *text = new_ident != NULL ? PyUnicode_AsUTF8(new_ident) : NULL;
    if (new_ident != NULL && text == NULL) {
        Py_DECREF(new_ident);
        return NULL;
    }
    if (PySys_Audit("syslog.openlog", "Oll", new_ident ? new_ident : Py_None, logopt, facility) <
        0) {
        Py_XDECREF(new_ident);
        return NULL;
    }
    openlog(text, (int)logopt, (int)facility); /* syslog keeps the pointer: ident stays alive */
    Py_XSETREF(ident, new_ident);
    opened = 1;
    Py_RETURN_NONE;
}

static PyObject *
syslog_syslog(PyObject *Py_UNUSED(m), PyObject *args)
{
    PyObject *message;
    int priority = LOG_INFO;
    if (!PyArg_ParseTuple(args, "U;[priority,] message string", &message)) {
        PyErr_Clear();
        if (!PyArg_ParseTuple(args, "iU;[priority,] message string", &priority, &message)) {
            return NULL;
        }
    }
    const char *text = PyUnicode_AsUTF8(message);
    if (text == NULL || PySys_Audit("syslog.syslog", "iO", priority, message) < 0) {
        return NULL;
    }
    if (!opened) {
        PyObject *r = syslog_openlog(NULL, PyTuple_New(0), NULL);
        if (r == NULL) {
            return NULL;
        }
        Py_DECREF(r);
    }
    syslog(priority, "%s", text);
    Py_RETURN_NONE;
}

static PyObject *
syslog_closelog(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    if (PySys_Audit("syslog.closelog", NULL) < 0) {
        return NULL;
    }
    if (opened) {
        closelog();
        Py_CLEAR(ident);
        opened = 0;
    }
    Py_RETURN_NONE;
}

static PyObject *
syslog_setlogmask(PyObject *Py_UNUSED(m), PyObject *arg)
{
    long mask = PyLong_AsLong(arg);
    if (mask == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (PySys_Audit("syslog.setlogmask", "l", mask) < 0) {
        return NULL;
    }
    return PyLong_FromLong(setlogmask((int)mask));
}

static PyObject *
syslog_log_mask(PyObject *Py_UNUSED(m), PyObject *arg)
{
    long pri = PyLong_AsLong(arg);
    if (pri == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromLong(LOG_MASK(pri));
}

static PyObject *
syslog_log_upto(PyObject *Py_UNUSED(m), PyObject *arg)
{
    long pri = PyLong_AsLong(arg);
    if (pri == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromLong(LOG_UPTO(pri));
}

static PyMethodDef syslog_methods[] = {
    {"openlog", (PyCFunction)(void (*)(void))syslog_openlog, METH_VARARGS | METH_KEYWORDS, NULL},
    {"closelog", syslog_closelog, METH_NOARGS, NULL},
    {"syslog", syslog_syslog, METH_VARARGS, NULL},
    {"setlogmask", syslog_setlogmask, METH_O, NULL},
    {"LOG_MASK", syslog_log_mask, METH_O, NULL},
    {"LOG_UPTO", syslog_log_upto, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef syslog_module = {
    PyModuleDef_HEAD_INIT, "syslog", NULL, -1, syslog_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_syslog(void);

PyMODINIT_FUNC
PyInit_syslog(void)
{
    static const struct {
        const char *name;
        int value;
    } constants[] = {
        {"LOG_EMERG", LOG_EMERG},   {"LOG_ALERT", LOG_ALERT},     {"LOG_CRIT", LOG_CRIT},
        {"LOG_ERR", LOG_ERR},       {"LOG_WARNING", LOG_WARNING}, {"LOG_NOTICE", LOG_NOTICE},
        {"LOG_INFO", LOG_INFO},     {"LOG_DEBUG", LOG_DEBUG},     {"LOG_PID", LOG_PID},
        {"LOG_CONS", LOG_CONS},     {"LOG_NDELAY", LOG_NDELAY},   {"LOG_ODELAY", LOG_ODELAY},
        {"LOG_NOWAIT", LOG_NOWAIT}, {"LOG_PERROR", LOG_PERROR},   {"LOG_KERN", LOG_KERN},
        {"LOG_USER", LOG_USER},     {"LOG_MAIL", LOG_MAIL},       {"LOG_DAEMON", LOG_DAEMON},
        {"LOG_AUTH", LOG_AUTH},     {"LOG_LPR", LOG_LPR},         {"LOG_LOCAL0", LOG_LOCAL0},
        {"LOG_LOCAL1", LOG_LOCAL1}, {"LOG_LOCAL2", LOG_LOCAL2},   {"LOG_LOCAL3", LOG_LOCAL3},
        {"LOG_LOCAL4", LOG_LOCAL4}, {"LOG_LOCAL5", LOG_LOCAL5},   {"LOG_LOCAL6", LOG_LOCAL6},
        {"LOG_LOCAL7", LOG_LOCAL7}, {"LOG_SYSLOG", LOG_SYSLOG},   {"LOG_CRON", LOG_CRON},
        {"LOG_UUCP", LOG_UUCP},     {"LOG_NEWS", LOG_NEWS},       {"LOG_AUTHPRIV", LOG_AUTHPRIV},
    };
    PyObject *m = PyModule_Create(&syslog_module);
    for (size_t i = 0; m != NULL && i < Py_ARRAY_LENGTH(constants); i++) {
        if (PyModule_AddIntConstant(m, constants[i].name, constants[i].value) < 0) {
            Py_CLEAR(m);
        }
    }
    return m;
}
