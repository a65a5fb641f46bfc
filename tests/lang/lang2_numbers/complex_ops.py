# complex numbers: construction from strings and pairs, repr, arithmetic, comparisons, errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


vals = [1j, 1 + 2j, -1.5 - 0.5j, complex(0, -0.0), complex(-0.0, 0), complex(float("inf"), 1),
        complex(1, float("nan")), 3 + 0j, 1e20j, complex(1e-20, 5)]
for z in vals:
    print(repr(z), str(z), z.real, z.imag, z.conjugate(), abs(z) if z == z else "nan", z == z)
a, b = 3 + 4j, 1 - 2j
print(a + b, a - b, a * b, a / b, a ** 2, a ** 0.5, -a, +a, abs(a), a == 3 + 4j, a != b)
print(a + 1, 1 + a, a * 2.5, 2 / a, a ** b, (1j) ** 2, 0j ** 0, pow(a, 2))
for text in ["1+2j", "  3j ", "-1.5-2.5J", "(1+1j)", "j", "-j", "inf+nanj", "1e3j", "1+2", "1+",
             "abc", "1 + 2j", "()", "1_0j", ""]:
    show(f"complex({text!r})", lambda: complex(text))
show("pair", lambda: complex(1, 2))
show("pair complex", lambda: complex(1j, 1j))
show("kw", lambda: complex(real=1, imag=2))
show("str with imag", lambda: complex("1", 2))
show("imag str", lambda: complex(1, "2"))
show("none", lambda: complex(None))
show("div zero", lambda: 1j / 0)
show("floordiv", lambda: 1j // 1)
show("mod", lambda: 1j % 1)
show("divmod", lambda: divmod(1j, 1))
show("lt", lambda: 1j < 2j)
show("int()", lambda: int(1j))
show("float()", lambda: float(1j))
show("zero pow neg", lambda: 0j ** -1)
show("pow mod", lambda: pow(1j, 2, 3))
show("pow overflow", lambda: (1e200 + 1e200j) ** 2)
show("round", lambda: round(1j))
class C:
    def __complex__(self):
        return 5j
class Fl:
    def __float__(self):
        return 2.5
class Ix:
    def __index__(self):
        return 4
show("__complex__", lambda: complex(C()))
show("__float__", lambda: complex(Fl()))
show("__index__", lambda: complex(Ix()))
show("hash", lambda: (hash(1 + 0j) == hash(1), hash(1.5 + 0j) == hash(1.5), hash(2j) == hash(complex(0, 2))))
show("format", lambda: (format(1 + 2j, ".2f"), format(1.5j, ">12"), f"{3-4j:+.1e}", format(1j, "")))
show("format bad", lambda: format(1j, "d"))
show("format zero pad", lambda: format(1j, "010"))
print(complex.__add__(1j, 1), complex.__mul__(1j, "x"), (1 + 1j).__rtruediv__(2))
