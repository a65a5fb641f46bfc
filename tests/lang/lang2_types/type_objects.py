# Type objects as values: __mro__/__bases__/__base__/__subclasses__ of builtins, type(x) is vs
# isinstance for subclasses of builtins, __name__/__qualname__/__module__ of builtin types,
# immutability of builtin types, type.__call__ paths, and instancecheck on type itself.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


for t in [int, bool, float, complex, str, bytes, bytearray, list, tuple, dict, set, frozenset,
          range, memoryview, slice, type, object, BaseException, KeyError, type(None)]:
    print(t.__name__, t.__qualname__, t.__module__, [b.__name__ for b in t.__mro__], t.__base__.__name__ if t.__base__ else None)


class MyInt(int):
    pass


class MyList(list):
    def total(self):
        return sum(self)


mi = MyInt(5)
ml = MyList([1, 2, 3])
print(type(mi) is int, isinstance(mi, int), type(mi + 1).__name__, type(-mi).__name__, mi.real, type(mi.real).__name__)
print(ml.total(), type(ml + [4]).__name__, type(ml[:1]).__name__, type(ml * 2).__name__, ml == [1, 2, 3])
show("set attr on int", lambda: setattr(int, "new", 1))
show("set attr on list", lambda: setattr(list, "append", None))
show("del attr on dict", lambda: delattr(dict, "keys"))
show("int subclass attr", lambda: (setattr(MyInt, "extra", 1), MyInt.extra)[1])
show("bool subclass", lambda: type("B", (bool,), {}))
show("NoneType subclass", lambda: type("N", (type(None),), {}))
show("range subclass", lambda: type("R", (range,), {}))
show("slice subclass", lambda: type("S", (slice,), {}))
show("memoryview subclass", lambda: type("M", (memoryview,), {}))
print(isinstance(int, type), isinstance(type, type), isinstance(type, object), issubclass(type, object))
print(type(type), type(object), object.__bases__, type.__bases__, type.__mro__)
print(int.__flags__ & (1 << 9) != 0, MyInt.__flags__ & (1 << 9) != 0, int.__dict__["__add__"].__name__)
print(type(int.__dict__["__add__"]).__name__, type(int.__add__).__name__, type((1).__add__).__name__,
      type(str.join).__name__, type("".join).__name__, type(dict.fromkeys).__name__, type(int.__dict__["from_bytes"]).__name__)
print(int.__add__(2, 3), (2).__add__(3), str.upper("abc"), list.__len__([1, 2]), dict.__getitem__({"a": 1}, "a"))
show("descriptor wrong type", lambda: int.__add__("a", 1))
show("method wrong type", lambda: str.upper(5))
show("dict method wrong type", lambda: dict.keys([]))
print(sorted(c.__name__ for c in bool.__subclasses__()), sorted(c.__name__ for c in MyInt.__subclasses__()))
print(type.__dict__["__name__"].__class__.__name__, type.__name__.__class__.__name__)
print(MyList.__dict__.keys() - {"__module__", "__doc__", "__dict__", "__weakref__", "__qualname__"})
print(vars(MyInt).get("__doc__"), MyInt.__doc__ is None, int.__doc__[:20])
