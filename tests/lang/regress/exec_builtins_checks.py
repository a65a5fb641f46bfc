# exec/eval namespaces (custom __builtins__, mapping globals, closure=), breakpoint(),
# cell objects, round()'s special lookup, input() streams, compile() arguments and the
# compile-time checks CPython's symtable/compiler make.
import builtins
import io
import os
import sys
import types


def report(label, fn):
    try:
        print(label, "->", repr(fn()))
    except Exception as e:
        print(label, "->", type(e).__name__, e)


# ---- builtins taken from the globals' __builtins__ ----
code = compile("print('Hello World!')", "", "exec")
report("no print", lambda: exec(code, {"__builtins__": {}}))
report("int builtins", lambda: exec(code, {"__builtins__": 123}))
report("no build_class", lambda: exec("class A: pass", {"__builtins__": {}}))
g = {"__builtins__": {"len": lambda x: 42}}
exec("def f(): return len([1])\nr = f()", g)
print("custom len", g["r"], len([1, 2]))
print("function builtins", g["f"].__builtins__ is g["__builtins__"])


class CustomDict(dict):
    pass


report("subclass builtins", lambda: exec("superglobal", {"__builtins__": CustomDict({"superglobal": 1})}))
report("subclass missing", lambda: exec("superglobal", {"__builtins__": CustomDict()}))


class Boom(Exception):
    pass


class GetRaises(dict):
    def __getitem__(self, key):
        raise Boom(key)


report("globals getitem", lambda: exec("globalname", GetRaises({"globalname": 1})))
report("builtins getitem", lambda: exec("x", {"__builtins__": GetRaises({"x": 1})}))


class Frozen(dict):
    def __setitem__(self, key, value):
        raise Boom("read-only")


fb = Frozen(builtins.__dict__)
report("frozen builtins", lambda: exec("__builtins__['sg'] = 2", {"__builtins__": fb}))
ns = {"__builtins__": fb}
exec("class A: pass\nok = A.__name__", ns)
print("class with frozen builtins", ns["ok"])

# ---- exec(closure=) and cells ----
def closures():
    result = 0

    def make():
        a, b = 2, 3

        def three():
            nonlocal result, a, b
            result = a * b

        return three

    three = make()
    three()
    print("plain call", result)
    cells = (types.CellType(35), types.CellType(72), three.__closure__[2])
    exec(three.__code__, three.__globals__, closure=cells)
    print("substituted closure", result)
    report("closure for no freevars", lambda: exec(report.__code__, {}, closure=cells))
    report("closure missing", lambda: exec(three.__code__, {}))
    report("closure list", lambda: exec(three.__code__, {}, closure=list(cells)))
    report("closure non-cell", lambda: exec(three.__code__, {}, closure=(1, 2, 3)))
    report("closure with str", lambda: exec("x = 1", {}, closure=cells))
    report("eval free vars", lambda: eval(three.__code__, {}))


closures()
c = types.CellType()
report("empty cell", lambda: c.cell_contents)
c.cell_contents = 5
print("cell set", c.cell_contents, types.CellType(1) == types.CellType(1),
      types.CellType() < types.CellType(0))
report("cell kwargs", lambda: types.CellType(x=1))
report("cell two args", lambda: types.CellType(1, 2))

# ---- breakpoint() ----
calls = []
sys.breakpointhook = lambda *a, **k: calls.append((a, k)) or "hooked"
print("breakpoint", breakpoint(1, x=2), calls)
sys.breakpointhook = sys.__breakpointhook__
os.environ["PYTHONBREAKPOINT"] = "0"
print("disabled", breakpoint())
del sys.breakpointhook
report("lost hook", lambda: breakpoint())
sys.breakpointhook = sys.__breakpointhook__
del os.environ["PYTHONBREAKPOINT"]


# ---- round() looks __round__ up on the type ----
class NoRound:
    pass


t = NoRound()
t.__round__ = lambda *args: args
report("instance __round__", lambda: round(t))


class HasRound:
    def __round__(self, n=None):
        return ("rounded", n)


print("type __round__", round(HasRound()), round(HasRound(), 2), round(HasRound(), None))

# ---- input() and its streams ----
saved = sys.stdin, sys.stdout


class NoFlush:
    def write(self, s):
        return len(s)


try:
    sys.stdin = io.StringIO("first\nsecond")
    sys.stdout = NoFlush()
    got = [input(), input("prompt> ")]
    sys.stdin = io.StringIO("")
    try:
        input()
    except EOFError as e:
        got.append("EOFError: %s" % e)
    del sys.stdout
    try:
        input("x")
    except RuntimeError as e:
        got.append("RuntimeError: %s" % e)
finally:
    sys.stdin, sys.stdout = saved
print("input", got)

# ---- compile() ----
print("memoryview source", type(compile(memoryview(b"x = 1"), "m", "exec")).__name__)
report("duplicate compile arg", lambda: compile("pass", "?", "exec", mode="eval", source="0", filename="t"))
print("traceback dir", sorted(dir((lambda: sys.exc_info())() or None) if False else
                               dir(types.TracebackType(None, sys._getframe(), 0, 1))))


# ---- positional-only arguments passed as keywords ----
def po(a, b, /, c):
    return a, b, c


report("posonly as keyword", lambda: po(a=1, b=2, c=3))

# ---- assert with a tuple message ----
try:
    assert False, (3,)
except AssertionError as e:
    print("assert tuple", repr(e), str(e), e.args)

# ---- compile-time checks ----
bad = [
    "try:\n  pass\nexcept:\n  pass\nexcept ValueError:\n  pass",
    "def f():\n  from os import *",
    "class C:\n  from os import *",
    "def f(x, x):\n  pass",
    "lambda a, /, a: None",
    "def f(p1, *, p1=100):\n  pass",
    "def f(**a, ): pass\ndef g(a, **a): pass",
    "def f():\n  global x\n  nonlocal x",
    "from __future__ import doesnt_exist",
    "from __future__ import braces",
    "x=1\nfrom __future__ import division",
    "def f():\n  from __future__ import annotations",
]
for src in bad:
    try:
        compile(src, "<s>", "exec")
        print("compiled", repr(src))
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.offset)
good = [
    '"""doc"""\nfrom __future__ import annotations\nfrom __future__ import division',
    "from __future__ import annotations; from __future__ import generators",
    "try:\n  pass\nexcept ValueError:\n  pass\nexcept:\n  pass",
    "import os\ndef f():\n  from os import path",
]
for src in good:
    compile(src, "<s>", "exec")
    print("ok", repr(src))

# ---- a raised SyntaxError printed by the default excepthook ----
for args in [("bad.py", 1, 2, "abcdefg", 1, 7), ("bad.py", 1, 0, "abcdefg", 1, 5),
             ("bad.py", 1, 2, "abcdefg", 1, 100), ("bad.py", 1, 2, "abc\ndefg", 2, 3),
             ("bad.py", 1, 3, "   xy", 1, 5), (None, 1, 1, None, None, None)]:
    try:
        raise SyntaxError("bad bad", args)
    except SyntaxError:
        err = io.StringIO()
        sys.stderr, saved_err = err, sys.stderr
        try:
            sys.__excepthook__(*sys.exc_info())
        finally:
            sys.stderr = saved_err
        text = err.getvalue()
        print(text[text.index("\n  File \"", text.index("in <module>")) + 1:], end="")
