# sum() keeps int and float totals in C while the items allow it; every switch between
# the fast loops and the generic one must give what repeated + gives.
import sys


class MyInt(int):
    def __radd__(self, other):
        return ("radd", other)


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Num(self.v + (other.v if isinstance(other, Num) else other))

    def __radd__(self, other):
        return Num(other + self.v)

    def __repr__(self):
        return f"Num({self.v})"


def gen(*items):
    yield from items


print(sum(range(100)))
print(sum([True, False, True, 3]))
print(sum(gen(sys.maxsize, 1)))
print(sum([sys.maxsize, sys.maxsize, -sys.maxsize]))
print(sum([-sys.maxsize - 1, -1]))
print(sum([2**100, 1, 2]))
print(sum([1, 2**100, 1], -2**100))
print(sum([1, 2, 0.5, 3]))
print(sum([0.1] * 10))
print(sum([0.5, 2**70, 1]))
print(sum([1.5, True, 2]))
print(sum([1, MyInt(5)]))
print(sum([1, 2, Num(3), 4]))
print(sum([1.0, Num(3), 4]))
print(sum([], 7), sum([], 2.5), sum([], Num(1)))
print(sum([[1], [2]], []))
print(sum(gen((1,), (2, 3)), ()))
print(sum([1, 2], start=10), sum(gen(1.5, 2), start=1))
print(sum([float("inf"), 1, float("-inf")]))
print(sum([1e308, 1e308]), sum([-0.0, -0.0]), sum([-0.0], -0.0))
print(sum([complex(1, 2), 3]))
for bad in ([1, "a"], [1.5, "a"], ["a"], [2**80, None]):
    try:
        print(sum(bad))
    except TypeError as e:
        print("TypeError:", e)


def failing():
    yield 1
    yield 2.5
    raise ValueError("midway")


try:
    sum(failing())
except ValueError as e:
    print("ValueError:", e)
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
