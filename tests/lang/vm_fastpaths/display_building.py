# Tuple and list displays take their temporaries over, list comprehensions append in place
# while there is room, and dict/set comprehensions resize as they grow: contents, order and
# the moment objects die match CPython.
class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)

    def __repr__(self):
        return self.name


def make(n):
    return D(n)


t = (make("a"), make("b"), 3)
print(t)
del t
print("after tuple")
lst = [make("c"), [make("d")], make("e")]
print(lst)
lst = None
print("after list")
x = [(i, i * i) for i in range(5)]
print(x, [(a, b) for a, b in x if a % 2], [[i] * 2 for i in range(3)])
big = [i for i in range(1000) if i % 7 == 3]
print(len(big), big[:3], big[-3:], sum(big))
nested = [(a, b) for a in range(6) for b in range(a)]
print(len(nested), nested[-4:])
grow = {i: str(i) for i in range(2000)}
print(len(grow), list(grow)[:3], list(grow)[-2:], grow[1999])
keys = {x * x: x for x in range(-50, 50)}
print(len(keys), list(keys.items())[:4])
mixed = {v for v in [1, 1.0, 2, 2.0, True, 3.5, 0, 0.0, False]}
print(mixed, sorted(mixed))
mixd = {k: type(k).__name__ for k in [1, 1.0, True, 2.0, 2]}
print(mixd)
print([make(s).name for s in "fg"])
print("end")
