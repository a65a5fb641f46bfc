# Async generators driven by hand (PEP 525): __anext__/asend/athrow/aclose awaitables, the
# ag_* attributes, StopAsyncIteration, and CPython's error messages.


class Tick:
    """An awaitable that yields one value to the event loop."""
    def __init__(self, label):
        self.label = label
    def __await__(self):
        got = yield ("tick", self.label)
        return got

def step(aw, value=None):
    """Send VALUE into awaitable AW once: ('yield', v), ('stop', v) or ('raise', exc)."""
    try:
        return ("yield", aw.send(value))
    except StopIteration as e:
        return ("stop", e.value)
    except BaseException as e:
        return ("raise", type(e).__name__, str(e))

def drive(aw):
    """Run awaitable AW to completion, answering each loop yield with its label."""
    out = []
    value = None
    while True:
        r = step(aw, value)
        out.append(r)
        if r[0] != "yield":
            return out
        value = "resumed-" + str(r[1][1])

async def counter(n):
    for i in range(n):
        got = yield i
        if got is not None:
            print("  counter got", got)
    print("  counter done")

g = counter(3)
print(type(g).__name__, type(g) is type(counter(0)))
print(g.__aiter__() is g, g.ag_running, g.ag_await, g.ag_code.co_name)
print(g.__name__, g.__qualname__, g.ag_frame.f_code.co_name)
print(repr(g).startswith("<async_generator object counter at 0x"))
a = g.__anext__()
print(type(a).__name__, type(g.asend(None)).__name__, type(g.athrow(ValueError)).__name__,
      type(g.aclose()).__name__)
print(a.__await__() is a, iter(a) is a)
print(step(a))
print(step(a))                     # reused after it finished
print(drive(g.asend("hello")))
print(drive(g.__anext__()))
print(drive(g.__anext__()))       # exhausted: StopAsyncIteration
print(drive(g.__anext__()))
print(g.ag_frame)

# awaits inside the generator pass through to the loop, yields come back as StopIteration
async def mixed():
    x = await Tick("a")
    yield "first " + str(x)
    y = await Tick("b")
    yield "second " + str(y)

m = mixed()
print(drive(m.__anext__()))
print(drive(m.__anext__()))
print(drive(m.__anext__()))

# athrow: handled inside, yields a value
async def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("  caught", repr(e))
            yield "recovered"

c = catcher()
print(drive(c.__anext__()))
print(drive(c.athrow(ValueError("boom"))))
print(drive(c.athrow(ValueError, ValueError("x"))))
print(drive(c.athrow(KeyError("unhandled"))))
print(drive(c.__anext__()))
print(drive(c.athrow(ValueError("after close"))))

# aclose
async def closer():
    try:
        yield 1
        yield 2
    finally:
        print("  finally in closer")
        await Tick("cleanup")

cl = closer()
print(drive(cl.__anext__()))
print(drive(cl.aclose()))
print(drive(cl.aclose()))
print(drive(cl.__anext__()))

async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "no"

s = stubborn()
print(drive(s.__anext__()))
print(drive(s.aclose()))

# aclose on a generator that never started
n = counter(2)
print(drive(n.aclose()))
print(drive(n.__anext__()))

# reusing awaitables and running twice
g2 = counter(5)
a1 = g2.__anext__()
print(step(a1))
print(step(a1))
t = g2.athrow(ValueError)
t.close()
print(step(t))
cw = g2.aclose()
cw.close()
print(step(cw))

async def slow():
    await Tick("s")
    yield 1

sl = slow()
first = sl.__anext__()
print(step(first))
print(step(sl.__anext__()))
print(step(sl.athrow(ValueError)))
print(step(sl.aclose()))
print(step(first))

# PEP 479 for async generators
async def leaks_stop():
    yield 1
    raise StopIteration("inner")

async def leaks_stop_async():
    yield 1
    raise StopAsyncIteration

for f in (leaks_stop, leaks_stop_async):
    x = f()
    print(drive(x.__anext__()))
    print(drive(x.__anext__()))

# sending a non-None value into a fresh generator through asend
fresh = counter(1)
print(drive(fresh.asend(42)))

# throw() on the asend awaitable
tg = catcher()
print(drive(tg.__anext__()))
aw = tg.__anext__()
try:
    print(aw.throw(ValueError("via throw")))
except StopIteration as e:
    print("stop", e.value)
print(step(aw))

# return with a value is a SyntaxError in an async generator
try:
    compile("async def f():\n    yield 1\n    return 2\n", "<ag>", "exec")
except SyntaxError as e:
    print("SyntaxError:", e.msg, e.lineno)

# async generator methods and lambdas in classes
class Source:
    def __init__(self, items):
        self.items = items
    async def stream(self):
        for it in self.items:
            yield it * 10

src = Source([1, 2])
st = src.stream()
print(st.__qualname__, drive(st.__anext__()), drive(st.__anext__()), drive(st.__anext__()))
