# math: the float functions over ordinary and special values (inf, nan, -0.0, huge ints),
# with CPython's exception types and messages.
import math

INF = float("inf")
NAN = float("nan")


def show(label, f, *args):
    try:
        r = f(*args)
    except Exception as e:
        print(label, args, "->", type(e).__name__, e)
    else:
        print(label, args, "->", repr(r))


ONE_ARG = [
    "acos", "acosh", "asin", "asinh", "atan", "atanh", "cbrt", "cos", "cosh", "erf", "erfc",
    "exp", "exp2", "expm1", "fabs", "gamma", "lgamma", "log", "log10", "log1p", "log2", "sin",
    "sinh", "sqrt", "tan", "tanh", "degrees", "radians", "isfinite", "isinf", "isnan", "ulp",
    "frexp", "modf",
]
VALUES = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, 3.7, -3.7, 10.0, 100.0, 710.0, -710.0, 1e-300,
          1e300, INF, -INF, NAN, 5, -3, 10**400, True]

for name in ONE_ARG:
    f = getattr(math, name)
    for v in VALUES:
        show(name, f, v)

for name in ["sqrt", "exp", "floor"]:
    show(name, getattr(math, name), "x")
    show(name, getattr(math, name), None)

# gamma and lgamma at integers, poles and large arguments
for v in [1, 2, 5, 23, 24, 30.5, 171, 171.7, 172, -0.5, -1.5, -170.5, -200.5, 1e-30, -1e-30,
          0.0, -0.0, -2.0, -INF, 2.5e-20]:
    show("gamma", math.gamma, v)
    show("lgamma", math.lgamma, v)

# two-argument functions
PAIRS = [(0.0, 0.0), (-0.0, 0.0), (1.0, 0.0), (0.0, -1.0), (2.0, 3.0), (-2.0, 0.5),
         (-2.0, 3.0), (INF, 2.0), (-INF, 3.0), (-INF, -3.0), (2.0, INF), (0.5, INF),
         (-1.0, INF), (1.0, NAN), (NAN, 0.0), (NAN, 1.0), (10.0, 400.0), (0.0, -2.0),
         (-0.0, -3.0), (5.5, -2.5), (7, 3)]
for name in ["atan2", "copysign", "fmod", "pow", "remainder", "nextafter", "ldexp"]:
    f = getattr(math, name)
    for x, y in PAIRS:
        if name == "ldexp":
            y = int(y) if y == y and abs(y) != INF else 3
        show(name, f, x, y)

show("ldexp", math.ldexp, 1.0, 10**30)
show("ldexp", math.ldexp, 1.0, -10**30)
show("ldexp", math.ldexp, 1.0, 1.5)
show("ldexp", math.ldexp, 1.5, 1024)
show("ldexp", math.ldexp, 5e-324, -1)
show("pow", math.pow, 1.0)
show("atan2", math.atan2, 1.0, 2.0, 3.0)

# logarithms with bases, ints beyond float range
for args in [(8, 2), (100, 10), (10**400,), (2**2000, 2), (10**400, 10**200), (1, 1), (0,),
             (-1,), (2, 0), (2, 1.0), (0.5, 0.25), (INF,), (NAN, 2)]:
    show("log", math.log, *args)
show("log", math.log)
show("log", math.log, 1, 2, 3)
for v in [10**400, 2**1100, 0, -5, 7]:
    show("log2", math.log2, v)
    show("log10", math.log10, v)

# rounding, with objects that define __floor__/__ceil__/__trunc__
class R:
    def __floor__(self):
        return "floor!"

    def __ceil__(self):
        return "ceil!"

    def __trunc__(self):
        return "trunc!"

    def __float__(self):
        return 2.5

    def __repr__(self):
        return "R()"


class F:
    def __float__(self):
        return -2.5

    def __repr__(self):
        return "F()"


for v in [2.5, -2.5, 0.0, -0.0, 1e300, INF, -INF, NAN, 7, -7, 10**30, True, R(), F(), "s"]:
    for name in ["floor", "ceil", "trunc"]:
        show(name, getattr(math, name), v)

# isclose
for args, kw in [((1.0, 1.0), {}), ((1.0, 1.0 + 1e-10), {}), ((1.0, 1.1), {}),
                 ((1.0, 1.1), {"rel_tol": 0.2}), ((0.0, 1e-10), {}),
                 ((0.0, 1e-10), {"abs_tol": 1e-9}), ((INF, INF), {}), ((INF, -INF), {}),
                 ((NAN, NAN), {}), ((1.0, 2.0), {"rel_tol": -1}), ((1.0, 2.0), {"abs_tol": -1}),
                 ((1.0,), {}), ((1.0, 2.0, 3.0), {}), ((1.0, 2.0), {"tol": 1})]:
    try:
        print("isclose", args, kw, math.isclose(*args, **kw))
    except Exception as e:
        print("isclose", args, kw, type(e).__name__, e)

# fsum: exactness and special values
for seq in [[0.1] * 10, [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50], [1e308, 1e308],
            [INF, 1.0], [INF, -INF], [NAN, 1.0], [-0.0, -0.0], [], [1, 2, 3],
            [2.0**53, -0.5, -2.0**-54], [1.7976931348623157e308, 1e292, -1e292],
            [1e16, 1.0, 1e-16], [3, "x"]]:
    show("fsum", math.fsum, seq)
show("fsum", math.fsum, 5)
print(math.fsum(i / 7 for i in range(100)), sum(i / 7 for i in range(100)))

# hypot and dist
for args in [(), (3.0,), (-3.0,), (3, 4), (3, 4, 12), (1e308, 1e308), (INF, NAN), (NAN, 1.0),
             (5e-324, 5e-324), (1e-310, 2e-310), (0.0, -0.0), (1.5, 2.5, 3.5, 4.5, 5.5),
             tuple(range(20)), ("x",)]:
    show("hypot", math.hypot, *args)
for p, q in [((0, 0), (3, 4)), ([1, 2, 3], [4, 5, 6]), ((1,), (1, 2)), ((), ()),
             ((INF, 0), (0, 0)), ((1, "a"), (2, 3))]:
    show("dist", math.dist, p, q)
show("dist", math.dist, (1,))
print("dist iter", math.dist(iter([1.0, 2.0]), (3.0, 4.0)))

# prod
for args, kw in [(([1, 2, 3, 4],), {}), (([],), {}), (([],), {"start": 5}),
                 (([2.5, 4],), {}), (([1, 2],), {"start": 0.5}), ((range(1, 30),), {}),
                 ((["a", 3],), {}), (([3, "a"],), {}), ((5,), {}), (([1],), {"begin": 1}),
                 ((), {})]:
    try:
        print("prod", args, kw, math.prod(*args, **kw))
    except Exception as e:
        print("prod", args, kw, type(e).__name__, e)

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(type(math.pi), math.isnan(math.nan), math.__name__)
