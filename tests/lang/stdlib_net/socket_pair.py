# socket: socketpair and TCP/UDP over 127.0.0.1 (port 0): data transfer, addresses,
# options, timeouts, blocking modes, makefile, dup/detach, and the error messages.
import errno
import socket


def show(label, f, *args):
    try:
        r = f(*args)
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


a, b = socket.socketpair()
print(type(a).__name__, a.family, a.type, a.proto, a.getblocking(), a.gettimeout())
print(isinstance(a, socket.socket), type(a).__mro__[1].__name__)
print(a.send(b"hello"), b.recv(10))
a.sendall(b"x" * 100000)
got = b""
while len(got) < 100000:
    got += b.recv(65536)
print(len(got), got == b"x" * 100000)
buf = bytearray(8)
a.send(b"abcdef")
print(b.recv_into(buf), buf)
a.send(b"12345")
print(b.recv_into(buf, 3), buf)
print(b.recv(10))
mv = memoryview(bytearray(4))
a.send(b"wxyz")
print(b.recv_into(mv), bytes(mv))
a.send(b"pq")
print(b.recvfrom(10))
print(repr(a.getsockname()), repr(b.getpeername()))
print(a.sendmsg([b"ab", b"cd"]), b.recvmsg(10))
b.settimeout(0.05)
print(b.gettimeout(), b.getblocking(), b.timeout)
show("recv timeout", b.recv, 1)
b.setblocking(False)
print(b.gettimeout(), b.getblocking())
show("recv nonblocking", b.recv, 1)
b.setblocking(True)
print(b.gettimeout(), b.getblocking())
show("settimeout(-1)", b.settimeout, -1)
show("recv(-1)", b.recv, -1)
show("recv_into small", b.recv_into, bytearray(2), 5)
show("sendto 1 arg", a.sendto, b"x")
print(a.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_STREAM)
a.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
print(a.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF) >= 65536)
print(len(a.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE, 4)))
show("getsockopt buflen", a.getsockopt, socket.SOL_SOCKET, socket.SO_TYPE, 2000)
c = a.dup()
print(c.fileno() != a.fileno(), c.family == a.family, c.type == a.type)
c.send(b"dup")
print(b.recv(3))
c.close()
print(c.fileno(), repr(c).startswith("<socket.socket [closed]"))
show("closed recv", c.recv, 1)
fd = b.detach()
print(fd >= 0, b.fileno())
b = socket.socket(fileno=fd)
print(b.family == socket.AF_UNIX, b.type == socket.SOCK_STREAM)
a.send(b"again")
print(b.recv(10))
a.shutdown(socket.SHUT_WR)
print(b.recv(10))
a.close()
b.close()

# makefile over a pair
a, b = socket.socketpair()
wf = a.makefile("w")
rf = b.makefile("r")
wf.write("line one\nline two\n")
wf.flush()
print(rf.readline(), end="")
print(rf.readline(), end="")
wf.close()
rf.close()
a.close()
b.close()

# TCP on loopback
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen()
host, port = srv.getsockname()
print(host, port > 0)
cli = socket.create_connection((host, port), timeout=5)
conn, addr = srv.accept()
print(addr[0], addr[1] == cli.getsockname()[1], conn.getpeername() == cli.getsockname())
print(type(conn).__name__, conn.family, conn.type, conn.gettimeout())
cli.sendall(b"ping")
print(conn.recv(4))
conn.sendall(b"pong")
print(cli.recv(4))
cli.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
print(cli.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)
cli.close()
print(conn.recv(10))
conn.close()
srv.settimeout(0.05)
show("accept timeout", srv.accept)
srv.close()
probe = socket.socket()
print(probe.connect_ex(("127.0.0.1", port)) == errno.ECONNREFUSED)
probe.close()
with socket.socket() as s:
    show("connect refused", s.connect, ("127.0.0.1", port))
print(s.fileno())

# UDP on loopback
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2.bind(("127.0.0.1", 0))
print(u2.sendto(b"datagram", u1.getsockname()))
data, frm = u1.recvfrom(100)
print(data, frm == u2.getsockname())
u2.sendto(b"into", 0, u1.getsockname())
buf = bytearray(10)
n, frm = u1.recvfrom_into(buf)
print(n, buf[:n], frm == u2.getsockname())
u1.close()
u2.close()

# address errors
s = socket.socket()
show("connect str", s.connect, "x")
show("connect 1-tuple", s.connect, ("x",))
show("connect port", s.connect, ("127.0.0.1", 70000))
show("bind host int", s.bind, (1, 2))
s.close()
s6 = socket.socket(socket.AF_INET6)
show("bind6 short", s6.bind, ("::1",))
show("bind6 flowinfo", s6.bind, ("::1", 0, 1 << 21))
s6.close()
u = socket.socket(socket.AF_UNIX)
show("unix bind int", u.bind, 1)
show("unix too long", u.bind, "x" * 200)
u.close()
show("negative fd", socket.socket, socket.AF_INET, socket.SOCK_STREAM, 0, -5)
print(socket.timeout is TimeoutError, socket.error is OSError)
print(issubclass(socket.gaierror, OSError), issubclass(socket.herror, OSError))
print(socket.socket.__mro__[1], socket.SocketType)

# file descriptors over SCM_RIGHTS (sendmsg/recvmsg with ancillary data), and sendfile
import os
import tempfile

a, b = socket.socketpair()
r, w = os.pipe()
print(socket.send_fds(a, [b"fds"], [r, w]))
msg, fds, flags, addr = socket.recv_fds(b, 100, 2)
print(msg, len(fds), flags, addr)
os.write(fds[1], b"through the passed pipe")
print(os.read(r, 100))
for fd in fds + [r, w]:
    os.close(fd)
print(a.sendmsg([b"x"], [], 0, None), b.recvmsg(1, socket.CMSG_SPACE(4)))
bufs = [bytearray(2), bytearray(3)]
a.send(b"12345")
print(b.recvmsg_into(bufs), bufs)
with tempfile.TemporaryFile() as f:
    f.write(b"file contents " * 10)
    f.seek(0)
    print(a.sendfile(f))
got = b""
while len(got) < 140:
    got += b.recv(1000)
print(got[:28], len(got))
show("recvmsg -1", b.recvmsg, -1)
show("sendmsg bad", a.sendmsg, [1])
a.close()
b.close()

a, b = socket.socketpair()
for anc in ([1], [(1, 2)], 5, [(1, 2, "x")], [None]):
    show("ancillary %r" % (anc,), a.sendmsg, [b"x"], anc)
show("sendmsg int", a.sendmsg, 5)
show("recvmsg_into int", b.recvmsg_into, 5)
show("recvmsg ancbufsize", b.recvmsg, 1, -1)
a.close()
b.close()

# a signal handler's exception interrupts blocking calls (PEP 475 retries otherwise)
import signal


def alarm_handler(signum, frame):
    raise InterruptedError("alarm")


old_handler = signal.signal(signal.SIGALRM, alarm_handler)
a, b = socket.socketpair()
big = b"x" * (16 * 1024 * 1024)  # more than the socket buffers hold: sendall blocks
for label, call in (("recv", lambda: b.recv(10)), ("sendall", lambda: a.sendall(big))):
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    show(label + " interrupted", call)
signal.setitimer(signal.ITIMER_REAL, 0)
signal.signal(signal.SIGALRM, old_handler)
a.close()
b.close()
