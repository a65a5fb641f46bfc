/* cpyext/interp.c: interpreter-level C-API extension modules use: the legacy global flag
 * Py_OptimizeFlag, filled from the start-up configuration, and PyRun_StringFlags (compile
 * and run a source string), which Cython modules call to patch collections.abc and for
 * exec() (as CPython's Python/pythonrun.c); PyThreadState_DeleteCurrent, with which pybind11
 * ends the thread states it makes (as CPython's Python/pystate.c). */
#include "Python.h"
#include "pyrs/config.h"
#include "pyrs/cpyext.h"
#include "pyrs/gil.h"
#include "pyrs/state.h"

/* CPython's global configuration variable (Include/cpython/pydebug.h) that extensions read
 * (numpy drops docstrings under -OO); the others of that family are not on the export list. */
int Py_OptimizeFlag = 0;

void
pyrs_cpyext_init_flags(void)
{
    Py_OptimizeFlag = pyrs_config.optimize;
}

/* The builtin NAME (a borrowed reference), or NULL with NameError-like SystemError. */
static PyObject *
builtin(const char *name)
{
    PyObject *b = PyEval_GetBuiltins();
    PyObject *f = b != NULL ? PyDict_GetItemString(b, name) : NULL;
    if (f == NULL && !PyErr_Occurred()) {
        PyErr_Format(PyExc_SystemError, "builtins.%s is missing", name);
    }
    return f;
}

static const char *
start_mode(int start)
{
    switch (start) {
    case Py_file_input:
        return "exec";
    case Py_eval_input:
        return "eval";
    case Py_single_input:
        return "single";
    default:
        return NULL;
    }
}

PyObject *
PyRun_StringFlags(const char *str, int start, PyObject *globals, PyObject *locals,
                  PyCompilerFlags *flags)
{
    const char *mode = start_mode(start);
    if (mode == NULL) {
        PyErr_SetString(PyExc_SystemError, "invalid start symbol for PyRun_String");
        return NULL;
    }
    PyObject *compile = builtin("compile");
    PyObject *run = compile != NULL ? builtin(start == Py_eval_input ? "eval" : "exec") : NULL;
    if (run == NULL) {
        return NULL;
    }
    int cf = flags != NULL ? (flags->cf_flags & PyCF_MASK) : 0;
    PyObject *code = PyObject_CallFunction(compile, "sssiO", str, "<string>", mode, cf, Py_True);
    if (code == NULL) {
        return NULL;
    }
    PyObject *res =
        PyObject_CallFunctionObjArgs(run, code, globals, locals != NULL ? locals : globals, NULL);
    Py_DECREF(code);
    return res;
}

void
PyThreadState_DeleteCurrent(void)
{
    PyThreadState *tstate = pyrs_state_current;
    if (tstate == NULL) {
        pyrs_fatal("PyThreadState_DeleteCurrent: the current thread state is NULL");
    }
    if (pyrs_state_this_thread() == tstate) {
        pyrs_state_bind(NULL); /* PyGILState_* make a new one for this thread next time */
    }
    pyrs_gil_delete_current(); /* unlinks, frees, releases the GIL */
}
