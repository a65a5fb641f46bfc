# Closures: late binding in loops, default-argument capture, nonlocal counters, cells shared
# between sibling closures, cells surviving the frame, rebinding after capture, and
# __closure__/cell_contents introspection.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


late = [lambda: i for i in range(3)]
early = [lambda i=i: i for i in range(3)]
print([f() for f in late], [f() for f in early])


def counter(start=0):
    n = start

    def inc(step=1):
        nonlocal n
        n += step
        return n

    def get():
        return n

    def reset():
        nonlocal n
        n = start
    return inc, get, reset


inc, get, reset = counter(10)
print(inc(), inc(5), get(), reset(), get(), inc.__code__.co_freevars, [c.cell_contents for c in inc.__closure__])
inc2, get2, _ = counter()
print(inc2(), get(), get2())


def make_adders():
    adders = {}
    for name, k in [("one", 1), ("two", 2)]:
        def add(x, k=k):
            return x + k
        adders[name] = add
    return adders


print({n: f(10) for n, f in make_adders().items()})


def outer():
    x = "outer"

    def middle():
        def inner():
            return x
        return inner
    x = "rebound after def"
    return middle()


print(outer()())


def deep():
    a = 1

    def l1():
        b = 2

        def l2():
            nonlocal a, b
            a += 10
            b += 20

            def l3():
                return a + b
            return l3()
        return l2(), b
    return l1(), a


print(deep())


def unbound_cell():
    def read():
        return v
    try:
        read()
    except NameError as e:
        print(type(e).__name__, e)
    v = 5
    return read()


print(unbound_cell())


def del_cell():
    c = 1

    def f():
        return c
    del c
    return f


show("deleted cell", lambda: del_cell()())


def generator_closure():
    total = 0

    def gen():
        nonlocal total
        for i in range(4):
            total += i
            yield total
    return gen, lambda: total


g, t = generator_closure()
print(list(g()), t())
funcs = []
for j in range(3):
    def f(j=j):
        return j * j
    funcs.append(f)
print([f() for f in funcs], j)
x = "global"


def shadow():
    x = "local"

    class C:
        y = x

        def m(self):
            return x
    return C.y, C().m()


print(shadow())
print(type(inc.__closure__[0]).__name__, inc.__closure__[0] == inc.__closure__[0])
