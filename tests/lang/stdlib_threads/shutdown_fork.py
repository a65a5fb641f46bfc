# Interpreter shutdown with threads (threading._shutdown joins non-daemon threads before
# atexit handlers; daemon threads never block the exit) and os.fork() in a threaded process
# (only the forking thread survives; the child can start threads of its own).
import atexit
import os
import sys
import threading
import time

atexit.register(lambda: print("atexit handler, alive:", sorted(
    t.name for t in threading.enumerate())))
threading._register_atexit(lambda: print("threading atexit hook"))

print("-- fork with threads running")
stop = threading.Event()
bg = threading.Thread(target=stop.wait, name="bg", daemon=True)
bg.start()
lock = threading.Lock()
rlock = threading.RLock()
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    try:
        print("child: threads", threading.active_count(), [t.name for t in threading.enumerate()])
        print("child: main is current", threading.current_thread() is threading.main_thread())
        print("child: lock usable", lock.acquire(timeout=1), rlock.acquire(timeout=1))
        res = []
        t = threading.Thread(target=lambda: res.append(sum(range(100))))
        t.start()
        t.join()
        print("child: new thread ran", res)
    finally:
        sys.stdout.flush()
        os._exit(7)
_, status = os.waitpid(pid, 0)
print("parent: child exit", os.waitstatus_to_exitcode(status), "bg alive", bg.is_alive())
stop.set()
bg.join()

print("-- a non-daemon thread outlives the main code")


def late():
    time.sleep(0.05)
    print("late worker finished")


threading.Thread(target=late, name="late").start()

blocker = threading.Lock()
blocker.acquire()
threading.Thread(target=blocker.acquire, name="stuck-daemon", daemon=True).start()


def sleepy():
    while True:
        time.sleep(0.01)


threading.Thread(target=sleepy, name="sleepy-daemon", daemon=True).start()
print("main code done")
