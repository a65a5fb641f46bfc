# int: methods, attributes and conversions from Python
n = 255
print(n.bit_length(), (-n).bit_length(), n.bit_count(), n.to_bytes(2, "big"), n.to_bytes(2, "little"))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff\xff", "big", signed=True))
print(n.as_integer_ratio(), n.conjugate(), n.real, n.imag, n.numerator, n.denominator)
print(int("ff", 16), int("0b101", 0), int(" 42 "), int("1_000"), int(3.99), int(-3.99), int(True))
print(hex(n), oct(n), bin(n), format(n, "08b"), format(1234567, ","), format(n, "x"))
print(round(1234, -2), divmod(17, -5), pow(2, -1), (10).__index__(), abs(-7))
print(2 ** 64 // 3, (2 ** 64) % 7, -(2 ** 70) >> 3, ~(2 ** 65))
for bad in ("abc", "", "1.5", "0x"):
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
