/* unicodectype.c: CPython 3.11's per-character property API (_PyUnicode_IsLowercase,
 * _PyUnicode_ToUpperFull, ... as in Objects/unicodectype.c) over the generated Unicode 14.0
 * tables of pyrs/unidata.h. */
#include "Python.h"
#include "pyrs/unidata.h"

/* Whitespace table for the ASCII fast path of Py_UNICODE_ISSPACE. */
const unsigned char _Py_ascii_whitespace[128] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
    [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, [' '] = 1,
};

static uint32_t
flags_of(Py_UCS4 ch)
{
    return pyrs_unidata_record(ch)->flags;
}

int
_PyUnicode_IsLowercase(Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_LOWER) != 0;
}

int
_PyUnicode_IsUppercase(Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_UPPER) != 0;
}

int
_PyUnicode_IsTitlecase(Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_TITLE) != 0;
}

int
_PyUnicode_IsXidStart(Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_XID_START) != 0;
}

int
_PyUnicode_IsXidContinue(Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_XID_CONTINUE) != 0;
}

int
_PyUnicode_IsWhitespace(const Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_SPACE) != 0;
}

int
_PyUnicode_IsLinebreak(const Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_LINEBREAK) != 0;
}

int
_PyUnicode_IsCaseIgnorable(Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_CASE_IGNORABLE) != 0;
}

int
_PyUnicode_IsCased(Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_CASED) != 0;
}

int
_PyUnicode_IsDecimalDigit(Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_DECIMAL) != 0;
}

int
_PyUnicode_IsDigit(Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_DIGIT) != 0;
}

int
_PyUnicode_IsNumeric(Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_NUMERIC) != 0;
}

int
_PyUnicode_IsPrintable(Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_PRINTABLE) != 0;
}

int
_PyUnicode_IsAlpha(Py_UCS4 ch)
{
    return (flags_of(ch) & PYRS_UNIDATA_ALPHA) != 0;
}

int
_PyUnicode_ToDecimalDigit(Py_UCS4 ch)
{
    return pyrs_unidata_record(ch)->decimal;
}

int
_PyUnicode_ToDigit(Py_UCS4 ch)
{
    return pyrs_unidata_record(ch)->digit;
}

double
_PyUnicode_ToNumeric(Py_UCS4 ch)
{
    uint16_t i = pyrs_unidata_record(ch)->numeric;
    return i ? pyrs_unidata_numeric_value(i) : -1.0;
}

Py_UCS4
_PyUnicode_ToLowercase(Py_UCS4 ch)
{
    return (Py_UCS4)((int32_t)ch + pyrs_unidata_record(ch)->simple_lower);
}

Py_UCS4
_PyUnicode_ToUppercase(Py_UCS4 ch)
{
    return (Py_UCS4)((int32_t)ch + pyrs_unidata_record(ch)->simple_upper);
}

Py_UCS4
_PyUnicode_ToTitlecase(Py_UCS4 ch)
{
    return (Py_UCS4)((int32_t)ch + pyrs_unidata_record(ch)->simple_title);
}

/* Writes a full mapping (VALUE per the EXT flag) into RES; returns its length (1..3). */
static int
full_mapping(Py_UCS4 ch, int32_t value, int ext, Py_UCS4 *res)
{
    if (!ext) {
        res[0] = (Py_UCS4)((int32_t)ch + value);
        return 1;
    }
    const uint32_t *e = pyrs_unidata_ext((uint32_t)value);
    for (uint32_t i = 0; i < e[0]; i++) {
        res[i] = e[1 + i];
    }
    return (int)e[0];
}

int
_PyUnicode_ToLowerFull(Py_UCS4 ch, Py_UCS4 *res)
{
    const PyrsUnidataRecord *r = pyrs_unidata_record(ch);
    return full_mapping(ch, r->lower, (r->flags & PYRS_UNIDATA_EXT_LOWER) != 0, res);
}

int
_PyUnicode_ToUpperFull(Py_UCS4 ch, Py_UCS4 *res)
{
    const PyrsUnidataRecord *r = pyrs_unidata_record(ch);
    return full_mapping(ch, r->upper, (r->flags & PYRS_UNIDATA_EXT_UPPER) != 0, res);
}

int
_PyUnicode_ToTitleFull(Py_UCS4 ch, Py_UCS4 *res)
{
    const PyrsUnidataRecord *r = pyrs_unidata_record(ch);
    return full_mapping(ch, r->title, (r->flags & PYRS_UNIDATA_EXT_TITLE) != 0, res);
}

int
_PyUnicode_ToFoldedFull(Py_UCS4 ch, Py_UCS4 *res)
{
    const PyrsUnidataRecord *r = pyrs_unidata_record(ch);
    return full_mapping(ch, r->fold, (r->flags & PYRS_UNIDATA_EXT_FOLD) != 0, res);
}
