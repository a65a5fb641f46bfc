/* ast.h: the abstract syntax tree of Python 3.11 (the node kinds and fields of CPython 3.11's
 * `ast` module, same names, same field order), its arena, and one constructor per node kind.
 * Every node kind is listed once in the X-macro tables below; the structs, the constructors
 * (ast.c) and the printer (ast_dump.c) are all generated from them, so they cannot drift. */
#ifndef PYRS_AST_H
#define PYRS_AST_H

#include <stddef.h>
#include <stdint.h>

/* ---- Arena ------------------------------------------------------------------------------- */

/* Bump allocator owning every node, sequence, identifier and constant of one parse. Nothing
 * is freed individually; pyrs_arena_free releases everything at once. */
typedef struct PyrsArena PyrsArena;

/* A new empty arena, or NULL when out of memory. */
PyrsArena *pyrs_arena_new(void);

/* Releases the arena and everything allocated from it. NULL is accepted. */
void pyrs_arena_free(PyrsArena *arena);

/* SIZE bytes, zeroed, aligned for any node or double; NULL when out of memory. */
void *pyrs_arena_alloc(PyrsArena *arena, size_t size);

/* A NUL-terminated copy of S[0..LEN) owned by the arena; NULL when out of memory. */
char *pyrs_arena_strndup(PyrsArena *arena, const char *s, size_t len);

/* Bytes currently held by the arena (for statistics and tests). */
size_t pyrs_arena_size(const PyrsArena *arena);

/* ---- Sequences --------------------------------------------------------------------------- */

/* A growable sequence (ASDL's `T*`). Items are node pointers, identifier strings (char *)
 * or, for `cmpop*`, PyrsCmpOp values stored as (void *)(intptr_t)op. A NULL sequence
 * pointer means the empty sequence everywhere (constructors, dump, walkers). Some items
 * may be NULL where CPython allows None: Dict keys (`**d`) and arguments.kw_defaults. */
typedef struct PyrsAstSeq {
    long n;       /* number of items */
    long cap;     /* allocated slots */
    void **items; /* arena-owned array of CAP slots */
} PyrsAstSeq;

#define PYRS_SEQ_LEN(seq)       ((seq) ? (seq)->n : 0)
#define PYRS_SEQ_GET(seq, i)    ((seq)->items[(i)])
#define PYRS_SEQ_SET(seq, i, v) ((seq)->items[(i)] = (void *)(v))

/* A sequence of N items, all NULL (to be filled with PYRS_SEQ_SET); NULL when out of
 * memory. N may be 0. */
PyrsAstSeq *pyrs_ast_seq_new(PyrsArena *arena, long n);

/* Appends ITEM to SEQ (NULL SEQ: a new sequence is made) and returns the sequence, or NULL
 * when out of memory. The result may differ from SEQ only when SEQ was NULL. */
PyrsAstSeq *pyrs_ast_seq_append(PyrsArena *arena, PyrsAstSeq *seq, void *item);

/* ---- Simple sums (ASDL enums); values start at 1 as in CPython ---------------------------- */

typedef enum { PYRS_CTX_LOAD = 1, PYRS_CTX_STORE, PYRS_CTX_DEL } PyrsExprContext;

typedef enum { PYRS_BOOL_AND = 1, PYRS_BOOL_OR } PyrsBoolOp;

typedef enum {
    PYRS_OP_ADD = 1,
    PYRS_OP_SUB,
    PYRS_OP_MULT,
    PYRS_OP_MATMULT,
    PYRS_OP_DIV,
    PYRS_OP_MOD,
    PYRS_OP_POW,
    PYRS_OP_LSHIFT,
    PYRS_OP_RSHIFT,
    PYRS_OP_BITOR,
    PYRS_OP_BITXOR,
    PYRS_OP_BITAND,
    PYRS_OP_FLOORDIV
} PyrsOperator;

typedef enum {
    PYRS_UNARY_INVERT = 1,
    PYRS_UNARY_NOT,
    PYRS_UNARY_UADD,
    PYRS_UNARY_USUB
} PyrsUnaryOp;

typedef enum {
    PYRS_CMP_EQ = 1,
    PYRS_CMP_NOTEQ,
    PYRS_CMP_LT,
    PYRS_CMP_LTE,
    PYRS_CMP_GT,
    PYRS_CMP_GTE,
    PYRS_CMP_IS,
    PYRS_CMP_ISNOT,
    PYRS_CMP_IN,
    PYRS_CMP_NOTIN
} PyrsCmpOp;

/* Class names as ast.dump prints them ("Load", "Add", "NotIn", ...), indexed by value. */
const char *pyrs_ast_ctx_name(PyrsExprContext ctx);
const char *pyrs_ast_boolop_name(PyrsBoolOp op);
const char *pyrs_ast_operator_name(PyrsOperator op);
const char *pyrs_ast_unaryop_name(PyrsUnaryOp op);
const char *pyrs_ast_cmpop_name(PyrsCmpOp op);

/* ---- Node types -------------------------------------------------------------------------- */

typedef struct PyrsMod PyrsMod;
typedef struct PyrsStmt PyrsStmt;
typedef struct PyrsExpr PyrsExpr;
typedef struct PyrsExceptHandler PyrsExceptHandler;
typedef struct PyrsPattern PyrsPattern;
typedef struct PyrsTypeIgnore PyrsTypeIgnore;
typedef struct PyrsComprehension PyrsComprehension;
typedef struct PyrsArguments PyrsArguments;
typedef struct PyrsArg PyrsArg;
typedef struct PyrsKeyword PyrsKeyword;
typedef struct PyrsAlias PyrsAlias;
typedef struct PyrsWithItem PyrsWithItem;
typedef struct PyrsMatchCase PyrsMatchCase;
typedef struct PyrsConst PyrsConst; /* ast_const.h */

/* Field type codes used by the tables. O-prefixed codes are ASDL's `T?` (NULL = None, left
 * out by ast.dump); plural codes are `T*` (PyrsAstSeq *). Each code's C type: */
#define PYRS_AST_CT_EXPR        PyrsExpr *
#define PYRS_AST_CT_OEXPR       PyrsExpr *
#define PYRS_AST_CT_EXPRS       PyrsAstSeq *
#define PYRS_AST_CT_STMTS       PyrsAstSeq *
#define PYRS_AST_CT_IDENT       const char *
#define PYRS_AST_CT_OIDENT      const char *
#define PYRS_AST_CT_IDENTS      PyrsAstSeq *
#define PYRS_AST_CT_STRING      const char *
#define PYRS_AST_CT_OSTRING     const char *
#define PYRS_AST_CT_INT         int
#define PYRS_AST_CT_CONST       PyrsConst *
#define PYRS_AST_CT_CTX         PyrsExprContext
#define PYRS_AST_CT_BOOLOP      PyrsBoolOp
#define PYRS_AST_CT_OPERATOR    PyrsOperator
#define PYRS_AST_CT_UNARYOP     PyrsUnaryOp
#define PYRS_AST_CT_CMPOPS      PyrsAstSeq *
#define PYRS_AST_CT_ARGUMENTS   PyrsArguments *
#define PYRS_AST_CT_OARG        PyrsArg *
#define PYRS_AST_CT_ARGS        PyrsAstSeq *
#define PYRS_AST_CT_KEYWORDS    PyrsAstSeq *
#define PYRS_AST_CT_ALIASES     PyrsAstSeq *
#define PYRS_AST_CT_WITHITEMS   PyrsAstSeq *
#define PYRS_AST_CT_MATCHCASES  PyrsAstSeq *
#define PYRS_AST_CT_HANDLERS    PyrsAstSeq *
#define PYRS_AST_CT_COMPS       PyrsAstSeq *
#define PYRS_AST_CT_TYPEIGNORES PyrsAstSeq *
#define PYRS_AST_CT_PATTERN     PyrsPattern *
#define PYRS_AST_CT_OPATTERN    PyrsPattern *
#define PYRS_AST_CT_PATTERNS    PyrsAstSeq *

/* The tables, generated once from /usr/bin/python3.11's ast classes (their _fields order and
 * ASDL types). PYRS_AST_<SUM>_KINDS(K) calls K(Kind) for each constructor of a sum type;
 * PYRS_AST_FIELDS_<Kind>(F) calls F(CODE, name) for each field of Kind, in _fields order.
 * PYRS_AST_PRODUCTS(P) calls P(name, CType, located) for each product type; LOCATED is 1
 * when the node carries the four position attributes (arg, keyword, alias). */
// clang-format off
#define PYRS_AST_FIELDS_Module(F) F(STMTS, body) F(TYPEIGNORES, type_ignores)
#define PYRS_AST_FIELDS_Interactive(F) F(STMTS, body)
#define PYRS_AST_FIELDS_Expression(F) F(EXPR, body)
#define PYRS_AST_FIELDS_FunctionType(F) F(EXPRS, argtypes) F(EXPR, returns)
#define PYRS_AST_MOD_KINDS(K) K(Module) K(Interactive) K(Expression) K(FunctionType)

#define PYRS_AST_FIELDS_FunctionDef(F)                                                             \
    F(IDENT, name) F(ARGUMENTS, args) F(STMTS, body) F(EXPRS, decorator_list) F(OEXPR, returns)    \
    F(OSTRING, type_comment)
#define PYRS_AST_FIELDS_AsyncFunctionDef(F)                                                        \
    F(IDENT, name) F(ARGUMENTS, args) F(STMTS, body) F(EXPRS, decorator_list) F(OEXPR, returns)    \
    F(OSTRING, type_comment)
#define PYRS_AST_FIELDS_ClassDef(F)                                                                \
    F(IDENT, name) F(EXPRS, bases) F(KEYWORDS, keywords) F(STMTS, body) F(EXPRS, decorator_list)
#define PYRS_AST_FIELDS_Return(F) F(OEXPR, value)
#define PYRS_AST_FIELDS_Delete(F) F(EXPRS, targets)
#define PYRS_AST_FIELDS_Assign(F) F(EXPRS, targets) F(EXPR, value) F(OSTRING, type_comment)
#define PYRS_AST_FIELDS_AugAssign(F) F(EXPR, target) F(OPERATOR, op) F(EXPR, value)
#define PYRS_AST_FIELDS_AnnAssign(F)                                                               \
    F(EXPR, target) F(EXPR, annotation) F(OEXPR, value) F(INT, simple)
#define PYRS_AST_FIELDS_For(F)                                                                     \
    F(EXPR, target) F(EXPR, iter) F(STMTS, body) F(STMTS, orelse) F(OSTRING, type_comment)
#define PYRS_AST_FIELDS_AsyncFor(F)                                                                \
    F(EXPR, target) F(EXPR, iter) F(STMTS, body) F(STMTS, orelse) F(OSTRING, type_comment)
#define PYRS_AST_FIELDS_While(F) F(EXPR, test) F(STMTS, body) F(STMTS, orelse)
#define PYRS_AST_FIELDS_If(F) F(EXPR, test) F(STMTS, body) F(STMTS, orelse)
#define PYRS_AST_FIELDS_With(F) F(WITHITEMS, items) F(STMTS, body) F(OSTRING, type_comment)
#define PYRS_AST_FIELDS_AsyncWith(F) F(WITHITEMS, items) F(STMTS, body) F(OSTRING, type_comment)
#define PYRS_AST_FIELDS_Match(F) F(EXPR, subject) F(MATCHCASES, cases)
#define PYRS_AST_FIELDS_Raise(F) F(OEXPR, exc) F(OEXPR, cause)
#define PYRS_AST_FIELDS_Try(F)                                                                     \
    F(STMTS, body) F(HANDLERS, handlers) F(STMTS, orelse) F(STMTS, finalbody)
#define PYRS_AST_FIELDS_TryStar(F)                                                                 \
    F(STMTS, body) F(HANDLERS, handlers) F(STMTS, orelse) F(STMTS, finalbody)
#define PYRS_AST_FIELDS_Assert(F) F(EXPR, test) F(OEXPR, msg)
#define PYRS_AST_FIELDS_Import(F) F(ALIASES, names)
#define PYRS_AST_FIELDS_ImportFrom(F) F(OIDENT, module) F(ALIASES, names) F(INT, level)
#define PYRS_AST_FIELDS_Global(F) F(IDENTS, names)
#define PYRS_AST_FIELDS_Nonlocal(F) F(IDENTS, names)
#define PYRS_AST_FIELDS_Expr(F) F(EXPR, value)
#define PYRS_AST_FIELDS_Pass(F) 
#define PYRS_AST_FIELDS_Break(F) 
#define PYRS_AST_FIELDS_Continue(F) 
#define PYRS_AST_STMT_KINDS(K)                                                                     \
    K(FunctionDef) K(AsyncFunctionDef) K(ClassDef) K(Return) K(Delete) K(Assign) K(AugAssign)      \
    K(AnnAssign) K(For) K(AsyncFor) K(While) K(If) K(With) K(AsyncWith) K(Match) K(Raise) K(Try)   \
    K(TryStar) K(Assert) K(Import) K(ImportFrom) K(Global) K(Nonlocal) K(Expr) K(Pass) K(Break)    \
    K(Continue)

#define PYRS_AST_FIELDS_BoolOp(F) F(BOOLOP, op) F(EXPRS, values)
#define PYRS_AST_FIELDS_NamedExpr(F) F(EXPR, target) F(EXPR, value)
#define PYRS_AST_FIELDS_BinOp(F) F(EXPR, left) F(OPERATOR, op) F(EXPR, right)
#define PYRS_AST_FIELDS_UnaryOp(F) F(UNARYOP, op) F(EXPR, operand)
#define PYRS_AST_FIELDS_Lambda(F) F(ARGUMENTS, args) F(EXPR, body)
#define PYRS_AST_FIELDS_IfExp(F) F(EXPR, test) F(EXPR, body) F(EXPR, orelse)
#define PYRS_AST_FIELDS_Dict(F) F(EXPRS, keys) F(EXPRS, values)
#define PYRS_AST_FIELDS_Set(F) F(EXPRS, elts)
#define PYRS_AST_FIELDS_ListComp(F) F(EXPR, elt) F(COMPS, generators)
#define PYRS_AST_FIELDS_SetComp(F) F(EXPR, elt) F(COMPS, generators)
#define PYRS_AST_FIELDS_DictComp(F) F(EXPR, key) F(EXPR, value) F(COMPS, generators)
#define PYRS_AST_FIELDS_GeneratorExp(F) F(EXPR, elt) F(COMPS, generators)
#define PYRS_AST_FIELDS_Await(F) F(EXPR, value)
#define PYRS_AST_FIELDS_Yield(F) F(OEXPR, value)
#define PYRS_AST_FIELDS_YieldFrom(F) F(EXPR, value)
#define PYRS_AST_FIELDS_Compare(F) F(EXPR, left) F(CMPOPS, ops) F(EXPRS, comparators)
#define PYRS_AST_FIELDS_Call(F) F(EXPR, func) F(EXPRS, args) F(KEYWORDS, keywords)
#define PYRS_AST_FIELDS_FormattedValue(F) F(EXPR, value) F(INT, conversion) F(OEXPR, format_spec)
#define PYRS_AST_FIELDS_JoinedStr(F) F(EXPRS, values)
#define PYRS_AST_FIELDS_Constant(F) F(CONST, value) F(OSTRING, kind)
#define PYRS_AST_FIELDS_Attribute(F) F(EXPR, value) F(IDENT, attr) F(CTX, ctx)
#define PYRS_AST_FIELDS_Subscript(F) F(EXPR, value) F(EXPR, slice) F(CTX, ctx)
#define PYRS_AST_FIELDS_Starred(F) F(EXPR, value) F(CTX, ctx)
#define PYRS_AST_FIELDS_Name(F) F(IDENT, id) F(CTX, ctx)
#define PYRS_AST_FIELDS_List(F) F(EXPRS, elts) F(CTX, ctx)
#define PYRS_AST_FIELDS_Tuple(F) F(EXPRS, elts) F(CTX, ctx)
#define PYRS_AST_FIELDS_Slice(F) F(OEXPR, lower) F(OEXPR, upper) F(OEXPR, step)
#define PYRS_AST_EXPR_KINDS(K)                                                                     \
    K(BoolOp) K(NamedExpr) K(BinOp) K(UnaryOp) K(Lambda) K(IfExp) K(Dict) K(Set) K(ListComp)       \
    K(SetComp) K(DictComp) K(GeneratorExp) K(Await) K(Yield) K(YieldFrom) K(Compare) K(Call)       \
    K(FormattedValue) K(JoinedStr) K(Constant) K(Attribute) K(Subscript) K(Starred) K(Name)        \
    K(List) K(Tuple) K(Slice)

#define PYRS_AST_FIELDS_ExceptHandler(F) F(OEXPR, type) F(OIDENT, name) F(STMTS, body)
#define PYRS_AST_HANDLER_KINDS(K) K(ExceptHandler)

#define PYRS_AST_FIELDS_MatchValue(F) F(EXPR, value)
#define PYRS_AST_FIELDS_MatchSingleton(F) F(CONST, value)
#define PYRS_AST_FIELDS_MatchSequence(F) F(PATTERNS, patterns)
#define PYRS_AST_FIELDS_MatchMapping(F) F(EXPRS, keys) F(PATTERNS, patterns) F(OIDENT, rest)
#define PYRS_AST_FIELDS_MatchClass(F)                                                              \
    F(EXPR, cls) F(PATTERNS, patterns) F(IDENTS, kwd_attrs) F(PATTERNS, kwd_patterns)
#define PYRS_AST_FIELDS_MatchStar(F) F(OIDENT, name)
#define PYRS_AST_FIELDS_MatchAs(F) F(OPATTERN, pattern) F(OIDENT, name)
#define PYRS_AST_FIELDS_MatchOr(F) F(PATTERNS, patterns)
#define PYRS_AST_PATTERN_KINDS(K)                                                                  \
    K(MatchValue) K(MatchSingleton) K(MatchSequence) K(MatchMapping) K(MatchClass) K(MatchStar)    \
    K(MatchAs) K(MatchOr)

#define PYRS_AST_FIELDS_TypeIgnore(F) F(INT, lineno) F(STRING, tag)
#define PYRS_AST_TYPEIGNORE_KINDS(K) K(TypeIgnore)

#define PYRS_AST_FIELDS_comprehension(F)                                                           \
    F(EXPR, target) F(EXPR, iter) F(EXPRS, ifs) F(INT, is_async)
#define PYRS_AST_FIELDS_arguments(F)                                                               \
    F(ARGS, posonlyargs) F(ARGS, args) F(OARG, vararg) F(ARGS, kwonlyargs) F(EXPRS, kw_defaults)   \
    F(OARG, kwarg) F(EXPRS, defaults)
#define PYRS_AST_FIELDS_arg(F) F(IDENT, arg) F(OEXPR, annotation) F(OSTRING, type_comment)
#define PYRS_AST_FIELDS_keyword(F) F(OIDENT, arg) F(EXPR, value)
#define PYRS_AST_FIELDS_alias(F) F(IDENT, name) F(OIDENT, asname)
#define PYRS_AST_FIELDS_withitem(F) F(EXPR, context_expr) F(OEXPR, optional_vars)
#define PYRS_AST_FIELDS_match_case(F) F(PATTERN, pattern) F(OEXPR, guard) F(STMTS, body)
#define PYRS_AST_PRODUCTS(P)                                                                       \
    P(comprehension, PyrsComprehension, 0) P(arguments, PyrsArguments, 0) P(arg, PyrsArg, 1)       \
    P(keyword, PyrsKeyword, 1) P(alias, PyrsAlias, 1) P(withitem, PyrsWithItem, 0)                 \
    P(match_case, PyrsMatchCase, 0)
// clang-format on

/* One kind number per sum-type constructor, unique across all sum types: PYRS_K_Module,
 * PYRS_K_FunctionDef, PYRS_K_BoolOp, PYRS_K_ExceptHandler, PYRS_K_MatchAs, ... */
#define PYRS_AST_ALL_SUM_KINDS(K)                                                                  \
    PYRS_AST_MOD_KINDS(K)                                                                          \
    PYRS_AST_STMT_KINDS(K)                                                                         \
    PYRS_AST_EXPR_KINDS(K)                                                                         \
    PYRS_AST_HANDLER_KINDS(K) PYRS_AST_PATTERN_KINDS(K) PYRS_AST_TYPEIGNORE_KINDS(K)
#define PYRS_AST_KIND_ENUM_(Kind) PYRS_K_##Kind,
typedef enum {
    PYRS_K__INVALID = 0,
    PYRS_AST_ALL_SUM_KINDS(PYRS_AST_KIND_ENUM_) PYRS_K__COUNT
} PyrsAstKind;

/* The class name of a kind ("FunctionDef"), or "?" for an invalid kind. */
const char *pyrs_ast_kind_name(PyrsAstKind kind);

/* One struct per constructor, named PyrsAst_<Kind>, holding its fields. */
#define PYRS_AST_FIELD_DECL_(code, name) PYRS_AST_CT_##code name;
#define PYRS_AST_VARIANT_DECL_(Kind)                                                               \
    struct PyrsAst_##Kind {                                                                        \
        PYRS_AST_FIELDS_##Kind(PYRS_AST_FIELD_DECL_)                                               \
    };
PYRS_AST_ALL_SUM_KINDS(PYRS_AST_VARIANT_DECL_)

#define PYRS_AST_UNION_MEMBER_(Kind) struct PyrsAst_##Kind Kind;

/* Sum-type nodes: the kind, the position (located sums only), then the fields of the kind
 * in v.<Kind> (e.g. e->v.BinOp.left). Positions: 1-based lines, 0-based UTF-8 byte columns;
 * end_* point just past the last byte, as CPython's. */
struct PyrsMod {
    PyrsAstKind kind; /* PYRS_K_Module .. PYRS_K_FunctionType */
    union {
        PYRS_AST_MOD_KINDS(PYRS_AST_UNION_MEMBER_)
    } v; /* fields of the kind */
};

#define PYRS_AST_LOCATION_FIELDS_                                                                  \
    int lineno;         /* first line, 1-based */                                                  \
    int col_offset;     /* byte column of the first byte, 0-based */                               \
    int end_lineno;     /* last line */                                                            \
    int end_col_offset; /* byte column just past the last byte */

struct PyrsStmt {
    PyrsAstKind kind; /* PYRS_K_FunctionDef .. PYRS_K_Continue */
    PYRS_AST_LOCATION_FIELDS_
    union {
        PYRS_AST_STMT_KINDS(PYRS_AST_UNION_MEMBER_)
    } v; /* fields of the kind */
};

struct PyrsExpr {
    PyrsAstKind kind; /* PYRS_K_BoolOp .. PYRS_K_Slice */
    PYRS_AST_LOCATION_FIELDS_
    union {
        PYRS_AST_EXPR_KINDS(PYRS_AST_UNION_MEMBER_)
    } v; /* fields of the kind */
};

struct PyrsExceptHandler {
    PyrsAstKind kind; /* PYRS_K_ExceptHandler */
    PYRS_AST_LOCATION_FIELDS_
    union {
        PYRS_AST_HANDLER_KINDS(PYRS_AST_UNION_MEMBER_)
    } v; /* fields of the kind */
};

struct PyrsPattern {
    PyrsAstKind kind; /* PYRS_K_MatchValue .. PYRS_K_MatchOr */
    PYRS_AST_LOCATION_FIELDS_
    union {
        PYRS_AST_PATTERN_KINDS(PYRS_AST_UNION_MEMBER_)
    } v; /* fields of the kind */
};

struct PyrsTypeIgnore {
    PyrsAstKind kind; /* PYRS_K_TypeIgnore */
    union {
        PYRS_AST_TYPEIGNORE_KINDS(PYRS_AST_UNION_MEMBER_)
    } v; /* fields of the kind */
};

/* Product-type nodes: their fields directly (a->arg, kw->value), then the position (set only
 * for the located ones: arg, keyword, alias; 0 otherwise). */
#define PYRS_AST_PRODUCT_DECL_(name, CType, located)                                               \
    struct CType {                                                                                 \
        PYRS_AST_FIELDS_##name(PYRS_AST_FIELD_DECL_) PYRS_AST_LOCATION_FIELDS_                     \
    };
PYRS_AST_PRODUCTS(PYRS_AST_PRODUCT_DECL_)

/* ---- Constructors ------------------------------------------------------------------------ */

/* One constructor per kind, taking the fields in table order:
 *   PyrsMod  *pyrs_ast_Module(PyrsAstSeq *body, PyrsAstSeq *type_ignores, PyrsArena *arena);
 *   PyrsExpr *pyrs_ast_BinOp(PyrsExpr *left, PyrsOperator op, PyrsExpr *right,
 *                            int lineno, int col_offset, int end_lineno, int end_col_offset,
 *                            PyrsArena *arena);
 *   PyrsStmt *pyrs_ast_Pass(int lineno, int col_offset, int end_lineno, int end_col_offset,
 *                           PyrsArena *arena);
 *   PyrsArguments *pyrs_ast_arguments(posonlyargs, args, vararg, kwonlyargs, kw_defaults,
 *                                     kwarg, defaults, arena);
 *   PyrsArg *pyrs_ast_arg(arg, annotation, type_comment, lineno, col, end_lineno, end_col,
 *                         arena);
 * Located kinds (stmt, expr, excepthandler, pattern, arg, keyword, alias) take the four
 * positions before the arena. Each returns a node allocated in ARENA, or NULL when out of
 * memory. Pointers are stored, not copied: identifiers, sequences and constants passed in
 * must live in the same arena (or longer). Optional fields take NULL; sequences NULL = []. */
#define PYRS_AST_PARAM_(code, name) PYRS_AST_CT_##code name,
#define PYRS_AST_LOC_PARAMS_        int lineno, int col_offset, int end_lineno, int end_col_offset,
#define PYRS_AST_CTOR_DECL_(Type, Kind, loc)                                                       \
    Type *pyrs_ast_##Kind(PYRS_AST_FIELDS_##Kind(PYRS_AST_PARAM_) loc PyrsArena *arena);
#define PYRS_AST_CTOR_MOD_(Kind)  PYRS_AST_CTOR_DECL_(PyrsMod, Kind, )
#define PYRS_AST_CTOR_STMT_(Kind) PYRS_AST_CTOR_DECL_(PyrsStmt, Kind, PYRS_AST_LOC_PARAMS_)
#define PYRS_AST_CTOR_EXPR_(Kind) PYRS_AST_CTOR_DECL_(PyrsExpr, Kind, PYRS_AST_LOC_PARAMS_)
#define PYRS_AST_CTOR_HANDLER_(Kind)                                                               \
    PYRS_AST_CTOR_DECL_(PyrsExceptHandler, Kind, PYRS_AST_LOC_PARAMS_)
#define PYRS_AST_CTOR_PATTERN_(Kind) PYRS_AST_CTOR_DECL_(PyrsPattern, Kind, PYRS_AST_LOC_PARAMS_)
#define PYRS_AST_CTOR_TI_(Kind)      PYRS_AST_CTOR_DECL_(PyrsTypeIgnore, Kind, )
#define PYRS_AST_LOC_IF_0_
#define PYRS_AST_LOC_IF_1_ PYRS_AST_LOC_PARAMS_
#define PYRS_AST_CTOR_PRODUCT_(name, CType, located)                                               \
    struct CType *pyrs_ast_##name(PYRS_AST_FIELDS_##name(PYRS_AST_PARAM_)                          \
                                      PYRS_AST_LOC_IF_##located##_ PyrsArena *arena);

PYRS_AST_MOD_KINDS(PYRS_AST_CTOR_MOD_)
PYRS_AST_STMT_KINDS(PYRS_AST_CTOR_STMT_)
PYRS_AST_EXPR_KINDS(PYRS_AST_CTOR_EXPR_)
PYRS_AST_HANDLER_KINDS(PYRS_AST_CTOR_HANDLER_)
PYRS_AST_PATTERN_KINDS(PYRS_AST_CTOR_PATTERN_)
PYRS_AST_TYPEIGNORE_KINDS(PYRS_AST_CTOR_TI_)
PYRS_AST_PRODUCTS(PYRS_AST_CTOR_PRODUCT_)

/* ---- Generic traversal ------------------------------------------------------------------- */

/* What a `void *` node is, for generic walkers. */
typedef enum {
    PYRS_NT_MOD = 1,       /* PyrsMod */
    PYRS_NT_STMT,          /* PyrsStmt */
    PYRS_NT_EXPR,          /* PyrsExpr */
    PYRS_NT_HANDLER,       /* PyrsExceptHandler */
    PYRS_NT_PATTERN,       /* PyrsPattern */
    PYRS_NT_TYPEIGNORE,    /* PyrsTypeIgnore */
    PYRS_NT_comprehension, /* PyrsComprehension */
    PYRS_NT_arguments,     /* PyrsArguments */
    PYRS_NT_arg,           /* PyrsArg */
    PYRS_NT_keyword,       /* PyrsKeyword */
    PYRS_NT_alias,         /* PyrsAlias */
    PYRS_NT_withitem,      /* PyrsWithItem */
    PYRS_NT_match_case     /* PyrsMatchCase */
} PyrsAstNodeType;

/* Called for each child; a non-zero result stops the walk and is returned by the walker. */
typedef int (*PyrsAstVisitor)(void *ctx, PyrsAstNodeType type, void *child);

/* Calls FN(CTX, type, child) for every direct child node of NODE (whose type is TYPE), in
 * field order then sequence order, skipping absent (NULL) ones. Identifiers, constants and
 * enum values are not nodes here. Returns 0, or the first non-zero value FN returned. */
int pyrs_ast_children(PyrsAstNodeType type, const void *node, PyrsAstVisitor fn, void *ctx);

/* The deepest tree CPython 3.11's ast.parse can turn into Python objects, counted in nodes
 * from the mod down (products such as arguments and keyword count too); one more level and
 * it raises RecursionError "maximum recursion depth exceeded during ast construction". */
#define PYRS_AST_MAX_DEPTH 2991

/* Whether the tree under NODE (of type TYPE, counting NODE as level 1) is deeper than LIMIT
 * levels. Uses at most LIMIT levels of C recursion, so it is safe on any tree. 1 or 0. */
int pyrs_ast_deeper_than(PyrsAstNodeType type, const void *node, int limit);

/* ---- Helpers for the parser and later passes ------------------------------------------- */

/* Sets the context of an assignment/deletion target in place: Name, Attribute, Subscript,
 * Starred (and its value), List and Tuple (and their elements, recursively). Other kinds
 * are left alone (the parser rejects them before calling this). */
void pyrs_ast_set_context(PyrsExpr *e, PyrsExprContext ctx);

#endif /* PYRS_AST_H */
