# dict internals visible from Python: insertion order kept across deletes and re-inserts,
# keys equal across types (1, 1.0, True) keeping the first key object, colliding hashes,
# keys whose __eq__ raises or mutates the dict, and mutation-during-iteration errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


d = {}
for k in "hello world":
    d[k] = d.get(k, 0) + 1
print(d)
del d["l"]
d["l"] = "back at the end"
d["h"] = "value replaced, position kept"
print(list(d.items()))
m = {1: "int"}
m[1.0] = "float"
m[True] = "bool"
print(m, type(list(m)[0]).__name__)


class Collide:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return 7

    def __eq__(self, o):
        return isinstance(o, Collide) and o.v == self.v

    def __repr__(self):
        return f"C{self.v}"


cd = {Collide(i): i for i in range(50)}
print(len(cd), cd[Collide(33)], Collide(50) in cd, list(cd)[:5])
for i in range(0, 50, 2):
    del cd[Collide(i)]
print(len(cd), list(cd)[:5], cd.get(Collide(1)))


class RaisingEq:
    def __hash__(self):
        return 1

    def __eq__(self, o):
        raise RuntimeError("eq raised")


r = {RaisingEq(): 1}
show("eq raises", lambda: r[RaisingEq()])
show("eq raises in", lambda: RaisingEq() in r)
show("same object no eq", lambda: [k for k in r][0] in r)
big = {i: i for i in range(100000)}
for i in range(0, 100000, 3):
    del big[i]
print(len(big), sum(big) % 1000003, list(big)[:4], list(big)[-2:])
s = {"a": 1, "b": 2}


def add_during():
    for k in s:
        s["c"] = 3


show("add during iteration", add_during)


def del_during():
    t = {1: 1, 2: 2}
    for k in t:
        del t[k]


show("delete during iteration", del_during)


def change_values():
    t = {1: 1, 2: 2}
    for k in t:
        t[k] = 0
    return t


print(change_values())
keys = [(1, 2), "s", 3.5, None, frozenset({1}), b"b", -1, 2**100]
h = {k: repr(k) for k in keys}
print([h[k] for k in keys], len(h))
print(dict.fromkeys(range(3)) == {0: None, 1: None, 2: None}, {**{1: 2}, **{1: 3}}, dict(zip("ab", "xy")))
nan = float("nan")
dn = {nan: 1}
print(dn[nan], nan in dn, float("nan") in dn, len({float("nan"): 1, float("nan"): 2}))
