# int methods and constructors: bit_length/bit_count, as_integer_ratio, conjugate, numerator,
# int() from strings, floats, objects with __int__/__index__/__trunc__, and the errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


for n in [0, 1, -1, 255, -256, 2**64, -(2**100) + 1, True]:
    print(n, n.bit_length(), n.bit_count(), n.as_integer_ratio(), n.conjugate(), n.numerator,
          n.denominator, n.real, n.imag, n.is_integer() if hasattr(n, "is_integer") else "-")
for x in [1.9, -1.9, 1e20, -0.0, 2.5]:
    print(x, int(x), round(x), int(round(x)))
for text in ["12", "-0", "+7", "  3\n", "1_2_3", "٤٥", "1.0", "abc", "1e3", "0x10", "", " ", "++1",
             "1_", "_1", "99999999999999999999999"]:
    show(f"int({text!r})", lambda: int(text))
show("int inf", lambda: int(float("inf")))
show("int nan", lambda: int(float("nan")))
show("int none", lambda: int(None))
show("int list", lambda: int([1]))
show("int complex", lambda: int(1j))
show("int kw", lambda: int("12", base=8))
show("int kw x", lambda: int(x="1"))
show("int base no str", lambda: int(base=2))
class WithInt:
    def __int__(self):
        return 5
class WithIndex:
    def __index__(self):
        return 6
class WithTrunc:
    def __trunc__(self):
        return 7
class BadInt:
    def __int__(self):
        return "x"
class IntSub(int):
    pass
class ReturnsSub:
    def __int__(self):
        return IntSub(9)
show("__int__", lambda: int(WithInt()))
show("__index__", lambda: int(WithIndex()))
show("__trunc__", lambda: int(WithTrunc()))
show("bad __int__", lambda: int(BadInt()))
show("sub __int__", lambda: type(int(ReturnsSub())).__name__)
show("subclass", lambda: (IntSub(3) + 1, type(IntSub(3) + 1).__name__, repr(IntSub(4))))
show("index via hex", lambda: hex(WithIndex()))
show("hex of __int__", lambda: hex(WithInt()))
show("range index", lambda: list(range(WithIndex())))
show("bool", lambda: (bool(0), bool(-1), int(True), True.bit_length()))
show("digits limit", lambda: int("1" * 5000))
show("digits limit str", lambda: len(str(10**4400)))
import sys
print(sys.get_int_max_str_digits())
sys.set_int_max_str_digits(6000)
show("after raise", lambda: len(str(10**5000)))
sys.set_int_max_str_digits(0)
show("unlimited", lambda: len(str(10**9000)))
show("set too small", lambda: sys.set_int_max_str_digits(100))
print(int.from_bytes(b"\x00\x10", "big"), (1024).to_bytes(2, "little"), int("z", 36), int("Z", 36))
