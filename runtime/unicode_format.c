/* unicode_format.c: str formatting as CPython 3.11 does it: the format-spec mini-language for
 * str (format(s, spec), str.__format__), str.format / format_map field syntax (auto and manual
 * numbering, attributes, indexes, !r/!s/!a, nested specs) and printf-style str % args. */
#include "Python.h"
#include "pyrs/unicode.h"

#include "pystrtod.h"

#include <math.h>

#define READ(s, i) PyUnicode_READ_CHAR((s), (i))
#define LEN(s)     PyUnicode_GET_LENGTH(s)

/* ---- the format-spec mini-language (str subset) ---------------------------------------- */

typedef struct {
    Py_UCS4 fill;         /* fill character */
    Py_UCS4 align;        /* '<', '>', '^', '=' or 0 */
    Py_UCS4 sign;         /* '+', '-', ' ' or 0 */
    int alternate;        /* '#' */
    int zero;             /* '0' before the width */
    Py_ssize_t width;     /* -1 when absent */
    Py_UCS4 grouping;     /* ',' or '_' or 0 */
    Py_ssize_t precision; /* -1 when absent */
    Py_UCS4 type;         /* presentation type or 0 */
    int zero_align;       /* the '=' alignment came from the '0' flag, not the spec */
    int no_neg_0;         /* 'z' */
} Spec;

static int
is_align(Py_UCS4 c)
{
    return c == '<' || c == '>' || c == '^' || c == '=';
}

/* Reads a decimal number at *pi; -1 none, -2 overflow (ValueError set). */
static Py_ssize_t
read_number(PyObject *s, Py_ssize_t *pi, Py_ssize_t end)
{
    Py_ssize_t i = *pi, v = -1;
    while (i < end && READ(s, i) >= '0' && READ(s, i) <= '9') {
        Py_ssize_t d = (Py_ssize_t)(READ(s, i) - '0');
        if (v > (PY_SSIZE_T_MAX - d) / 10) {
            PyErr_SetString(PyExc_ValueError, "Too many decimal digits in format string");
            return -2;
        }
        v = (v < 0 ? 0 : v) * 10 + d;
        i++;
    }
    *pi = i;
    return v;
}

static int
parse_spec(PyObject *s, Spec *sp)
{
    Py_ssize_t n = LEN(s), i = 0;
    *sp = (Spec){' ', 0, 0, 0, 0, -1, 0, -1, 0, 0, 0};
    if (n >= 2 && is_align(READ(s, 1))) {
        sp->fill = READ(s, 0);
        sp->align = READ(s, 1);
        i = 2;
    } else if (n >= 1 && is_align(READ(s, 0))) {
        sp->align = READ(s, 0);
        i = 1;
    }
    if (i < n && (READ(s, i) == '+' || READ(s, i) == '-' || READ(s, i) == ' ')) {
        sp->sign = READ(s, i++);
    }
    if (i < n && READ(s, i) == 'z') {
        sp->no_neg_0 = 1;
        i++;
    }
    if (i < n && READ(s, i) == '#') {
        sp->alternate = 1;
        i++;
    }
    if (i < n && READ(s, i) == '0') {
        sp->zero = 1;
        /* '0' pads with zeros unless a fill was given, even after an explicit alignment */
        if (!(n >= 2 && is_align(READ(s, 1)))) {
            sp->fill = '0';
        }
        if (!sp->align) {
            sp->align = '=';
            sp->zero_align = 1;
        }
        i++;
    }
    if ((sp->width = read_number(s, &i, n)) == -2) {
        return -1;
    }
    if (sp->zero && sp->width < 0) {
        sp->width = 0;
    }
    if (i < n && (READ(s, i) == ',' || READ(s, i) == '_')) {
        sp->grouping = READ(s, i++);
    }
    if (i < n && READ(s, i) == '.') {
        i++;
        if ((sp->precision = read_number(s, &i, n)) == -2) {
            return -1;
        }
        if (sp->precision < 0) {
            PyErr_SetString(PyExc_ValueError, "Format specifier missing precision");
            return -1;
        }
    }
    if (n - i > 1) {
        PyErr_Format(PyExc_ValueError, "Invalid format specifier '%U' for object of type 'str'", s);
        return -1;
    }
    if (i < n) {
        sp->type = READ(s, i);
    }
    if (sp->grouping && sp->type && sp->type != 'd' && sp->type != 'e' && sp->type != 'f' &&
        sp->type != 'g' && sp->type != 'E' && sp->type != 'G' && sp->type != '%' &&
        sp->type != 'F' && !(sp->grouping == '_' && strchr("bxXo", (int)sp->type))) {
        PyErr_Format(PyExc_ValueError, "Cannot specify '%c' with '%c'.", (int)sp->grouping,
                     (int)sp->type);
        return -1;
    }
    return 0;
}

PyObject *
pyrs_unicode_apply_spec(PyObject *value, PyObject *spec)
{
    Spec sp;
    if (parse_spec(spec, &sp) < 0) {
        return NULL;
    }
    if (sp.type && sp.type != 's') {
        PyErr_Format(PyExc_ValueError, "Unknown format code '%c' for object of type 'str'",
                     (int)sp.type);
        return NULL;
    }
    if (sp.sign) {
        PyErr_SetString(PyExc_ValueError, sp.sign == ' '
                                              ? "Space not allowed in string format specifier"
                                              : "Sign not allowed in string format specifier");
        return NULL;
    }
    if (sp.no_neg_0) {
        PyErr_SetString(PyExc_ValueError,
                        "Negative zero coercion (z) not allowed in string format specifier");
        return NULL;
    }
    if (sp.alternate) {
        PyErr_SetString(PyExc_ValueError,
                        "Alternate form (#) not allowed in string format specifier");
        return NULL;
    }
    if (sp.align == '=' && sp.zero_align) {
        sp.align = '<';
    }
    if (sp.align == '=') {
        PyErr_SetString(PyExc_ValueError, "'=' alignment not allowed in string format specifier");
        return NULL;
    }
    if (sp.grouping) {
        PyErr_Format(PyExc_ValueError, "Cannot specify '%c' with 's'.", (int)sp.grouping);
        return NULL;
    }
    Py_ssize_t n = LEN(value);
    if (sp.precision >= 0 && sp.precision < n) {
        n = sp.precision;
    }
    Py_ssize_t total = sp.width > n ? sp.width - n : 0, left = 0;
    if (sp.align == '>') {
        left = total;
    } else if (sp.align == '^') {
        left = total / 2;
    }
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    if (pyrs_uniwriter_fill(&w, sp.fill, left) < 0 || pyrs_uniwriter_substr(&w, value, 0, n) < 0 ||
        pyrs_uniwriter_fill(&w, sp.fill, total - left) < 0) {
        pyrs_uniwriter_dealloc(&w);
        return NULL;
    }
    return pyrs_uniwriter_finish(&w);
}

PyObject *
pyrs_unicode_format_str(PyObject *s, PyObject *spec)
{
    if (LEN(spec) == 0) {
        return PyObject_Str(s);
    }
    return pyrs_unicode_apply_spec(s, spec);
}

/* ---- str.format ------------------------------------------------------------------------- */

typedef struct {
    PyObject *args;    /* positional tuple or NULL */
    PyObject *kwargs;  /* keyword dict, mapping, or NULL */
    Py_ssize_t auto_n; /* next automatic index; -1 once manual numbering was used */
    int manual;        /* manual numbering seen */
} FormatState;

static PyObject *format_string(FormatState *st, PyObject *fmt, Py_ssize_t start, Py_ssize_t end,
                               int depth);

/* The object named by the first part of a field name [start, end). */
static PyObject *
field_first(FormatState *st, PyObject *fmt, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t i = start;
    Py_ssize_t idx = read_number(fmt, &i, end);
    if (idx == -2) {
        return NULL;
    }
    if (start == end || (idx >= 0 && i == end)) {
        if (start == end) {
            if (st->manual) {
                PyErr_SetString(PyExc_ValueError, "cannot switch from manual field specification "
                                                  "to automatic field numbering");
                return NULL;
            }
            idx = st->auto_n++;
        } else {
            if (st->auto_n > 0) {
                PyErr_SetString(PyExc_ValueError, "cannot switch from automatic field numbering "
                                                  "to manual field specification");
                return NULL;
            }
            st->manual = 1;
        }
        if (st->args == NULL) {
            PyErr_SetString(PyExc_ValueError, "Format string contains positional fields");
            return NULL;
        }
        if (idx >= PyTuple_GET_SIZE(st->args)) {
            PyErr_Format(PyExc_IndexError,
                         "Replacement index %zd out of range for positional args tuple", idx);
            return NULL;
        }
        return Py_NewRef(PyTuple_GET_ITEM(st->args, idx));
    }
    PyObject *key = PyUnicode_Substring(fmt, start, end);
    if (key == NULL) {
        return NULL;
    }
    if (st->kwargs == NULL) {
        PyErr_SetObject(PyExc_KeyError, key);
        Py_DECREF(key);
        return NULL;
    }
    PyObject *v = PyObject_GetItem(st->kwargs, key);
    Py_DECREF(key);
    return v;
}

/* Resolves field name [start, end) with .attr and [index] parts; new reference. */
static PyObject *
get_field(FormatState *st, PyObject *fmt, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t i = start;
    while (i < end && READ(fmt, i) != '.' && READ(fmt, i) != '[') {
        i++;
    }
    PyObject *obj = field_first(st, fmt, start, i);
    while (obj != NULL && i < end) {
        Py_UCS4 c = READ(fmt, i++);
        Py_ssize_t j = i;
        PyObject *next = NULL;
        if (c == '.') {
            while (j < end && READ(fmt, j) != '.' && READ(fmt, j) != '[') {
                j++;
            }
            if (j == i) {
                PyErr_SetString(PyExc_ValueError, "Empty attribute in format string");
            } else {
                PyObject *name = PyUnicode_Substring(fmt, i, j);
                next = name ? PyObject_GetAttr(obj, name) : NULL;
                Py_XDECREF(name);
            }
            i = j;
        } else {
            while (j < end && READ(fmt, j) != ']') {
                j++;
            }
            if (j == end) {
                PyErr_SetString(PyExc_ValueError, "Missing ']' in format string");
            } else if (j == i) {
                PyErr_SetString(PyExc_ValueError, "Empty attribute in format string");
            } else {
                Py_ssize_t k = i, num = read_number(fmt, &k, j);
                PyObject *key = num == -2              ? NULL
                                : (num >= 0 && k == j) ? PyLong_FromSsize_t(num)
                                                       : PyUnicode_Substring(fmt, i, j);
                next = key ? PyObject_GetItem(obj, key) : NULL;
                Py_XDECREF(key);
                i = j + 1;
                if (next && i < end && READ(fmt, i) != '.' && READ(fmt, i) != '[') {
                    PyErr_SetString(PyExc_ValueError,
                                    "Only '.' or '[' may follow ']' in format field specifier");
                    Py_CLEAR(next);
                }
            }
        }
        Py_SETREF(obj, next);
    }
    return obj;
}

/* Where the parts of one replacement field lie, found as CPython's parser finds them. */
typedef struct {
    Py_ssize_t name_end;   /* the field name is [field start, name_end) */
    Py_UCS4 conv;          /* conversion character or 0 */
    Py_ssize_t spec_start; /* the format spec is [spec_start, spec_end); empty when absent */
    Py_ssize_t spec_end;
    int spec_expands; /* the spec holds nested fields */
    Py_ssize_t next;  /* just past the closing '}' */
} FieldParts;

/* Scans the field that starts at I (just past its '{') up to END: the name runs to '}', ':' or
 * '!' (skipping over [...] items), then an optional conversion and a brace-balanced spec.
 * 0, or -1 with CPython's ValueError. */
static int
scan_field(PyObject *fmt, Py_ssize_t i, Py_ssize_t end, FieldParts *fp)
{
    Py_UCS4 c = 0;
    while (i < end) {
        c = READ(fmt, i++);
        if (c == '{') {
            PyErr_SetString(PyExc_ValueError, "unexpected '{' in field name");
            return -1;
        }
        if (c == '[') {
            while (i < end && READ(fmt, i) != ']') {
                i++;
            }
            c = 0;
            continue;
        }
        if (c == '}' || c == ':' || c == '!') {
            break;
        }
        c = 0;
    }
    fp->name_end = i - 1;
    fp->conv = 0;
    fp->spec_expands = 0;
    fp->spec_start = fp->spec_end = i;
    if (c != '!' && c != ':') {
        if (c != '}') {
            PyErr_SetString(PyExc_ValueError, "expected '}' before end of string");
            return -1;
        }
        fp->next = i;
        return 0;
    }
    if (c == '!') {
        if (i >= end) {
            PyErr_SetString(PyExc_ValueError,
                            "end of string while looking for conversion specifier");
            return -1;
        }
        fp->conv = READ(fmt, i++);
        if (i < end) {
            c = READ(fmt, i++);
            if (c == '}') {
                fp->spec_start = fp->spec_end = i - 1;
                fp->next = i;
                return 0;
            }
            if (c != ':') {
                PyErr_SetString(PyExc_ValueError, "expected ':' after conversion specifier");
                return -1;
            }
        }
    }
    fp->spec_start = i;
    for (Py_ssize_t count = 1; i < end;) {
        c = READ(fmt, i++);
        fp->spec_expands |= c == '{';
        count += c == '{' ? 1 : c == '}' ? -1 : 0;
        if (count == 0) {
            fp->spec_end = i - 1;
            fp->next = i;
            return 0;
        }
    }
    PyErr_SetString(PyExc_ValueError, "unmatched '{' in format spec");
    return -1;
}

/* Formats the replacement field whose name starts at START and whose parts are FP. */
static int
format_field(FormatState *st, PyrsUniWriter *w, PyObject *fmt, Py_ssize_t start,
             const FieldParts *fp, int depth)
{
    PyObject *obj = get_field(st, fmt, start, fp->name_end), *spec = NULL, *res = NULL;
    if (obj == NULL) {
        return -1;
    }
    Py_UCS4 conv = fp->conv;
    if (conv) {
        PyObject *c = conv == 'r'   ? PyObject_Repr(obj)
                      : conv == 's' ? PyObject_Str(obj)
                      : conv == 'a' ? PyObject_ASCII(obj)
                                    : NULL;
        if (c == NULL && conv != 'r' && conv != 's' && conv != 'a') {
            PyErr_Format(PyExc_ValueError, "Unknown conversion specifier %c", (int)conv);
        }
        Py_SETREF(obj, c);
        if (obj == NULL) {
            return -1;
        }
    }
    if (fp->spec_expands) {
        /* only a spec with nested fields counts against the recursion limit, as in CPython */
        spec = format_string(st, fmt, fp->spec_start, fp->spec_end, depth - 1);
    } else if (fp->spec_end > fp->spec_start) {
        spec = PyUnicode_Substring(fmt, fp->spec_start, fp->spec_end);
    } else {
        spec = pyrs_unicode_empty();
    }
    if (spec != NULL) {
        res = PyObject_Format(obj, spec);
    }
    Py_DECREF(obj);
    Py_XDECREF(spec);
    if (res == NULL) {
        return -1;
    }
    int r = pyrs_uniwriter_str(w, res);
    Py_DECREF(res);
    return r;
}

static PyObject *
format_string(FormatState *st, PyObject *fmt, Py_ssize_t start, Py_ssize_t end, int depth)
{
    PyrsUniWriter w;
    if (depth <= 0) {
        PyErr_SetString(PyExc_ValueError, "Max string recursion exceeded");
        return NULL;
    }
    pyrs_uniwriter_init(&w);
    Py_ssize_t i = start;
    while (i < end) {
        Py_UCS4 c = READ(fmt, i);
        if (c == '}') {
            if (i + 1 < end && READ(fmt, i + 1) == '}') {
                if (pyrs_uniwriter_putc(&w, '}') < 0) {
                    goto error;
                }
                i += 2;
                continue;
            }
            PyErr_SetString(PyExc_ValueError, "Single '}' encountered in format string");
            goto error;
        }
        if (c != '{') {
            if (pyrs_uniwriter_putc(&w, c) < 0) {
                goto error;
            }
            i++;
            continue;
        }
        if (i + 1 < end && READ(fmt, i + 1) == '{') {
            if (pyrs_uniwriter_putc(&w, '{') < 0) {
                goto error;
            }
            i += 2;
            continue;
        }
        if (i + 1 >= end) {
            PyErr_SetString(PyExc_ValueError, "Single '{' encountered in format string");
            goto error;
        }
        FieldParts fp;
        if (scan_field(fmt, i + 1, end, &fp) < 0 ||
            format_field(st, &w, fmt, i + 1, &fp, depth) < 0) {
            goto error;
        }
        i = fp.next;
    }
    return pyrs_uniwriter_finish(&w);
error:
    pyrs_uniwriter_dealloc(&w);
    return NULL;
}

PyObject *
pyrs_unicode_do_format(PyObject *fmt, PyObject *args, PyObject *kwargs, PyObject *mapping)
{
    FormatState st = {args, mapping ? mapping : kwargs, 0, 0};
    return format_string(&st, fmt, 0, LEN(fmt), 2);
}

/* ---- printf-style formatting (str % args) ---------------------------------------------- */

typedef struct {
    PyObject *args;    /* the right operand */
    PyObject *dict;    /* mapping for %(name)s, or NULL */
    Py_ssize_t argidx; /* next positional argument */
    Py_ssize_t nargs;  /* positional count (-1: single non-tuple argument) */
} PctState;

static PyObject *
pct_next_arg(PctState *st)
{
    if (st->nargs < 0) {
        if (st->argidx++ == 0) {
            return st->args;
        }
    } else if (st->argidx < st->nargs) {
        return PyTuple_GET_ITEM(st->args, st->argidx++);
    }
    PyErr_SetString(PyExc_TypeError, "not enough arguments for format string");
    return NULL;
}

typedef struct {
    int left, sign, space, alt, zero; /* flags */
    Py_ssize_t width, prec;           /* -1 when absent */
} PctSpec;

/* Pads BODY (already including sign/prefix of length SIGNLEN) to the spec's width. */
static int
pct_emit(PyrsUniWriter *w, PyObject *body, Py_ssize_t signlen, const PctSpec *sp, int numeric)
{
    Py_ssize_t n = LEN(body), padn = sp->width > n ? sp->width - n : 0;
    if (sp->left) {
        return pyrs_uniwriter_str(w, body) < 0 ? -1 : pyrs_uniwriter_fill(w, ' ', padn);
    }
    if (numeric && sp->zero) {
        return pyrs_uniwriter_substr(w, body, 0, signlen) < 0 ||
                       pyrs_uniwriter_fill(w, '0', padn) < 0
                   ? -1
                   : pyrs_uniwriter_substr(w, body, signlen, n);
    }
    return pyrs_uniwriter_fill(w, ' ', padn) < 0 ? -1 : pyrs_uniwriter_str(w, body);
}

static PyObject *
pct_int_digits(PyObject *v, Py_UCS4 type, const PctSpec *sp, Py_ssize_t *signlen)
{
    int base = type == 'x' || type == 'X' ? 16 : type == 'o' ? 8 : 10;
    PyObject *num = PyNumber_Index(v), *text = NULL;
    if (num == NULL) {
        return NULL;
    }
    text = base == 10 ? PyObject_Str(num) : PyNumber_ToBase(num, base);
    Py_DECREF(num);
    if (text == NULL) {
        return NULL;
    }
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    Py_ssize_t i = 0, n = LEN(text);
    int neg = READ(text, 0) == '-';
    i += neg;
    if (base != 10) {
        i += 2; /* PyNumber_ToBase's 0x / 0o prefix */
    }
    if (pyrs_uniwriter_ascii(&w,
                             neg         ? "-"
                             : sp->sign  ? "+"
                             : sp->space ? " "
                                         : "",
                             neg || sp->sign || sp->space) < 0) {
        goto error;
    }
    if (sp->alt && base != 10) {
        char pre[2] = {'0', (char)type};
        if (pyrs_uniwriter_ascii(&w, pre, 2) < 0) {
            goto error;
        }
    }
    *signlen = w.len;
    if (pyrs_uniwriter_fill(&w, '0', sp->prec - (n - i)) < 0) {
        goto error;
    }
    for (; i < n; i++) {
        Py_UCS4 c = READ(text, i);
        if (pyrs_uniwriter_putc(&w, type == 'X' && c >= 'a' ? c - 32 : c) < 0) {
            goto error;
        }
    }
    Py_DECREF(text);
    return pyrs_uniwriter_finish(&w);
error:
    Py_DECREF(text);
    pyrs_uniwriter_dealloc(&w);
    return NULL;
}

static PyObject *
pct_float(PyObject *v, Py_UCS4 type, const PctSpec *sp, Py_ssize_t *signlen)
{
    double x = PyFloat_AsDouble(v);
    if (x == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    int flags = (sp->sign ? Py_DTSF_SIGN : 0) | (sp->alt ? Py_DTSF_ALT : 0);
    char *s = PyOS_double_to_string(x, (char)type, sp->prec < 0 ? 6 : (int)sp->prec, flags, NULL);
    if (s == NULL) {
        return PyErr_NoMemory();
    }
    const char *text = s;
    char buf[8];
    if (sp->space && s[0] != '-' && s[0] != '+') {
        buf[0] = ' ';
        buf[1] = '\0';
    } else {
        buf[0] = '\0';
    }
    PyObject *res = PyUnicode_FromFormat("%s%s", buf, text);
    *signlen = (buf[0] || s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (res && (isinf(x) || isnan(x))) {
        *signlen = LEN(res); /* never zero-pad inf/nan */
    }
    PyMem_Free(s);
    return res;
}

static int
is_real(PyObject *v)
{
    return PyFloat_Check(v) || PyLong_Check(v) || PyIndex_Check(v) ||
           (Py_TYPE(v)->tp_as_number && Py_TYPE(v)->tp_as_number->nb_float);
}

static PyObject *
pct_convert(PyObject *v, Py_UCS4 type, const PctSpec *sp, Py_ssize_t *signlen, int *numeric)
{
    *signlen = 0;
    *numeric = 0;
    switch (type) {
    case 's':
    case 'r':
    case 'a': {
        PyObject *s = type == 's'   ? PyObject_Str(v)
                      : type == 'r' ? PyObject_Repr(v)
                                    : PyObject_ASCII(v);
        if (s != NULL && sp->prec >= 0 && sp->prec < LEN(s)) {
            Py_SETREF(s, PyUnicode_Substring(s, 0, sp->prec));
        }
        return s;
    }
    case 'c':
        if (PyUnicode_Check(v)) {
            if (LEN(v) != 1) {
                PyErr_SetString(PyExc_TypeError, "%c requires int or char");
                return NULL;
            }
            return Py_NewRef(v);
        } else {
            long ch = PyLong_AsLong(v);
            if (ch == -1 && PyErr_Occurred()) {
                if (PyErr_ExceptionMatches(PyExc_TypeError)) {
                    PyErr_SetString(PyExc_TypeError, "%c requires int or char");
                }
                return NULL;
            }
            if (ch < 0 || ch > 0x10ffff) {
                PyErr_SetString(PyExc_OverflowError, "%c arg not in range(0x110000)");
                return NULL;
            }
            return pyrs_unicode_char((Py_UCS4)ch);
        }
    case 'd':
    case 'i':
    case 'u':
        *numeric = 1;
        if (!is_real(v) || PyUnicode_Check(v)) {
            PyErr_Format(PyExc_TypeError, "%%%c format: a real number is required, not %.200s",
                         (int)type, Py_TYPE(v)->tp_name);
            return NULL;
        }
        if (!PyLong_Check(v)) {
            PyObject *iv = PyNumber_Long(v);
            if (iv == NULL) {
                return NULL;
            }
            PyObject *r = pct_int_digits(iv, 'd', sp, signlen);
            Py_DECREF(iv);
            return r;
        }
        return pct_int_digits(v, 'd', sp, signlen);
    case 'o':
    case 'x':
    case 'X':
        *numeric = 1;
        if (!PyIndex_Check(v)) {
            PyErr_Format(PyExc_TypeError, "%%%c format: an integer is required, not %.200s",
                         (int)type, Py_TYPE(v)->tp_name);
            return NULL;
        }
        return pct_int_digits(v, type, sp, signlen);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
        *numeric = 1;
        if (!is_real(v) || PyUnicode_Check(v)) {
            PyErr_Format(PyExc_TypeError, "must be real number, not %.200s", Py_TYPE(v)->tp_name);
            return NULL;
        }
        return pct_float(v, type, sp, signlen);
    default:
        return NULL;
    }
}

/* Parses one "%..." directive at *pi (just past '%') and emits it. */
static int
pct_one(PctState *st, PyrsUniWriter *w, PyObject *fmt, Py_ssize_t *pi)
{
    Py_ssize_t i = *pi, n = LEN(fmt);
    PyObject *value = NULL, *key_value = NULL;
    PctSpec sp = {0, 0, 0, 0, 0, -1, -1};
    if (i < n && READ(fmt, i) == '(') {
        Py_ssize_t j = ++i, depth = 1;
        while (j < n && depth > 0) {
            depth += READ(fmt, j) == '(' ? 1 : READ(fmt, j) == ')' ? -1 : 0;
            j += depth > 0;
        }
        if (j >= n) {
            PyErr_SetString(PyExc_ValueError, "incomplete format key");
            return -1;
        }
        if (st->dict == NULL) {
            PyErr_SetString(PyExc_TypeError, "format requires a mapping");
            return -1;
        }
        PyObject *key = PyUnicode_Substring(fmt, i, j);
        key_value = key ? PyObject_GetItem(st->dict, key) : NULL;
        Py_XDECREF(key);
        if (key_value == NULL) {
            return -1;
        }
        i = j + 1;
        st->nargs = -2; /* a mapping: no positional arguments any more */
    }
    for (; i < n; i++) {
        Py_UCS4 c = READ(fmt, i);
        if (c == '-') {
            sp.left = 1;
        } else if (c == '+') {
            sp.sign = 1;
        } else if (c == ' ') {
            sp.space = 1;
        } else if (c == '#') {
            sp.alt = 1;
        } else if (c == '0') {
            sp.zero = 1;
        } else {
            break;
        }
    }
    for (int part = 0; part < 2; part++) {
        Py_ssize_t *dst = part == 0 ? &sp.width : &sp.prec;
        if (part == 1) {
            if (i >= n || READ(fmt, i) != '.') {
                break;
            }
            i++;
            sp.prec = 0;
        }
        if (i < n && READ(fmt, i) == '*') {
            PyObject *v = pct_next_arg(st);
            if (v == NULL) {
                goto error;
            }
            if (!PyLong_Check(v)) {
                PyErr_SetString(PyExc_TypeError, "* wants int");
                goto error;
            }
            *dst = PyLong_AsSsize_t(v);
            if (*dst == -1 && PyErr_Occurred()) {
                goto error;
            }
            if (part == 1 && (*dst > INT_MAX || *dst < INT_MIN)) {
                /* CPython reads a '*' precision as a C int */
                PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
                goto error;
            }
            if (part == 0 && *dst < 0) {
                sp.left = 1;
                *dst = -*dst;
            }
            i++;
        } else {
            Py_ssize_t v = read_number(fmt, &i, n);
            if (v == -2) {
                goto error;
            }
            if (v >= 0) {
                *dst = v;
            }
        }
    }
    while (i < n && (READ(fmt, i) == 'h' || READ(fmt, i) == 'l' || READ(fmt, i) == 'L')) {
        i++;
    }
    if (i >= n) {
        PyErr_SetString(PyExc_ValueError, "incomplete format");
        goto error;
    }
    Py_UCS4 type = READ(fmt, i++);
    int bare = i == *pi + 1;
    *pi = i;
    if (type == '%' && bare) {
        return pyrs_uniwriter_putc(w, '%');
    }
    if (type == '%' && key_value == NULL && pct_next_arg(st) == NULL) {
        return -1;
    }
    if (type == '%' || type == 0 || type >= 128 || !strchr("sracdiuoxXeEfFgG", (int)type)) {
        PyErr_Format(PyExc_ValueError, "unsupported format character '%c' (0x%x) at index %zd",
                     (int)(type <= 126 && type >= 31 ? type : '?'), (unsigned)type, i - 1);
        goto error;
    }
    value = key_value ? key_value : pct_next_arg(st);
    if (value == NULL) {
        goto error;
    }
    Py_ssize_t signlen;
    int numeric;
    PyObject *body = pct_convert(value, type, &sp, &signlen, &numeric);
    Py_XDECREF(key_value);
    if (body == NULL) {
        return -1;
    }
    int r = pct_emit(w, body, signlen, &sp, numeric);
    Py_DECREF(body);
    return r;
error:
    Py_XDECREF(key_value);
    return -1;
}

/* FORMAT % ARGS; new reference or NULL. */
PyObject *
PyUnicode_Format(PyObject *format, PyObject *args)
{
    if (format == NULL || args == NULL || !PyUnicode_Check(format)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    PctState st = {args, NULL, 0, -1};
    if (PyTuple_Check(args)) {
        st.nargs = PyTuple_GET_SIZE(args);
    } else if (Py_TYPE(args)->tp_as_mapping && Py_TYPE(args)->tp_as_mapping->mp_subscript &&
               !PyUnicode_Check(args) && !PyBytes_Check(args) && !PyByteArray_Check(args) &&
               !PyTuple_Check(args)) {
        st.dict = args;
    }
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    Py_ssize_t i = 0, n = LEN(format);
    while (i < n) {
        Py_UCS4 c = READ(format, i);
        if (c != '%') {
            if (pyrs_uniwriter_putc(&w, c) < 0) {
                goto error;
            }
            i++;
            continue;
        }
        i++;
        if (pct_one(&st, &w, format, &i) < 0) {
            goto error;
        }
    }
    if ((st.nargs >= 0 && st.argidx < st.nargs) ||
        (st.nargs == -1 && st.argidx == 0 && st.dict == NULL)) {
        PyErr_SetString(PyExc_TypeError, "not all arguments converted during string formatting");
        goto error;
    }
    return pyrs_uniwriter_finish(&w);
error:
    pyrs_uniwriter_dealloc(&w);
    return NULL;
}
