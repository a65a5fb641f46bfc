# select.select/poll/epoll on pipes; fcntl flags, flock/lockf on a temp file; their errors.
import posix
import select
import fcntl

r, w = posix.pipe()
print("select empty", select.select([r], [], [], 0))
print("select writable", select.select([r], [w], [], 0) == ([], [w], []))
posix.write(w, b"x")
print("select readable", select.select([r], [w], [], 0.5) == ([r], [w], []))


class F:
    def __init__(self, fd):
        self.fd = fd

    def fileno(self):
        return self.fd


fr = F(r)
print("select fileno obj", select.select([fr], [], [], 0)[0][0] is fr)

p = select.poll()
p.register(r, select.POLLIN)
p.register(w)
res = sorted(p.poll(0))
print("poll", res == [(r, select.POLLIN), (w, select.POLLOUT)])
p.modify(w, select.POLLIN)
print("poll modified", p.poll(10) == [(r, select.POLLIN)])
p.unregister(w)
print("poll after unregister", p.poll(None) == [(r, select.POLLIN)])
print("read", posix.read(r, 1), p.poll(0))

ep = select.epoll()
print("epoll", ep.closed, ep.fileno() > 2)
ep.register(r, select.EPOLLIN)
ep.register(w, select.EPOLLOUT)
print("epoll poll", sorted(ep.poll(0)) == [(w, select.EPOLLOUT)])
posix.write(w, b"yz")
print("epoll readable", sorted(ep.poll(1)) == sorted([(r, select.EPOLLIN), (w, select.EPOLLOUT)]))
ep.modify(w, select.EPOLLIN)
ep.unregister(r)
print("epoll empty", ep.poll(timeout=0.01, maxevents=4))
ep.close()
print("epoll closed", ep.closed)
with select.epoll() as ep2:
    print("epoll with", ep2.closed)
print("epoll exit", ep2.closed)


def show_error(what, func, *args, **kwargs):
    try:
        res = func(*args, **kwargs)
    except Exception as e:
        print(what, type(e).__name__, e)
    else:
        print(what, "->", res)


show_error("select negative", select.select, [], [], [], -1)
show_error("select float fd", select.select, [5.5], [], [])
show_error("select not seq", select.select, 5, [], [])
show_error("select bad timeout", select.select, [], [], [], "x")
show_error("poll register str", p.register, "x")
show_error("poll unregister missing", p.unregister, 1234)
show_error("poll modify missing", p.modify, 1234, 1)
show_error("poll bad timeout", p.poll, "x")
show_error("epoll closed fileno", ep.fileno)
show_error("epoll closed register", ep.register, r)
show_error("epoll bad maxevents", select.epoll().poll, 0, 0)
print("select.error", select.error)
print("consts", select.POLLIN, select.POLLOUT, select.POLLERR, select.POLLHUP, select.POLLNVAL,
      select.EPOLLIN, select.EPOLLOUT, select.EPOLLET, select.EPOLLONESHOT)

flags = fcntl.fcntl(r, fcntl.F_GETFL)
print("getfl nonblock", bool(flags & posix.O_NONBLOCK))
fcntl.fcntl(r, fcntl.F_SETFL, flags | posix.O_NONBLOCK)
print("setfl nonblock", bool(fcntl.fcntl(r, fcntl.F_GETFL) & posix.O_NONBLOCK))
print("getfd cloexec", fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
print("fileno obj", fcntl.fcntl(F(r), fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
print("bytes arg", fcntl.fcntl(r, fcntl.F_GETFD, b"abcd"))
posix.close(r)
posix.close(w)

path = "/tmp/pyrs_lang_os_fcntl_%d.lock" % posix.getpid()
fd = posix.open(path, posix.O_RDWR | posix.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
fcntl.flock(fd, fcntl.LOCK_UN)
fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 10, 0, 0)
fcntl.lockf(fd, fcntl.LOCK_UN)
print("locks ok")
show_error("lockf bad", fcntl.lockf, fd, 0)
show_error("flock badfd", fcntl.flock, 9999, fcntl.LOCK_EX)
show_error("fcntl str fd", fcntl.fcntl, "x", 1)
show_error("fcntl float arg", fcntl.fcntl, fd, 1, 1.5)
show_error("fcntl too long", fcntl.fcntl, fd, fcntl.F_GETFD, b"x" * 2000)
posix.close(fd)
posix.unlink(path)
print("fcntl consts", fcntl.LOCK_SH, fcntl.LOCK_EX, fcntl.LOCK_NB, fcntl.LOCK_UN, fcntl.F_GETFD,
      fcntl.F_SETFL, fcntl.F_DUPFD_CLOEXEC, fcntl.F_GETPIPE_SZ, fcntl.DN_MULTISHOT)

# timeouts: rounding, range and type errors of select/poll/epoll
r, w = posix.pipe()
p = select.poll()
p.register(r)
ep = select.epoll()
ep.register(r)
for t in (0, 0.0001, 1.5e-3, -1, -0.5, 10 ** 20, "x", float("nan"), 2 ** 70):
    for name, f in (("select", lambda: select.select([r], [], [], t)), ("poll", lambda: p.poll(t)),
                    ("epoll", lambda: ep.poll(t))):
        if t in (-1, -0.5) and name != "select":
            continue
        show_error("%s %r" % (name, t), f)
ep.close()
posix.close(r)
posix.close(w)
