/* stdlib/_socket/pyrs_socket.h: what the files of the _socket module share: the socket object
 * (CPython 3.11's PySocketSockObject layout), socket addresses in both directions, the
 * module's exceptions and default timeout. Internal to stdlib/_socket/. */
#ifndef PYRS_SOCKET_H
#define PYRS_SOCKET_H

#include "Python.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "../posix/pytime.h"

typedef struct {
    PyObject_HEAD
    int sock_fd;                     /* the descriptor, -1 once closed or detached */
    int sock_family;                 /* AF_* */
    int sock_type;                   /* SOCK_* without SOCK_NONBLOCK / SOCK_CLOEXEC */
    int sock_proto;                  /* protocol number */
    PyObject *(*errorhandler)(void); /* CPython's field; always PyErr_SetFromErrno-like */
    _PyTime_t sock_timeout;          /* -1: blocking, 0: non-blocking, >0: timeout in ns */
} PySocketSockObject;

/* Any socket address the module handles. */
typedef union {
    struct sockaddr sa;           /* generic view */
    struct sockaddr_in in4;       /* AF_INET */
    struct sockaddr_in6 in6;      /* AF_INET6 */
    struct sockaddr_un un;        /* AF_UNIX */
    struct sockaddr_storage stor; /* room for anything else */
} PyrsSockAddr;

extern PyTypeObject pyrs_socket_type;
extern PyObject *pyrs_socket_herror;     /* socket.herror (owned by the module state) */
extern PyObject *pyrs_socket_gaierror;   /* socket.gaierror */
extern _PyTime_t pyrs_socket_deftimeout; /* setdefaulttimeout's value, -1 for None */

/* Converts the Python address ARGS for a socket of FAMILY into ADDR/LEN (CPython's
 * getsockaddrarg: tuples for AF_INET/AF_INET6 with name resolution, (pid, groups) for
 * AF_NETLINK, str or bytes for AF_UNIX). CALLER names the method in messages. 0, or -1
 * with TypeError, OverflowError, OSError or gaierror as CPython raises them. May release the
 * GIL (DNS). */
PYRS_MUST_CHECK int pyrs_socket_parse_addr(int family, PyObject *args, PyrsSockAddr *addr,
                                           socklen_t *len, const char *caller);

/* The Python form of the address SA of LEN bytes (new reference: None when LEN is 0, a
 * (host, port[, flowinfo, scope_id]) tuple, an AF_UNIX str or abstract bytes, a netlink
 * (pid, groups), else (family, raw bytes)), or NULL. */
PyObject *pyrs_socket_make_addr(const struct sockaddr *sa, socklen_t len);

/* Resolves NAME (UTF-8 text: numeric, "", "<broadcast>" or a host name) for family AF into
 * ADDR (of SIZE bytes). The address length, or -1 with gaierror/OSError. Releases the GIL. */
PYRS_MUST_CHECK int pyrs_socket_set_ipaddr(const char *name, struct sockaddr *addr, size_t size,
                                           int af);

/* CPython's idna_converter: str (ASCII, else the "idna" codec), bytes or bytearray to a new
 * bytes object. NULL with TypeError "str, bytes or bytearray expected, not T". */
PyObject *pyrs_socket_host_bytes(PyObject *obj);

/* Raises socket.gaierror for getaddrinfo's CODE (OSError from errno for EAI_SYSTEM);
 * returns NULL. */
PyObject *pyrs_socket_gai_error(int code);

/* socketpair([family[, type[, proto]]]): a tuple of two connected sockets (new) or NULL. */
PyObject *pyrs_socket_socketpair(PyObject *m, PyObject *args);

/* A timeout argument as CPython's socket_parse_timeout: None gives -1, else nanoseconds
 * (ValueError "Timeout value out of range" when negative). 0 or -1. */
PYRS_MUST_CHECK int pyrs_socket_parse_timeout(PyObject *obj, _PyTime_t *out);

/* Adds the AF_*, SOCK_*, SO_*, ... integer constants to MODULE. 0 or -1. */
PYRS_MUST_CHECK int pyrs_socket_add_consts(PyObject *module);

#endif /* PYRS_SOCKET_H */
