def f(a, *b, c=1, **d):
    """doc"""
    for x in range(10):
        if x % 2 == 0 and not c:
            yield f"{x!r:>{a}} {x=} {{}}"
        elif x:
            continue
    return [y for y in b if y]

class C(Base, metaclass=M):
    @property
    def p(self) -> int:
        return self._p

async def g():
    async with a as b:
        await b
    match x:
        case [1, *rest] if rest:
            pass
        case {"k": v, **kw}:
            pass
        case Point(x=0) | None:
            pass

try:
    x = 1_000.5e-3j + 0x_ff + 0o17 + 0b1
except* (A, B) as e:
    raise E from e
finally:
    del x
lambda *a, **k: (a, k)
(w := 1) if (w := 2) else 3
s = b'\x00' rb'\d' '\N{DIGIT ONE}\u00e9' r'\n' u'x' """tri
ple"""
