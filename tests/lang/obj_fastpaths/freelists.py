# Objects recycled through free lists (tuples, dicts, small ints, floats) behave as new ones:
# contents, identity, hashing, cycles through the collector, and weak references.
import gc
import weakref

gc.collect()
tuples = [tuple(range(n)) for n in range(25) for _ in range(3)]
del tuples
made = []
for n in range(25):
    t = tuple(range(n))
    made.append(t)
    assert len(t) == n and list(t) == list(range(n)), n
print([len(t) for t in made][:25], hash(made[3]) == hash((0, 1, 2)), made[0] == ())

pairs = [(i, str(i)) for i in range(1000)]
print(sum(a for a, _ in pairs), pairs[500], len({p for p in pairs}))


class Node:
    def __init__(self, name):
        self.name = name
        self.link = None


def make_cycles(k):
    out = []
    for i in range(k):
        a, b = Node("a%d" % i), Node("b%d" % i)
        a.link = (b, {"peer": a})
        b.link = {"t": (a, b), "i": i}
        out.append(weakref.ref(a))
    return out


refs = make_cycles(200)
print(gc.collect() > 0, sum(r() is None for r in refs))

dicts = []
for i in range(300):
    d = {"k": i, i: "v"}
    if i % 2:
        del d["k"]
    dicts.append(d)
del dicts
fresh = [dict() for _ in range(100)]
print(all(len(d) == 0 for d in fresh), fresh[0] == {}, list(fresh[1].items()))
fresh[0]["x"] = 1
print(fresh[0], fresh[1], {1: 2}.copy(), dict(a=1, b=2), dict.fromkeys("ab"))
d = {}
for i in range(100):
    d[str(i)] = i
    if i % 3 == 0:
        del d[str(i)]
print(len(d), list(d)[:5], d.get("50"), sum(d.values()))

vals = []
for i in range(5000):
    x = i * 3 - 7000
    y = x * 1000003
    vals.append((x, y % 65537, -y // 7))
print(vals[0], vals[2500], vals[-1], sum(v[0] for v in vals))
floats = [i / 7 for i in range(2000)]
print(floats[1], floats[-1], sum(floats), [f for f in floats[:3]])
ints = list(range(-10, 300, 13))
print(ints, [i is j for i, j in zip(ints, list(range(-10, 300, 13)))][:3])
print(1000 + 1 == 1001, (10 ** 9 + 7) * 3, -(2 ** 31) - 1, [2 ** k - 1 for k in (29, 30, 31, 59, 60, 61)])
