# group: language
# Generators, yield from and generator expressions.
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(n):
    for x in count_up(n):
        if x % 2 == 0:
            yield x


def chained(n):
    yield from evens(n)
    yield from count_up(n // 2)


total = 0
for _ in range(25):
    total += sum(chained(200_000))
    total += sum(x * 2 for x in range(50_000))
print(total)
