/* stdlib/timemodule.c: the time module: clocks (time, monotonic, perf_counter, process_time,
 * thread_time and their _ns forms, clock_gettime/settime/getres), sleep, struct_time with
 * tm_zone/tm_gmtoff, gmtime/localtime/mktime/asctime/ctime/strftime, strptime (delegated to
 * _strptime.py as CPython does), timezone/altzone/daylight/tzname, get_clock_info. */
#define _GNU_SOURCE 1
#include "Python.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <time.h>

#include "posix/osutil.h"
#include "posix/ossignal.h"
#include "posix/pytime.h"
#include "pyrs/sys.h"

static PyTypeObject *struct_time_type;

static PyStructSequence_Field struct_time_fields[] = {
    {"tm_year", "year, for example, 1993"},
    {"tm_mon", "month of year, range [1, 12]"},
    {"tm_mday", "day of month, range [1, 31]"},
    {"tm_hour", "hours, range [0, 23]"},
    {"tm_min", "minutes, range [0, 59]"},
    {"tm_sec", "seconds, range [0, 61])"},
    {"tm_wday", "day of week, range [0, 6], Monday is 0"},
    {"tm_yday", "day of year, range [1, 366]"},
    {"tm_isdst", "1 if summer time is in effect, 0 if not, and -1 if unknown"},
    {"tm_zone", "abbreviation of timezone name"},
    {"tm_gmtoff", "offset from UTC in seconds"},
    {NULL, NULL},
};

static PyStructSequence_Desc struct_time_desc = {
    "time.struct_time",
    "The time value as returned by gmtime(), localtime(), and strptime(), and\n"
    " accepted by asctime(), mktime() and strftime().  May be considered as a\n"
    " sequence of 9 integers.",
    struct_time_fields,
    9,
};

/* ---- clocks ---- */

static int
read_clock(clockid_t id, struct timespec *ts)
{
    if (clock_gettime(id, ts) != 0) {
        PyErr_SetFromErrno(PyExc_OSError);
        return -1;
    }
    return 0;
}

static PyObject *
clock_float(clockid_t id)
{
    struct timespec ts;
    if (read_clock(id, &ts) < 0) {
        return NULL;
    }
    return PyFloat_FromDouble((double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}

static PyObject *
clock_ns(clockid_t id)
{
    struct timespec ts;
    if (read_clock(id, &ts) < 0) {
        return NULL;
    }
    return PyLong_FromLongLong((long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
}

#define CLOCK_FUNCS(NAME, ID)                                                                      \
    static PyObject *time_##NAME(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))                   \
    {                                                                                              \
        return clock_float(ID);                                                                    \
    }                                                                                              \
    static PyObject *time_##NAME##_ns(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))              \
    {                                                                                              \
        return clock_ns(ID);                                                                       \
    }

CLOCK_FUNCS(time, CLOCK_REALTIME)
CLOCK_FUNCS(monotonic, CLOCK_MONOTONIC)
CLOCK_FUNCS(perf_counter, CLOCK_MONOTONIC)
CLOCK_FUNCS(process_time, CLOCK_PROCESS_CPUTIME_ID)
CLOCK_FUNCS(thread_time, CLOCK_THREAD_CPUTIME_ID)

static int
clock_id_arg(PyObject *obj, clockid_t *id)
{
    int v = _PyLong_AsInt(obj);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *id = (clockid_t)v;
    return 0;
}

static PyObject *
time_clock_gettime(PyObject *Py_UNUSED(m), PyObject *arg)
{
    clockid_t id;
    return clock_id_arg(arg, &id) < 0 ? NULL : clock_float(id);
}

static PyObject *
time_clock_gettime_ns(PyObject *Py_UNUSED(m), PyObject *arg)
{
    clockid_t id;
    return clock_id_arg(arg, &id) < 0 ? NULL : clock_ns(id);
}

static PyObject *
time_clock_getres(PyObject *Py_UNUSED(m), PyObject *arg)
{
    clockid_t id;
    struct timespec ts;
    if (clock_id_arg(arg, &id) < 0) {
        return NULL;
    }
    if (clock_getres(id, &ts) != 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return PyFloat_FromDouble((double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}

static PyObject *
settime(PyObject *const *args, Py_ssize_t nargs, const char *name, int ns)
{
    clockid_t id;
    struct timespec ts;
    if (!_PyArg_CheckPositional(name, nargs, 2, 2) || clock_id_arg(args[0], &id) < 0) {
        return NULL;
    }
    if (ns) {
        long long v = PyLong_AsLongLong(args[1]);
        if (v == -1 && PyErr_Occurred()) {
            return NULL;
        }
        ts.tv_sec = (time_t)(v / 1000000000LL);
        ts.tv_nsec = (long)(v % 1000000000LL);
    } else {
        double d = PyFloat_AsDouble(args[1]);
        if (d == -1.0 && PyErr_Occurred()) {
            return NULL;
        }
        ts.tv_sec = (time_t)floor(d);
        ts.tv_nsec = (long)((d - floor(d)) * 1e9);
    }
    if (clock_settime(id, &ts) != 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    Py_RETURN_NONE;
}

static PyObject *
time_clock_settime(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return settime(args, nargs, "clock_settime", 0);
}

static PyObject *
time_clock_settime_ns(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return settime(args, nargs, "clock_settime_ns", 1);
}

static PyObject *
time_pthread_getcpuclockid(PyObject *Py_UNUSED(m), PyObject *arg)
{
    unsigned long tid = PyLong_AsUnsignedLong(arg);
    if (tid == (unsigned long)-1 && PyErr_Occurred()) {
        return NULL;
    }
    clockid_t id;
    int err = pthread_getcpuclockid((pthread_t)tid, &id);
    if (err != 0) {
        errno = err;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return PyLong_FromLong((long)id);
}

/* ---- sleep ---- */

static PyObject *
time_sleep(PyObject *Py_UNUSED(m), PyObject *arg)
{
    _PyTime_t secs;
    if (_PyTime_FromSecondsObject(&secs, arg, _PyTime_ROUND_TIMEOUT) < 0) {
        return NULL;
    }
    if (secs < 0) {
        PyErr_SetString(PyExc_ValueError, "sleep length must be non-negative");
        return NULL;
    }
    struct timespec deadline;
    _PyTime_AsTimespec_clamp(_PyDeadline_Init(secs), &deadline);
    for (;;) {
        int err;
        Py_BEGIN_ALLOW_THREADS;
        err = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL);
        Py_END_ALLOW_THREADS;
        if (err == 0) {
            break;
        }
        if (err != EINTR) {
            errno = err;
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        /* PEP 475: run the handlers, then sleep until the same deadline. */
        if (pyrs_signal_run_handlers() < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

/* ---- struct_time conversions ---- */

/* time_t from a timestamp argument, flooring floats; None or NULL means now. */
static int
time_t_arg(PyObject *obj, time_t *out)
{
    if (obj == NULL || obj == Py_None) {
        *out = time(NULL);
        return 0;
    }
    return _PyTime_ObjectToTime_t(obj, out, _PyTime_ROUND_FLOOR);
}

static PyObject *
struct_time_from(const struct tm *tm)
{
    PyObject *res = PyStructSequence_New(struct_time_type);
    if (res == NULL) {
        return NULL;
    }
    long v[9] = {tm->tm_year + 1900L,   tm->tm_mon + 1L,  tm->tm_mday,
                 tm->tm_hour,           tm->tm_min,       tm->tm_sec,
                 (tm->tm_wday + 6) % 7, tm->tm_yday + 1L, tm->tm_isdst};
    int failed = 0;
    for (int i = 0; i < 9; i++) {
        PyObject *o = PyLong_FromLong(v[i]);
        failed |= o == NULL;
        PyStructSequence_SET_ITEM(res, i, o != NULL ? o : Py_NewRef(Py_None));
    }
    PyObject *zone = tm->tm_zone != NULL ? PyUnicode_DecodeLocale(tm->tm_zone, "surrogateescape")
                                         : Py_NewRef(Py_None);
    PyObject *off = PyLong_FromLong(tm->tm_gmtoff);
    failed |= zone == NULL || off == NULL;
    PyStructSequence_SET_ITEM(res, 9, zone != NULL ? zone : Py_NewRef(Py_None));
    PyStructSequence_SET_ITEM(res, 10, off != NULL ? off : Py_NewRef(Py_None));
    if (failed) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

static PyObject *
time_gmtime(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    time_t t;
    struct tm tm;
    if (!_PyArg_CheckPositional("gmtime", nargs, 0, 1) ||
        time_t_arg(nargs ? args[0] : NULL, &t) < 0) {
        return NULL;
    }
    errno = 0;
    if (gmtime_r(&t, &tm) == NULL) {
        if (errno == 0 || errno == EOVERFLOW) {
            PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
            return NULL;
        }
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return struct_time_from(&tm);
}

static int
local_tm(time_t t, struct tm *tm)
{
    errno = 0;
    if (localtime_r(&t, tm) == NULL) {
        if (errno == 0 || errno == EOVERFLOW) {
            PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
        } else {
            PyErr_SetFromErrno(PyExc_OSError);
        }
        return -1;
    }
    return 0;
}

static PyObject *
time_localtime(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    time_t t;
    struct tm tm;
    if (!_PyArg_CheckPositional("localtime", nargs, 0, 1) ||
        time_t_arg(nargs ? args[0] : NULL, &t) < 0 || local_tm(t, &tm) < 0) {
        return NULL;
    }
    return struct_time_from(&tm);
}

static int
tuple_int(PyObject *obj, int *out)
{
    long v = PyLong_AsLong(obj);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (v > INT_MAX || v < INT_MIN) {
        PyErr_SetString(PyExc_OverflowError, v > INT_MAX ? "signed integer is greater than maximum"
                                                         : "signed integer is less than minimum");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* CPython's gettmarg: a 9-tuple or struct_time into TM (zone fields only from struct_time).
 * ZONE_KEEP receives an owned bytes object backing tm_zone, or NULL. */
static int
tm_from_tuple(PyObject *obj, struct tm *tm, const char *func, PyObject **zone_keep)
{
    memset(tm, 0, sizeof *tm);
    *zone_keep = NULL;
    if (!PyTuple_Check(obj)) {
        PyErr_SetString(PyExc_TypeError, "Tuple or struct_time argument required");
        return -1;
    }
    if (PyTuple_GET_SIZE(obj) != 9 && !Py_IS_TYPE(obj, struct_time_type)) {
        PyErr_Format(PyExc_TypeError, "%s(): illegal time tuple argument", func);
        return -1;
    }
    int v[9];
    for (int i = 0; i < 9; i++) {
        if (tuple_int(PyTuple_GET_ITEM(obj, i), &v[i]) < 0) {
            return -1;
        }
    }
    tm->tm_year = v[0] - 1900;
    tm->tm_mon = v[1] - 1;
    tm->tm_mday = v[2];
    tm->tm_hour = v[3];
    tm->tm_min = v[4];
    tm->tm_sec = v[5];
    tm->tm_wday = (v[6] + 1) % 7;
    if (tm->tm_wday < 0) {
        PyErr_SetString(PyExc_ValueError, "day of week out of range");
        return -1;
    }
    tm->tm_yday = v[7] - 1;
    tm->tm_isdst = v[8];
    if (Py_IS_TYPE(obj, struct_time_type)) {
        PyObject *zone = PyStructSequence_GET_ITEM(obj, 9);
        PyObject *off = PyStructSequence_GET_ITEM(obj, 10);
        if (zone != Py_None) {
            *zone_keep = PyUnicode_EncodeLocale(zone, "surrogateescape");
            if (*zone_keep == NULL) {
                return -1;
            }
            tm->tm_zone = PyBytes_AS_STRING(*zone_keep);
        }
        if (off != Py_None) {
            tm->tm_gmtoff = PyLong_AsLong(off);
            if (tm->tm_gmtoff == -1 && PyErr_Occurred()) {
                return -1;
            }
        }
    }
    return 0;
}

/* CPython's checktm with the normalisations strftime and asctime apply first. */
static int
check_tm(struct tm *tm)
{
    if (tm->tm_mon == -1) {
        tm->tm_mon = 0;
    } else if (tm->tm_mon < 0 || tm->tm_mon > 11) {
        PyErr_SetString(PyExc_ValueError, "month out of range");
        return -1;
    }
    if (tm->tm_mday == 0) {
        tm->tm_mday = 1;
    } else if (tm->tm_mday < 0 || tm->tm_mday > 31) {
        PyErr_SetString(PyExc_ValueError, "day of month out of range");
        return -1;
    }
    const char *msg = NULL;
    if (tm->tm_hour < 0 || tm->tm_hour > 23) {
        msg = "hour out of range";
    } else if (tm->tm_min < 0 || tm->tm_min > 59) {
        msg = "minute out of range";
    } else if (tm->tm_sec < 0 || tm->tm_sec > 61) {
        msg = "seconds out of range";
    }
    if (msg == NULL) {
        if (tm->tm_yday == -1) {
            tm->tm_yday = 0;
        } else if (tm->tm_yday < 0 || tm->tm_yday > 365) {
            msg = "day of year out of range";
        }
    }
    if (msg != NULL) {
        PyErr_SetString(PyExc_ValueError, msg);
        return -1;
    }
    return 0;
}

/* TM from the optional tuple argument of asctime/strftime (localtime now when absent). */
static int
tm_arg(PyObject *obj, struct tm *tm, const char *func, PyObject **zone_keep)
{
    *zone_keep = NULL;
    if (obj == NULL) {
        return local_tm(time(NULL), tm);
    }
    if (tm_from_tuple(obj, tm, func, zone_keep) < 0 || check_tm(tm) < 0) {
        Py_CLEAR(*zone_keep);
        return -1;
    }
    return 0;
}

static PyObject *
format_asctime(const struct tm *tm)
{
    static const char wday[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char mon[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return PyUnicode_FromFormat("%s %s%3d %.2d:%.2d:%.2d %d", wday[tm->tm_wday], mon[tm->tm_mon],
                                tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
                                1900 + tm->tm_year);
}

static PyObject *
time_asctime(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    struct tm tm;
    PyObject *keep;
    if (!_PyArg_CheckPositional("asctime", nargs, 0, 1) ||
        tm_arg(nargs ? args[0] : NULL, &tm, "asctime", &keep) < 0) {
        return NULL;
    }
    Py_XDECREF(keep);
    return format_asctime(&tm);
}

static PyObject *
time_ctime(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    time_t t;
    struct tm tm;
    if (!_PyArg_CheckPositional("ctime", nargs, 0, 1) ||
        time_t_arg(nargs ? args[0] : NULL, &t) < 0 || local_tm(t, &tm) < 0) {
        return NULL;
    }
    return format_asctime(&tm);
}

static PyObject *
time_mktime(PyObject *Py_UNUSED(m), PyObject *arg)
{
    struct tm tm;
    PyObject *keep;
    if (tm_from_tuple(arg, &tm, "mktime", &keep) < 0) {
        Py_XDECREF(keep);
        return NULL;
    }
    Py_XDECREF(keep);
    tm.tm_zone = NULL;
    tm.tm_wday = -1; /* stays -1 only when mktime fails */
    time_t t = mktime(&tm);
    if (t == (time_t)-1 && tm.tm_wday == -1) {
        PyErr_SetString(PyExc_OverflowError, "mktime argument out of range");
        return NULL;
    }
    return PyFloat_FromDouble((double)t);
}

/* Runs strftime with a growing buffer; CPython gives up (returning "") after 256x the
 * format's length, since an empty result is legitimate for some formats. */
static PyObject *
run_strftime(const char *fmt, size_t fmtlen, const struct tm *tm)
{
    size_t size = 1024;
    for (;;) {
        char *buf = PyMem_Malloc(size);
        if (buf == NULL) {
            return PyErr_NoMemory();
        }
        size_t n = strftime(buf, size, fmt, tm);
        if (n > 0 || size >= 256 * fmtlen) {
            PyObject *res = PyUnicode_DecodeLocale(n > 0 ? buf : "", "surrogateescape");
            PyMem_Free(buf);
            return res;
        }
        PyMem_Free(buf);
        size *= 2;
    }
}

static PyObject *
time_strftime(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    struct tm tm;
    PyObject *keep = NULL, *fmt = NULL, *res = NULL;
    if (!_PyArg_CheckPositional("strftime", nargs, 1, 2)) {
        return NULL;
    }
    if (!PyUnicode_Check(args[0])) {
        PyErr_Format(PyExc_TypeError, "strftime() argument 1 must be str, not %.50s",
                     Py_TYPE(args[0])->tp_name);
        return NULL;
    }
    if (tm_arg(nargs == 2 ? args[1] : NULL, &tm, "strftime", &keep) < 0) {
        return NULL;
    }
    if (tm.tm_isdst < -1) {
        tm.tm_isdst = -1;
    } else if (tm.tm_isdst > 1) {
        tm.tm_isdst = 1;
    }
    fmt = PyUnicode_EncodeLocale(args[0], "surrogateescape");
    if (fmt != NULL) {
        size_t len = (size_t)PyBytes_GET_SIZE(fmt);
        if (len == 0) {
            res = PyUnicode_FromString("");
        } else {
            res = run_strftime(PyBytes_AS_STRING(fmt), len, &tm);
        }
    }
    Py_XDECREF(fmt);
    Py_XDECREF(keep);
    return res;
}

static PyObject *
time_strptime(PyObject *Py_UNUSED(m), PyObject *args)
{
    PyObject *mod = PyImport_ImportModule("_strptime");
    if (mod == NULL) {
        return NULL;
    }
    PyObject *func = PyObject_GetAttrString(mod, "_strptime_time");
    Py_DECREF(mod);
    if (func == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_Call(func, args, NULL);
    Py_DECREF(func);
    return res;
}

/* ---- time zone ---- */

static int
set_zone_attrs(PyObject *m)
{
    static const time_t YEAR = (365 * 24 + 6) * 3600;
    time_t t = (time(NULL) / YEAR) * YEAR;
    struct tm jan, jul;
    if (local_tm(t, &jan) < 0 || local_tm(t + YEAR / 2, &jul) < 0) {
        return -1;
    }
    long janzone = -jan.tm_gmtoff, julzone = -jul.tm_gmtoff;
    const char *janname = jan.tm_zone != NULL ? jan.tm_zone : "";
    const char *julname = jul.tm_zone != NULL ? jul.tm_zone : "";
    int southern = janzone < julzone; /* DST is reversed in the southern hemisphere */
    long tz = southern ? julzone : janzone, alt = southern ? janzone : julzone;
    PyObject *n0 = PyUnicode_DecodeLocale(southern ? julname : janname, "surrogateescape");
    PyObject *n1 = PyUnicode_DecodeLocale(southern ? janname : julname, "surrogateescape");
    PyObject *names = n0 != NULL && n1 != NULL ? PyTuple_Pack(2, n0, n1) : NULL;
    Py_XDECREF(n0);
    Py_XDECREF(n1);
    if (names == NULL) {
        return -1;
    }
    int rc = PyModule_AddIntConstant(m, "timezone", tz) < 0 ||
                     PyModule_AddIntConstant(m, "altzone", alt) < 0 ||
                     PyModule_AddIntConstant(m, "daylight", janzone != julzone) < 0 ||
                     PyModule_AddObjectRef(m, "tzname", names) < 0
                 ? -1
                 : 0;
    Py_DECREF(names);
    return rc;
}

static PyObject *
time_tzset(PyObject *m, PyObject *Py_UNUSED(a))
{
    tzset();
    if (set_zone_attrs(m) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* ---- get_clock_info ---- */

static PyObject *
time_get_clock_info(PyObject *Py_UNUSED(m), PyObject *arg)
{
    static const struct {
        const char *name, *impl;
        clockid_t id;
        int monotonic, adjustable;
    } clocks[] = {
        {"time", "clock_gettime(CLOCK_REALTIME)", CLOCK_REALTIME, 0, 1},
        {"monotonic", "clock_gettime(CLOCK_MONOTONIC)", CLOCK_MONOTONIC, 1, 0},
        {"perf_counter", "clock_gettime(CLOCK_MONOTONIC)", CLOCK_MONOTONIC, 1, 0},
        {"process_time", "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", CLOCK_PROCESS_CPUTIME_ID, 1, 0},
        {"thread_time", "clock_gettime(CLOCK_THREAD_CPUTIME_ID)", CLOCK_THREAD_CPUTIME_ID, 1, 0},
    };
    const char *name = PyUnicode_Check(arg) ? PyUnicode_AsUTF8(arg) : NULL;
    if (name == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_TypeError, "get_clock_info() argument must be str, not %.50s",
                         Py_TYPE(arg)->tp_name);
        }
        return NULL;
    }
    for (size_t i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
        if (strcmp(clocks[i].name, name) != 0) {
            continue;
        }
        struct timespec res;
        if (clock_getres(clocks[i].id, &res) != 0) {
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        PyObject *kw = Py_BuildValue("{s:s,s:O,s:O,s:d}", "implementation", clocks[i].impl,
                                     "monotonic", clocks[i].monotonic ? Py_True : Py_False,
                                     "adjustable", clocks[i].adjustable ? Py_True : Py_False,
                                     "resolution", (double)res.tv_sec + (double)res.tv_nsec * 1e-9);
        PyObject *out = kw != NULL ? _PyNamespace_New(kw) : NULL;
        Py_XDECREF(kw);
        return out;
    }
    PyErr_SetString(PyExc_ValueError, "unknown clock");
    return NULL;
}

#define FASTCALL(f) (PyCFunction)(void (*)(void))(f)

static PyMethodDef time_methods[] = {
    {"time", time_time, METH_NOARGS, "Seconds since the Epoch as a float."},
    {"time_ns", time_time_ns, METH_NOARGS, "Nanoseconds since the Epoch as an int."},
    {"monotonic", time_monotonic, METH_NOARGS, "A monotonic clock, in seconds."},
    {"monotonic_ns", time_monotonic_ns, METH_NOARGS, "A monotonic clock, in nanoseconds."},
    {"perf_counter", time_perf_counter, METH_NOARGS, "The performance counter, in seconds."},
    {"perf_counter_ns", time_perf_counter_ns, METH_NOARGS, "The performance counter, in ns."},
    {"process_time", time_process_time, METH_NOARGS, "CPU time of the process, in seconds."},
    {"process_time_ns", time_process_time_ns, METH_NOARGS, "CPU time of the process, in ns."},
    {"thread_time", time_thread_time, METH_NOARGS, "CPU time of the thread, in seconds."},
    {"thread_time_ns", time_thread_time_ns, METH_NOARGS, "CPU time of the thread, in ns."},
    {"clock_gettime", time_clock_gettime, METH_O, "The time of a clock, in seconds."},
    {"clock_gettime_ns", time_clock_gettime_ns, METH_O, "The time of a clock, in ns."},
    {"clock_getres", time_clock_getres, METH_O, "The resolution of a clock."},
    {"clock_settime", FASTCALL(time_clock_settime), METH_FASTCALL, "Set a clock, in seconds."},
    {"clock_settime_ns", FASTCALL(time_clock_settime_ns), METH_FASTCALL, "Set a clock, in ns."},
    {"pthread_getcpuclockid", time_pthread_getcpuclockid, METH_O,
     "The CPU-time clock of a thread."},
    {"sleep", time_sleep, METH_O, "Delay execution for a number of seconds."},
    {"gmtime", FASTCALL(time_gmtime), METH_FASTCALL, "A timestamp as UTC struct_time."},
    {"localtime", FASTCALL(time_localtime), METH_FASTCALL, "A timestamp as local struct_time."},
    {"mktime", time_mktime, METH_O, "The timestamp of a local time tuple."},
    {"asctime", FASTCALL(time_asctime), METH_FASTCALL, "'Sat Jun 06 16:26:11 1998' form."},
    {"ctime", FASTCALL(time_ctime), METH_FASTCALL, "asctime(localtime(seconds))."},
    {"strftime", FASTCALL(time_strftime), METH_FASTCALL, "Format a time tuple."},
    {"strptime", time_strptime, METH_VARARGS, "Parse a string into struct_time."},
    {"tzset", time_tzset, METH_NOARGS, "Re-read the TZ environment variable."},
    {"get_clock_info", time_get_clock_info, METH_O, "Information about a clock."},
    {NULL, NULL, 0, NULL},
};

static const PyrsIntConst time_constants[] = {
    {"CLOCK_REALTIME", CLOCK_REALTIME},
    {"CLOCK_MONOTONIC", CLOCK_MONOTONIC},
    {"CLOCK_MONOTONIC_RAW", CLOCK_MONOTONIC_RAW},
    {"CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID},
    {"CLOCK_THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID},
    {"CLOCK_BOOTTIME", CLOCK_BOOTTIME},
    {"CLOCK_TAI", CLOCK_TAI},
    {NULL, 0},
};

static int
time_exec(PyObject *m)
{
    if (struct_time_type == NULL) {
        struct_time_type = PyStructSequence_NewType(&struct_time_desc);
        if (struct_time_type == NULL) {
            return -1;
        }
    }
    tzset();
    if (PyModule_AddObjectRef(m, "struct_time", (PyObject *)struct_time_type) < 0 ||
        pyrs_osutil_add_ints(m, time_constants) < 0 || set_zone_attrs(m) < 0 ||
        PyModule_AddIntConstant(m, "_STRUCT_TM_ITEMS", 11) < 0) {
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot time_slots[] = {
    {Py_mod_exec, (void *)time_exec},
    {0, NULL},
};

static PyModuleDef time_module = {
    PyModuleDef_HEAD_INIT, .m_name = "time",          .m_doc = "Time access and conversions.",
    .m_size = 0,           .m_methods = time_methods, .m_slots = time_slots,
};

PyMODINIT_FUNC PyInit_time(void);

/* Module init (multi-phase): returns the definition, borrowed. */
PyMODINIT_FUNC
PyInit_time(void)
{
    return PyModuleDef_Init(&time_module);
}
