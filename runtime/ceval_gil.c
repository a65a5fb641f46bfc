/* ceval_gil.c: the global interpreter lock, the eval breaker, pending calls and the GIL-state
 * API (PyEval_SaveThread, PyGILState_Ensure, ...), after CPython 3.11's Python/ceval_gil.h:
 * a mutex and condition variable, forced switching after the switch interval (5 ms), signal
 * handlers only in the main thread, other threads stopped at shutdown. */
#include "pyrs/gil.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "pyrs/eval.h"
#include "pyrs/state.h"
#include "../stdlib/posix/ossignal.h"

/* The lock itself. The holder's thread state is _PyRuntime's tstate_current. */
static struct {
    pthread_mutex_t mutex;        /* protects locked, switch_number */
    pthread_cond_t cond;          /* signalled when the GIL is released */
    pthread_mutex_t switch_mutex; /* protects last_holder for forced switching */
    pthread_cond_t switch_cond;   /* signalled when another thread took the GIL */
    int locked;                   /* held by some thread */
    unsigned long switch_number;  /* times the GIL changed hands */
    PyThreadState *last_holder;   /* the thread state that held it last */
} gil = {PTHREAD_MUTEX_INITIALIZER,
         PTHREAD_COND_INITIALIZER,
         PTHREAD_MUTEX_INITIALIZER,
         PTHREAD_COND_INITIALIZER,
         0,
         0,
         NULL};

static int drop_request;          /* a waiting thread asks the holder to let go */
static int signals_pending;       /* a signal arrived (set by the C handler) */
static long interval_us = 5000;   /* sys.getswitchinterval() in microseconds */
static pthread_t main_thread;     /* runs signal handlers and pending calls */
static PyThreadState *finalizing; /* the thread finalizing the runtime, else NULL */

#define LOAD(v)     __atomic_load_n(&(v), __ATOMIC_RELAXED)
#define STORE(v, x) __atomic_store_n(&(v), (x), __ATOMIC_RELAXED)

/* ---- pending calls (Py_AddPendingCall): run by the main thread ------------------------- */

#define NPENDING 32

static struct {
    pthread_mutex_t mutex;         /* protects the ring */
    int first, last;               /* ring indices: first to run, next free */
    int (*func[NPENDING])(void *); /* the calls */
    void *arg[NPENDING];           /* their arguments */
    int busy;                      /* Py_MakePendingCalls is running them */
} pending = {PTHREAD_MUTEX_INITIALIZER, 0, 0, {NULL}, {NULL}, 0};

static int
pending_check(void)
{
    pthread_mutex_lock(&pending.mutex);
    int any = pending.first != pending.last;
    pthread_mutex_unlock(&pending.mutex);
    return any;
}

/* ---- the eval breaker ------------------------------------------------------------------- */

int
pyrs_gil_is_main_thread(void)
{
    return pthread_equal(pthread_self(), main_thread);
}

/* Sets the breaker from the flags, as seen by TSTATE's thread (signals and pending calls
 * concern only the main thread). */
static void
recompute(PyThreadState *tstate)
{
    int main = pyrs_gil_is_main_thread();
    int v = LOAD(drop_request) || (main && (LOAD(signals_pending) || pyrs_signal_pending())) ||
            (main && pending_check()) || (tstate != NULL && tstate->async_exc != NULL);
    STORE(pyrs_eval_breaker, v);
}

void
pyrs_gil_recompute(void)
{
    STORE(pyrs_eval_breaker, 1); /* the holder re-evaluates at its next check */
}

void
pyrs_gil_signal_received(void)
{
    STORE(signals_pending, 1);
    STORE(pyrs_eval_breaker, 1);
}

/* ---- taking and releasing the lock ------------------------------------------------------ */

/* Whether TSTATE's thread must stop instead of running Python code: the runtime is being
 * finalized by another thread (daemon threads end there, as in CPython). */
static int
must_exit(PyThreadState *tstate)
{
    PyThreadState *fin = LOAD(finalizing);
    return fin != NULL && fin != tstate;
}

static void
thread_exit_now(void)
{
    pthread_exit(NULL);
}

static void
release_locked(PyThreadState *tstate)
{
    pthread_mutex_lock(&gil.mutex);
    if (tstate != NULL) {
        STORE(gil.last_holder, tstate);
    }
    STORE(gil.locked, 0);
    pthread_cond_signal(&gil.cond);
    pthread_mutex_unlock(&gil.mutex);
}

/* Releases the GIL held by TSTATE (NULL: a thread state that is going away). When another
 * thread asked for it, waits until that thread got it, so the asker really runs. */
static void
drop_gil(PyThreadState *tstate)
{
    release_locked(tstate);
    if (tstate != NULL && LOAD(drop_request)) {
        pthread_mutex_lock(&gil.switch_mutex);
        if (LOAD(gil.last_holder) == tstate) {
            STORE(drop_request, 0);
            pthread_cond_wait(&gil.switch_cond, &gil.switch_mutex);
        }
        pthread_mutex_unlock(&gil.switch_mutex);
    }
}

/* Waits on the GIL's condition for at most the switch interval; 1 when it timed out. */
static int
wait_interval(void)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    long us = LOAD(interval_us);
    deadline.tv_sec += us / 1000000;
    deadline.tv_nsec += (us % 1000000) * 1000;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    return pthread_cond_timedwait(&gil.cond, &gil.mutex, &deadline) == ETIMEDOUT;
}

/* Blocks until TSTATE's thread holds the GIL. A waiter that sees no switch within the
 * interval sets the drop request. Threads other than the finalizing one exit instead once
 * the runtime is being finalized. errno is preserved. */
static void
take_gil(PyThreadState *tstate)
{
    int saved_errno = errno;
    if (must_exit(tstate)) {
        thread_exit_now();
    }
    pthread_mutex_lock(&gil.mutex);
    while (LOAD(gil.locked)) {
        unsigned long seen = gil.switch_number;
        if (wait_interval() && LOAD(gil.locked) && gil.switch_number == seen) {
            STORE(drop_request, 1);
            STORE(pyrs_eval_breaker, 1);
        }
    }
    if (must_exit(tstate)) {
        /* leaving without the GIL: wake another waiter, and a dropper waiting for a switch */
        pthread_cond_signal(&gil.cond);
        pthread_mutex_unlock(&gil.mutex);
        pthread_mutex_lock(&gil.switch_mutex);
        pthread_cond_signal(&gil.switch_cond);
        pthread_mutex_unlock(&gil.switch_mutex);
        thread_exit_now();
    }
    pthread_mutex_lock(&gil.switch_mutex);
    STORE(gil.locked, 1);
    if (LOAD(gil.last_holder) != tstate) {
        STORE(gil.last_holder, tstate);
        gil.switch_number++;
    }
    pthread_cond_signal(&gil.switch_cond);
    pthread_mutex_unlock(&gil.switch_mutex);
    if (LOAD(drop_request)) {
        STORE(drop_request, 0);
    }
    recompute(tstate);
    pthread_mutex_unlock(&gil.mutex);
    errno = saved_errno;
}

void
pyrs_gil_init(PyThreadState *tstate)
{
    main_thread = pthread_self();
    take_gil(tstate);
}

/* ---- the eval breaker's handler --------------------------------------------------------- */

static int
run_pending_calls(void)
{
    if (pending.busy) {
        return 0; /* a pending call is running: no recursion */
    }
    pending.busy = 1;
    int r = 0;
    for (;;) {
        pthread_mutex_lock(&pending.mutex);
        int (*func)(void *) = NULL;
        void *arg = NULL;
        if (pending.first != pending.last) {
            func = pending.func[pending.first];
            arg = pending.arg[pending.first];
            pending.first = (pending.first + 1) % NPENDING;
        }
        pthread_mutex_unlock(&pending.mutex);
        if (func == NULL || (r = func(arg)) != 0) {
            break;
        }
    }
    pending.busy = 0;
    return r != 0 ? -1 : 0;
}

int
pyrs_gil_handle_breaker(void)
{
    PyThreadState *tstate = pyrs_state_current;
    int main = pyrs_gil_is_main_thread();
    if (main && pending_check() && run_pending_calls() < 0) {
        recompute(tstate);
        return -1;
    }
    if (LOAD(drop_request)) {
        PyThreadState_Swap(NULL);
        drop_gil(tstate);
        take_gil(tstate);
        PyThreadState_Swap(tstate);
    }
    if (main && LOAD(signals_pending)) {
        STORE(signals_pending, 0);
    }
    if (main && PyErr_CheckSignals() < 0) {
        recompute(tstate);
        return -1;
    }
    if (tstate->async_exc != NULL) {
        PyObject *exc = tstate->async_exc;
        tstate->async_exc = NULL;
        recompute(tstate);
        PyErr_SetNone(exc);
        Py_DECREF(exc);
        return -1;
    }
    recompute(tstate);
    return 0;
}

/* ---- public API: releasing the GIL around blocking calls -------------------------------- */

PyThreadState *
PyEval_SaveThread(void)
{
    PyThreadState *tstate = PyThreadState_Swap(NULL);
    if (tstate == NULL) {
        pyrs_fatal("PyEval_SaveThread: the function must be called with the GIL held, but the "
                   "GIL is released (the current Python thread state is NULL)");
    }
    drop_gil(tstate);
    return tstate;
}

void
PyEval_RestoreThread(PyThreadState *tstate)
{
    if (tstate == NULL) {
        pyrs_fatal("PyEval_RestoreThread: NULL tstate");
    }
    take_gil(tstate);
    PyThreadState_Swap(tstate);
}

void
PyEval_AcquireThread(PyThreadState *tstate)
{
    PyEval_RestoreThread(tstate);
}

void
PyEval_ReleaseThread(PyThreadState *tstate)
{
    PyThreadState *cur = PyThreadState_Swap(NULL);
    if (cur != tstate) {
        pyrs_fatal("PyEval_ReleaseThread: non-current thread state");
    }
    drop_gil(tstate);
}

void
PyEval_InitThreads(void)
{
    /* The GIL exists from start-up. */
}

int
PyEval_ThreadsInitialized(void)
{
    return 1;
}

void
pyrs_gil_delete_current(void)
{
    PyThreadState *tstate = PyThreadState_Swap(NULL);
    pyrs_state_delete(tstate);
    drop_gil(NULL);
}

/* ---- pending calls ---------------------------------------------------------------------- */

int
Py_AddPendingCall(int (*func)(void *), void *arg)
{
    pthread_mutex_lock(&pending.mutex);
    int next = (pending.last + 1) % NPENDING;
    int r = -1;
    if (next != pending.first) {
        pending.func[pending.last] = func;
        pending.arg[pending.last] = arg;
        pending.last = next;
        r = 0;
    }
    pthread_mutex_unlock(&pending.mutex);
    if (r == 0) {
        STORE(pyrs_eval_breaker, 1);
    }
    return r;
}

int
Py_MakePendingCalls(void)
{
    if (!pyrs_gil_is_main_thread()) {
        return 0;
    }
    if (run_pending_calls() < 0) {
        return -1;
    }
    return PyErr_CheckSignals();
}

/* ---- the GIL-state API: C code on any OS thread ----------------------------------------- */

PyGILState_STATE
PyGILState_Ensure(void)
{
    PyThreadState *tstate = pyrs_state_this_thread();
    if (tstate == NULL) {
        /* A thread the runtime has never seen: give it a thread state. */
        tstate = PyThreadState_New(PyInterpreterState_Main());
        if (tstate == NULL) {
            pyrs_fatal("Couldn't create thread-state for new thread");
        }
        pyrs_state_bind(tstate);
        tstate->gilstate_counter = 0;
    }
    int held = tstate == pyrs_state_current;
    if (!held) {
        PyEval_RestoreThread(tstate);
    }
    tstate->gilstate_counter++;
    return held ? PyGILState_LOCKED : PyGILState_UNLOCKED;
}

void
PyGILState_Release(PyGILState_STATE oldstate)
{
    PyThreadState *tstate = pyrs_state_this_thread();
    if (tstate == NULL || tstate != pyrs_state_current) {
        pyrs_fatal("PyGILState_Release: thread state must be current when releasing");
    }
    if (--tstate->gilstate_counter == 0) {
        /* The outermost Ensure of a foreign thread made this state: it goes away. */
        PyThreadState_Clear(tstate);
        pyrs_state_bind(NULL);
        pyrs_gil_delete_current();
    } else if (oldstate == PyGILState_UNLOCKED) {
        PyEval_SaveThread();
    }
}

PyThreadState *
PyGILState_GetThisThreadState(void)
{
    return pyrs_state_this_thread();
}

int
PyGILState_Check(void)
{
    PyThreadState *tstate = pyrs_state_this_thread();
    return tstate != NULL && tstate == pyrs_state_current;
}

/* ---- switch interval and shutdown ------------------------------------------------------- */

double
pyrs_gil_get_interval(void)
{
    return (double)LOAD(interval_us) / 1e6;
}

void
pyrs_gil_set_interval(double seconds)
{
    double us = seconds * 1e6;
    STORE(interval_us, us < 1 ? 1L : us > 1e12 ? 1000000000000L : (long)us);
}

void
pyrs_gil_wait_for_shutdown(void)
{
    PyObject *name = PyUnicode_FromString("threading");
    PyObject *threading = name != NULL ? PyImport_GetModule(name) : NULL;
    Py_XDECREF(name);
    if (threading == NULL) {
        if (PyErr_Occurred()) {
            PyErr_WriteUnraisable(NULL);
        }
        return; /* threading was never imported: no thread of it to wait for */
    }
    PyObject *r = PyObject_CallMethod(threading, "_shutdown", NULL);
    if (r == NULL) {
        PyErr_WriteUnraisable(threading);
    }
    Py_XDECREF(r);
    Py_DECREF(threading);
}

void
pyrs_gil_set_finalizing(void)
{
    STORE(finalizing, pyrs_state_current);
}

int
pyrs_gil_is_finalizing(void)
{
    return LOAD(finalizing) != NULL;
}

/* ---- per-module import locks (CPython's importlib._bootstrap._ModuleLock) --------------- */

/* One lock per module name being imported. Owner and count are guarded by import_mutex;
 * the list itself and the users count change only under the GIL. */
typedef struct ImportLock {
    struct ImportLock *next; /* next lock in use */
    PyObject *name;          /* module name (owned) */
    pthread_t owner;         /* holder, valid while count > 0 */
    long count;              /* re-entrant depth */
    int users;               /* threads holding or waiting for it: freed at 0 */
} ImportLock;

/* A thread blocked on a lock, for deadlock detection. */
typedef struct ImportWaiter {
    struct ImportWaiter *next; /* next blocked thread */
    pthread_t thread;          /* the blocked thread */
    ImportLock *lock;          /* what it waits for */
} ImportWaiter;

static pthread_mutex_t import_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t import_cond = PTHREAD_COND_INITIALIZER;
static ImportLock *import_locks;     /* locks in use (GIL) */
static ImportWaiter *import_waiters; /* blocked threads (import_mutex) */

/* The lock for NAME, created when missing, with one more user. NULL with MemoryError. */
static ImportLock *
import_lock_get(PyObject *name)
{
    for (ImportLock *l = import_locks; l != NULL; l = l->next) {
        int eq = PyUnicode_Compare(l->name, name);
        if (eq == 0) {
            l->users++;
            return l;
        }
    }
    ImportLock *l = PyMem_RawCalloc(1, sizeof(ImportLock));
    if (l == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    l->name = Py_NewRef(name);
    l->users = 1;
    l->next = import_locks;
    import_locks = l;
    return l;
}

static void
import_lock_put(ImportLock *l)
{
    if (--l->users > 0) {
        return;
    }
    for (ImportLock **p = &import_locks; *p != NULL; p = &(*p)->next) {
        if (*p == l) {
            *p = l->next;
            break;
        }
    }
    Py_DECREF(l->name);
    PyMem_RawFree(l);
}

/* Whether the calling thread waiting for L would wait forever: L's owner waits, through a
 * chain of owners, for a lock this thread holds (import_mutex held). */
static int
import_would_deadlock(ImportLock *l)
{
    pthread_t me = pthread_self();
    for (int steps = 0; l != NULL && l->count > 0 && steps < 1000; steps++) {
        if (pthread_equal(l->owner, me)) {
            return 1;
        }
        ImportLock *next = NULL;
        for (ImportWaiter *w = import_waiters; w != NULL; w = w->next) {
            if (pthread_equal(w->thread, l->owner)) {
                next = w->lock;
                break;
            }
        }
        l = next;
    }
    return 0;
}

/* Waits without the GIL until L is free or held by this thread (import_mutex held on entry
 * and exit). */
static void
import_wait(ImportLock *l)
{
    ImportWaiter me = {import_waiters, pthread_self(), l};
    import_waiters = &me;
    pthread_mutex_unlock(&import_mutex);
    PyThreadState *tstate = PyEval_SaveThread();
    pthread_mutex_lock(&import_mutex);
    while (l->count > 0 && !pthread_equal(l->owner, me.thread)) {
        pthread_cond_wait(&import_cond, &import_mutex);
    }
    for (ImportWaiter **p = &import_waiters; *p != NULL; p = &(*p)->next) {
        if (*p == &me) {
            *p = me.next;
            break;
        }
    }
    pthread_mutex_unlock(&import_mutex);
    PyEval_RestoreThread(tstate);
    pthread_mutex_lock(&import_mutex);
}

void *
pyrs_gil_import_lock(PyObject *name, int *acquired)
{
    *acquired = 0;
    ImportLock *l = import_lock_get(name);
    if (l == NULL) {
        return NULL;
    }
    pthread_mutex_lock(&import_mutex);
    for (;;) {
        if (l->count == 0 || pthread_equal(l->owner, pthread_self())) {
            l->owner = pthread_self();
            l->count++;
            *acquired = 1;
            break;
        }
        if (import_would_deadlock(l)) {
            break; /* as importlib: go on without the lock (a circular import across threads) */
        }
        import_wait(l);
    }
    pthread_mutex_unlock(&import_mutex);
    return l;
}

void
pyrs_gil_import_unlock(void *lock, int acquired)
{
    ImportLock *l = lock;
    if (acquired) {
        pthread_mutex_lock(&import_mutex);
        l->count--;
        pthread_cond_broadcast(&import_cond);
        pthread_mutex_unlock(&import_mutex);
    }
    import_lock_put(l);
}

/* The interpreter's import lock (_imp.acquire_lock; importlib holds it around each meta path
 * finder's find_spec): re-entrant, no deadlock detection, as CPython's. Only count and owner
 * are used. */
static ImportLock global_import_lock;

void
pyrs_gil_global_import_acquire(void)
{
    pthread_mutex_lock(&import_mutex);
    while (global_import_lock.count > 0 &&
           !pthread_equal(global_import_lock.owner, pthread_self())) {
        import_wait(&global_import_lock);
    }
    global_import_lock.owner = pthread_self();
    global_import_lock.count++;
    pthread_mutex_unlock(&import_mutex);
}

int
pyrs_gil_global_import_release(void)
{
    pthread_mutex_lock(&import_mutex);
    int mine =
        global_import_lock.count > 0 && pthread_equal(global_import_lock.owner, pthread_self());
    if (mine && --global_import_lock.count == 0) {
        pthread_cond_broadcast(&import_cond);
    }
    pthread_mutex_unlock(&import_mutex);
    return mine ? 0 : -1;
}

int
pyrs_gil_global_import_held(void)
{
    pthread_mutex_lock(&import_mutex);
    int held = global_import_lock.count > 0;
    pthread_mutex_unlock(&import_mutex);
    return held;
}

int
pyrs_gil_import_must_lock(PyObject *module)
{
    PyThreadState *head = PyInterpreterState_ThreadHead(PyInterpreterState_Main());
    if (head == NULL || head->next == NULL) {
        return 0; /* one thread: nobody else can be initializing a module */
    }
    PyObject *spec = PyObject_GetAttrString(module, "__spec__");
    PyObject *init =
        spec != NULL && spec != Py_None ? PyObject_GetAttrString(spec, "_initializing") : NULL;
    int r = init != NULL ? PyObject_IsTrue(init) : 0;
    Py_XDECREF(spec);
    Py_XDECREF(init);
    PyErr_Clear();
    return r > 0;
}

/* ---- fork ---------------------------------------------------------------------------------- */

void
pyrs_gil_after_fork_child(void)
{
    PyThreadState *tstate = pyrs_state_current;
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t c = PTHREAD_COND_INITIALIZER;
    gil.mutex = m;
    gil.switch_mutex = m;
    gil.cond = c;
    gil.switch_cond = c;
    pending.mutex = m;
    import_mutex = m;
    import_cond = c;
    import_waiters = NULL; /* their threads do not exist here */
    for (ImportLock *l = import_locks; l != NULL; l = l->next) {
        if (l->count > 0 && !pthread_equal(l->owner, pthread_self())) {
            l->count = 0;
        }
    }
    if (!pthread_equal(global_import_lock.owner, pthread_self())) {
        global_import_lock.count = 0;
    }
    STORE(drop_request, 0);
    main_thread = pthread_self();
    STORE(gil.locked, 1);
    STORE(gil.last_holder, tstate);
    if (tstate != NULL) {
        pyrs_state_bind(tstate);
        pyrs_state_delete_others(tstate);
    }
    recompute(tstate);
}
