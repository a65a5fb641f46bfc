def f(a, /, b, *, c=3, **kw):
    return a, b, c, kw
print(f(1, 2, d=4), f(1, b=2, c=0))
