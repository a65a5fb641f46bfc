# PEP 479: StopIteration raised inside a generator becomes RuntimeError.
def bad():
    yield 1
    raise StopIteration("oops")


try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))


def uses_next():
    it = iter([])
    yield next(it)


try:
    next(uses_next())
except RuntimeError as e:
    print("RuntimeError:", e)


def fine():
    try:
        next(iter([]))
    except StopIteration:
        yield "caught inside"


print(list(fine()))
