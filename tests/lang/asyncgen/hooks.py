# sys.set_asyncgen_hooks / get_asyncgen_hooks (PEP 525): firstiter runs on the first
# __anext__/asend/athrow/aclose, the finalizer is remembered then and called when a suspended
# async generator is collected (it can finish the generator with aclose()).
import gc
import sys

print(sys.get_asyncgen_hooks())
events = []

def firstiter(agen):
    events.append(("firstiter", agen.__name__))

pending = []

def finalizer(agen):
    events.append(("finalizer", agen.__name__))
    pending.append(agen)          # resurrect it to close it properly later

def step(aw):
    try:
        return ("yield", aw.send(None))
    except StopIteration as e:
        return ("stop", e.value)
    except BaseException as e:
        return ("raise", type(e).__name__, str(e))

async def gen(name):
    try:
        yield name + "-1"
        yield name + "-2"
    finally:
        events.append(("finally", name))

old = sys.get_asyncgen_hooks()
sys.set_asyncgen_hooks(firstiter=firstiter, finalizer=finalizer)
hooks = sys.get_asyncgen_hooks()
print(hooks.firstiter is firstiter, hooks.finalizer is finalizer, hooks[0] is firstiter)

a = gen("a")
print(events)                 # nothing before the first iteration
print(step(a.__anext__()))
print(step(a.asend(None)))
print(events)
del a                         # suspended: handed to the finalizer
gc.collect()
print(events)
closer = pending.pop().aclose()
print(step(closer))
print(events)

b = gen("b")
print(step(b.aclose()))       # never started: no finally, hooks still ran
print(events[-1])

sys.set_asyncgen_hooks(finalizer=None)   # firstiter stays
c = gen("c")
print(step(c.__anext__()))
del c
gc.collect()
print(events[-2:])

for bad in [dict(firstiter=1), dict(finalizer="x")]:
    try:
        sys.set_asyncgen_hooks(**bad)
    except TypeError as e:
        print("TypeError:", e)
sys.set_asyncgen_hooks(*old)
print(sys.get_asyncgen_hooks())
