# math: the integer functions (factorial, comb, perm, gcd, lcm, isqrt) with huge ints, bools,
# __index__ objects, and CPython's error types and messages.
import math


def show(label, f, *args):
    try:
        r = f(*args)
    except Exception as e:
        print(label, args, "->", type(e).__name__, e)
    else:
        print(label, args, "->", r if not isinstance(r, int) or abs(r) < 10**60 else
              ("big", r.bit_length(), r % 1000003))


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v

    def __repr__(self):
        return "Idx(%d)" % self.v


for v in [0, 1, 2, 5, 20, 21, 100, 1000, True, False, -1, -10**30, 10**30, 2.0, "3", Idx(6),
          None]:
    show("factorial", math.factorial, v)
f = math.factorial(5000)
print(f % (10**9 + 7), f.bit_length(), f % 10**20)

for n, k in [(5, 2), (5, 0), (5, 5), (5, 6), (0, 0), (100, 50), (10**20, 3), (10**20, 10**20 - 2),
             (-1, 2), (5, -1), (-5, -1), (5.0, 2), (5, 2.0), (Idx(10), Idx(3)), (True, True),
             (2**70, 2**69), (300, 150)]:
    show("comb", math.comb, n, k)
    show("perm", math.perm, n, k)
for v in [0, 1, 5, 20, -3, 3.5]:
    show("perm1", math.perm, v)
    show("permN", math.perm, v, None)
show("comb", math.comb, 5)
show("comb", math.comb, 5, 2, 1)
show("perm", math.perm)

for args in [(), (0,), (12,), (-12,), (12, 18), (-12, 18), (12, -18), (0, 0), (0, 7),
             (2**100, 2**80 * 3), (12, 18, 27), (7, 11, 13), (12, 18.0), (Idx(30), 12),
             (10**40, 10**30, 10**20), (True, 4), (3, "x")]:
    show("gcd", math.gcd, *args)
    show("lcm", math.lcm, *args)

for v in [0, 1, 2, 3, 4, 15, 16, 17, 10**40, 10**40 - 1, 2**200, 2**201, True, Idx(99), -1,
          -10**40, 4.0, "4"]:
    show("isqrt", math.isqrt, v)

for n in range(0, 200, 7):
    r = math.isqrt(n * n * 12345 + n)
    assert r * r <= n * n * 12345 + n < (r + 1) * (r + 1)
print("isqrt exact ok")
print(sum(math.comb(40, k) for k in range(41)) == 2**40, math.perm(10, 3), math.comb(10, 3))
print(math.factorial(25) // math.factorial(20) == math.perm(25, 5))
print(type(math.gcd(True, True)), math.gcd(True, True), type(math.isqrt(True)))

# every small comb/perm against the factorial formula (the 64-bit fast path and GMP agree)
mismatch = []
for n in range(0, 90):
    for k in range(0, n + 3):
        c = math.factorial(n) // (math.factorial(k) * math.factorial(n - k)) if k <= n else 0
        p = math.factorial(n) // math.factorial(n - k) if k <= n else 0
        if math.comb(n, k) != c or math.perm(n, k) != p:
            mismatch.append((n, k))
print("comb/perm mismatches", mismatch)
print(math.comb(2**61, 2), math.perm(2**61, 2), math.comb(2**62, 1), math.comb(67, 33),
      math.perm(21, 21), math.perm(20, 20), [math.factorial(i) for i in range(18, 23)])
print([math.comb(10**6, k) % 1000003 for k in (3, 4, 5)], math.comb(2**64, 3) % 99991)
