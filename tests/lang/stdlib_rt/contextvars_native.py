# _contextvars: ContextVar get/set/reset with defaults, Token attributes and misuse, Context as
# a mapping, copy, run (nesting, re-entry, exceptions), copy_context, reprs and errors.
import _contextvars as cv


def noaddr(x):
    r = repr(x)
    out, i = "", 0
    while i < len(r):
        if r.startswith("0x", i):
            out += "0x?"
            i += 2
            while i < len(r) and r[i] in "0123456789abcdef":
                i += 1
        else:
            out += r[i]
            i += 1
    return out


def show(f):
    try:
        print(noaddr(f()))
    except Exception as e:
        print(type(e).__name__, noaddr(e))


v = cv.ContextVar("x")
w = cv.ContextVar("y", default=5)
print(noaddr(v), noaddr(w), v.name, w.name)
show(lambda: v.get())
print(v.get(1), w.get(), w.get(7))
t = v.set(1)
print(noaddr(t), t.var is v, t.old_value is cv.Token.MISSING, noaddr(cv.Token.MISSING))
print(v.get(), v.get(2))
t2 = v.set(2)
print(t2.old_value, v.get())
v.reset(t2)
print(v.get())
v.reset(t)
print(noaddr(t))
show(lambda: v.get())
show(lambda: v.reset(t))
show(lambda: v.reset(1))
show(lambda: v.reset(w.set(3)))
show(lambda: cv.Token())
show(lambda: cv.Context(1))
show(lambda: cv.ContextVar(1))
show(lambda: cv.ContextVar("a", 1))
show(lambda: cv.ContextVar())
show(lambda: cv.ContextVar("a", dflt=1))
show(lambda: v.get(1, 2))
show(lambda: type("X", (cv.ContextVar,), {}))
show(lambda: hash(cv.Context()))
print(hash(v) == hash(v), v == v, v != w)

ctx = cv.copy_context()
print(type(ctx).__name__, w in ctx, v in ctx, len(ctx) >= 1, ctx[w])
show(lambda: ctx[v])
show(lambda: ctx[1])
show(lambda: 1 in ctx)
print(ctx.get(v), ctx.get(v, "d"), ctx.get(w))
print(sorted(var.name for var in ctx if var in (v, w)), ctx.copy() == ctx)
print([(k.name, val) for k, val in ctx.items() if k is w], [k.name for k in ctx.keys() if k is w])
print([val for val in ctx.values() if val == 3])
print(len(ctx.keys()) == len(ctx), len(ctx.items()) == len(ctx.values()), w in ctx.keys())


def work(a, b=0):
    v.set(a + b)
    return v.get(), len(cv.copy_context())


print(ctx.run(work, 1, b=2), ctx[v])
show(lambda: v.get())
print(ctx.run(v.get))
empty = cv.Context()
print(len(empty), list(empty), empty.run(v.get, "dflt"))


def reenter():
    return ctx.run(lambda: 1)


show(lambda: ctx.run(reenter))
show(lambda: ctx.run())
show(lambda: ctx.run(1))


def boom():
    v.set("in boom")
    raise KeyError("k")


show(lambda: ctx.run(boom))
print(ctx[v])

outer = cv.Context()


def nested():
    v.set("outer")
    inner = cv.copy_context()
    inner.run(v.set, "inner")
    return v.get(), inner[v]


print(outer.run(nested), outer[v])
print(cv.ContextVar[int], cv.Token[str], cv.Context.__module__, cv.ContextVar.__name__)
