# lambdas, higher-order functions and decorators
square = lambda x: x * x
print(square(7), sorted([3, -1, 2], key=lambda v: -v))


def trace(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__, args)
        return fn(*args, **kwargs)
    return wrapper


def times(n):
    def deco(fn):
        def run(x):
            for _ in range(n):
                x = fn(x)
            return x
        return run
    return deco


@trace
def add(a, b):
    return a + b


@times(3)
def double(x):
    return x * 2


print(add(2, 3), double(1))
print(add.__name__, double.__qualname__)
