# float: repr round-trips, arithmetic with inf/nan/-0.0, rounding, parsing, hex, methods, errors.
import math


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


vals = [0.0, -0.0, 1.0, 0.1, 1 / 3, 2.5, -2.5, 1e16, 1e-7, 123456789.125, 1e300 * 1e10,
        -float("inf"), float("nan"), 5e-324, 1.7976931348623157e308, 2**53 + 1.0]
for v in vals:
    print(repr(v), str(v), v.is_integer(), v.hex(), math.copysign(1, v), hash(v) if v == v else "nan")
for v in [0.5, 1.5, 2.5, -0.5, 2.675, 1234.5678, -1234.5678, 1e20]:
    print(v, round(v), round(v, 1), round(v, 2), round(v, -1), round(v, -2), round(v, 0))
for text in ["1.5", "  -2.5e3 ", "inf", "-Infinity", "nan", "+NaN", "1_000.5", "0x1p3", "1e", ".5",
             "5.", "1e400", "-1e-400", "١٫٥", "", "abc", "1__0", "infinite"]:
    show(f"float({text!r})", lambda: float(text))
show("fromhex", lambda: [float.fromhex(s) for s in ["0x1p0", "0x1.8p1", "-0x0.1p-4", "inf", "0x1.fffffffffffffp1023"]])
show("fromhex overflow", lambda: float.fromhex("0x1p2000"))
show("fromhex bad", lambda: float.fromhex("0xg"))
show("as_integer_ratio", lambda: [x.as_integer_ratio() for x in [0.5, -0.75, 0.1, 1e20]])
show("ratio inf", lambda: float("inf").as_integer_ratio())
show("ratio nan", lambda: float("nan").as_integer_ratio())
show("div zero", lambda: 1.0 / 0)
show("floordiv zero", lambda: 1.0 // 0.0)
show("mod zero", lambda: 1.0 % 0.0)
show("pow overflow", lambda: 10.0 ** 400)
show("neg frac pow", lambda: (-8.0) ** (1 / 3))
show("zero neg pow", lambda: 0.0 ** -1)
show("round inf", lambda: round(float("inf")))
show("round nan", lambda: round(float("nan")))
show("round inf digits", lambda: round(float("inf"), 2))
show("int big float", lambda: int(1e300) % 1000)
show("float big int", lambda: float(10**400))
show("float str bytes", lambda: float(b"1.5"))
show("float none", lambda: float(None))
show("mul int overflow", lambda: 1e308 * 10)
print(-7.5 // 2, -7.5 % 2, 7.5 % -2, divmod(-7.5, 2), math.fmod(-7.5, 2), -0.0 + 0.0, 0.0 * -1)
print(float("nan") == float("nan"), float("inf") > 1e308, 1e308 < 10**309, 2**53 + 1 == 2.0**53 + 1)
print(0.1 + 0.2, 0.1 + 0.2 == 0.3, 1e16 + 1, 3 * 0.1, 1.1 * 1.1, 100 * 1.1, 2 / 3)
print(float.__add__(1.0, 2), float.__radd__(1.0, 2), float.__truediv__(1.0, "a"), float.__round__(2.5))
print(float.fromhex(float.hex(0.1)) == 0.1, (1.5).conjugate(), (2.0).real, (2.0).imag)
class F(float):
    pass
print(F(1.5) + 1, type(F(1.5) + 1).__name__, repr(F(2.5)), F("3.5"))
