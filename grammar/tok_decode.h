/* tok_decode.h: turns raw source bytes into the UTF-8 text the tokenizer reads, as CPython
 * 3.11 does when it opens a file: UTF-8 BOM, PEP 263 coding declarations, newline
 * translation, and CPython's decoding errors. */
#ifndef PYRS_TOK_DECODE_H
#define PYRS_TOK_DECODE_H

#include <stddef.h>

#include "perror.h"

/* Decodes SRC[0..LEN) to UTF-8 with '\r\n' and '\r' turned into '\n' and a final '\n' added
 * when the text does not end with one. When CHECK_COOKIE is nonzero the BOM and PEP 263
 * declarations are honoured (file input); otherwise the text must already be UTF-8.
 * File input also loses each NUL byte with the rest of its line, newline included, as in
 * CPython 3.11's file reader. *DECLARED is set to 1 when a coding declaration was found.
 * Returns a malloc'ed NUL-terminated buffer (length in *OUT_LEN), or NULL with the error
 * recorded in *ERR (kind NONE on allocation failure). */
char *pyrs_tok_decode(const char *src, size_t len, int check_cookie, const char *filename,
                      size_t *out_len, int *declared, PyrsSyntaxError *err);

#endif /* PYRS_TOK_DECODE_H */
