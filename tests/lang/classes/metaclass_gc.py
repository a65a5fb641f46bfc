# Classes made by a metaclass written in Python, collected by the cycle collector over and
# over while the metaclass lives on (a double decref of the metaclass once crashed here).
import gc


class Meta(type):
    count = 0

    def __new__(mcls, name, bases, ns, **kw):
        mcls.count += 1
        return super().__new__(mcls, name, bases, ns)


class Plain(type):
    pass


class E(metaclass=Plain):
    pass


for i in range(300):
    class C(metaclass=Meta):
        def f(self):
            return 1

    class D(C, metaclass=Meta):
        pass
    if i % 50 == 0:
        print(i, gc.collect() > 0, C().f(), type(D).__name__, type(E).__name__)
    del C, D
gc.collect()
print(Meta.count, Meta.__name__, type(Meta), isinstance(Meta, type))
