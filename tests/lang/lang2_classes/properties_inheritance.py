# Properties across inheritance: overriding a property, extending its getter with super(),
# replacing only the setter via Base.prop.setter, cached values, class-level access, abstract
# properties, __getattr__ fallbacks when a property raises AttributeError, and __slots__ with
# properties.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class Base:
    def __init__(self):
        self._name = "base"

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, v):
        self._name = v.strip()

    @property
    def kind(self):
        return "Base"


class Child(Base):
    @property
    def name(self):
        return "child:" + super().name

    @Base.name.setter
    def name(self, v):
        Base.name.fset(self, v.upper())

    @property
    def kind(self):
        return super().kind + ">Child"


c = Child()
print(c.name, c.kind)
c.name = "  new  "
print(c.name, c._name, type(Child.name).__name__, Child.name.fget.__name__)
b = Base()
b.name = "  spaced "
print(repr(b.name))


class ReadOnly(Base):
    name = property(Base.name.fget)


r = ReadOnly()
show("read-only override", lambda: setattr(r, "name", "x"))


class Fallback:
    @property
    def broken(self):
        raise AttributeError("inner missing")

    def __getattr__(self, n):
        return f"fallback for {n}"


print(Fallback().broken, Fallback().other)


class Cached:
    computed = 0

    @property
    def value(self):
        try:
            return self._value
        except AttributeError:
            Cached.computed += 1
            self._value = 42
            return self._value


cc = Cached()
print(cc.value, cc.value, Cached.computed)


class Slotted:
    __slots__ = ("_x",)

    def __init__(self):
        self._x = 0

    @property
    def x(self):
        return self._x

    @x.setter
    def x(self, v):
        if v < 0:
            raise ValueError("negative")
        self._x = v


s = Slotted()
s.x = 5
print(s.x)
show("validation", lambda: setattr(s, "x", -1))
show("no dict", lambda: setattr(s, "y", 1))
print(Base.name.__doc__, property(doc="explicit").__doc__, Child.kind.fset)


class Doc:
    @property
    def documented(self):
        "the docstring"
        return 1


print(Doc.documented.__doc__)
p = Doc.documented
q = p.getter(lambda self: 2)
print(q.__doc__, q.fget(None), p is not q, p.setter(None).fset)
show("property call", lambda: p(Doc()))
show("delete without deleter", lambda: delattr(Doc(), "documented"))
