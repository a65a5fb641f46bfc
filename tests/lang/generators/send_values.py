# gen.send(): the value of the yield expression, the just-started rule, return values.
def acc():
    total = 0
    while True:
        v = yield total
        if v is None:
            return total
        total += v


g = acc()
print(g.send(None))
print(g.send(5), g.send(10))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)
try:
    g.send(1)
except StopIteration as e:
    print("after end", e.args)
h = acc()
try:
    h.send(3)
except TypeError as e:
    print("TypeError:", e)


def echo():
    x = yield
    while True:
        x = yield x * 2


e = echo()
next(e)
print([e.send(i) for i in range(4)])


def ret_tuple():
    yield 1
    return (1, 2)


r = ret_tuple()
next(r)
try:
    next(r)
except StopIteration as s:
    print(s.value, s.args)
