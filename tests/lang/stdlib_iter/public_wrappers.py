# The public modules over the native accelerators: collections (namedtuple through
# _tuplegetter, Counter through _count_elements, OrderedDict, deque, defaultdict), functools
# (lru_cache through _lru_cache_wrapper, partial, reduce, cmp_to_key, wraps, total_ordering),
# operator, heapq (nlargest, nsmallest, merge over the _heapq helpers) and bisect.
import bisect
import collections
import collections.abc
import functools
import heapq
import itertools
import operator

Point = collections.namedtuple("Point", "x y", defaults=[0])
p = Point(3)
print(p, p.x, p.y, p._asdict(), p._replace(y=5), Point._fields, Point.x.__doc__)
print(type(Point.__dict__["x"]).__name__, Point._make([1, 2]), p == (3, 0))
try:
    p.x = 1
except AttributeError as e:
    print("AttributeError", e)

c = collections.Counter("abracadabra")
print(c.most_common(3), c["a"], c["zz"], sorted(c.elements())[:5], sum(c.values()))
c.update("aaz")
c.subtract({"a": 10})
print(sorted(c.items()), +c, c & collections.Counter("aab"), collections.Counter(a=2) | collections.Counter(a=1, b=1))

od = collections.OrderedDict.fromkeys("xyz")
od.move_to_end("x")
print(od, list(od.items()), od.popitem(last=False), isinstance(od, dict))
dq = collections.deque(range(5), maxlen=4)
dq.rotate(1)
print(dq, isinstance(dq, collections.abc.MutableSequence), list(reversed(dq)))
dd = collections.defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    dd[k].append(v)
print(dd, dict(dd))
print(issubclass(collections.OrderedDict, collections.abc.MutableMapping))


@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info(), fib.__name__, fib.__wrapped__.__name__, fib.cache_parameters())
fib.cache_clear()
print(fib.cache_info())


@functools.lru_cache(maxsize=2, typed=True)
def ident(x, *, k=0):
    return (x, k)


print([ident(a) for a in (1, 1.0, 1, 2, 3, 1)], ident(1, k=2), ident.cache_info())


@functools.cache
def sq(x):
    return x * x


print(sq(4), sq(4), sq.cache_info())


class Widget:
    @functools.lru_cache(maxsize=8)
    def area(self, scale):
        return 10 * scale

    @functools.cached_property
    def name(self):
        print("  computing name")
        return "widget"


w = Widget()
print(w.area(2), w.area(2), Widget.area.cache_info().hits, w.name, w.name)

p2 = functools.partial(int, base=2)
print(p2("1011"), p2.func, p2.keywords, functools.reduce(operator.mul, range(1, 7)))
print(sorted(["b", "A", "c"], key=functools.cmp_to_key(lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))))


@functools.total_ordering
class V:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return self.v == other.v

    def __lt__(self, other):
        return self.v < other.v


print(V(1) <= V(2), V(3) >= V(2), V(1) > V(1))


def deco(f):
    @functools.wraps(f)
    def inner(*a):
        return f(*a)
    return inner


@deco
def documented():
    "the doc"


print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__)
pm = functools.partialmethod(lambda self, a, b: (a, b), 1)


class PM:
    m = pm


print(PM().m(2))

print(operator.itemgetter(1)("ab"), operator.attrgetter("real")(3), operator.methodcaller("upper")("q"))
print(operator.add(2, 3), operator.concat([1], [2]), operator.index(5), operator.length_hint([1, 2]))
print(sorted([(1, "b"), (2, "a")], key=operator.itemgetter(1)), operator.__all__[:5])

data = [5, 1, 8, 3, 9, 2]
print(heapq.nlargest(3, data), heapq.nsmallest(2, data), list(heapq.merge([1, 4, 7], [2, 5], [3])))
print(heapq.nlargest(2, data, key=lambda x: -x), list(heapq.merge([3, 1], [2], key=lambda x: -x, reverse=True)))
h = []
for x in data:
    heapq.heappush(h, x)
print([heapq.heappop(h) for _ in range(len(data))])

s = [1, 3, 5]
bisect.insort(s, 4)
print(s, bisect.bisect(s, 3), bisect.bisect_left(s, 3), bisect.bisect_right(s, 3))

print(list(itertools.batched("abc", 2)) if hasattr(itertools, "batched") else "no batched")
print(list(itertools.chain.from_iterable(itertools.repeat("ab", 2))), list(itertools.accumulate(range(5), operator.mul, initial=1)))
print([(k, len(list(g))) for k, g in itertools.groupby(sorted("mississippi"))])
print(itertools.chain[int], collections.deque[int], collections.defaultdict[str, list])
print(collections.OrderedDict[str, int], functools.partial[int], type(itertools.chain[int]).__name__)
print(operator.methodcaller("f", 1, k=2).__reduce__())

import inspect
import _bisect
import _heapq
import _operator
for f in (itertools.accumulate, itertools.count, itertools.tee, itertools.chain.from_iterable,
          itertools.permutations, itertools.pairwise, itertools.groupby,
          collections.OrderedDict.move_to_end, collections.OrderedDict.fromkeys, _heapq.heappush,
          _bisect.bisect_left, _operator.add, _operator.length_hint, _operator.call, operator.setitem):
    print(f.__qualname__, inspect.signature(f))
