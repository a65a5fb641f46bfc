# Operator dunders: every binary operator with reflected and in-place forms, NotImplemented
# fallbacks, subclass-first reflection, unary operators, comparisons, and error messages.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


OPS = ["add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "pow", "lshift", "rshift",
       "and", "xor", "or"]


class Tracer:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


def make(op):
    def fwd(self, other):
        return f"{self}.__{op}__({other!r})"

    def rev(self, other):
        return f"{self}.__r{op}__({other!r})"

    def inp(self, other):
        return f"{self}.__i{op}__({other!r})"
    return fwd, rev, inp


for op in OPS:
    f, r, i = make(op)
    setattr(Tracer, f"__{op}__", f)
    setattr(Tracer, f"__r{op}__", r)
    setattr(Tracer, f"__i{op}__", i)
t = Tracer("t")
print(t + 1, 1 + t, t - 1, 1 - t, t * 2, 2 * t, t @ 3, 3 @ t, t / 4, 4 / t, t // 5, 5 // t)
print(t % 6, 6 % t, t ** 7, 7 ** t, t << 8, 8 << t, t >> 9, 9 >> t, t & 1, 1 & t, t ^ 1, 1 ^ t, t | 1, 1 | t)
x = t
x += 1
y = t
y **= 2
z = t
z @= 3
print(x, y, z, pow(t, 2), pow(2, t))


class Vec:
    def __init__(self, *c):
        self.c = c

    def __repr__(self):
        return f"Vec{self.c}"

    def __add__(self, o):
        if not isinstance(o, Vec):
            return NotImplemented
        return Vec(*(a + b for a, b in zip(self.c, o.c)))

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Vec(*(a * k for a in self.c))
        return NotImplemented

    __rmul__ = __mul__

    def __neg__(self):
        return Vec(*(-a for a in self.c))

    def __pos__(self):
        return self

    def __abs__(self):
        return sum(a * a for a in self.c) ** 0.5

    def __invert__(self):
        return Vec(*reversed(self.c))

    def __eq__(self, o):
        return isinstance(o, Vec) and self.c == o.c

    def __lt__(self, o):
        return abs(self) < abs(o)

    def __bool__(self):
        return any(self.c)

    def __len__(self):
        return len(self.c)

    __hash__ = None


v = Vec(3, 4)
w = Vec(1, 2)
v2 = v
v2 += w
print(v + w, v * 2, 2 * v, -v, +v, abs(v), ~v, v == Vec(3, 4), v != w, v > w, v <= w, bool(Vec(0, 0)), v2, v2 is v)
show("add int", lambda: v + 1)
show("radd int", lambda: 1 + v)
show("mul str", lambda: v * "a")
show("sub", lambda: v - w)
show("hash", lambda: hash(v))
show("matmul", lambda: v @ w)
show("neg str", lambda: -"a")
show("invert float", lambda: ~1.5)
show("pow 3arg", lambda: pow(v, 2, 3))
show("iadd fallback", lambda: [1].__iadd__(()))


class Base:
    def __add__(self, o):
        return "Base.add"

    def __radd__(self, o):
        return "Base.radd"


class Derived(Base):
    def __radd__(self, o):
        return "Derived.radd"


print(Base() + Derived(), Derived() + Base(), 1 + Derived())


class Cmp:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        print("eq called", self.v)
        return NotImplemented

    def __gt__(self, o):
        return "gt" if isinstance(o, Cmp) else NotImplemented


a, b = Cmp(1), Cmp(2)
print(a == b, a != b, a < b, a == a)
show("ge", lambda: a >= b)
show("lt int", lambda: a < 1)
