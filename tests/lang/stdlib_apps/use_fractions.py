# fractions: construction from every source, arithmetic, limit_denominator, comparisons.
from fractions import Fraction
import math

print(Fraction(3, 6), Fraction("1.25"), Fraction(0.5), Fraction("-7/14"), Fraction(-4))
a, b = Fraction(1, 3), Fraction(2, 5)
print(a + b, a - b, a * b, a / b, a ** 2, a ** -2, -a, abs(-a), a // b, a % b)
print(Fraction(math.pi).limit_denominator(1000), Fraction(355, 113) == math.pi)
print(a < b, a == Fraction(2, 6), a == 1 / 3, hash(Fraction(1, 2)) == hash(0.5), float(a), int(Fraction(7, 2)))
print(round(Fraction(7, 2)), round(Fraction(5, 2)), round(Fraction(1234, 100), 1), math.floor(-a), math.ceil(a))
print(a.numerator, a.denominator, Fraction(6, 4).as_integer_ratio(), repr(a), str(Fraction(4, 2)))
print(sum(Fraction(1, n) for n in range(1, 8)), Fraction(1, 3) + 1.0, 2 ** Fraction(1, 2))
for bad in ("1/0", "x", "1.2.3"):
    try:
        Fraction(bad)
    except (ValueError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
print(Fraction.from_float(0.1), Fraction.from_decimal(__import__("decimal").Decimal("0.1")))
