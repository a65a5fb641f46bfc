/* cpyext/compat.c: small C-API functions CPython 3.11 exports that only extension modules
 * use: finalization state, the StopIteration value protocol (Objects/genobject.c), the C
 * call result check (Objects/call.c), Argument Clinic's optional-size converter, module
 * lookup by _Py_Identifier, _PyTraceback_Add and Py_GetProgramName, with CPython's messages;
 * and the int singletons that core extension modules read straight out of _PyRuntime. */
#include <stdio.h>
#include <string.h>

#include "Python.h"
#include "pyrs/cpyext.h"
#include "code.h"
#include "frameobject.h"
#include "pyrs/eval.h"
#include "pyrs/gil.h"
#include "pyrs/state.h"

int
_Py_IsFinalizing(void)
{
    return pyrs_gil_is_finalizing();
}

int
_PyGen_SetStopIterationValue(PyObject *value)
{
    if (value == Py_None) {
        PyErr_SetNone(PyExc_StopIteration);
        return 0;
    }
    /* StopIteration(value) made explicitly, so a tuple or exception value is not unpacked */
    PyObject *exc = PyObject_CallOneArg(PyExc_StopIteration, value);
    if (exc == NULL) {
        return -1;
    }
    PyErr_SetObject(PyExc_StopIteration, exc);
    Py_DECREF(exc);
    return 0;
}

int
_PyGen_FetchStopIterationValue(PyObject **pvalue)
{
    PyObject *value = NULL;
    if (PyErr_ExceptionMatches(PyExc_StopIteration)) {
        PyObject *et, *ev, *tb;
        PyErr_Fetch(&et, &ev, &tb);
        if (ev != NULL && PyObject_TypeCheck(ev, (PyTypeObject *)PyExc_StopIteration)) {
            value = Py_NewRef(((PyStopIterationObject *)ev)->value);
            Py_DECREF(ev);
        } else if (ev != NULL && et == PyExc_StopIteration && !PyTuple_Check(ev)) {
            value = ev; /* an unnormalized value is the value itself */
        } else if (ev != NULL) {
            PyErr_NormalizeException(&et, &ev, &tb);
            if (!PyObject_TypeCheck(ev, (PyTypeObject *)PyExc_StopIteration)) {
                PyErr_Restore(et, ev, tb);
                return -1;
            }
            value = Py_NewRef(((PyStopIterationObject *)ev)->value);
            Py_DECREF(ev);
        }
        Py_XDECREF(et);
        Py_XDECREF(tb);
    } else if (PyErr_Occurred()) {
        return -1;
    }
    *pvalue = value != NULL ? value : Py_NewRef(Py_None);
    return 0;
}

PyObject *
_Py_CheckFunctionResult(PyThreadState *Py_UNUSED(tstate), PyObject *callable, PyObject *result,
                        const char *where)
{
    if (result == NULL) {
        if (!PyErr_Occurred()) {
            if (callable != NULL) {
                PyErr_Format(PyExc_SystemError, "%R returned NULL without setting an exception",
                             callable);
            } else {
                PyErr_Format(PyExc_SystemError, "%s returned NULL without setting an exception",
                             where);
            }
        }
        return NULL;
    }
    if (PyErr_Occurred()) {
        Py_DECREF(result);
        if (callable != NULL) {
            _PyErr_FormatFromCause(PyExc_SystemError, "%R returned a result with an exception set",
                                   callable);
        } else {
            _PyErr_FormatFromCause(PyExc_SystemError, "%s returned a result with an exception set",
                                   where);
        }
        return NULL;
    }
    return result;
}

int
_Py_convert_optional_to_ssize_t(PyObject *obj, void *result)
{
    if (obj == Py_None) {
        return 1;
    }
    if (!PyIndex_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "argument should be integer or None, not '%.200s'",
                     Py_TYPE(obj)->tp_name);
        return 0;
    }
    Py_ssize_t v = PyNumber_AsSsize_t(obj, PyExc_OverflowError);
    if (v == -1 && PyErr_Occurred()) {
        return 0;
    }
    *(Py_ssize_t *)result = v;
    return 1;
}

PyObject *
_PyImport_GetModuleId(_Py_Identifier *nameid)
{
    PyObject *name = PyUnicode_InternFromString(nameid->string);
    if (name == NULL) {
        return NULL;
    }
    PyObject *m = PyImport_GetModule(name);
    Py_DECREF(name);
    return m;
}

void
_PyTraceback_Add(const char *funcname, const char *filename, int lineno)
{
    /* an entry made of an empty code object and a frame that never runs (cpyext/frames.c);
     * if making them fails, that error is chained to the pending exception */
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyObject *globals = PyDict_New();
    PyCodeObject *code = globals ? PyCode_NewEmpty(filename, funcname, lineno) : NULL;
    PyFrameObject *frame = code ? PyFrame_New(PyThreadState_Get(), code, globals, NULL) : NULL;
    Py_XDECREF(globals);
    Py_XDECREF(code);
    if (frame == NULL) {
        _PyErr_ChainExceptions(type, value, tb);
        return;
    }
    frame->f_lineno = lineno;
    PyErr_Restore(type, value, tb);
    PyTraceBack_Here(frame);
    Py_DECREF(frame);
}

wchar_t *
Py_GetProgramName(void)
{
    static wchar_t name[4096];
    if (name[0] == 0) {
        PyObject *argv = PySys_GetObject("orig_argv");
        PyObject *first = argv && PyList_Check(argv) && PyList_GET_SIZE(argv) > 0
                              ? PyList_GET_ITEM(argv, 0)
                              : NULL;
        if (first == NULL || !PyUnicode_Check(first) ||
            PyUnicode_AsWideChar(first, name, Py_ARRAY_LENGTH(name) - 1) < 0) {
            PyErr_Clear();
            wcscpy(name, L"python3");
        }
    }
    return name;
}

/* ---- interpreter facts numpy and Cython modules ask for ---- */

int
Py_IsInitialized(void)
{
    return 1; /* extension code only runs inside a started runtime */
}

const char *
Py_GetVersion(void)
{
    static char version[256];
    if (version[0] == 0) {
        PyObject *v = PySys_GetObject("version");
        const char *s = v != NULL && PyUnicode_Check(v) ? PyUnicode_AsUTF8(v) : NULL;
        if (s == NULL) {
            PyErr_Clear();
            s = "3.11";
        }
        snprintf(version, sizeof version, "%s", s);
    }
    return version;
}

PyObject *
PyEval_GetBuiltins(void)
{
    PyObject *globals = pyrs_eval_current_globals();
    PyObject *b = globals != NULL ? PyDict_GetItemString(globals, "__builtins__") : NULL;
    if (b != NULL && PyModule_Check(b)) {
        b = PyModule_GetDict(b);
    }
    if (b != NULL && PyDict_Check(b)) {
        return b;
    }
    PyObject *m = PyImport_AddModule("builtins");
    return m != NULL ? PyModule_GetDict(m) : NULL;
}

/* ---- int singletons in _PyRuntime ---- */

/* Core extension modules built against CPython's internal headers (_zoneinfo, _ctypes,
 * _curses) take 0 and 1 as the addresses of CPython's small ints inside _PyRuntime
 * (global_objects.singletons.small_ints, 32 bytes each from offset 680 for -5..256). When
 * the runtime keeps its own cache elsewhere, those slots get immortal int objects of the
 * same values. */
#define SMALL_INTS_OFFSET 680
#define SMALL_INTS_NEG    5
#define SMALL_INTS_COUNT  262

void
pyrs_cpyext_init_runtime_ints(void)
{
    _Static_assert(sizeof(PyLongObject) == 32, "CPython 3.11's PyLongObject");
    PyLongObject *ints = (PyLongObject *)((char *)&_PyRuntime + SMALL_INTS_OFFSET);
    if (Py_TYPE(&ints[SMALL_INTS_NEG]) != NULL) {
        return; /* already filled */
    }
    for (int i = 0; i < SMALL_INTS_COUNT; i++) {
        long v = i - SMALL_INTS_NEG;
        PyLongObject *o = &ints[i];
        Py_SET_REFCNT(o, (Py_ssize_t)1 << 40);
        Py_SET_TYPE(o, &PyLong_Type);
        Py_SET_SIZE(o, v < 0 ? -1 : v > 0 ? 1 : 0);
        o->ob_digit[0] = (digit)(v < 0 ? -v : v);
    }
}
