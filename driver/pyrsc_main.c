/* pyrsc_main.c: `pyrsc app.py -o app`: compiles the program and every local module it imports
 * (found next to it, followed through import statements, relative ones included), writes a C
 * file holding their marshalled bytecode as pyrs's frozen modules and a main() that runs the
 * program through the same runtime as `pyrs`, then compiles and links it with clang against
 * the runtime libraries. Standard-library modules are imported from the installed CPython
 * library at run time, as `pyrs` does. (C emission of hot functions comes later.) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sys/stat.h>

#include "compile.h"
#include "pyrs/code.h"
#include "pyrs/lifecycle.h"
#include "pyrs/marshal.h"
#include "pyrs/vm.h"

#ifndef PYRS_LINK_LIBS
#error "PYRS_LINK_LIBS must name the runtime libraries (set by driver/CMakeLists.txt)"
#endif
#ifndef PYRS_CC
#define PYRS_CC "clang"
#endif

static const char usage_text[] = "usage: pyrsc FILE.py -o OUTPUT [--emit-c DIR] [--cc CC]\n";

typedef struct {
    const char *input;  /* the program */
    const char *output; /* the executable to write */
    const char *emit_c; /* directory that keeps the generated C, or NULL */
    const char *cc;     /* C compiler */
} Options;

static int
usage(const char *msg)
{
    if (msg != NULL) {
        fprintf(stderr, "pyrsc: %s\n", msg);
    }
    fputs(usage_text, stderr);
    return 2;
}

static int
parse_args(int argc, char **argv, Options *o)
{
    memset(o, 0, sizeof *o);
    o->cc = PYRS_CC;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 && i + 1 < argc) {
            o->output = argv[++i];
        } else if (strcmp(a, "--emit-c") == 0 && i + 1 < argc) {
            o->emit_c = argv[++i];
        } else if (strcmp(a, "--cc") == 0 && i + 1 < argc) {
            o->cc = argv[++i];
        } else if (a[0] == '-') {
            return usage("unknown option") ? -1 : -1;
        } else if (o->input == NULL) {
            o->input = a;
        } else {
            return usage("only one program can be compiled") ? -1 : -1;
        }
    }
    if (o->input == NULL || o->output == NULL) {
        usage(NULL);
        return -1;
    }
    return 0;
}

static char *
read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "pyrsc: can't open file '%s': [Errno %d] %s\n", path, errno,
                strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (nb == NULL) {
                free(buf);
            }
            buf = nb;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* ---- the local module graph ------------------------------------------------------------ */

/* One module frozen into the executable. */
typedef struct {
    char *name;     /* dotted name ("__main__" for the program) */
    char *path;     /* its source file */
    int is_package; /* an __init__.py */
    PyObject *data; /* marshalled code (bytes) */
} Module;

typedef struct {
    Module *mods;
    size_t n, cap;
    char root[4096]; /* the program's directory: where local modules live */
} Graph;

static void
report_error(const char *filename)
{
    PyObject *exc = pyrs_vm_fetch_exc();
    PyObject *s = exc ? PyObject_Str(exc) : NULL;
    fprintf(stderr, "pyrsc: %s: %s: %s\n", filename, exc ? Py_TYPE(exc)->tp_name : "error",
            s ? PyUnicode_AsUTF8(s) : "?");
    Py_XDECREF(s);
    Py_XDECREF(exc);
}

static int
graph_has(const Graph *g, const char *name)
{
    for (size_t i = 0; i < g->n; i++) {
        if (strcmp(g->mods[i].name, name) == 0) {
            return 1;
        }
    }
    return 0;
}

static int
is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The source of local module NAME under the root (a package's __init__.py or NAME.py, with
 * every parent a regular package there), or 0. */
static int
find_local(const Graph *g, const char *name, char *path, size_t size, int *is_package)
{
    char rel[2048];
    snprintf(rel, sizeof rel, "%s", name);
    for (char *p = rel; *p; p++) {
        if (*p == '.') {
            *p = '/';
            char init[4096];
            snprintf(init, sizeof init, "%s/%.*s/__init__.py", g->root, (int)(p - rel), rel);
            if (!is_regular_file(init)) {
                return 0;
            }
        }
    }
    snprintf(path, size, "%s/%s/__init__.py", g->root, rel);
    if (is_regular_file(path)) {
        *is_package = 1;
        return 1;
    }
    snprintf(path, size, "%s/%s.py", g->root, rel);
    *is_package = 0;
    return is_regular_file(path);
}

static int collect(Graph *g, const char *name, const char *path, int is_package);

/* Follows an import of NAME (absolute) and of NAME.X for each X of FROMLIST. */
static int
follow_import(Graph *g, const char *name, PyObject *fromlist)
{
    char part[2048];
    size_t n = strlen(name);
    for (size_t i = 0; i <= n && i < sizeof part; i++) {
        if (name[i] != '.' && name[i] != '\0') {
            continue;
        }
        snprintf(part, sizeof part, "%.*s", (int)i, name);
        char path[4096];
        int pkg;
        if (part[0] != '\0' && !graph_has(g, part) &&
            find_local(g, part, path, sizeof path, &pkg) && collect(g, part, path, pkg) < 0) {
            return -1;
        }
    }
    for (Py_ssize_t i = 0; fromlist && PyTuple_Check(fromlist) && i < PyTuple_GET_SIZE(fromlist);
         i++) {
        const char *x = PyUnicode_Check(PyTuple_GET_ITEM(fromlist, i))
                            ? PyUnicode_AsUTF8(PyTuple_GET_ITEM(fromlist, i))
                            : NULL;
        if (x == NULL || strcmp(x, "*") == 0) {
            continue;
        }
        snprintf(part, sizeof part, "%s%s%s", name, *name ? "." : "", x);
        char path[4096];
        int pkg;
        if (!graph_has(g, part) && find_local(g, part, path, sizeof path, &pkg) &&
            collect(g, part, path, pkg) < 0) {
            return -1;
        }
    }
    return 0;
}

/* The absolute module name of an import at LEVEL inside module NAME. */
static void
absolute_name(const char *name, int is_package, int level, const char *target, char *out,
              size_t size)
{
    char base[2048];
    snprintf(base, sizeof base, "%s", level > 0 ? name : "");
    if (level > 0) {
        int strip = is_package ? level - 1 : level;
        for (int i = 0; i < strip; i++) {
            char *dot = strrchr(base, '.');
            if (dot == NULL) {
                base[0] = '\0';
                break;
            }
            *dot = '\0';
        }
    }
    snprintf(out, size, "%s%s%s", base, *base && *target ? "." : "", target);
}

/* Every import instruction of CODE and its nested code objects. */
static int
scan_code(Graph *g, PyrsCodeObject *co, const char *name, int is_package)
{
    for (Py_ssize_t pc = 0; pc < co->co_ninstr; pc++) {
        PyrsInstr in = co->co_code[pc];
        if (PYRS_I_OP(in) != PYRS_OP_IMPORTNAME) {
            continue;
        }
        const char *target = PyUnicode_AsUTF8(PyTuple_GET_ITEM(co->co_names, PYRS_I_B(in)));
        PyObject *fromlist = NULL;
        if (pc > 0 && PYRS_I_OP(co->co_code[pc - 1]) == PYRS_OP_LOADK &&
            PYRS_I_A(co->co_code[pc - 1]) == PYRS_I_C(in)) {
            fromlist = PyTuple_GET_ITEM(co->co_consts, PYRS_I_BX(co->co_code[pc - 1]));
        }
        char abs[2048];
        absolute_name(name, is_package, (int)PYRS_I_X(in), target ? target : "", abs, sizeof abs);
        if (follow_import(g, abs, fromlist) < 0) {
            return -1;
        }
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(co->co_consts); i++) {
        PyObject *k = PyTuple_GET_ITEM(co->co_consts, i);
        if (PyrsCode_Check(k) && scan_code(g, (PyrsCodeObject *)k, name, is_package) < 0) {
            return -1;
        }
    }
    return 0;
}

/* Compiles module NAME from PATH (syntax errors reported in the interpreter's format), adds
 * it to the graph and follows its imports. */
static int
collect(Graph *g, const char *name, const char *path, int is_package)
{
    size_t len;
    char *src = read_file(path, &len);
    if (src == NULL) {
        return -1;
    }
    PyObject *code = pyrs_compile_source(src, len, path);
    free(src);
    if (code == NULL) {
        report_error(path);
        return -1;
    }
    PyObject *data = PyMarshal_WriteObjectToString(code, Py_MARSHAL_VERSION);
    if (data == NULL) {
        Py_DECREF(code);
        report_error(path);
        return -1;
    }
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 16;
        Module *grown = realloc(g->mods, g->cap * sizeof(Module));
        if (grown == NULL) {
            Py_DECREF(data);
            Py_DECREF(code);
            fprintf(stderr, "pyrsc: out of memory\n");
            return -1;
        }
        g->mods = grown;
    }
    g->mods[g->n++] = (Module){strdup(name), strdup(path), is_package, data};
    int r =
        scan_code(g, (PyrsCodeObject *)code, strcmp(name, "__main__") == 0 ? "" : name, is_package);
    Py_DECREF(code);
    return r;
}

/* ---- the generated C --------------------------------------------------------------------- */

static void
write_bytes(FILE *out, const char *cname, PyObject *data)
{
    const unsigned char *p = (const unsigned char *)PyBytes_AS_STRING(data);
    Py_ssize_t n = PyBytes_GET_SIZE(data);
    fprintf(out, "static const unsigned char %s[%zd] = {", cname, n + 1);
    for (Py_ssize_t i = 0; i < n; i++) {
        fprintf(out, "%s%d,", i % 24 == 0 ? "\n    " : "", p[i]);
    }
    fprintf(out, "\n    0};\n\n");
}

static void
write_c_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            fputc('\\', out);
        }
        fputc(*p, out);
    }
    fputc('"', out);
}

/* The program: each module's marshalled code, the frozen-module table and main(). */
static int
write_c(const char *path, const Graph *g, const char *filename)
{
    FILE *out = fopen(path, "w");
    if (out == NULL) {
        fprintf(stderr, "pyrsc: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(out, "/* Generated by pyrsc from %s. Do not edit. */\n#include <stddef.h>\n\n",
            filename);
    fprintf(out, "typedef struct {\n    const char *name;\n    const unsigned char *code;\n"
                 "    size_t size;\n    int is_package;\n    const char *origin;\n"
                 "} PyrsFrozenModule;\n\n");
    fprintf(out, "void pyrs_import_set_frozen(const PyrsFrozenModule *modules);\n");
    fprintf(out, "int pyrs_run_frozen_main(const unsigned char *data, size_t size,\n"
                 "                         const char *filename, int argc, char **argv);\n\n");
    for (size_t i = 0; i < g->n; i++) {
        char cname[64];
        snprintf(cname, sizeof cname, "module_%zu", i);
        write_bytes(out, cname, g->mods[i].data);
    }
    fprintf(out, "static const PyrsFrozenModule frozen_modules[] = {\n");
    for (size_t i = 1; i < g->n; i++) {
        fprintf(out, "    {");
        write_c_string(out, g->mods[i].name);
        fprintf(out, ", module_%zu, %zd, %d, ", i, PyBytes_GET_SIZE(g->mods[i].data),
                g->mods[i].is_package);
        write_c_string(out, g->mods[i].path);
        fprintf(out, "},\n");
    }
    fprintf(out, "    {NULL, NULL, 0, 0, NULL},\n};\n\n");
    fprintf(out, "int\nmain(int argc, char **argv)\n{\n");
    fprintf(out, "    pyrs_import_set_frozen(frozen_modules);\n");
    fprintf(out, "    return pyrs_run_frozen_main(module_0, %zd, ",
            PyBytes_GET_SIZE(g->mods[0].data));
    write_c_string(out, filename);
    fprintf(out, ", argc, argv);\n}\n");
    return fclose(out) == 0 ? 0 : -1;
}

/* Runs CC on C_PATH, linking the runtime into OUTPUT. */
static int
link_program(const Options *o, const char *c_path)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "%s -O2 -w -o '%s' '%s' %s", o->cc, o->output, c_path,
             PYRS_LINK_LIBS);
    int status = system(cmd);
    if (status != 0) {
        fprintf(stderr, "pyrsc: the C compiler failed (%s)\n", cmd);
        return -1;
    }
    return 0;
}

int
main(int argc, char **argv)
{
    Options o;
    if (parse_args(argc, argv, &o) < 0) {
        return 2;
    }
    if (pyrs_runtime_init() < 0) {
        return 1;
    }
    Graph g = {0};
    char resolved[4096];
    if (realpath(o.input, resolved) == NULL) {
        fprintf(stderr, "pyrsc: can't open file '%s': %s\n", o.input, strerror(errno));
        return 1;
    }
    char *slash = strrchr(resolved, '/');
    snprintf(g.root, sizeof g.root, "%.*s", (int)(slash - resolved), resolved);
    int rc = 1;
    char c_path[4096];
    char tmpdir[] = "/tmp/pyrsc-XXXXXX";
    const char *dir = o.emit_c;
    if (dir == NULL && mkdtemp(tmpdir) == NULL) {
        fprintf(stderr, "pyrsc: cannot create a temporary directory\n");
        return 1;
    }
    if (dir == NULL) {
        dir = tmpdir;
    }
    snprintf(c_path, sizeof c_path, "%s/%s", dir, "pyrs_main_module.c");
    if (collect(&g, "__main__", o.input, 0) == 0 && write_c(c_path, &g, o.input) == 0 &&
        link_program(&o, c_path) == 0) {
        rc = 0;
    }
    if (o.emit_c == NULL) {
        unlink(c_path);
        rmdir(tmpdir);
    }
    for (size_t i = 0; i < g.n; i++) {
        free(g.mods[i].name);
        free(g.mods[i].path);
        Py_DECREF(g.mods[i].data);
    }
    free(g.mods);
    return rc;
}
