/* formatter_number.c: the format-spec mini-language for int, float and complex
 * ([[fill]align][sign][z][#][0][width][,|_][.precision][type]) with CPython 3.11's parsing
 * order, defaults, digit grouping (zero padding included) and error messages. The C locale
 * is assumed for 'n'. */
#include "pyrs/format.h"

#include "pyrs/float.h"
#include "pyrs/long.h"

typedef struct {
    Py_UCS4 fill;         /* padding character */
    Py_UCS4 align;        /* '<', '>', '=', '^' */
    Py_UCS4 sign;         /* 0, '+', '-', ' ' */
    int no_neg_0;         /* 'z' */
    int alternate;        /* '#' */
    Py_ssize_t width;     /* -1 when absent */
    int thousands;        /* 0, ',' or '_' */
    int group;            /* digits per group: 3, or 4 for '_' with b/o/x/X */
    Py_ssize_t precision; /* -1 when absent */
    Py_UCS4 type;         /* presentation type, 0 when absent */
} Spec;

/* A growable UTF-8 output buffer. */
typedef struct {
    char *buf;
    Py_ssize_t len, cap;
} Out;

static int
out_reserve(Out *o, Py_ssize_t extra)
{
    if (o->len + extra <= o->cap) {
        return 0;
    }
    Py_ssize_t cap = Py_MAX(o->cap * 2, o->len + extra + 64);
    char *b = PyMem_Realloc(o->buf, (size_t)cap);
    if (b == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    o->buf = b;
    o->cap = cap;
    return 0;
}

static int
out_bytes(Out *o, const char *s, Py_ssize_t n)
{
    if (n == 0) {
        return 0;
    }
    if (out_reserve(o, n) < 0) {
        return -1;
    }
    memcpy(o->buf + o->len, s, (size_t)n);
    o->len += n;
    return 0;
}

static int
out_char(Out *o, Py_UCS4 ch, Py_ssize_t count)
{
    char u[4];
    int n;
    if (ch < 0x80) {
        u[0] = (char)ch;
        n = 1;
    } else if (ch < 0x800) {
        u[0] = (char)(0xc0 | (ch >> 6));
        u[1] = (char)(0x80 | (ch & 0x3f));
        n = 2;
    } else if (ch < 0x10000) {
        u[0] = (char)(0xe0 | (ch >> 12));
        u[1] = (char)(0x80 | ((ch >> 6) & 0x3f));
        u[2] = (char)(0x80 | (ch & 0x3f));
        n = 3;
    } else {
        u[0] = (char)(0xf0 | (ch >> 18));
        u[1] = (char)(0x80 | ((ch >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((ch >> 6) & 0x3f));
        u[3] = (char)(0x80 | (ch & 0x3f));
        n = 4;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        if (out_bytes(o, u, n) < 0) {
            return -1;
        }
    }
    return 0;
}

static PyObject *
out_finish(Out *o)
{
    PyObject *r = PyUnicode_FromStringAndSize(o->buf != NULL ? o->buf : "", o->len);
    PyMem_Free(o->buf);
    return r;
}

/* ---------------------------------------------------------------- spec parsing */

/* Decode a UTF-8 spec into code points (at most cap). Returns the count. */
static Py_ssize_t
decode_spec(const char *s, Py_ssize_t len, Py_UCS4 *cps, Py_ssize_t cap)
{
    Py_ssize_t n = 0;
    for (Py_ssize_t i = 0; i < len && n < cap;) {
        unsigned char c = (unsigned char)s[i];
        Py_UCS4 ch;
        int k;
        if (c < 0x80) {
            ch = c;
            k = 1;
        } else if (c < 0xe0) {
            ch = c & 0x1f;
            k = 2;
        } else if (c < 0xf0) {
            ch = c & 0x0f;
            k = 3;
        } else {
            ch = c & 0x07;
            k = 4;
        }
        for (int j = 1; j < k && i + j < len; j++) {
            ch = (ch << 6) | ((unsigned char)s[i + j] & 0x3f);
        }
        cps[n++] = ch;
        i += k;
    }
    return n;
}

static int
is_align(Py_UCS4 c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

/* Decimal integer at cps[*pos]: the count of digits read, or -1 with ValueError. */
static int
get_integer(const Py_UCS4 *cps, Py_ssize_t n, Py_ssize_t *pos, Py_ssize_t *out)
{
    Py_ssize_t v = 0;
    int count = 0;
    for (; *pos < n && cps[*pos] >= '0' && cps[*pos] <= '9'; (*pos)++, count++) {
        int d = (int)(cps[*pos] - '0');
        if (v > (PY_SSIZE_T_MAX - d) / 10) {
            PyErr_SetString(PyExc_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        v = v * 10 + d;
    }
    *out = v;
    return count;
}

static void
bad_thousands(int sep, Py_UCS4 type)
{
    if (type > 32 && type < 128) {
        PyErr_Format(PyExc_ValueError, "Cannot specify '%c' with '%c'.", sep, (int)type);
    } else {
        PyErr_Format(PyExc_ValueError, "Cannot specify '%c' with '\\x%x'.", sep, (unsigned)type);
    }
}

/* Which separators each presentation type allows (PEP 378 and PEP 515). */
static int
check_thousands(Spec *f)
{
    if (!f->thousands) {
        return 0;
    }
    switch (f->type) {
    case 'd':
    case 'e':
    case 'f':
    case 'g':
    case 'E':
    case 'G':
    case '%':
    case 'F':
    case 0:
        return 0;
    case 'b':
    case 'o':
    case 'x':
    case 'X':
        if (f->thousands == '_') {
            f->group = 4;
            return 0;
        }
        break;
    default:
        break;
    }
    bad_thousands(f->thousands, f->type);
    return -1;
}

/* Parse the fill/align/sign/z/#/0/width/grouping/precision prefix and the type. */
static int
parse_fields(const Py_UCS4 *c, Py_ssize_t n, Spec *f, Py_ssize_t *posp)
{
    Py_ssize_t pos = 0;
    int fill_given = 0, align_given = 0;
    if (n >= 2 && is_align(c[1])) {
        f->fill = c[0];
        f->align = c[1];
        fill_given = align_given = 1;
        pos = 2;
    } else if (n >= 1 && is_align(c[0])) {
        f->align = c[0];
        align_given = 1;
        pos = 1;
    }
    if (pos < n && (c[pos] == '+' || c[pos] == '-' || c[pos] == ' ')) {
        f->sign = c[pos++];
    }
    if (pos < n && c[pos] == 'z') {
        f->no_neg_0 = 1;
        pos++;
    }
    if (pos < n && c[pos] == '#') {
        f->alternate = 1;
        pos++;
    }
    if (!fill_given && pos < n && c[pos] == '0') {
        f->fill = '0';
        if (!align_given) {
            f->align = '=';
        }
        pos++;
    }
    int consumed = get_integer(c, n, &pos, &f->width);
    if (consumed < 0) {
        return -1;
    }
    if (consumed == 0) {
        f->width = -1;
    }
    *posp = pos;
    return 0;
}

/* Parse a spec for an object of type tp_name; 0 on success, -1 with ValueError. */
static int
parse_spec(PyObject *spec, const char *tp_name, Spec *f)
{
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(spec, &len);
    if (s == NULL) {
        return -1;
    }
    Py_UCS4 stack[64];
    Py_UCS4 *c = len <= 64 ? stack : PyMem_Malloc(sizeof(Py_UCS4) * (size_t)len);
    if (c == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t n = decode_spec(s, len, c, len), pos = 0;
    int rc = -1;
    *f = (Spec){' ', '>', 0, 0, 0, -1, 0, 3, -1, 0};
    if (parse_fields(c, n, f, &pos) < 0) {
        goto done;
    }
    if (pos < n && c[pos] == ',') {
        f->thousands = ',';
        pos++;
    }
    if (pos < n && c[pos] == '_') {
        if (f->thousands) {
            PyErr_SetString(PyExc_ValueError, "Cannot specify both ',' and '_'.");
            goto done;
        }
        f->thousands = '_';
        pos++;
    }
    if (pos < n && c[pos] == ',' && f->thousands == '_') {
        PyErr_SetString(PyExc_ValueError, "Cannot specify both ',' and '_'.");
        goto done;
    }
    if (pos < n && c[pos] == '.') {
        pos++;
        int consumed = get_integer(c, n, &pos, &f->precision);
        if (consumed < 0) {
            goto done;
        }
        if (consumed == 0) {
            PyErr_SetString(PyExc_ValueError, "Format specifier missing precision");
            goto done;
        }
    }
    if (n - pos > 1) {
        PyErr_Format(PyExc_ValueError, "Invalid format specifier '%s' for object of type '%.200s'",
                     s, tp_name);
        goto done;
    }
    if (n - pos == 1) {
        f->type = c[pos];
    }
    rc = check_thousands(f);
done:
    if (c != stack) {
        PyMem_Free(c);
    }
    return rc;
}

static PyObject *
unknown_code(Py_UCS4 type, PyObject *v)
{
    if (type > 32 && type < 128) {
        PyErr_Format(PyExc_ValueError, "Unknown format code '%c' for object of type '%.200s'",
                     (int)type, Py_TYPE(v)->tp_name);
    } else {
        PyErr_Format(PyExc_ValueError, "Unknown format code '\\x%x' for object of type '%.200s'",
                     (unsigned)type, Py_TYPE(v)->tp_name);
    }
    return NULL;
}

/* ---------------------------------------------------------------- number layout */

/* The parts of a formatted number: sign, prefix (0x...), integer digits, the rest (point,
 * fraction, exponent, '%'). */
typedef struct {
    char sign;          /* 0 or the sign character */
    const char *prefix; /* "" or "0x" etc. */
    const char *digits; /* the integer digits (may be empty: inf/nan) */
    Py_ssize_t ndigits;
    const char *rest; /* what follows the digits */
    Py_ssize_t nrest;
} Parts;

/* Write digits grouped from the right into o, padded with zeros to min_width chars
 * (separators included), as CPython's thousands grouping does. */
static int
write_grouped(Out *o, const char *d, Py_ssize_t nd, int sep, int group, Py_ssize_t min_width)
{
    /* build right to left in a scratch buffer, then copy reversed */
    Py_ssize_t cap = (nd + Py_MAX(min_width, 0) + 2) * 2 + 8;
    char *tmp = PyMem_Malloc((size_t)cap);
    if (tmp == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t k = 0, remaining = nd, pos = nd;
    int first = 1;
    for (;;) {
        if (!first) {
            tmp[k++] = (char)sep;
        }
        first = 0;
        Py_ssize_t l = Py_MIN((Py_ssize_t)group, Py_MAX(Py_MAX(remaining, min_width), 1));
        if (!sep) {
            l = Py_MAX(Py_MAX(remaining, min_width), 1);
        }
        Py_ssize_t nchars = Py_MIN(remaining, l);
        for (Py_ssize_t i = 0; i < nchars; i++) {
            tmp[k++] = d[--pos];
        }
        for (Py_ssize_t i = nchars; i < l; i++) {
            tmp[k++] = '0';
        }
        remaining -= nchars;
        min_width -= l;
        if ((remaining <= 0 && min_width <= 0) || !sep) {
            break;
        }
        min_width -= 1;
    }
    if (out_reserve(o, k) < 0) {
        PyMem_Free(tmp);
        return -1;
    }
    for (Py_ssize_t i = k - 1; i >= 0; i--) {
        o->buf[o->len++] = tmp[i];
    }
    PyMem_Free(tmp);
    return 0;
}

/* Length of the grouped digits (without zero padding). */
static Py_ssize_t
grouped_len(Py_ssize_t nd, int sep, int group)
{
    if (!sep || nd == 0) {
        return nd;
    }
    return nd + (nd - 1) / group;
}

/* Lay out the parts with fill, alignment, width and grouping into o. */
static int
emit_number(Out *o, const Parts *p, const Spec *f)
{
    Py_ssize_t nsign = p->sign ? 1 : 0, npre = (Py_ssize_t)strlen(p->prefix);
    Py_ssize_t width = f->width < 0 ? 0 : f->width;
    Py_ssize_t min_width = 0;
    int zero_pad = f->fill == '0' && f->align == '=';
    if (zero_pad) {
        min_width = width - nsign - npre - p->nrest;
    }
    Py_ssize_t body = grouped_len(p->ndigits, f->thousands, f->group);

    Py_ssize_t total = nsign + npre + body + p->nrest;
    Py_ssize_t lpad = 0, rpad = 0, mpad = 0;
    if (!zero_pad && width > total) {
        Py_ssize_t pad = width - total;
        switch (f->align) {
        case '<':
            rpad = pad;
            break;
        case '^':
            lpad = pad / 2;
            rpad = pad - lpad;
            break;
        case '=':
            mpad = pad;
            break;
        default:
            lpad = pad;
            break;
        }
    }
    if (out_char(o, f->fill, lpad) < 0 || (p->sign && out_char(o, (Py_UCS4)p->sign, 1) < 0) ||
        out_bytes(o, p->prefix, npre) < 0 || out_char(o, f->fill, mpad) < 0) {
        return -1;
    }
    if (p->ndigits > 0 || (zero_pad && min_width > 0)) {
        if (p->ndigits == 0) {
            /* inf and nan: plain zeros, never grouped */
            if (out_char(o, '0', min_width) < 0) {
                return -1;
            }
        } else if (write_grouped(o, p->digits, p->ndigits, f->thousands, f->group, min_width) < 0) {
            return -1;
        }
    }
    if (out_bytes(o, p->rest, p->nrest) < 0 || out_char(o, f->fill, rpad) < 0) {
        return -1;
    }
    return 0;
}

/* Split a formatted float (from PyOS_double_to_string) into parts. */
static void
split_float(const char *buf, Py_UCS4 sign_opt, Parts *p)
{
    p->sign = 0;
    if (*buf == '-') {
        p->sign = '-';
        buf++;
    } else if (sign_opt == '+' || sign_opt == ' ') {
        p->sign = (char)sign_opt;
    }
    p->prefix = "";
    p->digits = buf;
    p->ndigits = 0;
    while (buf[p->ndigits] >= '0' && buf[p->ndigits] <= '9') {
        p->ndigits++;
    }
    p->rest = buf + p->ndigits;
    p->nrest = (Py_ssize_t)strlen(p->rest);
}

/* ---------------------------------------------------------------- float */

/* Format a double per spec and type into its text (a PyMem string) with CPython's
 * format_float_internal rules; NULL with an exception. */
static char *
float_text(double val, const Spec *f, Py_UCS4 type, int extra_flags)
{
    int flags = extra_flags, add_pct = 0;
    Py_ssize_t precision = f->precision;
    int default_precision = type == 'r' ? 0 : 6;
    if (precision > INT_MAX) {
        PyErr_SetString(PyExc_ValueError, "precision too big");
        return NULL;
    }
    if (f->alternate) {
        flags |= Py_DTSF_ALT;
    }
    if (f->no_neg_0) {
        flags |= Py_DTSF_NO_NEG_0;
    }
    if (type == 0) {
        flags |= Py_DTSF_ADD_DOT_0;
        type = 'r';
        default_precision = 0;
    }
    if (type == 'n') {
        type = 'g';
    }
    if (type == '%') {
        type = 'f';
        val *= 100;
        add_pct = 1;
    }
    if (precision < 0) {
        precision = default_precision;
    } else if (type == 'r') {
        type = 'g';
    }
    char *buf = PyOS_double_to_string(val, (char)type, (int)precision, flags, NULL);
    if (buf != NULL && add_pct) {
        size_t n = strlen(buf);
        char *b2 = PyMem_Realloc(buf, n + 2);
        if (b2 == NULL) {
            PyMem_Free(buf);
            PyErr_NoMemory();
            return NULL;
        }
        b2[n] = '%';
        b2[n + 1] = '\0';
        buf = b2;
    }
    return buf;
}

static int
is_float_type(Py_UCS4 t)
{
    return t == 0 || t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' ||
           t == 'n' || t == '%';
}

static PyObject *
format_double(double val, const Spec *f, PyObject *v)
{
    if (!is_float_type(f->type)) {
        return unknown_code(f->type, v);
    }
    char *buf = float_text(val, f, f->type, 0);
    if (buf == NULL) {
        return NULL;
    }
    Parts p;
    split_float(buf, f->sign, &p);
    Out o = {NULL, 0, 0};
    PyObject *r = NULL;
    if (emit_number(&o, &p, f) == 0) {
        r = out_finish(&o);
    } else {
        PyMem_Free(o.buf);
    }
    PyMem_Free(buf);
    return r;
}

/* See pyrs/format.h. */
PyObject *
pyrs_format_float(PyObject *v, PyObject *spec)
{
    if (PyUnicode_GET_LENGTH(spec) == 0) {
        return PyObject_Str(v);
    }
    Spec f;
    if (parse_spec(spec, Py_TYPE(v)->tp_name, &f) < 0) {
        return NULL;
    }
    return format_double(PyFloat_AS_DOUBLE(v), &f, v);
}

/* ---------------------------------------------------------------- int */

static PyObject *
format_char(PyObject *v, const Spec *f)
{
    if (f->sign) {
        PyErr_SetString(PyExc_ValueError, "Sign not allowed with integer format specifier 'c'");
        return NULL;
    }
    if (f->alternate) {
        PyErr_SetString(PyExc_ValueError,
                        "Alternate form (#) not allowed with integer format specifier 'c'");
        return NULL;
    }
    long x = PyLong_AsLong(v);
    if (x == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (x < 0 || x > 0x10ffff) {
        PyErr_SetString(PyExc_OverflowError, "%c arg not in range(0x110000)");
        return NULL;
    }
    Spec g = *f;
    g.thousands = 0;
    Out o = {NULL, 0, 0};
    Out ch = {NULL, 0, 0};
    if (out_char(&ch, (Py_UCS4)x, 1) < 0) {
        return NULL;
    }
    /* a character counts as one column whatever its UTF-8 length */
    Py_ssize_t width = g.width < 0 ? 0 : g.width;
    Py_ssize_t pad = width > 1 ? width - 1 : 0, lpad = 0, rpad = 0;
    if (g.align == '<') {
        rpad = pad;
    } else if (g.align == '^') {
        lpad = pad / 2;
        rpad = pad - lpad;
    } else {
        lpad = pad;
    }
    int rc = out_char(&o, g.fill, lpad) < 0 || out_bytes(&o, ch.buf, ch.len) < 0 ||
             out_char(&o, g.fill, rpad) < 0;
    PyMem_Free(ch.buf);
    if (rc) {
        PyMem_Free(o.buf);
        return NULL;
    }
    return out_finish(&o);
}

static PyObject *
format_integer(PyObject *v, const Spec *f)
{
    int base = 10;
    const char *prefix = "";
    switch (f->type) {
    case 'b':
        base = 2;
        prefix = "0b";
        break;
    case 'o':
        base = 8;
        prefix = "0o";
        break;
    case 'x':
        base = 16;
        prefix = "0x";
        break;
    case 'X':
        base = 16;
        prefix = "0X";
        break;
    default:
        break;
    }
    PyObject *text = pyrs_long_to_text(v, base, 0);
    if (text == NULL) {
        return NULL;
    }
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(text, &n);
    if (s == NULL) {
        Py_DECREF(text);
        return NULL;
    }
    Parts p = {0, f->alternate ? prefix : "", s, n, "", 0};
    if (*s == '-') {
        p.sign = '-';
        p.digits++;
        p.ndigits--;
    } else if (f->sign == '+' || f->sign == ' ') {
        p.sign = (char)f->sign;
    }
    char *upper = NULL;
    if (f->type == 'X') {
        upper = PyMem_Malloc((size_t)p.ndigits + 1);
        if (upper == NULL) {
            Py_DECREF(text);
            return PyErr_NoMemory();
        }
        for (Py_ssize_t i = 0; i < p.ndigits; i++) {
            char c = p.digits[i];
            upper[i] = (char)(c >= 'a' && c <= 'f' ? c - 'a' + 'A' : c);
        }
        p.digits = upper;
    }
    Out o = {NULL, 0, 0};
    PyObject *r = NULL;
    if (emit_number(&o, &p, f) == 0) {
        r = out_finish(&o);
    } else {
        PyMem_Free(o.buf);
    }
    PyMem_Free(upper);
    Py_DECREF(text);
    return r;
}

/* See pyrs/format.h. */
PyObject *
pyrs_format_long(PyObject *v, PyObject *spec)
{
    if (PyUnicode_GET_LENGTH(spec) == 0) {
        return PyObject_Str(v);
    }
    Spec f;
    if (parse_spec(spec, Py_TYPE(v)->tp_name, &f) < 0) {
        return NULL;
    }
    switch (f.type) {
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%': {
        double d = PyLong_AsDouble(v);
        if (d == -1.0 && PyErr_Occurred()) {
            return NULL;
        }
        return format_double(d, &f, v);
    }
    case 0:
    case 'b':
    case 'c':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'n':
        break;
    default:
        return unknown_code(f.type, v);
    }
    if (f.precision != -1) {
        PyErr_SetString(PyExc_ValueError, "Precision not allowed in integer format specifier");
        return NULL;
    }
    if (f.no_neg_0) {
        PyErr_SetString(PyExc_ValueError,
                        "Negative zero coercion (z) not allowed in integer format specifier");
        return NULL;
    }
    if (f.type == 'c') {
        return format_char(v, &f);
    }
    return format_integer(v, &f);
}

/* ---------------------------------------------------------------- complex */

static int
is_complex_type(Py_UCS4 t)
{
    return t == 0 || t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' ||
           t == 'n';
}

/* Append one part of a complex (already formatted text) to o with grouping, no padding. */
static int
emit_part(Out *o, const char *buf, Py_UCS4 sign_opt, const Spec *f)
{
    Parts p;
    split_float(buf, sign_opt, &p);
    Spec g = *f;
    g.fill = ' ';
    g.align = '<';
    g.width = -1;
    return emit_number(o, &p, &g);
}

static int
complex_parts(Out *o, double re, double im, const Spec *f)
{
    Py_UCS4 type = f->type;
    int skip_re = 0, parens = 0;
    if (type == 0) {
        if (re == 0.0 && copysign(1.0, re) == 1.0) {
            skip_re = 1;
        } else {
            parens = 1;
        }
    }
    Spec g = *f;
    if (type == 0) {
        /* like repr: 'r' without the added ".0" (or 'g' when a precision is given) */
        g.type = f->precision < 0 ? 'r' : 'g';
    }
    if (g.type == 'n') {
        g.type = 'g';
    }
    char *rb = float_text(re, &g, g.type, 0);
    char *ib = rb == NULL ? NULL : float_text(im, &g, g.type, 0);
    int rc = -1;
    if (ib != NULL) {
        rc = (parens && out_bytes(o, "(", 1) < 0) ||
             (!skip_re && emit_part(o, rb, f->sign, f) < 0) ||
             emit_part(o, ib, skip_re ? f->sign : '+', f) < 0 || out_bytes(o, "j", 1) < 0 ||
             (parens && out_bytes(o, ")", 1) < 0);
        rc = rc ? -1 : 0;
    }
    PyMem_Free(rb);
    PyMem_Free(ib);
    return rc;
}

/* See pyrs/format.h. */
PyObject *
pyrs_format_complex(PyObject *v, PyObject *spec)
{
    if (PyUnicode_GET_LENGTH(spec) == 0) {
        return PyObject_Str(v);
    }
    Spec f;
    if (parse_spec(spec, Py_TYPE(v)->tp_name, &f) < 0) {
        return NULL;
    }
    if (!is_complex_type(f.type)) {
        return unknown_code(f.type, v);
    }
    if (f.fill == '0') {
        PyErr_SetString(PyExc_ValueError,
                        "Zero padding is not allowed in complex format specifier");
        return NULL;
    }
    if (f.align == '=') {
        PyErr_SetString(PyExc_ValueError,
                        "'=' alignment flag is not allowed in complex format specifier");
        return NULL;
    }
    Py_complex c = ((PyComplexObject *)v)->cval;
    Out body = {NULL, 0, 0};
    if (complex_parts(&body, c.real, c.imag, &f) < 0) {
        PyMem_Free(body.buf);
        return NULL;
    }
    Parts p = {0, "", "", 0, body.buf, body.len};
    Spec g = f;
    g.thousands = 0;
    Out o = {NULL, 0, 0};
    PyObject *r = NULL;
    if (emit_number(&o, &p, &g) == 0) {
        r = out_finish(&o);
    } else {
        PyMem_Free(o.buf);
    }
    PyMem_Free(body.buf);
    return r;
}
