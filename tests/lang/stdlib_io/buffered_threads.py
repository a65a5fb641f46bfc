# Buffered objects shared by threads: each raw-stream operation holds the object's lock, so
# concurrent writers lose no bytes, concurrent readers see each byte once, a write racing a
# slow close() gets "write to closed file", and only a re-entrant call from the same thread
# (here a signal handler) gets RuntimeError. Plus FileIO/BufferedReader error details.
import errno
import io
import os
import signal
import tempfile
import threading
import time

tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "data")

# concurrent writers
N, PER = 8, 300
with open(path, "wb", buffering=64) as f:
    def writer(i):
        chunk = bytes([65 + i]) * 7
        for _ in range(PER):
            f.write(chunk)
    ts = [threading.Thread(target=writer, args=(i,)) for i in range(N)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
with open(path, "rb") as f:
    data = f.read()
print("written", len(data), [data.count(bytes([65 + i])) for i in range(N)])
# every 7-byte chunk stays whole
print("chunks whole", all(data[k:k + 7] == data[k:k + 1] * 7 for k in range(0, len(data), 7)))

# concurrent readers
results = []
with open(path, "rb", buffering=50) as f:
    def reader():
        got = []
        while True:
            b = f.read(3)
            if not b:
                break
            got.append(b)
        results.append(b"".join(got))
    ts = [threading.Thread(target=reader) for _ in range(6)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
print("read total", sum(len(r) for r in results), sorted(b"".join(results)) == sorted(data))


# a write racing a slow close
class SlowFlushRaw(io.RawIOBase):
    def __init__(self):
        self.in_flush = threading.Event()
        self.written = []

    def writable(self):
        return True

    def write(self, b):
        self.written.append(bytes(b))
        return len(b)

    def flush(self):
        self.in_flush.set()
        time.sleep(0.2)


raw = SlowFlushRaw()
bufio = io.BufferedWriter(raw, 8)
bufio.write(b"abc")
t = threading.Thread(target=bufio.close)
t.start()
raw.in_flush.wait()
try:
    bufio.write(b"spam")
except ValueError as e:
    print("racing write:", type(e).__name__, e)
t.join()
print("closed", bufio.closed, raw.written)

# re-entrant call from a signal handler in the same thread
r, w = os.pipe()
wio = io.open(w, "wb", closefd=False)
seen = []


def handler(signum, frame):
    try:
        wio.write(b"x")
    except RuntimeError as e:
        seen.append(str(e).split(" ")[:3])
    raise ZeroDivisionError("from handler")


old = signal.signal(signal.SIGALRM, handler)
reader_done = []


def drain():
    time.sleep(2.5)
    while True:
        b = os.read(r, 65536)
        if len(b) < 65536:
            reader_done.append(True)
            break


signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
dt = threading.Thread(target=drain, daemon=True)
dt.start()
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGALRM])
signal.setitimer(signal.ITIMER_REAL, 0.5)
try:
    wio.write(b"y" * (1 << 20))
    wio.flush()
    print("no interruption")
except ZeroDivisionError as e:
    print("interrupted:", e)
finally:
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, old)
print("handler saw", seen)
os.close(w)
dt.join()
os.close(r)

# raw readinto returning a non-integer: OSError caused by the TypeError
rawio = io.BufferedReader(io.BytesIO(b"12"))
rawio.readinto = lambda buf: b""
try:
    io.BufferedReader(rawio).readline()
except OSError as e:
    print(type(e).__name__, e, "cause:", type(e.__cause__).__name__)

# FileIO over a directory descriptor fails with EISDIR and leaves the descriptor open
fd = os.open(tmp, os.O_RDONLY)
try:
    io.FileIO(fd, "r")
except OSError as e:
    print("dir fd:", errno.errorcode[e.errno])
os.close(fd)
print("fd closed by us only")


class Blocked(io.FileIO):
    def __setattr__(self, name, value):
        if name == "name":
            raise KeyError("blocked")
        super().__setattr__(name, value)


fd = os.open(path, os.O_RDONLY)
try:
    Blocked(fd)
except KeyError as e:
    print("setattr failed:", e)
os.close(fd)
print("text_encoding:", io.text_encoding(None), io.text_encoding("latin-1"))
os.unlink(path)
os.rmdir(tmp)
