# A finished frame reached through a traceback keeps its locals (f_locals), with cells read
# when asked, unbound names left out, the same dict on every read, and frame.clear().
import sys


def outer(a, b=2):
    x = a + b
    unbound_later = 1
    del unbound_later

    def inner():
        return x

    try:
        raise ValueError(a)
    except ValueError as e:
        err = e
    return err, inner


err, inner = outer(1)
fr = err.__traceback__.tb_frame
loc = fr.f_locals
print(sorted(k for k in loc), loc["a"], loc["b"], loc["x"])
print(fr.f_locals is loc, fr.f_lineno, fr.f_code.co_name, fr.f_back is None)
print(inner())
fr.clear()
print(fr.f_locals)


def counter():
    n = 0

    def bump():
        nonlocal n
        n += 1
        return n

    try:
        1 / 0
    except ZeroDivisionError as e:
        return e, bump


e, bump = counter()
bump()
bump()
fr = e.__traceback__.tb_frame
print(fr.f_locals["n"], sorted(fr.f_locals))


def raiser(depth, payload):
    local = [payload] * depth
    if depth == 0:
        raise RuntimeError("bottom")
    raiser(depth - 1, payload)


try:
    raiser(3, "p")
except RuntimeError as e:
    tb = e.__traceback__
    while tb is not None:
        f = tb.tb_frame
        if f.f_code.co_name == "raiser":
            print(f.f_lineno, f.f_locals["depth"], f.f_locals["local"])
        tb = tb.tb_next


def gen():
    y = "gen local"
    yield sys._getframe()


g = gen()
gf = next(g)
print(gf.f_locals)
g.close()
print(gf.f_locals)
