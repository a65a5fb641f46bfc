# sys.getrecursionlimit/setrecursionlimit, RecursionError messages from Python recursion and
# from recursive __repr__/__eq__/__getattr__, recovery after the error, and the limit errors.
import sys


def show(label, fn):
    try:
        r = fn()
    except BaseException as e:
        print(label, "->", type(e).__name__, str(e)[:60])
    else:
        print(label, "->", repr(r))


print(sys.getrecursionlimit())


def forever(n):
    return forever(n + 1)


show("plain", lambda: forever(0))


def depth_reached():
    d = [0]

    def f():
        d[0] += 1
        f()
    try:
        f()
    except RecursionError:
        pass
    return d[0]


d1 = depth_reached()
print(900 < d1 <= 1000)
sys.setrecursionlimit(2000)
d2 = depth_reached()
print(1900 < d2 <= 2000, sys.getrecursionlimit())
sys.setrecursionlimit(1000)
show("zero", lambda: sys.setrecursionlimit(0))
show("negative", lambda: sys.setrecursionlimit(-5))
show("float", lambda: sys.setrecursionlimit(1.5))
show("huge", lambda: sys.setrecursionlimit(2**70))


class Rec:
    def __repr__(self):
        return repr(self)




class Attr:
    def __getattr__(self, name):
        return getattr(self, name)


show("getattr", lambda: Attr().x)


class Eq:
    def __eq__(self, other):
        return self == other


show("eq", lambda: Eq() == Eq())
nested = []
for _ in range(100000):
    nested = [nested]
show("deep repr", lambda: len(repr(nested)))
show("deep eq", lambda: nested == nested)
d = {}
for _ in range(100000):
    d = {"k": d}
show("deep dict repr", lambda: len(str(d)))


def recover():
    try:
        forever(0)
    except RecursionError:
        return sum(range(10))


print(recover(), recover())


def gen_recursion(n):
    yield from gen_recursion(n + 1)


show("generator recursion", lambda: next(gen_recursion(0)))
sys.setrecursionlimit(50000)


def deep_sum(n):
    return 0 if n == 0 else n + deep_sum(n - 1)


print(deep_sum(40000))
sys.setrecursionlimit(1000)
show("lowered", lambda: deep_sum(5000))
print("done")
