# Annotations: module, class and function __annotations__, annotations evaluated eagerly (3.11
# without the future import), annotated assignments without a value, annotations on attributes
# and subscripts (not stored), and errors raised while evaluating annotations.
import typing


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


module_var: int = 5
declared_only: str
print(__annotations__, module_var, "declared_only" in dir())


class Point:
    x: float
    y: float = 0.0
    tags: list[str] = []
    origin: "Point"
    counter: typing.ClassVar[int] = 0

    def method(self, a: int, *args: str, k: bool = True, **kw: float) -> "Point":
        self.attr: int = 5
        local: dict = {}
        return self


print(Point.__annotations__)
print(Point.method.__annotations__, Point.y, hasattr(Point, "x"))
print(typing.get_type_hints(Point.method))


def f(a: (lambda: "evaluated")(), b: 1 + 1 = 3) -> [1, 2]:
    return a


print(f.__annotations__)
evaluated = []


def note(v):
    evaluated.append(v)
    return v


def g(x: note("param") = note("default")) -> note("return"):
    pass


print(evaluated)
show("annotation error", lambda: exec("def h(x: undefined_annotation): pass"))
show("class annotation error", lambda: exec("class K:\n    v: undefined_in_class = 1"))
obj = Point()
obj.z: int = 7
d = {}
d["k"]: str = "v"
print(obj.z, d, "z" in Point.__annotations__)


def local_annotations():
    inner: int = 1
    unassigned: str
    try:
        return inner, unassigned
    except UnboundLocalError as e:
        return inner, str(e)


print(local_annotations(), local_annotations.__annotations__)
print(typing.get_type_hints(Point)["y"], Point.__dict__["__annotations__"] is Point.__annotations__)


class Empty:
    pass


print(Empty.__annotations__ if hasattr(Empty, "__annotations__") else "no annotations", "__annotations__" in Empty.__dict__)
print(show.__annotations__, (lambda: 0).__annotations__)
