/* stdlib/posix/pytime.c: the _PyTime API of CPython 3.11 (see pytime.h): signed 64-bit
 * nanosecond timestamps, conversions from Python ints/floats under the four rounding modes,
 * timeval/timespec conversions, saturating arithmetic and the clocks. Error messages are
 * CPython's ("timestamp out of range for platform time_t", "timestamp too large to convert
 * to C _PyTime_t", "Invalid value NaN (not a number)"). */
#define _GNU_SOURCE 1
#include "pytime.h"

#include <errno.h>
#include <math.h>

#define NS_PER_SEC 1000000000LL

static void
time_t_overflow(void)
{
    PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
}

static void
pytime_overflow(void)
{
    PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
}

static int
check_nan(double d)
{
    if (isnan(d)) {
        PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
        return -1;
    }
    return 0;
}

/* X rounded to an integral double by ROUND. */
static double
round_double(double x, _PyTime_round_t round)
{
    switch (round) {
    case _PyTime_ROUND_HALF_EVEN:
        return nearbyint(x); /* the default FP mode rounds ties to even */
    case _PyTime_ROUND_CEILING:
        return ceil(x);
    case _PyTime_ROUND_FLOOR:
        return floor(x);
    default:
        return x >= 0 ? ceil(x) : floor(x);
    }
}

/* T / K with ROUND applied to the remainder (K > 0). */
static _PyTime_t
divide(_PyTime_t t, _PyTime_t k, _PyTime_round_t round)
{
    _PyTime_t q = t / k, r = t % k;
    if (r == 0) {
        return q;
    }
    switch (round) {
    case _PyTime_ROUND_FLOOR:
        return r < 0 ? q - 1 : q;
    case _PyTime_ROUND_CEILING:
        return r > 0 ? q + 1 : q;
    case _PyTime_ROUND_HALF_EVEN: {
        _PyTime_t twice = (r < 0 ? -r : r) * 2;
        if (twice > k || (twice == k && (q & 1))) {
            return t >= 0 ? q + 1 : q - 1;
        }
        return q;
    }
    default:
        return t >= 0 ? q + 1 : q - 1;
    }
}

time_t
_PyLong_AsTime_t(PyObject *obj)
{
    long long v = PyLong_AsLongLong(obj);
    if (v == -1 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            time_t_overflow();
        }
        return (time_t)-1;
    }
    return (time_t)v;
}

/* Splits OBJ into whole seconds and a numerator over DENOMINATOR. */
static int
object_to_denominator(PyObject *obj, time_t *sec, long *numerator, double denominator,
                      _PyTime_round_t round)
{
    if (!PyFloat_Check(obj)) {
        *sec = _PyLong_AsTime_t(obj);
        *numerator = 0;
        return *sec == (time_t)-1 && PyErr_Occurred() ? -1 : 0;
    }
    double d = PyFloat_AsDouble(obj), intpart;
    if (check_nan(d) < 0) {
        return -1;
    }
    double frac = round_double(modf(d, &intpart) * denominator, round);
    if (frac >= denominator) {
        frac -= denominator;
        intpart += 1.0;
    } else if (frac < 0) {
        frac += denominator;
        intpart -= 1.0;
    }
    if (!(intpart >= -9223372036854775808.0 && intpart < 9223372036854775808.0)) {
        time_t_overflow();
        return -1;
    }
    *sec = (time_t)intpart;
    *numerator = (long)frac;
    return 0;
}

int
_PyTime_ObjectToTime_t(PyObject *obj, time_t *sec, _PyTime_round_t round)
{
    if (!PyFloat_Check(obj)) {
        *sec = _PyLong_AsTime_t(obj);
        return *sec == (time_t)-1 && PyErr_Occurred() ? -1 : 0;
    }
    double d = PyFloat_AsDouble(obj);
    if (check_nan(d) < 0) {
        return -1;
    }
    d = round_double(d, round);
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
        time_t_overflow();
        return -1;
    }
    *sec = (time_t)d;
    return 0;
}

int
_PyTime_ObjectToTimeval(PyObject *obj, time_t *sec, long *usec, _PyTime_round_t round)
{
    return object_to_denominator(obj, sec, usec, 1e6, round);
}

int
_PyTime_ObjectToTimespec(PyObject *obj, time_t *sec, long *nsec, _PyTime_round_t round)
{
    return object_to_denominator(obj, sec, nsec, 1e9, round);
}

_PyTime_t
_PyTime_FromSeconds(int seconds)
{
    return (_PyTime_t)seconds * NS_PER_SEC;
}

_PyTime_t
_PyTime_FromNanoseconds(_PyTime_t ns)
{
    return ns;
}

int
_PyTime_FromNanosecondsObject(_PyTime_t *t, PyObject *obj)
{
    if (!PyLong_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "expect int, got %s", Py_TYPE(obj)->tp_name);
        return -1;
    }
    long long v = PyLong_AsLongLong(obj);
    if (v == -1 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            pytime_overflow();
        }
        return -1;
    }
    *t = v;
    return 0;
}

/* OBJ counted in units of UNIT nanoseconds. */
static int
from_object(_PyTime_t *t, PyObject *obj, _PyTime_round_t round, long long unit)
{
    if (PyFloat_Check(obj)) {
        double d = PyFloat_AsDouble(obj);
        if (check_nan(d) < 0) {
            return -1;
        }
        d = round_double(d * (double)unit, round);
        if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
            pytime_overflow();
            return -1;
        }
        *t = (_PyTime_t)d;
        return 0;
    }
    long long v = PyLong_AsLongLong(obj);
    if (v == -1 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            pytime_overflow();
        }
        return -1;
    }
    if (__builtin_mul_overflow(v, unit, t)) {
        pytime_overflow();
        return -1;
    }
    return 0;
}

int
_PyTime_FromSecondsObject(_PyTime_t *t, PyObject *obj, _PyTime_round_t round)
{
    return from_object(t, obj, round, NS_PER_SEC);
}

int
_PyTime_FromMillisecondsObject(_PyTime_t *t, PyObject *obj, _PyTime_round_t round)
{
    return from_object(t, obj, round, 1000000LL);
}

int
_PyTime_FromTimespec(_PyTime_t *tp, struct timespec *ts)
{
    _PyTime_t t;
    if (__builtin_mul_overflow((_PyTime_t)ts->tv_sec, NS_PER_SEC, &t) ||
        __builtin_add_overflow(t, (_PyTime_t)ts->tv_nsec, &t)) {
        pytime_overflow();
        return -1;
    }
    *tp = t;
    return 0;
}

int
_PyTime_FromTimeval(_PyTime_t *tp, struct timeval *tv)
{
    _PyTime_t t;
    if (__builtin_mul_overflow((_PyTime_t)tv->tv_sec, NS_PER_SEC, &t) ||
        __builtin_add_overflow(t, (_PyTime_t)tv->tv_usec * 1000, &t)) {
        pytime_overflow();
        return -1;
    }
    *tp = t;
    return 0;
}

double
_PyTime_AsSecondsDouble(_PyTime_t t)
{
    if (t % NS_PER_SEC == 0) {
        return (double)(t / NS_PER_SEC);
    }
    return (double)t / 1e9;
}

_PyTime_t
_PyTime_AsMilliseconds(_PyTime_t t, _PyTime_round_t round)
{
    return divide(t, 1000000, round);
}

_PyTime_t
_PyTime_AsMicroseconds(_PyTime_t t, _PyTime_round_t round)
{
    return divide(t, 1000, round);
}

_PyTime_t
_PyTime_AsNanoseconds(_PyTime_t t)
{
    return t;
}

PyObject *
_PyTime_AsNanosecondsObject(_PyTime_t t)
{
    return PyLong_FromLongLong(t);
}

/* Whole seconds and a non-negative remainder of T counted in units of 1/PER. */
static void
split(_PyTime_t t, _PyTime_t per, time_t *sec, long *rest)
{
    _PyTime_t s = t / per, r = t % per;
    if (r < 0) {
        r += per;
        s -= 1;
    }
    *sec = (time_t)s;
    *rest = (long)r;
}

int
_PyTime_AsTimeval(_PyTime_t t, struct timeval *tv, _PyTime_round_t round)
{
    long usec;
    split(divide(t, 1000, round), 1000000, &tv->tv_sec, &usec);
    tv->tv_usec = (suseconds_t)usec;
    return 0;
}

void
_PyTime_AsTimeval_clamp(_PyTime_t t, struct timeval *tv, _PyTime_round_t round)
{
    (void)_PyTime_AsTimeval(t, tv, round);
}

int
_PyTime_AsTimevalTime_t(_PyTime_t t, time_t *secs, int *us, _PyTime_round_t round)
{
    long usec;
    split(divide(t, 1000, round), 1000000, secs, &usec);
    *us = (int)usec;
    return 0;
}

int
_PyTime_AsTimespec(_PyTime_t t, struct timespec *ts)
{
    split(t, NS_PER_SEC, &ts->tv_sec, &ts->tv_nsec);
    return 0;
}

void
_PyTime_AsTimespec_clamp(_PyTime_t t, struct timespec *ts)
{
    split(t, NS_PER_SEC, &ts->tv_sec, &ts->tv_nsec);
}

_PyTime_t
_PyTime_Add(_PyTime_t t1, _PyTime_t t2)
{
    _PyTime_t r;
    if (__builtin_add_overflow(t1, t2, &r)) {
        return t2 > 0 ? _PyTime_MAX : _PyTime_MIN;
    }
    return r;
}

_PyTime_t
_PyTime_MulDiv(_PyTime_t ticks, _PyTime_t mul, _PyTime_t div)
{
    /* ticks * mul / div without overflowing the intermediate product. */
    _PyTime_t intpart = ticks / div, rem = ticks % div, r;
    if (__builtin_mul_overflow(intpart, mul, &r)) {
        return (ticks > 0) == (mul > 0) ? _PyTime_MAX : _PyTime_MIN;
    }
    return _PyTime_Add(r, rem * mul / div);
}

static _PyTime_t
clock_now(clockid_t id)
{
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0) {
        return 0;
    }
    return (_PyTime_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

_PyTime_t
_PyTime_GetSystemClock(void)
{
    return clock_now(CLOCK_REALTIME);
}

_PyTime_t
_PyTime_GetMonotonicClock(void)
{
    return clock_now(CLOCK_MONOTONIC);
}

_PyTime_t
_PyTime_GetPerfCounter(void)
{
    return clock_now(CLOCK_MONOTONIC);
}

_PyTime_t
_PyDeadline_Init(_PyTime_t timeout)
{
    return _PyTime_Add(_PyTime_GetMonotonicClock(), timeout);
}

_PyTime_t
_PyDeadline_Get(_PyTime_t deadline)
{
    return deadline - _PyTime_GetMonotonicClock();
}

int
_PyTime_localtime(time_t t, struct tm *tm)
{
    errno = 0;
    if (localtime_r(&t, tm) == NULL) {
        if (errno == 0) {
            errno = EINVAL;
        }
        PyErr_SetFromErrno(PyExc_OSError);
        return -1;
    }
    return 0;
}

int
_PyTime_gmtime(time_t t, struct tm *tm)
{
    if (gmtime_r(&t, tm) == NULL) {
        if (errno == 0) {
            errno = EINVAL;
        }
        PyErr_SetFromErrno(PyExc_OSError);
        return -1;
    }
    return 0;
}
