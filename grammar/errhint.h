/* errhint.h: CPython 3.11's specialised syntax-error messages ("expected ':'", "Perhaps you
 * forgot a comma?", IndentationError hints, ...) decided from the token stream when the
 * parser rejects a token. Mirrors the invalid_* rules of CPython's PEG grammar. */
#ifndef PYRS_ERRHINT_H
#define PYRS_ERRHINT_H

#include <stddef.h>

#include "perror.h"
#include "tokenizer.h"

typedef struct {
    PyrsTokenizer *tok;    /* the live tokenizer: the hint may read the rest of the file */
    const PyrsToken *toks; /* every token of the file read so far, in order */
    size_t ntoks;          /* count; toks[ntoks - 1] is the token the parser rejected */
    PyrsSyntaxError *err;  /* receives the diagnosis (first error wins) */
    const char *filename;  /* file name for the error record */
} PyrsErrHintCtx;

/* Diagnoses a parse failure at ctx->toks[ctx->ntoks - 1] and records it in ctx->err (unless an
 * error is already recorded). May consume further tokens from ctx->tok: CPython prefers a
 * later tokenizer error (an unclosed bracket, a bad literal) to "invalid syntax". Never fails;
 * the fallback is "invalid syntax" at the rejected token. */
void pyrs_errhint_syntax_error(PyrsErrHintCtx *ctx);

/* For an error the parser recorded itself (a grammar action's "cannot assign to ...", an
 * f-string or literal error): applies CPython's rule that a tokenizer error found later in
 * the file (ctx->tok has read it all) replaces it. Only ctx->tok and ctx->err are used. */
void pyrs_errhint_finish(PyrsErrHintCtx *ctx);

#endif /* PYRS_ERRHINT_H */
