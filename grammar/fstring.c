/* fstring.c: splits an f-string token into literal text and replacement fields the way
 * CPython 3.11's string_parser.c scans it (fstring_find_literal / fstring_find_expr), with
 * the same error messages, the same order of checks, and the same (re-based) positions for
 * the fields' expressions. */
#include "fstring.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strlit.h"

#define MAXLEVEL 200 /* CPython's bracket limit inside a field */

/* Scanning state for one token. */
typedef struct {
    const PyrsToken *tok; /* the STRING token */
    int raw;              /* r prefix: no escapes in literal parts */
    char *msg;            /* error message buffer */
    size_t msgsize;       /* its size */
    PyrsFStrParts *top;   /* the whole f-string's parts: its invalid escapes list */
} Scan;

static int fail(Scan *sc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
fail(Scan *sc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sc->msg, sc->msgsize, fmt, ap);
    va_end(ap);
    return -1;
}

/* Appends a zeroed piece; returns it or NULL when out of memory. */
static PyrsFStrPiece *
add_piece(PyrsFStrParts *out, PyrsFStrPieceKind kind)
{
    PyrsFStrPiece *items = realloc(out->items, (out->n + 1) * sizeof(*items));
    if (items == NULL) {
        return NULL;
    }
    out->items = items;
    PyrsFStrPiece *p = &items[out->n++];
    memset(p, 0, sizeof(*p));
    p->kind = kind;
    p->conversion = -1;
    return p;
}

/* Appends decoded text, merged with a preceding TEXT piece. Takes ownership of S. */
static int
add_text(Scan *sc, PyrsFStrParts *out, char *s, size_t n)
{
    if (n == 0) {
        free(s);
        return 0;
    }
    if (out->n > 0 && out->items[out->n - 1].kind == PYRS_FSTR_TEXT) {
        PyrsFStrPiece *last = &out->items[out->n - 1];
        char *m = realloc(last->text, last->text_len + n + 1);
        if (m == NULL) {
            free(s);
            return fail(sc, "MemoryError");
        }
        memcpy(m + last->text_len, s, n + 1);
        last->text = m;
        last->text_len += n;
        free(s);
        return 0;
    }
    PyrsFStrPiece *p = add_piece(out, PYRS_FSTR_TEXT);
    if (p == NULL) {
        free(s);
        return fail(sc, "MemoryError");
    }
    p->text = s;
    p->text_len = n;
    return 0;
}

/* Decodes the literal chunk [A, B) (escapes unless raw) and appends it. */
static int
add_literal(Scan *sc, PyrsFStrParts *out, const char *a, const char *b)
{
    char *s = NULL;
    size_t n = 0;
    if (a == b) {
        return 0;
    }
    const char *invalid = NULL;
    if (pyrs_strlit_unescape_ex(a, (size_t)(b - a), 0, sc->raw, &s, &n, sc->msg, sc->msgsize,
                                &invalid) < 0) {
        return -1;
    }
    if (invalid != NULL) { /* CPython warns once per literal chunk */
        const char **list = realloc(sc->top->invalid, sizeof *list * (sc->top->ninvalid + 1));
        if (list != NULL) {
            list[sc->top->ninvalid++] = invalid;
            sc->top->invalid = list;
        }
    }
    return add_text(sc, out, s, n);
}

/* Literal text up to the next field. Returns 1 after a doubled brace (scan again), 0 at a
 * field or the end, -1 on error. */
static int
find_literal(Scan *sc, const char **str, const char *end, int lvl, PyrsFStrParts *out)
{
    const char *s = *str, *start = s;
    while (s < end) {
        char ch = *s++;
        if (!sc->raw && ch == '\\' && s < end) {
            ch = *s++;
            if (ch == 'N') {
                /* \N{...} braces belong to the escape */
                if (s < end && *s++ == '{') {
                    while (s < end && *s++ != '}') {
                    }
                }
                continue;
            }
        }
        if (ch == '{' || ch == '}') {
            if (lvl == 0) {
                if (s < end && *s == ch) {
                    *str = s + 1;
                    return add_literal(sc, out, start, s) < 0 ? -1 : 1;
                }
                if (ch == '}') {
                    *str = s - 1;
                    return fail(sc, "f-string: single '}' is not allowed");
                }
            }
            s--;
            break;
        }
    }
    *str = s;
    return add_literal(sc, out, start, s);
}

/* Where CPython 3.11 puts the implicit '(' of the field whose '{' is at BRACE. */
static void
field_position(const Scan *sc, const char *brace, int *lineno, int *col)
{
    const char *text = sc->tok->start, *q = brace + 1;
    int lines = 0, newline_after = 1;
    for (const char *p = text; p < brace; p++) {
        lines += *p == '\n';
    }
    while (*q != '}' && *q != '\n' && q < text + sc->tok->len) {
        if (*q != ' ' && *q != '\t' && *q != '\f') {
            newline_after = 0;
            break;
        }
        q++;
    }
    int cols = 0;
    if (!newline_after) {
        const char *ls = brace;
        while (ls > text && *ls != '\n') {
            ls--;
        }
        cols = (int)(brace - ls) - (*ls == '\n');
    }
    *lineno = sc->tok->lineno + lines;
    *col = lines == 0 ? sc->tok->col_offset + cols : cols;
}

/* Scans a field's expression text; *STR is just past '{'. Leaves *STR on the terminator. */
static int
scan_expr(Scan *sc, const char **str, const char *end)
{
    char quote = 0, stack[MAXLEVEL];
    int string_type = 0, depth = 0;
    for (; *str < end; (*str)++) {
        const char *s = *str;
        char ch = *s;
        if (ch == '\\') {
            return fail(sc, "f-string expression part cannot include a backslash");
        }
        if (quote) {
            if (ch == quote) {
                if (string_type == 3) {
                    if (s + 2 < end && s[1] == ch && s[2] == ch) {
                        *str += 2;
                        quote = 0;
                        string_type = 0;
                    }
                } else {
                    quote = 0;
                    string_type = 0;
                }
            }
            continue;
        }
        if (ch == '\'' || ch == '"') {
            string_type = 1;
            if (s + 2 < end && s[1] == ch && s[2] == ch) {
                string_type = 3;
                *str += 2;
            }
            quote = ch;
        } else if (ch == '[' || ch == '{' || ch == '(') {
            if (depth >= MAXLEVEL) {
                return fail(sc, "f-string: too many nested parenthesis");
            }
            stack[depth++] = ch;
        } else if (ch == '#') {
            return fail(sc, "f-string expression part cannot include '#'");
        } else if (depth == 0 &&
                   (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
            if (s + 1 < end && s[1] == '=' && ch != ':' && ch != '}') {
                *str += 1; /* !=, ==, <=, >= */
                continue;
            }
            if (ch == '>' || ch == '<') {
                continue;
            }
            break;
        } else if (ch == ']' || ch == '}' || ch == ')') {
            if (depth == 0) {
                return fail(sc, "f-string: unmatched '%c'", ch);
            }
            char open = stack[--depth];
            if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') ||
                  (open == '{' && ch == '}'))) {
                return fail(sc,
                            "f-string: closing parenthesis '%c' does not match opening "
                            "parenthesis '%c'",
                            ch, open);
            }
        }
    }
    if (quote) {
        return fail(sc, "f-string: unterminated string");
    }
    if (depth) {
        return fail(sc, "f-string: unmatched '%c'", stack[depth - 1]);
    }
    if (*str >= end) {
        return fail(sc, "f-string: expecting '}'");
    }
    return 0;
}

static int parse_parts(Scan *sc, const char **str, const char *end, int lvl, PyrsFStrParts *out);

/* The part of a field after its expression: `=`, `!c`, `:spec`, `}`. */
static int
field_tail(Scan *sc, const char **str, const char *end, int lvl, const char *expr_start,
           PyrsFStrParts *out, size_t field_index)
{
    int debug = 0;
    if (**str == '=') {
        *str += 1;
        while (*str < end && (**str == ' ' || **str == '\t' || **str == '\n' || **str == '\r' ||
                              **str == '\f' || **str == '\v')) {
            *str += 1;
        }
        if (*str >= end) {
            return fail(sc, "f-string: expecting '}'");
        }
        /* the self-documenting text goes before the field */
        size_t n = (size_t)(*str - expr_start);
        char *t = malloc(n + 1);
        if (t == NULL) {
            return fail(sc, "MemoryError");
        }
        memcpy(t, expr_start, n);
        t[n] = 0;
        PyrsFStrPiece field = out->items[field_index];
        out->n--;
        if (add_text(sc, out, t, n) < 0) {
            return -1;
        }
        PyrsFStrPiece *p = add_piece(out, PYRS_FSTR_FIELD);
        if (p == NULL) {
            return fail(sc, "MemoryError");
        }
        *p = field;
        field_index = out->n - 1;
        debug = 1;
    }
    int conversion = -1;
    if (**str == '!') {
        *str += 1;
        if (*str >= end) {
            return fail(sc, "f-string: expecting '}'");
        }
        conversion = (unsigned char)**str;
        *str += 1;
        if (conversion != 's' && conversion != 'r' && conversion != 'a') {
            return fail(sc, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        }
    }
    out->items[field_index].conversion = conversion;
    if (*str < end && **str == ':') {
        *str += 1;
        if (*str >= end) {
            return fail(sc, "f-string: expecting '}'");
        }
        out->items[field_index].has_spec = 1;
        PyrsFStrParts spec = {NULL, 0, NULL, 0};
        int rc = parse_parts(sc, str, end, lvl + 1, &spec);
        out->items[field_index].spec = spec;
        if (rc < 0) {
            return -1;
        }
    }
    if (*str >= end || **str != '}') {
        return fail(sc, "f-string: expecting '}'");
    }
    *str += 1;
    if (debug && conversion == -1 && !out->items[field_index].has_spec) {
        out->items[field_index].conversion = 'r';
    }
    return 0;
}

/* A replacement field at *STR ('{'). */
static int
find_expr(Scan *sc, const char **str, const char *end, int lvl, PyrsFStrParts *out)
{
    if (lvl >= 2) {
        return fail(sc, "f-string: expressions nested too deeply");
    }
    const char *brace = *str;
    *str += 1;
    const char *expr_start = *str;
    if (scan_expr(sc, str, end) < 0) {
        return -1;
    }
    const char *expr_end = *str, *s = expr_start;
    while (s < expr_end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\f')) {
        s++;
    }
    if (s == expr_end) {
        if (*expr_end == '!' || *expr_end == ':' || *expr_end == '=') {
            return fail(sc, "f-string: expression required before '%c'", *expr_end);
        }
        return fail(sc, "f-string: empty expression not allowed");
    }
    PyrsFStrPiece *p = add_piece(out, PYRS_FSTR_FIELD);
    if (p == NULL) {
        return fail(sc, "MemoryError");
    }
    p->expr = expr_start;
    p->expr_len = (size_t)(expr_end - expr_start);
    field_position(sc, brace, &p->expr_lineno, &p->expr_col);
    return field_tail(sc, str, end, lvl, expr_start, out, out->n - 1);
}

/* CPython's FstringParser_ConcatFstring: literal/field pairs until the end or a '}'. */
static int
parse_parts(Scan *sc, const char **str, const char *end, int lvl, PyrsFStrParts *out)
{
    for (;;) {
        int rc = find_literal(sc, str, end, lvl, out);
        if (rc < 0) {
            return -1;
        }
        if (rc == 1) {
            continue;
        }
        if (*str >= end || **str == '}') {
            break;
        }
        if (find_expr(sc, str, end, lvl, out) < 0) {
            return -1;
        }
    }
    if (lvl == 0 && *str < end - 1) {
        return fail(sc, "f-string: unexpected end of string");
    }
    if (lvl != 0 && (*str >= end || **str != '}')) {
        return fail(sc, "f-string: expecting '}'");
    }
    return 0;
}

int
pyrs_fstring_split(const PyrsToken *tok, PyrsFStrParts *out, char *msg, size_t msgsize)
{
    PyrsStrLitInfo info;
    pyrs_strlit_info(tok->start, tok->len, &info);
    Scan sc = {tok, info.is_raw, msg, msgsize, out};
    const char *s = info.body, *end = info.body + info.body_len;
    out->items = NULL;
    out->n = 0;
    out->invalid = NULL;
    out->ninvalid = 0;
    msg[0] = 0;
    return parse_parts(&sc, &s, end, 0, out);
}

PyrsTokenizer *
pyrs_fstring_field_tokenizer(const PyrsFStrPiece *field, const char *filename)
{
    PyrsTokenizer *tok = pyrs_tok_new_utf8(field->expr, field->expr_len, filename,
                                           field->expr_lineno, field->expr_col);
    if (tok != NULL && pyrs_tok_set_fstring_mode(tok) < 0) {
        pyrs_tok_free(tok);
        return NULL;
    }
    return tok;
}

void
pyrs_fstring_free(PyrsFStrParts *out)
{
    for (size_t i = 0; i < out->n; i++) {
        free(out->items[i].text);
        pyrs_fstring_free(&out->items[i].spec);
    }
    free(out->items);
    out->items = NULL;
    out->n = 0;
    free(out->invalid);
    out->invalid = NULL;
    out->ninvalid = 0;
}
