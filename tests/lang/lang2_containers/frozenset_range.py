# frozenset (hashing, immutability, mixed results) and range (every method and attribute,
# slicing, containment fast paths, huge ranges, errors).
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


f = frozenset([3, 1, 2])
g = frozenset("ab")
print(sorted(f), len(f), 2 in f, hash(f) == hash(frozenset([1, 2, 3])), f == {1, 2, 3})
print(type(f | {4}).__name__, type({4} | f).__name__, type(f & {1}).__name__, type({1} - f).__name__)
print(sorted(f.union([9])), sorted(f.intersection([1, 5])), sorted(f.difference([1])),
      sorted(f.symmetric_difference([1, 7])), f.issubset(range(5)), f.isdisjoint(g), f.copy() is f)
print({f: "frozen key"}[frozenset({1, 2, 3})], frozenset() == frozenset([]), frozenset() is frozenset())
show("add", lambda: f.add(1))
show("hash of set inside", lambda: frozenset([{1}]))
show("frozenset int", lambda: frozenset(1))
class FS(frozenset):
    pass
x = FS([1])
print(type(x).__name__, type(x | {2}).__name__, repr(x), repr(frozenset()), repr(FS()))
r = range(3, 30, 4)
print(r, len(r), r[0], r[-1], r[2:5], r[::-1], r[::2], list(r[1:-1:3]), r.start, r.stop, r.step)
print(7 in r, 8 in r, 7.0 in r, "7" in r, r.index(11), r.count(11), r.count(12), r.count(11.0))
print(range(0) == range(5, 5), range(0, 10, 2) == range(0, 9, 2), range(1) != range(2), hash(range(0)) == hash(range(3, 3)))
print(list(range(5, 0, -2)), list(range(-3)), list(range(0, -5, -1)), list(reversed(range(1, 10, 3))))
huge = range(-10**30, 10**30, 7)
print(len(range(10**18)), huge[10**25], 10**20 in huge, huge.index(-10**30 + 7 * 5), huge[-1])
show("len huge", lambda: len(huge))
show("range step 0", lambda: range(1, 2, 0))
show("range float", lambda: range(1.5))
show("range str", lambda: range("1"))
show("range none", lambda: range(None))
show("range no args", lambda: range())
show("range four", lambda: range(1, 2, 3, 4))
show("index missing", lambda: range(5).index(7))
show("index str", lambda: range(5).index("a"))
show("getitem out", lambda: range(5)[5])
show("getitem float", lambda: range(5)[1.0])
show("range kw", lambda: range(stop=3))
show("range compare", lambda: range(3) < range(4))
show("setitem", lambda: range(3).__setitem__(0, 1))
class I:
    def __index__(self):
        return 4
print(list(range(I())), range(I())[I() - 1] if False else range(10)[I()], range(0, 20, I()))
it = iter(range(3))
print(next(it), list(it), list(it), type(iter(range(10**20))).__name__)
print(range(2, 11, 3) == range(2, 12, 3), sum(range(100)), max(range(7)), sorted(range(3), reverse=True))
