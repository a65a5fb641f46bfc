# Type-level behaviour fixed for CPython 3.11 parity: attribute-deletion messages on classes,
# builtin types that cannot be instantiated, metaclasses deriving from type and an ABC,
# __abc_tpflags__ checks, isinstance/issubclass recursion limits, text signatures,
# mappingproxy generics, function __builtins__, classmethod/staticmethod wrapping.
import abc
import inspect
import sys
import types
from collections.abc import Collection, Mapping, Sequence


def attempt(label, fn):
    try:
        res = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", res)


class A:
    pass


def del_attr():
    del A.x


attempt("del A.x", del_attr)
attempt("A.x", lambda: A.x)
attempt("del A().x", lambda: delattr(A(), "x"))

for t in (type({}.keys()), type({}.values()), type({}.items()), type(iter([])),
          type(iter(())), type(iter("")), type(iter(b"")), type(reversed([])),
          type(iter(set())), type(iter(range(3)))):
    attempt(t.__name__ + "()", lambda t=t: t())
for t in (type(None), type(NotImplemented), type(...)):
    attempt(t.__name__ + "()", lambda t=t: t())


class Base(abc.ABC):
    pass


class Meta(type, Base):
    pass


class WithMeta(metaclass=Meta):
    pass


print("Meta mro", [c.__name__ for c in Meta.__mro__])
print("WithMeta", type(WithMeta).__name__, isinstance(WithMeta, Base))


class CountingMeta(type):
    calls = 0

    def mro(cls):
        CountingMeta.calls += 1
        return super().mro()


class Counted(metaclass=CountingMeta):
    pass


print("custom mro calls", CountingMeta.calls, [c.__name__ for c in Counted.__mro__])


def both_flags():
    class Both(Collection):
        __abc_tpflags__ = Sequence.__flags__ | Mapping.__flags__


attempt("both flags", both_flags)


def nested(depth, leaf):
    t = (leaf,)
    for _ in range(depth):
        t = (t,)
    return t


old = sys.getrecursionlimit()
sys.setrecursionlimit(200)
attempt("isinstance deep", lambda: isinstance("", nested(500, str)))
attempt("issubclass deep", lambda: issubclass(str, nested(500, str)))
sys.setrecursionlimit(old)
attempt("isinstance shallow", lambda: isinstance("", nested(20, str)))
attempt("issubclass shallow", lambda: issubclass(int, nested(20, (float, str))))

print("object sig", object.__text_signature__, inspect.signature(object))
for t in (list, tuple, float, enumerate, reversed, complex, memoryview, property):
    print(t.__name__, "sig", t.__text_signature__)
print("property doc head", property.__doc__.splitlines()[0])
print("method-wrapper sig", type(object.__init__.__get__).__name__,
      object.__init__.__get__.__text_signature__)
print("mappingproxy[]", types.MappingProxyType[str, int])

ns = {"__builtins__": {"len": len}}
exec("def f(): pass", ns)
print("func builtins", ns["f"].__builtins__ == {"len": len})


def module_level():
    pass


import builtins
print("func builtins module", module_level.__builtins__ is builtins.__dict__)


def annotated(x: int) -> str:
    "a doc"


for wrapper in (classmethod, staticmethod):
    w = wrapper(annotated)
    print(wrapper.__name__, w.__name__, w.__doc__, w.__annotations__, w.__wrapped__ is annotated)
