/* parser.c: the parse driver. Reads every token, decides the PEG-only choices CPython 3.11
 * makes by backtracking (soft keywords `match`/`case`, parenthesised with-items) by looking
 * ahead in the token array, feeds the lemon parser, and reports errors where CPython does
 * (grammar rejections diagnosed by errhint.c, tokenizer errors when the parser gets there). */
#include "parser.h"

#include <stdlib.h>
#include <string.h>

#include "ast_const.h"
#include "errhint.h"
#include "parse_build.h"
#include "python.h"
#include "tok_internal.h"
#include "tokenizer.h"

/* The lemon engine (python.c, generated). */
void *pyrs_lemonAlloc(void *(*alloc)(size_t));
void pyrs_lemonFree(void *parser, void (*dealloc)(void *));
void pyrs_lemon(void *parser, int code, const PyrsToken *tok, PyrsParser *P);

/* Lemon's code of each tokenizer kind: lemon's tokens carry the names of tokens.def. */
static const int lemon_codes[PYRS_TOK__COUNT] = {
#define X(name, text) [PYRS_TOK_##name] = PYRS_LT_##name,
#include "tokens.def"
#undef X
};

/* The token array of one input. */
typedef struct {
    PyrsToken *v; /* tokens, ENDMARKER last unless the tokenizer failed */
    size_t n;     /* count */
    size_t cap;   /* allocated */
    int failed;   /* the tokenizer reported an error after v[n - 1] */
} TokBuf;

static int
read_all(PyrsTokenizer *tok, TokBuf *b)
{
    for (;;) {
        PyrsToken t;
        if (b->n == b->cap) {
            size_t cap = b->cap ? 2 * b->cap : 256;
            PyrsToken *v = realloc(b->v, cap * sizeof *v);
            if (!v) {
                return -1;
            }
            b->v = v;
            b->cap = cap;
        }
        if (pyrs_tok_next(tok, &t) < 0) {
            b->failed = 1;
            return 0;
        }
        b->v[b->n++] = t;
        if (t.kind == PYRS_TOK_ENDMARKER) {
            return 0;
        }
    }
}

/* ---- soft keywords and PEG choices -------------------------------------------------------- */

static int
is_name(const PyrsToken *t, const char *s)
{
    size_t n = strlen(s);
    return t->kind == PYRS_TOK_NAME && t->len == n && memcmp(t->start, s, n) == 0;
}

/* Can T start the subject of `match` or a case pattern? */
static int
starts_expr(const PyrsToken *t)
{
    switch (t->kind) {
    case PYRS_TOK_NAME:
    case PYRS_TOK_NUMBER:
    case PYRS_TOK_STRING:
    case PYRS_TOK_LPAR:
    case PYRS_TOK_LSQB:
    case PYRS_TOK_LBRACE:
    case PYRS_TOK_MINUS:
    case PYRS_TOK_PLUS:
    case PYRS_TOK_TILDE:
    case PYRS_TOK_STAR:
    case PYRS_TOK_KW_NOT:
    case PYRS_TOK_KW_LAMBDA:
    case PYRS_TOK_KW_AWAIT:
    case PYRS_TOK_KW_NONE:
    case PYRS_TOK_KW_TRUE:
    case PYRS_TOK_KW_FALSE:
    case PYRS_TOK_ELLIPSIS:
        return 1;
    default:
        return 0;
    }
}

/* Does the logical line starting at token I end with ':' (a block opener)? */
static int
line_ends_with_colon(const TokBuf *b, size_t i)
{
    while (i < b->n && b->v[i].kind != PYRS_TOK_NEWLINE && b->v[i].kind != PYRS_TOK_ENDMARKER) {
        i++;
    }
    return i < b->n && i > 0 && b->v[i].kind == PYRS_TOK_NEWLINE &&
           b->v[i - 1].kind == PYRS_TOK_COLON;
}

/* Is there a ':' at bracket depth 0 on the logical line starting at token I? */
static int
line_has_colon(const TokBuf *b, size_t i)
{
    int depth = 0;
    for (; i < b->n && b->v[i].kind != PYRS_TOK_NEWLINE; i++) {
        switch (b->v[i].kind) {
        case PYRS_TOK_LPAR:
        case PYRS_TOK_LSQB:
        case PYRS_TOK_LBRACE:
            depth++;
            break;
        case PYRS_TOK_RPAR:
        case PYRS_TOK_RSQB:
        case PYRS_TOK_RBRACE:
            depth--;
            break;
        case PYRS_TOK_COLON:
            if (depth == 0) {
                return 1;
            }
            break;
        default:
            break;
        }
    }
    return 0;
}

/* For `with (` at token I (the parenthesis): is the parenthesised part a list of with-items
 * followed by ':'? CPython tries that reading first and falls back to an expression. */
static int
is_with_items_paren(const TokBuf *b, size_t i)
{
    int depth = 0;
    size_t j = i;
    int elem_start = 1;
    for (; j < b->n; j++) {
        PyrsTokKind k = b->v[j].kind;
        if (k == PYRS_TOK_LPAR || k == PYRS_TOK_LSQB || k == PYRS_TOK_LBRACE) {
            depth++;
        } else if (k == PYRS_TOK_RPAR || k == PYRS_TOK_RSQB || k == PYRS_TOK_RBRACE) {
            if (--depth == 0) {
                break;
            }
        } else if (depth == 1) {
            if ((elem_start && (k == PYRS_TOK_STAR || k == PYRS_TOK_KW_YIELD)) ||
                k == PYRS_TOK_KW_FOR || k == PYRS_TOK_COLONEQUAL) {
                return 0;
            }
        }
        if (j > i) {
            elem_start = depth == 1 && k == PYRS_TOK_COMMA;
        }
        if (k == PYRS_TOK_NEWLINE || k == PYRS_TOK_ENDMARKER) {
            return 0;
        }
    }
    /* ")" NEWLINE: CPython reports "expected ':'" for the with-items reading */
    return j < b->n && j > i + 1 && j + 1 < b->n &&
           (b->v[j + 1].kind == PYRS_TOK_COLON || b->v[j + 1].kind == PYRS_TOK_NEWLINE);
}

/* Lemon codes for every token, with the driver's decisions applied. */
static int *
compute_codes(const TokBuf *b)
{
    int *codes = malloc((b->n + 1) * sizeof *codes);
    int indent = 0, pending_match = 0, nmatch = 0;
    int match_levels[256];
    if (!codes) {
        return NULL;
    }
    for (size_t i = 0; i < b->n; i++) {
        const PyrsToken *t = &b->v[i];
        PyrsTokKind prev = i ? b->v[i - 1].kind : PYRS_TOK_NEWLINE;
        int stmt_start =
            prev == PYRS_TOK_NEWLINE || prev == PYRS_TOK_INDENT || prev == PYRS_TOK_DEDENT;
        codes[i] = lemon_codes[t->kind];
        if (t->kind == PYRS_TOK_INDENT) {
            indent++;
            if (pending_match && nmatch < 256) {
                match_levels[nmatch++] = indent;
            }
            pending_match = 0;
        } else if (t->kind == PYRS_TOK_DEDENT) {
            indent--;
            while (nmatch && match_levels[nmatch - 1] > indent) {
                nmatch--;
            }
        } else if (stmt_start && i + 1 < b->n && starts_expr(&b->v[i + 1])) {
            if (is_name(t, "match") && line_ends_with_colon(b, i)) {
                codes[i] = PYRS_LT_MATCH;
                pending_match = 1;
            } else if (is_name(t, "case") && nmatch && match_levels[nmatch - 1] == indent &&
                       line_has_colon(b, i)) {
                codes[i] = PYRS_LT_CASE;
            }
        } else if (t->kind == PYRS_TOK_LPAR && prev == PYRS_TOK_KW_WITH &&
                   is_with_items_paren(b, i)) {
            codes[i] = PYRS_LT_LPAR_WITH;
        }
    }
    return codes;
}

/* ---- hooks called from the grammar -------------------------------------------------------- */

/* The grammar rejected T. */
void
pyrs_pb_reject(PyrsParser *P, const PyrsToken *t)
{
    (void)t;
    if (!P->failed) {
        P->syntax_failed = 1;
    }
    P->failed = 1;
}

/* Lemon's stack overflowed. */
void
pyrs_pb_overflow(PyrsParser *P)
{
    PyrsPPos p = pyrs_pb_tpos(&P->toks[P->cur]);
    pyrs_pb_error_at(P, p, "too many nested parentheses");
}

/* ---- driving ------------------------------------------------------------------------------ */

static void
copy_error(PyrsSyntaxError *dst, const PyrsSyntaxError *src)
{
    const char *text = src->text;
    pyrs_perror_set(dst, src->kind, src->filename, src->lineno, src->offset, src->end_lineno,
                    src->end_offset, text, text ? strlen(text) : 0, "%s", src->msg);
}

/* After an error of a grammar action, CPython scans the rest of the file: a tokenizer
 * exception found there replaces the error, and so does an unclosed bracket opened on an
 * earlier line than the error. */
static void
later_tokenizer_error(PyrsParser *P, PyrsTokenizer *tok, TokBuf *b)
{
    const PyrsSyntaxError *te = pyrs_tok_error(tok);
    PyrsErrHintCtx ctx = {tok, b->v, b->n, P->err, P->filename};
    if (P->err->kind != PYRS_ERR_NONE && strstr(te->msg, "was never closed") &&
        te->lineno < P->err->lineno) {
        pyrs_perror_clear(P->err);
        copy_error(P->err, te);
        return;
    }
    pyrs_errhint_finish(&ctx);
}

static int run(PyrsParser *P, PyrsTokenizer *tok, TokBuf *b, int mode_code);

/* CPython's invalid_for_target: when a `for` statement fails before its `in`, the tokens
 * after `for` are read as an expression and an invalid target in it is reported ("cannot
 * assign to function call"). Returns 1 when that error was recorded. */
static int
for_target_error(PyrsParser *P, PyrsTokenizer *tok, const TokBuf *b)
{
    size_t r = P->cur, f = r;
    PyrsSyntaxError scratch;
    PyrsParser Q;
    TokBuf sub = {0};
    int found = 0;
    while (f > 0 && b->v[f - 1].kind != PYRS_TOK_NEWLINE && b->v[f - 1].kind != PYRS_TOK_INDENT &&
           b->v[f - 1].kind != PYRS_TOK_DEDENT && b->v[f].kind != PYRS_TOK_KW_IN) {
        f--;
    }
    if (b->v[f].kind == PYRS_TOK_KW_ASYNC) {
        f++;
    }
    if (f >= r || b->v[f].kind != PYRS_TOK_KW_FOR || r - f < 2) {
        return 0;
    }
    sub.v = malloc((r - f) * sizeof *sub.v);
    if (!sub.v) {
        return 0;
    }
    memcpy(sub.v, b->v + f + 1, (r - f - 1) * sizeof *sub.v);
    sub.n = r - f;
    sub.v[sub.n - 1] = b->v[r];
    sub.v[sub.n - 1].kind = PYRS_TOK_ENDMARKER;
    memset(&Q, 0, sizeof Q);
    memset(&scratch, 0, sizeof scratch);
    Q = *P;
    Q.err = &scratch;
    Q.failed = Q.syntax_failed = 0;
    Q.no_hint = 1;
    if (run(&Q, tok, &sub, PYRS_LT_MODE_FSTRING) == 0 && Q.result.e &&
        !pyrs_pb_check_target(Q.result.e, 2)) {
        Q.err = P->err;
        Q.failed = 0;
        found = pyrs_pb_set_target(&Q, Q.result, 2) < 0;
    }
    pyrs_perror_clear(&scratch);
    free(sub.v);
    P->failed = 1;
    return found;
}

/* Whether E is what CPython's invalid_named_expression takes as its target: a bitwise_or that
 * is no list, tuple, generator expression, True, False or None. */
static int
named_target(PyrsPE e)
{
    switch (e.e->kind) {
    case PYRS_K_BoolOp:
    case PYRS_K_Compare:
    case PYRS_K_Lambda:
    case PYRS_K_IfExp:
    case PYRS_K_NamedExpr:
    case PYRS_K_Starred:
    case PYRS_K_Yield:
    case PYRS_K_YieldFrom:
        return e.paren && e.e->kind != PYRS_K_Starred;
    case PYRS_K_UnaryOp:
        return e.paren || e.e->v.UnaryOp.op != PYRS_UNARY_NOT;
    case PYRS_K_List:
    case PYRS_K_Tuple:
    case PYRS_K_GeneratorExp:
        return 0;
    case PYRS_K_Constant:
        return e.e->v.Constant.value->kind > PYRS_CONST_FALSE;
    default:
        return 1;
    }
}

/* Probe-parses tokens [A, E) of B as an expression and reports an invalid assignment target
 * in it ("cannot assign to literal") into P->err; HERE asks for invalid_named_expression's
 * "... here. Maybe you meant '=='" form. Returns 1 when reported, 0 for a valid target, -1
 * when the tokens are no expression. */
static int
probe_target(PyrsParser *P, PyrsTokenizer *tok, const TokBuf *b, size_t a, size_t e, int here)
{
    PyrsSyntaxError scratch;
    PyrsParser Q;
    TokBuf sub = {0};
    int rc = -1;
    sub.v = malloc((e - a + 1) * sizeof *sub.v);
    if (!sub.v) {
        return -1;
    }
    memcpy(sub.v, b->v + a, (e - a) * sizeof *sub.v);
    sub.n = e - a + 1;
    sub.v[sub.n - 1] = b->v[e];
    sub.v[sub.n - 1].kind = PYRS_TOK_ENDMARKER;
    memset(&scratch, 0, sizeof scratch);
    Q = *P;
    Q.err = &scratch;
    Q.failed = Q.syntax_failed = 0;
    Q.no_hint = 1;
    if (run(&Q, tok, &sub, PYRS_LT_MODE_FSTRING) == 0 && Q.result.e) {
        const PyrsExpr *x = Q.result.e;
        int yield = x->kind == PYRS_K_Yield || x->kind == PYRS_K_YieldFrom;
        rc = 0;
        PyrsPE last = Q.result;
        if (here && x->kind == PYRS_K_Tuple && !Q.result.paren && x->v.Tuple.elts->n > 0) {
            /* CPython's rule looks at the tuple's last element */
            last.e = PYRS_SEQ_GET(x->v.Tuple.elts, x->v.Tuple.elts->n - 1);
            last.paren = 0;
            if (last.e->kind == PYRS_K_Name || pyrs_pb_check_target(last.e, 0)) {
                yield = 0;
                x = NULL; /* another rule of CPython's: left to the generic message */
                rc = -1;
            }
        }
        if (x && (yield || !pyrs_pb_check_target(x, 0))) {
            PyrsPPos at = {x->lineno, x->col_offset, x->end_lineno, x->end_col_offset};
            pyrs_perror_clear(P->err);
            Q.err = P->err;
            Q.failed = 0;
            rc = 1;
            if (here && named_target(last)) {
                PyrsPPos lp = {last.e->lineno, last.e->col_offset, last.e->end_lineno,
                               last.e->end_col_offset};
                pyrs_pb_error_at(&Q, lp,
                                 "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                                 pyrs_pb_expr_name(last.e));
            } else if (yield && Q.result.paren) {
                pyrs_pb_error_at(&Q, at, "cannot assign to yield expression");
            } else if (yield) {
                pyrs_pb_error_at(&Q, Q.result.p, "assignment to yield expression not possible");
            } else {
                rc = pyrs_pb_set_target(&Q, Q.result, 0) < 0;
            }
        }
    }
    pyrs_perror_clear(&scratch);
    free(sub.v);
    return rc;
}

/* CPython's invalid_assignment "(star_targets '=')* star_expressions '='": when a statement
 * "T1 = T2 = ... =" fails after a '=', the first target that is no valid one is reported ("x = 1 =
 * " -> "cannot assign to literal"). Called when the diagnosis is the generic "invalid syntax".
 * Returns 1 when P->err was replaced. */
static int
assign_target_error(PyrsParser *P, PyrsTokenizer *tok, const TokBuf *b)
{
    size_t r = P->cur, s = r, seg;
    int depth = 0;
    while (s > 0 && b->v[s - 1].kind != PYRS_TOK_NEWLINE && b->v[s - 1].kind != PYRS_TOK_INDENT &&
           b->v[s - 1].kind != PYRS_TOK_DEDENT && b->v[s - 1].kind != PYRS_TOK_SEMI) {
        s--;
    }
    seg = s;
    for (size_t i = s; i < r; i++) {
        PyrsTokKind k = b->v[i].kind;
        depth += k == PYRS_TOK_LPAR || k == PYRS_TOK_LSQB || k == PYRS_TOK_LBRACE;
        depth -= (k == PYRS_TOK_RPAR || k == PYRS_TOK_RSQB || k == PYRS_TOK_RBRACE) && depth > 0;
        if (k != PYRS_TOK_EQUAL || depth != 0) {
            continue;
        }
        if (i == seg) {
            return 0;
        }
        int chain = 0; /* another '=' follows before the rejected token */
        for (size_t j = i + 1, d = 0; j < r; j++) {
            PyrsTokKind kj = b->v[j].kind;
            d += kj == PYRS_TOK_LPAR || kj == PYRS_TOK_LSQB || kj == PYRS_TOK_LBRACE;
            d -= (kj == PYRS_TOK_RPAR || kj == PYRS_TOK_RSQB || kj == PYRS_TOK_RBRACE) && d > 0;
            chain |= kj == PYRS_TOK_EQUAL && d == 0;
        }
        int rc = probe_target(P, tok, b, seg, i, seg == s && !chain && i + 1 < r);
        if (rc != 0) {
            return rc > 0;
        }
        seg = i + 1;
    }
    return 0;
}

/* Feeds MODE_CODE then every token of B to a new lemon parser. Returns 0 when the input was
 * accepted, -1 with an error in P->err otherwise. */
static int
run(PyrsParser *P, PyrsTokenizer *tok, TokBuf *b, int mode_code)
{
    int *codes = compute_codes(b);
    void *lp = pyrs_lemonAlloc(malloc);
    PyrsToken start = {0};
    int rc = -1;
    if (!codes || !lp) {
        pyrs_pb_oom(P);
        goto done;
    }
    P->toks = b->v;
    P->ntoks = b->n;
    if (b->n) {
        start = b->v[0];
    }
    pyrs_lemon(lp, mode_code, &start, P);
    for (size_t i = 0; i < b->n && !P->failed; i++) {
        P->cur = i;
        pyrs_lemon(lp, codes[i], &b->v[i], P);
    }
    if (!P->failed && b->failed) {
        copy_error(P->err, pyrs_tok_error(tok));
        P->failed = 1;
    }
    if (!P->failed) {
        pyrs_lemon(lp, 0, &start, P);
    }
    if (P->no_hint) {
        /* a probe parse (for_target_error): the verdict is all that counts */
    } else if (P->syntax_failed && for_target_error(P, tok, b)) {
        /* CPython's invalid_for_target diagnosed it */
    } else if (P->syntax_failed) {
        PyrsErrHintCtx ctx = {tok, b->v, P->cur + 1, P->err, P->filename};
        pyrs_errhint_syntax_error(&ctx);
        if (P->err->kind == PYRS_ERR_SYNTAX && strcmp(P->err->msg, "invalid syntax") == 0 &&
            !pyrs_tok_error_overrides(tok)) {
            assign_target_error(P, tok, b);
        }
    } else if (P->failed && b->failed) {
        later_tokenizer_error(P, tok, b);
    }
    rc = P->failed ? -1 : 0;
done:
    free(codes);
    if (lp) {
        pyrs_lemonFree(lp, free);
    }
    return rc;
}

static PyrsMod *
parse_with(PyrsTokenizer *tok, const char *filename, int mode, PyrsArena *arena,
           PyrsSyntaxError *err)
{
    PyrsParser P;
    TokBuf b = {0};
    PyrsMod *mod = NULL;
    static const int mode_codes[] = {PYRS_LT_MODE_EXEC, PYRS_LT_MODE_EVAL, PYRS_LT_MODE_SINGLE,
                                     PYRS_LT_MODE_FUNCTYPE};
    memset(&P, 0, sizeof P);
    P.arena = arena;
    P.err = err;
    P.filename = filename;
    P.tok = tok;
    if (read_all(tok, &b) < 0) {
        pyrs_pb_oom(&P);
    } else if (run(&P, tok, &b, mode_codes[mode]) == 0) {
        mod = mode == PYRS_PARSE_EVAL ? pyrs_ast_Expression(P.result.e, arena) : P.mod;
    }
    free(b.v);
    return err->kind == PYRS_ERR_NONE && mod ? mod : NULL;
}

/* Parses SRC in MODE; see parser.h. */
PyrsMod *
pyrs_parse(const char *src, size_t len, const char *filename, int mode, PyrsArena *arena,
           PyrsSyntaxError *err)
{
    PyrsTokenizer *tok;
    PyrsMod *mod;
    if (mode < PYRS_PARSE_EXEC || mode > PYRS_PARSE_FUNC_TYPE) {
        pyrs_perror_set(err, PYRS_ERR_SYNTAX, filename, 1, 0, 0, 0, NULL, 0,
                        "unsupported parse mode");
        return NULL;
    }
    tok = pyrs_tok_new(src, len, filename);
    if (!tok) {
        pyrs_perror_set(err, PYRS_ERR_SYNTAX, filename, 1, 0, 0, 0, NULL, 0, "out of memory");
        return NULL;
    }
    mod = parse_with(tok, filename, mode, arena, err);
    pyrs_tok_free(tok);
    return mod;
}

/* Parses an f-string field's expression read by TOK, as CPython 3.11 does (the tokenizer
 * supplies the implicit parentheses). See parse_build.h. */
PyrsExpr *
pyrs_pb_sub_expr(PyrsParser *outer, PyrsTokenizer *tok)
{
    PyrsParser P;
    TokBuf b = {0};
    PyrsExpr *e = NULL;
    if (!tok) {
        pyrs_pb_oom(outer);
        return NULL;
    }
    memset(&P, 0, sizeof P);
    P.arena = outer->arena;
    P.err = outer->err;
    P.filename = outer->filename;
    P.tok = tok;
    P.fstring_depth = outer->fstring_depth + 1;
    if (read_all(tok, &b) < 0) {
        pyrs_pb_oom(&P);
    } else if (run(&P, tok, &b, PYRS_LT_MODE_FSTRING) == 0) {
        e = P.result.e;
    }
    free(b.v);
    pyrs_tok_free(tok);
    if (!e) {
        outer->failed = 1;
    }
    return e;
}
