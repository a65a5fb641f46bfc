# _io.open on files under /tmp: the layers each mode builds, buffering rules, text encodings and
# newline translation on disk, append/update/exclusive modes, and every argument error message;
# plus open_code, text_encoding, DEFAULT_BUFFER_SIZE and UnsupportedOperation.
import _io

# Scratch files get a random name (lang and aot runs of this program may overlap) that the
# output masks; they are removed at the end when the posix module is available.
with _io.FileIO("/dev/urandom") as _rnd:
    TOKEN = _rnd.read(6).hex()
P = "/tmp/pyrs_io_open_" + TOKEN + ".txt"
Q = "/tmp/pyrs_io_open_x_" + TOKEN + ".txt"
SCRATCH = [P, Q]


def mask(text):
    for name, path in [("P", P), ("Q", Q)]:
        text = text.replace(path, name)
    return text


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, mask(str(e)))
    else:
        print(label, "=", mask(repr(r)))


def layers(f):
    out = []
    while f is not None:
        out.append(type(f).__name__)
        f = getattr(f, "buffer", None) or getattr(f, "raw", None)
    return out


with _io.open(P, "w") as f:
    t("w layers", lambda: layers(f))
    t("w repr", lambda: repr(f))
    t("w attrs", lambda: (f.mode, f.name, f.encoding, f.errors, f.line_buffering, f.buffer.mode))
    t("write", lambda: f.write("first line\nsecond: é€\n"))
    t("writelines", lambda: f.writelines(["a\n", "b\n"]))
    t("read on w", lambda: f.read())
    t("tell", f.tell)
t("closed after with", lambda: f.closed)

with _io.open(P) as f:
    t("r layers", lambda: layers(f))
    t("r repr", lambda: repr(f))
    t("readline", f.readline)
    t("read", f.read)
    t("write on r", lambda: f.write("x"))

with _io.open(P, "rb") as f:
    t("rb layers", lambda: layers(f))
    t("rb repr", lambda: repr(f))
    t("rb read", lambda: f.read(5))
    t("rb peek", lambda: f.peek(1)[:1])
    t("rb lines", lambda: f.readlines())

with _io.open(P, "a", encoding="latin-1") as f:
    t("a mode", lambda: (f.mode, f.buffer.mode, f.tell()))
    t("a write", lambda: f.write("latin é\n"))
t("appended", lambda: _io.open(P, "rb").read()[-9:])

with _io.open(P, "r+") as f:
    t("r+ layers", lambda: layers(f))
    t("r+ read", lambda: f.read(5))
    t("r+ write", lambda: f.write("XX"))
    t("r+ seek read", lambda: (f.seek(0), f.readline()))

with _io.open(P, "w+b") as f:
    t("w+b layers", lambda: layers(f))
    t("w+b", lambda: (f.write(b"bytes\r\nmore\rend"), f.seek(0), f.read()))

for nl in [None, "", "\n", "\r\n"]:
    with _io.open(P, "r", newline=nl) as f:
        t("newline %r" % (nl,), lambda: (f.readlines(), f.newlines))
with _io.open(P, "w", newline="\r\n") as f:
    f.write("one\ntwo\n")
t("crlf on disk", lambda: _io.open(P, "rb").read())

with _io.open(P, "wb", buffering=0) as f:
    t("unbuffered layers", lambda: layers(f))
    t("unbuffered write", lambda: f.write(b"raw"))
with _io.open(P, "w", buffering=1) as f:
    t("line buffered", lambda: (f.line_buffering, layers(f)))
with _io.open(P, "rb", buffering=16) as f:
    t("small buffer", lambda: (f.read(2), f.raw.tell()))

with _io.open(P, "w", encoding="ascii", errors="replace") as f:
    f.write("caf\u00e9 \u20ac")
t("ascii replace on disk", lambda: _io.open(P, "rb").read())
with _io.open(P, "w", encoding="utf-8", errors="strict") as f:
    t("surrogate strict", lambda: (f.write("\udcff"), f.flush()))
    t("surrogate cleared", lambda: f.write("ok"))
t("after surrogate", lambda: _io.open(P, "rb").read())

w = _io.open(Q, "w")
w.close()
t("x exists", lambda: _io.open(Q, "x"))
t("missing", lambda: _io.open("/nonexistent/pyrs/dir/file"))
t("directory", lambda: _io.open("/tmp"))
t("rw", lambda: _io.open(P, "rw"))
t("rr", lambda: _io.open(P, "rr"))
t("tb", lambda: _io.open(P, "tb"))
t("U", lambda: _io.open(P, "U"))
t("rU", lambda: _io.open(P, "rU"))
t("no mode letter", lambda: _io.open(P, "b"))
t("plus only", lambda: _io.open(P, "+"))
t("empty", lambda: _io.open(P, ""))
t("binary encoding", lambda: _io.open(P, "rb", encoding="utf-8"))
t("binary errors", lambda: _io.open(P, "rb", errors="strict"))
t("binary newline", lambda: _io.open(P, "rb", newline=""))
t("unbuffered text", lambda: _io.open(P, "r", buffering=0))
t("bad newline", lambda: _io.open(P, "r", newline="x"))
t("mode int", lambda: _io.open(P, 5))
t("buffering str", lambda: _io.open(P, "r", "a"))
t("buffering float", lambda: _io.open(P, "r", 1.5))
t("encoding int", lambda: _io.open(P, encoding=5))
t("errors int", lambda: _io.open(P, errors=5))
t("newline int", lambda: _io.open(P, newline=5))
t("bad kw", lambda: _io.open(P, foo=1))
t("no args", lambda: _io.open())
t("too many", lambda: _io.open(P, "r", -1, None, None, None, True, None, 5))
t("dup arg", lambda: _io.open(P, file=P))
t("list", lambda: _io.open([]))
t("float file", lambda: _io.open(1.5))
t("closefd name", lambda: _io.open(P, closefd=False))
t("opener type", lambda: _io.open(P, opener=lambda p, f: None))


class PathLike:
    def __fspath__(self):
        return P


t("pathlike", lambda: _io.open(PathLike()).read())
t("bytes path", lambda: _io.open(P.encode()).name)
t("open_code", lambda: (layers(_io.open_code(P)), _io.open_code(P).read()))
t("open_code bytes", lambda: _io.open_code(P.encode()))
t("text_encoding None", lambda: _io.text_encoding(None))
t("text_encoding given", lambda: _io.text_encoding("latin-1"))
t("text_encoding level", lambda: _io.text_encoding(None, 3))
t("text_encoding none", lambda: _io.text_encoding())
t("DEFAULT_BUFFER_SIZE", lambda: _io.DEFAULT_BUFFER_SIZE)
U = _io.UnsupportedOperation
t("UnsupportedOperation", lambda: ([k.__name__ for k in U.__mro__], U.__module__))
t("catch as OSError", lambda: issubclass(U, OSError) and issubclass(U, ValueError))
t("BlockingIOError", lambda: _io.BlockingIOError is BlockingIOError)
t("module name", lambda: _io.__name__)
t("names", lambda: sorted(n for n in dir(_io) if not n.startswith("__")))

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
