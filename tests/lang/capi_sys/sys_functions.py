# sys functions: sizes, interning, exception state, limits, hooks and their error messages.
import sys


def show(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)


# getsizeof, for objects whose layout equals CPython's
print(sys.getsizeof(1), sys.getsizeof(0), sys.getsizeof(2**100), sys.getsizeof(-5))
print(sys.getsizeof(1.0), sys.getsizeof(1j), sys.getsizeof(True), sys.getsizeof(None))
print(sys.getsizeof(()), sys.getsizeof((1, 2)), sys.getsizeof([]), sys.getsizeof({}))
print(sys.getsizeof(""), sys.getsizeof("abc"), sys.getsizeof("é"), sys.getsizeof("€"))
print(sys.getsizeof(b""), sys.getsizeof(b"ab"), sys.getsizeof(set()), sys.getsizeof(object()))
print(sys.getsizeof(frozenset()), sys.getsizeof(bytearray()), sys.getsizeof(range(3)))


class Sized:
    def __sizeof__(self):
        return 100


class Negative:
    def __sizeof__(self):
        return -1


class BadSize:
    def __sizeof__(self):
        return "x"


print(sys.getsizeof(Sized()) >= 100)
show(sys.getsizeof, Negative())
show(sys.getsizeof, BadSize())
show(sys.getsizeof, BadSize(), 7)
show(sys.getsizeof, Negative(), 7)
show(sys.getsizeof)
show(sys.getsizeof, 1, 2, 3)
show(sys.getsizeof, 1, default=5)
show(sys.getsizeof, object=1)
show(sys.getsizeof, 1, bad=2)

# intern
s = "".join(["inte", "rned"])
t = sys.intern(s)
print(t == "interned", sys.intern(t) is t)
show(sys.intern, b"x")
show(sys.intern, 1)

# exception state
print(sys.exc_info(), sys.exception())
try:
    raise KeyError("k")
except KeyError as e:
    info = sys.exc_info()
    print(info[0].__name__, info[1] is e, info[2] is e.__traceback__, sys.exception() is e)
print(sys.exc_info(), sys.exception())

# frames
def inner():
    return sys._getframe(0).f_code.co_name, sys._getframe(1).f_code.co_name


def outer():
    return inner()


print(outer())
show(sys._getframe, 10**6)
show(sys._getframe, 1.5)
show(sys._getframe, 1, 2)

# recursion limit
old = sys.getrecursionlimit()
sys.setrecursionlimit(5000)
print(sys.getrecursionlimit())
sys.setrecursionlimit(old)
show(sys.setrecursionlimit, 0)
show(sys.setrecursionlimit, 1.5)
show(sys.setrecursionlimit, 2**70)

# switch interval
print(sys.getswitchinterval())
sys.setswitchinterval(0.01)
print(sys.getswitchinterval())
sys.setswitchinterval(0.005)
show(sys.setswitchinterval, 0)
show(sys.setswitchinterval, -1.0)
show(sys.setswitchinterval, "a")

# int <-> str conversion limit
print(sys.get_int_max_str_digits())
sys.set_int_max_str_digits(1000)
print(sys.get_int_max_str_digits())
show(int, "1" * 1001)
show(str, 10**1001)
sys.set_int_max_str_digits(maxdigits=0)
print(len(str(10**5000)), sys.get_int_max_str_digits())
sys.set_int_max_str_digits(4300)
show(sys.set_int_max_str_digits, 5)
show(sys.set_int_max_str_digits, "5")
show(sys.set_int_max_str_digits)

# trace and profile functions are stored and returned
print(sys.gettrace(), sys.getprofile())


def tracer(frame, event, arg):
    return None


sys.settrace(tracer)
got_trace = sys.gettrace() is tracer
sys.settrace(None)
sys.setprofile(tracer)
got_profile = sys.getprofile() is tracer
sys.setprofile(None)
print(got_trace, got_profile, sys.gettrace(), sys.getprofile())

# call_tracing
print(sys.call_tracing(max, (3, 9, 4)))
show(sys.call_tracing, len, [1])
show(sys.call_tracing, len)

# audit hooks
print(sys.audit("no.hooks.yet", 1, 2))
show(sys.audit)
events = []


def hook(event, args):
    if event.startswith("test."):
        events.append((event, args))


sys.addaudithook(hook)
sys.audit("test.event", 1, "two")
sys.audit("test.other")
print(events)
show(sys.audit, 5)

# misc
print(sys.is_finalizing(), sys.getdlopenflags(), sys.get_coroutine_origin_tracking_depth())
print(sys.get_asyncgen_hooks(), type(sys.get_asyncgen_hooks()).__name__)
show(sys.set_asyncgen_hooks, firstiter=5)
sys.set_asyncgen_hooks(firstiter=len)
print(sys.get_asyncgen_hooks().firstiter is len, sys.get_asyncgen_hooks()[1])
sys.set_asyncgen_hooks(firstiter=None, finalizer=None)
print(sys.get_asyncgen_hooks())
show(sys.set_coroutine_origin_tracking_depth, -1)
show(sys.exit, 1, 2)
try:
    sys.exit("bye")
except SystemExit as e:
    print("SystemExit", e.code)
try:
    sys.exit()
except SystemExit as e:
    print("SystemExit", e.code)

# displayhook prints a repr and sets builtins._
import builtins
sys.displayhook(None)
sys.displayhook([1, "a"])
print(builtins._)
show(sys.excepthook, 1)
show(sys.unraisablehook, 5)
show(sys.unraisablehook, None)

# the hooks can be replaced and restored
sys.excepthook = lambda *a: None
print(sys.excepthook is sys.__excepthook__)
sys.excepthook = sys.__excepthook__
print(sys.excepthook is sys.__excepthook__)

# the default excepthook writes to whatever sys.stderr is
import io
buf = io.StringIO()
saved = sys.stderr
sys.stderr = buf
try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise ValueError(42)
except ValueError:
    sys.__excepthook__(*sys.exc_info())
sys.excepthook(1, "1", 1)
sys.stderr = None
sys.excepthook(ValueError, ValueError(1), None)
sys.stderr = saved
print(buf.getvalue())
