/* fstring.h: splits one f-string STRING token into literal text and replacement fields,
 * as CPython 3.11's string_parser.c does before parsing each field's expression; the error
 * messages ("f-string: expecting '}'", ...) are CPython 3.11's. */
#ifndef PYRS_FSTRING_H
#define PYRS_FSTRING_H

#include <stddef.h>

#include "perror.h"
#include "tokenizer.h"

typedef enum {
    PYRS_FSTR_TEXT,  /* literal text */
    PYRS_FSTR_FIELD, /* a replacement field {expr[=][!c][:spec]} */
} PyrsFStrPieceKind;

typedef struct PyrsFStrPiece PyrsFStrPiece;

/* A sequence of pieces: an f-string body or a field's format spec. */
typedef struct {
    PyrsFStrPiece *items; /* array of N pieces (owned) */
    size_t n;             /* number of pieces */
    const char **invalid; /* per literal chunk with one, the first escape 3.11 warns about
                           * (a backslash in the token): an owned array of NINVALID */
    size_t ninvalid;
} PyrsFStrParts;

struct PyrsFStrPiece {
    PyrsFStrPieceKind kind; /* TEXT or FIELD */
    /* TEXT: the decoded value, UTF-8 (lone surrogates as in strlit.h), `{{`/`}}` undoubled,
     * escapes decoded unless the token is raw. Adjacent texts are merged; never empty. The
     * text of a self-documenting field (f"{x = }" gives "x = ") is a TEXT piece of its own,
     * placed before the FIELD, exactly as CPython 3.11 builds the JoinedStr. */
    char *text;      /* owned, NUL-terminated */
    size_t text_len; /* bytes of text */
    /* FIELD: the expression source, exactly as written between `{` and `=`/`!`/`:`/`}`.
     * Parse it with pyrs_fstring_field_tokenizer (CPython wraps it in parentheses). */
    const char *expr;   /* points into the token's text (valid while the token is) */
    size_t expr_len;    /* bytes of expression source */
    int expr_lineno;    /* line of the implicit '(' (where the `{` is) */
    int expr_col;       /* byte column CPython 3.11 gives the implicit '(' */
    int conversion;     /* -1 when absent, else 's', 'r' or 'a' ('r' for "x=" without spec) */
    int has_spec;       /* 1 when a `:` format spec is present (it may have no pieces) */
    PyrsFStrParts spec; /* the format spec's pieces (fields nest one level, as in CPython) */
};

/* Splits the f-string token TOK into OUT. Returns 0 on success, or -1 with CPython 3.11's
 * message in MSG ("f-string: expecting '}'", ...; "MemoryError" when out of memory). The
 * location is the caller's: CPython blames the token after the string sequence.
 * On -1, OUT keeps the pieces completed before the error, and a field whose expression was
 * delimited before the error (CPython compiles a field's expression before it checks the
 * conversion and the spec); parse their expressions first, in order (spec fields after their
 * owner): a syntax error there is what CPython reports. Free OUT in both cases. */
int pyrs_fstring_split(const PyrsToken *tok, PyrsFStrParts *out, char *msg, size_t msgsize);

/* A tokenizer for FIELD's expression, positioned as CPython 3.11 positions f-string field
 * tokens (see pyrs_tok_set_fstring_mode: LPAR first, RPAR last, then NEWLINE, ENDMARKER).
 * Parse with the "fstring" start rule (star_expressions). Errors: a tokenizer error of the
 * field (pyrs_tok_next returned -1) is reported by CPython at the token after
 * the string sequence, with the tokenizer's message ("f-string: unmatched ')'"); a parser
 * error is reported inside the "(expr)" text: use pyrs_tok_line / pyrs_tok_error_offset on
 * this tokenizer. Returns NULL when out of memory. */
PyrsTokenizer *pyrs_fstring_field_tokenizer(const PyrsFStrPiece *field, const char *filename);

/* Releases everything OUT owns and empties it. */
void pyrs_fstring_free(PyrsFStrParts *out);

#endif /* PYRS_FSTRING_H */
