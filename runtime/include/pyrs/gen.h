/* pyrs/gen.h: generator objects (runtime/genobject.c). A generator owns a suspended VM frame
 * on the heap; the dispatch loop (runtime/vm/eval.c) links it back onto the frame stack to
 * resume it, so resuming and `yield from` delegation never recurse in C. */
#ifndef PYRS_GEN_H
#define PYRS_GEN_H

#include "pyrs/frame.h"

typedef enum {
    PYRS_GEN_CREATED = 0, /* not started yet */
    PYRS_GEN_SUSPENDED,   /* stopped at a yield */
    PYRS_GEN_RUNNING,     /* its frame is on the frame stack */
    PYRS_GEN_CLOSED,      /* returned or raised: the frame is gone */
} PyrsGenState;

typedef struct {
    PyObject_HEAD
    PyrsFrame *gi_frame;      /* suspended heap frame (owned), NULL once closed */
    PyObject *gi_code;        /* the code object (owned) */
    PyObject *gi_name;        /* str (owned) */
    PyObject *gi_qualname;    /* str (owned) */
    PyObject *gi_weakreflist; /* weak references */
    PyObject *gi_exc_state;   /* exception being handled inside, kept while suspended */
    PyObject *gi_prev_exc;    /* the resumer's handled exception, kept while running */
    int gi_state;             /* PyrsGenState */
    int gi_delegating;        /* suspended inside `yield from` (at a SEND instruction) */
} PyrsGenObject;

PyAPI_DATA(PyTypeObject) PyGen_Type;
PyAPI_DATA(PyTypeObject) PyCoro_Type;
/* A generator or a coroutine: both run as resumable frames of the VM. */
#define PyrsGen_Check(op)  (Py_IS_TYPE((op), &PyGen_Type) || Py_IS_TYPE((op), &PyCoro_Type))
#define PyrsCoro_Check(op) Py_IS_TYPE((op), &PyCoro_Type)

/* What `await OBJ` iterates: a coroutine itself, else the iterator OBJ.__await__() returns,
 * with CPython's TypeErrors. New reference or NULL. */
PyObject *pyrs_gen_awaitable(PyObject *obj);

/* A generator (a coroutine for async def code) owning the top frame F (moved to the heap). New
 * reference, or NULL with an exception set (F is popped either way). */
PyObject *pyrs_gen_new_from_frame(PyrsFrame *f);

/* Links G's frame on top of the frame stack for resuming, storing VALUE (borrowed) in the
 * register of the pending yield and switching to the generator's handled exception. 0, or -1
 * with an exception (ValueError when running, TypeError for a non-None first send, ...). */
PYRS_MUST_CHECK int pyrs_gen_link(PyrsGenObject *g, PyObject *value);

/* The frame of G yielded: unlink it and restore the resumer's handled exception. */
void pyrs_gen_suspend(PyrsGenObject *g);

/* The frame of G returned or raised: unlink and free it; G is closed. */
void pyrs_gen_finish(PyrsGenObject *g);

/* Readies the generator type (called from pyrs_func_init). 0 or -1. */
PYRS_MUST_CHECK int pyrs_gen_init(void);

#endif /* PYRS_GEN_H */
