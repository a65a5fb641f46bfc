/* unicode_methods.c: the methods of str (CPython 3.11's Objects/unicodeobject.c method table
 * and the PyUnicode_* operations behind them): searching, splitting, stripping, case mapping
 * with full special casing and final sigma, predicates, padding, translate, repr, indexing,
 * repetition and the str() constructor. */
#include "Python.h"
#include "pyrs/unicode.h"

#define READ(s, i) PyUnicode_READ_CHAR((s), (i))
#define LEN(s)     PyUnicode_GET_LENGTH(s)

/* ---- argument helpers ------------------------------------------------------------------- */

/* ARG must be a str: 0, or -1 with "must be str, not T" (NAME prefixes it when given). */
static int
need_str(PyObject *arg, const char *what)
{
    if (PyUnicode_Check(arg)) {
        return 0;
    }
    if (what) {
        PyErr_Format(PyExc_TypeError, "%s must be str, not %.100s", what,
                     pyrs_unicode_argtype(arg));
    } else {
        /* CPython's ensure_unicode names the type itself (NoneType, not None) */
        PyErr_Format(PyExc_TypeError, "must be str, not %.100s", Py_TYPE(arg)->tp_name);
    }
    return -1;
}

static int
nargs_between(const char *name, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max)
{
    if (nargs >= min && nargs <= max) {
        return 0;
    }
    if (min == max) {
        PyErr_Format(PyExc_TypeError, "%s() takes exactly %s (%zd given)", name,
                     min == 1 ? "one argument" : "no arguments", nargs);
    } else if (nargs < min) {
        PyErr_Format(PyExc_TypeError, "%s expected at least %zd argument%s, got %zd", name, min,
                     min == 1 ? "" : "s", nargs);
    } else {
        PyErr_Format(PyExc_TypeError, "%s expected at most %zd argument%s, got %zd", name, max,
                     max == 1 ? "" : "s", nargs);
    }
    return -1;
}

/* An index argument (not None): 0 or -1 with TypeError. */
static int
ssize_arg(PyObject *v, Py_ssize_t *out)
{
    if (!PyIndex_Check(v)) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                     Py_TYPE(v)->tp_name);
        return -1;
    }
    /* as argument clinic's Py_ssize_t converter: OverflowError from PyLong_AsSsize_t */
    PyObject *iv = PyNumber_Index(v);
    Py_ssize_t x = iv != NULL ? PyLong_AsSsize_t(iv) : -1;
    Py_XDECREF(iv);
    if (x == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = x;
    return 0;
}

/* ---- searching -------------------------------------------------------------------------- */

static int
match_at(PyObject *s, Py_ssize_t i, PyObject *sub)
{
    Py_ssize_t m = LEN(sub);
    int ks = PyUnicode_KIND(s), kb = PyUnicode_KIND(sub);
    const void *ds = PyUnicode_DATA(s), *db = PyUnicode_DATA(sub);
    if (ks == kb) {
        return memcmp((const char *)ds + i * ks, db, (size_t)(m * ks)) == 0;
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        if (PyUnicode_READ(ks, ds, i + k) != PyUnicode_READ(kb, db, k)) {
            return 0;
        }
    }
    return 1;
}

/* First occurrence of NEEDLE[0:M] (M >= 1) in HAY[0:N]: memchr for the first byte, memcmp
 * for the rest. */
static const char *
find_bytes(const char *hay, size_t n, const char *needle, size_t m)
{
    const char *end = hay + n;
    while ((size_t)(end - hay) >= m) {
        const char *p = memchr(hay, needle[0], (size_t)(end - hay) - m + 1);
        if (p == NULL) {
            return NULL;
        }
        if (memcmp(p + 1, needle + 1, m - 1) == 0) {
            return p;
        }
        hay = p + 1;
    }
    return NULL;
}

/* memchr(HAY, C, N), with the first bytes scanned inline: split's pieces are mostly short
 * words, where the call costs more than the search. */
static inline const char *
find_byte(const char *hay, size_t n, char c)
{
    size_t k = n < 16 ? n : 16;
    for (size_t i = 0; i < k; i++) {
        if (hay[i] == c) {
            return hay + i;
        }
    }
    return n > 16 ? memchr(hay + 16, c, n - 16) : NULL;
}

/* Non-overlapping occurrences of NEEDLE[0:M] (M >= 1) in HAY[0:N], at most MAX. */
static Py_ssize_t
count_bytes(const char *hay, Py_ssize_t n, const char *needle, Py_ssize_t m, Py_ssize_t max)
{
    Py_ssize_t count = 0;
    if (m == 1) {
        /* blocks of at most 255 bytes counted in a byte-wide sum, which vectorises */
        char c = needle[0];
        for (Py_ssize_t i = 0; i < n;) {
            Py_ssize_t stop = n - i > 255 ? i + 255 : n;
            uint8_t block = 0;
            for (; i < stop; i++) {
                block += hay[i] == c;
            }
            count += block;
        }
        return count < max ? count : max;
    }
    const char *end = hay + n, *hit;
    while (count < max && (hit = find_bytes(hay, (size_t)(end - hay), needle, (size_t)m))) {
        count++;
        hay = hit + m;
    }
    return count;
}

/* Index of SUB in S[start:end] (already clamped) searching forward (DIR > 0) or backward. */
static Py_ssize_t
find_sub(PyObject *s, PyObject *sub, Py_ssize_t start, Py_ssize_t end, int dir)
{
    Py_ssize_t m = LEN(sub);
    if (end - start < m) {
        return -1;
    }
    if (PyUnicode_MAX_CHAR_VALUE(sub) > PyUnicode_MAX_CHAR_VALUE(s) && m > 0) {
        return -1; /* SUB holds a character wider than any in S */
    }
    if (dir > 0 && m > 0 && PyUnicode_KIND(s) == 1 && PyUnicode_KIND(sub) == 1) {
        const char *base = PyUnicode_DATA(s);
        const char *hit =
            find_bytes(base + start, (size_t)(end - start), PyUnicode_DATA(sub), (size_t)m);
        return hit ? hit - base : -1;
    }
    if (dir > 0) {
        for (Py_ssize_t i = start; i <= end - m; i++) {
            if (match_at(s, i, sub)) {
                return i;
            }
        }
    } else {
        for (Py_ssize_t i = end - m; i >= start; i--) {
            if (match_at(s, i, sub)) {
                return i;
            }
        }
    }
    return -1;
}

static Py_ssize_t
count_sub(PyObject *s, PyObject *sub, Py_ssize_t start, Py_ssize_t end, Py_ssize_t max)
{
    Py_ssize_t m = LEN(sub), n = 0;
    if (end - start < m) {
        return 0;
    }
    if (m == 0) {
        n = end - start + 1;
        return n < max ? n : max;
    }
    if (PyUnicode_KIND(s) == 1 && PyUnicode_KIND(sub) == 1) {
        return count_bytes((const char *)PyUnicode_DATA(s) + start, end - start,
                           PyUnicode_DATA(sub), m, max);
    }
    for (Py_ssize_t i = start; i <= end - m && n < max;) {
        if (match_at(s, i, sub)) {
            n++;
            i += m;
        } else {
            i++;
        }
    }
    return n;
}

Py_ssize_t
PyUnicode_Find(PyObject *str, PyObject *substr, Py_ssize_t start, Py_ssize_t end, int direction)
{
    if (need_str(str, NULL) < 0 || need_str(substr, NULL) < 0) {
        return -2;
    }
    pyrs_unicode_adjust_indices(LEN(str), &start, &end);
    if (start > LEN(str)) {
        return -1;
    }
    return find_sub(str, substr, start, end, direction);
}

Py_ssize_t
PyUnicode_FindChar(PyObject *str, Py_UCS4 ch, Py_ssize_t start, Py_ssize_t end, int direction)
{
    pyrs_unicode_adjust_indices(LEN(str), &start, &end);
    if (direction > 0) {
        for (Py_ssize_t i = start; i < end; i++) {
            if (READ(str, i) == ch) {
                return i;
            }
        }
    } else {
        for (Py_ssize_t i = end - 1; i >= start; i--) {
            if (READ(str, i) == ch) {
                return i;
            }
        }
    }
    return -1;
}

Py_ssize_t
PyUnicode_Count(PyObject *str, PyObject *substr, Py_ssize_t start, Py_ssize_t end)
{
    if (need_str(str, NULL) < 0 || need_str(substr, NULL) < 0) {
        return -1;
    }
    pyrs_unicode_adjust_indices(LEN(str), &start, &end);
    if (start > LEN(str)) {
        return 0;
    }
    return count_sub(str, substr, start, end, PY_SSIZE_T_MAX);
}

/* 1 if S[start:end] starts (DIRECTION -1) or ends (+1) with SUB. */
Py_ssize_t
PyUnicode_Tailmatch(PyObject *str, PyObject *substr, Py_ssize_t start, Py_ssize_t end,
                    int direction)
{
    if (need_str(str, NULL) < 0 || need_str(substr, NULL) < 0) {
        return -1;
    }
    pyrs_unicode_adjust_indices(LEN(str), &start, &end);
    Py_ssize_t m = LEN(substr);
    if (start > LEN(str) || end - start < m) {
        return 0;
    }
    if (m == 0) {
        return 1;
    }
    return match_at(str, direction > 0 ? end - m : start, substr);
}

int
PyUnicode_Contains(PyObject *str, PyObject *substr)
{
    if (!PyUnicode_Check(substr)) {
        PyErr_Format(PyExc_TypeError, "'in <string>' requires string as left operand, not %.100s",
                     Py_TYPE(substr)->tp_name);
        return -1;
    }
    if (need_str(str, NULL) < 0) {
        return -1;
    }
    return find_sub(str, substr, 0, LEN(str), 1) >= 0;
}

/* 1 to 3 arguments, with PyArg_ParseTuple's wording ("O|OO:name" in CPython's stringlib). */
static int
finds_nargs(const char *name, Py_ssize_t nargs)
{
    if (nargs >= 1 && nargs <= 3) {
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "%s() takes at %s (%zd given)", name,
                 nargs < 1 ? "least 1 argument" : "most 3 arguments", nargs);
    return -1;
}

/* Parses (sub[, start[, end]]) for find/index/count. */
static int
parse_find_args(const char *name, PyObject *const *args, Py_ssize_t nargs, PyObject **sub,
                Py_ssize_t *start, Py_ssize_t *end)
{
    if (finds_nargs(name, nargs) < 0) {
        return -1;
    }
    *start = 0;
    *end = PY_SSIZE_T_MAX;
    *sub = args[0];
    if (need_str(*sub, NULL) < 0) {
        return -1;
    }
    if ((nargs > 1 && pyrs_unicode_parse_index(args[1], start) < 0) ||
        (nargs > 2 && pyrs_unicode_parse_index(args[2], end) < 0)) {
        return -1;
    }
    return 0;
}

static PyObject *
do_find(PyObject *self, PyObject *const *args, Py_ssize_t nargs, const char *name, int dir,
        int raise)
{
    PyObject *sub;
    Py_ssize_t start, end;
    if (parse_find_args(name, args, nargs, &sub, &start, &end) < 0) {
        return NULL;
    }
    Py_ssize_t r = PyUnicode_Find(self, sub, start, end, dir);
    if (r < -1) {
        return NULL;
    }
    if (r == -1 && raise) {
        PyErr_SetString(PyExc_ValueError, "substring not found");
        return NULL;
    }
    return PyLong_FromSsize_t(r);
}

static PyObject *
unicode_find(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_find(self, args, nargs, "find", 1, 0);
}

static PyObject *
unicode_rfind(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_find(self, args, nargs, "rfind", -1, 0);
}

static PyObject *
unicode_index(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_find(self, args, nargs, "index", 1, 1);
}

static PyObject *
unicode_rindex(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_find(self, args, nargs, "rindex", -1, 1);
}

static PyObject *
unicode_count(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *sub;
    Py_ssize_t start, end;
    if (parse_find_args("count", args, nargs, &sub, &start, &end) < 0) {
        return NULL;
    }
    Py_ssize_t r = PyUnicode_Count(self, sub, start, end);
    return r < 0 ? NULL : PyLong_FromSsize_t(r);
}

static PyObject *
do_tailmatch(PyObject *self, PyObject *const *args, Py_ssize_t nargs, const char *name, int dir)
{
    Py_ssize_t start = 0, end = PY_SSIZE_T_MAX;
    if (finds_nargs(name, nargs) < 0 ||
        (nargs > 1 && pyrs_unicode_parse_index(args[1], &start) < 0) ||
        (nargs > 2 && pyrs_unicode_parse_index(args[2], &end) < 0)) {
        return NULL;
    }
    PyObject *sub = args[0];
    if (PyTuple_Check(sub)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(sub); i++) {
            PyObject *item = PyTuple_GET_ITEM(sub, i);
            if (!PyUnicode_Check(item)) {
                PyErr_Format(PyExc_TypeError, "tuple for %s must only contain str, not %.100s",
                             name, Py_TYPE(item)->tp_name);
                return NULL;
            }
            if (PyUnicode_Tailmatch(self, item, start, end, dir) == 1) {
                Py_RETURN_TRUE;
            }
        }
        Py_RETURN_FALSE;
    }
    if (!PyUnicode_Check(sub)) {
        PyErr_Format(PyExc_TypeError, "%s first arg must be str or a tuple of str, not %.100s",
                     name, Py_TYPE(sub)->tp_name);
        return NULL;
    }
    return PyBool_FromLong(PyUnicode_Tailmatch(self, sub, start, end, dir));
}

static PyObject *
unicode_startswith(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_tailmatch(self, args, nargs, "startswith", -1);
}

static PyObject *
unicode_endswith(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_tailmatch(self, args, nargs, "endswith", 1);
}

/* ---- replace ---------------------------------------------------------------------------- */

/* replace() when STR and NEW_ are ASCII and OLD (non-empty) is one-byte: the result is ASCII,
 * sized by counting first and filled with memcpy. */
static PyObject *
replace_ascii(PyObject *str, PyObject *old, PyObject *new_, Py_ssize_t maxcount)
{
    const char *src = PyUnicode_DATA(str), *od = PyUnicode_DATA(old), *nd = PyUnicode_DATA(new_);
    Py_ssize_t n = LEN(str), m = LEN(old), k = LEN(new_);
    Py_ssize_t count = count_bytes(src, n, od, m, maxcount);
    if (count == 0) {
        return pyrs_unicode_exact(str);
    }
    if (k > m && count > (PY_SSIZE_T_MAX - n) / (k - m)) {
        PyErr_SetString(PyExc_OverflowError, "replace string is too long");
        return NULL;
    }
    PyObject *res = PyUnicode_New(n + count * (k - m), 127);
    if (res == NULL) {
        return NULL;
    }
    char *out = PyUnicode_DATA(res);
    const char *end = src + n;
    for (Py_ssize_t c = 0; c < count; c++) {
        const char *hit = find_bytes(src, (size_t)(end - src), od, (size_t)m);
        memcpy(out, src, (size_t)(hit - src));
        out += hit - src;
        memcpy(out, nd, (size_t)k);
        out += k;
        src = hit + m;
    }
    memcpy(out, src, (size_t)(end - src));
    return res;
}

PyObject *
PyUnicode_Replace(PyObject *str, PyObject *old, PyObject *new_, Py_ssize_t maxcount)
{
    if (need_str(str, NULL) < 0 || need_str(old, NULL) < 0 || need_str(new_, NULL) < 0) {
        return NULL;
    }
    Py_ssize_t n = LEN(str), m = LEN(old);
    if (maxcount < 0) {
        maxcount = PY_SSIZE_T_MAX;
    }
    if (m > 0 && PyUnicode_IS_ASCII(str) && PyUnicode_IS_ASCII(new_) && PyUnicode_KIND(old) == 1) {
        return replace_ascii(str, old, new_, maxcount);
    }
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    Py_ssize_t i = 0, done = 0;
    if (m == 0) {
        for (; i <= n; i++) {
            if (done < maxcount) {
                if (pyrs_uniwriter_str(&w, new_) < 0) {
                    goto error;
                }
                done++;
            }
            if (i < n && pyrs_uniwriter_putc(&w, READ(str, i)) < 0) {
                goto error;
            }
        }
        return pyrs_uniwriter_finish(&w);
    }
    while (i < n) {
        Py_ssize_t j = done < maxcount ? find_sub(str, old, i, n, 1) : -1;
        if (j < 0) {
            break;
        }
        if (pyrs_uniwriter_substr(&w, str, i, j) < 0 || pyrs_uniwriter_str(&w, new_) < 0) {
            goto error;
        }
        i = j + m;
        done++;
    }
    if (done == 0) {
        pyrs_uniwriter_dealloc(&w);
        return pyrs_unicode_exact(str);
    }
    if (pyrs_uniwriter_substr(&w, str, i, n) < 0) {
        goto error;
    }
    return pyrs_uniwriter_finish(&w);
error:
    pyrs_uniwriter_dealloc(&w);
    return NULL;
}

static PyObject *
unicode_replace(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kwlist[] = {"", "", "", NULL};
    PyObject *a[3];
    Py_ssize_t count = -1;
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) > 0) {
        /* 3.11: every parameter is positional-only (count= came in 3.13) */
        PyErr_SetString(PyExc_TypeError, "str.replace() takes no keyword arguments");
        return NULL;
    }
    if (pyrs_unicode_parse_args("replace", args, nargs, kwnames, kwlist, 2, 3, a) < 0) {
        return NULL;
    }
    if (need_str(a[0], "replace() argument 1") < 0 || need_str(a[1], "replace() argument 2") < 0 ||
        (a[2] && ssize_arg(a[2], &count) < 0)) {
        return NULL;
    }
    return PyUnicode_Replace(self, a[0], a[1], count);
}

/* ---- splitting -------------------------------------------------------------------------- */

static int
append_sub(PyObject *list, PyObject *s, Py_ssize_t i, Py_ssize_t j)
{
    PyObject *part = PyUnicode_Substring(s, i, j);
    if (part == NULL) {
        return -1;
    }
    int r = PyList_Append(list, part);
    Py_DECREF(part);
    return r;
}

/* Py_UNICODE_ISSPACE of the character at I, with the kind and data hoisted by the caller. */
#define SPACE_AT(i) Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, (i)))

static PyObject *
split_whitespace(PyObject *s, Py_ssize_t maxsplit, int reverse)
{
    PyObject *list = PyList_New(0);
    Py_ssize_t n = LEN(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    if (list == NULL) {
        return NULL;
    }
    if (!reverse) {
        Py_ssize_t i = 0;
        while (1) {
            while (i < n && SPACE_AT(i)) {
                i++;
            }
            if (i == n) {
                break;
            }
            Py_ssize_t j = i;
            if (maxsplit-- == 0) {
                j = n;
            } else {
                while (j < n && !SPACE_AT(j)) {
                    j++;
                }
            }
            if (append_sub(list, s, i, j) < 0) {
                goto error;
            }
            i = j;
        }
        return list;
    }
    Py_ssize_t j = n;
    while (1) {
        while (j > 0 && SPACE_AT(j - 1)) {
            j--;
        }
        if (j == 0) {
            break;
        }
        Py_ssize_t i = j;
        if (maxsplit-- == 0) {
            i = 0;
        } else {
            while (i > 0 && !SPACE_AT(i - 1)) {
                i--;
            }
        }
        if (append_sub(list, s, i, j) < 0) {
            goto error;
        }
        j = i;
    }
    if (PyList_Reverse(list) < 0) {
        goto error;
    }
    return list;
error:
    Py_DECREF(list);
    return NULL;
}

/* Forward split of a one-byte-kind S on a one-byte-kind SEP into LIST (stolen). */
static PyObject *
split_ucs1(PyObject *list, PyObject *s, PyObject *sep, Py_ssize_t maxsplit)
{
    const char *base = PyUnicode_DATA(s), *sd = PyUnicode_DATA(sep);
    Py_ssize_t n = LEN(s), m = LEN(sep), i = 0;
    while (maxsplit-- != 0) {
        const char *hit = m == 1 ? find_byte(base + i, (size_t)(n - i), sd[0])
                                 : find_bytes(base + i, (size_t)(n - i), sd, (size_t)m);
        if (hit == NULL) {
            break;
        }
        if (append_sub(list, s, i, hit - base) < 0) {
            goto error;
        }
        i = hit - base + m;
    }
    if (append_sub(list, s, i, n) < 0) {
        goto error;
    }
    return list;
error:
    Py_DECREF(list);
    return NULL;
}

static PyObject *
split_sep(PyObject *s, PyObject *sep, Py_ssize_t maxsplit, int reverse)
{
    Py_ssize_t n = LEN(s), m = LEN(sep);
    if (m == 0) {
        PyErr_SetString(PyExc_ValueError, "empty separator");
        return NULL;
    }
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        return NULL;
    }
    if (!reverse && PyUnicode_KIND(s) == 1 && PyUnicode_KIND(sep) == 1) {
        return split_ucs1(list, s, sep, maxsplit);
    }
    if (!reverse) {
        Py_ssize_t i = 0;
        while (maxsplit-- != 0) {
            Py_ssize_t j = find_sub(s, sep, i, n, 1);
            if (j < 0) {
                break;
            }
            if (append_sub(list, s, i, j) < 0) {
                goto error;
            }
            i = j + m;
        }
        if (append_sub(list, s, i, n) < 0) {
            goto error;
        }
        return list;
    }
    Py_ssize_t j = n;
    while (maxsplit-- != 0) {
        Py_ssize_t i = find_sub(s, sep, 0, j, -1);
        if (i < 0) {
            break;
        }
        if (append_sub(list, s, i + m, j) < 0) {
            goto error;
        }
        j = i;
    }
    if (append_sub(list, s, 0, j) < 0 || PyList_Reverse(list) < 0) {
        goto error;
    }
    return list;
error:
    Py_DECREF(list);
    return NULL;
}

static PyObject *
do_split(PyObject *s, PyObject *sep, Py_ssize_t maxsplit, int reverse)
{
    if (maxsplit < 0) {
        maxsplit = PY_SSIZE_T_MAX;
    }
    if (sep == NULL || sep == Py_None) {
        return split_whitespace(s, maxsplit, reverse);
    }
    if (!PyUnicode_Check(sep)) {
        PyErr_Format(PyExc_TypeError, "must be str or None, not %.100s", Py_TYPE(sep)->tp_name);
        return NULL;
    }
    return split_sep(s, sep, maxsplit, reverse);
}

PyObject *
PyUnicode_Split(PyObject *s, PyObject *sep, Py_ssize_t maxsplit)
{
    return need_str(s, NULL) < 0 ? NULL : do_split(s, sep, maxsplit, 0);
}

PyObject *
PyUnicode_RSplit(PyObject *s, PyObject *sep, Py_ssize_t maxsplit)
{
    return need_str(s, NULL) < 0 ? NULL : do_split(s, sep, maxsplit, 1);
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
    return do_split(self, a[0], maxsplit, reverse);
}

static PyObject *
unicode_split(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return split_method(self, args, nargs, kwnames, "split", 0);
}

static PyObject *
unicode_rsplit(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return split_method(self, args, nargs, kwnames, "rsplit", 1);
}

/* Py_UNICODE_ISLINEBREAK for the one-byte kind. */
static const unsigned char ucs1_linebreak[256] = {
    [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x85] = 1,
};

/* Index of the first line break in P[i:n] (or N). ASCII text is skipped eight bytes at a
 * time while no byte is below 0x1f (every ASCII line break is). */
static Py_ssize_t
ucs1_next_linebreak(const Py_UCS1 *p, Py_ssize_t i, Py_ssize_t n, int ascii)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    for (;;) {
        while (ascii && i + 8 <= n) {
            uint64_t x;
            memcpy(&x, p + i, 8);
            if (((x - ones * 0x1f) & ~x & highs) != 0) {
                break; /* some byte is below 0x1f */
            }
            i += 8;
        }
        Py_ssize_t stop = ascii && i + 8 <= n ? i + 8 : n;
        while (i < stop && !ucs1_linebreak[p[i]]) {
            i++;
        }
        if (i < stop || i >= n) {
            return i;
        }
    }
}

PyObject *
PyUnicode_Splitlines(PyObject *s, int keepends)
{
    if (need_str(s, NULL) < 0) {
        return NULL;
    }
    PyObject *list = PyList_New(0);
    Py_ssize_t n = LEN(s), i = 0;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    if (list == NULL) {
        return NULL;
    }
    while (i < n) {
        Py_ssize_t j = i;
        if (kind == 1) {
            j = ucs1_next_linebreak(data, j, n, PyUnicode_IS_ASCII(s));
        } else {
            while (j < n && !Py_UNICODE_ISLINEBREAK(PyUnicode_READ(kind, data, j))) {
                j++;
            }
        }
        Py_ssize_t eol = j;
        if (j < n) {
            j += (READ(s, j) == '\r' && j + 1 < n && READ(s, j + 1) == '\n') ? 2 : 1;
            if (keepends) {
                eol = j;
            }
        }
        if (append_sub(list, s, i, eol) < 0) {
            Py_DECREF(list);
            return NULL;
        }
        i = j;
    }
    return list;
}

static PyObject *
unicode_splitlines(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kwlist[] = {"keepends", NULL};
    PyObject *a[1];
    int keep = 0;
    if (pyrs_unicode_parse_args("splitlines", args, nargs, kwnames, kwlist, 0, 1, a) < 0) {
        return NULL;
    }
    if (a[0] != NULL) {
        /* bool(accept={int}) as CPython's clinic: an int (or __index__), not any object */
        int v = _PyLong_AsInt(a[0]);
        if (v == -1 && PyErr_Occurred()) {
            return NULL;
        }
        keep = v != 0;
    }
    return PyUnicode_Splitlines(self, keep);
}

static PyObject *
do_partition(PyObject *s, PyObject *sep, int reverse)
{
    if (need_str(s, NULL) < 0 || need_str(sep, NULL) < 0) {
        return NULL;
    }
    if (LEN(sep) == 0) {
        PyErr_SetString(PyExc_ValueError, "empty separator");
        return NULL;
    }
    Py_ssize_t i = find_sub(s, sep, 0, LEN(s), reverse ? -1 : 1);
    PyObject *a, *b, *c;
    if (i < 0) {
        PyObject *e = pyrs_unicode_empty(), *whole = pyrs_unicode_exact(s);
        PyObject *res = reverse ? PyTuple_Pack(3, e, e, whole) : PyTuple_Pack(3, whole, e, e);
        Py_DECREF(e);
        Py_XDECREF(whole);
        return res;
    }
    a = PyUnicode_Substring(s, 0, i);
    b = pyrs_unicode_exact(sep);
    c = PyUnicode_Substring(s, i + LEN(sep), LEN(s));
    PyObject *res = a && b && c ? PyTuple_Pack(3, a, b, c) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(c);
    return res;
}

PyObject *
PyUnicode_Partition(PyObject *s, PyObject *sep)
{
    return do_partition(s, sep, 0);
}

PyObject *
PyUnicode_RPartition(PyObject *s, PyObject *sep)
{
    return do_partition(s, sep, 1);
}

/* ---- join, strip ------------------------------------------------------------------------ */

static PyObject *
unicode_join(PyObject *self, PyObject *seq)
{
    return PyUnicode_Join(self, seq);
}

static int
in_chars(PyObject *chars, Py_UCS4 ch)
{
    if (chars == NULL) {
        return Py_UNICODE_ISSPACE(ch);
    }
    for (Py_ssize_t k = 0; k < LEN(chars); k++) {
        if (READ(chars, k) == ch) {
            return 1;
        }
    }
    return 0;
}

PyObject *
_PyUnicode_TransformDecimalAndSpaceToASCII(PyObject *unicode)
{
    if (!PyUnicode_Check(unicode)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (PyUnicode_IS_ASCII(unicode)) {
        return Py_NewRef(unicode);
    }
    Py_ssize_t n = LEN(unicode);
    PyObject *res = PyUnicode_New(n, 127);
    if (res == NULL) {
        return NULL;
    }
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(res);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = READ(unicode, i);
        if (ch < 128) {
            out[i] = (Py_UCS1)ch;
        } else if (Py_UNICODE_ISSPACE(ch)) {
            out[i] = ' ';
        } else {
            int d = Py_UNICODE_TODECIMAL(ch);
            out[i] = d >= 0 ? (Py_UCS1)('0' + d) : '?';
        }
    }
    return res;
}

/* STRIPTYPE 0 left, 1 right, 2 both; SEPOBJ NULL/None means whitespace. */
PyObject *
_PyUnicode_XStrip(PyObject *self, int striptype, PyObject *sepobj)
{
    if (sepobj == Py_None) {
        sepobj = NULL;
    }
    if (sepobj != NULL && !PyUnicode_Check(sepobj)) {
        PyErr_Format(PyExc_TypeError, "%s arg must be None or str",
                     striptype == 0   ? "lstrip"
                     : striptype == 1 ? "rstrip"
                                      : "strip");
        return NULL;
    }
    Py_ssize_t i = 0, j = LEN(self);
    int kind = PyUnicode_KIND(self);
    const void *data = PyUnicode_DATA(self);
    if (sepobj == NULL) {
        /* whitespace, the common case, without the per-character call */
        while (striptype != 1 && i < j && SPACE_AT(i)) {
            i++;
        }
        while (striptype != 0 && j > i && SPACE_AT(j - 1)) {
            j--;
        }
        return PyUnicode_Substring(self, i, j);
    }
    if (striptype != 1) {
        while (i < j && in_chars(sepobj, READ(self, i))) {
            i++;
        }
    }
    if (striptype != 0) {
        while (j > i && in_chars(sepobj, READ(self, j - 1))) {
            j--;
        }
    }
    return PyUnicode_Substring(self, i, j);
}

static PyObject *
do_strip(PyObject *self, PyObject *const *args, Py_ssize_t nargs, int type, const char *name)
{
    if (nargs_between(name, nargs, 0, 1) < 0) {
        return NULL;
    }
    return _PyUnicode_XStrip(self, type, nargs ? args[0] : NULL);
}

static PyObject *
unicode_strip(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_strip(self, args, nargs, 2, "strip");
}

static PyObject *
unicode_lstrip(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_strip(self, args, nargs, 0, "lstrip");
}

static PyObject *
unicode_rstrip(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_strip(self, args, nargs, 1, "rstrip");
}

static PyObject *
unicode_removeprefix(PyObject *self, PyObject *prefix)
{
    if (need_str(prefix, "removeprefix() argument") < 0) {
        return NULL;
    }
    if (PyUnicode_Tailmatch(self, prefix, 0, PY_SSIZE_T_MAX, -1)) {
        return PyUnicode_Substring(self, LEN(prefix), LEN(self));
    }
    return pyrs_unicode_exact(self);
}

static PyObject *
unicode_removesuffix(PyObject *self, PyObject *suffix)
{
    if (need_str(suffix, "removesuffix() argument") < 0) {
        return NULL;
    }
    if (LEN(suffix) && PyUnicode_Tailmatch(self, suffix, 0, PY_SSIZE_T_MAX, 1)) {
        return PyUnicode_Substring(self, 0, LEN(self) - LEN(suffix));
    }
    return pyrs_unicode_exact(self);
}

/* ---- case mapping ----------------------------------------------------------------------- */

/* Greek capital sigma at I lowers to final sigma when it ends a cased word. */
static Py_UCS4
sigma_lower(PyObject *s, Py_ssize_t i)
{
    Py_ssize_t n = LEN(s), j = i - 1;
    while (j >= 0 && _PyUnicode_IsCaseIgnorable(READ(s, j))) {
        j--;
    }
    int final = j >= 0 && _PyUnicode_IsCased(READ(s, j));
    if (final) {
        j = i + 1;
        while (j < n && _PyUnicode_IsCaseIgnorable(READ(s, j))) {
            j++;
        }
        final = j == n || !_PyUnicode_IsCased(READ(s, j));
    }
    return final ? 0x3c2 : 0x3c3;
}

static int
lower_at(PyObject *s, Py_ssize_t i, Py_UCS4 *out)
{
    Py_UCS4 ch = READ(s, i);
    if (ch == 0x3a3) {
        out[0] = sigma_lower(s, i);
        return 1;
    }
    return _PyUnicode_ToLowerFull(ch, out);
}

static int
put_mapped(PyrsUniWriter *w, const Py_UCS4 *m, int n)
{
    for (int k = 0; k < n; k++) {
        if (pyrs_uniwriter_putc(w, m[k]) < 0) {
            return -1;
        }
    }
    return 0;
}

enum { CASE_LOWER, CASE_UPPER, CASE_FOLD, CASE_SWAP, CASE_TITLE, CASE_CAPITALIZE };

/* lower/upper/casefold/swapcase of a pure-ASCII string: one branch-free loop per mapping
 * (the compiler vectorises them); a letter differs from its other case by bit 5. */
static PyObject *
ascii_case_map(PyObject *s, int how)
{
    Py_ssize_t n = LEN(s);
    PyObject *res = PyUnicode_New(n, 127);
    if (res == NULL) {
        return NULL;
    }
    const Py_UCS1 *src = PyUnicode_1BYTE_DATA(s);
    Py_UCS1 *dst = PyUnicode_1BYTE_DATA(res);
    if (how == CASE_UPPER) {
        for (Py_ssize_t i = 0; i < n; i++) {
            dst[i] = (Py_UCS1)(src[i] ^ (((Py_UCS1)(src[i] - 'a') < 26) << 5));
        }
    } else if (how == CASE_SWAP) {
        for (Py_ssize_t i = 0; i < n; i++) {
            dst[i] = (Py_UCS1)(src[i] ^ (((Py_UCS1)((src[i] | 0x20) - 'a') < 26) << 5));
        }
    } else { /* lower and casefold agree on ASCII */
        for (Py_ssize_t i = 0; i < n; i++) {
            dst[i] = (Py_UCS1)(src[i] ^ (((Py_UCS1)(src[i] - 'A') < 26) << 5));
        }
    }
    return res;
}

static PyObject *
case_map(PyObject *s, int how)
{
    if (PyUnicode_IS_ASCII(s) && how <= CASE_SWAP) {
        return ascii_case_map(s, how);
    }
    PyrsUniWriter w;
    Py_ssize_t n = LEN(s);
    int prev_cased = 0;
    pyrs_uniwriter_init(&w);
    if (pyrs_uniwriter_reserve(&w, n) < 0) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = READ(s, i), m[3];
        int k;
        switch (how) {
        case CASE_LOWER:
            k = lower_at(s, i, m);
            break;
        case CASE_UPPER:
            k = _PyUnicode_ToUpperFull(ch, m);
            break;
        case CASE_FOLD:
            k = _PyUnicode_ToFoldedFull(ch, m);
            break;
        case CASE_SWAP:
            k = _PyUnicode_IsUppercase(ch)   ? lower_at(s, i, m)
                : _PyUnicode_IsLowercase(ch) ? _PyUnicode_ToUpperFull(ch, m)
                                             : (m[0] = ch, 1);
            break;
        case CASE_TITLE:
            k = prev_cased ? lower_at(s, i, m) : _PyUnicode_ToTitleFull(ch, m);
            prev_cased = _PyUnicode_IsCased(ch);
            break;
        default:
            k = i == 0 ? _PyUnicode_ToTitleFull(ch, m) : lower_at(s, i, m);
            break;
        }
        if (put_mapped(&w, m, k) < 0) {
            pyrs_uniwriter_dealloc(&w);
            return NULL;
        }
    }
    return pyrs_uniwriter_finish(&w);
}

static PyObject *
unicode_lower(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return case_map(self, CASE_LOWER);
}

static PyObject *
unicode_upper(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return case_map(self, CASE_UPPER);
}

static PyObject *
unicode_casefold(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return case_map(self, CASE_FOLD);
}

static PyObject *
unicode_swapcase(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return case_map(self, CASE_SWAP);
}

static PyObject *
unicode_title(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return case_map(self, CASE_TITLE);
}

static PyObject *
unicode_capitalize(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return case_map(self, CASE_CAPITALIZE);
}

/* ---- predicates ------------------------------------------------------------------------- */

static PyObject *
all_chars(PyObject *s, int (*pred)(Py_UCS4), int empty)
{
    Py_ssize_t n = LEN(s);
    if (n == 0) {
        return PyBool_FromLong(empty);
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!pred(READ(s, i))) {
            Py_RETURN_FALSE;
        }
    }
    Py_RETURN_TRUE;
}

static int
is_space(Py_UCS4 ch)
{
    return Py_UNICODE_ISSPACE(ch);
}

static int
is_alnum(Py_UCS4 ch)
{
    return Py_UNICODE_ISALNUM(ch);
}

static PyObject *
unicode_isspace(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return all_chars(self, is_space, 0);
}

static PyObject *
unicode_isalpha(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return all_chars(self, _PyUnicode_IsAlpha, 0);
}

static PyObject *
unicode_isalnum(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return all_chars(self, is_alnum, 0);
}

static PyObject *
unicode_isdecimal(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return all_chars(self, _PyUnicode_IsDecimalDigit, 0);
}

static PyObject *
unicode_isdigit(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return all_chars(self, _PyUnicode_IsDigit, 0);
}

static PyObject *
unicode_isnumeric(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return all_chars(self, _PyUnicode_IsNumeric, 0);
}

static PyObject *
unicode_isprintable(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return all_chars(self, _PyUnicode_IsPrintable, 1);
}

static PyObject *
unicode_isascii(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyBool_FromLong(PyUnicode_IS_ASCII(self));
}

/* islower (LOWER 1) / isupper (LOWER 0): no character of the other case, at least one cased. */
static PyObject *
case_pred(PyObject *s, int lower)
{
    int cased = 0;
    for (Py_ssize_t i = 0; i < LEN(s); i++) {
        Py_UCS4 ch = READ(s, i);
        int same = lower ? _PyUnicode_IsLowercase(ch) : _PyUnicode_IsUppercase(ch);
        int other = lower ? _PyUnicode_IsUppercase(ch) : _PyUnicode_IsLowercase(ch);
        if (other || _PyUnicode_IsTitlecase(ch)) {
            Py_RETURN_FALSE;
        }
        cased |= same;
    }
    return PyBool_FromLong(cased);
}

static PyObject *
unicode_islower(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return case_pred(self, 1);
}

static PyObject *
unicode_isupper(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return case_pred(self, 0);
}

static PyObject *
unicode_istitle(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    int cased = 0, prev = 0;
    for (Py_ssize_t i = 0; i < LEN(self); i++) {
        Py_UCS4 ch = READ(self, i);
        if (_PyUnicode_IsUppercase(ch) || _PyUnicode_IsTitlecase(ch)) {
            if (prev) {
                Py_RETURN_FALSE;
            }
            prev = cased = 1;
        } else if (_PyUnicode_IsLowercase(ch)) {
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

int
PyUnicode_IsIdentifier(PyObject *s)
{
    Py_ssize_t n = LEN(s);
    if (n == 0) {
        return 0;
    }
    Py_UCS4 first = READ(s, 0);
    if (!_PyUnicode_IsXidStart(first) && first != '_') {
        return 0;
    }
    for (Py_ssize_t i = 1; i < n; i++) {
        if (!_PyUnicode_IsXidContinue(READ(s, i))) {
            return 0;
        }
    }
    return 1;
}

static PyObject *
unicode_isidentifier(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyBool_FromLong(PyUnicode_IsIdentifier(self));
}

/* ---- padding ---------------------------------------------------------------------------- */

static PyObject *
pad(PyObject *s, Py_ssize_t left, Py_ssize_t right, Py_UCS4 fill)
{
    if (left <= 0 && right <= 0) {
        return pyrs_unicode_exact(s);
    }
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    if (pyrs_uniwriter_fill(&w, fill, left) < 0 || pyrs_uniwriter_str(&w, s) < 0 ||
        pyrs_uniwriter_fill(&w, fill, right) < 0) {
        pyrs_uniwriter_dealloc(&w);
        return NULL;
    }
    return pyrs_uniwriter_finish(&w);
}

/* Parses (width[, fillchar]). */
static int
parse_pad(const char *name, PyObject *const *args, Py_ssize_t nargs, Py_ssize_t *width,
          Py_UCS4 *fill)
{
    *fill = ' ';
    if (nargs_between(name, nargs, 1, 2) < 0 || ssize_arg(args[0], width) < 0) {
        return -1;
    }
    if (nargs == 2) {
        if (!PyUnicode_Check(args[1])) {
            /* argument clinic's Py_UCS4 converter */
            PyErr_Format(PyExc_TypeError,
                         "The fill character must be a unicode character, not %.100s",
                         Py_TYPE(args[1])->tp_name);
            return -1;
        }
        if (LEN(args[1]) != 1) {
            PyErr_SetString(PyExc_TypeError,
                            "The fill character must be exactly one character long");
            return -1;
        }
        *fill = READ(args[1], 0);
    }
    return 0;
}

static PyObject *
unicode_ljust(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t width;
    Py_UCS4 fill;
    if (parse_pad("ljust", args, nargs, &width, &fill) < 0) {
        return NULL;
    }
    return pad(self, 0, width - LEN(self), fill);
}

static PyObject *
unicode_rjust(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t width;
    Py_UCS4 fill;
    if (parse_pad("rjust", args, nargs, &width, &fill) < 0) {
        return NULL;
    }
    return pad(self, width - LEN(self), 0, fill);
}

static PyObject *
unicode_center(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t width;
    Py_UCS4 fill;
    if (parse_pad("center", args, nargs, &width, &fill) < 0) {
        return NULL;
    }
    Py_ssize_t marg = width - LEN(self);
    if (marg <= 0) {
        return pyrs_unicode_exact(self);
    }
    Py_ssize_t left = marg / 2 + (marg & width & 1);
    return pad(self, left, marg - left, fill);
}

static PyObject *
unicode_zfill(PyObject *self, PyObject *arg)
{
    Py_ssize_t width;
    if (ssize_arg(arg, &width) < 0) {
        return NULL;
    }
    Py_ssize_t fill = width - LEN(self);
    if (fill <= 0) {
        return pyrs_unicode_exact(self);
    }
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    Py_ssize_t start = 0;
    if (LEN(self) > 0 && (READ(self, 0) == '+' || READ(self, 0) == '-')) {
        if (pyrs_uniwriter_putc(&w, READ(self, 0)) < 0) {
            goto error;
        }
        start = 1;
    }
    if (pyrs_uniwriter_fill(&w, '0', fill) < 0 ||
        pyrs_uniwriter_substr(&w, self, start, LEN(self)) < 0) {
        goto error;
    }
    return pyrs_uniwriter_finish(&w);
error:
    pyrs_uniwriter_dealloc(&w);
    return NULL;
}

static PyObject *
unicode_expandtabs(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kwlist[] = {"tabsize", NULL};
    PyObject *a[1];
    Py_ssize_t tabsize = 8, col = 0;
    if (pyrs_unicode_parse_args("expandtabs", args, nargs, kwnames, kwlist, 0, 1, a) < 0 ||
        (a[0] && ssize_arg(a[0], &tabsize) < 0)) {
        return NULL;
    }
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    for (Py_ssize_t i = 0; i < LEN(self); i++) {
        Py_UCS4 ch = READ(self, i);
        int r;
        if (ch == '\t') {
            Py_ssize_t k = tabsize > 0 ? tabsize - col % tabsize : 0;
            r = pyrs_uniwriter_fill(&w, ' ', k);
            col += k;
        } else {
            r = pyrs_uniwriter_putc(&w, ch);
            col = (ch == '\n' || ch == '\r') ? 0 : col + 1;
        }
        if (r < 0) {
            pyrs_uniwriter_dealloc(&w);
            return NULL;
        }
    }
    return pyrs_uniwriter_finish(&w);
}

/* ---- translate and maketrans ------------------------------------------------------------ */

/* Maps CH through TABLE into W: 0, or -1 with an exception. */
static int
translate_char(PyrsUniWriter *w, PyObject *table, Py_UCS4 ch)
{
    PyObject *key = PyLong_FromLong((long)ch);
    if (key == NULL) {
        return -1;
    }
    PyObject *v = PyObject_GetItem(table, key);
    Py_DECREF(key);
    if (v == NULL) {
        if (PyErr_ExceptionMatches(PyExc_LookupError)) {
            PyErr_Clear();
            return pyrs_uniwriter_putc(w, ch);
        }
        return -1;
    }
    int r = 0;
    if (v == Py_None) {
        r = 0;
    } else if (PyLong_Check(v)) {
        long x = PyLong_AsLong(v);
        if (x == -1 && PyErr_Occurred()) {
            r = -1;
        } else if (x < 0 || x > 0x10ffff) {
            PyErr_SetString(PyExc_ValueError, "character mapping must be in range(0x110000)");
            r = -1;
        } else {
            r = pyrs_uniwriter_putc(w, (Py_UCS4)x);
        }
    } else if (PyUnicode_Check(v)) {
        r = pyrs_uniwriter_str(w, v);
    } else {
        PyErr_SetString(PyExc_TypeError, "character mapping must return integer, None or str");
        r = -1;
    }
    Py_DECREF(v);
    return r;
}

PyObject *
PyUnicode_Translate(PyObject *str, PyObject *table, const char *Py_UNUSED(errors))
{
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    for (Py_ssize_t i = 0; i < LEN(str); i++) {
        if (translate_char(&w, table, READ(str, i)) < 0) {
            pyrs_uniwriter_dealloc(&w);
            return NULL;
        }
    }
    return pyrs_uniwriter_finish(&w);
}

static PyObject *
unicode_translate(PyObject *self, PyObject *table)
{
    return PyUnicode_Translate(self, table, NULL);
}

static int
maketrans_set(PyObject *d, Py_UCS4 k, PyObject *v)
{
    PyObject *key = PyLong_FromLong((long)k);
    if (key == NULL) {
        return -1;
    }
    int r = PyDict_SetItem(d, key, v);
    Py_DECREF(key);
    return r;
}

static int
maketrans_from_dict(PyObject *d, PyObject *x)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(x, &pos, &key, &value)) {
        if (PyUnicode_Check(key)) {
            if (LEN(key) != 1) {
                PyErr_SetString(PyExc_ValueError, "string keys in translate table must be of "
                                                  "length 1");
                return -1;
            }
            if (maketrans_set(d, READ(key, 0), value) < 0) {
                return -1;
            }
        } else if (PyLong_Check(key)) {
            if (PyDict_SetItem(d, key, value) < 0) {
                return -1;
            }
        } else {
            PyErr_SetString(PyExc_TypeError, "keys in translate table must be strings or "
                                             "integers");
            return -1;
        }
    }
    return 0;
}

static int
maketrans_from_strs(PyObject *d, PyObject *x, PyObject *y, PyObject *z)
{
    if (!PyUnicode_Check(x)) {
        PyErr_SetString(PyExc_TypeError, "first maketrans argument must be a string if there is "
                                         "a second argument");
        return -1;
    }
    if (need_str(y, "maketrans() argument 2") < 0) {
        return -1;
    }
    if (LEN(x) != LEN(y)) {
        PyErr_SetString(PyExc_ValueError, "the first two maketrans arguments must have equal "
                                          "length");
        return -1;
    }
    for (Py_ssize_t i = 0; i < LEN(x); i++) {
        PyObject *v = PyLong_FromLong((long)READ(y, i));
        int r = v ? maketrans_set(d, READ(x, i), v) : -1;
        Py_XDECREF(v);
        if (r < 0) {
            return -1;
        }
    }
    if (z != NULL) {
        if (need_str(z, "maketrans() argument 3") < 0) {
            return -1;
        }
        for (Py_ssize_t i = 0; i < LEN(z); i++) {
            if (maketrans_set(d, READ(z, i), Py_None) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

static PyObject *
unicode_maketrans(PyObject *Py_UNUSED(null), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs_between("maketrans", nargs, 1, 3) < 0) {
        return NULL;
    }
    PyObject *d = PyDict_New();
    if (d == NULL) {
        return NULL;
    }
    int r;
    if (nargs == 1) {
        if (!PyDict_CheckExact(args[0])) {
            PyErr_SetString(PyExc_TypeError, "if you give only one argument to maketrans it must "
                                             "be a dict");
            r = -1;
        } else {
            r = maketrans_from_dict(d, args[0]);
        }
    } else {
        r = maketrans_from_strs(d, args[0], args[1], nargs == 3 ? args[2] : NULL);
    }
    if (r < 0) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

/* ---- encode, format, misc --------------------------------------------------------------- */

static PyObject *
unicode_encode(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kwlist[] = {"encoding", "errors", NULL};
    PyObject *a[2];
    const char *enc = NULL, *err = NULL;
    if (pyrs_unicode_parse_args("encode", args, nargs, kwnames, kwlist, 0, 2, a) < 0) {
        return NULL;
    }
    if (a[0] && (need_str(a[0], "encode() argument 'encoding'") < 0 ||
                 (enc = PyUnicode_AsUTF8(a[0])) == NULL)) {
        return NULL;
    }
    if (a[1] && (need_str(a[1], "encode() argument 'errors'") < 0 ||
                 (err = PyUnicode_AsUTF8(a[1])) == NULL)) {
        return NULL;
    }
    return PyUnicode_AsEncodedString(self, enc, err);
}

static PyObject *
unicode_format_method(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return pyrs_unicode_do_format(self, args, kwargs, NULL);
}

static PyObject *
unicode_format_map(PyObject *self, PyObject *mapping)
{
    return pyrs_unicode_do_format(self, NULL, NULL, mapping);
}

static PyObject *
unicode_dunder_format(PyObject *self, PyObject *spec)
{
    if (!PyUnicode_Check(spec)) {
        PyErr_Format(PyExc_TypeError, "__format__() argument must be str, not %.100s",
                     Py_TYPE(spec)->tp_name);
        return NULL;
    }
    return pyrs_unicode_format_str(self, spec);
}

static PyObject *
unicode_sizeof(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t size;
    if (PyUnicode_IS_COMPACT_ASCII(self)) {
        size = (Py_ssize_t)sizeof(PyASCIIObject) + LEN(self) + 1;
    } else if (PyUnicode_IS_COMPACT(self)) {
        size = (Py_ssize_t)sizeof(PyCompactUnicodeObject) + (LEN(self) + 1) * PyUnicode_KIND(self);
    } else {
        size = (Py_ssize_t)sizeof(PyUnicodeObject) + (LEN(self) + 1) * PyUnicode_KIND(self);
    }
    if (!PyUnicode_IS_COMPACT_ASCII(self) && ((PyCompactUnicodeObject *)self)->utf8 != NULL) {
        size += ((PyCompactUnicodeObject *)self)->utf8_length + 1;
    }
    return PyLong_FromSsize_t(size);
}

static PyObject *
unicode_getnewargs(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    /* a fresh copy, never self, as CPython returns */
    PyObject *copy = _PyUnicode_Copy(self);
    if (copy == NULL) {
        return NULL;
    }
    PyObject *res = PyTuple_Pack(1, copy);
    Py_DECREF(copy);
    return res;
}

#define FAST(fn) ((PyCFunction)(void (*)(void))(fn))
#define FASTKW   (METH_FASTCALL | METH_KEYWORDS)

PyMethodDef pyrs_unicode_methods[] = {
    {"encode", FAST(unicode_encode), FASTKW,
     "encode($self, /, encoding='utf-8', errors='strict')\n--\n\nEncode the string using the "
     "codec registered for encoding."},
    {"replace", FAST(unicode_replace), FASTKW,
     "replace($self, old, new, count=-1, /)\n--\n\nReturn a copy with all occurrences of "
     "substring old replaced by new."},
    {"split", FAST(unicode_split), FASTKW,
     "split($self, /, sep=None, maxsplit=-1)\n--\n\nReturn a list of the substrings in the "
     "string, using sep as the separator string."},
    {"rsplit", FAST(unicode_rsplit), FASTKW,
     "rsplit($self, /, sep=None, maxsplit=-1)\n--\n\nReturn a list of the substrings in the "
     "string, using sep as the separator string."},
    {"join", unicode_join, METH_O,
     "join($self, iterable, /)\n--\n\nConcatenate any number of strings."},
    {"capitalize", unicode_capitalize, METH_NOARGS,
     "capitalize($self, /)\n--\n\nReturn a capitalized version of the string."},
    {"casefold", unicode_casefold, METH_NOARGS,
     "casefold($self, /)\n--\n\nReturn a version of the string suitable for caseless "
     "comparisons."},
    {"title", unicode_title, METH_NOARGS,
     "title($self, /)\n--\n\nReturn a version of the string where each word is titlecased."},
    {"center", FAST(unicode_center), METH_FASTCALL,
     "center($self, width, fillchar=' ', /)\n--\n\nReturn a centered string of length width."},
    {"count", FAST(unicode_count), METH_FASTCALL,
     "S.count(sub[, start[, end]]) -> int\n\nReturn the number of non-overlapping occurrences "
     "of substring sub in\nstring S[start:end]."},
    {"expandtabs", FAST(unicode_expandtabs), FASTKW,
     "expandtabs($self, /, tabsize=8)\n--\n\nReturn a copy where all tab characters are "
     "expanded using spaces."},
    {"find", FAST(unicode_find), METH_FASTCALL,
     "S.find(sub[, start[, end]]) -> int\n\nReturn the lowest index in S where substring sub "
     "is found."},
    {"partition", PyUnicode_Partition, METH_O,
     "partition($self, sep, /)\n--\n\nPartition the string into three parts using the given "
     "separator."},
    {"index", FAST(unicode_index), METH_FASTCALL,
     "S.index(sub[, start[, end]]) -> int\n\nReturn the lowest index in S where substring sub "
     "is found."},
    {"ljust", FAST(unicode_ljust), METH_FASTCALL,
     "ljust($self, width, fillchar=' ', /)\n--\n\nReturn a left-justified string of length "
     "width."},
    {"lower", unicode_lower, METH_NOARGS,
     "lower($self, /)\n--\n\nReturn a copy of the string converted to lowercase."},
    {"lstrip", FAST(unicode_lstrip), METH_FASTCALL,
     "lstrip($self, chars=None, /)\n--\n\nReturn a copy of the string with leading whitespace "
     "removed."},
    {"rfind", FAST(unicode_rfind), METH_FASTCALL,
     "S.rfind(sub[, start[, end]]) -> int\n\nReturn the highest index in S where substring "
     "sub is found."},
    {"rindex", FAST(unicode_rindex), METH_FASTCALL,
     "S.rindex(sub[, start[, end]]) -> int\n\nReturn the highest index in S where substring "
     "sub is found."},
    {"rjust", FAST(unicode_rjust), METH_FASTCALL,
     "rjust($self, width, fillchar=' ', /)\n--\n\nReturn a right-justified string of length "
     "width."},
    {"rstrip", FAST(unicode_rstrip), METH_FASTCALL,
     "rstrip($self, chars=None, /)\n--\n\nReturn a copy of the string with trailing whitespace "
     "removed."},
    {"rpartition", PyUnicode_RPartition, METH_O,
     "rpartition($self, sep, /)\n--\n\nPartition the string into three parts using the given "
     "separator."},
    {"splitlines", FAST(unicode_splitlines), FASTKW,
     "splitlines($self, /, keepends=False)\n--\n\nReturn a list of the lines in the string, "
     "breaking at line boundaries."},
    {"strip", FAST(unicode_strip), METH_FASTCALL,
     "strip($self, chars=None, /)\n--\n\nReturn a copy of the string with leading and "
     "trailing whitespace removed."},
    {"swapcase", unicode_swapcase, METH_NOARGS,
     "swapcase($self, /)\n--\n\nConvert uppercase characters to lowercase and lowercase "
     "characters to uppercase."},
    {"translate", unicode_translate, METH_O,
     "translate($self, table, /)\n--\n\nReplace each character in the string using the given "
     "translation table."},
    {"upper", unicode_upper, METH_NOARGS,
     "upper($self, /)\n--\n\nReturn a copy of the string converted to uppercase."},
    {"startswith", FAST(unicode_startswith), METH_FASTCALL,
     "S.startswith(prefix[, start[, end]]) -> bool\n\nReturn True if S starts with the "
     "specified prefix, False otherwise."},
    {"endswith", FAST(unicode_endswith), METH_FASTCALL,
     "S.endswith(suffix[, start[, end]]) -> bool\n\nReturn True if S ends with the specified "
     "suffix, False otherwise."},
    {"removeprefix", unicode_removeprefix, METH_O,
     "removeprefix($self, prefix, /)\n--\n\nReturn a str with the given prefix string removed "
     "if present."},
    {"removesuffix", unicode_removesuffix, METH_O,
     "removesuffix($self, suffix, /)\n--\n\nReturn a str with the given suffix string removed "
     "if present."},
    {"isascii", unicode_isascii, METH_NOARGS,
     "isascii($self, /)\n--\n\nReturn True if all characters in the string are ASCII, False "
     "otherwise."},
    {"islower", unicode_islower, METH_NOARGS,
     "islower($self, /)\n--\n\nReturn True if the string is a lowercase string, False "
     "otherwise."},
    {"isupper", unicode_isupper, METH_NOARGS,
     "isupper($self, /)\n--\n\nReturn True if the string is an uppercase string, False "
     "otherwise."},
    {"istitle", unicode_istitle, METH_NOARGS,
     "istitle($self, /)\n--\n\nReturn True if the string is a title-cased string, False "
     "otherwise."},
    {"isspace", unicode_isspace, METH_NOARGS,
     "isspace($self, /)\n--\n\nReturn True if the string is a whitespace string, False "
     "otherwise."},
    {"isdecimal", unicode_isdecimal, METH_NOARGS,
     "isdecimal($self, /)\n--\n\nReturn True if the string is a decimal string, False "
     "otherwise."},
    {"isdigit", unicode_isdigit, METH_NOARGS,
     "isdigit($self, /)\n--\n\nReturn True if the string is a digit string, False otherwise."},
    {"isnumeric", unicode_isnumeric, METH_NOARGS,
     "isnumeric($self, /)\n--\n\nReturn True if the string is a numeric string, False "
     "otherwise."},
    {"isalpha", unicode_isalpha, METH_NOARGS,
     "isalpha($self, /)\n--\n\nReturn True if the string is an alphabetic string, False "
     "otherwise."},
    {"isalnum", unicode_isalnum, METH_NOARGS,
     "isalnum($self, /)\n--\n\nReturn True if the string is an alpha-numeric string, False "
     "otherwise."},
    {"isidentifier", unicode_isidentifier, METH_NOARGS,
     "isidentifier($self, /)\n--\n\nReturn True if the string is a valid Python identifier, "
     "False otherwise."},
    {"isprintable", unicode_isprintable, METH_NOARGS,
     "isprintable($self, /)\n--\n\nReturn True if the string is printable, False otherwise."},
    {"zfill", unicode_zfill, METH_O,
     "zfill($self, width, /)\n--\n\nPad a numeric string with zeros on the left, to fill a "
     "field of the given width."},
    {"format", FAST(unicode_format_method), METH_VARARGS | METH_KEYWORDS,
     "S.format(*args, **kwargs) -> str\n\nReturn a formatted version of S, using substitutions "
     "from args and kwargs.\nThe substitutions are identified by braces ('{' and '}')."},
    {"format_map", unicode_format_map, METH_O,
     "S.format_map(mapping) -> str\n\nReturn a formatted version of S, using substitutions "
     "from mapping.\nThe substitutions are identified by braces ('{' and '}')."},
    {"__format__", unicode_dunder_format, METH_O,
     "__format__($self, format_spec, /)\n--\n\nReturn a formatted version of the string as "
     "described by format_spec."},
    {"maketrans", FAST(unicode_maketrans), METH_FASTCALL | METH_STATIC,
     "maketrans(x, y=<unrepresentable>, z=<unrepresentable>, /)\n--\n\nReturn a translation "
     "table usable for str.translate()."},
    {"__sizeof__", unicode_sizeof, METH_NOARGS,
     "__sizeof__($self, /)\n--\n\nReturn the size of the string in memory, in bytes."},
    {"__getnewargs__", unicode_getnewargs, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- repr, indexing, repetition, construction ------------------------------------------ */

PyObject *
pyrs_unicode_repr(PyObject *s)
{
    Py_ssize_t n = LEN(s);
    int has_single = 0, has_double = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = READ(s, i);
        has_single |= ch == '\'';
        has_double |= ch == '"';
    }
    Py_UCS4 quote = has_single && !has_double ? '"' : '\'';
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    if (pyrs_uniwriter_reserve(&w, n + 2) < 0 || pyrs_uniwriter_putc(&w, quote) < 0) {
        goto error;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = READ(s, i);
        char buf[16];
        int r;
        if (ch == quote || ch == '\\') {
            buf[0] = '\\';
            buf[1] = (char)ch;
            r = pyrs_uniwriter_ascii(&w, buf, 2);
        } else if (ch == '\t' || ch == '\n' || ch == '\r') {
            r = pyrs_uniwriter_ascii(&w, ch == '\t' ? "\\t" : ch == '\n' ? "\\n" : "\\r", 2);
        } else if (ch < 0x20 || ch == 0x7f) {
            snprintf(buf, sizeof buf, "\\x%02x", (unsigned)ch);
            r = pyrs_uniwriter_ascii(&w, buf, 4);
        } else if (ch < 0x7f || _PyUnicode_IsPrintable(ch)) {
            r = pyrs_uniwriter_putc(&w, ch);
        } else {
            snprintf(buf, sizeof buf,
                     ch <= 0xff     ? "\\x%02x"
                     : ch <= 0xffff ? "\\u%04x"
                                    : "\\U%08x",
                     (unsigned)ch);
            r = pyrs_uniwriter_ascii(&w, buf, (Py_ssize_t)strlen(buf));
        }
        if (r < 0) {
            goto error;
        }
    }
    if (pyrs_uniwriter_putc(&w, quote) < 0) {
        goto error;
    }
    return pyrs_uniwriter_finish(&w);
error:
    pyrs_uniwriter_dealloc(&w);
    return NULL;
}

PyObject *
pyrs_unicode_subscript(PyObject *self, PyObject *key)
{
    if (PyIndex_Check(key)) {
        Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) {
            return NULL;
        }
        if (i < 0) {
            i += LEN(self);
        }
        if (i < 0 || i >= LEN(self)) {
            PyErr_SetString(PyExc_IndexError, "string index out of range");
            return NULL;
        }
        return pyrs_unicode_char(READ(self, i));
    }
    if (!PySlice_Check(key)) {
        PyErr_Format(PyExc_TypeError, "string indices must be integers, not '%.200s'",
                     Py_TYPE(key)->tp_name);
        return NULL;
    }
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(key, &start, &stop, &step) < 0) {
        return NULL;
    }
    Py_ssize_t n = PySlice_AdjustIndices(LEN(self), &start, &stop, step);
    if (n <= 0) {
        return pyrs_unicode_empty();
    }
    if (step == 1) {
        return PyUnicode_Substring(self, start, stop);
    }
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    if (pyrs_uniwriter_reserve(&w, n) < 0) {
        return NULL;
    }
    for (Py_ssize_t k = 0, i = start; k < n; k++, i = (Py_ssize_t)((size_t)i + (size_t)step)) {
        if (pyrs_uniwriter_putc(&w, READ(self, i)) < 0) {
            pyrs_uniwriter_dealloc(&w);
            return NULL;
        }
    }
    return pyrs_uniwriter_finish(&w);
}

PyObject *
pyrs_unicode_repeat(PyObject *s, Py_ssize_t n)
{
    Py_ssize_t len = LEN(s);
    if (n <= 0 || len == 0) {
        return pyrs_unicode_empty();
    }
    if (n == 1) {
        return pyrs_unicode_exact(s);
    }
    if (len > PY_SSIZE_T_MAX / n) {
        PyErr_SetString(PyExc_OverflowError, "repeated string is too long");
        return NULL;
    }
    PyObject *res = PyUnicode_New(len * n, PyUnicode_MAX_CHAR_VALUE(s));
    if (res == NULL) {
        return NULL;
    }
    size_t bytes = (size_t)(len * PyUnicode_KIND(s));
    char *dst = PyUnicode_DATA(res);
    for (Py_ssize_t i = 0; i < n; i++) {
        memcpy(dst + i * (Py_ssize_t)bytes, PyUnicode_DATA(s), bytes);
    }
    return res;
}

/* A str subclass instance: the legacy (non-compact) layout with separately allocated data. */
static PyObject *
subtype_new(PyTypeObject *type, PyObject *exact)
{
    PyObject *self = type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    PyUnicodeObject *u = (PyUnicodeObject *)self;
    Py_ssize_t n = LEN(exact);
    int kind = PyUnicode_KIND(exact);
    u->_base._base.length = n;
    u->_base._base.hash = ((PyASCIIObject *)exact)->hash;
    u->_base._base.state.kind = (unsigned)kind;
    u->_base._base.state.compact = 0;
    u->_base._base.state.ascii = (unsigned)PyUnicode_IS_ASCII(exact);
    u->_base._base.state.ready = 1;
    u->data.any = PyObject_Malloc((size_t)((n + 1) * kind));
    if (u->data.any == NULL) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    memcpy(u->data.any, PyUnicode_DATA(exact), (size_t)((n + 1) * kind));
    if (PyUnicode_IS_ASCII(exact)) {
        u->_base.utf8 = u->data.any;
        u->_base.utf8_length = n;
    }
    return self;
}

PyObject *
pyrs_unicode_vectorcall(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t n = PyVectorcall_NARGS(nargsf);
    if (type == (PyObject *)&PyUnicode_Type && n == 1 &&
        (kwnames == NULL || PyTuple_GET_SIZE(kwnames) == 0)) {
        return PyObject_Str(args[0]);
    }
    return _PyObject_MakeTpCall(NULL, type, args, n, kwnames);
}

PyObject *
pyrs_unicode_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *const kwlist[] = {"object", "encoding", "errors", NULL};
    Py_ssize_t nargs = PyTuple_GET_SIZE(args), nkw = kwds ? PyDict_Size(kwds) : 0;
    PyObject *a[3] = {NULL, NULL, NULL};
    if (nargs > 3) {
        PyErr_Format(PyExc_TypeError, "str() takes at most 3 arguments (%zd given)", nargs + nkw);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        a[i] = PyTuple_GET_ITEM(args, i);
    }
    if (nkw > 0) {
        Py_ssize_t pos = 0;
        PyObject *k, *v;
        while (PyDict_Next(kwds, &pos, &k, &v)) {
            int i;
            for (i = 0; i < 3 && !_PyUnicode_EqualToASCIIString(k, kwlist[i]); i++) {
            }
            if (i == 3) {
                PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for str()", k);
                return NULL;
            }
            a[i] = v;
        }
    }
    PyObject *res;
    if (a[1] == NULL && a[2] == NULL) {
        res = a[0] ? PyObject_Str(a[0]) : pyrs_unicode_empty();
    } else {
        const char *enc = NULL, *err = NULL;
        if ((a[1] && (need_str(a[1], "str() argument 'encoding'") < 0 ||
                      !(enc = PyUnicode_AsUTF8(a[1])))) ||
            (a[2] &&
             (need_str(a[2], "str() argument 'errors'") < 0 || !(err = PyUnicode_AsUTF8(a[2]))))) {
            return NULL;
        }
        res = a[0] ? PyUnicode_FromEncodedObject(a[0], enc, err) : pyrs_unicode_empty();
    }
    if (res == NULL || type == &PyUnicode_Type) {
        return res;
    }
    PyObject *sub = subtype_new(type, res);
    Py_DECREF(res);
    return sub;
}
