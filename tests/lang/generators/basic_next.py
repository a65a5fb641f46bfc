# Generator functions: next(), exhaustion, StopIteration, and iteration protocols.
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


g = count(3)
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("exhausted", e.value, e.args)
print(next(g, "default"))
print(list(count(5)), sum(count(101)), tuple(count(2)))
for v in count(2):
    print("for", v)
print(iter(g) is g, type(g).__name__)
a, b, *rest = count(5)
print(a, b, rest)
print(dict(zip("abc", count(3))) if False else sorted(count(4), reverse=True))


def nested():
    for i in count(3):
        for j in count(i):
            yield i, j


print(list(nested()))
