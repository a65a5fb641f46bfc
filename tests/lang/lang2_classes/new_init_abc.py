# Object construction: __new__ vs __init__ (singletons, immutable subclasses, __init__ skipped
# when __new__ returns another type, __init__ returning a value), abstract base classes
# (abstractmethod, instantiation errors, register, __subclasshook__), and object.__new__ errors.
import abc


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class Singleton:
    _instance = None

    def __new__(cls, *args):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            print("  created")
        return cls._instance

    def __init__(self, v):
        print("  init with", v)
        self.v = v


a = Singleton(1)
b = Singleton(2)
print(a is b, a.v)


class Upper(str):
    def __new__(cls, value):
        return super().__new__(cls, value.upper())


class Pos(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))

    @property
    def x(self):
        return self[0]


u = Upper("shout")
p = Pos(3, 4)
print(u, type(u).__name__, u + "!", type(u + "!").__name__, p, p.x, len(p), isinstance(p, tuple))


class Other:
    def __new__(cls):
        return 42

    def __init__(self):
        print("  never called")


print(Other())


class BadInit:
    def __init__(self):
        return 5


show("init returns value", BadInit)
show("object new args", lambda: object.__new__(Singleton, 1) and "ok")
show("object new non-type", lambda: object.__new__(5))
show("object new int", lambda: object.__new__(int))
show("no init args", lambda: type("N", (), {})(1))
show("init args only", lambda: type("N", (), {"__init__": lambda s, x: None})())


class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self):
        ...

    @property
    @abc.abstractmethod
    def name(self):
        ...

    def describe(self):
        return f"{self.name} with area {self.area()}"


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2

    @property
    def name(self):
        return "square"


class Half(Shape):
    def area(self):
        return 0


show("abstract", Shape)
show("partially abstract", Half)
print(Square(3).describe(), sorted(Shape.__abstractmethods__), Half.__abstractmethods__)


class Duck:
    def quack(self):
        return "quack"


class Quacker(abc.ABC):
    @classmethod
    def __subclasshook__(cls, sub):
        return hasattr(sub, "quack") or NotImplemented


print(isinstance(Duck(), Quacker), issubclass(int, Quacker))
Quacker.register(int)
print(issubclass(int, Quacker), isinstance(5, Quacker))
show("register non-class", lambda: Quacker.register(5))


class Meta(abc.ABCMeta):
    pass


class WithMeta(metaclass=Meta):
    @abc.abstractmethod
    def f(self):
        pass


show("abc via metaclass", WithMeta)
print(type(Shape).__name__, abc.ABC.__subclasses__()[:0], Square.__mro__[-2].__name__)
