/* internal/pycore_frame.h: CPython 3.11's _PyInterpreterFrame, the per-call record extensions
 * (Cython, profilers, debuggers) reach through tstate->cframe->current_frame and
 * PyFrameObject.f_frame. In pyrs it is the CPython-visible part of every VM frame
 * (pyrs/frame.h): PyrsFrame lays out the same fields at the same offsets after its own header,
 * with the VM's registers where localsplus begins. */
#ifndef PYRS_INTERNAL_PYCORE_FRAME_H
#define PYRS_INTERNAL_PYCORE_FRAME_H

#include "Python.h"
#include "code.h"

#include <stdbool.h>

/* Who owns the memory of a frame (_PyInterpreterFrame.owner). */
enum _frameowner {
    FRAME_OWNED_BY_THREAD = 0,       /* the thread's frame stack (a running call) */
    FRAME_OWNED_BY_GENERATOR = 1,    /* a generator or coroutine (its heap frame) */
    FRAME_OWNED_BY_FRAME_OBJECT = 2, /* a frame object outliving its call */
};

typedef uint16_t _Py_CODEUNIT; /* CPython's instruction unit; pyrs's are PyrsInstr (64 bits) */

typedef struct _PyInterpreterFrame {
    PyFunctionObject *f_func; /* the running function (strong), NULL for module and class code */
    PyObject *f_globals;      /* the module namespace */
    PyObject *f_builtins;     /* the builtins dict (borrowed) */
    PyObject *f_locals;       /* the namespace of module/class code (strong), else NULL */
    PyCodeObject *f_code;     /* the code object (strong) */
    struct _frame *frame_obj; /* its frame object (PyFrameObject) once made (strong), or NULL */
    struct _PyInterpreterFrame *previous; /* the calling frame (of any C call too), or NULL */
    _Py_CODEUNIT *prev_instr; /* the last instruction started: in pyrs a PyrsInstr of the
                               * code's register array, one before it before the first */
    int stacktop;             /* values on the stack after the locals; -1 while executing, as
                               * CPython marks a running frame; pyrs frames have no value stack
                               * (temporaries are registers), so it is always -1 */
    bool is_entry;            /* returning from it leaves the C call that ran it */
    char owner;               /* enum _frameowner */
    PyObject *localsplus[1];  /* locals, then cells and free variables (pyrs: registers) */
} _PyInterpreterFrame;

#endif /* PYRS_INTERNAL_PYCORE_FRAME_H */
