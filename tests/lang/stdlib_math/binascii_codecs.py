# binascii: hex with separators, base64 (strict mode), uuencode, quoted-printable, crc32 and
# crc_hqx, the str/bytes-like argument rules and binascii.Error/Incomplete messages.
import binascii


def show(label, f, *args, **kw):
    try:
        r = f(*args, **kw)
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


DATA = [b"", b"a", b"ab", b"abc", b"abcd", bytes(range(256)), b"\x00\xff" * 10]

# hex
for d in DATA:
    print(binascii.hexlify(d)[:40], binascii.b2a_hex(d)[:40])
    assert binascii.unhexlify(binascii.hexlify(d)) == d
for sep, n in [("-", 1), (":", 2), (b"_", 3), (" ", -2), ("|", 10), ("-", 0), ("-", -1)]:
    show("hexlify %r %r" % (sep, n), binascii.hexlify, b"\x01\x02\x03\x04\x05", sep, n)
show("hexlify kw", binascii.hexlify, b"\xab\xcd", sep="/")
show("hexlify kw2", binascii.b2a_hex, data=b"\xab\xcd\xef", sep=".", bytes_per_sep=-2)
show("hexlify sep len", binascii.hexlify, b"ab", "--")
show("hexlify sep type", binascii.hexlify, b"ab", 5)
show("hexlify sep ascii", binascii.hexlify, b"ab", "\u00e9")
show("hexlify str", binascii.hexlify, "ab")
show("hexlify memoryview", binascii.hexlify, memoryview(b"xyz"))
for s in ["0aFf", b"0aff", "abc", "zz", "\u00e9\u00e9", bytearray(b"1234"), 5, ""]:
    show("unhexlify %r" % (s,), binascii.unhexlify, s)
    show("a2b_hex %r" % (s,), binascii.a2b_hex, s)

# base64
for d in DATA:
    e = binascii.b2a_base64(d)
    print(e[:50], binascii.b2a_base64(d, newline=False)[-5:], binascii.a2b_base64(e) == d)
for s in ["YWJj", "YWJj\n", "YW Jj", "YWJ", "YW", "Y", "YWI=", "YWI==", "YWI===", "YQ==YQ==",
          "Y=Q=", "=YWJj", "YW!Jj", "YWJjZA", "\u00e9", b"YWJj", bytearray(b"YQ=="), 3, "",
          "====", "YQ=a"]:
    show("a2b_base64 %r" % (s,), binascii.a2b_base64, s)
    show("a2b_base64 strict %r" % (s,), binascii.a2b_base64, s, strict_mode=True)
show("b2a_base64 str", binascii.b2a_base64, "abc")

# uuencode
for d in DATA[:5] + [b"x" * 45, b"x" * 46, b"\x00\x00\x00"]:
    show("b2a_uu %r" % (d[:8],), binascii.b2a_uu, d)
    show("b2a_uu bt %r" % (d[:8],), binascii.b2a_uu, d, backtick=True)
    if len(d) <= 45:
        print(binascii.a2b_uu(binascii.b2a_uu(d)) == d,
              binascii.a2b_uu(binascii.b2a_uu(d, backtick=True)) == d)
for s in [b"", b"!80``\n", b"#86)C\n", b"#86)C", b"#86)C  \n", b"#86)Cx\n", b"#8\x01)C\n",
          "#86)C", b" \n", b"`\n"]:
    show("a2b_uu %r" % (s,), binascii.a2b_uu, s)

# quoted-printable
for d in [b"hello world", b"caf\xe9", b"a=b", b"line1\nline2\n", b"trailing space \nx",
          b"tab\t\nx", b"x" * 100, b"=" * 30, b".\n", b"a.\n.", b"crlf\r\nline\r\n",
          b"under_score and space", b"\x00\x01\x7f\x80", b"end with space ", b"end tab\t",
          b"\r\n", b"a\rb"]:
    show("b2a_qp %r" % (d[:20],), binascii.b2a_qp, d)
    show("b2a_qp tabs %r" % (d[:20],), binascii.b2a_qp, d, quotetabs=True)
    show("b2a_qp bin %r" % (d[:20],), binascii.b2a_qp, d, istext=False)
    show("b2a_qp hdr %r" % (d[:20],), binascii.b2a_qp, d, header=True)
for s in [b"caf=E9", b"caf=e9", b"soft=\nbreak", b"soft=\r\nbreak", b"a==b", b"a=zz", b"a=",
          b"a=4", b"under_score", "str=41", b"=\rx\ny"]:
    show("a2b_qp %r" % (s,), binascii.a2b_qp, s)
    show("a2b_qp hdr %r" % (s,), binascii.a2b_qp, s, header=True)

# checksums
for d in DATA:
    print(binascii.crc32(d), binascii.crc32(d, 12345), binascii.crc_hqx(d, 0),
          binascii.crc_hqx(d, 0xFFFF))
print(binascii.crc32(b"world", binascii.crc32(b"hello ")) == binascii.crc32(b"hello world"))
print(binascii.crc32(b"x", -1), binascii.crc32(b"x", 2**40 + 5), binascii.crc_hqx(b"x", 2**20 + 1))
show("crc32 str", binascii.crc32, "x")
show("crc32 float", binascii.crc32, b"x", 1.5)
show("crc_hqx 1 arg", binascii.crc_hqx, b"x")
show("crc32 3 args", binascii.crc32, b"x", 1, 2)

print(issubclass(binascii.Error, ValueError), binascii.Error.__module__, binascii.Error.__name__,
      issubclass(binascii.Incomplete, Exception), binascii.Incomplete.__name__)
print(sorted(n for n in dir(binascii) if not n.startswith("_")))

# strict base64 after a complete quad
for s in [b"ABCD=Z", b"ABCD= ", b"ABCD=", b"AB==CD", b"A===", b"AB=C", b"ABC=D"]:
    show("strict %r" % (s,), binascii.a2b_base64, s, strict_mode=True)
    show("lenient %r" % (s,), binascii.a2b_base64, s)
