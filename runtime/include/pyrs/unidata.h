/* pyrs/unidata.h: Unicode 14.0 character properties (CPython 3.11's unicodedata), from tables
 * generated at build time by tools/gen_unicode_tables.py. No Python objects involved, so the
 * front end uses it too. All functions take any code point 0..0x10FFFF and never fail. */
#ifndef PYRS_UNIDATA_H
#define PYRS_UNIDATA_H

#include <stddef.h>
#include <stdint.h>

/* Flag bits of PyrsUnidataRecord.flags (the str predicates of one character). */
#define PYRS_UNIDATA_ALPHA          (1u << 0)  /* str.isalpha */
#define PYRS_UNIDATA_DECIMAL        (1u << 1)  /* str.isdecimal */
#define PYRS_UNIDATA_DIGIT          (1u << 2)  /* str.isdigit */
#define PYRS_UNIDATA_NUMERIC        (1u << 3)  /* str.isnumeric */
#define PYRS_UNIDATA_SPACE          (1u << 4)  /* str.isspace */
#define PYRS_UNIDATA_LINEBREAK      (1u << 5)  /* splitlines boundary */
#define PYRS_UNIDATA_LOWER          (1u << 6)  /* Lowercase property */
#define PYRS_UNIDATA_UPPER          (1u << 7)  /* Uppercase property */
#define PYRS_UNIDATA_TITLE          (1u << 8)  /* category Lt */
#define PYRS_UNIDATA_CASED          (1u << 9)  /* Cased property */
#define PYRS_UNIDATA_CASE_IGNORABLE (1u << 10) /* Case_Ignorable property */
#define PYRS_UNIDATA_PRINTABLE      (1u << 11) /* str.isprintable */
#define PYRS_UNIDATA_XID_START      (1u << 12) /* XID_Start */
#define PYRS_UNIDATA_XID_CONTINUE   (1u << 13) /* XID_Continue */
#define PYRS_UNIDATA_EXT_LOWER      (1u << 14) /* lower is an index into the ext table */
#define PYRS_UNIDATA_EXT_UPPER      (1u << 15) /* upper likewise */
#define PYRS_UNIDATA_EXT_TITLE      (1u << 16) /* title likewise */
#define PYRS_UNIDATA_EXT_FOLD       (1u << 17) /* fold likewise */
#define PYRS_UNIDATA_MIRRORED       (1u << 18) /* unicodedata.mirrored */

/* The properties of one code point. The full case mappings (lower..fold) are deltas to add
 * to the code point, or, with the matching EXT flag, an index i into the ext table where
 * ext[i] is the length (2 or 3) followed by the characters. simple_* are deltas. */
typedef struct {
    uint8_t category;         /* index of the general category name */
    uint8_t bidirectional;    /* index of the bidi class name ("" when unassigned) */
    uint8_t east_asian_width; /* index of the width name */
    uint8_t combining;        /* canonical combining class */
    int8_t decimal;           /* decimal value or -1 */
    int8_t digit;             /* digit value or -1 */
    uint16_t numeric;         /* index into the numeric values, 0 = none */
    uint32_t flags;           /* PYRS_UNIDATA_* */
    int32_t lower;            /* full lowercase mapping */
    int32_t upper;            /* full uppercase mapping */
    int32_t title;            /* full titlecase mapping */
    int32_t fold;             /* full case folding */
    int32_t simple_lower;     /* simple lowercase delta */
    int32_t simple_upper;     /* simple uppercase delta */
    int32_t simple_title;     /* simple titlecase delta */
} PyrsUnidataRecord;

/* The record of CH (the unassigned record for CH > 0x10FFFF); never NULL. */
const PyrsUnidataRecord *pyrs_unidata_record(uint32_t ch);
/* The ext table entry at INDEX (length then characters). */
const uint32_t *pyrs_unidata_ext(uint32_t index);
/* The numeric value with index INDEX (record.numeric, nonzero). */
double pyrs_unidata_numeric_value(uint32_t index);
/* unicodedata.category / bidirectional / east_asian_width of CH: static strings. */
const char *pyrs_unidata_category_name(uint32_t ch);
const char *pyrs_unidata_bidirectional_name(uint32_t ch);
const char *pyrs_unidata_east_asian_width_name(uint32_t ch);
/* unicodedata.decomposition of CH ("" when none): a static string. */
const char *pyrs_unidata_decomposition(uint32_t ch);

/* The full canonical (COMPAT 0) or compatibility (COMPAT 1) decomposition of CH, Hangul
 * included, written to OUT (room for PYRS_UNIDATA_MAX_DECOMP code points); returns its
 * length, 1 (CH itself) when CH does not decompose. */
#define PYRS_UNIDATA_MAX_DECOMP 18
int pyrs_unidata_decompose(uint32_t ch, int compat, uint32_t *out);
/* The primary composite of the pair (A, B), Hangul included, or 0 when there is none. */
uint32_t pyrs_unidata_compose(uint32_t a, uint32_t b);

/* str.isprintable() of one character (what repr() leaves unescaped). */
int pyrs_unidata_isprintable(uint32_t ch);

/* Character names (unicode_names.c, from tools/gen_unicode_names.py, owned by the front end).
 * pyrs_unidata_lookup: the code point named NAME[0..LEN) as \N{...} and unicodedata.lookup
 * accept it (case-insensitive, aliases and named sequences excluded as CPython does for \N);
 * 1 and *OUT set when found, 0 otherwise. pyrs_unidata_name: writes the name of CH into
 * BUF (NUL-terminated, SIZE bytes) and returns 1, or 0 when CH has no name. */
int pyrs_unidata_lookup(const char *name, size_t len, uint32_t *out);
int pyrs_unidata_name(uint32_t ch, char *buf, size_t size);

#endif /* PYRS_UNIDATA_H */
