/* bltinmodule.c: the `builtins` module: the built-in functions the VM slice supports today,
 * the built-in types and exceptions, and __build_class__. CPython 3.11's signatures and
 * error messages; what is still missing is listed in docs/STATUS.md. */
#include "pyrs/config.h"
#include "pyrs/cpyext.h"
#include "pyrs/eval.h"
#include "pyrs/bltin.h"
#include "pyrs/exceptions.h"
#include "pyrs/frame.h"
#include "pyrs/object.h"
#include "../stdlib/_io/pyrs_io.h"
#include "pyrs/sys.h"
#include "pyrs/vm.h"
#include "funcobject.h"

static PyObject *builtins_module;

/* Keyword argument NAME among KWNAMES/ARGS[NARGS..], borrowed, or NULL. */
static PyObject *
kwarg(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, const char *name)
{
    if (kwnames == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
        if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kwnames, i), name) == 0) {
            return args[nargs + i];
        }
    }
    return NULL;
}

/* TypeError for a keyword not in ALLOWED (NULL-terminated); 0 when all are allowed. */
static int
check_kwargs(const char *fname, PyObject *kwnames, const char *const *allowed)
{
    if (kwnames == NULL) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
        PyObject *k = PyTuple_GET_ITEM(kwnames, i);
        int ok = 0;
        for (const char *const *a = allowed; *a != NULL; a++) {
            ok |= PyUnicode_CompareWithASCIIString(k, *a) == 0;
        }
        if (!ok && allowed[0] == NULL) {
            PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", fname);
            return -1;
        }
        if (!ok) {
            /* argument clinic's wording (getargs.c), as CPython's builtins have */
            PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for %s()", k, fname);
            return -1;
        }
    }
    return 0;
}

/* ---- print -------------------------------------------------------------------------------- */

static int
write_str(PyObject *file, FILE *fp, PyObject *s)
{
    if (fp != NULL) {
        Py_ssize_t len;
        const char *text = PyUnicode_AsUTF8AndSize(s, &len);
        if (text == NULL) {
            return -1;
        }
        fwrite(text, 1, (size_t)len, fp);
        return 0;
    }
    int fast = pyrs_io_write_str(file, s); /* an _io.TextIOWrapper: no method call */
    if (fast != 0) {
        return fast < 0 ? -1 : 0;
    }
    PyObject *r = PyObject_CallMethodOneArg(file, pyrs_object_id("write"), s);
    Py_XDECREF(r);
    return r == NULL ? -1 : 0;
}

static PyObject *
check_sep(PyObject *v, const char *what)
{
    if (v == NULL || v == Py_None) {
        return NULL;
    }
    if (!PyUnicode_Check(v)) {
        PyErr_Format(PyExc_TypeError, "%s must be None or a string, not %.200s", what,
                     Py_TYPE(v)->tp_name);
        return v; /* signals the error to the caller */
    }
    return v;
}

static PyObject *
builtin_print(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargsf, PyObject *kwnames)
{
    static const char *const allowed[] = {"sep", "end", "file", "flush", NULL};
    Py_ssize_t nargs = PyVectorcall_NARGS((size_t)nargsf);
    if (check_kwargs("print", kwnames, allowed) < 0) {
        return NULL;
    }
    PyObject *sep = check_sep(kwarg(args, nargs, kwnames, "sep"), "sep");
    PyObject *end = check_sep(kwarg(args, nargs, kwnames, "end"), "end");
    if (PyErr_Occurred()) {
        return NULL;
    }
    PyObject *file = kwarg(args, nargs, kwnames, "file");
    PyObject *flush = kwarg(args, nargs, kwnames, "flush");
    if (file == NULL || file == Py_None) {
        file = PySys_GetObject("stdout");
        if (file == NULL || file == Py_None) {
            Py_RETURN_NONE;
        }
    }
    FILE *fp = NULL;
    pyrs_sys_is_std_stream(file, &fp);
    for (Py_ssize_t i = 0; i < nargs; i++) {
        if (i > 0) {
            if (write_str(file, fp, sep != NULL ? sep : pyrs_object_id(" ")) < 0) {
                return NULL;
            }
        }
        PyObject *s = PyObject_Str(args[i]);
        if (s == NULL || write_str(file, fp, s) < 0) {
            Py_XDECREF(s);
            return NULL;
        }
        Py_DECREF(s);
    }
    if (write_str(file, fp, end != NULL ? end : pyrs_object_id("\n")) < 0) {
        return NULL;
    }
    if (flush != NULL) {
        int t = PyObject_IsTrue(flush);
        if (t < 0) {
            return NULL;
        }
        if (t) {
            if (fp) {
                fflush(fp);
            } else {
                PyObject *r = PyObject_CallMethod(file, "flush", NULL);
                if (r == NULL) {
                    return NULL;
                }
                Py_DECREF(r);
            }
        }
    }
    Py_RETURN_NONE;
}

/* ---- one-argument functions --------------------------------------------------------------- */

static PyObject *
builtin_repr(PyObject *Py_UNUSED(m), PyObject *o)
{
    return PyObject_Repr(o);
}

static PyObject *
builtin_ascii(PyObject *Py_UNUSED(m), PyObject *o)
{
    return PyObject_ASCII(o);
}

static PyObject *
builtin_len(PyObject *Py_UNUSED(m), PyObject *o)
{
    Py_ssize_t n = PyObject_Size(o);
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

static PyObject *
builtin_abs(PyObject *Py_UNUSED(m), PyObject *o)
{
    return PyNumber_Absolute(o);
}

static PyObject *
builtin_hash(PyObject *Py_UNUSED(m), PyObject *o)
{
    Py_hash_t h = PyObject_Hash(o);
    return h == -1 ? NULL : PyLong_FromSsize_t(h);
}

static PyObject *
builtin_id(PyObject *Py_UNUSED(m), PyObject *o)
{
    return PyLong_FromVoidPtr(o);
}

static PyObject *
builtin_callable(PyObject *Py_UNUSED(m), PyObject *o)
{
    return PyBool_FromLong(PyCallable_Check(o));
}

static PyObject *
builtin_chr(PyObject *Py_UNUSED(m), PyObject *o)
{
    int overflow;
    long v = PyLong_AsLongAndOverflow(o, &overflow);
    if (v == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (overflow) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return NULL;
    }
    if (v < 0 || v > 0x10FFFF) {
        PyErr_SetString(PyExc_ValueError, "chr() arg not in range(0x110000)");
        return NULL;
    }
    return PyUnicode_FromOrdinal((int)v);
}

static PyObject *
builtin_ord(PyObject *Py_UNUSED(m), PyObject *o)
{
    if (PyUnicode_Check(o)) {
        if (PyUnicode_GET_LENGTH(o) == 1) {
            return PyLong_FromLong((long)PyUnicode_READ_CHAR(o, 0));
        }
        PyErr_Format(PyExc_TypeError, "ord() expected a character, but string of length %zd found",
                     PyUnicode_GET_LENGTH(o));
        return NULL;
    }
    if (PyBytes_Check(o) || PyByteArray_Check(o)) {
        Py_ssize_t n = PyBytes_Check(o) ? PyBytes_GET_SIZE(o) : PyByteArray_GET_SIZE(o);
        if (n == 1) {
            const char *s = PyBytes_Check(o) ? PyBytes_AS_STRING(o) : PyByteArray_AS_STRING(o);
            return PyLong_FromLong((unsigned char)s[0]);
        }
        PyErr_Format(PyExc_TypeError, "ord() expected a character, but string of length %zd found",
                     n);
        return NULL;
    }
    PyErr_Format(PyExc_TypeError, "ord() expected string of length 1, but %.200s found",
                 Py_TYPE(o)->tp_name);
    return NULL;
}

static PyObject *
format_base(PyObject *o, int base)
{
    return PyNumber_ToBase(o, base);
}

static PyObject *
builtin_hex(PyObject *Py_UNUSED(m), PyObject *o)
{
    return format_base(o, 16);
}

static PyObject *
builtin_oct(PyObject *Py_UNUSED(m), PyObject *o)
{
    return format_base(o, 8);
}

static PyObject *
builtin_bin(PyObject *Py_UNUSED(m), PyObject *o)
{
    return format_base(o, 2);
}

static PyObject *
builtin_iter(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError, "iter expected %s argument%s, got %zd",
                     nargs < 1 ? "at least 1" : "at most 2", nargs < 1 ? "" : "s", nargs);
        return NULL;
    }
    if (nargs == 1) {
        return PyObject_GetIter(args[0]);
    }
    if (!PyCallable_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "iter(v, w): v must be callable");
        return NULL;
    }
    return PyCallIter_New(args[0], args[1]);
}

static PyObject *
builtin_aiter(PyObject *Py_UNUSED(m), PyObject *obj)
{
    return PyObject_GetAIter(obj);
}

/* anext(aiterator[, default]): the awaitable of aiterator.__anext__(), wrapped so that the
 * end of iteration gives DEFAULT when one is given. */
static PyObject *
builtin_anext(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError, "anext expected %s argument%s, got %zd",
                     nargs < 1 ? "at least 1" : "at most 2", nargs < 1 ? "" : "s", nargs);
        return NULL;
    }
    PyTypeObject *tp = Py_TYPE(args[0]);
    if (tp->tp_as_async == NULL || tp->tp_as_async->am_anext == NULL) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not an async iterator", tp->tp_name);
        return NULL;
    }
    PyObject *awaitable = tp->tp_as_async->am_anext(args[0]);
    if (awaitable == NULL || nargs == 1) {
        return awaitable;
    }
    PyObject *res = pyrs_anext_awaitable_new(awaitable, args[1]);
    Py_DECREF(awaitable);
    return res;
}

static PyObject *
builtin_next(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError, "next expected %s argument%s, got %zd",
                     nargs < 1 ? "at least 1" : "at most 2", nargs < 1 ? "" : "s", nargs);
        return NULL;
    }
    PyObject *it = args[0];
    if (!PyIter_Check(it)) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not an iterator", Py_TYPE(it)->tp_name);
        return NULL;
    }
    PyObject *v = Py_TYPE(it)->tp_iternext(it);
    if (v != NULL) {
        return v;
    }
    if (PyErr_Occurred()) {
        if (nargs == 1 || !PyErr_ExceptionMatches(PyExc_StopIteration)) {
            return NULL;
        }
        PyErr_Clear();
    }
    if (nargs == 2) {
        return Py_NewRef(args[1]);
    }
    PyErr_SetNone(PyExc_StopIteration);
    return NULL;
}

static PyObject *
builtin_isinstance(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "isinstance expected 2 arguments, got %zd", nargs);
        return NULL;
    }
    int r = PyObject_IsInstance(args[0], args[1]);
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyObject *
builtin_issubclass(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "issubclass expected 2 arguments, got %zd", nargs);
        return NULL;
    }
    int r = PyObject_IsSubclass(args[0], args[1]);
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyObject *
builtin_getattr(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 2 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "getattr expected %s arguments, got %zd",
                     nargs < 2 ? "at least 2" : "at most 3", nargs);
        return NULL;
    }
    if (!PyUnicode_Check(args[1])) {
        PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'",
                     Py_TYPE(args[1])->tp_name);
        return NULL;
    }
    PyObject *v = PyObject_GetAttr(args[0], args[1]);
    if (v == NULL && nargs == 3 && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        return Py_NewRef(args[2]);
    }
    return v;
}

static PyObject *
builtin_setattr(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "setattr expected 3 arguments, got %zd", nargs);
        return NULL;
    }
    if (PyObject_SetAttr(args[0], args[1], args[2]) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
builtin_delattr(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "delattr expected 2 arguments, got %zd", nargs);
        return NULL;
    }
    if (PyObject_SetAttr(args[0], args[1], NULL) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
builtin_hasattr(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "hasattr expected 2 arguments, got %zd", nargs);
        return NULL;
    }
    if (!PyUnicode_Check(args[1])) {
        PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'",
                     Py_TYPE(args[1])->tp_name);
        return NULL;
    }
    PyObject *v;
    if (_PyObject_LookupAttr(args[0], args[1], &v) < 0) {
        return NULL;
    }
    Py_XDECREF(v);
    return PyBool_FromLong(v != NULL);
}

static PyObject *
builtin_divmod(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "divmod expected 2 arguments, got %zd", nargs);
        return NULL;
    }
    return PyNumber_Divmod(args[0], args[1]);
}

static PyObject *
builtin_pow(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const allowed[] = {"base", "exp", "mod", NULL};
    if (check_kwargs("pow", kwnames, allowed) < 0) {
        return NULL;
    }
    if (kwnames != NULL || nargs < 2 || nargs > 3) {
        if (nargs < 2 && kwnames == NULL) {
            PyErr_Format(PyExc_TypeError, "pow() missing required argument '%s' (pos %zd)",
                         nargs == 0 ? "base" : "exp", nargs + 1);
            return NULL;
        }
    }
    PyObject *base = nargs > 0 ? args[0] : kwarg(args, nargs, kwnames, "base");
    PyObject *exp = nargs > 1 ? args[1] : kwarg(args, nargs, kwnames, "exp");
    PyObject *mod = nargs > 2 ? args[2] : kwarg(args, nargs, kwnames, "mod");
    return PyNumber_Power(base, exp, mod ? mod : Py_None);
}

static PyObject *
builtin_round(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const allowed[] = {"number", "ndigits", NULL};
    if (check_kwargs("round", kwnames, allowed) < 0) {
        return NULL;
    }
    if (nargs > 2) {
        PyErr_Format(PyExc_TypeError, "round() takes at most 2 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *number = nargs > 0 ? args[0] : kwarg(args, nargs, kwnames, "number");
    PyObject *ndigits = nargs > 1 ? args[1] : kwarg(args, nargs, kwnames, "ndigits");
    if (number == NULL) {
        PyErr_SetString(PyExc_TypeError, "round() missing required argument 'number' (pos 1)");
        return NULL;
    }
    /* __round__ is looked up on the type, never the instance */
    PyObject *meth = _PyObject_LookupSpecial(number, pyrs_object_id("__round__"));
    if (meth == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_TypeError, "type %.100s doesn't define __round__ method",
                         Py_TYPE(number)->tp_name);
        }
        return NULL;
    }
    PyObject *res = ndigits == NULL || ndigits == Py_None ? PyObject_CallNoArgs(meth)
                                                          : PyObject_CallOneArg(meth, ndigits);
    Py_DECREF(meth);
    return res;
}

static PyObject *
builtin_format(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError, "format expected %s, got %zd",
                     nargs < 1 ? "at least 1 argument" : "at most 2 arguments", nargs);
        return NULL;
    }
    if (nargs == 2 && !PyUnicode_Check(args[1])) {
        PyErr_Format(PyExc_TypeError, "format() argument 2 must be str, not %.200s",
                     Py_TYPE(args[1])->tp_name);
        return NULL;
    }
    return PyObject_Format(args[0], nargs == 2 ? args[1] : NULL);
}

/* ---- iterable reducers -------------------------------------------------------------------- */

/* sum()'s generic step: *ACC (owned) becomes *ACC + ITEM (stolen). 0, or -1 with the
 * exception set and *ACC NULL. */
static int
sum_add_steal(PyObject **acc, PyObject *item)
{
    PyObject *n = PyNumber_Add(*acc, item);
    Py_DECREF(item);
    Py_SETREF(*acc, n);
    return n != NULL ? 0 : -1;
}

/* The value of int ITEM when it fits a C long (one digit read inline, the common case). */
static int
sum_int_item(PyObject *item, long *v)
{
    Py_ssize_t size = Py_SIZE(item);
    if (size >= -1 && size <= 1) {
        *v = (long)size * (long)((PyLongObject *)item)->ob_digit[0];
        return 1;
    }
    int overflow;
    *v = PyLong_AsLongAndOverflow(item, &overflow);
    return !overflow;
}

/* sum() while the total *ACC is an exact int, as CPython's fast path: int and bool items that
 * fit a C long are added in a C long with no objects made; the first other item (or an
 * overflow) is added generically and ends the run. 1 when the iterator is exhausted (*ACC the
 * result), 0 when the slower loops go on, -1 with the exception set. */
static int
sum_int_run(PyObject *it, PyObject **acc)
{
    int overflow;
    long total = PyLong_AsLongAndOverflow(*acc, &overflow);
    if (overflow) {
        return 0;
    }
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {
        long b, t;
        if ((PyLong_CheckExact(item) || PyBool_Check(item)) && sum_int_item(item, &b) &&
            !__builtin_add_overflow(total, b, &t)) {
            total = t;
            Py_DECREF(item);
            continue;
        }
        Py_SETREF(*acc, PyLong_FromLong(total));
        if (*acc == NULL) {
            Py_DECREF(item);
            return -1;
        }
        return sum_add_steal(acc, item);
    }
    Py_SETREF(*acc, PyErr_Occurred() ? NULL : PyLong_FromLong(total));
    return *acc != NULL ? 1 : -1;
}

/* sum() while the total *ACC is an exact float: float items, and int items that fit a C long,
 * are added in a C double (CPython 3.11's fast path, plain addition). Results and return
 * values as sum_int_run. */
static int
sum_float_run(PyObject *it, PyObject **acc)
{
    double total = PyFloat_AS_DOUBLE(*acc);
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {
        if (PyFloat_CheckExact(item)) {
            total += PyFloat_AS_DOUBLE(item);
            Py_DECREF(item);
            continue;
        }
        if (PyLong_Check(item)) {
            int overflow;
            long v = PyLong_AsLongAndOverflow(item, &overflow);
            if (!overflow) {
                total += (double)v;
                Py_DECREF(item);
                continue;
            }
        }
        Py_SETREF(*acc, PyFloat_FromDouble(total));
        if (*acc == NULL) {
            Py_DECREF(item);
            return -1;
        }
        return sum_add_steal(acc, item);
    }
    Py_SETREF(*acc, PyErr_Occurred() ? NULL : PyFloat_FromDouble(total));
    return *acc != NULL ? 1 : -1;
}

static PyObject *
builtin_sum(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const allowed[] = {"start", NULL};
    if (check_kwargs("sum", kwnames, allowed) < 0) {
        return NULL;
    }
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError, "sum() takes at most 2 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *start = nargs > 1 ? args[1] : kwarg(args, nargs, kwnames, "start");
    if (start != NULL &&
        (PyUnicode_Check(start) || PyBytes_Check(start) || PyByteArray_Check(start))) {
        PyErr_Format(PyExc_TypeError, "sum() can't sum %s [use %s instead]",
                     PyUnicode_Check(start) ? "strings"
                     : PyBytes_Check(start) ? "bytes"
                                            : "bytearray",
                     PyUnicode_Check(start) ? "''.join(seq)" : "b''.join(seq)");
        return NULL;
    }
    PyObject *acc = start ? Py_NewRef(start) : PyLong_FromLong(0);
    PyObject *it = acc ? PyObject_GetIter(args[0]) : NULL;
    if (it == NULL) {
        Py_XDECREF(acc);
        return NULL;
    }
    int done = PyLong_CheckExact(acc) ? sum_int_run(it, &acc) : 0;
    if (done == 0 && PyFloat_CheckExact(acc)) {
        done = sum_float_run(it, &acc);
    }
    PyObject *item;
    while (done == 0 && (item = PyIter_Next(it)) != NULL) {
        done = sum_add_steal(&acc, item);
    }
    Py_DECREF(it);
    if (done < 0 || PyErr_Occurred()) {
        Py_XDECREF(acc);
        return NULL;
    }
    return acc;
}

static PyObject *
any_all(PyObject *iterable, int want)
{
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL) {
        return NULL;
    }
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {
        int t = PyObject_IsTrue(item);
        Py_DECREF(item);
        if (t < 0) {
            Py_DECREF(it);
            return NULL;
        }
        if (t == want) {
            Py_DECREF(it);
            return PyBool_FromLong(want);
        }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? NULL : PyBool_FromLong(!want);
}

static PyObject *
builtin_any(PyObject *Py_UNUSED(m), PyObject *o)
{
    return any_all(o, 1);
}

static PyObject *
builtin_all(PyObject *Py_UNUSED(m), PyObject *o)
{
    return any_all(o, 0);
}

/* min() and max(): one iterable or several arguments, key= and default=. */
static PyObject *
min_max(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, int op, const char *name)
{
    static const char *const allowed[] = {"key", "default", NULL};
    if (check_kwargs(name, kwnames, allowed) < 0) {
        return NULL;
    }
    PyObject *key = kwarg(args, nargs, kwnames, "key");
    PyObject *dflt = kwarg(args, nargs, kwnames, "default");
    if (key == Py_None) {
        key = NULL;
    }
    if (nargs == 0) {
        PyErr_Format(PyExc_TypeError, "%s expected at least 1 argument, got 0", name);
        return NULL;
    }
    if (nargs > 1 && dflt != NULL) {
        PyErr_Format(PyExc_TypeError,
                     "Cannot specify a default for %s() with multiple positional arguments", name);
        return NULL;
    }
    PyObject *seq =
        nargs == 1 ? Py_NewRef(args[0]) : pyrs_vm_build_tuple((PyObject **)args, (unsigned)nargs);
    PyObject *it = seq ? PyObject_GetIter(seq) : NULL;
    Py_XDECREF(seq);
    if (it == NULL) {
        return NULL;
    }
    PyObject *best = NULL, *bestkey = NULL, *item;
    while ((item = PyIter_Next(it)) != NULL) {
        PyObject *k = key ? PyObject_CallOneArg(key, item) : Py_NewRef(item);
        if (k == NULL) {
            Py_DECREF(item);
            goto fail;
        }
        if (best == NULL) {
            best = item;
            bestkey = k;
            continue;
        }
        int better = PyObject_RichCompareBool(k, bestkey, op);
        if (better < 0) {
            Py_DECREF(item);
            Py_DECREF(k);
            goto fail;
        }
        if (better) {
            Py_SETREF(best, item);
            Py_SETREF(bestkey, k);
        } else {
            Py_DECREF(item);
            Py_DECREF(k);
        }
    }
    if (PyErr_Occurred()) {
        goto fail;
    }
    Py_DECREF(it);
    Py_XDECREF(bestkey);
    if (best == NULL) {
        if (dflt != NULL) {
            return Py_NewRef(dflt);
        }
        PyErr_Format(PyExc_ValueError, "%s() arg is an empty sequence", name);
    }
    return best;
fail:
    Py_DECREF(it);
    Py_XDECREF(best);
    Py_XDECREF(bestkey);
    return NULL;
}

static PyObject *
builtin_min(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return min_max(args, PyVectorcall_NARGS((size_t)nargs), kwnames, Py_LT, "min");
}

static PyObject *
builtin_max(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return min_max(args, PyVectorcall_NARGS((size_t)nargs), kwnames, Py_GT, "max");
}

static PyObject *
builtin_sorted(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    if (nargs != 1) {
        PyErr_Format(PyExc_TypeError, "sorted expected 1 argument, got %zd", nargs);
        return NULL;
    }
    PyObject *list = PySequence_List(args[0]);
    if (list == NULL) {
        return NULL;
    }
    PyObject *sort = PyObject_GetAttrString(list, "sort");
    PyObject *r = sort ? PyObject_Vectorcall(sort, args + 1, 0, kwnames) : NULL;
    Py_XDECREF(sort);
    if (r == NULL) {
        Py_DECREF(list);
        return NULL;
    }
    Py_DECREF(r);
    return list;
}

static PyObject *
builtin_globals(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    PyObject *g = pyrs_eval_current_globals();
    return Py_NewRef(g ? g : Py_None);
}

static PyObject *current_locals(void);

static PyObject *
builtin_dir(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "dir expected at most 1 argument, got %zd", nargs);
        return NULL;
    }
    if (nargs == 0) {
        /* the sorted names of the caller's locals (its globals at module level) */
        PyObject *loc = current_locals();
        PyObject *keys = loc ? PyMapping_Keys(loc) : NULL;
        Py_XDECREF(loc);
        if (keys != NULL && PyList_Sort(keys) < 0) {
            Py_CLEAR(keys);
        }
        return keys;
    }
    return PyObject_Dir(args[0]);
}

/* PEP 560: BASES with every non-class base replaced by what its __mro_entries__(BASES)
 * returns. A new reference (BASES itself when nothing changes). */
static PyObject *
update_bases(PyObject *bases)
{
    PyObject *result = NULL; /* list, made at the first change */
    Py_ssize_t n = PyTuple_GET_SIZE(bases);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *base = PyTuple_GET_ITEM(bases, i);
        PyObject *meth = NULL;
        if (!PyType_Check(base) &&
            _PyObject_LookupAttr(base, pyrs_object_id("__mro_entries__"), &meth) < 0) {
            Py_XDECREF(result);
            return NULL;
        }
        if (meth == NULL) {
            if (result != NULL && PyList_Append(result, base) < 0) {
                Py_DECREF(result);
                return NULL;
            }
            continue;
        }
        PyObject *entries = PyObject_CallOneArg(meth, bases);
        Py_DECREF(meth);
        if (entries == NULL) {
            Py_XDECREF(result);
            return NULL;
        }
        if (!PyTuple_Check(entries)) {
            PyErr_SetString(PyExc_TypeError, "__mro_entries__ must return a tuple");
            Py_DECREF(entries);
            Py_XDECREF(result);
            return NULL;
        }
        if (result == NULL && (result = PyList_New(0)) != NULL) {
            for (Py_ssize_t j = 0; j < i && result != NULL; j++) {
                if (PyList_Append(result, PyTuple_GET_ITEM(bases, j)) < 0) {
                    Py_CLEAR(result);
                }
            }
        }
        PyObject *r = result ? _PyList_Extend((PyListObject *)result, entries) : NULL;
        Py_DECREF(entries);
        if (r == NULL) {
            Py_XDECREF(result);
            return NULL;
        }
        Py_DECREF(r);
    }
    if (result == NULL) {
        return Py_NewRef(bases);
    }
    PyObject *t = PyList_AsTuple(result);
    Py_DECREF(result);
    return t;
}

/* __build_class__(func, name, *bases, metaclass=None, **kwds) */
static PyObject *
builtin_build_class(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                    PyObject *kwnames)
{
    if (nargs < 2) {
        PyErr_SetString(PyExc_TypeError, "__build_class__: not enough arguments");
        return NULL;
    }
    PyObject *func = args[0], *name = args[1];
    if (!PyFunction_Check(func)) {
        PyErr_SetString(PyExc_TypeError, "__build_class__: func must be a function");
        return NULL;
    }
    PyObject *orig_bases = pyrs_vm_build_tuple((PyObject **)args + 2, (unsigned)(nargs - 2));
    PyObject *bases = orig_bases ? update_bases(orig_bases) : NULL;
    PyObject *kwds = PyDict_New();
    PyObject *ns = NULL, *cls = NULL, *cell = NULL;
    if (bases == NULL || kwds == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; kwnames && i < PyTuple_GET_SIZE(kwnames); i++) {
        if (PyDict_SetItem(kwds, PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0) {
            goto done;
        }
    }
    PyObject *meta = PyDict_GetItemString(kwds, "metaclass");
    if (meta != NULL) {
        Py_INCREF(meta);
        PyDict_DelItemString(kwds, "metaclass");
    } else {
        meta = Py_NewRef(PyTuple_GET_SIZE(bases) ? (PyObject *)Py_TYPE(PyTuple_GET_ITEM(bases, 0))
                                                 : (PyObject *)&PyType_Type);
    }
    if (PyType_Check(meta)) {
        PyTypeObject *winner = _PyType_CalculateMetaclass((PyTypeObject *)meta, bases);
        if (winner == NULL) {
            Py_DECREF(meta);
            goto done;
        }
        Py_SETREF(meta, Py_NewRef(winner));
    }
    PyObject *prepare = PyObject_GetAttrString(meta, "__prepare__");
    if (prepare != NULL) {
        PyObject *pargs[2] = {name, bases};
        ns = PyObject_VectorcallDict(prepare, pargs, 2, kwds);
        Py_DECREF(prepare);
    } else if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        ns = PyDict_New();
    }
    if (ns != NULL && !PyMapping_Check(ns)) {
        PyErr_Format(PyExc_TypeError, "%.200s.__prepare__() must return a mapping, not %.200s",
                     PyType_Check(meta) ? ((PyTypeObject *)meta)->tp_name : "<metaclass>",
                     Py_TYPE(ns)->tp_name);
        Py_CLEAR(ns);
    }
    if (ns == NULL) {
        Py_DECREF(meta);
        goto done;
    }
    /* Run the class body with NS as its namespace. */
    PyFunctionObject *fn = (PyFunctionObject *)func;
    PyrsFrame *f = pyrs_frame_push((PyrsCodeObject *)fn->func_code, func, fn->func_globals, ns);
    if (f == NULL || pyrs_frame_bind_args(f, func, NULL, 0, NULL) < 0) {
        if (f != NULL) {
            pyrs_frame_pop(f);
        }
        Py_DECREF(meta);
        goto done;
    }
    cell = pyrs_eval_frame_entry(f);
    if (cell == NULL) {
        Py_DECREF(meta);
        goto done;
    }
    if (bases != orig_bases &&
        PyObject_SetItem(ns, pyrs_object_id("__orig_bases__"), orig_bases) < 0) {
        Py_DECREF(meta);
        goto done;
    }
    PyObject *margs[3] = {name, bases, ns};
    cls = PyObject_VectorcallDict(meta, margs, 3, kwds);
    Py_DECREF(meta);
    if (cls != NULL && PyType_Check(cls) && PyCell_Check(cell) && PyCell_GET(cell) != cls) {
        /* the metaclass did not pass __classcell__ on to type.__new__ (or another class got
         * it): CPython's errors */
        if (PyCell_GET(cell) == NULL) {
            PyErr_Format(PyExc_RuntimeError,
                         "__class__ not set defining %.200R as %.200R. "
                         "Was __classcell__ propagated to type.__new__?",
                         name, cls);
        } else {
            PyErr_Format(PyExc_TypeError, "__class__ set to %.200R defining %.200R as %.200R",
                         PyCell_GET(cell), name, cls);
        }
        Py_CLEAR(cls);
    }
done:
    Py_XDECREF(orig_bases);
    Py_XDECREF(bases);
    Py_XDECREF(kwds);
    Py_XDECREF(ns);
    Py_XDECREF(cell);
    return cls;
}

/* ---- locals, vars, exec, eval, compile, input --------------------------------------------- */

static PyrsCompileHook compile_hook;

void
pyrs_bltin_set_compiler(PyrsCompileHook hook)
{
    compile_hook = hook;
}

static PyrsAstModuleHook ast_module_hook;
static PyrsAstParseHook ast_parse_hook;

void
pyrs_bltin_set_ast_hooks(PyrsAstModuleHook module, PyrsAstParseHook parse)
{
    ast_module_hook = module;
    ast_parse_hook = parse;
}

PyObject *
pyrs_bltin_ast_module(void)
{
    if (ast_module_hook == NULL) {
        PyErr_SetString(PyExc_ImportError, "_ast needs the compiler, which this program lacks");
        return NULL;
    }
    return ast_module_hook();
}

PyObject *
pyrs_bltin_compile(const char *src, size_t len, const char *filename, const char *mode)
{
    if (compile_hook == NULL) {
        PyErr_SetString(PyExc_ImportError, "no compiler in this program");
        return NULL;
    }
    return compile_hook(src, len, filename, mode);
}

/* locals() of the innermost Python frame (an empty dict when there is none). */
static PyObject *
current_locals(void)
{
    PyrsFrame *f = pyrs_frame_top();
    return f != NULL ? pyrs_frame_locals(f) : PyDict_New();
}

static PyObject *
builtin_locals(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return current_locals();
}

static PyObject *
builtin_vars(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "vars expected at most 1 argument, got %zd", nargs);
        return NULL;
    }
    if (nargs == 0) {
        return current_locals();
    }
    PyObject *d = PyObject_GetAttrString(args[0], "__dict__");
    if (d == NULL && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_SetString(PyExc_TypeError, "vars() argument must have __dict__ attribute");
    }
    return d;
}

/* The UTF-8 text of a str/bytes/bytearray/buffer source, or NULL with CPython's TypeError
 * naming FNAME ("exec", "eval", "compile"). The text is borrowed from SRC, or for other
 * buffers from a bytes copy put in *KEEP (a new reference the caller releases). */
static const char *
source_text(PyObject *src, const char *fname, Py_ssize_t *len, PyObject **keep)
{
    const char *text = NULL;
    *keep = NULL;
    if (!PyUnicode_Check(src) && !PyBytes_Check(src) && !PyByteArray_Check(src) &&
        PyObject_CheckBuffer(src)) {
        if ((*keep = PyBytes_FromObject(src)) == NULL) {
            return NULL;
        }
        src = *keep;
    }
    if (PyUnicode_Check(src)) {
        text = PyUnicode_AsUTF8AndSize(src, len);
    } else if (PyBytes_Check(src)) {
        text = PyBytes_AS_STRING(src);
        *len = PyBytes_GET_SIZE(src);
    } else if (PyByteArray_Check(src)) {
        text = PyByteArray_AS_STRING(src);
        *len = PyByteArray_GET_SIZE(src);
    } else {
        PyErr_Format(PyExc_TypeError,
                     strcmp(fname, "compile") == 0
                         ? "compile() arg 1 must be a string, bytes or AST object"
                         : "%s() arg 1 must be a string, bytes or code object",
                     fname);
        return NULL;
    }
    if (text != NULL && (Py_ssize_t)strlen(text) != *len) {
        PyErr_SetString(PyExc_ValueError, "source code string cannot contain null bytes");
        return NULL;
    }
    return text;
}

/* Compiles SRC (str/bytes) in MODE, or returns SRC itself when it is already a code object. */
static PyObject *
source_code(PyObject *src, const char *filename, const char *mode, const char *fname)
{
    if (PyrsCode_Check(src)) {
        return Py_NewRef(src);
    }
    Py_ssize_t len = 0;
    PyObject *keep;
    const char *text = source_text(src, fname, &len, &keep);
    if (text == NULL) {
        Py_XDECREF(keep);
        return NULL;
    }
    if (strcmp(mode, "eval") == 0) {
        while (len > 0 && (*text == ' ' || *text == '\t')) { /* eval ignores indentation */
            text++;
            len--;
        }
    }
    PyObject *res = NULL;
    if (compile_hook == NULL) {
        PyErr_SetString(PyExc_SystemError, "no compiler available");
    } else {
        res = compile_hook(text, (size_t)len, filename, mode);
    }
    Py_XDECREF(keep);
    return res;
}

/* compile(SRC, FILENAME, MODE, PyCF_ONLY_AST) through the compiler's _ast hook; an AST
 * object given as SRC is returned as it is (CPython validates and returns it). */
static PyObject *
compile_to_ast(PyObject *src, const char *filename, const char *mode, int flags,
               int feature_version)
{
    PyObject *astmod =
        PyImport_GetModuleDict() ? PyDict_GetItemString(PyImport_GetModuleDict(), "_ast") : NULL;
    PyObject *ast_cls = astmod ? PyObject_GetAttrString(astmod, "AST") : NULL;
    PyErr_Clear();
    int is_ast = ast_cls != NULL && PyObject_IsInstance(src, ast_cls) == 1;
    Py_XDECREF(ast_cls);
    if (is_ast) {
        return Py_NewRef(src);
    }
    Py_ssize_t len = 0;
    PyObject *keep;
    const char *text = source_text(src, "compile", &len, &keep);
    PyObject *res = NULL;
    if (text != NULL && ast_parse_hook == NULL) {
        PyErr_SetString(PyExc_SystemError, "no compiler available");
    } else if (text != NULL) {
        res = ast_parse_hook(text, (size_t)len, filename, mode, flags, feature_version);
    }
    Py_XDECREF(keep);
    return res;
}

/* Resolves exec/eval's GLOBALS and LOCALS (None or NULL: the caller's) into new references,
 * with CPython's type checks; makes sure globals has __builtins__. */
static int
exec_namespaces(const char *fname, PyObject *globals, PyObject *locals, PyObject **g, PyObject **l)
{
    globals = globals == Py_None ? NULL : globals;
    locals = locals == Py_None ? NULL : locals;
    if (globals != NULL && !PyDict_Check(globals)) {
        if (strcmp(fname, "exec") == 0) {
            PyErr_Format(PyExc_TypeError, "exec() globals must be a dict, not %.100s",
                         Py_TYPE(globals)->tp_name);
        } else {
            PyErr_SetString(PyExc_TypeError,
                            PyMapping_Check(globals)
                                ? "globals must be a real dict; try eval(expr, {}, mapping)"
                                : "globals must be a dict");
        }
        return -1;
    }
    if (locals != NULL && !PyMapping_Check(locals)) {
        PyErr_Format(PyExc_TypeError, "locals must be a mapping");
        return -1;
    }
    if (globals == NULL) {
        globals = pyrs_eval_current_globals();
        *l = locals != NULL ? Py_NewRef(locals) : current_locals();
    } else {
        *l = Py_NewRef(locals != NULL ? locals : globals);
    }
    if (*l == NULL || globals == NULL) {
        Py_CLEAR(*l);
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_SystemError, "no current frame");
        }
        return -1;
    }
    *g = Py_NewRef(globals);
    /* CPython puts the caller's builtins dict there, not the module */
    if (PyDict_GetItemString(*g, "__builtins__") == NULL &&
        PyDict_SetItemString(*g, "__builtins__", PyEval_GetBuiltins()) < 0) {
        Py_CLEAR(*g);
        Py_CLEAR(*l);
        return -1;
    }
    return 0;
}

/* exec()'s closure= (NULL or None: none) checked against source SRC and compiled CODE as
 * CPython 3.11 does; CODE itself (new reference), or NULL with TypeError (CODE released). */
static PyObject *
check_closure(PyObject *src, PyObject *code, PyObject *closure, const char *fname)
{
    Py_ssize_t nfree = ((PyrsCodeObject *)code)->co_nfree;
    const char *msg = NULL;
    if (closure != NULL && !PyrsCode_Check(src)) {
        msg = "closure can only be used when source is a code object";
    } else if (nfree == 0 && closure != NULL) {
        msg = "cannot use a closure with this code object";
    } else if (nfree > 0 && strcmp(fname, "eval") == 0) {
        PyErr_SetString(PyExc_TypeError,
                        "code object passed to eval() may not contain free variables");
        Py_DECREF(code);
        return NULL;
    } else if (nfree > 0) {
        int ok =
            closure != NULL && PyTuple_CheckExact(closure) && PyTuple_GET_SIZE(closure) == nfree;
        for (Py_ssize_t i = 0; ok && i < nfree; i++) {
            ok = PyCell_Check(PyTuple_GET_ITEM(closure, i));
        }
        if (!ok) {
            PyErr_Format(PyExc_TypeError, "code object requires a closure of exactly length %zd",
                         nfree);
            Py_DECREF(code);
            return NULL;
        }
    }
    if (msg != NULL) {
        PyErr_SetString(PyExc_TypeError, msg);
        Py_DECREF(code);
        return NULL;
    }
    return code;
}

/* Runs CODE in globals G and locals L with the cells of tuple CLOSURE as its free variables,
 * through a temporary function holding them. New reference, or NULL with an exception. */
static PyObject *
eval_with_closure(PyObject *code, PyObject *g, PyObject *l, PyObject *closure)
{
    PyObject *func = PyFunction_New(code, g);
    if (func == NULL || PyFunction_SetClosure(func, closure) < 0) {
        Py_XDECREF(func);
        return NULL;
    }
    PyrsFrame *f = pyrs_frame_push((PyrsCodeObject *)code, func, g, l);
    if (f == NULL || pyrs_frame_bind_args(f, func, NULL, 0, NULL) < 0) {
        if (f != NULL) {
            pyrs_frame_pop(f);
        }
        Py_DECREF(func);
        return NULL;
    }
    PyObject *res = pyrs_eval_frame_entry(f);
    Py_DECREF(func);
    return res;
}

/* The CO_FUTURE_* features of the innermost Python frame's code, which source compiled by
 * compile(), exec() and eval() inherits; 0 when no Python code runs. */
static int
inherited_future_flags(void)
{
    PyrsFrame *f = pyrs_frame_top();
    return f != NULL ? f->code->co_flags & PYRS_CO_FUTURE_MASK : 0;
}

/* exec() and eval(): compile when needed, then run with the resolved namespaces. */
static PyObject *
exec_or_eval(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const allowed[] = {"closure", NULL};
    static const char *const none[] = {NULL};
    if (check_kwargs(fname, kwnames, strcmp(fname, "exec") == 0 ? allowed : none) < 0) {
        return NULL;
    }
    if (nargs < 1 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "%s expected at %s, got %zd", fname,
                     nargs < 1 ? "least 1 argument" : "most 3 arguments", nargs);
        return NULL;
    }
    PyObject *g, *l;
    if (exec_namespaces(fname, nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, &g, &l) <
        0) {
        return NULL;
    }
    int is_exec = strcmp(fname, "exec") == 0;
    PyObject *closure = kwarg(args, nargs, kwnames, "closure");
    closure = closure == Py_None ? NULL : closure;
    int saved_flags = pyrs_compile_flags;
    pyrs_compile_flags = inherited_future_flags();
    PyObject *code = source_code(args[0], "<string>", is_exec ? "exec" : "eval", fname);
    pyrs_compile_flags = saved_flags;
    code = code != NULL ? check_closure(args[0], code, closure, fname) : NULL;
    PyObject *r = NULL;
    if (code != NULL) {
        r = closure != NULL ? eval_with_closure(code, g, l, closure) : pyrs_eval_code(code, g, l);
    }
    Py_XDECREF(code);
    Py_DECREF(g);
    Py_DECREF(l);
    if (r != NULL && is_exec) {
        Py_SETREF(r, Py_NewRef(Py_None));
    }
    return r;
}

static PyObject *
builtin_exec(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return exec_or_eval("exec", args, nargs, kwnames);
}

static PyObject *
builtin_eval(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return exec_or_eval("eval", args, nargs, kwnames);
}

static PyrsAstCompileHook ast_compile_hook;

void
pyrs_bltin_set_ast_compile_hook(PyrsAstCompileHook hook)
{
    ast_compile_hook = hook;
}

/* compile() without PyCF_ONLY_AST: an AST object goes through the compiler's converter and
 * validator, anything else is source text. */
static PyObject *
compile_source_or_ast(PyObject *src, const char *filename, const char *mode)
{
    PyObject *mods = PyImport_GetModuleDict();
    PyObject *astmod = mods != NULL ? PyDict_GetItemString(mods, "_ast") : NULL;
    PyObject *ast_cls = astmod != NULL ? PyObject_GetAttrString(astmod, "AST") : NULL;
    PyErr_Clear();
    int is_ast = ast_cls != NULL ? PyObject_IsInstance(src, ast_cls) : 0;
    Py_XDECREF(ast_cls);
    if (is_ast < 0) {
        return NULL;
    }
    if (!is_ast) {
        return source_code(src, filename, mode, "compile");
    }
    if (ast_compile_hook == NULL) {
        PyErr_SetString(PyExc_SystemError, "no compiler available");
        return NULL;
    }
    return ast_compile_hook(src, filename, mode);
}

/* compile()'s FILENAME argument (str, bytes or os.PathLike) as the compiler takes it: bytes in the
 * file system encoding, so a str with surrogateescape'd bytes (zipimport's names of undecodable
 * archives) round-trips to co_filename. New reference, NULL with an exception. */
static PyObject *
compile_filename(PyObject *filename)
{
    PyObject *str = NULL;
    if (!PyUnicode_FSDecoder(filename, &str)) {
        return NULL;
    }
    PyObject *res = PyUnicode_EncodeFSDefault(str);
    Py_DECREF(str);
    return res;
}

/* compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1) */
static PyObject *
builtin_compile(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {
        "source",   "filename",         "mode", "flags", "dont_inherit",
        "optimize", "_feature_version", NULL};
    if (check_kwargs("compile", kwnames, names) < 0) {
        return NULL;
    }
    if (nargs > 6) {
        PyErr_Format(PyExc_TypeError, "compile() takes at most 6 positional arguments (%zd given)",
                     nargs);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) { /* CPython names the first such argument */
        if (kwarg(args, nargs, kwnames, names[i]) != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "argument for compile() given by name ('%s') and position (%zd)", names[i],
                         i + 1);
            return NULL;
        }
    }
    PyObject *v[3];
    for (int i = 0; i < 3; i++) {
        v[i] = i < nargs ? args[i] : kwarg(args, nargs, kwnames, names[i]);
        if (v[i] == NULL) {
            PyErr_Format(PyExc_TypeError, "compile() missing required argument '%s' (pos %d)",
                         names[i], i + 1);
            return NULL;
        }
    }
    const char *mode = PyUnicode_Check(v[2]) ? PyUnicode_AsUTF8(v[2]) : NULL;
    if (mode == NULL || (strcmp(mode, "exec") != 0 && strcmp(mode, "eval") != 0 &&
                         strcmp(mode, "single") != 0 && strcmp(mode, "func_type") != 0)) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
        return NULL;
    }
    long flags = 0;
    PyObject *fv = nargs > 3 ? args[3] : kwarg(args, nargs, kwnames, "flags");
    if (fv != NULL && (flags = PyLong_AsLong(fv)) == -1 && PyErr_Occurred()) {
        return NULL;
    }
    /* allowed: the CO_FUTURE_* bits (0x20000 .. 0x1000000), CO_NESTED and the PyCF_* compile
     * flags ONLY_AST, DONT_IMPLY_DEDENT, TYPE_COMMENTS, ALLOW_TOP_LEVEL_AWAIT,
     * ALLOW_INCOMPLETE_INPUT */
    if (flags & ~(0x1FE0000L | 0x10L | 0x0400L | 0x0200L | 0x1000L | 0x2000L | 0x4000L)) {
        PyErr_SetString(PyExc_ValueError, "compile(): unrecognised flags");
        return NULL;
    }
    if (strcmp(mode, "func_type") == 0 && !(flags & 0x0400)) {
        PyErr_SetString(PyExc_ValueError, "compile() mode 'func_type' requires flag PyCF_ONLY_AST");
        return NULL;
    }
    PyObject *fn = compile_filename(v[1]);
    const char *filename = fn != NULL ? PyBytes_AS_STRING(fn) : NULL;
    PyObject *code = NULL;
    if (filename != NULL && (flags & 0x0400)) { /* PyCF_ONLY_AST: the tree as _ast objects */
        PyObject *fvo = kwarg(args, nargs, kwnames, "_feature_version");
        long feature = fvo != NULL ? PyLong_AsLong(fvo) : -1;
        code = feature == -1 && PyErr_Occurred() ? NULL
                                                 : compile_to_ast(v[0], filename, mode, (int)flags,
                                                                  feature < 0 ? -1 : (int)feature);
    } else if (filename != NULL) {
        PyObject *ov = nargs > 5 ? args[5] : kwarg(args, nargs, kwnames, "optimize");
        long optimize = ov != NULL ? PyLong_AsLong(ov) : -1;
        if (optimize == -1 && PyErr_Occurred()) {
            Py_DECREF(fn);
            return NULL;
        }
        PyObject *di = nargs > 4 ? args[4] : kwarg(args, nargs, kwnames, "dont_inherit");
        int dont_inherit = di != NULL ? PyObject_IsTrue(di) : 0;
        if (dont_inherit < 0) {
            Py_DECREF(fn);
            return NULL;
        }
        int saved = pyrs_compile_optimize, saved_flags = pyrs_compile_flags;
        pyrs_compile_optimize = optimize < 0 ? -1 : (int)(optimize > 2 ? 2 : optimize);
        pyrs_compile_flags =
            (int)(flags & PYRS_CO_FUTURE_MASK) | (dont_inherit ? 0 : inherited_future_flags());
        code = compile_source_or_ast(v[0], filename, mode);
        pyrs_compile_optimize = saved;
        pyrs_compile_flags = saved_flags;
    }
    Py_XDECREF(fn);
    return code;
}

/* sys.NAME for input(): borrowed, or NULL with RuntimeError when missing or None. */
static PyObject *
input_stream(const char *name)
{
    PyObject *f = PySys_GetObject(name);
    if (f == NULL || f == Py_None) {
        PyErr_Format(PyExc_RuntimeError, "input(): lost sys.%s", name);
        return NULL;
    }
    return f;
}

/* F.flush(), ignoring any error as CPython's input() does. */
static void
flush_quietly(PyObject *f)
{
    PyObject *r = PyObject_CallMethod(f, "flush", NULL);
    if (r == NULL) {
        PyErr_Clear();
    }
    Py_XDECREF(r);
}

/* Writes str(PROMPT) (when given) to OUT, then flushes OUT. 0, or -1 when the write fails. */
static int
input_prompt(PyObject *out, PyObject *prompt)
{
    PyObject *s = prompt != NULL ? PyObject_Str(prompt) : NULL;
    if (prompt != NULL && s == NULL) {
        return -1;
    }
    PyObject *r = s != NULL ? PyObject_CallMethod(out, "write", "O", s) : Py_NewRef(Py_None);
    Py_XDECREF(s);
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    flush_quietly(out);
    return 0;
}

/* One line from IN.readline(), without its newline; EOFError at the end of input. */
static PyObject *
input_line(PyObject *in)
{
    PyObject *line = PyObject_CallMethod(in, "readline", NULL);
    if (line == NULL) {
        return NULL;
    }
    if (!PyUnicode_Check(line)) {
        Py_DECREF(line);
        PyErr_SetString(PyExc_TypeError, "object.readline() returned non-string");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    if (n == 0) {
        Py_DECREF(line);
        PyErr_SetString(PyExc_EOFError, "EOF when reading a line");
        return NULL;
    }
    if (PyUnicode_READ_CHAR(line, n - 1) == '\n') {
        Py_SETREF(line, PyUnicode_Substring(line, 0, n - 1));
    }
    return line;
}

static PyObject *
builtin_input(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "input expected at most 1 argument, got %zd", nargs);
        return NULL;
    }
    PyObject *in = input_stream("stdin");
    PyObject *out = in != NULL ? input_stream("stdout") : NULL;
    PyObject *err = out != NULL ? input_stream("stderr") : NULL;
    if (err == NULL) {
        return NULL;
    }
    fflush(stderr);
    Py_INCREF(in);
    flush_quietly(err);
    PyObject *res = input_prompt(out, nargs ? args[0] : NULL) < 0 ? NULL : input_line(in);
    Py_DECREF(in);
    return res;
}

/* breakpoint(*args, **kws): forwards to sys.breakpointhook, as CPython does. */
static PyObject *
builtin_breakpoint(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    PyObject *hook = PySys_GetObject("breakpointhook");
    if (hook == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "lost sys.breakpointhook");
        return NULL;
    }
    Py_INCREF(hook);
    PyObject *res = PyObject_Call(hook, args, kwds);
    Py_DECREF(hook);
    return res;
}

#define FASTCALL(f) (PyCFunction)(void (*)(void))(f)
static PyMethodDef builtin_methods[] = {
    {"__build_class__", FASTCALL(builtin_build_class), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"abs", builtin_abs, METH_O, NULL},
    {"aiter", builtin_aiter, METH_O, NULL},
    {"anext", FASTCALL(builtin_anext), METH_FASTCALL, NULL},
    {"all", builtin_all, METH_O, NULL},
    {"any", builtin_any, METH_O, NULL},
    {"ascii", builtin_ascii, METH_O, NULL},
    {"bin", builtin_bin, METH_O, NULL},
    {"breakpoint", FASTCALL(builtin_breakpoint), METH_VARARGS | METH_KEYWORDS, NULL},
    {"callable", builtin_callable, METH_O, NULL},
    {"chr", builtin_chr, METH_O, NULL},
    {"delattr", FASTCALL(builtin_delattr), METH_FASTCALL, NULL},
    {"compile", FASTCALL(builtin_compile), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"dir", FASTCALL(builtin_dir), METH_FASTCALL, NULL},
    {"divmod", FASTCALL(builtin_divmod), METH_FASTCALL, NULL},
    {"eval", FASTCALL(builtin_eval), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"exec", FASTCALL(builtin_exec), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"format", FASTCALL(builtin_format), METH_FASTCALL, NULL},
    {"getattr", FASTCALL(builtin_getattr), METH_FASTCALL, NULL},
    {"globals", builtin_globals, METH_NOARGS, NULL},
    {"hasattr", FASTCALL(builtin_hasattr), METH_FASTCALL, NULL},
    {"hash", builtin_hash, METH_O, NULL},
    {"hex", builtin_hex, METH_O, NULL},
    {"id", builtin_id, METH_O, NULL},
    {"input", FASTCALL(builtin_input), METH_FASTCALL, NULL},
    {"isinstance", FASTCALL(builtin_isinstance), METH_FASTCALL, NULL},
    {"issubclass", FASTCALL(builtin_issubclass), METH_FASTCALL, NULL},
    {"iter", FASTCALL(builtin_iter), METH_FASTCALL, NULL},
    {"len", builtin_len, METH_O, NULL},
    {"locals", builtin_locals, METH_NOARGS, NULL},
    {"max", FASTCALL(builtin_max), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"min", FASTCALL(builtin_min), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"next", FASTCALL(builtin_next), METH_FASTCALL, NULL},
    {"oct", builtin_oct, METH_O, NULL},
    {"ord", builtin_ord, METH_O, NULL},
    {"pow", FASTCALL(builtin_pow), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"print", FASTCALL(builtin_print), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"repr", builtin_repr, METH_O, NULL},
    {"round", FASTCALL(builtin_round), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"setattr", FASTCALL(builtin_setattr), METH_FASTCALL, NULL},
    {"sorted", FASTCALL(builtin_sorted), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"sum", FASTCALL(builtin_sum), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"vars", FASTCALL(builtin_vars), METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};

static const struct {
    const char *name;
    PyObject *obj;
} builtin_objects[] = {
    {"None", Py_None},
    {"Ellipsis", Py_Ellipsis},
    {"NotImplemented", Py_NotImplemented},
    {"False", Py_False},
    {"True", Py_True},
    {"bool", (PyObject *)&PyBool_Type},
    {"bytearray", (PyObject *)&PyByteArray_Type},
    {"bytes", (PyObject *)&PyBytes_Type},
    {"classmethod", (PyObject *)&PyClassMethod_Type},
    {"complex", (PyObject *)&PyComplex_Type},
    {"dict", (PyObject *)&PyDict_Type},
    {"enumerate", (PyObject *)&PyEnum_Type},
    {"filter", (PyObject *)&PyFilter_Type},
    {"float", (PyObject *)&PyFloat_Type},
    {"frozenset", (PyObject *)&PyFrozenSet_Type},
    {"property", (PyObject *)&PyProperty_Type},
    {"int", (PyObject *)&PyLong_Type},
    {"list", (PyObject *)&PyList_Type},
    {"map", (PyObject *)&PyMap_Type},
    {"memoryview", (PyObject *)&PyMemoryView_Type},
    {"object", (PyObject *)&PyBaseObject_Type},
    {"range", (PyObject *)&PyRange_Type},
    {"reversed", (PyObject *)&PyReversed_Type},
    {"set", (PyObject *)&PySet_Type},
    {"slice", (PyObject *)&PySlice_Type},
    {"staticmethod", (PyObject *)&PyStaticMethod_Type},
    {"str", (PyObject *)&PyUnicode_Type},
    {"super", (PyObject *)&PySuper_Type},
    {"tuple", (PyObject *)&PyTuple_Type},
    {"type", (PyObject *)&PyType_Type},
    {"zip", (PyObject *)&PyZip_Type},
};

int
pyrs_builtins_init(void)
{
    builtins_module = PyModule_New("builtins");
    if (builtins_module == NULL || pyrs_bltiniter_init() < 0) {
        return -1;
    }
    PyObject *d = PyModule_GetDict(builtins_module);
    for (PyMethodDef *m = builtin_methods; m->ml_name != NULL; m++) {
        PyObject *f = PyCFunction_NewEx(m, builtins_module, NULL);
        if (f == NULL || PyDict_SetItemString(d, m->ml_name, f) < 0) {
            Py_XDECREF(f);
            return -1;
        }
        Py_DECREF(f);
    }
    for (size_t i = 0; i < Py_ARRAY_LENGTH(builtin_objects); i++) {
        if (PyDict_SetItemString(d, builtin_objects[i].name, builtin_objects[i].obj) < 0) {
            return -1;
        }
    }
    if (PyDict_SetItemString(d, "__debug__", pyrs_config.optimize > 0 ? Py_False : Py_True) < 0) {
        return -1; /* False under -O */
    }
    if (pyrs_exc_add_builtins(d) < 0 || pyrs_sys_init() < 0) {
        return -1;
    }
    PyObject *modules = PyImport_GetModuleDict();
    if (PyDict_SetItemString(modules, "builtins", builtins_module) < 0) {
        return -1;
    }
    pyrs_eval_set_builtins(d);
    return 0;
}
