# posix Linux extras: sched affinity/priorities, getrandom, eventfd, preadv/pwritev,
# copy_file_range, splice, lockf, extended attributes, pidfd_open.
import posix
print(posix.sched_getaffinity(0) == posix.sched_getaffinity(0), len(posix.getrandom(8)))
print(posix.sched_get_priority_max(posix.SCHED_FIFO), posix.sched_get_priority_min(policy=posix.SCHED_OTHER), posix.sched_getscheduler(0))
fd = posix.eventfd(3)
posix.eventfd_write(fd, 4)
print(posix.eventfd_read(fd))
posix.close(fd)
path = "/tmp/pyrs_lx_%d" % posix.getpid()
fd = posix.open(path, posix.O_RDWR | posix.O_CREAT, 0o600)
print(posix.pwritev(fd, [b"hello", b" world"], 0))
b = [bytearray(5), bytearray(6)]
print(posix.preadv(fd, b, 0), b)
fd2 = posix.open(path + "2", posix.O_RDWR | posix.O_CREAT, 0o600)
print(posix.copy_file_range(fd, fd2, 100, 0, 0))
print(posix.pread(fd2, 100, 0))
posix.lockf(fd, posix.F_LOCK, 0)
posix.lockf(fd, posix.F_ULOCK, 0)
# /tmp may lack user xattrs (ENOTSUP); either way the line printed is the same.
try:
    posix.setxattr(path, "user.test", b"val")
    got = posix.getxattr(path, "user.test"), posix.listxattr(path)
    posix.removexattr(path, "user.test")
    res = (got == (b"val", ["user.test"]), posix.listxattr(path) == [])
except OSError as e:
    res = (e.errno == 95, e.errno == 95)
print("xattr", res)
try:
    posix.getxattr(path, "user.nope")
except OSError as e:
    print("getxattr missing", type(e).__name__, e.errno in (61, 95))
pfd = posix.pidfd_open(posix.getpid())
print(pfd > 2)
posix.close(pfd)
r, w = posix.pipe()
posix.write(w, b"spliced")
print(posix.splice(r, fd2, 7, offset_dst=0))
print(posix.pread(fd2, 100, 0))
for f in (fd, fd2, r, w):
    posix.close(f)
posix.unlink(path)
posix.unlink(path + "2")
