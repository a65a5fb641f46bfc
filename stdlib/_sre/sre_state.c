/* sre_state.c: the matcher state over one subject (str of any kind, or any object exporting a
 * simple buffer) and slicing of match results, with CPython 3.11's type checks and messages
 * ("cannot use a string pattern on a bytes-like object", ...) and pos/endpos clamping. */
#include "sre.h"

/* The characters of STRING: str gives its canonical data (*ISBYTES 0); a buffer exporter is
 * viewed through VIEW, which the caller releases (*ISBYTES 1). 0, or -1 with TypeError. */
int
pyrs_sre_getstring(PyObject *string, const void **data, Py_ssize_t *len, int *charsize,
                   int *isbytes, Py_buffer *view)
{
    if (PyUnicode_Check(string)) {
        *data = PyUnicode_DATA(string);
        *len = PyUnicode_GET_LENGTH(string);
        *charsize = PyUnicode_KIND(string);
        *isbytes = 0;
        return 0;
    }
    if (PyObject_GetBuffer(string, view, PyBUF_SIMPLE) != 0) {
        PyErr_Format(PyExc_TypeError, "expected string or bytes-like object, got '%.200s'",
                     Py_TYPE(string)->tp_name);
        return -1;
    }
    *data = view->buf;
    *len = view->len;
    *charsize = 1;
    *isbytes = 1;
    return 0;
}

static Py_ssize_t
clamp(Py_ssize_t v, Py_ssize_t len)
{
    return v < 0 ? 0 : (v > len ? len : v);
}

int
pyrs_sre_state_init(PyrsSreState *st, PyrsSrePattern *pat, PyObject *string, Py_ssize_t pos,
                    Py_ssize_t endpos)
{
    memset(st, 0, sizeof(*st));
    st->lastindex = -1;
    if (pyrs_sre_getstring(string, &st->data, &st->length, &st->charsize, &st->isbytes, &st->view) <
        0) {
        return -1;
    }
    st->has_view = st->isbytes;
    if (st->isbytes && pat->isbytes == 0) {
        PyErr_SetString(PyExc_TypeError, "cannot use a string pattern on a bytes-like object");
        goto error;
    }
    if (!st->isbytes && pat->isbytes > 0) {
        PyErr_SetString(PyExc_TypeError, "cannot use a bytes pattern on a string-like object");
        goto error;
    }
    st->nmarks = 2 * pat->groups;
    st->marks = st->marks_small;
    if (st->nmarks > PYRS_SRE_SMALL_MARKS) {
        st->marks = PyMem_Malloc((size_t)st->nmarks * sizeof(Py_ssize_t));
        if (st->marks == NULL) {
            PyErr_NoMemory();
            goto error;
        }
    }
    st->bt = st->bt_small;
    st->bt_cap = PYRS_SRE_SMALL_BT;
    st->fr = st->fr_small;
    st->fr_cap = PYRS_SRE_SMALL_FR;
    st->string = string;
    st->pos = clamp(pos, st->length);
    st->endpos = clamp(endpos, st->length);
    st->start = st->pos;
    st->code = pat->code;
    st->codesize = pat->codesize;
    st->mapidx = pat->mapidx;
    st->maps = pat->maps;
    pyrs_sre_state_reset(st);
    return 0;
error:
    pyrs_sre_state_fini(st);
    return -1;
}

void
pyrs_sre_state_fini(PyrsSreState *st)
{
    if (st->has_view) {
        PyBuffer_Release(&st->view);
        st->has_view = 0;
    }
    if (st->marks != st->marks_small) {
        PyMem_Free(st->marks);
    }
    if (st->bt != st->bt_small) {
        PyMem_Free(st->bt);
    }
    if (st->fr != st->fr_small) {
        PyMem_Free(st->fr);
    }
    PyMem_Free(st->msave);
    st->msave = NULL;
    st->msave_cap = 0;
    st->marks = st->marks_small;
    st->bt = st->bt_small;
    st->fr = st->fr_small;
    st->bt_cap = PYRS_SRE_SMALL_BT;
    st->fr_cap = PYRS_SRE_SMALL_FR;
}

void
pyrs_sre_state_reset(PyrsSreState *st)
{
    for (Py_ssize_t i = 0; i < st->nmarks; i++) {
        st->marks[i] = -1;
    }
    st->lastindex = -1;
    st->lastmark = -1;
    st->nrep = 0;
    st->msave_len = 0;
    st->bt_len = 0;
    st->fr_len = 0;
}

PyObject *
pyrs_sre_state_slice(PyrsSreState *st, Py_ssize_t i, Py_ssize_t j)
{
    if (st->isbytes) {
        if (PyBytes_CheckExact(st->string) && i == 0 && j == PyBytes_GET_SIZE(st->string)) {
            Py_INCREF(st->string);
            return st->string;
        }
        return PyBytes_FromStringAndSize((const char *)st->data + i, j - i);
    }
    return PyUnicode_Substring(st->string, i, j);
}

PyObject *
pyrs_sre_state_group(PyrsSreState *st, Py_ssize_t g, PyObject *def)
{
    Py_ssize_t i, j;
    if (g == 0) {
        i = st->start, j = st->ptr;
    } else {
        i = st->marks[2 * g - 2], j = st->marks[2 * g - 1];
        if (2 * g - 1 > st->lastmark || i < 0 || j < 0) {
            if (def != NULL) {
                Py_INCREF(def);
                return def;
            }
            i = j = 0;
        }
    }
    if (j < i) {
        return pyrs_sre_wrong_span();
    }
    return pyrs_sre_state_slice(st, i, j);
}

PyObject *
pyrs_sre_wrong_span(void)
{
    /* CPython 3.11 reports a start after the end (stale marks) this way */
    PyErr_SetString(PyExc_SystemError, "The span of capturing group is wrong, please report a "
                                       "bug for the re module.");
    return NULL;
}
