/* floatobject.c: the float type with CPython 3.11's behaviour: shortest round-trip repr,
 * Python's floor division/modulo/power rules and messages, exact comparison with ints,
 * correctly rounded round(x, n), hex()/fromhex(), as_integer_ratio, and the IEEE
 * pack/unpack helpers. */
#include "pyrs/float.h"

#include <errno.h>
#include <float.h>
#include <gmp.h>

#include "pyrs/format.h"
#include "pyrs/lifecycle.h"
#include "pyrs/long.h"
#include "pyrs/mem.h"

/* ---------------------------------------------------------------- construction */

/* Freed exact floats are kept for reuse, chained through their type field. */
#define FREELIST_MAX 100
static PyFloatObject *free_list;
static int numfree;

/* New float; NULL on MemoryError. */
PyAPI_FUNC(PyObject *)
PyFloat_FromDouble(double v)
{
    PyFloatObject *op = free_list;
    if (op != NULL) {
        free_list = (PyFloatObject *)Py_TYPE(op);
        numfree--;
    } else {
        op = pyrs_mem_obj_malloc(sizeof(PyFloatObject));
        if (op == NULL) {
            return PyErr_NoMemory();
        }
    }
    Py_SET_TYPE(op, &PyFloat_Type); /* a static type: no reference to take */
    Py_SET_REFCNT(op, 1);
    op->ob_fval = v;
    return (PyObject *)op;
}

/* DBL_MAX. */
PyAPI_FUNC(double)
PyFloat_GetMax(void)
{
    return DBL_MAX;
}

/* DBL_MIN (the smallest normal double). */
PyAPI_FUNC(double)
PyFloat_GetMin(void)
{
    return DBL_MIN;
}

/* sys.float_info's fields in order, as a tuple until structseq exists. */
PyAPI_FUNC(PyObject *)
PyFloat_GetInfo(void)
{
    PyObject *f[11] = {
        PyFloat_FromDouble(DBL_MAX), PyLong_FromLong(DBL_MAX_EXP),  PyLong_FromLong(DBL_MAX_10_EXP),
        PyFloat_FromDouble(DBL_MIN), PyLong_FromLong(DBL_MIN_EXP),  PyLong_FromLong(DBL_MIN_10_EXP),
        PyLong_FromLong(DBL_DIG),    PyLong_FromLong(DBL_MANT_DIG), PyFloat_FromDouble(DBL_EPSILON),
        PyLong_FromLong(FLT_RADIX),  PyLong_FromLong(FLT_ROUNDS),
    };
    PyObject *r = PyTuple_New(11);
    for (int i = 0; i < 11; i++) {
        if (f[i] == NULL || r == NULL) {
            Py_XDECREF(f[i]);
            continue;
        }
        PyTuple_SET_ITEM(r, i, f[i]);
    }
    for (int i = 0; r != NULL && i < 11; i++) {
        if (f[i] == NULL) {
            Py_CLEAR(r);
        }
    }
    return r;
}

/* float(text) of a str, bytes or bytearray; the ValueError shows repr(v). */
PyAPI_FUNC(PyObject *)
PyFloat_FromString(PyObject *v)
{
    const char *s;
    char *ascii = NULL;
    Py_ssize_t len;
    if (PyUnicode_Check(v)) {
        s = ascii = pyrs_float_ascii_text(v, &len);
        if (s == NULL) {
            return NULL;
        }
    } else if (PyBytes_Check(v)) {
        s = PyBytes_AS_STRING(v);
        len = PyBytes_GET_SIZE(v);
    } else if (PyByteArray_Check(v)) {
        s = PyByteArray_AS_STRING(v);
        len = PyByteArray_GET_SIZE(v);
    } else if (PyObject_CheckBuffer(v)) {
        /* other bytes-like objects: parse a NUL-terminated copy of their bytes */
        Py_buffer view;
        if (PyObject_GetBuffer(v, &view, PyBUF_SIMPLE) < 0) {
            return NULL;
        }
        ascii = PyMem_Malloc((size_t)view.len + 1);
        if (ascii == NULL) {
            PyBuffer_Release(&view);
            return PyErr_NoMemory();
        }
        memcpy(ascii, view.buf, (size_t)view.len);
        ascii[view.len] = '\0';
        s = ascii;
        len = view.len;
        PyBuffer_Release(&view);
    } else {
        PyErr_Format(PyExc_TypeError,
                     "float() argument must be a string or a real number, not '%.200s'",
                     Py_TYPE(v)->tp_name);
        return NULL;
    }
    double x;
    int ok = pyrs_float_from_text(s, len, &x);
    PyMem_Free(ascii);
    if (ok < 0) {
        return NULL;
    }
    if (ok == 0) {
        PyErr_Format(PyExc_ValueError, "could not convert string to float: %R", v);
        return NULL;
    }
    return PyFloat_FromDouble(x);
}

/* __float__ of x, checked as CPython does (a float subclass result warns). */
static PyObject *
via_nb_float(PyObject *x)
{
    PyObject *r = Py_TYPE(x)->tp_as_number->nb_float(x);
    if (r == NULL || PyFloat_CheckExact(r)) {
        return r;
    }
    if (!PyFloat_Check(r)) {
        PyErr_Format(PyExc_TypeError, "%.50s.__float__ returned non-float (type %.50s)",
                     Py_TYPE(x)->tp_name, Py_TYPE(r)->tp_name);
        Py_DECREF(r);
        return NULL;
    }
    if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1,
                         "%.50s.__float__ returned non-float (type %.50s).  The ability to "
                         "return an instance of a strict subclass of float is deprecated, and "
                         "may be removed in a future version of Python.",
                         Py_TYPE(x)->tp_name, Py_TYPE(r)->tp_name)) {
        Py_DECREF(r);
        return NULL;
    }
    double v = PyFloat_AS_DOUBLE(r);
    Py_DECREF(r);
    return PyFloat_FromDouble(v);
}

/* op as a double through __float__ or __index__; -1.0 with TypeError etc. May run Python code. */
PyAPI_FUNC(double)
PyFloat_AsDouble(PyObject *op)
{
    if (op == NULL) {
        PyErr_BadArgument();
        return -1.0;
    }
    if (PyFloat_Check(op)) {
        return PyFloat_AS_DOUBLE(op);
    }
    PyNumberMethods *nb = Py_TYPE(op)->tp_as_number;
    if (nb == NULL || nb->nb_float == NULL) {
        if (nb != NULL && nb->nb_index != NULL) {
            PyObject *i = PyNumber_Index(op);
            if (i == NULL) {
                return -1.0;
            }
            double v = PyLong_AsDouble(i);
            Py_DECREF(i);
            return v;
        }
        PyErr_Format(PyExc_TypeError, "must be real number, not %.50s", Py_TYPE(op)->tp_name);
        return -1.0;
    }
    PyObject *r = via_nb_float(op);
    if (r == NULL) {
        return -1.0;
    }
    double v = PyFloat_AS_DOUBLE(r);
    Py_DECREF(r);
    return v;
}

PyObject *
pyrs_float_from_object(PyObject *x)
{
    if (PyFloat_CheckExact(x)) {
        return Py_NewRef(x);
    }
    PyNumberMethods *nb = Py_TYPE(x)->tp_as_number;
    if (nb != NULL && nb->nb_float != NULL) {
        return via_nb_float(x);
    }
    if (nb != NULL && nb->nb_index != NULL) {
        PyObject *i = PyNumber_Index(x);
        if (i == NULL) {
            return NULL;
        }
        double v = PyLong_AsDouble(i);
        Py_DECREF(i);
        if (v == -1.0 && PyErr_Occurred()) {
            return NULL;
        }
        return PyFloat_FromDouble(v);
    }
    if (PyFloat_Check(x)) {
        return PyFloat_FromDouble(PyFloat_AS_DOUBLE(x));
    }
    return PyFloat_FromString(x);
}

static PyObject *
float_subtype_new(PyTypeObject *type, PyObject *x)
{
    PyObject *tmp = x == NULL ? PyFloat_FromDouble(0.0) : pyrs_float_from_object(x);
    if (tmp == NULL) {
        return NULL;
    }
    PyObject *r = type->tp_alloc(type, 0);
    if (r != NULL) {
        ((PyFloatObject *)r)->ob_fval = PyFloat_AS_DOUBLE(tmp);
    }
    Py_DECREF(tmp);
    return r;
}

/* float(x=0.0, /) */
static PyObject *
float_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    if ((type == &PyFloat_Type || type->tp_init == PyFloat_Type.tp_init) && kwargs != NULL &&
        PyDict_Size(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "float() takes no keyword arguments");
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n > 1) {
        PyErr_Format(PyExc_TypeError, "float expected at most 1 argument, got %zd", n);
        return NULL;
    }
    PyObject *x = n == 1 ? PyTuple_GET_ITEM(args, 0) : NULL;
    if (type != &PyFloat_Type) {
        return float_subtype_new(type, x);
    }
    return x == NULL ? PyFloat_FromDouble(0.0) : pyrs_float_from_object(x);
}

/* float(x=0.0, /) called through vectorcall (used when the type machinery supports it). */
static PyObject *
float_vectorcall(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t n = PyVectorcall_NARGS(nargsf);
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) != 0) {
        PyErr_SetString(PyExc_TypeError, "float() takes no keyword arguments");
        return NULL;
    }
    if (n > 1) {
        PyErr_Format(PyExc_TypeError, "float expected at most 1 argument, got %zd", n);
        return NULL;
    }
    PyObject *x = n == 1 ? args[0] : NULL;
    if ((PyTypeObject *)type != &PyFloat_Type) {
        return float_subtype_new((PyTypeObject *)type, x);
    }
    return x == NULL ? PyFloat_FromDouble(0.0) : pyrs_float_from_object(x);
}

/* ---------------------------------------------------------------- repr, hash, compare */

static PyObject *
float_repr(PyObject *self)
{
    char *buf = PyOS_double_to_string(PyFloat_AS_DOUBLE(self), 'r', 0, Py_DTSF_ADD_DOT_0, NULL);
    if (buf == NULL) {
        return NULL;
    }
    PyObject *r = PyUnicode_FromString(buf);
    PyMem_Free(buf);
    return r;
}

static Py_hash_t
float_hash(PyObject *self)
{
    return _Py_HashDouble(self, PyFloat_AS_DOUBLE(self));
}

static PyObject *
float_richcompare(PyObject *v, PyObject *w, int op)
{
    double i = PyFloat_AS_DOUBLE(v), j;
    if (PyFloat_Check(w)) {
        j = PyFloat_AS_DOUBLE(w);
    } else if (PyLong_Check(w)) {
        if (isnan(i)) {
            return PyBool_FromLong(op == Py_NE);
        }
        int c = pyrs_long_compare_double(i, w);
        Py_RETURN_RICHCOMPARE(c, 0, op);
    } else {
        Py_RETURN_NOTIMPLEMENTED;
    }
    Py_RETURN_RICHCOMPARE(i, j, op);
}

/* ---------------------------------------------------------------- arithmetic */

/* The double value of a float or int operand: 1 and *out, 0 for NotImplemented, -1 on
 * error (an int too large for a float). */
static int
as_double(PyObject *o, double *out)
{
    if (PyFloat_Check(o)) {
        *out = PyFloat_AS_DOUBLE(o);
        return 1;
    }
    if (PyLong_Check(o)) {
        *out = PyLong_AsDouble(o);
        return (*out == -1.0 && PyErr_Occurred()) ? -1 : 1;
    }
    return 0;
}

#define CONVERT_BOTH(v, w, a, b)                                                                   \
    do {                                                                                           \
        int _ca = as_double((v), &(a));                                                            \
        if (_ca <= 0) {                                                                            \
            return _ca < 0 ? NULL : Py_NewRef(Py_NotImplemented);                                  \
        }                                                                                          \
        int _cb = as_double((w), &(b));                                                            \
        if (_cb <= 0) {                                                                            \
            return _cb < 0 ? NULL : Py_NewRef(Py_NotImplemented);                                  \
        }                                                                                          \
    } while (0)

static PyObject *
float_add(PyObject *v, PyObject *w)
{
    double a, b;
    CONVERT_BOTH(v, w, a, b);
    return PyFloat_FromDouble(a + b);
}

static PyObject *
float_sub(PyObject *v, PyObject *w)
{
    double a, b;
    CONVERT_BOTH(v, w, a, b);
    return PyFloat_FromDouble(a - b);
}

static PyObject *
float_mul(PyObject *v, PyObject *w)
{
    double a, b;
    CONVERT_BOTH(v, w, a, b);
    return PyFloat_FromDouble(a * b);
}

static PyObject *
float_div(PyObject *v, PyObject *w)
{
    double a, b;
    CONVERT_BOTH(v, w, a, b);
    if (b == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
        return NULL;
    }
    return PyFloat_FromDouble(a / b);
}

static PyObject *
float_rem(PyObject *v, PyObject *w)
{
    double a, b;
    CONVERT_BOTH(v, w, a, b);
    if (b == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float modulo");
        return NULL;
    }
    double mod = fmod(a, b);
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
        }
    } else {
        mod = copysign(0.0, b);
    }
    return PyFloat_FromDouble(mod);
}

/* Python's floor division and modulo of two doubles, b != 0. */
static void
div_mod(double a, double b, double *floordiv, double *mod)
{
    double m = fmod(a, b);
    double div = (a - m) / b;
    if (m != 0.0) {
        if ((b < 0) != (m < 0)) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = copysign(0.0, b);
    }
    double fd;
    if (div != 0.0) {
        fd = floor(div);
        if (div - fd > 0.5) {
            fd += 1.0;
        }
    } else {
        fd = copysign(0.0, a / b);
    }
    *floordiv = fd;
    *mod = m;
}

static PyObject *
float_divmod(PyObject *v, PyObject *w)
{
    double a, b, q, r;
    CONVERT_BOTH(v, w, a, b);
    if (b == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float divmod()");
        return NULL;
    }
    div_mod(a, b, &q, &r);
    PyObject *fq = PyFloat_FromDouble(q), *fr = PyFloat_FromDouble(r), *res = NULL;
    if (fq != NULL && fr != NULL) {
        res = PyTuple_Pack(2, fq, fr);
    }
    Py_XDECREF(fq);
    Py_XDECREF(fr);
    return res;
}

static PyObject *
float_floor_div(PyObject *v, PyObject *w)
{
    double a, b, q, r;
    CONVERT_BOTH(v, w, a, b);
    if (b == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float floor division by zero");
        return NULL;
    }
    div_mod(a, b, &q, &r);
    return PyFloat_FromDouble(q);
}

static int
is_odd_integer(double x)
{
    return fmod(fabs(x), 2.0) == 1.0;
}

/* a ** b for the special values (nan, inf, zero bases); 1 when *out was set. */
static int
pow_special(double a, double b, double *out)
{
    if (b == 0.0) {
        *out = 1.0;
    } else if (isnan(a)) {
        *out = a;
    } else if (isnan(b)) {
        *out = a == 1.0 ? 1.0 : b;
    } else if (isinf(b)) {
        double aa = fabs(a);
        *out = aa == 1.0 ? 1.0 : ((b > 0) == (aa > 1.0) ? fabs(b) : 0.0);
    } else if (isinf(a)) {
        int odd = is_odd_integer(b);
        *out = b > 0 ? (odd ? a : fabs(a)) : (odd ? copysign(0.0, a) : 0.0);
    } else {
        return 0;
    }
    return 1;
}

static PyObject *
float_pow(PyObject *v, PyObject *w, PyObject *z)
{
    double a, b, r;
    if (z != Py_None) {
        PyErr_SetString(PyExc_TypeError,
                        "pow() 3rd argument not allowed unless all arguments are integers");
        return NULL;
    }
    CONVERT_BOTH(v, w, a, b);
    if (pow_special(a, b, &r)) {
        return PyFloat_FromDouble(r);
    }
    if (a == 0.0) {
        if (b < 0.0) {
            PyErr_SetString(PyExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return NULL;
        }
        return PyFloat_FromDouble(is_odd_integer(b) ? a : 0.0);
    }
    int negate = 0;
    if (a < 0.0) {
        if (b != floor(b)) {
            /* a negative base to a fractional power is complex */
            return PyComplex_Type.tp_as_number->nb_power(v, w, z);
        }
        a = -a;
        negate = is_odd_integer(b);
    }
    if (a == 1.0) {
        return PyFloat_FromDouble(negate ? -1.0 : 1.0);
    }
    errno = 0;
    r = pow(a, b);
    if (errno == 0 && isinf(r)) {
        errno = ERANGE;
    } else if (errno == ERANGE && r == 0.0) {
        errno = 0;
    }
    if (negate) {
        r = -r;
    }
    if (errno != 0) {
        PyErr_SetFromErrno(errno == ERANGE ? PyExc_OverflowError : PyExc_ValueError);
        return NULL;
    }
    return PyFloat_FromDouble(r);
}

static PyObject *
float_neg(PyObject *v)
{
    return PyFloat_FromDouble(-PyFloat_AS_DOUBLE(v));
}

static PyObject *
float_float(PyObject *v)
{
    if (PyFloat_CheckExact(v)) {
        return Py_NewRef(v);
    }
    return PyFloat_FromDouble(PyFloat_AS_DOUBLE(v));
}

static PyObject *
float_abs(PyObject *v)
{
    return PyFloat_FromDouble(fabs(PyFloat_AS_DOUBLE(v)));
}

static int
float_bool(PyObject *v)
{
    return PyFloat_AS_DOUBLE(v) != 0.0;
}

static PyObject *
float_trunc(PyObject *v, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromDouble(PyFloat_AS_DOUBLE(v));
}

static PyObject *
float_int(PyObject *v)
{
    return PyLong_FromDouble(PyFloat_AS_DOUBLE(v));
}

static PyObject *
float_floor(PyObject *v, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromDouble(floor(PyFloat_AS_DOUBLE(v)));
}

static PyObject *
float_ceil(PyObject *v, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromDouble(ceil(PyFloat_AS_DOUBLE(v)));
}

/* ---------------------------------------------------------------- rounding */

/* x rounded half-even to ndigits decimal places, computed exactly with rationals and read
 * back through a decimal string (correctly rounded), like CPython's dtoa-based round. */
static PyObject *
double_round(double x, long ndigits)
{
    mpq_t q;
    mpz_t n, r, p, twice;
    mpq_init(q);
    mpz_inits(n, r, p, twice, NULL);
    mpq_set_d(q, x);
    mpz_ui_pow_ui(p, 10, (unsigned long)labs(ndigits));
    /* scaled = x * 10**ndigits as num/den */
    if (ndigits >= 0) {
        mpz_mul(mpq_numref(q), mpq_numref(q), p);
    } else {
        mpz_mul(mpq_denref(q), mpq_denref(q), p);
    }
    mpz_fdiv_qr(n, r, mpq_numref(q), mpq_denref(q));
    mpz_mul_2exp(twice, r, 1);
    int c = mpz_cmp(twice, mpq_denref(q));
    if (c > 0 || (c == 0 && mpz_odd_p(n))) {
        mpz_add_ui(n, n, 1);
    }
    size_t cap = mpz_sizeinbase(n, 10) + 32;
    char *buf = PyMem_Malloc(cap);
    PyObject *res = NULL;
    if (buf == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    mpz_get_str(buf, 10, n);
    snprintf(buf + strlen(buf), 24, "e%ld", -ndigits);
    errno = 0;
    double y = strtod(buf, NULL);
    PyMem_Free(buf);
    if (isinf(y)) {
        PyErr_SetString(PyExc_OverflowError, "rounded value too large to represent");
        goto done;
    }
    if (y == 0.0) {
        y = copysign(0.0, x);
    }
    res = PyFloat_FromDouble(y);
done:
    mpq_clear(q);
    mpz_clears(n, r, p, twice, NULL);
    return res;
}

static PyObject *
float_round(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    double x = PyFloat_AS_DOUBLE(self);
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "__round__ expected at most 1 argument, got %zd", nargs);
        return NULL;
    }
    if (nargs == 0 || args[0] == Py_None) {
        double rounded = round(x);
        if (fabs(x - rounded) == 0.5) {
            rounded = 2.0 * round(x / 2.0);
        }
        return PyLong_FromDouble(rounded);
    }
    Py_ssize_t nd = PyNumber_AsSsize_t(args[0], NULL);
    if (nd == -1 && PyErr_Occurred()) {
        return NULL;
    }
    /* beyond these bounds the result is x itself or a zero */
    if (!isfinite(x) || nd > 323) {
        return PyFloat_FromDouble(x);
    }
    if (nd < -308) {
        return PyFloat_FromDouble(0.0 * x);
    }
    return double_round(x, (long)nd);
}

/* ---------------------------------------------------------------- methods */

static PyObject *
float_is_integer(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    double x = PyFloat_AS_DOUBLE(self);
    return PyBool_FromLong(isfinite(x) && floor(x) == x);
}

static PyObject *
float_as_integer_ratio(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    double x = PyFloat_AS_DOUBLE(self);
    if (isinf(x)) {
        PyErr_SetString(PyExc_OverflowError, "cannot convert Infinity to integer ratio");
        return NULL;
    }
    if (isnan(x)) {
        PyErr_SetString(PyExc_ValueError, "cannot convert NaN to integer ratio");
        return NULL;
    }
    int e;
    double m = frexp(x, &e);
    for (int i = 0; i < 300 && m != floor(m); i++) {
        m *= 2.0;
        e--;
    }
    PyObject *num = PyLong_FromDouble(m), *den = PyLong_FromLong(1), *sh = NULL, *res = NULL;
    if (num == NULL || den == NULL || (sh = PyLong_FromLong(e > 0 ? e : -e)) == NULL) {
        goto done;
    }
    binaryfunc lshift = PyLong_Type.tp_as_number->nb_lshift;
    if (e > 0) {
        Py_SETREF(num, lshift(num, sh));
    } else {
        Py_SETREF(den, lshift(den, sh));
    }
    if (num != NULL && den != NULL) {
        res = PyTuple_Pack(2, num, den);
    }
done:
    Py_XDECREF(num);
    Py_XDECREF(den);
    Py_XDECREF(sh);
    return res;
}

static PyObject *
float_conjugate(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return float_float(self);
}

static PyObject *
float_getnewargs(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *f = PyFloat_FromDouble(PyFloat_AS_DOUBLE(self));
    if (f == NULL) {
        return NULL;
    }
    PyObject *r = PyTuple_Pack(1, f);
    Py_DECREF(f);
    return r;
}

static PyObject *
float_getformat(PyObject *Py_UNUSED(cls), PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "__getformat__() argument must be str, not %.50s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    if (PyUnicode_CompareWithASCIIString(arg, "double") != 0 &&
        PyUnicode_CompareWithASCIIString(arg, "float") != 0) {
        PyErr_SetString(PyExc_ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
        return NULL;
    }
    return PyUnicode_FromString("IEEE, little-endian");
}

/* float.hex(): 0x1.<13 hex digits>p<exp> with trailing zeros kept, as CPython writes it. */
static PyObject *
float_hex(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    double x = PyFloat_AS_DOUBLE(self);
    if (isnan(x) || isinf(x)) {
        return float_repr(self);
    }
    char buf[64];
    if (x == 0.0) {
        return PyUnicode_FromString(copysign(1.0, x) == 1.0 ? "0x0.0p+0" : "-0x0.0p+0");
    }
    int e;
    double m = frexp(fabs(x), &e);
    int shift = 1 - Py_MAX(DBL_MIN_EXP - e, 0);
    m = ldexp(m, shift);
    e -= shift;
    char *p = buf;
    if (x < 0) {
        *p++ = '-';
    }
    p += sprintf(p, "0x%d.", (int)m);
    m -= (int)m;
    for (int i = 0; i < (DBL_MANT_DIG - 2) / 4 + 1; i++) {
        m *= 16.0;
        int d = (int)m;
        *p++ = "0123456789abcdef"[d];
        m -= d;
    }
    sprintf(p, "p%+d", e);
    return PyUnicode_FromString(buf);
}

static int
hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Validates a hex float body at s[i..end) (after the sign) into a C99 hex literal in buf;
 * returns 1 when valid. */
static int
hex_literal(const char *s, Py_ssize_t i, Py_ssize_t end, char *buf)
{
    char *w = buf;
    *w++ = '0';
    *w++ = 'x';
    if (end - i >= 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        i += 2;
    }
    Py_ssize_t nd = 0;
    while (i < end && hex_digit(s[i]) >= 0) {
        *w++ = s[i++];
        nd++;
    }
    if (i < end && s[i] == '.') {
        *w++ = s[i++];
        while (i < end && hex_digit(s[i]) >= 0) {
            *w++ = s[i++];
            nd++;
        }
    }
    if (nd == 0) {
        return 0;
    }
    *w++ = 'p';
    if (i < end && (s[i] == 'p' || s[i] == 'P')) {
        i++;
        if (i < end && (s[i] == '+' || s[i] == '-')) {
            *w++ = s[i++];
        }
        Py_ssize_t ne = 0;
        while (i < end && s[i] >= '0' && s[i] <= '9') {
            *w++ = s[i++];
            ne++;
        }
        if (ne == 0) {
            return 0;
        }
    } else {
        *w++ = '0';
    }
    *w = '\0';
    return i == end;
}

/* Rounds M * 2**E (STICKY: nonzero bits were dropped below M) to the nearest double, ties to
 * even, subnormals included; glibc's strtod misrounds some subnormal hex inputs. */
static double
hex_round(uint64_t m, long e, int sticky)
{
    int len = 64 - __builtin_clzll(m);
    long top = e + len - 1; /* the value lies in [2**top, 2**(top+1)) */
    if (top > DBL_MAX_EXP) {
        return HUGE_VAL;
    }
    long keep = top >= DBL_MIN_EXP - 1 ? DBL_MANT_DIG : DBL_MANT_DIG - (DBL_MIN_EXP - 1 - top);
    long shift = len - keep;
    if (shift > len) {
        return 0.0; /* below half the smallest subnormal */
    }
    if (shift > 0) {
        uint64_t rem = shift == 64 ? m : m & ((UINT64_C(1) << shift) - 1);
        uint64_t half = UINT64_C(1) << (shift - 1);
        m = shift == 64 ? 0 : m >> shift;
        if (rem > half || (rem == half && (sticky || (m & 1)))) {
            m++;
        }
        e += shift;
    }
    return ldexp((double)m, (int)e);
}

/* The value of the C99 hex literal BUF made by hex_literal ("0xD[.D]p[+-]N"), correctly
 * rounded; HUGE_VAL when too large. */
static double
hex_value(const char *buf)
{
    const char *p = buf + 2;
    uint64_t m = 0;
    long e = 0;
    int sticky = 0, frac = 0;
    for (; *p != 'p'; p++) {
        if (*p == '.') {
            frac = 1;
            continue;
        }
        int d = hex_digit(*p);
        if (m >> 56 == 0) {
            m = m << 4 | (uint64_t)d;
            e -= frac ? 4 : 0;
        } else {
            sticky |= d != 0;
            e += frac ? 0 : 4;
        }
    }
    p++;
    int neg = *p == '-';
    p += *p == '-' || *p == '+';
    long x = 0;
    for (; *p; p++) {
        x = x > 100000000 ? x : x * 10 + (*p - '0');
    }
    if (m == 0) {
        return 0.0;
    }
    return hex_round(m, e + (neg ? -x : x), sticky);
}

/* float.fromhex(string), correctly rounded. */
static PyObject *
float_fromhex(PyObject *cls, PyObject *arg)
{
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(arg, &len);
    if (s == NULL) {
        return NULL;
    }
    Py_ssize_t i = 0, end = len;
    while (i < end && pyrs_float_isspace(s[i])) {
        i++;
    }
    while (end > i && pyrs_float_isspace(s[end - 1])) {
        end--;
    }
    double x = 0.0;
    Py_ssize_t n = pyrs_float_parse_prefix(s + i, end - i, 0, &x);
    int special = n == end - i && n > 0 && !isfinite(x);
    if (!special) {
        int negative = i < end && s[i] == '-';
        if (i < end && (s[i] == '-' || s[i] == '+')) {
            i++;
        }
        char *buf = PyMem_Malloc((size_t)(end - i) + 16);
        if (buf == NULL) {
            return PyErr_NoMemory();
        }
        int ok = hex_literal(s, i, end, buf);
        errno = 0;
        x = ok ? hex_value(buf) : 0.0;
        PyMem_Free(buf);
        if (!ok) {
            PyErr_SetString(PyExc_ValueError, "invalid hexadecimal floating-point string");
            return NULL;
        }
        if (isinf(x)) {
            PyErr_SetString(PyExc_OverflowError,
                            "hexadecimal value too large to represent as a float");
            return NULL;
        }
        x = negative ? -x : x;
    }
    PyObject *r = PyFloat_FromDouble(x);
    if (r != NULL && cls != (PyObject *)&PyFloat_Type) {
        Py_SETREF(r, PyObject_CallOneArg(cls, r));
    }
    return r;
}

static PyObject *
float_format_method(PyObject *self, PyObject *spec)
{
    if (!PyUnicode_Check(spec)) {
        PyErr_Format(PyExc_TypeError, "__format__() argument must be str, not %.50s",
                     Py_TYPE(spec)->tp_name);
        return NULL;
    }
    return pyrs_format_float(self, spec);
}

static PyObject *
float_get_real(PyObject *self, void *Py_UNUSED(context))
{
    return float_float(self);
}

static PyObject *
float_get_imag(PyObject *Py_UNUSED(self), void *Py_UNUSED(context))
{
    return PyFloat_FromDouble(0.0);
}

static void
float_dealloc(PyObject *self)
{
    if (PYRS_FREE_LISTS && PyFloat_CheckExact(self) && numfree < FREELIST_MAX) {
        Py_SET_TYPE(self, (PyTypeObject *)free_list);
        free_list = (PyFloatObject *)self;
        numfree++;
        return;
    }
    Py_TYPE(self)->tp_free(self);
}

static PyMethodDef float_methods[] = {
    {"conjugate", float_conjugate, METH_NOARGS, "Return self, the complex conjugate of any float."},
    {"__trunc__", float_trunc, METH_NOARGS, "Return the Integral closest to x between 0 and x."},
    {"__floor__", float_floor, METH_NOARGS, "Return the floor as an Integral."},
    {"__ceil__", float_ceil, METH_NOARGS, "Return the ceiling as an Integral."},
    {"__round__", (PyCFunction)(void (*)(void))float_round, METH_FASTCALL,
     "Return the Integral closest to x, rounding half toward even.\n\nWhen an argument is "
     "passed, work like built-in round(x, ndigits)."},
    {"as_integer_ratio", float_as_integer_ratio, METH_NOARGS,
     "Return integer ratio.\n\nReturn a pair of integers, whose ratio is exactly equal to the "
     "original float\nand with a positive denominator."},
    {"fromhex", float_fromhex, METH_O | METH_CLASS,
     "Create a floating-point number from a hexadecimal string."},
    {"hex", float_hex, METH_NOARGS,
     "Return a hexadecimal representation of a floating-point number."},
    {"is_integer", float_is_integer, METH_NOARGS, "Return True if the float is an integer."},
    {"__getnewargs__", float_getnewargs, METH_NOARGS, NULL},
    {"__getformat__", float_getformat, METH_O | METH_CLASS,
     "You probably don't want to use this function."},
    {"__format__", float_format_method, METH_O, "Formats the float according to format_spec."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef float_getset[] = {
    {"real", float_get_real, NULL, "the real part of a complex number", NULL},
    {"imag", float_get_imag, NULL, "the imaginary part of a complex number", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyNumberMethods float_as_number = {
    .nb_add = float_add,
    .nb_subtract = float_sub,
    .nb_multiply = float_mul,
    .nb_remainder = float_rem,
    .nb_divmod = float_divmod,
    .nb_power = float_pow,
    .nb_negative = float_neg,
    .nb_positive = float_float,
    .nb_absolute = float_abs,
    .nb_bool = float_bool,
    .nb_int = float_int,
    .nb_float = float_float,
    .nb_floor_divide = float_floor_div,
    .nb_true_divide = float_div,
};

PyAPI_DATA(PyTypeObject) PyFloat_Type;
PyTypeObject PyFloat_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "float",
    .tp_basicsize = sizeof(PyFloatObject),
    .tp_dealloc = float_dealloc,
    .tp_repr = float_repr,
    .tp_as_number = &float_as_number,
    .tp_hash = float_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = "float(x=0, /)\n--\n\n"
              "Convert a string or number to a floating point number, if possible.",
    .tp_richcompare = float_richcompare,
    .tp_methods = float_methods,
    .tp_getset = float_getset,
    .tp_new = float_new,
    .tp_free = PyObject_Free,
    .tp_vectorcall = float_vectorcall,
};

/* ---------------------------------------------------------------- IEEE packing */

static void
store_bytes(const unsigned char *src, int n, char *p, int le)
{
    for (int i = 0; i < n; i++) {
        p[i] = (char)(le ? src[i] : src[n - 1 - i]);
    }
}

static void
load_bytes(const char *p, int n, unsigned char *dst, int le)
{
    for (int i = 0; i < n; i++) {
        dst[i] = (unsigned char)(le ? p[i] : p[n - 1 - i]);
    }
}

/* Stores x as IEEE double in 8 bytes at p; always 0. */
PyAPI_FUNC(int)
PyFloat_Pack8(double x, char *p, int le)
{
    unsigned char b[8];
    memcpy(b, &x, 8);
    store_bytes(b, 8, p, le);
    return 0;
}

/* Stores x as IEEE single in 4 bytes at p; -1 with OverflowError when x is too large. */
PyAPI_FUNC(int)
PyFloat_Pack4(double x, char *p, int le)
{
    float y = (float)x;
    if (isinf(y) && !isinf(x)) {
        PyErr_SetString(PyExc_OverflowError, "float too large to pack with f format");
        return -1;
    }
    unsigned char b[4];
    memcpy(b, &y, 4);
    store_bytes(b, 4, p, le);
    return 0;
}

/* IEEE half precision, rounding half to even. */
static int
half_bits(double x, uint16_t *out)
{
    uint16_t sign = signbit(x) ? 0x8000 : 0;
    double a = fabs(x);
    if (isnan(x)) {
        *out = sign | 0x7e00;
        return 0;
    }
    if (isinf(a)) {
        *out = sign | 0x7c00;
        return 0;
    }
    if (a == 0.0) {
        *out = sign;
        return 0;
    }
    int e;
    double m = frexp(a, &e); /* a = m * 2**e, m in [0.5, 1) */
    int biased = e + 14;     /* exponent field for 1.f * 2**(e-1) */
    double scaled = biased > 0 ? ldexp(m, 11) : ldexp(a, 24);
    double r = nearbyint(scaled);
    uint32_t bits = (uint32_t)r;
    if (biased > 0) {
        if (bits == 2048) {
            bits = 1024;
            biased++;
        }
        if (biased >= 31) {
            return -1;
        }
        *out = (uint16_t)(sign | (biased << 10) | (bits & 0x3ff));
    } else {
        *out = (uint16_t)(sign | bits);
    }
    return 0;
}

/* Stores x as IEEE half in 2 bytes at p; -1 with OverflowError when x is too large. */
PyAPI_FUNC(int)
PyFloat_Pack2(double x, char *p, int le)
{
    uint16_t h;
    if (half_bits(x, &h) < 0) {
        PyErr_SetString(PyExc_OverflowError, "float too large to pack with e format");
        return -1;
    }
    unsigned char b[2] = {(unsigned char)(h & 0xff), (unsigned char)(h >> 8)};
    store_bytes(b, 2, p, le);
    return 0;
}

/* Reads an IEEE double; never fails. */
PyAPI_FUNC(double)
PyFloat_Unpack8(const char *p, int le)
{
    unsigned char b[8];
    load_bytes(p, 8, b, le);
    double x;
    memcpy(&x, b, 8);
    return x;
}

/* Reads an IEEE single; never fails. */
PyAPI_FUNC(double)
PyFloat_Unpack4(const char *p, int le)
{
    unsigned char b[4];
    load_bytes(p, 4, b, le);
    float x;
    memcpy(&x, b, 4);
    return x;
}

/* Reads an IEEE half; never fails. */
PyAPI_FUNC(double)
PyFloat_Unpack2(const char *p, int le)
{
    unsigned char b[2];
    load_bytes(p, 2, b, le);
    unsigned h = (unsigned)b[0] | ((unsigned)b[1] << 8);
    int sign = h >> 15, e = (h >> 10) & 0x1f;
    unsigned f = h & 0x3ff;
    double x;
    if (e == 0x1f) {
        x = f == 0 ? HUGE_VAL : Py_NAN;
    } else if (e == 0) {
        x = ldexp((double)f, -24);
    } else {
        x = ldexp((double)(f | 0x400), e - 25);
    }
    return sign ? -x : x;
}

/* Readies float; 0, or -1 with an exception. */
int
pyrs_float_init(void)
{
    return PyType_Ready(&PyFloat_Type);
}
