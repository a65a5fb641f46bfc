# dict: every method (get/setdefault/pop/popitem/update/fromkeys/copy/clear), views, | and |=,
# ordering, __missing__, and error messages.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


d = {"b": 2, "a": 1}
d["c"] = 3
d[1] = "one"
d[1.0] = "float one"
d[True] = "true"
print(d, len(d), list(d), list(d.values()), list(d.items()))
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("a", 100), d.setdefault("n"), d)
print(d.pop("n"), d.pop("zz", "dflt"), d.popitem(), d)
d.update({"x": 9}, y=10)
d.update([("z", 11), ("a", -1)])
d.update(w=0)
print(d)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], []), dict.fromkeys(range(0), 1))
e = d.copy()
e.clear()
print(e, d == d.copy(), d is not d.copy())
show("pop missing", lambda: {}.pop("k"))
show("popitem empty", lambda: {}.popitem())
show("getitem missing", lambda: {}["k"])
show("getitem tuple key", lambda: {}[(1, 2)])
show("unhashable key", lambda: {[1]: 2})
show("unhashable get", lambda: {}.get([]))
show("update bad seq", lambda: {}.update([1]))
show("update bad len", lambda: {}.update([(1, 2, 3)]))
show("update int", lambda: {}.update(5))
show("dict seq", lambda: dict([(1, 2), "ab"]))
show("dict bad seq", lambda: dict(["abc"]))
show("dict kw", lambda: dict({"a": 1}, b=2, a=3))
show("dict two args", lambda: dict({}, {}))
show("fromkeys non-iter", lambda: dict.fromkeys(5))
show("get no args", lambda: {}.get())
class M(dict):
    def __missing__(self, k):
        return k * 2
m = M(a=1)
print(m["a"], m["zz"], m.get("zz"), "zz" in m, len(m))
print({"a": 1} | {"b": 2}, {"a": 1} | {"a": 3})
u = {"a": 1}
u |= [("b", 2)]
u |= {"c": 3}
print(u)
show("or list", lambda: {} | [])
show("ior int", lambda: u.__ior__(5))
ks = {1: "a", 2: "b", 3: "c"}
del ks[2]
ks[2] = "B"
ks[0] = "z"
print(list(ks), list(reversed(ks)), list(reversed(ks.values())), list(reversed(ks.items())))
it = iter(ks)
next(it)
ks["new"] = 1
show("changed size", lambda: next(it))
show("del missing", lambda: ks.__delitem__("missing"))
print({1: 2} == {1.0: 2}, {1: 2} != {1: 3}, {"a": 1, "b": 2} == {"b": 2, "a": 1})
show("dict lt", lambda: {} < {})
nested = {"k": {"k2": [1, {"k3": None}]}}
nested["self"] = nested
print(nested, str(nested)[:20])
