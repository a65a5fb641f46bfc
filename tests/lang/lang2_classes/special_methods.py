# Container and conversion dunders: __len__/__getitem__/__setitem__/__delitem__/__contains__/
# __iter__/__reversed__/__missing__, __index__, __int__/__float__/__complex__, __hash__/__eq__
# interplay, __call__, __bool__, __format__, __class_getitem__, and dunders looked up on the type.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class Grid:
    def __init__(self):
        self.cells = {}

    def __getitem__(self, key):
        print("getitem", key)
        if isinstance(key, tuple):
            return self.cells.get(key, ".")
        if isinstance(key, slice):
            return ("slice", key.start, key.stop, key.step)
        raise TypeError(f"bad key {key!r}")

    def __setitem__(self, key, v):
        self.cells[key] = v

    def __delitem__(self, key):
        del self.cells[key]

    def __len__(self):
        return len(self.cells)

    def __contains__(self, v):
        return v in self.cells.values()

    def __iter__(self):
        return iter(sorted(self.cells))


g = Grid()
g[1, 2] = "x"
g[0, 0] = "y"
print(g[1, 2], g[5, 5], g[1:2], g[::3], g[1:2, 3], len(g), "x" in g, "q" in g, list(g))
del g[0, 0]
show("del missing", lambda: g.__delitem__((9, 9)))
show("bad key", lambda: g["k"])
print(len(g), sorted(g.cells))


class Num:
    def __index__(self):
        return 3

    def __int__(self):
        return 4

    def __float__(self):
        return 5.5

    def __complex__(self):
        return 6j


n = Num()
print([0, 1, 2, 3, 4][n], "abcdef"[n:], int(n), float(n), complex(n), bin(n), range(n), n.__index__())


class H:
    def __eq__(self, o):
        return True


show("eq without hash", lambda: hash(H()))
print(H.__hash__)


class H2(H):
    __hash__ = object.__hash__


print(type(hash(H2())).__name__, {H2(): 1} != {})


class Fn:
    def __call__(self, *a, **k):
        return (a, sorted(k))


print(Fn()(1, 2, x=3), callable(Fn), callable(Fn()))
inst = Fn()
inst.__call__ = lambda: "instance attr ignored"
print(inst(7))
inst.__len__ = lambda: 5
show("len via instance attr", lambda: len(inst))


class Generic:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"


print(Generic[int], Generic["x", 1], list[int], dict[str, list[int]])
show("subscript class", lambda: Fn[int])


class Fmt:
    def __format__(self, spec):
        return f"<{spec or 'empty'}>"

    def __repr__(self):
        return "Fmt()"


print(format(Fmt()), f"{Fmt():>5}", "{0:x}".format(Fmt()), f"{Fmt()!r}")


class Rev:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i

    def __reversed__(self):
        return iter(["r2", "r1", "r0"])


print(list(Rev()), list(reversed(Rev())), 2 in Rev(), 5 in Rev())


class NoIter:
    __iter__ = None


show("iter None", lambda: iter(NoIter()))
show("in None iter", lambda: 1 in NoIter())


class BadLen:
    def __len__(self):
        return -1


show("negative len", lambda: len(BadLen()))
show("len str", lambda: len(type("L", (), {"__len__": lambda s: "3"})()))
