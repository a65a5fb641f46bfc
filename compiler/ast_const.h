/* ast_const.h: the values of Constant nodes (None, True, False, Ellipsis, int, float, complex,
 * str, bytes), number-literal parsing as CPython 3.11's parser does it, and repr() of each
 * value exactly as CPython 3.11 prints it (what ast.dump shows). */
#ifndef PYRS_AST_CONST_H
#define PYRS_AST_CONST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ast.h"

typedef enum {
    PYRS_CONST_NONE = 1,
    PYRS_CONST_TRUE,
    PYRS_CONST_FALSE,
    PYRS_CONST_ELLIPSIS,
    PYRS_CONST_INT,
    PYRS_CONST_FLOAT,
    PYRS_CONST_COMPLEX, /* complex; a literal (1j) has real part +0.0 */
    PYRS_CONST_STR,
    PYRS_CONST_BYTES,
    PYRS_CONST_OBJECT /* only from compile() of AST objects: a tuple, frozenset or invalid value */
} PyrsConstKind;

/* A constant value, arena-owned and immutable once built. */
struct PyrsConst {
    PyrsConstKind kind; /* what it is */
    int int_fits;       /* INT: 1 when ival holds the exact value */
    int64_t ival;       /* INT: the value when int_fits */
    double fval;        /* FLOAT: the value; COMPLEX: the imaginary part */
    double real;        /* COMPLEX: the real part (+0.0 for literals, set by later passes) */
    const char *data;   /* INT: decimal digits (no sign, no leading zeros, "0" for zero);
                           STR: UTF-8 text (lone surrogates as 3-byte sequences ED A0..BF xx);
                           BYTES: the bytes. Always NUL-terminated; NULL for other kinds */
    size_t len;         /* bytes in data */
    const void *obj;    /* compile() of an AST object: the PyObject * value (a reference held
                           by the converter, compiler/ast_from_py.c); NULL from the parser */
};

/* A constant of a kind without payload (NONE, TRUE, FALSE, ELLIPSIS); NULL when out of
 * memory. */
PyrsConst *pyrs_const_new(PyrsArena *arena, PyrsConstKind kind);

/* A str constant holding a copy of UTF8[0..LEN); NULL when out of memory. */
PyrsConst *pyrs_const_str(PyrsArena *arena, const char *utf8, size_t len);

/* A bytes constant holding a copy of DATA[0..LEN); NULL when out of memory. */
PyrsConst *pyrs_const_bytes(PyrsArena *arena, const char *data, size_t len);

/* An int constant from VALUE (for the parser's own uses, e.g. tests); NULL when out of
 * memory. */
PyrsConst *pyrs_const_int64(PyrsArena *arena, int64_t value);

/* Parses the text of a NUMBER token (already validated by the tokenizer): decimal, 0x/0o/0b
 * ints, floats and imaginary literals, with underscores. Returns the constant, or NULL with
 * a message in ERR[0..ERRSIZE): "out of memory", or CPython's SyntaxError message for a
 * decimal int over 4300 digits ("Exceeds the limit (4300 digits) for integer string
 * conversion: value has N digits; use sys.set_int_max_str_digits() to increase the limit -
 * Consider hexadecimal for huge integer literals to avoid decimal conversion limits."). */
PyrsConst *pyrs_const_number(PyrsArena *arena, const char *text, size_t len, char *err,
                             size_t errsize);

/* A complex constant REAL + IMAG*j (for passes that fold constants); NULL when out of memory. */
PyrsConst *pyrs_const_complex(PyrsArena *arena, double real, double imag);

/* Writes repr(value) of C as CPython 3.11 prints it. Returns 0, or -1 on a write error. */
int pyrs_const_write_repr(const PyrsConst *c, FILE *out);

/* Writes repr() of the str S[0..LEN) (UTF-8, lone surrogates allowed): quotes chosen as
 * CPython does, unprintable characters escaped. Returns 0, or -1 on a write error. */
int pyrs_const_write_str_repr(const char *s, size_t len, FILE *out);

/* repr() of a float into BUF (at least 32 bytes): the shortest string that reads back as
 * the same double, in CPython's format ("1.0", "1e+16", "1e-05", "inf", "nan", "-0.0").
 * Returns the length written. */
size_t pyrs_const_float_repr(double x, char *buf, size_t size);

#endif /* PYRS_AST_CONST_H */
