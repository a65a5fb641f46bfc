/* call.c: calling objects (PyObject_Call, vectorcall and their convenience forms) and the
 * small argument-checking helpers builtins share (_PyArg_NoKeywords, _PyArg_CheckPositional,
 * PyArg_UnpackTuple), with CPython 3.11's semantics and error messages (Objects/call.c). */
#include "Python.h"
#include "pyrs/call.h"
#include "pyrs/object.h"

/* ---- result checking ---- */

static PyObject *
check_result(PyObject *callable, PyObject *result)
{
    if (result == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_SystemError, "%R returned NULL without setting an exception",
                         callable);
        }
        return NULL;
    }
    if (PyErr_Occurred()) {
        Py_DECREF(result);
        _PyErr_FormatFromCause(PyExc_SystemError, "%R returned a result with an exception set",
                               callable);
        return NULL;
    }
    return result;
}

static PyObject *
not_callable(PyObject *callable)
{
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not callable", Py_TYPE(callable)->tp_name);
    return NULL;
}

/* ---- argument conversions ---- */

PyObject *
pyrs_call_tuple_from_array(PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *tuple = PyTuple_New(nargs);
    if (tuple == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
    }
    return tuple;
}

PyObject *
_PyStack_AsDict(PyObject *const *values, PyObject *kwnames)
{
    Py_ssize_t n = PyTuple_GET_SIZE(kwnames);
    PyObject *kwdict = PyDict_New();
    if (kwdict == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyDict_SetItem(kwdict, PyTuple_GET_ITEM(kwnames, i), values[i]) < 0) {
            Py_DECREF(kwdict);
            return NULL;
        }
    }
    return kwdict;
}

int
pyrs_call_unpack_vector(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                        PyObject **tuple, PyObject **kw)
{
    *kw = NULL;
    *tuple = pyrs_call_tuple_from_array(args, nargs);
    if (*tuple == NULL) {
        return -1;
    }
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) > 0) {
        *kw = _PyStack_AsDict(args + nargs, kwnames);
        if (*kw == NULL) {
            Py_CLEAR(*tuple);
            return -1;
        }
    }
    return 0;
}

/* Flattens (ARGS, NARGS) + KWARGS into a new stack of positional-then-keyword values and a
 * kwnames tuple. 0, or -1 with an exception; *STACK must be freed with PyMem_Free and its
 * items decref'd through stack_release. */
static int
stack_from_dict(PyObject *const *args, Py_ssize_t nargs, PyObject *kwargs, PyObject ***stack,
                PyObject **kwnames)
{
    Py_ssize_t nkw = PyDict_GET_SIZE(kwargs);
    PyObject **buf = PyMem_Malloc(sizeof(PyObject *) * (size_t)(1 + nargs + nkw));
    if (buf == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    PyObject *names = PyTuple_New(nkw);
    if (names == NULL) {
        PyMem_Free(buf);
        return -1;
    }
    buf++; /* room for PY_VECTORCALL_ARGUMENTS_OFFSET users */
    for (Py_ssize_t i = 0; i < nargs; i++) {
        buf[i] = Py_NewRef(args[i]);
    }
    Py_ssize_t pos = 0, i = 0;
    PyObject *key, *value;
    while (PyDict_Next(kwargs, &pos, &key, &value)) {
        if (!PyUnicode_Check(key)) {
            /* as CPython's _PyStack_UnpackDict */
            PyErr_SetString(PyExc_TypeError, "keywords must be strings");
            for (Py_ssize_t j = 0; j < nargs + i; j++) {
                Py_DECREF(buf[j]);
            }
            PyMem_Free(buf - 1);
            Py_DECREF(names);
            return -1;
        }
        PyTuple_SET_ITEM(names, i, Py_NewRef(key));
        buf[nargs + i] = Py_NewRef(value);
        i++;
    }
    *stack = buf;
    *kwnames = names;
    return 0;
}

static void
stack_release(PyObject **stack, Py_ssize_t n, PyObject *kwnames)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_DECREF(stack[i]);
    }
    PyMem_Free(stack - 1);
    Py_DECREF(kwnames);
}

/* ---- the call entry points ---- */

vectorcallfunc
PyVectorcall_Function(PyObject *callable)
{
    PyTypeObject *tp = Py_TYPE(callable);
    if (!PyType_HasFeature(tp, Py_TPFLAGS_HAVE_VECTORCALL)) {
        return NULL;
    }
    return *(vectorcallfunc *)((char *)callable + tp->tp_vectorcall_offset);
}

PyObject *
_PyObject_MakeTpCall(struct _ts *Py_UNUSED(tstate), PyObject *callable, PyObject *const *args,
                     Py_ssize_t nargs, PyObject *keywords)
{
    ternaryfunc call = Py_TYPE(callable)->tp_call;
    if (call == NULL) {
        return not_callable(callable);
    }
    PyObject *argstuple = pyrs_call_tuple_from_array(args, nargs);
    if (argstuple == NULL) {
        return NULL;
    }
    PyObject *kwdict = NULL;
    if (keywords != NULL && PyTuple_Check(keywords)) {
        if (PyTuple_GET_SIZE(keywords) > 0) {
            kwdict = _PyStack_AsDict(args + nargs, keywords);
            if (kwdict == NULL) {
                Py_DECREF(argstuple);
                return NULL;
            }
        }
    } else if (keywords != NULL) {
        kwdict = Py_NewRef(keywords);
    }
    PyObject *result = NULL;
    if (!Py_EnterRecursiveCall(" while calling a Python object")) {
        result = call(callable, argstuple, kwdict);
        Py_LeaveRecursiveCall();
    }
    Py_DECREF(argstuple);
    Py_XDECREF(kwdict);
    return check_result(callable, result);
}

PyObject *
PyObject_Vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    vectorcallfunc func = PyVectorcall_Function(callable);
    if (func == NULL) {
        return _PyObject_MakeTpCall(NULL, callable, args, PyVectorcall_NARGS(nargsf), kwnames);
    }
    return check_result(callable, func(callable, args, nargsf, kwnames));
}

PyObject *
_PyObject_FastCall(PyObject *func, PyObject *const *args, Py_ssize_t nargs)
{
    return PyObject_Vectorcall(func, args, (size_t)nargs, NULL);
}

PyObject *
PyObject_VectorcallDict(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwargs)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    vectorcallfunc func = PyVectorcall_Function(callable);
    if (kwargs == NULL || PyDict_GET_SIZE(kwargs) == 0) {
        if (func == NULL) {
            return _PyObject_MakeTpCall(NULL, callable, args, nargs, NULL);
        }
        return check_result(callable, func(callable, args, nargsf, NULL));
    }
    if (func == NULL) {
        return _PyObject_MakeTpCall(NULL, callable, args, nargs, kwargs);
    }
    PyObject **stack, *kwnames;
    if (stack_from_dict(args, nargs, kwargs, &stack, &kwnames) < 0) {
        return NULL;
    }
    PyObject *res = func(callable, stack, (size_t)nargs | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
    stack_release(stack, nargs + PyTuple_GET_SIZE(kwnames), kwnames);
    return check_result(callable, res);
}

PyObject *
PyVectorcall_Call(PyObject *callable, PyObject *tuple, PyObject *kwargs)
{
    Py_ssize_t offset = Py_TYPE(callable)->tp_vectorcall_offset;
    vectorcallfunc func = NULL;
    if (offset > 0) {
        func = *(vectorcallfunc *)((char *)callable + offset);
    }
    if (func == NULL) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object does not support vectorcall",
                     Py_TYPE(callable)->tp_name);
        return NULL;
    }
    Py_ssize_t nargs = PyTuple_GET_SIZE(tuple);
    PyObject *const *items = &PyTuple_GET_ITEM(tuple, 0);
    if (kwargs == NULL || PyDict_GET_SIZE(kwargs) == 0) {
        return check_result(callable, func(callable, items, (size_t)nargs, NULL));
    }
    PyObject **stack, *kwnames;
    if (stack_from_dict(items, nargs, kwargs, &stack, &kwnames) < 0) {
        return NULL;
    }
    PyObject *res = func(callable, stack, (size_t)nargs | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
    stack_release(stack, nargs + PyTuple_GET_SIZE(kwnames), kwnames);
    return check_result(callable, res);
}

PyObject *
PyObject_Call(PyObject *callable, PyObject *args, PyObject *kwargs)
{
    if (!PyTuple_Check(args)) {
        PyErr_SetString(PyExc_TypeError, "argument list must be a tuple");
        return NULL;
    }
    if (kwargs != NULL && !PyDict_Check(kwargs)) {
        PyErr_SetString(PyExc_TypeError, "keyword list must be a dictionary");
        return NULL;
    }
    if (PyVectorcall_Function(callable) != NULL) {
        return PyVectorcall_Call(callable, args, kwargs);
    }
    ternaryfunc call = Py_TYPE(callable)->tp_call;
    if (call == NULL) {
        return not_callable(callable);
    }
    if (Py_EnterRecursiveCall(" while calling a Python object")) {
        return NULL;
    }
    PyObject *result = call(callable, args, kwargs);
    Py_LeaveRecursiveCall();
    return check_result(callable, result);
}

PyObject *
_PyObject_Call(struct _ts *Py_UNUSED(tstate), PyObject *callable, PyObject *args, PyObject *kwargs)
{
    return PyObject_Call(callable, args, kwargs);
}

PyObject *
PyObject_CallObject(PyObject *callable, PyObject *args)
{
    if (args == NULL) {
        return PyObject_Vectorcall(callable, NULL, 0, NULL);
    }
    if (!PyTuple_Check(args)) {
        PyErr_SetString(PyExc_TypeError, "argument list must be a tuple");
        return NULL;
    }
    return PyObject_Call(callable, args, NULL);
}

PyObject *
PyObject_CallNoArgs(PyObject *func)
{
    return PyObject_Vectorcall(func, NULL, 0, NULL);
}

PyObject *
PyObject_CallOneArg(PyObject *func, PyObject *arg)
{
    PyObject *stack[2] = {NULL, arg};
    return PyObject_Vectorcall(func, stack + 1, 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
}

/* Collects the NULL-terminated PyObject * varargs into a PyMem array; its length in *N. */
static PyObject **
collect_varargs(va_list va, Py_ssize_t *n)
{
    va_list count;
    va_copy(count, va);
    Py_ssize_t k = 0;
    while (va_arg(count, PyObject *) != NULL) {
        k++;
    }
    va_end(count);
    PyObject **stack = PyMem_Malloc(sizeof(PyObject *) * (size_t)(k + 1));
    if (stack == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < k; i++) {
        stack[i] = va_arg(va, PyObject *);
    }
    *n = k;
    return stack;
}

PyObject *
PyObject_CallFunctionObjArgs(PyObject *callable, ...)
{
    va_list va;
    Py_ssize_t n;
    va_start(va, callable);
    PyObject **stack = collect_varargs(va, &n);
    va_end(va);
    if (stack == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_Vectorcall(callable, stack, (size_t)n, NULL);
    PyMem_Free(stack);
    return res;
}

PyObject *
PyObject_VectorcallMethod(PyObject *name, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    PyObject *callable = NULL;
    int unbound = _PyObject_GetMethod(args[0], name, &callable);
    if (callable == NULL) {
        return NULL;
    }
    PyObject *res;
    if (unbound) {
        res =
            PyObject_Vectorcall(callable, args, nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
    } else {
        /* Skipping self keeps PY_VECTORCALL_ARGUMENTS_OFFSET valid: args[0] is ours. */
        res = PyObject_Vectorcall(callable, args + 1, nargsf - 1, kwnames);
    }
    Py_DECREF(callable);
    return res;
}

PyObject *
PyObject_CallMethodObjArgs(PyObject *obj, PyObject *name, ...)
{
    if (obj == NULL || name == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    va_list va;
    Py_ssize_t n;
    va_start(va, name);
    PyObject **rest = collect_varargs(va, &n);
    va_end(va);
    if (rest == NULL) {
        return NULL;
    }
    PyObject **stack = PyMem_Malloc(sizeof(PyObject *) * (size_t)(n + 1));
    PyObject *res = NULL;
    if (stack == NULL) {
        PyErr_NoMemory();
    } else {
        stack[0] = obj;
        memcpy(stack + 1, rest, sizeof(PyObject *) * (size_t)n);
        res = PyObject_VectorcallMethod(name, stack, (size_t)(n + 1), NULL);
        PyMem_Free(stack);
    }
    PyMem_Free(rest);
    return res;
}

PyObject *
_PyObject_CallMethodIdObjArgs(PyObject *obj, struct _Py_Identifier *name, ...)
{
    PyObject *oname = obj == NULL ? NULL : _PyUnicode_FromId(name);
    if (oname == NULL) {
        return obj == NULL ? (PyErr_BadInternalCall(), NULL) : NULL;
    }
    va_list va;
    Py_ssize_t n;
    va_start(va, name);
    PyObject **rest = collect_varargs(va, &n);
    va_end(va);
    if (rest == NULL) {
        return NULL;
    }
    PyObject **stack = PyMem_Malloc(sizeof(PyObject *) * (size_t)(n + 1));
    PyObject *res = NULL;
    if (stack == NULL) {
        PyErr_NoMemory();
    } else {
        stack[0] = obj;
        memcpy(stack + 1, rest, sizeof(PyObject *) * (size_t)n);
        res = PyObject_VectorcallMethod(oname, stack, (size_t)(n + 1), NULL);
        PyMem_Free(stack);
    }
    PyMem_Free(rest);
    return res;
}

PyObject *
PyObject_CallMethodNoArgs(PyObject *self, PyObject *name)
{
    return PyObject_VectorcallMethod(name, &self, 1, NULL);
}

PyObject *
PyObject_CallMethodOneArg(PyObject *self, PyObject *name, PyObject *arg)
{
    PyObject *args[2] = {self, arg};
    return PyObject_VectorcallMethod(name, args, 2, NULL);
}

/* ---- calls with Py_BuildValue-style formats ---- */

/* The positional arguments FORMAT describes: a tuple result is used as the argument tuple
 * (CPython's rule), anything else becomes a 1-tuple. New reference. */
static PyObject *
format_args(const char *format, va_list va)
{
    if (format == NULL || *format == '\0') {
        return PyTuple_New(0);
    }
    va_list copy;
    va_copy(copy, va);
    /* every Py_BuildValue unit ('{...}', '[...]', 'u', 'D', ...) through modsupport.c */
    PyObject *items = _Py_VaBuildValue_SizeT(format, copy);
    va_end(copy);
    if (items == NULL || PyTuple_Check(items)) {
        return items;
    }
    PyObject *one = PyTuple_Pack(1, items);
    Py_DECREF(items);
    return one;
}

static PyObject *
call_with_format(PyObject *callable, const char *format, va_list va)
{
    if (callable == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
        }
        return NULL;
    }
    PyObject *args = format_args(format, va);
    if (args == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_Call(callable, args, NULL);
    Py_DECREF(args);
    return res;
}

PyObject *
PyObject_CallFunction(PyObject *callable, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *res = call_with_format(callable, format, va);
    va_end(va);
    return res;
}

PyObject *
_PyObject_CallFunction_SizeT(PyObject *callable, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *res = call_with_format(callable, format, va);
    va_end(va);
    return res;
}

static PyObject *
call_method_with_format(PyObject *obj, PyObject *name, const char *format, va_list va)
{
    if (obj == NULL || name == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
        }
        return NULL;
    }
    PyObject *callable = PyObject_GetAttr(obj, name);
    if (callable == NULL) {
        return NULL;
    }
    if (!PyCallable_Check(callable)) {
        PyErr_Format(PyExc_TypeError, "attribute of type '%.200s' is not callable",
                     Py_TYPE(callable)->tp_name);
        Py_DECREF(callable);
        return NULL;
    }
    PyObject *res = call_with_format(callable, format, va);
    Py_DECREF(callable);
    return res;
}

static PyObject *
call_method_cstr(PyObject *obj, const char *name, const char *format, va_list va)
{
    PyObject *oname = name == NULL ? NULL : PyUnicode_FromString(name);
    if (oname == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
        }
        return NULL;
    }
    PyObject *res = call_method_with_format(obj, oname, format, va);
    Py_DECREF(oname);
    return res;
}

PyObject *
PyObject_CallMethod(PyObject *obj, const char *name, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *res = call_method_cstr(obj, name, format, va);
    va_end(va);
    return res;
}

PyObject *
_PyObject_CallMethod_SizeT(PyObject *obj, const char *name, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *res = call_method_cstr(obj, name, format, va);
    va_end(va);
    return res;
}

PyObject *
_PyObject_CallMethod(PyObject *obj, PyObject *name, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *res = call_method_with_format(obj, name, format, va);
    va_end(va);
    return res;
}

PyObject *
_PyObject_CallMethodId(PyObject *obj, struct _Py_Identifier *name, const char *format, ...)
{
    PyObject *oname = _PyUnicode_FromId(name);
    if (oname == NULL) {
        return NULL;
    }
    va_list va;
    va_start(va, format);
    PyObject *res = call_method_with_format(obj, oname, format, va);
    va_end(va);
    return res;
}

PyObject *
_PyObject_CallMethodId_SizeT(PyObject *obj, struct _Py_Identifier *name, const char *format, ...)
{
    PyObject *oname = _PyUnicode_FromId(name);
    if (oname == NULL) {
        return NULL;
    }
    va_list va;
    va_start(va, format);
    PyObject *res = call_method_with_format(obj, oname, format, va);
    va_end(va);
    return res;
}

/* ---- argument checking helpers ---- */

int
_PyArg_NoKeywords(const char *funcname, PyObject *kwargs)
{
    if (kwargs == NULL) {
        return 1;
    }
    if (!PyDict_Check(kwargs)) {
        PyErr_BadInternalCall();
        return 0;
    }
    if (PyDict_GET_SIZE(kwargs) == 0) {
        return 1;
    }
    PyErr_Format(PyExc_TypeError, "%.200s() takes no keyword arguments", funcname);
    return 0;
}

int
_PyArg_NoKwnames(const char *funcname, PyObject *kwnames)
{
    if (kwnames == NULL || PyTuple_GET_SIZE(kwnames) == 0) {
        return 1;
    }
    PyErr_Format(PyExc_TypeError, "%.200s() takes no keyword arguments", funcname);
    return 0;
}

int
_PyArg_NoPositional(const char *funcname, PyObject *args)
{
    if (args == NULL) {
        return 1;
    }
    if (!PyTuple_CheckExact(args)) {
        PyErr_BadInternalCall();
        return 0;
    }
    if (PyTuple_GET_SIZE(args) == 0) {
        return 1;
    }
    PyErr_Format(PyExc_TypeError, "%.200s() takes no positional arguments", funcname);
    return 0;
}

static void
positional_error(const char *name, Py_ssize_t nargs, const char *bound_word, Py_ssize_t bound,
                 int exact)
{
    const char *qual = exact ? "" : bound_word;
    if (name != NULL) {
        PyErr_Format(PyExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name, qual,
                     bound, bound == 1 ? "" : "s", nargs);
    } else {
        PyErr_Format(PyExc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd",
                     qual, bound, bound == 1 ? "" : "s", nargs);
    }
}

int
_PyArg_CheckPositional(const char *name, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max)
{
    if (nargs < min) {
        positional_error(name, nargs, "at least ", min, min == max);
        return 0;
    }
    if (nargs == 0) {
        return 1;
    }
    if (nargs > max) {
        positional_error(name, nargs, "at most ", max, min == max);
        return 0;
    }
    return 1;
}

static int
unpack_stack(PyObject *const *args, Py_ssize_t nargs, const char *name, Py_ssize_t min,
             Py_ssize_t max, va_list vargs)
{
    if (!_PyArg_CheckPositional(name, nargs, min, max)) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        PyObject **o = va_arg(vargs, PyObject **);
        *o = args[i];
    }
    return 1;
}

int
PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t max, ...)
{
    if (!PyTuple_Check(args)) {
        PyErr_SetString(PyExc_SystemError, "PyArg_UnpackTuple() argument list is not a tuple");
        return 0;
    }
    va_list vargs;
    va_start(vargs, max);
    int ok =
        unpack_stack(&PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), name, min, max, vargs);
    va_end(vargs);
    return ok;
}

int
_PyArg_UnpackStack(PyObject *const *args, Py_ssize_t nargs, const char *name, Py_ssize_t min,
                   Py_ssize_t max, ...)
{
    va_list vargs;
    va_start(vargs, max);
    int ok = unpack_stack(args, nargs, name, min, max, vargs);
    va_end(vargs);
    return ok;
}
