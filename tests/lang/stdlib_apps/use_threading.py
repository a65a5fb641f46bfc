# threading without starting threads: the main thread, locks, conditions, events, locals,
# semaphores and timers' objects (pyrs has no second thread yet; see docs/STATUS.md).
import threading

t = threading.current_thread()
print(t.name, t is threading.main_thread(), threading.active_count(), t.daemon, t.is_alive())
lock = threading.Lock()
print(lock.acquire(), lock.locked(), lock.acquire(blocking=False))
lock.release()
print(lock.locked())
with lock:
    print("inside", lock.locked())
rlock = threading.RLock()
with rlock:
    with rlock:
        print("reentrant ok")
try:
    rlock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
ev = threading.Event()
print(ev.is_set(), ev.wait(0.01))
ev.set()
print(ev.is_set(), ev.wait())
cond = threading.Condition()
with cond:
    print(cond.wait(0.01))
sem = threading.BoundedSemaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(blocking=False))
sem.release()
sem.release()
try:
    sem.release()
except ValueError as e:
    print("ValueError:", e)
local = threading.local()
local.x = 5
print(local.x, hasattr(local, "y"))
th = threading.Thread(target=print, args=("never",), name="worker")
print(th.name, th.is_alive(), th.daemon, th.ident)
print(isinstance(threading.get_ident(), int), threading.TIMEOUT_MAX > 0)
