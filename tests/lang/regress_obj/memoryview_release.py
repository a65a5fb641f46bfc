# memoryview parity with CPython 3.11: equality of released views, tuple keys in item
# assignment (one item, sub-views, slices), __index__ objects as item values, views released
# by an __index__ while indexing or slicing (gh-92888), and a reference cycle through a view.
import array
import gc
import weakref


def attempt(label, fn):
    try:
        res = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(res))


m = memoryview(bytearray(b"abcdef"))
for key in ((0,), (0, 0), (slice(0, 1),), (slice(0, 1), 0), (0, slice(0, 1)), "a", 1.5, (),
            (slice(0, 1, 1), slice(0, 1, 2)), (1,)):
    attempt("set %r" % (key,), lambda key=key: m.__setitem__(key, b"x"))
m[(1,)] = 120
m[2] = 121


class Num:
    def __index__(self):
        return 122


m[3] = Num()
print("after sets", bytes(m))
nan = memoryview(array.array("d", [float("nan")]))
print("nan view == itself", nan == nan, nan != nan)
m.release()
print("released", m == m, m != m, m == memoryview(b""), memoryview(b"") == m)

grid = memoryview(bytearray(12)).cast("B", (3, 4))
grid[1, 2] = 7
grid[-1, -1] = 9
print("2d", grid.tolist())
attempt("2d index", lambda: grid.__setitem__(1, 5))
attempt("2d slice", lambda: grid.__setitem__(slice(0, 1), b"x"))
attempt("2d short tuple", lambda: grid.__setitem__((1,), 5))
attempt("2d bounds", lambda: grid.__setitem__((3, 0), 5))
scalar = memoryview(bytearray(1)).cast("B", ())
scalar[()] = 5
scalar[...] = 6
print("0d", scalar.tolist())
attempt("0d index", lambda: scalar.__setitem__(0, 1))

size = 16
holder = {}


def release():
    holder["m"].release()


class ReleasingIndex:
    def __index__(self):
        release()
        return 4


class ReleasingFloat:
    def __float__(self):
        release()
        return 4.25


class ReleasingBool:
    def __bool__(self):
        release()
        return True


def fresh(fmt="B", shape=None):
    base = memoryview(bytearray(b"\xff" * size))
    holder["m"] = base.cast(fmt) if shape is None else base.cast(fmt, shape)
    return holder["m"]


attempt("get index", lambda: fresh()[ReleasingIndex()])
attempt("get slice stop", lambda: list(fresh()[:ReleasingIndex()]))
attempt("get slice start", lambda: list(fresh()[ReleasingIndex():8]))
attempt("get 2d", lambda: fresh("B", (8, 2))[ReleasingIndex(), 0])
attempt("set index", lambda: fresh().__setitem__(ReleasingIndex(), 42))
attempt("set slice", lambda: fresh().__setitem__(slice(None, ReleasingIndex()), b"spam"))
attempt("set 2d", lambda: fresh("B", (2, 8)).__setitem__((0, ReleasingIndex()), 42))
attempt("set value", lambda: fresh().__setitem__(0, ReleasingIndex()))
for fmt in "bhilqnBHILQN":
    attempt("set value " + fmt, lambda fmt=fmt: fresh(fmt).__setitem__(0, ReleasingIndex()))
for fmt in "fd":
    attempt("set float " + fmt, lambda fmt=fmt: fresh(fmt).__setitem__(0, ReleasingFloat()))
attempt("set bool", lambda: fresh("?").__setitem__(0, ReleasingBool()))


class Source(bytes):
    pass


class Marker:
    pass


def make_cycle():
    b = Source(b"abc")
    b.m = memoryview(b)
    b.o = Marker()
    return weakref.ref(b.o)


ref = make_cycle()
gc.collect()
print("cycle collected", ref() is None)
