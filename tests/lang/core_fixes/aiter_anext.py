# aiter() and anext(): the async counterparts of iter() and next(), with anext's default
# given back at the end (an anext_awaitable), and CPython's messages for bad arguments.
import asyncio
async def agen():
    yield 1
    yield 2
async def main():
    g = agen()
    print(aiter(g) is g)
    print(await anext(g), await anext(g), await anext(g, "end"))
    try:
        await anext(g)
    except StopAsyncIteration as e:
        print("stop", type(e).__name__)
    class It:
        def __aiter__(self): return self
        async def __anext__(self): raise StopAsyncIteration
    print(await anext(It(), 42))
    for bad in (1, [1]):
        try:
            anext(bad)
        except TypeError as e:
            print(e)
    try:
        aiter(1)
    except TypeError as e:
        print(e)
    try:
        anext()
    except TypeError as e:
        print(e)
    a = anext(agen(), 0)
    print(type(a).__name__)
asyncio.run(main())
