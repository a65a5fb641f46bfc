/* compile_fold.c: the constant folding CPython 3.11's AST optimizer does before its compiler
 * runs, on pyrs's AST: unary and binary operators, subscripts and tuples of constants become
 * constants, a `not` over a single is/in comparison becomes the opposite comparison, and a
 * list or set display that a `for` loop, a comprehension or an `in` test iterates becomes a
 * tuple or a frozenset. Results that would be big (ints over 128 bits, strings over 4096
 * characters, collections over 256 items) and operations that fail are left to run time. */
#include <string.h>

#include "Python.h"
#include "ast.h"
#include "ast_const.h"
#include "compile_fold.h"
#include "compile_internal.h"

#define MAX_INT_BITS        128  /* largest int a fold may produce, in bits */
#define MAX_COLLECTION_SIZE 256  /* largest tuple or frozenset from `seq * n` */
#define MAX_STR_SIZE        4096 /* largest str or bytes from `s * n` */
#define MAX_TOTAL_ITEMS     1024 /* items, nested ones included, of a repeated collection */

typedef struct {
    PyrsArena *arena; /* where new constants live */
    PyObject *keep;   /* list holding the values of the new constants */
} Folder;

/* ---- the operations, refusing results that would be too big ---------------------------- */

/* The number of items in collection V counting nested tuples and frozensets, minus from
 * LIMIT: what is left, negative when over. */
static Py_ssize_t
items_left(PyObject *v, Py_ssize_t limit)
{
    if (PyTuple_Check(v)) {
        limit -= PyTuple_GET_SIZE(v);
        for (Py_ssize_t i = 0; limit >= 0 && i < PyTuple_GET_SIZE(v); i++) {
            limit = items_left(PyTuple_GET_ITEM(v, i), limit);
        }
    } else if (PyFrozenSet_Check(v)) {
        limit -= PySet_GET_SIZE(v);
    }
    return limit;
}

static int
nonzero_ints(PyObject *v, PyObject *w)
{
    return PyLong_Check(v) && PyLong_Check(w) && Py_SIZE(v) != 0 && Py_SIZE(w) != 0;
}

/* V * W, or NULL (maybe without an exception) when the result would be too big. */
static PyObject *
fold_multiply(PyObject *v, PyObject *w)
{
    if (nonzero_ints(v, w)) {
        size_t vbits = _PyLong_NumBits(v), wbits = _PyLong_NumBits(w);
        if (vbits == (size_t)-1 || wbits == (size_t)-1 || vbits + wbits > MAX_INT_BITS) {
            return NULL;
        }
    } else if (PyLong_Check(v) && (PyTuple_Check(w) || PyFrozenSet_Check(w))) {
        Py_ssize_t size = PyTuple_Check(w) ? PyTuple_GET_SIZE(w) : PySet_GET_SIZE(w);
        if (size > 0) {
            long n = PyLong_AsLong(v);
            if (n < 0 || n > MAX_COLLECTION_SIZE / size ||
                (n > 0 && items_left(w, MAX_TOTAL_ITEMS / n) < 0)) {
                return NULL;
            }
        }
    } else if (PyLong_Check(v) && (PyUnicode_Check(w) || PyBytes_Check(w))) {
        Py_ssize_t size = PyUnicode_Check(w) ? PyUnicode_GET_LENGTH(w) : PyBytes_GET_SIZE(w);
        if (size > 0) {
            long n = PyLong_AsLong(v);
            if (n < 0 || n > MAX_STR_SIZE / size) {
                return NULL;
            }
        }
    } else if (PyLong_Check(w) && (PyTuple_Check(v) || PyFrozenSet_Check(v) || PyUnicode_Check(v) ||
                                   PyBytes_Check(v))) {
        return fold_multiply(w, v);
    }
    return PyNumber_Multiply(v, w);
}

static PyObject *
fold_power(PyObject *v, PyObject *w)
{
    if (nonzero_ints(v, w) && Py_SIZE(w) > 0) {
        size_t vbits = _PyLong_NumBits(v), wbits = PyLong_AsSize_t(w);
        if (vbits == (size_t)-1 || wbits == (size_t)-1 || vbits > MAX_INT_BITS / wbits) {
            return NULL;
        }
    }
    return PyNumber_Power(v, w, Py_None);
}

static PyObject *
fold_lshift(PyObject *v, PyObject *w)
{
    if (nonzero_ints(v, w)) {
        size_t vbits = _PyLong_NumBits(v), wbits = PyLong_AsSize_t(w);
        if (vbits == (size_t)-1 || wbits == (size_t)-1 || wbits > MAX_INT_BITS ||
            vbits > MAX_INT_BITS - wbits) {
            return NULL;
        }
    }
    return PyNumber_Lshift(v, w);
}

/* %-formatting is left alone: its result depends on the format, not just the sizes. */
static PyObject *
fold_remainder(PyObject *v, PyObject *w)
{
    if (PyUnicode_Check(v) || PyBytes_Check(v)) {
        return NULL;
    }
    return PyNumber_Remainder(v, w);
}

static PyObject *
binary(PyrsOperator op, PyObject *v, PyObject *w)
{
    switch (op) {
    case PYRS_OP_ADD:
        return PyNumber_Add(v, w);
    case PYRS_OP_SUB:
        return PyNumber_Subtract(v, w);
    case PYRS_OP_MULT:
        return fold_multiply(v, w);
    case PYRS_OP_DIV:
        return PyNumber_TrueDivide(v, w);
    case PYRS_OP_FLOORDIV:
        return PyNumber_FloorDivide(v, w);
    case PYRS_OP_MOD:
        return fold_remainder(v, w);
    case PYRS_OP_POW:
        return fold_power(v, w);
    case PYRS_OP_LSHIFT:
        return fold_lshift(v, w);
    case PYRS_OP_RSHIFT:
        return PyNumber_Rshift(v, w);
    case PYRS_OP_BITOR:
        return PyNumber_Or(v, w);
    case PYRS_OP_BITXOR:
        return PyNumber_Xor(v, w);
    case PYRS_OP_BITAND:
        return PyNumber_And(v, w);
    case PYRS_OP_MATMULT:
        break; /* no constant type has it */
    }
    return NULL;
}

static PyObject *
unary(PyrsUnaryOp op, PyObject *v)
{
    switch (op) {
    case PYRS_UNARY_INVERT:
        return PyNumber_Invert(v);
    case PYRS_UNARY_UADD:
        return PyNumber_Positive(v);
    case PYRS_UNARY_USUB:
        return PyNumber_Negative(v);
    case PYRS_UNARY_NOT: {
        int truth = PyObject_Not(v);
        return truth < 0 ? NULL : PyBool_FromLong(truth);
    }
    }
    return NULL;
}

/* ---- rewriting nodes -------------------------------------------------------------------- */

/* The value of constant node E (a new reference), or NULL with an exception. */
static PyObject *
value_of(PyrsExpr *e)
{
    return pyrs_cc_pyconst(e->v.Constant.value);
}

/* Turns E into a Constant holding VALUE (a new reference, consumed). NULL VALUE means the
 * fold did not happen: its exception, if any, is dropped (the code raises it when it runs)
 * and E is left as it is. 0, or -1 when out of memory. */
static int
make_constant(Folder *f, PyrsExpr *e, PyObject *value)
{
    if (value == NULL) {
        if (PyErr_Occurred() && PyErr_ExceptionMatches(PyExc_MemoryError)) {
            return -1;
        }
        PyErr_Clear();
        return 0;
    }
    PyrsConst *k = pyrs_arena_alloc(f->arena, sizeof *k);
    if (k == NULL || PyList_Append(f->keep, value) < 0) {
        Py_DECREF(value);
        if (k == NULL) {
            PyErr_NoMemory();
        }
        return -1;
    }
    memset(k, 0, sizeof *k);
    k->kind = PYRS_CONST_OBJECT;
    k->obj = value;
    Py_DECREF(value); /* KEEP holds it */
    e->kind = PYRS_K_Constant;
    e->v.Constant.value = k;
    e->v.Constant.kind = NULL;
    return 0;
}

/* A tuple of the values of ELTS when every one is a constant; NULL (no exception) when not. */
static PyObject *
constant_tuple(PyrsAstSeq *elts)
{
    long n = PYRS_SEQ_LEN(elts);
    for (long i = 0; i < n; i++) {
        if (((PyrsExpr *)PYRS_SEQ_GET(elts, i))->kind != PYRS_K_Constant) {
            return NULL;
        }
    }
    PyObject *t = PyTuple_New(n);
    for (long i = 0; t != NULL && i < n; i++) {
        PyObject *v = value_of(PYRS_SEQ_GET(elts, i));
        if (v == NULL) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, i, v);
    }
    return t;
}

/* E is iterated (a `for`, a comprehension's `for`, the right side of `in`): a list display
 * becomes a tuple display (constant when its items are), a set display of constants a
 * frozenset. */
static int
fold_iterable(Folder *f, PyrsExpr *e)
{
    if (e->kind == PYRS_K_List) {
        PyrsAstSeq *elts = e->v.List.elts;
        if (pyrs_cc_has_starred(elts)) {
            return 0;
        }
        PyrsExprContext ctx = e->v.List.ctx;
        e->kind = PYRS_K_Tuple;
        e->v.Tuple.elts = elts;
        e->v.Tuple.ctx = ctx;
        return make_constant(f, e, constant_tuple(elts));
    }
    if (e->kind == PYRS_K_Set) {
        PyObject *items = constant_tuple(e->v.Set.elts);
        PyObject *set = items != NULL ? PyFrozenSet_New(items) : NULL;
        Py_XDECREF(items);
        return make_constant(f, e, set);
    }
    return 0;
}

/* `not (a is b)` -> `a is not b`, and likewise for is not, in and not in (exact inverses;
 * the others are not, since a type may define them independently). */
static void
invert_comparison(PyrsExpr *e)
{
    PyrsExpr *cmp = e->v.UnaryOp.operand;
    if (cmp->kind != PYRS_K_Compare || PYRS_SEQ_LEN(cmp->v.Compare.ops) != 1) {
        return;
    }
    PyrsCmpOp op = (PyrsCmpOp)(intptr_t)PYRS_SEQ_GET(cmp->v.Compare.ops, 0);
    PyrsCmpOp inverse = op == PYRS_CMP_IS      ? PYRS_CMP_ISNOT
                        : op == PYRS_CMP_ISNOT ? PYRS_CMP_IS
                        : op == PYRS_CMP_IN    ? PYRS_CMP_NOTIN
                        : op == PYRS_CMP_NOTIN ? PYRS_CMP_IN
                                               : 0;
    if (inverse != 0) {
        PYRS_SEQ_SET(cmp->v.Compare.ops, 0, (intptr_t)inverse);
        *e = *cmp; /* position included, as CPython copies the node */
    }
}

static int
fold_unaryop(Folder *f, PyrsExpr *e)
{
    PyrsExpr *arg = e->v.UnaryOp.operand;
    if (arg->kind != PYRS_K_Constant) {
        if (e->v.UnaryOp.op == PYRS_UNARY_NOT) {
            invert_comparison(e);
        }
        return 0;
    }
    PyObject *v = value_of(arg);
    if (v == NULL) {
        return -1;
    }
    PyObject *r = unary(e->v.UnaryOp.op, v);
    Py_DECREF(v);
    return make_constant(f, e, r);
}

static int
fold_binop(Folder *f, PyrsExpr *e)
{
    PyrsExpr *l = e->v.BinOp.left, *r = e->v.BinOp.right;
    if (l->kind != PYRS_K_Constant || r->kind != PYRS_K_Constant) {
        return 0;
    }
    PyObject *lv = value_of(l);
    PyObject *rv = lv != NULL ? value_of(r) : NULL;
    if (rv == NULL) {
        Py_XDECREF(lv);
        return -1;
    }
    PyObject *res = binary(e->v.BinOp.op, lv, rv);
    Py_DECREF(lv);
    Py_DECREF(rv);
    return make_constant(f, e, res);
}

static int
fold_subscript(Folder *f, PyrsExpr *e)
{
    PyrsExpr *value = e->v.Subscript.value, *index = e->v.Subscript.slice;
    if (e->v.Subscript.ctx != PYRS_CTX_LOAD || value->kind != PYRS_K_Constant ||
        index->kind != PYRS_K_Constant) {
        return 0;
    }
    PyObject *v = value_of(value);
    PyObject *i = v != NULL ? value_of(index) : NULL;
    if (i == NULL) {
        Py_XDECREF(v);
        return -1;
    }
    PyObject *res = PyObject_GetItem(v, i);
    Py_DECREF(v);
    Py_DECREF(i);
    return make_constant(f, e, res);
}

/* Folds expression E, whose children are already folded. */
static int
fold_expr(Folder *f, PyrsExpr *e)
{
    switch (e->kind) {
    case PYRS_K_UnaryOp:
        return fold_unaryop(f, e);
    case PYRS_K_BinOp:
        return fold_binop(f, e);
    case PYRS_K_Subscript:
        return fold_subscript(f, e);
    case PYRS_K_Tuple:
        if (e->v.Tuple.ctx != PYRS_CTX_LOAD) {
            return 0;
        }
        return make_constant(f, e, constant_tuple(e->v.Tuple.elts));
    case PYRS_K_Compare: {
        long last = PYRS_SEQ_LEN(e->v.Compare.ops) - 1;
        PyrsCmpOp op = (PyrsCmpOp)(intptr_t)PYRS_SEQ_GET(e->v.Compare.ops, last);
        if (op == PYRS_CMP_IN || op == PYRS_CMP_NOTIN) {
            return fold_iterable(f, PYRS_SEQ_GET(e->v.Compare.comparators, last));
        }
        return 0;
    }
    default:
        return 0;
    }
}

/* ---- the walk ----------------------------------------------------------------------------- */

/* Folds the tree under NODE bottom-up: children first, then the node itself. */
static int
fold_node(void *ctx, PyrsAstNodeType type, void *node)
{
    Folder *f = ctx;
    if (pyrs_ast_children(type, node, fold_node, f) != 0) {
        return -1;
    }
    if (type == PYRS_NT_EXPR) {
        return fold_expr(f, node);
    }
    if (type == PYRS_NT_comprehension) {
        return fold_iterable(f, ((PyrsComprehension *)node)->iter);
    }
    if (type == PYRS_NT_STMT) {
        PyrsStmt *s = node;
        if (s->kind == PYRS_K_For) { /* not `async for`, as CPython */
            return fold_iterable(f, s->v.For.iter);
        }
    }
    return 0;
}

int
pyrs_fold_constants(PyrsMod *mod, PyrsArena *arena, PyObject *keep)
{
    Folder f = {arena, keep};
    return fold_node(&f, PYRS_NT_MOD, mod);
}
