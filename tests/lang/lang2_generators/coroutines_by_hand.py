# Coroutines driven without an event loop: send/throw/close on coroutine objects, custom
# awaitables (__await__ generators), awaiting other coroutines, async with / async for with
# hand-written managers and iterators, and the errors of misuse.
import types


def show(label, fn):
    try:
        r = fn()
    except BaseException as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class Suspend:
    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        reply = yield ("suspended", self.tag)
        return f"{self.tag} got {reply}"


async def child(x):
    a = await Suspend("c1")
    return (x, a)


async def parent():
    r1 = await child(1)
    r2 = await Suspend("p")
    try:
        await Suspend("risky")
    except KeyError as e:
        r3 = "caught " + repr(e)
    return [r1, r2, r3]


def run(coro, replies):
    out = [coro.send(None)]
    try:
        for r in replies:
            out.append(coro.send(r))
    except StopIteration as e:
        out.append(("result", e.value))
    return out


co = parent()
print(co.send(None), co.send("one"), co.send("two"))
print(co.throw(KeyError("k")) if False else "skip")
try:
    co.throw(KeyError("k"))
except StopIteration as e:
    print("finished with", e.value)
print(type(co).__name__, co.cr_running, co.cr_frame, co.__qualname__)
show("reuse", lambda: co.send(None))


class AsyncCM:
    async def __aenter__(self):
        print("  aenter")
        await Suspend("enter")
        return "resource"

    async def __aexit__(self, *exc):
        print("  aexit", exc[0].__name__ if exc[0] else None)
        return True


class ATicker:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await Suspend(f"tick{self.n}")
        return self.n


async def uses_protocols():
    async with AsyncCM() as res:
        got = [res]
        async for v in ATicker(3):
            got.append(v)
        raise ValueError("suppressed by aexit")
    return got


print(run(uses_protocols(), ["r1", "r2", "r3", "r4", "r5"]))


@types.coroutine
def legacy():
    v = yield "legacy-yield"
    return "legacy:" + v


async def uses_legacy():
    return await legacy()


print(run(uses_legacy(), ["x"]))
c2 = child(9)
c2.send(None)
print(c2.close(), c2.cr_frame is None)


async def never():
    return 1


show("await non-awaitable", lambda: run((lambda: (async_await_int()))(), []))


async def async_await_int():
    return await 5


show("await int", lambda: async_await_int().send(None))


class BadAwait:
    def __await__(self):
        return 5


async def await_bad():
    return await BadAwait()


show("await bad", lambda: await_bad().send(None))
n = never()
show("iterate coroutine", lambda: list(n))
show("coroutine next", lambda: next(n))
n.close()


async def agen():
    yield 1
    await Suspend("in agen")
    yield 2


async def consume():
    return [v async for v in agen()]


print(run(consume(), ["resumed"]))
