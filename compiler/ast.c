/* ast.c: the AST arena, sequences and node constructors (one per kind, generated from the
 * tables in ast.h). Mirrors CPython 3.11's Python/Python-ast.c constructors and PyArena,
 * minus the Python objects: every node, identifier and constant lives in the arena. */
#include "ast.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- Arena ------------------------------------------------------------------------------- */

/* Blocks are chained; a request larger than a block gets a block of its own. */
#define ARENA_BLOCK_SIZE ((size_t)64 * 1024)
#define ARENA_ALIGN      ((size_t)16)

typedef struct ArenaBlock {
    struct ArenaBlock *prev; /* older block */
    size_t size;             /* usable bytes in data */
    size_t used;             /* bytes handed out */
    _Alignas(16) unsigned char data[];
} ArenaBlock;

struct PyrsArena {
    ArenaBlock *head; /* the block being filled */
    size_t total;     /* bytes of all blocks */
};

PyrsArena *
pyrs_arena_new(void)
{
    return calloc(1, sizeof(PyrsArena));
}

void
pyrs_arena_free(PyrsArena *arena)
{
    if (arena == NULL) {
        return;
    }
    ArenaBlock *b = arena->head;
    while (b != NULL) {
        ArenaBlock *prev = b->prev;
        free(b);
        b = prev;
    }
    free(arena);
}

static ArenaBlock *
block_new(size_t size)
{
    ArenaBlock *b = malloc(sizeof(ArenaBlock) + size);
    if (b != NULL) {
        b->prev = NULL;
        b->size = size;
        b->used = 0;
    }
    return b;
}

void *
pyrs_arena_alloc(PyrsArena *arena, size_t size)
{
    if (size > SIZE_MAX / 2) {
        return NULL; /* the rounding below would wrap */
    }
    size = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (size == 0) {
        size = ARENA_ALIGN;
    }
    ArenaBlock *b = arena->head;
    if (b == NULL || b->size - b->used < size) {
        size_t want = size > ARENA_BLOCK_SIZE / 4 ? size : ARENA_BLOCK_SIZE;
        ArenaBlock *nb = block_new(want);
        if (nb == NULL) {
            return NULL;
        }
        arena->total += want;
        if (want != ARENA_BLOCK_SIZE && b != NULL) {
            /* A big one-off block goes behind the current one so its free space stays usable. */
            nb->prev = b->prev;
            b->prev = nb;
            nb->used = size;
            memset(nb->data, 0, size);
            return nb->data;
        }
        nb->prev = b;
        arena->head = b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *
pyrs_arena_strndup(PyrsArena *arena, const char *s, size_t len)
{
    char *p = pyrs_arena_alloc(arena, len + 1);
    if (p != NULL) {
        if (len > 0) {
            memcpy(p, s, len);
        }
        p[len] = '\0';
    }
    return p;
}

size_t
pyrs_arena_size(const PyrsArena *arena)
{
    return arena->total;
}

/* ---- Sequences --------------------------------------------------------------------------- */

PyrsAstSeq *
pyrs_ast_seq_new(PyrsArena *arena, long n)
{
    PyrsAstSeq *seq = pyrs_arena_alloc(arena, sizeof(PyrsAstSeq));
    if (seq == NULL) {
        return NULL;
    }
    long cap = n < 4 ? 4 : n;
    seq->items = pyrs_arena_alloc(arena, (size_t)cap * sizeof(void *));
    if (seq->items == NULL) {
        return NULL;
    }
    seq->n = n;
    seq->cap = cap;
    return seq;
}

PyrsAstSeq *
pyrs_ast_seq_append(PyrsArena *arena, PyrsAstSeq *seq, void *item)
{
    if (seq == NULL) {
        seq = pyrs_ast_seq_new(arena, 0);
        if (seq == NULL) {
            return NULL;
        }
    }
    if (seq->n == seq->cap) {
        /* The old array stays in the arena; doubling keeps the waste linear. */
        long cap = seq->cap * 2;
        void **items = pyrs_arena_alloc(arena, (size_t)cap * sizeof(void *));
        if (items == NULL) {
            return NULL;
        }
        memcpy(items, seq->items, (size_t)seq->n * sizeof(void *));
        seq->items = items;
        seq->cap = cap;
    }
    seq->items[seq->n++] = item;
    return seq;
}

/* ---- Names ------------------------------------------------------------------------------- */

static const char *const ctx_names[] = {"?", "Load", "Store", "Del"};
static const char *const boolop_names[] = {"?", "And", "Or"};
static const char *const operator_names[] = {"?",     "Add",    "Sub",    "Mult",    "MatMult",
                                             "Div",   "Mod",    "Pow",    "LShift",  "RShift",
                                             "BitOr", "BitXor", "BitAnd", "FloorDiv"};
static const char *const unaryop_names[] = {"?", "Invert", "Not", "UAdd", "USub"};
static const char *const cmpop_names[] = {"?",   "Eq", "NotEq", "Lt", "LtE",  "Gt",
                                          "GtE", "Is", "IsNot", "In", "NotIn"};

#define NAME_IN(table, i)                                                                          \
    ((i) > 0 && (size_t)(i) < sizeof(table) / sizeof((table)[0]) ? (table)[(i)] : "?")

const char *
pyrs_ast_ctx_name(PyrsExprContext ctx)
{
    return NAME_IN(ctx_names, ctx);
}

const char *
pyrs_ast_boolop_name(PyrsBoolOp op)
{
    return NAME_IN(boolop_names, op);
}

const char *
pyrs_ast_operator_name(PyrsOperator op)
{
    return NAME_IN(operator_names, op);
}

const char *
pyrs_ast_unaryop_name(PyrsUnaryOp op)
{
    return NAME_IN(unaryop_names, op);
}

const char *
pyrs_ast_cmpop_name(PyrsCmpOp op)
{
    return NAME_IN(cmpop_names, op);
}

#define KIND_NAME_(Kind) [PYRS_K_##Kind] = #Kind,
static const char *const kind_names[PYRS_K__COUNT] = {PYRS_AST_ALL_SUM_KINDS(KIND_NAME_)};

const char *
pyrs_ast_kind_name(PyrsAstKind kind)
{
    if (kind <= PYRS_K__INVALID || kind >= PYRS_K__COUNT) {
        return "?";
    }
    return kind_names[kind];
}

/* ---- Constructors ------------------------------------------------------------------------ */

/* Each generated constructor allocates the node, sets the kind, stores each field parameter
 * into v.<Kind> (or the product struct) and, for located kinds, the four positions. */
#define STORE_(code, name) p->name = name;
#define STORE_LOC_                                                                                 \
    n->lineno = lineno;                                                                            \
    n->col_offset = col_offset;                                                                    \
    n->end_lineno = end_lineno;                                                                    \
    n->end_col_offset = end_col_offset;
#define NO_LOC_

#define CTOR_(Type, Kind, loc_params, store_loc)                                                   \
    Type *pyrs_ast_##Kind(PYRS_AST_FIELDS_##Kind(PYRS_AST_PARAM_) loc_params PyrsArena *arena)     \
    {                                                                                              \
        Type *n = pyrs_arena_alloc(arena, sizeof(Type));                                           \
        if (n == NULL) {                                                                           \
            return NULL;                                                                           \
        }                                                                                          \
        n->kind = PYRS_K_##Kind;                                                                   \
        struct PyrsAst_##Kind *p = &n->v.Kind;                                                     \
        (void)p;                                                                                   \
        PYRS_AST_FIELDS_##Kind(STORE_) store_loc return n;                                         \
    }
#define CTOR_MOD_(Kind)     CTOR_(PyrsMod, Kind, , NO_LOC_)
#define CTOR_STMT_(Kind)    CTOR_(PyrsStmt, Kind, PYRS_AST_LOC_PARAMS_, STORE_LOC_)
#define CTOR_EXPR_(Kind)    CTOR_(PyrsExpr, Kind, PYRS_AST_LOC_PARAMS_, STORE_LOC_)
#define CTOR_HANDLER_(Kind) CTOR_(PyrsExceptHandler, Kind, PYRS_AST_LOC_PARAMS_, STORE_LOC_)
#define CTOR_PATTERN_(Kind) CTOR_(PyrsPattern, Kind, PYRS_AST_LOC_PARAMS_, STORE_LOC_)
#define CTOR_TI_(Kind)      CTOR_(PyrsTypeIgnore, Kind, , NO_LOC_)

PYRS_AST_MOD_KINDS(CTOR_MOD_)
PYRS_AST_STMT_KINDS(CTOR_STMT_)
PYRS_AST_EXPR_KINDS(CTOR_EXPR_)
PYRS_AST_HANDLER_KINDS(CTOR_HANDLER_)
PYRS_AST_PATTERN_KINDS(CTOR_PATTERN_)
PYRS_AST_TYPEIGNORE_KINDS(CTOR_TI_)

#define STORE_LOC_IF_0_
#define STORE_LOC_IF_1_ STORE_LOC_
#define CTOR_PRODUCT_(name, CType, located)                                                        \
    struct CType *pyrs_ast_##name(PYRS_AST_FIELDS_##name(PYRS_AST_PARAM_)                          \
                                      PYRS_AST_LOC_IF_##located##_ PyrsArena *arena)               \
    {                                                                                              \
        struct CType *n = pyrs_arena_alloc(arena, sizeof(struct CType));                           \
        if (n == NULL) {                                                                           \
            return NULL;                                                                           \
        }                                                                                          \
        struct CType *p = n;                                                                       \
        PYRS_AST_FIELDS_##name(STORE_) STORE_LOC_IF_##located##_ return n;                         \
    }
PYRS_AST_PRODUCTS(CTOR_PRODUCT_)

/* ---- Helpers ----------------------------------------------------------------------------- */

void
pyrs_ast_set_context(PyrsExpr *e, PyrsExprContext ctx)
{
    if (e == NULL) {
        return;
    }
    switch (e->kind) {
    case PYRS_K_Name:
        e->v.Name.ctx = ctx;
        break;
    case PYRS_K_Attribute:
        e->v.Attribute.ctx = ctx;
        break;
    case PYRS_K_Subscript:
        e->v.Subscript.ctx = ctx;
        break;
    case PYRS_K_Starred:
        e->v.Starred.ctx = ctx;
        pyrs_ast_set_context(e->v.Starred.value, ctx);
        break;
    case PYRS_K_List:
        e->v.List.ctx = ctx;
        for (long i = 0; i < PYRS_SEQ_LEN(e->v.List.elts); i++) {
            pyrs_ast_set_context(PYRS_SEQ_GET(e->v.List.elts, i), ctx);
        }
        break;
    case PYRS_K_Tuple:
        e->v.Tuple.ctx = ctx;
        for (long i = 0; i < PYRS_SEQ_LEN(e->v.Tuple.elts); i++) {
            pyrs_ast_set_context(PYRS_SEQ_GET(e->v.Tuple.elts, i), ctx);
        }
        break;
    default:
        break;
    }
}

/* ---- Generic traversal ------------------------------------------------------------------- */

static int
visit_one(PyrsAstVisitor fn, void *ctx, PyrsAstNodeType type, const void *child)
{
    return child == NULL ? 0 : fn(ctx, type, (void *)child);
}

static int
visit_seq(PyrsAstVisitor fn, void *ctx, PyrsAstNodeType type, const PyrsAstSeq *seq)
{
    for (long i = 0; i < PYRS_SEQ_LEN(seq); i++) {
        int r = visit_one(fn, ctx, type, PYRS_SEQ_GET(seq, i));
        if (r != 0) {
            return r;
        }
    }
    return 0;
}

/* The node type a field code refers to (0: not a node), and whether it is a sequence. */
#define NT_EXPR                 PYRS_NT_EXPR
#define NT_OEXPR                PYRS_NT_EXPR
#define NT_EXPRS                PYRS_NT_EXPR
#define NT_STMTS                PYRS_NT_STMT
#define NT_HANDLERS             PYRS_NT_HANDLER
#define NT_PATTERN              PYRS_NT_PATTERN
#define NT_OPATTERN             PYRS_NT_PATTERN
#define NT_PATTERNS             PYRS_NT_PATTERN
#define NT_TYPEIGNORES          PYRS_NT_TYPEIGNORE
#define NT_COMPS                PYRS_NT_comprehension
#define NT_ARGUMENTS            PYRS_NT_arguments
#define NT_OARG                 PYRS_NT_arg
#define NT_ARGS                 PYRS_NT_arg
#define NT_KEYWORDS             PYRS_NT_keyword
#define NT_ALIASES              PYRS_NT_alias
#define NT_WITHITEMS            PYRS_NT_withitem
#define NT_MATCHCASES           PYRS_NT_match_case

#define VISIT_NODE_(code, name) r = visit_one(fn, ctx, NT_##code, p->name)
#define VISIT_SEQ_(code, name)  r = visit_seq(fn, ctx, NT_##code, p->name)
#define VISIT_NONE_(code, name) r = 0
#define HOW_EXPR                VISIT_NODE_
#define HOW_OEXPR               VISIT_NODE_
#define HOW_PATTERN             VISIT_NODE_
#define HOW_OPATTERN            VISIT_NODE_
#define HOW_ARGUMENTS           VISIT_NODE_
#define HOW_OARG                VISIT_NODE_
#define HOW_EXPRS               VISIT_SEQ_
#define HOW_STMTS               VISIT_SEQ_
#define HOW_HANDLERS            VISIT_SEQ_
#define HOW_PATTERNS            VISIT_SEQ_
#define HOW_TYPEIGNORES         VISIT_SEQ_
#define HOW_COMPS               VISIT_SEQ_
#define HOW_ARGS                VISIT_SEQ_
#define HOW_KEYWORDS            VISIT_SEQ_
#define HOW_ALIASES             VISIT_SEQ_
#define HOW_WITHITEMS           VISIT_SEQ_
#define HOW_MATCHCASES          VISIT_SEQ_
#define HOW_IDENT               VISIT_NONE_
#define HOW_OIDENT              VISIT_NONE_
#define HOW_IDENTS              VISIT_NONE_
#define HOW_STRING              VISIT_NONE_
#define HOW_OSTRING             VISIT_NONE_
#define HOW_INT                 VISIT_NONE_
#define HOW_CONST               VISIT_NONE_
#define HOW_CTX                 VISIT_NONE_
#define HOW_BOOLOP              VISIT_NONE_
#define HOW_OPERATOR            VISIT_NONE_
#define HOW_UNARYOP             VISIT_NONE_
#define HOW_CMPOPS              VISIT_NONE_

#define VISIT_FIELD_(code, name)                                                                   \
    HOW_##code(code, name);                                                                        \
    if (r != 0) {                                                                                  \
        return r;                                                                                  \
    }
#define VISIT_CASE_(Kind)                                                                          \
    case PYRS_K_##Kind: {                                                                          \
        const struct PyrsAst_##Kind *p = &n->v.Kind;                                               \
        (void)p;                                                                                   \
        PYRS_AST_FIELDS_##Kind(VISIT_FIELD_) break;                                                \
    }
#define SUM_CHILDREN_(fn_name, Type, KINDS)                                                        \
    static int fn_name(const Type *n, PyrsAstVisitor fn, void *ctx)                                \
    {                                                                                              \
        int r = 0;                                                                                 \
        (void)fn;                                                                                  \
        (void)ctx;                                                                                 \
        switch (n->kind) {                                                                         \
            KINDS(VISIT_CASE_)                                                                     \
        default:                                                                                   \
            break;                                                                                 \
        }                                                                                          \
        return r;                                                                                  \
    }
SUM_CHILDREN_(mod_children, PyrsMod, PYRS_AST_MOD_KINDS)
SUM_CHILDREN_(stmt_children, PyrsStmt, PYRS_AST_STMT_KINDS)
SUM_CHILDREN_(expr_children, PyrsExpr, PYRS_AST_EXPR_KINDS)
SUM_CHILDREN_(handler_children, PyrsExceptHandler, PYRS_AST_HANDLER_KINDS)
SUM_CHILDREN_(pattern_children, PyrsPattern, PYRS_AST_PATTERN_KINDS)
SUM_CHILDREN_(typeignore_children, PyrsTypeIgnore, PYRS_AST_TYPEIGNORE_KINDS)

#define PRODUCT_CHILDREN_(name, CType, located)                                                    \
    static int name##_children(const struct CType *p, PyrsAstVisitor fn, void *ctx)                \
    {                                                                                              \
        int r = 0;                                                                                 \
        (void)p;                                                                                   \
        (void)fn;                                                                                  \
        (void)ctx;                                                                                 \
        PYRS_AST_FIELDS_##name(VISIT_FIELD_) return r;                                             \
    }
PYRS_AST_PRODUCTS(PRODUCT_CHILDREN_)

int
pyrs_ast_children(PyrsAstNodeType type, const void *node, PyrsAstVisitor fn, void *ctx)
{
    if (node == NULL) {
        return 0;
    }
    switch (type) {
    case PYRS_NT_MOD:
        return mod_children(node, fn, ctx);
    case PYRS_NT_STMT:
        return stmt_children(node, fn, ctx);
    case PYRS_NT_EXPR:
        return expr_children(node, fn, ctx);
    case PYRS_NT_HANDLER:
        return handler_children(node, fn, ctx);
    case PYRS_NT_PATTERN:
        return pattern_children(node, fn, ctx);
    case PYRS_NT_TYPEIGNORE:
        return typeignore_children(node, fn, ctx);
    case PYRS_NT_comprehension:
        return comprehension_children(node, fn, ctx);
    case PYRS_NT_arguments:
        return arguments_children(node, fn, ctx);
    case PYRS_NT_arg:
        return arg_children(node, fn, ctx);
    case PYRS_NT_keyword:
        return keyword_children(node, fn, ctx);
    case PYRS_NT_alias:
        return alias_children(node, fn, ctx);
    case PYRS_NT_withitem:
        return withitem_children(node, fn, ctx);
    case PYRS_NT_match_case:
        return match_case_children(node, fn, ctx);
    }
    return 0;
}

/* ---- Depth --------------------------------------------------------------------------------- */

typedef struct {
    int depth; /* level of the node being visited */
    int limit; /* deepest level allowed */
} DepthWalk;

static int
depth_visit(void *ctx, PyrsAstNodeType type, void *child)
{
    DepthWalk *w = ctx;
    if (++w->depth > w->limit) {
        return 1;
    }
    int r = pyrs_ast_children(type, child, depth_visit, w);
    w->depth--;
    return r;
}

int
pyrs_ast_deeper_than(PyrsAstNodeType type, const void *node, int limit)
{
    DepthWalk w = {1, limit};
    if (node == NULL) {
        return 0;
    }
    if (limit < 1) {
        return 1;
    }
    return pyrs_ast_children(type, node, depth_visit, &w) != 0;
}
