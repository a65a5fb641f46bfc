# `x in c` / `x not in c` take the container's __contains__ answer directly, and one-argument
# methods of built-in types (s.add(x), lst.append(x)) are called without the descriptor's
# vectorcall when self has the exact type: results and errors stay CPython's.
s = {1, 2, frozenset({3})}
d = {"k": 1, 2: "two"}
print(1 in s, 5 in s, 5 not in s, {3} in s, {3} not in s, "k" in d, 2 not in d, 3 in [1, 2, 3])
print(2 in d.keys(), "two" in d.values(), ("k", 1) in d.items(), "b" in "abc", 3 in range(5))
for key in ([1], {}, {1: 2}):
    try:
        print(key in s)
    except TypeError as e:
        print("TypeError", e)
try:
    print([] in d)
except TypeError as e:
    print("TypeError", e)


class C:
    def __contains__(self, x):
        return x * 2  # truthiness decides, the result is a bool


class NoContains:
    pass


print(1 in C(), 0 in C(), 0 not in C(), type(1 in C()).__name__)
try:
    print(1 in NoContains())
except TypeError as e:
    print("TypeError", e)
try:
    print(1 in 5)
except TypeError as e:
    print("TypeError", e)
hits = 0
for i in range(50):
    if i in s or i in d:
        hits += 1
    if i not in s and i not in d:
        hits += 100
print(hits)

t = set()
t.add(1)
t.add(1000)
t.discard(1)
lst = []
lst.append(t)
list.append(lst, 2)
set.add(t, 3)
print(t, lst)


class S(set):
    def add(self, x):
        print("S.add", x)
        super().add(x)


S().add(4)
for call in (lambda: set.add(frozenset(), 1), lambda: set.add(t), lambda: set.add(t, 1, 2),
             lambda: list.append([], x=1), lambda: set.add(t, []), lambda: t.add(*()),
             lambda: dict.__contains__([], 1)):
    try:
        print(call())
    except TypeError as e:
        print("TypeError", e)
print(dict.__contains__(d, "k"), {}.get(1), d.__getitem__("k"), [3, 1].index(1))
