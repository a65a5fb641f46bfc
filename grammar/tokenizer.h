/* tokenizer.h: the contract between the re2c tokenizer (tokenizer.re) and the parse driver.
 * Tokens come out one at a time with CPython-compatible positions; errors are reported as
 * CPython 3.11 reports them (SyntaxError / IndentationError / TabError with line and offset). */
#ifndef PYRS_TOKENIZER_H
#define PYRS_TOKENIZER_H

#include <stddef.h>

#include "perror.h"

typedef enum {
#define X(name, text) PYRS_TOK_##name,
#include "tokens.def"
#undef X
    PYRS_TOK__COUNT,
    /* a character no token starts with: only in CPython mode (tok_internal.h) */
    PYRS_TOK_OP = PYRS_TOK__COUNT
} PyrsTokKind;

/* One token. Text points into the tokenizer's (UTF-8 decoded) buffer and stays valid until
 * pyrs_tok_free. Lines are 1-based; columns are 0-based UTF-8 byte offsets, as in ast nodes. */
typedef struct {
    PyrsTokKind kind;   /* what it is */
    const char *start;  /* first byte of the token text */
    size_t len;         /* bytes of text (0 for NEWLINE at EOF, INDENT, DEDENT, ENDMARKER) */
    int lineno;         /* line of the first byte */
    int col_offset;     /* byte column of the first byte */
    int end_lineno;     /* line just past the last byte */
    int end_col_offset; /* byte column just past the last byte */
} PyrsToken;

typedef struct PyrsTokenizer PyrsTokenizer;

/* Creates a tokenizer over SRC[0..LEN) (raw file bytes: BOM and PEP 263 declarations are
 * honoured and the text decoded to UTF-8). FILENAME is used in error messages. Returns NULL
 * only when out of memory. The tokenizer copies what it needs. */
PyrsTokenizer *pyrs_tok_new(const char *src, size_t len, const char *filename);

/* Same, for text that is already UTF-8 (strings passed to compile/exec, f-string fields).
 * LINENO/COL shift every reported position (used for f-string expressions). */
PyrsTokenizer *pyrs_tok_new_utf8(const char *src, size_t len, const char *filename, int lineno,
                                 int col);

/* Makes TOK (fresh from pyrs_tok_new_utf8) read an f-string replacement field as CPython 3.11
 * does: the text becomes "(" + text + ")" (LPAR and RPAR tokens included; the '(' is reported
 * at the COL given to pyrs_tok_new_utf8, i.e. where the field's '{' is), and error messages
 * get the "f-string: " prefix. Returns 0, or -1 when out of memory. fstring.h's
 * pyrs_fstring_field_tokenizer does both steps. */
int pyrs_tok_set_fstring_mode(PyrsTokenizer *tok);

/* The 1-based SyntaxError.offset CPython 3.11 reports for a parser error at byte column COL
 * of line LINENO (as reported in tokens): COL + 1 when the file has no coding declaration
 * (CPython does not convert then), else the character column + 1. For an f-string field
 * tokenizer: the position within the "(expr)" text, whose line pyrs_tok_line returns. */
int pyrs_tok_error_offset(const PyrsTokenizer *tok, int lineno, int col);

/* Reads the next token into *OUT. Returns 0 on success, -1 on error with the error stored in
 * pyrs_tok_error(). After ENDMARKER every call returns ENDMARKER again. */
int pyrs_tok_next(PyrsTokenizer *tok, PyrsToken *out);

/* The tokenizer's error record (valid after pyrs_tok_next returned -1). */
const PyrsSyntaxError *pyrs_tok_error(const PyrsTokenizer *tok);

/* The full text of source line LINENO (1-based), without its newline, or NULL. */
const char *pyrs_tok_line(const PyrsTokenizer *tok, int lineno, size_t *len);

void pyrs_tok_free(PyrsTokenizer *tok);

/* Name of a token kind ("NAME", "LPAR", ...). */
const char *pyrs_tok_kind_name(PyrsTokKind kind);

#endif /* PYRS_TOKENIZER_H */
