/* modsupport.c: Py_BuildValue and its variants (values from a format string), mirroring
 * CPython 3.11's Python/modsupport.c: the same units, 'N' reference stealing even on failure,
 * and the same SystemErrors for bad formats. (The PyModule_Add* helpers are in moduleobject.c.) */
#include "Python.h"

#include <wchar.h>

#undef Py_BuildValue
#undef Py_VaBuildValue
#undef _Py_VaBuildStack

#define FLAG_SIZE_T 1 /* '#' lengths are Py_ssize_t (the _SizeT entry points) */

/* The package of the extension module being initialised (set by the importer), or NULL. */
const char *_Py_PackageContext = NULL;

typedef struct {
    const char *format; /* the next unit */
    va_list *va;        /* the values */
    int flags;          /* FLAG_* */
} Builder;

static PyObject *do_mkvalue(Builder *b);

/* Number of items before ENDCHAR at this level, or -1 with SystemError. */
static Py_ssize_t
countformat(const char *format, char endchar)
{
    Py_ssize_t count = 0;
    int level = 0;
    while (level > 0 || *format != endchar) {
        switch (*format) {
        case '\0':
            PyErr_SetString(PyExc_SystemError, "unmatched paren in format");
            return -1;
        case '(':
        case '[':
        case '{':
            if (level == 0) {
                count++;
            }
            level++;
            break;
        case ')':
        case ']':
        case '}':
            level--;
            break;
        case '#':
        case '&':
        case ',':
        case ':':
        case ' ':
        case '\t':
            break;
        default:
            if (level == 0) {
                count++;
            }
        }
        format++;
    }
    return count;
}

/* Builds N items into ITEMS (new references). After a failure the remaining units are still
 * built and dropped, so every 'N' argument is consumed; the first exception is kept.
 * 0, or -1 with the exception set. */
static int
build_items(Builder *b, PyObject **items, Py_ssize_t n)
{
    int failed = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *exc_type = NULL, *exc_value = NULL, *exc_tb = NULL;
        if (failed) {
            PyErr_Fetch(&exc_type, &exc_value, &exc_tb);
        }
        PyObject *v = do_mkvalue(b);
        if (failed) {
            Py_XDECREF(v);
            PyErr_Clear();
            PyErr_Restore(exc_type, exc_value, exc_tb);
            items[i] = NULL;
            continue;
        }
        items[i] = v;
        if (v == NULL) {
            failed = 1;
        }
    }
    if (failed) {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_XDECREF(items[i]);
        }
        return -1;
    }
    return 0;
}

/* Closes a container unit: the format must be at ENDCHAR. */
static int
expect_end(Builder *b, char endchar)
{
    if (*b->format != endchar) {
        PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
        return -1;
    }
    if (endchar != '\0') {
        b->format++;
    }
    return 0;
}

/* ( ... ), [ ... ] or the top level: a tuple or list of the units up to ENDCHAR. */
static PyObject *
do_mkseq(Builder *b, char endchar, int as_list)
{
    Py_ssize_t n = countformat(b->format, endchar);
    if (n < 0) {
        return NULL;
    }
    PyObject *items_small[8];
    PyObject **items = n <= 8 ? items_small : PyMem_Malloc(sizeof(PyObject *) * (size_t)n);
    if (items == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *res = NULL;
    if (build_items(b, items, n) == 0) {
        res = as_list ? PyList_New(n) : PyTuple_New(n);
        for (Py_ssize_t i = 0; i < n; i++) {
            if (res == NULL) {
                Py_DECREF(items[i]);
            } else if (as_list) {
                PyList_SET_ITEM(res, i, items[i]);
            } else {
                PyTuple_SET_ITEM(res, i, items[i]);
            }
        }
        if (res != NULL && expect_end(b, endchar) < 0) {
            Py_CLEAR(res);
        }
    }
    if (items != items_small) {
        PyMem_Free(items);
    }
    return res;
}

/* { key: value, ... } */
static PyObject *
do_mkdict(Builder *b)
{
    Py_ssize_t n = countformat(b->format, '}');
    if (n < 0) {
        return NULL;
    }
    PyObject *tuple = do_mkseq(b, '}', 0);
    if (tuple == NULL) {
        return NULL;
    }
    if (n % 2 != 0) {
        Py_DECREF(tuple);
        PyErr_SetString(PyExc_SystemError, "Bad dict format");
        return NULL;
    }
    PyObject *d = PyDict_New();
    for (Py_ssize_t i = 0; d != NULL && i < n; i += 2) {
        if (PyDict_SetItem(d, PyTuple_GET_ITEM(tuple, i), PyTuple_GET_ITEM(tuple, i + 1)) < 0) {
            Py_CLEAR(d);
        }
    }
    Py_DECREF(tuple);
    return d;
}

/* The '#' length after a string unit, or -1 when absent; -2 with SystemError. */
static Py_ssize_t
string_length(Builder *b)
{
    if (*b->format != '#') {
        return -1;
    }
    b->format++;
    if (!(b->flags & FLAG_SIZE_T)) {
        PyErr_SetString(PyExc_SystemError,
                        "PY_SSIZE_T_CLEAN macro must be defined for '#' formats");
        return -2;
    }
    return va_arg(*b->va, Py_ssize_t);
}

/* s z U y u: str / bytes from C text (None for NULL). */
static PyObject *
mk_string(Builder *b, char c)
{
    if (c == 'u') {
        const wchar_t *w = va_arg(*b->va, const wchar_t *);
        Py_ssize_t n = string_length(b);
        if (n == -2) {
            return NULL;
        }
        if (w == NULL) {
            Py_RETURN_NONE;
        }
        return PyUnicode_FromWideChar(w, n < 0 ? (Py_ssize_t)wcslen(w) : n);
    }
    const char *str = va_arg(*b->va, const char *);
    Py_ssize_t n = string_length(b);
    if (n == -2) {
        return NULL;
    }
    if (str == NULL) {
        Py_RETURN_NONE;
    }
    if (n < 0) {
        size_t m = strlen(str);
        if (m > (size_t)PY_SSIZE_T_MAX) {
            PyErr_SetString(PyExc_OverflowError, c == 'y' ? "string too long for Python bytes"
                                                          : "string too long for Python string");
            return NULL;
        }
        n = (Py_ssize_t)m;
    }
    return c == 'y' ? PyBytes_FromStringAndSize(str, n) : PyUnicode_FromStringAndSize(str, n);
}

/* O S N and O&. */
static PyObject *
mk_object(Builder *b, char c)
{
    if (*b->format == '&') {
        typedef PyObject *(*converter)(void *);
        b->format++;
        converter func = va_arg(*b->va, converter);
        void *arg = va_arg(*b->va, void *);
        return func(arg);
    }
    PyObject *v = va_arg(*b->va, PyObject *);
    if (v == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_SystemError, "NULL object passed to Py_BuildValue");
        }
        return NULL;
    }
    return c == 'N' ? v : Py_NewRef(v);
}

/* Integer units. */
static PyObject *
mk_number(Builder *b, char c)
{
    switch (c) {
    case 'b':
    case 'B':
    case 'h':
    case 'i':
        return PyLong_FromLong(va_arg(*b->va, int));
    case 'H':
        return PyLong_FromLong((unsigned short)va_arg(*b->va, int));
    case 'I':
        return PyLong_FromUnsignedLong(va_arg(*b->va, unsigned int));
    case 'n':
        return PyLong_FromSsize_t(va_arg(*b->va, Py_ssize_t));
    case 'l':
        return PyLong_FromLong(va_arg(*b->va, long));
    case 'k':
        return PyLong_FromUnsignedLong(va_arg(*b->va, unsigned long));
    case 'L':
        return PyLong_FromLongLong(va_arg(*b->va, long long));
    default: /* 'K' */
        return PyLong_FromUnsignedLongLong(va_arg(*b->va, unsigned long long));
    }
}

/* One unit at b->format: a new reference or NULL with an exception. */
static PyObject *
do_mkvalue(Builder *b)
{
    for (;;) {
        char c = *b->format++;
        switch (c) {
        case '(':
            return do_mkseq(b, ')', 0);
        case '[':
            return do_mkseq(b, ']', 1);
        case '{':
            return do_mkdict(b);
        case 'b':
        case 'B':
        case 'h':
        case 'i':
        case 'H':
        case 'I':
        case 'n':
        case 'l':
        case 'k':
        case 'L':
        case 'K':
            return mk_number(b, c);
        case 'f':
        case 'd':
            return PyFloat_FromDouble(va_arg(*b->va, double));
        case 'D':
            return PyComplex_FromCComplex(*va_arg(*b->va, Py_complex *));
        case 'c': {
            char ch = (char)va_arg(*b->va, int);
            return PyBytes_FromStringAndSize(&ch, 1);
        }
        case 'C':
            return PyUnicode_FromOrdinal(va_arg(*b->va, int));
        case 's':
        case 'z':
        case 'U':
        case 'y':
        case 'u':
            return mk_string(b, c);
        case 'N':
        case 'S':
        case 'O':
            return mk_object(b, c);
        case ':':
        case ',':
        case ' ':
        case '\t':
            break;
        default:
            PyErr_SetString(PyExc_SystemError, "bad format char passed to Py_BuildValue");
            return NULL;
        }
    }
}

static PyObject *
va_build_value(const char *format, va_list va, int flags)
{
    Py_ssize_t n = countformat(format, '\0');
    if (n < 0) {
        return NULL;
    }
    if (n == 0) {
        Py_RETURN_NONE;
    }
    va_list copy;
    va_copy(copy, va);
    Builder b = {format, &copy, flags};
    PyObject *res = n == 1 ? do_mkvalue(&b) : do_mkseq(&b, '\0', 0);
    va_end(copy);
    return res;
}

PyObject *
Py_BuildValue(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *res = va_build_value(format, va, 0);
    va_end(va);
    return res;
}

PyObject *
_Py_BuildValue_SizeT(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *res = va_build_value(format, va, FLAG_SIZE_T);
    va_end(va);
    return res;
}

PyObject *
Py_VaBuildValue(const char *format, va_list va)
{
    return va_build_value(format, va, 0);
}

PyObject *
_Py_VaBuildValue_SizeT(const char *format, va_list va)
{
    return va_build_value(format, va, FLAG_SIZE_T);
}

static PyObject **
va_build_stack(PyObject **small_stack, Py_ssize_t small_stack_len, const char *format, va_list va,
               int flags, Py_ssize_t *p_nargs)
{
    Py_ssize_t n = countformat(format, '\0');
    if (n < 0) {
        *p_nargs = 0;
        return NULL;
    }
    *p_nargs = n;
    if (n == 0) {
        return small_stack;
    }
    PyObject **stack =
        n <= small_stack_len ? small_stack : PyMem_Malloc(sizeof(PyObject *) * (size_t)n);
    if (stack == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    va_list copy;
    va_copy(copy, va);
    Builder b = {format, &copy, flags};
    int r = build_items(&b, stack, n);
    va_end(copy);
    if (r < 0) {
        if (stack != small_stack) {
            PyMem_Free(stack);
        }
        return NULL;
    }
    return stack;
}

PyObject **
_Py_VaBuildStack(PyObject **small_stack, Py_ssize_t small_stack_len, const char *format, va_list va,
                 Py_ssize_t *p_nargs)
{
    return va_build_stack(small_stack, small_stack_len, format, va, 0, p_nargs);
}

PyObject **
_Py_VaBuildStack_SizeT(PyObject **small_stack, Py_ssize_t small_stack_len, const char *format,
                       va_list va, Py_ssize_t *p_nargs)
{
    return va_build_stack(small_stack, small_stack_len, format, va, FLAG_SIZE_T, p_nargs);
}
