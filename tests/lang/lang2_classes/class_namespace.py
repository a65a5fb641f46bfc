# Class bodies as namespaces: __qualname__ of nested classes and methods, __module__,
# __dict__ contents, name mangling, class attributes vs instance attributes, class decorators,
# __doc__, __annotations__, and dynamic modification of classes.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


def register(cls):
    cls.registered = True
    return cls


def replace_with_name(cls):
    return cls.__name__.upper()


@register
class Outer:
    "Outer docstring"
    count: int = 0
    label: str

    class Inner:
        def method(self):
            return Outer.Inner.method.__qualname__

        class Deepest:
            pass

    def __init__(self):
        self.__hidden = "mangled"
        Outer.count += 1

    def reveal(self):
        return self.__hidden

    def make_local(self):
        class Local:
            pass
        return Local


@replace_with_name
class Gone:
    pass


o = Outer()
print(Outer.__qualname__, Outer.Inner.__qualname__, Outer.Inner.Deepest.__qualname__, Outer.Inner().method())
print(o.make_local().__qualname__, Outer.__module__, Outer.__doc__, Outer.__annotations__, Outer.registered, Gone)
print(o.reveal(), o._Outer__hidden, sorted(vars(o)), Outer.count, o.count)
show("mangled direct", lambda: o.__hidden)
o.count = 100
print(o.count, Outer.count, Outer().count, Outer.count)
Outer.new_method = lambda self: "added later"
print(o.new_method(), "new_method" in Outer.__dict__)
del Outer.new_method
show("removed", lambda: o.new_method())
print(sorted(k for k in Outer.__dict__ if not k.startswith("__")))
print(type(Outer.__dict__).__name__, Outer.__name__, Outer.__bases__, Outer.__base__)
show("mappingproxy assign", lambda: Outer.__dict__.__setitem__("x", 1))
Outer.__name__ = "Renamed"
print(Outer.__name__, Outer.__qualname__, repr(Outer)[-12:])
show("bad name", lambda: setattr(Outer, "__name__", 5))
show("bad qualname", lambda: setattr(Outer, "__qualname__", None))


class Attrs:
    x = 1
    y = x + 1
    items = [x * i for i in range(3)]
    try:
        z = [y for _ in range(2)]
    except NameError as e:
        z = str(e)


print(Attrs.y, Attrs.items, Attrs.z)


class Doc:
    pass


print(Doc.__doc__, Doc.__dict__.get("__doc__", "missing"), Doc.__module__)
n = 0


class Counter:
    global n
    n += 1
    local_n = n


print(n, Counter.local_n)


def factory(v):
    class Made:
        value = v

        def get(self):
            return self.value + v
    return Made


A, B = factory(1), factory(10)
print(A().get(), B().get(), A is not B, A.__qualname__)
