/* tok_dump.c: prints every token of each file named on the command line, one per line as
 * "KIND line col end_line end_col text" (NEWLINE text omitted), or the error as CPython prints
 * it; used by tokenize_stdlib.py to compare with the oracle's tokenize module. */
#include <stdio.h>
#include <stdlib.h>

#include "tokenizer.h"

/* Reads a whole file; returns a malloc'ed buffer or NULL. */
static char *
read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) {
            break;
        }
        cap *= 2;
        char *nb = realloc(buf, cap);
        if (nb == NULL) {
            free(buf);
        }
        buf = nb;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Dumps one file; returns 0, or 1 when the tokenizer reported an error. */
static int
dump(const char *path)
{
    size_t n = 0;
    char *buf = read_file(path, &n);
    if (buf == NULL) {
        fprintf(stderr, "tok_dump: cannot read %s\n", path);
        return 1;
    }
    PyrsTokenizer *tok = pyrs_tok_new(buf, n, path);
    int rc = 0;
    PyrsToken t;
    printf("FILE %s\n", path);
    for (;;) {
        if (pyrs_tok_next(tok, &t) < 0) {
            pyrs_perror_print(pyrs_tok_error(tok), stdout);
            rc = 1;
            break;
        }
        int len = t.kind == PYRS_TOK_NEWLINE ? 0 : (int)t.len;
        printf("%s %d %d %d %d ", pyrs_tok_kind_name(t.kind), t.lineno, t.col_offset, t.end_lineno,
               t.end_col_offset);
        for (int i = 0; i < len; i++) {
            /* keep one token per line: newlines inside strings are shown escaped */
            fputs(t.start[i] == '\n' ? "\\n" : (char[]){t.start[i], 0}, stdout);
        }
        putchar('\n');
        if (t.kind == PYRS_TOK_ENDMARKER) {
            break;
        }
    }
    pyrs_tok_free(tok);
    free(buf);
    return rc;
}

int
main(int argc, char **argv)
{
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        rc |= dump(argv[i]);
    }
    return rc;
}
