/* pyrs/frame.h: VM frames and the thread's frame stack (runtime/vm/frame.c). Frames live in
 * a contiguous arena of chunks, never on the C stack, so Python calls do not recurse in C. */
#ifndef PYRS_FRAME_H
#define PYRS_FRAME_H

#include "pyrs/code.h"

typedef struct PyrsFrame {
    struct PyrsFrame *back;  /* the calling frame, NULL at the bottom */
    PyObject *func;          /* the running function (owned), NULL for module/class code */
    PyrsCodeObject *code;    /* the code (owned) */
    PyObject *globals;       /* module namespace (owned) */
    PyObject *locals;        /* class/module namespace for LOADNAME (owned), or NULL */
    Py_ssize_t pc;           /* next instruction; saved before anything that can re-enter */
    int ret_reg;             /* register of the caller receiving the result */
    int is_entry;            /* returning from it leaves the C call that ran it */
    void *chunk;             /* arena chunk the frame was carved from */
    PyObject *regs[];        /* co_nregs registers, then co_ncells + co_nfree cells */
} PyrsFrame;

/* Pushes a zeroed frame for CODE (borrowed; the frame takes its own references to CODE,
 * FUNC, GLOBALS and LOCALS) on top of the thread's frame stack. NULL with RecursionError
 * when the depth would exceed sys.getrecursionlimit(), MemoryError when out of memory. */
PyrsFrame *pyrs_frame_push(PyrsCodeObject *code, PyObject *func, PyObject *globals,
                           PyObject *locals);

/* Releases every reference the top frame F holds and pops it. */
void pyrs_frame_pop(PyrsFrame *f);

/* The innermost running frame, or NULL. */
PyrsFrame *pyrs_frame_top(void);

/* Current depth of Python frames (for the recursion limit). */
int pyrs_frame_depth(void);

/* Binds ARGS (positional NARGS, then values for KWNAMES) to the parameters of FUNC's code in
 * frame F's registers, filling defaults, *args and **kwargs, and creating cells; CPython's
 * TypeErrors for bad calls. 0, or -1 with an exception set. */
PYRS_MUST_CHECK int pyrs_frame_bind_args(PyrsFrame *f, PyObject *func, PyObject *const *args,
                                          Py_ssize_t nargs, PyObject *kwnames);

#endif /* PYRS_FRAME_H */
