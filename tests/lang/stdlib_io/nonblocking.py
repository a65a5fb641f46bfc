# Non-blocking pipes (posix.pipe + set_blocking): FileIO returns None, BufferedReader returns
# what it has or None, BufferedWriter raises BlockingIOError with characters_written.
import _io, posix
r, w = posix.pipe()
posix.set_blocking(r, False)
fr = _io.FileIO(r, "rb")
fw = _io.FileIO(w, "wb")
print(fr.read(10), fr.readall(), fr.readinto(bytearray(3)))
print(fr.seekable(), fw.seekable(), fr.isatty())
try:
    fr.tell()
except OSError as e:
    print(type(e).__name__, e.errno)
fw.write(b"abc")
br = _io.BufferedReader(fr)
print(br.read(10), br.read(10), br.read1(5), br.peek())
fw.write(b"line\npartial")
tw = _io.TextIOWrapper(_io.BufferedReader(fr))
print(repr(tw.readline()))
try:
    tw.tell()
except Exception as e:
    print(type(e).__name__, e)
posix.set_blocking(w, False)
bw = _io.BufferedWriter(fw, 16)
total = 0
try:
    for i in range(100000):
        total += bw.write(b"x" * 1000)
except BlockingIOError as e:
    print("blocked", type(e).__name__, e.characters_written > 0, e.args[1])
fr.close(); fw.close()
print(fr.closed, fw.closed)
