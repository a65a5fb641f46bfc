/* cpyext/config.c: CPython 3.11's PyConfig C-API as _testinternalcapi uses it
 * (Python/initconfig.c): PyConfig_InitIsolatedConfig/Clear, _PyConfig_AsDict/_FromDict,
 * _PyInterpreterState_GetConfigCopy filled from pyrs's real start-up settings (pyrs_config and
 * the sys module), _Py_GetConfigsAsDict. The struct has CPython's layout, since extensions
 * allocate it themselves. */
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "Python.h"
#include "pyrs/config.h"

typedef struct {
    Py_ssize_t length; /* number of items */
    wchar_t **items;   /* PyMem_RawMalloc'ed strings */
} PyWideStringList;

/* CPython 3.11's PyConfig (Include/cpython/initconfig.h), field for field. */
typedef struct PyConfig {
    int _config_init;
    int isolated, use_environment, dev_mode, install_signal_handlers, use_hash_seed;
    unsigned long hash_seed;
    int faulthandler, tracemalloc, import_time, code_debug_ranges, show_ref_count, dump_refs;
    wchar_t *dump_refs_file;
    int malloc_stats;
    wchar_t *filesystem_encoding, *filesystem_errors, *pycache_prefix;
    int parse_argv;
    PyWideStringList orig_argv, argv, xoptions, warnoptions;
    int site_import, bytes_warning, warn_default_encoding, inspect, interactive;
    int optimization_level, parser_debug, write_bytecode, verbose, quiet;
    int user_site_directory, configure_c_stdio, buffered_stdio;
    wchar_t *stdio_encoding, *stdio_errors, *check_hash_pycs_mode;
    int use_frozen_modules, safe_path, pathconfig_warnings;
    wchar_t *program_name, *pythonpath_env, *home, *platlibdir;
    int module_search_paths_set;
    PyWideStringList module_search_paths;
    wchar_t *stdlib_dir, *executable, *base_executable, *prefix, *base_prefix, *exec_prefix,
        *base_exec_prefix;
    int skip_source_first_line;
    wchar_t *run_command, *run_module, *run_filename;
    int _install_importlib, _init_main, _isolated_interpreter, _is_python_build;
} PyConfig;
_Static_assert(sizeof(PyConfig) == 424, "CPython 3.11's sizeof(PyConfig)");
_Static_assert(offsetof(PyConfig, module_search_paths) == 304, "module_search_paths");

PyAPI_FUNC(void) PyConfig_InitIsolatedConfig(PyConfig *config);
PyAPI_FUNC(void) PyConfig_Clear(PyConfig *config);
PyAPI_FUNC(PyObject *) _PyConfig_AsDict(const PyConfig *config);
PyAPI_FUNC(int) _PyConfig_FromDict(PyConfig *config, PyObject *dict);
PyAPI_FUNC(int) _PyInterpreterState_GetConfigCopy(PyConfig *config);
PyAPI_FUNC(int) _PyInterpreterState_SetConfig(const PyConfig *config);
PyAPI_FUNC(PyObject *) _Py_GetConfigsAsDict(void);

enum { K_INT, K_ULONG, K_WSTR, K_WSTR_OPT, K_LIST };

typedef struct {
    const char *name; /* the dict key */
    size_t offset;    /* offsetof(PyConfig, name) */
    int kind;         /* K_* */
} Member;

/* clang-format off */
#define M(name, kind) {#name, offsetof(PyConfig, name), kind}
/* clang-format on */
/* In the order of CPython's _PyConfig_AsDict. */
static const Member members[] = {
    M(_config_init, K_INT),
    M(isolated, K_INT),
    M(use_environment, K_INT),
    M(dev_mode, K_INT),
    M(install_signal_handlers, K_INT),
    M(use_hash_seed, K_INT),
    M(hash_seed, K_ULONG),
    M(faulthandler, K_INT),
    M(tracemalloc, K_INT),
    M(import_time, K_INT),
    M(code_debug_ranges, K_INT),
    M(show_ref_count, K_INT),
    M(dump_refs, K_INT),
    M(malloc_stats, K_INT),
    M(filesystem_encoding, K_WSTR),
    M(filesystem_errors, K_WSTR),
    M(pycache_prefix, K_WSTR_OPT),
    M(program_name, K_WSTR),
    M(parse_argv, K_INT),
    M(argv, K_LIST),
    M(xoptions, K_LIST),
    M(warnoptions, K_LIST),
    M(pythonpath_env, K_WSTR_OPT),
    M(home, K_WSTR_OPT),
    M(module_search_paths_set, K_INT),
    M(module_search_paths, K_LIST),
    M(stdlib_dir, K_WSTR_OPT),
    M(executable, K_WSTR_OPT),
    M(base_executable, K_WSTR_OPT),
    M(prefix, K_WSTR_OPT),
    M(base_prefix, K_WSTR_OPT),
    M(exec_prefix, K_WSTR_OPT),
    M(base_exec_prefix, K_WSTR_OPT),
    M(platlibdir, K_WSTR),
    M(site_import, K_INT),
    M(bytes_warning, K_INT),
    M(warn_default_encoding, K_INT),
    M(inspect, K_INT),
    M(interactive, K_INT),
    M(optimization_level, K_INT),
    M(parser_debug, K_INT),
    M(write_bytecode, K_INT),
    M(verbose, K_INT),
    M(quiet, K_INT),
    M(user_site_directory, K_INT),
    M(configure_c_stdio, K_INT),
    M(buffered_stdio, K_INT),
    M(stdio_encoding, K_WSTR),
    M(stdio_errors, K_WSTR),
    M(skip_source_first_line, K_INT),
    M(run_command, K_WSTR_OPT),
    M(run_module, K_WSTR_OPT),
    M(run_filename, K_WSTR_OPT),
    M(_install_importlib, K_INT),
    M(check_hash_pycs_mode, K_WSTR),
    M(pathconfig_warnings, K_INT),
    M(_init_main, K_INT),
    M(_isolated_interpreter, K_INT),
    M(orig_argv, K_LIST),
    M(use_frozen_modules, K_INT),
    M(safe_path, K_INT),
    M(_is_python_build, K_INT),
};
#undef M
#define NMEMBERS               (sizeof members / sizeof members[0])

#define FIELD(config, m, type) ((type *)((char *)(config) + (m)->offset))

static void
list_clear(PyWideStringList *list)
{
    for (Py_ssize_t i = 0; i < list->length; i++) {
        PyMem_RawFree(list->items[i]);
    }
    PyMem_RawFree(list->items);
    list->length = 0;
    list->items = NULL;
}

/* Frees every string and list of CONFIG (PyMem_Raw) and leaves them NULL/empty. */
void
PyConfig_Clear(PyConfig *config)
{
    for (size_t i = 0; i < NMEMBERS; i++) {
        const Member *m = &members[i];
        if (m->kind == K_WSTR || m->kind == K_WSTR_OPT) {
            PyMem_RawFree(*FIELD(config, m, wchar_t *));
            *FIELD(config, m, wchar_t *) = NULL;
        } else if (m->kind == K_LIST) {
            list_clear(FIELD(config, m, PyWideStringList));
        }
    }
    PyMem_RawFree(config->dump_refs_file);
    config->dump_refs_file = NULL;
}

/* CONFIG becomes CPython's isolated defaults (no environment, no user site, safe path). */
void
PyConfig_InitIsolatedConfig(PyConfig *config)
{
    memset(config, 0, sizeof *config);
    config->_config_init = 3; /* _PyConfig_INIT_ISOLATED */
    config->isolated = 1;
    config->code_debug_ranges = 1;
    config->site_import = 1;
    config->write_bytecode = 1;
    config->buffered_stdio = 1;
    config->safe_path = 1;
    config->use_frozen_modules = 1;
    config->_install_importlib = 1;
    config->_init_main = 1;
}

/* ---- dict conversion ------------------------------------------------------------------- */

static PyObject *
wstr_obj(const wchar_t *w)
{
    return w == NULL ? Py_NewRef(Py_None) : PyUnicode_FromWideChar(w, -1);
}

static PyObject *
list_obj(const PyWideStringList *list)
{
    PyObject *res = PyList_New(list->length);
    for (Py_ssize_t i = 0; res != NULL && i < list->length; i++) {
        PyObject *s = PyUnicode_FromWideChar(list->items[i], -1);
        if (s == NULL) {
            Py_CLEAR(res);
            break;
        }
        PyList_SET_ITEM(res, i, s);
    }
    return res;
}

static PyObject *
member_obj(const PyConfig *config, const Member *m)
{
    switch (m->kind) {
    case K_INT:
        return PyLong_FromLong(*FIELD(config, m, int));
    case K_ULONG:
        return PyLong_FromUnsignedLong(*FIELD(config, m, unsigned long));
    case K_LIST:
        return list_obj(FIELD(config, m, PyWideStringList));
    default:
        return wstr_obj(*FIELD(config, m, wchar_t *));
    }
}

/* A new dict {field name: int, str, None or list of str} in CPython's key order, or NULL. */
PyObject *
_PyConfig_AsDict(const PyConfig *config)
{
    PyObject *dict = PyDict_New();
    for (size_t i = 0; dict != NULL && i < NMEMBERS; i++) {
        PyObject *v = member_obj(config, &members[i]);
        if (v == NULL || PyDict_SetItemString(dict, members[i].name, v) < 0) {
            Py_XDECREF(v);
            Py_CLEAR(dict);
            break;
        }
        Py_DECREF(v);
    }
    return dict;
}

/* A PyMem_RawMalloc'ed copy of the str OBJ, or NULL with MemoryError/ValueError. */
static wchar_t *
wstr_new(PyObject *obj)
{
    Py_ssize_t n = PyUnicode_AsWideChar(obj, NULL, 0);
    if (n < 0) {
        return NULL;
    }
    wchar_t *w = PyMem_RawMalloc((size_t)n * sizeof(wchar_t));
    if (w == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    if (PyUnicode_AsWideChar(obj, w, n) < 0) {
        PyMem_RawFree(w);
        return NULL;
    }
    if ((Py_ssize_t)wcslen(w) != n - 1) {
        PyMem_RawFree(w);
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        return NULL;
    }
    return w;
}

static int
invalid_type(const char *name)
{
    PyErr_Format(PyExc_TypeError, "invalid config type: %s", name);
    return -1;
}

static int
invalid_value(const char *name)
{
    PyErr_Format(PyExc_ValueError, "invalid config value: %s", name);
    return -1;
}

static int
set_wstr(wchar_t **field, PyObject *v, const Member *m)
{
    wchar_t *w = NULL;
    if (v != Py_None || m->kind != K_WSTR_OPT) {
        if (!PyUnicode_Check(v)) {
            return invalid_type(m->name);
        }
        if ((w = wstr_new(v)) == NULL) {
            return -1;
        }
    }
    PyMem_RawFree(*field);
    *field = w;
    return 0;
}

static int
set_list(PyWideStringList *list, PyObject *v, const Member *m)
{
    if (!PyList_Check(v)) {
        return invalid_type(m->name);
    }
    PyWideStringList new = {0, NULL};
    Py_ssize_t n = PyList_GET_SIZE(v);
    new.items = PyMem_RawCalloc(n > 0 ? (size_t)n : 1, sizeof(wchar_t *));
    if (new.items == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (; new.length < n; new.length++) {
        PyObject *item = PyList_GET_ITEM(v, new.length);
        if (!PyUnicode_Check(item)) {
            list_clear(&new);
            return invalid_type(m->name);
        }
        if ((new.items[new.length] = wstr_new(item)) == NULL) {
            list_clear(&new);
            return -1;
        }
    }
    list_clear(list);
    *list = new;
    return 0;
}

static int
set_number(PyConfig *config, const Member *m, PyObject *v)
{
    if (!PyLong_Check(v)) {
        return invalid_type(m->name);
    }
    if (m->kind == K_ULONG) {
        unsigned long x = PyLong_AsUnsignedLong(v);
        if ((x == (unsigned long)-1 && PyErr_Occurred()) || x > 4294967295UL) {
            PyErr_Clear();
            return invalid_value(m->name);
        }
        *FIELD(config, m, unsigned long) = x;
        return 0;
    }
    int overflow;
    long x = PyLong_AsLongAndOverflow(v, &overflow);
    if (overflow || x < INT_MIN || x > INT_MAX) {
        return invalid_value(m->name);
    }
    *FIELD(config, m, int) = (int)x;
    return 0;
}

/* Sets every field of CONFIG from DICT (as _PyConfig_AsDict makes it). 0, or -1 with
 * TypeError "dict expected"/"invalid config type: NAME" or ValueError "missing config key:
 * NAME"/"invalid config value: NAME"; fields set before the error stay set. */
int
_PyConfig_FromDict(PyConfig *config, PyObject *dict)
{
    if (!PyDict_Check(dict)) {
        PyErr_SetString(PyExc_TypeError, "dict expected");
        return -1;
    }
    for (size_t i = 0; i < NMEMBERS; i++) {
        const Member *m = &members[i];
        PyObject *v = PyDict_GetItemString(dict, m->name);
        if (v == NULL) {
            PyErr_Format(PyExc_ValueError, "missing config key: %s", m->name);
            return -1;
        }
        int r = m->kind == K_LIST ? set_list(FIELD(config, m, PyWideStringList), v, m)
                : m->kind == K_INT || m->kind == K_ULONG
                    ? set_number(config, m, v)
                    : set_wstr(FIELD(config, m, wchar_t *), v, m);
        if (r < 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- the running interpreter's configuration ----------------------------------------- */

/* Sets the string FIELD from sys.NAME (None leaves it NULL); a missing attribute gives
 * DEFAULT (may be NULL). 0 or -1. */
static int
from_sys(wchar_t **field, const char *name, const char *dflt)
{
    PyObject *v = PySys_GetObject(name); /* borrowed */
    PyObject *owned = NULL;
    if (v == NULL) {
        if (dflt == NULL) {
            return 0;
        }
        v = owned = PyUnicode_FromString(dflt);
        if (v == NULL) {
            return -1;
        }
    }
    int r = 0;
    if (PyUnicode_Check(v)) {
        PyMem_RawFree(*field);
        r = (*field = wstr_new(v)) == NULL ? -1 : 0;
    }
    Py_XDECREF(owned);
    return r;
}

static int
from_text(wchar_t **field, const char *text)
{
    PyMem_RawFree(*field);
    *field = NULL;
    if (text == NULL) {
        return 0;
    }
    PyObject *s = PyUnicode_DecodeFSDefault(text);
    if (s == NULL) {
        return -1;
    }
    *field = wstr_new(s);
    Py_DECREF(s);
    return *field == NULL ? -1 : 0;
}

static int
list_from_obj(PyWideStringList *list, PyObject *seq)
{
    static const Member m = {"list", 0, K_LIST};
    PyObject *l = seq != NULL ? PySequence_List(seq) : PyList_New(0);
    if (l == NULL) {
        return -1;
    }
    int r = set_list(list, l, &m);
    Py_DECREF(l);
    return r;
}

static int
list_from_texts(PyWideStringList *list, const char **texts, int n)
{
    PyObject *l = PyList_New(0);
    for (int i = 0; l != NULL && i < n; i++) {
        PyObject *s = PyUnicode_DecodeFSDefault(texts[i]);
        if (s == NULL || PyList_Append(l, s) < 0) {
            Py_XDECREF(s);
            Py_CLEAR(l);
            break;
        }
        Py_DECREF(s);
    }
    int r = l == NULL ? -1 : list_from_obj(list, l);
    Py_XDECREF(l);
    return r;
}

/* The option or variable is set: -X NAME, else the PYTHON* variable ENV (non-empty). */
static int
xopt_or_env(const char *name, const char *env)
{
    if (pyrs_config_xoption(name) != NULL) {
        return 1;
    }
    const char *v = env != NULL ? pyrs_config_getenv(env) : NULL;
    return v != NULL && v[0] != '\0';
}

static void
fill_flags(PyConfig *c)
{
    const PyrsConfig *p = &pyrs_config;
    c->_config_init = 2; /* _PyConfig_INIT_PYTHON */
    c->isolated = p->isolated;
    c->use_environment = !p->ignore_environment;
    c->dev_mode = p->dev_mode;
    c->install_signal_handlers = 1;
    const char *seed = p->hash_random ? NULL : pyrs_config_getenv("PYTHONHASHSEED");
    c->use_hash_seed = seed != NULL && seed[0] != '\0' && strcmp(seed, "random") != 0;
    c->hash_seed = c->use_hash_seed ? strtoul(seed, NULL, 10) : 0;
    c->faulthandler = xopt_or_env("faulthandler", "PYTHONFAULTHANDLER");
    c->tracemalloc = xopt_or_env("tracemalloc", "PYTHONTRACEMALLOC");
    c->import_time = xopt_or_env("importtime", "PYTHONPROFILEIMPORTTIME");
    c->code_debug_ranges = !xopt_or_env("no_debug_ranges", "PYTHONNODEBUGRANGES");
    c->parse_argv = 2;
    c->site_import = !p->no_site;
    c->bytes_warning = p->bytes_warning;
    c->warn_default_encoding = p->warn_default_encoding;
    c->inspect = p->inspect;
    c->interactive = p->interactive;
    c->optimization_level = p->optimize;
    c->parser_debug = p->debug;
    c->write_bytecode = !p->dont_write_bytecode;
    c->verbose = p->verbose;
    c->quiet = p->quiet;
    c->user_site_directory = !p->no_user_site;
    c->configure_c_stdio = 1;
    c->buffered_stdio = !p->unbuffered;
    c->use_frozen_modules = 1;
    c->safe_path = p->safe_path;
    c->pathconfig_warnings = 1;
    c->module_search_paths_set = 1;
    c->skip_source_first_line = p->skip_first_line;
    c->_install_importlib = 1;
    c->_init_main = 1;
}

/* sys.path as the runtime starts it: PYTHONPATH, then the zip, stdlib and lib-dynload
 * directories under the prefix, as CPython's getpath computes them. */
static int
fill_search_paths(PyConfig *c)
{
    const char *env = pyrs_config_getenv("PYTHONPATH");
    PyObject *l = NULL;
    if (env != NULL && env[0] != '\0') {
        PyObject *s = PyUnicode_DecodeFSDefault(env);
        PyObject *sep = s ? PyUnicode_FromString(":") : NULL;
        l = sep ? PyUnicode_Split(s, sep, -1) : NULL;
        Py_XDECREF(s);
        Py_XDECREF(sep);
    } else {
        l = PyList_New(0);
    }
    PyObject *zip = l ? PyUnicode_FromString("/usr/lib/python311.zip") : NULL;
    int r = zip == NULL || PyList_Append(l, zip) < 0 ? -1 : 0;
    Py_XDECREF(zip);
    PyObject *stdlib = r == 0 ? PySys_GetObject("_stdlib_dir") : NULL;
    if (stdlib != NULL && PyUnicode_Check(stdlib)) {
        PyObject *dyn = PyUnicode_FromFormat("%U/lib-dynload", stdlib);
        r = dyn == NULL || PyList_Append(l, stdlib) < 0 || PyList_Append(l, dyn) < 0 ? -1 : 0;
        Py_XDECREF(dyn);
    }
    if (r == 0) {
        r = list_from_obj(&c->module_search_paths, l);
    }
    Py_XDECREF(l);
    return r;
}

/* run_command / run_module / run_filename from sys.orig_argv: the argument after -c or -m,
 * or the first one that is not an option. */
static int
fill_run(PyConfig *c)
{
    PyObject *argv = PySys_GetObject("orig_argv");
    if (argv == NULL || !PyList_Check(argv)) {
        return 0;
    }
    for (Py_ssize_t i = 1; i < PyList_GET_SIZE(argv); i++) {
        PyObject *a = PyList_GET_ITEM(argv, i);
        const char *s = PyUnicode_Check(a) ? PyUnicode_AsUTF8(a) : NULL;
        if (s == NULL) {
            PyErr_Clear();
            return 0;
        }
        int last = i + 1 < PyList_GET_SIZE(argv);
        PyObject *next = last ? PyList_GET_ITEM(argv, i + 1) : NULL;
        if (s[0] != '-' || strcmp(s, "-") == 0) {
            return s[0] == '-' ? 0 : (c->run_filename = wstr_new(a)) == NULL ? -1 : 0;
        }
        if (strcmp(s, "-c") == 0 && next != NULL) {
            PyObject *cmd = PyUnicode_FromFormat("%U\n", next);
            c->run_command = cmd ? wstr_new(cmd) : NULL;
            Py_XDECREF(cmd);
            return c->run_command == NULL ? -1 : 0;
        }
        if (strcmp(s, "-m") == 0 && next != NULL) {
            return (c->run_module = wstr_new(next)) == NULL ? -1 : 0;
        }
        if (strcmp(s, "-W") == 0 || strcmp(s, "-X") == 0) {
            i++;
        }
    }
    return 0;
}

/* sys.NAME() (getfilesystemencoding, getfilesystemencodeerrors): new reference or NULL. */
static PyObject *
sys_call(const char *name)
{
    PyObject *sys = PyImport_ImportModule("sys");
    PyObject *res = sys ? PyObject_CallMethod(sys, name, NULL) : NULL;
    Py_XDECREF(sys);
    return res;
}

static int
fill_strings(PyConfig *c)
{
    const PyrsConfig *p = &pyrs_config;
    PyObject *fse = sys_call("getfilesystemencoding");
    PyObject *fserr = fse ? sys_call("getfilesystemencodeerrors") : NULL;
    int r = fserr == NULL || (c->filesystem_encoding = wstr_new(fse)) == NULL ||
                    (c->filesystem_errors = wstr_new(fserr)) == NULL
                ? -1
                : 0;
    Py_XDECREF(fse);
    Py_XDECREF(fserr);
    if (r < 0 || from_sys(&c->pycache_prefix, "pycache_prefix", NULL) < 0 ||
        list_from_obj(&c->orig_argv, PySys_GetObject("orig_argv")) < 0 ||
        list_from_obj(&c->argv, PySys_GetObject("argv")) < 0 ||
        list_from_texts(&c->xoptions, p->xoptions, p->nxoptions) < 0 ||
        list_from_obj(&c->warnoptions, PySys_GetObject("warnoptions")) < 0 ||
        from_text(&c->stdio_encoding, "utf-8") < 0 ||
        from_text(&c->stdio_errors, p->utf8_mode ? "surrogateescape" : "strict") < 0 ||
        from_text(&c->check_hash_pycs_mode, "default") < 0 ||
        from_sys(&c->program_name, "executable", "python3") < 0 ||
        from_text(&c->pythonpath_env, pyrs_config_getenv("PYTHONPATH")) < 0 ||
        from_text(&c->home, pyrs_config_getenv("PYTHONHOME")) < 0 ||
        from_sys(&c->platlibdir, "platlibdir", "lib") < 0 || fill_search_paths(c) < 0 ||
        from_sys(&c->stdlib_dir, "_stdlib_dir", NULL) < 0 ||
        from_sys(&c->executable, "executable", NULL) < 0 ||
        from_sys(&c->base_executable, "_base_executable", NULL) < 0 ||
        from_sys(&c->prefix, "prefix", NULL) < 0 ||
        from_sys(&c->base_prefix, "base_prefix", NULL) < 0 ||
        from_sys(&c->exec_prefix, "exec_prefix", NULL) < 0 ||
        from_sys(&c->base_exec_prefix, "base_exec_prefix", NULL) < 0 || fill_run(c) < 0) {
        return -1;
    }
    return 0;
}

/* The stdio fields as the standard streams were opened: sys.__stdout__'s encoding and
 * errors when it has them. */
static int
fill_stdio(PyConfig *c)
{
    PyObject *out = PySys_GetObject("__stdout__");
    if (out == NULL || out == Py_None) {
        return 0;
    }
    PyObject *enc = PyObject_GetAttrString(out, "encoding");
    PyObject *err = enc ? PyObject_GetAttrString(out, "errors") : NULL;
    int r = 0;
    if (err != NULL && PyUnicode_Check(enc) && PyUnicode_Check(err)) {
        PyMem_RawFree(c->stdio_encoding);
        PyMem_RawFree(c->stdio_errors);
        c->stdio_errors = NULL;
        r = (c->stdio_encoding = wstr_new(enc)) == NULL || (c->stdio_errors = wstr_new(err)) == NULL
                ? -1
                : 0;
    } else {
        PyErr_Clear();
    }
    Py_XDECREF(enc);
    Py_XDECREF(err);
    return r;
}

/* Fills CONFIG (cleared first) with the running interpreter's settings: pyrs_config, the
 * environment it honours and the sys module (argv, paths, prefixes). 0, or -1 with an
 * exception (CONFIG then cleared). */
int
_PyInterpreterState_GetConfigCopy(PyConfig *config)
{
    PyConfig_Clear(config);
    memset(config, 0, sizeof *config);
    fill_flags(config);
    if (fill_strings(config) < 0 || fill_stdio(config) < 0) {
        PyConfig_Clear(config);
        return -1;
    }
    return 0;
}

/* Not supported: pyrs cannot re-apply a configuration to a running interpreter. -1 with
 * NotImplementedError. */
int
_PyInterpreterState_SetConfig(const PyConfig *config)
{
    (void)config;
    PyErr_SetString(PyExc_NotImplementedError,
                    "pyrs cannot apply a new configuration to the running interpreter");
    return -1;
}

static int
set_int(PyObject *d, const char *name, long v)
{
    PyObject *o = PyLong_FromLong(v);
    int r = o == NULL ? -1 : PyDict_SetItemString(d, name, o);
    Py_XDECREF(o);
    return r;
}

static PyObject *
pre_config_dict(const PyConfig *c)
{
    PyObject *d = PyDict_New();
    if (d == NULL || set_int(d, "_config_init", 2) < 0 || set_int(d, "parse_argv", 1) < 0 ||
        set_int(d, "isolated", c->isolated) < 0 ||
        set_int(d, "use_environment", c->use_environment) < 0 ||
        set_int(d, "configure_locale", 1) < 0 || set_int(d, "coerce_c_locale", 0) < 0 ||
        set_int(d, "coerce_c_locale_warn", 0) < 0 ||
        set_int(d, "utf8_mode", pyrs_config.utf8_mode) < 0 ||
        set_int(d, "dev_mode", c->dev_mode) < 0 || set_int(d, "allocator", 0) < 0) {
        Py_XDECREF(d);
        return NULL;
    }
    return d;
}

static PyObject *
global_config_dict(const PyConfig *c)
{
    PyObject *d = PyDict_New();
    PyObject *enc = d ? sys_call("getfilesystemencoding") : NULL;
    PyObject *err = enc ? sys_call("getfilesystemencodeerrors") : NULL;
    if (err == NULL || set_int(d, "Py_HasFileSystemDefaultEncoding", 0) < 0 ||
        PyDict_SetItemString(d, "Py_FileSystemDefaultEncoding", enc) < 0 ||
        set_int(d, "_Py_HasFileSystemDefaultEncodeErrors", 0) < 0 ||
        PyDict_SetItemString(d, "Py_FileSystemDefaultEncodeErrors", err) < 0 ||
        set_int(d, "Py_UTF8Mode", pyrs_config.utf8_mode) < 0 ||
        set_int(d, "Py_DebugFlag", c->parser_debug) < 0 ||
        set_int(d, "Py_VerboseFlag", c->verbose) < 0 || set_int(d, "Py_QuietFlag", c->quiet) < 0 ||
        set_int(d, "Py_InteractiveFlag", c->interactive) < 0 ||
        set_int(d, "Py_InspectFlag", c->inspect) < 0 ||
        set_int(d, "Py_OptimizeFlag", c->optimization_level) < 0 ||
        set_int(d, "Py_NoSiteFlag", !c->site_import) < 0 ||
        set_int(d, "Py_BytesWarningFlag", c->bytes_warning) < 0 ||
        set_int(d, "Py_FrozenFlag", 0) < 0 ||
        set_int(d, "Py_IgnoreEnvironmentFlag", !c->use_environment) < 0 ||
        set_int(d, "Py_DontWriteBytecodeFlag", !c->write_bytecode) < 0 ||
        set_int(d, "Py_NoUserSiteDirectory", !c->user_site_directory) < 0 ||
        set_int(d, "Py_UnbufferedStdioFlag", !c->buffered_stdio) < 0 ||
        set_int(d, "Py_HashRandomizationFlag", !c->use_hash_seed || c->hash_seed != 0) < 0 ||
        set_int(d, "Py_IsolatedFlag", c->isolated) < 0) {
        Py_CLEAR(d);
    }
    Py_XDECREF(enc);
    Py_XDECREF(err);
    return d;
}

/* {"global_config": ..., "pre_config": ..., "config": ...} as CPython builds it for
 * _testinternalcapi.get_configs(): a new dict, or NULL. */
PyObject *
_Py_GetConfigsAsDict(void)
{
    PyConfig c;
    memset(&c, 0, sizeof c);
    if (_PyInterpreterState_GetConfigCopy(&c) < 0) {
        return NULL;
    }
    PyObject *res = PyDict_New();
    PyObject *g = res ? global_config_dict(&c) : NULL;
    PyObject *pre = g ? pre_config_dict(&c) : NULL;
    PyObject *cfg = pre ? _PyConfig_AsDict(&c) : NULL;
    if (cfg == NULL || PyDict_SetItemString(res, "global_config", g) < 0 ||
        PyDict_SetItemString(res, "pre_config", pre) < 0 ||
        PyDict_SetItemString(res, "config", cfg) < 0) {
        Py_CLEAR(res);
    }
    Py_XDECREF(g);
    Py_XDECREF(pre);
    Py_XDECREF(cfg);
    PyConfig_Clear(&c);
    return res;
}
