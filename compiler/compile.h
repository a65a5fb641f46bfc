/* compile.h: the bytecode compiler: an AST (compiler/ast.h) in, a code object for the register
 * VM (runtime/include/pyrs/code.h) out. compile.c drives units and emission, compile_stmt.c
 * and compile_expr.c translate statements and expressions. */
#ifndef PYRS_COMPILE_H
#define PYRS_COMPILE_H

#include "Python.h"
#include "ast.h"
#include "perror.h"

/* Compiles MOD (from pyrs_parse) into a module code object named "<module>" whose
 * co_filename is FILENAME. Returns a new reference, or NULL with SyntaxError (or another
 * exception) set. MOD is used up: identifiers are mangled in place and, under `from
 * __future__ import annotations`, annotations are replaced by nodes freed on return. */
PyObject *pyrs_compile_module(PyrsMod *mod, PyObject *filename);

/* Parses and compiles SRC[0..LEN) as a module (raw file bytes). NULL with SyntaxError set,
 * carrying CPython's message, filename, line and offsets, on invalid source. */
PyObject *pyrs_compile_source(const char *src, size_t len, const char *filename);

/* The same in parser MODE (PyrsParseMode: exec, eval or single). An eval-mode code object
 * returns the expression's value. */
PyObject *pyrs_compile_source_mode(const char *src, size_t len, const char *filename, int mode);

/* Issues the warnings the parser recorded in ERR while parsing SRC[0..LEN) from FILENAME
 * (CPython's parser warns as it goes); one that a filter turns into an error becomes a
 * SyntaxError at its place, as in CPython. 0, or -1 with an exception. */
int pyrs_compile_parse_warnings(const PyrsSyntaxError *err, const char *src, size_t len,
                                const char *filename);

#endif /* PYRS_COMPILE_H */
