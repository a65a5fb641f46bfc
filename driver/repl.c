/* repl.c: `pyrs` with no program: the interactive prompt when stdin is a terminal (GNU
 * readline line editing and history, sys.ps1/sys.ps2, expression results through
 * sys.displayhook, a statement ends at an empty line as in CPython's REPL), otherwise the
 * whole of stdin run as a program named "<stdin>". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "Python.h"
#include "compile.h"
#include "parser.h"
#include "pyrs/config.h"
#include "pyrs/eval.h"
#include "pyrs/import.h"
#include "pyrs/lifecycle.h"
#include "pyrs/sys.h"
#include "pyrs/vm.h"
#include "pyrun.h"
#include "repl.h"

static void
flush_std_streams(void)
{
    static const char *const names[] = {"stdout", "stderr"};
    for (int i = 0; i < 2; i++) {
        PyObject *s = PySys_GetObject(names[i]);
        PyObject *r = s != NULL ? PyObject_CallMethod(s, "flush", NULL) : NULL;
        Py_XDECREF(r);
        PyErr_Clear();
    }
    fflush(stdout);
    fflush(stderr);
}

/* sys.ps1 / sys.ps2 as text, CPython's defaults when unset. */
static char *
prompt_text(const char *name, const char *dflt)
{
    PyObject *p = PySys_GetObject(name);
    PyObject *s = p != NULL ? PyObject_Str(p) : NULL;
    const char *t = s != NULL ? PyUnicode_AsUTF8(s) : NULL;
    char *res = strdup(t != NULL ? t : dflt);
    PyErr_Clear();
    Py_XDECREF(s);
    return res;
}

/* Whether SRC needs more lines: it does not compile because input ended too early. */
static int
incomplete(const char *src)
{
    PyObject *code = pyrs_compile_source_mode(src, strlen(src), "<stdin>", PYRS_PARSE_SINGLE);
    if (code != NULL) {
        Py_DECREF(code);
        return 0;
    }
    PyObject *exc = pyrs_vm_fetch_exc();
    PyObject *msg = exc ? PyObject_GetAttrString(exc, "msg") : NULL;
    const char *m = msg && PyUnicode_Check(msg) ? PyUnicode_AsUTF8(msg) : "";
    int more = strstr(m, "unexpected EOF") != NULL || strstr(m, "was never closed") != NULL ||
               strstr(m, "expected an indented block") != NULL ||
               strstr(m, "unterminated triple-quoted") != NULL ||
               strstr(m, "incomplete input") != NULL;
    PyErr_Clear();
    Py_XDECREF(msg);
    Py_XDECREF(exc);
    return more;
}

/* Runs one complete entry: an expression is evaluated and shown by sys.displayhook,
 * anything else executed; errors are printed as the REPL prints them. */
static void
run_entry(const char *src, PyObject *globals)
{
    PyObject *code = pyrs_compile_source_mode(src, strlen(src), "<stdin>", PYRS_PARSE_EVAL);
    int is_expr = code != NULL;
    if (code == NULL) {
        PyErr_Clear();
        code = pyrs_compile_source_mode(src, strlen(src), "<stdin>", PYRS_PARSE_EXEC);
    }
    PyObject *res = code ? pyrs_eval_code(code, globals, globals) : NULL;
    if (res != NULL && is_expr) {
        PyObject *hook = PySys_GetObject("displayhook");
        PyObject *r = hook ? PyObject_CallOneArg(hook, res) : NULL;
        if (hook == NULL && res != Py_None) {
            PyObject *repr = PyObject_Repr(res);
            if (repr != NULL) {
                printf("%s\n", PyUnicode_AsUTF8(repr));
            }
            Py_XDECREF(repr);
            PyObject *builtins = PyDict_GetItemString(globals, "__builtins__");
            if (builtins != NULL && PyObject_SetAttrString(builtins, "_", res) < 0) {
                PyErr_Clear();
            }
        }
        Py_XDECREF(r);
    }
    Py_XDECREF(code);
    if (res == NULL) {
        PyObject *exc = pyrs_vm_fetch_exc();
        if (exc != NULL && PyErr_GivenExceptionMatches(exc, PyExc_SystemExit)) {
            PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
            Py_DECREF(exc);
            return;
        }
        flush_std_streams();
        if (exc != NULL) {
            pyrs_vm_print_exception(exc);
        }
        Py_XDECREF(exc);
    }
    Py_XDECREF(res);
    flush_std_streams();
}

/* One line without its newline (malloc'ed), or NULL at EOF: GNU readline on a terminal; from
 * a pipe, as CPython reads one, the prompt goes to stderr and nothing is echoed. */
static char *
read_line_raw(const char *prompt)
{
    if (isatty(0)) {
        return readline(prompt);
    }
    fputs(prompt, stderr);
    fflush(stderr);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (n < 0) {
        free(line);
        return NULL;
    }
    if (n > 0 && line[n - 1] == '\n') {
        line[n - 1] = '\0';
    }
    return line;
}

/* read_line_raw without the GIL, as CPython's PyOS_Readline: threads run during the prompt. */
static char *
read_line(const char *prompt)
{
    char *line;
    Py_BEGIN_ALLOW_THREADS;
    line = read_line_raw(prompt);
    Py_END_ALLOW_THREADS;
    return line;
}

/* Reads and runs entries in GLOBALS until EOF or SystemExit; returns the exit status. */
static int
repl_loop(PyObject *globals)
{
    int status = 0;
    char *buffer = NULL;
    size_t blen = 0;
    int compound = -1;
    for (;;) {
        flush_std_streams();
        char *prompt = prompt_text(buffer ? "ps2" : "ps1", buffer ? "... " : ">>> ");
        char *line = read_line(prompt);
        free(prompt);
        if (line == NULL) { /* EOF */
            fputc('\n', stderr);
            break;
        }
        if (*line != '\0') {
            add_history(line);
        }
        size_t n = strlen(line);
        char *nb = realloc(buffer, blen + n + 2);
        if (nb == NULL) {
            free(line);
            break;
        }
        buffer = nb;
        memcpy(buffer + blen, line, n);
        blen += n;
        buffer[blen++] = '\n';
        buffer[blen] = '\0';
        if (compound < 0) { /* the entry's first line decides how it ends */
            compound = (n > 0 && line[n - 1] == ':') || line[0] == '@';
        }
        int done = compound ? *line == '\0' : !incomplete(buffer);
        free(line);
        if (!done) {
            continue;
        }
        run_entry(buffer, globals);
        free(buffer);
        buffer = NULL;
        blen = 0;
        compound = -1;
        if (PyErr_Occurred()) { /* SystemExit */
            break;
        }
    }
    free(buffer);
    if (PyErr_Occurred()) {
        PyObject *exc = pyrs_vm_fetch_exc();
        PyObject *code = exc ? PyObject_GetAttrString(exc, "code") : NULL;
        status = code == NULL || code == Py_None ? 0
                 : PyLong_Check(code)            ? (int)PyLong_AsLong(code)
                                                 : 1;
        Py_XDECREF(code);
        Py_XDECREF(exc);
    }
    return status;
}

/* The globals of __main__ with __builtins__ set, or NULL. */
static PyObject *
main_globals(void)
{
    PyObject *main = PyImport_AddModule("__main__");
    PyObject *globals = main ? PyModule_GetDict(main) : NULL;
    PyObject *builtins = PyImport_AddModule("builtins");
    if (globals == NULL || builtins == NULL ||
        PyDict_SetItemString(globals, "__builtins__", builtins) < 0) {
        return NULL;
    }
    return globals;
}

int
pyrs_run_interactive(int argc, char **argv)
{
    if (pyrs_run_prepare("<stdin>", argc, argv) < 0) {
        return 1;
    }
    PyObject *globals = main_globals();
    if (globals == NULL) {
        return 1;
    }
    if (!pyrs_config.quiet) {
        fprintf(stderr, "Python 3.11 (pyrs) on linux\n"
                        "Type \"help\", \"copyright\", \"credits\" or \"license\" for more "
                        "information.\n");
    }
    int status = repl_loop(globals);
    pyrs_runtime_fini();
    return status;
}

int
pyrs_repl_inspect(void)
{
    PyObject *globals = main_globals();
    return globals != NULL ? repl_loop(globals) : 1;
}

int
pyrs_run_stdin(int argc, char **argv)
{
    return pyrs_run_stream(stdin, "<stdin>", argc, argv);
}
