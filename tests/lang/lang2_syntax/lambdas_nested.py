# Lambdas and nested functions: default-argument capture, recursion through names, lambdas in
# data structures, closures over loop variables, immediately invoked lambdas, lambda keyword
# arguments, __name__/__qualname__ of nested functions, and functions as first-class values.
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), (lambda *a, **k: (a, k))(1, x=2))
print((lambda a, b=10, *, c=100: a + b + c)(1), (lambda a, /, b: a - b)(5, b=2))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
print({k: f(6, 3) for k, f in ops.items()})
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(20))


def outer(prefix):
    def middle(sep):
        def inner(word):
            return prefix + sep + word
        return inner
    return middle


print(outer("pre")("-")("word"), outer.__qualname__, outer("a")("b").__qualname__, (lambda: 0).__qualname__)


def make_multipliers():
    return [lambda x, i=i: x * i for i in range(4)]


print([m(10) for m in make_multipliers()])
adders = []
for i in range(3):
    adders.append(lambda x, i=i: x + i)
print([a(100) for a in adders])
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)), list(map(lambda p: p[0] * p[1], [(2, 3), (4, 5)])))
print((lambda: (lambda: (lambda: "deep")())())(), (lambda x: (lambda y: x + y))(1)(2))


def apply_twice(f):
    return lambda x: f(f(x))


print(apply_twice(apply_twice(inc))(0), apply_twice(str.upper)("ab"))
funcs = [len, str.strip, abs, lambda v: v]
print([f.__name__ for f in funcs], [type(f).__name__ for f in funcs])


def counter_factory():
    count = 0

    def counter():
        nonlocal count
        count += 1
        return count
    counter.reset = lambda: None
    return counter


c1, c2 = counter_factory(), counter_factory()
print(c1(), c1(), c2(), c1(), hasattr(c1, "reset"), c1.__closure__[0].cell_contents)


def attrs():
    pass


attrs.custom = {"k": 1}
attrs.__doc__ = "set later"
print(attrs.custom, attrs.__doc__, sorted(attrs.__dict__), attrs.__defaults__, attrs.__kwdefaults__)
try:
    (lambda x: x)()
except TypeError as e:
    print(type(e).__name__, e)
try:
    attrs.__code__ = 5
except TypeError as e:
    print(type(e).__name__, e)
attrs.__code__ = (lambda: "swapped code").__code__
print(attrs())
