# yield from: value passing in both directions, return values, throw and close forwarded to
# the inner generator, delegation to non-generator iterators, and exceptions in the inner one.
def show(label, fn):
    try:
        r = fn()
    except BaseException as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


def inner(tag):
    received = []
    try:
        while True:
            x = yield f"{tag}:{len(received)}"
            if x == "stop":
                return received
            received.append(x)
    except KeyError as e:
        print("  inner caught", repr(e))
        yield "after KeyError"
        return "recovered"
    finally:
        print("  inner finally", tag)


def outer():
    r1 = yield from inner("A")
    print("  A returned", r1)
    r2 = yield from inner("B")
    print("  B returned", r2)
    return "outer done"


g = outer()
print(next(g), g.send(1), g.send(2), g.send("stop"), g.send(3))
print(g.throw(KeyError("k")))
show("finish", lambda: g.send(None))


def lister():
    yield from [1, 2]
    yield from "ab"
    yield from range(3, 5)
    yield from {"k": 0}
    r = yield from iter([])
    return r


print(list(lister()))


def close_forward():
    yield from inner("C")


cf = close_forward()
next(cf)
print(cf.close())


def throw_not_caught():
    try:
        yield from inner("D")
    except ZeroDivisionError as e:
        yield "outer caught " + str(e)


t = throw_not_caught()
next(t)
print(t.throw(ZeroDivisionError("zd")))


class Iter:
    def __init__(self):
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i > 2:
            raise StopIteration("iter-done")
        return self.i


def over_iter():
    r = yield from Iter()
    yield ("iterator returned", r)


print(list(over_iter()))


def send_to_iter():
    yield from Iter()


s = send_to_iter()
next(s)
show("send to plain iterator", lambda: s.send("x"))


class WithThrow(Iter):
    def throw(self, *a):
        return "custom throw handled"


def delegate_throw():
    yield from WithThrow()


d = delegate_throw()
next(d)
print(d.throw(ValueError))


def failing():
    yield 1
    raise RuntimeError("inner failure")


def wraps_failing():
    try:
        yield from failing()
    except RuntimeError as e:
        yield "wrapped: " + str(e)


print(list(wraps_failing()))
show("yield from int", lambda: list((lambda: (yield from 5))()))


def gen_returning_gen():
    return (yield from (x for x in [10, 20]))


print(list(gen_returning_gen()))
