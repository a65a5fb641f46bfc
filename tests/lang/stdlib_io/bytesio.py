# _io.BytesIO: reads, writes past the end, seek/tell/truncate rules, getbuffer export locking,
# pickling state, iteration and the error messages of a closed or misused stream.
import _io


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r))


b = _io.BytesIO(b"hello\nworld\nlast")
t("read3", lambda: b.read(3))
t("readline", lambda: b.readline())
t("tell", lambda: b.tell())
t("readline limit", lambda: b.readline(2))
t("readlines", lambda: b.readlines())
t("read at end", lambda: b.read())
t("read1", lambda: (b.seek(0), b.read1(4), b.read1(), b.read1(5)))
t("read None", lambda: (b.seek(6), b.read(None)))
t("readlines hint", lambda: (b.seek(0), b.readlines(3)))
t("iteration", lambda: (b.seek(0), list(b)))
t("readinto", lambda: (b.seek(0), bytearray(4), b.readinto(memoryview(bytearray(4)))))
buf = bytearray(8)
b.seek(12)
t("readinto short", lambda: (b.readinto(buf), buf))
t("flags", lambda: (b.readable(), b.writable(), b.seekable(), b.isatty(), b.closed))

w = _io.BytesIO()
t("write", lambda: w.write(b"abc"))
t("write memoryview", lambda: w.write(memoryview(b"defg")[1:3]))
t("write bytearray", lambda: w.write(bytearray(b"XY")))
t("getvalue", lambda: w.getvalue())
t("seek past end", lambda: w.seek(10))
t("write past end", lambda: w.write(b"!"))
t("getvalue gap", lambda: w.getvalue())
t("seek cur", lambda: w.seek(-3, 1))
t("seek end", lambda: w.seek(-2, 2))
t("seek cur clamps", lambda: w.seek(-100, 1))
t("seek end clamps", lambda: w.seek(-100, 2))
t("overwrite", lambda: (w.seek(1), w.write(b"__"), w.getvalue()))
t("truncate", lambda: w.truncate(4))
t("after truncate", lambda: (w.tell(), w.getvalue()))
t("truncate at pos", lambda: (w.seek(2), w.truncate(), w.getvalue()))
t("truncate bigger", lambda: (w.truncate(10), w.getvalue()))
t("writelines", lambda: (w.seek(0, 2), w.writelines([b"1", bytearray(b"2"), memoryview(b"3")]), w.getvalue()))
t("writelines bad", lambda: w.writelines([b"ok", "bad"]))
t("empty write", lambda: w.write(b""))

e = _io.BytesIO()
t("seek negative", lambda: e.seek(-1))
t("seek whence", lambda: e.seek(0, 3))
t("seek str", lambda: e.seek("a"))
t("seek float", lambda: e.seek(1.5))
t("truncate negative", lambda: e.truncate(-1))
t("write str", lambda: e.write("text"))
t("read str", lambda: e.read("a"))
t("readline str", lambda: e.readline("a"))
t("readlines str", lambda: e.readlines("a"))
t("readinto bytes", lambda: e.readinto(b"xx"))
t("ctor str", lambda: _io.BytesIO("x"))
t("ctor kw", lambda: _io.BytesIO(initial_bytes=b"kw").read())
t("ctor 2 args", lambda: _io.BytesIO(b"", b""))
t("ctor bad kw", lambda: _io.BytesIO(data=b""))
t("ctor None", lambda: _io.BytesIO(None).getvalue())

g = _io.BytesIO(b"abcdef")
m = g.getbuffer()
t("view", lambda: (bytes(m), len(m), m.readonly))
m[0] = ord("A")
t("view writes through", lambda: g.getvalue())
t("write while exported", lambda: g.write(b"x"))
t("truncate while exported", lambda: g.truncate(1))
t("close while exported", lambda: g.close())
t("seek while exported", lambda: g.seek(2))
t("read while exported", lambda: g.read(2))
t("setstate while exported", lambda: g.__setstate__((b"", 0, None)))
m2 = g.getbuffer()
m.release()
t("still exported", lambda: g.write(b"x"))
m2.release()
t("released", lambda: (g.write(b"x"), g.getvalue()))
t("getbuffer empty", lambda: bytes(_io.BytesIO().getbuffer()))

s = _io.BytesIO(b"state")
s.read(2)
t("getstate", lambda: s.__getstate__())
s.attr = 5
t("getstate dict", lambda: s.__getstate__())
c = _io.BytesIO()
t("setstate", lambda: (c.__setstate__((b"restored", 3, {"k": 1})), c.read(), c.k))
t("setstate bad", lambda: c.__setstate__(1))
t("setstate short", lambda: c.__setstate__((b"", 0)))
t("setstate negative", lambda: c.__setstate__((b"", -1, None)))
t("setstate pos type", lambda: c.__setstate__((b"", "0", None)))
t("setstate dict type", lambda: c.__setstate__((b"", 0, 5)))

z = _io.BytesIO(b"data")
z.close()
t("closed", lambda: z.closed)
t("close twice", lambda: z.close())
for name in ["read", "read1", "readline", "readlines", "getvalue", "tell", "flush", "isatty",
             "readable", "writable", "seekable", "getbuffer", "__getstate__", "truncate"]:
    t("closed " + name, getattr(z, name))
t("closed write", lambda: z.write(b"x"))
t("closed seek", lambda: z.seek(0))
t("closed iter", lambda: iter(z) is z)
t("closed next", lambda: next(z))
t("closed readinto", lambda: z.readinto(bytearray(1)))
t("closed writelines", lambda: z.writelines([]))
t("closed enter", lambda: z.__enter__())

with _io.BytesIO(b"ctx") as cm:
    t("with", lambda: cm.read())
t("with closed", lambda: cm.closed)


class Sub(_io.BytesIO):
    def readline(self, size=-1):
        return b"[" + super().readline(size) + b"]"


sub = Sub(b"a\nb\n")
t("subclass readline", lambda: sub.readline())
t("subclass iter uses own next", lambda: list(sub))
t("subclass types", lambda: (isinstance(sub, _io._BufferedIOBase), isinstance(sub, _io._IOBase)))
t("unsupported fileno", lambda: _io.BytesIO().fileno())
t("unsupported detach", lambda: _io.BytesIO().detach())
t("big", lambda: len(_io.BytesIO(b"x" * 100000).read()))
