# __init_subclass__ (with class keywords, super chaining, implicit classmethod) and __set_name__
# (called at class creation, with the owner and name, errors wrapped as CPython does).
class Plugin:
    registry = []

    def __init_subclass__(cls, /, kind="default", **kw):
        super().__init_subclass__(**kw)
        cls.kind = kind
        Plugin.registry.append((cls.__name__, kind))


class A(Plugin):
    pass


class B(Plugin, kind="special"):
    pass


class C(B):
    pass


print(Plugin.registry, A.kind, B.kind, C.kind)
try:
    class D(Plugin, unknown=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class E(object, x=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)


class Field:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = name
        self.private = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private, None)

    def __set__(self, obj, value):
        setattr(obj, self.private, value)


class Model:
    x = Field()
    y = Field()
    z = 5


m = Model()
m.x = 10
print(m.x, m.y, Model.x.name, Model.y.private, vars(m))
f = Field()
Model.late = f
print(hasattr(f, "name"))


class Boom:
    def __set_name__(self, owner, name):
        raise ValueError("boom " + name)


try:
    class Broken:
        attr = Boom()
except Exception as e:
    print(type(e).__name__, e, type(e.__cause__).__name__ if e.__cause__ else None)


class Both:
    def __init_subclass__(cls):
        print("init_subclass of", cls.__name__, "sees", sorted(k for k in vars(cls) if not k.startswith("__")))


class Kid(Both):
    fld = Field()
    other = 1


print(type(vars(Plugin)["__init_subclass__"]).__name__)
