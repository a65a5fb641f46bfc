/* sre_chars.h: the character classes, case mappings and set tests of the _sre matcher
 * (CATEGORY codes, CHARSET/BIGCHARSET/RANGE sets), as CPython 3.11's _sre defines them; the
 * Unicode variants use the runtime's Unicode 14.0 tables. LOCALE variants use the C library's
 * ctype for the current locale, for characters below 256 only. Static inline: included by the
 * matcher and the module. */
#ifndef PYRS_SRE_CHARS_H
#define PYRS_SRE_CHARS_H

#include <ctype.h>

#include "sre.h"

static inline int
is_ascii_digit(uint32_t ch)
{
    return ch >= '0' && ch <= '9';
}

static inline int
is_ascii_space(uint32_t ch)
{
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

static inline int
is_ascii_alnum(uint32_t ch)
{
    return is_ascii_digit(ch) || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
}

/* \w without flags: ASCII letters, digits and underscore. */
static inline int
pyrs_sre_is_word(uint32_t ch)
{
    return ch < 128 && (is_ascii_alnum(ch) || ch == '_');
}

/* \w under re.LOCALE. */
static inline int
pyrs_sre_is_loc_word(uint32_t ch)
{
    return ch < 256 && (isalnum((int)ch) || ch == '_');
}

/* \w for str patterns: str.isalnum() of the character, or underscore. */
static inline int
pyrs_sre_is_uni_word(uint32_t ch)
{
    if (ch < 128) {
        return is_ascii_alnum(ch) || ch == '_';
    }
    return _PyUnicode_IsAlpha(ch) || _PyUnicode_IsDecimalDigit(ch) || _PyUnicode_IsDigit(ch) ||
           _PyUnicode_IsNumeric(ch);
}

static inline uint32_t
pyrs_sre_lower_ascii(uint32_t ch)
{
    return (ch >= 'A' && ch <= 'Z') ? ch + 32 : ch;
}

static inline uint32_t
pyrs_sre_lower_locale(uint32_t ch)
{
    return ch < 256 ? (uint32_t)tolower((int)ch) : ch;
}

static inline uint32_t
pyrs_sre_upper_locale(uint32_t ch)
{
    return ch < 256 ? (uint32_t)toupper((int)ch) : ch;
}

/* CPython's simple case mapping as _sre sees it: the first character of the full mapping
 * (so 'ß' uppercases to 'S' and 'İ' lowercases to 'i'). */
static inline uint32_t
pyrs_sre_lower_unicode(uint32_t ch)
{
    Py_UCS4 buf[3];
    if (ch < 128) {
        return pyrs_sre_lower_ascii(ch);
    }
    if (ch > 0x10FFFF) {
        return ch;
    }
    _PyUnicode_ToLowerFull(ch, buf);
    return buf[0];
}

static inline uint32_t
pyrs_sre_upper_unicode(uint32_t ch)
{
    Py_UCS4 buf[3];
    if (ch < 128) {
        return (ch >= 'a' && ch <= 'z') ? ch - 32 : ch;
    }
    if (ch > 0x10FFFF) {
        return ch;
    }
    _PyUnicode_ToUpperFull(ch, buf);
    return buf[0];
}

/* 1 if CH is in the class CODE (a CATEGORY_* code), else 0 (also for unknown codes). */
static inline int
pyrs_sre_category(uint32_t code, uint32_t ch)
{
    switch (code) {
    case SRE_CAT_DIGIT:
        return is_ascii_digit(ch);
    case SRE_CAT_NOT_DIGIT:
        return !is_ascii_digit(ch);
    case SRE_CAT_SPACE:
        return is_ascii_space(ch);
    case SRE_CAT_NOT_SPACE:
        return !is_ascii_space(ch);
    case SRE_CAT_WORD:
        return pyrs_sre_is_word(ch);
    case SRE_CAT_NOT_WORD:
        return !pyrs_sre_is_word(ch);
    case SRE_CAT_LINEBREAK:
        return ch == '\n';
    case SRE_CAT_NOT_LINEBREAK:
        return ch != '\n';
    case SRE_CAT_LOC_WORD:
        return pyrs_sre_is_loc_word(ch);
    case SRE_CAT_LOC_NOT_WORD:
        return !pyrs_sre_is_loc_word(ch);
    case SRE_CAT_UNI_DIGIT:
        return ch < 128 ? is_ascii_digit(ch) : _PyUnicode_IsDecimalDigit(ch);
    case SRE_CAT_UNI_NOT_DIGIT:
        return ch < 128 ? !is_ascii_digit(ch) : !_PyUnicode_IsDecimalDigit(ch);
    case SRE_CAT_UNI_SPACE:
        return Py_UNICODE_ISSPACE(ch);
    case SRE_CAT_UNI_NOT_SPACE:
        return !Py_UNICODE_ISSPACE(ch);
    case SRE_CAT_UNI_WORD:
        return pyrs_sre_is_uni_word(ch);
    case SRE_CAT_UNI_NOT_WORD:
        return !pyrs_sre_is_uni_word(ch);
    case SRE_CAT_UNI_LINEBREAK:
        return ch < 128 ? (ch >= '\n' && ch <= '\r') || (ch >= 0x1c && ch <= 0x1e)
                        : _PyUnicode_IsLinebreak(ch);
    case SRE_CAT_UNI_NOT_LINEBREAK:
        return ch < 128 ? !((ch >= '\n' && ch <= '\r') || (ch >= 0x1c && ch <= 0x1e))
                        : !_PyUnicode_IsLinebreak(ch);
    default:
        return 0;
    }
}

/* Bit CH of a 256-bit map stored as eight 32-bit words (CHARSET's layout). */
static inline int
bitmap_test(const uint32_t *map, uint32_t ch)
{
    return (map[ch >> 5] >> (ch & 31)) & 1;
}

/* BIGCHARSET: word 0 = number of 256-bit blocks, then 256 block numbers as bytes (64 words),
 * then the blocks. Returns the membership of CH and advances *SET past the operand. */
static inline int
bigcharset_test(const uint32_t **set, uint32_t ch)
{
    const uint32_t *p = *set;
    uint32_t nblocks = p[0];
    int hit = 0;
    if (ch < 65536) {
        const unsigned char *index = (const unsigned char *)(p + 1);
        uint32_t block = index[ch >> 8];
        hit = bitmap_test(p + 65 + block * 8, ch & 255);
    }
    *set = p + 65 + (size_t)nblocks * 8;
    return hit;
}

/* 1 if CH is in the set SET (a sequence of set items ended by FAILURE), honouring NEGATE. */
static inline int
pyrs_sre_charset(const uint32_t *set, uint32_t ch)
{
    int ok = 1;
    for (;;) {
        switch (*set++) {
        case SRE_OP_FAILURE:
            return !ok;
        case SRE_OP_LITERAL:
            if (ch == set[0]) {
                return ok;
            }
            set++;
            break;
        case SRE_OP_CATEGORY:
            if (pyrs_sre_category(set[0], ch)) {
                return ok;
            }
            set++;
            break;
        case SRE_OP_CHARSET:
            if (ch < 256 && bitmap_test(set, ch)) {
                return ok;
            }
            set += 8;
            break;
        case SRE_OP_RANGE:
            if (set[0] <= ch && ch <= set[1]) {
                return ok;
            }
            set += 2;
            break;
        case SRE_OP_RANGE_UNI_IGNORE: {
            if (set[0] <= ch && ch <= set[1]) {
                return ok;
            }
            uint32_t up = pyrs_sre_upper_unicode(ch);
            if (set[0] <= up && up <= set[1]) {
                return ok;
            }
            set += 2;
            break;
        }
        case SRE_OP_NEGATE:
            ok = !ok;
            break;
        case SRE_OP_BIGCHARSET:
            if (bigcharset_test(&set, ch)) {
                return ok;
            }
            break;
        default:
            /* the validator rejects anything else */
            return 0;
        }
    }
}

/* IN_LOC_IGNORE: the locale lowercase or uppercase of CH is in SET. */
static inline int
pyrs_sre_charset_loc_ignore(const uint32_t *set, uint32_t ch)
{
    uint32_t lo = pyrs_sre_lower_locale(ch);
    if (pyrs_sre_charset(set, lo)) {
        return 1;
    }
    uint32_t up = pyrs_sre_upper_locale(ch);
    return up != lo && pyrs_sre_charset(set, up);
}

#endif /* PYRS_SRE_CHARS_H */
