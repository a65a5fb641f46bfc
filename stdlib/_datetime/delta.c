/* stdlib/_datetime/delta.c: datetime.timedelta (PyDateTime_Delta): the constructor summing
 * mixed int/float components exactly as CPython 3.11 does (round-half-even on the leftover
 * microseconds), arithmetic with int/float/timedelta, repr/str, hashing and pickling. */
#include "dt.h"

#include <math.h>

#include "structmember.h"

PyObject *
pyrs_dt_delta_new(int days, int seconds, int us, int normalize, PyTypeObject *type)
{
    if (normalize) {
        pyrs_dt_normalize_d_s_us(&days, &seconds, &us);
    }
    if (days < -MAX_DELTA_DAYS || days > MAX_DELTA_DAYS) {
        PyErr_Format(PyExc_OverflowError, "days=%d; must have magnitude <= %d", days,
                     MAX_DELTA_DAYS);
        return NULL;
    }
    PyDateTime_Delta *self = (PyDateTime_Delta *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->hashcode = -1;
        self->days = days;
        self->seconds = seconds;
        self->microseconds = us;
    }
    return (PyObject *)self;
}

PyObject *
pyrs_dt_delta_to_us(PyObject *delta)
{
    PyObject *secs = PyLong_FromLongLong((long long)TD_DAYS(delta) * 86400 + TD_SECONDS(delta));
    if (secs == NULL) {
        return NULL;
    }
    PyObject *million = PyLong_FromLong(1000000);
    PyObject *us = PyLong_FromLong(TD_US(delta));
    PyObject *prod = NULL, *res = NULL;
    if (million != NULL && us != NULL) {
        prod = PyNumber_Multiply(secs, million);
    }
    if (prod != NULL) {
        res = PyNumber_Add(prod, us);
    }
    Py_DECREF(secs);
    Py_XDECREF(million);
    Py_XDECREF(us);
    Py_XDECREF(prod);
    return res;
}

/* divmod(a, n) for a C long n, as (quotient object, C int remainder in [0, n)). */
static PyObject *
divmod_small(PyObject *a, long n, int *rem)
{
    PyObject *pn = PyLong_FromLong(n);
    if (pn == NULL) {
        return NULL;
    }
    PyObject *t = PyNumber_Divmod(a, pn);
    Py_DECREF(pn);
    if (t == NULL) {
        return NULL;
    }
    if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 2) {
        PyErr_Format(PyExc_TypeError, "divmod() returned non-tuple (type %.200s)",
                     Py_TYPE(t)->tp_name);
        Py_DECREF(t);
        return NULL;
    }
    *rem = (int)PyLong_AsLong(PyTuple_GET_ITEM(t, 1));
    PyObject *q = Py_NewRef(PyTuple_GET_ITEM(t, 0));
    Py_DECREF(t);
    if (*rem == -1 && PyErr_Occurred()) {
        Py_DECREF(q);
        return NULL;
    }
    return q;
}

PyObject *
pyrs_dt_delta_from_us(PyObject *pyus, PyTypeObject *type)
{
    int us, s;
    PyObject *secs = divmod_small(pyus, 1000000, &us);
    if (secs == NULL) {
        return NULL;
    }
    PyObject *days = divmod_small(secs, 24 * 3600, &s);
    Py_DECREF(secs);
    if (days == NULL) {
        return NULL;
    }
    int d = _PyLong_AsInt(days);
    Py_DECREF(days);
    if (d == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return pyrs_dt_delta_new(d, s, us, 0, type);
}

#define delta_from_us(pyus) pyrs_dt_delta_from_us(pyus, &pyrs_dt_delta_type)

/* delta_from_us of a new reference, which it consumes. */
static PyObject *
delta_from_us_steal(PyObject *pyus)
{
    if (pyus == NULL) {
        return NULL;
    }
    PyObject *res = delta_from_us(pyus);
    Py_DECREF(pyus);
    return res;
}

int
pyrs_dt_delta_cmp(PyObject *a, PyObject *b)
{
    int diff = TD_DAYS(a) - TD_DAYS(b);
    if (diff == 0) {
        diff = TD_SECONDS(a) - TD_SECONDS(b);
        if (diff == 0) {
            diff = TD_US(a) - TD_US(b);
        }
    }
    return diff;
}

PyObject *
pyrs_dt_delta_sub(PyObject *a, PyObject *b)
{
    return new_delta(TD_DAYS(a) - TD_DAYS(b), TD_SECONDS(a) - TD_SECONDS(b), TD_US(a) - TD_US(b),
                     1);
}

PyObject *
pyrs_dt_delta_neg(PyObject *a)
{
    return new_delta(-TD_DAYS(a), -TD_SECONDS(a), -TD_US(a), 1);
}

/* ---- the constructor ---- */

/* sofar + num * factor for one keyword component; a float's fraction of a microsecond is
 * added to *leftover. New reference or NULL. */
static PyObject *
accum(const char *tag, PyObject *sofar, PyObject *num, PyObject *factor, double *leftover)
{
    if (PyLong_Check(num)) {
        PyObject *prod = PyNumber_Multiply(num, factor);
        if (prod == NULL) {
            return NULL;
        }
        PyObject *sum = PyNumber_Add(sofar, prod);
        Py_DECREF(prod);
        return sum;
    }
    if (PyFloat_Check(num)) {
        double intpart;
        double dnum = PyFloat_AsDouble(num);
        if (dnum == -1.0 && PyErr_Occurred()) {
            return NULL;
        }
        double fracpart = modf(dnum, &intpart);
        PyObject *x = PyLong_FromDouble(intpart);
        if (x == NULL) {
            return NULL;
        }
        PyObject *prod = PyNumber_Multiply(x, factor);
        Py_DECREF(x);
        if (prod == NULL) {
            return NULL;
        }
        PyObject *sum = PyNumber_Add(sofar, prod);
        Py_DECREF(prod);
        if (sum == NULL || fracpart == 0.0) {
            return sum;
        }
        /* The fraction times the factor: its whole part is exact enough to add as an int; the
         * rest is carried as a double. */
        dnum = PyLong_AsDouble(factor);
        dnum *= fracpart;
        fracpart = modf(dnum, &intpart);
        x = PyLong_FromDouble(intpart);
        if (x == NULL) {
            Py_DECREF(sum);
            return NULL;
        }
        PyObject *y = PyNumber_Add(sum, x);
        Py_DECREF(sum);
        Py_DECREF(x);
        *leftover += fracpart;
        return y;
    }
    PyErr_Format(PyExc_TypeError, "unsupported type for timedelta %s component: %s", tag,
                 Py_TYPE(num)->tp_name);
    return NULL;
}

/* Adds round-half-even(leftover) to x (consumed); new reference or NULL. */
static PyObject *
add_leftover(PyObject *x, double leftover)
{
    double whole_us = round(leftover);
    if (fabs(whole_us - leftover) == 0.5) {
        /* Exactly halfway: round so that the total is even. */
        PyObject *one = PyLong_FromLong(1);
        PyObject *bit = one != NULL ? PyNumber_And(x, one) : NULL;
        Py_XDECREF(one);
        if (bit == NULL) {
            Py_DECREF(x);
            return NULL;
        }
        int x_is_odd = PyObject_IsTrue(bit);
        Py_DECREF(bit);
        if (x_is_odd == -1) {
            Py_DECREF(x);
            return NULL;
        }
        whole_us = 2.0 * round((leftover + x_is_odd) * 0.5) - x_is_odd;
    }
    PyObject *temp = PyLong_FromLong((long)whole_us);
    if (temp == NULL) {
        Py_DECREF(x);
        return NULL;
    }
    PyObject *y = PyNumber_Add(x, temp);
    Py_DECREF(x);
    Py_DECREF(temp);
    return y;
}

static PyObject *
delta_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static const char *keywords[] = {"days",    "seconds", "microseconds", "milliseconds",
                                     "minutes", "hours",   "weeks",        NULL};
    static const char *tags[] = {"microseconds", "milliseconds", "seconds", "minutes",
                                 "hours",        "days",         "weeks"};
    static const long long factors[] = {1LL,          1000LL,        1000000LL,     60000000LL,
                                        3600000000LL, 86400000000LL, 604800000000LL};
    PyObject *day = NULL, *second = NULL, *us = NULL, *ms = NULL, *minute = NULL, *hour = NULL,
             *week = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OOOOOOO:__new__", (char **)keywords, &day, &second,
                                     &us, &ms, &minute, &hour, &week)) {
        return NULL;
    }
    PyObject *parts[] = {us, ms, second, minute, hour, day, week};
    double leftover = 0.0;
    PyObject *x = PyLong_FromLong(0);
    for (int i = 0; i < 7 && x != NULL; i++) {
        if (parts[i] == NULL) {
            continue;
        }
        PyObject *factor = PyLong_FromLongLong(factors[i]);
        PyObject *y = factor != NULL ? accum(tags[i], x, parts[i], factor, &leftover) : NULL;
        Py_XDECREF(factor);
        Py_DECREF(x);
        x = y;
    }
    if (x != NULL && leftover != 0.0) {
        x = add_leftover(x, leftover);
    }
    if (x == NULL) {
        return NULL;
    }
    PyObject *self = pyrs_dt_delta_from_us(x, type);
    Py_DECREF(x);
    return self;
}

/* ---- arithmetic ---- */

/* Round-half-even quotient a / b of Python ints; new reference or NULL. */
static PyObject *
divide_nearest(PyObject *a, PyObject *b)
{
    PyObject *t = PyNumber_Divmod(a, b);
    if (t == NULL) {
        return NULL;
    }
    PyObject *q = Py_NewRef(PyTuple_GET_ITEM(t, 0));
    PyObject *r = PyTuple_GET_ITEM(t, 1);
    PyObject *two = PyLong_FromLong(2);
    PyObject *twice_r = two != NULL ? PyNumber_Multiply(r, two) : NULL;
    Py_XDECREF(two);
    PyObject *zero = PyLong_FromLong(0);
    int b_pos = zero != NULL ? PyObject_RichCompareBool(b, zero, Py_GT) : -1;
    Py_XDECREF(zero);
    int beyond = -1, equal = -1, odd = 0;
    if (twice_r != NULL && b_pos >= 0) {
        beyond = PyObject_RichCompareBool(twice_r, b, b_pos ? Py_GT : Py_LT);
        equal = PyObject_RichCompareBool(twice_r, b, Py_EQ);
    }
    Py_XDECREF(twice_r);
    Py_DECREF(t);
    if (beyond < 0 || equal < 0) {
        Py_DECREF(q);
        return NULL;
    }
    if (equal) {
        odd = PyLong_AsLong(q) & 1;
        if (PyErr_Occurred()) {
            /* A huge quotient: test the low bit through Python. */
            PyErr_Clear();
            PyObject *one = PyLong_FromLong(1);
            PyObject *bit = one != NULL ? PyNumber_And(q, one) : NULL;
            Py_XDECREF(one);
            odd = bit != NULL ? PyObject_IsTrue(bit) : -1;
            Py_XDECREF(bit);
            if (odd < 0) {
                Py_DECREF(q);
                return NULL;
            }
        }
    }
    if (beyond || (equal && odd)) {
        PyObject *one = PyLong_FromLong(1);
        PyObject *q1 = one != NULL ? PyNumber_Add(q, one) : NULL;
        Py_XDECREF(one);
        Py_DECREF(q);
        q = q1;
    }
    return q;
}

/* Applies op(us(delta), num) and turns the int result back into a timedelta. */
static PyObject *
delta_us_op(PyObject *delta, PyObject *num, binaryfunc op)
{
    PyObject *pyus = pyrs_dt_delta_to_us(delta);
    if (pyus == NULL) {
        return NULL;
    }
    PyObject *res = op(pyus, num);
    Py_DECREF(pyus);
    return delta_from_us_steal(res);
}

/* delta * f (truediv 0) or delta / f (truediv 1) through f.as_integer_ratio(). */
static PyObject *
delta_float_op(PyObject *delta, PyObject *f, int truediv)
{
    PyObject *ratio = PyObject_CallMethod(f, "as_integer_ratio", NULL);
    if (ratio == NULL) {
        return NULL;
    }
    if (!PyTuple_Check(ratio)) {
        PyErr_Format(PyExc_TypeError,
                     "unexpected return type from as_integer_ratio(): "
                     "expected tuple, got '%.200s'",
                     Py_TYPE(ratio)->tp_name);
        Py_DECREF(ratio);
        return NULL;
    }
    if (PyTuple_GET_SIZE(ratio) != 2) {
        PyErr_SetString(PyExc_ValueError, "as_integer_ratio() must return a 2-tuple");
        Py_DECREF(ratio);
        return NULL;
    }
    PyObject *res = NULL;
    PyObject *pyus = pyrs_dt_delta_to_us(delta);
    PyObject *temp =
        pyus != NULL ? PyNumber_Multiply(pyus, PyTuple_GET_ITEM(ratio, truediv)) : NULL;
    if (temp != NULL) {
        res = delta_from_us_steal(divide_nearest(temp, PyTuple_GET_ITEM(ratio, !truediv)));
    }
    Py_XDECREF(pyus);
    Py_XDECREF(temp);
    Py_DECREF(ratio);
    return res;
}

static PyObject *
delta_add(PyObject *left, PyObject *right)
{
    if (DT_DELTA_CHECK(left) && DT_DELTA_CHECK(right)) {
        return new_delta(TD_DAYS(left) + TD_DAYS(right), TD_SECONDS(left) + TD_SECONDS(right),
                         TD_US(left) + TD_US(right), 1);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *
delta_subtract(PyObject *left, PyObject *right)
{
    if (DT_DELTA_CHECK(left) && DT_DELTA_CHECK(right)) {
        return pyrs_dt_delta_sub(left, right);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *
delta_negative(PyObject *self)
{
    return pyrs_dt_delta_neg(self);
}

static PyObject *
delta_positive(PyObject *self)
{
    return new_delta(TD_DAYS(self), TD_SECONDS(self), TD_US(self), 0);
}

static PyObject *
delta_absolute(PyObject *self)
{
    return TD_DAYS(self) < 0 ? delta_negative(self) : delta_positive(self);
}

static int
delta_bool(PyObject *self)
{
    return TD_DAYS(self) != 0 || TD_SECONDS(self) != 0 || TD_US(self) != 0;
}

static PyObject *
delta_multiply(PyObject *left, PyObject *right)
{
    if (DT_DELTA_CHECK(left)) {
        if (PyLong_Check(right)) {
            return delta_us_op(left, right, PyNumber_Multiply);
        }
        if (PyFloat_Check(right)) {
            return delta_float_op(left, right, 0);
        }
    } else if (PyLong_Check(left)) {
        return delta_us_op(right, left, PyNumber_Multiply);
    } else if (PyFloat_Check(left)) {
        return delta_float_op(right, left, 0);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

/* us(left) op us(right) as a plain number (for delta // delta and delta / delta). */
static PyObject *
delta_pair_op(PyObject *left, PyObject *right, binaryfunc op)
{
    PyObject *a = pyrs_dt_delta_to_us(left);
    PyObject *b = a != NULL ? pyrs_dt_delta_to_us(right) : NULL;
    PyObject *res = b != NULL ? op(a, b) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(b);
    return res;
}

static PyObject *
delta_floor_divide(PyObject *left, PyObject *right)
{
    if (DT_DELTA_CHECK(left)) {
        if (PyLong_Check(right)) {
            return delta_us_op(left, right, PyNumber_FloorDivide);
        }
        if (DT_DELTA_CHECK(right)) {
            return delta_pair_op(left, right, PyNumber_FloorDivide);
        }
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *
delta_true_divide(PyObject *left, PyObject *right)
{
    if (DT_DELTA_CHECK(left)) {
        if (DT_DELTA_CHECK(right)) {
            return delta_pair_op(left, right, PyNumber_TrueDivide);
        }
        if (PyFloat_Check(right)) {
            return delta_float_op(left, right, 1);
        }
        if (PyLong_Check(right)) {
            return delta_us_op(left, right, divide_nearest);
        }
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *
delta_remainder(PyObject *left, PyObject *right)
{
    if (DT_DELTA_CHECK(left) && DT_DELTA_CHECK(right)) {
        return delta_from_us_steal(delta_pair_op(left, right, PyNumber_Remainder));
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *
delta_divmod(PyObject *left, PyObject *right)
{
    if (!DT_DELTA_CHECK(left) || !DT_DELTA_CHECK(right)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *t = delta_pair_op(left, right, PyNumber_Divmod);
    if (t == NULL) {
        return NULL;
    }
    PyObject *rem = delta_from_us(PyTuple_GET_ITEM(t, 1));
    PyObject *res = rem != NULL ? PyTuple_Pack(2, PyTuple_GET_ITEM(t, 0), rem) : NULL;
    Py_XDECREF(rem);
    Py_DECREF(t);
    return res;
}

/* ---- protocol slots and methods ---- */

static PyObject *
delta_richcompare(PyObject *self, PyObject *other, int op)
{
    if (DT_DELTA_CHECK(other)) {
        return pyrs_dt_diff_to_bool(pyrs_dt_delta_cmp(self, other), op);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *
delta_getstate(PyObject *self)
{
    return Py_BuildValue("iii", TD_DAYS(self), TD_SECONDS(self), TD_US(self));
}

static Py_hash_t
delta_hash(PyObject *self)
{
    PyDateTime_Delta *d = (PyDateTime_Delta *)self;
    if (d->hashcode == -1) {
        PyObject *state = delta_getstate(self);
        if (state != NULL) {
            d->hashcode = PyObject_Hash(state);
            Py_DECREF(state);
        }
    }
    return d->hashcode;
}

static PyObject *
delta_repr(PyObject *self)
{
    char buf[128];
    int n = 0;
    const char *sep = "";
    if (TD_DAYS(self) != 0) {
        n += snprintf(buf + n, sizeof(buf) - n, "days=%d", TD_DAYS(self));
        sep = ", ";
    }
    if (TD_SECONDS(self) != 0) {
        n += snprintf(buf + n, sizeof(buf) - n, "%sseconds=%d", sep, TD_SECONDS(self));
        sep = ", ";
    }
    if (TD_US(self) != 0) {
        n += snprintf(buf + n, sizeof(buf) - n, "%smicroseconds=%d", sep, TD_US(self));
    }
    if (n == 0) {
        snprintf(buf, sizeof(buf), "0");
    }
    return PyUnicode_FromFormat("%s(%s)", DT_TYPE_NAME(self), buf);
}

static PyObject *
delta_str(PyObject *self)
{
    char buf[96];
    int us = TD_US(self);
    int seconds = TD_SECONDS(self);
    int minutes = pyrs_dt_divmod(seconds, 60, &seconds);
    int hours = pyrs_dt_divmod(minutes, 60, &minutes);
    int days = TD_DAYS(self);
    int n = 0;
    if (days) {
        n = snprintf(buf, sizeof(buf), "%d day%s, ", days, (days == 1 || days == -1) ? "" : "s");
    }
    n += snprintf(buf + n, sizeof(buf) - n, "%d:%02d:%02d", hours, minutes, seconds);
    if (us) {
        snprintf(buf + n, sizeof(buf) - n, ".%06d", us);
    }
    return PyUnicode_FromString(buf);
}

static PyObject *
delta_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("ON", Py_TYPE(self), delta_getstate(self));
}

static PyObject *
delta_total_seconds(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *pyus = pyrs_dt_delta_to_us(self);
    if (pyus == NULL) {
        return NULL;
    }
    PyObject *million = PyLong_FromLong(1000000);
    PyObject *res = million != NULL ? PyNumber_TrueDivide(pyus, million) : NULL;
    Py_XDECREF(million);
    Py_DECREF(pyus);
    return res;
}

static PyMemberDef delta_members[] = {
    {"days", T_INT, offsetof(PyDateTime_Delta, days), READONLY, "Number of days."},
    {"seconds", T_INT, offsetof(PyDateTime_Delta, seconds), READONLY,
     "Number of seconds (>= 0 and less than 1 day)."},
    {"microseconds", T_INT, offsetof(PyDateTime_Delta, microseconds), READONLY,
     "Number of microseconds (>= 0 and less than 1 second)."},
    {NULL, 0, 0, 0, NULL},
};

static PyMethodDef delta_methods[] = {
    {"total_seconds", delta_total_seconds, METH_NOARGS, "Total seconds in the duration."},
    {"__reduce__", delta_reduce, METH_NOARGS, "__reduce__() -> (cls, state)"},
    {NULL, NULL, 0, NULL},
};

static PyNumberMethods delta_as_number = {
    .nb_add = delta_add,
    .nb_subtract = delta_subtract,
    .nb_multiply = delta_multiply,
    .nb_remainder = delta_remainder,
    .nb_divmod = delta_divmod,
    .nb_negative = delta_negative,
    .nb_positive = delta_positive,
    .nb_absolute = delta_absolute,
    .nb_bool = delta_bool,
    .nb_floor_divide = delta_floor_divide,
    .nb_true_divide = delta_true_divide,
};

static void
delta_dealloc(PyObject *self)
{
    Py_TYPE(self)->tp_free(self);
}

PyTypeObject pyrs_dt_delta_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "datetime.timedelta",
    .tp_basicsize = sizeof(PyDateTime_Delta),
    .tp_dealloc = delta_dealloc,
    .tp_repr = delta_repr,
    .tp_as_number = &delta_as_number,
    .tp_hash = delta_hash,
    .tp_str = delta_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Difference between two datetime values.\n\n"
              "timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, "
              "hours=0, weeks=0)\n\n"
              "All arguments are optional and default to 0.\n"
              "Arguments may be integers or floats, and may be positive or negative.",
    .tp_richcompare = delta_richcompare,
    .tp_methods = delta_methods,
    .tp_members = delta_members,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = delta_new,
    .tp_free = PyObject_Del,
};

/* Readies the type and sets min, max and resolution: 0 or -1. */
int
pyrs_dt_delta_ready(void)
{
    if (PyType_Ready(&pyrs_dt_delta_type) < 0) {
        return -1;
    }
    PyObject *d = pyrs_dt_delta_type.tp_dict;
    PyObject *mn = new_delta(-MAX_DELTA_DAYS, 0, 0, 0);
    PyObject *mx = new_delta(MAX_DELTA_DAYS, 24 * 3600 - 1, 1000000 - 1, 0);
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
    PyType_Modified(&pyrs_dt_delta_type);
    return rc;
}
