# _codecs: every built-in codec function, its (result, consumed) answer, final=False, byte
# orders, the escape codecs, charmap, UTF-7, and argument errors.
import _codecs


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


text = "a\xe9\u20ac\U0001f600z"
for name in ["utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be",
             "utf_7", "unicode_escape", "raw_unicode_escape"]:
    enc = getattr(_codecs, name + "_encode")
    dec = getattr(_codecs, name + "_decode")
    data, n = enc(text)
    print(name, data, n, dec(data))
    show(lambda: enc(1))
    show(lambda: dec("text"))
    show(lambda: enc())
print(_codecs.latin_1_encode("a\xe9"), _codecs.latin_1_decode(b"a\xe9\xff"))
print(_codecs.ascii_encode("abc"), _codecs.ascii_decode(b"abc"))
show(lambda: _codecs.latin_1_encode("\u20ac"))
show(lambda: _codecs.ascii_decode(b"a\x80"))
print(_codecs.ascii_encode("a\xe9b", "replace"), _codecs.ascii_decode(b"a\x80b", "ignore"))
print(_codecs.latin_1_encode("a\u20acb", "backslashreplace"))
print(_codecs.ascii_encode("a\u20acb", "xmlcharrefreplace"))
print(_codecs.ascii_encode("a\xe9b", "namereplace"))
show(lambda: _codecs.ascii_encode("a", 1))

# incremental decoding: final=False keeps incomplete sequences
print(_codecs.utf_8_decode(b"a\xe2\x82", None, False), _codecs.utf_8_decode(b"a\xe2\x82", None, True) if False else "")
show(lambda: _codecs.utf_8_decode(b"a\xe2\x82", "strict", True))
print(_codecs.utf_8_decode(b"a\xe2\x82", "replace", True))
print(_codecs.utf_16_le_decode(b"a\x00b", None, False))
print(_codecs.utf_32_be_decode(b"\x00\x00\x00a\x00\x00", None, False))
print(_codecs.utf_16_decode(b"\xfe\xff\x00a"), _codecs.utf_16_decode(b"\xff\xfea\x00"))
print(_codecs.utf_16_ex_decode(b"\xfe\xff\x00a\x00b"), _codecs.utf_16_ex_decode(b"a\x00", None, 0, True))
print(_codecs.utf_16_ex_decode(b"\x00a", None, 1, True))
print(_codecs.utf_32_ex_decode(b"\x00\x00\xfe\xff\x00\x00\x00a"))
print(_codecs.utf_16_encode("ab", None, 1), _codecs.utf_16_encode("ab", None, -1), _codecs.utf_16_encode("ab"))
print(_codecs.utf_32_encode("a", None, 1), _codecs.utf_32_encode("a", None, -1))
show(lambda: _codecs.utf_16_decode(b"\x00\xd8a\x00"))
show(lambda: _codecs.utf_32_decode(b"\x00\x00\x11\x00"))
show(lambda: _codecs.utf_8_encode("\ud800"))
print(_codecs.utf_8_encode("\ud800", "surrogatepass"), _codecs.utf_8_decode(b"\xed\xa0\x80", "surrogatepass"))
print(_codecs.utf_8_encode("\udcff", "surrogateescape"), _codecs.utf_8_decode(b"\xff", "surrogateescape"))
print(_codecs.utf_16_be_encode("\ud800", "surrogatepass"), _codecs.utf_32_le_encode("\ud800", "surrogatepass"))

# UTF-7
for s in ["", "hi", "A+B", "\u20ac", "a\u20acb", "~\\", "a-b", "\U0001f600", "x\u20ac-", "!#"]:
    e = _codecs.utf_7_encode(s)
    print(repr(s), e, _codecs.utf_7_decode(e[0]))
print(_codecs.utf_7_decode(b"+AKM", None, False), _codecs.utf_7_decode(b"a+AKMA", None, False))
show(lambda: _codecs.utf_7_decode(b"+AK\xff"))
show(lambda: _codecs.utf_7_decode(b"a\xffb"))
show(lambda: _codecs.utf_7_decode(b"+AKM", "strict", True))
print(_codecs.utf_7_decode(b"a\xffb+!", "replace"))
show(lambda: _codecs.utf_7_decode(b"+AKE-"))

# escapes
print(_codecs.unicode_escape_decode(b"a\\n\\t\\x41\\u20ac\\U0001F600\\N{EURO SIGN}\\101"))
print(_codecs.unicode_escape_decode("\\u0041"))
show(lambda: _codecs.unicode_escape_decode(b"\\x4"))
show(lambda: _codecs.unicode_escape_decode(b"\\N{NO SUCH NAME}"))
show(lambda: _codecs.unicode_escape_decode(b"abc\\"))
print(_codecs.unicode_escape_decode(b"a\\x4z", "replace"), _codecs.unicode_escape_decode(b"a\\x4z", "ignore"))
print(_codecs.unicode_escape_encode("a\n\\\t\x00\xe9\u20ac'\""))
print(_codecs.raw_unicode_escape_encode("a\\\xe9\u20ac\U0001f600"))
print(_codecs.raw_unicode_escape_decode(b"a\\u20ac\\\\u20ac\\x41"))
show(lambda: _codecs.raw_unicode_escape_decode(b"\\u12"))
print(_codecs.escape_encode(b"a'\"\\\n\t\r\x00\x7f\x80\xff"))
print(_codecs.escape_decode(b"a\\n\\x41\\101\\'"), _codecs.escape_decode("\\x41"))
show(lambda: _codecs.escape_encode("str"))
show(lambda: _codecs.escape_decode(b"\\x4"))
print(_codecs.readbuffer_encode(b"abc"), _codecs.readbuffer_encode("h\xe9"), _codecs.readbuffer_encode(bytearray(b"xy")))
print(_codecs.utf_8_decode(bytearray(b"h\xc3\xa9")), _codecs.utf_8_decode(memoryview(b"ok")))

# charmap
table = "".join(chr(i) for i in range(128)) + "\u20ac" + "\ufffe" * 127
m = _codecs.charmap_build(table)
print(type(m).__name__ in ("EncodingMap", "dict"))
print(_codecs.charmap_encode("a\u20ac", "strict", m), _codecs.charmap_decode(b"a\x80", "strict", table))
show(lambda: _codecs.charmap_encode("\xe9", "strict", m))
show(lambda: _codecs.charmap_decode(b"\x81", "strict", table))
print(_codecs.charmap_encode("a\xe9b", "replace", m), _codecs.charmap_decode(b"a\x81b", "replace", table))
print(_codecs.charmap_decode(b"ab", None, {97: "x", 98: 0x263a}), _codecs.charmap_encode("ab", None, {97: 120, 98: b"yz"}))
print(_codecs.charmap_decode(b"\xe9"), _codecs.charmap_encode("\xe9"))
show(lambda: _codecs.charmap_decode(b"a", None, {97: 1.5}))
show(lambda: _codecs.charmap_build(1))

# stateful escape decoding keeps an escape the input cut short
for d in [b"ab\\", b"ab\\x4", b"ab\\u12", b"ab\\N{EURO", b"ab\\1", b"ab\\\\", b"ab\\U0001f6",
          b"a\\N", b"a\\\\\\", b"\\\\u12", b"\\\\\\u12", b"\\x41"]:
    print(d, _codecs.unicode_escape_decode(d, None, False), _codecs.raw_unicode_escape_decode(d, None, False))
show(lambda: _codecs.unicode_escape_decode(b"a\\x4g", None, False))
