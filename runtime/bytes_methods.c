/* bytes_methods.c: the methods bytes and bytearray share (CPython 3.11's
 * Objects/bytes_methods.c plus the bytes/bytearray method bodies): one implementation works on
 * (data, length) and returns a result of the receiver's type. Also bytes % args, `in`, and
 * the constructor helpers. */
#include "Python.h"
#include "pyrs/bytes.h"
#include "pyrs/unicode.h"

#define FAST(fn) ((PyCFunction)(void (*)(void))(fn))
#define FASTKW   (METH_FASTCALL | METH_KEYWORDS)

static const char *
DATA(PyObject *self)
{
    return PyBytes_Check(self) ? PyBytes_AS_STRING(self) : PyByteArray_AS_STRING(self);
}

/* A new object of SELF's kind (bytes or bytearray) holding S[0:N]. */
static PyObject *
make(PyObject *self, const char *s, Py_ssize_t n)
{
    if (PyByteArray_Check(self)) {
        return PyByteArray_FromStringAndSize(s, n);
    }
    return PyBytes_FromStringAndSize(s, n);
}

/* SELF itself for an exact bytes, else a copy of the same kind. */
static PyObject *
same(PyObject *self)
{
    if (PyBytes_CheckExact(self)) {
        return Py_NewRef(self);
    }
    return make(self, DATA(self), Py_SIZE(self));
}

static int
get_buf(PyObject *o, Py_buffer *v)
{
    if (PyObject_GetBuffer(o, v, PyBUF_SIMPLE) < 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                     Py_TYPE(o)->tp_name);
        return -1;
    }
    return 0;
}

static int
nargs_between(const char *name, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max)
{
    if (nargs >= min && nargs <= max) {
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "%s expected %s %zd argument%s, got %zd", name,
                 nargs < min ? "at least" : "at most", nargs < min ? min : max,
                 (nargs < min ? min : max) == 1 ? "" : "s", nargs);
    return -1;
}

static int
ssize_arg(PyObject *v, Py_ssize_t *out)
{
    if (!PyIndex_Check(v)) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                     Py_TYPE(v)->tp_name);
        return -1;
    }
    *out = PyNumber_AsSsize_t(v, PyExc_OverflowError);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

/* ---- searching -------------------------------------------------------------------------- */

static Py_ssize_t
find_mem(const char *s, Py_ssize_t start, Py_ssize_t end, const char *sub, Py_ssize_t m, int dir)
{
    if (end - start < m) {
        return -1;
    }
    if (dir > 0) {
        for (Py_ssize_t i = start; i <= end - m; i++) {
            if (memcmp(s + i, sub, (size_t)m) == 0) {
                return i;
            }
        }
    } else {
        for (Py_ssize_t i = end - m; i >= start; i--) {
            if (memcmp(s + i, sub, (size_t)m) == 0) {
                return i;
            }
        }
    }
    return -1;
}

/* The sub argument of find & co: a bytes-like or an int 0..255 (into BYTE). */
static int
sub_arg(PyObject *arg, Py_buffer *v, char *byte, const char **sub, Py_ssize_t *m)
{
    if (PyIndex_Check(arg)) {
        Py_ssize_t x = PyNumber_AsSsize_t(arg, NULL);
        if (x == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (x < 0 || x > 255) {
            PyErr_SetString(PyExc_ValueError, "byte must be in range(0, 256)");
            return -1;
        }
        *byte = (char)x;
        *sub = byte;
        *m = 1;
        v->obj = NULL;
        return 0;
    }
    if (PyObject_GetBuffer(arg, v, PyBUF_SIMPLE) < 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError,
                     "argument should be integer or bytes-like object, not "
                     "'%.200s'",
                     Py_TYPE(arg)->tp_name);
        return -1;
    }
    *sub = v->buf;
    *m = v->len;
    return 0;
}

static void
release(Py_buffer *v)
{
    if (v->obj != NULL) {
        PyBuffer_Release(v);
    }
}

Py_ssize_t
_PyBytes_Find(const char *haystack, Py_ssize_t len_haystack, const char *needle,
              Py_ssize_t len_needle, Py_ssize_t offset)
{
    Py_ssize_t i = find_mem(haystack, 0, len_haystack, needle, len_needle, 1);
    return i < 0 ? -1 : i + offset;
}

Py_ssize_t
_PyBytes_ReverseFind(const char *haystack, Py_ssize_t len_haystack, const char *needle,
                     Py_ssize_t len_needle, Py_ssize_t offset)
{
    Py_ssize_t i = find_mem(haystack, 0, len_haystack, needle, len_needle, -1);
    return i < 0 ? -1 : i + offset;
}

int
pyrs_bytes_contains(const char *s, Py_ssize_t n, PyObject *arg)
{
    Py_buffer v;
    char byte;
    const char *sub;
    Py_ssize_t m;
    if (!PyIndex_Check(arg) && !PyObject_CheckBuffer(arg)) {
        /* `in` words it as the buffer protocol does, unlike find() */
        PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                     Py_TYPE(arg)->tp_name);
        return -1;
    }
    if (sub_arg(arg, &v, &byte, &sub, &m) < 0) {
        return -1;
    }
    int r = find_mem(s, 0, n, sub, m, 1) >= 0;
    release(&v);
    return r;
}

/* find/rfind/index/rindex/count: MODE 0 find, 1 index, 2 count. */
static PyObject *
do_find(PyObject *self, PyObject *const *args, Py_ssize_t nargs, const char *name, int dir,
        int mode)
{
    Py_ssize_t start = 0, end = PY_SSIZE_T_MAX, n = Py_SIZE(self), m;
    Py_buffer v;
    char byte;
    const char *sub;
    if (nargs_between(name, nargs, 1, 3) < 0 ||
        (nargs > 1 && pyrs_unicode_parse_index(args[1], &start) < 0) ||
        (nargs > 2 && pyrs_unicode_parse_index(args[2], &end) < 0) ||
        sub_arg(args[0], &v, &byte, &sub, &m) < 0) {
        return NULL;
    }
    pyrs_unicode_adjust_indices(n, &start, &end);
    const char *s = DATA(self);
    Py_ssize_t r = -1;
    if (mode == 2) {
        r = 0;
        if (start <= n && end - start >= m) {
            if (m == 0) {
                r = end - start + 1;
            } else {
                for (Py_ssize_t i = start; (i = find_mem(s, i, end, sub, m, 1)) >= 0; i += m) {
                    r++;
                }
            }
        }
    } else if (start <= n) {
        r = find_mem(s, start, end, sub, m, dir);
    }
    release(&v);
    if (r < 0 && mode == 1) {
        PyErr_SetString(PyExc_ValueError, "subsection not found");
        return NULL;
    }
    return PyLong_FromSsize_t(r);
}

static PyObject *
b_find(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_find(self, args, nargs, "find", 1, 0);
}

static PyObject *
b_rfind(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_find(self, args, nargs, "rfind", -1, 0);
}

static PyObject *
b_index(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_find(self, args, nargs, "index", 1, 1);
}

static PyObject *
b_rindex(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_find(self, args, nargs, "rindex", -1, 1);
}

static PyObject *
b_count(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_find(self, args, nargs, "count", 1, 2);
}

static int
tailmatch_one(PyObject *self, PyObject *sub, Py_ssize_t start, Py_ssize_t end, int dir)
{
    Py_buffer v;
    if (get_buf(sub, &v) < 0) {
        return -1;
    }
    Py_ssize_t n = Py_SIZE(self);
    pyrs_unicode_adjust_indices(n, &start, &end);
    int r = 0;
    if (start <= n && end - start >= v.len) {
        Py_ssize_t at = dir > 0 ? end - v.len : start;
        r = memcmp(DATA(self) + at, v.buf, (size_t)v.len) == 0;
    }
    PyBuffer_Release(&v);
    return r;
}

static PyObject *
do_tailmatch(PyObject *self, PyObject *const *args, Py_ssize_t nargs, const char *name, int dir)
{
    Py_ssize_t start = 0, end = PY_SSIZE_T_MAX;
    if (nargs_between(name, nargs, 1, 3) < 0 ||
        (nargs > 1 && pyrs_unicode_parse_index(args[1], &start) < 0) ||
        (nargs > 2 && pyrs_unicode_parse_index(args[2], &end) < 0)) {
        return NULL;
    }
    if (PyTuple_Check(args[0])) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args[0]); i++) {
            int r = tailmatch_one(self, PyTuple_GET_ITEM(args[0], i), start, end, dir);
            if (r != 0) {
                return r < 0 ? NULL : Py_NewRef(Py_True);
            }
        }
        Py_RETURN_FALSE;
    }
    if (!PyObject_CheckBuffer(args[0])) {
        PyErr_Format(PyExc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %.100s",
                     name, Py_TYPE(args[0])->tp_name);
        return NULL;
    }
    int r = tailmatch_one(self, args[0], start, end, dir);
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyObject *
b_startswith(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_tailmatch(self, args, nargs, "startswith", -1);
}

static PyObject *
b_endswith(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_tailmatch(self, args, nargs, "endswith", 1);
}

/* ---- transformation --------------------------------------------------------------------- */

static int
b_isspace_c(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* A copy of SELF with each byte mapped by FN(byte, index, prev_cased_state). */
static PyObject *
map_bytes(PyObject *self, int how)
{
    Py_ssize_t n = Py_SIZE(self);
    PyObject *res = make(self, NULL, n);
    if (res == NULL) {
        return NULL;
    }
    const unsigned char *s = (const unsigned char *)DATA(self);
    unsigned char *d = (unsigned char *)DATA(res);
    int prev_cased = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        int lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z';
        switch (how) {
        case 0: /* lower */
            d[i] = upper ? c + 32 : c;
            break;
        case 1: /* upper */
            d[i] = lower ? c - 32 : c;
            break;
        case 2: /* swapcase */
            d[i] = upper ? c + 32 : lower ? c - 32 : c;
            break;
        case 3: /* title */
            d[i] = prev_cased ? (upper ? c + 32 : c) : (lower ? c - 32 : c);
            prev_cased = lower || upper;
            break;
        default: /* capitalize */
            d[i] = i == 0 ? (lower ? c - 32 : c) : (upper ? c + 32 : c);
            break;
        }
    }
    return res;
}

static PyObject *
b_lower(PyObject *self, PyObject *Py_UNUSED(a))
{
    return map_bytes(self, 0);
}

static PyObject *
b_upper(PyObject *self, PyObject *Py_UNUSED(a))
{
    return map_bytes(self, 1);
}

static PyObject *
b_swapcase(PyObject *self, PyObject *Py_UNUSED(a))
{
    return map_bytes(self, 2);
}

static PyObject *
b_title(PyObject *self, PyObject *Py_UNUSED(a))
{
    return map_bytes(self, 3);
}

static PyObject *
b_capitalize(PyObject *self, PyObject *Py_UNUSED(a))
{
    return map_bytes(self, 4);
}

/* Predicates: all bytes satisfy KIND's test (empty is False). */
static PyObject *
pred(PyObject *self, int kind)
{
    Py_ssize_t n = Py_SIZE(self);
    const unsigned char *s = (const unsigned char *)DATA(self);
    if (kind == 5) { /* isascii: empty is True */
        for (Py_ssize_t i = 0; i < n; i++) {
            if (s[i] >= 128) {
                Py_RETURN_FALSE;
            }
        }
        Py_RETURN_TRUE;
    }
    if (n == 0) {
        Py_RETURN_FALSE;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'), digit = c >= '0' && c <= '9';
        int ok = kind == 0   ? alpha
                 : kind == 1 ? digit
                 : kind == 2 ? alpha || digit
                             : b_isspace_c(c);
        if (!ok) {
            Py_RETURN_FALSE;
        }
    }
    Py_RETURN_TRUE;
}

static PyObject *
b_isalpha(PyObject *self, PyObject *Py_UNUSED(a))
{
    return pred(self, 0);
}

static PyObject *
b_isdigit(PyObject *self, PyObject *Py_UNUSED(a))
{
    return pred(self, 1);
}

static PyObject *
b_isalnum(PyObject *self, PyObject *Py_UNUSED(a))
{
    return pred(self, 2);
}

static PyObject *
b_isspace(PyObject *self, PyObject *Py_UNUSED(a))
{
    return pred(self, 3);
}

static PyObject *
b_isascii(PyObject *self, PyObject *Py_UNUSED(a))
{
    return pred(self, 5);
}

static PyObject *
case_pred(PyObject *self, int want_lower)
{
    int cased = 0;
    const unsigned char *s = (const unsigned char *)DATA(self);
    for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
        int lower = s[i] >= 'a' && s[i] <= 'z', upper = s[i] >= 'A' && s[i] <= 'Z';
        if (want_lower ? upper : lower) {
            Py_RETURN_FALSE;
        }
        cased |= want_lower ? lower : upper;
    }
    return PyBool_FromLong(cased);
}

static PyObject *
b_islower(PyObject *self, PyObject *Py_UNUSED(a))
{
    return case_pred(self, 1);
}

static PyObject *
b_isupper(PyObject *self, PyObject *Py_UNUSED(a))
{
    return case_pred(self, 0);
}

static PyObject *
b_istitle(PyObject *self, PyObject *Py_UNUSED(a))
{
    int cased = 0, prev = 0;
    const unsigned char *s = (const unsigned char *)DATA(self);
    for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
        int lower = s[i] >= 'a' && s[i] <= 'z', upper = s[i] >= 'A' && s[i] <= 'Z';
        if (upper) {
            if (prev) {
                Py_RETURN_FALSE;
            }
            prev = cased = 1;
        } else if (lower) {
            if (!prev) {
                Py_RETURN_FALSE;
            }
            prev = cased = 1;
        } else {
            prev = 0;
        }
    }
    return PyBool_FromLong(cased);
}

/* ---- strip, split, join, replace -------------------------------------------------------- */

static PyObject *
do_strip(PyObject *self, PyObject *const *args, Py_ssize_t nargs, int type, const char *name)
{
    Py_buffer v = {0};
    const char *chars = NULL;
    Py_ssize_t nchars = 0;
    if (nargs_between(name, nargs, 0, 1) < 0) {
        return NULL;
    }
    if (nargs == 1 && args[0] != Py_None) {
        if (get_buf(args[0], &v) < 0) {
            return NULL;
        }
        chars = v.buf;
        nchars = v.len;
    }
    const unsigned char *s = (const unsigned char *)DATA(self);
    Py_ssize_t i = 0, j = Py_SIZE(self);
#define STRIPPABLE(c) (chars ? memchr(chars, (c), (size_t)nchars) != NULL : b_isspace_c(c))
    if (type != 1) {
        while (i < j && STRIPPABLE(s[i])) {
            i++;
        }
    }
    if (type != 0) {
        while (j > i && STRIPPABLE(s[j - 1])) {
            j--;
        }
    }
#undef STRIPPABLE
    if (chars) {
        PyBuffer_Release(&v);
    }
    if (i == 0 && j == Py_SIZE(self)) {
        return same(self);
    }
    return make(self, (const char *)s + i, j - i);
}

static PyObject *
b_strip(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_strip(self, args, nargs, 2, "strip");
}

static PyObject *
b_lstrip(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_strip(self, args, nargs, 0, "lstrip");
}

static PyObject *
b_rstrip(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_strip(self, args, nargs, 1, "rstrip");
}

static int
append_part(PyObject *list, PyObject *self, const char *s, Py_ssize_t i, Py_ssize_t j)
{
    PyObject *part = make(self, s + i, j - i);
    int r = part ? PyList_Append(list, part) : -1;
    Py_XDECREF(part);
    return r;
}

static PyObject *
split_impl(PyObject *self, PyObject *sepobj, Py_ssize_t maxsplit, int reverse)
{
    const char *s = DATA(self);
    Py_ssize_t n = Py_SIZE(self);
    PyObject *list = PyList_New(0);
    Py_buffer v = {0};
    if (list == NULL) {
        return NULL;
    }
    if (maxsplit < 0) {
        maxsplit = PY_SSIZE_T_MAX;
    }
    if (sepobj == NULL || sepobj == Py_None) {
        Py_ssize_t i = 0, j = n;
        while (1) {
            if (!reverse) {
                while (i < n && b_isspace_c((unsigned char)s[i])) {
                    i++;
                }
                if (i == n) {
                    break;
                }
                Py_ssize_t k = i;
                if (maxsplit-- == 0) {
                    k = n;
                } else {
                    while (k < n && !b_isspace_c((unsigned char)s[k])) {
                        k++;
                    }
                }
                if (append_part(list, self, s, i, k) < 0) {
                    goto error;
                }
                i = k;
            } else {
                while (j > 0 && b_isspace_c((unsigned char)s[j - 1])) {
                    j--;
                }
                if (j == 0) {
                    break;
                }
                Py_ssize_t k = j;
                if (maxsplit-- == 0) {
                    k = 0;
                } else {
                    while (k > 0 && !b_isspace_c((unsigned char)s[k - 1])) {
                        k--;
                    }
                }
                if (append_part(list, self, s, k, j) < 0) {
                    goto error;
                }
                j = k;
            }
        }
    } else {
        if (get_buf(sepobj, &v) < 0) {
            goto error;
        }
        if (v.len == 0) {
            PyErr_SetString(PyExc_ValueError, "empty separator");
            goto error;
        }
        Py_ssize_t i = 0, j = n;
        while (maxsplit-- != 0) {
            Py_ssize_t k =
                reverse ? find_mem(s, 0, j, v.buf, v.len, -1) : find_mem(s, i, n, v.buf, v.len, 1);
            if (k < 0) {
                break;
            }
            if (reverse ? append_part(list, self, s, k + v.len, j) < 0
                        : append_part(list, self, s, i, k) < 0) {
                goto error;
            }
            if (reverse) {
                j = k;
            } else {
                i = k + v.len;
            }
        }
        if (append_part(list, self, s, reverse ? 0 : i, reverse ? j : n) < 0) {
            goto error;
        }
        PyBuffer_Release(&v);
        v.obj = NULL;
    }
    if (reverse && PyList_Reverse(list) < 0) {
        goto error;
    }
    return list;
error:
    release(&v);
    Py_DECREF(list);
    return NULL;
}

static PyObject *
split_method(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
             const char *name, int reverse)
{
    static const char *const kwlist[] = {"sep", "maxsplit", NULL};
    PyObject *a[2];
    Py_ssize_t maxsplit = -1;
    if (pyrs_unicode_parse_args(name, args, nargs, kwnames, kwlist, 0, 2, a) < 0 ||
        (a[1] && ssize_arg(a[1], &maxsplit) < 0)) {
        return NULL;
    }
    return split_impl(self, a[0], maxsplit, reverse);
}

static PyObject *
b_split(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return split_method(self, args, nargs, kwnames, "split", 0);
}

static PyObject *
b_rsplit(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return split_method(self, args, nargs, kwnames, "rsplit", 1);
}

static PyObject *
b_splitlines(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kwlist[] = {"keepends", NULL};
    PyObject *a[1];
    int keep = 0;
    if (pyrs_unicode_parse_args("splitlines", args, nargs, kwnames, kwlist, 0, 1, a) < 0 ||
        (a[0] && (keep = PyObject_IsTrue(a[0])) < 0)) {
        return NULL;
    }
    const char *s = DATA(self);
    Py_ssize_t n = Py_SIZE(self), i = 0;
    PyObject *list = PyList_New(0);
    while (list && i < n) {
        Py_ssize_t j = i;
        while (j < n && s[j] != '\n' && s[j] != '\r') {
            j++;
        }
        Py_ssize_t eol = j;
        if (j < n) {
            j += (s[j] == '\r' && j + 1 < n && s[j + 1] == '\n') ? 2 : 1;
            eol = keep ? j : eol;
        }
        if (append_part(list, self, s, i, eol) < 0) {
            Py_CLEAR(list);
        }
        i = j;
    }
    return list;
}

static PyObject *
b_join(PyObject *self, PyObject *iterable)
{
    PyObject *seq = PySequence_Fast(iterable, "can only join an iterable");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), total = 0, sep = Py_SIZE(self);
    PyObject **items = PySequence_Fast_ITEMS(seq), *res = NULL;
    Py_buffer *views = PyMem_New(Py_buffer, n + 1);
    Py_ssize_t got = 0;
    if (views == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (; got < n; got++) {
        if (PyObject_GetBuffer(items[got], &views[got], PyBUF_SIMPLE) < 0) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError,
                         "sequence item %zd: expected a bytes-like object, %.80s found", got,
                         Py_TYPE(items[got])->tp_name);
            goto done;
        }
        total += views[got].len + (got ? sep : 0);
    }
    res = make(self, NULL, total);
    if (res != NULL) {
        char *d = (char *)DATA(res);
        for (Py_ssize_t i = 0; i < n; i++) {
            if (i) {
                memcpy(d, DATA(self), (size_t)sep);
                d += sep;
            }
            memcpy(d, views[i].buf, (size_t)views[i].len);
            d += views[i].len;
        }
    }
done:
    for (Py_ssize_t i = 0; i < got; i++) {
        PyBuffer_Release(&views[i]);
    }
    PyMem_Free(views);
    Py_DECREF(seq);
    return res;
}

/* bytes joining for C callers (_PyBytes_Join). */
PyObject *
_PyBytes_Join(PyObject *sep, PyObject *iterable)
{
    return b_join(sep, iterable);
}

static PyObject *
b_replace(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_buffer o, w;
    Py_ssize_t count = -1;
    if (nargs_between("replace", nargs, 2, 3) < 0 || (nargs == 3 && ssize_arg(args[2], &count)) ||
        get_buf(args[0], &o) < 0) {
        return NULL;
    }
    if (get_buf(args[1], &w) < 0) {
        PyBuffer_Release(&o);
        return NULL;
    }
    const char *s = DATA(self) != NULL ? DATA(self) : ""; /* an empty bytearray has no buffer */
    Py_ssize_t n = Py_SIZE(self), done = 0, i = 0;
    if (count < 0) {
        count = PY_SSIZE_T_MAX;
    }
    char *buf = NULL;
    Py_ssize_t len = 0, cap = 0;
    PyObject *res = NULL;
#define PUT(p, k)                                                                                  \
    do {                                                                                           \
        if ((k) == 0) {                                                                            \
            break; /* nothing to copy (and P may be NULL) */                                       \
        }                                                                                          \
        if (len + (k) > cap) {                                                                     \
            cap = (len + (k)) * 2 + 16;                                                            \
            char *nb = PyMem_Realloc(buf, (size_t)cap);                                            \
            if (nb == NULL) {                                                                      \
                PyErr_NoMemory();                                                                  \
                goto done;                                                                         \
            }                                                                                      \
            buf = nb;                                                                              \
        }                                                                                          \
        memcpy(buf + len, (p), (size_t)(k));                                                       \
        len += (k);                                                                                \
    } while (0)
    if (o.len == 0) {
        for (; i <= n; i++) {
            if (done < count) {
                PUT(w.buf, w.len);
                done++;
            }
            if (i < n) {
                PUT(s + i, 1);
            }
        }
    } else {
        while (done < count) {
            Py_ssize_t j = find_mem(s, i, n, o.buf, o.len, 1);
            if (j < 0) {
                break;
            }
            PUT(s + i, j - i);
            PUT(w.buf, w.len);
            i = j + o.len;
            done++;
        }
        PUT(s + i, n - i);
    }
#undef PUT
    res = make(self, buf ? buf : "", len);
done:
    PyMem_Free(buf);
    PyBuffer_Release(&o);
    PyBuffer_Release(&w);
    return res;
}

static PyObject *
do_partition(PyObject *self, PyObject *sepobj, int reverse)
{
    Py_buffer v;
    if (get_buf(sepobj, &v) < 0) {
        return NULL;
    }
    if (v.len == 0) {
        PyBuffer_Release(&v);
        PyErr_SetString(PyExc_ValueError, "empty separator");
        return NULL;
    }
    const char *s = DATA(self);
    Py_ssize_t n = Py_SIZE(self), i = find_mem(s, 0, n, v.buf, v.len, reverse ? -1 : 1);
    PyObject *a, *b, *c;
    if (i < 0) {
        a = reverse ? make(self, "", 0) : same(self);
        b = make(self, "", 0);
        c = reverse ? same(self) : make(self, "", 0);
    } else {
        a = make(self, s, i);
        b = make(self, v.buf, v.len);
        c = make(self, s + i + v.len, n - i - v.len);
    }
    PyBuffer_Release(&v);
    PyObject *res = a && b && c ? PyTuple_Pack(3, a, b, c) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(c);
    return res;
}

static PyObject *
b_partition(PyObject *self, PyObject *sep)
{
    return do_partition(self, sep, 0);
}

static PyObject *
b_rpartition(PyObject *self, PyObject *sep)
{
    return do_partition(self, sep, 1);
}

static PyObject *
do_remove(PyObject *self, PyObject *arg, int suffix)
{
    Py_buffer v;
    if (get_buf(arg, &v) < 0) {
        return NULL;
    }
    const char *s = DATA(self);
    Py_ssize_t n = Py_SIZE(self);
    PyObject *res;
    if (v.len > 0 && v.len <= n &&
        memcmp(s + (suffix ? n - v.len : 0), v.buf, (size_t)v.len) == 0) {
        res = make(self, s + (suffix ? 0 : v.len), n - v.len);
    } else {
        res = same(self);
    }
    PyBuffer_Release(&v);
    return res;
}

static PyObject *
b_removeprefix(PyObject *self, PyObject *arg)
{
    return do_remove(self, arg, 0);
}

static PyObject *
b_removesuffix(PyObject *self, PyObject *arg)
{
    return do_remove(self, arg, 1);
}

/* ---- padding ---------------------------------------------------------------------------- */

static PyObject *
pad(PyObject *self, Py_ssize_t left, Py_ssize_t right, char fill)
{
    Py_ssize_t n = Py_SIZE(self);
    left = left < 0 ? 0 : left;
    right = right < 0 ? 0 : right;
    if (left == 0 && right == 0) {
        return same(self);
    }
    PyObject *res = make(self, NULL, left + n + right);
    if (res != NULL) {
        char *d = (char *)DATA(res);
        memset(d, fill, (size_t)left);
        memcpy(d + left, DATA(self), (size_t)n);
        memset(d + left + n, fill, (size_t)right);
    }
    return res;
}

static int
parse_pad(const char *name, PyObject *const *args, Py_ssize_t nargs, Py_ssize_t *width, char *fill)
{
    *fill = ' ';
    if (nargs_between(name, nargs, 1, 2) < 0 || ssize_arg(args[0], width) < 0) {
        return -1;
    }
    if (nargs == 2) {
        if ((PyBytes_Check(args[1]) || PyByteArray_Check(args[1])) && Py_SIZE(args[1]) == 1) {
            *fill = DATA(args[1])[0];
        } else {
            PyErr_Format(PyExc_TypeError,
                         "%s() argument 2 must be a byte string of length 1, "
                         "not %.50s",
                         name, Py_TYPE(args[1])->tp_name);
            return -1;
        }
    }
    return 0;
}

static PyObject *
b_ljust(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t w;
    char f;
    return parse_pad("ljust", args, nargs, &w, &f) < 0 ? NULL : pad(self, 0, w - Py_SIZE(self), f);
}

static PyObject *
b_rjust(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t w;
    char f;
    return parse_pad("rjust", args, nargs, &w, &f) < 0 ? NULL : pad(self, w - Py_SIZE(self), 0, f);
}

static PyObject *
b_center(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t w;
    char f;
    if (parse_pad("center", args, nargs, &w, &f) < 0) {
        return NULL;
    }
    Py_ssize_t marg = w - Py_SIZE(self);
    if (marg <= 0) {
        return same(self);
    }
    Py_ssize_t left = marg / 2 + (marg & w & 1);
    return pad(self, left, marg - left, f);
}

static PyObject *
b_zfill(PyObject *self, PyObject *arg)
{
    Py_ssize_t w, n = Py_SIZE(self);
    if (ssize_arg(arg, &w) < 0) {
        return NULL;
    }
    if (w <= n) {
        return same(self);
    }
    PyObject *res = pad(self, w - n, 0, '0');
    if (res != NULL && n > 0 && (DATA(self)[0] == '+' || DATA(self)[0] == '-')) {
        char *d = (char *)DATA(res);
        d[0] = DATA(self)[0];
        d[w - n] = '0';
    }
    return res;
}

static PyObject *
b_expandtabs(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kwlist[] = {"tabsize", NULL};
    PyObject *a[1];
    Py_ssize_t tabsize = 8, col = 0, total = 0, n = Py_SIZE(self);
    if (pyrs_unicode_parse_args("expandtabs", args, nargs, kwnames, kwlist, 0, 1, a) < 0 ||
        (a[0] && ssize_arg(a[0], &tabsize) < 0)) {
        return NULL;
    }
    const char *s = DATA(self);
    for (int pass = 0; pass < 2; pass++) {
        PyObject *res = pass ? make(self, NULL, total) : NULL;
        char *d = res ? (char *)DATA(res) : NULL;
        if (pass && res == NULL) {
            return NULL;
        }
        col = 0;
        Py_ssize_t k = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            if (s[i] == '\t') {
                Py_ssize_t fill = tabsize > 0 ? tabsize - col % tabsize : 0;
                if (d) {
                    memset(d + k, ' ', (size_t)fill);
                }
                k += fill;
                col += fill;
            } else {
                if (d) {
                    d[k] = s[i];
                }
                k++;
                col = (s[i] == '\n' || s[i] == '\r') ? 0 : col + 1;
            }
        }
        if (pass) {
            return res;
        }
        total = k;
    }
    return NULL;
}

/* ---- hex, fromhex, decode, translate ---------------------------------------------------- */

static PyObject *
b_hex(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kwlist[] = {"sep", "bytes_per_sep", NULL};
    PyObject *a[2];
    Py_ssize_t per = 1;
    Py_UCS4 sep = 0;
    if (pyrs_unicode_parse_args("hex", args, nargs, kwnames, kwlist, 0, 2, a) < 0 ||
        (a[1] && ssize_arg(a[1], &per) < 0)) {
        return NULL;
    }
    int has_sep = a[0] != NULL;
    if (has_sep) {
        /* CPython's order: a length (TypeError without one), then length 1, then the type */
        Py_ssize_t seplen = PyObject_Length(a[0]);
        if (seplen < 0) {
            return NULL;
        }
        if (seplen != 1) {
            PyErr_SetString(PyExc_ValueError, "sep must be length 1.");
            return NULL;
        }
        if (PyUnicode_Check(a[0])) {
            sep = PyUnicode_READ_CHAR(a[0], 0);
        } else if (PyBytes_Check(a[0])) {
            sep = (unsigned char)PyBytes_AS_STRING(a[0])[0];
        } else {
            PyErr_SetString(PyExc_TypeError, "sep must be str or bytes.");
            return NULL;
        }
        if (sep > 127) {
            PyErr_SetString(PyExc_ValueError, "sep must be ASCII.");
            return NULL;
        }
    }
    const unsigned char *s = (const unsigned char *)DATA(self);
    Py_ssize_t n = Py_SIZE(self), step = per < 0 ? -per : per;
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    for (Py_ssize_t i = 0; i < n; i++) {
        char buf[3];
        snprintf(buf, sizeof buf, "%02x", s[i]);
        if (has_sep && step && i > 0) {
            /* Positive bytes_per_sep groups from the right, negative from the left. */
            int boundary = per > 0 ? (n - i) % step == 0 : i % step == 0;
            if (boundary && pyrs_uniwriter_putc(&w, sep) < 0) {
                goto error;
            }
        }
        if (pyrs_uniwriter_ascii(&w, buf, 2) < 0) {
            goto error;
        }
    }
    return pyrs_uniwriter_finish(&w);
error:
    pyrs_uniwriter_dealloc(&w);
    return NULL;
}

static int
hexdigit(Py_UCS4 c)
{
    return c >= '0' && c <= '9'   ? (int)(c - '0')
           : c >= 'a' && c <= 'f' ? (int)(c - 'a' + 10)
           : c >= 'A' && c <= 'F' ? (int)(c - 'A' + 10)
                                  : -1;
}

static PyObject *
b_fromhex(PyObject *cls, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "fromhex() argument must be str, not %.50s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg), k = 0;
    char *buf = PyMem_Malloc((size_t)n / 2 + 1);
    if (buf == NULL) {
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n;) {
        Py_UCS4 c = PyUnicode_READ_CHAR(arg, i);
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            i++;
            continue;
        }
        int hi = hexdigit(c), lo = i + 1 < n ? hexdigit(PyUnicode_READ_CHAR(arg, i + 1)) : -1;
        if (hi < 0 || lo < 0) {
            PyMem_Free(buf);
            PyErr_Format(PyExc_ValueError,
                         "non-hexadecimal number found in fromhex() arg at position %zd",
                         hi < 0 ? i : i + 1);
            return NULL;
        }
        buf[k++] = (char)(hi * 16 + lo);
        i += 2;
    }
    PyObject *res = PyBytes_FromStringAndSize(buf, k);
    PyMem_Free(buf);
    if (res != NULL && (PyTypeObject *)cls != &PyBytes_Type) {
        Py_SETREF(res, PyObject_CallOneArg(cls, res));
    }
    return res;
}

static PyObject *
b_decode(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kwlist[] = {"encoding", "errors", NULL};
    PyObject *a[2];
    const char *enc = NULL, *err = NULL;
    if (pyrs_unicode_parse_args("decode", args, nargs, kwnames, kwlist, 0, 2, a) < 0) {
        return NULL;
    }
    for (int i = 0; i < 2; i++) {
        if (a[i] == NULL) {
            continue;
        }
        if (!PyUnicode_Check(a[i])) {
            PyErr_Format(PyExc_TypeError, "decode() argument '%s' must be str, not %.50s",
                         kwlist[i], pyrs_unicode_argtype(a[i]));
            return NULL;
        }
        const char *v = PyUnicode_AsUTF8(a[i]);
        if (v == NULL) {
            return NULL;
        }
        *(i ? &err : &enc) = v;
    }
    return PyUnicode_Decode(DATA(self), Py_SIZE(self), enc, err);
}

static PyObject *
b_translate(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kwlist[] = {"", "delete", NULL};
    PyObject *a[2];
    Py_buffer t = {0}, d = {0};
    if (pyrs_unicode_parse_args("translate", args, nargs, kwnames, kwlist, 1, 2, a) < 0) {
        return NULL;
    }
    if (a[0] != Py_None) {
        if (get_buf(a[0], &t) < 0) {
            return NULL;
        }
        if (t.len != 256) {
            PyBuffer_Release(&t);
            PyErr_SetString(PyExc_ValueError, "translation table must be 256 characters long");
            return NULL;
        }
    }
    if (a[1] != NULL && get_buf(a[1], &d) < 0) {
        release(&t);
        return NULL;
    }
    const unsigned char *s = (const unsigned char *)DATA(self);
    Py_ssize_t n = Py_SIZE(self), k = 0;
    char *buf = PyMem_Malloc((size_t)n + 1);
    PyObject *res = NULL;
    if (buf == NULL) {
        PyErr_NoMemory();
    } else {
        for (Py_ssize_t i = 0; i < n; i++) {
            if (d.obj && memchr(d.buf, s[i], (size_t)d.len)) {
                continue;
            }
            buf[k++] = t.obj ? ((const char *)t.buf)[s[i]] : (char)s[i];
        }
        res = make(self, buf, k);
    }
    PyMem_Free(buf);
    release(&t);
    release(&d);
    return res;
}

static PyObject *
b_maketrans(PyObject *Py_UNUSED(null), PyObject *const *args, Py_ssize_t nargs)
{
    Py_buffer f, t;
    if (nargs_between("maketrans", nargs, 2, 2) < 0 || get_buf(args[0], &f) < 0) {
        return NULL;
    }
    if (get_buf(args[1], &t) < 0) {
        PyBuffer_Release(&f);
        return NULL;
    }
    PyObject *res = NULL;
    if (f.len != t.len) {
        PyErr_SetString(PyExc_ValueError, "maketrans arguments must have same length");
    } else if ((res = PyBytes_FromStringAndSize(NULL, 256)) != NULL) {
        unsigned char *d = (unsigned char *)PyBytes_AS_STRING(res);
        for (int i = 0; i < 256; i++) {
            d[i] = (unsigned char)i;
        }
        for (Py_ssize_t i = 0; i < f.len; i++) {
            d[((const unsigned char *)f.buf)[i]] = ((const unsigned char *)t.buf)[i];
        }
    }
    PyBuffer_Release(&f);
    PyBuffer_Release(&t);
    return res;
}

static PyObject *
b_getnewargs(PyObject *self, PyObject *Py_UNUSED(a))
{
    PyObject *b = PyBytes_FromStringAndSize(DATA(self), Py_SIZE(self));
    PyObject *res = b ? PyTuple_Pack(1, b) : NULL;
    Py_XDECREF(b);
    return res;
}

/* ---- escape decoding ------------------------------------------------------------------- */

static int
hexnibble(unsigned char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* Decodes the backslash escapes of a bytes literal body S[0:LEN] (codecs.escape_decode);
 * ERRORS NULL/"strict" raise ValueError on a bad \x, "ignore" drops it, "replace" puts '?'.
 * Unknown escapes are kept with their backslash. New bytes or NULL. */
PyObject *
PyBytes_DecodeEscape(const char *s, Py_ssize_t len, const char *errors,
                     Py_ssize_t Py_UNUSED(unicode), const char *Py_UNUSED(recode_encoding))
{
    return _PyBytes_DecodeEscape(s, len, errors, NULL);
}

/* As PyBytes_DecodeEscape, also reporting through *FIRST_INVALID_ESCAPE (may be NULL) the
 * character after the first unrecognised backslash (NULL when none). */
PyObject *
_PyBytes_DecodeEscape(const char *s, Py_ssize_t len, const char *errors,
                      const char **first_invalid_escape)
{
    if (first_invalid_escape != NULL) {
        *first_invalid_escape = NULL;
    }
    PyObject *res = PyBytes_FromStringAndSize(NULL, len);
    if (res == NULL) {
        return NULL;
    }
    char *out = PyBytes_AS_STRING(res);
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i++];
        if (c != '\\') {
            out[k++] = (char)c;
            continue;
        }
        if (i >= len) {
            Py_DECREF(res);
            PyErr_SetString(PyExc_ValueError, "Trailing \\ in string");
            return NULL;
        }
        c = (unsigned char)s[i++];
        static const char from[] = "\n\\'\"abfnrtv";
        static const char to[] = "\0\\'\"\a\b\f\n\r\t\v";
        const char *p = memchr(from, c, sizeof from - 1);
        if (p != NULL) {
            if (c != '\n') {
                out[k++] = to[p - from];
            }
        } else if (c >= '0' && c <= '7') {
            int v = c - '0';
            for (int n = 0; n < 2 && i < len && s[i] >= '0' && s[i] <= '7'; n++) {
                v = v * 8 + (s[i++] - '0');
            }
            out[k++] = (char)v;
        } else if (c == 'x') {
            int hi = i < len ? hexnibble((unsigned char)s[i]) : -1;
            int lo = i + 1 < len ? hexnibble((unsigned char)s[i + 1]) : -1;
            if (hi >= 0 && lo >= 0) {
                out[k++] = (char)(hi * 16 + lo);
                i += 2;
            } else if (errors == NULL || strcmp(errors, "strict") == 0) {
                PyErr_Format(PyExc_ValueError, "invalid \\x escape at position %zd", i - 2);
                Py_DECREF(res);
                return NULL;
            } else if (strcmp(errors, "replace") == 0) {
                out[k++] = '?';
            } else if (strcmp(errors, "ignore") != 0) {
                PyErr_Format(PyExc_ValueError,
                             "decoding error; unknown error handling code: %.400s", errors);
                Py_DECREF(res);
                return NULL;
            }
        } else {
            if (first_invalid_escape != NULL && *first_invalid_escape == NULL) {
                *first_invalid_escape = s + i - 1;
            }
            out[k++] = '\\';
            out[k++] = (char)c;
        }
    }
    if (_PyBytes_Resize(&res, k) < 0) {
        return NULL;
    }
    return res;
}

/* ---- bytes % args ----------------------------------------------------------------------- */

/* Converts one argument for a %s/%b/%r/%a/%c directive to the Latin-1 str that stands for its
 * bytes, so the str formatter can do the padding; numbers pass through unchanged. */
static PyObject *
pct_arg(PyObject *v, Py_UCS4 type)
{
    if (type == 's' || type == 'b') {
        Py_buffer view;
        if (PyObject_GetBuffer(v, &view, PyBUF_SIMPLE) == 0) {
            PyObject *s = PyUnicode_DecodeLatin1(view.buf, view.len, NULL);
            PyBuffer_Release(&view);
            return s;
        }
        PyErr_Clear();
        PyObject *meth = PyObject_GetAttrString((PyObject *)Py_TYPE(v), "__bytes__");
        if (meth != NULL) {
            PyObject *b = PyObject_CallOneArg(meth, v);
            Py_DECREF(meth);
            if (b != NULL && !PyBytes_Check(b)) {
                PyErr_Format(PyExc_TypeError, "__bytes__ returned non-bytes (type %.200s)",
                             Py_TYPE(b)->tp_name);
                Py_CLEAR(b);
            }
            PyObject *s = b ? PyUnicode_DecodeLatin1(PyBytes_AS_STRING(b), Py_SIZE(b), NULL) : NULL;
            Py_XDECREF(b);
            return s;
        }
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError,
                     "%%b requires a bytes-like object, or an object that "
                     "implements __bytes__, not '%.100s'",
                     Py_TYPE(v)->tp_name);
        return NULL;
    }
    if (type == 'r' || type == 'a') {
        return PyObject_ASCII(v);
    }
    if (type == 'c') {
        if ((PyBytes_Check(v) || PyByteArray_Check(v)) && Py_SIZE(v) == 1) {
            return PyUnicode_DecodeLatin1(DATA(v), 1, NULL);
        }
        if (PyLong_Check(v)) {
            long c = PyLong_AsLong(v);
            if (c < 0 || c > 255) {
                if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_OverflowError)) {
                    PyErr_Clear();
                    PyErr_SetString(PyExc_OverflowError, "%c arg not in range(256)");
                }
                return NULL;
            }
            return pyrs_unicode_char((Py_UCS4)c);
        }
        PyErr_SetString(PyExc_TypeError, "%c requires an integer in range(256) or a single byte");
        return NULL;
    }
    return Py_NewRef(v);
}

/* Converts a mapping argument for %(key)x directives: a dict from the Latin-1 str of each
 * key to its converted value. KEYS/TYPES list the directives' keys and types. */
static PyObject *
pct_mapping(PyObject *mapping, PyObject *keys, const Py_UCS4 *types)
{
    PyObject *d = PyDict_New();
    for (Py_ssize_t i = 0; d && i < PyList_GET_SIZE(keys); i++) {
        PyObject *k = PyList_GET_ITEM(keys, i);
        PyObject *v = PyObject_GetItem(mapping, k), *cv = NULL, *uk = NULL;
        if (v != NULL) {
            cv = pct_arg(v, types[i]);
            uk = PyUnicode_DecodeLatin1(PyBytes_AS_STRING(k), PyBytes_GET_SIZE(k), NULL);
        }
        if (cv == NULL || uk == NULL || PyDict_SetItem(d, uk, cv) < 0) {
            Py_CLEAR(d);
        }
        Py_XDECREF(v);
        Py_XDECREF(cv);
        Py_XDECREF(uk);
    }
    return d;
}

/* Rewrites the bytes format FMT[0:N] as Latin-1 str text (%b/%r/%a become %s because their
 * arguments are converted beforehand), recording each directive's type and mapping key. */
static PyObject *
pct_rewrite(const char *fmt, Py_ssize_t n, Py_UCS4 *types, Py_ssize_t *ntypes, PyObject *keys)
{
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = (unsigned char)fmt[i];
        if (pyrs_uniwriter_putc(&w, c) < 0) {
            goto error;
        }
        if (c != '%' || i + 1 >= n) {
            continue;
        }
        Py_ssize_t j = i + 1;
        int keyed = fmt[j] == '(';
        if (fmt[j] == '(') {
            Py_ssize_t depth = 1, k = j + 1;
            while (k < n && depth > 0) {
                depth += fmt[k] == '(' ? 1 : fmt[k] == ')' ? -1 : 0;
                k += depth > 0;
            }
            if (k < n) {
                PyObject *key = PyBytes_FromStringAndSize(fmt + j + 1, k - j - 1);
                if (key == NULL || PyList_Append(keys, key) < 0) {
                    Py_XDECREF(key);
                    goto error;
                }
                Py_DECREF(key);
                j = k + 1;
            }
        }
        while (j < n && strchr("-+ #0123456789.*hlL", fmt[j]) && fmt[j] != '\0') {
            j++;
        }
        for (Py_ssize_t k = i + 1; k < j; k++) {
            if (pyrs_uniwriter_putc(&w, (unsigned char)fmt[k]) < 0) {
                goto error;
            }
            /* a '*' width or precision takes an int argument of its own, passed through */
            if (fmt[k] == '*' && !keyed && *ntypes < 256) {
                types[(*ntypes)++] = '*';
            }
        }
        if (j < n) {
            Py_UCS4 t = (unsigned char)fmt[j];
            if (t != '%' && *ntypes < 256) {
                types[(*ntypes)++] = t;
            }
            if (pyrs_uniwriter_putc(&w, (t == 'b' || t == 'r' || t == 'a') ? 's' : t) < 0) {
                goto error;
            }
        }
        i = j;
    }
    return pyrs_uniwriter_finish(&w);
error:
    pyrs_uniwriter_dealloc(&w);
    return NULL;
}

PyObject *
pyrs_bytes_format(const char *fmt, Py_ssize_t n, PyObject *args)
{
    /* Format as str over Latin-1 text with converted arguments, then encode back. */
    Py_UCS4 types[256];
    Py_ssize_t ntypes = 0;
    PyObject *keys = PyList_New(0), *ufmt = NULL, *uargs = NULL, *res = NULL;
    if (keys == NULL || (ufmt = pct_rewrite(fmt, n, types, &ntypes, keys)) == NULL) {
        goto done;
    }
    if (PyTuple_Check(args)) {
        Py_ssize_t na = PyTuple_GET_SIZE(args);
        uargs = PyTuple_New(na);
        for (Py_ssize_t i = 0; uargs && i < na; i++) {
            PyObject *v = pct_arg(PyTuple_GET_ITEM(args, i), i < ntypes ? types[i] : 'd');
            if (v == NULL) {
                Py_CLEAR(uargs);
                break;
            }
            PyTuple_SET_ITEM(uargs, i, v);
        }
    } else if (Py_TYPE(args)->tp_as_mapping && Py_TYPE(args)->tp_as_mapping->mp_subscript &&
               !PyBytes_Check(args) && !PyByteArray_Check(args) && !PyUnicode_Check(args) &&
               PyList_GET_SIZE(keys) > 0) {
        uargs = pct_mapping(args, keys, types);
    } else {
        uargs = pct_arg(args, ntypes ? types[0] : 'd');
    }
    if (uargs != NULL) {
        PyObject *u = PyUnicode_Format(ufmt, uargs);
        if (u != NULL) {
            res = _PyUnicode_AsLatin1String(u, "strict");
            Py_DECREF(u);
        }
    }
done:
    Py_XDECREF(uargs);
    Py_XDECREF(ufmt);
    Py_XDECREF(keys);
    return res;
}

/* ---- constructor helpers ---------------------------------------------------------------- */

PyObject *
pyrs_bytes_from_str_args(const char *name, PyObject *s, PyObject *encoding, PyObject *errors)
{
    if (!PyUnicode_Check(s)) {
        PyErr_SetString(PyExc_TypeError, encoding ? "encoding without a string argument"
                                                  : "errors without a string argument");
        return NULL;
    }
    if (encoding == NULL) {
        PyErr_SetString(PyExc_TypeError, "string argument without an encoding");
        return NULL;
    }
    const char *enc = NULL, *err = NULL;
    if (!PyUnicode_Check(encoding) || (errors && !PyUnicode_Check(errors))) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be str, not %.50s", name,
                     PyUnicode_Check(encoding) ? "errors" : "encoding",
                     pyrs_unicode_argtype(PyUnicode_Check(encoding) ? errors : encoding));
        return NULL;
    }
    if ((enc = PyUnicode_AsUTF8(encoding)) == NULL ||
        (errors && (err = PyUnicode_AsUTF8(errors)) == NULL)) {
        return NULL;
    }
    return PyUnicode_AsEncodedString(s, enc, err);
}

int
pyrs_bytes_parse_new(const char *name, PyObject *args, PyObject *kwds, const char *const *kwlist,
                     PyObject **out)
{
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    out[0] = out[1] = out[2] = NULL;
    if (nargs > 3) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most 3 arguments (%zd given)", name, nargs);
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        out[i] = PyTuple_GET_ITEM(args, i);
    }
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (kwds && PyDict_Next(kwds, &pos, &k, &v)) {
        int i;
        for (i = 0; i < 3 && !_PyUnicode_EqualToASCIIString(k, kwlist[i]); i++) {
        }
        if (i == 3) {
            PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for %s()", k, name);
            return -1;
        }
        if (out[i] != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %s() given by name ('%s') and position "
                         "(%d)",
                         name, kwlist[i], i + 1);
            return -1;
        }
        out[i] = v;
    }
    return 0;
}

PyMethodDef pyrs_bytes_methods[] = {
    {"__getnewargs__", b_getnewargs, METH_NOARGS, NULL},
    {"capitalize", b_capitalize, METH_NOARGS, NULL},
    {"center", FAST(b_center), METH_FASTCALL, NULL},
    {"count", FAST(b_count), METH_FASTCALL, NULL},
    {"decode", FAST(b_decode), FASTKW, NULL},
    {"endswith", FAST(b_endswith), METH_FASTCALL, NULL},
    {"expandtabs", FAST(b_expandtabs), FASTKW, NULL},
    {"find", FAST(b_find), METH_FASTCALL, NULL},
    {"fromhex", b_fromhex, METH_O | METH_CLASS, NULL},
    {"hex", FAST(b_hex), FASTKW, NULL},
    {"index", FAST(b_index), METH_FASTCALL, NULL},
    {"isalnum", b_isalnum, METH_NOARGS, NULL},
    {"isalpha", b_isalpha, METH_NOARGS, NULL},
    {"isascii", b_isascii, METH_NOARGS, NULL},
    {"isdigit", b_isdigit, METH_NOARGS, NULL},
    {"islower", b_islower, METH_NOARGS, NULL},
    {"isspace", b_isspace, METH_NOARGS, NULL},
    {"istitle", b_istitle, METH_NOARGS, NULL},
    {"isupper", b_isupper, METH_NOARGS, NULL},
    {"join", b_join, METH_O, NULL},
    {"ljust", FAST(b_ljust), METH_FASTCALL, NULL},
    {"lower", b_lower, METH_NOARGS, NULL},
    {"lstrip", FAST(b_lstrip), METH_FASTCALL, NULL},
    {"maketrans", FAST(b_maketrans), METH_FASTCALL | METH_STATIC, NULL},
    {"partition", b_partition, METH_O, NULL},
    {"replace", FAST(b_replace), METH_FASTCALL, NULL},
    {"removeprefix", b_removeprefix, METH_O, NULL},
    {"removesuffix", b_removesuffix, METH_O, NULL},
    {"rfind", FAST(b_rfind), METH_FASTCALL, NULL},
    {"rindex", FAST(b_rindex), METH_FASTCALL, NULL},
    {"rjust", FAST(b_rjust), METH_FASTCALL, NULL},
    {"rpartition", b_rpartition, METH_O, NULL},
    {"rsplit", FAST(b_rsplit), FASTKW, NULL},
    {"rstrip", FAST(b_rstrip), METH_FASTCALL, NULL},
    {"split", FAST(b_split), FASTKW, NULL},
    {"splitlines", FAST(b_splitlines), FASTKW, NULL},
    {"startswith", FAST(b_startswith), METH_FASTCALL, NULL},
    {"strip", FAST(b_strip), METH_FASTCALL, NULL},
    {"swapcase", b_swapcase, METH_NOARGS, NULL},
    {"title", b_title, METH_NOARGS, NULL},
    {"translate", FAST(b_translate), FASTKW, NULL},
    {"upper", b_upper, METH_NOARGS, NULL},
    {"zfill", b_zfill, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
