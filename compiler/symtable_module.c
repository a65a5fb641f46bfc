/* symtable_module.c: the _symtable module, CPython 3.11's view of a symbol table: symtable()
 * parses source, runs the compiler's symtable (symtable.c) and returns the tree of
 * "symtable entry" objects Lib/symtable.py reads, with CPython's DEF_* flags, scope numbers,
 * block types and names ("top", "lambda", "listcomp"). */
#include "symtable_module.h"

#include "ast_const.h"
#include "compile.h"
#include "parser.h"
#include "../stdlib/posix/osutil.h"
#include "pyrs/symtablemod.h"
#include "symtable.h"

/* CPython 3.11's flag bits (Include/internal/pycore_symtable.h) and scope numbers. */
#define DEF_GLOBAL      1
#define DEF_LOCAL       (2 << 0)
#define DEF_PARAM       (2 << 1)
#define DEF_NONLOCAL    (2 << 2)
#define USE             (2 << 3)
#define DEF_FREE        (2 << 4)
#define DEF_FREE_CLASS  (2 << 5)
#define DEF_IMPORT      (2 << 6)
#define DEF_ANNOT       (2 << 7)
#define DEF_COMP_ITER   (2 << 8)
#define DEF_BOUND       (DEF_LOCAL | DEF_PARAM | DEF_IMPORT)
#define SCOPE_OFFSET    11
#define SCOPE_MASK      (DEF_GLOBAL | DEF_LOCAL | DEF_PARAM | DEF_NONLOCAL)
#define LOCAL           1
#define GLOBAL_EXPLICIT 2
#define GLOBAL_IMPLICIT 3
#define FREE            4
#define CELL            5
#define TYPE_FUNCTION   0
#define TYPE_CLASS      1
#define TYPE_MODULE     2

/* One scope as CPython's PySTEntryObject shows it to Python. */
typedef struct {
    PyObject_HEAD
    PyObject *id;       /* int: address of the AST node that opened the scope */
    PyObject *name;     /* "top", a def/class name, "lambda", "listcomp", ... */
    PyObject *symbols;  /* dict: name -> DEF_* flags | scope << SCOPE_OFFSET */
    PyObject *varnames; /* list: the parameters, in order */
    PyObject *children; /* list of entries, in source order */
    int type;           /* TYPE_FUNCTION, TYPE_CLASS or TYPE_MODULE */
    int lineno;         /* the line of the def/class/lambda/comprehension, 0: module */
    int nested;         /* inside a function */
} Entry;

static void
entry_dealloc(Entry *self)
{
    Py_XDECREF(self->id);
    Py_XDECREF(self->name);
    Py_XDECREF(self->symbols);
    Py_XDECREF(self->varnames);
    Py_XDECREF(self->children);
    PyObject_Free(self);
}

static PyObject *
entry_repr(Entry *self)
{
    return PyUnicode_FromFormat("<symtable entry %U(%R), line %d>", self->name, self->id,
                                self->lineno);
}

static PyMemberDef entry_members[] = {
    {"id", T_OBJECT, offsetof(Entry, id), READONLY, NULL},
    {"name", T_OBJECT, offsetof(Entry, name), READONLY, NULL},
    {"symbols", T_OBJECT, offsetof(Entry, symbols), READONLY, NULL},
    {"varnames", T_OBJECT, offsetof(Entry, varnames), READONLY, NULL},
    {"children", T_OBJECT, offsetof(Entry, children), READONLY, NULL},
    {"nested", T_INT, offsetof(Entry, nested), READONLY, NULL},
    {"type", T_INT, offsetof(Entry, type), READONLY, NULL},
    {"lineno", T_INT, offsetof(Entry, lineno), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject Entry_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "symtable entry",
    .tp_basicsize = sizeof(Entry),
    .tp_dealloc = (destructor)entry_dealloc,
    .tp_repr = (reprfunc)entry_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_members = entry_members,
};

/* ---- converting the compiler's table ------------------------------------------------------ */

/* The DEF_* bits of the compiler's SYM_* flags. */
static long
def_flags(long sym)
{
    return (sym & SYM_ASSIGNED ? DEF_LOCAL : 0) | (sym & SYM_PARAM ? DEF_PARAM : 0) |
           (sym & SYM_USED ? USE : 0) | (sym & SYM_GLOBAL ? DEF_GLOBAL : 0) |
           (sym & SYM_NONLOCAL ? DEF_NONLOCAL : 0) | (sym & SYM_ANNOT ? DEF_ANNOT : 0) |
           (sym & SYM_COMPITER ? DEF_COMP_ITER : 0) | (sym & SYM_IMPORT ? DEF_IMPORT : 0);
}

/* CPython's scope number of NAME in S. */
static long
scope_number(PyrsScope *s, PyObject *name)
{
    switch (pyrs_sym_scope_of(s, name)) {
    case PYRS_SCOPE_LOCAL:
        return LOCAL;
    case PYRS_SCOPE_CELL:
        return CELL;
    case PYRS_SCOPE_FREE:
        return FREE;
    case PYRS_SCOPE_GLOBAL_EXPLICIT:
        return GLOBAL_EXPLICIT;
    default:
        return GLOBAL_IMPLICIT;
    }
}

static int
set_flags(PyObject *dict, PyObject *name, long flags)
{
    PyObject *v = PyLong_FromLong(flags);
    int r = v != NULL ? PyDict_SetItem(dict, name, v) : -1;
    Py_XDECREF(v);
    return r;
}

/* In class C, a name bound (or declared global) there that a method also uses as a free
 * variable gets DEF_FREE_CLASS, as CPython marks it. 0, or -1 with an exception. */
static int
mark_free_class(PyrsScope *c, PyObject *symbols)
{
    for (PyrsScope *ch = c->child; ch != NULL; ch = ch->next) {
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(ch->freevars); i++) {
            PyObject *name = PyList_GET_ITEM(ch->freevars, i);
            if (PyUnicode_CompareWithASCIIString(name, "__class__") == 0) {
                continue; /* the implicit class cell, not a class variable */
            }
            PyObject *v = PyDict_GetItemWithError(symbols, name);
            if (v == NULL) {
                if (PyErr_Occurred()) {
                    return -1;
                }
                continue;
            }
            long fl = PyLong_AsLong(v);
            if ((fl & (DEF_BOUND | DEF_GLOBAL)) &&
                set_flags(symbols, name, fl | DEF_FREE_CLASS) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

/* The symbols dict of S in CPython's form: every recorded name with its flags and scope, then
 * the free variables that only pass through S on their way to a nested scope. */
static PyObject *
entry_symbols(PyrsScope *s)
{
    PyObject *d = PyDict_New();
    PyObject *name, *v;
    Py_ssize_t pos = 0;
    while (d != NULL && PyDict_Next(s->symbols, &pos, &name, &v)) {
        long fl = def_flags(PyLong_AsLong(v)) | scope_number(s, name) << SCOPE_OFFSET;
        if (set_flags(d, name, fl) < 0) {
            Py_CLEAR(d);
        }
    }
    pos = 0;
    while (d != NULL && PyDict_Next(s->scopes, &pos, &name, &v)) {
        int has = PyDict_Contains(d, name);
        if (has < 0 || (has == 0 && set_flags(d, name, (long)FREE << SCOPE_OFFSET) < 0)) {
            Py_CLEAR(d);
        }
    }
    if (d != NULL && s->kind == PYRS_BLOCK_CLASS && mark_free_class(s, d) < 0) {
        Py_CLEAR(d);
    }
    return d;
}

/* The parameters of S, in order (the compiler's varnames continue with other locals). */
static PyObject *
entry_varnames(PyrsScope *s)
{
    PyObject *res = PyList_New(0);
    for (Py_ssize_t i = 0; res != NULL && i < PyList_GET_SIZE(s->varnames); i++) {
        PyObject *name = PyList_GET_ITEM(s->varnames, i);
        PyObject *v = PyDict_GetItemWithError(s->symbols, name);
        if (v != NULL && (PyLong_AsLong(v) & SYM_PARAM) && PyList_Append(res, name) < 0) {
            Py_CLEAR(res);
        }
    }
    return res;
}

/* CPython's block name: "top" for the module, "lambda" / "listcomp" / ... without brackets. */
static PyObject *
entry_name(PyrsScope *s)
{
    if (s->kind == PYRS_BLOCK_MODULE) {
        return PyUnicode_FromString("top");
    }
    size_t n = strlen(s->name);
    if (n > 2 && s->name[0] == '<' && s->name[n - 1] == '>') {
        return PyUnicode_FromStringAndSize(s->name + 1, (Py_ssize_t)n - 2);
    }
    return PyUnicode_FromString(s->name);
}

static int
entry_lineno(PyrsScope *s)
{
    if (s->kind == PYRS_BLOCK_MODULE) {
        return 0;
    }
    if (s->kind == PYRS_BLOCK_CLASS || s->name[0] != '<') {
        return ((const PyrsStmt *)s->node)->lineno;
    }
    return ((const PyrsExpr *)s->node)->lineno;
}

static PyObject *entry_new(PyrsScope *s);

/* The entries of S's nested scopes in source order (the compiler links them newest first). */
static PyObject *
entry_children(PyrsScope *s)
{
    PyObject *res = PyList_New(0);
    for (PyrsScope *c = s->child; res != NULL && c != NULL; c = c->next) {
        PyObject *e = entry_new(c);
        if (e == NULL || PyList_Insert(res, 0, e) < 0) {
            Py_CLEAR(res);
        }
        Py_XDECREF(e);
    }
    return res;
}

/* The entry of scope S and, recursively, its children. New reference, or NULL. */
static PyObject *
entry_new(PyrsScope *s)
{
    Entry *e = PyObject_New(Entry, &Entry_Type);
    if (e == NULL) {
        return NULL;
    }
    e->id = PyLong_FromVoidPtr((void *)s->node);
    e->name = entry_name(s);
    e->symbols = entry_symbols(s);
    e->varnames = entry_varnames(s);
    e->children = entry_children(s);
    e->type = s->kind == PYRS_BLOCK_FUNCTION ? TYPE_FUNCTION
              : s->kind == PYRS_BLOCK_CLASS  ? TYPE_CLASS
                                             : TYPE_MODULE;
    e->lineno = entry_lineno(s);
    e->nested = s->is_nested;
    if (e->id == NULL || e->name == NULL || e->symbols == NULL || e->varnames == NULL ||
        e->children == NULL) {
        Py_DECREF(e);
        return NULL;
    }
    return (PyObject *)e;
}

/* ---- symtable() --------------------------------------------------------------------------- */

/* The text of SOURCE (str as UTF-8; bytes and other buffers as they are, so a coding
 * declaration is honoured), borrowed from SOURCE or from *KEEP (a new reference). */
static const char *
source_text(PyObject *source, Py_ssize_t *len, PyObject **keep)
{
    const char *text;
    *keep = NULL;
    if (PyUnicode_Check(source)) {
        text = PyUnicode_AsUTF8AndSize(source, len);
    } else if (PyBytes_Check(source)) {
        text = PyBytes_AS_STRING(source);
        *len = PyBytes_GET_SIZE(source);
    } else if (PyObject_CheckBuffer(source)) {
        if ((*keep = PyBytes_FromObject(source)) == NULL) {
            return NULL;
        }
        text = PyBytes_AS_STRING(*keep);
        *len = PyBytes_GET_SIZE(*keep);
    } else {
        PyErr_SetString(PyExc_TypeError, "symtable() arg 1 must be a string or bytes object");
        return NULL;
    }
    if (text != NULL && (Py_ssize_t)strlen(text) != *len) {
        PyErr_SetString(PyExc_ValueError, "source code string cannot contain null bytes");
        return NULL;
    }
    return text;
}

/* The parser mode named by MODE, or -1 with CPython's error. */
static int
parse_mode(PyObject *mode)
{
    if (!PyUnicode_Check(mode)) {
        PyErr_Format(PyExc_TypeError, "symtable() argument 3 must be str, not %.50s",
                     Py_TYPE(mode)->tp_name);
        return -1;
    }
    const char *m = PyUnicode_AsUTF8(mode);
    if (m == NULL) {
        return -1;
    }
    if (strcmp(m, "exec") == 0) {
        return PYRS_PARSE_EXEC;
    }
    if (strcmp(m, "eval") == 0) {
        return PYRS_PARSE_EVAL;
    }
    if (strcmp(m, "single") == 0) {
        return PYRS_PARSE_SINGLE;
    }
    PyErr_SetString(PyExc_ValueError, "symtable() arg 3 must be 'exec' or 'eval' or 'single'");
    return -1;
}

/* SyntaxError MSG at line LINENO, 0-based column COL, without an end column, as CPython's
 * future pass reports it. Always -1. */
static int
future_error(PyObject *filename, int lineno, int col, const char *msg)
{
    PyObject *m = PyUnicode_FromString(msg);
    if (m == NULL) {
        return -1;
    }
    pyrs_sym_syntax_error(filename, lineno, col, m);
    Py_DECREF(m);
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (v != NULL && PyObject_TypeCheck(v, (PyTypeObject *)PyExc_SyntaxError)) {
        Py_XSETREF(((PySyntaxErrorObject *)v)->end_offset, Py_NewRef(Py_None));
    }
    PyErr_Restore(t, v, tb);
    return -1;
}

/* The features of one `from __future__ import ...` statement S: 1 when it names annotations,
 * else 0; -1 with CPython's SyntaxError for braces or an unknown feature. */
static int
future_names(PyObject *filename, PyrsStmt *s)
{
    static const char *const known[] = {
        "nested_scopes",
        "generators",
        "division",
        "absolute_import",
        "with_statement",
        "print_function",
        "unicode_literals",
        "barry_as_FLUFL",
        "generator_stop",
        "annotations",
        NULL,
    };
    int annotations = 0;
    for (long i = 0; i < PYRS_SEQ_LEN(s->v.ImportFrom.names); i++) {
        const char *name = ((PyrsAlias *)PYRS_SEQ_GET(s->v.ImportFrom.names, i))->name;
        int k = 0;
        while (known[k] != NULL && strcmp(known[k], name) != 0) {
            k++;
        }
        if (known[k] == NULL) {
            if (strcmp(name, "braces") == 0) {
                return future_error(filename, s->lineno, s->col_offset, "not a chance");
            }
            char msg[160];
            snprintf(msg, sizeof msg, "future feature %.100s is not defined", name);
            return future_error(filename, s->lineno, s->col_offset, msg);
        }
        annotations |= strcmp(name, "annotations") == 0;
    }
    return annotations;
}

/* CPython's future pass, which its symtable() runs: the future statements at the start of
 * MOD (after a docstring). 1 when `annotations` is among them, else 0; -1 with SyntaxError. */
static int
future_annotations(PyrsMod *mod, PyObject *filename)
{
    PyrsAstSeq *body = mod->kind == PYRS_K_Module        ? mod->v.Module.body
                       : mod->kind == PYRS_K_Interactive ? mod->v.Interactive.body
                                                         : NULL;
    long i = 0;
    if (PYRS_SEQ_LEN(body) > 0) {
        PyrsStmt *first = PYRS_SEQ_GET(body, 0);
        i = first->kind == PYRS_K_Expr && first->v.Expr.value->kind == PYRS_K_Constant &&
            first->v.Expr.value->v.Constant.value->kind == PYRS_CONST_STR;
    }
    int annotations = 0, done = 0, prev_line = 0;
    for (; i < PYRS_SEQ_LEN(body); i++) {
        PyrsStmt *s = PYRS_SEQ_GET(body, i);
        if (done && s->lineno > prev_line) {
            break;
        }
        prev_line = s->lineno;
        if (s->kind != PYRS_K_ImportFrom || s->v.ImportFrom.module == NULL ||
            strcmp(s->v.ImportFrom.module, "__future__") != 0) {
            done = 1;
            continue;
        }
        if (done) { /* after another statement on the same line; CPython's column is 0-based */
            return future_error(filename, s->lineno, s->col_offset - 1,
                                "from __future__ imports must occur at the beginning of the file");
        }
        int r = future_names(filename, s);
        if (r < 0) {
            return -1;
        }
        annotations |= r;
    }
    return annotations;
}

/* The entry tree of TEXT parsed in MODE; SyntaxError as compile() raises it. */
static PyObject *
build_tree(const char *text, Py_ssize_t len, PyObject *filename, int mode)
{
    const char *fname = PyUnicode_AsUTF8(filename);
    if (fname == NULL) {
        return NULL;
    }
    PyrsArena *arena = pyrs_arena_new();
    if (arena == NULL) {
        return PyErr_NoMemory();
    }
    PyrsSyntaxError err;
    memset(&err, 0, sizeof err);
    PyrsMod *mod = pyrs_parse(text, (size_t)len, fname, mode, arena, &err);
    PyObject *res = NULL;
    if (mod == NULL) {
        /* the compiler raises the parse error as compile() does */
        PyObject *again = pyrs_compile_source_mode(text, (size_t)len, fname, mode);
        if (again != NULL) {
            Py_DECREF(again);
            PyErr_SetString(PyExc_SystemError, "symtable: the source parsed only once");
        }
    } else if (pyrs_compile_parse_warnings(&err, text, (size_t)len, fname) == 0) {
        int future = future_annotations(mod, filename);
        PyrsSymtable *st = future >= 0 ? pyrs_sym_build_table(mod, filename, future) : NULL;
        res = st != NULL ? entry_new(st->top) : NULL;
        pyrs_sym_free(st);
    }
    pyrs_perror_clear(&err);
    pyrs_arena_free(arena);
    return res;
}

/* The filename argument decoded as CPython's PyUnicode_FSDecoder does: str, bytes or
 * os.PathLike, and (deprecated, with a warning) other buffers. 1 with a new reference in
 * *OUT, or 0 with an exception. */
static int
filename_arg(PyObject *arg, PyObject **out)
{
    PyObject *path = NULL;
    if (!PyUnicode_Check(arg) && !PyBytes_Check(arg) && PyObject_CheckBuffer(arg)) {
        if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1,
                             "path should be string, bytes, or os.PathLike, not %.200s",
                             Py_TYPE(arg)->tp_name) < 0) {
            return 0;
        }
        path = PyBytes_FromObject(arg);
    } else {
        path = PyOS_FSPath(arg);
    }
    int r = path != NULL ? PyUnicode_FSDecoder(path, out) : 0;
    Py_XDECREF(path);
    return r;
}

/* symtable(source, filename, compile_type, /): the top entry of SOURCE's symbol table. */
static PyObject *
symtable_symtable(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "symtable expected 3 arguments, got %zd", nargs);
        return NULL;
    }
    PyObject *keep = NULL, *filename = NULL, *res = NULL;
    Py_ssize_t len = 0;
    const char *text = source_text(args[0], &len, &keep);
    if (text != NULL && filename_arg(args[1], &filename)) {
        int mode = parse_mode(args[2]);
        res = mode >= 0 ? build_tree(text, len, filename, mode) : NULL;
    }
    Py_XDECREF(filename);
    Py_XDECREF(keep);
    return res;
}

static PyMethodDef symtable_methods[] = {
    {"symtable", (PyCFunction)(void (*)(void))symtable_symtable, METH_FASTCALL,
     "Return symbol and scope dictionaries used internally by compiler."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef symtable_def = {
    PyModuleDef_HEAD_INIT, "_symtable", NULL, -1, symtable_methods, NULL, NULL, NULL, NULL,
};

/* The module's integer constants, as CPython's _symtable exports them. */
static int
add_constants(PyObject *m)
{
    static const struct {
        const char *name;
        long value;
    } consts[] = {
        {"USE", USE},
        {"DEF_GLOBAL", DEF_GLOBAL},
        {"DEF_NONLOCAL", DEF_NONLOCAL},
        {"DEF_LOCAL", DEF_LOCAL},
        {"DEF_PARAM", DEF_PARAM},
        {"DEF_FREE", DEF_FREE},
        {"DEF_FREE_CLASS", DEF_FREE_CLASS},
        {"DEF_IMPORT", DEF_IMPORT},
        {"DEF_BOUND", DEF_BOUND},
        {"DEF_ANNOT", DEF_ANNOT},
        {"TYPE_FUNCTION", TYPE_FUNCTION},
        {"TYPE_CLASS", TYPE_CLASS},
        {"TYPE_MODULE", TYPE_MODULE},
        {"LOCAL", LOCAL},
        {"GLOBAL_EXPLICIT", GLOBAL_EXPLICIT},
        {"GLOBAL_IMPLICIT", GLOBAL_IMPLICIT},
        {"FREE", FREE},
        {"CELL", CELL},
        {"SCOPE_OFF", SCOPE_OFFSET},
        {"SCOPE_MASK", SCOPE_MASK},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++) {
        if (PyModule_AddIntConstant(m, consts[i].name, consts[i].value) < 0) {
            return -1;
        }
    }
    return 0;
}

static PyObject *
symtable_module_create(void)
{
    if (PyType_Ready(&Entry_Type) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&symtable_def);
    if (m != NULL && add_constants(m) < 0) {
        Py_CLEAR(m);
    }
    return m;
}

void
pyrs_symtable_module_install(void)
{
    pyrs_symtablemod_set_hook(symtable_module_create);
}
