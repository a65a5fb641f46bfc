# errno names and errorcode; _stat predicates, filemode, constants and mode conversion errors.
import errno
import _stat

print(errno.ENOENT, errno.EACCES, errno.EEXIST, errno.EAGAIN, errno.EWOULDBLOCK, errno.EINTR)
print(errno.errorcode[2], errno.errorcode[11], errno.errorcode[35], errno.errorcode[95])
print(errno.EDEADLK, errno.EDEADLOCK, errno.EOPNOTSUPP, errno.ENOTSUP)
print(len(errno.errorcode), sorted(errno.errorcode)[:10], max(errno.errorcode))
names = sorted(n for n in dir(errno) if n.startswith("E"))
print(len(names), names[:8], names[-5:])
print(all(errno.errorcode[getattr(errno, n)] in names for n in names))
print(type(errno.errorcode).__name__)

modes = [0o040755, 0o100644, 0o120777, 0o020620, 0o060660, 0o010644, 0o140755, 0o170777,
         0o104755, 0o102755, 0o041777, 0o101000, 0o100000, 0]
for m in modes:
    print(oct(m), _stat.filemode(m), _stat.S_ISDIR(m), _stat.S_ISREG(m), _stat.S_ISLNK(m),
          _stat.S_ISCHR(m), _stat.S_ISBLK(m), _stat.S_ISFIFO(m), _stat.S_ISSOCK(m),
          _stat.S_ISDOOR(m), _stat.S_ISPORT(m), _stat.S_ISWHT(m), oct(_stat.S_IMODE(m)),
          oct(_stat.S_IFMT(m)))
consts = sorted(n for n in dir(_stat) if n.isupper() and not callable(getattr(_stat, n)))
print(len(consts))
for n in consts:
    print(n, getattr(_stat, n))
for bad in ["x", -1, 2 ** 40, 1.5, 2 ** 64, None]:
    for f in (_stat.S_ISDIR, _stat.filemode, _stat.S_IMODE):
        try:
            print(repr(f(bad)))
        except Exception as e:
            print(type(e).__name__, e)
print(_stat.S_ISDIR(True), _stat.filemode(False))
