# TypeErrors for bad calls, with CPython's messages
def f(a, b, c=3):
    return a + b + c


def k(*, x):
    return x


def p(a, /, b):
    return a, b


for call in (lambda: f(1), lambda: f(1, 2, 3, 4), lambda: f(1, 2, d=5),
             lambda: f(1, 2, a=1), lambda: k(), lambda: k(1), lambda: p(a=1, b=2),
             lambda: f()):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
