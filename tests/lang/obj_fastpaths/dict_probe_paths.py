# The dict probe paths: str keys inserted with one probe (reusing deleted slots), str keys
# equal but not identical, int keys compared without __eq__, tables with 1/2/4-byte index
# slots, and keys of other types whose hash equals a str's or an int's.
def build(keys):
    d = {}
    for i, k in enumerate(keys):
        d[k] = i
    return d


# str keys: identical, equal-but-distinct, and many (index slots wider than a byte)
names = ["k%d" % i for i in range(300)]
d = build(names)
print(len(d), d["k0"], d["k299"], d["k1" + "50"], "k300" in d, d.get("k" + "7"))
for k in names[::3]:
    del d[k]
print(len(d), list(d)[:5], "k3" in d, d.get("k4"))
for k in names[::3]:
    d[k] = -1
print(len(d), list(d)[-3:], d["k0"], sum(d.values()))
for i in range(5):
    d["k%d" % i] = i * 100
print([d["k%d" % i] for i in range(6)])

# churn: insert/delete the same keys many times (dummy slots reused, no growth)
c = {}
for r in range(50):
    for i in range(6):
        c["x%d" % i] = r
    for i in range(0, 6, 2):
        del c["x%d" % i]
print(c, len(c))

# big tables: 70000 keys need 4-byte index slots
big = {str(i): i for i in range(70000)}
print(len(big), big["69999"], big["0"], "70000" in big, sum(big[str(i)] for i in range(0, 70000, 7000)))
for i in range(0, 70000, 2):
    del big[str(i)]
big["new"] = 1
print(len(big), list(big)[:3], list(big)[-2:])

# int keys: small, large, negative, multi-digit, equal values from different objects
ints = {}
vals = [0, 1, -1, 255, 256, 2**30, 2**30 + 1, -(2**30), 2**62, 2**64 + 5, -(2**90), 10**30]
for v in vals:
    ints[v] = str(v)
print(all(ints[int(str(v))] == str(v) for v in vals), len(ints))
print(ints.get(2**64 + 5), ints.get(2**64 + 6), 10**30 in ints, -(10**30) in ints)
sq = {i: i * i for i in range(300)}
for i in range(0, 300, 2):
    del sq[i]
print(sum(sq.values()), len(sq), sq.get(299), sq.get(298))
print(ints[True], ints[1.0], ints.get(0.5), 2.0**62 in ints)


# other key types whose hash collides with str and int keys
class Same:
    def __init__(self, h, eq):
        self.h = h
        self.eq = eq

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        print("  __eq__ called")
        return self.eq


m = {"a": 1, 5: "five"}
print(m.get(Same(hash("a"), True)), m.get(Same(hash("a"), False)))
print(m.get(Same(hash(5), True)), m.get(Same(5, False)))
m[Same(hash("a"), False)] = "other"
print(len(m), m["a"])


class S(str):
    pass


class N(int):
    pass


m2 = {"k": 1, 7: 2}
print(m2[S("k")], m2[N(7)], S("k") in m2, N(8) in m2)
m2[S("k")] = 10
m2[N(7)] = 20
print(m2, [type(k).__name__ for k in m2])

# setdefault / pop / popitem / update on str tables
e = {}
print(e.setdefault("a", 1), e.setdefault("a", 2), e.pop("a"), e.pop("a", None))
e.update(("k%d" % i, i) for i in range(10))
print(e.popitem(), e.popitem(), len(e))
e.update({"k1": "one"}, k2="two")
print(e)
try:
    e["missing"]
except KeyError as exc:
    print(type(exc).__name__, exc)
try:
    del e["missing"]
except KeyError as exc:
    print(type(exc).__name__, exc)
try:
    {}[[1]] = 1
except TypeError as exc:
    print(type(exc).__name__, exc)

# int keys next to floats, bools and colliding hashes (hash(-1) == hash(-2))
mixed = {1.0: "float one", 2: "two", -1: "minus one"}
mixed[1] = "int one"
mixed[True] = "true"
mixed[-2] = "minus two"
mixed[2.0] = "float two"
print(mixed, mixed[-1], mixed[-2], mixed.get(1), mixed.get(-3))
del mixed[-1]
mixed[-1] = "back"
print(list(mixed.items()), hash(-1) == hash(-2))
churn = {}
for r in range(40):
    for i in range(8):
        churn[i * 1000 + 7] = r
    for i in range(0, 8, 2):
        del churn[i * 1000 + 7]
print(churn, len(churn))
strs = {"a": 1}
strs[5] = "five"
strs[10**20] = "big"
print(strs, strs.get(5), strs.get(10**20), 10**20 + 1 in strs)
