# Generators with cells, lambdas, class-body generator expressions and return-only bodies.
def withcell(a):
    def inner():
        return a

    yield inner()
    a = 10
    yield inner()


print(list(withcell(3)))


class C:
    xs = [1, 2, 3]
    ys = list(x * 2 for x in xs)


print(C.ys)
f = lambda: (yield 5)
print(list(f()))


def gen_ret():
    return 1
    yield


try:
    next(gen_ret())
except StopIteration as e:
    print(e.value)
print(type(gen_ret()), gen_ret.__code__.co_flags & 0x20)


def make_adders(n):
    return [(lambda k: (i + k for i in range(2)))(j) for j in range(n)]


print([list(g) for g in make_adders(3)])
