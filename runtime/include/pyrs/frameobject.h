/* pyrs/frameobject.h: frame objects (runtime/frameobject.c), materialised lazily for a VM frame
 * (sys._getframe, f_back, gi_frame). Live while the VM frame runs; when it finishes the object
 * keeps a snapshot (line, locals, f_back). The struct is CPython 3.11's PyFrameObject; where
 * CPython keeps a finished frame's data (_f_frame_data) pyrs keeps a PyrsFrameData. */
#ifndef PYRS_FRAMEOBJECT_H
#define PYRS_FRAMEOBJECT_H

#include "pyrs/frame.h"

typedef struct _frame {
    PyObject_HEAD
    struct _frame *f_back; /* caller's frame object once detached (owned), else NULL */
    struct _PyInterpreterFrame *f_frame; /* the running VM frame's CPython part
                                          * (pyrs_frame_of gives it), NULL once finished */
    PyObject *f_trace;                   /* tracing function (owned), or NULL */
    int f_lineno;                        /* the line once detached */
    char f_trace_lines;                  /* CPython's tracing flags (kept for layout) */
    char f_trace_opcodes;
    char f_fast_as_locals;
    PyObject *_f_frame_data[1]; /* start of the PyrsFrameData below (allocated with it) */
} PyFrameObject;

/* What a frame object knows besides CPython's head, stored from _f_frame_data on. */
typedef struct {
    PyObject *f_code;    /* code object (owned) */
    PyObject *f_globals; /* globals (owned) */
    PyObject *f_locals;  /* snapshot of the locals once detached (owned), else NULL */
    int f_lasti;         /* instruction offset once detached */
} PyrsFrameData;

#define PYRS_FRAME_DATA(fo) ((PyrsFrameData *)(void *)(fo)->_f_frame_data)

PyAPI_DATA(PyTypeObject) PyFrame_Type;

/* The frame object of VM frame F, created on first use (new reference), or NULL. */
PyObject *pyrs_frameobj_get(PyrsFrame *f);

/* VM frame F is finishing: its frame object (if any) takes a snapshot and lets go of it. */
void pyrs_frameobj_detach(PyrsFrame *f);

/* Readies the frame type. 0 or -1. */
PYRS_MUST_CHECK int pyrs_frameobj_init(void);

#endif /* PYRS_FRAMEOBJECT_H */
