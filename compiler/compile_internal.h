/* compile_internal.h: state shared by compile.c, compile_stmt.c and compile_expr.c. */
#ifndef PYRS_COMPILE_INTERNAL_H
#define PYRS_COMPILE_INTERNAL_H

#include "compile.h"
#include "symtable.h"
#include "ast_const.h"
#include "pyrs/code.h"
#include "pyrs/config.h"

/* What a break, continue or return must unwind on its way out. */
typedef enum {
    FB_LOOP = 1,    /* while/for: break and continue targets */
    FB_FINALLY,     /* try body with a finally: inline the finally body */
    FB_HANDLER,     /* inside an except clause or finally-on-exception: restore exc state */
    FB_WITH,        /* with body: call __exit__(None, None, None) */
    FB_EXCEPT_STAR, /* an except* clause body: break, continue and return are errors */
} FBlockKind;

typedef struct {
    FBlockKind kind;     /* what it is */
    int continue_target; /* FB_LOOP: where continue jumps */
    Py_ssize_t *breaks;  /* FB_LOOP: pending break jumps to patch */
    int nbreaks, capbreaks;
    PyrsAstSeq *finalbody; /* FB_FINALLY: statements to inline */
    int reg;               /* FB_HANDLER: saved exception register; FB_WITH: __exit__ */
    int is_async;          /* FB_WITH: async with (__aexit__ is awaited) */
    int exc_reg;           /* FB_HANDLER: register of the handled exception, released when a
                            * break/continue/return leaves the handler; -1: none */
    const char *name;      /* FB_HANDLER: the "as" name of the clause being compiled, unbound
                            * when the clause is left (borrowed from the AST), or NULL */
} FBlock;

typedef struct Unit {
    struct Unit *parent; /* enclosing unit */
    PyrsScope *scope;    /* from the symbol table */
    PyObject *qualname;  /* str */
    PyObject *name;      /* str */
    PyrsInstr *code;     /* instructions */
    int32_t *lines;      /* line of each instruction */
    PyrsPosition *posns; /* source position of each instruction */
    PyrsPosition pos;    /* position of the expression or statement being compiled */
    int pos_line;        /* the line pos belongs to (lineno set alone: columns unknown) */
    Py_ssize_t n, cap;   /* instructions used / allocated */
    PyrsExcEntry *exc;   /* exception table, innermost first */
    Py_ssize_t nexc, capexc;
    PyObject *consts;      /* list */
    PyObject *const_index; /* dict: key -> index */
    PyObject *names;       /* list */
    PyObject *name_index;  /* dict: str -> index */
    PyObject *local_regs;  /* dict: local name -> register */
    PyObject *cell_index;  /* dict: cell/free name -> slot */
    int nlocals;           /* registers holding named locals */
    int next_reg;          /* first free temporary register */
    int max_reg;           /* registers needed */
    int lineno;            /* line of the statement being compiled */
    int firstlineno;       /* co_firstlineno */
    FBlock fb[32];         /* unwind stack */
    int nfb;               /* entries used */
    unsigned char *bound;  /* per local register: surely bound here (functions), or NULL */
    PyObject *unsafe;      /* set of locals that can become unbound again (del, except as) */
} Unit;

typedef struct {
    PyrsSymtable *st;   /* scopes */
    Unit *u;            /* the unit being compiled */
    PyObject *filename; /* str */
    int interactive;    /* 'single' mode: module-level expression statements are echoed */
    int future_lineno;  /* line of the last valid `from __future__` import, -1: none */
    int future_flags;   /* CO_FUTURE_* in effect (future imports, compile()'s flags) */
} Compiler;

/* Jumps waiting for one target (the ends of a boolean or comparison chain, of except
 * clauses...), as many as the source has: the first few inline, more on the heap. */
typedef struct {
    Py_ssize_t *items; /* positions of the jump instructions: SMALL or a PyMem block */
    Py_ssize_t n, cap;
    Py_ssize_t small[16];
} JumpList;

/* compile.c */
void pyrs_cc_jumps_init(JumpList *j);
/* Adds the jump at POS (a position, or -1 from a failed emit: then -1 and nothing added). 0,
 * or -1 with an exception. */
int pyrs_cc_jumps_add(JumpList *j, Py_ssize_t pos);
/* Points every jump of J at TARGET and empties J, releasing its memory. */
void pyrs_cc_jumps_patch_to(Compiler *c, JumpList *j, Py_ssize_t target);
/* Releases J's memory without patching (on an error path). */
void pyrs_cc_jumps_free(JumpList *j);
Py_ssize_t pyrs_cc_emit(Compiler *c, unsigned op, int a, int b, int cc, int x);
Py_ssize_t pyrs_cc_emit_jump(Compiler *c, unsigned op, int a);
void pyrs_cc_patch_here(Compiler *c, Py_ssize_t jump);
void pyrs_cc_patch_to(Compiler *c, Py_ssize_t jump, Py_ssize_t target);
Py_ssize_t pyrs_cc_here(Compiler *c);
int pyrs_cc_tmp(Compiler *c);
int pyrs_cc_tmps(Compiler *c, int n);
void pyrs_cc_free_to(Compiler *c, int mark);
int pyrs_cc_const(Compiler *c, PyObject *v); /* steals nothing; -1 on error */
int pyrs_cc_const_ast(Compiler *c, PyrsConst *k);
int pyrs_cc_name(Compiler *c, const char *name); /* index in co_names */
int pyrs_cc_name_obj(Compiler *c, PyObject *name);
int pyrs_cc_add_exc(Compiler *c, Py_ssize_t start, Py_ssize_t end, Py_ssize_t handler, int reg);
int pyrs_cc_error(Compiler *c, int lineno, int col, const char *msg);
/* CPython's compiler SyntaxWarning MSG at LINENO; when warnings are errors, a SyntaxError at
 * (LINENO, COL) instead. 0, or -1 with an exception. */
int pyrs_cc_warn(Compiler *c, int lineno, int col, const char *msg);
/* SyntaxError "keyword argument repeated: NAME" for a name given twice among KEYWORDS (a
 * call's or a class definition's), at the second. 0, or -1. */
int pyrs_cc_check_keywords(Compiler *c, PyrsAstSeq *keywords);
PyObject *pyrs_cc_pyconst(PyrsConst *k);
/* compile_expr.c: whether the expressions ELTS include a starred one (*x). */
int pyrs_cc_has_starred(PyrsAstSeq *elts);
/* Compiles the body of a new scope NODE into a code object (new reference). IS_CLASS: 0 for
 * a function or lambda (EXPR_BODY set), 1 for a class body, 2 for a comprehension. */
PyObject *pyrs_cc_code_for(Compiler *c, const void *node, const char *name, PyrsAstSeq *body,
                           PyrsExpr *expr_body, int firstlineno, int is_class);
/* Emits MAKEFUNC for scope NODE's code object into DST, with defaults/kwdefaults/closure
 * prepared by the caller per FLAGS in registers EXTRA..EXTRA+3. */
int pyrs_cc_make_closure(Compiler *c, PyrsScope *child, int extra, int *flags);

/* Makes NODE's location (LINENO..END_LINENO, COL..END_COL) the current one; returns the
 * previous one for pyrs_cc_restore_pos. */
typedef struct {
    PyrsPosition pos;
    int pos_line;
    int lineno;
} PyrsSavedPos;
PyrsSavedPos pyrs_cc_set_pos(Compiler *c, int lineno, int col, int end_lineno, int end_col);
void pyrs_cc_restore_pos(Compiler *c, PyrsSavedPos saved);

/* compile_expr.c */
/* CPython's forbidden_name: SyntaxError "cannot assign to __debug__" ("cannot delete" when
 * DEL) when NAME is __debug__, at expression AT's extent (NULL: the node being compiled).
 * 0, or -1 with the error set. */
int pyrs_cc_forbidden_name(Compiler *c, const char *name, int del, const void *at);
int pyrs_cc_expr(Compiler *c, PyrsExpr *e, int dst);
int pyrs_cc_store(Compiler *c, PyrsExpr *target, int src);
int pyrs_cc_load_name(Compiler *c, const char *name, int dst);
int pyrs_cc_store_name(Compiler *c, const char *name, int src);
int pyrs_cc_delete(Compiler *c, PyrsExpr *target);
int pyrs_cc_comprehension_code(Compiler *c, PyrsExpr *e, PyrsAstSeq *gens, const char *name);
int pyrs_cc_call_with(Compiler *c, int dst, int func_reg, PyrsAstSeq *args, PyrsAstSeq *kws);

/* compile_match.c: a match statement. 0, or -1 with an exception set. */
int pyrs_cc_match(Compiler *c, PyrsStmt *s);

/* compile_stmt.c */
int pyrs_cc_stmts(Compiler *c, PyrsAstSeq *body);
/* When the last instruction stored temporary T (its last read) into a name, a local, an
 * attribute or an item, makes it release T as well, so a dead register keeps nothing alive
 * (`x = C(); del x` frees the object at once, as CPython's stack does). 0, or -1. */
int pyrs_cc_release_stored(Compiler *c, int t);

/* Definitely-bound locals (compile_expr.c): a local register may be read directly (without
 * LOADLOCAL's unbound check) where every path has assigned it since the function started.
 * The analysis is per statement list: pyrs_cc_bound_save/restore bracket a nested body. */
/* Starts the analysis for a function unit (BODY NULL: a comprehension). 0, or -1. */
int pyrs_cc_bound_init(Compiler *c, PyrsAstSeq *body);
int pyrs_cc_local_reg(Compiler *c, PyrsExpr *e);        /* register of a fast local Name, or -1 */
int pyrs_cc_bound_reg(Compiler *c, PyrsExpr *e);        /* ... that is surely bound, or -1 */
void pyrs_cc_bound_mark(Compiler *c, PyrsExpr *target); /* a Name target was just assigned */
unsigned char *pyrs_cc_bound_save(Compiler *c);         /* snapshot (NULL: none to restore) */
void pyrs_cc_bound_restore(Compiler *c, unsigned char *saved); /* restores and frees it */
/* E's value into a register: a surely-bound local's own register, else TMP after compiling E
 * there. The register, or -1. */
int pyrs_cc_operand(Compiler *c, PyrsExpr *e, int tmp);
/* Whether E contains an assignment expression (so a local read before it must be copied). */
int pyrs_cc_has_walrus(PyrsExpr *e);
int pyrs_cc_function(Compiler *c, PyrsStmt *s, PyrsArguments *args, const char *name,
                     PyrsAstSeq *body, PyrsExpr *lambda_body, const void *node, int dst);

#endif /* PYRS_COMPILE_INTERNAL_H */
