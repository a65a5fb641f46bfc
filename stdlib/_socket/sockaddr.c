/* stdlib/_socket/sockaddr.c: socket addresses between Python and C as CPython 3.11's
 * socketmodule does it: (host, port) tuples with name resolution for AF_INET/AF_INET6,
 * str/bytes paths (and the Linux abstract namespace) for AF_UNIX, and the errors. */
#define _GNU_SOURCE 1
#define PY_SSIZE_T_CLEAN
#include "pyrs_socket.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <netdb.h>
#include <stddef.h>
#include <string.h>

PyObject *pyrs_socket_herror;
PyObject *pyrs_socket_gaierror;

PyObject *
pyrs_socket_gai_error(int code)
{
    if (code == EAI_SYSTEM) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    PyObject *v = Py_BuildValue("(is)", code, gai_strerror(code));
    if (v != NULL) {
        PyErr_SetObject(pyrs_socket_gaierror, v);
        Py_DECREF(v);
    }
    return NULL;
}

PyObject *
pyrs_socket_host_bytes(PyObject *obj)
{
    if (PyBytes_Check(obj)) {
        return Py_NewRef(obj);
    }
    if (PyByteArray_Check(obj)) {
        return PyBytes_FromStringAndSize(PyByteArray_AS_STRING(obj), PyByteArray_GET_SIZE(obj));
    }
    if (PyUnicode_Check(obj)) {
        if (PyUnicode_IS_ASCII(obj)) {
            return PyBytes_FromStringAndSize(PyUnicode_AsUTF8(obj), PyUnicode_GET_LENGTH(obj));
        }
        return PyUnicode_AsEncodedString(obj, "idna", NULL);
    }
    PyErr_Format(PyExc_TypeError, "str, bytes or bytearray expected, not %s",
                 Py_TYPE(obj)->tp_name);
    return NULL;
}

/* The wildcard address for "" (CPython resolves it with AI_PASSIVE; same result). */
static int
wildcard(struct sockaddr *addr, size_t size, int af)
{
    if (af == AF_INET6 && size >= sizeof(struct sockaddr_in6)) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)addr;
        memset(a6, 0, sizeof(*a6));
        a6->sin6_family = AF_INET6;
        a6->sin6_addr = in6addr_any;
        return (int)sizeof(*a6);
    }
    struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
    memset(a4, 0, sizeof(*a4));
    a4->sin_family = AF_INET;
    a4->sin_addr.s_addr = htonl(INADDR_ANY);
    return (int)sizeof(*a4);
}

int
pyrs_socket_set_ipaddr(const char *name, struct sockaddr *addr, size_t size, int af)
{
    if (name[0] == '\0') {
        return wildcard(addr, size, af);
    }
    if (strcmp(name, "<broadcast>") == 0 || strcmp(name, "255.255.255.255") == 0) {
        if (af != AF_INET && af != AF_UNSPEC) {
            PyErr_SetString(PyExc_OSError, "address family mismatched");
            return -1;
        }
        struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
        memset(a4, 0, sizeof(*a4));
        a4->sin_family = AF_INET;
        a4->sin_addr.s_addr = htonl(INADDR_BROADCAST);
        return (int)sizeof(*a4);
    }
    if (af == AF_INET || af == AF_UNSPEC) {
        struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
        struct in_addr ia;
        if (inet_pton(AF_INET, name, &ia) == 1) {
            memset(a4, 0, sizeof(*a4));
            a4->sin_family = AF_INET;
            a4->sin_addr = ia;
            return (int)sizeof(*a4);
        }
    }
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = af;
    int err;
    Py_BEGIN_ALLOW_THREADS;
    err = getaddrinfo(name, NULL, &hints, &res);
    Py_END_ALLOW_THREADS;
    if (err != 0) {
        pyrs_socket_gai_error(err);
        return -1;
    }
    size_t n = res->ai_addrlen < size ? res->ai_addrlen : size;
    memcpy(addr, res->ai_addr, n);
    freeaddrinfo(res);
    return (int)n;
}

/* Resolves HOST (any object idna accepts) into ADDR for AF. 0 or -1. */
static int
resolve_host(PyObject *host, struct sockaddr *addr, size_t size, int af)
{
    PyObject *b = pyrs_socket_host_bytes(host);
    if (b == NULL) {
        return -1;
    }
    if (strlen(PyBytes_AS_STRING(b)) != (size_t)PyBytes_GET_SIZE(b)) {
        PyErr_SetString(PyExc_TypeError, "host name must not contain null character");
        Py_DECREF(b);
        return -1;
    }
    int r = pyrs_socket_set_ipaddr(PyBytes_AS_STRING(b), addr, size, af);
    Py_DECREF(b);
    return r < 0 ? -1 : 0;
}

/* An int item converted like PyArg_Parse's "i"; OVERFLOW_MSG replaces OverflowError. */
static int
int_item(PyObject *o, long lo, long hi, const char *caller, const char *what, long *out)
{
    long v = PyLong_AsLong(o);
    if (v == -1 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_Format(PyExc_OverflowError, "%s(): %s must be %ld-%ld.", caller, what, lo, hi);
        }
        return -1;
    }
    if (v < lo || v > hi) {
        PyErr_Format(PyExc_OverflowError, "%s(): %s must be %ld-%ld.", caller, what, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

static int
parse_inet(PyObject *args, PyrsSockAddr *addr, socklen_t *len, const char *caller)
{
    if (!PyTuple_Check(args)) {
        PyErr_Format(PyExc_TypeError, "%s(): AF_INET address must be tuple, not %.500s", caller,
                     Py_TYPE(args)->tp_name);
        return -1;
    }
    if (PyTuple_GET_SIZE(args) != 2) {
        PyErr_SetString(PyExc_TypeError, "AF_INET address must be a pair (host, port)");
        return -1;
    }
    long port;
    PyObject *b = pyrs_socket_host_bytes(PyTuple_GET_ITEM(args, 0));
    if (b == NULL) {
        return -1;
    }
    Py_DECREF(b);
    if (int_item(PyTuple_GET_ITEM(args, 1), 0, 65535, caller, "port", &port) < 0) {
        return -1;
    }
    if (resolve_host(PyTuple_GET_ITEM(args, 0), &addr->sa, sizeof(addr->in4), AF_INET) < 0) {
        return -1;
    }
    addr->in4.sin_family = AF_INET;
    addr->in4.sin_port = htons((uint16_t)port);
    *len = sizeof(addr->in4);
    return 0;
}

/* An unsigned item like "I" (wrapping), checked against MAX. */
static int
uint_item(PyObject *o, unsigned long max, const char *caller, const char *what, unsigned *out)
{
    if (!PyLong_Check(o) && PyFloat_Check(o)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return -1;
    }
    unsigned long v = PyLong_AsUnsignedLongMask(o);
    if (v == (unsigned long)-1 && PyErr_Occurred()) {
        return -1;
    }
    v &= 0xffffffffUL;
    if (v > max) {
        PyErr_Format(PyExc_OverflowError, "%s(): %s must be 0-%lu.", caller, what, max);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

static int
parse_inet6(PyObject *args, PyrsSockAddr *addr, socklen_t *len, const char *caller)
{
    if (!PyTuple_Check(args)) {
        PyErr_Format(PyExc_TypeError, "%s(): AF_INET6 address must be tuple, not %.500s", caller,
                     Py_TYPE(args)->tp_name);
        return -1;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < 2 || n > 4) {
        PyErr_SetString(PyExc_TypeError,
                        "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])");
        return -1;
    }
    PyObject *b = pyrs_socket_host_bytes(PyTuple_GET_ITEM(args, 0));
    if (b == NULL) {
        return -1;
    }
    Py_DECREF(b);
    long port;
    unsigned flowinfo = 0, scope_id = 0;
    if (int_item(PyTuple_GET_ITEM(args, 1), 0, 65535, caller, "port", &port) < 0 ||
        (n > 2 &&
         uint_item(PyTuple_GET_ITEM(args, 2), 0xfffff, caller, "flowinfo", &flowinfo) < 0) ||
        (n > 3 &&
         uint_item(PyTuple_GET_ITEM(args, 3), 0xffffffffUL, caller, "scope_id", &scope_id) < 0)) {
        return -1;
    }
    if (resolve_host(PyTuple_GET_ITEM(args, 0), &addr->sa, sizeof(addr->in6), AF_INET6) < 0) {
        return -1;
    }
    addr->in6.sin6_family = AF_INET6;
    addr->in6.sin6_port = htons((uint16_t)port);
    addr->in6.sin6_flowinfo = htonl(flowinfo);
    if (n > 3) {
        addr->in6.sin6_scope_id = scope_id;
    }
    *len = sizeof(addr->in6);
    return 0;
}

static int
parse_unix(PyObject *args, PyrsSockAddr *addr, socklen_t *len)
{
    PyObject *owned = NULL;
    if (PyUnicode_Check(args)) {
        owned = PyUnicode_EncodeFSDefault(args);
        if (owned == NULL) {
            return -1;
        }
        args = owned;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(args, &view, PyBUF_SIMPLE) < 0) {
        Py_XDECREF(owned);
        return -1;
    }
    const char *p = view.buf;
    size_t max = sizeof(addr->un.sun_path);
    int abstract = view.len > 0 && p[0] == '\0';
    int ok = abstract ? (size_t)view.len <= max : (size_t)view.len < max;
    if (ok) {
        memset(&addr->un, 0, sizeof(addr->un));
        addr->un.sun_family = AF_UNIX;
        memcpy(addr->un.sun_path, p, (size_t)view.len);
        *len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + (size_t)view.len);
    } else {
        PyErr_SetString(PyExc_OSError, "AF_UNIX path too long");
    }
    PyBuffer_Release(&view);
    Py_XDECREF(owned);
    return ok ? 0 : -1;
}

/* A "I"-style unsigned item (wrapping, as getargs does). 0 or -1. */
static int
uint_wrap(PyObject *o, unsigned *out)
{
    if (PyFloat_Check(o)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return -1;
    }
    unsigned long v = PyLong_AsUnsignedLongMask(o);
    if (v == (unsigned long)-1 && PyErr_Occurred()) {
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

static int
parse_netlink(PyObject *args, PyrsSockAddr *addr, socklen_t *len, const char *caller)
{
    if (!PyTuple_Check(args)) {
        PyErr_Format(PyExc_TypeError, "%s(): AF_NETLINK address must be tuple, not %.500s", caller,
                     Py_TYPE(args)->tp_name);
        return -1;
    }
    if (PyTuple_GET_SIZE(args) != 2) {
        PyErr_SetString(PyExc_TypeError, "AF_NETLINK address must be a pair (pid, groups)");
        return -1;
    }
    struct sockaddr_nl *nl = (struct sockaddr_nl *)&addr->stor;
    unsigned pid, groups;
    if (uint_wrap(PyTuple_GET_ITEM(args, 0), &pid) < 0 ||
        uint_wrap(PyTuple_GET_ITEM(args, 1), &groups) < 0) {
        return -1;
    }
    nl->nl_family = AF_NETLINK;
    nl->nl_pid = pid;
    nl->nl_groups = groups;
    *len = sizeof(*nl);
    return 0;
}

int
pyrs_socket_parse_addr(int family, PyObject *args, PyrsSockAddr *addr, socklen_t *len,
                       const char *caller)
{
    memset(addr, 0, sizeof(*addr));
    switch (family) {
    case AF_UNIX:
        return parse_unix(args, addr, len);
    case AF_INET:
        return parse_inet(args, addr, len, caller);
    case AF_INET6:
        return parse_inet6(args, addr, len, caller);
    case AF_NETLINK:
        return parse_netlink(args, addr, len, caller);
    default:
        PyErr_Format(PyExc_OSError, "%s(): bad family", caller);
        return -1;
    }
}

/* The numeric text of an IPv4 or IPv6 address (no "%scope" suffix, as CPython's). */
static PyObject *
make_ipaddr(const struct sockaddr *sa)
{
    char buf[INET6_ADDRSTRLEN];
    const void *p = sa->sa_family == AF_INET6
                        ? (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr
                        : (const void *)&((const struct sockaddr_in *)sa)->sin_addr;
    if (inet_ntop(sa->sa_family, p, buf, sizeof(buf)) == NULL) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return PyUnicode_FromString(buf);
}

PyObject *
pyrs_socket_make_addr(const struct sockaddr *sa, socklen_t len)
{
    if (len == 0) {
        Py_RETURN_NONE;
    }
    switch (sa->sa_family) {
    case AF_INET: {
        const struct sockaddr_in *a = (const struct sockaddr_in *)sa;
        PyObject *ip = make_ipaddr(sa);
        return ip == NULL ? NULL : Py_BuildValue("Ni", ip, ntohs(a->sin_port));
    }
    case AF_INET6: {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)sa;
        PyObject *ip = make_ipaddr(sa);
        return ip == NULL
                   ? NULL
                   : Py_BuildValue("NiII", ip, ntohs(a->sin6_port),
                                   (unsigned)ntohl(a->sin6_flowinfo), (unsigned)a->sin6_scope_id);
    }
    case AF_UNIX: {
        const struct sockaddr_un *a = (const struct sockaddr_un *)sa;
        size_t n = (size_t)len - offsetof(struct sockaddr_un, sun_path);
        if (len > offsetof(struct sockaddr_un, sun_path) && a->sun_path[0] == '\0') {
            return PyBytes_FromStringAndSize(a->sun_path, (Py_ssize_t)n);
        }
        if (len <= offsetof(struct sockaddr_un, sun_path)) {
            return PyUnicode_FromString("");
        }
        return PyUnicode_DecodeFSDefaultAndSize(a->sun_path, (Py_ssize_t)strnlen(a->sun_path, n));
    }
    case AF_NETLINK: {
        const struct sockaddr_nl *nl = (const struct sockaddr_nl *)sa;
        return Py_BuildValue("II", (unsigned)nl->nl_pid, (unsigned)nl->nl_groups);
    }
    default:
        return Py_BuildValue("iy#", sa->sa_family, sa->sa_data, (Py_ssize_t)sizeof(sa->sa_data));
    }
}
