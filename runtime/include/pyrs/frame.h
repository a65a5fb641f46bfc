/* pyrs/frame.h: VM frames and the thread's frame stack (runtime/vm/frame.c). Frames live in
 * a contiguous arena of chunks, never on the C stack, so Python calls do not recurse in C. */
#ifndef PYRS_FRAME_H
#define PYRS_FRAME_H

#include "pyrs/code.h"

typedef struct PyrsFrame {
    struct PyrsFrame *back; /* the calling frame, NULL at the bottom */
    PyObject *func;         /* the running function (owned), NULL for module/class code */
    PyrsCodeObject *code;   /* the code (owned) */
    PyObject *globals;      /* module namespace (owned) */
    PyObject *locals;       /* class/module namespace for LOADNAME (owned), or NULL */
    Py_ssize_t pc;          /* next instruction; saved before anything that can re-enter */
    int ret_reg;            /* register of the caller receiving the result */
    int is_entry;           /* returning from it leaves the C call that ran it */
    int yield_reg;          /* generator frames: register receiving the value sent in */
    int is_init;            /* runs __init__ for a CALL of a class: the caller's ret_reg holds
                             * the new instance, the result must be None and is dropped */
    PyObject *gen;          /* generator owning this heap frame (borrowed), else NULL */
    PyObject *frameobj;     /* its frame object once materialised (owned), else NULL */
    void *chunk;            /* arena chunk the frame was carved from, NULL on the heap */
    PyObject *regs[];       /* co_nregs registers, then co_ncells + co_nfree cells */
} PyrsFrame;

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

/* The source line frame F is at: the line of the instruction running (pc points past it), or
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
