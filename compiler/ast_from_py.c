/* ast_from_py.c: compile() of AST objects: a tree of _ast node objects turned back into the
 * compiler's AST (ast.h), then validated and compiled. Mirrors CPython 3.11's obj2ast functions
 * (Python-ast.c): attributes read in the same order, with the same errors ("required field
 * \"lineno\" missing from stmt", "expected some sort of expr, but got ...", "field 'id' is
 * required for Name", "AST identifier must be of type str", "invalid integer value: ..."). */
#include <string.h>

#include "Python.h"
#include "ast.h"
#include "ast_const.h"
#include "ast_from_py.h"
#include "compile.h"
#include "pyrs/bltin.h"

/* One conversion: where nodes go, and the list holding the constants' objects. */
typedef struct {
    PyrsArena *arena; /* owns the converted nodes */
    PyObject *keep;   /* list of the Constant values referenced from the tree */
} Conv;

/* The node classes of _ast, fetched once (CPython checks against its own types too). */
static struct {
    int ready;
    PyObject *kinds[PYRS_K__COUNT]; /* constructor classes, by kind */
    PyObject *ctx[4];               /* Load, Store, Del (index = enum value) */
    PyObject *boolop[3];
    PyObject *operator_[14];
    PyObject *unaryop[5];
    PyObject *cmpop[11];
} cls;

/* ---- classes ---------------------------------------------------------------------------- */

static int
fetch(PyObject *m, const char *name, PyObject **slot)
{
    *slot = PyObject_GetAttrString(m, name);
    return *slot != NULL ? 0 : -1;
}

/* Fetches the classes of a simple sum (values 1..N-1) named by NAME_OF. */
static int
fetch_simple(PyObject *m, PyObject **table, int n, const char *(*name_of)(int))
{
    for (int i = 1; i < n; i++) {
        if (fetch(m, name_of(i), &table[i]) < 0) {
            return -1;
        }
    }
    return 0;
}

static const char *
ctx_name(int i)
{
    return pyrs_ast_ctx_name((PyrsExprContext)i);
}

static const char *
boolop_name(int i)
{
    return pyrs_ast_boolop_name((PyrsBoolOp)i);
}

static const char *
operator_name(int i)
{
    return pyrs_ast_operator_name((PyrsOperator)i);
}

static const char *
unaryop_name(int i)
{
    return pyrs_ast_unaryop_name((PyrsUnaryOp)i);
}

static const char *
cmpop_name(int i)
{
    return pyrs_ast_cmpop_name((PyrsCmpOp)i);
}

static int
load_classes(void)
{
    if (cls.ready) {
        return 0;
    }
    PyObject *m = pyrs_bltin_ast_module();
    if (m == NULL) {
        return -1;
    }
    int r = 0;
    for (int k = PYRS_K__INVALID + 1; r == 0 && k < PYRS_K__COUNT; k++) {
        r = fetch(m, pyrs_ast_kind_name((PyrsAstKind)k), &cls.kinds[k]);
    }
    if (r == 0 && (fetch_simple(m, cls.ctx, 4, ctx_name) < 0 ||
                   fetch_simple(m, cls.boolop, 3, boolop_name) < 0 ||
                   fetch_simple(m, cls.operator_, 14, operator_name) < 0 ||
                   fetch_simple(m, cls.unaryop, 5, unaryop_name) < 0 ||
                   fetch_simple(m, cls.cmpop, 11, cmpop_name) < 0)) {
        r = -1;
    }
    Py_DECREF(m);
    cls.ready = r == 0;
    return r;
}

/* ---- reading attributes ----------------------------------------------------------------- */

/* The type's name without its module, as CPython's _PyType_Name. */
static const char *
short_type_name(PyObject *o)
{
    const char *name = Py_TYPE(o)->tp_name;
    const char *dot = strrchr(name, '.');
    return dot != NULL ? dot + 1 : name;
}

/* Field NAME of OWNER's object OBJ in *V (new reference). A missing required field raises
 * CPython's TypeError; a missing or None optional one leaves *V NULL. 0, or -1. */
static int
field(PyObject *obj, const char *owner, const char *name, int optional, PyObject **v)
{
    *v = PyObject_GetAttrString(obj, name);
    if (*v == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
            return -1;
        }
        PyErr_Clear();
        if (!optional) {
            PyErr_Format(PyExc_TypeError, "required field \"%s\" missing from %s", name, owner);
            return -1;
        }
    }
    if (optional && *v == Py_None) {
        Py_CLEAR(*v);
    }
    return 0;
}

/* Guards one level of conversion below a node of kind OWNER, as CPython does. */
static int
enter(const char *owner)
{
    char where[96];
    snprintf(where, sizeof where, " while traversing '%s' node", owner);
    return Py_EnterRecursiveCall(where);
}

/* ValueError "field 'NAME' is required for OWNER"; -1. */
static int
required(const char *name, const char *owner)
{
    PyErr_Format(PyExc_ValueError, "field '%s' is required for %s", name, owner);
    return -1;
}

/* ---- primitive values ------------------------------------------------------------------- */

/* An arena copy of str S as UTF-8 (lone surrogates kept, as the parser keeps them). */
static int
utf8_copy(Conv *c, PyObject *s, const char **out, size_t *len)
{
    PyObject *b = PyUnicode_AsEncodedString(s, "utf-8", "surrogatepass");
    if (b == NULL) {
        return -1;
    }
    size_t n = (size_t)PyBytes_GET_SIZE(b);
    char *p = pyrs_arena_strndup(c->arena, PyBytes_AS_STRING(b), n);
    Py_DECREF(b);
    if (p == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *out = p;
    if (len != NULL) {
        *len = n;
    }
    return 0;
}

static int
conv_ident(Conv *c, PyObject *o, const char **out)
{
    *out = NULL;
    if (o == Py_None) {
        return 0;
    }
    if (!PyUnicode_CheckExact(o)) {
        PyErr_SetString(PyExc_TypeError, "AST identifier must be of type str");
        return -1;
    }
    return utf8_copy(c, o, out, NULL);
}

static int
conv_string(Conv *c, PyObject *o, const char **out)
{
    *out = NULL;
    if (o == Py_None) {
        return 0;
    }
    if (PyBytes_CheckExact(o)) {
        *out = pyrs_arena_strndup(c->arena, PyBytes_AS_STRING(o), (size_t)PyBytes_GET_SIZE(o));
        return *out != NULL ? 0 : (PyErr_NoMemory(), -1);
    }
    if (!PyUnicode_CheckExact(o)) {
        PyErr_SetString(PyExc_TypeError, "AST string must be of type str");
        return -1;
    }
    return utf8_copy(c, o, out, NULL);
}

static int
conv_int(Conv *c, PyObject *o, int *out)
{
    (void)c;
    if (!PyLong_Check(o)) {
        PyErr_Format(PyExc_ValueError, "invalid integer value: %R", o);
        return -1;
    }
    int v = _PyLong_AsInt(o);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = v;
    return 0;
}

/* The decimal text of int constant O in K->data, as the parser stores it (no sign when the
 * value fits K->ival, whose sign repr() prints; the whole text otherwise), for the printers
 * (PEP 563 annotations); left empty when str() refuses (over sys.set_int_max_str_digits). */
static int
int_digits(Conv *c, PyObject *o, PyrsConst *k)
{
    PyObject *text = PyObject_Str(o);
    if (text == NULL) {
        PyErr_Clear();
        k->data = "";
        return 0;
    }
    Py_ssize_t n = 0;
    const char *s = PyUnicode_AsUTF8AndSize(text, &n);
    if (s != NULL && k->int_fits && s[0] == '-') {
        s++;
        n--;
    }
    k->data = s != NULL ? pyrs_arena_strndup(c->arena, s, (size_t)n) : NULL;
    k->len = (size_t)n;
    Py_DECREF(text);
    if (k->data == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

/* The kind and payload of a constant value; the object itself stays in K->obj. */
static int
fill_const(Conv *c, PyObject *o, PyrsConst *k)
{
    k->kind = o == Py_None       ? PYRS_CONST_NONE
              : o == Py_True     ? PYRS_CONST_TRUE
              : o == Py_False    ? PYRS_CONST_FALSE
              : o == Py_Ellipsis ? PYRS_CONST_ELLIPSIS
                                 : PYRS_CONST_OBJECT;
    if (PyLong_CheckExact(o)) {
        int overflow = 0;
        long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
        if (v == -1 && PyErr_Occurred()) {
            return -1;
        }
        k->kind = PYRS_CONST_INT;
        k->int_fits = !overflow;
        k->ival = overflow ? 0 : (int64_t)v;
        return int_digits(c, o, k);
    } else if (PyFloat_CheckExact(o)) {
        k->kind = PYRS_CONST_FLOAT;
        k->fval = PyFloat_AS_DOUBLE(o);
    } else if (PyComplex_CheckExact(o)) {
        k->kind = PYRS_CONST_COMPLEX;
        k->real = PyComplex_RealAsDouble(o);
        k->fval = PyComplex_ImagAsDouble(o);
    } else if (PyUnicode_CheckExact(o)) {
        k->kind = PYRS_CONST_STR;
        return utf8_copy(c, o, &k->data, &k->len);
    } else if (PyBytes_CheckExact(o)) {
        k->kind = PYRS_CONST_BYTES;
        k->len = (size_t)PyBytes_GET_SIZE(o);
        k->data = pyrs_arena_strndup(c->arena, PyBytes_AS_STRING(o), k->len);
        if (k->data == NULL) {
            PyErr_NoMemory();
            return -1;
        }
    }
    return 0;
}

static int
conv_const(Conv *c, PyObject *o, PyrsConst **out)
{
    PyrsConst *k = pyrs_arena_alloc(c->arena, sizeof *k);
    if (k == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (PyList_Append(c->keep, o) < 0 || fill_const(c, o, k) < 0) {
        return -1;
    }
    k->obj = o;
    *out = k;
    return 0;
}

/* The value (1..N-1) of a simple sum from an instance of one of CLASSES. */
static int
conv_simple(PyObject *o, PyObject **classes, int n, const char *what, int *out)
{
    for (int i = 1; i < n; i++) {
        int r = PyObject_IsInstance(o, classes[i]);
        if (r != 0) {
            *out = i;
            return r < 0 ? -1 : 0;
        }
    }
    PyErr_Format(PyExc_TypeError, "expected some sort of %s, but got %R", what, o);
    return -1;
}

#define SIMPLE_CONV_(fn, CT, table, n, what)                                                       \
    static int fn(Conv *c, PyObject *o, CT *out)                                                   \
    {                                                                                              \
        int v = 0;                                                                                 \
        (void)c;                                                                                   \
        if (conv_simple(o, cls.table, n, what, &v) < 0) {                                          \
            return -1;                                                                             \
        }                                                                                          \
        *out = (CT)v;                                                                              \
        return 0;                                                                                  \
    }

SIMPLE_CONV_(conv_ctx, PyrsExprContext, ctx, 4, "expr_context")
SIMPLE_CONV_(conv_boolop, PyrsBoolOp, boolop, 3, "boolop")
SIMPLE_CONV_(conv_operator, PyrsOperator, operator_, 14, "operator")
SIMPLE_CONV_(conv_unaryop, PyrsUnaryOp, unaryop, 5, "unaryop")
SIMPLE_CONV_(conv_cmpop, PyrsCmpOp, cmpop, 11, "cmpop")

/* ---- nodes: forward declarations and list items ------------------------------------------ */

static int conv_mod(Conv *c, PyObject *obj, PyrsMod **out);
static int conv_stmt(Conv *c, PyObject *obj, PyrsStmt **out);
static int conv_expr(Conv *c, PyObject *obj, PyrsExpr **out);
static int conv_handler(Conv *c, PyObject *obj, PyrsExceptHandler **out);
static int conv_pattern(Conv *c, PyObject *obj, PyrsPattern **out);
static int conv_type_ignore(Conv *c, PyObject *obj, PyrsTypeIgnore **out);
#define PRODUCT_DECL_(name, CType, located)                                                        \
    static int conv_##name(Conv *c, PyObject *obj, struct CType **out);
PYRS_AST_PRODUCTS(PRODUCT_DECL_)

typedef int (*ItemConv)(Conv *c, PyObject *o, void **out);

#define ITEM_(fn, T, conv)                                                                         \
    static int fn(Conv *c, PyObject *o, void **out)                                                \
    {                                                                                              \
        T v = NULL;                                                                                \
        int r = conv(c, o, &v);                                                                    \
        *out = (void *)v;                                                                          \
        return r;                                                                                  \
    }

ITEM_(item_expr, PyrsExpr *, conv_expr)
ITEM_(item_stmt, PyrsStmt *, conv_stmt)
ITEM_(item_pattern, PyrsPattern *, conv_pattern)
ITEM_(item_handler, PyrsExceptHandler *, conv_handler)
ITEM_(item_type_ignore, PyrsTypeIgnore *, conv_type_ignore)
ITEM_(item_arg, PyrsArg *, conv_arg)
ITEM_(item_keyword, PyrsKeyword *, conv_keyword)
ITEM_(item_alias, PyrsAlias *, conv_alias)
ITEM_(item_withitem, PyrsWithItem *, conv_withitem)
ITEM_(item_match_case, PyrsMatchCase *, conv_match_case)
ITEM_(item_comprehension, PyrsComprehension *, conv_comprehension)

static int
item_ident(Conv *c, PyObject *o, void **out)
{
    const char *s = NULL;
    int r = conv_ident(c, o, &s);
    *out = (void *)s;
    return r;
}

static int
item_cmpop(Conv *c, PyObject *o, void **out)
{
    PyrsCmpOp op = PYRS_CMP_EQ;
    int r = conv_cmpop(c, o, &op);
    *out = (void *)(intptr_t)op;
    return r;
}

/* ---- field readers, one per field code of ast.h ------------------------------------------- */

/* A list field: each item converted by FN, with CPython's list errors. */
static int
rd_seq(Conv *c, PyObject *obj, const char *owner, const char *name, ItemConv fn, PyrsAstSeq **out)
{
    PyObject *v;
    if (field(obj, owner, name, 0, &v) < 0) {
        return -1;
    }
    if (!PyList_Check(v)) {
        PyErr_Format(PyExc_TypeError, "%s field \"%s\" must be a list, not a %.200s", owner, name,
                     short_type_name(v));
        Py_DECREF(v);
        return -1;
    }
    Py_ssize_t n = PyList_GET_SIZE(v);
    PyrsAstSeq *seq = pyrs_ast_seq_new(c->arena, (long)n);
    int r = seq != NULL ? 0 : (PyErr_NoMemory(), -1);
    for (Py_ssize_t i = 0; r == 0 && i < n; i++) {
        PyObject *item = Py_NewRef(PyList_GET_ITEM(v, i));
        void *p = NULL;
        r = enter(owner);
        if (r == 0) {
            r = fn(c, item, &p);
            Py_LeaveRecursiveCall();
        }
        Py_DECREF(item);
        if (r == 0 && n != PyList_GET_SIZE(v)) {
            PyErr_Format(PyExc_RuntimeError, "%s field \"%s\" changed size during iteration", owner,
                         name);
            r = -1;
        }
        if (r == 0) {
            PYRS_SEQ_SET(seq, i, p);
        }
    }
    Py_DECREF(v);
    *out = seq;
    return r;
}

#define SEQ_READER_(code, item)                                                                    \
    static int rd_##code(Conv *c, PyObject *obj, const char *owner, const char *name,              \
                         PyrsAstSeq **out)                                                         \
    {                                                                                              \
        return rd_seq(c, obj, owner, name, item, out);                                             \
    }

SEQ_READER_(EXPRS, item_expr)
SEQ_READER_(STMTS, item_stmt)
SEQ_READER_(IDENTS, item_ident)
SEQ_READER_(CMPOPS, item_cmpop)
SEQ_READER_(ARGS, item_arg)
SEQ_READER_(KEYWORDS, item_keyword)
SEQ_READER_(ALIASES, item_alias)
SEQ_READER_(WITHITEMS, item_withitem)
SEQ_READER_(MATCHCASES, item_match_case)
SEQ_READER_(HANDLERS, item_handler)
SEQ_READER_(COMPS, item_comprehension)
SEQ_READER_(TYPEIGNORES, item_type_ignore)
SEQ_READER_(PATTERNS, item_pattern)

/* A single-object field converted by CONV (left untouched when optional and absent). */
#define ONE_READER_(code, CT, optional, conv)                                                      \
    static int rd_##code(Conv *c, PyObject *obj, const char *owner, const char *name, CT *out)     \
    {                                                                                              \
        PyObject *v;                                                                               \
        if (field(obj, owner, name, optional, &v) < 0) {                                           \
            return -1;                                                                             \
        }                                                                                          \
        if (v == NULL) {                                                                           \
            return 0;                                                                              \
        }                                                                                          \
        int r = enter(owner);                                                                      \
        if (r == 0) {                                                                              \
            r = conv(c, v, out);                                                                   \
            Py_LeaveRecursiveCall();                                                               \
        }                                                                                          \
        Py_DECREF(v);                                                                              \
        return r;                                                                                  \
    }

ONE_READER_(EXPR, PyrsExpr *, 0, conv_expr)
ONE_READER_(OEXPR, PyrsExpr *, 1, conv_expr)
ONE_READER_(IDENT, const char *, 0, conv_ident)
ONE_READER_(OIDENT, const char *, 1, conv_ident)
ONE_READER_(STRING, const char *, 0, conv_string)
ONE_READER_(OSTRING, const char *, 1, conv_string)
ONE_READER_(CONST, PyrsConst *, 0, conv_const)
ONE_READER_(CTX, PyrsExprContext, 0, conv_ctx)
ONE_READER_(BOOLOP, PyrsBoolOp, 0, conv_boolop)
ONE_READER_(OPERATOR, PyrsOperator, 0, conv_operator)
ONE_READER_(UNARYOP, PyrsUnaryOp, 0, conv_unaryop)
ONE_READER_(ARGUMENTS, PyrsArguments *, 0, conv_arguments)
ONE_READER_(OARG, PyrsArg *, 1, conv_arg)
ONE_READER_(PATTERN, PyrsPattern *, 0, conv_pattern)
ONE_READER_(OPATTERN, PyrsPattern *, 1, conv_pattern)
ONE_READER_(REQINT_, int, 0, conv_int)
ONE_READER_(OPTINT_, int, 1, conv_int)

/* int fields; ImportFrom.level is the only `int?` of 3.11's ASDL (None or absent: 0). */
static int
rd_INT(Conv *c, PyObject *obj, const char *owner, const char *name, int *out)
{
    if (strcmp(owner, "ImportFrom") == 0) {
        *out = 0;
        return rd_OPTINT_(c, obj, owner, name, out);
    }
    return rd_REQINT_(c, obj, owner, name, out);
}

/* The four position attributes of a located node (end_* default to the start). */
static int
read_location(Conv *c, PyObject *obj, const char *owner, int *loc)
{
    if (rd_REQINT_(c, obj, owner, "lineno", &loc[0]) < 0 ||
        rd_REQINT_(c, obj, owner, "col_offset", &loc[1]) < 0) {
        return -1;
    }
    loc[2] = loc[0];
    loc[3] = loc[1];
    return rd_OPTINT_(c, obj, owner, "end_lineno", &loc[2]) < 0 ||
                   rd_OPTINT_(c, obj, owner, "end_col_offset", &loc[3]) < 0
               ? -1
               : 0;
}

/* ---- nodes ------------------------------------------------------------------------------ */

/* Which fields the node constructors insist on (CPython's "field 'x' is required for K"). */
#define REQ_EXPR(x)        ((x) == NULL)
#define REQ_IDENT(x)       ((x) == NULL)
#define REQ_STRING(x)      ((x) == NULL)
#define REQ_CONST(x)       ((x) == NULL)
#define REQ_ARGUMENTS(x)   ((x) == NULL)
#define REQ_PATTERN(x)     ((x) == NULL)
#define REQ_OEXPR(x)       0
#define REQ_EXPRS(x)       0
#define REQ_STMTS(x)       0
#define REQ_OIDENT(x)      0
#define REQ_IDENTS(x)      0
#define REQ_OSTRING(x)     0
#define REQ_INT(x)         0
#define REQ_CTX(x)         0
#define REQ_BOOLOP(x)      0
#define REQ_OPERATOR(x)    0
#define REQ_UNARYOP(x)     0
#define REQ_CMPOPS(x)      0
#define REQ_OARG(x)        0
#define REQ_ARGS(x)        0
#define REQ_KEYWORDS(x)    0
#define REQ_ALIASES(x)     0
#define REQ_WITHITEMS(x)   0
#define REQ_MATCHCASES(x)  0
#define REQ_HANDLERS(x)    0
#define REQ_COMPS(x)       0
#define REQ_TYPEIGNORES(x) 0
#define REQ_OPATTERN(x)    0
#define REQ_PATTERNS(x)    0

#define READ_FIELD_(code, name)                                                                    \
    if (rd_##code(c, obj, owner, #name, &f->name) < 0) {                                           \
        return -1;                                                                                 \
    }

#define CHECK_FIELD_(code, name)                                                                   \
    if (REQ_##code(f->name)) {                                                                     \
        return required(#name, owner);                                                             \
    }

/* One constructor of a sum: when OBJ is an instance, its fields are read into N. */
#define KIND_CASE_(Kind)                                                                           \
    if ((r = PyObject_IsInstance(obj, cls.kinds[PYRS_K_##Kind])) != 0) {                           \
        if (r < 0) {                                                                               \
            return -1;                                                                             \
        }                                                                                          \
        const char *owner = #Kind;                                                                 \
        struct PyrsAst_##Kind *f = &n->v.Kind;                                                     \
        (void)owner;                                                                               \
        (void)f;                                                                                   \
        n->kind = PYRS_K_##Kind;                                                                   \
        PYRS_AST_FIELDS_##Kind(READ_FIELD_) PYRS_AST_FIELDS_##Kind(CHECK_FIELD_) *out = n;         \
        return 0;                                                                                  \
    }

#define LOCATE_1_(what)                                                                            \
    int loc[4];                                                                                    \
    if (read_location(c, obj, what, loc) < 0) {                                                    \
        return -1;                                                                                 \
    }                                                                                              \
    n->lineno = loc[0];                                                                            \
    n->col_offset = loc[1];                                                                        \
    n->end_lineno = loc[2];                                                                        \
    n->end_col_offset = loc[3];
#define LOCATE_0_(what)

/* A sum type's converter: None gives NULL, then the location (located sums), then the first
 * constructor class OBJ is an instance of. */
#define SUM_CONV_(fn, Type, KINDS, what, located)                                                  \
    static int fn(Conv *c, PyObject *obj, Type **out)                                              \
    {                                                                                              \
        int r;                                                                                     \
        *out = NULL;                                                                               \
        if (obj == Py_None) {                                                                      \
            return 0;                                                                              \
        }                                                                                          \
        Type *n = pyrs_arena_alloc(c->arena, sizeof *n);                                           \
        if (n == NULL) {                                                                           \
            PyErr_NoMemory();                                                                      \
            return -1;                                                                             \
        }                                                                                          \
        LOCATE_##located##_(what) KINDS(KIND_CASE_)                                                \
            PyErr_Format(PyExc_TypeError, "expected some sort of %s, but got %R", what, obj);      \
        return -1;                                                                                 \
    }

SUM_CONV_(conv_mod, PyrsMod, PYRS_AST_MOD_KINDS, "mod", 0)
SUM_CONV_(conv_stmt, PyrsStmt, PYRS_AST_STMT_KINDS, "stmt", 1)
SUM_CONV_(conv_expr, PyrsExpr, PYRS_AST_EXPR_KINDS, "expr", 1)
SUM_CONV_(conv_handler, PyrsExceptHandler, PYRS_AST_HANDLER_KINDS, "excepthandler", 1)
SUM_CONV_(conv_pattern, PyrsPattern, PYRS_AST_PATTERN_KINDS, "pattern", 1)
SUM_CONV_(conv_type_ignore, PyrsTypeIgnore, PYRS_AST_TYPEIGNORE_KINDS, "type_ignore", 0)

#define PLOCATE_1_(owner)                                                                          \
    int loc[4];                                                                                    \
    if (read_location(c, obj, owner, loc) < 0) {                                                   \
        return -1;                                                                                 \
    }                                                                                              \
    f->lineno = loc[0];                                                                            \
    f->col_offset = loc[1];                                                                        \
    f->end_lineno = loc[2];                                                                        \
    f->end_col_offset = loc[3];
#define PLOCATE_0_(owner)

/* A product type's converter: its fields, then its position (located ones). */
#define PRODUCT_CONV_(name, CType, located)                                                        \
    static int conv_##name(Conv *c, PyObject *obj, struct CType **out)                             \
    {                                                                                              \
        const char *owner = #name;                                                                 \
        struct CType *f = pyrs_arena_alloc(c->arena, sizeof *f);                                   \
        *out = NULL;                                                                               \
        if (f == NULL) {                                                                           \
            PyErr_NoMemory();                                                                      \
            return -1;                                                                             \
        }                                                                                          \
        PYRS_AST_FIELDS_##name(READ_FIELD_) PLOCATE_##located##_(owner)                            \
            PYRS_AST_FIELDS_##name(CHECK_FIELD_) *out = f;                                         \
        return 0;                                                                                  \
    }

PYRS_AST_PRODUCTS(PRODUCT_CONV_)

/* ---- entry points ----------------------------------------------------------------------- */

PyrsMod *
pyrs_ast_from_py(PyObject *tree, int mode, PyrsArena *arena, PyObject *keep)
{
    static const char *const names[] = {"Module", "Expression", "Interactive", "FunctionType"};
    static const PyrsAstKind kinds[] = {PYRS_K_Module, PYRS_K_Expression, PYRS_K_Interactive,
                                        PYRS_K_FunctionType};
    if (mode < 0 || mode > 3) {
        PyErr_SetString(PyExc_SystemError, "invalid mode for an AST object");
        return NULL;
    }
    if (load_classes() < 0) {
        return NULL;
    }
    int r = PyObject_IsInstance(tree, cls.kinds[kinds[mode]]);
    if (r <= 0) {
        if (r == 0) {
            PyErr_Format(PyExc_TypeError, "expected %s node, got %.400s", names[mode],
                         short_type_name(tree));
        }
        return NULL;
    }
    Conv c = {arena, keep};
    PyrsMod *mod = NULL;
    return conv_mod(&c, tree, &mod) < 0 ? NULL : mod;
}

/* The compiler recurses on the tree as deep as the parser lets trees be; deeper trees are
 * CPython's RecursionError. 0, or -1 with it set. */
static int
depth_ok(PyrsMod *mod)
{
    if (pyrs_ast_deeper_than(PYRS_NT_MOD, mod, PYRS_AST_MAX_DEPTH)) {
        PyErr_SetString(PyExc_RecursionError,
                        "maximum recursion depth exceeded during compilation");
        return -1;
    }
    return 0;
}

PyObject *
pyrs_ast_compile_object(PyObject *tree, const char *filename, const char *mode)
{
    int m = strcmp(mode, "eval") == 0        ? 1
            : strcmp(mode, "single") == 0    ? 2
            : strcmp(mode, "func_type") == 0 ? 3
                                             : 0;
    PyrsArena *arena = pyrs_arena_new();
    PyObject *keep = PyList_New(0);
    PyObject *code = NULL;
    if (arena == NULL || keep == NULL) {
        if (arena == NULL) {
            PyErr_NoMemory();
        }
    } else {
        PyrsMod *mod = pyrs_ast_from_py(tree, m, arena, keep);
        if (mod != NULL && pyrs_ast_validate(mod) == 0 && depth_ok(mod) == 0) {
            PyObject *fn = PyUnicode_DecodeFSDefault(filename);
            code = fn != NULL ? pyrs_compile_module(mod, fn) : NULL;
            Py_XDECREF(fn);
        }
    }
    Py_XDECREF(keep);
    pyrs_arena_free(arena);
    return code;
}
