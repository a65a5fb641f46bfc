# group: language
# Calls with positional, keyword, default and *args arguments.
def add(a, b):
    return a + b


def with_default(a, b=2, *, c=3):
    return a * b + c


def star(*args):
    return len(args)


def run(n):
    total = 0
    for i in range(n):
        total += add(i, 1)
        total += with_default(i, c=1)
        total += star(i, i, i)
        total &= 0xFFFFFFFF
    return total


print(run(3_500_000))
