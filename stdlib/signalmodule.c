/* stdlib/signalmodule.c: the _signal module and the runtime's signal machinery
 * (posix/ossignal.h). As in CPython 3.11 the C handler only records the signal (and writes the
 * wakeup fd); Python handlers run in the main thread between bytecodes or when a system call
 * fails with EINTR. Handlers are installed without SA_RESTART, like CPython's PyOS_setsig. */
#define _GNU_SOURCE 1
#include "Python.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "posix/osutil.h"
#include "posix/ossignal.h"
#include "posix/pytime.h"
#include "pyrs/frame.h"
#include "pyrs/frameobject.h"
#include "pyrs/gil.h"

#define NSIG_MAX 65 /* CPython's Py_NSIG on Linux: signals 1..64 */

volatile sig_atomic_t pyrs_signal_tripped;

static volatile sig_atomic_t tripped[NSIG_MAX]; /* per-signal "received" flags */
static PyObject *handlers[NSIG_MAX];            /* Python handler per signal (owned) or NULL */
static volatile sig_atomic_t wakeup_fd = -1;    /* set_wakeup_fd target, -1 when none */
static int wakeup_warn = 1;                     /* warn_on_full_buffer */
static PyObject *default_handler;               /* int SIG_DFL */
static PyObject *ignore_handler;                /* int SIG_IGN */
static PyObject *int_handler;                   /* default_int_handler */
static PyObject *itimer_error;                  /* signal.itimer_error */
static pthread_t main_thread;
static int initialized;

static void
c_handler(int signum)
{
    int saved = errno;
    /* Safety valve: a second SIGINT while the first is still unconsumed (no eval-loop check
     * ran since) gets the default action, so a busy loop can always be interrupted. */
    if (signum == SIGINT && tripped[SIGINT] && handlers[SIGINT] == int_handler) {
        signal(SIGINT, SIG_DFL);
        raise(SIGINT);
    }
    (void)pyrs_signal_trip(signum);
    int fd = wakeup_fd;
    if (fd >= 0) {
        unsigned char byte = (unsigned char)signum;
        ssize_t r = write(fd, &byte, 1);
        (void)r;
    }
    errno = saved;
}

int
pyrs_signal_trip(int signum)
{
    if (signum < 1 || signum >= NSIG_MAX) {
        return -1;
    }
    tripped[signum] = 1;
    pyrs_signal_tripped = 1;
    pyrs_gil_signal_received(); /* the eval loop's next check runs the handlers */
    return 0;
}

void
pyrs_signal_after_fork_child(void)
{
    for (int i = 1; i < NSIG_MAX; i++) {
        tripped[i] = 0;
    }
    pyrs_signal_tripped = 0;
    main_thread = pthread_self();
}

static int
can_handle_signals(void)
{
    return !initialized || pthread_equal(pthread_self(), main_thread);
}

static PyObject *
current_frame(void)
{
    PyrsFrame *f = pyrs_frame_top();
    PyObject *frame = f != NULL ? pyrs_frameobj_get(f) : NULL;
    if (frame == NULL) {
        PyErr_Clear();
        frame = Py_NewRef(Py_None);
    }
    return frame;
}

static int
run_one(int signum)
{
    PyObject *func = handlers[signum];
    if (func == NULL || func == Py_None || func == default_handler || func == ignore_handler) {
        return 0;
    }
    PyObject *frame = current_frame();
    PyObject *num = PyLong_FromLong(signum);
    PyObject *res = NULL;
    if (num != NULL) {
        Py_INCREF(func);
        PyObject *args[2] = {num, frame};
        res = PyObject_Vectorcall(func, args, 2, NULL);
        Py_DECREF(func);
    }
    Py_XDECREF(num);
    Py_DECREF(frame);
    if (res == NULL) {
        return -1;
    }
    Py_DECREF(res);
    return 0;
}

int
pyrs_signal_run_handlers(void)
{
    if (!pyrs_signal_tripped || !can_handle_signals()) {
        return 0;
    }
    pyrs_signal_tripped = 0;
    for (int i = 1; i < NSIG_MAX; i++) {
        if (!tripped[i]) {
            continue;
        }
        tripped[i] = 0;
        if (run_one(i) < 0) {
            /* Signals not handled yet stay pending for the next check. */
            pyrs_signal_tripped = 1;
            return -1;
        }
    }
    return 0;
}

static int
set_c_handler(int signum, void (*func)(int), int restart)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = func;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_ONSTACK | (restart ? SA_RESTART : 0);
    return sigaction(signum, &sa, NULL);
}

PyOS_sighandler_t
PyOS_getsig(int sig)
{
    struct sigaction old;
    if (sigaction(sig, NULL, &old) < 0) {
        return SIG_ERR;
    }
    return old.sa_handler;
}

PyOS_sighandler_t
PyOS_setsig(int sig, PyOS_sighandler_t handler)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_ONSTACK;
    if (sigaction(sig, &sa, &old) < 0) {
        return SIG_ERR;
    }
    return old.sa_handler;
}

int
PyOS_InterruptOccurred(void)
{
    if (!tripped[SIGINT] || !can_handle_signals()) {
        return 0;
    }
    tripped[SIGINT] = 0;
    return 1;
}

static int
make_handler_objects(void)
{
    if (default_handler != NULL) {
        return 0;
    }
    default_handler = PyLong_FromLong((long)(intptr_t)SIG_DFL);
    ignore_handler = PyLong_FromLong((long)(intptr_t)SIG_IGN);
    return default_handler != NULL && ignore_handler != NULL ? 0 : -1;
}

/* Records what each signal's disposition is at start-up: SIG_DFL, SIG_IGN or None. */
static void
record_inherited(void)
{
    for (int i = 1; i < NSIG_MAX; i++) {
        struct sigaction old;
        if (handlers[i] != NULL || sigaction(i, NULL, &old) < 0) {
            continue;
        }
        if (old.sa_handler == SIG_DFL) {
            handlers[i] = Py_NewRef(default_handler);
        } else if (old.sa_handler == SIG_IGN) {
            handlers[i] = Py_NewRef(ignore_handler);
        } else {
            handlers[i] = Py_NewRef(Py_None);
        }
    }
}

static PyObject *sig_default_int_handler(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
static PyMethodDef int_handler_def;

int
pyrs_signal_install_defaults(void)
{
    if (initialized) {
        return 0;
    }
    if (make_handler_objects() < 0) {
        return -1;
    }
    main_thread = pthread_self();
    initialized = 1;
    (void)set_c_handler(SIGPIPE, SIG_IGN, 0);
    (void)set_c_handler(SIGXFSZ, SIG_IGN, 0);
    record_inherited();
    int_handler = PyCFunction_New(&int_handler_def, NULL);
    if (int_handler == NULL) {
        return -1;
    }
    if (handlers[SIGINT] == default_handler) {
        if (set_c_handler(SIGINT, c_handler, 0) == 0) {
            Py_SETREF(handlers[SIGINT], Py_NewRef(int_handler));
        }
    }
    return 0;
}

static int
signum_from(PyObject *obj, int *out)
{
    int n = _PyLong_AsInt(obj);
    if (n == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (n < 1 || n >= NSIG_MAX) {
        PyErr_SetString(PyExc_ValueError, "signal number out of range");
        return -1;
    }
    *out = n;
    return 0;
}

static int
same_handler(PyObject *func, PyObject *target)
{
    if (func == target) {
        return 1;
    }
    if (!PyLong_CheckExact(func) && !PyLong_Check(func)) {
        return 0;
    }
    return PyObject_RichCompareBool(func, target, Py_EQ) == 1;
}

static PyObject *
sig_signal(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int signum;
    if (!_PyArg_CheckPositional("signal", nargs, 2, 2) || signum_from(args[0], &signum) < 0) {
        return NULL;
    }
    if (!can_handle_signals()) {
        PyErr_SetString(PyExc_ValueError,
                        "signal only works in main thread of the main interpreter");
        return NULL;
    }
    PyObject *handler = args[1];
    void (*func)(int);
    if (same_handler(handler, ignore_handler)) {
        func = SIG_IGN;
    } else if (same_handler(handler, default_handler)) {
        func = SIG_DFL;
    } else if (PyCallable_Check(handler)) {
        func = c_handler;
    } else {
        PyErr_SetString(PyExc_TypeError, "signal handler must be signal.SIG_IGN, signal.SIG_DFL, "
                                         "or a callable object");
        return NULL;
    }
    if (pyrs_signal_run_handlers() < 0) {
        return NULL;
    }
    if (set_c_handler(signum, func, 0) < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    PyObject *old = handlers[signum];
    handlers[signum] = Py_NewRef(handler);
    return old != NULL ? old : Py_NewRef(Py_None);
}

static PyObject *
sig_getsignal(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int signum;
    if (signum_from(arg, &signum) < 0) {
        return NULL;
    }
    PyObject *h = handlers[signum];
    return Py_NewRef(h != NULL ? h : Py_None);
}

static PyObject *
sig_default_int_handler(PyObject *Py_UNUSED(self), PyObject *const *Py_UNUSED(args),
                        Py_ssize_t Py_UNUSED(nargs))
{
    PyErr_SetNone(PyExc_KeyboardInterrupt);
    return NULL;
}

static PyMethodDef int_handler_def = {
    "default_int_handler", (PyCFunction)(void (*)(void))sig_default_int_handler, METH_FASTCALL,
    "The default handler for SIGINT: raises KeyboardInterrupt."};

static PyObject *
sig_alarm(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int seconds = _PyLong_AsInt(arg);
    if (seconds == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromLong((long)alarm((unsigned int)seconds));
}

static PyObject *
sig_pause(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    (void)pause();
    if (pyrs_signal_run_handlers() < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
sig_raise_signal(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int signum;
    if (signum_from(arg, &signum) < 0) {
        return NULL;
    }
    if (raise(signum) != 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    if (pyrs_signal_run_handlers() < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
sig_strsignal(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int signum;
    if (signum_from(arg, &signum) < 0) {
        return NULL;
    }
    const char *s = strsignal(signum);
    if (s == NULL || strncmp(s, "Unknown signal", 14) == 0) {
        Py_RETURN_NONE;
    }
    return PyUnicode_FromString(s);
}

/* A set of ints from a sigset_t. */
static PyObject *
set_from_sigset(const sigset_t *mask)
{
    PyObject *res = PySet_New(NULL);
    for (int i = 1; res != NULL && i < NSIG_MAX; i++) {
        if (sigismember(mask, i) != 1) {
            continue;
        }
        PyObject *n = PyLong_FromLong(i);
        if (n == NULL || PySet_Add(res, n) < 0) {
            Py_CLEAR(res);
        }
        Py_XDECREF(n);
    }
    return res;
}

/* Fills MASK from an iterable of signal numbers, with CPython's range message. */
static int
sigset_from(PyObject *iterable, sigset_t *mask)
{
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL) {
        return -1;
    }
    sigemptyset(mask);
    PyObject *item;
    int rc = 0;
    while (rc == 0 && (item = PyIter_Next(it)) != NULL) {
        long n = PyLong_AsLong(item);
        Py_DECREF(item);
        if (n == -1 && PyErr_Occurred()) {
            rc = -1;
        } else if (n <= 0 || n >= NSIG_MAX) {
            PyErr_Format(PyExc_ValueError, "signal number %ld out of range [1; %i]", n,
                         NSIG_MAX - 1);
            rc = -1;
        } else if (sigaddset(mask, (int)n) != 0) {
            PyErr_SetFromErrno(PyExc_OSError);
            rc = -1;
        }
    }
    Py_DECREF(it);
    return rc == 0 && PyErr_Occurred() ? -1 : rc;
}

static PyObject *
sig_valid_signals(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    sigset_t mask;
    if (sigemptyset(&mask) < 0 || sigfillset(&mask) < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return set_from_sigset(&mask);
}

static PyObject *
sig_pthread_sigmask(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("pthread_sigmask", nargs, 2, 2)) {
        return NULL;
    }
    int how = _PyLong_AsInt(args[0]);
    sigset_t mask, previous;
    if ((how == -1 && PyErr_Occurred()) || sigset_from(args[1], &mask) < 0) {
        return NULL;
    }
    int err = pthread_sigmask(how, &mask, &previous);
    if (err != 0) {
        errno = err;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    if (pyrs_signal_run_handlers() < 0) {
        return NULL;
    }
    return set_from_sigset(&previous);
}

static PyObject *
sig_sigpending(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    sigset_t mask;
    if (sigpending(&mask) != 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return set_from_sigset(&mask);
}

static PyObject *
sig_sigwait(PyObject *Py_UNUSED(m), PyObject *arg)
{
    sigset_t mask;
    int signum = 0;
    if (sigset_from(arg, &mask) < 0) {
        return NULL;
    }
    int err;
    Py_BEGIN_ALLOW_THREADS;
    err = sigwait(&mask, &signum);
    Py_END_ALLOW_THREADS;
    if (err != 0) {
        errno = err;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return PyLong_FromLong(signum);
}

static PyTypeObject *siginfo_type;

static PyStructSequence_Field siginfo_fields[] = {
    {"si_signo", "signal number"},
    {"si_code", "signal code"},
    {"si_errno", "errno associated with this signal"},
    {"si_pid", "sending process ID"},
    {"si_uid", "real user ID of sending process"},
    {"si_status", "exit value or signal"},
    {"si_band", "band event for SIGPOLL"},
    {NULL, NULL},
};

static PyStructSequence_Desc siginfo_desc = {
    "signal.struct_siginfo",
    "struct_siginfo: Result from sigwaitinfo or sigtimedwait.",
    siginfo_fields,
    7,
};

static PyObject *
siginfo_result(const siginfo_t *si)
{
    PyObject *res = PyStructSequence_New(siginfo_type);
    if (res == NULL) {
        return NULL;
    }
    long v[7] = {si->si_signo,     si->si_code,   si->si_errno, (long)si->si_pid,
                 (long)si->si_uid, si->si_status, si->si_band};
    int failed = 0;
    for (int i = 0; i < 7; i++) {
        PyObject *o = PyLong_FromLong(v[i]);
        failed |= o == NULL;
        PyStructSequence_SET_ITEM(res, i, o != NULL ? o : Py_NewRef(Py_None));
    }
    if (failed) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

static PyObject *
sig_sigwaitinfo(PyObject *Py_UNUSED(m), PyObject *arg)
{
    sigset_t mask;
    siginfo_t si;
    int r;
    if (sigset_from(arg, &mask) < 0) {
        return NULL;
    }
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = sigwaitinfo(&mask, &si);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && errno == EINTR && pyrs_signal_run_handlers() == 0);
    if (r < 0) {
        return PyErr_Occurred() ? NULL : PyErr_SetFromErrno(PyExc_OSError);
    }
    return siginfo_result(&si);
}

static PyObject *
sig_sigtimedwait(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    sigset_t mask;
    siginfo_t si;
    if (!_PyArg_CheckPositional("sigtimedwait", nargs, 2, 2) || sigset_from(args[0], &mask) < 0) {
        return NULL;
    }
    double d = PyFloat_AsDouble(args[1]);
    if (d == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    if (d < 0) {
        PyErr_SetString(PyExc_ValueError, "timeout must be non-negative");
        return NULL;
    }
    struct timespec ts;
    ts.tv_sec = (time_t)d;
    ts.tv_nsec = (long)((d - (double)ts.tv_sec) * 1e9);
    int r;
    do {
        Py_BEGIN_ALLOW_THREADS;
        r = sigtimedwait(&mask, &si, &ts);
        Py_END_ALLOW_THREADS;
    } while (r < 0 && errno == EINTR && pyrs_signal_run_handlers() == 0);
    if (r < 0) {
        if (errno == EAGAIN) {
            Py_RETURN_NONE;
        }
        return PyErr_Occurred() ? NULL : PyErr_SetFromErrno(PyExc_OSError);
    }
    return siginfo_result(&si);
}

static PyObject *
sig_pidfd_send_signal(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("pidfd_send_signal", nargs, 2, 4)) {
        return NULL;
    }
    int pidfd = _PyLong_AsInt(args[0]);
    int signum = pidfd == -1 && PyErr_Occurred() ? -1 : _PyLong_AsInt(args[1]);
    int flags = nargs == 4 && !PyErr_Occurred() ? _PyLong_AsInt(args[3]) : 0;
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (nargs >= 3 && args[2] != Py_None) {
        PyErr_SetString(PyExc_TypeError, "siginfo must be None");
        return NULL;
    }
    if (syscall(SYS_pidfd_send_signal, pidfd, signum, NULL, flags) < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    Py_RETURN_NONE;
}

static PyObject *
sig_pthread_kill(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("pthread_kill", nargs, 2, 2)) {
        return NULL;
    }
    unsigned long tid = PyLong_AsUnsignedLongMask(args[0]);
    int signum = _PyLong_AsInt(args[1]);
    if ((tid == (unsigned long)-1 || signum == -1) && PyErr_Occurred()) {
        return NULL;
    }
    int err = pthread_kill((pthread_t)tid, signum);
    if (err != 0) {
        errno = err;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    if (pyrs_signal_run_handlers() < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
sig_siginterrupt(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int signum;
    if (!_PyArg_CheckPositional("siginterrupt", nargs, 2, 2) || signum_from(args[0], &signum) < 0) {
        return NULL;
    }
    int flag = _PyLong_AsInt(args[1]);
    if (flag == -1 && PyErr_Occurred()) {
        return NULL;
    }
    struct sigaction sa;
    if (sigaction(signum, NULL, &sa) < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    if (flag) {
        sa.sa_flags &= ~SA_RESTART;
    } else {
        sa.sa_flags |= SA_RESTART;
    }
    if (sigaction(signum, &sa, NULL) < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    Py_RETURN_NONE;
}

static int
fd_is_blocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    return flags < 0 ? -1 : !(flags & O_NONBLOCK);
}

static PyObject *
sig_set_wakeup_fd(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs,
                  PyObject *kwnames)
{
    static const char *const names[] = {"", "warn_on_full_buffer", NULL};
    static const PyrsArgSpec spec = {"set_wakeup_fd", names, 1, 1};
    PyObject *a[2];
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    int fd = _PyLong_AsInt(a[0]);
    int warn = pyrs_osutil_flag(a[1], 1);
    if ((fd == -1 && PyErr_Occurred()) || warn < 0) {
        return NULL;
    }
    if (!can_handle_signals()) {
        PyErr_SetString(PyExc_ValueError,
                        "set_wakeup_fd only works in main thread of the main interpreter");
        return NULL;
    }
    if (fd != -1) {
        int blocking = fd_is_blocking(fd);
        if (blocking < 0) {
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        if (blocking) {
            PyErr_Format(PyExc_ValueError, "the fd %i must be in non-blocking mode", fd);
            return NULL;
        }
    }
    int old = wakeup_fd;
    wakeup_fd = fd;
    wakeup_warn = warn;
    return PyLong_FromLong(old);
}

static PyObject *
itimer_tuple(const struct itimerval *v)
{
    double value = (double)v->it_value.tv_sec + (double)v->it_value.tv_usec / 1e6;
    double interval = (double)v->it_interval.tv_sec + (double)v->it_interval.tv_usec / 1e6;
    return Py_BuildValue("(dd)", value, interval);
}

/* CPython's conversion for setitimer: seconds rounded up to whole microseconds. */
static int
timeval_from(PyObject *obj, struct timeval *tv)
{
    _PyTime_t t;
    if (_PyTime_FromSecondsObject(&t, obj, _PyTime_ROUND_CEILING) < 0) {
        return -1;
    }
    return _PyTime_AsTimeval(t, tv, _PyTime_ROUND_CEILING);
}

static PyObject *
sig_setitimer(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("setitimer", nargs, 2, 3)) {
        return NULL;
    }
    int which = _PyLong_AsInt(args[0]);
    struct itimerval nv, ov;
    memset(&nv, 0, sizeof nv);
    if ((which == -1 && PyErr_Occurred()) || timeval_from(args[1], &nv.it_value) < 0 ||
        (nargs == 3 && timeval_from(args[2], &nv.it_interval) < 0)) {
        return NULL;
    }
    if (setitimer(which, &nv, &ov) != 0) {
        return PyErr_SetFromErrno(itimer_error);
    }
    return itimer_tuple(&ov);
}

static PyObject *
sig_getitimer(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int which = _PyLong_AsInt(arg);
    if (which == -1 && PyErr_Occurred()) {
        return NULL;
    }
    struct itimerval v;
    if (getitimer(which, &v) != 0) {
        return PyErr_SetFromErrno(itimer_error);
    }
    return itimer_tuple(&v);
}

#define FASTCALL(f) (PyCFunction)(void (*)(void))(f)

static PyMethodDef signal_methods[] = {
    {"signal", FASTCALL(sig_signal), METH_FASTCALL,
     "signal(signalnum, handler): set the handler of a signal; returns the previous one."},
    {"getsignal", sig_getsignal, METH_O, "getsignal(signalnum): the current handler."},
    {"alarm", sig_alarm, METH_O, "alarm(seconds): arm SIGALRM; returns seconds left before."},
    {"pause", sig_pause, METH_NOARGS, "Wait until a signal arrives."},
    {"raise_signal", sig_raise_signal, METH_O, "Send a signal to the calling process."},
    {"strsignal", sig_strsignal, METH_O, "The system's description of a signal, or None."},
    {"valid_signals", sig_valid_signals, METH_NOARGS, "The set of valid signal numbers."},
    {"pthread_sigmask", FASTCALL(sig_pthread_sigmask), METH_FASTCALL,
     "pthread_sigmask(how, mask): change the blocked signals; returns the old set."},
    {"sigpending", sig_sigpending, METH_NOARGS, "The set of pending blocked signals."},
    {"sigwait", sig_sigwait, METH_O, "Wait for one of a set of signals; returns its number."},
    {"sigwaitinfo", sig_sigwaitinfo, METH_O, "Wait for a signal: struct_siginfo."},
    {"sigtimedwait", FASTCALL(sig_sigtimedwait), METH_FASTCALL,
     "sigtimedwait(sigset, timeout): struct_siginfo, or None on timeout."},
    {"pidfd_send_signal", FASTCALL(sig_pidfd_send_signal), METH_FASTCALL,
     "pidfd_send_signal(pidfd, sig, siginfo=None, flags=0): signal a process by pidfd."},
    {"pthread_kill", FASTCALL(sig_pthread_kill), METH_FASTCALL,
     "pthread_kill(thread_id, signalnum): send a signal to a thread."},
    {"siginterrupt", FASTCALL(sig_siginterrupt), METH_FASTCALL,
     "siginterrupt(signalnum, flag): whether the signal interrupts system calls."},
    {"set_wakeup_fd", FASTCALL(sig_set_wakeup_fd), METH_FASTCALL | METH_KEYWORDS,
     "set_wakeup_fd(fd, *, warn_on_full_buffer=True): byte per signal to fd; returns old fd."},
    {"setitimer", FASTCALL(sig_setitimer), METH_FASTCALL,
     "setitimer(which, seconds, interval=0.0): arm an interval timer; returns the old one."},
    {"getitimer", sig_getitimer, METH_O, "getitimer(which): (delay, interval) of a timer."},
    {NULL, NULL, 0, NULL},
};

static const PyrsIntConst signal_constants[] = {
    {"NSIG", NSIG_MAX},           {"SIG_BLOCK", SIG_BLOCK},
    {"SIG_UNBLOCK", SIG_UNBLOCK}, {"SIG_SETMASK", SIG_SETMASK},
    {"ITIMER_REAL", ITIMER_REAL}, {"ITIMER_VIRTUAL", ITIMER_VIRTUAL},
    {"ITIMER_PROF", ITIMER_PROF}, {"SIGHUP", SIGHUP},
    {"SIGINT", SIGINT},           {"SIGQUIT", SIGQUIT},
    {"SIGILL", SIGILL},           {"SIGTRAP", SIGTRAP},
    {"SIGIOT", SIGIOT},           {"SIGABRT", SIGABRT},
    {"SIGFPE", SIGFPE},           {"SIGKILL", SIGKILL},
    {"SIGBUS", SIGBUS},           {"SIGSEGV", SIGSEGV},
    {"SIGSYS", SIGSYS},           {"SIGPIPE", SIGPIPE},
    {"SIGALRM", SIGALRM},         {"SIGTERM", SIGTERM},
    {"SIGUSR1", SIGUSR1},         {"SIGUSR2", SIGUSR2},
    {"SIGCLD", SIGCHLD},          {"SIGCHLD", SIGCHLD},
    {"SIGPWR", SIGPWR},           {"SIGIO", SIGIO},
    {"SIGURG", SIGURG},           {"SIGWINCH", SIGWINCH},
    {"SIGPOLL", SIGPOLL},         {"SIGSTOP", SIGSTOP},
    {"SIGTSTP", SIGTSTP},         {"SIGCONT", SIGCONT},
    {"SIGTTIN", SIGTTIN},         {"SIGTTOU", SIGTTOU},
    {"SIGVTALRM", SIGVTALRM},     {"SIGPROF", SIGPROF},
    {"SIGXCPU", SIGXCPU},         {"SIGXFSZ", SIGXFSZ},
    {"SIGSTKFLT", SIGSTKFLT},     {NULL, 0},
};

static int
add_handler_objects(PyObject *m)
{
    if (PyModule_AddObjectRef(m, "SIG_DFL", default_handler) < 0 ||
        PyModule_AddObjectRef(m, "SIG_IGN", ignore_handler) < 0 ||
        PyModule_AddObjectRef(m, "default_int_handler", int_handler) < 0) {
        return -1;
    }
    if (siginfo_type == NULL) {
        siginfo_type = PyStructSequence_NewType(&siginfo_desc);
        if (siginfo_type == NULL) {
            return -1;
        }
    }
    if (PyModule_AddObjectRef(m, "struct_siginfo", (PyObject *)siginfo_type) < 0) {
        return -1;
    }
    if (itimer_error == NULL) {
        itimer_error = PyErr_NewException("signal.itimer_error", PyExc_OSError, NULL);
        if (siginfo_type == NULL) {
            siginfo_type = PyStructSequence_NewType(&siginfo_desc);
            if (siginfo_type == NULL) {
                return -1;
            }
        }
        if (PyModule_AddObjectRef(m, "struct_siginfo", (PyObject *)siginfo_type) < 0) {
            return -1;
        }
        if (itimer_error == NULL) {
            return -1;
        }
    }
    return PyModule_AddObjectRef(m, "ItimerError", itimer_error);
}

static int
signal_exec(PyObject *m)
{
    if (pyrs_signal_install_defaults() < 0 || pyrs_osutil_add_ints(m, signal_constants) < 0 ||
        PyModule_AddIntConstant(m, "SIGRTMIN", SIGRTMIN) < 0 ||
        PyModule_AddIntConstant(m, "SIGRTMAX", SIGRTMAX) < 0) {
        return -1;
    }
    return add_handler_objects(m);
}

static PyModuleDef_Slot signal_slots[] = {
    {Py_mod_exec, (void *)signal_exec},
    {0, NULL},
};

static PyModuleDef signal_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_signal",
    .m_doc = "Set handlers for asynchronous events (signals).",
    .m_size = 0,
    .m_methods = signal_methods,
    .m_slots = signal_slots,
};

PyMODINIT_FUNC PyInit__signal(void);

/* Module init (multi-phase): returns the definition, borrowed. */
PyMODINIT_FUNC
PyInit__signal(void)
{
    return PyModuleDef_Init(&signal_module);
}
