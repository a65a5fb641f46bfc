/* stdlib/_datetime/datetime.c: datetime.datetime (PyDateTime_DateTime, a date subclass):
 * construction and pickled state, now/utcnow/fromtimestamp (with PEP 495 fold detection)/
 * strptime/combine/fromisoformat, arithmetic, naive/aware comparison and hashing,
 * astimezone/timestamp through the C library's local time, as CPython 3.11's C version. */
#include "dt.h"

#include <time.h>

#include "../posix/pytime.h"

typedef int (*tm_func)(time_t, struct tm *);

static const char *const day_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

PyObject *pyrs_dt_epoch = NULL;

#define DT(o) ((PyDateTime_DateTime *)(o))

PyObject *
pyrs_dt_datetime_new(int year, int month, int day, int hour, int minute, int second, int us,
                     PyObject *tzinfo, int fold, PyTypeObject *type)
{
    if (pyrs_dt_check_date_args(year, month, day) < 0 ||
        pyrs_dt_check_time_args(hour, minute, second, us, fold) < 0 ||
        pyrs_dt_check_tzinfo_subclass(tzinfo) < 0) {
        return NULL;
    }
    char aware = tzinfo != Py_None;
    PyDateTime_DateTime *self = (PyDateTime_DateTime *)type->tp_alloc(type, aware);
    if (self == NULL) {
        return NULL;
    }
    self->hashcode = -1;
    self->hastzinfo = aware;
    dt_set_ymd(self->data, year, month, day);
    dt_set_hmsu(self->data + 4, hour, minute, second, us);
    self->fold = (unsigned char)fold;
    if (aware) {
        self->tzinfo = Py_NewRef(tzinfo);
    }
    return (PyObject *)self;
}

#define new_datetime(y, m, d, hh, mm, ss, us, tz, fold)                                            \
    pyrs_dt_datetime_new(y, m, d, hh, mm, ss, us, tz, fold, &pyrs_dt_datetime_type)

PyObject *
pyrs_dt_datetime_new_subclass(int year, int month, int day, int hour, int minute, int second,
                              int us, PyObject *tzinfo, int fold, PyObject *cls)
{
    if ((PyTypeObject *)cls == &pyrs_dt_datetime_type) {
        return new_datetime(year, month, day, hour, minute, second, us, tzinfo, fold);
    }
    /* 3.11 calls a subclass without fold (3.12 started passing fold=1). */
    return PyObject_CallFunction(cls, "iiiiiiiO", year, month, day, hour, minute, second, us,
                                 tzinfo);
}

/* The same datetime with another fold, as Py_TYPE(dt). */
static PyObject *
with_fold(PyObject *dt, int fold)
{
    return pyrs_dt_datetime_new(GET_YEAR(dt), GET_MONTH(dt), GET_DAY(dt), DATE_GET_HOUR(dt),
                                DATE_GET_MINUTE(dt), DATE_GET_SECOND(dt), DATE_GET_US(dt),
                                DT_TZINFO(dt), fold, Py_TYPE(dt));
}

static PyObject *
datetime_from_state(PyTypeObject *type, PyObject *state, PyObject *tzinfo)
{
    char aware = tzinfo != Py_None;
    if (aware && !DT_TZINFO_CHECK(tzinfo)) {
        PyErr_SetString(PyExc_TypeError, "bad tzinfo state arg");
        return NULL;
    }
    PyDateTime_DateTime *me = (PyDateTime_DateTime *)type->tp_alloc(type, aware);
    if (me == NULL) {
        return NULL;
    }
    memcpy(me->data, PyBytes_AS_STRING(state), _PyDateTime_DATETIME_DATASIZE);
    me->hashcode = -1;
    me->hastzinfo = aware;
    if (aware) {
        me->tzinfo = Py_NewRef(tzinfo);
    }
    me->fold = 0;
    if (me->data[2] & 0x80) {
        me->data[2] -= 128;
        me->fold = 1;
    }
    return (PyObject *)me;
}

#define MONTH_IS_SANE(m) ((unsigned int)(m)-1 < 12)

static PyObject *
datetime_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"year",   "month",       "day",    "hour", "minute",
                                     "second", "microsecond", "tzinfo", "fold", NULL};
    PyObject *tzinfo = Py_None;
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs >= 1 && nargs <= 2) {
        PyObject *state = PyTuple_GET_ITEM(args, 0);
        if (nargs == 2) {
            tzinfo = PyTuple_GET_ITEM(args, 1);
        }
        if (PyBytes_Check(state)) {
            if (PyBytes_GET_SIZE(state) == _PyDateTime_DATETIME_DATASIZE &&
                MONTH_IS_SANE(PyBytes_AS_STRING(state)[2] & 0x7F)) {
                return datetime_from_state(type, state, tzinfo);
            }
        } else if (PyUnicode_Check(state)) {
            if (PyUnicode_GET_LENGTH(state) == _PyDateTime_DATETIME_DATASIZE &&
                MONTH_IS_SANE(PyUnicode_READ_CHAR(state, 2) & 0x7F)) {
                PyObject *b = PyUnicode_AsLatin1String(state);
                if (b == NULL) {
                    if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
                        PyErr_SetString(PyExc_ValueError,
                                        "Failed to encode latin1 string when unpickling a "
                                        "datetime object. pickle.load(data, encoding='latin1') "
                                        "is assumed.");
                    }
                    return NULL;
                }
                PyObject *res = datetime_from_state(type, b, tzinfo);
                Py_DECREF(b);
                return res;
            }
        }
        tzinfo = Py_None;
    }
    int y, m, d, hh = 0, mm = 0, ss = 0, us = 0, fold = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "iii|iiiiO$i", (char **)keywords, &y, &m, &d, &hh,
                                     &mm, &ss, &us, &tzinfo, &fold)) {
        return NULL;
    }
    return pyrs_dt_datetime_new(y, m, d, hh, mm, ss, us, tzinfo, fold, type);
}

static void
datetime_dealloc(PyObject *self)
{
    if (HASTZINFO(self)) {
        Py_XDECREF(DT(self)->tzinfo);
    }
    Py_TYPE(self)->tp_free(self);
}

/* ---- accessors ---- */

static PyObject *
datetime_hour(PyObject *self, void *unused)
{
    (void)unused;
    return PyLong_FromLong(DATE_GET_HOUR(self));
}

static PyObject *
datetime_minute(PyObject *self, void *unused)
{
    (void)unused;
    return PyLong_FromLong(DATE_GET_MINUTE(self));
}

static PyObject *
datetime_second(PyObject *self, void *unused)
{
    (void)unused;
    return PyLong_FromLong(DATE_GET_SECOND(self));
}

static PyObject *
datetime_microsecond(PyObject *self, void *unused)
{
    (void)unused;
    return PyLong_FromLong(DATE_GET_US(self));
}

static PyObject *
datetime_tzinfo(PyObject *self, void *unused)
{
    (void)unused;
    return Py_NewRef(DT_TZINFO(self));
}

static PyObject *
datetime_fold(PyObject *self, void *unused)
{
    (void)unused;
    return PyLong_FromLong(DATE_GET_FOLD(self));
}

static PyGetSetDef datetime_getset[] = {
    {"hour", datetime_hour, NULL, NULL, NULL},
    {"minute", datetime_minute, NULL, NULL, NULL},
    {"second", datetime_second, NULL, NULL, NULL},
    {"microsecond", datetime_microsecond, NULL, NULL, NULL},
    {"tzinfo", datetime_tzinfo, NULL, NULL, NULL},
    {"fold", datetime_fold, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyObject *
datetime_utcoffset(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return pyrs_dt_call_utcoffset(DT_TZINFO(self), self);
}

static PyObject *
datetime_dst(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return pyrs_dt_call_dst(DT_TZINFO(self), self);
}

static PyObject *
datetime_tzname(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return pyrs_dt_call_tzname(DT_TZINFO(self), self);
}

/* ---- construction from clocks and timestamps ---- */

/* A datetime of cls from a time_t and microseconds broken down by f; for naive local time
 * the fold is detected by probing a day earlier, as CPython does. */
static PyObject *
from_timet_and_us(PyObject *cls, tm_func f, time_t timet, int us, PyObject *tzinfo)
{
    const long long max_fold = 24 * 3600;
    struct tm tm;
    int fold = 0;
    if (f(timet, &tm) != 0) {
        return NULL;
    }
    int year = tm.tm_year + 1900, month = tm.tm_mon + 1, day = tm.tm_mday;
    int hour = tm.tm_hour, minute = tm.tm_min;
    /* Leap seconds from the C library are folded into :59. */
    int second = tm.tm_sec > 59 ? 59 : tm.tm_sec;
    if (tzinfo == Py_None && f == _PyTime_localtime) {
        long long result_seconds = pyrs_dt_utc_to_seconds(year, month, day, hour, minute, second);
        if (result_seconds == -1 && PyErr_Occurred()) {
            return NULL;
        }
        long long probe = pyrs_dt_local(DT_EPOCH_SECONDS + timet - max_fold);
        if (probe == -1) {
            return NULL;
        }
        long long transition = result_seconds - probe - max_fold;
        if (transition < 0) {
            probe = pyrs_dt_local(DT_EPOCH_SECONDS + timet + transition);
            if (probe == -1) {
                return NULL;
            }
            if (probe == result_seconds) {
                fold = 1;
            }
        }
    }
    return pyrs_dt_datetime_new_subclass(year, month, day, hour, minute, second, us, tzinfo, fold,
                                         cls);
}

static PyObject *
from_timestamp(PyObject *cls, tm_func f, PyObject *timestamp, PyObject *tzinfo)
{
    time_t timet;
    long us;
    if (_PyTime_ObjectToTimeval(timestamp, &timet, &us, _PyTime_ROUND_HALF_EVEN) == -1) {
        return NULL;
    }
    return from_timet_and_us(cls, f, timet, (int)us, tzinfo);
}

static PyObject *
datetime_now(PyObject *cls, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"tz", NULL};
    PyObject *tzinfo = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:now", (char **)keywords, &tzinfo)) {
        return NULL;
    }
    if (pyrs_dt_check_tzinfo_subclass(tzinfo) < 0) {
        return NULL;
    }
    time_t secs;
    int us;
    if (_PyTime_AsTimevalTime_t(_PyTime_GetSystemClock(), &secs, &us, _PyTime_ROUND_FLOOR) < 0) {
        return NULL;
    }
    PyObject *self = from_timet_and_us(cls, tzinfo == Py_None ? _PyTime_localtime : _PyTime_gmtime,
                                       secs, us, tzinfo);
    if (self != NULL && tzinfo != Py_None) {
        self = pyrs_dt_call_fromutc_steal(tzinfo, self);
    }
    return self;
}

static PyObject *
datetime_utcnow(PyObject *cls, PyObject *Py_UNUSED(ignored))
{
    time_t secs;
    int us;
    if (_PyTime_AsTimevalTime_t(_PyTime_GetSystemClock(), &secs, &us, _PyTime_ROUND_FLOOR) < 0) {
        return NULL;
    }
    return from_timet_and_us(cls, _PyTime_gmtime, secs, us, Py_None);
}

static PyObject *
datetime_fromtimestamp(PyObject *cls, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"timestamp", "tz", NULL};
    PyObject *timestamp, *tzinfo = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O:fromtimestamp", (char **)keywords, &timestamp,
                                     &tzinfo)) {
        return NULL;
    }
    if (pyrs_dt_check_tzinfo_subclass(tzinfo) < 0) {
        return NULL;
    }
    PyObject *self = from_timestamp(cls, tzinfo == Py_None ? _PyTime_localtime : _PyTime_gmtime,
                                    timestamp, tzinfo);
    if (self != NULL && tzinfo != Py_None) {
        self = pyrs_dt_call_fromutc_steal(tzinfo, self);
    }
    return self;
}

PyObject *
pyrs_dt_datetime_fromtimestamp_capi(PyObject *cls, PyObject *args, PyObject *kw)
{
    return datetime_fromtimestamp(cls, args, kw);
}

static PyObject *
datetime_utcfromtimestamp(PyObject *cls, PyObject *args)
{
    PyObject *timestamp;
    if (!PyArg_ParseTuple(args, "O:utcfromtimestamp", &timestamp)) {
        return NULL;
    }
    return from_timestamp(cls, _PyTime_gmtime, timestamp, Py_None);
}

static PyObject *
datetime_strptime(PyObject *cls, PyObject *args)
{
    PyObject *string, *format;
    if (!PyArg_ParseTuple(args, "UU:strptime", &string, &format)) {
        return NULL;
    }
    PyObject *module = PyImport_ImportModule("_strptime");
    if (module == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_CallMethod(module, "_strptime_datetime", "OOO", cls, string, format);
    Py_DECREF(module);
    return res;
}

static PyObject *
datetime_combine(PyObject *cls, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"date", "time", "tzinfo", NULL};
    PyObject *date, *time, *tzinfo = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!O!|O:combine", (char **)keywords,
                                     &pyrs_dt_date_type, &date, &pyrs_dt_time_type, &time,
                                     &tzinfo)) {
        return NULL;
    }
    if (tzinfo == NULL) {
        tzinfo = TIME_TZINFO(time);
    }
    return pyrs_dt_datetime_new_subclass(
        GET_YEAR(date), GET_MONTH(date), GET_DAY(date), TIME_GET_HOUR(time), TIME_GET_MINUTE(time),
        TIME_GET_SECOND(time), TIME_GET_US(time), tzinfo, TIME_GET_FOLD(time), cls);
}

/* dtstr with a surrogate separator at 7, 8 or 10 replaced by 'T' (so that the rest encodes to
 * UTF-8); NULL without an exception when too short to be valid. */
static PyObject *
sanitize_isoformat(PyObject *dtstr)
{
    static const Py_ssize_t seps[] = {7, 8, 10};
    Py_ssize_t len = PyUnicode_GetLength(dtstr);
    if (len < 7) {
        return NULL;
    }
    for (size_t i = 0; i < 3; i++) {
        Py_ssize_t pos = seps[i];
        if (pos >= len) {
            break;
        }
        Py_UCS4 ch = PyUnicode_READ_CHAR(dtstr, pos);
        if (ch >= 0xD800 && ch <= 0xDFFF) {
            PyObject *copy = _PyUnicode_Copy(dtstr);
            if (copy != NULL && PyUnicode_WriteChar(copy, pos, 'T') < 0) {
                Py_CLEAR(copy);
            }
            return copy;
        }
    }
    return Py_NewRef(dtstr);
}

/* Bytes in the UTF-8 sequence that starts with lead byte c. */
static int
utf8_char_len(unsigned char c)
{
    if ((c & 0x80) == 0) {
        return 1;
    }
    if ((c & 0xf0) == 0xe0) {
        return 3;
    }
    return (c & 0xf0) == 0xf0 ? 4 : 2;
}

static PyObject *
datetime_fromisoformat(PyObject *cls, PyObject *dtstr)
{
    if (!PyUnicode_Check(dtstr)) {
        PyErr_SetString(PyExc_TypeError, "fromisoformat: argument must be str");
        return NULL;
    }
    PyObject *clean = sanitize_isoformat(dtstr);
    if (clean == NULL) {
        if (PyErr_Occurred() && !PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
            return NULL;
        }
        PyErr_Clear();
        return pyrs_dt_iso_error(dtstr);
    }
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(clean, &len);
    if (s == NULL) {
        Py_DECREF(clean);
        if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
            PyErr_Clear();
            return pyrs_dt_iso_error(dtstr);
        }
        return NULL;
    }
    Py_ssize_t sep = pyrs_dt_find_iso_separator(s, len);
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, us = 0;
    int tzoffset = 0, tzus = 0, rv = -1;
    if (sep >= 0) {
        rv = pyrs_dt_parse_iso_date(s, (size_t)sep, &year, &month, &day);
    }
    if (rv == 0 && len > sep) {
        /* The separator may be any character, multi-byte in UTF-8. */
        const char *p = s + sep + utf8_char_len((unsigned char)s[sep]);
        Py_ssize_t rest = len - (p - s);
        rv = rest < 0 ? -1
                      : pyrs_dt_parse_iso_time(p, (size_t)rest, &hour, &minute, &second, &us,
                                               &tzoffset, &tzus);
    }
    Py_DECREF(clean);
    if (rv < 0) {
        return pyrs_dt_iso_error(dtstr);
    }
    PyObject *tzinfo = pyrs_dt_tzinfo_from_iso(rv, tzoffset, tzus);
    if (tzinfo == NULL) {
        return NULL;
    }
    PyObject *res =
        pyrs_dt_datetime_new_subclass(year, month, day, hour, minute, second, us, tzinfo, 0, cls);
    Py_DECREF(tzinfo);
    return res;
}

/* ---- arithmetic ---- */

/* dt + factor * delta (factor is 1 or -1) as an instance of dt's class. */
static PyObject *
add_datetime_timedelta(PyObject *dt, PyObject *delta, int factor)
{
    int year = GET_YEAR(dt), month = GET_MONTH(dt);
    int day = GET_DAY(dt) + TD_DAYS(delta) * factor;
    int hour = DATE_GET_HOUR(dt), minute = DATE_GET_MINUTE(dt);
    int second = DATE_GET_SECOND(dt) + TD_SECONDS(delta) * factor;
    int us = DATE_GET_US(dt) + TD_US(delta) * factor;
    if (pyrs_dt_normalize_datetime(&year, &month, &day, &hour, &minute, &second, &us) < 0) {
        return NULL;
    }
    return pyrs_dt_datetime_new_subclass(year, month, day, hour, minute, second, us, DT_TZINFO(dt),
                                         0, (PyObject *)Py_TYPE(dt));
}

/* o (consumed) when it is a datetime; a subclass constructor may return anything, and the
 * callers go on to read datetime fields. NULL with TypeError otherwise. */
static PyObject *
expect_datetime(PyObject *o)
{
    if (o == NULL || DT_DATETIME_CHECK(o)) {
        return o;
    }
    PyErr_Format(PyExc_TypeError, "datetime subclass constructor returned %.200s, not a datetime",
                 Py_TYPE(o)->tp_name);
    Py_DECREF(o);
    return NULL;
}

static PyObject *
datetime_add(PyObject *left, PyObject *right)
{
    if (DT_DATETIME_CHECK(left)) {
        if (DT_DELTA_CHECK(right)) {
            return add_datetime_timedelta(left, right, 1);
        }
    } else if (DT_DELTA_CHECK(left)) {
        return add_datetime_timedelta(right, left, 1);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

/* datetime - datetime: the wall-clock difference corrected by the utcoffset difference. */
static PyObject *
subtract_datetimes(PyObject *left, PyObject *right)
{
    PyObject *off1, *off2, *offdiff = NULL;
    if (DT_TZINFO(left) == DT_TZINFO(right)) {
        off1 = Py_NewRef(Py_None);
        off2 = Py_NewRef(Py_None);
    } else {
        off1 = datetime_utcoffset(left, NULL);
        if (off1 == NULL) {
            return NULL;
        }
        off2 = datetime_utcoffset(right, NULL);
        if (off2 == NULL) {
            Py_DECREF(off1);
            return NULL;
        }
        if ((off1 != Py_None) != (off2 != Py_None)) {
            PyErr_SetString(PyExc_TypeError,
                            "can't subtract offset-naive and offset-aware datetimes");
            Py_DECREF(off1);
            Py_DECREF(off2);
            return NULL;
        }
    }
    if (off1 != off2 && pyrs_dt_delta_cmp(off1, off2) != 0) {
        offdiff = pyrs_dt_delta_sub(off1, off2);
    }
    Py_DECREF(off1);
    Py_DECREF(off2);
    if (PyErr_Occurred()) {
        return NULL;
    }
    int delta_d = pyrs_dt_ymd_to_ord(GET_YEAR(left), GET_MONTH(left), GET_DAY(left)) -
                  pyrs_dt_ymd_to_ord(GET_YEAR(right), GET_MONTH(right), GET_DAY(right));
    int delta_s = (DATE_GET_HOUR(left) - DATE_GET_HOUR(right)) * 3600 +
                  (DATE_GET_MINUTE(left) - DATE_GET_MINUTE(right)) * 60 +
                  (DATE_GET_SECOND(left) - DATE_GET_SECOND(right));
    int delta_us = DATE_GET_US(left) - DATE_GET_US(right);
    PyObject *res = new_delta(delta_d, delta_s, delta_us, 1);
    if (res != NULL && offdiff != NULL) {
        Py_SETREF(res, pyrs_dt_delta_sub(res, offdiff));
    }
    Py_XDECREF(offdiff);
    return res;
}

static PyObject *
datetime_subtract(PyObject *left, PyObject *right)
{
    if (DT_DATETIME_CHECK(left)) {
        if (DT_DATETIME_CHECK(right)) {
            return subtract_datetimes(left, right);
        }
        if (DT_DELTA_CHECK(right)) {
            return add_datetime_timedelta(left, right, -1);
        }
    }
    Py_RETURN_NOTIMPLEMENTED;
}

/* ---- formatting ---- */

static PyObject *
datetime_repr(PyObject *self)
{
    char buf[96];
    int n = snprintf(buf, sizeof(buf), "%d, %d, %d, %d, %d", GET_YEAR(self), GET_MONTH(self),
                     GET_DAY(self), DATE_GET_HOUR(self), DATE_GET_MINUTE(self));
    if (DATE_GET_US(self)) {
        snprintf(buf + n, sizeof(buf) - n, ", %d, %d", DATE_GET_SECOND(self), DATE_GET_US(self));
    } else if (DATE_GET_SECOND(self)) {
        snprintf(buf + n, sizeof(buf) - n, ", %d", DATE_GET_SECOND(self));
    }
    return pyrs_dt_repr_tail(PyUnicode_FromFormat("%s(%s", DT_TYPE_NAME(self), buf),
                             DATE_GET_FOLD(self), DT_TZINFO(self));
}

static PyObject *
datetime_str(PyObject *self)
{
    return PyObject_CallMethod(self, "isoformat", "s", " ");
}

static PyObject *
datetime_isoformat(PyObject *self, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"sep", "timespec", NULL};
    int sep = 'T';
    const char *timespec = NULL;
    char date[32], buf[160];
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|Cs:isoformat", (char **)keywords, &sep,
                                     &timespec)) {
        return NULL;
    }
    snprintf(date, sizeof(date), "%04d-%02d-%02d", GET_YEAR(self), GET_MONTH(self), GET_DAY(self));
    if (pyrs_dt_format_time(buf, sizeof(buf), timespec, DATE_GET_HOUR(self), DATE_GET_MINUTE(self),
                            DATE_GET_SECOND(self), DATE_GET_US(self)) < 0) {
        return NULL;
    }
    if (HASTZINFO(self)) {
        size_t n = strlen(buf);
        if (pyrs_dt_format_utcoffset(buf + n, sizeof(buf) - n, ":", DT(self)->tzinfo, self) < 0) {
            return NULL;
        }
    }
    return PyUnicode_FromFormat("%s%c%s", date, sep, buf);
}

static PyObject *
datetime_ctime(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    char buf[64];
    int y = GET_YEAR(self), m = GET_MONTH(self), d = GET_DAY(self);
    snprintf(buf, sizeof(buf), "%s %s %2d %02d:%02d:%02d %04d", day_names[pyrs_dt_weekday(y, m, d)],
             month_names[m - 1], d, DATE_GET_HOUR(self), DATE_GET_MINUTE(self),
             DATE_GET_SECOND(self), y);
    return PyUnicode_FromString(buf);
}

static PyObject *
datetime_timetuple(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    int dstflag = -1;
    if (HASTZINFO(self) && DT(self)->tzinfo != Py_None) {
        PyObject *dst = pyrs_dt_call_dst(DT(self)->tzinfo, self);
        if (dst == NULL) {
            return NULL;
        }
        if (dst != Py_None) {
            dstflag = TD_DAYS(dst) != 0 || TD_SECONDS(dst) != 0 || TD_US(dst) != 0;
        }
        Py_DECREF(dst);
    }
    return pyrs_dt_build_struct_time(GET_YEAR(self), GET_MONTH(self), GET_DAY(self),
                                     DATE_GET_HOUR(self), DATE_GET_MINUTE(self),
                                     DATE_GET_SECOND(self), dstflag);
}

static PyObject *
datetime_utctimetuple(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *utcself = Py_NewRef(self);
    PyObject *tzinfo = DT_TZINFO(self);
    if (tzinfo != Py_None) {
        PyObject *offset = pyrs_dt_call_utcoffset(tzinfo, self);
        if (offset == NULL) {
            Py_DECREF(utcself);
            return NULL;
        }
        if (offset != Py_None) {
            Py_SETREF(utcself, expect_datetime(add_datetime_timedelta(self, offset, -1)));
        }
        Py_DECREF(offset);
        if (utcself == NULL) {
            return NULL;
        }
    }
    PyObject *res = pyrs_dt_build_struct_time(
        GET_YEAR(utcself), GET_MONTH(utcself), GET_DAY(utcself), DATE_GET_HOUR(utcself),
        DATE_GET_MINUTE(utcself), DATE_GET_SECOND(utcself), 0);
    Py_DECREF(utcself);
    return res;
}

/* ---- conversions ---- */

static PyObject *
datetime_getdate(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return pyrs_dt_date_new(GET_YEAR(self), GET_MONTH(self), GET_DAY(self), &pyrs_dt_date_type);
}

static PyObject *
datetime_gettime(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return pyrs_dt_time_new(DATE_GET_HOUR(self), DATE_GET_MINUTE(self), DATE_GET_SECOND(self),
                            DATE_GET_US(self), Py_None, DATE_GET_FOLD(self), &pyrs_dt_time_type);
}

static PyObject *
datetime_gettimetz(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return pyrs_dt_time_new(DATE_GET_HOUR(self), DATE_GET_MINUTE(self), DATE_GET_SECOND(self),
                            DATE_GET_US(self), DT_TZINFO(self), DATE_GET_FOLD(self),
                            &pyrs_dt_time_type);
}

static PyObject *
datetime_timestamp(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    if (HASTZINFO(self) && DT(self)->tzinfo != Py_None) {
        PyObject *delta = datetime_subtract(self, pyrs_dt_epoch);
        if (delta == NULL) {
            return NULL;
        }
        PyObject *res = PyObject_CallMethod(delta, "total_seconds", NULL);
        Py_DECREF(delta);
        return res;
    }
    long long seconds = pyrs_dt_local_to_seconds(GET_YEAR(self), GET_MONTH(self), GET_DAY(self),
                                                 DATE_GET_HOUR(self), DATE_GET_MINUTE(self),
                                                 DATE_GET_SECOND(self), DATE_GET_FOLD(self));
    if (seconds == -1) {
        return NULL;
    }
    return PyFloat_FromDouble((double)(seconds - DT_EPOCH_SECONDS) + DATE_GET_US(self) / 1e6);
}

/* timezone(offset, name) of the C library's local time at a timestamp. */
static PyObject *
local_timezone_from_timestamp(time_t timestamp)
{
    struct tm tm;
    if (_PyTime_localtime(timestamp, &tm) != 0) {
        return NULL;
    }
    PyObject *delta = new_delta(0, (int)tm.tm_gmtoff, 0, 1);
    if (delta == NULL) {
        return NULL;
    }
    PyObject *name = NULL;
    if (tm.tm_zone != NULL) {
        name = PyUnicode_DecodeLocale(tm.tm_zone, "surrogateescape");
        if (name == NULL) {
            Py_DECREF(delta);
            return NULL;
        }
    }
    PyObject *res = pyrs_dt_timezone_new(delta, name);
    Py_DECREF(delta);
    Py_XDECREF(name);
    return res;
}

/* The local timezone in effect at an aware UTC datetime. */
static PyObject *
local_timezone(PyObject *utc)
{
    PyObject *delta = datetime_subtract(utc, pyrs_dt_epoch);
    if (delta == NULL) {
        return NULL;
    }
    long long secs = (long long)TD_DAYS(delta) * 86400 + TD_SECONDS(delta);
    Py_DECREF(delta);
    return local_timezone_from_timestamp((time_t)secs);
}

/* The local timezone in effect at a naive local datetime. */
static PyObject *
local_timezone_from_local(PyObject *dt)
{
    long long seconds =
        pyrs_dt_local_to_seconds(GET_YEAR(dt), GET_MONTH(dt), GET_DAY(dt), DATE_GET_HOUR(dt),
                                 DATE_GET_MINUTE(dt), DATE_GET_SECOND(dt), DATE_GET_FOLD(dt));
    if (seconds == -1) {
        return NULL;
    }
    return local_timezone_from_timestamp((time_t)(seconds - DT_EPOCH_SECONDS));
}

static PyObject *
datetime_astimezone(PyObject *self, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"tz", NULL};
    PyObject *tzinfo = Py_None, *self_tzinfo, *offset, *result;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:astimezone", (char **)keywords, &tzinfo)) {
        return NULL;
    }
    if (pyrs_dt_check_tzinfo_subclass(tzinfo) < 0) {
        return NULL;
    }
    if (!HASTZINFO(self) || DT(self)->tzinfo == Py_None) {
        goto naive;
    }
    self_tzinfo = Py_NewRef(DT(self)->tzinfo);
    goto have_tz;
naive:
    self_tzinfo = local_timezone_from_local(self);
    if (self_tzinfo == NULL) {
        return NULL;
    }
have_tz:
    if (self_tzinfo == tzinfo) {
        Py_DECREF(self_tzinfo);
        return Py_NewRef(self);
    }
    offset = pyrs_dt_call_utcoffset(self_tzinfo, self);
    Py_DECREF(self_tzinfo);
    if (offset == NULL) {
        return NULL;
    }
    if (offset == Py_None) {
        Py_DECREF(offset);
        goto naive;
    }
    result = expect_datetime(add_datetime_timedelta(self, offset, -1));
    Py_DECREF(offset);
    if (result == NULL) {
        return NULL;
    }
    /* Make the result aware in UTC, then let tz.fromutc() do the rest. */
    if (!HASTZINFO(result)) {
        Py_SETREF(result,
                  pyrs_dt_datetime_new(GET_YEAR(result), GET_MONTH(result), GET_DAY(result),
                                       DATE_GET_HOUR(result), DATE_GET_MINUTE(result),
                                       DATE_GET_SECOND(result), DATE_GET_US(result), pyrs_dt_utc,
                                       DATE_GET_FOLD(result), Py_TYPE(result)));
        if (result == NULL) {
            return NULL;
        }
    } else {
        Py_SETREF(DT(result)->tzinfo, Py_NewRef(pyrs_dt_utc));
    }
    if (tzinfo == Py_None) {
        tzinfo = local_timezone(result);
        if (tzinfo == NULL) {
            Py_DECREF(result);
            return NULL;
        }
    } else {
        Py_INCREF(tzinfo);
    }
    Py_SETREF(DT(result)->tzinfo, tzinfo);
    PyObject *res = PyObject_CallMethod(tzinfo, "fromutc", "O", result);
    Py_DECREF(result);
    return res;
}

static PyObject *
datetime_replace(PyObject *self, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"year",   "month",       "day",    "hour", "minute",
                                     "second", "microsecond", "tzinfo", "fold", NULL};
    int y = GET_YEAR(self), m = GET_MONTH(self), d = GET_DAY(self);
    int hh = DATE_GET_HOUR(self), mm = DATE_GET_MINUTE(self), ss = DATE_GET_SECOND(self);
    int us = DATE_GET_US(self), fold = DATE_GET_FOLD(self);
    PyObject *tzinfo = DT_TZINFO(self);
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|iiiiiiiO$i:replace", (char **)keywords, &y, &m, &d,
                                     &hh, &mm, &ss, &us, &tzinfo, &fold)) {
        return NULL;
    }
    if (fold != 0 && fold != 1) {
        PyErr_SetString(PyExc_ValueError, "fold must be either 0 or 1");
        return NULL;
    }
    PyObject *tuple = Py_BuildValue("iiiiiiiO", y, m, d, hh, mm, ss, us, tzinfo);
    if (tuple == NULL) {
        return NULL;
    }
    PyObject *clone = datetime_new(Py_TYPE(self), tuple, NULL);
    Py_DECREF(tuple);
    if (clone != NULL) {
        DT(clone)->fold = (unsigned char)fold;
    }
    return clone;
}

/* ---- comparison and hash ---- */

/* utcoffset() of dt with its fold flipped. */
static PyObject *
flip_fold_offset(PyObject *dt)
{
    PyObject *flip = with_fold(dt, !DATE_GET_FOLD(dt));
    if (flip == NULL) {
        return NULL;
    }
    PyObject *res = datetime_utcoffset(flip, NULL);
    Py_DECREF(flip);
    return res;
}

static int
offsets_differ(PyObject *a, PyObject *b)
{
    if (a == b) {
        return 0;
    }
    if (!DT_DELTA_CHECK(a) || !DT_DELTA_CHECK(b)) {
        return 1;
    }
    return pyrs_dt_delta_cmp(a, b) != 0;
}

/* PEP 495: equal-looking times are unequal when either falls in a fold/gap (its offset depends
 * on fold). 1, 0 or -1. */
static int
pep495_eq_exception(PyObject *self, PyObject *other, PyObject *off_self, PyObject *off_other)
{
    PyObject *flip = flip_fold_offset(self);
    if (flip == NULL) {
        return -1;
    }
    int res = offsets_differ(flip, off_self);
    Py_DECREF(flip);
    if (res) {
        return 1;
    }
    flip = flip_fold_offset(other);
    if (flip == NULL) {
        return -1;
    }
    res = offsets_differ(flip, off_other);
    Py_DECREF(flip);
    return res;
}

static PyObject *
datetime_richcompare(PyObject *self, PyObject *other, int op)
{
    if (!DT_DATETIME_CHECK(other)) {
        if (DT_DATE_CHECK(other)) {
            /* Never compare a datetime by its date part alone. */
            if (op == Py_EQ) {
                Py_RETURN_FALSE;
            }
            if (op == Py_NE) {
                Py_RETURN_TRUE;
            }
            return pyrs_dt_cmperror(self, other);
        }
        Py_RETURN_NOTIMPLEMENTED;
    }
    unsigned char *d1 = DT(self)->data, *d2 = DT(other)->data;
    if (DT_TZINFO(self) == DT_TZINFO(other)) {
        return pyrs_dt_diff_to_bool(memcmp(d1, d2, _PyDateTime_DATETIME_DATASIZE), op);
    }
    PyObject *res = NULL;
    PyObject *off1 = datetime_utcoffset(self, NULL);
    if (off1 == NULL) {
        return NULL;
    }
    PyObject *off2 = datetime_utcoffset(other, NULL);
    if (off2 == NULL) {
        Py_DECREF(off1);
        return NULL;
    }
    int diff;
    if (off1 == off2 ||
        (DT_DELTA_CHECK(off1) && DT_DELTA_CHECK(off2) && pyrs_dt_delta_cmp(off1, off2) == 0)) {
        diff = memcmp(d1, d2, _PyDateTime_DATETIME_DATASIZE);
    } else if (off1 != Py_None && off2 != Py_None) {
        PyObject *delta = subtract_datetimes(self, other);
        if (delta == NULL) {
            goto done;
        }
        diff = TD_DAYS(delta);
        if (diff == 0) {
            diff = TD_SECONDS(delta) | TD_US(delta);
        }
        Py_DECREF(delta);
    } else {
        if (op == Py_EQ) {
            res = Py_NewRef(Py_False);
        } else if (op == Py_NE) {
            res = Py_NewRef(Py_True);
        } else {
            PyErr_SetString(PyExc_TypeError,
                            "can't compare offset-naive and offset-aware datetimes");
        }
        goto done;
    }
    if ((op == Py_EQ || op == Py_NE) && diff == 0) {
        int ex = pep495_eq_exception(self, other, off1, off2);
        if (ex < 0) {
            goto done;
        }
        if (ex) {
            diff = 1;
        }
    }
    res = pyrs_dt_diff_to_bool(diff, op);
done:
    Py_DECREF(off1);
    Py_DECREF(off2);
    return res;
}

static Py_hash_t
datetime_hash(PyObject *self)
{
    PyDateTime_DateTime *dt = DT(self);
    if (dt->hashcode != -1) {
        return dt->hashcode;
    }
    PyObject *self0 = DATE_GET_FOLD(self) ? with_fold(self, 0) : Py_NewRef(self);
    if (self0 == NULL) {
        return -1;
    }
    PyObject *offset = datetime_utcoffset(self0, NULL);
    Py_DECREF(self0);
    if (offset == NULL) {
        return -1;
    }
    if (offset == Py_None) {
        dt->hashcode = _Py_HashBytes(dt->data, _PyDateTime_DATETIME_DATASIZE);
    } else {
        int days = pyrs_dt_ymd_to_ord(GET_YEAR(self), GET_MONTH(self), GET_DAY(self));
        int seconds =
            DATE_GET_HOUR(self) * 3600 + DATE_GET_MINUTE(self) * 60 + DATE_GET_SECOND(self);
        PyObject *temp1 = new_delta(days, seconds, DATE_GET_US(self), 1);
        PyObject *temp2 = temp1 != NULL ? pyrs_dt_delta_sub(temp1, offset) : NULL;
        if (temp2 != NULL) {
            dt->hashcode = PyObject_Hash(temp2);
        }
        Py_XDECREF(temp1);
        Py_XDECREF(temp2);
    }
    Py_DECREF(offset);
    return dt->hashcode;
}

/* ---- pickling ---- */

static PyObject *
datetime_getstate(PyObject *self, int proto)
{
    PyObject *basestate =
        PyBytes_FromStringAndSize((char *)DT(self)->data, _PyDateTime_DATETIME_DATASIZE);
    if (basestate == NULL) {
        return NULL;
    }
    if (proto > 3 && DATE_GET_FOLD(self)) {
        PyBytes_AS_STRING(basestate)[2] |= (char)(1 << 7);
    }
    if (!HASTZINFO(self) || DT(self)->tzinfo == Py_None) {
        return Py_BuildValue("(N)", basestate);
    }
    return Py_BuildValue("NO", basestate, DT(self)->tzinfo);
}

static PyObject *
datetime_reduce_ex(PyObject *self, PyObject *args)
{
    int proto;
    if (!PyArg_ParseTuple(args, "i:__reduce_ex__", &proto)) {
        return NULL;
    }
    return Py_BuildValue("(ON)", Py_TYPE(self), datetime_getstate(self, proto));
}

static PyObject *
datetime_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("(ON)", Py_TYPE(self), datetime_getstate(self, 2));
}

#define KW_METHOD(f) (PyCFunction)(void (*)(void))(f)

static PyMethodDef datetime_methods[] = {
    {"now", KW_METHOD(datetime_now), METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "now($type, /, tz=None)\n--\n\n"
     "Returns new datetime object representing current time local to tz.\n\n"
     "  tz\n    Timezone object.\n\nIf no tz is specified, uses local timezone."},
    {"utcnow", datetime_utcnow, METH_NOARGS | METH_CLASS,
     "Return a new datetime representing UTC day and time."},
    {"fromtimestamp", KW_METHOD(datetime_fromtimestamp), METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "timestamp[, tz] -> tz's local time from POSIX timestamp."},
    {"utcfromtimestamp", datetime_utcfromtimestamp, METH_VARARGS | METH_CLASS,
     "Construct a naive UTC datetime from a POSIX timestamp."},
    {"strptime", datetime_strptime, METH_VARARGS | METH_CLASS,
     "string, format -> new datetime parsed from a string (like time.strptime())."},
    {"combine", KW_METHOD(datetime_combine), METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "date, time -> datetime with same date and time fields"},
    {"fromisoformat", datetime_fromisoformat, METH_O | METH_CLASS,
     "string -> datetime from a string in most ISO 8601 formats"},
    {"date", datetime_getdate, METH_NOARGS, "Return date object with same year, month and day."},
    {"time", datetime_gettime, METH_NOARGS,
     "Return time object with same time but with tzinfo=None."},
    {"timetz", datetime_gettimetz, METH_NOARGS, "Return time object with same time and tzinfo."},
    {"ctime", datetime_ctime, METH_NOARGS, "Return ctime() style string."},
    {"timetuple", datetime_timetuple, METH_NOARGS,
     "Return time tuple, compatible with time.localtime()."},
    {"timestamp", datetime_timestamp, METH_NOARGS, "Return POSIX timestamp as float."},
    {"utctimetuple", datetime_utctimetuple, METH_NOARGS,
     "Return UTC time tuple, compatible with time.localtime()."},
    {"isoformat", KW_METHOD(datetime_isoformat), METH_VARARGS | METH_KEYWORDS,
     "[sep] -> string in ISO 8601 format, YYYY-MM-DDT[HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM].\n"
     "sep is used to separate the year from the time, and defaults to 'T'.\n"
     "The optional argument timespec specifies the number of additional terms\n"
     "of the time to include. Valid options are 'auto', 'hours', 'minutes',\n"
     "'seconds', 'milliseconds' and 'microseconds'.\n"},
    {"utcoffset", datetime_utcoffset, METH_NOARGS, "Return self.tzinfo.utcoffset(self)."},
    {"tzname", datetime_tzname, METH_NOARGS, "Return self.tzinfo.tzname(self)."},
    {"dst", datetime_dst, METH_NOARGS, "Return self.tzinfo.dst(self)."},
    {"replace", KW_METHOD(datetime_replace), METH_VARARGS | METH_KEYWORDS,
     "Return datetime with new specified fields."},
    {"astimezone", KW_METHOD(datetime_astimezone), METH_VARARGS | METH_KEYWORDS,
     "tz -> convert to local time in new timezone tz\n"},
    {"__reduce_ex__", datetime_reduce_ex, METH_VARARGS, "__reduce_ex__(proto) -> (cls, state)"},
    {"__reduce__", datetime_reduce, METH_NOARGS, "__reduce__() -> (cls, state)"},
    {NULL, NULL, 0, NULL},
};

static PyNumberMethods datetime_as_number = {
    .nb_add = datetime_add,
    .nb_subtract = datetime_subtract,
};

PyTypeObject pyrs_dt_datetime_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "datetime.datetime",
    .tp_basicsize = sizeof(PyDateTime_DateTime),
    .tp_dealloc = datetime_dealloc,
    .tp_repr = datetime_repr,
    .tp_as_number = &datetime_as_number,
    .tp_hash = datetime_hash,
    .tp_str = datetime_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])\n\n"
              "The year, month and day arguments are required. tzinfo may be None, or an\n"
              "instance of a tzinfo subclass. The remaining arguments may be ints.\n",
    .tp_richcompare = datetime_richcompare,
    .tp_methods = datetime_methods,
    .tp_getset = datetime_getset,
    .tp_base = &pyrs_dt_date_type,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = datetime_new,
    .tp_free = PyObject_Del,
};

/* Readies the type, sets datetime.min/max/resolution and creates the epoch: 0 or -1. */
int
pyrs_dt_datetime_ready(void)
{
    if (PyType_Ready(&pyrs_dt_datetime_type) < 0) {
        return -1;
    }
    PyObject *d = pyrs_dt_datetime_type.tp_dict;
    PyObject *mn = new_datetime(1, 1, 1, 0, 0, 0, 0, Py_None, 0);
    PyObject *mx = new_datetime(MAXYEAR, 12, 31, 23, 59, 59, 999999, Py_None, 0);
    PyObject *res = new_delta(0, 0, 1, 0);
    int rc = -1;
    if (mn != NULL && mx != NULL && res != NULL && PyDict_SetItemString(d, "min", mn) == 0 &&
        PyDict_SetItemString(d, "max", mx) == 0 &&
        PyDict_SetItemString(d, "resolution", res) == 0) {
        rc = 0;
    }
    Py_XDECREF(mn);
    Py_XDECREF(mx);
    Py_XDECREF(res);
    PyType_Modified(&pyrs_dt_datetime_type);
    if (rc == 0 && pyrs_dt_epoch == NULL) {
        pyrs_dt_epoch = new_datetime(1970, 1, 1, 0, 0, 0, 0, pyrs_dt_utc, 0);
        if (pyrs_dt_epoch == NULL) {
            rc = -1;
        }
    }
    return rc;
}
