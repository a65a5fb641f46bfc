/* The math module: CPython 3.11's functions with its special-value rules and error messages
 * ("math domain error", "math range error"), Lanczos gamma/lgamma, exact fsum (Shewchuk's
 * partials), the correctly-rounded-in-practice hypot/dist, and integer functions (factorial,
 * comb, perm, gcd, lcm, isqrt) on GMP through the 30-bit digit layout. */
#include "Python.h"
#include "pyrs/call.h"

#include <errno.h>
#include <float.h>
#include <gmp.h>
#include <math.h>

#define PI    3.141592653589793238462643383279502884197
#define LOGPI 1.144729885849400174143427351353058711647

/* ---- argument helpers ----------------------------------------------------------------------- */

/* Matches fast-call arguments against NAMES (a NULL-ended list; the first NPOSONLY are
 * positional-only, those up to MAXPOS positional-or-keyword, the rest keyword-only) into OUT
 * (borrowed, NULL where absent). The first NREQ names are required. Clinic's messages. */
static int
parse_kw(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
         const char *const *names, int nposonly, int maxpos, int nreq, PyObject **out)
{
    int nnames = 0;
    while (names[nnames] != NULL) {
        out[nnames++] = NULL;
    }
    Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
    if (nargs + nkw > nnames) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d %sargument%s (%zd given)", fname,
                     nnames, nargs == 0 ? "keyword " : "", nnames == 1 ? "" : "s", nargs + nkw);
        return -1;
    }
    if (nargs > maxpos) {
        if (maxpos == 0) {
            PyErr_Format(PyExc_TypeError, "%s() takes no positional arguments", fname);
        } else {
            PyErr_Format(PyExc_TypeError, "%s() takes %s %d positional argument%s (%zd given)",
                         fname, nreq < maxpos ? "at most" : "exactly", maxpos,
                         maxpos == 1 ? "" : "s", nargs);
        }
        return -1;
    }
    int minposonly = nposonly < nreq ? nposonly : nreq;
    if (nargs < minposonly) {
        PyErr_Format(PyExc_TypeError, "%s() takes %s %d positional argument%s (%zd given)", fname,
                     minposonly < maxpos ? "at least" : "exactly", minposonly,
                     minposonly == 1 ? "" : "s", nargs);
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        out[i] = args[i];
    }
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        int found = -1;
        for (int j = nposonly; j < nnames; j++) {
            if (PyUnicode_CompareWithASCIIString(key, names[j]) == 0) {
                found = j;
                break;
            }
        }
        if (found < 0) {
            PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for %s()", key,
                         fname);
            return -1;
        }
        if (out[found] != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %s() given by name ('%s') and position (%d)", fname,
                         names[found], found + 1);
            return -1;
        }
        out[found] = args[nargs + k];
    }
    for (int j = 0; j < nreq; j++) {
        if (out[j] == NULL) {
            if (j < nposonly && nargs < nposonly) {
                PyErr_Format(PyExc_TypeError, "%s() takes %s %d positional argument%s (%zd given)",
                             fname, nreq < maxpos ? "at least" : "exactly", nreq,
                             nreq == 1 ? "" : "s", nargs);
            } else {
                PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %d)", fname,
                             names[j], j + 1);
            }
            return -1;
        }
    }
    return 0;
}

/* A float argument: 0 and *out, or -1 with the TypeError/OverflowError of PyFloat_AsDouble. */
static int
as_double(PyObject *o, double *out)
{
    if (PyFloat_CheckExact(o)) {
        *out = PyFloat_AS_DOUBLE(o);
        return 0;
    }
    double v = PyFloat_AsDouble(o);
    if (v == -1.0 && PyErr_Occurred()) {
        return -1;
    }
    *out = v;
    return 0;
}

/* Turns errno (EDOM/ERANGE) left by a computation of r into CPython's exception; an ERANGE
 * whose result is small is an underflow and not an error. 1 if an error was set. */
static int
is_error(double r)
{
    if (errno == EDOM) {
        PyErr_SetString(PyExc_ValueError, "math domain error");
        return 1;
    }
    if (errno == ERANGE) {
        if (fabs(r) < 1.5) {
            return 0;
        }
        PyErr_SetString(PyExc_OverflowError, "math range error");
        return 1;
    }
    PyErr_SetString(PyExc_SystemError, "unexpected math error");
    return 1;
}

/* ---- the int <-> mpz bridge ----------------------------------------------------------------- */

static void
long_to_mpz(mpz_t z, PyObject *v)
{
    PyLongObject *l = (PyLongObject *)v;
    Py_ssize_t n = Py_SIZE(l);
    mpz_import(z, (size_t)Py_ABS(n), -1, sizeof(digit), 0, 32 - PyLong_SHIFT, l->ob_digit);
    if (n < 0) {
        mpz_neg(z, z);
    }
}

static PyObject *
long_from_mpz(const mpz_t z)
{
    if (mpz_fits_slong_p(z)) {
        return PyLong_FromLong(mpz_get_si(z));
    }
    size_t bits = mpz_sizeinbase(z, 2);
    Py_ssize_t nd = (Py_ssize_t)((bits + PyLong_SHIFT - 1) / PyLong_SHIFT);
    PyLongObject *r = _PyLong_New(nd);
    if (r == NULL) {
        return NULL;
    }
    size_t count = 0;
    mpz_export(r->ob_digit, &count, -1, sizeof(digit), 0, 32 - PyLong_SHIFT, z);
    Py_SET_SIZE(r, mpz_sgn(z) < 0 ? -(Py_ssize_t)count : (Py_ssize_t)count);
    return (PyObject *)r;
}

/* ---- Lanczos gamma and lgamma (CPython's algorithm and coefficients) ------------------------ */

#define LANCZOS_N 13
static const double lanczos_g = 6.024680040776729583740234375;
static const double lanczos_g_minus_half = 5.524680040776729583740234375;
static const double lanczos_num_coeffs[LANCZOS_N] = {
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408};
static const double lanczos_den_coeffs[LANCZOS_N] = {
    0.0,       39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0,
    2637558.0, 357423.0,   32670.0,     1925.0,      66.0,        1.0};
#define NGAMMA_INTEGRAL 23
static const double gamma_integral[NGAMMA_INTEGRAL] = {
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362880.0,
    3628800.0,
    39916800.0,
    479001600.0,
    6227020800.0,
    87178291200.0,
    1307674368000.0,
    20922789888000.0,
    355687428096000.0,
    6402373705728000.0,
    121645100408832000.0,
    2432902008176640000.0,
    51090942171709440000.0,
    1124000727777607680000.0,
};

static double
lanczos_sum(double x)
{
    double num = 0.0, den = 0.0;
    if (x < 5.0) {
        for (int i = LANCZOS_N; --i >= 0;) {
            num = num * x + lanczos_num_coeffs[i];
            den = den * x + lanczos_den_coeffs[i];
        }
    } else {
        for (int i = 0; i < LANCZOS_N; i++) {
            num = num / x + lanczos_num_coeffs[i];
            den = den / x + lanczos_den_coeffs[i];
        }
    }
    return num / den;
}

/* sin(pi*x), accurate near the integers. */
static double
m_sinpi(double x)
{
    double y = fmod(fabs(x), 2.0), r = 0.0;
    switch ((int)round(2.0 * y)) {
    case 0:
        r = sin(PI * y);
        break;
    case 1:
        r = cos(PI * (y - 0.5));
        break;
    case 2:
        r = sin(PI * (1.0 - y));
        break;
    case 3:
        r = -cos(PI * (y - 1.5));
        break;
    case 4:
        r = sin(PI * (y - 2.0));
        break;
    default:
        break;
    }
    return copysign(1.0, x) * r;
}

static double
m_tgamma(double x)
{
    if (!isfinite(x)) {
        if (isnan(x) || x > 0.0) {
            return x;
        }
        errno = EDOM;
        return Py_NAN;
    }
    if (x == 0.0) {
        errno = EDOM;
        return copysign(Py_HUGE_VAL, x);
    }
    if (x == floor(x)) {
        if (x < 0.0) {
            errno = EDOM;
            return Py_NAN;
        }
        if (x <= NGAMMA_INTEGRAL) {
            return gamma_integral[(int)x - 1];
        }
    }
    double absx = fabs(x), r;
    if (absx < 1e-20) {
        r = 1.0 / x;
        if (isinf(r)) {
            errno = ERANGE;
        }
        return r;
    }
    if (absx > 200.0) {
        if (x < 0.0) {
            return 0.0 / m_sinpi(x);
        }
        errno = ERANGE;
        return Py_HUGE_VAL;
    }
    double y = absx + lanczos_g_minus_half, z;
    /* the rounding error of y, to correct the pow/exp below */
    if (absx > lanczos_g_minus_half) {
        volatile double q = y - absx;
        z = q - lanczos_g_minus_half;
    } else {
        volatile double q = y - lanczos_g_minus_half;
        z = q - absx;
    }
    z = z * lanczos_g / y;
    if (x < 0.0) {
        r = -PI / m_sinpi(absx) / absx * exp(y) / lanczos_sum(absx);
        r -= z * r;
        if (absx < 140.0) {
            r /= pow(y, absx - 0.5);
        } else {
            double sqrtpow = pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / exp(y);
        r += z * r;
        if (absx < 140.0) {
            r *= pow(y, absx - 0.5);
        } else {
            double sqrtpow = pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    if (isinf(r)) {
        errno = ERANGE;
    }
    return r;
}

static double
m_lgamma(double x)
{
    if (!isfinite(x)) {
        return isnan(x) ? x : Py_HUGE_VAL;
    }
    if (x == floor(x) && x <= 2.0) {
        if (x <= 0.0) {
            errno = EDOM;
            return Py_HUGE_VAL;
        }
        return 0.0;
    }
    double absx = fabs(x);
    if (absx < 1e-20) {
        return -log(absx);
    }
    double r = log(lanczos_sum(absx)) - lanczos_g;
    r += (absx - 0.5) * (log(absx + lanczos_g - 0.5) - 1);
    if (x < 0.0) {
        r = LOGPI - log(fabs(m_sinpi(absx))) - log(absx) - r;
    }
    if (isinf(r)) {
        errno = ERANGE;
    }
    return r;
}

/* ---- one-argument float functions ----------------------------------------------------------- */

/* f(x) for a libm function: a NaN from a non-NaN is a domain error; an infinity from a
 * finite x is a range error when CAN_OVERFLOW, else a domain error. */
static PyObject *
math_1(PyObject *arg, double (*func)(double), int can_overflow)
{
    double x, r;
    if (as_double(arg, &x) < 0) {
        return NULL;
    }
    errno = 0;
    r = func(x);
    if (isnan(r) && !isnan(x)) {
        PyErr_SetString(PyExc_ValueError, "math domain error");
        return NULL;
    }
    if (isinf(r) && isfinite(x)) {
        PyErr_SetString(can_overflow ? PyExc_OverflowError : PyExc_ValueError,
                        can_overflow ? "math range error" : "math domain error");
        return NULL;
    }
    if (isfinite(r) && errno && is_error(r)) {
        return NULL;
    }
    return PyFloat_FromDouble(r);
}

/* f(x) for the functions that report through errno themselves (gamma, lgamma). */
static PyObject *
math_1a(PyObject *arg, double (*func)(double))
{
    double x, r;
    if (as_double(arg, &x) < 0) {
        return NULL;
    }
    errno = 0;
    r = func(x);
    if (errno && is_error(r)) {
        return NULL;
    }
    return PyFloat_FromDouble(r);
}

#define FUNC1(name, cfunc, can_overflow)                                                           \
    static PyObject *math_##name(PyObject *Py_UNUSED(module), PyObject *arg)                       \
    {                                                                                              \
        return math_1(arg, cfunc, can_overflow);                                                   \
    }
#define FUNC1A(name, cfunc)                                                                        \
    static PyObject *math_##name(PyObject *Py_UNUSED(module), PyObject *arg)                       \
    {                                                                                              \
        return math_1a(arg, cfunc);                                                                \
    }

FUNC1(acos, acos, 0)
FUNC1(acosh, acosh, 0)
FUNC1(asin, asin, 0)
FUNC1(asinh, asinh, 0)
FUNC1(atan, atan, 0)
FUNC1(atanh, atanh, 0)
FUNC1(cbrt, cbrt, 0)
FUNC1(cos, cos, 0)
FUNC1(cosh, cosh, 1)
FUNC1(erf, erf, 0)
FUNC1(erfc, erfc, 0)
FUNC1(exp, exp, 1)
FUNC1(exp2, exp2, 1)
FUNC1(expm1, expm1, 1)
FUNC1(fabs, fabs, 0)
FUNC1(log1p, log1p, 0)
FUNC1(sin, sin, 0)
FUNC1(sinh, sinh, 1)
FUNC1(sqrt, sqrt, 0)
FUNC1(tan, tan, 0)
FUNC1(tanh, tanh, 0)
FUNC1A(gamma, m_tgamma)
FUNC1A(lgamma, m_lgamma)

/* ---- logarithms ----------------------------------------------------------------------------- */

/* log of an int of any size (through frexp when it does not fit a double), or of a float. */
static PyObject *
loghelper(PyObject *arg, double (*func)(double))
{
    if (PyLong_Check(arg)) {
        if (_PyLong_Sign(arg) <= 0) {
            PyErr_SetString(PyExc_ValueError, "math domain error");
            return NULL;
        }
        double x = PyLong_AsDouble(arg);
        if (x == -1.0 && PyErr_Occurred()) {
            if (!PyErr_ExceptionMatches(PyExc_OverflowError)) {
                return NULL;
            }
            PyErr_Clear();
            Py_ssize_t e;
            x = _PyLong_Frexp((PyLongObject *)arg, &e);
            if (x == -1.0 && PyErr_Occurred()) {
                return NULL;
            }
            return PyFloat_FromDouble(func(x) + func(2.0) * (double)e);
        }
        return PyFloat_FromDouble(func(x));
    }
    return math_1(arg, func, 0);
}

static PyObject *
math_log(PyObject *Py_UNUSED(module), PyObject *args)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < 1 || n > 2) {
        PyErr_SetString(PyExc_TypeError, "math.log requires 1 to 2 arguments");
        return NULL;
    }
    PyObject *num = loghelper(PyTuple_GET_ITEM(args, 0), log);
    if (num == NULL || n == 1) {
        return num;
    }
    PyObject *den = loghelper(PyTuple_GET_ITEM(args, 1), log);
    if (den == NULL) {
        Py_DECREF(num);
        return NULL;
    }
    PyObject *res = PyNumber_TrueDivide(num, den);
    Py_DECREF(num);
    Py_DECREF(den);
    return res;
}

static PyObject *
math_log2(PyObject *Py_UNUSED(module), PyObject *arg)
{
    return loghelper(arg, log2);
}

static PyObject *
math_log10(PyObject *Py_UNUSED(module), PyObject *arg)
{
    return loghelper(arg, log10);
}

/* ---- two-argument float functions ----------------------------------------------------------- */

static int
two_doubles(const char *name, PyObject *const *args, Py_ssize_t nargs, double *x, double *y)
{
    if (!_PyArg_CheckPositional(name, nargs, 2, 2)) {
        return -1;
    }
    if (as_double(args[0], x) < 0 || as_double(args[1], y) < 0) {
        return -1;
    }
    return 0;
}

/* r = func(x, y) with CPython's math_2 rules. */
static PyObject *
math_2(const char *name, PyObject *const *args, Py_ssize_t nargs, double (*func)(double, double))
{
    double x, y, r;
    if (two_doubles(name, args, nargs, &x, &y) < 0) {
        return NULL;
    }
    errno = 0;
    r = func(x, y);
    if (isnan(r)) {
        errno = (!isnan(x) && !isnan(y)) ? EDOM : 0;
    } else if (isinf(r)) {
        errno = (isfinite(x) && isfinite(y)) ? EDOM : 0;
    }
    if (errno && is_error(r)) {
        return NULL;
    }
    return PyFloat_FromDouble(r);
}

static PyObject *
math_atan2(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    return math_2("atan2", args, nargs, atan2);
}

static PyObject *
math_copysign(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    return math_2("copysign", args, nargs, copysign);
}

static PyObject *
math_remainder(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    return math_2("remainder", args, nargs, remainder);
}

static PyObject *
math_fmod(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    double x, y, r;
    if (two_doubles("fmod", args, nargs, &x, &y) < 0) {
        return NULL;
    }
    if (isinf(y) && isfinite(x)) {
        return PyFloat_FromDouble(x);
    }
    errno = 0;
    r = fmod(x, y);
    if (isnan(r)) {
        errno = (!isnan(x) && !isnan(y)) ? EDOM : 0;
    }
    if (errno && is_error(r)) {
        return NULL;
    }
    return PyFloat_FromDouble(r);
}

/* x**y for the IEEE special values explicitly, libm for finite operands. */
static double
pow_special(double x, double y)
{
    if (isnan(x)) {
        return y == 0.0 ? 1.0 : x;
    }
    if (isnan(y)) {
        return x == 1.0 ? 1.0 : y;
    }
    if (isinf(x)) {
        int odd_y = isfinite(y) && fmod(fabs(y), 2.0) == 1.0;
        if (y > 0.0) {
            return odd_y ? x : fabs(x);
        }
        if (y == 0.0) {
            return 1.0;
        }
        return odd_y ? copysign(0.0, x) : 0.0;
    }
    /* y infinite */
    if (fabs(x) == 1.0) {
        return 1.0;
    }
    if (y > 0.0 && fabs(x) > 1.0) {
        return y;
    }
    if (y < 0.0 && fabs(x) < 1.0) {
        return -y;
    }
    return 0.0;
}

static PyObject *
math_pow(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    double x, y, r;
    if (two_doubles("pow", args, nargs, &x, &y) < 0) {
        return NULL;
    }
    errno = 0;
    if (!isfinite(x) || !isfinite(y)) {
        r = pow_special(x, y);
    } else {
        r = pow(x, y);
        errno = 0;
        if (isnan(r)) {
            errno = EDOM;
        } else if (isinf(r)) {
            errno = x == 0.0 ? EDOM : ERANGE;
        }
    }
    if (errno && is_error(r)) {
        return NULL;
    }
    return PyFloat_FromDouble(r);
}

static PyObject *
math_nextafter(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    double x, y;
    if (two_doubles("nextafter", args, nargs, &x, &y) < 0) {
        return NULL;
    }
    return PyFloat_FromDouble(nextafter(x, y));
}

static PyObject *
math_ulp(PyObject *Py_UNUSED(module), PyObject *arg)
{
    double x;
    if (as_double(arg, &x) < 0) {
        return NULL;
    }
    if (isnan(x)) {
        return PyFloat_FromDouble(x);
    }
    x = fabs(x);
    if (isinf(x)) {
        return PyFloat_FromDouble(x);
    }
    double x2 = nextafter(x, Py_HUGE_VAL);
    if (isinf(x2)) {
        x2 = nextafter(x, -Py_HUGE_VAL);
        return PyFloat_FromDouble(x - x2);
    }
    return PyFloat_FromDouble(x2 - x);
}

/* ---- float decomposition and classification ------------------------------------------------- */

/* (a, b), stealing both (either may be NULL after a failed allocation). */
static PyObject *
pair(PyObject *a, PyObject *b)
{
    PyObject *t = (a != NULL && b != NULL) ? PyTuple_Pack(2, a, b) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(b);
    return t;
}

static PyObject *
math_frexp(PyObject *Py_UNUSED(module), PyObject *arg)
{
    double x;
    int e = 0;
    if (as_double(arg, &x) < 0) {
        return NULL;
    }
    if (isfinite(x) && x != 0.0) {
        x = frexp(x, &e);
    }
    return pair(PyFloat_FromDouble(x), PyLong_FromLong(e));
}

static PyObject *
math_ldexp(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    double x, r;
    if (!_PyArg_CheckPositional("ldexp", nargs, 2, 2) || as_double(args[0], &x) < 0) {
        return NULL;
    }
    if (!PyLong_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "Expected an int as second argument to ldexp.");
        return NULL;
    }
    int overflow;
    long e = PyLong_AsLongAndOverflow(args[1], &overflow);
    if (e == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (overflow) {
        e = overflow < 0 ? LONG_MIN : LONG_MAX;
    }
    errno = 0;
    if (x == 0.0 || !isfinite(x)) {
        r = x;
    } else if (e > INT_MAX) {
        r = copysign(Py_HUGE_VAL, x);
        errno = ERANGE;
    } else if (e < INT_MIN) {
        r = copysign(0.0, x);
    } else {
        r = ldexp(x, (int)e);
        if (isinf(r)) {
            errno = ERANGE;
        }
    }
    if (errno && is_error(r)) {
        return NULL;
    }
    return PyFloat_FromDouble(r);
}

static PyObject *
math_modf(PyObject *Py_UNUSED(module), PyObject *arg)
{
    double x, ip;
    if (as_double(arg, &x) < 0) {
        return NULL;
    }
    if (isinf(x)) {
        return pair(PyFloat_FromDouble(copysign(0.0, x)), PyFloat_FromDouble(x));
    }
    if (isnan(x)) {
        return pair(PyFloat_FromDouble(x), PyFloat_FromDouble(x));
    }
    double fp = modf(x, &ip);
    return pair(PyFloat_FromDouble(fp), PyFloat_FromDouble(ip));
}

static PyObject *
bool_of_double(PyObject *arg, int (*pred)(double))
{
    double x;
    if (as_double(arg, &x) < 0) {
        return NULL;
    }
    return PyBool_FromLong(pred(x));
}

static int
pred_finite(double x)
{
    return isfinite(x);
}

static int
pred_inf(double x)
{
    return isinf(x);
}

static int
pred_nan(double x)
{
    return isnan(x);
}

static PyObject *
math_isfinite(PyObject *Py_UNUSED(module), PyObject *arg)
{
    return bool_of_double(arg, pred_finite);
}

static PyObject *
math_isinf(PyObject *Py_UNUSED(module), PyObject *arg)
{
    return bool_of_double(arg, pred_inf);
}

static PyObject *
math_isnan(PyObject *Py_UNUSED(module), PyObject *arg)
{
    return bool_of_double(arg, pred_nan);
}

static PyObject *
math_degrees(PyObject *Py_UNUSED(module), PyObject *arg)
{
    double x;
    if (as_double(arg, &x) < 0) {
        return NULL;
    }
    return PyFloat_FromDouble(x * (180.0 / PI));
}

static PyObject *
math_radians(PyObject *Py_UNUSED(module), PyObject *arg)
{
    double x;
    if (as_double(arg, &x) < 0) {
        return NULL;
    }
    return PyFloat_FromDouble(x * (PI / 180.0));
}

static PyObject *
math_isclose(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs,
             PyObject *kwnames)
{
    static const char *const names[] = {"a", "b", "rel_tol", "abs_tol", NULL};
    PyObject *o[4];
    double a, b, rel_tol = 1e-09, abs_tol = 0.0;
    if (parse_kw("isclose", args, nargs, kwnames, names, 0, 2, 2, o) < 0) {
        return NULL;
    }
    if (as_double(o[0], &a) < 0 || as_double(o[1], &b) < 0) {
        return NULL;
    }
    if ((o[2] != NULL && as_double(o[2], &rel_tol) < 0) ||
        (o[3] != NULL && as_double(o[3], &abs_tol) < 0)) {
        return NULL;
    }
    if (rel_tol < 0.0 || abs_tol < 0.0) {
        PyErr_SetString(PyExc_ValueError, "tolerances must be non-negative");
        return NULL;
    }
    if (a == b) {
        Py_RETURN_TRUE;
    }
    if (isinf(a) || isinf(b)) {
        Py_RETURN_FALSE;
    }
    double diff = fabs(b - a);
    return PyBool_FromLong(diff <= fabs(rel_tol * b) || diff <= fabs(rel_tol * a) ||
                           diff <= abs_tol);
}

/* ---- rounding through __floor__ / __ceil__ / __trunc__ -------------------------------------- */

static PyObject *
round_special(PyObject *arg, const char *dunder, double (*func)(double))
{
    if (PyFloat_CheckExact(arg)) {
        return PyLong_FromDouble(func(PyFloat_AS_DOUBLE(arg)));
    }
    PyObject *name = PyUnicode_InternFromString(dunder);
    if (name == NULL) {
        return NULL;
    }
    PyObject *meth = _PyObject_LookupSpecial(arg, name);
    Py_DECREF(name);
    if (meth != NULL) {
        PyObject *res = PyObject_CallNoArgs(meth);
        Py_DECREF(meth);
        return res;
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    double x;
    if (as_double(arg, &x) < 0) {
        return NULL;
    }
    return PyLong_FromDouble(func(x));
}

static PyObject *
math_floor(PyObject *Py_UNUSED(module), PyObject *arg)
{
    return round_special(arg, "__floor__", floor);
}

static PyObject *
math_ceil(PyObject *Py_UNUSED(module), PyObject *arg)
{
    return round_special(arg, "__ceil__", ceil);
}

static PyObject *
math_trunc(PyObject *Py_UNUSED(module), PyObject *arg)
{
    if (PyFloat_CheckExact(arg)) {
        return PyLong_FromDouble(trunc(PyFloat_AS_DOUBLE(arg)));
    }
    PyObject *name = PyUnicode_InternFromString("__trunc__");
    if (name == NULL) {
        return NULL;
    }
    PyObject *meth = _PyObject_LookupSpecial(arg, name);
    Py_DECREF(name);
    if (meth == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_TypeError, "type %.100s doesn't define __trunc__ method",
                         Py_TYPE(arg)->tp_name);
        }
        return NULL;
    }
    PyObject *res = PyObject_CallNoArgs(meth);
    Py_DECREF(meth);
    return res;
}

/* ---- fsum: exact summation with a list of non-overlapping partials -------------------------- */

static PyObject *
fsum_finish(double *p, Py_ssize_t n)
{
    double hi = 0.0, lo = 0.0, x, y, yr;
    if (n > 0) {
        hi = p[--n];
        /* add the partials from the top down until the sum is inexact */
        while (n > 0) {
            x = hi;
            y = p[--n];
            hi = x + y;
            yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) {
                break;
            }
        }
        /* round half-even using the sign of the next partial */
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            y = lo * 2.0;
            x = hi + y;
            yr = x - hi;
            if (y == yr) {
                hi = x;
            }
        }
    }
    return PyFloat_FromDouble(hi);
}

static PyObject *
math_fsum(PyObject *Py_UNUSED(module), PyObject *seq)
{
    double stack[32], *p = stack, special_sum = 0.0, inf_sum = 0.0;
    Py_ssize_t n = 0, cap = 32;
    PyObject *res = NULL, *item;
    PyObject *it = PyObject_GetIter(seq);
    if (it == NULL) {
        return NULL;
    }
    while ((item = PyIter_Next(it)) != NULL) {
        double x, xsave;
        int rc = as_double(item, &x);
        Py_DECREF(item);
        if (rc < 0) {
            goto done;
        }
        xsave = x;
        Py_ssize_t i = 0;
        for (Py_ssize_t j = 0; j < n; j++) {
            double y = p[j];
            if (fabs(x) < fabs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y, lo = y - (hi - x);
            if (lo != 0.0) {
                p[i++] = lo;
            }
            x = hi;
        }
        n = i;
        if (x == 0.0) {
            continue;
        }
        if (!isfinite(x)) {
            /* an infinity or NaN in the input, or an overflow of finite inputs */
            if (isfinite(xsave)) {
                PyErr_SetString(PyExc_OverflowError, "intermediate overflow in fsum");
                goto done;
            }
            if (isinf(xsave)) {
                inf_sum += xsave;
            }
            special_sum += xsave;
            n = 0;
            continue;
        }
        if (n >= cap) {
            double *np = PyMem_Malloc(sizeof(double) * (size_t)cap * 2);
            if (np == NULL) {
                PyErr_NoMemory();
                goto done;
            }
            memcpy(np, p, sizeof(double) * (size_t)n);
            if (p != stack) {
                PyMem_Free(p);
            }
            p = np;
            cap *= 2;
        }
        p[n++] = x;
    }
    if (PyErr_Occurred()) {
        goto done;
    }
    if (special_sum != 0.0) {
        if (isnan(inf_sum)) {
            PyErr_SetString(PyExc_ValueError, "-inf + inf in fsum");
        } else {
            res = PyFloat_FromDouble(special_sum);
        }
        goto done;
    }
    res = fsum_finish(p, n);
done:
    if (p != stack) {
        PyMem_Free(p);
    }
    Py_DECREF(it);
    return res;
}

/* ---- hypot and dist: scaled, exactly squared, compensated sum, corrected sqrt --------------- */

typedef struct {
    double hi, lo;
} DoubleLength;

static DoubleLength
dl_fast_sum(double a, double b)
{
    double x = a + b;
    double z = x - a;
    double y = b - z;
    return (DoubleLength){x, y};
}

static DoubleLength
dl_mul(double x, double y)
{
    double z = x * y;
    return (DoubleLength){z, fma(x, y, -z)};
}

static double
vector_norm(Py_ssize_t n, double *vec, double max, int found_nan)
{
    double x, h, scale, csum = 1.0, frac1 = 0.0, frac2 = 0.0;
    DoubleLength pr, sm;
    int max_e;
    if (isinf(max)) {
        return max;
    }
    if (found_nan) {
        return Py_NAN;
    }
    if (max == 0.0 || n <= 1) {
        return max;
    }
    frexp(max, &max_e);
    if (max_e < -1023) {
        /* subnormal maximum: rescale to normals first */
        for (Py_ssize_t i = 0; i < n; i++) {
            vec[i] /= DBL_MIN;
        }
        return DBL_MIN * vector_norm(n, vec, max / DBL_MIN, found_nan);
    }
    scale = ldexp(1.0, -max_e);
    for (Py_ssize_t i = 0; i < n; i++) {
        x = vec[i] * scale;
        pr = dl_mul(x, x);
        sm = dl_fast_sum(csum, pr.hi);
        csum = sm.hi;
        frac1 += pr.lo;
        frac2 += sm.lo;
    }
    h = sqrt(csum - 1.0 + (frac1 + frac2));
    pr = dl_mul(-h, h);
    sm = dl_fast_sum(csum, pr.hi);
    csum = sm.hi;
    frac1 += pr.lo;
    frac2 += sm.lo;
    x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    return h / scale;
}

static PyObject *
math_hypot(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    double stack[16], *coords = stack, max = 0.0, x;
    int found_nan = 0;
    if (nargs > 16) {
        coords = PyMem_Malloc(sizeof(double) * (size_t)nargs);
        if (coords == NULL) {
            return PyErr_NoMemory();
        }
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        if (as_double(args[i], &x) < 0) {
            if (coords != stack) {
                PyMem_Free(coords);
            }
            return NULL;
        }
        x = fabs(x);
        coords[i] = x;
        found_nan |= isnan(x);
        if (x > max) {
            max = x;
        }
    }
    double r = vector_norm(nargs, coords, max, found_nan);
    if (coords != stack) {
        PyMem_Free(coords);
    }
    return PyFloat_FromDouble(r);
}

static PyObject *
math_dist(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *p = NULL, *q = NULL, *res = NULL;
    double stack[16], *diffs = stack, max = 0.0, px, qx;
    int found_nan = 0;
    if (!_PyArg_CheckPositional("dist", nargs, 2, 2)) {
        return NULL;
    }
    p = PyTuple_Check(args[0]) ? Py_NewRef(args[0]) : PySequence_Tuple(args[0]);
    if (p == NULL) {
        return NULL;
    }
    q = PyTuple_Check(args[1]) ? Py_NewRef(args[1]) : PySequence_Tuple(args[1]);
    if (q == NULL) {
        goto done;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(p);
    if (n != PyTuple_GET_SIZE(q)) {
        PyErr_SetString(PyExc_ValueError, "both points must have the same number of dimensions");
        goto done;
    }
    if (n > 16 && (diffs = PyMem_Malloc(sizeof(double) * (size_t)n)) == NULL) {
        diffs = stack;
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (as_double(PyTuple_GET_ITEM(p, i), &px) < 0 ||
            as_double(PyTuple_GET_ITEM(q, i), &qx) < 0) {
            goto done;
        }
        double x = fabs(px - qx);
        diffs[i] = x;
        found_nan |= isnan(x);
        if (x > max) {
            max = x;
        }
    }
    res = PyFloat_FromDouble(vector_norm(n, diffs, max, found_nan));
done:
    if (diffs != stack) {
        PyMem_Free(diffs);
    }
    Py_XDECREF(p);
    Py_XDECREF(q);
    return res;
}

/* ---- products ------------------------------------------------------------------------------- */

static PyObject *
math_prod(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"", "start", NULL};
    PyObject *o[2];
    if (parse_kw("prod", args, nargs, kwnames, names, 1, 1, 1, o) < 0) {
        return NULL;
    }
    PyObject *it = PyObject_GetIter(o[0]);
    if (it == NULL) {
        return NULL;
    }
    PyObject *res = o[1] != NULL ? Py_NewRef(o[1]) : PyLong_FromLong(1), *item;
    while (res != NULL && (item = PyIter_Next(it)) != NULL) {
        Py_SETREF(res, PyNumber_Multiply(res, item));
        Py_DECREF(item);
    }
    Py_DECREF(it);
    if (res != NULL && PyErr_Occurred()) {
        Py_CLEAR(res);
    }
    return res;
}

/* ---- integer functions on GMP --------------------------------------------------------------- */

static PyObject *
math_gcd_lcm(PyObject *const *args, Py_ssize_t nargs, int is_lcm)
{
    mpz_t acc, v;
    mpz_init_set_ui(acc, is_lcm ? 1 : 0);
    mpz_init(v);
    PyObject *res = NULL;
    for (Py_ssize_t i = 0; i < nargs; i++) {
        PyObject *x = PyNumber_Index(args[i]);
        if (x == NULL) {
            goto done;
        }
        long_to_mpz(v, x);
        Py_DECREF(x);
        if (is_lcm) {
            mpz_lcm(acc, acc, v);
        } else {
            mpz_gcd(acc, acc, v);
        }
    }
    mpz_abs(acc, acc);
    res = long_from_mpz(acc);
done:
    mpz_clear(acc);
    mpz_clear(v);
    return res;
}

static PyObject *
math_gcd(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs == 1) {
        PyObject *x = PyNumber_Index(args[0]);
        if (x == NULL) {
            return NULL;
        }
        PyObject *r = PyNumber_Absolute(x);
        Py_DECREF(x);
        return r;
    }
    return math_gcd_lcm(args, nargs, 0);
}

static PyObject *
math_lcm(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs == 1) {
        PyObject *x = PyNumber_Index(args[0]);
        if (x == NULL) {
            return NULL;
        }
        PyObject *r = PyNumber_Absolute(x);
        Py_DECREF(x);
        return r;
    }
    return math_gcd_lcm(args, nargs, 1);
}

static PyObject *
math_isqrt(PyObject *Py_UNUSED(module), PyObject *arg)
{
    PyObject *n = PyNumber_Index(arg);
    if (n == NULL) {
        return NULL;
    }
    if (_PyLong_Sign(n) < 0) {
        Py_DECREF(n);
        PyErr_SetString(PyExc_ValueError, "isqrt() argument must be nonnegative");
        return NULL;
    }
    mpz_t z;
    mpz_init(z);
    long_to_mpz(z, n);
    Py_DECREF(n);
    mpz_sqrt(z, z);
    PyObject *res = long_from_mpz(z);
    mpz_clear(z);
    return res;
}

static PyObject *
math_factorial(PyObject *Py_UNUSED(module), PyObject *arg)
{
    int overflow;
    long x = PyLong_AsLongAndOverflow(arg, &overflow);
    if (x == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (overflow == 1) {
        PyErr_Format(PyExc_OverflowError, "factorial() argument should not exceed %ld", LONG_MAX);
        return NULL;
    }
    if (overflow == -1 || x < 0) {
        PyErr_SetString(PyExc_ValueError, "factorial() not defined for negative values");
        return NULL;
    }
    if (x <= 20) {
        /* 20! is the largest factorial below 2**64 */
        unsigned long long f = 1;
        for (long i = 2; i <= x; i++) {
            f *= (unsigned long long)i;
        }
        return PyLong_FromUnsignedLongLong(f);
    }
    mpz_t z;
    mpz_init(z);
    mpz_fac_ui(z, (unsigned long)x);
    PyObject *res = long_from_mpz(z);
    mpz_clear(z);
    return res;
}

/* n and k for comb/perm as exact ints with the non-negativity checks; 0 or -1. */
static int
comb_args(PyObject *n_arg, PyObject *k_arg, PyObject **n, PyObject **k)
{
    *n = PyNumber_Index(n_arg);
    if (*n == NULL) {
        return -1;
    }
    *k = PyNumber_Index(k_arg);
    if (*k == NULL) {
        Py_CLEAR(*n);
        return -1;
    }
    const char *msg = NULL;
    if (_PyLong_Sign(*n) < 0) {
        msg = "n must be a non-negative integer";
    } else if (_PyLong_Sign(*k) < 0) {
        msg = "k must be a non-negative integer";
    }
    if (msg != NULL) {
        PyErr_SetString(PyExc_ValueError, msg);
        Py_CLEAR(*n);
        Py_CLEAR(*k);
        return -1;
    }
    return 0;
}

/* comb/perm of machine-sized arguments when the result fits 64 bits: 1 and *out, else 0. */
static int
comb_perm_small(unsigned long long n, unsigned long long k, int perm, unsigned long long *out)
{
    if (k > n) {
        *out = 0;
        return 1;
    }
    if (!perm && k > n - k) {
        k = n - k;
    }
    unsigned __int128 acc = 1;
    for (unsigned long long i = 1; i <= k; i++) {
        /* comb: acc * (n - k + i) / i stays an exact binomial at every step */
        acc *= (unsigned __int128)(n - k + i);
        if (!perm) {
            acc /= i;
        }
        if (acc > (unsigned __int128)ULLONG_MAX) {
            return 0;
        }
    }
    *out = (unsigned long long)acc;
    return 1;
}

/* comb(n, k) when PERM is 0, else perm(n, k) = comb(n, k) * k!. */
static PyObject *
comb_perm(PyObject *n_arg, PyObject *k_arg, int perm)
{
    PyObject *n, *k, *res = NULL;
    if (comb_args(n_arg, k_arg, &n, &k) < 0) {
        return NULL;
    }
    int ov1 = 0, ov2 = 0;
    long long sn = PyLong_AsLongLongAndOverflow(n, &ov1),
              sk = PyLong_AsLongLongAndOverflow(k, &ov2);
    unsigned long long small;
    if (!ov1 && !ov2 && sn >= 0 && sk >= 0 && sn < (1LL << 62) &&
        comb_perm_small((unsigned long long)sn, (unsigned long long)sk, perm, &small)) {
        Py_DECREF(n);
        Py_DECREF(k);
        return PyLong_FromUnsignedLongLong(small);
    }
    mpz_t zn, zk;
    mpz_init(zn);
    mpz_init(zk);
    long_to_mpz(zn, n);
    long_to_mpz(zk, k);
    if (mpz_cmp(zk, zn) > 0) {
        res = PyLong_FromLong(0);
        goto done;
    }
    if (!perm) {
        mpz_t d;
        mpz_init(d);
        mpz_sub(d, zn, zk);
        if (mpz_cmp(d, zk) < 0) {
            mpz_set(zk, d);
        }
        mpz_clear(d);
    }
    if (!mpz_fits_slong_p(zk)) {
        PyErr_Format(PyExc_OverflowError,
                     perm ? "k must not exceed %lld" : "min(n - k, k) must not exceed %lld",
                     (long long)LONG_MAX);
        goto done;
    }
    unsigned long kk = mpz_get_ui(zk);
    mpz_bin_ui(zk, zn, kk);
    if (perm) {
        mpz_t f;
        mpz_init(f);
        mpz_fac_ui(f, kk);
        mpz_mul(zk, zk, f);
        mpz_clear(f);
    }
    res = long_from_mpz(zk);
done:
    mpz_clear(zn);
    mpz_clear(zk);
    Py_DECREF(n);
    Py_DECREF(k);
    return res;
}

static PyObject *
math_comb(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("comb", nargs, 2, 2)) {
        return NULL;
    }
    return comb_perm(args[0], args[1], 0);
}

static PyObject *
math_perm(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("perm", nargs, 1, 2)) {
        return NULL;
    }
    if (nargs == 1 || args[1] == Py_None) {
        return math_factorial(NULL, args[0]);
    }
    return comb_perm(args[0], args[1], 1);
}

/* ---- the module ----------------------------------------------------------------------------- */

#define M_O(name)                                                                                  \
    {                                                                                              \
#name, (PyCFunction)math_##name, METH_O, NULL                                              \
    }
#define M_FC(name)                                                                                 \
    {                                                                                              \
#name, (PyCFunction)(void (*)(void))math_##name, METH_FASTCALL, NULL                       \
    }
#define M_KW(name)                                                                                 \
    {                                                                                              \
#name, (PyCFunction)(void (*)(void))math_##name, METH_FASTCALL | METH_KEYWORDS, NULL       \
    }

static PyMethodDef math_methods[] = {
    M_O(acos),       M_O(acosh),
    M_O(asin),       M_O(asinh),
    M_O(atan),       M_FC(atan2),
    M_O(atanh),      M_O(cbrt),
    M_O(ceil),       M_FC(comb),
    M_FC(copysign),  M_O(cos),
    M_O(cosh),       M_O(degrees),
    M_FC(dist),      M_O(erf),
    M_O(erfc),       M_O(exp),
    M_O(exp2),       M_O(expm1),
    M_O(fabs),       M_O(factorial),
    M_O(floor),      M_FC(fmod),
    M_O(frexp),      M_O(fsum),
    M_O(gamma),      M_FC(gcd),
    M_FC(hypot),     M_KW(isclose),
    M_O(isfinite),   M_O(isinf),
    M_O(isnan),      M_O(isqrt),
    M_FC(lcm),       M_FC(ldexp),
    M_O(lgamma),     {"log", (PyCFunction)math_log, METH_VARARGS, NULL},
    M_O(log10),      M_O(log1p),
    M_O(log2),       M_O(modf),
    M_FC(nextafter), M_FC(perm),
    M_FC(pow),       M_KW(prod),
    M_O(radians),    M_FC(remainder),
    M_O(sin),        M_O(sinh),
    M_O(sqrt),       M_O(tan),
    M_O(tanh),       M_O(trunc),
    M_O(ulp),        {NULL, NULL, 0, NULL},
};

static int
math_exec(PyObject *module)
{
    static const struct {
        const char *name;
        double value;
    } consts[] = {
        {"pi", PI},
        {"e", 2.718281828459045235360287471352662498},
        {"tau", 6.283185307179586476925286766559005768},
        {"inf", (double)INFINITY},
        {"nan", (double)NAN},
    };
    for (size_t i = 0; i < Py_ARRAY_LENGTH(consts); i++) {
        PyObject *v = PyFloat_FromDouble(consts[i].value);
        if (v == NULL || PyModule_AddObject(module, consts[i].name, v) < 0) {
            Py_XDECREF(v);
            return -1;
        }
    }
    return 0;
}

static PyModuleDef_Slot math_slots[] = {
    {Py_mod_exec, (void *)math_exec},
    {0, NULL},
};

static PyModuleDef math_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "math",
    .m_doc = "This module provides access to the mathematical functions\n"
             "defined by the C standard.",
    .m_size = 0,
    .m_methods = math_methods,
    .m_slots = math_slots,
};

PyMODINIT_FUNC PyInit_math(void);

/* The math module definition (multi-phase); a borrowed reference to the def. */
PyMODINIT_FUNC
PyInit_math(void)
{
    return PyModuleDef_Init(&math_module);
}
