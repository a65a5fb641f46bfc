/* test_getargs.c: the C-API support layer: PyArg_Parse* (every format unit, keywords, error
 * messages), the Argument Clinic unpackers, Py_BuildValue, struct sequences, capsules, the
 * PyModule_Add* helpers and the sys C-API. Expected values and messages were recorded from
 * CPython 3.11 by calling the same functions through ctypes.pythonapi. */
#define PY_SSIZE_T_CLEAN
#include "Python.h"
#include "harness.h"
#include "pyrs/lifecycle.h"
#include "pyrs/sys.h"
#include "structmember.h"

/* The exports without _SizeT (what an extension built without PY_SSIZE_T_CLEAN calls). */
int plain_parse_tuple(PyObject *args, const char *format, ...) __asm__("PyArg_ParseTuple");
PyObject *plain_build_value(const char *format, ...) __asm__("Py_BuildValue");

/* The pending exception as "Type: message" (cleared), or "" when none is set. */
static const char *
err_text(void)
{
    static char buf[512];
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    if (type == NULL) {
        return "";
    }
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject *s = value != NULL ? PyObject_Str(value) : NULL;
    const char *msg = s != NULL ? PyUnicode_AsUTF8(s) : "?";
    snprintf(buf, sizeof(buf), "%s: %s", ((PyTypeObject *)type)->tp_name, msg ? msg : "?");
    Py_XDECREF(s);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    PyErr_Clear();
    return buf;
}

/* repr(OBJ) as UTF-8 in a static buffer (OBJ is released); the error text when OBJ is NULL. */
static const char *
repr_of(PyObject *obj)
{
    static char buf[512];
    if (obj == NULL) {
        return err_text();
    }
    PyObject *r = PyObject_Repr(obj);
    snprintf(buf, sizeof(buf), "%s", r != NULL ? PyUnicode_AsUTF8(r) : err_text());
    Py_XDECREF(r);
    Py_DECREF(obj);
    return buf;
}

/* The int written in decimal DIGITS (new reference). */
static PyObject *
big(const char *digits)
{
    return PyLong_FromString(digits, NULL, 10);
}

/* Py_BuildValue's result, always as a tuple (new reference). */
static PyObject *
tup(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *v = Py_VaBuildValue(format, va);
    va_end(va);
    if (v != NULL && !PyTuple_Check(v)) {
        Py_SETREF(v, PyTuple_Pack(1, v));
    }
    return v;
}

/* ---- PyArg_ParseTuple ------------------------------------------------------------------- */

static void
test_integers(void)
{
    PyObject *args;
    unsigned char b;
    short h;
    unsigned short H;
    int i;
    unsigned int I;
    long l;
    unsigned long k;
    long long L;
    unsigned long long K;
    Py_ssize_t n;

    args = tup("(iiiiLiNLNi)", 200, -3, 65537, -7, 4294967297LL, -9, big("18446744073709551621"),
               -(1LL << 62), big("18446744073709551622"), 42);
    CHECK(_PyArg_ParseTuple_SizeT(args, "bhHiIlkLKn", &b, &h, &H, &i, &I, &l, &k, &L, &K, &n));
    CHECK_EQ_INT(b, 200);
    CHECK_EQ_INT(h, -3);
    CHECK_EQ_INT(H, 1);
    CHECK_EQ_INT(i, -7);
    CHECK_EQ_INT(I, 1);
    CHECK_EQ_INT(l, -9);
    CHECK_EQ_INT(k, 5);
    CHECK_EQ_INT(L, -(1LL << 62));
    CHECK_EQ_INT(K, 6);
    CHECK_EQ_INT(n, 42);
    Py_DECREF(args);

    args = tup("(ii)", -1, -1);
    CHECK(PyArg_ParseTuple(args, "BH", &b, &H));
    CHECK_EQ_INT(b, 255);
    CHECK_EQ_INT(H, 65535);
    Py_DECREF(args);

    struct {
        PyObject *args;
        const char *format, *expected;
    } errors[] = {
        {tup("i", 300), "b", "OverflowError: unsigned byte integer is greater than maximum"},
        {tup("i", -1), "b", "OverflowError: unsigned byte integer is less than minimum"},
        {tup("i", 70000), "h", "OverflowError: signed short integer is greater than maximum"},
        {tup("i", -70000), "h", "OverflowError: signed short integer is less than minimum"},
        {tup("L", 1LL << 40), "i", "OverflowError: signed integer is greater than maximum"},
        {tup("N", big("1180591620717411303424")), "l",
         "OverflowError: Python int too large to convert to C long"},
        {tup("s", "x"), "i:f", "TypeError: 'str' object cannot be interpreted as an integer"},
        {tup("d", 1.5), "k", "TypeError: argument 1 must be int, not float"},
    };
    for (size_t e = 0; e < Py_ARRAY_LENGTH(errors); e++) {
        args = errors[e].args;
        long long sink[2];
        CHECK(!_PyArg_ParseTuple_SizeT(args, errors[e].format, sink));
        CHECK_EQ_STR(err_text(), errors[e].expected);
        Py_DECREF(args);
    }
}

static void
test_scalars(void)
{
    Py_complex cv = {3.0, 4.0};
    PyObject *args = tup("(ddDyNCi[i])", 1.5, 2.25, &cv, "x", PyByteArray_FromStringAndSize("y", 1),
                         0x20ac, 0, 1);
    double d;
    float f;
    Py_complex D;
    char c1, c2;
    int C, p0, p1;
    CHECK(PyArg_ParseTuple(args, "dfDccCpp", &d, &f, &D, &c1, &c2, &C, &p0, &p1));
    CHECK(d == 1.5 && f == 2.25f && D.real == 3.0 && D.imag == 4.0);
    CHECK_EQ_INT(c1, 'x');
    CHECK_EQ_INT(c2, 'y');
    CHECK_EQ_INT(C, 0x20ac);
    CHECK_EQ_INT(p0, 0);
    CHECK_EQ_INT(p1, 1);
    Py_DECREF(args);

    struct {
        PyObject *args;
        const char *format, *expected;
    } errors[] = {
        {tup("s", "x"), "d", "TypeError: must be real number, not str"},
        {tup("y", "xy"), "c", "TypeError: argument 1 must be a byte string of length 1, not bytes"},
        {tup("s", "ab"), "C", "TypeError: argument 1 must be a unicode character, not str"},
        {tup("s", "x"), "S", "TypeError: argument 1 must be bytes, not str"},
        {tup("s", "x"), "Y", "TypeError: argument 1 must be bytearray, not str"},
        {tup("y", "x"), "U", "TypeError: argument 1 must be str, not bytes"},
    };
    for (size_t e = 0; e < Py_ARRAY_LENGTH(errors); e++) {
        args = errors[e].args;
        double sink[4];
        CHECK(!PyArg_ParseTuple(args, errors[e].format, sink));
        CHECK_EQ_STR(err_text(), errors[e].expected);
        Py_DECREF(args);
    }
}

static void
test_strings(void)
{
    PyObject *args =
        tup("(ssOysy#O)", "h\xc3\xa9", "ab", Py_None, "xyz", "abc", "q\0r", (Py_ssize_t)3, Py_None);
    const char *s, *s2, *z, *y, *z2;
    Py_ssize_t n1, n2, n3;
    Py_buffer buf;
    CHECK(PyArg_ParseTuple(args, "ss#zy#s*y#z#", &s, &s2, &n1, &z, &y, &n2, &buf, &z2, &n3, &z2,
                           &n3));
    CHECK_EQ_STR(s, "h\xc3\xa9");
    CHECK_EQ_INT(n1, 2);
    CHECK(z == NULL);
    CHECK_EQ_INT(n2, 3);
    CHECK_EQ_INT(buf.len, 3);
    CHECK(memcmp(buf.buf, "abc", 3) == 0);
    PyBuffer_Release(&buf);
    CHECK(z2 == NULL);
    CHECK_EQ_INT(n3, 0);
    Py_DECREF(args);

    struct {
        PyObject *args;
        const char *format, *expected;
    } errors[] = {
        {tup("i", 1), "z", "TypeError: argument 1 must be str or None, not int"},
        {tup("s#", "a\0b", (Py_ssize_t)3), "s", "ValueError: embedded null character"},
        {tup("y#", "a\0b", (Py_ssize_t)3), "y", "ValueError: embedded null byte"},
        {tup("i", 1), "s#", "TypeError: a bytes-like object is required, not 'int'"},
        {tup("N", PyByteArray_FromStringAndSize("x", 1)), "s#",
         "TypeError: argument 1 must be read-only bytes-like object, not bytearray"},
        {tup("s", "x"), "y", "TypeError: a bytes-like object is required, not 'str'"},
        {tup("i", 1), "y*", "TypeError: a bytes-like object is required, not 'int'"},
        {tup("y", "x"), "w*",
         "TypeError: argument 1 must be read-write bytes-like object, not bytes"},
        {tup("i", 1), "w", "SystemError: argument 1 (invalid use of 'w' format character)"},
    };
    for (size_t e = 0; e < Py_ARRAY_LENGTH(errors); e++) {
        args = errors[e].args;
        Py_buffer sink;
        Py_ssize_t len;
        CHECK(!PyArg_ParseTuple(args, errors[e].format, &sink, &len));
        CHECK_EQ_STR(err_text(), errors[e].expected);
        Py_DECREF(args);
    }

    args = tup("N", PyByteArray_FromStringAndSize("rw", 2));
    CHECK(PyArg_ParseTuple(args, "w*", &buf));
    CHECK_EQ_INT(buf.len, 2);
    CHECK_EQ_INT(buf.readonly, 0);
    PyBuffer_Release(&buf);
    Py_DECREF(args);
}

static void
test_encoded(void)
{
    PyObject *args = tup("(sys)", "\xc3\xa9t\xc3\xa9", "raw", "abc");
    char *e1 = NULL, *e2 = NULL;
    char fixed[8];
    char *e3 = fixed;
    Py_ssize_t n3 = sizeof(fixed);
    CHECK(PyArg_ParseTuple(args, "eset|es#", "latin-1", &e1, "utf-8", &e2, NULL, &e3, &n3));
    CHECK_EQ_STR(e1, "\xe9t\xe9");
    CHECK_EQ_STR(e2, "raw");
    CHECK_EQ_STR(fixed, "abc");
    CHECK_EQ_INT(n3, 3);
    PyMem_Free(e1);
    PyMem_Free(e2);
    Py_DECREF(args);

    struct {
        PyObject *args;
        const char *format, *expected;
    } errors[] = {
        {tup("i", 1), "es", "TypeError: argument 1 must be str, not int"},
        {tup("s", "\xe2\x82\xac"), "es",
         "UnicodeEncodeError: 'latin-1' codec can't encode character '\\u20ac' in position 0: "
         "ordinal not in range(256)"},
        {tup("s#", "a\0b", (Py_ssize_t)3), "es",
         "TypeError: argument 1 must be encoded string without null bytes, not str"},
        {tup("y", "ab"), "es", "TypeError: argument 1 must be str, not bytes"},
        {tup("i", 1), "et", "TypeError: argument 1 must be str, bytes or bytearray, not int"},
    };
    for (size_t e = 0; e < Py_ARRAY_LENGTH(errors); e++) {
        args = errors[e].args;
        char *out = NULL;
        CHECK(!PyArg_ParseTuple(args, errors[e].format, "latin-1", &out));
        CHECK(out == NULL);
        CHECK_EQ_STR(err_text(), errors[e].expected);
        Py_DECREF(args);
    }
    /* a later failure frees the buffer an earlier es produced */
    args = tup("(ss)", "ok", "x");
    char *out = NULL;
    int ival;
    CHECK(!PyArg_ParseTuple(args, "esi", "utf-8", &out, &ival));
    CHECK(out == NULL);
    CHECK_EQ_STR(err_text(), "TypeError: 'str' object cannot be interpreted as an integer");
    Py_DECREF(args);
}

static int converter_calls;

static int
to_doubled(PyObject *obj, void *addr)
{
    if (obj == NULL) {
        converter_calls += 100; /* cleanup call after a later failure */
        return 0;
    }
    converter_calls++;
    long v = PyLong_AsLong(obj);
    if (v == -1 && PyErr_Occurred()) {
        return 0;
    }
    *(long *)addr = 2 * v;
    return Py_CLEANUP_SUPPORTED;
}

static void
test_objects_and_tuples(void)
{
    PyObject *args = tup("([i]is(i(is)))", 1, 21, "x", 1, 2, "y");
    PyObject *list, *o;
    long doubled;
    int a, b;
    const char *y;
    CHECK(PyArg_ParseTuple(args, "O!O&O(i(is))", &PyList_Type, &list, to_doubled, &doubled, &o, &a,
                           &b, &y));
    CHECK(PyList_Check(list));
    CHECK_EQ_INT(doubled, 42);
    CHECK(PyUnicode_Check(o));
    CHECK_EQ_INT(a, 1);
    CHECK_EQ_INT(b, 2);
    CHECK_EQ_STR(y, "y");
    Py_DECREF(args);

    converter_calls = 0;
    args = tup("(is)", 5, "bad");
    CHECK(!PyArg_ParseTuple(args, "O&i", to_doubled, &doubled, &a));
    CHECK_EQ_INT(converter_calls, 101);
    err_text();
    Py_DECREF(args);

    struct {
        PyObject *args;
        const char *format, *expected;
    } errors[] = {
        {tup("(())"), "O!", "TypeError: argument 1 must be list, not tuple"},
        {tup("((i))", 1), "(ii)", "TypeError: argument 1 must be sequence of length 2, not 1"},
        {tup("i", 1), "(ii)", "TypeError: argument 1 must be 2-item sequence, not int"},
        {tup("((i(iy)))", 1, 2, "x"), "(i(is))",
         "TypeError: argument 1, item 1, item 1 must be str, not bytes"},
        {tup("(ii)", 1, 2), "i", "TypeError: function takes exactly 1 argument (2 given)"},
        {tup("()"), "i|i:f", "TypeError: f() takes at least 1 argument (0 given)"},
        {tup("(iii)", 1, 2, 3), "i|i", "TypeError: function takes at most 2 arguments (3 given)"},
        {tup("(ii)", 1, 2), "i;custom message", "TypeError: custom message"},
        {tup("i", 1), "X", "SystemError: argument 1 (impossible<bad format char>)"},
        {tup("i", 1), "i#", "SystemError: bad format string: i#"},
    };
    for (size_t e = 0; e < Py_ARRAY_LENGTH(errors); e++) {
        args = errors[e].args;
        void *sink[4] = {&PyList_Type, NULL, NULL, NULL};
        int r = e == 0 ? PyArg_ParseTuple(args, errors[e].format, &PyList_Type, &sink[1])
                       : PyArg_ParseTuple(args, errors[e].format, &sink[0], &sink[1], &sink[2]);
        CHECK(!r);
        CHECK_EQ_STR(err_text(), errors[e].expected);
        Py_DECREF(args);
    }

    /* optional arguments stay untouched; PyArg_Parse takes the lone object */
    args = tup("i", 7);
    a = -1;
    b = -1;
    CHECK(PyArg_ParseTuple(args, "i|i", &a, &b));
    CHECK_EQ_INT(a, 7);
    CHECK_EQ_INT(b, -1);
    PyObject *five = PyLong_FromLong(5);
    CHECK(PyArg_Parse(five, "i", &a));
    CHECK_EQ_INT(a, 5);
    CHECK(!PyArg_Parse(five, "ii", &a, &b));
    CHECK_EQ_STR(err_text(), "SystemError: old style getargs format uses new features");
    CHECK(!PyArg_ParseTuple(five, "i", &a));
    CHECK_EQ_STR(err_text(), "SystemError: new style getargs format but argument is not a tuple");
    Py_DECREF(five);
    /* '#' without PY_SSIZE_T_CLEAN (the plain export) */
    Py_ssize_t len;
    const char *s;
    CHECK(!plain_parse_tuple(args, "s#", &s, &len));
    CHECK_EQ_STR(err_text(), "SystemError: PY_SSIZE_T_CLEAN macro must be defined for '#' formats");
    Py_DECREF(args);
}

/* ---- PyArg_ParseTupleAndKeywords -------------------------------------------------------- */

static void
test_keywords(void)
{
    static const char *kw_ab[] = {"a", "b", NULL};
    static const char *kw_posonly[] = {"", "b", NULL};
    struct {
        PyObject *args, *kwargs;
        const char *format;
        const char **kwlist;
        const char *expected; /* NULL: success */
    } cases[] = {
        {tup("i", 1), Py_BuildValue("{s:i}", "b", 2), "i|i:f", kw_ab, NULL},
        {tup("i", 1), Py_BuildValue("{s:i}", "c", 2), "i|i:f", kw_ab,
         "TypeError: 'c' is an invalid keyword argument for f()"},
        {tup("i", 1), Py_BuildValue("{s:i}", "c", 2), "i|i", kw_ab,
         "TypeError: 'c' is an invalid keyword argument for this function"},
        {tup("i", 1), Py_BuildValue("{s:i}", "a", 2), "i|i:f", kw_ab,
         "TypeError: argument for f() given by name ('a') and position (1)"},
        {tup("()"), PyDict_New(), "i|i:f", kw_ab,
         "TypeError: f() missing required argument 'a' (pos 1)"},
        {tup("()"), Py_BuildValue("{s:i}", "b", 1), "i|i:f", kw_ab,
         "TypeError: f() missing required argument 'a' (pos 1)"},
        {tup("(iii)", 1, 2, 3), NULL, "i|i:f", kw_ab,
         "TypeError: f() takes at most 2 arguments (3 given)"},
        {tup("()"), Py_BuildValue("{s:i,s:i,s:i}", "a", 1, "b", 2, "c", 3), "i|i:f", kw_ab,
         "TypeError: f() takes at most 2 keyword arguments (3 given)"},
        {tup("i", 1), Py_BuildValue("{i:i}", 1, 2), "i|i:f", kw_ab,
         "TypeError: keywords must be strings"},
        {tup("()"), NULL, "i|i:g", kw_posonly,
         "TypeError: g() takes at least 1 positional argument (0 given)"},
        {tup("()"), Py_BuildValue("{s:i}", "b", 2), "i|i:g", kw_posonly,
         "TypeError: g() takes at least 1 positional argument (0 given)"},
        {tup("(ii)", 1, 2), NULL, "i|$i:h", kw_ab,
         "TypeError: h() takes at most 1 positional argument (2 given)"},
        {tup("(ii)", 1, 2), NULL, "|$ii:h", kw_ab, "TypeError: h() takes no positional arguments"},
        {tup("i", 1), NULL, "i:f", kw_ab,
         "SystemError: More keyword list entries (2) than format specifiers (1)"},
        {tup("i", 1), Py_BuildValue("{s:s}", "b", "x"), "i|i:f", kw_ab,
         "TypeError: 'str' object cannot be interpreted as an integer"},
        {tup("i", 1), Py_BuildValue("{s:i}", "b", 5), "i|$i:h", kw_ab, NULL},
    };
    for (size_t e = 0; e < Py_ARRAY_LENGTH(cases); e++) {
        PyObject *args = cases[e].args;
        PyObject *kw = cases[e].kwargs;
        int a = -1, b = -1;
        int r = PyArg_ParseTupleAndKeywords(args, kw, cases[e].format, (char **)cases[e].kwlist, &a,
                                            &b);
        if (cases[e].expected == NULL) {
            CHECK(r);
            CHECK_EQ_INT(a, 1);
            CHECK(b == 2 || b == 5);
        } else {
            CHECK(!r);
            CHECK_EQ_STR(err_text(), cases[e].expected);
        }
        Py_DECREF(args);
        Py_XDECREF(kw);
    }
    PyObject *bad = Py_BuildValue("{i:i}", 1, 2);
    CHECK(!PyArg_ValidateKeywordArguments(bad));
    CHECK_EQ_STR(err_text(), "TypeError: keywords must be strings");
    Py_DECREF(bad);
    PyObject *good = Py_BuildValue("{s:i}", "x", 2);
    CHECK(PyArg_ValidateKeywordArguments(good));
    Py_DECREF(good);
}

static void
test_parser_and_unpack(void)
{
    static const char *const keywords[] = {"", "x", "y", NULL};
    static _PyArg_Parser parser = {NULL, keywords, "clinic", NULL, 0, 0, 0, NULL, NULL};
    PyObject *one = PyLong_FromLong(1), *two = PyLong_FromLong(2);
    PyObject *stack[3] = {one, two, one};
    PyObject *buf[3];
    /* fast path: all positional */
    PyObject *const *r = _PyArg_UnpackKeywords(stack, 2, NULL, NULL, &parser, 1, 3, 0, buf);
    CHECK(r == stack);
    /* y by keyword */
    PyObject *kwnames = Py_BuildValue("(s)", "y");
    r = _PyArg_UnpackKeywords(stack, 1, NULL, kwnames, &parser, 1, 3, 0, buf);
    CHECK(r == buf && buf[0] == one && buf[1] == NULL && buf[2] == two);
    Py_DECREF(kwnames);
    r = _PyArg_UnpackKeywords(stack, 0, NULL, NULL, &parser, 1, 3, 0, buf);
    CHECK(r == NULL);
    CHECK_EQ_STR(err_text(), "TypeError: clinic() takes at least 1 positional argument (0 given)");
    kwnames = Py_BuildValue("(s)", "z");
    r = _PyArg_UnpackKeywords(stack, 1, NULL, kwnames, &parser, 1, 3, 0, buf);
    CHECK(r == NULL);
    CHECK_EQ_STR(err_text(), "TypeError: 'z' is an invalid keyword argument for clinic()");
    Py_DECREF(kwnames);
    r = _PyArg_UnpackKeywords(stack, 3, NULL, NULL, &parser, 1, 2, 0, buf);
    CHECK(r == NULL);
    CHECK_EQ_STR(err_text(), "TypeError: clinic() takes at most 2 positional arguments (3 given)");

    /* def f(a, *args, b=None) as Argument Clinic describes it */
    static const char *const kwv[] = {"a", "b", NULL};
    static _PyArg_Parser parser_v = {NULL, kwv, "f", NULL, 0, 0, 0, NULL, NULL};
    PyObject *three = PyLong_FromLong(3);
    PyObject *vstack[4] = {one, two, three, two};
    PyObject *vbuf[3] = {NULL, NULL, NULL};
    kwnames = Py_BuildValue("(s)", "b");
    r = _PyArg_UnpackKeywordsWithVararg(vstack, 3, NULL, kwnames, &parser_v, 1, 1, 0, 1, vbuf);
    CHECK(r == vbuf && vbuf[0] == one && vbuf[2] == two);
    CHECK_EQ_STR(repr_of(vbuf[1]), "(2, 3)");
    Py_DECREF(kwnames);
    vbuf[2] = NULL;
    r = _PyArg_UnpackKeywordsWithVararg(vstack, 1, NULL, NULL, &parser_v, 1, 1, 0, 1, vbuf);
    CHECK(r == vbuf && vbuf[0] == one && vbuf[2] == NULL);
    CHECK_EQ_STR(repr_of(vbuf[1]), "()");
    r = _PyArg_UnpackKeywordsWithVararg(vstack, 0, NULL, NULL, &parser_v, 1, 1, 0, 1, vbuf);
    CHECK(r == NULL);
    CHECK_EQ_STR(err_text(), "TypeError: f() missing required argument 'a' (pos 1)");
    kwnames = Py_BuildValue("(s)", "c");
    r = _PyArg_UnpackKeywordsWithVararg(vstack, 1, NULL, kwnames, &parser_v, 1, 1, 0, 1, vbuf);
    CHECK(r == NULL);
    CHECK_EQ_STR(err_text(), "TypeError: 'c' is an invalid keyword argument for f()");
    Py_DECREF(kwnames);
    Py_DECREF(three);

    /* a format-driven parser over a vector */
    static const char *const kw2[] = {"a", "b", NULL};
    static _PyArg_Parser parser2 = {"i|i:vec", kw2, NULL, NULL, 0, 0, 0, NULL, NULL};
    kwnames = Py_BuildValue("(s)", "b");
    int a = 0, b = 0;
    CHECK(_PyArg_ParseStackAndKeywords(stack, 1, kwnames, &parser2, &a, &b));
    CHECK_EQ_INT(a, 1);
    CHECK_EQ_INT(b, 2);
    Py_DECREF(kwnames);
    CHECK(_PyArg_ParseStack(stack, 2, "ii", &a, &b));
    CHECK_EQ_INT(b, 2);

    PyObject *i1 = PyLong_FromLong(3);
    _PyArg_BadArgument("func", "argument 'x'", "str", i1);
    CHECK_EQ_STR(err_text(), "TypeError: func() argument 'x' must be str, not int");
    Py_DECREF(i1);
    Py_DECREF(one);
    Py_DECREF(two);
}

/* ---- Py_BuildValue ---------------------------------------------------------------------- */

static void
test_buildvalue(void)
{
    CHECK_EQ_STR(repr_of(Py_BuildValue("(iis)", 1, 2, "x")), "(1, 2, 'x')");
    CHECK_EQ_STR(repr_of(Py_BuildValue("[i,(i,i),{s:i}]", 1, 2, 3, "k", 4)),
                 "[1, (2, 3), {'k': 4}]");
    CHECK_EQ_STR(repr_of(Py_BuildValue("s#y#", "abcdef", (Py_ssize_t)3, "xyz", (Py_ssize_t)2)),
                 "('abc', b'xy')");
    CHECK_EQ_STR(repr_of(Py_BuildValue("z", NULL)), "None");
    CHECK_EQ_STR(repr_of(Py_BuildValue("(c,C)", 65, 0x20ac)), "(b'A', '\xe2\x82\xac')");
    CHECK_EQ_STR(repr_of(Py_BuildValue("(d,f)", 1.5, 2.25)), "(1.5, 2.25)");
    CHECK_EQ_STR(repr_of(Py_BuildValue("K", 18446744073709551615ULL)), "18446744073709551615");
    CHECK_EQ_STR(repr_of(Py_BuildValue("L", (long long)INT64_MIN)), "-9223372036854775808");
    CHECK_EQ_STR(repr_of(Py_BuildValue("(b,B,h,H,I,k,n)", -1, 255, -2, 65535, 4294967295U,
                                       18446744073709551615UL, (Py_ssize_t)-7)),
                 "(-1, 255, -2, 65535, 4294967295, 18446744073709551615, -7)");
    CHECK_EQ_STR(repr_of(Py_BuildValue("u", L"h\u00e9")), "'h\xc3\xa9'");
    CHECK_EQ_STR(repr_of(Py_BuildValue("u#", L"h\u00e9llo", (Py_ssize_t)2)), "'h\xc3\xa9'");
    CHECK_EQ_STR(repr_of(Py_BuildValue("[]")), "[]");
    CHECK_EQ_STR(repr_of(Py_BuildValue("()")), "()");
    CHECK_EQ_STR(repr_of(Py_BuildValue("{}")), "{}");
    CHECK_EQ_STR(repr_of(Py_BuildValue("(())")), "((),)");
    CHECK_EQ_STR(repr_of(Py_BuildValue("i i", 1, 2)), "(1, 2)");
    CHECK_EQ_STR(repr_of(Py_BuildValue("")), "None");
    CHECK_EQ_STR(repr_of(Py_BuildValue("i", 5)), "5");
    Py_complex cv = {1.0, -2.0};
    CHECK_EQ_STR(repr_of(Py_BuildValue("D", &cv)), "(1-2j)");

    CHECK_EQ_STR(repr_of(Py_BuildValue("(ii", 1, 2)), "SystemError: unmatched paren in format");
    CHECK_EQ_STR(repr_of(Py_BuildValue("{s}", "a")), "SystemError: Bad dict format");
    CHECK_EQ_STR(repr_of(Py_BuildValue("x")),
                 "SystemError: bad format char passed to Py_BuildValue");
    CHECK_EQ_STR(repr_of(Py_BuildValue("O", NULL)),
                 "SystemError: NULL object passed to Py_BuildValue");
    CHECK_EQ_STR(repr_of(plain_build_value("s#", "abc", 2)),
                 "SystemError: PY_SSIZE_T_CLEAN macro must be defined for '#' formats");

    /* N steals, also when a later unit fails; O does not */
    PyObject *obj = PyList_New(0);
    Py_ssize_t before = Py_REFCNT(obj);
    PyObject *t = Py_BuildValue("(OO)", obj, obj);
    CHECK_EQ_INT(Py_REFCNT(obj), before + 2);
    Py_DECREF(t);
    Py_INCREF(obj);
    t = Py_BuildValue("(N)", obj);
    CHECK_EQ_INT(Py_REFCNT(obj), before + 1);
    Py_DECREF(t);
    Py_INCREF(obj);
    CHECK(Py_BuildValue("(Nx)", obj) == NULL);
    CHECK_EQ_STR(err_text(), "SystemError: bad format char passed to Py_BuildValue");
    CHECK_EQ_INT(Py_REFCNT(obj), before);
    Py_INCREF(obj);
    CHECK(Py_BuildValue("(xN)", obj) == NULL);
    err_text();
    CHECK_EQ_INT(Py_REFCNT(obj), before);
    Py_DECREF(obj);
}

/* ---- struct sequences ------------------------------------------------------------------- */

static PyStructSequence_Field point_fields[] = {
    {"x", "the x coordinate"},
    {"y", NULL},
    {"label", "not in the tuple part"},
    {NULL, NULL},
};
static PyStructSequence_Desc point_desc = {"geo.point", "a point", point_fields, 2};

static PyStructSequence_Field unnamed_fields[] = {
    {"a", NULL},
    {NULL, NULL},
    {NULL, NULL},
};

static PyTypeObject StaticPoint;

static void
test_structseq(void)
{
    PyTypeObject *tp = PyStructSequence_NewType(&point_desc);
    CHECK(tp != NULL);
    if (tp == NULL) {
        err_text();
        return;
    }
    PyObject *p = PyStructSequence_New(tp);
    PyStructSequence_SetItem(p, 0, PyLong_FromLong(1));
    PyStructSequence_SET_ITEM(p, 1, PyLong_FromLong(2));
    PyStructSequence_SET_ITEM(p, 2, PyUnicode_FromString("origin"));
    CHECK_EQ_INT(PyLong_AsLong(PyStructSequence_GetItem(p, 1)), 2);
    CHECK_EQ_INT(PyTuple_GET_SIZE(p), 2);
    CHECK(PyTuple_Check(p));
    Py_INCREF(p);
    CHECK_EQ_STR(repr_of(p), "geo.point(x=1, y=2)");
    CHECK_EQ_STR(repr_of(PyObject_GetAttrString(p, "label")), "'origin'");
    CHECK_EQ_STR(repr_of(PyObject_GetAttrString((PyObject *)tp, "n_fields")), "3");
    CHECK_EQ_STR(repr_of(PyObject_GetAttrString((PyObject *)tp, "n_sequence_fields")), "2");
    CHECK_EQ_STR(repr_of(PyObject_GetAttrString((PyObject *)tp, "n_unnamed_fields")), "0");
    CHECK_EQ_STR(repr_of(PyObject_GetAttrString((PyObject *)tp, "__match_args__")), "('x', 'y')");
    CHECK_EQ_STR(repr_of(PyObject_CallMethod(p, "__reduce__", NULL)),
                 "(<class 'geo.point'>, ((1, 2), {'label': 'origin'}))");
    CHECK_EQ_STR(repr_of(PyObject_GetAttrString((PyObject *)tp, "__module__")), "'geo'");
    CHECK_EQ_STR(repr_of(PyObject_GetAttrString((PyObject *)tp, "__name__")), "'point'");
    PyObject *setter = PyObject_SetAttrString(p, "x", Py_None) < 0 ? NULL : Py_None;
    CHECK(setter == NULL);
    err_text();

    /* the constructor */
    PyObject *seq = tup("((ii))", 5, 6);
    CHECK_EQ_STR(repr_of(PyObject_Call((PyObject *)tp, seq, NULL)), "geo.point(x=5, y=6)");
    Py_DECREF(seq);
    seq = tup("((iis))", 5, 6, "lbl");
    PyObject *q = PyObject_Call((PyObject *)tp, seq, NULL);
    CHECK_EQ_STR(repr_of(q != NULL ? PyObject_GetAttrString(q, "label") : NULL), "'lbl'");
    Py_XDECREF(q);
    Py_DECREF(seq);
    seq = tup("((ii){s:s})", 5, 6, "label", "d");
    q = PyObject_Call((PyObject *)tp, seq, NULL);
    CHECK_EQ_STR(repr_of(q != NULL ? PyObject_GetAttrString(q, "label") : NULL), "'d'");
    Py_XDECREF(q);
    Py_DECREF(seq);
    struct {
        PyObject *args;
        const char *expected;
    } bad[] = {
        {tup("((i))", 5), "TypeError: geo.point() takes an at least 2-sequence (1-sequence given)"},
        {tup("((iiii))", 1, 2, 3, 4),
         "TypeError: geo.point() takes an at most 3-sequence (4-sequence given)"},
        {tup("i", 5), "TypeError: constructor requires a sequence"},
        {tup("((ii)i)", 1, 2, 5), "TypeError: geo.point() takes a dict as second arg, if any"},
        {tup("()"), "TypeError: structseq() missing required argument 'sequence' (pos 1)"},
    };
    for (size_t e = 0; e < Py_ARRAY_LENGTH(bad); e++) {
        CHECK_EQ_STR(repr_of(PyObject_Call((PyObject *)tp, bad[e].args, NULL)), bad[e].expected);
        Py_DECREF(bad[e].args);
    }
    Py_DECREF(p);

    /* a static type with an unnamed field */
    unnamed_fields[1].name = PyStructSequence_UnnamedField;
    PyStructSequence_Desc desc = {"mod.static_pt", NULL, unnamed_fields, 2};
    CHECK_EQ_INT(PyStructSequence_InitType2(&StaticPoint, &desc), 0);
    CHECK_EQ_STR(repr_of(PyObject_GetAttrString((PyObject *)&StaticPoint, "n_unnamed_fields")),
                 "1");
    CHECK_EQ_STR(repr_of(PyObject_GetAttrString((PyObject *)&StaticPoint, "__match_args__")),
                 "('a',)");
    Py_DECREF(tp);
}

/* ---- capsules --------------------------------------------------------------------------- */

static int destructor_calls;
static int payload = 7;

static void
count_destructor(PyObject *capsule)
{
    destructor_calls++;
    CHECK(PyCapsule_GetPointer(capsule, "pkg.api") == &payload);
}

static void
test_capsule(void)
{
    CHECK(PyCapsule_New(NULL, "x", NULL) == NULL);
    CHECK_EQ_STR(err_text(), "ValueError: PyCapsule_New called with null pointer");
    PyObject *c = PyCapsule_New(&payload, "pkg.api", count_destructor);
    CHECK(PyCapsule_CheckExact(c));
    CHECK(PyCapsule_GetPointer(c, "pkg.api") == &payload);
    CHECK(PyCapsule_IsValid(c, "pkg.api"));
    CHECK(!PyCapsule_IsValid(c, "other"));
    CHECK(!PyCapsule_IsValid(c, NULL));
    CHECK(!PyCapsule_IsValid(Py_None, "pkg.api"));
    CHECK(PyCapsule_GetPointer(c, "other") == NULL);
    CHECK_EQ_STR(err_text(), "ValueError: PyCapsule_GetPointer called with incorrect name");
    CHECK(PyCapsule_GetPointer(Py_None, NULL) == NULL);
    CHECK_EQ_STR(err_text(),
                 "ValueError: PyCapsule_GetPointer called with invalid PyCapsule object");
    CHECK_EQ_STR(PyCapsule_GetName(c), "pkg.api");
    CHECK(PyCapsule_GetContext(c) == NULL && !PyErr_Occurred());
    CHECK_EQ_INT(PyCapsule_SetContext(c, &payload), 0);
    CHECK(PyCapsule_GetContext(c) == &payload);
    CHECK(PyCapsule_GetDestructor(c) == count_destructor);
    CHECK_EQ_INT(PyCapsule_SetPointer(c, NULL), -1);
    CHECK_EQ_STR(err_text(), "ValueError: PyCapsule_SetPointer called with null pointer");
    CHECK_EQ_INT(PyCapsule_SetName(Py_None, "x"), -1);
    CHECK_EQ_STR(err_text(), "ValueError: PyCapsule_SetName called with invalid PyCapsule object");
    CHECK(PyCapsule_GetName(Py_None) == NULL);
    CHECK_EQ_STR(err_text(), "ValueError: PyCapsule_GetName called with invalid PyCapsule object");
    Py_INCREF(c);
    const char *r = repr_of(c);
    CHECK(strncmp(r, "<capsule object \"pkg.api\" at 0x", 31) == 0);
    PyObject *type_name = PyObject_GetAttrString((PyObject *)Py_TYPE(c), "__name__");
    CHECK_EQ_STR(repr_of(type_name), "'PyCapsule'");
    PyObject *anon = PyCapsule_New(&payload, NULL, NULL);
    CHECK(strncmp(repr_of(anon), "<capsule object NULL at 0x", 26) == 0);
    CHECK_EQ_STR(repr_of(PyObject_CallNoArgs((PyObject *)&PyCapsule_Type)),
                 "TypeError: cannot create 'PyCapsule' instances");
    Py_DECREF(c);
    CHECK_EQ_INT(destructor_calls, 1);
    CHECK(PyCapsule_Import("no_such_module_xyz.api", 0) == NULL);
    CHECK_EQ_STR(err_text(),
                 "ImportError: PyCapsule_Import could not import module \"no_such_module_xyz\"");
}

/* ---- module helpers (moduleobject.c) as extensions use them -------------------------------- */

static PyObject *
mod_double(PyObject *Py_UNUSED(self), PyObject *arg)
{
    long v = PyLong_AsLong(arg);
    return v == -1 && PyErr_Occurred() ? NULL : PyLong_FromLong(2 * v);
}

static PyMethodDef mod_methods[] = {
    {"double", mod_double, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef mod_def = {
    PyModuleDef_HEAD_INIT,
    "capi_test_mod",
    "doc",
    (Py_ssize_t)sizeof(long),
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
};

static void
test_module_helpers(void)
{
    PyObject *m = PyModule_Create(&mod_def);
    CHECK(m != NULL);
    if (m == NULL) {
        err_text();
        return;
    }
    CHECK(PyModule_GetDef(m) == &mod_def);
    CHECK(PyModule_GetState(m) != NULL);
    CHECK_EQ_INT(PyModule_AddFunctions(m, mod_methods), 0);
    CHECK_EQ_STR(repr_of(PyObject_CallMethod(m, "double", "i", 21)), "42");
    CHECK_EQ_INT(PyModule_AddStringConstant(m, "NAME", "value"), 0);
    CHECK_EQ_INT(PyModule_AddIntConstant(m, "ANSWER", 42), 0);
    PyObject *list = PyList_New(0);
    CHECK_EQ_INT(PyModule_AddObjectRef(m, "items", list), 0);
    Py_DECREF(list);
    CHECK_EQ_STR(repr_of(PyObject_GetAttrString(m, "NAME")), "'value'");
    CHECK_EQ_STR(repr_of(PyObject_GetAttrString(m, "ANSWER")), "42");
    CHECK_EQ_STR(repr_of(PyObject_GetAttrString(m, "items")), "[]");
    PyTypeObject *tp = PyStructSequence_NewType(&point_desc);
    CHECK_EQ_INT(PyModule_AddType(m, tp), 0);
    CHECK(PyObject_GetAttrString(m, "point") == (PyObject *)tp);
    Py_XDECREF(tp);
    Py_XDECREF(tp);
    CHECK_EQ_INT(PyModule_AddObjectRef(m, "bad", NULL), -1);
    CHECK_EQ_STR(err_text(), "SystemError: PyModule_AddObjectRef() must be called with an "
                             "exception raised if value is NULL");
    Py_DECREF(m);
}

/* ---- sys: the C-API and the hook entry points ------------------------------------------ */

static char audit_seen[256];

static int
record_audit(const char *event, PyObject *args, void *data)
{
    if (strncmp(event, "capi.", 5) != 0) {
        return 0;
    }
    PyObject *r = PyObject_Repr(args);
    snprintf(audit_seen, sizeof(audit_seen), "%s %s %s", event, r ? PyUnicode_AsUTF8(r) : "?",
             (const char *)data);
    Py_XDECREF(r);
    return strcmp(event, "capi.veto") == 0 ? (PyErr_SetString(PyExc_RuntimeError, "vetoed"), -1)
                                           : 0;
}

static int hook_calls;

static PyObject *
count_hook(PyObject *Py_UNUSED(self), PyObject *args)
{
    hook_calls++;
    if (PyTuple_GET_SIZE(args) == 1) { /* unraisablehook(UnraisableHookArgs) */
        PyObject *msg = PyObject_GetAttrString(PyTuple_GET_ITEM(args, 0), "err_msg");
        CHECK_EQ_STR(repr_of(msg), "'while testing'");
    }
    Py_RETURN_NONE;
}

static PyMethodDef count_hook_def = {"count_hook", count_hook, METH_VARARGS, NULL};

static void
test_sys_capi(void)
{
    PyObject *v = PyLong_FromLong(99);
    CHECK_EQ_INT(PySys_SetObject("capi_value", v), 0);
    CHECK(PySys_GetObject("capi_value") == v);
    CHECK_EQ_INT(PySys_SetObject("capi_value", NULL), 0);
    CHECK(PySys_GetObject("capi_value") == NULL && !PyErr_Occurred());
    Py_DECREF(v);
    CHECK(PySys_GetObject("modules") == PyImport_GetModuleDict());
    CHECK(PyDict_Check(PySys_GetXOptions()));

    /* audit hooks from C */
    CHECK_EQ_INT(PySys_Audit("capi.quiet", "(is)", 1, "x"), 0);
    CHECK_EQ_INT(PySys_AddAuditHook(record_audit, (void *)"data"), 0);
    CHECK_EQ_INT(PySys_Audit("capi.event", "is", 1, "x"), 0);
    CHECK_EQ_STR(audit_seen, "capi.event (1, 'x') data");
    CHECK_EQ_INT(PySys_Audit("capi.none", NULL), 0);
    CHECK_EQ_STR(audit_seen, "capi.none () data");
    CHECK_EQ_INT(PySys_Audit("capi.veto", "O", Py_None), -1);
    CHECK_EQ_STR(err_text(), "RuntimeError: vetoed");

    /* sizes */
    PyObject *t = PyTuple_New(0);
    CHECK_EQ_INT(_PySys_GetSizeOf(t), 40);
    Py_DECREF(t);

    /* the runtime's reporters defer to replaced hooks only */
    PyObject *exc = PyObject_CallFunction(PyExc_ValueError, "s", "boom");
    CHECK_EQ_INT(pyrs_sys_call_excepthook(PyExc_ValueError, exc, NULL), 0);
    CHECK_EQ_INT(pyrs_sys_call_unraisablehook(PyExc_ValueError, exc, NULL, NULL, NULL), 0);
    PyObject *hook = PyCFunction_New(&count_hook_def, NULL);
    PyObject *saved_except = Py_NewRef(PySys_GetObject("excepthook"));
    PyObject *saved_unraisable = Py_NewRef(PySys_GetObject("unraisablehook"));
    CHECK_EQ_INT(PySys_SetObject("excepthook", hook), 0);
    CHECK_EQ_INT(PySys_SetObject("unraisablehook", hook), 0);
    PyObject *msg = PyUnicode_FromString("while testing");
    CHECK_EQ_INT(pyrs_sys_call_excepthook(PyExc_ValueError, exc, NULL), 1);
    CHECK_EQ_INT(pyrs_sys_call_unraisablehook(PyExc_ValueError, exc, NULL, msg, NULL), 1);
    CHECK_EQ_INT(hook_calls, 2);
    CHECK_EQ_INT(PySys_SetObject("excepthook", Py_True), 0); /* not callable */
    CHECK_EQ_INT(pyrs_sys_call_excepthook(PyExc_ValueError, exc, NULL), -1);
    CHECK_EQ_STR(err_text(), "TypeError: 'bool' object is not callable");
    CHECK_EQ_INT(PySys_SetObject("excepthook", saved_except), 0);
    CHECK_EQ_INT(PySys_SetObject("unraisablehook", saved_unraisable), 0);
    Py_DECREF(saved_except);
    Py_DECREF(saved_unraisable);
    Py_DECREF(msg);
    Py_DECREF(hook);
    Py_DECREF(exc);
}

static void
run_tests(void)
{
    CHECK_EQ_INT(pyrs_runtime_init(), 0);
    test_integers();
    test_scalars();
    test_strings();
    test_encoded();
    test_objects_and_tuples();
    test_keywords();
    test_parser_and_unpack();
    test_buildvalue();
    test_structseq();
    test_capsule();
    test_module_helpers();
    test_sys_capi();
    CHECK(!PyErr_Occurred());
}
