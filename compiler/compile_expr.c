/* compile_expr.c: expressions and assignment targets to register bytecode. Every expression
 * is compiled into a destination register; temporaries are allocated above it and released
 * (LIFO) when the expression is done. */
#include "compile_internal.h"

#define EMIT(op, a, b, cc, x)                                                                      \
    do {                                                                                           \
        if (pyrs_cc_emit(c, (op), (a), (b), (cc), (x)) < 0) {                                      \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)
#define CHECK(expr)                                                                                \
    do {                                                                                           \
        if ((expr) < 0) {                                                                          \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)

/* ---- names -------------------------------------------------------------------------------- */

typedef enum { ACCESS_LOAD, ACCESS_STORE, ACCESS_DEL } Access;

static int
cell_slot(Compiler *c, PyObject *name)
{
    PyObject *idx = PyDict_GetItemWithError(c->u->cell_index, name);
    if (idx == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_SystemError, "no cell for '%U'", name);
        }
        return -1;
    }
    return (int)PyLong_AsLong(idx);
}

int
pyrs_cc_forbidden_name(Compiler *c, const char *name, int del, const void *at)
{
    if (strcmp(name, "__debug__") != 0) {
        return 0;
    }
    const char *msg = del ? "cannot delete __debug__" : "cannot assign to __debug__";
    if (at == NULL) { /* the node being compiled */
        return pyrs_cc_error(c, c->u->pos_line, c->u->pos.col, msg);
    }
    const PyrsExpr *e = at;
    PyrsSavedPos saved =
        pyrs_cc_set_pos(c, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset);
    pyrs_cc_error(c, e->lineno, e->col_offset, msg);
    pyrs_cc_restore_pos(c, saved);
    return -1;
}

static int
name_op(Compiler *c, const char *id, int reg, Access access)
{
    if (access != ACCESS_LOAD && pyrs_cc_forbidden_name(c, id, access == ACCESS_DEL, NULL) < 0) {
        return -1;
    }
    PyObject *name = PyUnicode_InternFromString(id);
    if (name == NULL) {
        return -1;
    }
    PyrsScope *s = c->u->scope;
    PyrsScopeKind k = pyrs_sym_scope_of(s, name);
    int r = 0;
    if (k == PYRS_SCOPE_CELL || k == PYRS_SCOPE_FREE ||
        (s->kind == PYRS_BLOCK_CLASS && strcmp(id, "__class__") == 0 && k == PYRS_SCOPE_FREE)) {
        int slot = cell_slot(c, name);
        if (slot < 0) {
            r = -1;
        } else if (access == ACCESS_LOAD) {
            /* class bodies look in their namespace first (CPython's LOAD_CLASSDEREF) */
            r = pyrs_cc_emit(c, PYRS_OP_LOADDEREF, reg, slot, 0, s->kind == PYRS_BLOCK_CLASS) < 0
                    ? -1
                    : 0;
        } else if (access == ACCESS_STORE) {
            r = pyrs_cc_emit(c, PYRS_OP_STOREDEREF, reg, slot, 0, 0) < 0 ? -1 : 0;
        } else {
            r = pyrs_cc_emit(c, PYRS_OP_STOREDEREF, PYRS_NO_REG, slot, 0, 0) < 0 ? -1 : 0;
        }
    } else if (k == PYRS_SCOPE_LOCAL && s->kind == PYRS_BLOCK_FUNCTION) {
        PyObject *idx = PyDict_GetItemWithError(c->u->local_regs, name);
        int local = idx ? (int)PyLong_AsLong(idx) : -1;
        if (local < 0) {
            r = -1;
            if (!PyErr_Occurred()) {
                PyErr_Format(PyExc_SystemError, "no register for local '%U'", name);
            }
        } else if (access == ACCESS_LOAD) {
            r = pyrs_cc_emit(c, PYRS_OP_LOADLOCAL, reg, local, 0, 0) < 0 ? -1 : 0;
        } else if (access == ACCESS_STORE) {
            r = pyrs_cc_emit(c, PYRS_OP_MOVE, local, reg, 0, 0) < 0 ? -1 : 0;
        } else {
            r = pyrs_cc_emit(c, PYRS_OP_DELLOCAL, local, 0, 0, 0) < 0 ? -1 : 0;
        }
    } else {
        int ni = pyrs_cc_name_obj(c, name);
        int global = k == PYRS_SCOPE_GLOBAL_EXPLICIT ||
                     (k == PYRS_SCOPE_GLOBAL_IMPLICIT && s->kind == PYRS_BLOCK_FUNCTION);
        static const unsigned ops[2][3] = {
            {PYRS_OP_LOADNAME, PYRS_OP_STORENAME, PYRS_OP_DELNAME},
            {PYRS_OP_LOADGLOBAL, PYRS_OP_STOREGLOBAL, PYRS_OP_DELGLOBAL},
        };
        r = ni < 0 || pyrs_cc_emit(c, ops[global][access], reg, ni, 0, 0) < 0 ? -1 : 0;
    }
    Py_DECREF(name);
    return r;
}

int
pyrs_cc_load_name(Compiler *c, const char *name, int dst)
{
    return name_op(c, name, dst, ACCESS_LOAD);
}

int
pyrs_cc_store_name(Compiler *c, const char *name, int src)
{
    return name_op(c, name, src, ACCESS_STORE);
}

/* ---- definitely-bound locals ------------------------------------------------------------ */

/* AST visitor collecting into set CTX the names that `del` or `except ... as` can unbind. */
static int
collect_unsafe(void *ctx, PyrsAstNodeType type, void *child)
{
    const char *id = NULL;
    if (type == PYRS_NT_EXPR && ((PyrsExpr *)child)->kind == PYRS_K_Name &&
        ((PyrsExpr *)child)->v.Name.ctx == PYRS_CTX_DEL) {
        id = ((PyrsExpr *)child)->v.Name.id;
    } else if (type == PYRS_NT_HANDLER) {
        id = ((PyrsExceptHandler *)child)->v.ExceptHandler.name;
    }
    if (id != NULL) {
        PyObject *name = PyUnicode_InternFromString(id);
        int r = name != NULL ? PySet_Add((PyObject *)ctx, name) : -1;
        Py_XDECREF(name);
        if (r < 0) {
            return -1;
        }
    }
    return pyrs_ast_children(type, child, collect_unsafe, ctx);
}

int
pyrs_cc_bound_init(Compiler *c, PyrsAstSeq *body)
{
    Unit *u = c->u;
    PyrsScope *s = u->scope;
    u->unsafe = PySet_New(NULL);
    u->bound = PyMem_Calloc((size_t)u->nlocals + 1, 1);
    if (u->unsafe == NULL || u->bound == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (long i = 0; body != NULL && i < PYRS_SEQ_LEN(body); i++) {
        if (collect_unsafe(u->unsafe, PYRS_NT_STMT, PYRS_SEQ_GET(body, i)) < 0) {
            return -1;
        }
    }
    int nparams = s->argcount + s->kwonlyargcount + s->has_varargs + s->has_varkw;
    for (int i = 0; i < nparams && i < u->nlocals; i++) {
        PyObject *name = PyList_GET_ITEM(s->varnames, i);
        int r = PySet_Contains(u->unsafe, name);
        if (r < 0) {
            return -1;
        }
        u->bound[i] = r == 0 && pyrs_sym_scope_of(s, name) == PYRS_SCOPE_LOCAL;
    }
    return 0;
}

int
pyrs_cc_local_reg(Compiler *c, PyrsExpr *e)
{
    Unit *u = c->u;
    if (u->bound == NULL || e->kind != PYRS_K_Name) {
        return -1;
    }
    PyObject *name = PyUnicode_InternFromString(e->v.Name.id);
    if (name == NULL) {
        PyErr_Clear();
        return -1;
    }
    int reg = -1;
    if (pyrs_sym_scope_of(u->scope, name) == PYRS_SCOPE_LOCAL && !PySet_Contains(u->unsafe, name)) {
        PyObject *idx = PyDict_GetItemWithError(u->local_regs, name);
        reg = idx != NULL ? (int)PyLong_AsLong(idx) : -1;
    }
    PyErr_Clear();
    Py_DECREF(name);
    return reg >= 0 && reg < u->nlocals ? reg : -1;
}

int
pyrs_cc_bound_reg(Compiler *c, PyrsExpr *e)
{
    int reg = pyrs_cc_local_reg(c, e);
    return reg >= 0 && c->u->bound[reg] ? reg : -1;
}

void
pyrs_cc_bound_mark(Compiler *c, PyrsExpr *target)
{
    PyrsAstSeq *elts = target->kind == PYRS_K_Tuple  ? target->v.Tuple.elts
                       : target->kind == PYRS_K_List ? target->v.List.elts
                                                     : NULL;
    if (elts != NULL) {
        /* unpacking binds every name or raises before any statement after it runs */
        for (long i = 0; i < PYRS_SEQ_LEN(elts); i++) {
            PyrsExpr *t = PYRS_SEQ_GET(elts, i);
            pyrs_cc_bound_mark(c, t->kind == PYRS_K_Starred ? t->v.Starred.value : t);
        }
        return;
    }
    int reg = pyrs_cc_local_reg(c, target);
    if (reg >= 0) {
        c->u->bound[reg] = 1;
    }
}

unsigned char *
pyrs_cc_bound_save(Compiler *c)
{
    Unit *u = c->u;
    if (u->bound == NULL) {
        return NULL;
    }
    unsigned char *copy = PyMem_Malloc((size_t)u->nlocals + 1);
    if (copy != NULL) {
        memcpy(copy, u->bound, (size_t)u->nlocals + 1);
    } else {
        memset(u->bound, 0, (size_t)u->nlocals + 1); /* out of memory: forget, stay safe */
    }
    return copy;
}

void
pyrs_cc_bound_restore(Compiler *c, unsigned char *saved)
{
    if (saved != NULL) {
        memcpy(c->u->bound, saved, (size_t)c->u->nlocals + 1);
        PyMem_Free(saved);
    }
}

/* AST visitor: stops (returns 1) at the first assignment expression. */
static int
find_walrus(void *ctx, PyrsAstNodeType type, void *child)
{
    (void)ctx;
    if (type == PYRS_NT_EXPR && ((PyrsExpr *)child)->kind == PYRS_K_NamedExpr) {
        return 1;
    }
    return pyrs_ast_children(type, child, find_walrus, NULL);
}

int
pyrs_cc_has_walrus(PyrsExpr *e)
{
    return e != NULL && find_walrus(NULL, PYRS_NT_EXPR, e) != 0;
}

int
pyrs_cc_operand(Compiler *c, PyrsExpr *e, int tmp)
{
    int reg = pyrs_cc_bound_reg(c, e);
    if (reg >= 0) {
        return reg;
    }
    return pyrs_cc_expr(c, e, tmp) < 0 ? -1 : tmp;
}

/* The constant index of E when it is a constant (or a negated number, folded as CPython
 * folds it) small enough for a C operand; -1 when not, -2 on error. */
static int
const_operand(Compiler *c, PyrsExpr *e)
{
    int neg = 0;
    if (e->kind == PYRS_K_UnaryOp && e->v.UnaryOp.op == PYRS_UNARY_USUB &&
        e->v.UnaryOp.operand->kind == PYRS_K_Constant) {
        neg = 1;
        e = e->v.UnaryOp.operand;
    }
    if (e->kind != PYRS_K_Constant) {
        return -1;
    }
    PyObject *v = pyrs_cc_pyconst(e->v.Constant.value);
    if (v == NULL) {
        return -2;
    }
    if (neg) {
        if (!PyLong_CheckExact(v) && !PyFloat_CheckExact(v) && !PyComplex_CheckExact(v)) {
            Py_DECREF(v);
            return -1;
        }
        Py_SETREF(v, PyNumber_Negative(v));
        if (v == NULL) {
            return -2;
        }
    }
    int k = pyrs_cc_const(c, v);
    Py_DECREF(v);
    return k < 0 ? -2 : k < PYRS_NO_REG ? k : -1;
}

/* The register for left operand LEFT of an operation whose other operand RIGHT is evaluated
 * later: direct only when RIGHT cannot rebind it. */
static int
left_operand(Compiler *c, PyrsExpr *left, PyrsExpr *right, int tmp)
{
    if (!pyrs_cc_has_walrus(right)) {
        return pyrs_cc_operand(c, left, tmp);
    }
    return pyrs_cc_expr(c, left, tmp) < 0 ? -1 : tmp;
}

/* ---- helpers ------------------------------------------------------------------------------ */

static int
load_const(Compiler *c, PyObject *v, int dst)
{
    int k = pyrs_cc_const(c, v);
    CHECK(k);
    EMIT(PYRS_OP_LOADK, dst, k, 0, 0);
    return 0;
}

int
pyrs_cc_has_starred(PyrsAstSeq *elts)
{
    for (long i = 0; i < PYRS_SEQ_LEN(elts); i++) {
        if (((PyrsExpr *)PYRS_SEQ_GET(elts, i))->kind == PYRS_K_Starred) {
            return 1;
        }
    }
    return 0;
}

/* Evaluates ELTS into N consecutive fresh registers; returns the first, or -1. */
static int
exprs_to_regs(Compiler *c, PyrsAstSeq *elts)
{
    long n = PYRS_SEQ_LEN(elts);
    int base = pyrs_cc_tmps(c, (int)(n > 0 ? n : 0));
    CHECK(base);
    for (long i = 0; i < n; i++) {
        CHECK(pyrs_cc_expr(c, PYRS_SEQ_GET(elts, i), base + (int)i));
    }
    return base;
}

/* A display with starred items: a list built piecewise (then a tuple or set if asked). */
static int
starred_display(Compiler *c, PyrsAstSeq *elts, int dst, unsigned kind)
{
    int mark = c->u->next_reg;
    int acc = pyrs_cc_tmp(c);
    int t = pyrs_cc_tmp(c);
    CHECK(acc);
    CHECK(t);
    EMIT(kind == PYRS_OP_BUILDSET ? PYRS_OP_BUILDSET : PYRS_OP_BUILDLIST, acc, 0, 0, 0);
    for (long i = 0; i < PYRS_SEQ_LEN(elts); i++) {
        PyrsExpr *e = PYRS_SEQ_GET(elts, i);
        if (e->kind == PYRS_K_Starred) {
            CHECK(pyrs_cc_expr(c, e->v.Starred.value, t));
            EMIT(kind == PYRS_OP_BUILDSET ? PYRS_OP_SETUPDATE : PYRS_OP_LISTEXTEND, acc, t, 0, 0);
        } else {
            CHECK(pyrs_cc_expr(c, e, t));
            EMIT(kind == PYRS_OP_BUILDSET ? PYRS_OP_SETADD : PYRS_OP_LISTAPPEND, acc, t, 0, 0);
        }
    }
    if (kind == PYRS_OP_BUILDTUPLE) {
        EMIT(PYRS_OP_LISTTOTUPLE, dst, acc, 0, 0);
    } else {
        EMIT(PYRS_OP_MOVE, dst, acc, 0, 0);
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
display(Compiler *c, PyrsAstSeq *elts, int dst, unsigned op)
{
    if (pyrs_cc_has_starred(elts)) {
        return starred_display(c, elts, dst, op);
    }
    int mark = c->u->next_reg;
    int base = exprs_to_regs(c, elts);
    CHECK(base);
    EMIT(op, dst, base, (int)PYRS_SEQ_LEN(elts), 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
dict_display(Compiler *c, PyrsExpr *e, int dst)
{
    PyrsAstSeq *keys = e->v.Dict.keys, *values = e->v.Dict.values;
    long n = PYRS_SEQ_LEN(values);
    int mark = c->u->next_reg;
    int unpack = 0;
    for (long i = 0; i < n; i++) {
        unpack |= PYRS_SEQ_GET(keys, i) == NULL;
    }
    if (!unpack) {
        int base = pyrs_cc_tmps(c, (int)(2 * n));
        CHECK(base);
        for (long i = 0; i < n; i++) {
            CHECK(pyrs_cc_expr(c, PYRS_SEQ_GET(keys, i), base + 2 * (int)i));
            CHECK(pyrs_cc_expr(c, PYRS_SEQ_GET(values, i), base + 2 * (int)i + 1));
        }
        EMIT(PYRS_OP_BUILDDICT, dst, base, (int)n, 0);
    } else {
        int acc = pyrs_cc_tmp(c), k = pyrs_cc_tmp(c), v = pyrs_cc_tmp(c);
        CHECK(v);
        EMIT(PYRS_OP_BUILDDICT, acc, 0, 0, 0);
        for (long i = 0; i < n; i++) {
            PyrsExpr *key = PYRS_SEQ_GET(keys, i);
            if (key != NULL) {
                CHECK(pyrs_cc_expr(c, key, k)); /* the key first, as CPython evaluates */
            }
            CHECK(pyrs_cc_expr(c, PYRS_SEQ_GET(values, i), v));
            if (key == NULL) {
                EMIT(PYRS_OP_DICTUPDATE, acc, v, 0, 0);
            } else {
                EMIT(PYRS_OP_DICTSET, acc, k, v, 0);
            }
        }
        EMIT(PYRS_OP_MOVE, dst, acc, 0, 0);
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
boolop(Compiler *c, PyrsExpr *e, int dst)
{
    PyrsAstSeq *values = e->v.BoolOp.values;
    long n = PYRS_SEQ_LEN(values);
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    JumpList jumps;
    pyrs_cc_jumps_init(&jumps);
    for (long i = 0; i < n; i++) {
        if (pyrs_cc_expr(c, PYRS_SEQ_GET(values, i), t) < 0 ||
            (i < n - 1 &&
             pyrs_cc_jumps_add(
                 &jumps, pyrs_cc_emit_jump(
                             c, e->v.BoolOp.op == PYRS_BOOL_AND ? PYRS_OP_JMPIFNOT : PYRS_OP_JMPIF,
                             t)) < 0)) {
            pyrs_cc_jumps_free(&jumps);
            return -1;
        }
    }
    pyrs_cc_jumps_patch_to(c, &jumps, pyrs_cc_here(c));
    EMIT(PYRS_OP_MOVE, dst, t, 0, 0);
    pyrs_cc_free_to(c, t);
    return 0;
}

/* 1 unless E is a literal other than None, True, False and ... (CPython's check_is_arg). */
static int
is_arg_ok(PyrsExpr *e)
{
    if (e->kind == PYRS_K_Tuple) {
        /* CPython's AST optimizer folds a tuple of constants into one literal */
        for (long i = 0; i < PYRS_SEQ_LEN(e->v.Tuple.elts); i++) {
            PyrsExpr *item = PYRS_SEQ_GET(e->v.Tuple.elts, i);
            if (item->kind != PYRS_K_Constant &&
                !(item->kind == PYRS_K_Tuple && !is_arg_ok(item))) {
                return 1;
            }
        }
        return 0;
    }
    if (e->kind == PYRS_K_UnaryOp && e->v.UnaryOp.operand->kind == PYRS_K_Constant) {
        /* -5, +2.0, ~7: folded into a literal by CPython's AST optimizer */
        int k = e->v.UnaryOp.operand->v.Constant.value->kind;
        unsigned op = (unsigned)e->v.UnaryOp.op;
        int integer = k == PYRS_CONST_INT || k == PYRS_CONST_TRUE || k == PYRS_CONST_FALSE;
        int number = integer || k == PYRS_CONST_FLOAT || k == PYRS_CONST_COMPLEX;
        return !((op == PYRS_UNARY_USUB || op == PYRS_UNARY_UADD) && number) &&
               !(op == PYRS_UNARY_INVERT && integer);
    }
    if (e->kind != PYRS_K_Constant) {
        return 1;
    }
    const PyrsConst *c = e->v.Constant.value;
    if (c->obj != NULL) { /* folded (compile_fold.c) or from an AST object */
        PyObject *v = (PyObject *)c->obj;
        return v == Py_None || v == Py_True || v == Py_False || v == Py_Ellipsis;
    }
    int k = c->kind;
    return k == PYRS_CONST_NONE || k == PYRS_CONST_TRUE || k == PYRS_CONST_FALSE ||
           k == PYRS_CONST_ELLIPSIS;
}

/* The type name of the value literal or display E evaluates to, or NULL when it is not one
 * (CPython's infer_type, for the "perhaps you missed a comma?" warnings). */
static const char *
literal_type(PyrsExpr *e)
{
    static const char *const consts[] = {
        [PYRS_CONST_NONE] = "NoneType",   [PYRS_CONST_TRUE] = "bool",
        [PYRS_CONST_FALSE] = "bool",      [PYRS_CONST_ELLIPSIS] = "ellipsis",
        [PYRS_CONST_INT] = "int",         [PYRS_CONST_FLOAT] = "float",
        [PYRS_CONST_COMPLEX] = "complex", [PYRS_CONST_STR] = "str",
        [PYRS_CONST_BYTES] = "bytes"};
    switch (e->kind) {
    case PYRS_K_Constant: {
        const PyrsConst *c = e->v.Constant.value;
        if (c->obj != NULL) { /* folded (compile_fold.c) or from an AST object */
            return Py_TYPE((PyObject *)c->obj)->tp_name;
        }
        int k = c->kind;
        return k >= 0 && k < (int)Py_ARRAY_LENGTH(consts) ? consts[k] : NULL;
    }
    case PYRS_K_Tuple:
        return "tuple";
    case PYRS_K_List:
    case PYRS_K_ListComp:
        return "list";
    case PYRS_K_Dict:
    case PYRS_K_DictComp:
        return "dict";
    case PYRS_K_Set:
    case PYRS_K_SetComp:
        return "set";
    case PYRS_K_GeneratorExp:
        return "generator";
    case PYRS_K_Lambda:
        return "function";
    case PYRS_K_JoinedStr:
    case PYRS_K_FormattedValue:
        return "str";
    case PYRS_K_Slice:
        return "slice";
    default:
        return NULL;
    }
}

int
pyrs_cc_check_keywords(Compiler *c, PyrsAstSeq *keywords)
{
    long n = PYRS_SEQ_LEN(keywords);
    for (long i = 0; i < n; i++) {
        PyrsKeyword *kw = PYRS_SEQ_GET(keywords, i);
        if (kw->arg != NULL && pyrs_cc_forbidden_name(c, kw->arg, 0, NULL) < 0) {
            return -1;
        }
        for (long j = 0; kw->arg != NULL && j < i; j++) {
            PyrsKeyword *prev = PYRS_SEQ_GET(keywords, j);
            if (prev->arg != NULL && strcmp(prev->arg, kw->arg) == 0) {
                char msg[300];
                snprintf(msg, sizeof msg, "keyword argument repeated: %.200s", kw->arg);
                return pyrs_cc_error(c, kw->lineno, kw->col_offset, msg);
            }
        }
    }
    return 0;
}

/* SyntaxWarning "'T' object is not callable; perhaps you missed a comma?" when FUNC is a
 * literal or display that cannot be called (CPython's check_caller). 0, or -1. */
static int
check_caller(Compiler *c, PyrsExpr *func)
{
    const char *t =
        func->kind == PYRS_K_Lambda || func->kind == PYRS_K_Slice ? NULL : literal_type(func);
    if (t == NULL) {
        return 0;
    }
    char msg[128];
    snprintf(msg, sizeof msg, "'%s' object is not callable; perhaps you missed a comma?", t);
    return pyrs_cc_warn(c, func->lineno, func->col_offset, msg);
}

/* Whether constant C is a str, bytes or tuple (the constants that can be subscripted). */
static int
is_sequence_const(const PyrsConst *c)
{
    if (c->obj != NULL) {
        PyObject *v = (PyObject *)c->obj;
        return PyUnicode_Check(v) || PyBytes_Check(v) || PyTuple_Check(v);
    }
    return c->kind == PYRS_CONST_STR || c->kind == PYRS_CONST_BYTES;
}

/* The warnings of CPython's check_subscripter and check_index for VALUE[INDEX] (a load):
 * a literal that cannot be subscripted, or a sequence literal indexed by a literal that is
 * neither an int nor a slice. 0, or -1. */
static int
check_subscript(Compiler *c, PyrsExpr *e, PyrsExpr *value, PyrsExpr *index)
{
    const char *vt = literal_type(value);
    if (vt == NULL) {
        return 0;
    }
    char msg[160];
    int no_getitem =
        value->kind == PYRS_K_Set || value->kind == PYRS_K_SetComp ||
        value->kind == PYRS_K_GeneratorExp || value->kind == PYRS_K_Lambda ||
        (value->kind == PYRS_K_Constant && !is_sequence_const(value->v.Constant.value));
    if (no_getitem) {
        snprintf(msg, sizeof msg, "'%s' object is not subscriptable; perhaps you missed a comma?",
                 vt);
        return pyrs_cc_warn(c, e->lineno, e->col_offset, msg);
    }
    const char *it = literal_type(index);
    int sequence = value->kind == PYRS_K_Constant || value->kind == PYRS_K_Tuple ||
                   value->kind == PYRS_K_List || value->kind == PYRS_K_ListComp ||
                   value->kind == PYRS_K_JoinedStr || value->kind == PYRS_K_FormattedValue;
    if (it == NULL || !sequence || strcmp(it, "int") == 0 || strcmp(it, "bool") == 0 ||
        strcmp(it, "slice") == 0) {
        return 0;
    }
    snprintf(msg, sizeof msg,
             "%s indices must be integers or slices, not %s; perhaps you missed a comma?", vt, it);
    return pyrs_cc_warn(c, e->lineno, e->col_offset, msg);
}

/* CPython's SyntaxWarning for `is` / `is not` with a literal operand (a SyntaxError when
 * warnings are errors). 0, or -1 with an exception. */
static int
check_compare(Compiler *c, PyrsExpr *e)
{
    PyrsAstSeq *ops = e->v.Compare.ops;
    int left = is_arg_ok(e->v.Compare.left);
    for (long i = 0; i < PYRS_SEQ_LEN(ops); i++) {
        unsigned op = (unsigned)(intptr_t)PYRS_SEQ_GET(ops, i);
        int right = is_arg_ok(PYRS_SEQ_GET(e->v.Compare.comparators, i));
        if ((op == PYRS_CMP_IS || op == PYRS_CMP_ISNOT) && (!left || !right)) {
            const char *msg = op == PYRS_CMP_IS ? "\"is\" with a literal. Did you mean \"==\"?"
                                                : "\"is not\" with a literal. Did you mean \"!=\"?";
            const char *fn = PyUnicode_AsUTF8(c->filename);
            if (fn == NULL) {
                return -1;
            }
            if (PyErr_WarnExplicit(PyExc_SyntaxWarning, msg, fn, e->lineno, NULL, NULL) < 0) {
                if (!PyErr_ExceptionMatches(PyExc_SyntaxWarning)) {
                    return -1;
                }
                PyErr_Clear();
                return pyrs_cc_error(c, e->lineno, e->col_offset, msg);
            }
            return 0;
        }
        left = right;
    }
    return 0;
}

/* a < b < c: each comparison short-circuits on false; the middle operand is evaluated once. */
static int
compare(Compiler *c, PyrsExpr *e, int dst)
{
    PyrsAstSeq *ops = e->v.Compare.ops, *rest = e->v.Compare.comparators;
    long n = PYRS_SEQ_LEN(ops);
    CHECK(check_compare(c, e));
    int mark = c->u->next_reg;
    int left = pyrs_cc_tmp(c), right = pyrs_cc_tmp(c), res = pyrs_cc_tmp(c);
    CHECK(res);
    if (n == 1) {
        /* one comparison: operands straight from surely-bound locals, result into DST */
        PyrsExpr *r = PYRS_SEQ_GET(rest, 0);
        unsigned op = (unsigned)(intptr_t)PYRS_SEQ_GET(ops, 0);
        left = left_operand(c, e->v.Compare.left, r, left);
        CHECK(left);
        int k = op <= PYRS_CMP_GTE ? const_operand(c, r) : -1;
        if (k < -1) {
            return -1;
        }
        if (k >= 0) {
            EMIT(PYRS_OP_COMPAREK, dst, left, k, (int)op);
        } else {
            right = pyrs_cc_operand(c, r, right);
            CHECK(right);
            EMIT(PYRS_OP_COMPARE, dst, left, right, (int)op);
        }
        pyrs_cc_free_to(c, mark);
        return 0;
    }
    CHECK(pyrs_cc_expr(c, e->v.Compare.left, left));
    JumpList jumps;
    pyrs_cc_jumps_init(&jumps);
    for (long i = 0; i < n; i++) {
        unsigned op = (unsigned)(intptr_t)PYRS_SEQ_GET(ops, i);
        if (pyrs_cc_expr(c, PYRS_SEQ_GET(rest, i), right) < 0 ||
            pyrs_cc_emit(c, PYRS_OP_COMPARE, res, left, right, (int)op) < 0 ||
            (i < n - 1 &&
             (pyrs_cc_jumps_add(&jumps, pyrs_cc_emit_jump(c, PYRS_OP_JMPIFNOT, res)) < 0 ||
              pyrs_cc_emit(c, PYRS_OP_MOVE, left, right, 0, 0) < 0))) {
            pyrs_cc_jumps_free(&jumps);
            return -1;
        }
    }
    pyrs_cc_jumps_patch_to(c, &jumps, pyrs_cc_here(c));
    EMIT(PYRS_OP_MOVE, dst, res, 0, 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
ifexp(Compiler *c, PyrsExpr *e, int dst)
{
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    CHECK(pyrs_cc_expr(c, e->v.IfExp.test, t));
    Py_ssize_t jelse = pyrs_cc_emit_jump(c, PYRS_OP_JMPIFNOT, t);
    CHECK(jelse);
    CHECK(pyrs_cc_expr(c, e->v.IfExp.body, t));
    Py_ssize_t jend = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(jend);
    pyrs_cc_patch_here(c, jelse);
    CHECK(pyrs_cc_expr(c, e->v.IfExp.orelse, t));
    pyrs_cc_patch_here(c, jend);
    EMIT(PYRS_OP_MOVE, dst, t, 0, 0);
    pyrs_cc_free_to(c, t);
    return 0;
}

/* ---- calls -------------------------------------------------------------------------------- */

static int
call_needs_ex(PyrsAstSeq *args, PyrsAstSeq *kws)
{
    if (pyrs_cc_has_starred(args)) {
        return 1;
    }
    for (long i = 0; i < PYRS_SEQ_LEN(kws); i++) {
        if (((PyrsKeyword *)PYRS_SEQ_GET(kws, i))->arg == NULL) {
            return 1;
        }
    }
    return 0;
}

/* f(*a, x, **k, y=1): a tuple and a dict built piecewise, then CALLEX. */
static int
call_ex(Compiler *c, int dst, int func_reg, PyrsAstSeq *args, PyrsAstSeq *kws)
{
    int mark = c->u->next_reg;
    int pair = pyrs_cc_tmps(c, 2);
    int t = pyrs_cc_tmp(c), k = pyrs_cc_tmp(c), kv = pyrs_cc_tmps(c, 2);
    CHECK(kv);
    if (PYRS_SEQ_LEN(args) == 1 && ((PyrsExpr *)PYRS_SEQ_GET(args, 0))->kind == PYRS_K_Starred) {
        /* f(*x): x itself, made a tuple by the call (CPython's error names the function) */
        CHECK(pyrs_cc_expr(c, ((PyrsExpr *)PYRS_SEQ_GET(args, 0))->v.Starred.value, pair));
    } else {
        CHECK(starred_display(c, args, pair, PYRS_OP_BUILDTUPLE));
    }
    EMIT(PYRS_OP_BUILDDICT, pair + 1, 0, 0, 0);
    int merged = 0; /* a ** came before: later keywords may repeat its keys (a TypeError) */
    for (long i = 0; i < PYRS_SEQ_LEN(kws); i++) {
        PyrsKeyword *kw = PYRS_SEQ_GET(kws, i);
        if (kw->arg == NULL) {
            CHECK(pyrs_cc_expr(c, kw->value, t));
            EMIT(PYRS_OP_DICTUPDATE, pair + 1, t, func_reg, 1);
            merged = 1;
            continue;
        }
        PyObject *name = PyUnicode_InternFromString(kw->arg);
        if (name == NULL) {
            return -1;
        }
        int r = load_const(c, name, merged ? kv : k);
        Py_DECREF(name);
        CHECK(r);
        if (merged) {
            /* as CPython: a one-entry dict merged with the duplicate check */
            CHECK(pyrs_cc_expr(c, kw->value, kv + 1));
            EMIT(PYRS_OP_BUILDDICT, t, kv, 1, 0);
            EMIT(PYRS_OP_DICTUPDATE, pair + 1, t, func_reg, 1);
        } else {
            CHECK(pyrs_cc_expr(c, kw->value, t));
            EMIT(PYRS_OP_DICTSET, pair + 1, k, t, 0);
        }
    }
    EMIT(PYRS_OP_CALLEX, dst, func_reg, pair, 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

int
pyrs_cc_call_with(Compiler *c, int dst, int func_reg, PyrsAstSeq *args, PyrsAstSeq *kws)
{
    if (call_needs_ex(args, kws)) {
        return call_ex(c, dst, func_reg, args, kws);
    }
    int mark = c->u->next_reg;
    long nargs = PYRS_SEQ_LEN(args), nkw = PYRS_SEQ_LEN(kws);
    /* callee, arguments and keyword names must be consecutive registers */
    int base = func_reg + 1 == c->u->next_reg && func_reg >= c->u->nlocals ? func_reg : -1;
    if (base >= 0) {
        /* FUNC_REG is the newest temporary: the window can start at it */
        if (nargs + nkw + (nkw > 0) > 0) {
            CHECK(pyrs_cc_tmps(c, (int)(nargs + nkw + (nkw > 0))));
        }
    } else {
        base = pyrs_cc_tmps(c, (int)(1 + nargs + nkw + (nkw > 0)));
        CHECK(base);
        EMIT(PYRS_OP_MOVE, base, func_reg, 0, 0);
    }
    for (long i = 0; i < nargs; i++) {
        CHECK(pyrs_cc_expr(c, PYRS_SEQ_GET(args, i), base + 1 + (int)i));
    }
    if (nkw == 0) {
        EMIT(PYRS_OP_CALL, dst, base, (int)nargs, 0);
        pyrs_cc_free_to(c, mark);
        return 0;
    }
    PyObject *names = PyTuple_New(nkw);
    if (names == NULL) {
        return -1;
    }
    for (long i = 0; i < nkw; i++) {
        PyrsKeyword *kw = PYRS_SEQ_GET(kws, i);
        PyObject *name = PyUnicode_InternFromString(kw->arg);
        if (name == NULL) {
            Py_DECREF(names);
            return -1;
        }
        PyTuple_SET_ITEM(names, i, name);
        if (pyrs_cc_expr(c, kw->value, base + 1 + (int)(nargs + i)) < 0) {
            Py_DECREF(names);
            return -1;
        }
    }
    int r = load_const(c, names, base + 1 + (int)(nargs + nkw));
    Py_DECREF(names);
    CHECK(r);
    EMIT(PYRS_OP_CALLKW, dst, base, (int)(nargs + nkw), 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* obj.name(args): LOADMETHOD leaves a Python function unbound with obj as self, so no bound
 * method object is made (CALLMETHOD). Layout: R[base] callable, R[base+1] self, then the
 * arguments, then the keyword names tuple. */
static int
method_call(Compiler *c, PyrsExpr *e, int dst)
{
    PyrsExpr *attr = e->v.Call.func;
    PyrsAstSeq *args = e->v.Call.args, *kws = e->v.Call.keywords;
    long nargs = PYRS_SEQ_LEN(args), nkw = PYRS_SEQ_LEN(kws);
    int mark = c->u->next_reg;
    int base = pyrs_cc_tmps(c, (int)(2 + nargs + nkw + 1));
    CHECK(base);
    CHECK(pyrs_cc_expr(c, attr->v.Attribute.value, base + 1));
    int ni = pyrs_cc_name(c, attr->v.Attribute.attr);
    CHECK(ni);
    PyrsSavedPos saved =
        pyrs_cc_set_pos(c, attr->lineno, attr->col_offset, attr->end_lineno, attr->end_col_offset);
    int r = pyrs_cc_emit(c, PYRS_OP_LOADMETHOD, base, base + 1, ni, 0) < 0 ? -1 : 0;
    pyrs_cc_restore_pos(c, saved);
    CHECK(r);
    for (long i = 0; i < nargs; i++) {
        CHECK(pyrs_cc_expr(c, PYRS_SEQ_GET(args, i), base + 2 + (int)i));
    }
    if (nkw > 0) {
        PyObject *names = PyTuple_New(nkw);
        for (long i = 0; names != NULL && i < nkw; i++) {
            PyrsKeyword *kw = PYRS_SEQ_GET(kws, i);
            PyObject *name = PyUnicode_InternFromString(kw->arg);
            if (name == NULL) {
                Py_CLEAR(names);
                break;
            }
            PyTuple_SET_ITEM(names, i, name);
        }
        if (names == NULL) {
            return -1;
        }
        for (long i = 0; i < nkw && r == 0; i++) {
            PyrsKeyword *kw = PYRS_SEQ_GET(kws, i);
            r = pyrs_cc_expr(c, kw->value, base + 2 + (int)(nargs + i));
        }
        r = r == 0 ? load_const(c, names, base + 2 + (int)(nargs + nkw)) : -1;
        Py_DECREF(names);
        CHECK(r);
    }
    EMIT(PYRS_OP_CALLMETHOD, dst, base, (int)(nargs + nkw), nkw > 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
call(Compiler *c, PyrsExpr *e, int dst)
{
    CHECK(check_caller(c, e->v.Call.func));
    CHECK(pyrs_cc_check_keywords(c, e->v.Call.keywords));
    if (e->v.Call.func->kind == PYRS_K_Attribute &&
        !call_needs_ex(e->v.Call.args, e->v.Call.keywords)) {
        return method_call(c, e, dst);
    }
    int mark = c->u->next_reg;
    int f = pyrs_cc_tmp(c);
    CHECK(f);
    CHECK(pyrs_cc_expr(c, e->v.Call.func, f));
    /* the callee already sits where the call window starts: no MOVE needed */
    CHECK(pyrs_cc_call_with(c, dst, f, e->v.Call.args, e->v.Call.keywords));
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* ---- f-strings ---------------------------------------------------------------------------- */

static int
formatted_value(Compiler *c, PyrsExpr *e, int dst)
{
    int mark = c->u->next_reg;
    int v = pyrs_cc_tmp(c), spec = pyrs_cc_tmp(c);
    CHECK(spec);
    CHECK(pyrs_cc_expr(c, e->v.FormattedValue.value, v));
    int conv = e->v.FormattedValue.conversion;
    if (e->v.FormattedValue.format_spec != NULL) {
        CHECK(pyrs_cc_expr(c, e->v.FormattedValue.format_spec, spec));
    } else {
        spec = PYRS_NO_REG;
    }
    EMIT(PYRS_OP_FORMAT, dst, v, spec, conv < 0 ? 0 : conv);
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
joined_str(Compiler *c, PyrsExpr *e, int dst)
{
    PyrsAstSeq *values = e->v.JoinedStr.values;
    long n = PYRS_SEQ_LEN(values);
    if (n == 1 && ((PyrsExpr *)PYRS_SEQ_GET(values, 0))->kind == PYRS_K_FormattedValue) {
        return formatted_value(c, PYRS_SEQ_GET(values, 0), dst);
    }
    int mark = c->u->next_reg;
    int base = exprs_to_regs(c, values);
    CHECK(base);
    EMIT(PYRS_OP_BUILDSTRING, dst, base, (int)n, 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* ---- comprehensions and lambdas ----------------------------------------------------------- */

/* Awaits R[reg] in place: GETAWAITABLE, then a SEND delegating to it. WHERE: GETAWAITABLE's
 * X (3: the value came from __anext__ in an async comprehension; 0: an await expression). */
static int
await_reg(Compiler *c, int reg, int where)
{
    int mark = c->u->next_reg;
    int v = pyrs_cc_tmp(c);
    CHECK(v);
    EMIT(PYRS_OP_GETAWAITABLE, reg, reg, 0, where);
    CHECK(load_const(c, Py_None, v));
    EMIT(PYRS_OP_SEND, reg, reg, v, 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* The head of an `async for` clause over async iterator R[it]: R[it+1] = await
 * it.__anext__(), StopAsyncIteration jumps to the returned exit (to patch), other exceptions
 * propagate. R[it+2] receives the exception. -1 on error. */
static Py_ssize_t
async_loop_head(Compiler *c, int it)
{
    int item = it + 1, exc = it + 2;
    Py_ssize_t top = pyrs_cc_here(c);
    if (pyrs_cc_emit(c, PYRS_OP_GETANEXT, item, it, 0, 0) < 0 || await_reg(c, item, 3) < 0) {
        return -1;
    }
    Py_ssize_t end = pyrs_cc_here(c);
    Py_ssize_t jbody = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    if (jbody < 0 || pyrs_cc_add_exc(c, top, end, pyrs_cc_here(c), exc) < 0) {
        return -1;
    }
    int k = pyrs_cc_const(c, PyExc_StopAsyncIteration);
    if (k < 0 || pyrs_cc_emit(c, PYRS_OP_LOADK, item, k, 0, 0) < 0 ||
        pyrs_cc_emit(c, PYRS_OP_MATCHEXC, item, exc, item, 0) < 0) {
        return -1;
    }
    Py_ssize_t jstop = pyrs_cc_emit_jump(c, PYRS_OP_JMPIF, item);
    if (jstop < 0 || pyrs_cc_emit(c, PYRS_OP_RERAISE, exc, 0, 0, 0) < 0) {
        return -1;
    }
    pyrs_cc_patch_here(c, jbody);
    return jstop;
}

static int comprehension_loops(Compiler *c, PyrsAstSeq *gens, long gi, PyrsExpr *e, int acc);

/* What one pass of loop GI does once its conditions held: the next loop, or the element
 * added to ACC (yielded, for a generator expression), ITEM being a free register. */
static int
comprehension_step(Compiler *c, PyrsAstSeq *gens, long gi, PyrsExpr *e, int acc, int item)
{
    if (gi + 1 < PYRS_SEQ_LEN(gens)) {
        return comprehension_loops(c, gens, gi + 1, e, acc);
    }
    if (e->kind == PYRS_K_DictComp) {
        int k = pyrs_cc_tmp(c), v = pyrs_cc_tmp(c);
        CHECK(v);
        CHECK(pyrs_cc_expr(c, e->v.DictComp.key, k));
        CHECK(pyrs_cc_expr(c, e->v.DictComp.value, v));
        EMIT(PYRS_OP_DICTSET, acc, k, v, 0);
    } else if (e->kind == PYRS_K_GeneratorExp) {
        CHECK(pyrs_cc_expr(c, e->v.GeneratorExp.elt, item));
        EMIT(PYRS_OP_YIELD, item, item, 0, 0);
    } else {
        PyrsExpr *elt = e->kind == PYRS_K_ListComp ? e->v.ListComp.elt : e->v.SetComp.elt;
        CHECK(pyrs_cc_expr(c, elt, item));
        EMIT(e->kind == PYRS_K_ListComp ? PYRS_OP_LISTAPPEND : PYRS_OP_SETADD, acc, item, 0, 0);
    }
    return 0;
}

/* The body of a comprehension function: nested loops appending to the result. */
static int
comprehension_loops(Compiler *c, PyrsAstSeq *gens, long gi, PyrsExpr *e, int acc)
{
    PyrsComprehension *g = PYRS_SEQ_GET(gens, gi);
    int mark = c->u->next_reg;
    int it = pyrs_cc_tmps(c, 3), item = it + 1;
    CHECK(it);
    if (gi == 0) {
        EMIT(PYRS_OP_LOADLOCAL, it, 0, 0, 0); /* the ".0" parameter: an (async) iterator */
    } else {
        CHECK(pyrs_cc_expr(c, g->iter, item));
        EMIT(g->is_async ? PYRS_OP_GETAITER : PYRS_OP_GETITER, it, item, 0, 0);
    }
    Py_ssize_t top = pyrs_cc_here(c);
    Py_ssize_t exit =
        g->is_async ? async_loop_head(c, it) : pyrs_cc_emit_jump(c, PYRS_OP_FORITER, it);
    CHECK(exit);
    CHECK(pyrs_cc_store(c, g->target, item));
    /* a comprehension cannot unbind its variables, and everything after this point in the
     * code runs only once the target was assigned */
    pyrs_cc_bound_mark(c, g->target);
    JumpList skips;
    pyrs_cc_jumps_init(&skips);
    for (long i = 0; i < PYRS_SEQ_LEN(g->ifs); i++) {
        if (pyrs_cc_expr(c, PYRS_SEQ_GET(g->ifs, i), item) < 0 ||
            pyrs_cc_jumps_add(&skips, pyrs_cc_emit_jump(c, PYRS_OP_JMPIFNOT, item)) < 0) {
            pyrs_cc_jumps_free(&skips);
            return -1;
        }
    }
    if (comprehension_step(c, gens, gi, e, acc, item) < 0) {
        pyrs_cc_jumps_free(&skips);
        return -1;
    }
    pyrs_cc_jumps_patch_to(c, &skips, top);
    Py_ssize_t back = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(back);
    pyrs_cc_patch_to(c, back, top);
    pyrs_cc_patch_here(c, exit);
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* Compiles the comprehension's own function body (called inside its unit). */
static int
comprehension_body(Compiler *c, PyrsExpr *e, PyrsAstSeq *gens)
{
    int acc = pyrs_cc_tmp(c);
    CHECK(acc);
    if (e->kind == PYRS_K_GeneratorExp) {
        CHECK(comprehension_loops(c, gens, 0, e, acc));
        int k = pyrs_cc_const(c, Py_None);
        CHECK(k);
        EMIT(PYRS_OP_LOADK, acc, k, 0, 0);
        EMIT(PYRS_OP_RETURN, acc, 0, 0, 0);
        return 0;
    }
    unsigned build = e->kind == PYRS_K_ListComp  ? PYRS_OP_BUILDLIST
                     : e->kind == PYRS_K_SetComp ? PYRS_OP_BUILDSET
                                                 : PYRS_OP_BUILDDICT;
    EMIT(build, acc, 0, 0, 0);
    CHECK(comprehension_loops(c, gens, 0, e, acc));
    EMIT(PYRS_OP_RETURN, acc, 0, 0, 0);
    return 0;
}

static int
comprehension(Compiler *c, PyrsExpr *e, PyrsAstSeq *gens, const char *name, int dst)
{
    PyrsScope *child = pyrs_sym_lookup(c->st, e);
    if (child == NULL) {
        PyErr_SetString(PyExc_SystemError, "comprehension without scope");
        return -1;
    }
    PyrsScope *outer = c->u->scope;
    int awaited = child->is_coroutine && e->kind != PYRS_K_GeneratorExp;
    if (awaited && !outer->is_comprehension &&
        !(outer->kind == PYRS_BLOCK_FUNCTION && outer->is_coroutine)) {
        return pyrs_cc_error(c, e->lineno, e->col_offset,
                             "asynchronous comprehension outside of an asynchronous function");
    }
    /* Build the code object in its own unit, reusing the function machinery with a
     * synthetic body: the unit's code is emitted by comprehension_body. */
    PyObject *code = pyrs_cc_code_for(c, e, name, NULL, NULL, e->lineno, 2);
    if (code == NULL) {
        return -1;
    }
    int k = pyrs_cc_const(c, code);
    Py_DECREF(code);
    CHECK(k);
    int mark = c->u->next_reg;
    int extra = pyrs_cc_tmps(c, 4);
    int fn = pyrs_cc_tmps(c, 2);
    CHECK(fn);
    int flags = 0;
    CHECK(pyrs_cc_make_closure(c, child, extra, &flags));
    EMIT(PYRS_OP_MAKEFUNC, fn, k, extra, flags);
    PyrsComprehension *first = PYRS_SEQ_GET(gens, 0);
    CHECK(pyrs_cc_expr(c, first->iter, fn + 1));
    EMIT(first->is_async ? PYRS_OP_GETAITER : PYRS_OP_GETITER, fn + 1, fn + 1, 0, 0);
    EMIT(PYRS_OP_CALL, dst, fn, 1, 0);
    if (awaited) {
        CHECK(await_reg(c, dst, 0));
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}

int
pyrs_cc_comprehension_code(Compiler *c, PyrsExpr *e, PyrsAstSeq *gens, const char *name)
{
    (void)name;
    return comprehension_body(c, e, gens);
}

/* When the last instruction built a slice into KEY, marks it as read only by the instruction
 * about to be emitted (BUILDSLICE X=1), so the VM may slice a list without a slice object. */
static void
slice_feeds_next(Compiler *c, int key)
{
    Unit *u = c->u;
    if (u->n > 0 && PYRS_I_OP(u->code[u->n - 1]) == PYRS_OP_BUILDSLICE &&
        PYRS_I_A(u->code[u->n - 1]) == (unsigned)key) {
        PyrsInstr i = u->code[u->n - 1];
        u->code[u->n - 1] = PYRS_INSTR(PYRS_OP_BUILDSLICE, key, PYRS_I_B(i), PYRS_I_C(i), 1);
    }
}

/* ---- the dispatcher ----------------------------------------------------------------------- */

static int
subscript(Compiler *c, PyrsExpr *e, int dst)
{
    CHECK(check_subscript(c, e, e->v.Subscript.value, e->v.Subscript.slice));
    int mark = c->u->next_reg;
    int obj = pyrs_cc_tmp(c), key = pyrs_cc_tmp(c);
    CHECK(key);
    obj = left_operand(c, e->v.Subscript.value, e->v.Subscript.slice, obj);
    CHECK(obj);
    int k = const_operand(c, e->v.Subscript.slice);
    if (k < -1) {
        return -1;
    }
    if (k >= 0) {
        EMIT(PYRS_OP_LOADSUBSCRK, dst, obj, k, 0);
    } else {
        key = pyrs_cc_operand(c, e->v.Subscript.slice, key);
        CHECK(key);
        slice_feeds_next(c, key);
        EMIT(PYRS_OP_LOADSUBSCR, dst, obj, key, 0);
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
slice(Compiler *c, PyrsExpr *e, int dst)
{
    int mark = c->u->next_reg;
    int base = pyrs_cc_tmps(c, 3);
    CHECK(base);
    PyrsExpr *parts[3] = {e->v.Slice.lower, e->v.Slice.upper, e->v.Slice.step};
    for (int i = 0; i < 3; i++) {
        if (parts[i] != NULL) {
            CHECK(pyrs_cc_expr(c, parts[i], base + i));
        } else {
            CHECK(load_const(c, Py_None, base + i));
        }
    }
    EMIT(PYRS_OP_BUILDSLICE, dst, base, e->v.Slice.step ? 3 : 2, 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
binop(Compiler *c, PyrsExpr *e, int dst)
{
    int mark = c->u->next_reg;
    int l = pyrs_cc_tmp(c), r = pyrs_cc_tmp(c);
    CHECK(r);
    if (dst >= c->u->nlocals && dst < mark && pyrs_cc_bound_reg(c, e->v.BinOp.left) < 0) {
        /* a temporary result: the left operand is computed into it, so the VM can overwrite
         * an intermediate int or float nobody else holds instead of allocating a new one */
        CHECK(pyrs_cc_expr(c, e->v.BinOp.left, dst));
        l = dst;
    } else {
        l = left_operand(c, e->v.BinOp.left, e->v.BinOp.right, l);
    }
    CHECK(l);
    int k = const_operand(c, e->v.BinOp.right);
    if (k < -1) {
        return -1;
    }
    if (k >= 0) {
        EMIT(PYRS_OP_BINOPK, dst, l, k, (int)e->v.BinOp.op);
        pyrs_cc_free_to(c, mark);
        return 0;
    }
    r = pyrs_cc_operand(c, e->v.BinOp.right, r);
    CHECK(r);
    EMIT(PYRS_OP_BINOP, dst, l, r, (int)e->v.BinOp.op);
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
unaryop(Compiler *c, PyrsExpr *e, int dst)
{
    if (e->v.UnaryOp.op == PYRS_UNARY_USUB) {
        int k = const_operand(c, e); /* -<number> is a constant */
        if (k < -1) {
            return -1;
        }
        if (k >= 0) {
            EMIT(PYRS_OP_LOADK, dst, k, 0, 0);
            return 0;
        }
    }
    int mark = c->u->next_reg;
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    CHECK(pyrs_cc_expr(c, e->v.UnaryOp.operand, t));
    if (e->v.UnaryOp.op == PYRS_UNARY_NOT) {
        EMIT(PYRS_OP_NOT, dst, t, 0, 0);
    } else {
        EMIT(PYRS_OP_UNOP, dst, t, 0, (int)e->v.UnaryOp.op);
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
attribute(Compiler *c, PyrsExpr *e, int dst)
{
    int mark = c->u->next_reg;
    /* into a temporary DST, the object goes to DST itself: the result replaces it there, so
     * no dead register keeps it alive (a local DST must not see a half-done value) */
    int t = dst >= c->u->nlocals ? dst : pyrs_cc_tmp(c);
    CHECK(t);
    t = pyrs_cc_operand(c, e->v.Attribute.value, t);
    CHECK(t);
    int ni = pyrs_cc_name(c, e->v.Attribute.attr);
    CHECK(ni);
    EMIT(PYRS_OP_LOADATTR, dst, t, ni, 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* yield VALUE: R[dst] receives what is sent in. */
static int
yield_expr(Compiler *c, PyrsExpr *e, int dst)
{
    int mark = c->u->next_reg;
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    if (e->v.Yield.value != NULL) {
        CHECK(pyrs_cc_expr(c, e->v.Yield.value, t));
    } else {
        CHECK(load_const(c, Py_None, t));
    }
    EMIT(PYRS_OP_YIELD, dst, t, 0, 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* yield from ITER: GETYIELDFROM, then one SEND that stays put while the delegate yields. */
static int
yield_from(Compiler *c, PyrsExpr *e, int dst)
{
    if (c->u->scope->is_coroutine) {
        return pyrs_cc_error(c, e->lineno, e->col_offset, "'yield from' inside async function");
    }
    int mark = c->u->next_reg;
    int it = pyrs_cc_tmp(c), v = pyrs_cc_tmp(c);
    CHECK(v);
    CHECK(pyrs_cc_expr(c, e->v.YieldFrom.value, it));
    EMIT(PYRS_OP_GETYIELDFROM, it, it, 0, 0);
    CHECK(load_const(c, Py_None, v));
    EMIT(PYRS_OP_SEND, dst, it, v, 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* await X: GETAWAITABLE, then a SEND delegating to it (the same machinery as yield from). */
static int
await_expr(Compiler *c, PyrsExpr *e, int dst)
{
    PyrsScope *s = c->u->scope;
    if (s->kind != PYRS_BLOCK_FUNCTION || (!s->is_coroutine && !s->is_comprehension)) {
        return pyrs_cc_error(c, e->lineno, e->col_offset,
                             s->kind == PYRS_BLOCK_FUNCTION ? "'await' outside async function"
                                                            : "'await' outside function");
    }
    int mark = c->u->next_reg;
    int it = pyrs_cc_tmp(c), v = pyrs_cc_tmp(c);
    CHECK(v);
    CHECK(pyrs_cc_expr(c, e->v.Await.value, it));
    EMIT(PYRS_OP_GETAWAITABLE, it, it, 0, 0);
    CHECK(load_const(c, Py_None, v));
    EMIT(PYRS_OP_SEND, dst, it, v, 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
named_expr(Compiler *c, PyrsExpr *e, int dst)
{
    CHECK(pyrs_cc_expr(c, e->v.NamedExpr.value, dst));
    return pyrs_cc_store(c, e->v.NamedExpr.target, dst);
}

static int
expr_dispatch(Compiler *c, PyrsExpr *e, int dst)
{
    switch (e->kind) {
    case PYRS_K_Constant: {
        int k = pyrs_cc_const_ast(c, e->v.Constant.value);
        CHECK(k);
        EMIT(PYRS_OP_LOADK, dst, k, 0, 0);
        return 0;
    }
    case PYRS_K_Name:
        if (strcmp(e->v.Name.id, "__debug__") == 0) { /* a constant, as CPython compiles it */
            int k = pyrs_cc_const(c, pyrs_config_optimize_level() > 0 ? Py_False : Py_True);
            CHECK(k);
            EMIT(PYRS_OP_LOADK, dst, k, 0, 0);
            return 0;
        }
        return pyrs_cc_load_name(c, e->v.Name.id, dst);
    case PYRS_K_BinOp:
        return binop(c, e, dst);
    case PYRS_K_UnaryOp:
        return unaryop(c, e, dst);
    case PYRS_K_BoolOp:
        return boolop(c, e, dst);
    case PYRS_K_Compare:
        return compare(c, e, dst);
    case PYRS_K_IfExp:
        return ifexp(c, e, dst);
    case PYRS_K_Call:
        return call(c, e, dst);
    case PYRS_K_Attribute:
        return attribute(c, e, dst);
    case PYRS_K_Subscript:
        return subscript(c, e, dst);
    case PYRS_K_Slice:
        return slice(c, e, dst);
    case PYRS_K_Tuple:
        return display(c, e->v.Tuple.elts, dst, PYRS_OP_BUILDTUPLE);
    case PYRS_K_List:
        return display(c, e->v.List.elts, dst, PYRS_OP_BUILDLIST);
    case PYRS_K_Set:
        return display(c, e->v.Set.elts, dst, PYRS_OP_BUILDSET);
    case PYRS_K_Dict:
        return dict_display(c, e, dst);
    case PYRS_K_JoinedStr:
        return joined_str(c, e, dst);
    case PYRS_K_FormattedValue:
        return formatted_value(c, e, dst);
    case PYRS_K_NamedExpr:
        return named_expr(c, e, dst);
    case PYRS_K_Lambda:
        return pyrs_cc_function(c, NULL, e->v.Lambda.args, "<lambda>", NULL, e->v.Lambda.body, e,
                                dst);
    case PYRS_K_ListComp:
        return comprehension(c, e, e->v.ListComp.generators, "<listcomp>", dst);
    case PYRS_K_SetComp:
        return comprehension(c, e, e->v.SetComp.generators, "<setcomp>", dst);
    case PYRS_K_DictComp:
        return comprehension(c, e, e->v.DictComp.generators, "<dictcomp>", dst);
    case PYRS_K_GeneratorExp:
        return comprehension(c, e, e->v.GeneratorExp.generators, "<genexpr>", dst);
    case PYRS_K_Yield:
        return yield_expr(c, e, dst);
    case PYRS_K_YieldFrom:
        return yield_from(c, e, dst);
    case PYRS_K_Await:
        return await_expr(c, e, dst);
    case PYRS_K_Starred:
        return pyrs_cc_error(c, e->lineno, e->col_offset, "can't use starred expression here");
    default:
        return pyrs_cc_error(c, e->lineno, e->col_offset,
                             "pyrs: this expression is not supported yet");
    }
}

/* What CPython 3.11's traceback printer finds when it re-parses a one-line expression to
 * place the secondary `~` and primary `^` markers (BinOp and Subscript only). */
static void
set_anchors(Compiler *c, PyrsExpr *e)
{
    PyrsPosition *p = &c->u->pos;
    if (e->lineno != e->end_lineno) {
        return;
    }
    if (e->kind == PYRS_K_BinOp) {
        p->anchor_kind = PYRS_ANCHOR_BINOP;
        p->anchor_l = e->v.BinOp.left->end_col_offset;
        p->anchor_r = e->v.BinOp.right->col_offset;
    } else if (e->kind == PYRS_K_Subscript) {
        p->anchor_kind = PYRS_ANCHOR_SUBSCRIPT;
        p->anchor_l = e->v.Subscript.value->end_col_offset;
        p->anchor_r = e->v.Subscript.slice->end_col_offset + 1;
    }
}

/* Makes E's source position (with its caret anchors) the one instructions get from now on;
 * the position to restore afterwards. */
static PyrsSavedPos
enter_node(Compiler *c, PyrsExpr *e)
{
    PyrsSavedPos saved =
        pyrs_cc_set_pos(c, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset);
    set_anchors(c, e);
    return saved;
}

/* Compiles E into register DST. Instructions emitted for E itself (not for its operands)
 * carry E's source position, as CPython's compiler_visit_expr arranges. */
int
pyrs_cc_expr(Compiler *c, PyrsExpr *e, int dst)
{
    PyrsSavedPos saved = enter_node(c, e);
    int r = expr_dispatch(c, e, dst);
    pyrs_cc_restore_pos(c, saved);
    return r;
}

/* ---- assignment targets ------------------------------------------------------------------- */

static int
store_sequence(Compiler *c, PyrsAstSeq *elts, int src)
{
    long n = PYRS_SEQ_LEN(elts);
    long star = -1;
    for (long i = 0; i < n; i++) {
        PyrsExpr *t = PYRS_SEQ_GET(elts, i);
        if (t->kind == PYRS_K_Starred && star >= 0) {
            return pyrs_cc_error(c, t->lineno, t->col_offset,
                                 "multiple starred expressions in assignment");
        }
        if (t->kind == PYRS_K_Starred) {
            star = i;
        }
    }
    if (star >= 256 || (star >= 0 && n - star - 1 >= (INT_MAX >> 8))) { /* CPython's limits */
        PyrsExpr *t = PYRS_SEQ_GET(elts, star);
        return pyrs_cc_error(c, t->lineno, t->col_offset,
                             "too many expressions in star-unpacking assignment");
    }
    int mark = c->u->next_reg;
    int base = pyrs_cc_tmps(c, (int)(n + 1));
    CHECK(base);
    if (star < 0) {
        EMIT(PYRS_OP_UNPACK, base, src, (int)n, 0);
    } else {
        EMIT(PYRS_OP_UNPACKEX, base, src, (int)(n - 1), (int)(n - 1 - star));
    }
    for (long i = 0; i < n; i++) {
        PyrsExpr *t = PYRS_SEQ_GET(elts, i);
        if (t->kind == PYRS_K_Starred) {
            t = t->v.Starred.value;
        }
        CHECK(pyrs_cc_store(c, t, base + (int)i));
        CHECK(pyrs_cc_release_stored(c, base + (int)i));
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int store_target(Compiler *c, PyrsExpr *target, int src);

int
pyrs_cc_store(Compiler *c, PyrsExpr *target, int src)
{
    /* the storing (or unpacking) instruction carries the target's position, as CPython's */
    PyrsSavedPos saved = enter_node(c, target);
    int r = store_target(c, target, src);
    pyrs_cc_restore_pos(c, saved);
    return r;
}

static int
store_target(Compiler *c, PyrsExpr *target, int src)
{
    int mark = c->u->next_reg;
    switch (target->kind) {
    case PYRS_K_Name:
        CHECK(pyrs_cc_forbidden_name(c, target->v.Name.id, 0, target));
        return pyrs_cc_store_name(c, target->v.Name.id, src);
    case PYRS_K_Attribute: {
        CHECK(pyrs_cc_forbidden_name(c, target->v.Attribute.attr, 0, target));
        /* the object straight from a surely-bound local (read when LOADLOCAL would be) */
        int tmp = pyrs_cc_tmp(c);
        CHECK(tmp);
        int obj = pyrs_cc_operand(c, target->v.Attribute.value, tmp);
        CHECK(obj);
        int ni = pyrs_cc_name(c, target->v.Attribute.attr);
        CHECK(ni);
        /* X=1: the object's temporary is released once stored into */
        EMIT(PYRS_OP_STOREATTR, obj, ni, src, obj == tmp);
        break;
    }
    case PYRS_K_Subscript: {
        int tobj = pyrs_cc_tmp(c), tkey = pyrs_cc_tmp(c);
        CHECK(tkey);
        int obj = left_operand(c, target->v.Subscript.value, target->v.Subscript.slice, tobj);
        CHECK(obj);
        int key = pyrs_cc_operand(c, target->v.Subscript.slice, tkey);
        CHECK(key);
        slice_feeds_next(c, key);
        /* X bits 1 and 2: the object's and the key's temporaries are released once stored */
        EMIT(PYRS_OP_STORESUBSCR, obj, key, src, (obj == tobj) | (key == tkey) << 1);
        break;
    }
    case PYRS_K_Tuple:
        return store_sequence(c, target->v.Tuple.elts, src);
    case PYRS_K_List:
        return store_sequence(c, target->v.List.elts, src);
    case PYRS_K_Starred:
        return pyrs_cc_error(c, target->lineno, target->col_offset,
                             "starred assignment target must be in a list or tuple");
    default:
        return pyrs_cc_error(c, target->lineno, target->col_offset, "cannot assign to this");
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int delete_target(Compiler *c, PyrsExpr *target);

int
pyrs_cc_delete(Compiler *c, PyrsExpr *target)
{
    /* the deleting instruction carries the target's position, as CPython's: `del a.b`
     * underlines a.b */
    PyrsSavedPos saved = enter_node(c, target);
    int r = delete_target(c, target);
    pyrs_cc_restore_pos(c, saved);
    return r;
}

static int
delete_target(Compiler *c, PyrsExpr *target)
{
    int mark = c->u->next_reg;
    switch (target->kind) {
    case PYRS_K_Name:
        CHECK(pyrs_cc_forbidden_name(c, target->v.Name.id, 1, target));
        return name_op(c, target->v.Name.id, 0, ACCESS_DEL);
    case PYRS_K_Attribute: {
        int obj = pyrs_cc_tmp(c);
        CHECK(obj);
        CHECK(pyrs_cc_expr(c, target->v.Attribute.value, obj));
        int ni = pyrs_cc_name(c, target->v.Attribute.attr);
        CHECK(ni);
        EMIT(PYRS_OP_DELATTR, obj, ni, 0, 0);
        break;
    }
    case PYRS_K_Subscript: {
        int obj = pyrs_cc_tmp(c), key = pyrs_cc_tmp(c);
        CHECK(key);
        CHECK(pyrs_cc_expr(c, target->v.Subscript.value, obj));
        CHECK(pyrs_cc_expr(c, target->v.Subscript.slice, key));
        EMIT(PYRS_OP_DELSUBSCR, obj, key, 0, 0);
        break;
    }
    case PYRS_K_Tuple:
    case PYRS_K_List: {
        PyrsAstSeq *elts =
            target->kind == PYRS_K_Tuple ? target->v.Tuple.elts : target->v.List.elts;
        for (long i = 0; i < PYRS_SEQ_LEN(elts); i++) {
            CHECK(pyrs_cc_delete(c, PYRS_SEQ_GET(elts, i)));
        }
        break;
    }
    default:
        return pyrs_cc_error(c, target->lineno, target->col_offset, "cannot delete this");
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}
