# str.encode / bytes.decode across codecs and error handlers, and their error messages.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


s = "héllo €\U0001f600\x00"
for enc in ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32-le", "latin-1", "ascii", "cp1252",
            "utf-7", "unicode_escape", "raw_unicode_escape"]:
    for errors in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace"]:
        show(f"{enc}/{errors}", lambda: s.encode(enc, errors))
show("surrogateescape", lambda: "a\udcff".encode("utf-8", "surrogateescape"))
show("surrogatepass", lambda: "a\ud800".encode("utf-8", "surrogatepass"))
show("lone surrogate", lambda: "a\ud800b".encode())
show("namereplace", lambda: "é€".encode("ascii", "namereplace"))
show("bad codec", lambda: "a".encode("no-such-codec"))
show("bad errors", lambda: "é".encode("ascii", "bogus"))
show("encode int", lambda: "a".encode(1))
data = [b"abc", b"\xc3\xa9", b"\xff\xfe", b"\xe2\x82", b"a\x80b", b"\xed\xa0\x80", b"\xf0\x9f\x98\x80"]
for d in data:
    for errors in ["strict", "ignore", "replace", "backslashreplace", "surrogateescape"]:
        show(f"{d!r}/{errors}", lambda: d.decode("utf-8", errors))
show("latin1", lambda: bytes(range(250, 256)).decode("latin-1"))
show("ascii high", lambda: b"ok\xe9".decode("ascii"))
show("utf16 odd", lambda: b"a\x00b".decode("utf-16-le"))
show("unicode_escape", lambda: b"\\u00e9\\n\\x41\\N{BULLET}".decode("unicode_escape"))
show("unicode_escape bad", lambda: b"\\u00".decode("unicode_escape"))
show("decode kw", lambda: b"abc".decode(encoding="ascii", errors="strict"))
show("str(bytes, enc)", lambda: str(b"\xc3\xa9", "utf-8"))
show("str(str, enc)", lambda: str("x", "utf-8"))
show("utf8 default", lambda: "€".encode())
