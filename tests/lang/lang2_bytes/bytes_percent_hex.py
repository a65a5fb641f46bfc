# bytes % formatting and bytes/int/str conversions between bases.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


show("s", lambda: b"%s|%5s|%-5s|" % (b"ab", b"cd", bytearray(b"ef")))
show("b", lambda: b"%b" % memoryview(b"mv"))
show("d", lambda: b"%d %i %5d %-5d| %+d %05d" % (1, 2, 3, 4, 5, -6))
show("x", lambda: b"%x %X %#x %#o %o" % (255, 255, 255, 8, 8))
show("f", lambda: b"%.2f %e %g %10.3E" % (3.14159, 1234.5, 0.0001, 5.0))
show("c", lambda: b"%c%c" % (65, b"B"))
show("r a", lambda: b"%r %a" % ("é", "x"))
show("mapping", lambda: b"%(k)s=%(v)d" % {b"k": b"key", b"v": 3})
show("percent", lambda: b"100%%" % ())
show("s of str", lambda: b"%s" % "text")
show("c big", lambda: b"%c" % 256)
show("c bytes2", lambda: b"%c" % b"ab")
show("d str", lambda: b"%d" % "1")
show("too few", lambda: b"%s %s" % (b"a",))
show("unsupported", lambda: b"%y" % 1)
show("bytearray", lambda: bytearray(b"%s-%d") % (b"x", 1))
class Buf:
    def __bytes__(self):
        return b"BUF"
show("__bytes__", lambda: b"%s" % Buf())
for n in [0, 1, -1, 255, 256, 2**31, -2**31, 2**64 + 5]:
    print(n, bin(n), oct(n), hex(n), format(n, "x"), format(n, "#010b"))
for n, length, order, signed in [(0, 1, "big", False), (255, 1, "big", False), (256, 2, "little", False),
                                 (-1, 1, "big", True), (-129, 2, "big", True), (1, 0, "big", False),
                                 (256, 1, "big", False), (-1, 1, "big", False), (128, 1, "big", True)]:
    show(f"to_bytes {n} {length} {order} {signed}", lambda: n.to_bytes(length, order, signed=signed))
show("to_bytes default", lambda: (5).to_bytes())
show("to_bytes bad order", lambda: (5).to_bytes(1, "middle"))
for data in [b"", b"\x00", b"\xff", b"\x01\x00", b"\xff\xff\xff\xff\xff\xff\xff\xff\xff"]:
    print(data, int.from_bytes(data, "big"), int.from_bytes(data, "little"),
          int.from_bytes(data, "big", signed=True))
show("from_bytes list", lambda: int.from_bytes([1, 2], "big"))
show("from_bytes str", lambda: int.from_bytes("ab", "big"))
show("from_bytes default", lambda: int.from_bytes(b"\x01\x00"))
for text, base in [("ff", 16), ("0xff", 0), ("0o17", 0), ("0b101", 0), ("z", 36), ("1_000", 10),
                   ("10", 2), ("-12", 8), (" 42 ", 10), ("09", 0), ("1__0", 10), ("", 10),
                   ("12", 1), ("12", 37), ("٣", 10), ("0x", 16)]:
    show(f"int({text!r}, {base})", lambda: int(text, base))
show("int bytes base", lambda: int(b"ff", 16))
show("int float base", lambda: int(1.5, 10))
