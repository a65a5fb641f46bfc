/* stdlib/_datetime/calendar.c: the proleptic Gregorian calendar arithmetic under the
 * _datetime types (ordinals, ISO weeks, carrying between fields, range checks with CPython
 * 3.11's messages) and the local-time probes behind timestamp() and fold detection. */
#include "dt.h"

#include <time.h>

#include "../posix/pytime.h"

static const int days_in_month_tab[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
static const int days_before_month_tab[] = {0,   0,   31,  59,  90,  120, 151,
                                            181, 212, 243, 273, 304, 334};

/* Days in 400, 100 and 4 Gregorian years. */
#define DI4Y   1461
#define DI100Y 36524
#define DI400Y 146097

/* 1 for a leap year. */
int
pyrs_dt_is_leap(int year)
{
    unsigned int y = (unsigned int)year;
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/* Days in the month (month in 1..12). */
int
pyrs_dt_days_in_month(int year, int month)
{
    if (month == 2 && pyrs_dt_is_leap(year)) {
        return 29;
    }
    return days_in_month_tab[month];
}

/* Days in the year before the first of the month. */
int
pyrs_dt_days_before_month(int year, int month)
{
    int days = days_before_month_tab[month];
    if (month > 2 && pyrs_dt_is_leap(year)) {
        ++days;
    }
    return days;
}

/* Days before January 1 of the year; year 0 (only reached through ISO weeks) is -366. */
static int
days_before_year(int year)
{
    int y = year - 1;
    if (y >= 0) {
        return y * 365 + y / 4 - y / 100 + y / 400;
    }
    return -366;
}

/* Ordinal of the date (0001-01-01 is 1). */
int
pyrs_dt_ymd_to_ord(int year, int month, int day)
{
    return days_before_year(year) + pyrs_dt_days_before_month(year, month) + day;
}

/* Date of an ordinal >= 1. */
void
pyrs_dt_ord_to_ymd(int ordinal, int *year, int *month, int *day)
{
    int n = ordinal - 1;
    int n400 = n / DI400Y;
    n %= DI400Y;
    *year = n400 * 400 + 1;
    int n100 = n / DI100Y;
    n %= DI100Y;
    int n4 = n / DI4Y;
    n %= DI4Y;
    int n1 = n / 365;
    n %= 365;
    *year += n100 * 100 + n4 * 4 + n1;
    if (n1 == 4 || n100 == 4) {
        /* The last day of a 4- or 400-year cycle. */
        *year -= 1;
        *month = 12;
        *day = 31;
        return;
    }
    int leap = n1 == 3 && (n4 != 24 || n100 == 3);
    /* An estimate that is exact or one month too far. */
    *month = (n + 50) >> 5;
    int preceding = days_before_month_tab[*month] + (*month > 2 && leap);
    if (preceding > n) {
        *month -= 1;
        preceding -= days_in_month_tab[*month] + (*month == 2 && leap);
    }
    *day = n - preceding + 1;
}

/* Day of the week, Monday 0. */
int
pyrs_dt_weekday(int year, int month, int day)
{
    return (pyrs_dt_ymd_to_ord(year, month, day) + 6) % 7;
}

/* Ordinal of the Monday starting ISO week 1 of the year. */
int
pyrs_dt_iso_week1_monday(int year)
{
    int first_day = pyrs_dt_ymd_to_ord(year, 1, 1);
    int first_weekday = (first_day + 6) % 7;
    int week1_monday = first_day - first_weekday;
    if (first_weekday > 3) {
        week1_monday += 7;
    }
    return week1_monday;
}

/* ISO calendar date to Gregorian: 0, -2 (week out of range), -3 (weekday out of range). */
int
pyrs_dt_iso_to_ymd(int iso_year, int iso_week, int iso_day, int *year, int *month, int *day)
{
    if (iso_week <= 0 || iso_week >= 53) {
        int ok = 0;
        if (iso_week == 53) {
            /* Years starting on a Thursday, and leap years starting on a Wednesday, have 53
             * ISO weeks. */
            int first_weekday = pyrs_dt_ymd_to_ord(iso_year, 1, 1) % 7;
            ok = first_weekday == 4 || (first_weekday == 3 && pyrs_dt_is_leap(iso_year));
        }
        if (!ok) {
            return -2;
        }
    }
    if (iso_day <= 0 || iso_day >= 8) {
        return -3;
    }
    int day_1 = pyrs_dt_iso_week1_monday(iso_year);
    pyrs_dt_ord_to_ymd(day_1 + (iso_week - 1) * 7 + iso_day - 1, year, month, day);
    return 0;
}

/* Floor quotient of x by y > 0; the remainder (in [0, y)) goes to *r. */
int
pyrs_dt_divmod(int x, int y, int *r)
{
    int q = x / y;
    *r = x - q * y;
    if (*r < 0) {
        --q;
        *r += y;
    }
    return q;
}

/* Carries *lo into *hi so that 0 <= *lo < factor. */
static void
normalize_pair(int *hi, int *lo, int factor)
{
    if (*lo < 0 || *lo >= factor) {
        int r;
        int q = pyrs_dt_divmod(*lo, factor, &r);
        *hi += q;
        *lo = r;
    }
}

/* Normalizes a (days, seconds, microseconds) triple; the days are range-checked later. */
void
pyrs_dt_normalize_d_s_us(int *d, int *s, int *us)
{
    normalize_pair(s, us, 1000000);
    normalize_pair(d, s, 24 * 3600);
}

static int
date_overflow(void)
{
    PyErr_SetString(PyExc_OverflowError, "date value out of range");
    return -1;
}

/* Makes the day valid for the month (the month is valid on entry), moving across months and
 * years; then checks the year. */
int
pyrs_dt_normalize_date(int *y, int *m, int *d)
{
    int dim = pyrs_dt_days_in_month(*y, *m);
    if (*d < 1 || *d > dim) {
        if (*d == 0) {
            --*m;
            if (*m > 0) {
                *d = pyrs_dt_days_in_month(*y, *m);
            } else {
                --*y;
                *m = 12;
                *d = 31;
            }
        } else if (*d == dim + 1) {
            ++*m;
            *d = 1;
            if (*m > 12) {
                *m = 1;
                ++*y;
            }
        } else {
            int ordinal = pyrs_dt_ymd_to_ord(*y, *m, 1) + *d - 1;
            if (ordinal < 1 || ordinal > MAXORDINAL) {
                return date_overflow();
            }
            pyrs_dt_ord_to_ymd(ordinal, y, m, d);
            return 0;
        }
    }
    if (*y < MINYEAR || *y > MAXYEAR) {
        return date_overflow();
    }
    return 0;
}

/* Carries microseconds up through days, then normalizes the date. */
int
pyrs_dt_normalize_datetime(int *year, int *month, int *day, int *hour, int *minute, int *second,
                           int *us)
{
    normalize_pair(second, us, 1000000);
    normalize_pair(minute, second, 60);
    normalize_pair(hour, minute, 60);
    normalize_pair(day, hour, 24);
    return pyrs_dt_normalize_date(year, month, day);
}

/* Range checks of the date constructor. */
int
pyrs_dt_check_date_args(int year, int month, int day)
{
    if (year < MINYEAR || year > MAXYEAR) {
        PyErr_Format(PyExc_ValueError, "year %i is out of range", year);
        return -1;
    }
    if (month < 1 || month > 12) {
        PyErr_SetString(PyExc_ValueError, "month must be in 1..12");
        return -1;
    }
    if (day < 1 || day > pyrs_dt_days_in_month(year, month)) {
        PyErr_SetString(PyExc_ValueError, "day is out of range for month");
        return -1;
    }
    return 0;
}

/* Range checks of the time constructor. */
int
pyrs_dt_check_time_args(int h, int m, int s, int us, int fold)
{
    const char *msg = NULL;
    if (h < 0 || h > 23) {
        msg = "hour must be in 0..23";
    } else if (m < 0 || m > 59) {
        msg = "minute must be in 0..59";
    } else if (s < 0 || s > 59) {
        msg = "second must be in 0..59";
    } else if (us < 0 || us > 999999) {
        msg = "microsecond must be in 0..999999";
    } else if (fold != 0 && fold != 1) {
        msg = "fold must be either 0 or 1";
    }
    if (msg != NULL) {
        PyErr_SetString(PyExc_ValueError, msg);
        return -1;
    }
    return 0;
}

long long
pyrs_dt_utc_to_seconds(int year, int month, int day, int hour, int minute, int second)
{
    /* ymd_to_ord does not accept year <= 0. */
    if (year < MINYEAR || year > MAXYEAR) {
        PyErr_Format(PyExc_ValueError, "year %i is out of range", year);
        return -1;
    }
    long long ordinal = pyrs_dt_ymd_to_ord(year, month, day);
    return ((ordinal * 24 + hour) * 60 + minute) * 60 + second;
}

long long
pyrs_dt_local(long long u)
{
    struct tm tm;
    u -= DT_EPOCH_SECONDS;
    time_t t = (time_t)u;
    if ((long long)t != u) {
        PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
        return -1;
    }
    if (_PyTime_localtime(t, &tm) != 0) {
        return -1;
    }
    return pyrs_dt_utc_to_seconds(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                                  tm.tm_min, tm.tm_sec);
}

/* Solves local(u) == t for u. Two solutions exist in a fold (fold picks the later one); none
 * in a gap, where fold picks between the two offsets' answers as CPython does. */
long long
pyrs_dt_local_to_seconds(int year, int month, int day, int hour, int minute, int second, int fold)
{
    const long long max_fold = 24 * 3600;
    long long t = pyrs_dt_utc_to_seconds(year, month, day, hour, minute, second);
    if (t == -1) {
        return -1;
    }
    long long lt = pyrs_dt_local(t);
    if (lt == -1) {
        return -1;
    }
    long long a = lt - t;
    long long u1 = t - a;
    long long t1 = pyrs_dt_local(u1);
    if (t1 == -1) {
        return -1;
    }
    long long b;
    if (t1 == t) {
        /* One solution; look on the other side for a second offset. */
        long long u2 = fold ? u1 + max_fold : u1 - max_fold;
        lt = pyrs_dt_local(u2);
        if (lt == -1) {
            return -1;
        }
        b = lt - u2;
        if (a == b) {
            return u1;
        }
    } else {
        b = t1 - u1;
    }
    long long u2 = t - b;
    long long t2 = pyrs_dt_local(u2);
    if (t2 == -1) {
        return -1;
    }
    if (t2 == t) {
        return u2;
    }
    if (t1 == t) {
        return u1;
    }
    /* t is in a gap. */
    if (fold) {
        return u1 < u2 ? u1 : u2;
    }
    return u1 > u2 ? u1 : u2;
}
