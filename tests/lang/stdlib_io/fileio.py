# _io.FileIO on files under /tmp: modes r/w/x/a/+, closefd, opener, name/mode/closefd attributes,
# readinto/readall/seek/tell/truncate, repr, and CPython's messages for bad modes and misuse.
import _io

# Scratch files get a random name (lang and aot runs of this program may overlap) that the
# output masks; they are removed at the end when the posix module is available.
with _io.FileIO("/dev/urandom") as _rnd:
    TOKEN = _rnd.read(6).hex()
PATH = "/tmp/pyrs_io_fileio_" + TOKEN + ".txt"
OTHER = "/tmp/pyrs_io_fileio_x_" + TOKEN + ".txt"
SCRATCH = [PATH, OTHER]


def mask(text):
    for name, path in [("PATH", PATH), ("OTHER", OTHER)]:
        text = text.replace(path, name)
    return text


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, mask(str(e)))
    else:
        print(label, "=", mask(repr(r)))


f = _io.FileIO(PATH, "w")
t("repr", lambda: repr(f))
t("attrs", lambda: (f.name, f.mode, f.closefd, f.closed))
t("flags", lambda: (f.readable(), f.writable(), f.seekable(), f.isatty()))
t("write", lambda: f.write(b"hello\nworld\n"))
t("write view", lambda: f.write(memoryview(b"abcdef")[2:4]))
t("write str", lambda: f.write("text"))
t("read on w", lambda: f.read())
t("readinto on w", lambda: f.readinto(bytearray(2)))
t("tell", f.tell)
t("seek", lambda: f.seek(0))
t("seek end", lambda: f.seek(0, 2))
t("seek cur", lambda: f.seek(-2, 1))
t("seek float", lambda: f.seek(1.0))
t("seek bad whence", lambda: f.seek(0, 7))
t("seek negative", lambda: f.seek(-1))
t("truncate", lambda: f.truncate(14))
t("tell after truncate", f.tell)
t("fileno is int", lambda: isinstance(f.fileno(), int))
t("dict", lambda: f.__dict__)
t("close", f.close)
t("repr closed", lambda: repr(f))
t("closed", lambda: f.closed)
for name in ["read", "readall", "tell", "fileno", "isatty", "readable", "writable", "seekable",
             "truncate"]:
    t("closed " + name, getattr(f, name))
t("closed write", lambda: f.write(b""))
t("closed seek", lambda: f.seek(0))
t("closed mode", lambda: (f.mode, f.name))
t("close again", f.close)

r = _io.FileIO(PATH)
t("read mode", lambda: (r.mode, r.readable(), r.writable()))
t("read 3", lambda: r.read(3))
t("readinto", lambda: (r.readinto(memoryview(bytearray(4))), r.tell()))
t("readall", r.readall)
t("read at eof", lambda: r.read(5))
t("read all again", r.read)
t("seek and read -1", lambda: (r.seek(6), r.read(-1)))
t("read None", lambda: (r.seek(0), r.read(None)))
t("write on r", lambda: r.write(b"x"))
t("truncate on r", lambda: r.truncate())
t("readlines", lambda: (r.seek(0), r.readlines()))
t("readline", lambda: (r.seek(0), r.readline(), r.readline(3)))
t("iteration", lambda: (r.seek(0), list(r)))
r.close()

a = _io.FileIO(PATH, "a+")
t("append mode", lambda: (a.mode, a.tell()))
t("append write", lambda: a.write(b"+tail"))
t("append read", lambda: (a.seek(0), a.read()))
fd = a.fileno()
g = _io.FileIO(fd, "r", closefd=False)
t("fd repr", lambda: repr(g))
t("fd name", lambda: g.name)
t("fd closefd", lambda: g.closefd)
g.close()
t("fd still open", lambda: a.closed)
t("fd usable", lambda: (a.seek(0), a.read(5)))
a.close()

u = _io.FileIO(PATH, "r+b")
t("r+ mode", lambda: (u.mode, u.readable(), u.writable()))
t("r+ write", lambda: (u.write(b"HE"), u.seek(0), u.read(5)))
u.close()

w2 = _io.FileIO(OTHER, "w")
w2.close()
t("x exists", lambda: _io.FileIO(OTHER, "x"))
t("x errno", lambda: _io.FileIO(OTHER, "xb"))
t("w+ mode", lambda: _io.FileIO(OTHER, "w+").mode)
t("bad mode", lambda: _io.FileIO(PATH, "rw"))
t("bad char", lambda: _io.FileIO(PATH, "q"))
t("empty mode", lambda: _io.FileIO(PATH, ""))
t("two plus", lambda: _io.FileIO(PATH, "r++"))
t("mode type", lambda: _io.FileIO(PATH, 5))
t("negative fd", lambda: _io.FileIO(-1))
t("float", lambda: _io.FileIO(1.5))
t("list", lambda: _io.FileIO([]))
t("directory", lambda: _io.FileIO("/tmp"))
t("missing", lambda: _io.FileIO("/nonexistent/pyrs/file"))
t("closefd with name", lambda: _io.FileIO(PATH, closefd=False))
t("bytes path", lambda: repr(_io.FileIO(PATH.encode())))
t("no args", lambda: _io.FileIO())
t("bad kw", lambda: _io.FileIO(PATH, mod="r"))

try:
    _io.FileIO("/nonexistent/pyrs/file")
except OSError as e:
    print("errno", e.errno, e.strerror, e.filename, type(e).__name__)

import posix

with _io.FileIO(PATH, "rb", opener=lambda p, fl: posix.open(p, fl)) as op:
    t("opener", lambda: (op.read(5), op.name == PATH, op.mode))
t("opener flags", lambda: _io.FileIO(PATH, "w", opener=lambda p, fl: print("flags", fl & 0o3) or posix.open(p, fl)).close())
t("opener bad", lambda: _io.FileIO(PATH, "rb", opener=lambda p, fl: "x"))
t("opener negative", lambda: _io.FileIO(PATH, "rb", opener=lambda p, fl: -5))
with _io.FileIO(PATH, "rb") as src:
    t("with", lambda: src.read(2))
t("with closed", lambda: src.closed)


class Named(_io.FileIO):
    pass


n = Named(PATH)
t("subclass repr", lambda: repr(n))
t("subclass is raw", lambda: (isinstance(n, _io._RawIOBase), isinstance(n, _io._IOBase)))
n.close()

try:
    import posix
except ImportError:
    posix = None
for _path in SCRATCH:
    if posix is not None:
        try:
            posix.unlink(_path)
        except OSError:
            pass
