# locals() and vars(): snapshots in functions, the namespace at module and class level.
def f(a, b=2):
    c = a + b
    return sorted(locals().items())


print(f(1))


def outer():
    x = 1

    def inner():
        return locals()

    y = x
    return inner(), sorted(locals())


print(outer())


class C:
    p = 1
    q = sorted(k for k in locals() if not k.startswith("__"))


print(C.q)
print(locals() is globals(), vars() is globals())


class D:
    def __init__(self):
        self.a = 1
        self.b = "two"


print(vars(D()))
try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)
