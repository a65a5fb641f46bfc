# cmath: every function over finite values, signed zeros, huge and tiny parts, and the full
# grid of infinities and NaNs (C99 Annex G special values), with CPython's ValueError and
# OverflowError; polar/rect/phase/isclose and the constants.
import cmath
import math

INF = float("inf")
NAN = float("nan")
PARTS = [-INF, -2.0, -0.0, 0.0, 2.0, INF, NAN]
FUNCS = ["acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "exp", "log", "log10",
         "sin", "sinh", "sqrt", "tan", "tanh"]


def fmt(z):
    if isinstance(z, complex):
        return "(%r, %r)" % (z.real, z.imag)
    return repr(z)


def show(label, f, *args):
    try:
        r = f(*args)
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        if isinstance(r, tuple):
            print(label, "->", tuple(fmt(x) for x in r))
        else:
            print(label, "->", fmt(r))


FINITE = [0j, -0j, complex(0.0, -0.0), complex(-0.0, 0.0), 1 + 0j, -1 + 0j, 1j, -1j, 0.5 + 0.5j,
          -0.5 - 0.25j, 2 + 3j, -3 + 4j, 1e-310 + 1e-310j, 1e-300j, 1e300 + 1e300j, -1e308 + 1e308j,
          710 + 1j, -710 + 2j, 1 + 710j, 0.99 + 0.1j, 1 + 1e-200j, 1 - 1e-200j, 1e200 - 3j, 3, 2.5,
          -1, True]
for name in FUNCS:
    f = getattr(cmath, name)
    for z in FINITE:
        show("%s %s" % (name, fmt(z)), f, z)
    for x in PARTS:
        for y in PARTS:
            show("%s (%r, %r)" % (name, x, y), f, complex(x, y))

for z in FINITE + [complex(INF, NAN), complex(NAN, INF), complex(-INF, 2.0), complex(NAN, 0.0)]:
    show("phase %s" % fmt(z), cmath.phase, z)
    show("polar %s" % fmt(z), cmath.polar, z)
    show("abs %s" % fmt(z), abs, z)
show("polar huge", cmath.polar, complex(1e308, 1e308))

for r in PARTS + [1.5, 1e308]:
    for phi in PARTS + [1.0, -0.5, math.pi]:
        show("rect %r %r" % (r, phi), cmath.rect, r, phi)

for args in [(100, 10), (8, 2), (1j, 1j), (0, 2), (2, 0), (1, 1), (-1,), (-1, -1), (0,),
             (1e308 + 1e308j, 10), (2, 1j), (2, 0.5)]:
    show("log %r" % (args,), cmath.log, *args)

for args, kw in [((1 + 1j, 1 + 1j), {}), ((1 + 1j, 1 + 1.0000000001j), {}),
                 ((1j, 1.1j), {"rel_tol": 0.2}), ((0j, 1e-10j), {"abs_tol": 1e-9}),
                 ((complex(INF, 0), complex(INF, 0)), {}), ((complex(INF, 1), complex(INF, 2)), {}),
                 ((complex(NAN, 0), complex(NAN, 0)), {}), ((1, 1.0), {}),
                 ((1, 2), {"rel_tol": -1}), ((1, 2), {"abs_tol": -1}), ((1,), {}),
                 ((1, 2, 3), {}), ((1, 2), {"tol": 1}), ((), {"a": 1, "b": 1.0})]:
    try:
        print("isclose", args, kw, cmath.isclose(*args, **kw))
    except Exception as e:
        print("isclose", args, kw, type(e).__name__, e)

for z in [0j, complex(INF, 0), complex(0, -INF), complex(NAN, 0), complex(0, NAN),
          complex(INF, NAN), 5, 2.5]:
    print(fmt(z), cmath.isfinite(z), cmath.isinf(z), cmath.isnan(z))


class C:
    def __complex__(self):
        return 3 + 4j


class F:
    def __float__(self):
        return 0.25


class I:
    def __index__(self):
        return 9


for v in [C(), F(), I(), "x", None, 10**400]:
    show("sqrt %s" % type(v).__name__, cmath.sqrt, v)
show("sqrt no args", cmath.sqrt)
show("log no args", cmath.log)
show("rect one", cmath.rect, 1)
show("rect str", cmath.rect, "a", 1)

print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.nan, cmath.infj, cmath.nanj)
print(type(cmath.infj), type(cmath.pi), cmath.pi == math.pi, cmath.tau == math.tau)

# an underflowing phase is reported as libm reports it; polar's abs() resets errno
for z in [complex(1e308, -1e-10), complex(1e300, 1e-300), complex(-1e308, 1e-10), complex(1e308, 5e-324)]:
    show("phase %s" % fmt(z), cmath.phase, z)
    show("polar %s" % fmt(z), cmath.polar, z)
