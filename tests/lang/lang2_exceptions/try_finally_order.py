# try/except/else/finally ordering: return values overridden by finally, break/continue in
# finally, exceptions replaced in finally, else-clause placement, nested handlers, and the
# exception context visible at each point.
import sys

log = []


def trace(msg):
    log.append(msg)


def f1():
    try:
        trace("try")
        return "from try"
    finally:
        trace("finally")


def f2():
    try:
        return "try"
    finally:
        return "finally wins"


def f3():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            trace(f"body {i}")
        finally:
            trace(f"finally {i}")
    return i


def f4():
    try:
        raise ValueError("original")
    finally:
        trace(f"in finally exc={sys.exc_info()[0].__name__}")


def f5():
    try:
        try:
            raise ValueError("inner")
        finally:
            raise TypeError("replacement")
    except TypeError as e:
        return (repr(e), repr(e.__context__))


def f6(x):
    try:
        trace("try6")
        r = 1 / x
    except ZeroDivisionError:
        trace("except6")
        return "except"
    else:
        trace("else6")
        return "else"
    finally:
        trace("finally6")


def f7():
    while True:
        try:
            raise KeyError("swallowed by break")
        finally:
            break
    return "after break"


def f8():
    try:
        raise ValueError("v")
    except ValueError:
        try:
            raise KeyError("k")
        except KeyError as inner:
            return repr(inner.__context__), sys.exc_info()[0].__name__
        finally:
            trace(f"inner finally sees {sys.exc_info()[0].__name__}")


def f9():
    x = "start"
    try:
        x = "try"
        return x
    finally:
        x = "finally changed local"
        trace(x)


def f10():
    try:
        pass
    except Exception:
        trace("never")
    else:
        trace("else without exception")
    finally:
        trace("finally10")
    return sys.exc_info()


for f in [f1, f2, f3, f5, lambda: f6(1), lambda: f6(0), f7, f8, f9, f10]:
    log.clear()
    print(f(), log)
log.clear()
try:
    f4()
except ValueError as e:
    print("f4 raised", e, log)
print(sys.exc_info())


def gen_finally():
    try:
        yield 1
        yield 2
    finally:
        print("generator finally")


for v in gen_finally():
    print("got", v)
    break
print("after loop")


def nested_returns():
    try:
        try:
            return 1
        finally:
            print("inner finally")
    finally:
        print("outer finally")


print(nested_returns())
