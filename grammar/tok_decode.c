/* tok_decode.c: source bytes to UTF-8 text for the tokenizer. Mirrors CPython 3.11's file
 * reading: a UTF-8 BOM, a PEP 263 "coding" declaration on line 1 or 2 (decoded with iconv),
 * universal newlines, a final newline appended, and CPython's messages for bad input. */
#include "tok_decode.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the line starting at P (up to and including its newline, if any). */
static size_t
line_span(const char *p, const char *end)
{
    const char *q = p;
    while (q < end && *q != '\n' && *q != '\r') {
        q++;
    }
    if (q < end) {
        q++;
    }
    return (size_t)(q - p);
}

/* Finds a coding declaration in the line [P, P+N): copies its name into NAME. */
static int
find_cookie(const char *p, size_t n, char *name, size_t size)
{
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\f')) {
        i++;
    }
    if (i >= n || p[i] != '#') {
        return 0;
    }
    for (; i + 7 < n; i++) {
        if (memcmp(p + i, "coding", 6) == 0 && (p[i + 6] == ':' || p[i + 6] == '=')) {
            size_t j = i + 7, k = 0;
            while (j < n && (p[j] == ' ' || p[j] == '\t')) {
                j++;
            }
            while (j < n && k + 1 < size &&
                   (isalnum((unsigned char)p[j]) || p[j] == '-' || p[j] == '_' || p[j] == '.')) {
                name[k++] = p[j++];
            }
            name[k] = 0;
            if (k > 0) {
                return 1;
            }
        }
    }
    return 0;
}

/* Whether the line [P, P+N) holds only whitespace and/or a comment. */
static int
is_blank_or_comment(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\f')) {
        i++;
    }
    return i >= n || p[i] == '#' || p[i] == '\n' || p[i] == '\r';
}

/* CPython's normalisation of encoding names ("utf-8", "iso-8859-1" or as written). "utf8"
 * counts as "utf-8" only when ALIAS_UTF8 is set: after a BOM CPython does not accept it. */
static void
normalize_encoding(const char *in, char *out, size_t size, int alias_utf8)
{
    char low[64];
    size_t i;
    for (i = 0; in[i] && i + 1 < sizeof(low); i++) {
        low[i] = in[i] == '_' ? '-' : (char)tolower((unsigned char)in[i]);
    }
    low[i] = 0;
    if (strcmp(low, "utf-8") == 0 || strncmp(low, "utf-8-", 6) == 0 ||
        (alias_utf8 && strcmp(low, "utf8") == 0)) {
        snprintf(out, size, "utf-8");
    } else if (strcmp(low, "latin-1") == 0 || strcmp(low, "iso-8859-1") == 0 ||
               strcmp(low, "iso-latin-1") == 0 || strncmp(low, "latin-1-", 8) == 0 ||
               strncmp(low, "iso-8859-1-", 11) == 0 || strncmp(low, "iso-latin-1-", 12) == 0) {
        snprintf(out, size, "iso-8859-1");
    } else {
        snprintf(out, size, "%s", in);
    }
}

/* Length of the valid UTF-8 sequence at P (strict: no overlongs, no surrogates), or 0. */
static size_t
utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi) {
        return 0;
    }
    for (size_t i = 2; i < n; i++) {
        if (p[i] < 0x80 || p[i] > 0xBF) {
            return 0;
        }
    }
    return n;
}

/* Offset of the first invalid UTF-8 byte in [P, P+N), or N. */
static size_t
utf8_check(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p, *end = s + n;
    size_t i = 0;
    while (i < n) {
        size_t k = utf8_seq(s + i, end);
        if (k == 0) {
            return i;
        }
        i += k;
    }
    return n;
}

static void
set_plain(PyrsSyntaxError *err, const char *msg)
{
    pyrs_perror_set(err, PYRS_ERR_SYNTAX, NULL, 0, 0, 0, 0, NULL, 0, "%s", msg);
}

/* Converts with iconv; returns malloc'ed UTF-8 or NULL. */
static char *
convert(const char *src, size_t len, const char *enc, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1) {
        return NULL;
    }
    size_t cap = len * 4 + 16, left = cap;
    char *out = malloc(cap), *op = out;
    char *ip = (char *)src;
    size_t ileft = len;
    if (out == NULL || iconv(cd, &ip, &ileft, &op, &left) == (size_t)-1) {
        free(out);
        iconv_close(cd);
        return NULL;
    }
    iconv_close(cd);
    *out_len = cap - left;
    return out;
}

/* Universal newlines and a final '\n', into a fresh NUL-terminated buffer. With FILE_MODE, a
 * NUL byte drops the rest of its line and the line break, as CPython 3.11's line reader does
 * (the next line continues the truncated one). */
static char *
translate_newlines(const char *s, size_t n, size_t *out_len, int file_mode)
{
    char *out = malloc(n + 2);
    size_t k = 0;
    if (out == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == 0 && file_mode) {
            while (i + 1 < n && s[i + 1] != '\n' && s[i + 1] != '\r') {
                i++;
            }
            i += i + 1 < n;
            if (i < n && s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') {
                i++;
            }
            continue;
        }
        if (s[i] == '\r') {
            out[k++] = '\n';
            if (i + 1 < n && s[i + 1] == '\n') {
                i++;
            }
        } else {
            out[k++] = s[i];
        }
    }
    if (k > 0 && out[k - 1] != '\n') {
        out[k++] = '\n';
    }
    out[k] = 0;
    *out_len = k;
    return out;
}

/* Reports undeclared non-UTF-8 input the way CPython's file reader does. */
static void
set_non_utf8(PyrsSyntaxError *err, const char *src, size_t bad, const char *filename)
{
    int line = 1;
    for (size_t i = 0; i < bad; i++) {
        line += src[i] == '\n';
    }
    pyrs_perror_set(err, PYRS_ERR_SYNTAX, NULL, 0, 0, 0, 0, NULL, 0,
                    "Non-UTF-8 code starting with '\\x%.2x' in file %s on line %d, but no "
                    "encoding declared; see https://peps.python.org/pep-0263/ for details",
                    (unsigned char)src[bad], filename ? filename : "<string>", line);
}

/* A copy of [SRC, SRC+LEN) where each NUL byte and the rest of its line, newline included,
 * are left out, as CPython 3.11's file reader does; NULL when out of memory. */
static char *
drop_nul_lines(const char *src, size_t len, size_t *out_len)
{
    char *out = malloc(len + 1);
    size_t n = 0;
    if (out == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < len; i++) {
        if (src[i] != 0) {
            out[n++] = src[i];
            continue;
        }
        while (i < len && src[i] != '\n') {
            i++;
        }
    }
    out[n] = 0;
    *out_len = n;
    return out;
}

static char *decode_bytes(const char *src, size_t len, int check_cookie, const char *filename,
                          size_t *out_len, int *declared_out, PyrsSyntaxError *err);

char *
pyrs_tok_decode(const char *src, size_t len, int check_cookie, const char *filename,
                size_t *out_len, int *declared_out, PyrsSyntaxError *err)
{
    if (!check_cookie || memchr(src, 0, len) == NULL) {
        return decode_bytes(src, len, check_cookie, filename, out_len, declared_out, err);
    }
    size_t n = 0;
    char *kept = drop_nul_lines(src, len, &n);
    if (kept == NULL) {
        return NULL;
    }
    char *res = decode_bytes(kept, n, check_cookie, filename, out_len, declared_out, err);
    free(kept);
    return res;
}

/* pyrs_tok_decode for text without NUL bytes (or string sources). */
static char *
decode_bytes(const char *src, size_t len, int check_cookie, const char *filename, size_t *out_len,
             int *declared_out, PyrsSyntaxError *err)
{
    char raw[64], enc[64] = "utf-8";
    int bom = 0, declared = 0;
    *declared_out = 0;
    if (check_cookie) {
        if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {
            bom = 1;
            src += 3;
            len -= 3;
        }
        const char *end = src + len;
        size_t n1 = line_span(src, end);
        if (find_cookie(src, n1, raw, sizeof(raw))) {
            declared = 1;
        } else if (is_blank_or_comment(src, n1)) {
            declared = find_cookie(src + n1, line_span(src + n1, end), raw, sizeof(raw));
        }
        if (declared) {
            normalize_encoding(raw, enc, sizeof(enc), !bom);
        }
        *declared_out = declared;
    }
    if (strcmp(enc, "utf-8") != 0) {
        char msg[160];
        if (bom) {
            snprintf(msg, sizeof(msg), "encoding problem: %s with BOM", enc);
            set_plain(err, msg);
            return NULL;
        }
        size_t n = 0;
        char *u = convert(src, len, enc, &n);
        if (u == NULL) {
            snprintf(msg, sizeof(msg), "encoding problem: %s", raw);
            set_plain(err, msg);
            return NULL;
        }
        char *res = translate_newlines(u, n, out_len, 1);
        free(u);
        return res;
    }
    size_t bad = utf8_check(src, len);
    if (bad < len && !declared) {
        set_non_utf8(err, src, bad, filename);
        return NULL;
    }
    if (bad < len) {
        pyrs_perror_set(err, PYRS_ERR_SYNTAX, filename, 1, 1, 1, 1, NULL, 0,
                        "(unicode error) 'utf-8' codec can't decode byte 0x%.2x in position 0: "
                        "invalid start byte",
                        (unsigned char)src[bad]);
        return NULL;
    }
    return translate_newlines(src, len, out_len, check_cookie);
}
