/* perror.h: a syntax error as the front end reports it, and CPython 3.11's printed form.
 * Offsets follow SyntaxError's attributes: 1-based, counted in characters (not bytes). */
#ifndef PYRS_PERROR_H
#define PYRS_PERROR_H

#include <stdio.h>

typedef enum {
    PYRS_ERR_NONE = 0,
    PYRS_ERR_SYNTAX,      /* SyntaxError */
    PYRS_ERR_INDENTATION, /* IndentationError */
    PYRS_ERR_TAB,         /* TabError */
} PyrsErrKind;

/* A warning the front end found (CPython's parser warns while parsing): an invalid escape
 * sequence in a string literal (DeprecationWarning). Issued by the compiler once parsing
 * succeeded; where warnings are errors it becomes a SyntaxError at the same place. */
typedef struct {
    int deprecation; /* 1: DeprecationWarning, 0: SyntaxWarning */
    char msg[128];   /* the message, exactly CPython's */
    int lineno;      /* 1-based line of the token */
    int col;         /* 0-based byte column of the token */
    int end_lineno;  /* its last line */
    int end_col;     /* byte column just past it */
} PyrsParseWarning;

typedef struct {
    PyrsErrKind kind; /* which exception; NONE when no error is recorded */
    char msg[512];    /* the message, exactly CPython's */
    char *filename;   /* owned copy of the file name */
    int lineno;       /* 1-based line */
    int offset;       /* 1-based character column, 0 when unknown */
    int end_lineno;   /* line of the end of the caret range, 0 when unknown */
    int end_offset;   /* 1-based character column just past the range, 0 when unknown */
    char *text;       /* owned copy of the offending source line (with newline), or NULL */
    PyrsParseWarning *warnings; /* owned array of the warnings found, in source order */
    int nwarnings;
} PyrsSyntaxError;

/* Records a warning (dropped when out of memory: a warning is not worth failing for). */
void pyrs_perror_warn(PyrsSyntaxError *err, int deprecation, int lineno, int col, int end_lineno,
                      int end_col, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Records an error unless one is already recorded (the first error wins). */
void pyrs_perror_set(PyrsSyntaxError *err, PyrsErrKind kind, const char *filename, int lineno,
                     int offset, int end_lineno, int end_offset, const char *line_text,
                     size_t line_len, const char *fmt, ...) __attribute__((format(printf, 10, 11)));

/* Prints the error as CPython 3.11's traceback printer shows an uncaught SyntaxError:
 * the File/line header, the source line stripped, the caret line, then "Kind: msg". */
void pyrs_perror_print(const PyrsSyntaxError *err, FILE *out);

/* The exception's name: "SyntaxError", "IndentationError" or "TabError". */
const char *pyrs_perror_kind_name(PyrsErrKind kind);

void pyrs_perror_clear(PyrsSyntaxError *err);

#endif /* PYRS_PERROR_H */
