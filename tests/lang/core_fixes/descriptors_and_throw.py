# Descriptor kinds, the __dict__ descriptor of a class whose metaclass has one, __slots__
# naming the compiler's entries, and throwing into a generator that never started.
import traceback

for d, n in zip([str.lower, complex.real, float.real, int.__add__],
                ["method", "member", "getset", "wrapper"]):
    print(n, type(d).__name__)
print(complex.real.__doc__, complex.imag.__get__(3 + 4j))
try:
    (1 + 2j).real = 5
except AttributeError as e:
    print(type(e).__name__, e)


class Base:
    pass


class Meta1(type, Base):
    pass


class D(object, metaclass=Meta1):
    pass


dict_descr = Base.__dict__["__dict__"]
for value in ({}, None):
    try:
        dict_descr.__set__(D, value) if value is not None else dict_descr.__delete__(D)
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, e)
print(type(dict_descr.__get__(D)).__name__, "__module__" in dict_descr.__get__(D))
inst = Base()
dict_descr.__set__(inst, {"x": 1})
print(inst.x, dict_descr.__get__(inst))


class Meta(type):
    def __new__(cls, name, bases, namespace, attr):
        print("namespace has", attr, attr in namespace)
        return super().__new__(cls, name, bases, namespace)


class C1:
    def __init__(self):
        self.b = 42


class C2(C1, metaclass=Meta, attr="__classcell__"):
    __slots__ = ["__classcell__"]

    def __init__(self):
        super().__init__()


print(isinstance(C2.__dict__["__classcell__"], type(C1.__dict__.get("__weakref__"))),
      C2().b)
try:
    class C3:
        __slots__ = ["x"]
        x = 1
except ValueError as e:
    print(type(e).__name__, e)


def gen():
    try:
        yield 1
    except ZeroDivisionError:
        raise


for started in (True, False):
    g = gen()
    if started:
        next(g)
    try:
        1 / 0
    except ZeroDivisionError as v:
        try:
            g.throw(v)
        except ZeroDivisionError as w:
            tb = w.__traceback__
    frames = []
    while tb:
        frames.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print("started" if started else "fresh", frames)
