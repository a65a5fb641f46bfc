/* pystrtod.h: CPython 3.11's locale-independent string <-> double conversions
 * (PyOS_string_to_double, PyOS_double_to_string), implemented in runtime/pystrtod.c. */
#ifndef PYRS_PYSTRTOD_H
#define PYRS_PYSTRTOD_H

#include <math.h>

#include "object.h"

/* Parses a double from s (no leading whitespace, no underscores). With endptr NULL the whole
 * string must be consumed. Returns -1.0 with ValueError (bad syntax) or overflow_exception
 * (|value| too large; with overflow_exception NULL, +-HUGE_VAL is returned). */
PyAPI_FUNC(double) PyOS_string_to_double(const char *s, char **endptr,
                                         PyObject *overflow_exception);
/* Formats val with format_code 'e','E','f','F','g','G' or 'r' (repr, precision 0) into a
 * PyMem_Malloc'ed string the caller frees with PyMem_Free; NULL with MemoryError. *type gets
 * Py_DTST_FINITE/INFINITE/NAN when type is not NULL. */
PyAPI_FUNC(char *) PyOS_double_to_string(double val, char format_code, int precision, int flags,
                                         int *type);

/* Python/mystrtoul.c's parsers: C strtoul/strtol accepting the 0x/0o/0b prefixes; errno is
 * ERANGE on overflow. */
PyAPI_FUNC(unsigned long) PyOS_strtoul(const char *str, char **ptr, int base);
PyAPI_FUNC(long) PyOS_strtol(const char *str, char **ptr, int base);

#define Py_DTSF_SIGN      0x01 /* always add the sign */
#define Py_DTSF_ADD_DOT_0 0x02 /* if the result is an integer add ".0" */
#define Py_DTSF_ALT       0x04 /* "alternate" formatting (keep trailing zeros and the dot) */
#define Py_DTSF_NO_NEG_0  0x08 /* negative zero becomes zero */

#define Py_DTST_FINITE    0
#define Py_DTST_INFINITE  1
#define Py_DTST_NAN       2

/* pymath.h's helpers (guarded: another header may define them too). */
#ifndef Py_HUGE_VAL
#define Py_HUGE_VAL HUGE_VAL
#endif
#ifndef Py_NAN
#define Py_NAN ((double)NAN)
#endif
#ifndef Py_IS_NAN
#define Py_IS_NAN(X) isnan(X)
#endif
#ifndef Py_IS_INFINITY
#define Py_IS_INFINITY(X) isinf(X)
#endif
#ifndef Py_IS_FINITE
#define Py_IS_FINITE(X) isfinite(X)
#endif

#endif /* PYRS_PYSTRTOD_H */
