/* ast_dump.c: the ast.dump printer, generated from the node tables of ast.h. Mirrors
 * CPython 3.11's Lib/ast.py dump() with annotate_fields=True and indent=None: Kind(f=v, ...),
 * optional fields left out when None, attributes after the fields when asked for. */
#include "ast_dump.h"

#include <stdint.h>
#include <string.h>

#include "ast_const.h"
#include "pyrs/port.h"

typedef struct {
    FILE *out; /* destination */
    int attrs; /* include_attributes */
} Dumper;

typedef void (*ItemWriter)(Dumper *d, const void *item);

static void write_mod(Dumper *d, const PyrsMod *n);
static void write_stmt(Dumper *d, const PyrsStmt *n);
static void write_expr(Dumper *d, const PyrsExpr *n);
static void write_handler(Dumper *d, const PyrsExceptHandler *n);
static void write_pattern(Dumper *d, const PyrsPattern *n);
static void write_typeignore(Dumper *d, const PyrsTypeIgnore *n);
#define PRODUCT_PROTO_(name, CType, located)                                                       \
    static void write_##name(Dumper *d, const struct CType *p);
PYRS_AST_PRODUCTS(PRODUCT_PROTO_)

/* ---- Field writers, one per field type code ---------------------------------------------- */

static void
key(Dumper *d, int *first, const char *name)
{
    if (!*first) {
        fputs(", ", d->out);
    }
    *first = 0;
    fputs(name, d->out);
    fputc('=', d->out);
}

static void
write_ident(Dumper *d, const char *s)
{
    if (s == NULL) {
        fputs("None", d->out);
    } else {
        pyrs_const_write_str_repr(s, strlen(s), d->out);
    }
}

static void
write_seq(Dumper *d, const PyrsAstSeq *seq, ItemWriter item)
{
    fputc('[', d->out);
    for (long i = 0; i < PYRS_SEQ_LEN(seq); i++) {
        if (i > 0) {
            fputs(", ", d->out);
        }
        item(d, PYRS_SEQ_GET(seq, i));
    }
    fputc(']', d->out);
}

static void
write_enum(Dumper *d, const char *name)
{
    fputs(name, d->out);
    fputs("()", d->out);
}

/* Sequence item adapters. */
static void
item_stmt(Dumper *d, const void *x)
{
    write_stmt(d, x);
}

static void
item_expr(Dumper *d, const void *x)
{
    write_expr(d, x);
}

static void
item_ident(Dumper *d, const void *x)
{
    write_ident(d, x);
}

static void
item_cmpop(Dumper *d, const void *x)
{
    write_enum(d, pyrs_ast_cmpop_name((PyrsCmpOp)(intptr_t)x));
}

static void
item_handler(Dumper *d, const void *x)
{
    write_handler(d, x);
}

static void
item_pattern(Dumper *d, const void *x)
{
    write_pattern(d, x);
}

static void
item_typeignore(Dumper *d, const void *x)
{
    write_typeignore(d, x);
}

#define PRODUCT_ITEM_(name, CType, located)                                                        \
    PYRS_UNUSED                                                                                    \
    static void item_##name(Dumper *d, const void *x)                                              \
    {                                                                                              \
        write_##name(d, x);                                                                        \
    }
PYRS_AST_PRODUCTS(PRODUCT_ITEM_)

/* A required node field (None when NULL), an optional one (left out when NULL), and a
 * sequence field. */
#define NODE_FIELD_(CODE, writer)                                                                  \
    static void field_##CODE(Dumper *d, int *first, const char *name, PYRS_AST_CT_##CODE v)        \
    {                                                                                              \
        key(d, first, name);                                                                       \
        writer(d, v);                                                                              \
    }
#define OPT_FIELD_(CODE, writer)                                                                   \
    static void field_##CODE(Dumper *d, int *first, const char *name, PYRS_AST_CT_##CODE v)        \
    {                                                                                              \
        if (v != NULL) {                                                                           \
            key(d, first, name);                                                                   \
            writer(d, v);                                                                          \
        }                                                                                          \
    }
#define SEQ_FIELD_(CODE, item)                                                                     \
    static void field_##CODE(Dumper *d, int *first, const char *name, PYRS_AST_CT_##CODE v)        \
    {                                                                                              \
        key(d, first, name);                                                                       \
        write_seq(d, v, item);                                                                     \
    }

NODE_FIELD_(EXPR, write_expr)
OPT_FIELD_(OEXPR, write_expr)
NODE_FIELD_(IDENT, write_ident)
OPT_FIELD_(OIDENT, write_ident)
NODE_FIELD_(STRING, write_ident)
OPT_FIELD_(OSTRING, write_ident)
NODE_FIELD_(ARGUMENTS, write_arguments)
OPT_FIELD_(OARG, write_arg)
NODE_FIELD_(PATTERN, write_pattern)
OPT_FIELD_(OPATTERN, write_pattern)
SEQ_FIELD_(EXPRS, item_expr)
SEQ_FIELD_(STMTS, item_stmt)
SEQ_FIELD_(IDENTS, item_ident)
SEQ_FIELD_(CMPOPS, item_cmpop)
SEQ_FIELD_(ARGS, item_arg)
SEQ_FIELD_(KEYWORDS, item_keyword)
SEQ_FIELD_(ALIASES, item_alias)
SEQ_FIELD_(WITHITEMS, item_withitem)
SEQ_FIELD_(MATCHCASES, item_match_case)
SEQ_FIELD_(HANDLERS, item_handler)
SEQ_FIELD_(COMPS, item_comprehension)
SEQ_FIELD_(TYPEIGNORES, item_typeignore)
SEQ_FIELD_(PATTERNS, item_pattern)

static void
field_INT(Dumper *d, int *first, const char *name, int v)
{
    key(d, first, name);
    fprintf(d->out, "%d", v);
}

static void
field_CONST(Dumper *d, int *first, const char *name, const PyrsConst *v)
{
    key(d, first, name);
    if (v == NULL) {
        fputs("None", d->out);
    } else {
        pyrs_const_write_repr(v, d->out);
    }
}

static void
field_CTX(Dumper *d, int *first, const char *name, PyrsExprContext v)
{
    key(d, first, name);
    write_enum(d, pyrs_ast_ctx_name(v));
}

static void
field_BOOLOP(Dumper *d, int *first, const char *name, PyrsBoolOp v)
{
    key(d, first, name);
    write_enum(d, pyrs_ast_boolop_name(v));
}

static void
field_OPERATOR(Dumper *d, int *first, const char *name, PyrsOperator v)
{
    key(d, first, name);
    write_enum(d, pyrs_ast_operator_name(v));
}

static void
field_UNARYOP(Dumper *d, int *first, const char *name, PyrsUnaryOp v)
{
    key(d, first, name);
    write_enum(d, pyrs_ast_unaryop_name(v));
}

/* ---- Node writers ------------------------------------------------------------------------ */

/* The four position attributes, in CPython's _attributes order. */
static void
write_loc(Dumper *d, int *first, int lineno, int col, int end_lineno, int end_col)
{
    if (!d->attrs) {
        return;
    }
    field_INT(d, first, "lineno", lineno);
    field_INT(d, first, "col_offset", col);
    field_INT(d, first, "end_lineno", end_lineno);
    field_INT(d, first, "end_col_offset", end_col);
}

#define F_DUMP_(code, name) field_##code(d, &first, #name, p->name);
#define CASE_(Kind)                                                                                \
    case PYRS_K_##Kind: {                                                                          \
        const struct PyrsAst_##Kind *p = &n->v.Kind;                                               \
        (void)p;                                                                                   \
        fputs(#Kind "(", d->out);                                                                  \
        PYRS_AST_FIELDS_##Kind(F_DUMP_) break;                                                     \
    }

/* The body shared by the sum-type writers: None for NULL, Kind(fields[, attributes]). */
#define SUM_WRITER_(fn, Type, KINDS, located)                                                      \
    static void fn(Dumper *d, const Type *n)                                                       \
    {                                                                                              \
        if (n == NULL) {                                                                           \
            fputs("None", d->out);                                                                 \
            return;                                                                                \
        }                                                                                          \
        int first = 1;                                                                             \
        switch (n->kind) {                                                                         \
            KINDS(CASE_)                                                                           \
        default:                                                                                   \
            fprintf(d->out, "<bad kind %d>(", (int)n->kind);                                       \
            break;                                                                                 \
        }                                                                                          \
        located;                                                                                   \
        fputc(')', d->out);                                                                        \
    }

#define LOC_   write_loc(d, &first, n->lineno, n->col_offset, n->end_lineno, n->end_col_offset)
#define NOLOC_ (void)first

SUM_WRITER_(write_mod, PyrsMod, PYRS_AST_MOD_KINDS, NOLOC_)
SUM_WRITER_(write_stmt, PyrsStmt, PYRS_AST_STMT_KINDS, LOC_)
SUM_WRITER_(write_expr, PyrsExpr, PYRS_AST_EXPR_KINDS, LOC_)
SUM_WRITER_(write_handler, PyrsExceptHandler, PYRS_AST_HANDLER_KINDS, LOC_)
SUM_WRITER_(write_pattern, PyrsPattern, PYRS_AST_PATTERN_KINDS, LOC_)
SUM_WRITER_(write_typeignore, PyrsTypeIgnore, PYRS_AST_TYPEIGNORE_KINDS, NOLOC_)

#define PLOC_0_ (void)first
#define PLOC_1_ write_loc(d, &first, p->lineno, p->col_offset, p->end_lineno, p->end_col_offset)
#define PRODUCT_WRITER_(name, CType, located)                                                      \
    static void write_##name(Dumper *d, const struct CType *p)                                     \
    {                                                                                              \
        if (p == NULL) {                                                                           \
            fputs("None", d->out);                                                                 \
            return;                                                                                \
        }                                                                                          \
        int first = 1;                                                                             \
        fputs(#name "(", d->out);                                                                  \
        PYRS_AST_FIELDS_##name(F_DUMP_) PLOC_##located##_;                                         \
        fputc(')', d->out);                                                                        \
    }
PYRS_AST_PRODUCTS(PRODUCT_WRITER_)

/* ---- Entry points ------------------------------------------------------------------------ */

int
pyrs_ast_dump(const PyrsMod *mod, int include_attributes, FILE *out)
{
    Dumper d = {out, include_attributes};
    if (pyrs_ast_deeper_than(PYRS_NT_MOD, mod, PYRS_AST_MAX_DEPTH)) {
        return -2;
    }
    write_mod(&d, mod);
    return ferror(out) ? -1 : 0;
}

int
pyrs_ast_dump_expr(const PyrsExpr *e, int include_attributes, FILE *out)
{
    Dumper d = {out, include_attributes};
    if (pyrs_ast_deeper_than(PYRS_NT_EXPR, e, PYRS_AST_MAX_DEPTH)) {
        return -2;
    }
    write_expr(&d, e);
    return ferror(out) ? -1 : 0;
}

int
pyrs_ast_dump_stmt(const PyrsStmt *s, int include_attributes, FILE *out)
{
    Dumper d = {out, include_attributes};
    if (pyrs_ast_deeper_than(PYRS_NT_STMT, s, PYRS_AST_MAX_DEPTH)) {
        return -2;
    }
    write_stmt(&d, s);
    return ferror(out) ? -1 : 0;
}
