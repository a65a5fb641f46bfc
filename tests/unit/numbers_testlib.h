/* numbers_testlib.h: shared machinery of test_long.c, test_float.c and test_complex.c. It
 * decodes the operands of the tables recorded by gen_numbers_expect.py, runs each operation
 * through the types' own slots and method tables (no VM or attribute lookup needed), encodes
 * the result or the exception the same way the generator does, and compares. */
#ifndef PYRS_NUMBERS_TESTLIB_H
#define PYRS_NUMBERS_TESTLIB_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "Python.h"
#include "harness.h"
#include "structmember.h"
#include "pyrs/lifecycle.h"

typedef struct {
    const char *op;       /* operation name (see run_op) */
    const char *arg[4];   /* encoded operands, NULL when absent */
    const char *expected; /* encoded result or "!Type: message" */
} NumCase;

/* ---------------------------------------------------------------- a tiny string builder */

typedef struct {
    char *s;
    size_t len, cap;
} Buf;

static void
buf_add(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void
buf_str(Buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

/* ---------------------------------------------------------------- decoding */

static double
bits_double(const char *hex)
{
    if (strncmp(hex, "nan", 3) == 0) {
        return NAN;
    }
    uint64_t u = strtoull(hex, NULL, 16);
    double d;
    memcpy(&d, &u, 8);
    return d;
}

static PyObject *
hex_bytes(const char *hex, int mutable_)
{
    size_t n = strlen(hex) / 2;
    char *tmp = malloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        tmp[i] = (char)v;
    }
    PyObject *r = mutable_ ? PyByteArray_FromStringAndSize(tmp, (Py_ssize_t)n)
                           : PyBytes_FromStringAndSize(tmp, (Py_ssize_t)n);
    free(tmp);
    return r;
}

/* A new reference to the value encoded in e (see gen_numbers_expect.py). */
static PyObject *
decode(const char *e)
{
    switch (e[0]) {
    case 'n':
        return Py_NewRef(Py_None);
    case 'b':
        return PyBool_FromLong(e[1] == '1');
    case 'i':
        return PyLong_FromString(e + 1, NULL, 16);
    case 'f':
        return PyFloat_FromDouble(bits_double(e + 1));
    case 'c': {
        const char *comma = strchr(e, ',');
        return PyComplex_FromDoubles(bits_double(e + 1), bits_double(comma + 1));
    }
    case 's':
        return PyUnicode_FromString(e + 1);
    case 'y':
        return hex_bytes(e + 1, 0);
    case 'Y':
        return hex_bytes(e + 1, 1);
    case 'l':
        return PyList_New(0);
    default:
        fprintf(stderr, "bad encoding %s\n", e);
        abort();
    }
}

/* ---------------------------------------------------------------- encoding */

static void
encode_double(Buf *b, double d)
{
    char tmp[32];
    if (isnan(d)) {
        buf_str(b, "nan");
        return;
    }
    uint64_t u;
    memcpy(&u, &d, 8);
    snprintf(tmp, sizeof tmp, "%016llx", (unsigned long long)u);
    buf_str(b, tmp);
}

static void
encode_into(Buf *b, PyObject *o)
{
    if (o == Py_None) {
        buf_str(b, "n");
    } else if (PyBool_Check(o)) {
        buf_str(b, o == Py_True ? "b1" : "b0");
    } else if (PyLong_Check(o)) {
        PyObject *h = _PyLong_Format(o, 16);
        buf_str(b, "i");
        buf_str(b, h != NULL ? PyUnicode_AsUTF8(h) : "<format failed>");
        Py_XDECREF(h);
    } else if (PyFloat_Check(o)) {
        buf_str(b, "f");
        encode_double(b, PyFloat_AS_DOUBLE(o));
    } else if (PyComplex_Check(o)) {
        buf_str(b, "c");
        encode_double(b, ((PyComplexObject *)o)->cval.real);
        buf_str(b, ",");
        encode_double(b, ((PyComplexObject *)o)->cval.imag);
    } else if (PyUnicode_Check(o)) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(o, &n);
        buf_str(b, "s");
        buf_add(b, s != NULL ? s : "<utf8 failed>", s != NULL ? (size_t)n : 13);
    } else if (PyBytes_Check(o)) {
        buf_str(b, "y");
        for (Py_ssize_t i = 0; i < PyBytes_GET_SIZE(o); i++) {
            char tmp[4];
            snprintf(tmp, sizeof tmp, "%02x", (unsigned char)PyBytes_AS_STRING(o)[i]);
            buf_str(b, tmp);
        }
    } else if (PyTuple_Check(o)) {
        buf_str(b, "t");
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(o); i++) {
            if (i > 0) {
                buf_str(b, "|");
            }
            encode_into(b, PyTuple_GET_ITEM(o, i));
        }
    } else {
        buf_str(b, "<unexpected ");
        buf_str(b, Py_TYPE(o)->tp_name);
        buf_str(b, ">");
    }
}

/* The pending exception as "!Type: message" (cleared). */
static void
encode_error(Buf *b)
{
    PyObject *tp, *val, *tb;
    PyErr_Fetch(&tp, &val, &tb);
    buf_str(b, "!");
    buf_str(b, tp != NULL ? ((PyTypeObject *)tp)->tp_name : "<no exception>");
    buf_str(b, ": ");
    PyObject *msg = NULL;
    if (val != NULL && PyUnicode_Check(val)) {
        msg = Py_NewRef(val);
    } else if (val != NULL && PyTuple_Check(val)) {
        msg = PyObject_Str(val);
    } else if (val != NULL) {
        msg = PyObject_Str(val);
    }
    if (msg != NULL && PyUnicode_Check(msg)) {
        buf_str(b, PyUnicode_AsUTF8(msg));
    }
    PyErr_Clear();
    Py_XDECREF(msg);
    Py_XDECREF(tp);
    Py_XDECREF(val);
    Py_XDECREF(tb);
}

/* ---------------------------------------------------------------- calling the types */

static PyMethodDef *
find_method(PyTypeObject *tp, const char *name)
{
    for (; tp != NULL; tp = tp->tp_base) {
        for (PyMethodDef *m = tp->tp_methods; m != NULL && m->ml_name != NULL; m++) {
            if (strcmp(m->ml_name, name) == 0) {
                return m;
            }
        }
    }
    return NULL;
}

typedef PyObject *(*fastfn)(PyObject *, PyObject *const *, Py_ssize_t);
typedef PyObject *(*fastkwfn)(PyObject *, PyObject *const *, Py_ssize_t, PyObject *);

/* self.name(*args, **{kwname: kwval}) through the method table of tp. */
static PyObject *
call_method(PyTypeObject *tp, PyObject *self, const char *name, PyObject **args, Py_ssize_t nargs,
            const char *kwname, PyObject *kwval)
{
    PyMethodDef *m = find_method(tp, name);
    if (m == NULL) {
        PyErr_Format(PyExc_AttributeError, "'%s' object has no attribute '%s'", tp->tp_name, name);
        return NULL;
    }
    if (m->ml_flags & METH_CLASS) {
        self = (PyObject *)tp;
    }
    int flags = m->ml_flags & ~(METH_CLASS | METH_STATIC | METH_COEXIST);
    if (flags == METH_NOARGS) {
        return m->ml_meth(self, NULL);
    }
    if (flags == METH_O) {
        return m->ml_meth(self, args[0]);
    }
    if (flags == METH_FASTCALL) {
        return ((fastfn)(void (*)(void))m->ml_meth)(self, args, nargs);
    }
    if (flags == (METH_FASTCALL | METH_KEYWORDS)) {
        PyObject *all[8];
        for (Py_ssize_t i = 0; i < nargs; i++) {
            all[i] = args[i];
        }
        PyObject *kwnames = NULL;
        if (kwname != NULL) {
            all[nargs] = kwval;
            PyObject *k = PyUnicode_FromString(kwname);
            kwnames = PyTuple_Pack(1, k);
            Py_DECREF(k);
        }
        PyObject *r = ((fastkwfn)(void (*)(void))m->ml_meth)(self, all, nargs, kwnames);
        Py_XDECREF(kwnames);
        return r;
    }
    PyErr_Format(PyExc_SystemError, "test cannot call %s (flags %d)", name, m->ml_flags);
    return NULL;
}

static PyObject *
get_attr(PyObject *self, const char *name)
{
    for (PyTypeObject *tp = Py_TYPE(self); tp != NULL; tp = tp->tp_base) {
        for (PyGetSetDef *g = tp->tp_getset; g != NULL && g->name != NULL; g++) {
            if (strcmp(g->name, name) == 0) {
                return g->get(self, g->closure);
            }
        }
        for (PyMemberDef *m = tp->tp_members; m != NULL && m->name != NULL; m++) {
            if (strcmp(m->name, name) == 0) {
                return PyMember_GetOne((const char *)self, m);
            }
        }
    }
    PyErr_Format(PyExc_AttributeError, "no attribute %s", name);
    return NULL;
}

#define NB_SLOT(tp, off)                                                                           \
    ((tp)->tp_as_number == NULL ? NULL : *(binaryfunc *)((char *)(tp)->tp_as_number + (off)))

/* a <op> b as the abstract layer does it: a's slot, then b's (subclass order ignored). */
static PyObject *
binop(PyObject *a, PyObject *b, size_t off, const char *sym)
{
    binaryfunc fa = NB_SLOT(Py_TYPE(a), off), fb = NB_SLOT(Py_TYPE(b), off);
    if (fa != NULL) {
        PyObject *r = fa(a, b);
        if (r != Py_NotImplemented) {
            return r;
        }
        Py_DECREF(r);
    }
    if (fb != NULL && fb != fa) {
        PyObject *r = fb(a, b);
        if (r != Py_NotImplemented) {
            return r;
        }
        Py_DECREF(r);
    }
    PyErr_Format(PyExc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", sym,
                 Py_TYPE(a)->tp_name, Py_TYPE(b)->tp_name);
    return NULL;
}

static PyObject *
ternop(PyObject *a, PyObject *b, PyObject *c)
{
    ternaryfunc fa = Py_TYPE(a)->tp_as_number ? Py_TYPE(a)->tp_as_number->nb_power : NULL;
    ternaryfunc fb = Py_TYPE(b)->tp_as_number ? Py_TYPE(b)->tp_as_number->nb_power : NULL;
    if (fa != NULL) {
        PyObject *r = fa(a, b, c);
        if (r != Py_NotImplemented) {
            return r;
        }
        Py_DECREF(r);
    }
    if (fb != NULL && fb != fa) {
        PyObject *r = fb(a, b, c);
        if (r != Py_NotImplemented) {
            return r;
        }
        Py_DECREF(r);
    }
    PyErr_Format(PyExc_TypeError, "unsupported operand type(s) for ** or pow(): '%s' and '%s'",
                 Py_TYPE(a)->tp_name, Py_TYPE(b)->tp_name);
    return NULL;
}

static PyObject *
richcmp(PyObject *a, PyObject *b, int op)
{
    static const int swapped[] = {Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE};
    static const char *const syms[] = {"<", "<=", "==", "!=", ">", ">="};
    PyObject *r = Py_TYPE(a)->tp_richcompare(a, b, op);
    if (r != Py_NotImplemented) {
        return r;
    }
    Py_DECREF(r);
    r = Py_TYPE(b)->tp_richcompare(b, a, swapped[op]);
    if (r != Py_NotImplemented) {
        return r;
    }
    Py_DECREF(r);
    if (op == Py_EQ || op == Py_NE) {
        return PyBool_FromLong((a == b) == (op == Py_EQ));
    }
    PyErr_Format(PyExc_TypeError, "'%s' not supported between instances of '%s' and '%s'", syms[op],
                 Py_TYPE(a)->tp_name, Py_TYPE(b)->tp_name);
    return NULL;
}

static PyObject *
call_new(PyTypeObject *tp, PyObject *a, PyObject *b, const char *kw)
{
    PyObject *args = a == NULL
                         ? PyTuple_New(0)
                         : (b == NULL || kw != NULL ? PyTuple_Pack(1, a) : PyTuple_Pack(2, a, b));
    PyObject *kwargs = NULL;
    if (kw != NULL && b != NULL) {
        kwargs = PyDict_New();
        PyDict_SetItemString(kwargs, kw, b);
    }
    PyObject *r = tp->tp_new(tp, args, kwargs);
    Py_DECREF(args);
    Py_XDECREF(kwargs);
    return r;
}

typedef struct {
    const char *name;
    size_t off;
    const char *sym;
} BinOp;

static const BinOp BINOPS[] = {
    {"add", offsetof(PyNumberMethods, nb_add), "+"},
    {"sub", offsetof(PyNumberMethods, nb_subtract), "-"},
    {"mul", offsetof(PyNumberMethods, nb_multiply), "*"},
    {"truediv", offsetof(PyNumberMethods, nb_true_divide), "/"},
    {"floordiv", offsetof(PyNumberMethods, nb_floor_divide), "//"},
    {"mod", offsetof(PyNumberMethods, nb_remainder), "%"},
    {"divmod", offsetof(PyNumberMethods, nb_divmod), "divmod()"},
    {"lshift", offsetof(PyNumberMethods, nb_lshift), "<<"},
    {"rshift", offsetof(PyNumberMethods, nb_rshift), ">>"},
    {"and", offsetof(PyNumberMethods, nb_and), "&"},
    {"or", offsetof(PyNumberMethods, nb_or), "|"},
    {"xor", offsetof(PyNumberMethods, nb_xor), "^"},
};

static const char *const CMPOPS[] = {"lt", "le", "eq", "ne", "gt", "ge"};

static const char *const NOARG_METHODS[][2] = {
    {"bit_length", "bit_length"},
    {"bit_count", "bit_count"},
    {"as_integer_ratio", "as_integer_ratio"},
    {"round0", "__round__"},
    {"trunc", "__trunc__"},
    {"floor", "__floor__"},
    {"ceil", "__ceil__"},
    {"hex", "hex"},
    {"sizeof", "__sizeof__"},
    {"getnewargs", "__getnewargs__"},
    {"is_integer", "is_integer"},
    {"conjugate", "conjugate"},
};

static PyObject *
run_unary(const char *op, PyObject *a, int *handled)
{
    PyTypeObject *tp = Py_TYPE(a);
    PyNumberMethods *nb = tp->tp_as_number;
    *handled = 1;
    if (!strcmp(op, "neg")) {
        return nb->nb_negative(a);
    }
    if (!strcmp(op, "pos")) {
        return nb->nb_positive(a);
    }
    if (!strcmp(op, "abs")) {
        return nb->nb_absolute(a);
    }
    if (!strcmp(op, "invert")) {
        return nb->nb_invert(a);
    }
    if (!strcmp(op, "bool")) {
        int t = nb->nb_bool(a);
        return t < 0 ? NULL : PyBool_FromLong(t);
    }
    if (!strcmp(op, "repr") || !strcmp(op, "str")) {
        return (tp->tp_str != NULL && !strcmp(op, "str") ? tp->tp_str : tp->tp_repr)(a);
    }
    if (!strcmp(op, "hash")) {
        Py_hash_t h = tp->tp_hash(a);
        return h == -1 ? NULL : PyLong_FromSsize_t(h);
    }
    if (!strcmp(op, "int")) {
        return nb->nb_int(a);
    }
    if (!strcmp(op, "float")) {
        return nb->nb_float(a);
    }
    if (!strcmp(op, "real") || !strcmp(op, "imag") || !strcmp(op, "numerator") ||
        !strcmp(op, "denominator")) {
        return get_attr(a, op);
    }
    for (size_t i = 0; i < Py_ARRAY_LENGTH(NOARG_METHODS); i++) {
        if (!strcmp(op, NOARG_METHODS[i][0])) {
            return call_method(tp, a, NOARG_METHODS[i][1], NULL, 0, NULL, NULL);
        }
    }
    *handled = 0;
    return NULL;
}

static PyObject *
run_op(const char *op, PyObject **v)
{
    int handled;
    for (size_t i = 0; i < Py_ARRAY_LENGTH(BINOPS); i++) {
        if (!strcmp(op, BINOPS[i].name)) {
            return binop(v[0], v[1], BINOPS[i].off, BINOPS[i].sym);
        }
    }
    for (int i = 0; i < 6; i++) {
        if (!strcmp(op, CMPOPS[i])) {
            return richcmp(v[0], v[1], i);
        }
    }
    if (!strcmp(op, "pow")) {
        return ternop(v[0], v[1], Py_None);
    }
    if (!strcmp(op, "powmod")) {
        return ternop(v[0], v[1], v[2]);
    }
    if (!strcmp(op, "round")) {
        return call_method(Py_TYPE(v[0]), v[0], "__round__", &v[1], 1, NULL, NULL);
    }
    if (!strcmp(op, "format")) {
        return call_method(Py_TYPE(v[0]), v[0], "__format__", &v[1], 1, NULL, NULL);
    }
    if (!strcmp(op, "int_parse")) {
        return call_new(&PyLong_Type, v[0], v[1], NULL);
    }
    if (!strcmp(op, "int_new")) {
        return call_new(&PyLong_Type, v[0], NULL, NULL);
    }
    if (!strcmp(op, "float_new")) {
        return call_new(&PyFloat_Type, v[0], NULL, NULL);
    }
    if (!strcmp(op, "complex_new")) {
        return call_new(&PyComplex_Type, v[0], v[1], v[0] == NULL ? "imag" : NULL);
    }
    if (!strcmp(op, "to_bytes")) {
        return call_method(&PyLong_Type, v[0], "to_bytes", &v[1], 2, "signed", v[3]);
    }
    if (!strcmp(op, "from_bytes")) {
        return call_method(&PyLong_Type, NULL, "from_bytes", v, 2, "signed", v[2]);
    }
    if (!strcmp(op, "fromhex")) {
        return call_method(&PyFloat_Type, NULL, "fromhex", v, 1, NULL, NULL);
    }
    PyObject *r = run_unary(op, v[0], &handled);
    if (handled) {
        return r;
    }
    PyErr_Format(PyExc_SystemError, "unknown test op %s", op);
    return NULL;
}

/* Runs every case of a table; failures are printed (at most max_print) and counted. */
static void
run_cases(const NumCase *cases, size_t n, int max_print)
{
    int printed = 0, failed = 0;
    for (size_t i = 0; i < n; i++) {
        const NumCase *c = &cases[i];
        PyObject *v[4] = {NULL, NULL, NULL, NULL};
        for (int k = 0; k < 4; k++) {
            v[k] = c->arg[k] ? decode(c->arg[k]) : NULL;
        }
        Buf b = {NULL, 0, 0};
        buf_str(&b, "");
        PyObject *r = run_op(c->op, v);
        if (r == NULL) {
            encode_error(&b);
        } else {
            encode_into(&b, r);
            Py_DECREF(r);
        }
        int ok = strcmp(b.s, c->expected) == 0;
        harness_record(ok, c->op, __FILE__, __LINE__);
        if (!ok) {
            failed++;
        }
        if (!ok && printed++ < max_print) {
            fprintf(stderr,
                    "  case %zu: %s(%s, %s, %s)\n    got      %.300s\n    expected %.300s\n", i,
                    c->op, c->arg[0] ? c->arg[0] : "-", c->arg[1] ? c->arg[1] : "-",
                    c->arg[2] ? c->arg[2] : "-", b.s, c->expected);
        }
        free(b.s);
        for (int k = 0; k < 4; k++) {
            Py_XDECREF(v[k]);
        }
    }
    fprintf(stderr, "%d of %zu table cases failed\n", failed, n);
}

#endif /* PYRS_NUMBERS_TESTLIB_H */
