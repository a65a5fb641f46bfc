/* pyrun.c: running a program as __main__ (CPython's pymain_run_file / PyRun_SimpleFile
 * behaviour): compile, execute, report an uncaught exception and compute the exit status. */
#include "pyrun.h"
#include "pyrs/code.h"
#include "pyrs/config.h"
#include "pyrs/import.h"
#include "pyrs/marshal.h"
#include "../stdlib/_io/pyrs_io.h"
#include "../stdlib/posix/ossignal.h"

#include "ast_module.h"
#include "tokenize_module.h"
#include "symtable_module.h"
#include "compile.h"
#include "pyrs/eval.h"
#include "pyrs/lifecycle.h"
#include "pyrs/sys.h"
#include "pyrs/vm.h"
#include "pyrs/bltin.h"
#include "parser.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Exit status for SystemExit(code): None -> 0, int -> itself, other -> printed, 1. */
static int
system_exit_status(PyObject *exc)
{
    PyObject *code = PyObject_GetAttrString(exc, "code");
    int status = 1;
    if (code == NULL) {
        PyErr_Clear();
    } else if (code == Py_None) {
        status = 0;
    } else if (PyLong_Check(code)) {
        status = (int)PyLong_AsLong(code);
    } else {
        PyObject *s = PyObject_Str(code);
        const char *text = s ? PyUnicode_AsUTF8(s) : NULL;
        fflush(stdout);
        if (text != NULL) {
            fprintf(stderr, "%s\n", text);
        }
        PyErr_Clear();
        Py_XDECREF(s);
    }
    Py_XDECREF(code);
    return status;
}

/* Prints a SyntaxError the way the interpreter does for a file that does not compile. */
static void
print_syntax_error(PyObject *exc)
{
    PyObject *filename = PyObject_GetAttrString(exc, "filename");
    PyObject *lineno = PyObject_GetAttrString(exc, "lineno");
    PyObject *offset = PyObject_GetAttrString(exc, "offset");
    PyObject *end_offset = PyObject_GetAttrString(exc, "end_offset");
    PyObject *text = PyObject_GetAttrString(exc, "text");
    PyObject *msg = PyObject_GetAttrString(exc, "msg");
    PyErr_Clear();
    fflush(stdout);
    if (filename && PyUnicode_Check(filename) && lineno && PyLong_Check(lineno)) {
        fprintf(stderr, "  File \"%s\", line %ld\n", PyUnicode_AsUTF8(filename),
                PyLong_AsLong(lineno));
    }
    if (text && PyUnicode_Check(text)) {
        const char *t = PyUnicode_AsUTF8(text);
        const char *start = t;
        while (*start == ' ' || *start == '\t' || *start == '\f') {
            start++;
        }
        size_t len = strlen(start);
        while (len > 0 && (start[len - 1] == '\n' || start[len - 1] == '\r')) {
            len--;
        }
        fprintf(stderr, "    %.*s\n", (int)len, start);
        long off = offset && PyLong_Check(offset) ? PyLong_AsLong(offset) : 0;
        long end = end_offset && PyLong_Check(end_offset) ? PyLong_AsLong(end_offset) : 0;
        long strip = (long)(start - t);
        if (off > 0 && off - strip > 0) { /* no caret left of the stripped text, as CPython */
            long caret = off - strip;
            long width = end > off ? end - off : 1;
            fprintf(stderr, "    %*s", (int)(caret - 1), "");
            for (long i = 0; i < width; i++) {
                fputc('^', stderr);
            }
            fputc('\n', stderr);
        }
    }
    const char *m = msg && PyUnicode_Check(msg) ? PyUnicode_AsUTF8(msg) : "invalid syntax";
    fprintf(stderr, "%s: %s\n", Py_TYPE(exc)->tp_name, m);
    Py_XDECREF(filename);
    Py_XDECREF(lineno);
    Py_XDECREF(offset);
    Py_XDECREF(end_offset);
    Py_XDECREF(text);
    Py_XDECREF(msg);
}

static int (*inspect_hook)(void); /* `pyrs -i` */

/* Whether the program ended with an uncaught KeyboardInterrupt (report_exception). */
static int unhandled_interrupt;

/* Finalizes the runtime and returns STATUS; after an uncaught KeyboardInterrupt the process
 * ends by SIGINT instead (status 130 if it survives), as CPython's exit_sigint does, so the
 * parent sees the interrupt. */
static int
finish_program(int status)
{
    pyrs_runtime_fini();
    if (unhandled_interrupt) {
        fflush(stdout);
        fflush(stderr);
        if (signal(SIGINT, SIG_DFL) != SIG_ERR) {
            kill(getpid(), SIGINT);
        }
        return SIGINT + 128;
    }
    return status;
}

/* Handles the pending exception at top level; returns the exit status. */
static int
report_exception(void)
{
    PyObject *exc = pyrs_vm_fetch_exc();
    if (exc == NULL) {
        return 1;
    }
    int status = 1;
    unhandled_interrupt = Py_TYPE(exc) == (PyTypeObject *)PyExc_KeyboardInterrupt;
    if (PyErr_GivenExceptionMatches(exc, PyExc_SystemExit) &&
        !(pyrs_config.inspect && inspect_hook != NULL)) { /* under -i it is printed */
        status = system_exit_status(exc);
    } else {
        /* a program's sys.excepthook gets the exception; the default prints it here */
        PyObject *tb = PyException_GetTraceback(exc);
        int hooked = pyrs_sys_call_excepthook((PyObject *)Py_TYPE(exc), exc, tb);
        Py_XDECREF(tb);
        if (hooked < 0) {
            PyObject *hook_exc = pyrs_vm_fetch_exc();
            fflush(stdout);
            fputs("Error in sys.excepthook:\n", stderr);
            if (hook_exc != NULL) {
                pyrs_vm_print_exception(hook_exc);
            }
            Py_XDECREF(hook_exc);
            fputs("\nOriginal exception was:\n", stderr);
        }
        if (hooked <= 0) {
            PyObject *etb = PyException_GetTraceback(exc);
            if (PyErr_GivenExceptionMatches(exc, PyExc_SyntaxError) && etb == NULL) {
                print_syntax_error(exc);
            } else {
                pyrs_vm_print_exception(exc);
            }
            Py_XDECREF(etb);
        }
    }
    Py_DECREF(exc);
    return status;
}

/* The compiler behind the builtins exec/eval/compile (MODE already validated by them). */
static PyObject *
compile_hook(const char *src, size_t len, const char *filename, const char *mode)
{
    int m = strcmp(mode, "eval") == 0     ? PYRS_PARSE_EVAL
            : strcmp(mode, "single") == 0 ? PYRS_PARSE_SINGLE
                                          : PYRS_PARSE_EXEC;
    return pyrs_compile_source_mode(src, len, filename, m);
}

/* __main__'s namespace starts with an empty __annotations__, as CPython's interpreter
 * sets it up. 0, or -1 with an exception. */
static int
main_annotations(PyObject *globals)
{
    PyObject *ann = PyDict_New();
    int r = ann != NULL ? PyDict_SetItemString(globals, "__annotations__", ann) : -1;
    Py_XDECREF(ann);
    return r;
}

/* __main__'s __file__, __cached__ and __loader__ as CPython sets them for a program run from
 * FILENAME: none of the first two for `-c`, "<stdin>" for stdin, else the path given.
 * 0, or -1 with an exception. */
static int
main_file_attrs(PyObject *globals, const char *filename, PyObject *fname, int is_pyc)
{
    int is_command = strcmp(filename, "<string>") == 0;
    int is_stdin = strcmp(filename, "<stdin>") == 0;
    PyObject *loader = pyrs_import_main_loader(is_command || is_stdin ? NULL : fname, is_pyc);
    int r = loader == NULL || PyDict_SetItemString(globals, "__loader__", loader) < 0 ? -1 : 0;
    Py_XDECREF(loader);
    if (r == 0 && !is_command &&
        (PyDict_SetItemString(globals, "__file__", fname) < 0 ||
         PyDict_SetItemString(globals, "__cached__", Py_None) < 0)) {
        r = -1;
    }
    return r;
}

/* Runs CODE (a new reference, or NULL with the compile error set) as __main__; IS_PYC when it
 * came from a .pyc file. */
static int
run_main_code(PyObject *code, const char *filename, int is_pyc)
{
    if (code == NULL) {
        return report_exception();
    }
    PyObject *main = PyModule_New("__main__");
    PyObject *globals = main ? PyModule_GetDict(main) : NULL;
    PyObject *fname = PyUnicode_DecodeFSDefault(filename);
    PyObject *builtins = PyDict_GetItemString(PyImport_GetModuleDict(), "builtins");
    int status = 0;
    if (globals == NULL || fname == NULL || builtins == NULL ||
        PyDict_SetItemString(globals, "__builtins__", builtins) < 0 ||
        main_annotations(globals) < 0 || main_file_attrs(globals, filename, fname, is_pyc) < 0 ||
        PyDict_SetItemString(PyImport_GetModuleDict(), "__main__", main) < 0) {
        status = report_exception();
    } else {
        PyObject *res = pyrs_eval_code(code, globals, globals);
        if (res == NULL) {
            status = report_exception();
        }
        Py_XDECREF(res);
    }
    if (pyrs_config.inspect && inspect_hook != NULL) {
        status = inspect_hook(); /* -i: the prompt, even after SystemExit or an error */
    }
    Py_XDECREF(fname);
    Py_XDECREF(main);
    Py_DECREF(code);
    return finish_program(status);
}

void
pyrs_run_set_inspect_hook(int (*hook)(void))
{
    inspect_hook = hook;
}

/* What CPython's site module adds to builtins at start-up (exit, quit, help, copyright,
 * credits, license), from the installed _sitebuiltins. sys.path already holds what site would
 * add (runtime/import.c). A missing standard library leaves them out silently. */
static const char site_builtins_src[] =
    "import builtins, sys\n"
    "try:\n"
    "    import _sitebuiltins as _sb\n"
    "except ImportError:\n"
    "    _sb = None\n"
    "class _Printer:\n"
    "    # _sitebuiltins._Printer imports os: made on first use, not at start-up\n"
    "    def __init__(self, name, *args):\n"
    "        self._name, self._args, self._printer = name, args, None\n"
    "    def _get(self):\n"
    "        if self._printer is None:\n"
    "            self._printer = _sb._Printer(self._name, *self._args)\n"
    "        return self._printer\n"
    "    def __repr__(self):\n"
    "        return repr(self._get())\n"
    "    def __call__(self):\n"
    "        return self._get()()\n"
    "if _sb is not None:\n"
    "    builtins.quit = _sb.Quitter('quit', 'Ctrl-D (i.e. EOF)')\n"
    "    builtins.exit = _sb.Quitter('exit', 'Ctrl-D (i.e. EOF)')\n"
    "    builtins.copyright = _Printer('copyright', getattr(sys, 'copyright', ''))\n"
    "    builtins.credits = _Printer('credits', '    Thanks to CWI, CNRI, BeOpen.com, Zope "
    "Corporation and a cast of thousands\\n    for supporting Python development.  See "
    "www.python.org for more information.')\n"
    "    builtins.license = _Printer('license', 'See https://www.python.org/psf/license/',\n"
    "                                ['LICENSE.txt', 'LICENSE'], ['/usr/lib/python3.11'])\n"
    "    builtins.help = _sb._Helper()\n"
    "try:\n"
    "    from _io import open as _open\n"
    "    builtins.open = _open\n"
    "except ImportError:\n"
    "    pass\n";

static int
site_builtins(void)
{
    if (pyrs_config.no_site) {
        return 0; /* -S */
    }
    PyObject *code = pyrs_compile_source(site_builtins_src, strlen(site_builtins_src), "<site>");
    PyObject *ns = code ? PyDict_New() : NULL;
    PyObject *builtins = PyDict_GetItemString(PyImport_GetModuleDict(), "builtins");
    PyObject *r = NULL;
    if (ns != NULL && builtins != NULL && PyDict_SetItemString(ns, "__builtins__", builtins) == 0) {
        r = pyrs_eval_code(code, ns, ns);
    }
    Py_XDECREF(code);
    Py_XDECREF(ns);
    Py_XDECREF(r);
    return r == NULL ? -1 : 0;
}

/* sys.path[0] for SCRIPT (pyrs_import_set_path0), left out under -P / -I. */
static int
set_path0(const char *script)
{
    return pyrs_config.safe_path ? 0 : pyrs_import_set_path0(script);
}

/* Whether start_program has run (a directory or archive that could not serve as the program
 * starts the runtime before its file is run as a script). */
static int program_started;

/* Runtime, compiler, sys.argv and sys.path[0] for a program named FILENAME. */
/* With -W options, PYTHONWARNINGS or -X dev, sys.warnoptions is not empty: CPython then
 * imports `warnings` at start-up, whose import applies them to the filters the C warning
 * machinery reads; without it a warning raised from C would see only the default filters.
 * 0, or -1 with an exception. */
static int
apply_warnoptions(void)
{
    PyObject *opts = PySys_GetObject("warnoptions");
    if (opts == NULL || !PyList_Check(opts) || PyList_GET_SIZE(opts) == 0) {
        return 0;
    }
    PyObject *warnings = PyImport_ImportModule("warnings");
    Py_XDECREF(warnings);
    return warnings != NULL ? 0 : -1;
}

static int
start_program(const char *filename, int argc, char **argv)
{
    if (program_started) {
        return 0;
    }
    program_started = 1;
    if (pyrs_runtime_init() < 0) {
        return -1;
    }
    pyrs_bltin_set_compiler(compile_hook);
    pyrs_ast_module_install();
    pyrs_tokenize_module_install();
    pyrs_symtable_module_install();
    if (pyrs_sys_set_argv(argc, argv) < 0 || pyrs_import_bootstrap() < 0 ||
        set_path0(strcmp(filename, "<string>") == 0 ? NULL : filename) < 0 || site_builtins() < 0 ||
        pyrs_io_init_std_streams() < 0 || pyrs_signal_install_defaults() < 0 ||
        apply_warnoptions() < 0) {
        (void)report_exception();
        return -1;
    }
    return 0;
}

int
pyrs_run_prepare(const char *filename, int argc, char **argv)
{
    return start_program(filename, argc, argv);
}

int
pyrs_run_source(const char *src, size_t len, const char *filename, int argc, char **argv)
{
    if (start_program(filename, argc, argv) < 0) {
        return 1;
    }
    return run_main_code(pyrs_compile_source(src, len, filename), filename, 0);
}

int
pyrs_run_frozen_main(const unsigned char *data, size_t size, const char *filename, int argc,
                     char **argv)
{
    if (start_program(filename, argc, argv) < 0) {
        return 1;
    }
    return run_main_code(pyrs_marshal_loads((const char *)data, (Py_ssize_t)size, NULL), filename,
                         0);
}

/* An empty __main__ in sys.modules, as the interpreter has at start (runpy runs -m's module
 * in its namespace). */
static int
main_module(void)
{
    PyObject *m = PyImport_AddModule("__main__");
    PyObject *builtins = PyImport_AddModule("builtins");
    if (m == NULL || builtins == NULL) {
        return -1;
    }
    PyObject *globals = PyModule_GetDict(m);
    return PyDict_SetItemString(globals, "__builtins__", builtins) < 0 ? -1
                                                                       : main_annotations(globals);
}

int
pyrs_run_module(const char *name, int argc, char **argv)
{
    if (pyrs_runtime_init() < 0) {
        return 1;
    }
    pyrs_bltin_set_compiler(compile_hook);
    pyrs_ast_module_install();
    pyrs_tokenize_module_install();
    pyrs_symtable_module_install();
    int status = 0;
    if (pyrs_sys_set_argv(argc, argv) < 0 || pyrs_import_bootstrap() < 0 || set_path0("") < 0 ||
        site_builtins() < 0 || pyrs_io_init_std_streams() < 0 ||
        pyrs_signal_install_defaults() < 0 || apply_warnoptions() < 0 || main_module() < 0 ||
        pyrs_import_run_module_as_main(name, 1) < 0) {
        status = report_exception();
    }
    return finish_program(status);
}

/* All of F, in a malloc'ed buffer (*LEN bytes), or NULL when out of memory. */
static char *
read_stream(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
            } else {
                buf = nb;
            }
        }
    }
    *len = n;
    return buf;
}

int
pyrs_run_stream(FILE *f, const char *filename, int argc, char **argv)
{
    size_t len = 0;
    char *buf = read_stream(f, &len);
    if (buf == NULL) {
        fprintf(stderr, "pyrs: out of memory reading %s\n", filename);
        return 1;
    }
    int status = pyrs_run_source(buf, len, filename, argc, argv);
    free(buf);
    return status;
}

/* Whether the program at PATH (LEN bytes at BUF) is a .pyc file: its name says so or it starts
 * with half the magic number, as CPython decides. */
static int
is_pyc(const char *path, const char *buf, size_t len)
{
    size_t n = strlen(path);
    return (n >= 4 && strcmp(path + n - 4, ".pyc") == 0) ||
           (len >= 2 && (unsigned char)buf[0] == 0xa7 && (unsigned char)buf[1] == 0x0d);
}

/* Runs the .pyc file at PATH (LEN bytes at BUF: magic, 12 header bytes CPython does not
 * check here, pyrs's marshalled code) as __main__; its exit status. */
static int
run_pyc(const char *buf, size_t len, const char *path, int argc, char **argv)
{
    static const unsigned char magic[4] = {0xa7, 0x0d, 0x0d, 0x0a}; /* runtime/import.c's */
    if (start_program(path, argc, argv) < 0) {
        return 1;
    }
    PyObject *code = NULL;
    if (len < 4 || memcmp(buf, magic, 4) != 0) {
        PyErr_SetString(PyExc_RuntimeError, "Bad magic number in .pyc file");
    } else if (len < 16 ||
               (code = pyrs_marshal_loads(buf + 16, (Py_ssize_t)(len - 16), NULL)) == NULL ||
               !PyrsCode_Check(code)) {
        Py_CLEAR(code);
        PyErr_Clear();
        PyErr_SetString(PyExc_RuntimeError, "Bad code object in .pyc file");
    }
    return run_main_code(code, path, 1);
}

/* Whether the file at PATH may be a zip archive: the end-of-central-directory signature
 * "PK\5\6" lies in its last 64 KiB + 22 bytes, where zipimport looks for it. */
static int
looks_like_zip(const char *path)
{
    enum { TAIL = 65535 + 22 };
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return 0;
    }
    static char buf[TAIL];
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    long start = size > TAIL ? size - TAIL : 0;
    size_t n = size >= 22 && fseek(f, start, SEEK_SET) == 0 ? fread(buf, 1, TAIL, f) : 0;
    fclose(f);
    for (size_t i = n >= 22 ? n - 22 + 1 : 0; i-- > 0;) {
        if (memcmp(buf + i, "PK\005\006", 4) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Puts ENTRY first on sys.path and tells whether a path entry finder serves it: 1 yes, 0 no
 * (ENTRY taken out again), -1 on error. */
static int
push_importer_path(PyObject *entry)
{
    PyObject *path = PySys_GetObject("path");
    if (path == NULL || !PyList_Check(path) || PyList_Insert(path, 0, entry) < 0) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_RuntimeError, "lost sys.path");
        }
        return -1;
    }
    PyObject *finder = pyrs_import_get_importer(entry);
    if (finder == NULL) {
        return -1;
    }
    int found = finder != Py_None;
    Py_DECREF(finder);
    return found || PySequence_DelItem(path, 0) == 0 ? found : -1;
}

/* `pyrs DIR` and `pyrs ARCHIVE.zip`, as CPython's pymain_run_python: PATH (made absolute)
 * goes first on sys.path and its __main__ module runs through runpy. *STATUS gets the exit
 * status and 1 is returned; 0 when no path entry finder serves PATH, which is then run as a
 * script in the started runtime. */
static int
run_main_importer(const char *path, int argc, char **argv, int *status)
{
    if (start_program(path, argc, argv) < 0) {
        *status = 1;
        return 1;
    }
    PyObject *path0 = PySys_GetObject("path");
    if (path0 != NULL && PyList_Check(path0) && !pyrs_config.safe_path &&
        PySequence_DelItem(path0, 0) < 0) { /* start_program's script directory */
        *status = report_exception();
        return 1;
    }
    PyObject *entry = PyUnicode_DecodeFSDefault(path); /* absolute (pyrs_run_file) */
    int found = entry != NULL ? push_importer_path(entry) : -1;
    Py_XDECREF(entry);
    if (found == 0) { /* not an archive zipimport reads: a script, run from its directory */
        if (pyrs_config.safe_path || pyrs_import_set_path0(path) == 0) {
            return 0;
        }
        *status = report_exception();
        return 1;
    }
    if (found < 0 || main_module() < 0 || pyrs_import_run_module_as_main("__main__", 0) < 0) {
        *status = report_exception();
    } else {
        *status = 0;
    }
    *status = finish_program(*status);
    return 1;
}

/* pyrs_run_file for an absolute PATH. */
static int
run_file(const char *path, int argc, char **argv)
{
    struct stat st;
    int importer_status;
    if (stat(path, &st) == 0 && (S_ISDIR(st.st_mode) || looks_like_zip(path)) &&
        run_main_importer(path, argc, argv, &importer_status)) {
        return importer_status;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        int err = errno;
        fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n",
                pyrs_config.program_name != NULL ? pyrs_config.program_name : argv[0], path, err,
                strerror(err));
        return 2;
    }
    size_t len = 0;
    char *buf = read_stream(f, &len);
    fclose(f);
    if (buf == NULL) {
        fprintf(stderr, "pyrs: out of memory reading %s\n", path);
        return 1;
    }
    if (is_pyc(path, buf, len)) {
        int status = run_pyc(buf, len, path, argc, argv);
        free(buf);
        return status;
    }
    size_t skip = 0;
    if (pyrs_config.skip_first_line) { /* -x: the first line is not Python */
        while (skip < len && buf[skip++] != '\n') {
        }
    }
    int status = pyrs_run_source(buf + skip, len - skip, path, argc, argv);
    free(buf);
    return status;
}

/* PATH made absolute as CPython makes the script's name (__file__, co_filename, messages):
 * the current directory, a slash and PATH, not normalized. A malloc'ed string, or NULL. */
static char *
absolute_path(const char *path)
{
    char cwd[PATH_MAX];
    if (path[0] == '/' || path[0] == '\0' || getcwd(cwd, sizeof cwd) == NULL) {
        return strdup(path);
    }
    size_t n = strlen(cwd) + strlen(path) + 2;
    char *abs = malloc(n);
    if (abs != NULL) {
        snprintf(abs, n, "%s/%s", cwd, path);
    }
    return abs;
}

int
pyrs_run_file(const char *given_path, int argc, char **argv)
{
    char *path = absolute_path(given_path);
    if (path == NULL) {
        fprintf(stderr, "pyrs: out of memory\n");
        return 1;
    }
    int status = run_file(path, argc, argv);
    free(path);
    return status;
}
