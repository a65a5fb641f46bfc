# posix: files and directories under /tmp: mkdir/open/write/read/stat/listdir/rename/link/
# symlink/readlink/chmod/utime/access/truncate/unlink/rmdir, and their errors.
import posix

BASE = "/tmp/pyrs_lang_os_files_%d" % posix.getpid()  # per process: lang and aot runs overlap


def show_error(what, func, *args, **kwargs):
    try:
        func(*args, **kwargs)
    except Exception as e:
        print(what, type(e).__name__, str(e).replace(BASE, "<base>"), getattr(e, "errno", None),
              repr(getattr(e, "filename", None)).replace(BASE, "<base>"))
    else:
        print(what, "no error")


def cleanup(path):
    try:
        names = posix.listdir(path)
    except FileNotFoundError:
        return
    for name in names:
        full = path + "/" + name
        st = posix.lstat(full)
        if (st.st_mode & 0o170000) == 0o040000:
            cleanup(full)
        else:
            posix.unlink(full)
    posix.rmdir(path)


cleanup(BASE)
posix.mkdir(BASE)
posix.mkdir(BASE + "/sub", 0o755)
fd = posix.open(BASE + "/a.txt", posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
print("write", posix.write(fd, b"hello world\n"), posix.write(fd, bytearray(b"xyz")))
print("inheritable", posix.get_inheritable(fd))
posix.close(fd)
fd = posix.open(BASE + "/a.txt", posix.O_RDONLY)
print("read", posix.read(fd, 5), posix.read(fd, 100), posix.read(fd, 10))
print("lseek", posix.lseek(fd, 6, posix.SEEK_SET if hasattr(posix, "SEEK_SET") else 0), posix.read(fd, 5))
st = posix.fstat(fd)
print("fstat size", st.st_size, st[6], len(st), type(st).__name__)
posix.close(fd)

st = posix.stat(BASE + "/a.txt")
print("stat", st.st_size, oct(st.st_mode), st.st_nlink, st.st_mtime == st[8] or isinstance(st.st_mtime, float))
print("ns", st.st_mtime_ns // 10**9 == st[8], type(st.st_atime).__name__, type(st.st_atime_ns).__name__)
print("tuple", st[:3] == (st.st_mode, st.st_ino, st.st_dev), st.st_blksize > 0, st.st_blocks >= 0)

posix.utime(BASE + "/a.txt", (1000000000, 1200000000))
st = posix.stat(BASE + "/a.txt")
print("utime", st.st_atime, st.st_mtime, st[7], st[8], st.st_mtime_ns)
posix.utime(BASE + "/a.txt", ns=(5 * 10**9 + 250, 7 * 10**9 + 125))
st = posix.stat(BASE + "/a.txt")
print("utime ns", st.st_atime_ns, st.st_mtime_ns, st[7], st[8])
posix.utime(BASE + "/a.txt", (1.5, 2.25))
st = posix.stat(BASE + "/a.txt")
print("utime float", st.st_atime, st.st_mtime)

posix.chmod(BASE + "/a.txt", 0o600)
print("chmod", oct(posix.stat(BASE + "/a.txt").st_mode & 0o777))
print("access", posix.access(BASE + "/a.txt", posix.R_OK), posix.access(BASE + "/nope", posix.F_OK))

posix.rename(BASE + "/a.txt", BASE + "/b.txt")
posix.link(BASE + "/b.txt", BASE + "/hard.txt")
posix.symlink("b.txt", BASE + "/sym.txt")
print("readlink", posix.readlink(BASE + "/sym.txt"), posix.readlink(BASE.encode() + b"/sym.txt"))
print("nlink", posix.stat(BASE + "/b.txt").st_nlink)
print("lstat is link", (posix.lstat(BASE + "/sym.txt").st_mode & 0o170000) == 0o120000)
print("stat follows", posix.stat(BASE + "/sym.txt").st_size)
print("no follow", (posix.stat(BASE + "/sym.txt", follow_symlinks=False).st_mode & 0o170000) == 0o120000)
posix.truncate(BASE + "/b.txt", 4)
print("truncate", posix.stat(BASE + "/hard.txt").st_size)
posix.replace(BASE + "/hard.txt", BASE + "/moved.txt")

print("listdir", sorted(posix.listdir(BASE)))
print("listdir bytes", sorted(posix.listdir(BASE.encode())))
dfd = posix.open(BASE, posix.O_RDONLY)
print("listdir fd", sorted(posix.listdir(dfd)))
print("stat dir_fd", posix.stat("b.txt", dir_fd=dfd).st_size)
posix.close(dfd)


class P:
    def __init__(self, p):
        self.p = p

    def __fspath__(self):
        return self.p


print("pathlike", posix.stat(P(BASE + "/b.txt")).st_size, posix.fspath(P("x")), posix.fspath(b"y"))

show_error("mkdir exists", posix.mkdir, BASE)
show_error("stat missing", posix.stat, BASE + "/missing")
show_error("stat bytes missing", posix.stat, BASE.encode() + b"/missing")
show_error("rmdir nonempty", posix.rmdir, BASE)
show_error("rename missing", posix.rename, BASE + "/x1", BASE + "/x2")
show_error("unlink dir", posix.unlink, BASE + "/sub")
show_error("readlink notlink", posix.readlink, BASE + "/b.txt")
show_error("listdir missing", posix.listdir, BASE + "/missing")
show_error("open missing", posix.open, BASE + "/missing", posix.O_RDONLY)
show_error("read badfd", posix.read, 9999, 1)
show_error("close badfd", posix.close, 9999)
show_error("read negative", posix.read, 0, -1)
show_error("stat float", posix.stat, 1.5)
show_error("stat None", posix.stat, None)
show_error("lstat int", posix.lstat, 3)
show_error("listdir float", posix.listdir, 2.5)
show_error("stat nul", posix.stat, "a\0b")
show_error("stat bytes nul", posix.stat, b"a\0b")
show_error("stat kw", posix.stat, "a", foo=1)
show_error("stat noargs", posix.stat)
show_error("stat two", posix.stat, "a", "b")
show_error("stat dup", posix.stat, "a", path="b")
show_error("stat four", posix.stat, "a", None, True, 1)
show_error("dir_fd float", posix.stat, "a", dir_fd=1.5)
show_error("dir_fd no path", posix.stat, 0, dir_fd=3)
show_error("close str", posix.close, "x")
show_error("fspath int", posix.fspath, 5)
show_error("utime both", posix.utime, BASE, (1, 2), ns=(1, 2))
show_error("utime bad", posix.utime, BASE, 5)
show_error("utime ns bad", posix.utime, BASE, ns=5)


class Bad:
    def __fspath__(self):
        return 5


show_error("fspath bad", posix.fspath, Bad())
show_error("stat bad pathlike", posix.stat, Bad())

posix.unlink(BASE + "/sym.txt")
posix.remove(BASE + "/b.txt")
posix.remove(BASE + "/moved.txt")
posix.rmdir(BASE + "/sub")
print("empty", posix.listdir(BASE))
posix.rmdir(BASE)
print("gone", posix.access(BASE, posix.F_OK))
