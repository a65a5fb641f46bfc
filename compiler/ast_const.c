/* ast_const.c: Constant values of the AST: building them, parsing NUMBER token text the way
 * CPython 3.11's parser does (underscores, 0x/0o/0b, the 4300-digit limit for decimal ints,
 * correctly rounded floats), and writing repr() of each exactly as CPython 3.11 does
 * (shortest round-trip floats, complex, str with its quote choice and escapes, bytes). */
#include "ast_const.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pyrs/unidata.h"

/* CPython's default sys.get_int_max_str_digits(). */
#define INT_MAX_STR_DIGITS 4300

/* ---- Construction ------------------------------------------------------------------------ */

PyrsConst *
pyrs_const_new(PyrsArena *arena, PyrsConstKind kind)
{
    PyrsConst *c = pyrs_arena_alloc(arena, sizeof(PyrsConst));
    if (c != NULL) {
        c->kind = kind;
    }
    return c;
}

static PyrsConst *
const_with_data(PyrsArena *arena, PyrsConstKind kind, const char *data, size_t len)
{
    PyrsConst *c = pyrs_const_new(arena, kind);
    if (c == NULL) {
        return NULL;
    }
    char *copy = pyrs_arena_strndup(arena, data, len);
    if (copy == NULL) {
        return NULL;
    }
    c->data = copy;
    c->len = len;
    return c;
}

PyrsConst *
pyrs_const_str(PyrsArena *arena, const char *utf8, size_t len)
{
    return const_with_data(arena, PYRS_CONST_STR, utf8, len);
}

PyrsConst *
pyrs_const_bytes(PyrsArena *arena, const char *data, size_t len)
{
    return const_with_data(arena, PYRS_CONST_BYTES, data, len);
}

PyrsConst *
pyrs_const_int64(PyrsArena *arena, int64_t value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)value);
    /* The digits field holds the magnitude; the sign lives only in ival. */
    const char *digits = value < 0 ? buf + 1 : buf;
    PyrsConst *c = const_with_data(arena, PYRS_CONST_INT, digits, strlen(digits));
    if (c != NULL) {
        c->int_fits = 1;
        c->ival = value;
    }
    return c;
}

PyrsConst *
pyrs_const_complex(PyrsArena *arena, double real, double imag)
{
    PyrsConst *c = pyrs_const_new(arena, PYRS_CONST_COMPLEX);
    if (c != NULL) {
        c->real = real;
        c->fval = imag;
    }
    return c;
}

/* ---- Number literals --------------------------------------------------------------------- */

/* Limbs of a non-negative big number in base 10^9, least significant first. */
typedef struct {
    uint32_t *limb; /* malloc'd */
    size_t n;       /* limbs in use */
} BigDec;

#define LIMB_BASE 1000000000u

/* big = big * mul + add; returns -1 when out of memory. */
static int
bigdec_muladd(BigDec *big, uint32_t mul, uint32_t add)
{
    uint64_t carry = add;
    for (size_t i = 0; i < big->n; i++) {
        uint64_t v = (uint64_t)big->limb[i] * mul + carry;
        big->limb[i] = (uint32_t)(v % LIMB_BASE);
        carry = v / LIMB_BASE;
    }
    while (carry != 0) {
        /* Capacity grows in steps of 16 limbs; realloc keeps it simple and rare. */
        if (big->n % 16 == 0) {
            uint32_t *p = realloc(big->limb, (big->n + 16) * sizeof(uint32_t));
            if (p == NULL) {
                return -1;
            }
            big->limb = p;
        }
        big->limb[big->n++] = (uint32_t)(carry % LIMB_BASE);
        carry /= LIMB_BASE;
    }
    return 0;
}

static int
digit_value(char ch)
{
    if (ch >= '0' && ch <= '9') {
        return ch - '0';
    }
    if (ch >= 'a' && ch <= 'f') {
        return ch - 'a' + 10;
    }
    if (ch >= 'A' && ch <= 'F') {
        return ch - 'A' + 10;
    }
    return -1;
}

/* Decimal digits of the number written in BASE by S[0..LEN) (underscores already removed),
 * as a malloc'd NUL-terminated string without leading zeros; NULL when out of memory. */
static char *
base_to_decimal(const char *s, size_t len, int base)
{
    BigDec big = {NULL, 0};
    size_t i = 0;
    while (i < len) {
        /* Several digits per pass (up to 2**31 for the multiplier) keep huge literals cheap. */
        uint32_t mul = 1, chunk = 0;
        for (; i < len && mul <= UINT32_MAX / 2 / (uint32_t)base; i++) {
            int d = digit_value(s[i]);
            if (d < 0 || d >= base) {
                free(big.limb);
                return NULL;
            }
            mul *= (uint32_t)base;
            chunk = chunk * (uint32_t)base + (uint32_t)d;
        }
        if (bigdec_muladd(&big, mul, chunk) < 0) {
            free(big.limb);
            return NULL;
        }
    }
    char *out = malloc(big.n * 9 + 2);
    if (out == NULL) {
        free(big.limb);
        return NULL;
    }
    if (big.n == 0) {
        strcpy(out, "0");
    } else {
        char *w = out + sprintf(out, "%u", big.limb[big.n - 1]);
        for (size_t k = big.n - 1; k-- > 0;) {
            w += sprintf(w, "%09u", big.limb[k]);
        }
    }
    free(big.limb);
    return out;
}

/* Fills ival/int_fits from the decimal digits of C. */
static void
set_small_value(PyrsConst *c)
{
    uint64_t v = 0;
    c->int_fits = 0;
    if (c->len > 19) {
        return;
    }
    for (size_t i = 0; i < c->len; i++) {
        v = v * 10 + (uint64_t)(c->data[i] - '0');
    }
    if (v <= (uint64_t)INT64_MAX) {
        c->int_fits = 1;
        c->ival = (int64_t)v;
    }
}

static PyrsConst *
parse_int(PyrsArena *arena, const char *s, size_t len, char *err, size_t errsize)
{
    int base = 10;
    if (len >= 2 && s[0] == '0') {
        char p = s[1] | 0x20;
        base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
    }
    if (base == 10) {
        if (len > INT_MAX_STR_DIGITS) {
            snprintf(err, errsize,
                     "Exceeds the limit (%d digits) for integer string conversion: value has %zu "
                     "digits; use sys.set_int_max_str_digits() to increase the limit - Consider "
                     "hexadecimal for huge integer literals to avoid decimal conversion limits.",
                     INT_MAX_STR_DIGITS, len);
            return NULL;
        }
        while (len > 1 && s[0] == '0') {
            s++;
            len--;
        }
        PyrsConst *c = const_with_data(arena, PYRS_CONST_INT, s, len);
        if (c != NULL) {
            set_small_value(c);
        }
        return c;
    }
    char *dec = base_to_decimal(s + 2, len - 2, base);
    if (dec == NULL) {
        return NULL;
    }
    PyrsConst *c = const_with_data(arena, PYRS_CONST_INT, dec, strlen(dec));
    free(dec);
    if (c != NULL) {
        set_small_value(c);
    }
    return c;
}

PyrsConst *
pyrs_const_number(PyrsArena *arena, const char *text, size_t len, char *err, size_t errsize)
{
    char *s = malloc(len + 1);
    if (s == NULL) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    size_t n = 0;
    int is_float = 0;
    int is_hexlike = len >= 2 && text[0] == '0' && strchr("xXoObB", text[1]) != NULL;
    for (size_t i = 0; i < len; i++) {
        char ch = text[i];
        if (ch == '_') {
            continue;
        }
        if (!is_hexlike && (ch == '.' || ch == 'e' || ch == 'E')) {
            is_float = 1;
        }
        s[n++] = ch;
    }
    s[n] = '\0';
    PyrsConst *c = NULL;
    err[0] = '\0';
    if (n > 0 && (s[n - 1] == 'j' || s[n - 1] == 'J')) {
        s[n - 1] = '\0';
        c = pyrs_const_new(arena, PYRS_CONST_COMPLEX);
        if (c != NULL) {
            c->fval = strtod(s, NULL);
        }
    } else if (is_float) {
        c = pyrs_const_new(arena, PYRS_CONST_FLOAT);
        if (c != NULL) {
            c->fval = strtod(s, NULL);
        }
    } else {
        c = parse_int(arena, s, n, err, errsize);
    }
    free(s);
    if (c == NULL && err[0] == '\0') {
        snprintf(err, errsize, "out of memory");
    }
    return c;
}

/* ---- Float repr -------------------------------------------------------------------------- */

/* The digits of a "%.*e" string BUF into DIGITS (no dot) and its exponent into *EXP10;
 * returns the digit count. */
static int
split_sci(const char *buf, char *digits, int *exp10)
{
    int n = 0;
    const char *p = buf;
    for (; *p != 'e'; p++) {
        if (*p != '.') {
            digits[n++] = *p;
        }
    }
    *exp10 = atoi(p + 1);
    return n;
}

/* Whether D[0..N) read as d.ddd x 10^EXP10 converts back to exactly X. */
static int
reads_back(const char *d, int n, int exp10, double x)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*se%d", n, d, exp10 - n + 1);
    return strtod(buf, NULL) == x;
}

/* Moves D[0..*N) one unit of its last digit up (DELTA 1) or down (DELTA -1), keeping the
 * first digit non-zero by adjusting *N and *EXP10. Returns 0 when the result is zero. */
static int
bump_digits(char *d, int *n, int *exp10, int delta)
{
    int i = *n - 1;
    char wrap = delta > 0 ? '9' : '0';
    while (i >= 0 && d[i] == wrap) {
        d[i--] = delta > 0 ? '0' : '9';
    }
    if (i < 0) {
        if (delta < 0) {
            return 0;
        }
        d[0] = '1'; /* 99..9 + 1 = 100..0: same digit count, one decade up */
        (*exp10)++;
        return 1;
    }
    d[i] = (char)(d[i] + delta);
    if (d[0] == '0') {
        memmove(d, d + 1, (size_t)(*n - 1));
        (*n)--;
        (*exp10)--;
    }
    return *n > 0;
}

/* The shortest decimal digits D (no dot, no trailing zeros) and exponent DECPT such that
 * 0.D * 10^DECPT reads back as X (X finite and positive); among the shortest, the one
 * nearest X, as David Gay's mode-0 dtoa gives it. Returns the digit count. */
static int
shortest_digits(double x, char *digits, int *decpt)
{
    char buf[40], alt[40];
    int n = 0, exp10 = 0;
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, x);
        n = split_sci(buf, digits, &exp10);
        if (prec == 17 || reads_back(digits, n, exp10, x)) {
            break;
        }
        /* Next to a power of two the round-trip interval is lopsided: the correctly rounded
         * PREC-digit string can fall just outside it while its neighbour on the wide side is
         * inside (2**-24 is 5.960464477539063e-08, not ...0625e-08). */
        int found = 0;
        for (int delta = 1; delta >= -1 && !found; delta -= 2) {
            int an = n, aexp = exp10;
            memcpy(alt, digits, (size_t)n);
            if (bump_digits(alt, &an, &aexp, delta) && reads_back(alt, an, aexp, x)) {
                memcpy(digits, alt, (size_t)an);
                n = an;
                exp10 = aexp;
                found = 1;
            }
        }
        if (found) {
            break;
        }
    }
    while (n > 1 && digits[n - 1] == '0') {
        n--;
    }
    digits[n] = '\0';
    *decpt = exp10 + 1;
    return n;
}

/* Formats X as CPython's float_repr_style 'short' does; ADD_DOT_0 gives "1.0" rather than
 * "1" (float repr does, complex repr does not). */
static size_t
format_repr(double x, int add_dot_0, char *buf, size_t size)
{
    if (isnan(x)) {
        return (size_t)snprintf(buf, size, "nan");
    }
    if (isinf(x)) {
        return (size_t)snprintf(buf, size, x < 0 ? "-inf" : "inf");
    }
    const char *sign = signbit(x) ? "-" : "";
    if (x == 0) {
        return (size_t)snprintf(buf, size, add_dot_0 ? "%s0.0" : "%s0", sign);
    }
    char d[40];
    int decpt;
    int nd = shortest_digits(fabs(x), d, &decpt);
    if (decpt <= -4 || decpt > 16) {
        int e = decpt - 1;
        return (size_t)snprintf(buf, size, "%s%c%s%se%c%02d", sign, d[0], nd > 1 ? "." : "", d + 1,
                                e < 0 ? '-' : '+', e < 0 ? -e : e);
    }
    if (decpt <= 0) {
        return (size_t)snprintf(buf, size, "%s0.%.*s%s", sign, -decpt, "0000", d);
    }
    if (decpt >= nd) {
        return (size_t)snprintf(buf, size, "%s%s%.*s%s", sign, d, decpt - nd, "0000000000000000",
                                add_dot_0 ? ".0" : "");
    }
    return (size_t)snprintf(buf, size, "%s%.*s.%s", sign, decpt, d, d + decpt);
}

size_t
pyrs_const_float_repr(double x, char *buf, size_t size)
{
    return format_repr(x, 1, buf, size);
}

/* ---- str / bytes repr -------------------------------------------------------------------- */

/* Decodes one code point of generalized UTF-8 (surrogates allowed) at S[*I..LEN), advancing
 * *I. A malformed byte decodes as itself (never produced by the tokenizer). */
static uint32_t
utf8_next(const unsigned char *s, size_t len, size_t *i)
{
    unsigned char b = s[*i];
    int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
    uint32_t cp = extra == 3 ? b & 0x07u : extra == 2 ? b & 0x0Fu : extra == 1 ? b & 0x1Fu : b;
    if (b >= 0x80 && b < 0xC0) {
        extra = 0;
    }
    if (*i + (size_t)extra >= len) {
        extra = (int)(len - *i - 1);
    }
    (*i)++;
    for (int k = 0; k < extra; k++) {
        if ((s[*i] & 0xC0) != 0x80) {
            return cp;
        }
        cp = (cp << 6) | (s[(*i)++] & 0x3Fu);
    }
    return cp;
}

/* CPython's rule: double quotes only when the text has a single quote and no double one. */
static char
choose_quote(const char *s, size_t len)
{
    int squote = memchr(s, '\'', len) != NULL;
    int dquote = memchr(s, '"', len) != NULL;
    return squote && !dquote ? '"' : '\'';
}

static void
write_utf8(uint32_t cp, FILE *out)
{
    if (cp < 0x80) {
        fputc((int)cp, out);
    } else if (cp < 0x800) {
        fputc((int)(0xC0 | (cp >> 6)), out);
        fputc((int)(0x80 | (cp & 0x3F)), out);
    } else if (cp < 0x10000) {
        fputc((int)(0xE0 | (cp >> 12)), out);
        fputc((int)(0x80 | ((cp >> 6) & 0x3F)), out);
        fputc((int)(0x80 | (cp & 0x3F)), out);
    } else {
        fputc((int)(0xF0 | (cp >> 18)), out);
        fputc((int)(0x80 | ((cp >> 12) & 0x3F)), out);
        fputc((int)(0x80 | ((cp >> 6) & 0x3F)), out);
        fputc((int)(0x80 | (cp & 0x3F)), out);
    }
}

/* Writes one character of a str repr body; QUOTE is the chosen delimiter. */
static void
write_str_char(uint32_t ch, char quote, FILE *out)
{
    if (ch == (uint32_t)quote || ch == '\\') {
        fprintf(out, "\\%c", (char)ch);
    } else if (ch == '\t') {
        fputs("\\t", out);
    } else if (ch == '\n') {
        fputs("\\n", out);
    } else if (ch == '\r') {
        fputs("\\r", out);
    } else if (ch < ' ' || ch == 0x7F) {
        fprintf(out, "\\x%02x", ch);
    } else if (ch < 0x7F || pyrs_unidata_isprintable(ch)) {
        write_utf8(ch, out);
    } else if (ch <= 0xFF) {
        fprintf(out, "\\x%02x", ch);
    } else if (ch <= 0xFFFF) {
        fprintf(out, "\\u%04x", ch);
    } else {
        fprintf(out, "\\U%08x", ch);
    }
}

int
pyrs_const_write_str_repr(const char *s, size_t len, FILE *out)
{
    char quote = choose_quote(s, len);
    fputc(quote, out);
    size_t i = 0;
    while (i < len) {
        write_str_char(utf8_next((const unsigned char *)s, len, &i), quote, out);
    }
    fputc(quote, out);
    return ferror(out) ? -1 : 0;
}

static int
write_bytes_repr(const char *s, size_t len, FILE *out)
{
    char quote = choose_quote(s, len);
    fputc('b', out);
    fputc(quote, out);
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == (unsigned char)quote || ch == '\\') {
            fprintf(out, "\\%c", ch);
        } else if (ch == '\t') {
            fputs("\\t", out);
        } else if (ch == '\n') {
            fputs("\\n", out);
        } else if (ch == '\r') {
            fputs("\\r", out);
        } else if (ch < ' ' || ch >= 0x7F) {
            fprintf(out, "\\x%02x", ch);
        } else {
            fputc(ch, out);
        }
    }
    fputc(quote, out);
    return ferror(out) ? -1 : 0;
}

/* complex.__repr__: "IMAGj" when the real part is +0.0, else "(REAL+IMAGj)" with the sign of
 * the imaginary part always written; neither part gets a ".0". */
static void
write_complex_repr(double real, double imag, FILE *out)
{
    char re[40], im[40];
    format_repr(imag, 0, im, sizeof im);
    if (real == 0 && !signbit(real)) {
        fprintf(out, "%sj", im);
        return;
    }
    format_repr(real, 0, re, sizeof re);
    /* nan has no sign in its repr, so it always gets '+' */
    fprintf(out, "(%s%s%sj)", re, im[0] == '-' ? "" : "+", im);
}

/* ---- repr dispatch ----------------------------------------------------------------------- */

int
pyrs_const_write_repr(const PyrsConst *c, FILE *out)
{
    char buf[64];
    switch (c->kind) {
    case PYRS_CONST_NONE:
        fputs("None", out);
        break;
    case PYRS_CONST_TRUE:
        fputs("True", out);
        break;
    case PYRS_CONST_FALSE:
        fputs("False", out);
        break;
    case PYRS_CONST_ELLIPSIS:
        fputs("Ellipsis", out);
        break;
    case PYRS_CONST_INT:
        if (c->int_fits && c->ival < 0) {
            fputc('-', out);
        }
        fwrite(c->data, 1, c->len, out);
        break;
    case PYRS_CONST_FLOAT:
        format_repr(c->fval, 1, buf, sizeof buf);
        fputs(buf, out);
        break;
    case PYRS_CONST_COMPLEX:
        write_complex_repr(c->real, c->fval, out);
        break;
    case PYRS_CONST_STR:
        return pyrs_const_write_str_repr(c->data, c->len, out);
    case PYRS_CONST_BYTES:
        return write_bytes_repr(c->data, c->len, out);
    case PYRS_CONST_OBJECT:
        fputs("<object>", out);
        break;
    }
    return ferror(out) ? -1 : 0;
}
