# int arithmetic: operators, precedence, big values, division semantics
print(1 + 2 * 3, (1 + 2) * 3, 2 ** 10, 2 ** 100)
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, divmod(-17, 5))
print(10 / 4, 1 / 3, 2 ** -1)
print(1 << 70, (1 << 70) >> 65, 0xFF & 0x0F, 0xF0 | 0x0F, 0xFF ^ 0x0F, ~5)
x = 12345678901234567890
print(x * x, x // 7, x % 1000, -x)
print(abs(-5), pow(3, 4), pow(3, 4, 5), round(2.5), round(3.5), round(1.2345, 2))
