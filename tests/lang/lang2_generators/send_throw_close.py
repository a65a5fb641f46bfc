# Generator protocol: send before start, send values through, throw at the paused yield (caught
# and uncaught), close with finally and with GeneratorExit handling, yield in finally,
# RuntimeError for ignoring GeneratorExit, and states via inspect.
import inspect


def show(label, fn):
    try:
        r = fn()
    except BaseException as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


def accumulator():
    total = 0
    try:
        while True:
            try:
                v = yield total
            except ValueError as e:
                print("  caught", e)
                v = -100
            if v is None:
                break
            total += v
    finally:
        print("  accumulator finally, total", total)
    return total


g = accumulator()
print(inspect.getgeneratorstate(g))
show("send non-None first", lambda: g.send(5))
print(next(g), g.send(10), g.send(5), inspect.getgeneratorstate(g))
print(g.throw(ValueError("bad value")), g.send(1))
show("finish", lambda: g.send(None))
print(inspect.getgeneratorstate(g))
show("send after stop", lambda: g.send(1))
show("next after stop", lambda: next(g))


def closer():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("  got GeneratorExit")
        raise
    finally:
        print("  closer finally")


c = closer()
next(c)
print(c.close(), inspect.getgeneratorstate(c), c.close())
c2 = closer()
print(c2.close(), "closing an unstarted generator runs nothing")


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse"


s = stubborn()
next(s)
show("ignore GeneratorExit", s.close)


def returns_on_close():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"


r = returns_on_close()
next(r)
print("close returns", r.close())


def thrower():
    yield 1
    yield 2


t = thrower()
show("throw into unstarted", lambda: t.throw(KeyError("k")))
show("after throw", lambda: next(t))
t2 = thrower()
next(t2)
show("throw type", lambda: t2.throw(IndexError))
t3 = thrower()
next(t3)
show("throw non-exception", lambda: t3.throw(5))
show("throw instance and value", lambda: thrower().throw(ValueError("x"), 1))


def running():
    yield me.send(None)


me = running()
show("already executing", lambda: next(me))


def yields_in_finally():
    try:
        yield "body"
    finally:
        yield "finally"


y = yields_in_finally()
print(next(y), y.send(None))
show("exhaust", lambda: next(y))


def stop_iteration_inside():
    yield 1
    raise StopIteration("inner")


show("StopIteration inside", lambda: list(stop_iteration_inside()))


def ret_value():
    yield 1
    return {"result": 42}


rv = ret_value()
next(rv)
try:
    next(rv)
except StopIteration as e:
    print("return value", e.value, e.args)
print(g.gi_frame, c.gi_running, type(thrower().gi_code).__name__, thrower().__name__, thrower().__qualname__)
