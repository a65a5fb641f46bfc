/* symtable.c: one walk over the AST collecting how each scope binds and uses names, then a
 * resolution pass deciding local / cell / free / global for each, following CPython 3.11
 * (comprehensions are function scopes; class bodies are invisible to nested functions except
 * for the implicit __class__ cell used by zero-argument super()). */
#include "symtable.h"

typedef struct {
    PyrsSymtable *st; /* the table being built */
    PyrsScope *cur;   /* the scope being walked */
    PyObject *filename;
    int in_comp_iter;        /* > 0 while walking a comprehension's iterable expression */
    PyrsScope *comp_target;  /* the comprehension whose target is being walked, or NULL */
    PyrsExpr *yield_outside; /* the first yield outside a function, reported after the walk */
    int skip_annotations;    /* from __future__ import annotations, in the _symtable view */
} Walker;

static int visit(void *ctx, PyrsAstNodeType type, void *node);

/* ---- private name mangling ---------------------------------------------------------------- */

const char *
pyrs_sym_mangle(PyrsSymtable *st, const char *priv, const char *name)
{
    size_t n = name != NULL ? strlen(name) : 0;
    if (priv == NULL || n < 3 || name[0] != '_' || name[1] != '_' ||
        (name[n - 1] == '_' && name[n - 2] == '_') || strchr(name, '.') != NULL) {
        return name;
    }
    while (*priv == '_') {
        priv++;
    }
    if (*priv == '\0') {
        return name; /* a class named only with underscores mangles nothing */
    }
    PyObject *m = PyUnicode_FromFormat("_%s%s", priv, name);
    if (m == NULL || PyList_Append(st->mangled, m) < 0) {
        Py_XDECREF(m);
        return NULL;
    }
    Py_DECREF(m); /* st->mangled keeps it (and its UTF-8) alive */
    return PyUnicode_AsUTF8(m);
}

/* The mangling pass: rewrites in place every identifier CPython mangles inside a class (names,
 * attributes, parameters, global/nonlocal, import aliases, except/match captures). Definition
 * names are left alone (they keep their __name__) and mangled where they are bound. */
typedef struct {
    PyrsSymtable *st;
    const char *priv; /* the innermost enclosing class's name, or NULL */
} Mangler;

static int mangle_node(void *ctx, PyrsAstNodeType type, void *node);

/* *NAME mangled in place; 0, or -1 with an exception. */
static int
mangle_ident(Mangler *m, const char **name)
{
    const char *r = pyrs_sym_mangle(m->st, m->priv, *name);
    if (r == NULL) {
        return -1;
    }
    *name = r;
    return 0;
}

static int
mangle_stmt(Mangler *m, PyrsStmt *s)
{
    if (s->kind == PYRS_K_ClassDef) {
        struct PyrsAst_ClassDef *d = &s->v.ClassDef;
        Mangler inner = {m->st, d->name};
        for (long i = 0; i < PYRS_SEQ_LEN(d->decorator_list); i++) {
            if (mangle_node(m, PYRS_NT_EXPR, PYRS_SEQ_GET(d->decorator_list, i)) < 0) {
                return -1;
            }
        }
        for (long i = 0; i < PYRS_SEQ_LEN(d->bases); i++) {
            if (mangle_node(m, PYRS_NT_EXPR, PYRS_SEQ_GET(d->bases, i)) < 0) {
                return -1;
            }
        }
        for (long i = 0; i < PYRS_SEQ_LEN(d->keywords); i++) {
            if (mangle_node(m, PYRS_NT_keyword, PYRS_SEQ_GET(d->keywords, i)) < 0) {
                return -1;
            }
        }
        for (long i = 0; i < PYRS_SEQ_LEN(d->body); i++) {
            if (mangle_node(&inner, PYRS_NT_STMT, PYRS_SEQ_GET(d->body, i)) < 0) {
                return -1;
            }
        }
        return 0;
    }
    if (m->priv != NULL && (s->kind == PYRS_K_Global || s->kind == PYRS_K_Nonlocal)) {
        PyrsAstSeq *names = s->kind == PYRS_K_Global ? s->v.Global.names : s->v.Nonlocal.names;
        for (long i = 0; i < PYRS_SEQ_LEN(names); i++) {
            const char *id = PYRS_SEQ_GET(names, i);
            if (mangle_ident(m, &id) < 0) {
                return -1;
            }
            PYRS_SEQ_SET(names, i, id);
        }
    }
    return pyrs_ast_children(PYRS_NT_STMT, s, mangle_node, m);
}

static int
mangle_node(void *ctx, PyrsAstNodeType type, void *node)
{
    Mangler *m = ctx;
    int r = 0;
    if (type == PYRS_NT_STMT) {
        return mangle_stmt(m, node);
    }
    if (m->priv != NULL) {
        if (type == PYRS_NT_EXPR && ((PyrsExpr *)node)->kind == PYRS_K_Name) {
            r = mangle_ident(m, &((PyrsExpr *)node)->v.Name.id);
        } else if (type == PYRS_NT_EXPR && ((PyrsExpr *)node)->kind == PYRS_K_Attribute) {
            r = mangle_ident(m, &((PyrsExpr *)node)->v.Attribute.attr);
        } else if (type == PYRS_NT_arg) {
            r = mangle_ident(m, &((PyrsArg *)node)->arg);
        } else if (type == PYRS_NT_alias) {
            PyrsAlias *a = node;
            r = a->asname != NULL ? mangle_ident(m, &a->asname) : mangle_ident(m, &a->name);
        } else if (type == PYRS_NT_HANDLER && ((PyrsExceptHandler *)node)->v.ExceptHandler.name) {
            r = mangle_ident(m, &((PyrsExceptHandler *)node)->v.ExceptHandler.name);
        } else if (type == PYRS_NT_PATTERN) {
            PyrsPattern *p = node;
            const char **bound = p->kind == PYRS_K_MatchAs        ? &p->v.MatchAs.name
                                 : p->kind == PYRS_K_MatchStar    ? &p->v.MatchStar.name
                                 : p->kind == PYRS_K_MatchMapping ? &p->v.MatchMapping.rest
                                                                  : NULL;
            if (bound != NULL && *bound != NULL) {
                r = mangle_ident(m, bound);
            }
        }
    }
    return r < 0 ? -1 : pyrs_ast_children(type, node, mangle_node, m);
}

/* ---- scopes and symbols ------------------------------------------------------------------- */

static PyrsScope *
scope_new(Walker *w, PyrsBlockKind kind, const void *node, const char *name)
{
    PyrsSymtable *st = w->st;
    PyrsScope *s = PyMem_Calloc(1, sizeof(PyrsScope));
    if (s == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    s->kind = kind;
    s->node = node;
    s->name = name;
    s->parent = w->cur;
    s->private_name = kind == PYRS_BLOCK_CLASS ? name : w->cur ? w->cur->private_name : NULL;
    s->symbols = PyDict_New();
    s->scopes = PyDict_New();
    s->varnames = PyList_New(0);
    s->cellvars = PyList_New(0);
    s->freevars = PyList_New(0);
    if (st->nall == st->capall) {
        Py_ssize_t cap = st->capall ? st->capall * 2 : 16;
        PyrsScope **all = PyMem_Realloc(st->all, (size_t)cap * sizeof(PyrsScope *));
        if (all == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        st->all = all;
        st->capall = cap;
    }
    st->all[st->nall++] = s;
    if (s->symbols == NULL || s->scopes == NULL || s->varnames == NULL || s->cellvars == NULL ||
        s->freevars == NULL) {
        return NULL;
    }
    if (w->cur != NULL) {
        s->next = w->cur->child;
        w->cur->child = s;
        s->is_nested = w->cur->kind == PYRS_BLOCK_FUNCTION || w->cur->is_nested;
    }
    PyObject *key = PyLong_FromVoidPtr((void *)node);
    PyObject *idx = PyLong_FromSsize_t(st->nall - 1);
    int r = key && idx ? PyDict_SetItem(st->by_node, key, idx) : -1;
    Py_XDECREF(key);
    Py_XDECREF(idx);
    return r < 0 ? NULL : s;
}

static int
add_flags(PyrsScope *s, const char *name, long flags)
{
    PyObject *key = PyUnicode_InternFromString(name);
    if (key == NULL) {
        return -1;
    }
    PyObject *old = PyDict_GetItemWithError(s->symbols, key);
    long cur = old != NULL ? PyLong_AsLong(old) : 0;
    PyObject *v = PyLong_FromLong(cur | flags);
    int r = v != NULL ? PyDict_SetItem(s->symbols, key, v) : -1;
    if (r == 0 && (flags & SYM_PARAM) && !(cur & SYM_PARAM)) {
        r = PyList_Append(s->varnames, key);
    }
    Py_XDECREF(v);
    Py_DECREF(key);
    return r;
}

static long
get_flags(PyrsScope *s, PyObject *name)
{
    PyObject *v = PyDict_GetItemWithError(s->symbols, name);
    return v != NULL ? PyLong_AsLong(v) : 0;
}

int
pyrs_sym_syntax_error(PyObject *filename, int lineno, int col, PyObject *msg)
{
    PyObject *loc = PyTuple_New(6);
    PyObject *args = PyTuple_New(2);
    if (loc == NULL || args == NULL) {
        Py_XDECREF(loc);
        Py_XDECREF(args);
        return -1;
    }
    PyTuple_SET_ITEM(loc, 0, Py_NewRef(filename));
    PyTuple_SET_ITEM(loc, 1, PyLong_FromLong(lineno));
    PyTuple_SET_ITEM(loc, 2, PyLong_FromLong(col + 1));
    PyTuple_SET_ITEM(loc, 3, Py_NewRef(Py_None));
    PyTuple_SET_ITEM(loc, 4, PyLong_FromLong(lineno));
    PyTuple_SET_ITEM(loc, 5, PyLong_FromLong(col + 1));
    PyTuple_SET_ITEM(args, 0, Py_NewRef(msg));
    PyTuple_SET_ITEM(args, 1, loc);
    if (!PyErr_Occurred()) {
        PyErr_SetObject(PyExc_SyntaxError, args);
    }
    Py_DECREF(args);
    return -1;
}

/* ---- the walk ----------------------------------------------------------------------------- */

static int
visit_seq(Walker *w, PyrsAstSeq *seq, PyrsAstNodeType type)
{
    for (long i = 0; i < PYRS_SEQ_LEN(seq); i++) {
        void *item = PYRS_SEQ_GET(seq, i);
        if (item != NULL && visit(w, type, item) < 0) {
            return -1;
        }
    }
    return 0;
}

/* SyntaxError FMT % NAME spanning the given 0-based columns (CPython's ranged location for
 * symtable errors). Always -1. */
static int
ranged_error(Walker *w, int lineno, int col, int end_lineno, int end_col, const char *fmt,
             const char *name)
{
    PyObject *msg = PyUnicode_FromFormat(fmt, name);
    if (msg == NULL) {
        return -1;
    }
    pyrs_sym_syntax_error(w->filename, lineno, col, msg);
    Py_DECREF(msg);
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (v != NULL && PyObject_TypeCheck(v, (PyTypeObject *)PyExc_SyntaxError)) {
        PySyntaxErrorObject *se = (PySyntaxErrorObject *)v;
        Py_XSETREF(se->end_lineno, PyLong_FromLong(end_lineno));
        Py_XSETREF(se->end_offset, PyLong_FromLong(end_col + 1));
    }
    PyErr_Restore(t, v, tb);
    return -1;
}

/* ARG unless an earlier parameter (in SEEN, a set) has its name: then SyntaxError "duplicate
 * argument" at ARG's extent, as CPython's symtable reports it. 0, or -1. */
static int
check_param(Walker *w, PyObject *seen, PyrsArg *arg)
{
    PyObject *key = PyUnicode_FromString(arg->arg);
    int dup = key != NULL ? PySet_Contains(seen, key) : -1;
    if (dup == 0) {
        dup = PySet_Add(seen, key);
    } else if (dup > 0) {
        ranged_error(w, arg->lineno, arg->col_offset, arg->end_lineno, arg->end_col_offset,
                     "duplicate argument '%s' in function definition", arg->arg);
        dup = -1;
    }
    Py_XDECREF(key);
    return dup;
}

/* SyntaxError for a parameter name given twice in A (any kind, in CPython's order). */
static int
check_duplicate_params(Walker *w, PyrsArguments *a)
{
    PyrsAstSeq *seqs[3] = {a->posonlyargs, a->args, a->kwonlyargs};
    PyObject *seen = PySet_New(NULL);
    int r = seen != NULL ? 0 : -1;
    for (int k = 0; r == 0 && k < 3; k++) {
        for (long i = 0; r == 0 && i < PYRS_SEQ_LEN(seqs[k]); i++) {
            r = check_param(w, seen, PYRS_SEQ_GET(seqs[k], i));
        }
    }
    if (r == 0 && a->vararg != NULL) {
        r = check_param(w, seen, a->vararg);
    }
    if (r == 0 && a->kwarg != NULL) {
        r = check_param(w, seen, a->kwarg);
    }
    Py_XDECREF(seen);
    return r;
}

static int
add_params(Walker *w, PyrsScope *s, PyrsArguments *a)
{
    if (check_duplicate_params(w, a) < 0) {
        return -1;
    }
    (void)w;
    for (long i = 0; i < PYRS_SEQ_LEN(a->posonlyargs); i++) {
        if (add_flags(s, ((PyrsArg *)PYRS_SEQ_GET(a->posonlyargs, i))->arg, SYM_PARAM) < 0) {
            return -1;
        }
    }
    for (long i = 0; i < PYRS_SEQ_LEN(a->args); i++) {
        if (add_flags(s, ((PyrsArg *)PYRS_SEQ_GET(a->args, i))->arg, SYM_PARAM) < 0) {
            return -1;
        }
    }
    for (long i = 0; i < PYRS_SEQ_LEN(a->kwonlyargs); i++) {
        if (add_flags(s, ((PyrsArg *)PYRS_SEQ_GET(a->kwonlyargs, i))->arg, SYM_PARAM) < 0) {
            return -1;
        }
    }
    if (a->vararg && add_flags(s, a->vararg->arg, SYM_PARAM) < 0) {
        return -1;
    }
    if (a->kwarg && add_flags(s, a->kwarg->arg, SYM_PARAM) < 0) {
        return -1;
    }
    s->posonlyargcount = (int)PYRS_SEQ_LEN(a->posonlyargs);
    s->argcount = s->posonlyargcount + (int)PYRS_SEQ_LEN(a->args);
    s->kwonlyargcount = (int)PYRS_SEQ_LEN(a->kwonlyargs);
    s->has_varargs = a->vararg != NULL;
    s->has_varkw = a->kwarg != NULL;
    return 0;
}

/* An annotation (NULL: none), walked unless the _symtable view has annotations postponed:
 * CPython then walks them in blocks the table does not show. */
static int
visit_annotation(Walker *w, PyrsExpr *annotation)
{
    return annotation == NULL || w->skip_annotations ? 0 : visit(w, PYRS_NT_EXPR, annotation);
}

static int
visit_arg_annotations(Walker *w, PyrsAstSeq *args)
{
    for (long i = 0; i < PYRS_SEQ_LEN(args); i++) {
        if (visit_annotation(w, ((PyrsArg *)PYRS_SEQ_GET(args, i))->annotation) < 0) {
            return -1;
        }
    }
    return 0;
}

/* Defaults and annotations are evaluated in the enclosing scope (CPython's order: defaults,
 * keyword defaults, then annotations of positional-only, positional, *args, **kwargs and
 * keyword-only parameters). */
static int
visit_arguments_outside(Walker *w, PyrsArguments *a)
{
    if (visit_seq(w, a->defaults, PYRS_NT_EXPR) < 0 ||
        visit_seq(w, a->kw_defaults, PYRS_NT_EXPR) < 0 ||
        visit_arg_annotations(w, a->posonlyargs) < 0 || visit_arg_annotations(w, a->args) < 0) {
        return -1;
    }
    if ((a->vararg && visit_annotation(w, a->vararg->annotation) < 0) ||
        (a->kwarg && visit_annotation(w, a->kwarg->annotation) < 0)) {
        return -1;
    }
    return visit_arg_annotations(w, a->kwonlyargs);
}

/* The function scope of NODE: its parameters, then BODY (or LAMBDA_BODY) walked inside it. */
static int
enter_function(Walker *w, const void *node, const char *name, PyrsArguments *args, PyrsAstSeq *body,
               PyrsExpr *lambda_body)
{
    PyrsScope *outer = w->cur;
    PyrsScope *s = scope_new(w, PYRS_BLOCK_FUNCTION, node, name);
    if (s == NULL || add_params(w, s, args) < 0) {
        return -1;
    }
    w->cur = s;
    int r = lambda_body ? visit(w, PYRS_NT_EXPR, lambda_body) : visit_seq(w, body, PYRS_NT_STMT);
    w->cur = outer;
    return r;
}

static int
visit_function(Walker *w, const void *node, const char *name, PyrsArguments *args, PyrsAstSeq *body,
               PyrsExpr *lambda_body)
{
    if (visit_arguments_outside(w, args) < 0) {
        return -1;
    }
    return enter_function(w, node, name, args, body, lambda_body);
}

/* A comprehension: the first iterable in the enclosing scope, the rest in a new function
 * scope whose only parameter is ".0" (the iterator). */
static int
visit_comprehension(Walker *w, PyrsExpr *e, const char *name, PyrsAstSeq *gens, PyrsExpr *elt,
                    PyrsExpr *value)
{
    PyrsComprehension *first = PYRS_SEQ_GET(gens, 0);
    w->in_comp_iter++;
    int ri = visit(w, PYRS_NT_EXPR, first->iter);
    w->in_comp_iter--;
    if (ri < 0) {
        return -1;
    }
    PyrsScope *outer = w->cur;
    PyrsScope *s = scope_new(w, PYRS_BLOCK_FUNCTION, e, name);
    if (s == NULL || add_flags(s, ".0", SYM_PARAM) < 0) {
        return -1;
    }
    s->is_comprehension = 1;
    s->argcount = 1;
    w->cur = s;
    int r = 0;
    for (long i = 0; r == 0 && i < PYRS_SEQ_LEN(gens); i++) {
        PyrsComprehension *g = PYRS_SEQ_GET(gens, i);
        if (g->is_async) {
            s->is_coroutine = 1;
        }
        /* every name in the target is an iteration variable, as in CPython (even the
         * `t` of `for t[0] in ...`) */
        w->comp_target = s;
        r = visit(w, PYRS_NT_EXPR, g->target);
        w->comp_target = NULL;
        if (r == 0 && i > 0) {
            w->in_comp_iter++;
            r = visit(w, PYRS_NT_EXPR, g->iter);
            w->in_comp_iter--;
        }
        if (r == 0) {
            r = visit_seq(w, g->ifs, PYRS_NT_EXPR);
        }
    }
    /* a dict comprehension's value is walked before its key, as CPython does */
    if (r == 0 && value != NULL) {
        r = visit(w, PYRS_NT_EXPR, value);
    }
    if (r == 0) {
        r = visit(w, PYRS_NT_EXPR, elt);
    }
    w->cur = outer;
    /* An async list/set/dict comprehension is awaited where it is built, so an enclosing
     * comprehension becomes asynchronous too (3.11 allows them nested in sync ones). */
    if (s->is_coroutine && strcmp(name, "<genexpr>") != 0 && outer->is_comprehension) {
        outer->is_coroutine = 1;
    }
    return r;
}

/* A generator expression: a comprehension scope whose code is a generator. */
static int
visit_genexp(Walker *w, PyrsExpr *e)
{
    if (visit_comprehension(w, e, "<genexpr>", e->v.GeneratorExp.generators, e->v.GeneratorExp.elt,
                            NULL) < 0) {
        return -1;
    }
    PyrsScope *s = pyrs_sym_lookup(w->st, e);
    if (s == NULL) {
        return -1;
    }
    s->is_generator = 1;
    return 0;
}

/* yield / yield from make the enclosing function a generator; outside one they are errors. */
static int
visit_yield(Walker *w, PyrsExpr *e)
{
    const char *what = NULL;
    if (w->cur->is_comprehension) {
        const char *n = w->cur->name;
        what = strcmp(n, "<listcomp>") == 0   ? "'yield' inside list comprehension"
               : strcmp(n, "<setcomp>") == 0  ? "'yield' inside set comprehension"
               : strcmp(n, "<dictcomp>") == 0 ? "'yield' inside dict comprehension"
                                              : "'yield' inside generator expression";
    } else if (w->cur->kind != PYRS_BLOCK_FUNCTION) {
        /* CPython's compiler, not its symtable, rejects this: after every symtable error */
        if (w->yield_outside == NULL) {
            w->yield_outside = e;
        }
        return pyrs_ast_children(PYRS_NT_EXPR, e, visit, w);
    }
    if (what != NULL) {
        return ranged_error(w, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset, "%s",
                            what);
    }
    w->cur->is_generator = 1;
    return pyrs_ast_children(PYRS_NT_EXPR, e, visit, w);
}

/* Whether NAME, about to become an iteration variable of the current comprehension, is
 * already a walrus target there (CPython forbids the rebinding). */
static int
comp_iter_conflict(Walker *w, const char *name)
{
    PyObject *key = PyUnicode_FromString(name);
    long cur = key != NULL ? get_flags(w->cur, key) : 0;
    Py_XDECREF(key);
    return (cur & (SYM_GLOBAL | SYM_NONLOCAL)) != 0;
}

static int
visit_name(Walker *w, PyrsExpr *e)
{
    const char *id = e->v.Name.id;
    long iter = w->comp_target == w->cur ? SYM_COMPITER : 0;
    if (iter != 0 && comp_iter_conflict(w, id)) {
        return ranged_error(w, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset,
                            "comprehension inner loop cannot rebind assignment expression "
                            "target '%s'",
                            id);
    }
    if (e->v.Name.ctx == PYRS_CTX_LOAD) {
        if (add_flags(w->cur, id, SYM_USED | iter) < 0) {
            return -1;
        }
        /* super() uses __class__, recorded after super itself as CPython does */
        return w->cur->kind == PYRS_BLOCK_FUNCTION && strcmp(id, "super") == 0
                   ? add_flags(w->cur, "__class__", SYM_USED)
                   : 0;
    }
    return add_flags(w->cur, id, SYM_ASSIGNED | iter);
}

/* A walrus inside comprehension S binds in the nearest enclosing scope that is not a
 * comprehension, with CPython's flags: S gets nonlocal (global when that function declares
 * the name global, or at module level), the function gets the binding, a module gets global.
 * SyntaxError for rebinding an iteration variable or a class body as the target. */
static int
extend_named_expr_scope(Walker *w, PyrsExpr *e, PyrsScope *s)
{
    const char *id = e->v.NamedExpr.target->v.Name.id;
    PyObject *key = PyUnicode_FromString(id);
    if (key == NULL) {
        return -1;
    }
    PyrsScope *p = s;
    for (; p != NULL && p->is_comprehension; p = p->parent) {
        if (get_flags(p, key) & SYM_COMPITER) {
            Py_DECREF(key);
            return ranged_error(w, e->lineno, e->col_offset, e->v.NamedExpr.target->end_lineno,
                                e->v.NamedExpr.target->end_col_offset,
                                "assignment expression cannot rebind comprehension iteration "
                                "variable '%s'",
                                id);
        }
        if (p->parent != NULL && !p->parent->is_comprehension &&
            p->parent->kind == PYRS_BLOCK_CLASS) {
            Py_DECREF(key);
            return ranged_error(w, e->lineno, e->col_offset, e->v.NamedExpr.target->end_lineno,
                                e->v.NamedExpr.target->end_col_offset,
                                "assignment expression within a comprehension cannot be used in "
                                "a class body%s",
                                "");
        }
    }
    long outer = get_flags(p, key);
    Py_DECREF(key);
    if (p->kind == PYRS_BLOCK_MODULE) {
        return add_flags(s, id, SYM_GLOBAL) < 0 ? -1 : add_flags(p, id, SYM_GLOBAL);
    }
    long flag = outer & SYM_GLOBAL ? SYM_GLOBAL : SYM_NONLOCAL;
    return add_flags(s, id, flag) < 0 ? -1 : add_flags(p, id, SYM_ASSIGNED);
}

static int
visit_named_expr(Walker *w, PyrsExpr *e)
{
    if (w->in_comp_iter > 0) {
        return ranged_error(w, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset,
                            "assignment expression cannot be used in a comprehension iterable "
                            "expression%s",
                            "");
    }
    if (w->cur->is_comprehension && extend_named_expr_scope(w, e, w->cur) < 0) {
        return -1;
    }
    if (visit(w, PYRS_NT_EXPR, e->v.NamedExpr.value) < 0) {
        return -1;
    }
    return add_flags(w->cur, e->v.NamedExpr.target->v.Name.id, SYM_ASSIGNED);
}

static int
visit_expr(Walker *w, PyrsExpr *e)
{
    switch (e->kind) {
    case PYRS_K_Name:
        return visit_name(w, e);
    case PYRS_K_Lambda:
        return visit_function(w, e, "<lambda>", e->v.Lambda.args, NULL, e->v.Lambda.body);
    case PYRS_K_ListComp:
        return visit_comprehension(w, e, "<listcomp>", e->v.ListComp.generators, e->v.ListComp.elt,
                                   NULL);
    case PYRS_K_SetComp:
        return visit_comprehension(w, e, "<setcomp>", e->v.SetComp.generators, e->v.SetComp.elt,
                                   NULL);
    case PYRS_K_GeneratorExp:
        return visit_genexp(w, e);
    case PYRS_K_Yield:
    case PYRS_K_YieldFrom:
        return visit_yield(w, e);
    case PYRS_K_DictComp:
        return visit_comprehension(w, e, "<dictcomp>", e->v.DictComp.generators, e->v.DictComp.key,
                                   e->v.DictComp.value);
    case PYRS_K_NamedExpr:
        return visit_named_expr(w, e);
    case PYRS_K_Await:
        /* await inside a comprehension makes the comprehension's code a coroutine */
        if (w->cur->is_comprehension) {
            w->cur->is_coroutine = 1;
        }
        return pyrs_ast_children(PYRS_NT_EXPR, e, visit, w);
    default:
        return pyrs_ast_children(PYRS_NT_EXPR, e, visit, w);
    }
}

static int
visit_alias_names(Walker *w, PyrsAstSeq *names, int from)
{
    for (long i = 0; i < PYRS_SEQ_LEN(names); i++) {
        PyrsAlias *a = PYRS_SEQ_GET(names, i);
        if (a->asname != NULL) {
            if (add_flags(w->cur, a->asname, SYM_IMPORT) < 0) {
                return -1;
            }
            continue;
        }
        if (strcmp(a->name, "*") == 0) {
            if (w->cur->kind != PYRS_BLOCK_MODULE) {
                return ranged_error(w, a->lineno, a->col_offset, a->end_lineno, a->end_col_offset,
                                    "import * only allowed at module level%s", "");
            }
            continue;
        }
        const char *dot = from ? NULL : strchr(a->name, '.');
        char buf[256];
        const char *bound = a->name;
        if (dot != NULL) {
            size_t n =
                (size_t)(dot - a->name) < sizeof buf - 1 ? (size_t)(dot - a->name) : sizeof buf - 1;
            memcpy(buf, a->name, n);
            buf[n] = '\0';
            bound = buf;
        }
        if (add_flags(w->cur, bound, SYM_IMPORT) < 0) {
            return -1;
        }
    }
    return 0;
}

/* Search state of first_directive. */
typedef struct {
    const char *name; /* the declared name */
    PyrsStmt *found;  /* the first global/nonlocal statement naming it, or NULL */
} DirectiveSearch;

/* Visitor over the statements of one scope (expressions and nested def/class bodies are
 * skipped) looking for the first global/nonlocal statement naming the searched name. */
static int
find_directive(void *ctx, PyrsAstNodeType type, void *node)
{
    DirectiveSearch *d = ctx;
    if (d->found != NULL || type == PYRS_NT_EXPR || type == PYRS_NT_PATTERN) {
        return 0;
    }
    PyrsStmt *s = node;
    if (type == PYRS_NT_STMT && (s->kind == PYRS_K_Global || s->kind == PYRS_K_Nonlocal)) {
        PyrsAstSeq *names = s->kind == PYRS_K_Global ? s->v.Global.names : s->v.Nonlocal.names;
        for (long i = 0; i < PYRS_SEQ_LEN(names) && d->found == NULL; i++) {
            if (strcmp((const char *)PYRS_SEQ_GET(names, i), d->name) == 0) {
                d->found = s;
            }
        }
        return 0;
    }
    if (type == PYRS_NT_STMT &&
        (s->kind == PYRS_K_FunctionDef || s->kind == PYRS_K_AsyncFunctionDef ||
         s->kind == PYRS_K_ClassDef)) {
        return 0;
    }
    return pyrs_ast_children(type, node, find_directive, ctx);
}

/* The first global/nonlocal statement of scope SC declaring NAME, or NULL. */
static PyrsStmt *
first_directive(PyrsScope *sc, const char *name)
{
    DirectiveSearch d = {name, NULL};
    PyrsAstNodeType type = sc->kind == PYRS_BLOCK_MODULE ? PYRS_NT_MOD : PYRS_NT_STMT;
    if (pyrs_ast_children(type, sc->node, find_directive, &d) < 0) {
        PyErr_Clear();
    }
    return d.found;
}

static int
declare(Walker *w, PyrsStmt *s, PyrsAstSeq *names, long flag)
{
    for (long i = 0; i < PYRS_SEQ_LEN(names); i++) {
        const char *name = PYRS_SEQ_GET(names, i);
        PyObject *key = PyUnicode_FromString(name);
        if (key == NULL) {
            return -1;
        }
        long cur = get_flags(w->cur, key);
        Py_DECREF(key);
        const char *what = flag == SYM_GLOBAL ? "global" : "nonlocal";
        if (cur & SYM_PARAM) {
            return ranged_error(w, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset,
                                flag == SYM_GLOBAL ? "name '%s' is parameter and global"
                                                   : "name '%s' is parameter and nonlocal",
                                name);
        }
        if (cur & (SYM_ASSIGNED | SYM_USED | SYM_ANNOT)) { /* CPython's order of messages */
            char fmt[96];
            if (cur & SYM_USED) {
                snprintf(fmt, sizeof fmt, "name '%%s' is used prior to %s declaration", what);
            } else if (cur & SYM_ANNOT) {
                snprintf(fmt, sizeof fmt, "annotated name '%%s' can't be %s", what);
            } else {
                snprintf(fmt, sizeof fmt, "name '%%s' is assigned to before %s declaration", what);
            }
            return ranged_error(w, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset, fmt,
                                name);
        }
        if (cur & (flag == SYM_GLOBAL ? SYM_NONLOCAL : SYM_GLOBAL)) {
            /* CPython points at the first of the two declarations */
            PyrsStmt *first = first_directive(w->cur, name);
            first = first != NULL ? first : s;
            return ranged_error(w, first->lineno, first->col_offset, first->end_lineno,
                                first->end_col_offset, "name '%s' is nonlocal and global", name);
        }
        if (flag == SYM_NONLOCAL && w->cur->kind == PYRS_BLOCK_MODULE) {
            return ranged_error(w, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset,
                                "nonlocal declaration not allowed at module level%s", "");
        }
        if (add_flags(w->cur, name, flag) < 0) {
            return -1;
        }
        /* CPython records every global declaration in the module's symbols too, so the
         * module's own code then reaches the name through the globals */
        if (flag == SYM_GLOBAL && w->cur != w->st->top && add_flags(w->st->top, name, flag) < 0) {
            return -1;
        }
    }
    return 0;
}

/* `name: T [= value]`: a simple target (no parentheses) becomes an annotated local, which
 * may not be declared global or nonlocal; a parenthesized one binds only with a value (as
 * CPython's symtable). 0, or -1. */
static int
visit_ann_assign_name(Walker *w, PyrsStmt *s)
{
    const char *id = s->v.AnnAssign.target->v.Name.id;
    PyObject *key = PyUnicode_FromString(id);
    if (key == NULL) {
        return -1;
    }
    long cur = get_flags(w->cur, key);
    Py_DECREF(key);
    int simple = s->v.AnnAssign.simple != 0;
    if (simple && (cur & (SYM_GLOBAL | SYM_NONLOCAL)) && w->cur != w->st->top) {
        return ranged_error(w, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset,
                            cur & SYM_GLOBAL ? "annotated name '%s' can't be global"
                                             : "annotated name '%s' can't be nonlocal",
                            id);
    }
    long flags = simple ? SYM_ANNOT | SYM_ASSIGNED : s->v.AnnAssign.value ? SYM_ASSIGNED : 0;
    if (flags != 0 && add_flags(w->cur, id, flags) < 0) {
        return -1;
    }
    if (visit_annotation(w, s->v.AnnAssign.annotation) < 0) {
        return -1;
    }
    return s->v.AnnAssign.value != NULL ? visit(w, PYRS_NT_EXPR, s->v.AnnAssign.value) : 0;
}

/* try / try*: CPython walks the else block before the handlers. */
static int
visit_try(Walker *w, PyrsAstSeq *body, PyrsAstSeq *orelse, PyrsAstSeq *handlers,
          PyrsAstSeq *finalbody)
{
    if (visit_seq(w, body, PYRS_NT_STMT) < 0 || visit_seq(w, orelse, PYRS_NT_STMT) < 0 ||
        visit_seq(w, handlers, PYRS_NT_HANDLER) < 0) {
        return -1;
    }
    return visit_seq(w, finalbody, PYRS_NT_STMT);
}

static int
visit_stmt(Walker *w, PyrsStmt *s)
{
    switch (s->kind) {
    case PYRS_K_FunctionDef:
    case PYRS_K_AsyncFunctionDef: {
        struct PyrsAst_FunctionDef *d = &s->v.FunctionDef;
        const char *bound = pyrs_sym_mangle(w->st, w->cur->private_name, d->name);
        /* CPython's order: the name, defaults and annotations, decorators, then the body */
        if (bound == NULL || add_flags(w->cur, bound, SYM_ASSIGNED) < 0 ||
            visit_arguments_outside(w, d->args) < 0 || visit_annotation(w, d->returns) < 0 ||
            visit_seq(w, d->decorator_list, PYRS_NT_EXPR) < 0 ||
            enter_function(w, s, d->name, d->args, d->body, NULL) < 0) {
            return -1;
        }
        PyrsScope *fs = pyrs_sym_lookup(w->st, s);
        if (fs == NULL) {
            return -1;
        }
        fs->is_coroutine = s->kind == PYRS_K_AsyncFunctionDef;
        return 0;
    }
    case PYRS_K_ClassDef: {
        struct PyrsAst_ClassDef *d = &s->v.ClassDef;
        const char *bound = pyrs_sym_mangle(w->st, w->cur->private_name, d->name);
        if (bound == NULL || add_flags(w->cur, bound, SYM_ASSIGNED) < 0 ||
            visit_seq(w, d->bases, PYRS_NT_EXPR) < 0 ||
            visit_seq(w, d->keywords, PYRS_NT_keyword) < 0 ||
            visit_seq(w, d->decorator_list, PYRS_NT_EXPR) < 0) {
            return -1;
        }
        PyrsScope *outer = w->cur;
        PyrsScope *c = scope_new(w, PYRS_BLOCK_CLASS, s, d->name);
        if (c == NULL) {
            return -1;
        }
        w->cur = c;
        int r = visit_seq(w, d->body, PYRS_NT_STMT);
        w->cur = outer;
        return r;
    }
    case PYRS_K_Import:
        return visit_alias_names(w, s->v.Import.names, 0);
    case PYRS_K_ImportFrom:
        return visit_alias_names(w, s->v.ImportFrom.names, 1);
    case PYRS_K_Try:
        return visit_try(w, s->v.Try.body, s->v.Try.orelse, s->v.Try.handlers, s->v.Try.finalbody);
    case PYRS_K_TryStar:
        return visit_try(w, s->v.TryStar.body, s->v.TryStar.orelse, s->v.TryStar.handlers,
                         s->v.TryStar.finalbody);
    case PYRS_K_Global:
        return declare(w, s, s->v.Global.names, SYM_GLOBAL);
    case PYRS_K_Nonlocal:
        return declare(w, s, s->v.Nonlocal.names, SYM_NONLOCAL);
    case PYRS_K_AnnAssign:
        if (s->v.AnnAssign.target->kind == PYRS_K_Name) {
            return visit_ann_assign_name(w, s);
        }
        if (visit(w, PYRS_NT_EXPR, s->v.AnnAssign.target) < 0 ||
            visit_annotation(w, s->v.AnnAssign.annotation) < 0) {
            return -1;
        }
        return s->v.AnnAssign.value != NULL ? visit(w, PYRS_NT_EXPR, s->v.AnnAssign.value) : 0;
    default:
        return pyrs_ast_children(PYRS_NT_STMT, s, visit, w);
    }
}

static int
visit(void *ctx, PyrsAstNodeType type, void *node)
{
    Walker *w = ctx;
    switch (type) {
    case PYRS_NT_STMT:
        return visit_stmt(w, node);
    case PYRS_NT_EXPR:
        return visit_expr(w, node);
    case PYRS_NT_HANDLER: { /* CPython's order: the type, the bound name, the body */
        PyrsExceptHandler *h = node;
        if ((h->v.ExceptHandler.type && visit(w, PYRS_NT_EXPR, h->v.ExceptHandler.type) < 0) ||
            (h->v.ExceptHandler.name &&
             add_flags(w->cur, h->v.ExceptHandler.name, SYM_ASSIGNED) < 0)) {
            return -1;
        }
        return visit_seq(w, h->v.ExceptHandler.body, PYRS_NT_STMT);
    }
    case PYRS_NT_PATTERN: {
        PyrsPattern *p = node;
        const char *bound = p->kind == PYRS_K_MatchAs        ? p->v.MatchAs.name
                            : p->kind == PYRS_K_MatchStar    ? p->v.MatchStar.name
                            : p->kind == PYRS_K_MatchMapping ? p->v.MatchMapping.rest
                                                             : NULL;
        /* the sub-patterns first, then the captured name, as CPython records them */
        if (pyrs_ast_children(type, node, visit, w) < 0) {
            return -1;
        }
        return bound != NULL ? add_flags(w->cur, bound, SYM_ASSIGNED) : 0;
    }
    default:
        return pyrs_ast_children(type, node, visit, w);
    }
}

/* ---- resolution --------------------------------------------------------------------------- */

static int
set_scope(PyrsScope *s, PyObject *name, PyrsScopeKind kind)
{
    PyObject *v = PyLong_FromLong(kind);
    int r = v != NULL ? PyDict_SetItem(s->scopes, name, v) : -1;
    Py_XDECREF(v);
    return r;
}

static int
list_add_unique(PyObject *list, PyObject *name)
{
    int has = PySequence_Contains(list, name);
    if (has != 0) {
        return has < 0 ? -1 : 0;
    }
    return PyList_Append(list, name);
}

/* SyntaxError "no binding for nonlocal" at the nonlocal statement of S naming NAME, as
 * CPython locates it. Always -1. */
static int
no_binding_error(PyrsScope *s, PyObject *name, PyObject *filename)
{
    const char *id = PyUnicode_AsUTF8(name);
    PyrsStmt *d = id != NULL ? first_directive(s, id) : NULL;
    if (d == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_SyntaxError, "no binding for nonlocal '%U' found", name);
        }
        return -1;
    }
    Walker w = {NULL, s, filename, 0, NULL, NULL, 0};
    return ranged_error(&w, d->lineno, d->col_offset, d->end_lineno, d->end_col_offset,
                        "no binding for nonlocal '%s' found", id);
}

/* Resolves S given BOUND (set of names bound by enclosing function scopes, visible here),
 * then its children; names free in a child and local here become cells here. */
static int
analyze(PyrsScope *s, PyObject *bound, PyObject *filename)
{
    PyObject *name, *flagobj;
    Py_ssize_t pos = 0;
    while (PyDict_Next(s->symbols, &pos, &name, &flagobj)) {
        long fl = PyLong_AsLong(flagobj);
        PyrsScopeKind k;
        if (fl & SYM_GLOBAL) {
            k = PYRS_SCOPE_GLOBAL_EXPLICIT;
        } else if (fl & SYM_NONLOCAL) {
            int has = PySet_Contains(bound, name);
            if (has <= 0 && s->kind != PYRS_BLOCK_MODULE && !s->is_comprehension) {
                return has < 0 ? -1 : no_binding_error(s, name, filename);
            }
            k = has > 0 ? PYRS_SCOPE_FREE : PYRS_SCOPE_GLOBAL_EXPLICIT;
        } else if (fl & (SYM_ASSIGNED | SYM_PARAM | SYM_IMPORT)) {
            k = PYRS_SCOPE_LOCAL;
        } else if (s->kind != PYRS_BLOCK_MODULE && PySet_Contains(bound, name) > 0) {
            k = PYRS_SCOPE_FREE;
        } else {
            k = PYRS_SCOPE_GLOBAL_IMPLICIT;
        }
        if (set_scope(s, name, k) < 0) {
            return -1;
        }
        if (k == PYRS_SCOPE_FREE && list_add_unique(s->freevars, name) < 0) {
            return -1;
        }
        if (k == PYRS_SCOPE_LOCAL && s->kind == PYRS_BLOCK_FUNCTION &&
            list_add_unique(s->varnames, name) < 0) {
            return -1;
        }
    }
    PyObject *inner = PySet_New(bound);
    if (inner == NULL) {
        return -1;
    }
    if (s->kind == PYRS_BLOCK_FUNCTION) {
        pos = 0;
        PyObject *kind;
        while (PyDict_Next(s->scopes, &pos, &name, &kind)) {
            long k = PyLong_AsLong(kind);
            /* a name declared global here is global in nested functions too */
            int r = k == PYRS_SCOPE_LOCAL || k == PYRS_SCOPE_FREE ? PySet_Add(inner, name)
                    : (get_flags(s, name) & SYM_GLOBAL)           ? PySet_Discard(inner, name)
                                                                  : 0;
            if (r < 0) {
                Py_DECREF(inner);
                return -1;
            }
        }
    }
    PyObject *class_name = PyUnicode_InternFromString("__class__");
    if (s->kind == PYRS_BLOCK_CLASS) {
        if (PySet_Add(inner, class_name) < 0) {
            Py_DECREF(inner);
            return -1;
        }
    }
    for (PyrsScope *c = s->child; c != NULL; c = c->next) {
        if (analyze(c, inner, filename) < 0) {
            Py_DECREF(inner);
            return -1;
        }
        Py_ssize_t n = PyList_GET_SIZE(c->freevars);
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *fv = PyList_GET_ITEM(c->freevars, i);
            if (s->kind == PYRS_BLOCK_CLASS && PyUnicode_Compare(fv, class_name) == 0) {
                s->needs_class_cell = 1;
                if (list_add_unique(s->cellvars, fv) < 0) {
                    return -1;
                }
                continue;
            }
            PyObject *mine = PyDict_GetItemWithError(s->scopes, fv);
            long k = mine != NULL ? PyLong_AsLong(mine) : 0;
            if (k == PYRS_SCOPE_LOCAL && s->kind == PYRS_BLOCK_FUNCTION) {
                if (set_scope(s, fv, PYRS_SCOPE_CELL) < 0 || list_add_unique(s->cellvars, fv) < 0) {
                    return -1;
                }
            } else if (k != PYRS_SCOPE_CELL && s->kind != PYRS_BLOCK_MODULE) {
                /* passes through this scope on its way to the child */
                if (k == 0 && set_scope(s, fv, PYRS_SCOPE_FREE) < 0) {
                    return -1;
                }
                if (list_add_unique(s->freevars, fv) < 0) {
                    return -1;
                }
            }
        }
    }
    Py_DECREF(class_name);
    Py_DECREF(inner);
    if (PyList_Sort(s->cellvars) < 0 || PyList_Sort(s->freevars) < 0) {
        return -1;
    }
    /* Cells that are not parameters are not fast locals. */
    for (Py_ssize_t i = PyList_GET_SIZE(s->varnames) - 1; i >= 0; i--) {
        PyObject *v = PyList_GET_ITEM(s->varnames, i);
        long fl = get_flags(s, v);
        if (!(fl & SYM_PARAM) && PySequence_Contains(s->cellvars, v) > 0 &&
            PyList_SetSlice(s->varnames, i, i + 1, NULL) < 0) {
            return -1;
        }
    }
    return 0;
}

/* pyrs_sym_build and pyrs_sym_build_table: COMPILER_ERRORS adds the errors CPython's compiler
 * (rather than its symtable) reports; SKIP_ANNOTATIONS leaves annotations unwalked. */
static PyrsSymtable *
build(PyrsMod *mod, PyObject *filename, int compiler_errors, int skip_annotations)
{
    PyrsSymtable *st = PyMem_Calloc(1, sizeof(PyrsSymtable));
    if (st == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    Walker w = {st, NULL, filename, 0, NULL, NULL, skip_annotations};
    Mangler mangler = {st, NULL};
    st->by_node = PyDict_New();
    st->mangled = PyList_New(0);
    if (st->by_node == NULL || st->mangled == NULL ||
        pyrs_ast_children(PYRS_NT_MOD, mod, mangle_node, &mangler) < 0 ||
        (st->top = scope_new(&w, PYRS_BLOCK_MODULE, mod, "<module>")) == NULL) {
        pyrs_sym_free(st);
        return NULL;
    }
    w.cur = st->top;
    int r = 0;
    if (mod->kind == PYRS_K_Module) {
        r = visit_seq(&w, mod->v.Module.body, PYRS_NT_STMT);
    } else if (mod->kind == PYRS_K_Interactive) {
        r = visit_seq(&w, mod->v.Interactive.body, PYRS_NT_STMT);
    } else if (mod->kind == PYRS_K_Expression) {
        r = visit(&w, PYRS_NT_EXPR, mod->v.Expression.body);
    }
    PyObject *bound = r == 0 ? PySet_New(NULL) : NULL;
    if (bound == NULL || analyze(st->top, bound, filename) < 0) {
        Py_XDECREF(bound);
        pyrs_sym_free(st);
        return NULL;
    }
    Py_DECREF(bound);
    if (compiler_errors && w.yield_outside != NULL) {
        PyrsExpr *y = w.yield_outside;
        ranged_error(&w, y->lineno, y->col_offset, y->end_lineno, y->end_col_offset, "%s",
                     "'yield' outside function");
        pyrs_sym_free(st);
        return NULL;
    }
    return st;
}

PyrsSymtable *
pyrs_sym_build(PyrsMod *mod, PyObject *filename)
{
    return build(mod, filename, 1, 0);
}

PyrsSymtable *
pyrs_sym_build_table(PyrsMod *mod, PyObject *filename, int future_annotations)
{
    return build(mod, filename, 0, future_annotations);
}

PyrsScope *
pyrs_sym_lookup(PyrsSymtable *st, const void *node)
{
    PyObject *key = PyLong_FromVoidPtr((void *)node);
    if (key == NULL) {
        PyErr_Clear();
        return NULL;
    }
    PyObject *idx = PyDict_GetItemWithError(st->by_node, key);
    Py_DECREF(key);
    if (idx == NULL) {
        return NULL;
    }
    return st->all[PyLong_AsSsize_t(idx)];
}

PyrsScopeKind
pyrs_sym_scope_of(PyrsScope *scope, PyObject *name)
{
    PyObject *v = PyDict_GetItemWithError(scope->scopes, name);
    if (v == NULL) {
        return scope->kind == PYRS_BLOCK_FUNCTION ? PYRS_SCOPE_GLOBAL_IMPLICIT
                                                  : PYRS_SCOPE_GLOBAL_IMPLICIT;
    }
    return (PyrsScopeKind)PyLong_AsLong(v);
}

void
pyrs_sym_free(PyrsSymtable *st)
{
    if (st == NULL) {
        return;
    }
    for (Py_ssize_t i = 0; i < st->nall; i++) {
        PyrsScope *s = st->all[i];
        Py_XDECREF(s->symbols);
        Py_XDECREF(s->scopes);
        Py_XDECREF(s->varnames);
        Py_XDECREF(s->cellvars);
        Py_XDECREF(s->freevars);
        PyMem_Free(s);
    }
    PyMem_Free(st->all);
    Py_XDECREF(st->by_node);
    Py_XDECREF(st->mangled);
    PyMem_Free(st);
}
