# abs, divmod, pow, round, sum, min, max, hash, bin/oct/hex, int/float/complex as builtins:
# normal use, dunder dispatch, and argument errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class N:
    def __abs__(self):
        return "abs!"
    def __divmod__(self, o):
        return ("dm", o)
    def __rdivmod__(self, o):
        return ("rdm", o)
    def __pow__(self, e, m=None):
        return ("pow", e, m)
    def __rpow__(self, b):
        return ("rpow", b)
    def __round__(self, n=None):
        return ("round", n)
    def __index__(self):
        return 10
    def __hash__(self):
        return 12345


show("abs", lambda: (abs(-3), abs(-2.5), abs(3 + 4j), abs(N()), abs(True)))
show("divmod", lambda: (divmod(7, -2), divmod(-7.5, 2), divmod(N(), 1), divmod(1, N())))
show("pow", lambda: (pow(2, 5), pow(2, -2), pow(N(), 2), pow(N(), 2, 3), pow(2, N()), pow(3, 2, N())))
show("pow kw", lambda: pow(base=2, exp=3, mod=5))
show("round", lambda: (round(N()), round(N(), 2), round(2.675, 2), round(-0.5), round(1.5)))
show("sum", lambda: (sum([1, 2]), sum([[1], [2]], []), sum(((1,), (2,)), ()), sum([0.1] * 10), sum([], start=5)))
show("sum str", lambda: sum(["a", "b"], ""))
show("sum bytes", lambda: sum([b"a"], b""))
show("sum bytearray", lambda: sum([bytearray(b"a")], bytearray()))
show("sum mixed", lambda: sum([1, "a"]))
show("sum big", lambda: sum([2**62, 2**62, 2**62, -2**63]))
show("sum floats", lambda: (sum([1e100, 1.0, -1e100]), sum([0.5, 1, 2**53])))
show("hash", lambda: (hash(N()), hash(1) == hash(1.0), hash("") == 0, hash(()) == hash(())))
show("hash list", lambda: hash([]))
show("hash dict", lambda: hash({}))
show("bin/oct/hex", lambda: (bin(N()), oct(N()), hex(N()), bin(-5), hex(-255), oct(0)))
show("bin float", lambda: bin(1.5))
show("hex str", lambda: hex("1"))
show("abs str", lambda: abs("x"))
show("divmod str", lambda: divmod("a", 2))
show("pow 3 float", lambda: pow(2.0, 3, 5))
show("pow none mod", lambda: pow(2, 3, None))
show("round ndigits none", lambda: (round(2.5, None), round(7, None)))
show("round str arg", lambda: round(1.5, "1"))
show("round 3 args", lambda: round(1, 2, 3))
class NoRound:
    pass
show("no __round__", lambda: round(NoRound()))
show("int of N", lambda: (int(N()), float(N()) if False else "-", complex(N())))
show("float of N", lambda: float(N()))
show("divmod 3", lambda: divmod(1, 2, 3))
show("abs no arg", lambda: abs())
