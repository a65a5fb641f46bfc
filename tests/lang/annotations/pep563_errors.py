# PEP 563: what CPython refuses inside annotations once they are stringified, what it then
# allows (nothing is evaluated), and the placement of `from __future__ import annotations`.
import __future__

FUT = "from __future__ import annotations\n"
cases = [
    "def f(x: (yield)): pass",
    "def g():\n    def f(x: (yield)): pass",
    "def f(x: (yield from a)): pass",
    "async def g():\n    def f(x: await a): pass",
    "def f(x: (y := 1)): pass",
    "def f() -> (yield): pass",
    "def f(*, k: (yield)): pass",
    "def f(**k: (yield)): pass",
    "def f(*a: (yield)): pass",
    "x: (yield) = 1",
    "def g():\n    x: (yield) = 1",
    "class A:\n    x: (yield)",
    "x: (await a)",
    "x: [(y := 1) for i in a]",
    "x: [i async for i in a]",
    "x: lambda: (yield)",
    "x: lambda: (await a)",
    "x: [(yield) for i in a]",
    "x: {(yield) for i in a}",
    "x: {i: (yield) for i in a}",
    "x: ((yield) for i in a)",
    "x: [i for i in (yield)]",
    "x: lambda: [(yield) for i in a]",
    "x: lambda y=(yield): y",
    "a.b: (yield)",
    "def f(a: int, b: (c := 1), d: (yield)): pass",
    "def f(a, b):\n    nonlocal_ok: undefined_name\n    return 1",
    "x: undefined_name\ny: int = 2",
]


def attempt(src, flags=0):
    try:
        code = compile(src, "<case>", "exec", flags=flags, dont_inherit=True)
    except SyntaxError as e:
        return f"{type(e).__name__}: {e.msg} @ {e.lineno}:{e.offset}-{e.end_lineno}:{e.end_offset}"
    ns = {}
    try:
        exec(code, ns)
    except Exception as e:
        return f"runs, then {type(e).__name__}: {e}"
    ann = ns.get("__annotations__")
    if ann is None:
        return "ok -"
    return "ok " + ", ".join(f"{k}={v!r}" if isinstance(v, str) else f"{k}=<{type(v).__name__}>"
                             for k, v in ann.items())


for src in cases:
    print(repr(src))
    print("   future:", attempt(FUT + src))
    print("   flag:  ", attempt(src, __future__.annotations.compiler_flag))
    print("   plain: ", attempt(src))

# placement of the future import
for src in [
    '"""doc"""\nfrom __future__ import annotations\nx: y',
    "from __future__ import division\nfrom __future__ import annotations\nx: y",
    "from __future__ import (annotations, division)\nx: y",
    "from __future__ import generator_stop, annotations\nx: y",
    "import os\nfrom __future__ import annotations\nx: y",
    "from __future__ import annotations, braces\nx: y",
    "from __future__ import annotations as a\nx: y",
    "x = 1; from __future__ import annotations",
]:
    print(repr(src), "->", attempt(src))

print(__future__.annotations.compiler_flag, __future__.annotations.getMandatoryRelease())
