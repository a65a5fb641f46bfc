# __slots__: storage, missing __dict__, inheritance (mixing with __dict__), __weakref__,
# descriptors created for slots, default conflicts, and the errors.
import weakref


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class P:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = P(1, 2)
print(p.x, p.y, hasattr(p, "__dict__"), type(P.x).__name__, P.__slots__)
del p.y
show("deleted slot", lambda: p.y)
show("new attr", lambda: setattr(p, "z", 3))
show("weakref", lambda: weakref.ref(p))
show("del again", lambda: delattr(p, "y"))


class Q(P):
    pass


q = Q(3, 4)
q.extra = 5
print(q.extra, q.__dict__, q.x)


class R(P):
    __slots__ = ("z", "__weakref__")


r = R(5, 6)
r.z = 7
print(r.z, weakref.ref(r)() is r, hasattr(r, "__dict__"))
show("R attr", lambda: setattr(r, "w", 1))


class WithDict:
    __slots__ = ("a", "__dict__")


w = WithDict()
w.a = 1
w.b = 2
print(w.a, w.__dict__)
show("conflict", lambda: type("X", (), {"__slots__": ("v",), "v": 1}))
show("bad slot name", lambda: type("X", (), {"__slots__": ("1x",)}))
show("dict twice", lambda: type("X", (WithDict,), {"__slots__": ("__dict__",)}))
show("nonempty int slots", lambda: type("X", (int,), {"__slots__": ("a",)}))
show("slots str", lambda: type("X", (), {"__slots__": "single"})().__class__.__slots__)
show("empty slots attr", lambda: setattr(type("X", (), {"__slots__": ()})(), "a", 1))


class Private:
    __slots__ = ("__secret",)

    def __init__(self):
        self.__secret = 42

    def get(self):
        return self.__secret


print(Private().get(), Private.__slots__, [k for k in vars(Private) if "secret" in k])


class A:
    __slots__ = ("a",)


class B:
    __slots__ = ("b",)


show("layout conflict", lambda: type("AB", (A, B), {}))


class E1:
    __slots__ = ()


class E2:
    __slots__ = ()


class E12(E1, E2):
    __slots__ = ("v",)


e = E12()
e.v = 9
print(e.v, E12.__mro__[1].__name__)
print(sorted(k for k in dir(P) if not k.startswith("__")), P.x.__name__, P.x.__objclass__.__name__)
