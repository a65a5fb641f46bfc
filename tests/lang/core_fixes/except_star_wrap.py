# except*: an exception raised inside a clause that handled the whole group is re-raised
# wrapped in a new ExceptionGroup("", [...]) in 3.11 (3.12 stopped wrapping a single one).
import sys


def show(exc, depth=0):
    pad = "  " * depth
    print(pad + type(exc).__name__, repr(getattr(exc, "message", str(exc))))
    for sub in getattr(exc, "exceptions", ()):
        show(sub, depth + 1)


def attempt(raise_from):
    orig = ExceptionGroup("eg", [TypeError(1), ValueError(2)])
    try:
        try:
            raise orig
        except* (TypeError, ValueError) as e:
            if raise_from:
                raise SyntaxError(3) from e
            raise SyntaxError(3)
    except BaseException as exc:
        show(exc)
        inner = exc.exceptions[0]
        print("context is orig:", inner.__context__ is orig, "cause:", repr(inner.__cause__))


attempt(False)
attempt(True)

try:
    try:
        raise ExceptionGroup("eg", [TypeError(1), ValueError(2)])
    except* TypeError:
        raise KeyError("k")
    except* ValueError:
        pass
except BaseException as exc:
    show(exc)

try:
    try:
        raise ExceptionGroup("eg", [TypeError(1), ValueError(2)])
    except* TypeError:
        raise
except BaseException as exc:
    show(exc)

try:
    try:
        raise TypeError("naked")
    except* TypeError:
        raise KeyError("from naked")
except BaseException as exc:
    show(exc)
