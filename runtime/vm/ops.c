/* ops.c: out-of-line operations of the dispatch loop (pyrs/vm.h): name lookups, operators,
 * displays, unpacking, calls with * and **, function creation, exceptions and imports, with
 * CPython 3.11's error messages. */
#include "pyrs/vm.h"
#include "pyrs/eval.h"
#include "pyrs/frame.h"
#include "funcobject.h"
#include "pyrs/sys.h"
#include "pyrs/type.h"

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
                 "cannot access local variable '%U' where it is not associated with a value",
                 name);
}

void
pyrs_vm_unbound_deref(PyrsCodeObject *code, unsigned cell)
{
    if ((int)cell < code->co_ncells) {
        PyErr_Format(PyExc_UnboundLocalError,
                     "cannot access local variable '%U' where it is not associated with a value",
                     PyTuple_GET_ITEM(code->co_cellvars, cell));
    } else {
        PyErr_Format(PyExc_NameError,
                     "cannot access free variable '%U' where it is not associated with a value "
                     "in enclosing scope",
                     PyTuple_GET_ITEM(code->co_freevars, cell - (unsigned)code->co_ncells));
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
pyrs_vm_load_global(PyObject *globals, PyObject *builtins, PyObject *name)
{
    PyObject *v = PyDict_GetItemWithError(globals, name);
    if (v == NULL && !PyErr_Occurred()) {
        v = PyDict_GetItemWithError(builtins, name);
    }
    if (v == NULL) {
        if (!PyErr_Occurred()) {
            name_error(name);
        }
        return NULL;
    }
    return Py_NewRef(v);
}

PyObject *
pyrs_vm_load_name(PyObject *locals, PyObject *globals, PyObject *builtins, PyObject *name)
{
    if (locals != NULL && locals != globals) {
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
    return pyrs_vm_load_global(globals, builtins, name);
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
pyrs_vm_build_list(PyObject **items, unsigned n)
{
    PyObject *l = PyList_New(n);
    if (l == NULL) {
        return NULL;
    }
    for (unsigned i = 0; i < n; i++) {
        PyList_SET_ITEM(l, i, Py_NewRef(items[i]));
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
    PyObject *t = pyrs_vm_build_tuple(items, n);
    if (t == NULL) {
        return NULL;
    }
    PyObject *empty = PyUnicode_FromStringAndSize("", 0);
    PyObject *res = empty != NULL ? PyUnicode_Join(empty, t) : NULL;
    Py_XDECREF(empty);
    Py_DECREF(t);
    return res;
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

int
pyrs_vm_unpack(PyObject *iterable, PyObject **out, unsigned n, int after)
{
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
                PyErr_Format(PyExc_TypeError,
                             "%.200s argument after * must be an iterable, not %.200s",
                             Py_TYPE(callable)->tp_name, Py_TYPE(args)->tp_name);
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
    PyObject *bc = PyDict_GetItemString(pyrs_eval_builtins(), "__build_class__");
    if (bc == NULL) {
        PyErr_SetString(PyExc_NameError, "__build_class__ not found");
        return NULL;
    }
    PyObject *kwnames = (flags & 1) ? args[n] : NULL;
    Py_ssize_t nargs = n - (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
    return PyObject_Vectorcall(bc, args, (size_t)nargs, kwnames);
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
        PyErr_Restore(Py_NewRef(Py_TYPE(handled)), handled,
                      PyException_GetTraceback(handled));
        return;
    }
    PyObject *value;
    if (PyType_Check(exc) && PyType_IsSubtype((PyTypeObject *)exc,
                                              (PyTypeObject *)PyExc_BaseException)) {
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
            PyErr_SetString(PyExc_TypeError,
                            "exception causes must derive from BaseException");
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
    PyObject *prev = PyErr_GetHandledException();
    PyErr_SetHandledException(exc);
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
        PyErr_SetObject(PyExc_AssertionError, msg);
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

/* ---- imports (the import system proper is a later issue: sys.modules only) --------------- */

PyObject *
pyrs_vm_import_name(PyObject *globals, PyObject *name, PyObject *fromlist, int level)
{
    (void)globals;
    (void)fromlist;
    PyObject *modules = PyImport_GetModuleDict();
    PyObject *mod = level == 0 && modules ? PyDict_GetItemWithError(modules, name) : NULL;
    if (mod != NULL) {
        return Py_NewRef(mod);
    }
    if (!PyErr_Occurred()) {
        PyErr_Format(PyExc_ModuleNotFoundError, "No module named '%U'", name);
    }
    return NULL;
}

PyObject *
pyrs_vm_import_from(PyObject *module, PyObject *name)
{
    PyObject *v = PyObject_GetAttr(module, name);
    if (v == NULL && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_ImportError, "cannot import name '%U'", name);
    }
    return v;
}

int
pyrs_vm_import_star(PyObject *module, PyObject *ns)
{
    PyObject *dict = PyObject_GetAttrString(module, "__dict__");
    if (dict == NULL) {
        return -1;
    }
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    int r = 0;
    while (PyDict_Next(dict, &pos, &key, &value)) {
        if (PyUnicode_Check(key) && PyUnicode_READ_CHAR(key, 0) == '_') {
            continue;
        }
        if ((r = PyObject_SetItem(ns, key, value)) < 0) {
            break;
        }
    }
    Py_DECREF(dict);
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
    for (int i = 0; i < co->co_nfree; i++) {
        PyObject *name = PyTuple_GET_ITEM(co->co_freevars, i);
        if (PyUnicode_CompareWithASCIIString(name, "__class__") != 0) {
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
