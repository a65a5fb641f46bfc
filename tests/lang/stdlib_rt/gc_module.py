# gc: enable/disable, collect with generations, thresholds, debug flags, tracking queries,
# referrers/referents, freeze, statistics shape, callbacks and garbage, argument errors.
import gc


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)

old = gc.get_threshold()
print(type(old).__name__, len(old))
gc.set_threshold(500)
print(gc.get_threshold()[0])
gc.set_threshold(600, 7, 8)
print(gc.get_threshold())
gc.set_threshold(*old)
show(lambda: gc.set_threshold())
show(lambda: gc.set_threshold(1, 2, 3, 4))
show(lambda: gc.set_threshold("x"))
count = gc.get_count()
print(type(count).__name__, len(count), all(isinstance(c, int) for c in count))

print(gc.get_debug())
gc.set_debug(0)
print(gc.get_debug())
show(lambda: gc.set_debug("x"))


class Node:
    def __init__(self):
        self.other = None


def make_cycle():
    a, b = Node(), Node()
    a.other, b.other = b, a


gc.collect()
make_cycle()
print(gc.collect() >= 2)
print(gc.collect(0) >= 0, gc.collect(1) >= 0, gc.collect(generation=2) >= 0)
show(lambda: gc.collect(3))
show(lambda: gc.collect(-1))
show(lambda: gc.collect("x"))

print(gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked([]), gc.is_tracked(Node()))
print(gc.is_finalized(Node()))

lst = [1, 2]
holder = {"k": lst}
print(any(r is holder for r in gc.get_referrers(lst)))
refs = gc.get_referents([1, "a"], {(3,): 2})
print(sorted(repr(r) for r in refs))
print(gc.get_referents())

objs = gc.get_objects()
print(type(objs).__name__, any(o is holder for o in objs))
print(type(gc.get_objects(generation=0)).__name__)
show(lambda: gc.get_objects(3))
show(lambda: gc.get_objects(-2))
print(type(gc.get_objects(-1)).__name__)
print(type(gc.get_objects(None)).__name__)

stats = gc.get_stats()
print(len(stats), sorted(stats[0]))

print(gc.get_freeze_count() == 0 or gc.get_freeze_count() > 0)
gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())

print(type(gc.garbage).__name__, type(gc.callbacks).__name__, gc.garbage)
events = []


def cb(phase, info):
    events.append((phase, sorted(info)))


gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(events[:2])
