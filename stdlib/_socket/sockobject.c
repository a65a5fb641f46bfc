/* stdlib/_socket/sockobject.c: the _socket.socket type as CPython 3.11 defines it: creation
 * from a family/type/proto or an existing descriptor, blocking / non-blocking / timeout
 * modes (poll before each call, socket.timeout = TimeoutError, PEP 475 retries on EINTR),
 * and every method socket.py builds on, including sendmsg/recvmsg. Subclassable. */
#define _GNU_SOURCE 1
#define PY_SSIZE_T_CLEAN
#include "pyrs_socket.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "structmember.h"

_PyTime_t pyrs_socket_deftimeout = -1;

static PyObject *
set_error(void)
{
    return PyErr_SetFromErrno(PyExc_OSError);
}

/* Puts the descriptor in blocking (BLOCK != 0) or non-blocking mode. 0, or -1 with OSError. */
static int
internal_setblocking(PySocketSockObject *s, int block)
{
    int flags = fcntl(s->sock_fd, F_GETFL, 0);
    if (flags < 0) {
        set_error();
        return -1;
    }
    int nflags = block ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK);
    if (nflags != flags && fcntl(s->sock_fd, F_SETFL, nflags) < 0) {
        set_error();
        return -1;
    }
    return 0;
}

/* Waits until the socket is writable (WRITING) or readable for at most INTERVAL ns (-1:
 * forever). 1 ready, 0 timed out, -1 with errno. */
static int
wait_fd(PySocketSockObject *s, int writing, _PyTime_t interval)
{
    struct pollfd p = {.fd = s->sock_fd, .events = writing ? POLLOUT : POLLIN};
    int ms = -1;
    if (interval >= 0) {
        _PyTime_t m = _PyTime_AsMilliseconds(interval, _PyTime_ROUND_CEILING);
        ms = m > INT32_MAX ? INT32_MAX : (int)m;
    }
    int n;
    Py_BEGIN_ALLOW_THREADS;
    n = poll(&p, 1, ms);
    Py_END_ALLOW_THREADS;
    return n < 0 ? -1 : (n > 0 ? 1 : 0);
}

static PyObject *
timeout_error(void)
{
    PyErr_SetString(PyExc_TimeoutError, "timed out");
    return NULL;
}

/* One system call of a socket method: returns >= 0 on success, -1 with errno. */
typedef Py_ssize_t (*sockfn)(PySocketSockObject *s, void *data);

/* Runs FN as CPython's sock_call does: waits for readiness first when the socket has a
 * timeout (TimeoutError when it expires), retries after EINTR once signal handlers ran, and
 * after EAGAIN while time remains. FN's result, or -1 with an exception. */
static Py_ssize_t
sock_call(PySocketSockObject *s, int writing, sockfn fn, void *data)
{
    _PyTime_t timeout = s->sock_timeout;
    _PyTime_t deadline = timeout > 0 ? _PyDeadline_Init(timeout) : 0;
    for (;;) {
        if (timeout > 0) {
            _PyTime_t left = _PyDeadline_Get(deadline);
            int r = left < 0 ? 0 : wait_fd(s, writing, left);
            if (r < 0) {
                if (errno == EINTR) {
                    if (PyErr_CheckSignals() < 0) {
                        return -1;
                    }
                    continue;
                }
                set_error();
                return -1;
            }
            if (r == 0) {
                timeout_error();
                return -1;
            }
        }
        Py_ssize_t res;
        Py_BEGIN_ALLOW_THREADS;
        res = fn(s, data);
        Py_END_ALLOW_THREADS;
        if (res >= 0) {
            return res;
        }
        if (errno == EINTR) {
            if (PyErr_CheckSignals() < 0) {
                return -1;
            }
            continue;
        }
        if (timeout > 0 && (errno == EWOULDBLOCK || errno == EAGAIN)) {
            continue;
        }
        set_error();
        return -1;
    }
}

/* ---- creation ---- */

static PyObject *
sock_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    PySocketSockObject *s = (PySocketSockObject *)type->tp_alloc(type, 0);
    if (s != NULL) {
        s->sock_fd = -1;
        s->sock_timeout = -1;
        s->errorhandler = set_error;
    }
    return (PyObject *)s;
}

static int
init_sockobject(PySocketSockObject *s, int fd, int family, int type, int proto)
{
    s->sock_fd = fd;
    s->sock_family = family;
    s->sock_type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    s->sock_proto = proto;
    s->errorhandler = set_error;
    if (type & SOCK_NONBLOCK) {
        s->sock_timeout = 0;
    } else {
        s->sock_timeout = pyrs_socket_deftimeout;
        if (pyrs_socket_deftimeout >= 0 && internal_setblocking(s, 0) < 0) {
            return -1;
        }
    }
    return 0;
}

/* Queries an int option of FD (family/type/protocol of an adopted descriptor). */
static int
query_opt(int fd, int opt, int *out)
{
    socklen_t n = sizeof(*out);
    if (getsockopt(fd, SOL_SOCKET, opt, out, &n) < 0) {
        set_error();
        return -1;
    }
    return 0;
}

static int
sock_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    static const char *kwlist[] = {"family", "type", "proto", "fileno", NULL};
    int family = -1, type = -1, proto = -1;
    PyObject *fdobj = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|iiiO:socket", (char **)kwlist, &family, &type,
                                     &proto, &fdobj)) {
        return -1;
    }
    int fd;
    if (fdobj != NULL && fdobj != Py_None) {
        if (PyFloat_Check(fdobj)) {
            PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
            return -1;
        }
        long v = PyLong_AsLong(fdobj);
        if (v == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (v < 0) {
            PyErr_SetString(PyExc_ValueError, "negative file descriptor");
            return -1;
        }
        if (v > INT32_MAX) {
            PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
            return -1;
        }
        fd = (int)v;
        /* a descriptor that is not an open socket is refused, as CPython does */
        PyrsSockAddr addr;
        socklen_t alen = sizeof(addr);
        if (getsockname(fd, &addr.sa, &alen) < 0 && (errno == EBADF || errno == ENOTSOCK)) {
            set_error();
            return -1;
        }
        if ((family == -1 && query_opt(fd, SO_DOMAIN, &family) < 0) ||
            (type == -1 && query_opt(fd, SO_TYPE, &type) < 0) ||
            (proto == -1 && query_opt(fd, SO_PROTOCOL, &proto) < 0)) {
            return -1;
        }
    } else {
        family = family == -1 ? AF_INET : family;
        type = type == -1 ? SOCK_STREAM : type;
        proto = proto == -1 ? 0 : proto;
        Py_BEGIN_ALLOW_THREADS;
        fd = socket(family, type | SOCK_CLOEXEC, proto);
        Py_END_ALLOW_THREADS;
        if (fd < 0) {
            set_error();
            return -1;
        }
    }
    if (s->sock_fd != -1) {
        close(s->sock_fd);
    }
    return init_sockobject(s, fd, family, type, proto);
}

/* A new _socket.socket for an accepted or paired descriptor (new reference or NULL). */
static PyObject *
new_sockobject(int fd, int family, int type, int proto)
{
    PySocketSockObject *s = (PySocketSockObject *)sock_new(&pyrs_socket_type, NULL, NULL);
    if (s == NULL) {
        return NULL;
    }
    if (init_sockobject(s, fd, family, type, proto) < 0) {
        Py_DECREF(s);
        return NULL;
    }
    return (PyObject *)s;
}

/* A socket collected while open: ResourceWarning "unclosed <repr>" (the repr still works, so
 * the fd is closed only afterwards), as CPython's sock_finalize does. */
static void
sock_finalize(PyObject *self)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    if (s->sock_fd == -1) {
        return;
    }
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    if (PyErr_ResourceWarning(self, 1, "unclosed %R", self) < 0) {
        if (PyErr_ExceptionMatches(PyExc_Warning)) {
            PyErr_WriteUnraisable(self);
        }
        PyErr_Clear();
    }
    int fd = s->sock_fd;
    s->sock_fd = -1;
    close(fd);
    PyErr_Restore(type, value, tb);
}

static void
sock_dealloc(PyObject *self)
{
    if (PyObject_CallFinalizerFromDealloc(self) < 0) {
        return;
    }
    Py_TYPE(self)->tp_free(self);
}

static PyObject *
sock_repr(PyObject *self)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    return PyUnicode_FromFormat("<socket object, fd=%ld, family=%d, type=%d, proto=%d>",
                                (long)s->sock_fd, s->sock_family, s->sock_type, s->sock_proto);
}

/* ---- timeouts ---- */

int
pyrs_socket_parse_timeout(PyObject *obj, _PyTime_t *out)
{
    if (obj == Py_None) {
        *out = -1;
        return 0;
    }
    if (_PyTime_FromSecondsObject(out, obj, _PyTime_ROUND_TIMEOUT) < 0) {
        return -1;
    }
    if (*out < 0) {
        PyErr_SetString(PyExc_ValueError, "Timeout value out of range");
        return -1;
    }
    return 0;
}

static PyObject *
timeout_object(_PyTime_t t)
{
    if (t < 0) {
        Py_RETURN_NONE;
    }
    return PyFloat_FromDouble(_PyTime_AsSecondsDouble(t));
}

static PyObject *
sock_settimeout(PyObject *self, PyObject *arg)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    _PyTime_t t;
    if (pyrs_socket_parse_timeout(arg, &t) < 0) {
        return NULL;
    }
    s->sock_timeout = t;
    if (internal_setblocking(s, t < 0) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
sock_gettimeout(PyObject *self, PyObject *Py_UNUSED(arg))
{
    return timeout_object(((PySocketSockObject *)self)->sock_timeout);
}

static PyObject *
sock_timeout_get(PyObject *self, void *Py_UNUSED(closure))
{
    return timeout_object(((PySocketSockObject *)self)->sock_timeout);
}

static PyObject *
sock_setblocking(PyObject *self, PyObject *arg)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    long block = PyLong_AsLong(arg);
    if (block == -1 && PyErr_Occurred()) {
        return NULL;
    }
    s->sock_timeout = block ? -1 : 0;
    if (internal_setblocking(s, block != 0) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
sock_getblocking(PyObject *self, PyObject *Py_UNUSED(arg))
{
    return PyBool_FromLong(((PySocketSockObject *)self)->sock_timeout != 0);
}

/* ---- descriptor management ---- */

static PyObject *
sock_fileno(PyObject *self, PyObject *Py_UNUSED(arg))
{
    return PyLong_FromLong(((PySocketSockObject *)self)->sock_fd);
}

static PyObject *
sock_close(PyObject *self, PyObject *Py_UNUSED(arg))
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    int fd = s->sock_fd;
    if (fd != -1) {
        s->sock_fd = -1;
        int r;
        Py_BEGIN_ALLOW_THREADS;
        r = close(fd);
        Py_END_ALLOW_THREADS;
        if (r < 0 && errno != ECONNRESET) {
            return set_error();
        }
    }
    Py_RETURN_NONE;
}

static PyObject *
sock_detach(PyObject *self, PyObject *Py_UNUSED(arg))
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    int fd = s->sock_fd;
    s->sock_fd = -1;
    return PyLong_FromLong(fd);
}

/* ---- addresses and connections ---- */

static PyObject *
sock_bind(PyObject *self, PyObject *arg)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    PyrsSockAddr addr;
    socklen_t len;
    if (pyrs_socket_parse_addr(s->sock_family, arg, &addr, &len, "bind") < 0) {
        return NULL;
    }
    int r;
    Py_BEGIN_ALLOW_THREADS;
    r = bind(s->sock_fd, &addr.sa, len);
    Py_END_ALLOW_THREADS;
    if (r < 0) {
        return set_error();
    }
    Py_RETURN_NONE;
}

static PyObject *
sock_listen(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    if (!_PyArg_CheckPositional("listen", nargs, 0, 1)) {
        return NULL;
    }
    long backlog = SOMAXCONN < 128 ? SOMAXCONN : 128;
    if (nargs == 1) {
        if (PyFloat_Check(args[0])) {
            PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
            return NULL;
        }
        backlog = PyLong_AsLong(args[0]);
        if (backlog == -1 && PyErr_Occurred()) {
            return NULL;
        }
        backlog = backlog < 0 ? 0 : backlog;
    }
    int r;
    Py_BEGIN_ALLOW_THREADS;
    r = listen(s->sock_fd, (int)backlog);
    Py_END_ALLOW_THREADS;
    if (r < 0) {
        return set_error();
    }
    Py_RETURN_NONE;
}

/* connect() with CPython's timeout handling; 0, or an errno (RAISE: -1 with an exception
 * instead, as connect() does; connect_ex returns errnos but still raises TimeoutError and
 * signal-handler exceptions). */
static int
internal_connect(PySocketSockObject *s, const PyrsSockAddr *addr, socklen_t len, int raise)
{
    int r;
    Py_BEGIN_ALLOW_THREADS;
    r = connect(s->sock_fd, &addr->sa, len);
    Py_END_ALLOW_THREADS;
    int err = r < 0 ? errno : 0;
    if (err == EINTR) {
        if (PyErr_CheckSignals() < 0) {
            return -1;
        }
        if (s->sock_timeout == 0) {
            err = EWOULDBLOCK;
            goto done;
        }
    } else if (!(err == EINPROGRESS && s->sock_timeout != 0)) {
        goto done;
    }
    /* in progress: wait for writability, then fetch the connection's result */
    for (;;) {
        int w = wait_fd(s, 1, s->sock_timeout);
        if (w < 0 && errno == EINTR) {
            if (PyErr_CheckSignals() < 0) {
                return -1;
            }
            continue;
        }
        if (w < 0) {
            err = errno;
            break;
        }
        if (w == 0) {
            timeout_error();
            return -1;
        }
        socklen_t n = sizeof(err);
        if (getsockopt(s->sock_fd, SOL_SOCKET, SO_ERROR, &err, &n) < 0) {
            err = errno;
        }
        break;
    }
done:
    if (err != 0 && raise) {
        errno = err;
        set_error();
        return -1;
    }
    return err;
}

static PyObject *
sock_connect(PyObject *self, PyObject *arg)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    PyrsSockAddr addr;
    socklen_t len;
    if (pyrs_socket_parse_addr(s->sock_family, arg, &addr, &len, "connect") < 0 ||
        internal_connect(s, &addr, len, 1) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
sock_connect_ex(PyObject *self, PyObject *arg)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    PyrsSockAddr addr;
    socklen_t len;
    if (pyrs_socket_parse_addr(s->sock_family, arg, &addr, &len, "connect_ex") < 0) {
        return NULL;
    }
    int err = internal_connect(s, &addr, len, 0);
    return err < 0 ? NULL : PyLong_FromLong(err);
}

typedef struct {
    PyrsSockAddr addr; /* out: peer address */
    socklen_t len;     /* in/out: its length */
} AcceptCtx;

static Py_ssize_t
do_accept(PySocketSockObject *s, void *data)
{
    AcceptCtx *c = data;
    c->len = sizeof(c->addr);
    return accept4(s->sock_fd, &c->addr.sa, &c->len, SOCK_CLOEXEC);
}

static PyObject *
sock_accept(PyObject *self, PyObject *Py_UNUSED(arg))
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    AcceptCtx c;
    memset(&c, 0, sizeof(c));
    Py_ssize_t fd = sock_call(s, 0, do_accept, &c);
    if (fd < 0) {
        return NULL;
    }
    PyObject *addr = pyrs_socket_make_addr(&c.addr.sa, c.len);
    if (addr == NULL) {
        close((int)fd);
        return NULL;
    }
    return Py_BuildValue("nN", fd, addr);
}

static PyObject *
sock_name(PySocketSockObject *s, int peer)
{
    PyrsSockAddr addr;
    memset(&addr, 0, sizeof(addr));
    socklen_t len = sizeof(addr);
    int r =
        peer ? getpeername(s->sock_fd, &addr.sa, &len) : getsockname(s->sock_fd, &addr.sa, &len);
    if (r < 0) {
        return set_error();
    }
    return pyrs_socket_make_addr(&addr.sa, len);
}

static PyObject *
sock_getsockname(PyObject *self, PyObject *Py_UNUSED(arg))
{
    return sock_name((PySocketSockObject *)self, 0);
}

static PyObject *
sock_getpeername(PyObject *self, PyObject *Py_UNUSED(arg))
{
    return sock_name((PySocketSockObject *)self, 1);
}

static PyObject *
sock_shutdown(PyObject *self, PyObject *arg)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    if (PyFloat_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return NULL;
    }
    long how = PyLong_AsLong(arg);
    if (how == -1 && PyErr_Occurred()) {
        return NULL;
    }
    int r;
    Py_BEGIN_ALLOW_THREADS;
    r = shutdown(s->sock_fd, (int)how);
    Py_END_ALLOW_THREADS;
    if (r < 0) {
        return set_error();
    }
    Py_RETURN_NONE;
}

/* ---- options ---- */

static PyObject *
sock_setsockopt(PyObject *self, PyObject *args)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    int level, opt, r;
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs == 4) {
        PyObject *none;
        unsigned int optlen;
        if (!PyArg_ParseTuple(args, "iiO!I:setsockopt", &level, &opt, Py_TYPE(Py_None), &none,
                              &optlen)) {
            return NULL;
        }
        r = setsockopt(s->sock_fd, level, opt, NULL, optlen);
    } else {
        int flag;
        if (PyArg_ParseTuple(args, "iii:setsockopt", &level, &opt, &flag)) {
            r = setsockopt(s->sock_fd, level, opt, &flag, sizeof(flag));
        } else {
            PyErr_Clear();
            Py_buffer buf;
            if (!PyArg_ParseTuple(args, "iiy*:setsockopt", &level, &opt, &buf)) {
                return NULL;
            }
            r = setsockopt(s->sock_fd, level, opt, buf.buf, (socklen_t)buf.len);
            PyBuffer_Release(&buf);
        }
    }
    if (r < 0) {
        return set_error();
    }
    Py_RETURN_NONE;
}

static PyObject *
sock_getsockopt(PyObject *self, PyObject *args)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    int level, opt, buflen = 0;
    if (!PyArg_ParseTuple(args, "ii|i:getsockopt", &level, &opt, &buflen)) {
        return NULL;
    }
    if (buflen == 0) {
        int flag = 0;
        socklen_t n = sizeof(flag);
        if (getsockopt(s->sock_fd, level, opt, &flag, &n) < 0) {
            return set_error();
        }
        return PyLong_FromLong(flag);
    }
    if (buflen <= 0 || buflen > 1024) {
        PyErr_SetString(PyExc_OSError, "getsockopt buflen out of range");
        return NULL;
    }
    PyObject *buf = PyBytes_FromStringAndSize(NULL, buflen);
    if (buf == NULL) {
        return NULL;
    }
    socklen_t n = (socklen_t)buflen;
    if (getsockopt(s->sock_fd, level, opt, PyBytes_AS_STRING(buf), &n) < 0) {
        Py_DECREF(buf);
        return set_error();
    }
    _PyBytes_Resize(&buf, n);
    return buf;
}

/* ---- receiving ---- */

typedef struct {
    char *buf;         /* destination */
    size_t len;        /* its size */
    int flags;         /* MSG_* */
    PyrsSockAddr addr; /* out (recvfrom): sender */
    socklen_t addrlen; /* out (recvfrom): its length */
} RecvCtx;

static Py_ssize_t
do_recv(PySocketSockObject *s, void *data)
{
    RecvCtx *c = data;
    return recv(s->sock_fd, c->buf, c->len, c->flags);
}

static Py_ssize_t
do_recvfrom(PySocketSockObject *s, void *data)
{
    RecvCtx *c = data;
    c->addrlen = sizeof(c->addr);
    return recvfrom(s->sock_fd, c->buf, c->len, c->flags, &c->addr.sa, &c->addrlen);
}

static PyObject *
recv_common(PyObject *self, PyObject *args, const char *fmt, const char *name, int from)
{
    Py_ssize_t n;
    int flags = 0;
    if (!PyArg_ParseTuple(args, fmt, &n, &flags)) {
        return NULL;
    }
    if (n < 0) {
        PyErr_Format(PyExc_ValueError, "negative buffersize in %s", name);
        return NULL;
    }
    PyObject *buf = PyBytes_FromStringAndSize(NULL, n);
    if (buf == NULL) {
        return NULL;
    }
    RecvCtx c;
    memset(&c, 0, sizeof(c));
    c.buf = PyBytes_AS_STRING(buf);
    c.len = (size_t)n;
    c.flags = flags;
    Py_ssize_t got = sock_call((PySocketSockObject *)self, 0, from ? do_recvfrom : do_recv, &c);
    if (got < 0) {
        Py_DECREF(buf);
        return NULL;
    }
    if (got != n && _PyBytes_Resize(&buf, got) < 0) {
        return NULL;
    }
    if (!from) {
        return buf;
    }
    PyObject *addr = pyrs_socket_make_addr(&c.addr.sa, c.addrlen);
    if (addr == NULL) {
        Py_DECREF(buf);
        return NULL;
    }
    return Py_BuildValue("NN", buf, addr);
}

static PyObject *
sock_recv(PyObject *self, PyObject *args)
{
    return recv_common(self, args, "n|i:recv", "recv", 0);
}

static PyObject *
sock_recvfrom(PyObject *self, PyObject *args)
{
    return recv_common(self, args, "n|i:recvfrom", "recvfrom", 1);
}

static PyObject *
recv_into_common(PyObject *self, PyObject *args, PyObject *kwds, int from)
{
    static const char *kwlist[] = {"buffer", "nbytes", "flags", NULL};
    Py_buffer view;
    Py_ssize_t n = 0;
    int flags = 0;
    const char *name = from ? "recvfrom_into" : "recv_into";
    if (!PyArg_ParseTupleAndKeywords(args, kwds, from ? "w*|ni:recvfrom_into" : "w*|ni:recv_into",
                                     (char **)kwlist, &view, &n, &flags)) {
        return NULL;
    }
    PyObject *res = NULL;
    if (n < 0) {
        PyErr_Format(PyExc_ValueError, "negative buffersize in %s", name);
        goto done;
    }
    if (n == 0) {
        n = view.len;
    } else if (n > view.len) {
        PyErr_SetString(PyExc_ValueError, from ? "nbytes is greater than the length of the buffer"
                                               : "buffer too small for requested bytes");
        goto done;
    }
    RecvCtx c;
    memset(&c, 0, sizeof(c));
    c.buf = view.buf;
    c.len = (size_t)n;
    c.flags = flags;
    Py_ssize_t got = sock_call((PySocketSockObject *)self, 0, from ? do_recvfrom : do_recv, &c);
    if (got < 0) {
        goto done;
    }
    if (!from) {
        res = PyLong_FromSsize_t(got);
    } else {
        PyObject *addr = pyrs_socket_make_addr(&c.addr.sa, c.addrlen);
        res = addr == NULL ? NULL : Py_BuildValue("nN", got, addr);
    }
done:
    PyBuffer_Release(&view);
    return res;
}

static PyObject *
sock_recv_into(PyObject *self, PyObject *args, PyObject *kwds)
{
    return recv_into_common(self, args, kwds, 0);
}

static PyObject *
sock_recvfrom_into(PyObject *self, PyObject *args, PyObject *kwds)
{
    return recv_into_common(self, args, kwds, 1);
}

/* ---- sending ---- */

typedef struct {
    const char *buf;          /* data */
    size_t len;               /* bytes to send */
    int flags;                /* MSG_* */
    const PyrsSockAddr *addr; /* sendto: destination, else NULL */
    socklen_t addrlen;        /* its length */
} SendCtx;

static Py_ssize_t
do_send(PySocketSockObject *s, void *data)
{
    SendCtx *c = data;
    if (c->addr != NULL) {
        return sendto(s->sock_fd, c->buf, c->len, c->flags, &c->addr->sa, c->addrlen);
    }
    return send(s->sock_fd, c->buf, c->len, c->flags);
}

static PyObject *
sock_send(PyObject *self, PyObject *args)
{
    Py_buffer view;
    int flags = 0;
    if (!PyArg_ParseTuple(args, "y*|i:send", &view, &flags)) {
        return NULL;
    }
    SendCtx c = {view.buf, (size_t)view.len, flags, NULL, 0};
    Py_ssize_t n = sock_call((PySocketSockObject *)self, 1, do_send, &c);
    PyBuffer_Release(&view);
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

static PyObject *
sock_sendall(PyObject *self, PyObject *args)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    Py_buffer view;
    int flags = 0;
    if (!PyArg_ParseTuple(args, "y*|i:sendall", &view, &flags)) {
        return NULL;
    }
    const char *p = view.buf;
    Py_ssize_t left = view.len;
    _PyTime_t saved = s->sock_timeout;
    _PyTime_t deadline = saved > 0 ? _PyDeadline_Init(saved) : 0;
    PyObject *res = NULL;
    do {
        if (saved > 0) {
            /* the whole transfer shares one deadline */
            _PyTime_t rest = _PyDeadline_Get(deadline);
            if (rest <= 0) {
                timeout_error();
                goto done;
            }
            s->sock_timeout = rest;
        }
        SendCtx c = {p, (size_t)left, flags, NULL, 0};
        Py_ssize_t n = sock_call(s, 1, do_send, &c);
        s->sock_timeout = saved;
        if (n < 0) {
            goto done;
        }
        p += n;
        left -= n;
        if (PyErr_CheckSignals() < 0) {
            goto done;
        }
    } while (left > 0);
    res = Py_NewRef(Py_None);
done:
    s->sock_timeout = saved;
    PyBuffer_Release(&view);
    return res;
}

static PyObject *
sock_sendto(PyObject *self, PyObject *args)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    Py_buffer view;
    int flags = 0;
    PyObject *addro;
    if (nargs == 2) {
        if (!PyArg_ParseTuple(args, "y*O:sendto", &view, &addro)) {
            return NULL;
        }
    } else if (nargs == 3) {
        if (!PyArg_ParseTuple(args, "y*iO:sendto", &view, &flags, &addro)) {
            return NULL;
        }
    } else {
        PyErr_Format(PyExc_TypeError, "sendto() takes 2 or 3 arguments (%zd given)", nargs);
        return NULL;
    }
    PyrsSockAddr addr;
    socklen_t len;
    if (pyrs_socket_parse_addr(s->sock_family, addro, &addr, &len, "sendto") < 0) {
        PyBuffer_Release(&view);
        return NULL;
    }
    SendCtx c = {view.buf, (size_t)view.len, flags, &addr, len};
    Py_ssize_t n = sock_call(s, 1, do_send, &c);
    PyBuffer_Release(&view);
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

/* ---- sendmsg / recvmsg ---- */

typedef struct {
    struct msghdr msg; /* the message */
    int flags;         /* MSG_* */
} MsgCtx;

static Py_ssize_t
do_sendmsg(PySocketSockObject *s, void *data)
{
    MsgCtx *c = data;
    return sendmsg(s->sock_fd, &c->msg, c->flags);
}

static Py_ssize_t
do_recvmsg(PySocketSockObject *s, void *data)
{
    MsgCtx *c = data;
    return recvmsg(s->sock_fd, &c->msg, c->flags);
}

/* Releases the first N buffers of VIEWS and frees the arrays. */
static void
release_views(Py_buffer *views, Py_ssize_t n, struct iovec *iov)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        PyBuffer_Release(&views[i]);
    }
    PyMem_Free(views);
    PyMem_Free(iov);
}

#define ANC_ITEMS "[sendmsg() ancillary data items]()"

/* One (level, type, data) item of sendmsg()'s ancillary data; B gets the data buffer. 0, or
 * -1 with getargs' TypeError for a bad item. */
static int
anc_item(PyObject *item, int *level, int *type, Py_buffer *b)
{
    if (!PySequence_Check(item) || PyUnicode_Check(item) || PyBytes_Check(item)) {
        PyErr_Format(PyExc_TypeError, ANC_ITEMS " argument must be 3-item sequence, not %.50s",
                     item == Py_None ? "None" : Py_TYPE(item)->tp_name);
        return -1;
    }
    Py_ssize_t n = PySequence_Size(item);
    if (n != 3) {
        if (n >= 0) {
            PyErr_Format(PyExc_TypeError,
                         ANC_ITEMS " argument must be sequence of length 3, not %zd", n);
        }
        return -1;
    }
    PyObject *t = PySequence_Tuple(item);
    if (t == NULL) {
        return -1;
    }
    int ok = PyArg_ParseTuple(t, "iiy*", level, type, b);
    Py_DECREF(t);
    return ok ? 0 : -1;
}

/* Fills the control buffer from an iterable of (level, type, data) items. NULL + 0 when
 * empty. 0 or -1. */
static int
build_cmsgs(PyObject *anc, char **out, size_t *outlen)
{
    PyObject *items = PySequence_Fast(anc, "sendmsg() argument 2 must be an iterable");
    if (items == NULL) {
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(items);
    size_t space = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        int level, type;
        Py_buffer b;
        if (anc_item(PySequence_Fast_GET_ITEM(items, i), &level, &type, &b) < 0) {
            Py_DECREF(items);
            return -1;
        }
        space += CMSG_SPACE((size_t)b.len);
        PyBuffer_Release(&b);
    }
    char *buf = space ? PyMem_Calloc(1, space) : NULL;
    if (space && buf == NULL) {
        Py_DECREF(items);
        PyErr_NoMemory();
        return -1;
    }
    struct msghdr m;
    memset(&m, 0, sizeof(m));
    m.msg_control = buf;
    m.msg_controllen = space;
    struct cmsghdr *cm = space ? CMSG_FIRSTHDR(&m) : NULL;
    for (Py_ssize_t i = 0; i < n && cm != NULL; i++) {
        int level, type;
        Py_buffer b;
        if (anc_item(PySequence_Fast_GET_ITEM(items, i), &level, &type, &b) < 0) {
            break;
        }
        cm->cmsg_level = level;
        cm->cmsg_type = type;
        cm->cmsg_len = CMSG_LEN((size_t)b.len);
        memcpy(CMSG_DATA(cm), b.buf, (size_t)b.len);
        PyBuffer_Release(&b);
        cm = CMSG_NXTHDR(&m, cm);
    }
    Py_DECREF(items);
    if (PyErr_Occurred()) {
        PyMem_Free(buf);
        return -1;
    }
    *out = buf;
    *outlen = space;
    return 0;
}

static PyObject *
sock_sendmsg(PyObject *self, PyObject *args)
{
    PySocketSockObject *s = (PySocketSockObject *)self;
    PyObject *bufs, *anc = NULL, *addro = Py_None;
    int flags = 0;
    if (!PyArg_ParseTuple(args, "O|OiO:sendmsg", &bufs, &anc, &flags, &addro)) {
        return NULL;
    }
    MsgCtx c;
    memset(&c, 0, sizeof(c));
    c.flags = flags;
    PyrsSockAddr addr;
    socklen_t alen = 0;
    if (addro != Py_None) {
        if (pyrs_socket_parse_addr(s->sock_family, addro, &addr, &alen, "sendmsg") < 0) {
            return NULL;
        }
        c.msg.msg_name = &addr;
        c.msg.msg_namelen = alen;
    }
    PyObject *seq = PySequence_Fast(bufs, "sendmsg() argument 1 must be an iterable");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), got = 0;
    Py_buffer *views = PyMem_Calloc((size_t)n + 1, sizeof(Py_buffer));
    struct iovec *iov = PyMem_Calloc((size_t)n + 1, sizeof(struct iovec));
    char *control = NULL;
    size_t clen = 0;
    PyObject *res = NULL;
    if (views == NULL || iov == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (; got < n; got++) {
        if (PyObject_GetBuffer(PySequence_Fast_GET_ITEM(seq, got), &views[got], PyBUF_SIMPLE) < 0) {
            goto done;
        }
        iov[got].iov_base = views[got].buf;
        iov[got].iov_len = (size_t)views[got].len;
    }
    if (anc != NULL && build_cmsgs(anc, &control, &clen) < 0) {
        goto done;
    }
    c.msg.msg_iov = iov;
    c.msg.msg_iovlen = (size_t)n;
    c.msg.msg_control = control;
    c.msg.msg_controllen = clen;
    Py_ssize_t sent = sock_call(s, 1, do_sendmsg, &c);
    res = sent < 0 ? NULL : PyLong_FromSsize_t(sent);
done:
    release_views(views, got, iov);
    PyMem_Free(control);
    Py_DECREF(seq);
    return res;
}

/* The (level, type, data) list of the control messages of M. */
static PyObject *
cmsg_list(struct msghdr *m)
{
    PyObject *list = PyList_New(0);
    if (list == NULL || m->msg_controllen == 0) {
        return list;
    }
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(m); cm != NULL; cm = CMSG_NXTHDR(m, cm)) {
        size_t dlen = cm->cmsg_len - CMSG_LEN(0);
        PyObject *item =
            Py_BuildValue("iiy#", cm->cmsg_level, cm->cmsg_type, CMSG_DATA(cm), (Py_ssize_t)dlen);
        if (item == NULL || PyList_Append(list, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(item);
    }
    return list;
}

/* Receives into IOV (N entries) with room for ANCBUFSIZE bytes of control data; returns
 * (nbytes, ancdata, flags, address) with nbytes as an int. */
static PyObject *
recvmsg_common(PySocketSockObject *s, struct iovec *iov, size_t n, Py_ssize_t ancbufsize, int flags)
{
    if (ancbufsize < 0) {
        PyErr_SetString(PyExc_ValueError, "invalid ancillary data buffer length");
        return NULL;
    }
    MsgCtx c;
    memset(&c, 0, sizeof(c));
    PyrsSockAddr addr;
    memset(&addr, 0, sizeof(addr));
    char *control = ancbufsize ? PyMem_Calloc(1, (size_t)ancbufsize) : NULL;
    if (ancbufsize && control == NULL) {
        return PyErr_NoMemory();
    }
    c.msg.msg_name = &addr;
    c.msg.msg_namelen = sizeof(addr);
    c.msg.msg_iov = iov;
    c.msg.msg_iovlen = n;
    c.msg.msg_control = control;
    c.msg.msg_controllen = (size_t)ancbufsize;
    c.flags = flags;
    Py_ssize_t got = sock_call(s, 0, do_recvmsg, &c);
    PyObject *res = NULL;
    if (got >= 0) {
        PyObject *anc = cmsg_list(&c.msg);
        PyObject *a = anc ? pyrs_socket_make_addr(&addr.sa, c.msg.msg_namelen) : NULL;
        res = a ? Py_BuildValue("nNiN", got, anc, c.msg.msg_flags, a) : NULL;
        if (a == NULL) {
            Py_XDECREF(anc);
        }
    }
    PyMem_Free(control);
    return res;
}

static PyObject *
sock_recvmsg(PyObject *self, PyObject *args)
{
    Py_ssize_t bufsize, ancbufsize = 0;
    int flags = 0;
    if (!PyArg_ParseTuple(args, "n|ni:recvmsg", &bufsize, &ancbufsize, &flags)) {
        return NULL;
    }
    if (bufsize < 0) {
        PyErr_SetString(PyExc_ValueError, "negative buffer size in recvmsg()");
        return NULL;
    }
    PyObject *buf = PyBytes_FromStringAndSize(NULL, bufsize);
    if (buf == NULL) {
        return NULL;
    }
    struct iovec iov = {PyBytes_AS_STRING(buf), (size_t)bufsize};
    PyObject *r = recvmsg_common((PySocketSockObject *)self, &iov, 1, ancbufsize, flags);
    if (r == NULL) {
        Py_DECREF(buf);
        return NULL;
    }
    Py_ssize_t got = PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 0));
    if (got != bufsize && _PyBytes_Resize(&buf, got) < 0) {
        Py_DECREF(r);
        return NULL;
    }
    PyObject *old = PyTuple_GET_ITEM(r, 0);
    PyTuple_SET_ITEM(r, 0, buf);
    Py_DECREF(old);
    return r;
}

static PyObject *
sock_recvmsg_into(PyObject *self, PyObject *args)
{
    PyObject *bufs;
    Py_ssize_t ancbufsize = 0;
    int flags = 0;
    if (!PyArg_ParseTuple(args, "O|ni:recvmsg_into", &bufs, &ancbufsize, &flags)) {
        return NULL;
    }
    PyObject *seq = PySequence_Fast(bufs, "recvmsg_into() argument 1 must be an iterable");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), got = 0;
    Py_buffer *views = PyMem_Calloc((size_t)n + 1, sizeof(Py_buffer));
    struct iovec *iov = PyMem_Calloc((size_t)n + 1, sizeof(struct iovec));
    PyObject *res = NULL;
    if (views == NULL || iov == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (; got < n; got++) {
        if (PyObject_GetBuffer(PySequence_Fast_GET_ITEM(seq, got), &views[got], PyBUF_WRITABLE) <
            0) {
            goto done;
        }
        iov[got].iov_base = views[got].buf;
        iov[got].iov_len = (size_t)views[got].len;
    }
    res = recvmsg_common((PySocketSockObject *)self, iov, (size_t)n, ancbufsize, flags);
done:
    release_views(views, got, iov);
    Py_DECREF(seq);
    return res;
}

static PyObject *
sock_sendmsg_afalg(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    PyErr_SetString(PyExc_NotImplementedError, "sendmsg_afalg() is not supported by pyrs");
    return NULL;
}

/* ---- the type ---- */

static PyMethodDef sock_methods[] = {
    {"_accept", sock_accept, METH_NOARGS, NULL},
    {"bind", sock_bind, METH_O, NULL},
    {"close", sock_close, METH_NOARGS, NULL},
    {"connect", sock_connect, METH_O, NULL},
    {"connect_ex", sock_connect_ex, METH_O, NULL},
    {"detach", sock_detach, METH_NOARGS, NULL},
    {"fileno", sock_fileno, METH_NOARGS, NULL},
    {"getblocking", sock_getblocking, METH_NOARGS, NULL},
    {"getpeername", sock_getpeername, METH_NOARGS, NULL},
    {"getsockname", sock_getsockname, METH_NOARGS, NULL},
    {"getsockopt", sock_getsockopt, METH_VARARGS, NULL},
    {"gettimeout", sock_gettimeout, METH_NOARGS, NULL},
    {"listen", (PyCFunction)(void (*)(void))sock_listen, METH_FASTCALL, NULL},
    {"recv", sock_recv, METH_VARARGS, NULL},
    {"recv_into", (PyCFunction)(void (*)(void))sock_recv_into, METH_VARARGS | METH_KEYWORDS, NULL},
    {"recvfrom", sock_recvfrom, METH_VARARGS, NULL},
    {"recvfrom_into", (PyCFunction)(void (*)(void))sock_recvfrom_into, METH_VARARGS | METH_KEYWORDS,
     NULL},
    {"recvmsg", sock_recvmsg, METH_VARARGS, NULL},
    {"recvmsg_into", sock_recvmsg_into, METH_VARARGS, NULL},
    {"send", sock_send, METH_VARARGS, NULL},
    {"sendall", sock_sendall, METH_VARARGS, NULL},
    {"sendmsg", sock_sendmsg, METH_VARARGS, NULL},
    {"sendmsg_afalg", (PyCFunction)(void (*)(void))sock_sendmsg_afalg, METH_VARARGS | METH_KEYWORDS,
     NULL},
    {"sendto", sock_sendto, METH_VARARGS, NULL},
    {"setblocking", sock_setblocking, METH_O, NULL},
    {"setsockopt", sock_setsockopt, METH_VARARGS, NULL},
    {"settimeout", sock_settimeout, METH_O, NULL},
    {"shutdown", sock_shutdown, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef sock_members[] = {
    {"family", T_INT, offsetof(PySocketSockObject, sock_family), READONLY, "the socket family"},
    {"type", T_INT, offsetof(PySocketSockObject, sock_type), READONLY, "the socket type"},
    {"proto", T_INT, offsetof(PySocketSockObject, sock_proto), READONLY, "the socket protocol"},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef sock_getset[] = {
    {"timeout", sock_timeout_get, NULL, "the socket timeout", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject pyrs_socket_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_socket.socket",
    .tp_basicsize = sizeof(PySocketSockObject),
    .tp_dealloc = sock_dealloc,
    .tp_repr = sock_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object",
    .tp_methods = sock_methods,
    .tp_members = sock_members,
    .tp_getset = sock_getset,
    .tp_init = sock_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = sock_new,
    .tp_free = PyObject_Free,
    .tp_finalize = sock_finalize,
};

PyObject *
pyrs_socket_socketpair(PyObject *Py_UNUSED(m), PyObject *args)
{
    int family = AF_UNIX, type = SOCK_STREAM, proto = 0;
    if (!PyArg_ParseTuple(args, "|iii:socketpair", &family, &type, &proto)) {
        return NULL;
    }
    int sv[2], r;
    Py_BEGIN_ALLOW_THREADS;
    r = socketpair(family, type | SOCK_CLOEXEC, proto, sv);
    Py_END_ALLOW_THREADS;
    if (r < 0) {
        return set_error();
    }
    PyObject *a = new_sockobject(sv[0], family, type, proto);
    if (a == NULL) {
        close(sv[0]);
        close(sv[1]);
        return NULL;
    }
    PyObject *b = new_sockobject(sv[1], family, type, proto);
    if (b == NULL) {
        Py_DECREF(a);
        close(sv[1]);
        return NULL;
    }
    return Py_BuildValue("NN", a, b);
}
