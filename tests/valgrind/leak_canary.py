# Leaks a list on purpose (one reference too many through ctypes), from a generator frame and
# from a reference cycle, so that CTest valgrind/self/leak_canary can check that
# tools/valgrind.sh reports a leaked GC object as definitely lost (the test expects failure).
import ctypes


def keep(obj):
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


def gen():
    x = [1, 2, "leaked from a generator frame"]
    keep(x)
    yield 1


g = gen()
next(g)
del g
cycle = ["leaked cycle"]
cycle.append(cycle)
keep(cycle)
del cycle
print("leaked")
