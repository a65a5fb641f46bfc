/* stdlib/posix/ossignal.h: the signal machinery of stdlib/signalmodule.c as the rest of the
 * runtime sees it. The C handler only records the signal; Python handlers run later, in the
 * main thread, when the VM (between instructions) or a blocking call (on EINTR) asks. */
#ifndef PYRS_OSSIGNAL_H
#define PYRS_OSSIGNAL_H

#include <signal.h>

#include "Python.h"

/* Set by the C signal handler when some signal awaits its Python handler. */
extern volatile sig_atomic_t pyrs_signal_tripped;

/* 1 when a signal awaits its Python handler (a plain flag read, cheap enough for the eval
 * loop), else 0. */
static inline int
pyrs_signal_pending(void)
{
    return pyrs_signal_tripped != 0;
}

/* Runs the Python handlers of the signals received since the last call (main thread only;
 * elsewhere a no-op). 0, or -1 with the exception a handler raised (KeyboardInterrupt from
 * default_int_handler). Runs Python code. */
int pyrs_signal_run_handlers(void);

/* Start-up defaults as CPython's: SIGINT raises KeyboardInterrupt (unless inherited as
 * ignored), SIGPIPE and SIGXFSZ are ignored. Idempotent. 0, or -1 with an exception. */
int pyrs_signal_install_defaults(void);

/* Marks SIGNUM as received, as the C handler would (PyErr_SetInterruptEx). 0, or -1 when
 * SIGNUM is out of range. Async-signal-safe. */
int pyrs_signal_trip(int signum);

/* In a forked child: forget signals received by the parent. */
void pyrs_signal_after_fork_child(void);

/* ---- C-API names CPython declares in pylifecycle.h and intrcheck.h (no public header of
 * ours has them yet; implemented in signalmodule.c and posix/posix_proc.c). ---- */

typedef void (*PyOS_sighandler_t)(int);
/* The C handler installed for SIG (SIG_ERR on error, errno set). */
PyAPI_FUNC(PyOS_sighandler_t) PyOS_getsig(int sig);
/* Installs HANDLER for SIG with sigaction (SA_ONSTACK); returns the previous one or SIG_ERR. */
PyAPI_FUNC(PyOS_sighandler_t) PyOS_setsig(int sig, PyOS_sighandler_t handler);
/* 1 (and forgets it) when SIGINT arrived since the last check, else 0. Main thread only. */
PyAPI_FUNC(int) PyOS_InterruptOccurred(void);
/* The os.register_at_fork hooks around a fork() done by C code; they run Python code. */
PyAPI_FUNC(void) PyOS_BeforeFork(void);
PyAPI_FUNC(void) PyOS_AfterFork_Parent(void);
PyAPI_FUNC(void) PyOS_AfterFork_Child(void);
PyAPI_FUNC(void) PyOS_AfterFork(void);

#endif /* PYRS_OSSIGNAL_H */
