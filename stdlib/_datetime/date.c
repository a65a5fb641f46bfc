/* stdlib/_datetime/date.c: datetime.date (PyDateTime_Date) and datetime.IsoCalendarDate:
 * constructors (including the pickle state forms), today/fromtimestamp/fromordinal/
 * fromisoformat/fromisocalendar, formatting, ordinals and ISO calendar, arithmetic with
 * timedelta, comparison, hashing and pickling as CPython 3.11's C implementation. */
#include "dt.h"

#include <time.h>

#include "../posix/pytime.h"

static const char *const day_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

PyObject *
pyrs_dt_date_new(int year, int month, int day, PyTypeObject *type)
{
    if (pyrs_dt_check_date_args(year, month, day) < 0) {
        return NULL;
    }
    PyDateTime_Date *self = (PyDateTime_Date *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->hashcode = -1;
        self->hastzinfo = 0;
        dt_set_ymd(self->data, year, month, day);
    }
    return (PyObject *)self;
}

#define new_date(y, m, d) pyrs_dt_date_new(y, m, d, &pyrs_dt_date_type)

PyObject *
pyrs_dt_date_new_subclass(int year, int month, int day, PyObject *cls)
{
    if ((PyTypeObject *)cls == &pyrs_dt_date_type) {
        return new_date(year, month, day);
    }
    if (PyType_IsSubtype((PyTypeObject *)cls, &pyrs_dt_datetime_type)) {
        return pyrs_dt_datetime_new_subclass(year, month, day, 0, 0, 0, 0, Py_None, 0, cls);
    }
    return PyObject_CallFunction(cls, "iii", year, month, day);
}

/* A date from its 4 pickled bytes. */
static PyObject *
date_from_state(PyTypeObject *type, PyObject *state)
{
    PyDateTime_Date *me = (PyDateTime_Date *)type->tp_alloc(type, 0);
    if (me != NULL) {
        memcpy(me->data, PyBytes_AS_STRING(state), _PyDateTime_DATE_DATASIZE);
        me->hashcode = -1;
        me->hastzinfo = 0;
    }
    return (PyObject *)me;
}

#define MONTH_IS_SANE(m) ((unsigned int)(m)-1 < 12)

static PyObject *
date_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"year", "month", "day", NULL};
    if (PyTuple_GET_SIZE(args) == 1) {
        PyObject *state = PyTuple_GET_ITEM(args, 0);
        if (PyBytes_Check(state)) {
            if (PyBytes_GET_SIZE(state) == _PyDateTime_DATE_DATASIZE &&
                MONTH_IS_SANE(PyBytes_AS_STRING(state)[2])) {
                return date_from_state(type, state);
            }
        } else if (PyUnicode_Check(state)) {
            if (PyUnicode_GET_LENGTH(state) == _PyDateTime_DATE_DATASIZE &&
                MONTH_IS_SANE(PyUnicode_READ_CHAR(state, 2))) {
                PyObject *b = PyUnicode_AsLatin1String(state);
                if (b == NULL) {
                    if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
                        PyErr_SetString(PyExc_ValueError,
                                        "Failed to encode latin1 string when unpickling a date "
                                        "object. pickle.load(data, encoding='latin1') is "
                                        "assumed.");
                    }
                    return NULL;
                }
                PyObject *res = date_from_state(type, b);
                Py_DECREF(b);
                return res;
            }
        }
    }
    int year, month, day;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "iii", (char **)keywords, &year, &month, &day)) {
        return NULL;
    }
    return pyrs_dt_date_new(year, month, day, type);
}

static void
date_dealloc(PyObject *self)
{
    Py_TYPE(self)->tp_free(self);
}

/* ---- class methods ---- */

static PyObject *
date_fromtimestamp_impl(PyObject *cls, PyObject *obj)
{
    struct tm tm;
    time_t t;
    if (_PyTime_ObjectToTime_t(obj, &t, _PyTime_ROUND_FLOOR) == -1) {
        return NULL;
    }
    if (_PyTime_localtime(t, &tm) != 0) {
        return NULL;
    }
    return pyrs_dt_date_new_subclass(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, cls);
}

static PyObject *
date_fromtimestamp(PyObject *cls, PyObject *obj)
{
    return date_fromtimestamp_impl(cls, obj);
}

PyObject *
pyrs_dt_date_fromtimestamp_capi(PyObject *cls, PyObject *args)
{
    PyObject *ts;
    if (!PyArg_ParseTuple(args, "O:fromtimestamp", &ts)) {
        return NULL;
    }
    return date_fromtimestamp_impl(cls, ts);
}

static PyObject *
date_today(PyObject *cls, PyObject *Py_UNUSED(ignored))
{
    PyObject *time = PyImport_ImportModule("time");
    if (time == NULL) {
        return NULL;
    }
    PyObject *now = PyObject_CallMethod(time, "time", NULL);
    Py_DECREF(time);
    if (now == NULL) {
        return NULL;
    }
    /* cls may be datetime, which needs time.time()'s full precision. */
    PyObject *res = PyObject_CallMethod(cls, "fromtimestamp", "O", now);
    Py_DECREF(now);
    return res;
}

static PyObject *
date_fromordinal(PyObject *cls, PyObject *args)
{
    int ordinal, y, m, d;
    if (!PyArg_ParseTuple(args, "i:fromordinal", &ordinal)) {
        return NULL;
    }
    if (ordinal < 1) {
        PyErr_SetString(PyExc_ValueError, "ordinal must be >= 1");
        return NULL;
    }
    pyrs_dt_ord_to_ymd(ordinal, &y, &m, &d);
    return pyrs_dt_date_new_subclass(y, m, d, cls);
}

static PyObject *
date_fromisoformat(PyObject *cls, PyObject *dtstr)
{
    if (!PyUnicode_Check(dtstr)) {
        PyErr_SetString(PyExc_TypeError, "fromisoformat: argument must be str");
        return NULL;
    }
    Py_ssize_t len;
    const char *p = PyUnicode_AsUTF8AndSize(dtstr, &len);
    if (p == NULL) {
        if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
            PyErr_Clear();
            return pyrs_dt_iso_error(dtstr);
        }
        return NULL;
    }
    int year = 0, month = 0, day = 0, rv = -1;
    if (len == 7 || len == 8 || len == 10) {
        rv = pyrs_dt_parse_iso_date(p, (size_t)len, &year, &month, &day);
    }
    if (rv < 0) {
        return pyrs_dt_iso_error(dtstr);
    }
    return pyrs_dt_date_new_subclass(year, month, day, cls);
}

static PyObject *
date_fromisocalendar(PyObject *cls, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"year", "week", "day", NULL};
    int year, week, day, month;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "iii:fromisocalendar", (char **)keywords, &year,
                                     &week, &day)) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_SetString(PyExc_ValueError, "ISO calendar component out of range");
        }
        return NULL;
    }
    if (year < MINYEAR || year > MAXYEAR) {
        PyErr_Format(PyExc_ValueError, "Year is out of range: %d", year);
        return NULL;
    }
    int wk = week, wd = day;
    int rv = pyrs_dt_iso_to_ymd(year, week, day, &year, &month, &day);
    if (rv == -2) {
        PyErr_Format(PyExc_ValueError, "Invalid week: %d", wk);
        return NULL;
    }
    if (rv == -3) {
        PyErr_Format(PyExc_ValueError, "Invalid day: %d (range is [1, 7])", wd);
        return NULL;
    }
    return pyrs_dt_date_new_subclass(year, month, day, cls);
}

/* ---- accessors and formatting ---- */

static PyObject *
date_year(PyObject *self, void *unused)
{
    (void)unused;
    return PyLong_FromLong(GET_YEAR(self));
}

static PyObject *
date_month(PyObject *self, void *unused)
{
    (void)unused;
    return PyLong_FromLong(GET_MONTH(self));
}

static PyObject *
date_day(PyObject *self, void *unused)
{
    (void)unused;
    return PyLong_FromLong(GET_DAY(self));
}

static PyGetSetDef date_getset[] = {
    {"year", date_year, NULL, NULL, NULL},
    {"month", date_month, NULL, NULL, NULL},
    {"day", date_day, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyObject *
date_repr(PyObject *self)
{
    return PyUnicode_FromFormat("%s(%d, %d, %d)", DT_TYPE_NAME(self), GET_YEAR(self),
                                GET_MONTH(self), GET_DAY(self));
}

static PyObject *
date_isoformat(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%04d-%02d-%02d", GET_YEAR(self), GET_MONTH(self), GET_DAY(self));
    return PyUnicode_FromString(buf);
}

static PyObject *
date_str(PyObject *self)
{
    return PyObject_CallMethod(self, "isoformat", NULL);
}

static PyObject *
date_ctime(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    char buf[64];
    int y = GET_YEAR(self), m = GET_MONTH(self), d = GET_DAY(self);
    snprintf(buf, sizeof(buf), "%s %s %2d %02d:%02d:%02d %04d", day_names[pyrs_dt_weekday(y, m, d)],
             month_names[m - 1], d, 0, 0, 0, y);
    return PyUnicode_FromString(buf);
}

static PyObject *
date_timetuple(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return pyrs_dt_build_struct_time(GET_YEAR(self), GET_MONTH(self), GET_DAY(self), 0, 0, 0, -1);
}

static PyObject *
date_strftime(PyObject *self, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"format", NULL};
    PyObject *format;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "U:strftime", (char **)keywords, &format)) {
        return NULL;
    }
    PyObject *tuple = PyObject_CallMethod(self, "timetuple", NULL);
    if (tuple == NULL) {
        return NULL;
    }
    PyObject *res = pyrs_dt_wrap_strftime(self, format, tuple, self);
    Py_DECREF(tuple);
    return res;
}

static PyObject *
date_format(PyObject *self, PyObject *args)
{
    PyObject *format;
    if (!PyArg_ParseTuple(args, "U:__format__", &format)) {
        return NULL;
    }
    if (PyUnicode_GetLength(format) == 0) {
        return PyObject_Str(self);
    }
    return PyObject_CallMethod(self, "strftime", "O", format);
}

static PyObject *
date_toordinal(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(pyrs_dt_ymd_to_ord(GET_YEAR(self), GET_MONTH(self), GET_DAY(self)));
}

static PyObject *
date_weekday(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(pyrs_dt_weekday(GET_YEAR(self), GET_MONTH(self), GET_DAY(self)));
}

static PyObject *
date_isoweekday(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(pyrs_dt_weekday(GET_YEAR(self), GET_MONTH(self), GET_DAY(self)) + 1);
}

static PyObject *
date_isocalendar(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    int year = GET_YEAR(self);
    int week1_monday = pyrs_dt_iso_week1_monday(year);
    int today = pyrs_dt_ymd_to_ord(year, GET_MONTH(self), GET_DAY(self));
    int day;
    int week = pyrs_dt_divmod(today - week1_monday, 7, &day);
    if (week < 0) {
        --year;
        week1_monday = pyrs_dt_iso_week1_monday(year);
        week = pyrs_dt_divmod(today - week1_monday, 7, &day);
    } else if (week >= 52 && today >= pyrs_dt_iso_week1_monday(year + 1)) {
        ++year;
        week = 0;
    }
    return PyObject_CallFunction((PyObject *)&pyrs_dt_isocal_type, "iii", year, week + 1, day + 1);
}

static PyObject *
date_replace(PyObject *self, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"year", "month", "day", NULL};
    int y = GET_YEAR(self), m = GET_MONTH(self), d = GET_DAY(self);
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|iii:replace", (char **)keywords, &y, &m, &d)) {
        return NULL;
    }
    PyObject *tuple = Py_BuildValue("iii", y, m, d);
    if (tuple == NULL) {
        return NULL;
    }
    PyObject *clone = date_new(Py_TYPE(self), tuple, NULL);
    Py_DECREF(tuple);
    return clone;
}

static PyObject *
date_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("(O(N))", Py_TYPE(self),
                         PyBytes_FromStringAndSize((char *)((PyDateTime_Date *)self)->data,
                                                   _PyDateTime_DATE_DATASIZE));
}

/* ---- arithmetic, comparison, hash ---- */

/* date +/- delta (days only) as an instance of date's class. */
static PyObject *
add_date_timedelta(PyObject *date, PyObject *delta, int negate)
{
    int days = TD_DAYS(delta);
    int y = GET_YEAR(date), m = GET_MONTH(date);
    int d = GET_DAY(date) + (negate ? -days : days);
    if (pyrs_dt_normalize_date(&y, &m, &d) < 0) {
        return NULL;
    }
    return pyrs_dt_date_new_subclass(y, m, d, (PyObject *)Py_TYPE(date));
}

static PyObject *
date_add(PyObject *left, PyObject *right)
{
    if (DT_DATETIME_CHECK(left) || DT_DATETIME_CHECK(right)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (DT_DATE_CHECK(left)) {
        if (DT_DELTA_CHECK(right)) {
            return add_date_timedelta(left, right, 0);
        }
    } else if (DT_DELTA_CHECK(left)) {
        return add_date_timedelta(right, left, 0);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *
date_subtract(PyObject *left, PyObject *right)
{
    if (DT_DATETIME_CHECK(left) || DT_DATETIME_CHECK(right)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (DT_DATE_CHECK(left)) {
        if (DT_DATE_CHECK(right)) {
            int l = pyrs_dt_ymd_to_ord(GET_YEAR(left), GET_MONTH(left), GET_DAY(left));
            int r = pyrs_dt_ymd_to_ord(GET_YEAR(right), GET_MONTH(right), GET_DAY(right));
            return new_delta(l - r, 0, 0, 0);
        }
        if (DT_DELTA_CHECK(right)) {
            return add_date_timedelta(left, right, 1);
        }
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *
date_richcompare(PyObject *self, PyObject *other, int op)
{
    if (DT_DATE_CHECK(other)) {
        int diff = memcmp(((PyDateTime_Date *)self)->data, ((PyDateTime_Date *)other)->data,
                          _PyDateTime_DATE_DATASIZE);
        return pyrs_dt_diff_to_bool(diff, op);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static Py_hash_t
date_hash(PyObject *self)
{
    PyDateTime_Date *d = (PyDateTime_Date *)self;
    if (d->hashcode == -1) {
        d->hashcode = _Py_HashBytes(d->data, _PyDateTime_DATE_DATASIZE);
    }
    return d->hashcode;
}

static PyMethodDef date_methods[] = {
    {"fromtimestamp", date_fromtimestamp, METH_O | METH_CLASS,
     "fromtimestamp($type, timestamp, /)\n--\n\n"
     "Create a date from a POSIX timestamp.\n\nThe timestamp is a number, e.g. created via "
     "time.time(), that is interpreted\nas local time."},
    {"fromordinal", date_fromordinal, METH_VARARGS | METH_CLASS,
     "int -> date corresponding to a proleptic Gregorian ordinal."},
    {"fromisoformat", date_fromisoformat, METH_O | METH_CLASS,
     "str -> Construct a date from a string in ISO 8601 format."},
    {"fromisocalendar", (PyCFunction)(void (*)(void))date_fromisocalendar,
     METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "int, int, int -> Construct a date from the ISO year, week number and weekday.\n\n"
     "This is the inverse of the date.isocalendar() function"},
    {"today", date_today, METH_NOARGS | METH_CLASS,
     "Current date or datetime:  same as self.__class__.fromtimestamp(time.time())."},
    {"ctime", date_ctime, METH_NOARGS, "Return ctime() style string."},
    {"strftime", (PyCFunction)(void (*)(void))date_strftime, METH_VARARGS | METH_KEYWORDS,
     "format -> strftime() style string."},
    {"__format__", date_format, METH_VARARGS, "Formats self with strftime."},
    {"timetuple", date_timetuple, METH_NOARGS,
     "Return time tuple, compatible with time.localtime()."},
    {"isocalendar", date_isocalendar, METH_NOARGS,
     "Return a named tuple containing ISO year, week number, and weekday."},
    {"isoformat", date_isoformat, METH_NOARGS, "Return string in ISO 8601 format, YYYY-MM-DD."},
    {"isoweekday", date_isoweekday, METH_NOARGS,
     "Return the day of the week represented by the date.\nMonday == 1 ... Sunday == 7"},
    {"toordinal", date_toordinal, METH_NOARGS,
     "Return proleptic Gregorian ordinal.  January 1 of year 1 is day 1."},
    {"weekday", date_weekday, METH_NOARGS,
     "Return the day of the week represented by the date.\nMonday == 0 ... Sunday == 6"},
    {"replace", (PyCFunction)(void (*)(void))date_replace, METH_VARARGS | METH_KEYWORDS,
     "Return date with new specified fields."},
    {"__reduce__", date_reduce, METH_NOARGS, "__reduce__() -> (cls, state)"},
    {NULL, NULL, 0, NULL},
};

static PyNumberMethods date_as_number = {
    .nb_add = date_add,
    .nb_subtract = date_subtract,
};

PyTypeObject pyrs_dt_date_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "datetime.date",
    .tp_basicsize = sizeof(PyDateTime_Date),
    .tp_dealloc = date_dealloc,
    .tp_repr = date_repr,
    .tp_as_number = &date_as_number,
    .tp_hash = date_hash,
    .tp_str = date_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "date(year, month, day) --> date object",
    .tp_richcompare = date_richcompare,
    .tp_methods = date_methods,
    .tp_getset = date_getset,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = date_new,
    .tp_free = PyObject_Del,
};

/* ---- IsoCalendarDate: a tuple with named fields that pickles as a plain tuple ---- */

static PyObject *
isocal_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"year", "week", "weekday", NULL};
    int year, week, weekday;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "iii:IsoCalendarDate", (char **)keywords, &year,
                                     &week, &weekday)) {
        return NULL;
    }
    PyObject *self = PyTuple_Type.tp_alloc(type, 3);
    if (self == NULL) {
        return NULL;
    }
    PyObject *items[3] = {PyLong_FromLong(year), PyLong_FromLong(week), PyLong_FromLong(weekday)};
    for (int i = 0; i < 3; i++) {
        if (items[i] == NULL) {
            for (int j = 0; j < 3; j++) {
                Py_XDECREF(items[j]);
            }
            Py_DECREF(self);
            return NULL;
        }
    }
    for (int i = 0; i < 3; i++) {
        PyTuple_SET_ITEM(self, i, items[i]);
    }
    return self;
}

static PyObject *
isocal_repr(PyObject *self)
{
    return PyUnicode_FromFormat("%.200s(year=%S, week=%S, weekday=%S)", Py_TYPE(self)->tp_name,
                                PyTuple_GET_ITEM(self, 0), PyTuple_GET_ITEM(self, 1),
                                PyTuple_GET_ITEM(self, 2));
}

static PyObject *
isocal_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *plain = PyTuple_GetSlice(self, 0, PyTuple_GET_SIZE(self));
    if (plain == NULL) {
        return NULL;
    }
    return Py_BuildValue("(O(N))", &PyTuple_Type, plain);
}

static PyObject *
isocal_field(PyObject *self, void *index)
{
    return Py_NewRef(PyTuple_GET_ITEM(self, (Py_ssize_t)index));
}

static PyGetSetDef isocal_getset[] = {
    {"year", isocal_field, NULL, NULL, (void *)0},
    {"week", isocal_field, NULL, NULL, (void *)1},
    {"weekday", isocal_field, NULL, NULL, (void *)2},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMethodDef isocal_methods[] = {
    {"__reduce__", isocal_reduce, METH_NOARGS, "__reduce__() -> (cls, state)"},
    {NULL, NULL, 0, NULL},
};

PyTypeObject pyrs_dt_isocal_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "datetime.IsoCalendarDate",
    .tp_basicsize = sizeof(PyTupleObject) - sizeof(PyObject *),
    .tp_itemsize = sizeof(PyObject *),
    .tp_repr = isocal_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The result of date.isocalendar() or datetime.isocalendar()\n\n"
              "This object may be accessed either as a tuple of\n"
              "  ((year, week, weekday)\n"
              "or via the object attributes as named in the above tuple.",
    .tp_methods = isocal_methods,
    .tp_getset = isocal_getset,
    .tp_base = &PyTuple_Type,
    .tp_new = isocal_new,
};

/* Readies date and IsoCalendarDate and sets date.min/max/resolution: 0 or -1. */
int
pyrs_dt_date_ready(void)
{
    if (PyType_Ready(&pyrs_dt_date_type) < 0 || PyType_Ready(&pyrs_dt_isocal_type) < 0) {
        return -1;
    }
    PyObject *d = pyrs_dt_date_type.tp_dict;
    PyObject *mn = new_date(1, 1, 1);
    PyObject *mx = new_date(MAXYEAR, 12, 31);
    PyObject *res = new_delta(1, 0, 0, 0);
    int rc = -1;
    if (mn != NULL && mx != NULL && res != NULL && PyDict_SetItemString(d, "min", mn) == 0 &&
        PyDict_SetItemString(d, "max", mx) == 0 &&
        PyDict_SetItemString(d, "resolution", res) == 0) {
        rc = 0;
    }
    Py_XDECREF(mn);
    Py_XDECREF(mx);
    Py_XDECREF(res);
    PyType_Modified(&pyrs_dt_date_type);
    return rc;
}
