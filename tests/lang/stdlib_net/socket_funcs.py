# socket module functions: byte order, inet_* conversions, numeric getaddrinfo/getnameinfo,
# services and protocols, default timeout, CMSG sizes, enums built from the constants, and
# their error messages.
import _socket
import socket


def show(label, f, *args, **kw):
    try:
        r = f(*args, **kw)
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


for f in (socket.htons, socket.ntohs, socket.htonl, socket.ntohl):
    print(f.__name__, f(1), f(0x1234))
show("htons -1", socket.htons, -1)
show("htons big", socket.htons, 70000)
show("htons float", socket.htons, 1.0)
show("htonl -1", socket.htonl, -1)
show("htonl big", socket.htonl, 1 << 33)
show("ntohl str", socket.ntohl, "x")
show("inet_aton", socket.inet_aton, "1.2.3.4")
show("inet_aton short", socket.inet_aton, "1.2.3")
show("inet_aton bad", socket.inet_aton, "x")
show("inet_aton bytes", socket.inet_aton, b"1.2.3.4")
show("inet_ntoa", socket.inet_ntoa, b"\x7f\x00\x00\x01")
show("inet_ntoa short", socket.inet_ntoa, b"123")
show("inet_pton4", socket.inet_pton, socket.AF_INET, "10.0.0.255")
show("inet_pton6", socket.inet_pton, socket.AF_INET6, "::1")
show("inet_pton6 full", socket.inet_pton, socket.AF_INET6, "2001:db8::ff00:42:8329")
show("inet_pton bad af", socket.inet_pton, 99, "1")
show("inet_pton bad", socket.inet_pton, socket.AF_INET, "x")
show("inet_ntop4", socket.inet_ntop, socket.AF_INET, b"\x0a\x00\x00\xff")
show("inet_ntop6", socket.inet_ntop, socket.AF_INET6, bytes(15) + b"\x01")
show("inet_ntop bad af", socket.inet_ntop, 99, b"1234")
show("inet_ntop len", socket.inet_ntop, socket.AF_INET6, b"123")
show("getaddrinfo", socket.getaddrinfo, "127.0.0.1", 80, 0, socket.SOCK_STREAM)
show("getaddrinfo passive", socket.getaddrinfo, None, "80", socket.AF_INET, socket.SOCK_STREAM,
     0, socket.AI_PASSIVE)
show("getaddrinfo v6", socket.getaddrinfo, "::1", 443, socket.AF_INET6, socket.SOCK_DGRAM)
show("getaddrinfo kw", _socket.getaddrinfo, host="127.0.0.1", port=None, type=socket.SOCK_DGRAM)
show("getaddrinfo port", socket.getaddrinfo, "127.0.0.1", 1.5)
show("getaddrinfo host", _socket.getaddrinfo, 1, 2)
show("getaddrinfo nonum", socket.getaddrinfo, "x.invalid", 1, 0, 0, 0, socket.AI_NUMERICHOST)
show("getnameinfo", socket.getnameinfo, ("127.0.0.1", 80),
     socket.NI_NUMERICHOST | socket.NI_NUMERICSERV)
show("getnameinfo6", socket.getnameinfo, ("::1", 8080, 0, 0),
     socket.NI_NUMERICHOST | socket.NI_NUMERICSERV)
show("getnameinfo str", socket.getnameinfo, "x", 0)
show("getnameinfo short", socket.getnameinfo, ("127.0.0.1",), 0)
show("getnameinfo v4 flowinfo", socket.getnameinfo, ("127.0.0.1", 80, 5), 0)
show("gethostbyname", socket.gethostbyname, "127.0.0.1")
show("getservbyname", socket.getservbyname, "http", "tcp")
show("getservbyname none", socket.getservbyname, "nope")
show("getservbyport", socket.getservbyport, 80)
show("getservbyport range", socket.getservbyport, 70000)
show("getservbyport none", socket.getservbyport, 1, "zz")
show("getprotobyname", socket.getprotobyname, "udp")
show("getprotobyname none", socket.getprotobyname, "nope")
print(type(socket.gethostname()).__name__)
print(socket.getdefaulttimeout())
socket.setdefaulttimeout(2.5)
s = socket.socket()
print(socket.getdefaulttimeout(), s.gettimeout(), s.getblocking())
s.close()
socket.setdefaulttimeout(None)
show("setdefaulttimeout", socket.setdefaulttimeout, -2)
show("CMSG_LEN", socket.CMSG_LEN, 4)
show("CMSG_SPACE", socket.CMSG_SPACE, 5)
show("CMSG_LEN -1", socket.CMSG_LEN, -1)
show("if_nametoindex", socket.if_nametoindex, "no-such-if")
print(socket.AF_INET, repr(socket.AF_INET6), socket.SOCK_DGRAM.name, int(socket.SOL_SOCKET))
print(socket.AddressFamily.AF_UNIX.value, socket.SocketKind(1), socket.MsgFlag.MSG_PEEK.value)
print(socket.AddressInfo.AI_PASSIVE.value, socket.has_ipv6, socket.SOMAXCONN > 0)
print(len([n for n in dir(_socket) if n.startswith(("AF_", "SO_", "IPPROTO_", "TCP_", "MSG_"))]))
s = _socket.socket()
print(repr(s).startswith("<socket object, fd="), s.family, s.type, s.proto)
show("setattr family", setattr, s, "family", 3)
show("init args", _socket.socket.__init__, s, 1, 2, 3, 4, 5)
show("socket family str", _socket.socket, family="x")
show("bad fd", _socket.socket, 1, 2, 3, 99999)
show("bad family", _socket.socket, 12345)
show("shutdown bad", s.shutdown, 7)
show("listen str", s.listen, "x")
s.close()
print(repr(s))
show("closed fileno", s.fileno)
show("closed getsockname", s.getsockname)
show("double close", s.close)


class Sub(_socket.socket):
    __slots__ = ("extra",)


t = Sub(socket.AF_INET, socket.SOCK_DGRAM)
t.extra = 5
print(type(t).__name__, t.type == socket.SOCK_DGRAM, t.extra)
t.close()

# an unclosed socket warns when collected, with socket.py's repr
import gc
import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    del u
    gc.collect()
    closed = socket.socket()
    closed.close()
    del closed
    gc.collect()
print([(w.category.__name__, str(w.message)) for w in caught])
show("gethostbyname NUL", socket.gethostbyname, "a\x00b")
show("gethostbyname_ex NUL", socket.gethostbyname_ex, "a\x00b")
show("connect NUL", socket.socket(socket.AF_INET, socket.SOCK_DGRAM).connect, ("a\x00b", 1))
