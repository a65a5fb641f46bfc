# set: every method and operator (with iterables vs sets), in-place forms, comparisons, errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


def s(x):
    return sorted(x, key=repr)


a = {1, 2, 3, 4}
b = {3, 4, 5}
print(s(a | b), s(a & b), s(a - b), s(a ^ b), s(b - a))
print(s(a.union(b, [9], "xy")), s(a.intersection(b, range(4))), s(a.difference([1], (2,))),
      s(a.symmetric_difference(range(3))), s(a.union()), s(a.intersection()))
print(a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint("abc"), a <= a, a < a, a >= b, a > {1})
c = set(a)
c.add(10)
c.discard(1)
c.discard(100)
c.remove(2)
c.update([20, 21], {22})
c.intersection_update(range(30))
c.difference_update([3])
c.symmetric_difference_update({4, 40})
print(s(c), len(c), c.pop() in range(100), len(c))
d = {1, 2}
d |= {3}
d &= {1, 3, 5}
d -= {5}
d ^= {7}
print(s(d), s(d.copy()), d.copy() is not d)
d.clear()
print(d, set(), set("aab") == {"a", "b"}, {1, 1.0, True}, {0, False, 0.0, -0.0})
show("remove missing", lambda: set().remove(1))
show("pop empty", lambda: set().pop())
show("add unhashable", lambda: set().add([]))
show("or list", lambda: {1} | [2])
show("and list", lambda: {1} & [1])
show("sub tuple", lambda: {1} - (1,))
show("ior list", lambda: {1}.__ior__([2]))
show("lt list", lambda: {1} < [1, 2])
show("union int", lambda: {1}.union(5))
show("issubset int", lambda: {1}.issubset(3))
show("update unhashable", lambda: {1}.update([[1]]))
show("discard unhashable", lambda: {1}.discard([1]))
show("contains unhashable", lambda: [1] in {1})
show("contains set", lambda: {1} in {frozenset({1})})
show("remove set", lambda: {frozenset()}.remove(set()))
show("set kw", lambda: set(iterable=[1]))
show("set two", lambda: set([1], [2]))
e = {1, 2, 3}
def mutate():
    for x in e:
        e.add(x + 10)
show("changed during iteration", mutate)
class H:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v % 3
    def __eq__(self, o):
        return isinstance(o, H) and o.v == self.v
    def __repr__(self):
        return f"H{self.v}"
hs = {H(i) for i in range(9)}
print(len(hs), H(4) in hs, H(10) in hs, s(hs - {H(1), H(2)}))
r = set()
r.add(r.__class__)
print(r, {(): 1}.keys() & {()})
big = set(range(0, 10000, 3)) & set(range(0, 10000, 5))
print(len(big), min(big), max(big), sum(big))
print({1, 2} == frozenset({1, 2}), {1, 2} != {2, 1}, {1} < {1, 2} < {1, 2, 3})
