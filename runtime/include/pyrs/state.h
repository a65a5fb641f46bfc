/* pyrs/state.h: the interpreter state (our layout; extensions never see inside it) and the
 * internal accessors of pystate.c. */
#ifndef PYRS_STATE_H
#define PYRS_STATE_H

#include "Python.h"

struct _is {
    PyInterpreterState *next;   /* next interpreter (always NULL: one interpreter) */
    PyThreadState *tstate_head; /* first thread state */
    int64_t id;                 /* 0 for the main interpreter */
    PyObject *dict;             /* PyInterpreterState_GetDict, created on demand */
    PyObject *modules;          /* sys.modules (owned by the import system) */
    PyObject *sysdict;          /* sys.__dict__ */
    PyObject *builtins;         /* builtins.__dict__ */
    uint64_t next_tstate_id;    /* id for the next thread state */
    long num_threads;           /* threads started by _thread and still running (_count) */
    int recursion_limit;        /* sys.setrecursionlimit, given to new thread states */
};

struct PyrsFrame;

/* Every thread state is allocated as this larger record: CPython's public PyThreadState (whose
 * size the ABI fixes) followed by the per-thread state of the runtime's own areas. */
typedef struct {
    PyThreadState base;   /* what extensions see */
    void *frame_chunk;    /* runtime/vm/frame.c: the arena chunk holding the top frame */
    int frame_depth;      /* frame.c: Python frames on the stack */
    PyObject *repr_list;  /* object.c: objects whose repr is in progress (Py_ReprEnter) */
    PyObject *start_func; /* _thread: the started callable until the thread runs it */
} PyrsThreadState;

/* CPython's _PyRuntime (struct _PyRuntimeState, 166688 bytes in 3.11). Debian's lib-dynload
 * modules (_json, _ctypes, _asyncio, _lsprof, ...) load fields of it at fixed offsets: the
 * current thread state at +576 and the main interpreter at +56; the small-int singletons
 * at +680.. (ints -5..256, 32 bytes each) belong to the numbers area. Everything else is 0. */
#define PYRS_RUNTIME_SIZE               166688
#define PYRS_RUNTIME_MAIN_INTERP_OFFSET 56
#define PYRS_RUNTIME_TSTATE_OFFSET      576
typedef struct {
    unsigned char before_interp[PYRS_RUNTIME_MAIN_INTERP_OFFSET]; /* zero */
    PyInterpreterState *main_interp;                              /* interpreters.main */
    unsigned char before_tstate[PYRS_RUNTIME_TSTATE_OFFSET - PYRS_RUNTIME_MAIN_INTERP_OFFSET -
                                sizeof(void *)]; /* zero */
    PyThreadState *tstate_current;               /* gilstate.tstate_current */
    unsigned char rest[PYRS_RUNTIME_SIZE - PYRS_RUNTIME_TSTATE_OFFSET - sizeof(void *)];
} PyrsRuntimeState;
PyAPI_DATA(PyrsRuntimeState) _PyRuntime;

/* The current thread state, NULL before pyrs_state_init (no checks; hot path). It lives in
 * _PyRuntime so that modules reading gilstate.tstate_current see it. */
#define pyrs_state_current (_PyRuntime.tstate_current)

static inline PyThreadState *
pyrs_state_get(void)
{
    return pyrs_state_current;
}

/* The runtime's part of the current thread state (the thread holding the GIL). */
#define pyrs_state_ext() ((PyrsThreadState *)pyrs_state_current)

/* The thread state made for the calling OS thread (by start-up, _thread or
 * PyGILState_Ensure), whether or not it holds the GIL now; NULL for a foreign thread. */
PyThreadState *pyrs_state_this_thread(void);

/* Binds TSTATE to the calling OS thread (its ids and the thread-local slot above). */
void pyrs_state_bind(PyThreadState *tstate);

/* The main interpreter's thread state of the thread that started the runtime. */
PyThreadState *pyrs_state_main(void);

/* Unlinks TSTATE (cleared already) from the interpreter and frees it; it must not be the
 * current one. In a forked child, pyrs_state_delete_others does it for every thread state but
 * TSTATE without clearing them (their threads do not exist there). */
void pyrs_state_delete(PyThreadState *tstate);

/* sys._current_frames() (EXCEPTIONS 0: {thread id: innermost frame} of the threads running
 * Python code) or sys._current_exceptions() (1: {thread id: exc_info tuple of the exception
 * being handled} for every thread). New reference, or NULL with an exception. */
PyObject *pyrs_state_threads_dict(int exceptions);

/* The innermost Python frame of the thread whose ident (pthread_self) is IDENT, or NULL.
 * Takes no lock and needs no GIL (faulthandler's watchdog and signal handlers): the answer
 * is only stable while that thread is stopped or is the caller. */
struct PyrsFrame *pyrs_state_frame_top_of(unsigned long ident);
void pyrs_state_delete_others(PyThreadState *tstate);

#endif /* PYRS_STATE_H */
