/* tok_internal.h: tokenizer facts the front end's own diagnostics need (errhint.c,
 * fstring.c) beyond the public contract in tokenizer.h. Implemented in tokenizer.re. */
#ifndef PYRS_TOK_INTERNAL_H
#define PYRS_TOK_INTERNAL_H

#include <stdint.h>

#include "tokenizer.h"

/* 1 when the recorded error is one CPython's tokenizer raises as an exception (bad literal,
 * bad character, bracket mismatch): such an error found while scanning the rest of the file
 * replaces a parser's "invalid syntax". 0 for the status-code errors (indentation, tabs,
 * line continuation, EOF in brackets), which never replace an earlier parser error. */
int pyrs_tok_error_overrides(const PyrsTokenizer *tok);

/* Brackets open right now (0 at top level) and the innermost one's character and line. */
int pyrs_tok_paren_level(const PyrsTokenizer *tok, char *ch, int *lineno, int *col);

/* 1 when CH may start (START != 0) or continue an identifier (XID_Start/XID_Continue, plus
 * '_' to start), as str.isidentifier() decides. */
int pyrs_tok_is_xid(uint32_t ch, int start);

/* Decodes one UTF-8 sequence at *P (advancing it); lone surrogates are accepted. */
uint32_t pyrs_tok_utf8_next(const char **p, const char *end);

/* Characters (code points) in [START, END): a byte column to SyntaxError's offset scale. */
int pyrs_tok_char_count(const char *start, const char *end);

/* A fresh tokenizer over the same decoded text (same file name, positions and mode), for
 * diagnostics that need the whole token stream again. NULL when out of memory. */
PyrsTokenizer *pyrs_tok_restart(const PyrsTokenizer *tok);

/* Makes TOK (fresh) return tokens as CPython's tokenizer does for the _tokenize module:
 * a character no token starts with becomes a PYRS_TOK_OP token and '<>' a NOTEQUAL, where
 * the parser's tokenizer reports them as syntax errors. */
void pyrs_tok_set_cpython_mode(PyrsTokenizer *tok);

/* The first line of CPython's line buffer after the token just returned: the line where the
 * current logical piece began (backslash continuations and multi-line strings extend it, a
 * new line read between tokens restarts it). _tokenize reports the text from there to the
 * end of the token's last line. */
int pyrs_tok_buf_line(const PyrsTokenizer *tok);

/* The SyntaxWarning CPython's tokenizer issues while reading the token just returned (a
 * number directly followed by a keyword, "1if"), with its line in *LINENO and, should a
 * warning filter turn it into a SyntaxError, that error's offset in *OFFSET; NULL if none. */
const char *pyrs_tok_warning(const PyrsTokenizer *tok, int *lineno, int *offset);

/* 1 for an f-string field tokenizer (pyrs_tok_set_fstring_mode). */
int pyrs_tok_is_fstring(const PyrsTokenizer *tok);

/* The file name given at creation. */
const char *pyrs_tok_filename(const PyrsTokenizer *tok);

/* XID_Start (START != 0) / XID_Continue of a non-ASCII code point; generated with the
 * character names into unicode_names.c by tools/gen_unicode_names.py. */
int pyrs_unidata_isxid(uint32_t ch, int start);

#endif /* PYRS_TOK_INTERNAL_H */
