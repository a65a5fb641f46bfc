# The abstract bases _IOBase/_RawIOBase/_BufferedIOBase/_TextIOBase subclassed from Python:
# default methods, closed bookkeeping, iteration through readline, readall through readinto,
# close() calling flush(), finalization closing (and flushing) unreferenced streams, and
# IncrementalNewlineDecoder.
import _io

# Scratch files get a random name (lang and aot runs of this program may overlap) that the
# output masks; they are removed at the end when the posix module is available.
with _io.FileIO("/dev/urandom") as _rnd:
    TOKEN = _rnd.read(6).hex()
P = "/tmp/pyrs_io_iobase_" + TOKEN + ".txt"
SCRATCH = [P]


def mask(text):
    for name, path in [("P", P)]:
        text = text.replace(path, name)
    return text


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, mask(str(e)))
    else:
        print(label, "=", mask(repr(r)))


b = _io._IOBase()
for name in ["seek", "tell", "truncate", "fileno", "isatty", "readable", "writable", "seekable",
             "flush", "readline", "readlines", "_checkClosed", "_checkReadable",
             "_checkWritable", "_checkSeekable", "__enter__"]:
    if name != "__enter__":
        t("base " + name, getattr(b, name))
t("base __enter__", lambda: b.__enter__() is b)
t("base writelines", lambda: b.writelines([]))
t("base closed", lambda: (b.closed, b.__dict__))
t("base close", b.close)
t("base closed now", lambda: (b.closed, b.__dict__))
for name in ["flush", "isatty", "readlines", "__enter__", "__iter__", "close", "fileno"]:
    t("closed base " + name, getattr(b, name))
t("closed writelines", lambda: b.writelines([]))

rb = _io._RawIOBase()
t("raw read", rb.read)
t("raw read 2", lambda: rb.read(2))
t("raw readinto", lambda: rb.readinto(bytearray(1)))
t("raw write", lambda: rb.write(b""))
t("raw readall", rb.readall)
bb = _io._BufferedIOBase()
for name in ["read", "read1", "detach"]:
    t("buffered " + name, getattr(bb, name))
t("buffered write", lambda: bb.write(b""))
t("buffered readinto", lambda: bb.readinto(bytearray(3)))
tb = _io._TextIOBase()
for name in ["read", "readline", "detach"]:
    t("text " + name, getattr(tb, name))
t("text write", lambda: tb.write(""))
t("text attrs", lambda: (tb.encoding, tb.newlines, tb.errors))


class Counter(_io._RawIOBase):
    """Yields b'0123456789' in chunks of three bytes through readinto."""

    def __init__(self):
        self.data = b"0123\n56789"
        self.pos = 0
        self.flushed = 0

    def readable(self):
        return True

    def readinto(self, buf):
        chunk = self.data[self.pos:self.pos + min(3, len(buf))]
        buf[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)

    def flush(self):
        self.flushed += 1
        return super().flush()


c = Counter()
t("read via readinto", lambda: c.read(2))
t("readline via read", c.readline)
t("readall", c.readall)
t("read at end", c.read)
c.pos = 0
t("iterate", lambda: list(c))
c.pos = 0
t("readlines hint", lambda: c.readlines(2))
t("close calls flush", lambda: (c.close(), c.flushed, c.closed))
t("close again", lambda: (c.close(), c.flushed))
t("read after close", lambda: c.read(1))
t("buffered over python raw", lambda: _io.BufferedReader(Counter()).read())


class Peeky(_io._BufferedIOBase):
    def __init__(self, data):
        self.data = data

    def peek(self, n=0):
        return self.data[:5]

    def read(self, n=-1):
        n = len(self.data) if n is None or n < 0 else n
        out, self.data = self.data[:n], self.data[n:]
        return out


t("readline with peek", lambda: Peeky(b"ab\ncd").readline())


class Trickle(Peeky):
    def read(self, n=-1):
        return super().read(min(n, 2))


t("readline limit uses whole limit", lambda: Trickle(b"abcdefghij\n").readline(5))
t("readline limit newline", lambda: Trickle(b"ab\ncd").readline(5))
t("readinto via read", lambda: (lambda buf: (Peeky(b"xyz").readinto(buf), buf))(bytearray(2)))
t("readinto1 via read1", lambda: Peeky(b"xyz").readinto1(bytearray(2)))


class Lines(_io._TextIOBase):
    def __init__(self, lines):
        self.lines = list(lines)

    def readline(self, size=-1):
        return self.lines.pop(0) if self.lines else ""


t("text iteration", lambda: list(Lines(["a\n", "b\n"])))
t("text readlines", lambda: Lines(["a\n", "b\n", "c"]).readlines())


class BadRead(_io._RawIOBase):
    def read(self, n=-1):
        return "text"


t("bad read type", lambda: BadRead().readline())


class FailFlush(_io._IOBase):
    def flush(self):
        raise RuntimeError("flush failed")


ff = FailFlush()
t("close with failing flush", ff.close)
t("closed anyway", lambda: ff.closed)

# finalization closes (and so flushes) streams nobody closed


def write_and_drop():
    f = _io.open(P, "w")
    f.write("written by finalizer\n")


def append_and_drop():
    g = _io.open(P, "ab")
    g.write(b"binary tail")


write_and_drop()
t("flushed by finalizer", lambda: _io.open(P).read())
append_and_drop()
t("buffered flushed by finalizer", lambda: _io.open(P, "rb").read())


class Noisy(_io._IOBase):
    def close(self):
        print("Noisy.close called")
        super().close()


def make_noisy():
    Noisy()


make_noisy()
print("after make_noisy")

d = _io.IncrementalNewlineDecoder(None, True)
t("nl decode", lambda: d.decode("a\r"))
t("nl state", d.getstate)
t("nl decode final", lambda: d.decode("\nb\r", final=True))
t("nl newlines", lambda: d.newlines)
t("nl bytes", lambda: d.decode(b"x"))
t("nl setstate bad", lambda: d.setstate(5))
t("nl setstate", lambda: (d.setstate((b"", 1)), d.decode("", True)))
t("nl reset", lambda: (d.reset(), d.newlines, d.getstate()))
d2 = _io.IncrementalNewlineDecoder(None, False)
t("untranslated", lambda: (d2.decode("a\r\nb\rc\n"), d2.newlines))
t("nl missing args", lambda: _io.IncrementalNewlineDecoder())
t("nl missing translate", lambda: _io.IncrementalNewlineDecoder(None))
t("nl kw", lambda: _io.IncrementalNewlineDecoder(decoder=None, translate=1).decode("\r\n"))


class Upper:
    """A minimal incremental decoder: bytes to upper-case text, one state flag."""

    def __init__(self):
        self.flag = 0

    def decode(self, data, final=False):
        return data.decode("ascii").upper()

    def getstate(self):
        return (b"", self.flag)

    def setstate(self, state):
        self.flag = state[1]

    def reset(self):
        self.flag = 0


d3 = _io.IncrementalNewlineDecoder(Upper(), True)
t("wrapped decode", lambda: d3.decode(b"ab\r"))
t("wrapped state", d3.getstate)
t("wrapped setstate", lambda: (d3.setstate((b"", 6)), d3.getstate()))
t("wrapped final", lambda: d3.decode(b"", final=True))

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
