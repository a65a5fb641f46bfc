#!/usr/bin/python3.11
"""Generates runtime/unicode_tables.c (into the build tree) from the oracle's unicodedata and
str methods, so pyrs has exactly CPython 3.11's Unicode 14.0 properties: category, bidi class,
east asian width, combining class, mirrored, decimal/digit/numeric values, the str predicates,
full case mappings (lower/upper/title/casefold incl. special casing) and decompositions.
Usage: gen_unicode_tables.py OUT.c"""
import sys
import unicodedata

import _sre

SHIFT = 7
FLAGS = ["ALPHA", "DECIMAL", "DIGIT", "NUMERIC", "SPACE", "LINEBREAK", "LOWER", "UPPER",
         "TITLE", "CASED", "CASE_IGNORABLE", "PRINTABLE", "XID_START", "XID_CONTINUE",
         "EXT_LOWER", "EXT_UPPER", "EXT_TITLE", "EXT_FOLD", "MIRRORED"]
FLAG = {name: 1 << i for i, name in enumerate(FLAGS)}

CATEGORIES = ["Cn", "Lu", "Ll", "Lt", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Zs", "Zl", "Zp",
              "Cc", "Cf", "Cs", "Co", "Lm", "Lo", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf",
              "Po", "Sm", "Sc", "Sk", "So"]
BIDI = ["", "L", "LRE", "LRO", "R", "AL", "RLE", "RLO", "PDF", "EN", "ES", "ET", "AN", "CS",
        "NSM", "BN", "B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"]
EAW = ["N", "Na", "A", "W", "H", "F"]


def case_ignorable(c, cased):
    # Derived from the oracle's final-sigma rule, which skips case-ignorable characters.
    if cased:
        return (c + "\u03a3").lower()[-1] == "\u03c3"
    return ("A\u03a3" + c + "A").lower()[1] == "\u03c3"


class Tables:
    def __init__(self):
        self.records = {}
        self.record_list = []
        self.ext = [0]  # index 0 unused
        self.ext_index = {}
        self.numerics = [0.0]
        self.numeric_index = {}

    def ext_of(self, s):
        if s not in self.ext_index:
            self.ext_index[s] = len(self.ext)
            self.ext.append(len(s))
            self.ext.extend(ord(x) for x in s)
        return self.ext_index[s]

    def mapping(self, cp, s, flag):
        """(value, flags): a delta for one-character mappings, else an index into ext."""
        if len(s) == 1:
            return ord(s) - cp, 0
        return self.ext_of(s), FLAG[flag]

    def numeric_of(self, v):
        if v is None:
            return 0
        if v not in self.numeric_index:
            self.numeric_index[v] = len(self.numerics)
            self.numerics.append(v)
        return self.numeric_index[v]

    def record_of(self, cp):
        c = chr(cp)
        flags = 0
        cat = unicodedata.category(c)
        preds = [("ALPHA", c.isalpha()), ("DECIMAL", c.isdecimal()), ("DIGIT", c.isdigit()),
                 ("NUMERIC", c.isnumeric()), ("SPACE", c.isspace()),
                 ("LINEBREAK", len(("a" + c + "b").splitlines()) == 2),
                 ("LOWER", c.islower()), ("UPPER", c.isupper()), ("TITLE", cat == "Lt"),
                 ("PRINTABLE", c.isprintable()), ("XID_START", c.isidentifier() and c != "_"),
                 ("XID_CONTINUE", ("a" + c).isidentifier()),
                 ("MIRRORED", unicodedata.mirrored(c) != 0)]
        for name, ok in preds:
            if ok:
                flags |= FLAG[name]
        cased = c.islower() or c.isupper() or cat == "Lt"
        if cased:
            flags |= FLAG["CASED"]
        if case_ignorable(c, cased):
            flags |= FLAG["CASE_IGNORABLE"]
        lower, f1 = self.mapping(cp, c.lower(), "EXT_LOWER")
        upper, f2 = self.mapping(cp, c.upper(), "EXT_UPPER")
        title, f3 = self.mapping(cp, c.title(), "EXT_TITLE")
        fold, f4 = self.mapping(cp, c.casefold(), "EXT_FOLD")
        flags |= f1 | f2 | f3 | f4
        simple_lower = _sre.unicode_tolower(cp) - cp
        up, ti = c.upper(), c.title()
        simple_upper = (ord(up) if len(up) == 1 else ord(ti) if len(ti) == 1 else cp) - cp
        simple_title = (ord(ti) if len(ti) == 1 else ord(up) if len(up) == 1 else cp) - cp
        return (CATEGORIES.index(cat), BIDI.index(unicodedata.bidirectional(c)),
                EAW.index(unicodedata.east_asian_width(c)), unicodedata.combining(c),
                unicodedata.decimal(c, -1), unicodedata.digit(c, -1),
                self.numeric_of(unicodedata.numeric(c, None)), flags, lower, upper, title, fold,
                simple_lower, simple_upper, simple_title)

    def index_of(self, cp):
        rec = self.record_of(cp)
        if rec not in self.records:
            self.records[rec] = len(self.record_list)
            self.record_list.append(rec)
        return self.records[rec]


def emit_array(out, ctype, name, values, per_line=16):
    out.append(f"static const {ctype} {name}[{len(values)}] = {{")
    for i in range(0, len(values), per_line):
        out.append("    " + ", ".join(str(v) for v in values[i:i + per_line]) + ",")
    out.append("};")


def split_index(rec_idx):
    """Two-level table: index1[cp >> SHIFT] selects a block of index2."""
    blocks, index1, index2 = {}, [], []
    size = 1 << SHIFT
    for start in range(0, len(rec_idx), size):
        block = tuple(rec_idx[start:start + size])
        if block not in blocks:
            blocks[block] = len(index2) // size
            index2.extend(block)
        index1.append(blocks[block])
    return index1, index2


def emit_records(out, tables):
    out.append("static const PyrsUnidataRecord records[] = {")
    for r in tables.record_list:
        out.append("    {" + ", ".join(str(v) for v in r) + "},")
    out.append("};")


def emit_decompositions(out):
    entries = []
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp))
        if d:
            entries.append((cp, d))
    out.append("static const struct { uint32_t ch; const char *decomp; } decomps[] = {")
    for cp, d in entries:
        out.append(f'    {{0x{cp:X}, "{d}"}},')
    out.append("};")


def emit_normalization(out):
    """Full canonical / compatibility decompositions (Hangul syllables excluded: they are
    algorithmic) and the primary composition pairs, all derived from the oracle."""
    canon, compat, pairs = [], [], []
    for cp in range(0x110000):
        if 0xAC00 <= cp <= 0xD7A3:
            continue
        c = chr(cp)
        d = unicodedata.decomposition(c)
        if not d:
            continue
        nfd = unicodedata.normalize("NFD", c)
        nfkd = unicodedata.normalize("NFKD", c)
        if nfd != c:
            canon.append((cp, nfd))
        if nfkd != nfd:
            compat.append((cp, nfkd))
        parts = d.split()
        if not parts[0].startswith("<") and len(parts) == 2:
            a, b = (int(x, 16) for x in parts)
            if unicodedata.normalize("NFC", chr(a) + chr(b)) == c:
                pairs.append((a, b, cp))
    for name, table in (("canon", canon), ("compat", compat)):
        data, rows = [], []
        for cp, s in table:
            rows.append("    {0x%X, %d, %d}," % (cp, len(data), len(s)))
            data.extend(ord(x) for x in s)
        out.append("static const uint32_t %s_data[] = {%s};" % (
            name, ", ".join("0x%X" % x for x in data)))
        out.append("static const DecompEntry %s_decomp[] = {" % name)
        out.extend(rows)
        out.append("};")
    pairs.sort()
    out.append("static const uint32_t compose_pairs[][3] = {")
    out.extend("    {0x%X, 0x%X, 0x%X}," % p for p in pairs)
    out.append("};")


def emit_names(out, name, values):
    out.append(f"static const char *const {name}[] = {{" +
               ", ".join(f'"{v}"' for v in values) + "};")


def main():
    assert unicodedata.unidata_version == "14.0.0", unicodedata.unidata_version
    tables = Tables()
    rec_idx = [tables.index_of(cp) for cp in range(0x110000)]
    index1, index2 = split_index(rec_idx)
    out = ["/* Generated by tools/gen_unicode_tables.py from CPython 3.11's unicodedata "
           f"(Unicode {unicodedata.unidata_version}). Do not edit. */",
           "#include <stddef.h>", "#include <stdint.h>", "#include <string.h>",
           '#include "pyrs/unidata.h"', ""]
    emit_records(out, tables)
    emit_array(out, "uint16_t" if max(index1) < 65536 else "uint32_t", "index1", index1)
    emit_array(out, "uint16_t", "index2", index2)
    emit_array(out, "uint32_t", "ext", tables.ext)
    out.append("static const double numerics[] = {" +
               ", ".join(repr(v) for v in tables.numerics) + "};")
    emit_names(out, "category_names", CATEGORIES)
    emit_names(out, "bidi_names", BIDI)
    emit_names(out, "eaw_names", EAW)
    emit_decompositions(out)
    out.append("typedef struct { uint32_t ch, start, len; } DecompEntry;")
    emit_normalization(out)
    out.append(f"""
const PyrsUnidataRecord *
pyrs_unidata_record(uint32_t ch)
{{
    if (ch > 0x10FFFF) {{
        return &records[0];
    }}
    return &records[index2[(index1[ch >> {SHIFT}] << {SHIFT}) + (ch & {(1 << SHIFT) - 1})]];
}}

const uint32_t *
pyrs_unidata_ext(uint32_t index)
{{
    return &ext[index];
}}

double
pyrs_unidata_numeric_value(uint32_t index)
{{
    return numerics[index];
}}

const char *
pyrs_unidata_category_name(uint32_t ch)
{{
    return category_names[pyrs_unidata_record(ch)->category];
}}

const char *
pyrs_unidata_bidirectional_name(uint32_t ch)
{{
    return bidi_names[pyrs_unidata_record(ch)->bidirectional];
}}

const char *
pyrs_unidata_east_asian_width_name(uint32_t ch)
{{
    return eaw_names[pyrs_unidata_record(ch)->east_asian_width];
}}

const char *
pyrs_unidata_decomposition(uint32_t ch)
{{
    size_t lo = 0, hi = sizeof(decomps) / sizeof(decomps[0]);
    while (lo < hi) {{
        size_t mid = (lo + hi) / 2;
        if (ch < decomps[mid].ch) {{
            hi = mid;
        }} else if (ch > decomps[mid].ch) {{
            lo = mid + 1;
        }} else {{
            return decomps[mid].decomp;
        }}
    }}
    return "";
}}

static const DecompEntry *
find_decomp(const DecompEntry *t, size_t n, uint32_t ch)
{{
    size_t lo = 0, hi = n;
    while (lo < hi) {{
        size_t mid = (lo + hi) / 2;
        if (ch < t[mid].ch) {{
            hi = mid;
        }} else if (ch > t[mid].ch) {{
            lo = mid + 1;
        }} else {{
            return &t[mid];
        }}
    }}
    return NULL;
}}

int
pyrs_unidata_decompose(uint32_t ch, int compat, uint32_t *out)
{{
    if (ch >= 0xAC00 && ch <= 0xD7A3) {{
        uint32_t s = ch - 0xAC00, t = s % 28;
        out[0] = 0x1100 + s / (21 * 28);
        out[1] = 0x1161 + (s % (21 * 28)) / 28;
        if (t == 0) {{
            return 2;
        }}
        out[2] = 0x11A7 + t;
        return 3;
    }}
    const DecompEntry *e = NULL;
    const uint32_t *data = canon_data;
    if (compat) {{
        e = find_decomp(compat_decomp, sizeof(compat_decomp) / sizeof(compat_decomp[0]), ch);
        data = compat_data;
    }}
    if (e == NULL) {{
        e = find_decomp(canon_decomp, sizeof(canon_decomp) / sizeof(canon_decomp[0]), ch);
        data = canon_data;
    }}
    if (e == NULL) {{
        out[0] = ch;
        return 1;
    }}
    for (uint32_t i = 0; i < e->len; i++) {{
        out[i] = data[e->start + i];
    }}
    return (int)e->len;
}}

uint32_t
pyrs_unidata_compose(uint32_t a, uint32_t b)
{{
    if (a >= 0x1100 && a < 0x1100 + 19 && b >= 0x1161 && b < 0x1161 + 21) {{
        return 0xAC00 + ((a - 0x1100) * 21 + (b - 0x1161)) * 28;
    }}
    if (a >= 0xAC00 && a <= 0xD7A3 && (a - 0xAC00) % 28 == 0 && b > 0x11A7 && b < 0x11A7 + 28) {{
        return a + (b - 0x11A7);
    }}
    size_t lo = 0, hi = sizeof(compose_pairs) / sizeof(compose_pairs[0]);
    while (lo < hi) {{
        size_t mid = (lo + hi) / 2;
        const uint32_t *p = compose_pairs[mid];
        if (a < p[0] || (a == p[0] && b < p[1])) {{
            hi = mid;
        }} else if (a > p[0] || b > p[1]) {{
            lo = mid + 1;
        }} else {{
            return p[2];
        }}
    }}
    return 0;
}}

int
pyrs_unidata_isprintable(uint32_t ch)
{{
    return (pyrs_unidata_record(ch)->flags & PYRS_UNIDATA_PRINTABLE) != 0;
}}""")
    with open(sys.argv[1], "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
