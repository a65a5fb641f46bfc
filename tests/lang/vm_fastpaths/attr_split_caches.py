# Attribute loads and method calls through the VM's inline caches on instances whose dicts
# share their class's keys: shadowing, deletion, dict replacement, many attributes, class
# changes, slots, properties and stores straight from local registers.


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)

    def move(self, dx, dy):
        self.x += dx
        self.y += dy
        return self


def read_all(objs):
    out = []
    for o in objs:
        try:
            out.append((o.x, o.y, o.norm1()))
        except AttributeError as e:
            out.append(("AttributeError", str(e)))
        except TypeError as e:
            out.append(("TypeError", str(e)))
    return out


pts = [Point(i, -i) for i in range(5)]
print(read_all(pts))

# an instance attribute shadowing the method after the site was cached
pts[1].norm1 = lambda: "shadowed"
print(read_all(pts))
del pts[1].norm1
print(read_all(pts))

# deleting an attribute, then adding it back (the dict may stop sharing keys)
del pts[2].x
print(read_all(pts))
pts[2].x = 42
print(read_all(pts))

# a new attribute name added to one instance grows the shared keys
pts[3].z = "zed"
print(read_all(pts), pts[3].z, hasattr(pts[4], "z"))

# a shadowing value stored under a non-interned equal string
name = "".join(["no", "rm1"])
setattr(pts[4], name, lambda: "built name")
print(read_all(pts))
del pts[4].__dict__[name]
print(read_all(pts))

# replacing the instance dict altogether
pts[0].__dict__ = {"x": 7, "y": 8}
print(read_all(pts))
pts[0].__dict__ = {"y": 1}
print(read_all(pts))
shared = Point(1, 2)
pts[0].__dict__ = shared.__dict__
shared.x = 100
print(read_all(pts))


# many attributes: more than a shared keys table holds
class Wide:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "a%d" % i, i)

    def total(self):
        return self.a0 + self.a5 + self.a39


ws = [Wide(40) for _ in range(3)]
print([w.total() for w in ws], ws[1].a39)
ws[2].a39 = -1000
print([w.total() for w in ws])


# class attributes: a cached class variable, then the class and instances change
class Counter:
    step = 1

    def __init__(self):
        self.n = 0

    def bump(self):
        self.n += self.step
        return self.n


cs = [Counter() for _ in range(3)]
for _ in range(3):
    print([c.bump() for c in cs])
Counter.step = 10
print([c.bump() for c in cs])
cs[1].step = 100
print([c.bump() for c in cs])
del cs[1].step
print([c.bump() for c in cs])


def new_bump(self):
    self.n -= 1
    return ("new", self.n)


Counter.bump = new_bump
print([c.bump() for c in cs])


# subclasses have their own shared keys; the same site sees both types
class Point3(Point):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

    def norm1(self):
        return super().norm1() + abs(self.z)


mixed = [Point(1, 2), Point3(1, 2, 3), Point(-4, 5), Point3(0, 0, -9)]
print(read_all(mixed))
print([p.move(1, 1).norm1() for p in mixed])


# __slots__ and properties next to dict attributes
class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a):
        self.a = a

    @property
    def double(self):
        return self.a * 2


s = Slotted(4)
print(s.a, s.double)
try:
    print(s.b)
except AttributeError as e:
    print(type(e).__name__, e)
s.b = 5
print(s.b)
try:
    s.c = 1
except AttributeError as e:
    print(type(e).__name__, e)


# stores whose value and object come straight from local registers
def stores(obj, value, key, seq):
    obj.v = value
    seq[key] = value
    seq[-1] = obj.v
    d = {}
    d[key] = seq
    obj.w = d
    return obj.v, seq, obj.w


print(stores(Point(0, 0), "val", 0, [1, 2, 3]))
try:
    stores(Point(0, 0), "val", 5, [1, 2])
except IndexError as e:
    print(type(e).__name__, e)
try:
    stores(1, "val", 0, [1])
except AttributeError as e:
    print(type(e).__name__, e)


def rebind_in_target(p, q):
    v = 1
    (v := p).x = v  # the target's walrus runs after the value was read
    return p.x


print(rebind_in_target(Point(0, 0), None))


# __getattr__ fallback when the cached attribute is missing
class Lazy:
    def __init__(self):
        self.have = 1

    def __getattr__(self, name):
        return "lazy " + name


ls = [Lazy(), Lazy()]
del ls[1].have
print([o.have for o in ls])
