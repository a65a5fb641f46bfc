/* fuzz_parser.c: libFuzzer target for the front end. Every input is tokenized to the end (the
 * tokenizer alone, including string/f-string decoding of each STRING token) and then parsed
 * into an AST; any crash, sanitizer report or leak is a bug: malformed source must only ever
 * give a SyntaxError (DESIGN.md section 8). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "fstring.h"
#include "parser.h"
#include "strlit.h"
#include "tokenizer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decodes one STRING token the way the parser would, then releases the result. */
static void
decode_string(const PyrsToken *t)
{
    PyrsStrLitInfo info;
    char msg[512];
    pyrs_strlit_info(t->start, t->len, &info);
    if (info.is_f) {
        PyrsFStrParts parts;
        pyrs_fstring_split(t, &parts, msg, sizeof(msg));
        for (size_t i = 0; i < parts.n; i++) {
            if (parts.items[i].kind == PYRS_FSTR_FIELD) {
                PyrsTokenizer *ft = pyrs_fstring_field_tokenizer(&parts.items[i], "<fuzz>");
                PyrsToken x;
                while (ft && pyrs_tok_next(ft, &x) == 0 && x.kind != PYRS_TOK_ENDMARKER) {
                }
                pyrs_tok_free(ft);
            }
        }
        pyrs_fstring_free(&parts);
        return;
    }
    char *out = NULL;
    size_t len = 0;
    const char *first_invalid = NULL;
    if (pyrs_strlit_decode(t->start, t->len, &info, &out, &len, msg, sizeof(msg), &first_invalid) ==
        0) {
        free(out);
    }
}

/* Tokenizes the whole input (bounded: the tokenizer always makes progress). */
static void
tokenize_all(const uint8_t *data, size_t size)
{
    PyrsTokenizer *tok = pyrs_tok_new((const char *)data, size, "<fuzz>");
    PyrsToken t;
    size_t line_len;
    if (tok == NULL) {
        return;
    }
    while (pyrs_tok_next(tok, &t) == 0 && t.kind != PYRS_TOK_ENDMARKER) {
        if (t.kind == PYRS_TOK_STRING) {
            decode_string(&t);
        }
        (void)pyrs_tok_line(tok, t.lineno, &line_len);
    }
    pyrs_tok_free(tok);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tokenize_all(data, size);
    PyrsArena *arena = pyrs_arena_new();
    PyrsSyntaxError err;
    memset(&err, 0, sizeof(err));
    if (arena != NULL) {
        (void)pyrs_parse((const char *)data, size, "<fuzz>", PYRS_PARSE_EXEC, arena, &err);
        pyrs_perror_clear(&err);
        pyrs_arena_free(arena);
    }
    return 0;
}
