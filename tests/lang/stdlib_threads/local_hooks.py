# threading.local (per-thread dicts, subclasses whose __init__ runs again in each thread,
# __dict__), exceptions in threads through threading.excepthook, and thread identity.
import sys
import threading
import _thread

print("-- local")
loc = threading.local()
loc.name = "main"
seen = {}


def visit(n):
    seen[n] = (hasattr(loc, "name"), getattr(loc, "name", None))
    loc.name = "t%d" % n
    loc.extra = n
    seen[n] += (sorted(loc.__dict__),)


ts = [threading.Thread(target=visit, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(seen.items()))
print(loc.name, loc.__dict__)
try:
    loc.__dict__ = {}
except AttributeError as e:
    print("AttributeError", e)
try:
    threading.local(1)
except TypeError as e:
    print("TypeError", e)
del loc.name
print(hasattr(loc, "name"))


class Counter(threading.local):
    instances = 0

    def __init__(self, start, step=1):
        Counter.instances += 1
        self.value = start
        self.step = step

    def bump(self):
        self.value += self.step
        return self.value


c = Counter(10, step=5)
c.bump()
out = []


def use_counter():
    out.append((c.value, c.bump(), c.bump()))


t = threading.Thread(target=use_counter)
t.start()
t.join()
print(out, c.value, Counter.instances)


class Slots(threading.local):
    __slots__ = ("fixed",)


s = Slots()
s.fixed = 1
s.free = 2
r = []
t = threading.Thread(target=lambda: r.append((hasattr(s, "fixed"), hasattr(s, "free"))))
t.start()
t.join()
print(r, s.fixed, s.free)

print("-- excepthook")
captured = []


def hook(args):
    captured.append((args.exc_type.__name__, str(args.exc_value), args.thread.name,
                     args.exc_traceback is not None))


def boom(kind):
    if kind == "value":
        raise ValueError("bad value")
    if kind == "exit":
        raise SystemExit(3)
    raise KeyError(kind)


old = threading.excepthook
threading.excepthook = hook
for kind in ("value", "exit", "key"):
    t = threading.Thread(target=boom, args=(kind,), name="th-" + kind)
    t.start()
    t.join()
threading.excepthook = old
print(captured)


def failing_hook(args):
    raise RuntimeError("hook failed")


threading.excepthook = failing_hook
sys.stderr.flush()
t = threading.Thread(target=boom, args=("value",), name="th-bad-hook")
t.start()
t.join()
threading.excepthook = old
sys.stderr.flush()
print("default hook:")
sys.stdout.flush()
t = threading.Thread(target=boom, args=("value",), name="th-default")
t.start()
t.join()
sys.stderr.flush()
try:
    _thread._excepthook(1)
except TypeError as e:
    print("TypeError", e)

print("-- identity")
ids = {}


def ident(n):
    ids[n] = (threading.get_ident(), _thread.get_ident(), threading.get_native_id(),
              threading.current_thread().ident, threading.current_thread().native_id)


ts = [threading.Thread(target=ident, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(all(a == b == d and c == e for a, b, c, d, e in ids.values()))
print(len({v[0] for v in ids.values()} | {threading.get_ident()}) >= 2)
print(threading.main_thread() is threading.current_thread(), threading.main_thread().name)
print(threading.current_thread().native_id == threading.get_native_id())
t = threading.Thread(target=lambda: None, name="named", daemon=True)
print(t.name, t.daemon, t.is_alive(), t.ident)
t.start()
t.join()
print(t.is_alive(), t.ident is not None)
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError", e)
try:
    threading.Thread().join()
except RuntimeError as e:
    print("RuntimeError", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError", e)
