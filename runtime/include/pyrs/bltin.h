/* pyrs/bltin.h: the lazy iterator types of the builtins module (runtime/bltiniter.c) and the
 * compiler hook that exec/eval/compile use (set by the front end, compiler/pyrun.c). */
#ifndef PYRS_BLTIN_H
#define PYRS_BLTIN_H

#include "Python.h"

PyAPI_DATA(PyTypeObject) PyZip_Type;
PyAPI_DATA(PyTypeObject) PyMap_Type;
PyAPI_DATA(PyTypeObject) PyFilter_Type;

/* Readies zip, map and filter. 0, or -1 with an exception set. */
PYRS_MUST_CHECK int pyrs_bltiniter_init(void);

/* Compiles SRC[0..LEN) named FILENAME in MODE ("exec", "eval" or "single") into a code
 * object (new reference), or NULL with SyntaxError set. */
typedef PyObject *(*PyrsCompileHook)(const char *src, size_t len, const char *filename,
                                     const char *mode);

/* Installs the compiler the builtins use (the runtime library does not link the front end). */
void pyrs_bltin_set_compiler(PyrsCompileHook hook);

/* The _ast module (new reference) and compile(..., PyCF_ONLY_AST): SRC parsed in MODE into
 * _ast objects (new reference), both provided by the compiler library. FLAGS are compile()'s
 * (PyCF_TYPE_COMMENTS matters); FEATURE_VERSION is the _feature_version minor (-1: none). */
typedef PyObject *(*PyrsAstModuleHook)(void);
typedef PyObject *(*PyrsAstParseHook)(const char *src, size_t len, const char *filename,
                                      const char *mode, int flags, int feature_version);
void pyrs_bltin_set_ast_hooks(PyrsAstModuleHook module, PyrsAstParseHook parse);

/* compile() of an AST object without PyCF_ONLY_AST: TREE (an _ast.AST instance) converted,
 * validated and compiled in MODE into a code object (new reference), or NULL with CPython's
 * TypeError/ValueError; provided by the compiler library (compiler/ast_from_py.c). */
typedef PyObject *(*PyrsAstCompileHook)(PyObject *tree, const char *filename, const char *mode);
void pyrs_bltin_set_ast_compile_hook(PyrsAstCompileHook hook);

/* The _ast module through the hook (ImportError when the program has no compiler). */
PyObject *pyrs_bltin_ast_module(void);

/* Compiles through the installed compiler (ImportError when there is none). New reference. */
PyObject *pyrs_bltin_compile(const char *src, size_t len, const char *filename, const char *mode);

/* anext(aiterator, default)'s awaitable (anextawaitable.c): it awaits AWAITABLE (what
 * __anext__() returned) and gives DEFAULT instead of StopAsyncIteration. New reference, or
 * NULL. */
PyObject *pyrs_anext_awaitable_new(PyObject *awaitable, PyObject *default_value);

#endif /* PYRS_BLTIN_H */
