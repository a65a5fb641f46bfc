/* stdlib/_datetime/dt.h: what the files of the _datetime module share: the type objects, the
 * field accessors of CPython 3.11's layouts (datetime.h), the proleptic Gregorian calendar
 * helpers and the constructors each type's file offers the others. */
#ifndef PYRS_DT_H
#define PYRS_DT_H

#define _PY_DATETIME_IMPL 1
#include "Python.h"
#include "datetime.h"

#define MINYEAR        1
#define MAXYEAR        9999
#define MAXORDINAL     3652059 /* date(9999, 12, 31).toordinal() */
#define MAX_DELTA_DAYS 999999999

extern PyTypeObject pyrs_dt_date_type;
extern PyTypeObject pyrs_dt_datetime_type;
extern PyTypeObject pyrs_dt_time_type;
extern PyTypeObject pyrs_dt_delta_type;
extern PyTypeObject pyrs_dt_tzinfo_type;
extern PyTypeObject pyrs_dt_timezone_type;
extern PyTypeObject pyrs_dt_isocal_type;

/* timezone.utc and datetime(1970, 1, 1, tzinfo=timezone.utc); set by module init. */
extern PyObject *pyrs_dt_utc;
extern PyObject *pyrs_dt_epoch;

#define DT_DATE_CHECK(o)     PyObject_TypeCheck(o, &pyrs_dt_date_type)
#define DT_DATETIME_CHECK(o) PyObject_TypeCheck(o, &pyrs_dt_datetime_type)
#define DT_TIME_CHECK(o)     PyObject_TypeCheck(o, &pyrs_dt_time_type)
#define DT_DELTA_CHECK(o)    PyObject_TypeCheck(o, &pyrs_dt_delta_type)
#define DT_TZINFO_CHECK(o)   PyObject_TypeCheck(o, &pyrs_dt_tzinfo_type)
#define DT_TIMEZONE_CHECK(o) PyObject_TypeCheck(o, &pyrs_dt_timezone_type)

#define GET_YEAR             PyDateTime_GET_YEAR
#define GET_MONTH            PyDateTime_GET_MONTH
#define GET_DAY              PyDateTime_GET_DAY
#define DATE_GET_HOUR        PyDateTime_DATE_GET_HOUR
#define DATE_GET_MINUTE      PyDateTime_DATE_GET_MINUTE
#define DATE_GET_SECOND      PyDateTime_DATE_GET_SECOND
#define DATE_GET_US          PyDateTime_DATE_GET_MICROSECOND
#define DATE_GET_FOLD        PyDateTime_DATE_GET_FOLD
#define TIME_GET_HOUR        PyDateTime_TIME_GET_HOUR
#define TIME_GET_MINUTE      PyDateTime_TIME_GET_MINUTE
#define TIME_GET_SECOND      PyDateTime_TIME_GET_SECOND
#define TIME_GET_US          PyDateTime_TIME_GET_MICROSECOND
#define TIME_GET_FOLD        PyDateTime_TIME_GET_FOLD
#define TD_DAYS              PyDateTime_DELTA_GET_DAYS
#define TD_SECONDS           PyDateTime_DELTA_GET_SECONDS
#define TD_US                PyDateTime_DELTA_GET_MICROSECONDS
#define HASTZINFO            _PyDateTime_HAS_TZINFO
/* The tzinfo of a datetime or time, borrowed; Py_None for the short form. */
#define DT_TZINFO(o)   PyDateTime_DATE_GET_TZINFO(o)
#define TIME_TZINFO(o) PyDateTime_TIME_GET_TZINFO(o)

/* Store year/month/day into data[0..3] (date and datetime share these bytes). */
static inline void
dt_set_ymd(unsigned char *data, int y, int m, int d)
{
    data[0] = (unsigned char)((y & 0xff00) >> 8);
    data[1] = (unsigned char)(y & 0xff);
    data[2] = (unsigned char)m;
    data[3] = (unsigned char)d;
}

/* Store hour/minute/second/microsecond into data[0..5] (a time's data, or datetime data + 4). */
static inline void
dt_set_hmsu(unsigned char *data, int h, int mi, int s, int us)
{
    data[0] = (unsigned char)h;
    data[1] = (unsigned char)mi;
    data[2] = (unsigned char)s;
    data[3] = (unsigned char)((us & 0xff0000) >> 16);
    data[4] = (unsigned char)((us & 0x00ff00) >> 8);
    data[5] = (unsigned char)(us & 0x0000ff);
}

/* ---- calendar.c: pure arithmetic, no Python objects unless named *_check/normalize ---- */

int pyrs_dt_is_leap(int year);
int pyrs_dt_days_in_month(int year, int month);
int pyrs_dt_days_before_month(int year, int month);
/* Ordinal of a date, 1 for 0001-01-01 (year may be 0 for date(1,1,1)'s ISO week). */
int pyrs_dt_ymd_to_ord(int year, int month, int day);
void pyrs_dt_ord_to_ymd(int ordinal, int *year, int *month, int *day);
/* Monday is 0. */
int pyrs_dt_weekday(int year, int month, int day);
int pyrs_dt_iso_week1_monday(int year);
/* ISO (year, week, weekday) to a date: 0, -2 for a bad week, -3 for a bad weekday. */
int pyrs_dt_iso_to_ymd(int iso_year, int iso_week, int iso_day, int *year, int *month, int *day);
/* Floor division returning the quotient, remainder in *r (y > 0). */
int pyrs_dt_divmod(int x, int y, int *r);
void pyrs_dt_normalize_d_s_us(int *d, int *s, int *us);
/* 0, or -1 with OverflowError "date value out of range". */
int pyrs_dt_normalize_date(int *year, int *month, int *day);
int pyrs_dt_normalize_datetime(int *year, int *month, int *day, int *hour, int *minute, int *second,
                               int *us);
/* 0, or -1 with CPython's ValueError for the first field out of range. */
int pyrs_dt_check_date_args(int year, int month, int day);
int pyrs_dt_check_time_args(int h, int m, int s, int us, int fold);
/* Seconds since 0001-01-01 of a wall-clock time taken as UTC; -1 with ValueError for a bad
 * year. */
long long pyrs_dt_utc_to_seconds(int year, int month, int day, int hour, int minute, int second);
/* Wall-clock seconds (as above) of the local time at u (seconds since 0001-01-01 UTC); -1 with
 * an exception. */
long long pyrs_dt_local(long long u);
/* The UTC seconds (since 0001-01-01) of a local wall-clock time, honouring fold; -1 with an
 * exception. */
long long pyrs_dt_local_to_seconds(int year, int month, int day, int hour, int minute, int second,
                                   int fold);
#define DT_EPOCH_SECONDS (719163LL * 24 * 60 * 60)

/* ---- delta.c ---- */

/* New timedelta of `type` (normalized first when `normalize`); OverflowError when days leave
 * +-999999999. New reference or NULL. */
PyObject *pyrs_dt_delta_new(int days, int seconds, int us, int normalize, PyTypeObject *type);
#define new_delta(d, s, us, n) pyrs_dt_delta_new(d, s, us, n, &pyrs_dt_delta_type)
/* The delta as a Python int of microseconds; new reference or NULL. */
PyObject *pyrs_dt_delta_to_us(PyObject *delta);
/* A timedelta of `type` from a Python int of microseconds; new reference or NULL. */
PyObject *pyrs_dt_delta_from_us(PyObject *pyus, PyTypeObject *type);
/* Three-way comparison of two timedeltas (never fails). */
int pyrs_dt_delta_cmp(PyObject *a, PyObject *b);
/* a - b and -a as base timedeltas; new reference or NULL. */
PyObject *pyrs_dt_delta_sub(PyObject *a, PyObject *b);
PyObject *pyrs_dt_delta_neg(PyObject *a);
int pyrs_dt_delta_ready(void);

/* ---- date.c ---- */

/* New date of exactly `type` (allocated through tp_alloc, no __new__ called); range-checked.
 * New reference or NULL. */
PyObject *pyrs_dt_date_new(int year, int month, int day, PyTypeObject *type);
/* A date of class cls: the C constructor for date, a datetime for datetime subclasses, a call
 * of cls otherwise (may run Python code). */
PyObject *pyrs_dt_date_new_subclass(int year, int month, int day, PyObject *cls);
/* The CAPI's Date_FromTimestamp(cls, args). */
PyObject *pyrs_dt_date_fromtimestamp_capi(PyObject *cls, PyObject *args);
int pyrs_dt_date_ready(void);

/* ---- tzinfo.c ---- */

/* timezone(offset[, name]); name may be NULL. utc singleton for a zero offset without name.
 * New reference or NULL (ValueError when out of range). */
PyObject *pyrs_dt_timezone_new(PyObject *offset, PyObject *name);
/* tzinfo.utcoffset(arg) / dst(arg) checked to be None or a timedelta within a day; None when
 * tzinfo is None. New reference or NULL; runs Python code. */
PyObject *pyrs_dt_call_utcoffset(PyObject *tzinfo, PyObject *arg);
PyObject *pyrs_dt_call_dst(PyObject *tzinfo, PyObject *arg);
/* tzinfo.tzname(arg) checked to be None or str. */
PyObject *pyrs_dt_call_tzname(PyObject *tzinfo, PyObject *arg);
/* Writes "+HH<sep>MM[<sep>SS[.ffffff]]" (or "" when the offset is None) into buf: 0, or -1 with
 * an exception. */
int pyrs_dt_format_utcoffset(char *buf, size_t buflen, const char *sep, PyObject *tzinfo,
                             PyObject *arg);
/* 0 when p is None or a tzinfo, else -1 with TypeError. */
int pyrs_dt_check_tzinfo_subclass(PyObject *p);
/* The tzinfo fromisoformat builds: None (rv 0) or a timezone; new reference or NULL. */
PyObject *pyrs_dt_tzinfo_from_iso(int rv, int tzoffset, int tzus);
/* Calls tzinfo.fromutc(dt), stealing dt. */
PyObject *pyrs_dt_call_fromutc_steal(PyObject *tzinfo, PyObject *dt);
int pyrs_dt_tzinfo_ready(void);

/* ---- time.c ---- */

/* New time of exactly `type`, range-checked (tzinfo must be None or a tzinfo). */
PyObject *pyrs_dt_time_new(int h, int m, int s, int us, PyObject *tzinfo, int fold,
                           PyTypeObject *type);
int pyrs_dt_time_ready(void);
/* hh[:mm[:ss[.fff|.ffffff]]] per timespec (NULL: auto) into buf: 0 or -1 with ValueError. */
int pyrs_dt_format_time(char *buf, size_t len, const char *timespec, int h, int m, int s, int us);

/* ---- datetime.c ---- */

PyObject *pyrs_dt_datetime_new(int year, int month, int day, int hour, int minute, int second,
                               int us, PyObject *tzinfo, int fold, PyTypeObject *type);
/* As pyrs_dt_datetime_new for the base class, else calls cls(y, m, d, hh, mm, ss, us, tz)
 * (3.11 drops fold for subclasses). */
PyObject *pyrs_dt_datetime_new_subclass(int year, int month, int day, int hour, int minute,
                                        int second, int us, PyObject *tzinfo, int fold,
                                        PyObject *cls);
/* The CAPI's DateTime_FromTimestamp(cls, args, kw). */
PyObject *pyrs_dt_datetime_fromtimestamp_capi(PyObject *cls, PyObject *args, PyObject *kw);
int pyrs_dt_datetime_ready(void);

/* ---- format.c ---- */

/* time.struct_time((y, m, d, hh, mm, ss, weekday, yday, dstflag)); new reference or NULL. */
PyObject *pyrs_dt_build_struct_time(int y, int m, int d, int hh, int mm, int ss, int dstflag);
/* strftime with %z, %Z and %f expanded from obj (tzinfoarg is passed to the tzinfo methods)
 * and the rest done by time.strftime(format, timetuple). New reference or NULL. */
PyObject *pyrs_dt_wrap_strftime(PyObject *obj, PyObject *format, PyObject *timetuple,
                                PyObject *tzinfoarg);
/* ISO 8601 parsing of the date part / time part (see format.c for the return codes). */
int pyrs_dt_parse_iso_date(const char *s, size_t len, int *year, int *month, int *day);
int pyrs_dt_parse_iso_time(const char *s, size_t len, int *hour, int *minute, int *second, int *us,
                           int *tzoffset, int *tzus);
Py_ssize_t pyrs_dt_find_iso_separator(const char *s, Py_ssize_t len);
/* TypeError/ValueError helpers shared by the fromisoformat methods. */
PyObject *pyrs_dt_iso_error(PyObject *s);
/* Closes a repr missing its ')' (head consumed), adding ", fold=1" and ", tzinfo=%R" when
 * they apply; new reference or NULL. */
PyObject *pyrs_dt_repr_tail(PyObject *head, int fold, PyObject *tzinfo);
/* The name used in repr: the type's tp_name. */
#define DT_TYPE_NAME(o) (Py_TYPE(o)->tp_name)
/* "can't compare A to B" TypeError; returns NULL. */
PyObject *pyrs_dt_cmperror(PyObject *a, PyObject *b);
/* Py_True/Py_False for a three-way diff under op; new reference. */
PyObject *pyrs_dt_diff_to_bool(int diff, int op);

#endif /* PYRS_DT_H */
