/* pystate.h: interpreter and thread state. PyThreadState has CPython 3.11's field layout
 * (extensions read interp, curexc_*, exc_info, recursion_remaining at fixed offsets); the
 * interpreter state is our own (opaque to extensions, as in CPython). */
#ifndef PYRS_PYSTATE_H
#define PYRS_PYSTATE_H

#include "pyrs/port.h"

typedef struct _is PyInterpreterState;
typedef struct _ts PyThreadState;
struct _frame;
struct _PyInterpreterFrame;
struct PyCodeObject;
struct _PyStackChunk;

typedef int (*Py_tracefunc)(PyObject *, struct _frame *, int, PyObject *);

/* Trace/profile event kinds. */
#define PyTrace_CALL        0
#define PyTrace_EXCEPTION   1
#define PyTrace_LINE        2
#define PyTrace_RETURN      3
#define PyTrace_C_CALL      4
#define PyTrace_C_EXCEPTION 5
#define PyTrace_C_RETURN    6
#define PyTrace_OPCODE      7

/* The per-C-call frame record (3.11 _PyCFrame). */
typedef struct _PyCFrame {
    uint8_t use_tracing;                       /* nonzero when a trace function is set */
    struct _PyInterpreterFrame *current_frame; /* innermost Python frame */
    struct _PyCFrame *previous;                /* enclosing record */
} _PyCFrame;

/* One level of the "exception being handled" stack (sys.exc_info()). In 3.11 only the
 * exception instance is stored; type and traceback derive from it. */
typedef struct _err_stackitem {
    PyObject *exc_value;                  /* handled exception or NULL/None */
    struct _err_stackitem *previous_item; /* outer level (generators push their own) */
} _PyErr_StackItem;

/* Line-table cursor cached for tracing (opaque; only its size matters for the layout). */
typedef struct {
    struct PyCodeObject *code; /* code being traced */
    struct {
        int ar_start; /* first byte offset */
        int ar_end;   /* end byte offset */
        int ar_line;  /* line number */
        struct {
            int computed_line;      /* current line */
            const uint8_t *lo_next; /* next line-table entry */
            const uint8_t *limit;   /* end of the line table */
        } opaque;
    } bounds;
} PyTraceInfo;

struct _ts {
    PyThreadState *prev;                   /* previous thread of the interpreter */
    PyThreadState *next;                   /* next thread of the interpreter */
    PyInterpreterState *interp;            /* owning interpreter */
    int _initialized;                      /* set once initialisation finished */
    int _static;                           /* statically allocated (the main thread) */
    int recursion_remaining;               /* calls left before RecursionError */
    int recursion_limit;                   /* sys.getrecursionlimit() */
    int recursion_headroom;                /* extra depth granted while handling the error */
    int tracing;                           /* nonzero while a trace/profile hook runs */
    int tracing_what;                      /* event being traced */
    _PyCFrame *cframe;                     /* current C frame record */
    Py_tracefunc c_profilefunc;            /* sys.setprofile hook */
    Py_tracefunc c_tracefunc;              /* sys.settrace hook */
    PyObject *c_profileobj;                /* profile hook's object */
    PyObject *c_traceobj;                  /* trace hook's object */
    PyObject *curexc_type;                 /* raised exception: type */
    PyObject *curexc_value;                /* raised exception: value */
    PyObject *curexc_traceback;            /* raised exception: traceback */
    _PyErr_StackItem *exc_info;            /* top of the handled-exception stack */
    PyObject *dict;                        /* PyThreadState_GetDict() */
    int gilstate_counter;                  /* PyGILState_Ensure nesting */
    PyObject *async_exc;                   /* exception to raise asynchronously */
    unsigned long thread_id;               /* pthread id of the owner */
    unsigned long native_thread_id;        /* kernel thread id */
    int trash_delete_nesting;              /* trashcan depth */
    PyObject *trash_delete_later;          /* objects awaiting trashcan deallocation */
    void (*on_delete)(void *);             /* _thread lock release hook */
    void *on_delete_data;                  /* its argument */
    int coroutine_origin_tracking_depth;   /* sys.set_coroutine_origin_tracking_depth */
    PyObject *async_gen_firstiter;         /* sys.set_asyncgen_hooks firstiter */
    PyObject *async_gen_finalizer;         /* sys.set_asyncgen_hooks finalizer */
    PyObject *context;                     /* current contextvars.Context */
    uint64_t context_ver;                  /* bumped on every context switch */
    uint64_t id;                           /* unique thread-state id */
    PyTraceInfo trace_info;                /* tracing cursor */
    struct _PyStackChunk *datastack_chunk; /* frame-stack chunk in use */
    PyObject **datastack_top;              /* first free slot of the frame stack */
    PyObject **datastack_limit;            /* end of the chunk */
    _PyErr_StackItem exc_state;            /* the thread's base handled-exception level */
    _PyCFrame root_cframe;                 /* the bottom C frame record */
};

#define PY_MAX_RECURSION_LIMIT_DEFAULT 1000

/* The thread state of the calling thread; PyThreadState_Get is fatal if there is none,
 * _PyThreadState_UncheckedGet returns NULL then. Borrowed. */
PyAPI_FUNC(PyThreadState *) PyThreadState_Get(void);
PyAPI_FUNC(PyThreadState *) _PyThreadState_UncheckedGet(void);
#define PyThreadState_GET() PyThreadState_Get()
/* Make TSTATE current (may be NULL); returns the previous one. */
PyAPI_FUNC(PyThreadState *) PyThreadState_Swap(PyThreadState *tstate);
/* Per-thread dict (borrowed); NULL without exception if there is no thread state. */
PyAPI_FUNC(PyObject *) PyThreadState_GetDict(void);
/* TSTATE's dict (borrowed), created on demand; NULL with MemoryError. */
PyAPI_FUNC(PyObject *) _PyThreadState_GetDict(PyThreadState *tstate);
PyAPI_FUNC(PyInterpreterState *) PyThreadState_GetInterpreter(PyThreadState *tstate);
PyAPI_FUNC(uint64_t) PyThreadState_GetID(PyThreadState *tstate);
PyAPI_FUNC(struct _frame *) PyThreadState_GetFrame(PyThreadState *tstate);
PyAPI_FUNC(PyThreadState *) PyThreadState_New(PyInterpreterState *interp);
PyAPI_FUNC(void) PyThreadState_Clear(PyThreadState *tstate);
PyAPI_FUNC(void) PyThreadState_Delete(PyThreadState *tstate);
PyAPI_FUNC(int) PyThreadState_SetAsyncExc(unsigned long id, PyObject *exc);
PyAPI_FUNC(void) PyThreadState_EnterTracing(PyThreadState *tstate);
PyAPI_FUNC(void) PyThreadState_LeaveTracing(PyThreadState *tstate);
PyAPI_FUNC(PyThreadState *) PyInterpreterState_ThreadHead(PyInterpreterState *interp);
PyAPI_FUNC(PyThreadState *) PyThreadState_Next(PyThreadState *tstate);

/* The interpreter (only the main one exists). */
PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Get(void);
PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Main(void);
PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Head(void);
PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Next(PyInterpreterState *interp);
PyAPI_FUNC(int64_t) PyInterpreterState_GetID(PyInterpreterState *interp);
/* Interpreter-wide dict for extension state (borrowed, created on demand; NULL on error). */
PyAPI_FUNC(PyObject *) PyInterpreterState_GetDict(PyInterpreterState *interp);

/* The GIL (runtime/ceval_gil.c). Ensure makes the calling OS thread hold the GIL with a
 * thread state (created for a thread the runtime never saw) and says whether it held it
 * already; Release undoes one Ensure. Check: 1 when the calling thread holds the GIL. */
typedef enum { PyGILState_LOCKED, PyGILState_UNLOCKED } PyGILState_STATE;
PyAPI_FUNC(PyGILState_STATE) PyGILState_Ensure(void);
PyAPI_FUNC(void) PyGILState_Release(PyGILState_STATE state);
PyAPI_FUNC(PyThreadState *) PyGILState_GetThisThreadState(void);
PyAPI_FUNC(int) PyGILState_Check(void);
/* SaveThread releases the GIL and returns the caller's thread state (borrowed; the thread
 * must not touch Python objects until RestoreThread gives it back). Restore blocks until the
 * GIL is free; a non-main thread exits there once the runtime is being finalized. */
PyAPI_FUNC(PyThreadState *) PyEval_SaveThread(void);
PyAPI_FUNC(void) PyEval_RestoreThread(PyThreadState *tstate);
PyAPI_FUNC(void) PyEval_AcquireThread(PyThreadState *tstate);
PyAPI_FUNC(void) PyEval_ReleaseThread(PyThreadState *tstate);
PyAPI_FUNC(void) PyEval_InitThreads(void);
PyAPI_FUNC(int) PyEval_ThreadsInitialized(void);
/* Schedules FUNC(ARG) to run in the main thread at its next eval-breaker check; 0, or -1
 * when the queue is full. Callable without the GIL. */
PyAPI_FUNC(int) Py_AddPendingCall(int (*func)(void *), void *arg);
/* Runs the scheduled calls and signal handlers now (main thread); 0, or -1 with the error. */
PyAPI_FUNC(int) Py_MakePendingCalls(void);
#define Py_BEGIN_ALLOW_THREADS                                                                     \
    {                                                                                              \
        PyThreadState *_save;                                                                      \
        _save = PyEval_SaveThread();
#define Py_BLOCK_THREADS   PyEval_RestoreThread(_save);
#define Py_UNBLOCK_THREADS _save = PyEval_SaveThread();
#define Py_END_ALLOW_THREADS                                                                       \
    PyEval_RestoreThread(_save);                                                                   \
    }

/* Recursion accounting: 0, or -1 with RecursionError "maximum recursion depth exceeded"
 * followed by WHERE (may be ""). Each successful Enter needs one Leave. */
PyAPI_FUNC(int) Py_EnterRecursiveCall(const char *where);
PyAPI_FUNC(void) Py_LeaveRecursiveCall(void);
PyAPI_FUNC(int) _Py_CheckRecursiveCall(PyThreadState *tstate, const char *where);
/* sys.getrecursionlimit / setrecursionlimit primitives (the setter does not validate). */
PyAPI_FUNC(int) Py_GetRecursionLimit(void);
PyAPI_FUNC(void) Py_SetRecursionLimit(int limit);

/* ---- OS threads for C code (CPython's pythread.h; stdlib/_threadmodule.c) ---- */

/* A lock (a POSIX semaphore); none of these calls touches the GIL. */
typedef void *PyThread_type_lock;
typedef enum PyLockStatus { PY_LOCK_FAILURE = 0, PY_LOCK_ACQUIRED = 1, PY_LOCK_INTR } PyLockStatus;
#define WAIT_LOCK                  1
#define NOWAIT_LOCK                0
#define PY_TIMEOUT_MAX             9223372036854775LL /* microseconds */
#define PYTHREAD_INVALID_THREAD_ID ((unsigned long)-1)

PyAPI_FUNC(void) PyThread_init_thread(void);
/* Runs FUNC(ARG) on a new detached OS thread (without a thread state); its ident, or
 * PYTHREAD_INVALID_THREAD_ID. */
PyAPI_FUNC(unsigned long) PyThread_start_new_thread(void (*func)(void *), void *arg);
PyAPI_FUNC(void) PyThread_exit_thread(void) PYRS_NORETURN;
PyAPI_FUNC(unsigned long) PyThread_get_thread_ident(void);
PyAPI_FUNC(unsigned long) PyThread_get_thread_native_id(void);
/* A new unlocked lock, or NULL. */
PyAPI_FUNC(PyThread_type_lock) PyThread_allocate_lock(void);
PyAPI_FUNC(void) PyThread_free_lock(PyThread_type_lock lock);
/* WAITFLAG 1 blocks until acquired; 0 only tries. 1 acquired, else 0. */
PyAPI_FUNC(int) PyThread_acquire_lock(PyThread_type_lock lock, int waitflag);
/* Waits at most MICROSECONDS (-1: forever, 0: no wait); INTR_FLAG: a signal ends the wait
 * with PY_LOCK_INTR. */
PyAPI_FUNC(PyLockStatus) PyThread_acquire_lock_timed(PyThread_type_lock lock,
                                                     long long microseconds, int intr_flag);
PyAPI_FUNC(void) PyThread_release_lock(PyThread_type_lock lock);
/* Stack size of threads started from now on (0: the system's default); set: 0, or -1 when
 * SIZE is invalid. */
PyAPI_FUNC(size_t) PyThread_get_stacksize(void);
PyAPI_FUNC(int) PyThread_set_stacksize(size_t size);

/* Thread-specific storage (PEP 539). */
typedef struct {
    int _is_initialized; /* create succeeded */
    unsigned int _key;   /* the pthread key */
} Py_tss_t;
#define Py_tss_NEEDS_INIT                                                                          \
    {                                                                                              \
        0                                                                                          \
    }
PyAPI_FUNC(Py_tss_t *) PyThread_tss_alloc(void);
PyAPI_FUNC(void) PyThread_tss_free(Py_tss_t *key);
PyAPI_FUNC(int) PyThread_tss_is_created(Py_tss_t *key);
PyAPI_FUNC(int) PyThread_tss_create(Py_tss_t *key);
PyAPI_FUNC(void) PyThread_tss_delete(Py_tss_t *key);
PyAPI_FUNC(int) PyThread_tss_set(Py_tss_t *key, void *value);
PyAPI_FUNC(void *) PyThread_tss_get(Py_tss_t *key);

#endif /* PYRS_PYSTATE_H */
