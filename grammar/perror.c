/* perror.c: the front end's syntax-error record and its printed form, which mirrors how
 * CPython 3.11's traceback printer shows an uncaught SyntaxError (the File/line header, the
 * stripped source line, the caret range, "Kind: message"). */
#include "perror.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void
pyrs_perror_set(PyrsSyntaxError *err, PyrsErrKind kind, const char *filename, int lineno,
                int offset, int end_lineno, int end_offset, const char *line_text, size_t line_len,
                const char *fmt, ...)
{
    if (err->kind != PYRS_ERR_NONE) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    err->kind = kind;
    err->filename = filename ? strdup(filename) : NULL;
    err->lineno = lineno;
    err->offset = offset;
    err->end_lineno = end_lineno;
    err->end_offset = end_offset;
    err->text = NULL;
    if (line_text != NULL) {
        err->text = malloc(line_len + 2);
        if (err->text != NULL) {
            memcpy(err->text, line_text, line_len);
            if (line_len == 0 || line_text[line_len - 1] != '\n') {
                err->text[line_len++] = '\n';
            }
            err->text[line_len] = 0;
        }
    }
}

/* The source line and caret line (offsets in characters, 1-based, as SyntaxError's). */
static void
print_text(const char *text, long offset, long end_offset, FILE *out)
{
    long carets = (end_offset > 0 && end_offset > offset) ? end_offset - offset : 1;
    offset--;
    while (*text == ' ' || *text == '\t' || *text == '\f') {
        text++;
        offset--;
    }
    size_t blen = strlen(text);
    if (blen > 0 && text[blen - 1] == '\n') {
        blen--;
    }
    long len = (long)blen; /* CPython compares the character offset with a byte length */
    if (offset > len) {
        offset = len;
    }
    for (;;) {
        const char *nl = strchr(text, '\n');
        if (nl == NULL) {
            break;
        }
        long inl = (long)(nl - text);
        if (inl >= offset) {
            break;
        }
        offset -= inl + 1;
        text = nl + 1;
    }
    fputs("    ", out);
    fputs(text, out);
    size_t tl = strlen(text);
    if (tl == 0 || text[tl - 1] != '\n') {
        fputc('\n', out);
    }
    if (offset < 0) {
        return;
    }
    fputs("    ", out);
    for (long i = 0; i < offset; i++) {
        fputc(' ', out);
    }
    for (long i = 0; i < carets; i++) {
        fputc('^', out);
    }
    fputc('\n', out);
}

void
pyrs_perror_print(const PyrsSyntaxError *err, FILE *out)
{
    if (err->filename != NULL && err->lineno > 0) {
        fprintf(out, "  File \"%s\", line %d\n", err->filename, err->lineno);
        if (err->text != NULL) {
            /* CPython's printer reads the end only from exact SyntaxErrors */
            long end_offset = err->kind == PYRS_ERR_SYNTAX ? err->end_offset : -1;
            int end_lineno = err->kind == PYRS_ERR_SYNTAX ? err->end_lineno : err->lineno;
            size_t blen = strlen(err->text);
            long line_size = (long)blen; /* bytes, as CPython's AsUTF8AndSize */
            if (end_lineno > err->lineno) {
                end_offset = line_size;
            }
            if (end_offset > line_size + 1) {
                end_offset = line_size + 1;
            }
            print_text(err->text, err->offset, end_offset, out);
        }
    }
    fprintf(out, "%s: %s\n", pyrs_perror_kind_name(err->kind), err->msg);
}

const char *
pyrs_perror_kind_name(PyrsErrKind kind)
{
    switch (kind) {
    case PYRS_ERR_INDENTATION:
        return "IndentationError";
    case PYRS_ERR_TAB:
        return "TabError";
    default:
        return "SyntaxError";
    }
}

void
pyrs_perror_clear(PyrsSyntaxError *err)
{
    free(err->filename);
    free(err->text);
    free(err->warnings);
    memset(err, 0, sizeof(*err));
}

void
pyrs_perror_warn(PyrsSyntaxError *err, int deprecation, int lineno, int col, int end_lineno,
                 int end_col, const char *fmt, ...)
{
    PyrsParseWarning *w = realloc(err->warnings, sizeof *w * (size_t)(err->nwarnings + 1));
    if (w == NULL) {
        return;
    }
    err->warnings = w;
    w += err->nwarnings++;
    w->deprecation = deprecation;
    w->lineno = lineno;
    w->col = col;
    w->end_lineno = end_lineno;
    w->end_col = end_col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->msg, sizeof w->msg, fmt, ap);
    va_end(ap);
}
