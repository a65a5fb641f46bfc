# SyntaxErrors symtable.symtable raises (from the parser and from the symbol table), with
# their locations, and the argument checks of _symtable.symtable.
import symtable
import _symtable

BAD = [
    "def f(x): foo)(",
    "def f(x): global x",
    "def f(x):\n    nonlocal x",
    "nonlocal y",
    "def f():\n    x = 1\n    global x",
    "def f():\n    print(x)\n    global x",
    "def f():\n    x: int\n    global x",
    "def f():\n    global x\n    x: int",
    "def g():\n    def f():\n        nonlocal zz\n",
    "def f():\n    global a\n    nonlocal a",
    "def f(a, a): pass",
    "lambda a, *a: 0",
    "class C:\n    [(y := 1) for x in range(3)]",
    "[(x := 1) for x in range(3)]",
    "[x for x in (y := [1])]",
    "def f():\n    from os import *",
    "yield 1",
    "[(yield 1) for x in y]",
    "class C:\n    def f(self):\n        nonlocal __x",
    "x = 1\ndef f():\n    import x\n    global x",
    "[i for i in range(5) if (j := 0) for j in range(5)]",
    "{i for i in range(5) if (j := 0) for k, *j in range(5)}",
    "def f():\n    global n\n    return [(n := x) for x in y]",
    "yield 1\ndef f():\n    global q\n    q: int",
    "from __future__ import braces",
    "\"doc\"\nfrom __future__ import annotations, nonexistent",
    "x = 1; from __future__ import annotations",
    "x = 1\nfrom __future__ import annotations",
    "class C:\n    nonlocal x",
]

for src in BAD:
    try:
        symtable.symtable(src, "spam.py", "exec")
        print("ok", repr(src))
    except SyntaxError as e:
        print(type(e).__name__, repr(src), "|", e.msg, e.filename, e.lineno, e.offset,
              e.end_lineno, e.end_offset)

CALLS = [
    (1, "f", "exec"),
    ("x", "f", "foo"),
    ("x", 1, "exec"),
    ("x", None, "exec"),
    ("x", "f", 3),
    ("x\0y", "f", "exec"),
    (b"x = 1", b"name", "exec"),
    (memoryview(b"x = 1"), "f", "exec"),
    (b"# -*- coding: iso8859-15 -*-\nclass \xb4: pass\n", "f", "exec"),
]
for args in CALLS:
    try:
        top = _symtable.symtable(*args)
        print("ok", [c.name for c in top.children], list(top.symbols))
    except Exception as e:
        print(type(e).__name__, e)
for args in [("x", "f"), ("x", "f", "exec", 1)]:
    try:
        _symtable.symtable(*args)
    except TypeError as e:
        print("TypeError", e)

import pathlib
import warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for fn in (pathlib.PurePosixPath("dir/p.py"), bytearray(b"ba.py"), memoryview(b"mv.py")):
        try:
            print(repr(_symtable.symtable("def f(): pass", fn, "exec").children[0]).split("(")[0])
            print(str(symtable.symtable("x = 1", fn, "exec")).split(" for ")[0])
        except Exception as e:
            print(type(e).__name__, e)
print([(w.category.__name__, str(w.message)) for w in caught])
