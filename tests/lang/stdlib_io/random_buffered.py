# Pseudo-random interleavings of read/read1/peek/readinto/readline/write/seek/tell/flush/
# truncate on BufferedReader/Writer/Random over a logging Python raw stream: results, the raw
# call sequence and the final bytes must all equal CPython's (one shared buffer model).
import _io

seed = 3


def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed % n


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r))


class LogRaw(_io._RawIOBase):
    def __init__(self, data):
        self.data = bytearray(data); self.p = 0; self.log = []
    def readable(self): return True
    def writable(self): return True
    def seekable(self): return True
    def readinto(self, b):
        n = min(len(b), len(self.data) - self.p, 1 + rnd(7))
        n = max(n, 0)
        b[:n] = self.data[self.p:self.p + n]; self.p += n
        self.log.append("r%d/%d" % (len(b), n)); return n
    def write(self, b):
        b = bytes(b); n = len(b)
        if self.p > len(self.data): self.data.extend(b"\0" * (self.p - len(self.data)))
        self.data[self.p:self.p + n] = b; self.p += n
        self.log.append("w%d" % n); return n
    def seek(self, pos, whence=0):
        self.p = max(0, [pos, self.p + pos, len(self.data) + pos][whence])
        self.log.append("s%d,%d" % (pos, whence)); return self.p
    def tell(self):
        self.log.append("t"); return self.p


for trial in range(60):
    size = 1 + rnd(10)
    kind = rnd(3)
    raw = LogRaw(bytes(range(97, 97 + rnd(30))))
    cls = [_io.BufferedReader, _io.BufferedWriter, _io.BufferedRandom][kind]
    b = cls(raw, size)
    print("trial", trial, cls.__name__, size)
    for step in range(20):
        op = rnd(10)
        if op == 0: t("read", lambda: b.read(rnd(15) - 1))
        elif op == 1: t("read1", lambda: b.read1(rnd(10)))
        elif op == 2: t("peek", lambda: b.peek(rnd(3)))
        elif op == 3: t("write", lambda: b.write(bytes([65 + rnd(26)]) * rnd(14)))
        elif op == 4: t("seek", lambda: b.seek(rnd(20) - 5, rnd(3)))
        elif op == 5: t("tell", b.tell)
        elif op == 6: t("readline", lambda: b.readline(rnd(8) - 1))
        elif op == 7: t("flush", b.flush)
        elif op == 8: t("truncate", lambda: b.truncate(rnd(20)) if rnd(2) else b.truncate())
        else: t("readinto", lambda: (lambda ba: (b.readinto(ba), bytes(ba)))(bytearray(rnd(12))))
    t("close", b.close)
    print("log", " ".join(raw.log))
    print("final", bytes(raw.data))
