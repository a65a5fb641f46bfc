/* unicode_normalize.c: Unicode normalization forms NFC, NFD, NFKC and NFKD (UAX #15) over the
 * generated Unicode 14.0 decomposition and composition tables, producing what CPython 3.11's
 * unicodedata.normalize returns. */
#include "Python.h"
#include "pyrs/unicode.h"
#include "pyrs/unidata.h"

static int
ccc(Py_UCS4 ch)
{
    return pyrs_unidata_record(ch)->combining;
}

/* Decomposes S fully into W (except the characters KEEP, when given, says to keep as they
 * are) and puts combining marks in canonical order. */
static int
decompose(PyObject *s, int compat, int (*keep)(uint32_t), PyrsUniWriter *w)
{
    uint32_t buf[PYRS_UNIDATA_MAX_DECOMP];
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(s); i++) {
        uint32_t ch = PyUnicode_READ_CHAR(s, i);
        int n = 1;
        if (keep != NULL && keep(ch)) {
            buf[0] = ch;
        } else {
            n = pyrs_unidata_decompose(ch, compat, buf);
        }
        for (int k = 0; k < n; k++) {
            if (pyrs_uniwriter_putc(w, buf[k]) < 0) {
                return -1;
            }
        }
    }
    /* Canonical ordering: a stable insertion sort of each run of non-starters by class. */
    for (Py_ssize_t i = 1; i < w->len; i++) {
        Py_UCS4 ch = w->buf[i];
        int c = ccc(ch);
        Py_ssize_t j = i;
        while (c != 0 && j > 0 && ccc(w->buf[j - 1]) > c) {
            w->buf[j] = w->buf[j - 1];
            j--;
        }
        w->buf[j] = ch;
    }
    return 0;
}

/* Canonical composition of the decomposed W in place (UAX #15 sample algorithm). */
static void
compose(PyrsUniWriter *w)
{
    if (w->len == 0) {
        return;
    }
    Py_ssize_t starter = 0, out = 1;
    int last_class = ccc(w->buf[0]);
    if (last_class != 0) {
        last_class = 256; /* no starter yet: nothing may compose with it */
    }
    for (Py_ssize_t i = 1; i < w->len; i++) {
        Py_UCS4 ch = w->buf[i];
        int cls = ccc(ch);
        Py_UCS4 comp = pyrs_unidata_compose(w->buf[starter], ch);
        if (comp != 0 && (last_class < cls || last_class == 0)) {
            w->buf[starter] = comp;
            continue;
        }
        if (cls == 0) {
            starter = out;
        }
        last_class = cls;
        w->buf[out++] = ch;
    }
    w->len = out;
}

/* unicodedata.normalize(FORM, S): a new str, or NULL with ValueError for an unknown form. */
PyObject *
pyrs_unicode_normalize(const char *form, PyObject *s)
{
    return pyrs_unicode_normalize_keep(form, s, NULL);
}

PyObject *
pyrs_unicode_normalize_keep(const char *form, PyObject *s, int (*keep)(uint32_t))
{
    int compat, comp;
    if (!strcmp(form, "NFC") || !strcmp(form, "NFD")) {
        compat = 0;
    } else if (!strcmp(form, "NFKC") || !strcmp(form, "NFKD")) {
        compat = 1;
    } else {
        PyErr_SetString(PyExc_ValueError, "invalid normalization form");
        return NULL;
    }
    comp = form[strlen(form) - 1] == 'C';
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    if (decompose(s, compat, keep, &w) < 0) {
        pyrs_uniwriter_dealloc(&w);
        return NULL;
    }
    if (comp) {
        compose(&w);
    }
    return pyrs_uniwriter_finish(&w);
}
