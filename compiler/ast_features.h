/* ast_features.h: what ast.parse's feature_version= and type_comments= add to a parsed tree
 * (compiler/ast_features.c): SyntaxErrors for syntax newer than the requested Python 3.x,
 * and the type comments (Module.type_ignores, the type_comment fields). */
#ifndef PYRS_AST_FEATURES_H
#define PYRS_AST_FEATURES_H

#include <stddef.h>

#include "Python.h"
#include "ast.h"

/* Checks MOD, parsed from SRC[0..LEN) named FILENAME, for syntax that Python 3.MINOR lacks,
 * as CPython 3.11's parser does for compile(..., _feature_version=MINOR): positional-only
 * parameters, assignment expressions and f-string "=" before 3.8, parenthesized context
 * managers before 3.9, match before 3.10, except* before 3.11, and so on. 0, or -1 with
 * CPython's SyntaxError ("Pattern matching is only supported in Python 3.10 and greater"). */
int pyrs_ast_check_feature_version(PyrsMod *mod, const char *src, size_t len, const char *filename,
                                   int minor);

/* A "func_type" parse (`(int, *str, **Any) -> float`) from SRC[0..LEN): the order of the
 * starred argument types, which the tree no longer shows, checked as CPython's grammar does.
 * 0, or -1 with SyntaxError "invalid syntax". */
int pyrs_ast_check_func_type(PyrsMod *mod, const char *src, size_t len, const char *filename);

/* compile(..., PyCF_TYPE_COMMENTS) on MOD parsed from SRC[0..LEN) named FILENAME: fills the
 * Module's type_ignores from the "# type: ignore[tag]" comments and attaches the other
 * "# type: ..." comments where CPython's grammar takes them (Assign, For, With, def headers
 * and parameters), strings allocated in ARENA. 0, or -1 with CPython's SyntaxError for a type
 * comment anywhere else ("invalid syntax", "Cannot have two type comments on def"). */
int pyrs_ast_type_comments(PyrsMod *mod, const char *src, size_t len, const char *filename,
                           PyrsArena *arena);

#endif /* PYRS_AST_FEATURES_H */
