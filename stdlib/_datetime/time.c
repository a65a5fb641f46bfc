/* stdlib/_datetime/time.c: datetime.time (PyDateTime_Time): construction (including the
 * pickled-bytes form with fold in the hour's high bit), fromisoformat, isoformat/strftime,
 * tzinfo queries, replace, comparison (naive vs aware rules), hashing and pickling as CPython
 * 3.11's C implementation. */
#include "dt.h"

PyObject *
pyrs_dt_time_new(int h, int m, int s, int us, PyObject *tzinfo, int fold, PyTypeObject *type)
{
    if (pyrs_dt_check_time_args(h, m, s, us, fold) < 0 ||
        pyrs_dt_check_tzinfo_subclass(tzinfo) < 0) {
        return NULL;
    }
    char aware = tzinfo != Py_None;
    PyDateTime_Time *self = (PyDateTime_Time *)type->tp_alloc(type, aware);
    if (self == NULL) {
        return NULL;
    }
    self->hashcode = -1;
    self->hastzinfo = aware;
    dt_set_hmsu(self->data, h, m, s, us);
    self->fold = (unsigned char)fold;
    if (aware) {
        self->tzinfo = Py_NewRef(tzinfo);
    }
    return (PyObject *)self;
}

#define new_time(h, m, s, us, tz, fold) pyrs_dt_time_new(h, m, s, us, tz, fold, &pyrs_dt_time_type)

static PyObject *
time_from_state(PyTypeObject *type, PyObject *state, PyObject *tzinfo)
{
    char aware = tzinfo != Py_None;
    if (aware && !DT_TZINFO_CHECK(tzinfo)) {
        PyErr_SetString(PyExc_TypeError, "bad tzinfo state arg");
        return NULL;
    }
    PyDateTime_Time *me = (PyDateTime_Time *)type->tp_alloc(type, aware);
    if (me == NULL) {
        return NULL;
    }
    const char *pdata = PyBytes_AS_STRING(state);
    memcpy(me->data, pdata, _PyDateTime_TIME_DATASIZE);
    me->hashcode = -1;
    me->hastzinfo = aware;
    if (aware) {
        me->tzinfo = Py_NewRef(tzinfo);
    }
    me->fold = 0;
    if (me->data[0] & 0x80) {
        me->data[0] -= 128;
        me->fold = 1;
    }
    return (PyObject *)me;
}

static PyObject *
time_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"hour",   "minute", "second", "microsecond",
                                     "tzinfo", "fold",   NULL};
    PyObject *tzinfo = Py_None;
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs >= 1 && nargs <= 2) {
        PyObject *state = PyTuple_GET_ITEM(args, 0);
        if (nargs == 2) {
            tzinfo = PyTuple_GET_ITEM(args, 1);
        }
        if (PyBytes_Check(state)) {
            if (PyBytes_GET_SIZE(state) == _PyDateTime_TIME_DATASIZE &&
                (PyBytes_AS_STRING(state)[0] & 0x7F) < 24) {
                return time_from_state(type, state, tzinfo);
            }
        } else if (PyUnicode_Check(state)) {
            if (PyUnicode_GET_LENGTH(state) == _PyDateTime_TIME_DATASIZE &&
                (PyUnicode_READ_CHAR(state, 0) & 0x7F) < 24) {
                PyObject *b = PyUnicode_AsLatin1String(state);
                if (b == NULL) {
                    if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
                        PyErr_SetString(PyExc_ValueError,
                                        "Failed to encode latin1 string when unpickling a time "
                                        "object. pickle.load(data, encoding='latin1') is "
                                        "assumed.");
                    }
                    return NULL;
                }
                PyObject *res = time_from_state(type, b, tzinfo);
                Py_DECREF(b);
                return res;
            }
        }
        tzinfo = Py_None;
    }
    int h = 0, m = 0, s = 0, us = 0, fold = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|iiiiO$i", (char **)keywords, &h, &m, &s, &us,
                                     &tzinfo, &fold)) {
        return NULL;
    }
    return pyrs_dt_time_new(h, m, s, us, tzinfo, fold, type);
}

static void
time_dealloc(PyObject *self)
{
    if (HASTZINFO(self)) {
        Py_XDECREF(((PyDateTime_Time *)self)->tzinfo);
    }
    Py_TYPE(self)->tp_free(self);
}

/* ---- accessors ---- */

static PyObject *
time_hour(PyObject *self, void *unused)
{
    (void)unused;
    return PyLong_FromLong(TIME_GET_HOUR(self));
}

static PyObject *
time_minute(PyObject *self, void *unused)
{
    (void)unused;
    return PyLong_FromLong(TIME_GET_MINUTE(self));
}

static PyObject *
time_second(PyObject *self, void *unused)
{
    (void)unused;
    return PyLong_FromLong(TIME_GET_SECOND(self));
}

static PyObject *
time_microsecond(PyObject *self, void *unused)
{
    (void)unused;
    return PyLong_FromLong(TIME_GET_US(self));
}

static PyObject *
time_tzinfo(PyObject *self, void *unused)
{
    (void)unused;
    return Py_NewRef(TIME_TZINFO(self));
}

static PyObject *
time_fold(PyObject *self, void *unused)
{
    (void)unused;
    return PyLong_FromLong(TIME_GET_FOLD(self));
}

static PyGetSetDef time_getset[] = {
    {"hour", time_hour, NULL, NULL, NULL},
    {"minute", time_minute, NULL, NULL, NULL},
    {"second", time_second, NULL, NULL, NULL},
    {"microsecond", time_microsecond, NULL, NULL, NULL},
    {"tzinfo", time_tzinfo, NULL, NULL, NULL},
    {"fold", time_fold, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyObject *
time_utcoffset(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return pyrs_dt_call_utcoffset(TIME_TZINFO(self), Py_None);
}

static PyObject *
time_dst(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return pyrs_dt_call_dst(TIME_TZINFO(self), Py_None);
}

static PyObject *
time_tzname(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return pyrs_dt_call_tzname(TIME_TZINFO(self), Py_None);
}

/* ---- formatting ---- */

static PyObject *
time_repr(PyObject *self)
{
    char buf[64];
    int h = TIME_GET_HOUR(self), m = TIME_GET_MINUTE(self), s = TIME_GET_SECOND(self);
    int us = TIME_GET_US(self);
    if (us) {
        snprintf(buf, sizeof(buf), "%d, %d, %d, %d", h, m, s, us);
    } else if (s) {
        snprintf(buf, sizeof(buf), "%d, %d, %d", h, m, s);
    } else {
        snprintf(buf, sizeof(buf), "%d, %d", h, m);
    }
    /* time puts tzinfo before fold (datetime the other way round). */
    PyObject *head = PyUnicode_FromFormat("%s(%s", DT_TYPE_NAME(self), buf);
    if (head != NULL && TIME_TZINFO(self) != Py_None) {
        Py_SETREF(head, PyUnicode_FromFormat("%U, tzinfo=%R", head, TIME_TZINFO(self)));
    }
    return pyrs_dt_repr_tail(head, TIME_GET_FOLD(self), Py_None);
}

/* Index of timespec in the list CPython accepts, or -1 with ValueError. */
static int
timespec_index(const char *timespec)
{
    static const char *const specs[] = {"auto",         "hours",        "minutes", "seconds",
                                        "milliseconds", "microseconds", NULL};
    for (int i = 0; specs[i] != NULL; i++) {
        if (strcmp(timespec, specs[i]) == 0) {
            return i;
        }
    }
    PyErr_SetString(PyExc_ValueError, "Unknown timespec value");
    return -1;
}

int
pyrs_dt_format_time(char *buf, size_t len, const char *timespec, int h, int m, int s, int us)
{
    int i = timespec == NULL ? 0 : timespec_index(timespec);
    if (i < 0) {
        return -1;
    }
    if (i == 0) {
        i = us ? 5 : 3;
    }
    switch (i) {
    case 1:
        snprintf(buf, len, "%02d", h);
        break;
    case 2:
        snprintf(buf, len, "%02d:%02d", h, m);
        break;
    case 3:
        snprintf(buf, len, "%02d:%02d:%02d", h, m, s);
        break;
    case 4:
        snprintf(buf, len, "%02d:%02d:%02d.%03d", h, m, s, us / 1000);
        break;
    default:
        snprintf(buf, len, "%02d:%02d:%02d.%06d", h, m, s, us);
        break;
    }
    return 0;
}

static PyObject *
time_isoformat(PyObject *self, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"timespec", NULL};
    const char *timespec = NULL;
    char buf[160];
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|s:isoformat", (char **)keywords, &timespec)) {
        return NULL;
    }
    if (pyrs_dt_format_time(buf, sizeof(buf), timespec, TIME_GET_HOUR(self), TIME_GET_MINUTE(self),
                            TIME_GET_SECOND(self), TIME_GET_US(self)) < 0) {
        return NULL;
    }
    if (HASTZINFO(self) && ((PyDateTime_Time *)self)->tzinfo != Py_None) {
        size_t n = strlen(buf);
        if (pyrs_dt_format_utcoffset(buf + n, sizeof(buf) - n, ":",
                                     ((PyDateTime_Time *)self)->tzinfo, Py_None) < 0) {
            return NULL;
        }
    }
    return PyUnicode_FromString(buf);
}

static PyObject *
time_str(PyObject *self)
{
    return PyObject_CallMethod(self, "isoformat", NULL);
}

static PyObject *
time_strftime(PyObject *self, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"format", NULL};
    PyObject *format;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "U:strftime", (char **)keywords, &format)) {
        return NULL;
    }
    /* 1900-01-01 is the conventional date for a time alone. */
    PyObject *tuple = Py_BuildValue("iiiiiiiii", 1900, 1, 1, TIME_GET_HOUR(self),
                                    TIME_GET_MINUTE(self), TIME_GET_SECOND(self), 0, 1, -1);
    if (tuple == NULL) {
        return NULL;
    }
    PyObject *res = pyrs_dt_wrap_strftime(self, format, tuple, Py_None);
    Py_DECREF(tuple);
    return res;
}

static PyObject *
time_format(PyObject *self, PyObject *args)
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
time_fromisoformat(PyObject *cls, PyObject *tstr)
{
    if (!PyUnicode_Check(tstr)) {
        PyErr_SetString(PyExc_TypeError, "fromisoformat: argument must be str");
        return NULL;
    }
    Py_ssize_t len;
    const char *p = PyUnicode_AsUTF8AndSize(tstr, &len);
    if (p == NULL) {
        if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
            PyErr_Clear();
            return pyrs_dt_iso_error(tstr);
        }
        return NULL;
    }
    if (*p == 'T') {
        ++p;
        len -= 1;
    }
    int h = 0, m = 0, s = 0, us = 0, tzoffset = 0, tzus = 0;
    int rv = pyrs_dt_parse_iso_time(p, (size_t)len, &h, &m, &s, &us, &tzoffset, &tzus);
    if (rv < 0) {
        return pyrs_dt_iso_error(tstr);
    }
    PyObject *tzinfo = pyrs_dt_tzinfo_from_iso(rv, tzoffset, tzus);
    if (tzinfo == NULL) {
        return NULL;
    }
    PyObject *t;
    if ((PyTypeObject *)cls == &pyrs_dt_time_type) {
        t = new_time(h, m, s, us, tzinfo, 0);
    } else {
        t = PyObject_CallFunction(cls, "iiiiO", h, m, s, us, tzinfo);
    }
    Py_DECREF(tzinfo);
    return t;
}

static PyObject *
time_replace(PyObject *self, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"hour",   "minute", "second", "microsecond",
                                     "tzinfo", "fold",   NULL};
    int h = TIME_GET_HOUR(self), m = TIME_GET_MINUTE(self), s = TIME_GET_SECOND(self);
    int us = TIME_GET_US(self), fold = TIME_GET_FOLD(self);
    PyObject *tzinfo = TIME_TZINFO(self);
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|iiiiO$i:replace", (char **)keywords, &h, &m, &s,
                                     &us, &tzinfo, &fold)) {
        return NULL;
    }
    if (fold != 0 && fold != 1) {
        PyErr_SetString(PyExc_ValueError, "fold must be either 0 or 1");
        return NULL;
    }
    PyObject *tuple = Py_BuildValue("iiiiO", h, m, s, us, tzinfo);
    if (tuple == NULL) {
        return NULL;
    }
    PyObject *clone = time_new(Py_TYPE(self), tuple, NULL);
    Py_DECREF(tuple);
    if (clone != NULL) {
        ((PyDateTime_Time *)clone)->fold = (unsigned char)fold;
    }
    return clone;
}

/* ---- comparison, hash, pickling ---- */

static PyObject *
time_richcompare(PyObject *self, PyObject *other, int op)
{
    if (!DT_TIME_CHECK(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    unsigned char *d1 = ((PyDateTime_Time *)self)->data;
    unsigned char *d2 = ((PyDateTime_Time *)other)->data;
    if (TIME_TZINFO(self) == TIME_TZINFO(other)) {
        return pyrs_dt_diff_to_bool(memcmp(d1, d2, _PyDateTime_TIME_DATASIZE), op);
    }
    PyObject *res = NULL;
    PyObject *off1 = pyrs_dt_call_utcoffset(TIME_TZINFO(self), Py_None);
    if (off1 == NULL) {
        return NULL;
    }
    PyObject *off2 = pyrs_dt_call_utcoffset(TIME_TZINFO(other), Py_None);
    if (off2 == NULL) {
        Py_DECREF(off1);
        return NULL;
    }
    if (off1 == off2 ||
        (DT_DELTA_CHECK(off1) && DT_DELTA_CHECK(off2) && pyrs_dt_delta_cmp(off1, off2) == 0)) {
        res = pyrs_dt_diff_to_bool(memcmp(d1, d2, _PyDateTime_TIME_DATASIZE), op);
    } else if (off1 != Py_None && off2 != Py_None) {
        int secs1 = TIME_GET_HOUR(self) * 3600 + TIME_GET_MINUTE(self) * 60 +
                    TIME_GET_SECOND(self) - TD_DAYS(off1) * 86400 - TD_SECONDS(off1);
        int secs2 = TIME_GET_HOUR(other) * 3600 + TIME_GET_MINUTE(other) * 60 +
                    TIME_GET_SECOND(other) - TD_DAYS(off2) * 86400 - TD_SECONDS(off2);
        int diff = secs1 - secs2;
        if (diff == 0) {
            diff = TIME_GET_US(self) - TIME_GET_US(other);
        }
        res = pyrs_dt_diff_to_bool(diff, op);
    } else if (op == Py_EQ) {
        res = Py_NewRef(Py_False);
    } else if (op == Py_NE) {
        res = Py_NewRef(Py_True);
    } else {
        PyErr_SetString(PyExc_TypeError, "can't compare offset-naive and offset-aware times");
    }
    Py_DECREF(off1);
    Py_DECREF(off2);
    return res;
}

static Py_hash_t
time_hash(PyObject *self)
{
    PyDateTime_Time *t = (PyDateTime_Time *)self;
    if (t->hashcode != -1) {
        return t->hashcode;
    }
    PyObject *self0 = Py_NewRef(self);
    if (TIME_GET_FOLD(self)) {
        Py_SETREF(self0, pyrs_dt_time_new(TIME_GET_HOUR(self), TIME_GET_MINUTE(self),
                                          TIME_GET_SECOND(self), TIME_GET_US(self),
                                          TIME_TZINFO(self), 0, Py_TYPE(self)));
        if (self0 == NULL) {
            return -1;
        }
    }
    PyObject *offset = pyrs_dt_call_utcoffset(TIME_TZINFO(self0), Py_None);
    Py_DECREF(self0);
    if (offset == NULL) {
        return -1;
    }
    if (offset == Py_None) {
        t->hashcode = _Py_HashBytes(t->data, _PyDateTime_TIME_DATASIZE);
    } else {
        int seconds =
            TIME_GET_HOUR(self) * 3600 + TIME_GET_MINUTE(self) * 60 + TIME_GET_SECOND(self);
        PyObject *temp1 = new_delta(0, seconds, TIME_GET_US(self), 1);
        PyObject *temp2 = temp1 != NULL ? pyrs_dt_delta_sub(temp1, offset) : NULL;
        if (temp2 != NULL) {
            t->hashcode = PyObject_Hash(temp2);
        }
        Py_XDECREF(temp1);
        Py_XDECREF(temp2);
    }
    Py_DECREF(offset);
    return t->hashcode;
}

/* (bytes[, tzinfo]) with fold in the hour's high bit for protocol > 3. */
static PyObject *
time_getstate(PyObject *self, int proto)
{
    PyObject *basestate = PyBytes_FromStringAndSize((char *)((PyDateTime_Time *)self)->data,
                                                    _PyDateTime_TIME_DATASIZE);
    if (basestate == NULL) {
        return NULL;
    }
    if (proto > 3 && TIME_GET_FOLD(self)) {
        PyBytes_AS_STRING(basestate)[0] |= (char)(1 << 7);
    }
    if (!HASTZINFO(self) || ((PyDateTime_Time *)self)->tzinfo == Py_None) {
        return Py_BuildValue("(N)", basestate);
    }
    return Py_BuildValue("NO", basestate, ((PyDateTime_Time *)self)->tzinfo);
}

static PyObject *
time_reduce_ex(PyObject *self, PyObject *args)
{
    int proto;
    if (!PyArg_ParseTuple(args, "i:__reduce_ex__", &proto)) {
        return NULL;
    }
    return Py_BuildValue("(ON)", Py_TYPE(self), time_getstate(self, proto));
}

static PyObject *
time_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("(ON)", Py_TYPE(self), time_getstate(self, 2));
}

static PyMethodDef time_methods[] = {
    {"isoformat", (PyCFunction)(void (*)(void))time_isoformat, METH_VARARGS | METH_KEYWORDS,
     "Return string in ISO 8601 format, [HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM].\n\n"
     "The optional argument timespec specifies the number of additional terms\n"
     "of the time to include. Valid options are 'auto', 'hours', 'minutes',\n"
     "'seconds', 'milliseconds' and 'microseconds'.\n"},
    {"strftime", (PyCFunction)(void (*)(void))time_strftime, METH_VARARGS | METH_KEYWORDS,
     "format -> strftime() style string."},
    {"__format__", time_format, METH_VARARGS, "Formats self with strftime."},
    {"utcoffset", time_utcoffset, METH_NOARGS, "Return self.tzinfo.utcoffset(self)."},
    {"tzname", time_tzname, METH_NOARGS, "Return self.tzinfo.tzname(self)."},
    {"dst", time_dst, METH_NOARGS, "Return self.tzinfo.dst(self)."},
    {"replace", (PyCFunction)(void (*)(void))time_replace, METH_VARARGS | METH_KEYWORDS,
     "Return time with new specified fields."},
    {"fromisoformat", time_fromisoformat, METH_O | METH_CLASS,
     "string -> time from a string in ISO 8601 format"},
    {"__reduce_ex__", time_reduce_ex, METH_VARARGS, "__reduce_ex__(proto) -> (cls, state)"},
    {"__reduce__", time_reduce, METH_NOARGS, "__reduce__() -> (cls, state)"},
    {NULL, NULL, 0, NULL},
};

PyTypeObject pyrs_dt_time_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "datetime.time",
    .tp_basicsize = sizeof(PyDateTime_Time),
    .tp_dealloc = time_dealloc,
    .tp_repr = time_repr,
    .tp_hash = time_hash,
    .tp_str = time_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object\n\n"
              "All arguments are optional. tzinfo may be None, or an instance of\n"
              "a tzinfo subclass. The remaining arguments may be ints.\n",
    .tp_richcompare = time_richcompare,
    .tp_methods = time_methods,
    .tp_getset = time_getset,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = time_new,
    .tp_free = PyObject_Del,
};

/* Readies the type and sets time.min/max/resolution: 0 or -1. */
int
pyrs_dt_time_ready(void)
{
    if (PyType_Ready(&pyrs_dt_time_type) < 0) {
        return -1;
    }
    PyObject *d = pyrs_dt_time_type.tp_dict;
    PyObject *mn = new_time(0, 0, 0, 0, Py_None, 0);
    PyObject *mx = new_time(23, 59, 59, 999999, Py_None, 0);
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
    PyType_Modified(&pyrs_dt_time_type);
    return rc;
}
