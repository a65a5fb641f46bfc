# PEP 563: under `from __future__ import annotations` every annotation is stored as the text
# CPython's unparser writes, and nothing is evaluated (so forward references work).
from __future__ import annotations

import sys


def show(title, ann):
    print(title)
    for k, v in ann.items():
        print("  ", k, type(v).__name__, repr(v))


# ---- parameters and returns of many expression forms ----
def params(a: int, b: "str", c: list[int], d: dict[str, list[tuple[int, ...]]],
           e: Undefined.Name, f: a.b.c[d], g: 1 + 2 * 3, h: (1 + 2) * 3, i: 2 ** 3 ** 4,
           j: (2 ** 3) ** 4, k: -x ** 2, l: (-x) ** 2, m: not a and b or c,
           n: (a or b) and c, o: a if b else c, p: (a if b else c) if d else e,
           q: lambda: 1, r: lambda x, y=2, *a, z, w=3, **kw: x, s: lambda *, k: k,
           t: lambda a, /, b: a, u: [1, 2, 3], v: {1, 2}, w: {"a": 1, **x}, x: (1,),
           y: (), z: (1, 2), aa: x[1:2], bb: x[::2], cc: x[1:2, ::3], dd: x[...],
           ee: ..., ff: None, gg: True, hh: 1.5, ii: 1e400, jj: 2j, kk: 1e400j,
           ll: b"bytes", mm: u"text", nn: 'it\'s', oo: "q\"uote", pp: 10 ** -2,
           qq: a < b <= c != d, rr: a is not b, ss: a not in b, tt: a in b,
           uu: ~a, vv: +a, ww: a @ b, xx: a // b % c, yy: a << b >> c,
           zz: a | b ^ c & d, a1: f(x), a2: f(x, *y, k=1, **z), a3: f(x for x in y),
           a4: f((x for x in y), 1), a5: [x for x in y if x if not x],
           a6: {k: v for k, v in z}, a7: {x for x in y}, a8: (x for x in y for z in x),
           a9: [x async for x in y], b1: 1 .real, b2: 1.5.real, b3: "s".upper,
           b4: (a, b)[0], b5: (a + b).c, b6: f"x{y}z", b7: f"{x!r:>{width}}",
           b8: f"{x=}", b9: f"{ {1: 2}[1] }", c1: f"{'a'}{{}}", c2: f'{x:{"a"}}',
           c3: rb'\d', c4: "multi\nline\ttab\x00", c5: "é ☃ \U0001f600",
           c6: (lambda: 1)(), c7: [*a, *b], c8: {**a}, c9: f(*a), d1: a[b][c](d),
           d2: x[-1], d3: x[a:b:c], d4: x[:, 1], d5: a if b else c if d else e, d6: (a, *b), d7: x[*a], d8: x[a, *b],
           ) -> Returns[Forward]:
    pass


show("params", params.__annotations__)


# ---- *args, **kwargs, keyword-only, positional-only ----
def shapes(a: A, /, b: B = 1, *args: *Ts, c: C, d: D = 2, **kw: K) -> None:
    pass


show("shapes", shapes.__annotations__)


def star2(*args: int, **kwargs: "dict[str, int]"):
    pass


show("star2", star2.__annotations__)


# ---- classes: variables, methods, mangled names, forward references ----
class Node:
    value: int
    next: Node | None = None
    __private: list[Node]
    children: list[Node] = []
    x, y = 1, 2
    (paren): int = 3

    def method(self, other: Node, __p: int) -> Node:
        return self

    class Inner:
        ref: Node.Inner

        def m(self) -> Node.Inner:
            return self


show("Node", Node.__annotations__)
show("Node.method", Node.method.__annotations__)
show("Node.Inner", Node.Inner.__annotations__)
show("Node.Inner.m", Node.Inner.m.__annotations__)
print("paren", Node.paren, "next", Node.next)

# ---- module level ----
count: int = 0
names: list[str]
complicated: Callable[[int, str], Awaitable[None]] | None = None
obj = type("O", (), {})()
obj.attr: int = 5
seq = [0]
seq[0]: int = 7
show("module", {k: v for k, v in __annotations__.items()})
print("obj.attr", obj.attr, "seq", seq)


# ---- nested functions and closures ----
def outer():
    local_t = int

    def inner(x: local_t, y: later) -> inner:
        return x

    later = 1
    z: never_evaluated = 3
    return inner, z


inner, z = outer()
show("inner", inner.__annotations__)
print("z", z)


# ---- async and lambdas ----
async def coro(x: Awaitable[int]) -> AsyncIterator[int]:
    pass


show("coro", coro.__annotations__)
lam = lambda x: x
print("lambda annotations", lam.__annotations__)


def no_annotations(a, b=1):
    pass


print("none", no_annotations.__annotations__)

# ---- code flags ----
print("co_flags future bit", bool(params.__code__.co_flags & 0x1000000))
print("module flag", bool(sys._getframe().f_code.co_flags & 0x1000000))

# ---- exec and compile inherit the future unless told not to ----
ns = {}
exec("def f(x: List[int]) -> Dict: pass", ns)
show("exec inherits", ns["f"].__annotations__)
ns = {}
exec(compile("def f(x: int) -> None: pass", "<s>", "exec", dont_inherit=True), ns)
show("dont_inherit", ns["f"].__annotations__)
try:
    exec(compile("x: Missing = 1", "<s>", "exec", dont_inherit=True), {})
except NameError as e:
    print("dont_inherit evaluates:", type(e).__name__, e)
ns = {}
exec(compile("x: Missing = 1", "<s>", "exec"), ns)
print("inherited module", ns["__annotations__"])
ns = {}
exec(compile("def f(a: b) -> c: pass", "<s>", "exec", flags=0x1000000, dont_inherit=True), ns)
show("compile flag", ns["f"].__annotations__)
print("eval inherits", eval("(lambda: 1)()"))
