/* cpyext/interp.c: interpreter-level C-API extension modules use: the legacy global
 * configuration flags CPython 3.11 still exports (Py_OptimizeFlag ...), filled from the
 * start-up configuration, and PyRun_StringFlags (compile and run a source string), which
 * Cython modules call for exec(); behaviour as CPython's Python/pythonrun.c. */
#include "Python.h"
#include "pyrs/config.h"
#include "pyrs/cpyext.h"

/* CPython's global configuration variables (Include/cpython/pydebug.h). */
int Py_OptimizeFlag = 0;
int Py_VerboseFlag = 0;
int Py_DebugFlag = 0;
int Py_BytesWarningFlag = 0;
int Py_DontWriteBytecodeFlag = 0;
int Py_NoSiteFlag = 0;
int Py_IgnoreEnvironmentFlag = 0;
int Py_IsolatedFlag = 0;

void
pyrs_cpyext_init_flags(void)
{
    Py_OptimizeFlag = pyrs_config.optimize;
    Py_VerboseFlag = pyrs_config.verbose;
    Py_DebugFlag = pyrs_config.debug;
    Py_BytesWarningFlag = pyrs_config.bytes_warning;
    Py_DontWriteBytecodeFlag = pyrs_config.dont_write_bytecode;
    Py_NoSiteFlag = pyrs_config.no_site;
    Py_IgnoreEnvironmentFlag = pyrs_config.ignore_environment;
    Py_IsolatedFlag = pyrs_config.isolated;
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

PyObject *
PyRun_String(const char *str, int start, PyObject *globals, PyObject *locals)
{
    return PyRun_StringFlags(str, start, globals, locals, NULL);
}
