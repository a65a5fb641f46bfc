# The compiler's SyntaxWarnings (assert on a tuple, "perhaps you missed a comma?"), repeated
# keyword arguments, annotated names that are declared global/nonlocal, parenthesized
# annotation targets, and module.__annotations__.
import types
import warnings


def compile_report(src):
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always", SyntaxWarning)
        try:
            compile(src, "<case>", "exec")
            result = "ok"
        except SyntaxError as e:
            result = "SyntaxError: %s (line %s)" % (e.msg, e.lineno)
    shown = ["%s: %s (line %s)" % (w.category.__name__, w.message, w.lineno) for w in ws]
    with warnings.catch_warnings():
        warnings.simplefilter("error", SyntaxWarning)
        try:
            compile(src, "<case>", "exec")
            as_error = "no error"
        except SyntaxError as e:
            as_error = "SyntaxError: %s" % e.msg
    print(repr(src), "->", result, shown, "| as error:", as_error)


for src in [
    'assert(x, "msg")',
    "assert(False,)",
    'assert x, "msg"',
    "x = 1\n[(1, 2) (3, 4)]",
    "[[1, 2] (3, 4)]",
    "[{1: 2} (3, 4)]",
    '[f"{x}" (3, 4)]',
    "[None (3, 4)]",
    "[(lambda: 1) (3, 4)]",
    "[{1, 2} [i, j]]",
    "[12.3 [i, j]]",
    "[(1, 2) [i, j]]",
    '["abc" [i, j]]',
    "[[1, 2] [{3: 4}]]",
    "[[1, 2] [1:2]]",
    "[[1, 2] [True]]",
    "[d [i, j]]",
    "f(x=1, x=2)",
    "f(1, x=2, *(3, 4), x=5)",
    "f(x=1, **k, x=2)",
    "class C(metaclass=M, metaclass=N): pass",
    "f(a=1, b=2, **k)",
    "def f():\n    x: int\n    global x",
    "def f():\n    global x\n    x: int",
    "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x: int",
    "def f():\n    print(x)\n    global x",
    "def f():\n    x = 1\n    global x",
]:
    compile_report(src)


# ---- annotation targets in functions ----
def simple_target():
    x: int
    try:
        return x
    except NameError as e:
        return type(e).__name__


def parenthesized_target():
    (no_such_global_name): int
    try:
        return no_such_global_name
    except NameError as e:
        return type(e).__name__


print("simple", simple_target(), "parenthesized", parenthesized_target())

# ---- module.__annotations__ ----
m = types.ModuleType("m")
print("fresh", m.__annotations__, "__annotations__" in m.__dict__)
m.__annotations__ = {"a": int}
print("set", m.__annotations__)
del m.__annotations__
try:
    del m.__annotations__
except AttributeError as e:
    print("AttributeError", e)
m.__dict__["__annotations__"] = 3
print("from dict", m.__annotations__)


# ---- __annotations__ is set up once per body, never re-created ----
class NoAnnotations:
    del __annotations__
    try:
        x: int
    except NameError as e:
        print("re-created?", type(e).__name__)
    else:
        print("re-created?", "no error")


# ---- a bound method is not a descriptor: classmethod passes the class to it ----
class A:
    def foo(self, cls):
        return "spam", cls.__name__


class B:
    bar = classmethod(A().foo)
    baz = A().foo


print("classmethod(bound)", B.bar(), B().baz(B))
print("bound method has __get__", hasattr(type(A().foo), "__get__"))


# ---- star-unpacking limits and ** merging errors ----
names = ", ".join("a%d" % i for i in range(1 << 8))
for src in [names + ", *rest = range(1 << 8 + 1)", "*rest, " + names + " = range(300)",
            ", ".join("a%d" % i for i in range(255)) + ", *rest = range(300)"]:
    try:
        compile(src, "test", "exec")
        print("compiled", len(src))
    except SyntaxError as e:
        print("SyntaxError", e.msg)


def kw(**k):
    return sorted(k.items(), key=repr)


for call in (lambda: kw(**{1: 3}, **{1: 5}), lambda: kw(**{"a": 1}, **{"a": 2}),
             lambda: kw(**{1: 3}), lambda: kw(**{"b": 1}, b=2)):
    try:
        print(call())
    except TypeError as e:
        print("TypeError", str(e).split("kw()")[-1])
