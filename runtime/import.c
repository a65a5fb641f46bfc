/* The import system: __import__ and the import statement, the native finders (built-in
 * modules from the generated inittab, modules frozen by pyrsc, .py sources and packages on
 * sys.path with a bytecode cache, PEP 420 namespace packages) and the protocol for finders and
 * path hooks a program installs, following CPython 3.11's importlib._bootstrap. Specs,
 * loaders and finder classes are Python objects from runtime/import_bootstrap.py; the work
 * behind them is here. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "Python.h"
#include "pyrs/config.h"
#include "pyrs/bltin.h"
#include "pyrs/cpyext.h"
#include "pyrs/eval.h"
#include "pyrs/gil.h"
#include "pyrs/hash.h"
#include "pyrs/import.h"
#include "pyrs/marshal.h"
#include "pyrs/object.h"
#include "pyrs/sys.h"
#include "pyrs/vm.h"

extern const char pyrs_import_bootstrap_src[];

/* The bytecode cache header has CPython 3.11's .pyc layout (magic 3495, flags, then source
 * mtime and size, or PEP 552's 8-byte source hash). The flags word we write holds a mark
 * CPython never writes over PEP 552's two bits, so importlib's own loaders
 * (spec_from_file_location) reject our files as "invalid flags" and compile the source
 * instead of handing our marshal data to a CPython-format reader. Files py_compile and
 * compileall write (CPython's bare flags, our marshal data) are read like ours. */
static const unsigned char cache_magic[4] = {0xa7, 0x0d, 0x0d, 0x0a};
#define CACHE_FLAGS        0x73727970u /* "pyrs" */
#define CACHE_HASHED       1u          /* PEP 552: the header holds a hash of the source */
#define CACHE_CHECK_SOURCE 2u          /* PEP 552: import compares that hash with the source's */

static struct {
    PyObject *bootstrap;            /* the _pyrs_importlib module */
    PyObject *spec_cls;             /* ModuleSpec */
    PyObject *builtin_importer;     /* BuiltinImporter */
    PyObject *frozen_importer;      /* FrozenImporter */
    PyObject *path_finder;          /* PathFinder */
    PyObject *source_loader_cls;    /* SourceFileLoader */
    PyObject *pyc_loader_cls;       /* SourcelessFileLoader */
    PyObject *ext_loader_cls;       /* ExtensionFileLoader */
    PyObject *ns_loader_cls;        /* NamespaceLoader */
    PyObject *ns_path_cls;          /* _NamespacePath */
    PyObject *post_import;          /* dict: module name -> fix-up called after it loads */
    PyObject *default_hook;         /* FileFinder.path_hook() */
    PyObject *import_func;          /* the original builtins.__import__ */
    PyObject *dir_cache;            /* dict: directory -> (mtime_ns, frozenset names) */
    const PyrsFrozenModule *frozen; /* pyrsc's modules, or NULL */
    int bootstrapping;
    int zipimport_tried; /* zipimport was imported for a path entry (once, even if it failed) */
} imp;

static const char *const ext_suffixes[] = {".cpython-311-x86_64-linux-gnu.so", ".abi3.so", ".so"};
#define N_EXT_SUFFIXES 3

/* ---- small helpers ---------------------------------------------------------------------- */

static PyObject *
sys_get(const char *name)
{
    PyObject *v = PySys_GetObject(name);
    if (v == NULL && !PyErr_Occurred()) {
        PyErr_Format(PyExc_RuntimeError, "lost sys.%s", name);
    }
    return v; /* borrowed */
}

static PyObject *
modules(void)
{
    return PyImport_GetModuleDict();
}

/* sys.modules[NAME] as a new reference, or NULL without error when absent. */
static PyObject *
modules_get(PyObject *name)
{
    PyObject *mods = modules();
    if (mods == NULL) {
        return NULL;
    }
    return Py_XNewRef(PyDict_GetItemWithError(mods, name));
}

static int
set_attr(PyObject *obj, const char *name, PyObject *value)
{
    return PyObject_SetAttrString(obj, name, value);
}

static PyObject *
module_not_found(PyObject *name, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    PyObject *msg = PyUnicode_FromFormatV(fmt, va);
    va_end(va);
    if (msg == NULL) {
        return NULL;
    }
    PyObject *exc = PyObject_CallOneArg(PyExc_ModuleNotFoundError, msg);
    Py_DECREF(msg);
    if (exc != NULL && PyObject_SetAttrString(exc, "name", name) == 0) {
        PyErr_SetObject(PyExc_ModuleNotFoundError, exc);
    }
    Py_XDECREF(exc);
    return NULL;
}

static int
stat_path(PyObject *path, struct stat *st)
{
    const char *p = PyUnicode_AsUTF8(path);
    if (p == NULL) {
        PyErr_Clear();
        return -1;
    }
    return stat(p, st);
}

static int
is_file(PyObject *path)
{
    struct stat st;
    return stat_path(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
is_dir(PyObject *path)
{
    struct stat st;
    return stat_path(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static PyObject *
join(PyObject *dir, PyObject *name, const char *suffix)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(dir);
    int slash = n > 0 && PyUnicode_READ_CHAR(dir, n - 1) == '/';
    return PyUnicode_FromFormat(slash ? "%U%U%s" : "%U/%U%s", dir, name, suffix);
}

static PyObject *
getcwd_str(void)
{
    char buf[4096];
    if (getcwd(buf, sizeof buf) == NULL) {
        return PyErr_SetFromErrno(PyExc_FileNotFoundError);
    }
    return PyUnicode_DecodeFSDefault(buf);
}

/* ---- the Python side (import_bootstrap.py) ------------------------------------------------ */

static int load_builtin_into(PyObject *name, PyObject *spec, PyObject **out);
static PyObject *builtin_spec(PyObject *name);

static int
fetch_class(PyObject *dict, const char *name, PyObject **slot)
{
    PyObject *v = PyDict_GetItemString(dict, name);
    if (v == NULL) {
        PyErr_Format(PyExc_ImportError, "_pyrs_importlib lacks %s", name);
        return -1;
    }
    *slot = Py_NewRef(v);
    return 0;
}

/* Gives the built-in modules imported before the bootstrap (sys, builtins, _imp...) their
 * __spec__ and __loader__, as importlib._bootstrap._setup does. */
static int
fix_builtin_specs(void)
{
    PyObject *key, *mod;
    PyObject *items = PyDict_Items(modules());
    if (items == NULL) {
        return -1;
    }
    int r = 0;
    for (Py_ssize_t i = 0; r == 0 && i < PyList_GET_SIZE(items); i++) {
        key = PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 0);
        mod = PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 1);
        if (!PyModule_Check(mod) || !pyrs_import_is_builtin(key)) {
            continue;
        }
        PyObject *dict = PyModule_GetDict(mod);
        PyObject *cur = PyDict_GetItemString(dict, "__spec__");
        if (cur != NULL && cur != Py_None) {
            continue;
        }
        PyObject *spec = builtin_spec(key);
        PyObject *pkg = PyDict_GetItemString(dict, "__package__");
        PyObject *empty = PyUnicode_FromString("");
        if (spec == NULL || empty == NULL || PyDict_SetItemString(dict, "__spec__", spec) < 0 ||
            PyDict_SetItemString(dict, "__loader__", imp.builtin_importer) < 0 ||
            ((pkg == NULL || pkg == Py_None) &&
             PyDict_SetItemString(dict, "__package__", empty) < 0)) {
            r = -1;
        }
        Py_XDECREF(empty);
        Py_XDECREF(spec);
    }
    Py_DECREF(items);
    return r;
}

/* Compiles and runs import_bootstrap.py as _pyrs_importlib, once. */
static int ensure_bootstrap(void);
static PyObject *bootstrap_code(void);

int
pyrs_import_bootstrap(void)
{
    return ensure_bootstrap();
}

static int
ensure_bootstrap(void)
{
    if (imp.bootstrap != NULL || imp.bootstrapping) {
        return 0;
    }
    imp.bootstrapping = 1;
    PyObject *code = bootstrap_code();
    PyObject *mod = code ? PyModule_New("_pyrs_importlib") : NULL;
    PyObject *dict = mod ? PyModule_GetDict(mod) : NULL;
    PyObject *builtins = modules() ? PyDict_GetItemString(modules(), "builtins") : NULL;
    int r = -1;
    if (dict != NULL && builtins != NULL &&
        PyDict_SetItemString(dict, "__builtins__", builtins) == 0 &&
        PyDict_SetItemString(modules(), "_pyrs_importlib", mod) == 0) {
        PyObject *res = pyrs_eval_code(code, dict, dict);
        if (res != NULL) {
            Py_DECREF(res);
            r = fetch_class(dict, "ModuleSpec", &imp.spec_cls) < 0 ||
                        fetch_class(dict, "BuiltinImporter", &imp.builtin_importer) < 0 ||
                        fetch_class(dict, "FrozenImporter", &imp.frozen_importer) < 0 ||
                        fetch_class(dict, "PathFinder", &imp.path_finder) < 0 ||
                        fetch_class(dict, "SourceFileLoader", &imp.source_loader_cls) < 0 ||
                        fetch_class(dict, "SourcelessFileLoader", &imp.pyc_loader_cls) < 0 ||
                        fetch_class(dict, "ExtensionFileLoader", &imp.ext_loader_cls) < 0 ||
                        fetch_class(dict, "NamespaceLoader", &imp.ns_loader_cls) < 0 ||
                        fetch_class(dict, "_NamespacePath", &imp.ns_path_cls) < 0 ||
                        fetch_class(dict, "_POST_IMPORT", &imp.post_import) < 0 ||
                        fetch_class(dict, "_default_path_hook", &imp.default_hook) < 0
                    ? -1
                    : 0;
        }
    }
    Py_XDECREF(code);
    imp.bootstrapping = 0;
    if (r < 0) {
        Py_XDECREF(mod);
        return -1;
    }
    imp.bootstrap = mod;
    PyObject *meta_path = sys_get("meta_path");
    PyObject *hooks = sys_get("path_hooks");
    if (meta_path == NULL || hooks == NULL) {
        return -1;
    }
    if (PyList_Check(meta_path) && PyList_GET_SIZE(meta_path) == 0) {
        if (PyList_Append(meta_path, imp.builtin_importer) < 0 ||
            PyList_Append(meta_path, imp.frozen_importer) < 0 ||
            PyList_Append(meta_path, imp.path_finder) < 0) {
            return -1;
        }
    }
    if (PyList_Check(hooks) && PyList_GET_SIZE(hooks) == 0 &&
        PyList_Append(hooks, imp.default_hook) < 0) {
        return -1;
    }
    return fix_builtin_specs();
}

/* ---- built-in and frozen modules ---------------------------------------------------------- */

static const struct _inittab *
find_inittab(PyObject *name)
{
    const char *s = PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
    if (s == NULL) {
        PyErr_Clear();
        return NULL;
    }
    for (const struct _inittab *p = pyrs_builtin_inittab; p->name != NULL; p++) {
        if (strcmp(p->name, s) == 0) {
            return p;
        }
    }
    return NULL;
}

int
pyrs_import_is_builtin(PyObject *name)
{
    if (PyUnicode_Check(name) && (_PyUnicode_EqualToASCIIString(name, "sys") ||
                                  _PyUnicode_EqualToASCIIString(name, "builtins"))) {
        return -1;
    }
    return find_inittab(name) != NULL;
}

/* Creates built-in module NAME (single-phase or PEP 489 multi-phase, executed) into *OUT. */
static int
load_builtin_into(PyObject *name, PyObject *spec, PyObject **out)
{
    PyObject *existing = modules_get(name);
    if (existing != NULL && (_PyUnicode_EqualToASCIIString(name, "sys") ||
                             _PyUnicode_EqualToASCIIString(name, "builtins"))) {
        *out = existing;
        return 0;
    }
    Py_XDECREF(existing);
    const struct _inittab *entry = find_inittab(name);
    if (entry == NULL) {
        PyErr_Format(PyExc_ImportError, "no built-in module named %U", name);
        return -1;
    }
    PyObject *m = entry->initfunc();
    if (m == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_SystemError,
                         "initialization of %s failed without raising an exception", entry->name);
        }
        return -1;
    }
    if (Py_IS_TYPE(m, &PyModuleDef_Type)) {
        PyModuleDef *def = (PyModuleDef *)m;
        PyObject *sp = spec != NULL ? Py_NewRef(spec) : NULL;
        if (sp == NULL) {
            /* before the bootstrap: a minimal spec (only .name is read) */
            sp = imp.spec_cls ? PyObject_CallFunction(imp.spec_cls, "OO", name, Py_None)
                              : PyModule_NewObject(name);
            if (sp != NULL && !imp.spec_cls && set_attr(sp, "name", name) < 0) {
                Py_CLEAR(sp);
            }
        }
        m = sp ? PyModule_FromDefAndSpec(def, sp) : NULL;
        Py_XDECREF(sp);
        if (m == NULL || PyModule_ExecDef(m, def) < 0) {
            Py_XDECREF(m);
            return -1;
        }
    }
    *out = m;
    return 0;
}

PyObject *
pyrs_import_create_builtin(PyObject *spec)
{
    PyObject *name = PyObject_GetAttrString(spec, "name");
    if (name == NULL) {
        return NULL;
    }
    if (!PyUnicode_Check(name)) {
        PyErr_Format(PyExc_TypeError, "name must be string, not %.200s", Py_TYPE(name)->tp_name);
        Py_DECREF(name);
        return NULL;
    }
    PyObject *mod = NULL;
    if (load_builtin_into(name, spec, &mod) < 0) {
        mod = NULL;
    }
    Py_DECREF(name);
    return mod;
}

static const PyrsFrozenModule *
find_frozen(PyObject *name)
{
    const char *s = imp.frozen && PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
    for (const PyrsFrozenModule *p = imp.frozen; s != NULL && p->name != NULL; p++) {
        if (strcmp(p->name, s) == 0) {
            return p;
        }
    }
    return NULL;
}

void
pyrs_import_set_frozen(const PyrsFrozenModule *mods)
{
    imp.frozen = mods;
}

int
pyrs_import_frozen_info(PyObject *name, int *is_package)
{
    const PyrsFrozenModule *p = find_frozen(name);
    if (p != NULL && is_package != NULL) {
        *is_package = p->is_package;
    }
    return p != NULL;
}

PyObject *
pyrs_import_frozen_origin(PyObject *name)
{
    const PyrsFrozenModule *p = find_frozen(name);
    if (p == NULL || p->origin == NULL) {
        Py_RETURN_NONE;
    }
    return PyUnicode_DecodeFSDefault(p->origin);
}

PyObject *
pyrs_import_frozen_code(PyObject *name)
{
    const PyrsFrozenModule *p = find_frozen(name);
    if (p == NULL) {
        PyErr_Format(PyExc_ImportError, "No such frozen object named %R", name);
        return NULL;
    }
    return pyrs_marshal_loads((const char *)p->code, (Py_ssize_t)p->size, NULL);
}

/* ---- the bytecode cache ------------------------------------------------------------------- */

PyObject *
pyrs_import_cache_from_source(PyObject *path)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(path);
    Py_ssize_t slash = PyUnicode_FindChar(path, '/', 0, n, -1);
    PyObject *head = PyUnicode_Substring(path, 0, slash + 1);
    PyObject *tail = PyUnicode_Substring(path, slash + 1, n);
    PyObject *res = NULL;
    if (head != NULL && tail != NULL) {
        Py_ssize_t tn = PyUnicode_GET_LENGTH(tail);
        Py_ssize_t dot = PyUnicode_FindChar(tail, '.', 0, tn, -1);
        PyObject *base = PyUnicode_Substring(tail, 0, dot > 0 ? dot : tn);
        if (base != NULL) {
            int opt = pyrs_config_optimize_level(); /* -O code is cached apart, as CPython */
            res = opt > 0 ? PyUnicode_FromFormat("%U__pycache__/%U.pyrs-311.opt-%d.pyc", head, base,
                                                 opt)
                          : PyUnicode_FromFormat("%U__pycache__/%U.pyrs-311.pyc", head, base);
            Py_DECREF(base);
        }
    }
    Py_XDECREF(head);
    Py_XDECREF(tail);
    return res;
}

static char *
read_all(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return NULL;
    }
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) == 0 && (buf = PyMem_Malloc((size_t)st.st_size + 1)) != NULL) {
        size_t got = 0;
        while (got < (size_t)st.st_size) {
            ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
            if (r <= 0) {
                if (r < 0 && errno == EINTR) {
                    continue;
                }
                break;
            }
            got += (size_t)r;
        }
        buf[got] = '\0';
        *len = got;
    }
    close(fd);
    return buf;
}

static void
put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* The contents of PATH (its length in *LEN), or NULL when it cannot be read. A file is
 * mapped (*MAPPED set: munmap it) rather than read, so the kernel neither copies it nor
 * hands out fresh zeroed pages for a buffer; else read into memory (*MAPPED NULL:
 * PyMem_Free it). Marshal copies whatever it keeps, so the data can go right after. */
static char *
map_file(const char *path, size_t *len, char **mapped)
{
    *mapped = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return NULL;
    }
    struct stat st;
    void *p = MAP_FAILED;
    if (fstat(fd, &st) == 0 && st.st_size > 0) {
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    }
    close(fd);
    if (p == MAP_FAILED) {
        return read_all(path, len);
    }
    *len = (size_t)st.st_size;
    *mapped = p;
    return p;
}

static uint32_t
get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* _imp.check_hash_based_pycs as it is now: 'a'lways, 'n'ever or 'd'efault. Read at each use,
 * as tests patch the attribute; before _imp is imported, the command line's value. */
static char
check_hash_mode(void)
{
    PyObject *mods = PySys_GetObject("modules");
    PyObject *mod = mods != NULL && PyDict_Check(mods) ? PyDict_GetItemString(mods, "_imp") : NULL;
    PyObject *v = mod != NULL ? PyObject_GetAttrString(mod, "check_hash_based_pycs") : NULL;
    const char *s =
        v != NULL && PyUnicode_Check(v) ? PyUnicode_AsUTF8(v) : pyrs_config.check_hash_pycs;
    char mode = s == NULL                  ? 'd'
                : strcmp(s, "always") == 0 ? 'a'
                : strcmp(s, "never") == 0  ? 'n'
                                           : 'd';
    Py_XDECREF(v);
    PyErr_Clear();
    return mode;
}

/* The PEP 552 source hash of LEN bytes at SRC (importlib.util.source_hash's key). */
static uint64_t
source_hash(const char *src, size_t len)
{
    return pyrs_hash_keyed(get_u32(cache_magic), src, (Py_ssize_t)len);
}

/* Whether the source at SRCPATH still hashes to the 8 bytes at WANT. */
static int
source_hash_matches(const char *srcpath, const unsigned char *want)
{
    size_t len = 0;
    char *src = read_all(srcpath, &len);
    if (src == NULL) {
        return 0;
    }
    uint64_t h = source_hash(src, len);
    PyMem_Free(src);
    return memcmp(&h, want, 8) == 0;
}

/* Whether the 16-byte cache header HEAD is current for the source at SRCPATH (MTIME and SIZE
 * from its stat). Flags are PEP 552's bits under our mark, or bare as py_compile writes them;
 * a NULL SRCPATH (the embedded bootstrap) accepts only our timestamp header. A hash-based
 * header is checked against the source as _imp.check_hash_based_pycs says, and its flag bits
 * go to *KIND so that a rewrite keeps them, as CPython's SourceLoader does. */
static int
header_current(const unsigned char *head, uint32_t mtime, uint32_t size, const char *srcpath,
               unsigned *kind)
{
    uint32_t flags = get_u32(head + 4), bits = flags & 3u;
    if (memcmp(head, cache_magic, 4) != 0 || ((flags & ~3u) != 0 && (flags & ~3u) != CACHE_FLAGS) ||
        bits == CACHE_CHECK_SOURCE || (srcpath == NULL && flags != CACHE_FLAGS)) {
        return 0;
    }
    if (!(bits & CACHE_HASHED)) {
        return get_u32(head + 8) == mtime && get_u32(head + 12) == size;
    }
    *kind = bits;
    char mode = check_hash_mode();
    if (mode == 'n' || (!(bits & CACHE_CHECK_SOURCE) && mode != 'a')) {
        return 1;
    }
    return source_hash_matches(srcpath, head + 8);
}

/* The cached code for the source at SRCPATH with MTIME and SIZE, or NULL (no error) when the
 * cache is missing, stale or unreadable; *KIND as header_current sets it (0 beforehand). */
static PyObject *
read_cache(const char *cpath, uint32_t mtime, uint32_t size, const char *srcpath, unsigned *kind)
{
    size_t len = 0;
    char *mapped = NULL, *data = map_file(cpath, &len, &mapped);
    if (data == NULL) {
        return NULL;
    }
    PyObject *code = NULL;
    if (len > 16 && header_current((const unsigned char *)data, mtime, size, srcpath, kind)) {
        code = pyrs_marshal_loads(data + 16, (Py_ssize_t)len - 16, NULL);
        if (code == NULL || !PyrsCode_Check(code)) {
            PyErr_Clear();
            Py_CLEAR(code);
        }
    }
    if (mapped != NULL) {
        munmap(mapped, len);
    } else {
        PyMem_Free(data);
    }
    return code;
}

static int
dont_write_bytecode(void)
{
    PyObject *v = PySys_GetObject("dont_write_bytecode");
    return v != NULL && PyObject_IsTrue(v) == 1;
}

/* Writes CODE to CPATH atomically (a temporary file renamed over it) under a header of FLAGS
 * and the words W1, W2 (mtime and size, or the two halves of a source hash); failures are
 * ignored, as CPython ignores them. */
static void
write_cache(const char *cpath, PyObject *code, uint32_t flags, uint32_t w1, uint32_t w2)
{
    PyObject *data = PyMarshal_WriteObjectToString(code, Py_MARSHAL_VERSION);
    if (data == NULL) {
        PyErr_Clear();
        return;
    }
    char dir[4096], tmp[4200];
    snprintf(dir, sizeof dir, "%s", cpath);
    char *slash = strrchr(dir, '/');
    if (slash != NULL) {
        *slash = '\0';
        (void)mkdir(dir, 0777);
    }
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", cpath, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
        unsigned char head[16];
        memcpy(head, cache_magic, 4);
        put_u32(head + 4, flags);
        put_u32(head + 8, w1);
        put_u32(head + 12, w2);
        int ok = write(fd, head, 16) == 16;
        Py_ssize_t n = PyBytes_GET_SIZE(data);
        ok = ok && write(fd, PyBytes_AS_STRING(data), (size_t)n) == n;
        ok = close(fd) == 0 && ok;
        if (!ok || rename(tmp, cpath) != 0) {
            unlink(tmp);
        }
    }
    Py_DECREF(data);
}

PyObject *
pyrs_import_source_code(PyObject *path)
{
    const char *p = PyUnicode_AsUTF8(path);
    if (p == NULL) {
        return NULL;
    }
    struct stat st;
    if (stat(p, &st) != 0) {
        return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
    }
    uint32_t mtime = (uint32_t)st.st_mtime, size = (uint32_t)st.st_size;
    PyObject *cpath = pyrs_import_cache_from_source(path);
    const char *cp = cpath ? PyUnicode_AsUTF8(cpath) : NULL;
    if (cp == NULL) {
        Py_XDECREF(cpath);
        return NULL;
    }
    unsigned kind = 0;
    PyObject *code = read_cache(cp, mtime, size, p, &kind);
    if (code != NULL) {
        pyrs_import_fix_co_filename(code, path);
    } else {
        size_t len = 0;
        char *src = read_all(p, &len);
        if (src == NULL) {
            Py_DECREF(cpath);
            return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
        }
        code = pyrs_bltin_compile(src, len, p, "exec");
        uint64_t h = kind ? source_hash(src, len) : 0;
        PyMem_Free(src);
        if (code != NULL && !dont_write_bytecode()) {
            if (kind) {
                write_cache(cp, code, CACHE_FLAGS | kind, (uint32_t)h, (uint32_t)(h >> 32));
            } else {
                write_cache(cp, code, CACHE_FLAGS, mtime, size);
            }
        }
    }
    Py_DECREF(cpath);
    return code;
}

/* Renames co_filename OLD to PATH in CO and in the code constants nested in it that share
 * OLD. */
static void
rename_code_file(PyrsCodeObject *co, PyObject *old, PyObject *path)
{
    if (PyUnicode_Compare(co->co_filename, old) != 0) {
        return;
    }
    Py_INCREF(path);
    Py_SETREF(co->co_filename, path);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(co->co_consts); i++) {
        PyObject *c = PyTuple_GET_ITEM(co->co_consts, i);
        if (PyrsCode_Check(c)) {
            rename_code_file((PyrsCodeObject *)c, old, path);
        }
    }
}

void
pyrs_import_fix_co_filename(PyObject *code, PyObject *path)
{
    PyrsCodeObject *co = (PyrsCodeObject *)code;
    if (PyUnicode_Compare(co->co_filename, path) != 0) {
        PyObject *old = Py_NewRef(co->co_filename);
        rename_code_file(co, old, path);
        Py_DECREF(old);
    }
}

/* The embedded bootstrap's code, from the bytecode cache when it is current. Its cache is
 * <sys._stdlib_dir>/__pycache__/_pyrs_importlib.pyrs-311.pyc, whose header holds a hash and
 * the length of the embedded source where a module's cache holds its source's mtime and
 * size; the format id inside guards against other builds of the compiler. */
static PyObject *
bootstrap_code(void)
{
    const char *src = pyrs_import_bootstrap_src;
    size_t len = strlen(src);
    uint32_t hash = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        hash = (hash ^ (unsigned char)src[i]) * 16777619u;
    }
    PyObject *dir = PySys_GetObject("_stdlib_dir");
    PyObject *fake = dir != NULL && PyUnicode_Check(dir)
                         ? PyUnicode_FromFormat("%U/_pyrs_importlib.py", dir)
                         : NULL;
    PyObject *cpath = fake ? pyrs_import_cache_from_source(fake) : NULL;
    Py_XDECREF(fake);
    const char *cp = cpath ? PyUnicode_AsUTF8(cpath) : NULL;
    PyErr_Clear(); /* no cache is no error */
    unsigned kind = 0;
    PyObject *code = cp ? read_cache(cp, hash, (uint32_t)len, NULL, &kind) : NULL;
    if (code == NULL) {
        code = pyrs_bltin_compile(src, len, "<frozen _pyrs_importlib>", "exec");
        if (code != NULL && cp != NULL && !dont_write_bytecode()) {
            write_cache(cp, code, CACHE_FLAGS, hash, (uint32_t)len);
        }
    }
    Py_XDECREF(cpath);
    return code;
}

/* ---- finding modules in directories ------------------------------------------------------- */

void
pyrs_import_invalidate_caches(void)
{
    if (imp.dir_cache != NULL) {
        PyDict_Clear(imp.dir_cache);
    }
}

/* The names in directory DIR (a frozenset, borrowed from the cache), refreshed when the
 * directory's mtime changes; NULL without error when DIR cannot be listed. */
static PyObject *
dir_names(PyObject *dir)
{
    struct stat st;
    if (stat_path(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        return NULL;
    }
    long long mtime = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    if (imp.dir_cache == NULL && (imp.dir_cache = PyDict_New()) == NULL) {
        return NULL;
    }
    PyObject *hit = PyDict_GetItemWithError(imp.dir_cache, dir);
    if (hit != NULL && PyLong_AsLongLong(PyTuple_GET_ITEM(hit, 0)) == mtime) {
        return PyTuple_GET_ITEM(hit, 1);
    }
    DIR *d = opendir(PyUnicode_AsUTF8(dir));
    if (d == NULL) {
        return NULL;
    }
    PyObject *names = PySet_New(NULL);
    struct dirent *e;
    while (names != NULL && (e = readdir(d)) != NULL) {
        PyObject *n = PyUnicode_DecodeFSDefault(e->d_name);
        if (n == NULL || PySet_Add(names, n) < 0) {
            Py_CLEAR(names);
        }
        Py_XDECREF(n);
    }
    closedir(d);
    PyObject *frozen = names ? PyFrozenSet_New(names) : NULL;
    Py_XDECREF(names);
    PyObject *mt = frozen ? PyLong_FromLongLong(mtime) : NULL;
    PyObject *entry = mt ? PyTuple_Pack(2, mt, frozen) : NULL;
    Py_XDECREF(mt);
    Py_XDECREF(frozen); /* the cache entry keeps it */
    if (entry == NULL || PyDict_SetItem(imp.dir_cache, dir, entry) < 0) {
        Py_XDECREF(entry);
        return NULL;
    }
    Py_DECREF(entry);
    return frozen;
}

static int
names_has(PyObject *names, PyObject *name, int which)
{
    /* suffix WHICH: ext_suffixes[WHICH], or ".py" after them; each made a str once */
    static PyObject *suffixes[N_EXT_SUFFIXES + 1];
    if (suffixes[which] == NULL) {
        suffixes[which] =
            PyUnicode_InternFromString(which < N_EXT_SUFFIXES ? ext_suffixes[which] : ".py");
    }
    PyObject *full = suffixes[which] ? PyUnicode_Concat(name, suffixes[which]) : NULL;
    int r = full ? PySet_Contains(names, full) : -1;
    Py_XDECREF(full);
    if (r < 0) {
        PyErr_Clear();
        return 0;
    }
    return r;
}

/* A spec for the module file PATH with LOADER_CLS; package specs search the directory. */
static PyObject *
file_spec(PyObject *fullname, PyObject *path, PyObject *loader_cls, PyObject *pkgdir)
{
    PyObject *loader = PyObject_CallFunctionObjArgs(loader_cls, fullname, path, NULL);
    if (loader == NULL) {
        return NULL;
    }
    PyObject *kw = PyDict_New();
    if (kw != NULL &&
        (PyDict_SetItemString(kw, "origin", path) < 0 ||
         PyDict_SetItemString(kw, "is_package", pkgdir != NULL ? Py_True : Py_False) < 0)) {
        Py_CLEAR(kw);
    }
    PyObject *args = kw ? PyTuple_Pack(2, fullname, loader) : NULL;
    PyObject *spec = args ? PyObject_Call(imp.spec_cls, args, kw) : NULL;
    Py_XDECREF(args);
    Py_XDECREF(kw);
    Py_DECREF(loader);
    if (spec == NULL) {
        return NULL;
    }
    int r = set_attr(spec, "_set_fileattr", Py_True);
    if (r == 0 && pkgdir != NULL) {
        PyObject *locs = PyList_New(1);
        if (locs == NULL) {
            r = -1;
        } else {
            PyList_SET_ITEM(locs, 0, Py_NewRef(pkgdir));
            r = set_attr(spec, "submodule_search_locations", locs);
            Py_DECREF(locs);
        }
    }
    if (r == 0 && loader_cls == imp.source_loader_cls) {
        PyObject *cached = pyrs_import_cache_from_source(path);
        r = cached ? set_attr(spec, "_cached", cached) : -1;
        Py_XDECREF(cached);
    } else if (r == 0 && loader_cls == imp.pyc_loader_cls) {
        r = set_attr(spec, "_cached", path); /* a bare .pyc is its own cache */
    }
    if (r < 0) {
        Py_CLEAR(spec);
    }
    return spec;
}

static PyObject *
namespace_spec(PyObject *fullname, PyObject *locations)
{
    PyObject *spec = PyObject_CallFunctionObjArgs(imp.spec_cls, fullname, Py_None, NULL);
    if (spec != NULL && set_attr(spec, "submodule_search_locations", locations) < 0) {
        Py_CLEAR(spec);
    }
    return spec;
}

/* A spec for FULLNAME from the bare .pyc file FILE (importlib's last suffix: no source next to
 * it), PKGDIR the package's directory or NULL; NULL without an exception when FILE is not
 * there. */
static PyObject *
pyc_spec(PyObject *fullname, PyObject *file, PyObject *pkgdir)
{
    return is_file(file) ? file_spec(fullname, file, imp.pyc_loader_cls, pkgdir) : NULL;
}

/* Whether the directory listing NAMES holds TAIL.pyc. */
static int
names_has_pyc(PyObject *names, PyObject *tail)
{
    PyObject *base = PyUnicode_FromFormat("%U.pyc", tail);
    int listed = base ? PySet_Contains(names, base) : -1;
    Py_XDECREF(base);
    if (listed < 0) {
        PyErr_Clear();
    }
    return listed > 0;
}

/* DIR as 3.11's FileFinder keeps it: "" and "." are the working directory, other relative
 * paths are joined to it (so modules found there get absolute __file__). New reference. */
static PyObject *
absolute_dir(PyObject *dir)
{
    if (PyUnicode_GET_LENGTH(dir) > 0 && PyUnicode_READ_CHAR(dir, 0) == '/') {
        return Py_NewRef(dir);
    }
    PyObject *cwd = getcwd_str();
    if (cwd == NULL || PyUnicode_GET_LENGTH(dir) == 0 ||
        PyUnicode_CompareWithASCIIString(dir, ".") == 0) {
        return cwd;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(dir);
    while (n > 1 && PyUnicode_READ_CHAR(dir, n - 1) == '/') {
        n--; /* _path_join strips trailing separators */
    }
    PyObject *rel = PyUnicode_Substring(dir, 0, n);
    PyObject *res = rel ? join(cwd, rel, "") : NULL;
    Py_XDECREF(rel);
    Py_DECREF(cwd);
    return res;
}

/* pyrs_import_find_in_directory; *NOT_DIR (when given) is set when DIR is not a directory. */
static PyObject *
find_in_dir(PyObject *fullname, PyObject *dir, int *not_dir)
{
    if (ensure_bootstrap() < 0) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(fullname);
    Py_ssize_t dot = PyUnicode_FindChar(fullname, '.', 0, n, -1);
    PyObject *tail = PyUnicode_Substring(fullname, dot + 1, n);
    PyObject *d = absolute_dir(dir);
    PyObject *res = NULL;
    if (tail == NULL || d == NULL) {
        goto done;
    }
    PyObject *names = dir_names(d);
    if (names == NULL) {
        res = PyErr_Occurred() ? NULL : Py_NewRef(Py_None);
        if (not_dir != NULL) {
            *not_dir = 1;
        }
        goto done;
    }
    int namespace = 0;
    if (PySet_Contains(names, tail) == 1) {
        PyObject *pkgdir = join(d, tail, "");
        if (pkgdir != NULL && is_dir(pkgdir)) {
            for (int i = 0; i <= N_EXT_SUFFIXES && res == NULL && !PyErr_Occurred(); i++) {
                const char *suffix = i < N_EXT_SUFFIXES ? ext_suffixes[i] : ".py";
                PyObject *init = PyUnicode_FromFormat("%U/__init__%s", pkgdir, suffix);
                if (init != NULL && is_file(init)) {
                    res = file_spec(fullname, init,
                                    i < N_EXT_SUFFIXES ? imp.ext_loader_cls : imp.source_loader_cls,
                                    pkgdir);
                }
                Py_XDECREF(init);
            }
            PyObject *init =
                res || PyErr_Occurred() ? NULL : PyUnicode_FromFormat("%U/__init__.pyc", pkgdir);
            res = init != NULL ? pyc_spec(fullname, init, pkgdir) : res;
            Py_XDECREF(init);
            namespace = res == NULL;
        }
        Py_XDECREF(pkgdir);
        if (res != NULL || PyErr_Occurred()) {
            goto done;
        }
    }
    for (int i = 0; i <= N_EXT_SUFFIXES && res == NULL; i++) {
        const char *suffix = i < N_EXT_SUFFIXES ? ext_suffixes[i] : ".py";
        if (names_has(names, tail, i)) {
            PyObject *file = join(d, tail, suffix);
            if (file == NULL) {
                goto done;
            }
            if (is_file(file)) {
                res = file_spec(fullname, file,
                                i < N_EXT_SUFFIXES ? imp.ext_loader_cls : imp.source_loader_cls,
                                NULL);
                Py_DECREF(file);
                goto done;
            }
            Py_DECREF(file);
        }
    }
    if (names_has_pyc(names, tail)) {
        PyObject *pyc = join(d, tail, ".pyc");
        res = pyc != NULL ? pyc_spec(fullname, pyc, NULL) : NULL;
        Py_XDECREF(pyc);
        if (res != NULL || PyErr_Occurred()) {
            goto done;
        }
    }
    if (namespace) {
        PyObject *locs = PyList_New(1);
        PyObject *pkgdir = join(d, tail, "");
        if (locs != NULL && pkgdir != NULL) {
            PyList_SET_ITEM(locs, 0, pkgdir);
            pkgdir = NULL;
            res = namespace_spec(fullname, locs);
        }
        Py_XDECREF(pkgdir);
        Py_XDECREF(locs);
        goto done;
    }
    res = Py_NewRef(Py_None);
done:
    Py_XDECREF(tail);
    Py_XDECREF(d);
    return res;
}

/* Looks for FULLNAME in DIR as FileFinder does: a package directory, then a module file
 * (extension, source, then bare .pyc), then a namespace portion (a spec with loader None). A
 * new spec, or Py_None (new reference) when nothing is there; NULL on error. */
PyObject *
pyrs_import_find_in_directory(PyObject *fullname, PyObject *dir)
{
    return find_in_dir(fullname, dir, NULL);
}

/* ---- path entry finders: sys.path_importer_cache, sys.path_hooks, zip archives ----------- */

/* Whether PATH, or a leading part of it ("app.zip" of "app.zip/pkg"), is a regular file: what
 * zipimport.zipimporter accepts before it reads the archive. */
static int
zip_candidate(PyObject *path)
{
    PyObject *bytes = PyUnicode_EncodeFSDefault(path);
    if (bytes == NULL) {
        PyErr_Clear();
        return 0;
    }
    char *p = PyBytes_AS_STRING(bytes);
    int res = 0;
    for (;;) {
        struct stat st;
        if (stat(p, &st) == 0) {
            res = S_ISREG(st.st_mode);
            break;
        }
        char *slash = strrchr(p, '/');
        if (slash == NULL || slash == p) {
            break;
        }
        *slash = '\0';
    }
    Py_DECREF(bytes);
    return res;
}

/* zipimport.zipimporter once zipimport is loaded (_pyrs_importlib._zipimporter), else NULL;
 * borrowed. */
static PyObject *
zip_hook(void)
{
    PyObject *hook = imp.bootstrap != NULL
                         ? PyDict_GetItemString(PyModule_GetDict(imp.bootstrap), "_zipimporter")
                         : NULL;
    return hook == Py_None ? NULL : hook;
}

int
pyrs_import_load_zipimport(PyObject *path)
{
    if (imp.zipimport_tried || zip_hook() != NULL || !zip_candidate(path)) {
        return 0;
    }
    imp.zipimport_tried = 1;
    PyObject *mod = PyImport_ImportModule("zipimport"); /* its fix-up installs the hook */
    Py_XDECREF(mod);
    return mod == NULL ? -1 : 0;
}

/* Whether sys.path_hooks holds only the defaults, [zipimporter,] FileFinder's hook: then
 * directories are searched natively. */
static int
default_path_hooks(void)
{
    PyObject *hooks = PySys_GetObject("path_hooks");
    if (hooks == NULL || !PyList_Check(hooks)) {
        return 0;
    }
    Py_ssize_t n = PyList_GET_SIZE(hooks);
    return (n == 1 || (n == 2 && PyList_GET_ITEM(hooks, 0) == zip_hook())) &&
           PyList_GET_ITEM(hooks, n - 1) == imp.default_hook;
}

/* The first finder a hook of HOOKS makes for PATH; Py_None when every hook raises ImportError.
 * New reference; NULL on any other error. */
static PyObject *
call_path_hooks(PyObject *hooks, PyObject *path)
{
    if (pyrs_import_load_zipimport(path) < 0) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(hooks); i++) {
        PyObject *hook = Py_NewRef(PyList_GET_ITEM(hooks, i));
        PyObject *finder = PyObject_CallOneArg(hook, path);
        Py_DECREF(hook);
        if (finder != NULL || !PyErr_ExceptionMatches(PyExc_ImportError)) {
            return finder;
        }
        PyErr_Clear();
    }
    return Py_NewRef(Py_None);
}

PyObject *
pyrs_import_get_importer(PyObject *path)
{
    PyObject *cache = sys_get("path_importer_cache");
    PyObject *hooks = cache ? sys_get("path_hooks") : NULL;
    if (hooks == NULL) {
        return NULL;
    }
    if (!PyDict_Check(cache) || !PyList_Check(hooks)) {
        PyErr_SetString(PyExc_RuntimeError,
                        "sys.path_importer_cache must be a dict and sys.path_hooks a list");
        return NULL;
    }
    Py_INCREF(cache);
    Py_INCREF(hooks);
    PyObject *finder = PyDict_GetItemWithError(cache, path);
    if (finder != NULL || PyErr_Occurred()) {
        Py_XINCREF(finder);
        goto done;
    }
    /* None while the hooks run, so a hook importing something does not recurse here */
    if (PyDict_SetItem(cache, path, Py_None) < 0) {
        goto done;
    }
    finder = call_path_hooks(hooks, path);
    if (finder != NULL && finder != Py_None && PyDict_SetItem(cache, path, finder) < 0) {
        Py_CLEAR(finder);
    }
done:
    Py_DECREF(cache);
    Py_DECREF(hooks);
    return finder;
}

/* FULLNAME from the path entry finder of ENTRY, a str that is not a directory (a zip archive,
 * or whatever a program's finder in sys.path_importer_cache serves): a new spec or Py_None;
 * NULL on error. */
static PyObject *
find_with_entry_finder(PyObject *fullname, PyObject *entry)
{
    PyObject *finder = pyrs_import_get_importer(entry);
    if (finder == NULL || finder == Py_None) {
        return finder;
    }
    PyObject *spec = PyObject_CallMethod(finder, "find_spec", "O", fullname);
    Py_DECREF(finder);
    return spec;
}

/* PathFinder.find_spec with the default path hooks: each str entry of PATH in order; regular
 * modules win; namespace portions are collected. A new spec, Py_None, or NULL on error. */
PyObject *
pyrs_import_find_on_path(PyObject *fullname, PyObject *path)
{
    PyObject *seq = PySequence_List(path);
    if (seq == NULL) {
        return NULL;
    }
    PyObject *portions = NULL, *res = NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(seq); i++) {
        PyObject *entry = PyList_GET_ITEM(seq, i);
        if (!PyUnicode_Check(entry)) {
            continue;
        }
        int not_dir = 0;
        PyObject *spec = find_in_dir(fullname, entry, &not_dir);
        if (spec == Py_None && not_dir) {
            Py_SETREF(spec, find_with_entry_finder(fullname, entry));
        }
        if (spec == NULL) {
            goto done;
        }
        if (spec == Py_None) {
            Py_DECREF(spec);
            continue;
        }
        PyObject *loader = PyObject_GetAttrString(spec, "loader");
        if (loader == NULL) {
            Py_DECREF(spec);
            goto done;
        }
        if (loader != Py_None) {
            Py_DECREF(loader);
            res = spec;
            goto done;
        }
        Py_DECREF(loader);
        PyObject *locs = PyObject_GetAttrString(spec, "submodule_search_locations");
        Py_DECREF(spec);
        if (locs == NULL || (portions == NULL && (portions = PyList_New(0)) == NULL)) {
            Py_XDECREF(locs);
            goto done;
        }
        PyObject *r = _PyList_Extend((PyListObject *)portions, locs);
        Py_DECREF(locs);
        if (r == NULL) {
            goto done;
        }
        Py_DECREF(r);
    }
    if (portions != NULL) {
        Py_SETREF(portions, PyObject_CallOneArg(imp.ns_path_cls, portions));
        res = portions ? namespace_spec(fullname, portions) : NULL;
        PyObject *loader =
            res ? PyObject_CallFunctionObjArgs(imp.ns_loader_cls, fullname, portions, NULL) : NULL;
        if (loader == NULL || set_attr(res, "loader", loader) < 0) {
            Py_CLEAR(res);
        }
        Py_XDECREF(loader);
    } else {
        res = Py_NewRef(Py_None);
    }
done:
    Py_XDECREF(portions);
    Py_DECREF(seq);
    return res;
}

/* ---- find_spec over sys.meta_path ----------------------------------------------------------- */

static PyObject *
builtin_spec(PyObject *name)
{
    PyObject *spec = PyObject_CallFunctionObjArgs(imp.spec_cls, name, imp.builtin_importer, NULL);
    PyObject *origin = PyUnicode_FromString("built-in");
    if (spec == NULL || origin == NULL || set_attr(spec, "origin", origin) < 0) {
        Py_CLEAR(spec);
    }
    Py_XDECREF(origin);
    return spec;
}

/* Whether NAME is one of CPython's frozen importlib names FrozenImporter serves by alias. */
static int
is_importlib_alias(PyObject *name)
{
    return PyUnicode_CompareWithASCIIString(name, "_frozen_importlib") == 0 ||
           PyUnicode_CompareWithASCIIString(name, "_frozen_importlib_external") == 0;
}

static PyObject *
frozen_spec(PyObject *name)
{
    return PyObject_CallMethod(imp.frozen_importer, "find_spec", "O", name);
}

/* One meta path finder's answer: ours natively, anybody else's through find_spec. */
static PyObject *
finder_find_spec(PyObject *finder, PyObject *name, PyObject *path)
{
    if (finder == imp.builtin_importer) {
        return path == NULL && find_inittab(name) != NULL ? builtin_spec(name) : Py_NewRef(Py_None);
    }
    if (finder == imp.frozen_importer) { /* frozen modules, and importlib's aliases */
        return find_frozen(name) != NULL || (path == NULL && is_importlib_alias(name))
                   ? frozen_spec(name)
                   : Py_NewRef(Py_None);
    }
    if (finder == imp.path_finder && default_path_hooks()) {
        PyObject *sys_path = path != NULL ? path : sys_get("path");
        return sys_path ? pyrs_import_find_on_path(name, sys_path) : NULL;
    }
    PyObject *meth = PyObject_GetAttrString(finder, "find_spec");
    if (meth == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
            return NULL;
        }
        PyErr_Clear();
        return Py_NewRef(Py_None); /* a legacy finder without find_spec */
    }
    /* under the global import lock, as importlib's _find_spec calls every finder; pyrs's own
     * finders above run without it */
    pyrs_gil_global_import_acquire();
    PyObject *res = PyObject_CallFunctionObjArgs(meth, name, path ? path : Py_None, Py_None, NULL);
    (void)pyrs_gil_global_import_release();
    Py_DECREF(meth);
    return res;
}

static PyObject *
find_spec(PyObject *name, PyObject *path)
{
    PyObject *meta_path = sys_get("meta_path");
    if (meta_path == NULL) {
        return NULL;
    }
    if (!PyList_Check(meta_path)) {
        PyErr_SetString(PyExc_ImportError, "sys.meta_path must be a list of import hooks");
        return NULL;
    }
    if (PyList_GET_SIZE(meta_path) == 0) {
        PyErr_WarnEx(PyExc_ImportWarning, "sys.meta_path is empty", 1);
    }
    PyObject *finders = PyList_GetSlice(meta_path, 0, PyList_GET_SIZE(meta_path));
    if (finders == NULL) {
        return NULL;
    }
    PyObject *res = Py_NewRef(Py_None);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(finders) && res == Py_None; i++) {
        Py_DECREF(res);
        res = finder_find_spec(PyList_GET_ITEM(finders, i), name, path);
        if (res == NULL) {
            break;
        }
    }
    Py_DECREF(finders);
    return res;
}

/* ---- loading --------------------------------------------------------------------------------- */

static int
dict_set_default(PyObject *dict, const char *key, PyObject *value)
{
    PyObject *cur = PyDict_GetItemString(dict, key);
    if (cur != NULL && cur != Py_None) {
        return 0;
    }
    return PyDict_SetItemString(dict, key, value);
}

/* _init_module_attrs: __name__, __loader__, __package__, __spec__, __path__, __file__ and
 * __cached__ from SPEC (existing values kept unless OVERRIDE). */
static int
init_module_attrs(PyObject *spec, PyObject *module, int override)
{
    PyObject *dict = PyObject_GetAttrString(module, "__dict__");
    if (dict == NULL) {
        return -1;
    }
    int r = -1;
    PyObject *name = PyObject_GetAttrString(spec, "name");
    PyObject *loader = name ? PyObject_GetAttrString(spec, "loader") : NULL;
    PyObject *parent = loader ? PyObject_GetAttrString(spec, "parent") : NULL;
    PyObject *locs = parent ? PyObject_GetAttrString(spec, "submodule_search_locations") : NULL;
    PyObject *has_loc = locs ? PyObject_GetAttrString(spec, "has_location") : NULL;
    if (has_loc == NULL) {
        goto done;
    }
    int (*set)(PyObject *, const char *, PyObject *) =
        override ? PyDict_SetItemString : dict_set_default;
    if (set(dict, "__name__", name) < 0 || set(dict, "__loader__", loader) < 0 ||
        set(dict, "__package__", parent) < 0 || PyDict_SetItemString(dict, "__spec__", spec) < 0 ||
        (locs != Py_None && set(dict, "__path__", locs) < 0)) {
        goto done;
    }
    if (PyObject_TypeCheck(loader, (PyTypeObject *)imp.ns_loader_cls) &&
        PyDict_SetItemString(dict, "__file__", Py_None) < 0) {
        goto done; /* namespace packages have __file__ None, as in CPython (bpo-32305) */
    }
    if (PyObject_IsTrue(has_loc) == 1) {
        PyObject *origin = PyObject_GetAttrString(spec, "origin");
        PyObject *cached = origin ? PyObject_GetAttrString(spec, "cached") : NULL;
        int bad = cached == NULL || set(dict, "__file__", origin) < 0 ||
                  (cached != Py_None && set(dict, "__cached__", cached) < 0);
        Py_XDECREF(origin);
        Py_XDECREF(cached);
        if (bad) {
            goto done;
        }
    }
    r = 0;
done:
    Py_XDECREF(name);
    Py_XDECREF(loader);
    Py_XDECREF(parent);
    Py_XDECREF(locs);
    Py_XDECREF(has_loc);
    Py_DECREF(dict);
    return r;
}

static int
exec_source_module(PyObject *spec, PyObject *module)
{
    PyObject *origin = PyObject_GetAttrString(spec, "origin");
    PyObject *code = origin ? pyrs_import_source_code(origin) : NULL;
    Py_XDECREF(origin);
    if (code == NULL) {
        return -1;
    }
    PyObject *dict = PyModule_GetDict(module);
    /* exec(code, module.__dict__) in importlib: the module gets the builtins dict */
    PyObject *res = dict_set_default(dict, "__builtins__", pyrs_eval_builtins()) == 0
                        ? pyrs_eval_code(code, dict, dict)
                        : NULL;
    Py_DECREF(code);
    Py_XDECREF(res);
    return res == NULL ? -1 : 0;
}

/* module_from_spec + exec as importlib._bootstrap._load_unlocked does it. New reference. */
static PyObject *
load_spec(PyObject *name, PyObject *spec)
{
    PyObject *loader = PyObject_GetAttrString(spec, "loader");
    if (loader == NULL) {
        return NULL;
    }
    if (loader == Py_None) {
        Py_DECREF(loader);
        PyErr_SetString(PyExc_ImportError, "missing loader");
        return NULL;
    }
    int native_source = PyObject_TypeCheck(loader, (PyTypeObject *)imp.source_loader_cls) &&
                        Py_TYPE(loader) == (PyTypeObject *)imp.source_loader_cls;
    /* pyrs's own ExtensionFileLoader: cpyext is called directly, so no Python frame of the
     * loader sits between the importer and the extension's init (warnings it issues point
     * at the importing code, as in CPython) */
    int native_ext = Py_TYPE(loader) == (PyTypeObject *)imp.ext_loader_cls;
    PyObject *module = NULL;
    if (loader == imp.builtin_importer) {
        if (load_builtin_into(name, spec, &module) < 0) {
            Py_DECREF(loader);
            return NULL;
        }
    } else if (native_ext) {
        if ((module = pyrs_cpyext_create_dynamic(spec)) == NULL) {
            Py_DECREF(loader);
            return NULL;
        }
    } else if (!native_source && PyObject_HasAttrString(loader, "create_module")) {
        module = PyObject_CallMethod(loader, "create_module", "O", spec);
        if (module == NULL) {
            Py_DECREF(loader);
            return NULL;
        }
        if (module == Py_None) {
            Py_CLEAR(module);
        }
    } else if (!native_source && !PyObject_HasAttrString(loader, "exec_module")) {
        /* a legacy loader: load_module does everything */
        PyObject *m = PyObject_CallMethod(loader, "load_module", "O", name);
        Py_DECREF(loader);
        Py_XDECREF(m);
        return m == NULL ? NULL : modules_get(name);
    }
    if (module == NULL && (module = PyModule_NewObject(name)) == NULL) {
        Py_DECREF(loader);
        return NULL;
    }
    PyObject *mods = modules();
    if (init_module_attrs(spec, module, 0) < 0 || set_attr(spec, "_initializing", Py_True) < 0 ||
        PyDict_SetItem(mods, name, module) < 0) {
        Py_DECREF(module);
        Py_DECREF(loader);
        return NULL;
    }
    int r;
    if (loader == imp.builtin_importer) {
        r = 0; /* executed by load_builtin_into */
    } else if (native_source) {
        r = exec_source_module(spec, module);
    } else if (native_ext) {
        r = pyrs_cpyext_exec_dynamic(module);
    } else {
        PyObject *res = PyObject_CallMethod(loader, "exec_module", "O", module);
        r = res == NULL ? -1 : 0;
        Py_XDECREF(res);
    }
    Py_DECREF(loader);
    Py_DECREF(module);
    if (r < 0) {
        PyObject *et, *ev, *tb;
        PyErr_Fetch(&et, &ev, &tb);
        if (PyDict_DelItem(mods, name) < 0) {
            PyErr_Clear();
        }
        PyErr_Restore(et, ev, tb);
        return NULL;
    }
    /* the module may have replaced itself in sys.modules; it moves to the end, as in CPython */
    PyObject *final = modules_get(name);
    if (final == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_KeyError, "%R", name);
        }
        return NULL;
    }
    if (PyDict_DelItem(mods, name) < 0 || PyDict_SetItem(mods, name, final) < 0 ||
        set_attr(spec, "_initializing", Py_False) < 0) {
        Py_DECREF(final);
        return NULL;
    }
    PyObject *fixup = imp.post_import ? PyDict_GetItemWithError(imp.post_import, name) : NULL;
    if (fixup != NULL) {
        PyObject *done = PyObject_CallOneArg(fixup, final);
        Py_XDECREF(done);
        if (done == NULL) {
            Py_DECREF(final);
            return NULL;
        }
    }
    return final;
}

/* ---- __import__ ---------------------------------------------------------------------------- */

static PyObject *import_absolute(PyObject *name);

/* Finds and loads NAME (absolute), importing its parents first. New reference. */
static PyObject *
find_and_load(PyObject *name)
{
    if (ensure_bootstrap() < 0) {
        return NULL;
    }
    if (imp.bootstrapping) {
        /* _pyrs_importlib itself imports only built-in modules, before specs exist */
        PyObject *mod = NULL;
        if (load_builtin_into(name, NULL, &mod) < 0 || PyDict_SetItem(modules(), name, mod) < 0) {
            Py_XDECREF(mod);
            return NULL;
        }
        return mod;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(name);
    Py_ssize_t dot = PyUnicode_FindChar(name, '.', 0, n, -1);
    PyObject *path = NULL, *parent_mod = NULL, *child = NULL;
    if (dot > 0) {
        PyObject *parent = PyUnicode_Substring(name, 0, dot);
        parent_mod = parent ? import_absolute(parent) : NULL;
        Py_XDECREF(parent);
        if (parent_mod == NULL) {
            return NULL;
        }
        PyObject *again = modules_get(name);
        if (again != NULL || PyErr_Occurred()) {
            Py_DECREF(parent_mod);
            return again;
        }
        path = PyObject_GetAttrString(parent_mod, "__path__");
        if (path == NULL) {
            Py_DECREF(parent_mod);
            if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
                return NULL;
            }
            PyErr_Clear();
            PyObject *pname = PyUnicode_Substring(name, 0, dot);
            module_not_found(name, "No module named '%U'; '%U' is not a package", name, pname);
            Py_XDECREF(pname);
            return NULL;
        }
        child = PyUnicode_Substring(name, dot + 1, n);
    }
    PyObject *spec = find_spec(name, path);
    PyObject *mod = NULL;
    if (spec == Py_None) {
        module_not_found(name, "No module named '%U'", name);
    } else if (spec != NULL) {
        mod = load_spec(name, spec);
    }
    Py_XDECREF(spec);
    if (mod != NULL && parent_mod != NULL && child != NULL &&
        PyObject_SetAttr(parent_mod, child, mod) < 0) {
        PyErr_Clear(); /* CPython warns and goes on */
    }
    Py_XDECREF(child);
    Py_XDECREF(path);
    Py_XDECREF(parent_mod);
    return mod;
}

/* -X importtime / PYTHONPROFILEIMPORTTIME: each module loaded prints its own and cumulative
 * time in microseconds to stderr, nested imports indented and listed before their importer,
 * in CPython 3.11's format. */
static struct {
    int enabled;           /* -1 until the configuration is read */
    int level;             /* nesting of the loads under way */
    long long accumulated; /* cumulative time of the loads nested in the current one */
} itime = {-1, 0, 0};

static int
importtime_enabled(void)
{
    if (itime.enabled < 0) {
        const char *env = pyrs_config_getenv("PYTHONPROFILEIMPORTTIME");
        itime.enabled = pyrs_config_xoption("importtime") != NULL || (env != NULL && *env);
        if (itime.enabled) {
            fputs("import time: self [us] | cumulative | imported package\n", stderr);
        }
    }
    return itime.enabled;
}

static long long
now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* find_and_load, timed when -X importtime asks for it. New reference, or NULL. */
static PyObject *
timed_find_and_load(PyObject *name)
{
    if (!importtime_enabled()) {
        return find_and_load(name);
    }
    int level = itime.level++;
    long long outer = itime.accumulated, start = now_us();
    itime.accumulated = 0;
    PyObject *mod = find_and_load(name);
    long long cum = now_us() - start;
    itime.level--;
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb); /* printed whether or not the import failed */
    const char *text = PyUnicode_AsUTF8(name);
    PyErr_Clear();
    fprintf(stderr, "import time: %9lld | %10lld | %*s%s\n", cum - itime.accumulated, cum,
            level * 2, "", text != NULL ? text : "?");
    PyErr_Restore(et, ev, tb);
    itime.accumulated = outer + cum;
    return mod;
}

/* import_absolute under NAME's module lock (runtime/ceval_gil.c), as importlib does when
 * threads exist: MOD (owned, may be NULL) is NAME's module still initializing in another
 * thread, returned once that thread is done; else NAME is loaded unless another thread
 * loaded it meanwhile. */
static PyObject *
import_locked(PyObject *name, PyObject *mod)
{
    int acquired;
    void *lock = pyrs_gil_import_lock(name, &acquired);
    if (lock == NULL) {
        Py_XDECREF(mod);
        return NULL;
    }
    if (mod == NULL) {
        mod = modules_get(name);
        if (mod == Py_None) {
            Py_CLEAR(mod);
            module_not_found(name, "import of %U halted; None in sys.modules", name);
        } else if (mod == NULL && !PyErr_Occurred()) {
            mod = timed_find_and_load(name);
        }
    }
    pyrs_gil_import_unlock(lock, acquired);
    return mod;
}

/* sys.modules[NAME] or a fresh import of it; "import of X halted" for a None entry. */
static PyObject *
import_absolute(PyObject *name)
{
    PyObject *mod = modules_get(name);
    if (mod == Py_None) {
        Py_DECREF(mod);
        return module_not_found(name, "import of %U halted; None in sys.modules", name);
    }
    if (PyErr_Occurred()) {
        return mod;
    }
    if (mod != NULL && !pyrs_gil_import_must_lock(mod)) {
        return mod;
    }
    return import_locked(name, mod);
}

/* The absolute name for a relative import of NAME at LEVEL from a module with GLOBALS. */
static PyObject *
resolve_name(PyObject *name, PyObject *globals, int level)
{
    if (globals == NULL) {
        PyErr_SetString(PyExc_KeyError, "'__name__' not in globals");
        return NULL;
    }
    if (!PyDict_Check(globals)) {
        PyErr_SetString(PyExc_TypeError, "globals must be a dict");
        return NULL;
    }
    PyObject *package = PyDict_GetItemString(globals, "__package__");
    PyObject *spec = PyDict_GetItemString(globals, "__spec__");
    if (package == Py_None) {
        package = NULL;
    }
    if (package != NULL) {
        Py_INCREF(package);
        if (!PyUnicode_Check(package)) {
            Py_DECREF(package);
            PyErr_SetString(PyExc_TypeError, "package must be a string");
            return NULL;
        }
    } else if (spec != NULL && spec != Py_None) {
        package = PyObject_GetAttrString(spec, "parent");
        if (package == NULL) {
            return NULL;
        }
        if (!PyUnicode_Check(package)) {
            Py_DECREF(package);
            PyErr_SetString(PyExc_TypeError, "__spec__.parent must be a string");
            return NULL;
        }
    } else {
        if (PyErr_WarnEx(PyExc_ImportWarning,
                         "can't resolve package from __spec__ or __package__, "
                         "falling back on __name__ and __path__",
                         1) < 0) {
            return NULL;
        }
        PyObject *modname = PyDict_GetItemString(globals, "__name__");
        if (modname == NULL) {
            PyErr_SetString(PyExc_KeyError, "'__name__' not in globals");
            return NULL;
        }
        if (!PyUnicode_Check(modname)) {
            PyErr_SetString(PyExc_TypeError, "__name__ must be a string");
            return NULL;
        }
        if (PyDict_GetItemString(globals, "__path__") != NULL) {
            package = Py_NewRef(modname);
        } else {
            Py_ssize_t n = PyUnicode_GET_LENGTH(modname);
            Py_ssize_t dot = PyUnicode_FindChar(modname, '.', 0, n, -1);
            package = PyUnicode_Substring(modname, 0, dot < 0 ? 0 : dot);
            if (package == NULL) {
                return NULL;
            }
        }
    }
    if (PyUnicode_GET_LENGTH(package) == 0) {
        Py_DECREF(package);
        PyErr_SetString(PyExc_ImportError,
                        "attempted relative import with no known parent package");
        return NULL;
    }
    Py_ssize_t end = PyUnicode_GET_LENGTH(package);
    for (int i = 1; i < level; i++) {
        end = PyUnicode_FindChar(package, '.', 0, end, -1);
        if (end < 0) {
            Py_DECREF(package);
            PyErr_SetString(PyExc_ImportError,
                            "attempted relative import beyond top-level package");
            return NULL;
        }
    }
    PyObject *base = PyUnicode_Substring(package, 0, end);
    Py_DECREF(package);
    if (base == NULL || PyUnicode_GET_LENGTH(name) == 0) {
        return base;
    }
    PyObject *abs = PyUnicode_FromFormat("%U.%U", base, name);
    Py_DECREF(base);
    return abs;
}

static int handle_fromlist(PyObject *module, PyObject *fromlist, int recursive);

static int
fromlist_item(PyObject *module, PyObject *x, int recursive)
{
    if (!PyUnicode_Check(x)) {
        PyObject *where = NULL;
        if (recursive) {
            PyObject *mn = PyObject_GetAttrString(module, "__name__");
            where = mn ? PyUnicode_FromFormat("%U.__all__", mn) : NULL;
            Py_XDECREF(mn);
        } else {
            where = PyUnicode_FromString("``from list''");
        }
        if (where != NULL) {
            PyErr_Format(PyExc_TypeError, "Item in %U must be str, not %.100s", where,
                         Py_TYPE(x)->tp_name);
            Py_DECREF(where);
        }
        return -1;
    }
    if (_PyUnicode_EqualToASCIIString(x, "*")) {
        PyObject *all;
        if (recursive || (all = PyObject_GetAttrString(module, "__all__")) == NULL) {
            PyErr_Clear();
            return 0;
        }
        int r = handle_fromlist(module, all, 1);
        Py_DECREF(all);
        return r;
    }
    if (PyObject_HasAttr(module, x)) {
        return 0;
    }
    PyObject *mn = PyObject_GetAttrString(module, "__name__");
    PyObject *from_name = mn ? PyUnicode_FromFormat("%U.%U", mn, x) : NULL;
    Py_XDECREF(mn);
    if (from_name == NULL) {
        return -1;
    }
    PyObject *sub = import_absolute(from_name);
    int r = 0;
    if (sub == NULL) {
        r = -1;
        if (PyErr_ExceptionMatches(PyExc_ModuleNotFoundError)) {
            PyObject *et, *ev, *tb;
            PyErr_Fetch(&et, &ev, &tb);
            PyErr_NormalizeException(&et, &ev, &tb);
            PyObject *ename = ev ? PyObject_GetAttrString(ev, "name") : NULL;
            PyErr_Clear();
            PyObject *entry = modules_get(from_name);
            PyErr_Clear();
            int same = ename != NULL && PyObject_RichCompareBool(ename, from_name, Py_EQ) == 1;
            if (same && entry != Py_None) {
                Py_XDECREF(et);
                Py_XDECREF(ev);
                Py_XDECREF(tb);
                r = 0;
            } else {
                PyErr_Restore(et, ev, tb);
            }
            Py_XDECREF(ename);
            Py_XDECREF(entry);
        }
    }
    Py_XDECREF(sub);
    Py_DECREF(from_name);
    return r;
}

static int
handle_fromlist(PyObject *module, PyObject *fromlist, int recursive)
{
    PyObject *seq = PySequence_Fast(fromlist, "fromlist must be a sequence");
    if (seq == NULL) {
        return -1;
    }
    int r = 0;
    for (Py_ssize_t i = 0; r == 0 && i < PySequence_Fast_GET_SIZE(seq); i++) {
        r = fromlist_item(module, PySequence_Fast_GET_ITEM(seq, i), recursive);
    }
    Py_DECREF(seq);
    return r;
}

PyObject *
PyImport_ImportModuleLevelObject(PyObject *name, PyObject *globals, PyObject *locals,
                                 PyObject *fromlist, int level)
{
    (void)locals;
    if (name == NULL) {
        PyErr_SetString(PyExc_ValueError, "Empty module name");
        return NULL;
    }
    if (!PyUnicode_Check(name)) {
        PyErr_SetString(PyExc_TypeError, "module name must be a string");
        return NULL;
    }
    if (level < 0) {
        PyErr_SetString(PyExc_ValueError, "level must be >= 0");
        return NULL;
    }
    PyObject *abs;
    if (level > 0) {
        abs = resolve_name(name, globals, level);
    } else {
        if (PyUnicode_GET_LENGTH(name) == 0) {
            PyErr_SetString(PyExc_ValueError, "Empty module name");
            return NULL;
        }
        abs = Py_NewRef(name);
    }
    if (abs == NULL) {
        return NULL;
    }
    PyObject *mod = import_absolute(abs);
    if (mod == NULL) {
        Py_DECREF(abs);
        return NULL;
    }
    int has_from = fromlist != NULL && fromlist != Py_None && PyObject_IsTrue(fromlist) == 1;
    PyObject *final = NULL;
    if (!has_from) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(name);
        Py_ssize_t dot = n ? PyUnicode_FindChar(name, '.', 0, n, 1) : -1;
        if ((level == 0 || n > 0) && dot >= 0) {
            if (level == 0) {
                PyObject *front = PyUnicode_Substring(name, 0, dot);
                final = front ? import_absolute(front) : NULL;
                Py_XDECREF(front);
            } else {
                Py_ssize_t cut = n - dot;
                PyObject *to_return = PyUnicode_Substring(abs, 0, PyUnicode_GET_LENGTH(abs) - cut);
                final = to_return ? modules_get(to_return) : NULL;
                if (final == NULL && !PyErr_Occurred()) {
                    PyErr_Format(PyExc_KeyError, "%R not in sys.modules as expected", to_return);
                }
                Py_XDECREF(to_return);
            }
        } else {
            final = Py_NewRef(mod);
        }
    } else if (PyObject_HasAttrString(mod, "__path__")) {
        final = handle_fromlist(mod, fromlist, 0) < 0 ? NULL : Py_NewRef(mod);
    } else {
        final = Py_NewRef(mod);
    }
    Py_DECREF(mod);
    Py_DECREF(abs);
    return final;
}

PyObject *
pyrs_vm_import_name(PyObject *globals, PyObject *name, PyObject *fromlist, int level)
{
    /* every import statement comes here: one lookup with an interned key, no new objects */
    PyObject *builtins = modules() ? PyDict_GetItemString(modules(), "builtins") : NULL;
    PyObject *func =
        builtins && PyModule_Check(builtins)
            ? PyDict_GetItemWithError(PyModule_GetDict(builtins), pyrs_object_id("__import__"))
            : NULL;
    if (func == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ImportError, "__import__ not found");
        }
        return NULL;
    }
    if (func == imp.import_func) {
        return PyImport_ImportModuleLevelObject(name, globals, NULL, fromlist, level);
    }
    Py_INCREF(func);
    PyObject *lv = PyLong_FromLong(level);
    PyObject *res =
        lv ? PyObject_CallFunctionObjArgs(func, name, globals ? globals : Py_None, Py_None,
                                          fromlist ? fromlist : Py_None, lv, NULL)
           : NULL;
    Py_XDECREF(lv);
    Py_DECREF(func);
    return res;
}

static PyObject *
builtin___import__(PyObject *Py_UNUSED(self), PyObject *args, PyObject *kwds)
{
    static const char *const names[] = {"name", "globals", "locals", "fromlist", "level"};
    PyObject *vals[5] = {NULL, NULL, NULL, NULL, NULL};
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs > 5) {
        PyErr_Format(PyExc_TypeError, "__import__() takes at most 5 arguments (%zd given)", nargs);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        vals[i] = PyTuple_GET_ITEM(args, i);
    }
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (kwds != NULL && PyDict_Next(kwds, &pos, &key, &value)) {
        int found = 0;
        for (int i = 0; i < 5; i++) {
            if (PyUnicode_Check(key) && _PyUnicode_EqualToASCIIString(key, names[i])) {
                if (vals[i] != NULL) {
                    PyErr_Format(PyExc_TypeError,
                                 "argument for __import__() given by name ('%s') and position (%d)",
                                 names[i], i + 1);
                    return NULL;
                }
                vals[i] = value;
                found = 1;
            }
        }
        if (!found) {
            PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for __import__()",
                         key);
            return NULL;
        }
    }
    if (vals[0] == NULL) {
        PyErr_SetString(PyExc_TypeError, "__import__() missing required argument 'name' (pos 1)");
        return NULL;
    }
    int level = 0;
    if (vals[4] != NULL) {
        long l = PyLong_AsLong(vals[4]);
        if (l == -1 && PyErr_Occurred()) {
            return NULL;
        }
        level = (int)l;
    }
    PyObject *globals = vals[1] == Py_None ? NULL : vals[1];
    return PyImport_ImportModuleLevelObject(vals[0], globals, vals[2], vals[3], level);
}

static PyMethodDef import_def = {
    "__import__",
    (PyCFunction)(void (*)(void))builtin___import__,
    METH_VARARGS | METH_KEYWORDS,
    "__import__(name, globals=None, locals=None, fromlist=(), level=0) -> module\n\n"
    "Import a module. Because this function is meant for use by the Python\n"
    "interpreter and not for general use, it is better to use\n"
    "importlib.import_module() to programmatically import a module.",
};

/* ---- from-imports -------------------------------------------------------------------------- */

/* A submodule not yet bound as an attribute of its package is found in sys.modules under
 * "package.name" (circular imports); otherwise CPython's ImportError naming the package. */
static PyObject *
import_from_fallback(PyObject *module, PyObject *name)
{
    PyObject *pkgname = PyObject_GetAttrString(module, "__name__");
    if (pkgname == NULL || !PyUnicode_Check(pkgname)) {
        PyErr_Clear();
        Py_XDECREF(pkgname);
        PyErr_Format(PyExc_ImportError,
                     "cannot import name %R from '<unknown module name>' (unknown location)", name);
        return NULL;
    }
    PyObject *full = PyUnicode_FromFormat("%U.%U", pkgname, name);
    PyObject *v = full != NULL ? PyDict_GetItemWithError(modules(), full) : NULL;
    Py_XDECREF(full);
    if (v != NULL || PyErr_Occurred()) {
        Py_DECREF(pkgname);
        return Py_XNewRef(v);
    }
    PyObject *spec = PyObject_GetAttrString(module, "__spec__");
    PyObject *initializing =
        spec && spec != Py_None ? PyObject_GetAttrString(spec, "_initializing") : NULL;
    PyErr_Clear();
    int partial = initializing != NULL && PyObject_IsTrue(initializing) == 1;
    Py_XDECREF(initializing);
    Py_XDECREF(spec);
    PyObject *path = PyObject_GetAttrString(module, "__file__");
    PyObject *msg;
    if (path == NULL || !PyUnicode_Check(path)) {
        PyErr_Clear();
        msg =
            PyUnicode_FromFormat("cannot import name %R from %R (unknown location)", name, pkgname);
    } else if (partial) {
        msg = PyUnicode_FromFormat("cannot import name %R from partially initialized module %R "
                                   "(most likely due to a circular import) (%U)",
                                   name, pkgname, path);
    } else {
        msg = PyUnicode_FromFormat("cannot import name %R from %R (%U)", name, pkgname, path);
    }
    if (msg != NULL) {
        PyObject *exc = PyObject_CallOneArg(PyExc_ImportError, msg);
        if (exc != NULL && set_attr(exc, "name", pkgname) == 0 &&
            set_attr(exc, "path", path ? path : Py_None) == 0) {
            PyErr_SetObject(PyExc_ImportError, exc);
        }
        Py_XDECREF(exc);
        Py_DECREF(msg);
    }
    Py_XDECREF(path);
    Py_DECREF(pkgname);
    return NULL;
}

PyObject *
pyrs_vm_import_from(PyObject *module, PyObject *name)
{
    PyObject *v = PyObject_GetAttr(module, name);
    if (v != NULL || !PyErr_ExceptionMatches(PyExc_AttributeError)) {
        return v;
    }
    PyErr_Clear();
    return import_from_fallback(module, name);
}

/* `from module import *`: the names of __all__, else every public name of __dict__. */
int
pyrs_vm_import_star(PyObject *module, PyObject *ns)
{
    PyObject *all = PyObject_GetAttrString(module, "__all__");
    int skip_private = 0;
    if (all == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
            return -1;
        }
        PyErr_Clear();
        PyObject *dict = PyObject_GetAttrString(module, "__dict__");
        if (dict == NULL) {
            if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
                PyErr_SetString(PyExc_ImportError,
                                "from-import-* object has no __dict__ and no __all__");
            }
            return -1;
        }
        all = PyMapping_Keys(dict);
        Py_DECREF(dict);
        if (all == NULL) {
            return -1;
        }
        skip_private = 1;
    }
    PyObject *seq = PySequence_Fast(all, "__all__ must be a sequence");
    Py_DECREF(all);
    if (seq == NULL) {
        return -1;
    }
    int r = 0;
    for (Py_ssize_t i = 0; r == 0 && i < PySequence_Fast_GET_SIZE(seq); i++) {
        PyObject *key = PySequence_Fast_GET_ITEM(seq, i);
        if (!PyUnicode_Check(key)) {
            PyObject *mn = PyObject_GetAttrString(module, "__name__");
            PyErr_Clear();
            if (skip_private) {
                PyErr_Format(PyExc_TypeError, "Key in %S.__dict__ must be str, not %.100s",
                             mn ? mn : Py_None, Py_TYPE(key)->tp_name);
            } else {
                PyErr_Format(PyExc_TypeError, "Item in %S.__all__ must be str, not %.100s",
                             mn ? mn : Py_None, Py_TYPE(key)->tp_name);
            }
            Py_XDECREF(mn);
            r = -1;
            break;
        }
        if (skip_private && PyUnicode_GET_LENGTH(key) > 0 && PyUnicode_READ_CHAR(key, 0) == '_') {
            continue;
        }
        PyObject *value = PyObject_GetAttr(module, key);
        r = value == NULL ? -1 : PyObject_SetItem(ns, key, value);
        Py_XDECREF(value);
    }
    Py_DECREF(seq);
    return r;
}

/* ---- the C-API ------------------------------------------------------------------------------ */

PyObject *
PyImport_ImportModuleLevel(const char *name, PyObject *globals, PyObject *locals,
                           PyObject *fromlist, int level)
{
    PyObject *n = PyUnicode_FromString(name);
    if (n == NULL) {
        return NULL;
    }
    PyObject *m = PyImport_ImportModuleLevelObject(n, globals, locals, fromlist, level);
    Py_DECREF(n);
    return m;
}

/* PyImport_Import: through builtins.__import__, returning sys.modules[name]. */
PyObject *
PyImport_Import(PyObject *name)
{
    PyObject *from = PyList_New(0);
    PyObject *top = from ? pyrs_vm_import_name(NULL, name, from, 0) : NULL;
    Py_XDECREF(from);
    if (top == NULL) {
        return NULL;
    }
    Py_DECREF(top);
    PyObject *m = modules_get(name);
    if (m == NULL && !PyErr_Occurred()) {
        PyErr_SetObject(PyExc_KeyError, name);
    }
    return m;
}

PyObject *
PyImport_ImportModule(const char *name)
{
    PyObject *n = PyUnicode_FromString(name);
    if (n == NULL) {
        return NULL;
    }
    PyObject *m = PyImport_Import(n);
    Py_DECREF(n);
    return m;
}

PyObject *
PyImport_ImportModuleNoBlock(const char *name)
{
    return PyImport_ImportModule(name);
}

PyObject *
PyImport_GetModule(PyObject *name)
{
    return modules_get(name);
}

PyObject *
PyImport_AddModuleObject(PyObject *name)
{
    PyObject *m = modules_get(name);
    if (m != NULL && PyModule_Check(m)) {
        Py_DECREF(m); /* borrowed, as CPython: sys.modules keeps it alive */
        return m;
    }
    Py_XDECREF(m);
    if (PyErr_Occurred()) {
        return NULL;
    }
    m = PyModule_NewObject(name);
    if (m == NULL || PyDict_SetItem(modules(), name, m) < 0) {
        Py_XDECREF(m);
        return NULL;
    }
    Py_DECREF(m);
    return m;
}

PyObject *
PyImport_AddModule(const char *name)
{
    PyObject *n = PyUnicode_FromString(name);
    PyObject *m = n ? PyImport_AddModuleObject(n) : NULL;
    Py_XDECREF(n);
    return m;
}

PyObject *
PyImport_ReloadModule(PyObject *m)
{
    PyObject *importlib = PyImport_ImportModule("importlib");
    if (importlib == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_CallMethod(importlib, "reload", "O", m);
    Py_DECREF(importlib);
    return r;
}

PyObject *
PyImport_ExecCodeModuleObject(PyObject *name, PyObject *co, PyObject *pathname, PyObject *cpathname)
{
    PyObject *m = PyImport_AddModuleObject(name);
    if (m == NULL) {
        return NULL;
    }
    PyObject *d = PyModule_GetDict(m);
    PyObject *builtins = PyDict_GetItemString(modules(), "builtins");
    if ((builtins && dict_set_default(d, "__builtins__", builtins) < 0) ||
        (pathname && PyDict_SetItemString(d, "__file__", pathname) < 0) ||
        (cpathname && PyDict_SetItemString(d, "__cached__", cpathname) < 0)) {
        return NULL;
    }
    PyObject *r = pyrs_eval_code(co, d, d);
    if (r == NULL) {
        if (PyDict_DelItem(modules(), name) < 0) {
            PyErr_Clear();
        }
        return NULL;
    }
    Py_DECREF(r);
    return modules_get(name);
}

PyObject *
PyImport_ExecCodeModuleWithPathnames(const char *name, PyObject *co, const char *pathname,
                                     const char *cpathname)
{
    PyObject *n = PyUnicode_FromString(name);
    PyObject *p = pathname ? PyUnicode_DecodeFSDefault(pathname) : NULL;
    PyObject *c = cpathname ? PyUnicode_DecodeFSDefault(cpathname) : NULL;
    PyObject *m = n ? PyImport_ExecCodeModuleObject(n, co, p, c) : NULL;
    Py_XDECREF(n);
    Py_XDECREF(p);
    Py_XDECREF(c);
    return m;
}

PyObject *
PyImport_ExecCodeModuleEx(const char *name, PyObject *co, const char *pathname)
{
    return PyImport_ExecCodeModuleWithPathnames(name, co, pathname, NULL);
}

PyObject *
PyImport_ExecCodeModule(const char *name, PyObject *co)
{
    return PyImport_ExecCodeModuleWithPathnames(name, co, NULL, NULL);
}

/* ---- start-up -------------------------------------------------------------------------------- */

static int
append_path_list(PyObject *list, const char *text)
{
    const char *p = text;
    while (p != NULL && *p != '\0') {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        if (n > 0) {
            PyObject *s = PyUnicode_DecodeFSDefaultAndSize(p, (Py_ssize_t)n);
            if (s == NULL || PyList_Append(list, s) < 0) {
                Py_XDECREF(s);
                return -1;
            }
            Py_DECREF(s);
        }
        p = colon ? colon + 1 : NULL;
    }
    return 0;
}

int
pyrs_import_init(void)
{
    PyObject *path = PyList_New(0);
    PyObject *meta = PyList_New(0);
    PyObject *hooks = PyList_New(0);
    PyObject *cache = PyDict_New();
    const char *extra = getenv("PYRSPATH");
    const char *pythonpath = pyrs_config_getenv("PYTHONPATH");
    int r = -1;
    if (path != NULL && meta != NULL && hooks != NULL && cache != NULL &&
        (extra == NULL || append_path_list(path, extra) == 0) &&
        (pythonpath == NULL || append_path_list(path, pythonpath) == 0) &&
        append_path_list(path, PYRS_DEFAULT_PATH) == 0 && PySys_SetObject("path", path) == 0 &&
        PySys_SetObject("meta_path", meta) == 0 && PySys_SetObject("path_hooks", hooks) == 0 &&
        PySys_SetObject("path_importer_cache", cache) == 0) {
        r = 0;
    }
    Py_XDECREF(path);
    Py_XDECREF(meta);
    Py_XDECREF(hooks);
    Py_XDECREF(cache);
    if (r < 0) {
        return -1;
    }
    PyObject *builtins = PyDict_GetItemString(modules(), "builtins");
    imp.import_func = PyCFunction_NewEx(&import_def, NULL, NULL);
    if (imp.import_func == NULL || builtins == NULL ||
        PyObject_SetAttrString(builtins, "__import__", imp.import_func) < 0) {
        return -1;
    }
    return 0;
}

int
pyrs_import_set_path0(const char *script)
{
    PyObject *path = sys_get("path");
    if (path == NULL || !PyList_Check(path)) {
        return path == NULL ? -1 : 0;
    }
    PyObject *entry;
    if (script == NULL) {
        entry = PyUnicode_FromString("");
    } else if (*script == '\0') {
        entry = getcwd_str();
    } else {
        char resolved[4096];
        const char *slash = strrchr(script, '/');
        if (realpath(script, resolved) != NULL) {
            char *rs = strrchr(resolved, '/');
            if (rs != NULL) {
                *(rs == resolved ? rs + 1 : rs) = '\0';
            }
            entry = PyUnicode_DecodeFSDefault(resolved);
        } else if (slash != NULL) {
            entry = PyUnicode_DecodeFSDefaultAndSize(script, slash - script);
        } else {
            entry = PyUnicode_FromString("");
        }
    }
    int r = entry ? PyList_Insert(path, 0, entry) : -1;
    Py_XDECREF(entry);
    return r;
}

int
pyrs_import_run_module_as_main(const char *name, int alter_argv)
{
    PyObject *runpy = PyImport_ImportModule("runpy");
    if (runpy == NULL) {
        return -1;
    }
    PyObject *res = PyObject_CallMethod(runpy, "_run_module_as_main", "si", name, alter_argv);
    Py_DECREF(runpy);
    Py_XDECREF(res);
    return res == NULL ? -1 : 0;
}

PyObject *
pyrs_import_main_loader(PyObject *filename, int is_pyc)
{
    if (filename == NULL) {
        return Py_NewRef(imp.builtin_importer);
    }
    PyObject *cls = is_pyc ? imp.pyc_loader_cls : imp.source_loader_cls;
    PyObject *name = PyUnicode_FromString("__main__");
    PyObject *loader = name ? PyObject_CallFunctionObjArgs(cls, name, filename, NULL) : NULL;
    Py_XDECREF(name);
    return loader;
}
