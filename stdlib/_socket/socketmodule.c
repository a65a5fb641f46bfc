/* stdlib/_socket/socketmodule.c: the _socket module's functions and initialisation as
 * CPython 3.11 has them: name and service lookups (getaddrinfo, getnameinfo, gethostby*,
 * getservby*, getprotobyname), address text conversions, byte-order helpers, the default
 * timeout, and the exceptions (error = OSError, herror, gaierror, timeout = TimeoutError). */
#define _GNU_SOURCE 1
#define PY_SSIZE_T_CLEAN
#include "pyrs_socket.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netdb.h>
#include <string.h>
#include <unistd.h>

static PyObject *
int_arg_error(PyObject *arg)
{
    PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                 Py_TYPE(arg)->tp_name);
    return NULL;
}

/* An argument converted like PyArg_Parse's "i". 0 or -1. */
static int
int_arg(PyObject *arg, int *out)
{
    if (PyFloat_Check(arg)) {
        int_arg_error(arg);
        return -1;
    }
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (v > INT32_MAX || v < INT32_MIN) {
        PyErr_SetString(PyExc_OverflowError, v > 0 ? "signed integer is greater than maximum"
                                                   : "signed integer is less than minimum");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* ---- byte order ---- */

static PyObject *
short_convert(PyObject *arg, const char *name)
{
    int x;
    if (int_arg(arg, &x) < 0) {
        return NULL;
    }
    if (x < 0) {
        PyErr_Format(PyExc_OverflowError,
                     "%s: can't convert negative Python int to C 16-bit unsigned integer", name);
        return NULL;
    }
    if (x > 0xffff) {
        PyErr_Format(PyExc_OverflowError,
                     "%s: Python int too large to convert to C 16-bit unsigned integer", name);
        return NULL;
    }
    return PyLong_FromLong(ntohs((uint16_t)x));
}

static PyObject *
socket_htons(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return short_convert(arg, "htons");
}

static PyObject *
socket_ntohs(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return short_convert(arg, "ntohs");
}

static PyObject *
long_convert(PyObject *arg)
{
    if (!PyLong_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "expected int, %s found", Py_TYPE(arg)->tp_name);
        return NULL;
    }
    unsigned long x = PyLong_AsUnsignedLong(arg);
    if (x == (unsigned long)-1 && PyErr_Occurred()) {
        return NULL;
    }
    if (x > 0xffffffffUL) {
        PyErr_SetString(PyExc_OverflowError, "int larger than 32 bits");
        return NULL;
    }
    return PyLong_FromUnsignedLong(ntohl((uint32_t)x));
}

static PyObject *
socket_htonl(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return long_convert(arg);
}

static PyObject *
socket_ntohl(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return long_convert(arg);
}

/* ---- address text ---- */

static PyObject *
socket_inet_aton(PyObject *Py_UNUSED(m), PyObject *args)
{
    const char *ip;
    if (!PyArg_ParseTuple(args, "s:inet_aton", &ip)) {
        return NULL;
    }
    struct in_addr a;
    if (inet_aton(ip, &a) == 0) {
        PyErr_SetString(PyExc_OSError, "illegal IP address string passed to inet_aton");
        return NULL;
    }
    return PyBytes_FromStringAndSize((const char *)&a, sizeof(a));
}

static PyObject *
socket_inet_ntoa(PyObject *Py_UNUSED(m), PyObject *args)
{
    Py_buffer b;
    if (!PyArg_ParseTuple(args, "y*:inet_ntoa", &b)) {
        return NULL;
    }
    if (b.len != 4) {
        PyBuffer_Release(&b);
        PyErr_SetString(PyExc_OSError, "packed IP wrong length for inet_ntoa");
        return NULL;
    }
    struct in_addr a;
    memcpy(&a, b.buf, 4);
    PyBuffer_Release(&b);
    char out[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &a, out, sizeof(out));
    return PyUnicode_FromString(out);
}

static PyObject *
socket_inet_pton(PyObject *Py_UNUSED(m), PyObject *args)
{
    int af;
    const char *ip;
    if (!PyArg_ParseTuple(args, "is:inet_pton", &af, &ip)) {
        return NULL;
    }
    unsigned char packed[sizeof(struct in6_addr)];
    int r = inet_pton(af, ip, packed);
    if (r < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    if (r == 0) {
        PyErr_SetString(PyExc_OSError, "illegal IP address string passed to inet_pton");
        return NULL;
    }
    return PyBytes_FromStringAndSize((const char *)packed, af == AF_INET ? 4 : 16);
}

static PyObject *
socket_inet_ntop(PyObject *Py_UNUSED(m), PyObject *args)
{
    int af;
    Py_buffer b;
    if (!PyArg_ParseTuple(args, "iy*:inet_ntop", &af, &b)) {
        return NULL;
    }
    Py_ssize_t want = af == AF_INET ? 4 : (af == AF_INET6 ? 16 : -1);
    if (want < 0) {
        PyBuffer_Release(&b);
        PyErr_Format(PyExc_ValueError, "unknown address family %d", af);
        return NULL;
    }
    if (b.len != want) {
        PyBuffer_Release(&b);
        PyErr_SetString(PyExc_ValueError, "invalid length of packed IP address string");
        return NULL;
    }
    char out[INET6_ADDRSTRLEN];
    const char *r = inet_ntop(af, b.buf, out, sizeof(out));
    PyBuffer_Release(&b);
    if (r == NULL) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return PyUnicode_FromString(out);
}

/* ---- names and services ---- */

static PyObject *
socket_gethostname(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    char buf[1024];
    if (gethostname(buf, sizeof(buf) - 1) < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    buf[sizeof(buf) - 1] = '\0';
    return PyUnicode_DecodeFSDefault(buf);
}

static PyObject *
socket_sethostname(PyObject *Py_UNUSED(m), PyObject *arg)
{
    PyObject *b = NULL;
    if (!PyUnicode_FSConverter(arg, &b)) {
        return NULL;
    }
    int r = sethostname(PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b));
    Py_DECREF(b);
    if (r < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    Py_RETURN_NONE;
}

/* The host-name argument as idna bytes (new reference) or NULL. */
static PyObject *
name_arg(PyObject *args, const char *fmt)
{
    PyObject *o;
    if (!PyArg_ParseTuple(args, fmt, &o)) {
        return NULL;
    }
    PyObject *b = pyrs_socket_host_bytes(o);
    if (b != NULL && strlen(PyBytes_AS_STRING(b)) != (size_t)PyBytes_GET_SIZE(b)) {
        /* getargs' "et" wording; FMT is "O:name" */
        PyErr_Format(PyExc_TypeError,
                     "%s() argument 1 must be encoded string without null bytes, not %.50s",
                     strchr(fmt, ':') + 1, Py_TYPE(o)->tp_name);
        Py_CLEAR(b);
    }
    return b;
}

static PyObject *
ip_text(const struct sockaddr *sa)
{
    char buf[INET6_ADDRSTRLEN];
    const void *p = sa->sa_family == AF_INET6
                        ? (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr
                        : (const void *)&((const struct sockaddr_in *)sa)->sin_addr;
    inet_ntop(sa->sa_family, p, buf, sizeof(buf));
    return PyUnicode_FromString(buf);
}

static PyObject *
socket_gethostbyname(PyObject *Py_UNUSED(m), PyObject *args)
{
    PyObject *b = name_arg(args, "O:gethostbyname");
    if (b == NULL) {
        return NULL;
    }
    PyrsSockAddr addr;
    int r = pyrs_socket_set_ipaddr(PyBytes_AS_STRING(b), &addr.sa, sizeof(addr.in4), AF_INET);
    Py_DECREF(b);
    return r < 0 ? NULL : ip_text(&addr.sa);
}

static PyObject *
string_list(char **items)
{
    PyObject *list = PyList_New(0);
    for (char **p = items; list != NULL && p != NULL && *p != NULL; p++) {
        PyObject *s = PyUnicode_FromString(*p);
        if (s == NULL || PyList_Append(list, s) < 0) {
            Py_CLEAR(list);
        }
        Py_XDECREF(s);
    }
    return list;
}

/* (name, aliases, addresses) of a hostent, or herror from ERR. */
static PyObject *
hostent_result(struct hostent *h, int err)
{
    if (h == NULL) {
        PyObject *v = Py_BuildValue("(is)", err, hstrerror(err));
        if (v != NULL) {
            PyErr_SetObject(pyrs_socket_herror, v);
            Py_DECREF(v);
        }
        return NULL;
    }
    PyObject *aliases = string_list(h->h_aliases);
    PyObject *addrs = PyList_New(0);
    for (char **p = h->h_addr_list; addrs != NULL && *p != NULL; p++) {
        char buf[INET6_ADDRSTRLEN];
        inet_ntop(h->h_addrtype, *p, buf, sizeof(buf));
        PyObject *s = PyUnicode_FromString(buf);
        if (s == NULL || PyList_Append(addrs, s) < 0) {
            Py_CLEAR(addrs);
        }
        Py_XDECREF(s);
    }
    if (aliases == NULL || addrs == NULL) {
        Py_XDECREF(aliases);
        Py_XDECREF(addrs);
        return NULL;
    }
    return Py_BuildValue("sNN", h->h_name, aliases, addrs);
}

static PyObject *
socket_gethostbyname_ex(PyObject *Py_UNUSED(m), PyObject *args)
{
    PyObject *b = name_arg(args, "O:gethostbyname_ex");
    if (b == NULL) {
        return NULL;
    }
    PyrsSockAddr addr;
    if (pyrs_socket_set_ipaddr(PyBytes_AS_STRING(b), &addr.sa, sizeof(addr.in4), AF_INET) < 0) {
        Py_DECREF(b);
        return NULL;
    }
    struct hostent hbuf, *h = NULL;
    char buf[16384];
    int err = 0;
    Py_BEGIN_ALLOW_THREADS;
    gethostbyname_r(PyBytes_AS_STRING(b), &hbuf, buf, sizeof(buf), &h, &err);
    Py_END_ALLOW_THREADS;
    Py_DECREF(b);
    return hostent_result(h, err);
}

static PyObject *
socket_gethostbyaddr(PyObject *Py_UNUSED(m), PyObject *args)
{
    PyObject *b = name_arg(args, "O:gethostbyaddr");
    if (b == NULL) {
        return NULL;
    }
    PyrsSockAddr addr;
    memset(&addr, 0, sizeof(addr));
    int r = pyrs_socket_set_ipaddr(PyBytes_AS_STRING(b), &addr.sa, sizeof(addr), AF_UNSPEC);
    Py_DECREF(b);
    if (r < 0) {
        return NULL;
    }
    const void *ap = &addr.in4.sin_addr;
    socklen_t al = sizeof(addr.in4.sin_addr);
    if (addr.sa.sa_family == AF_INET6) {
        ap = &addr.in6.sin6_addr;
        al = sizeof(addr.in6.sin6_addr);
    }
    struct hostent hbuf, *h = NULL;
    char buf[16384];
    int err = 0;
    Py_BEGIN_ALLOW_THREADS;
    gethostbyaddr_r(ap, al, addr.sa.sa_family, &hbuf, buf, sizeof(buf), &h, &err);
    Py_END_ALLOW_THREADS;
    return hostent_result(h, err);
}

static PyObject *
socket_getservbyname(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"servicename", "protocolname", NULL};
    const char *name, *proto = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "s|s:getservbyname", (char **)kwlist, &name,
                                     &proto)) {
        return NULL;
    }
    struct servent *sp;
    Py_BEGIN_ALLOW_THREADS;
    sp = getservbyname(name, proto);
    Py_END_ALLOW_THREADS;
    if (sp == NULL) {
        PyErr_SetString(PyExc_OSError, "service/proto not found");
        return NULL;
    }
    return PyLong_FromLong((long)ntohs((uint16_t)sp->s_port));
}

static PyObject *
socket_getservbyport(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"port", "protocolname", NULL};
    int port;
    const char *proto = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "i|s:getservbyport", (char **)kwlist, &port,
                                     &proto)) {
        return NULL;
    }
    if (port < 0 || port > 0xffff) {
        PyErr_SetString(PyExc_OverflowError, "getservbyport: port must be 0-65535.");
        return NULL;
    }
    struct servent *sp;
    Py_BEGIN_ALLOW_THREADS;
    sp = getservbyport(htons((uint16_t)port), proto);
    Py_END_ALLOW_THREADS;
    if (sp == NULL) {
        PyErr_SetString(PyExc_OSError, "port/proto not found");
        return NULL;
    }
    return PyUnicode_FromString(sp->s_name);
}

static PyObject *
socket_getprotobyname(PyObject *Py_UNUSED(m), PyObject *args)
{
    const char *name;
    if (!PyArg_ParseTuple(args, "s:getprotobyname", &name)) {
        return NULL;
    }
    struct protoent *sp = getprotobyname(name);
    if (sp == NULL) {
        PyErr_SetString(PyExc_OSError, "protocol not found");
        return NULL;
    }
    return PyLong_FromLong(sp->p_proto);
}

/* ---- getaddrinfo / getnameinfo ---- */

/* getaddrinfo's port argument as C text in BUF (or NULL for None). 0 or -1. */
static int
port_text(PyObject *port, char *buf, size_t size, PyObject **keep, const char **out)
{
    if (port == Py_None) {
        *out = NULL;
    } else if (PyLong_CheckExact(port) || PyLong_Check(port)) {
        long v = PyLong_AsLong(port);
        if (v == -1 && PyErr_Occurred()) {
            return -1;
        }
        snprintf(buf, size, "%ld", v);
        *out = buf;
    } else if (PyUnicode_Check(port)) {
        *out = PyUnicode_AsUTF8(port);
        if (*out == NULL) {
            return -1;
        }
    } else if (PyBytes_Check(port)) {
        *keep = Py_NewRef(port);
        *out = PyBytes_AS_STRING(port);
    } else {
        PyErr_SetString(PyExc_OSError, "Int or String expected");
        return -1;
    }
    return 0;
}

static PyObject *
addrinfo_list(struct addrinfo *res)
{
    PyObject *list = PyList_New(0);
    for (struct addrinfo *r = res; list != NULL && r != NULL; r = r->ai_next) {
        PyObject *addr = pyrs_socket_make_addr(r->ai_addr, r->ai_addrlen);
        PyObject *item = addr == NULL
                             ? NULL
                             : Py_BuildValue("iiisN", r->ai_family, r->ai_socktype, r->ai_protocol,
                                             r->ai_canonname ? r->ai_canonname : "", addr);
        if (item == NULL || PyList_Append(list, item) < 0) {
            Py_CLEAR(list);
        }
        Py_XDECREF(item);
    }
    return list;
}

static PyObject *
socket_getaddrinfo(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"host", "port", "family", "type", "proto", "flags", NULL};
    PyObject *hobj, *pobj, *hbytes = NULL, *pkeep = NULL, *res = NULL;
    int family = AF_UNSPEC, socktype = 0, protocol = 0, flags = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO|iiii:getaddrinfo", (char **)kwlist, &hobj,
                                     &pobj, &family, &socktype, &protocol, &flags)) {
        return NULL;
    }
    const char *host = NULL, *port = NULL;
    char pbuf[32];
    if (hobj != Py_None) {
        if (!PyUnicode_Check(hobj) && !PyBytes_Check(hobj)) {
            PyErr_SetString(PyExc_TypeError, "getaddrinfo() argument 1 must be string or None");
            return NULL;
        }
        hbytes = pyrs_socket_host_bytes(hobj);
        if (hbytes == NULL) {
            return NULL;
        }
        host = PyBytes_AS_STRING(hbytes);
    }
    if (port_text(pobj, pbuf, sizeof(pbuf), &pkeep, &port) < 0) {
        goto done;
    }
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    hints.ai_flags = flags;
    int err;
    Py_BEGIN_ALLOW_THREADS;
    err = getaddrinfo(host, port, &hints, &ai);
    Py_END_ALLOW_THREADS;
    if (err != 0) {
        pyrs_socket_gai_error(err);
        goto done;
    }
    res = addrinfo_list(ai);
    freeaddrinfo(ai);
done:
    Py_XDECREF(hbytes);
    Py_XDECREF(pkeep);
    return res;
}

static PyObject *
socket_getnameinfo(PyObject *Py_UNUSED(m), PyObject *args)
{
    PyObject *sa;
    int flags;
    if (!PyArg_ParseTuple(args, "Oi:getnameinfo", &sa, &flags)) {
        return NULL;
    }
    if (!PyTuple_Check(sa)) {
        PyErr_SetString(PyExc_TypeError, "getnameinfo() argument 1 must be a tuple");
        return NULL;
    }
    const char *host;
    int port;
    unsigned int flowinfo = 0, scope_id = 0;
    if (!PyArg_ParseTuple(sa, "si|II;getnameinfo(): illegal sockaddr argument", &host, &port,
                          &flowinfo, &scope_id)) {
        return NULL;
    }
    if (flowinfo > 0xfffff) {
        PyErr_SetString(PyExc_OverflowError, "getnameinfo(): flowinfo must be 0-1048575.");
        return NULL;
    }
    char pbuf[32];
    snprintf(pbuf, sizeof(pbuf), "%d", port);
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST;
    int err;
    Py_BEGIN_ALLOW_THREADS;
    err = getaddrinfo(host, pbuf, &hints, &ai);
    Py_END_ALLOW_THREADS;
    if (err != 0) {
        return pyrs_socket_gai_error(err);
    }
    PyObject *res = NULL;
    if (ai->ai_next != NULL) {
        PyErr_SetString(PyExc_OSError, "sockaddr resolved to multiple addresses");
        goto done;
    }
    if (ai->ai_family == AF_INET) {
        if (PyTuple_GET_SIZE(sa) != 2) {
            PyErr_SetString(PyExc_OSError, "IPv4 sockaddr must be 2 tuple");
            goto done;
        }
    } else if (ai->ai_family == AF_INET6) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ai->ai_addr;
        a6->sin6_flowinfo = htonl(flowinfo);
        a6->sin6_scope_id = scope_id;
    }
    char hbuf[NI_MAXHOST], sbuf[NI_MAXSERV];
    Py_BEGIN_ALLOW_THREADS;
    err = getnameinfo(ai->ai_addr, ai->ai_addrlen, hbuf, sizeof(hbuf), sbuf, sizeof(sbuf), flags);
    Py_END_ALLOW_THREADS;
    if (err != 0) {
        pyrs_socket_gai_error(err);
        goto done;
    }
    res = Py_BuildValue("ss", hbuf, sbuf);
done:
    freeaddrinfo(ai);
    return res;
}

/* ---- descriptors, timeouts, control messages, interfaces ---- */

static PyObject *
socket_dup(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int fd;
    if (int_arg(arg, &fd) < 0) {
        return NULL;
    }
    int nfd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (nfd < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return PyLong_FromLong(nfd);
}

static PyObject *
socket_close(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int fd, r;
    if (int_arg(arg, &fd) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS;
    r = close(fd);
    Py_END_ALLOW_THREADS;
    if (r < 0 && errno != ECONNRESET) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    Py_RETURN_NONE;
}

static PyObject *
socket_getdefaulttimeout(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    if (pyrs_socket_deftimeout < 0) {
        Py_RETURN_NONE;
    }
    return PyFloat_FromDouble(_PyTime_AsSecondsDouble(pyrs_socket_deftimeout));
}

static PyObject *
socket_setdefaulttimeout(PyObject *Py_UNUSED(m), PyObject *arg)
{
    _PyTime_t t;
    if (pyrs_socket_parse_timeout(arg, &t) < 0) {
        return NULL;
    }
    pyrs_socket_deftimeout = t;
    Py_RETURN_NONE;
}

static PyObject *
cmsg_size(PyObject *args, const char *fmt, const char *name, int space)
{
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, fmt, &n)) {
        return NULL;
    }
    size_t limit = (size_t)INT32_MAX * 2;
    if (n < 0 || (size_t)n > limit) {
        PyErr_Format(PyExc_OverflowError, "%s() argument out of range", name);
        return NULL;
    }
    size_t r = space ? CMSG_SPACE((size_t)n) : CMSG_LEN((size_t)n);
    return PyLong_FromSize_t(r);
}

static PyObject *
socket_cmsg_len(PyObject *Py_UNUSED(m), PyObject *args)
{
    return cmsg_size(args, "n:CMSG_LEN", "CMSG_LEN", 0);
}

static PyObject *
socket_cmsg_space(PyObject *Py_UNUSED(m), PyObject *args)
{
    return cmsg_size(args, "n:CMSG_SPACE", "CMSG_SPACE", 1);
}

static PyObject *
socket_if_nameindex(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    struct if_nameindex *ni = if_nameindex();
    if (ni == NULL) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    PyObject *list = PyList_New(0);
    for (int i = 0; list != NULL && ni[i].if_index != 0; i++) {
        PyObject *item =
            Py_BuildValue("IO&", ni[i].if_index, PyUnicode_DecodeFSDefault, ni[i].if_name);
        if (item == NULL || PyList_Append(list, item) < 0) {
            Py_CLEAR(list);
        }
        Py_XDECREF(item);
    }
    if_freenameindex(ni);
    return list;
}

static PyObject *
socket_if_nametoindex(PyObject *Py_UNUSED(m), PyObject *arg)
{
    PyObject *b = NULL;
    if (!PyUnicode_FSConverter(arg, &b)) {
        return NULL;
    }
    unsigned idx = if_nametoindex(PyBytes_AS_STRING(b));
    Py_DECREF(b);
    if (idx == 0) {
        PyErr_SetString(PyExc_OSError, "no interface with this name");
        return NULL;
    }
    return PyLong_FromUnsignedLong(idx);
}

static PyObject *
socket_if_indextoname(PyObject *Py_UNUSED(m), PyObject *arg)
{
    if (!PyLong_Check(arg)) {
        return int_arg_error(arg);
    }
    unsigned long idx = PyLong_AsUnsignedLong(arg);
    if (idx == (unsigned long)-1 && PyErr_Occurred()) {
        return NULL;
    }
    if (idx > 0xffffffffUL) {
        PyErr_SetString(PyExc_OverflowError, "index too large");
        return NULL;
    }
    char name[IF_NAMESIZE + 1];
    if (if_indextoname((unsigned)idx, name) == NULL) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return PyUnicode_DecodeFSDefault(name);
}

#define KW (PyCFunction)(void (*)(void))

static PyMethodDef socket_functions[] = {
    {"CMSG_LEN", socket_cmsg_len, METH_VARARGS, NULL},
    {"CMSG_SPACE", socket_cmsg_space, METH_VARARGS, NULL},
    {"close", socket_close, METH_O, NULL},
    {"dup", socket_dup, METH_O, NULL},
    {"getaddrinfo", KW socket_getaddrinfo, METH_VARARGS | METH_KEYWORDS, NULL},
    {"getdefaulttimeout", socket_getdefaulttimeout, METH_NOARGS, NULL},
    {"gethostbyaddr", socket_gethostbyaddr, METH_VARARGS, NULL},
    {"gethostbyname", socket_gethostbyname, METH_VARARGS, NULL},
    {"gethostbyname_ex", socket_gethostbyname_ex, METH_VARARGS, NULL},
    {"gethostname", socket_gethostname, METH_NOARGS, NULL},
    {"getnameinfo", socket_getnameinfo, METH_VARARGS, NULL},
    {"getprotobyname", socket_getprotobyname, METH_VARARGS, NULL},
    {"getservbyname", KW socket_getservbyname, METH_VARARGS | METH_KEYWORDS, NULL},
    {"getservbyport", KW socket_getservbyport, METH_VARARGS | METH_KEYWORDS, NULL},
    {"htonl", socket_htonl, METH_O, NULL},
    {"htons", socket_htons, METH_O, NULL},
    {"if_indextoname", socket_if_indextoname, METH_O, NULL},
    {"if_nameindex", socket_if_nameindex, METH_NOARGS, NULL},
    {"if_nametoindex", socket_if_nametoindex, METH_O, NULL},
    {"inet_aton", socket_inet_aton, METH_VARARGS, NULL},
    {"inet_ntoa", socket_inet_ntoa, METH_VARARGS, NULL},
    {"inet_ntop", socket_inet_ntop, METH_VARARGS, NULL},
    {"inet_pton", socket_inet_pton, METH_VARARGS, NULL},
    {"ntohl", socket_ntohl, METH_O, NULL},
    {"ntohs", socket_ntohs, METH_O, NULL},
    {"setdefaulttimeout", socket_setdefaulttimeout, METH_O, NULL},
    {"sethostname", socket_sethostname, METH_O, NULL},
    {"socketpair", pyrs_socket_socketpair, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef socket_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_socket",
    .m_doc = "Implementation module for socket operations.",
    .m_size = -1,
    .m_methods = socket_functions,
};

static int
add_exceptions(PyObject *m)
{
    if (pyrs_socket_herror == NULL) {
        pyrs_socket_herror = PyErr_NewException("socket.herror", PyExc_OSError, NULL);
        pyrs_socket_gaierror = PyErr_NewException("socket.gaierror", PyExc_OSError, NULL);
        if (pyrs_socket_herror == NULL || pyrs_socket_gaierror == NULL) {
            return -1;
        }
    }
    if (PyModule_AddObjectRef(m, "error", PyExc_OSError) < 0 ||
        PyModule_AddObjectRef(m, "herror", pyrs_socket_herror) < 0 ||
        PyModule_AddObjectRef(m, "gaierror", pyrs_socket_gaierror) < 0 ||
        PyModule_AddObjectRef(m, "timeout", PyExc_TimeoutError) < 0) {
        return -1;
    }
    return 0;
}

/* CPython's PySocketModule_APIObject, read by C extensions (_ssl) through the
 * "_socket.CAPI" capsule: the socket type and the exceptions a socket call raises. */
typedef struct {
    PyTypeObject *Sock_Type; /* the socket type; instances have PySocketSockObject's layout */
    PyObject *error;         /* OSError */
    PyObject *timeout_error; /* TimeoutError */
} PySocketModule_APIObject;

static PySocketModule_APIObject socket_capi;

static int
add_capi(PyObject *m)
{
    socket_capi.Sock_Type = &pyrs_socket_type;
    socket_capi.error = PyExc_OSError;
    socket_capi.timeout_error = PyExc_TimeoutError;
    PyObject *cap = PyCapsule_New(&socket_capi, "_socket.CAPI", NULL);
    if (cap == NULL) {
        return -1;
    }
    int r = PyModule_AddObjectRef(m, "CAPI", cap);
    Py_DECREF(cap);
    return r;
}

PyMODINIT_FUNC PyInit__socket(void);
PyMODINIT_FUNC
PyInit__socket(void)
{
    if (PyType_Ready(&pyrs_socket_type) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&socket_module);
    if (m == NULL) {
        return NULL;
    }
    if (add_exceptions(m) < 0 ||
        PyModule_AddObjectRef(m, "socket", (PyObject *)&pyrs_socket_type) < 0 ||
        PyModule_AddObjectRef(m, "SocketType", (PyObject *)&pyrs_socket_type) < 0 ||
        PyModule_AddObjectRef(m, "has_ipv6", Py_True) < 0 ||
        PyModule_AddStringConstant(m, "BDADDR_ANY", "00:00:00:00:00:00") < 0 ||
        PyModule_AddStringConstant(m, "BDADDR_LOCAL", "00:00:00:FF:FF:FF") < 0 ||
        pyrs_socket_add_consts(m) < 0 || add_capi(m) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
