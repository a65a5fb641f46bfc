/* unicode_writer.c: CPython 3.11's semi-private str-building API that C extensions call
 * directly (_PyUnicodeWriter_*, with its public struct layout so the inline Prepare macro
 * works), plus the legacy wchar_t entry points (PyUnicode_AsUnicode, PyUnicode_FromUnicode),
 * _PyUnicode_FromId, _PyUnicode_FastCopyCharacters and _PyUnicode_Ready. */
#include "Python.h"
#include "pyrs/unicode.h"

void
_PyUnicodeWriter_Init(_PyUnicodeWriter *writer)
{
    memset(writer, 0, sizeof(*writer));
    writer->min_char = 127;
}

/* Replaces the buffer by one of NEWSIZE characters below MAXCHAR, keeping the POS written. */
static int
writer_realloc(_PyUnicodeWriter *writer, Py_ssize_t newsize, Py_UCS4 maxchar)
{
    PyObject *nb = PyUnicode_New(newsize, maxchar);
    if (nb == NULL) {
        return -1;
    }
    if (writer->buffer != NULL) {
        int nk = PyUnicode_KIND(nb);
        void *nd = PyUnicode_DATA(nb);
        if (nk == (int)writer->kind) {
            memcpy(nd, writer->data, (size_t)(writer->pos * nk));
        } else {
            for (Py_ssize_t i = 0; i < writer->pos; i++) {
                PyUnicode_WRITE(nk, nd, i, PyUnicode_READ(writer->kind, writer->data, i));
            }
        }
        Py_DECREF(writer->buffer);
    }
    writer->buffer = nb;
    writer->data = PyUnicode_DATA(nb);
    writer->kind = (enum PyUnicode_Kind)PyUnicode_KIND(nb);
    writer->maxchar = PyUnicode_MAX_CHAR_VALUE(nb);
    writer->size = PyUnicode_GET_LENGTH(nb);
    writer->readonly = 0;
    return 0;
}

/* Makes room for LENGTH more characters up to MAXCHAR; 0, or -1 with MemoryError. */
int
_PyUnicodeWriter_PrepareInternal(_PyUnicodeWriter *writer, Py_ssize_t length, Py_UCS4 maxchar)
{
    if (length > PY_SSIZE_T_MAX - writer->pos) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t newlen = writer->pos + length;
    maxchar = Py_MAX(maxchar, writer->min_char);
    if (writer->buffer != NULL && !writer->readonly && newlen <= writer->size &&
        maxchar <= writer->maxchar) {
        return 0;
    }
    Py_ssize_t size = Py_MAX(newlen, writer->min_length);
    if (writer->overallocate && size <= PY_SSIZE_T_MAX - size / 4) {
        size += size / 4;
    }
    if (writer->buffer != NULL) {
        maxchar = Py_MAX(maxchar, writer->maxchar);
        size = Py_MAX(size, writer->size);
    }
    return writer_realloc(writer, size, maxchar);
}

int
_PyUnicodeWriter_PrepareKindInternal(_PyUnicodeWriter *writer, enum PyUnicode_Kind kind)
{
    Py_UCS4 maxchar = kind == PyUnicode_1BYTE_KIND   ? 0xff
                      : kind == PyUnicode_2BYTE_KIND ? 0xffff
                                                     : 0x10ffff;
    return _PyUnicodeWriter_PrepareInternal(writer, 0 + (writer->buffer == NULL), maxchar);
}

int
_PyUnicodeWriter_WriteChar(_PyUnicodeWriter *writer, Py_UCS4 ch)
{
    if (_PyUnicodeWriter_Prepare(writer, 1, ch) < 0) {
        return -1;
    }
    PyUnicode_WRITE(writer->kind, writer->data, writer->pos, ch);
    writer->pos++;
    return 0;
}

int
_PyUnicodeWriter_WriteSubstring(_PyUnicodeWriter *writer, PyObject *str, Py_ssize_t start,
                                Py_ssize_t end)
{
    if (end <= start) {
        return 0;
    }
    /* the kind's bound is exact for a whole str (strs have their narrowest kind); a part of
     * one is scanned only when that bound would widen the buffer */
    Py_UCS4 maxchar = PyUnicode_MAX_CHAR_VALUE(str);
    if (maxchar > writer->maxchar && (start > 0 || end < PyUnicode_GET_LENGTH(str))) {
        maxchar = pyrs_unicode_maxchar(str, start, end);
    }
    if (_PyUnicodeWriter_Prepare(writer, end - start, maxchar) < 0) {
        return -1;
    }
    int kind = PyUnicode_KIND(str);
    const void *data = PyUnicode_DATA(str);
    if (kind == (int)writer->kind) {
        memcpy((char *)writer->data + writer->pos * kind, (const char *)data + start * kind,
               (size_t)((end - start) * kind));
        writer->pos += end - start;
        return 0;
    }
    for (Py_ssize_t i = start; i < end; i++) {
        PyUnicode_WRITE(writer->kind, writer->data, writer->pos++, PyUnicode_READ(kind, data, i));
    }
    return 0;
}

int
_PyUnicodeWriter_WriteStr(_PyUnicodeWriter *writer, PyObject *str)
{
    return _PyUnicodeWriter_WriteSubstring(writer, str, 0, PyUnicode_GET_LENGTH(str));
}

int
_PyUnicodeWriter_WriteASCIIString(_PyUnicodeWriter *writer, const char *str, Py_ssize_t len)
{
    if (len == -1) {
        len = (Py_ssize_t)strlen(str);
    }
    if (_PyUnicodeWriter_Prepare(writer, len, 127) < 0) {
        return -1;
    }
    if (writer->kind == PyUnicode_1BYTE_KIND) {
        memcpy((char *)writer->data + writer->pos, str, (size_t)len);
        writer->pos += len;
        return 0;
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        PyUnicode_WRITE(writer->kind, writer->data, writer->pos++, (Py_UCS1)str[i]);
    }
    return 0;
}

int
_PyUnicodeWriter_WriteLatin1String(_PyUnicodeWriter *writer, const char *str, Py_ssize_t len)
{
    if (_PyUnicodeWriter_Prepare(writer, len, 255) < 0) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        PyUnicode_WRITE(writer->kind, writer->data, writer->pos++, (Py_UCS1)str[i]);
    }
    return 0;
}

/* The writer's ASCII buffer cut to the POS characters written, in place: it is already the
 * narrowest kind, so no copy is needed. The writer gives up the buffer. */
static PyObject *
finish_ascii_in_place(_PyUnicodeWriter *writer)
{
    PyObject *buf = writer->buffer;
    writer->buffer = NULL;
    if (writer->pos == PyUnicode_GET_LENGTH(buf)) {
        return buf;
    }
    PyObject *res = PyObject_Realloc(buf, sizeof(PyASCIIObject) + (size_t)writer->pos + 1);
    if (res == NULL) {
        Py_DECREF(buf);
        return PyErr_NoMemory();
    }
    ((PyASCIIObject *)res)->length = writer->pos;
    ((Py_UCS1 *)PyUnicode_DATA(res))[writer->pos] = 0;
    return res;
}

/* The built str (narrowest kind), or NULL; the writer is reset either way. */
PyObject *
_PyUnicodeWriter_Finish(_PyUnicodeWriter *writer)
{
    PyObject *res;
    if (writer->buffer == NULL || writer->pos == 0) {
        res = pyrs_unicode_empty();
    } else if (PyUnicode_IS_ASCII(writer->buffer) && !writer->readonly &&
               Py_REFCNT(writer->buffer) == 1) {
        return finish_ascii_in_place(writer);
    } else {
        res = PyUnicode_FromKindAndData(writer->kind, writer->data, writer->pos);
    }
    Py_CLEAR(writer->buffer);
    return res;
}

void
_PyUnicodeWriter_Dealloc(_PyUnicodeWriter *writer)
{
    Py_CLEAR(writer->buffer);
}

/* ---- identifiers, legacy API ------------------------------------------------------------ */

/* Mirrors CPython 3.11's struct _Py_Identifier (string, index; index -1 until first use). */
typedef struct {
    const char *string;
    Py_ssize_t index;
} IdentifierLayout;

static PyObject **identifiers;
static Py_ssize_t identifiers_used, identifiers_cap;

/* The interned str for the static identifier ID: a borrowed reference that lives for the
 * whole run, or NULL with MemoryError. */
PyObject *
_PyUnicode_FromId(struct _Py_Identifier *id)
{
    IdentifierLayout *ident = (IdentifierLayout *)id;
    if (ident->index >= 0 && ident->index < identifiers_used) {
        return identifiers[ident->index];
    }
    if (identifiers_used == identifiers_cap) {
        Py_ssize_t cap = identifiers_cap ? identifiers_cap * 2 : 64;
        PyObject **grown = PyMem_RawRealloc(identifiers, (size_t)cap * sizeof(PyObject *));
        if (grown == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        identifiers = grown;
        identifiers_cap = cap;
    }
    PyObject *s = PyUnicode_FromString(ident->string);
    if (s == NULL) {
        return NULL;
    }
    PyUnicode_InternImmortal(&s);
    identifiers[identifiers_used] = s;
    ident->index = identifiers_used++;
    return s;
}

void
_PyUnicode_FastCopyCharacters(PyObject *to, Py_ssize_t to_start, PyObject *from,
                              Py_ssize_t from_start, Py_ssize_t how_many)
{
    int tk = PyUnicode_KIND(to), fk = PyUnicode_KIND(from);
    char *td = PyUnicode_DATA(to);
    const char *fd = PyUnicode_DATA(from);
    if (tk == fk) {
        memmove(td + to_start * tk, fd + from_start * fk, (size_t)(how_many * tk));
        return;
    }
    for (Py_ssize_t i = 0; i < how_many; i++) {
        PyUnicode_WRITE(tk, td, to_start + i, PyUnicode_READ(fk, fd, from_start + i));
    }
}

int
_PyUnicode_Ready(PyObject *unicode)
{
    (void)unicode;
    return 0; /* pyrs strings are always ready */
}

/* The wchar_t (UCS-4 on Linux) form of UNICODE, cached in the object; borrowed. */
Py_UNICODE *
PyUnicode_AsUnicodeAndSize(PyObject *unicode, Py_ssize_t *size)
{
    if (unicode == NULL || !PyUnicode_Check(unicode)) {
        PyErr_BadArgument();
        return NULL;
    }
    PyASCIIObject *a = (PyASCIIObject *)unicode;
    Py_ssize_t n = PyUnicode_GET_LENGTH(unicode);
    if (a->wstr == NULL) {
        wchar_t *w = PyObject_Malloc(((size_t)n + 1) * sizeof(wchar_t));
        if (w == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            w[i] = (wchar_t)PyUnicode_READ_CHAR(unicode, i);
        }
        w[n] = 0;
        a->wstr = w;
        if (!a->state.ascii) {
            ((PyCompactUnicodeObject *)unicode)->wstr_length = n;
        }
    }
    if (size != NULL) {
        *size = n;
    }
    return a->wstr;
}

Py_UNICODE *
PyUnicode_AsUnicode(PyObject *unicode)
{
    return PyUnicode_AsUnicodeAndSize(unicode, NULL);
}

/* A str from SIZE wchar_t at U; U NULL (a string to fill in later) is not supported. */
PyObject *
PyUnicode_FromUnicode(const Py_UNICODE *u, Py_ssize_t size)
{
    if (u == NULL && size != 0) {
        PyErr_SetString(PyExc_SystemError,
                        "PyUnicode_FromUnicode(NULL, size) is not supported by pyrs");
        return NULL;
    }
    return PyUnicode_FromWideChar(u, size);
}
