# dict.items() iteration hands the same pair tuple out again when the consumer dropped it
# (as CPython does); pairs that are kept must stay intact, reversed iteration too.
import gc

d = {str(i): i * i for i in range(20)}
kept = list(d.items())
print(kept[:3], kept[-1], len(set(kept)), len({id(p) for p in kept}))
total = 0
for k, v in d.items():
    total += v + len(k)
print(total)
seen = []
for pair in d.items():
    seen.append(pair)
print(seen[:2] == kept[:2], all(type(p) is tuple and len(p) == 2 for p in seen), seen == kept)
print(list(reversed(d.items()))[:3], [k for k, _ in reversed(d.items())][:4])
it = iter(d.items())
a = next(it)
b = next(it)
print(a, b, a is b)
del a
c = next(it)
print(b, c)


class Big:
    def __init__(self, n):
        self.n = n
        self.me = {"self": self}

    def __repr__(self):
        return "Big(%d)" % self.n


holder = {i: Big(i) for i in range(5)}
for k, v in holder.items():
    v.back = (k, v)
del v
print(sorted((k, repr(b)) for k, b in holder.items()))
holder.clear()
print(gc.collect() >= 5)
it = iter({1: 2, 3: 4}.items())
print(next(it), list(it), list(it))
dd = {"a": [1], "b": [2]}
for k, v in dd.items():
    v.append(k)
print(dd, list(dd.items()) == [("a", [1, "a"]), ("b", [2, "b"])])
try:
    for k, v in dd.items():
        dd["c"] = 1
except RuntimeError as e:
    print(type(e).__name__, e)
