/* pyrs/unicode.h: internal interface of the str implementation (unicodeobject.c and its
 * unicode_*.c companions): a UCS-4 string builder, small constructors, argument parsing shared
 * with bytes, and the entry points the split files expose to each other. Internal header. */
#ifndef PYRS_UNICODE_H
#define PYRS_UNICODE_H

#include "Python.h"

/* A growable UCS-4 buffer that becomes a compact str of the narrowest kind. Init, append,
 * then either finish (consumes the buffer) or dealloc. Append functions return 0, or -1 with
 * MemoryError. */
typedef struct {
    Py_UCS4 *buf;    /* characters written so far (PyMem) */
    Py_ssize_t len;  /* characters used */
    Py_ssize_t cap;  /* characters allocated */
    Py_UCS4 maxchar; /* largest character written */
} PyrsUniWriter;

void pyrs_uniwriter_init(PyrsUniWriter *w);
PYRS_MUST_CHECK int pyrs_uniwriter_reserve(PyrsUniWriter *w, Py_ssize_t extra);
PYRS_MUST_CHECK int pyrs_uniwriter_putc(PyrsUniWriter *w, Py_UCS4 ch);
PYRS_MUST_CHECK int pyrs_uniwriter_ascii(PyrsUniWriter *w, const char *s, Py_ssize_t n);
PYRS_MUST_CHECK int pyrs_uniwriter_str(PyrsUniWriter *w, PyObject *s);
PYRS_MUST_CHECK int pyrs_uniwriter_substr(PyrsUniWriter *w, PyObject *s, Py_ssize_t start,
                                          Py_ssize_t end);
PYRS_MUST_CHECK int pyrs_uniwriter_fill(PyrsUniWriter *w, Py_UCS4 ch, Py_ssize_t n);
/* The built str (new reference), or NULL with MemoryError; the buffer is released either way. */
PyObject *pyrs_uniwriter_finish(PyrsUniWriter *w);
void pyrs_uniwriter_dealloc(PyrsUniWriter *w);

/* Constructors from code-unit arrays: the narrowest compact str holding them; new reference,
 * NULL with an exception. */
PyObject *pyrs_unicode_from_ucs1(const Py_UCS1 *u, Py_ssize_t n);
PyObject *pyrs_unicode_from_ucs2(const Py_UCS2 *u, Py_ssize_t n);
PyObject *pyrs_unicode_from_ucs4(const Py_UCS4 *u, Py_ssize_t n);
/* The empty str and the one-character str CH (cached below 256): new references; NULL with
 * MemoryError only for uncached characters. */
PyObject *pyrs_unicode_empty(void);
PyObject *pyrs_unicode_char(Py_UCS4 ch);
/* Exact-str copy of S (S itself when it already is an exact str); new reference. */
PyObject *pyrs_unicode_exact(PyObject *s);
/* Largest character in S[start:end]. */
Py_UCS4 pyrs_unicode_maxchar(PyObject *s, Py_ssize_t start, Py_ssize_t end);

/* Parses vectorcall-style ARGS/KWNAMES of method NAME against KWLIST (NULL-terminated, all
 * positional-or-keyword; entries named "" are positional-only) into OUT (borrowed; NULL where
 * not given). MIN..MAX positional count. 0, or -1 with CPython's TypeError wording. */
PYRS_MUST_CHECK int pyrs_unicode_parse_args(const char *name, PyObject *const *args,
                                            Py_ssize_t nargs, PyObject *kwnames,
                                            const char *const *kwlist, Py_ssize_t min,
                                            Py_ssize_t max, PyObject **out);
/* The type name Argument Clinic prints for a bad argument: "None" for None, else tp_name. */
const char *pyrs_unicode_argtype(PyObject *o);
/* Converts an optional start/end argument (None or an index) like str.find does: 0, or -1
 * with TypeError. */
PYRS_MUST_CHECK int pyrs_unicode_parse_index(PyObject *v, Py_ssize_t *out);
/* Clamps [*start, *end) for a sequence of LEN items the way slices do (negative from the end). */
void pyrs_unicode_adjust_indices(Py_ssize_t len, Py_ssize_t *start, Py_ssize_t *end);

/* unicode_methods.c: the str method table and helpers the type object needs. */
extern PyMethodDef pyrs_unicode_methods[];
PyObject *pyrs_unicode_repr(PyObject *s);
/* str.__getitem__ */
PyObject *pyrs_unicode_subscript(PyObject *self, PyObject *key);
/* str * n */
PyObject *pyrs_unicode_repeat(PyObject *s, Py_ssize_t n);
/* R = R + RIGHT for the register (or other slot) R holding an exact str, RIGHT an exact str:
 * the string grows in place when the slot holds its only reference, as CPython's
 * BINARY_OP_INPLACE_ADD_UNICODE does for `s += t` / `s = s + t`; otherwise *SLOT is replaced
 * by a new concatenation. 0, or -1 with MemoryError/OverflowError and *SLOT unchanged. Runs
 * no Python code. For the VM's BINOP add when the destination is the left operand. */
PYRS_MUST_CHECK int pyrs_unicode_append_slot(PyObject **slot, PyObject *right);
/* str.__new__ */
PyObject *pyrs_unicode_new(PyTypeObject *type, PyObject *args, PyObject *kwds);
/* str's tp_vectorcall: str(x) without the argument tuple; other calls go through tp_call.
 * New reference or NULL; runs x.__str__. */
PyObject *pyrs_unicode_vectorcall(PyObject *type, PyObject *const *args, size_t nargsf,
                                  PyObject *kwnames);

/* unicode_format.c: format(S, SPEC) for a str, and the %-formatting engine. */
PyObject *pyrs_unicode_format_str(PyObject *s, PyObject *spec);
/* str.format(*args, **kwargs) and format_map: new reference or NULL. */
PyObject *pyrs_unicode_do_format(PyObject *fmt, PyObject *args, PyObject *kwargs,
                                 PyObject *mapping);
/* Applies the str format-spec mini-language to an already-converted str VALUE. */
PyObject *pyrs_unicode_apply_spec(PyObject *value, PyObject *spec);

/* unicode_normalize.c: unicodedata.normalize(FORM, S) for "NFC", "NFD", "NFKC", "NFKD";
 * new reference, NULL with ValueError("invalid normalization form"). */
PyObject *pyrs_unicode_normalize(const char *form, PyObject *s);
/* The same, leaving undecomposed the characters for which KEEP (NULL: none) returns 1 (what
 * unicodedata.ucd_3_2_0 does with characters assigned after Unicode 3.2.0). */
PyObject *pyrs_unicode_normalize_keep(const char *form, PyObject *s, int (*keep)(uint32_t));

/* unicode_codecs.c. Encoders return bytes; decoders str. NULL with an exception. */
PyObject *pyrs_unicode_encode_utf8(PyObject *s, const char *errors);
PyObject *pyrs_unicode_decode_utf8(const char *s, Py_ssize_t n, const char *errors,
                                   Py_ssize_t *consumed);
/* "utf-8" etc. normalised form of ENCODING into BUF (lower case, '_' and ' ' to '-'); 1 if it
 * fits. */
int pyrs_unicode_normalize_encoding(const char *encoding, char *buf, size_t size);

#endif /* PYRS_UNICODE_H */
