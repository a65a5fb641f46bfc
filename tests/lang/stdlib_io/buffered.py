# BufferedReader/Writer/Random/RWPair over BytesIO and over a Python raw class: peek, read1,
# readinto1, readline, seek/tell through the buffer, flushing, detach, non-blocking raw streams
# (None results) and the closed/unsupported messages.
import _io

# Scratch files get a random name (lang and aot runs of this program may overlap) that the
# output masks; they are removed at the end when the posix module is available.
with _io.FileIO("/dev/urandom") as _rnd:
    TOKEN = _rnd.read(6).hex()
P = "/tmp/pyrs_io_buffered_" + TOKEN + ".txt"
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


class Raw(_io._RawIOBase):
    """A raw stream over bytes that logs calls and returns at most `chunk` bytes per read."""

    def __init__(self, data=b"", chunk=1000):
        self.data = bytearray(data)
        self.pos = 0
        self.chunk = chunk
        self.log = []

    def readable(self):
        return True

    def writable(self):
        return True

    def seekable(self):
        return True

    def readinto(self, b):
        n = min(len(b), self.chunk, len(self.data) - self.pos)
        self.log.append(("readinto", len(b)))
        b[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        return n

    def write(self, b):
        b = bytes(b)
        self.log.append(("write", len(b)))
        self.data[self.pos:self.pos + len(b)] = b
        self.pos += len(b)
        return len(b)

    def seek(self, pos, whence=0):
        self.pos = [pos, self.pos + pos, len(self.data) + pos][whence]
        return self.pos

    def tell(self):
        return self.pos


data = b"line one\nline two\nthree\n" + b"x" * 50
r = _io.BufferedReader(_io.BytesIO(data), 16)
t("repr", lambda: repr(r))
t("peek", lambda: r.peek()[:8])
t("read 4", lambda: r.read(4))
t("tell", r.tell)
t("read1", lambda: r.read1(3))
t("read1 default", lambda: r.read1())
t("readline", r.readline)
t("readline limit", lambda: r.readline(3))
t("readinto", lambda: (r.readinto(bytearray(5))))
t("readinto1", lambda: r.readinto1(bytearray(100)))
t("seek back", lambda: r.seek(5))
t("read after seek", lambda: r.read(4))
t("seek cur", lambda: r.seek(2, 1))
t("seek end", lambda: r.seek(-3, 2))
t("read rest", r.read)
t("read eof", lambda: r.read(3))
t("peek eof", r.peek)
t("iter", lambda: (r.seek(0), list(r)[:3]))
t("readlines", lambda: (r.seek(0), r.readlines(10)))
t("read -2", lambda: r.read(-2))
t("read str", lambda: r.read("1"))
t("seek whence", lambda: r.seek(0, 9))
t("write on reader", lambda: r.write(b"x"))
t("truncate on reader", lambda: r.truncate())
t("flags", lambda: (r.readable(), r.writable(), r.seekable(), r.isatty()))
t("raw", lambda: type(r.raw).__name__)
t("name", lambda: r.name)
t("fileno", r.fileno)
t("bad size", lambda: _io.BufferedReader(_io.BytesIO(), 0))
t("not readable", lambda: _io.BufferedReader(_io.FileIO(P, "w")))

raw = Raw(b"abcdefghijklmnopqrstuvwxyz", chunk=5)
br = _io.BufferedReader(raw, 8)
t("chunked read", lambda: br.read(12))
t("chunked log", lambda: raw.log)
t("chunked read1", lambda: br.read1(100))
t("chunked read all", br.read)
t("chunked tell", br.tell)

wraw = _io.BytesIO()
w = _io.BufferedWriter(wraw, 8)
t("writer repr", lambda: repr(w))
t("write", lambda: w.write(b"abc"))
t("raw before flush", wraw.getvalue)
t("tell pending", w.tell)
t("write more", lambda: w.write(b"defghij"))
t("raw after overflow", wraw.getvalue)
t("write big", lambda: w.write(b"K" * 20))
t("flush", w.flush)
t("raw after flush", wraw.getvalue)
t("seek", lambda: w.seek(2))
t("overwrite", lambda: (w.write(b"ZZ"), w.flush(), wraw.getvalue()))
t("truncate", lambda: w.truncate(5))
t("after truncate", wraw.getvalue)
t("writer read", lambda: w.read())
t("writer read1", lambda: w.read1())
t("writer readline", lambda: w.readline())
t("writer peek", lambda: w.peek())
t("write str", lambda: w.write("s"))
t("writelines", lambda: (w.writelines([b"1", b"2"]), w.flush(), wraw.getvalue()))
t("detach", lambda: w.detach() is wraw)
t("after detach", lambda: w.write(b"x"))
t("after detach repr", lambda: repr(w))
t("after detach raw", lambda: w.raw)
t("after detach closed", lambda: w.closed)

rnd = _io.BufferedRandom(_io.BytesIO(b"0123456789"), 4)
t("random read", lambda: rnd.read(3))
t("random write", lambda: rnd.write(b"ab"))
t("random tell", rnd.tell)
t("random read after write", lambda: rnd.read(2))
t("random value", lambda: (rnd.flush(), rnd.raw.getvalue()))
t("random seek read", lambda: (rnd.seek(0), rnd.read()))
t("random peek", lambda: (rnd.seek(8), rnd.peek(1)))
t("random readline", lambda: (rnd.seek(0), rnd.readline()))
t("random truncate", lambda: (rnd.truncate(4), rnd.tell(), rnd.raw.getvalue()))
t("random write end", lambda: (rnd.seek(0, 2), rnd.write(b"END"), rnd.seek(0), rnd.read()))
t("random not seekable", lambda: _io.BufferedRandom(_io.BufferedReader(_io.BytesIO())))


class NonBlocking(Raw):
    def readinto(self, b):
        if self.pos >= len(self.data):
            return None
        return super().readinto(b)

    def write(self, b):
        return None


nb = _io.BufferedReader(NonBlocking(b"abc", chunk=2), 4)
t("nb read", lambda: nb.read(10))
t("nb read again", lambda: nb.read(10))
t("nb read1", lambda: nb.read1(5))
t("nb readinto", lambda: nb.readinto(bytearray(3)))
nw = _io.BufferedWriter(NonBlocking(), 4)
t("nb write small", lambda: nw.write(b"ab"))
try:
    nw.flush()
except BlockingIOError as e:
    print("nb flush", type(e).__name__, e.args[1], e.characters_written)

pr = _io.BytesIO(b"pair data\nsecond\n")
pw = _io.BytesIO()
pair = _io.BufferedRWPair(pr, pw, 4)
t("pair read", lambda: pair.read(4))
t("pair peek", lambda: pair.peek(1)[:1])
t("pair read1", lambda: pair.read1(3))
t("pair readline", pair.readline)
t("pair readinto", lambda: pair.readinto(bytearray(3)))
t("pair write", lambda: pair.write(b"out"))
t("pair flush", lambda: (pair.flush(), pw.getvalue()))
t("pair flags", lambda: (pair.readable(), pair.writable(), pair.isatty(), pair.closed))
t("pair seek", lambda: pair.seek(0))
t("pair close", pair.close)
t("pair closed", lambda: (pair.closed, pr.closed, pw.closed))
t("pair bad", lambda: _io.BufferedRWPair(_io.BytesIO(), 5))
t("pair kw", lambda: _io.BufferedRWPair(reader=_io.BytesIO(), writer=_io.BytesIO()))

for cls in (_io.BufferedReader, _io.BufferedWriter, _io.BufferedRandom):
    b = cls(_io.BytesIO(b"abc\ndef"))
    b.close()
    print(cls.__name__, "closed", b.closed)
    for m in ["read", "read1", "peek", "readline", "readinto", "write", "flush", "seek",
              "truncate", "detach", "__next__", "close", "tell"]:
        args = {"readinto": (bytearray(2),), "write": (b"x",), "seek": (0,)}.get(m, ())
        t("  " + m, lambda: getattr(b, m)(*args))

u = _io.BufferedReader.__new__(_io.BufferedReader)
t("uninitialized", lambda: u.read())
t("pickle", lambda: _io.BufferedReader(_io.BytesIO()).__reduce__())
t("pickle ex", lambda: _io.BufferedWriter(_io.BytesIO()).__reduce_ex__(2))
t("mro", lambda: [k.__name__ for k in _io.BufferedRandom.__mro__])

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


class Reentrant(Raw):
    """A raw stream whose write/readinto call back into the buffered object using it."""

    def write(self, data):
        t("reentrant close", self.owner.close)
        t("reentrant write", lambda: self.owner.write(b"x"))
        return super().write(data)

    def readinto(self, b):
        t("reentrant read", lambda: self.owner.read(1))
        return super().readinto(b)


rraw = Reentrant(b"0123456789")
rb = _io.BufferedRandom(rraw, 4)
rraw.owner = rb
t("outer write", lambda: rb.write(b"abcdefgh"))
t("outer flush", rb.flush)
t("outer read", lambda: rb.read(3))
t("outer close", rb.close)
t("outer closed", lambda: (rb.closed, bytes(rraw.data)))
