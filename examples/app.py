# The README's main job: built with `pyrsc examples/app.py -o build/app` and run.
class Shape:
    def __init__(self, name):
        self.name = name

    def area(self):
        raise NotImplementedError

    def describe(self):
        return f"{self.name} with area {self.area():.2f}"


class Circle(Shape):
    def __init__(self, r):
        super().__init__("circle")
        self.r = r

    def area(self):
        return 3.141592653589793 * self.r ** 2


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


def fizzbuzz(n):
    out = []
    for i in range(1, n + 1):
        out.append("FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0
                   else "Buzz" if i % 5 == 0 else str(i))
    return " ".join(out)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fizzbuzz(15))
for shape in [Circle(1.5), Rect(2, 3.5)]:
    print(shape.describe())
print("fib(25) =", fib(25))
try:
    Shape("abstract").area()
except NotImplementedError:
    print("Shape.area is abstract")

# The standard library: CPython 3.11's own modules over pyrs's native ones.
import collections
import json
from dataclasses import dataclass


@dataclass
class Order:
    item: str
    qty: int


orders = [Order("pear", 3), Order("fig", 1), Order("pear", 2)]
totals = collections.Counter()
for o in orders:
    totals[o.item] += o.qty
print(json.dumps({"a": 1}))
print(json.dumps(dict(sorted(totals.items())), indent=None), orders[0])
