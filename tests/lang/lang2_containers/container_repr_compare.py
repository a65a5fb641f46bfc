# Reprs of nested and recursive containers, deep equality, identity shortcuts in comparisons,
# containment with __eq__, and copy/deepcopy of nested structures.
import copy


class Eq:
    calls = 0
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        Eq.calls += 1
        return isinstance(o, Eq) and self.v == o.v
    __hash__ = None
    def __repr__(self):
        return f"Eq({self.v})"


a = [1, [2, [3, [4]]], (5, {"k": {6}}), {7: [8]}]
print(a, repr(a) == str(a), len(repr(a)))
r = [1]
r.append(r)
d = {"self": None}
d["self"] = d
t = (r, d)
print(r, d, t)
s = [[]] * 3
s[0].append(1)
print(s, s[0] is s[1])
print([Eq(1)] == [Eq(1)], Eq.calls, Eq(2) in [Eq(1), Eq(2)], Eq.calls)
x = Eq(3)
Eq.calls = 0
print([x] == [x], x in [x], Eq.calls, (x,) == (x,), {1: x} == {1: x}, Eq.calls)
nan = float("nan")
print([nan] == [nan], [nan] == [float("nan")], nan in [nan], {nan: 1}.get(nan), (nan,) < (nan, 1))
print([1, 2, [3]] < [1, 2, [4]], (1, "b") > (1, "a"), [[]] == [[]], [()] != [[]])
deep = {"a": [1, {"b": (2, [3])}]}
sc = copy.copy(deep)
dc = copy.deepcopy(deep)
deep["a"][1]["b"][1].append(4)
print(sc, dc, sc["a"] is deep["a"], dc["a"] is deep["a"])
cyc = [1]
cyc.append(cyc)
cc = copy.deepcopy(cyc)
print(cc[1] is cc, cc is not cyc)
print(repr("quote's"), repr('dq"'), repr("both'\""), repr(b"'"), repr(bytearray(b"\"'")))
print(repr([1.0, -0.0, 1e100, 1e-10, float("inf")]), repr({1: None, None: 1}), repr({(1,): frozenset()}))
print(repr(set()), repr(frozenset({1})), repr([set(), {()}]), repr(range(0)), repr(slice(None)))
