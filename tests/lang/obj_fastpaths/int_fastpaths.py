# Big-int arithmetic on the native digit paths (add, subtract, multiply and divide by one
# digit) and the GMP conversions around them, str() of ints, and calls of int/float/str/bool.
import random

random.seed(1234)


def check(a, b):
    q, r = divmod(a, b)
    assert q * b + r == a and (r == 0 or (r < 0) == (b < 0)), (a, b)
    return a + b, a - b, b - a, a * b, a // b, a % b, q, r, -a + a, a - a


rows = []
for bits in [1, 29, 30, 31, 59, 60, 61, 63, 64, 65, 90, 120, 121, 127, 128, 129, 200, 1000, 3000]:
    for _ in range(12):
        a = random.getrandbits(bits) * random.choice([1, -1])
        b = random.getrandbits(bits + 7) * random.choice([1, -1]) or 1
        c = random.getrandbits(random.choice([1, 5, 29, 30])) * random.choice([1, -1]) or 3
        rows.append(check(a, b))
        rows.append(check(a, c))
        rows.append(check(a * b, c))
        rows.append((hex(a * b), oct(a), bin(c), str(a * a)[-40:], a.bit_length(), (a * b).bit_length()))
print(len(rows), hash(tuple(rows)) == hash(tuple(rows)))
for row in rows[::17]:
    print(row)

# carries and borrows across digit boundaries
x = 2 ** 300
print(x - 1, x - (x - 5), (x - 5) - x, x + (-x + 300), (x + 3) // x, x % (x - 1))
print((-x) // 7, (-x) % 7, x // -7, x % -7, (-x) // -7, (-x) % -7, x * -1 == -x)
print((x - 1) + 1 == x, (2 ** 90 - 1) * (2 ** 30 - 1), (2 ** 90) // (2 ** 30 - 1), (2 ** 90) % 1073741823)
print(sum(range(10 ** 6)) * 10 ** 20, 10 ** 40 // 3, -(10 ** 40) // 3, 10 ** 40 % -3)
a = 2 ** 200
print((a - (a - 5)) == 5, a * 0, 0 * a, (a * 3) // a, (a * 3) % a, a * 1 is not None)
f = 1
for i in range(1, 300):
    f *= i
print(len(str(f)), f % 1000003, f // (10 ** 600), int(str(f)) == f)

# str/repr of ints of every size class
for v in [0, 1, -1, 9, 10, -10, 255, 256, 257, -5, -6, 2 ** 30 - 1, 2 ** 30, 2 ** 60 - 1, 2 ** 60,
          -(2 ** 60), 2 ** 63, -(2 ** 63) - 1, 10 ** 19, 10 ** 30 + 7]:
    print(str(v), repr(v), format(v, "d"), "%d" % v, f"{v}", hex(v))


# int(), float(), str() and bool() calls, subclasses included
class F(float):
    def __new__(cls, x):
        return super().__new__(cls, x * 2)


class I(int):
    def __init__(self, v):
        self.tag = v


class S(str):
    pass


class T:
    def __str__(self):
        return "T!"


print(F(2.0), I(5), I(5).tag, int(), int("12"), int("ff", 16), int(3.7), float(), float("1.5"))
print(bool(), bool([]), bool(3), str(), str(3), str(T()), repr(str(S("x"))), type(str(S("x"))).__name__)
print(str(b"ab", "ascii"), str(object=3), str(b"x", encoding="utf-8"), type(S(4)).__name__, S(4))
for call in [lambda: int(1, 2, 3), lambda: float(1, 2), lambda: bool(1, 2), lambda: int(base=2),
             lambda: float(x=1), lambda: bool(x=1), lambda: int("z", base=37), lambda: int(y=3),
             lambda: str(1, 2, 3, 4), lambda: str(foo=1), lambda: str(1, "nope")]:
    try:
        print(call())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


class Meta(type):
    def __call__(cls, *a):
        return ("meta", a)


class C(metaclass=Meta):
    pass


print(C(1, 2), type(3), type("x", (), {}).__name__, int("5", base=10), type(int(True)).__name__)
print([1, 2, 3][True], "abc"[-1], list(range(10))[2:8:3], (1, 2, 3)[I(1)])
