# Coroutines driven by hand: await chains, __await__ iterators, send/throw/close, errors.
import sys

class Sleep:
    def __init__(self, n):
        self.n = n
    def __await__(self):
        for i in range(self.n):
            got = yield ("tick", i)
        return "slept %d" % self.n

async def child(x):
    r = await Sleep(2)
    return f"{r} for {x}"

async def parent():
    a = await child(1)
    b = await child(2)
    return [a, b]

def run(coro):
    value = None
    steps = []
    while True:
        try:
            steps.append(coro.send(value))
        except StopIteration as e:
            return e.value, steps
        value = len(steps)

c = parent()
print(type(c).__name__, repr(c).startswith("<coroutine object parent at 0x"))
print(run(c))
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)

async def raiser():
    await Sleep(1)
    raise ValueError("inside")

r = raiser()
print(r.send(None))
try:
    r.send(None)
except ValueError as e:
    print("ValueError:", e)

async def catcher():
    try:
        await Sleep(3)
    except KeyError as e:
        return "caught " + repr(e)

k = catcher()
k.send(None)
try:
    k.throw(KeyError("k"))
except StopIteration as e:
    print(e.value)

async def bad():
    await 5
try:
    bad().send(None)
except TypeError as e:
    print("TypeError:", e)

w = child(3).__await__()
print(next(w), w.send(None))
try:
    w.send(None)
except StopIteration as e:
    print("done", e.value)
cc = child(4)
print(cc.cr_running, cc.cr_code.co_name, cc.__qualname__)
cc.close()
print(bool(child.__code__.co_flags & 0x80))
