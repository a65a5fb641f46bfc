/* text_cases.h: the table-driven runner shared by test_unicode.c and test_bytes.c. A case is
 * (receiver, operation, arguments, expected repr or "!Type: message") recorded from the
 * oracle by gen_text_expect.py. Operations are dispatched straight to the type's slots and
 * method table, so the tests need no VM and little of the generic object machinery. */
#ifndef PYRS_TEXT_CASES_H
#define PYRS_TEXT_CASES_H

#include "Python.h"
#include "pystrtod.h"
#include "pyrs/unicode.h"

#include <stdint.h>
#include <stdlib.h>

enum {
    TV_NONE,
    TV_BOOL,
    TV_INT,
    TV_FLOAT,
    TV_STR,
    TV_BYTES,
    TV_BYTEARRAY,
    TV_TUPLE,
    TV_LIST,
    TV_DICT,
    TV_SLICE,
    TV_MEMVIEW,
    TV_BIGINT
};

typedef struct {
    int kind;         /* TV_* */
    const void *data; /* uint32_t code points / bytes, or TValue items */
    Py_ssize_t n;     /* length (pairs for dicts) */
    long long i;      /* int / bool value */
    double f;         /* float value */
} TValue;

typedef struct {
    TValue recv;          /* the receiver */
    const char *op;       /* method name or dunder */
    int nargs;            /* argument count */
    const void *args;     /* TValue[nargs] */
    const char *expected; /* oracle's repr (UTF-8, backslashreplace) or "!Type: msg" */
} TCase;

static PyObject *tv_call_method(PyObject *recv, const char *op, PyObject *const *args, int nargs);

static PyObject *
tv_build(const TValue *v)
{
    const TValue *items = v->data;
    switch (v->kind) {
    case TV_NONE:
        return Py_NewRef(Py_None);
    case TV_BOOL:
        return PyBool_FromLong((long)v->i);
    case TV_INT:
        return PyLong_FromLongLong(v->i);
    case TV_FLOAT:
        return PyFloat_FromDouble(v->f);
    case TV_BIGINT:
        return PyLong_FromString((const char *)v->data, NULL, 10);
    case TV_STR:
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, v->data, v->n);
    case TV_BYTES:
    case TV_BYTEARRAY: {
        char *buf = malloc((size_t)v->n + 1);
        for (Py_ssize_t k = 0; k < v->n; k++) {
            buf[k] = (char)((const uint32_t *)v->data)[k];
        }
        PyObject *r = v->kind == TV_BYTES ? PyBytes_FromStringAndSize(buf, v->n)
                                          : PyByteArray_FromStringAndSize(buf, v->n);
        free(buf);
        return r;
    }
    case TV_TUPLE:
    case TV_LIST: {
        PyObject *r = v->kind == TV_TUPLE ? PyTuple_New(v->n) : PyList_New(v->n);
        for (Py_ssize_t k = 0; r && k < v->n; k++) {
            PyObject *x = tv_build(&items[k]);
            if (v->kind == TV_TUPLE) {
                PyTuple_SET_ITEM(r, k, x);
            } else {
                PyList_SET_ITEM(r, k, x);
            }
        }
        return r;
    }
    case TV_DICT: {
        PyObject *r = PyDict_New();
        for (Py_ssize_t k = 0; r && k < v->n; k++) {
            PyObject *key = tv_build(&items[2 * k]), *val = tv_build(&items[2 * k + 1]);
            PyDict_SetItem(r, key, val);
            Py_DECREF(key);
            Py_DECREF(val);
        }
        return r;
    }
    case TV_MEMVIEW: {
        PyObject *base = tv_build(&items[0]);
        PyObject *mv = PyMemoryView_FromObject(base);
        Py_DECREF(base);
        if (mv != NULL && v->n) {
            PyObject *r = tv_call_method(mv, "release", NULL, 0);
            Py_XDECREF(r);
        }
        return mv;
    }
    default: {
        PyObject *a = tv_build(&items[0]), *b = tv_build(&items[1]), *c = tv_build(&items[2]);
        PyObject *r = PySlice_New(a, b, c);
        Py_DECREF(a);
        Py_DECREF(b);
        Py_DECREF(c);
        return r;
    }
    }
}

/* repr() of the result kinds the cases produce, without relying on other types' tp_repr
 * beyond ints and floats. */
static PyObject *
tv_repr(PyObject *o)
{
    if (o == Py_None) {
        return PyUnicode_FromString("None");
    }
    if (o == Py_True || o == Py_False) {
        return PyUnicode_FromString(o == Py_True ? "True" : "False");
    }
    if (PyLong_CheckExact(o)) {
        int overflow;
        long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
        if (!overflow) {
            return PyUnicode_FromFormat("%lld", v);
        }
        return PyObject_Repr(o);
    }
    if (PyFloat_CheckExact(o)) {
        char *s = PyOS_double_to_string(PyFloat_AsDouble(o), 'r', 0, Py_DTSF_ADD_DOT_0, NULL);
        PyObject *r = PyUnicode_FromString(s);
        PyMem_Free(s);
        return r;
    }
    if (PyTuple_CheckExact(o) || PyList_CheckExact(o)) {
        int tuple = PyTuple_CheckExact(o);
        Py_ssize_t n = tuple ? PyTuple_GET_SIZE(o) : PyList_GET_SIZE(o);
        PyObject *res = PyUnicode_FromString(tuple ? "(" : "[");
        for (Py_ssize_t k = 0; res && k < n; k++) {
            PyObject *item = tuple ? PyTuple_GET_ITEM(o, k) : PyList_GET_ITEM(o, k);
            PyObject *r = tv_repr(item);
            if (k > 0) {
                PyUnicode_AppendAndDel(&res, PyUnicode_FromString(", "));
            }
            PyUnicode_AppendAndDel(&res, r);
        }
        if (tuple && n == 1) {
            PyUnicode_AppendAndDel(&res, PyUnicode_FromString(","));
        }
        PyUnicode_AppendAndDel(&res, PyUnicode_FromString(tuple ? ")" : "]"));
        return res;
    }
    return Py_TYPE(o)->tp_repr(o);
}

static PyObject *
Py_BuildValueTuple2(PyObject *a, PyObject *b)
{
    PyObject *t = PyTuple_Pack(2, a, b);
    Py_DECREF(a);
    return t;
}

/* Runs one operation; new reference or NULL with the exception set. */
static PyObject *
tv_call(PyObject *recv, const char *op, PyObject *const *args, int nargs)
{
    PyTypeObject *tp = Py_TYPE(recv);
    if (!strcmp(op, "__len__")) {
        Py_ssize_t n = tp->tp_as_sequence->sq_length(recv);
        return n < 0 && PyErr_Occurred() ? NULL : PyLong_FromSsize_t(n);
    }
    if (!strcmp(op, "__hash__")) {
        Py_hash_t h = tp->tp_hash(recv);
        return h == -1 ? NULL : PyLong_FromSsize_t(h);
    }
    if (!strcmp(op, "__repr__")) {
        return tp->tp_repr(recv);
    }
    if (!strcmp(op, "__contains__")) {
        int r = tp->tp_as_sequence->sq_contains(recv, args[0]);
        return r < 0 ? NULL : PyBool_FromLong(r);
    }
    if (!strcmp(op, "__mul__")) {
        return tp->tp_as_sequence->sq_repeat(recv, PyLong_AsSsize_t(args[0]));
    }
    if (!strcmp(op, "__add__")) {
        return tp->tp_as_sequence->sq_concat(recv, args[0]);
    }
    if (!strcmp(op, "__mod__")) {
        return tp->tp_as_number->nb_remainder(recv, args[0]);
    }
    if (!strcmp(op, "__getitem__")) {
        return tp->tp_as_mapping->mp_subscript(recv, args[0]);
    }
    static const char *const cmp_names[] = {"__lt__", "__le__", "__eq__",
                                            "__ne__", "__gt__", "__ge__"};
    static const char *const cmp_syms[] = {"<", "<=", "==", "!=", ">", ">="};
    static const int swapped[] = {Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE};
    for (int c = 0; c < 6; c++) {
        if (strcmp(op, cmp_names[c]) != 0) {
            continue;
        }
        /* Python's comparison: the operation, the reflected one, then identity / TypeError. */
        PyObject *r = tp->tp_richcompare(recv, args[0], c);
        if (r == Py_NotImplemented && Py_TYPE(args[0])->tp_richcompare) {
            Py_DECREF(r);
            r = Py_TYPE(args[0])->tp_richcompare(args[0], recv, swapped[c]);
        }
        if (r == Py_NotImplemented) {
            Py_DECREF(r);
            if (c == Py_EQ || c == Py_NE) {
                return PyBool_FromLong((recv == args[0]) == (c == Py_EQ));
            }
            PyErr_Format(PyExc_TypeError, "'%s' not supported between instances of '%s' and '%s'",
                         cmp_syms[c], tp->tp_name, Py_TYPE(args[0])->tp_name);
            return NULL;
        }
        return r;
    }
    if (!strcmp(op, "toreadonly_attrs")) {
        PyObject *m = tv_call_method(recv, "toreadonly", NULL, 0);
        if (m == NULL) {
            return NULL;
        }
        PyObject *ro = tv_call(m, "attr:readonly", NULL, 0),
                 *b = tv_call_method(m, "tobytes", NULL, 0);
        PyObject *same = PyBool_FromLong(PyMemoryView_GET_BASE(m) == PyMemoryView_GET_BASE(recv));
        PyObject *ro0 = tv_call(recv, "attr:readonly", NULL, 0);
        PyObject *r = ro && b && ro0 ? PyTuple_Pack(4, ro, b, same, ro0) : NULL;
        Py_XDECREF(ro);
        Py_XDECREF(b);
        Py_XDECREF(same);
        Py_XDECREF(ro0);
        Py_DECREF(m);
        return r;
    }
    if (!strcmp(op, "charmap_decode")) {
        return PyUnicode_DecodeCharmap(PyBytes_AS_STRING(recv), PyBytes_GET_SIZE(recv), args[1],
                                       PyUnicode_AsUTF8(args[0]));
    }
    if (!strcmp(op, "charmap_encode")) {
        return _PyUnicode_EncodeCharmap(recv, args[1], PyUnicode_AsUTF8(args[0]));
    }
    if (!strcmp(op, "escape_decode")) {
        return PyBytes_DecodeEscape(PyBytes_AS_STRING(recv), PyBytes_GET_SIZE(recv), NULL, 0, NULL);
    }
    if (!strncmp(op, "normalize:", 10)) {
        return pyrs_unicode_normalize(op + 10, recv);
    }
    if (!strncmp(op, "mut:", 4)) {
        PyObject *r = tv_call_method(recv, op + 4, args, nargs);
        return r ? Py_BuildValueTuple2(r, recv) : NULL;
    }
    if (!strcmp(op, "setitem_self") || !strcmp(op, "delitem_self")) {
        int rc = tp->tp_as_mapping->mp_ass_subscript(recv, args[0], op[0] == 's' ? args[1] : NULL);
        return rc < 0 ? NULL : Py_NewRef(recv);
    }
    if (!strcmp(op, "iadd_self")) {
        return tp->tp_as_sequence->sq_inplace_concat(recv, args[0]);
    }
    if (!strcmp(op, "imul_self")) {
        return tp->tp_as_sequence->sq_inplace_repeat(recv, PyLong_AsSsize_t(args[0]));
    }
    if (!strcmp(op, "iterlist") || !strcmp(op, "itertype")) {
        PyObject *it = tp->tp_iter ? tp->tp_iter(recv) : NULL, *list, *x;
        if (it == NULL) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_TypeError, "test runner: no tp_iter");
            }
            return NULL;
        }
        if (op[4] == 't') {
            list = PyUnicode_FromString(Py_TYPE(it)->tp_name);
        } else {
            list = PyList_New(0);
            while (list && (x = Py_TYPE(it)->tp_iternext(it)) != NULL) {
                PyList_Append(list, x);
                Py_DECREF(x);
            }
        }
        Py_DECREF(it);
        return list;
    }
    if (!strncmp(op, "attr:", 5)) {
        for (PyGetSetDef *gs = tp->tp_getset; gs && gs->name; gs++) {
            if (!strcmp(gs->name, op + 5)) {
                return gs->get(recv, gs->closure);
            }
        }
        PyErr_Format(PyExc_AttributeError, "test runner: no attribute %s", op + 5);
        return NULL;
    }
    if (!strcmp(op, "getitem_tobytes") || !strcmp(op, "setitem_tobytes")) {
        if (op[0] == 'g') {
            PyObject *view = tp->tp_as_mapping->mp_subscript(recv, args[0]);
            PyObject *r = view ? tv_call_method(view, "tobytes", NULL, 0) : NULL;
            Py_XDECREF(view);
            return r;
        }
        if (tp->tp_as_mapping->mp_ass_subscript(recv, args[0], args[1]) < 0) {
            return NULL;
        }
        return tv_call_method(recv, "tobytes", NULL, 0);
    }
    if (!strcmp(op, "cast_cast_tolist")) {
        PyObject *t0 = args[0], *t1 = args[1];
        PyObject *m =
            tv_call_method(recv, "cast", &PyTuple_GET_ITEM(t0, 0), (int)PyTuple_GET_SIZE(t0));
        PyObject *m2 =
            m ? tv_call_method(m, "cast", &PyTuple_GET_ITEM(t1, 0), (int)PyTuple_GET_SIZE(t1))
              : NULL;
        PyObject *r = m2 ? tv_call_method(m2, "tolist", NULL, 0) : NULL;
        Py_XDECREF(m);
        Py_XDECREF(m2);
        return r;
    }
    if (!strcmp(op, "cast_setitem_tolist")) {
        PyObject *m = tv_call_method(recv, "cast", args, 1), *r = NULL;
        if (m != NULL && Py_TYPE(m)->tp_as_mapping->mp_ass_subscript(m, args[1], args[2]) == 0) {
            r = tv_call_method(m, "tolist", NULL, 0);
        }
        Py_XDECREF(m);
        return r;
    }
    if (!strcmp(op, "cast_tolist") || !strcmp(op, "cast_attrs")) {
        PyObject *m = tv_call_method(recv, "cast", args, nargs), *r = NULL;
        if (m == NULL) {
            return NULL;
        }
        if (op[5] == 't') {
            r = tv_call_method(m, "tolist", NULL, 0);
        } else {
            static const char *const attrs[] = {"format",  "itemsize", "ndim",    "shape",
                                                "strides", "nbytes",   "readonly"};
            r = PyTuple_New(8);
            for (int k = 0; r && k < 8; k++) {
                char name[32];
                snprintf(name, sizeof name, k < 7 ? "attr:%s" : "__len__", k < 7 ? attrs[k] : "");
                PyObject *x = tv_call(m, name, NULL, 0);
                if (x == NULL) {
                    Py_CLEAR(r);
                    break;
                }
                PyTuple_SET_ITEM(r, k, x);
            }
        }
        Py_DECREF(m);
        return r;
    }
    if (!strcmp(op, "construct")) {
        PyObject *tuple = PyTuple_New(nargs), *obj;
        for (int k = 0; k < nargs; k++) {
            PyTuple_SET_ITEM(tuple, k, Py_NewRef(args[k]));
        }
        obj = tp->tp_new(tp, tuple, NULL);
        if (obj != NULL && tp == &PyByteArray_Type && tp->tp_init(obj, tuple, NULL) < 0) {
            Py_CLEAR(obj);
        }
        Py_DECREF(tuple);
        return obj;
    }
    if (!strcmp(op, "predmask")) {
        static const char *const preds[] = {"isalnum",      "isalpha", "isdecimal", "isdigit",
                                            "isidentifier", "islower", "isnumeric", "isprintable",
                                            "isspace",      "istitle", "isupper"};
        PyrsUniWriter w;
        pyrs_uniwriter_init(&w);
        for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(recv); k++) {
            PyObject *ch = PyUnicode_Substring(recv, k, k + 1);
            int mask = 0;
            for (int p = 0; p < 11; p++) {
                PyObject *r = tv_call_method(ch, preds[p], NULL, 0);
                mask |= (r == Py_True) << p;
                Py_XDECREF(r);
            }
            Py_DECREF(ch);
            char buf[8];
            snprintf(buf, sizeof buf, "%03x", mask);
            if (pyrs_uniwriter_ascii(&w, buf, 3) < 0) {
                pyrs_uniwriter_dealloc(&w);
                return NULL;
            }
        }
        return pyrs_uniwriter_finish(&w);
    }
    return tv_call_method(recv, op, args, nargs);
}

/* Calls the method OP from the type's method table the way its flags say. */
static PyObject *
tv_call_method(PyObject *recv, const char *op, PyObject *const *args, int nargs)
{
    PyTypeObject *tp = Py_TYPE(recv);
    for (PyMethodDef *ml = tp->tp_methods; ml && ml->ml_name; ml++) {
        if (strcmp(ml->ml_name, op) != 0) {
            continue;
        }
        PyObject *self = (ml->ml_flags & METH_STATIC)  ? NULL
                         : (ml->ml_flags & METH_CLASS) ? (PyObject *)tp
                                                       : recv;
        int conv =
            ml->ml_flags & (METH_VARARGS | METH_NOARGS | METH_O | METH_FASTCALL | METH_KEYWORDS);
        if (conv == METH_NOARGS) {
            return ml->ml_meth(self, NULL);
        }
        if (conv == METH_O) {
            return ml->ml_meth(self, args[0]);
        }
        if (conv == METH_FASTCALL) {
            return ((_PyCFunctionFast)(void (*)(void))ml->ml_meth)(self, args, nargs);
        }
        if (conv == (METH_FASTCALL | METH_KEYWORDS)) {
            return ((_PyCFunctionFastWithKeywords)(void (*)(void))ml->ml_meth)(self, args, nargs,
                                                                               NULL);
        }
        PyObject *tuple = PyTuple_New(nargs);
        for (int k = 0; k < nargs; k++) {
            PyTuple_SET_ITEM(tuple, k, Py_NewRef(args[k]));
        }
        PyObject *r = ((PyCFunctionWithKeywords)(void (*)(void))ml->ml_meth)(self, tuple, NULL);
        Py_DECREF(tuple);
        return r;
    }
    PyErr_Format(PyExc_AttributeError, "test runner: no method %s", op);
    return NULL;
}

/* "!Type: message" for the pending exception (cleared). */
static PyObject *
tv_exception_text(void)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject *msg = value ? PyObject_Str(value) : NULL;
    if (msg == NULL) {
        PyErr_Clear();
        msg = PyUnicode_FromString("<str() failed>");
    }
    const char *name = ((PyTypeObject *)type)->tp_name;
    const char *dot = strrchr(name, '.');
    PyObject *res = PyUnicode_FromFormat("!%s: %U", dot ? dot + 1 : name, msg);
    Py_XDECREF(msg);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    return res;
}

/* Runs every case, CHECKing each result against the oracle's. */
static void
tv_run_cases(const TCase *table, size_t ncases)
{
    for (size_t c = 0; c < ncases; c++) {
        const TCase *tc = &table[c];
        PyObject *recv = tv_build(&tc->recv), *args[4] = {NULL, NULL, NULL, NULL};
        for (int k = 0; k < tc->nargs; k++) {
            args[k] = tv_build(&((const TValue *)tc->args)[k]);
        }
        PyObject *res = tv_call(recv, tc->op, args, tc->nargs);
        PyObject *text = res ? tv_repr(res) : tv_exception_text();
        PyObject *bytes =
            text ? PyUnicode_AsEncodedString(text, "utf-8", "backslashreplace") : NULL;
        const char *got = bytes ? PyBytes_AS_STRING(bytes) : "(repr failed)";
        int ok = strcmp(got, tc->expected) == 0;
        if (!ok) {
            PyObject *rr = tv_repr(recv);
            PyObject *rb = rr ? PyUnicode_AsEncodedString(rr, "utf-8", "backslashreplace") : NULL;
            fprintf(stderr, "case %zu: %s.%s(...): got %s, expected %s\n", c,
                    rb ? PyBytes_AS_STRING(rb) : "?", tc->op, got, tc->expected);
            Py_XDECREF(rr);
            Py_XDECREF(rb);
        }
        if (PyErr_Occurred()) {
            PyErr_Clear();
        }
        harness_record(ok, tc->op, __FILE__, __LINE__);
        Py_XDECREF(bytes);
        Py_XDECREF(text);
        Py_XDECREF(res);
        for (int k = 0; k < tc->nargs; k++) {
            Py_XDECREF(args[k]);
        }
        Py_XDECREF(recv);
    }
}

#endif /* PYRS_TEXT_CASES_H */
