# _random: the Mersenne Twister seeded as CPython seeds it (ints of any size by absolute value,
# hashes of other objects), random(), getrandbits(k), getstate()/setstate(), subclassing, errors.
import _random


def show(label, f, *args):
    try:
        r = f(*args)
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", r)


for seed in [0, 1, 42, -42, 2**32 - 1, 2**32, 2**64 + 12345, -(2**100), 10**50, True, 1.5,
             (1, 2), -1.25]:
    r = _random.Random(seed)
    print(seed, [r.random() for _ in range(3)], r.getrandbits(1), r.getrandbits(31),
          r.getrandbits(32), r.getrandbits(33), r.getrandbits(64), r.getrandbits(100),
          r.getrandbits(257))

r = _random.Random()
r.seed(12345)
a = [r.random() for _ in range(700)]  # crosses a state refill
print(a[0], a[623], a[624], a[699])
print([r.getrandbits(k) for k in range(0, 70, 7)])
print(r.getrandbits(2000) % (10**9 + 7))

# state round trips
r.seed(7)
st = r.getstate()
print(type(st).__name__, len(st), st[-1], st[0], st[1], st[623])
x = [r.random() for _ in range(5)]
r.setstate(st)
print(x == [r.random() for _ in range(5)])
r2 = _random.Random(999)
r2.setstate(st)
r.setstate(st)
print(r2.getrandbits(77) == r.getrandbits(77))
st2 = r.getstate()
print(st2[-1])

# errors
show("getrandbits(-1)", r.getrandbits, -1)
show("getrandbits(0)", r.getrandbits, 0)
show("getrandbits(1.5)", r.getrandbits, 1.5)
show("setstate list", r.setstate, list(st))
show("setstate short", r.setstate, st[:-1])
show("setstate bad index", r.setstate, st[:-1] + (625,))
show("setstate neg index", r.setstate, st[:-1] + (-1,))
show("setstate str item", r.setstate, ("x",) + st[1:])
show("Random(1, 2)", _random.Random, 1, 2)
show("Random(x=1)", lambda: _random.Random(x=1))
show("seed(1, 2)", r.seed, 1, 2)
show("seed([])", r.seed, [])
show("random(1)", r.random, 1)
r.seed(None)
r.seed()
print(0.0 <= r.random() < 1.0, r.getrandbits(8) < 256)


# subclasses may take keyword arguments in their own __init__
class MyRandom(_random.Random):
    def __init__(self, seed=None, *, extra=0):
        super().__init__(seed)
        self.extra = extra

    def random(self):
        return super().random() * 2


m = MyRandom(3, extra=5)
print(m.extra, m.random(), _random.Random(3).random() * 2, isinstance(m, _random.Random))


class BigIntSeed(int):
    def __abs__(self):
        return 0


print(_random.Random(BigIntSeed(-77)).random() == _random.Random(77).random())
print(_random.Random.__name__, _random.Random.__module__)

# Random is a mutable heap type, as in CPython 3.11
_random.Random.extra_attr = 5
print(_random.Random.extra_attr, _random.Random(1).extra_attr, bool(_random.Random.__flags__ & (1 << 9)))
del _random.Random.extra_attr
print(hasattr(_random.Random, "extra_attr"))
