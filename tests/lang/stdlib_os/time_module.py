# time: struct_time from gmtime (TZ-independent), strftime/asctime of fixed times, mktime and
# localtime round trips, clocks' types and monotonicity, sleep, and the argument errors.
import time

t = time.gmtime(0)
print(t)
print(tuple(t), t.tm_zone, t.tm_gmtoff, len(t), type(t).__name__)
print(time.gmtime(1234567890))
print(time.gmtime(-86400.5))
print(time.gmtime(1e9 + 0.9).tm_sec)
t2 = time.gmtime(951782400)  # 2000-02-29
print(t2.tm_year, t2.tm_mon, t2.tm_mday, t2.tm_wday, t2.tm_yday, t2.tm_isdst)
for fmt in ["%Y-%m-%d %H:%M:%S", "%a %A %b %B %j %U %w %y", "%%literal %p %I", "", "%", "x%Yy"]:
    print(repr(fmt), repr(time.strftime(fmt, time.gmtime(1234567890))))
print(time.asctime(time.gmtime(1234567890)))
print(time.asctime((2000, 1, 1, 0, 0, 0, 0, 1, 0)))
print(time.asctime((2000, 0, 0, 0, 0, 0, 0, 0, 0)))
print(time.asctime((12345, 12, 31, 23, 59, 59, 6, 365, 0)))
print(time.strftime("%Y", (2000, 0, 0, 0, 0, 0, 0, 0, 0)))
print(time.strftime("%Y-%m-%d", (-5, 1, 1, 0, 0, 0, 0, 1, 0)))
st = time.struct_time((2001, 2, 3, 4, 5, 6, 0, 34, 0))
print(st, st.tm_zone, st.tm_gmtoff)

lt = time.localtime(1234567890)
print("mktime roundtrip", time.mktime(lt) == 1234567890.0, type(time.mktime(lt)).__name__)
print("localtime fields", len(lt), isinstance(lt.tm_zone, str), isinstance(lt.tm_gmtoff, int))
print("ctime", time.ctime(0) == time.asctime(time.localtime(0)))
print("tz", isinstance(time.timezone, int), isinstance(time.altzone, int), time.daylight in (0, 1),
      isinstance(time.tzname, tuple), len(time.tzname))

a = time.monotonic()
b = time.monotonic()
print("monotonic", b >= a, type(a).__name__, type(time.monotonic_ns()).__name__)
print("clocks", type(time.time()).__name__, type(time.time_ns()).__name__,
      type(time.perf_counter()).__name__, type(time.perf_counter_ns()).__name__,
      type(time.process_time()).__name__, type(time.process_time_ns()).__name__,
      type(time.thread_time()).__name__, type(time.thread_time_ns()).__name__)
print("time_ns close", abs(time.time_ns() / 1e9 - time.time()) < 5)
start = time.monotonic()
time.sleep(0.05)
time.sleep(0)
print("slept", time.monotonic() - start >= 0.04)
print("clock_gettime", type(time.clock_gettime(time.CLOCK_REALTIME)).__name__,
      type(time.clock_gettime_ns(time.CLOCK_MONOTONIC)).__name__,
      time.clock_getres(time.CLOCK_MONOTONIC) > 0)
print("constants", time.CLOCK_REALTIME, time.CLOCK_MONOTONIC, time.CLOCK_PROCESS_CPUTIME_ID,
      time.CLOCK_THREAD_CPUTIME_ID, time.CLOCK_MONOTONIC_RAW, time.CLOCK_BOOTTIME)


def show_error(what, func, *args):
    try:
        r = func(*args)
    except Exception as e:
        print(what, type(e).__name__, e)
    else:
        print(what, "->", repr(r))


show_error("sleep negative", time.sleep, -1)
show_error("sleep str", time.sleep, "x")
show_error("sleep nan", time.sleep, float("nan"))
show_error("gmtime nan", time.gmtime, float("nan"))
show_error("gmtime huge", time.gmtime, 1e30)
show_error("gmtime str", time.gmtime, "x")
show_error("month", time.strftime, "%Y", (2000, 13, 1, 0, 0, 0, 0, 1, 0))
show_error("hour", time.strftime, "%Y", (2000, 1, 1, 24, 0, 0, 0, 1, 0))
show_error("minute", time.strftime, "%Y", (2000, 1, 1, 0, 60, 0, 0, 1, 0))
show_error("second", time.strftime, "%Y", (2000, 1, 1, 0, 0, 62, 0, 1, 0))
show_error("mday", time.strftime, "%Y", (2000, 1, 32, 0, 0, 0, 0, 1, 0))
show_error("yday", time.strftime, "%Y", (2000, 1, 1, 0, 0, 0, 0, 367, 0))
show_error("wday", time.strftime, "%Y", (2000, 1, 1, 0, 0, 0, -3, 1, 0))
show_error("short tuple", time.asctime, (1, 2))
show_error("not tuple", time.asctime, 5)
show_error("strftime fmt", time.strftime, 5)
show_error("strftime empty tuple", time.strftime, "", ())
show_error("mktime big", time.mktime, (2 ** 40, 1, 1, 0, 0, 0, 0, 1, 0))
show_error("clock bad", time.clock_gettime, 999)
print("strptime", time.strptime("2000-01-02 03:04:05", "%Y-%m-%d %H:%M:%S"))
print("strptime default", tuple(time.strptime("Sun Jan  2 03:04:05 2000"))[:6])
show_error("strptime bad", time.strptime, "2000", "%d")
for name in ("time", "monotonic", "perf_counter", "process_time", "thread_time"):
    info = time.get_clock_info(name)
    print("clock_info", name, info.implementation, info.monotonic, info.adjustable, info.resolution)
show_error("clock_info bad", time.get_clock_info, "nope")
print("_STRUCT_TM_ITEMS", time._STRUCT_TM_ITEMS)
print("floor", time.gmtime(-1.5)[:6], time.gmtime(1.999)[:6], time.gmtime(True)[:6])
for v in (0, 0.0000001, 1e-10):
    time.sleep(v)
for bad in ("x", -0.5, float("nan"), 1e300, 2 ** 70, None):
    show_error("sleep %r" % (bad,), time.sleep, bad)
for bad in (2 ** 70, -2 ** 70, float("inf")):
    show_error("gmtime %r" % (bad,), time.gmtime, bad)
print("clock_info repr", time.get_clock_info("monotonic"))
