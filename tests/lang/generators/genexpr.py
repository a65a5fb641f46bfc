# Generator expressions: lazy, single pass, with conditions, nesting and closures.
squares = (x * x for x in range(5))
print(type(squares).__name__, squares.__name__)
print(next(squares), list(squares), list(squares))
print(sum(x for x in range(100) if x % 3 == 0))
print(list((i, j) for i in range(3) for j in range(i)))
print(max(len(w) for w in "a bb ccc".split()))
n = 10
print(list(x + n for x in range(3)))
print(",".join(str(c) for c in (1, 2, 3)))
print(any(x > 3 for x in [1, 5]), all(x > 3 for x in [1, 5]))


def make(k):
    return (k * v for v in range(3))


print(list(make(7)))
try:
    (1 / x for x in [1, 0]).__next__()
    g = (1 / x for x in [1, 0])
    list(g)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    (x for x in 5)
except TypeError as e:
    print("TypeError:", e)
