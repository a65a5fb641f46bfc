# queue.Queue producers/consumers with task_done/join, the other queue kinds across threads,
# and concurrent.futures.ThreadPoolExecutor (map keeps order, exceptions reach the caller).
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, FIRST_EXCEPTION

print("-- producers and consumers")
q = queue.Queue(maxsize=3)
results = []
rlock = threading.Lock()


def producer(base):
    for i in range(20):
        q.put(base + i)


def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            return
        with rlock:
            results.append(item * 2)
        q.task_done()


producers = [threading.Thread(target=producer, args=(k * 100,)) for k in range(3)]
consumers = [threading.Thread(target=consumer) for _ in range(2)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
q.join()
for _ in consumers:
    q.put(None)
for t in consumers:
    t.join()
print(len(results), sum(results), sorted(results)[:5], q.empty(), q.qsize())

print("-- timeouts and full/empty")
q2 = queue.Queue(1)
q2.put("x")
for call in (lambda: q2.put("y", timeout=0.01), lambda: q2.put_nowait("y")):
    try:
        call()
    except queue.Full as e:
        print("Full", type(e).__name__)
print(q2.get(), q2.full())
try:
    q2.get(timeout=0.01)
except queue.Empty:
    print("Empty after timeout")
try:
    q2.get(timeout=-1)
except ValueError as e:
    print("ValueError", e)
try:
    q2.task_done()
    q2.task_done()
except ValueError as e:
    print("ValueError", e)

print("-- priority and lifo across threads")
pq = queue.PriorityQueue()
lq = queue.LifoQueue()
sq = queue.SimpleQueue()


def filler():
    for v in (5, 1, 4, 2, 3):
        pq.put((v, "p%d" % v))
        lq.put(v)
        sq.put(v)


t = threading.Thread(target=filler)
t.start()
t.join()
print([pq.get()[1] for _ in range(5)], [lq.get() for _ in range(5)], [sq.get() for _ in range(5)])

print("-- blocking get wakes up")
hand = queue.Queue()
got = []
t = threading.Thread(target=lambda: got.append(hand.get(timeout=5)))
t.start()
time.sleep(0.01)
hand.put("hello")
t.join()
print(got)

print("-- ThreadPoolExecutor")


def square(x):
    time.sleep(0.001 * (x % 3))
    return x * x


with ThreadPoolExecutor(max_workers=4) as ex:
    print(list(ex.map(square, range(12))))
    futs = [ex.submit(pow, 2, i) for i in range(10)]
    print(sorted(f.result() for f in as_completed(futs)))
    print([f.result() for f in futs])


def fails(n):
    if n == 3:
        raise KeyError("bad %d" % n)
    return n


with ThreadPoolExecutor(max_workers=2) as ex:
    futs = [ex.submit(fails, i) for i in range(5)]
    done, _ = wait(futs, return_when=FIRST_EXCEPTION)
    for f in futs:
        e = f.exception()
        print(f.result() if e is None else "%s %s" % (type(e).__name__, e))
    try:
        list(ex.map(fails, range(5)))
    except KeyError as e:
        print("map raised", repr(e))

ex = ThreadPoolExecutor(1)
ex.shutdown()
try:
    ex.submit(print, "late")
except RuntimeError as e:
    print("RuntimeError", e)
names = set()
with ThreadPoolExecutor(2, thread_name_prefix="worker") as ex:
    for n in ex.map(lambda _: threading.current_thread().name.split("_")[0], range(8)):
        names.add(n)
print(names)
