/* ast_dump.h: prints an AST exactly as CPython 3.11's ast.dump(tree) and
 * ast.dump(tree, include_attributes=True) format it (annotated fields, no indent). */
#ifndef PYRS_AST_DUMP_H
#define PYRS_AST_DUMP_H

#include <stdio.h>

#include "ast.h"

/* Writes ast.dump(MOD, include_attributes=INCLUDE_ATTRIBUTES) to OUT, without a trailing
 * newline. Optional fields that are NULL are left out, NULL sequences print as [], and a
 * NULL where a node is required prints as None, as CPython would. Returns 0; -1 when
 * writing to OUT failed; -2, writing nothing, when the tree is deeper than
 * PYRS_AST_MAX_DEPTH, where CPython's ast.parse raises "RecursionError: maximum recursion
 * depth exceeded during ast construction" (callers print that and exit 1). Never
 * allocates; C recursion is bounded by PYRS_AST_MAX_DEPTH. */
int pyrs_ast_dump(const PyrsMod *mod, int include_attributes, FILE *out);

/* The same for a single expression or statement (tests, debugging). */
int pyrs_ast_dump_expr(const PyrsExpr *e, int include_attributes, FILE *out);
int pyrs_ast_dump_stmt(const PyrsStmt *s, int include_attributes, FILE *out);

#endif /* PYRS_AST_DUMP_H */
