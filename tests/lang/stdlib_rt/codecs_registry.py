# _codecs: the registry (register/lookup/unregister, normalisation, cache), encode/decode
# through it, error handlers (built-in callables and user ones) and their messages.
import _codecs


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


seen = []


def search(name):
    seen.append(name)
    if name == "pyrs_test":
        return (lambda s, errors="strict": (s.upper().encode(), len(s)),
                lambda b, errors="strict": (bytes(b).decode().lower(), len(b)),
                None, None)
    if name == "bad_shape":
        return (1, 2)
    return None


_codecs.register(search)
info = _codecs.lookup("PYRS TEST")
print(type(info).__name__, len(info), seen[-1:])
print(_codecs.lookup("pyrs-test") is info, _codecs.lookup("Pyrs__Test") is info)
print(_codecs.encode("abc", "pyrs-test"), _codecs.decode(b"XYZ", "pyrs-test"))
print(_codecs.encode(obj="q", encoding="pyrs-test"))
show(lambda: _codecs.lookup("bad-shape"))
show(lambda: _codecs.lookup("no-such-codec"))
show(lambda: _codecs.lookup(1))
show(lambda: _codecs.register(1))
show(lambda: "x".encode("no-such-codec"))
show(lambda: b"x".decode("no-such-codec"))
show(lambda: "x".encode("pyrs-test"))
show(lambda: b"x".decode("pyrs-test"))
_codecs.unregister(search)
_codecs.unregister(search)
show(lambda: _codecs.lookup("pyrs-test"))

# stdlib codecs found through the encodings package
print(_codecs.lookup("latin_1").name, _codecs.lookup("UTF8").name, _codecs.lookup("cp1252").name)
print("\u20ac".encode("cp1252"), b"\x80\xe9".decode("cp1252"))
print(_codecs.encode(b"hello", "hex"), _codecs.decode(b"68656c6c6f", "hex"))
print(_codecs.encode("abc", "rot13"))
show(lambda: "abc".encode("rot13"))
show(lambda: b"abc".decode("hex"))
show(lambda: _codecs.encode(1, "utf-8"))
show(lambda: _codecs.decode("x", "hex"))
show(lambda: _codecs.encode())
show(lambda: _codecs.encode("a", "b", "c", "d"))
show(lambda: _codecs.encode("a", encoding=1))
show(lambda: _codecs.encode("a", foo=1))
show(lambda: _codecs.encode("a", "utf-8", errors=1))

# error handlers: lookup, the built-in callables, user handlers
for name in ["strict", "ignore", "replace", "xmlcharrefreplace", "backslashreplace",
             "namereplace", "surrogateescape", "surrogatepass"]:
    print(name, _codecs.lookup_error(name).__name__)
show(lambda: _codecs.lookup_error("nope"))
show(lambda: _codecs.register_error("x", 1))

enc = UnicodeEncodeError("ascii", "a\xe9\u20ac\U0001f600b", 1, 4, "why")
dec = UnicodeDecodeError("utf-8", b"a\xff\xfeb", 1, 3, "why")
tr = UnicodeTranslateError("a\xe9b", 1, 2, "why")
for name in ["ignore", "replace", "xmlcharrefreplace", "backslashreplace", "namereplace"]:
    h = _codecs.lookup_error(name)
    for exc in (enc, dec, tr):
        show(lambda: h(exc))
show(lambda: _codecs.lookup_error("strict")(enc))
show(lambda: _codecs.lookup_error("strict")(1))
show(lambda: _codecs.lookup_error("ignore")(ValueError()))
se = _codecs.lookup_error("surrogateescape")
show(lambda: se(UnicodeDecodeError("utf-8", b"a\xff\xfe\xfd\xfc\xfbz", 1, 6, "r")))
show(lambda: se(UnicodeEncodeError("utf-8", "a\udcff\udc80", 1, 3, "r")))
show(lambda: se(UnicodeEncodeError("utf-8", "a\u1234", 1, 2, "r")))
sp = _codecs.lookup_error("surrogatepass")
show(lambda: sp(UnicodeEncodeError("utf-8", "a\ud800", 1, 2, "r")))
show(lambda: sp(UnicodeEncodeError("utf-16-be", "a\ud800", 1, 2, "r")))
show(lambda: sp(UnicodeEncodeError("utf-32-le", "a\udfff", 1, 2, "r")))
show(lambda: sp(UnicodeDecodeError("utf-8", b"a\xed\xa0\x80", 1, 2, "r")))
show(lambda: sp(UnicodeEncodeError("latin-1", "a\ud800", 1, 2, "r")))


def mine(exc):
    if isinstance(exc, UnicodeEncodeError):
        return ("<%d:%d>" % (exc.start, exc.end), exc.end)
    return ("[%s]" % exc.object[exc.start:exc.end].hex(), exc.end)


_codecs.register_error("pyrs.mine", mine)
print(_codecs.lookup_error("pyrs.mine") is mine)
print("a\xe9\u20acb".encode("ascii", "pyrs.mine"))
print("a\xe9\u20acb".encode("latin-1", "pyrs.mine"))
print("a\ud800b".encode("utf-8", "pyrs.mine"))
print(b"a\xffb\xfe".decode("utf-8", "pyrs.mine"))
print(b"a\xffb".decode("ascii", "pyrs.mine"))
print(b"\xff\xfea\x00\x00\xd8".decode("utf-16", "pyrs.mine"))
print("ab".encode("ascii", "no-such-handler"))
show(lambda: "a\xe9".encode("ascii", "no-such-handler"))
_codecs.register_error("pyrs.bytes", lambda e: (b"\x01\x02", e.end))
print("a\xe9b".encode("ascii", "pyrs.bytes"))
_codecs.register_error("pyrs.bad", lambda e: 42)
show(lambda: "a\xe9".encode("ascii", "pyrs.bad"))
show(lambda: b"\xff".decode("ascii", "pyrs.bad"))
_codecs.register_error("pyrs.far", lambda e: ("?", 100))
show(lambda: "a\xe9".encode("ascii", "pyrs.far"))
_codecs.register_error("pyrs.back", lambda e: ("!", -1))
print("ab\xe9c".encode("ascii", "pyrs.back"))
_codecs.register_error("pyrs.nonascii", lambda e: ("\xe9", e.end))
show(lambda: "a\u20ac".encode("ascii", "pyrs.nonascii"))
print("a\u20ac".encode("latin-1", "pyrs.nonascii"))

# charmap codecs report runs of unmappable characters and route every handler
def run_handler(e):
    print("handler", e.start, e.end)
    return ("?", e.end)


_codecs.register_error("pyrs.run", run_handler)
for s in ["\u0100\u0108x", "a\u0100\u0108"]:
    for err in ["strict", "replace", "pyrs.run", "namereplace", "surrogateescape",
                "xmlcharrefreplace", "backslashreplace", "ignore"]:
        show(lambda: s.encode("cp1252", err))
print("\udc80".encode("cp1252", "surrogateescape"))
print(b"\x81\x8d".decode("cp1252", "pyrs.run"))
