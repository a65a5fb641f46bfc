/* sysmodule.c: the `sys` module as far as the VM needs it today (argv, modules, path,
 * stdout/stderr, recursion limit, exit, version facts) and sys.modules for imports. The
 * standard streams are simple unbuffered-by-line writers until the stdlib issue brings _io. */
#include "pyrs/eval.h"
#include "pyrs/sys.h"
#include "pyrs/frameobject.h"

#include <unistd.h>

/* ---- the stream writer: write(str) -> int, flush() -------------------------------------- */

typedef struct {
    PyObject_HEAD
    FILE *fp; /* stdout or stderr */
    int fd;   /* 1 or 2 */
} StdPrinter;

static PyObject *
stdprinter_write(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "write() argument must be str, not %.100s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(arg, &len);
    if (s == NULL) {
        /* lone surrogates: CPython's stdout uses strict errors too */
        return NULL;
    }
    StdPrinter *p = (StdPrinter *)self;
    if (len > 0 && fwrite(s, 1, (size_t)len, p->fp) != (size_t)len) {
        PyErr_SetFromErrno(PyExc_OSError);
        return NULL;
    }
    return PyLong_FromSsize_t(PyUnicode_GET_LENGTH(arg));
}

static PyObject *
stdprinter_flush(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    fflush(((StdPrinter *)self)->fp);
    Py_RETURN_NONE;
}

static PyObject *
stdprinter_fileno(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(((StdPrinter *)self)->fd);
}

static PyObject *
stdprinter_isatty(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyBool_FromLong(isatty(((StdPrinter *)self)->fd));
}

static PyMethodDef stdprinter_methods[] = {
    {"write", stdprinter_write, METH_O, NULL},
    {"flush", stdprinter_flush, METH_NOARGS, NULL},
    {"fileno", stdprinter_fileno, METH_NOARGS, NULL},
    {"isatty", stdprinter_isatty, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject StdPrinter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "stdprinter",
    .tp_basicsize = sizeof(StdPrinter),
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = stdprinter_methods,
};

static PyObject *
stdprinter_new(FILE *fp, int fd)
{
    StdPrinter *p = PyObject_New(StdPrinter, &StdPrinter_Type);
    if (p != NULL) {
        p->fp = fp;
        p->fd = fd;
    }
    return (PyObject *)p;
}

int
pyrs_sys_is_std_stream(PyObject *obj, FILE **fp)
{
    if (Py_IS_TYPE(obj, &StdPrinter_Type)) {
        *fp = ((StdPrinter *)obj)->fp;
        return 1;
    }
    return 0;
}

/* ---- functions ---------------------------------------------------------------------------- */

static PyObject *
sys_getrecursionlimit(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(Py_GetRecursionLimit());
}

static PyObject *
sys_setrecursionlimit(PyObject *Py_UNUSED(m), PyObject *arg)
{
    if (PyFloat_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return NULL;
    }
    int overflow;
    long limit = PyLong_AsLongAndOverflow(arg, &overflow);
    if (limit == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (overflow || limit > INT_MAX) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return NULL;
    }
    if (limit < 1) {
        PyErr_SetString(PyExc_ValueError, "recursion limit must be greater or equal than 1");
        return NULL;
    }
    Py_SetRecursionLimit((int)limit);
    Py_RETURN_NONE;
}

static PyObject *
sys_exit(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "exit expected at most 1 argument, got %zd", nargs);
        return NULL;
    }
    PyErr_SetObject(PyExc_SystemExit, nargs ? args[0] : Py_None);
    return NULL;
}

static PyObject *
sys_intern(PyObject *Py_UNUSED(m), PyObject *arg)
{
    if (!PyUnicode_CheckExact(arg)) {
        PyErr_Format(PyExc_TypeError, "intern() argument must be str, not %.50s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    Py_INCREF(arg);
    PyUnicode_InternInPlace(&arg);
    return arg;
}

/* sys.exception(): the exception being handled, or None. */
static PyObject *
sys_exception(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    PyObject *exc = PyErr_GetHandledException();
    return exc != NULL ? exc : Py_NewRef(Py_None);
}

/* sys.exc_info(): (type, value, traceback) of the exception being handled, or Nones. */
static PyObject *
sys_exc_info(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    PyObject *exc = PyErr_GetHandledException();
    if (exc == NULL || exc == Py_None) {
        Py_XDECREF(exc);
        return PyTuple_Pack(3, Py_None, Py_None, Py_None);
    }
    PyObject *tb = PyException_GetTraceback(exc);
    PyObject *r = PyTuple_Pack(3, (PyObject *)Py_TYPE(exc), exc, tb != NULL ? tb : Py_None);
    Py_XDECREF(tb);
    Py_DECREF(exc);
    return r;
}

/* sys._getframe([depth]): the frame object DEPTH calls below the caller. */
static PyObject *
sys_getframe(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "_getframe expected at most 1 argument, got %zd", nargs);
        return NULL;
    }
    long depth = nargs ? PyLong_AsLong(args[0]) : 0;
    if (depth == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyrsFrame *f = pyrs_frame_top();
    while (depth-- > 0 && f != NULL) {
        f = f->back;
    }
    if (f == NULL) {
        PyErr_SetString(PyExc_ValueError, "call stack is not deep enough");
        return NULL;
    }
    return pyrs_frameobj_get(f);
}

static PyMethodDef sys_methods[] = {
    {"_getframe", (PyCFunction)(void (*)(void))sys_getframe, METH_FASTCALL, NULL},
    {"exception", sys_exception, METH_NOARGS, NULL},
    {"exc_info", sys_exc_info, METH_NOARGS, NULL},
    {"getrecursionlimit", sys_getrecursionlimit, METH_NOARGS, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, METH_O, NULL},
    {"exit", (PyCFunction)(void (*)(void))sys_exit, METH_FASTCALL, NULL},
    {"intern", sys_intern, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- the module --------------------------------------------------------------------------- */

static PyObject *sys_module;
static PyObject *modules_dict;

PyObject *
PyImport_GetModuleDict(void)
{
    return modules_dict;
}

PyObject *
PySys_GetObject(const char *name)
{
    if (sys_module == NULL) {
        return NULL;
    }
    PyObject *v = PyDict_GetItemString(PyModule_GetDict(sys_module), name);
    return v;
}

static int
set_attr(PyObject *dict, const char *name, PyObject *value)
{
    if (value == NULL) {
        return -1;
    }
    int r = PyDict_SetItemString(dict, name, value);
    Py_DECREF(value);
    return r;
}

int
pyrs_sys_set_argv(int argc, char **argv)
{
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        return -1;
    }
    for (int i = 0; i < argc; i++) {
        PyObject *s = PyUnicode_DecodeFSDefault(argv[i]);
        if (s == NULL || PyList_Append(list, s) < 0) {
            Py_XDECREF(s);
            Py_DECREF(list);
            return -1;
        }
        Py_DECREF(s);
    }
    return set_attr(PyModule_GetDict(sys_module), "argv", list);
}

static PyObject *
version_info(void)
{
    PyObject *t = PyTuple_New(5);
    if (t == NULL) {
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, PyLong_FromLong(3));
    PyTuple_SET_ITEM(t, 1, PyLong_FromLong(11));
    PyTuple_SET_ITEM(t, 2, PyLong_FromLong(2));
    PyTuple_SET_ITEM(t, 3, PyUnicode_FromString("final"));
    PyTuple_SET_ITEM(t, 4, PyLong_FromLong(0));
    if (PyErr_Occurred()) {
        Py_DECREF(t);
        return NULL;
    }
    return t;
}

int
pyrs_sys_init(void)
{
    if (PyType_Ready(&StdPrinter_Type) < 0) {
        return -1;
    }
    sys_module = PyModule_New("sys");
    modules_dict = PyDict_New();
    if (sys_module == NULL || modules_dict == NULL) {
        return -1;
    }
    PyObject *d = PyModule_GetDict(sys_module);
    for (PyMethodDef *m = sys_methods; m->ml_name != NULL; m++) {
        PyObject *f = PyCFunction_NewEx(m, sys_module, NULL);
        if (set_attr(d, m->ml_name, f) < 0) {
            return -1;
        }
    }
    PyObject *out = stdprinter_new(stdout, 1);
    PyObject *err = stdprinter_new(stderr, 2);
    if (out == NULL || err == NULL || PyDict_SetItemString(d, "stdout", out) < 0 ||
        PyDict_SetItemString(d, "__stdout__", out) < 0 ||
        PyDict_SetItemString(d, "stderr", err) < 0 ||
        PyDict_SetItemString(d, "__stderr__", err) < 0) {
        return -1;
    }
    Py_DECREF(out);
    Py_DECREF(err);
    if (set_attr(d, "version_info", version_info()) < 0 ||
        set_attr(d, "version", PyUnicode_FromString("3.11.2 (pyrs)")) < 0 ||
        set_attr(d, "maxsize", PyLong_FromSsize_t(PY_SSIZE_T_MAX)) < 0 ||
        set_attr(d, "byteorder", PyUnicode_FromString("little")) < 0 ||
        set_attr(d, "platform", PyUnicode_FromString("linux")) < 0 ||
        set_attr(d, "path", PyList_New(0)) < 0 || set_attr(d, "argv", PyList_New(0)) < 0 ||
        PyDict_SetItemString(d, "modules", modules_dict) < 0 ||
        PyDict_SetItemString(modules_dict, "sys", sys_module) < 0) {
        return -1;
    }
    return 0;
}
