/* stdlib/posix/osutil.c: argument helpers of the OS modules (see osutil.h). Messages mirror
 * CPython 3.11's Argument Clinic (_PyArg_UnpackKeywords) and posixmodule.c's path_converter. */
#define _GNU_SOURCE 1
#include "osutil.h"

#include <errno.h>
#include <fcntl.h>

static int
count_names(const char *const *names)
{
    int n = 0;
    while (names[n] != NULL) {
        n++;
    }
    return n;
}

static int
find_keyword(const PyrsArgSpec *spec, int n, PyObject *key)
{
    for (int i = 0; i < n; i++) {
        if (spec->names[i][0] != '\0' &&
            PyUnicode_CompareWithASCIIString(key, spec->names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

static int
too_many(const PyrsArgSpec *spec, int n, Py_ssize_t nargs, Py_ssize_t nkw)
{
    if (nargs + nkw > n) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d argument%s (%zd given)", spec->fname,
                     n, n == 1 ? "" : "s", nargs + nkw);
        return 1;
    }
    if (nargs > spec->npos) {
        if (spec->npos == 0) {
            PyErr_Format(PyExc_TypeError, "%s() takes no positional arguments", spec->fname);
        } else {
            PyErr_Format(PyExc_TypeError, "%s() takes %s %d positional argument%s (%zd given)",
                         spec->fname, spec->nrequired < spec->npos ? "at most" : "exactly",
                         spec->npos, spec->npos == 1 ? "" : "s", nargs);
        }
        return 1;
    }
    return 0;
}

static int
check_required(const PyrsArgSpec *spec, Py_ssize_t nargs, PyObject **out)
{
    for (int i = 0; i < spec->nrequired; i++) {
        if (out[i] != NULL) {
            continue;
        }
        if (spec->names[i][0] == '\0') {
            PyErr_Format(PyExc_TypeError, "%s() takes %s %d positional argument%s (%zd given)",
                         spec->fname, spec->nrequired < spec->npos ? "at least" : "exactly",
                         spec->nrequired, spec->nrequired == 1 ? "" : "s", nargs);
        } else {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %d)",
                         spec->fname, spec->names[i], i + 1);
        }
        return -1;
    }
    return 0;
}

int
pyrs_osutil_unpack(const PyrsArgSpec *spec, PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames, PyObject **out)
{
    int n = count_names(spec->names);
    Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0, used = 0;
    if (too_many(spec, n, nargs, nkw)) {
        return -1;
    }
    for (int i = 0; i < n; i++) {
        out[i] = i < nargs ? args[i] : NULL;
    }
    /* As Argument Clinic: keywords fill the later parameters, missing required ones are
     * reported first, then a keyword repeating a positional one, then an unknown keyword. */
    for (Py_ssize_t k = 0; k < nkw; k++) {
        int j = find_keyword(spec, n, PyTuple_GET_ITEM(kwnames, k));
        if (j >= nargs) {
            out[j] = args[nargs + k];
            used++;
        }
    }
    if (check_required(spec, nargs, out) < 0) {
        return -1;
    }
    for (Py_ssize_t k = 0; used < nkw && k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        int j = find_keyword(spec, n, key);
        if (j >= 0 && j < nargs) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %s() given by name ('%s') and position (%d)", spec->fname,
                         spec->names[j], j + 1);
            return -1;
        }
    }
    for (Py_ssize_t k = 0; used < nkw && k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        if (find_keyword(spec, n, key) < 0) {
            PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for %s()", key,
                         spec->fname);
            return -1;
        }
    }
    return 0;
}

static const char *
allowed_kinds(const PyrsPath *p)
{
    if (p->allow_fd && p->nullable) {
        return "string, bytes, os.PathLike, integer or None";
    }
    if (p->allow_fd) {
        return "string, bytes, os.PathLike or integer";
    }
    if (p->nullable) {
        return "string, bytes, os.PathLike or None";
    }
    return "string, bytes or os.PathLike";
}

static const char *
arg_name(const PyrsPath *p)
{
    return p->argument_name != NULL ? p->argument_name : "path";
}

static int
wrong_type(PyrsPath *p, PyObject *obj)
{
    PyErr_Format(PyExc_TypeError, "%s%s%s should be %s, not %.200s",
                 p->function_name ? p->function_name : "", p->function_name ? ": " : "",
                 arg_name(p), allowed_kinds(p), Py_TYPE(obj)->tp_name);
    return -1;
}

static int
path_from_fd(PyrsPath *p, PyObject *obj)
{
    int fd = pyrs_osutil_as_int(obj);
    if (fd == -1 && PyErr_Occurred()) {
        return -1;
    }
    p->fd = fd;
    return 0;
}

static int
path_from_fspath(PyrsPath *p, PyObject *obj, PyObject *res)
{
    if (PyUnicode_Check(res)) {
        if (!PyUnicode_FSConverter(res, &p->cleanup)) {
            return -1;
        }
    } else {
        p->is_bytes = 1;
        p->cleanup = Py_NewRef(res);
        Py_ssize_t n = PyBytes_GET_SIZE(res);
        if ((Py_ssize_t)strlen(PyBytes_AS_STRING(res)) != n) {
            PyErr_Format(PyExc_ValueError, "%s%sembedded null character in %s",
                         p->function_name ? p->function_name : "", p->function_name ? ": " : "",
                         arg_name(p));
            return -1;
        }
    }
    (void)obj;
    p->narrow = PyBytes_AS_STRING(p->cleanup);
    p->length = PyBytes_GET_SIZE(p->cleanup);
    return 0;
}

/* Other bytes-like objects are still accepted, with CPython 3.11's DeprecationWarning. */
static int
path_from_buffer(PyrsPath *p, PyObject *obj)
{
    if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1, "%s%s%s should be %s, not %.200s",
                         p->function_name ? p->function_name : "", p->function_name ? ": " : "",
                         arg_name(p), allowed_kinds(p), Py_TYPE(obj)->tp_name) < 0) {
        return -1;
    }
    PyObject *bytes = PyBytes_FromObject(obj);
    if (bytes == NULL) {
        return -1;
    }
    int rc = path_from_fspath(p, obj, bytes);
    Py_DECREF(bytes);
    return rc;
}

int
pyrs_osutil_path_init(PyrsPath *p, PyObject *obj)
{
    p->narrow = NULL;
    p->fd = -1;
    p->length = 0;
    p->is_bytes = 0;
    p->cleanup = NULL;
    p->fsobj = NULL;
    p->object = obj != NULL ? obj : Py_None;
    if (obj == NULL || (obj == Py_None && p->nullable)) {
        return 0;
    }
    if (PyUnicode_Check(obj) || PyBytes_Check(obj)) {
        return path_from_fspath(p, obj, obj);
    }
    if (p->allow_fd && PyIndex_Check(obj)) {
        return path_from_fd(p, obj);
    }
    if (PyObject_CheckBuffer(obj)) {
        return path_from_buffer(p, obj);
    }
    PyObject *func = PyObject_GetAttrString((PyObject *)Py_TYPE(obj), "__fspath__");
    if (func == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
            return -1;
        }
        PyErr_Clear();
        return wrong_type(p, obj);
    }
    PyObject *res = PyObject_CallOneArg(func, obj);
    Py_DECREF(func);
    if (res == NULL) {
        return -1;
    }
    if (!PyUnicode_Check(res) && !PyBytes_Check(res)) {
        PyErr_Format(PyExc_TypeError,
                     "expected %.200s.__fspath__() to return str or bytes, not %.200s",
                     Py_TYPE(obj)->tp_name, Py_TYPE(res)->tp_name);
        Py_DECREF(res);
        return -1;
    }
    /* Errors name the file as os.fspath() gave it, as CPython's path_t does. */
    p->fsobj = res;
    p->object = res;
    return path_from_fspath(p, obj, res);
}

void
pyrs_osutil_path_clear(PyrsPath *p)
{
    Py_CLEAR(p->cleanup);
    if (p->fsobj != NULL) {
        p->object = Py_None;
        Py_CLEAR(p->fsobj);
    }
    p->narrow = NULL;
}

PyObject *
pyrs_osutil_path_error(const PyrsPath *p)
{
    return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, p->object);
}

PyObject *
pyrs_osutil_path_error2(const PyrsPath *p, const PyrsPath *q)
{
    return PyErr_SetFromErrnoWithFilenameObjects(PyExc_OSError, p->object, q->object);
}

PyObject *
pyrs_osutil_errno(void)
{
    return PyErr_SetFromErrno(PyExc_OSError);
}

PyObject *
pyrs_osutil_path_result(const char *s, Py_ssize_t n, int is_bytes)
{
    if (is_bytes) {
        return PyBytes_FromStringAndSize(s, n);
    }
    return PyUnicode_DecodeFSDefaultAndSize(s, n);
}

int
pyrs_osutil_as_int(PyObject *obj)
{
    return _PyLong_AsInt(obj);
}

int
pyrs_osutil_fileno(PyObject *obj)
{
    PyObject *num = NULL;
    if (PyLong_Check(obj)) {
        num = Py_NewRef(obj);
    } else {
        PyObject *meth = PyObject_GetAttrString(obj, "fileno");
        if (meth == NULL) {
            if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
                PyErr_Clear();
                PyErr_SetString(PyExc_TypeError,
                                "argument must be an int, or have a fileno() method.");
            }
            return -1;
        }
        num = PyObject_CallNoArgs(meth);
        Py_DECREF(meth);
        if (num == NULL) {
            return -1;
        }
        if (!PyLong_Check(num)) {
            PyErr_SetString(PyExc_TypeError, "fileno() returned a non-integer");
            Py_DECREF(num);
            return -1;
        }
    }
    int fd = _PyLong_AsInt(num);
    Py_DECREF(num);
    if (fd == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (fd < 0) {
        PyErr_Format(PyExc_ValueError, "file descriptor cannot be a negative integer (%i)", fd);
        return -1;
    }
    return fd;
}

int
pyrs_osutil_dir_fd(PyObject *obj, int *out)
{
    if (obj == NULL || obj == Py_None) {
        *out = AT_FDCWD;
        return 0;
    }
    if (!PyIndex_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "argument should be integer or None, not %.200s",
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    int fd = _PyLong_AsInt(obj);
    if (fd == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = fd;
    return 0;
}

int
pyrs_osutil_flag(PyObject *obj, int dflt)
{
    return obj == NULL ? dflt : PyObject_IsTrue(obj);
}

int
pyrs_osutil_add_ints(PyObject *module, const PyrsIntConst *table)
{
    for (; table->name != NULL; table++) {
        if (PyModule_AddIntConstant(module, table->name, table->value) < 0) {
            return -1;
        }
    }
    return 0;
}

int
pyrs_osutil_id(PyObject *obj, const char *kind, unsigned int *out)
{
    if (!PyIndex_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s should be integer, not %.200s", kind,
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    PyObject *index = PyNumber_Index(obj);
    if (index == NULL) {
        return -1;
    }
    int overflow = 0;
    long v = PyLong_AsLongAndOverflow(index, &overflow);
    Py_DECREF(index);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (overflow > 0) {
        PyErr_Format(PyExc_OverflowError, "%s is greater than maximum", kind);
        return -1;
    }
    if (v == -1 && overflow == 0) {
        *out = (unsigned int)-1;
        return 0;
    }
    /* CPython reports values that fit a long but not the id type as "less than minimum". */
    if (overflow < 0 || v < 0 || v > (long)0xFFFFFFFFu) {
        PyErr_Format(PyExc_OverflowError, "%s is less than minimum", kind);
        return -1;
    }
    *out = (unsigned int)v;
    return 0;
}

int
pyrs_osutil_fsconvert(PyObject *obj, PyObject **out)
{
    PyObject *path = PyOS_FSPath(obj);
    if (path == NULL) {
        return 0;
    }
    int rc = PyUnicode_FSConverter(path, out);
    Py_DECREF(path);
    return rc;
}
