/* parse_build.h: the parse state shared by the lemon grammar (python.y) and the AST builders
 * its actions call (parse_build.c, parse_target.c, parse_string.c). Builders mirror the
 * actions of CPython 3.11's PEG grammar: same nodes, same positions, same error messages. */
#ifndef PYRS_PARSE_BUILD_H
#define PYRS_PARSE_BUILD_H

#include <stddef.h>

#include "ast.h"
#include "perror.h"
#include "tokenizer.h"

/* A source extent: 1-based lines, 0-based byte columns, end just past the last byte. */
typedef struct {
    int l;  /* first line */
    int c;  /* first column */
    int el; /* last line */
    int ec; /* column just past the end */
} PyrsPPos;

/* An expression with its outer extent: a parenthesised expression keeps the inner node's
 * own position, but the nodes built around it span the parentheses. */
typedef struct {
    PyrsExpr *e; /* the node */
    PyrsPPos p;  /* extent including any enclosing parentheses */
    int paren;   /* written in parentheses (a tuple display included) */
} PyrsPE;

/* A comma-separated list of expressions being collected. */
typedef struct {
    PyrsAstSeq *items; /* PyrsPE * items */
    PyrsPPos p;        /* from the first item to the last token (a trailing comma included) */
    int trail;         /* ends with a comma */
} PyrsPList;

/* Item kinds of the flat lists the grammar collects and the builders validate. */
typedef enum {
    PYRS_PI_POS,      /* call argument: expression */
    PYRS_PI_GENEXP,   /* call argument: unparenthesised generator expression (a=elt, s1=comps) */
    PYRS_PI_KW,       /* call argument: a=b */
    PYRS_PI_STAR,     /* call argument: *a */
    PYRS_PI_DSTAR,    /* call argument: **a */
    PYRS_PI_PARAM,    /* parameter: name [: ann] [= default] (x = arg, b = default) */
    PYRS_PI_SLASH,    /* parameter list: / */
    PYRS_PI_VARARG,   /* parameter: *name (x = arg or NULL for a bare *) */
    PYRS_PI_KWARG,    /* parameter: **name */
    PYRS_PI_DICT,     /* dict display item a: b */
    PYRS_PI_DICTSTAR, /* dict display item **a */
    PYRS_PI_ELIF,     /* elif clause (t = keyword, a = test, s1 = body) */
    PYRS_PI_CMP,      /* comparison chain (a = left, s1 = ops, s2 = comparators) */
    PYRS_PI_PATTERN,  /* class pattern argument: positional (x = pattern) */
    PYRS_PI_KWPAT,    /* class pattern argument: name=pattern (t = name, x = pattern) */
    PYRS_PI_MAPPAT,   /* mapping pattern item key: pattern (a = key, x = pattern) */
    PYRS_PI_MAPREST,  /* mapping pattern **rest (t = name) */
} PyrsPItemKind;

/* One element of a flat list; which fields are used depends on KIND. */
typedef struct {
    PyrsPItemKind kind; /* what it is */
    PyrsPE a;           /* first operand */
    PyrsPE b;           /* second operand */
    const PyrsToken *t; /* a token (a name, a keyword) */
    PyrsAstSeq *s1;     /* a sequence */
    PyrsAstSeq *s2;     /* a second sequence */
    void *x;            /* a node of another type (arg, pattern) */
    int starred_ann;    /* parameter annotation was *expr; handler: except* */
    int trail;          /* last item of a list followed by a trailing comma */
    PyrsPPos p;         /* extent */
} PyrsPItem;

/* The parse state: lemon's %extra_argument. */
typedef struct {
    PyrsArena *arena;      /* owns every node */
    PyrsSyntaxError *err;  /* first error wins */
    const char *filename;  /* for error records */
    PyrsTokenizer *tok;    /* the tokenizer (source lines for error records) */
    const PyrsToken *toks; /* every token of the input */
    size_t ntoks;          /* number of tokens */
    size_t cur;            /* index of the token being fed */
    int failed;            /* an error was recorded: stop feeding */
    int syntax_failed;     /* the grammar rejected a token (errhint must diagnose) */
    PyrsMod *mod;          /* the result */
    PyrsPE result;         /* the expression of eval / f-string mode */
    int fstring_depth;     /* nesting of f-string expressions being parsed */
    int no_hint;           /* probe parse: no diagnosis of a failure */
    PyrsAstSeq *pgroups;   /* PyrsPItem: parenthesised patterns and their extents */
} PyrsParser;

/* Contract of every pyrs_pb_* builder: nodes, lists and identifiers are allocated in
 * P->arena and owned by it; arguments are borrowed. On a language error the builder records
 * CPython's SyntaxError in P->err (the first error wins), sets P->failed (the driver then stops
 * feeding tokens) and still returns a usable value, so later actions of the same reduction
 * never see NULL; only an allocation failure (recorded as "out of memory") yields NULL.
 * Builders never run Python code. */

/* ---- positions ------------------------------------------------------------------------ */
PyrsPPos pyrs_pb_tpos(const PyrsToken *t);
PyrsPPos pyrs_pb_span(PyrsPPos a, PyrsPPos b);
PyrsPPos pyrs_pb_spos(const PyrsStmt *s);
/* The extent of the last token before the lookahead that is not NEWLINE/INDENT/DEDENT: where
 * CPython ends a compound statement (a trailing ';' included). */
PyrsPPos pyrs_pb_last_end(PyrsParser *P);
PyrsPPos pyrs_pb_tok_after(PyrsParser *P, PyrsPPos pos, int kind);
PyrsPE pyrs_pb_paren(PyrsParser *P, const PyrsToken *lp, PyrsPE e, const PyrsToken *rp);

/* ---- errors ------------------------------------------------------------------------------ */
/* Records a SyntaxError at extent POS (byte columns; converted to character offsets). */
void pyrs_pb_error_at(PyrsParser *P, PyrsPPos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void pyrs_pb_oom(PyrsParser *P);
void pyrs_pb_error_tok(PyrsParser *P, const PyrsToken *t, const char *msg);

/* ---- driver hooks (parser.c) ------------------------------------------------------------ */
/* The grammar rejected token T: marks the parse failed (the driver diagnoses it). */
void pyrs_pb_reject(PyrsParser *P, const PyrsToken *t);
/* The lemon stack overflowed: records CPython's "too many nested parentheses"-style error. */
void pyrs_pb_overflow(PyrsParser *P);

/* Parses an f-string field's expression read by TOK (parser.c; TOK is freed, NULL means out
 * of memory). Returns the expression, or NULL with the error recorded. */
PyrsExpr *pyrs_pb_sub_expr(PyrsParser *outer, PyrsTokenizer *tok);

/* ---- sequences ---------------------------------------------------------------------------- */
PyrsAstSeq *pyrs_pb_seq1(PyrsParser *P, void *item);
PyrsAstSeq *pyrs_pb_append(PyrsParser *P, PyrsAstSeq *seq, void *item);
PyrsAstSeq *pyrs_pb_concat(PyrsParser *P, PyrsAstSeq *a, PyrsAstSeq *b);
PyrsPList *pyrs_pb_list1(PyrsParser *P, PyrsPE e);
PyrsPList *pyrs_pb_list_add(PyrsParser *P, PyrsPList *l, PyrsPE e);
PyrsPList *pyrs_pb_list_trail(PyrsParser *P, PyrsPList *l, const PyrsToken *comma);
PyrsPList *pyrs_pb_list_prepend(PyrsParser *P, PyrsPE e, PyrsPList *l);
PyrsPE *pyrs_pb_box(PyrsParser *P, PyrsPE e);
PyrsAstSeq *pyrs_pb_args_trail(PyrsParser *P, PyrsAstSeq *args);
PyrsPItem *pyrs_pb_item(PyrsParser *P, PyrsPItemKind kind, PyrsPPos p);
PyrsAstSeq *pyrs_pb_exprs(PyrsParser *P, PyrsPList *l);

/* ---- expressions -------------------------------------------------------------------------- */
PyrsPE pyrs_pb_name(PyrsParser *P, const PyrsToken *t);
PyrsPE pyrs_pb_number(PyrsParser *P, const PyrsToken *t);
/* Implicitly concatenated string literals (TOKS: PyrsToken *), f-strings included
 * (parse_string.c). */
PyrsPE pyrs_pb_strings(PyrsParser *P, PyrsAstSeq *toks);
PyrsPE pyrs_pb_singleton(PyrsParser *P, const PyrsToken *t);
PyrsPE pyrs_pb_tuple_or_one(PyrsParser *P, PyrsPList *l);
PyrsPE pyrs_pb_tuple(PyrsParser *P, PyrsPList *l, PyrsPPos p);
PyrsPE pyrs_pb_group(PyrsParser *P, const PyrsToken *lp, PyrsPList *l, const PyrsToken *rp);
PyrsPE pyrs_pb_list(PyrsParser *P, PyrsPList *l, PyrsPPos p);
PyrsPE pyrs_pb_set(PyrsParser *P, PyrsPList *l, PyrsPPos p);
PyrsPE pyrs_pb_dict(PyrsParser *P, PyrsAstSeq *items, PyrsPPos p);
PyrsPE pyrs_pb_comp(PyrsParser *P, PyrsAstKind kind, PyrsPE elt, PyrsPE val, PyrsAstSeq *gens,
                    PyrsPPos p);
PyrsComprehension *pyrs_pb_comp_for(PyrsParser *P, PyrsPList *target, PyrsPE iter, PyrsAstSeq *ifs,
                                    int is_async);
PyrsPE pyrs_pb_binop(PyrsParser *P, PyrsPE a, int op, PyrsPE b);
PyrsPE pyrs_pb_unary(PyrsParser *P, const PyrsToken *t, int op, PyrsPE a);
PyrsPE pyrs_pb_boolop(PyrsParser *P, int op, PyrsAstSeq *values);
PyrsPItem *pyrs_pb_cmp_add(PyrsParser *P, PyrsPItem *chain, PyrsPE left, int op, PyrsPE right);
PyrsPE pyrs_pb_compare(PyrsParser *P, PyrsPItem *chain);
PyrsPE pyrs_pb_ifexp(PyrsParser *P, PyrsPE body, PyrsPE test, PyrsPE orelse);
PyrsPE pyrs_pb_named(PyrsParser *P, PyrsPE target, PyrsPE value);
PyrsPE pyrs_pb_starred(PyrsParser *P, const PyrsToken *t, PyrsPE a);
PyrsPE pyrs_pb_await(PyrsParser *P, const PyrsToken *t, PyrsPE a);
PyrsPE pyrs_pb_yield(PyrsParser *P, const PyrsToken *t, PyrsPE *value, int from);
PyrsPE pyrs_pb_attr(PyrsParser *P, PyrsPE a, const PyrsToken *name);
PyrsPE pyrs_pb_subscript(PyrsParser *P, PyrsPE a, PyrsPE slice, const PyrsToken *rb);
PyrsPE pyrs_pb_slices(PyrsParser *P, PyrsPList *l);
PyrsPE pyrs_pb_slice(PyrsParser *P, PyrsPE *lo, const PyrsToken *c1, PyrsPE *hi,
                     const PyrsToken *c2, PyrsPE *step);
PyrsPE pyrs_pb_call(PyrsParser *P, PyrsPE f, const PyrsToken *lp, PyrsAstSeq *args,
                    const PyrsToken *rp);
void pyrs_pb_class_args(PyrsParser *P, PyrsAstSeq *items, const PyrsToken *rp, PyrsAstSeq **bases,
                        PyrsAstSeq **keywords);
PyrsPE pyrs_pb_lambda(PyrsParser *P, const PyrsToken *t, PyrsAstSeq *params, PyrsPE body);
PyrsPItem *pyrs_pb_arg_item(PyrsParser *P, PyrsPItemKind kind, const PyrsToken *t, PyrsPE a,
                            PyrsPE *b);
PyrsPItem *pyrs_pb_genexp_arg(PyrsParser *P, PyrsPE elt, PyrsAstSeq *gens);

/* ---- parameters --------------------------------------------------------------------------- */
PyrsPItem *pyrs_pb_param(PyrsParser *P, PyrsPItemKind kind, const PyrsToken *star,
                         const PyrsToken *name, PyrsPE *ann, int starred_ann, PyrsPE *dflt);
PyrsArguments *pyrs_pb_arguments(PyrsParser *P, PyrsAstSeq *items, int is_lambda);
/* ITEMS (NULL: a new list) extended by parameter IT; a leading `/` is reported at once. */
PyrsAstSeq *pyrs_pb_params_add(PyrsParser *P, PyrsAstSeq *items, PyrsPItem *it);

/* ---- statements --------------------------------------------------------------------------- */
PyrsMod *pyrs_pb_module(PyrsParser *P, PyrsAstSeq *body);
PyrsStmt *pyrs_pb_expr_stmt(PyrsParser *P, PyrsPE e);
PyrsStmt *pyrs_pb_assign(PyrsParser *P, PyrsPE first, PyrsAstSeq *rest);
PyrsStmt *pyrs_pb_augassign(PyrsParser *P, PyrsPE target, int op, PyrsPE value);
PyrsStmt *pyrs_pb_annassign(PyrsParser *P, PyrsPE target, PyrsPE ann, PyrsPE *value);
PyrsStmt *pyrs_pb_simple(PyrsParser *P, PyrsAstKind kind, const PyrsToken *t);
PyrsStmt *pyrs_pb_return(PyrsParser *P, const PyrsToken *t, PyrsPE *value);
PyrsStmt *pyrs_pb_raise(PyrsParser *P, const PyrsToken *t, PyrsPE *exc, PyrsPE *cause);
PyrsStmt *pyrs_pb_delete(PyrsParser *P, const PyrsToken *t, PyrsPList *targets);
PyrsStmt *pyrs_pb_global(PyrsParser *P, PyrsAstKind kind, const PyrsToken *t, PyrsPItem *names);
PyrsPItem *pyrs_pb_names(PyrsParser *P, PyrsPItem *prev, const PyrsToken *name);
PyrsPItem *pyrs_pb_import_star(PyrsParser *P, const PyrsToken *star);
PyrsPItem *pyrs_pb_import_names(PyrsParser *P, PyrsAstSeq *aliases, const PyrsToken *end);
PyrsStmt *pyrs_pb_assert(PyrsParser *P, const PyrsToken *t, PyrsPE test, PyrsPE *msg);
PyrsAlias *pyrs_pb_alias(PyrsParser *P, PyrsPItem *dotted, const PyrsToken *asname);
PyrsStmt *pyrs_pb_import(PyrsParser *P, const PyrsToken *t, PyrsAstSeq *aliases);
PyrsStmt *pyrs_pb_import_from(PyrsParser *P, const PyrsToken *t, int level, PyrsPItem *dotted,
                              PyrsPItem *targets);
PyrsStmt *pyrs_pb_if(PyrsParser *P, const PyrsToken *t, PyrsPE test, PyrsAstSeq *body,
                     PyrsAstSeq *elifs, PyrsAstSeq *orelse);
PyrsPItem *pyrs_pb_elif(PyrsParser *P, const PyrsToken *t, PyrsPE test, PyrsAstSeq *body);
PyrsStmt *pyrs_pb_while(PyrsParser *P, const PyrsToken *t, PyrsPE test, PyrsAstSeq *body,
                        PyrsAstSeq *orelse);
PyrsStmt *pyrs_pb_for(PyrsParser *P, const PyrsToken *t, PyrsPList *target, PyrsPE iter,
                      PyrsAstSeq *body, PyrsAstSeq *orelse);
PyrsStmt *pyrs_pb_try(PyrsParser *P, const PyrsToken *t, PyrsAstSeq *body, PyrsAstSeq *handlers,
                      PyrsAstSeq *orelse, PyrsAstSeq *finalbody);
PyrsPItem *pyrs_pb_handler(PyrsParser *P, const PyrsToken *t, int star, PyrsPE *type,
                           const PyrsToken *name, PyrsAstSeq *body);
PyrsWithItem *pyrs_pb_withitem(PyrsParser *P, PyrsPE ctx, PyrsPE *target);
PyrsStmt *pyrs_pb_with(PyrsParser *P, const PyrsToken *t, PyrsAstSeq *items, PyrsAstSeq *body);
PyrsStmt *pyrs_pb_funcdef(PyrsParser *P, const PyrsToken *t, const PyrsToken *name,
                          PyrsArguments *args, PyrsPE *returns, PyrsAstSeq *body);
PyrsPItem *pyrs_pb_class_head(PyrsParser *P, const PyrsToken *t, const PyrsToken *name,
                              PyrsAstSeq *args, const PyrsToken *rp);
PyrsStmt *pyrs_pb_classdef(PyrsParser *P, PyrsPItem *head, PyrsAstSeq *body);
PyrsStmt *pyrs_pb_async(PyrsParser *P, const PyrsToken *t, PyrsStmt *s);
PyrsStmt *pyrs_pb_decorate(PyrsParser *P, PyrsAstSeq *decorators, PyrsStmt *s);
char *pyrs_pb_ident(PyrsParser *P, const PyrsToken *t);

/* ---- match -------------------------------------------------------------------------------- */
PyrsStmt *pyrs_pb_match(PyrsParser *P, const PyrsToken *t, PyrsPE subject, PyrsAstSeq *cases);
PyrsPItem *pyrs_pb_pats(PyrsParser *P, PyrsAstSeq *pats, const PyrsToken *trail);
PyrsPItem *pyrs_pb_map_item(PyrsParser *P, PyrsPE key, PyrsPattern *pat, const PyrsToken *rest);
PyrsPItem *pyrs_pb_cls_arg(PyrsParser *P, const PyrsToken *name, PyrsPattern *pat);
PyrsAstSeq *pyrs_pb_cls_args_add(PyrsParser *P, PyrsAstSeq *args, PyrsPItem *arg);
/* `from m import a,` without parentheses: an error when the statement ends there. */
void pyrs_pb_import_trail(PyrsParser *P, const PyrsToken *comma);
PyrsMatchCase *pyrs_pb_case(PyrsParser *P, PyrsPattern *pat, PyrsPE *guard, PyrsAstSeq *body);
PyrsPattern *pyrs_pb_pat_capture(PyrsParser *P, const PyrsToken *name);
PyrsPattern *pyrs_pb_pat_value(PyrsParser *P, PyrsPE value);
PyrsPattern *pyrs_pb_pat_singleton(PyrsParser *P, const PyrsToken *t);
PyrsPattern *pyrs_pb_pat_as(PyrsParser *P, PyrsPattern *pat, const PyrsToken *name);
PyrsPattern *pyrs_pb_pat_or(PyrsParser *P, PyrsAstSeq *alts);
PyrsPattern *pyrs_pb_pat_star(PyrsParser *P, const PyrsToken *star, const PyrsToken *name);
PyrsPattern *pyrs_pb_pat_seq(PyrsParser *P, PyrsAstSeq *pats, PyrsPPos p);
PyrsPattern *pyrs_pb_pat_group(PyrsParser *P, const PyrsToken *lp, PyrsPattern *pat,
                               const PyrsToken *rp);
PyrsPattern *pyrs_pb_pat_mapping(PyrsParser *P, PyrsAstSeq *items, PyrsPPos p);
PyrsPattern *pyrs_pb_pat_class(PyrsParser *P, PyrsPE cls, PyrsAstSeq *items, PyrsPPos p);
PyrsPE pyrs_pb_complex_lit(PyrsParser *P, PyrsPE real, int op, PyrsPE imag);
PyrsPE pyrs_pb_neg_number(PyrsParser *P, const PyrsToken *minus, PyrsPE num);

/* ---- targets (parse_target.c) ------------------------------------------------------------- */
/* Checks that E is a valid target for KIND (0 assignment, 1 deletion, 2 for/with/comp
 * target) and sets Store/Del context; returns 0, or -1 with the CPython error recorded. */
int pyrs_pb_set_target(PyrsParser *P, PyrsPE e, int kind);
const char *pyrs_pb_expr_name(const PyrsExpr *e);
int pyrs_pb_check_target(const PyrsExpr *e, int kind);

#endif /* PYRS_PARSE_BUILD_H */
