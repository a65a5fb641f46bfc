# What `async with` and `async for` say when __aenter__, __aexit__ or __anext__ hand back
# something that cannot be awaited (CPython 3.11's messages, the __anext__ one chained).
import asyncio


class BadEnter:
    def __aenter__(self):
        return 1

    async def __aexit__(self, *exc):
        return False


class BadExit:
    async def __aenter__(self):
        return self

    def __aexit__(self, *exc):
        return (1, 2)


class BadNext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return ()


class AwaitRaises:
    def __await__(self):
        raise ZeroDivisionError("inside __await__")


class EnterAwaitRaises:
    def __aenter__(self):
        return AwaitRaises()

    async def __aexit__(self, *exc):
        return False


async def run(label, coro_fn):
    try:
        await coro_fn()
    except Exception as e:
        cause = e.__cause__
        print(label, type(e).__name__, e, "| cause:", type(cause).__name__ if cause else None)


async def main():
    async def with_enter():
        async with BadEnter():
            pass

    async def with_exit():
        async with BadExit():
            pass

    async def for_next():
        async for x in BadNext():
            pass

    async def comp_next():
        return [x async for x in BadNext()]

    async def enter_raises():
        async with EnterAwaitRaises():
            pass

    async def plain_await():
        await 5

    for label, fn in [("enter", with_enter), ("exit", with_exit), ("for", for_next),
                      ("comprehension", comp_next), ("__await__ raises", enter_raises),
                      ("await 5", plain_await)]:
        await run(label, fn)


asyncio.run(main())
