# cpyext: an extension built against CPython's headers walks the interpreter's frames itself
# (tstate->cframe->current_frame, _PyInterpreterFrame.previous, f_code, f_func, localsplus,
# owner, prev_instr, PyFrameObject.f_frame): pyrs's VM frames have CPython 3.11's layout.
import builtins
import glob
import os
import sys


def _ext_dir():
    """The built test extensions: $PYRS_CPYEXT_DIR (CTest), else the newest build*/ tree."""
    d = os.environ.get("PYRS_CPYEXT_DIR")
    if d:
        return d
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    found = glob.glob(os.path.join(root, "build*", "tests", "cpyext", "mods", "cxframes.*.so"))
    if not found:
        raise SystemExit("build the cpyext test modules first (cmake --build BUILD)")
    return os.path.dirname(max(found, key=os.path.getmtime))


sys.path.insert(0, os.path.abspath(_ext_dir()))
import cxframes

G = globals()
B = builtins.__dict__


def show(frames):
    for name, qualname, args, owner, no_locals, glob_, builtins_ in frames:
        if name == "<module>":
            qualname = "-"  # CPython runs module code under a throwaway function; pyrs has none
        print(" ", name, qualname, args, "owner", owner, "f_locals NULL", no_locals,
              "globals", glob_ is G, "builtins", builtins_ is B)


def leaf(a, b):
    return cxframes.stack(4)


def middle(x):
    y = x * 2
    return leaf(x, y)


class Shape:
    def area(self, scale):
        return cxframes.stack(2)

    def __repr__(self):
        return "Shape()"


def top():
    return middle("m")


print("plain calls")
show(top())
print("a method")
show(Shape().area(3))


def gen(n):
    for i in range(n):
        yield cxframes.stack(2)


print("a generator (owner 1) resumed by a for loop")
for frames in gen(2):
    show(frames)

print("a generator resumed by next()")
g = gen(1)


def drive():
    return next(g)


show(drive())


def recurse(n):
    if n == 0:
        return cxframes.depth()
    return recurse(n - 1)


base = recurse(0)
print("recursion adds frames:", recurse(50) - base)


def lines():
    first = cxframes.where()
    second = cxframes.where()
    return second > first


print("prev_instr moves forward:", lines())


def framed():
    return cxframes.frame_matches(sys._getframe())


print("f_frame is the running frame:", framed())


def own_frame():
    fo = cxframes.top_frame()
    return fo is sys._getframe(), fo.f_code.co_name


print("PyThreadState_GetFrame:", own_frame())


def returns_frame(a):
    return sys._getframe()


done = returns_frame(5)
print("a finished frame (owner 2):", cxframes.finished(done), done.f_lineno)
print("PyFrame_New (owner 2):", cxframes.new_frame(returns_frame.__code__, G))

seen = []


def key(v):
    frames = cxframes.stack(2)
    seen.append((frames[0][0], frames[0][2], frames[1][0]))
    return v


print("called back from C:", sorted([3, 1, 2], key=key), seen)
print("a lambda through map:", list(map(lambda q: cxframes.stack(1)[0][:3], [7])))
