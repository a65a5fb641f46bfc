# cpyext: the multi-phase test extension cxtest (tests/cpyext/ext/cxtest.c): module state,
# a GC heap type with methods/members/getsets/slots, buffers, exceptions, argument parsing.
import glob
import os
import sys


def _ext_dir():
    """The built test extensions: $PYRS_CPYEXT_DIR (CTest), else the newest build*/ tree."""
    d = os.environ.get("PYRS_CPYEXT_DIR")
    if d:
        return d
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    found = glob.glob(os.path.join(root, "build*", "tests", "cpyext", "mods", "cxtest.*.so"))
    if not found:
        raise SystemExit("build the cpyext test modules first (cmake --build BUILD)")
    return os.path.dirname(max(found, key=os.path.getmtime))


EXT_DIR = _ext_dir()
sys.path.insert(0, EXT_DIR)

import gc
import weakref

import cxtest

print(cxtest.__name__, cxtest.__doc__, cxtest.ANSWER, cxtest.GREETING)
print(os.path.basename(cxtest.__file__), cxtest.__spec__.name, type(cxtest.__loader__).__name__)
print(sorted(n for n in dir(cxtest) if not n.startswith("__")))

# module state
print(cxtest.counter(), cxtest.counter(), cxtest.counter())

# the type
V = cxtest.Vec
print(V.__name__, V.__qualname__, V.__module__, V.__doc__)
v = V([1, 2, 3.5], tag="a")
print(v, len(v), v[0], v[2], v.size, v.tag, v.sum(), v.norm)
v.scale(2)
print(v, v.first)
v.first = -1
print(v.first, v.append(7, 8), v, bool(v), bool(V()))
print(V.zeros(3), V.dot(V([1, 2]), V([3, 4])))
print(v.module_counter())
print(V([1, 2]) + V([10, 20]), V([1]) == V([1.0]), V([1]) != V([2]), V([1]) == 1)
print(list(V([5, 6])), 6.0 in V([5, 6]))

class Sub(V):
    def extra(self):
        return self.sum() * 10

s = Sub([1, 2], tag=None)
print(type(s).__name__, s.extra(), isinstance(s, V), repr(s))

for bad in (lambda: V([1, "x"]), lambda: V(1), lambda: V([1])[5], lambda: v.scale("z"),
            lambda: V.zeros(-1), lambda: V.dot(v, 3), lambda: V.dot(V([1]), V([1, 2])),
            lambda: V([1]) + V([1, 2]), lambda: V(tag=1, bogus=2), lambda: V([], 1),
            lambda: delattr(v, "first"), lambda: setattr(v, "size", 3),
            lambda: V().first, lambda: setattr(V(), "first", 1.0),
            lambda: v.module_counter(1)):
    try:
        print("no error", bad())
    except Exception as e:
        print(type(e).__name__, e)

# members: T_OBJECT_EX raises AttributeError once deleted
w = V([1])
del w.tag
try:
    w.tag
except AttributeError as e:
    print("AttributeError", e)

# buffers
m = memoryview(V([1.5, 2.5]))
print(m.format, m.itemsize, m.shape, m.tolist(), m.readonly, m.nbytes)
vv = V([3.0])
m2 = memoryview(vv)
try:
    vv.append(1)
except BufferError as e:
    print("BufferError", e)
m2.release()
print(vv.append(1), vv)
print(cxtest.buffer_info(b"abc"), cxtest.buffer_info(bytearray(b"xyz")))
print(cxtest.buffer_info(V([1.0])))
import array
print(cxtest.buffer_info(array.array("i", [1, 2, 3])))
try:
    cxtest.buffer_info("str")
except TypeError as e:
    print("TypeError", e)

# weak references and the cycle collector
class Holder:
    pass
x = V([1], tag=None)
x.tag = x
r = weakref.ref(x)
del x
gc.collect()
print("collected", r() is None)

# exceptions
print(cxtest.Error.__mro__[1].__name__, cxtest.Error.__module__, cxtest.Error.__doc__)
try:
    cxtest.raise_error("boom", 7)
except ValueError as e:
    print(type(e).__name__, e.args, isinstance(e, cxtest.Error))
try:
    cxtest.raise_error()
except TypeError as e:
    print("TypeError", e)

# argument parsing and building
print(cxtest.parse("n"))
print(cxtest.parse("n", 3, 1.25, data=b"xy", flag=[1]))
for args, kw in (((), {}), ((1,), {}), (("n", "x"), {}), (("n",), {"bogus": 1}),
                 (("n", 1, 2.0, b"d"), {}), (("n",), {"name": "m"})):
    try:
        cxtest.parse(*args, **kw)
    except TypeError as e:
        print("TypeError", e)
print(cxtest.build())

# calls back into Python, iteration, containers, strings, numbers
print(cxtest.call(lambda *a, **k: (a, sorted(k.items())), 1, 2, z=3))
try:
    cxtest.call(int, "x")
except ValueError as e:
    print("ValueError", e)
print(cxtest.total(range(10)), cxtest.total([1.5, 2]), cxtest.total(x * x for x in range(4)))
try:
    cxtest.total([1, "a"])
except TypeError as e:
    print("TypeError", e)
print(cxtest.containers())
print(cxtest.strings("héllo wörld ☃"), cxtest.strings("a\U0001F600"))
print(cxtest.numbers(7, 3), cxtest.numbers(2, 70), cxtest.numbers(7.5, 2))
try:
    cxtest.numbers(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)

# importing again gives the same module; a fresh import runs a fresh exec
import importlib
print(importlib.import_module("cxtest") is cxtest)
del sys.modules["cxtest"]
import cxtest as again
print(again is cxtest, again.counter(), cxtest.counter(), again.Vec is cxtest.Vec)
print(importlib.reload(again) is again, again.counter())
