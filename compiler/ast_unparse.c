/* ast_unparse.c: expressions back to source text for PEP 563 (`from __future__ import
 * annotations` stores each annotation as this text). Mirrors CPython 3.11's C unparser, which
 * differs from Lib/ast.py's unparse: one precedence table, minimal parentheses, f-strings built
 * as a body then quoted with repr(), infinite floats written as 1e309. */
#include "ast_unparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast_const.h"

/* Precedence levels, loosest first: an expression is parenthesised when the context asks for
 * a tighter level than its own. */
enum {
    PR_TUPLE,
    PR_TEST, /* if-else, lambda */
    PR_OR,
    PR_AND,
    PR_NOT,
    PR_CMP,
    PR_EXPR,
    PR_BOR = PR_EXPR,
    PR_BXOR,
    PR_BAND,
    PR_SHIFT,
    PR_ARITH,
    PR_TERM,
    PR_FACTOR,
    PR_POWER,
    PR_AWAIT,
    PR_ATOM
};

/* An output stream plus a sticky out-of-memory flag, so writers need no error returns. */
typedef struct {
    FILE *f;    /* an open_memstream stream */
    int oom;    /* set when a nested buffer could not be made */
    char *buf;  /* the stream's buffer (valid after fclose) */
    size_t len; /* its length */
} Out;

static void expr(Out *o, const PyrsExpr *e, int level);

/* Opens a memory stream into O; 0, or -1 when out of memory. */
static int
out_open(Out *o)
{
    o->oom = 0;
    o->buf = NULL;
    o->len = 0;
    o->f = open_memstream(&o->buf, &o->len);
    return o->f != NULL ? 0 : -1;
}

/* Closes O's stream; its text stays in o->buf (malloc'd). 0, or -1 on any failure (then
 * o->buf is freed and NULL). */
static int
out_close(Out *o)
{
    int bad = ferror(o->f) != 0 || o->oom;
    bad |= fclose(o->f) != 0;
    if (bad) {
        free(o->buf);
        o->buf = NULL;
        return -1;
    }
    return 0;
}

static void
put(Out *o, const char *s)
{
    fputs(s, o->f);
}

static void
put_if(Out *o, int cond, const char *s)
{
    if (cond) {
        fputs(s, o->f);
    }
}

/* Writes S[0..LEN) with every "inf" replaced by "1e309" (CPython writes an infinite float
 * constant so that it reads back as one). */
static void
put_inf_replaced(Out *o, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (i + 3 <= len && memcmp(s + i, "inf", 3) == 0) {
            fputs("1e309", o->f);
            i += 2;
        } else {
            fputc(s[i], o->f);
        }
    }
}

static void
constant(Out *o, const PyrsExpr *e)
{
    const PyrsConst *k = e->v.Constant.value;
    if (k->kind == PYRS_CONST_ELLIPSIS) {
        put(o, "...");
        return;
    }
    if (e->v.Constant.kind != NULL) {
        put(o, e->v.Constant.kind); /* the u of u'...' */
    }
    if (k->kind != PYRS_CONST_FLOAT && k->kind != PYRS_CONST_COMPLEX) {
        pyrs_const_write_repr(k, o->f);
        return;
    }
    Out tmp;
    if (out_open(&tmp) < 0) {
        o->oom = 1;
        return;
    }
    pyrs_const_write_repr(k, tmp.f);
    if (out_close(&tmp) < 0) {
        o->oom = 1;
        return;
    }
    put_inf_replaced(o, tmp.buf, tmp.len);
    free(tmp.buf);
}

static void
boolop(Out *o, const PyrsExpr *e, int level)
{
    int pr = e->v.BoolOp.op == PYRS_BOOL_AND ? PR_AND : PR_OR;
    put_if(o, level > pr, "(");
    for (long i = 0; i < PYRS_SEQ_LEN(e->v.BoolOp.values); i++) {
        put_if(o, i > 0, pr == PR_AND ? " and " : " or ");
        expr(o, PYRS_SEQ_GET(e->v.BoolOp.values, i), pr + 1);
    }
    put_if(o, level > pr, ")");
}

/* The text and level of binary operator OP. */
static const char *
binop_text(PyrsOperator op, int *pr)
{
    switch (op) {
    case PYRS_OP_ADD:
        *pr = PR_ARITH;
        return " + ";
    case PYRS_OP_SUB:
        *pr = PR_ARITH;
        return " - ";
    case PYRS_OP_MULT:
        *pr = PR_TERM;
        return " * ";
    case PYRS_OP_MATMULT:
        *pr = PR_TERM;
        return " @ ";
    case PYRS_OP_DIV:
        *pr = PR_TERM;
        return " / ";
    case PYRS_OP_MOD:
        *pr = PR_TERM;
        return " % ";
    case PYRS_OP_FLOORDIV:
        *pr = PR_TERM;
        return " // ";
    case PYRS_OP_LSHIFT:
        *pr = PR_SHIFT;
        return " << ";
    case PYRS_OP_RSHIFT:
        *pr = PR_SHIFT;
        return " >> ";
    case PYRS_OP_BITOR:
        *pr = PR_BOR;
        return " | ";
    case PYRS_OP_BITXOR:
        *pr = PR_BXOR;
        return " ^ ";
    case PYRS_OP_BITAND:
        *pr = PR_BAND;
        return " & ";
    case PYRS_OP_POW:
        break;
    }
    *pr = PR_POWER;
    return " ** ";
}

static void
binop(Out *o, const PyrsExpr *e, int level)
{
    int pr;
    const char *op = binop_text(e->v.BinOp.op, &pr);
    int rassoc = e->v.BinOp.op == PYRS_OP_POW; /* ** groups to the right */
    put_if(o, level > pr, "(");
    expr(o, e->v.BinOp.left, pr + rassoc);
    put(o, op);
    expr(o, e->v.BinOp.right, pr + !rassoc);
    put_if(o, level > pr, ")");
}

static void
unaryop(Out *o, const PyrsExpr *e, int level)
{
    static const char *const ops[] = {"", "~", "not ", "+", "-"};
    int pr = e->v.UnaryOp.op == PYRS_UNARY_NOT ? PR_NOT : PR_FACTOR;
    put_if(o, level > pr, "(");
    put(o, ops[e->v.UnaryOp.op]);
    expr(o, e->v.UnaryOp.operand, pr);
    put_if(o, level > pr, ")");
}

static void
arg(Out *o, const PyrsArg *a)
{
    put(o, a->arg);
    if (a->annotation != NULL) {
        put(o, ": ");
        expr(o, a->annotation, PR_TEST);
    }
}

/* A parameter list as written in a def or lambda, defaults included. */
static void
arguments(Out *o, const PyrsArguments *a)
{
    long nposonly = PYRS_SEQ_LEN(a->posonlyargs), nargs = PYRS_SEQ_LEN(a->args);
    long ndefaults = PYRS_SEQ_LEN(a->defaults);
    int first = 1;
    for (long i = 0; i < nposonly + nargs; i++) {
        put_if(o, !first, ", ");
        first = 0;
        arg(o,
            i < nposonly ? PYRS_SEQ_GET(a->posonlyargs, i) : PYRS_SEQ_GET(a->args, i - nposonly));
        long di = i - nposonly - nargs + ndefaults; /* defaults belong to the last ones */
        if (di >= 0) {
            put(o, "=");
            expr(o, PYRS_SEQ_GET(a->defaults, di), PR_TEST);
        }
        put_if(o, nposonly > 0 && i + 1 == nposonly, ", /");
    }
    long nkwonly = PYRS_SEQ_LEN(a->kwonlyargs);
    if (a->vararg != NULL || nkwonly > 0) {
        put_if(o, !first, ", ");
        first = 0;
        put(o, "*");
        if (a->vararg != NULL) {
            arg(o, a->vararg);
        }
    }
    long nkwdefaults = PYRS_SEQ_LEN(a->kw_defaults);
    for (long i = 0; i < nkwonly; i++) {
        put_if(o, !first, ", ");
        first = 0;
        arg(o, PYRS_SEQ_GET(a->kwonlyargs, i));
        long di = i - nkwonly + nkwdefaults;
        const PyrsExpr *d = di >= 0 ? PYRS_SEQ_GET(a->kw_defaults, di) : NULL;
        if (d != NULL) {
            put(o, "=");
            expr(o, d, PR_TEST);
        }
    }
    if (a->kwarg != NULL) {
        put_if(o, !first, ", ");
        put(o, "**");
        arg(o, a->kwarg);
    }
}

static void
lambda(Out *o, const PyrsExpr *e, int level)
{
    const PyrsArguments *a = e->v.Lambda.args;
    put_if(o, level > PR_TEST, "(");
    put(o, PYRS_SEQ_LEN(a->args) + PYRS_SEQ_LEN(a->posonlyargs) > 0 ? "lambda " : "lambda");
    arguments(o, a);
    put(o, ": ");
    expr(o, e->v.Lambda.body, PR_TEST);
    put_if(o, level > PR_TEST, ")");
}

static void
ifexp(Out *o, const PyrsExpr *e, int level)
{
    put_if(o, level > PR_TEST, "(");
    expr(o, e->v.IfExp.body, PR_TEST + 1);
    put(o, " if ");
    expr(o, e->v.IfExp.test, PR_TEST + 1);
    put(o, " else ");
    expr(o, e->v.IfExp.orelse, PR_TEST);
    put_if(o, level > PR_TEST, ")");
}

static void
dict(Out *o, const PyrsExpr *e)
{
    put(o, "{");
    for (long i = 0; i < PYRS_SEQ_LEN(e->v.Dict.values); i++) {
        const PyrsExpr *key = PYRS_SEQ_GET(e->v.Dict.keys, i);
        put_if(o, i > 0, ", ");
        if (key != NULL) {
            expr(o, key, PR_TEST);
            put(o, ": ");
            expr(o, PYRS_SEQ_GET(e->v.Dict.values, i), PR_TEST);
        } else {
            put(o, "**");
            expr(o, PYRS_SEQ_GET(e->v.Dict.values, i), PR_EXPR);
        }
    }
    put(o, "}");
}

/* ELTS between OPEN and CLOSE, comma separated (list and set displays). */
static void
elements(Out *o, const char *open, const PyrsAstSeq *elts, const char *close)
{
    put(o, open);
    for (long i = 0; i < PYRS_SEQ_LEN(elts); i++) {
        put_if(o, i > 0, ", ");
        expr(o, PYRS_SEQ_GET(elts, i), PR_TEST);
    }
    put(o, close);
}

static void
tuple(Out *o, const PyrsExpr *e, int level)
{
    long n = PYRS_SEQ_LEN(e->v.Tuple.elts);
    if (n == 0) {
        put(o, "()");
        return;
    }
    put_if(o, level > PR_TUPLE, "(");
    for (long i = 0; i < n; i++) {
        put_if(o, i > 0, ", ");
        expr(o, PYRS_SEQ_GET(e->v.Tuple.elts, i), PR_TEST);
    }
    put_if(o, n == 1, ",");
    put_if(o, level > PR_TUPLE, ")");
}

/* The `for ... in ... if ...` clauses of a comprehension. */
static void
generators(Out *o, const PyrsAstSeq *gens)
{
    for (long i = 0; i < PYRS_SEQ_LEN(gens); i++) {
        const PyrsComprehension *g = PYRS_SEQ_GET(gens, i);
        put(o, g->is_async ? " async for " : " for ");
        expr(o, g->target, PR_TUPLE);
        put(o, " in ");
        expr(o, g->iter, PR_TEST + 1);
        for (long k = 0; k < PYRS_SEQ_LEN(g->ifs); k++) {
            put(o, " if ");
            expr(o, PYRS_SEQ_GET(g->ifs, k), PR_TEST + 1);
        }
    }
}

/* A comprehension: OPEN, the element (KEY: VALUE for a dict), the clauses, CLOSE. */
static void
comprehension(Out *o, const char *open, const PyrsExpr *key, const PyrsExpr *elt,
              const PyrsAstSeq *gens, const char *close)
{
    put(o, open);
    if (key != NULL) {
        expr(o, key, PR_TEST);
        put(o, ": ");
    }
    expr(o, elt, PR_TEST);
    generators(o, gens);
    put(o, close);
}

static void
compare(Out *o, const PyrsExpr *e, int level)
{
    static const char *const ops[] = {"",     " == ", " != ",     " < ",  " <= ",    " > ",
                                      " >= ", " is ", " is not ", " in ", " not in "};
    put_if(o, level > PR_CMP, "(");
    expr(o, e->v.Compare.left, PR_CMP + 1);
    for (long i = 0; i < PYRS_SEQ_LEN(e->v.Compare.comparators); i++) {
        put(o, ops[(intptr_t)PYRS_SEQ_GET(e->v.Compare.ops, i)]);
        expr(o, PYRS_SEQ_GET(e->v.Compare.comparators, i), PR_CMP + 1);
    }
    put_if(o, level > PR_CMP, ")");
}

static void
call(Out *o, const PyrsExpr *e)
{
    const PyrsAstSeq *args = e->v.Call.args, *kws = e->v.Call.keywords;
    expr(o, e->v.Call.func, PR_ATOM);
    if (PYRS_SEQ_LEN(args) == 1 && PYRS_SEQ_LEN(kws) == 0 &&
        ((const PyrsExpr *)PYRS_SEQ_GET(args, 0))->kind == PYRS_K_GeneratorExp) {
        expr(o, PYRS_SEQ_GET(args, 0), PR_TEST); /* f(x for x in y): its own parentheses */
        return;
    }
    put(o, "(");
    int first = 1;
    for (long i = 0; i < PYRS_SEQ_LEN(args); i++) {
        put_if(o, !first, ", ");
        first = 0;
        expr(o, PYRS_SEQ_GET(args, i), PR_TEST);
    }
    for (long i = 0; i < PYRS_SEQ_LEN(kws); i++) {
        const PyrsKeyword *kw = PYRS_SEQ_GET(kws, i);
        put_if(o, !first, ", ");
        first = 0;
        put(o, kw->arg != NULL ? kw->arg : "**");
        put_if(o, kw->arg != NULL, "=");
        expr(o, kw->value, PR_TEST);
    }
    put(o, ")");
}

static void fstring_part(Out *o, const PyrsExpr *e, int in_spec);

/* A literal piece of an f-string, braces doubled. */
static void
fstring_text(Out *o, const PyrsConst *k)
{
    for (size_t i = 0; i < k->len; i++) {
        char ch = k->data[i];
        fputc(ch, o->f);
        if (ch == '{' || ch == '}') {
            fputc(ch, o->f);
        }
    }
}

/* A JoinedStr: its body, quoted as repr() quotes a str and prefixed with f; inside a format
 * spec (IN_SPEC) the bare body. */
static void
joinedstr(Out *o, const PyrsExpr *e, int in_spec)
{
    Out body;
    if (out_open(&body) < 0) {
        o->oom = 1;
        return;
    }
    for (long i = 0; i < PYRS_SEQ_LEN(e->v.JoinedStr.values); i++) {
        fstring_part(&body, PYRS_SEQ_GET(e->v.JoinedStr.values, i), in_spec);
    }
    if (out_close(&body) < 0) {
        o->oom = 1;
        return;
    }
    if (in_spec) {
        fwrite(body.buf, 1, body.len, o->f);
    } else {
        put(o, "f");
        pyrs_const_write_str_repr(body.buf, body.len, o->f);
    }
    free(body.buf);
}

/* {value!conv:spec}, with a space after the brace when the value's text starts with one. */
static void
formattedvalue(Out *o, const PyrsExpr *e)
{
    Out value;
    if (out_open(&value) < 0) {
        o->oom = 1;
        return;
    }
    /* tighter than PR_TEST, so a lambda (whose ':' would end the field) gets parentheses */
    expr(&value, e->v.FormattedValue.value, PR_TEST + 1);
    if (out_close(&value) < 0) {
        o->oom = 1;
        return;
    }
    put(o, value.len > 0 && value.buf[0] == '{' ? "{ " : "{");
    fwrite(value.buf, 1, value.len, o->f);
    free(value.buf);
    int conv = e->v.FormattedValue.conversion;
    if (conv == 'a' || conv == 'r' || conv == 's') {
        fprintf(o->f, "!%c", conv);
    }
    if (e->v.FormattedValue.format_spec != NULL) {
        put(o, ":");
        fstring_part(o, e->v.FormattedValue.format_spec, 1);
    }
    put(o, "}");
}

static void
fstring_part(Out *o, const PyrsExpr *e, int in_spec)
{
    if (e->kind == PYRS_K_Constant && e->v.Constant.value->kind == PYRS_CONST_STR) {
        fstring_text(o, e->v.Constant.value);
    } else if (e->kind == PYRS_K_JoinedStr) {
        joinedstr(o, e, in_spec);
    } else if (e->kind == PYRS_K_FormattedValue) {
        formattedvalue(o, e);
    } else {
        expr(o, e, PR_TEST); /* not made by the parser */
    }
}

static void
attribute(Out *o, const PyrsExpr *e)
{
    const PyrsExpr *v = e->v.Attribute.value;
    expr(o, v, PR_ATOM);
    /* `1.real` would read as a float: an int needs a space before the dot */
    int is_int = v->kind == PYRS_K_Constant && v->v.Constant.value->kind == PYRS_CONST_INT;
    put(o, is_int ? " ." : ".");
    put(o, e->v.Attribute.attr);
}

static void
slice(Out *o, const PyrsExpr *e)
{
    if (e->v.Slice.lower != NULL) {
        expr(o, e->v.Slice.lower, PR_TEST);
    }
    put(o, ":");
    if (e->v.Slice.upper != NULL) {
        expr(o, e->v.Slice.upper, PR_TEST);
    }
    if (e->v.Slice.step != NULL) {
        put(o, ":");
        expr(o, e->v.Slice.step, PR_TEST);
    }
}

/* The kinds that cannot be parenthesised by the level of their context. */
static void
atom(Out *o, const PyrsExpr *e)
{
    switch (e->kind) {
    case PYRS_K_Dict:
        dict(o, e);
        break;
    case PYRS_K_Set:
        elements(o, "{", e->v.Set.elts, "}");
        break;
    case PYRS_K_List:
        elements(o, "[", e->v.List.elts, "]");
        break;
    case PYRS_K_GeneratorExp:
        comprehension(o, "(", NULL, e->v.GeneratorExp.elt, e->v.GeneratorExp.generators, ")");
        break;
    case PYRS_K_ListComp:
        comprehension(o, "[", NULL, e->v.ListComp.elt, e->v.ListComp.generators, "]");
        break;
    case PYRS_K_SetComp:
        comprehension(o, "{", NULL, e->v.SetComp.elt, e->v.SetComp.generators, "}");
        break;
    case PYRS_K_DictComp:
        comprehension(o, "{", e->v.DictComp.key, e->v.DictComp.value, e->v.DictComp.generators,
                      "}");
        break;
    case PYRS_K_Yield:
        put(o, e->v.Yield.value != NULL ? "(yield " : "(yield)");
        if (e->v.Yield.value != NULL) {
            expr(o, e->v.Yield.value, PR_TEST);
            put(o, ")");
        }
        break;
    case PYRS_K_YieldFrom:
        put(o, "(yield from ");
        expr(o, e->v.YieldFrom.value, PR_TEST);
        put(o, ")");
        break;
    case PYRS_K_Call:
        call(o, e);
        break;
    case PYRS_K_Constant:
        constant(o, e);
        break;
    case PYRS_K_JoinedStr:
        joinedstr(o, e, 0);
        break;
    case PYRS_K_FormattedValue:
        formattedvalue(o, e);
        break;
    case PYRS_K_Attribute:
        attribute(o, e);
        break;
    case PYRS_K_Subscript:
        expr(o, e->v.Subscript.value, PR_ATOM);
        put(o, "[");
        expr(o, e->v.Subscript.slice, PR_TUPLE);
        put(o, "]");
        break;
    case PYRS_K_Starred:
        put(o, "*");
        expr(o, e->v.Starred.value, PR_EXPR);
        break;
    case PYRS_K_Slice:
        slice(o, e);
        break;
    case PYRS_K_Name:
        put(o, e->v.Name.id);
        break;
    default:
        break;
    }
}

static void
expr(Out *o, const PyrsExpr *e, int level)
{
    switch (e->kind) {
    case PYRS_K_BoolOp:
        boolop(o, e, level);
        break;
    case PYRS_K_BinOp:
        binop(o, e, level);
        break;
    case PYRS_K_UnaryOp:
        unaryop(o, e, level);
        break;
    case PYRS_K_Lambda:
        lambda(o, e, level);
        break;
    case PYRS_K_IfExp:
        ifexp(o, e, level);
        break;
    case PYRS_K_Compare:
        compare(o, e, level);
        break;
    case PYRS_K_Tuple:
        tuple(o, e, level);
        break;
    case PYRS_K_Await:
        put_if(o, level > PR_AWAIT, "(");
        put(o, "await ");
        expr(o, e->v.Await.value, PR_ATOM);
        put_if(o, level > PR_AWAIT, ")");
        break;
    case PYRS_K_NamedExpr:
        put_if(o, level > PR_TUPLE, "(");
        expr(o, e->v.NamedExpr.target, PR_ATOM);
        put(o, " := ");
        expr(o, e->v.NamedExpr.value, PR_ATOM);
        put_if(o, level > PR_TUPLE, ")");
        break;
    default:
        atom(o, e);
        break;
    }
}

char *
pyrs_ast_unparse(const PyrsExpr *e, size_t *len)
{
    Out o;
    if (out_open(&o) < 0) {
        return NULL;
    }
    expr(&o, e, PR_TEST);
    if (out_close(&o) < 0) {
        return NULL;
    }
    if (len != NULL) {
        *len = o.len;
    }
    return o.buf;
}

/* ---- PEP 563: annotations replaced by their text ----------------------------------------- */

/* The innermost block of a check walk: the annotation itself, a lambda or a comprehension. */
enum { SC_ANNOTATION, SC_LAMBDA, SC_COMP };

typedef struct {
    PyrsUnparseError *err; /* filled on the first error */
    int scope;             /* SC_* of the innermost block */
    const char *comp_msg;  /* SC_COMP: the message for a yield in it */
} Check;

static int check_node(void *ctx, PyrsAstNodeType type, void *node);

/* Records MSG at E's extent; always 1. */
static int
check_fail(Check *k, const PyrsExpr *e, const char *msg)
{
    k->err->msg = msg;
    k->err->lineno = e->lineno;
    k->err->col_offset = e->col_offset;
    k->err->end_lineno = e->end_lineno;
    k->err->end_col_offset = e->end_col_offset;
    return 1;
}

static int
check_expr_in(Check *k, int scope, const char *comp_msg, PyrsExpr *e)
{
    Check inner = {k->err, scope, comp_msg};
    return e != NULL ? check_node(&inner, PYRS_NT_EXPR, e) : 0;
}

/* A comprehension: its first iterable belongs to the enclosing block, the rest to its own. */
static int
check_comp(Check *k, PyrsExpr *key, PyrsExpr *elt, PyrsAstSeq *gens, const char *msg)
{
    int r = check_node(k, PYRS_NT_EXPR, ((PyrsComprehension *)PYRS_SEQ_GET(gens, 0))->iter);
    if (r == 0) {
        r = check_expr_in(k, SC_COMP, msg, key);
    }
    if (r == 0) {
        r = check_expr_in(k, SC_COMP, msg, elt);
    }
    for (long i = 0; r == 0 && i < PYRS_SEQ_LEN(gens); i++) {
        PyrsComprehension *g = PYRS_SEQ_GET(gens, i);
        r = check_expr_in(k, SC_COMP, msg, g->target);
        if (r == 0 && i > 0) {
            r = check_expr_in(k, SC_COMP, msg, g->iter);
        }
        for (long j = 0; r == 0 && j < PYRS_SEQ_LEN(g->ifs); j++) {
            r = check_expr_in(k, SC_COMP, msg, PYRS_SEQ_GET(g->ifs, j));
        }
    }
    return r;
}

/* A lambda: defaults belong to the enclosing block, the body to its own. */
static int
check_lambda(Check *k, PyrsExpr *e)
{
    PyrsArguments *a = e->v.Lambda.args;
    PyrsAstSeq *defaults[2] = {a->defaults, a->kw_defaults};
    for (int s = 0; s < 2; s++) {
        for (long i = 0; i < PYRS_SEQ_LEN(defaults[s]); i++) {
            PyrsExpr *d = PYRS_SEQ_GET(defaults[s], i);
            int r = d != NULL ? check_node(k, PYRS_NT_EXPR, d) : 0;
            if (r != 0) {
                return r;
            }
        }
    }
    return check_expr_in(k, SC_LAMBDA, NULL, e->v.Lambda.body);
}

/* CPython's symtable errors for an annotation block: yield, await and := are refused in the
 * annotation itself; yield in a comprehension anywhere. 0, or 1 with k->err filled. */
static int
check_node(void *ctx, PyrsAstNodeType type, void *node)
{
    Check *k = ctx;
    PyrsExpr *e = node;
    if (type != PYRS_NT_EXPR) {
        return pyrs_ast_children(type, node, check_node, k);
    }
    switch (e->kind) {
    case PYRS_K_Yield:
    case PYRS_K_YieldFrom:
        if (k->scope == SC_COMP) {
            return check_fail(k, e, k->comp_msg);
        }
        if (k->scope == SC_ANNOTATION) {
            return check_fail(k, e, "'yield expression' can not be used within an annotation");
        }
        break;
    case PYRS_K_Await:
        if (k->scope == SC_ANNOTATION) {
            return check_fail(k, e, "'await expression' can not be used within an annotation");
        }
        break;
    case PYRS_K_NamedExpr:
        if (k->scope == SC_ANNOTATION) {
            return check_fail(k, e, "'named expression' can not be used within an annotation");
        }
        break;
    case PYRS_K_Lambda:
        return check_lambda(k, e);
    case PYRS_K_ListComp:
        return check_comp(k, NULL, e->v.ListComp.elt, e->v.ListComp.generators,
                          "'yield' inside list comprehension");
    case PYRS_K_SetComp:
        return check_comp(k, NULL, e->v.SetComp.elt, e->v.SetComp.generators,
                          "'yield' inside set comprehension");
    case PYRS_K_DictComp:
        return check_comp(k, e->v.DictComp.key, e->v.DictComp.value, e->v.DictComp.generators,
                          "'yield' inside dict comprehension");
    case PYRS_K_GeneratorExp:
        return check_comp(k, NULL, e->v.GeneratorExp.elt, e->v.GeneratorExp.generators,
                          "'yield' inside generator expression");
    default:
        break;
    }
    return pyrs_ast_children(type, node, check_node, k);
}

typedef struct {
    PyrsArena *arena;      /* where the new Constant nodes go */
    PyrsUnparseError *err; /* filled on the first error */
} Rewrite;

/* Checks the annotation in *SLOT (if any) and replaces it by a Constant of its text.
 * 0, 1 on a check error, -1 when out of memory. */
static int
stringify(Rewrite *rw, PyrsExpr **slot)
{
    PyrsExpr *e = *slot;
    if (e == NULL) {
        return 0;
    }
    Check k = {rw->err, SC_ANNOTATION, NULL};
    int r = check_node(&k, PYRS_NT_EXPR, e);
    if (r != 0) {
        return r;
    }
    size_t len = 0;
    char *text = pyrs_ast_unparse(e, &len);
    if (text == NULL) {
        return -1;
    }
    PyrsConst *v = pyrs_const_str(rw->arena, text, len);
    free(text);
    PyrsExpr *c = v != NULL ? pyrs_ast_Constant(v, NULL, e->lineno, e->col_offset, e->end_lineno,
                                                e->end_col_offset, rw->arena)
                            : NULL;
    if (c == NULL) {
        return -1;
    }
    *slot = c;
    return 0;
}

static int
stringify_args(Rewrite *rw, PyrsAstSeq *args)
{
    for (long i = 0; i < PYRS_SEQ_LEN(args); i++) {
        int r = stringify(rw, &((PyrsArg *)PYRS_SEQ_GET(args, i))->annotation);
        if (r != 0) {
            return r;
        }
    }
    return 0;
}

/* A def's annotations, in the order CPython's symtable visits them (so the same error is
 * reported first): positional, *args, **kwargs, keyword-only, return. */
static int
stringify_def(Rewrite *rw, PyrsArguments *a, PyrsExpr **returns)
{
    int r = stringify_args(rw, a->posonlyargs);
    r = r != 0 ? r : stringify_args(rw, a->args);
    r = r != 0 || a->vararg == NULL ? r : stringify(rw, &a->vararg->annotation);
    r = r != 0 || a->kwarg == NULL ? r : stringify(rw, &a->kwarg->annotation);
    r = r != 0 ? r : stringify_args(rw, a->kwonlyargs);
    return r != 0 ? r : stringify(rw, returns);
}

/* Statements nest only in statements, handlers and match cases: the walk visits no
 * expression. */
static int
rewrite_node(void *ctx, PyrsAstNodeType type, void *node)
{
    Rewrite *rw = ctx;
    if (type == PYRS_NT_STMT) {
        PyrsStmt *s = node;
        int r = 0;
        if (s->kind == PYRS_K_FunctionDef) {
            r = stringify_def(rw, s->v.FunctionDef.args, &s->v.FunctionDef.returns);
        } else if (s->kind == PYRS_K_AsyncFunctionDef) {
            r = stringify_def(rw, s->v.AsyncFunctionDef.args, &s->v.AsyncFunctionDef.returns);
        } else if (s->kind == PYRS_K_AnnAssign) {
            r = stringify(rw, &s->v.AnnAssign.annotation);
        }
        return r != 0 ? r : pyrs_ast_children(type, node, rewrite_node, rw);
    }
    if (type == PYRS_NT_HANDLER || type == PYRS_NT_match_case) {
        return pyrs_ast_children(type, node, rewrite_node, rw);
    }
    return 0;
}

int
pyrs_ast_stringify_annotations(PyrsMod *mod, PyrsArena *arena, PyrsUnparseError *err)
{
    Rewrite rw = {arena, err};
    return pyrs_ast_children(PYRS_NT_MOD, mod, rewrite_node, &rw);
}
