# Deep generator delegation: 100,000 generators chained by yield from (values in, values out,
# return values back, throw and close through the whole chain) and a 1,000,000-deep
# recursion under sys.setrecursionlimit. The C stack limit is raised only so that CPython
# (whose yield from recurses in C) can run the oracle.
import resource
import sys

resource.setrlimit(resource.RLIMIT_STACK, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
sys.setrecursionlimit(10**6 + 100)


def base():
    got = yield "bottom"
    try:
        got2 = yield ("echo", got)
    except ValueError as e:
        got2 = "thrown:" + str(e)
    yield got2
    return 1


def wrap(g):
    r = yield from g
    return r + 1


N = 100_000
g = base()
for _ in range(N):
    g = wrap(g)
print(next(g))
print(g.send("hello"))
print(g.throw(ValueError("deep")))
try:
    next(g)
except StopIteration as e:
    print("returned through the chain:", e.value)

g2 = base()
for _ in range(N):
    g2 = wrap(g2)
next(g2)
g2.close()
print("closed", g2.gi_frame is None)


def count_down(n):
    if n == 0:
        yield "done"
        return 0
    r = yield from count_down(n - 1)
    return r + 1


cd = count_down(50_000)
print(next(cd))
try:
    next(cd)
except StopIteration as e:
    print("recursive delegation depth", e.value)


def depth(n):
    return 0 if n == 0 else depth(n - 1) + 1


print(depth(10**6))


def mutual_a(n):
    return n if n == 0 else mutual_b(n - 1)


def mutual_b(n):
    return -1 if n == 0 else mutual_a(n - 1)


print(mutual_a(999_999), mutual_a(1_000_000))


class Node:
    def __init__(self, n):
        self.n = n

    def total(self):
        return 0 if self.n == 0 else Node(self.n - 1).total() + self.n


print(Node(300_000).total())
