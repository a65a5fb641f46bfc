# positional, keyword, default, *args, **kwargs, keyword-only and positional-only parameters
def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw


print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=9))
print(f(*[1, 2, 3], **{"c": 0, "z": 1}))


def g(x, y, /, z):
    return x + y + z


print(g(1, 2, 3), g(1, 2, z=3))


def h(*, key):
    return key


print(h(key="k"))
