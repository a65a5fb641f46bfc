/* parse_stmt.c: statement, parameter and match-pattern nodes for the grammar's actions.
 * Mirrors CPython 3.11's PEG actions: statement extents run from the first keyword to the end
 * of the last nested statement, decorators do not move a definition's start, and parameter
 * lists are checked with CPython's messages. */
#include "parse_build.h"

#include <string.h>

#include "ast_const.h"

#define LOC(p) (p).l, (p).c, (p).el, (p).ec

static void *
chk(PyrsParser *P, void *p)
{
    if (!p) {
        pyrs_pb_oom(P);
    }
    return p;
}


/* The module node. */
PyrsMod *
pyrs_pb_module(PyrsParser *P, PyrsAstSeq *body)
{
    return chk(P, pyrs_ast_Module(body, NULL, P->arena));
}

/* An expression statement. */
PyrsStmt *
pyrs_pb_expr_stmt(PyrsParser *P, PyrsPE e)
{
    return chk(P, pyrs_ast_Expr(e.e, LOC(e.p), P->arena));
}

static int
is_bitwise_or(const PyrsExpr *e)
{
    switch (e->kind) {
    case PYRS_K_BoolOp:
    case PYRS_K_NamedExpr:
    case PYRS_K_Lambda:
    case PYRS_K_IfExp:
    case PYRS_K_Compare:
    case PYRS_K_Starred:
    case PYRS_K_Yield:
    case PYRS_K_YieldFrom:
        return 0;
    case PYRS_K_UnaryOp:
        return e->v.UnaryOp.op != PYRS_UNARY_NOT;
    default:
        return 1;
    }
}

/* The leftmost operand of E that the PEG grammar parses as a bitwise_or, or NULL when E
 * does not start with one (not, lambda, *, yield). */
static const PyrsExpr *
bitwise_or_prefix(const PyrsExpr *e)
{
    switch (e->kind) {
    case PYRS_K_BoolOp:
        return bitwise_or_prefix(PYRS_SEQ_GET(e->v.BoolOp.values, 0));
    case PYRS_K_Compare:
        return bitwise_or_prefix(e->v.Compare.left);
    case PYRS_K_IfExp:
        return bitwise_or_prefix(e->v.IfExp.body);
    default:
        return is_bitwise_or(e) ? e : NULL;
    }
}

static PyrsPPos
pe_pos(const PyrsExpr *e)
{
    PyrsPPos p = {e->lineno, e->col_offset, e->end_lineno, e->end_col_offset};
    return p;
}

/* Whether the token ending extent POS is a ')'. */
static int
ends_with_rpar(const PyrsParser *P, PyrsPPos pos)
{
    for (size_t i = 0; i < P->ntoks; i++) {
        const PyrsToken *t = &P->toks[i];
        if (t->end_lineno == pos.el && t->end_col_offset == pos.ec && t->len > 0) {
            return t->kind == PYRS_TOK_RPAR;
        }
    }
    return 0;
}

/* CPython's invalid_named_expression fires on an invalid assignment when the last element of
 * the first target is followed by '=' and a bitwise_or that no '=' follows. Returns 1 when it
 * reported that error. */
static int
here_error(PyrsParser *P, PyrsPE first, PyrsAstSeq *rest)
{
    const PyrsExpr *last = first.e, *v, *vp;
    PyrsPE rhs = *(PyrsPE *)PYRS_SEQ_GET(rest, 0);
    int rhs_tuple = rhs.e->kind == PYRS_K_Tuple && !rhs.paren;
    int atom = first.paren; /* a parenthesised target is an atom, whatever it holds */
    if (first.e->kind == PYRS_K_Tuple && !first.paren) {
        PyrsAstSeq *elts = first.e->v.Tuple.elts;
        last = PYRS_SEQ_GET(elts, elts->n - 1);
        if (last->end_col_offset != first.p.ec || last->end_lineno != first.p.el) {
            if (!ends_with_rpar(P, first.p)) {
                return 0; /* a trailing comma */
            }
            atom = 1; /* a parenthesised last element */
        }
    }
    if (last->kind == PYRS_K_List || last->kind == PYRS_K_Tuple ||
        last->kind == PYRS_K_GeneratorExp || !(atom || is_bitwise_or(last)) ||
        (last->kind == PYRS_K_Constant && last->v.Constant.value->kind <= PYRS_CONST_FALSE)) {
        return 0;
    }
    v = rhs_tuple ? PYRS_SEQ_GET(rhs.e->v.Tuple.elts, 0) : rhs.e;
    vp = rhs.paren ? rhs.e : bitwise_or_prefix(v);
    if (!vp || (vp == v && !rhs_tuple && rest->n > 1)) {
        return 0;
    }
    if (last->kind == PYRS_K_Name) {
        pyrs_pb_error_at(P, pyrs_pb_span(pe_pos(last), vp == rhs.e ? rhs.p : pe_pos(vp)),
                         "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    } else {
        pyrs_pb_error_at(P, pe_pos(last),
                         "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                         pyrs_pb_expr_name(last));
    }
    return 1;
}

static int
valid_target(PyrsPE t)
{
    if (t.e->kind == PYRS_K_Yield || t.e->kind == PYRS_K_YieldFrom) {
        return 0;
    }
    return pyrs_pb_check_target(t.e, 0);
}

/* FIRST = REST[0] = ... = VALUE, REST holding PyrsPE * (the last is the value). */
PyrsStmt *
pyrs_pb_assign(PyrsParser *P, PyrsPE first, PyrsAstSeq *rest)
{
    long n = rest->n;
    PyrsPE *value = PYRS_SEQ_GET(rest, n - 1);
    PyrsAstSeq *targets = chk(P, pyrs_ast_seq_new(P->arena, n));
    PyrsPPos p = pyrs_pb_span(first.p, value->p);
    int all_valid = 1;
    for (long i = 0; i < n; i++) {
        all_valid &= valid_target(i == 0 ? first : *(PyrsPE *)PYRS_SEQ_GET(rest, i - 1));
    }
    if (!all_valid && here_error(P, first, rest)) {
        all_valid = 1; /* reported */
    }
    for (long i = 0; targets && i < n; i++) {
        PyrsPE t = i == 0 ? first : *(PyrsPE *)PYRS_SEQ_GET(rest, i - 1);
        if ((t.e->kind == PYRS_K_Yield || t.e->kind == PYRS_K_YieldFrom) && t.paren) {
            /* a parenthesised yield is an invalid star_expressions target */
            pyrs_pb_error_at(P, pe_pos(t.e), "cannot assign to yield expression");
        } else if (t.e->kind == PYRS_K_Yield || t.e->kind == PYRS_K_YieldFrom) {
            pyrs_pb_error_at(P, t.p, "assignment to yield expression not possible");
        } else {
            pyrs_pb_set_target(P, t, 0);
        }
        PYRS_SEQ_SET(targets, i, t.e);
    }
    return chk(P, pyrs_ast_Assign(targets, value->e, NULL, LOC(p), P->arena));
}

/* TARGET OP= VALUE. */
PyrsStmt *
pyrs_pb_augassign(PyrsParser *P, PyrsPE target, int op, PyrsPE value)
{
    PyrsPPos p = pyrs_pb_span(target.p, value.p);
    PyrsAstKind k = target.e->kind;
    if (k != PYRS_K_Name && k != PYRS_K_Attribute && k != PYRS_K_Subscript) {
        pyrs_pb_error_at(P, target.p, "'%s' is an illegal expression for augmented assignment",
                         pyrs_pb_expr_name(target.e));
    } else {
        pyrs_ast_set_context(target.e, PYRS_CTX_STORE);
    }
    return chk(P, pyrs_ast_AugAssign(target.e, (PyrsOperator)op, value.e, LOC(p), P->arena));
}

/* TARGET: ANN [= VALUE]. */
PyrsStmt *
pyrs_pb_annassign(PyrsParser *P, PyrsPE target, PyrsPE ann, PyrsPE *value)
{
    PyrsPPos p = pyrs_pb_span(target.p, value ? value->p : ann.p);
    PyrsAstKind k = target.e->kind;
    int simple =
        k == PYRS_K_Name && target.p.l == target.e->lineno && target.p.c == target.e->col_offset;
    if (k == PYRS_K_Starred) {
        pyrs_pb_error_at(P, pyrs_pb_tok_after(P, target.p, PYRS_TOK_COLON), "invalid syntax");
    } else if (k == PYRS_K_Tuple) {
        /* CPython blames the first element of an unparenthesised tuple */
        PyrsPPos at = target.p;
        if (!target.paren && target.e->v.Tuple.elts && target.e->v.Tuple.elts->n > 0) {
            at = pe_pos(PYRS_SEQ_GET(target.e->v.Tuple.elts, 0));
        }
        pyrs_pb_error_at(P, at, "only single target (not tuple) can be annotated");
    } else if (k == PYRS_K_List) {
        pyrs_pb_error_at(P, target.p, "only single target (not list) can be annotated");
    } else if (k != PYRS_K_Name && k != PYRS_K_Attribute && k != PYRS_K_Subscript) {
        pyrs_pb_error_at(P, target.p, "illegal target for annotation");
    } else {
        pyrs_ast_set_context(target.e, PYRS_CTX_STORE);
    }
    return chk(
        P, pyrs_ast_AnnAssign(target.e, ann.e, value ? value->e : NULL, simple, LOC(p), P->arena));
}

/* pass / break / continue. */
PyrsStmt *
pyrs_pb_simple(PyrsParser *P, PyrsAstKind kind, const PyrsToken *t)
{
    PyrsPPos p = pyrs_pb_tpos(t);
    if (kind == PYRS_K_Pass) {
        return chk(P, pyrs_ast_Pass(LOC(p), P->arena));
    }
    if (kind == PYRS_K_Break) {
        return chk(P, pyrs_ast_Break(LOC(p), P->arena));
    }
    return chk(P, pyrs_ast_Continue(LOC(p), P->arena));
}

/* return [VALUE]. */
PyrsStmt *
pyrs_pb_return(PyrsParser *P, const PyrsToken *t, PyrsPE *value)
{
    PyrsPPos p = value ? pyrs_pb_span(pyrs_pb_tpos(t), value->p) : pyrs_pb_tpos(t);
    return chk(P, pyrs_ast_Return(value ? value->e : NULL, LOC(p), P->arena));
}

/* raise [EXC [from CAUSE]]. */
PyrsStmt *
pyrs_pb_raise(PyrsParser *P, const PyrsToken *t, PyrsPE *exc, PyrsPE *cause)
{
    PyrsPPos p = pyrs_pb_tpos(t);
    if (exc) {
        p = pyrs_pb_span(p, cause ? cause->p : exc->p);
    }
    return chk(P, pyrs_ast_Raise(exc ? exc->e : NULL, cause ? cause->e : NULL, LOC(p), P->arena));
}

/* del TARGETS. */
PyrsStmt *
pyrs_pb_delete(PyrsParser *P, const PyrsToken *t, PyrsPList *targets)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), targets->p);
    for (long i = 0; i < targets->items->n; i++) {
        pyrs_pb_set_target(P, *(PyrsPE *)PYRS_SEQ_GET(targets->items, i), 1);
    }
    return chk(P, pyrs_ast_Delete(pyrs_pb_exprs(P, targets), LOC(p), P->arena));
}

/* A list of names (global, nonlocal, dotted module names) extended by NAME. */
PyrsPItem *
pyrs_pb_names(PyrsParser *P, PyrsPItem *prev, const PyrsToken *name)
{
    if (!prev) {
        prev = pyrs_pb_item(P, PYRS_PI_POS, pyrs_pb_tpos(name));
    }
    prev->s1 = pyrs_pb_append(P, prev->s1, pyrs_pb_ident(P, name));
    prev->p = pyrs_pb_span(prev->p, pyrs_pb_tpos(name));
    return prev;
}

/* global / nonlocal NAMES. */
PyrsStmt *
pyrs_pb_global(PyrsParser *P, PyrsAstKind kind, const PyrsToken *t, PyrsPItem *names)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), names->p);
    if (kind == PYRS_K_Global) {
        return chk(P, pyrs_ast_Global(names->s1, LOC(p), P->arena));
    }
    return chk(P, pyrs_ast_Nonlocal(names->s1, LOC(p), P->arena));
}

/* assert TEST [, MSG]. */
PyrsStmt *
pyrs_pb_assert(PyrsParser *P, const PyrsToken *t, PyrsPE test, PyrsPE *msg)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), msg ? msg->p : test.p);
    return chk(P, pyrs_ast_Assert(test.e, msg ? msg->e : NULL, LOC(p), P->arena));
}

static char *
join_dotted(PyrsParser *P, PyrsAstSeq *names)
{
    size_t len = 0, at = 0;
    char *s;
    for (long i = 0; i < names->n; i++) {
        len += strlen(PYRS_SEQ_GET(names, i)) + 1;
    }
    s = chk(P, pyrs_arena_alloc(P->arena, len + 1));
    for (long i = 0; s && i < names->n; i++) {
        const char *part = PYRS_SEQ_GET(names, i);
        if (i) {
            s[at++] = '.';
        }
        memcpy(s + at, part, strlen(part));
        at += strlen(part);
    }
    return s;
}

/* DOTTED [as ASNAME]. */
PyrsAlias *
pyrs_pb_alias(PyrsParser *P, PyrsPItem *dotted, const PyrsToken *asname)
{
    PyrsPPos p = asname ? pyrs_pb_span(dotted->p, pyrs_pb_tpos(asname)) : dotted->p;
    return chk(P, pyrs_ast_alias(join_dotted(P, dotted->s1),
                                 asname ? pyrs_pb_ident(P, asname) : NULL, LOC(p), P->arena));
}

static PyrsPPos
alias_pos(const PyrsAlias *a)
{
    PyrsPPos p = {a->lineno, a->col_offset, a->end_lineno, a->end_col_offset};
    return p;
}

/* import ALIASES. */
PyrsStmt *
pyrs_pb_import(PyrsParser *P, const PyrsToken *t, PyrsAstSeq *aliases)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), alias_pos(PYRS_SEQ_GET(aliases, aliases->n - 1)));
    return chk(P, pyrs_ast_Import(aliases, LOC(p), P->arena));
}

/* `from M import *`: the alias list and its extent. */
PyrsPItem *
pyrs_pb_import_star(PyrsParser *P, const PyrsToken *star)
{
    PyrsPPos p = pyrs_pb_tpos(star);
    PyrsPItem *it = pyrs_pb_item(P, PYRS_PI_POS, p);
    char *name = chk(P, pyrs_arena_strndup(P->arena, "*", 1));
    it->s1 = pyrs_pb_seq1(P, chk(P, pyrs_ast_alias(name, NULL, LOC(p), P->arena)));
    return it;
}

/* The imported names and the extent ending at END (a closing parenthesis) or at the last. */
PyrsPItem *
pyrs_pb_import_names(PyrsParser *P, PyrsAstSeq *aliases, const PyrsToken *end)
{
    PyrsPPos p = end ? pyrs_pb_tpos(end) : alias_pos(PYRS_SEQ_GET(aliases, aliases->n - 1));
    PyrsPItem *it = pyrs_pb_item(P, PYRS_PI_POS, p);
    it->s1 = aliases;
    return it;
}

/* See parse_build.h. Any other lookahead is rejected by the grammar next. */
void
pyrs_pb_import_trail(PyrsParser *P, const PyrsToken *comma)
{
    /* CPython's rule needs NEWLINE next and reports at that token */
    (void)comma;
    if (P->cur < P->ntoks && P->toks[P->cur].kind == PYRS_TOK_NEWLINE) {
        pyrs_pb_error_tok(P, &P->toks[P->cur],
                          "trailing comma not allowed without surrounding parentheses");
    } else if (P->cur < P->ntoks && P->toks[P->cur].kind == PYRS_TOK_SEMI) {
        pyrs_pb_error_tok(P, &P->toks[P->cur], "invalid syntax");
    }
}

/* from [dots][DOTTED] import TARGETS. */
PyrsStmt *
pyrs_pb_import_from(PyrsParser *P, const PyrsToken *t, int level, PyrsPItem *dotted,
                    PyrsPItem *targets)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), targets->p);
    return chk(P, pyrs_ast_ImportFrom(dotted ? join_dotted(P, dotted->s1) : NULL, targets->s1,
                                      level, LOC(p), P->arena));
}

/* An elif clause, folded by pyrs_pb_if. */
PyrsPItem *
pyrs_pb_elif(PyrsParser *P, const PyrsToken *t, PyrsPE test, PyrsAstSeq *body)
{
    PyrsPItem *it = pyrs_pb_item(P, PYRS_PI_ELIF, pyrs_pb_tpos(t));
    it->a = test;
    it->s1 = body;
    return it;
}

/* if TEST: BODY, then ELIFS (PyrsPItem *) nested into orelse, then ORELSE. */
PyrsStmt *
pyrs_pb_if(PyrsParser *P, const PyrsToken *t, PyrsPE test, PyrsAstSeq *body, PyrsAstSeq *elifs,
           PyrsAstSeq *orelse)
{
    PyrsPPos p;
    for (long i = PYRS_SEQ_LEN(elifs) - 1; i >= 0; i--) {
        PyrsPItem *it = PYRS_SEQ_GET(elifs, i);
        PyrsPPos ep = pyrs_pb_span(it->p, pyrs_pb_last_end(P));
        PyrsStmt *s = chk(P, pyrs_ast_If(it->a.e, it->s1, orelse, LOC(ep), P->arena));
        orelse = pyrs_pb_seq1(P, s);
    }
    p = pyrs_pb_span(pyrs_pb_tpos(t), pyrs_pb_last_end(P));
    return chk(P, pyrs_ast_If(test.e, body, orelse, LOC(p), P->arena));
}

/* while TEST: BODY else: ORELSE. */
PyrsStmt *
pyrs_pb_while(PyrsParser *P, const PyrsToken *t, PyrsPE test, PyrsAstSeq *body, PyrsAstSeq *orelse)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), pyrs_pb_last_end(P));
    return chk(P, pyrs_ast_While(test.e, body, orelse, LOC(p), P->arena));
}

/* for TARGET in ITER: BODY else: ORELSE. */
PyrsStmt *
pyrs_pb_for(PyrsParser *P, const PyrsToken *t, PyrsPList *target, PyrsPE iter, PyrsAstSeq *body,
            PyrsAstSeq *orelse)
{
    PyrsPE tg = pyrs_pb_tuple_or_one(P, target);
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), pyrs_pb_last_end(P));
    pyrs_pb_set_target(P, tg, 2);
    return chk(P, pyrs_ast_For(tg.e, iter.e, body, orelse, NULL, LOC(p), P->arena));
}

/* An except clause: the handler node in x, except* in starred_ann. */
PyrsPItem *
pyrs_pb_handler(PyrsParser *P, const PyrsToken *t, int star, PyrsPE *type, const PyrsToken *name,
                PyrsAstSeq *body)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), pyrs_pb_last_end(P));
    PyrsPItem *it = pyrs_pb_item(P, PYRS_PI_POS, p);
    it->starred_ann = star;
    it->t = t;
    it->x =
        chk(P, pyrs_ast_ExceptHandler(type ? type->e : NULL, name ? pyrs_pb_ident(P, name) : NULL,
                                      body, LOC(p), P->arena));
    return it;
}

/* Reports a try mixing except and except* at the first handler of the other kind. */
static void
mixed_handlers(PyrsParser *P, PyrsAstSeq *handlers)
{
    PyrsPItem *first = PYRS_SEQ_GET(handlers, 0);
    for (long i = 1; i < handlers->n; i++) {
        PyrsPItem *it = PYRS_SEQ_GET(handlers, i);
        if (it->starred_ann != first->starred_ann) {
            PyrsPPos p = pyrs_pb_tpos(it->t);
            if (it->starred_ann) {
                p = pyrs_pb_span(p, pyrs_pb_tpos(it->t + 1));
            }
            pyrs_pb_error_at(P, p, "cannot have both 'except' and 'except*' on the same 'try'");
            return;
        }
    }
}

/* try: BODY HANDLERS else: ORELSE finally: FINALBODY (Try or TryStar). */
PyrsStmt *
pyrs_pb_try(PyrsParser *P, const PyrsToken *t, PyrsAstSeq *body, PyrsAstSeq *handlers,
            PyrsAstSeq *orelse, PyrsAstSeq *finalbody)
{
    long n = PYRS_SEQ_LEN(handlers);
    PyrsAstSeq *hs = n ? chk(P, pyrs_ast_seq_new(P->arena, n)) : NULL;
    int stars = 0;
    PyrsPPos p = pyrs_pb_tpos(t);
    for (long i = 0; i < n; i++) {
        PyrsPItem *it = PYRS_SEQ_GET(handlers, i);
        stars += it->starred_ann;
        PYRS_SEQ_SET(hs, i, it->x);
        p = pyrs_pb_span(p, it->p);
    }
    p = pyrs_pb_span(p, pyrs_pb_last_end(P));
    if (stars && stars != n) {
        mixed_handlers(P, handlers);
    }
    if (stars) {
        return chk(P, pyrs_ast_TryStar(body, hs, orelse, finalbody, LOC(p), P->arena));
    }
    return chk(P, pyrs_ast_Try(body, hs, orelse, finalbody, LOC(p), P->arena));
}

/* CTX [as TARGET]. */
PyrsWithItem *
pyrs_pb_withitem(PyrsParser *P, PyrsPE ctx, PyrsPE *target)
{
    if (target) {
        pyrs_pb_set_target(P, *target, 0);
    }
    return chk(P, pyrs_ast_withitem(ctx.e, target ? target->e : NULL, P->arena));
}

/* with ITEMS: BODY. */
PyrsStmt *
pyrs_pb_with(PyrsParser *P, const PyrsToken *t, PyrsAstSeq *items, PyrsAstSeq *body)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), pyrs_pb_last_end(P));
    return chk(P, pyrs_ast_With(items, body, NULL, LOC(p), P->arena));
}

/* def NAME(ARGS) [-> RETURNS]: BODY. */
PyrsStmt *
pyrs_pb_funcdef(PyrsParser *P, const PyrsToken *t, const PyrsToken *name, PyrsArguments *args,
                PyrsPE *returns, PyrsAstSeq *body)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), pyrs_pb_last_end(P));
    return chk(P, pyrs_ast_FunctionDef(pyrs_pb_ident(P, name), args, body, NULL,
                                       returns ? returns->e : NULL, NULL, LOC(p), P->arena));
}

/* `class NAME[(ARGS)]` (RP the closing parenthesis): bases in s1, keywords in s2. */
PyrsPItem *
pyrs_pb_class_head(PyrsParser *P, const PyrsToken *t, const PyrsToken *name, PyrsAstSeq *args,
                   const PyrsToken *rp)
{
    PyrsPItem *it = pyrs_pb_item(P, PYRS_PI_POS, pyrs_pb_tpos(t));
    it->t = t;
    it->x = (void *)name;
    pyrs_pb_class_args(P, args, rp, &it->s1, &it->s2);
    return it;
}

/* HEAD: BODY. */
PyrsStmt *
pyrs_pb_classdef(PyrsParser *P, PyrsPItem *head, PyrsAstSeq *body)
{
    PyrsPPos p = pyrs_pb_span(head->p, pyrs_pb_last_end(P));
    return chk(P, pyrs_ast_ClassDef(pyrs_pb_ident(P, head->x), head->s1, head->s2, body, NULL,
                                    LOC(p), P->arena));
}

/* async def / for / with: S converted to its async kind, starting at T. */
PyrsStmt *
pyrs_pb_async(PyrsParser *P, const PyrsToken *t, PyrsStmt *s)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), pyrs_pb_spos(s));
    if (s->kind == PYRS_K_FunctionDef) {
        struct PyrsAst_FunctionDef f = s->v.FunctionDef;
        return chk(P, pyrs_ast_AsyncFunctionDef(f.name, f.args, f.body, f.decorator_list, f.returns,
                                                NULL, LOC(p), P->arena));
    }
    if (s->kind == PYRS_K_For) {
        struct PyrsAst_For f = s->v.For;
        return chk(P,
                   pyrs_ast_AsyncFor(f.target, f.iter, f.body, f.orelse, NULL, LOC(p), P->arena));
    }
    return chk(P, pyrs_ast_AsyncWith(s->v.With.items, s->v.With.body, NULL, LOC(p), P->arena));
}

/* S with its decorator list set. */
PyrsStmt *
pyrs_pb_decorate(PyrsParser *P, PyrsAstSeq *decorators, PyrsStmt *s)
{
    (void)P;
    if (s->kind == PYRS_K_ClassDef) {
        s->v.ClassDef.decorator_list = decorators;
    } else if (s->kind == PYRS_K_AsyncFunctionDef) {
        s->v.AsyncFunctionDef.decorator_list = decorators;
    } else {
        s->v.FunctionDef.decorator_list = decorators;
    }
    return s;
}

/* ---- parameters --------------------------------------------------------------------------- */

/* One parameter item: NAME [: ANN] [= DFLT], / (STAR is the slash), *[NAME], **NAME. */
PyrsPItem *
pyrs_pb_param(PyrsParser *P, PyrsPItemKind kind, const PyrsToken *star, const PyrsToken *name,
              PyrsPE *ann, int starred_ann, PyrsPE *dflt)
{
    PyrsPPos p = star ? pyrs_pb_tpos(star) : pyrs_pb_tpos(name);
    PyrsPItem *it;
    if (name) {
        PyrsPPos ap = ann ? pyrs_pb_span(pyrs_pb_tpos(name), ann->p) : pyrs_pb_tpos(name);
        it = pyrs_pb_item(P, kind, pyrs_pb_span(p, ap));
        it->x = chk(
            P, pyrs_ast_arg(pyrs_pb_ident(P, name), ann ? ann->e : NULL, NULL, LOC(ap), P->arena));
    } else {
        it = pyrs_pb_item(P, kind, p);
    }
    it->t = star;
    it->starred_ann = starred_ann;
    if (dflt) {
        it->b = *dflt;
        it->p = pyrs_pb_span(it->p, dflt->p);
    }
    return it;
}

/* See parse_build.h. */
PyrsAstSeq *
pyrs_pb_params_add(PyrsParser *P, PyrsAstSeq *items, PyrsPItem *it)
{
    if (!items && it->kind == PYRS_PI_SLASH) {
        /* CPython's rule wants "/ ,"; a lone "(/)" is plain invalid syntax at the '/' */
        int comma = P->cur < P->ntoks && P->toks[P->cur].kind == PYRS_TOK_COMMA;
        pyrs_pb_error_tok(P, it->t,
                          comma ? "at least one argument must precede /" : "invalid syntax");
    }
    return pyrs_pb_append(P, items, it);
}

/* The arguments node of a parameter list (ITEMS may be NULL), checked as CPython 3.11. */
PyrsArguments *
pyrs_pb_arguments(PyrsParser *P, PyrsAstSeq *items, int is_lambda)
{
    PyrsAstSeq *posonly = NULL, *args = NULL, *kwonly = NULL, *kwdefaults = NULL;
    PyrsAstSeq *defaults = NULL;
    PyrsArg *vararg = NULL, *kwarg = NULL;
    int seen_slash = 0, seen_star = 0, bare_star = 0, kw_after_star = 0;
    PyrsPItem *star_item = NULL;
    for (long i = 0; i < PYRS_SEQ_LEN(items); i++) {
        PyrsPItem *it = PYRS_SEQ_GET(items, i);
        if (kwarg) {
            pyrs_pb_error_at(P, it->p, "arguments cannot follow var-keyword argument");
            break;
        }
        switch (it->kind) {
        case PYRS_PI_SLASH:
            if (seen_slash) {
                pyrs_pb_error_at(P, it->p, "/ may appear only once");
            } else if (seen_star) {
                pyrs_pb_error_at(P, it->p, "/ must be ahead of *");
            } else if (PYRS_SEQ_LEN(args) == 0) {
                pyrs_pb_error_at(P, it->p, "at least one argument must precede /");
            }
            seen_slash = 1;
            posonly = args;
            args = NULL;
            break;
        case PYRS_PI_VARARG:
            if (seen_star) {
                pyrs_pb_error_tok(P, it->t, "* argument may appear only once");
            }
            seen_star = 1;
            star_item = it;
            vararg = it->x;
            bare_star = it->x == NULL;
            break;
        case PYRS_PI_KWARG:
            kwarg = it->x;
            break;
        default:
            if (seen_star) {
                kw_after_star = 1;
                kwonly = pyrs_pb_append(P, kwonly, it->x);
                kwdefaults = pyrs_pb_append(P, kwdefaults, it->b.e);
            } else {
                if (it->b.e) {
                    defaults = pyrs_pb_append(P, defaults, it->b.e);
                } else if (PYRS_SEQ_LEN(defaults)) {
                    pyrs_pb_error_at(P, it->p, "non-default argument follows default argument");
                }
                args = pyrs_pb_append(P, args, it->x);
            }
            break;
        }
    }
    if (bare_star && !kw_after_star) {
        /* def blames the '*'; lambda the token the failing rule read last. */
        const PyrsToken *at = star_item->t;
        if (is_lambda) {
            at += at[1].kind == PYRS_TOK_COMMA ? 2 : 1;
        }
        pyrs_pb_error_tok(P, at, "named arguments must follow bare *");
    }
    return chk(P, pyrs_ast_arguments(posonly, args, vararg, kwonly, kwdefaults, kwarg, defaults,
                                     P->arena));
}

/* ---- match -------------------------------------------------------------------------------- */

/* The extent of pattern PAT, widened to the parentheses around it if any. */
static PyrsPPos
ppos_(PyrsParser *P, const PyrsPattern *pat)
{
    PyrsPPos r = {pat->lineno, pat->col_offset, pat->end_lineno, pat->end_col_offset};
    for (long i = PYRS_SEQ_LEN(P->pgroups) - 1; i >= 0; i--) {
        PyrsPItem *it = PYRS_SEQ_GET(P->pgroups, i);
        if (it->x == pat) {
            return it->p;
        }
    }
    return r;
}
#define ppos(pat) ppos_(P, (pat))

static int
is_wildcard(const PyrsToken *t)
{
    return t->len == 1 && t->start[0] == '_';
}

/* match SUBJECT: CASES. */
PyrsStmt *
pyrs_pb_match(PyrsParser *P, const PyrsToken *t, PyrsPE subject, PyrsAstSeq *cases)
{
    PyrsMatchCase *last = PYRS_SEQ_GET(cases, cases->n - 1);
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(t), pyrs_pb_last_end(P));
    (void)last;
    return chk(P, pyrs_ast_Match(subject.e, cases, LOC(p), P->arena));
}

/* case PAT [if GUARD]: BODY. */
PyrsMatchCase *
pyrs_pb_case(PyrsParser *P, PyrsPattern *pat, PyrsPE *guard, PyrsAstSeq *body)
{
    return chk(P, pyrs_ast_match_case(pat, guard ? guard->e : NULL, body, P->arena));
}

/* A capture pattern NAME, or the wildcard `_`. */
PyrsPattern *
pyrs_pb_pat_capture(PyrsParser *P, const PyrsToken *name)
{
    PyrsPPos p = pyrs_pb_tpos(name);
    return chk(P, pyrs_ast_MatchAs(NULL, is_wildcard(name) ? NULL : pyrs_pb_ident(P, name), LOC(p),
                                   P->arena));
}

/* A value pattern (literal or dotted name). */
PyrsPattern *
pyrs_pb_pat_value(PyrsParser *P, PyrsPE value)
{
    return chk(P, pyrs_ast_MatchValue(value.e, LOC(value.p), P->arena));
}

/* None / True / False. */
PyrsPattern *
pyrs_pb_pat_singleton(PyrsParser *P, const PyrsToken *t)
{
    PyrsPE c = pyrs_pb_singleton(P, t);
    return chk(P, pyrs_ast_MatchSingleton(c.e->v.Constant.value, LOC(c.p), P->arena));
}

/* PAT as NAME. */
PyrsPattern *
pyrs_pb_pat_as(PyrsParser *P, PyrsPattern *pat, const PyrsToken *name)
{
    PyrsPPos p = pyrs_pb_span(ppos(pat), pyrs_pb_tpos(name));
    if (is_wildcard(name)) {
        pyrs_pb_error_tok(P, name, "cannot use '_' as a target");
    }
    return chk(P, pyrs_ast_MatchAs(pat, pyrs_pb_ident(P, name), LOC(p), P->arena));
}

/* ALTS[0] | ALTS[1] | ... (a single alternative stands alone). */
PyrsPattern *
pyrs_pb_pat_or(PyrsParser *P, PyrsAstSeq *alts)
{
    PyrsPPos p;
    if (alts->n == 1) {
        return PYRS_SEQ_GET(alts, 0);
    }
    p = pyrs_pb_span(ppos(PYRS_SEQ_GET(alts, 0)), ppos(PYRS_SEQ_GET(alts, alts->n - 1)));
    return chk(P, pyrs_ast_MatchOr(alts, LOC(p), P->arena));
}

/* *NAME in a sequence pattern (*_ binds nothing). */
PyrsPattern *
pyrs_pb_pat_star(PyrsParser *P, const PyrsToken *star, const PyrsToken *name)
{
    PyrsPPos p = pyrs_pb_span(pyrs_pb_tpos(star), pyrs_pb_tpos(name));
    return chk(
        P, pyrs_ast_MatchStar(is_wildcard(name) ? NULL : pyrs_pb_ident(P, name), LOC(p), P->arena));
}

/* An open sequence pattern's items and extent (TRAIL: a trailing comma or NULL). */
PyrsPItem *
pyrs_pb_pats(PyrsParser *P, PyrsAstSeq *pats, const PyrsToken *trail)
{
    PyrsPPos p = pyrs_pb_span(ppos(PYRS_SEQ_GET(pats, 0)),
                              trail ? pyrs_pb_tpos(trail) : ppos(PYRS_SEQ_GET(pats, pats->n - 1)));
    PyrsPItem *it = pyrs_pb_item(P, PYRS_PI_PATTERN, p);
    it->s1 = pats;
    return it;
}

/* A sequence pattern spanning P. */
PyrsPattern *
pyrs_pb_pat_seq(PyrsParser *P, PyrsAstSeq *pats, PyrsPPos p)
{
    return chk(P, pyrs_ast_MatchSequence(pats, LOC(p), P->arena));
}

/* (PAT): the pattern itself, but patterns built around it span the parentheses LP..RP. */
PyrsPattern *
pyrs_pb_pat_group(PyrsParser *P, const PyrsToken *lp, PyrsPattern *pat, const PyrsToken *rp)
{
    PyrsPItem *it =
        pyrs_pb_item(P, PYRS_PI_PATTERN, pyrs_pb_span(pyrs_pb_tpos(lp), pyrs_pb_tpos(rp)));
    it->x = pat;
    P->pgroups = pyrs_pb_append(P, P->pgroups, it);
    return pat;
}

/* One mapping pattern item KEY: PAT, or **REST. */
PyrsPItem *
pyrs_pb_map_item(PyrsParser *P, PyrsPE key, PyrsPattern *pat, const PyrsToken *rest)
{
    PyrsPItem *it = pyrs_pb_item(P, rest ? PYRS_PI_MAPREST : PYRS_PI_MAPPAT, key.p);
    if (rest && is_wildcard(rest)) {
        pyrs_pb_error_tok(P, rest, "invalid syntax");
    }
    it->a = key;
    it->x = pat;
    it->t = rest;
    return it;
}

/* {ITEMS} as a mapping pattern spanning P. */
PyrsPattern *
pyrs_pb_pat_mapping(PyrsParser *P, PyrsAstSeq *items, PyrsPPos p)
{
    PyrsAstSeq *keys = NULL, *pats = NULL;
    const char *rest = NULL;
    for (long i = 0; i < PYRS_SEQ_LEN(items); i++) {
        PyrsPItem *it = PYRS_SEQ_GET(items, i);
        if (rest) {
            pyrs_pb_error_at(P, it->p, "invalid syntax");
        }
        if (it->kind == PYRS_PI_MAPREST) {
            rest = pyrs_pb_ident(P, it->t);
        } else {
            keys = pyrs_pb_append(P, keys, it->a.e);
            pats = pyrs_pb_append(P, pats, it->x);
        }
    }
    return chk(P, pyrs_ast_MatchMapping(keys, pats, rest, LOC(p), P->arena));
}

/* One class pattern argument [NAME=]PAT. */
PyrsPItem *
pyrs_pb_cls_arg(PyrsParser *P, const PyrsToken *name, PyrsPattern *pat)
{
    PyrsPPos p = name ? pyrs_pb_span(pyrs_pb_tpos(name), ppos(pat)) : ppos(pat);
    PyrsPItem *it = pyrs_pb_item(P, name ? PYRS_PI_KWPAT : PYRS_PI_PATTERN, p);
    it->t = name;
    it->x = pat;
    return it;
}

/* ARGS of a class pattern extended by ARG; a positional pattern after a keyword pattern is
 * reported as soon as it is read, as CPython does. */
PyrsAstSeq *
pyrs_pb_cls_args_add(PyrsParser *P, PyrsAstSeq *args, PyrsPItem *arg)
{
    PyrsPItem *prev = PYRS_SEQ_GET(args, args->n - 1);
    if (arg->kind == PYRS_PI_PATTERN && prev->kind == PYRS_PI_KWPAT) {
        pyrs_pb_error_at(P, arg->p, "positional patterns follow keyword patterns");
    }
    return pyrs_pb_append(P, args, arg);
}

/* CLS(ITEMS) spanning P. */
PyrsPattern *
pyrs_pb_pat_class(PyrsParser *P, PyrsPE cls, PyrsAstSeq *items, PyrsPPos p)
{
    PyrsAstSeq *pats = NULL, *names = NULL, *kwpats = NULL;
    for (long i = 0; i < PYRS_SEQ_LEN(items); i++) {
        PyrsPItem *it = PYRS_SEQ_GET(items, i);
        if (it->kind == PYRS_PI_KWPAT) {
            names = pyrs_pb_append(P, names, pyrs_pb_ident(P, it->t));
            kwpats = pyrs_pb_append(P, kwpats, it->x);
        } else {
            if (names) {
                pyrs_pb_error_at(P, it->p, "positional patterns follow keyword patterns");
            }
            pats = pyrs_pb_append(P, pats, it->x);
        }
    }
    return chk(P, pyrs_ast_MatchClass(cls.e, pats, names, kwpats, LOC(p), P->arena));
}

static int
is_imag(const PyrsExpr *e)
{
    return e->kind == PYRS_K_Constant && e->v.Constant.value->kind == PYRS_CONST_COMPLEX;
}

/* REAL +/- IMAG in a literal pattern. */
PyrsPE
pyrs_pb_complex_lit(PyrsParser *P, PyrsPE real, int op, PyrsPE imag)
{
    const PyrsExpr *r = real.e->kind == PYRS_K_UnaryOp ? real.e->v.UnaryOp.operand : real.e;
    if (is_imag(r)) {
        PyrsPPos p = {r->lineno, r->col_offset, r->end_lineno, r->end_col_offset};
        pyrs_pb_error_at(P, p, "real number required in complex literal");
    } else if (imag.e->kind != PYRS_K_Constant || !is_imag(imag.e)) {
        pyrs_pb_error_at(P, imag.p, "imaginary number required in complex literal");
    }
    return pyrs_pb_binop(P, real, op, imag);
}

/* -NUM in a literal pattern. */
PyrsPE
pyrs_pb_neg_number(PyrsParser *P, const PyrsToken *minus, PyrsPE num)
{
    return pyrs_pb_unary(P, minus, PYRS_UNARY_USUB, num);
}
