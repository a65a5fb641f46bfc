# Keyword arguments to builtin constructors and their subclasses (CPython 3.11 rules):
# a subclass that keeps the base's __new__/__init__ rejects keywords, one that overrides
# them may take its own; dict(**{non-str: ...}) is refused; weakref.ref subclasses.
import weakref


def attempt(label, fn):
    try:
        res = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", type(res).__name__, res)


class L(list):
    pass


class LInit(list):
    def __init__(self, seq, extra=None):
        super().__init__(seq)
        self.extra = extra


class LNew(list):
    def __new__(cls, seq, extra=None):
        self = super().__new__(cls)
        self.extra = extra
        return self


class T(tuple):
    pass


class TInit(tuple):
    def __init__(self, seq, extra=None):
        self.extra = extra


class TNew(tuple):
    def __new__(cls, seq, extra=None):
        return super().__new__(cls, seq)


class F(float):
    pass


class FInit(float):
    def __init__(self, x, extra=None):
        self.extra = extra


class FS(frozenset):
    pass


class FSInit(frozenset):
    def __init__(self, x, extra=None):
        self.extra = extra


class S(set):
    pass


attempt("list kw", lambda: list(sequence=[1]))
attempt("L kw", lambda: L(sequence=[1]))
attempt("L pos", lambda: L([1, 2]))
attempt("LInit kw", lambda: (LInit([1], extra=2), LInit([1], extra=2).extra))
attempt("LNew kw", lambda: (LNew([1], extra=3), LNew([1], extra=3).extra))
attempt("tuple kw", lambda: tuple(sequence=()))
attempt("T kw", lambda: T(sequence=()))
attempt("T pos", lambda: T("ab"))
attempt("TInit kw", lambda: TInit([1], extra=4).extra)
attempt("TNew kw", lambda: TNew([5], extra=1))
attempt("float kw", lambda: float(x=1))
attempt("F kw", lambda: F(x=0))
attempt("F pos", lambda: F(2.5))
attempt("FInit kw", lambda: FInit(2.5, extra=7).extra)
attempt("frozenset kw", lambda: frozenset(iterable=()))
attempt("FS kw", lambda: FS(iterable=()))
attempt("FSInit kw", lambda: sorted(FSInit([3, 1], extra=1)))
attempt("S kw", lambda: S(iterable=()))
attempt("dict(**{1: 2})", lambda: dict(**{1: 2}))
attempt("dict(**{'a': 1})", lambda: dict(**{"a": 1}))
attempt("dict.update(**{2: 3})", lambda: {}.update(**{2: 3}))
attempt("dict({}, **{'b': 1})", lambda: dict({}, **{"b": 1}))


class Obj:
    pass


class MyRef(weakref.ref):
    def __init__(self, ob, callback=None, **extra):
        super().__init__(ob, callback)
        self.extra = extra


o = Obj()
r = MyRef(o, None, tag="x")
print("MyRef", r() is o, r.extra)
attempt("ref kw", lambda: weakref.ref(o, callback=None))


class PlainRef(weakref.ref):
    pass


attempt("PlainRef kw", lambda: PlainRef(o, tag=1))
