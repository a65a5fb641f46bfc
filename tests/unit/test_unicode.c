/* test_unicode.c: str against the oracle: every str method over a corpus with lone
 * surrogates, special casing (sharp s, dotted I, final sigma), line boundaries, every codec
 * and error handler, format specs, str.format and %-formatting (table from
 * gen_text_expect.py), plus PyUnicode_FromFormat and C-API contracts (layout, interning,
 * cached hash and UTF-8, comparison). */
#include "harness.h"
#include "Python.h"
#include "pyrs/lifecycle.h"
#include "pyrs/unidata.h"
#include "text_cases.h"

#include <stddef.h>
#include <stdlib.h>

static PyObject *
OBJ(const char *utf8)
{
    static PyObject *keep[64];
    static int n;
    PyObject *s = PyUnicode_FromString(utf8);
    if (n < 64) {
        keep[n++] = s; /* kept alive for the duration of the call */
    }
    return s;
}

#define CHECK_FORMAT(call, expected)                                                               \
    do {                                                                                           \
        PyObject *_r = (call);                                                                     \
        CHECK(_r != NULL);                                                                         \
        CHECK_EQ_STR(_r ? PyUnicode_AsUTF8(_r) : NULL, (expected));                                \
        Py_XDECREF(_r);                                                                            \
        PyErr_Clear();                                                                             \
    } while (0)

#include "unicode_expect.h"

static void
test_layout(void)
{
    CHECK_EQ_INT(sizeof(PyASCIIObject), 48);
    CHECK_EQ_INT(sizeof(PyCompactUnicodeObject), 72);
    CHECK_EQ_INT(sizeof(PyUnicodeObject), 80);
    CHECK_EQ_INT(offsetof(PyASCIIObject, hash), 24);
    CHECK_EQ_INT(offsetof(PyASCIIObject, state), 32);
    CHECK_EQ_INT(offsetof(PyASCIIObject, wstr), 40);
    CHECK_EQ_INT(offsetof(PyCompactUnicodeObject, utf8), 56);
    CHECK_EQ_INT(sizeof(PyBytesObject), 40);
    CHECK_EQ_INT(offsetof(PyBytesObject, ob_sval), 32);
    CHECK_EQ_INT(sizeof(PyByteArrayObject), 56);
    CHECK_EQ_INT(sizeof(PyMemoryViewObject), 152);
    CHECK_EQ_INT(offsetof(PyMemoryViewObject, view), 56);

    PyObject *a = PyUnicode_FromString("abc"), *b = PyUnicode_FromString("caf\xc3\xa9");
    PyObject *c = PyUnicode_FromString("\xe2\x82\xac"),
             *d = PyUnicode_FromString("\xf0\x9f\x98\x80");
    CHECK(PyUnicode_IS_COMPACT_ASCII(a) && PyUnicode_KIND(a) == 1);
    CHECK(!PyUnicode_IS_ASCII(b) && PyUnicode_KIND(b) == 1 && PyUnicode_IS_COMPACT(b));
    CHECK(PyUnicode_KIND(c) == 2 && PyUnicode_KIND(d) == 4);
    CHECK_EQ_INT(PyUnicode_READ_CHAR(b, 3), 0xe9);
    CHECK_EQ_INT(PyUnicode_READ_CHAR(d, 0), 0x1f600);
    CHECK_EQ_INT(((PyASCIIObject *)a)->hash, -1);
    Py_hash_t h = PyObject_Hash(a);
    CHECK(h != -1 && ((PyASCIIObject *)a)->hash == h);
    CHECK(PyUnicode_AsUTF8(a) == (const char *)PyUnicode_DATA(a));
    Py_ssize_t n;
    const char *u = PyUnicode_AsUTF8AndSize(b, &n);
    CHECK_EQ_INT(n, 5);
    CHECK(u == ((PyCompactUnicodeObject *)b)->utf8 && u == PyUnicode_AsUTF8(b));
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(c);
    Py_DECREF(d);
}

static void
test_capi(void)
{
    PyObject *x = PyUnicode_InternFromString("interned_name");
    PyObject *y = PyUnicode_FromString("interned_name");
    CHECK(x != y);
    PyUnicode_InternInPlace(&y);
    CHECK(x == y && PyUnicode_CHECK_INTERNED(x));
    Py_DECREF(y);
    Py_DECREF(x);

    PyObject *a = PyUnicode_FromString("abc"), *b = PyUnicode_FromString("abd");
    CHECK_EQ_INT(PyUnicode_Compare(a, b), -1);
    CHECK_EQ_INT(PyUnicode_Compare(b, a), 1);
    CHECK_EQ_INT(PyUnicode_CompareWithASCIIString(a, "abc"), 0);
    CHECK_EQ_INT(PyUnicode_CompareWithASCIIString(a, "ab"), 1);
    CHECK_EQ_INT(PyUnicode_CompareWithASCIIString(a, "abcd"), -1);
    CHECK(_PyUnicode_EqualToASCIIString(a, "abc") && !_PyUnicode_EqualToASCIIString(a, "ab"));
    PyObject *ab = PyUnicode_Concat(a, b);
    CHECK_EQ_STR(PyUnicode_AsUTF8(ab), "abcabd");
    CHECK_EQ_INT(PyUnicode_GetLength(ab), 6);
    CHECK_EQ_INT(PyUnicode_ReadChar(ab, 5), 'd');
    CHECK(PyUnicode_ReadChar(ab, 6) == (Py_UCS4)-1 && PyErr_ExceptionMatches(PyExc_IndexError));
    PyErr_Clear();
    PyObject *sub = PyUnicode_Substring(ab, 2, 4);
    CHECK_EQ_STR(PyUnicode_AsUTF8(sub), "ca");
    CHECK_EQ_INT(PyUnicode_Find(ab, sub, 0, 6, 1), 2);
    CHECK_EQ_INT(PyUnicode_Count(ab, a, 0, PY_SSIZE_T_MAX), 1);
    CHECK_EQ_INT(PyUnicode_Tailmatch(ab, b, 0, PY_SSIZE_T_MAX, 1), 1);
    CHECK_EQ_INT(PyUnicode_FindChar(ab, 'b', 0, 6, -1), 4);
    CHECK_EQ_INT(PyUnicode_Contains(ab, sub), 1);
    PyObject *ch = PyUnicode_FromOrdinal(0x20ac);
    CHECK(ch && PyUnicode_KIND(ch) == 2 && PyUnicode_READ_CHAR(ch, 0) == 0x20ac);
    CHECK(PyUnicode_FromOrdinal(0x110000) == NULL && PyErr_ExceptionMatches(PyExc_ValueError));
    PyErr_Clear();
    Py_UCS4 ucs[3] = {'a', 0xd800, 'b'};
    PyObject *sur = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, ucs, 3);
    CHECK(sur && PyUnicode_KIND(sur) == 2);
    CHECK(PyUnicode_AsUTF8(sur) == NULL && PyErr_ExceptionMatches(PyExc_UnicodeEncodeError));
    PyErr_Clear();
    Py_UCS4 *copy = PyUnicode_AsUCS4Copy(sur);
    CHECK(copy && copy[1] == 0xd800 && copy[3] == 0);
    PyMem_Free(copy);
    PyObject *dec = PyUnicode_DecodeUTF8("\xff", 1, NULL);
    CHECK(dec == NULL && PyErr_ExceptionMatches(PyExc_UnicodeDecodeError));
    PyErr_Clear();
    Py_ssize_t consumed = 0;
    dec = PyUnicode_DecodeUTF8Stateful("a\xe2\x82", 3, NULL, &consumed);
    CHECK(dec && consumed == 1 && PyUnicode_GET_LENGTH(dec) == 1);
    Py_XDECREF(dec);
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *list = PyList_New(0);
    PyList_Append(list, a);
    PyList_Append(list, ch);
    PyObject *joined = PyUnicode_Join(sep, list);
    CHECK_EQ_STR(PyUnicode_AsUTF8(joined), "abc, \xe2\x82\xac");
    wchar_t wbuf[8];
    CHECK_EQ_INT(PyUnicode_AsWideChar(joined, wbuf, 8), 6);
    CHECK(wbuf[5] == 0x20ac && wbuf[6] == 0);
    PyObject *grow = PyUnicode_FromString("ab"), *piece = PyUnicode_FromString("cd");
    PyObject *wide = PyUnicode_FromString("\xe2\x82\xac");
    PyObject_Hash(grow);
    for (int k = 0; k < 100; k++) {
        PyUnicode_Append(&grow, piece);
    }
    CHECK(grow != NULL && PyUnicode_GET_LENGTH(grow) == 202 && PyUnicode_IS_COMPACT_ASCII(grow));
    CHECK(((PyASCIIObject *)grow)->hash == -1 && PyUnicode_READ_CHAR(grow, 201) == 'd');
    CHECK(PyUnicode_1BYTE_DATA(grow)[202] == 0);
    PyUnicode_Append(&grow, wide);
    CHECK(grow != NULL && PyUnicode_KIND(grow) == 2 && PyUnicode_READ_CHAR(grow, 202) == 0x20ac);
    PyUnicode_Append(&grow, piece);
    CHECK(grow != NULL && PyUnicode_GET_LENGTH(grow) == 205 &&
          PyUnicode_READ_CHAR(grow, 204) == 'd');
    CHECK_EQ_INT(PyUnicode_CompareWithASCIIString(piece, "cd"), 0);
    Py_XDECREF(grow);
    Py_DECREF(piece);
    Py_DECREF(wide);
    const char *lit = "a\\qb\\n\\z", *bad = NULL;
    PyObject *esc = _PyUnicode_DecodeUnicodeEscapeInternal(lit, 8, NULL, NULL, &bad);
    CHECK(esc != NULL && PyUnicode_GET_LENGTH(esc) == 7 && bad == lit + 2);
    Py_XDECREF(esc);
    PyObject *besc = _PyBytes_DecodeEscape(lit + 3, 5, NULL, &bad);
    CHECK(besc != NULL && PyBytes_GET_SIZE(besc) == 4 && bad == lit + 7);
    Py_XDECREF(besc);
    PyObject *arabic = PyUnicode_FromString("\xd9\xa1\xd9\xa2\xe3\x80\x80x\xc3\xa9");
    PyObject *ascii = _PyUnicode_TransformDecimalAndSpaceToASCII(arabic);
    CHECK_EQ_STR(PyUnicode_AsUTF8(ascii), "12 x?");
    Py_DECREF(ascii);
    Py_DECREF(arabic);
    PyObject *empty1 = PyUnicode_FromString(""), *empty2 = PyUnicode_New(0, 0);
    CHECK(empty1 == empty2);
    Py_DECREF(empty1);
    Py_DECREF(empty2);
    Py_DECREF(joined);
    Py_DECREF(list);
    Py_DECREF(sep);
    Py_DECREF(sur);
    Py_DECREF(ch);
    Py_DECREF(sub);
    Py_DECREF(ab);
    Py_DECREF(a);
    Py_DECREF(b);
}

static void
test_writer(void)
{
    _PyUnicodeWriter w;
    _PyUnicodeWriter_Init(&w);
    w.overallocate = 1;
    PyObject *src = PyUnicode_FromString("xy\xe2\x82\xacz");
    CHECK(_PyUnicodeWriter_WriteASCIIString(&w, "abc", 3) == 0);
    CHECK(w.kind == PyUnicode_1BYTE_KIND && w.pos == 3 && w.maxchar == 127);
    CHECK(_PyUnicodeWriter_WriteChar(&w, 0xe9) == 0 && w.maxchar == 255);
    CHECK(_PyUnicodeWriter_WriteSubstring(&w, src, 1, 3) == 0 && w.kind == PyUnicode_2BYTE_KIND);
    CHECK(_PyUnicodeWriter_Prepare(&w, 1, 0x1f600) == 0 && w.kind == PyUnicode_4BYTE_KIND);
    PyUnicode_WRITE(w.kind, w.data, w.pos, 0x1f600);
    w.pos++;
    CHECK(_PyUnicodeWriter_WriteStr(&w, src) == 0);
    PyObject *res = _PyUnicodeWriter_Finish(&w);
    CHECK_EQ_STR(PyUnicode_AsUTF8(res), "abc\xc3\xa9y\xe2\x82\xac\xf0\x9f\x98\x80xy\xe2\x82\xacz");
    CHECK(PyUnicode_KIND(res) == PyUnicode_4BYTE_KIND && w.buffer == NULL);
    _PyUnicodeWriter_Init(&w);
    CHECK(_PyUnicodeWriter_WriteASCIIString(&w, "plain", -1) == 0);
    PyObject *plain = _PyUnicodeWriter_Finish(&w);
    CHECK(PyUnicode_IS_COMPACT_ASCII(plain) && PyUnicode_GET_LENGTH(plain) == 5);
    struct {
        const char *string;
        Py_ssize_t index;
    } id = {"an_identifier", -1};
    PyObject *i1 = _PyUnicode_FromId((struct _Py_Identifier *)&id);
    PyObject *i2 = _PyUnicode_FromId((struct _Py_Identifier *)&id);
    CHECK(i1 != NULL && i1 == i2 && PyUnicode_CHECK_INTERNED(i1) && id.index >= 0);
    CHECK(_PyUnicode_EqualToASCIIString(i1, "an_identifier"));
    Py_UNICODE *wstr = PyUnicode_AsUnicode(src);
    CHECK(wstr && wstr[2] == 0x20ac && wstr[4] == 0 && PyUnicode_AsUnicode(src) == wstr);
    CHECK_EQ_INT(_PyBytes_Find("hello", 5, "l", 1, 10), 12);
    CHECK_EQ_INT(_PyBytes_ReverseFind("hello", 5, "l", 1, 10), 13);
    CHECK_EQ_INT(_PyBytes_Find("hello", 5, "z", 1, 10), -1);
    Py_DECREF(plain);
    Py_DECREF(res);
    Py_DECREF(src);
}

static void
test_unidata(void)
{
    for (size_t i = 0; i < sizeof unidata_rows / sizeof unidata_rows[0]; i++) {
        uint32_t cp = unidata_rows[i].cp;
        const PyrsUnidataRecord *r = pyrs_unidata_record(cp);
        double num = _PyUnicode_ToNumeric(cp);
        int ok = strcmp(pyrs_unidata_category_name(cp), unidata_rows[i].cat) == 0 &&
                 strcmp(pyrs_unidata_bidirectional_name(cp), unidata_rows[i].bidi) == 0 &&
                 strcmp(pyrs_unidata_east_asian_width_name(cp), unidata_rows[i].eaw) == 0 &&
                 r->combining == unidata_rows[i].comb &&
                 ((r->flags & PYRS_UNIDATA_MIRRORED) != 0) == unidata_rows[i].mirrored &&
                 _PyUnicode_ToDecimalDigit(cp) == unidata_rows[i].dec &&
                 _PyUnicode_ToDigit(cp) == unidata_rows[i].dig && num == unidata_rows[i].num &&
                 strcmp(pyrs_unidata_decomposition(cp), unidata_rows[i].decomp) == 0;
        if (!ok) {
            fprintf(stderr, "unidata U+%04X differs\n", (unsigned)cp);
        }
        CHECK(ok);
    }
}

static void
run_tests(void)
{
    setenv("PYTHONHASHSEED", "0", 1);
    if (pyrs_runtime_init() < 0) {
        CHECK(!"pyrs_runtime_init failed");
        return;
    }
    test_layout();
    test_capi();
    fromformat_cases();
    test_unidata();
    test_writer();
    tv_run_cases(cases, sizeof cases / sizeof cases[0]);
}
