# sets and tuples
s = {3, 1, 2}
s.add(4)
s.discard(1)
print(sorted(s), 2 in s, len(s), sorted(s | {9}), sorted(s & {2, 3}), sorted(s - {2}))
print(sorted({x % 3 for x in range(10)}), frozenset([1, 1]) == frozenset([1]))
t = (1, "two", 3.0)
print(t, t[1], t[-1], len(t), t + (4,), t * 2, t.index("two"), (1,), ())
a, b, c = t
print(a, b, c, tuple([1, 2]), hash((1, 2)) == hash((1, 2)))
print({1, 2, 3} == {3, 2, 1}, set(), sorted(set("mississippi")))
