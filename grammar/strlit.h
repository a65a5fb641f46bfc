/* strlit.h: the value of one STRING token, decoded as CPython 3.11's string parser does:
 * prefix flags, escape sequences (\N{...} through pyrs/unidata.h), and CPython's messages for
 * bad literals. Error location is the caller's: CPython blames the token after the string
 * sequence (the parser's lookahead), so these functions only produce the message. */
#ifndef PYRS_STRLIT_H
#define PYRS_STRLIT_H

#include <stddef.h>

/* What a STRING token's prefix and quotes say. */
typedef struct {
    int is_bytes;      /* b/B: a bytes literal */
    int is_raw;        /* r/R: no escape processing */
    int is_f;          /* f/F: an f-string (split it with fstring.h) */
    int is_u;          /* u/U: the constant's kind is "u" */
    int quote_size;    /* 1 or 3 */
    size_t prefix_len; /* bytes of prefix before the opening quote */
    const char *body;  /* first byte after the opening quote(s) (points into the token) */
    size_t body_len;   /* bytes between the quotes */
} PyrsStrLitInfo;

/* Fills *INFO from the token text TEXT[0..LEN) (a well-formed STRING token). */
void pyrs_strlit_info(const char *text, size_t len, PyrsStrLitInfo *info);

/* Decodes BODY[0..N): escape sequences unless IS_RAW; for bytes, checks that only ASCII is
 * written literally. The result is malloc'ed into *OUT (NUL-terminated; *OUT_LEN bytes):
 * UTF-8 for str, where a lone surrogate from \ud800-style escapes is kept as its 3-byte
 * generalized UTF-8 form (ED A0 80) so that str constants keep such code points; raw bytes for
 * bytes. Returns 0, or -1 with CPython's message in MSG (e.g. "(unicode error) 'unicodeescape'
 * codec can't decode bytes in position 0-2: truncated \xXX escape"; "MemoryError" when out
 * of memory). Invalid escapes such as "\d" are kept as written (3.11 only warns). */
int pyrs_strlit_unescape(const char *body, size_t n, int is_bytes, int is_raw, char **out,
                         size_t *out_len, char *msg, size_t msgsize);

/* pyrs_strlit_unescape, also pointing *FIRST_INVALID (NULL on entry) at the backslash of the
 * first escape CPython 3.11 warns about: an unknown one, or an octal one above \377. */
int pyrs_strlit_unescape_ex(const char *body, size_t n, int is_bytes, int is_raw, char **out,
                            size_t *out_len, char *msg, size_t msgsize, const char **first_invalid);

/* CPython's warning for the escape at ESC (a backslash pyrs_strlit_unescape_ex found):
 * "invalid escape sequence '\d'" or "invalid octal escape sequence '\777'". */
void pyrs_strlit_invalid_escape_msg(const char *esc, char *msg, size_t msgsize);

/* Decodes a whole non-f STRING token TEXT[0..LEN): *INFO gets its prefix flags and *OUT its
 * value, as pyrs_strlit_unescape_ex. Returns 0 or -1 with MSG set. */
int pyrs_strlit_decode(const char *text, size_t len, PyrsStrLitInfo *info, char **out,
                       size_t *out_len, char *msg, size_t msgsize, const char **first_invalid);

#endif /* PYRS_STRLIT_H */
