/* frame.c: the frame stack of the stackless VM (chunks of a contiguous arena, like CPython
 * 3.11's data stack) and argument binding with CPython's TypeError messages. */
#include "pyrs/frame.h"
#include "funcobject.h"
#include "pyrs/frameobject.h"
#include "pyrs/mem.h"
#include "pyrs/state.h"
#include "pyrs/vm.h"

#include <assert.h>

#define CHUNK_BYTES (256 * 1024)

/* One arena chunk; frames are carved from data[] upwards. */
typedef struct Chunk {
    struct Chunk *prev; /* the chunk below, NULL for the first */
    size_t size;        /* bytes in data */
    size_t used;        /* bytes handed out */
    char data[];        /* frames */
} Chunk;

/* The frame stack belongs to the thread holding the GIL: its state lives in the thread state
 * (pyrs/state.h). current_chunk: chunk holding the top frame; top_iframe: the innermost
 * frame's CPython part, where extensions look for it (pyrs never pushes another _PyCFrame,
 * so tstate->cframe is always the root one); depth: frames on the stack. */
#define current_chunk (*(Chunk **)&pyrs_state_ext()->frame_chunk)
#define top_iframe    (pyrs_state_current->root_cframe.current_frame)
#define depth         (pyrs_state_ext()->frame_depth)

void
pyrs_frame_stack_free(void *chunk)
{
    for (Chunk *c = chunk; c != NULL;) {
        Chunk *prev = c->prev;
        PyMem_RawFree(c);
        c = prev;
    }
}

PyrsFrame *
pyrs_frame_top(void)
{
    return pyrs_frame_of(top_iframe);
}

int
pyrs_frame_depth(void)
{
    return depth;
}

/* Opens a new chunk for a block of SIZE bytes on top of the current one: 0, or -1 when out of
 * memory. Out of line, so the frame pushes keep their registers. */
static PYRS_NOINLINE int
arena_grow(size_t size)
{
    size_t bytes = size > CHUNK_BYTES ? size : CHUNK_BYTES;
    Chunk *c = PyMem_RawMalloc(sizeof(Chunk) + bytes);
    if (c == NULL) {
        return -1;
    }
    c->prev = current_chunk;
    c->size = bytes;
    c->used = 0;
    current_chunk = c;
    return 0;
}

/* A frame-sized block from the arena, opening a new chunk when the current one is full. */
static void *
arena_alloc(size_t size, Chunk **chunk_out)
{
    size = (size + 15) & ~(size_t)15;
    if (current_chunk == NULL || current_chunk->used + size > current_chunk->size) {
        if (arena_grow(size) < 0) {
            return NULL;
        }
    }
    void *p = current_chunk->data + current_chunk->used;
    current_chunk->used += size;
    *chunk_out = current_chunk;
    return p;
}

PyrsFrame *
pyrs_frame_push(PyrsCodeObject *code, PyObject *func, PyObject *globals, PyObject *locals)
{
    if (depth >= Py_GetRecursionLimit()) {
        PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded");
        return NULL;
    }
    size_t nslots = (size_t)code->co_nregs + (size_t)code->co_ncells + (size_t)code->co_nfree;
    Chunk *chunk;
    PyrsFrame *f = arena_alloc(sizeof(PyrsFrame) + nslots * sizeof(PyObject *), &chunk);
    if (f == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    f->chunk = chunk;
    f->gen = NULL;
    f->ret_reg = 0;
    f->yield_reg = 0;
    f->func = Py_XNewRef(func);
    f->globals = Py_NewRef(globals);
    f->builtins = pyrs_vm_frame_builtins(f);
    f->locals = Py_XNewRef(locals);
    f->code = (PyrsCodeObject *)Py_NewRef(code);
    f->frameobj = NULL;
    f->previous = top_iframe;
    pyrs_frame_set_next(f, 0);
    f->stacktop = -1;
    f->is_entry = 0;
    f->owner = FRAME_OWNED_BY_THREAD;
    f->is_init = 0;
    memset(f->regs, 0, nslots * sizeof(PyObject *));
    top_iframe = pyrs_frame_iframe(f);
    depth++;
    return f;
}

static int make_cells(PyrsFrame *f, PyFunctionObject *fn);

PyrsFrame *
pyrs_frame_push_call(PyObject *func, PyObject **args, int nargs)
{
    PyFunctionObject *fn = (PyFunctionObject *)func;
    PyrsCodeObject *code = (PyrsCodeObject *)fn->func_code;
    PyrsThreadState *ts = pyrs_state_ext();
    if (ts->frame_depth >= ts->base.recursion_limit) { /* Py_GetRecursionLimit() */
        PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded");
        return NULL;
    }
    int nslots = code->co_nregs + code->co_ncells + code->co_nfree;
    Chunk *chunk;
    PyrsFrame *f = arena_alloc(sizeof(PyrsFrame) + (size_t)nslots * sizeof(PyObject *), &chunk);
    if (f == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    /* the caller's frame is read before any store through f, which the compiler cannot tell
     * apart from the thread state */
    f->previous = ts->base.root_cframe.current_frame;
    f->chunk = chunk;
    f->gen = NULL;
    f->ret_reg = 0;
    f->yield_reg = 0;
    f->func = Py_NewRef(func);
    f->globals = Py_NewRef(fn->func_globals);
    f->builtins = fn->func_builtins;
    f->locals = NULL;
    f->code = (PyrsCodeObject *)Py_NewRef(code);
    f->frameobj = NULL;
    pyrs_frame_set_next(f, 0);
    f->stacktop = -1;
    f->is_entry = 0;
    f->owner = FRAME_OWNED_BY_THREAD;
    f->is_init = 0;
    /* the arguments' references move into the parameters' registers (few: a plain loop, not
     * unrolled, whose set-up would cost more than the moves) */
#pragma clang loop vectorize(disable) interleave(disable) unroll(disable)
    for (int i = 0; i < nargs; i++) {
        f->regs[i] = args[i];
        args[i] = NULL;
    }
    for (int i = nargs; i < nslots; i++) {
        f->regs[i] = NULL;
    }
    ts->base.root_cframe.current_frame = pyrs_frame_iframe(f);
    ts->frame_depth++;
    if (code->co_ncells + code->co_nfree > 0 && make_cells(f, fn) < 0) {
        pyrs_frame_pop(f);
        return NULL;
    }
    return f;
}

static size_t
frame_slots(const PyrsFrame *f)
{
    return (size_t)f->code->co_nregs + (size_t)f->code->co_ncells + (size_t)f->code->co_nfree;
}

/* Releases the references F holds (registers first: their finalizers may still look at the
 * frame's code). */
static void
frame_release(PyrsFrame *f)
{
    if (f->frameobj != NULL) {
        pyrs_frameobj_detach(f);
    }
    size_t nslots = frame_slots(f);
    for (size_t i = 0; i < nslots; i++) {
        Py_CLEAR(f->regs[i]);
    }
    Py_CLEAR(f->func);
    Py_CLEAR(f->globals);
    Py_CLEAR(f->locals);
    Py_CLEAR(f->code);
}

/* Gives F's arena space back (F is the top frame, its references already gone or moved). */
static void
arena_release(PyrsFrame *f)
{
    Chunk *c = f->chunk;
    size_t used = (size_t)((char *)f - c->data);
    if (PYRS_MEM_SYSTEM) { /* valgrind: no stale copy of a reference makes a leak look reachable */
        memset(f, 0, c->used - used);
    }
    c->used = used;
    if (c->used == 0 && c->prev != NULL) {
        current_chunk = c->prev;
        PyMem_RawFree(c);
    }
}

void
pyrs_frame_pop(PyrsFrame *f)
{
    assert(pyrs_frame_iframe(f) == top_iframe);
    top_iframe = f->previous;
    depth--;
    frame_release(f);
    arena_release(f);
}

PyrsFrame *
pyrs_frame_detach(PyrsFrame *f)
{
    assert(pyrs_frame_iframe(f) == top_iframe);
    size_t bytes = sizeof(PyrsFrame) + frame_slots(f) * sizeof(PyObject *);
    PyrsFrame *h = PyMem_Malloc(bytes);
    if (h == NULL) {
        pyrs_frame_pop(f);
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(h, f, bytes);
    if (h->frameobj != NULL) {
        ((PyFrameObject *)h->frameobj)->f_frame = pyrs_frame_iframe(h);
    }
    h->previous = NULL;
    h->chunk = NULL;
    h->owner = FRAME_OWNED_BY_GENERATOR;
    top_iframe = f->previous;
    depth--;
    arena_release(f);
    return h;
}

int
pyrs_frame_link(PyrsFrame *f)
{
    if (depth >= pyrs_state_current->recursion_limit) { /* Py_GetRecursionLimit() */
        PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded");
        return -1;
    }
    f->previous = top_iframe;
    top_iframe = pyrs_frame_iframe(f);
    depth++;
    return 0;
}

void
pyrs_frame_unlink(PyrsFrame *f)
{
    assert(pyrs_frame_iframe(f) == top_iframe);
    top_iframe = f->previous;
    f->previous = NULL;
    depth--;
}

int
pyrs_frame_traverse(PyrsFrame *f, visitproc visit, void *arg)
{
    Py_VISIT(f->func);
    Py_VISIT((PyObject *)f->code);
    Py_VISIT(f->globals);
    Py_VISIT(f->locals);
    Py_VISIT(f->frameobj);
    size_t nslots = frame_slots(f);
    for (size_t i = 0; i < nslots; i++) {
        Py_VISIT(f->regs[i]);
    }
    return 0;
}

void
pyrs_frame_free(PyrsFrame *f)
{
    frame_release(f);
    PyMem_Free(f);
}

/* Adds the current values of cells CELLS (co_cellvars, then co_freevars of CO) to DICT. */
static int
locals_add_cells(PyrsCodeObject *co, PyObject *const *cells, PyObject *dict)
{
    for (int i = 0; i < co->co_ncells + co->co_nfree; i++) {
        PyObject *name = i < co->co_ncells ? PyTuple_GET_ITEM(co->co_cellvars, i)
                                           : PyTuple_GET_ITEM(co->co_freevars, i - co->co_ncells);
        PyObject *v = cells[i] != NULL ? PyCell_GET(cells[i]) : NULL;
        if (v != NULL && PyDict_SetItem(dict, name, v) < 0) {
            return -1;
        }
    }
    return 0;
}

PyObject *
pyrs_frame_locals_of(PyrsCodeObject *co, PyObject *const *vars, PyObject *const *cells)
{
    PyObject *d = PyDict_New();
    PyObject *names = co->co_varnames;
    for (Py_ssize_t i = 0; d != NULL && i < PyTuple_GET_SIZE(names); i++) {
        if (vars[i] != NULL && PyDict_SetItem(d, PyTuple_GET_ITEM(names, i), vars[i]) < 0) {
            Py_CLEAR(d);
        }
    }
    if (d != NULL && locals_add_cells(co, cells, d) < 0) {
        Py_CLEAR(d);
    }
    return d;
}

PyObject *
pyrs_frame_locals(PyrsFrame *f)
{
    if (f->locals != NULL) {
        return Py_NewRef(f->locals);
    }
    return pyrs_frame_locals_of(f->code, f->regs, f->regs + f->code->co_nregs);
}

/* ---- argument binding ------------------------------------------------------------------- */

static PyObject *
func_qualname(PyObject *func)
{
    return ((PyFunctionObject *)func)->func_qualname;
}

/* "f() takes 2 positional arguments but 3 were given" and its variants. */
static void
too_many_positional(PyObject *func, PyrsCodeObject *co, Py_ssize_t given, Py_ssize_t ndefaults,
                    Py_ssize_t kw_given)
{
    int argc = co->co_argcount;
    PyObject *takes;
    if (ndefaults > 0) {
        takes = PyUnicode_FromFormat("from %zd to %d positional arguments", argc - ndefaults, argc);
    } else {
        takes = PyUnicode_FromFormat("%d positional argument%s", argc, argc == 1 ? "" : "s");
    }
    if (takes == NULL) {
        return;
    }
    if (kw_given > 0) {
        PyErr_Format(PyExc_TypeError,
                     "%U() takes %U but %zd positional argument%s (and %zd keyword-only "
                     "argument%s) were given",
                     func_qualname(func), takes, given, given == 1 ? "" : "s", kw_given,
                     kw_given == 1 ? "" : "s");
    } else {
        PyErr_Format(PyExc_TypeError, "%U() takes %U but %zd %s given", func_qualname(func), takes,
                     given, given == 1 ? "was" : "were");
    }
    Py_DECREF(takes);
}

/* "f() missing 2 required positional arguments: 'a' and 'b'" (KIND: "positional" or
 * "keyword-only"), listing the parameters in [START, END) whose registers are still empty. */
static void
missing_arguments(PyObject *func, PyrsCodeObject *co, PyObject **regs, int start, int end,
                  const char *kind)
{
    PyObject *names = PyList_New(0);
    if (names == NULL) {
        return;
    }
    for (int i = start; i < end; i++) {
        if (regs[i] == NULL) {
            PyObject *r = PyObject_Repr(PyTuple_GET_ITEM(co->co_varnames, i));
            if (r == NULL || PyList_Append(names, r) < 0) {
                Py_XDECREF(r);
                Py_DECREF(names);
                return;
            }
            Py_DECREF(r);
        }
    }
    Py_ssize_t n = PyList_GET_SIZE(names);
    PyObject *text = NULL;
    if (n == 1) {
        text = Py_NewRef(PyList_GET_ITEM(names, 0));
    } else {
        PyObject *last = PyList_GET_ITEM(names, n - 1);
        PyObject *head = PyList_GetSlice(names, 0, n - 1);
        PyObject *sep = PyUnicode_FromString(", ");
        PyObject *joined = head && sep ? PyUnicode_Join(sep, head) : NULL;
        if (joined != NULL) {
            text = PyUnicode_FromFormat(n == 2 ? "%U and %U" : "%U, and %U", joined, last);
        }
        Py_XDECREF(head);
        Py_XDECREF(sep);
        Py_XDECREF(joined);
    }
    if (text != NULL) {
        PyErr_Format(PyExc_TypeError, "%U() missing %zd required %s argument%s: %U",
                     func_qualname(func), n, kind, n == 1 ? "" : "s", text);
        Py_DECREF(text);
    }
    Py_DECREF(names);
}

/* Index of keyword NAME among the parameters that accept keywords, or -1. */
static int
find_keyword(PyrsCodeObject *co, PyObject *name)
{
    int total = co->co_argcount + co->co_kwonlyargcount;
    for (int i = co->co_posonlyargcount; i < total; i++) {
        PyObject *p = PyTuple_GET_ITEM(co->co_varnames, i);
        if (p == name) {
            return i;
        }
    }
    for (int i = co->co_posonlyargcount; i < total; i++) {
        PyObject *p = PyTuple_GET_ITEM(co->co_varnames, i);
        int eq = PyUnicode_Compare(p, name);
        if (eq == 0) {
            return i;
        }
    }
    return -1;
}

/* TypeError naming every positional-only parameter of CO given among KWNAMES, as CPython's
 * message lists them; -1 when there was one (the error is set), 0 when none. */
static int
posonly_as_keyword(PyObject *func, PyrsCodeObject *co, PyObject *kwnames)
{
    PyObject *names = PyList_New(0);
    for (int p = 0; names != NULL && p < co->co_posonlyargcount; p++) {
        PyObject *pname = PyTuple_GET_ITEM(co->co_varnames, p);
        int found = PySequence_Contains(kwnames, pname);
        if (found < 0 || (found && PyList_Append(names, pname) < 0)) {
            Py_CLEAR(names);
        }
    }
    if (names == NULL) {
        return -1;
    }
    if (PyList_GET_SIZE(names) == 0) {
        Py_DECREF(names);
        return 0;
    }
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *joined = sep != NULL ? PyUnicode_Join(sep, names) : NULL;
    if (joined != NULL) {
        PyErr_Format(PyExc_TypeError,
                     "%U() got some positional-only arguments passed as keyword arguments: '%U'",
                     func_qualname(func), joined);
    }
    Py_XDECREF(sep);
    Py_XDECREF(joined);
    Py_DECREF(names);
    return -1;
}

/* Stores keyword argument NAME=VALUE; KWDICT receives unknown names when the function takes
 * **kwargs. */
static int
bind_keyword(PyrsFrame *f, PyObject *func, PyObject *name, PyObject *value, PyObject *kwdict)
{
    PyrsCodeObject *co = f->code;
    int idx = find_keyword(co, name);
    if (idx < 0) {
        if (kwdict != NULL) {
            return PyDict_SetItem(kwdict, name, value);
        }
        PyErr_Format(PyExc_TypeError, "%U() got an unexpected keyword argument '%S'",
                     func_qualname(func), name);
        return -1;
    }
    if (f->regs[idx] != NULL) {
        PyErr_Format(PyExc_TypeError, "%U() got multiple values for argument '%S'",
                     func_qualname(func), name);
        return -1;
    }
    f->regs[idx] = Py_NewRef(value);
    return 0;
}

/* Fills positional defaults and keyword-only defaults, then reports what is still missing. */
static int
fill_defaults(PyrsFrame *f, PyFunctionObject *fn)
{
    PyrsCodeObject *co = f->code;
    int argc = co->co_argcount;
    Py_ssize_t ndef = fn->func_defaults ? PyTuple_GET_SIZE(fn->func_defaults) : 0;
    for (int i = argc - (int)ndef; i < argc; i++) {
        if (i >= 0 && f->regs[i] == NULL) {
            f->regs[i] = Py_NewRef(PyTuple_GET_ITEM(fn->func_defaults, i - (argc - ndef)));
        }
    }
    for (int i = 0; i < argc; i++) {
        if (f->regs[i] == NULL) {
            missing_arguments((PyObject *)fn, co, f->regs, 0, argc, "positional");
            return -1;
        }
    }
    int kwend = argc + co->co_kwonlyargcount;
    for (int i = argc; i < kwend; i++) {
        if (f->regs[i] != NULL) {
            continue;
        }
        PyObject *name = PyTuple_GET_ITEM(co->co_varnames, i);
        PyObject *d =
            fn->func_kwdefaults ? PyDict_GetItemWithError(fn->func_kwdefaults, name) : NULL;
        if (d == NULL && PyErr_Occurred()) {
            return -1;
        }
        if (d != NULL) {
            f->regs[i] = Py_NewRef(d);
        }
    }
    for (int i = argc; i < kwend; i++) {
        if (f->regs[i] == NULL) {
            missing_arguments((PyObject *)fn, co, f->regs, argc, kwend, "keyword-only");
            return -1;
        }
    }
    return 0;
}

/* Cells for captured locals (holding the argument's value when the local is a parameter),
 * then the function's closure cells. */
static int
make_cells(PyrsFrame *f, PyFunctionObject *fn)
{
    PyrsCodeObject *co = f->code;
    PyObject **cells = f->regs + co->co_nregs;
    for (int i = 0; i < co->co_ncells; i++) {
        PyObject *init = NULL;
        if (co->co_cell2arg != NULL && co->co_cell2arg[i] >= 0) {
            init = f->regs[co->co_cell2arg[i]];
        }
        if ((cells[i] = PyCell_New(init)) == NULL) {
            return -1;
        }
    }
    for (int i = 0; i < co->co_nfree; i++) {
        cells[co->co_ncells + i] = Py_NewRef(PyTuple_GET_ITEM(fn->func_closure, i));
    }
    return 0;
}

int
pyrs_frame_bind_steal(PyrsFrame *f, PyObject *func, PyObject **args, Py_ssize_t nargs)
{
    PyrsCodeObject *co = f->code;
    int argc = co->co_argcount;
    if (nargs != argc || co->co_kwonlyargcount != 0 ||
        (co->co_flags & (CO_VARARGS | CO_VARKEYWORDS))) {
        return 0;
    }
    for (int i = 0; i < argc; i++) {
        f->regs[i] = args[i];
        args[i] = NULL;
    }
    if (co->co_ncells + co->co_nfree > 0 && make_cells(f, (PyFunctionObject *)func) < 0) {
        return -1;
    }
    return 1;
}

int
pyrs_frame_bind_args(PyrsFrame *f, PyObject *func, PyObject *const *args, Py_ssize_t nargs,
                     PyObject *kwnames)
{
    PyFunctionObject *fn = (PyFunctionObject *)func;
    PyrsCodeObject *co = f->code;
    int argc = co->co_argcount;
    if (kwnames == NULL && nargs == argc && co->co_kwonlyargcount == 0 &&
        !(co->co_flags & (CO_VARARGS | CO_VARKEYWORDS))) {
        /* the common exact positional call: nothing to check or fill */
        for (int i = 0; i < argc; i++) {
            f->regs[i] = Py_NewRef(args[i]);
        }
        return co->co_ncells + co->co_nfree > 0 ? make_cells(f, fn) : 0;
    }
    int total = argc + co->co_kwonlyargcount;
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    PyObject *kwdict = NULL;
    int slot = total;
    if (co->co_flags & CO_VARARGS) {
        Py_ssize_t extra = nargs > argc ? nargs - argc : 0;
        PyObject *t = PyTuple_New(extra);
        if (t == NULL) {
            return -1;
        }
        for (Py_ssize_t i = 0; i < extra; i++) {
            PyTuple_SET_ITEM(t, i, Py_NewRef(args[argc + i]));
        }
        f->regs[slot++] = t;
    } else if (nargs > argc) {
        Py_ssize_t ndef = fn->func_defaults ? PyTuple_GET_SIZE(fn->func_defaults) : 0;
        Py_ssize_t kwonly_given = 0;
        for (Py_ssize_t k = 0; k < nkw; k++) {
            int idx = find_keyword(co, PyTuple_GET_ITEM(kwnames, k));
            kwonly_given += idx >= argc;
        }
        too_many_positional(func, co, nargs, ndef, kwonly_given);
        return -1;
    }
    if (co->co_flags & CO_VARKEYWORDS) {
        if ((kwdict = PyDict_New()) == NULL) {
            return -1;
        }
        f->regs[slot] = kwdict;
    }
    Py_ssize_t npos = nargs < argc ? nargs : argc;
    for (Py_ssize_t i = 0; i < npos; i++) {
        f->regs[i] = Py_NewRef(args[i]);
    }
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *name = PyTuple_GET_ITEM(kwnames, k);
        int idx = find_keyword(co, name);
        if (idx < 0 && kwdict == NULL && co->co_posonlyargcount > 0 &&
            posonly_as_keyword(func, co, kwnames) < 0) {
            return -1;
        }
        if (bind_keyword(f, func, name, args[nargs + k], kwdict) < 0) {
            return -1;
        }
    }
    if (fill_defaults(f, fn) < 0) {
        return -1;
    }
    return make_cells(f, fn);
}

int
pyrs_frame_line(const PyrsFrame *f)
{
    Py_ssize_t lasti = pyrs_frame_lasti(f);
    return lasti < 0 ? f->code->co_firstlineno : pyrs_code_line(f->code, lasti);
}
