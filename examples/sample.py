# sample.py: one of each Python 3.11 construct, for the parser's AST comparison with CPython.
"""Module docstring."""
from __future__ import annotations

import os, sys as system
import a.b.c as d
from . import x
from .. import (y, z,)
from ...pkg.mod import name as alias, other
from .... import *

x = 1
a, b = c, *d = e = [1, 2]
(f), [g, h] = i
*j, = k
l: int
m: "str" = "value"
(n): int = 1
o.p: float = 2.0
q[0]: list[int] = []
r += 1; s -= 2; t *= 3; u @= 4; v /= 5; w %= 6; aa &= 7; bb |= 8; cc ^= 9
dd <<= 1; ee >>= 2; ff **= 3; gg //= 4
hh = yield_ = None
del x, (y), [z]
del a.b, c[0], (d, e)
global G1, G2
assert x, "message"
assert y
pass


def func(a, b=1, /, c=2, *args: int, d, e=3, **kwargs) -> None:
    nonlocal_var = 1
    return


def posonly(a, /):
    return a, b


def kwonly(*, a, b=2):
    return *a, *b


def star_annot(*args: *Ts):
    yield
    yield x
    yield from y
    x = yield
    z = yield a, b
    await_ = 1


async def coro(x):
    await x
    async for i in aiter():
        pass
    else:
        pass
    async with a as b, c:
        pass
    return [i async for i in x if i if not i]


@decorator
@decorator.attr(1)
@(lambda f: f)
@x[0] == y
class C(Base, *bases, metaclass=Meta, **kw):
    attr: int = 0

    @property
    def method(self):
        return self.attr


class D:
    pass


class E():
    pass


lam = lambda: 0
lam2 = lambda a, b=1, *c, d, e=2, **f: (a, b, c)
lam3 = lambda a, /, b: a
lam4 = lambda *, k: k
lam5 = lambda *a, **k,: 0

cond = a if b else c if d else e
chain = a < b <= c == d != e > f >= g is h is not i in j not in k
boolean = a and b and c or d or not e
mixed = a or b and c or (d or e)
arith = -a + +b - ~c * d / e // f % g @ h ** -i ** j
bits = a | b ^ c & d << e >> f
walrus = [y := 1, y ** 2]
if (n := len(a)) > 10:
    pass
elif n:
    pass
elif m:
    pass
else:
    pass

while x:
    break
else:
    continue

for i, (j, k) in enumerate(x):
    pass
for i in *a, *b:
    pass
for [a, b] in c:
    pass
else:
    pass

try:
    pass
except ValueError:
    pass
except (TypeError, KeyError) as exc:
    raise
except:
    raise ValueError("x") from exc
else:
    pass
finally:
    pass

try:
    pass
finally:
    pass

try:
    pass
except* ValueError as eg:
    pass
except* (TypeError, OSError):
    pass

with open(f) as fh, open(g) as (a, b):
    pass
with (open(f) as fh, open(g) as gh,):
    pass
with (a, b):
    pass
with (a, b) as c:
    pass
with (a):
    pass
with (yield):
    pass

calls = f(a, *b, c=d, *e, **g)
calls2 = f(x for x in y)
calls3 = f(a)(b)(c)[d].e
subs = a[1:2, ::3, 4:, :5, ...]
subs2 = a[:]
subs3 = a[*b]
subs4 = a[b:=1]
subs5 = a[1,]
subs6 = a[(1, 2)]
displays = [1, 2, *a], (1,), (), {1, 2, *b}, {1: 2, **c, 3: 4}, {}
comps = [x for x in y], {x for x in y if x}, {k: v for k, v in items}, (x for x in y)
nested = [x for y in z for x in y if x if y]
strings = "a" "b", b"c" b"d", u"e", r"\n", """multi
line""", "\x41\u00e9\N{BULLET}"
numbers = 1, 1.5, 1e10, 1j, 0x1F, 0o17, 0b101, 1_000_000, 2.5e-3j
consts = None, True, False, ...
fs = f"simple {x} and {y!r} and {z:>10} and {w=}"
fs2 = f"{x:{width}.{precision}}" "plain" f'{a["k"]}'
neg = -1
attr = a.b.c.d
starred_ret = (*a, *b)

match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0):
        pass
    case Point(1, 2, z=3):
        pass
    case [Point(x=0, y=0), *rest]:
        pass
    case {"key": value, **rest}:
        pass
    case {1: _, -2: b, 1.5: c, 1 + 2j: d, a.b: e}:
        pass
    case 1 | 2 | 3 as num:
        pass
    case -1 - 2j:
        pass
    case "a" "b":
        pass
    case None | True | False:
        pass
    case (a, b, *_):
        pass
    case ():
        pass
    case []:
        pass
    case (x):
        pass
    case a.b.c:
        pass
    case _ if x > 1:
        pass
    case a, *b:
        pass
    case {}:
        pass
    case C():
        pass
    case _:
        pass

match = 1
match.attr = 2
match(x)
case = 3
_ = 4
match x, y:
    case a, b if a:
        pass
match *a, b:
    case _:
        pass
match -x:
    case 1:
        pass
