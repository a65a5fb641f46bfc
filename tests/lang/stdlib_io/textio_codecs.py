# TextIOWrapper with encodings served by the codec registry (utf-16 with its BOM, utf-8-sig,
# cp1252, utf-32): BOM only at the start of a stream, tell/seek cookies with stateful decoders,
# and LookupError for unknown or non-text encodings.
import _io


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r))


b = _io.BytesIO()
w = _io.TextIOWrapper(b, encoding="utf-16")
t("utf-16 write", lambda: (w.write("héllo\nwörld\n"), w.flush(), b.getvalue()))
t("utf-16 read", lambda: (w.seek(0), w.read()))
t("utf-16 readline", lambda: (w.seek(0), w.readline(), w.tell()))
cookie = w.tell()
t("utf-16 read 2", lambda: w.read(2))
t("utf-16 seek cookie", lambda: (w.seek(cookie), w.read()))
t("utf-16 append no bom", lambda: (w.seek(0, 2), w.write("!"), w.flush(), b.getvalue()[-4:]))
t("utf-16 rewrite with bom", lambda: (w.seek(0), w.write("A"), w.flush(), b.getvalue()[:4]))

late = _io.BytesIO(b"xx")
late.seek(2)
lw = _io.TextIOWrapper(late, encoding="utf-16")
t("utf-16 starting mid-stream", lambda: (lw.write("z"), lw.flush(), late.getvalue()))

s = _io.TextIOWrapper(_io.BytesIO(), encoding="utf-8-sig")
t("utf-8-sig", lambda: (s.write("a"), s.flush(), s.buffer.getvalue()))
t("utf-8-sig read", lambda: (s.seek(0), s.read()))
t("cp1252", lambda: _io.TextIOWrapper(_io.BytesIO("x€y".encode("cp1252")), encoding="cp1252").read())
t("cp1252 encode", lambda: (lambda x: (x.write("€"), x.flush(), x.buffer.getvalue()))(
    _io.TextIOWrapper(_io.BytesIO(), encoding="cp1252")))
t("cp1252 errors", lambda: (lambda x: (x.write("\u0100"), x.flush()))(
    _io.TextIOWrapper(_io.BytesIO(), encoding="cp1252", errors="strict")))
t("cp1252 replace", lambda: (lambda x: (x.write("\u0100"), x.flush(), x.buffer.getvalue()))(
    _io.TextIOWrapper(_io.BytesIO(), encoding="cp1252", errors="replace")))
u32 = _io.TextIOWrapper(_io.BytesIO("a€\nb".encode("utf-32")), encoding="utf-32")
t("utf-32 lines", u32.readlines)
t("utf-32 tell at end", u32.tell)
for enc in ["nope", "rot13", "hex", "base64"]:
    t("lookup " + enc, lambda: _io.TextIOWrapper(_io.BytesIO(), encoding=enc))
t("reconfigure to utf-16", lambda: (lambda x: (x.reconfigure(encoding="utf-16-le"), x.write("q"),
                                               x.flush(), x.buffer.getvalue()))(
    _io.TextIOWrapper(_io.BytesIO())))
