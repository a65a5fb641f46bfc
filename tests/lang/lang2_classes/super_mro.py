# super(): cooperative multiple inheritance (diamond), the C3 MRO, two-argument super,
# super in classmethods and properties, __class__ cell, and super's error messages.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class Base:
    def hello(self):
        return ["Base"]

    @classmethod
    def create(cls):
        return ["Base.create", cls.__name__]


class Left(Base):
    def hello(self):
        return ["Left"] + super().hello()

    @classmethod
    def create(cls):
        return ["Left.create"] + super().create()


class Right(Base):
    def hello(self):
        return ["Right"] + super().hello()


class Diamond(Left, Right):
    def hello(self):
        return ["Diamond"] + super().hello()


print(Diamond().hello(), [c.__name__ for c in Diamond.__mro__], Diamond.create())
print(super(Left, Diamond()).hello(), super(Right, Diamond()).hello(), super(Diamond, Diamond).create())


class X:
    pass


class Y:
    pass


class A(X, Y):
    pass


class B(Y, X):
    pass


show("mro conflict", lambda: type("C", (A, B), {}))


class O:
    pass


class P1(O):
    pass


class P2(O):
    pass


class Q(P1, P2):
    pass


print([c.__name__ for c in Q.mro()])


class Prop(Base):
    @property
    def value(self):
        return ("prop", super().hello())


class Cell:
    def who(self):
        return __class__.__name__

    def sup(self):
        return super()


class SubCell(Cell):
    pass


print(Prop().value, SubCell().who(), type(SubCell().sup()).__name__, repr(super(SubCell, SubCell()))[:32])
show("super outside", lambda: super())
show("super bad type", lambda: super(int, "x"))
show("super no method", lambda: Left().__getattribute__("x") if False else super(Left, Left()).nope)
show("super 1 arg", lambda: super(Left).hello)
show("super non-type", lambda: super(1, 2))


def outside(self):
    return super().hello()


show("super no class cell", lambda: outside(Left()))


class InitChain:
    def __init__(self, **kw):
        print("InitChain", sorted(kw))
        super().__init__()


class Mix1(InitChain):
    def __init__(self, a=0, **kw):
        print("Mix1", a)
        super().__init__(**kw)


class Mix2(InitChain):
    def __init__(self, b=0, **kw):
        print("Mix2", b)
        super().__init__(**kw)


class Both(Mix1, Mix2):
    pass


Both(a=1, b=2, c=3)


class Setter(Base):
    def __setattr__(self, k, v):
        super().__setattr__(k, v * 2)


s = Setter()
s.x = 21
print(s.x, super(Setter, s).__class__.__name__, super(Setter, s).__self_class__.__name__, super(Setter, s).__thisclass__.__name__)
