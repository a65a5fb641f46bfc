# Locks, RLock, Condition, Event, Semaphore and Barrier used by real threads: results are
# joined and printed in a fixed order; error types and messages as CPython's.
import threading
import time


def err(f, *args, **kw):
    try:
        r = f(*args, **kw)
        print("  ok", r)
    except Exception as e:
        print("  ", type(e).__name__, e)


print("-- Lock")
lock = threading.Lock()
print(lock.locked(), lock.acquire(), lock.locked())
print("nonblocking while held:", lock.acquire(False), lock.acquire(blocking=False))
t0 = time.monotonic()
print("timeout while held:", lock.acquire(timeout=0.05), time.monotonic() - t0 >= 0.04)
lock.release()
err(lock.release)
err(lock.acquire, False, 1)
err(lock.acquire, timeout=-5)
err(lock.acquire, timeout=1e300)
with lock:
    print("in with:", lock.locked())
print("after with:", lock.locked())
print(repr(lock).split(" object")[0])

# a lock released by another thread than the one that took it
gate = threading.Lock()
gate.acquire()
released = []


def opener():
    time.sleep(0.01)
    released.append(True)
    gate.release()


t = threading.Thread(target=opener)
t.start()
print("waiting on gate:", gate.acquire(timeout=5), released)
t.join()

print("-- RLock")
r = threading.RLock()
print(r.acquire(), r.acquire(), r._is_owned())
r.release()
r.release()
err(r.release)
state = []


def other_tries():
    state.append(r.acquire(blocking=False))


r.acquire()
t = threading.Thread(target=other_tries)
t.start()
t.join()
r.release()
print("other thread got held rlock:", state)


def release_foreign():
    try:
        r.release()
    except RuntimeError as e:
        state.append(str(e))


r.acquire()
t = threading.Thread(target=release_foreign)
t.start()
t.join()
r.release()
print(state)

print("-- Condition")
cond = threading.Condition()
items = []
consumed = []


def consumer():
    with cond:
        for _ in range(5):
            cond.wait_for(lambda: items)
            consumed.append(items.pop(0))


t = threading.Thread(target=consumer)
t.start()
for i in range(5):
    with cond:
        items.append(i * 10)
        cond.notify()
    time.sleep(0.002)
t.join()
print(consumed)
with cond:
    print("wait timeout:", cond.wait(0.01))
err(cond.notify)
err(cond.wait, 0)

print("-- Event")
ev = threading.Event()
seen = []


def waiter(n):
    seen.append((n, ev.wait(5)))


ts = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
time.sleep(0.01)
print("set?", ev.is_set())
ev.set()
for t in ts:
    t.join()
print(sorted(seen), ev.is_set())
ev.clear()
print("wait on cleared:", ev.wait(0.01))

print("-- Semaphore")
sem = threading.Semaphore(2)
active = [0]
peak = [0]
mtx = threading.Lock()


def limited():
    with sem:
        with mtx:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.005)
        with mtx:
            active[0] -= 1


ts = [threading.Thread(target=limited) for _ in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("peak", peak[0], "active", active[0])
bs = threading.BoundedSemaphore(1)
bs.acquire()
bs.release()
err(bs.release)
err(threading.Semaphore, -1)
print(sem.acquire(timeout=0.01), sem.acquire(timeout=0.01), sem.acquire(timeout=0.01))

print("-- Barrier")
order = []
bar = threading.Barrier(3, action=lambda: order.append("action"))


def party(n):
    i = bar.wait()
    with mtx:
        order.append(("passed", n))
    return i


ts = [threading.Thread(target=party, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(order[0], sorted(order[1:]))
print(bar.parties, bar.n_waiting, bar.broken)
b2 = threading.Barrier(2, timeout=0.02)
err(b2.wait)
print("broken:", b2.broken)
err(b2.wait)
b2.reset()
print("after reset:", b2.broken)

print("-- Timer")
fired = []
tm = threading.Timer(0.01, fired.append, args=("fired",))
tm.start()
tm.join()
tm2 = threading.Timer(10, fired.append, args=("never",))
tm2.start()
tm2.cancel()
tm2.join()
print(fired)
