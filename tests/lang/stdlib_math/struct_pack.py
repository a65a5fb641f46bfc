# _struct: every format character in every byte order, alignment, calcsize, Struct objects,
# pack_into/unpack_from/iter_unpack, the cache, and struct.error messages.
import _struct
from _struct import pack, unpack, calcsize, pack_into, unpack_from, iter_unpack, Struct, error


def show(label, f, *args):
    try:
        r = f(*args)
    except Exception as e:
        print(label, args, "->", type(e).__name__, e)
    else:
        print(label, args, "->", r)


class Idx:
    def __index__(self):
        return 7

    def __repr__(self):
        return "Idx()"


INTS = {"b": [-128, 127, 128, -129], "B": [0, 255, 256, -1], "h": [-32768, 32767, 32768],
        "H": [65535, 65536, -1], "i": [-2**31, 2**31 - 1, 2**31], "I": [2**32 - 1, 2**32, -1],
        "l": [2**31, -2**63, 2**63], "L": [2**32 - 1, 2**32, 2**64, -1],
        "q": [-2**63, 2**63 - 1, 2**63], "Q": [2**64 - 1, 2**64, -1], "n": [-5, 2**63],
        "N": [5, -1], "P": [0, 2**64 - 1, -1, 2**64]}
for code, vals in INTS.items():
    for order in "@=<>!":
        fmt = order + code
        try:
            size = calcsize(fmt)
        except error as e:
            print(fmt, "calcsize error", e)
            continue
        for v in vals + [True, 1.5, "x", Idx(), None]:
            try:
                b = pack(fmt, v)
            except Exception as e:
                print(fmt, size, repr(v), type(e).__name__, e)
            else:
                print(fmt, size, repr(v), b.hex(), unpack(fmt, b))

for code in "efd":
    for order in "@<>":
        fmt = order + code
        for v in [0.0, -0.0, 1.5, -2.25, 65504.0, 65520.0, 1e-8, 1e38, 1e39, 1e300, 10**400,
                  float("inf"), float("-inf"), 3, True, "x", 1 / 3]:
            try:
                b = pack(fmt, v)
            except Exception as e:
                print(fmt, repr(v), type(e).__name__, e)
            else:
                print(fmt, repr(v), b.hex(), unpack(fmt, b))
print(unpack("<e", b"\x01\x7c")[0] != unpack("<e", b"\x01\x7c")[0], unpack(">d", b"\x7f\xf8" + bytes(6)))

# bytes fields, chars and bools
for fmt, v in [("c", b"a"), ("c", b"ab"), ("c", "a"), ("c", bytearray(b"z")), ("5s", b"ab"),
               ("2s", b"abcdef"), ("0s", b"abc"), ("s", b""), ("5p", b"abcdefg"),
               ("5p", b"ab"), ("1p", b"abc"), ("p", b"x"), ("300p", b"a" * 300), ("3s", "abc"),
               ("3p", 1), ("?", 0), ("?", 5), ("?", []), ("?", "x"), (">?", 2), ("3s", bytearray(b"xy"))]:
    try:
        b = pack(fmt, v)
    except Exception as e:
        print(fmt, repr(v), type(e).__name__, e)
    else:
        print(fmt, repr(v), b[:12], len(b), unpack(fmt, b)[0][:12] if isinstance(unpack(fmt, b)[0], bytes) else unpack(fmt, b))
print(unpack("?", b"\x05"), unpack(">?", b"\x00"), unpack("5p", b"\x09abcd"), unpack("c", b"\xff"))

# sizes and alignment
for fmt in ["", "x", "c", "b", "h", "i", "l", "q", "n", "P", "e", "f", "d", "?", "bxhxqQ",
            "=bxhxqQ", "ci", "ic", "i0q", "5p3s2c", "@i x", " i", "i ", "ii", "i i", "3",
            "2 i", "z", "<P", ">n", "=N", "!L", "0s", "3x", "10s2x3p", "bq", "<bq", "@bq",
            "!bq", "hhl", "99999999999999999999i", "9223372036854775807q", b"<hH", "\u00e9",
            "i\x00"]:
    show("calcsize", calcsize, fmt)
show("calcsize", calcsize, 5)

# multi-item packs
print(pack("<hHiIqQ", -1, 2, -3, 4, -5, 6).hex())
print(unpack(">bB3s?", b"\xff\x01abc\x01"))
print(pack("@bhbib", 1, 2, 3, 4, 5).hex(), calcsize("@bhbib"))
print(pack("3i", 1, 2, 3), unpack("3i", pack("3i", 1, 2, 3)))
show("pack", pack, "ii", 1)
show("pack", pack, "i", 1, 2)
show("pack", pack)
show("pack", pack, "3x", 1)
show("unpack", unpack, "i", b"12")
show("unpack", unpack, "i", b"12345")
show("unpack", unpack, "i", "abcd")
show("unpack", unpack, "i")
print(unpack("<i", memoryview(b"\x01\x00\x00\x00")), unpack("<i", bytearray(b"\x02\x00\x00\x00")))

# pack_into / unpack_from
buf = bytearray(12)
pack_into("<ih", buf, 2, 0x01020304, -2)
print(buf.hex())
pack_into("<h", buf, -2, 0x0506)
print(buf.hex())
for args in [("i", bytearray(2), 0, 1), ("i", bytearray(8), 6, 1), ("i", bytearray(8), -9, 1),
             ("i", bytearray(8), -2, 1), ("i", b"12345678", 0, 1), ("i", bytearray(8)),
             ("i", bytearray(8), 0), ("i", bytearray(8), 0, 1, 2), ("i",)]:
    show("pack_into", pack_into, *args)
data = bytes(range(16))
print(unpack_from("<2h", data), unpack_from("<2h", data, 3), unpack_from("<2h", data, -4),
      unpack_from("<h", buffer=data, offset=5))
for args in [("i", b"12", 1), ("i", b"12345", 10), ("i", b"12345", -10), ("i", b"12345", -2)]:
    show("unpack_from", unpack_from, *args)

# iter_unpack
it = iter_unpack("<h", b"\x01\x00\x02\x00\x03\x00")
print(type(it).__name__, it.__length_hint__(), next(it), list(it), it.__length_hint__())
show("iter_unpack", iter_unpack, "i", b"12345")
show("iter_unpack", iter_unpack, "", b"12345")
print(list(iter_unpack("2s", b"abcdef")))

# Struct objects
s = Struct("<ihq")
print(s.format, s.size, s.pack(1, 2, 3).hex(), s.unpack(s.pack(1, 2, 3)))
print(s.unpack_from(bytes(20), 2), list(s.iter_unpack(bytes(28))))
b = bytearray(16)
s.pack_into(b, 1, -1, -1, -1)
print(b.hex())
s2 = Struct(b">d")
print(s2.format, s2.size, s2.pack(0.5))
print(Struct(format="!I").unpack(b"\x00\x00\x01\x00"))
for bad in [None, 5, "zz", "3"]:
    show("Struct", Struct, bad)
show("Struct", Struct)
show("s.pack", s.pack, 1)
show("s.unpack", s.unpack, b"")


class MyStruct(Struct):
    pass


m = MyStruct("2H")
print(type(m).__name__, m.size, m.pack(1, 2), isinstance(m, Struct))
print(issubclass(error, Exception), error.__module__, error.__name__)
_struct._clearcache()
print(calcsize("<10q"), sorted(n for n in dir(_struct) if not n.startswith("__")))

# ints that overflow a float or half-float code become struct.error; '0p' fails as in CPython
for fmt, v in [("e", 2**63), ("<e", 10**30), (">f", 10**39), ("d", 10**400), ("e", True),
               (">q", -2**63 - 1), ("P", -2**64)]:
    show("pack %s" % fmt, pack, fmt, v)
show("unpack 0p", unpack, "0p", b"")
print(pack("0p", b"x"), calcsize("0p2p"), unpack("2p", b"\x05a"))
for a, k in [((), {"x": 1}), (("i",), {"format": "i"}), (("i", "h"), {}),
             ((), {"format": "h", "x": 1}), ((), {"format": "h"})]:
    show("Struct %r %r" % (a, k), lambda: Struct(*a, **k).format)
