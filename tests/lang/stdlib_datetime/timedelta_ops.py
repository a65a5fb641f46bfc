# timedelta: construction from mixed int/float components (round-half-even), normalization,
# repr/str, arithmetic with int/float/timedelta, rounding of division, errors and messages,
# comparison, hashing, pickling and the class attributes.
import pickle
from datetime import timedelta


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


cases = [
    (),
    (1,),
    (0, 1),
    (0, 0, 1),
    (-1,),
    (0, -1),
    (0, 0, -1),
    (1.5,),
    (0, 0.5),
    (0, 0, 0.5),
    (0, 0, 1.5),
    (0, 0, 2.5),
    (0, 0, -0.5),
    (0, 0, -1.5),
    (1, 86401, 1000001),
    (-1, -86401, -1000001),
    (0.000001,),
    (1e-7,),
    (2.5e-7,),
    (1 / 3,),
    (-1 / 3, 1 / 3),
    (999999999, 86399, 999999),
    (-999999999,),
]
for c in cases:
    show("timedelta%r" % (c,), lambda: timedelta(*c))

kw = [
    dict(weeks=1, days=-1, hours=2.5),
    dict(milliseconds=1.5, microseconds=0.5),
    dict(minutes=-0.25),
    dict(hours=1e-10),
    dict(weeks=0.1, days=0.1, hours=0.1, minutes=0.1, seconds=0.1, milliseconds=0.1,
         microseconds=0.1),
    dict(days=10**9),
    dict(days=-10**9),
    dict(seconds=10**20),
    dict(days="1"),
    dict(hours=None),
    dict(years=1),
    dict(days=float("nan")),
    dict(days=float("inf")),
]
for k in kw:
    show("timedelta(**%r)" % (k,), lambda: timedelta(**k))

td = timedelta(days=3, hours=4, minutes=5, seconds=6, microseconds=7)
for t in [td, -td, timedelta(0), timedelta(days=-1), timedelta(microseconds=-1),
          timedelta(days=1), timedelta(days=-2, seconds=5), timedelta.max, timedelta.min]:
    print(repr(t), "|", str(t), "|", t.days, t.seconds, t.microseconds, "|",
          t.total_seconds(), bool(t), abs(t))

a = timedelta(days=1, seconds=30)
b = timedelta(hours=5, microseconds=3)
ops = [
    ("a+b", lambda: a + b),
    ("a-b", lambda: a - b),
    ("b-a", lambda: b - a),
    ("-a", lambda: -a),
    ("+a", lambda: +a),
    ("a*3", lambda: a * 3),
    ("3*a", lambda: 3 * a),
    ("a*-1", lambda: a * -1),
    ("a*0.5", lambda: a * 0.5),
    ("0.1*a", lambda: 0.1 * a),
    ("b*1e-6", lambda: b * 1e-6),
    ("a/b", lambda: a / b),
    ("a//b", lambda: a // b),
    ("a%b", lambda: a % b),
    ("divmod(a,b)", lambda: divmod(a, b)),
    ("divmod(-a,b)", lambda: divmod(-a, b)),
    ("a/3", lambda: a / 3),
    ("a//7", lambda: a // 7),
    ("a/-7", lambda: a / -7),
    ("a//-7", lambda: a // -7),
    ("a/2.5", lambda: a / 2.5),
    ("us/2 half even", lambda: timedelta(microseconds=3) / 2),
    ("us/2 half even 5", lambda: timedelta(microseconds=5) / 2),
    ("us*0.5", lambda: timedelta(microseconds=3) * 0.5),
    ("neg us/2", lambda: timedelta(microseconds=-3) / 2),
    ("a/0", lambda: a / 0),
    ("a//0", lambda: a // 0),
    ("a/0.0", lambda: a / 0.0),
    ("a/timedelta(0)", lambda: a / timedelta(0)),
    ("a//timedelta(0)", lambda: a // timedelta(0)),
    ("a%timedelta(0)", lambda: a % timedelta(0)),
    ("a*inf", lambda: a * float("inf")),
    ("a*nan", lambda: a * float("nan")),
    ("a+1", lambda: a + 1),
    ("1-a", lambda: 1 - a),
    ("a*'x'", lambda: a * "x"),
    ("a/'x'", lambda: a / "x"),
    ("a//1.5", lambda: a // 1.5),
    ("a%2", lambda: a % 2),
    ("divmod(a,2)", lambda: divmod(a, 2)),
    ("max+1us", lambda: timedelta.max + timedelta.resolution),
    ("min-1us", lambda: timedelta.min - timedelta.resolution),
    ("max*2", lambda: timedelta.max * 2),
    ("a*10**12", lambda: a * 10**12),
    ("-min", lambda: -timedelta.min),
    ("abs(min)", lambda: abs(timedelta.min)),
]
for label, f in ops:
    show(label, f)

# comparisons
pairs = [(a, b), (b, a), (a, a), (timedelta(0), -timedelta(0))]
for x, y in pairs:
    print(x < y, x <= y, x == y, x != y, x > y, x >= y)
show("a < 1", lambda: a < 1)
show("a == 1", lambda: a == 1)
show("a != 'a'", lambda: a != "a")
print(hash(timedelta(1)) == hash(timedelta(hours=24)), hash(a) == hash(a * 1))
print(len({timedelta(seconds=s % 5) for s in range(20)}))
print(sorted([b, a, -a, timedelta(0)]))

# pickling and class attributes
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    for t in [a, -b, timedelta.max, timedelta.min]:
        u = pickle.loads(pickle.dumps(t, proto))
        assert u == t and type(u) is timedelta
print(pickle.dumps(a, 0))
print(pickle.dumps(-b, 2))
print(a.__reduce__())
print(timedelta.min, timedelta.max, timedelta.resolution)
print(repr(timedelta.min), repr(timedelta.max), repr(timedelta.resolution))
show("set attribute", lambda: setattr(a, "days", 3))
show("new attribute", lambda: setattr(a, "foo", 3))
print(type(timedelta.__dict__["days"]).__name__, timedelta.__module__, timedelta.__name__)
