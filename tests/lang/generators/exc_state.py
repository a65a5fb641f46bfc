# The exception being handled inside a generator stays with the generator across yields.
import sys


def gen():
    try:
        raise ValueError("inside")
    except ValueError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]


g = gen()
print(next(g), sys.exc_info()[0])
try:
    raise KeyError("outside")
except KeyError:
    print(next(g), sys.exc_info()[0].__name__)
print(next(g))
