# class statements with starred bases and **keyword unpacking (metaclass keywords).
class A:
    pass
class B:
    pass
bases = (A, B)
class C(*bases):
    pass
print(C.__mro__)
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, ns)
        cls.kw = kw
        return cls
opts = {"flag": 1, "other": "x"}
class D(A, metaclass=Meta, **opts):
    def hello(self):
        return __class__.__name__
print(D.kw, D().hello(), type(D).__name__)
def deco(cls):
    cls.decorated = True
    return cls
@deco
class E(*[A], **{}):
    x = 1
print(E.decorated, E.x, E.__bases__, E.__qualname__)
