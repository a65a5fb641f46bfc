/* tokenizer.re: the Python 3.11 tokenizer (re2c 3.0), mirroring CPython's Parser/tokenizer.c:
 * the same tokens, INDENT/DEDENT and bracket rules, the same error messages and positions
 * (first error wins). Operators and keywords are matched by re2c; literals are scanned by
 * hand so that error offsets land exactly where CPython's character-by-character scan puts
 * them. */
#include "tokenizer.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyrs/unidata.h"
#include "tok_decode.h"
#include "tok_internal.h"

#define MAXINDENT 100 /* CPython's limit on indentation levels */
#define MAXLEVEL  200 /* CPython's limit on bracket nesting */
#define TABSIZE   8

struct PyrsTokenizer {
    char *buf;               /* decoded UTF-8 text, NUL-terminated, ends with '\n' if non-empty */
    const char *end;         /* buf + length */
    const char *cur;         /* next byte to read */
    const char *line_start;  /* first byte of the current line */
    int lineno;              /* current line (unshifted, 1-based) */
    int atbol;               /* at the beginning of a line: indentation to measure */
    int pendin;              /* pending INDENTs (>0) or DEDENTs (<0) */
    int indent;              /* top of the indentation stack */
    int indstack[MAXINDENT]; /* columns (tabs to multiples of 8) */
    int altindstack[MAXINDENT]; /* columns with tabs counting 1 */
    int level;                  /* open brackets */
    char parenstack[MAXLEVEL];  /* the open bracket characters */
    int parenline[MAXLEVEL];    /* their lines */
    int parencol[MAXLEVEL];     /* their byte columns */
    int finished;               /* ENDMARKER was returned */
    int failed;                 /* an error was recorded */
    int overrides;              /* the error is one that replaces a parser error */
    int cont_line;              /* the current line continues a backslash-ended one */
    int line_shift;             /* added to every reported line number minus one */
    int col_shift;              /* added to columns reported on the first line */
    int fstring_mode;    /* an f-string field: text wrapped in "(...)", "f-string: " errors */
    int declared;        /* the source had a coding declaration */
    int had_newline;     /* the source text ended with a newline */
    int rescanning;      /* looking past a stray character for a later error */
    int cpython_mode;    /* tokens as CPython's _tokenize sees them (set_cpython_mode) */
    int buf_line;        /* first line of CPython's line buffer (_tokenize's `line` text) */
    char warning[48];    /* SyntaxWarning raised by the last token ("" when none) */
    int warning_line;    /* its line */
    int warning_offset;  /* and SyntaxError offset, should it become an error */
    const char *comment; /* start of the comment just skipped on this line, or NULL */
    int prev_kind[2];    /* the last two token kinds returned ([1] the latest) */
    PyrsSyntaxError err; /* the first error */
    char *filename;      /* owned copy */
    size_t *lines;       /* byte offset of each line start */
    int nlines;          /* number of entries in lines */
};

/* ---- small helpers ---------------------------------------------------------------------- */

uint32_t
pyrs_tok_utf8_next(const char **pp, const char *end)
{
    const unsigned char *p = (const unsigned char *)*pp;
    uint32_t c = *p;
    int n = 0;
    if (c < 0x80) {
        n = 0;
    } else if ((c & 0xE0) == 0xC0) {
        c &= 0x1F;
        n = 1;
    } else if ((c & 0xF0) == 0xE0) {
        c &= 0x0F;
        n = 2;
    } else if ((c & 0xF8) == 0xF0) {
        c &= 0x07;
        n = 3;
    }
    p++;
    for (int i = 0; i < n && (const char *)p < end && (*p & 0xC0) == 0x80; i++) {
        c = (c << 6) | (*p++ & 0x3F);
    }
    *pp = (const char *)p;
    return c;
}

int
pyrs_tok_char_count(const char *start, const char *end)
{
    int n = 0;
    for (const char *p = start; p < end; p++) {
        n += ((unsigned char)*p & 0xC0) != 0x80;
    }
    return n;
}

int
pyrs_tok_is_xid(uint32_t ch, int start)
{
    if (ch < 128) {
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_') {
            return 1;
        }
        return !start && ch >= '0' && ch <= '9';
    }
    return pyrs_unidata_isxid(ch, start);
}

static int
is_ident_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9') ||
           c >= 128;
}

static int
is_ident_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}

static int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int
is_xdigit(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The byte at P as an unsigned value (0 at the end of the buffer). */
static int
at(const PyrsTokenizer *tok, const char *p)
{
    return p < tok->end ? (unsigned char)*p : 0;
}

static int
report_line(const PyrsTokenizer *tok, int lineno)
{
    return lineno + tok->line_shift;
}

static int
report_col(const PyrsTokenizer *tok, int lineno, int col)
{
    return lineno == 1 ? col + tok->col_shift : col;
}

/* Length of the line starting at START, including its newline. */
static size_t
line_len(const PyrsTokenizer *tok, const char *start)
{
    const char *p = start;
    while (p < tok->end && *p != '\n') {
        p++;
    }
    return (size_t)(p - start) + (p < tok->end);
}

/* Records an error located on the line starting at LINE_START (line LINENO), with 1-based
 * character offsets OFFSET..END_OFFSET. Always returns -1. */
static int tok_fail(PyrsTokenizer *tok, PyrsErrKind kind, int overrides, const char *line_start,
                    int lineno, int offset, int end_offset, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/* Whether MSG is one CPython's tokenizer raises itself (bad numbers and characters), which
 * keeps no "f-string: " prefix inside a replacement field. */
static int
raised_directly(const char *msg)
{
    return (strncmp(msg, "invalid ", 8) == 0 && strstr(msg, " literal") != NULL) ||
           strncmp(msg, "leading zeros", 13) == 0 || strncmp(msg, "invalid character", 17) == 0 ||
           strncmp(msg, "invalid non-printable", 21) == 0;
}

static int
tok_fail(PyrsTokenizer *tok, PyrsErrKind kind, int overrides, const char *line_start, int lineno,
         int offset, int end_offset, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (!tok->failed) {
        const char *prefix = tok->fstring_mode && !raised_directly(msg) ? "f-string: " : "";
        int rl = report_line(tok, lineno);
        pyrs_perror_set(&tok->err, kind, tok->filename, rl, offset, rl, end_offset, line_start,
                        line_len(tok, line_start), "%s%s", prefix, msg);
        tok->overrides = overrides;
    }
    tok->failed = 1;
    return -1;
}

/* CPython's syntaxerror(): located at the character just before P on the current line. */
static int syntax_error_at(PyrsTokenizer *tok, const char *p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
syntax_error_at(PyrsTokenizer *tok, const char *p, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    int col = pyrs_tok_char_count(tok->line_start, p);
    return tok_fail(tok, PYRS_ERR_SYNTAX, 1, tok->line_start, tok->lineno, col, col, "%s", msg);
}

/* SyntaxError.offset for an error CPython's parser raises from a tokenizer status code at
 * byte column COL of the line at LINE_START: the byte column + 1 unless the source declared
 * its encoding (CPython converts to characters only then). */
static int
pegen_offset(const PyrsTokenizer *tok, const char *line_start, int col)
{
    if (!tok->declared) {
        return col + 1;
    }
    return pyrs_tok_char_count(line_start, line_start + col) + 1;
}

/* Fills *OUT with a token spanning [START, END) of kind KIND; END lies on the current line. */
static int
emit(PyrsTokenizer *tok, PyrsToken *out, PyrsTokKind kind, const char *start, int start_line,
     const char *start_line_ptr, const char *end)
{
    out->kind = kind;
    out->start = start;
    out->len = (size_t)(end - start);
    out->lineno = report_line(tok, start_line);
    out->col_offset = report_col(tok, start_line, (int)(start - start_line_ptr));
    out->end_lineno = report_line(tok, tok->lineno);
    out->end_col_offset = report_col(tok, tok->lineno, (int)(end - tok->line_start));
    return 0;
}

/* Consumes the newline at tok->cur (which must be '\n'). */
static void
take_newline(PyrsTokenizer *tok)
{
    tok->cur++;
    tok->lineno++;
    tok->line_start = tok->cur;
}

/* ---- numbers ---------------------------------------------------------------------------- */

/* Whether the text at P spells the keyword WORD, not followed by an identifier character
 * (used for "1if" style literals that CPython accepts). */
static int
looking_at(const PyrsTokenizer *tok, const char *p, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(tok->end - p) >= n && memcmp(p, word, n) == 0 &&
           !is_ident_char(at(tok, p + n));
}

/* CPython's verify_end_of_number: P is the first byte after the literal. */
static int
check_number_end(PyrsTokenizer *tok, const char *p, const char *kind)
{
    int c = at(tok, p);
    int kw = 0;
    switch (c) {
    case 'a':
        kw = looking_at(tok, p, "and");
        break;
    case 'e':
        kw = looking_at(tok, p, "else");
        break;
    case 'f':
        kw = looking_at(tok, p, "for");
        break;
    case 'i':
        kw = at(tok, p + 1) == 'f' || at(tok, p + 1) == 'n' || at(tok, p + 1) == 's';
        break;
    case 'o':
        kw = looking_at(tok, p, "or");
        break;
    case 'n':
        kw = looking_at(tok, p, "not");
        break;
    default:
        break;
    }
    if (kw) {
        /* CPython only warns here */
        snprintf(tok->warning, sizeof(tok->warning), "invalid %s literal", kind);
        tok->warning_line = report_line(tok, tok->lineno);
        tok->warning_offset = pyrs_tok_char_count(tok->line_start, p);
        return 0;
    }
    if (is_ident_char(c)) {
        return syntax_error_at(tok, p, "invalid %s literal", kind);
    }
    return 0;
}

/* Digits with single underscores between them; *PP is just past the first digit. */
static int
decimal_tail(PyrsTokenizer *tok, const char **pp)
{
    const char *p = *pp;
    for (;;) {
        while (is_digit(at(tok, p))) {
            p++;
        }
        if (at(tok, p) != '_') {
            break;
        }
        p++;
        if (!is_digit(at(tok, p))) {
            return syntax_error_at(tok, p, "invalid decimal literal");
        }
    }
    *pp = p;
    return 0;
}

/* 0x / 0o / 0b literals; P points at the letter after '0'. */
static int
radix_number(PyrsTokenizer *tok, const char **pp, int radix)
{
    const char *kind = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary";
    const char *p = *pp + 1;
    for (;;) {
        if (at(tok, p) == '_') {
            p++;
        }
        int c = at(tok, p);
        int ok = radix == 16  ? is_xdigit(c)
                 : radix == 8 ? (c >= '0' && c <= '7')
                              : (c == '0' || c == '1');
        if (!ok) {
            if (radix != 16 && is_digit(c)) {
                return syntax_error_at(tok, p + 1, "invalid digit '%c' in %s literal", c, kind);
            }
            return syntax_error_at(tok, p, "invalid %s literal", kind);
        }
        while (radix == 16  ? is_xdigit(at(tok, p))
               : radix == 8 ? (at(tok, p) >= '0' && at(tok, p) <= '7')
                            : (at(tok, p) == '0' || at(tok, p) == '1')) {
            p++;
        }
        if (at(tok, p) != '_') {
            break;
        }
    }
    if (radix != 16 && is_digit(at(tok, p))) {
        return syntax_error_at(tok, p + 1, "invalid digit '%c' in %s literal", at(tok, p), kind);
    }
    *pp = p;
    return check_number_end(tok, p, kind);
}

/* Fraction, exponent and imaginary suffix after the integer part (P at '.', 'e' or 'j'). */
static int
number_suffix(PyrsTokenizer *tok, const char **pp)
{
    const char *p = *pp;
    if (at(tok, p) == '.') {
        p++;
        if (is_digit(at(tok, p)) && decimal_tail(tok, &p) < 0) {
            return -1;
        }
    }
    if (at(tok, p) == 'e' || at(tok, p) == 'E') {
        const char *e = p++;
        if (at(tok, p) == '+' || at(tok, p) == '-') {
            p++;
            if (!is_digit(at(tok, p))) {
                return syntax_error_at(tok, p, "invalid decimal literal");
            }
        } else if (!is_digit(at(tok, p))) {
            *pp = e;
            return check_number_end(tok, e, "decimal");
        }
        if (decimal_tail(tok, &p) < 0) {
            return -1;
        }
    }
    if (at(tok, p) == 'j' || at(tok, p) == 'J') {
        p++;
        *pp = p;
        return check_number_end(tok, p, "imaginary");
    }
    *pp = p;
    return check_number_end(tok, p, "decimal");
}

/* A literal starting with '0': radix prefixes, zeros, and the leading-zero error. */
static int
zero_number(PyrsTokenizer *tok, const char **pp)
{
    const char *start = *pp, *p = start + 1;
    int c = at(tok, p);
    if (c == 'x' || c == 'X') {
        *pp = p;
        return radix_number(tok, pp, 16);
    }
    if (c == 'o' || c == 'O') {
        *pp = p;
        return radix_number(tok, pp, 8);
    }
    if (c == 'b' || c == 'B') {
        *pp = p;
        return radix_number(tok, pp, 2);
    }
    for (;;) {
        if (at(tok, p) == '_') {
            p++;
            if (!is_digit(at(tok, p))) {
                return syntax_error_at(tok, p, "invalid decimal literal");
            }
        }
        if (at(tok, p) != '0') {
            break;
        }
        p++;
    }
    const char *zeros_end = p;
    int nonzero = 0;
    if (is_digit(at(tok, p))) {
        nonzero = 1;
        if (decimal_tail(tok, &p) < 0) {
            return -1;
        }
    }
    c = at(tok, p);
    if (c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J') {
        *pp = p;
        return number_suffix(tok, pp);
    }
    if (nonzero) {
        /* CPython gives this range in bytes, not characters */
        int a = (int)(start - tok->line_start) + 1;
        int b = (int)(zeros_end - tok->line_start) + 1;
        return tok_fail(tok, PYRS_ERR_SYNTAX, 1, tok->line_start, tok->lineno, a, b,
                        "leading zeros in decimal integer literals are not permitted; use an 0o "
                        "prefix for octal integers");
    }
    *pp = p;
    return check_number_end(tok, p, "decimal");
}

/* Scans a NUMBER starting at P (a digit, or '.' followed by a digit). */
static int
scan_number(PyrsTokenizer *tok, const char **pp)
{
    const char *p = *pp;
    if (*p == '0') {
        return zero_number(tok, pp);
    }
    if (*p != '.') {
        p++;
        if (decimal_tail(tok, &p) < 0) {
            return -1;
        }
    }
    *pp = p;
    return number_suffix(tok, pp);
}

/* ---- strings ---------------------------------------------------------------------------- */

/* Scans a string body; *PP points at the opening quote, START at the prefix. */
static int
scan_string(PyrsTokenizer *tok, const char **pp, const char *start)
{
    const char *p = *pp;
    int quote = *p, size = 1, endq = 0;
    int first_line = tok->lineno;
    const char *first_line_start = tok->line_start;
    p++;
    if (at(tok, p) == quote) {
        p++;
        if (at(tok, p) == quote) {
            size = 3;
            p++;
        } else {
            endq = 1;
        }
    }
    while (endq != size) {
        int c = p < tok->end ? (unsigned char)*p : -1;
        if (c == -1 || (size == 1 && c == '\n')) {
            /* at end of input CPython still counts the last line */
            int detected = c == -1 && p > tok->buf && p[-1] == '\n' ? tok->lineno - 1 : tok->lineno;
            int col = pyrs_tok_char_count(first_line_start, start) + 1;
            tok->cur = p;
            return tok_fail(tok, PYRS_ERR_SYNTAX, 1, first_line_start, first_line, col, col,
                            size == 3 ? "unterminated triple-quoted string literal (detected at "
                                        "line %d)"
                                      : "unterminated string literal (detected at line %d)",
                            detected);
        }
        if (c == '\n') {
            tok->cur = p;
            take_newline(tok);
            p = tok->cur;
            endq = 0;
            continue;
        }
        p++;
        if (c == quote) {
            endq++;
        } else {
            endq = 0;
            if (c == '\\' && p < tok->end) {
                if (*p == '\n') {
                    tok->cur = p;
                    take_newline(tok);
                    p = tok->cur;
                } else {
                    p++;
                }
            }
        }
    }
    *pp = p;
    return 0;
}

/* ---- identifiers ------------------------------------------------------------------------ */

/* CPython's verify_identifier for the non-ASCII name [START, END). */
static int
check_identifier(PyrsTokenizer *tok, const char *start, const char *end)
{
    const char *p = start;
    int first = 1;
    while (p < end) {
        const char *q = p;
        uint32_t ch = pyrs_tok_utf8_next(&q, end);
        if (!pyrs_tok_is_xid(ch, first)) {
            int col = pyrs_tok_char_count(tok->line_start, q);
            tok->cur = q;
            if (pyrs_unidata_isprintable(ch)) {
                return tok_fail(tok, PYRS_ERR_SYNTAX, 1, tok->line_start, tok->lineno, col, col,
                                "invalid character '%.*s' (U+%04X)", (int)(q - p), p, ch);
            }
            return tok_fail(tok, PYRS_ERR_SYNTAX, 1, tok->line_start, tok->lineno, col, col,
                            "invalid non-printable character U+%04X", ch);
        }
        first = 0;
        p = q;
    }
    return 0;
}

/* The keyword kind of NAME [S, S+N), or NAME. Matched by re2c on a NUL-terminated copy. */
static PyrsTokKind
keyword_kind(const char *s, size_t n)
{
    char word[16];
    if (n >= sizeof(word)) {
        return PYRS_TOK_NAME;
    }
    memcpy(word, s, n);
    word[n] = 0;
    const unsigned char *YYCURSOR = (const unsigned char *)word, *YYMARKER;
    (void)YYMARKER;
    /*!re2c
        re2c:define:YYCTYPE = "unsigned char";
        re2c:yyfill:enable = 0;
        "False" "\x00" { return PYRS_TOK_KW_FALSE; }
        "None" "\x00" { return PYRS_TOK_KW_NONE; }
        "True" "\x00" { return PYRS_TOK_KW_TRUE; }
        "and" "\x00" { return PYRS_TOK_KW_AND; }
        "as" "\x00" { return PYRS_TOK_KW_AS; }
        "assert" "\x00" { return PYRS_TOK_KW_ASSERT; }
        "async" "\x00" { return PYRS_TOK_KW_ASYNC; }
        "await" "\x00" { return PYRS_TOK_KW_AWAIT; }
        "break" "\x00" { return PYRS_TOK_KW_BREAK; }
        "class" "\x00" { return PYRS_TOK_KW_CLASS; }
        "continue" "\x00" { return PYRS_TOK_KW_CONTINUE; }
        "def" "\x00" { return PYRS_TOK_KW_DEF; }
        "del" "\x00" { return PYRS_TOK_KW_DEL; }
        "elif" "\x00" { return PYRS_TOK_KW_ELIF; }
        "else" "\x00" { return PYRS_TOK_KW_ELSE; }
        "except" "\x00" { return PYRS_TOK_KW_EXCEPT; }
        "finally" "\x00" { return PYRS_TOK_KW_FINALLY; }
        "for" "\x00" { return PYRS_TOK_KW_FOR; }
        "from" "\x00" { return PYRS_TOK_KW_FROM; }
        "global" "\x00" { return PYRS_TOK_KW_GLOBAL; }
        "if" "\x00" { return PYRS_TOK_KW_IF; }
        "import" "\x00" { return PYRS_TOK_KW_IMPORT; }
        "in" "\x00" { return PYRS_TOK_KW_IN; }
        "is" "\x00" { return PYRS_TOK_KW_IS; }
        "lambda" "\x00" { return PYRS_TOK_KW_LAMBDA; }
        "nonlocal" "\x00" { return PYRS_TOK_KW_NONLOCAL; }
        "not" "\x00" { return PYRS_TOK_KW_NOT; }
        "or" "\x00" { return PYRS_TOK_KW_OR; }
        "pass" "\x00" { return PYRS_TOK_KW_PASS; }
        "raise" "\x00" { return PYRS_TOK_KW_RAISE; }
        "return" "\x00" { return PYRS_TOK_KW_RETURN; }
        "try" "\x00" { return PYRS_TOK_KW_TRY; }
        "while" "\x00" { return PYRS_TOK_KW_WHILE; }
        "with" "\x00" { return PYRS_TOK_KW_WITH; }
        "yield" "\x00" { return PYRS_TOK_KW_YIELD; }
        * { return PYRS_TOK_NAME; }
    */
}

/* Scans a NAME or a prefixed STRING starting at tok->cur. */
static int
scan_name(PyrsTokenizer *tok, PyrsToken *out)
{
    const char *start = tok->cur, *p = start;
    int saw_b = 0, saw_r = 0, saw_u = 0, saw_f = 0;
    for (;;) {
        int c = at(tok, p);
        if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) {
            saw_b = 1;
        } else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U')) {
            saw_u = 1;
        } else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) {
            saw_r = 1;
        } else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) {
            saw_f = 1;
        } else {
            break;
        }
        p++;
        if (at(tok, p) == '"' || at(tok, p) == '\'') {
            int line = tok->lineno;
            const char *ls = tok->line_start;
            if (scan_string(tok, &p, start) < 0) {
                return -1;
            }
            tok->cur = p;
            return emit(tok, out, PYRS_TOK_STRING, start, line, ls, p);
        }
    }
    int nonascii = 0;
    while (is_ident_char(at(tok, p))) {
        nonascii |= at(tok, p) >= 128;
        p++;
    }
    if (nonascii && check_identifier(tok, start, p) < 0) {
        return -1;
    }
    tok->cur = p;
    return emit(tok, out, keyword_kind(start, (size_t)(p - start)), start, tok->lineno,
                tok->line_start, p);
}

/* ---- operators and brackets ------------------------------------------------------------- */

/* Matches the operator at P; returns its kind and sets *LEN, or returns -1 (unknown byte). */
static int
match_operator(const char *p, size_t *len)
{
    const unsigned char *YYCURSOR = (const unsigned char *)p, *YYMARKER;
    const unsigned char *base = YYCURSOR;
    int kind;
    /*!re2c
        re2c:define:YYCTYPE = "unsigned char";
        re2c:yyfill:enable = 0;
        "(" { kind = PYRS_TOK_LPAR; goto done; }
        ")" { kind = PYRS_TOK_RPAR; goto done; }
        "[" { kind = PYRS_TOK_LSQB; goto done; }
        "]" { kind = PYRS_TOK_RSQB; goto done; }
        "{" { kind = PYRS_TOK_LBRACE; goto done; }
        "}" { kind = PYRS_TOK_RBRACE; goto done; }
        ":" { kind = PYRS_TOK_COLON; goto done; }
        ":=" { kind = PYRS_TOK_COLONEQUAL; goto done; }
        "," { kind = PYRS_TOK_COMMA; goto done; }
        ";" { kind = PYRS_TOK_SEMI; goto done; }
        "+" { kind = PYRS_TOK_PLUS; goto done; }
        "+=" { kind = PYRS_TOK_PLUSEQUAL; goto done; }
        "-" { kind = PYRS_TOK_MINUS; goto done; }
        "-=" { kind = PYRS_TOK_MINEQUAL; goto done; }
        "->" { kind = PYRS_TOK_RARROW; goto done; }
        "*" { kind = PYRS_TOK_STAR; goto done; }
        "*=" { kind = PYRS_TOK_STAREQUAL; goto done; }
        "**" { kind = PYRS_TOK_DOUBLESTAR; goto done; }
        "**=" { kind = PYRS_TOK_DOUBLESTAREQUAL; goto done; }
        "/" { kind = PYRS_TOK_SLASH; goto done; }
        "/=" { kind = PYRS_TOK_SLASHEQUAL; goto done; }
        "//" { kind = PYRS_TOK_DOUBLESLASH; goto done; }
        "//=" { kind = PYRS_TOK_DOUBLESLASHEQUAL; goto done; }
        "|" { kind = PYRS_TOK_VBAR; goto done; }
        "|=" { kind = PYRS_TOK_VBAREQUAL; goto done; }
        "&" { kind = PYRS_TOK_AMPER; goto done; }
        "&=" { kind = PYRS_TOK_AMPEREQUAL; goto done; }
        "<" { kind = PYRS_TOK_LESS; goto done; }
        "<=" { kind = PYRS_TOK_LESSEQUAL; goto done; }
        "<<" { kind = PYRS_TOK_LEFTSHIFT; goto done; }
        "<<=" { kind = PYRS_TOK_LEFTSHIFTEQUAL; goto done; }
        "<>" { kind = -2; goto done; }
        ">" { kind = PYRS_TOK_GREATER; goto done; }
        ">=" { kind = PYRS_TOK_GREATEREQUAL; goto done; }
        ">>" { kind = PYRS_TOK_RIGHTSHIFT; goto done; }
        ">>=" { kind = PYRS_TOK_RIGHTSHIFTEQUAL; goto done; }
        "=" { kind = PYRS_TOK_EQUAL; goto done; }
        "==" { kind = PYRS_TOK_EQEQUAL; goto done; }
        "!=" { kind = PYRS_TOK_NOTEQUAL; goto done; }
        "." { kind = PYRS_TOK_DOT; goto done; }
        "..." { kind = PYRS_TOK_ELLIPSIS; goto done; }
        "%" { kind = PYRS_TOK_PERCENT; goto done; }
        "%=" { kind = PYRS_TOK_PERCENTEQUAL; goto done; }
        "~" { kind = PYRS_TOK_TILDE; goto done; }
        "^" { kind = PYRS_TOK_CIRCUMFLEX; goto done; }
        "^=" { kind = PYRS_TOK_CIRCUMFLEXEQUAL; goto done; }
        "@" { kind = PYRS_TOK_AT; goto done; }
        "@=" { kind = PYRS_TOK_ATEQUAL; goto done; }
        * { kind = -1; goto done; }
    */
done:
    *len = (size_t)(YYCURSOR - base);
    return kind;
}

/* Bracket bookkeeping for an operator token of kind KIND at START. */
static int
track_brackets(PyrsTokenizer *tok, int kind, const char *start)
{
    char c = *start;
    if (kind == PYRS_TOK_LPAR || kind == PYRS_TOK_LSQB || kind == PYRS_TOK_LBRACE) {
        if (tok->level >= MAXLEVEL) {
            return syntax_error_at(tok, start + 1, "too many nested parentheses");
        }
        tok->parenstack[tok->level] = c;
        tok->parenline[tok->level] = tok->lineno;
        tok->parencol[tok->level] = (int)(start - tok->line_start);
        tok->level++;
        return 0;
    }
    if (kind != PYRS_TOK_RPAR && kind != PYRS_TOK_RSQB && kind != PYRS_TOK_RBRACE) {
        return 0;
    }
    if (tok->level == 0) {
        return syntax_error_at(tok, start + 1, "unmatched '%c'", c);
    }
    tok->level--;
    char open = tok->parenstack[tok->level];
    if ((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}')) {
        return 0;
    }
    if (tok->parenline[tok->level] != tok->lineno) {
        return syntax_error_at(tok, start + 1,
                               "closing parenthesis '%c' does not match opening parenthesis "
                               "'%c' on line %d",
                               c, open, report_line(tok, tok->parenline[tok->level]));
    }
    return syntax_error_at(tok, start + 1,
                           "closing parenthesis '%c' does not match opening parenthesis '%c'", c,
                           open);
}

/* ---- indentation ------------------------------------------------------------------------ */

/* CPython's indenterror(): TabError, reported at the start of the line. */
static int
tab_error(PyrsTokenizer *tok)
{
    return tok_fail(tok, PYRS_ERR_TAB, 0, tok->line_start, tok->lineno, 1, 0,
                    "inconsistent use of tabs and spaces in indentation");
}

static int line_continuation(PyrsTokenizer *tok);

/* Measures the indentation of a new line and queues INDENT/DEDENT tokens (CPython rules).
 * Returns 1 for a blank or comment-only line (its NEWLINE is dropped), 0, or -1 on error. */
static int
measure_indent(PyrsTokenizer *tok)
{
    int col = 0, altcol = 0;
    int cont_col = 0; /* column of the first backslash joining lines here (0: none) */
    const char *p = tok->cur;
    for (;; p++) {
        int c = at(tok, p);
        if (c == ' ') {
            col++;
            altcol++;
        } else if (c == '\t') {
            col = (col / TABSIZE + 1) * TABSIZE;
            altcol++;
        } else if (c == '\f') {
            col = altcol = 0;
        } else if (c == '\\') {
            /* CPython: the indentation is that of the first backslash, if not at column 0;
             * the joined line is measured on as part of this one */
            cont_col = cont_col ? cont_col : col;
            tok->cur = p;
            if (line_continuation(tok) < 0) {
                return -1;
            }
            tok->buf_line = tok->lineno; /* CPython reads the joined line afresh here */
            p = tok->cur - 1;
        } else {
            break;
        }
    }
    if (cont_col) {
        col = altcol = cont_col;
    }
    tok->cur = p;
    int c = at(tok, p);
    if (c == '#' || (c == '\n' && p < tok->end) || tok->level > 0) {
        /* blank lines, comment lines and bracketed lines do not count */
        return c == '#' || (c == '\n' && p < tok->end);
    }
    if (col == tok->indstack[tok->indent]) {
        if (altcol != tok->altindstack[tok->indent]) {
            return tab_error(tok);
        }
    } else if (col > tok->indstack[tok->indent]) {
        if (tok->indent + 1 >= MAXINDENT) {
            return tok_fail(tok, PYRS_ERR_INDENTATION, 0, tok->line_start, tok->lineno, 1, 0,
                            "too many levels of indentation");
        }
        if (altcol <= tok->altindstack[tok->indent]) {
            return tab_error(tok);
        }
        tok->pendin++;
        tok->indent++;
        tok->indstack[tok->indent] = col;
        tok->altindstack[tok->indent] = altcol;
    } else {
        while (tok->indent > 0 && col < tok->indstack[tok->indent]) {
            tok->pendin--;
            tok->indent--;
        }
        if (col != tok->indstack[tok->indent]) {
            size_t n = line_len(tok, tok->line_start);
            int off = pegen_offset(tok, tok->line_start, (int)n) - 1;
            return tok_fail(tok, PYRS_ERR_INDENTATION, 0, tok->line_start, tok->lineno, off, -1,
                            "unindent does not match any outer indentation level");
        }
        if (altcol != tok->altindstack[tok->indent]) {
            return tab_error(tok);
        }
    }
    return 0;
}

/* ---- the driver ------------------------------------------------------------------------- */

/* End of input: the NEWLINE CPython adds, pending DEDENTs, then ENDMARKER. */
static int
at_eof(PyrsTokenizer *tok, PyrsToken *out)
{
    const char *p = tok->cur;
    if (tok->level > 0) {
        int i = tok->level - 1;
        const char *ls = tok->buf + tok->lines[tok->parenline[i] - 1];
        int col = pegen_offset(tok, ls, tok->parencol[i]);
        return tok_fail(tok, PYRS_ERR_SYNTAX, 0, ls, tok->parenline[i], col, 0,
                        "'%c' was never closed", tok->parenstack[i]);
    }
    if (tok->indent > 0) {
        tok->indent--;
        return emit(tok, out, PYRS_TOK_DEDENT, p, tok->lineno, tok->line_start, p);
    }
    tok->finished = 1;
    return emit(tok, out, PYRS_TOK_ENDMARKER, p, tok->lineno, tok->line_start, p);
}

/* A backslash at tok->cur: joins the next line, or fails as CPython does. */
static int
line_continuation(PyrsTokenizer *tok)
{
    const char *p = tok->cur + 1;
    if (at(tok, p) != '\n' || p >= tok->end) {
        int col = pegen_offset(tok, tok->line_start, (int)(p - tok->line_start));
        return tok_fail(tok, PYRS_ERR_SYNTAX, 0, tok->line_start, tok->lineno, col, 0,
                        "unexpected character after line continuation character");
    }
    if (p + 1 >= tok->end) {
        size_t n = line_len(tok, tok->line_start);
        int off = pegen_offset(tok, tok->line_start, (int)n) - 1;
        return tok_fail(tok, PYRS_ERR_SYNTAX, 0, tok->line_start, tok->lineno, off, -1,
                        "unexpected EOF while parsing");
    }
    tok->cur = p;
    take_newline(tok);
    tok->cont_line = 1;
    return 0;
}

static int next_token(PyrsTokenizer *tok, PyrsToken *out);

/* Whether the stray character at START sits where CPython's parser forces a ':' (after
 * "try", "finally", or a def header's ')' or "-> NAME" on a line starting with def). */
static int
forced_colon(const PyrsTokenizer *tok, const char *start)
{
    int prev = tok->prev_kind[1];
    if (prev == PYRS_TOK_KW_TRY || prev == PYRS_TOK_KW_FINALLY) {
        return 1;
    }
    if (tok->level != 0 || (prev != PYRS_TOK_RPAR && prev != PYRS_TOK_NAME)) {
        return 0;
    }
    const char *p = tok->line_start;
    while (p < start && (*p == ' ' || *p == '\t' || *p == '\f')) {
        p++;
    }
    if ((size_t)(start - p) > 6 && memcmp(p, "async ", 6) == 0) {
        p += 6;
        while (p < start && (*p == ' ' || *p == '\t')) {
            p++;
        }
    }
    if ((size_t)(start - p) < 4 || memcmp(p, "def", 3) != 0 || (p[3] != ' ' && p[3] != '\t')) {
        return 0;
    }
    int depth = 0;
    for (const char *c = p; c < start; c++) {
        depth += (*c == '(' || *c == '[' || *c == '{') - (*c == ')' || *c == ']' || *c == '}');
        if (*c == ':' && depth == 0) {
            return 0; /* past the header */
        }
    }
    if (prev == PYRS_TOK_RPAR) {
        return 1;
    }
    /* "-> NAME" directly before */
    const char *q = start;
    while (q > p && (is_ident_char((unsigned char)q[-1]) || q[-1] == ' ' || q[-1] == '.')) {
        q--;
    }
    return q - p >= 2 && q[-1] == '>' && q[-2] == '-';
}

/* A character no token starts with (or '<>'): CPython makes it an OP token that the parser
 * rejects with "invalid syntax" there, then rescans the rest of the file, where a tokenizer
 * exception (an unterminated string, ...) replaces that error. Both are decided here.
 * Returns -1 (error recorded), or 1 while rescanning (the character is skipped). */
static int
stray_character(PyrsTokenizer *tok, const char *start, int len)
{
    if (tok->rescanning) {
        tok->cur = start + len; /* just skip it, as CPython's rescan does */
        return 1;
    }
    int col = pyrs_tok_char_count(tok->line_start, start) + 1;
    /* after "def NAME" the parser's forced '(' speaks first, and so does a forced ':' */
    int def = tok->prev_kind[0] == PYRS_TOK_KW_DEF && tok->prev_kind[1] == PYRS_TOK_NAME;
    tok_fail(tok, PYRS_ERR_SYNTAX, 0, tok->line_start, tok->lineno, col, col + len,
             def                        ? "expected '('"
             : forced_colon(tok, start) ? "expected ':'"
                                        : "invalid syntax");
    PyrsSyntaxError stray = tok->err;
    memset(&tok->err, 0, sizeof(tok->err));
    tok->failed = 0;
    tok->rescanning = 1;
    tok->cur = start + len;
    PyrsToken t;
    while (next_token(tok, &t) == 0 && t.kind != PYRS_TOK_ENDMARKER) {
    }
    int unclosed = tok->failed && tok->level > 0 && strstr(tok->err.msg, "was never closed") &&
                   tok->parenline[tok->level - 1] + tok->line_shift < stray.lineno;
    if (tok->failed && (tok->overrides || unclosed)) {
        pyrs_perror_clear(&stray);
    } else {
        pyrs_perror_clear(&tok->err);
        tok->err = stray;
        tok->overrides = 0;
    }
    tok->failed = 1;
    return -1;
}

/* One operator, bracket or stray character at tok->cur. */
static int
scan_operator(PyrsTokenizer *tok, PyrsToken *out)
{
    const char *start = tok->cur;
    size_t n = 0;
    int kind = match_operator(start, &n);
    int c = (unsigned char)*start;
    if (kind == -1 && ((c > 0 && c < 0x20) || c == 0x7f)) {
        /* CPython's tokenizer raises for a non-printable character itself */
        return syntax_error_at(tok, start + 1, "invalid non-printable character U+%04X", c);
    }
    if (kind < 0 && tok->cpython_mode) {
        /* CPython's tokenizer returns OP ('<>': NOTEQUAL); only its parser rejects them */
        tok->cur = start + (kind == -2 ? 2 : 1);
        return emit(tok, out, kind == -2 ? PYRS_TOK_NOTEQUAL : PYRS_TOK_OP, start, tok->lineno,
                    tok->line_start, tok->cur);
    }
    if (kind < 0) {
        return stray_character(tok, start, kind == -2 ? 2 : 1);
    }
    if (track_brackets(tok, kind, start) < 0) {
        return -1;
    }
    tok->cur = start + n;
    return emit(tok, out, (PyrsTokKind)kind, start, tok->lineno, tok->line_start, tok->cur);
}

/* Skips blanks and comments within a line. */
static void
skip_blanks(PyrsTokenizer *tok)
{
    const char *p = tok->cur;
    while (p < tok->end && (*p == ' ' || *p == '\t' || *p == '\f')) {
        p++;
    }
    tok->comment = NULL;
    if (p < tok->end && *p == '#') {
        tok->comment = p;
        while (p < tok->end && *p != '\n') {
            p++;
        }
    }
    tok->cur = p;
}

/* A NAME, NUMBER, STRING or operator starting with byte C at tok->cur. */
static int
scan_token(PyrsTokenizer *tok, PyrsToken *out, int c)
{
    const char *start = tok->cur, *p = start;
    if (is_ident_start(c)) {
        return scan_name(tok, out);
    }
    if (is_digit(c) || (c == '.' && is_digit(at(tok, p + 1)))) {
        if (scan_number(tok, &p) < 0) {
            return -1;
        }
        tok->cur = p;
        return emit(tok, out, PYRS_TOK_NUMBER, start, tok->lineno, tok->line_start, p);
    }
    if (c == '"' || c == '\'') {
        int line = tok->lineno;
        const char *ls = tok->line_start;
        if (scan_string(tok, &p, start) < 0) {
            return -1;
        }
        tok->cur = p;
        return emit(tok, out, PYRS_TOK_STRING, start, line, ls, p);
    }
    return scan_operator(tok, out);
}

/* The token at tok->cur once indentation is settled; loops over blank lines. */
static int
next_token(PyrsTokenizer *tok, PyrsToken *out)
{
    int blank = 0; /* this call began on a blank or comment-only line (CPython's blankline) */
    for (;;) {
        if (tok->atbol) {
            tok->atbol = 0;
            if (tok->cur < tok->end) {
                tok->buf_line = tok->lineno; /* CPython keeps its buffer at end of input */
            }
            blank = measure_indent(tok);
            if (blank < 0) {
                return -1;
            }
        }
        if (tok->pendin != 0) {
            PyrsTokKind k = tok->pendin < 0 ? PYRS_TOK_DEDENT : PYRS_TOK_INDENT;
            tok->pendin += tok->pendin < 0 ? 1 : -1;
            return emit(tok, out, k, tok->cur, tok->lineno, tok->line_start, tok->cur);
        }
        skip_blanks(tok);
        if (tok->cur >= tok->end) {
            return at_eof(tok, out);
        }
        int c = (unsigned char)*tok->cur;
        if (c == '\n') {
            const char *nl = tok->cur;
            if (blank || tok->level > 0) {
                take_newline(tok);
                tok->atbol = 1;
                continue;
            }
            tok->cur = nl + 1;
            /* CPython's NEWLINE starts at a comment before it and ends at the '\n' */
            const char *from = tok->comment ? tok->comment : nl;
            emit(tok, out, PYRS_TOK_NEWLINE, from, tok->lineno, tok->line_start, nl + 1);
            out->end_col_offset = report_col(tok, tok->lineno, (int)(nl - tok->line_start));
            tok->lineno++;
            tok->line_start = tok->cur;
            tok->atbol = 1;
            tok->cont_line = 0;
            return 0;
        }
        if (c == '\\') {
            if (line_continuation(tok) < 0) {
                return -1;
            }
            continue;
        }
        int rc = scan_token(tok, out, c);
        if (rc != 1) {
            return rc;
        }
    }
}

int
pyrs_tok_next(PyrsTokenizer *tok, PyrsToken *out)
{
    memset(out, 0, sizeof(*out));
    tok->warning[0] = 0;
    if (tok->failed) {
        return -1;
    }
    if (tok->finished) {
        const char *p = tok->end;
        return emit(tok, out, PYRS_TOK_ENDMARKER, p, tok->lineno, tok->line_start, p);
    }
    int rc = next_token(tok, out);
    if (rc == 0) {
        tok->prev_kind[0] = tok->prev_kind[1];
        tok->prev_kind[1] = out->kind;
    }
    return rc;
}

/* ---- construction and queries ----------------------------------------------------------- */

/* Indexes line starts of the decoded text. */
static int
index_lines(PyrsTokenizer *tok)
{
    size_t cap = 16;
    tok->lines = malloc(cap * sizeof(size_t));
    if (tok->lines == NULL) {
        return -1;
    }
    tok->nlines = 0;
    tok->lines[tok->nlines++] = 0;
    for (const char *p = tok->buf; p < tok->end; p++) {
        if (*p == '\n' && p + 1 <= tok->end) {
            if ((size_t)tok->nlines == cap) {
                cap *= 2;
                size_t *n = realloc(tok->lines, cap * sizeof(size_t));
                if (n == NULL) {
                    return -1;
                }
                tok->lines = n;
            }
            tok->lines[tok->nlines++] = (size_t)(p + 1 - tok->buf);
        }
    }
    return 0;
}

/* Allocates the tokenizer and decodes the text (CHECK_COOKIE for raw file bytes). */
static PyrsTokenizer *
tok_create(const char *src, size_t len, const char *filename, int check_cookie)
{
    PyrsTokenizer *tok = calloc(1, sizeof(*tok));
    if (tok == NULL) {
        return NULL;
    }
    tok->filename = strdup(filename ? filename : "<string>");
    if (tok->filename == NULL) {
        free(tok);
        return NULL;
    }
    size_t n = 0;
    tok->had_newline = len > 0 && (src[len - 1] == '\n' || src[len - 1] == '\r');
    tok->buf =
        pyrs_tok_decode(src, len, check_cookie, tok->filename, &n, &tok->declared, &tok->err);
    if (tok->buf == NULL) {
        if (tok->err.kind == PYRS_ERR_NONE) {
            pyrs_tok_free(tok);
            return NULL;
        }
        tok->failed = 1;
        tok->overrides = 1;
        tok->buf = calloc(1, 1);
        if (tok->buf == NULL) {
            pyrs_tok_free(tok);
            return NULL;
        }
    }
    tok->end = tok->buf + n;
    tok->cur = tok->line_start = tok->buf;
    tok->lineno = 1;
    tok->atbol = 1;
    if (index_lines(tok) < 0) {
        pyrs_tok_free(tok);
        return NULL;
    }
    return tok;
}

PyrsTokenizer *
pyrs_tok_new(const char *src, size_t len, const char *filename)
{
    return tok_create(src, len, filename, 1);
}

PyrsTokenizer *
pyrs_tok_new_utf8(const char *src, size_t len, const char *filename, int lineno, int col)
{
    PyrsTokenizer *tok = tok_create(src, len, filename, 0);
    if (tok != NULL) {
        tok->line_shift = lineno - 1;
        tok->col_shift = col;
    }
    return tok;
}

int
pyrs_tok_set_fstring_mode(PyrsTokenizer *tok)
{
    /* CPython 3.11 parses a field as the text "(" + expr + ")" */
    size_t n = (size_t)(tok->end - tok->buf);
    if (n > 0 && tok->buf[n - 1] == '\n' && !tok->had_newline) {
        n--; /* the newline tok_create added */
    }
    char *nb = malloc(n + 4);
    if (nb == NULL) {
        return -1;
    }
    nb[0] = '(';
    memcpy(nb + 1, tok->buf, n);
    memcpy(nb + 1 + n, ")\n", 3);
    free(tok->buf);
    free(tok->lines);
    tok->lines = NULL;
    tok->buf = nb;
    tok->end = nb + n + 3;
    tok->cur = tok->line_start = nb;
    tok->fstring_mode = 1;
    return index_lines(tok);
}

int
pyrs_tok_error_offset(const PyrsTokenizer *tok, int lineno, int col)
{
    if (!tok->declared && !tok->fstring_mode) {
        return col + 1; /* CPython 3.11 leaves byte offsets unconverted without a cookie */
    }
    size_t len = 0;
    const char *line = pyrs_tok_line(tok, lineno, &len);
    int raw = lineno - tok->line_shift == 1 ? col - tok->col_shift : col;
    if (line == NULL || raw < 0) {
        return col + 1;
    }
    if ((size_t)raw > len) {
        return pyrs_tok_char_count(line, line + len) + 1 + (raw - (int)len);
    }
    return pyrs_tok_char_count(line, line + raw) + 1;
}

PyrsTokenizer *
pyrs_tok_restart(const PyrsTokenizer *tok)
{
    PyrsTokenizer *t = calloc(1, sizeof(*t));
    if (t == NULL) {
        return NULL;
    }
    size_t n = (size_t)(tok->end - tok->buf);
    t->filename = strdup(tok->filename);
    t->buf = malloc(n + 1);
    if (t->filename == NULL || t->buf == NULL) {
        pyrs_tok_free(t);
        return NULL;
    }
    memcpy(t->buf, tok->buf, n + 1);
    t->end = t->buf + n;
    t->cur = t->line_start = t->buf;
    t->lineno = 1;
    t->atbol = 1;
    t->line_shift = tok->line_shift;
    t->col_shift = tok->col_shift;
    t->fstring_mode = tok->fstring_mode;
    t->declared = tok->declared;
    if (tok->failed && tok->buf[0] == 0 && tok->err.kind != PYRS_ERR_NONE) {
        /* a decoding error: nothing to tokenize */
        t->failed = 1;
    }
    if (index_lines(t) < 0) {
        pyrs_tok_free(t);
        return NULL;
    }
    return t;
}

void
pyrs_tok_set_cpython_mode(PyrsTokenizer *tok)
{
    tok->cpython_mode = 1;
}

int
pyrs_tok_buf_line(const PyrsTokenizer *tok)
{
    return report_line(tok, tok->buf_line);
}

const char *
pyrs_tok_warning(const PyrsTokenizer *tok, int *lineno, int *offset)
{
    *lineno = tok->warning_line;
    *offset = tok->warning_offset;
    return tok->warning[0] ? tok->warning : NULL;
}

int
pyrs_tok_is_fstring(const PyrsTokenizer *tok)
{
    return tok->fstring_mode;
}

const char *
pyrs_tok_filename(const PyrsTokenizer *tok)
{
    return tok->filename;
}

const PyrsSyntaxError *
pyrs_tok_error(const PyrsTokenizer *tok)
{
    return &tok->err;
}

int
pyrs_tok_error_overrides(const PyrsTokenizer *tok)
{
    return tok->failed && tok->overrides;
}

int
pyrs_tok_paren_level(const PyrsTokenizer *tok, char *ch, int *lineno, int *col)
{
    if (tok->level > 0) {
        if (ch) {
            *ch = tok->parenstack[tok->level - 1];
        }
        if (lineno) {
            *lineno = report_line(tok, tok->parenline[tok->level - 1]);
        }
        if (col) {
            *col = tok->parencol[tok->level - 1];
        }
    }
    return tok->level;
}

const char *
pyrs_tok_line(const PyrsTokenizer *tok, int lineno, size_t *len)
{
    int i = lineno - tok->line_shift - 1;
    if (i < 0 || i >= tok->nlines) {
        return NULL;
    }
    const char *s = tok->buf + tok->lines[i];
    if (s >= tok->end && i > 0) {
        return NULL;
    }
    const char *e = s;
    while (e < tok->end && *e != '\n') {
        e++;
    }
    if (len) {
        *len = (size_t)(e - s);
    }
    return s;
}

void
pyrs_tok_free(PyrsTokenizer *tok)
{
    if (tok == NULL) {
        return;
    }
    pyrs_perror_clear(&tok->err);
    free(tok->buf);
    free(tok->lines);
    free(tok->filename);
    free(tok);
}

const char *
pyrs_tok_kind_name(PyrsTokKind kind)
{
    static const char *const names[] = {
#define X(name, text) #name,
#include "tokens.def"
#undef X
    };
    if (kind == PYRS_TOK_OP) {
        return "OP";
    }
    if ((unsigned)kind >= PYRS_TOK__COUNT) {
        return "?";
    }
    return names[kind];
}
