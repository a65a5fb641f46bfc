# int/float conversions fixed for CPython 3.11 parity: int() through __trunc__ returning an
# int subclass or an __index__ object, int.from_bytes argument types, correctly rounded
# float.fromhex (subnormals included), and dict.setdefault comparing a key only once.
import warnings

warnings.simplefilter("ignore", DeprecationWarning)


def attempt(label, fn):
    try:
        res = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", type(res).__name__, repr(res))


class Idx:
    def __index__(self):
        return True


class TruncIdx:
    def __trunc__(self):
        return Idx()


class TruncBool:
    def __trunc__(self):
        return True


class TruncBad:
    def __trunc__(self):
        return 1.5


class IntSub(int):
    pass


attempt("int(TruncIdx)", lambda: int(TruncIdx()))
attempt("int(TruncBool)", lambda: int(TruncBool()))
attempt("IntSub(TruncBool)", lambda: IntSub(TruncBool()))
attempt("int(TruncBad)", lambda: int(TruncBad()))
attempt("from_bytes(0)", lambda: int.from_bytes(0, "big"))
attempt("from_bytes(str)", lambda: int.from_bytes("ab", "big"))
attempt("from_bytes(list)", lambda: int.from_bytes([1, 2], "big"))
attempt("from_bytes(bytearray)", lambda: int.from_bytes(bytearray(b"\x01\x00"), "little"))
attempt("from_bytes(memoryview)", lambda: int.from_bytes(memoryview(b"\xff"), "big", signed=True))
attempt("bytes(3)", lambda: bytes(3))
attempt("bytes([1, 2])", lambda: bytes([1, 2]))

hexes = [
    "0x0.ffffffffffffecp-1022", "0x0.ffffffffffffe8p-1022", "0x0.ffffffffffffe9p-1022",
    "0x1p-1074", "0x1p-1075", "0x1.8p-1075", "0x1.0000000000001p-1075", "0x3p-1076",
    "0x1.fffffffffffff8p+1023", "0x1.fffffffffffff7p+1023", "0x1p1024", "-0x0p0",
    "0x1.23456789abcdef0123p+10", "  0X1.8P1 ", "0x.8", "0x8.", "1p4", "0x1p-99999999999",
    "0x1p+99999999999", "0x", "0xp1", "0x1p", "inf", "-nan",
    "0x0.0000000000001p-1022", "0x0.00000000000008p-1022", "0x0.00000000000018p-1022",
]
for h in hexes:
    attempt("fromhex " + h.strip(), lambda h=h: float.fromhex(h).hex())


class Hashed:
    def __init__(self):
        self.eq_count = 0

    def __hash__(self):
        return 42

    def __eq__(self, other):
        self.eq_count += 1
        return id(self) == id(other)


h1, h2 = Hashed(), Hashed()
d = {h1: 5}
d.setdefault(h2, [])
print("setdefault eq calls", h1.eq_count + h2.eq_count, len(d))
d.setdefault(h2, None)
print("setdefault again", h1.eq_count + h2.eq_count, d[h2])
big = {}
for i in range(100):
    big.setdefault(i, i * i)
print("setdefault grow", len(big), big[99], sum(big.values()))
