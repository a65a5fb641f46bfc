/* stdlib/_datetime/tzinfo.c: datetime.tzinfo (the abstract base: fromutc's standard algorithm,
 * pickling through __getinitargs__/__getstate__) and datetime.timezone (fixed offsets, the utc
 * singleton, min/max), plus the checked calls of utcoffset/dst/tzname every type uses, with
 * CPython 3.11's messages. */
#include "dt.h"

#include "structmember.h"

typedef struct {
    PyObject_HEAD
    PyObject *offset; /* timedelta strictly within a day */
    PyObject *name;   /* str, or NULL for the default UTC+HH:MM name */
} PyDateTime_TimeZone;

PyObject *pyrs_dt_utc = NULL;

/* ---- checked tzinfo calls ---- */

static PyObject *
call_offset_method(PyObject *tzinfo, const char *name, PyObject *arg)
{
    if (tzinfo == Py_None) {
        Py_RETURN_NONE;
    }
    PyObject *offset = PyObject_CallMethod(tzinfo, name, "O", arg);
    if (offset == NULL || offset == Py_None) {
        return offset;
    }
    if (!DT_DELTA_CHECK(offset)) {
        PyErr_Format(PyExc_TypeError, "tzinfo.%s() must return None or timedelta, not '%.200s'",
                     name, Py_TYPE(offset)->tp_name);
        Py_DECREF(offset);
        return NULL;
    }
    int d = TD_DAYS(offset);
    if ((d == -1 && TD_SECONDS(offset) == 0 && TD_US(offset) < 1) || d < -1 || d >= 1) {
        Py_DECREF(offset);
        PyErr_Format(PyExc_ValueError, "offset must be a timedelta strictly between"
                                       " -timedelta(hours=24) and timedelta(hours=24).");
        return NULL;
    }
    return offset;
}

PyObject *
pyrs_dt_call_utcoffset(PyObject *tzinfo, PyObject *arg)
{
    return call_offset_method(tzinfo, "utcoffset", arg);
}

PyObject *
pyrs_dt_call_dst(PyObject *tzinfo, PyObject *arg)
{
    return call_offset_method(tzinfo, "dst", arg);
}

PyObject *
pyrs_dt_call_tzname(PyObject *tzinfo, PyObject *arg)
{
    if (tzinfo == Py_None) {
        Py_RETURN_NONE;
    }
    PyObject *res = PyObject_CallMethod(tzinfo, "tzname", "O", arg);
    if (res == NULL || res == Py_None) {
        return res;
    }
    if (!PyUnicode_Check(res)) {
        PyErr_Format(PyExc_TypeError, "tzinfo.tzname() must return None or a string, not '%s'",
                     Py_TYPE(res)->tp_name);
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

/* Splits a non-negative offset into fields and writes it; sign chosen by the caller. */
static void
write_offset(char *buf, size_t buflen, char sign, const char *sep, int seconds, int us)
{
    int minutes = pyrs_dt_divmod(seconds, 60, &seconds);
    int hours = pyrs_dt_divmod(minutes, 60, &minutes);
    if (us) {
        snprintf(buf, buflen, "%c%02d%s%02d%s%02d.%06d", sign, hours, sep, minutes, sep, seconds,
                 us);
    } else if (seconds) {
        snprintf(buf, buflen, "%c%02d%s%02d%s%02d", sign, hours, sep, minutes, sep, seconds);
    } else {
        snprintf(buf, buflen, "%c%02d%s%02d", sign, hours, sep, minutes);
    }
}

int
pyrs_dt_format_utcoffset(char *buf, size_t buflen, const char *sep, PyObject *tzinfo, PyObject *arg)
{
    PyObject *offset = pyrs_dt_call_utcoffset(tzinfo, arg);
    if (offset == NULL) {
        return -1;
    }
    if (offset == Py_None) {
        Py_DECREF(offset);
        *buf = '\0';
        return 0;
    }
    char sign = '+';
    if (TD_DAYS(offset) < 0) {
        sign = '-';
        PyObject *neg = pyrs_dt_delta_neg(offset);
        Py_DECREF(offset);
        if (neg == NULL) {
            return -1;
        }
        offset = neg;
    }
    write_offset(buf, buflen, sign, sep, TD_SECONDS(offset), TD_US(offset));
    Py_DECREF(offset);
    return 0;
}

int
pyrs_dt_check_tzinfo_subclass(PyObject *p)
{
    if (p == Py_None || DT_TZINFO_CHECK(p)) {
        return 0;
    }
    PyErr_Format(PyExc_TypeError,
                 "tzinfo argument must be None or of a tzinfo subclass, not type '%s'",
                 Py_TYPE(p)->tp_name);
    return -1;
}

PyObject *
pyrs_dt_call_fromutc_steal(PyObject *tzinfo, PyObject *dt)
{
    if (dt == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_CallMethod(tzinfo, "fromutc", "O", dt);
    Py_DECREF(dt);
    return res;
}

/* ---- tzinfo ---- */

static PyObject *
tzinfo_nogo(const char *methodname)
{
    PyErr_Format(PyExc_NotImplementedError, "a tzinfo subclass must implement %s()", methodname);
    return NULL;
}

static PyObject *
tzinfo_tzname(PyObject *self, PyObject *dt)
{
    (void)self;
    (void)dt;
    return tzinfo_nogo("tzname");
}

static PyObject *
tzinfo_utcoffset(PyObject *self, PyObject *dt)
{
    (void)self;
    (void)dt;
    return tzinfo_nogo("utcoffset");
}

static PyObject *
tzinfo_dst(PyObject *self, PyObject *dt)
{
    (void)self;
    (void)dt;
    return tzinfo_nogo("dst");
}

/* dt + (utcoffset - dst), then + dst of the result: the standard fromutc for zones whose
 * standard offset does not change. */
static PyObject *
tzinfo_fromutc(PyObject *self, PyObject *dt)
{
    if (!DT_DATETIME_CHECK(dt)) {
        PyErr_SetString(PyExc_TypeError, "fromutc: argument must be a datetime");
        return NULL;
    }
    if (!HASTZINFO(dt) || ((PyDateTime_DateTime *)dt)->tzinfo != self) {
        PyErr_SetString(PyExc_ValueError, "fromutc: dt.tzinfo is not self");
        return NULL;
    }
    PyObject *off = NULL, *dst = NULL, *delta = NULL, *res = NULL;
    off = pyrs_dt_call_utcoffset(self, dt);
    if (off == NULL) {
        return NULL;
    }
    if (off == Py_None) {
        PyErr_SetString(PyExc_ValueError, "fromutc: non-None utcoffset() result required");
        goto done;
    }
    dst = pyrs_dt_call_dst(self, dt);
    if (dst == NULL) {
        goto done;
    }
    if (dst == Py_None) {
        PyErr_SetString(PyExc_ValueError, "fromutc: non-None dst() result required");
        goto done;
    }
    delta = pyrs_dt_delta_sub(off, dst);
    if (delta == NULL) {
        goto done;
    }
    Py_CLEAR(dst);
    res = PyNumber_Add(dt, delta);
    if (res == NULL) {
        goto done;
    }
    dst = pyrs_dt_call_dst(self, res);
    if (dst == NULL) {
        Py_CLEAR(res);
        goto done;
    }
    if (dst == Py_None) {
        Py_CLEAR(res);
        goto no_dst;
    }
    if (TD_DAYS(dst) || TD_SECONDS(dst) || TD_US(dst)) {
        Py_SETREF(res, PyNumber_Add(res, dst));
    }
    goto done;
no_dst:
    PyErr_SetString(PyExc_ValueError, "fromutc: tz.dst() gave inconsistent results; cannot "
                                      "convert");
done:
    Py_XDECREF(off);
    Py_XDECREF(dst);
    Py_XDECREF(delta);
    return res;
}

/* getattr(obj, name) into *res, NULL when missing: 1, 0 or -1. */
static int
lookup_attr(PyObject *obj, const char *name, PyObject **res)
{
    PyObject *key = PyUnicode_InternFromString(name);
    if (key == NULL) {
        *res = NULL;
        return -1;
    }
    int rc = _PyObject_LookupAttr(obj, key, res);
    Py_DECREF(key);
    return rc;
}

/* (type, __getinitargs__() or (), __getstate__()) as the pure module's tzinfo.__reduce__. */
static PyObject *
tzinfo_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *getinitargs, *args, *state;
    if (lookup_attr(self, "__getinitargs__", &getinitargs) < 0) {
        return NULL;
    }
    if (getinitargs != NULL) {
        args = PyObject_CallNoArgs(getinitargs);
        Py_DECREF(getinitargs);
    } else {
        args = PyTuple_New(0);
    }
    if (args == NULL) {
        return NULL;
    }
    PyObject *getstate;
    if (lookup_attr(self, "__getstate__", &getstate) < 0) {
        Py_DECREF(args);
        return NULL;
    }
    if (getstate != NULL) {
        state = PyObject_CallNoArgs(getstate);
        Py_DECREF(getstate);
    } else {
        PyObject *dict = PyObject_GenericGetDict(self, NULL);
        if (dict == NULL) {
            PyErr_Clear();
            state = Py_NewRef(Py_None);
        } else if (PyDict_GET_SIZE(dict) == 0) {
            Py_DECREF(dict);
            state = Py_NewRef(Py_None);
        } else {
            state = dict;
        }
    }
    if (state == NULL) {
        Py_DECREF(args);
        return NULL;
    }
    return Py_BuildValue("(ONN)", Py_TYPE(self), args, state);
}

static PyMethodDef tzinfo_methods[] = {
    {"tzname", tzinfo_tzname, METH_O, "datetime -> string name of time zone."},
    {"utcoffset", tzinfo_utcoffset, METH_O,
     "datetime -> timedelta showing offset from UTC, negative values indicating West of UTC"},
    {"dst", tzinfo_dst, METH_O, "datetime -> DST offset as timedelta positive east of UTC."},
    {"fromutc", tzinfo_fromutc, METH_O, "datetime in UTC -> datetime in local time."},
    {"__reduce__", tzinfo_reduce, METH_NOARGS, "-> (cls, state)"},
    {NULL, NULL, 0, NULL},
};

static void
tzinfo_dealloc(PyObject *self)
{
    Py_TYPE(self)->tp_free(self);
}

PyTypeObject pyrs_dt_tzinfo_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "datetime.tzinfo",
    .tp_basicsize = sizeof(PyDateTime_TZInfo),
    .tp_dealloc = tzinfo_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Abstract base class for time zone info objects.",
    .tp_methods = tzinfo_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_Del,
};

/* ---- timezone ---- */

static PyObject *
create_timezone(PyObject *offset, PyObject *name)
{
    PyTypeObject *type = &pyrs_dt_timezone_type;
    PyDateTime_TimeZone *self = (PyDateTime_TimeZone *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->offset = Py_NewRef(offset);
    self->name = Py_XNewRef(name);
    return (PyObject *)self;
}

static int
delta_bool_(PyObject *d)
{
    return TD_DAYS(d) != 0 || TD_SECONDS(d) != 0 || TD_US(d) != 0;
}

PyObject *
pyrs_dt_timezone_new(PyObject *offset, PyObject *name)
{
    if (name == NULL && !delta_bool_(offset) && pyrs_dt_utc != NULL) {
        return Py_NewRef(pyrs_dt_utc);
    }
    if ((TD_DAYS(offset) == -1 && TD_SECONDS(offset) == 0 && TD_US(offset) < 1) ||
        TD_DAYS(offset) < -1 || TD_DAYS(offset) >= 1) {
        PyErr_Format(PyExc_ValueError,
                     "offset must be a timedelta strictly between -timedelta(hours=24) and "
                     "timedelta(hours=24), not %R.",
                     offset);
        return NULL;
    }
    return create_timezone(offset, name);
}

PyObject *
pyrs_dt_tzinfo_from_iso(int rv, int tzoffset, int tzus)
{
    if (rv != 1) {
        Py_RETURN_NONE;
    }
    if (tzoffset == 0) {
        return Py_NewRef(pyrs_dt_utc);
    }
    PyObject *delta = new_delta(0, tzoffset, tzus, 1);
    if (delta == NULL) {
        return NULL;
    }
    PyObject *res = pyrs_dt_timezone_new(delta, NULL);
    Py_DECREF(delta);
    return res;
}

static PyObject *
timezone_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"offset", "name", NULL};
    PyObject *offset, *name = NULL;
    (void)type;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!|U:timezone", (char **)keywords,
                                     &pyrs_dt_delta_type, &offset, &name)) {
        return NULL;
    }
    return pyrs_dt_timezone_new(offset, name);
}

static void
timezone_dealloc(PyObject *self)
{
    PyDateTime_TimeZone *tz = (PyDateTime_TimeZone *)self;
    Py_CLEAR(tz->offset);
    Py_CLEAR(tz->name);
    Py_TYPE(self)->tp_free(self);
}

static PyObject *
timezone_richcompare(PyObject *self, PyObject *other, int op)
{
    if (op != Py_EQ && op != Py_NE) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (!DT_TIMEZONE_CHECK(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return pyrs_dt_diff_to_bool(pyrs_dt_delta_cmp(((PyDateTime_TimeZone *)self)->offset,
                                                  ((PyDateTime_TimeZone *)other)->offset),
                                op);
}

static Py_hash_t
timezone_hash(PyObject *self)
{
    return PyObject_Hash(((PyDateTime_TimeZone *)self)->offset);
}

/* utcoffset/dst/tzname accept only a datetime or None. */
static int
check_tzinfo_arg(PyObject *dt, const char *meth)
{
    if (dt == Py_None || DT_DATETIME_CHECK(dt)) {
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "%s(dt) argument must be a datetime instance or None, not %.200s",
                 meth, Py_TYPE(dt)->tp_name);
    return -1;
}

static PyObject *
timezone_name(PyDateTime_TimeZone *self)
{
    if (self->name != NULL) {
        return Py_NewRef(self->name);
    }
    if ((PyObject *)self == pyrs_dt_utc || !delta_bool_(self->offset)) {
        return PyUnicode_FromString("UTC");
    }
    char buf[48];
    int seconds, us;
    char sign = '+';
    if (TD_DAYS(self->offset) < 0) {
        PyObject *neg = pyrs_dt_delta_neg(self->offset);
        if (neg == NULL) {
            return NULL;
        }
        sign = '-';
        seconds = TD_SECONDS(neg);
        us = TD_US(neg);
        Py_DECREF(neg);
    } else {
        seconds = TD_SECONDS(self->offset);
        us = TD_US(self->offset);
    }
    memcpy(buf, "UTC", 3);
    write_offset(buf + 3, sizeof(buf) - 3, sign, ":", seconds, us);
    return PyUnicode_FromString(buf);
}

static PyObject *
timezone_tzname(PyObject *self, PyObject *dt)
{
    if (check_tzinfo_arg(dt, "tzname") < 0) {
        return NULL;
    }
    return timezone_name((PyDateTime_TimeZone *)self);
}

static PyObject *
timezone_utcoffset(PyObject *self, PyObject *dt)
{
    if (check_tzinfo_arg(dt, "utcoffset") < 0) {
        return NULL;
    }
    return Py_NewRef(((PyDateTime_TimeZone *)self)->offset);
}

static PyObject *
timezone_dst(PyObject *self, PyObject *dt)
{
    (void)self;
    if (check_tzinfo_arg(dt, "dst") < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
timezone_fromutc(PyObject *self, PyObject *dt)
{
    if (!DT_DATETIME_CHECK(dt)) {
        PyErr_SetString(PyExc_TypeError, "fromutc: argument must be a datetime");
        return NULL;
    }
    if (!HASTZINFO(dt) || ((PyDateTime_DateTime *)dt)->tzinfo != self) {
        PyErr_SetString(PyExc_ValueError, "fromutc: dt.tzinfo is not self");
        return NULL;
    }
    return PyNumber_Add(dt, ((PyDateTime_TimeZone *)self)->offset);
}

static PyObject *
timezone_getinitargs(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyDateTime_TimeZone *tz = (PyDateTime_TimeZone *)self;
    if (tz->name == NULL) {
        return Py_BuildValue("(O)", tz->offset);
    }
    return Py_BuildValue("(OO)", tz->offset, tz->name);
}

static PyObject *
timezone_str(PyObject *self)
{
    return timezone_name((PyDateTime_TimeZone *)self);
}

static PyObject *
timezone_repr(PyObject *self)
{
    PyDateTime_TimeZone *tz = (PyDateTime_TimeZone *)self;
    const char *type_name = DT_TYPE_NAME(self);
    if (self == pyrs_dt_utc) {
        return PyUnicode_FromFormat("%s.utc", type_name);
    }
    if (tz->name == NULL) {
        return PyUnicode_FromFormat("%s(%R)", type_name, tz->offset);
    }
    return PyUnicode_FromFormat("%s(%R, %R)", type_name, tz->offset, tz->name);
}

static PyMethodDef timezone_methods[] = {
    {"tzname", timezone_tzname, METH_O,
     "If name is specified when timezone is created, returns the name.  Otherwise returns "
     "offset as 'UTC(+|-)HH:MM'."},
    {"utcoffset", timezone_utcoffset, METH_O, "Return fixed offset."},
    {"dst", timezone_dst, METH_O, "Return None."},
    {"fromutc", timezone_fromutc, METH_O, "datetime in UTC -> datetime in local time."},
    {"__getinitargs__", timezone_getinitargs, METH_NOARGS, "pickle support"},
    {NULL, NULL, 0, NULL},
};

PyTypeObject pyrs_dt_timezone_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "datetime.timezone",
    .tp_basicsize = sizeof(PyDateTime_TimeZone),
    .tp_dealloc = timezone_dealloc,
    .tp_repr = timezone_repr,
    .tp_hash = timezone_hash,
    .tp_str = timezone_str,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Fixed offset from UTC implementation of tzinfo.",
    .tp_richcompare = timezone_richcompare,
    .tp_methods = timezone_methods,
    .tp_base = &pyrs_dt_tzinfo_type,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = timezone_new,
    .tp_free = PyObject_Del,
};

/* Readies tzinfo and timezone, creates timezone.utc and sets utc/min/max: 0 or -1. */
int
pyrs_dt_tzinfo_ready(void)
{
    if (PyType_Ready(&pyrs_dt_tzinfo_type) < 0 || PyType_Ready(&pyrs_dt_timezone_type) < 0) {
        return -1;
    }
    if (pyrs_dt_utc == NULL) {
        PyObject *zero = new_delta(0, 0, 0, 0);
        if (zero == NULL) {
            return -1;
        }
        pyrs_dt_utc = create_timezone(zero, NULL);
        Py_DECREF(zero);
        if (pyrs_dt_utc == NULL) {
            return -1;
        }
    }
    PyObject *d = pyrs_dt_timezone_type.tp_dict;
    PyObject *dmin = new_delta(-1, 60, 0, 1);
    PyObject *dmax = new_delta(0, (23 * 60 + 59) * 60, 0, 0);
    PyObject *tmin = dmin != NULL ? create_timezone(dmin, NULL) : NULL;
    PyObject *tmax = dmax != NULL ? create_timezone(dmax, NULL) : NULL;
    int rc = -1;
    if (tmin != NULL && tmax != NULL && PyDict_SetItemString(d, "utc", pyrs_dt_utc) == 0 &&
        PyDict_SetItemString(d, "min", tmin) == 0 && PyDict_SetItemString(d, "max", tmax) == 0) {
        rc = 0;
    }
    Py_XDECREF(dmin);
    Py_XDECREF(dmax);
    Py_XDECREF(tmin);
    Py_XDECREF(tmax);
    PyType_Modified(&pyrs_dt_timezone_type);
    return rc;
}
