# Exception chaining: implicit __context__, explicit `raise ... from`, `from None` suppression,
# __suppress_context__, chains through generators and finally, re-raise keeping the traceback,
# and context cycles being broken.
def describe(e):
    parts = []
    while e is not None:
        parts.append(f"{type(e).__name__}({e}) cause={type(e.__cause__).__name__ if e.__cause__ else None} "
                     f"suppress={e.__suppress_context__}")
        e = e.__cause__ or (None if e.__suppress_context__ else e.__context__)
    return parts


def implicit():
    try:
        {}["missing"]
    except KeyError:
        raise ValueError("while handling")


def explicit():
    try:
        int("x")
    except ValueError as e:
        raise RuntimeError("converted") from e


def suppressed():
    try:
        [].pop()
    except IndexError:
        raise LookupError("clean") from None


def cause_non_exception():
    raise ValueError("x") from 5


def cause_class():
    raise ValueError("x") from KeyError


for f in [implicit, explicit, suppressed, cause_non_exception, cause_class]:
    try:
        f()
    except Exception as e:
        print(f.__name__, describe(e), repr(e.__context__))


def reraise():
    try:
        1 / 0
    except ZeroDivisionError as e:
        first_tb = e.__traceback__
        try:
            raise
        except ZeroDivisionError as again:
            return again is e, again.__traceback__ is not None


print(reraise())


def bare_raise_outside():
    raise


try:
    bare_raise_outside()
except RuntimeError as e:
    print(type(e).__name__, e)


def cycle():
    try:
        try:
            raise KeyError("a")
        except KeyError as a:
            raise ValueError("b") from a
    except ValueError as b:
        try:
            raise b.__cause__
        except KeyError as again:
            return again.__context__ is b, b.__cause__ is again, again.__context__.__context__ is None


print(cycle())


def gen():
    try:
        yield 1
    except GeneratorExit:
        raise ValueError("during close")


g = gen()
next(g)
try:
    g.close()
except ValueError as e:
    print("close chain", describe(e), type(e.__context__).__name__)
e = Exception("manual")
e.__cause__ = TypeError("set by hand")
print(e.__suppress_context__, describe(e))
try:
    e.__cause__ = "not an exception"
except TypeError as err:
    print(type(err).__name__, err)
try:
    e.__context__ = 5
except TypeError as err:
    print(type(err).__name__, err)
try:
    try:
        raise OSError(2, "No such file", "x.txt")
    finally:
        print("finally without except")
except OSError as err:
    print(err.errno, err.strerror, err.filename, str(err), type(err).__name__)
print(isinstance(FileNotFoundError(), OSError), type(OSError(2, "x")).__name__, type(OSError(13, "x")).__name__)
