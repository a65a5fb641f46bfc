/* ast_validate.c: CPython 3.11's AST validator (_PyAST_Validate in Python/ast.c) on the
 * compiler's AST, run by compile() of AST objects: expression contexts, non-empty bodies,
 * constant types, pattern shapes and position ranges, with CPython's messages. It also
 * rejects the few trees the parser never makes and the compiler cannot take (None among
 * identifiers or patterns, bad f-string conversions), where CPython would crash. */
#include <limits.h>
#include <string.h>

#include "Python.h"
#include "ast.h"
#include "ast_const.h"
#include "ast_from_py.h"

typedef struct {
    int depth; /* current nesting */
    int limit; /* RecursionError past this */
} Validator;

static int v_expr(Validator *v, PyrsExpr *e, PyrsExprContext ctx);
static int v_exprs(Validator *v, PyrsAstSeq *seq, PyrsExprContext ctx, int null_ok);
static int v_stmts(Validator *v, PyrsAstSeq *seq);
static int v_pattern(Validator *v, PyrsPattern *p, int star_ok);

/* ---- helpers ---------------------------------------------------------------------------- */

static int
fail(PyObject *type, const char *msg)
{
    PyErr_SetString(type, msg);
    return -1;
}

static int
positions(int lineno, int col, int end_lineno, int end_col)
{
    if (lineno > end_lineno) {
        PyErr_Format(PyExc_ValueError, "AST node line range (%d, %d) is not valid", lineno,
                     end_lineno);
        return -1;
    }
    if ((lineno < 0 && end_lineno != lineno) || (col < 0 && col != end_col)) {
        PyErr_Format(PyExc_ValueError,
                     "AST node column range (%d, %d) for line range (%d, %d) is not valid", col,
                     end_col, lineno, end_lineno);
        return -1;
    }
    if (lineno == end_lineno && col > end_col) {
        PyErr_Format(PyExc_ValueError, "line %d, column %d-%d is not a valid range", lineno, col,
                     end_col);
        return -1;
    }
    return 0;
}

#define POSITIONS(n) positions((n)->lineno, (n)->col_offset, (n)->end_lineno, (n)->end_col_offset)

static int
deeper(Validator *v)
{
    if (++v->depth > v->limit) {
        return fail(PyExc_RecursionError, "maximum recursion depth exceeded during compilation");
    }
    return 0;
}

/* Names that cannot be identifiers of Name nodes and captures. */
static int
v_name(const char *name)
{
    static const char *const forbidden[] = {"None", "True", "False"};
    for (int i = 0; name != NULL && i < 3; i++) {
        if (strcmp(name, forbidden[i]) == 0) {
            PyErr_Format(PyExc_ValueError, "identifier field can't represent '%s' constant", name);
            return -1;
        }
    }
    return 0;
}

static int
v_idents(PyrsAstSeq *seq)
{
    for (long i = 0; i < PYRS_SEQ_LEN(seq); i++) {
        if (PYRS_SEQ_GET(seq, i) == NULL) {
            return fail(PyExc_ValueError, "None disallowed in identifier list");
        }
    }
    return 0;
}

static int
nonempty(PyrsAstSeq *seq, const char *what, const char *owner)
{
    if (PYRS_SEQ_LEN(seq) > 0) {
        return 0;
    }
    PyErr_Format(PyExc_ValueError, "empty %s on %s", what, owner);
    return -1;
}

static int
v_body(Validator *v, PyrsAstSeq *body, const char *owner)
{
    return nonempty(body, "body", owner) < 0 ? -1 : v_stmts(v, body);
}

static int
v_opt(Validator *v, PyrsExpr *e)
{
    return e == NULL ? 0 : v_expr(v, e, PYRS_CTX_LOAD);
}

/* ---- constants, arguments, comprehensions ----------------------------------------------- */

static int
v_constant(Validator *v, PyObject *value)
{
    if (value == Py_None || value == Py_Ellipsis || PyLong_CheckExact(value) ||
        PyFloat_CheckExact(value) || PyComplex_CheckExact(value) || PyBool_Check(value) ||
        PyUnicode_CheckExact(value) || PyBytes_CheckExact(value)) {
        return 0;
    }
    if (PyTuple_CheckExact(value) || PyFrozenSet_CheckExact(value)) {
        if (deeper(v) < 0) {
            return -1;
        }
        PyObject *it = PyObject_GetIter(value);
        PyObject *item;
        int r = it != NULL ? 0 : -1;
        while (r == 0 && (item = PyIter_Next(it)) != NULL) {
            r = v_constant(v, item);
            Py_DECREF(item);
        }
        Py_XDECREF(it);
        v->depth--;
        return r < 0 || PyErr_Occurred() ? -1 : 0;
    }
    const char *name = Py_TYPE(value)->tp_name;
    const char *dot = strrchr(name, '.');
    PyErr_Format(PyExc_TypeError, "got an invalid type in Constant: %s", dot ? dot + 1 : name);
    return -1;
}

static int
v_args(Validator *v, PyrsAstSeq *args)
{
    for (long i = 0; i < PYRS_SEQ_LEN(args); i++) {
        PyrsArg *a = PYRS_SEQ_GET(args, i);
        if (POSITIONS(a) < 0 || v_opt(v, a->annotation) < 0) {
            return -1;
        }
    }
    return 0;
}

static int
v_arguments(Validator *v, PyrsArguments *a)
{
    if (v_args(v, a->posonlyargs) < 0 || v_args(v, a->args) < 0 ||
        (a->vararg != NULL && v_opt(v, a->vararg->annotation) < 0) ||
        v_args(v, a->kwonlyargs) < 0 || (a->kwarg != NULL && v_opt(v, a->kwarg->annotation) < 0)) {
        return -1;
    }
    if (PYRS_SEQ_LEN(a->defaults) > PYRS_SEQ_LEN(a->posonlyargs) + PYRS_SEQ_LEN(a->args)) {
        return fail(PyExc_ValueError, "more positional defaults than args on arguments");
    }
    if (PYRS_SEQ_LEN(a->kw_defaults) != PYRS_SEQ_LEN(a->kwonlyargs)) {
        return fail(PyExc_ValueError,
                    "length of kwonlyargs is not the same as kw_defaults on arguments");
    }
    return v_exprs(v, a->defaults, PYRS_CTX_LOAD, 0) < 0
               ? -1
               : v_exprs(v, a->kw_defaults, PYRS_CTX_LOAD, 1);
}

static int
v_keywords(Validator *v, PyrsAstSeq *kws)
{
    for (long i = 0; i < PYRS_SEQ_LEN(kws); i++) {
        if (v_expr(v, ((PyrsKeyword *)PYRS_SEQ_GET(kws, i))->value, PYRS_CTX_LOAD) < 0) {
            return -1;
        }
    }
    return 0;
}

static int
v_comprehension(Validator *v, PyrsAstSeq *gens)
{
    if (PYRS_SEQ_LEN(gens) == 0) {
        return fail(PyExc_ValueError, "comprehension with no generators");
    }
    for (long i = 0; i < PYRS_SEQ_LEN(gens); i++) {
        PyrsComprehension *g = PYRS_SEQ_GET(gens, i);
        if (v_expr(v, g->target, PYRS_CTX_STORE) < 0 || v_expr(v, g->iter, PYRS_CTX_LOAD) < 0 ||
            v_exprs(v, g->ifs, PYRS_CTX_LOAD, 0) < 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- expressions ------------------------------------------------------------------------ */

/* The context an expression carries, or 0 for kinds without one. */
static PyrsExprContext
context_of(PyrsExpr *e)
{
    switch (e->kind) {
    case PYRS_K_Attribute:
        return e->v.Attribute.ctx;
    case PYRS_K_Subscript:
        return e->v.Subscript.ctx;
    case PYRS_K_Starred:
        return e->v.Starred.ctx;
    case PYRS_K_Name:
        return e->v.Name.ctx;
    case PYRS_K_List:
        return e->v.List.ctx;
    case PYRS_K_Tuple:
        return e->v.Tuple.ctx;
    default:
        return (PyrsExprContext)0;
    }
}

static int
v_context(PyrsExpr *e, PyrsExprContext ctx)
{
    PyrsExprContext actual = context_of(e);
    if (actual == 0 && ctx != PYRS_CTX_LOAD) {
        PyErr_Format(PyExc_ValueError, "expression which can't be assigned to in %s context",
                     pyrs_ast_ctx_name(ctx));
        return -1;
    }
    if (actual != 0 && actual != ctx) {
        PyErr_Format(PyExc_ValueError, "expression must have %s context but has %s instead",
                     pyrs_ast_ctx_name(ctx), pyrs_ast_ctx_name(actual));
        return -1;
    }
    return 0;
}

static int
v_formatted(Validator *v, PyrsExpr *e)
{
    int conv = e->v.FormattedValue.conversion;
    if (conv != -1 && conv != 's' && conv != 'r' && conv != 'a') {
        PyErr_Format(PyExc_SystemError, "Unrecognized conversion character %d", conv);
        return -1;
    }
    return v_expr(v, e->v.FormattedValue.value, PYRS_CTX_LOAD) < 0
               ? -1
               : v_opt(v, e->v.FormattedValue.format_spec);
}

static int
v_compare(Validator *v, PyrsExpr *e)
{
    if (PYRS_SEQ_LEN(e->v.Compare.comparators) == 0) {
        return fail(PyExc_ValueError, "Compare with no comparators");
    }
    if (PYRS_SEQ_LEN(e->v.Compare.comparators) != PYRS_SEQ_LEN(e->v.Compare.ops)) {
        return fail(PyExc_ValueError, "Compare has a different number of comparators and operands");
    }
    return v_exprs(v, e->v.Compare.comparators, PYRS_CTX_LOAD, 0) < 0
               ? -1
               : v_expr(v, e->v.Compare.left, PYRS_CTX_LOAD);
}

/* The kind-specific checks of E (context already checked). */
static int
v_expr_kind(Validator *v, PyrsExpr *e, PyrsExprContext ctx)
{
    const PyrsExprContext L = PYRS_CTX_LOAD;
    switch (e->kind) {
    case PYRS_K_BoolOp:
        if (PYRS_SEQ_LEN(e->v.BoolOp.values) < 2) {
            return fail(PyExc_ValueError, "BoolOp with less than 2 values");
        }
        return v_exprs(v, e->v.BoolOp.values, L, 0);
    case PYRS_K_BinOp:
        return v_expr(v, e->v.BinOp.left, L) < 0 ? -1 : v_expr(v, e->v.BinOp.right, L);
    case PYRS_K_UnaryOp:
        return v_expr(v, e->v.UnaryOp.operand, L);
    case PYRS_K_Lambda:
        return v_arguments(v, e->v.Lambda.args) < 0 ? -1 : v_expr(v, e->v.Lambda.body, L);
    case PYRS_K_IfExp:
        return v_expr(v, e->v.IfExp.test, L) < 0 || v_expr(v, e->v.IfExp.body, L) < 0
                   ? -1
                   : v_expr(v, e->v.IfExp.orelse, L);
    case PYRS_K_Dict:
        if (PYRS_SEQ_LEN(e->v.Dict.keys) != PYRS_SEQ_LEN(e->v.Dict.values)) {
            return fail(PyExc_ValueError, "Dict doesn't have the same number of keys as values");
        }
        return v_exprs(v, e->v.Dict.keys, L, 1) < 0 ? -1 : v_exprs(v, e->v.Dict.values, L, 0);
    case PYRS_K_Set:
        return v_exprs(v, e->v.Set.elts, L, 0);
    case PYRS_K_ListComp:
        return v_comprehension(v, e->v.ListComp.generators) < 0 ? -1
                                                                : v_expr(v, e->v.ListComp.elt, L);
    case PYRS_K_SetComp:
        return v_comprehension(v, e->v.SetComp.generators) < 0 ? -1
                                                               : v_expr(v, e->v.SetComp.elt, L);
    case PYRS_K_GeneratorExp:
        return v_comprehension(v, e->v.GeneratorExp.generators) < 0
                   ? -1
                   : v_expr(v, e->v.GeneratorExp.elt, L);
    case PYRS_K_DictComp:
        return v_comprehension(v, e->v.DictComp.generators) < 0 ||
                       v_expr(v, e->v.DictComp.key, L) < 0
                   ? -1
                   : v_expr(v, e->v.DictComp.value, L);
    case PYRS_K_Yield:
        return v_opt(v, e->v.Yield.value);
    case PYRS_K_YieldFrom:
        return v_expr(v, e->v.YieldFrom.value, L);
    case PYRS_K_Await:
        return v_expr(v, e->v.Await.value, L);
    case PYRS_K_Compare:
        return v_compare(v, e);
    case PYRS_K_Call:
        return v_expr(v, e->v.Call.func, L) < 0 || v_exprs(v, e->v.Call.args, L, 0) < 0
                   ? -1
                   : v_keywords(v, e->v.Call.keywords);
    case PYRS_K_Constant:
        return e->v.Constant.value->obj == NULL
                   ? 0
                   : v_constant(v, (PyObject *)e->v.Constant.value->obj);
    case PYRS_K_JoinedStr:
        return v_exprs(v, e->v.JoinedStr.values, L, 0);
    case PYRS_K_FormattedValue:
        return v_formatted(v, e);
    case PYRS_K_Attribute:
        return v_expr(v, e->v.Attribute.value, L);
    case PYRS_K_Subscript:
        return v_expr(v, e->v.Subscript.slice, L) < 0 ? -1 : v_expr(v, e->v.Subscript.value, L);
    case PYRS_K_Starred:
        return v_expr(v, e->v.Starred.value, ctx);
    case PYRS_K_Slice:
        return v_opt(v, e->v.Slice.lower) < 0 || v_opt(v, e->v.Slice.upper) < 0
                   ? -1
                   : v_opt(v, e->v.Slice.step);
    case PYRS_K_List:
        return v_exprs(v, e->v.List.elts, ctx, 0);
    case PYRS_K_Tuple:
        return v_exprs(v, e->v.Tuple.elts, ctx, 0);
    case PYRS_K_NamedExpr:
        return v_expr(v, e->v.NamedExpr.value, L);
    case PYRS_K_Name:
        return v_name(e->v.Name.id);
    default:
        return fail(PyExc_SystemError, "unexpected expression");
    }
}

static int
v_expr(Validator *v, PyrsExpr *e, PyrsExprContext ctx)
{
    if (POSITIONS(e) < 0 || deeper(v) < 0) {
        return -1;
    }
    int r = v_context(e, ctx) < 0 ? -1 : v_expr_kind(v, e, ctx);
    v->depth--;
    return r;
}

static int
v_exprs(Validator *v, PyrsAstSeq *seq, PyrsExprContext ctx, int null_ok)
{
    for (long i = 0; i < PYRS_SEQ_LEN(seq); i++) {
        PyrsExpr *e = PYRS_SEQ_GET(seq, i);
        if (e == NULL && !null_ok) {
            return fail(PyExc_ValueError, "None disallowed in expression list");
        }
        if (e != NULL && v_expr(v, e, ctx) < 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- patterns --------------------------------------------------------------------------- */

/* A Constant holding a real number (REAL) or an imaginary one (IMAG). */
static int
number_literal(PyrsExpr *e, int real, int imag)
{
    if (e->kind != PYRS_K_Constant) {
        return 0;
    }
    PyObject *v = (PyObject *)e->v.Constant.value->obj;
    int kind = e->v.Constant.value->kind;
    int is_real = v != NULL ? PyFloat_CheckExact(v) || PyLong_CheckExact(v)
                            : kind == PYRS_CONST_INT || kind == PYRS_CONST_FLOAT;
    int is_imag = v != NULL ? PyComplex_CheckExact(v) : kind == PYRS_CONST_COMPLEX;
    return (real && is_real) || (imag && is_imag);
}

/* -N for a number constant N of the allowed sorts. */
static int
negative_literal(PyrsExpr *e, int real, int imag)
{
    return e->kind == PYRS_K_UnaryOp && e->v.UnaryOp.op == PYRS_UNARY_USUB &&
           number_literal(e->v.UnaryOp.operand, real, imag);
}

/* R + Ij or R - Ij, R a real number literal (maybe negated), I an imaginary one. */
static int
complex_literal(PyrsExpr *e)
{
    PyrsExpr *left = e->v.BinOp.left;
    if (e->v.BinOp.op != PYRS_OP_ADD && e->v.BinOp.op != PYRS_OP_SUB) {
        return 0;
    }
    if (!number_literal(left, 1, 0) && !negative_literal(left, 1, 0)) {
        return 0;
    }
    return number_literal(e->v.BinOp.right, 0, 1);
}

/* A MatchValue expression (or mapping key): a number, string or bytes constant, an attribute
 * lookup, or the shapes constant folding turns into one (-x, x+y, f-strings). */
static int
v_match_value(Validator *v, PyrsExpr *e)
{
    if (v_expr(v, e, PYRS_CTX_LOAD) < 0) {
        return -1;
    }
    switch (e->kind) {
    case PYRS_K_Constant: {
        PyObject *k = (PyObject *)e->v.Constant.value->obj;
        int kind = e->v.Constant.value->kind;
        int ok = k != NULL
                     ? PyLong_CheckExact(k) || PyFloat_CheckExact(k) || PyBytes_CheckExact(k) ||
                           PyComplex_CheckExact(k) || PyUnicode_CheckExact(k)
                     : kind >= PYRS_CONST_INT && kind <= PYRS_CONST_BYTES;
        return ok ? 0 : fail(PyExc_ValueError, "unexpected constant inside of a literal pattern");
    }
    case PYRS_K_Attribute:
    case PYRS_K_JoinedStr:
        return 0;
    case PYRS_K_UnaryOp:
        if (negative_literal(e, 1, 1)) {
            return 0;
        }
        break;
    case PYRS_K_BinOp:
        if (complex_literal(e)) {
            return 0;
        }
        break;
    default:
        break;
    }
    return fail(PyExc_ValueError, "patterns may only match literals and attribute lookups");
}

static int
v_capture(const char *name)
{
    if (name != NULL && strcmp(name, "_") == 0) {
        return fail(PyExc_ValueError, "can't capture name '_' in patterns");
    }
    return v_name(name);
}

static int
v_patterns(Validator *v, PyrsAstSeq *seq, int star_ok)
{
    for (long i = 0; i < PYRS_SEQ_LEN(seq); i++) {
        PyrsPattern *p = PYRS_SEQ_GET(seq, i);
        if (p == NULL) {
            return fail(PyExc_ValueError, "None disallowed in pattern list");
        }
        if (v_pattern(v, p, star_ok) < 0) {
            return -1;
        }
    }
    return 0;
}

static int
v_match_mapping(Validator *v, PyrsPattern *p)
{
    PyrsAstSeq *keys = p->v.MatchMapping.keys;
    if (PYRS_SEQ_LEN(keys) != PYRS_SEQ_LEN(p->v.MatchMapping.patterns)) {
        return fail(PyExc_ValueError,
                    "MatchMapping doesn't have the same number of keys as patterns");
    }
    if (p->v.MatchMapping.rest != NULL && v_capture(p->v.MatchMapping.rest) < 0) {
        return -1;
    }
    for (long i = 0; i < PYRS_SEQ_LEN(keys); i++) {
        PyrsExpr *key = PYRS_SEQ_GET(keys, i);
        if (key == NULL) {
            return fail(PyExc_ValueError, "None disallowed in expression list");
        }
        int kind = key->kind == PYRS_K_Constant ? (int)key->v.Constant.value->kind : 0;
        if (kind == PYRS_CONST_NONE || kind == PYRS_CONST_TRUE || kind == PYRS_CONST_FALSE) {
            continue; /* None, True and False keys are valid syntax */
        }
        if (v_match_value(v, key) < 0) {
            return -1;
        }
    }
    return v_patterns(v, p->v.MatchMapping.patterns, 0);
}

static int
v_match_class(Validator *v, PyrsPattern *p)
{
    if (v_expr(v, p->v.MatchClass.cls, PYRS_CTX_LOAD) < 0) {
        return -1;
    }
    for (PyrsExpr *c = p->v.MatchClass.cls; c->kind != PYRS_K_Name; c = c->v.Attribute.value) {
        if (c->kind != PYRS_K_Attribute) {
            return fail(PyExc_ValueError,
                        "MatchClass cls field can only contain Name or Attribute nodes.");
        }
    }
    PyrsAstSeq *attrs = p->v.MatchClass.kwd_attrs;
    if (PYRS_SEQ_LEN(attrs) != PYRS_SEQ_LEN(p->v.MatchClass.kwd_patterns)) {
        return fail(PyExc_ValueError,
                    "MatchClass doesn't have the same number of keyword attributes as patterns");
    }
    if (v_idents(attrs) < 0) {
        return -1;
    }
    for (long i = 0; i < PYRS_SEQ_LEN(attrs); i++) {
        if (v_name(PYRS_SEQ_GET(attrs, i)) < 0) {
            return -1;
        }
    }
    return v_patterns(v, p->v.MatchClass.patterns, 0) < 0
               ? -1
               : v_patterns(v, p->v.MatchClass.kwd_patterns, 0);
}

static int
v_pattern_kind(Validator *v, PyrsPattern *p, int star_ok)
{
    switch (p->kind) {
    case PYRS_K_MatchValue:
        return v_match_value(v, p->v.MatchValue.value);
    case PYRS_K_MatchSingleton: {
        int kind = p->v.MatchSingleton.value->kind;
        if (kind != PYRS_CONST_NONE && kind != PYRS_CONST_TRUE && kind != PYRS_CONST_FALSE) {
            return fail(PyExc_ValueError, "MatchSingleton can only contain True, False and None");
        }
        return 0;
    }
    case PYRS_K_MatchSequence:
        return v_patterns(v, p->v.MatchSequence.patterns, 1);
    case PYRS_K_MatchMapping:
        return v_match_mapping(v, p);
    case PYRS_K_MatchClass:
        return v_match_class(v, p);
    case PYRS_K_MatchStar:
        if (!star_ok) {
            return fail(PyExc_ValueError, "can't use MatchStar here");
        }
        return p->v.MatchStar.name == NULL ? 0 : v_capture(p->v.MatchStar.name);
    case PYRS_K_MatchAs:
        if (p->v.MatchAs.name != NULL && v_capture(p->v.MatchAs.name) < 0) {
            return -1;
        }
        if (p->v.MatchAs.pattern == NULL) {
            return 0;
        }
        if (p->v.MatchAs.name == NULL) {
            return fail(PyExc_ValueError,
                        "MatchAs must specify a target name if a pattern is given");
        }
        return v_pattern(v, p->v.MatchAs.pattern, 0);
    case PYRS_K_MatchOr:
        if (PYRS_SEQ_LEN(p->v.MatchOr.patterns) < 2) {
            return fail(PyExc_ValueError, "MatchOr requires at least 2 patterns");
        }
        return v_patterns(v, p->v.MatchOr.patterns, 0);
    default:
        return fail(PyExc_SystemError, "unexpected pattern");
    }
}

static int
v_pattern(Validator *v, PyrsPattern *p, int star_ok)
{
    if (POSITIONS(p) < 0 || deeper(v) < 0) {
        return -1;
    }
    int r = v_pattern_kind(v, p, star_ok);
    v->depth--;
    return r;
}

/* ---- statements ------------------------------------------------------------------------- */

static int
v_withitems(Validator *v, PyrsAstSeq *items, const char *owner)
{
    if (nonempty(items, "items", owner) < 0) {
        return -1;
    }
    for (long i = 0; i < PYRS_SEQ_LEN(items); i++) {
        PyrsWithItem *it = PYRS_SEQ_GET(items, i);
        if (v_expr(v, it->context_expr, PYRS_CTX_LOAD) < 0 ||
            (it->optional_vars != NULL && v_expr(v, it->optional_vars, PYRS_CTX_STORE) < 0)) {
            return -1;
        }
    }
    return 0;
}

/* Try and TryStar (OWNER names which). */
static int
v_try(Validator *v, PyrsAstSeq *body, PyrsAstSeq *handlers, PyrsAstSeq *orelse,
      PyrsAstSeq *finalbody, const char *owner)
{
    if (v_body(v, body, owner) < 0) {
        return -1;
    }
    if (PYRS_SEQ_LEN(handlers) == 0 && PYRS_SEQ_LEN(finalbody) == 0) {
        PyErr_Format(PyExc_ValueError, "%s has neither except handlers nor finalbody", owner);
        return -1;
    }
    if (PYRS_SEQ_LEN(handlers) == 0 && PYRS_SEQ_LEN(orelse) > 0) {
        PyErr_Format(PyExc_ValueError, "%s has orelse but no except handlers", owner);
        return -1;
    }
    for (long i = 0; i < PYRS_SEQ_LEN(handlers); i++) {
        PyrsExceptHandler *h = PYRS_SEQ_GET(handlers, i);
        if (h == NULL) {
            return fail(PyExc_ValueError, "None disallowed in handler list");
        }
        if (POSITIONS(h) < 0 || v_opt(v, h->v.ExceptHandler.type) < 0 ||
            v_body(v, h->v.ExceptHandler.body, "ExceptHandler") < 0) {
            return -1;
        }
    }
    return (PYRS_SEQ_LEN(finalbody) > 0 && v_stmts(v, finalbody) < 0) ||
                   (PYRS_SEQ_LEN(orelse) > 0 && v_stmts(v, orelse) < 0)
               ? -1
               : 0;
}

static int
v_match(Validator *v, PyrsStmt *s)
{
    if (v_expr(v, s->v.Match.subject, PYRS_CTX_LOAD) < 0 ||
        nonempty(s->v.Match.cases, "cases", "Match") < 0) {
        return -1;
    }
    for (long i = 0; i < PYRS_SEQ_LEN(s->v.Match.cases); i++) {
        PyrsMatchCase *m = PYRS_SEQ_GET(s->v.Match.cases, i);
        if (v_pattern(v, m->pattern, 0) < 0 || v_opt(v, m->guard) < 0 ||
            v_body(v, m->body, "match_case") < 0) {
            return -1;
        }
    }
    return 0;
}

static int
v_function(Validator *v, PyrsStmt *s, const char *owner)
{
    /* FunctionDef and AsyncFunctionDef have the same fields in the same order */
    struct PyrsAst_FunctionDef *f = &s->v.FunctionDef;
    return v_body(v, f->body, owner) < 0 || v_arguments(v, f->args) < 0 ||
                   v_exprs(v, f->decorator_list, PYRS_CTX_LOAD, 0) < 0
               ? -1
               : v_opt(v, f->returns);
}

static int
v_assign_list(Validator *v, PyrsAstSeq *targets, PyrsExprContext ctx)
{
    return nonempty(targets, "targets", ctx == PYRS_CTX_DEL ? "Delete" : "Assign") < 0
               ? -1
               : v_exprs(v, targets, ctx, 0);
}

static int
v_loop(Validator *v, PyrsExpr *target, PyrsExpr *iter, PyrsAstSeq *body, PyrsAstSeq *orelse,
       const char *owner)
{
    return v_expr(v, target, PYRS_CTX_STORE) < 0 || v_expr(v, iter, PYRS_CTX_LOAD) < 0 ||
                   v_body(v, body, owner) < 0
               ? -1
               : v_stmts(v, orelse);
}

static int
v_stmt_kind(Validator *v, PyrsStmt *s)
{
    const PyrsExprContext L = PYRS_CTX_LOAD;
    switch (s->kind) {
    case PYRS_K_FunctionDef:
        return v_function(v, s, "FunctionDef");
    case PYRS_K_AsyncFunctionDef:
        return v_function(v, s, "AsyncFunctionDef");
    case PYRS_K_ClassDef:
        return v_body(v, s->v.ClassDef.body, "ClassDef") < 0 ||
                       v_exprs(v, s->v.ClassDef.bases, L, 0) < 0 ||
                       v_keywords(v, s->v.ClassDef.keywords) < 0
                   ? -1
                   : v_exprs(v, s->v.ClassDef.decorator_list, L, 0);
    case PYRS_K_Return:
        return v_opt(v, s->v.Return.value);
    case PYRS_K_Delete:
        return v_assign_list(v, s->v.Delete.targets, PYRS_CTX_DEL);
    case PYRS_K_Assign:
        return v_assign_list(v, s->v.Assign.targets, PYRS_CTX_STORE) < 0
                   ? -1
                   : v_expr(v, s->v.Assign.value, L);
    case PYRS_K_AugAssign:
        return v_expr(v, s->v.AugAssign.target, PYRS_CTX_STORE) < 0
                   ? -1
                   : v_expr(v, s->v.AugAssign.value, L);
    case PYRS_K_AnnAssign:
        if (s->v.AnnAssign.target->kind != PYRS_K_Name && s->v.AnnAssign.simple) {
            return fail(PyExc_TypeError, "AnnAssign with simple non-Name target");
        }
        return v_expr(v, s->v.AnnAssign.target, PYRS_CTX_STORE) < 0 ||
                       v_opt(v, s->v.AnnAssign.value) < 0
                   ? -1
                   : v_expr(v, s->v.AnnAssign.annotation, L);
    case PYRS_K_For:
        return v_loop(v, s->v.For.target, s->v.For.iter, s->v.For.body, s->v.For.orelse, "For");
    case PYRS_K_AsyncFor:
        return v_loop(v, s->v.AsyncFor.target, s->v.AsyncFor.iter, s->v.AsyncFor.body,
                      s->v.AsyncFor.orelse, "AsyncFor");
    case PYRS_K_While:
        return v_expr(v, s->v.While.test, L) < 0 || v_body(v, s->v.While.body, "While") < 0
                   ? -1
                   : v_stmts(v, s->v.While.orelse);
    case PYRS_K_If:
        return v_expr(v, s->v.If.test, L) < 0 || v_body(v, s->v.If.body, "If") < 0
                   ? -1
                   : v_stmts(v, s->v.If.orelse);
    case PYRS_K_With:
        return v_withitems(v, s->v.With.items, "With") < 0 ? -1 : v_body(v, s->v.With.body, "With");
    case PYRS_K_AsyncWith:
        return v_withitems(v, s->v.AsyncWith.items, "AsyncWith") < 0
                   ? -1
                   : v_body(v, s->v.AsyncWith.body, "AsyncWith");
    case PYRS_K_Match:
        return v_match(v, s);
    case PYRS_K_Raise:
        if (s->v.Raise.exc != NULL) {
            return v_expr(v, s->v.Raise.exc, L) < 0 ? -1 : v_opt(v, s->v.Raise.cause);
        }
        return s->v.Raise.cause != NULL
                   ? fail(PyExc_ValueError, "Raise with cause but no exception")
                   : 0;
    case PYRS_K_Try:
        return v_try(v, s->v.Try.body, s->v.Try.handlers, s->v.Try.orelse, s->v.Try.finalbody,
                     "Try");
    case PYRS_K_TryStar:
        return v_try(v, s->v.TryStar.body, s->v.TryStar.handlers, s->v.TryStar.orelse,
                     s->v.TryStar.finalbody, "TryStar");
    case PYRS_K_Assert:
        return v_expr(v, s->v.Assert.test, L) < 0 ? -1 : v_opt(v, s->v.Assert.msg);
    case PYRS_K_Import:
        return nonempty(s->v.Import.names, "names", "Import");
    case PYRS_K_ImportFrom:
        if (s->v.ImportFrom.level < 0) {
            return fail(PyExc_ValueError, "Negative ImportFrom level");
        }
        return nonempty(s->v.ImportFrom.names, "names", "ImportFrom");
    case PYRS_K_Global:
        return nonempty(s->v.Global.names, "names", "Global") < 0 ? -1
                                                                  : v_idents(s->v.Global.names);
    case PYRS_K_Nonlocal:
        return nonempty(s->v.Nonlocal.names, "names", "Nonlocal") < 0
                   ? -1
                   : v_idents(s->v.Nonlocal.names);
    case PYRS_K_Expr:
        return v_expr(v, s->v.Expr.value, L);
    case PYRS_K_Pass:
    case PYRS_K_Break:
    case PYRS_K_Continue:
        return 0;
    default:
        return fail(PyExc_SystemError, "unexpected statement");
    }
}

static int
v_stmts(Validator *v, PyrsAstSeq *seq)
{
    for (long i = 0; i < PYRS_SEQ_LEN(seq); i++) {
        PyrsStmt *s = PYRS_SEQ_GET(seq, i);
        if (s == NULL) {
            return fail(PyExc_ValueError, "None disallowed in statement list");
        }
        if (POSITIONS(s) < 0 || deeper(v) < 0) {
            return -1;
        }
        int r = v_stmt_kind(v, s);
        v->depth--;
        if (r < 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- entry point ------------------------------------------------------------------------ */

int
pyrs_ast_validate(PyrsMod *mod)
{
    int limit = Py_GetRecursionLimit();
    Validator v = {0, limit < INT_MAX / 3 ? limit * 3 : limit};
    switch (mod->kind) {
    case PYRS_K_Module:
        return v_stmts(&v, mod->v.Module.body);
    case PYRS_K_Interactive:
        return v_stmts(&v, mod->v.Interactive.body);
    case PYRS_K_Expression:
        return v_expr(&v, mod->v.Expression.body, PYRS_CTX_LOAD);
    case PYRS_K_FunctionType:
        return v_exprs(&v, mod->v.FunctionType.argtypes, PYRS_CTX_LOAD, 0) < 0
                   ? -1
                   : v_expr(&v, mod->v.FunctionType.returns, PYRS_CTX_LOAD);
    default:
        return fail(PyExc_SystemError, "impossible module node");
    }
}
