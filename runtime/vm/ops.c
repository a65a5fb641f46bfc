/* ops.c: out-of-line operations of the dispatch loop (pyrs/vm.h): name lookups, operators,
 * displays, unpacking, calls with * and **, function creation, exceptions and imports, with
 * CPython 3.11's error messages. */
#include "pyrs/vm.h"
#include "pyrs/eval.h"
#include "pyrs/frame.h"
#include "pyrs/gen.h"
#include "funcobject.h"
#include "pyrs/sys.h"
#include "pyrs/type.h"
#include "traceback.h"

#include "../../compiler/ast.h"

/* ---- names -------------------------------------------------------------------------------- */

void
pyrs_vm_unbound_local(PyrsCodeObject *code, unsigned reg)
{
    PyObject *name = reg < (unsigned)PyTuple_GET_SIZE(code->co_varnames)
                         ? PyTuple_GET_ITEM(code->co_varnames, reg)
                         : NULL;
    if (name == NULL) {
        PyErr_SetString(PyExc_SystemError, "unbound register");
        return;
    }
    PyErr_Format(PyExc_UnboundLocalError,
                 "cannot access local variable '%U' where it is not associated with a value", name);
}

void
pyrs_vm_unbound_deref(PyrsCodeObject *code, unsigned cell)
{
    if ((int)cell < code->co_ncells) {
        PyErr_Format(PyExc_UnboundLocalError,
                     "cannot access local variable '%U' where it is not associated with a value",
                     PyTuple_GET_ITEM(code->co_cellvars, cell));
    } else {
        PyObject *name = PyTuple_GET_ITEM(code->co_freevars, cell - (unsigned)code->co_ncells);
        PyErr_Format(PyExc_NameError,
                     "cannot access free variable '%U' where it is not associated with a value "
                     "in enclosing scope",
                     name);
        /* the NameError carries the name, as CPython's format_exc_unbound sets it */
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        if (v != NULL) {
            PyObject_SetAttrString(v, "name", name);
        }
        PyErr_Restore(t, v, tb);
    }
}

static void
name_error(PyObject *name)
{
    PyErr_Format(PyExc_NameError, "name '%U' is not defined", name);
    /* 3.10+: the exception carries the name (for "Did you mean" suggestions). */
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (v != NULL) {
        PyObject_SetAttrString(v, "name", name);
    }
    PyErr_Restore(t, v, tb);
}

PyObject *
pyrs_vm_builtins_of(PyObject *globals)
{
    static PyObject *str_builtins;
    if (str_builtins == NULL) {
        str_builtins = PyUnicode_InternFromString("__builtins__");
    }
    PyObject *b = str_builtins != NULL && PyDict_Check(globals)
                      ? PyDict_GetItem(globals, str_builtins)
                      : NULL;
    if (b != NULL && PyModule_Check(b)) {
        b = PyModule_GetDict(b);
    }
    return b != NULL ? b : pyrs_eval_builtins();
}

PyObject *
pyrs_vm_frame_builtins(void *frame)
{
    PyrsFrame *f = frame;
    if (f == NULL) {
        return pyrs_eval_builtins();
    }
    if (f->func != NULL && PyFunction_Check(f->func) &&
        ((PyFunctionObject *)f->func)->func_builtins != NULL) {
        return ((PyFunctionObject *)f->func)->func_builtins;
    }
    return pyrs_vm_builtins_of(f->globals);
}

/* NAME in namespace NS: a new reference; NULL without an exception when it is missing, NULL
 * with one on error. Exact dicts (and any dict when DICT_ONLY) are read without __getitem__,
 * other mappings through it, a KeyError meaning missing, as CPython's name lookups do. */
static PyObject *
ns_lookup(PyObject *ns, PyObject *name, int dict_only)
{
    if (PyDict_CheckExact(ns) || (dict_only && PyDict_Check(ns))) {
        return Py_XNewRef(PyDict_GetItemWithError(ns, name));
    }
    PyObject *v = PyObject_GetItem(ns, name);
    if (v == NULL && PyErr_ExceptionMatches(PyExc_KeyError)) {
        PyErr_Clear();
    }
    return v;
}

/* GLOBALS then BUILTINS (NULL: the builtins GLOBALS names) for NAME; DICT_ONLY as ns_lookup
 * for GLOBALS. New reference, or NULL with NameError or the lookup's exception. */
static PyObject *
load_global(PyObject *globals, PyObject *builtins, PyObject *name, int dict_only)
{
    PyObject *v = ns_lookup(globals, name, dict_only);
    if (v == NULL && !PyErr_Occurred()) {
        v = ns_lookup(builtins != NULL ? builtins : pyrs_vm_builtins_of(globals), name, 0);
        if (v == NULL && !PyErr_Occurred()) {
            name_error(name);
        }
    }
    return v;
}

PyObject *
pyrs_vm_load_global(PyObject *globals, PyObject *builtins, PyObject *name)
{
    return load_global(globals, builtins, name, 0);
}

PyObject *
pyrs_vm_load_name(PyObject *locals, PyObject *globals, PyObject *builtins, PyObject *name)
{
    /* exec(code, mapping) runs with locals == globals: a dict subclass's __getitem__ is still
     * the first lookup, as in CPython */
    if (locals != NULL && (locals != globals || !PyDict_CheckExact(locals))) {
        PyObject *v;
        if (PyDict_CheckExact(locals)) {
            v = PyDict_GetItemWithError(locals, name);
            if (v != NULL) {
                return Py_NewRef(v);
            }
            if (PyErr_Occurred()) {
                return NULL;
            }
        } else {
            v = PyObject_GetItem(locals, name);
            if (v != NULL) {
                return v;
            }
            if (!PyErr_ExceptionMatches(PyExc_KeyError)) {
                return NULL;
            }
            PyErr_Clear();
        }
    }
    return load_global(globals, builtins, name, 1);
}

PyObject *
pyrs_vm_load_classderef(PyObject *locals, PyrsCodeObject *code, unsigned cell, PyObject *cellobj)
{
    PyObject *name = (int)cell < code->co_ncells
                         ? PyTuple_GET_ITEM(code->co_cellvars, cell)
                         : PyTuple_GET_ITEM(code->co_freevars, cell - (unsigned)code->co_ncells);
    if (locals != NULL && PyDict_CheckExact(locals)) {
        PyObject *v = PyDict_GetItemWithError(locals, name);
        if (v != NULL || PyErr_Occurred()) {
            return Py_XNewRef(v);
        }
    } else if (locals != NULL) {
        PyObject *v = PyObject_GetItem(locals, name);
        if (v != NULL || !PyErr_ExceptionMatches(PyExc_KeyError)) {
            return v;
        }
        PyErr_Clear();
    }
    PyObject *v = PyCell_GET(cellobj);
    if (v == NULL) {
        pyrs_vm_unbound_deref(code, cell);
        return NULL;
    }
    return Py_NewRef(v);
}

int
pyrs_vm_del_name(PyObject *ns, PyObject *name)
{
    if (PyObject_DelItem(ns, name) == 0) {
        return 0;
    }
    if (PyErr_ExceptionMatches(PyExc_KeyError)) {
        PyErr_Clear();
        name_error(name);
    }
    return -1;
}

/* ---- operators ---------------------------------------------------------------------------- */

PyObject *
pyrs_vm_binop(unsigned op, PyObject *a, PyObject *b)
{
    int inplace = op >= 16;
    switch (op & 15) {
    case PYRS_OP_ADD:
        return inplace ? PyNumber_InPlaceAdd(a, b) : PyNumber_Add(a, b);
    case PYRS_OP_SUB:
        return inplace ? PyNumber_InPlaceSubtract(a, b) : PyNumber_Subtract(a, b);
    case PYRS_OP_MULT:
        return inplace ? PyNumber_InPlaceMultiply(a, b) : PyNumber_Multiply(a, b);
    case PYRS_OP_MATMULT:
        return inplace ? PyNumber_InPlaceMatrixMultiply(a, b) : PyNumber_MatrixMultiply(a, b);
    case PYRS_OP_DIV:
        return inplace ? PyNumber_InPlaceTrueDivide(a, b) : PyNumber_TrueDivide(a, b);
    case PYRS_OP_MOD:
        return inplace ? PyNumber_InPlaceRemainder(a, b) : PyNumber_Remainder(a, b);
    case PYRS_OP_POW:
        return inplace ? PyNumber_InPlacePower(a, b, Py_None) : PyNumber_Power(a, b, Py_None);
    case PYRS_OP_LSHIFT:
        return inplace ? PyNumber_InPlaceLshift(a, b) : PyNumber_Lshift(a, b);
    case PYRS_OP_RSHIFT:
        return inplace ? PyNumber_InPlaceRshift(a, b) : PyNumber_Rshift(a, b);
    case PYRS_OP_BITOR:
        return inplace ? PyNumber_InPlaceOr(a, b) : PyNumber_Or(a, b);
    case PYRS_OP_BITXOR:
        return inplace ? PyNumber_InPlaceXor(a, b) : PyNumber_Xor(a, b);
    case PYRS_OP_BITAND:
        return inplace ? PyNumber_InPlaceAnd(a, b) : PyNumber_And(a, b);
    case PYRS_OP_FLOORDIV:
        return inplace ? PyNumber_InPlaceFloorDivide(a, b) : PyNumber_FloorDivide(a, b);
    default:
        PyErr_SetString(PyExc_SystemError, "bad binary operator");
        return NULL;
    }
}

PyObject *
pyrs_vm_unop(unsigned op, PyObject *a)
{
    switch (op) {
    case PYRS_UNARY_INVERT:
        return PyNumber_Invert(a);
    case PYRS_UNARY_UADD:
        return PyNumber_Positive(a);
    case PYRS_UNARY_USUB:
        return PyNumber_Negative(a);
    case PYRS_UNARY_NOT: {
        int t = PyObject_IsTrue(a);
        return t < 0 ? NULL : Py_NewRef(t ? Py_False : Py_True);
    }
    default:
        PyErr_SetString(PyExc_SystemError, "bad unary operator");
        return NULL;
    }
}

static PyObject *
bool_result(int r)
{
    return r < 0 ? NULL : Py_NewRef(r ? Py_True : Py_False);
}

PyObject *
pyrs_vm_compare(unsigned op, PyObject *a, PyObject *b)
{
    switch (op) {
    case PYRS_CMP_EQ:
        return PyObject_RichCompare(a, b, Py_EQ);
    case PYRS_CMP_NOTEQ:
        return PyObject_RichCompare(a, b, Py_NE);
    case PYRS_CMP_LT:
        return PyObject_RichCompare(a, b, Py_LT);
    case PYRS_CMP_LTE:
        return PyObject_RichCompare(a, b, Py_LE);
    case PYRS_CMP_GT:
        return PyObject_RichCompare(a, b, Py_GT);
    case PYRS_CMP_GTE:
        return PyObject_RichCompare(a, b, Py_GE);
    case PYRS_CMP_IS:
        return bool_result(a == b);
    case PYRS_CMP_ISNOT:
        return bool_result(a != b);
    case PYRS_CMP_IN:
        return bool_result(PySequence_Contains(b, a));
    case PYRS_CMP_NOTIN: {
        int r = PySequence_Contains(b, a);
        return r < 0 ? NULL : bool_result(!r);
    }
    default:
        PyErr_SetString(PyExc_SystemError, "bad comparison");
        return NULL;
    }
}

/* ---- displays ----------------------------------------------------------------------------- */

PyObject *
pyrs_vm_build_tuple(PyObject **items, unsigned n)
{
    PyObject *t = PyTuple_New(n);
    if (t == NULL) {
        return NULL;
    }
    for (unsigned i = 0; i < n; i++) {
        PyTuple_SET_ITEM(t, i, Py_NewRef(items[i]));
    }
    return t;
}

PyObject *
pyrs_vm_build_tuple_steal(PyObject **items, unsigned n)
{
    PyObject *t = PyTuple_New(n);
    if (t == NULL) {
        return NULL;
    }
    for (unsigned i = 0; i < n; i++) {
        PyTuple_SET_ITEM(t, i, items[i]);
        items[i] = NULL;
    }
    return t;
}

PyObject *
pyrs_vm_build_list_steal(PyObject **items, unsigned n)
{
    PyObject *l = PyList_New(n);
    if (l == NULL) {
        return NULL;
    }
    for (unsigned i = 0; i < n; i++) {
        PyList_SET_ITEM(l, i, items[i]);
        items[i] = NULL;
    }
    return l;
}

PyObject *
pyrs_vm_build_set(PyObject **items, unsigned n)
{
    PyObject *s = PySet_New(NULL);
    for (unsigned i = 0; s != NULL && i < n; i++) {
        if (PySet_Add(s, items[i]) < 0) {
            Py_CLEAR(s);
        }
    }
    return s;
}

PyObject *
pyrs_vm_build_dict(PyObject **pairs, unsigned n)
{
    PyObject *d = PyDict_New();
    for (unsigned i = 0; d != NULL && i < n; i++) {
        if (PyDict_SetItem(d, pairs[2 * i], pairs[2 * i + 1]) < 0) {
            Py_CLEAR(d);
        }
    }
    return d;
}

PyObject *
pyrs_vm_build_string(PyObject **items, unsigned n)
{
    return _PyUnicode_JoinArray(NULL, items, n); /* no separator: plain concatenation */
}

int
pyrs_vm_list_extend(PyObject *list, PyObject *iterable)
{
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) && Py_TYPE(iterable)->tp_iter == NULL &&
            !PySequence_Check(iterable)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "Value after * must be an iterable, not %.200s",
                         Py_TYPE(iterable)->tp_name);
        }
        return -1;
    }
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {
        int r = PyList_Append(list, item);
        Py_DECREF(item);
        if (r < 0) {
            Py_DECREF(it);
            return -1;
        }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

int
pyrs_vm_dict_update(PyObject *dict, PyObject *mapping)
{
    if (PyDict_Update(dict, mapping) == 0) {
        return 0;
    }
    if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not a mapping",
                     Py_TYPE(mapping)->tp_name);
    }
    return -1;
}

int
pyrs_vm_dict_merge(PyObject *dict, PyObject *mapping, PyObject *func)
{
    PyObject *keys = PyMapping_Keys(mapping);
    if (keys == NULL) {
        if (PyErr_ExceptionMatches(PyExc_AttributeError) || !PyMapping_Check(mapping)) {
            PyObject *fs = _PyObject_FunctionStr(func);
            PyErr_Clear();
            if (fs != NULL) {
                PyErr_Format(PyExc_TypeError, "%U argument after ** must be a mapping, not %.200s",
                             fs, Py_TYPE(mapping)->tp_name);
                Py_DECREF(fs);
            }
        }
        return -1;
    }
    PyObject *it = PyObject_GetIter(keys);
    Py_DECREF(keys);
    PyObject *key;
    int r = it != NULL ? 0 : -1;
    while (r == 0 && (key = PyIter_Next(it)) != NULL) {
        int has = PyDict_Contains(dict, key);
        if (has > 0) {
            PyObject *fs = _PyObject_FunctionStr(func);
            if (fs != NULL) { /* any key, as CPython: strings are checked by the call later */
                PyErr_Format(PyExc_TypeError, "%U got multiple values for keyword argument '%S'",
                             fs, key);
            }
            Py_XDECREF(fs);
            r = -1;
        } else if (has < 0) {
            r = -1;
        } else {
            PyObject *v = PyObject_GetItem(mapping, key);
            r = v != NULL ? PyDict_SetItem(dict, key, v) : -1;
            Py_XDECREF(v);
        }
        Py_DECREF(key);
    }
    Py_XDECREF(it);
    return r < 0 || PyErr_Occurred() ? -1 : 0;
}

PyObject *
pyrs_vm_format(PyObject *value, PyObject *spec, unsigned conv)
{
    PyObject *v;
    switch (conv) {
    case 's':
        v = PyObject_Str(value);
        break;
    case 'r':
        v = PyObject_Repr(value);
        break;
    case 'a':
        v = PyObject_ASCII(value);
        break;
    default:
        v = Py_NewRef(value);
        break;
    }
    if (v == NULL) {
        return NULL;
    }
    if (spec == NULL && PyUnicode_CheckExact(v)) {
        return v;
    }
    PyObject *res = PyObject_Format(v, spec);
    Py_DECREF(v);
    return res;
}

/* ---- unpacking ---------------------------------------------------------------------------- */

static int
unpack_error_count(Py_ssize_t expected, Py_ssize_t got, int at_least)
{
    if (got < expected) {
        PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected %s%zd, got %zd)",
                     at_least ? "at least " : "", expected, got);
    } else {
        PyErr_Format(PyExc_ValueError, "too many values to unpack (expected %zd)", expected);
    }
    return -1;
}

/* Stores new reference V in *SLOT, releasing the old value afterwards. */
static inline void
set_slot(PyObject **slot, PyObject *v)
{
    PyObject *old = *slot;
    *slot = v;
    Py_XDECREF(old);
}

/* pyrs_vm_unpack of an exact tuple or list of a size that fits (the common case, with no
 * iterator): 1 when done, 0 when the generic path must run (and report the error), or 0 with
 * MemoryError set. */
static int
unpack_sequence_fast(PyObject *seq, PyObject **out, unsigned n, int after)
{
    Py_ssize_t size;
    PyObject **items;
    PyObject *vals[17];
    if (PyTuple_CheckExact(seq)) {
        size = PyTuple_GET_SIZE(seq);
        items = ((PyTupleObject *)seq)->ob_item;
    } else if (PyList_CheckExact(seq)) {
        size = PyList_GET_SIZE(seq);
        items = ((PyListObject *)seq)->ob_item;
    } else {
        return 0;
    }
    if (n > 16 || (after < 0 ? size != (Py_ssize_t)n : size < (Py_ssize_t)n)) {
        return 0;
    }
    unsigned total = n;
    if (after < 0) {
        for (unsigned i = 0; i < n; i++) {
            vals[i] = Py_NewRef(items[i]);
        }
    } else {
        unsigned before = n - (unsigned)after;
        PyObject *rest = PyList_New(size - (Py_ssize_t)n);
        if (rest == NULL) {
            return 0;
        }
        for (Py_ssize_t i = 0; i < size - (Py_ssize_t)n; i++) {
            PyList_SET_ITEM(rest, i, Py_NewRef(items[before + i]));
        }
        for (unsigned i = 0; i < before; i++) {
            vals[i] = Py_NewRef(items[i]);
        }
        vals[before] = rest;
        for (int k = 0; k < after; k++) {
            vals[before + 1 + k] = Py_NewRef(items[size - after + k]);
        }
        total = n + 1;
    }
    /* all values are owned before any old register value is released (its __del__ may run) */
    for (unsigned i = 0; i < total; i++) {
        set_slot(&out[i], vals[i]);
    }
    return 1;
}

int
pyrs_vm_unpack(PyObject *iterable, PyObject **out, unsigned n, int after)
{
    if (unpack_sequence_fast(iterable, out, n, after)) {
        return 0;
    }
    if (PyErr_Occurred()) {
        return -1;
    }
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "cannot unpack non-iterable %.200s object",
                         Py_TYPE(iterable)->tp_name);
        }
        return -1;
    }
    unsigned before = after < 0 ? n : n - (unsigned)after;
    PyObject **tmp = PyMem_Malloc(sizeof(PyObject *) * (n + 1));
    if (tmp == NULL) {
        Py_DECREF(it);
        PyErr_NoMemory();
        return -1;
    }
    unsigned got = 0;
    int ok = 0;
    for (; got < before; got++) {
        if ((tmp[got] = PyIter_Next(it)) == NULL) {
            if (!PyErr_Occurred()) {
                unpack_error_count(after < 0 ? n : n, got, after >= 0);
            }
            goto done;
        }
    }
    if (after < 0) {
        PyObject *extra = PyIter_Next(it);
        if (extra != NULL) {
            Py_DECREF(extra);
            unpack_error_count(n, n + 1, 0);
            goto done;
        }
        if (PyErr_Occurred()) {
            goto done;
        }
        ok = 1;
    } else {
        PyObject *rest = PySequence_List(it);
        if (rest == NULL) {
            goto done;
        }
        Py_ssize_t nrest = PyList_GET_SIZE(rest);
        if (nrest < after) {
            Py_DECREF(rest);
            unpack_error_count(n, before + nrest, 1);
            goto done;
        }
        for (int k = 0; k < after; k++) {
            tmp[before + 1 + k] = Py_NewRef(PyList_GET_ITEM(rest, nrest - after + k));
        }
        if (PyList_SetSlice(rest, nrest - after, nrest, NULL) < 0) {
            Py_DECREF(rest);
            for (int k = 0; k < after; k++) {
                Py_DECREF(tmp[before + 1 + k]);
            }
            goto done;
        }
        tmp[before] = rest;
        got = n + 1;
        ok = 1;
    }
done:
    Py_DECREF(it);
    if (ok) {
        unsigned total = after < 0 ? n : n + 1;
        for (unsigned i = 0; i < total; i++) {
            PyObject *old = out[i];
            out[i] = tmp[i];
            Py_XDECREF(old);
        }
    } else {
        for (unsigned i = 0; i < got && i < before; i++) {
            Py_DECREF(tmp[i]);
        }
    }
    PyMem_Free(tmp);
    return ok ? 0 : -1;
}

/* ---- calls and functions ------------------------------------------------------------------ */

PyObject *
pyrs_vm_call_ex(PyObject *callable, PyObject *args, PyObject *kwargs)
{
    PyObject *tuple;
    if (PyTuple_CheckExact(args)) {
        tuple = Py_NewRef(args);
    } else {
        tuple = PySequence_Tuple(args);
        if (tuple == NULL) {
            if (PyErr_ExceptionMatches(PyExc_TypeError) && Py_TYPE(args)->tp_iter == NULL &&
                !PySequence_Check(args)) {
                PyErr_Clear();
                PyObject *fs = _PyObject_FunctionStr(callable);
                if (fs != NULL) {
                    PyErr_Format(PyExc_TypeError,
                                 "%U argument after * must be an iterable, not %.200s", fs,
                                 Py_TYPE(args)->tp_name);
                    Py_DECREF(fs);
                }
            }
            return NULL;
        }
    }
    PyObject *res = PyObject_Call(callable, tuple, kwargs);
    Py_DECREF(tuple);
    return res;
}

PyObject *
pyrs_vm_make_function(PyObject *code, PyObject *globals, PyObject **extra, unsigned flags)
{
    PyObject *func = PyFunction_New(code, globals);
    if (func == NULL) {
        return NULL;
    }
    PyFunctionObject *fn = (PyFunctionObject *)func;
    if (flags & 1) {
        fn->func_defaults = Py_NewRef(extra[0]);
    }
    if (flags & 2) {
        fn->func_kwdefaults = Py_NewRef(extra[1]);
    }
    if (flags & 4) {
        fn->func_closure = Py_NewRef(extra[2]);
    }
    if (flags & 8) {
        fn->func_annotations = Py_NewRef(extra[3]);
    }
    return func;
}

PyObject *
pyrs_vm_build_class(PyObject **args, unsigned n, unsigned flags)
{
    static PyObject *str_build_class;
    if (str_build_class == NULL) {
        str_build_class = PyUnicode_InternFromString("__build_class__");
    }
    PyObject *bc = str_build_class == NULL
                       ? NULL
                       : ns_lookup(pyrs_vm_frame_builtins(pyrs_frame_top()), str_build_class, 0);
    if (bc == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_NameError, "__build_class__ not found");
        }
        return NULL;
    }
    PyObject *kwnames = (flags & 1) ? args[n] : NULL;
    Py_ssize_t nargs = n - (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
    PyObject *res = PyObject_Vectorcall(bc, args, (size_t)nargs, kwnames);
    Py_DECREF(bc);
    return res;
}

/* ---- exceptions --------------------------------------------------------------------------- */

void
pyrs_vm_raise(PyObject *exc, PyObject *cause)
{
    if (exc == NULL) {
        PyObject *handled = PyErr_GetHandledException();
        if (handled == NULL || handled == Py_None) {
            Py_XDECREF(handled);
            PyErr_SetString(PyExc_RuntimeError, "No active exception to reraise");
            return;
        }
        PyErr_Restore(Py_NewRef(Py_TYPE(handled)), handled, PyException_GetTraceback(handled));
        return;
    }
    PyObject *value;
    if (PyType_Check(exc) &&
        PyType_IsSubtype((PyTypeObject *)exc, (PyTypeObject *)PyExc_BaseException)) {
        value = PyObject_CallNoArgs(exc);
        if (value == NULL) {
            return;
        }
        if (!PyExceptionInstance_Check(value)) {
            PyErr_Format(PyExc_TypeError,
                         "calling %R should have returned an instance of BaseException, not "
                         "%s",
                         exc, Py_TYPE(value)->tp_name);
            Py_DECREF(value);
            return;
        }
    } else if (PyExceptionInstance_Check(exc)) {
        value = Py_NewRef(exc);
    } else {
        PyErr_SetString(PyExc_TypeError, "exceptions must derive from BaseException");
        return;
    }
    if (cause != NULL) {
        PyObject *fixed;
        if (cause == Py_None) {
            fixed = NULL;
        } else if (PyType_Check(cause) &&
                   PyType_IsSubtype((PyTypeObject *)cause, (PyTypeObject *)PyExc_BaseException)) {
            fixed = PyObject_CallNoArgs(cause);
            if (fixed == NULL) {
                Py_DECREF(value);
                return;
            }
        } else if (PyExceptionInstance_Check(cause)) {
            fixed = Py_NewRef(cause);
        } else {
            Py_DECREF(value);
            PyErr_SetString(PyExc_TypeError, "exception causes must derive from BaseException");
            return;
        }
        PyException_SetCause(value, fixed);
    }
    PyErr_SetObject((PyObject *)Py_TYPE(value), value);
    Py_DECREF(value);
}

void
pyrs_vm_reraise(PyObject *exc)
{
    PyErr_Restore(Py_NewRef(Py_TYPE(exc)), Py_NewRef(exc), PyException_GetTraceback(exc));
}

void
pyrs_vm_reraise_origin(void *frame)
{
    PyrsFrame *f = frame;
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    if (tb != NULL && PyTraceBack_Check(tb) && f->frameobj != NULL &&
        (PyObject *)((PyTracebackObject *)tb)->tb_frame == f->frameobj) {
        pyrs_frame_set_next(f, ((PyTracebackObject *)tb)->tb_lasti / 2 + 1);
    }
    PyErr_Restore(t, v, tb);
}

PyObject *
pyrs_vm_fetch_exc(void)
{
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (tb != NULL && v != NULL) {
        PyException_SetTraceback(v, tb);
    }
    Py_XDECREF(t);
    Py_XDECREF(tb);
    return v;
}

PyObject *
pyrs_vm_push_exc(PyObject *exc)
{
    /* the innermost level's own value (a generator's may be empty while an outer one is set;
     * restoring must put back exactly that) */
    _PyErr_StackItem *top = PyThreadState_Get()->exc_info;
    PyObject *prev = top->exc_value;
    top->exc_value = Py_XNewRef(exc == Py_None ? NULL : exc);
    return prev != NULL ? prev : Py_NewRef(Py_None);
}

void
pyrs_vm_pop_exc(PyObject *saved)
{
    PyErr_SetHandledException(saved == Py_None ? NULL : saved);
}

int
pyrs_vm_match_exc(PyObject *exc, PyObject *type)
{
    if (PyTuple_Check(type)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(type); i++) {
            PyObject *t = PyTuple_GET_ITEM(type, i);
            if (!PyExceptionClass_Check(t)) {
                PyErr_SetString(PyExc_TypeError,
                                "catching classes that do not inherit from BaseException is "
                                "not allowed");
                return -1;
            }
        }
    } else if (!PyExceptionClass_Check(type)) {
        PyErr_SetString(PyExc_TypeError,
                        "catching classes that do not inherit from BaseException is not "
                        "allowed");
        return -1;
    }
    return PyErr_GivenExceptionMatches(exc, type);
}

void
pyrs_vm_assert_fail(PyObject *msg)
{
    if (msg == NULL) {
        PyErr_SetNone(PyExc_AssertionError);
    } else {
        /* the message is the one argument, even a tuple (CPython calls the class) */
        PyObject *exc = PyObject_CallOneArg(PyExc_AssertionError, msg);
        if (exc != NULL) {
            PyErr_SetObject(PyExc_AssertionError, exc);
            Py_DECREF(exc);
        }
    }
}

int
pyrs_vm_setup_annotations(PyObject *ns)
{
    PyObject *key = PyUnicode_FromString("__annotations__");
    if (key == NULL) {
        return -1;
    }
    int has = PyMapping_HasKey(ns, key);
    int r = 0;
    if (!has) {
        PyObject *d = PyDict_New();
        r = d == NULL ? -1 : PyObject_SetItem(ns, key, d);
        Py_XDECREF(d);
    }
    Py_DECREF(key);
    return r;
}

/* ---- zero-argument super() ---------------------------------------------------------------- */

/* The class and first argument of the innermost Python frame, for super() with no
 * arguments: __class__ comes from the frame's free variable of that name, the instance from
 * its first parameter (read through its cell when the parameter is captured). */
int
pyrs_vm_super_args(PyObject **type, PyObject **obj)
{
    PyrsFrame *f = pyrs_frame_top();
    if (f == NULL || f->func == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "super(): no current frame");
        return -1;
    }
    PyrsCodeObject *co = f->code;
    if (co->co_argcount == 0) {
        PyErr_SetString(PyExc_RuntimeError, "super(): no arguments");
        return -1;
    }
    PyObject *first = f->regs[0];
    for (int i = 0; co->co_cell2arg != NULL && i < co->co_ncells; i++) {
        if (co->co_cell2arg[i] == 0) {
            first = PyCell_GET(f->regs[co->co_nregs + i]);
        }
    }
    if (first == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "super(): arg[0] deleted");
        return -1;
    }
    static PyObject *str_class; /* "__class__", interned: the compiler's names are too */
    if (str_class == NULL && (str_class = PyUnicode_InternFromString("__class__")) == NULL) {
        return -1;
    }
    for (int i = 0; i < co->co_nfree; i++) {
        PyObject *name = PyTuple_GET_ITEM(co->co_freevars, i);
        if (name != str_class && PyUnicode_CompareWithASCIIString(name, "__class__") != 0) {
            continue;
        }
        PyObject *cls = PyCell_GET(f->regs[co->co_nregs + co->co_ncells + i]);
        if (cls == NULL) {
            PyErr_SetString(PyExc_RuntimeError, "super(): empty __class__ cell");
            return -1;
        }
        if (!PyType_Check(cls)) {
            PyErr_Format(PyExc_RuntimeError, "super(): __class__ is not a type (%s)",
                         Py_TYPE(cls)->tp_name);
            return -1;
        }
        *type = Py_NewRef(cls);
        *obj = Py_NewRef(first);
        return 0;
    }
    PyErr_SetString(PyExc_RuntimeError, "super(): __class__ cell not found");
    return -1;
}

/* ---- yield from on iterators that are not pyrs generators --------------------------------- */

/* The value of the StopIteration that ended an iterator (None when there was none), with the
 * error indicator cleared; NULL when another exception is pending. */
static PyObject *
stop_iteration_value(void)
{
    if (!PyErr_Occurred()) {
        return Py_NewRef(Py_None);
    }
    if (!PyErr_ExceptionMatches(PyExc_StopIteration)) {
        return NULL;
    }
    PyObject *exc = pyrs_vm_fetch_exc();
    PyObject *v = exc != NULL ? PyObject_GetAttrString(exc, "value") : NULL;
    Py_XDECREF(exc);
    return v;
}

PyObject *
pyrs_vm_send(PyObject *iter, PyObject *value, int *done)
{
    PyObject *r;
    if (value == Py_None && Py_TYPE(iter)->tp_iternext != NULL) {
        r = Py_TYPE(iter)->tp_iternext(iter);
    } else {
        r = PyObject_CallMethod(iter, "send", "O", value);
    }
    if (r != NULL) {
        *done = 0;
        return r;
    }
    *done = 1;
    return stop_iteration_value();
}

PyObject *
pyrs_vm_throw_into(PyObject *iter, int *done)
{
    PyObject *exc = pyrs_vm_fetch_exc();
    if (exc == NULL) {
        return NULL;
    }
    *done = 0;
    int is_exit = PyErr_GivenExceptionMatches(exc, PyExc_GeneratorExit);
    PyObject *meth = NULL;
    PyObject *name = PyUnicode_FromString(is_exit ? "close" : "throw");
    int found = name != NULL ? _PyObject_LookupAttr(iter, name, &meth) : -1;
    Py_XDECREF(name);
    if (found < 0) {
        Py_DECREF(exc);
        return NULL;
    }
    if (meth == NULL || is_exit) {
        PyObject *r = meth != NULL ? PyObject_CallNoArgs(meth) : Py_NewRef(Py_None);
        Py_XDECREF(meth);
        if (r == NULL) {
            Py_DECREF(exc);
            return NULL;
        }
        Py_DECREF(r);
        pyrs_vm_reraise(exc);
        Py_DECREF(exc);
        return NULL;
    }
    PyObject *r = PyObject_CallOneArg(meth, exc);
    Py_DECREF(meth);
    Py_DECREF(exc);
    if (r != NULL) {
        return r;
    }
    *done = 1;
    return stop_iteration_value();
}

PyObject *
pyrs_vm_yield_from_iter(PyObject *obj)
{
    if (PyrsCoro_Check(obj)) {
        PyErr_SetString(PyExc_TypeError,
                        "cannot 'yield from' a coroutine object in a non-coroutine generator");
        return NULL;
    }
    if (PyrsGen_Check(obj)) {
        return Py_NewRef(obj);
    }
    return PyObject_GetIter(obj);
}

/* ---- match statements --------------------------------------------------------------------- */

PyObject *
pyrs_vm_match_sequence(PyObject *subject, unsigned n, unsigned at_least)
{
    if (!(Py_TYPE(subject)->tp_flags & Py_TPFLAGS_SEQUENCE)) {
        return Py_NewRef(Py_False);
    }
    if (at_least && n == 0) {
        return Py_NewRef(Py_True); /* `[*_]`: no length needed, as CPython */
    }
    Py_ssize_t len = PyObject_Length(subject);
    if (len < 0) {
        return NULL;
    }
    int ok = at_least ? len >= (Py_ssize_t)n : len == (Py_ssize_t)n;
    return Py_NewRef(ok ? Py_True : Py_False);
}

PyObject *
pyrs_vm_load_special(PyObject *obj, PyObject *name, unsigned kind)
{
    PyObject *meth = _PyObject_LookupSpecial(obj, name);
    if (meth == NULL && !PyErr_Occurred()) {
        PyErr_Format(PyExc_TypeError,
                     "'%.200s' object does not support the %scontext manager protocol%s",
                     Py_TYPE(obj)->tp_name, (kind & 2) ? "asynchronous " : "",
                     !(kind & 1)  ? ""
                     : (kind & 2) ? " (missed __aexit__ method)"
                                  : " (missed __exit__ method)");
    }
    return meth;
}

PyObject *
pyrs_vm_match_item(PyObject *subject, unsigned i, unsigned from_end)
{
    Py_ssize_t index = (Py_ssize_t)i;
    if (from_end) { /* the subject need not support negative indexes */
        Py_ssize_t len = PyObject_Length(subject);
        if (len < 0) {
            return NULL;
        }
        index = len - (Py_ssize_t)i;
    }
    PyObject *key = PyLong_FromSsize_t(index);
    PyObject *item = key != NULL ? PyObject_GetItem(subject, key) : NULL;
    Py_XDECREF(key);
    return item;
}

PyObject *
pyrs_vm_match_mapping(PyObject *subject, unsigned min_len)
{
    if (!(Py_TYPE(subject)->tp_flags & Py_TPFLAGS_MAPPING)) {
        return Py_NewRef(Py_False);
    }
    if (min_len == 0) {
        return Py_NewRef(Py_True);
    }
    Py_ssize_t len = PyObject_Length(subject); /* fewer items than keys: no lookups at all */
    return len < 0 ? NULL : Py_NewRef(len >= (Py_ssize_t)min_len ? Py_True : Py_False);
}

PyObject *
pyrs_vm_match_keys(PyObject *subject, PyObject *keys)
{
    Py_ssize_t n = PyTuple_GET_SIZE(keys);
    PyObject *values = PyTuple_New(n);
    PyObject *dummy = values != NULL ? PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type) : NULL;
    PyObject *get = dummy != NULL ? PyObject_GetAttrString(subject, "get") : NULL;
    PyObject *seen = get != NULL ? PySet_New(NULL) : NULL;
    PyObject *result = NULL;
    if (seen != NULL) {
        result = values;
        for (Py_ssize_t i = 0; i < n && result != NULL; i++) {
            PyObject *key = PyTuple_GET_ITEM(keys, i);
            int dup = PySet_Contains(seen, key);
            if (dup != 0 || PySet_Add(seen, key) < 0) { /* dotted-name keys can repeat */
                if (dup > 0) {
                    PyErr_Format(PyExc_ValueError, "mapping pattern checks duplicate key (%R)",
                                 key);
                }
                result = NULL;
                break;
            }
            PyObject *v = PyObject_CallFunctionObjArgs(get, key, dummy, NULL);
            if (v == NULL || v == dummy) {
                Py_XDECREF(v);
                result = v == NULL ? NULL : Py_None;
                break;
            }
            PyTuple_SET_ITEM(values, i, v);
        }
    }
    Py_XDECREF(seen);
    Py_XDECREF(get);
    Py_XDECREF(dummy);
    if (result == values) {
        return values;
    }
    Py_XDECREF(values);
    return Py_XNewRef(result);
}

PyObject *
pyrs_vm_match_rest(PyObject *subject, PyObject *keys)
{
    PyObject *d = PyDict_New();
    if (d == NULL || PyDict_Update(d, subject) < 0) {
        Py_XDECREF(d);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(keys); i++) {
        if (PyDict_DelItem(d, PyTuple_GET_ITEM(keys, i)) < 0) {
            Py_DECREF(d);
            return NULL;
        }
    }
    return d;
}

/* The positional sub-pattern attribute names of CLS (__match_args__), or NULL. */
static PyObject *
match_args(PyObject *cls, unsigned npos, int *match_self)
{
    *match_self = 0;
    PyObject *ma = NULL;
    PyObject *key = PyUnicode_InternFromString("__match_args__");
    int found = key != NULL ? _PyObject_LookupAttr(cls, key, &ma) : -1;
    Py_XDECREF(key);
    if (found < 0) {
        return NULL;
    }
    if (ma == NULL) {
        *match_self = (((PyTypeObject *)cls)->tp_flags & _Py_TPFLAGS_MATCH_SELF) != 0;
        ma = PyTuple_New(0);
    } else if (!PyTuple_CheckExact(ma)) {
        PyErr_Format(PyExc_TypeError, "%s.__match_args__ must be a tuple (got %s)",
                     ((PyTypeObject *)cls)->tp_name, Py_TYPE(ma)->tp_name);
        Py_CLEAR(ma);
    }
    Py_ssize_t allowed = ma == NULL ? 0 : *match_self ? 1 : PyTuple_GET_SIZE(ma);
    if (ma != NULL && (Py_ssize_t)npos > allowed) {
        PyErr_Format(PyExc_TypeError, "%s() accepts %zd positional sub-pattern%s (%u given)",
                     ((PyTypeObject *)cls)->tp_name, allowed, allowed == 1 ? "" : "s", npos);
        Py_CLEAR(ma);
    }
    return ma;
}

/* getattr(SUBJECT, NAME), or NULL without an exception when it is missing. */
static PyObject *
match_attr(PyObject *subject, PyObject *name, int *err)
{
    PyObject *v = NULL;
    *err = _PyObject_LookupAttr(subject, name, &v) < 0;
    return v;
}

PyObject *
pyrs_vm_match_class(PyObject *subject, PyObject *cls, unsigned npos, PyObject *kwnames)
{
    if (!PyType_Check(cls)) {
        PyErr_SetString(PyExc_TypeError, "called match pattern must be a type");
        return NULL;
    }
    int r = PyObject_IsInstance(subject, cls);
    if (r <= 0) {
        return r < 0 ? NULL : Py_NewRef(Py_None);
    }
    int match_self;
    PyObject *ma = match_args(cls, npos, &match_self);
    if (ma == NULL) {
        return NULL;
    }
    Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
    PyObject *values = PyTuple_New((Py_ssize_t)npos + nkw);
    PyObject *seen = values != NULL ? PySet_New(NULL) : NULL;
    if (seen == NULL) {
        Py_CLEAR(values);
    }
    for (Py_ssize_t i = 0; values != NULL && i < (Py_ssize_t)npos + nkw; i++) {
        PyObject *name = i < (Py_ssize_t)npos ? (match_self ? NULL : PyTuple_GET_ITEM(ma, i))
                                              : PyTuple_GET_ITEM(kwnames, i - npos);
        if (name != NULL && !PyUnicode_Check(name)) {
            PyErr_Format(PyExc_TypeError, "__match_args__ elements must be strings (got %s)",
                         Py_TYPE(name)->tp_name);
            Py_CLEAR(values);
            break;
        }
        int dup = name != NULL ? PySet_Contains(seen, name) : 0;
        if (dup != 0 || (name != NULL && PySet_Add(seen, name) < 0)) {
            if (dup > 0) {
                PyErr_Format(PyExc_TypeError, "%s() got multiple sub-patterns for attribute %R",
                             ((PyTypeObject *)cls)->tp_name, name);
            }
            Py_CLEAR(values);
            break;
        }
        int err = 0;
        PyObject *v = name == NULL ? Py_NewRef(subject) : match_attr(subject, name, &err);
        if (v == NULL) {
            Py_CLEAR(values);
            if (!err) {
                values = Py_NewRef(Py_None);
            }
            break;
        }
        PyTuple_SET_ITEM(values, i, v);
    }
    Py_XDECREF(seen);
    Py_DECREF(ma);
    return values;
}

/* ---- async for ----------------------------------------------------------------------------- */

/* Calls the special method NAME of OBJ's type (am_* slot first when SLOT is set), or returns
 * NULL without an exception when the type has none. */
static PyObject *
call_async_special(PyObject *obj, unaryfunc slot, const char *name)
{
    if (slot != NULL) {
        return slot(obj);
    }
    PyObject *meth = NULL;
    PyObject *key = PyUnicode_InternFromString(name);
    if (key == NULL || _PyObject_LookupAttr((PyObject *)Py_TYPE(obj), key, &meth) < 0) {
        Py_XDECREF(key);
        return NULL;
    }
    Py_DECREF(key);
    if (meth == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_CallOneArg(meth, obj);
    Py_DECREF(meth);
    return r;
}

PyObject *
pyrs_vm_aiter(PyObject *obj)
{
    PyAsyncMethods *am = Py_TYPE(obj)->tp_as_async;
    PyObject *it = call_async_special(obj, am ? am->am_aiter : NULL, "__aiter__");
    if (it == NULL && !PyErr_Occurred()) {
        PyErr_Format(PyExc_TypeError,
                     "'async for' requires an object with __aiter__ method, got %.100s",
                     Py_TYPE(obj)->tp_name);
    }
    return it;
}

PyObject *
pyrs_vm_anext(PyObject *it)
{
    PyAsyncMethods *am = Py_TYPE(it)->tp_as_async;
    PyObject *aw = call_async_special(it, am ? am->am_anext : NULL, "__anext__");
    if (aw == NULL && !PyErr_Occurred()) {
        PyErr_Format(PyExc_TypeError,
                     "'async for' received an object from __aiter__ that does not implement "
                     "__anext__: %.100s",
                     Py_TYPE(it)->tp_name);
    }
    return aw;
}

void
pyrs_vm_await_error(PyObject *obj, unsigned where)
{
    PyTypeObject *tp = Py_TYPE(obj);
    if (where == 3) { /* CPython: raised "from" the original error */
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        if (tb != NULL && v != NULL) {
            PyException_SetTraceback(v, tb);
        }
        PyErr_Format(PyExc_TypeError,
                     "'async for' received an invalid object from __anext__: %.100s", tp->tp_name);
        PyObject *t2, *v2, *tb2;
        PyErr_Fetch(&t2, &v2, &tb2);
        PyErr_NormalizeException(&t2, &v2, &tb2);
        if (v2 != NULL && v != NULL) {
            PyException_SetCause(v2, Py_NewRef(v));
            PyException_SetContext(v2, Py_NewRef(v));
        }
        PyErr_Restore(t2, v2, tb2);
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
        return;
    }
    PyObject *name = PyUnicode_InternFromString("__await__");
    int has = name != NULL && _PyType_Lookup(tp, name) != NULL;
    Py_XDECREF(name);
    if (has || (tp->tp_as_async != NULL && tp->tp_as_async->am_await != NULL)) {
        return; /* __await__ itself failed: its error stands */
    }
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError,
                 "'async with' received an object from __a%s__ that does not implement "
                 "__await__: %.100s",
                 where == 1 ? "enter" : "exit", tp->tp_name);
}

/* ---- method calls ---------------------------------------------------------------------------- */

int
pyrs_vm_load_method(PyObject *obj, PyObject *name, PyObject **out)
{
    PyTypeObject *tp = Py_TYPE(obj);
    PyObject *descr = tp->tp_getattro == PyObject_GenericGetAttr && PyUnicode_CheckExact(name)
                          ? _PyType_Lookup(tp, name)
                          : NULL;
    if (descr == NULL || !PyFunction_Check(descr)) {
        *out = PyObject_GetAttr(obj, name);
        return *out != NULL ? 0 : -1;
    }
    Py_INCREF(descr); /* the instance dict lookup below may run arbitrary code */
    PyObject **dictptr = _PyObject_GetDictPtr(obj);
    if (dictptr != NULL && *dictptr != NULL) {
        PyObject *v = PyDict_GetItemWithError(*dictptr, name);
        if (v != NULL || PyErr_Occurred()) {
            Py_DECREF(descr);
            *out = Py_XNewRef(v);
            return v != NULL ? 0 : -1;
        }
    }
    *out = descr;
    return 1;
}

/* ---- interactive echo ---------------------------------------------------------------------- */

int
pyrs_vm_print_expr(PyObject *value)
{
    PyObject *hook = PySys_GetObject("displayhook");
    if (hook == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_RuntimeError, "lost sys.displayhook");
        }
        return -1;
    }
    PyObject *r = PyObject_CallOneArg(hook, value);
    Py_XDECREF(r);
    return r != NULL ? 0 : -1;
}

void
pyrs_vm_init_result_error(PyObject *res)
{
    PyErr_Format(PyExc_TypeError, "__init__() should return None, not '%.200s'",
                 Py_TYPE(res)->tp_name);
    Py_DECREF(res);
}
