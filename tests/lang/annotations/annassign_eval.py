# Without PEP 563: what annotated assignments evaluate, in which order, and where the
# annotations end up (CPython 3.11's compiler_annassign and compiler_visit_annotations).
log = []


def trace(x):
    log.append(x)
    return x


class O:
    def __repr__(self):
        return "O()"


o = O()
d = {}
trace(o).attr: trace("ann1")
trace(d)[trace("k")]: trace("ann2")
trace(d)[trace(0):trace(1)]: trace("ann3")
trace(d)[trace(0):trace(1), trace(2), ::trace(3)]: trace("ann4")
trace(d)[trace("k2")]: trace("ann5") = trace("value")
(paren): trace("ann6")
(paren2): trace("ann7") = trace(5)
name: trace("ann8") = trace(6)
print(log)
print(__annotations__)
print(d, paren2, name, hasattr(o, "attr"))
log.clear()


def f():
    trace(o).attr: trace("fann1")
    x: trace("never") = 1
    (y): trace("never2") = 2
    z: undefined_name
    return x + y


print(f(), log)
log.clear()


class C:
    trace(o).a: trace("cann1")
    (z): trace("cann2")
    __m: trace("cann3")
    plain: trace("cann4") = trace("cval")
    __n__: int


print(log)
print(C.__annotations__)


def order(a: trace(1), /, b: trace(2) = trace("d1"), *c: trace(3), d: trace(4),
          e: trace(5) = trace("d2"), **f: trace(6)) -> trace(7):
    pass


print(log)
print(order.__annotations__)


class K:
    def m(self, __x: int, *, __y: str) -> None:
        pass


print(K.m.__annotations__)

try:
    missing.attr: int
except NameError as e:
    print(type(e).__name__, e)
try:
    x: missing_type = 1
except NameError as e:
    print(type(e).__name__, e, x)
