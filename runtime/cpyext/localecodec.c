/* cpyext/localecodec.c: CPython 3.11's locale codec of Python/fileutils.c for C code:
 * _Py_GetErrorHandler, _Py_DecodeLocaleEx/_Py_EncodeLocaleEx (UTF-8 in UTF-8 mode, else the
 * C library's current locale, with strict/surrogateescape/surrogatepass as CPython allows
 * them), Py_DecodeLocale/Py_EncodeLocale, and _Py_normpath (posixpath.normpath in place). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "Python.h"
#include "pyrs/config.h"

/* CPython's _Py_error_handler (Include/internal/pycore_fileutils.h). */
typedef enum {
    ERR_UNKNOWN = 0,
    ERR_STRICT,
    ERR_SURROGATEESCAPE,
    ERR_REPLACE,
    ERR_IGNORE,
    ERR_BACKSLASHREPLACE,
    ERR_SURROGATEPASS,
    ERR_XMLCHARREFREPLACE,
    ERR_OTHER
} _Py_error_handler;

PyAPI_FUNC(_Py_error_handler) _Py_GetErrorHandler(const char *errors);
PyAPI_FUNC(int) _Py_DecodeLocaleEx(const char *arg, wchar_t **wstr, size_t *wlen,
                                   const char **reason, int current_locale,
                                   _Py_error_handler errors);
PyAPI_FUNC(int) _Py_EncodeLocaleEx(const wchar_t *text, char **str, size_t *error_pos,
                                   const char **reason, int current_locale,
                                   _Py_error_handler errors);
PyAPI_FUNC(wchar_t *) _Py_normpath(wchar_t *path, Py_ssize_t size);

/* The handler named ERRORS (NULL means strict); ERR_OTHER for any other name. */
_Py_error_handler
_Py_GetErrorHandler(const char *errors)
{
    static const struct {
        const char *name;
        _Py_error_handler h;
    } names[] = {
        {"strict", ERR_STRICT},
        {"surrogateescape", ERR_SURROGATEESCAPE},
        {"replace", ERR_REPLACE},
        {"ignore", ERR_IGNORE},
        {"backslashreplace", ERR_BACKSLASHREPLACE},
        {"surrogatepass", ERR_SURROGATEPASS},
        {"xmlcharrefreplace", ERR_XMLCHARREFREPLACE},
    };
    if (errors == NULL) {
        return ERR_STRICT;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(errors, names[i].name) == 0) {
            return names[i].h;
        }
    }
    return ERR_OTHER;
}

static int
use_utf8(int current_locale)
{
    return !current_locale && pyrs_config.utf8_mode > 0;
}

/* Length of the valid UTF-8 sequence at S (N bytes left), surrogates allowed when
 * SURROGATES; 0 when invalid, with *REASON set. The code point goes to *CH. */
static size_t
utf8_seq(const unsigned char *s, size_t n, int surrogates, wchar_t *ch, const char **reason)
{
    unsigned c = s[0];
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    uint32_t min = len == 4 ? 0x10000 : len == 3 ? 0x800 : 0x80;
    if (c < 0xC2 || c > 0xF4) {
        *reason = "invalid start byte";
        return 0;
    }
    uint32_t v = c & (0x3F >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if (i >= n) {
            *reason = "unexpected end of data";
            return 0;
        }
        if ((s[i] & 0xC0) != 0x80) {
            *reason = "invalid continuation byte";
            return 0;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (!surrogates && v >= 0xD800 && v <= 0xDFFF)) {
        *reason = "invalid continuation byte";
        return 0;
    }
    *ch = (wchar_t)v;
    return len;
}

/* One character decoded at S by the current locale's mbrtowc; 0 when invalid. */
static size_t
locale_seq(const unsigned char *s, size_t n, wchar_t *ch, mbstate_t *st)
{
    size_t k = mbrtowc(ch, (const char *)s, n, st);
    if (k == (size_t)-1 || k == (size_t)-2 || (*ch >= 0xD800 && *ch <= 0xDFFF)) {
        memset(st, 0, sizeof *st);
        return 0;
    }
    return k == 0 ? 1 : k;
}

/* Decodes the NUL-terminated ARG into *WSTR (PyMem_RawMalloc'ed, *WLEN characters). 0; -1
 * out of memory; -2 undecodable byte at offset *WLEN with *REASON; -3 unsupported ERRORS.
 * Sets no exception. */
int
_Py_DecodeLocaleEx(const char *arg, wchar_t **wstr, size_t *wlen, const char **reason,
                   int current_locale, _Py_error_handler errors)
{
    int utf8 = use_utf8(current_locale);
    if (errors != ERR_STRICT && errors != ERR_SURROGATEESCAPE &&
        !(utf8 && errors == ERR_SURROGATEPASS)) {
        return -3;
    }
    size_t n = strlen(arg);
    wchar_t *out = PyMem_RawMalloc((n + 1) * sizeof(wchar_t));
    if (out == NULL) {
        return -1;
    }
    const unsigned char *s = (const unsigned char *)arg;
    size_t i = 0, o = 0;
    mbstate_t st;
    memset(&st, 0, sizeof st);
    while (i < n) {
        wchar_t ch = s[i];
        const char *why = "decoding error";
        size_t k = s[i] < 0x80 && utf8 ? 1
                   : utf8 ? utf8_seq(s + i, n - i, errors == ERR_SURROGATEPASS, &ch, &why)
                          : locale_seq(s + i, n - i, &ch, &st);
        if (k == 0) {
            if (errors != ERR_SURROGATEESCAPE || s[i] < 0x80) {
                PyMem_RawFree(out);
                if (reason != NULL) {
                    *reason = why;
                }
                if (wlen != NULL) {
                    *wlen = i;
                }
                return -2;
            }
            ch = (wchar_t)(0xDC00 + s[i]);
            k = 1;
        }
        out[o++] = ch;
        i += k;
    }
    out[o] = 0;
    *wstr = out;
    if (wlen != NULL) {
        *wlen = o;
    }
    return 0;
}

/* Appends the encoding of CH to OUT (room for MB_LEN_MAX or 4 bytes); the byte count, or 0
 * when CH cannot be encoded. */
static size_t
encode_char(wchar_t ch, int utf8, int surrogatepass, char *out, mbstate_t *st)
{
    uint32_t c = (uint32_t)ch;
    if (!utf8) {
        size_t k = c >= 0xD800 && c <= 0xDFFF ? (size_t)-1 : wcrtomb(out, ch, st);
        return k == (size_t)-1 ? 0 : k;
    }
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if ((c >= 0xD800 && c <= 0xDFFF && !surrogatepass) || c > 0x10FFFF) {
        return 0;
    }
    size_t len = c < 0x10000 ? 3 : 4;
    out[0] = (char)(len == 3 ? 0xE0 | (c >> 12) : 0xF0 | (c >> 18));
    for (size_t i = 1; i < len; i++) {
        out[i] = (char)(0x80 | ((c >> (6 * (len - 1 - i))) & 0x3F));
    }
    return len;
}

/* Encodes TEXT into *STR (PyMem_RawMalloc'ed, NUL-terminated). 0; -1 out of memory; -2
 * unencodable character at index *ERROR_POS with *REASON; -3 unsupported ERRORS. Sets no
 * exception. */
int
_Py_EncodeLocaleEx(const wchar_t *text, char **str, size_t *error_pos, const char **reason,
                   int current_locale, _Py_error_handler errors)
{
    int utf8 = use_utf8(current_locale);
    if (errors != ERR_STRICT && errors != ERR_SURROGATEESCAPE &&
        !(utf8 && errors == ERR_SURROGATEPASS)) {
        return -3;
    }
    size_t n = wcslen(text), per = MB_LEN_MAX > 4 ? MB_LEN_MAX : 4;
    char *out = PyMem_RawMalloc(n * per + 1);
    if (out == NULL) {
        return -1;
    }
    size_t o = 0;
    mbstate_t st;
    memset(&st, 0, sizeof st);
    for (size_t i = 0; i < n; i++) {
        wchar_t ch = text[i];
        if (errors == ERR_SURROGATEESCAPE && ch >= 0xDC80 && ch <= 0xDCFF) {
            out[o++] = (char)(ch - 0xDC00);
            continue;
        }
        size_t k = encode_char(ch, utf8, errors == ERR_SURROGATEPASS, out + o, &st);
        if (k == 0) {
            PyMem_RawFree(out);
            if (error_pos != NULL) {
                *error_pos = i;
            }
            if (reason != NULL) {
                *reason = "encoding error";
            }
            return -2;
        }
        o += k;
    }
    out[o] = '\0';
    *str = out;
    return 0;
}

/* Py_DecodeLocale: surrogateescape decoding; *SIZE is the length, (size_t)-1 on memory
 * error or (size_t)-2 on a decoding error. A PyMem_RawMalloc'ed string, or NULL. */
PyAPI_FUNC(wchar_t *) Py_DecodeLocale(const char *arg, size_t *size);
wchar_t *
Py_DecodeLocale(const char *arg, size_t *size)
{
    wchar_t *w = NULL;
    size_t len = 0;
    int r = _Py_DecodeLocaleEx(arg, &w, &len, NULL, 0, ERR_SURROGATEESCAPE);
    if (size != NULL) {
        *size = r == 0 ? len : r == -1 ? (size_t)-1 : (size_t)-2;
    }
    return r == 0 ? w : NULL;
}

/* Py_EncodeLocale: surrogateescape encoding into a PyMem_Malloc'ed string; NULL with
 * *ERROR_POS the failing index, or (size_t)-1 on memory error. */
PyAPI_FUNC(char *) Py_EncodeLocale(const wchar_t *text, size_t *error_pos);
char *
Py_EncodeLocale(const wchar_t *text, size_t *error_pos)
{
    char *raw = NULL;
    size_t pos = (size_t)-1;
    int r = _Py_EncodeLocaleEx(text, &raw, &pos, NULL, 0, ERR_SURROGATEESCAPE);
    if (r != 0) {
        if (error_pos != NULL) {
            *error_pos = r == -2 ? pos : (size_t)-1;
        }
        return NULL;
    }
    size_t n = strlen(raw) + 1;
    char *res = PyMem_Malloc(n);
    if (res != NULL) {
        memcpy(res, raw, n);
    } else if (error_pos != NULL) {
        *error_pos = (size_t)-1;
    }
    PyMem_RawFree(raw);
    return res;
}

/* ---- _Py_normpath ---------------------------------------------------------------------- */

/* Normalizes PATH (SIZE characters, or -1 for NUL-terminated) in place as posixpath.normpath:
 * repeated separators and "." components go, ".." removes the component before it (none above
 * the root); exactly two leading slashes are kept. Returns PATH. */
wchar_t *
_Py_normpath(wchar_t *path, Py_ssize_t size)
{
    if (path == NULL || size == 0 || path[0] == 0) {
        return path;
    }
    size_t n = size < 0 ? wcslen(path) : (size_t)size;
    size_t lead =
        path[0] == L'/' ? (n > 1 && path[1] == L'/' && (n < 3 || path[2] != L'/') ? 2 : 1) : 0;
    size_t o = lead, i = 0, ncomp = 0; /* components written that ".." may remove */
    while (i < n && path[i] == L'/') {
        i++;
    }
    for (size_t j = 0; j < lead; j++) {
        path[j] = L'/';
    }
    while (i < n) {
        size_t start = i;
        while (i < n && path[i] != L'/') {
            i++;
        }
        size_t len = i - start;
        while (i < n && path[i] == L'/') {
            i++;
        }
        if (len == 1 && path[start] == L'.') {
            continue;
        }
        if (len == 2 && path[start] == L'.' && path[start + 1] == L'.') {
            if (ncomp > 0) {
                while (o > lead && path[o - 1] != L'/') {
                    o--;
                }
                o = o > lead ? o - 1 : o;
                ncomp--;
                continue;
            }
            if (lead > 0) {
                continue; /* ".." at the root is the root */
            }
        } else {
            ncomp++;
        }
        if (o > lead) {
            path[o++] = L'/';
        }
        memmove(path + o, path + start, len * sizeof(wchar_t));
        o += len;
    }
    if (o == 0) {
        path[o++] = L'.';
    }
    path[o] = 0;
    return path;
}
