def g():
    x = yield 1
    yield x * 2
it = g()
next(it)
print(it.send(5))
