# cpyext: Debian's _decimal (libmpdec) under pyrs: arithmetic, contexts, signals and traps,
# rounding, formatting, conversions and pickling, compared with CPython's own _decimal.
import copy
import os
import pickle

import decimal
from decimal import Decimal as D, localcontext, getcontext

import _decimal
print(os.path.basename(_decimal.__file__), decimal.Decimal is _decimal.Decimal)
print(decimal.__version__, decimal.__libmpdec_version__ is not None, decimal.MAX_PREC)

print(D("1.1") + D("2.2"), D(1) / D(7), D(2).sqrt(), D("10").ln(), D("2") ** D("0.5"))
print(D("123.456").quantize(D("0.01")), D("-0.5").quantize(D("1"), rounding=decimal.ROUND_HALF_UP))
print(D(0.1), D("1e-7"), D("1E+3").normalize(), D("-0"), D("NaN"), D("-Infinity"), D("sNaN"))
print(D("3.14159").as_tuple(), D("2.5").as_integer_ratio(), D(10).to_eng_string(),
      D("12345678901234567890.123").to_integral_value())
print(divmod(D(7), D(-3)), D(7) % D(-3), D(7) // D(-3), -D("1.5"), abs(D("-2")))
print(D("1.30") == D("1.3"), D(1) < D(2), hash(D("1.0")) == hash(1), D("1.5") == 1.5,
      sorted([D(3), D("1.5"), D(2)]), max(D(1), D("1.0")))
print(int(D("-7.9")), float(D("2.5")), round(D("2.675"), 2), round(D("2.5")), complex(D(1)))
print(f"{D('1234567.891'):,.2f} {D('0.000123'):e} {D('42'):>8} {D('1.5'):%} {D('3'):.3g}")
print(D("1.23E+5").scaleb(2), D(5).fma(2, 1), D("0.1").compare(D("0.10")),
      D(-3).copy_sign(D(1)), D("9.99").next_plus(), D(1).exp())

with localcontext() as ctx:
    ctx.prec = 5
    print(D(1) / D(3), ctx.prec, getcontext().prec)
    ctx.rounding = decimal.ROUND_DOWN
    print(D(2) / D(3))
print(getcontext().prec, D(1) / D(3))

ctx = decimal.Context(prec=6, rounding=decimal.ROUND_HALF_EVEN, Emax=99, Emin=-99,
                      traps=[decimal.DivisionByZero])
print(ctx)
print(ctx.divide(D(1), D(3)), ctx.power(D(2), D(100)), ctx.create_decimal("3.14159265"))
print(ctx.flags[decimal.Rounded], ctx.flags[decimal.Inexact])
ctx.clear_flags()
for op in (lambda: ctx.divide(D(1), D(0)), lambda: D("x"), lambda: D(1) / D(0),
           lambda: ctx.power(D(10), D(1000)), lambda: D("sNaN") + 1,
           lambda: D(1).quantize(D("1e-30")), lambda: D(1) + "a",
           lambda: decimal.Context(prec=-1), lambda: D(2).sqrt(context=1)):
    try:
        print("no error", op())
    except Exception as e:
        print(type(e).__name__, [c.__name__ for c in type(e).__mro__[1:3]])
ctx2 = decimal.Context(prec=3, traps=[])
print(ctx2.divide(D(1), D(0)), ctx2.flags[decimal.DivisionByZero], ctx2.sqrt(D(-1)),
      ctx2.flags[decimal.InvalidOperation])

x = D("-12.5e-3")
print(pickle.loads(pickle.dumps(x)) == x, copy.deepcopy(x), repr(x), str(x))
print(pickle.loads(pickle.dumps(getcontext())).prec, D.from_float(1.25), D((0, (1, 2), -1)))
total = sum(D(i) / D(7) for i in range(1, 50))
print(total, total.quantize(D("0.0001")), total.adjusted(), total.is_finite())

class Money(D):
    def __repr__(self):
        return f"Money({super().__str__()})"

m = Money("1.50")
print(repr(m), type(m + 1).__name__, isinstance(m, D), Money.from_float(0.5))
