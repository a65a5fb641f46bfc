/* pyrs/unidata.h: Unicode 14.0 character properties (CPython 3.11's unicodedata), from tables
 * generated at build time by tools/gen_unicode_tables.py. No Python objects involved, so the
 * front end uses it too. All functions take any code point 0..0x10FFFF and never fail. */
#ifndef PYRS_UNIDATA_H
#define PYRS_UNIDATA_H

#include <stdint.h>

/* str.isprintable() of one character (what repr() leaves unescaped). */
int pyrs_unidata_isprintable(uint32_t ch);

#endif /* PYRS_UNIDATA_H */
