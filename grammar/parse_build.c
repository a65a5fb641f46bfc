/* parse_build.c: positions, lists, errors and expression nodes for the grammar's actions.
 * Mirrors the expression actions of CPython 3.11's PEG grammar (Grammar/python.gram): the
 * same nodes, the same extents (a node spans the parentheses around its operands), and the
 * same error messages for calls and comprehensions. */
#include "parse_build.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ast_const.h"
#include "tok_internal.h"

#define LOC(p) (p).l, (p).c, (p).el, (p).ec

/* ---- positions ---------------------------------------------------------------------------- */

/* The extent of token T. */
PyrsPPos
pyrs_pb_tpos(const PyrsToken *t)
{
    PyrsPPos p = {t->lineno, t->col_offset, t->end_lineno, t->end_col_offset};
    return p;
}

/* From the start of A to the end of B. */
PyrsPPos
pyrs_pb_span(PyrsPPos a, PyrsPPos b)
{
    PyrsPPos p = {a.l, a.c, b.el, b.ec};
    return p;
}

/* The extent of statement S. */
PyrsPPos
pyrs_pb_spos(const PyrsStmt *s)
{
    PyrsPPos p = {s->lineno, s->col_offset, s->end_lineno, s->end_col_offset};
    return p;
}

/* See parse_build.h. */
PyrsPPos
pyrs_pb_last_end(PyrsParser *P)
{
    size_t i = P->cur < P->ntoks ? P->cur : P->ntoks;
    while (i > 0) {
        PyrsTokKind k = P->toks[i - 1].kind;
        if (k != PYRS_TOK_NEWLINE && k != PYRS_TOK_INDENT && k != PYRS_TOK_DEDENT &&
            k != PYRS_TOK_ENDMARKER) {
            return pyrs_pb_tpos(&P->toks[i - 1]);
        }
        i--;
    }
    return pyrs_pb_tpos(&P->toks[0]);
}

static PyrsPPos
epos(const PyrsExpr *e)
{
    PyrsPPos p = {e->lineno, e->col_offset, e->end_lineno, e->end_col_offset};
    return p;
}

static PyrsPE
mk(PyrsExpr *e)
{
    PyrsPE r = {e, {0, 0, 0, 0}, 0};
    if (e) {
        r.p = epos(e);
    }
    return r;
}

/* E with its extent widened to the parentheses LP..RP (the node itself keeps its own). */
PyrsPE
pyrs_pb_paren(PyrsParser *P, const PyrsToken *lp, PyrsPE e, const PyrsToken *rp)
{
    (void)P;
    e.p = pyrs_pb_span(pyrs_pb_tpos(lp), pyrs_pb_tpos(rp));
    e.paren = 1;
    return e;
}

/* ---- errors ------------------------------------------------------------------------------- */

/* Records a SyntaxError spanning POS unless one is recorded already. */
void
pyrs_pb_error_at(PyrsParser *P, PyrsPPos pos, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    size_t len = 0;
    const char *line;
    int prefix;

    P->failed = 1;
    if (P->err->kind != PYRS_ERR_NONE) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!P->tok) {
        pyrs_perror_set(P->err, PYRS_ERR_SYNTAX, P->filename, pos.l, pos.c + 1, pos.el, pos.ec + 1,
                        NULL, 0, "%s", msg);
        return;
    }
    /* CPython's offsets: bytes without a coding declaration, and inside an f-string field
     * positions in its "(expr)" text with the "f-string: " prefix */
    line = pyrs_tok_line(P->tok, pos.l, &len);
    prefix = pyrs_tok_is_fstring(P->tok) && strncmp(msg, "f-string", 8) != 0;
    pyrs_perror_set(P->err, PYRS_ERR_SYNTAX, P->filename, pos.l,
                    pyrs_tok_error_offset(P->tok, pos.l, pos.c), pos.el,
                    pyrs_tok_error_offset(P->tok, pos.el, pos.ec), line, len, "%s%s",
                    prefix ? "f-string: " : "", msg);
}

/* Records MSG at token T. */
void
pyrs_pb_error_tok(PyrsParser *P, const PyrsToken *t, const char *msg)
{
    pyrs_pb_error_at(P, pyrs_pb_tpos(t), "%s", msg);
}

/* Records an allocation failure (reported as MemoryError by callers). */
void
pyrs_pb_oom(PyrsParser *P)
{
    PyrsPPos p = {0, 0, 0, 0};
    pyrs_pb_error_at(P, p, "out of memory");
}

static void *
chk(PyrsParser *P, void *p)
{
    if (!p) {
        pyrs_pb_oom(P);
    }
    return p;
}

/* The extent of the first token of KIND starting at or after the end of POS. */
PyrsPPos
pyrs_pb_tok_after(PyrsParser *P, PyrsPPos pos, int kind)
{
    for (size_t i = 0; i < P->ntoks; i++) {
        const PyrsToken *t = &P->toks[i];
        if ((int)t->kind == kind &&
            (t->lineno > pos.el || (t->lineno == pos.el && t->col_offset >= pos.ec))) {
            return pyrs_pb_tpos(t);
        }
    }
    return pos;
}

/* ---- sequences ---------------------------------------------------------------------------- */

/* A new sequence holding ITEM. */
PyrsAstSeq *
pyrs_pb_seq1(PyrsParser *P, void *item)
{
    return chk(P, pyrs_ast_seq_append(P->arena, NULL, item));
}

/* SEQ with ITEM appended (SEQ may be NULL). */
PyrsAstSeq *
pyrs_pb_append(PyrsParser *P, PyrsAstSeq *seq, void *item)
{
    return chk(P, pyrs_ast_seq_append(P->arena, seq, item));
}

/* A with the items of B appended (either may be NULL). */
PyrsAstSeq *
pyrs_pb_concat(PyrsParser *P, PyrsAstSeq *a, PyrsAstSeq *b)
{
    for (long i = 0; i < PYRS_SEQ_LEN(b); i++) {
        a = pyrs_pb_append(P, a, PYRS_SEQ_GET(b, i));
    }
    return a;
}

/* An arena copy of E. */
PyrsPE *
pyrs_pb_box(PyrsParser *P, PyrsPE e)
{
    PyrsPE *r = chk(P, pyrs_arena_alloc(P->arena, sizeof *r));
    if (r) {
        *r = e;
    }
    return r;
}

/* A list holding E. */
PyrsPList *
pyrs_pb_list1(PyrsParser *P, PyrsPE e)
{
    PyrsPList *l = chk(P, pyrs_arena_alloc(P->arena, sizeof *l));
    if (l) {
        l->items = pyrs_pb_seq1(P, pyrs_pb_box(P, e));
        l->p = e.p;
    }
    return l;
}

/* L with E appended. */
PyrsPList *
pyrs_pb_list_add(PyrsParser *P, PyrsPList *l, PyrsPE e)
{
    l->items = pyrs_pb_append(P, l->items, pyrs_pb_box(P, e));
    l->p = pyrs_pb_span(l->p, e.p);
    return l;
}

/* L followed by the trailing comma COMMA. */
PyrsPList *
pyrs_pb_list_trail(PyrsParser *P, PyrsPList *l, const PyrsToken *comma)
{
    (void)P;
    l->trail = 1;
    l->p = pyrs_pb_span(l->p, pyrs_pb_tpos(comma));
    return l;
}

/* E followed by the items of L. */
PyrsPList *
pyrs_pb_list_prepend(PyrsParser *P, PyrsPE e, PyrsPList *l)
{
    PyrsPList *r = pyrs_pb_list1(P, e);
    r->items = pyrs_pb_concat(P, r->items, l->items);
    r->p = pyrs_pb_span(e.p, l->p);
    r->trail = l->trail;
    return r;
}

/* A new zeroed item of KIND spanning P. */
PyrsPItem *
pyrs_pb_item(PyrsParser *P, PyrsPItemKind kind, PyrsPPos p)
{
    PyrsPItem *it = chk(P, pyrs_arena_alloc(P->arena, sizeof *it));
    if (it) {
        it->kind = kind;
        it->p = p;
    }
    return it;
}

/* ARGS with its last item marked as followed by a comma. */
PyrsAstSeq *
pyrs_pb_args_trail(PyrsParser *P, PyrsAstSeq *args)
{
    (void)P;
    ((PyrsPItem *)PYRS_SEQ_GET(args, args->n - 1))->trail = 1;
    return args;
}

/* The nodes of L as an AST sequence. */
PyrsAstSeq *
pyrs_pb_exprs(PyrsParser *P, PyrsPList *l)
{
    PyrsAstSeq *seq;
    if (!l) {
        return NULL;
    }
    seq = chk(P, pyrs_ast_seq_new(P->arena, l->items->n));
    for (long i = 0; seq && i < l->items->n; i++) {
        PYRS_SEQ_SET(seq, i, ((PyrsPE *)PYRS_SEQ_GET(l->items, i))->e);
    }
    return seq;
}

/* ---- atoms -------------------------------------------------------------------------------- */

/* Name(T, Load). */
PyrsPE
pyrs_pb_name(PyrsParser *P, const PyrsToken *t)
{
    PyrsPPos p = pyrs_pb_tpos(t);
    return mk(chk(P, pyrs_ast_Name(pyrs_pb_ident(P, t), PYRS_CTX_LOAD, LOC(p), P->arena)));
}

/* Constant(number) from NUMBER token T. */
PyrsPE
pyrs_pb_number(PyrsParser *P, const PyrsToken *t)
{
    char msg[512];
    PyrsPPos p = pyrs_pb_tpos(t);
    PyrsConst *c = pyrs_const_number(P->arena, t->start, t->len, msg, sizeof msg);
    if (!c) {
        pyrs_pb_error_at(P, p, "%s", msg);
        c = pyrs_const_new(P->arena, PYRS_CONST_NONE);
    }
    return mk(chk(P, pyrs_ast_Constant(c, NULL, LOC(p), P->arena)));
}

/* Constant(None/True/False/Ellipsis) from keyword token T. */
PyrsPE
pyrs_pb_singleton(PyrsParser *P, const PyrsToken *t)
{
    PyrsPPos p = pyrs_pb_tpos(t);
    PyrsConstKind k = t->kind == PYRS_TOK_KW_NONE    ? PYRS_CONST_NONE
                      : t->kind == PYRS_TOK_KW_TRUE  ? PYRS_CONST_TRUE
                      : t->kind == PYRS_TOK_KW_FALSE ? PYRS_CONST_FALSE
                                                     : PYRS_CONST_ELLIPSIS;
    return mk(
        chk(P, pyrs_ast_Constant(chk(P, pyrs_const_new(P->arena, k)), NULL, LOC(p), P->arena)));
}

/* Tuple(L) spanning POS. */
PyrsPE
pyrs_pb_tuple(PyrsParser *P, PyrsPList *l, PyrsPPos p)
{
    return mk(chk(P, pyrs_ast_Tuple(pyrs_pb_exprs(P, l), PYRS_CTX_LOAD, LOC(p), P->arena)));
}

/* The single item of L, or an unparenthesised Tuple of its items. */
PyrsPE
pyrs_pb_tuple_or_one(PyrsParser *P, PyrsPList *l)
{
    if (l->items->n == 1 && !l->trail) {
        return *(PyrsPE *)PYRS_SEQ_GET(l->items, 0);
    }
    return pyrs_pb_tuple(P, l, l->p);
}

/* A parenthesised atom: (), (x) or a tuple display. */
PyrsPE
pyrs_pb_group(PyrsParser *P, const PyrsToken *lp, PyrsPList *l, const PyrsToken *rp)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(lp), pyrs_pb_tpos(rp));
    PyrsPE e;
    if (l && l->items->n == 1 && !l->trail) {
        e = *(PyrsPE *)PYRS_SEQ_GET(l->items, 0);
        if (e.e && e.e->kind == PYRS_K_Starred) {
            pyrs_pb_error_at(P, e.p, "cannot use starred expression here");
        }
        return pyrs_pb_paren(P, lp, e, rp);
    }
    e = pyrs_pb_tuple(P, l, p);
    e.paren = 1;
    return e;
}

/* List display. */
PyrsPE
pyrs_pb_list(PyrsParser *P, PyrsPList *l, PyrsPPos p)
{
    return mk(chk(P, pyrs_ast_List(pyrs_pb_exprs(P, l), PYRS_CTX_LOAD, LOC(p), P->arena)));
}

/* Set display. */
PyrsPE
pyrs_pb_set(PyrsParser *P, PyrsPList *l, PyrsPPos p)
{
    return mk(chk(P, pyrs_ast_Set(pyrs_pb_exprs(P, l), LOC(p), P->arena)));
}

/* Dict display from PYRS_PI_DICT / PYRS_PI_DICTSTAR items. */
PyrsPE
pyrs_pb_dict(PyrsParser *P, PyrsAstSeq *items, PyrsPPos p)
{
    long n = PYRS_SEQ_LEN(items);
    PyrsAstSeq *keys = chk(P, pyrs_ast_seq_new(P->arena, n));
    PyrsAstSeq *values = chk(P, pyrs_ast_seq_new(P->arena, n));
    for (long i = 0; keys && values && i < n; i++) {
        PyrsPItem *it = PYRS_SEQ_GET(items, i);
        if (it->kind == PYRS_PI_DICT) {
            PYRS_SEQ_SET(keys, i, it->a.e);
            PYRS_SEQ_SET(values, i, it->b.e);
        } else {
            PYRS_SEQ_SET(values, i, it->a.e);
        }
    }
    return mk(chk(P, pyrs_ast_Dict(keys, values, LOC(p), P->arena)));
}

/* ListComp / SetComp / GeneratorExp (ELT) or DictComp (ELT: VAL) over GENS. */
PyrsPE
pyrs_pb_comp(PyrsParser *P, PyrsAstKind kind, PyrsPE elt, PyrsPE val, PyrsAstSeq *gens, PyrsPPos p)
{
    PyrsExpr *e;
    if (elt.e->kind == PYRS_K_Starred) {
        pyrs_pb_error_at(P, elt.p, "iterable unpacking cannot be used in comprehension");
    }
    switch (kind) {
    case PYRS_K_ListComp:
        e = pyrs_ast_ListComp(elt.e, gens, LOC(p), P->arena);
        break;
    case PYRS_K_SetComp:
        e = pyrs_ast_SetComp(elt.e, gens, LOC(p), P->arena);
        break;
    case PYRS_K_DictComp:
        e = pyrs_ast_DictComp(elt.e, val.e, gens, LOC(p), P->arena);
        break;
    default:
        e = pyrs_ast_GeneratorExp(elt.e, gens, LOC(p), P->arena);
        break;
    }
    return mk(chk(P, e));
}

/* One `for TARGET in ITER if ...` clause. */
PyrsComprehension *
pyrs_pb_comp_for(PyrsParser *P, PyrsPList *target, PyrsPE iter, PyrsAstSeq *ifs, int is_async)
{
    PyrsPE t = pyrs_pb_tuple_or_one(P, target);
    pyrs_pb_set_target(P, t, 2);
    return chk(P, pyrs_ast_comprehension(t.e, iter.e, ifs, is_async, P->arena));
}

/* ---- operators ---------------------------------------------------------------------------- */

/* BinOp(A, OP, B). */
PyrsPE
pyrs_pb_binop(PyrsParser *P, PyrsPE a, int op, PyrsPE b)
{
    PyrsPPos p = pyrs_pb_span(a.p, b.p);
    return mk(chk(P, pyrs_ast_BinOp(a.e, (PyrsOperator)op, b.e, LOC(p), P->arena)));
}

/* UnaryOp(OP, A) starting at operator token T. */
PyrsPE
pyrs_pb_unary(PyrsParser *P, const PyrsToken *t, int op, PyrsPE a)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), a.p);
    return mk(chk(P, pyrs_ast_UnaryOp((PyrsUnaryOp)op, a.e, LOC(p), P->arena)));
}

/* BoolOp(OP, VALUES) where VALUES holds PyrsPE *. */
PyrsPE
pyrs_pb_boolop(PyrsParser *P, int op, PyrsAstSeq *values)
{
    PyrsAstSeq *seq = chk(P, pyrs_ast_seq_new(P->arena, values->n));
    PyrsPE *first = PYRS_SEQ_GET(values, 0), *last = PYRS_SEQ_GET(values, values->n - 1);
    PyrsPPos p = pyrs_pb_span(first->p, last->p);
    for (long i = 0; seq && i < values->n; i++) {
        PYRS_SEQ_SET(seq, i, ((PyrsPE *)PYRS_SEQ_GET(values, i))->e);
    }
    return mk(chk(P, pyrs_ast_BoolOp((PyrsBoolOp)op, seq, LOC(p), P->arena)));
}

/* Extends comparison CHAIN (NULL: a new one starting at LEFT) with OP RIGHT. */
PyrsPItem *
pyrs_pb_cmp_add(PyrsParser *P, PyrsPItem *chain, PyrsPE left, int op, PyrsPE right)
{
    if (!chain) {
        chain = pyrs_pb_item(P, PYRS_PI_CMP, left.p);
        chain->a = left;
    }
    chain->s1 = pyrs_pb_append(P, chain->s1, (void *)(intptr_t)op);
    chain->s2 = pyrs_pb_append(P, chain->s2, right.e);
    chain->p = pyrs_pb_span(chain->p, right.p);
    return chain;
}

/* Compare node of a finished chain. */
PyrsPE
pyrs_pb_compare(PyrsParser *P, PyrsPItem *chain)
{
    return mk(chk(P, pyrs_ast_Compare(chain->a.e, chain->s1, chain->s2, LOC(chain->p), P->arena)));
}

/* BODY if TEST else ORELSE. */
PyrsPE
pyrs_pb_ifexp(PyrsParser *P, PyrsPE body, PyrsPE test, PyrsPE orelse)
{
    PyrsPPos p = pyrs_pb_span(body.p, orelse.p);
    return mk(chk(P, pyrs_ast_IfExp(test.e, body.e, orelse.e, LOC(p), P->arena)));
}

/* TARGET := VALUE; the target must be a plain name. */
PyrsPE
pyrs_pb_named(PyrsParser *P, PyrsPE target, PyrsPE value)
{
    PyrsPPos p = pyrs_pb_span(target.p, value.p);
    if (target.e->kind != PYRS_K_Name) {
        pyrs_pb_error_at(P, target.p, "cannot use assignment expressions with %s",
                         pyrs_pb_expr_name(target.e));
    } else {
        pyrs_ast_set_context(target.e, PYRS_CTX_STORE);
    }
    return mk(chk(P, pyrs_ast_NamedExpr(target.e, value.e, LOC(p), P->arena)));
}

/* *A (Load context; targets are fixed later). */
PyrsPE
pyrs_pb_starred(PyrsParser *P, const PyrsToken *t, PyrsPE a)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), a.p);
    return mk(chk(P, pyrs_ast_Starred(a.e, PYRS_CTX_LOAD, LOC(p), P->arena)));
}

/* await A. */
PyrsPE
pyrs_pb_await(PyrsParser *P, const PyrsToken *t, PyrsPE a)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), a.p);
    return mk(chk(P, pyrs_ast_Await(a.e, LOC(p), P->arena)));
}

/* yield [VALUE] or yield from VALUE. */
PyrsPE
pyrs_pb_yield(PyrsParser *P, const PyrsToken *t, PyrsPE *value, int from)
{
    PyrsPPos p = value ? pyrs_pb_span(pyrs_pb_tpos(t), value->p) : pyrs_pb_tpos(t);
    if (from) {
        return mk(chk(P, pyrs_ast_YieldFrom(value->e, LOC(p), P->arena)));
    }
    return mk(chk(P, pyrs_ast_Yield(value ? value->e : NULL, LOC(p), P->arena)));
}

/* A.NAME. */
PyrsPE
pyrs_pb_attr(PyrsParser *P, PyrsPE a, const PyrsToken *name)
{
    PyrsPPos p = pyrs_pb_span(a.p, pyrs_pb_tpos(name));
    return mk(
        chk(P, pyrs_ast_Attribute(a.e, pyrs_pb_ident(P, name), PYRS_CTX_LOAD, LOC(p), P->arena)));
}

/* A[SLICE] ending at RB. */
PyrsPE
pyrs_pb_subscript(PyrsParser *P, PyrsPE a, PyrsPE slice, const PyrsToken *rb)
{
    PyrsPPos p = pyrs_pb_span(a.p, pyrs_pb_tpos(rb));
    return mk(chk(P, pyrs_ast_Subscript(a.e, slice.e, PYRS_CTX_LOAD, LOC(p), P->arena)));
}

/* The slice of a subscription: one item, or a Tuple of them (a[*b] is a tuple too). */
PyrsPE
pyrs_pb_slices(PyrsParser *P, PyrsPList *l)
{
    PyrsPE e = *(PyrsPE *)PYRS_SEQ_GET(l->items, 0);
    if (l->items->n == 1 && !l->trail && e.e->kind != PYRS_K_Starred) {
        return e;
    }
    return pyrs_pb_tuple(P, l, l->p);
}

/* LO:HI[:STEP]; absent parts have a NULL node. */
PyrsPE
pyrs_pb_slice(PyrsParser *P, PyrsPE *lo, const PyrsToken *c1, PyrsPE *hi, const PyrsToken *c2,
              PyrsPE *step)
{
    PyrsPPos p = lo->e ? lo->p : pyrs_pb_tpos(c1);
    PyrsPPos end = pyrs_pb_tpos(c1);
    if (hi->e) {
        end = hi->p;
    }
    if (c2) {
        end = step->e ? step->p : pyrs_pb_tpos(c2);
    }
    p = pyrs_pb_span(p, end);
    return mk(chk(P, pyrs_ast_Slice(lo->e, hi->e, step ? step->e : NULL, LOC(p), P->arena)));
}

/* ---- calls -------------------------------------------------------------------------------- */

/* A call argument item of KIND: positional A, *A / **A (T the star), keyword A=*B, dict
 * item A: *B or **A. */
PyrsPItem *
pyrs_pb_arg_item(PyrsParser *P, PyrsPItemKind kind, const PyrsToken *t, PyrsPE a, PyrsPE *b)
{
    PyrsPPos p = t && kind != PYRS_PI_KW ? pyrs_pb_span(pyrs_pb_tpos(t), a.p) : a.p;
    PyrsPItem *it;
    if (b) {
        p = pyrs_pb_span(p, b->p);
    }
    it = pyrs_pb_item(P, kind, p);
    it->t = t;
    it->a = a;
    if (b) {
        it->b = *b;
    }
    return it;
}

/* An unparenthesised generator expression argument ELT GENS. */
PyrsPItem *
pyrs_pb_genexp_arg(PyrsParser *P, PyrsPE elt, PyrsAstSeq *gens)
{
    PyrsPItem *it = pyrs_pb_item(P, PYRS_PI_GENEXP, elt.p);
    PyrsComprehension *last = PYRS_SEQ_GET(gens, gens->n - 1);
    PyrsExpr *end =
        PYRS_SEQ_LEN(last->ifs) ? PYRS_SEQ_GET(last->ifs, last->ifs->n - 1) : last->iter;
    it->a = elt;
    it->s1 = gens;
    it->p = pyrs_pb_span(elt.p, epos(end));
    return it;
}

static int
is_plain_name(PyrsPE e)
{
    return e.e->kind == PYRS_K_Name && e.p.l == e.e->lineno && e.p.c == e.e->col_offset;
}

static PyrsKeyword *
make_keyword(PyrsParser *P, PyrsPItem *it)
{
    if (it->kind == PYRS_PI_DSTAR) {
        return chk(P, pyrs_ast_keyword(NULL, it->a.e, LOC(it->p), P->arena));
    }
    if (it->a.e->kind == PYRS_K_Constant && !it->a.paren &&
        it->a.e->v.Constant.value->kind <= PYRS_CONST_FALSE) {
        PyrsPPos p = pyrs_pb_span(it->a.p, pyrs_pb_tpos(it->t));
        pyrs_pb_error_at(P, p, "cannot assign to %s", pyrs_pb_expr_name(it->a.e));
        return chk(P, pyrs_ast_keyword(NULL, it->b.e, LOC(it->p), P->arena));
    }
    if (!is_plain_name(it->a)) {
        PyrsPPos p = pyrs_pb_span(epos(it->a.e), pyrs_pb_tpos(it->t));
        pyrs_pb_error_at(P, p, "expression cannot contain assignment, perhaps you meant \"==\"?");
        return chk(P, pyrs_ast_keyword(NULL, it->b.e, LOC(it->p), P->arena));
    }
    return chk(P, pyrs_ast_keyword(it->a.e->v.Name.id, it->b.e, LOC(it->p), P->arena));
}

/* The error for argument IT out of order, or NULL. SEEN_*: kinds met before it. */
static const char *
misplaced(const PyrsPItem *it, int seen_kw, int seen_dstar)
{
    if (it->kind == PYRS_PI_POS && seen_dstar) {
        return "positional argument follows keyword argument unpacking";
    }
    if (it->kind == PYRS_PI_POS && seen_kw) {
        return "positional argument follows keyword argument";
    }
    if (it->kind == PYRS_PI_STAR && seen_dstar) {
        return "iterable argument unpacking follows keyword argument unpacking";
    }
    return NULL;
}

/* Reports MSG for argument I of ITEMS where CPython does: at the closing parenthesis RP, or
 * for a misplaced *arg over the arguments before it. */
static void
args_error(PyrsParser *P, PyrsAstSeq *items, long i, const PyrsToken *rp, const char *msg)
{
    PyrsPItem *it = PYRS_SEQ_GET(items, i);
    if (it->kind == PYRS_PI_STAR && i > 0) {
        PyrsPItem *first = PYRS_SEQ_GET(items, 0), *prev = PYRS_SEQ_GET(items, i - 1);
        pyrs_pb_error_at(P, pyrs_pb_span(first->p, prev->p), "%s", msg);
    } else {
        pyrs_pb_error_at(P, rp ? pyrs_pb_tpos(rp) : it->p, "%s", msg);
    }
}

/* Splits call/class argument ITEMS into positional ARGS and KEYWORDS, checking their order
 * as CPython does. LP..RP are the call's parentheses (LP is NULL for a class: no lone
 * generator expression there). */
static void
split_args(PyrsParser *P, PyrsAstSeq *items, const PyrsToken *lp, const PyrsToken *rp,
           PyrsAstSeq **args, PyrsAstSeq **keywords)
{
    int seen_kw = 0, seen_dstar = 0;
    long n = PYRS_SEQ_LEN(items);
    *args = *keywords = NULL;
    for (long i = 0; i < n; i++) {
        PyrsPItem *it = PYRS_SEQ_GET(items, i);
        const char *msg = misplaced(it, seen_kw, seen_dstar);
        if (msg) {
            args_error(P, items, i, rp, msg);
        }
        switch (it->kind) {
        case PYRS_PI_GENEXP:
            if (!lp) {
                /* a class's bases: CPython's grammar stops at the `for` */
                pyrs_pb_error_at(P, pyrs_pb_tok_after(P, it->a.p, PYRS_TOK_KW_FOR),
                                 "invalid syntax");
            } else if (n != 1 || it->trail) {
                pyrs_pb_error_at(P, it->p, "Generator expression must be parenthesized");
            } else {
                PyrsPE g = pyrs_pb_comp(P, PYRS_K_GeneratorExp, it->a, it->a, it->s1,
                                        pyrs_pb_span(pyrs_pb_tpos(lp), pyrs_pb_tpos(rp)));
                *args = pyrs_pb_append(P, *args, g.e);
            }
            break;
        case PYRS_PI_POS:
            *args = pyrs_pb_append(P, *args, it->a.e);
            break;
        case PYRS_PI_STAR:
            *args = pyrs_pb_append(P, *args, pyrs_pb_starred(P, it->t, it->a).e);
            break;
        case PYRS_PI_DSTAR:
            seen_dstar = 1;
            *keywords = pyrs_pb_append(P, *keywords, make_keyword(P, it));
            break;
        default:
            seen_kw = 1;
            *keywords = pyrs_pb_append(P, *keywords, make_keyword(P, it));
            break;
        }
    }
}

/* F(ARGS) with parentheses LP..RP. */
PyrsPE
pyrs_pb_call(PyrsParser *P, PyrsPE f, const PyrsToken *lp, PyrsAstSeq *items, const PyrsToken *rp)
{
    PyrsAstSeq *args, *keywords;
    PyrsPPos p = pyrs_pb_span(f.p, pyrs_pb_tpos(rp));
    split_args(P, items, lp, rp, &args, &keywords);
    return mk(chk(P, pyrs_ast_Call(f.e, args, keywords, LOC(p), P->arena)));
}

/* Bases and keywords of a class definition (no lone generator allowed). */
void
pyrs_pb_class_args(PyrsParser *P, PyrsAstSeq *items, const PyrsToken *rp, PyrsAstSeq **bases,
                   PyrsAstSeq **keywords)
{
    split_args(P, items, NULL, rp, bases, keywords);
}

/* lambda PARAMS: BODY. */
PyrsPE
pyrs_pb_lambda(PyrsParser *P, const PyrsToken *t, PyrsAstSeq *params, PyrsPE body)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), body.p);
    PyrsArguments *a = pyrs_pb_arguments(P, params, 1);
    return mk(chk(P, pyrs_ast_Lambda(a, body.e, LOC(p), P->arena)));
}
