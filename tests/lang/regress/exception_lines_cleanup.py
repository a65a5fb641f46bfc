# Frame line numbers left by exceptions that escape except/finally/with (PEP 626), the
# release of handled exceptions as a handler is left (break, re-raise, suppressing with),
# and sys.setrecursionlimit's "too low" check.
import gc
import sys
import weakref


def lines_after_raise(f):
    try:
        f()
    except Exception as ex:
        t = ex.__traceback__.tb_next
    out = []
    while t:
        out.append(t.tb_frame.f_lineno - t.tb_frame.f_code.co_firstlineno)
        t = t.tb_next
    return tuple(out)


def simple():
    1/0
    pass


def in_except():
    try:
        1/0
    except:
        1/0
        pass


def other_except():
    try:
        1/0
    except TypeError as ex:
        pass


def two_handlers():
    try:
        1/0
    except TypeError:
        pass
    except KeyError:
        pass


def in_named_except():
    try:
        1/0
    except Exception as ex:
        1/0
        pass


def in_try():
    try:
        1/0
    finally:
        pass


def in_finally_except():
    try:
        1/0
    finally:
        1/0
        pass


class Noop:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass


class ExitFails:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        raise ValueError


def after_with():
    with Noop():
        1/0
        pass


def raise_in_with_exit():
    with ExitFails():
        1/0


for f in (simple, in_except, other_except, two_handlers, in_named_except, in_try,
          in_finally_except, after_with, raise_in_with_exit):
    print(f.__name__, lines_after_raise(f))


# ---- handled exceptions are released when the handler is left ----
class MyException(Exception):
    def __init__(self, obj):
        self.obj = obj


class MyObj:
    pass


class Silence:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        return True


def cleanup_states():
    def inner():
        local_ref = obj
        raise MyException(obj)

    results = []
    obj = MyObj()
    wr = weakref.ref(obj)
    for i in [0]:
        try:
            inner()
        except:
            break
    obj = None
    results.append(("break", wr() is None))

    obj = MyObj()
    wr = weakref.ref(obj)
    try:
        inner()
    except MyException:
        try:
            try:
                raise
            finally:
                raise
        except MyException:
            pass
    obj = None
    results.append(("reraise in finally", wr() is None))

    obj = MyObj()
    wr = weakref.ref(obj)
    with Silence():
        inner()
    obj = None
    results.append(("silencing with", wr() is None))

    obj = MyObj()
    wr = weakref.ref(obj)
    try:
        inner()
    except MyException as e:
        pass
    obj = None
    results.append(("except as", wr() is None))

    def returns():
        try:
            inner()
        except MyException:
            return "returned"

    obj = MyObj()
    wr = weakref.ref(obj)
    r = returns()
    obj = None
    results.append((r, wr() is None))
    return results


print(cleanup_states())
print("handled after", sys.exc_info())


# ---- the handled exception is still restored correctly ----
def restore():
    try:
        raise KeyError("outer")
    except KeyError:
        for i in range(2):
            try:
                raise ValueError(i)
            except ValueError:
                if i == 0:
                    continue
                break
        return repr(sys.exc_info()[1])


print("restored", restore())


# ---- sys.setrecursionlimit refuses a limit below the current depth ----
def probe():
    depth = 1
    while True:
        try:
            sys.setrecursionlimit(depth)
        except RecursionError as e:
            msg = str(e)
            depth += 1
        else:
            return depth, msg.split(":")[1].strip()


def nested(n):
    return probe() if n == 0 else nested(n - 1)


saved = sys.getrecursionlimit()
first = nested(0)
sys.setrecursionlimit(saved)
second = nested(5)
sys.setrecursionlimit(saved)
print("probe difference", second[0] - first[0], first[1] == "the limit is too low")
try:
    sys.setrecursionlimit(1)
except RecursionError as e:
    print("RecursionError", str(e).split(" at ")[0])
