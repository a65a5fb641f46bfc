/* mysnprintf.c: PyOS_snprintf/PyOS_vsnprintf (always NUL-terminated, as CPython guarantees)
 * and the ASCII case-insensitive comparisons extensions use (PyOS_mystrnicmp, ...). */
#include <ctype.h>
#include <stdio.h>

#include "pystrcmp.h"

int
PyOS_vsnprintf(char *str, size_t size, const char *format, va_list va)
{
    if (size == 0) {
        return vsnprintf(NULL, 0, format, va);
    }
    int len = vsnprintf(str, size, format, va);
    str[size - 1] = '\0';
    return len;
}

int
PyOS_snprintf(char *str, size_t size, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    int len = PyOS_vsnprintf(str, size, format, va);
    va_end(va);
    return len;
}

int
PyOS_mystrnicmp(const char *a, const char *b, Py_ssize_t size)
{
    for (; size > 0; size--, a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb || ca == '\0') {
            return ca - cb;
        }
    }
    return 0;
}

int
PyOS_mystricmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb || ca == '\0') {
            return ca - cb;
        }
    }
}
