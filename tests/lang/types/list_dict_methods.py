# list and dict: remaining methods and errors
a = [3, 1, 2]
b = a.copy()
b.clear()
print(a, b, a.index(1), [1, 2, 3] < [1, 3], [[1]] * 2)
a.sort(key=lambda v: -v)
print(a, sorted(a, reverse=True), list(reversed(a)))
try:
    a.index(9)
except ValueError as e:
    print("ValueError:", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
d = dict.fromkeys("abc", 0)
print(d, d.popitem(), d.copy(), list(reversed(d)), d | {"z": 1})
d |= {"q": 2}
print(d, len(d.keys() & {"a", "q"}), sorted(d.items() - {("a", 0)}))
print({1: "a"} == {1: "a"}, dict(zip if False else [("k", 1)]), {**d, "a": 5})
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
