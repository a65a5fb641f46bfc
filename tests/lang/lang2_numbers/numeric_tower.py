# Mixed int/float/complex/bool: comparisons, equal hashes, conversions, sum/min/max, rich-compare
# reflection with NotImplemented, and the builtins abs/divmod/pow/round on each.
from fractions import Fraction
from decimal import Decimal


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


pairs = [(1, 1.0), (2**53 + 1, 2.0**53), (True, 1), (0, -0.0), (10**400, float("inf")),
         (1, 1 + 0j), (Fraction(1, 2), 0.5), (3, Fraction(3)), (Decimal("1.5"), 1.5), (Decimal(2), 2)]
for a, b in pairs:
    print(repr(a)[:30], repr(b), a == b, a != b, hash(a) == hash(b))
    try:
        print("   ", a < b, a <= b, a > b, a >= b)
    except TypeError as e:
        print("   ", type(e).__name__, e)
print(sum([1, 2.5, True]), sum([1j, 2]), sum([Fraction(1, 3)] * 3), sum([], 0.0), sum(range(101)))
print(min(3, 2.5, True), max([1, 1.0]), max(1.0, 1), min([-0.0, 0]), max(2, 2 + 0j == 2))
for x in [7, -7.5, True, 3 - 4j, Fraction(-7, 2)]:
    print(repr(x), repr(abs(x)), type(abs(x)).__name__)
for a, b in [(7, 2), (-7, 2), (7.5, -2), (True, 2), (Fraction(7, 2), 1)]:
    print(a, b, divmod(a, b), pow(a, 2), round(a / b, 1))
show("round fraction", lambda: (round(Fraction(5, 2)), round(Fraction(7, 3), 2)))
show("round int digits", lambda: (round(1234, -2), round(1250, -2), round(-1350, -2), round(5, 2)))
show("round bool", lambda: round(True))
show("round str", lambda: round("1"))
show("round ndigits float", lambda: round(1.5, 1.0))
show("divmod complex", lambda: divmod(1 + 1j, 2))
show("complex order", lambda: (1 + 0j) < 2)
show("float vs big int", lambda: (10**308 * 10 > 1e308, float(2**1023) == 2**1023, 2**1024 > float("inf")))
show("nan compare", lambda: (float("nan") < 1, float("nan") == float("nan"), [float("nan")] == [float("nan")]))
n = float("nan")
show("nan identity", lambda: ([n] == [n], n in [n], (n,) == (n,)))
show("int float equality big", lambda: (2**64 == 2.0**64, 2**64 + 1 == 2.0**64, hash(2**64) == hash(2.0**64)))
show("hash -1", lambda: (hash(-1), hash(-2), hash(-1.0), hash(2**61 - 1), hash(2**61), hash(-(2**61))))
show("hash inf nan", lambda: (hash(float("inf")), hash(float("-inf"))))
show("bool arith", lambda: (True + 0.5, True / 2, True // True, -False, ~True, True & False, True ^ True))
class Num:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return NotImplemented
    def __lt__(self, o):
        return "lt-called"
    def __radd__(self, o):
        return ("radd", o)
show("reflected", lambda: (1 + Num(2), 1 > Num(2), Num(1) == 1, 1 == Num(1)))
show("unorderable", lambda: Num(1) >= 2)
