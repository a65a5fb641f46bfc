# A long chain of generators delegating with yield from (the VM keeps it off the C stack).
import sys

sys.setrecursionlimit(10000)


def deep(n):
    if n == 0:
        got = yield "bottom"
        yield got
        return 0
    r = yield from deep(n - 1)
    return r + 1


d = deep(2000)
print(next(d))
print(d.send("sent through"))
try:
    next(d)
except StopIteration as e:
    print("depth", e.value)
