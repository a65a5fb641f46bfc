# Attribute loads, stores and method calls are cached per instruction by the type's version;
# every way of changing what an attribute means must still be seen: class attributes added,
# replaced or deleted (also on a base class), instance dicts shadowing methods and class
# variables, __slots__, properties, __getattr__/__getattribute__/__setattr__, and call sites
# that see many types.

class Base:
    kind = "base"
    def describe(self):
        return "Base.describe " + self.kind

class Child(Base):
    def __init__(self, n):
        self.n = n

def read(o):
    return o.n, o.kind, o.describe()

c = Child(1)
results = []
for step in range(6):
    if step == 1:
        Child.kind = "child"                      # a class variable appears on the subclass
    elif step == 2:
        Base.describe = lambda self: "patched " + self.kind   # replaced on the base
    elif step == 3:
        c.kind = "instance"                       # the instance shadows the class variable
    elif step == 4:
        c.describe = lambda: "instance method"    # ... and the method
    elif step == 5:
        del Child.kind, c.kind, c.describe        # back to the base's
    results.append(read(c))
for r in results:
    print(r)

class Slotted:
    __slots__ = ("a", "b")
    def __init__(self):
        self.a = 1

def slots_round(o):
    out = [o.a]
    try:
        out.append(o.b)
    except AttributeError as e:
        out.append("AttributeError: " + str(e))
    o.b = out[0] + 1
    out.append(o.b)
    del o.a
    try:
        out.append(o.a)
    except AttributeError as e:
        out.append("AttributeError: " + str(e))
    try:
        o.c = 3
    except AttributeError as e:
        out.append("AttributeError: " + str(e))
    return out

for _ in range(2):
    print(slots_round(Slotted()))

class WithProperty:
    def __init__(self):
        self._v = 0
    @property
    def v(self):
        return self._v * 10
    @v.setter
    def v(self, value):
        self._v = value

def prop_round(o):
    o.v = 4
    return o.v, o.__dict__

print(prop_round(WithProperty()), prop_round(WithProperty()))

class Dynamic:
    def __getattr__(self, name):
        return "dynamic " + name

class Logged:
    def __init__(self):
        self.log = []
    def __setattr__(self, name, value):
        if name != "log":
            self.log.append(name)
        object.__setattr__(self, name, value)
    def __getattribute__(self, name):
        if name == "secret":
            return "intercepted"
        return object.__getattribute__(self, name)

def probe(o):
    return o.anything, getattr(o, "other", None)

d = Dynamic()
d.anything = "real"
print(probe(Dynamic()), probe(d))
lg = Logged()
for i in range(3):
    lg.x = i
lg.secret = "s"
print(lg.x, lg.log, lg.secret)

# one call site, many receiver types
class A:
    def f(self):
        return "A"
class B(A):
    def f(self):
        return "B"
class C(A):
    pass
class E:
    f = staticmethod(lambda: "E static")
class F:
    @classmethod
    def f(cls):
        return "F class " + cls.__name__

objs = [A(), B(), C(), E(), F()] * 30
counts = {}
for o in objs:
    r = o.f()
    counts[r] = counts.get(r, 0) + 1
print(sorted(counts.items()))

# methods stored on instances and bound-method objects
class Counter:
    def __init__(self):
        self.count = 0
    def bump(self, by=1):
        self.count += by
        return self.count

k = Counter()
bump = k.bump
for i in range(5):
    bump()
    k.bump(by=2)
print(k.count, bump.__self__ is k, bump.__func__ is Counter.bump)
Counter.bump = lambda self, by=1: "replaced"
print(k.bump(), bump())

# attribute errors keep CPython's messages
class Plain:
    pass
p = Plain()
for name in ("missing", "other"):
    try:
        getattr(p, name)
    except AttributeError as e:
        print("AttributeError:", e)
try:
    p.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    (1).real = 5
except AttributeError as e:
    print("AttributeError:", e)
print([getattr(x, "real") for x in (1, 2.5, True)])
