# Async comprehensions (PEP 530): `async for` in list/set/dict comprehensions and generator
# expressions, `await` in comprehensions, nesting, and the SyntaxErrors around them.

class Tick:
    def __init__(self, v):
        self.v = v
    def __await__(self):
        yield ("tick", self.v)
        return self.v

def run(coro):
    """Drive COROUTINE to completion; returns (result, number of loop yields)."""
    n = 0
    while True:
        try:
            coro.send(None)
        except StopIteration as e:
            return e.value, n
        n += 1

async def agen(n, tick=False):
    for i in range(n):
        if tick:
            await Tick(i)
        yield i

class ARange:
    """A hand-written async iterator (no async generator)."""
    def __init__(self, n):
        self.i, self.n = 0, n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i

async def square(x):
    await Tick(x)
    return x * x

async def main():
    print([x async for x in agen(4)])
    print({x % 2 async for x in agen(5)})
    print({x: str(x) async for x in agen(3, True)})
    print([x async for x in ARange(3)])
    print([x * y async for x in agen(3) for y in range(2)])
    print([(x, y) for x in range(2) async for y in agen(2)] if False else "skip")
    print([x async for x in agen(10) if x % 3 == 0 if x > 0])
    print([await square(x) for x in range(4)])
    print([await square(x) async for x in agen(3) if await square(x) > 0])
    print({x: await square(x) for x in range(3)})
    print({await square(x) for x in [2, -2, 3]})
    # nested: an async comprehension inside a sync one (allowed since 3.11)
    print([[y async for y in agen(x)] for x in range(3)])
    print({x: [y async for y in agen(x)] for x in range(3)})
    print([[y async for y in agen(x)] async for x in agen(3)])
    # async generator expressions
    ge = (x * 2 async for x in agen(3))
    print(type(ge).__name__, ge.__name__)
    print([v async for v in ge])
    ge2 = (await square(x) for x in range(3))
    print(type(ge2).__name__, [v async for v in ge2])
    # the first iterable is evaluated eagerly, in the enclosing scope
    try:
        [x async for x in 42]
    except TypeError as e:
        print("TypeError:", e)
    try:
        [x async for x in "ab"]
    except TypeError as e:
        print("TypeError:", e)
    # errors inside propagate
    async def failing():
        yield 1
        raise ValueError("mid-iteration")
    try:
        [x async for x in failing()]
    except ValueError as e:
        print("ValueError:", e)
    # comprehension variables do not leak
    x = "outer"
    [x async for x in agen(2)]
    print(x)
    return "done"

print(run(main()))

# an async generator expression is allowed in a plain function
def make():
    return (x async for x in agen(2))

g = make()
print(type(g).__name__)

async def consume(g):
    return [x async for x in g]

print(run(consume(g)))

for src in [
    "[x async for x in y]",
    "def f():\n    return [x async for x in y]",
    "def f():\n    return [await x for x in y]",
    "def f():\n    return {await x: 1 for x in y}",
    "async def f():\n    return [(yield x) async for x in y]",
    "async def f():\n    return lambda: [await x for x in y]",
    "async def f():\n    class C:\n        v = [x async for x in y]",
    "def f():\n    return (await x for x in y)",
]:
    try:
        compile(src, "<src>", "exec")
        print("ok")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
