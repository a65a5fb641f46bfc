/* pyrs/ucd32.h: Unicode 3.2.0 as CPython's unicodedata.ucd_3_2_0 sees it, stored as the
 * differences from the Unicode 14.0 tables (pyrs/unidata.h). Generated at build time by
 * tools/gen_unicode_ucd32.py from the oracle into unicode_ucd32.c (library pyrs_unidata). */
#ifndef PYRS_UCD32_H
#define PYRS_UCD32_H

#include <stddef.h>
#include <stdint.h>

#define PYRS_UCD32_NUMERIC     1 /* numeric() differs: the 3.2.0 value is in `numeric` */
#define PYRS_UCD32_NOT_NUMERIC 2 /* numeric() has no value in 3.2.0 */
#define PYRS_UCD32_UNNAMED     4 /* no name in 3.2.0 (not assigned yet): name() and lookup() miss */

/* Code points FIRST..LAST share these 3.2.0 values; NULL / -1 (-2 for decimal) = as 14.0. */
typedef struct {
    uint32_t first;               /* first code point of the run */
    uint32_t last;                /* last code point of the run, inclusive */
    const char *category;         /* category() in 3.2.0, or NULL */
    const char *bidirectional;    /* bidirectional() in 3.2.0, or NULL */
    const char *east_asian_width; /* east_asian_width() in 3.2.0, or NULL */
    const char *decomposition;    /* decomposition() in 3.2.0, or NULL */
    double numeric;               /* numeric() in 3.2.0 when flags has PYRS_UCD32_NUMERIC */
    int16_t combining;            /* combining() in 3.2.0, or -1 */
    int8_t mirrored;              /* mirrored() in 3.2.0, or -1 */
    int8_t decimal;               /* decimal() in 3.2.0 (-1: none), or -2 */
    uint8_t flags;                /* PYRS_UCD32_* */
} PyrsUcd32Record;

/* The runs, sorted by code point and disjoint; code points outside them agree with 14.0. */
extern const PyrsUcd32Record pyrs_ucd32_records[];
extern const size_t pyrs_ucd32_nrecords;

/* {code point, replacement}: characters whose 3.2.0 canonical decomposition is the one
 * replacement code point (the normalization corrections), sorted by code point. */
extern const uint32_t pyrs_ucd32_corrections[][2];
extern const size_t pyrs_ucd32_ncorrections;

#endif /* PYRS_UCD32_H */
