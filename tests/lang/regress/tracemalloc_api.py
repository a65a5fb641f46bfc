# tracemalloc over the native _tracemalloc: start/stop, limits, sizes, snapshots, object tracebacks.
import os
import tracemalloc

here = os.path.basename(__file__)
print(tracemalloc.is_tracing())
tracemalloc.start(5)
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())


def make():
    return [str(i) * 10 for i in range(2000)]


data = make()
cur, peak = tracemalloc.get_traced_memory()
print(cur > 50000, peak >= cur)
tb = tracemalloc.get_object_traceback(data[5])
print(tb is not None and here in str(tb), len(tb) >= 1)
data.clear()
print(tracemalloc.get_traced_memory()[0] < cur - 50000)
tracemalloc.reset_peak()
now, peak2 = tracemalloc.get_traced_memory()
print(peak2 >= now, peak2 < peak)
keep = make()
snap = tracemalloc.take_snapshot()
top = snap.statistics("lineno")
print(any(here in str(s.traceback) for s in top[:5]))
print(any(here in str(s.traceback) for s in snap.statistics("filename")[:5]))
print(tracemalloc.get_tracemalloc_memory() > 0)
tracemalloc.clear_traces()
print(tracemalloc.get_object_traceback(keep[0]))
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
print(tracemalloc.take_snapshot.__name__)
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print("RuntimeError", e)
for bad in (0, 70000, -1):
    try:
        tracemalloc.start(bad)
    except ValueError as e:
        print(e)
try:
    tracemalloc.start("x")
except TypeError as e:
    print("TypeError", e)
