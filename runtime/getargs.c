/* getargs.c: PyArg_Parse* (format-driven argument parsing), _PyArg_Parser-based keyword
 * parsing and the Argument Clinic unpackers, mirroring CPython 3.11's Python/getargs.c: the same
 * format units, the same conversions and the same TypeError/SystemError messages. '#' lengths are
 * Py_ssize_t; the entry points without _SizeT reject '#' as CPython 3.10+ does. */
#include "Python.h"
#include "pyrs/call.h"

#include <ctype.h>

/* The plain names are real functions here, whatever a caller's PY_SSIZE_T_CLEAN says. */
#undef PyArg_Parse
#undef PyArg_ParseTuple
#undef PyArg_ParseTupleAndKeywords
#undef PyArg_VaParse
#undef PyArg_VaParseTupleAndKeywords
#undef _PyArg_ParseTupleAndKeywordsFast
#undef _PyArg_ParseStack
#undef _PyArg_ParseStackAndKeywords
#undef _PyArg_VaParseTupleAndKeywordsFast

#define FLAG_COMPAT         1 /* PyArg_Parse: a lone argument is not wrapped in a tuple */
#define FLAG_SIZE_T         2 /* '#' stores Py_ssize_t (the _SizeT entry points) */

#define MSGBUF_LEN          256
#define MAX_LEVELS          32

#define IS_END_OF_FORMAT(c) ((c) == '\0' || (c) == ';' || (c) == ':')

/* ---- cleanup of partially converted arguments ---------------------------------------------- */

typedef int (*destr_t)(PyObject *, void *);

typedef struct {
    void *item;      /* buffer, Py_buffer or converter address */
    destr_t destroy; /* called with (NULL, item) on failure */
} FreelistEntry;

typedef struct {
    FreelistEntry *entries; /* STATIC_ENTRIES or a PyMem array */
    int used;               /* entries in use */
    int cap;                /* capacity */
    FreelistEntry static_entries[8];
} Freelist;

static void
freelist_init(Freelist *fl)
{
    fl->entries = fl->static_entries;
    fl->used = 0;
    fl->cap = (int)Py_ARRAY_LENGTH(fl->static_entries);
}

static int
cleanup_ptr(PyObject *Py_UNUSED(self), void *ptr)
{
    void **pptr = (void **)ptr;
    PyMem_Free(*pptr);
    *pptr = NULL;
    return 0;
}

static int
cleanup_buffer(PyObject *Py_UNUSED(self), void *ptr)
{
    Py_buffer *buf = (Py_buffer *)ptr;
    if (buf != NULL) {
        PyBuffer_Release(buf);
    }
    return 0;
}

/* 0, or -1 after running DESTROY on ITEM right away (out of memory). */
static int
addcleanup(void *item, Freelist *fl, destr_t destroy)
{
    if (fl->used == fl->cap) {
        int ncap = fl->cap * 2;
        FreelistEntry *n = PyMem_Malloc(sizeof(FreelistEntry) * (size_t)ncap);
        if (n == NULL) {
            destroy(NULL, item);
            PyErr_NoMemory();
            return -1;
        }
        memcpy(n, fl->entries, sizeof(FreelistEntry) * (size_t)fl->used);
        if (fl->entries != fl->static_entries) {
            PyMem_Free(fl->entries);
        }
        fl->entries = n;
        fl->cap = ncap;
    }
    fl->entries[fl->used].item = item;
    fl->entries[fl->used].destroy = destroy;
    fl->used++;
    return 0;
}

/* On failure (RETVAL 0) undoes every recorded conversion; always frees the list. */
static int
cleanreturn(int retval, Freelist *fl)
{
    if (retval == 0) {
        for (int i = fl->used - 1; i >= 0; i--) {
            fl->entries[i].destroy(NULL, fl->entries[i].item);
        }
    }
    if (fl->entries != fl->static_entries) {
        PyMem_Free(fl->entries);
    }
    fl->entries = fl->static_entries;
    fl->used = 0;
    return retval;
}

/* ---- error messages ---------------------------------------------------------------------- */

static const char *
type_name_of(PyObject *arg)
{
    return arg == Py_None ? "None" : Py_TYPE(arg)->tp_name;
}

/* "must be EXPECTED, not TYPE" in MSGBUF; an EXPECTED starting with '(' is an internal error
 * text copied as is (seterror turns it into SystemError). */
static const char *
converterr(const char *expected, PyObject *arg, char *msgbuf)
{
    if (expected[0] == '(') {
        snprintf(msgbuf, MSGBUF_LEN, "%.100s", expected);
    } else {
        snprintf(msgbuf, MSGBUF_LEN, "must be %.50s, not %.50s", expected, type_name_of(arg));
    }
    return msgbuf;
}

/* The conversion failed with an exception already set: any non-NULL message will do. */
static const char *
err_occurred(char *msgbuf)
{
    msgbuf[0] = '\0';
    return msgbuf;
}

/* Raises the error for argument IARG (1-based, 0 for "argument") at nesting LEVELS, unless a
 * conversion already raised one; MESSAGE (the text after ';') replaces the generated one. */
static void
seterror(Py_ssize_t iarg, const char *msg, const int *levels, const char *fname,
         const char *message)
{
    char buf[512];
    if (PyErr_Occurred()) {
        return;
    }
    if (message == NULL) {
        size_t n = 0;
        if (fname != NULL) {
            n += (size_t)snprintf(buf, sizeof(buf), "%.200s() ", fname);
        }
        if (iarg != 0) {
            n += (size_t)snprintf(buf + n, sizeof(buf) - n, "argument %zd", iarg);
            for (int i = 0; i < MAX_LEVELS && levels[i] > 0 && n < 220; i++) {
                n += (size_t)snprintf(buf + n, sizeof(buf) - n, ", item %d", levels[i] - 1);
            }
        } else {
            n += (size_t)snprintf(buf + n, sizeof(buf) - n, "argument");
        }
        snprintf(buf + n, sizeof(buf) - n, " %.256s", msg);
        message = buf;
    }
    PyErr_SetString(msg[0] == '(' ? PyExc_SystemError : PyExc_TypeError, message);
}

/* ---- converting one item ---------------------------------------------------------------- */

typedef struct {
    va_list *va;  /* the caller's output pointers */
    int flags;    /* FLAG_* */
    Freelist *fl; /* cleanups for failure */
    char *msgbuf; /* MSGBUF_LEN bytes for the error text */
} Conv;

static const char *convertitem(PyObject *arg, const char **p_format, Conv *cv, int *levels);

/* Reads the Py_ssize_t * of a '#' unit, or NULL with SystemError without PY_SSIZE_T_CLEAN. */
static Py_ssize_t *
fetch_size(Conv *cv)
{
    if (!(cv->flags & FLAG_SIZE_T)) {
        PyErr_SetString(PyExc_SystemError,
                        "PY_SSIZE_T_CLEAN macro must be defined for '#' formats");
        return NULL;
    }
    return va_arg(*cv->va, Py_ssize_t *);
}

/* A C-contiguous simple buffer view of ARG; -1 with *ERRMSG the expected kind. */
static int
getbuffer(PyObject *arg, Py_buffer *view, const char **errmsg)
{
    if (PyObject_GetBuffer(arg, view, PyBUF_SIMPLE) != 0) {
        *errmsg = "bytes-like object";
        return -1;
    }
    if (!PyBuffer_IsContiguous(view, 'C')) {
        PyBuffer_Release(view);
        *errmsg = "contiguous buffer";
        return -1;
    }
    return 0;
}

/* The length of a read-only buffer whose memory stays valid without a view (bytes-like
 * objects without bf_releasebuffer); -1 with *ERRMSG. */
static Py_ssize_t
convertbuffer(PyObject *arg, const void **p, const char **errmsg)
{
    PyBufferProcs *pb = Py_TYPE(arg)->tp_as_buffer;
    if (pb != NULL && pb->bf_releasebuffer != NULL) {
        *errmsg = "read-only bytes-like object";
        return -1;
    }
    Py_buffer view;
    if (getbuffer(arg, &view, errmsg) < 0) {
        return -1;
    }
    Py_ssize_t count = view.len;
    *p = view.buf;
    PyBuffer_Release(&view);
    return count;
}

/* b h i: signed range check of a C long into the named C type. */
static const char *
convert_small_int(PyObject *arg, Conv *cv, char c)
{
    long ival = PyLong_AsLong(arg);
    if (ival == -1 && PyErr_Occurred()) {
        return err_occurred(cv->msgbuf);
    }
    long lo = c == 'b' ? 0 : c == 'h' ? SHRT_MIN : INT_MIN;
    long hi = c == 'b' ? UCHAR_MAX : c == 'h' ? SHRT_MAX : INT_MAX;
    const char *what = c == 'b'   ? "unsigned byte integer"
                       : c == 'h' ? "signed short integer"
                                  : "signed integer";
    if (ival < lo || ival > hi) {
        PyErr_Format(PyExc_OverflowError, "%s is %s", what,
                     ival < lo ? "less than minimum" : "greater than maximum");
        return err_occurred(cv->msgbuf);
    }
    if (c == 'b') {
        *va_arg(*cv->va, unsigned char *) = (unsigned char)ival;
    } else if (c == 'h') {
        *va_arg(*cv->va, short *) = (short)ival;
    } else {
        *va_arg(*cv->va, int *) = (int)ival;
    }
    return NULL;
}

/* B H I k K: unsigned conversions that wrap instead of checking the range. */
static const char *
convert_mask_int(PyObject *arg, Conv *cv, char c)
{
    if ((c == 'k' || c == 'K') && !PyLong_Check(arg)) {
        return converterr("int", arg, cv->msgbuf);
    }
    unsigned long long v = c == 'K' ? PyLong_AsUnsignedLongLongMask(arg)
                                    : (unsigned long long)PyLong_AsUnsignedLongMask(arg);
    if (v == (unsigned long long)-1 && PyErr_Occurred()) {
        return err_occurred(cv->msgbuf);
    }
    if (c == 'B') {
        *va_arg(*cv->va, unsigned char *) = (unsigned char)v;
    } else if (c == 'H') {
        *va_arg(*cv->va, unsigned short *) = (unsigned short)v;
    } else if (c == 'I') {
        *va_arg(*cv->va, unsigned int *) = (unsigned int)v;
    } else if (c == 'k') {
        *va_arg(*cv->va, unsigned long *) = (unsigned long)v;
    } else {
        *va_arg(*cv->va, unsigned long long *) = v;
    }
    return NULL;
}

/* l L n p f d D c C: the remaining fixed-size conversions. */
static const char *
convert_scalar(PyObject *arg, Conv *cv, char c)
{
    switch (c) {
    case 'l': {
        long v = PyLong_AsLong(arg);
        if (v == -1 && PyErr_Occurred()) {
            return err_occurred(cv->msgbuf);
        }
        *va_arg(*cv->va, long *) = v;
        return NULL;
    }
    case 'L': {
        long long v = PyLong_AsLongLong(arg);
        if (v == -1 && PyErr_Occurred()) {
            return err_occurred(cv->msgbuf);
        }
        *va_arg(*cv->va, long long *) = v;
        return NULL;
    }
    case 'n': {
        Py_ssize_t v = -1;
        PyObject *iobj = _PyNumber_Index(arg);
        if (iobj != NULL) {
            v = PyLong_AsSsize_t(iobj);
            Py_DECREF(iobj);
        }
        if (v == -1 && PyErr_Occurred()) {
            return err_occurred(cv->msgbuf);
        }
        *va_arg(*cv->va, Py_ssize_t *) = v;
        return NULL;
    }
    case 'p': {
        int v = PyObject_IsTrue(arg);
        if (v < 0) {
            return err_occurred(cv->msgbuf);
        }
        *va_arg(*cv->va, int *) = v;
        return NULL;
    }
    case 'f':
    case 'd': {
        double v = PyFloat_AsDouble(arg);
        if (v == -1.0 && PyErr_Occurred()) {
            return err_occurred(cv->msgbuf);
        }
        if (c == 'f') {
            *va_arg(*cv->va, float *) = (float)v;
        } else {
            *va_arg(*cv->va, double *) = v;
        }
        return NULL;
    }
    case 'D': {
        Py_complex v = PyComplex_AsCComplex(arg);
        if (PyErr_Occurred()) {
            return err_occurred(cv->msgbuf);
        }
        *va_arg(*cv->va, Py_complex *) = v;
        return NULL;
    }
    case 'c': {
        char *p = va_arg(*cv->va, char *);
        if (PyBytes_Check(arg) && PyBytes_GET_SIZE(arg) == 1) {
            *p = PyBytes_AS_STRING(arg)[0];
        } else if (PyByteArray_Check(arg) && PyByteArray_GET_SIZE(arg) == 1) {
            *p = PyByteArray_AS_STRING(arg)[0];
        } else {
            return converterr("a byte string of length 1", arg, cv->msgbuf);
        }
        return NULL;
    }
    default: { /* 'C' */
        int *p = va_arg(*cv->va, int *);
        if (!PyUnicode_Check(arg) || PyUnicode_GET_LENGTH(arg) != 1) {
            return converterr("a unicode character", arg, cv->msgbuf);
        }
        *p = (int)PyUnicode_READ_CHAR(arg, 0);
        return NULL;
    }
    }
}

/* s* z* y*: fill the caller's Py_buffer (released on failure of a later argument). */
static const char *
convert_buffer_star(PyObject *arg, Conv *cv, char c)
{
    Py_buffer *p = va_arg(*cv->va, Py_buffer *);
    if (c == 'z' && arg == Py_None) {
        PyBuffer_FillInfo(p, NULL, NULL, 0, 1, 0);
    } else if (c != 'y' && PyUnicode_Check(arg)) {
        Py_ssize_t len;
        const char *s = PyUnicode_AsUTF8AndSize(arg, &len);
        if (s == NULL) {
            return converterr("(unicode conversion error)", arg, cv->msgbuf);
        }
        PyBuffer_FillInfo(p, arg, (void *)s, len, 1, 0);
    } else {
        const char *errmsg;
        if (getbuffer(arg, p, &errmsg) < 0) {
            return converterr(errmsg, arg, cv->msgbuf);
        }
    }
    if (addcleanup(p, cv->fl, cleanup_buffer) < 0) {
        return converterr("(cleanup problem)", arg, cv->msgbuf);
    }
    return NULL;
}

/* s z y with or without '#': a pointer into the object (UTF-8 for str). */
static const char *
convert_string(PyObject *arg, Conv *cv, char c, int with_size)
{
    const void **p = (const void **)va_arg(*cv->va, char **);
    Py_ssize_t *psize = NULL;
    if (with_size && (psize = fetch_size(cv)) == NULL) {
        return err_occurred(cv->msgbuf);
    }
    Py_ssize_t len;
    if (c == 'z' && arg == Py_None) {
        *p = NULL;
        len = 0;
    } else if (c != 'y' && PyUnicode_Check(arg)) {
        const char *s = PyUnicode_AsUTF8AndSize(arg, &len);
        if (s == NULL) {
            return converterr("(unicode conversion error)", arg, cv->msgbuf);
        }
        *p = s;
    } else if (c != 'y' && !with_size) {
        return converterr(c == 'z' ? "str or None" : "str", arg, cv->msgbuf);
    } else {
        const char *errmsg;
        len = convertbuffer(arg, p, &errmsg);
        if (len < 0) {
            return converterr(errmsg, arg, cv->msgbuf);
        }
    }
    if (with_size) {
        *psize = len;
    } else if (*p != NULL && strlen((const char *)*p) != (size_t)len) {
        PyErr_SetString(PyExc_ValueError,
                        c == 'y' ? "embedded null byte" : "embedded null character");
        return err_occurred(cv->msgbuf);
    }
    return NULL;
}

/* The bytes of ARG for es/et: a new reference to a bytes or bytearray, or NULL with a
 * message in *MSG. */
static PyObject *
encoded_bytes(PyObject *arg, const char *encoding, int recode, Conv *cv, const char **msg)
{
    if (!recode && (PyBytes_Check(arg) || PyByteArray_Check(arg))) {
        return Py_NewRef(arg);
    }
    if (!PyUnicode_Check(arg)) {
        *msg = converterr(recode ? "str" : "str, bytes or bytearray", arg, cv->msgbuf);
        return NULL;
    }
    PyObject *s = PyUnicode_AsEncodedString(arg, encoding, NULL);
    if (s == NULL) {
        *msg = converterr("(encoding failed)", arg, cv->msgbuf);
    }
    return s;
}

/* es et es# et#: encode into a PyMem buffer (allocated, or the caller's with '#'). */
static const char *
convert_encoded(PyObject *arg, const char **p_format, Conv *cv)
{
    const char *format = *p_format;
    const char *encoding = va_arg(*cv->va, const char *);
    if (encoding == NULL) {
        encoding = "utf-8";
    }
    if (*format != 's' && *format != 't') {
        return converterr("(unknown parser marker combination)", arg, cv->msgbuf);
    }
    int recode = *format++ == 's';
    char **buffer = va_arg(*cv->va, char **);
    if (buffer == NULL) {
        return converterr("(buffer is NULL)", arg, cv->msgbuf);
    }
    const char *msg = NULL;
    PyObject *s = encoded_bytes(arg, encoding, recode, cv, &msg);
    if (s == NULL) {
        return msg;
    }
    const char *ptr = PyBytes_Check(s) ? PyBytes_AS_STRING(s) : PyByteArray_AS_STRING(s);
    Py_ssize_t size = PyBytes_Check(s) ? PyBytes_GET_SIZE(s) : PyByteArray_GET_SIZE(s);
    Py_ssize_t *psize = NULL;
    if (*format == '#') {
        format++;
        if ((psize = fetch_size(cv)) == NULL) {
            Py_DECREF(s);
            return err_occurred(cv->msgbuf);
        }
        if (*buffer != NULL && size + 1 > *psize) {
            Py_DECREF(s);
            PyErr_Format(PyExc_ValueError, "encoded string too long (%zd, maximum length %zd)",
                         size, *psize - 1);
            return err_occurred(cv->msgbuf);
        }
    } else if ((Py_ssize_t)strlen(ptr) != size) {
        Py_DECREF(s);
        return converterr("encoded string without null bytes", arg, cv->msgbuf);
    }
    if (psize == NULL || *buffer == NULL) {
        *buffer = PyMem_Malloc((size_t)size + 1);
        if (*buffer == NULL) {
            Py_DECREF(s);
            PyErr_NoMemory();
            return err_occurred(cv->msgbuf);
        }
        if (addcleanup(buffer, cv->fl, cleanup_ptr) < 0) {
            Py_DECREF(s);
            return converterr("(cleanup problem)", arg, cv->msgbuf);
        }
    }
    memcpy(*buffer, ptr, (size_t)size);
    (*buffer)[size] = '\0';
    if (psize != NULL) {
        *psize = size;
    }
    Py_DECREF(s);
    *p_format = format;
    return NULL;
}

/* O O! O& */
static const char *
convert_object(PyObject *arg, const char **p_format, Conv *cv)
{
    const char *format = *p_format;
    if (*format == '!') {
        PyTypeObject *type = va_arg(*cv->va, PyTypeObject *);
        PyObject **p = va_arg(*cv->va, PyObject **);
        (*p_format)++;
        if (!PyType_IsSubtype(Py_TYPE(arg), type)) {
            return converterr(type->tp_name, arg, cv->msgbuf);
        }
        *p = arg;
    } else if (*format == '&') {
        typedef int (*converter)(PyObject *, void *);
        converter convert = va_arg(*cv->va, converter);
        void *addr = va_arg(*cv->va, void *);
        (*p_format)++;
        int res = convert(arg, addr);
        if (res == 0) {
            return converterr("(unspecified)", arg, cv->msgbuf);
        }
        if (res == Py_CLEANUP_SUPPORTED && addcleanup(addr, cv->fl, convert) < 0) {
            return converterr("(cleanup problem)", arg, cv->msgbuf);
        }
    } else {
        *va_arg(*cv->va, PyObject **) = arg;
    }
    return NULL;
}

/* S Y U: an object of an exact kind, borrowed. */
static const char *
convert_typed(PyObject *arg, Conv *cv, char c)
{
    PyObject **p = va_arg(*cv->va, PyObject **);
    int ok = c == 'S'   ? PyBytes_Check(arg)
             : c == 'Y' ? PyByteArray_Check(arg)
                        : PyUnicode_Check(arg);
    if (!ok) {
        return converterr(c == 'S' ? "bytes" : c == 'Y' ? "bytearray" : "str", arg, cv->msgbuf);
    }
    *p = arg;
    return NULL;
}

/* w*: a writable contiguous buffer. */
static const char *
convert_writable(PyObject *arg, const char **p_format, Conv *cv)
{
    if (**p_format != '*') {
        return converterr("(invalid use of 'w' format character)", arg, cv->msgbuf);
    }
    (*p_format)++;
    Py_buffer *p = va_arg(*cv->va, Py_buffer *);
    if (PyObject_GetBuffer(arg, p, PyBUF_WRITABLE) < 0) {
        PyErr_Clear();
        return converterr("read-write bytes-like object", arg, cv->msgbuf);
    }
    if (!PyBuffer_IsContiguous(p, 'C')) {
        PyBuffer_Release(p);
        return converterr("contiguous buffer", arg, cv->msgbuf);
    }
    if (addcleanup(p, cv->fl, cleanup_buffer) < 0) {
        return converterr("(cleanup problem)", arg, cv->msgbuf);
    }
    return NULL;
}

/* One non-tuple unit at *P_FORMAT: NULL on success (format advanced), else the message. */
static const char *
convertsimple(PyObject *arg, const char **p_format, Conv *cv)
{
    const char *format = *p_format;
    char c = *format++;
    const char *msg;
    switch (c) {
    case 'b':
    case 'h':
    case 'i':
        msg = convert_small_int(arg, cv, c);
        break;
    case 'B':
    case 'H':
    case 'I':
    case 'k':
    case 'K':
        msg = convert_mask_int(arg, cv, c);
        break;
    case 'l':
    case 'L':
    case 'n':
    case 'p':
    case 'f':
    case 'd':
    case 'D':
    case 'c':
    case 'C':
        msg = convert_scalar(arg, cv, c);
        break;
    case 's':
    case 'z':
    case 'y':
        if (*format == '*') {
            format++;
            msg = convert_buffer_star(arg, cv, c);
        } else if (*format == '#') {
            format++;
            msg = convert_string(arg, cv, c, 1);
        } else {
            msg = convert_string(arg, cv, c, 0);
        }
        break;
    case 'e':
        msg = convert_encoded(arg, &format, cv);
        break;
    case 'S':
    case 'Y':
    case 'U':
        msg = convert_typed(arg, cv, c);
        break;
    case 'O':
        msg = convert_object(arg, &format, cv);
        break;
    case 'w':
        msg = convert_writable(arg, &format, cv);
        break;
    case 'u':
    case 'Z':
        msg = converterr("(Py_UNICODE formats 'u' and 'Z' are not supported by pyrs)", arg,
                         cv->msgbuf);
        break;
    default:
        msg = converterr("(impossible<bad format char>)", arg, cv->msgbuf);
        break;
    }
    if (msg == NULL) {
        *p_format = format;
    }
    return msg;
}

/* (...) units: ARG must be a sequence of exactly as many items as the parenthesised units. */
static const char *
converttuple(PyObject *arg, const char **p_format, Conv *cv, int *levels)
{
    const char *format = *p_format;
    int level = 0;
    int n = 0;
    for (;;) {
        char c = *format++;
        if (c == '(') {
            if (level == 0) {
                n++;
            }
            level++;
        } else if (c == ')') {
            if (level == 0) {
                break;
            }
            level--;
        } else if (c == ':' || c == ';' || c == '\0') {
            break;
        } else if (level == 0 && isalpha((unsigned char)c) && c != 'e') {
            n++;
        }
    }
    if (!PySequence_Check(arg) || PyBytes_Check(arg)) {
        levels[0] = 0;
        snprintf(cv->msgbuf, MSGBUF_LEN, "must be %d-item sequence, not %.50s", n,
                 type_name_of(arg));
        return cv->msgbuf;
    }
    Py_ssize_t len = PySequence_Size(arg);
    if (len != n) {
        levels[0] = 0;
        if (len < 0) {
            return err_occurred(cv->msgbuf);
        }
        snprintf(cv->msgbuf, MSGBUF_LEN, "must be sequence of length %d, not %zd", n, len);
        return cv->msgbuf;
    }
    format = *p_format;
    for (int i = 0; i < n; i++) {
        PyObject *item = PySequence_GetItem(arg, i);
        if (item == NULL) {
            PyErr_Clear();
            levels[0] = i + 1;
            levels[1] = 0;
            snprintf(cv->msgbuf, MSGBUF_LEN, "is not retrievable");
            return cv->msgbuf;
        }
        const char *msg = convertitem(item, &format, cv, levels + 1);
        /* PySequence_GetItem gave a new reference; borrowed results stay valid because the
         * sequence keeps the item alive, as in CPython */
        Py_DECREF(item);
        if (msg != NULL) {
            levels[0] = i + 1;
            return msg;
        }
    }
    *p_format = format;
    return NULL;
}

static const char *
convertitem(PyObject *arg, const char **p_format, Conv *cv, int *levels)
{
    const char *format = *p_format;
    const char *msg;
    if (*format == '(') {
        format++;
        msg = converttuple(arg, &format, cv, levels);
        if (msg == NULL) {
            format++; /* the ')' */
        }
    } else {
        msg = convertsimple(arg, &format, cv);
        if (msg != NULL) {
            levels[0] = 0;
        }
    }
    if (msg == NULL) {
        *p_format = format;
    }
    return msg;
}

/* ---- positional parsing: PyArg_Parse / PyArg_ParseTuple -------------------------------- */

/* Counts the units of FORMAT (top level) into *MIN and *MAX and finds the name after ':' and the
 * message after ';'. -1 with SystemError on unbalanced parentheses. */
static int
scan_format(const char *format, int *min, int *max, const char **fname, const char **message)
{
    int level = 0;
    *min = -1;
    *max = 0;
    *fname = NULL;
    *message = NULL;
    for (;;) {
        char c = *format++;
        if (c == '(') {
            if (level == 0) {
                (*max)++;
            }
            level++;
            if (level >= 30) {
                PyErr_SetString(PyExc_SystemError,
                                "too many tuple nesting levels in argument format string");
                return -1;
            }
        } else if (c == ')') {
            if (level == 0) {
                PyErr_SetString(PyExc_SystemError, "excess ')' in getargs format");
                return -1;
            }
            level--;
        } else if (c == '\0') {
            break;
        } else if (c == ':') {
            *fname = format;
            break;
        } else if (c == ';') {
            *message = format;
            break;
        } else if (c == '|') {
            if (level == 0) {
                *min = *max;
            }
        } else if (level == 0 && isalpha((unsigned char)c) && c != 'e') {
            (*max)++;
        }
    }
    if (level != 0) {
        PyErr_SetString(PyExc_SystemError, "missing ')' in getargs format");
        return -1;
    }
    if (*min < 0) {
        *min = *max;
    }
    return 0;
}

/* PyArg_Parse's old calling style: ARGS is the single argument itself. */
static int
vgetargs_compat(PyObject *arg, const char *format, int max, const char *fname, const char *message,
                Conv *cv)
{
    int levels[MAX_LEVELS];
    if (max == 0) {
        if (arg == NULL) {
            return 1;
        }
        PyErr_Format(PyExc_TypeError, "%.200s%s takes no arguments",
                     fname == NULL ? "function" : fname, fname == NULL ? "" : "()");
        return 0;
    }
    if (max != 1) {
        PyErr_SetString(PyExc_SystemError, "old style getargs format uses new features");
        return 0;
    }
    if (arg == NULL) {
        PyErr_Format(PyExc_TypeError, "%.200s%s takes at least one argument",
                     fname == NULL ? "function" : fname, fname == NULL ? "" : "()");
        return 0;
    }
    levels[0] = 0;
    const char *msg = convertitem(arg, &format, cv, levels);
    if (msg == NULL) {
        return cleanreturn(1, cv->fl);
    }
    seterror(levels[0], msg, levels + 1, fname, message);
    return cleanreturn(0, cv->fl);
}

static int
vgetargs1(PyObject *args, const char *format, va_list *va, int flags)
{
    int min, max;
    const char *fname, *message;
    char msgbuf[MSGBUF_LEN];
    int levels[MAX_LEVELS];
    Freelist fl;
    freelist_init(&fl);
    Conv cv = {va, flags, &fl, msgbuf};
    const char *formatsave = format;
    if (format == NULL || scan_format(format, &min, &max, &fname, &message) < 0) {
        if (format == NULL) {
            PyErr_BadInternalCall();
        }
        return 0;
    }
    if (flags & FLAG_COMPAT) {
        return vgetargs_compat(args, format, max, fname, message, &cv);
    }
    if (args == NULL || !PyTuple_Check(args)) {
        PyErr_SetString(PyExc_SystemError, "new style getargs format but argument is not a tuple");
        return 0;
    }
    Py_ssize_t len = PyTuple_GET_SIZE(args);
    if (len < min || max < len) {
        if (message == NULL) {
            int want = len < min ? min : max;
            PyErr_Format(PyExc_TypeError, "%.150s%s takes %s %d argument%s (%zd given)",
                         fname == NULL ? "function" : fname, fname == NULL ? "" : "()",
                         min == max  ? "exactly"
                         : len < min ? "at least"
                                     : "at most",
                         want, want == 1 ? "" : "s", len);
        } else {
            PyErr_SetString(PyExc_TypeError, message);
        }
        return 0;
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        if (*format == '|') {
            format++;
        }
        levels[0] = 0;
        const char *msg = convertitem(PyTuple_GET_ITEM(args, i), &format, &cv, levels);
        if (msg != NULL) {
            seterror(i + 1, msg, levels, fname, message);
            return cleanreturn(0, &fl);
        }
    }
    if (*format != '\0' && !isalpha((unsigned char)*format) && *format != '(' && *format != '|' &&
        *format != ':' && *format != ';') {
        PyErr_Format(PyExc_SystemError, "bad format string: %.200s", formatsave);
        return cleanreturn(0, &fl);
    }
    return cleanreturn(1, &fl);
}

/* Each entry point copies its va_list so the converters can advance it through a pointer. */
#define VA_ENTRY(ARGS, FORMAT, FLAGS)                                                              \
    va_list va;                                                                                    \
    va_start(va, FORMAT);                                                                          \
    int res = vgetargs1((ARGS), (FORMAT), &va, (FLAGS));                                           \
    va_end(va);                                                                                    \
    return res

int
PyArg_Parse(PyObject *args, const char *format, ...)
{
    VA_ENTRY(args, format, FLAG_COMPAT);
}

int
_PyArg_Parse_SizeT(PyObject *args, const char *format, ...)
{
    VA_ENTRY(args, format, FLAG_COMPAT | FLAG_SIZE_T);
}

int
PyArg_ParseTuple(PyObject *args, const char *format, ...)
{
    VA_ENTRY(args, format, 0);
}

int
_PyArg_ParseTuple_SizeT(PyObject *args, const char *format, ...)
{
    VA_ENTRY(args, format, FLAG_SIZE_T);
}

static int
vgetargs_va(PyObject *args, const char *format, va_list va, int flags)
{
    va_list copy;
    va_copy(copy, va);
    int res = vgetargs1(args, format, &copy, flags);
    va_end(copy);
    return res;
}

int
PyArg_VaParse(PyObject *args, const char *format, va_list va)
{
    return vgetargs_va(args, format, va, 0);
}

int
_PyArg_VaParse_SizeT(PyObject *args, const char *format, va_list va)
{
    return vgetargs_va(args, format, va, FLAG_SIZE_T);
}

/* _PyArg_ParseStack: PyArg_ParseTuple over a vector of arguments. */
static int
vgetargs_stack(PyObject *const *args, Py_ssize_t nargs, const char *format, va_list *va, int flags)
{
    PyObject *tuple = pyrs_call_tuple_from_array(args, nargs);
    if (tuple == NULL) {
        return 0;
    }
    int res = vgetargs1(tuple, format, va, flags);
    Py_DECREF(tuple);
    return res;
}

int
_PyArg_ParseStack(PyObject *const *args, Py_ssize_t nargs, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    int res = vgetargs_stack(args, nargs, format, &va, 0);
    va_end(va);
    return res;
}

int
_PyArg_ParseStack_SizeT(PyObject *const *args, Py_ssize_t nargs, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    int res = vgetargs_stack(args, nargs, format, &va, FLAG_SIZE_T);
    va_end(va);
    return res;
}

/* ---- keyword parsing: PyArg_ParseTupleAndKeywords ---------------------------------------- */

/* Advances over one unit without converting (consuming its va arguments when VA is set).
 * NULL, or an internal error text. */
static const char *
skipitem(const char **p_format, va_list *va, int flags)
{
    const char *format = *p_format;
    char c = *format++;
    switch (c) {
    case 'b':
    case 'B':
    case 'h':
    case 'H':
    case 'i':
    case 'I':
    case 'l':
    case 'k':
    case 'L':
    case 'K':
    case 'n':
    case 'f':
    case 'd':
    case 'D':
    case 'c':
    case 'C':
    case 'p':
    case 'S':
    case 'Y':
    case 'U':
        if (va != NULL) {
            (void)va_arg(*va, void *);
        }
        break;
    case 'e':
        if (va != NULL) {
            (void)va_arg(*va, const char *);
        }
        if (*format != 's' && *format != 't') {
            return "impossible<bad format char>";
        }
        format++;
        /* fall through: the output pointers are those of 's' */
        __attribute__((fallthrough));
    case 's':
    case 'z':
    case 'y':
    case 'w':
    case 'u':
    case 'Z':
        if (va != NULL) {
            (void)va_arg(*va, char **);
        }
        if (*format == '#') {
            if (va != NULL) {
                if (!(flags & FLAG_SIZE_T)) {
                    return "PY_SSIZE_T_CLEAN macro must be defined for '#' formats";
                }
                (void)va_arg(*va, Py_ssize_t *);
            }
            format++;
        } else if ((c == 's' || c == 'z' || c == 'y' || c == 'w') && *format == '*') {
            format++;
        }
        break;
    case 'O':
        if (*format == '!' || *format == '&') {
            format++;
            if (va != NULL) {
                (void)va_arg(*va, void *);
                (void)va_arg(*va, void *);
            }
        } else if (va != NULL) {
            (void)va_arg(*va, PyObject **);
        }
        break;
    case '(':
        while (*format != ')') {
            if (IS_END_OF_FORMAT(*format)) {
                return "Unmatched left paren in format string";
            }
            const char *msg = skipitem(&format, va, flags);
            if (msg != NULL) {
                return msg;
            }
        }
        format++;
        break;
    case ')':
        return "Unmatched right paren in format string";
    default:
        return "impossible<bad format char>";
    }
    *p_format = format;
    return NULL;
}

static const char *
fname_or(const char *fname, const char *dflt)
{
    return fname == NULL ? dflt : fname;
}

static const char *
parens(const char *fname)
{
    return fname == NULL ? "" : "()";
}

/* The state of one keyword parse. */
typedef struct {
    const char *fname;     /* name after ':' or NULL */
    const char *custommsg; /* text after ';' or NULL */
    char *const *kwlist;   /* keyword names, "" for positional-only */
    int pos;               /* positional-only count */
    int len;               /* keyword list length */
} KwParse;

/* After a successful pass: rejects keywords that duplicate positional arguments or match no
 * parameter. 1, or 0 with TypeError. */
static int
check_extra_keywords(PyObject *args, PyObject *kwargs, const KwParse *kp)
{
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    for (Py_ssize_t i = kp->pos; i < nargs; i++) {
        PyObject *v = PyDict_GetItemString(kwargs, kp->kwlist[i]);
        if (v != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %.200s%s given by name ('%s') and position (%zd)",
                         fname_or(kp->fname, "function"), parens(kp->fname), kp->kwlist[i], i + 1);
            return 0;
        }
    }
    Py_ssize_t j = 0;
    PyObject *key, *value;
    while (PyDict_Next(kwargs, &j, &key, &value)) {
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "keywords must be strings");
            return 0;
        }
        int match = 0;
        for (int i = kp->pos; i < kp->len && !match; i++) {
            match = _PyUnicode_EqualToASCIIString(key, kp->kwlist[i]);
        }
        if (!match) {
            PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for %.200s%s", key,
                         fname_or(kp->fname, "this function"), parens(kp->fname));
            return 0;
        }
    }
    PyErr_Format(PyExc_TypeError, "invalid keyword argument for %.200s%s",
                 fname_or(kp->fname, "this function"), parens(kp->fname));
    return 0;
}

/* Handles a '$' at parameter I: the positional maximum is now known. 1 to go on, 0 with an
 * exception, 2 to stop and report the deferred missing-positional error. */
static int
kw_dollar(const KwParse *kp, int i, int min, int *max, int skip, Py_ssize_t nargs)
{
    if (*max != INT_MAX) {
        PyErr_SetString(PyExc_SystemError, "Invalid format string ($ specified twice)");
        return 0;
    }
    *max = i;
    if (*max < kp->pos) {
        PyErr_SetString(PyExc_SystemError, "Empty parameter name after $");
        return 0;
    }
    if (skip) {
        return 2;
    }
    if (*max < nargs) {
        if (*max == 0) {
            PyErr_Format(PyExc_TypeError, "%.200s%s takes no positional arguments",
                         fname_or(kp->fname, "function"), parens(kp->fname));
        } else {
            PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)",
                         fname_or(kp->fname, "function"), parens(kp->fname),
                         min != INT_MAX ? "at most" : "exactly", *max, *max == 1 ? "" : "s", nargs);
        }
        return 0;
    }
    return 1;
}

/* The driver loop of PyArg_ParseTupleAndKeywords: KP describes the parameters. Returns 1, or
 * 0 with an exception (cleanups done by the caller). This mirrors CPython's single pass that
 * walks the keyword list and the format together. */
static int
kw_loop(PyObject *args, PyObject *kwargs, const char *format, const KwParse *kp, Conv *cv)
{
    int min = INT_MAX, max = INT_MAX, skip = 0, i;
    int levels[MAX_LEVELS];
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    Py_ssize_t nkwargs = kwargs == NULL ? 0 : PyDict_GET_SIZE(kwargs);
    if (nargs + nkwargs > kp->len) {
        PyErr_Format(PyExc_TypeError, "%.200s%s takes at most %d %sargument%s (%zd given)",
                     fname_or(kp->fname, "function"), parens(kp->fname), kp->len,
                     nargs == 0 ? "keyword " : "", kp->len == 1 ? "" : "s", nargs + nkwargs);
        return 0;
    }
    for (i = 0; i < kp->len; i++) {
        if (*format == '|') {
            if (min != INT_MAX) {
                PyErr_SetString(PyExc_SystemError, "Invalid format string (| specified twice)");
                return 0;
            }
            min = i;
            format++;
            if (max != INT_MAX) {
                PyErr_SetString(PyExc_SystemError, "Invalid format string ($ before |)");
                return 0;
            }
        }
        if (*format == '$') {
            format++;
            int r = kw_dollar(kp, i, min, &max, skip, nargs);
            if (r == 0) {
                return 0;
            }
            if (r == 2) {
                break;
            }
        }
        if (IS_END_OF_FORMAT(*format)) {
            PyErr_Format(PyExc_SystemError,
                         "More keyword list entries (%d) than format specifiers (%d)", kp->len, i);
            return 0;
        }
        if (!skip) {
            PyObject *current = NULL;
            if (i < nargs) {
                current = PyTuple_GET_ITEM(args, i);
            } else if (nkwargs && i >= kp->pos) {
                current = PyDict_GetItemString(kwargs, kp->kwlist[i]);
                if (current != NULL) {
                    nkwargs--;
                }
            }
            if (current != NULL) {
                levels[0] = 0;
                const char *msg = convertitem(current, &format, cv, levels);
                if (msg != NULL) {
                    seterror(i + 1, msg, levels, kp->fname, kp->custommsg);
                    return 0;
                }
                continue;
            }
            if (i < min) {
                if (i < kp->pos) {
                    skip = 1; /* reported once | or $ or the end tells the counts */
                } else {
                    PyErr_Format(
                        PyExc_TypeError, "%.200s%s missing required argument '%s' (pos %d)",
                        fname_or(kp->fname, "function"), parens(kp->fname), kp->kwlist[i], i + 1);
                    return 0;
                }
            }
            if (nkwargs == 0 && !skip) {
                return 1;
            }
        }
        const char *msg = skipitem(&format, cv->va, cv->flags);
        if (msg != NULL) {
            PyErr_Format(PyExc_SystemError, "%s: '%s'", msg, format);
            return 0;
        }
    }
    if (skip) {
        int m = Py_MIN(kp->pos, min);
        PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)",
                     fname_or(kp->fname, "function"), parens(kp->fname),
                     m < i ? "at least" : "exactly", m, m == 1 ? "" : "s", nargs);
        return 0;
    }
    if (!IS_END_OF_FORMAT(*format) && *format != '|' && *format != '$') {
        PyErr_Format(PyExc_SystemError,
                     "more argument specifiers than keyword list entries (remaining format:'%s')",
                     format);
        return 0;
    }
    if (nkwargs > 0) {
        return check_extra_keywords(args, kwargs, kp);
    }
    return 1;
}

static int
vgetargskeywords(PyObject *args, PyObject *kwargs, const char *format, char *const *kwlist,
                 va_list *va, int flags)
{
    if (args == NULL || !PyTuple_Check(args) || (kwargs != NULL && !PyDict_Check(kwargs)) ||
        format == NULL || kwlist == NULL) {
        PyErr_BadInternalCall();
        return 0;
    }
    KwParse kp = {NULL, NULL, kwlist, 0, 0};
    kp.fname = strchr(format, ':');
    if (kp.fname != NULL) {
        kp.fname++;
    } else {
        kp.custommsg = strchr(format, ';');
        if (kp.custommsg != NULL) {
            kp.custommsg++;
        }
    }
    while (kwlist[kp.pos] != NULL && kwlist[kp.pos][0] == '\0') {
        kp.pos++;
    }
    for (kp.len = kp.pos; kwlist[kp.len] != NULL; kp.len++) {
        if (kwlist[kp.len][0] == '\0') {
            PyErr_SetString(PyExc_SystemError, "Empty keyword parameter name");
            return 0;
        }
    }
    char msgbuf[MSGBUF_LEN];
    Freelist fl;
    freelist_init(&fl);
    Conv cv = {va, flags, &fl, msgbuf};
    return cleanreturn(kw_loop(args, kwargs, format, &kp, &cv), &fl);
}

int
PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format, char **kwlist,
                            ...)
{
    va_list va;
    va_start(va, kwlist);
    int res = vgetargskeywords(args, kwargs, format, kwlist, &va, 0);
    va_end(va);
    return res;
}

int
_PyArg_ParseTupleAndKeywords_SizeT(PyObject *args, PyObject *kwargs, const char *format,
                                   char **kwlist, ...)
{
    va_list va;
    va_start(va, kwlist);
    int res = vgetargskeywords(args, kwargs, format, kwlist, &va, FLAG_SIZE_T);
    va_end(va);
    return res;
}

static int
vgetargskeywords_va(PyObject *args, PyObject *kwargs, const char *format, char **kwlist, va_list va,
                    int flags)
{
    va_list copy;
    va_copy(copy, va);
    int res = vgetargskeywords(args, kwargs, format, kwlist, &copy, flags);
    va_end(copy);
    return res;
}

int
PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format, char **kwlist,
                              va_list va)
{
    return vgetargskeywords_va(args, kwargs, format, kwlist, va, 0);
}

int
_PyArg_VaParseTupleAndKeywords_SizeT(PyObject *args, PyObject *kwargs, const char *format,
                                     char **kwlist, va_list va)
{
    return vgetargskeywords_va(args, kwargs, format, kwlist, va, FLAG_SIZE_T);
}

int
PyArg_ValidateKeywordArguments(PyObject *kwargs)
{
    if (!PyDict_Check(kwargs)) {
        PyErr_BadInternalCall();
        return 0;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(kwargs, &pos, &key, &value)) {
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "keywords must be strings");
            return 0;
        }
    }
    return 1;
}

/* ---- _PyArg_Parser: static parsers of Argument Clinic and the *Fast entry points ---------- */

/* Fills PARSER's derived fields on first use: positional-only count, min/max and fname from
 * its format, and the interned keyword-name tuple. 1, or 0 with SystemError. */
static int
parser_init(struct _PyArg_Parser *parser)
{
    if (parser->kwtuple != NULL) {
        return 1;
    }
    const char *const *keywords = parser->keywords;
    int i = 0;
    while (keywords[i] != NULL && keywords[i][0] == '\0') {
        i++;
    }
    parser->pos = i;
    for (; keywords[i] != NULL; i++) {
        if (keywords[i][0] == '\0') {
            PyErr_SetString(PyExc_SystemError, "Empty keyword parameter name");
            return 0;
        }
    }
    int len = i;
    if (parser->format != NULL) {
        const char *format = parser->format;
        const char *colon = strchr(format, ':');
        if (colon != NULL) {
            parser->fname = colon + 1;
        } else {
            const char *semi = strchr(format, ';');
            parser->custom_msg = semi != NULL ? semi + 1 : NULL;
        }
        int min = INT_MAX, max = INT_MAX;
        for (i = 0; i < len; i++) {
            if (*format == '|') {
                min = i;
                format++;
            }
            if (*format == '$') {
                max = i;
                format++;
            }
            if (IS_END_OF_FORMAT(*format)) {
                PyErr_Format(PyExc_SystemError,
                             "More keyword list entries (%d) than format specifiers (%d)", len, i);
                return 0;
            }
            const char *msg = skipitem(&format, NULL, 0);
            if (msg != NULL) {
                PyErr_Format(PyExc_SystemError, "%s: '%s'", msg, format);
                return 0;
            }
        }
        parser->min = Py_MIN(min, len);
        parser->max = Py_MIN(max, len);
    }
    PyObject *kwtuple = PyTuple_New(len - parser->pos);
    if (kwtuple == NULL) {
        return 0;
    }
    for (i = parser->pos; i < len; i++) {
        PyObject *s = PyUnicode_InternFromString(keywords[i]);
        if (s == NULL) {
            Py_DECREF(kwtuple);
            return 0;
        }
        PyTuple_SET_ITEM(kwtuple, i - parser->pos, s);
    }
    parser->kwtuple = kwtuple; /* kept for the life of the process, as CPython until finalize */
    return 1;
}

/* Runs the keyword parse described by PARSER over ARGS/KWARGS. */
static int
vgetargs_parser(PyObject *args, PyObject *kwargs, struct _PyArg_Parser *parser, va_list *va,
                int flags)
{
    if (parser == NULL || parser->format == NULL) {
        PyErr_BadInternalCall();
        return 0;
    }
    if (!parser_init(parser)) {
        return 0;
    }
    return vgetargskeywords(args, kwargs, parser->format, (char *const *)parser->keywords, va,
                            flags);
}

int
_PyArg_ParseTupleAndKeywordsFast(PyObject *args, PyObject *kwargs, struct _PyArg_Parser *parser,
                                 ...)
{
    va_list va;
    va_start(va, parser);
    int res = vgetargs_parser(args, kwargs, parser, &va, 0);
    va_end(va);
    return res;
}

int
_PyArg_ParseTupleAndKeywordsFast_SizeT(PyObject *args, PyObject *kwargs,
                                       struct _PyArg_Parser *parser, ...)
{
    va_list va;
    va_start(va, parser);
    int res = vgetargs_parser(args, kwargs, parser, &va, FLAG_SIZE_T);
    va_end(va);
    return res;
}

int
_PyArg_VaParseTupleAndKeywordsFast(PyObject *args, PyObject *kwargs, struct _PyArg_Parser *parser,
                                   va_list va)
{
    va_list copy;
    va_copy(copy, va);
    int res = vgetargs_parser(args, kwargs, parser, &copy, 0);
    va_end(copy);
    return res;
}

int
_PyArg_VaParseTupleAndKeywordsFast_SizeT(PyObject *args, PyObject *kwargs,
                                         struct _PyArg_Parser *parser, va_list va)
{
    va_list copy;
    va_copy(copy, va);
    int res = vgetargs_parser(args, kwargs, parser, &copy, FLAG_SIZE_T);
    va_end(copy);
    return res;
}

/* The vectorcall form: builds the tuple and dict, then parses as above. */
static int
vgetargs_stack_kw(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                  struct _PyArg_Parser *parser, va_list *va, int flags)
{
    PyObject *tuple = NULL, *kw = NULL;
    if (pyrs_call_unpack_vector(args, nargs, kwnames, &tuple, &kw) < 0) {
        return 0;
    }
    int res = vgetargs_parser(tuple, kw, parser, va, flags);
    Py_DECREF(tuple);
    Py_XDECREF(kw);
    return res;
}

int
_PyArg_ParseStackAndKeywords(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                             struct _PyArg_Parser *parser, ...)
{
    va_list va;
    va_start(va, parser);
    int res = vgetargs_stack_kw(args, nargs, kwnames, parser, &va, 0);
    va_end(va);
    return res;
}

int
_PyArg_ParseStackAndKeywords_SizeT(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                                   struct _PyArg_Parser *parser, ...)
{
    va_list va;
    va_start(va, parser);
    int res = vgetargs_stack_kw(args, nargs, kwnames, parser, &va, FLAG_SIZE_T);
    va_end(va);
    return res;
}

/* ---- Argument Clinic's unpackers --------------------------------------------------------- */

/* The value of keyword KEY among the vectorcall KWNAMES (borrowed), or NULL. */
static PyObject *
find_keyword(PyObject *kwnames, PyObject *const *kwstack, PyObject *key)
{
    Py_ssize_t n = PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyTuple_GET_ITEM(kwnames, i) == key) {
            return kwstack[i];
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *k = PyTuple_GET_ITEM(kwnames, i);
        if (PyUnicode_Check(k) && PyUnicode_Compare(k, key) == 0) {
            return kwstack[i];
        }
    }
    return NULL;
}

static PyObject *
lookup_keyword(PyObject *kwargs, PyObject *kwnames, PyObject *const *kwstack, PyObject *key)
{
    if (kwargs != NULL) {
        return PyDict_GetItemWithError(kwargs, key);
    }
    return find_keyword(kwnames, kwstack, key);
}

/* TypeError naming the first keyword that matches no parameter. */
static void
error_unexpected_keyword(PyObject *kwargs, PyObject *kwnames, PyObject *kwtuple, const char *fname)
{
    Py_ssize_t j = 0, n = kwargs != NULL ? PY_SSIZE_T_MAX : PyTuple_GET_SIZE(kwnames);
    PyObject *key, *value;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (kwargs != NULL) {
            if (!PyDict_Next(kwargs, &j, &key, &value)) {
                break;
            }
        } else {
            key = PyTuple_GET_ITEM(kwnames, k);
        }
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "keywords must be strings");
            return;
        }
        int match = PySequence_Contains(kwtuple, key);
        if (match < 0) {
            return;
        }
        if (!match) {
            PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for %.200s%s", key,
                         fname_or(fname, "this function"), parens(fname));
            return;
        }
    }
    PyErr_Format(PyExc_TypeError, "invalid keyword argument for %.200s%s",
                 fname_or(fname, "this function"), parens(fname));
}

/* The positional-count checks of the unpacker; 1, or 0 with TypeError. */
static int
unpack_check_counts(const struct _PyArg_Parser *parser, Py_ssize_t nargs, Py_ssize_t nkwargs,
                    int minpos, int maxpos, int maxargs)
{
    const char *fname = parser->fname;
    int minposonly = Py_MIN(parser->pos, minpos);
    if (nargs + nkwargs > maxargs) {
        PyErr_Format(PyExc_TypeError, "%.200s%s takes at most %d %sargument%s (%zd given)",
                     fname_or(fname, "function"), parens(fname), maxargs,
                     nargs == 0 ? "keyword " : "", maxargs == 1 ? "" : "s", nargs + nkwargs);
        return 0;
    }
    if (nargs > maxpos) {
        if (maxpos == 0) {
            PyErr_Format(PyExc_TypeError, "%.200s%s takes no positional arguments",
                         fname_or(fname, "function"), parens(fname));
        } else {
            PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)",
                         fname_or(fname, "function"), parens(fname),
                         minpos < maxpos ? "at most" : "exactly", maxpos, maxpos == 1 ? "" : "s",
                         nargs);
        }
        return 0;
    }
    if (nargs < minposonly) {
        PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)",
                     fname_or(fname, "function"), parens(fname),
                     minposonly < maxpos ? "at least" : "exactly", minposonly,
                     minposonly == 1 ? "" : "s", nargs);
        return 0;
    }
    return 1;
}

#undef _PyArg_UnpackKeywords

PyObject *const *
_PyArg_UnpackKeywords(PyObject *const *args, Py_ssize_t nargs, PyObject *kwargs, PyObject *kwnames,
                      struct _PyArg_Parser *parser, int minpos, int maxpos, int minkw,
                      PyObject **buf)
{
    if (parser == NULL || (kwnames != NULL && !PyTuple_Check(kwnames))) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (args == NULL && nargs == 0) {
        args = buf;
    }
    if (!parser_init(parser)) {
        return NULL;
    }
    PyObject *kwtuple = parser->kwtuple;
    int posonly = parser->pos;
    int maxargs = posonly + (int)PyTuple_GET_SIZE(kwtuple);
    Py_ssize_t nkwargs = kwargs != NULL    ? PyDict_GET_SIZE(kwargs)
                         : kwnames != NULL ? PyTuple_GET_SIZE(kwnames)
                                           : 0;
    PyObject *const *kwstack = args + nargs;
    if (nkwargs == 0 && minkw == 0 && minpos <= nargs && nargs <= maxpos) {
        return args;
    }
    if (!unpack_check_counts(parser, nargs, nkwargs, minpos, maxpos, maxargs)) {
        return NULL;
    }
    int reqlimit = minkw ? maxpos + minkw : minpos;
    for (Py_ssize_t i = 0; i < nargs; i++) {
        buf[i] = args[i];
    }
    for (int i = Py_MAX((int)nargs, posonly); i < maxargs; i++) {
        PyObject *current = NULL;
        if (nkwargs) {
            PyObject *key = PyTuple_GET_ITEM(kwtuple, i - posonly);
            current = lookup_keyword(kwargs, kwnames, kwstack, key);
            if (current == NULL && PyErr_Occurred()) {
                return NULL;
            }
        } else if (i >= reqlimit) {
            break;
        }
        buf[i] = current;
        if (current != NULL) {
            nkwargs--;
        } else if (i < minpos || (maxpos <= i && i < reqlimit)) {
            PyErr_Format(PyExc_TypeError, "%.200s%s missing required argument '%U' (pos %d)",
                         fname_or(parser->fname, "function"), parens(parser->fname),
                         PyTuple_GET_ITEM(kwtuple, i - posonly), i + 1);
            return NULL;
        }
    }
    if (nkwargs > 0) {
        for (Py_ssize_t i = posonly; i < nargs; i++) {
            PyObject *key = PyTuple_GET_ITEM(kwtuple, i - posonly);
            PyObject *current = lookup_keyword(kwargs, kwnames, kwstack, key);
            if (current != NULL) {
                PyErr_Format(PyExc_TypeError,
                             "argument for %.200s%s given by name ('%U') and position (%zd)",
                             fname_or(parser->fname, "function"), parens(parser->fname), key,
                             i + 1);
                return NULL;
            }
            if (PyErr_Occurred()) {
                return NULL;
            }
        }
        error_unexpected_keyword(kwargs, kwnames, kwtuple, parser->fname);
        return NULL;
    }
    return buf;
}

/* Places the keyword-passed parameters from FIRST on into BUF, skipping the *args slot at
 * VARARG. 1, or 0 with TypeError for a missing required parameter. *NKWARGS counts down. */
static int
unpack_vararg_keywords(PyObject *kwargs, PyObject *kwnames, PyObject *const *kwstack,
                       struct _PyArg_Parser *parser, int first, int minpos, int maxpos,
                       int reqlimit, int vararg, Py_ssize_t *nkwargs, PyObject **buf)
{
    PyObject *kwtuple = parser->kwtuple;
    int posonly = parser->pos;
    int maxargs = posonly + (int)PyTuple_GET_SIZE(kwtuple);
    for (int i = first; i < maxargs; i++) {
        PyObject *key = PyTuple_GET_ITEM(kwtuple, i - posonly);
        PyObject *current = *nkwargs ? lookup_keyword(kwargs, kwnames, kwstack, key) : NULL;
        if (current == NULL && PyErr_Occurred()) {
            return 0;
        }
        buf[i < vararg ? i : i + 1] = current;
        if (current != NULL) {
            (*nkwargs)--;
        } else if (i < minpos || (maxpos <= i && i < reqlimit)) {
            PyErr_Format(PyExc_TypeError, "%.200s%s missing required argument '%U' (pos %d)",
                         fname_or(parser->fname, "function"), parens(parser->fname), key, i + 1);
            return 0;
        }
    }
    return 1;
}

PyObject *const *
_PyArg_UnpackKeywordsWithVararg(PyObject *const *args, Py_ssize_t nargs, PyObject *kwargs,
                                PyObject *kwnames, struct _PyArg_Parser *parser, int minpos,
                                int maxpos, int minkw, int vararg, PyObject **buf)
{
    if (parser == NULL || (kwnames != NULL && !PyTuple_Check(kwnames)) || vararg > maxpos) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (!parser_init(parser)) {
        return NULL;
    }
    int posonly = parser->pos, minposonly = Py_MIN(parser->pos, minpos);
    Py_ssize_t nkwargs = kwargs != NULL    ? PyDict_GET_SIZE(kwargs)
                         : kwnames != NULL ? PyTuple_GET_SIZE(kwnames)
                                           : 0;
    PyObject *const *kwstack = args + nargs;
    if (nargs < minposonly) {
        PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)",
                     fname_or(parser->fname, "function"), parens(parser->fname),
                     minposonly < maxpos ? "at least" : "exactly", minposonly,
                     minposonly == 1 ? "" : "s", nargs);
        return NULL;
    }
    /* positional arguments up to the *args slot, the rest into the *args tuple */
    Py_ssize_t npos = Py_MIN(nargs, (Py_ssize_t)vararg);
    buf[vararg] = pyrs_call_tuple_from_array(args + npos, nargs - npos);
    if (buf[vararg] == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < npos; i++) {
        buf[i] = args[i];
    }
    int reqlimit = minkw ? maxpos + minkw : minpos;
    if (!unpack_vararg_keywords(kwargs, kwnames, kwstack, parser, Py_MAX((int)npos, posonly),
                                minpos, maxpos, reqlimit, vararg, &nkwargs, buf)) {
        goto error;
    }
    if (nkwargs > 0) {
        for (Py_ssize_t i = posonly; i < npos; i++) {
            PyObject *key = PyTuple_GET_ITEM(parser->kwtuple, i - posonly);
            if (lookup_keyword(kwargs, kwnames, kwstack, key) != NULL) {
                PyErr_Format(PyExc_TypeError,
                             "argument for %.200s%s given by name ('%U') and position (%zd)",
                             fname_or(parser->fname, "function"), parens(parser->fname), key,
                             i + 1);
                goto error;
            }
        }
        if (!PyErr_Occurred()) {
            error_unexpected_keyword(kwargs, kwnames, parser->kwtuple, parser->fname);
        }
        goto error;
    }
    return buf;
error:
    Py_CLEAR(buf[vararg]);
    return NULL;
}

void
_PyArg_BadArgument(const char *fname, const char *displayname, const char *expected, PyObject *arg)
{
    PyErr_Format(PyExc_TypeError, "%.200s() %.200s must be %.50s, not %.50s", fname, displayname,
                 expected, type_name_of(arg));
}
