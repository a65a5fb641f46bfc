def gen(n):
    for i in range(n):
        yield i
def outer():
    yield from gen(3)
print(list(outer()))
