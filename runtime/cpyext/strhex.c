/* cpyext/strhex.c: the _Py_strhex family CPython 3.11 exports (Python/pystrhex.c): bytes
 * as lowercase hex text, optionally with a one-character separator between groups of bytes
 * counted from the right (or from the left for a negative group size), with CPython's
 * argument errors. _hashlib's hexdigest() uses it. */
#include <string.h>

#include "Python.h"
#include "pyrs/cpyext.h"

static const char hexdigits[] = "0123456789abcdef";

/* The separator character of SEP (NULL: none), or -1 with an exception. */
static int
sep_char(const PyObject *sep, int return_bytes)
{
    PyObject *s = (PyObject *)sep;
    Py_ssize_t n = PyObject_Length(s);
    if (n < 0) {
        return -1;
    }
    if (n != 1) {
        PyErr_SetString(PyExc_ValueError, "sep must be length 1.");
        return -1;
    }
    unsigned int c;
    if (PyUnicode_Check(s)) {
        if (PyUnicode_KIND(s) != PyUnicode_1BYTE_KIND) {
            PyErr_SetString(PyExc_ValueError, "sep must be ASCII.");
            return -1;
        }
        c = PyUnicode_READ_CHAR(s, 0);
    } else if (PyBytes_Check(s)) {
        c = (unsigned char)PyBytes_AS_STRING(s)[0];
    } else {
        PyErr_SetString(PyExc_TypeError, "sep must be str or bytes.");
        return -1;
    }
    if (c > 127 && !return_bytes) {
        PyErr_SetString(PyExc_ValueError, "sep must be ASCII.");
        return -1;
    }
    return (int)c;
}

/* Writes the hex of ARG (N bytes) into OUT with SEP every GROUP bytes (0: never). */
static void
fill_hex(char *out, const unsigned char *arg, Py_ssize_t n, char sep, int group)
{
    Py_ssize_t agroup = group < 0 ? -(Py_ssize_t)group : group;
    Py_ssize_t j = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        /* a separator goes before byte i when a group boundary falls there */
        if (i > 0 && agroup > 0) {
            Py_ssize_t pos = group > 0 ? n - i : i;
            if (pos % agroup == 0) {
                out[j++] = sep;
            }
        }
        out[j++] = hexdigits[arg[i] >> 4];
        out[j++] = hexdigits[arg[i] & 0xf];
    }
}

static PyObject *
strhex_impl(const char *argbuf, Py_ssize_t arglen, const PyObject *sep, int group, int as_bytes)
{
    char sepc = 0;
    if (sep != NULL) {
        int c = sep_char(sep, as_bytes);
        if (c < 0) {
            return NULL;
        }
        sepc = (char)c;
    } else {
        group = 0;
    }
    Py_ssize_t agroup = group < 0 ? -(Py_ssize_t)group : group;
    if (agroup >= arglen) {
        group = 0;
        agroup = 0;
    }
    Py_ssize_t nsep = agroup > 0 && arglen > 0 ? (arglen - 1) / agroup : 0;
    if (arglen >= PY_SSIZE_T_MAX / 2 - nsep) {
        return PyErr_NoMemory();
    }
    Py_ssize_t len = arglen * 2 + nsep;
    PyObject *res = as_bytes ? PyBytes_FromStringAndSize(NULL, len) : PyUnicode_New(len, 127);
    if (res == NULL) {
        return NULL;
    }
    char *out = as_bytes ? PyBytes_AS_STRING(res) : (char *)PyUnicode_DATA(res);
    fill_hex(out, (const unsigned char *)argbuf, arglen, sepc, group);
    return res;
}

PyObject *
_Py_strhex(const char *argbuf, const Py_ssize_t arglen)
{
    return strhex_impl(argbuf, arglen, NULL, 0, 0);
}

PyObject *
_Py_strhex_bytes(const char *argbuf, const Py_ssize_t arglen)
{
    return strhex_impl(argbuf, arglen, NULL, 0, 1);
}

PyObject *
_Py_strhex_with_sep(const char *argbuf, const Py_ssize_t arglen, const PyObject *sep,
                    const int bytes_per_group)
{
    return strhex_impl(argbuf, arglen, sep, bytes_per_group, 0);
}

PyObject *
_Py_strhex_bytes_with_sep(const char *argbuf, const Py_ssize_t arglen, const PyObject *sep,
                          const int bytes_per_group)
{
    return strhex_impl(argbuf, arglen, sep, bytes_per_group, 1);
}
