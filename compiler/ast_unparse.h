/* ast_unparse.h: an expression of the AST turned back into source text, exactly as CPython
 * 3.11's C unparser (the one behind `from __future__ import annotations`, PEP 563) writes it:
 * its spacing, parentheses, precedence and quoting. */
#ifndef PYRS_AST_UNPARSE_H
#define PYRS_AST_UNPARSE_H

#include <stddef.h>

#include "ast.h"

/* The text of E as a malloc'd NUL-terminated UTF-8 string (lone surrogates of str constants
 * kept as their 3-byte sequences, as ast_const.h stores them), its length in *LEN when LEN is
 * not NULL. The caller frees it with free(). NULL only when out of memory. Pure: touches no
 * runtime object and runs no Python code. */
char *pyrs_ast_unparse(const PyrsExpr *e, size_t *len);

/* Where and why an annotation cannot be stringified (the SyntaxError CPython raises). */
typedef struct {
    const char *msg; /* static text, e.g. "'yield expression' can not be used within an
                      * annotation" */
    int lineno, col_offset, end_lineno, end_col_offset; /* the offending expression */
} PyrsUnparseError;

/* PEP 563: replaces every annotation in MOD (parameters, returns, annotated assignments, in
 * any nested def or class) by a Constant str node (allocated in ARENA, at the annotation's
 * position) holding its unparsed text, so no annotation is evaluated. Returns 0; 1 when an
 * annotation holds yield, await or := outside a lambda or comprehension, or yield inside a
 * comprehension (ERR filled; MOD is then partly rewritten and must not be compiled); -1
 * when out of memory. */
int pyrs_ast_stringify_annotations(PyrsMod *mod, PyrsArena *arena, PyrsUnparseError *err);

#endif /* PYRS_AST_UNPARSE_H */
