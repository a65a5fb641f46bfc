/* stdlib/faulthandler.c: the faulthandler module as CPython 3.11 has it: Python tracebacks
 * written with async-signal-safe write() on fatal signals (enable/disable), on demand
 * (dump_traceback), after a timeout from a watchdog thread (dump_traceback_later) and on
 * user signals (register/unregister). Frames come from the VM's frame stack. */
#define _GNU_SOURCE 1
#include "Python.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "posix/pytime.h"
#include "pyrs/frame.h"
#include "pyrs/state.h"
#include "pyrs/sys.h"

#define MAX_FRAME_DEPTH   100
#define MAX_STRING_LENGTH 500

/* ---- async-signal-safe output ---- */

static void
put_bytes(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return;
        }
        s += w;
        n -= (size_t)w;
    }
}

static void
puts_fd(int fd, const char *s)
{
    put_bytes(fd, s, strlen(s));
}

static void
put_decimal(int fd, unsigned long v)
{
    char buf[24];
    char *p = buf + sizeof(buf);
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    put_bytes(fd, p, (size_t)(buf + sizeof(buf) - p));
}

static void
put_hex(int fd, unsigned long v, int width)
{
    char buf[32];
    for (int i = width - 1; i >= 0; i--) {
        buf[i] = "0123456789abcdef"[v & 0xf];
        v >>= 4;
    }
    put_bytes(fd, buf, (size_t)width);
}

/* Writes STR with non-printable and non-ASCII characters escaped, at most 500 of them. */
static void
put_ascii(int fd, PyObject *str)
{
    if (str == NULL || !PyUnicode_Check(str)) {
        puts_fd(fd, "???");
        return;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(str);
    int truncated = n > MAX_STRING_LENGTH;
    n = truncated ? MAX_STRING_LENGTH : n;
    int kind = PyUnicode_KIND(str);
    const void *data = PyUnicode_DATA(str);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c >= ' ' && c <= 126) {
            char ch = (char)c;
            put_bytes(fd, &ch, 1);
        } else if (c <= 0xff) {
            puts_fd(fd, "\\x");
            put_hex(fd, c, 2);
        } else if (c <= 0xffff) {
            puts_fd(fd, "\\u");
            put_hex(fd, c, 4);
        } else {
            puts_fd(fd, "\\U");
            put_hex(fd, c, 8);
        }
    }
    if (truncated) {
        puts_fd(fd, "...");
    }
}

/* ---- tracebacks ---- */

static void
dump_frame(int fd, PyrsFrame *f)
{
    PyrsCodeObject *code = f->code;
    puts_fd(fd, "  File \"");
    put_ascii(fd, code->co_filename);
    puts_fd(fd, "\", line ");
    int line = pyrs_frame_line(f);
    if (line >= 0) {
        put_decimal(fd, (unsigned long)line);
    } else {
        puts_fd(fd, "???");
    }
    puts_fd(fd, " in ");
    put_ascii(fd, code->co_name);
    puts_fd(fd, "\n");
}

/* Writes the running stack, innermost first, as CPython's _Py_DumpTraceback does. */
static void
dump_stack(int fd, int header, unsigned long ident)
{
    if (header) {
        puts_fd(fd, "Stack (most recent call first):\n");
    }
    /* the frames of thread IDENT, read without the GIL as CPython's faulthandler does */
    PyrsFrame *f = pyrs_state_frame_top_of(ident);
    if (f == NULL) {
        puts_fd(fd, "  <no Python frame>\n");
        return;
    }
    for (int depth = 0; f != NULL; f = pyrs_frame_back(f), depth++) {
        if (depth >= MAX_FRAME_DEPTH) {
            puts_fd(fd, "  ...\n");
            break;
        }
        dump_frame(fd, f);
    }
}

/* The all-threads form, as CPython's _Py_DumpTracebackThreads: for every thread state
 * (newest first, blank lines between) a "Thread 0x..." header ("Current thread" for the
 * thread CURRENT; 0: none) and its stack. Reads the list without the GIL, as CPython does. */
static void
dump_threads(int fd, unsigned long current)
{
    int n = 0;
    for (PyThreadState *t = PyInterpreterState_ThreadHead(PyInterpreterState_Main()); t != NULL;
         t = PyThreadState_Next(t)) {
        if (t->thread_id == 0) {
            continue; /* its thread has not started */
        }
        if (n != 0) {
            puts_fd(fd, "\n");
        }
        if (n++ >= MAX_FRAME_DEPTH) {
            puts_fd(fd, "...\n");
            break;
        }
        puts_fd(fd, t->thread_id == current ? "Current thread 0x" : "Thread 0x");
        put_hex(fd, t->thread_id, (int)sizeof(unsigned long) * 2);
        puts_fd(fd, " (most recent call first):\n");
        dump_stack(fd, 0, t->thread_id);
    }
}

static void
dump_traceback(int fd, int all_threads)
{
    if (all_threads) {
        dump_threads(fd, (unsigned long)pthread_self());
    } else {
        dump_stack(fd, 1, (unsigned long)pthread_self());
    }
}

/* The descriptor for a file argument (None: sys.stderr; an int; or an object with fileno(),
 * which is flushed). *KEEP gets the file object to keep alive (new reference or NULL). The
 * fd, or -1 with an exception. */
static int
get_fileno(PyObject *file, PyObject **keep)
{
    *keep = NULL;
    if (file == NULL || file == Py_None) {
        file = PySys_GetObject("stderr");
        if (file == NULL) {
            PyErr_SetString(PyExc_RuntimeError, "unable to get sys.stderr");
            return -1;
        }
        if (file == Py_None) {
            PyErr_SetString(PyExc_RuntimeError, "sys.stderr is None");
            return -1;
        }
    } else if (PyLong_Check(file)) {
        int fd = _PyLong_AsInt(file);
        if (fd == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (fd < 0) {
            PyErr_SetString(PyExc_ValueError, "file is not a valid file descripter");
            return -1;
        }
        return fd;
    }
    PyObject *res = PyObject_CallMethod(file, "fileno", NULL);
    if (res == NULL) {
        return -1;
    }
    long fd = PyLong_Check(res) ? PyLong_AsLong(res) : -1;
    Py_DECREF(res);
    if (fd < 0 || fd > INT32_MAX) {
        PyErr_Clear();
        PyErr_SetString(PyExc_RuntimeError, "file.fileno() is not a valid file descriptor");
        return -1;
    }
    res = PyObject_CallMethod(file, "flush", NULL);
    if (res == NULL) {
        PyErr_Clear();
    }
    Py_XDECREF(res);
    *keep = Py_NewRef(file);
    return (int)fd;
}

/* ---- extension modules (fatal errors list them, as CPython 3.11 does) ---- */

static PyObject *ext_modules; /* sys.modules when enable() ran (borrowed) */
static PyObject *ext_stdlib;  /* sys.stdlib_module_names then (owned), or NULL */

/* Writes the names of the non-stdlib modules with a PyModuleDef in sys.modules, unsorted,
 * without allocating: "\nExtension modules: a, b (total: 2)\n", or nothing. */
static void
dump_ext_modules(int fd)
{
    if (ext_modules == NULL || !PyDict_Check(ext_modules)) {
        return;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *mod;
    unsigned long count = 0;
    while (PyDict_Next(ext_modules, &pos, &key, &mod)) {
        if (!PyUnicode_Check(key) || !PyModule_Check(mod) || PyModule_GetDef(mod) == NULL) {
            continue;
        }
        if (ext_stdlib != NULL && PySet_Contains(ext_stdlib, key) == 1) {
            continue;
        }
        puts_fd(fd, count == 0 ? "\nExtension modules: " : ", ");
        put_ascii(fd, key);
        count++;
    }
    if (count) {
        puts_fd(fd, " (total: ");
        put_decimal(fd, count);
        puts_fd(fd, ")\n");
    }
}

/* Remembers what dump_ext_modules reads, since a signal handler must not look it up. */
static void
remember_modules(void)
{
    ext_modules = PyImport_GetModuleDict();
    PyObject *names = PySys_GetObject("stdlib_module_names");
    Py_XSETREF(ext_stdlib, names != NULL && PyAnySet_Check(names) ? Py_NewRef(names) : NULL);
}

/* ---- fatal signals ---- */

typedef struct {
    int signum;           /* the signal */
    const char *name;     /* text after "Fatal Python error: " */
    int enabled;          /* our handler is installed */
    struct sigaction old; /* the handler it replaced */
} FatalSignal;

/* the fields after the name start zeroed */
static FatalSignal fatal_signals[] = {
    {.signum = SIGBUS, .name = "Bus error"},
    {.signum = SIGILL, .name = "Illegal instruction"},
    {.signum = SIGFPE, .name = "Floating point exception"},
    {.signum = SIGABRT, .name = "Aborted"},
    {.signum = SIGSEGV, .name = "Segmentation fault"},
};
#define NFATAL ((int)(sizeof(fatal_signals) / sizeof(fatal_signals[0])))

static struct {
    int enabled;     /* enable() is in effect */
    int fd;          /* where to write */
    int all_threads; /* thread header form */
    PyObject *file;  /* keeps the file object (and its fd) alive */
} fatal;

static stack_t alt_stack; /* so a stack overflow can still be reported */

static void
restore_fatal_handlers(void)
{
    for (int i = 0; i < NFATAL; i++) {
        if (fatal_signals[i].enabled) {
            sigaction(fatal_signals[i].signum, &fatal_signals[i].old, NULL);
            fatal_signals[i].enabled = 0;
        }
    }
}

static void
fatal_handler(int signum)
{
    int saved = errno;
    const char *name = "???";
    for (int i = 0; i < NFATAL; i++) {
        if (fatal_signals[i].signum == signum) {
            name = fatal_signals[i].name;
            /* put the previous handler back so re-raising ends the process as it would have */
            sigaction(signum, &fatal_signals[i].old, NULL);
            fatal_signals[i].enabled = 0;
        }
    }
    puts_fd(fatal.fd, "Fatal Python error: ");
    puts_fd(fatal.fd, name);
    puts_fd(fatal.fd, "\n\n");
    dump_traceback(fatal.fd, fatal.all_threads);
    dump_ext_modules(fatal.fd);
    errno = saved;
    raise(signum);
}

static int
install_fatal_handlers(void)
{
    if (alt_stack.ss_sp == NULL) {
        alt_stack.ss_size = SIGSTKSZ * 2 > 65536 ? SIGSTKSZ * 2 : 65536;
        alt_stack.ss_sp = malloc(alt_stack.ss_size);
        if (alt_stack.ss_sp != NULL) {
            sigaltstack(&alt_stack, NULL);
        }
    }
    for (int i = 0; i < NFATAL; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = fatal_handler;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_NODEFER | (alt_stack.ss_sp != NULL ? SA_ONSTACK : 0);
        if (sigaction(fatal_signals[i].signum, &sa, &fatal_signals[i].old) < 0) {
            restore_fatal_handlers();
            PyErr_SetFromErrno(PyExc_RuntimeError);
            return -1;
        }
        fatal_signals[i].enabled = 1;
    }
    return 0;
}

static PyObject *
fh_enable(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwargs)
{
    static const char *kwlist[] = {"file", "all_threads", NULL};
    PyObject *file = NULL, *keep;
    int all_threads = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|Op:enable", (char **)kwlist, &file,
                                     &all_threads)) {
        return NULL;
    }
    int fd = get_fileno(file, &keep);
    if (fd < 0) {
        return NULL;
    }
    Py_XSETREF(fatal.file, keep);
    remember_modules();
    fatal.fd = fd;
    fatal.all_threads = all_threads;
    if (!fatal.enabled) {
        if (install_fatal_handlers() < 0) {
            return NULL;
        }
        fatal.enabled = 1;
    }
    Py_RETURN_NONE;
}

static PyObject *
fh_disable(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    int was = fatal.enabled;
    if (was) {
        restore_fatal_handlers();
        fatal.enabled = 0;
    }
    Py_CLEAR(fatal.file);
    return PyBool_FromLong(was);
}

static PyObject *
fh_is_enabled(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    return PyBool_FromLong(fatal.enabled);
}

static PyObject *
fh_dump_traceback(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwargs)
{
    static const char *kwlist[] = {"file", "all_threads", NULL};
    PyObject *file = NULL, *keep;
    int all_threads = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|Op:dump_traceback", (char **)kwlist, &file,
                                     &all_threads)) {
        return NULL;
    }
    int fd = get_fileno(file, &keep);
    if (fd < 0) {
        return NULL;
    }
    dump_traceback(fd, all_threads);
    Py_XDECREF(keep);
    if (PyErr_CheckSignals() < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* ---- dump_traceback_later: a watchdog thread ---- */

static struct {
    pthread_t thread;     /* the watchdog */
    int running;          /* a watchdog thread exists */
    int cancel;           /* set under LOCK to stop it */
    pthread_mutex_t lock; /* guards cancel */
    pthread_cond_t cond;  /* signalled on cancel */
    _PyTime_t timeout;    /* ns */
    int repeat;           /* dump again after each timeout */
    int exit;             /* _exit(1) after dumping */
    int fd;               /* where to write */
    PyObject *file;       /* keeps the file alive */
    unsigned long ident;  /* the thread that armed it (every thread is written) */
    char header[64];      /* "Timeout (H:MM:SS[.ffffff])!\n" */
} later = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};

static void
format_header(_PyTime_t timeout)
{
    _PyTime_t us = _PyTime_AsMicroseconds(timeout, _PyTime_ROUND_CEILING);
    unsigned long sec = (unsigned long)(us / 1000000), frac = (unsigned long)(us % 1000000);
    unsigned long min = sec / 60, hour = min / 60;
    if (frac) {
        snprintf(later.header, sizeof(later.header), "Timeout (%lu:%02lu:%02lu.%06lu)!\n", hour,
                 min % 60, sec % 60, frac);
    } else {
        snprintf(later.header, sizeof(later.header), "Timeout (%lu:%02lu:%02lu)!\n", hour, min % 60,
                 sec % 60);
    }
}

static void *
watchdog(void *Py_UNUSED(arg))
{
    pthread_mutex_lock(&later.lock);
    for (;;) {
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        _PyTime_t ns = later.timeout;
        deadline.tv_sec += (time_t)(ns / 1000000000);
        deadline.tv_nsec += (long)(ns % 1000000000);
        if (deadline.tv_nsec >= 1000000000) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000;
        }
        int r = 0;
        while (!later.cancel && r != ETIMEDOUT) {
            r = pthread_cond_timedwait(&later.cond, &later.lock, &deadline);
        }
        if (later.cancel) {
            break;
        }
        puts_fd(later.fd, later.header);
        dump_threads(later.fd, 0);
        if (later.exit) {
            _exit(1);
        }
        if (!later.repeat) {
            break;
        }
    }
    pthread_mutex_unlock(&later.lock);
    return NULL;
}

static void
cancel_later(void)
{
    if (!later.running) {
        return;
    }
    pthread_mutex_lock(&later.lock);
    later.cancel = 1;
    pthread_cond_signal(&later.cond);
    pthread_mutex_unlock(&later.lock);
    Py_BEGIN_ALLOW_THREADS;
    pthread_join(later.thread, NULL);
    Py_END_ALLOW_THREADS;
    later.running = 0;
    Py_CLEAR(later.file);
}

static PyObject *
fh_dump_traceback_later(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwargs)
{
    static const char *kwlist[] = {"timeout", "repeat", "file", "exit", NULL};
    PyObject *timeout_obj, *file = NULL, *keep;
    int repeat = 0, exit_ = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|pOp:dump_traceback_later", (char **)kwlist,
                                     &timeout_obj, &repeat, &file, &exit_)) {
        return NULL;
    }
    _PyTime_t timeout;
    if (_PyTime_FromSecondsObject(&timeout, timeout_obj, _PyTime_ROUND_TIMEOUT) < 0) {
        return NULL;
    }
    _PyTime_t us = _PyTime_AsMicroseconds(timeout, _PyTime_ROUND_TIMEOUT);
    if (us <= 0) {
        PyErr_SetString(PyExc_ValueError, "timeout must be greater than 0");
        return NULL;
    }
    int fd = get_fileno(file, &keep);
    if (fd < 0) {
        return NULL;
    }
    cancel_later();
    later.timeout = timeout;
    later.repeat = repeat;
    later.exit = exit_;
    later.fd = fd;
    later.file = keep;
    later.cancel = 0;
    later.ident = (unsigned long)pthread_self();
    format_header(timeout);
    if (pthread_create(&later.thread, NULL, watchdog, NULL) != 0) {
        Py_CLEAR(later.file);
        PyErr_SetString(PyExc_RuntimeError, "unable to start watchdog thread");
        return NULL;
    }
    later.running = 1;
    Py_RETURN_NONE;
}

static PyObject *
fh_cancel_dump_traceback_later(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    cancel_later();
    Py_RETURN_NONE;
}

/* ---- user signals ---- */

typedef struct {
    int enabled;          /* our handler is installed */
    int fd;               /* where to write */
    int all_threads;      /* thread header form */
    int chain;            /* call the previous handler too */
    PyObject *file;       /* keeps the file alive */
    struct sigaction old; /* the handler it replaced */
} UserSignal;

static UserSignal user_signals[NSIG];

static void
user_handler(int signum)
{
    UserSignal *u = &user_signals[signum];
    if (!u->enabled) {
        return;
    }
    int saved = errno;
    dump_traceback(u->fd, u->all_threads);
    if (u->chain) {
        if (u->old.sa_handler != SIG_DFL && u->old.sa_handler != SIG_IGN &&
            !(u->old.sa_flags & SA_SIGINFO)) {
            u->old.sa_handler(signum);
        }
    }
    errno = saved;
}

static int
check_signum(int signum)
{
    for (int i = 0; i < NFATAL; i++) {
        if (fatal_signals[i].signum == signum) {
            PyErr_Format(PyExc_RuntimeError, "signal %i cannot be registered, use enable() instead",
                         signum);
            return -1;
        }
    }
    if (signum < 1 || signum >= NSIG) {
        PyErr_SetString(PyExc_ValueError, "signal number out of range");
        return -1;
    }
    return 0;
}

static PyObject *
fh_register(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwargs)
{
    static const char *kwlist[] = {"signum", "file", "all_threads", "chain", NULL};
    int signum, all_threads = 1, chain = 0;
    PyObject *file = NULL, *keep;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i|Opp:register", (char **)kwlist, &signum,
                                     &file, &all_threads, &chain)) {
        return NULL;
    }
    if (check_signum(signum) < 0) {
        return NULL;
    }
    int fd = get_fileno(file, &keep);
    if (fd < 0) {
        return NULL;
    }
    UserSignal *u = &user_signals[signum];
    if (!u->enabled) {
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = user_handler;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = chain ? SA_NODEFER : SA_RESTART;
        if (sigaction(signum, &sa, &u->old) < 0) {
            Py_XDECREF(keep);
            return PyErr_SetFromErrno(PyExc_OSError);
        }
    }
    Py_XSETREF(u->file, keep);
    u->fd = fd;
    u->all_threads = all_threads;
    u->chain = chain;
    u->enabled = 1;
    Py_RETURN_NONE;
}

static PyObject *
fh_unregister(PyObject *Py_UNUSED(m), PyObject *args)
{
    int signum;
    if (!PyArg_ParseTuple(args, "i:unregister", &signum)) {
        return NULL;
    }
    if (check_signum(signum) < 0) {
        return NULL;
    }
    UserSignal *u = &user_signals[signum];
    if (!u->enabled) {
        Py_RETURN_FALSE;
    }
    u->enabled = 0;
    sigaction(signum, &u->old, NULL);
    Py_CLEAR(u->file);
    Py_RETURN_TRUE;
}

/* ---- crash helpers used by CPython's tests ---- */

static PyObject *
fh_sigsegv(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(args))
{
    raise(SIGSEGV);
    Py_RETURN_NONE;
}

static PyObject *
fh_sigabrt(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    abort();
}

static PyObject *
fh_sigfpe(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    raise(SIGFPE);
    Py_RETURN_NONE;
}

static PyObject *
fh_read_null(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    raise(SIGSEGV);
    Py_RETURN_NONE;
}

/* Recurses with 4 KiB of stack per call until the stack pointer leaves [MIN_SP, MAX_SP]
 * (or, normally, the stack overflows first). The volatile buffer and the work after the
 * call keep the compiler from turning the recursion into a loop. */
static uintptr_t
stack_overflow(uintptr_t min_sp, uintptr_t max_sp, size_t *depth)
{
    volatile unsigned char buffer[4096];
    uintptr_t sp = (uintptr_t)&buffer;
    *depth += 1;
    if (sp < min_sp || sp > max_sp) {
        return sp;
    }
    buffer[0] = 1;
    buffer[4095] = 0;
    return stack_overflow(min_sp, max_sp, depth) + buffer[0];
}

static PyObject *
fh_stack_overflow(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    size_t depth = 0;
    uintptr_t sp = (uintptr_t)&depth;
    uintptr_t room = 100 * 1024 * 1024;
    uintptr_t min_sp = sp > room ? sp - room : 0;
    uintptr_t stop = stack_overflow(min_sp, sp + room, &depth);
    size_t size = sp > stop ? sp - stop : stop - sp;
    PyErr_Format(PyExc_RuntimeError,
                 "unable to raise a stack overflow (allocated %zu bytes on the stack, %zu "
                 "recursive calls)",
                 size, depth);
    return NULL;
}

static PyObject *
fh_not_supported(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(args))
{
    PyErr_SetString(PyExc_NotImplementedError, "this faulthandler test helper is not supported");
    return NULL;
}

#define KW(f) (PyCFunction)(void (*)(void))(f)

static PyMethodDef fh_functions[] = {
    {"enable", KW(fh_enable), METH_VARARGS | METH_KEYWORDS,
     "enable(file=sys.stderr, all_threads=True): enable the fault handler"},
    {"disable", fh_disable, METH_NOARGS, "disable(): disable the fault handler"},
    {"is_enabled", fh_is_enabled, METH_NOARGS,
     "is_enabled()->bool: check if the handler is enabled"},
    {"dump_traceback", KW(fh_dump_traceback), METH_VARARGS | METH_KEYWORDS,
     "dump_traceback(file=sys.stderr, all_threads=True): dump the traceback of the current "
     "thread, or of all threads if all_threads is True, into file"},
    {"dump_traceback_later", KW(fh_dump_traceback_later), METH_VARARGS | METH_KEYWORDS,
     "dump_traceback_later(timeout, repeat=False, file=sys.stderr, exit=False):\n"
     "dump the traceback of all threads in timeout seconds,\n"
     "or each timeout seconds if repeat is True. If exit is True, call _exit(1) which is not "
     "safe."},
    {"cancel_dump_traceback_later", fh_cancel_dump_traceback_later, METH_NOARGS,
     "cancel_dump_traceback_later():\ncancel the previous call to dump_traceback_later()."},
    {"register", KW(fh_register), METH_VARARGS | METH_KEYWORDS,
     "register(signum, file=sys.stderr, all_threads=True, chain=False): register a handler for "
     "the signal 'signum': dump the traceback of the current thread, or of all threads if "
     "all_threads is True, into file"},
    {"unregister", fh_unregister, METH_VARARGS,
     "unregister(signum): unregister the handler of the signal 'signum' registered by "
     "register()"},
    {"_read_null", fh_read_null, METH_NOARGS, NULL},
    {"_sigsegv", fh_sigsegv, METH_VARARGS, NULL},
    {"_fatal_error_c_thread", fh_not_supported, METH_NOARGS, NULL},
    {"_sigabrt", fh_sigabrt, METH_NOARGS, NULL},
    {"_sigfpe", fh_sigfpe, METH_NOARGS, NULL},
    {"_stack_overflow", fh_stack_overflow, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef fh_module = {
    PyModuleDef_HEAD_INIT, .m_name = "faulthandler",  .m_doc = "faulthandler module.",
    .m_size = -1,          .m_methods = fh_functions,
};

PyMODINIT_FUNC PyInit_faulthandler(void);
PyMODINIT_FUNC
PyInit_faulthandler(void)
{
    return PyModule_Create(&fh_module);
}
