/* pystrcmp.h / snprintf: CPython's small portable string helpers (mysnprintf.c). */
#ifndef PYRS_PYSTRCMP_H
#define PYRS_PYSTRCMP_H

#include <stdarg.h>

#include "pyrs/port.h"

/* snprintf that always NUL-terminates (when SIZE > 0); returns what vsnprintf returns. */
PyAPI_FUNC(int) PyOS_snprintf(char *str, size_t size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
PyAPI_FUNC(int) PyOS_vsnprintf(char *str, size_t size, const char *format, va_list va)
    __attribute__((format(printf, 3, 0)));
/* ASCII case-insensitive comparisons (of at most SIZE bytes for the n-form). */
PyAPI_FUNC(int) PyOS_mystrnicmp(const char *a, const char *b, Py_ssize_t size);
PyAPI_FUNC(int) PyOS_mystricmp(const char *a, const char *b);

#endif /* PYRS_PYSTRCMP_H */
