/* test_exc.c: unit tests of the exception hierarchy (exceptions.c) against behaviour recorded
 * from the oracle by gen_exc_expect.py (exc_expect.h): construction, repr/str, attributes,
 * chaining setters, notes, pickling helpers, OSError errno mapping, the Unicode errors,
 * ExceptionGroup construction rules and split/subgroup, and the class hierarchy itself. */
#include <unistd.h>

#include "Python.h"
#include "harness.h"
#include "pyrs/errors.h"
#include "pyrs/exceptions.h"
#include "pyrs/lifecycle.h"

#include "exc_expect.h"

/* ---- the builtin exception classes by name ----------------------------------------------- */

static PyObject *
exc_class(const char *name)
{
    static const struct {
        const char *name;
        PyObject **cls;
    } table[] = {
#define X(n) {#n, &PyExc_##n}
        X(BaseException),
        X(Exception),
        X(TypeError),
        X(StopAsyncIteration),
        X(StopIteration),
        X(GeneratorExit),
        X(SystemExit),
        X(KeyboardInterrupt),
        X(ImportError),
        X(ModuleNotFoundError),
        X(OSError),
        X(EOFError),
        X(RuntimeError),
        X(RecursionError),
        X(NotImplementedError),
        X(NameError),
        X(UnboundLocalError),
        X(AttributeError),
        X(SyntaxError),
        X(IndentationError),
        X(TabError),
        X(LookupError),
        X(IndexError),
        X(KeyError),
        X(ValueError),
        X(UnicodeError),
        X(UnicodeEncodeError),
        X(UnicodeDecodeError),
        X(UnicodeTranslateError),
        X(AssertionError),
        X(ArithmeticError),
        X(FloatingPointError),
        X(OverflowError),
        X(ZeroDivisionError),
        X(SystemError),
        X(ReferenceError),
        X(MemoryError),
        X(BufferError),
        X(ConnectionError),
        X(BlockingIOError),
        X(BrokenPipeError),
        X(ChildProcessError),
        X(ConnectionAbortedError),
        X(ConnectionRefusedError),
        X(ConnectionResetError),
        X(FileExistsError),
        X(FileNotFoundError),
        X(IsADirectoryError),
        X(NotADirectoryError),
        X(InterruptedError),
        X(PermissionError),
        X(ProcessLookupError),
        X(TimeoutError),
        X(Warning),
        X(UserWarning),
        X(EncodingWarning),
        X(DeprecationWarning),
        X(PendingDeprecationWarning),
        X(SyntaxWarning),
        X(RuntimeWarning),
        X(FutureWarning),
        X(ImportWarning),
        X(UnicodeWarning),
        X(BytesWarning),
        X(ResourceWarning),
        X(BaseExceptionGroup),
        X(EnvironmentError),
        X(IOError),
#undef X
    };
    if (strcmp(name, "ExceptionGroup") == 0) {
        return pyrs_exc_ExceptionGroup;
    }
    for (size_t i = 0; i < Py_ARRAY_LENGTH(table); i++) {
        if (strcmp(table[i].name, name) == 0) {
            return *table[i].cls;
        }
    }
    return NULL;
}

/* ---- decoding the value notation of gen_exc_expect.py ------------------------------------ */

static PyObject *decode(const char **p);

static long
read_number(const char **p, char stop)
{
    char *end;
    long v = strtol(*p, &end, 10);
    *p = end + (*end == stop ? 1 : 0);
    return v;
}

static PyObject *
decode_items(const char **p, char close, PyObject *list)
{
    while (**p != close && **p != '\0') {
        PyObject *item = decode(p);
        if (item == NULL || PyList_Append(list, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(item);
    }
    (*p)++;
    return list;
}

static PyObject *
decode_dict(const char **p)
{
    PyObject *dict = PyDict_New();
    while (dict != NULL && **p != '}' && **p != '\0') {
        PyObject *k = decode(p), *v = k ? decode(p) : NULL;
        if (v == NULL || PyDict_SetItem(dict, k, v) < 0) {
            Py_CLEAR(dict);
        }
        Py_XDECREF(k);
        Py_XDECREF(v);
    }
    (*p)++;
    return dict;
}

static PyObject *
decode(const char **p)
{
    char tag = *(*p)++;
    switch (tag) {
    case 'N':
        return Py_NewRef(Py_None);
    case 'i':
        return PyLong_FromLong(read_number(p, ';'));
    case 's':
    case 'b':
    case 'X': {
        long n = read_number(p, ':');
        const char *data = *p;
        *p += n;
        if (tag == 's') {
            return PyUnicode_FromStringAndSize(data, n);
        }
        if (tag == 'b') {
            return PyBytes_FromStringAndSize(data, n);
        }
        char name[64];
        snprintf(name, sizeof(name), "%.*s", (int)n, data);
        PyObject *args = decode(p);
        PyObject *res = args ? PyObject_Call(exc_class(name), args, NULL) : NULL;
        Py_XDECREF(args);
        return res;
    }
    case '(': {
        PyObject *list = decode_items(p, ')', PyList_New(0));
        PyObject *tuple = list ? PyList_AsTuple(list) : NULL;
        Py_XDECREF(list);
        return tuple;
    }
    case '[':
        return decode_items(p, ']', PyList_New(0));
    case '{':
        return decode_dict(p);
    default:
        fprintf(stderr, "bad notation at %s\n", *p - 1);
        return NULL;
    }
}

static PyObject *
decode_str(const char *text)
{
    return decode(&text);
}

/* ---- outcomes ---------------------------------------------------------------------------- */

/* "repr(result)" or, if RESULT is NULL, "!Type: message" of the pending error (cleared).
 * RAW_STR: a str result is used as is. Returns a static buffer. */
static const char *
outcome(PyObject *result, int raw_str)
{
    static char buf[4096];
    if (result == NULL) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyObject *s = v ? PyObject_Str(v) : NULL;
        snprintf(buf, sizeof(buf), "!%s: %s", t ? ((PyTypeObject *)t)->tp_name : "?",
                 s ? PyUnicode_AsUTF8(s) : "?");
        Py_XDECREF(s);
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
        PyErr_Clear();
        return buf;
    }
    PyObject *s = raw_str && PyUnicode_Check(result) ? Py_NewRef(result) : PyObject_Repr(result);
    snprintf(buf, sizeof(buf), "%s", s ? PyUnicode_AsUTF8(s) : "<repr failed>");
    Py_XDECREF(s);
    PyErr_Clear();
    return buf;
}

/* repr() with nested exception groups expanded, as gen_exc_expect.py's describe(). */
static void
describe(PyObject *x, char *buf, size_t size)
{
    if (x == Py_None || x == NULL) {
        snprintf(buf, size, "None");
        return;
    }
    if (!PyObject_TypeCheck(x, (PyTypeObject *)PyExc_BaseExceptionGroup)) {
        snprintf(buf, size, "%s", outcome(x, 0));
        return;
    }
    PyBaseExceptionGroupObject *g = (PyBaseExceptionGroupObject *)x;
    int n = snprintf(buf, size, "%s(%s, [", Py_TYPE(x)->tp_name, outcome(g->msg, 0));
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(g->excs) && (size_t)n < size; i++) {
        if (i > 0) {
            n += snprintf(buf + n, size - n, ", ");
        }
        describe(PyTuple_GET_ITEM(g->excs, i), buf + n, size - n);
        n += (int)strlen(buf + n);
    }
    if ((size_t)n < size) {
        snprintf(buf + n, size - n, "])");
    }
}

/* ---- table-driven construction ----------------------------------------------------------- */

static void
check_attrs(PyObject *exc, const char *spec, const char *cls)
{
    char line[2048];
    while (*spec != '\0') {
        size_t len = strcspn(spec, "\n");
        snprintf(line, sizeof(line), "%.*s", (int)len, spec);
        spec += len + (spec[len] == '\n');
        char *eq = strchr(line, '=');
        *eq = '\0';
        PyObject *attr = PyObject_GetAttrString(exc, line);
        const char *got = outcome(attr, 0);
        Py_XDECREF(attr);
        if (strcmp(got, eq + 1) != 0) {
            fprintf(stderr, "  %s.%s: got %s want %s\n", cls, line, got, eq + 1);
        }
        CHECK(strcmp(got, eq + 1) == 0);
    }
}

static void
test_construction_cases(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(exc_cases); i++) {
        const ExcCase *c = &exc_cases[i];
        PyObject *cls = exc_class(c->cls);
        PyObject *args = decode_str(c->args), *kwargs = decode_str(c->kwargs);
        CHECK(cls != NULL && args != NULL && kwargs != NULL);
        if (cls == NULL || args == NULL || kwargs == NULL) {
            PyErr_Clear();
            continue;
        }
        PyObject *exc = PyObject_Call(cls, args, PyDict_Size(kwargs) ? kwargs : NULL);
        if (exc == NULL) {
            const char *got = outcome(NULL, 0);
            if (strcmp(got, c->repr) != 0) {
                fprintf(stderr, "  case %zu %s: got %s want %s\n", i, c->cls, got, c->repr);
            }
            CHECK(strcmp(got, c->repr) == 0);
        } else {
            char want[1024];
            snprintf(want, sizeof(want), "%s", outcome(exc, 0));
            if (strcmp(want, c->repr) != 0) {
                fprintf(stderr, "  case %zu repr: got %s want %s\n", i, want, c->repr);
            }
            CHECK(strcmp(want, c->repr) == 0);
            PyObject *str = PyObject_Str(exc);
            const char *s = outcome(str, 1);
            Py_XDECREF(str);
            if (strcmp(s, c->str) != 0) {
                fprintf(stderr, "  case %zu str: got %s want %s\n", i, s, c->str);
            }
            CHECK(strcmp(s, c->str) == 0);
            check_attrs(exc, c->attrs, c->cls);
            Py_DECREF(exc);
        }
        Py_DECREF(args);
        Py_DECREF(kwargs);
    }
}

static void
test_hierarchy(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(exc_classes); i++) {
        const ExcClass *c = &exc_classes[i];
        PyTypeObject *tp = (PyTypeObject *)exc_class(c->name);
        CHECK(tp != NULL);
        if (tp == NULL) {
            continue;
        }
        CHECK(PyExceptionClass_Check((PyObject *)tp));
        CHECK_EQ_STR(_PyType_Name(tp->tp_base), c->base);
        if (tp->tp_basicsize != c->basicsize) {
            fprintf(stderr, "  %s basicsize %zd want %ld\n", c->name, tp->tp_basicsize,
                    c->basicsize);
        }
        CHECK_EQ_INT(tp->tp_basicsize, c->basicsize);
        char mro[512] = "";
        for (Py_ssize_t k = 0; tp->tp_mro != NULL && k < PyTuple_GET_SIZE(tp->tp_mro); k++) {
            size_t n = strlen(mro);
            snprintf(mro + n, sizeof(mro) - n, "%s%s", k ? " " : "",
                     _PyType_Name((PyTypeObject *)PyTuple_GET_ITEM(tp->tp_mro, k)));
        }
        CHECK_EQ_STR(mro, c->mro);
    }
}

/* ---- scenarios --------------------------------------------------------------------------- */

static PyObject *
new_exc(PyObject *cls, const char *args)
{
    PyObject *a = decode_str(args);
    PyObject *res = PyObject_Call(cls, a, NULL);
    Py_DECREF(a);
    return res;
}

/* setattr then getattr (NULL with the error when either fails). */
static PyObject *
set_then_get(PyObject *obj, const char *attr, PyObject *value)
{
    int rc = PyObject_SetAttrString(obj, attr, value);
    return rc < 0 ? NULL : PyObject_GetAttrString(obj, attr);
}

static PyObject *
del_attr(PyObject *obj, const char *attr)
{
    return PyObject_DelAttrString(obj, attr) < 0 ? NULL : Py_NewRef(Py_None);
}

static PyObject *
call_method(PyObject *obj, const char *name, PyObject *arg)
{
    PyObject *m = PyObject_GetAttrString(obj, name);
    if (m == NULL) {
        return NULL;
    }
    PyObject *res = arg != NULL ? PyObject_CallOneArg(m, arg) : PyObject_CallNoArgs(m);
    Py_DECREF(m);
    return res;
}

#define CHECK_OUTCOME(expr, expected, raw)                                                         \
    do {                                                                                           \
        PyObject *_r = (expr);                                                                     \
        const char *_got = outcome(_r, raw);                                                       \
        CHECK_EQ_STR(_got, expected);                                                              \
        Py_XDECREF(_r);                                                                            \
    } while (0)

static void
test_attribute_setters(void)
{
    PyObject *e = new_exc(PyExc_ValueError, "()");
    PyObject *one = PyLong_FromLong(1);
    CHECK_OUTCOME(set_then_get(e, "__context__", one), EXPECT_SET_CONTEXT_INT, 0);
    CHECK_OUTCOME(set_then_get(e, "__cause__", one), EXPECT_SET_CAUSE_INT, 0);
    CHECK_OUTCOME(set_then_get(e, "__traceback__", one), EXPECT_SET_TRACEBACK_INT, 0);
    CHECK_OUTCOME(del_attr(e, "__traceback__"), EXPECT_DEL_TRACEBACK, 0);
    CHECK_OUTCOME(del_attr(e, "__context__"), EXPECT_DEL_CONTEXT, 0);
    CHECK_OUTCOME(del_attr(e, "__cause__"), EXPECT_DEL_CAUSE, 0);
    CHECK_OUTCOME(del_attr(e, "args"), EXPECT_DEL_ARGS, 0);
    PyObject *list = decode_str("[i1;i2;]");
    CHECK_OUTCOME(set_then_get(e, "args", list), EXPECT_SET_ARGS_LIST, 0);
    Py_DECREF(list);
    CHECK_OUTCOME(set_then_get(e, "args", Py_None), EXPECT_SET_ARGS_NONE, 0);
    PyObject *key = new_exc(PyExc_KeyError, "(i1;)");
    PyObject *e2 = new_exc(PyExc_ValueError, "()");
    CHECK(PyObject_SetAttrString(e2, "__cause__", key) == 0);
    PyObject *pair = PyTuple_New(2);
    PyTuple_SET_ITEM(pair, 0, PyObject_GetAttrString(e2, "__suppress_context__"));
    PyTuple_SET_ITEM(pair, 1, PyObject_GetAttrString(e2, "__cause__"));
    CHECK_OUTCOME(pair, EXPECT_CAUSE_SETS_SUPPRESS, 0);
    Py_DECREF(e2);
    Py_DECREF(key);
    Py_DECREF(one);
    Py_DECREF(e);
}

static void
test_notes_and_methods(void)
{
    PyObject *e = new_exc(PyExc_ValueError, "()");
    PyObject *one = PyLong_FromLong(1);
    CHECK_OUTCOME(call_method(e, "add_note", one), EXPECT_ADD_NOTE_INT, 0);
    PyObject *first = PyUnicode_FromString("first"), *second = PyUnicode_FromString("second");
    Py_XDECREF(call_method(e, "add_note", first));
    Py_XDECREF(call_method(e, "add_note", second));
    CHECK_OUTCOME(PyObject_GetAttrString(e, "__notes__"), EXPECT_ADD_NOTE_TWICE, 0);
    PyObject *e2 = new_exc(PyExc_ValueError, "()");
    PyObject *five = PyLong_FromLong(5);
    CHECK(PyObject_SetAttrString(e2, "__notes__", five) == 0);
    CHECK_OUTCOME(call_method(e2, "add_note", first), EXPECT_ADD_NOTE_NOT_LIST, 0);
    Py_DECREF(e2);

    PyObject *v1 = new_exc(PyExc_ValueError, "(i1;)");
    CHECK_OUTCOME(call_method(v1, "__reduce__", NULL), EXPECT_REDUCE_PLAIN, 0);
    CHECK_OUTCOME(call_method(v1, "with_traceback", Py_None), EXPECT_WITH_TRACEBACK_NONE, 0);
    CHECK_OUTCOME(call_method(v1, "with_traceback", one), EXPECT_WITH_TRACEBACK_INT, 0);
    Py_DECREF(v1);
    PyObject *os1 = new_exc(PyExc_OSError, "(i2;s1:xs1:f)");
    CHECK_OUTCOME(call_method(os1, "__reduce__", NULL), EXPECT_REDUCE_OSERROR, 0);
    Py_DECREF(os1);
    PyObject *os2 = new_exc(PyExc_OSError, "(i2;s1:xs1:fNs1:g)");
    CHECK_OUTCOME(call_method(os2, "__reduce__", NULL), EXPECT_REDUCE_OSERROR2, 0);
    Py_DECREF(os2);
    PyObject *args = decode_str("(s1:m)"), *kw = decode_str("{s4:names1:n}");
    PyObject *imp = PyObject_Call(PyExc_ImportError, args, kw);
    CHECK_OUTCOME(call_method(imp, "__reduce__", NULL), EXPECT_REDUCE_IMPORT, 0);
    Py_XDECREF(imp);
    Py_DECREF(args);
    Py_DECREF(kw);
    PyObject *d = new_exc(PyExc_ValueError, "()");
    CHECK(PyObject_SetAttrString(d, "foo", one) == 0);
    CHECK_OUTCOME(call_method(d, "__reduce__", NULL), EXPECT_REDUCE_DICT, 0);
    Py_DECREF(d);
    PyObject *st = new_exc(PyExc_ValueError, "()");
    PyObject *state = decode_str("{s1:ai1;}");
    Py_XDECREF(call_method(st, "__setstate__", state));
    CHECK_OUTCOME(PyObject_GetAttrString(st, "a"), EXPECT_SETSTATE, 0);
    CHECK_OUTCOME(call_method(st, "__setstate__", five), EXPECT_SETSTATE_BAD, 0);
    Py_DECREF(state);
    Py_DECREF(st);
    PyObject *bio = new_exc(PyExc_BlockingIOError, "(i11;s1:x)");
    CHECK_OUTCOME(del_attr(bio, "characters_written"), EXPECT_CHARS_WRITTEN_DEL, 0);
    PyObject *seven = PyLong_FromLong(7);
    CHECK_OUTCOME(set_then_get(bio, "characters_written", seven), EXPECT_CHARS_WRITTEN_SET, 0);
    Py_DECREF(seven);
    Py_DECREF(bio);
    Py_DECREF(five);
    Py_DECREF(first);
    Py_DECREF(second);
    Py_DECREF(one);
    Py_DECREF(e);
}

static PyObject *
split_base(void)
{
    return decode_str("X14:ExceptionGroup(s2:eg[X10:ValueError(i1;)X9:TypeError(i2;)"
                      "X14:ExceptionGroup(s5:inner[X10:ValueError(i3;)X8:KeyError(i4;)])])");
}

/* Predicate for the split test: ValueError with args[0] == 3. */
static PyObject *
is_value_error_3(PyObject *Py_UNUSED(self), PyObject *exc)
{
    int match = PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_ValueError) &&
                PyLong_AsLong(PyTuple_GET_ITEM(((PyBaseExceptionObject *)exc)->args, 0)) == 3;
    return Py_NewRef(match ? Py_True : Py_False);
}

static PyMethodDef predicate_def = {"pred", is_value_error_3, METH_O, NULL};

static void
check_split_result(PyObject *res, const char *want)
{
    char buf[2048], a[1024], b[1024];
    if (res == NULL || !PyTuple_Check(res)) {
        CHECK_EQ_STR(outcome(res, 0), want);
        return;
    }
    describe(PyTuple_GET_ITEM(res, 0), a, sizeof(a));
    describe(PyTuple_GET_ITEM(res, 1), b, sizeof(b));
    snprintf(buf, sizeof(buf), "(%s, %s)", a, b);
    CHECK_EQ_STR(buf, want);
}

static void
test_exception_groups(void)
{
    char buf[2048];
    for (size_t i = 0; i < Py_ARRAY_LENGTH(split_cases); i++) {
        PyObject *eg = split_base();
        PyObject *matcher = exc_class(split_cases[i].matcher);
        PyObject *res = call_method(eg, "split", matcher);
        check_split_result(res, split_cases[i].split);
        Py_XDECREF(res);
        PyObject *sub = call_method(eg, "subgroup", matcher);
        describe(sub, buf, sizeof(buf));
        CHECK_EQ_STR(buf, split_cases[i].subgroup);
        Py_XDECREF(sub);
        Py_XDECREF(eg);
        PyErr_Clear();
    }
    PyObject *eg = split_base();
    PyObject *three = PyLong_FromLong(3);
    CHECK_OUTCOME(call_method(eg, "split", three), EXPECT_SPLIT_BAD_MATCHER, 0);
    PyObject *bad_tuple = PyTuple_Pack(2, PyExc_ValueError, three);
    CHECK_OUTCOME(call_method(eg, "split", bad_tuple), EXPECT_SPLIT_TUPLE_BAD, 0);
    Py_DECREF(bad_tuple);
    PyObject *pred = PyCFunction_NewEx(&predicate_def, NULL, NULL);
    CHECK(pred != NULL);
    if (pred != NULL) {
        PyObject *res = call_method(eg, "split", pred);
        check_split_result(res, EXPECT_SPLIT_PREDICATE);
        Py_XDECREF(res);
        Py_DECREF(pred);
    }
    PyObject *small = decode_str("X14:ExceptionGroup(s1:m[X10:ValueError(i1;)])");
    PyObject *repl = decode_str("[X8:KeyError(i2;)]");
    PyObject *derived = call_method(small, "derive", repl);
    describe(derived, buf, sizeof(buf));
    CHECK_EQ_STR(buf, EXPECT_DERIVE);
    Py_XDECREF(derived);
    Py_DECREF(repl);
    Py_DECREF(small);
    Py_DECREF(three);
    Py_DECREF(eg);
    PyErr_Clear();
}

/* Raising inside a handler chains; PyErr_Display prints the chain without crashing. */
static void
test_chaining_and_display(void)
{
    PyObject *first = new_exc(PyExc_KeyError, "(s1:k)");
    PyErr_SetHandledException(first);
    PyErr_SetString(PyExc_ValueError, "second");
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_SetHandledException(NULL);
    CHECK(v != NULL && PyExceptionInstance_Check(v));
    PyObject *ctx = v ? PyException_GetContext(v) : NULL;
    CHECK(ctx == first);
    Py_XDECREF(ctx);
    /* A cycle in the context chain is cut, never followed forever. */
    PyException_SetContext(first, Py_NewRef(v));
    PyErr_SetHandledException(v);
    PyErr_SetObject(PyExc_KeyError, first);
    PyErr_SetHandledException(NULL);
    PyObject *t2, *v2, *tb2;
    PyErr_Fetch(&t2, &v2, &tb2);
    CHECK(v2 == first);
    PyObject *c1 = PyException_GetContext(first);
    CHECK(c1 == v);
    PyObject *c2 = c1 ? PyException_GetContext(c1) : NULL;
    CHECK(c2 == NULL);
    Py_XDECREF(c1);
    Py_XDECREF(c2);
    FILE *devnull = fopen("/dev/null", "w");
    pyrs_err_display(devnull, v);
    fclose(devnull);
    CHECK(PyErr_Occurred() == NULL);
    Py_XDECREF(t2);
    Py_XDECREF(v2);
    Py_XDECREF(tb2);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
    Py_DECREF(first);
}

static void
test_unicode_error_accessors(void)
{
    PyObject *exc = PyUnicodeDecodeError_Create("utf-8", "\xff\xfe", 2, 0, 5, "bad");
    CHECK(exc != NULL);
    if (exc == NULL) {
        PyErr_Clear();
        return;
    }
    Py_ssize_t start = -1, end = -1;
    CHECK(PyUnicodeDecodeError_GetStart(exc, &start) == 0 && start == 0);
    CHECK(PyUnicodeDecodeError_GetEnd(exc, &end) == 0 && end == 2); /* clamped */
    CHECK(PyUnicodeDecodeError_SetStart(exc, 1) == 0);
    CHECK(PyUnicodeDecodeError_GetStart(exc, &start) == 0 && start == 1);
    PyObject *r = PyUnicodeDecodeError_GetReason(exc);
    CHECK(r != NULL && PyUnicode_CompareWithASCIIString(r, "bad") == 0);
    Py_XDECREF(r);
    CHECK(PyUnicodeDecodeError_SetReason(exc, "worse") == 0);
    PyObject *enc = PyUnicodeDecodeError_GetEncoding(exc);
    CHECK(enc != NULL && PyUnicode_CompareWithASCIIString(enc, "utf-8") == 0);
    Py_XDECREF(enc);
    PyObject *obj = PyUnicodeDecodeError_GetObject(exc);
    CHECK(obj != NULL && PyBytes_Check(obj) && PyBytes_GET_SIZE(obj) == 2);
    Py_XDECREF(obj);
    Py_DECREF(exc);
}

/* pyrs_err_display output of EXC, compared with the oracle's sys.excepthook output. */
static void
check_display(PyObject *exc, const char *want)
{
    char *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&text, &size);
    if (exc != NULL) {
        pyrs_err_display(mem, exc);
    }
    fclose(mem);
    CHECK_EQ_STR(text, want);
    free(text);
    PyErr_Clear();
}

static void
test_display(void)
{
    PyObject *eg = decode_str("X14:ExceptionGroup(s2:eg[X10:ValueError(i1;)X9:TypeError(i2;)"
                              "X14:ExceptionGroup(s5:inner[X8:KeyError(i3;)])])");
    PyObject *note = PyUnicode_FromString("a note");
    Py_XDECREF(call_method(eg, "add_note", note));
    check_display(eg, EXPECT_DISPLAY_GROUP);
    Py_XDECREF(note);
    Py_XDECREF(eg);
    PyObject *ctx = decode_str("X10:ValueError(s1:x)");
    PyException_SetContext(ctx, decode_str("X8:KeyError(s1:k)"));
    check_display(ctx, EXPECT_DISPLAY_CONTEXT);
    Py_XDECREF(ctx);
    PyObject *cause = decode_str("X10:ValueError(s1:x)");
    PyException_SetCause(cause, decode_str("X8:KeyError(s1:k)"));
    check_display(cause, EXPECT_DISPLAY_CAUSE);
    Py_XDECREF(cause);
    PyObject *syn = decode_str("X11:SyntaxError(s9:bad thing(s4:f.pyi3;i5;s8:x = 1 +\ni3;i8;))");
    check_display(syn, EXPECT_DISPLAY_SYNTAX);
    Py_XDECREF(syn);
    PyObject *ki = decode_str("X17:KeyboardInterrupt()");
    check_display(ki, EXPECT_DISPLAY_EMPTY);
    Py_XDECREF(ki);
    PyObject *os = decode_str("X17:FileNotFoundError(i2;s12:No such files1:x)");
    check_display(os, EXPECT_DISPLAY_OSERROR);
    Py_XDECREF(os);
    char spec[1024] = "X14:ExceptionGroup(s4:wide[";
    for (int i = 0; i < 17; i++) {
        size_t n = strlen(spec);
        snprintf(spec + n, sizeof(spec) - n, "X10:ValueError(i%d;)", i);
    }
    strcat(spec, "])");
    PyObject *wide = decode_str(spec);
    check_display(wide, EXPECT_DISPLAY_WIDE_GROUP);
    Py_XDECREF(wide);
}

/* stderr output of _PyErr_WriteUnraisableMsg(MSG, OBJ) with EXC pending. */
static void
check_unraisable(PyObject *exc, const char *msg, PyObject *obj, const char *want)
{
    char path[] = "/tmp/pyrs_unraisable_XXXXXX";
    int fd = mkstemp(path);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
    _PyErr_WriteUnraisableMsg(msg, obj);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    char buf[1024] = "";
    ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
    buf[n > 0 ? n : 0] = '\0';
    close(fd);
    unlink(path);
    CHECK_EQ_STR(buf, want);
    CHECK(PyErr_Occurred() == NULL);
}

static void
test_unraisable(void)
{
    PyObject *boom = decode_str("X10:ValueError(s4:boom)");
    PyObject *five = PyLong_FromLong(5);
    check_unraisable(boom, NULL, five, EXPECT_UNRAISABLE_OBJ);
    check_unraisable(boom, "while testing", five, EXPECT_UNRAISABLE_MSG_OBJ);
    PyObject *k = decode_str("X8:KeyError(s1:k)");
    check_unraisable(k, "Custom message", NULL, EXPECT_UNRAISABLE_MSG);
    PyObject *bare = decode_str("X10:ValueError()");
    check_unraisable(bare, NULL, NULL, EXPECT_UNRAISABLE_BARE);
    Py_XDECREF(bare);
    Py_XDECREF(k);
    Py_XDECREF(five);
    Py_XDECREF(boom);
}

static void
run_tests(void)
{
    CHECK_EQ_INT(pyrs_runtime_init(), 0);
    test_hierarchy();
    test_construction_cases();
    test_attribute_setters();
    test_notes_and_methods();
    test_exception_groups();
    test_chaining_and_display();
    test_unicode_error_accessors();
    test_display();
    test_unraisable();
    CHECK(PyErr_Occurred() == NULL);
}
