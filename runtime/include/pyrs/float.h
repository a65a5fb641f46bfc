/* pyrs/float.h: internal float helpers of the numbers files (pystrtod.c, floatobject.c,
 * complexobject.c, formatter_number.c). Not seen by C extensions. */
#ifndef PYRS_FLOAT_H
#define PYRS_FLOAT_H

#include "Python.h"

/* The shortest decimal digits that read back as x (finite, >= 0), as CPython's repr picks
 * them: writes the digits (no point, no trailing zeros, at most 17) to digits and returns
 * their count; *decpt is the point position (value = 0.DIGITS * 10**decpt). Never fails. */
int pyrs_dtoa_shortest(double x, char *digits, int *decpt);

/* Parses the longest float literal at the start of s[0..len) (sign, digits with '.', exponent,
 * inf/infinity/nan; underscores between digits when underscores != 0; no whitespace).
 * Returns the characters consumed (0 when none) with *out, or -1 on MemoryError (not set). */
Py_ssize_t pyrs_float_parse_prefix(const char *s, Py_ssize_t len, int underscores, double *out);

/* float(text): s[0..len) with surrounding whitespace. 1 with *out when valid, 0 when not
 * (no exception set), -1 with MemoryError. */
PYRS_MUST_CHECK int pyrs_float_from_text(const char *s, Py_ssize_t len, double *out);

/* float(x) for one argument (CPython's PyNumber_Float): a new exact float, NULL with
 * TypeError/ValueError. May run Python code (__float__, __index__). */
PyObject *pyrs_float_from_object(PyObject *x);

/* CPython's Py_ISSPACE: the ASCII whitespace int(), float() and complex() strip. */
static inline int
pyrs_float_isspace(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The text of a str for number parsing, as CPython's _PyUnicode_TransformDecimalAndSpaceToASCII:
 * non-ASCII whitespace becomes ' ', Unicode decimal digits their ASCII digit, and the text
 * ends with '?' at the first other non-ASCII character. A PyMem buffer (NUL-terminated) the
 * caller frees with PyMem_Free, its length in *len; NULL with MemoryError. */
char *pyrs_float_ascii_text(PyObject *u, Py_ssize_t *len);

#endif /* PYRS_FLOAT_H */
