# object's default methods: __eq__/__ne__ defaults and NotImplemented, __hash__ default and
# inheritance rules when __eq__ is defined, __repr__/__str__/__format__ defaults,
# __reduce_ex__, __sizeof__, __dir__, __init_subclass__, __getstate__, comparison fallbacks
# for unrelated types, and rich-comparison method identities.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class Plain:
    pass


a, b = Plain(), Plain()
print(a == a, a == b, a != b, a.__eq__(b), a.__ne__(a), a.__lt__(b), object.__eq__(a, a))
print(hash(a) == hash(a), type(hash(a)).__name__, str(a) == repr(a), format(a, "") == str(a))
show("format with spec", lambda: format(a, "s"))
show("lt", lambda: a < b)
show("le int", lambda: a <= 1)


class EqOnly:
    def __eq__(self, o):
        return True


class EqAndHash(EqOnly):
    __hash__ = object.__hash__


class Child(EqOnly):
    pass


print(EqOnly.__hash__, Child.__hash__, EqAndHash.__hash__ is object.__hash__)
show("unhashable child", lambda: hash(Child()))
print(EqOnly() != EqOnly(), EqOnly() == 5, 5 == EqOnly())
print(sorted(dir(Plain()))[:6], "__dict__" in dir(Plain()), "__weakref__" in dir(Plain))
print(Plain().__reduce_ex__(2)[0].__name__, Plain().__sizeof__() > 0, object().__sizeof__() > 0)
p = Plain()
p.x = 1
print(p.__getstate__(), object().__getstate__())


class Slots:
    __slots__ = ("a", "b")


s = Slots()
s.a = 1
print(s.__getstate__())


class Cmp:
    def __init__(self, v):
        self.v = v

    def __lt__(self, o):
        return self.v < o.v

    def __le__(self, o):
        return self.v <= o.v


print(Cmp(1) > Cmp(0), Cmp(1) >= Cmp(1), sorted([Cmp(3), Cmp(1)], key=lambda c: c.v)[0].v)
print(max([Cmp(3), Cmp(5), Cmp(4)]).v, min(Cmp(2), Cmp(1)).v)
show("gt unsupported", lambda: Cmp(1) > 5)
print(object.__init_subclass__() is None, object.__subclasshook__(int))
show("object init args", lambda: object.__init__(Plain(), 1))
show("plain with args", lambda: Plain(1))


class CustomNew:
    def __new__(cls, *a):
        return super().__new__(cls)


print(type(CustomNew(1, 2)).__name__)


class CustomInit:
    def __init__(self, *a):
        super().__init__()


print(type(CustomInit(1)).__name__)
show("super init args", lambda: type("X", (), {"__init__": lambda self, *a: super(type(self), self).__init__(*a)})(1))
print(NotImplemented.__class__.__name__, repr(object.__ne__(a, a)), object.__ne__(a, b))
