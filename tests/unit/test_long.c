/* test_long.c: int and bool against results recorded from CPython 3.11 (long_expect.h, written
 * by gen_numbers_expect.py), plus the C-API conversions, the small-int cache and the digit
 * layout that C extensions read directly. */
#include "harness.h"
#include "Python.h"
#include "pyrs/lifecycle.h"
#include "pyrs/long.h"

#include "numbers_testlib.h"
#include "long_expect.h"

static void
test_layout(void)
{
    CHECK_EQ_INT(sizeof(PyLongObject), 32);
    CHECK_EQ_INT(offsetof(PyLongObject, ob_digit), 24);
    PyObject *v = PyLong_FromLongLong(-((1LL << 40) + 5));
    CHECK_EQ_INT(Py_SIZE(v), -2);
    CHECK_EQ_INT(((PyLongObject *)v)->ob_digit[0], 5);
    CHECK_EQ_INT(((PyLongObject *)v)->ob_digit[1], 1 << 10);
    Py_DECREF(v);
    CHECK_EQ_INT(Py_SIZE(Py_True), 1);
    CHECK_EQ_INT(Py_SIZE(Py_False), 0);
    CHECK(PyLong_Check(Py_True));
    CHECK(!PyLong_CheckExact(Py_True));
}

static void
test_small_ints(void)
{
    PyObject *a = PyLong_FromLong(256), *b = PyLong_FromSize_t(256);
    CHECK(a == b);
    Py_DECREF(a);
    Py_DECREF(b);
    a = PyLong_FromLong(-5);
    b = PyLong_FromLongLong(-5);
    CHECK(a == b);
    Py_DECREF(a);
    Py_DECREF(b);
    a = PyLong_FromLong(257);
    b = PyLong_FromLong(257);
    CHECK(a != b);
    Py_DECREF(a);
    Py_DECREF(b);
}

static void
test_conversions(void)
{
    int overflow = 0;
    PyObject *big = PyLong_FromString("0x10000000000000000", NULL, 16);
    CHECK(PyLong_AsLongAndOverflow(big, &overflow) == -1 && overflow == 1);
    CHECK(PyLong_AsLong(big) == -1 && PyErr_ExceptionMatches(PyExc_OverflowError));
    PyErr_Clear();
    CHECK(PyLong_AsUnsignedLongLongMask(big) == 0);
    CHECK(PyLong_AsSize_t(big) == (size_t)-1 && PyErr_Occurred());
    PyErr_Clear();
    Py_DECREF(big);
    PyObject *m = PyLong_FromLongLong(LLONG_MIN);
    CHECK(PyLong_AsLongLong(m) == LLONG_MIN);
    CHECK(PyLong_AsLong(m) == LONG_MIN);
    CHECK(PyLong_AsUnsignedLong(m) == (unsigned long)-1 && PyErr_Occurred());
    PyErr_Clear();
    CHECK(PyLong_AsUnsignedLongMask(m) == (unsigned long)LLONG_MIN);
    Py_DECREF(m);
    PyObject *u = PyLong_FromUnsignedLongLong(ULLONG_MAX);
    CHECK(PyLong_AsUnsignedLongLong(u) == ULLONG_MAX);
    CHECK(PyLong_AsSsize_t(u) == -1 && PyErr_Occurred());
    PyErr_Clear();
    CHECK(PyLong_AsDouble(u) == 18446744073709551616.0);
    Py_DECREF(u);
    PyObject *d = PyLong_FromDouble(-1e20);
    CHECK(PyLong_AsDouble(d) == -1e20);
    Py_DECREF(d);
    CHECK(PyLong_FromDouble(NAN) == NULL && PyErr_ExceptionMatches(PyExc_ValueError));
    PyErr_Clear();
    char *end = NULL;
    PyObject *p = PyLong_FromString("  123xyz", &end, 10);
    CHECK(p == NULL && end != NULL && *end == 'x');
    PyErr_Clear();
    unsigned char bytes[3] = {0xff, 0x00, 0x80};
    PyObject *fb = _PyLong_FromByteArray(bytes, 3, 1, 1);
    CHECK(PyLong_AsLong(fb) == -0x7fff01);
    unsigned char back[3];
    CHECK(_PyLong_AsByteArray((PyLongObject *)fb, back, 3, 1, 1) == 0 &&
          memcmp(back, bytes, 3) == 0);
    Py_DECREF(fb);
    CHECK(PyBool_FromLong(7) == Py_True);
    Py_DECREF(Py_True);
}

static void
test_max_str_digits(void)
{
    CHECK_EQ_INT(pyrs_long_get_max_str_digits(), 4300);
    CHECK(pyrs_long_set_max_str_digits(100) == -1 && PyErr_ExceptionMatches(PyExc_ValueError));
    PyErr_Clear();
    CHECK(pyrs_long_set_max_str_digits(0) == 0);
    char *s = malloc(6001);
    memset(s, '7', 6000);
    s[6000] = '\0';
    PyObject *v = PyLong_FromString(s, NULL, 10);
    CHECK(v != NULL);
    PyObject *r = v ? PyLong_Type.tp_repr(v) : NULL;
    CHECK(r != NULL && strcmp(PyUnicode_AsUTF8(r), s) == 0);
    Py_XDECREF(r);
    CHECK(pyrs_long_set_max_str_digits(4300) == 0);
    r = v ? PyLong_Type.tp_repr(v) : NULL;
    CHECK(r == NULL && PyErr_ExceptionMatches(PyExc_ValueError));
    PyErr_Clear();
    Py_XDECREF(v);
    free(s);
}

/* The message of the pending exception (cleared), or "" when none. */
static const char *
error_message(char *buf, size_t size)
{
    PyObject *tp, *val, *tb;
    PyErr_Fetch(&tp, &val, &tb);
    PyObject *msg =
        val == NULL ? NULL : (PyUnicode_Check(val) ? Py_NewRef(val) : PyObject_Str(val));
    snprintf(buf, size, "%s", msg != NULL ? PyUnicode_AsUTF8(msg) : "");
    Py_XDECREF(msg);
    Py_XDECREF(tp);
    Py_XDECREF(val);
    Py_XDECREF(tb);
    return buf;
}

static void
test_constructors(void)
{
    char buf[200];
    PyObject *zero = PyLong_FromLong(0), *two = PyLong_FromLong(2);
    PyObject *args = PyTuple_Pack(1, zero);
    CHECK(PyBool_Type.tp_new(&PyBool_Type, args, NULL) == Py_False);
    Py_DECREF(Py_False);
    Py_DECREF(args);
    args = PyTuple_Pack(1, two);
    CHECK(PyBool_Type.tp_new(&PyBool_Type, args, NULL) == Py_True);
    Py_DECREF(Py_True);
    CHECK(PyLong_Type.tp_new(&PyBool_Type, args, NULL) == NULL);
    CHECK_EQ_STR(error_message(buf, sizeof buf),
                 "int.__new__(bool) is not safe, use bool.__new__()");
    Py_DECREF(args);
    CHECK(PyBool_Type.tp_vectorcall((PyObject *)&PyBool_Type, NULL, 0, NULL) == Py_False);
    CHECK(PyBool_Type.tp_vectorcall((PyObject *)&PyBool_Type, &two, 1, NULL) == Py_True);
    PyObject *vargs[2] = {NULL, NULL};
    vargs[0] = PyUnicode_FromString("z");
    vargs[1] = PyLong_FromLong(36);
    PyObject *kwname = PyUnicode_FromString("base");
    PyObject *kwn = PyTuple_Pack(1, kwname);
    Py_DECREF(kwname);
    PyObject *vr = PyLong_Type.tp_vectorcall((PyObject *)&PyLong_Type, vargs, 1, kwn);
    CHECK(vr != NULL && PyLong_AsLong(vr) == 35);
    Py_XDECREF(vr);
    vr = PyLong_Type.tp_vectorcall((PyObject *)&PyLong_Type, vargs, 2, NULL);
    CHECK(vr != NULL && PyLong_AsLong(vr) == 35);
    Py_XDECREF(vr);
    Py_DECREF(kwn);
    Py_DECREF(vargs[0]);
    Py_DECREF(vargs[1]);
    /* int('ff', base=16) and int(x=3) */
    PyObject *text = PyUnicode_FromString("ff"), *kw = PyDict_New(), *base = PyLong_FromLong(16);
    PyDict_SetItemString(kw, "base", base);
    args = PyTuple_Pack(1, text);
    PyObject *r = PyLong_Type.tp_new(&PyLong_Type, args, kw);
    CHECK(r != NULL && PyLong_AsLong(r) == 255);
    Py_XDECREF(r);
    Py_DECREF(args);
    Py_DECREF(kw);
    kw = PyDict_New();
    PyDict_SetItemString(kw, "x", two);
    args = PyTuple_New(0);
    CHECK(PyLong_Type.tp_new(&PyLong_Type, args, kw) == NULL);
    CHECK_EQ_STR(error_message(buf, sizeof buf), "'x' is an invalid keyword argument for int()");
    CHECK(PyBool_Type.tp_new(&PyBool_Type, args, kw) == NULL);
    CHECK_EQ_STR(error_message(buf, sizeof buf), "bool() takes no keyword arguments");
    r = PyLong_Type.tp_new(&PyLong_Type, args, NULL);
    CHECK(r == zero);
    Py_XDECREF(r);
    Py_DECREF(args);
    Py_DECREF(kw);
    /* int(x) for a non-number names the type */
    r = pyrs_long_from_object(Py_None);
    CHECK(r == NULL);
    CHECK_EQ_STR(error_message(buf, sizeof buf),
                 "int() argument must be a string, a bytes-like object or a real number, not "
                 "'NoneType'");
    Py_DECREF(text);
    Py_DECREF(base);
    Py_DECREF(zero);
    Py_DECREF(two);
}

/* type(name, (base,), {}) through the type machinery; NULL with an exception. */
static PyObject *
make_subclass(const char *name, PyTypeObject *base)
{
    PyObject *n = PyUnicode_FromString(name), *bases = PyTuple_Pack(1, (PyObject *)base);
    PyObject *d = PyDict_New(), *args = PyTuple_Pack(3, n, bases, d);
    PyObject *t = PyObject_Call((PyObject *)&PyType_Type, args, NULL);
    Py_DECREF(n);
    Py_DECREF(bases);
    Py_DECREF(d);
    Py_DECREF(args);
    return t;
}

static void
test_subclass(void)
{
    char buf[200];
    PyObject *t = make_subclass("MyInt", &PyLong_Type);
    CHECK(t != NULL);
    if (t == NULL) {
        PyErr_Clear();
        return;
    }
    PyObject *text = PyUnicode_FromString("-123"), *args = PyTuple_Pack(1, text);
    PyObject *v = PyObject_Call(t, args, NULL);
    CHECK(v != NULL && Py_TYPE(v) == (PyTypeObject *)t && PyLong_AsLong(v) == -123);
    PyObject *sum = v ? PyLong_Type.tp_as_number->nb_add(v, v) : NULL;
    CHECK(sum != NULL && PyLong_CheckExact(sum) && PyLong_AsLong(sum) == -246);
    PyObject *exact = v ? PyLong_Type.tp_as_number->nb_int(v) : NULL;
    CHECK(exact != NULL && PyLong_CheckExact(exact) && PyLong_AsLong(exact) == -123);
    Py_XDECREF(exact);
    Py_XDECREF(sum);
    Py_XDECREF(v);
    Py_DECREF(args);
    Py_DECREF(text);
    Py_DECREF(t);
    CHECK(make_subclass("B", &PyBool_Type) == NULL);
    CHECK_EQ_STR(error_message(buf, sizeof buf), "type 'bool' is not an acceptable base type");
}

static void
run_tests(void)
{
    unsetenv("PYTHONINTMAXSTRDIGITS"); /* the tables assume CPython's default limit */
    if (pyrs_runtime_init() < 0) {
        CHECK(!"pyrs_runtime_init failed");
        return;
    }
    test_layout();
    test_small_ints();
    test_conversions();
    test_max_str_digits();
    test_constructors();
    test_subclass();
    run_cases(long_cases, Py_ARRAY_LENGTH(long_cases), 60);
}
