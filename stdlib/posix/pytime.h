/* stdlib/posix/pytime.h: CPython 3.11's _PyTime API (cpython/pytime.h), which lib-dynload
 * modules (_socket, _ssl, _queue, ...) import: _PyTime_t nanosecond timestamps, conversions
 * from Python numbers with explicit rounding, and the system/monotonic/perf clocks.
 * Implemented in stdlib/posix/pytime.c. */
#ifndef PYRS_PYTIME_H
#define PYRS_PYTIME_H

#include <sys/time.h>
#include <time.h>

#include "Python.h"

typedef int64_t _PyTime_t;
#define _PyTime_MIN INT64_MIN
#define _PyTime_MAX INT64_MAX

typedef enum {
    _PyTime_ROUND_FLOOR = 0,     /* towards minus infinity */
    _PyTime_ROUND_CEILING = 1,   /* towards plus infinity */
    _PyTime_ROUND_HALF_EVEN = 2, /* nearest, ties to even */
    _PyTime_ROUND_UP = 3,        /* away from zero */
    _PyTime_ROUND_TIMEOUT = _PyTime_ROUND_UP
} _PyTime_round_t;

/* Conversions between Python numbers and time_t / timeval / timespec parts: 0, or -1 with
 * OverflowError ("timestamp out of range for platform time_t"), ValueError for NaN, TypeError
 * for non-numbers. (_PyLong_FromTime_t is in runtime/longobject.c.) */
PyAPI_FUNC(time_t) _PyLong_AsTime_t(PyObject *obj);
PyAPI_FUNC(int) _PyTime_ObjectToTime_t(PyObject *obj, time_t *sec, _PyTime_round_t round);
PyAPI_FUNC(int) _PyTime_ObjectToTimeval(PyObject *obj, time_t *sec, long *usec,
                                        _PyTime_round_t round);
PyAPI_FUNC(int) _PyTime_ObjectToTimespec(PyObject *obj, time_t *sec, long *nsec,
                                         _PyTime_round_t round);

/* _PyTime_t from seconds, nanoseconds or milliseconds (objects: 0 or -1 with an exception). */
PyAPI_FUNC(_PyTime_t) _PyTime_FromSeconds(int seconds);
PyAPI_FUNC(_PyTime_t) _PyTime_FromNanoseconds(_PyTime_t ns);
PyAPI_FUNC(int) _PyTime_FromNanosecondsObject(_PyTime_t *t, PyObject *obj);
PyAPI_FUNC(int) _PyTime_FromSecondsObject(_PyTime_t *t, PyObject *obj, _PyTime_round_t round);
PyAPI_FUNC(int) _PyTime_FromMillisecondsObject(_PyTime_t *t, PyObject *obj, _PyTime_round_t round);
PyAPI_FUNC(int) _PyTime_FromTimespec(_PyTime_t *tp, struct timespec *ts);
PyAPI_FUNC(int) _PyTime_FromTimeval(_PyTime_t *tp, struct timeval *tv);

/* _PyTime_t to other units; the _clamp forms saturate instead of raising OverflowError. */
PyAPI_FUNC(double) _PyTime_AsSecondsDouble(_PyTime_t t);
PyAPI_FUNC(_PyTime_t) _PyTime_AsMilliseconds(_PyTime_t t, _PyTime_round_t round);
PyAPI_FUNC(_PyTime_t) _PyTime_AsMicroseconds(_PyTime_t t, _PyTime_round_t round);
PyAPI_FUNC(_PyTime_t) _PyTime_AsNanoseconds(_PyTime_t t);
PyAPI_FUNC(PyObject *) _PyTime_AsNanosecondsObject(_PyTime_t t);
PyAPI_FUNC(int) _PyTime_AsTimeval(_PyTime_t t, struct timeval *tv, _PyTime_round_t round);
PyAPI_FUNC(void) _PyTime_AsTimeval_clamp(_PyTime_t t, struct timeval *tv, _PyTime_round_t round);
PyAPI_FUNC(int) _PyTime_AsTimevalTime_t(_PyTime_t t, time_t *secs, int *us, _PyTime_round_t round);
PyAPI_FUNC(int) _PyTime_AsTimespec(_PyTime_t t, struct timespec *ts);
PyAPI_FUNC(void) _PyTime_AsTimespec_clamp(_PyTime_t t, struct timespec *ts);

/* Saturating arithmetic and the clocks (never fail). */
PyAPI_FUNC(_PyTime_t) _PyTime_Add(_PyTime_t t1, _PyTime_t t2);
PyAPI_FUNC(_PyTime_t) _PyTime_MulDiv(_PyTime_t ticks, _PyTime_t mul, _PyTime_t div);
PyAPI_FUNC(_PyTime_t) _PyTime_GetSystemClock(void);
PyAPI_FUNC(_PyTime_t) _PyTime_GetMonotonicClock(void);
PyAPI_FUNC(_PyTime_t) _PyTime_GetPerfCounter(void);
PyAPI_FUNC(_PyTime_t) _PyDeadline_Init(_PyTime_t timeout);
PyAPI_FUNC(_PyTime_t) _PyDeadline_Get(_PyTime_t deadline);

/* Thread-safe localtime/gmtime: 0, or -1 with OSError/OverflowError. */
PyAPI_FUNC(int) _PyTime_localtime(time_t t, struct tm *tm);
PyAPI_FUNC(int) _PyTime_gmtime(time_t t, struct tm *tm);

#endif /* PYRS_PYTIME_H */
