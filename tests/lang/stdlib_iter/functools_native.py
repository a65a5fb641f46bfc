# _functools: partial (calls, flattening, repr, reduce/setstate, attributes), reduce,
# cmp_to_key and _lru_cache_wrapper (hits/misses, typed keys, keywords, bounds, binding).
from _functools import partial, reduce, cmp_to_key, _lru_cache_wrapper


def err(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("   ok", r)


def f(*args, **kw):
    return args, kw


def fix(s):
    return s.replace(hex(id(f)), "ADDR")


p = partial(f, 1, a=2)
print(p(), p(3, b=4), p(a=5))
print(fix(repr(p)), p.func is f, p.args, p.keywords)
q = partial(p, 3, b=4)
print(q.func is f, q.args, q.keywords, q(5, a=0))
print(fix(repr(partial(f))), fix(repr(partial(f, "s", k=[1]))))
red = p.__reduce__()
print(red[0].__name__, red[1][0] is f, red[2][1:])
p2 = partial(f)
p2.__setstate__((f, (9,), {"z": 1}, {"attr": 2}))
print(p2(), p2.attr, p2.__dict__)
class T(tuple):
    pass


class D(dict):
    pass


p2.__setstate__((f, T((7,)), D(q=1), None))
print(p2(), type(p2.args).__name__, type(p2.keywords).__name__, p2.__dict__)
p2.__setstate__((f, (8,), None, None))
print(p2(), p2.args, p2.keywords, p2.__dict__)
for st in [1, (1, 2, 3, 4), (f, (1,), 1, None), (f, 1, None, None), (f, (), {}), ()]:
    err(lambda: p2.__setstate__(st))
err(lambda: partial())
err(lambda: partial(1))
err(lambda: partial(f).__setattr__("func", 1))
print(partial(f, **{"x": 1})(x=2), partial(f, x=1)(), partial(len)("abc"))
p.__dict__["note"] = "n"
print(p.note, partial(p).func is p)


class P(partial):
    pass


pp = P(f, 1)
print(fix(repr(pp)), partial(pp, 2).args, type(partial(pp, 2)).__name__)


class Caller:
    def __call__(self, *a):
        return ("called", a)


print(partial(Caller(), 1)(2))


class C:
    m = partial(f, "bound?")


print(C().m(1))
rec = partial(f)
rec.__setstate__((f, (rec,), {}, None))
print(fix(repr(rec)))
import _weakref
print(_weakref.ref(p)() is p)

print("reduce")
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a + b, [], 10))
print(reduce(lambda a, b: a * b, range(1, 6), 1), reduce(lambda a, b: a + b, "abc"))
print(reduce(lambda a, b: a + b, [5]), reduce(max, iter([3, 9, 2])))
err(lambda: reduce(lambda a, b: a, []))
err(lambda: reduce())
err(lambda: reduce(1, 2))
err(lambda: reduce(lambda a, b: a + b, [1, "a"]))
err(lambda: reduce(lambda a, b: a, [], initial=1))
err(lambda: reduce(lambda a, b: a, [1], 2, 3))

print("cmp_to_key")
K = cmp_to_key(lambda a, b: (a > b) - (a < b))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)), K(1) < K(2), K(2) <= K(2), K(3) == K(3))
print(K(1) != K(1), K(5) > K(1), K(1) >= K(2), K(7).obj, type(K(1)).__name__, K.obj)
err(lambda: K(1) < 3)
err(lambda: hash(K(1)))
err(lambda: K())
err(lambda: K(1, 2))
err(lambda: cmp_to_key())
err(lambda: cmp_to_key(mycmp=1)(1) < cmp_to_key(mycmp=1)(2))
print(type(cmp_to_key(mycmp=len)).__name__)
k1 = K(1)
k1.obj = 10
print(k1.obj, K(10) == k1)

print("lru_cache")


class CacheInfo(tuple):
    def __new__(cls, hits, misses, maxsize, currsize):
        return tuple.__new__(cls, (hits, misses, maxsize, currsize))


calls = []


def sq(x, *a, **k):
    calls.append(x)
    return x * x


w = _lru_cache_wrapper(sq, 2, False, CacheInfo)
print([w(i) for i in (1, 2, 1, 3, 2, 1, 1)], calls, w.cache_info())
w.cache_clear()
print(w.cache_info(), w(4), w.cache_info())
calls.clear()
inf = _lru_cache_wrapper(sq, None, False, CacheInfo)
print([inf(i) for i in (1, 1.0, 2, 1, True)], calls, inf.cache_info())
calls.clear()
typed = _lru_cache_wrapper(sq, None, True, CacheInfo)
print([typed(i) for i in (1, 1.0, 2, 1, True)], calls, typed.cache_info())
calls.clear()
kw = _lru_cache_wrapper(sq, 10, False, CacheInfo)
print(kw(2, k=1), kw(2, k=1), kw(2, k=2), kw(2), kw(x=2), kw(2, 3), kw(2, 3), calls, kw.cache_info())
calls.clear()
zero = _lru_cache_wrapper(sq, 0, False, CacheInfo)
print(zero(3), zero(3), calls, zero.cache_info())
neg = _lru_cache_wrapper(sq, -5, False, CacheInfo)
print(neg(3), neg.cache_info())
one = _lru_cache_wrapper(sq, 1, True, CacheInfo)
print(one(2), one(2), one(3), one(2), one.cache_info())
err(lambda: _lru_cache_wrapper(sq, "a", False, CacheInfo))
err(lambda: _lru_cache_wrapper(1, 1, False, CacheInfo))
err(lambda: _lru_cache_wrapper(sq))
err(lambda: inf([1]))
err(lambda: inf(1, x=[]))
print(w.__reduce__() if hasattr(w, "__qualname__") else "noqual")
w.__qualname__ = "sq_cached"
w.__wrapped__ = sq
print(w.__reduce__(), w.__wrapped__ is sq, w.__copy__() is w, w.__deepcopy__({}) is w)


class Obj:
    meth = _lru_cache_wrapper(lambda self, x: (type(self).__name__, x), 4, False, CacheInfo)


o = Obj()
print(o.meth(1), o.meth(1), Obj.meth.cache_info(), Obj.meth(o, 1))


def boom(x):
    raise ValueError("boom %s" % x)


bw = _lru_cache_wrapper(boom, 3, False, CacheInfo)
err(lambda: bw(1))
err(lambda: bw(1))
print(bw.cache_info())
depth = []


def fib(n):
    return n if n < 2 else fcache(n - 1) + fcache(n - 2)


fcache = _lru_cache_wrapper(fib, 3, False, CacheInfo)
print(fcache(30), fcache.cache_info())

print("mutable keywords")
pk = partial(f, 1)
pk.keywords["late"] = 2
print(pk(3), pk(b=4))
pk.keywords.clear()
print(pk(5))

print("hash once")


class H:
    calls = 0

    def __init__(self, v):
        self.v = v

    def __hash__(self):
        H.calls += 1
        return hash(self.v)

    def __eq__(self, other):
        return isinstance(other, H) and self.v == other.v


one = _lru_cache_wrapper(lambda a, b: (a.v, b), 1, False, CacheInfo)
h5 = H(5)
print(one(h5, 1), H.calls, one(h5, 1), H.calls, one(6 and H(6), 2), H.calls, one(h5, 1), H.calls, one.cache_info())
