def f():
    x = 1
    def g():
        nonlocal x
        x += 1
        return x
    return g
c = f()
print(c(), c())
