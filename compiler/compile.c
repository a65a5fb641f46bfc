/* compile.c: the compiler driver: compilation units (one per module, function, class body,
 * lambda or comprehension), instruction emission and jump patching, constant and name
 * tables, register allocation, and assembly into code objects. */
#include "compile_internal.h"
#include "compile_fold.h"
#include "parser.h"
#include "ast_unparse.h"

/* ---- emission ----------------------------------------------------------------------------- */

static int has_annotations(PyrsAstSeq *body);
static PyObject *compile_mod(Compiler *c_, PyrsMod *mod, PyObject *filename);

static int
grow_code(Unit *u)
{
    Py_ssize_t cap = u->cap ? u->cap * 2 : 64;
    PyrsInstr *code = PyMem_Realloc(u->code, (size_t)cap * sizeof(PyrsInstr));
    if (code == NULL) {
        return -1;
    }
    u->code = code;
    int32_t *lines = PyMem_Realloc(u->lines, (size_t)cap * sizeof(int32_t));
    if (lines == NULL) {
        return -1;
    }
    u->lines = lines;
    PyrsPosition *posns = PyMem_Realloc(u->posns, (size_t)cap * sizeof(PyrsPosition));
    if (posns == NULL) {
        return -1;
    }
    u->posns = posns;
    u->cap = cap;
    return 0;
}

Py_ssize_t
pyrs_cc_emit(Compiler *c, unsigned op, int a, int b, int cc, int x)
{
    Unit *u = c->u;
    if (u->n == u->cap && grow_code(u) < 0) {
        PyErr_NoMemory();
        return -1;
    }
    u->code[u->n] = PYRS_INSTR(op, a, b, cc, x);
    u->lines[u->n] = u->lineno;
    if (u->pos_line == u->lineno) {
        u->posns[u->n] = u->pos;
    } else {
        PyrsPosition unknown = {-1, -1, -1, PYRS_ANCHOR_NONE, -1, -1};
        u->posns[u->n] = unknown;
    }
    return u->n++;
}

PyrsSavedPos
pyrs_cc_set_pos(Compiler *c, int lineno, int col, int end_lineno, int end_col)
{
    Unit *u = c->u;
    PyrsSavedPos saved = {u->pos, u->pos_line, u->lineno};
    PyrsPosition p = {end_lineno, col, end_col, PYRS_ANCHOR_NONE, -1, -1};
    u->pos = p;
    u->pos_line = lineno;
    u->lineno = lineno;
    return saved;
}

void
pyrs_cc_restore_pos(Compiler *c, PyrsSavedPos saved)
{
    c->u->pos = saved.pos;
    c->u->pos_line = saved.pos_line;
    c->u->lineno = saved.lineno;
}

Py_ssize_t
pyrs_cc_emit_jump(Compiler *c, unsigned op, int a)
{
    return pyrs_cc_emit(c, op, a, 0, 0, 0);
}

Py_ssize_t
pyrs_cc_here(Compiler *c)
{
    return c->u->n;
}

void
pyrs_cc_patch_to(Compiler *c, Py_ssize_t jump, Py_ssize_t target)
{
    PyrsInstr i = c->u->code[jump];
    int32_t off = (int32_t)(target - (jump + 1));
    c->u->code[jump] = PYRS_INSTR_BX(PYRS_I_OP(i), PYRS_I_A(i), (uint32_t)off, PYRS_I_X(i));
}

void
pyrs_cc_patch_here(Compiler *c, Py_ssize_t jump)
{
    pyrs_cc_patch_to(c, jump, c->u->n);
}

void
pyrs_cc_jumps_init(JumpList *j)
{
    j->items = j->small;
    j->n = 0;
    j->cap = (Py_ssize_t)Py_ARRAY_LENGTH(j->small);
}

int
pyrs_cc_jumps_add(JumpList *j, Py_ssize_t pos)
{
    if (pos < 0) {
        return -1;
    }
    if (j->n == j->cap) {
        Py_ssize_t cap = j->cap * 2;
        Py_ssize_t *items = PyMem_Malloc((size_t)cap * sizeof *items);
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(items, j->items, (size_t)j->n * sizeof *items);
        pyrs_cc_jumps_free(j);
        j->items = items;
        j->cap = cap;
    }
    j->items[j->n++] = pos;
    return 0;
}

void
pyrs_cc_jumps_patch_to(Compiler *c, JumpList *j, Py_ssize_t target)
{
    for (Py_ssize_t i = 0; i < j->n; i++) {
        pyrs_cc_patch_to(c, j->items[i], target);
    }
    pyrs_cc_jumps_free(j);
    pyrs_cc_jumps_init(j);
}

void
pyrs_cc_jumps_free(JumpList *j)
{
    if (j->items != j->small) {
        PyMem_Free(j->items);
    }
    j->items = j->small;
}

int
pyrs_cc_tmp(Compiler *c)
{
    return pyrs_cc_tmps(c, 1);
}

int
pyrs_cc_tmps(Compiler *c, int n)
{
    Unit *u = c->u;
    int r = u->next_reg;
    u->next_reg += n;
    if (u->next_reg > u->max_reg) {
        u->max_reg = u->next_reg;
    }
    if (u->next_reg >= 0xFFFF) {
        PyErr_SetString(PyExc_SystemError, "too many registers in one function");
        return -1;
    }
    return r;
}

void
pyrs_cc_free_to(Compiler *c, int mark)
{
    c->u->next_reg = mark;
}

int
pyrs_cc_add_exc(Compiler *c, Py_ssize_t start, Py_ssize_t end, Py_ssize_t handler, int reg)
{
    Unit *u = c->u;
    if (u->nexc == u->capexc) {
        Py_ssize_t cap = u->capexc ? u->capexc * 2 : 8;
        PyrsExcEntry *e = PyMem_Realloc(u->exc, (size_t)cap * sizeof(PyrsExcEntry));
        if (e == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        u->exc = e;
        u->capexc = cap;
    }
    u->exc[u->nexc++] = (PyrsExcEntry){(int32_t)start, (int32_t)end, (int32_t)handler, reg};
    return 0;
}

/* Sets the end of the pending SyntaxError to END_LINENO, END_COL (0-based byte column;
 * -1: None, as CPython's errors about future imports have). */
static void
error_set_end(int end_lineno, int end_col)
{
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (v != NULL && PyObject_TypeCheck(v, (PyTypeObject *)PyExc_SyntaxError)) {
        Py_XSETREF(((PySyntaxErrorObject *)v)->end_lineno, PyLong_FromLong(end_lineno));
        Py_XSETREF(((PySyntaxErrorObject *)v)->end_offset,
                   end_col >= 0 ? PyLong_FromLong(end_col + 1) : Py_NewRef(Py_None));
    }
    PyErr_Restore(t, v, tb);
}

int
pyrs_cc_error(Compiler *c, int lineno, int col, const char *msg)
{
    PyObject *m = PyUnicode_FromString(msg);
    if (m != NULL) {
        pyrs_sym_syntax_error(c->filename, lineno, col, m);
        Py_DECREF(m);
        /* at the node being compiled, CPython reports its whole extent */
        Unit *u = c->u;
        if (u != NULL && u->pos_line == lineno && u->pos.col == col && u->pos.end_line > 0) {
            error_set_end(u->pos.end_line, u->pos.end_col);
        }
    }
    return -1;
}

int
pyrs_cc_warn(Compiler *c, int lineno, int col, const char *msg)
{
    const char *fn = PyUnicode_AsUTF8(c->filename);
    if (fn == NULL) {
        return -1;
    }
    if (PyErr_WarnExplicit(PyExc_SyntaxWarning, msg, fn, lineno, NULL, NULL) < 0) {
        if (!PyErr_ExceptionMatches(PyExc_SyntaxWarning)) {
            return -1;
        }
        PyErr_Clear(); /* the SyntaxError carries the location */
        return pyrs_cc_error(c, lineno, col, msg);
    }
    return 0;
}

/* ---- constants and names ------------------------------------------------------------------ */

PyObject *
pyrs_cc_pyconst(PyrsConst *k)
{
    if (k->obj != NULL) { /* from compile() of an AST object */
        return Py_NewRef((PyObject *)k->obj);
    }
    switch (k->kind) {
    case PYRS_CONST_NONE:
        return Py_NewRef(Py_None);
    case PYRS_CONST_TRUE:
        return Py_NewRef(Py_True);
    case PYRS_CONST_FALSE:
        return Py_NewRef(Py_False);
    case PYRS_CONST_ELLIPSIS:
        return Py_NewRef(Py_Ellipsis);
    case PYRS_CONST_INT:
        if (k->int_fits) {
            return PyLong_FromLongLong(k->ival);
        }
        return PyLong_FromString(k->data, NULL, 10);
    case PYRS_CONST_FLOAT:
        return PyFloat_FromDouble(k->fval);
    case PYRS_CONST_COMPLEX:
        return PyComplex_FromDoubles(k->real, k->fval);
    case PYRS_CONST_STR:
        return PyUnicode_DecodeUTF8(k->data, (Py_ssize_t)k->len, "surrogatepass");
    case PYRS_CONST_BYTES:
        return PyBytes_FromStringAndSize(k->data, (Py_ssize_t)k->len);
    case PYRS_CONST_OBJECT:
        break;
    }
    PyErr_SetString(PyExc_SystemError, "bad constant");
    return NULL;
}

static PyObject *const_key(PyObject *v);

/* The keys of the items of tuple or frozenset V, in a tuple or a frozenset like V. */
static PyObject *
items_key(PyObject *v)
{
    PyObject *items = PyTuple_Check(v) ? Py_NewRef(v) : PySequence_Tuple(v);
    Py_ssize_t n = items != NULL ? PyTuple_GET_SIZE(items) : 0;
    PyObject *keys = items != NULL ? PyTuple_New(n) : NULL;
    for (Py_ssize_t i = 0; keys != NULL && i < n; i++) {
        PyObject *k = const_key(PyTuple_GET_ITEM(items, i));
        if (k == NULL) {
            Py_CLEAR(keys);
            break;
        }
        PyTuple_SET_ITEM(keys, i, k);
    }
    Py_XDECREF(items);
    if (keys != NULL && PyFrozenSet_Check(v)) {
        Py_SETREF(keys, PyFrozenSet_New(keys));
    }
    return keys;
}

/* A key telling constants apart that compare equal (1, 1.0, True, 0.0 and -0.0, and tuples
 * or frozensets holding them), as CPython's _PyCode_ConstantKey does. */
static PyObject *
const_key(PyObject *v)
{
    PyObject *repr;
    if (PyFloat_Check(v) || PyComplex_Check(v)) {
        repr = PyObject_Repr(v);
    } else if (PyTuple_Check(v) || PyFrozenSet_Check(v)) {
        repr = items_key(v);
    } else if (PyUnicode_Check(v) || PyLong_Check(v) || PyBytes_Check(v) || v == Py_None ||
               v == Py_Ellipsis) {
        repr = Py_NewRef(v);
    } else { /* code objects and the rest: only themselves */
        repr = PyLong_FromVoidPtr(v);
    }
    if (repr == NULL) {
        return NULL;
    }
    PyObject *key = PyTuple_New(2);
    if (key == NULL) {
        Py_DECREF(repr);
        return NULL;
    }
    PyTuple_SET_ITEM(key, 0, Py_NewRef(Py_TYPE(v)));
    PyTuple_SET_ITEM(key, 1, repr);
    return key;
}

static int
table_index(PyObject *list, PyObject *index, PyObject *key, PyObject *value)
{
    PyObject *found = PyDict_GetItemWithError(index, key);
    if (found != NULL) {
        return (int)PyLong_AsLong(found);
    }
    if (PyErr_Occurred()) {
        return -1;
    }
    Py_ssize_t n = PyList_GET_SIZE(list);
    PyObject *num = PyLong_FromSsize_t(n);
    if (num == NULL || PyDict_SetItem(index, key, num) < 0 || PyList_Append(list, value) < 0) {
        Py_XDECREF(num);
        return -1;
    }
    Py_DECREF(num);
    return (int)n;
}

int
pyrs_cc_const(Compiler *c, PyObject *v)
{
    PyObject *key = const_key(v);
    if (key == NULL) {
        return -1;
    }
    int idx = table_index(c->u->consts, c->u->const_index, key, v);
    Py_DECREF(key);
    return idx;
}

int
pyrs_cc_const_ast(Compiler *c, PyrsConst *k)
{
    PyObject *v = pyrs_cc_pyconst(k);
    if (v == NULL) {
        return -1;
    }
    int idx = pyrs_cc_const(c, v);
    Py_DECREF(v);
    return idx;
}

int
pyrs_cc_name_obj(Compiler *c, PyObject *name)
{
    return table_index(c->u->names, c->u->name_index, name, name);
}

int
pyrs_cc_name(Compiler *c, const char *name)
{
    PyObject *s = PyUnicode_InternFromString(name);
    if (s == NULL) {
        return -1;
    }
    int idx = pyrs_cc_name_obj(c, s);
    Py_DECREF(s);
    return idx;
}

/* ---- units -------------------------------------------------------------------------------- */

static void
unit_free(Unit *u)
{
    PyMem_Free(u->code);
    PyMem_Free(u->lines);
    PyMem_Free(u->posns);
    PyMem_Free(u->exc);
    for (int i = 0; i < u->nfb; i++) {
        PyMem_Free(u->fb[i].breaks);
    }
    Py_XDECREF(u->qualname);
    Py_XDECREF(u->name);
    Py_XDECREF(u->consts);
    Py_XDECREF(u->const_index);
    Py_XDECREF(u->names);
    Py_XDECREF(u->name_index);
    Py_XDECREF(u->local_regs);
    Py_XDECREF(u->cell_index);
    PyMem_Free(u->bound);
    Py_XDECREF(u->unsafe);
    PyMem_Free(u);
}

static int
index_list(PyObject *dict, PyObject *list, int base)
{
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        PyObject *n = PyLong_FromSsize_t(base + i);
        if (n == NULL || PyDict_SetItem(dict, PyList_GET_ITEM(list, i), n) < 0) {
            Py_XDECREF(n);
            return -1;
        }
        Py_DECREF(n);
    }
    return 0;
}

/* The qualified name of a new scope: parent.<locals>.name for functions, parent.name for
 * classes, as CPython builds __qualname__. */
static PyObject *
make_qualname(Compiler *c, PyrsScope *scope, const char *name)
{
    Unit *p = c->u;
    if (p == NULL || p->scope->kind == PYRS_BLOCK_MODULE) {
        return PyUnicode_FromString(name);
    }
    PyObject *nm = PyUnicode_FromString(name);
    if (nm == NULL) {
        return NULL;
    }
    /* A name declared global in the parent is qualified from the module. */
    if (pyrs_sym_scope_of(p->scope, nm) == PYRS_SCOPE_GLOBAL_EXPLICIT) {
        return nm;
    }
    (void)scope;
    PyObject *q = PyUnicode_FromFormat(
        p->scope->kind == PYRS_BLOCK_FUNCTION ? "%U.<locals>.%U" : "%U.%U", p->qualname, nm);
    Py_DECREF(nm);
    return q;
}

static Unit *
unit_new(Compiler *c, PyrsScope *scope, const char *name, int firstlineno)
{
    Unit *u = PyMem_Calloc(1, sizeof(Unit));
    if (u == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    u->parent = c->u;
    u->scope = scope;
    u->firstlineno = firstlineno;
    u->lineno = firstlineno;
    u->name = PyUnicode_FromString(name);
    u->qualname = make_qualname(c, scope, name);
    u->consts = PyList_New(0);
    u->const_index = PyDict_New();
    u->names = PyList_New(0);
    u->name_index = PyDict_New();
    u->local_regs = PyDict_New();
    u->cell_index = PyDict_New();
    if (!u->name || !u->qualname || !u->consts || !u->const_index || !u->names || !u->name_index ||
        !u->local_regs || !u->cell_index) {
        unit_free(u);
        return NULL;
    }
    if (scope->kind == PYRS_BLOCK_FUNCTION) {
        u->nlocals = (int)PyList_GET_SIZE(scope->varnames);
        if (index_list(u->local_regs, scope->varnames, 0) < 0) {
            unit_free(u);
            return NULL;
        }
    }
    if (index_list(u->cell_index, scope->cellvars, 0) < 0 ||
        index_list(u->cell_index, scope->freevars, (int)PyList_GET_SIZE(scope->cellvars)) < 0) {
        unit_free(u);
        return NULL;
    }
    u->next_reg = u->max_reg = u->nlocals;
    return u;
}

/* Per cell: the parameter register it starts from (-1 when not a parameter). */
static int16_t *
cell_to_arg(PyrsScope *scope)
{
    Py_ssize_t ncells = PyList_GET_SIZE(scope->cellvars);
    if (ncells == 0) {
        return NULL;
    }
    int16_t *map = PyMem_Malloc((size_t)ncells * sizeof(int16_t));
    if (map == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < ncells; i++) {
        map[i] = -1;
        PyObject *name = PyList_GET_ITEM(scope->cellvars, i);
        Py_ssize_t nparams =
            scope->argcount + scope->kwonlyargcount + scope->has_varargs + scope->has_varkw;
        for (Py_ssize_t p = 0; p < nparams && p < PyList_GET_SIZE(scope->varnames); p++) {
            if (PyUnicode_Compare(PyList_GET_ITEM(scope->varnames, p), name) == 0) {
                map[i] = (int16_t)p;
            }
        }
    }
    return map;
}

static PyObject *
unit_assemble(Compiler *c, Unit *u)
{
    PyrsScope *s = u->scope;
    PyObject *consts = PyList_AsTuple(u->consts);
    PyObject *names = PyList_AsTuple(u->names);
    PyObject *varnames =
        s->kind == PYRS_BLOCK_FUNCTION ? PyList_AsTuple(s->varnames) : PyTuple_New(0);
    PyObject *cellvars = PyList_AsTuple(s->cellvars);
    PyObject *freevars = PyList_AsTuple(s->freevars);
    PyObject *code = NULL;
    if (consts && names && varnames && cellvars && freevars) {
        int flags = 0;
        if (s->kind == PYRS_BLOCK_FUNCTION) {
            flags |= CO_OPTIMIZED | CO_NEWLOCALS;
            flags |= s->has_varargs ? CO_VARARGS : 0;
            flags |= s->has_varkw ? CO_VARKEYWORDS : 0;
            flags |= s->is_nested ? CO_NESTED : 0;
            flags |= s->is_generator ? (s->is_coroutine ? CO_ASYNC_GENERATOR : CO_GENERATOR) : 0;
            flags |= s->is_coroutine && !s->is_generator ? CO_COROUTINE : 0;
        }
        flags |= c->future_flags & PYRS_CO_FUTURE_MASK;
        code =
            pyrs_code_new(u->code, u->lines, u->n, u->exc, u->nexc, consts, names, varnames,
                          cellvars, freevars, c->filename, u->name, u->qualname, s->argcount,
                          s->posonlyargcount, s->kwonlyargcount, flags, u->firstlineno, u->max_reg);
        u->code = NULL;
        u->lines = NULL;
        u->exc = NULL;
        if (code != NULL) {
            ((PyrsCodeObject *)code)->co_cell2arg = cell_to_arg(s);
            ((PyrsCodeObject *)code)->co_posns = u->posns;
            u->posns = NULL;
        }
    }
    Py_XDECREF(consts);
    Py_XDECREF(names);
    Py_XDECREF(varnames);
    Py_XDECREF(cellvars);
    Py_XDECREF(freevars);
    return code;
}

/* A docstring: the first statement is a str constant expression. */
static PyrsConst *
docstring_of(PyrsAstSeq *body)
{
    if (PYRS_SEQ_LEN(body) == 0 || pyrs_config_optimize_level() > 1) { /* -OO drops them */
        return NULL;
    }
    PyrsStmt *first = PYRS_SEQ_GET(body, 0);
    if (first->kind != PYRS_K_Expr || first->v.Expr.value->kind != PYRS_K_Constant) {
        return NULL;
    }
    PyrsConst *k = first->v.Expr.value->v.Constant.value;
    return k->kind == PYRS_CONST_STR ? k : NULL;
}

/* Class body prologue: __module__ = __name__, __qualname__ = "...". */
static int
class_prologue(Compiler *c, PyrsAstSeq *body)
{
    int t = pyrs_cc_tmp(c);
    if (t < 0 || pyrs_cc_emit(c, PYRS_OP_LOADGLOBAL, t, pyrs_cc_name(c, "__name__"), 0, 0) < 0 ||
        pyrs_cc_emit(c, PYRS_OP_STORENAME, t, pyrs_cc_name(c, "__module__"), 0, 0) < 0) {
        return -1;
    }
    int k = pyrs_cc_const(c, c->u->qualname);
    if (k < 0 || pyrs_cc_emit(c, PYRS_OP_LOADK, t, k, 0, 0) < 0 ||
        pyrs_cc_emit(c, PYRS_OP_STORENAME, t, pyrs_cc_name(c, "__qualname__"), 0, 0) < 0) {
        return -1;
    }
    PyrsConst *doc = docstring_of(body);
    if (doc != NULL) {
        int kd = pyrs_cc_const_ast(c, doc);
        if (kd < 0 || pyrs_cc_emit(c, PYRS_OP_LOADK, t, kd, 0, 0) < 0 ||
            pyrs_cc_emit(c, PYRS_OP_STORENAME, t, pyrs_cc_name(c, "__doc__"), 0, 0) < 0) {
            return -1;
        }
    }
    if (has_annotations(body) && pyrs_cc_emit(c, PYRS_OP_SETUPANN, 0, 0, 0, 0) < 0) {
        return -1;
    }
    pyrs_cc_free_to(c, t);
    return 0;
}

/* Whether BODY holds an annotated assignment outside nested functions and classes: such a
 * module or class body creates __annotations__ on entry, as CPython 3.11 does. */
static int
has_annotations(PyrsAstSeq *body)
{
    for (long i = 0; i < PYRS_SEQ_LEN(body); i++) {
        PyrsStmt *s = PYRS_SEQ_GET(body, i);
        int found = 0;
        switch (s->kind) {
        case PYRS_K_AnnAssign:
            return 1;
        case PYRS_K_For:
            found = has_annotations(s->v.For.body) || has_annotations(s->v.For.orelse);
            break;
        case PYRS_K_AsyncFor:
            found = has_annotations(s->v.AsyncFor.body) || has_annotations(s->v.AsyncFor.orelse);
            break;
        case PYRS_K_While:
            found = has_annotations(s->v.While.body) || has_annotations(s->v.While.orelse);
            break;
        case PYRS_K_If:
            found = has_annotations(s->v.If.body) || has_annotations(s->v.If.orelse);
            break;
        case PYRS_K_With:
            found = has_annotations(s->v.With.body);
            break;
        case PYRS_K_AsyncWith:
            found = has_annotations(s->v.AsyncWith.body);
            break;
        case PYRS_K_Try:
        case PYRS_K_TryStar: {
            PyrsAstSeq *handlers =
                s->kind == PYRS_K_Try ? s->v.Try.handlers : s->v.TryStar.handlers;
            found = s->kind == PYRS_K_Try
                        ? has_annotations(s->v.Try.body) || has_annotations(s->v.Try.orelse) ||
                              has_annotations(s->v.Try.finalbody)
                        : has_annotations(s->v.TryStar.body) ||
                              has_annotations(s->v.TryStar.orelse) ||
                              has_annotations(s->v.TryStar.finalbody);
            for (long h = 0; !found && h < PYRS_SEQ_LEN(handlers); h++) {
                PyrsExceptHandler *eh = PYRS_SEQ_GET(handlers, h);
                found = has_annotations(eh->v.ExceptHandler.body);
            }
            break;
        }
        case PYRS_K_Match:
            for (long m = 0; !found && m < PYRS_SEQ_LEN(s->v.Match.cases); m++) {
                PyrsMatchCase *mc = PYRS_SEQ_GET(s->v.Match.cases, m);
                found = has_annotations(mc->body);
            }
            break;
        default:
            break;
        }
        if (found) {
            return 1;
        }
    }
    return 0;
}

/* Class body epilogue: return the __class__ cell (stored as __classcell__) or None. */
static int
class_epilogue(Compiler *c)
{
    int t = pyrs_cc_tmp(c);
    if (t < 0) {
        return -1;
    }
    if (c->u->scope->needs_class_cell) {
        PyObject *name = PyUnicode_InternFromString("__class__");
        PyObject *idx = name ? PyDict_GetItemWithError(c->u->cell_index, name) : NULL;
        Py_XDECREF(name);
        if (idx == NULL) {
            PyErr_SetString(PyExc_SystemError, "no __class__ cell");
            return -1;
        }
        if (pyrs_cc_emit(c, PYRS_OP_LOADCLOSURE, t, (int)PyLong_AsLong(idx), 0, 0) < 0 ||
            pyrs_cc_emit(c, PYRS_OP_STORENAME, t, pyrs_cc_name(c, "__classcell__"), 0, 0) < 0) {
            return -1;
        }
    } else {
        int k = pyrs_cc_const(c, Py_None);
        if (k < 0 || pyrs_cc_emit(c, PYRS_OP_LOADK, t, k, 0, 0) < 0) {
            return -1;
        }
    }
    return pyrs_cc_emit(c, PYRS_OP_RETURN, t, 0, 0, 0) < 0 ? -1 : 0;
}

static int
return_none(Compiler *c)
{
    int t = pyrs_cc_tmp(c);
    int k = pyrs_cc_const(c, Py_None);
    if (t < 0 || k < 0 || pyrs_cc_emit(c, PYRS_OP_LOADK, t, k, 0, 0) < 0 ||
        pyrs_cc_emit(c, PYRS_OP_RETURN, t, 0, 0, 0) < 0) {
        return -1;
    }
    return 0;
}

PyObject *
pyrs_cc_code_for(Compiler *c, const void *node, const char *name, PyrsAstSeq *body,
                 PyrsExpr *expr_body, int firstlineno, int is_class)
{
    PyrsScope *scope = pyrs_sym_lookup(c->st, node);
    if (scope == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_SystemError, "no scope for node");
        }
        return NULL;
    }
    Unit *u = unit_new(c, scope, name, firstlineno);
    if (u == NULL) {
        return NULL;
    }
    c->u = u;
    int r = 0;
    if (is_class == 1) {
        r = class_prologue(c, body);
        if (r == 0) {
            r = pyrs_cc_stmts(c, body);
        }
        if (r == 0) {
            r = class_epilogue(c);
        }
    } else if (is_class == 2) {
        /* a comprehension: NODE is the ListComp/SetComp/DictComp expression */
        const PyrsExpr *e = node;
        PyrsAstSeq *gens = e->kind == PYRS_K_ListComp       ? e->v.ListComp.generators
                           : e->kind == PYRS_K_SetComp      ? e->v.SetComp.generators
                           : e->kind == PYRS_K_GeneratorExp ? e->v.GeneratorExp.generators
                                                            : e->v.DictComp.generators;
        r = pyrs_cc_const(c, Py_None) < 0 || pyrs_cc_bound_init(c, NULL) < 0 ? -1 : 0;
        if (r == 0) {
            r = pyrs_cc_comprehension_code(c, (PyrsExpr *)e, gens, name);
        }
    } else if (expr_body != NULL) {
        /* lambda: K[0] is None (no docstring) */
        r = pyrs_cc_const(c, Py_None) < 0 ? -1 : 0;
        int t = r == 0 ? pyrs_cc_tmp(c) : -1;
        if (t < 0 || pyrs_cc_expr(c, expr_body, t) < 0 ||
            pyrs_cc_emit(c, PYRS_OP_RETURN, t, 0, 0, 0) < 0) {
            r = -1;
        }
    } else {
        PyrsConst *doc = docstring_of(body);
        PyObject *docobj = doc ? pyrs_cc_pyconst(doc) : Py_NewRef(Py_None);
        r = docobj == NULL || pyrs_cc_const(c, docobj) < 0 ? -1 : 0;
        Py_XDECREF(docobj);
        if (r == 0 && scope->kind == PYRS_BLOCK_FUNCTION) {
            r = pyrs_cc_bound_init(c, body);
        }
        if (r == 0) {
            r = pyrs_cc_stmts(c, body);
        }
        if (r == 0) {
            r = return_none(c);
        }
    }
    c->u = u->parent;
    PyObject *code = r == 0 ? unit_assemble(c, u) : NULL;
    unit_free(u);
    return code;
}

int
pyrs_cc_make_closure(Compiler *c, PyrsScope *child, int extra, int *flags)
{
    Py_ssize_t nfree = PyList_GET_SIZE(child->freevars);
    if (nfree == 0) {
        return 0;
    }
    int base = pyrs_cc_tmps(c, (int)nfree);
    if (base < 0) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < nfree; i++) {
        PyObject *name = PyList_GET_ITEM(child->freevars, i);
        PyObject *idx = PyDict_GetItemWithError(c->u->cell_index, name);
        if (idx == NULL) {
            PyErr_Format(PyExc_SystemError, "free variable '%U' has no cell", name);
            return -1;
        }
        if (pyrs_cc_emit(c, PYRS_OP_LOADCLOSURE, base + (int)i, (int)PyLong_AsLong(idx), 0, 0) <
            0) {
            return -1;
        }
    }
    if (pyrs_cc_emit(c, PYRS_OP_BUILDTUPLE, extra + 2, base, (int)nfree, 0) < 0) {
        return -1;
    }
    pyrs_cc_free_to(c, base);
    *flags |= 4;
    return 0;
}

/* ---- entry points ------------------------------------------------------------------------- */

/* Checks the names of future import S: CPython's errors for "braces" and unknown features.
 * 0, or -1 with SyntaxError. */
static int
future_features_check(Compiler *c, PyrsStmt *s)
{
    static const char *const known[] = {"nested_scopes",
                                        "generators",
                                        "division",
                                        "absolute_import",
                                        "with_statement",
                                        "print_function",
                                        "unicode_literals",
                                        "barry_as_FLUFL",
                                        "generator_stop",
                                        "annotations",
                                        NULL};
    static const int flag[] = {0,
                               0,
                               CO_FUTURE_DIVISION,
                               CO_FUTURE_ABSOLUTE_IMPORT,
                               CO_FUTURE_WITH_STATEMENT,
                               CO_FUTURE_PRINT_FUNCTION,
                               CO_FUTURE_UNICODE_LITERALS,
                               CO_FUTURE_BARRY_AS_BDFL,
                               CO_FUTURE_GENERATOR_STOP,
                               CO_FUTURE_ANNOTATIONS};
    for (long i = 0; i < PYRS_SEQ_LEN(s->v.ImportFrom.names); i++) {
        const char *name = ((PyrsAlias *)PYRS_SEQ_GET(s->v.ImportFrom.names, i))->name;
        int ok = 0;
        for (int k = 0; known[k] != NULL && !ok; k++) {
            ok = strcmp(name, known[k]) == 0;
            c->future_flags |= ok ? flag[k] : 0;
        }
        if (!ok) {
            char msg[160];
            snprintf(msg, sizeof msg, "future feature %.100s is not defined", name);
            pyrs_cc_error(c, s->lineno, s->col_offset,
                          strcmp(name, "braces") == 0 ? "not a chance" : msg);
            error_set_end(s->lineno, -1);
            return -1;
        }
    }
    return 0;
}

/* The leading `from __future__` imports of module BODY (after its docstring), as CPython's
 * future.c reads them: sets c->future_lineno to the line of the last one. 0, or -1 with
 * SyntaxError for a bad feature or one following other statements on the same line. */
static int
future_scan(Compiler *c, PyrsAstSeq *body)
{
    long n = PYRS_SEQ_LEN(body), i = 0;
    PyrsStmt *first = n > 0 ? PYRS_SEQ_GET(body, 0) : NULL;
    if (first != NULL && first->kind == PYRS_K_Expr &&
        first->v.Expr.value->kind == PYRS_K_Constant &&
        first->v.Expr.value->v.Constant.value->kind == PYRS_CONST_STR) {
        i = 1;
    }
    int done = 0, prev = 0;
    for (; i < n; i++) {
        PyrsStmt *s = PYRS_SEQ_GET(body, i);
        if (done && s->lineno > prev) {
            break;
        }
        prev = s->lineno;
        if (s->kind != PYRS_K_ImportFrom || s->v.ImportFrom.module == NULL ||
            strcmp(s->v.ImportFrom.module, "__future__") != 0) {
            done = 1;
            continue;
        }
        if (done) { /* CPython's future.c places this one a column early */
            pyrs_cc_error(c, s->lineno, s->col_offset - 1,
                          "from __future__ imports must occur at the beginning of the file");
            error_set_end(s->lineno, -1);
            return -1;
        }
        if (future_features_check(c, s) < 0) {
            return -1;
        }
        c->future_lineno = s->lineno;
    }
    return 0;
}

/* PEP 563: MOD's annotations become str constants (ast_unparse.c), the new nodes allocated
 * in *ARENA (a new arena the caller frees). 0, or -1 with SyntaxError or MemoryError. */
static int
stringify_annotations(Compiler *c, PyrsMod *mod, PyrsArena **arena)
{
    PyrsUnparseError err;
    *arena = pyrs_arena_new();
    int r = *arena != NULL ? pyrs_ast_stringify_annotations(mod, *arena, &err) : -1;
    if (r < 0) {
        PyErr_NoMemory();
        return -1;
    }
    if (r == 0) {
        return 0;
    }
    pyrs_cc_error(c, err.lineno, err.col_offset, err.msg);
    error_set_end(err.end_lineno, err.end_col_offset); /* the expression's whole extent */
    return -1;
}

PyObject *
pyrs_compile_module(PyrsMod *mod, PyObject *filename)
{
    Compiler c = {.filename = filename,
                  .interactive = mod->kind == PYRS_K_Interactive,
                  .future_lineno = -1,
                  .future_flags = pyrs_compile_flags & PYRS_CO_FUTURE_MASK};
    PyrsAstSeq *top = mod->kind == PYRS_K_Module        ? mod->v.Module.body
                      : mod->kind == PYRS_K_Interactive ? mod->v.Interactive.body
                                                        : NULL;
    if (top != NULL && future_scan(&c, top) < 0) {
        return NULL;
    }
    PyrsArena *ann_arena = NULL; /* the stringified annotations, freed on return */
    if ((c.future_flags & CO_FUTURE_ANNOTATIONS) &&
        stringify_annotations(&c, mod, &ann_arena) < 0) {
        pyrs_arena_free(ann_arena);
        return NULL;
    }
    /* constants folded as CPython's AST optimizer folds them: new nodes in FOLD_ARENA, their
     * values in FOLDED, both released on return */
    PyrsArena *fold_arena = pyrs_arena_new();
    PyObject *folded = PyList_New(0);
    PyObject *code = NULL;
    if (fold_arena == NULL || folded == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_NoMemory();
        }
    } else if (pyrs_fold_constants(mod, fold_arena, folded) == 0) {
        code = compile_mod(&c, mod, filename);
    }
    Py_XDECREF(folded);
    pyrs_arena_free(fold_arena);
    pyrs_arena_free(ann_arena);
    return code;
}

/* pyrs_compile_module after the future imports were read. */
static PyObject *
compile_mod(Compiler *c_, PyrsMod *mod, PyObject *filename)
{
    Compiler c = *c_;
    c.st = pyrs_sym_build(mod, filename);
    if (c.st == NULL) {
        return NULL;
    }
    Unit *u = unit_new(&c, c.st->top, "<module>", 1);
    PyObject *code = NULL;
    if (u != NULL) {
        c.u = u;
        PyrsAstSeq *body = mod->kind == PYRS_K_Module        ? mod->v.Module.body
                           : mod->kind == PYRS_K_Interactive ? mod->v.Interactive.body
                                                             : NULL;
        if (mod->kind == PYRS_K_Expression) {
            /* eval mode: the value of the expression is the code's result */
            int t = pyrs_cc_tmp(&c);
            int r = t < 0 || pyrs_cc_const(&c, Py_None) < 0 ? -1 : 0;
            if (r == 0 && pyrs_cc_expr(&c, mod->v.Expression.body, t) == 0 &&
                pyrs_cc_emit(&c, PYRS_OP_RETURN, t, 0, 0, 0) >= 0) {
                code = unit_assemble(&c, u);
            }
            unit_free(u);
            pyrs_sym_free(c.st);
            return code;
        }
        PyrsConst *doc = docstring_of(body);
        int r = 0;
        if (doc != NULL) {
            int t = pyrs_cc_tmp(&c);
            int k = pyrs_cc_const_ast(&c, doc);
            u->lineno = ((PyrsStmt *)PYRS_SEQ_GET(body, 0))->lineno;
            if (t < 0 || k < 0 || pyrs_cc_emit(&c, PYRS_OP_LOADK, t, k, 0, 0) < 0 ||
                pyrs_cc_emit(&c, PYRS_OP_STORENAME, t, pyrs_cc_name(&c, "__doc__"), 0, 0) < 0) {
                r = -1;
            }
            pyrs_cc_free_to(&c, t);
        }
        if (r == 0 && has_annotations(body) && pyrs_cc_emit(&c, PYRS_OP_SETUPANN, 0, 0, 0, 0) < 0) {
            r = -1;
        }
        if (r == 0 && pyrs_cc_stmts(&c, body) == 0 && return_none(&c) == 0) {
            code = unit_assemble(&c, u);
        }
        unit_free(u);
    }
    pyrs_sym_free(c.st);
    return code;
}

/* Turns the parser's error record into a SyntaxError/IndentationError/TabError. */
static void
raise_parse_error(const PyrsSyntaxError *err, const char *filename)
{
    PyObject *type = err->kind == PYRS_ERR_INDENTATION ? PyExc_IndentationError
                     : err->kind == PYRS_ERR_TAB       ? PyExc_TabError
                                                       : PyExc_SyntaxError;
    PyObject *text = err->text
                         ? PyUnicode_DecodeUTF8(err->text, (Py_ssize_t)strlen(err->text), "replace")
                         : Py_NewRef(Py_None);
    PyObject *loc = PyTuple_New(6);
    PyObject *args = PyTuple_New(2);
    if (text == NULL || loc == NULL || args == NULL) {
        Py_XDECREF(text);
        Py_XDECREF(loc);
        Py_XDECREF(args);
        return;
    }
    PyTuple_SET_ITEM(loc, 0, PyUnicode_DecodeFSDefault(filename));
    PyTuple_SET_ITEM(loc, 1, PyLong_FromLong(err->lineno));
    PyTuple_SET_ITEM(loc, 2, PyLong_FromLong(err->offset));
    PyTuple_SET_ITEM(loc, 3, text);
    PyTuple_SET_ITEM(loc, 4, PyLong_FromLong(err->end_lineno));
    PyTuple_SET_ITEM(loc, 5, PyLong_FromLong(err->end_offset));
    PyTuple_SET_ITEM(args, 0, PyUnicode_FromString(err->msg));
    PyTuple_SET_ITEM(args, 1, loc);
    PyErr_SetObject(type, args);
    Py_DECREF(args);
}

/* The line LINENO (1-based) of SRC[0..LEN) into *LINE / *LINE_LEN (NULL when absent). */
static void
source_line(const char *src, size_t len, int lineno, const char **line, size_t *line_len)
{
    const char *p = src, *end = src + len;
    for (int l = 1; l < lineno && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl != NULL ? nl + 1 : end;
    }
    const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
    *line = p < end ? p : NULL;
    *line_len = p < end ? (size_t)((nl != NULL ? nl + 1 : end) - p) : 0;
}

/* Characters in the first BYTES bytes of UTF-8 text S[0..LEN). */
static int
char_column(const char *s, size_t len, int bytes)
{
    int n = 0;
    for (int i = 0; i < bytes && (size_t)i < len; i++) {
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    return n;
}

int
pyrs_compile_parse_warnings(const PyrsSyntaxError *err, const char *src, size_t len,
                            const char *filename)
{
    for (int i = 0; i < err->nwarnings; i++) {
        const PyrsParseWarning *w = &err->warnings[i];
        PyObject *category = w->deprecation ? PyExc_DeprecationWarning : PyExc_SyntaxWarning;
        PyObject *msg = PyUnicode_FromString(w->msg);
        PyObject *fn = PyUnicode_DecodeFSDefault(filename);
        int r = msg != NULL && fn != NULL
                    ? PyErr_WarnExplicitObject(category, msg, fn, w->lineno, NULL, NULL)
                    : -1;
        Py_XDECREF(msg);
        Py_XDECREF(fn);
        if (r == 0) {
            continue;
        }
        if (PyErr_ExceptionMatches(category)) { /* an error filter: a SyntaxError there */
            PyErr_Clear();
            const char *line;
            size_t line_len;
            source_line(src, len, w->lineno, &line, &line_len);
            const char *end_line = line;
            size_t end_len = line_len;
            if (w->end_lineno != w->lineno) {
                source_line(src, len, w->end_lineno, &end_line, &end_len);
            }
            PyrsSyntaxError e;
            memset(&e, 0, sizeof e);
            pyrs_perror_set(&e, PYRS_ERR_SYNTAX, filename, w->lineno,
                            line != NULL ? char_column(line, line_len, w->col) + 1 : 0,
                            w->end_lineno,
                            end_line != NULL ? char_column(end_line, end_len, w->end_col) + 1 : 0,
                            line, line_len, "%s", w->msg);
            raise_parse_error(&e, filename);
            pyrs_perror_clear(&e);
        }
        return -1;
    }
    return 0;
}

PyObject *
pyrs_compile_source_mode(const char *src, size_t len, const char *filename, int mode)
{
    PyrsArena *arena = pyrs_arena_new();
    if (arena == NULL) {
        return PyErr_NoMemory();
    }
    PyrsSyntaxError err;
    memset(&err, 0, sizeof err);
    PyrsMod *mod = pyrs_parse(src, len, filename, mode, arena, &err);
    PyObject *code = NULL;
    if (mod == NULL) {
        raise_parse_error(&err, filename);
    } else if (pyrs_compile_parse_warnings(&err, src, len, filename) == 0) {
        PyObject *fn = PyUnicode_DecodeFSDefault(filename); /* undoes compile()'s encoding */
        code = fn != NULL ? pyrs_compile_module(mod, fn) : NULL;
        Py_XDECREF(fn);
    }
    pyrs_perror_clear(&err);
    pyrs_arena_free(arena);
    return code;
}

PyObject *
pyrs_compile_source(const char *src, size_t len, const char *filename)
{
    return pyrs_compile_source_mode(src, len, filename, PYRS_PARSE_EXEC);
}
