/* ast_from_py.h: compile() of AST objects: _ast node objects turned back into the compiler's
 * AST (compiler/ast_from_py.c) and checked as CPython 3.11's validator does
 * (compiler/ast_validate.c). */
#ifndef PYRS_AST_FROM_PY_H
#define PYRS_AST_FROM_PY_H

#include "Python.h"
#include "ast.h"

/* The tree TREE (an _ast.mod instance) converted into ARENA, as CPython's PyAST_obj2mod:
 * MODE 0 wants a Module, 1 an Expression, 2 an Interactive, 3 a FunctionType. Constant
 * values keep their objects (PyrsConst.obj); KEEP (a list) receives a reference to each so
 * they live as long as KEEP. Returns the tree, or NULL with CPython's TypeError, ValueError,
 * OverflowError or RecursionError set. */
PyrsMod *pyrs_ast_from_py(PyObject *tree, int mode, PyrsArena *arena, PyObject *keep);

/* CPython 3.11's _PyAST_Validate on a converted tree: 0, or -1 with its ValueError or
 * TypeError set ("expression must have Load context but has Store instead", ...). */
int pyrs_ast_validate(PyrsMod *mod);

/* compile(TREE, FILENAME, MODE) for an AST object: converted, validated and compiled into a
 * code object (new reference), or NULL with the exception set. MODE is "exec", "eval" or
 * "single". */
PyObject *pyrs_ast_compile_object(PyObject *tree, const char *filename, const char *mode);

#endif /* PYRS_AST_FROM_PY_H */
