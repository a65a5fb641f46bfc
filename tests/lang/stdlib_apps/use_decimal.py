# decimal (the pure-Python _pydecimal when the C module cannot load): contexts, rounding,
# quantize, arithmetic, comparisons, special values.
import decimal
from decimal import Decimal, getcontext, localcontext, ROUND_HALF_UP, ROUND_DOWN

print(Decimal("1.1") + Decimal("2.2"), Decimal(1) / Decimal(7), Decimal("0.1") * 3)
print(Decimal(0.1), Decimal("3.14159").quantize(Decimal("0.01")), Decimal(10) ** -2)
with localcontext() as ctx:
    ctx.prec = 5
    print(Decimal(1) / Decimal(3), Decimal(2).sqrt())
    ctx.rounding = ROUND_DOWN
    print(Decimal("2.99999") + 0, Decimal(22) / 7)
print(Decimal("2.675").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
print(Decimal("-0"), Decimal("Infinity") > 10**100, Decimal("NaN").is_nan(), Decimal("1e3"))
print(Decimal("1.30") == Decimal("1.3"), hash(Decimal("1.5")) == hash(1.5), Decimal(5) // 2, Decimal(-7) % 3)
print(sorted([Decimal("1.5"), Decimal("-2"), Decimal("0.25")]), max(Decimal(1), 2))
print(Decimal("123.456").as_tuple(), Decimal("1.5").as_integer_ratio(), int(Decimal("7.9")))
print(f"{Decimal('1234.5678'):,.2f}", format(Decimal("0.000123"), "e"), str(Decimal("1E+2")))
try:
    Decimal("abc")
except decimal.InvalidOperation as e:
    print("InvalidOperation", type(e).__mro__[1].__name__)
try:
    Decimal(1) / Decimal(0)
except decimal.DivisionByZero as e:
    print("DivisionByZero")
print(getcontext().prec, Decimal(2).ln().quantize(Decimal("1e-10")), Decimal(100).log10())
