/* containers_testutil.h: helpers for the container unit tests (test_tuple/list/dict/set/
 * range.c): a tiny literal parser (ints of any size, None, tuples, lists) to build objects from
 * the oracle's reprs, repr/exception capture as "!Type: message" strings, and checks. */
#ifndef PYRS_CONTAINERS_TESTUTIL_H
#define PYRS_CONTAINERS_TESTUTIL_H

#include <stdlib.h>

#include "Python.h"
#include "harness.h"
#include "pyrs/lifecycle.h"

static PyObject *lit_parse(const char **p);

/* The decimal integer at *P (optional '-'), advancing *P past it; new reference or NULL.
 * (PyLong_FromString rejects trailing text, so the digits are copied out first.) */
static inline PyObject *
parse_int(const char **p)
{
    char buf[128];
    size_t n = 0;
    if (**p == '-') {
        buf[n++] = *(*p)++;
    }
    while (**p >= '0' && **p <= '9' && n + 1 < sizeof(buf)) {
        buf[n++] = *(*p)++;
    }
    buf[n] = '\0';
    return PyLong_FromString(buf, NULL, 10);
}

static inline void
lit_skip(const char **p)
{
    while (**p == ' ' || **p == ',') {
        (*p)++;
    }
}

/* Items up to CLOSE into a new list. */
static inline PyObject *
lit_items(const char **p, char close)
{
    PyObject *list = PyList_New(0);
    (*p)++;
    for (;;) {
        lit_skip(p);
        if (**p == close) {
            (*p)++;
            return list;
        }
        PyObject *item = lit_parse(p);
        if (item == NULL || PyList_Append(list, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(item);
    }
}

static inline PyObject *
lit_parse(const char **p)
{
    lit_skip(p);
    if (**p == '(') {
        PyObject *list = lit_items(p, ')');
        PyObject *t = list ? PyList_AsTuple(list) : NULL;
        Py_XDECREF(list);
        return t;
    }
    if (**p == '[') {
        return lit_items(p, ']');
    }
    if (strncmp(*p, "None", 4) == 0) {
        *p += 4;
        return Py_NewRef(Py_None);
    }
    return parse_int(p);
}

/* The object written as S (a Python literal of ints/None/tuples/lists); new reference. */
static inline PyObject *
lit(const char *s)
{
    const char *p = s;
    PyObject *o = lit_parse(&p);
    if (o == NULL) {
        fprintf(stderr, "cannot parse literal %s\n", s);
        PyErr_Clear();
    }
    return o;
}

/* The pending exception as "!Type: message" (cleared), in a static buffer. */
static inline const char *
exc_text(void)
{
    static char buf[512];
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    if (type == NULL) {
        return "(no exception)";
    }
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject *s = value ? PyObject_Str(value) : NULL;
    const char *msg = s ? PyUnicode_AsUTF8(s) : "(unprintable)";
    snprintf(buf, sizeof(buf), "!%s: %s", ((PyTypeObject *)type)->tp_name, msg ? msg : "?");
    Py_XDECREF(s);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    PyErr_Clear();
    return buf;
}

/* repr(O), or the exception text when O is NULL; steals O. Static buffer. */
static inline const char *
repr_or_exc(PyObject *o)
{
    static char buf[1 << 16];
    if (o == NULL) {
        return exc_text();
    }
    PyObject *r = PyObject_Repr(o);
    Py_DECREF(o);
    if (r == NULL) {
        return exc_text();
    }
    const char *s = PyUnicode_AsUTF8(r);
    snprintf(buf, sizeof(buf), "%s", s ? s : "(null)");
    Py_DECREF(r);
    return buf;
}

/* Parses the next integer of a space-separated list; 0 at the end. */
static inline int
next_long(const char **p, long *out)
{
    while (**p == ' ') {
        (*p)++;
    }
    if (**p == '\0') {
        return 0;
    }
    char *end;
    *out = strtol(*p, &end, 10);
    *p = end;
    return 1;
}

static inline void
start_runtime(void)
{
    if (pyrs_runtime_init() < 0) {
        fprintf(stderr, "pyrs_runtime_init failed\n");
        exit(2);
    }
}

#endif /* PYRS_CONTAINERS_TESTUTIL_H */
