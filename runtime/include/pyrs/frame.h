/* pyrs/frame.h: VM frames and the thread's frame stack (runtime/vm/frame.c). Frames live in
 * a contiguous arena of chunks, never on the C stack, so Python calls do not recurse in C. */
#ifndef PYRS_FRAME_H
#define PYRS_FRAME_H

#include "internal/pycore_frame.h"
#include "pyrs/code.h"

#include <stddef.h>

/* A VM frame: a header only the VM reads, then CPython 3.11's _PyInterpreterFrame field for
 * field (internal/pycore_frame.h; the offsets are checked below), with the registers where
 * localsplus begins. Extensions see the frame at pyrs_frame_iframe(f): previous links those
 * parts (across C calls too), tstate->cframe->current_frame is the innermost and
 * PyFrameObject.f_frame the one of a frame object. */
typedef struct PyrsFrame {
    /* ---- VM-private header ---- */
    void *chunk;   /* arena chunk the frame was carved from, NULL on the heap */
    PyObject *gen; /* generator owning this heap frame (borrowed), else NULL */
    int ret_reg;   /* register of the caller receiving the result */
    int yield_reg; /* generator frames: register receiving the value sent in */
    /* ---- _PyInterpreterFrame ---- */
    PyObject *func;                       /* f_func: the function (owned), NULL for module and
                                           * class code */
    PyObject *globals;                    /* f_globals: module namespace (owned) */
    PyObject *builtins;                   /* f_builtins: the builtins dict (borrowed) */
    PyObject *locals;                     /* f_locals: class/module namespace for LOADNAME
                                           * (owned), or NULL */
    PyrsCodeObject *code;                 /* f_code: the code (owned) */
    PyObject *frameobj;                   /* frame_obj: its frame object (owned), or NULL */
    struct _PyInterpreterFrame *previous; /* the calling frame's CPython part, NULL at the
                                           * bottom (pyrs_frame_back gives the PyrsFrame) */
    const PyrsInstr *prev_instr;          /* the instruction running or last run (code->co_code
                                           * - 1 before the first); saved at every dispatch */
    int stacktop;                         /* -1: no value stack (see pycore_frame.h) */
    bool is_entry;                        /* returning from it leaves the C call that ran it */
    char owner;                           /* enum _frameowner: thread stack or generator */
    char is_init;     /* (in CPython's padding) runs __init__ for a CALL of a class: the caller's
                       * ret_reg holds the new instance, the result must be None and is dropped */
    PyObject *regs[]; /* localsplus: co_nregs registers, then co_ncells + co_nfree cells */
} PyrsFrame;

/* Where the CPython-visible part starts, and its fields at CPython 3.11's offsets. */
#define PYRS_FRAME_HEAD offsetof(PyrsFrame, func)
#define PYRS_FRAME_CHECK(ours, theirs)                                                             \
    _Static_assert(offsetof(PyrsFrame, ours) - PYRS_FRAME_HEAD ==                                  \
                       offsetof(_PyInterpreterFrame, theirs),                                      \
                   "PyrsFrame." #ours " is not at _PyInterpreterFrame." #theirs)
PYRS_FRAME_CHECK(func, f_func);
PYRS_FRAME_CHECK(globals, f_globals);
PYRS_FRAME_CHECK(builtins, f_builtins);
PYRS_FRAME_CHECK(locals, f_locals);
PYRS_FRAME_CHECK(code, f_code);
PYRS_FRAME_CHECK(frameobj, frame_obj);
PYRS_FRAME_CHECK(previous, previous);
PYRS_FRAME_CHECK(prev_instr, prev_instr);
PYRS_FRAME_CHECK(stacktop, stacktop);
PYRS_FRAME_CHECK(is_entry, is_entry);
PYRS_FRAME_CHECK(owner, owner);
PYRS_FRAME_CHECK(regs, localsplus);

/* The CPython-visible part of frame F (F non-NULL). */
static inline struct _PyInterpreterFrame *
pyrs_frame_iframe(PyrsFrame *f)
{
    return (struct _PyInterpreterFrame *)(void *)((char *)f + PYRS_FRAME_HEAD);
}

/* The VM frame whose CPython-visible part is IF, or NULL when IF is NULL. */
static inline PyrsFrame *
pyrs_frame_of(struct _PyInterpreterFrame *iframe)
{
    return iframe != NULL ? (PyrsFrame *)(void *)((char *)iframe - PYRS_FRAME_HEAD) : NULL;
}

/* The calling frame of F, or NULL at the bottom of the stack. */
static inline PyrsFrame *
pyrs_frame_back(const PyrsFrame *f)
{
    return pyrs_frame_of(f->previous);
}

/* The index in code->co_code of the instruction F runs (or last ran); -1 before the first. */
static inline Py_ssize_t
pyrs_frame_lasti(const PyrsFrame *f)
{
    return f->prev_instr - f->code->co_code;
}

/* Makes instruction index PC the next one F runs. */
static inline void
pyrs_frame_set_next(PyrsFrame *f, Py_ssize_t pc)
{
    f->prev_instr = (const PyrsInstr *)((uintptr_t)(f->code->co_code + pc) - sizeof(PyrsInstr));
}

/* Pushes a zeroed frame for CODE (borrowed; the frame takes its own references to CODE,
 * FUNC, GLOBALS and LOCALS) on top of the thread's frame stack. NULL with RecursionError
 * when the depth would exceed sys.getrecursionlimit(), MemoryError when out of memory. */
PyrsFrame *pyrs_frame_push(PyrsCodeObject *code, PyObject *func, PyObject *globals,
                           PyObject *locals);

/* Pushes a frame for a call of FUNC (a Python function, borrowed) whose code takes exactly
 * NARGS positional parameters and nothing else (no defaults used, no keyword-only, no *args
 * or **kwargs: the caller checks), moving the references out of ARGS[0 .. NARGS) (left
 * NULL) into the parameters, and creating the cells. The frame, or NULL with RecursionError
 * or MemoryError (the moved references are then released). Cannot run Python code. */
PyrsFrame *pyrs_frame_push_call(PyObject *func, PyObject **args, int nargs);

/* Releases every reference the top frame F holds and pops it. */
void pyrs_frame_pop(PyrsFrame *f);

/* The innermost running frame, or NULL. */
PyrsFrame *pyrs_frame_top(void);

/* The source line frame F is at: the line of the instruction running (prev_instr), or
 * the def line before the frame has started, as CPython reports f_lineno. */
int pyrs_frame_line(const PyrsFrame *f);

/* Current depth of Python frames (for the recursion limit). */
int pyrs_frame_depth(void);

/* Moves the top frame F off the arena into a heap block (a generator's suspended frame): its
 * references move with it and F is popped. The heap frame, or NULL with MemoryError (F is
 * then popped with its references released). */
PyrsFrame *pyrs_frame_detach(PyrsFrame *f);

/* Puts heap frame F on top of the frame stack (to resume it). 0, or -1 with RecursionError. */
PYRS_MUST_CHECK int pyrs_frame_link(PyrsFrame *f);

/* Takes heap frame F, which must be the top frame, off the frame stack again. */
void pyrs_frame_unlink(PyrsFrame *f);

/* Visits every reference frame F owns (its function, code, namespaces, frame object,
 * registers and cells) for a tp_traverse of the object owning F. Returns visit's result. */
int pyrs_frame_traverse(PyrsFrame *f, visitproc visit, void *arg);

/* Releases every reference of heap frame F (not linked) and frees it. */
void pyrs_frame_free(PyrsFrame *f);

/* The local variables of frame F as a dict (new reference): its namespace for module and
 * class code, else a snapshot of the bound locals and cells (CPython's locals()). */
PyObject *pyrs_frame_locals(PyrsFrame *f);

/* CPython's locals() dict of a function frame of CO from its values: VARS (one per
 * co_varnames, NULL when unbound) and CELLS (co_cellvars then co_freevars cells, or NULL). New
 * reference, or NULL. */
PyObject *pyrs_frame_locals_of(PyrsCodeObject *co, PyObject *const *vars, PyObject *const *cells);

/* The exact positional call of pyrs_frame_bind_args, moving the references out of ARGS (the
 * caller's argument registers, left NULL) instead of copying them. 1 when bound, 0 when the
 * call needs the general binding (nothing was moved), -1 with an exception set. */
PYRS_MUST_CHECK int pyrs_frame_bind_steal(PyrsFrame *f, PyObject *func, PyObject **args,
                                          Py_ssize_t nargs);

/* Binds ARGS (positional NARGS, then values for KWNAMES) to the parameters of FUNC's code in
 * frame F's registers, filling defaults, *args and **kwargs, and creating cells; CPython's
 * TypeErrors for bad calls. 0, or -1 with an exception set. */
PYRS_MUST_CHECK int pyrs_frame_bind_args(PyrsFrame *f, PyObject *func, PyObject *const *args,
                                         Py_ssize_t nargs, PyObject *kwnames);

/* Frees the frame arena whose top chunk is CHUNK (a finished thread's; no frame left on it). */
void pyrs_frame_stack_free(void *chunk);

#endif /* PYRS_FRAME_H */
