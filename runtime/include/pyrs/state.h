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
};

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

#endif /* PYRS_STATE_H */
