/* stdlib/_datetime/format.c: text in and out of the _datetime types: strftime (CPython 3.11's
 * expansion of %z, %Z and %f before handing the format to time.strftime), struct_time
 * building, the ISO 8601 parsers behind fromisoformat, and small shared helpers. */
#include "dt.h"

#include <string.h>

PyObject *
pyrs_dt_cmperror(PyObject *a, PyObject *b)
{
    PyErr_Format(PyExc_TypeError, "can't compare %s to %s", Py_TYPE(a)->tp_name,
                 Py_TYPE(b)->tp_name);
    return NULL;
}

PyObject *
pyrs_dt_diff_to_bool(int diff, int op)
{
    int res = 0;
    switch (op) {
    case Py_EQ:
        res = diff == 0;
        break;
    case Py_NE:
        res = diff != 0;
        break;
    case Py_LE:
        res = diff <= 0;
        break;
    case Py_GE:
        res = diff >= 0;
        break;
    case Py_LT:
        res = diff < 0;
        break;
    case Py_GT:
        res = diff > 0;
        break;
    default:
        break;
    }
    return Py_NewRef(res ? Py_True : Py_False);
}

PyObject *
pyrs_dt_repr_tail(PyObject *head, int fold, PyObject *tzinfo)
{
    PyObject *res;
    if (head == NULL) {
        return NULL;
    }
    if (fold && tzinfo != Py_None) {
        res = PyUnicode_FromFormat("%U, fold=1, tzinfo=%R)", head, tzinfo);
    } else if (fold) {
        res = PyUnicode_FromFormat("%U, fold=1)", head);
    } else if (tzinfo != Py_None) {
        res = PyUnicode_FromFormat("%U, tzinfo=%R)", head, tzinfo);
    } else {
        res = PyUnicode_FromFormat("%U)", head);
    }
    Py_DECREF(head);
    return res;
}

PyObject *
pyrs_dt_iso_error(PyObject *s)
{
    PyErr_Format(PyExc_ValueError, "Invalid isoformat string: %R", s);
    return NULL;
}

/* ---- struct_time and strftime ---- */

PyObject *
pyrs_dt_build_struct_time(int y, int m, int d, int hh, int mm, int ss, int dstflag)
{
    PyObject *time = PyImport_ImportModule("time");
    if (time == NULL) {
        return NULL;
    }
    PyObject *res =
        PyObject_CallMethod(time, "struct_time", "((iiiiiiiii))", y, m, d, hh, mm, ss,
                            pyrs_dt_weekday(y, m, d), pyrs_dt_days_before_month(y, m) + d, dstflag);
    Py_DECREF(time);
    return res;
}

/* The tzinfo a strftime of obj consults (None for a date or a naive object). */
static PyObject *
tzinfo_member(PyObject *obj)
{
    if (DT_DATETIME_CHECK(obj)) {
        return DT_TZINFO(obj);
    }
    if (DT_TIME_CHECK(obj)) {
        return TIME_TZINFO(obj);
    }
    return Py_None;
}

/* The text %Z becomes: tzname() with '%' doubled, or "". */
static PyObject *
z_name_replacement(PyObject *obj, PyObject *tzinfoarg)
{
    PyObject *tzinfo = tzinfo_member(obj);
    if (tzinfo == Py_None) {
        return PyUnicode_FromString("");
    }
    PyObject *name = pyrs_dt_call_tzname(tzinfo, tzinfoarg);
    if (name == NULL) {
        return NULL;
    }
    if (name == Py_None) {
        Py_DECREF(name);
        return PyUnicode_FromString("");
    }
    PyObject *res = PyObject_CallMethod(name, "replace", "ss", "%", "%%");
    Py_DECREF(name);
    if (res != NULL && !PyUnicode_Check(res)) {
        PyErr_SetString(PyExc_TypeError, "tzname.replace() did not return a string");
        Py_CLEAR(res);
    }
    return res;
}

/* The bytes %z becomes: "+HHMM[SS[.ffffff]]", or "" for a naive object. */
static PyObject *
z_offset_replacement(PyObject *obj, PyObject *tzinfoarg)
{
    char buf[100];
    PyObject *tzinfo = tzinfo_member(obj);
    buf[0] = '\0';
    if (tzinfo != Py_None &&
        pyrs_dt_format_utcoffset(buf, sizeof(buf), "", tzinfo, tzinfoarg) < 0) {
        return NULL;
    }
    return PyBytes_FromString(buf);
}

/* The text %f becomes: the microseconds as 6 digits (0 for a date). */
static void
f_replacement(PyObject *obj, char *buf, size_t len)
{
    int us = 0;
    if (DT_DATETIME_CHECK(obj)) {
        us = DATE_GET_US(obj);
    } else if (DT_TIME_CHECK(obj)) {
        us = TIME_GET_US(obj);
    }
    snprintf(buf, len, "%06d", us);
}

/* Appends n bytes to the growing buffer *out (a bytes object of capacity *cap, *len used). */
static int
append(PyObject **out, Py_ssize_t *len, const char *p, Py_ssize_t n)
{
    Py_ssize_t cap = PyBytes_GET_SIZE(*out);
    if (*len + n > cap) {
        Py_ssize_t want = (*len + n) * 2;
        if (_PyBytes_Resize(out, want) < 0) {
            return -1;
        }
    }
    memcpy(PyBytes_AS_STRING(*out) + *len, p, (size_t)n);
    *len += n;
    return 0;
}

/* time.strftime(the first n bytes of fmt decoded, timetuple). */
static PyObject *
call_time_strftime(PyObject *fmt, Py_ssize_t n, PyObject *timetuple)
{
    PyObject *format = PyUnicode_DecodeUTF8(PyBytes_AS_STRING(fmt), n, "surrogateescape");
    if (format == NULL) {
        return NULL;
    }
    PyObject *res = NULL;
    PyObject *time = PyImport_ImportModule("time");
    if (time != NULL) {
        res = PyObject_CallMethod(time, "strftime", "OO", format, timetuple);
        Py_DECREF(time);
    }
    Py_DECREF(format);
    return res;
}

/* Copies the format, replacing %z, %Z and %f (each computed once); like CPython, the scan stops
 * at an embedded NUL and a trailing lone '%' is kept. */
PyObject *
pyrs_dt_wrap_strftime(PyObject *obj, PyObject *format, PyObject *timetuple, PyObject *tzinfoarg)
{
    PyObject *zrep = NULL, *Zrep = NULL, *newfmt = NULL, *res = NULL;
    char frep[16] = "";
    Py_ssize_t flen, used = 0;
    const char *pin = PyUnicode_AsUTF8AndSize(format, &flen);
    if (pin == NULL || (newfmt = PyBytes_FromStringAndSize(NULL, flen + 1)) == NULL) {
        return NULL;
    }
    char ch;
    while ((ch = *pin++) != '\0') {
        const char *ptoappend;
        Py_ssize_t ntoappend;
        if (ch != '%') {
            ptoappend = pin - 1;
            ntoappend = 1;
        } else if ((ch = *pin++) == '\0') {
            /* Back up so that the loop stops at the NUL next time. */
            pin--;
            ptoappend = pin - 1;
            ntoappend = 1;
        } else if (ch == 'z') {
            if (zrep == NULL && (zrep = z_offset_replacement(obj, tzinfoarg)) == NULL) {
                goto done;
            }
            ptoappend = PyBytes_AS_STRING(zrep);
            ntoappend = PyBytes_GET_SIZE(zrep);
        } else if (ch == 'Z') {
            if (Zrep == NULL && (Zrep = z_name_replacement(obj, tzinfoarg)) == NULL) {
                goto done;
            }
            ptoappend = PyUnicode_AsUTF8AndSize(Zrep, &ntoappend);
            if (ptoappend == NULL) {
                goto done;
            }
        } else if (ch == 'f') {
            if (frep[0] == '\0') {
                f_replacement(obj, frep, sizeof(frep));
            }
            ptoappend = frep;
            ntoappend = (Py_ssize_t)strlen(frep);
        } else {
            /* Any other directive is left for time.strftime. */
            ptoappend = pin - 2;
            ntoappend = 2;
        }
        if (ntoappend > 0 && append(&newfmt, &used, ptoappend, ntoappend) < 0) {
            goto done;
        }
    }
    res = call_time_strftime(newfmt, used, timetuple);
done:
    Py_XDECREF(zrep);
    Py_XDECREF(Zrep);
    Py_XDECREF(newfmt);
    return res;
}

/* ---- ISO 8601 parsing ---- */

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads n digits into *var; the position after them, or NULL on a non-digit. */
static const char *
parse_digits(const char *p, int *var, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        unsigned int d = (unsigned int)(*(p++) - '0');
        if (d > 9) {
            return NULL;
        }
        *var = *var * 10 + (int)d;
    }
    return p;
}

/* YYYY-MM-DD, YYYYMMDD, YYYY-Www[-D], YYYYWww[D] of exactly len bytes: 0, or < 0 (-1 bad
 * digits, -2 inconsistent separators, -3/-4 bad week or weekday, -5/-6 out of range). */
int
pyrs_dt_parse_iso_date(const char *s, size_t len, int *year, int *month, int *day)
{
    const char *p = parse_digits(s, year, 4);
    if (p == NULL) {
        return -1;
    }
    int uses_sep = *p == '-';
    if (uses_sep) {
        ++p;
    }
    if (*p == 'W') {
        int iso_week = 0, iso_day = 0;
        p = parse_digits(p + 1, &iso_week, 2);
        if (p == NULL) {
            return -3;
        }
        if ((size_t)(p - s) < len) {
            if (uses_sep && *(p++) != '-') {
                return -2;
            }
            p = parse_digits(p, &iso_day, 1);
            if (p == NULL) {
                return -4;
            }
        } else {
            iso_day = 1;
        }
        int rv = pyrs_dt_iso_to_ymd(*year, iso_week, iso_day, year, month, day);
        return rv ? -3 + rv : 0;
    }
    p = parse_digits(p, month, 2);
    if (p == NULL) {
        return -1;
    }
    if (uses_sep && *(p++) != '-') {
        return -2;
    }
    p = parse_digits(p, day, 2);
    return p == NULL ? -1 : 0;
}

/* HH[:MM[:SS[.fff[fff]]]] (colons all or none) up to end: 0 at the end of the string, 1 when
 * something follows, < 0 on error. Relies on the text being NUL-terminated. */
static int
parse_hh_mm_ss_ff(const char *tstr, const char *tstr_end, int *hour, int *minute, int *second,
                  int *us)
{
    static const int correction[] = {100000, 10000, 1000, 100, 10};
    int *vals[3] = {hour, minute, second};
    int has_sep = 1;
    const char *p = tstr;
    *hour = *minute = *second = *us = 0;
    for (int i = 0; i < 3; ++i) {
        p = parse_digits(p, vals[i], 2);
        if (p == NULL) {
            return -3;
        }
        char c = *(p++);
        if (i == 0) {
            has_sep = c == ':';
        }
        if (p >= tstr_end) {
            return c != '\0';
        } else if (has_sep && c == ':') {
            continue;
        } else if (c == '.' || c == ',') {
            break;
        } else if (!has_sep) {
            --p;
        } else {
            return -4;
        }
    }
    size_t to_parse = (size_t)(tstr_end - p);
    if (to_parse > 6) {
        to_parse = 6;
    }
    if (to_parse == 0) {
        return -3;
    }
    p = parse_digits(p, us, to_parse);
    if (p == NULL) {
        return -3;
    }
    if (to_parse < 6) {
        *us *= correction[to_parse - 1];
    }
    while (is_digit(*p)) {
        ++p;
    }
    return *p != '\0';
}

/* A time with an optional Z/+HH:MM[:SS[.ffffff]] suffix: 0 (naive), 1 (offset set), < 0. */
int
pyrs_dt_parse_iso_time(const char *s, size_t len, int *hour, int *minute, int *second, int *us,
                       int *tzoffset, int *tzus)
{
    const char *p_end = s + len;
    const char *tzpos = s;
    do {
        if (*tzpos == 'Z' || *tzpos == '+' || *tzpos == '-') {
            break;
        }
    } while (++tzpos < p_end);
    int rv = parse_hh_mm_ss_ff(s, tzpos, hour, minute, second, us);
    if (rv < 0) {
        return rv;
    }
    if (tzpos == p_end) {
        return rv == 1 ? -5 : 0;
    }
    if (*tzpos == 'Z') {
        *tzoffset = 0;
        *tzus = 0;
        return *(tzpos + 1) != '\0' ? -5 : 1;
    }
    int sign = *tzpos == '-' ? -1 : 1;
    tzpos++;
    int tzh = 0, tzm = 0, tzs = 0;
    rv = parse_hh_mm_ss_ff(tzpos, p_end, &tzh, &tzm, &tzs, tzus);
    *tzoffset = sign * (tzh * 3600 + tzm * 60 + tzs);
    *tzus *= sign;
    return rv ? -5 : 1;
}

/* Where the date/time separator of a datetime string is (the date forms have lengths 7, 8 or
 * 10, told apart by characters 4 and 5 and by runs of digits); -1 when undecidable. */
Py_ssize_t
pyrs_dt_find_iso_separator(const char *s, Py_ssize_t len)
{
    if (len == 7) {
        return 7;
    }
    if (s[4] == '-') {
        if (s[5] != 'W') {
            return 10; /* YYYY-MM-DD */
        }
        if (len < 8) {
            return -1;
        }
        if (len > 8 && s[8] == '-') {
            if (len == 9) {
                return -1;
            }
            if (len > 10 && is_digit(s[10])) {
                /* YYYY-Www-##: taken as a '-' separator at 8. */
                return 8;
            }
            return 10; /* YYYY-Www-D */
        }
        return 8; /* YYYY-Www */
    }
    if (s[4] == 'W') {
        Py_ssize_t idx = 7;
        for (; idx < len; ++idx) {
            if (!is_digit(s[idx])) {
                break;
            }
        }
        if (idx < 9) {
            return idx;
        }
        return idx % 2 == 0 ? 7 : 8;
    }
    return 8; /* YYYYMMDD */
}
