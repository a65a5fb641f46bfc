# Undecodable file names: surrogateescape both ways (str listdir/stat/fspath/filenames).
import posix
base = b"/tmp/pyrs_se_%d" % posix.getpid()
posix.mkdir(base)
fd = posix.open(base + b"/caf\xe9\xff", posix.O_CREAT | posix.O_WRONLY)
posix.close(fd)
names = posix.listdir(base.decode())
print(ascii(names), posix.listdir(base))
p = base.decode("utf-8", "surrogateescape") + "/" + names[0]
print(posix.stat(p).st_size, ascii(posix.fspath(p)[len(base):]))
try:
    posix.stat("\udcff/x")
except FileNotFoundError as e:
    print(ascii(e.filename), ascii(str(e)))
try:
    posix.stat("\ud800")
except Exception as e:
    print(type(e).__name__, ascii(str(e))[:80])
posix.unlink(p)
posix.rmdir(base)
