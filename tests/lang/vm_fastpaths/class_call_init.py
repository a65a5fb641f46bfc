# Calling a class whose __init__ is a Python function (the VM runs __init__ in its own loop):
# results, error messages, finalization order, cache invalidation and frames.
import sys
import abc


def report(fn):
    try:
        r = fn()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, e)


class Point:
    def __init__(self, x, y=2, *, z=3):
        self.x, self.y, self.z = x, y, z

    def __repr__(self):
        return f"Point({self.x}, {self.y}, {self.z})"


print(Point(1), Point(1, 5), Point(x=7, z=9), Point(*[4, 5]), Point(**{"x": 0}))
report(lambda: Point())
report(lambda: Point(1, 2, 3))
report(lambda: Point(1, w=2))
report(lambda: Point(1, x=2))


class Loud:
    def __init__(self, name, fail=False):
        self.name = name
        print("init", name)
        if fail:
            raise ValueError("init failed for " + name)

    def __del__(self):
        print("del", self.name)


def make_and_drop():
    Loud("a")
    print("after a")
    x = Loud("b")
    print("after b")
    try:
        Loud("c", True)
    except ValueError as e:
        print("caught", e)
    print("end of function")
    return x.name


print(make_and_drop())


class BadReturn:
    def __init__(self):
        return 42


class GenInit:
    def __init__(self):
        yield 1


report(BadReturn)
report(GenInit)


class Base:
    def __init__(self, v):
        self.v = v
        self.caller = sys._getframe(1).f_code.co_name


class Child(Base):
    def __init__(self, v, w):
        super().__init__(v)
        self.w = w


def build():
    c = Child(1, 2)
    b = Base(3)
    return c.v, c.w, c.caller, b.caller


print(build())


# __init__ replaced after the call site was cached
class Mutable:
    def __init__(self):
        self.tag = "first"


def mk():
    return Mutable().tag


print(mk(), mk())


def second(self):
    self.tag = "second"


Mutable.__init__ = second
print(mk())
del Mutable.__init__
print(hasattr(Mutable(), "tag"))


def third(self):
    self.tag = "third"


Mutable.__init__ = third
print(mk())
third.__code__ = second.__code__
print(mk())


class WithNew:
    def __new__(cls, *args):
        print("new", args)
        return super().__new__(cls)

    def __init__(self, a):
        print("init", a)


WithNew(5)


class Other:
    pass


class NotMine:
    def __new__(cls):
        return Other()

    def __init__(self):
        print("never runs")


print(type(NotMine()).__name__)


class Meta(type):
    def __call__(cls, *args, **kwargs):
        print("meta call", args)
        return super().__call__(*args, **kwargs)


class UsesMeta(metaclass=Meta):
    def __init__(self, a):
        self.a = a


print(UsesMeta(3).a)


class Abstract(abc.ABC):
    @abc.abstractmethod
    def f(self):
        pass

    def __init__(self):
        print("abstract init")


report(Abstract)


class MyList(list):
    def __init__(self, *items):
        super().__init__(items)
        self.n = len(items)


m = MyList(1, 2, 3)
print(m, m.n)


class Slots:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


s = [Slots(i, i * 2) for i in range(5)]
print([(o.a, o.b) for o in s])


def poly(classes):
    return [type(c(1)).__name__ for c in classes]


class P1:
    def __init__(self, a):
        pass


class P2(P1):
    pass


print(poly([P1, P2, int, str, float, P1, P2] * 3))


class Deep:
    def __init__(self, n):
        self.child = Deep(n - 1) if n else None


def depth(o):
    n = 0
    while o.child is not None:
        o = o.child
        n += 1
    return n


print(depth(Deep(50)))


class Raises:
    def __init__(self):
        raise KeyError("k")


try:
    Raises()
except KeyError:
    tb = sys.exc_info()[2]
    names = []
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(names)
