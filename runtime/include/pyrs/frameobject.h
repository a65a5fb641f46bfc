/* pyrs/frameobject.h: frame objects (runtime/frameobject.c), materialised lazily for a VM frame
 * (sys._getframe, f_back, gi_frame). Live while the VM frame runs; when it finishes the object
 * keeps a snapshot (line, locals, f_back). The struct is CPython 3.11's PyFrameObject; where
 * CPython keeps a finished frame's data (_f_frame_data) pyrs keeps a PyrsFrameData, whose head
 * is a _PyInterpreterFrame owned by the frame object, as in CPython. */
#ifndef PYRS_FRAMEOBJECT_H
#define PYRS_FRAMEOBJECT_H

#include "pyrs/frame.h"

typedef struct _frame {
    PyObject_HEAD
    struct _frame *f_back; /* caller's frame object once detached (owned), else NULL */
    struct _PyInterpreterFrame *f_frame; /* the running VM frame's CPython part (pyrs_frame_of
                                          * gives it), else the PyrsFrameData below */
    PyObject *f_trace;                   /* tracing function (owned), or NULL */
    int f_lineno;                        /* the line once detached */
    char f_trace_lines;                  /* CPython's tracing flags (kept for layout) */
    char f_trace_opcodes;
    char f_fast_as_locals;
    PyObject *_f_frame_data[1]; /* start of the PyrsFrameData below (allocated with it) */
} PyFrameObject;

/* What a frame object knows besides CPython's head, stored from _f_frame_data on: a
 * _PyInterpreterFrame field for field (owner FRAME_OWNED_BY_FRAME_OBJECT; f_frame points here
 * once the VM frame has finished, or for PyFrame_New's frames), without localsplus. */
typedef struct {
    PyObject *f_func;            /* the function once detached (owned), else NULL */
    PyObject *f_globals;         /* globals (owned) */
    PyObject *f_builtins;        /* the builtins dict (borrowed) */
    PyObject *f_locals;          /* snapshot of the locals once detached (owned), else NULL */
    PyObject *f_code;            /* code object (owned) */
    PyObject *frame_obj;         /* the frame object itself (not a reference) */
    void *previous;              /* NULL: a finished frame has no caller */
    const PyrsInstr *prev_instr; /* the last instruction run (co_code - 1: none) */
    int stacktop;                /* 0: no localsplus entries are kept */
    bool is_entry;               /* false */
    char owner;                  /* FRAME_OWNED_BY_FRAME_OBJECT */
    int f_lasti;                 /* instruction offset once detached (pyrs's own from here) */
    PyObject *f_snapshot;        /* the locals once detached (owned), else NULL */
} PyrsFrameData;

#define PYRS_FRAME_DATA_CHECK(f)                                                                   \
    _Static_assert(offsetof(PyrsFrameData, f) == offsetof(_PyInterpreterFrame, f),                 \
                   "PyrsFrameData." #f)
PYRS_FRAME_DATA_CHECK(f_func);
PYRS_FRAME_DATA_CHECK(f_globals);
PYRS_FRAME_DATA_CHECK(f_builtins);
PYRS_FRAME_DATA_CHECK(f_locals);
PYRS_FRAME_DATA_CHECK(f_code);
PYRS_FRAME_DATA_CHECK(frame_obj);
PYRS_FRAME_DATA_CHECK(previous);
PYRS_FRAME_DATA_CHECK(prev_instr);
PYRS_FRAME_DATA_CHECK(stacktop);
PYRS_FRAME_DATA_CHECK(is_entry);
PYRS_FRAME_DATA_CHECK(owner);

#define PYRS_FRAME_DATA(fo) ((PyrsFrameData *)(void *)(fo)->_f_frame_data)

PyAPI_DATA(PyTypeObject) PyFrame_Type;

/* A frame object for CODE run in GLOBALS (both borrowed; LOCALS, borrowed, may be NULL) that
 * is not running: its f_frame is its own data (PyFrame_New's frames, and the base of
 * pyrs_frameobj_get's). New reference, or NULL with MemoryError. */
PyFrameObject *pyrs_frameobj_new(PyObject *code, PyObject *globals, PyObject *locals);

/* The frame object of VM frame F, created on first use (new reference), or NULL. */
PyObject *pyrs_frameobj_get(PyrsFrame *f);

/* VM frame F is finishing: its frame object (if any) takes a snapshot and lets go of it. */
void pyrs_frameobj_detach(PyrsFrame *f);

/* Readies the frame type. 0 or -1. */
PYRS_MUST_CHECK int pyrs_frameobj_init(void);

#endif /* PYRS_FRAMEOBJECT_H */
