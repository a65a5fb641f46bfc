/* pyrs/gil.h: the global interpreter lock and the eval breaker (runtime/ceval_gil.c), as
 * CPython 3.11's Python/ceval_gil.h: one thread at a time runs Python code; a waiting thread
 * asks the holder to let go after sys.getswitchinterval() through the eval breaker, a flag
 * the VM tests at backward jumps and calls. */
#ifndef PYRS_GIL_H
#define PYRS_GIL_H

#include "Python.h"

/* The VM's eval breaker (pyrs_eval_breaker, runtime/vm/eval.c) is set here when a GIL drop
 * request, a signal, a pending call or an asynchronous exception waits; the VM then calls
 * pyrs_eval_handle_breaker, which calls pyrs_gil_handle_breaker. */

/* Creates the GIL and gives it to TSTATE (the main thread at start-up). */
void pyrs_gil_init(PyThreadState *tstate);

/* Serves the eval breaker for the current thread: runs pending calls and signal handlers
 * (main thread only), lets another thread take the GIL when asked, raises an asynchronous
 * exception. 0, or -1 with an exception set. Runs Python code; other threads run meanwhile. */
PYRS_MUST_CHECK int pyrs_gil_handle_breaker(void);

/* Async-signal-safe: marks a received signal for the eval breaker. */
void pyrs_gil_signal_received(void);

/* Ends the current thread state (cleared already): unlinks and frees it and releases the
 * GIL. The caller's thread runs no Python code afterwards. */
void pyrs_gil_delete_current(void);

/* Re-evaluates the eval breaker (after PyThreadState_SetAsyncExc). */
void pyrs_gil_recompute(void);

/* 1 in the thread that runs signal handlers (the main thread), else 0. */
int pyrs_gil_is_main_thread(void);

/* The switch interval in seconds (sys.getswitchinterval / setswitchinterval; > 0). */
double pyrs_gil_get_interval(void);
void pyrs_gil_set_interval(double seconds);

/* Interpreter shutdown, called by the main thread holding the GIL: wait_for_shutdown runs
 * threading._shutdown() (joins non-daemon threads; errors are reported as unraisable);
 * set_finalizing makes every other thread exit when it next tries to take the GIL. */
void pyrs_gil_wait_for_shutdown(void);
void pyrs_gil_set_finalizing(void);

/* 1 once set_finalizing ran (CPython's _Py_IsFinalizing), else 0. */
int pyrs_gil_is_finalizing(void);

/* In the child of fork(): a fresh GIL held by the calling thread, which becomes the main
 * thread; the thread states of the parent's other threads are dropped. */
void pyrs_gil_after_fork_child(void);

/* Module import locks, as importlib's per-module locks: pyrs_gil_import_lock takes the lock
 * for module NAME (re-entrant; waits without the GIL while another thread imports it) and
 * returns a handle for pyrs_gil_import_unlock; *ACQUIRED is 0 when waiting would deadlock
 * (a circular import across threads: the caller goes on without it). NULL with MemoryError.
 * must_lock: 1 when MODULE, found in sys.modules, may still be initializing in another
 * thread (its __spec__._initializing is true while other threads exist), else 0. */
void *pyrs_gil_import_lock(PyObject *name, int *acquired);
void pyrs_gil_import_unlock(void *lock, int acquired);
int pyrs_gil_import_must_lock(PyObject *module);

/* The interpreter's global import lock (_imp.acquire_lock, lock_held, release_lock): acquire
 * waits without the GIL while another thread holds it (re-entrant); release returns -1
 * without an exception when this thread does not hold it; held says whether any thread
 * does. None of them runs Python code. */
void pyrs_gil_global_import_acquire(void);
int pyrs_gil_global_import_release(void);
int pyrs_gil_global_import_held(void);

#endif /* PYRS_GIL_H */
