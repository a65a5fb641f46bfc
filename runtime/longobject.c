/* longobject.c: the int type, arbitrary precision on CPython 3.11's layout (30-bit digits,
 * sign in ob_size), with the C-API conversions, the small-int cache (-5..256), every operator
 * and method, and CPython's exact error messages. Values of up to two digits take int64 fast
 * paths; bigger ones go through GMP (digits repacked into 64-bit limbs by to_mpz/from_mpz). */
#include "pyrs/config.h"
#include "pyrs/long.h"

#include <float.h>
#include <gmp.h>
#include <mimalloc.h>

#include "pyrs/float.h"
#include "pyrs/format.h"
#include "pyrs/lifecycle.h"
#include "pyrs/mem.h"

#define SMALL_NEG 5
#define SMALL_POS 257
#define MAX_LONG_DIGITS                                                                            \
    ((PY_SSIZE_T_MAX - (Py_ssize_t)offsetof(PyLongObject, ob_digit)) / (Py_ssize_t)sizeof(digit))
/* Results beyond this many bits (8 GiB) raise MemoryError up front: GMP aborts the process
 * when an allocation fails instead of reporting it. */
#define PYRS_LONG_MAX_BITS ((uint64_t)1 << 36)

static PyLongObject small_ints[SMALL_NEG + SMALL_POS];
static int max_str_digits = PYRS_LONG_DEFAULT_MAX_STR_DIGITS;

static const char MSG_MAX_STR[] = "Exceeds the limit (%d digits) for integer string conversion; "
                                  "use sys.set_int_max_str_digits() to increase the limit";
static const char MSG_MAX_STR_PARSE[] =
    "Exceeds the limit (%d digits) for integer string conversion: value has %zd digits; "
    "use sys.set_int_max_str_digits() to increase the limit";

#define SIZE(v)   Py_SIZE(v)
#define DIGITS(v) (((PyLongObject *)(v))->ob_digit)

/* ---------------------------------------------------------------- allocation and helpers */

static PyObject *
get_small(long v)
{
    PyObject *r = (PyObject *)&small_ints[v + SMALL_NEG];
    Py_INCREF(r);
    return r;
}

/* Freed exact ints of at most two digits, chained through ob_type, reused by _PyLong_New
 * (the int arithmetic results that miss the small-int cache); protected by the GIL. */
#define INT_FREELIST_MAX 100
static PyLongObject *int_free_list;
static int int_numfree;

/* _PyLong_New: a new exact int with room for size digits (contents uninitialised, ob_size =
 * size); NULL with OverflowError when too big or MemoryError. */
PyAPI_FUNC(PyLongObject *)
_PyLong_New(Py_ssize_t size)
{
    PyLongObject *r;
    if (size <= 2 && int_free_list != NULL) {
        r = int_free_list;
        int_free_list = (PyLongObject *)Py_TYPE(r);
        int_numfree--;
    } else {
        if (size > MAX_LONG_DIGITS) {
            PyErr_SetString(PyExc_OverflowError, "too many digits in integer");
            return NULL;
        }
        /* every block has room for two digits, so the free list serves any size <= 2 */
        Py_ssize_t nd = size > 2 ? size : 2;
        r = pyrs_mem_obj_malloc(offsetof(PyLongObject, ob_digit) + (size_t)nd * sizeof(digit));
        if (r == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
    }
    Py_SET_TYPE(r, &PyLong_Type);
    Py_SET_REFCNT(r, 1);
    Py_SET_SIZE(r, size);
    r->ob_digit[0] = 0;
    return r;
}

static inline int
is_medium(PyObject *v)
{
    return SIZE(v) >= -2 && SIZE(v) <= 2;
}

/* The value of an int of at most two digits (|v| < 2**60). */
static inline int64_t
medium_value(PyObject *v)
{
    Py_ssize_t n = SIZE(v);
    const digit *d = DIGITS(v);
    switch (n) {
    case 0:
        return 0;
    case 1:
        return d[0];
    case -1:
        return -(int64_t)d[0];
    case 2:
        return (int64_t)d[0] | ((int64_t)d[1] << PyLong_SHIFT);
    default:
        return -((int64_t)d[0] | ((int64_t)d[1] << PyLong_SHIFT));
    }
}

/* A new int from a magnitude and a sign. */
static PyObject *
from_u128(unsigned __int128 mag, int negative)
{
    if (mag <= SMALL_POS - 1 && (!negative || mag <= SMALL_NEG)) {
        return get_small(negative ? -(long)mag : (long)mag);
    }
    /* 64-bit values (pointers, sizes, most results) are split in 64-bit arithmetic */
    uint64_t narrow = (uint64_t)mag;
    int wide = (mag >> 64) != 0;
    Py_ssize_t nd = 0;
    if (wide) {
        for (unsigned __int128 t = mag; t != 0; t >>= PyLong_SHIFT) {
            nd++;
        }
    } else {
        nd = (64 - __builtin_clzll(narrow) + PyLong_SHIFT - 1) / PyLong_SHIFT;
    }
    PyLongObject *r = _PyLong_New(nd);
    if (r == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nd && !wide; i++, narrow >>= PyLong_SHIFT) {
        r->ob_digit[i] = (digit)(narrow & PyLong_MASK);
    }
    for (Py_ssize_t i = 0; i < nd && wide; i++, mag >>= PyLong_SHIFT) {
        r->ob_digit[i] = (digit)(mag & PyLong_MASK);
    }
    Py_SET_SIZE(r, negative ? -nd : nd);
    return (PyObject *)r;
}

static PyObject *
from_i128(__int128 v)
{
    return from_u128(v < 0 ? -(unsigned __int128)v : (unsigned __int128)v, v < 0);
}

/* Load an int into an initialised mpz. The 30-bit digits are packed into 64-bit limbs here:
 * mpz_import with nail bits takes a slow generic path that dominated big-int arithmetic. */
static void
to_mpz(mpz_t z, PyObject *v)
{
    Py_ssize_t n = SIZE(v), nd = Py_ABS(n);
    const digit *d = DIGITS(v);
    mp_limb_t *p = mpz_limbs_write(z, (mp_size_t)((nd * PyLong_SHIFT + 63) / 64) + 1);
    mp_size_t li = 0;
    uint64_t acc = 0;
    int accbits = 0;
    for (Py_ssize_t i = 0; i < nd; i++) {
        acc |= (uint64_t)d[i] << accbits;
        accbits += PyLong_SHIFT;
        if (accbits >= 64) {
            p[li++] = acc;
            accbits -= 64;
            acc = (uint64_t)d[i] >> (PyLong_SHIFT - accbits);
        }
    }
    if (accbits > 0) {
        p[li++] = acc;
    }
    while (li > 0 && p[li - 1] == 0) {
        li--;
    }
    mpz_limbs_finish(z, n < 0 ? -li : li);
}

/* Unpack the magnitude of z into ND 30-bit digits at OUT (ND covers every bit of z). */
static void
mpz_to_digits(const mpz_t z, digit *out, Py_ssize_t nd)
{
    const mp_limb_t *p = mpz_limbs_read(z);
    size_t limbs = mpz_size(z), li = 0;
    unsigned __int128 acc = 0;
    int accbits = 0;
    for (Py_ssize_t i = 0; i < nd; i++) {
        if (accbits < PyLong_SHIFT && li < limbs) {
            acc |= (unsigned __int128)p[li++] << accbits;
            accbits += 64;
        }
        out[i] = (digit)(acc & PyLong_MASK);
        acc >>= PyLong_SHIFT;
        accbits -= PyLong_SHIFT;
    }
}

/* A new int equal to z (small values come from the cache). */
static PyObject *
from_mpz(const mpz_t z)
{
    int sign = mpz_sgn(z);
    if (sign == 0) {
        return get_small(0);
    }
    size_t bits = mpz_sizeinbase(z, 2);
    if (bits <= 64) {
        return from_u128(mpz_getlimbn(z, 0), sign < 0);
    }
    Py_ssize_t nd = (Py_ssize_t)((bits + PyLong_SHIFT - 1) / PyLong_SHIFT);
    PyLongObject *r = _PyLong_New(nd);
    if (r == NULL) {
        return NULL;
    }
    mpz_to_digits(z, r->ob_digit, nd);
    Py_SET_SIZE(r, sign < 0 ? -nd : nd);
    return (PyObject *)r;
}

/* _PyLong_Copy: a new exact int with src's value (src may be a subclass instance). */
PyAPI_FUNC(PyObject *)
_PyLong_Copy(PyLongObject *src)
{
    Py_ssize_t n = Py_ABS(SIZE(src));
    if (n <= 1) {
        int64_t v = medium_value((PyObject *)src);
        if (v >= -SMALL_NEG && v < SMALL_POS) {
            return get_small((long)v);
        }
    }
    PyLongObject *r = _PyLong_New(n);
    if (r == NULL) {
        return NULL;
    }
    memcpy(r->ob_digit, src->ob_digit, (size_t)n * sizeof(digit));
    Py_SET_SIZE(r, SIZE(src));
    return (PyObject *)r;
}

/* ---------------------------------------------------------------- C constructors */

/* New int from a C integer (small values shared); NULL on MemoryError. */
PyAPI_FUNC(PyObject *)
PyLong_FromLongLong(long long v)
{
    if (v >= -SMALL_NEG && v < SMALL_POS) {
        return get_small((long)v);
    }
    uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (a >= ((uint64_t)1 << (2 * PyLong_SHIFT))) {
        return from_i128(v);
    }
    /* one or two digits, the common case of arithmetic results */
    Py_ssize_t nd = a < PyLong_BASE ? 1 : 2;
    PyLongObject *r = _PyLong_New(nd);
    if (r == NULL) {
        return NULL;
    }
    r->ob_digit[0] = (digit)(a & PyLong_MASK);
    if (nd == 2) {
        r->ob_digit[1] = (digit)(a >> PyLong_SHIFT);
    }
    Py_SET_SIZE(r, v < 0 ? -nd : nd);
    return (PyObject *)r;
}

/* New int from a C long; NULL on MemoryError. */
PyAPI_FUNC(PyObject *)
PyLong_FromLong(long v)
{
    return PyLong_FromLongLong(v);
}

/* New int from a Py_ssize_t; NULL on MemoryError. */
PyAPI_FUNC(PyObject *)
PyLong_FromSsize_t(Py_ssize_t v)
{
    return PyLong_FromLongLong(v);
}

/* New int from an unsigned long long; NULL on MemoryError. */
PyAPI_FUNC(PyObject *)
PyLong_FromUnsignedLongLong(unsigned long long v)
{
    return from_u128(v, 0);
}

/* New int from an unsigned long; NULL on MemoryError. */
PyAPI_FUNC(PyObject *)
PyLong_FromUnsignedLong(unsigned long v)
{
    return from_u128(v, 0);
}

/* New int from a size_t; NULL on MemoryError. */
PyAPI_FUNC(PyObject *)
PyLong_FromSize_t(size_t v)
{
    return from_u128(v, 0);
}

/* New int holding a pointer value (unsigned); NULL on MemoryError. */
PyAPI_FUNC(PyObject *)
PyLong_FromVoidPtr(void *p)
{
    return from_u128((uintptr_t)p, 0);
}

/* New int from a time_t; NULL on MemoryError. */
PyAPI_FUNC(PyObject *)
_PyLong_FromTime_t(time_t t)
{
    return PyLong_FromLongLong(t);
}

/* PyLong_FromDouble: the integral part of v; OverflowError for infinities, ValueError for NaN. */
PyAPI_FUNC(PyObject *)
PyLong_FromDouble(double v)
{
    if (v > -9.2e18 && v < 9.2e18) {
        return PyLong_FromLongLong((long long)v);
    }
    if (isinf(v)) {
        PyErr_SetString(PyExc_OverflowError, "cannot convert float infinity to integer");
        return NULL;
    }
    if (isnan(v)) {
        PyErr_SetString(PyExc_ValueError, "cannot convert float NaN to integer");
        return NULL;
    }
    mpz_t z;
    mpz_init_set_d(z, v);
    PyObject *r = from_mpz(z);
    mpz_clear(z);
    return r;
}

/* ---------------------------------------------------------------- C conversions */

/* __index__ of a non-int (CPython's _PyNumber_Index): a new reference to an int or NULL. */
static PyObject *
index_of(PyObject *obj)
{
    if (obj == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (PyLong_Check(obj)) {
        return Py_NewRef(obj);
    }
    PyNumberMethods *nb = Py_TYPE(obj)->tp_as_number;
    if (nb == NULL || nb->nb_index == NULL) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    PyObject *r = nb->nb_index(obj);
    if (r == NULL || PyLong_CheckExact(r)) {
        return r;
    }
    if (!PyLong_Check(r)) {
        PyErr_Format(PyExc_TypeError, "__index__ returned non-int (type %.200s)",
                     Py_TYPE(r)->tp_name);
        Py_DECREF(r);
        return NULL;
    }
    if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1,
                         "__index__ returned non-int (type %.200s).  The ability to return an "
                         "instance of a strict subclass of int is deprecated, and may be removed "
                         "in a future version of Python.",
                         Py_TYPE(r)->tp_name)) {
        Py_DECREF(r);
        return NULL;
    }
    return r;
}

/* Magnitude of an int as unsigned 128-bit when it has at most 4 digits; 0 if too big. */
static int
magnitude_u128(PyObject *v, unsigned __int128 *out)
{
    Py_ssize_t n = Py_ABS(SIZE(v));
    if (n > 4) {
        return 0;
    }
    unsigned __int128 m = 0;
    for (Py_ssize_t i = n - 1; i >= 0; i--) {
        m = (m << PyLong_SHIFT) | DIGITS(v)[i];
    }
    *out = m;
    return 1;
}

/* Signed conversion of an int object into [lo, hi]; returns 1 and *out, or 0 on overflow. */
static int
signed_in_range(PyObject *v, __int128 lo, __int128 hi, __int128 *out)
{
    unsigned __int128 m;
    if (!magnitude_u128(v, &m) || m > ((unsigned __int128)1 << 100)) {
        return 0;
    }
    __int128 s = SIZE(v) < 0 ? -(__int128)m : (__int128)m;
    if (s < lo || s > hi) {
        return 0;
    }
    *out = s;
    return 1;
}

/* obj (or its __index__) as long long; on overflow returns -1 with *overflow = +-1 and no
 * exception; -1 with an exception on other errors. May run Python code. */
PyAPI_FUNC(long long)
PyLong_AsLongLongAndOverflow(PyObject *obj, int *overflow)
{
    *overflow = 0;
    if (obj != NULL && PyLong_Check(obj) && is_medium(obj)) {
        return medium_value(obj);
    }
    PyObject *v = index_of(obj);
    if (v == NULL) {
        return -1;
    }
    __int128 s;
    long long res = -1;
    if (signed_in_range(v, LLONG_MIN, LLONG_MAX, &s)) {
        res = (long long)s;
    } else {
        *overflow = SIZE(v) < 0 ? -1 : 1;
    }
    Py_DECREF(v);
    return res;
}

/* As PyLong_AsLongLongAndOverflow for a C long (same width here). */
PyAPI_FUNC(long)
PyLong_AsLongAndOverflow(PyObject *obj, int *overflow)
{
    return (long)PyLong_AsLongLongAndOverflow(obj, overflow);
}

/* obj (or its __index__) as a C long; -1 with OverflowError or TypeError. */
PyAPI_FUNC(long)
PyLong_AsLong(PyObject *obj)
{
    int overflow;
    long r = PyLong_AsLongAndOverflow(obj, &overflow);
    if (overflow) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C long");
        return -1;
    }
    return r;
}

/* obj (or its __index__) as a C int; -1 with OverflowError or TypeError. */
PyAPI_FUNC(int)
_PyLong_AsInt(PyObject *obj)
{
    int overflow;
    long r = PyLong_AsLongAndOverflow(obj, &overflow);
    if (overflow || r > INT_MAX || r < INT_MIN) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    return (int)r;
}

/* obj (or its __index__) as long long; -1 with OverflowError ("int too big to convert"). */
PyAPI_FUNC(long long)
PyLong_AsLongLong(PyObject *obj)
{
    int overflow;
    long long r = PyLong_AsLongLongAndOverflow(obj, &overflow);
    if (overflow) {
        PyErr_SetString(PyExc_OverflowError, "int too big to convert");
        return -1;
    }
    return r;
}

static int
require_int(PyObject *obj)
{
    if (obj == NULL) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (!PyLong_Check(obj)) {
        PyErr_SetString(PyExc_TypeError, "an integer is required");
        return -1;
    }
    return 0;
}

/* An int (no __index__) as Py_ssize_t; -1 with TypeError or OverflowError. */
PyAPI_FUNC(Py_ssize_t)
PyLong_AsSsize_t(PyObject *obj)
{
    if (obj != NULL && PyLong_Check(obj) && is_medium(obj)) {
        return (Py_ssize_t)medium_value(obj);
    }
    if (require_int(obj) < 0) {
        return -1;
    }
    __int128 s;
    if (!signed_in_range(obj, PY_SSIZE_T_MIN, PY_SSIZE_T_MAX, &s)) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return (Py_ssize_t)s;
}

/* Unsigned conversion with CPython's per-function messages. */
static int
unsigned_of(PyObject *obj, unsigned __int128 max, const char *neg_msg, const char *big_msg,
            unsigned __int128 *out)
{
    if (require_int(obj) < 0) {
        return -1;
    }
    if (SIZE(obj) < 0) {
        PyErr_SetString(PyExc_OverflowError, neg_msg);
        return -1;
    }
    if (!magnitude_u128(obj, out) || *out > max) {
        PyErr_SetString(PyExc_OverflowError, big_msg);
        return -1;
    }
    return 0;
}

/* An int as unsigned long; (unsigned long)-1 with OverflowError or TypeError. */
PyAPI_FUNC(unsigned long)
PyLong_AsUnsignedLong(PyObject *obj)
{
    unsigned __int128 m;
    if (unsigned_of(obj, ULONG_MAX, "can't convert negative value to unsigned int",
                    "Python int too large to convert to C unsigned long", &m) < 0) {
        return (unsigned long)-1;
    }
    return (unsigned long)m;
}

/* An int as size_t; (size_t)-1 with OverflowError or TypeError. */
PyAPI_FUNC(size_t)
PyLong_AsSize_t(PyObject *obj)
{
    unsigned __int128 m;
    if (unsigned_of(obj, SIZE_MAX, "can't convert negative value to size_t",
                    "Python int too large to convert to C size_t", &m) < 0) {
        return (size_t)-1;
    }
    return (size_t)m;
}

/* An int as unsigned long long; (unsigned long long)-1 with an exception. */
PyAPI_FUNC(unsigned long long)
PyLong_AsUnsignedLongLong(PyObject *obj)
{
    unsigned __int128 m;
    if (unsigned_of(obj, ULLONG_MAX, "can't convert negative int to unsigned",
                    "int too big to convert", &m) < 0) {
        return (unsigned long long)-1;
    }
    return (unsigned long long)m;
}

/* The low 64 bits of v in two's complement (v an int). */
static uint64_t
low_bits(PyObject *v)
{
    Py_ssize_t n = Py_ABS(SIZE(v));
    uint64_t m = 0;
    for (Py_ssize_t i = Py_MIN(n, 3) - 1; i >= 0; i--) {
        m = (m << PyLong_SHIFT) | DIGITS(v)[i];
    }
    return SIZE(v) < 0 ? 0 - m : m;
}

/* The low 64 bits of obj (or its __index__) in two's complement; -1 with an exception. */
PyAPI_FUNC(unsigned long long)
PyLong_AsUnsignedLongLongMask(PyObject *obj)
{
    PyObject *v = index_of(obj);
    if (v == NULL) {
        return (unsigned long long)-1;
    }
    uint64_t r = low_bits(v);
    Py_DECREF(v);
    return r;
}

/* The low bits of obj as unsigned long; (unsigned long)-1 with an exception. */
PyAPI_FUNC(unsigned long)
PyLong_AsUnsignedLongMask(PyObject *obj)
{
    return (unsigned long)PyLong_AsUnsignedLongLongMask(obj);
}

/* The pointer an int holds; NULL with OverflowError or TypeError. */
PyAPI_FUNC(void *)
PyLong_AsVoidPtr(PyObject *obj)
{
    if (obj != NULL && PyLong_Check(obj) && SIZE(obj) < 0) {
        return (void *)(intptr_t)PyLong_AsLongLong(obj);
    }
    return (void *)(uintptr_t)PyLong_AsUnsignedLongLong(obj);
}

/* _PyLong_Sign: -1, 0 or 1. */
PyAPI_FUNC(int)
_PyLong_Sign(PyObject *v)
{
    return SIZE(v) == 0 ? 0 : (SIZE(v) < 0 ? -1 : 1);
}

/* Number of bits of |v| as a uint64 (values of up to 2**64 bits fit). */
static uint64_t
bit_length_of(PyObject *v)
{
    Py_ssize_t n = Py_ABS(SIZE(v));
    if (n == 0) {
        return 0;
    }
    digit top = DIGITS(v)[n - 1];
    return (uint64_t)(n - 1) * PyLong_SHIFT + (uint64_t)(32 - __builtin_clz(top));
}

/* _PyLong_NumBits: bits of |v|; (size_t)-1 with OverflowError never happens on 64-bit. */
PyAPI_FUNC(size_t)
_PyLong_NumBits(PyObject *v)
{
    return (size_t)bit_length_of(v);
}

/* The top 55 bits of |v| with a sticky bit for anything below, and the shift applied. */
static uint64_t
top_bits(PyObject *v, uint64_t nbits, int64_t *shift)
{
    if (nbits <= 55) {
        unsigned __int128 m = 0;
        magnitude_u128(v, &m);
        *shift = 0;
        return (uint64_t)m;
    }
    mpz_t z;
    mpz_init(z);
    to_mpz(z, v);
    mpz_abs(z, z);
    uint64_t sh = nbits - 55;
    int sticky = mpz_scan1(z, 0) < sh;
    mpz_tdiv_q_2exp(z, z, sh);
    uint64_t q = mpz_get_ui(z) | (uint64_t)sticky;
    mpz_clear(z);
    *shift = (int64_t)sh;
    return q;
}

/* Correctly rounded (half to even) |v| as a double times 2**exp; *exp gets the exponent and
 * the return value is the mantissa in [0.5, 1). */
static double
frexp_rounded(PyObject *v, int64_t *exp)
{
    uint64_t nbits = bit_length_of(v);
    if (nbits == 0) {
        *exp = 0;
        return 0.0;
    }
    int64_t shift;
    uint64_t q = top_bits(v, nbits, &shift);
    /* q has at most 55 bits (the lowest sticky); round to 53 significant bits */
    int extra = (int)Py_MAX(0, (int64_t)(nbits - (uint64_t)shift) - DBL_MANT_DIG);
    if (extra > 0) {
        uint64_t half = (uint64_t)1 << (extra - 1);
        uint64_t rest = q & ((half << 1) - 1);
        q >>= extra;
        if (rest > half || (rest == half && (q & 1))) {
            q++;
        }
        shift += extra;
    }
    int e;
    double m = frexp((double)q, &e);
    *exp = e + shift;
    return m;
}

/* _PyLong_Frexp: mantissa in [0.5, 1) with the sign of a, and *e with a == m * 2**e. */
PyAPI_FUNC(double)
_PyLong_Frexp(PyLongObject *a, Py_ssize_t *e)
{
    int64_t ex;
    double m = frexp_rounded((PyObject *)a, &ex);
    *e = (Py_ssize_t)ex;
    return SIZE(a) < 0 ? -m : m;
}

/* A correctly rounded double; -1.0 with OverflowError when out of range. */
static double
long_to_double(PyObject *v)
{
    if (is_medium(v)) {
        int64_t x = medium_value(v);
        if (x > -((int64_t)1 << 53) && x < ((int64_t)1 << 53)) {
            return (double)x;
        }
    }
    int64_t ex;
    double m = frexp_rounded(v, &ex);
    if (ex > DBL_MAX_EXP) {
        PyErr_SetString(PyExc_OverflowError, "int too large to convert to float");
        return -1.0;
    }
    double r = ldexp(m, (int)ex);
    return SIZE(v) < 0 ? -r : r;
}

/* An int correctly rounded to a double; -1.0 with OverflowError or TypeError. */
PyAPI_FUNC(double)
PyLong_AsDouble(PyObject *obj)
{
    if (require_int(obj) < 0) {
        return -1.0;
    }
    return long_to_double(obj);
}

/* ---------------------------------------------------------------- byte arrays */

/* _PyLong_FromByteArray: the int whose n bytes are given (two's complement when is_signed). */
PyAPI_FUNC(PyObject *)
_PyLong_FromByteArray(const unsigned char *bytes, size_t n, int little_endian, int is_signed)
{
    if (n == 0) {
        return get_small(0);
    }
    mpz_t z;
    mpz_init(z);
    mpz_import(z, n, little_endian ? -1 : 1, 1, 0, 0, bytes);
    unsigned char msb = little_endian ? bytes[n - 1] : bytes[0];
    if (is_signed && (msb & 0x80)) {
        mpz_t base;
        mpz_init_set_ui(base, 1);
        mpz_mul_2exp(base, base, 8 * n);
        mpz_sub(z, z, base);
        mpz_clear(base);
    }
    PyObject *r = from_mpz(z);
    mpz_clear(z);
    return r;
}

/* _PyLong_AsByteArray: writes v into n bytes; 0, or -1 with OverflowError. */
PyAPI_FUNC(int)
_PyLong_AsByteArray(PyLongObject *v, unsigned char *bytes, size_t n, int little_endian,
                    int is_signed)
{
    PyObject *o = (PyObject *)v;
    if (!is_signed && SIZE(o) < 0) {
        PyErr_SetString(PyExc_OverflowError, "can't convert negative int to unsigned");
        return -1;
    }
    uint64_t bits = bit_length_of(o);
    int fits;
    if (n == 0) {
        /* no byte to hold a sign bit: only 0 and (signed) -1 have nothing left to store */
        fits = SIZE(o) == 0 || (is_signed && SIZE(o) == -1 && DIGITS(o)[0] == 1);
    } else if (!is_signed) {
        fits = bits <= 8 * (uint64_t)n;
    } else if (SIZE(o) >= 0) {
        fits = bits < 8 * (uint64_t)n;
    } else {
        /* -2**(8n-1) is the one negative value with 8n bits that fits */
        mpz_t z;
        mpz_init(z);
        to_mpz(z, o);
        mpz_abs(z, z);
        fits = bits < 8 * (uint64_t)n || (bits == 8 * (uint64_t)n && mpz_scan1(z, 0) == bits - 1);
        mpz_clear(z);
    }
    if (!fits) {
        PyErr_SetString(PyExc_OverflowError, "int too big to convert");
        return -1;
    }
    mpz_t z;
    mpz_init(z);
    to_mpz(z, o);
    if (SIZE(o) < 0) {
        mpz_t base;
        mpz_init_set_ui(base, 1);
        mpz_mul_2exp(base, base, 8 * n);
        mpz_add(z, z, base);
        mpz_clear(base);
    }
    memset(bytes, 0, n);
    size_t count = 0;
    size_t need = (mpz_sizeinbase(z, 2) + 7) / 8;
    unsigned char *tmp = PyMem_Malloc(need + 1);
    if (tmp == NULL) {
        mpz_clear(z);
        PyErr_NoMemory();
        return -1;
    }
    mpz_export(tmp, &count, -1, 1, 0, 0, z);
    for (size_t i = 0; i < count && i < n; i++) {
        bytes[little_endian ? i : n - 1 - i] = tmp[i];
    }
    PyMem_Free(tmp);
    mpz_clear(z);
    return 0;
}

/* ---------------------------------------------------------------- text conversions */

/* See pyrs/long.h. */
int
pyrs_long_get_max_str_digits(void)
{
    return max_str_digits;
}

/* See pyrs/long.h. */
int
pyrs_long_set_max_str_digits(Py_ssize_t n)
{
    if (n != 0 && n < PYRS_LONG_MAX_STR_DIGITS_THRESHOLD) {
        PyErr_Format(PyExc_ValueError, "maxdigits must be 0 or larger than %d",
                     PYRS_LONG_MAX_STR_DIGITS_THRESHOLD);
        return -1;
    }
    max_str_digits = n > INT_MAX ? INT_MAX : (int)n;
    return 0;
}

static int
digit_value(unsigned char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'Z') {
        return c - 'A' + 10;
    }
    return 99;
}

static int
is_space(unsigned char c)
{
    return pyrs_float_isspace((char)c);
}

/* The ValueError for an unparsable literal. */
static PyObject *
invalid_literal(const char *s, Py_ssize_t len, int base, PyObject *orig)
{
    PyObject *shown = orig;
    if (shown == NULL) {
        shown = PyUnicode_FromStringAndSize(s, Py_MIN(len, 200));
        if (shown == NULL) {
            return NULL;
        }
    } else {
        Py_INCREF(shown);
    }
    PyErr_Format(PyExc_ValueError, "invalid literal for int() with base %d: %.200R", base, shown);
    Py_DECREF(shown);
    return NULL;
}

/* Parse the digits in s[i..end): underscores only between digits (or right after a prefix).
 * Writes the digits without underscores into buf; returns the digit count or -1. */
static Py_ssize_t
scan_digits(const char *s, Py_ssize_t i, Py_ssize_t end, int base, int after_prefix, char *buf)
{
    Py_ssize_t nd = 0;
    int prev_us = after_prefix;
    int allow_us = after_prefix;
    for (; i < end; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '_') {
            if (!allow_us || (prev_us && !(after_prefix && nd == 0 && prev_us == 1))) {
                return -1;
            }
            prev_us = 2;
            continue;
        }
        if (digit_value(c) >= base) {
            return -1;
        }
        buf[nd++] = (char)c;
        prev_us = 0;
        allow_us = 1;
    }
    if (prev_us == 2 || nd == 0) {
        return -1;
    }
    return nd;
}

/* Convert a validated digit string to an int. */
static PyObject *
digits_to_long(char *buf, Py_ssize_t nd, int base, int negative)
{
    if (nd <= 12 || (base <= 10 && nd <= 18)) {
        int64_t v = 0;
        for (Py_ssize_t i = 0; i < nd; i++) {
            v = v * base + digit_value((unsigned char)buf[i]);
        }
        return PyLong_FromLongLong(negative ? -v : v);
    }
    buf[nd] = '\0';
    mpz_t z;
    mpz_init(z);
    mpz_set_str(z, buf, base);
    if (negative) {
        mpz_neg(z, z);
    }
    PyObject *r = from_mpz(z);
    mpz_clear(z);
    return r;
}

/* Detect a 0x/0o/0b prefix at s[i]; returns its base or 0. */
static int
prefix_base(const char *s, Py_ssize_t i, Py_ssize_t end)
{
    if (end - i < 2 || s[i] != '0') {
        return 0;
    }
    switch (s[i + 1]) {
    case 'x':
    case 'X':
        return 16;
    case 'o':
    case 'O':
        return 8;
    case 'b':
    case 'B':
        return 2;
    default:
        return 0;
    }
}

/* Base-0 decimals may not have leading zeros unless the value is zero. */
static int
bad_leading_zero(const char *buf, Py_ssize_t nd)
{
    if (nd < 2 || buf[0] != '0') {
        return 0;
    }
    for (Py_ssize_t i = 0; i < nd; i++) {
        if (buf[i] != '0') {
            return 1;
        }
    }
    return 0;
}

/* See pyrs/long.h. */
PyObject *
pyrs_long_from_text(const char *s, Py_ssize_t len, int base, PyObject *orig)
{
    if ((base != 0 && base < 2) || base > 36) {
        PyErr_SetString(PyExc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        return NULL;
    }
    Py_ssize_t i = 0, end = len;
    while (i < end && is_space((unsigned char)s[i])) {
        i++;
    }
    while (end > i && is_space((unsigned char)s[end - 1])) {
        end--;
    }
    int negative = 0;
    if (i < end && (s[i] == '+' || s[i] == '-')) {
        negative = s[i] == '-';
        i++;
    }
    int b = base, after_prefix = 0;
    int pb = prefix_base(s, i, end);
    if (pb != 0 && (base == 0 || base == pb)) {
        b = pb;
        i += 2;
        after_prefix = 1;
    } else if (base == 0) {
        b = 10;
    }
    char *buf = PyMem_Malloc((size_t)(end - i) + 2);
    if (buf == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *r = NULL;
    Py_ssize_t nd = scan_digits(s, i, end, b, after_prefix, buf);
    if (nd < 0 || (base == 0 && !after_prefix && bad_leading_zero(buf, nd))) {
        invalid_literal(s, len, base, orig);
    } else if ((b & (b - 1)) != 0 && max_str_digits > 0 && nd > max_str_digits) {
        PyErr_Format(PyExc_ValueError, MSG_MAX_STR_PARSE, max_str_digits, nd);
    } else {
        r = digits_to_long(buf, nd, b, negative);
    }
    PyMem_Free(buf);
    return r;
}

/* PyLong_FromString: parses a NUL-terminated string; *pend (if given) gets the end of the
 * consumed text. New reference or NULL with ValueError. */
PyAPI_FUNC(PyObject *)
PyLong_FromString(const char *str, char **pend, int base)
{
    Py_ssize_t len = (Py_ssize_t)strlen(str);
    if (pend != NULL) {
        /* CPython stops at the first character that cannot continue the literal */
        Py_ssize_t i = 0;
        while (i < len && is_space((unsigned char)str[i])) {
            i++;
        }
        if (i < len && (str[i] == '+' || str[i] == '-')) {
            i++;
        }
        int b = base == 0 ? 10 : base;
        int pb = prefix_base(str, i, len);
        if (pb != 0 && (base == 0 || base == pb)) {
            b = pb;
            i += 2;
        }
        while (i < len && (digit_value((unsigned char)str[i]) < b || str[i] == '_')) {
            i++;
        }
        while (i < len && is_space((unsigned char)str[i])) {
            i++;
        }
        /* CPython reports where parsing stopped even when the text is then rejected */
        *pend = (char *)str + i;
    }
    return pyrs_long_from_text(str, len, base, NULL);
}

/* PyLong_FromUnicodeObject: int(u, base) for a str object (Unicode digits and spaces count
 * as their ASCII equivalents). */
PyAPI_FUNC(PyObject *)
PyLong_FromUnicodeObject(PyObject *u, int base)
{
    Py_ssize_t len;
    char *s = pyrs_float_ascii_text(u, &len);
    if (s == NULL) {
        return NULL;
    }
    PyObject *r = pyrs_long_from_text(s, len, base, u);
    PyMem_Free(s);
    return r;
}

/* Characters of |v| in base b (b a power of two or 10), NUL-terminated, PyMem-allocated. */
static char *
magnitude_text(PyObject *v, int b, Py_ssize_t *outlen)
{
    char *buf;
    if (is_medium(v)) {
        int64_t x = medium_value(v);
        uint64_t m = x < 0 ? 0 - (uint64_t)x : (uint64_t)x;
        buf = PyMem_Malloc(72);
        if (buf == NULL) {
            return NULL;
        }
        char tmp[72];
        int n = 0;
        do {
            tmp[n++] = "0123456789abcdef"[m % (unsigned)b];
            m /= (unsigned)b;
        } while (m != 0);
        for (int k = 0; k < n; k++) {
            buf[k] = tmp[n - 1 - k];
        }
        buf[n] = '\0';
        *outlen = n;
        return buf;
    }
    mpz_t z;
    mpz_init(z);
    to_mpz(z, v);
    mpz_abs(z, z);
    size_t cap = mpz_sizeinbase(z, b) + 2;
    buf = PyMem_Malloc(cap);
    if (buf != NULL) {
        mpz_get_str(buf, b, z);
        *outlen = (Py_ssize_t)strlen(buf);
    }
    mpz_clear(z);
    return buf;
}

/* str() of an int below 2**60 in magnitude: digits written backwards into a stack buffer. */
static PyObject *
medium_decimal(PyObject *v)
{
    int64_t x = medium_value(v);
    uint64_t m = x < 0 ? 0 - (uint64_t)x : (uint64_t)x;
    char buf[24];
    char *p = buf + sizeof(buf);
    do {
        *--p = (char)('0' + m % 10);
        m /= 10;
    } while (m != 0);
    if (x < 0) {
        *--p = '-';
    }
    return _PyUnicode_FromASCII(p, buf + sizeof(buf) - p);
}

/* See pyrs/long.h. */
PyObject *
pyrs_long_to_text(PyObject *v, int base, int alternate)
{
    if (base == 10 && is_medium(v)) {
        return medium_decimal(v);
    }
    if (base == 10 && max_str_digits > 0 && !is_medium(v)) {
        /* cheap reject first: enough digits that the decimal form is surely too long */
        Py_ssize_t limit = 10 * (Py_ssize_t)max_str_digits / (3 * PyLong_SHIFT) + 2;
        if (Py_ABS(SIZE(v)) >= limit) {
            PyErr_Format(PyExc_ValueError, MSG_MAX_STR, max_str_digits);
            return NULL;
        }
    }
    Py_ssize_t n;
    char *mag = magnitude_text(v, base, &n);
    if (mag == NULL) {
        return PyErr_NoMemory();
    }
    if (base == 10 && max_str_digits > 0 && n > max_str_digits) {
        PyMem_Free(mag);
        PyErr_Format(PyExc_ValueError, MSG_MAX_STR, max_str_digits);
        return NULL;
    }
    char *out = PyMem_Malloc((size_t)n + 4);
    if (out == NULL) {
        PyMem_Free(mag);
        return PyErr_NoMemory();
    }
    Py_ssize_t k = 0;
    if (SIZE(v) < 0) {
        out[k++] = '-';
    }
    if (alternate && base != 10) {
        out[k++] = '0';
        out[k++] = base == 16 ? 'x' : (base == 8 ? 'o' : 'b');
    }
    memcpy(out + k, mag, (size_t)n);
    PyObject *r = _PyUnicode_FromASCII(out, k + n);
    PyMem_Free(mag);
    PyMem_Free(out);
    return r;
}

/* _PyLong_Format: str(obj) in base 2, 8, 10 or 16 with the 0b/0o/0x prefix. */
PyAPI_FUNC(PyObject *)
_PyLong_Format(PyObject *obj, int base)
{
    if (require_int(obj) < 0) {
        return NULL;
    }
    return pyrs_long_to_text(obj, base, 1);
}

/* ---------------------------------------------------------------- arithmetic slots */

#define CHECK_BINOP(a, b)                                                                          \
    do {                                                                                           \
        if (!PyLong_Check(a) || !PyLong_Check(b)) {                                                \
            Py_RETURN_NOTIMPLEMENTED;                                                              \
        }                                                                                          \
    } while (0)

typedef void (*mpz_op)(mpz_ptr, mpz_srcptr, mpz_srcptr);

/* Apply a GMP binary operation to two ints. */
static PyObject *
via_mpz(PyObject *a, PyObject *b, mpz_op op)
{
    mpz_t x, y;
    mpz_init(x);
    mpz_init(y);
    to_mpz(x, a);
    to_mpz(y, b);
    op(x, x, y);
    PyObject *r = from_mpz(x);
    mpz_clear(x);
    mpz_clear(y);
    return r;
}

/* Values of up to four digits (|v| < 2**120) fit a signed 128-bit integer. */
static inline int
is_small128(PyObject *v)
{
    return SIZE(v) >= -4 && SIZE(v) <= 4;
}

static __int128
value128(PyObject *v)
{
    unsigned __int128 m = 0;
    magnitude_u128(v, &m);
    return SIZE(v) < 0 ? -(__int128)m : (__int128)m;
}

static __int128
floordiv128(__int128 x, __int128 y)
{
    __int128 q = x / y;
    if ((x % y != 0) && ((x < 0) != (y < 0))) {
        q--;
    }
    return q;
}

static __int128
floormod128(__int128 x, __int128 y)
{
    __int128 r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) {
        r += y;
    }
    return r;
}

/* ---- native digit loops: add, subtract, multiply and divide by one digit without GMP, whose
 * conversions cost more than these linear operations themselves */

/* R with leading zero digits dropped and the sign applied; a value in the small-int range
 * becomes the shared object. Steals R. */
static PyObject *
finish_digits(PyLongObject *r, Py_ssize_t nd, int negative)
{
    while (nd > 0 && r->ob_digit[nd - 1] == 0) {
        nd--;
    }
    if (nd <= 1) {
        long v = nd == 0 ? 0 : (long)r->ob_digit[0];
        v = negative ? -v : v;
        if (v >= -SMALL_NEG && v < SMALL_POS) {
            Py_DECREF(r);
            return get_small(v);
        }
    }
    Py_SET_SIZE(r, negative ? -nd : nd);
    return (PyObject *)r;
}

/* |a| + |b| with the given sign. */
static PyObject *
digits_add(const digit *a, Py_ssize_t na, const digit *b, Py_ssize_t nb, int negative)
{
    if (na < nb) {
        const digit *t = a;
        a = b;
        b = t;
        Py_ssize_t tn = na;
        na = nb;
        nb = tn;
    }
    PyLongObject *r = _PyLong_New(na + 1);
    if (r == NULL) {
        return NULL;
    }
    digit carry = 0;
    Py_ssize_t i = 0;
    for (; i < nb; i++) {
        carry += a[i] + b[i];
        r->ob_digit[i] = carry & PyLong_MASK;
        carry >>= PyLong_SHIFT;
    }
    for (; i < na; i++) {
        carry += a[i];
        r->ob_digit[i] = carry & PyLong_MASK;
        carry >>= PyLong_SHIFT;
    }
    r->ob_digit[na] = carry;
    return finish_digits(r, na + 1, negative);
}

/* Compares magnitudes: -1, 0 or 1. */
static int
digits_cmp(const digit *a, Py_ssize_t na, const digit *b, Py_ssize_t nb)
{
    if (na != nb) {
        return na < nb ? -1 : 1;
    }
    for (Py_ssize_t i = na - 1; i >= 0; i--) {
        if (a[i] != b[i]) {
            return a[i] < b[i] ? -1 : 1;
        }
    }
    return 0;
}

/* |a| - |b|, negated when `negative`. */
static PyObject *
digits_sub(const digit *a, Py_ssize_t na, const digit *b, Py_ssize_t nb, int negative)
{
    int c = digits_cmp(a, na, b, nb);
    if (c == 0) {
        return get_small(0);
    }
    if (c < 0) {
        const digit *t = a;
        a = b;
        b = t;
        Py_ssize_t tn = na;
        na = nb;
        nb = tn;
        negative = !negative;
    }
    PyLongObject *r = _PyLong_New(na);
    if (r == NULL) {
        return NULL;
    }
    digit borrow = 0;
    Py_ssize_t i = 0;
    for (; i < nb; i++) {
        borrow = a[i] - b[i] - borrow;
        r->ob_digit[i] = borrow & PyLong_MASK;
        borrow = (borrow >> PyLong_SHIFT) & 1;
    }
    for (; i < na; i++) {
        borrow = a[i] - borrow;
        r->ob_digit[i] = borrow & PyLong_MASK;
        borrow = (borrow >> PyLong_SHIFT) & 1;
    }
    return finish_digits(r, na, negative);
}

/* a + b (or a - b when `subtract`) for ints of any size. */
static PyObject *
add_any(PyObject *a, PyObject *b, int subtract)
{
    Py_ssize_t sa = SIZE(a), sb = SIZE(b);
    int na_neg = sa < 0, nb_neg = (sb < 0) != subtract;
    if (na_neg == nb_neg) {
        return digits_add(DIGITS(a), Py_ABS(sa), DIGITS(b), Py_ABS(sb), na_neg);
    }
    return digits_sub(DIGITS(a), Py_ABS(sa), DIGITS(b), Py_ABS(sb), na_neg);
}

/* a * d for a one-digit magnitude d, with the given sign. */
static PyObject *
digits_mul1(const digit *a, Py_ssize_t na, digit d, int negative)
{
    PyLongObject *r = _PyLong_New(na + 1);
    if (r == NULL) {
        return NULL;
    }
    uint64_t carry = 0;
    for (Py_ssize_t i = 0; i < na; i++) {
        carry += (uint64_t)a[i] * d;
        r->ob_digit[i] = (digit)(carry & PyLong_MASK);
        carry >>= PyLong_SHIFT;
    }
    r->ob_digit[na] = (digit)carry;
    return finish_digits(r, na + 1, negative);
}

/* Floor division or modulo (`want_mod`) of a by a one-digit b, in one pass from the top. */
static PyObject *
divmod1(PyObject *a, PyObject *b, int want_mod)
{
    Py_ssize_t sa = SIZE(a), na = Py_ABS(sa);
    digit d = DIGITS(b)[0];
    int differ = (sa < 0) != (SIZE(b) < 0);
    PyLongObject *q = NULL;
    if (!want_mod && (q = _PyLong_New(na + 1)) == NULL) {
        return NULL;
    }
    uint64_t rem = 0;
    for (Py_ssize_t i = na - 1; i >= 0; i--) {
        rem = (rem << PyLong_SHIFT) | DIGITS(a)[i];
        if (q != NULL) {
            q->ob_digit[i] = (digit)(rem / d);
        }
        rem %= d;
    }
    if (want_mod) {
        /* the remainder takes the divisor's sign */
        long r = (long)rem;
        if (r != 0 && differ) {
            r = (long)d - r;
        }
        return PyLong_FromLong(SIZE(b) < 0 ? -r : r);
    }
    q->ob_digit[na] = 0;
    if (differ && rem != 0) {
        /* rounding toward minus infinity adds one to the magnitude */
        for (Py_ssize_t i = 0; i <= na; i++) {
            if (++q->ob_digit[i] <= PyLong_MASK) {
                break;
            }
            q->ob_digit[i] = 0;
        }
    }
    return finish_digits(q, na + 1, differ);
}

static PyObject *
long_add(PyObject *a, PyObject *b)
{
    CHECK_BINOP(a, b);
    if (is_medium(a) && is_medium(b)) {
        return PyLong_FromLongLong(medium_value(a) + medium_value(b));
    }
    if (is_small128(a) && is_small128(b)) {
        return from_i128(value128(a) + value128(b));
    }
    return add_any(a, b, 0);
}

static PyObject *
long_sub(PyObject *a, PyObject *b)
{
    CHECK_BINOP(a, b);
    if (is_medium(a) && is_medium(b)) {
        return PyLong_FromLongLong(medium_value(a) - medium_value(b));
    }
    if (is_small128(a) && is_small128(b)) {
        return from_i128(value128(a) - value128(b));
    }
    return add_any(a, b, 1);
}

static PyObject *
long_mul(PyObject *a, PyObject *b)
{
    CHECK_BINOP(a, b);
    if (is_medium(a) && is_medium(b)) {
        return from_i128((__int128)medium_value(a) * medium_value(b));
    }
    if (is_small128(a) && is_small128(b) && bit_length_of(a) + bit_length_of(b) <= 126) {
        return from_i128(value128(a) * value128(b));
    }
    int negative = (SIZE(a) < 0) != (SIZE(b) < 0);
    if (Py_ABS(SIZE(b)) == 1) {
        return digits_mul1(DIGITS(a), Py_ABS(SIZE(a)), DIGITS(b)[0], negative);
    }
    if (Py_ABS(SIZE(a)) == 1) {
        return digits_mul1(DIGITS(b), Py_ABS(SIZE(b)), DIGITS(a)[0], negative);
    }
    return via_mpz(a, b, mpz_mul);
}

static int
zero_divisor(PyObject *b, const char *msg)
{
    if (SIZE(b) == 0) {
        PyErr_SetString(PyExc_ZeroDivisionError, msg);
        return 1;
    }
    return 0;
}

static int64_t
floordiv64(int64_t x, int64_t y)
{
    int64_t q = x / y;
    if ((x % y != 0) && ((x < 0) != (y < 0))) {
        q--;
    }
    return q;
}

static int64_t
floormod64(int64_t x, int64_t y)
{
    int64_t r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) {
        r += y;
    }
    return r;
}

static PyObject *
long_floordiv(PyObject *a, PyObject *b)
{
    CHECK_BINOP(a, b);
    if (zero_divisor(b, "integer division or modulo by zero")) {
        return NULL;
    }
    if (is_medium(a) && is_medium(b)) {
        return PyLong_FromLongLong(floordiv64(medium_value(a), medium_value(b)));
    }
    if (is_small128(a) && is_small128(b)) {
        return from_i128(floordiv128(value128(a), value128(b)));
    }
    if (Py_ABS(SIZE(b)) == 1) {
        return divmod1(a, b, 0);
    }
    return via_mpz(a, b, mpz_fdiv_q);
}

static PyObject *
long_mod(PyObject *a, PyObject *b)
{
    CHECK_BINOP(a, b);
    if (zero_divisor(b, "integer modulo by zero")) {
        return NULL;
    }
    if (is_medium(a) && is_medium(b)) {
        return PyLong_FromLongLong(floormod64(medium_value(a), medium_value(b)));
    }
    if (is_small128(a) && is_small128(b)) {
        return from_i128(floormod128(value128(a), value128(b)));
    }
    if (Py_ABS(SIZE(b)) == 1) {
        return divmod1(a, b, 1);
    }
    return via_mpz(a, b, mpz_fdiv_r);
}

static PyObject *
long_divmod(PyObject *a, PyObject *b)
{
    CHECK_BINOP(a, b);
    if (zero_divisor(b, "integer division or modulo by zero")) {
        return NULL;
    }
    PyObject *q, *r;
    if (is_medium(a) && is_medium(b)) {
        q = PyLong_FromLongLong(floordiv64(medium_value(a), medium_value(b)));
        r = PyLong_FromLongLong(floormod64(medium_value(a), medium_value(b)));
    } else if (is_small128(a) && is_small128(b)) {
        q = from_i128(floordiv128(value128(a), value128(b)));
        r = from_i128(floormod128(value128(a), value128(b)));
    } else if (Py_ABS(SIZE(b)) == 1) {
        q = divmod1(a, b, 0);
        r = divmod1(a, b, 1);
    } else {
        q = via_mpz(a, b, mpz_fdiv_q);
        r = via_mpz(a, b, mpz_fdiv_r);
    }
    PyObject *res = NULL;
    if (q != NULL && r != NULL) {
        res = PyTuple_Pack(2, q, r);
    }
    Py_XDECREF(q);
    Py_XDECREF(r);
    return res;
}

/* Round the (at most 56-bit) quotient q * 2**shift to a double, with sticky inexactness. */
static double
round_quotient(uint64_t q, int64_t shift, int inexact)
{
    int qbits = q == 0 ? 0 : 64 - __builtin_clzll(q);
    int64_t keep = Py_MAX((int64_t)qbits, (int64_t)DBL_MIN_EXP - shift) - DBL_MANT_DIG;
    if (keep > 0) {
        uint64_t mask = ((uint64_t)1 << keep) - 1;
        uint64_t half = (uint64_t)1 << (keep - 1);
        uint64_t low = q & mask;
        q &= ~mask;
        if (low > half || (low == half && (inexact || (q & (mask + 1))))) {
            q += mask + 1;
        }
    }
    return ldexp((double)q, (int)shift);
}

/* See pyrs/long.h. */
int
pyrs_long_true_divide(PyObject *a, PyObject *b, double *out)
{
    if (zero_divisor(b, "division by zero")) {
        return -1;
    }
    int negative = (SIZE(a) < 0) != (SIZE(b) < 0);
    int64_t na = (int64_t)bit_length_of(a), nb = (int64_t)bit_length_of(b);
    if (na <= DBL_MANT_DIG && nb <= DBL_MANT_DIG) {
        *out = (double)medium_value(a) / (double)medium_value(b);
        return 0;
    }
    if (SIZE(a) == 0) {
        *out = negative ? -0.0 : 0.0;
        return 0;
    }
    int64_t diff = na - nb;
    if (diff > DBL_MAX_EXP) {
        goto overflow;
    }
    if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) {
        *out = negative ? -0.0 : 0.0;
        return 0;
    }
    /* scale so the quotient has DBL_MANT_DIG + 2 or + 3 bits (fewer when subnormal) */
    int64_t shift = Py_MAX(diff, (int64_t)DBL_MIN_EXP) - DBL_MANT_DIG - 2;
    mpz_t x, y, r;
    mpz_inits(x, y, r, NULL);
    to_mpz(x, a);
    to_mpz(y, b);
    mpz_abs(x, x);
    mpz_abs(y, y);
    int inexact = 0;
    if (shift <= 0) {
        mpz_mul_2exp(x, x, (mp_bitcnt_t)-shift);
    } else {
        inexact = mpz_scan1(x, 0) < (mp_bitcnt_t)shift;
        mpz_tdiv_q_2exp(x, x, (mp_bitcnt_t)shift);
    }
    mpz_tdiv_qr(x, r, x, y);
    inexact |= mpz_sgn(r) != 0;
    uint64_t q = mpz_get_ui(x);
    mpz_clears(x, y, r, NULL);
    double res = round_quotient(q, shift, inexact);
    if (isinf(res)) {
        goto overflow;
    }
    *out = negative ? -res : res;
    return 0;
overflow:
    PyErr_SetString(PyExc_OverflowError, "integer division result too large for a float");
    return -1;
}

static PyObject *
long_true_divide(PyObject *a, PyObject *b)
{
    CHECK_BINOP(a, b);
    double r;
    if (pyrs_long_true_divide(a, b, &r) < 0) {
        return NULL;
    }
    return PyFloat_FromDouble(r);
}

/* pow(a, b, m) with m an int (b may be negative: modular inverse). */
static PyObject *
pow_mod(PyObject *a, PyObject *b, PyObject *m)
{
    if (SIZE(m) == 0) {
        PyErr_SetString(PyExc_ValueError, "pow() 3rd argument cannot be 0");
        return NULL;
    }
    mpz_t x, e, mod;
    mpz_inits(x, e, mod, NULL);
    to_mpz(x, a);
    to_mpz(e, b);
    to_mpz(mod, m);
    int neg_mod = mpz_sgn(mod) < 0;
    mpz_abs(mod, mod);
    PyObject *r = NULL;
    if (mpz_sgn(e) < 0) {
        if (!mpz_invert(x, x, mod)) {
            if (mpz_cmp_ui(mod, 1) == 0) {
                mpz_set_ui(x, 0);
            } else {
                PyErr_SetString(PyExc_ValueError, "base is not invertible for the given modulus");
                goto done;
            }
        }
        mpz_neg(e, e);
    }
    mpz_powm(x, x, e, mod);
    if (neg_mod && mpz_sgn(x) != 0) {
        mpz_sub(x, x, mod);
    }
    r = from_mpz(x);
done:
    mpz_clears(x, e, mod, NULL);
    return r;
}

/* a ** e for e >= 1 whose result has a sane size: int64 arithmetic while it fits, else GMP. */
static PyObject *
pow_small_exponent(PyObject *a, uint64_t e)
{
    if (is_medium(a) && e < 64) {
        int64_t base = medium_value(a), r = 1;
        int overflow = 0;
        for (uint64_t k = e; k > 0 && !overflow; k >>= 1) {
            if (k & 1) {
                overflow |= __builtin_mul_overflow(r, base, &r);
            }
            if (k > 1) {
                overflow |= __builtin_mul_overflow(base, base, &base);
            }
        }
        if (!overflow) {
            return PyLong_FromLongLong(r);
        }
    }
    mpz_t x;
    mpz_init(x);
    to_mpz(x, a);
    mpz_pow_ui(x, x, (unsigned long)e);
    PyObject *r = from_mpz(x);
    mpz_clear(x);
    return r;
}

/* a ** b for negative b: the float power of the converted operands. */
static PyObject *
pow_negative(PyObject *a, PyObject *b)
{
    double da = long_to_double(a);
    if (da == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    double db = long_to_double(b);
    if (db == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *fa = PyFloat_FromDouble(da);
    PyObject *fb = PyFloat_FromDouble(db);
    PyObject *r = NULL;
    if (fa != NULL && fb != NULL) {
        r = PyFloat_Type.tp_as_number->nb_power(fa, fb, Py_None);
    }
    Py_XDECREF(fa);
    Py_XDECREF(fb);
    return r;
}

static PyObject *
long_pow(PyObject *a, PyObject *b, PyObject *m)
{
    CHECK_BINOP(a, b);
    if (m != Py_None) {
        if (!PyLong_Check(m)) {
            Py_RETURN_NOTIMPLEMENTED;
        }
        return pow_mod(a, b, m);
    }
    if (SIZE(b) < 0) {
        return pow_negative(a, b);
    }
    if (SIZE(b) == 0) {
        return get_small(1);
    }
    if (SIZE(a) == 0 || (Py_ABS(SIZE(a)) == 1 && DIGITS(a)[0] == 1)) {
        /* 0, 1 and -1 to any positive power */
        long base = SIZE(a) == 0 ? 0 : (SIZE(a) < 0 ? -1 : 1);
        return get_small(base < 0 && !(DIGITS(b)[0] & 1) ? 1 : base);
    }
    uint64_t bits = bit_length_of(a);
    if (SIZE(b) > 2 || (uint64_t)medium_value(b) > PYRS_LONG_MAX_BITS / bits) {
        return PyErr_NoMemory();
    }
    return pow_small_exponent(a, (uint64_t)medium_value(b));
}

static PyObject *
long_neg(PyObject *v)
{
    if (is_medium(v)) {
        return PyLong_FromLongLong(-medium_value(v));
    }
    PyLongObject *r = (PyLongObject *)_PyLong_Copy((PyLongObject *)v);
    if (r != NULL) {
        Py_SET_SIZE(r, -SIZE(v));
    }
    return (PyObject *)r;
}

static PyObject *
long_long(PyObject *v)
{
    if (PyLong_CheckExact(v)) {
        return Py_NewRef(v);
    }
    return _PyLong_Copy((PyLongObject *)v);
}

static PyObject *
long_abs(PyObject *v)
{
    return SIZE(v) < 0 ? long_neg(v) : long_long(v);
}

static int
long_bool(PyObject *v)
{
    return SIZE(v) != 0;
}

static PyObject *
long_invert(PyObject *v)
{
    if (is_medium(v)) {
        return PyLong_FromLongLong(~medium_value(v));
    }
    mpz_t x;
    mpz_init(x);
    to_mpz(x, v);
    mpz_com(x, x);
    PyObject *r = from_mpz(x);
    mpz_clear(x);
    return r;
}

/* The shift count of b: 0 and *out, or -1 with ValueError (negative) / 1 when huge. */
static int
shift_count(PyObject *b, uint64_t *out)
{
    if (SIZE(b) < 0) {
        PyErr_SetString(PyExc_ValueError, "negative shift count");
        return -1;
    }
    if (SIZE(b) > 2) {
        return 1;
    }
    *out = (uint64_t)medium_value(b);
    return 0;
}

static PyObject *
long_lshift(PyObject *a, PyObject *b)
{
    CHECK_BINOP(a, b);
    uint64_t n = 0;
    int s = shift_count(b, &n);
    if (s < 0) {
        return NULL;
    }
    if (SIZE(a) == 0) {
        return get_small(0);
    }
    if (s > 0) {
        /* CPython: OverflowError once the count of 30-bit words passes PY_SSIZE_T_MAX */
        mpz_t w;
        mpz_init(w);
        to_mpz(w, b);
        mpz_fdiv_q_ui(w, w, PyLong_SHIFT);
        int too_many = mpz_cmp_ui(w, (unsigned long)PY_SSIZE_T_MAX) > 0;
        mpz_clear(w);
        if (too_many) {
            PyErr_SetString(PyExc_OverflowError, "too many digits in integer");
            return NULL;
        }
    }
    if (s > 0 || n > PYRS_LONG_MAX_BITS) {
        return PyErr_NoMemory();
    }
    if (is_medium(a) && n < 64) {
        /* multiply: shifting a negative value left is undefined in C */
        return from_i128((__int128)medium_value(a) * ((__int128)1 << n));
    }
    mpz_t x;
    mpz_init(x);
    to_mpz(x, a);
    mpz_mul_2exp(x, x, n);
    PyObject *r = from_mpz(x);
    mpz_clear(x);
    return r;
}

static PyObject *
long_rshift(PyObject *a, PyObject *b)
{
    CHECK_BINOP(a, b);
    uint64_t n = 0;
    int s = shift_count(b, &n);
    if (s < 0) {
        return NULL;
    }
    if (s > 0 || n >= bit_length_of(a)) {
        return get_small(SIZE(a) < 0 ? -1 : 0);
    }
    if (is_medium(a)) {
        return PyLong_FromLongLong(medium_value(a) >> n);
    }
    mpz_t x;
    mpz_init(x);
    to_mpz(x, a);
    mpz_fdiv_q_2exp(x, x, n);
    PyObject *r = from_mpz(x);
    mpz_clear(x);
    return r;
}

static PyObject *
long_and(PyObject *a, PyObject *b)
{
    CHECK_BINOP(a, b);
    if (is_medium(a) && is_medium(b)) {
        return PyLong_FromLongLong(medium_value(a) & medium_value(b));
    }
    if (is_small128(a) && is_small128(b)) {
        return from_i128(value128(a) & value128(b));
    }
    return via_mpz(a, b, mpz_and);
}

static PyObject *
long_or(PyObject *a, PyObject *b)
{
    CHECK_BINOP(a, b);
    if (is_medium(a) && is_medium(b)) {
        return PyLong_FromLongLong(medium_value(a) | medium_value(b));
    }
    if (is_small128(a) && is_small128(b)) {
        return from_i128(value128(a) | value128(b));
    }
    return via_mpz(a, b, mpz_ior);
}

static PyObject *
long_xor(PyObject *a, PyObject *b)
{
    CHECK_BINOP(a, b);
    if (is_medium(a) && is_medium(b)) {
        return PyLong_FromLongLong(medium_value(a) ^ medium_value(b));
    }
    if (is_small128(a) && is_small128(b)) {
        return from_i128(value128(a) ^ value128(b));
    }
    return via_mpz(a, b, mpz_xor);
}

static PyObject *
long_float(PyObject *v)
{
    double d = long_to_double(v);
    if (d == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    return PyFloat_FromDouble(d);
}

/* ---------------------------------------------------------------- comparison and hash */

static int
compare(PyObject *a, PyObject *b)
{
    Py_ssize_t sa = SIZE(a), sb = SIZE(b);
    if (sa != sb) {
        return sa < sb ? -1 : 1;
    }
    for (Py_ssize_t i = Py_ABS(sa) - 1; i >= 0; i--) {
        digit x = DIGITS(a)[i], y = DIGITS(b)[i];
        if (x != y) {
            int c = x < y ? -1 : 1;
            return sa < 0 ? -c : c;
        }
    }
    return 0;
}

static PyObject *
long_richcompare(PyObject *a, PyObject *b, int op)
{
    CHECK_BINOP(a, b);
    int c = a == b ? 0 : compare(a, b);
    Py_RETURN_RICHCOMPARE(c, 0, op);
}

/* See pyrs/long.h. */
Py_hash_t
pyrs_long_hash(PyObject *v)
{
    const uint64_t mod = ((uint64_t)1 << 61) - 1;
    Py_ssize_t n = SIZE(v);
    uint64_t x = 0;
    for (Py_ssize_t i = Py_ABS(n) - 1; i >= 0; i--) {
        /* multiply by 2**30 modulo 2**61 - 1 is a 61-bit rotation */
        x = ((x << PyLong_SHIFT) & mod) | (x >> (61 - PyLong_SHIFT));
        x += DIGITS(v)[i];
        if (x >= mod) {
            x -= mod;
        }
    }
    Py_hash_t h = n < 0 ? -(Py_hash_t)x : (Py_hash_t)x;
    return h == -1 ? -2 : h;
}

static Py_hash_t
long_hash(PyObject *v)
{
    return pyrs_long_hash(v);
}

/* See pyrs/long.h. */
int
pyrs_long_compare_double(double v, PyObject *w)
{
    if (isinf(v)) {
        return v > 0 ? 1 : -1;
    }
    int wsign = _PyLong_Sign(w);
    int vsign = v > 0 ? 1 : (v < 0 ? -1 : 0);
    if (vsign != wsign) {
        return vsign < wsign ? -1 : 1;
    }
    if (is_medium(w) && bit_length_of(w) <= DBL_MANT_DIG) {
        double d = (double)medium_value(w);
        return v < d ? -1 : (v > d ? 1 : 0);
    }
    mpz_t x;
    mpz_init(x);
    to_mpz(x, w);
    /* compare |v| with |w|: the integral part exactly, then the fraction */
    double ip, fp = modf(v, &ip);
    mpz_t y;
    mpz_init_set_d(y, ip);
    int c = mpz_cmp(y, x);
    if (c == 0 && fp != 0.0) {
        c = fp > 0 ? 1 : -1;
    }
    mpz_clears(x, y, NULL);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

/* ---------------------------------------------------------------- constructor */

static PyObject *long_subtype_new(PyTypeObject *type, PyObject *x, PyObject *base);

/* int(x) through __trunc__ (3.11 deprecates it when used for int()); NULL without an
 * exception when x's type has no __trunc__. */
static PyObject *
long_via_trunc(PyObject *x)
{
    PyObject *name = PyUnicode_InternFromString("__trunc__");
    if (name == NULL) {
        return NULL;
    }
    PyObject *r = NULL, *func = _PyObject_LookupSpecial(x, name);
    Py_DECREF(name);
    if (func == NULL) {
        return NULL;
    }
    if (PyErr_WarnEx(PyExc_DeprecationWarning,
                     "The delegation of int() to __trunc__ is deprecated.", 1) == 0) {
        r = PyObject_CallNoArgs(func);
    }
    Py_DECREF(func);
    if (r == NULL || PyLong_CheckExact(r)) {
        return r;
    }
    if (PyLong_Check(r)) {
        Py_SETREF(r, _PyLong_Copy((PyLongObject *)r));
        return r;
    }
    if (!PyIndex_Check(r)) {
        PyErr_Format(PyExc_TypeError, "__trunc__ returned non-Integral (type %.200s)",
                     Py_TYPE(r)->tp_name);
        Py_DECREF(r);
        return NULL;
    }
    /* PyNumber_Index makes an int subclass result (True) an exact int, as CPython does */
    Py_SETREF(r, PyNumber_Index(r));
    return r;
}

/* int(x) where x has nb_int: checks the result type as CPython does. */
static PyObject *
long_via_nb_int(PyObject *x)
{
    PyObject *r = Py_TYPE(x)->tp_as_number->nb_int(x);
    if (r == NULL || PyLong_CheckExact(r)) {
        return r;
    }
    if (!PyLong_Check(r)) {
        PyErr_Format(PyExc_TypeError, "__int__ returned non-int (type %.200s)",
                     Py_TYPE(r)->tp_name);
        Py_DECREF(r);
        return NULL;
    }
    if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1,
                         "__int__ returned non-int (type %.200s).  The ability to return an "
                         "instance of a strict subclass of int is deprecated, and may be removed "
                         "in a future version of Python.",
                         Py_TYPE(r)->tp_name)) {
        Py_DECREF(r);
        return NULL;
    }
    Py_SETREF(r, _PyLong_Copy((PyLongObject *)r));
    return r;
}

/* int(x, base) of a str, bytes or bytearray x (the ValueError shows repr(x)). */
static PyObject *
long_from_textlike(PyObject *x, int base)
{
    if (PyUnicode_Check(x)) {
        return PyLong_FromUnicodeObject(x, base);
    }
    if (PyBytes_Check(x)) {
        return pyrs_long_from_text(PyBytes_AS_STRING(x), PyBytes_GET_SIZE(x), base, x);
    }
    /* a bytearray is reported as the bytes it holds */
    PyObject *b = PyBytes_FromStringAndSize(PyByteArray_AS_STRING(x), PyByteArray_GET_SIZE(x));
    if (b == NULL) {
        return NULL;
    }
    PyObject *r = pyrs_long_from_text(PyBytes_AS_STRING(b), PyBytes_GET_SIZE(b), base, b);
    Py_DECREF(b);
    return r;
}

static int
is_textlike(PyObject *x)
{
    return PyUnicode_Check(x) || PyBytes_Check(x) || PyByteArray_Check(x);
}

/* See pyrs/long.h. */
PyObject *
pyrs_long_from_object(PyObject *x)
{
    if (x == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (PyLong_CheckExact(x)) {
        return Py_NewRef(x);
    }
    PyNumberMethods *nb = Py_TYPE(x)->tp_as_number;
    if (nb != NULL && nb->nb_int != NULL) {
        return long_via_nb_int(x);
    }
    if (nb != NULL && nb->nb_index != NULL) {
        PyObject *r = index_of(x);
        if (r != NULL && !PyLong_CheckExact(r)) {
            Py_SETREF(r, _PyLong_Copy((PyLongObject *)r));
        }
        return r;
    }
    PyObject *r = long_via_trunc(x);
    if (r != NULL || PyErr_Occurred()) {
        return r;
    }
    if (is_textlike(x)) {
        return long_from_textlike(x, 10);
    }
    Py_buffer view;
    if (PyObject_CheckBuffer(x) && PyObject_GetBuffer(x, &view, PyBUF_SIMPLE) == 0) {
        /* other bytes-like objects parse as the bytes they hold */
        PyObject *b = PyBytes_FromStringAndSize(view.buf, view.len);
        PyBuffer_Release(&view);
        if (b == NULL) {
            return NULL;
        }
        r = pyrs_long_from_text(PyBytes_AS_STRING(b), PyBytes_GET_SIZE(b), 10, b);
        Py_DECREF(b);
        return r;
    }
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError,
                 "int() argument must be a string, a bytes-like object or a real number, "
                 "not '%.200s'",
                 Py_TYPE(x)->tp_name);
    return NULL;
}

/* int.__new__(type, [x], base=10) */
static PyObject *
long_new_impl(PyTypeObject *type, PyObject *x, PyObject *obase)
{
    if (type != &PyLong_Type) {
        return long_subtype_new(type, x, obase);
    }
    if (x == NULL) {
        if (obase != NULL) {
            PyErr_SetString(PyExc_TypeError, "int() missing string argument");
            return NULL;
        }
        return get_small(0);
    }
    if (obase == NULL) {
        return pyrs_long_from_object(x);
    }
    Py_ssize_t base = PyNumber_AsSsize_t(obase, NULL);
    if (base == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if ((base != 0 && base < 2) || base > 36) {
        PyErr_SetString(PyExc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        return NULL;
    }
    if (!is_textlike(x)) {
        PyErr_SetString(PyExc_TypeError, "int() can't convert non-string with explicit base");
        return NULL;
    }
    return long_from_textlike(x, (int)base);
}

static PyObject *
long_subtype_new(PyTypeObject *type, PyObject *x, PyObject *base)
{
    PyObject *tmp = long_new_impl(&PyLong_Type, x, base);
    if (tmp == NULL) {
        return NULL;
    }
    Py_ssize_t n = Py_ABS(SIZE(tmp));
    PyObject *r = type->tp_alloc(type, n == 0 ? 1 : n);
    if (r != NULL) {
        Py_SET_SIZE(r, SIZE(tmp));
        memcpy(DIGITS(r), DIGITS(tmp), (size_t)n * sizeof(digit));
    }
    Py_DECREF(tmp);
    return r;
}

static PyObject *
long_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *x = NULL, *base = NULL;
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (type == &PyBool_Type) {
        PyErr_SetString(PyExc_TypeError, "int.__new__(bool) is not safe, use bool.__new__()");
        return NULL;
    }
    if (nargs > 2) {
        PyErr_Format(PyExc_TypeError, "int() takes at most 2 arguments (%zd given)", nargs);
        return NULL;
    }
    if (nargs >= 1) {
        x = PyTuple_GET_ITEM(args, 0);
    }
    if (nargs == 2) {
        base = PyTuple_GET_ITEM(args, 1);
    }
    if (kwargs != NULL && PyDict_Size(kwargs) > 0) {
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(kwargs, &pos, &key, &value)) {
            if (PyUnicode_CompareWithASCIIString(key, "base") != 0) {
                PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for int()", key);
                return NULL;
            }
            if (base != NULL) {
                PyErr_SetString(PyExc_TypeError,
                                "argument for int() given by name ('base') and position (2)");
                return NULL;
            }
            base = value;
        }
    }
    return long_new_impl(type, x, base);
}

/* int([x], base=10) called through vectorcall. */
static PyObject *
long_vectorcall(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t n = PyVectorcall_NARGS(nargsf);
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    if (nkw == 0 && n <= 1 && (PyTypeObject *)type == &PyLong_Type) {
        return long_new_impl(&PyLong_Type, n == 1 ? args[0] : NULL, NULL);
    }
    /* the general case through tp_new's argument handling */
    PyObject *tuple = PyTuple_New(n), *kwargs = NULL, *r = NULL;
    if (tuple == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
    }
    if (nkw > 0) {
        kwargs = PyDict_New();
        for (Py_ssize_t k = 0; kwargs != NULL && k < nkw; k++) {
            if (PyDict_SetItem(kwargs, PyTuple_GET_ITEM(kwnames, k), args[n + k]) < 0) {
                Py_CLEAR(kwargs);
            }
        }
        if (kwargs == NULL) {
            Py_DECREF(tuple);
            return NULL;
        }
    }
    r = long_new((PyTypeObject *)type, tuple, kwargs);
    Py_DECREF(tuple);
    Py_XDECREF(kwargs);
    return r;
}

/* ---------------------------------------------------------------- repr and methods */

static PyObject *
long_repr(PyObject *v)
{
    return pyrs_long_to_text(v, 10, 0);
}

static void
long_dealloc(PyObject *v)
{
    if (Py_IS_TYPE(v, &PyLong_Type)) {
        if (PYRS_FREE_LISTS && SIZE(v) >= -2 && SIZE(v) <= 2 && int_numfree < INT_FREELIST_MAX) {
            Py_SET_TYPE(v, (PyTypeObject *)int_free_list);
            int_free_list = (PyLongObject *)v;
            int_numfree++;
            return;
        }
        pyrs_mem_obj_free(v); /* int's tp_free is PyObject_Free */
        return;
    }
    Py_TYPE(v)->tp_free(v);
}

static PyObject *
long_bit_length(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromUnsignedLongLong(bit_length_of(self));
}

static PyObject *
long_bit_count(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    uint64_t c = 0;
    for (Py_ssize_t i = 0; i < Py_ABS(SIZE(self)); i++) {
        c += (uint64_t)__builtin_popcount(DIGITS(self)[i]);
    }
    return PyLong_FromUnsignedLongLong(c);
}

static PyObject *
long_conjugate(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return long_long(self);
}

static PyObject *
long_get_zero(PyObject *Py_UNUSED(self), void *Py_UNUSED(context))
{
    return get_small(0);
}

static PyObject *
long_get_one(PyObject *Py_UNUSED(self), void *Py_UNUSED(context))
{
    return get_small(1);
}

static PyObject *
long_get_self(PyObject *self, void *Py_UNUSED(context))
{
    return long_long(self);
}

static PyObject *
long_as_integer_ratio(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *n = long_long(self);
    if (n == NULL) {
        return NULL;
    }
    PyObject *r = PyTuple_Pack(2, n, (PyObject *)&small_ints[SMALL_NEG + 1]);
    Py_DECREF(n);
    return r;
}

static PyObject *
long_getnewargs(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *n = long_long(self);
    if (n == NULL) {
        return NULL;
    }
    PyObject *r = PyTuple_Pack(1, n);
    Py_DECREF(n);
    return r;
}

static PyObject *
long_sizeof(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t n = Py_MAX(Py_ABS(SIZE(self)), 1);
    /* CPython 3.11 counts the int layout whatever the (sub)class, bool included */
    return PyLong_FromSsize_t((Py_ssize_t)(offsetof(PyLongObject, ob_digit) + n * sizeof(digit)));
}

/* round(self, ndigits) for negative ndigits: round half to even at 10**-ndigits. */
static PyObject *
round_negative(PyObject *self, PyObject *ndigits)
{
    PyObject *r = NULL;
    mpz_t x, p, q, rem, twice;
    mpz_inits(x, p, q, rem, twice, NULL);
    to_mpz(x, self);
    to_mpz(p, ndigits);
    if (mpz_cmp_si(p, -100000000) < 0) {
        r = get_small(0);
        goto done;
    }
    mpz_ui_pow_ui(p, 10, (unsigned long)-mpz_get_si(p));
    mpz_fdiv_qr(q, rem, x, p);
    mpz_mul_2exp(twice, rem, 1);
    int c = mpz_cmp(twice, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) {
        mpz_add_ui(q, q, 1);
    }
    mpz_mul(q, q, p);
    r = from_mpz(q);
done:
    mpz_clears(x, p, q, rem, twice, NULL);
    return r;
}

static PyObject *
long_round(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "__round__ expected at most 1 argument, got %zd", nargs);
        return NULL;
    }
    if (nargs == 0) {
        return long_long(self);
    }
    PyObject *nd = index_of(args[0]);
    if (nd == NULL) {
        return NULL;
    }
    PyObject *r = SIZE(nd) >= 0 ? long_long(self) : round_negative(self, nd);
    Py_DECREF(nd);
    return r;
}

/* Look up keyword/positional arguments for a FASTCALL|KEYWORDS method: names lists every
 * parameter, npos how many may be positional. Returns 0 and fills out[], or -1. */
static int
parse_args(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
           const char *const *names, int nparams, int npos, PyObject **out)
{
    if (nargs > npos) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d positional arguments (%zd given)",
                     fname, npos, nargs);
        return -1;
    }
    for (int i = 0; i < nparams; i++) {
        out[i] = i < nargs ? args[i] : NULL;
    }
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        int found = -1;
        for (int i = 0; i < nparams; i++) {
            if (PyUnicode_CompareWithASCIIString(key, names[i]) == 0) {
                found = i;
            }
        }
        if (found < 0) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'", fname,
                         key);
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
    return 0;
}

/* byteorder argument: 1 for little, 0 for big, -1 with an exception. */
static int
parse_byteorder(PyObject *o, const char *fname)
{
    if (o == NULL) {
        return 0;
    }
    if (!PyUnicode_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s() argument 'byteorder' must be str, not %.50s", fname,
                     Py_TYPE(o)->tp_name);
        return -1;
    }
    if (PyUnicode_CompareWithASCIIString(o, "little") == 0) {
        return 1;
    }
    if (PyUnicode_CompareWithASCIIString(o, "big") == 0) {
        return 0;
    }
    PyErr_SetString(PyExc_ValueError, "byteorder must be either 'little' or 'big'");
    return -1;
}

static PyObject *
long_to_bytes(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"length", "byteorder", "signed"};
    PyObject *a[3];
    if (parse_args("to_bytes", args, nargs, kwnames, names, 3, 2, a) < 0) {
        return NULL;
    }
    Py_ssize_t length = 1;
    if (a[0] != NULL) {
        PyObject *l = index_of(a[0]);
        if (l == NULL) {
            return NULL;
        }
        length = PyLong_AsSsize_t(l);
        Py_DECREF(l);
        if (length == -1 && PyErr_Occurred()) {
            return NULL;
        }
        if (length < 0) {
            PyErr_SetString(PyExc_ValueError, "length argument must be non-negative");
            return NULL;
        }
    }
    int little = parse_byteorder(a[1], "to_bytes");
    int is_signed = a[2] == NULL ? 0 : PyObject_IsTrue(a[2]);
    if (little < 0 || is_signed < 0) {
        return NULL;
    }
    PyObject *bytes = PyBytes_FromStringAndSize(NULL, length);
    if (bytes == NULL) {
        return NULL;
    }
    if (_PyLong_AsByteArray((PyLongObject *)self, (unsigned char *)PyBytes_AS_STRING(bytes),
                            (size_t)length, little, is_signed) < 0) {
        Py_DECREF(bytes);
        return NULL;
    }
    return bytes;
}

static PyObject *
long_from_bytes(PyObject *cls, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"bytes", "byteorder", "signed"};
    PyObject *a[3];
    if (parse_args("from_bytes", args, nargs, kwnames, names, 3, 2, a) < 0) {
        return NULL;
    }
    if (a[0] == NULL) {
        PyErr_SetString(PyExc_TypeError, "from_bytes() missing required argument 'bytes' (pos 1)");
        return NULL;
    }
    int little = parse_byteorder(a[1], "from_bytes");
    int is_signed = a[2] == NULL ? 0 : PyObject_IsTrue(a[2]);
    if (little < 0 || is_signed < 0) {
        return NULL;
    }
    PyObject *b = PyObject_Bytes(a[0]);
    if (b == NULL) {
        return NULL;
    }
    PyObject *r = _PyLong_FromByteArray((const unsigned char *)PyBytes_AS_STRING(b),
                                        (size_t)PyBytes_GET_SIZE(b), little, is_signed);
    Py_DECREF(b);
    if (r != NULL && cls != (PyObject *)&PyLong_Type) {
        Py_SETREF(r, PyObject_CallOneArg(cls, r));
    }
    return r;
}

static PyObject *
long_format_method(PyObject *self, PyObject *spec)
{
    if (!PyUnicode_Check(spec)) {
        PyErr_Format(PyExc_TypeError, "__format__() argument must be str, not %.50s",
                     Py_TYPE(spec)->tp_name);
        return NULL;
    }
    return pyrs_format_long(self, spec);
}

static PyObject *
long_index_method(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return long_long(self);
}

static PyMethodDef long_methods[] = {
    {"conjugate", long_conjugate, METH_NOARGS, "Returns self, the complex conjugate of any int."},
    {"bit_length", long_bit_length, METH_NOARGS,
     "Number of bits necessary to represent self in binary."},
    {"bit_count", long_bit_count, METH_NOARGS,
     "Number of ones in the binary representation of the absolute value of self."},
    {"to_bytes", (PyCFunction)(void (*)(void))long_to_bytes, METH_FASTCALL | METH_KEYWORDS,
     "Return an array of bytes representing an integer."},
    {"from_bytes", (PyCFunction)(void (*)(void))long_from_bytes,
     METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
     "Return the integer represented by the given array of bytes."},
    {"as_integer_ratio", long_as_integer_ratio, METH_NOARGS, "Return integer ratio."},
    {"__trunc__", long_index_method, METH_NOARGS, "Truncating an Integral returns itself."},
    {"__floor__", long_index_method, METH_NOARGS, "Flooring an Integral returns itself."},
    {"__ceil__", long_index_method, METH_NOARGS, "Ceiling of an Integral returns itself."},
    {"__round__", (PyCFunction)(void (*)(void))long_round, METH_FASTCALL,
     "Rounding an Integral returns itself.\n\nRounding with an ndigits argument also returns an "
     "integer."},
    {"__getnewargs__", long_getnewargs, METH_NOARGS, NULL},
    {"__format__", long_format_method, METH_O, "Convert to a string according to format_spec."},
    {"__sizeof__", long_sizeof, METH_NOARGS, "Returns size in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef long_getset[] = {
    {"real", long_get_self, NULL, "the real part of a complex number", NULL},
    {"imag", long_get_zero, NULL, "the imaginary part of a complex number", NULL},
    {"numerator", long_get_self, NULL, "the numerator of a rational number in lowest terms", NULL},
    {"denominator", long_get_one, NULL, "the denominator of a rational number in lowest terms",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyNumberMethods long_as_number = {
    .nb_add = long_add,
    .nb_subtract = long_sub,
    .nb_multiply = long_mul,
    .nb_remainder = long_mod,
    .nb_divmod = long_divmod,
    .nb_power = long_pow,
    .nb_negative = long_neg,
    .nb_positive = long_long,
    .nb_absolute = long_abs,
    .nb_bool = long_bool,
    .nb_invert = long_invert,
    .nb_lshift = long_lshift,
    .nb_rshift = long_rshift,
    .nb_and = long_and,
    .nb_xor = long_xor,
    .nb_or = long_or,
    .nb_int = long_long,
    .nb_float = long_float,
    .nb_floor_divide = long_floordiv,
    .nb_true_divide = long_true_divide,
    .nb_index = long_long,
};

PyAPI_DATA(PyTypeObject) PyLong_Type;
PyTypeObject PyLong_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "int",
    .tp_basicsize = offsetof(PyLongObject, ob_digit),
    .tp_itemsize = sizeof(digit),
    .tp_dealloc = long_dealloc,
    .tp_repr = long_repr,
    .tp_as_number = &long_as_number,
    .tp_hash = long_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LONG_SUBCLASS |
                _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = "int([x]) -> integer\nint(x, base=10) -> integer\n\nConvert a number or string to "
              "an integer, or return 0 if no arguments\nare given.  If x is a number, return "
              "x.__int__().  For floating point\nnumbers, this truncates towards zero.",
    .tp_richcompare = long_richcompare,
    .tp_methods = long_methods,
    .tp_getset = long_getset,
    .tp_new = long_new,
    .tp_vectorcall = long_vectorcall,
    .tp_free = PyObject_Free,
};

/* ---------------------------------------------------------------- misc API */

/* _PyLong_GCD: gcd(a, b) >= 0 of two ints; new reference or NULL. */
PyAPI_FUNC(PyObject *)
_PyLong_GCD(PyObject *a, PyObject *b)
{
    return via_mpz(a, b, mpz_gcd);
}

/* sys.int_info-like facts as a tuple (bits_per_digit, sizeof_digit, default_max_str_digits,
 * str_digits_check_threshold); a structseq once that type exists. */
PyAPI_FUNC(PyObject *)
PyLong_GetInfo(void)
{
    PyObject *v[4] = {PyLong_FromLong(PyLong_SHIFT), PyLong_FromLong(sizeof(digit)),
                      PyLong_FromLong(PYRS_LONG_DEFAULT_MAX_STR_DIGITS),
                      PyLong_FromLong(PYRS_LONG_MAX_STR_DIGITS_THRESHOLD)};
    PyObject *r = NULL;
    if (v[0] != NULL && v[1] != NULL && v[2] != NULL && v[3] != NULL) {
        r = PyTuple_Pack(4, v[0], v[1], v[2], v[3]);
    }
    for (int i = 0; i < 4; i++) {
        Py_XDECREF(v[i]);
    }
    return r;
}

/* Converters for argument clinic: unsigned C types from a non-negative int. */
static int
unsigned_converter(PyObject *obj, unsigned long long max, unsigned long long *out)
{
    if (PyLong_Check(obj) && SIZE(obj) < 0) {
        PyErr_SetString(PyExc_ValueError, "value must be positive");
        return 0;
    }
    unsigned long long v = PyLong_AsUnsignedLongLong(obj);
    if (v == (unsigned long long)-1 && PyErr_Occurred()) {
        return 0;
    }
    if (v > max) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large for C unsigned short");
        return 0;
    }
    *out = v;
    return 1;
}

/* Argument-clinic converter to unsigned short: 1, or 0 with an exception. */
PyAPI_FUNC(int)
_PyLong_UnsignedShort_Converter(PyObject *obj, void *ptr)
{
    unsigned long long v;
    if (!unsigned_converter(obj, USHRT_MAX, &v)) {
        return 0;
    }
    *(unsigned short *)ptr = (unsigned short)v;
    return 1;
}

/* Argument-clinic converter to unsigned int: 1, or 0 with an exception. */
PyAPI_FUNC(int)
_PyLong_UnsignedInt_Converter(PyObject *obj, void *ptr)
{
    unsigned long long v;
    if (!unsigned_converter(obj, UINT_MAX, &v)) {
        return 0;
    }
    *(unsigned int *)ptr = (unsigned int)v;
    return 1;
}

/* Argument-clinic converter to unsigned long: 1, or 0 with an exception. */
PyAPI_FUNC(int)
_PyLong_UnsignedLong_Converter(PyObject *obj, void *ptr)
{
    unsigned long long v;
    if (!unsigned_converter(obj, ULONG_MAX, &v)) {
        return 0;
    }
    *(unsigned long *)ptr = (unsigned long)v;
    return 1;
}

/* Argument-clinic converter to unsigned long long: 1, or 0 with an exception. */
PyAPI_FUNC(int)
_PyLong_UnsignedLongLong_Converter(PyObject *obj, void *ptr)
{
    unsigned long long v;
    if (!unsigned_converter(obj, ULLONG_MAX, &v)) {
        return 0;
    }
    *(unsigned long long *)ptr = v;
    return 1;
}

/* Argument-clinic converter to size_t: 1, or 0 with an exception. */
PyAPI_FUNC(int)
_PyLong_Size_t_Converter(PyObject *obj, void *ptr)
{
    unsigned long long v;
    if (!unsigned_converter(obj, SIZE_MAX, &v)) {
        return 0;
    }
    *(size_t *)ptr = (size_t)v;
    return 1;
}

/* An os-level file descriptor from an int or an object with fileno(). */
PyAPI_FUNC(int)
_PyLong_FileDescriptor_Converter(PyObject *obj, void *ptr)
{
    PyObject *v = Py_NewRef(obj);
    if (!PyLong_Check(v)) {
        PyObject *name = PyUnicode_InternFromString("fileno");
        Py_SETREF(v, name == NULL ? NULL : PyObject_CallMethodNoArgs(obj, name));
        Py_XDECREF(name);
        if (v == NULL) {
            return 0;
        }
        if (!PyLong_Check(v)) {
            PyErr_SetString(PyExc_TypeError, "fileno() returned a non-integer");
            Py_DECREF(v);
            return 0;
        }
    }
    int fd = _PyLong_AsInt(v);
    Py_DECREF(v);
    if (fd == -1 && PyErr_Occurred()) {
        return 0;
    }
    if (fd < 0) {
        PyErr_Format(PyExc_ValueError, "file descriptor cannot be a negative integer (%i)", fd);
        return 0;
    }
    *(int *)ptr = fd;
    return 1;
}

/* ---------------------------------------------------------------- init */

/* Readies int and fills the small-int cache; 0, or -1 with an exception. */
/* GMP's allocator: mimalloc, like the rest of the runtime. GMP cannot report a failed
 * allocation, so running out of memory inside it is fatal (CPython would raise MemoryError;
 * PYRS_LONG_MAX_BITS keeps the obvious cases out). */
static void *
gmp_alloc(size_t n)
{
    void *p = mi_malloc(n);
    if (p == NULL) {
        pyrs_fatal("out of memory in int arithmetic");
    }
    return p;
}

static void *
gmp_realloc(void *p, size_t Py_UNUSED(old), size_t n)
{
    void *q = mi_realloc(p, n);
    if (q == NULL) {
        pyrs_fatal("out of memory in int arithmetic");
    }
    return q;
}

static void
gmp_free(void *p, size_t Py_UNUSED(n))
{
    mi_free(p);
}

/* Fill the small-int cache and route GMP's allocations. Runs at load time (a constructor),
 * before any GMP use, so ints made by areas that initialise before int are valid too;
 * pyrs_long_init repeats the cache fill harmlessly. */
__attribute__((constructor)) static void
init_small_ints(void)
{
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
    for (int i = 0; i < SMALL_NEG + SMALL_POS; i++) {
        PyLongObject *v = &small_ints[i];
        int val = i - SMALL_NEG;
        Py_SET_REFCNT(v, 999999999);
        Py_SET_TYPE(v, &PyLong_Type);
        Py_SET_SIZE(v, val == 0 ? 0 : (val < 0 ? -1 : 1));
        v->ob_digit[0] = (digit)Py_ABS(val);
    }
}

/* The initial int_max_str_digits from PYTHONINTMAXSTRDIGITS, as CPython reads it at start-up;
 * 0, or -1 with ValueError for a malformed or too small value. */
static int
read_max_str_digits_env(void)
{
    const char *env = pyrs_config_xoption("int_max_str_digits");
    if (env == NULL) {
        env = pyrs_config_getenv("PYTHONINTMAXSTRDIGITS");
    }
    if (env == NULL || *env == '\0') {
        return 0;
    }
    char *end;
    long n = strtol(env, &end, 10);
    if (*end != '\0' || n < 0 || (n != 0 && n < PYRS_LONG_MAX_STR_DIGITS_THRESHOLD)) {
        PyErr_Format(PyExc_ValueError,
                     "PYTHONINTMAXSTRDIGITS: invalid limit; must be >= %d or 0 for unlimited.",
                     PYRS_LONG_MAX_STR_DIGITS_THRESHOLD);
        return -1;
    }
    max_str_digits = n > INT_MAX ? INT_MAX : (int)n;
    return 0;
}

/* Readies int (the cache is already filled) and reads PYTHONINTMAXSTRDIGITS; 0, or -1 with
 * an exception. */
int
pyrs_long_init(void)
{
    if (Py_TYPE(&small_ints[0]) != &PyLong_Type) {
        init_small_ints();
    }
    if (read_max_str_digits_env() < 0) {
        return -1;
    }
    return PyType_Ready(&PyLong_Type);
}
