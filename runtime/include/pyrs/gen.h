/* pyrs/gen.h: generator objects (runtime/genobject.c). A generator owns a suspended VM frame
 * on the heap; the dispatch loop (runtime/vm/eval.c) links it back onto the frame stack to
 * resume it, so resuming and `yield from` delegation never recurse in C. */
#ifndef PYRS_GEN_H
#define PYRS_GEN_H

#include "genobject.h"
#include "pyrs/frame.h"

typedef enum {
    PYRS_GEN_CREATED = 0, /* not started yet */
    PYRS_GEN_SUSPENDED,   /* stopped at a yield */
    PYRS_GEN_RUNNING,     /* its frame is on the frame stack */
    PYRS_GEN_CLOSED,      /* returned or raised: the frame is gone */
} PyrsGenState;

/* The VM's view of every generator kind: CPython's PyGenObject head (genobject.h), with the
 * heap frame pointer where CPython embeds its frame, then pyrs's own state. The
 * _origin_or_finalizer slot holds a coroutine's cr_origin (the frames that created it under
 * sys.set_coroutine_origin_tracking_depth) or an async generator's finalizer hook; the
 * hooks_inited/closed/running_async flags are the async generator's (PEP 525). */
typedef struct {
    PyObject_HEAD
    PyObject *gi_code;
    PyObject *gi_weakreflist;
    PyObject *gi_name;
    PyObject *gi_qualname;
    _PyErr_StackItem gi_exc_state; /* pushed on the thread's stack while it runs */
    PyObject *gi_origin_or_finalizer;
    char gi_hooks_inited;
    char gi_closed;
    char gi_running_async;
    int8_t gi_state;     /* PyrsGenState (CPython's gi_frame_state slot) */
    PyrsFrame *gi_frame; /* suspended heap frame (owned), NULL once closed (gi_iframe slot) */
    int gi_delegating;   /* suspended inside `yield from` (at a SEND instruction) */
} PyrsGenObject;

/* An async generator (PEP 525): its yields reach asend()/athrow() awaitables wrapped
 * (pyrs_gen_wrap_value) so they can be told apart from what its awaits yield. */
typedef PyrsGenObject PyrsAsyncGenObject;
/* A generator or a coroutine: both run as resumable frames of the VM. */
#define PyrsGen_Check(op)      (Py_IS_TYPE((op), &PyGen_Type) || Py_IS_TYPE((op), &PyCoro_Type))
#define PyrsCoro_Check(op)     Py_IS_TYPE((op), &PyCoro_Type)
#define PyrsAsyncGen_Check(op) Py_IS_TYPE((op), &PyAsyncGen_Type)

/* co_flags of code whose call makes a generator object of some kind. */
#define PYRS_CO_GENLIKE (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)

/* The value an async generator's `yield V` hands to its resumer: V wrapped so asend() can
 * tell it from a value an inner await passes through. New reference, or NULL. */
PyObject *pyrs_gen_wrap_value(PyObject *v);

/* sys.get_asyncgen_hooks() / sys.set_asyncgen_hooks(firstiter=..., finalizer=...) as CPython
 * 3.11 defines them (for the sys module's method table). New reference / None, or NULL. */
PyObject *pyrs_gen_get_asyncgen_hooks(PyObject *self, PyObject *unused);
PyObject *pyrs_gen_set_asyncgen_hooks(PyObject *self, PyObject *args, PyObject *kwargs);

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
