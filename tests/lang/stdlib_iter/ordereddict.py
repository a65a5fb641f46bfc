# _collections.OrderedDict: order-keeping set/del, move_to_end, popitem(last), pop,
# setdefault, update, copy, fromkeys, views and their reversal, order-sensitive ==, |, |=,
# repr (recursive, subclass), __reduce__, and the mutation-during-iteration errors.
from _collections import OrderedDict as O


def err(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("   ok", r)


o = O(a=1, b=2)
o["c"] = 3
o["a"] = 9
print(o, list(o), list(reversed(o)), len(o), "a" in o, o["b"], o.get("zz"))
print(o.keys(), o.values(), o.items())
print(list(reversed(o.keys())), list(reversed(o.items())), list(reversed(o.values())))
print(o.keys() & {"a", "q"}, sorted(o.items() - {("a", 9)}), len(o.values()), o.keys().mapping["a"])
o.move_to_end("a")
print(o)
o.move_to_end("a", last=False)
o.move_to_end("a", False)
print(o)
print(o.popitem(), o.popitem(last=False), o)
o.update([("x", 1)], y=2)
o.update({"z": 0})
o.update(O(w=5))


class KeysOnly:
    def keys(self):
        return ["k1", "k2"]

    def __getitem__(self, key):
        return key.upper()


class ItemsOnly:
    def items(self):
        return [("i1", 1)]


o.update(KeysOnly())
o.update(ItemsOnly())
print(o)
print(o.pop("x"), o.pop("q", "dflt"), o.pop(key="y"), o.setdefault("b", 5), o.setdefault("n"), o)
del o["b"]
print(o, o.copy() == o, o.copy() is o, O.fromkeys("abc", 0), O.fromkeys(range(2)))
o.clear()
print(o, len(o), list(o))

print("compare")
print(O(a=1, b=2) == O(b=2, a=1), O(a=1, b=2) == dict(b=2, a=1), dict(b=2, a=1) == O(a=1, b=2))
print(O(a=1) != O(a=1), O(a=1, b=2) != O(b=2, a=1), O() == O(), O(a=1) == O(a=2))
err(lambda: O(a=1) < O())
err(lambda: hash(O()))

print("or")
print(O(a=1) | {"b": 2}, {"b": 1} | O(a=1), O(a=1) | O(a=2, c=3))
p = O(a=1)
p |= [("c", 3)]
p |= {"a": 0}
print(p)
err(lambda: O(a=1) | 1)
err(lambda: 1 | O(a=1))

print("repr")
r = O()
r["self"] = r
print(r, repr(O()), O([("k", O())]))


class S(O):
    pass


s = S(a=1)
s["b"] = 2
print(s, s.copy(), type(s.copy()).__name__, S(), type(S.fromkeys("x")).__name__, type(s | {}).__name__)


class Tracking(O):
    def __setitem__(self, key, value):
        print("  set", key, value)
        O.__setitem__(self, key, value)


t = Tracking([("a", 1)], b=2)
t.setdefault("c", 3)
t2 = t.copy()
print(t2)

print("reduce")
print(O(a=1).__reduce__()[:4], list(O(a=1).__reduce__()[4]))
q = O(a=1)
q.attr = 5
print(q.__reduce__()[2], q.__dict__, q.attr)
it = iter(O(a=1, b=2, c=3))
next(it)
print(it.__reduce__()[1], type(it).__name__, type(reversed(O().items())).__name__)

print("errors")
err(lambda: O([(1, 2, 3)]))
err(lambda: O([(1,)]))
err(lambda: O([()]))
err(lambda: O(1, 2))
err(lambda: O(5))
err(lambda: O().popitem())
err(lambda: O().pop(1))
err(lambda: O().move_to_end(1))
err(lambda: O(a=1).move_to_end(2))
err(lambda: O(a=1).update([("b", 2)], [3]))
err(lambda: O()[[]])
err(lambda: O().__setitem__([], 1))
err(lambda: O().__delitem__("nope"))
print(O(a=1).pop("a", default=3), O().setdefault(key=1, default=2), O(self=1), O([["k", "v"]], k2="v2"))

print("mutation")
for mut in ['o["c"] = 3', 'del o["a"]', 'o.move_to_end("a")', 'o["a"] = 5', 'dict.__setitem__(o, "z", 1)',
            'dict.__delitem__(o, "a")', 'o.popitem()', 'o.clear()']:
    o = O(a=1, b=2)
    it = iter(o)
    next(it)
    exec(mut)
    try:
        print(mut, list(it))
    except Exception as e:
        print(mut, type(e).__name__, e)
o = O(a=1, b=2)
vi = iter(o.values())
o["c"] = 1
err(lambda: next(vi))
import _weakref
w = O()
print(_weakref.ref(w)() is w)

print("merge order")
od = O(a=1, b=2, c=3)
od.move_to_end("a")
d = {}
d.update(od)


def kw(**k):
    return k


print(dict(od), {**od}, d, kw(**od), tuple(od), dict(od.items()), O(od), od | {}, {} | od)

print("dict.__new__")
nd = dict.__new__(O)
print(type(nd).__name__, nd, len(nd), list(nd), nd == O())
nd["x"] = 1
nd["y"] = 2
nd.move_to_end("x")
print(nd, list(reversed(nd)), O.__new__(O))
