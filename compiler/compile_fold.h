/* compile_fold.h: constant folding on the AST before code generation, as CPython 3.11's AST
 * optimizer does it (so co_consts, speed and the compiler's literal warnings match). */
#ifndef PYRS_COMPILE_FOLD_H
#define PYRS_COMPILE_FOLD_H

#include "Python.h"
#include "ast.h"

/* Folds MOD in place: operators, subscripts and tuples whose operands are constants become
 * Constant nodes (within CPython's size limits, and only where the operation succeeds); a
 * list or set display iterated by `for` or tested by `in` becomes a tuple or a frozenset.
 * New constants are allocated in ARENA and their values kept alive by the list KEEP; both
 * must outlive the compilation. 0, or -1 with an exception (out of memory). */
int pyrs_fold_constants(PyrsMod *mod, PyrsArena *arena, PyObject *keep);

#endif /* PYRS_COMPILE_FOLD_H */
