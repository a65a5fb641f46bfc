# _io.TextIOWrapper over BytesIO: encodings (utf-8, latin-1, ascii with error handlers),
# newline modes on read and write, readline/readlines/iteration, tell/seek cookies, detach,
# reconfigure, line buffering, repr and the error messages.
import _io


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r))


def wrap(data, **kw):
    return _io.TextIOWrapper(_io.BytesIO(data), **kw)


w = wrap("héllo\nwörld\n€nd".encode())
t("repr", lambda: repr(w))
t("attrs", lambda: (w.encoding, w.errors, w.line_buffering, w.write_through, w.newlines))
t("read 3", lambda: w.read(3))
t("tell", w.tell)
t("readline", w.readline)
t("tell 2", w.tell)
t("readline limit", lambda: w.readline(2))
t("read rest", w.read)
t("read eof", w.read)
t("seek 0", lambda: w.seek(0))
t("readlines", w.readlines)
t("iter", lambda: (w.seek(0), list(w)))
t("tell after iter", w.tell)
t("seek end", lambda: w.seek(0, 2))
t("seek cur", lambda: w.seek(0, 1))
t("nonzero cur", lambda: w.seek(1, 1))
t("nonzero end", lambda: w.seek(1, 2))
t("bad whence", lambda: w.seek(0, 4))
t("negative", lambda: w.seek(-1))
t("read str", lambda: w.read("x"))
t("readline float", lambda: w.readline(1.5))
t("write bytes", lambda: w.write(b"x"))

# tell() inside a multi-byte sequence and after a held-back '\r' gives CPython's cookies
data = "aé€b\r\nc\rd\n".encode()
r = wrap(data)
positions = []
while True:
    cookie = r.tell()
    ch = r.read(1)
    if not ch:
        break
    positions.append((cookie, ch))
print("cookies", positions)
for cookie, ch in positions:
    r.seek(cookie)
    assert r.read(1) == ch, (cookie, ch)
print("seek back to every cookie ok")
r.seek(0)
r.readline()
t("tell after readline", r.tell)
big = r.tell()
r.read()
t("seek big cookie", lambda: (r.seek(big), r.read()))

for nl in [None, "", "\n", "\r", "\r\n"]:
    print("newline", repr(nl))
    rd = wrap(b"a\r\nb\rc\nd", newline=nl)
    t("  readlines", rd.readlines)
    t("  newlines", lambda: rd.newlines)
    out = _io.BytesIO()
    wr = _io.TextIOWrapper(out, newline=nl)
    wr.write("x\ny\r\nz")
    wr.flush()
    t("  written", out.getvalue)

for enc, errors in [("latin-1", None), ("ascii", "replace"), ("ascii", "backslashreplace"),
                    ("ascii", "xmlcharrefreplace"), ("utf8", "strict"), ("ascii", None)]:
    out = _io.BytesIO()
    wr = _io.TextIOWrapper(out, encoding=enc, errors=errors)
    t("encode %s %s" % (enc, errors), lambda: (wr.write("aé€z"), wr.flush(), out.getvalue()))
t("decode ascii strict", lambda: wrap(b"a\xffb", encoding="ascii").read())
t("decode ascii replace", lambda: wrap(b"a\xffb", encoding="ascii", errors="replace").read())
t("decode utf8 bad", lambda: wrap(b"a\xff\xfeb").read())
t("decode utf8 surrogateescape", lambda: wrap(b"a\xffb", errors="surrogateescape").read())
t("decode latin-1", lambda: wrap(bytes(range(250, 256)), encoding="latin-1").read())
t("truncated utf8 at eof", lambda: wrap(b"ab\xe2\x82").read())
t("truncated utf8 at eof replace", lambda: wrap(b"ab\xe2\x82", errors="replace").read())

# a chunk size smaller than a multi-byte character
small = wrap(("€" * 10 + "\n" + "é" * 7).encode())
small._CHUNK_SIZE = 2
t("small chunks readline", small.readline)
t("small chunks tell", small.tell)
t("small chunks read", small.read)
t("chunk size", lambda: small._CHUNK_SIZE)
t("chunk size zero", lambda: setattr(small, "_CHUNK_SIZE", 0))

out = _io.BytesIO()
tw = _io.TextIOWrapper(out)
t("write returns", lambda: tw.write("abc\ndef"))
t("pending not written", out.getvalue)
t("tell flushes", tw.tell)
t("written", out.getvalue)
t("line_buffering", lambda: (tw.reconfigure(line_buffering=True), tw.line_buffering))
t("lb write", lambda: (tw.write("x"), out.getvalue()))
t("lb newline", lambda: (tw.write("y\n"), out.getvalue()))
t("lb cr", lambda: (tw.write("z\r"), out.getvalue()))
tw.reconfigure(line_buffering=False, write_through=True)
t("write_through", lambda: (tw.write("w"), out.getvalue(), tw.write_through))
t("reconfigure encoding", lambda: (tw.reconfigure(encoding="latin-1"), tw.encoding, tw.errors))
t("latin write", lambda: (tw.write("é"), out.getvalue()[-2:]))
t("reconfigure errors", lambda: (tw.reconfigure(errors="replace"), tw.encoding, tw.errors))
t("reconfigure newline", lambda: (tw.reconfigure(newline="\r\n"), tw.write("n\n"), out.getvalue()[-3:]))
t("reconfigure bad newline", lambda: tw.reconfigure(newline="x"))
t("reconfigure bad type", lambda: tw.reconfigure(encoding=5))
t("reconfigure positional", lambda: tw.reconfigure("utf-8"))
rr = wrap(b"abc")
rr.read(1)
t("reconfigure after read", lambda: rr.reconfigure(encoding="latin-1"))
t("reconfigure lb after read", lambda: (rr.reconfigure(line_buffering=True), rr.line_buffering))

d = wrap(b"detach me")
t("name not settable", lambda: setattr(d, "name", "x"))
d.mode = "r"
t("repr mode", lambda: repr(d))
buf = d.detach()
t("detach", lambda: buf.read())
t("after detach read", lambda: d.read())
t("after detach repr", lambda: repr(d))
t("after detach buffer", lambda: d.buffer)
t("after detach encoding", lambda: d.encoding)
t("after detach closed", lambda: d.closed)
t("after detach errors", lambda: d.errors)

c = wrap(b"closed")
c.close()
t("closed", lambda: c.closed)
for name in ["read", "readline", "tell", "flush", "readlines", "fileno", "isatty",
             "readable", "writable", "seekable", "close"]:
    t("closed " + name, getattr(c, name))
t("closed write", lambda: c.write("x"))
t("closed seek", lambda: c.seek(0))
t("closed next", lambda: next(c))
t("closed errors", lambda: c.errors)

t("bad encoding type", lambda: wrap(b"", encoding=5))
t("bad errors type", lambda: wrap(b"", errors=5))
t("bad newline type", lambda: wrap(b"", newline=5))
t("bad newline", lambda: wrap(b"", newline="x"))
t("no buffer", lambda: _io.TextIOWrapper())
t("reader only", lambda: _io.TextIOWrapper(_io.BufferedReader(_io.BytesIO(b"q"))).write("x"))
t("writer only", lambda: _io.TextIOWrapper(_io.BufferedWriter(_io.BytesIO())).read())
nt = _io.TextIOWrapper(_io.BufferedReader(_io.BytesIO(b"line\nnext\n")))
t("next disables tell", lambda: (next(nt), nt.tell()))
t("tell after exhausting", lambda: (list(nt), nt.tell()))
t("pickle", lambda: wrap(b"").__reduce__())
t("mro", lambda: [k.__name__ for k in _io.TextIOWrapper.__mro__])
t("locale", lambda: wrap(b"", encoding="locale").encoding)
t("truncate", lambda: (lambda x: (x.write("abcdef"), x.seek(2), x.truncate(), x.buffer.getvalue()))(wrap(b"")))
