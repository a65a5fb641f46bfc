# types.SimpleNamespace, the type of sys.implementation (types.py takes it from there).
import sys

NS = type(sys.implementation)
print(NS, NS.__name__, NS.__module__, NS.__qualname__)


def show(f, *args, **kwargs):
    try:
        print("ok", repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__ + ":", e)


ns = NS(a=1, b="two")
print(ns, ns.a, ns.b, vars(ns), ns.__dict__ is vars(ns))
ns.c = [3]
del ns.a
print(ns, sorted(ns.__dict__))
show(getattr, ns, "a")
print(NS(), repr(NS()), NS() == NS(), NS(x=1) == NS(x=1), NS(x=1) == NS(x=2))
print(NS(x=1) != NS(x=1), NS(x=1) == {"x": 1}, NS(a=1, b=2) == NS(b=2, a=1))
show(hash, NS())
show(NS, 1)
show(NS, {"a": 1})
show(lambda: NS(**{1: 2}))

# recursive repr
r = NS()
r.self = r
print(r)
outer = NS(inner=NS(x=[1, NS()]))
print(outer)

# subclasses keep their own name in repr and compare with the base type
class Sub(NS):
    pass


s = Sub(k=5)
print(s, s == NS(k=5), isinstance(s, NS), type(s).__name__)
print(NS(k=5).__reduce__())
print(s.__reduce__()[0] is Sub, s.__reduce__()[1:])

# sys.implementation itself
impl = sys.implementation
print(sorted(vars(impl)), impl.version[:2])
