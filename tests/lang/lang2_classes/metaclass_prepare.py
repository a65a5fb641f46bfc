# Metaclasses: __prepare__ with a recording namespace, __new__/__init__/__call__ order, keyword
# arguments to the class statement, metaclass conflicts, and class-level attribute ordering.
log = []


class Recording(dict):
    def __setitem__(self, k, v):
        log.append(("set", k))
        super().__setitem__(k, v)


class Meta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        log.append(("prepare", name, tuple(b.__name__ for b in bases), sorted(kw)))
        return Recording()

    def __new__(mcs, name, bases, ns, **kw):
        log.append(("new", name, type(ns).__name__, sorted(kw)))
        cls = super().__new__(mcs, name, bases, dict(ns))
        cls.order = [k for k in ns if not k.startswith("__")]
        return cls

    def __init__(cls, name, bases, ns, **kw):
        log.append(("init", name))
        super().__init__(name, bases, ns)

    def __call__(cls, *args, **kw):
        log.append(("call", cls.__name__, args))
        return super().__call__(*args, **kw)


class Base(metaclass=Meta, flag=True):
    z = 1
    a = 2
    def m(self):
        return "m"
    y = 3


class Child(Base, extra=5):
    def __init__(self, v):
        log.append(("child init", v))
        self.v = v


c = Child(7)
for entry in log:
    print(entry)
print(Base.order, Child.order, type(Child).__name__, c.v, c.m())


class M1(type):
    pass


class M2(type):
    pass


class A(metaclass=M1):
    pass


class B(metaclass=M2):
    pass


try:
    class C(A, B):
        pass
except TypeError as e:
    print(type(e).__name__, e)


class M3(M1):
    pass


class D(A, metaclass=M3):
    pass


print(type(D).__name__, D.__mro__[1].__name__)


class Sub(metaclass=M1):
    pass


class E(Sub, A):
    pass


print(type(E).__name__)
try:
    class F(metaclass=Meta, bogus=1):
        pass
    print("F ok", F.order)
except TypeError as e:
    print(type(e).__name__, e)
try:
    class G(metaclass=type, unexpected=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)


class BadPrepare(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        return 42


try:
    class H(metaclass=BadPrepare):
        pass
except TypeError as e:
    print(type(e).__name__, e)


def func_meta(name, bases, ns):
    return (name, sorted(k for k in ns if not k.startswith("__")))


class NotAClass(metaclass=func_meta):
    q = 1
    def r(self):
        pass


print(NotAClass)
print(type.__prepare__("x", ()), type("T", (), {}).__class__ is type)
