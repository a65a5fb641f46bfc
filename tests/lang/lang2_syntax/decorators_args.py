# Decorators: stacking order, decorators with arguments, class decorators, functools.wraps
# metadata, decorators returning non-callables, arbitrary decorator expressions (PEP 614),
# and function signatures: defaults evaluated once, keyword-only, positional-only, *args/**kw
# and argument binding errors.
import functools


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


order = []


def tag(name):
    order.append(f"make {name}")

    def deco(fn):
        order.append(f"apply {name}")

        @functools.wraps(fn)
        def wrapper(*a, **k):
            return f"{name}({fn(*a, **k)})"
        return wrapper
    return deco


@tag("outer")
@tag("inner")
def base(x):
    "base doc"
    return x


print(order, base(1), base.__name__, base.__doc__, base.__wrapped__.__wrapped__(2))
registry = {}


@lambda f: registry.setdefault(f.__name__, f)
def registered():
    return "reg"


print(registry["registered"](), registered())
buttons = [lambda f: (f, "first"), lambda f: (f, "second")]


@buttons[1]
def chosen():
    pass


print(chosen[1])


@(lambda c: type(c.__name__ + "X", (c,), {"extra": True}))
class Decorated:
    pass


print(Decorated.__name__, Decorated.extra)


def defaults(a, b=[], *, c=len("abc")):
    b.append(a)
    return b, c


print(defaults(1), defaults(2), defaults(3, []), defaults.__defaults__, defaults.__kwdefaults__)


def posonly(a, b, /, c, *, d, **rest):
    return a, b, c, d, rest


print(posonly(1, 2, 3, d=4), posonly(1, 2, c=3, d=4, a=5, b=6))
show("posonly by name", lambda: posonly(a=1, b=2, c=3, d=4))
show("missing kwonly", lambda: posonly(1, 2, 3))
show("too many positional", lambda: posonly(1, 2, 3, 4, d=5))
show("duplicate", lambda: posonly(1, 2, 3, c=3, d=4))
show("unexpected kw", lambda: defaults(1, z=2))
show("missing positional", lambda: defaults())
show("missing several", lambda: (lambda a, b, c: 0)())
show("kwonly missing several", lambda: (lambda *, x, y: 0)())
show("no args allowed", lambda: (lambda: 0)(1))
show("method arity", lambda: "abc".upper(1))


def star(*args, **kwargs):
    return args, kwargs


print(star(), star(1, *[2, 3], *(), x=1, **{"y": 2}), star(*"ab", **dict(z=0)))
show("kwargs non-str key", lambda: star(**{1: 2}))


def annotated(a: int, b: "str" = "x") -> list:
    return [a, b]


print(annotated.__annotations__, annotated(1))
print(base.__qualname__, defaults.__code__.co_argcount, posonly.__code__.co_posonlyargcount, posonly.__code__.co_kwonlyargcount)


class Memo:
    def __init__(self, fn):
        self.fn = fn
        self.cache = {}
        functools.update_wrapper(self, fn)

    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.fn(n)
        return self.cache[n]


@Memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), len(fib.cache), fib.__name__)


@functools.lru_cache(maxsize=None)
def lfib(n):
    return n if n < 2 else lfib(n - 1) + lfib(n - 2)


print(lfib(90), lfib.cache_info().hits > 0)
