# Keyword arguments from ** unpacking: merging several mappings, duplicates between ** and named
# keywords (TypeError naming the function), non-mapping and non-str keys, mapping objects
# with keys()/__getitem__, and evaluation order of the pieces.
def f(*a, **k):
    return a, k
class C:
    def m(self, **k):
        return k
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))
show("dup", lambda: f(**{"a": 1}, **{"a": 2}))
show("dup named after", lambda: f(**{"a": 1}, a=2))
show("dup named before", lambda: f(a=1, **{"a": 2}))
show("ok", lambda: f(1, *[2], x=1, **{"y": 2}, z=3, **{"w": 4}))
show("method dup", lambda: C().m(**{"q": 1}, q=2))
show("non mapping", lambda: f(**[1]))
show("non mapping builtin", lambda: print(**5))
show("dict dup", lambda: dict(**{"a": 1}, **{"a": 2}))
show("non-str", lambda: f(**{1: 2}))
show("lambda dup", lambda: (lambda **k: k)(**{"x": 1}, x=3))
class M:
    def keys(self):
        return ["k", "j"]
    def __getitem__(self, key):
        return key.upper()
show("mapping obj", lambda: f(**M(), z=1))
show("mapping obj dup", lambda: f(j=0, **M()))
order = []


def v(tag):
    order.append(tag)
    return tag


show("order", lambda: (f(v(1), *[v(2)], k1=v(3), **{v("k2"): v(4)}, k3=v(5)), order)[1])
show("many", lambda: f(**{f"k{i}": i for i in range(5)}, **dict(z=0), y=1))
# a single *argument goes to the call as is: the error names the function, and it is consumed
# only after the ** arguments were evaluated
show("star int", lambda: f(*5))
show("star builtin", lambda: print(*5))
show("star method", lambda: C().m(*None))
show("star two parts", lambda: f(1, *5))
show("star gen", lambda: f(*(i for i in range(3))))
show("star type", lambda: int(*5))
show("star class", lambda: C(*5))
log = []


def g():
    log.append("gen started")
    yield 1


def kw():
    log.append("kwargs evaluated")
    return {"z": 0}


show("star order", lambda: (f(*g(), **kw()), log)[1])
