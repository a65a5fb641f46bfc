# Statements and definitions with their corner cases.
import a
import a.b.c as d, e
from a import b
from a.b import (c as d, e,)
from . import x
from .. import y
from .a import *
from ...a.b import c


@decorator
@decorator.attr(arg)
@(lambda f: f)
@x[0].y
class C(Base, metaclass=Meta, **kw):
    """doc"""
    attr: int = 1
    other: str
    (paren): int
    x.y: int
    z[0]: int = 2

    def method(self, a: int, /, b: "str" = "", *args: int, c, d: int = 3, **kw: dict) -> None:
        global g
        nonlocal_ = 1

        def inner():
            nonlocal nonlocal_
            return

    async def am(self):
        pass


class Empty: pass
class E2(): pass
def f(): return 1; pass
def g(a, b, /): pass
def h(*, a): pass
def i(a=1, /, b=2, *, c): pass
x = 1; y = 2;
x += 1
x -= 1; x *= 2; x @= 3; x /= 4; x //= 5; x %= 6; x **= 7; x >>= 8; x <<= 9; x &= 1; x ^= 2; x |= 3
a.b += 1
a[0] -= 1
for i in range(10):
    continue
else:
    pass
for a, b in c: pass
for (a, b) in c: pass
for [a, *b] in c: pass
while True:
    break
else:
    pass
if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass
with a: pass
with a as b, c as (d, e): pass
with (a, b): pass
with (a as b, c): pass
with (
    open(a) as f,
    open(b) as g,
):
    pass
try:
    pass
except:
    pass
try:
    pass
except E:
    pass
except (E1, E2) as e:
    pass
else:
    pass
finally:
    pass
try:
    pass
finally:
    pass
raise
raise E
raise E from None
assert x
assert x, "message"
del x
pass
x = \
    1
if x:

    # comment

    pass
