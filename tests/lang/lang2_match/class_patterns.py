# Class patterns: positional sub-patterns through __match_args__, keyword sub-patterns,
# built-in types matching their own value positionally, dataclasses, inheritance, failing
# attribute lookups, and the TypeErrors for bad __match_args__ or too many positionals.
import dataclasses


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


@dataclasses.dataclass
class Line:
    start: Point
    end: Point


def where(p):
    match p:
        case Point3(0, 0, 0):
            return "3d origin"
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Line(Point(x1, y1), Point(x2, y2)) if x1 == x2:
            return f"vertical line x={x1} from {y1} to {y2}"
        case Line(start=Point(), end=e):
            return f"line ending at ({e.x},{e.y})"
        case Point():
            return "somewhere"
        case _:
            return "not a point"


for p in [Point(0, 0), Point3(0, 0, 0), Point3(0, 0, 1), Point(0, 5), Point(3, 0), Point(1, 1),
          Line(Point(1, 2), Point(1, 9)), Line(Point(0, 0), Point(4, 5)), "text"]:
    print(where(p))


def builtin(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(i):
            return f"int {i}"
        case float(f):
            return f"float {f}"
        case str(s):
            return f"str {s}"
        case list([first, *_]):
            return f"list starting {first}"
        case dict({"k": val}):
            return f"dict k={val}"
        case tuple((a, b)):
            return f"tuple {a} {b}"
        case frozenset() | set():
            return "a set"
        case bytes(bs):
            return f"bytes {bs!r}"


for v in [True, 3, 2.5, "s", [9, 8], {"k": 1}, (1, 2), {1}, frozenset(), b"b", None]:
    print(repr(v), builtin(v))


class NoArgs:
    pass


class BadArgs:
    __match_args__ = "x"


class DupArgs:
    __match_args__ = ("a", "a")
    a = 1


show("too many positional", lambda: eval("__import__('builtins')") and exec("match NoArgs():\n    case NoArgs(1):\n        pass", globals()))
show("match_args not tuple", lambda: exec("match BadArgs():\n    case BadArgs(1):\n        pass", globals()))
show("duplicate attribute", lambda: exec("match DupArgs():\n    case DupArgs(1, a=2):\n        pass", globals()))
show("int two positionals", lambda: exec("match 1:\n    case int(1, 2):\n        pass"))
show("not a class", lambda: exec("match 1:\n    case len():\n        pass", globals()))
show("missing attribute", lambda: exec("match Point(1, 2):\n    case Point(z=1):\n        print('no')\n    case _:\n        print('  missing attribute just fails')", globals()))
