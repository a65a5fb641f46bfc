# Shortest float repr across the paths pyrs takes: exact short decimals (integers below
# 2**53, short binary fractions), the interval search of about 1e-14..1e38 (powers of two
# with their narrower lower gap, neighbours of short decimals, exact half-way dyadics), and
# the printing fallback outside it (subnormals, huge values). A digest covers the sweep.
import hashlib
import math

samples = [0.5, 1.25, 3.75, 248.75, 1e15, 2.0**53 - 1, 2.0**53, 2.0**53 + 2, 1e16, 0.1, 0.2,
           0.1 + 0.2, 1 / 3, 2 / 3, 3.141592653589793, 1e-7, 1e-14, 1e-15, 1e22, 1e23, 1.7e38,
           1e300, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 123456789.123456789,
           9007199254740993.0, 0.30000000000000004, 100.0, 1234.5e-10]
for v in samples:
    print(repr(v), repr(-v), str(v))

for e in (-60, -47, -30, -2, -1, 0, 1, 2, 52, 53, 54, 60, 100, 127, 128):
    p = 2.0**e
    print(e, repr(p), repr(math.nextafter(p, 0)), repr(math.nextafter(p, math.inf)))

# exact dyadic values with more digits than a double: half-way cases between shortest picks
for m in (1, 3, 5, 7, 2**53 - 1, 2**52 + 1, 12345678901234567):
    print([repr(m * 2.0**k) for k in (-60, -31, -20, 3, 11, 40)])

state = 2024


def nxt():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return state


digest = hashlib.sha1()
bad = 0
for i in range(20000):
    e = -50 + nxt() % 180
    x = (1 + (nxt() >> 12) / 2**52) * 2.0**e
    for y in (x, math.nextafter(x, 0), round(x, nxt() % 12), x / 7):
        s = repr(y)
        bad += float(s) != y
        digest.update(s.encode())
print("round trip failures:", bad)
print("digest:", digest.hexdigest())
