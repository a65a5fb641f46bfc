# closures: captured variables, nonlocal, counters, late binding
def make_adder(k):
    def add(x):
        return x + k
    return add


add5 = make_adder(5)
print(add5(10), make_adder(-1)(1))


def counter():
    n = 0

    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc


c = counter()
c()
c(10)
print(c())
fns = [lambda i=i: i * 2 for i in range(3)]
print([f() for f in fns])


def outer():
    x = "outer"

    def middle():
        def inner():
            return x
        return inner()
    return middle()


print(outer())
