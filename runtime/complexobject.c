/* complexobject.c: the complex type with CPython 3.11's arithmetic (Smith's division,
 * integer powers by squaring up to 100, errno-based error reporting), repr rules (a +0.0
 * real part is omitted, otherwise parenthesised), the string syntax of complex() and its
 * exact error messages. */
#include "Python.h"

#include <errno.h>
#include <stddef.h>

#include "structmember.h"

#include "pyrs/float.h"
#include "pyrs/format.h"
#include "pyrs/lifecycle.h"
#include "pyrs/long.h"

static const Py_complex c_1 = {1.0, 0.0};

/* ---------------------------------------------------------------- Py_complex arithmetic */

/* a + b. */
PyAPI_FUNC(Py_complex)
_Py_c_sum(Py_complex a, Py_complex b)
{
    return (Py_complex){a.real + b.real, a.imag + b.imag};
}

/* a - b. */
PyAPI_FUNC(Py_complex)
_Py_c_diff(Py_complex a, Py_complex b)
{
    return (Py_complex){a.real - b.real, a.imag - b.imag};
}

/* -a. */
PyAPI_FUNC(Py_complex)
_Py_c_neg(Py_complex a)
{
    return (Py_complex){-a.real, -a.imag};
}

/* a * b. */
PyAPI_FUNC(Py_complex)
_Py_c_prod(Py_complex a, Py_complex b)
{
    return (Py_complex){a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real};
}

/* a / b scaling by the larger part of b (Smith's method); errno = EDOM when b == 0. */
PyAPI_FUNC(Py_complex)
_Py_c_quot(Py_complex a, Py_complex b)
{
    Py_complex r;
    double abs_br = fabs(b.real), abs_bi = fabs(b.imag);
    if (abs_br >= abs_bi) {
        if (abs_br == 0.0) {
            errno = EDOM;
            r.real = r.imag = 0.0;
        } else {
            double ratio = b.imag / b.real;
            double denom = b.real + b.imag * ratio;
            r.real = (a.real + a.imag * ratio) / denom;
            r.imag = (a.imag - a.real * ratio) / denom;
        }
    } else if (abs_bi >= abs_br) {
        double ratio = b.real / b.imag;
        double denom = b.real * ratio + b.imag;
        r.real = (a.real * ratio + a.imag) / denom;
        r.imag = (a.imag * ratio - a.real) / denom;
    } else {
        /* a NaN in b */
        r.real = r.imag = Py_NAN;
    }
    return r;
}

/* a ** b through polar form; errno = EDOM for 0 to a negative or complex power. */
PyAPI_FUNC(Py_complex)
_Py_c_pow(Py_complex a, Py_complex b)
{
    Py_complex r;
    if (b.real == 0.0 && b.imag == 0.0) {
        r = c_1;
    } else if (a.real == 0.0 && a.imag == 0.0) {
        if (b.imag != 0.0 || b.real < 0.0) {
            errno = EDOM;
        }
        r.real = r.imag = 0.0;
    } else {
        double vabs = hypot(a.real, a.imag);
        double len = pow(vabs, b.real);
        double at = atan2(a.imag, a.real);
        double phase = at * b.real;
        if (b.imag != 0.0) {
            len /= exp(at * b.imag);
            phase += b.imag * log(vabs);
        }
        r.real = len * cos(phase);
        r.imag = len * sin(phase);
    }
    return r;
}

static Py_complex
c_powu(Py_complex x, long n)
{
    Py_complex r = c_1, p = x;
    for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
        if (n & mask) {
            r = _Py_c_prod(r, p);
        }
        p = _Py_c_prod(p, p);
    }
    return r;
}

static Py_complex
c_powi(Py_complex x, long n)
{
    if (n > 100 || n < -100) {
        return _Py_c_pow(x, (Py_complex){(double)n, 0.0});
    }
    if (n > 0) {
        return c_powu(x, n);
    }
    return _Py_c_quot(c_1, c_powu(x, -n));
}

/* |z|; errno = ERANGE when the finite inputs overflow. */
PyAPI_FUNC(double)
_Py_c_abs(Py_complex z)
{
    if (!isfinite(z.real) || !isfinite(z.imag)) {
        errno = 0;
        if (isinf(z.real)) {
            return fabs(z.real);
        }
        if (isinf(z.imag)) {
            return fabs(z.imag);
        }
        return Py_NAN;
    }
    double r = hypot(z.real, z.imag);
    errno = isfinite(r) ? 0 : ERANGE;
    return r;
}

/* ---------------------------------------------------------------- objects */

static PyObject *
complex_subtype_from_c(PyTypeObject *type, Py_complex c)
{
    PyObject *op = type->tp_alloc(type, 0);
    if (op != NULL) {
        ((PyComplexObject *)op)->cval = c;
    }
    return op;
}

/* New complex; NULL on MemoryError. */
PyAPI_FUNC(PyObject *)
PyComplex_FromCComplex(Py_complex c)
{
    PyComplexObject *op = PyObject_Malloc(sizeof(PyComplexObject));
    if (op == NULL) {
        return PyErr_NoMemory();
    }
    PyObject_Init((PyObject *)op, &PyComplex_Type);
    op->cval = c;
    return (PyObject *)op;
}

/* New complex real+imag*j; NULL on MemoryError. */
PyAPI_FUNC(PyObject *)
PyComplex_FromDoubles(double real, double imag)
{
    return PyComplex_FromCComplex((Py_complex){real, imag});
}

/* __complex__ of op when its type defines it: a new complex reference, NULL with no error
 * when absent, NULL with an error when it fails or returns a non-complex. */
static PyObject *
try_complex_special_method(PyObject *op)
{
    PyObject *name = PyUnicode_InternFromString("__complex__");
    if (name == NULL) {
        return NULL;
    }
    PyObject *r = NULL, *func = _PyObject_LookupSpecial(op, name);
    Py_DECREF(name);
    if (func != NULL) {
        r = PyObject_CallNoArgs(func);
        Py_DECREF(func);
    }
    if (r == NULL || PyComplex_CheckExact(r)) {
        return r;
    }
    if (!PyComplex_Check(r)) {
        PyErr_Format(PyExc_TypeError, "__complex__ returned non-complex (type %.200s)",
                     Py_TYPE(r)->tp_name);
        Py_DECREF(r);
        return NULL;
    }
    if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1,
                         "__complex__ returned non-complex (type %.200s).  The ability to return "
                         "an instance of a strict subclass of complex is deprecated, and may be "
                         "removed in a future version of Python.",
                         Py_TYPE(r)->tp_name)) {
        Py_DECREF(r);
        return NULL;
    }
    return r;
}

/* Real part of a complex, or float(op); -1.0 with an exception. */
PyAPI_FUNC(double)
PyComplex_RealAsDouble(PyObject *op)
{
    if (PyComplex_Check(op)) {
        return ((PyComplexObject *)op)->cval.real;
    }
    return PyFloat_AsDouble(op);
}

/* Imaginary part of a complex, 0.0 for anything else; never fails. */
PyAPI_FUNC(double)
PyComplex_ImagAsDouble(PyObject *op)
{
    if (PyComplex_Check(op)) {
        return ((PyComplexObject *)op)->cval.imag;
    }
    return 0.0;
}

/* op as Py_complex through __complex__, __float__ or __index__; real part -1.0 with an
 * exception on failure. May run Python code. */
PyAPI_FUNC(Py_complex)
PyComplex_AsCComplex(PyObject *op)
{
    Py_complex cv = {-1.0, 0.0};
    if (op == NULL) {
        PyErr_BadInternalCall();
        return cv;
    }
    if (PyComplex_Check(op)) {
        return ((PyComplexObject *)op)->cval;
    }
    PyObject *newop = try_complex_special_method(op);
    if (newop != NULL) {
        cv = ((PyComplexObject *)newop)->cval;
        Py_DECREF(newop);
        return cv;
    }
    if (PyErr_Occurred()) {
        return cv;
    }
    cv.real = PyFloat_AsDouble(op);
    return cv;
}

/* ---------------------------------------------------------------- repr and hash */

static PyObject *
complex_repr(PyObject *self)
{
    Py_complex c = ((PyComplexObject *)self)->cval;
    char *re = NULL, *im = NULL;
    PyObject *r = NULL;
    if (c.real == 0.0 && copysign(1.0, c.real) == 1.0) {
        im = PyOS_double_to_string(c.imag, 'r', 0, 0, NULL);
        if (im != NULL) {
            r = PyUnicode_FromFormat("%sj", im);
        }
    } else {
        re = PyOS_double_to_string(c.real, 'r', 0, 0, NULL);
        im = re == NULL ? NULL : PyOS_double_to_string(c.imag, 'r', 0, Py_DTSF_SIGN, NULL);
        if (im != NULL) {
            r = PyUnicode_FromFormat("(%s%sj)", re, im);
        }
    }
    PyMem_Free(re);
    PyMem_Free(im);
    return r;
}

static Py_hash_t
complex_hash(PyObject *self)
{
    Py_complex c = ((PyComplexObject *)self)->cval;
    Py_uhash_t hr = (Py_uhash_t)_Py_HashDouble(self, c.real);
    if (hr == (Py_uhash_t)-1) {
        return -1;
    }
    Py_uhash_t hi = (Py_uhash_t)_Py_HashDouble(self, c.imag);
    if (hi == (Py_uhash_t)-1) {
        return -1;
    }
    Py_uhash_t h = hr + 1000003UL * hi;
    return h == (Py_uhash_t)-1 ? -2 : (Py_hash_t)h;
}

/* ---------------------------------------------------------------- arithmetic */

/* The complex value of an operand: 1 and *out, 0 for NotImplemented, -1 on error. */
static int
to_complex(PyObject *o, Py_complex *out)
{
    if (PyComplex_Check(o)) {
        *out = ((PyComplexObject *)o)->cval;
        return 1;
    }
    out->imag = 0.0;
    if (PyLong_Check(o)) {
        out->real = PyLong_AsDouble(o);
        return (out->real == -1.0 && PyErr_Occurred()) ? -1 : 1;
    }
    if (PyFloat_Check(o)) {
        out->real = PyFloat_AS_DOUBLE(o);
        return 1;
    }
    return 0;
}

#define TO_COMPLEX_BOTH(v, w, a, b)                                                                \
    do {                                                                                           \
        int _ca = to_complex((v), &(a));                                                           \
        if (_ca <= 0) {                                                                            \
            return _ca < 0 ? NULL : Py_NewRef(Py_NotImplemented);                                  \
        }                                                                                          \
        int _cb = to_complex((w), &(b));                                                           \
        if (_cb <= 0) {                                                                            \
            return _cb < 0 ? NULL : Py_NewRef(Py_NotImplemented);                                  \
        }                                                                                          \
    } while (0)

static PyObject *
complex_add(PyObject *v, PyObject *w)
{
    Py_complex a, b;
    TO_COMPLEX_BOTH(v, w, a, b);
    return PyComplex_FromCComplex(_Py_c_sum(a, b));
}

static PyObject *
complex_sub(PyObject *v, PyObject *w)
{
    Py_complex a, b;
    TO_COMPLEX_BOTH(v, w, a, b);
    return PyComplex_FromCComplex(_Py_c_diff(a, b));
}

static PyObject *
complex_mul(PyObject *v, PyObject *w)
{
    Py_complex a, b;
    TO_COMPLEX_BOTH(v, w, a, b);
    return PyComplex_FromCComplex(_Py_c_prod(a, b));
}

static PyObject *
complex_div(PyObject *v, PyObject *w)
{
    Py_complex a, b;
    TO_COMPLEX_BOTH(v, w, a, b);
    errno = 0;
    Py_complex q = _Py_c_quot(a, b);
    if (errno == EDOM) {
        PyErr_SetString(PyExc_ZeroDivisionError, "complex division by zero");
        return NULL;
    }
    return PyComplex_FromCComplex(q);
}

static PyObject *
complex_pow(PyObject *v, PyObject *w, PyObject *z)
{
    Py_complex a, b, p;
    TO_COMPLEX_BOTH(v, w, a, b);
    if (z != Py_None) {
        PyErr_SetString(PyExc_ValueError, "complex modulo");
        return NULL;
    }
    errno = 0;
    if (b.imag == 0.0 && b.real == floor(b.real) && fabs(b.real) <= 100.0) {
        p = c_powi(a, (long)b.real);
    } else {
        p = _Py_c_pow(a, b);
    }
    if (isinf(p.real) || isinf(p.imag)) {
        if (errno == 0) {
            errno = ERANGE;
        }
    } else if (errno == ERANGE) {
        errno = 0;
    }
    if (errno == EDOM) {
        PyErr_SetString(PyExc_ZeroDivisionError, "0.0 to a negative or complex power");
        return NULL;
    }
    if (errno == ERANGE) {
        PyErr_SetString(PyExc_OverflowError, "complex exponentiation");
        return NULL;
    }
    return PyComplex_FromCComplex(p);
}

static PyObject *
complex_neg(PyObject *v)
{
    return PyComplex_FromCComplex(_Py_c_neg(((PyComplexObject *)v)->cval));
}

static PyObject *
complex_pos(PyObject *v)
{
    if (PyComplex_CheckExact(v)) {
        return Py_NewRef(v);
    }
    return PyComplex_FromCComplex(((PyComplexObject *)v)->cval);
}

static PyObject *
complex_abs(PyObject *v)
{
    double r = _Py_c_abs(((PyComplexObject *)v)->cval);
    if (errno == ERANGE) {
        PyErr_SetString(PyExc_OverflowError, "absolute value too large");
        return NULL;
    }
    return PyFloat_FromDouble(r);
}

static int
complex_bool(PyObject *v)
{
    Py_complex c = ((PyComplexObject *)v)->cval;
    return c.real != 0.0 || c.imag != 0.0;
}

static PyObject *
complex_richcompare(PyObject *v, PyObject *w, int op)
{
    if (op != Py_EQ && op != Py_NE) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    Py_complex i = ((PyComplexObject *)v)->cval;
    int equal;
    if (PyLong_Check(w)) {
        if (i.imag != 0.0 || isnan(i.real)) {
            equal = 0;
        } else {
            equal = pyrs_long_compare_double(i.real, w) == 0;
        }
    } else if (PyFloat_Check(w)) {
        equal = i.real == PyFloat_AS_DOUBLE(w) && i.imag == 0.0;
    } else if (PyComplex_Check(w)) {
        Py_complex j = ((PyComplexObject *)w)->cval;
        equal = i.real == j.real && i.imag == j.imag;
    } else {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return PyBool_FromLong(op == Py_EQ ? equal : !equal);
}

/* ---------------------------------------------------------------- construction */

static int
is_jay(char c)
{
    return c == 'j' || c == 'J';
}

/* A float at s[*i..len) without whitespace or underscores; 1 with *out when one was read. */
static int
read_float(const char *s, Py_ssize_t len, Py_ssize_t *i, double *out)
{
    Py_ssize_t n = pyrs_float_parse_prefix(s + *i, len - *i, 0, out);
    if (n <= 0) {
        return n < 0 ? -1 : 0;
    }
    *i += n;
    return 1;
}

/* Parses the forms <float>, <float>j, <float><signed-float>j, <float><sign>j, <sign>j, j,
 * optionally in parentheses and whitespace; 1 on success, 0 when malformed, -1 on error. */
static int
parse_complex(const char *s, Py_ssize_t len, Py_complex *out)
{
    Py_ssize_t i = 0;
    double x = 0.0, y = 0.0, z;
    int bracket = 0, got;
    while (i < len && pyrs_float_isspace(s[i])) {
        i++;
    }
    if (i < len && s[i] == '(') {
        bracket = 1;
        i++;
        while (i < len && pyrs_float_isspace(s[i])) {
            i++;
        }
    }
    if ((got = read_float(s, len, &i, &z)) < 0) {
        return -1;
    }
    if (got) {
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            x = z;
            Py_ssize_t save = i;
            if ((got = read_float(s, len, &i, &y)) < 0) {
                return -1;
            }
            if (!got) {
                y = s[save] == '+' ? 1.0 : -1.0;
                i = save + 1;
            }
            if (i >= len || !is_jay(s[i])) {
                return 0;
            }
            i++;
        } else if (i < len && is_jay(s[i])) {
            i++;
            y = z;
        } else {
            x = z;
        }
    } else {
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            y = s[i] == '+' ? 1.0 : -1.0;
            i++;
        } else {
            y = 1.0;
        }
        if (i >= len || !is_jay(s[i])) {
            return 0;
        }
        i++;
    }
    while (i < len && pyrs_float_isspace(s[i])) {
        i++;
    }
    if (bracket) {
        if (i >= len || s[i] != ')') {
            return 0;
        }
        i++;
        while (i < len && pyrs_float_isspace(s[i])) {
            i++;
        }
    }
    if (i != len) {
        return 0;
    }
    *out = (Py_complex){x, y};
    return 1;
}

/* Removes underscores that sit between digits; 0 when one sits elsewhere. */
static int
strip_underscores(const char *s, Py_ssize_t len, char *buf, Py_ssize_t *outlen)
{
    Py_ssize_t k = 0;
    char prev = '\0';
    for (Py_ssize_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '_') {
            if (!(prev >= '0' && prev <= '9')) {
                return 0;
            }
        } else {
            if (prev == '_' && !(c >= '0' && c <= '9')) {
                return 0;
            }
            buf[k++] = c;
        }
        prev = c;
    }
    *outlen = k;
    return prev != '_';
}

static PyObject *
complex_from_string(PyTypeObject *type, PyObject *v)
{
    Py_ssize_t len, n;
    char *s = pyrs_float_ascii_text(v, &len);
    if (s == NULL) {
        return NULL;
    }
    char *buf = PyMem_Malloc((size_t)len + 1);
    if (buf == NULL) {
        PyMem_Free(s);
        return PyErr_NoMemory();
    }
    PyObject *r = NULL;
    Py_complex c;
    if (!strip_underscores(s, len, buf, &n)) {
        PyErr_Format(PyExc_ValueError, "could not convert string to complex: %R", v);
    } else {
        int ok = parse_complex(buf, n, &c);
        if (ok == 0) {
            PyErr_SetString(PyExc_ValueError, "complex() arg is a malformed string");
        } else if (ok > 0) {
            r = complex_subtype_from_c(type, c);
        } else {
            PyErr_NoMemory();
        }
    }
    PyMem_Free(buf);
    PyMem_Free(s);
    return r;
}

static int
is_number_like(PyObject *o)
{
    PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
    return PyComplex_Check(o) || (nb != NULL && (nb->nb_float != NULL || nb->nb_index != NULL));
}

/* A real number's value as a double through float(). */
static int
real_part(PyObject *o, double *out)
{
    PyObject *f = pyrs_float_from_object(o);
    if (f == NULL) {
        return -1;
    }
    *out = PyFloat_AS_DOUBLE(f);
    Py_DECREF(f);
    return 0;
}

/* complex(real, imag) for numbers, with CPython's arithmetic for complex arguments. */
static PyObject *
complex_from_numbers(PyTypeObject *type, PyObject *r, PyObject *i)
{
    Py_complex cr = {0.0, 0.0}, ci = {0.0, 0.0};
    int cr_is_complex = 0, ci_is_complex = 0;
    PyObject *tmp = try_complex_special_method(r);
    if (tmp == NULL && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *rr = tmp != NULL ? tmp : r;
    if (!is_number_like(rr)) {
        PyErr_Format(PyExc_TypeError,
                     "complex() first argument must be a string or a number, not '%.200s'",
                     Py_TYPE(rr)->tp_name);
        Py_XDECREF(tmp);
        return NULL;
    }
    if (i != NULL && !is_number_like(i)) {
        PyErr_Format(PyExc_TypeError, "complex() second argument must be a number, not '%.200s'",
                     Py_TYPE(i)->tp_name);
        Py_XDECREF(tmp);
        return NULL;
    }
    int rc = 0;
    if (PyComplex_Check(rr)) {
        cr = ((PyComplexObject *)rr)->cval;
        cr_is_complex = 1;
    } else {
        rc = real_part(rr, &cr.real);
    }
    Py_XDECREF(tmp);
    if (rc < 0) {
        return NULL;
    }
    if (i == NULL) {
        ci.real = cr.imag;
    } else if (PyComplex_Check(i)) {
        ci = ((PyComplexObject *)i)->cval;
        ci_is_complex = 1;
    } else if (real_part(i, &ci.real) < 0) {
        return NULL;
    }
    if (ci_is_complex) {
        cr.real -= ci.imag;
    }
    if (cr_is_complex && i != NULL) {
        ci.real += cr.imag;
    }
    return complex_subtype_from_c(type, (Py_complex){cr.real, ci.real});
}

static PyObject *
complex_new_impl(PyTypeObject *type, PyObject *r, PyObject *i)
{
    if (r == NULL) {
        return complex_from_numbers(type, Py_False, i);
    }
    if (PyComplex_CheckExact(r) && i == NULL && type == &PyComplex_Type) {
        return Py_NewRef(r);
    }
    if (PyUnicode_Check(r)) {
        if (i != NULL) {
            PyErr_SetString(PyExc_TypeError,
                            "complex() can't take second arg if first is a string");
            return NULL;
        }
        return complex_from_string(type, r);
    }
    if (i != NULL && PyUnicode_Check(i)) {
        PyErr_SetString(PyExc_TypeError, "complex() second arg can't be a string");
        return NULL;
    }
    return complex_from_numbers(type, r, i);
}

/* complex(real=0, imag=0) */
static PyObject *
complex_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static const char *const names[2] = {"real", "imag"};
    PyObject *a[2] = {NULL, NULL};
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n > 2) {
        PyErr_Format(PyExc_TypeError, "complex() takes at most 2 arguments (%zd given)", n);
        return NULL;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        a[k] = PyTuple_GET_ITEM(args, k);
    }
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (kwargs != NULL && PyDict_Next(kwargs, &pos, &key, &value)) {
        int found = -1;
        for (int k = 0; k < 2; k++) {
            if (PyUnicode_Check(key) && PyUnicode_CompareWithASCIIString(key, names[k]) == 0) {
                found = k;
            }
        }
        if (found < 0) {
            PyErr_Format(PyExc_TypeError, "complex() got an unexpected keyword argument '%S'", key);
            return NULL;
        }
        if (a[found] != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "argument for complex() given by name ('%s') and position (%d)",
                         names[found], found + 1);
            return NULL;
        }
        a[found] = value;
    }
    return complex_new_impl(type, a[0], a[1]);
}

/* ---------------------------------------------------------------- methods */

static PyObject *
complex_conjugate(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_complex c = ((PyComplexObject *)self)->cval;
    return PyComplex_FromDoubles(c.real, -c.imag);
}

static PyObject *
complex_complex(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return complex_pos(self);
}

static PyObject *
complex_getnewargs(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_complex c = ((PyComplexObject *)self)->cval;
    PyObject *re = PyFloat_FromDouble(c.real), *im = PyFloat_FromDouble(c.imag), *r = NULL;
    if (re != NULL && im != NULL) {
        r = PyTuple_Pack(2, re, im);
    }
    Py_XDECREF(re);
    Py_XDECREF(im);
    return r;
}

static PyObject *
complex_format_method(PyObject *self, PyObject *spec)
{
    if (!PyUnicode_Check(spec)) {
        PyErr_Format(PyExc_TypeError, "__format__() argument must be str, not %.50s",
                     Py_TYPE(spec)->tp_name);
        return NULL;
    }
    return pyrs_format_complex(self, spec);
}


static void
complex_dealloc(PyObject *self)
{
    Py_TYPE(self)->tp_free(self);
}

static PyMethodDef complex_methods[] = {
    {"conjugate", complex_conjugate, METH_NOARGS,
     "Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j."},
    {"__complex__", complex_complex, METH_NOARGS, "Convert complex to a complex."},
    {"__getnewargs__", complex_getnewargs, METH_NOARGS, NULL},
    {"__format__", complex_format_method, METH_O, "Convert to a string according to format_spec."},
    {NULL, NULL, 0, NULL},
};

/* member descriptors, as CPython's (type(complex.real) is member_descriptor) */
static PyMemberDef complex_members[] = {
    {"real", T_DOUBLE, offsetof(PyComplexObject, cval.real), READONLY,
     "the real part of a complex number"},
    {"imag", T_DOUBLE, offsetof(PyComplexObject, cval.imag), READONLY,
     "the imaginary part of a complex number"},
    {NULL, 0, 0, 0, NULL},
};

static PyNumberMethods complex_as_number = {
    .nb_add = complex_add,
    .nb_subtract = complex_sub,
    .nb_multiply = complex_mul,
    .nb_power = complex_pow,
    .nb_negative = complex_neg,
    .nb_positive = complex_pos,
    .nb_absolute = complex_abs,
    .nb_bool = complex_bool,
    .nb_true_divide = complex_div,
};

PyAPI_DATA(PyTypeObject) PyComplex_Type;
PyTypeObject PyComplex_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "complex",
    .tp_basicsize = sizeof(PyComplexObject),
    .tp_dealloc = complex_dealloc,
    .tp_repr = complex_repr,
    .tp_as_number = &complex_as_number,
    .tp_hash = complex_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "complex(real=0, imag=0)\n--\n\n"
              "Create a complex number from a real part and an optional imaginary part.\n\n"
              "This is equivalent to (real + imag*1j) where imag defaults to 0.",
    .tp_richcompare = complex_richcompare,
    .tp_methods = complex_methods,
    .tp_members = complex_members,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = complex_new,
    .tp_free = PyObject_Free,
};

/* Readies complex; 0, or -1 with an exception. */
int
pyrs_complex_init(void)
{
    return PyType_Ready(&PyComplex_Type);
}
