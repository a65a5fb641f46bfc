# getattr/setattr/hasattr/delattr, isinstance/issubclass (tuples, unions, ABC hooks),
# callable, id, vars, dir, type checks, and their error messages.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class A:
    cls_attr = 1
    def __init__(self):
        self.x = 10
    def method(self):
        return "m"
class B(A):
    pass
a, b = A(), B()
print(getattr(a, "x"), getattr(a, "y", "dflt"), getattr(A, "cls_attr"), hasattr(a, "method"), hasattr(a, "nope"))
setattr(a, "y", 5)
delattr(a, "x")
print(vars(a), hasattr(a, "x"), getattr(a, "y"))
show("getattr missing", lambda: getattr(a, "missing"))
show("getattr class missing", lambda: getattr(A, "missing"))
show("getattr non-str", lambda: getattr(a, 1))
show("setattr non-str", lambda: setattr(a, 1, 2))
show("delattr missing", lambda: delattr(a, "zzz"))
show("setattr int", lambda: setattr(5, "x", 1))
show("setattr builtin type", lambda: setattr(int, "x", 1))
show("delattr builtin", lambda: delattr(str, "upper"))
show("getattr module", lambda: getattr(__import__("math"), "nope"))
show("getattr none", lambda: getattr(None, "x"))
show("hasattr non-str", lambda: hasattr(a, 5))
print(isinstance(b, A), isinstance(b, (int, A)), isinstance(1, int | str), isinstance(True, int), isinstance(1, (())))
print(issubclass(B, A), issubclass(bool, (str, int)), issubclass(A, object), issubclass(int, int | None))
show("isinstance bad", lambda: isinstance(1, 1))
show("isinstance nested", lambda: isinstance(1, (str, (list, int))))
show("issubclass bad", lambda: issubclass(1, int))
show("issubclass bad 2", lambda: issubclass(int, 1))
show("isinstance generic", lambda: isinstance([], list[int]))
class Meta(type):
    def __instancecheck__(cls, inst):
        return inst == "magic"
    def __subclasscheck__(cls, sub):
        return sub is int
class M(metaclass=Meta):
    pass
print(isinstance("magic", M), isinstance(M(), M), issubclass(int, M), issubclass(str, M), isinstance(1, (str, M)))
print(callable(len), callable(A), callable(a), callable(a.method), callable(1), callable(lambda: 0))
class C:
    def __call__(self):
        return "called"
print(callable(C()), C()(), id(a) == id(a), id(a) != id(b), type(id(a)).__name__)
print(sorted(k for k in vars(A) if not k.startswith("__")), "method" in dir(a), "x" not in dir(b))
print(dir(b)[:3] == sorted(dir(b))[:3], sorted(vars(b)))
show("vars int", lambda: vars(1))
show("vars 2", lambda: vars(1, 2))
class Slots:
    __slots__ = ("s",)
show("vars slots", lambda: vars(Slots()))
class D:
    def __dir__(self):
        return ["b", "a", "a"]
print(dir(D()))
class BadDir:
    def __dir__(self):
        return 5
show("bad dir", lambda: dir(BadDir()))
import types
ns = types.SimpleNamespace(p=1)
setattr(ns, "q", 2)
print(ns, getattr(ns, "q"), vars(ns))
