# Instance __dict__s of one class share their keys table (split dicts): every dict
# operation on them must behave exactly like on a plain dict, including after the sharing
# stops (deletion, out-of-order insertion, non-str keys, too many names).
import copy
import gc
import pickle
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Rec:
    pass


def show(label, d):
    print(label, d, len(d), list(d), list(d.values()), list(d.items()))


pts = [Point(i, i * 2) for i in range(5)]
for p in pts:
    show("point", p.__dict__)

# a later attribute added to one instance only
pts[1].z = "zed"
show("p1", pts[1].__dict__)
show("p2", pts[2].__dict__)
print(hasattr(pts[2], "z"), getattr(pts[2], "z", "none"))
pts[3].z = 33
show("p3", pts[3].__dict__)

# the same names in another order: insertion order is kept per instance
r1 = Rec()
r1.a, r1.b, r1.c = 1, 2, 3
r2 = Rec()
r2.c, r2.a, r2.b = 30, 10, 20
r3 = Rec()
r3.b = 200
r3.a = 100
show("r1", r1.__dict__)
show("r2", r2.__dict__)
show("r3", r3.__dict__)
print(r1.__dict__ == {"a": 1, "b": 2, "c": 3}, r2.__dict__ == {"a": 10, "b": 20, "c": 30})
print(r1.__dict__ == r2.__dict__, dict(r1.__dict__) == r1.__dict__)

# deletions
r4 = Rec()
r4.a, r4.b, r4.c = "A", "B", "C"
del r4.b
show("r4", r4.__dict__)
r4.b = "B2"
show("r4 again", r4.__dict__)
try:
    del r4.nope
except AttributeError as e:
    print(type(e).__name__, e)
print(r4.__dict__.pop("a"), r4.__dict__.pop("a", "gone"))
try:
    r4.__dict__.pop("a")
except KeyError as e:
    print(type(e).__name__, e)
show("r4 after pop", r4.__dict__)

# methods on a shared dict
r5 = Rec()
r5.a, r5.b = 5, 6
d = r5.__dict__
print(d.get("a"), d.get("zz"), d.get("zz", 0), "a" in d, "zz" in d)
print(d.setdefault("b", 99), d.setdefault("c", 7))
show("r5", d)
print(d.popitem(), d.popitem())
show("r5 popped", d)
d.update(x=1, y=2)
show("r5 updated", d)
print(r5.x, r5.y)
d.clear()
show("r5 cleared", d)
try:
    r5.a
except AttributeError as e:
    print(type(e).__name__, e)
r5.a = "again"
show("r5 refilled", r5.__dict__)

# non-str keys make the dict a plain one
r6 = Rec()
r6.a = 1
r6.__dict__[7] = "seven"
r6.__dict__[(1, 2)] = "tuple"
r6.b = 2
show("r6", r6.__dict__)
print(r6.a, r6.b, r6.__dict__[7])

# copies, views, reversed, iteration
r7 = Rec()
r7.p, r7.q, r7.r = 1, 2, 3
c = r7.__dict__.copy()
c["p"] = 100
show("copy", c)
show("orig", r7.__dict__)
print(list(reversed(r7.__dict__)), list(reversed(r7.__dict__.items())))
print(r7.__dict__.keys() & {"p", "zz"}, sorted(r7.__dict__.keys() | {"s"}))
print(vars(r7), sorted(dir(r7))[-3:])
print(copy.copy(r7).__dict__, copy.deepcopy(r7).__dict__)
print(pickle.loads(pickle.dumps(r7)).__dict__)
try:
    for k in r7.__dict__:
        r7.new_attr = 1
except RuntimeError as e:
    print(type(e).__name__, e)
print(r7.__dict__)
it = iter(r7.__dict__)
print(next(it))
r7.p = "changed value only"
print(list(it))
print(dict(r7.__dict__, extra=1))
print({**r7.__dict__})
print(r7.__dict__ | {"p": 0}, {"p": 0} | r7.__dict__)

# many attributes: more names than one shared table holds
class Wide:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "attr%d" % i, i)


w1 = Wide(40)
w2 = Wide(40)
print(len(w1.__dict__), w1.attr0, w1.attr39, w2.attr25, list(w2.__dict__)[-3:])
print(w1.__dict__ == w2.__dict__)
w3 = Wide(3)
print(w3.__dict__)

# replacing and deleting __dict__
r8 = Rec()
r8.a = 1
r8.__dict__ = {"b": 2}
print(r8.__dict__, r8.b, hasattr(r8, "a"))
del r8.__dict__
print(r8.__dict__)
r8.c = 3
print(r8.__dict__)

# subclasses, slots with __dict__, and classes defined many times
class Base:
    def __init__(self):
        self.base = "b"


class Sub(Base):
    def __init__(self):
        super().__init__()
        self.sub = "s"


class Slotted:
    __slots__ = ("s", "__dict__")

    def __init__(self):
        self.s = "slot"
        self.d = "dict"


print(Base().__dict__, Sub().__dict__, Sub().__dict__)
o = Slotted()
print(o.s, o.d, o.__dict__)
for n in range(3):
    class Temp:
        def __init__(self, v):
            self.v = v
            self.w = v + 1

    objs = [Temp(n * 10 + i) for i in range(3)]
    print([o.__dict__ for o in objs])
    del Temp, objs
gc.collect()

# exceptions with attributes, modules, functions
class MyError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code


e1 = MyError("bad", 3)
e2 = MyError("worse", 4)
print(e1.__dict__, e2.__dict__, e1.args, e2.code)


def f():
    pass


f.attr = 1
print(f.__dict__)

# sizes as CPython reports them for a class's instance dicts
class Sized:
    pass


a = Sized()
a.x = 1
a.y = 2
print(sys.getsizeof(a.__dict__) > sys.getsizeof({}))
print(a.__dict__.__sizeof__() >= 48)

# equality and hashing of keys across instances
class K:
    pass


k1, k2 = K(), K()
k1.name = "same"
k2.name = "same"
print(k1.__dict__ == k2.__dict__, k1.__dict__ != k2.__dict__)
k2.other = None
print(k1.__dict__ == k2.__dict__, sorted(k2.__dict__))
print(repr(k2.__dict__), str(k1.__dict__))

# another instance adding names while one instance's dict is being iterated
class Grow:
    pass


g1, g2 = Grow(), Grow()
g1.a, g1.b = 1, 2
it = iter(g1.__dict__.items())
rit = reversed(g1.__dict__)
print(next(it))
g2.a, g2.b, g2.c, g2.d = 1, 2, 3, 4
print(list(it), list(rit), g1.__dict__, g2.__dict__)
g1.d = 4
print(g1.__dict__, list(reversed(g1.__dict__.values())))
print(hasattr(g1, "c"), g1.__dict__.get("c"), "c" in g1.__dict__, list(reversed(g1.__dict__.items())))
g3 = Grow()
g3.d = "d only"
print(g3.__dict__, getattr(g3, "a", None), g3.__dict__.copy(), len(g3.__dict__))
g1.c = 3
print(g1.__dict__, g1.c, copy.copy(g1).__dict__)
