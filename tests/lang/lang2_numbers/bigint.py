# Big integers: arithmetic identities, conversions to/from strings in several bases, shifts,
# gcd-like loops, factorials and Fibonacci, exact division, comparisons and hashing.
import math

f = 1
for i in range(1, 301):
    f *= i
print(len(str(f)), str(f)[:40], str(f)[-80:], f % 1000003, math.factorial(300) == f)
a, b = 0, 1
for _ in range(1000):
    a, b = b, a + b
print(len(str(a)), str(a)[:30], a % 10**12, hex(a)[:30], oct(a)[-20:], bin(a)[-30:])
x = 3**500
y = 7**300
q, r = divmod(x, y)
print(q * y + r == x, len(str(q)), r < y, x // -y, x % -y, -x // y, (-x) % y)
print(math.gcd(x, y), math.gcd(2**300 * 3, 2**200 * 9), math.isqrt(x), math.isqrt(x) ** 2 <= x)
print(pow(x, 65537, 2**127 - 1), pow(y, -1, 2**127 - 1) * y % (2**127 - 1))
print((x << 1000) >> 1000 == x, (x >> 100).bit_length(), x.bit_length(), (-x >> 7) < 0, -x & 0xFFFF)
print(x ^ y ^ y == x, (x | y) - (x & y) == x ^ y, ~x == -x - 1)
s = str(x)
print(int(s) == x, int(s[::-1]) % 97, int(hex(x), 16) == x, int(bin(y), 0) == y, int(oct(y)[2:], 8) == y)
print(int("z" * 60, 36) % 10**9, format(x, ",")[:40], format(y, "_x")[-30:], format(-x, "+.3e"))
print(x > y, -x < -y, x == int(float(x)), float(x) == x, float(y), float(2**1023), 2**1023 * 2.0)
print(hash(x) == hash(x + 0), hash(2**61 - 1), hash(2**100) % 1000, hash(-(2**100)) % 1000)
print(sum(range(10**6)), sum(i * i for i in range(1, 10**4)), 10**50 // 3 * 3 + 10**50 % 3 == 10**50)
try:
    float(10**400)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    math.factorial(-1)
except ValueError as e:
    print(type(e).__name__, e)
print(10**400 / 10**398, (10**400 + 1) // 10**400, round(10**30 / 7), 7 ** 0.5 * 7 ** 0.5)
n = 2**521 - 1
print(pow(3, n - 1, n) == 1, n % 2**64, (n * n) % (2**89 - 1), -n // 2**500)
