# posix.scandir and DirEntry (types, caching, context manager, fd form); environ, putenv,
# unsetenv, urandom, uname, strerror, umask, sysconf/confstr/pathconf, constants,
# _have_functions, terminal size errors.
import posix

BASE = "/tmp/pyrs_lang_os_scandir_%d" % posix.getpid()  # per process: lang and aot runs overlap
for name in ("f.txt", "link", "d/inner"):
    try:
        posix.unlink(BASE + "/" + name)
    except OSError:
        pass
for d in ("d", ""):
    try:
        posix.rmdir(BASE + "/" + d if d else BASE)
    except OSError:
        pass
posix.mkdir(BASE)
posix.mkdir(BASE + "/d")
fd = posix.open(BASE + "/f.txt", posix.O_WRONLY | posix.O_CREAT, 0o644)
posix.write(fd, b"12345")
posix.close(fd)
posix.symlink("f.txt", BASE + "/link")
posix.symlink("missing", BASE + "/dangling")

with posix.scandir(BASE) as it:
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    print(e.name, e.path.replace(BASE, "<base>"), repr(e), e.is_dir(), e.is_file(), e.is_symlink(),
          e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False),
          e.inode() == posix.lstat(e.path).st_ino, posix.fspath(e) == e.path)
f = [e for e in entries if e.name == "f.txt"][0]
print("stat", f.stat().st_size, f.stat() is f.stat(), f.stat(follow_symlinks=False).st_size)
link = [e for e in entries if e.name == "link"][0]
print("link stat", link.stat().st_size, (link.stat(follow_symlinks=False).st_mode & 0o170000) == 0o120000)
dangling = [e for e in entries if e.name == "dangling"][0]
try:
    dangling.stat()
except FileNotFoundError as exc:
    print("dangling", type(exc).__name__, exc.filename == dangling.path)
print("type", type(f).__name__, type(f) is posix.DirEntry)
try:
    posix.DirEntry()
except TypeError as exc:
    print("DirEntry()", exc)

print("bytes", sorted(e.name for e in posix.scandir(BASE.encode())))
print("bytes path", sorted(e.path for e in posix.scandir(BASE.encode()))[0].replace(BASE.encode(), b"<base>"))
dfd = posix.open(BASE, posix.O_RDONLY)
fd_entries = sorted(posix.scandir(dfd), key=lambda e: e.name)
print("fd", [(e.name, e.path, e.is_file()) for e in fd_entries])
print("fd stat", [e.stat().st_size for e in fd_entries if e.name == "f.txt"])
posix.close(dfd)
it = posix.scandir(BASE)
first = next(it)
it.close()
try:
    next(it)
except StopIteration:
    print("closed iterator stops")
try:
    posix.scandir(BASE + "/missing")
except FileNotFoundError as exc:
    print("scandir missing", str(exc).replace(BASE, "<base>"))
for name in ("f.txt", "link", "dangling"):
    posix.unlink(BASE + "/" + name)
posix.rmdir(BASE + "/d")
posix.rmdir(BASE)

env = posix.environ
print("environ", type(env).__name__, all(isinstance(k, bytes) and isinstance(v, bytes) for k, v in env.items()))
posix.putenv("PYRS_TEST_VAR", "value1")
print("putenv child", posix.system("test \"$PYRS_TEST_VAR\" = value1") == 0)
posix.unsetenv("PYRS_TEST_VAR")
print("unsetenv child", posix.system("test -z \"$PYRS_TEST_VAR\"") == 0)
for args in [("a=b", "c"), ("", "c"), ("a", "b\0")]:
    try:
        posix.putenv(*args)
    except Exception as exc:
        print("putenv", args, type(exc).__name__, exc)
try:
    posix.unsetenv("a=b")
except OSError as exc:
    print("unsetenv", exc)

r = posix.urandom(16)
print("urandom", type(r).__name__, len(r), len(posix.urandom(0)))
try:
    posix.urandom(-1)
except ValueError as exc:
    print("urandom", exc)
u = posix.uname()
print("uname", type(u).__name__, len(u), u.sysname, u[0] == u.sysname)
print("strerror", posix.strerror(2), "|", posix.strerror(99999))
old = posix.umask(0o22)
print("umask", oct(posix.umask(old)))
print("cpu_count", posix.cpu_count() >= 1)
print("sysconf", posix.sysconf("SC_PAGESIZE") == posix.sysconf(posix.sysconf_names["SC_PAGESIZE"]),
      posix.sysconf("SC_CLK_TCK"))
print("confstr", posix.confstr("CS_PATH"))
print("pathconf", posix.pathconf("/", "PC_NAME_MAX"), posix.fpathconf(0, "PC_PIPE_BUF") > 0)
for bad in ("NOPE", 1.5):
    try:
        posix.sysconf(bad)
    except Exception as exc:
        print("sysconf", repr(bad), type(exc).__name__, exc)
print("names", len(posix.sysconf_names) > 100, len(posix.confstr_names) > 10, len(posix.pathconf_names) > 10)
print("consts", posix.O_RDONLY, posix.O_WRONLY, posix.O_RDWR, posix.O_CREAT, posix.O_EXCL,
      posix.O_TRUNC, posix.O_APPEND, posix.O_NONBLOCK, posix.O_CLOEXEC, posix.F_OK, posix.R_OK,
      posix.W_OK, posix.X_OK, posix.WNOHANG, posix.WUNTRACED, posix.EX_OK, posix.SEEK_HOLE)
print("have", "HAVE_FSTATAT" in posix._have_functions, "HAVE_OPENAT" in posix._have_functions,
      "HAVE_FDOPENDIR" in posix._have_functions)
print("error", posix.error is OSError)
try:
    posix.get_terminal_size(9999)
except OSError as exc:
    print("terminal", exc)
print("terminal_size", posix.terminal_size((80, 24)), posix.terminal_size((80, 24)).columns)
print("stat_result", posix.stat_result(tuple(range(10))).st_mtime,
      posix.stat_result(tuple(range(10)) + (1.5, 2.5, 3.5)).st_ctime)

master, slave = posix.openpty()
print("pty", posix.isatty(slave), posix.ttyname(slave).startswith("/dev/pts/"),
      posix.device_encoding(slave).lower().replace("-", "") == "utf8",
      posix.device_encoding(master) is not None, posix.get_terminal_size(slave))
posix.close(master)
posix.close(slave)
print("stat -1", end=" ")
try:
    posix.stat(-1)
except OSError as e:
    print(e)
print("generic", posix.DirEntry[str], posix.DirEntry[bytes].__origin__ is posix.DirEntry)
import warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    it = posix.scandir("/")
    next(it)
    del it
    it2 = posix.scandir("/")
    list(it2)
    del it2
    with posix.scandir("/") as it3:
        next(it3)
    del it3
    print("unclosed", [(x.category.__name__, str(x.message).split(" at ")[0]) for x in w])
