# sys._getframe and frame objects: f_code, f_back, f_lineno, f_locals, live and finished.
import sys

def where():
    f = sys._getframe(1)
    return f.f_code.co_name, f.f_lineno, f.f_globals is globals()

def caller():
    x = 5
    return where()

print(caller())
f = sys._getframe()
print(f.f_code.co_name, f.f_back, f.f_lineno)

def keep():
    y = 42
    return sys._getframe()

fr = keep()
print(fr.f_locals, fr.f_lineno, fr.f_back.f_code.co_name)
print(repr(fr).startswith("<frame at 0x"), repr(fr).endswith("line 18, code keep>"))

def gen():
    z = 1
    yield sys._getframe().f_code.co_name
    yield 2

g = gen()
print(g.gi_frame.f_lineno, g.gi_frame.f_locals)
print(next(g), g.gi_frame.f_lineno, g.gi_frame.f_locals)
list(g)
print(g.gi_frame)
try:
    sys._getframe(100)
except ValueError as e:
    print("ValueError:", e)

def name_of_caller():
    return sys._getframe(1).f_globals.get("__name__")
print(name_of_caller())
def deep(n):
    if n == 0:
        f = sys._getframe()
        c = 0
        while f is not None:
            c += 1
            f = f.f_back
        return c
    return deep(n - 1)
print(deep(10))
