/* pyrs/rtmods.h: what the runtime-facing native modules (stdlib/_codecsmodule.c, atexit, gc,
 * _thread, _warnings, ...) share with the rest of the runtime: the shutdown hook of atexit, the
 * warnings entry point, and a small vectorcall argument binder giving Argument Clinic's
 * messages. */
#ifndef PYRS_RTMODS_H
#define PYRS_RTMODS_H

#include "Python.h"
#include "pyrs/call.h"

/* Runs and clears the atexit callbacks (last registered first), reporting each exception as
 * CPython does ("Exception ignored in atexit callback"). Runs Python code; never fails. The
 * lead calls it from the interpreter shutdown, before modules are torn down. */
void pyrs_atexit_run(void);

/* The warnings machinery of stdlib/_warningsmodule.c, for the PyErr_Warn* C-API (errors.c):
 * pyrs_warnings_warn is warnings.warn(MESSAGE, CATEGORY, STACK_LEVEL, SOURCE) with SOURCE
 * possibly NULL, stack level 1 being the innermost Python frame; pyrs_warnings_warn_explicit is
 * warn_explicit (MODULE and REGISTRY may be NULL). Both run Python code and honour the filters
 * of the warnings module when it is imported; 0, or -1 with the exception set (including the
 * warning itself under an "error" filter). */
int pyrs_warnings_warn(PyObject *category, PyObject *message, Py_ssize_t stack_level,
                       PyObject *source);
int pyrs_warnings_warn_explicit(PyObject *category, PyObject *message, PyObject *filename,
                                int lineno, PyObject *module, PyObject *registry);

/* runtime/context.c: readies Context, ContextVar, Token and Token.MISSING for _contextvars;
 * 0 or -1. */
int pyrs_context_init_types(void);

/* Binds a METH_FASTCALL | METH_KEYWORDS call to the parameters NAMES (NULL-terminated; "" marks
 * a positional-only parameter). The first MINARGS are required. OUT[i] receives a borrowed
 * reference or NULL when omitted. 0, or -1 with CPython's TypeError for missing, surplus,
 * duplicate or unexpected arguments. */
static inline int
pyrs_rtmods_bind(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                 const char *const *names, Py_ssize_t minargs, PyObject **out)
{
    Py_ssize_t n = 0, nposonly = 0;
    while (names[n] != NULL) {
        if (names[n][0] == '\0') {
            nposonly = n + 1;
        }
        out[n] = NULL;
        n++;
    }
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    if (nposonly == n) {
        /* Positional-only functions check like _PyArg_CheckPositional. */
        if ((nkw > 0 && !_PyArg_NoKwnames(fname, kwnames)) ||
            !_PyArg_CheckPositional(fname, nargs, minargs, n)) {
            return -1;
        }
    }
    if (nargs > n) {
        if (n == 0) {
            PyErr_Format(PyExc_TypeError, "%s() takes no arguments (%zd given)", fname, nargs);
        } else {
            PyErr_Format(PyExc_TypeError, "%s() takes at most %zd argument%s (%zd given)", fname, n,
                         n == 1 ? "" : "s", nargs + nkw);
        }
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        out[i] = args[i];
    }
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        const char *s = PyUnicode_AsUTF8(key);
        Py_ssize_t i = nposonly;
        while (s != NULL && i < n && strcmp(names[i], s) != 0) {
            i++;
        }
        if (s == NULL || i == n) {
            if (s != NULL) {
                PyErr_Format(PyExc_TypeError, "'%s' is an invalid keyword argument for %s()", s,
                             fname);
            }
            return -1;
        }
        if (out[i] != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %s() given by name ('%s') and position (%zd)", fname, s,
                         i + 1);
            return -1;
        }
        out[i] = args[nargs + k];
    }
    for (Py_ssize_t i = 0; i < minargs; i++) {
        if (out[i] == NULL) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %zd)", fname,
                         names[i], i + 1);
            return -1;
        }
    }
    return 0;
}

/* A str argument as UTF-8 for FNAME's argument WHICH ("1", "'errors'", or "" for a sole
 * argument), with CPython's "argument W must be str, not T" and embedded-null ValueError;
 * NULL with the exception set. Borrowed buffer. */
static inline const char *
pyrs_rtmods_str(const char *fname, const char *which, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "%s() argument%s%s must be str, not %.50s", fname,
                     which[0] ? " " : "", which, Py_TYPE(arg)->tp_name);
        return NULL;
    }
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(arg, &len);
    if (s != NULL && (Py_ssize_t)strlen(s) != len) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        return NULL;
    }
    return s;
}

#endif /* PYRS_RTMODS_H */
