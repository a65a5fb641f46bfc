/* strlit.c: decodes string and bytes literals exactly as CPython 3.11's string parser and its
 * unicode-escape / bytes-escape decoders do, including their error messages and the quirky
 * positions ("position 0-2") counted in CPython's intermediate escaped buffer. */
#include "strlit.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyrs/unidata.h"
#include "tok_internal.h"

/* A growing output buffer. */
typedef struct {
    char *data; /* malloc'ed bytes */
    size_t len; /* used */
    size_t cap; /* allocated */
} Buf;

static int
buf_reserve(Buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) {
        return 0;
    }
    size_t cap = b->cap ? b->cap : 32;
    while (cap < b->len + extra + 1) {
        cap *= 2;
    }
    char *d = realloc(b->data, cap);
    if (d == NULL) {
        return -1;
    }
    b->data = d;
    b->cap = cap;
    return 0;
}

static int
buf_put(Buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n) < 0) {
        return -1;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return 0;
}

/* Appends code point CH as (generalized) UTF-8: surrogates get their 3-byte form. */
static int
buf_put_cp(Buf *b, uint32_t ch)
{
    char u[4];
    size_t n;
    if (ch < 0x80) {
        u[0] = (char)ch;
        n = 1;
    } else if (ch < 0x800) {
        u[0] = (char)(0xC0 | (ch >> 6));
        u[1] = (char)(0x80 | (ch & 0x3F));
        n = 2;
    } else if (ch < 0x10000) {
        u[0] = (char)(0xE0 | (ch >> 12));
        u[1] = (char)(0x80 | ((ch >> 6) & 0x3F));
        u[2] = (char)(0x80 | (ch & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (ch >> 18));
        u[1] = (char)(0x80 | ((ch >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((ch >> 6) & 0x3F));
        u[3] = (char)(0x80 | (ch & 0x3F));
        n = 4;
    }
    return buf_put(b, u, n);
}

void
pyrs_strlit_info(const char *text, size_t len, PyrsStrLitInfo *info)
{
    size_t i = 0;
    memset(info, 0, sizeof(*info));
    while (i < len && text[i] != '\'' && text[i] != '"') {
        switch (text[i] | 0x20) {
        case 'b':
            info->is_bytes = 1;
            break;
        case 'r':
            info->is_raw = 1;
            break;
        case 'f':
            info->is_f = 1;
            break;
        case 'u':
            info->is_u = 1;
            break;
        default:
            break;
        }
        i++;
    }
    info->prefix_len = i;
    info->quote_size = (len - i >= 6 && text[i + 1] == text[i] && text[i + 2] == text[i]) ? 3 : 1;
    info->body = text + i + info->quote_size;
    info->body_len = len - i - 2 * (size_t)info->quote_size;
}

/* Width of the byte at P in CPython's intermediate buffer, where each non-ASCII character
 * became a 10-byte "\UXXXXXXXX" and a backslash before one (or at the end) "\u005c". */
static size_t
escaped_width(const char *p, const char *end, size_t *adv)
{
    const char *q = p;
    if ((unsigned char)*p >= 0x80) {
        pyrs_tok_utf8_next(&q, end);
        *adv = (size_t)(q - p);
        return 10;
    }
    *adv = 1;
    if (*p == '\\' && (p + 1 >= end || (unsigned char)p[1] >= 0x80)) {
        return 6;
    }
    return 1;
}

/* Position of P in CPython's intermediate buffer for the body starting at S. */
static size_t
escaped_pos(const char *s, const char *p, const char *end)
{
    size_t pos = 0, adv;
    while (s < p) {
        pos += escaped_width(s, end, &adv);
        s += adv;
    }
    return pos;
}

static int
hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Reports a unicode-escape failure for the escape at [START, STOP) of the body BODY. */
static int
unicode_error(const char *body, const char *start, const char *stop, const char *end,
              const char *what, char *msg, size_t msgsize)
{
    size_t a = escaped_pos(body, start, end), b = escaped_pos(body, stop, end);
    if (b - a > 1) {
        snprintf(msg, msgsize,
                 "(unicode error) 'unicodeescape' codec can't decode bytes in position "
                 "%zu-%zu: %s",
                 a, b - 1, what);
    } else {
        snprintf(msg, msgsize,
                 "(unicode error) 'unicodeescape' codec can't decode byte 0x5c in position "
                 "%zu: %s",
                 a, what);
    }
    return -1;
}

/* \N{NAME} at P (just after 'N'); appends the character or fails. */
static int
named_escape(Buf *b, const char *body, const char *esc, const char **pp, const char *end, char *msg,
             size_t msgsize)
{
    const char *p = *pp;
    if (p >= end || *p != '{') {
        return unicode_error(body, esc, p, end, "malformed \\N character escape", msg, msgsize);
    }
    const char *name = ++p;
    while (p < end && *p != '}') {
        p++;
    }
    if (p >= end || p == name) {
        return unicode_error(body, esc, p, end, "malformed \\N character escape", msg, msgsize);
    }
    uint32_t ch;
    p++;
    if (!pyrs_unidata_lookup(name, (size_t)(p - 1 - name), &ch)) {
        return unicode_error(body, esc, p, end, "unknown Unicode character name", msg, msgsize);
    }
    *pp = p;
    return buf_put_cp(b, ch);
}

/* \x, \u, \U with COUNT hex digits at *PP; appends the character or fails. */
static int
hex_escape(Buf *b, const char *body, const char *esc, const char **pp, const char *end, int count,
           int is_bytes, char *msg, size_t msgsize)
{
    const char *p = *pp;
    uint32_t ch = 0;
    for (int i = 0; i < count; i++, p++) {
        int v = p < end ? hexval((unsigned char)*p) : -1;
        if (v < 0) {
            if (is_bytes) {
                snprintf(msg, msgsize, "(value error) invalid \\x escape at position %zu",
                         (size_t)(esc - body));
                return -1;
            }
            const char *what = count == 2   ? "truncated \\xXX escape"
                               : count == 4 ? "truncated \\uXXXX escape"
                                            : "truncated \\UXXXXXXXX escape";
            return unicode_error(body, esc, p, end, what, msg, msgsize);
        }
        ch = ch * 16 + (uint32_t)v;
    }
    *pp = p;
    if (is_bytes) {
        char c = (char)ch;
        return buf_put(b, &c, 1);
    }
    if (ch > 0x10FFFF) {
        return unicode_error(body, esc, p, end, "illegal Unicode character", msg, msgsize);
    }
    return buf_put_cp(b, ch);
}

/* One escape sequence; *PP points just after the backslash. */
static int
one_escape(Buf *b, const char *body, const char **pp, const char *end, int is_bytes, char *msg,
           size_t msgsize, const char **first_invalid)
{
    const char *esc = *pp - 1, *p = *pp;
    int c = (unsigned char)*p++;
    static const char simple_in[] = "\n\\'\"abfnrtv";
    static const char simple_out[] = "\0\\'\"\a\b\f\n\r\t\v";
    const char *k = c ? strchr(simple_in, c) : NULL;
    *pp = p;
    if (k != NULL) {
        return c == '\n' ? 0 : buf_put(b, &simple_out[k - simple_in], 1);
    }
    if (c >= '0' && c <= '7') {
        uint32_t v = (uint32_t)(c - '0');
        for (int i = 0; i < 2 && p < end && *p >= '0' && *p <= '7'; i++) {
            v = v * 8 + (uint32_t)(*p++ - '0');
        }
        *pp = p;
        if (v > 0377 && *first_invalid == NULL) {
            *first_invalid = esc; /* 3.11 warns: "invalid octal escape sequence" */
        }
        if (is_bytes) {
            char ch = (char)v;
            return buf_put(b, &ch, 1);
        }
        return buf_put_cp(b, v);
    }
    if (c == 'x') {
        return hex_escape(b, body, esc, pp, end, 2, is_bytes, msg, msgsize);
    }
    if (!is_bytes && (c == 'u' || c == 'U')) {
        return hex_escape(b, body, esc, pp, end, c == 'u' ? 4 : 8, 0, msg, msgsize);
    }
    if (!is_bytes && c == 'N') {
        return named_escape(b, body, esc, pp, end, msg, msgsize);
    }
    /* an invalid escape stays as written (the backslash and the character) */
    if (*first_invalid == NULL) {
        *first_invalid = esc;
    }
    *pp = esc + 1;
    return buf_put(b, "\\", 1);
}

int
pyrs_strlit_unescape(const char *body, size_t n, int is_bytes, int is_raw, char **out,
                     size_t *out_len, char *msg, size_t msgsize)
{
    const char *first_invalid = NULL;
    return pyrs_strlit_unescape_ex(body, n, is_bytes, is_raw, out, out_len, msg, msgsize,
                                   &first_invalid);
}

int
pyrs_strlit_unescape_ex(const char *body, size_t n, int is_bytes, int is_raw, char **out,
                        size_t *out_len, char *msg, size_t msgsize, const char **first_invalid)
{
    Buf b = {NULL, 0, 0};
    const char *p = body, *end = body + n;
    *out = NULL;
    msg[0] = 0;
    if (is_bytes) {
        for (size_t i = 0; i < n; i++) {
            if ((unsigned char)body[i] >= 0x80) {
                snprintf(msg, msgsize, "bytes can only contain ASCII literal characters");
                return -1;
            }
        }
    }
    if (buf_reserve(&b, n) < 0) {
        goto nomem;
    }
    while (p < end) {
        const char *q = p;
        while (q < end && (is_raw || *q != '\\')) {
            q++;
        }
        if (buf_put(&b, p, (size_t)(q - p)) < 0) {
            goto nomem;
        }
        p = q;
        if (p < end) {
            p++;
            if (p >= end) {
                /* only an f-string literal before '{' ends so (f"\\{x}"): CPython keeps it */
                if (buf_put(&b, "\\", 1) < 0) {
                    goto nomem;
                }
                break;
            }
            if (one_escape(&b, body, &p, end, is_bytes, msg, msgsize, first_invalid) < 0) {
                free(b.data);
                if (strcmp(msg, "") == 0) {
                    goto nomem;
                }
                return -1;
            }
        }
    }
    b.data[b.len] = 0;
    *out = b.data;
    *out_len = b.len;
    return 0;
nomem:
    free(b.data);
    snprintf(msg, msgsize, "MemoryError");
    return -1;
}

int
pyrs_strlit_decode(const char *text, size_t len, PyrsStrLitInfo *info, char **out, size_t *out_len,
                   char *msg, size_t msgsize, const char **first_invalid)
{
    pyrs_strlit_info(text, len, info);
    return pyrs_strlit_unescape_ex(info->body, info->body_len, info->is_bytes, info->is_raw, out,
                                   out_len, msg, msgsize, first_invalid);
}

void
pyrs_strlit_invalid_escape_msg(const char *esc, char *msg, size_t msgsize)
{
    if (esc[1] >= '0' && esc[1] <= '7') {
        snprintf(msg, msgsize, "invalid octal escape sequence '\\%.3s'", esc + 1);
    } else {
        snprintf(msg, msgsize, "invalid escape sequence '\\%c'", esc[1]);
    }
}
