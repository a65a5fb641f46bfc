# Every way of binding or deleting __debug__ is a SyntaxError from the compiler, placed as
# CPython 3.11 places it; reading it (or deleting an attribute named so) is fine.
cases = [
    "__debug__ = 1",
    "del __debug__",
    "__debug__: int",
    "__debug__ += 1",
    "x.__debug__ = 1",
    "x.__debug__: int = 2",
    "from __future__ import annotations\nobject.__debug__: int",
    "(a, x.__debug__) = 1, 2",
    "for x.__debug__ in y: pass",
    "for __debug__ in y: pass",
    "with a as __debug__: pass",
    "import __debug__",
    "import a as __debug__",
    "from a import b as __debug__",
    "def __debug__(): pass",
    "class __debug__: pass",
    "def f(__debug__): pass",
    "def f(*, __debug__=1): pass",
    "def f(*__debug__): pass",
    "def f(**__debug__): pass",
    "lambda __debug__: 1",
    "f(__debug__=1)",
    "class A(__debug__=1): pass",
    "try:\n    pass\nexcept E as __debug__:\n    pass",
    "[__debug__ for __debug__ in a]",
    "(__debug__ := 1)",
    "del x.__debug__",
    "x.__debug__ += 1",
    "print(__debug__)",
    "def g():\n    x = 1\n    x.__debug__ = 2",
]
for src in cases:
    try:
        compile(src, "<case>", "exec")
    except SyntaxError as e:
        print(repr(src), "->", e.msg, (e.lineno, e.offset, e.end_lineno, e.end_offset))
    else:
        print(repr(src), "-> compiles")
