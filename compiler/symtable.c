/* symtable.c: one walk over the AST collecting how each scope binds and uses names, then a
 * resolution pass deciding local / cell / free / global for each, following CPython 3.11
 * (comprehensions are function scopes; class bodies are invisible to nested functions except
 * for the implicit __class__ cell used by zero-argument super()). */
#include "symtable.h"

typedef struct {
    PyrsSymtable *st; /* the table being built */
    PyrsScope *cur;   /* the scope being walked */
    PyObject *filename;
} Walker;

static int visit(void *ctx, PyrsAstNodeType type, void *node);

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

static int
syntax_error(Walker *w, int lineno, int col, const char *fmt, const char *name)
{
    PyObject *msg = PyUnicode_FromFormat(fmt, name);
    if (msg == NULL) {
        return -1;
    }
    pyrs_sym_syntax_error(w->filename, lineno, col, msg);
    Py_DECREF(msg);
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

static int
add_params(Walker *w, PyrsScope *s, PyrsArguments *a)
{
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

/* Defaults and annotations are evaluated in the enclosing scope. */
static int
visit_arguments_outside(Walker *w, PyrsArguments *a)
{
    if (visit_seq(w, a->defaults, PYRS_NT_EXPR) < 0 ||
        visit_seq(w, a->kw_defaults, PYRS_NT_EXPR) < 0) {
        return -1;
    }
    PyrsAstSeq *lists[3] = {a->posonlyargs, a->args, a->kwonlyargs};
    for (int k = 0; k < 3; k++) {
        for (long i = 0; i < PYRS_SEQ_LEN(lists[k]); i++) {
            PyrsArg *arg = PYRS_SEQ_GET(lists[k], i);
            if (arg->annotation && visit(w, PYRS_NT_EXPR, arg->annotation) < 0) {
                return -1;
            }
        }
    }
    if (a->vararg && a->vararg->annotation && visit(w, PYRS_NT_EXPR, a->vararg->annotation) < 0) {
        return -1;
    }
    if (a->kwarg && a->kwarg->annotation && visit(w, PYRS_NT_EXPR, a->kwarg->annotation) < 0) {
        return -1;
    }
    return 0;
}

static int
visit_function(Walker *w, const void *node, const char *name, PyrsArguments *args, PyrsAstSeq *body,
               PyrsExpr *lambda_body)
{
    if (visit_arguments_outside(w, args) < 0) {
        return -1;
    }
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

/* A comprehension: the first iterable in the enclosing scope, the rest in a new function
 * scope whose only parameter is ".0" (the iterator). */
static int
visit_comprehension(Walker *w, PyrsExpr *e, const char *name, PyrsAstSeq *gens, PyrsExpr *elt,
                    PyrsExpr *value)
{
    PyrsComprehension *first = PYRS_SEQ_GET(gens, 0);
    if (visit(w, PYRS_NT_EXPR, first->iter) < 0) {
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
        r = visit(w, PYRS_NT_EXPR, g->target);
        if (r == 0 && i > 0) {
            r = visit(w, PYRS_NT_EXPR, g->iter);
        }
        if (r == 0) {
            r = visit_seq(w, g->ifs, PYRS_NT_EXPR);
        }
    }
    if (r == 0) {
        r = visit(w, PYRS_NT_EXPR, elt);
    }
    if (r == 0 && value != NULL) {
        r = visit(w, PYRS_NT_EXPR, value);
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
        what = "'yield' outside function";
    }
    if (what != NULL) {
        PyObject *msg = PyUnicode_FromString(what);
        if (msg == NULL) {
            return -1;
        }
        int r = pyrs_sym_syntax_error(w->filename, e->lineno, e->col_offset, msg);
        Py_DECREF(msg);
        return r;
    }
    w->cur->is_generator = 1;
    return pyrs_ast_children(PYRS_NT_EXPR, e, visit, w);
}

static int
visit_name(Walker *w, PyrsExpr *e)
{
    const char *id = e->v.Name.id;
    if (e->v.Name.ctx == PYRS_CTX_LOAD) {
        if (w->cur->kind == PYRS_BLOCK_FUNCTION && strcmp(id, "super") == 0 &&
            add_flags(w->cur, "__class__", SYM_USED) < 0) {
            return -1;
        }
        return add_flags(w->cur, id, SYM_USED);
    }
    return add_flags(w->cur, id, SYM_ASSIGNED);
}

/* The walrus binds in the nearest enclosing scope that is not a comprehension. */
static int
visit_named_expr(Walker *w, PyrsExpr *e)
{
    PyrsExpr *target = e->v.NamedExpr.target;
    if (visit(w, PYRS_NT_EXPR, e->v.NamedExpr.value) < 0) {
        return -1;
    }
    PyrsScope *s = w->cur;
    if (!s->is_comprehension) {
        return add_flags(s, target->v.Name.id, SYM_ASSIGNED);
    }
    while (s->is_comprehension) {
        if (add_flags(s, target->v.Name.id, SYM_NONLOCAL | SYM_USED) < 0) {
            return -1;
        }
        s = s->parent;
    }
    return add_flags(s, target->v.Name.id, SYM_ASSIGNED);
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
            if (add_flags(w->cur, a->asname, SYM_ASSIGNED) < 0) {
                return -1;
            }
            continue;
        }
        if (strcmp(a->name, "*") == 0) {
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
        if (add_flags(w->cur, bound, SYM_ASSIGNED) < 0) {
            return -1;
        }
    }
    return 0;
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
            return syntax_error(w, s->lineno, s->col_offset,
                                flag == SYM_GLOBAL ? "name '%s' is parameter and global"
                                                   : "name '%s' is parameter and nonlocal",
                                name);
        }
        if (cur & (SYM_ASSIGNED | SYM_USED)) {
            char fmt[96];
            snprintf(fmt, sizeof fmt, "name '%%s' is %s before %s declaration",
                     cur & SYM_ASSIGNED ? "assigned to" : "used", what);
            return syntax_error(w, s->lineno, s->col_offset, fmt, name);
        }
        if (flag == SYM_NONLOCAL && w->cur->kind == PYRS_BLOCK_MODULE) {
            return syntax_error(w, s->lineno, s->col_offset,
                                "nonlocal declaration not allowed at module level%s", "");
        }
        if (add_flags(w->cur, name, flag) < 0) {
            return -1;
        }
    }
    return 0;
}

static int
visit_stmt(Walker *w, PyrsStmt *s)
{
    switch (s->kind) {
    case PYRS_K_FunctionDef:
    case PYRS_K_AsyncFunctionDef: {
        struct PyrsAst_FunctionDef *d = &s->v.FunctionDef;
        if (visit_seq(w, d->decorator_list, PYRS_NT_EXPR) < 0 ||
            (d->returns && visit(w, PYRS_NT_EXPR, d->returns) < 0) ||
            add_flags(w->cur, d->name, SYM_ASSIGNED) < 0) {
            return -1;
        }
        if (visit_function(w, s, d->name, d->args, d->body, NULL) < 0) {
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
        if (visit_seq(w, d->decorator_list, PYRS_NT_EXPR) < 0 ||
            visit_seq(w, d->bases, PYRS_NT_EXPR) < 0 ||
            visit_seq(w, d->keywords, PYRS_NT_keyword) < 0 ||
            add_flags(w->cur, d->name, SYM_ASSIGNED) < 0) {
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
    case PYRS_K_Global:
        return declare(w, s, s->v.Global.names, SYM_GLOBAL);
    case PYRS_K_Nonlocal:
        return declare(w, s, s->v.Nonlocal.names, SYM_NONLOCAL);
    case PYRS_K_AnnAssign:
        if (s->v.AnnAssign.target->kind == PYRS_K_Name &&
            add_flags(w->cur, s->v.AnnAssign.target->v.Name.id, SYM_ANNOT) < 0) {
            return -1;
        }
        return pyrs_ast_children(PYRS_NT_STMT, s, visit, w);
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
    case PYRS_NT_HANDLER: {
        PyrsExceptHandler *h = node;
        if (h->v.ExceptHandler.name &&
            add_flags(w->cur, h->v.ExceptHandler.name, SYM_ASSIGNED) < 0) {
            return -1;
        }
        return pyrs_ast_children(type, node, visit, w);
    }
    case PYRS_NT_PATTERN: {
        PyrsPattern *p = node;
        const char *bound = p->kind == PYRS_K_MatchAs        ? p->v.MatchAs.name
                            : p->kind == PYRS_K_MatchStar    ? p->v.MatchStar.name
                            : p->kind == PYRS_K_MatchMapping ? p->v.MatchMapping.rest
                                                             : NULL;
        if (bound != NULL && add_flags(w->cur, bound, SYM_ASSIGNED) < 0) {
            return -1;
        }
        return pyrs_ast_children(type, node, visit, w);
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
            if (has <= 0 && s->kind == PYRS_BLOCK_FUNCTION && !s->is_comprehension) {
                if (has == 0) {
                    PyErr_Format(PyExc_SyntaxError, "no binding for nonlocal '%U' found", name);
                }
                return -1;
            }
            k = has > 0 ? PYRS_SCOPE_FREE : PYRS_SCOPE_GLOBAL_EXPLICIT;
        } else if (fl & (SYM_ASSIGNED | SYM_PARAM)) {
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
            if ((k == PYRS_SCOPE_LOCAL || k == PYRS_SCOPE_FREE) && PySet_Add(inner, name) < 0) {
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

PyrsSymtable *
pyrs_sym_build(PyrsMod *mod, PyObject *filename)
{
    PyrsSymtable *st = PyMem_Calloc(1, sizeof(PyrsSymtable));
    if (st == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    Walker w = {st, NULL, filename};
    st->by_node = PyDict_New();
    if (st->by_node == NULL ||
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
    return st;
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
    PyMem_Free(st);
}
