/* parser.h: the parse driver: source text in, an AST (compiler/ast.h) or CPython 3.11's
 * SyntaxError out. Mirrors what ast.parse / compile() do with the exec, eval and single
 * modes (soft keywords, the first error wins, tokenizer errors where CPython reports them). */
#ifndef PYRS_PARSER_H
#define PYRS_PARSER_H

#include <stddef.h>

#include "ast.h"
#include "perror.h"

typedef enum {
    PYRS_PARSE_EXEC = 0,  /* a module: Module(body) */
    PYRS_PARSE_EVAL,      /* an expression: Expression(body) */
    PYRS_PARSE_SINGLE,    /* one interactive statement: Interactive(body) */
    PYRS_PARSE_FUNC_TYPE, /* a function type comment: FunctionType */
} PyrsParseMode;

/* Parses SRC[0..LEN) (raw file bytes: BOM and coding declarations honoured) in MODE.
 * Returns the tree, allocated in ARENA, or NULL with the error recorded in *ERR (which
 * must be cleared by the caller with pyrs_perror_clear). Never runs Python code. */
PyrsMod *pyrs_parse(const char *src, size_t len, const char *filename, int mode, PyrsArena *arena,
                    PyrsSyntaxError *err);

#endif /* PYRS_PARSER_H */
