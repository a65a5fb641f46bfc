/* codeobject.c: the `code` type of the register VM: instructions, line and exception tables,
 * constants and names, with CPython's co_* attributes so introspection reads the same. */
#include "code.h"
#include "pyrs/code.h"
#include "pyrs/config.h"
#include "pyrs/cpyext.h"

#include "structmember.h"

static const char *const op_names[] = {
#define X(name, format, comment) #name,
#include "vm/opcodes.def"
#undef X
};

static void
free_arrays(PyrsInstr *code, int32_t *lines, PyrsExcEntry *exctab)
{
    PyMem_Free(code);
    PyMem_Free(lines);
    PyMem_Free(exctab);
}

/* pyrs's code objects extend CPython's PyCodeObject (code.h) field for field. */
_Static_assert(offsetof(PyrsCodeObject, co_flags) == offsetof(PyCodeObject, co_flags), "co_flags");
_Static_assert(offsetof(PyrsCodeObject, co_filename) == offsetof(PyCodeObject, co_filename),
               "co_filename");
_Static_assert(offsetof(PyrsCodeObject, co_extra) == offsetof(PyCodeObject, co_extra), "co_extra");
_Static_assert(offsetof(PyrsCodeObject, co_code) == offsetof(PyCodeObject, co_code_adaptive),
               "co_code_adaptive");

/* True for a str of ASCII letters, digits and underscores only: the constants CPython interns
 * because they are likely to be attribute or dict key names. */
static int
all_name_chars(PyObject *s)
{
    if (!PyUnicode_IS_ASCII(s)) {
        return 0;
    }
    const unsigned char *p = PyUnicode_1BYTE_DATA(s);
    for (Py_ssize_t i = 0, n = PyUnicode_GET_LENGTH(s); i < n; i++) {
        unsigned char ch = p[i];
        if (!(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z') && !(ch >= '0' && ch <= '9') &&
            ch != '_') {
            return 0;
        }
    }
    return 1;
}

static int intern_consts(PyObject *tuple, int *modified);

/* A frozenset constant whose identifier-like strings are interned: V itself when none changed
 * (new reference either way), or NULL. */
static PyObject *
intern_frozenset(PyObject *v)
{
    PyObject *items = PySequence_Tuple(v);
    int modified = 0;
    if (items == NULL || intern_consts(items, &modified) < 0) {
        Py_XDECREF(items);
        return NULL;
    }
    PyObject *res = modified ? PyFrozenSet_New(items) : Py_NewRef(v);
    Py_DECREF(items);
    return res;
}

/* Interns, in place, every identifier-like str of the constants TUPLE, nested tuples and
 * frozensets included (CPython's intern_string_constants), so equal constants of different
 * modules are one object. Sets *MODIFIED when an item was replaced. 0 or -1. */
static int
intern_consts(PyObject *tuple, int *modified)
{
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(tuple); i++) {
        PyObject *v = PyTuple_GET_ITEM(tuple, i), *w = v;
        if (PyUnicode_CheckExact(v)) {
            if (PyUnicode_CHECK_INTERNED(v) || !all_name_chars(v)) {
                continue;
            }
            Py_INCREF(v);
            PyUnicode_InternInPlace(&v);
        } else if (PyTuple_CheckExact(v)) {
            if (intern_consts(v, NULL) < 0) {
                return -1;
            }
            continue;
        } else if (PyFrozenSet_CheckExact(v)) {
            if ((v = intern_frozenset(w)) == NULL) {
                return -1;
            }
        } else {
            continue;
        }
        if (v == w) {
            Py_DECREF(v);
            continue;
        }
        PyTuple_SET_ITEM(tuple, i, v);
        Py_DECREF(w);
        if (modified != NULL) {
            *modified = 1;
        }
    }
    return 0;
}

/* Interns the str items of the names TUPLE in place, as CPython does for co_names and
 * co_varnames/cellvars/freevars. */
static void
intern_names(PyObject *tuple)
{
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(tuple); i++) {
        PyObject *v = PyTuple_GET_ITEM(tuple, i);
        if (PyUnicode_CheckExact(v) && !PyUnicode_CHECK_INTERNED(v)) {
            PyUnicode_InternInPlace(&PyTuple_GET_ITEM(tuple, i));
        }
    }
}

PyObject *
pyrs_code_new(PyrsInstr *code, int32_t *lines, Py_ssize_t ninstr, PyrsExcEntry *exctab,
              Py_ssize_t nexc, PyObject *consts, PyObject *names, PyObject *varnames,
              PyObject *cellvars, PyObject *freevars, PyObject *filename, PyObject *name,
              PyObject *qualname, int argcount, int posonlyargcount, int kwonlyargcount, int flags,
              int firstlineno, int nregs)
{
    intern_names(names);
    intern_names(varnames);
    intern_names(cellvars);
    intern_names(freevars);
    PyrsCodeObject *co =
        intern_consts(consts, NULL) < 0 ? NULL : PyObject_New(PyrsCodeObject, &PyCode_Type);
    if (co == NULL) {
        free_arrays(code, lines, exctab);
        return NULL;
    }
    /* CPython's head: the fields its own bytecode needs stay empty */
    memset((char *)co + sizeof(PyObject), 0, offsetof(PyrsCodeObject, co_code) - sizeof(PyObject));
    co->co_code = code;
    co->co_lines = lines;
    co->co_exctab = exctab;
    co->co_ninstr = ninstr;
    co->co_nexc = nexc;
    co->co_consts = Py_NewRef(consts);
    co->co_names = Py_NewRef(names);
    co->co_varnames = Py_NewRef(varnames);
    co->co_cellvars = Py_NewRef(cellvars);
    co->co_freevars = Py_NewRef(freevars);
    co->co_filename = Py_NewRef(filename);
    co->co_name = Py_NewRef(name);
    PyUnicode_InternInPlace(&co->co_name); /* an identifier, interned as CPython's are */
    co->co_qualname = Py_NewRef(qualname);
    if (PyUnicode_CheckExact(qualname) && all_name_chars(qualname)) {
        PyUnicode_InternInPlace(&co->co_qualname);
    }
    co->co_weakreflist = NULL;
    co->co_argcount = argcount;
    co->co_posonlyargcount = posonlyargcount;
    co->co_kwonlyargcount = kwonlyargcount;
    co->co_flags = flags;
    co->co_firstlineno = firstlineno;
    co->co_nregs = nregs;
    co->co_ncells = (int)PyTuple_GET_SIZE(cellvars);
    co->co_nfree = (int)PyTuple_GET_SIZE(freevars);
    co->co_stacksize = nregs;
    co->co_nlocals = (int)PyTuple_GET_SIZE(varnames);
    co->co_ncellvars = co->co_ncells;
    co->co_nfreevars = co->co_nfree;
    co->co_nplaincellvars = co->co_ncells; /* cells made from arguments: see co_cell2arg */
    co->co_nlocalsplus = co->co_nlocals + co->co_ncells + co->co_nfree;
    co->co_cell2arg = NULL;
    co->co_posns = NULL;
    co->co_gcache = NULL;
    co->co_acache = NULL;
    return (PyObject *)co; /* 3.11 no longer sets CO_NOFREE */
}

int
pyrs_code_line(const PyrsCodeObject *code, Py_ssize_t pc)
{
    if (pc < 0 || pc >= code->co_ninstr || code->co_lines == NULL) {
        return code->co_firstlineno;
    }
    return code->co_lines[pc];
}

void
pyrs_code_dis(PyrsCodeObject *code, FILE *out)
{
    fprintf(out, "code %s (%d registers)\n", PyUnicode_AsUTF8(code->co_qualname), code->co_nregs);
    for (Py_ssize_t pc = 0; pc < code->co_ninstr; pc++) {
        PyrsInstr i = code->co_code[pc];
        fprintf(out, "%5zd %4d %-12s A=%u B=%u C=%u X=%u sBx=%d\n", pc, code->co_lines[pc],
                op_names[PYRS_I_OP(i)], PYRS_I_A(i), PYRS_I_B(i), PYRS_I_C(i), PYRS_I_X(i),
                PYRS_I_SBX(i));
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(code->co_consts); k++) {
        PyObject *c = PyTuple_GET_ITEM(code->co_consts, k);
        if (PyrsCode_Check(c)) {
            pyrs_code_dis((PyrsCodeObject *)c, out);
        }
    }
}

static void
code_dealloc(PyObject *op)
{
    PyrsCodeObject *co = (PyrsCodeObject *)op;
    if (co->co_weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    free_arrays(co->co_code, co->co_lines, co->co_exctab);
    PyMem_Free(co->co_cell2arg);
    PyMem_Free(co->co_posns);
    PyMem_Free(co->co_gcache);
    PyMem_Free(co->co_acache);
    Py_XDECREF(co->co_consts);
    Py_XDECREF(co->co_names);
    Py_XDECREF(co->co_varnames);
    Py_XDECREF(co->co_cellvars);
    Py_XDECREF(co->co_freevars);
    Py_XDECREF(co->co_filename);
    Py_XDECREF(co->co_name);
    Py_XDECREF(co->co_qualname);
    PyObject_Free(op);
}

static PyObject *
code_repr(PyObject *op)
{
    PyrsCodeObject *co = (PyrsCodeObject *)op;
    return PyUnicode_FromFormat("<code object %U at %p, file \"%U\", line %d>", co->co_name, op,
                                co->co_filename, co->co_firstlineno);
}

/* co_nlocals: the parameters and locals (registers holding named variables). */
static PyObject *
code_get_nlocals(PyObject *op, void *Py_UNUSED(closure))
{
    return PyLong_FromSsize_t(PyTuple_GET_SIZE(((PyrsCodeObject *)op)->co_varnames));
}

/* co_stacksize: the temporary registers a frame needs besides its named locals, pyrs's
 * counterpart of the value stack CPython sizes (what a frame holds while evaluating). */
static PyObject *
code_get_stacksize(PyObject *op, void *Py_UNUSED(closure))
{
    PyrsCodeObject *co = (PyrsCodeObject *)op;
    return PyLong_FromSsize_t(co->co_nregs - PyTuple_GET_SIZE(co->co_varnames));
}

/* co_lines(): an iterator of (start, end, line) over instruction ranges, as CPython gives
 * for bytecode offsets (ours count 8-byte instructions; offsets are pc * 2 to keep CPython's
 * "offsets are even" property). */
static PyObject *
code_lines(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PyrsCodeObject *co = (PyrsCodeObject *)op;
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        return NULL;
    }
    Py_ssize_t start = 0;
    for (Py_ssize_t pc = 1; pc <= co->co_ninstr; pc++) {
        if (pc < co->co_ninstr && co->co_lines[pc] == co->co_lines[start]) {
            continue;
        }
        PyObject *t = PyTuple_New(3);
        if (t != NULL) {
            PyTuple_SET_ITEM(t, 0, PyLong_FromSsize_t(start * 2));
            PyTuple_SET_ITEM(t, 1, PyLong_FromSsize_t(pc * 2));
            PyTuple_SET_ITEM(t, 2, PyLong_FromLong(co->co_lines[start]));
            if (PyErr_Occurred()) {
                Py_CLEAR(t);
            }
        }
        if (t == NULL || PyList_Append(list, t) < 0) {
            Py_XDECREF(t);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(t);
        start = pc;
    }
    PyObject *it = PyObject_GetIter(list);
    Py_DECREF(list);
    return it;
}

PyrsPosition
pyrs_code_position(const PyrsCodeObject *code, Py_ssize_t pc)
{
    PyrsPosition none = {-1, -1, -1, PYRS_ANCHOR_NONE, -1, -1};
    if (pc < 0 || pc >= code->co_ninstr || code->co_posns == NULL) {
        return none;
    }
    return code->co_posns[pc];
}

/* An int, or None for an unknown (negative) position. */
static PyObject *
position_item(long v)
{
    return v < 0 ? Py_NewRef(Py_None) : PyLong_FromLong(v);
}

/* False under -X no_debug_ranges or PYTHONNODEBUGRANGES, where CPython drops the column
 * ranges of every code object it makes. */
static int
debug_ranges(void)
{
    const char *env = pyrs_config_getenv("PYTHONNODEBUGRANGES");
    return pyrs_config_xoption("no_debug_ranges") == NULL && (env == NULL || env[0] == '\0');
}

/* co_positions(): (line, end_line, col, end_col) for every instruction. */
static PyObject *
code_positions(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PyrsCodeObject *co = (PyrsCodeObject *)op;
    PyObject *list = PyList_New(co->co_ninstr);
    int ranges = debug_ranges();
    for (Py_ssize_t pc = 0; list != NULL && pc < co->co_ninstr; pc++) {
        PyrsPosition p = pyrs_code_position(co, pc);
        if (!ranges) {
            p.end_line = pyrs_code_line(co, pc);
            p.col = p.end_col = -1;
        }
        PyObject *t = PyTuple_New(4);
        if (t != NULL) {
            PyTuple_SET_ITEM(t, 0, position_item(pyrs_code_line(co, pc)));
            PyTuple_SET_ITEM(t, 1, position_item(p.end_line));
            PyTuple_SET_ITEM(t, 2, position_item(p.col));
            PyTuple_SET_ITEM(t, 3, position_item(p.end_col));
        }
        if (t == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, pc, t);
    }
    PyObject *it = list != NULL ? PyObject_GetIter(list) : NULL;
    Py_XDECREF(list);
    return it;
}

/* A PyMem copy of N items of SIZE bytes at SRC (NULL stays NULL); 0, or -1 on MemoryError. */
static int
dup_array(void **dst, const void *src, size_t n, size_t size)
{
    *dst = NULL;
    if (src == NULL) {
        return 0;
    }
    *dst = PyMem_Malloc(n * size + 1);
    if (*dst == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(*dst, src, n * size);
    return 0;
}

/* The value of keyword NAME in KWARGS when it must be an int (-1: absent, -2: error). */
static int
replace_int(PyObject *kwargs, const char *name, int cur, int *out)
{
    PyObject *v = kwargs != NULL ? PyDict_GetItemString(kwargs, name) : NULL;
    *out = cur;
    if (v == NULL) {
        return 0;
    }
    long x = PyLong_AsLong(v);
    if (x == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = (int)x;
    return 1;
}

/* Keyword NAME of KWARGS into *SLOT (default: the current value), checked to be of type TP
 * (a tuple must also keep its length, since instructions index it). 0 or -1. */
static int
replace_obj(PyObject *kwargs, const char *name, PyObject *cur, PyTypeObject *tp, PyObject **slot)
{
    PyObject *v = kwargs != NULL ? PyDict_GetItemString(kwargs, name) : NULL;
    *slot = v != NULL ? v : cur;
    if (v == NULL) {
        return 0;
    }
    if (!PyObject_TypeCheck(v, tp)) {
        PyErr_Format(PyExc_TypeError, "replace() argument '%s' must be %s, not %.50s", name,
                     tp->tp_name, Py_TYPE(v)->tp_name);
        return -1;
    }
    if (tp == &PyTuple_Type && PyTuple_GET_SIZE(v) != PyTuple_GET_SIZE(cur)) {
        PyErr_Format(PyExc_NotImplementedError,
                     "pyrs: code.replace() cannot change the length of %s", name);
        return -1;
    }
    return 0;
}

/* code.replace(**changes): a copy with some co_* fields replaced (CPython 3.11's keywords).
 * pyrs compiles to its own instructions, so fields that would change them (co_code,
 * co_linetable, the argument counts, ...) raise NotImplementedError. */
static PyObject *
code_replace(PyObject *op, PyObject *args, PyObject *kwargs)
{
    static const char *const allowed[] = {
        "co_flags",          "co_firstlineno", "co_name",     "co_qualname", "co_filename",
        "co_consts",         "co_names",       "co_varnames", "co_argcount", "co_posonlyargcount",
        "co_kwonlyargcount", "co_freevars",    "co_cellvars", NULL};
    static const char *const fixed[] = {"co_code",    "co_linetable", "co_exceptiontable",
                                        "co_nlocals", "co_stacksize", NULL};
    PyrsCodeObject *co = (PyrsCodeObject *)op;
    if (PyTuple_GET_SIZE(args) != 0) {
        PyErr_SetString(PyExc_TypeError, "replace() takes no positional arguments");
        return NULL;
    }
    if (co->co_ninstr == 0) {
        return pyrs_cpyext_code_replace_empty(op, kwargs); /* never runs (PyCode_NewEmpty) */
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (kwargs != NULL && PyDict_Next(kwargs, &pos, &key, &value)) {
        const char *k = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
        int ok = 0;
        for (int i = 0; k != NULL && allowed[i] != NULL; i++) {
            ok |= strcmp(k, allowed[i]) == 0;
        }
        for (int i = 0; k != NULL && !ok && fixed[i] != NULL; i++) {
            if (strcmp(k, fixed[i]) == 0) {
                PyErr_Format(PyExc_NotImplementedError, "pyrs: code.replace() cannot change %s", k);
                return NULL;
            }
        }
        if (!ok) {
            PyErr_Format(PyExc_TypeError, "replace() got an unexpected keyword argument '%S'", key);
            return NULL;
        }
    }
    int flags, firstlineno, argc, posonly, kwonly;
    PyObject *name, *qualname, *filename, *consts, *names, *varnames, *freevars, *cellvars;
    if (replace_int(kwargs, "co_flags", co->co_flags, &flags) < 0 ||
        replace_int(kwargs, "co_firstlineno", co->co_firstlineno, &firstlineno) < 0 ||
        replace_int(kwargs, "co_argcount", co->co_argcount, &argc) < 0 ||
        replace_int(kwargs, "co_posonlyargcount", co->co_posonlyargcount, &posonly) < 0 ||
        replace_int(kwargs, "co_kwonlyargcount", co->co_kwonlyargcount, &kwonly) < 0 ||
        replace_obj(kwargs, "co_name", co->co_name, &PyUnicode_Type, &name) < 0 ||
        replace_obj(kwargs, "co_qualname", co->co_qualname, &PyUnicode_Type, &qualname) < 0 ||
        replace_obj(kwargs, "co_filename", co->co_filename, &PyUnicode_Type, &filename) < 0 ||
        replace_obj(kwargs, "co_consts", co->co_consts, &PyTuple_Type, &consts) < 0 ||
        replace_obj(kwargs, "co_names", co->co_names, &PyTuple_Type, &names) < 0 ||
        replace_obj(kwargs, "co_varnames", co->co_varnames, &PyTuple_Type, &varnames) < 0 ||
        replace_obj(kwargs, "co_freevars", co->co_freevars, &PyTuple_Type, &freevars) < 0 ||
        replace_obj(kwargs, "co_cellvars", co->co_cellvars, &PyTuple_Type, &cellvars) < 0) {
        return NULL;
    }
    if (argc != co->co_argcount || posonly != co->co_posonlyargcount ||
        kwonly != co->co_kwonlyargcount) {
        PyErr_SetString(PyExc_NotImplementedError,
                        "pyrs: code.replace() cannot change the argument counts");
        return NULL;
    }
    void *code, *lines, *exctab, *posns, *cell2arg;
    size_t n = (size_t)co->co_ninstr;
    if (dup_array(&code, co->co_code, n, sizeof(PyrsInstr)) < 0) {
        return NULL;
    }
    if (dup_array(&lines, co->co_lines, n, sizeof(int32_t)) < 0 ||
        dup_array(&exctab, co->co_exctab, (size_t)co->co_nexc, sizeof(PyrsExcEntry)) < 0) {
        PyMem_Free(code);
        PyMem_Free(lines);
        return NULL;
    }
    PyObject *res = pyrs_code_new(code, lines, co->co_ninstr, exctab, co->co_nexc, consts, names,
                                  varnames, cellvars, freevars, filename, name, qualname, argc,
                                  posonly, kwonly, flags, firstlineno, co->co_nregs);
    if (res == NULL) {
        return NULL;
    }
    PyrsCodeObject *nc = (PyrsCodeObject *)res;
    if (dup_array(&posns, co->co_posns, n, sizeof(PyrsPosition)) < 0 ||
        dup_array(&cell2arg, co->co_cell2arg, (size_t)co->co_ncells, sizeof(int16_t)) < 0) {
        Py_DECREF(res);
        return NULL;
    }
    nc->co_posns = posns;
    nc->co_cell2arg = cell2arg;
    return res;
}

static PyMethodDef code_methods[] = {
    {"replace", (PyCFunction)(void (*)(void))code_replace, METH_VARARGS | METH_KEYWORDS, NULL},
    {"co_lines", code_lines, METH_NOARGS, NULL},
    {"co_positions", code_positions, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

#define CODE_MEMBER(name, type)                                                                    \
    {                                                                                              \
#name, type, offsetof(PyrsCodeObject, name), READONLY, NULL                                \
    }
static PyMemberDef code_members[] = {
    CODE_MEMBER(co_consts, T_OBJECT),      CODE_MEMBER(co_names, T_OBJECT),
    CODE_MEMBER(co_varnames, T_OBJECT),    CODE_MEMBER(co_cellvars, T_OBJECT),
    CODE_MEMBER(co_freevars, T_OBJECT),    CODE_MEMBER(co_filename, T_OBJECT),
    CODE_MEMBER(co_name, T_OBJECT),        CODE_MEMBER(co_qualname, T_OBJECT),
    CODE_MEMBER(co_argcount, T_INT),       CODE_MEMBER(co_posonlyargcount, T_INT),
    CODE_MEMBER(co_kwonlyargcount, T_INT), CODE_MEMBER(co_flags, T_INT),
    CODE_MEMBER(co_firstlineno, T_INT),    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef code_getset[] = {
    {"co_nlocals", code_get_nlocals, NULL, NULL, NULL},
    {"co_stacksize", code_get_stacksize, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* 1 when the arrays A and B of N items of SIZE bytes each match (NULL: no array). */
static int
same_array(const void *a, const void *b, Py_ssize_t n, size_t size)
{
    if (n == 0) {
        return 1;
    }
    if (a == NULL || b == NULL) {
        return a == b;
    }
    return memcmp(a, b, (size_t)n * size) == 0;
}

/* 1 when the tuples A and B are equal, -1 on error. */
static int
same_tuple(PyObject *a, PyObject *b)
{
    return a == b ? 1 : PyObject_RichCompareBool(a, b, Py_EQ);
}

/* Code objects are equal when they would run the same (CPython's code_richcompare): name,
 * counts, flags, first line, instructions, line and exception tables, constants and names. */
static int
code_equal(PyrsCodeObject *a, PyrsCodeObject *b)
{
    if (a->co_argcount != b->co_argcount || a->co_posonlyargcount != b->co_posonlyargcount ||
        a->co_kwonlyargcount != b->co_kwonlyargcount || a->co_flags != b->co_flags ||
        a->co_firstlineno != b->co_firstlineno || a->co_ninstr != b->co_ninstr ||
        a->co_nexc != b->co_nexc || a->co_nregs != b->co_nregs ||
        !same_array(a->co_code, b->co_code, a->co_ninstr, sizeof(PyrsInstr)) ||
        !same_array(a->co_lines, b->co_lines, a->co_ninstr, sizeof(int32_t)) ||
        !same_array(a->co_exctab, b->co_exctab, a->co_nexc, sizeof(PyrsExcEntry))) {
        return 0;
    }
    PyObject *pa[] = {a->co_name,     a->co_consts,   a->co_names,
                      a->co_varnames, a->co_cellvars, a->co_freevars};
    PyObject *pb[] = {b->co_name,     b->co_consts,   b->co_names,
                      b->co_varnames, b->co_cellvars, b->co_freevars};
    for (size_t i = 0; i < sizeof pa / sizeof pa[0]; i++) {
        int r = same_tuple(pa[i], pb[i]);
        if (r <= 0) {
            return r;
        }
    }
    return 1;
}

static PyObject *
code_richcompare(PyObject *a, PyObject *b, int op)
{
    if ((op != Py_EQ && op != Py_NE) || !PyrsCode_Check(a) || !PyrsCode_Check(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    int r = code_equal((PyrsCodeObject *)a, (PyrsCodeObject *)b);
    if (r < 0) {
        return NULL;
    }
    return PyBool_FromLong(op == Py_EQ ? r : !r);
}

static Py_hash_t
code_hash(PyObject *op)
{
    PyrsCodeObject *co = (PyrsCodeObject *)op;
    Py_hash_t h = PyObject_Hash(co->co_name), h2 = h == -1 ? -1 : PyObject_Hash(co->co_names);
    if (h2 == -1) {
        return -1;
    }
    Py_uhash_t x = (Py_uhash_t)h ^ ((Py_uhash_t)h2 * 1000003U);
    x ^= (Py_uhash_t)co->co_argcount ^ ((Py_uhash_t)co->co_flags << 8) ^
         ((Py_uhash_t)co->co_ninstr << 20) ^ ((Py_uhash_t)co->co_firstlineno << 40);
    return x == (Py_uhash_t)-1 ? -2 : (Py_hash_t)x;
}

PyTypeObject PyCode_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "code",
    .tp_basicsize = sizeof(PyrsCodeObject),
    .tp_dealloc = code_dealloc,
    .tp_repr = code_repr,
    .tp_hash = code_hash,
    .tp_richcompare = code_richcompare,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_weaklistoffset = offsetof(PyrsCodeObject, co_weakreflist),
    .tp_methods = code_methods,
    .tp_members = code_members,
    .tp_getset = code_getset,
};

int
pyrs_code_init(void)
{
    return PyType_Ready(&PyCode_Type);
}
