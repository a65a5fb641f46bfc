/* fuzz_run.c: libFuzzer target for the compiler and the VM. Each input is Python source: it is
 * compiled by pyrs's compiler and, when it compiles, run as a fresh module under an
 * instruction budget, with the builtins that reach outside the process stubbed out. Any crash
 * or sanitizer report is a bug: a bad program may only ever raise (DESIGN.md section 8). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "Python.h"
#include "compile.h"
#include "pyrs/eval.h"
#include "pyrun.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Backward jumps and calls one input may make before RuntimeError stops it. */
#define BUDGET 20000

/* Modules a fuzzed program may import: native ones that touch no files, processes or the
 * interpreter's configuration. */
static const char *const allowed_modules[] = {
    "math",    "cmath",        "itertools", "_functools", "_operator", "_collections",
    "_heapq",  "_bisect",      "_struct",   "binascii",   "_string",   "unicodedata",
    "_random", "_contextvars", "_abc",      "_weakref",   "gc",        NULL,
};

static PyObject *orig_import;       /* builtins.__import__ as the runtime made it */
static PyObject *builtins_snapshot; /* the stubbed builtins, restored after every input */
static PyObject *stringio_type;     /* _io.StringIO: sys.stdout/stderr of each input */
static PyObject *builtins_module;   /* the builtins module (imported before the stubs) */

/* Stub of open, input, exit, quit, help and breakpoint: they must not reach the terminal,
 * files or the process. */
static PyObject *
denied(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    PyErr_SetString(PyExc_RuntimeError, "disabled while fuzzing");
    return NULL;
}

/* 1 when NAME (a str) may be imported. */
static int
module_allowed(PyObject *name)
{
    const char *s = PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
    if (s == NULL) {
        PyErr_Clear();
        return 0;
    }
    for (int i = 0; allowed_modules[i] != NULL; i++) {
        if (strcmp(s, allowed_modules[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* __import__ restricted to allowed_modules (absolute imports only); the rest as the original. */
static PyObject *
guarded_import(PyObject *Py_UNUSED(self), PyObject *args, PyObject *kwds)
{
    PyObject *name = PyTuple_GET_SIZE(args) > 0 ? PyTuple_GET_ITEM(args, 0) : NULL;
    PyObject *level = PyTuple_GET_SIZE(args) > 4 ? PyTuple_GET_ITEM(args, 4) : NULL;
    if (name == NULL && kwds != NULL) {
        name = PyDict_GetItemString(kwds, "name");
    }
    if (level == NULL && kwds != NULL) {
        level = PyDict_GetItemString(kwds, "level");
    }
    if (name == NULL || !module_allowed(name) ||
        (level != NULL && !(PyLong_Check(level) && PyLong_AsLong(level) == 0))) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ImportError, "import disabled while fuzzing");
        return NULL;
    }
    return PyObject_Call(orig_import, args, kwds);
}

static PyMethodDef stub_defs[] = {
    {"__import__", (PyCFunction)(void (*)(void))guarded_import, METH_VARARGS | METH_KEYWORDS, NULL},
    {"denied", (PyCFunction)(void (*)(void))denied, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

/* Replaces the dangerous builtins in dict B; 0, or -1 with an exception. */
static int
install_stubs(PyObject *b)
{
    static const char *const stubbed[] = {"open", "input",      "exit", "quit",
                                          "help", "breakpoint", NULL};
    orig_import = PyDict_GetItemString(b, "__import__");
    Py_XINCREF(orig_import);
    PyObject *imp = PyCFunction_New(&stub_defs[0], NULL);
    PyObject *deny = PyCFunction_New(&stub_defs[1], NULL);
    int rc = orig_import != NULL && imp != NULL && deny != NULL ? 0 : -1;
    if (rc == 0) {
        rc = PyDict_SetItemString(b, "__import__", imp);
    }
    for (int i = 0; rc == 0 && stubbed[i] != NULL; i++) {
        rc = PyDict_SetItemString(b, stubbed[i], deny);
    }
    Py_XDECREF(imp);
    Py_XDECREF(deny);
    return rc;
}

/* libFuzzer's start-up hook: starts the runtime once and installs the stubs; 0, aborts when the
 * runtime cannot start. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static char prog[] = "<fuzz>";
    static char *fake_argv[] = {prog, NULL};
    (void)argc;
    (void)argv;
    if (pyrs_run_prepare("<fuzz>", 1, fake_argv) < 0) {
        abort();
    }
    PyObject *io = PyImport_ImportModule("_io");
    stringio_type = io ? PyObject_GetAttrString(io, "StringIO") : NULL;
    Py_XDECREF(io);
    builtins_module = PyImport_ImportModule("builtins");
    PyObject *b = pyrs_eval_builtins();
    if (stringio_type == NULL || builtins_module == NULL || b == NULL || install_stubs(b) < 0 ||
        (builtins_snapshot = PyDict_Copy(b)) == NULL) {
        PyErr_Print();
        abort();
    }
    return 0;
}

/* Gives the program fresh in-memory sys.stdout and sys.stderr. */
static void
fresh_streams(void)
{
    PyObject *out = PyObject_CallNoArgs(stringio_type);
    PyObject *err = PyObject_CallNoArgs(stringio_type);
    if (out == NULL || err == NULL || PySys_SetObject("stdout", out) < 0 ||
        PySys_SetObject("stderr", err) < 0) {
        abort();
    }
    Py_DECREF(out);
    Py_DECREF(err);
}

/* Undoes what the last program did to builtins (so each input runs alone). */
static void
restore_builtins(void)
{
    PyObject *b = pyrs_eval_builtins();
    PyDict_Clear(b);
    if (PyDict_Update(b, builtins_snapshot) < 0) {
        abort();
    }
}

/* Runs CODE in a new module namespace under the budget; whatever it raises is dropped. */
static void
run_code(PyObject *code)
{
    PyObject *globals = PyDict_New();
    PyObject *name = PyUnicode_FromString("__fuzz__");
    if (globals == NULL || name == NULL ||
        PyDict_SetItemString(globals, "__builtins__", builtins_module) < 0 ||
        PyDict_SetItemString(globals, "__name__", name) < 0) {
        abort();
    }
    pyrs_eval_set_budget(BUDGET);
    PyObject *res = pyrs_eval_code(code, globals, globals);
    pyrs_eval_set_budget(0);
    Py_XDECREF(res);
    PyErr_Clear();
    PyDict_Clear(globals); /* breaks the usual function <-> globals cycles */
    Py_DECREF(globals);
    Py_DECREF(name);
}

/* One input: compiled and, when it compiles, run; always 0 (only crashes are findings). */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned long runs;
    fresh_streams();
    PyObject *code = pyrs_compile_source((const char *)data, size, "<fuzz>");
    if (code == NULL) {
        PyErr_Clear(); /* SyntaxError and friends: the expected outcome of most inputs */
    } else {
        run_code(code);
        Py_DECREF(code);
    }
    restore_builtins();
    pyrs_eval_set_budget(BUDGET); /* finalizers run by the collection are bounded too */
    if (++runs % 16 == 0) {
        (void)PyGC_Collect();
    }
    pyrs_eval_set_budget(0);
    PyErr_Clear();
    return 0;
}
