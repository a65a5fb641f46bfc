# sorted/list.sort: stability, key functions, reverse stability, exceptions from keys and
# comparisons, __lt__-only ordering, and min/max with key/default.
from functools import cmp_to_key


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


people = [("ann", 30), ("bob", 25), ("cy", 30), ("dee", 25), ("eve", 35), ("fay", 30)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(sorted("The quick Brown fox".split(), key=str.casefold))
print(sorted([3, 1, 2], reverse=True), sorted(()), sorted("cba"), sorted({3: 1, 1: 2}))
print(sorted([1.5, 1, True, 0.5, False]), sorted([[2, 1], [1, 9], [1, 2, 3]]))
class V:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return f"V{self.v}"
print(sorted([V(3), V(1), V(2)]), max([V(3), V(5)], key=lambda x: x.v), min(V(2), V(1)))
print(sorted([5, 2, 9], key=cmp_to_key(lambda a, b: b - a)))
print(min([], default="empty"), max([1], default=0), min("hello", key=ord), max([-3, 2], key=abs))
print(max(1, 2, 3, key=lambda x: -x), min([(1, "b"), (1, "a")]), max({"a": 1, "b": 0}, key={"a": 1, "b": 0}.get))
show("mixed", lambda: sorted([1, "a"]))
show("none", lambda: sorted([None, None]))
show("key raises", lambda: sorted([1, 2], key=lambda x: 1 / 0))
show("key wrong arity", lambda: sorted([1, 2], key=lambda: 0))
show("sorted positional", lambda: sorted([1], None))
show("sorted no arg", lambda: sorted())
show("max empty", lambda: max([]))
show("min empty", lambda: min(()))
show("max no args", lambda: max())
show("max default with args", lambda: max(1, 2, default=0))
show("min bad kw", lambda: min([1], foo=1))
show("max int", lambda: max(5))
class Bad:
    def __lt__(self, o):
        raise RuntimeError("no order")
show("lt raises", lambda: sorted([Bad(), Bad()]))
data = [(i * 7919) % 1000 for i in range(2000)]
s1 = sorted(data)
print(s1[:10], s1[-5:], s1 == sorted(data, reverse=True)[::-1], len(s1))
records = [(i % 7, i) for i in range(50)]
print(sorted(records, key=lambda r: r[0])[:12])
lst = list(range(20))
lst.sort(key=lambda x: x % 3, reverse=True)
print(lst)
