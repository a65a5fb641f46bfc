/* errhint.c: turns a grammar rejection into CPython 3.11's diagnosis. Mirrors the effect of
 * the invalid_* rules of CPython's PEG grammar that can be decided from the tokens ("expected
 * ':'", "Perhaps you forgot a comma?", missing indented blocks, ...) and the rule that a
 * tokenizer error later in the file replaces the parser's "invalid syntax". */
#include "errhint.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fstring.h"
#include "strlit.h"
#include "tok_internal.h"

/* The whole token stream again, and facts about it. */
typedef struct {
    PyrsErrHintCtx *ctx; /* the caller's context */
    PyrsToken *t;        /* tokens (re-tokenized from the start) */
    int *depth;          /* bracket depth before each token */
    size_t n;            /* tokens in t */
    size_t r;            /* index of the rejected token */
    PyrsTokenizer *tok;  /* the re-tokenizer, which owns the tokens' text */
} Hint;

#define K(i) (h->t[i].kind)

static int
is_open(PyrsTokKind k)
{
    return k == PYRS_TOK_LPAR || k == PYRS_TOK_LSQB || k == PYRS_TOK_LBRACE;
}

static int
is_close(PyrsTokKind k)
{
    return k == PYRS_TOK_RPAR || k == PYRS_TOK_RSQB || k == PYRS_TOK_RBRACE;
}

/* Tokens that can end an atom (so that another atom after them needs an operator). */
static int
ends_atom(PyrsTokKind k)
{
    return k == PYRS_TOK_NAME || k == PYRS_TOK_NUMBER || k == PYRS_TOK_STRING || is_close(k) ||
           k == PYRS_TOK_KW_TRUE || k == PYRS_TOK_KW_FALSE || k == PYRS_TOK_KW_NONE ||
           k == PYRS_TOK_ELLIPSIS;
}

/* Tokens that can start an expression where one cannot continue. */
static int
starts_atom(PyrsTokKind k)
{
    return k == PYRS_TOK_NAME || k == PYRS_TOK_NUMBER || k == PYRS_TOK_STRING ||
           k == PYRS_TOK_LBRACE || k == PYRS_TOK_KW_TRUE || k == PYRS_TOK_KW_FALSE ||
           k == PYRS_TOK_KW_NONE || k == PYRS_TOK_ELLIPSIS || k == PYRS_TOK_KW_NOT ||
           k == PYRS_TOK_KW_LAMBDA || k == PYRS_TOK_KW_AWAIT;
}

static int
is_name(const PyrsToken *t, const char *s)
{
    size_t n = strlen(s);
    return t->kind == PYRS_TOK_NAME && t->len == n && memcmp(t->start, s, n) == 0;
}

/* Whether T passes CPython 3.11's SOFT_KEYWORD test, which compares only the token's length:
 * any prefix of "match", "case" or "_" ("ca", "m") counts. */
static int
soft_keyword_prefix(const PyrsToken *t)
{
    static const char *const kws[] = {"match", "case", "_"};
    if (t->kind != PYRS_TOK_NAME) {
        return 0;
    }
    for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++) {
        if (t->len <= strlen(kws[i]) && memcmp(kws[i], t->start, t->len) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Re-reads every token up to the end or the tokenizer's error. */
static int
load(Hint *h)
{
    PyrsTokenizer *tok = h->tok = pyrs_tok_restart(h->ctx->tok);
    size_t cap = 256;
    int d = 0;
    if (tok == NULL) {
        return -1;
    }
    h->t = malloc(cap * sizeof(*h->t));
    h->depth = malloc(cap * sizeof(int));
    h->n = 0;
    while (h->t && h->depth) {
        if (h->n == cap) {
            cap *= 2;
            PyrsToken *t = realloc(h->t, cap * sizeof(*t));
            int *dp = t ? realloc(h->depth, cap * sizeof(int)) : NULL;
            h->t = t ? t : h->t;
            h->depth = dp ? dp : h->depth;
            if (!t || !dp) {
                break;
            }
        }
        PyrsToken *t = &h->t[h->n];
        if (pyrs_tok_next(tok, t) < 0) {
            break;
        }
        d -= is_close(t->kind) && d > 0;
        h->depth[h->n++] = d;
        d += is_open(t->kind);
        if (t->kind == PYRS_TOK_ENDMARKER) {
            break;
        }
    }
    return h->t && h->depth ? 0 : -1;
}

/* Records the error with token-based positions (byte columns converted as CPython does). */
static void report(Hint *h, PyrsErrKind kind, int line, int offset, int end_line, int end_offset,
                   const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void
report(Hint *h, PyrsErrKind kind, int line, int offset, int end_line, int end_offset,
       const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    size_t len = 0;
    const char *text = pyrs_tok_line(h->ctx->tok, line, &len);
    const char *prefix = pyrs_tok_is_fstring(h->ctx->tok) ? "f-string: " : "";
    pyrs_perror_set(h->ctx->err, kind, h->ctx->filename, line, offset, end_line, end_offset, text,
                    len, "%s%s", prefix, msg);
}

/* Error over tokens A..B (inclusive). */
static void
report_range(Hint *h, PyrsErrKind kind, size_t a, size_t b, const char *msg)
{
    const PyrsToken *x = &h->t[a], *y = &h->t[b];
    PyrsTokenizer *tok = h->ctx->tok;
    report(h, kind, x->lineno, pyrs_tok_error_offset(tok, x->lineno, x->col_offset), y->end_lineno,
           pyrs_tok_error_offset(tok, y->end_lineno, y->end_col_offset), "%s", msg);
}

/* Error at a token that CPython sees without a column (INDENT, DEDENT, end of file). */
static void
report_nocol(Hint *h, PyrsErrKind kind, size_t i, const char *msg)
{
    const PyrsToken *x = &h->t[i];
    int line = x->lineno, offset = x->col_offset;
    if (x->kind == PYRS_TOK_ENDMARKER || pyrs_tok_line(h->ctx->tok, line, NULL) == NULL) {
        line = line > 1 ? line - 1 : 1; /* CPython stays on the last line at end of file */
        offset = 0;
    }
    report(h, kind, line, offset, line, -1, "%s", msg);
}

static int
is_compound(PyrsTokKind k)
{
    return k == PYRS_TOK_KW_IF || k == PYRS_TOK_KW_ELIF || k == PYRS_TOK_KW_ELSE ||
           k == PYRS_TOK_KW_WHILE || k == PYRS_TOK_KW_FOR || k == PYRS_TOK_KW_TRY ||
           k == PYRS_TOK_KW_EXCEPT || k == PYRS_TOK_KW_FINALLY || k == PYRS_TOK_KW_WITH ||
           k == PYRS_TOK_KW_CLASS || k == PYRS_TOK_KW_DEF || k == PYRS_TOK_KW_ASYNC;
}

/* First token of the statement containing token I: the start of its logical line or of
 * its ';'-separated part, or the token after a compound header's ':' ("if x: y"). */
static size_t
stmt_start(const Hint *h, size_t i)
{
    size_t s = i;
    while (s > 0) {
        PyrsTokKind k = K(s - 1);
        if (k == PYRS_TOK_NEWLINE || k == PYRS_TOK_INDENT || k == PYRS_TOK_DEDENT ||
            (k == PYRS_TOK_SEMI && h->depth[s - 1] == 0)) {
            break;
        }
        s--;
    }
    if (!is_compound(K(s))) {
        return s;
    }
    for (size_t j = s; j < i; j++) {
        if (K(j) == PYRS_TOK_COLON && h->depth[j] == 0) {
            return j + 1; /* the header's colon (a lambda's colon would come later) */
        }
    }
    return s;
}

/* What CPython calls the block a header starting at S opens, or NULL. */
static const char *
block_name(const Hint *h, size_t s)
{
    if (K(s) == PYRS_TOK_KW_ASYNC && s + 1 < h->n) {
        s++;
    }
    switch (K(s)) {
    case PYRS_TOK_KW_IF:
        return "'if' statement";
    case PYRS_TOK_KW_ELIF:
        return "'elif' statement";
    case PYRS_TOK_KW_ELSE:
        return "'else' statement";
    case PYRS_TOK_KW_WHILE:
        return "'while' statement";
    case PYRS_TOK_KW_FOR:
        return "'for' statement";
    case PYRS_TOK_KW_WITH:
        return "'with' statement";
    case PYRS_TOK_KW_TRY:
        return "'try' statement";
    case PYRS_TOK_KW_EXCEPT:
        return s + 1 < h->n && K(s + 1) == PYRS_TOK_STAR ? "'except*' statement"
                                                         : "'except' statement";
    case PYRS_TOK_KW_FINALLY:
        return "'finally' statement";
    case PYRS_TOK_KW_CLASS:
        return "class definition";
    case PYRS_TOK_KW_DEF:
        return "function definition";
    default:
        break;
    }
    if (is_name(&h->t[s], "match")) {
        return "'match' statement";
    }
    if (is_name(&h->t[s], "case")) {
        return "'case' statement";
    }
    return NULL;
}

/* "expected an indented block after ..." when a block header is not followed by INDENT. */
static int
hint_missing_block(Hint *h)
{
    size_t r = h->r;
    if (r < 2 || K(r) == PYRS_TOK_INDENT || K(r - 1) != PYRS_TOK_NEWLINE ||
        K(r - 2) != PYRS_TOK_COLON) {
        return 0;
    }
    size_t s = stmt_start(h, r - 2);
    const char *what = block_name(h, s);
    if (what == NULL) {
        return 0;
    }
    char msg[160];
    snprintf(msg, sizeof(msg), "expected an indented block after %s on line %d", what,
             h->t[s].lineno);
    if (K(r) == PYRS_TOK_ENDMARKER || K(r) == PYRS_TOK_DEDENT) {
        report_nocol(h, PYRS_ERR_INDENTATION, r, msg);
    } else {
        report_range(h, PYRS_ERR_INDENTATION, r, r, msg);
    }
    return 1;
}

/* Index of the first token after the statement tokens starting at I (NEWLINE/';' at depth 0). */
static size_t
stmt_end(const Hint *h, size_t i)
{
    while (i < h->n && !((K(i) == PYRS_TOK_NEWLINE || K(i) == PYRS_TOK_SEMI) && h->depth[i] == 0) &&
           K(i) != PYRS_TOK_ENDMARKER) {
        i++;
    }
    return i;
}

/* "Missing parentheses in call to 'print'" (CPython's invalid_legacy_expression). */
static int
hint_legacy_print(Hint *h)
{
    size_t r = h->r, s = stmt_start(h, r);
    if (r != s + 1 || !(is_name(&h->t[s], "print") || is_name(&h->t[s], "exec")) ||
        !(starts_atom(K(r)) || K(r) == PYRS_TOK_LSQB || K(r) == PYRS_TOK_MINUS)) {
        return 0;
    }
    size_t e = stmt_end(h, r);
    char msg[160];
    int n = (int)h->t[s].len;
    snprintf(msg, sizeof(msg), "Missing parentheses in call to '%.*s'. Did you mean %.*s(...)?", n,
             h->t[s].start, n, h->t[s].start);
    report_range(h, PYRS_ERR_SYNTAX, s, e - 1, msg);
    return 1;
}

/* "expected 'except' or 'finally' block" after a try body. */
static int
hint_try_without_except(Hint *h)
{
    size_t r = h->r;
    if (r == 0 || K(r) == PYRS_TOK_KW_EXCEPT || K(r) == PYRS_TOK_KW_FINALLY) {
        return 0;
    }
    if (K(r - 1) == PYRS_TOK_NEWLINE) {
        /* "try: body" on one line */
        size_t ls = r - 1;
        while (ls > 0 && K(ls - 1) != PYRS_TOK_NEWLINE && K(ls - 1) != PYRS_TOK_INDENT &&
               K(ls - 1) != PYRS_TOK_DEDENT) {
            ls--;
        }
        if (K(ls) != PYRS_TOK_KW_TRY || ls + 1 >= r || K(ls + 1) != PYRS_TOK_COLON) {
            return 0;
        }
        if (K(r) == PYRS_TOK_ENDMARKER || K(r) == PYRS_TOK_DEDENT) {
            report_nocol(h, PYRS_ERR_SYNTAX, r, "expected 'except' or 'finally' block");
        } else {
            report_range(h, PYRS_ERR_SYNTAX, r, r, "expected 'except' or 'finally' block");
        }
        return 1;
    }
    if (K(r - 1) != PYRS_TOK_DEDENT) {
        return 0;
    }
    int level = 0;
    for (size_t i = r; i-- > 0;) {
        if (K(i) == PYRS_TOK_DEDENT) {
            level++;
        } else if (K(i) == PYRS_TOK_INDENT && --level == 0) {
            if (i < 2) {
                return 0;
            }
            size_t s = stmt_start(h, i - 2);
            if (K(s) != PYRS_TOK_KW_TRY) {
                return 0;
            }
            if (K(r) == PYRS_TOK_ENDMARKER || K(r) == PYRS_TOK_DEDENT) {
                report_nocol(h, PYRS_ERR_SYNTAX, r, "expected 'except' or 'finally' block");
            } else {
                report_range(h, PYRS_ERR_SYNTAX, r, r, "expected 'except' or 'finally' block");
            }
            return 1;
        }
    }
    return 0;
}

/* Whether a ':' at depth 0 appears in [A, B). */
static int
has_colon(const Hint *h, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (K(i) == PYRS_TOK_COLON && h->depth[i] == h->depth[a]) {
            return 1;
        }
    }
    return 0;
}

/* Index of the bracket closing the one opened at I, or 0. */
static size_t
matching(const Hint *h, size_t i)
{
    for (size_t j = i + 1; j < h->n; j++) {
        if (h->depth[j] == h->depth[i] && is_close(K(j))) {
            return j;
        }
    }
    return 0;
}

/* "expected ':'" / "expected '('" for a def header. */
static int
hint_def_colon(Hint *h, size_t s)
{
    size_t r = h->r, name = s + 1;
    if (name >= h->n) {
        return 0;
    }
    if (name + 1 == r && K(r) != PYRS_TOK_LPAR && K(name) == PYRS_TOK_NAME) {
        report_range(h, PYRS_ERR_SYNTAX, r, r, "expected '('");
        return 1;
    }
    if (name + 1 >= h->n || K(name + 1) != PYRS_TOK_LPAR) {
        return 0;
    }
    size_t close = matching(h, name + 1);
    if (close == 0 || r <= close) {
        return 0;
    }
    if (r == close + 1 && K(r) != PYRS_TOK_RARROW) {
        report_range(h, PYRS_ERR_SYNTAX, r, r, "expected ':'");
        return 1;
    }
    if (K(close + 1) == PYRS_TOK_RARROW && r == close + 2) {
        report_range(h, PYRS_ERR_SYNTAX, close + 1, close + 1, "expected ':'");
        return 1;
    }
    if (K(close + 1) == PYRS_TOK_RARROW && K(r) == PYRS_TOK_NEWLINE) {
        report_range(h, PYRS_ERR_SYNTAX, r, r, "expected ':'");
        return 1;
    }
    return 0;
}

/* "expected ':'" after a compound statement header. */
static int
hint_colon(Hint *h)
{
    size_t r = h->r, s = stmt_start(h, r);
    if (K(s) == PYRS_TOK_KW_ASYNC && s + 1 < r) {
        s++;
    }
    PyrsTokKind k = K(s);
    if (k == PYRS_TOK_KW_DEF) {
        return hint_def_colon(h, s);
    }
    if (K(r) == PYRS_TOK_COLON || has_colon(h, s, r)) {
        return 0;
    }
    int single = k == PYRS_TOK_KW_TRY || k == PYRS_TOK_KW_FINALLY || k == PYRS_TOK_KW_ELSE;
    if (single) {
        if (r != s + 1) {
            return 0;
        }
    } else if (k == PYRS_TOK_KW_FOR) {
        int saw_in = 0;
        for (size_t i = s; i < r; i++) {
            saw_in |= K(i) == PYRS_TOK_KW_IN && h->depth[i] == 0;
        }
        if (!saw_in || h->depth[r] != 0 || r == s + 1 || !ends_atom(K(r - 1))) {
            return 0;
        }
    } else if (K(r) != PYRS_TOK_NEWLINE || r == s + 1 || block_name(h, s) == NULL ||
               k == PYRS_TOK_KW_DEF || !ends_atom(K(r - 1))) {
        return 0;
    } else if (k == PYRS_TOK_NAME && !(is_name(&h->t[s], "match") || is_name(&h->t[s], "case"))) {
        return 0;
    }
    report_range(h, PYRS_ERR_SYNTAX, r, r, "expected ':'");
    return 1;
}

/* Tokens that end a disjunction when scanning backwards at its depth. */
static int
stops_expr(PyrsTokKind k)
{
    switch (k) {
    case PYRS_TOK_COMMA:
    case PYRS_TOK_COLON:
    case PYRS_TOK_SEMI:
    case PYRS_TOK_EQUAL:
    case PYRS_TOK_COLONEQUAL:
    case PYRS_TOK_RARROW:
    case PYRS_TOK_NEWLINE:
    case PYRS_TOK_INDENT:
    case PYRS_TOK_DEDENT:
    case PYRS_TOK_KW_IF:
    case PYRS_TOK_KW_ELSE:
    case PYRS_TOK_KW_FOR:
    case PYRS_TOK_KW_LAMBDA:
    case PYRS_TOK_KW_RETURN:
    case PYRS_TOK_KW_YIELD:
    case PYRS_TOK_KW_FROM:
    case PYRS_TOK_KW_ASSERT:
    case PYRS_TOK_KW_DEL:
    case PYRS_TOK_KW_WHILE:
    case PYRS_TOK_KW_ELIF:
    case PYRS_TOK_KW_WITH:
    case PYRS_TOK_KW_AS:
    case PYRS_TOK_KW_ASYNC:
    case PYRS_TOK_KW_RAISE:
    case PYRS_TOK_KW_IMPORT:
    case PYRS_TOK_PLUSEQUAL:
    case PYRS_TOK_MINEQUAL:
    case PYRS_TOK_STAREQUAL:
    case PYRS_TOK_SLASHEQUAL:
    case PYRS_TOK_PERCENTEQUAL:
    case PYRS_TOK_AMPEREQUAL:
    case PYRS_TOK_VBAREQUAL:
    case PYRS_TOK_CIRCUMFLEXEQUAL:
    case PYRS_TOK_LEFTSHIFTEQUAL:
    case PYRS_TOK_RIGHTSHIFTEQUAL:
    case PYRS_TOK_DOUBLESTAREQUAL:
    case PYRS_TOK_DOUBLESLASHEQUAL:
    case PYRS_TOK_ATEQUAL:
        return 1;
    default:
        return 0;
    }
}

/* Start of the disjunction that ends at token E (scanning back at its depth). */
static size_t
expr_begin(const Hint *h, size_t e)
{
    size_t i = e;
    int d = h->depth[e];
    while (i > 0) {
        size_t p = i - 1;
        if (h->depth[p] < d) {
            break;
        }
        if (h->depth[p] == d && stops_expr(K(p))) {
            break;
        }
        if (h->depth[p] == d && (K(p) == PYRS_TOK_STAR || K(p) == PYRS_TOK_DOUBLESTAR) &&
            (p == 0 || !ends_atom(K(p - 1)))) {
            break; /* unpacking, not multiplication */
        }
        if (h->depth[p] == d && K(p) == PYRS_TOK_KW_IN) {
            /* the iterable of a comprehension starts after 'in' */
            int comp = 0;
            for (size_t j = p; j-- > 0 && h->depth[j] >= d;) {
                if (h->depth[j] == d && K(j) == PYRS_TOK_KW_FOR) {
                    comp = 1;
                    break;
                }
                if (h->depth[j] == d && K(j) == PYRS_TOK_COMMA) {
                    break;
                }
            }
            if (comp) {
                break;
            }
        }
        i = p;
    }
    return i;
}

/* Last token of the expression starting at B (scanning forward at its depth). */
static size_t
expr_finish(const Hint *h, size_t b)
{
    size_t i = b;
    int d = h->depth[b];
    while (i + 1 < h->n) {
        size_t q = i + 1;
        if (h->depth[q] < d) {
            break; /* the enclosing bracket closes (a closer sits at its opener's depth) */
        }
        /* an expression may be conditional: "x if c else y" */
        if (h->depth[q] == d && K(q) != PYRS_TOK_KW_IF && K(q) != PYRS_TOK_KW_ELSE &&
            (stops_expr(K(q)) || K(q) == PYRS_TOK_ENDMARKER || K(q) == PYRS_TOK_KW_ASYNC)) {
            break;
        }
        if (h->depth[q] == d && ends_atom(K(i)) && starts_atom(K(q))) {
            break;
        }
        if (h->depth[q] == d && (K(q) == PYRS_TOK_STAR || K(q) == PYRS_TOK_DOUBLESTAR) &&
            !ends_atom(K(i))) {
            break;
        }
        i = q;
    }
    return i;
}

static size_t open_bracket(const Hint *h, size_t i);

/* "invalid syntax. Perhaps you forgot a comma?" inside brackets. */
static int
hint_comma(Hint *h)
{
    size_t r = h->r;
    if (r == 0 || h->depth[r] == 0 || !ends_atom(K(r - 1)) || !starts_atom(K(r)) ||
        K(r) == PYRS_TOK_KW_LAMBDA) {
        return 0;
    }
    size_t s = stmt_start(h, r), o = open_bracket(h, r);
    size_t a = expr_begin(h, r - 1);
    if (K(s) == PYRS_TOK_KW_DEF && o == s + 2 && (a == 0 || K(a - 1) != PYRS_TOK_EQUAL)) {
        return 0; /* parameter names are not expressions (default values are) */
    }
    if (o > 0 && o != (size_t)-1 && K(o - 1) == PYRS_TOK_KW_IMPORT) {
        return 0; /* nor are the names of "from m import (...)" */
    }
    if (K(a) == PYRS_TOK_NAME && a + 1 == r && K(r) == PYRS_TOK_STRING) {
        /* CPython skips "NAME STRING" (a misspelt prefix) and tries again at the string */
        size_t e = expr_finish(h, r);
        if (e + 1 < h->n && h->depth[e + 1] == h->depth[r] && starts_atom(K(e + 1)) &&
            ends_atom(K(e))) {
            report_range(h, PYRS_ERR_SYNTAX, r, expr_finish(h, e + 1),
                         "invalid syntax. Perhaps you forgot a comma?");
            return 1;
        }
        return 0;
    }
    if (a == r || (K(a) == PYRS_TOK_NAME && a + 1 < h->n && K(a + 1) == PYRS_TOK_STRING) ||
        is_name(&h->t[a], "print") || is_name(&h->t[a], "exec") || soft_keyword_prefix(&h->t[a])) {
        return 0;
    }
    if (a > 0 && h->depth[a - 1] == h->depth[r] &&
        (K(a - 1) == PYRS_TOK_KW_IN || K(a - 1) == PYRS_TOK_KW_IF)) {
        for (size_t j = a - 1; j-- > 0 && h->depth[j] >= h->depth[r];) {
            if (h->depth[j] == h->depth[r] && K(j) == PYRS_TOK_KW_FOR) {
                return 0; /* a comprehension's iterable or condition is a disjunction */
            }
        }
    }
    size_t b = expr_finish(h, r);
    report_range(h, PYRS_ERR_SYNTAX, a, b, "invalid syntax. Perhaps you forgot a comma?");
    return 1;
}

/* Whether a 'for' at the depth of token I precedes it inside its brackets. */
static int
in_comprehension(const Hint *h, size_t i)
{
    for (size_t j = i; j-- > 0 && h->depth[j] >= h->depth[i];) {
        if (h->depth[j] == h->depth[i] && K(j) == PYRS_TOK_KW_FOR) {
            return 1;
        }
    }
    return 0;
}

/* "expected 'else' after 'if' expression". */
static int
hint_ternary(Hint *h)
{
    size_t r = h->r;
    if (K(r) == PYRS_TOK_KW_ELSE || K(r) == PYRS_TOK_COLON || r < 3) {
        return 0;
    }
    int d = h->depth[r] + is_close(K(r)); /* a closer is stored at its opener's depth */
    for (size_t i = r; i-- > 0 && h->depth[i] >= d;) {
        if (h->depth[i] != d) {
            continue;
        }
        if (K(i) == PYRS_TOK_KW_ELSE || stops_expr(K(i) == PYRS_TOK_KW_IF ? PYRS_TOK_PLUS : K(i))) {
            return 0;
        }
        if (K(i) == PYRS_TOK_KW_IF) {
            if (i == 0 || i + 1 >= r || stmt_start(h, i) == i || !ends_atom(K(i - 1))) {
                return 0;
            }
            size_t a = expr_begin(h, i - 1);
            if (a > 0 && h->depth[a - 1] == d && K(a - 1) == PYRS_TOK_KW_IN) {
                return 0; /* a comprehension's condition */
            }
            if (a > 0 && h->depth[a - 1] == d && K(a - 1) == PYRS_TOK_KW_IF &&
                in_comprehension(h, a - 1)) {
                return 0; /* a comprehension's second condition */
            }
            report_range(h, PYRS_ERR_SYNTAX, a, r - 1, "expected 'else' after 'if' expression");
            return 1;
        }
    }
    return 0;
}

/* Index of the innermost bracket open at token I, or (size_t)-1. */
static size_t
open_bracket(const Hint *h, size_t i)
{
    int d = h->depth[i];
    for (size_t j = i; j-- > 0;) {
        if (h->depth[j] < d) {
            return j;
        }
    }
    return (size_t)-1;
}

/* Whether '=' at R sits where CPython parses a named expression (a condition or a display). */
static int
named_context(const Hint *h, size_t r)
{
    size_t s = stmt_start(h, r);
    PyrsTokKind k = K(s);
    if (k == PYRS_TOK_KW_DEF || k == PYRS_TOK_KW_CLASS || k == PYRS_TOK_KW_GLOBAL ||
        k == PYRS_TOK_KW_NONLOCAL || k == PYRS_TOK_KW_IMPORT || k == PYRS_TOK_KW_FROM) {
        return 0;
    }
    if (h->depth[r] == 0) {
        return k == PYRS_TOK_KW_IF || k == PYRS_TOK_KW_ELIF || k == PYRS_TOK_KW_WHILE;
    }
    size_t o = open_bracket(h, r);
    if (o == (size_t)-1) {
        return 0;
    }
    for (size_t j = o + 1; j < r; j++) {
        if (h->depth[j] == h->depth[r] && K(j) == PYRS_TOK_KW_LAMBDA) {
            return 0;
        }
    }
    return K(o) != PYRS_TOK_LPAR || o == 0 || !ends_atom(K(o - 1));
}

/* "f(a = x for x in y)": a keyword argument's value cannot be a bare generator expression;
 * CPython's invalid_kwarg marks the "a =" ("Maybe you meant '==' or ':='..."). */
static int
hint_kwarg_genexp(Hint *h)
{
    size_t r = h->r;
    if (K(r) != PYRS_TOK_KW_FOR &&
        !(K(r) == PYRS_TOK_KW_ASYNC && r + 1 < h->n && K(r + 1) == PYRS_TOK_KW_FOR)) {
        return 0;
    }
    size_t o = open_bracket(h, r);
    if (o == (size_t)-1 || o == 0 || K(o) != PYRS_TOK_LPAR || !ends_atom(K(o - 1))) {
        return 0; /* not a call's parentheses */
    }
    size_t s = r; /* the start of the argument holding R */
    while (s > o + 1 && !(h->depth[s - 1] == h->depth[r] && K(s - 1) == PYRS_TOK_COMMA)) {
        s--;
    }
    size_t e = s; /* the '=' of the argument */
    while (e < r && !(h->depth[e] == h->depth[r] && K(e) == PYRS_TOK_EQUAL)) {
        e++;
    }
    if (e == s || e + 1 >= r || K(s) == PYRS_TOK_STAR || K(s) == PYRS_TOK_DOUBLESTAR) {
        return 0;
    }
    if (e == s + 1 && K(s) == PYRS_TOK_NAME) {
        report_range(h, PYRS_ERR_SYNTAX, s, e,
                     "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    } else if (e == s + 1 && (K(s) == PYRS_TOK_KW_TRUE || K(s) == PYRS_TOK_KW_FALSE ||
                              K(s) == PYRS_TOK_KW_NONE)) {
        char msg[64];
        snprintf(msg, sizeof msg, "cannot assign to %.*s", (int)h->t[s].len, h->t[s].start);
        report_range(h, PYRS_ERR_SYNTAX, s, e, msg);
    } else {
        report_range(h, PYRS_ERR_SYNTAX, s, e,
                     "expression cannot contain assignment, perhaps you meant \"==\"?");
    }
    return 1;
}

/* Whether tokens [A, B) are all STRING tokens. */
static int
all_strings(const Hint *h, size_t a, size_t b)
{
    for (size_t j = a; j < b; j++) {
        if (K(j) != PYRS_TOK_STRING) {
            return 0;
        }
    }
    return a < b;
}

/* Whether one of the STRING tokens [A, B) is an f-string. */
static int
any_fstring(const Hint *h, size_t a, size_t b)
{
    for (size_t j = a; j < b; j++) {
        for (const char *p = h->t[j].start; *p != '\'' && *p != '"'; p++) {
            if (*p == 'f' || *p == 'F') {
                return 1;
            }
        }
    }
    return 0;
}

/* "cannot assign to X here. Maybe you meant '==' instead of '='?" for a non-name target of
 * '=' where CPython parses a named expression; the error covers the target. */
static int
hint_named_target(Hint *h)
{
    size_t r = h->r;
    if (K(r) != PYRS_TOK_EQUAL || r == 0 || !ends_atom(K(r - 1)) || !named_context(h, r) ||
        r + 1 >= h->n || K(r + 1) == PYRS_TOK_EQUAL) {
        return 0;
    }
    size_t a = expr_begin(h, r - 1);
    const char *what = NULL;
    PyrsTokKind last = K(r - 1);
    if (last == PYRS_TOK_NAME && r >= 2 && K(r - 2) == PYRS_TOK_DOT) {
        what = "attribute";
    } else if (a == r - 1 && last == PYRS_TOK_NUMBER) {
        what = "literal";
    } else if (last == PYRS_TOK_STRING && all_strings(h, a, r)) {
        what = any_fstring(h, a, r) ? "f-string expression" : "literal";
    } else if (last == PYRS_TOK_RSQB && K(a) != PYRS_TOK_LSQB) {
        what = "subscript";
    } else if (last == PYRS_TOK_RPAR && K(a) != PYRS_TOK_LPAR) {
        what = "function call";
    }
    if (what == NULL) {
        return 0;
    }
    char msg[120];
    snprintf(msg, sizeof(msg), "cannot assign to %s here. Maybe you meant '==' instead of '='?",
             what);
    report_range(h, PYRS_ERR_SYNTAX, a, r - 1, msg);
    return 1;
}

/* "Maybe you meant '==' or ':=' instead of '='?" for NAME = value in an expression. */
static int
hint_named(Hint *h)
{
    size_t r = h->r;
    if (K(r) == PYRS_TOK_NAME && r > 0 && ends_atom(K(r - 1)) && r + 2 < h->n &&
        K(r + 1) == PYRS_TOK_EQUAL && h->depth[r] == 0 && K(stmt_start(h, r)) == PYRS_TOK_NAME) {
        int comma = 0, equal = 0; /* only in the first target */
        for (size_t j = stmt_start(h, r); j < r; j++) {
            comma |= K(j) == PYRS_TOK_COMMA && h->depth[j] == 0;
            equal |= K(j) == PYRS_TOK_EQUAL && h->depth[j] == 0;
        }
        if (comma && !equal) {
            r++; /* "a, b c = d": CPython diagnoses "c = d" as a misspelt comparison */
        }
    }
    if (K(r) != PYRS_TOK_EQUAL || r == 0 || K(r - 1) != PYRS_TOK_NAME || r + 1 >= h->n) {
        return 0;
    }
    if (r >= 2 && K(r - 2) == PYRS_TOK_DOT) {
        return 0;
    }
    if (r >= 2 && (K(r - 2) == PYRS_TOK_STAR || K(r - 2) == PYRS_TOK_DOUBLESTAR) &&
        (r < 3 || !ends_atom(K(r - 3)))) {
        return 0; /* "*a = 1" in a display is no named expression */
    }
    if ((r == h->r && !named_context(h, r)) ||
        !(starts_atom(K(r + 1)) || is_open(K(r + 1)) || K(r + 1) == PYRS_TOK_MINUS ||
          K(r + 1) == PYRS_TOK_PLUS || K(r + 1) == PYRS_TOK_TILDE)) {
        return 0;
    }
    size_t b = r + 1;
    while (b + 1 < h->n) {
        PyrsTokKind k = K(b + 1);
        if (h->depth[b + 1] < h->depth[r]) {
            break;
        }
        if (h->depth[b + 1] == h->depth[r] &&
            (stops_expr(k) || k == PYRS_TOK_EQEQUAL || k == PYRS_TOK_NOTEQUAL ||
             k == PYRS_TOK_LESS || k == PYRS_TOK_GREATER || k == PYRS_TOK_LESSEQUAL ||
             k == PYRS_TOK_GREATEREQUAL || k == PYRS_TOK_KW_AND || k == PYRS_TOK_KW_OR ||
             k == PYRS_TOK_KW_NOT || k == PYRS_TOK_KW_IN || k == PYRS_TOK_KW_IS ||
             k == PYRS_TOK_ENDMARKER)) {
            break;
        }
        b++;
    }
    if (b + 1 < h->n && (K(b + 1) == PYRS_TOK_EQUAL || K(b + 1) == PYRS_TOK_COLONEQUAL)) {
        return 0;
    }
    report_range(h, PYRS_ERR_SYNTAX, r - 1, b,
                 "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    return 1;
}

/* Whether token I (at depth D) is in the parameters of a lambda: a 'lambda' at the same
 * depth before it with no ':' in between. */
static int
in_lambda_params(const Hint *h, size_t i)
{
    for (size_t j = i; j-- > 0 && h->depth[j] >= h->depth[i];) {
        if (h->depth[j] == h->depth[i] &&
            (K(j) == PYRS_TOK_COLON || K(j) == PYRS_TOK_NEWLINE || K(j) == PYRS_TOK_SEMI)) {
            return 0;
        }
        if (h->depth[j] == h->depth[i] && K(j) == PYRS_TOK_KW_LAMBDA) {
            return 1;
        }
    }
    return 0;
}

/* "expected comma between / and *": parameters, then '/' directly followed by '*'. */
static int
hint_slash_star(Hint *h, size_t s, size_t o)
{
    size_t r = h->r;
    if (K(r) != PYRS_TOK_STAR || r < 3 || K(r - 1) != PYRS_TOK_SLASH || K(r - 2) == PYRS_TOK_LPAR ||
        K(r - 2) == PYRS_TOK_KW_LAMBDA) {
        return 0;
    }
    if (!(K(s) == PYRS_TOK_KW_DEF && o == s + 2) && !in_lambda_params(h, r)) {
        return 0;
    }
    report_range(h, PYRS_ERR_SYNTAX, r, r, "expected comma between / and *");
    return 1;
}

/* Whether [A, B) holds a ':' at depth D. */
static int
colon_at_depth(const Hint *h, size_t a, size_t b, int d)
{
    for (size_t j = a; j < b; j++) {
        if (K(j) == PYRS_TOK_COLON && h->depth[j] == d) {
            return 1;
        }
    }
    return 0;
}

/* "':' expected after dictionary key": in a dict display, after a key/value pair and ',',
 * an expression that no ':' follows (CPython's invalid_kvpair). O is the '{'. */
static int
hint_dict_key(Hint *h, size_t o)
{
    size_t r = h->r, cm = 0, first_end = r;
    if (o == (size_t)-1 || K(o) != PYRS_TOK_LBRACE) {
        return 0;
    }
    int d = h->depth[o] + 1;
    if (h->depth[r] < d - 1) {
        return 0;
    }
    for (size_t j = o + 1; j < r; j++) {
        if (K(j) == PYRS_TOK_COMMA && h->depth[j] == d) {
            first_end = first_end == r ? j : first_end;
            cm = j;
        }
    }
    if (cm == 0 || cm + 1 >= r ||
        (K(o + 1) != PYRS_TOK_DOUBLESTAR && !colon_at_depth(h, o + 1, first_end, d))) {
        return 0;
    }
    size_t e0 = cm + 1;
    if (K(e0) == PYRS_TOK_STAR || K(e0) == PYRS_TOK_DOUBLESTAR || K(r) == PYRS_TOK_COLON ||
        colon_at_depth(h, e0, r, d)) {
        return 0;
    }
    const PyrsToken *last = &h->t[r - 1];
    int line = h->t[e0].lineno;
    report(h, PYRS_ERR_SYNTAX, line,
           pyrs_tok_error_offset(h->ctx->tok, last->end_lineno, last->end_col_offset - 1),
           last->end_lineno, 0, "':' expected after dictionary key");
    return 1;
}

/* Parameter, display and except-clause rules of CPython's grammar decided at the token. */
static int
hint_misc(Hint *h)
{
    size_t r = h->r, s = stmt_start(h, r);
    PyrsTokKind k = K(r), prev = r > 0 ? K(r - 1) : PYRS_TOK_ENDMARKER;
    /* a closing bracket is stored at the outer depth: look from the token before it */
    size_t in = is_close(k) && r > 0 ? r - 1 : r;
    size_t o = h->depth[in] > 0 ? open_bracket(h, in) : (size_t)-1;
    int params = (K(s) == PYRS_TOK_KW_DEF && o == s + 2) || in_lambda_params(h, r);
    if (params && k == PYRS_TOK_EQUAL && prev == PYRS_TOK_NAME && r >= 2 &&
        (K(r - 2) == PYRS_TOK_STAR || K(r - 2) == PYRS_TOK_DOUBLESTAR)) {
        report_range(h, PYRS_ERR_SYNTAX, r, r,
                     K(r - 2) == PYRS_TOK_STAR ? "var-positional argument cannot have default value"
                                               : "var-keyword argument cannot have default value");
        return 1;
    }
    if (prev == PYRS_TOK_EQUAL && (k == PYRS_TOK_RPAR || k == PYRS_TOK_COMMA) && r >= 2 &&
        K(r - 2) == PYRS_TOK_NAME && K(s) == PYRS_TOK_KW_DEF && o == s + 2) {
        report_range(h, PYRS_ERR_SYNTAX, r - 1, r - 1, "expected default value expression");
        return 1;
    }
    if (o != (size_t)-1 && K(o) == PYRS_TOK_LBRACE && prev == PYRS_TOK_COLON &&
        h->depth[r - 1] == h->depth[in]) {
        if (k == PYRS_TOK_RBRACE || k == PYRS_TOK_COMMA) {
            report_range(h, PYRS_ERR_SYNTAX, r - 1, r - 1,
                         "expression expected after dictionary key and ':'");
            return 1;
        }
        if (k == PYRS_TOK_STAR && r + 1 < h->n) {
            report_range(h, PYRS_ERR_SYNTAX, r, expr_finish(h, r + 1),
                         "cannot use a starred expression in a dictionary value");
            return 1;
        }
    }
    if (hint_slash_star(h, s, o) || hint_dict_key(h, o)) {
        return 1;
    }
    if (k == PYRS_TOK_KW_FOR && o != (size_t)-1 && K(o) != PYRS_TOK_LPAR && r > o + 1) {
        for (size_t j = o + 1; j < r; j++) {
            if (K(j) == PYRS_TOK_COMMA && h->depth[j] == h->depth[r]) {
                report_range(h, PYRS_ERR_SYNTAX, o + 1, r - 1,
                             "did you forget parentheses around the comprehension target?");
                return 1;
            }
        }
    }
    if (k == PYRS_TOK_LPAR && K(s) == PYRS_TOK_KW_DEF && o == s + 2 &&
        (prev == PYRS_TOK_LPAR || prev == PYRS_TOK_COMMA)) {
        size_t m = matching(h, r);
        for (size_t j = r + 1; m && j < m; j++) {
            if (K(j) != PYRS_TOK_NAME && K(j) != PYRS_TOK_COMMA) {
                m = 0; /* only a plain name list is "parenthesized parameters" */
            }
        }
        if (m) {
            report_range(h, PYRS_ERR_SYNTAX, r, m, "Function parameters cannot be parenthesized");
            return 1;
        }
    }
    if (k == PYRS_TOK_LPAR && prev == PYRS_TOK_KW_LAMBDA) {
        size_t m = matching(h, r);
        if (m) {
            report_range(h, PYRS_ERR_SYNTAX, r, m,
                         "Lambda expression parameters cannot be parenthesized");
            return 1;
        }
    }
    if (K(s) == PYRS_TOK_KW_EXCEPT) {
        if (s + 1 < h->n && K(s + 1) == PYRS_TOK_STAR && r == s + 2 &&
            (k == PYRS_TOK_COLON || k == PYRS_TOK_NEWLINE)) {
            report_range(h, PYRS_ERR_SYNTAX, r, r, "expected one or more exception types");
            return 1;
        }
        if (k == PYRS_TOK_COMMA && h->depth[r] == 0) {
            size_t e = r;
            while (e + 1 < h->n && !(h->depth[e + 1] == 0 &&
                                     (K(e + 1) == PYRS_TOK_COLON || K(e + 1) == PYRS_TOK_NEWLINE ||
                                      K(e + 1) == PYRS_TOK_KW_AS))) {
                e++;
            }
            size_t a = s + 1 + (K(s + 1) == PYRS_TOK_STAR);
            report_range(h, PYRS_ERR_SYNTAX, a, e,
                         "multiple exception types must be parenthesized");
            return 1;
        }
    }
    if (is_name(&h->t[s], "case") && prev == PYRS_TOK_KW_AS && k != PYRS_TOK_NAME) {
        report_range(h, PYRS_ERR_SYNTAX, r, expr_finish(h, r), "invalid pattern target");
        return 1;
    }
    return 0;
}

/* "expected ':'" for match/case lines the driver did not take as statements. */
static int
hint_soft_colon(Hint *h)
{
    size_t r = h->r, s = stmt_start(h, r);
    int match = is_name(&h->t[s], "match") && r == s + 1 && starts_atom(K(r));
    int kase = is_name(&h->t[s], "case") && r == s;
    if (!match && !kase) {
        return 0;
    }
    size_t e = stmt_end(h, s);
    if (e >= h->n || K(e) != PYRS_TOK_NEWLINE || has_colon(h, s, e)) {
        return 0;
    }
    report_range(h, PYRS_ERR_SYNTAX, e, e, "expected ':'");
    return 1;
}

/* "a in b:" -- an annotation after something that is not a single target: CPython rejects
 * the ':' itself (the driver's grammar only notices at the end of the line). */
static int
hint_bad_annotation(Hint *h)
{
    size_t r = h->r;
    if (K(r) != PYRS_TOK_NEWLINE || r < 2 || K(r - 1) != PYRS_TOK_COLON || h->depth[r - 1] != 0) {
        return 0;
    }
    size_t s = stmt_start(h, r - 1), c = r - 1;
    if (block_name(h, s) != NULL || K(s) == PYRS_TOK_KW_LAMBDA || c == s) {
        return 0;
    }
    PyrsTokKind last = K(c - 1);
    int single = (c == s + 1 && last == PYRS_TOK_NAME) ||
                 (last == PYRS_TOK_NAME && c >= 2 && K(c - 2) == PYRS_TOK_DOT) ||
                 (last == PYRS_TOK_RSQB && K(s) != PYRS_TOK_LSQB) ||
                 (last == PYRS_TOK_RPAR && K(s) == PYRS_TOK_LPAR);
    for (size_t j = s; j < c; j++) {
        PyrsTokKind kj = K(j);
        if (h->depth[j] == 0 && (kj == PYRS_TOK_EQUAL || kj == PYRS_TOK_KW_LAMBDA)) {
            return 0;
        }
        if (h->depth[j] == 0 && kj != PYRS_TOK_NAME && kj != PYRS_TOK_DOT && !is_open(kj) &&
            !is_close(kj)) {
            single = 0; /* an operator: not a primary */
        }
    }
    if (single) {
        return 0;
    }
    report_range(h, PYRS_ERR_SYNTAX, c, c, "invalid syntax");
    return 1;
}

/* "cannot use assignment expressions with ..." for a non-name walrus target. */
static int
hint_walrus_target(Hint *h)
{
    size_t r = h->r;
    if (K(r) != PYRS_TOK_COLONEQUAL || r == 0 || !ends_atom(K(r - 1))) {
        return 0;
    }
    size_t a = expr_begin(h, r - 1);
    const char *what = NULL;
    if (K(r - 1) == PYRS_TOK_NAME && r >= 2 && K(r - 2) == PYRS_TOK_DOT) {
        what = "attribute";
    } else if (K(r - 1) == PYRS_TOK_RSQB && a < r - 1 && K(a) != PYRS_TOK_LSQB) {
        what = "subscript";
    }
    if (what == NULL) {
        return 0;
    }
    char msg[80];
    snprintf(msg, sizeof(msg), "cannot use assignment expressions with %s", what);
    report_range(h, PYRS_ERR_SYNTAX, a, r - 1, msg);
    return 1;
}

/* A rejected string: CPython's error pass still parses it as an atom, and a literal that
 * does not decode is reported (at the token after the string sequence). */
static int
hint_bad_string(Hint *h)
{
    size_t r = h->r, e = r;
    char msg[512];
    if (K(r) != PYRS_TOK_STRING) {
        return 0;
    }
    size_t s = stmt_start(h, r), o = h->depth[r] > 0 ? open_bracket(h, r) : (size_t)-1;
    if ((K(s) == PYRS_TOK_KW_DEF || K(s) == PYRS_TOK_KW_CLASS) &&
        (r == s + 1 || (o == s + 2 && K(r - 1) != PYRS_TOK_EQUAL))) {
        return 0; /* a name or parameter position: the string is never parsed as an atom */
    }
    while (e < h->n && K(e) == PYRS_TOK_STRING) {
        e++;
    }
    if (e >= h->n) {
        return 0;
    }
    for (size_t j = r; j < e; j++) {
        PyrsStrLitInfo info;
        int rc;
        pyrs_strlit_info(h->t[j].start, h->t[j].len, &info);
        if (info.is_f) {
            PyrsFStrParts parts;
            rc = pyrs_fstring_split(&h->t[j], &parts, msg, sizeof(msg));
            pyrs_fstring_free(&parts);
        } else {
            char *out = NULL;
            size_t len = 0;
            rc = pyrs_strlit_unescape(info.body, info.body_len, info.is_bytes, info.is_raw, &out,
                                      &len, msg, sizeof(msg));
            free(out);
        }
        if (rc < 0) {
            report_range(h, PYRS_ERR_SYNTAX, e, e, msg);
            return 1;
        }
    }
    return 0;
}

static size_t display_equal(const Hint *h, size_t o);

/* "a {b = c ...": CPython's error pass parses the display and diagnoses the '=' in it. */
static int
hint_display_after_atom(Hint *h)
{
    size_t r = h->r;
    if (K(r) != PYRS_TOK_LBRACE || r == 0 || !ends_atom(K(r - 1))) {
        return 0;
    }
    size_t eq = display_equal(h, r);
    if (eq == 0 || eq == r + 1 || K(eq - 1) != PYRS_TOK_NAME) {
        return 0;
    }
    h->r = eq;
    int rc = hint_named(h);
    h->r = r;
    return rc;
}

/* The parser's own diagnosis of the rejected token. */
static void
diagnose(Hint *h)
{
    size_t r = h->r;
    if (K(r) == PYRS_TOK_INDENT) {
        report_nocol(h, PYRS_ERR_INDENTATION, r, "unexpected indent");
        return;
    }
    if (hint_missing_block(h) || hint_legacy_print(h) || hint_try_without_except(h) ||
        hint_misc(h) || hint_display_after_atom(h) || hint_walrus_target(h) ||
        hint_kwarg_genexp(h) || hint_named(h) || hint_named_target(h) || hint_bad_annotation(h) ||
        hint_colon(h) || hint_bad_string(h) || hint_soft_colon(h) || hint_ternary(h) ||
        hint_comma(h)) {
        return;
    }
    if (K(r) == PYRS_TOK_DEDENT) {
        report_nocol(h, PYRS_ERR_INDENTATION, r, "unexpected unindent");
        return;
    }
    if (K(r) == PYRS_TOK_ENDMARKER) {
        report_nocol(h, PYRS_ERR_SYNTAX, r, "invalid syntax");
        return;
    }
    report_range(h, PYRS_ERR_SYNTAX, r, r, "invalid syntax");
}

/* Index of the first '=' directly inside the display opened at O on its line, or 0. */
static size_t
display_equal(const Hint *h, size_t o)
{
    for (size_t j = o + 1;
         j < h->n && h->depth[j] > h->depth[o] && h->t[j].lineno == h->t[o].lineno; j++) {
        if (h->depth[j] == h->depth[o] + 1 && K(j) == PYRS_TOK_EQUAL) {
            return j;
        }
    }
    return 0;
}

/* Whether CPython's invalid_named_expression stops before reading past the '=' at R: the
 * target starts with a list, tuple, generator expression, True, False or None. */
static int
named_blocked(const Hint *h, size_t r)
{
    size_t a = expr_begin(h, r - 1);
    PyrsTokKind k = K(a);
    if (k == PYRS_TOK_KW_TRUE || k == PYRS_TOK_KW_FALSE || k == PYRS_TOK_KW_NONE ||
        k == PYRS_TOK_LSQB) {
        return 1;
    }
    if (k != PYRS_TOK_LPAR) {
        return 0;
    }
    size_t m = matching(h, a);
    if (m == a + 1) {
        return 1; /* () */
    }
    m = m ? m : h->n;
    for (size_t j = a + 1; j < m; j++) {
        if (h->depth[j] == h->depth[a] + 1 && (K(j) == PYRS_TOK_COMMA || K(j) == PYRS_TOK_KW_FOR)) {
            return 1;
        }
    }
    return 0;
}

/* Whether an unclosed bracket (the tokenizer stopped at the end of the file inside it) is
 * what CPython reports instead of the parser's diagnosis: when the diagnosis starts on a
 * later line, or when the rejected token continues an expression inside that bracket (the
 * error pass then reads on to the end of the file). */
static int
unclosed_wins(const Hint *h)
{
    const PyrsSyntaxError *te = pyrs_tok_error(h->ctx->tok);
    char ch;
    int line, col;
    if (te->kind == PYRS_ERR_NONE || strstr(te->msg, "was never closed") == NULL ||
        pyrs_tok_paren_level(h->ctx->tok, &ch, &line, &col) == 0) {
        return 0;
    }
    /* CPython compares with the line of the furthest token its parser read */
    if (h->ctx->err->lineno > line || h->t[h->r].lineno > line) {
        return 1;
    }
    if (h->t[h->r].lineno == line && h->t[h->r].col_offset == col && h->r > 0 &&
        ends_atom(K(h->r - 1)) && K(h->r) == PYRS_TOK_LBRACE) {
        /* "a {...": the error pass parses the display up to the end of the file, unless an
         * '=' inside it stops it first */
        size_t r = h->r, s = stmt_start(h, r);
        if (K(s) == PYRS_TOK_KW_DEF || K(s) == PYRS_TOK_KW_CLASS || r + 1 >= h->n ||
            !(starts_atom(K(r + 1)) || is_open(K(r + 1)) || K(r + 1) == PYRS_TOK_MINUS)) {
            return 0; /* the header's own rule, or a display that fails at once */
        }
        return display_equal(h, r) == 0;
    }
    /* the rejected token must sit directly inside the unclosed bracket */
    size_t r = h->r, o = h->depth[r] > 0 ? open_bracket(h, r) : (size_t)-1;
    if (o == (size_t)-1 || h->t[o].lineno != line || h->t[o].col_offset != col || r == 0 ||
        !ends_atom(K(r - 1))) {
        return 0;
    }
    if (K(r) == PYRS_TOK_EQUAL) {
        return !named_blocked(h, r);
    }
    /* the error pass reads to the end only when the expression after R (or the keyword
     * argument "R = value") runs to it */
    if (!starts_atom(K(r))) {
        return 0;
    }
    size_t e = expr_finish(h, r);
    if (e + 2 < h->n && K(e + 1) == PYRS_TOK_EQUAL) {
        e = expr_finish(h, e + 2);
    }
    /* the token after that expression is the furthest one read */
    return e + 1 >= h->n || h->t[e + 1].lineno > line;
}

/* Whether the tokenizer stopped at a backslash before the end of the file right after the
 * rejected token: CPython's error pass reads that far and reports "unexpected EOF while
 * parsing" (outside brackets). */
static int
eof_wins(const Hint *h)
{
    const PyrsSyntaxError *te = pyrs_tok_error(h->ctx->tok);
    char ch;
    int line, col;
    if (te->kind != PYRS_ERR_SYNTAX || strcmp(te->msg, "unexpected EOF while parsing") != 0 ||
        pyrs_tok_paren_level(h->ctx->tok, &ch, &line, &col) != 0) {
        return 0;
    }
    if (h->r + 1 >= h->n) {
        return 1;
    }
    /* after a generic error the error pass reads on to the end of the logical line */
    for (size_t j = h->r; j < h->n; j++) {
        if (K(j) == PYRS_TOK_NEWLINE) {
            return 0;
        }
    }
    return strcmp(h->ctx->err->msg, "invalid syntax") == 0;
}

/* Copies the tokenizer's error into the context's record. */
static void
use_tokenizer_error(PyrsErrHintCtx *ctx)
{
    const PyrsSyntaxError *te = pyrs_tok_error(ctx->tok);
    const char *text = te->text;
    pyrs_perror_set(ctx->err, te->kind, te->filename, te->lineno, te->offset, te->end_lineno,
                    te->end_offset, text, text ? strlen(text) : 0, "%s", te->msg);
}

void
pyrs_errhint_finish(PyrsErrHintCtx *ctx)
{
    if (ctx->err->kind != PYRS_ERR_NONE && pyrs_tok_error_overrides(ctx->tok)) {
        pyrs_perror_clear(ctx->err);
        use_tokenizer_error(ctx);
    }
}

void
pyrs_errhint_syntax_error(PyrsErrHintCtx *ctx)
{
    Hint h = {ctx, NULL, NULL, 0, 0, NULL};
    if (ctx->err->kind != PYRS_ERR_NONE || ctx->ntoks == 0) {
        return;
    }
    const PyrsToken *rejected = &ctx->toks[ctx->ntoks - 1];
    int indent = rejected->kind == PYRS_TOK_INDENT || rejected->kind == PYRS_TOK_DEDENT;
    if (load(&h) == 0 && ctx->ntoks <= h.n) {
        h.r = ctx->ntoks - 1;
        diagnose(&h);
        /* CPython rescans the file after a parser error, except for a bare unexpected
         * indent or unindent: a tokenizer exception found later wins, and so may an
         * unclosed bracket */
        int bare = indent && ctx->err->kind == PYRS_ERR_INDENTATION &&
                   strncmp(ctx->err->msg, "unexpected ", 11) == 0;
        if (!bare && (pyrs_tok_error_overrides(ctx->tok) || eof_wins(&h))) {
            pyrs_perror_clear(ctx->err);
            use_tokenizer_error(ctx);
        } else if (!bare && unclosed_wins(&h)) {
            pyrs_perror_clear(ctx->err);
            use_tokenizer_error(ctx);
        }
    }
    free(h.t);
    free(h.depth);
    pyrs_tok_free(h.tok);
    if (ctx->err->kind == PYRS_ERR_NONE) {
        /* out of memory while diagnosing: still report the rejection */
        size_t len = 0;
        const char *text = pyrs_tok_line(ctx->tok, rejected->lineno, &len);
        pyrs_perror_set(ctx->err, PYRS_ERR_SYNTAX, ctx->filename, rejected->lineno,
                        rejected->col_offset + 1, rejected->end_lineno,
                        rejected->end_col_offset + 1, text, len, "invalid syntax");
    }
}
