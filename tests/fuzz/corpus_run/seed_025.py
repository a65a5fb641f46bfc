x = 10 ** 50
print(x // 7, x % 7, x.bit_length(), -x >> 3, hex(x))
