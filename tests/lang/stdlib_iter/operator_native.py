# _operator: every function of operator.__all__ plus the in-place ones, attrgetter /
# itemgetter / methodcaller (calls, reprs, __reduce__), _compare_digest, and argument errors.
import _operator as o


def err(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("   ok", r)


print(o.add(1, 2), o.sub(5, 3), o.mul(3, 4), o.truediv(7, 2), o.floordiv(7, 2), o.mod(7, 3))
print(o.pow(2, 10), o.lshift(1, 5), o.rshift(64, 2), o.and_(12, 10), o.or_(12, 10), o.xor(12, 10))
print(o.neg(5), o.pos(-5), o.abs(-3), o.inv(5), o.invert(5), o.index(7), o.not_(0), o.truth([]))
print(o.lt(1, 2), o.le(2, 2), o.eq(1, 1.0), o.ne(1, 2), o.gt(1, 2), o.ge(3, 3))
print(o.is_(None, None), o.is_not(1, None), o.concat([1], [2]), o.concat("a", "b"), o.contains("abc", "b"))
print(o.countOf([1, 2, 1, 1], 1), o.indexOf("abc", "c"), o.getitem([5, 6], 1), o.getitem({"k": 1}, "k"))
l = [1, 2, 3]
print(o.setitem(l, 0, 9), o.delitem(l, 1), l, o.getitem(l, slice(0, 1)))
print(o.length_hint([1, 2]), o.length_hint(iter(range(5))), o.length_hint(5, 7), o.length_hint(object()))
print(o.call(max, 3, 9), o.call(sorted, [3, 1], reverse=True), o.call(lambda: "x"))


class M:
    def __init__(self, v):
        self.v = v

    def __matmul__(self, other):
        return ("@", self.v, other)

    def __imatmul__(self, other):
        return ("@=", self.v, other)

    def __repr__(self):
        return "M(%r)" % self.v


print(o.matmul(M(1), 2), o.imatmul(M(1), 2))
a = [1]
print(o.iadd(a, [2]), a, o.iconcat(a, [3]), a, o.imul([1], 2), o.isub(5, 1), o.itruediv(7, 2))
print(o.ifloordiv(7, 2), o.imod(7, 4), o.ipow(3, 3), o.ilshift(1, 3), o.irshift(16, 1))
print(o.iand(6, 3), o.ior(6, 3), o.ixor(6, 3))
s = {1}
print(o.ior(s, {2}) is s, s)
err(lambda: o.add(1))
err(lambda: o.add(1, 2, 3))
err(lambda: o.neg())
err(lambda: o.truth())
err(lambda: o.is_(1))
err(lambda: o.setitem([], 0))
err(lambda: o.index(1.5))
err(lambda: o.indexOf([1], 2))
err(lambda: o.concat(1, 2))
err(lambda: o.iconcat(1, 2))
err(lambda: o.concat([1], "a"))
err(lambda: o.countOf(5, 1))
err(lambda: o.length_hint(1, "a"))
err(lambda: o.length_hint([], x=1))
err(lambda: o.length_hint())
err(lambda: o.length_hint(1, 2, 3))
err(lambda: o.call())
err(lambda: o.add(x=1))
err(lambda: o.delitem({}, "k"))
err(lambda: o.truediv(1, 0))
err(lambda: o.lt(1, "a"))

print("attrgetter")


class N:
    pass


obj = N()
obj.a = 1
obj.b = N()
obj.b.c = "deep"
obj.b.d = N()
obj.b.d.e = 5
g = o.attrgetter("a")
print(g(obj), o.attrgetter("b.c")(obj), o.attrgetter("a", "b.c", "b.d.e")(obj))
print(repr(o.attrgetter("a", "b.c")), repr(g), o.attrgetter("a.b", "c").__reduce__()[1])
print(o.attrgetter("b.c").__reduce__()[0].__name__, type(g).__name__, type(g).__module__)
err(lambda: o.attrgetter())
err(lambda: o.attrgetter(1))
err(lambda: o.attrgetter("a", 2))
err(lambda: g(1, 2))
err(lambda: g())
err(lambda: g(obj=1))
err(lambda: o.attrgetter("zz")(obj))
err(lambda: o.attrgetter("b.zz")(obj))
err(lambda: o.attrgetter("a.")(obj))
err(lambda: o.attrgetter(".a")(obj))

print("itemgetter")
ig = o.itemgetter(1)
print(ig("abc"), o.itemgetter(0, 2)("abc"), o.itemgetter("k")({"k": "v"}), o.itemgetter(slice(1, None))([1, 2, 3]))
print(repr(ig), repr(o.itemgetter("x", 2)), ig.__reduce__()[1], o.itemgetter(1, 2).__reduce__()[1])
print(sorted([(1, "b"), (0, "c"), (2, "a")], key=o.itemgetter(1)))
err(lambda: o.itemgetter())
err(lambda: ig())
err(lambda: ig([1], 2))
err(lambda: ig([]))
err(lambda: o.itemgetter(x=1))

print("methodcaller")
mc = o.methodcaller("split", ",", maxsplit=1)
print(mc("a,b,c"), o.methodcaller("upper")("abc"), o.methodcaller("count", "a")("banana"))
print(repr(mc), repr(o.methodcaller("f")), repr(o.methodcaller("f", 1, "x")))
print(o.methodcaller("f", 1).__reduce__()[1], o.methodcaller("g").__reduce__()[0].__name__)
err(lambda: o.methodcaller())
err(lambda: o.methodcaller(1))
err(lambda: o.methodcaller(name="x"))
err(lambda: mc())
err(lambda: mc("a", "b"))
err(lambda: o.methodcaller("nope")(1))

print("compare_digest")
print(o._compare_digest("abc", "abc"), o._compare_digest("abc", "abd"), o._compare_digest("a", "ab"))
print(o._compare_digest(b"xy", b"xy"), o._compare_digest(b"xy", bytearray(b"xy")), o._compare_digest(b"", b""))
print(o._compare_digest(memoryview(b"ab"), b"ab"), o._compare_digest(b"ab", b"abc"))
err(lambda: o._compare_digest(1, 2))
err(lambda: o._compare_digest("é", "é"))
err(lambda: o._compare_digest("a", b"a"))
err(lambda: o._compare_digest(b"a", "a"))
err(lambda: o._compare_digest("a"))
print(len([n for n in dir(o) if not n.startswith("__")]))
