# dict views: keys/items set operations, membership, len, reversed, mapping attribute, repr,
# live updates, and comparisons with sets.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


d = {"a": 1, "b": 2, "c": 3}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i, len(k), len(v), len(i))
print("a" in k, "z" in k, 1 in v, ("a", 1) in i, ("a", 2) in i, ["a", 1] in i)
print(sorted(k & {"a", "z"}), sorted(k | {"z"}), sorted(k - {"a"}), sorted(k ^ {"a", "q"}))
print(sorted(i & {("a", 1), ("b", 9)}), sorted(i - {("c", 3)}), sorted(i | {("q", 0)}, key=str))
print(k == {"a", "b", "c"}, k <= {"a", "b", "c", "d"}, k < {"a", "b", "c"}, k >= {"a"}, k.isdisjoint({"x"}))
print(i == {("a", 1), ("b", 2), ("c", 3)}, k != ["a", "b", "c"], list(reversed(k)), list(reversed(i)))
print(k.mapping, k.mapping is not d, k.mapping == d, type(k).__name__, type(v).__name__, type(i).__name__)
d["d"] = 4
del d["a"]
print(list(k), list(v), list(i))
show("values eq", lambda: (v == v, d.values() == d.values()))
show("values set op", lambda: v & {1})
show("unhashable in keys", lambda: [] in k)
show("unhashable in items", lambda: ("a", []) in i)
show("items with unhashable", lambda: {("a", [])} )
show("keys and list", lambda: sorted(k & ["b", "x"]))
show("keys sub list", lambda: sorted(k - ["b"]))
show("reversed values", lambda: list(reversed(v)))
show("view index", lambda: k[0])
show("mapping readonly", lambda: setattr(k, "mapping", {}))
e = {}
print(e.keys(), e.values(), e.items(), e.keys() == set(), not e.items())
from collections import OrderedDict
od = OrderedDict(a=1)
print(od.keys() == {"a"}, {"a": 1}.items() == od.items())
big = {i: i * i for i in range(1000)}
print(sum(big.values()), len(big.keys() & set(range(500, 1500))), max(big.items()))
