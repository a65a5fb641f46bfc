/* pyrs/long.h: internal int helpers shared by the numbers files (longobject.c, floatobject.c,
 * formatter_number.c) and by sys (int_max_str_digits). Not seen by C extensions. */
#ifndef PYRS_LONG_H
#define PYRS_LONG_H

#include "Python.h"

/* CPython's default sys.int_info.default_max_str_digits and the smallest nonzero limit. */
#define PYRS_LONG_DEFAULT_MAX_STR_DIGITS   4300
#define PYRS_LONG_MAX_STR_DIGITS_THRESHOLD 640

/* sys.get_int_max_str_digits(): the current limit (0 means unlimited). */
int pyrs_long_get_max_str_digits(void);
/* sys.set_int_max_str_digits(n): 0, or -1 with ValueError ("maxdigits must be 0 or larger
 * than 640") when 0 < n < 640 or n < 0. */
PYRS_MUST_CHECK int pyrs_long_set_max_str_digits(Py_ssize_t n);

/* int(x) for one argument, CPython 3.11's PyNumber_Long: __int__, __index__, __trunc__ (with
 * its DeprecationWarning), str, bytes, bytearray. New reference (exact int unless __int__
 * returned a subclass, which warns), NULL with an exception. May run Python code. */
PyObject *pyrs_long_from_object(PyObject *x);

/* int(s, base) of the text s[0..len): whitespace, sign, prefixes, underscores and the
 * int_max_str_digits limit as CPython; orig (may be NULL) is repr'd in the ValueError.
 * New reference or NULL with ValueError. */
PyObject *pyrs_long_from_text(const char *s, Py_ssize_t len, int base, PyObject *orig);

/* str(v) in base 2, 8, 10 or 16; alternate adds the 0b/0o/0x prefix. Base 10 honours the
 * int_max_str_digits limit (ValueError). New reference or NULL. */
PyObject *pyrs_long_to_text(PyObject *v, int base, int alternate);

/* Rich comparison of a float value with an int object, exactly (no rounding): -1, 0 or 1
 * for v < w, ==, >; v must not be NaN. Never fails. */
int pyrs_long_compare_double(double v, PyObject *w);

/* Exact rational a/b of two ints correctly rounded to a double: 0 and *out on success, -1 with
 * ZeroDivisionError ("division by zero") or OverflowError. */
PYRS_MUST_CHECK int pyrs_long_true_divide(PyObject *a, PyObject *b, double *out);

/* hash(v) of an int object; never fails. */
Py_hash_t pyrs_long_hash(PyObject *v);

#endif /* PYRS_LONG_H */
