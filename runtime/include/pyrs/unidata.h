/* pyrs/unidata.h: Unicode 14.0 character properties (CPython 3.11's unicodedata), from tables
 * generated at build time by tools/gen_unicode_tables.py. No Python objects involved, so the
 * front end uses it too. All functions take any code point 0..0x10FFFF and never fail. */
#ifndef PYRS_UNIDATA_H
#define PYRS_UNIDATA_H

#include <stddef.h>
#include <stdint.h>

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
