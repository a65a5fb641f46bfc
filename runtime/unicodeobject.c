/* unicodeobject.c: the str type's core, mirroring CPython 3.11's Objects/unicodeobject.c:
 * PEP 393 compact allocation, the empty and latin-1 singletons, interning, UTF-8 caching,
 * PyUnicode_FromFormat, comparison, concatenation, join, hashing (SipHash over the canonical
 * data, as CPython), iteration and the type object. Methods live in unicode_methods.c,
 * formatting in unicode_format.c and codecs in unicode_codecs.c. */
#include "Python.h"
#include "pyrs/containers.h"
#include "pyrs/lifecycle.h"
#include "pyrs/mem.h"
#include "pyrs/unicode.h"

/* ---- allocation ------------------------------------------------------------------------ */

/* The empty string lives statically so it exists before pyrs_unicode_init runs. */
static struct {
    PyASCIIObject base;
    Py_UCS1 data[8];
} empty_str = {
    .base = {.ob_base = {1, &PyUnicode_Type},
             .length = 0,
             .hash = 0,
             .state = {.interned = 0, .kind = 1, .compact = 1, .ascii = 1, .ready = 1},
             .wstr = NULL},
};

static PyObject *latin1_cache[256];

PyObject *
pyrs_unicode_empty(void)
{
    return Py_NewRef((PyObject *)&empty_str);
}

static PyObject *new_general(Py_ssize_t size, Py_UCS4 maxchar);

/* Sets the state of a new compact str with one 32-bit store. Field-by-field writes become a
 * byte store, and the first PyUnicode_DATA/KIND of the new string (a 32-bit load) could not
 * be forwarded from it: a store-forwarding stall on every string made. */
static inline void
set_new_state(PyASCIIObject *a, unsigned kind, unsigned ascii)
{
    PyASCIIObject t;
    memset(&t.state, 0, sizeof(t.state));
    t.state.kind = kind & 7;
    t.state.compact = 1;
    t.state.ascii = ascii & 1;
    t.state.ready = 1;
    a->state = t.state;
}

/* Creates an uninitialised compact str of SIZE characters below MAXCHAR (see header). */
PyObject *
PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
{
    if (PYRS_LIKELY(maxchar < 128 && size > 0 && size < PY_SSIZE_T_MAX / 2)) {
        /* ASCII, the common case: constant header fields, one allocation */
        PyASCIIObject *a = pyrs_mem_obj_malloc(sizeof(PyASCIIObject) + (size_t)size + 1);
        if (a == NULL) {
            return PyErr_NoMemory();
        }
        Py_SET_TYPE(a, &PyUnicode_Type);
        Py_SET_REFCNT(a, 1);
        a->length = size;
        a->hash = -1;
        set_new_state(a, PyUnicode_1BYTE_KIND, 1);
        a->wstr = NULL;
        ((Py_UCS1 *)(a + 1))[size] = 0;
        return (PyObject *)a;
    }
    return new_general(size, maxchar);
}

/* PyUnicode_New for the empty string, non-ASCII kinds and bad arguments. */
static PYRS_NOINLINE PyObject *
new_general(Py_ssize_t size, Py_UCS4 maxchar)
{
    if (size == 0) {
        return pyrs_unicode_empty();
    }
    if (size < 0) {
        PyErr_SetString(PyExc_SystemError, "Negative size passed to PyUnicode_New");
        return NULL;
    }
    int kind = 1, ascii = maxchar < 128;
    size_t header = ascii ? sizeof(PyASCIIObject) : sizeof(PyCompactUnicodeObject);
    if (maxchar > 0x10ffff) {
        PyErr_SetString(PyExc_SystemError, "invalid maximum character passed to PyUnicode_New");
        return NULL;
    } else if (maxchar > 0xffff) {
        kind = 4;
    } else if (maxchar > 0xff) {
        kind = 2;
    }
    if ((size_t)size > (PY_SSIZE_T_MAX - header) / (size_t)kind - 1) {
        return PyErr_NoMemory();
    }
    PyObject *obj = PyObject_Malloc(header + ((size_t)size + 1) * (size_t)kind);
    if (obj == NULL) {
        return PyErr_NoMemory();
    }
    PyObject_Init(obj, &PyUnicode_Type);
    PyASCIIObject *a = (PyASCIIObject *)obj;
    a->length = size;
    a->hash = -1;
    set_new_state(a, (unsigned)kind, (unsigned)ascii);
    a->wstr = NULL;
    if (!ascii) {
        PyCompactUnicodeObject *c = (PyCompactUnicodeObject *)obj;
        c->utf8_length = 0;
        c->utf8 = NULL;
        c->wstr_length = 0;
    }
    PyUnicode_WRITE(kind, PyUnicode_DATA(obj), size, 0);
    return obj;
}

Py_UCS4
pyrs_unicode_maxchar(PyObject *s, Py_ssize_t start, Py_ssize_t end)
{
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_UCS4 m = 0;
    if (PyUnicode_IS_ASCII(s)) {
        return end > start ? 0x7f : 0;
    }
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c > m) {
            m = c;
        }
    }
    return m;
}

PyObject *
pyrs_unicode_char(Py_UCS4 ch)
{
    if (ch < 256) {
        if (latin1_cache[ch] == NULL) {
            PyObject *s = PyUnicode_New(1, ch);
            if (s == NULL) {
                return NULL;
            }
            PyUnicode_1BYTE_DATA(s)[0] = (Py_UCS1)ch;
            latin1_cache[ch] = s;
        }
        return Py_NewRef(latin1_cache[ch]);
    }
    PyObject *s = PyUnicode_New(1, ch);
    if (s != NULL) {
        PyUnicode_WRITE(PyUnicode_KIND(s), PyUnicode_DATA(s), 0, ch);
    }
    return s;
}

PyObject *
pyrs_unicode_from_ucs1(const Py_UCS1 *u, Py_ssize_t n)
{
    if (n == 1) {
        return pyrs_unicode_char(u[0]);
    }
    Py_UCS4 m = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        m |= u[i];
    }
    PyObject *s = PyUnicode_New(n, m);
    if (s != NULL && n > 0) {
        memcpy(PyUnicode_DATA(s), u, (size_t)n);
    }
    return s;
}

PyObject *
pyrs_unicode_from_ucs2(const Py_UCS2 *u, Py_ssize_t n)
{
    if (n == 1) {
        return pyrs_unicode_char(u[0]);
    }
    Py_UCS4 m = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        m = u[i] > m ? u[i] : m;
    }
    PyObject *s = PyUnicode_New(n, m);
    if (s == NULL || n == 0) {
        return s;
    }
    if (PyUnicode_KIND(s) == 2) {
        memcpy(PyUnicode_DATA(s), u, (size_t)n * 2);
    } else {
        for (Py_ssize_t i = 0; i < n; i++) {
            PyUnicode_1BYTE_DATA(s)[i] = (Py_UCS1)u[i];
        }
    }
    return s;
}

PyObject *
pyrs_unicode_from_ucs4(const Py_UCS4 *u, Py_ssize_t n)
{
    Py_UCS4 m = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        m = u[i] > m ? u[i] : m;
    }
    if (n == 1 && m <= 0x10ffff) {
        return pyrs_unicode_char(m);
    }
    if (m > 0x10ffff) {
        PyErr_Format(PyExc_ValueError, "character U+%x is not in range [U+0000; U+10ffff]", m);
        return NULL;
    }
    PyObject *s = PyUnicode_New(n, m);
    if (s == NULL) {
        return s;
    }
    int kind = PyUnicode_KIND(s);
    void *data = PyUnicode_DATA(s);
    if (kind == 4) {
        memcpy(data, u, (size_t)n * 4);
    } else {
        for (Py_ssize_t i = 0; i < n; i++) {
            PyUnicode_WRITE(kind, data, i, u[i]);
        }
    }
    return s;
}

/* The str of SIZE code units of width KIND at BUFFER; new reference or NULL. */
PyObject *
PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
{
    if (size < 0) {
        PyErr_SetString(PyExc_ValueError, "size must be positive");
        return NULL;
    }
    switch (kind) {
    case PyUnicode_1BYTE_KIND:
        return pyrs_unicode_from_ucs1(buffer, size);
    case PyUnicode_2BYTE_KIND:
        return pyrs_unicode_from_ucs2(buffer, size);
    case PyUnicode_4BYTE_KIND:
        return pyrs_unicode_from_ucs4(buffer, size);
    default:
        PyErr_SetString(PyExc_SystemError, "invalid kind");
        return NULL;
    }
}

/* A str from SIZE ASCII bytes (not checked); new reference or NULL. */
PyObject *
_PyUnicode_FromASCII(const char *buffer, Py_ssize_t size)
{
    if (size == 1) {
        return pyrs_unicode_char((Py_UCS1)buffer[0]);
    }
    PyObject *s = PyUnicode_New(size, 127);
    if (s != NULL && size > 0) {
        memcpy((PyASCIIObject *)s + 1, buffer, (size_t)size); /* compact ASCII: data follows */
    }
    return s;
}

/* Decodes SIZE bytes of UTF-8 (strict); U NULL with SIZE > 0 is SystemError. */
PyObject *
PyUnicode_FromStringAndSize(const char *u, Py_ssize_t size)
{
    if (size < 0) {
        PyErr_SetString(PyExc_SystemError, "Negative size passed to PyUnicode_FromStringAndSize");
        return NULL;
    }
    if (u == NULL) {
        if (size > 0) {
            PyErr_SetString(PyExc_SystemError, "NULL string with positive size with NULL passed to "
                                               "PyUnicode_FromStringAndSize");
            return NULL;
        }
        return pyrs_unicode_empty();
    }
    return pyrs_unicode_decode_utf8(u, size, NULL, NULL);
}

/* Decodes the NUL-terminated UTF-8 string U; new reference or NULL. */
PyObject *
PyUnicode_FromString(const char *u)
{
    size_t n = strlen(u);
    if (n > (size_t)PY_SSIZE_T_MAX) {
        PyErr_SetString(PyExc_OverflowError, "input too long");
        return NULL;
    }
    return pyrs_unicode_decode_utf8(u, (Py_ssize_t)n, NULL, NULL);
}

/* chr(ORDINAL); ValueError outside range(0x110000). */
PyObject *
PyUnicode_FromOrdinal(int ordinal)
{
    if (ordinal < 0 || ordinal > 0x10ffff) {
        PyErr_SetString(PyExc_ValueError, "chr() arg not in range(0x110000)");
        return NULL;
    }
    return pyrs_unicode_char((Py_UCS4)ordinal);
}

PyObject *
pyrs_unicode_exact(PyObject *s)
{
    if (PyUnicode_CheckExact(s)) {
        return Py_NewRef(s);
    }
    return PyUnicode_Substring(s, 0, PyUnicode_GET_LENGTH(s));
}

/* str(OBJ) restricted to str instances: exact strs are returned, subclasses copied. */
PyObject *
PyUnicode_FromObject(PyObject *obj)
{
    if (PyUnicode_CheckExact(obj)) {
        return Py_NewRef(obj);
    }
    if (PyUnicode_Check(obj)) {
        return pyrs_unicode_exact(obj);
    }
    PyErr_Format(PyExc_TypeError, "Can't convert '%.100s' object to str implicitly",
                 Py_TYPE(obj)->tp_name);
    return NULL;
}

/* The copy S[START:END] (clamped); new reference. */
PyObject *
PyUnicode_Substring(PyObject *self, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t len = PyUnicode_GET_LENGTH(self);
    if (start < 0 || end < 0) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return NULL;
    }
    end = end > len ? len : end;
    if (start >= end) {
        return pyrs_unicode_empty();
    }
    if (start == 0 && end == len && PyUnicode_CheckExact(self)) {
        return Py_NewRef(self);
    }
    int kind = PyUnicode_KIND(self);
    const char *data = (const char *)PyUnicode_DATA(self) + start * kind;
    if (PyUnicode_IS_ASCII(self)) {
        return _PyUnicode_FromASCII(data, end - start);
    }
    return PyUnicode_FromKindAndData(kind, data, end - start);
}

PyObject *
_PyUnicode_Copy(PyObject *unicode)
{
    if (!PyUnicode_Check(unicode)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(unicode);
    PyObject *s = PyUnicode_New(n, PyUnicode_MAX_CHAR_VALUE(unicode));
    if (s != NULL && n > 0) {
        memcpy(PyUnicode_DATA(s), PyUnicode_DATA(unicode), (size_t)(n * PyUnicode_KIND(s)));
    }
    return s;
}

/* ---- the UCS-4 builder ----------------------------------------------------------------- */

void
pyrs_uniwriter_init(PyrsUniWriter *w)
{
    w->buf = NULL;
    w->len = 0;
    w->cap = 0;
    w->maxchar = 0;
}

int
pyrs_uniwriter_reserve(PyrsUniWriter *w, Py_ssize_t extra)
{
    if (extra <= w->cap - w->len) {
        return 0;
    }
    if (extra > PY_SSIZE_T_MAX / 8 - w->len) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t cap = w->cap * 2 > w->len + extra ? w->cap * 2 : w->len + extra;
    cap = cap < 16 ? 16 : cap;
    Py_UCS4 *nb = PyMem_Realloc(w->buf, (size_t)cap * sizeof(Py_UCS4));
    if (nb == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    w->buf = nb;
    w->cap = cap;
    return 0;
}

int
pyrs_uniwriter_putc(PyrsUniWriter *w, Py_UCS4 ch)
{
    if (w->len == w->cap && pyrs_uniwriter_reserve(w, 1) < 0) {
        return -1;
    }
    w->buf[w->len++] = ch;
    if (ch > w->maxchar) {
        w->maxchar = ch;
    }
    return 0;
}

int
pyrs_uniwriter_ascii(PyrsUniWriter *w, const char *s, Py_ssize_t n)
{
    if (pyrs_uniwriter_reserve(w, n) < 0) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = (Py_UCS1)s[i];
        w->buf[w->len++] = ch;
        w->maxchar = ch > w->maxchar ? ch : w->maxchar;
    }
    return 0;
}

int
pyrs_uniwriter_substr(PyrsUniWriter *w, PyObject *s, Py_ssize_t start, Py_ssize_t end)
{
    if (end <= start) {
        return 0;
    }
    if (pyrs_uniwriter_reserve(w, end - start) < 0) {
        return -1;
    }
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        w->buf[w->len++] = ch;
        w->maxchar = ch > w->maxchar ? ch : w->maxchar;
    }
    return 0;
}

int
pyrs_uniwriter_str(PyrsUniWriter *w, PyObject *s)
{
    return pyrs_uniwriter_substr(w, s, 0, PyUnicode_GET_LENGTH(s));
}

int
pyrs_uniwriter_fill(PyrsUniWriter *w, Py_UCS4 ch, Py_ssize_t n)
{
    if (n <= 0) {
        return 0;
    }
    if (pyrs_uniwriter_reserve(w, n) < 0) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        w->buf[w->len++] = ch;
    }
    w->maxchar = ch > w->maxchar ? ch : w->maxchar;
    return 0;
}

PyObject *
pyrs_uniwriter_finish(PyrsUniWriter *w)
{
    PyObject *s = pyrs_unicode_from_ucs4(w->buf, w->len);
    pyrs_uniwriter_dealloc(w);
    return s;
}

void
pyrs_uniwriter_dealloc(PyrsUniWriter *w)
{
    PyMem_Free(w->buf);
    pyrs_uniwriter_init(w);
}

/* ---- PyUnicode_FromFormat -------------------------------------------------------------- */

typedef struct {
    int zeropad;          /* '0' flag */
    Py_ssize_t width;     /* -1 when absent */
    Py_ssize_t precision; /* -1 when absent */
    int size;             /* 0, 'l', 'q' (ll), 'z' */
} FmtSpec;

/* Writes S padded on the left to the spec's width, truncated to its precision. */
static int
fmt_write_padded(PyrsUniWriter *w, PyObject *s, const FmtSpec *spec)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (spec->precision >= 0 && n > spec->precision) {
        n = spec->precision;
    }
    if (spec->width > n && pyrs_uniwriter_fill(w, ' ', spec->width - n) < 0) {
        return -1;
    }
    return pyrs_uniwriter_substr(w, s, 0, n);
}

static int
fmt_write_number(PyrsUniWriter *w, char conv, const FmtSpec *spec, va_list *vargs)
{
    char digits[64];
    const char *cfmt = conv == 'x' ? "%llx" : conv == 'u' ? "%llu" : "%lld";
    if (conv == 'u' || conv == 'x') {
        unsigned long long v = spec->size == 'l'   ? va_arg(*vargs, unsigned long)
                               : spec->size == 'q' ? va_arg(*vargs, unsigned long long)
                               : spec->size == 'z' ? (unsigned long long)va_arg(*vargs, size_t)
                                                   : va_arg(*vargs, unsigned int);
        snprintf(digits, sizeof digits, cfmt, v);
    } else {
        long long v = spec->size == 'l'   ? va_arg(*vargs, long)
                      : spec->size == 'q' ? va_arg(*vargs, long long)
                      : spec->size == 'z' ? (long long)va_arg(*vargs, Py_ssize_t)
                                          : va_arg(*vargs, int);
        snprintf(digits, sizeof digits, cfmt, v);
    }
    const char *d = digits;
    int neg = *d == '-';
    d += neg;
    Py_ssize_t nd = (Py_ssize_t)strlen(d);
    Py_ssize_t prec = spec->precision > nd ? spec->precision : nd;
    Py_ssize_t total = prec + neg;
    if (spec->width > total && !spec->zeropad && pyrs_uniwriter_fill(w, ' ', spec->width - total)) {
        return -1;
    }
    if (neg && pyrs_uniwriter_putc(w, '-') < 0) {
        return -1;
    }
    if (spec->width > total && spec->zeropad && pyrs_uniwriter_fill(w, '0', spec->width - total)) {
        return -1;
    }
    if (pyrs_uniwriter_fill(w, '0', prec - nd) < 0) {
        return -1;
    }
    return pyrs_uniwriter_ascii(w, d, nd);
}

static int
fmt_write_cstr(PyrsUniWriter *w, const char *s, const FmtSpec *spec)
{
    size_t n = strlen(s);
    if (spec->precision >= 0 && n > (size_t)spec->precision) {
        n = (size_t)spec->precision;
    }
    PyObject *u = pyrs_unicode_decode_utf8(s, (Py_ssize_t)n, "replace", NULL);
    if (u == NULL) {
        return -1;
    }
    FmtSpec nop = *spec;
    nop.precision = -1;
    int r = fmt_write_padded(w, u, &nop);
    Py_DECREF(u);
    return r;
}

/* Writes an object converted by FN (str/repr/ascii), or the str itself for FN NULL. */
static int
fmt_write_object(PyrsUniWriter *w, PyObject *obj, PyObject *(*fn)(PyObject *), const FmtSpec *spec)
{
    PyObject *s = fn ? fn(obj) : Py_NewRef(obj);
    if (s == NULL) {
        return -1;
    }
    int r = fmt_write_padded(w, s, spec);
    Py_DECREF(s);
    return r;
}

/* One conversion at *pf (just past '%'); advances *pf. 0 done, 1 invalid directive (the
 * caller copies the rest verbatim), -1 error. */
static int
fmt_one(PyrsUniWriter *w, const char **pf, va_list *vargs)
{
    const char *f = *pf;
    FmtSpec spec = {0, -1, -1, 0};
    if (*f == '%') {
        *pf = f + 1;
        return pyrs_uniwriter_putc(w, '%');
    }
    while (*f == '0') {
        spec.zeropad = 1;
        f++;
    }
    if (*f == '*') {
        spec.width = va_arg(*vargs, int);
        f++;
    }
    for (; *f >= '0' && *f <= '9'; f++) {
        spec.width = (spec.width < 0 ? 0 : spec.width) * 10 + (*f - '0');
    }
    if (*f == '.') {
        f++;
        spec.precision = 0;
        if (*f == '*') {
            spec.precision = va_arg(*vargs, int);
            f++;
        }
        for (; *f >= '0' && *f <= '9'; f++) {
            spec.precision = spec.precision * 10 + (*f - '0');
        }
    }
    if (f[0] == 'l' && f[1] == 'l') {
        spec.size = 'q';
        f += 2;
    } else if (*f == 'l' || *f == 'z' || *f == 't' || *f == 'j') {
        spec.size = *f == 'l' ? 'l' : *f == 'j' ? 'q' : 'z';
        f++;
    }
    char conv = *f;
    *pf = conv ? f + 1 : f;
    switch (conv) {
    case '%':
        return pyrs_uniwriter_putc(w, '%');
    case 'c': {
        int ch = va_arg(*vargs, int);
        if (ch < 0 || ch > 0x10ffff) {
            PyErr_SetString(PyExc_OverflowError, "character argument not in range(0x110000)");
            return -1;
        }
        return pyrs_uniwriter_putc(w, (Py_UCS4)ch);
    }
    case 'd':
    case 'i':
    case 'u':
    case 'x':
        return fmt_write_number(w, conv == 'i' ? 'd' : conv, &spec, vargs);
    case 'p': {
        char buf[64];
        snprintf(buf, sizeof buf, "%p", va_arg(*vargs, void *));
        if (buf[0] != '0' || buf[1] != 'x') {
            if (pyrs_uniwriter_ascii(w, "0x", 2) < 0) {
                return -1;
            }
        }
        return pyrs_uniwriter_ascii(w, buf, (Py_ssize_t)strlen(buf));
    }
    case 's':
        return fmt_write_cstr(w, va_arg(*vargs, const char *), &spec);
    case 'U':
        return fmt_write_object(w, va_arg(*vargs, PyObject *), NULL, &spec);
    case 'V': {
        PyObject *obj = va_arg(*vargs, PyObject *);
        const char *str = va_arg(*vargs, const char *);
        if (obj != NULL) {
            return fmt_write_object(w, obj, NULL, &spec);
        }
        return fmt_write_cstr(w, str, &spec);
    }
    case 'S':
        return fmt_write_object(w, va_arg(*vargs, PyObject *), PyObject_Str, &spec);
    case 'R':
        return fmt_write_object(w, va_arg(*vargs, PyObject *), PyObject_Repr, &spec);
    case 'A':
        return fmt_write_object(w, va_arg(*vargs, PyObject *), PyObject_ASCII, &spec);
    default:
        /* CPython 3.11 copies the rest of an invalid format string verbatim. */
        return 1;
    }
}

/* Formats like printf with CPython's extra codes (%U %V %S %R %A); new reference or NULL. */
PyObject *
PyUnicode_FromFormatV(const char *format, va_list vargs)
{
    PyrsUniWriter w;
    va_list ap;
    pyrs_uniwriter_init(&w);
    va_copy(ap, vargs);
    for (const char *f = format; *f;) {
        if (*f != '%') {
            const char *start = f;
            while (*f && *f != '%') {
                f++;
            }
            if (pyrs_uniwriter_ascii(&w, start, f - start) < 0) {
                goto error;
            }
            continue;
        }
        const char *percent = f++;
        int r = fmt_one(&w, &f, &ap);
        if (r < 0) {
            goto error;
        }
        if (r > 0) {
            if (pyrs_uniwriter_ascii(&w, percent, (Py_ssize_t)strlen(percent)) < 0) {
                goto error;
            }
            break;
        }
    }
    va_end(ap);
    return pyrs_uniwriter_finish(&w);
error:
    va_end(ap);
    pyrs_uniwriter_dealloc(&w);
    return NULL;
}

PyObject *
PyUnicode_FromFormat(const char *format, ...)
{
    va_list vargs;
    va_start(vargs, format);
    PyObject *res = PyUnicode_FromFormatV(format, vargs);
    va_end(vargs);
    return res;
}

/* ---- access ----------------------------------------------------------------------------- */

static int
check_unicode(PyObject *obj)
{
    if (obj == NULL || !PyUnicode_Check(obj)) {
        PyErr_BadArgument();
        return -1;
    }
    return 0;
}

Py_ssize_t
PyUnicode_GetLength(PyObject *unicode)
{
    if (check_unicode(unicode) < 0) {
        return -1;
    }
    return PyUnicode_GET_LENGTH(unicode);
}

Py_UCS4
PyUnicode_ReadChar(PyObject *unicode, Py_ssize_t index)
{
    if (check_unicode(unicode) < 0) {
        return (Py_UCS4)-1;
    }
    if (index < 0 || index >= PyUnicode_GET_LENGTH(unicode)) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return (Py_UCS4)-1;
    }
    return PyUnicode_READ_CHAR(unicode, index);
}

int
PyUnicode_WriteChar(PyObject *unicode, Py_ssize_t index, Py_UCS4 ch)
{
    if (check_unicode(unicode) < 0) {
        return -1;
    }
    if (index < 0 || index >= PyUnicode_GET_LENGTH(unicode)) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return -1;
    }
    if (Py_REFCNT(unicode) != 1 || PyUnicode_CHECK_INTERNED(unicode) ||
        ((PyASCIIObject *)unicode)->hash != -1) {
        PyErr_SetString(PyExc_SystemError, "Cannot modify a string currently used");
        return -1;
    }
    if (ch > PyUnicode_MAX_CHAR_VALUE(unicode)) {
        PyErr_SetString(PyExc_ValueError, "character out of range");
        return -1;
    }
    PyUnicode_WRITE(PyUnicode_KIND(unicode), PyUnicode_DATA(unicode), index, ch);
    return 0;
}

Py_UCS4 *
PyUnicode_AsUCS4(PyObject *unicode, Py_UCS4 *buffer, Py_ssize_t buflen, int copy_null)
{
    if (check_unicode(unicode) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(unicode);
    if (buflen < n + (copy_null != 0)) {
        PyErr_Format(PyExc_SystemError, "string is longer than the buffer");
        if (copy_null && buflen > 0) {
            buffer[0] = 0;
        }
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        buffer[i] = PyUnicode_READ_CHAR(unicode, i);
    }
    if (copy_null) {
        buffer[n] = 0;
    }
    return buffer;
}

Py_UCS4 *
PyUnicode_AsUCS4Copy(PyObject *unicode)
{
    if (check_unicode(unicode) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(unicode) + 1;
    Py_UCS4 *buf = PyMem_New(Py_UCS4, n);
    if (buf == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    return PyUnicode_AsUCS4(unicode, buf, n, 1);
}

Py_ssize_t
PyUnicode_CopyCharacters(PyObject *to, Py_ssize_t to_start, PyObject *from, Py_ssize_t from_start,
                         Py_ssize_t how_many)
{
    if (check_unicode(to) < 0 || check_unicode(from) < 0) {
        return -1;
    }
    if (from_start < 0 || to_start < 0 || from_start > PyUnicode_GET_LENGTH(from) ||
        to_start > PyUnicode_GET_LENGTH(to)) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return -1;
    }
    how_many = Py_MIN(PyUnicode_GET_LENGTH(from) - from_start, how_many);
    how_many = Py_MIN(PyUnicode_GET_LENGTH(to) - to_start, how_many);
    if (how_many <= 0) {
        return 0;
    }
    if (pyrs_unicode_maxchar(from, from_start, from_start + how_many) >
        PyUnicode_MAX_CHAR_VALUE(to)) {
        PyErr_SetString(PyExc_SystemError, "Cannot write characters wider than the target");
        return -1;
    }
    _PyUnicode_FastCopyCharacters(to, to_start, from, from_start, how_many);
    return how_many;
}

Py_ssize_t
PyUnicode_Fill(PyObject *unicode, Py_ssize_t start, Py_ssize_t length, Py_UCS4 fill_char)
{
    if (check_unicode(unicode) < 0) {
        return -1;
    }
    if (fill_char > PyUnicode_MAX_CHAR_VALUE(unicode)) {
        PyErr_SetString(PyExc_ValueError, "fill character is bigger than the string maximum "
                                          "character");
        return -1;
    }
    if (start < 0) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return -1;
    }
    Py_ssize_t n = Py_MIN(PyUnicode_GET_LENGTH(unicode) - start, length);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyUnicode_WRITE(PyUnicode_KIND(unicode), PyUnicode_DATA(unicode), start + i, fill_char);
    }
    return n < 0 ? 0 : n;
}

/* Resizes *P (refcount 1, not interned) in place or by copy; 0 or -1. */
int
PyUnicode_Resize(PyObject **p, Py_ssize_t length)
{
    if (p == NULL || *p == NULL || !PyUnicode_Check(*p) || length < 0) {
        PyErr_BadInternalCall();
        return -1;
    }
    PyObject *old = *p;
    Py_ssize_t n = Py_MIN(length, PyUnicode_GET_LENGTH(old));
    PyObject *res = PyUnicode_New(length, PyUnicode_MAX_CHAR_VALUE(old));
    if (res == NULL) {
        return -1;
    }
    if (n > 0) {
        memcpy(PyUnicode_DATA(res), PyUnicode_DATA(old), (size_t)(n * PyUnicode_KIND(old)));
    }
    Py_DECREF(old);
    *p = res;
    return 0;
}

/* ---- UTF-8 cache ------------------------------------------------------------------------ */

const char *
PyUnicode_AsUTF8AndSize(PyObject *unicode, Py_ssize_t *psize)
{
    if (check_unicode(unicode) < 0) {
        if (psize) {
            *psize = -1;
        }
        return NULL;
    }
    if (PyUnicode_IS_COMPACT_ASCII(unicode)) {
        if (psize) {
            *psize = PyUnicode_GET_LENGTH(unicode);
        }
        return (const char *)PyUnicode_DATA(unicode);
    }
    PyCompactUnicodeObject *c = (PyCompactUnicodeObject *)unicode;
    if (c->utf8 == NULL) {
        PyObject *b = pyrs_unicode_encode_utf8(unicode, "strict");
        if (b == NULL) {
            if (psize) {
                *psize = -1;
            }
            return NULL;
        }
        Py_ssize_t n = PyBytes_GET_SIZE(b);
        char *buf = PyObject_Malloc((size_t)n + 1);
        if (buf == NULL) {
            Py_DECREF(b);
            PyErr_NoMemory();
            return NULL;
        }
        memcpy(buf, PyBytes_AS_STRING(b), (size_t)n + 1);
        Py_DECREF(b);
        c->utf8 = buf;
        c->utf8_length = n;
    }
    if (psize) {
        *psize = c->utf8_length;
    }
    return c->utf8;
}

const char *
PyUnicode_AsUTF8(PyObject *unicode)
{
    return PyUnicode_AsUTF8AndSize(unicode, NULL);
}

/* ---- interning -------------------------------------------------------------------------- */

/* An open-addressing set of interned strs keyed by their hash. The table does not own its
 * entries: dealloc of an interned str removes it (CPython 3.11's "mortal" interning). */
static PyObject **interned;
static size_t interned_mask; /* capacity - 1 */
static size_t interned_used; /* live entries plus tombstones */
#define INTERNED_DUMMY ((PyObject *)1)

static Py_hash_t
unicode_hash(PyObject *self)
{
    PyASCIIObject *a = (PyASCIIObject *)self;
    if (a->hash != -1) {
        return a->hash;
    }
    Py_hash_t h =
        _Py_HashBytes(PyUnicode_DATA(self), PyUnicode_GET_LENGTH(self) * PyUnicode_KIND(self));
    a->hash = h;
    return h;
}

static int
unicode_eq(PyObject *a, PyObject *b)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(a);
    if (n != PyUnicode_GET_LENGTH(b) || PyUnicode_KIND(a) != PyUnicode_KIND(b)) {
        return 0;
    }
    return memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)(n * PyUnicode_KIND(a))) == 0;
}

static size_t
interned_slot(PyObject *s, int for_insert)
{
    size_t i = (size_t)unicode_hash(s) & interned_mask, perturb = (size_t)unicode_hash(s);
    size_t free_slot = (size_t)-1;
    for (;;) {
        PyObject *e = interned[i];
        if (e == NULL) {
            return for_insert && free_slot != (size_t)-1 ? free_slot : i;
        }
        if (e == INTERNED_DUMMY) {
            free_slot = free_slot == (size_t)-1 ? i : free_slot;
        } else if (e == s || unicode_eq(e, s)) {
            return i;
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & interned_mask;
    }
}

static int
interned_grow(void)
{
    size_t old_cap = interned ? interned_mask + 1 : 0, cap = old_cap ? old_cap * 2 : 1024;
    PyObject **old = interned;
    interned = PyMem_RawCalloc(cap, sizeof(PyObject *));
    if (interned == NULL) {
        interned = old;
        return -1;
    }
    interned_mask = cap - 1;
    interned_used = 0;
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i] != NULL && old[i] != INTERNED_DUMMY) {
            interned[interned_slot(old[i], 1)] = old[i];
            interned_used++;
        }
    }
    PyMem_RawFree(old);
    return 0;
}

static void
interned_remove(PyObject *s)
{
    if (interned == NULL) {
        return;
    }
    size_t i = interned_slot(s, 0);
    if (interned[i] == s) {
        interned[i] = INTERNED_DUMMY;
    }
}

void
PyUnicode_InternInPlace(PyObject **p)
{
    PyObject *s = *p;
    if (s == NULL || !PyUnicode_CheckExact(s) || PyUnicode_CHECK_INTERNED(s)) {
        return;
    }
    if ((interned == NULL || (interned_used + 1) * 3 >= (interned_mask + 1) * 2) &&
        interned_grow() < 0) {
        PyErr_Clear();
        return;
    }
    size_t i = interned_slot(s, 1);
    PyObject *e = interned[i];
    if (e != NULL && e != INTERNED_DUMMY) {
        Py_INCREF(e);
        Py_SETREF(*p, e);
        return;
    }
    if (e == NULL) {
        interned_used++;
    }
    interned[i] = s;
    ((PyASCIIObject *)s)->state.interned = SSTATE_INTERNED_MORTAL;
}

void
PyUnicode_InternImmortal(PyObject **p)
{
    PyUnicode_InternInPlace(p);
    if (*p && PyUnicode_CHECK_INTERNED(*p)) {
        Py_INCREF(*p);
    }
}

PyObject *
PyUnicode_InternFromString(const char *cp)
{
    PyObject *s = PyUnicode_FromString(cp);
    if (s != NULL) {
        PyUnicode_InternInPlace(&s);
    }
    return s;
}

/* ---- comparison ------------------------------------------------------------------------- */

static int
unicode_compare(PyObject *a, PyObject *b)
{
    Py_ssize_t la = PyUnicode_GET_LENGTH(a), lb = PyUnicode_GET_LENGTH(b);
    Py_ssize_t n = la < lb ? la : lb;
    int ka = PyUnicode_KIND(a), kb = PyUnicode_KIND(b);
    const void *da = PyUnicode_DATA(a), *db = PyUnicode_DATA(b);
    if (ka == 1 && kb == 1) {
        int c = memcmp(da, db, (size_t)n);
        if (c != 0) {
            return c < 0 ? -1 : 1;
        }
    } else {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 x = PyUnicode_READ(ka, da, i), y = PyUnicode_READ(kb, db, i);
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
    }
    return la < lb ? -1 : la > lb ? 1 : 0;
}

/* -1/0/1 ordering of two strs; -1 with TypeError for non-strs (check PyErr_Occurred). */
int
PyUnicode_Compare(PyObject *left, PyObject *right)
{
    if (PyUnicode_Check(left) && PyUnicode_Check(right)) {
        return unicode_compare(left, right);
    }
    PyErr_Format(PyExc_TypeError, "Can't compare %.100s and %.100s", Py_TYPE(left)->tp_name,
                 Py_TYPE(right)->tp_name);
    return -1;
}

/* Compares with a Latin-1 C string; never raises. */
int
PyUnicode_CompareWithASCIIString(PyObject *uni, const char *str)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(uni);
    int kind = PyUnicode_KIND(uni);
    const void *data = PyUnicode_DATA(uni);
    Py_ssize_t i;
    for (i = 0; i < n && str[i]; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c != (Py_UCS1)str[i]) {
            return c < (Py_UCS1)str[i] ? -1 : 1;
        }
    }
    if (i < n) {
        return 1;
    }
    return str[i] ? -1 : 0;
}

int
_PyUnicode_EqualToASCIIString(PyObject *unicode, const char *str)
{
    if (!PyUnicode_IS_ASCII(unicode)) {
        return 0;
    }
    size_t n = strlen(str);
    return (size_t)PyUnicode_GET_LENGTH(unicode) == n &&
           memcmp(PyUnicode_DATA(unicode), str, n) == 0;
}

int
_PyUnicode_Equal(PyObject *a, PyObject *b)
{
    return a == b || unicode_eq(a, b);
}

PyObject *
PyUnicode_RichCompare(PyObject *left, PyObject *right, int op)
{
    if (!PyUnicode_Check(left) || !PyUnicode_Check(right)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    int r;
    if (op == Py_EQ || op == Py_NE) {
        r = _PyUnicode_Equal(left, right) == (op == Py_EQ);
        return PyBool_FromLong(r);
    }
    r = unicode_compare(left, right);
    Py_RETURN_RICHCOMPARE(r, 0, op);
}

/* ---- concatenation and join ------------------------------------------------------------ */

PyObject *
PyUnicode_Concat(PyObject *left, PyObject *right)
{
    if (!PyUnicode_Check(left)) {
        PyErr_Format(PyExc_TypeError, "must be str, not %.100s", Py_TYPE(left)->tp_name);
        return NULL;
    }
    if (!PyUnicode_Check(right)) {
        PyErr_Format(PyExc_TypeError, "can only concatenate str (not \"%.200s\") to str",
                     Py_TYPE(right)->tp_name);
        return NULL;
    }
    Py_ssize_t la = PyUnicode_GET_LENGTH(left), lb = PyUnicode_GET_LENGTH(right);
    if (lb == 0) {
        return PyUnicode_FromObject(left);
    }
    if (la == 0) {
        return PyUnicode_FromObject(right);
    }
    if (la > PY_SSIZE_T_MAX - lb) {
        PyErr_SetString(PyExc_OverflowError, "strings are too large to concat");
        return NULL;
    }
    Py_UCS4 m = Py_MAX(PyUnicode_MAX_CHAR_VALUE(left), PyUnicode_MAX_CHAR_VALUE(right));
    PyObject *res = PyUnicode_New(la + lb, m);
    if (res == NULL) {
        return NULL;
    }
    if (PyUnicode_KIND(res) == PyUnicode_1BYTE_KIND) {
        /* both operands are one-byte too (canonical strs) */
        memcpy(PyUnicode_1BYTE_DATA(res), PyUnicode_1BYTE_DATA(left), (size_t)la);
        memcpy(PyUnicode_1BYTE_DATA(res) + la, PyUnicode_1BYTE_DATA(right), (size_t)lb);
        return res;
    }
    if (PyUnicode_CopyCharacters(res, 0, left, 0, la) < 0 ||
        PyUnicode_CopyCharacters(res, la, right, 0, lb) < 0) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

/* Can LEFT (owned only by the caller) grow in place to take RIGHT without changing kind or
 * ASCII-ness? Then `s += t` loops cost amortised O(len(t)), as in CPython. */
static int
can_append_in_place(PyObject *left, PyObject *right)
{
    if (Py_REFCNT(left) != 1 || !PyUnicode_CheckExact(left) || !PyUnicode_CheckExact(right) ||
        PyUnicode_CHECK_INTERNED(left) || !PyUnicode_IS_COMPACT(left) ||
        left == (PyObject *)&empty_str || PyUnicode_GET_LENGTH(left) == 0) {
        return 0;
    }
    if (PyUnicode_IS_ASCII(left)) {
        return PyUnicode_IS_ASCII(right);
    }
    return PyUnicode_KIND(right) <= PyUnicode_KIND(left);
}

static int
append_in_place(PyObject **pleft, PyObject *right)
{
    PyObject *left = *pleft;
    Py_ssize_t la = PyUnicode_GET_LENGTH(left), lb = PyUnicode_GET_LENGTH(right);
    int kind = PyUnicode_KIND(left);
    size_t header =
        PyUnicode_IS_ASCII(left) ? sizeof(PyASCIIObject) : sizeof(PyCompactUnicodeObject);
    if (lb > (PY_SSIZE_T_MAX - (Py_ssize_t)header) / kind - la - 1) {
        PyErr_NoMemory();
        return -1;
    }
    if (!PyUnicode_IS_ASCII(left)) {
        PyCompactUnicodeObject *c = (PyCompactUnicodeObject *)left;
        PyObject_Free(c->utf8);
        c->utf8 = NULL;
        c->utf8_length = 0;
    }
    PyObject_Free(((PyASCIIObject *)left)->wstr);
    ((PyASCIIObject *)left)->wstr = NULL;
    PyObject *grown = PyObject_Realloc(left, header + (size_t)((la + lb + 1) * kind));
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    ((PyASCIIObject *)grown)->length = la + lb;
    ((PyASCIIObject *)grown)->hash = -1;
    _PyUnicode_FastCopyCharacters(grown, la, right, 0, lb);
    PyUnicode_WRITE(kind, PyUnicode_DATA(grown), la + lb, 0);
    *pleft = grown;
    return 0;
}

/* *PLEFT += RIGHT: replaces *PLEFT by the concatenation (in place when it is safe), or
 * clears it to NULL with an exception set. */
void
PyUnicode_Append(PyObject **pleft, PyObject *right)
{
    if (*pleft == NULL) {
        return;
    }
    if (right == NULL) {
        Py_CLEAR(*pleft);
        return;
    }
    if (PyUnicode_Check(right) && PyUnicode_GET_LENGTH(right) > 0 &&
        can_append_in_place(*pleft, right)) {
        if (append_in_place(pleft, right) < 0) {
            Py_CLEAR(*pleft);
        }
        return;
    }
    PyObject *res = PyUnicode_Concat(*pleft, right);
    Py_SETREF(*pleft, res);
}

/* See pyrs/unicode.h. */
int
pyrs_unicode_append_slot(PyObject **slot, PyObject *right)
{
    if (PyUnicode_GET_LENGTH(right) > 0 && can_append_in_place(*slot, right)) {
        return append_in_place(slot, right);
    }
    PyObject *res = PyUnicode_Concat(*slot, right);
    if (res == NULL) {
        return -1;
    }
    Py_SETREF(*slot, res);
    return 0;
}

void
PyUnicode_AppendAndDel(PyObject **pleft, PyObject *right)
{
    PyUnicode_Append(pleft, right);
    Py_XDECREF(right);
}

/* Copies N one-byte characters; short runs (most join items) skip the memcpy call. */
static inline void
copy_ucs1(Py_UCS1 *dst, const Py_UCS1 *src, Py_ssize_t n)
{
    if (n <= 8) {
        for (Py_ssize_t i = 0; i < n; i++) {
            dst[i] = src[i];
        }
    } else {
        memcpy(dst, src, (size_t)n);
    }
}

/* The copying half of join when the result is one-byte: every piece is then one-byte too. */
static void
join_ucs1(Py_UCS1 *out, PyObject *separator, Py_ssize_t seplen, PyObject *const *items,
          Py_ssize_t seqlen)
{
    const Py_UCS1 *sep = seplen > 0 ? PyUnicode_1BYTE_DATA(separator) : NULL;
    for (Py_ssize_t i = 0; i < seqlen; i++) {
        if (i > 0 && seplen > 0) {
            copy_ucs1(out, sep, seplen);
            out += seplen;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(items[i]);
        copy_ucs1(out, PyUnicode_1BYTE_DATA(items[i]), n);
        out += n;
    }
}

/* The join of SEQLEN exact ASCII strs with an ASCII SEPARATOR (or none) in one sizing pass
 * and one copying pass: 1 with *OUT set (NULL on MemoryError), or 0 when some piece is not
 * such a str (the general path then handles or reports it). */
static int
join_ascii(PyObject *separator, PyObject *const *items, Py_ssize_t seqlen, PyObject **out)
{
    Py_ssize_t seplen = 0, total = 0, nseps = seqlen > 1 ? seqlen - 1 : 0;
    if (separator != NULL && nseps > 0) {
        if (!PyUnicode_CheckExact(separator) || !PyUnicode_IS_ASCII(separator)) {
            return 0;
        }
        seplen = PyUnicode_GET_LENGTH(separator);
    }
    for (Py_ssize_t i = 0; i < seqlen; i++) {
        PyObject *it = items[i];
        if (!PyUnicode_CheckExact(it) || !PyUnicode_IS_ASCII(it)) {
            return 0;
        }
        total += PyUnicode_GET_LENGTH(it); /* no overflow: each piece lives in memory */
    }
    if (nseps > 0 && seplen > (PY_SSIZE_T_MAX - total) / nseps) {
        return 0; /* the general path raises OverflowError */
    }
    total += seplen * nseps;
    PyObject *res = PyUnicode_New(total, 127);
    if (res != NULL && total > 0) {
        join_ucs1((Py_UCS1 *)((PyASCIIObject *)res + 1), separator, seplen, items, seqlen);
    }
    *out = res;
    return 1;
}

PyObject *
_PyUnicode_JoinArray(PyObject *separator, PyObject *const *items, Py_ssize_t seqlen)
{
    if (seqlen == 1 && PyUnicode_CheckExact(items[0])) {
        return Py_NewRef(items[0]);
    }
    if (separator != NULL && !PyUnicode_Check(separator)) {
        PyErr_Format(PyExc_TypeError, "separator: expected str instance, %.80s found",
                     Py_TYPE(separator)->tp_name);
        return NULL;
    }
    PyObject *res;
    if (join_ascii(separator, items, seqlen, &res)) {
        return res;
    }
    /* Size the result exactly first, then copy each piece once. */
    Py_ssize_t seplen = separator ? PyUnicode_GET_LENGTH(separator) : 0, total = 0;
    Py_UCS4 maxchar = seqlen > 1 && separator ? PyUnicode_MAX_CHAR_VALUE(separator) : 0;
    for (Py_ssize_t i = 0; i < seqlen; i++) {
        if (!PyUnicode_Check(items[i])) {
            PyErr_Format(PyExc_TypeError, "sequence item %zd: expected str instance, %.80s found",
                         i, Py_TYPE(items[i])->tp_name);
            return NULL;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(items[i]) + (i > 0 ? seplen : 0);
        if (n > PY_SSIZE_T_MAX - total) {
            PyErr_SetString(PyExc_OverflowError, "join() result is too long for a Python string");
            return NULL;
        }
        total += n;
        maxchar = Py_MAX(maxchar, PyUnicode_MAX_CHAR_VALUE(items[i]));
    }
    res = PyUnicode_New(total, maxchar);
    if (res == NULL || total == 0) {
        return res;
    }
    if (PyUnicode_KIND(res) == PyUnicode_1BYTE_KIND) {
        join_ucs1(PyUnicode_1BYTE_DATA(res), separator, seplen, items, seqlen);
        return res;
    }
    Py_ssize_t pos = 0;
    for (Py_ssize_t i = 0; i < seqlen; i++) {
        if (i > 0 && seplen > 0) {
            _PyUnicode_FastCopyCharacters(res, pos, separator, 0, seplen);
            pos += seplen;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(items[i]);
        _PyUnicode_FastCopyCharacters(res, pos, items[i], 0, n);
        pos += n;
    }
    return res; /* canonical inputs make the widest input's kind the canonical one */
}

/* SEPARATOR.join(SEQ) (SEPARATOR NULL means " "); new reference or NULL. */
PyObject *
PyUnicode_Join(PyObject *separator, PyObject *seq)
{
    PyObject *fast = PySequence_Fast(seq, "can only join an iterable");
    if (fast == NULL) {
        return NULL;
    }
    PyObject *space = NULL;
    if (separator == NULL) {
        space = pyrs_unicode_char(' ');
        separator = space;
    }
    PyObject *res = _PyUnicode_JoinArray(separator, PySequence_Fast_ITEMS(fast),
                                         PySequence_Fast_GET_SIZE(fast));
    Py_XDECREF(space);
    Py_DECREF(fast);
    return res;
}

/* ---- argument helpers shared with bytes ------------------------------------------------- */

int
pyrs_unicode_parse_args(const char *name, PyObject *const *args, Py_ssize_t nargs,
                        PyObject *kwnames, const char *const *kwlist, Py_ssize_t min,
                        Py_ssize_t max, PyObject **out)
{
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0, total = 0;
    while (kwlist[total]) {
        total++;
    }
    for (Py_ssize_t i = 0; i < total; i++) {
        out[i] = NULL;
    }
    if (nargs > max) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %zd argument%s (%zd given)", name, max,
                     max == 1 ? "" : "s", nargs + nkw);
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        out[i] = args[i];
    }
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        Py_ssize_t i;
        for (i = 0; i < total; i++) {
            if (kwlist[i][0] && _PyUnicode_EqualToASCIIString(key, kwlist[i])) {
                break;
            }
        }
        if (i == total) {
            /* argument clinic's wording; all positional-only: "takes no keyword arguments" */
            Py_ssize_t named = 0;
            for (Py_ssize_t j = 0; j < total; j++) {
                named += kwlist[j][0] != '\0';
            }
            if (named == 0) {
                PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", name);
            } else {
                PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for %s()", key,
                             name);
            }
            return -1;
        }
        if (out[i] != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %s() given by name ('%s') and position "
                         "(%zd)",
                         name, kwlist[i], i + 1);
            return -1;
        }
        out[i] = args[nargs + k];
    }
    for (Py_ssize_t i = 0; i < min; i++) {
        if (out[i] == NULL) {
            if (kwlist[i][0]) {
                PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %zd)", name,
                             kwlist[i], i + 1);
            } else {
                PyErr_Format(PyExc_TypeError, "%s() takes at least %zd argument%s (%zd given)",
                             name, min, min == 1 ? "" : "s", nargs);
            }
            return -1;
        }
    }
    return 0;
}

const char *
pyrs_unicode_argtype(PyObject *o)
{
    return o == Py_None ? "None" : Py_TYPE(o)->tp_name;
}

int
pyrs_unicode_parse_index(PyObject *v, Py_ssize_t *out)
{
    if (v == NULL || v == Py_None) {
        return 0;
    }
    if (!PyIndex_Check(v)) {
        PyErr_SetString(PyExc_TypeError,
                        "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    Py_ssize_t x = PyNumber_AsSsize_t(v, NULL);
    if (x == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = x;
    return 0;
}

void
pyrs_unicode_adjust_indices(Py_ssize_t len, Py_ssize_t *start, Py_ssize_t *end)
{
    if (*end > len) {
        *end = len;
    } else if (*end < 0) {
        *end += len;
        if (*end < 0) {
            *end = 0;
        }
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0) {
            *start = 0;
        }
    }
}

/* ---- slots ------------------------------------------------------------------------------ */

static void
unicode_dealloc(PyObject *self)
{
    PyASCIIObject *a = (PyASCIIObject *)self;
    if (self == (PyObject *)&empty_str) {
        /* The singleton must never die; restore a reference instead. */
        Py_SET_REFCNT(self, 1);
        return;
    }
    if (a->state.interned) {
        interned_remove(self);
    }
    if (!a->state.ascii && ((PyCompactUnicodeObject *)self)->utf8 != NULL &&
        (a->state.compact ||
         ((PyCompactUnicodeObject *)self)->utf8 != ((PyUnicodeObject *)self)->data.any)) {
        PyObject_Free(((PyCompactUnicodeObject *)self)->utf8);
    }
    if (a->wstr != NULL) {
        PyObject_Free(a->wstr);
    }
    if (!a->state.compact && ((PyUnicodeObject *)self)->data.any != NULL) {
        PyObject_Free(((PyUnicodeObject *)self)->data.any);
    }
    if (Py_IS_TYPE(self, &PyUnicode_Type)) {
        pyrs_mem_obj_free(self); /* str's tp_free is PyObject_Free */
        return;
    }
    Py_TYPE(self)->tp_free(self);
}

static PyObject *
unicode_str(PyObject *self)
{
    return pyrs_unicode_exact(self);
}

static Py_ssize_t
unicode_length(PyObject *self)
{
    return PyUnicode_GET_LENGTH(self);
}

static PyObject *
unicode_item(PyObject *self, Py_ssize_t i)
{
    if (i < 0 || i >= PyUnicode_GET_LENGTH(self)) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return NULL;
    }
    return pyrs_unicode_char(PyUnicode_READ_CHAR(self, i));
}

static int
unicode_contains(PyObject *self, PyObject *sub)
{
    return PyUnicode_Contains(self, sub);
}

static PyObject *
unicode_mod(PyObject *v, PyObject *w)
{
    if (!PyUnicode_Check(v)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return PyUnicode_Format(v, w);
}

static PyObject *unicode_iter(PyObject *seq);

static PyNumberMethods unicode_as_number = {
    .nb_remainder = unicode_mod,
};

static PySequenceMethods unicode_as_sequence = {
    .sq_length = unicode_length,
    .sq_concat = PyUnicode_Concat,
    .sq_repeat = pyrs_unicode_repeat,
    .sq_item = unicode_item,
    .sq_contains = unicode_contains,
};

static PyMappingMethods unicode_as_mapping = {
    .mp_length = unicode_length,
    .mp_subscript = pyrs_unicode_subscript,
};

PyTypeObject PyUnicode_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "str",
    .tp_basicsize = sizeof(PyUnicodeObject),
    .tp_dealloc = unicode_dealloc,
    .tp_repr = pyrs_unicode_repr,
    .tp_as_number = &unicode_as_number,
    .tp_as_sequence = &unicode_as_sequence,
    .tp_as_mapping = &unicode_as_mapping,
    .tp_hash = unicode_hash,
    .tp_str = unicode_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_UNICODE_SUBCLASS |
                _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = "str(object='') -> str\n"
              "str(bytes_or_buffer[, encoding[, errors]]) -> str\n\n"
              "Create a new string object from the given object. If encoding or\n"
              "errors is specified, then the object must expose a data buffer\n"
              "that will be decoded using the given encoding and error handler.\n"
              "Otherwise, returns the result of object.__str__() (if defined)\n"
              "or repr(object).\n"
              "encoding defaults to sys.getdefaultencoding().\n"
              "errors defaults to 'strict'.",
    .tp_richcompare = PyUnicode_RichCompare,
    .tp_iter = unicode_iter,
    .tp_methods = pyrs_unicode_methods,
    .tp_base = &PyBaseObject_Type,
    .tp_new = pyrs_unicode_new,
    .tp_vectorcall = pyrs_unicode_vectorcall,
    .tp_free = PyObject_Free,
};

/* ---- iterator --------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    Py_ssize_t index; /* next position */
    PyObject *seq;    /* the str, NULL when exhausted */
} UnicodeIter;

static void
unicodeiter_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_XDECREF(((UnicodeIter *)self)->seq);
    PyObject_GC_Del(self);
}

static int
unicodeiter_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((UnicodeIter *)self)->seq);
    return 0;
}

static PyObject *
unicodeiter_next(PyObject *self)
{
    UnicodeIter *it = (UnicodeIter *)self;
    if (it->seq == NULL) {
        return NULL;
    }
    if (it->index < PyUnicode_GET_LENGTH(it->seq)) {
        return pyrs_unicode_char(PyUnicode_READ_CHAR(it->seq, it->index++));
    }
    Py_CLEAR(it->seq);
    return NULL;
}

static PyObject *
unicodeiter_len(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    UnicodeIter *it = (UnicodeIter *)self;
    Py_ssize_t n = it->seq ? PyUnicode_GET_LENGTH(it->seq) - it->index : 0;
    return PyLong_FromSsize_t(n < 0 ? 0 : n);
}

/* (iter, (str,), index), or (iter, ('',)) once exhausted, as CPython pickles it. */
static PyObject *
unicodeiter_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    UnicodeIter *it = (UnicodeIter *)self;
    PyObject *empty = PyUnicode_New(0, 0), *state = NULL, *res;
    if (empty == NULL) {
        return NULL;
    }
    if (it->seq != NULL && (state = PyLong_FromSsize_t(it->index)) == NULL) {
        Py_DECREF(empty);
        return NULL;
    }
    res = pyrs_iter_reduce(it->seq, state, empty);
    Py_XDECREF(state);
    Py_DECREF(empty);
    return res;
}

static PyObject *
unicodeiter_setstate(PyObject *self, PyObject *state)
{
    UnicodeIter *it = (UnicodeIter *)self;
    Py_ssize_t index = PyLong_AsSsize_t(state);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (it->seq != NULL) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(it->seq);
        it->index = index < 0 ? 0 : (index > n ? n : index);
    }
    Py_RETURN_NONE;
}

static PyMethodDef unicodeiter_methods[] = {
    {"__length_hint__", unicodeiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", unicodeiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", unicodeiter_setstate, METH_O, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyUnicodeIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "str_iterator",
    .tp_basicsize = sizeof(UnicodeIter),
    .tp_dealloc = unicodeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = unicodeiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = unicodeiter_next,
    .tp_methods = unicodeiter_methods,
};

/* CPython 3.11 iterates pure-ASCII strings with a separate type of its own name. */
static PyTypeObject unicode_ascii_iter_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "str_ascii_iterator",
    .tp_basicsize = sizeof(UnicodeIter),
    .tp_dealloc = unicodeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = unicodeiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = unicodeiter_next,
    .tp_methods = unicodeiter_methods,
};

static PyObject *
unicode_iter(PyObject *seq)
{
    UnicodeIter *it = PyObject_GC_New(
        UnicodeIter, PyUnicode_IS_ASCII(seq) ? &unicode_ascii_iter_type : &PyUnicodeIter_Type);
    if (it == NULL) {
        return NULL;
    }
    it->index = 0;
    it->seq = Py_NewRef(seq);
    PyObject_GC_Track(it);
    return (PyObject *)it;
}

/* Readies str and its iterator; 0 or -1. */
int
pyrs_unicode_init(void)
{
    if (PyType_Ready(&PyUnicode_Type) < 0 || PyType_Ready(&PyUnicodeIter_Type) < 0 ||
        PyType_Ready(&unicode_ascii_iter_type) < 0) {
        return -1;
    }
    return 0;
}
