# The _thread module directly: start_new_thread with args/kwargs, allocate_lock handshakes,
# _count, stack_size, argument errors; the GIL's forced switching between CPU-bound threads;
# signals only in the main thread; interrupt_main; sys.setswitchinterval.
import _thread
import signal
import sys
import threading
import time

print("-- start_new_thread")
done = _thread.allocate_lock()
done.acquire()
box = []


def worker(a, b, *, c):
    box.append((a, b, c, _thread.get_ident() != main_ident))
    done.release()


main_ident = _thread.get_ident()
tid = _thread.start_new_thread(worker, (1, 2), {"c": 3})
print(type(tid).__name__, done.acquire(timeout=5), box)
for args in [(1, ()), (worker, []), (worker, (), []), (worker,)]:
    try:
        _thread.start_new_thread(*args)
    except TypeError as e:
        print("TypeError", e)

print("-- _count")
go = _thread.allocate_lock()
go.acquire()
started = []
finished = _thread.allocate_lock()
finished.acquire()
base = _thread._count()


def held():
    started.append(_thread._count())
    go.acquire()
    go.release()
    finished.release()


_thread.start_new_thread(held, ())
while not started:
    time.sleep(0.001)
print("running:", _thread._count() - base, started[0] - base)
go.release()
finished.acquire()
time.sleep(0.01)
for _ in range(200):
    if _thread._count() == base:
        break
    time.sleep(0.005)
print("after:", _thread._count() - base)

print("-- exit and SystemExit end a thread quietly")
ends = _thread.allocate_lock()
ends.acquire()


def quits(how):
    try:
        if how == "exit":
            _thread.exit()
        raise SystemExit
    finally:
        ends.release()


_thread.start_new_thread(quits, ("exit",))
ends.acquire()
_thread.start_new_thread(quits, ("raise",))
ends.acquire()
print("both ended")

print("-- stack_size")
print(_thread.stack_size())
for v in (-1, 4096):
    try:
        _thread.stack_size(v)
    except ValueError as e:
        print("ValueError", e)
print(_thread.stack_size(1 << 20), _thread.stack_size())
t = threading.Thread(target=lambda: box.append(sum(range(1000))))
t.start()
t.join()
print(box[-1], _thread.stack_size(0))
print(_thread.TIMEOUT_MAX == threading.TIMEOUT_MAX, _thread.error is RuntimeError)
print(isinstance(_thread.LockType, type), type(_thread.allocate_lock()) is _thread.LockType)

print("-- switching between CPU-bound threads")
old = sys.getswitchinterval()
print(old)
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
for bad in (0, -1.0):
    try:
        sys.setswitchinterval(bad)
    except ValueError as e:
        print("ValueError", e)
progress = {"a": 0, "b": 0}
stop = [False]


def spin(name):
    while not stop[0]:
        progress[name] += 1


ta = threading.Thread(target=spin, args=("a",))
tb = threading.Thread(target=spin, args=("b",))
ta.start()
tb.start()
deadline = time.monotonic() + 10
while (progress["a"] < 1000 or progress["b"] < 1000) and time.monotonic() < deadline:
    time.sleep(0.005)
stop[0] = True
ta.join()
tb.join()
print("both progressed:", progress["a"] >= 1000 and progress["b"] >= 1000)
sys.setswitchinterval(old)

# a shared counter under a lock stays exact while threads preempt each other
counter = [0]
clock = threading.Lock()


def add():
    for _ in range(2000):
        with clock:
            counter[0] += 1


ts = [threading.Thread(target=add) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("counter", counter[0])

print("-- signals belong to the main thread")
res = []


def try_signal():
    try:
        signal.signal(signal.SIGUSR1, lambda *a: None)
    except ValueError as e:
        res.append(str(e))


t = threading.Thread(target=try_signal)
t.start()
t.join()
print(res)
got = []
signal.signal(signal.SIGUSR1, lambda signum, frame: got.append(
    (signum, threading.current_thread() is threading.main_thread())))
t = threading.Thread(target=lambda: signal.pthread_kill(threading.main_thread().ident,
                                                        signal.SIGUSR1))
t.start()
t.join()
for _ in range(100):
    if got:
        break
    time.sleep(0.001)
print(got)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)

print("-- interrupt_main")


def interrupter():
    time.sleep(0.02)
    _thread.interrupt_main()


t = threading.Thread(target=interrupter)
t.start()
try:
    for _ in range(1000):
        time.sleep(0.01)
    print("not interrupted")
except KeyboardInterrupt:
    print("KeyboardInterrupt in main")
t.join()
try:
    _thread.interrupt_main(signal.NSIG + 10)
except ValueError as e:
    print("ValueError", e)
