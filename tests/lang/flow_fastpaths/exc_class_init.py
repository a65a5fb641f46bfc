# Calling an exception class whose __init__ is Python code: BaseException.__new__ keeps the
# positional arguments as args before __init__ runs, keywords go to __init__ only, and
# __init__'s result and errors are type.__call__'s.
class AppError(Exception):
    def __init__(self, code, *, note=None):
        print("init sees args", self.args)
        super().__init__(code)
        self.code = code
        self.note = note


class NoSuper(ValueError):
    def __init__(self, a, b):
        self.total = a + b


class BadInit(Exception):
    def __init__(self):
        return 5


class FailingInit(Exception):
    def __init__(self, x):
        raise KeyError(x)


class OwnNew(Exception):
    def __new__(cls, *args):
        print("own __new__", args)
        return super().__new__(cls, "replaced")

    def __init__(self, *args):
        print("own __init__", args, self.args)


class NotMine(Exception):
    def __new__(cls, *args):
        return ValueError("other")

    def __init__(self, *args):
        print("never runs")


e = AppError(3)
print(repr(e), e.args, e.code, e.note)
e = AppError(4, note="n")
print(repr(e), e.args, e.code, e.note)
e = NoSuper(1, 2)
print(repr(e), e.args, e.total, str(e))
try:
    BadInit()
except TypeError as err:
    print("TypeError:", err)
try:
    FailingInit("k")
except KeyError as err:
    print("KeyError:", err, err.__context__)
print(repr(OwnNew(1, 2)))
print(repr(NotMine(1)))
try:
    NoSuper(1)
except TypeError as err:
    print("TypeError:", err)
try:
    AppError(1, bad=2)
except TypeError as err:
    print("TypeError:", err)


def risky(i):
    if i % 2:
        raise AppError(i)
    raise NoSuper(i, i)


caught = []
for i in range(6):
    try:
        risky(i)
    except AppError as err:
        caught.append(("app", err.code, err.args))
    except ValueError as err:
        caught.append(("value", err.total, err.args))
print(caught)
