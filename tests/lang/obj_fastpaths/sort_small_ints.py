# list.sort and sorted() on lists of small exact ints (the packed-key path), checked against a
# plain insertion sort, with stability of equal values seen through object identity.
import random

random.seed(7)


def reference(xs, reverse=False):
    out = []
    for x in xs:
        i = len(out)
        while i > 0 and ((out[i - 1] < x) if reverse else (x < out[i - 1])):
            i -= 1
        out.insert(i, x)
    return out


for n in [0, 1, 2, 3, 5, 16, 17, 33, 100, 400]:
    for trial in range(4):
        if trial == 0:
            lst = [random.randint(-(2 ** 30) + 1, 2 ** 30 - 1) for _ in range(n)]
        elif trial == 1:
            lst = [random.randint(-5, 5) for _ in range(n)]
        elif trial == 2:
            lst = [(i * 7919) % 1000 for i in range(n)]
        else:
            lst = list(range(n, 0, -1))
        a = sorted(lst)
        b = sorted(lst, reverse=True)
        c = sorted(lst, key=lambda x: -x)
        assert a == reference(lst) and b == reference(lst, True), (n, trial)
        l2 = lst[:]
        l2.sort()
        print(n, trial, a == l2, a[:4], b[:3], c[:3], sum(a[::7]))

# equal values stay in their original order (distinct int objects above the small-int cache)
xs = [int(s) for s in "1000 1000 999 1000 -3 999 -3".split()]
ids = [id(x) for x in xs]
print([ids.index(id(y)) for y in sorted(xs)], [ids.index(id(y)) for y in sorted(xs, reverse=True)])
print([ids.index(id(y)) for y in sorted(xs, key=lambda v: v % 7)])
print(sorted([3, True, 2, False, -1]), sorted([2 ** 30, 5, -3]), sorted([1.5, 2, -1]))
print(sorted([2 ** 29, -(2 ** 29), 0, 2 ** 30 - 1, -(2 ** 30) + 1]))
