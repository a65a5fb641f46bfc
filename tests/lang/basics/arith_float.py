# float arithmetic and repr
print(0.1 + 0.2, 1.0, 1e16, 1e-5, 1.5e300 * 1e10, -0.0)
print(3.0 // 2, 3.5 % 2, 2.0 ** 0.5, float("inf"), float("nan"))
print(1 / 3 * 3 == 1.0, 0.1 * 3, 100.0 / 3)
print(int(3.9), int(-3.9), float(7), round(0.125, 2), 1e22, 123456789012345678.0)
