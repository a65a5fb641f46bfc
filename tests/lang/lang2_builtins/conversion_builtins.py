# chr/ord/ascii/repr/str/format/bool/list/tuple/dict/set constructors and type() as a function
# and a class factory; errors of each.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class R:
    def __repr__(self):
        return "R-repr"
class S(R):
    def __str__(self):
        return "S-str"
class F:
    def __format__(self, spec):
        return f"F[{spec}]"
class BadRepr:
    def __repr__(self):
        return 5
class BadStr:
    def __str__(self):
        return None
class BadFormat:
    def __format__(self, spec):
        return 1
print(str(R()), repr(S()), str(S()), format(F(), "xyz"), f"{F():abc}", f"{R()!r:>10}", ascii(S()))
print(ascii("ñ\x00\n😀"), repr("ñ\x00\n😀"), ascii(b"\xff"), ascii([1, "é"]), chr(97), ord(b"a"), ord(bytearray(b"z")))
show("bad repr", lambda: repr(BadRepr()))
show("bad str", lambda: str(BadStr()))
show("bad format", lambda: format(BadFormat()))
show("format spec int", lambda: format(1, 2))
show("object format spec", lambda: format(R(), "x"))
show("str of bad repr", lambda: str(BadRepr()))
show("ord list", lambda: ord([1]))
show("ord bytes 2", lambda: ord(b"ab"))
show("list of int", lambda: list(1))
show("dict of list", lambda: dict([1, 2]))
show("dict of str pairs", lambda: dict(["ab", "cd"]))
show("set of lists", lambda: set([[1]]))
show("tuple none", lambda: tuple(None))
T = type("T", (object,), {"x": 1, "hello": lambda self: "hi " + type(self).__name__})
t = T()
print(T.__name__, T.__qualname__, T.__module__, T.x, t.hello(), type(t) is T, type(T) is type, T.__bases__)
U = type("U", (T,), {})
print(U.__mro__, U().hello(), isinstance(U(), T), issubclass(U, T))
show("type 2 args", lambda: type("X", ()))
show("type bad bases", lambda: type("X", (1,), {}))
show("type bad dict", lambda: type("X", (), []))
show("type bad name", lambda: type(1, (), {}))
show("type of", lambda: (type(1), type("a"), type(None), type(type), type(len)))
show("type kwargs", lambda: type("X", (), {}, foo=1))
show("type final base", lambda: type("X", (bool,), {}))
show("type layout", lambda: type("X", (int, str), {}))
show("type dup base", lambda: type("X", (T, T), {}))
show("type mro conflict", lambda: type("X", (T, U), {}))
print(bool([]), bool("0"), list("ab"), tuple({"k": 1}), sorted(set("hello")), dict(a=1, **{"b": 2}), frozenset("aa"))
print(str(b"x"), str(b"x", "ascii"), str(bytearray(b"y"), errors="strict", encoding="utf-8"), str(object=5))
print(repr(1.0), repr(1e16), repr(-0.0), repr(2**100), repr("a\\b"), repr(None), repr(...), repr(int), repr(len))
