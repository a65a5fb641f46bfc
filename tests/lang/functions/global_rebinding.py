# Global and builtin lookups see every rebinding (the VM caches them by dict version).
def f():
    return len("abc"), X
X = 1
print(f())
X = 2
print(f())
len = lambda s: 99
print(f())
del len
print(f())
import builtins
builtins.len = lambda s: -1
print(f())
del builtins.len
try:
    f()
except NameError as e:
    print(e)
globals()["X"] = 5
def g():
    global X
    X += 1
    return X
print(g(), g(), f if False else X)
exec("X = 100")
print(X, g())
