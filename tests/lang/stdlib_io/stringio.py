# _io.StringIO: newline modes (None, '', '\n', '\r', '\r\n'), reads by characters including
# non-ASCII, seek/tell/truncate rules, pickling state and the closed-file messages.
import _io


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r))


text = "ab\r\ncd\ref\nlast"
for nl in [None, "", "\n", "\r", "\r\n"]:
    s = _io.StringIO(text, newline=nl)
    print("newline", repr(nl))
    t("  getvalue", s.getvalue)
    t("  readlines", s.readlines)
    t("  newlines", lambda: s.newlines)
    t("  tell", s.tell)
    w = _io.StringIO(newline=nl)
    t("  write", lambda: w.write("x\ny\r\nz\r"))
    t("  write2", lambda: w.write("\nw"))
    t("  value", w.getvalue)
    t("  newlines after write", lambda: w.newlines)
    t("  state", w.__getstate__)

s = _io.StringIO("héllo wörld\n€uro\n")
t("read3", lambda: s.read(3))
t("readline", s.readline)
t("tell", s.tell)
t("readline limit", lambda: s.readline(2))
t("read rest", s.read)
t("read at end", s.read)
t("seek", lambda: s.seek(1))
t("read None", lambda: s.read(None))
t("read -1", lambda: (s.seek(0), s.read(-1)))
t("iter", lambda: (s.seek(0), list(s)))
t("seek past end", lambda: s.seek(25))
t("write past end", lambda: s.write("Z"))
t("gap", s.getvalue)
t("seek end", lambda: s.seek(0, 2))
t("seek cur", lambda: s.seek(0, 1))
t("nonzero cur", lambda: s.seek(1, 1))
t("nonzero end", lambda: s.seek(-1, 2))
t("negative", lambda: s.seek(-1))
t("bad whence", lambda: s.seek(0, 5))
t("seek str", lambda: s.seek("0"))
t("truncate", lambda: s.truncate(5))
t("after truncate", lambda: (s.tell(), s.getvalue()))
t("truncate at pos", lambda: (s.seek(2), s.truncate(), s.getvalue()))
t("truncate negative", lambda: s.truncate(-1))
t("overwrite", lambda: (s.seek(0), s.write("XY€"), s.getvalue()))
t("write bytes", lambda: s.write(b"x"))
t("write returns len", lambda: _io.StringIO().write("a\r\nb"))
t("writelines", lambda: (s.writelines(["1", "2"]), s.getvalue()))
t("flags", lambda: (s.readable(), s.writable(), s.seekable(), s.isatty(), s.line_buffering))
t("encoding", lambda: (s.encoding, s.errors))
t("ctor bytes", lambda: _io.StringIO(b"x"))
t("ctor newline int", lambda: _io.StringIO("", 5))
t("ctor bad newline", lambda: _io.StringIO("", "x"))
t("ctor kw", lambda: _io.StringIO(initial_value="kw", newline="").getvalue())
t("ctor bad kw", lambda: _io.StringIO(value=""))
t("ctor None", lambda: _io.StringIO(None).getvalue())
t("read bad", lambda: s.read("x"))
t("readline bad", lambda: s.readline("x"))
t("detach", lambda: s.detach())
t("fileno", lambda: s.fileno())
t("empty newlines", lambda: _io.StringIO(newline=None).newlines)

st = _io.StringIO("saved\nvalue", newline="\r\n")
st.read(3)
st.x = 1
t("getstate", st.__getstate__)
r = _io.StringIO()
t("setstate", lambda: (r.__setstate__(("abc", "\n", 1, {"y": 2})), r.read(), r.y))
t("setstate bad", lambda: r.__setstate__(5))
t("setstate newline", lambda: r.__setstate__(("abc", 1, 1, None)))
t("setstate negative", lambda: r.__setstate__(("abc", "\n", -1, None)))

c = _io.StringIO("closed")
c.close()
t("closed", lambda: c.closed)
t("close twice", c.close)
for name in ["read", "readline", "getvalue", "tell", "readable", "writable", "seekable",
             "truncate", "__getstate__", "flush", "isatty", "readlines"]:
    t("closed " + name, getattr(c, name))
t("closed write", lambda: c.write("x"))
t("closed seek", lambda: c.seek(0))
t("closed newlines", lambda: c.newlines)
t("closed line_buffering", lambda: c.line_buffering)
t("closed iter", lambda: iter(c))
t("closed next", lambda: next(c))

with _io.StringIO("ctx") as cm:
    t("with", cm.read)
t("with closed", lambda: cm.closed)


class Sub(_io.StringIO):
    def readline(self, size=-1):
        return "<" + super().readline(size) + ">" if self.tell() < 4 else ""


t("subclass iteration", lambda: list(Sub("a\nb\nc\nd\n")))
t("subclass mro", lambda: [k.__name__ for k in Sub.__mro__])
big = _io.StringIO()
for i in range(2000):
    big.write("line %d\n" % i)
t("big", lambda: (big.tell(), len(big.getvalue().splitlines())))
