# for loops over range and list iterators (the VM's fast paths): values, reuse of the loop
# variable's int when nothing else holds it, mutation during iteration, shared iterators.
import sys


def collect(r):
    out = []
    for i in r:
        out.append(i)
    return out


print(collect(range(5)), collect(range(10, 0, -3)), collect(range(0)), collect(range(-5, 5, 4)))
print(collect(range(2**40, 2**40 + 3)), collect(range(sys.maxsize - 2, sys.maxsize)))
print(collect(range(2**70, 2**70 + 2)), collect(range(-2**63, -2**63 + 2)))

big = range(1000, 1006)
kept = []
for i in big:
    j = i          # a second reference: the next value must be a new object
    kept.append(j)
print(kept, i)


def reuse(n):
    total = 0
    last = None
    for i in range(300, 300 + n):
        total += i
        if i == 300 + n // 2:
            last = i
    return total, last, i


print(reuse(10))


def closures():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    gs = []
    for k in range(3):
        gs.append(lambda k=k: k)
    return [f() for f in fs], [g() for g in gs]


print(closures())


def with_del():
    seen = []
    for i in range(1000, 1003):
        seen.append(i * 2)
        del i
    try:
        print(i)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    return seen


print(with_del())


def mutate():
    lst = [1, 2, 3]
    out = []
    for x in lst:
        out.append(x)
        if x == 2:
            lst.append(4)
        if len(out) > 10:
            break
    lst2 = [1, 2, 3, 4, 5]
    out2 = []
    for x in lst2:
        out2.append(x)
        lst2.remove(x)
    return out, lst, out2, lst2


print(mutate())

it = iter([1, 2, 3, 4, 5])
for a in it:
    if a == 2:
        break
print(a, [b for b in it], list(it))

ri = iter(range(5))
for a in ri:
    if a == 1:
        break
print(a, list(ri))


def nested(n):
    acc = 0
    for i in range(n):
        for j in range(i):
            for k in [i, j, 7]:
                acc += (i ^ j) & k
    return acc


print(nested(30))


def gen(n):
    for i in range(n):
        yield i * i
    for x in ["a", "b"]:
        yield x


print(list(gen(4)))


def snapshot():
    out = []
    for i in range(500, 503):
        out.append(sorted(locals().items(), key=lambda kv: kv[0])[0])
    return out


print(snapshot())


class Obj:
    def __init__(self, v):
        self.v = v


objs = [Obj(i) for i in range(4)]
for o in objs:
    o.v += 10
print([o.v for o in objs])

for q in range(3):
    pass
print(q)
for q in []:
    pass
print(q)
total = 0
for n in range(100000, 100005):
    total += n
print(total, n)
