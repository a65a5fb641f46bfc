/* suggestions.c: the "Did you mean: 'x'?" hint CPython 3.11 appends to an uncaught NameError
 * or AttributeError: the closest name by a Levenshtein distance over UTF-8 bytes in which a
 * change of letter case costs half a substitution, among dir(obj) for AttributeError and
 * among the failing frame's variable names, then globals, then builtins for NameError. Names
 * longer than 40 bytes and candidate lists of 750 or more are not considered; a candidate
 * needing more than about a third of its characters changed is not offered. */
#include "Python.h"
#include "pyrs/errors.h"

#include <string.h>

#define MAX_CANDIDATES 750
#define MAX_NAME_BYTES 40
#define MOVE_COST      2
#define CASE_COST      1

/* Substituting A by B: free when equal, CASE_COST for an ASCII case flip, else MOVE_COST. */
static Py_ssize_t
substitution_cost(char a, char b)
{
    if (a == b) {
        return 0;
    }
    if ((a ^ b) == 0x20 && ((a | 0x20) >= 'a' && (a | 0x20) <= 'z')) {
        return CASE_COST;
    }
    return MOVE_COST;
}

/* Edit distance of A[0..alen) and B[0..blen), or MAX_COST + 1 as soon as it must exceed
 * MAX_COST (the callers only care about close matches). */
static Py_ssize_t
edit_distance(const char *a, Py_ssize_t alen, const char *b, Py_ssize_t blen, Py_ssize_t max_cost)
{
    while (alen > 0 && blen > 0 && a[0] == b[0]) { /* common prefix and suffix are free */
        a++, b++, alen--, blen--;
    }
    while (alen > 0 && blen > 0 && a[alen - 1] == b[blen - 1]) {
        alen--, blen--;
    }
    if (alen == 0 || blen == 0) {
        return (alen + blen) * MOVE_COST;
    }
    if (alen > MAX_NAME_BYTES || blen > MAX_NAME_BYTES) {
        return max_cost + 1;
    }
    if (blen < alen) { /* the row runs over the shorter string */
        const char *t = a;
        a = b, b = t;
        Py_ssize_t n = alen;
        alen = blen, blen = n;
    }
    if ((blen - alen) * MOVE_COST > max_cost) {
        return max_cost + 1;
    }
    Py_ssize_t row[MAX_NAME_BYTES];
    for (Py_ssize_t i = 0; i < alen; i++) {
        row[i] = (i + 1) * MOVE_COST;
    }
    /* One row of costs per character of B; like CPython's, a row starts from j * MOVE_COST
     * on both the diagonal and the left (this is what decides CPython's suggestions). */
    Py_ssize_t result = 0;
    for (Py_ssize_t j = 0; j < blen; j++) {
        Py_ssize_t diag = j * MOVE_COST;
        Py_ssize_t row_min = PY_SSIZE_T_MAX;
        result = diag;
        for (Py_ssize_t i = 0; i < alen; i++) {
            Py_ssize_t substitute = diag + substitution_cost(b[j], a[i]);
            diag = row[i];
            Py_ssize_t insert_delete = (result < diag ? result : diag) + MOVE_COST;
            result = insert_delete < substitute ? insert_delete : substitute;
            row[i] = result;
            if (result < row_min) {
                row_min = result;
            }
        }
        if (row_min > max_cost) {
            return max_cost + 1;
        }
    }
    return result;
}

/* The closest of the str items of CANDIDATES (a list) to NAME, as a new reference; NULL
 * without an exception when none is close enough. */
static PyObject *
closest_name(PyObject *candidates, PyObject *name)
{
    Py_ssize_t n = PyList_GET_SIZE(candidates);
    Py_ssize_t name_len;
    const char *name_text = PyUnicode_AsUTF8AndSize(name, &name_len);
    if (n >= MAX_CANDIDATES || name_text == NULL) {
        PyErr_Clear();
        return NULL;
    }
    PyObject *best = NULL;
    Py_ssize_t best_distance = PY_SSIZE_T_MAX;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(candidates, i);
        Py_ssize_t len;
        const char *text = PyUnicode_Check(item) ? PyUnicode_AsUTF8AndSize(item, &len) : NULL;
        if (text == NULL) {
            PyErr_Clear();
            return NULL;
        }
        if (len == name_len && memcmp(text, name_text, (size_t)len) == 0) {
            continue;
        }
        Py_ssize_t max_distance = (name_len + len + 3) * MOVE_COST / 6;
        if (best_distance - 1 < max_distance) {
            max_distance = best_distance - 1;
        }
        Py_ssize_t d = edit_distance(name_text, name_len, text, len, max_distance);
        if (d <= max_distance && (best == NULL || d < best_distance)) {
            best = item;
            best_distance = d;
        }
    }
    return Py_XNewRef(best);
}

/* closest_name over ITERABLE's items (a dict's keys, a tuple of names, dir()'s list). */
static PyObject *
closest_in(PyObject *iterable, PyObject *name)
{
    PyObject *list = iterable != NULL ? PySequence_List(iterable) : NULL;
    PyObject *r = list != NULL ? closest_name(list, name) : NULL;
    Py_XDECREF(list);
    PyErr_Clear();
    return r;
}

static PyObject *
attribute_suggestion(PyObject *exc)
{
    PyObject *name = PyObject_GetAttrString(exc, "name");
    PyObject *obj = name != NULL ? PyObject_GetAttrString(exc, "obj") : NULL;
    PyObject *r = NULL;
    if (name != NULL && obj != NULL && PyUnicode_Check(name)) {
        PyObject *dir = PyObject_Dir(obj);
        r = closest_in(dir, name);
        Py_XDECREF(dir);
    }
    Py_XDECREF(name);
    Py_XDECREF(obj);
    PyErr_Clear();
    return r;
}

/* The frame of the innermost traceback entry of EXC, or NULL. */
static PyObject *
innermost_frame(PyObject *exc)
{
    PyObject *tb = PyException_GetTraceback(exc);
    while (tb != NULL && tb != Py_None) {
        PyObject *next = PyObject_GetAttrString(tb, "tb_next");
        if (next == NULL || next == Py_None) {
            Py_XDECREF(next);
            break;
        }
        Py_SETREF(tb, next);
    }
    PyObject *frame = tb != NULL && tb != Py_None ? PyObject_GetAttrString(tb, "tb_frame") : NULL;
    Py_XDECREF(tb);
    PyErr_Clear();
    return frame;
}

static PyObject *
name_suggestion(PyObject *exc)
{
    PyObject *name = PyObject_GetAttrString(exc, "name");
    PyObject *frame = name != NULL && PyUnicode_Check(name) ? innermost_frame(exc) : NULL;
    PyObject *r = NULL;
    static const char *const scopes[] = {"f_code", "f_globals", "f_builtins"};
    for (size_t i = 0; frame != NULL && r == NULL && i < Py_ARRAY_LENGTH(scopes); i++) {
        PyObject *scope = PyObject_GetAttrString(frame, scopes[i]);
        if (scope != NULL && i == 0) { /* the code's local variable names */
            Py_SETREF(scope, PyObject_GetAttrString(scope, "co_varnames"));
        }
        r = closest_in(scope, name);
        Py_XDECREF(scope);
    }
    Py_XDECREF(frame);
    Py_XDECREF(name);
    PyErr_Clear();
    return r;
}

PyObject *
pyrs_offer_suggestion(PyObject *exc)
{
    if (PyErr_GivenExceptionMatches(exc, PyExc_AttributeError)) {
        return attribute_suggestion(exc);
    }
    if (PyErr_GivenExceptionMatches(exc, PyExc_NameError)) {
        return name_suggestion(exc);
    }
    return NULL;
}
