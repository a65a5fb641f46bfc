/* pyrs/port.h: compiler and platform markers shared by every runtime file.
 * Internal header (never seen by C extensions). */
#ifndef PYRS_PORT_H
#define PYRS_PORT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Export marker for the C-API names on the export list; everything else is hidden
 * because the whole runtime is built with -fvisibility=hidden. */
#define PyAPI_FUNC(RTYPE) __attribute__((visibility("default"))) RTYPE
#define PyAPI_DATA(RTYPE) extern __attribute__((visibility("default"))) RTYPE

#define PYRS_MUST_CHECK   __attribute__((warn_unused_result))
#define PYRS_NOINLINE     __attribute__((noinline))
#define PYRS_NORETURN     __attribute__((noreturn))
#define PYRS_UNUSED       __attribute__((unused))
#define PYRS_LIKELY(x)    __builtin_expect(!!(x), 1)
#define PYRS_UNLIKELY(x)  __builtin_expect(!!(x), 0)

/* Defensive checks that must survive release builds (SQLite's ALWAYS/NEVER). */
#ifndef NDEBUG
#include <assert.h>
#define PYRS_ALWAYS(x) (assert(x), 1)
#define PYRS_NEVER(x)  (assert(!(x)), 0)
#else
#define PYRS_ALWAYS(x) (x)
#define PYRS_NEVER(x)  (x)
#endif

/* Feature and debug switches are always defined to 0 or 1 (checked by -Wundef). */
#ifndef PYRS_DEBUG_CHECKS
#ifdef NDEBUG
#define PYRS_DEBUG_CHECKS 0
#else
#define PYRS_DEBUG_CHECKS 1
#endif
#endif

typedef ssize_t Py_ssize_t;
typedef Py_ssize_t Py_hash_t;
typedef size_t Py_uhash_t;
typedef uint32_t Py_UCS4;
typedef uint16_t Py_UCS2;
typedef uint8_t Py_UCS1;
typedef wchar_t Py_UNICODE;

#define PY_SSIZE_T_MAX         ((Py_ssize_t)(((size_t)-1) >> 1))
#define PY_SSIZE_T_MIN         (-PY_SSIZE_T_MAX - 1)

#define Py_MIN(x, y)           (((x) > (y)) ? (y) : (x))
#define Py_MAX(x, y)           (((x) > (y)) ? (x) : (y))
#define Py_ABS(x)              ((x) < 0 ? -(x) : (x))
#define Py_ARRAY_LENGTH(array) (sizeof(array) / sizeof((array)[0]))
#define Py_UNUSED(name)        _unused_##name PYRS_UNUSED

/* pyrs_fatal: corrupted internal state only, never reachable from user input. */
void pyrs_fatal(const char *msg) PYRS_NORETURN;

#endif /* PYRS_PORT_H */
