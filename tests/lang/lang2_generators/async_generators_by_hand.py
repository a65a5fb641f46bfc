# Async generators driven by hand: asend/athrow/aclose awaitables stepped with send(), values
# and StopAsyncIteration, finally blocks on aclose, errors for yielding in finally during
# close, and the async generator's attributes.
class Pause:
    def __await__(self):
        got = yield "paused"
        return got


def step(awaitable, value=None):
    try:
        return ("yielded to loop", awaitable.send(value))
    except StopIteration as e:
        return ("result", e.value)
    except StopAsyncIteration:
        return ("StopAsyncIteration",)
    except Exception as e:
        return ("raised", type(e).__name__, str(e))


async def ticker(n):
    try:
        for i in range(n):
            got = await Pause()
            received = yield (i, got)
            if received:
                print("  ticker received", received)
    except ValueError as e:
        print("  ticker caught", e)
        yield "after error"
    finally:
        print("  ticker finally")


ag = ticker(3)
print(type(ag).__name__, ag.__name__, ag.ag_running, ag.ag_frame is not None)
a = ag.__anext__()
print(step(a), step(a, "resume-1"))
b = ag.asend("hello")
print(step(b), step(b, "resume-2"))
c = ag.athrow(ValueError("boom"))
print(step(c))
d = ag.__anext__()
print(step(d))
print(step(ag.__anext__()))


async def closing():
    try:
        yield 1
        yield 2
    finally:
        print("  closing finally")


cl = closing()
print(step(cl.__anext__()))
print(step(cl.aclose()))
print(step(cl.__anext__()))


async def stubborn():
    try:
        yield 1
    finally:
        yield "not allowed"


st = stubborn()
print(step(st.__anext__()))
print(step(st.aclose()))


async def empty():
    return
    yield


print(step(empty().__anext__()))
e = empty()
print(step(e.athrow(KeyError("k"))))


async def consumer():
    out = []
    async for v in ticker(2):
        out.append(v)
    return out


co = consumer()
r = step(co)
while r[0] == "yielded to loop":
    r = step(co, "from-loop")
print(r)
