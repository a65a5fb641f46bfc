# Generators, coroutines, async generators and frame objects caught in reference cycles are
# found by the cycle collector: their finally blocks run (PEP 442) and what they hold is freed.
import gc
import sys

# Only the explicit collections below run: which objects an automatic collection has already
# moved to an older generation decides the order finalizers run in, and that depends on how
# many objects the interpreter allocated before (different in pyrs and CPython).
gc.disable()

class Witness:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("freed", self.name)

def churn():
    gc.collect()
    return "collected"

def gen_cycle():
    w = Witness("generator local")
    try:
        me = yield 1
        yield 2
    finally:
        print("generator finally")

g = gen_cycle()
next(g)
g.send(g)          # the generator's frame now holds the generator itself
del g
print("churn", churn())

class Tick:
    def __await__(self):
        yield "tick"

async def coro_cycle(box):
    w = Witness("coroutine local")
    try:
        await Tick()
    finally:
        print("coroutine finally")

box = []
c = coro_cycle(box)
box.append(c)
c.send(None)
box.append(box)    # the coroutine holds box, box holds the coroutine
del c, box
print("churn", churn())

async def agen_cycle():
    w = Witness("async generator local")
    holder = yield 1
    yield 2

ag = agen_cycle()
try:
    ag.__anext__().send(None)
except StopIteration as e:
    print("first", e.value)
try:
    ag.asend(ag).send(None)
except StopIteration as e:
    print("second", e.value)
del ag
print("churn", churn())

def frame_cycle():
    w = Witness("frame local")
    f = sys._getframe()
    return f.f_code.co_name

print(frame_cycle())
print("churn", churn())

def unstarted_cycle():
    w = Witness("unstarted generator local")
    yield w

u = unstarted_cycle()
holder = [u]
u.gi_frame.f_locals   # materialise the frame object too
del u
holder.append(holder)
del holder
print("churn", churn())
print("end")
