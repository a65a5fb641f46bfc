# _collections.defaultdict (factory, __missing__, repr, copy, reduce, |), _tuplegetter (the
# descriptor namedtuple builds its fields from) and _count_elements (Counter's inner loop).
from _collections import defaultdict, _tuplegetter, _count_elements


def err(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("   ok", r)


d = defaultdict(list)
d["a"].append(1)
d["a"].append(2)
d["b"]
print(d, len(d), d.default_factory, isinstance(d, dict), "c" in d)
print(d.get("zz"), "zz" in d, d.__missing__("new"), d["new"])
c = defaultdict(int, {"x": 1}, y=2)
c["z"] += 5
print(sorted(c.items()), repr(defaultdict()), repr(defaultdict(None, a=1)))
n = defaultdict()
err(lambda: n["missing"])
err(lambda: n.__missing__(("t", 1)))
err(lambda: defaultdict(1))
err(lambda: defaultdict(list, 1))
cp = c.copy()
print(type(cp).__name__, cp == c, cp is c, cp.default_factory, c.__copy__() == c)
red = c.__reduce__()
print(red[0].__name__, red[1], red[2], red[3], sorted(red[4]))
print(defaultdict().__reduce__()[1], defaultdict(None).__reduce__()[1])
print(defaultdict(int, a=1) | {"b": 2}, {"z": 0} | defaultdict(int, a=1))
u = defaultdict(list, a=[1])
u |= {"b": [2]}
print(u, type(u).__name__)
err(lambda: defaultdict(int) | 3)
err(lambda: 3 | defaultdict(int))
d.default_factory = set
d["s"].add(3)
print(d["s"], d.default_factory)
d.default_factory = None
err(lambda: d["nothing"])


class Factory:
    def __repr__(self):
        return "F()"

    def __call__(self):
        return "made"


f = defaultdict(Factory())
print(f, f["k"], f)
rec = defaultdict(list)
rec.default_factory = rec.copy
print(repr(rec)[:60])
rr = defaultdict(int)
rr["self"] = rr
print(rr)


class Sub(defaultdict):
    pass


s = Sub(list, a=[1])
print(repr(s), type(s.copy()).__name__, type(s | {}).__name__)
print(defaultdict.__name__, defaultdict.__module__, defaultdict.__mro__[1].__name__)

print("tuplegetter")
tg = _tuplegetter(1, "second item")
print(repr(tg), tg.__doc__, tg.__reduce__()[1])


class P(tuple):
    x = _tuplegetter(0, "x doc")
    y = _tuplegetter(1, None)


p = P((10, 20))
print(p.x, p.y, P.x.__doc__, P.y.__doc__, type(P.__dict__["x"]).__name__)
P.x.__doc__ = "changed"
print(P.x.__doc__)
err(lambda: setattr(p, "x", 5))
err(lambda: delattr(p, "y"))
err(lambda: _tuplegetter(5, "d").__get__((1,)))
err(lambda: _tuplegetter(0, "d").__get__(3))
err(lambda: _tuplegetter(0, "d").__get__([1]))
print(_tuplegetter(0, "d").__get__(None, P) is not None, _tuplegetter(0, "d").__get__((7,), tuple))
err(lambda: _tuplegetter())
err(lambda: _tuplegetter("a", "b"))
err(lambda: _tuplegetter(1, "d")((1, 2)))

print("count_elements")
m = {}
_count_elements(m, "abracadabra")
print(sorted(m.items()))
_count_elements(m, ["a", "z"])
print(sorted(m.items()))


class Counting(dict):
    def get(self, key, default):
        print("  get", key, default)
        return dict.get(self, key, default)

    def __setitem__(self, key, value):
        print("  set", key, value)
        dict.__setitem__(self, key, value)


cm = Counting()
_count_elements(cm, "aba")
print(cm)
err(lambda: _count_elements({}, 5))
err(lambda: _count_elements({}, [[]]))
err(lambda: _count_elements({}))
err(lambda: _count_elements(5, "a"))
dm = defaultdict(int)
_count_elements(dm, (1, 2, 1))
print(dm)
