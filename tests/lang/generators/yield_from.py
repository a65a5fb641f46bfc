# yield from: values pass through, send/throw reach the delegate, the return value is the result.
def inner():
    got = yield "i1"
    print("inner got", got)
    try:
        yield "i2"
    except KeyError as e:
        print("inner caught", repr(e))
        yield "i3"
    return "inner-result"


def outer():
    r = yield from inner()
    print("outer got", r)
    r2 = yield from range(2)
    print("range result", r2)
    yield from "xy"
    return "outer-result"


o = outer()
print(next(o))
print(o.send("hello"))
print(o.throw(KeyError("k")))
print(list(o))


def chain(*its):
    for it in its:
        yield from it


print(list(chain([1, 2], (3,), "ab", (x * x for x in range(3)))))


def closer():
    try:
        yield from inner()
    finally:
        print("outer finally")


c = closer()
next(c)
c.close()
print("closed")
