# Assigning __bases__ recomputes the MRO of every subclass (and puts all of them back when
# one fails); a custom mro() may not name a class whose instances have another layout.
class C:
    pass


class C2:
    def meth(self):
        return "C2.meth"


class D(C):
    pass


class E(D):
    pass


e = E()
D.__bases__ = (C2,)
print([k.__name__ for k in E.__mro__], e.meth())
print([k.__name__ for k in C2.__subclasses__()], C.__subclasses__())


class A:
    pass


class B:
    pass


class X(A, B):
    pass


class Y(A, B):
    pass


class Z(X, Y):
    pass


try:
    X.__bases__ = (B, A)
except TypeError as exc:
    print(type(exc).__name__, exc)
print([k.__name__ for k in X.__mro__], [k.__name__ for k in Z.__mro__])


class Fails(type):
    armed = False

    def mro(cls):
        if Fails.armed and cls.__name__ == "Leaf":
            raise ValueError("no mro for Leaf")
        return type.mro(cls)


class Root(metaclass=Fails):
    pass


class Other(metaclass=Fails):
    pass


class Mid(Root):
    pass


class Leaf(Mid):
    pass


Fails.armed = True
try:
    Mid.__bases__ = (Other,)
except ValueError as exc:
    print(type(exc).__name__, exc)
print([k.__name__ for k in Mid.__mro__], [k.__name__ for k in Leaf.__mro__],
      [k.__name__ for k in Mid.__bases__])

for base in (dict, int, str):
    class Meta(type):
        def mro(cls, base=base):
            return [cls, base, object]
    try:
        class Bad(metaclass=Meta):
            pass
    except TypeError as exc:
        print(type(exc).__name__, exc)
