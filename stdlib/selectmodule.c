/* stdlib/selectmodule.c: the select module: select(), poll objects (register, modify,
 * unregister, poll) and epoll objects, select.error = OSError, with CPython 3.11's argument
 * checks and PEP 475 retries (the remaining timeout is recomputed after a signal). */
#define _GNU_SOURCE 1
#include "Python.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#include "posix/osutil.h"
#include "posix/ossignal.h"
#include "posix/pytime.h"

static double
now_monotonic(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- select() ---- */

/* Adds every fd of the sequence SEQ to SET; KEEP gets the list of (fd, object) pairs.
 * The highest fd, or -2 with an exception. */
static int
seq_to_set(PyObject *seq, fd_set *set, PyObject **keep)
{
    int maxfd = -1;
    FD_ZERO(set);
    PyObject *fast = PySequence_Fast(seq, "arguments 1-3 must be sequences");
    if (fast == NULL) {
        return -2;
    }
    *keep = PyList_New(0);
    /* a fileno() method may shrink the list being read (bpo-16230): its size is read anew
     * for each item, and the item is held while its method runs */
    for (Py_ssize_t i = 0; *keep != NULL && i < PySequence_Fast_GET_SIZE(fast); i++) {
        PyObject *o = Py_NewRef(PySequence_Fast_GET_ITEM(fast, i));
        int fd = pyrs_osutil_fileno(o);
        if (fd < 0) {
            Py_DECREF(o);
            Py_CLEAR(*keep);
            break;
        }
        if (fd >= FD_SETSIZE) {
            PyErr_SetString(PyExc_ValueError, "filedescriptor out of range in select()");
            Py_DECREF(o);
            Py_CLEAR(*keep);
            break;
        }
        FD_SET(fd, set);
        maxfd = fd > maxfd ? fd : maxfd;
        PyObject *pair = Py_BuildValue("(iO)", fd, o);
        Py_DECREF(o);
        if (pair == NULL || PyList_Append(*keep, pair) < 0) {
            Py_CLEAR(*keep);
        }
        Py_XDECREF(pair);
    }
    Py_DECREF(fast);
    return *keep == NULL ? -2 : maxfd;
}

static PyObject *
set_to_list(PyObject *keep, const fd_set *set)
{
    PyObject *list = PyList_New(0);
    Py_ssize_t n = PyList_GET_SIZE(keep);
    for (Py_ssize_t i = 0; list != NULL && i < n; i++) {
        PyObject *pair = PyList_GET_ITEM(keep, i);
        int fd = (int)PyLong_AsLong(PyTuple_GET_ITEM(pair, 0));
        if (FD_ISSET(fd, set) && PyList_Append(list, PyTuple_GET_ITEM(pair, 1)) < 0) {
            Py_CLEAR(list);
        }
    }
    return list;
}

/* select()'s timeout in seconds (-1.0 for None: block), converted as CPython does: rounded
 * up to whole microseconds, TypeError reworded, negative rejected. */
static int
timeout_arg(PyObject *obj, double *out, const char *type_msg)
{
    if (obj == NULL || obj == Py_None) {
        *out = -1.0;
        return 0;
    }
    _PyTime_t t;
    struct timeval tv;
    if (_PyTime_FromSecondsObject(&t, obj, _PyTime_ROUND_TIMEOUT) < 0) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_SetString(PyExc_TypeError, type_msg);
        }
        return -1;
    }
    if (_PyTime_AsTimeval(t, &tv, _PyTime_ROUND_TIMEOUT) < 0) {
        return -1;
    }
    if (tv.tv_sec < 0) {
        PyErr_SetString(PyExc_ValueError, "timeout must be non-negative");
        return -1;
    }
    *out = (double)tv.tv_sec + (double)tv.tv_usec * 1e-6;
    return 0;
}

static PyObject *
select_select(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("select", nargs, 3, 4)) {
        return NULL;
    }
    double timeout;
    if (timeout_arg(nargs == 4 ? args[3] : NULL, &timeout, "timeout must be a float or None") < 0) {
        return NULL;
    }
    fd_set sets[3];
    PyObject *keep[3] = {NULL, NULL, NULL}, *res = NULL;
    int maxfd = -1;
    for (int i = 0; i < 3; i++) {
        int m = seq_to_set(args[i], &sets[i], &keep[i]);
        if (m == -2) {
            goto done;
        }
        maxfd = m > maxfd ? m : maxfd;
    }
    double deadline = timeout >= 0 ? now_monotonic() + timeout : 0;
    fd_set work[3];
    int r;
    for (;;) {
        memcpy(work, sets, sizeof work);
        struct timeval tv, *tvp = NULL;
        if (timeout >= 0) {
            double left = deadline - now_monotonic();
            left = left < 0 ? 0 : left;
            tv.tv_sec = (time_t)left;
            tv.tv_usec = (suseconds_t)((left - (double)tv.tv_sec) * 1e6);
            tvp = &tv;
        }
        Py_BEGIN_ALLOW_THREADS;
        r = select(maxfd + 1, &work[0], &work[1], &work[2], tvp);
        Py_END_ALLOW_THREADS;
        if (r >= 0 || errno != EINTR || pyrs_signal_run_handlers() < 0) {
            break;
        }
    }
    if (r < 0) {
        if (!PyErr_Occurred()) {
            PyErr_SetFromErrno(PyExc_OSError);
        }
        goto done;
    }
    PyObject *lists[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3; i++) {
        lists[i] = set_to_list(keep[i], &work[i]);
    }
    if (lists[0] != NULL && lists[1] != NULL && lists[2] != NULL) {
        res = PyTuple_Pack(3, lists[0], lists[1], lists[2]);
    }
    for (int i = 0; i < 3; i++) {
        Py_XDECREF(lists[i]);
    }
done:
    for (int i = 0; i < 3; i++) {
        Py_XDECREF(keep[i]);
    }
    return res;
}

/* ---- poll objects ---- */

typedef struct {
    PyObject_HEAD
    PyObject *fds; /* dict fd -> event mask */
    int running;   /* a poll() call is in progress */
} PollObject;

static PyTypeObject Poll_Type;

static int
mask_arg(PyObject *obj, unsigned short *out)
{
    long v = PyLong_AsLong(obj);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (v < 0 || v > USHRT_MAX) {
        PyErr_SetString(PyExc_OverflowError,
                        v < 0 ? "Python int too large to convert to C unsigned short"
                              : "Python int too large to convert to C unsigned short");
        return -1;
    }
    *out = (unsigned short)v;
    return 0;
}

static PyObject *
poll_set(PollObject *self, int fd, unsigned short mask)
{
    PyObject *k = PyLong_FromLong(fd), *v = PyLong_FromLong(mask);
    int rc = k != NULL && v != NULL ? PyDict_SetItem(self->fds, k, v) : -1;
    Py_XDECREF(k);
    Py_XDECREF(v);
    if (rc < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
poll_register(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    unsigned short mask = POLLIN | POLLPRI | POLLOUT;
    if (!_PyArg_CheckPositional("register", nargs, 1, 2)) {
        return NULL;
    }
    int fd = pyrs_osutil_fileno(args[0]);
    if (fd < 0 || (nargs == 2 && mask_arg(args[1], &mask) < 0)) {
        return NULL;
    }
    return poll_set((PollObject *)self, fd, mask);
}

static PyObject *
poll_modify(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    unsigned short mask;
    if (!_PyArg_CheckPositional("modify", nargs, 2, 2)) {
        return NULL;
    }
    int fd = pyrs_osutil_fileno(args[0]);
    if (fd < 0 || mask_arg(args[1], &mask) < 0) {
        return NULL;
    }
    PyObject *k = PyLong_FromLong(fd);
    if (k == NULL) {
        return NULL;
    }
    int has = PyDict_Contains(((PollObject *)self)->fds, k);
    Py_DECREF(k);
    if (has <= 0) {
        if (has == 0) {
            errno = ENOENT;
            PyErr_SetFromErrno(PyExc_OSError);
        }
        return NULL;
    }
    return poll_set((PollObject *)self, fd, mask);
}

static PyObject *
poll_unregister(PyObject *self, PyObject *arg)
{
    int fd = pyrs_osutil_fileno(arg);
    if (fd < 0) {
        return NULL;
    }
    PyObject *k = PyLong_FromLong(fd);
    if (k == NULL) {
        return NULL;
    }
    int rc = PyDict_DelItem(((PollObject *)self)->fds, k);
    Py_DECREF(k);
    if (rc < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Milliseconds for poll()/epoll.poll() (-1: block). UNIT_MS: the argument counts milliseconds
 * (poll) rather than seconds (epoll). Conversions and messages are CPython's. */
static int
poll_timeout_ms(PyObject *obj, int *ms, int unit_ms)
{
    if (obj == NULL || obj == Py_None) {
        *ms = -1;
        return 0;
    }
    _PyTime_t t;
    int rc = unit_ms ? _PyTime_FromMillisecondsObject(&t, obj, _PyTime_ROUND_TIMEOUT)
                     : _PyTime_FromSecondsObject(&t, obj, _PyTime_ROUND_TIMEOUT);
    if (rc < 0) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_SetString(PyExc_TypeError, "timeout must be an integer or None");
        }
        return -1;
    }
    _PyTime_t v = _PyTime_AsMilliseconds(t, _PyTime_ROUND_TIMEOUT);
    if (v < INT_MIN || v > INT_MAX) {
        PyErr_SetString(PyExc_OverflowError, "timeout is too large");
        return -1;
    }
    *ms = t < 0 ? -1 : (int)v;
    return 0;
}

static int
poll_timeout(PyObject *obj, int *ms)
{
    return poll_timeout_ms(obj, ms, 1);
}

static PyObject *
poll_poll(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PollObject *p = (PollObject *)self;
    int ms;
    if (!_PyArg_CheckPositional("poll", nargs, 0, 1) ||
        poll_timeout(nargs ? args[0] : NULL, &ms) < 0) {
        return NULL;
    }
    if (p->running) {
        PyErr_SetString(PyExc_RuntimeError, "concurrent poll() invocation");
        return NULL;
    }
    Py_ssize_t n = PyDict_GET_SIZE(p->fds), pos = 0, i = 0;
    struct pollfd *ufds = PyMem_Calloc((size_t)n + 1, sizeof(struct pollfd));
    if (ufds == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *k, *v;
    while (PyDict_Next(p->fds, &pos, &k, &v)) {
        ufds[i].fd = (int)PyLong_AsLong(k);
        ufds[i].events = (short)PyLong_AsLong(v);
        i++;
    }
    double deadline = now_monotonic() + ms / 1000.0;
    int r;
    p->running = 1;
    for (;;) {
        Py_BEGIN_ALLOW_THREADS;
        r = poll(ufds, (nfds_t)n, ms);
        Py_END_ALLOW_THREADS;
        if (r >= 0 || errno != EINTR || pyrs_signal_run_handlers() < 0) {
            break;
        }
        if (ms > 0) {
            double left = deadline - now_monotonic();
            ms = left <= 0 ? 0 : (int)ceil(left * 1000.0);
        }
    }
    p->running = 0;
    PyObject *res = NULL;
    if (r < 0) {
        if (!PyErr_Occurred()) {
            PyErr_SetFromErrno(PyExc_OSError);
        }
    } else {
        res = PyList_New(0);
        for (i = 0; res != NULL && i < n; i++) {
            if (ufds[i].revents == 0) {
                continue;
            }
            PyObject *t = Py_BuildValue("(ii)", ufds[i].fd, (int)(unsigned short)ufds[i].revents);
            if (t == NULL || PyList_Append(res, t) < 0) {
                Py_CLEAR(res);
            }
            Py_XDECREF(t);
        }
    }
    PyMem_Free(ufds);
    return res;
}

static void
poll_dealloc(PyObject *self)
{
    Py_XDECREF(((PollObject *)self)->fds);
    PyObject_Free(self);
}

#define FASTCALL(f) (PyCFunction)(void (*)(void))(f)

static PyMethodDef poll_methods[] = {
    {"register", FASTCALL(poll_register), METH_FASTCALL, "Register a file descriptor."},
    {"modify", FASTCALL(poll_modify), METH_FASTCALL, "Change a registered descriptor's mask."},
    {"unregister", poll_unregister, METH_O, "Remove a file descriptor."},
    {"poll", FASTCALL(poll_poll), METH_FASTCALL, "Wait for events: [(fd, events), ...]."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject Poll_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "select.poll",
    .tp_basicsize = sizeof(PollObject),
    .tp_dealloc = poll_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = poll_methods,
};

static PyObject *
select_poll(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    PollObject *p = PyObject_New(PollObject, &Poll_Type);
    if (p == NULL) {
        return NULL;
    }
    p->running = 0;
    p->fds = PyDict_New();
    if (p->fds == NULL) {
        Py_DECREF(p);
        return NULL;
    }
    return (PyObject *)p;
}

/* ---- epoll objects ---- */

typedef struct {
    PyObject_HEAD
    int epfd; /* -1 once closed */
} EpollObject;

static PyTypeObject Epoll_Type;

static PyObject *
epoll_closed_error(void)
{
    PyErr_SetString(PyExc_ValueError, "I/O operation on closed epoll object");
    return NULL;
}

static PyObject *
epoll_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *const names[] = {"sizehint", "flags", NULL};
    static const PyrsArgSpec spec = {"epoll", names, 2, 0};
    PyObject *a[2];
    PyObject *kwnames = NULL, *stack[4];
    Py_ssize_t nargs = PyTuple_GET_SIZE(args), nkw = kwds != NULL ? PyDict_GET_SIZE(kwds) : 0;
    if (nargs + nkw > 2) {
        PyErr_Format(PyExc_TypeError, "epoll() takes at most 2 arguments (%zd given)", nargs + nkw);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        stack[i] = PyTuple_GET_ITEM(args, i);
    }
    if (nkw > 0) {
        kwnames = PyTuple_New(nkw);
        Py_ssize_t pos = 0, j = 0;
        PyObject *k, *v;
        while (kwnames != NULL && PyDict_Next(kwds, &pos, &k, &v)) {
            PyTuple_SET_ITEM(kwnames, j, Py_NewRef(k));
            stack[nargs + j++] = v;
        }
        if (kwnames == NULL) {
            return NULL;
        }
    }
    int rc = pyrs_osutil_unpack(&spec, stack, nargs, kwnames, a);
    Py_XDECREF(kwnames);
    if (rc < 0) {
        return NULL;
    }
    if (a[0] != NULL) {
        long hint = PyLong_AsLong(a[0]);
        if (hint == -1 && PyErr_Occurred()) {
            return NULL;
        }
        if (hint == 0 || hint < -1) {
            PyErr_SetString(PyExc_ValueError, "negative sizehint");
            return NULL;
        }
    }
    if (a[1] != NULL) {
        int flags = _PyLong_AsInt(a[1]);
        if (flags == -1 && PyErr_Occurred()) {
            return NULL;
        }
        if (flags != 0 && flags != EPOLL_CLOEXEC) { /* the only flag epoll_create1 takes */
            errno = EINVAL;
            return PyErr_SetFromErrno(PyExc_OSError);
        }
    }
    EpollObject *self = (EpollObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (self->epfd < 0) {
        Py_DECREF(self);
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return (PyObject *)self;
}

/* epoll.fromfd(fd): an epoll object that takes over descriptor FD, as CPython's. */
static PyObject *
epoll_fromfd(PyObject *cls, PyObject *arg)
{
    int fd = _PyLong_AsInt(arg);
    if (fd == -1 && PyErr_Occurred()) {
        return NULL;
    }
    EpollObject *self = (EpollObject *)((PyTypeObject *)cls)->tp_alloc((PyTypeObject *)cls, 0);
    if (self != NULL) {
        self->epfd = fd;
    }
    return (PyObject *)self;
}

static void
epoll_dealloc(PyObject *self)
{
    EpollObject *e = (EpollObject *)self;
    if (e->epfd >= 0) {
        close(e->epfd);
    }
    Py_TYPE(self)->tp_free(self);
}

static PyObject *
epoll_ctl_call(EpollObject *self, int op, PyObject *fdobj, unsigned int events)
{
    if (self->epfd < 0) {
        return epoll_closed_error();
    }
    int fd = pyrs_osutil_fileno(fdobj);
    if (fd < 0) {
        return NULL;
    }
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = events;
    ev.data.fd = fd;
    if (epoll_ctl(self->epfd, op, fd, &ev) < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    Py_RETURN_NONE;
}

static int
events_arg(PyObject *obj, unsigned int *out)
{
    unsigned long v = PyLong_AsUnsignedLongMask(obj);
    if (v == (unsigned long)-1 && PyErr_Occurred()) {
        return -1;
    }
    *out = (unsigned int)v;
    return 0;
}

static PyObject *
epoll_register(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"fd", "eventmask", NULL};
    static const PyrsArgSpec spec = {"register", names, 2, 1};
    PyObject *a[2];
    unsigned int events = EPOLLIN | EPOLLPRI | EPOLLOUT;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        (a[1] != NULL && events_arg(a[1], &events) < 0)) {
        return NULL;
    }
    return epoll_ctl_call((EpollObject *)self, EPOLL_CTL_ADD, a[0], events);
}

static PyObject *
epoll_modify(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"fd", "eventmask", NULL};
    static const PyrsArgSpec spec = {"modify", names, 2, 2};
    PyObject *a[2];
    unsigned int events;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 || events_arg(a[1], &events) < 0) {
        return NULL;
    }
    return epoll_ctl_call((EpollObject *)self, EPOLL_CTL_MOD, a[0], events);
}

static PyObject *
epoll_unregister(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"fd", NULL};
    static const PyrsArgSpec spec = {"unregister", names, 1, 1};
    PyObject *a[1];
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    return epoll_ctl_call((EpollObject *)self, EPOLL_CTL_DEL, a[0], 0);
}

static PyObject *
epoll_poll(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"timeout", "maxevents", NULL};
    static const PyrsArgSpec spec = {"poll", names, 2, 0};
    PyObject *a[2];
    EpollObject *e = (EpollObject *)self;
    int maxevents = -1;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    int ms;
    if (poll_timeout_ms(a[0], &ms, 0) < 0) {
        return NULL;
    }
    if (a[1] != NULL && (maxevents = _PyLong_AsInt(a[1])) == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (e->epfd < 0) {
        return epoll_closed_error();
    }
    if (maxevents == -1) {
        maxevents = FD_SETSIZE - 1;
    } else if (maxevents < 1) {
        PyErr_Format(PyExc_ValueError, "maxevents must be greater than 0, got %d", maxevents);
        return NULL;
    }
    struct epoll_event *evs = PyMem_Calloc((size_t)maxevents, sizeof(struct epoll_event));
    if (evs == NULL) {
        return PyErr_NoMemory();
    }
    double deadline = now_monotonic() + ms / 1000.0;
    int r;
    for (;;) {
        Py_BEGIN_ALLOW_THREADS;
        r = epoll_wait(e->epfd, evs, maxevents, ms);
        Py_END_ALLOW_THREADS;
        if (r >= 0 || errno != EINTR || pyrs_signal_run_handlers() < 0) {
            break;
        }
        if (ms > 0) {
            double left = deadline - now_monotonic();
            ms = left <= 0 ? 0 : (int)ceil(left * 1000.0);
        }
    }
    PyObject *res = NULL;
    if (r < 0) {
        if (!PyErr_Occurred()) {
            PyErr_SetFromErrno(PyExc_OSError);
        }
    } else {
        res = PyList_New(r);
        for (int i = 0; res != NULL && i < r; i++) {
            PyObject *t = Py_BuildValue("(iI)", evs[i].data.fd, evs[i].events);
            if (t == NULL) {
                Py_CLEAR(res);
                break;
            }
            PyList_SET_ITEM(res, i, t);
        }
    }
    PyMem_Free(evs);
    return res;
}

static PyObject *
epoll_close(PyObject *self, PyObject *Py_UNUSED(a))
{
    EpollObject *e = (EpollObject *)self;
    if (e->epfd >= 0) {
        int fd = e->epfd;
        e->epfd = -1;
        if (close(fd) < 0) {
            return PyErr_SetFromErrno(PyExc_OSError);
        }
    }
    Py_RETURN_NONE;
}

static PyObject *
epoll_fileno(PyObject *self, PyObject *Py_UNUSED(a))
{
    EpollObject *e = (EpollObject *)self;
    if (e->epfd < 0) {
        return epoll_closed_error();
    }
    return PyLong_FromLong(e->epfd);
}

static PyObject *
epoll_enter(PyObject *self, PyObject *Py_UNUSED(a))
{
    if (((EpollObject *)self)->epfd < 0) {
        return epoll_closed_error();
    }
    return Py_NewRef(self);
}

static PyObject *
epoll_exit(PyObject *self, PyObject *Py_UNUSED(args))
{
    return epoll_close(self, NULL);
}

static PyObject *
epoll_get_closed(PyObject *self, void *Py_UNUSED(c))
{
    return PyBool_FromLong(((EpollObject *)self)->epfd < 0);
}

#define KW (METH_FASTCALL | METH_KEYWORDS)

static PyMethodDef epoll_methods[] = {
    {"register", FASTCALL(epoll_register), KW, "Register a file descriptor."},
    {"modify", FASTCALL(epoll_modify), KW, "Change a registered descriptor's events."},
    {"unregister", FASTCALL(epoll_unregister), KW, "Remove a file descriptor."},
    {"poll", FASTCALL(epoll_poll), KW, "Wait for events: [(fd, events), ...]."},
    {"close", epoll_close, METH_NOARGS, "Close the epoll descriptor."},
    {"fileno", epoll_fileno, METH_NOARGS, "The epoll descriptor."},
    {"fromfd", epoll_fromfd, METH_O | METH_CLASS,
     "Create an epoll object from a given control fd."},
    {"__enter__", epoll_enter, METH_NOARGS, NULL},
    {"__exit__", epoll_exit, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef epoll_getset[] = {
    {"closed", epoll_get_closed, NULL, "True if the epoll object is closed", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject Epoll_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "select.epoll",
    .tp_basicsize = sizeof(EpollObject),
    .tp_dealloc = epoll_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "select.epoll(sizehint=-1, flags=0): an edge/level-triggered event queue.",
    .tp_methods = epoll_methods,
    .tp_getset = epoll_getset,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = epoll_new,
    .tp_free = PyObject_Free,
};

static PyMethodDef select_methods[] = {
    {"select", FASTCALL(select_select), METH_FASTCALL,
     "select(rlist, wlist, xlist[, timeout]): wait until descriptors are ready."},
    {"poll", select_poll, METH_NOARGS, "A new poll object."},
    {NULL, NULL, 0, NULL},
};

static const PyrsIntConst select_constants[] = {
    {"PIPE_BUF", PIPE_BUF},
    {"POLLIN", POLLIN},
    {"POLLPRI", POLLPRI},
    {"POLLOUT", POLLOUT},
    {"POLLERR", POLLERR},
    {"POLLHUP", POLLHUP},
    {"POLLNVAL", POLLNVAL},
    {"POLLRDNORM", POLLRDNORM},
    {"POLLRDBAND", POLLRDBAND},
    {"POLLWRNORM", POLLWRNORM},
    {"POLLWRBAND", POLLWRBAND},
    {"POLLMSG", POLLMSG},
    {"POLLRDHUP", POLLRDHUP},
    {"EPOLLIN", EPOLLIN},
    {"EPOLLOUT", EPOLLOUT},
    {"EPOLLPRI", EPOLLPRI},
    {"EPOLLERR", EPOLLERR},
    {"EPOLLHUP", EPOLLHUP},
    {"EPOLLRDHUP", EPOLLRDHUP},
    {"EPOLLET", (long)(unsigned int)EPOLLET},
    {"EPOLLONESHOT", EPOLLONESHOT},
    {"EPOLLEXCLUSIVE", EPOLLEXCLUSIVE},
    {"EPOLLRDNORM", EPOLLRDNORM},
    {"EPOLLRDBAND", EPOLLRDBAND},
    {"EPOLLWRNORM", EPOLLWRNORM},
    {"EPOLLWRBAND", EPOLLWRBAND},
    {"EPOLLMSG", EPOLLMSG},
    {"EPOLL_CLOEXEC", EPOLL_CLOEXEC},
    {NULL, 0},
};

static int
select_exec(PyObject *m)
{
    if (PyType_Ready(&Poll_Type) < 0 || PyType_Ready(&Epoll_Type) < 0 ||
        PyModule_AddObjectRef(m, "error", PyExc_OSError) < 0 ||
        PyModule_AddObjectRef(m, "epoll", (PyObject *)&Epoll_Type) < 0) {
        return -1;
    }
    return pyrs_osutil_add_ints(m, select_constants);
}

static PyModuleDef_Slot select_slots[] = {
    {Py_mod_exec, (void *)select_exec},
    {0, NULL},
};

static PyModuleDef select_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "select",
    .m_doc = "Waiting for I/O completion: select(), poll and epoll.",
    .m_size = 0,
    .m_methods = select_methods,
    .m_slots = select_slots,
};

PyMODINIT_FUNC PyInit_select(void);

/* Module init (multi-phase): returns the definition, borrowed. */
PyMODINIT_FUNC
PyInit_select(void)
{
    return PyModuleDef_Init(&select_module);
}
