# float: methods, attributes, formatting and parsing
x = 2.5
print(x.is_integer(), (4.0).is_integer(), x.as_integer_ratio(), x.hex(), float.fromhex("0x1.8p1"))
print(x.conjugate(), x.real, x.imag, round(2.675, 2), round(-0.5), round(1.5), float("1e-3"))
print(format(x, ".3e"), format(1 / 3, ".5g"), format(1234.5, ",.1f"), format(0.25, "%"))
print(float("  -inf "), float("nan") != float("nan"), 1e308 * 10, -1e308 * 10, 5e-324 / 2)
print(int(1e20), 0.1 + 0.7, 3.0 * 1.1, 7.0 // 2.0, -7.0 % 3.0, divmod(7.5, 2))
print(repr(1e16), repr(1.5e-7), str(100.0), 2.0 ** 0.5, 10 ** -2)
try:
    float("abc")
except ValueError as e:
    print("ValueError:", e)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
