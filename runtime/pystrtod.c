/* pystrtod.c: string <-> double conversions with CPython 3.11's results: the shortest
 * round-trip repr (found with glibc's exact printf and correctly rounded strtod), the
 * 'e'/'f'/'g'/'r' layouts of PyOS_double_to_string, and Python's float literal syntax
 * (underscores, inf/infinity/nan) for float() and complex(). */
#include "pyrs/float.h"

#include <errno.h>
#include <float.h>

/* ---------------------------------------------------------------- decimal digits */

/* The nearest decimal with n significant digits: n digit chars in d, exponent in *e
 * (value = d[0].d[1..] * 10**e). x must be finite and positive. */
static void
nearest_digits(double x, int n, char *d, int *e)
{
    char stack[64];
    size_t cap = (size_t)n + 32;
    char *buf = cap <= sizeof stack ? stack : PyMem_Malloc(cap);
    if (buf == NULL) {
        /* only for huge precisions; fall back to what fits */
        buf = stack;
        cap = sizeof stack;
        n = (int)cap - 32;
    }
    snprintf(buf, cap, "%.*e", n - 1, x);
    int k = 0;
    const char *p = buf;
    for (; *p != 'e'; p++) {
        if (*p != '.') {
            d[k++] = *p;
        }
    }
    *e = atoi(p + 1);
    if (buf != stack) {
        PyMem_Free(buf);
    }
}

/* Parse n digits with exponent e back to a double (correctly rounded by strtod). */
static double
digits_value(const char *d, int n, int e)
{
    char buf[64];
    memcpy(buf, d, (size_t)n);
    snprintf(buf + n, sizeof buf - (size_t)n, "e%d", e - (n - 1));
    return strtod(buf, NULL);
}

/* Step the n-digit decimal (d, e) one unit of its last place up or down. */
static void
step_digits(char *d, int n, int *e, int up)
{
    int i = n - 1;
    if (up) {
        while (i >= 0 && d[i] == '9') {
            d[i--] = '0';
        }
        if (i < 0) {
            d[0] = '1';
            (*e)++;
        } else {
            d[i]++;
        }
        return;
    }
    while (i >= 0 && d[i] == '0') {
        d[i--] = '9';
    }
    d[i]--;
    if (d[0] == '0') {
        /* 1.00e5 - 1 unit: the largest n-digit value below is 9.99e4 */
        memset(d, '9', (size_t)n);
        (*e)--;
    }
}

/* The first 40 significant digits of x (exactly rounded by glibc) and its exponent; the
 * shortest search rounds these instead of printing once per candidate length. */
typedef struct {
    char d[48]; /* 40 digits */
    int e;      /* decimal exponent of d[0] */
} Digits40;

static void
digits40(double x, Digits40 *D)
{
    nearest_digits(x, 40, D->d, &D->e);
}

/* The nearest n-digit decimal (n <= 17) from the 40 digits; falls back to printing when the
 * rest looks like an exact half (it may be rounded from beyond 40 digits). */
static void
round_digits(double x, const Digits40 *D, int n, char *d, int *e)
{
    char c = D->d[n];
    int rest_zero = 1;
    for (int i = n + 1; i < 40; i++) {
        if (D->d[i] != '0') {
            rest_zero = 0;
            break;
        }
    }
    if (c == '5' && rest_zero) {
        nearest_digits(x, n, d, e);
        return;
    }
    memcpy(d, D->d, (size_t)n);
    *e = D->e;
    if (c > '5' || (c == '5' && !rest_zero)) {
        step_digits(d, n, e, 1);
    }
}

/* Whether some n-digit decimal reads back as x; if so it is left in d/e (the nearest one
 * when both neighbours of x qualify, as dtoa's mode 0 chooses). */
static int
roundtrips(double x, const Digits40 *D, int n, char *d, int *e)
{
    round_digits(x, D, n, d, e);
    double y = digits_value(d, n, *e);
    if (y == x) {
        return 1;
    }
    char d2[32];
    int e2 = *e;
    memcpy(d2, d, (size_t)n);
    step_digits(d2, n, &e2, y < x);
    if (digits_value(d2, n, e2) == x) {
        memcpy(d, d2, (size_t)n);
        *e = e2;
        return 1;
    }
    return 0;
}

/* Strip trailing zeros from n digits, keeping at least one. */
static int
strip_zeros(const char *d, int n)
{
    while (n > 1 && d[n - 1] == '0') {
        n--;
    }
    return n;
}

/* The decimal digits of n (n > 0) into d, most significant first; returns their count. */
static int
u64_digits(uint64_t n, char *d)
{
    char tmp[20];
    int k = 0;
    while (n > 0) {
        tmp[k++] = (char)('0' + n % 10);
        n /= 10;
    }
    for (int i = 0; i < k; i++) {
        d[i] = tmp[k - 1 - i];
    }
    return k;
}

/* x (finite, > 0) as N / 10**f exactly with N < 2**53, or -1. Such an x has no shorter
 * round-trip decimal than N's digits: any other decimal with no more digits is at least
 * 10**-f away, more than half an ulp of x (< 10**-f because N < 2**53), and N itself is
 * exact, so it is also the nearest. Integers below 2**53 and short binary fractions (0.5,
 * 1.25, 3.75) take this path without printing. Returns the digit count as
 * pyrs_dtoa_shortest does. */
static int
exact_short_digits(double x, char *digits, int *decpt)
{
    const uint64_t limit = (uint64_t)1 << 53;
    if (!(x < 9007199254740992.0)) {
        return -1;
    }
    int e;
    uint64_t m = (uint64_t)ldexp(frexp(x, &e), 53); /* x = m * 2**(e - 53), exactly */
    int tz = __builtin_ctzll(m);
    m >>= tz;
    int f = 53 - e - tz; /* x = m / 2**f with m odd */
    uint64_t n;
    if (f <= 0) {
        n = m << -f; /* below 2**53, checked above */
        f = 0;
    } else if (f <= 22) {
        uint64_t pow5 = 1; /* 5**22 < 2**53 */
        for (int i = 0; i < f; i++) {
            pow5 *= 5;
        }
        if (m >= limit / pow5) {
            return -1;
        }
        n = m * pow5; /* m / 2**f == m * 5**f / 10**f */
    } else {
        return -1;
    }
    int k = u64_digits(n, digits);
    *decpt = k - f;
    return strip_zeros(digits, k);
}

/* ---------------------------------------------------------------- interval digits */

typedef unsigned __int128 u128;

/* floor(u * 2**e2 * 10**k) exactly, with *exact set when nothing was dropped; 0 when the
 * computation would not fit 128 bits (the caller then takes the printing path). u < 2**55. */
static int
scaled_floor(uint64_t u, int e2, int k, u128 *out, int *exact)
{
    if (e2 < 0) {
        /* u * 5**k / 2**(-e2 - k), with k >= 0 */
        if (k < 0 || k > 31) {
            return 0;
        }
        u128 p = u;
        for (int i = 0; i < k; i++) {
            p *= 5;
        }
        int s = -e2 - k;
        if (s <= 0) {
            if (s < -8) {
                return 0;
            }
            *out = p << -s;
            *exact = 1;
            return 1;
        }
        if (s > 127) {
            return 0;
        }
        *out = p >> s;
        *exact = (p & (((u128)1 << s) - 1)) == 0;
        return 1;
    }
    if (e2 > 72 || k > 1 || k < -38) {
        return 0;
    }
    u128 n = (u128)u << e2;
    if (k == 1) {
        *out = n * 10;
        *exact = 1;
        return 1;
    }
    u128 p10 = 1;
    for (int i = 0; i < -k; i++) {
        p10 *= 10;
    }
    *out = n / p10;
    *exact = n % p10 == 0;
    return 1;
}

/* The shortest decimal in x's rounding interval, the nearest to x among those (ties to an
 * even last digit), found by dropping digits from the exact floors of the interval's ends
 * scaled to 18-19 digits, all in 128-bit integers. Covers x in about [1e-14, 1e38); returns
 * the digit count as pyrs_dtoa_shortest does, or -1 for x outside that range. */
static int
interval_digits(double x, char *digits, int *decpt)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    uint64_t frac = bits & (((uint64_t)1 << 52) - 1);
    int biased = (int)(bits >> 52) & 0x7ff;
    if (biased == 0) {
        return -1; /* subnormal: outside the range anyway */
    }
    uint64_t m2 = frac | ((uint64_t)1 << 52);
    int e2 = biased - 1075 - 2; /* the ends are (4*m2 -+ 2) * 2**e2 */
    int even = (m2 & 1) == 0;   /* round-half-even reads the ends back as x */
    uint64_t mm = 4 * m2 - (frac != 0 || biased <= 1 ? 2 : 1);
    /* 10**t <= 2**(e2 + 2) < 10**(t + 1); scale so the interval is 10 to 100 units wide */
    int t = ((e2 + 2) * 78913) >> 18;
    int k = 1 - t;
    u128 vm, vr, vp;
    int vm_exact, vr_exact, vp_exact;
    if (!scaled_floor(mm, e2, k, &vm, &vm_exact) || !scaled_floor(4 * m2, e2, k, &vr, &vr_exact) ||
        !scaled_floor(4 * m2 + 2, e2, k, &vp, &vp_exact) || (vp >> 64) != 0) {
        return -1;
    }
    uint64_t lo = (uint64_t)vm, mid = (uint64_t)vr, hi = (uint64_t)vp;
    int lo_zeros = even && vm_exact; /* the lower end itself is a candidate */
    int mid_zeros = vr_exact;        /* every dropped digit of mid was 0 */
    if (!even && vp_exact) {
        hi--; /* the upper end itself is not */
    }
    int removed = 0, last = 0;
    while (hi / 10 > lo / 10) {
        lo_zeros &= lo % 10 == 0;
        mid_zeros &= last == 0;
        last = (int)(mid % 10);
        lo /= 10, mid /= 10, hi /= 10, removed++;
    }
    if (lo_zeros) {
        while (lo % 10 == 0) {
            mid_zeros &= last == 0;
            last = (int)(mid % 10);
            lo /= 10, mid /= 10, hi /= 10, removed++;
        }
    }
    if (mid_zeros && last == 5 && mid % 2 == 0) {
        last = 4; /* exactly half way: keep the even digit */
    }
    uint64_t out = mid + ((mid == lo && !lo_zeros) || last >= 5);
    int n = u64_digits(out, digits);
    *decpt = n + removed - k;
    return strip_zeros(digits, n);
}

/* See pyrs/float.h. */
int
pyrs_dtoa_shortest(double x, char *digits, int *decpt)
{
    if (x == 0.0) {
        digits[0] = '0';
        *decpt = 1;
        return 1;
    }
    int fast = exact_short_digits(x, digits, decpt);
    if (fast < 0) {
        fast = interval_digits(x, digits, decpt);
    }
    if (fast > 0) {
        return fast;
    }
    int lo = 1, hi = 17, e = 0;
    char d[32];
    Digits40 D;
    digits40(x, &D);
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (roundtrips(x, &D, mid, d, &e)) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    roundtrips(x, &D, lo, d, &e);
    int n = strip_zeros(d, lo);
    memcpy(digits, d, (size_t)n);
    *decpt = e + 1;
    return n;
}

/* Correctly rounded n significant digits (dtoa mode 2), trailing zeros stripped. */
static int
sig_digits(double x, int n, char *digits, int *decpt)
{
    if (x == 0.0) {
        digits[0] = '0';
        *decpt = 1;
        return 1;
    }
    int e;
    nearest_digits(x, n, digits, &e);
    *decpt = e + 1;
    return strip_zeros(digits, n);
}

/* Correctly rounded to p places after the point (dtoa mode 3). digits must hold
 * 320 + p chars. Zero gives the digit "0" at decpt 1. */
static int
fixed_digits(double x, int p, char *digits, int *decpt)
{
    size_t cap = 330 + (size_t)p;
    char *buf = PyMem_Malloc(cap);
    if (buf == NULL) {
        return -1;
    }
    snprintf(buf, cap, "%.*f", p, x);
    int n = 0, intlen = -1, lead = 1, skipped = 0;
    for (const char *q = buf; *q; q++) {
        if (*q == '.') {
            intlen = n + skipped;
            continue;
        }
        if (lead && *q == '0') {
            skipped++;
            continue;
        }
        lead = 0;
        digits[n++] = *q;
    }
    if (intlen < 0) {
        intlen = n + skipped;
    }
    PyMem_Free(buf);
    if (n == 0) {
        digits[0] = '0';
        *decpt = 1;
        return 1;
    }
    *decpt = intlen - skipped;
    return strip_zeros(digits, n);
}

/* ---------------------------------------------------------------- layout */

typedef struct {
    char code;     /* 'e', 'f', 'g' or 'r' (lower case) */
    int precision; /* as given after the code's adjustment */
    int sign;      /* always add a sign */
    int add_dot_0; /* integers get ".0" */
    int alt;       /* keep zeros and the point */
    int no_neg_0;  /* a result that rounds to zero loses its '-' */
    int upper;     /* 'E', 'F', 'G': upper case exponent and INF/NAN */
} Layout;

static int
is_zero_digits(const char *d, int n)
{
    for (int i = 0; i < n; i++) {
        if (d[i] != '0') {
            return 0;
        }
    }
    return 1;
}

/* Lay out digits d[0..n) with decimal point position decpt as CPython's format_float_short
 * does; out must hold n + |decpt| + precision + 32 chars. */
static void
layout_digits(const Layout *L, int negative, const char *d, int n, int decpt, char *out)
{
    int use_exp = 0, vend = n, exp = 0;
    switch (L->code) {
    case 'e':
        use_exp = 1;
        vend = L->precision;
        break;
    case 'f':
        vend = decpt + L->precision;
        break;
    case 'g':
        if (decpt <= -4 || decpt > (L->add_dot_0 ? L->precision - 1 : L->precision)) {
            use_exp = 1;
        }
        if (L->alt) {
            vend = L->precision;
        }
        break;
    default:
        if (decpt <= -4 || decpt > 16) {
            use_exp = 1;
        }
        break;
    }
    if (use_exp) {
        exp = decpt - 1;
        decpt = 1;
    }
    int vstart = decpt <= 0 ? decpt - 1 : 0;
    if (!use_exp && L->add_dot_0) {
        vend = Py_MAX(vend, decpt + 1);
    } else {
        vend = Py_MAX(vend, decpt);
    }
    char *p = out;
    if (negative && !(L->no_neg_0 && is_zero_digits(d, n))) {
        *p++ = '-';
    } else if (L->sign) {
        *p++ = '+';
    }
    for (int i = vstart; i < vend; i++) {
        if (i == decpt) {
            *p++ = '.';
        }
        *p++ = (i >= 0 && i < n) ? d[i] : '0';
    }
    if (decpt == vend && L->alt) {
        *p++ = '.';
    }
    if (use_exp) {
        p += sprintf(p, "%c%+.02d", L->upper ? 'E' : 'e', exp);
    }
    *p = '\0';
}

/* inf and nan, with CPython's sign rules (a nan shows '+' only when asked). */
static void
layout_special(const Layout *L, double val, char *out)
{
    char *p = out;
    if (isnan(val)) {
        if (L->sign) {
            *p++ = '+';
        }
        strcpy(p, L->upper ? "NAN" : "nan");
        return;
    }
    if (val < 0) {
        *p++ = '-';
    } else if (L->sign) {
        *p++ = '+';
    }
    strcpy(p, L->upper ? "INF" : "inf");
}

PyAPI_FUNC(char *)
PyOS_double_to_string(double val, char format_code, int precision, int flags, int *type)
{
    Layout L = {0};
    L.upper = format_code == 'E' || format_code == 'F' || format_code == 'G';
    L.code = (char)(L.upper ? format_code - 'A' + 'a' : format_code);
    L.sign = (flags & Py_DTSF_SIGN) != 0;
    L.add_dot_0 = (flags & Py_DTSF_ADD_DOT_0) != 0;
    L.alt = (flags & Py_DTSF_ALT) != 0;
    L.no_neg_0 = (flags & Py_DTSF_NO_NEG_0) != 0;
    switch (L.code) {
    case 'e':
        precision++;
        break;
    case 'g':
        if (precision == 0) {
            precision = 1;
        }
        break;
    case 'f':
        break;
    case 'r':
        if (precision != 0) {
            PyErr_BadInternalCall();
            return NULL;
        }
        break;
    default:
        PyErr_BadInternalCall();
        return NULL;
    }
    L.precision = precision;
    if (type != NULL) {
        *type = isnan(val) ? Py_DTST_NAN : (isinf(val) ? Py_DTST_INFINITE : Py_DTST_FINITE);
    }
    size_t cap = 400 + 2 * (size_t)precision;
    char *digits = PyMem_Malloc(cap), *out = PyMem_Malloc(cap);
    if (digits == NULL || out == NULL) {
        PyMem_Free(digits);
        PyMem_Free(out);
        PyErr_NoMemory();
        return NULL;
    }
    if (!isfinite(val)) {
        layout_special(&L, val, out);
        PyMem_Free(digits);
        return out;
    }
    int negative = signbit(val) != 0, decpt = 0, n;
    double a = fabs(val);
    if (L.code == 'r') {
        n = pyrs_dtoa_shortest(a, digits, &decpt);
    } else if (L.code == 'f') {
        n = fixed_digits(a, precision, digits, &decpt);
    } else {
        n = sig_digits(a, precision, digits, &decpt);
    }
    if (n < 0) {
        PyMem_Free(digits);
        PyMem_Free(out);
        PyErr_NoMemory();
        return NULL;
    }
    layout_digits(&L, negative, digits, n, decpt, out);
    PyMem_Free(digits);
    return out;
}

/* ---------------------------------------------------------------- parsing */

static int
lower_eq(const char *s, Py_ssize_t len, const char *word)
{
    Py_ssize_t n = (Py_ssize_t)strlen(word);
    if (len < n) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (c != word[i]) {
            return 0;
        }
    }
    return 1;
}

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Digits with single underscores between them (when allowed); copies the digits to *w.
 * Returns the count of digits consumed (0 when none). */
static Py_ssize_t
scan_run(const char *s, Py_ssize_t len, Py_ssize_t *pos, int underscores, char **w)
{
    Py_ssize_t i = *pos, nd = 0;
    while (i < len) {
        if (is_digit(s[i])) {
            *(*w)++ = s[i++];
            nd++;
        } else if (underscores && s[i] == '_' && nd > 0 && i + 1 < len && is_digit(s[i + 1])) {
            i++;
        } else {
            break;
        }
    }
    *pos = i;
    return nd;
}

/* Clinger's fast path: the double nearest the decimal in P (digits, an optional '.' and
 * fraction, an optional exponent, as pyrs_float_parse_prefix copies it) when its significand
 * is at most 2**53 and its power of ten at most 22 away: both are exact doubles, so the one
 * multiplication or division rounds correctly. 1 with *OUT, 0 when strtod is needed. */
static int
fast_decimal(const char *p, double *out)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    uint64_t sig = 0;
    int e10 = 0, in_fraction = 0;
    for (;; p++) {
        if (*p == '.' && !in_fraction) {
            in_fraction = 1;
            continue;
        }
        if (*p < '0' || *p > '9') {
            break;
        }
        if (sig >= 100000000000000000ULL) {
            return 0; /* 18 digits: past 2**53 with the next one */
        }
        sig = sig * 10 + (uint64_t)(*p - '0');
        e10 -= in_fraction;
    }
    if (*p == 'e') {
        int negative = *++p == '-', e = 0;
        if (*p == '-' || *p == '+') {
            p++;
        }
        for (; *p >= '0' && *p <= '9' && e < 10000; p++) {
            e = e * 10 + (*p - '0');
        }
        e10 += negative ? -e : e;
    }
    if (*p != '\0' || sig > ((uint64_t)1 << 53) || e10 < -22 || e10 > 22) {
        return 0;
    }
    *out = e10 < 0 ? (double)sig / pow10[-e10] : (double)sig * pow10[e10];
    return 1;
}

/* See pyrs/float.h. */
Py_ssize_t
pyrs_float_parse_prefix(const char *s, Py_ssize_t len, int underscores, double *out)
{
    Py_ssize_t i = 0;
    int negative = 0;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        negative = s[i] == '-';
        i++;
    }
    if (lower_eq(s + i, len - i, "infinity") || lower_eq(s + i, len - i, "inf")) {
        *out = negative ? -HUGE_VAL : HUGE_VAL;
        return i + (lower_eq(s + i, len - i, "infinity") ? 8 : 3);
    }
    if (lower_eq(s + i, len - i, "nan")) {
        *out = negative ? -Py_NAN : Py_NAN;
        return i + 3;
    }
    char stack[64];
    size_t cap = (size_t)(len - i) + 32;
    char *buf = cap <= sizeof stack ? stack : PyMem_Malloc(cap);
    if (buf == NULL) {
        return -1;
    }
    char *w = buf;
    Py_ssize_t nd = scan_run(s, len, &i, underscores, &w);
    if (i < len && s[i] == '.') {
        Py_ssize_t save = i;
        *w++ = '.';
        i++;
        Py_ssize_t nf = scan_run(s, len, &i, underscores, &w);
        if (nd + nf == 0) {
            i = save;
        }
        nd += nf;
    }
    if (nd == 0) {
        if (buf != stack) {
            PyMem_Free(buf);
        }
        return 0;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        Py_ssize_t j = i + 1;
        char *w2 = w;
        *w2++ = 'e';
        if (j < len && (s[j] == '+' || s[j] == '-')) {
            *w2++ = s[j++];
        }
        if (scan_run(s, len, &j, underscores, &w2) > 0) {
            i = j;
            w = w2;
        }
    }
    *w = '\0';
    double v;
    if (!fast_decimal(buf, &v)) {
        v = strtod(buf, NULL);
    }
    if (buf != stack) {
        PyMem_Free(buf);
    }
    *out = negative ? -v : v;
    return i;
}

/* See pyrs/float.h. */
int
pyrs_float_from_text(const char *s, Py_ssize_t len, double *out)
{
    Py_ssize_t i = 0, end = len;
    while (i < end && pyrs_float_isspace(s[i])) {
        i++;
    }
    while (end > i && pyrs_float_isspace(s[end - 1])) {
        end--;
    }
    Py_ssize_t n = pyrs_float_parse_prefix(s + i, end - i, 1, out);
    if (n < 0) {
        PyErr_NoMemory();
        return -1;
    }
    return n > 0 && n == end - i ? 1 : 0;
}

/* See pystrtod.h. */
PyAPI_FUNC(double)
PyOS_string_to_double(const char *s, char **endptr, PyObject *overflow_exception)
{
    Py_ssize_t len = (Py_ssize_t)strlen(s);
    double v = 0.0;
    Py_ssize_t n = pyrs_float_parse_prefix(s, len, 0, &v);
    if (n < 0) {
        PyErr_NoMemory();
        return -1.0;
    }
    if (n == 0 || (endptr == NULL && n != len)) {
        PyErr_Format(PyExc_ValueError, "could not convert string to float: '%.200s'", s);
        if (endptr != NULL) {
            *endptr = (char *)s;
        }
        return -1.0;
    }
    if (endptr != NULL) {
        *endptr = (char *)s + n;
    }
    if (overflow_exception != NULL && isinf(v)) {
        /* a finite literal that overflowed (inf spelled out is fine) */
        Py_ssize_t k = (s[0] == '+' || s[0] == '-') ? 1 : 0;
        if (!lower_eq(s + k, len - k, "inf")) {
            PyErr_Format(overflow_exception, "value too large to convert to float: '%.200s'", s);
            return -1.0;
        }
    }
    return v;
}

/* See pyrs/float.h. */
char *
pyrs_float_ascii_text(PyObject *u, Py_ssize_t *len)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(u);
    char *out = PyMem_Malloc((size_t)n + 1);
    if (out == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    int kind = PyUnicode_KIND(u);
    const void *data = PyUnicode_DATA(u);
    Py_ssize_t i = 0;
    for (; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch < 127) {
            out[i] = (char)ch;
        } else if (Py_UNICODE_ISSPACE(ch)) {
            out[i] = ' ';
        } else {
            int d = Py_UNICODE_TODECIMAL(ch);
            if (d < 0) {
                out[i++] = '?';
                break;
            }
            out[i] = (char)('0' + d);
        }
    }
    out[i] = '\0';
    *len = i;
    return out;
}

/* ---------------------------------------------------------------- PyOS_strtoul / strtol */

/* Skip whitespace and a 0x/0o/0b prefix matching base (base 0 picks it, else 10). */
static const char *
strtoul_prefix(const char *str, int *base)
{
    while (*str && pyrs_float_isspace(*str)) {
        str++;
    }
    if (str[0] == '0' && str[1] != '\0') {
        char c = (char)(str[1] | 0x20);
        int b = c == 'x' ? 16 : (c == 'o' ? 8 : (c == 'b' ? 2 : 0));
        if (b != 0 && (*base == 0 || *base == b)) {
            *base = b;
            return str + 2;
        }
    }
    if (*base == 0) {
        *base = 10;
    }
    return str;
}

/* PyOS_strtoul: C strtoul with Python's prefixes (0x, 0o, 0b); on overflow returns
 * (unsigned long)-1 with errno = ERANGE. Never raises. */
PyAPI_FUNC(unsigned long)
PyOS_strtoul(const char *str, char **ptr, int base)
{
    const char *s = strtoul_prefix(str, &base);
    if (*s == '-' || *s == '+') {
        if (ptr != NULL) {
            *ptr = (char *)str;
        }
        return 0;
    }
    errno = 0;
    char *end;
    unsigned long r = strtoul(s, &end, base);
    if (ptr != NULL) {
        *ptr = end;
    }
    return r;
}

/* PyOS_strtol: signed variant; out of range gives LONG_MAX / LONG_MIN with errno = ERANGE. */
PyAPI_FUNC(long)
PyOS_strtol(const char *str, char **ptr, int base)
{
    while (*str && pyrs_float_isspace(*str)) {
        str++;
    }
    int negative = *str == '-';
    if (*str == '-' || *str == '+') {
        str++;
    }
    unsigned long u = PyOS_strtoul(str, ptr, base);
    if (errno == ERANGE || u > (unsigned long)LONG_MAX + (unsigned long)negative) {
        errno = ERANGE;
        return negative ? LONG_MIN : LONG_MAX;
    }
    return negative ? (long)(0 - u) : (long)u;
}
