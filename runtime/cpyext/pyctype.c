/* cpyext/pyctype.c: the locale-independent ASCII character tables CPython 3.11 exports
 * (Python/pyctype.c: _Py_ctype_table of PY_CTF_* bits, _Py_ctype_tolower/_toupper), read
 * by extensions through the Py_ISALPHA/Py_TOLOWER macros. Bytes >= 128 have no class and map
 * to themselves. The tables are built from constant expressions, 4 entries at a time. */
#include "Python.h"
#include "pyrs/cpyext.h"

#define IS_LOWER(c)  ((c) >= 'a' && (c) <= 'z')
#define IS_UPPER(c)  ((c) >= 'A' && (c) <= 'Z')
#define IS_DIGIT(c)  ((c) >= '0' && (c) <= '9')
#define IS_SPACE(c)  ((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))
#define IS_XDIGIT(c) (IS_DIGIT(c) || ((c) >= 'a' && (c) <= 'f') || ((c) >= 'A' && (c) <= 'F'))

#define FLAGS(c)                                                                                   \
    ((IS_LOWER(c) ? PY_CTF_LOWER : 0) | (IS_UPPER(c) ? PY_CTF_UPPER : 0) |                         \
     (IS_DIGIT(c) ? PY_CTF_DIGIT : 0) | (IS_SPACE(c) ? PY_CTF_SPACE : 0) |                         \
     (IS_XDIGIT(c) ? PY_CTF_XDIGIT : 0))
#define LOWER(c)    ((unsigned char)(IS_UPPER(c) ? (c) + 32 : (c)))
#define UPPER(c)    ((unsigned char)(IS_LOWER(c) ? (c)-32 : (c)))

#define ROW4(F, c)  F(c), F((c) + 1), F((c) + 2), F((c) + 3)
#define ROW16(F, c) ROW4(F, c), ROW4(F, (c) + 4), ROW4(F, (c) + 8), ROW4(F, (c) + 12)
#define ROW64(F, c) ROW16(F, c), ROW16(F, (c) + 16), ROW16(F, (c) + 32), ROW16(F, (c) + 48)
#define ROW256(F)   ROW64(F, 0), ROW64(F, 64), ROW64(F, 128), ROW64(F, 192)

const unsigned int _Py_ctype_table[256] = {ROW256(FLAGS)};
const unsigned char _Py_ctype_tolower[256] = {ROW256(LOWER)};
const unsigned char _Py_ctype_toupper[256] = {ROW256(UPPER)};
